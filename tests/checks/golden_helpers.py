"""Shared helpers of the validator tests: where the fixtures are and how to build a ``profiles/`` folder.

The valid set lives in ``tests/fixtures/valid/``; each ``tests/fixtures/invalid/<defect>/`` folder holds one
broken record that replaces the valid record of the same name, and ``expected.txt``, the exact lines
``profilesite validate`` prints for it. Regenerate those with ``pytest tests/checks --update-golden`` and
review the diff before committing.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
VOCABULARY = REPOSITORY / "profiles" / "_vocabulary.yaml"
FIXTURES = REPOSITORY / "tests" / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"

#: A line of ``profilesite validate``: ``path:line:col: field.path: message`` (no field for a whole file).
LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): (?P<rest>\S.*)$")


def defect_names() -> list[str]:
    """Names of the defect folders, sorted."""
    return sorted(path.name for path in INVALID.iterdir() if path.is_dir())


def defect_record(name: str) -> Path:
    """The one broken record file of defect ``name``."""
    records = sorted((INVALID / name).glob("*.yaml"))
    assert len(records) == 1, f"{name}: expected one record file, found {[path.name for path in records]}"
    return records[0]


def expected_lines(name: str) -> list[str]:
    """The golden output of defect ``name`` (lines of expected.txt, blank lines dropped)."""
    text = (INVALID / name / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def sort_key(line: str) -> tuple[str, int, int, str]:
    """Order of the validator's output: file, then line and column as numbers, then the rest."""
    match = LINE.match(line)
    assert match, f"not a problem line: {line!r}"
    return match["file"], int(match["line"]), int(match["column"]), match["rest"]


def build_profiles(root: Path, replacements: Iterable[Path] = ()) -> Path:
    """Fill ``root/profiles`` with the vocabulary, the valid set and ``replacements`` over it; return root."""
    profiles = root / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(VOCABULARY, profiles / VOCABULARY.name)
    for record in sorted(VALID.glob("*.yaml")):
        shutil.copyfile(record, profiles / record.name)
    for record in replacements:
        shutil.copyfile(record, profiles / record.name)
    return root


def cli_command() -> list[str]:
    """The ``profilesite`` console script of the running interpreter's environment."""
    script = Path(sys.executable).parent / "profilesite"
    return [str(script)] if script.exists() else [sys.executable, "-m", "profilesite.cli"]
