"""The six figures and the headline numbers, counted by hand from tests/fixtures/valid (table in, table out).

Fixture facts used below (see the YAML files):

    code  review group  stages passed (fp, experts, consultation, saq, feedback, observations)  languages
    arg   —             (not in the review; no nominations: no focal point)
    deu   3             none                              [en]          focal point: yes (no stage dated)
    eur   3             fp, experts, consultation         [en, fr, es]  focal point: yes
    fra   1             fp, experts, consultation, saq    [fr]          focal point: yes
    ken   1             all six                           [en, fr]      focal point: yes
    mex   —             (not in the review)
    pak   —             (not in the review)
    uga   2             fp, experts                       []            focal point: yes

    reviewers: deu <- fra, arg;  eur <- deu, uga;  fra <- deu, ken;  ken <- uga, fra;  uga <- ken, deu

    arg has no nominations (no focal point); every review that held its consultation has the three focal
    points it needs (background paper, para. 26), so only deu's review, which arg reviews, is held up.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from profilesite import routes
from profilesite.checks import validate
from profilesite.stats.figures import all_figures, headlines, party_attributes
from profilesite.views.parties import PartyIndex

from ..conftest import FIXTURE_RECORDS, REPO, make_project


def _index(root: Path) -> PartyIndex:
    records, problems = validate([root / "profiles"], root)
    assert problems == []
    assert records.vocabulary is not None
    return PartyIndex(records.parties, records.vocabulary)


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory: pytest.TempPathFactory) -> PartyIndex:
    root = make_project(tmp_path_factory.mktemp("figures"), FIXTURE_RECORDS)
    return _index(root)


@pytest.fixture(scope="module")
def shipped_index() -> PartyIndex:
    return _index(REPO)


def _figure(index: PartyIndex, key: str):
    return next(figure for figure in all_figures(index) if figure.key == key)


def _nonzero(figure) -> dict[tuple[str, str], int]:
    return {cell: count for cell, count in figure.counts.items() if count}


def test_the_six_figures_in_the_papers_order(fixture_index):
    assert [figure.key for figure in all_figures(fixture_index)] == [
        "focal-points",
        "review-status",
        "initial-consultation",
        "working-languages",
        "self-assessment",
        "written-feedback",
    ]


def test_figure_1_reviews_affected_by_pending_focal_points(fixture_index):
    figure = _figure(fixture_index, "focal-points")
    assert figure.rows == ["1", "2", "3"]
    assert figure.columns == ["yes", "no"]
    assert _nonzero(figure) == {
        # group 1: fra (reviewed by deu and ken) and ken (by uga and fra): all have focal points
        ("1", "no"): 2,
        # group 2: uga is reviewed by ken and deu -> not affected
        ("2", "no"): 1,
        # group 3: deu is reviewed by arg, which has no focal point -> affected; eur (deu, uga) is not
        ("3", "yes"): 1,
        ("3", "no"): 1,
    }
    assert routes.party_list(**figure.filters("3", "yes")) == "profiles/?group=3&affected=yes"


def test_figure_2_status_of_the_reviews(fixture_index):
    figure = _figure(fixture_index, "review-status")
    assert figure.columns == [
        "not_started",
        "initial_consultation",
        "self_assessment",
        "written_feedback",
        "list_of_observations",
        "concluded",
    ]
    assert _nonzero(figure) == {
        ("1", "written_feedback"): 1,  # fra: questionnaire submitted, feedback pending
        ("1", "concluded"): 1,  # ken: list of observations finalized
        ("2", "initial_consultation"): 1,  # uga: experts nominated, consultation not held
        ("3", "not_started"): 1,  # deu: no stage passed
        ("3", "self_assessment"): 1,  # eur: consultation held, no questionnaire yet
    }
    assert [figure.row_total(row) for row in figure.rows] == [2, 1, 2]
    assert figure.total == 5  # the five parties in the review


def test_figure_3_initial_consultation_held(fixture_index):
    figure = _figure(fixture_index, "initial-consultation")
    assert figure.columns == ["held", "not_held"]
    assert _nonzero(figure) == {
        ("1", "held"): 2,  # fra, ken
        ("2", "not_held"): 1,  # uga
        ("3", "held"): 1,  # eur
        ("3", "not_held"): 1,  # deu
    }


def test_figure_4_working_languages(fixture_index):
    figure = _figure(fixture_index, "working-languages")
    # only the reviews that began (consultation held): fra [fr], ken [en, fr], eur [en, fr, es];
    # deu chose [en] but held no consultation, uga none. Order: one language, two, three (UN order inside).
    assert figure.rows == ["all"]
    assert figure.columns == ["fr", "en+fr", "en+fr+es"]
    assert figure.counts == {("all", "fr"): 1, ("all", "en+fr"): 1, ("all", "en+fr+es"): 1}
    assert figure.row_filter is None
    assert routes.party_list(**figure.filters("all", "fr")) == "profiles/?languages=fr"


def test_figure_5_self_assessment_progress(fixture_index):
    figure = _figure(fixture_index, "self-assessment")
    assert figure.columns == ["not_started", "in_preparation", "done"]
    assert _nonzero(figure) == {
        ("1", "done"): 2,  # fra and ken submitted
        ("2", "not_started"): 1,  # uga: no consultation yet
        ("3", "not_started"): 1,  # deu
        ("3", "in_preparation"): 1,  # eur: consultation held, not submitted
    }


def test_figure_6_written_feedback_progress(fixture_index):
    figure = _figure(fixture_index, "written-feedback")
    assert _nonzero(figure) == {
        ("1", "in_preparation"): 1,  # fra: questionnaire in, feedback pending
        ("1", "done"): 1,  # ken
        ("2", "not_started"): 1,  # uga
        ("3", "not_started"): 2,  # deu, eur: no questionnaire yet
    }


def test_headline_numbers(fixture_index):
    numbers = headlines(fixture_index)
    assert numbers.parties == 8  # eight fixture files
    assert numbers.in_review == 5  # deu, eur, fra, ken, uga
    assert numbers.focal_points == 5  # deu, eur, fra, ken, uga
    assert numbers.without_focal_point == 0  # arg has none, but it is not in the review
    assert numbers.experts == 14  # deu 0 + eur 5 + fra 3 + ken 4 + uga 2
    assert numbers.experts_women == 8  # 0 + 2 + 3 + 2 + 1
    assert numbers.women_share == pytest.approx(8 / 14)
    assert numbers.with_observers == 1  # ken
    assert numbers.parties_per_instrument == {
        "untoc": 8,  # every party has a consent to the Convention
        "tip": 3,  # eur, fra, ken (uga only signed)
        "som": 2,  # fra, ken
        "firearms": 4,  # arg, deu, ken, uga
    }
    assert numbers.review_start == dt.date(2020, 12, 1)  # group 1 began first
    # only deu's Firearms Protocol ratification (2021-10-14) is on or after 2020-12-01
    assert numbers.accessions_since_start == {"untoc": 0, "tip": 0, "som": 0, "firearms": 1}
    assert numbers.as_of == dt.date(2024, 2, 29)


def test_headline_timeline_is_cumulative_per_year(fixture_index):
    timeline = headlines(fixture_index).timeline
    # Firearms Protocol: ken 2005-01-05, uga 2005-03-09, arg 2006-12-18, deu 2021-10-14; up to 2024 (as of)
    firearms = dict(timeline["firearms"])
    assert list(firearms) == list(range(2005, 2025))
    assert firearms[2005] == 2
    assert all(firearms[year] == 3 for year in range(2006, 2021))
    assert all(firearms[year] == 4 for year in range(2021, 2025))
    # Convention: arg and fra 2002, eur and ken 2004, uga 2005, deu 2006, mex and pak 2010
    untoc = dict(timeline["untoc"])
    assert (untoc[2002], untoc[2003], untoc[2004], untoc[2005], untoc[2006], untoc[2009], untoc[2010]) == (
        2,
        2,
        4,
        5,
        6,
        6,
        8,
    )
    assert untoc[2024] == 8


# ----------------------------------------------------------------------------- properties, shipped data


def test_every_figure_counts_each_party_once(shipped_index):
    parties = shipped_index.parties.values()
    in_review = [party for party in parties if party.reviews]
    per_group = Counter(str(party.reviews[-1].group) for party in in_review)
    began = sum(1 for party in in_review if party.reviews[-1].stages.get("initial_consultation"))
    assert in_review, "the shipped data have parties in the review"
    for figure in all_figures(shipped_index):
        assert sum(figure.counts.values()) == figure.total
        assert sum(figure.column_total(column) for column in figure.columns) == figure.total
        assert set(figure.counts) <= {(row, column) for row in figure.rows for column in figure.columns}
        if figure.key == "working-languages":
            assert figure.total == began, figure.key
        else:
            assert figure.total == len(in_review), figure.key
            assert {row: figure.row_total(row) for row in figure.rows} == {
                row: per_group[row] for row in figure.rows
            }, figure.key


def test_every_cell_counts_the_parties_the_party_list_filter_selects(shipped_index):
    attributes = {
        code: party_attributes(party, shipped_index) for code, party in shipped_index.parties.items()
    }
    for figure in all_figures(shipped_index):
        for row in figure.rows:
            for column in figure.columns:
                selected = [
                    code
                    for code, party in shipped_index.parties.items()
                    if attributes[code].get(figure.column_filter) == column
                    and (figure.row_filter is None or (party.reviews and str(party.reviews[-1].group) == row))
                ]
                assert len(selected) == figure.count(row, column), (figure.key, row, column)


def test_shipped_headlines_are_consistent(shipped_index):
    numbers = headlines(shipped_index)
    assert numbers.parties == len(shipped_index.parties)
    assert numbers.focal_points + numbers.without_focal_point == numbers.in_review
    assert 0 <= numbers.experts_women <= numbers.experts
    assert numbers.parties_per_instrument["untoc"] == numbers.parties  # every party joined the Convention
    for instrument, series in numbers.timeline.items():
        counts = [count for _, count in series]
        assert counts == sorted(counts), instrument
        dated = sum(
            1
            for party in shipped_index.parties.values()
            if instrument in party.treaties
            and party.treaties[instrument].consent is not None
            and party.treaties[instrument].consent.date is not None
        )
        assert counts[-1] == dated <= numbers.parties_per_instrument[instrument], (
            instrument
        )  # undated: no year
        years = [year for year, _ in series]
        assert years == list(range(years[0], numbers.as_of.year + 1)), instrument
        assert numbers.accessions_since_start[instrument] <= numbers.parties_per_instrument[instrument]
