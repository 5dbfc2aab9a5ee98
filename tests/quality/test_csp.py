"""Content-Security-Policy: every built page declares the policy and holds nothing it forbids (inline script,
inline style, event-handler attributes); in Chromium, pages run under it with no violation, and search, the
party-list filter and the language selector still work (see also test_accessibility.py, whose keyboard tests
run under the policy too)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import KENYA, LOCALE_IDS, PAGES, POLICY, PREFIXES

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
TAG = re.compile(r"<([a-zA-Z][\w:-]*)((?:\s[^>]*)?)>")
SCRIPT_TYPE = re.compile(r'\stype="([^"]*)"')
#: Script types the browser does not run (data blocks), which no policy governs.
DATA_BLOCKS = {"application/json", "application/ld+json"}
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def _problems(text: str) -> list[str]:
    problems = []
    policies = POLICY_META.findall(text)
    if [html.unescape(policy) for policy in policies] != [POLICY]:
        problems.append(f"policy {policies!r} instead of exactly one {POLICY!r}")
        return problems
    head_start = text.index(POLICY_META.search(text).group(0))
    for name, attributes in TAG.findall(text):
        lower = name.lower()
        if lower == "script" and " src=" not in attributes:
            kind = SCRIPT_TYPE.search(attributes)
            if not kind or kind.group(1) not in DATA_BLOCKS:
                problems.append(f"inline script <script{attributes}>")
        if lower == "style":
            problems.append("a <style> element")
        if re.search(r"\sstyle=", attributes):
            problems.append(f"a style attribute on <{name}>")
        if EVENT_HANDLER.search(attributes):
            problems.append(f"an event-handler attribute on <{name}{attributes}>")
        if "javascript:" in attributes.lower():
            problems.append(f"a javascript: address on <{name}>")
    first_resource = re.search(r'<script\b|<link rel="stylesheet"', text)
    if first_resource and first_resource.start() < head_start:
        problems.append("a script or stylesheet comes before the policy")
    return problems


def test_every_page_declares_the_policy_and_needs_no_inline_code(shipped_site: Path):
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) > 7 * 180, "the whole site: every language, every profile"
    found = {}
    for path in pages:
        problems = _problems(path.read_text("utf-8"))
        if problems:
            found[str(path.relative_to(shipped_site))] = problems
    assert not found, "\n".join(
        f"{page}: {'; '.join(problems)}" for page, problems in list(found.items())[:20]
    )


@pytest.mark.browser
@pytest.mark.parametrize("prefix", PREFIXES, ids=LOCALE_IDS)
def test_pages_run_under_the_policy_with_no_violation(site_page, prefix):
    page = site_page.page
    for path in (*PAGES, "data/", "no-such-page/"):
        site_page.goto(prefix + path)
        where = f"/{prefix}{path}"
        assert site_page.collect() == [], f"{where}: CSP violations"
        assert site_page.errors == [], f"{where}: script errors"
        # Material's bundle ran, with the storage helpers of assets/profilesite/material-globals.js
        assert page.evaluate("document.documentElement.classList.contains('js')"), (
            f"{where}: bundle did not run"
        )
        if path != "no-such-page/":
            scope = page.evaluate("__md_scope.href")
            assert scope == site_page.root + prefix, f"{where}: Material's storage scope is {scope}"
        if path == "profiles/":
            assert page.locator("#ps-count").text_content(), f"{where}: profilesite.js did not run"


@pytest.mark.browser
def test_the_policy_is_enforced(site_page):
    """The checks above would pass with no policy at all: show that an inline script is blocked and reported."""
    page = site_page.page
    site_page.goto("")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__inlineRan") is None
    assert any("script-src" in violation for violation in site_page.collect())


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh/", "ar/"], ids=["en", "zh", "ar"])
def test_search_works_under_the_policy(site_page, prefix):
    page = site_page.page
    site_page.goto(prefix)
    kenya = KENYA[prefix]
    page.keyboard.press("/")  # Material's shortcut to the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type(kenya)
    page.keyboard.press(
        "End"
    )  # Chinese and Arabic letters are typed as text input, with no key event to search on
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # opens the best result
    assert page.url.split("?")[0] == f"{site_page.root}{prefix}profiles/ken/"
    assert site_page.collect() == [] and site_page.errors == []
