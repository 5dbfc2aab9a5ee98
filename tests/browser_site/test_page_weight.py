"""A light page (issue 15): what a first visit costs, every request recorded in Chromium with an empty cache.

The Kenya profile in English and Arabic transfers at most 400 KB (uncompressed: the test server does not
compress); no request fails and the console shows no error; no page of any language asks for a sitemap
(Material's language selector fetched ``sitemap.xml`` beside every alternate link); search loads its index
and worker only when the reader opens it, and still finds a profile.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from profilesite import routes
from profilesite.i18n.locales import LOCALES

pytestmark = pytest.mark.browser

BUDGET = 400_000  # bytes, uncompressed, for a first visit with an empty cache


class Visit:
    """A page loaded in a fresh browser context (empty cache), with every request it made."""

    def __init__(self, browser, url: str, width: int = 1280) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.responses: list = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page.on("response", lambda response: self.responses.append(response))
        self.page.on("requestfailed", lambda request: self.failed.append(f"{request.url} {request.failure}"))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="networkidle")
        self.page.wait_for_timeout(300)  # anything started after the network went idle

    def requested(self) -> list[str]:
        return [unquote(urlsplit(response.url).path) for response in self.responses]

    def bad(self) -> list[str]:
        """Requests that failed or answered an error status."""
        return self.failed + [f"{r.url} {r.status}" for r in self.responses if r.status >= 400]

    def close(self) -> None:
        self.context.close()


def _sizes(visit: Visit) -> list[tuple[str, int, int]]:
    """Each response: its path, body bytes and the bytes gzip would make of it."""
    sizes = []
    for response in visit.responses:
        body = response.body()
        sizes.append((urlsplit(response.url).path, len(body), len(gzip.compress(body, 9)) if body else 0))
    return sizes


@pytest.mark.parametrize("prefix", ["", "ar/"], ids=["en", "ar"])
def test_a_first_visit_to_the_kenya_profile_transfers_at_most_400_kb(browser, shipped_url, prefix):
    visit = Visit(browser, f"{shipped_url}/{prefix}{routes.profile('ken')}")
    try:
        sizes = _sizes(visit)
        total, compressed = sum(size for _, size, _ in sizes), sum(size for _, _, size in sizes)
        report = "\n".join(f"{size:>9,} {gz:>8,}  {path}" for path, size, gz in sizes)
        print(
            f"\n{prefix or 'en'} Kenya: {len(sizes)} requests, {total:,} B ({compressed:,} B gzipped)\n{report}"
        )
        assert total <= BUDGET, f"{total:,} bytes > {BUDGET:,}:\n{report}"
        assert not visit.bad(), visit.bad()
        assert not visit.errors, visit.errors
        paths = visit.requested()
        assert not [path for path in paths if path.endswith(("sitemap.xml", "search_index.json"))], paths
        assert not [path for path in paths if "/workers/" in path], "the search worker starts with search"
    finally:
        visit.close()


# Every kind of page a reader lands on, in every language: no sitemap asked for, nothing failing.
PAGES = (
    routes.HOME,
    routes.profile("ken"),
    routes.PARTY_LIST,
    routes.STATISTICS,
    routes.DATA,
    routes.DOWNLOADS,
)


@pytest.mark.parametrize("locale", LOCALES, ids=[locale.code for locale in LOCALES])
def test_no_page_requests_a_sitemap_or_fails(browser, shipped_url, locale):
    for page in PAGES:
        visit = Visit(browser, f"{shipped_url}/{routes.localized(page, locale.code)}")
        try:
            sitemaps = [path for path in visit.requested() if "sitemap" in path]
            assert not sitemaps, f"{page}: {sitemaps}"
            assert not visit.bad(), f"{page}: {visit.bad()}"
            assert not visit.errors, f"{page}: {visit.errors}"
        finally:
            visit.close()


@pytest.mark.parametrize(("prefix", "query"), [("", "Kenya"), ("ar/", "كينيا"), ("zh/", "肯尼亚")])
def test_search_loads_its_index_when_opened_and_finds_the_profile(browser, shipped_url, prefix, query):
    visit = Visit(browser, f"{shipped_url}/{prefix}{routes.profile('deu')}")
    try:
        assert not [path for path in visit.requested() if "search" in path]
        visit.page.keyboard.press("/")  # Material's shortcut focuses the search box
        visit.page.keyboard.type(query)
        visit.page.wait_for_selector(".md-search-result__item", timeout=15000)
        first = visit.page.locator(".md-search-result__item a").first.get_attribute("href")
        assert urlsplit(first).path == f"/{prefix}{routes.profile('ken')}"
        assert f"/{prefix}search/search_index.json" in visit.requested()
        visit.page.locator(".md-search-result__item a").first.click()  # highlighting on the page it opens
        visit.page.wait_for_selector("mark[data-md-highlight]", timeout=15000)
        assert not visit.bad() and not visit.errors, (visit.bad(), visit.errors)
    finally:
        visit.close()


def test_the_bundle_the_site_ships_is_the_patched_one(shipped_site: Path):
    bundles = list((shipped_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    text = bundles[0].read_text("utf-8")
    assert "function __psWorker(url)" in text and "ui({document$:ct});" not in text
