"""Fixtures of the quality checks: axe-core and the Nu HTML Checker (pinned in package.json, installed by
``make tools``), and the shipped site served at its own address under its Content-Security-Policy.

The tools skip like Chromium does: when missing they skip, except under ``PROFILESITE_REQUIRE_BROWSER=1``
(CI, ``.ci/run``), where a missing tool fails the test.
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from profilesite.i18n.locales import LOCALES

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: Pages checked in every language: home, a profile, the party list, statistics, published responses (in
#: Arabic, right to left, on every page), an article's comparison, the index of articles, resources.
PAGES = (
    "",
    "profiles/ken/",
    "profiles/",
    "statistics/",
    "profiles/jor/responses/criminalization/",
    "articles/untoc/5/",
    "articles/",
    "resources/",
)
PREFIXES = [locale.prefix for locale in LOCALES]
LOCALE_IDS = [locale.code for locale in LOCALES]

#: Kenya's name as each language's search finds it.
KENYA = {
    "": "Kenya",
    "fr/": "Kenya",
    "es/": "Kenia",
    "ru/": "Кения",
    "zh/": "肯尼亚",
    "ar/": "كينيا",
    "pt/": "Quénia",
}

#: The policy overrides/main.html declares (frame-ancestors is sent by the host: a <meta> ignores it).
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def require_tool(present: bool, message: str) -> None:
    """Skip when a tool is missing, or fail when tools are mandatory (``PROFILESITE_REQUIRE_BROWSER=1``)."""
    if present:
        return
    if os.environ.get("PROFILESITE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message}, and PROFILESITE_REQUIRE_BROWSER=1 makes it mandatory")
    pytest.skip(f"{message} (run `make tools`)")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle."""
    require_tool(AXE.is_file(), f"axe-core is not installed ({AXE.relative_to(REPO)} missing)")
    return AXE


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    """The command that starts the Nu HTML Checker."""
    java = shutil.which("java")
    require_tool(java is not None, "no Java runtime (java) on PATH")
    require_tool(VNU.is_file(), f"the Nu HTML Checker is not installed ({VNU.relative_to(REPO)} missing)")
    return [str(java), "-jar", str(VNU)]


@pytest.fixture(scope="session")
def site_root(shipped_site: Path) -> str:
    """The address the shipped site was built for (its ``site_url``), read from the home page's canonical link.

    The site is served there (by request interception) rather than on the local test server: Material
    fetches ``sitemap.xml`` beside every ``<link rel="alternate">`` in the head, which are absolute addresses
    on ``site_url``, so only there does a page run as it will in production (same origin).
    """
    html = (shipped_site / "index.html").read_text("utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert match, "the home page has no canonical link"
    return match.group(1)


@dataclass
class SitePage:
    """A browser tab on the shipped site at its own address, recording CSP violations and script errors."""

    page: object
    root: str
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.root + path, wait_until="networkidle")

    def collect(self) -> list[str]:
        """CSP violations reported since the page loaded (the listener lives in the page)."""
        return [*self.violations, *self.page.evaluate("window.__cspViolations || []")]


#: Records each violation the page reports, from before any of the page's own scripts runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` in ${event.sourceFile || location.href}:${event.lineNumber} ${event.sample || ""}`);
});
"""


@pytest.fixture
def site_page(browser, shipped_site: Path, site_root: str) -> Iterator[SitePage]:
    """A tab on the shipped site served at ``site_url``, with the CSP enforced (no bypass)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    base_path = urlsplit(site_root).path
    not_found = (shipped_site / "404.html").read_bytes()

    def serve(route) -> None:
        path = unquote(urlsplit(route.request.url).path)[len(base_path) :]
        target = shipped_site / path
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and shipped_site.resolve() in target.resolve().parents:
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            route.fulfill(status=200, body=target.read_bytes(), content_type=kind)
        else:  # as a static host does: its one 404 page for any missing address
            route.fulfill(status=404, body=not_found, content_type="text/html")

    context.route(f"{site_root}**", serve)
    context.add_init_script(LISTEN)
    tab = context.new_page()
    result = SitePage(tab, site_root)
    tab.on("console", lambda message: _console(result, message))
    tab.on("pageerror", lambda error: result.errors.append(str(error)))
    yield result
    context.close()


def _console(result: SitePage, message) -> None:
    if "Content Security Policy" in message.text:
        result.violations.append(message.text)
