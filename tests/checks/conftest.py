"""Fixtures and options of the validator tests (helpers shared by the test modules are in helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import build_profiles, defect_record


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite each defect's expected.txt from what the validator prints now."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/fixtures/invalid/*/expected.txt from the actual output (review the diff!)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return bool(request.config.getoption("--update-golden", default=False))


@pytest.fixture
def make_profiles(tmp_path: Path) -> Callable[..., Path]:
    """``make_profiles(*defects)``: a tmp root whose ``profiles/`` holds the valid set with those defects."""

    def make(*defects: str) -> Path:
        return build_profiles(tmp_path, [defect_record(name) for name in defects])

    return make
