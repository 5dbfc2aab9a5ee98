"""The benchmark's synthetic data sets obey every rule, so `make bench` times builds of valid records."""

from __future__ import annotations

from pathlib import Path

from profilesite.bench import synthetic_profiles, synthetic_responses
from profilesite.checks import load_index
from profilesite.workspace import copy_project

REPO = Path(__file__).resolve().parents[2]


def test_every_party_in_the_review_answers_every_article_of_the_first_cluster(tmp_path: Path):
    shipped = load_index(REPO / "profiles", REPO)
    records, files = synthetic_responses(REPO / "profiles", tmp_path / "answered", shipped.vocabulary)
    project = copy_project(REPO, tmp_path / "project", tmp_path / "answered")
    index = load_index(project / "profiles", project)  # raises if any record or response breaks a rule
    first = shipped.vocabulary.clusters[0].key
    in_review = [code for code, party in index.parties.items() if party.review_of(first)]
    assert records == len(shipped.parties) and files == len(index.responses) == len(in_review)
    for (code, cluster), responses in index.responses.items():
        party = index.parties[code]
        expected = {
            (instrument, article.number)
            for instrument, article in index.vocabulary.cluster_articles(cluster)
            if party.joined(instrument)
        }
        assert {(answer.instrument, answer.article) for answer in responses.answers} == expected
    languages = {answer.language for responses in index.responses.values() for answer in responses.answers}
    assert {"en", "ar", "zh"} <= languages  # both scripts the pages must lay out differently


def test_the_tenfold_set_is_valid(tmp_path: Path):
    count = synthetic_profiles(REPO / "profiles", tmp_path / "large", 2)
    project = copy_project(REPO, tmp_path / "project", tmp_path / "large")
    index = load_index(project / "profiles", project)
    assert count == len(index.parties) == 2 * len(load_index(REPO / "profiles", REPO).parties)
