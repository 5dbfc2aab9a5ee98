"""Fixtures of the validator tests (helpers shared by the test modules are in golden_helpers.py).

The ``--update-golden`` option is registered in the root ``tests/conftest.py`` so ``pytest --update-golden``
works from anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from golden_helpers import build_profiles, defect_record


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
