"""Shared data of the response tests: the shipped records, and response files written from them.

The cluster lists of the vocabulary are provisional, so nothing here names an article or a party by hand:
each scenario is found in the shipped records and vocabulary (a review that passed the questionnaire
stage, an instrument its party joined and one it did not, an article the cluster lists).
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from profilesite.load.records import RecordSet, load_records
from profilesite.load.responses import LoadedResponses, load_responses
from profilesite.model.response import demonstration_marker
from profilesite.problems import Problem

REPO = Path(__file__).resolve().parents[2]
PROFILES = REPO / "profiles"


@dataclass(frozen=True)
class Scenario:
    """A party whose review of ``cluster`` passed the questionnaire stage but not the feedback stage."""

    code: str
    cluster: str
    instrument: str  # joined, covered by the review, with articles in the cluster
    article: str  # listed in the cluster for ``instrument``
    other_article: str | None  # a second listed article of ``instrument``, if any
    unjoined: str  # an instrument with articles in the cluster that the party has not joined
    consultation: dt.date
    submitted: dt.date
    as_of: dt.date
    not_submitted: str  # another party whose review of ``cluster`` has not passed the questionnaire stage


@pytest.fixture(scope="session")
def shipped() -> RecordSet:
    """The shipped records and vocabulary (without response files), loaded once."""
    return load_records([PROFILES], REPO)


@pytest.fixture(scope="session")
def scenario(shipped: RecordSet) -> Scenario:
    vocabulary = shipped.vocabulary
    assert vocabulary is not None
    stages = vocabulary.figure_stages
    waiting = None
    for cluster in vocabulary.clusters:
        listed = {key: numbers for key, numbers in cluster.articles.items() if numbers}
        for code, party in sorted(shipped.parties.items()):
            review = party.review_of(cluster.key)
            if review is None:
                continue
            if review.stages.get(stages.questionnaire) is None:
                waiting = waiting or code
                continue
            if review.stages.get(stages.feedback) is not None or review.instruments is not None:
                continue
            joined = [key for key in listed if party.joined(key)]
            unjoined = [key for key in listed if not party.joined(key)]
            if joined and unjoined and review.stages.get(stages.consultation) and waiting:
                numbers = listed[joined[0]]
                return Scenario(
                    code=code,
                    cluster=cluster.key,
                    instrument=joined[0],
                    article=numbers[0],
                    other_article=numbers[1] if len(numbers) > 1 else None,
                    unjoined=unjoined[0],
                    consultation=review.stages[stages.consultation],
                    submitted=review.stages[stages.questionnaire],
                    as_of=party.as_of,
                    not_submitted=waiting,
                )
    raise AssertionError("the shipped records hold no review fit for these tests")


def valid_response(scenario: Scenario) -> dict[str, Any]:
    """A demonstration response that passes every rule for ``scenario``."""
    marker = demonstration_marker("en")
    return {
        "sample": True,
        "submitted": scenario.submitted,
        "consent": {"date": scenario.submitted, "extent": "full"},
        "answers": [
            {
                "instrument": scenario.instrument,
                "article": scenario.article,
                "language": "en",
                "text": f"{marker} Where an answer appears.",
                "legislation": [{"title": f"{marker} No law is cited"}],
            }
        ],
    }


def changed(scenario: Scenario, **fields: Any) -> dict[str, Any]:
    """:func:`valid_response` with top-level ``fields`` replaced (a deep copy)."""
    data = copy.deepcopy(valid_response(scenario))
    data.update(fields)
    return data


class _NoAliases(yaml.SafeDumper):
    """Writes a value used twice out twice: records refuse aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def records_copy(root: Path) -> Path:
    """A copy of the shipped records (party files and vocabulary, no responses) in ``root/profiles``."""
    profiles = root / "profiles"
    profiles.mkdir(parents=True)
    for path in PROFILES.glob("*.yaml"):
        shutil.copy(path, profiles)
    return profiles


def write_response(profiles: Path, code: str, cluster: str, content: str | bytes) -> Path:
    path = profiles / "responses" / code / f"{cluster}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def check(tmp_path: Path, shipped: RecordSet, scenario: Scenario):
    """``check(data_or_text, code=..., cluster=...)``: the problems of one response file, checked against
    the shipped records (the file is written under a tmp records folder holding the vocabulary).
    """
    from profilesite.checks.responses import check_responses

    profiles = tmp_path / "profiles"
    profiles.mkdir()
    shutil.copy(PROFILES / "_vocabulary.yaml", profiles)

    def run(content: Any, code: str | None = None, cluster: str | None = None) -> list[Problem]:
        text = content if isinstance(content, str | bytes) else dump(content)
        path = write_response(profiles, code or scenario.code, cluster or scenario.cluster, text)
        loaded, problems = load_responses([path], tmp_path)
        assert all(isinstance(item, LoadedResponses) for item in loaded)
        return sorted(set(problems + check_responses(loaded, shipped)))

    return run
