"""The stages of ``_vocabulary.yaml`` drive validation: their keys, order, deadlines, status labels, figures.

A review's ``stages`` (``reviews[n].stages`` in a record) is a plain mapping (a new stage needs no model field), so the vocabulary is
checked here for what the code relies on, and a record's stage keys and dates against the vocabulary.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_helpers import build_profiles

from profilesite.checks import validate
from profilesite.problems import report
from profilesite.stats.figures import review_status, status_keys
from profilesite.views.parties import PartyIndex

VOCABULARY = "profiles/_vocabulary.yaml"


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _lines(root: Path) -> list[str]:
    return report(validate([root / "profiles"], root)[1])


def test_status_keys_are_those_the_pages_always_used(tmp_path: Path) -> None:
    """Figure II's columns and the ?status= values of published links stay what they were."""
    records, problems = validate([build_profiles(tmp_path) / "profiles"], tmp_path)
    assert problems == [] and records.vocabulary is not None
    assert status_keys(records.vocabulary) == [
        "not_started",
        "initial_consultation",
        "self_assessment",
        "written_feedback",
        "list_of_observations",
        "concluded",
    ]
    index = PartyIndex(records.parties, records.vocabulary)
    assert {code: review_status(party, index.vocabulary) for code, party in index.parties.items()} == {
        "arg": None,
        "mex": None,
        "pak": None,
        "deu": "not_started",  # no stage passed
        "uga": "initial_consultation",  # nominations done
        "eur": "self_assessment",  # consultation held
        "fra": "written_feedback",  # questionnaire submitted
        "ken": "concluded",  # every stage passed
    }


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("      governmental_experts_nominated: 2021-11-25\n", "", "not_started"),  # focal point only
        ("      focal_point_nominated: 2021-11-10\n", "", "initial_consultation"),  # experts only
    ],
    ids=["waiting-for-a-nomination", "a-nomination-left-out"],
)
def test_a_review_waiting_for_its_nominations_has_not_started(
    tmp_path: Path, old: str, new: str, status: str
) -> None:
    root = build_profiles(tmp_path)
    _edit(root, "profiles/uga.yaml", old, new)
    records, problems = validate([root / "profiles"], root)
    assert problems == [] and records.vocabulary is not None
    assert review_status(records.parties["uga"], records.vocabulary) == status


def test_stages_keep_the_vocabulary_order_with_a_stage_left_out(tmp_path: Path) -> None:
    """A nomination left out is skipped: the next stage dated is compared with the last one dated before it."""
    root = build_profiles(tmp_path)
    _edit(root, "profiles/ken.yaml", "      governmental_experts_nominated: 2020-12-22\n", "")
    _edit(root, "profiles/ken.yaml", "initial_consultation: 2021-02-15", "initial_consultation: 2020-12-05")
    assert _lines(root) == [
        "profiles/ken.yaml:35:29: reviews[0].stages.initial_consultation: 2020-12-05 is before the stage it"
        " follows (focal_point_nominated: 2020-12-10)"
    ]


def test_a_stage_with_a_status_left_out_is_a_gap_and_order_is_still_checked(tmp_path: Path) -> None:
    """The questionnaire left out while the feedback is dated: the gap is reported, and the order too."""
    root = build_profiles(tmp_path)
    _edit(root, "profiles/ken.yaml", "      saq_submitted: 2021-06-01\n", "")
    _edit(
        root, "profiles/ken.yaml", "      written_feedback: 2021-11-30", "      written_feedback: 2021-02-01"
    )
    assert _lines(root) == [
        "profiles/ken.yaml:37:25: reviews[0].stages.written_feedback: 2021-02-01 is before the stage it follows"
        " (initial_consultation: 2021-02-15)",
        "profiles/ken.yaml:37:25: reviews[0].stages.written_feedback: written_feedback is dated but"
        " saq_submitted, which comes before it, is not; date saq_submitted too",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "deadline: {months: 6, from: saq_submitted}",
            "deadline: {months: 6, from: list_of_observations}",
            'stages: written_feedback: the deadline counts from "list_of_observations"; use review_start or'
            " the key of an earlier stage",
        ),
        (
            "  - key: list_of_observations\n    label:\n      en: List of observations and",
            "  - key: saq_submitted\n    label:\n      en: List of observations and",
            'stages: stage "saq_submitted" is listed twice',
        ),
        (
            "    status:\n      en: List of observations\n",
            "    status_key: written_feedback\n    status:\n      en: List of observations\n",
            'stages: list_of_observations: the status key "written_feedback" is already used',
        ),
        (
            "  questionnaire: saq_submitted\n",
            "  questionnaire: saq_submited\n",
            'figure_stages: questionnaire: "saq_submited" is not a stage; use one of focal_point_nominated,'
            " governmental_experts_nominated, initial_consultation, saq_submitted, written_feedback,"
            " list_of_observations",
        ),
        (
            "  feedback: written_feedback\n",
            "  feedback: initial_consultation\n",
            "figure_stages: consultation, questionnaire and feedback must name stages in this order",
        ),
    ],
    ids=["deadline-from-a-later-stage", "duplicate-key", "duplicate-status", "unknown-figure-stage", "order"],
)
def test_vocabulary_stage_mistakes_are_reported(tmp_path: Path, old: str, new: str, expected: str) -> None:
    root = build_profiles(tmp_path)
    _edit(root, VOCABULARY, old, new)
    lines = _lines(root)
    assert len(lines) == 1 and lines[0].startswith(f"{VOCABULARY}:"), lines
    assert lines[0].split(": ", 1)[1] == expected


def test_a_stage_after_the_nominations_needs_a_status(tmp_path: Path) -> None:
    root = build_profiles(tmp_path)
    entry = "  - key: country_visit\n    label: {en: a, fr: a, es: a, ru: a, zh: a, ar: a, pt: a}\n"
    _edit(root, VOCABULARY, "  - key: written_feedback\n", entry + "  - key: written_feedback\n")
    [line] = _lines(root)
    assert line.endswith(
        "stages: country_visit: add a status label (the status of a review on its way to this stage);"
        " only the nominations listed before initial_consultation may go without"
    )
