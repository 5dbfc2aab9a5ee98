"""The valid fixture set passes validation, through the Python API and the command line, and is diverse."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from golden_helpers import FIXTURES, VALID, build_profiles, cli_command

from profilesite.checks import validate
from profilesite.problems import report

CODES = ["arg", "deu", "eur", "fra", "ken", "mex", "pak", "uga"]


@pytest.fixture
def loaded(tmp_path: Path):
    """The valid set validated from a tmp ``profiles/`` folder: (records, problems)."""
    root = build_profiles(tmp_path)
    return validate([root / "profiles"], root)


def test_valid_set_has_no_problems(loaded) -> None:
    records, problems = loaded
    assert report(problems) == []
    assert records.vocabulary is not None
    assert sorted(records.records) == CODES
    assert sorted(records.parties) == CODES


def test_each_file_alone_has_no_problems(tmp_path: Path) -> None:
    root = build_profiles(tmp_path)
    for code in CODES:
        _, problems = validate([root / "profiles" / f"{code}.yaml"], root)
        assert report(problems) == [], code


def test_cli_accepts_valid_set(tmp_path: Path) -> None:
    root = build_profiles(tmp_path)
    result = subprocess.run(
        [*cli_command(), "validate", "profiles"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == f"{len(CODES)} records valid."


def test_set_is_diverse(loaded) -> None:
    """The set covers the shapes the site must render: no review, complete review, languages not agreed."""
    parties = loaded[0].parties
    assert parties["arg"].reviews == [] and parties["arg"].documents == []
    ken = parties["ken"]
    vocabulary = loaded[0].vocabulary
    assert len(ken.reviews) == 1 and all(
        ken.reviews[0].stages.get(key) is not None for key in vocabulary.keys("stages")
    )
    assert len(ken.documents) == 3
    assert len(parties["uga"].reviews) == 1 and parties["uga"].reviews[0].languages == []
    eur = parties["eur"]
    assert (eur.kind, eur.regional_group, eur.territory) == ("regional_organization", None, "EU")
    groups = {party.regional_group for party in parties.values()}
    assert groups == {"african", "asia_pacific", "western_european_other", "latin_american_caribbean", None}
    assert {review.group for party in parties.values() for review in party.reviews} == {1, 2, 3}


def test_fixture_review_data_is_marked_sample(loaded) -> None:
    for party in loaded[0].parties.values():
        for review in party.reviews:
            assert review.sample is True, party.code
        for document in party.documents:
            assert document.sample is True, party.code
            assert str(document.url).startswith("https://example.org/fixtures/"), party.code


def test_fixture_files_say_they_are_fixtures() -> None:
    for path in sorted(FIXTURES.rglob("*.yaml")):
        first = path.read_bytes().splitlines()[0].decode("ascii")
        assert first.startswith("# Test fixture"), path


def test_vocabulary_is_not_copied_into_fixtures() -> None:
    assert not list(FIXTURES.rglob("_vocabulary.yaml"))
    assert sorted(path.stem for path in VALID.iterdir()) == CODES
