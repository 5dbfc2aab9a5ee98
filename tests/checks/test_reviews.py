"""Shapes of ``reviews:`` the fixtures do not show: additional reviewers, several clusters, a covered-by-default case.

Each test edits the valid set in a tmp folder and checks that the validator accepts it and that the views
read it as the record says. Cluster keys come from the vocabulary (its cluster list is still being
researched), never from this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_helpers import build_profiles

from profilesite.checks import validate
from profilesite.problems import report
from profilesite.views.parties import InstrumentReviewers, PartyIndex, Reviewing, reviewers_by_instrument

KEN_REVIEWERS = "    reviewers: [uga, fra]\n"
KEN_LANGUAGES = "    languages: [en, fr]\nnominations:"


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "profiles" / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _validated(root: Path):
    records, problems = validate([root / "profiles"], root)
    assert report(problems) == []
    assert records.vocabulary is not None
    return records


def test_additional_reviewers_for_instruments_a_reviewer_has_not_joined(tmp_path: Path) -> None:
    """ken joined every instrument; uga has not joined the TIP Protocol, fra not the Firearms Protocol.

    eur (party to the TIP Protocol) and deu (party to the Firearms Protocol) are drawn for them: valid, and
    shown per instrument beside the reviewers drawn by lot that joined it.
    """
    root = build_profiles(tmp_path)
    _edit(
        root,
        "ken.yaml",
        KEN_REVIEWERS,
        KEN_REVIEWERS
        + "    additional_reviewers:\n"
        + "      - {instrument: tip, party: eur}\n"
        + "      - {instrument: firearms, party: deu}\n",
    )
    records = _validated(root)
    ken = records.parties["ken"]
    [review] = ken.reviews
    assert [(extra.instrument, extra.party) for extra in review.additional_reviewers] == [
        ("tip", "eur"),
        ("firearms", "deu"),
    ]
    rows = reviewers_by_instrument(ken, review, records.parties, records.vocabulary)
    assert rows == [
        InstrumentReviewers("untoc", ("uga", "fra"), (), 0),
        InstrumentReviewers("tip", ("fra",), ("eur",), 0),
        InstrumentReviewers("som", ("fra",), (), 1),  # no additional reviewer recorded (yet)
        InstrumentReviewers("firearms", ("uga",), ("deu",), 0),
    ]
    index = PartyIndex(records.parties, records.vocabulary)
    assert Reviewing("ken", review.cluster, ("tip",)) in index.reviewing["eur"]
    assert Reviewing("ken", review.cluster, ("firearms",)) in index.reviewing["deu"]
    assert "ken" in index.reviews["eur"] and "ken" in index.reviews["deu"]


def test_reviews_of_several_clusters_in_order(tmp_path: Path) -> None:
    """A second review on a later cluster, on part of the instruments, is valid and becomes the latest."""
    root = build_profiles(tmp_path)
    vocabulary = _validated(root).vocabulary
    first, later = vocabulary.clusters[0].key, vocabulary.clusters[-1].key
    if first == later:
        pytest.fail("the vocabulary needs two clusters for this test")
    second = (
        f"  - cluster: {later}\n"
        "    sample: true\n"
        "    group: 1\n"
        "    instruments: [untoc, tip]\n"
        "    reviewers: [fra, uga]\n"
        "    additional_reviewers:\n"
        "      - {instrument: tip, party: eur}\n"
    )
    _edit(root, "ken.yaml", KEN_LANGUAGES, "    languages: [en, fr]\n" + second + "nominations:")
    records = _validated(root)
    ken = records.parties["ken"]
    assert [review.cluster for review in ken.reviews] == [first, later]
    assert ken.latest_review is ken.reviews[1]
    assert ken.review_of(first) is ken.reviews[0]
    assert ken.latest_review.instruments == ["untoc", "tip"]
    rows = reviewers_by_instrument(ken, ken.latest_review, records.parties, records.vocabulary)
    assert [row.instrument for row in rows] == ["untoc", "tip"]  # only the instruments listed
    index = PartyIndex(records.parties, records.vocabulary)
    fra_reviews_ken = [item for item in index.reviewing["fra"] if item.party == "ken"]
    assert fra_reviews_ken == [Reviewing("ken", first, None), Reviewing("ken", later, None)]


def test_an_additional_reviewer_for_an_instrument_the_party_has_not_joined(tmp_path: Path) -> None:
    """deu has not joined the TIP Protocol, so its review (instruments left out: all joined) does not cover it.

    The invalid fixture additional-reviewer-instrument-not-covered shows the other way: not listed.
    """
    root = build_profiles(tmp_path)
    _edit(
        root,
        "deu.yaml",
        "    reviewers: [fra, arg]\n",
        "    reviewers: [fra, arg]\n    additional_reviewers:\n      - {instrument: tip, party: eur}\n",
    )
    _, problems = validate([root / "profiles"], root)
    [line] = report(problems)
    assert line.startswith("profiles/deu.yaml:")
    assert "reviews[0].additional_reviewers[0].instrument: this review does not cover tip" in line


def test_a_broken_reviewer_record_does_not_make_an_additional_reviewer_wrong(tmp_path: Path) -> None:
    """deu's additional reviewer for the Firearms Protocol is right (fra has not joined it); fra.yaml broken.

    Whether both reviewers joined cannot be known while a reviewer's record is unreadable: only fra's own
    problem is reported, as for the other rules (test_broken_record_does_not_break_the_parties_it_reviews).
    """
    root = build_profiles(tmp_path)
    _edit(
        root,
        "deu.yaml",
        "    reviewers: [fra, arg]\n",
        "    reviewers: [fra, arg]\n    additional_reviewers:\n      - {instrument: firearms, party: uga}\n",
    )
    _validated(root)  # valid as it stands
    _edit(root, "fra.yaml", "code: fra\n", "code: fra\ncode: fra\n")  # a duplicate key: fra is unreadable
    _, problems = validate([root / "profiles"], root)
    lines = report(problems)
    assert lines and all(line.startswith("profiles/fra.yaml:") for line in lines), lines
