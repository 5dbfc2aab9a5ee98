"""Shared fixtures and options of the test suite.

Built sites (a small fixture set in en + ar, and the shipped data in all languages), a local HTTP server
for them, and Chromium driven by Playwright.

Browser tests skip when Chromium is missing, except when ``PROFILESITE_REQUIRE_BROWSER=1`` (set by
``.ci/run``), where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from profilesite.workspace import copy_project

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FIXTURE_RECORDS = REPO / "tests" / "fixtures" / "valid"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite each validator defect's expected.txt from what the validator prints now.

    Registered here, in the root conftest, so that a bare ``pytest --update-golden`` is understood.
    """
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/fixtures/invalid/*/expected.txt from the actual output (review the diff!)",
    )


def site_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (a built site) with the SHA-256 of its bytes: for comparing two builds."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def two_fixture_builds(target: Path) -> list[Path]:
    """The fixture records built twice in English and Arabic, in two projects under ``target``.

    For reproducibility tests: the caller sets the environment both builds share (SOURCE_DATE_EPOCH, ...).
    """
    from profilesite.build import build_site

    sites = []
    for name in ("one", "two"):
        root = make_project(target / name, FIXTURE_RECORDS)
        build_site(root, root / "site", locales=["en", "ar"])
        sites.append(root / "site")
    return sites


REPO_URL = "https://github.com/example-org/untoc-profiles"  # where test builds say the records live


def with_repo_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn the edit button on for builds in this test, as CI does (mkdocs.yml reads REPO_URL)."""
    monkeypatch.setenv("REPO_URL", REPO_URL)


def set_plugin_option(root: Path, option: str, value: str) -> None:
    """Change one of the profilesite plugin's options in a project copy's mkdocs.yml."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    line = next(line for line in text.splitlines() if line.strip().startswith(f"{option}:"))
    config.write_text(text.replace(line, f"{line.partition(':')[0]}: {value}"), "utf-8")


def make_project(target: Path, records: Path | None = None) -> Path:
    """A copy of the project's site sources in ``target`` with ``records`` (default: shipped) as profiles/."""
    return copy_project(REPO, target, records)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture records built in English and Arabic; returns the site folder."""
    from profilesite.build import build_site

    root = make_project(tmp_path_factory.mktemp("fixture-project"), FIXTURE_RECORDS)
    build_site(root, site_dir=root / "site", locales=["en", "ar"], jobs=2)
    return root / "site"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped records built in all seven languages; returns the site folder."""
    from profilesite.build import build_site

    root = make_project(tmp_path_factory.mktemp("shipped-project"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        with_repo_url(monkeypatch)  # built as CI publishes it: edit buttons on
        build_site(root, site_dir=root / "site", jobs=2)
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    """Base URL of the shipped site served over HTTP on localhost."""
    yield from _serve(shipped_site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (headless, no network beyond localhost)."""
    if not CHROMIUM.exists():
        if os.environ.get("PROFILESITE_REQUIRE_BROWSER") == "1":
            pytest.fail(
                "Chromium is required here (PROFILESITE_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing"
            )
        pytest.skip("Chromium not installed (run `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (new context: no state shared between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
