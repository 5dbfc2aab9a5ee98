"""The statistics by thematic cluster: status of every cluster's reviews, published responses (table in, table out).

The shipped records, changed here where a case needs it: facts stated in each test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from profilesite.checks import load_index
from profilesite.model.record import Review
from profilesite.model.response import Answer, PublicationConsent, Responses
from profilesite.render.statistics import render_statistics
from profilesite.stats.clusters import cluster_figures, cluster_status_figure, responses_figure
from profilesite.stats.figures import all_figures, status_keys
from profilesite.views.parties import PartyIndex

from ..conftest import REPO


@pytest.fixture(scope="module")
def shipped() -> PartyIndex:
    return load_index(REPO / "profiles", REPO)


def _with_reviews(index: PartyIndex, extra: dict[str, Review]) -> PartyIndex:
    parties = dict(index.parties)
    for code, review in extra.items():
        parties[code] = parties[code].model_copy(update={"reviews": [*parties[code].reviews, review]})
    return PartyIndex(parties, index.vocabulary, dict(index.responses))


def _review(index: PartyIndex, code: str, cluster: str, passed: int) -> Review:
    """A review of ``code`` on ``cluster`` that passed the first ``passed`` stages."""
    first = index.parties[code].reviews[0]
    stages = {
        stage.key: dt.date(2030, 1, 1 + number)
        for number, stage in enumerate(index.vocabulary.stages[:passed])
    }
    return Review(cluster=cluster, sample=True, group=first.group, reviewers=first.reviewers, stages=stages)


def _responses(*instruments: str) -> Responses:
    return Responses(
        sample=True,
        submitted=dt.date(2030, 1, 5),
        consent=PublicationConsent(date=dt.date(2030, 3, 4), extent="full"),
        answers=[Answer(instrument=key, article="5", language="en", text="Answer.") for key in instruments],
    )


def test_status_by_cluster_counts_every_review_of_every_cluster(shipped):
    vocabulary = shipped.vocabulary
    first, second = vocabulary.keys("clusters")[:2]
    stages = vocabulary.stages
    index = _with_reviews(
        shipped,
        {
            "ken": _review(shipped, "ken", second, len(stages)),  # every stage passed: concluded
            "fra": _review(shipped, "fra", second, 0),  # none passed: not started
        },
    )
    figure = cluster_status_figure(index)
    assert figure.rows == vocabulary.keys("clusters")
    assert figure.columns == status_keys(vocabulary)
    assert figure.columns[0] == "not_started" and figure.columns[-1] == "concluded"
    assert {
        column: figure.count(second, column) for column in figure.columns if figure.count(second, column)
    } == {
        "not_started": 1,
        "concluded": 1,
    }
    # the first cluster's row is Figure II's, summed over the groups
    status = next(item for item in all_figures(index) if item.key == "review-status")
    for column in figure.columns:
        assert figure.count(first, column) == status.column_total(column), column
    assert figure.row_total(first) == sum(1 for party in index.parties.values() if party.review_of(first))
    for row in figure.rows[2:]:
        assert figure.row_total(row) == 0, row
    # only the first cluster's cells can be listed by the party list's status filter
    assert figure.filters(first, "concluded") == {"status": "concluded"}
    assert figure.filters(second, "concluded") is None


def test_secretariat_figures_keep_counting_the_first_cluster(shipped):
    second = shipped.vocabulary.keys("clusters")[1]
    before = {figure.key: figure.counts for figure in all_figures(shipped)}
    later = _with_reviews(shipped, {"ken": _review(shipped, "ken", second, 0)})
    assert {figure.key: figure.counts for figure in all_figures(later)} == before
    assert all(figure.cluster == shipped.vocabulary.clusters[0].key for figure in all_figures(later))


def test_published_responses_by_cluster_and_instrument(shipped):
    first, second = shipped.vocabulary.keys("clusters")[:2]
    index = PartyIndex(
        dict(shipped.parties),
        shipped.vocabulary,
        {
            ("ken", first): _responses("untoc", "tip", "untoc"),
            ("fra", first): _responses("untoc"),
            ("fra", second): _responses("som"),
        },
    )
    figure = responses_figure(index)
    assert figure.columns == shipped.vocabulary.keys("instruments")
    cells = {cell: count for cell, count in figure.counts.items() if count}
    assert cells == {(first, "untoc"): 2, (first, "tip"): 1, (second, "som"): 1}
    assert figure.row_total(first) == 2  # parties, not the sum of the cells (3)
    assert figure.row_total(second) == 1
    assert figure.filters(first, "untoc") is None and not figure.chart


@pytest.mark.parametrize("locale", ["en", "ar", "zh"])
def test_statistics_page_shows_the_cluster_tables_and_their_csv(shipped, locale):
    files = render_statistics(shipped, locale)
    page = files["index.md"]
    figures = cluster_figures(shipped)
    for figure in figures:
        assert f"{{#{figure.key}}}" in page, figure.key  # the section heading's id
        rows = list(csv.reader(io.StringIO(files[f"{figure.key}.csv"])))
        assert len(rows) == 1 + len(shipped.vocabulary.clusters)
        body = [[int(cell) for cell in row[1:]] for row in rows[1:]]
        assert body == [
            [figure.count(row, column) for column in figure.columns] + [figure.row_total(row)]
            for row in figure.rows
        ]
    status, responses = figures
    section = page[page.index(f"{{#{status.key}}}") : page.index(f"{{#{responses.key}}}")]
    assert section.count('<svg class="ps-chart"') == 1  # one chart, drawn wide and compact
    # the first cluster's cells link to the party list, the other rows' do not
    links = re.findall(r'<td><a href="([^"]+)">', section)
    assert len(links) == len(status.columns)
    assert all("status=" in link for link in links)
    tail = page[page.index(f"{{#{responses.key}}}") :]
    assert "<svg" not in tail.split("## ")[0] and '<td><a href="' not in tail.split("## ")[0]
    if locale == "zh":  # a cluster name sourced in English only is marked as English
        assert '<span class="ps-row-name" lang="en" dir="ltr">' in section
    if locale == "ar":  # the first cluster's name is sourced in Arabic
        assert shipped.vocabulary.clusters[0].label.ar in section
