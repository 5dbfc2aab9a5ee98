"""Every defect in ``tests/fixtures/invalid/`` is reported exactly as its ``expected.txt`` says.

Each defect folder holds one broken record that replaces the valid record of the same name. The test builds
a tmp ``profiles/`` folder (vocabulary copy + valid set + the broken record), validates it through the Python
API and compares the printed lines with ``expected.txt``. ``pytest tests/checks --update-golden`` rewrites the
golden files from the actual output; review the diff before committing.

Defects listed in ``KNOWN_WRONG`` have an ``expected.txt`` written by hand with what the validator SHOULD
print; they are strict xfails until the package is fixed (then remove the entry) and are never rewritten.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from golden_helpers import (
    INVALID,
    LINE,
    VALID,
    build_profiles,
    cli_command,
    defect_names,
    defect_record,
    expected_lines,
    sort_key,
)

from profilesite.checks import validate
from profilesite.problems import report

#: Defects the validator gets wrong today: expected.txt holds the intended output. Reason = where to fix.
#: Empty: every defect found so far is reported as its expected.txt says.
KNOWN_WRONG: dict[str, str] = {}

#: A few defects run through the real command line too (reading, YAML, model and rule layers).
CLI_SAMPLE = [
    "not-utf8",
    "empty-file",
    "yaml-syntax-error",
    "unsafe-python-tag",
    "duplicate-key",
    "top-level-list",
    "date-impossible",
    "contact-key",
    "stage-before-previous",
    "old-review-shape",
]

#: Sets of defects in different files, all broken at once: the output is the sorted union of their goldens.
UNIONS = [
    [
        "date-not-iso",
        "women-exceed-experts",
        "contact-email",
        "consent-before-signature",
        "unknown-instrument",
        "treaty-without-dates",
    ],
    ["yaml-alias", "stage-before-group-start"],
    ["empty-file", "document-relative-url", "stage-after-as-of"],
    ["old-review-shape", "review-instrument-not-joined", "stage-before-group-start"],
    ["additional-reviewer-not-joined", "review-instrument-listed-twice"],
    [
        "consultation-reviewer-without-focal-point",
        "focal-point-stage-without-focal-point",
        "observers-without-focal-point",
        "experts-without-focal-point",
    ],
]


def _params(names: list[str]) -> list:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[name]))
        if name in KNOWN_WRONG
        else name
        for name in names
    ]


def _validate_lines(root: Path, paths: list[Path] | None = None) -> list[str]:
    _, problems = validate(paths or [root / "profiles"], root)
    return report(problems)


def test_fixture_layout() -> None:
    """Enough defects, each one record replacing a valid one, with a well-formed, sorted expected.txt."""
    names = defect_names()
    assert len(names) >= 24
    valid = {path.name for path in VALID.glob("*.yaml")}
    for name in names:
        record = defect_record(name)
        assert record.name in valid, name
        assert {path.name for path in (INVALID / name).iterdir()} == {record.name, "expected.txt"}, name
        lines = expected_lines(name)
        assert lines, f"{name}: expected.txt is empty; every defect must be reported"
        assert lines == sorted(lines, key=sort_key), f"{name}: expected.txt is not in output order"
        for line in lines:
            assert LINE.match(line), f"{name}: {line!r}"
            assert line.startswith(f"profiles/{record.name}:"), f"{name}: a problem outside the broken file"
    assert set(KNOWN_WRONG) <= set(names)
    assert set(CLI_SAMPLE) <= set(names)


@pytest.mark.parametrize("name", _params(defect_names()))
def test_defect_is_reported(name: str, make_profiles, update_golden: bool) -> None:
    root = make_profiles(name)
    actual = _validate_lines(root)
    if update_golden:
        if name in KNOWN_WRONG:
            pytest.skip("expected.txt holds the intended output; edit it by hand")
        (INVALID / name / "expected.txt").write_text(
            "".join(line + "\n" for line in actual), encoding="utf-8"
        )
    assert actual == expected_lines(name)


@pytest.mark.parametrize("name", CLI_SAMPLE)
def test_cli_reports_defect(name: str, make_profiles) -> None:
    """The command prints the API's lines on stdout, a count on stderr, exits 1, and never a traceback."""
    root = make_profiles(name)
    result = subprocess.run(
        [*cli_command(), "validate", "profiles"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines == _validate_lines(root)
    assert all(LINE.match(line) for line in lines), lines
    count = len(lines)
    assert result.stderr.strip() == f"{count} problem{'s' if count != 1 else ''} found; nothing was built."


def test_cli_github_annotations(make_profiles) -> None:
    root = make_profiles("stage-before-previous", "women-exceed-experts")
    result = subprocess.run(
        [*cli_command(), "validate", "--github", "profiles"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "::error file=profiles/ken.yaml,line=37,col=22::reviews[0].stages.saq_submitted: 2021-01-20 is before "
        "the stage it follows (initial_consultation: 2021-02-15)",
        "::error file=profiles/uga.yaml,line=37,col=12::nominations.governmental_experts.women: 3 women "
        "among 2 experts; women cannot exceed the total",
    ]


@pytest.mark.parametrize("names", UNIONS, ids=["+".join(names) for names in UNIONS])
def test_all_problems_of_several_files_in_one_run(names: list[str], make_profiles) -> None:
    assert len({defect_record(name).name for name in names}) == len(names), (
        "defects must be in different files"
    )
    assert not set(names) & set(KNOWN_WRONG)
    root = make_profiles(*names)
    expected = sorted({line for name in names for line in expected_lines(name)}, key=sort_key)
    assert _validate_lines(root) == expected


def test_one_file_named_reports_only_that_file(make_profiles) -> None:
    """Naming one file reads its folder for cross-record rules but reports only that file's problems."""
    root = make_profiles("self-review", "women-exceed-experts", "contact-email")
    assert _validate_lines(root, [root / "profiles" / "ken.yaml"]) == expected_lines("self-review")
    assert _validate_lines(root, [root / "profiles" / "uga.yaml", root / "profiles" / "fra.yaml"]) == sorted(
        expected_lines("women-exceed-experts") + expected_lines("contact-email"), key=sort_key
    )


def test_broken_record_does_not_break_the_parties_it_reviews(tmp_path: Path) -> None:
    """ken is unreadable; uga (reviewed by ken) and fra (reviewed by ken) get no follow-on problems."""
    root = build_profiles(tmp_path, [defect_record("yaml-alias")])
    assert _validate_lines(root) == expected_lines("yaml-alias")


def _ken_with(*changes: tuple[str, str]) -> str:
    text = (VALID / "ken.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_many_problems_in_one_file_come_out_together_in_line_order(tmp_path: Path) -> None:
    """Model errors of one file all at once, ordered by line number as a number (6 < 32 < 63)."""
    root = build_profiles(tmp_path)
    (root / "profiles" / "ken.yaml").write_text(
        _ken_with(
            ("territory: KE", "territory: ke"),
            ("    redraws: 1", "    redraws: 5"),
            ("url: https://example.org/fixtures/ken/summary.pdf", "url: javascript:alert(1)"),
        ),
        encoding="utf-8",
    )
    assert _validate_lines(root) == [
        'profiles/ken.yaml:6:12: territory: "ke" has the wrong form; write a two-letter territory code in '
        "capitals, e.g. KE",
        "profiles/ken.yaml:32:14: reviews[0].redraws: 5 is too large; the highest allowed is 4",
        'profiles/ken.yaml:63:10: documents[2].url: "javascript:alert(1)" is not a web address; write a full '
        "http:// or https:// link",
    ]


def test_many_rule_problems_in_one_file_come_out_together(tmp_path: Path) -> None:
    root = build_profiles(tmp_path)
    (root / "profiles" / "ken.yaml").write_text(
        _ken_with(
            ("code: ken", "code: kny"),
            ("reviewers: [uga, fra]", "reviewers: [uga, zmb]"),
            ("      saq_submitted: 2021-06-01", "      saq_submitted: 2021-01-20"),
            ("    women: 2", "    women: 5"),
            (
                "    languages: [en]\n    url: https://example.org/fixtures/ken/saq",
                "    languages: [en, en]\n    url: https://example.org/fixtures/ken/saq",
            ),
        ),
        encoding="utf-8",
    )
    assert _validate_lines(root) == [
        'profiles/ken.yaml:3:7: code: "kny" does not match the file name; write code: ken',
        'profiles/ken.yaml:3:7: code: "kny" is not an ISO 3166-1 alpha-3 code; name the file and code after it',
        'profiles/ken.yaml:31:22: reviews[0].reviewers[1]: "zmb" is not a party in profiles/',
        "profiles/ken.yaml:37:22: reviews[0].stages.saq_submitted: 2021-01-20 is before the stage it follows "
        "(initial_consultation: 2021-02-15)",
        "profiles/ken.yaml:47:12: nominations.governmental_experts.women: 5 women among 4 experts; women "
        "cannot exceed the total",
        "profiles/ken.yaml:52:16: documents[0].languages: a language is listed twice",
    ]
