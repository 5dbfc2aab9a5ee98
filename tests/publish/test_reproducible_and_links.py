"""Publishing: byte-identical builds of the same commit, and a broken internal link fails the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from profilesite.build import BuildFailed, build_site
from profilesite.linkcheck import BrokenLink, page_links, site_files, unreached

from ..conftest import FIXTURE_RECORDS, make_project, site_digest


def broken_links(site: Path) -> list[BrokenLink]:
    """Every internal link of the built ``site`` that reaches no file: the build's check, on a whole site."""
    files = site_files(site)
    pages = sorted(name for name in files if name.endswith(".html"))
    return unreached(page_links(site, pages), files)


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709164800")
    first = make_project(tmp_path / "one", FIXTURE_RECORDS)
    second = make_project(tmp_path / "two", FIXTURE_RECORDS)
    build_site(first, first / "site", locales=["en", "ar"])
    build_site(second, second / "site", locales=["en", "ar"])
    one, two = site_digest(first / "site"), site_digest(second / "site")
    assert len(one) > 50
    assert one == two, sorted(name for name in one if one.get(name) != two.get(name))[:10]
    assert "sitemap.xml.gz" in one


def test_link_checker_finds_broken_links(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a> <a href="missing/">no</a> <a href="https://x.org/">ext</a>'
    )
    (site / "a" / "index.html").write_text(
        '<a href="../">up</a> <img src="../img.png"> <a href="#top">frag</a>'
    )
    broken = [str(link) for link in broken_links(site)]
    assert broken == [
        "a/index.html: broken internal link ../img.png",
        "index.html: broken internal link missing/",
    ]


def test_link_checker_reads_links_after_any_whitespace(tmp_path: Path):
    """Attributes usually follow a space; one after a line break or tab is checked all the same."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<a\nhref="gone/">x</a> <img\tsrc="lost.png"> <a href="index.html">ok</a>'
    )
    broken = [str(link) for link in broken_links(site)]
    assert broken == ["index.html: broken internal link gone/", "index.html: broken internal link lost.png"]


def test_a_broken_internal_link_fails_the_build_and_publishes_nothing(tmp_path: Path):
    root = make_project(tmp_path / "project", FIXTURE_RECORDS)
    site = root / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous site")
    page = root / "content" / "en" / "index.md"
    page.write_text(page.read_text("utf-8") + '\n<a href="nowhere/">a link to nowhere</a>\n', "utf-8")
    with pytest.raises(BuildFailed, match="broken internal link nowhere/"):
        build_site(root, site, locales=["en"])
    assert [path.name for path in site.iterdir()] == ["marker.txt"]


def test_a_rebuild_reusing_the_previous_site_gives_the_same_site(tmp_path: Path, monkeypatch):
    """The second build takes over the first site's folders (build/previous-site): nothing stale survives."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709164800")
    reused = make_project(tmp_path / "reused", FIXTURE_RECORDS)
    fresh = make_project(tmp_path / "fresh", FIXTURE_RECORDS)
    build_site(reused, reused / "site", locales=["en", "ar"])
    page = next((reused / "site" / "ar" / "profiles").glob("*/index.html")).relative_to(reused / "site")
    first_inodes = {name: (reused / "site" / name).stat().st_ino for name in (page, "downloads/parties.csv")}
    # files no build writes, in folders the next build takes over or leaves
    (reused / "site" / "downloads" / "profiles" / "zzz.json").write_text("{}")
    (reused / "site" / "ar" / "profiles" / "zzz").mkdir()
    (reused / "site" / "ar" / "profiles" / "zzz" / "index.html").write_text("stale")
    build_site(reused, reused / "site", locales=["en", "ar"])  # the first site becomes the spare
    assert (reused / "build" / "previous-site" / "downloads" / "profiles" / "zzz.json").exists()
    build_site(reused, reused / "site", locales=["en", "ar"])  # reuses that spare's folders
    build_site(fresh, fresh / "site", locales=["en", "ar"])
    one, two = site_digest(reused / "site"), site_digest(fresh / "site")
    assert one == two, sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))[:10]
    assert "downloads/profiles/zzz.json" not in one and "ar/profiles/zzz/index.html" not in one
    # the files were rewritten in place, not created anew
    assert {name: (reused / "site" / name).stat().st_ino for name in first_inodes} == first_inodes
