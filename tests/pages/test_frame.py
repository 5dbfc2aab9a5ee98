"""The site's frame (issue 15): the logo, a footer in the reader's language, the downloads page, the party list
at full width, and the optional precompressed copies."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from profilesite import routes
from profilesite.checks import load_index
from profilesite.engine import page_context
from profilesite.export.listing import listing
from profilesite.i18n import formatting
from profilesite.i18n.catalogs import gettext
from profilesite.i18n.locales import LOCALES
from profilesite.render.includes import file_size

from ..conftest import REPO, REPO_URL
from ..stats._html import parse_file, resolve

IDS = [locale.code for locale in LOCALES]
# A profile, the home page, a generated page, a hand-written page and the new downloads page
PAGES = (routes.profile("ken"), routes.HOME, routes.PARTY_LIST, routes.DATA, routes.DOWNLOADS)


@pytest.fixture(scope="module")
def index():
    return load_index(REPO / "profiles", REPO)


def norm(text: str) -> str:
    """Text with its white space (no-break spaces too) as single spaces."""
    return " ".join(text.split())


def _page(site: Path, address: str, code: str) -> Path:
    return site / routes.localized(address, code) / "index.html"


def _footer(site: Path, address: str, code: str):
    footer = parse_file(_page(site, address, code)).find("footer", class_="md-footer")
    assert footer is not None
    return footer


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_every_page_has_a_footer_in_the_readers_language(shipped_site: Path, index, locale):
    """Publisher, sample, data date, licence status, reporting an error, downloads, repository: in the page's
    language, each link reaching its target; Material's English credit is gone."""
    code = locale.code
    for address in PAGES:
        page = _page(shipped_site, address, code)
        footer = _footer(shipped_site, address, code)
        text = norm(footer.text())
        assert "Made with" not in text and "Material for MkDocs" not in text
        publisher = gettext(
            code,
            "Published by a project for the Secretariat of the Review Mechanism (UNODC);"
            " not an official United Nations publication.",
        )
        assert norm(publisher) in text
        assert norm(gettext(code, "The review information is a demonstration sample.")) in text  # a sample
        time = footer.find("time")
        assert time.get("datetime") == index.as_of.isoformat()
        assert time.text() == formatting.date(index.as_of, code)
        links = {norm(a.text()): a.get("href") for a in footer.find_all("a")}
        labels = ("Licence: none chosen yet", "Report an error", "Downloads", "Source code and records")
        assert set(links) == {norm(gettext(code, label)) for label in labels}
        links = {label: links[norm(gettext(code, label))] for label in labels}
        assert links["Source code and records"] == REPO_URL  # the shipped site is built with REPO_URL
        data = parse_file(_page(shipped_site, routes.DATA, code))
        for label, heading in (
            ("Licence: none chosen yet", page_context.LICENCE_HEADING),
            ("Report an error", page_context.REPORT_HEADING),
        ):
            href = links[label]
            assert resolve(page, shipped_site, href) == _page(shipped_site, routes.DATA, code)
            target = data.find("h2", id=urlsplit(href).fragment)
            assert target is not None, f"{code}: {href} reaches no heading"
            assert norm(target.text()) == norm(gettext(code, heading))
        downloads = resolve(page, shipped_site, links["Downloads"])
        assert downloads == _page(shipped_site, routes.DOWNLOADS, code)


def test_the_not_found_page_has_the_footer_from_the_site_root(shipped_site: Path):
    footer = parse_file(shipped_site / "404.html").find("footer", class_="md-footer")
    hrefs = [a.get("href") for a in footer.find_all("a")]
    assert "/data/#report-an-error" in hrefs and "/downloads/" in hrefs


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_the_logo_is_the_sites_emblem_without_english_alt_text(shipped_site: Path, locale):
    root = parse_file(_page(shipped_site, routes.HOME, locale.code))
    logo = root.find("a", class_="md-logo").find("img")
    assert logo.get("src").endswith("assets/profilesite/logo.svg") and logo.get("alt") == ""
    icon = next(link for link in root.iter("link") if link.get("rel") == "icon")
    assert icon.get("href").endswith("assets/profilesite/logo.svg")
    assert (shipped_site / routes.localized("assets/profilesite/logo.svg", locale.code)).is_file()


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_the_downloads_page_lists_every_file_with_size_and_checksum(shipped_site: Path, locale):
    """Every file of the manifest (and the manifest), linked, with format, its size as the manifest gives it,
    its SHA-256, and a description for the whole data set's files; in the navigation of every language."""
    code = locale.code
    page = _page(shipped_site, routes.DOWNLOADS, code)
    root = parse_file(page)
    manifest_path = shipped_site / routes.download(routes.MANIFEST)
    manifest = json.loads(manifest_path.read_text("utf-8"))
    expected = {item["path"]: item for item in manifest["files"]}
    data = manifest_path.read_bytes()
    expected[routes.download(routes.MANIFEST)] = {
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    seen = {}
    for table in root.find_all("table", class_="ps-files"):
        for row in table.iter("tr"):
            link = row.find("a")
            if link is None:
                continue
            target = resolve(page, shipped_site, link.get("href"))
            path = target.relative_to(shipped_site).as_posix()
            cells = [norm(cell.text()) for cell in row.children if getattr(cell, "tag", "") in ("td", "th")]
            seen[path] = cells
            assert target.is_file()
            assert cells[1] == ("JSON" if path.endswith(".json") else "CSV")
            assert cells[2] == norm(file_size(expected[path]["bytes"], code))
            assert cells[-1] == expected[path]["sha256"]
            if len(cells) == 5:  # the whole data set: with what the file holds
                assert cells[3]
    assert set(seen) == set(expected)
    nav = [norm(a.text()) for a in root.find("nav", class_="md-tabs").find_all("a")]
    assert norm(gettext(code, "Downloads")) in nav


def test_the_listing_describes_each_download_once(index):
    whole, per_party = listing(index)
    paths = [item.path for item in whole + per_party]
    assert len(paths) == len(set(paths))
    assert all(item.description for item in whole) and all(item.party for item in per_party)
    assert [item.name for item in whole][-3:] == [routes.ALL_RECORDS, routes.DATA_DICTIONARY, routes.MANIFEST]
    assert file_size(999, "en") == "999 byte" and file_size(10451, "fr") == "10,5\u202fko"


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_the_party_list_has_no_sidebars(shipped_site: Path, locale):
    root = parse_file(_page(shipped_site, routes.PARTY_LIST, locale.code))
    sidebars = root.find_all("div", class_="md-sidebar")
    assert sidebars and all("hidden" in sidebar.attrs for sidebar in sidebars)


def test_precompressed_copies_are_optional_and_reproducible(tmp_path: Path, monkeypatch):
    """PRECOMPRESS=1: a .gz beside every text file, the same bytes in two builds; without it, none."""
    from profilesite.build import PRECOMPRESSED, build_site

    from ..conftest import FIXTURE_RECORDS, make_project, site_digest, two_fixture_builds

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709164800")
    monkeypatch.setenv("PRECOMPRESS", "1")
    sites = two_fixture_builds(tmp_path)
    one = site_digest(sites[0])
    assert one == site_digest(sites[1])
    texts = [name for name in one if name.endswith(PRECOMPRESSED)]
    assert texts and all(f"{name}.gz" in one for name in texts)
    for name in ("index.html", "ar/profiles/index.html", "sitemap.xml", "downloads/manifest.json"):
        assert gzip.decompress((sites[0] / f"{name}.gz").read_bytes()) == (sites[0] / name).read_bytes()
    manifest = json.loads((sites[0] / "downloads" / "manifest.json").read_text("utf-8"))
    assert not any(item["path"].endswith(".gz") for item in manifest["files"])

    monkeypatch.delenv("PRECOMPRESS")
    build_site(make_project(tmp_path / "plain", FIXTURE_RECORDS), tmp_path / "plain" / "site", locales=["en"])
    assert sorted(path.name for path in (tmp_path / "plain" / "site").rglob("*.gz")) == ["sitemap.xml.gz"]
