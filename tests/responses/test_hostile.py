"""Hostile response files give located problems, never a traceback or a hang."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profilesite.checks.responses import check_responses
from profilesite.load.responses import load_responses
from profilesite.problems import Problem

from .conftest import PROFILES, dump, valid_response, write_response

FIELDS = [
    "sample",
    "submitted",
    "consent",
    "date",
    "extent",
    "answers",
    "instrument",
    "article",
    "category",
    "language",
    "text",
    "legislation",
    "title",
    "url",
    "feedback",
    "email",
]


@pytest.fixture(scope="module")
def run(shipped, scenario):
    folder = Path(tempfile.mkdtemp(prefix="responses-hostile-"))
    profiles = folder / "profiles"
    profiles.mkdir()
    shutil.copy(PROFILES / "_vocabulary.yaml", profiles)

    def check(content: str | bytes) -> list[Problem]:
        path = write_response(profiles, scenario.code, scenario.cluster, content)
        loaded, problems = load_responses([path], folder)
        return problems + check_responses(loaded, shipped)

    yield check
    shutil.rmtree(folder)


def assert_clean(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.file.endswith(".yaml")
        assert problem.line >= 1 and problem.column >= 1
        assert "\n" not in str(problem)
        assert "Traceback" not in problem.message


HOSTILE = [
    b"",
    b"\x00\xff\xfe",
    b"\xef\xbb\xbf",
    b"- a list\n- not a mapping\n",
    b"just text",
    b"answers: &a [*a]\n",
    b"a: &x 1\nb: *x\n",
    b"!!python/object/apply:os.system ['echo hacked']\n",
    b"sample: !!python/name:os.system\n",
    b"[" * 5000 + b"]" * 5000,
    b"answers:\n" + b"  - " * 3000 + b"x\n",
    b"sample: true\nsample: false\n",
    b"answers: {instrument: untoc}\n",
    b"answers:\n  - instrument: [untoc]\n    article: 5\n    language: 12\n    text: {a: b}\n",
    b"submitted: 99999-01-01\nconsent: {date: 2021-02-30, extent: full}\n",
    b"answers: 1e400\n",
    b"? [a, b]\n: c\n",
    b"<<: {sample: true}\n",
    b'text: "\\u202e\\x00\\u2066"\n',
]


@pytest.mark.parametrize("content", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_files(run, content):
    problems = run(content)
    assert problems, content[:60]
    assert_clean(problems)


def test_deep_but_valid_looking_answers(run, scenario):
    data = valid_response(scenario)
    data["answers"] = data["answers"] * 500  # the same answer 500 times: 499 duplicates, one run
    problems = run(dump(data))
    assert len([problem for problem in problems if "answered twice" in problem.message]) == 499
    assert_clean(problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes(run, content):
    assert_clean(run(content))


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.dates(min_value=dt.date(1900, 1, 1))
)
_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(FIELDS), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(FIELDS), _values, max_size=6))
def test_any_structure(run, data):
    assert_clean(run(dump(data)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["instrument", "article", "category", "language", "text"]), _values)
def test_any_value_in_an_answer(run, scenario, field, value):
    data = valid_response(scenario)
    data["answers"][0][field] = value
    assert_clean(run(dump(data)))
