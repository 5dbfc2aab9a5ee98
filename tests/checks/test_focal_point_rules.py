"""The rules that tie the review to the focal points, on cases the one-defect fixtures do not show.

Initial consultation only once the party and both reviewers have a focal point (background paper, para. 26);
experts and observers only with a focal point (paras. 11, 18, 19); nomination stages only with the
nominations they date. The valid set: eur (consultation held) is reviewed by deu and uga, fra (consultation
held) by deu and ken; deu's review has not begun; arg has no nominations and reviews only deu.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_helpers import INVALID, VALID, build_profiles, defect_record, expected_lines

from profilesite.checks import validate
from profilesite.problems import report


def _lines(root: Path) -> list[str]:
    _, problems = validate([root / "profiles"], root)
    return report(problems)


def _write(root: Path, name: str, text: str) -> None:
    (root / "profiles" / name).write_text(text, encoding="utf-8")


def _deu_without_focal_point(*changes: tuple[str, str]) -> str:
    """The valid deu.yaml, with no focal point and ``changes`` applied."""
    text = (VALID / "deu.yaml").read_text(encoding="utf-8")
    for old, new in (("    nominated: true\n", "    nominated: false\n"), *changes):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_a_reviewer_without_focal_point_is_reported_on_each_review_it_holds_up(tmp_path: Path) -> None:
    """deu reviews eur and fra, both past their consultation: each says so on its own stage date."""
    root = build_profiles(tmp_path)
    _write(root, "deu.yaml", _deu_without_focal_point())
    lines = _lines(root)
    assert [line.split(": ", 2)[0:2] for line in lines] == [
        ["profiles/eur.yaml:30:29", "reviews[0].stages.initial_consultation"],
        ["profiles/fra.yaml:35:29", "reviews[0].stages.initial_consultation"],
    ]
    assert all("deu (reviewer) has no focal point nominated" in line for line in lines)
    assert all("para. 26" in line for line in lines)


@pytest.mark.parametrize(
    "change",
    [
        # a model error: deu is not a valid record, its focal point is unknown
        ("    total: 0\n", "    total: zero\n"),
        # nominated: false contradicted by an institution: which one is right is unknown
        ("    nominated: false\n", "    nominated: false\n    institution: justice\n"),
        # ... or by a dated nomination stage in its own review
        ("    redraws: 0\n", "    redraws: 0\n    stages:\n      focal_point_nominated: 2022-11-10\n"),
    ],
    ids=["invalid-record", "institution", "dated-stage"],
)
def test_a_reviewer_in_doubt_is_reported_in_its_own_file_only(
    tmp_path: Path, change: tuple[str, str]
) -> None:
    """No follow-on problems in eur.yaml and fra.yaml when deu's focal point cannot be read for sure."""
    root = build_profiles(tmp_path)
    _write(root, "deu.yaml", _deu_without_focal_point(change))
    lines = _lines(root)
    assert lines, "deu's own mistake is reported"
    assert all(line.startswith("profiles/deu.yaml:") for line in lines), lines


def test_experts_and_observers_without_focal_point_come_out_together(tmp_path: Path) -> None:
    """Both nominations that need a focal point, in one run, each where it is written."""
    root = build_profiles(tmp_path)
    text = (VALID / "pak.yaml").read_text(encoding="utf-8")
    _write(
        root,
        "pak.yaml",
        text + "nominations:\n  focal_point:\n    nominated: false\n  governmental_experts:\n"
        "    total: 3\n    women: 1\n  observers: true\n",
    )
    lines = _lines(root)
    assert [line.split(": ", 2)[0:2] for line in lines] == [
        ["profiles/pak.yaml:16:12", "nominations.governmental_experts.total"],
        ["profiles/pak.yaml:18:14", "nominations.observers"],
    ]


def test_nominated_focal_points_let_the_consultation_stand(tmp_path: Path) -> None:
    """The broken eur of one defect is valid again once arg, its reviewer, nominates a focal point."""
    root = build_profiles(tmp_path, [defect_record("consultation-reviewer-without-focal-point")])
    assert _lines(root) == expected_lines("consultation-reviewer-without-focal-point")
    arg = (VALID / "arg.yaml").read_text(encoding="utf-8")
    _write(
        root,
        "arg.yaml",
        arg + "nominations:\n  focal_point:\n    nominated: true\n  governmental_experts:\n"
        "    total: 0\n    women: 0\n",
    )
    assert _lines(root) == []


def test_every_new_rule_has_a_defect_fixture() -> None:
    """One broken record per rule in tests/fixtures/invalid, so each message stays under golden test."""
    messages = {
        "consultation-reviewer-without-focal-point": "(reviewer) has no focal point nominated",
        "consultation-without-focal-point": "(the party under review) has no focal point nominated",
        "consultation-three-focal-points-missing": "have no focal point nominated",
        "observers-without-focal-point": "observers but no focal point nominated",
        "experts-without-focal-point": "governmental expert(s) but no focal point nominated",
        "focal-point-stage-without-focal-point": "the focal point is dated as nominated",
        "experts-stage-without-experts": "governmental experts are dated as nominated",
    }
    for name, text in messages.items():
        assert (INVALID / name).is_dir(), name
        [line] = expected_lines(name)
        assert text in line, name
