"""Valid HTML: the Nu HTML Checker (vnu.jar, run once over all the files) finds no error on the site's pages
in any language (every page but the profiles, one profile, and the 404 page)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import PREFIXES

pytestmark = pytest.mark.browser  # a tool beyond Python: mandatory in CI like Chromium

#: Errors that are not ours to fix, by exact message, each with the reason. None so far: Material's invalid
#: markup is fixed in overrides/ (toc.html) and by the build (render/theme_fixes.py).
ACCEPTED: dict[str, str] = {}


def _pages(site: Path) -> list[Path]:
    pages = [site / "404.html"]
    for prefix in PREFIXES:
        root = site / prefix
        pages += [path for path in root.rglob("index.html") if _own_language(path.relative_to(root))]
        pages.append(root / "profiles" / "ken" / "index.html")
        pages.append(root / "profiles" / "jor" / "responses" / "criminalization" / "index.html")
    return sorted(set(pages))


def _own_language(relative: Path) -> bool:
    """Pages of this language only, profiles aside: not another language's folder, not a profile."""
    parts = relative.parts
    return not (parts and parts[0] + "/" in PREFIXES) and not (len(parts) > 2 and parts[0] == "profiles")


def test_pages_are_valid_html(shipped_site: Path, vnu_command: list[str]):
    pages = _pages(shipped_site)
    assert len(pages) >= 7 * 8 + 1, [str(page.relative_to(shipped_site)) for page in pages]
    result = subprocess.run(
        [*vnu_command, "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its report on stderr
    errors = [
        message
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error") and message.get("message") not in ACCEPTED
    ]
    lines = [
        f"{message.get('url', '?').split(str(shipped_site))[-1]}:{message.get('lastLine', '?')}: "
        f"{message.get('message')} [{(message.get('extract') or '').strip()[:120]}]"
        for message in errors[:30]
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(lines)
