"""Atom feeds, the multilingual sitemap and robots.txt; and reproducible downloads and feeds."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import feedparser
import pytest
import yaml

from profilesite.i18n.locales import LOCALE_CODES

from ..conftest import two_fixture_builds
from ..names.unterm import expected_name
from ..stats._html import parse_file, resolve
from ..stats._records import load

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LIMIT = 100  # the feed keeps the newest hundred changes


def _base() -> str:
    return (os.environ.get("SITE_URL") or "http://localhost:8000/").rstrip("/") + "/"


def _prefix(locale: str) -> str:
    return "" if locale == "en" else f"{locale}/"


def _label(entries: list[dict], key: str, locale: str) -> str:
    return next(entry["label"][locale] for entry in entries if entry["key"] == key)


def _name(record: dict, locale: str) -> str:
    return expected_name(record, locale)


def _cluster_names(vocabulary: dict, key: str) -> list[str]:
    """Words that must name cluster ``key`` in an English entry: its number, and its name where it has one."""
    cluster = next(item for item in vocabulary["clusters"] if item["key"] == key)
    return [f"Thematic cluster {cluster['number']}"] + (
        [cluster["label"]["en"]] if cluster.get("label") else []
    )


def _changes(profiles: Path, locale: str) -> list[tuple[dt.date, str, str, str]]:
    """Every dated change of the records: (date, party code, what changed in ``locale``, anchor or page).

    What changed is a '|'-separated list of the words the entry's title must hold; a review stage names its
    cluster (checked in English), published responses link to their page, 'responses/<cluster>/'.
    """
    records, vocabulary = load(profiles)
    found = []
    for code, record in records.items():
        for document in record.get("documents") or []:
            what = document.get("title") or _label(vocabulary["document_kinds"], document["kind"], locale)
            found.append((document["date"], code, what, "documents"))
        for instrument, status in record["treaties"].items():
            if (status.get("consent") or {}).get("date"):  # an undated act is no dated change
                short = next(
                    item["short"][locale] for item in vocabulary["instruments"] if item["key"] == instrument
                )
                action = _label(vocabulary["consent_types"], status["consent"]["type"], locale)
                found.append((status["consent"]["date"], code, f"{action}|{short}", "treaties"))
        for review in record.get("reviews") or []:
            cluster = _cluster_names(vocabulary, review["cluster"]) if locale == "en" else []
            for key, date in (review.get("stages") or {}).items():
                if date:
                    what = "|".join([_label(vocabulary["stages"], key, locale), *cluster])
                    found.append((date, code, what, f"review-{review['cluster']}"))
    for path in sorted((profiles / "responses").glob("*/*.yaml")):
        code, cluster = path.parent.name, path.stem
        data = yaml.safe_load(path.read_text("utf-8"))
        what = "|".join(_cluster_names(vocabulary, cluster)) if locale == "en" else ""
        found.append((data["consent"]["date"], code, what, f"responses/{cluster}/"))
    return found


def _parse_feed(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


SITES = [("fixture_site", "en"), ("fixture_site", "ar"), ("shipped_site", "en"), ("shipped_site", "ar")]


@pytest.mark.parametrize(("site_name", "locale"), SITES)
def test_feed_entries_are_the_newest_dated_changes(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    records, _ = load(site.parent / "profiles")
    feed = _parse_feed(site / _prefix(locale) / "feed.xml")
    assert feed.feed.get("language") == locale
    if locale == "ar":
        assert re.search(r"[\u0600-\u06FF]", feed.feed.title)
    changes = sorted(_changes(site.parent / "profiles", locale), key=lambda change: change[0], reverse=True)
    entries = feed.entries
    assert len(entries) == min(LIMIT, len(changes))
    dates = [dt.date(*entry.updated_parsed[:3]) for entry in entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert dates == [change[0] for change in changes[: len(entries)]]
    assert dates[0] == max(change[0] for change in changes)  # the newest change of any record
    assert feed.feed.updated.startswith(dates[0].isoformat())

    shown = []
    for entry in entries:
        link = entry.link
        assert link.startswith(_base() + _prefix(locale) + "profiles/"), link
        found = re.fullmatch(r".*/profiles/([a-z]{3})/(?:#([\w-]+)|(responses/\w+/))", link)
        assert found, link
        code, anchor = found[1], found[2] or found[3]
        title = entry.title
        name = _name(records[code], locale)
        assert title.startswith(f"{name}: "), title
        shown.append((dt.date(*entry.updated_parsed[:3]), code, anchor, title))

    def described(change, title: str) -> bool:
        parts = change[2].split("|")
        return all(part in title for part in parts)

    cutoff = dates[-1]
    available = Counter((date, code, anchor) for date, code, _, anchor in changes)
    for date, code, anchor, title in shown:
        matches = [c for c in changes if (c[0], c[1], c[3]) == (date, code, anchor) and described(c, title)]
        assert matches, (date, code, anchor, title)
        available[(date, code, anchor)] -= 1
        assert available[(date, code, anchor)] >= 0, (date, code, anchor)
    # every change newer than the oldest entry shown is in the feed
    assert all(count == 0 for (date, _, _), count in available.items() if date > cutoff)
    if locale == "en":
        newest = [c for c in changes if c[0] == dates[0]]
        assert shown[0][1] in {c[1] for c in newest}


@pytest.mark.parametrize(("site_name", "locale"), SITES)
def test_feed_links_resolve_to_profile_sections(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    feed = _parse_feed(site / _prefix(locale) / "feed.xml")
    base = _base()
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == base + _prefix(locale) + "feed.xml"
    for entry in feed.entries:
        assert entry.link.startswith(base)
        path, _, anchor = entry.link[len(base) :].partition("#")
        page = site / path / "index.html"
        assert page.is_file(), entry.link
        if anchor or "/responses/" not in path:  # a response entry links to its page, no section
            assert any(node.get("id") == anchor for node in parse_file(page).iter()), entry.link


@pytest.mark.parametrize("site_name", ["fixture_site", "shipped_site"])
def test_pages_link_the_feed_of_their_language(request, site_name):
    site = request.getfixturevalue(site_name)
    pages = ["index.html", "profiles/index.html", "statistics/index.html", "profiles/ken/index.html"]
    for locale in ("en", "ar"):
        for name in pages:
            page = site / _prefix(locale) / name
            head = parse_file(page).find("head")
            assert head is not None
            feeds = [
                link
                for link in head.find_all("link", rel="alternate")
                if link.get("type") == "application/atom+xml"
            ]
            assert len(feeds) == 1, page
            assert resolve(page, site, feeds[0].get("href")) == site / _prefix(locale) / "feed.xml", page


def _sitemap(site: Path) -> list[tuple[str, dict[str, str]]]:
    tree = ET.parse(site / "sitemap.xml")
    urls = []
    for url in tree.getroot().findall(f"{SITEMAP}url"):
        alternates = {}
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            assert link.get("hreflang") not in alternates
            alternates[link.get("hreflang")] = link.get("href")
        urls.append((url.findtext(f"{SITEMAP}loc"), alternates))
    return urls


def _pages(site: Path) -> set[str]:
    return {
        _base() + ("" if page.parent == site else page.parent.relative_to(site).as_posix() + "/")
        for page in site.rglob("index.html")
    }


@pytest.mark.parametrize(
    ("site_name", "languages"), [("fixture_site", ["en", "ar"]), ("shipped_site", LOCALE_CODES)]
)
def test_sitemap_lists_every_page_with_its_language_alternates(request, site_name, languages):
    site = request.getfixturevalue(site_name)
    base = _base()
    urls = _sitemap(site)
    locs = [loc for loc, _ in urls]
    assert len(locs) == len(set(locs))
    assert set(locs) == _pages(site)
    english = {loc for loc in locs if not re.match(re.escape(base) + r"(fr|es|ru|zh|ar|pt)/", loc)}
    for loc, alternates in urls:
        assert set(alternates) == {*languages, "x-default"}, loc
        assert loc in alternates.values()
        assert alternates["x-default"] == alternates["en"]
        assert alternates["en"] in english
        for code in languages:
            assert alternates[code] == base + _prefix(code) + alternates["en"][len(base) :], loc
    assert len(locs) == len(english) * len(languages)
    assert not [path for path in site.rglob("sitemap.xml*") if path.parent != site]  # no per-language maps
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_robots_txt_names_the_sitemap(shipped_site):
    lines = (shipped_site / "robots.txt").read_text("utf-8").splitlines()
    assert f"Sitemap: {_base()}sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert "Disallow: /" not in lines


def test_two_builds_give_identical_downloads_and_feeds(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709164800")
    sites = two_fixture_builds(tmp_path)

    def outputs(site: Path) -> dict[str, bytes]:
        files = [path for path in (site / "downloads").rglob("*") if path.is_file()]
        files += [site / "feed.xml", site / "ar" / "feed.xml", site / "sitemap.xml", site / "robots.txt"]
        return {path.relative_to(site).as_posix(): path.read_bytes() for path in files}

    first, second = outputs(sites[0]), outputs(sites[1])
    assert len(first) > 20
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
