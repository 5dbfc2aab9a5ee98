"""Browser checks of the whole shipped site: search per language, 404 in the reader's language, Arabic
mirrored, print to A4 without navigation."""

from __future__ import annotations

import re

import pytest

from .search_box import first_result

pytestmark = pytest.mark.browser

# (language prefix, query, expected profile): names as CLDR writes them in each language
SEARCHES = [
    ("", "Kenya", "profiles/ken/"),
    ("zh/", "肯尼亚", "zh/profiles/ken/"),
    ("zh/", "日本", "zh/profiles/jpn/"),
    ("ar/", "كينيا", "ar/profiles/ken/"),
    ("ar/", "المغرب", "ar/profiles/mar/"),
    ("ru/", "Кения", "ru/profiles/ken/"),
    ("fr/", "Allemagne", "fr/profiles/deu/"),
    ("es/", "Alemania", "es/profiles/deu/"),
    ("pt/", "Quénia", "pt/profiles/ken/"),
]


@pytest.mark.parametrize(("prefix", "query", "expected"), SEARCHES)
def test_search_finds_a_profile_by_its_name_in_the_language(page, shipped_url, prefix, query, expected):
    assert first_result(page, f"{shipped_url}/{prefix}", query) == f"{shipped_url}/{expected}"


def test_each_language_has_its_own_search_index(shipped_site):
    import json

    configs = {}
    for prefix in ("", "zh/", "ar/", "fr/"):
        index = json.loads((shipped_site / prefix / "search" / "search_index.json").read_text("utf-8"))
        configs[prefix] = index["config"]
        locations = {doc["location"] for doc in index["docs"]}
        assert "profiles/ken/" in locations
    assert "\\u200b" in configs["zh/"]["separator"]  # Chinese text is segmented (jieba) on \u200b
    assert configs["fr/"]["lang"] == ["fr"]
    zh = json.loads((shipped_site / "zh" / "search" / "search_index.json").read_text("utf-8"))
    assert not any("Treaties" == doc["title"] for doc in zh["docs"])  # no English sections in the zh index


@pytest.mark.parametrize(
    ("path", "lang", "heading"), [("/fr/nowhere/", "fr", "Page"), ("/ar/profiles/zzz/", "ar", "")]
)
def test_not_found_page_is_in_the_readers_language(page, shipped_url, shipped_site, path, lang, heading):
    # a static host serves its one 404 page for any missing address: emulate that with the root 404.html
    html = (shipped_site / "404.html").read_text("utf-8")
    page.route(
        f"{shipped_url}{path}", lambda route: route.fulfill(status=404, body=html, content_type="text/html")
    )
    page.goto(f"{shipped_url}{path}")
    assert page.evaluate("document.documentElement.lang") == lang
    visible = page.locator("[data-ps-not-found] section:not([hidden])")
    assert visible.count() == 1
    assert visible.get_attribute("lang") == lang
    if lang == "ar":
        assert page.evaluate("document.body.dir") == "rtl"
        assert re.search("[\u0600-\u06ff]", visible.inner_text())


def test_arabic_site_is_mirrored_with_navigation_on_the_right(page, shipped_url):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{shipped_url}/ar/review-process/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    content = page.locator(".md-content").bounding_box()
    primary = page.locator(".md-sidebar--primary").bounding_box()
    secondary = page.locator(".md-sidebar--secondary").bounding_box()
    assert primary["x"] > content["x"], "the site navigation sits right of the content in Arabic"
    assert secondary["x"] < content["x"], "the table of contents sits left of the content in Arabic"
    page.goto(f"{shipped_url}/review-process/")
    english = page.locator(".md-sidebar--primary").bounding_box()
    assert english["x"] < page.locator(".md-content").bounding_box()["x"]


def test_profile_prints_on_a4_without_navigation(page, shipped_url, tmp_path):
    page.goto(f"{shipped_url}/profiles/ken/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    pdf = page.pdf(format="A4", print_background=True)
    path = tmp_path / "ken.pdf"
    path.write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 6, pages
    media_boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert media_boxes and all(
        abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in media_boxes
    )


def _png_is_not_blank(png: bytes) -> None:
    """Decode the PNG (stdlib only) and check that it holds a picture, not one flat colour."""
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, width, height = 8, b"", 0, 0
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        chunk = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            data += chunk
        position += 12 + length
    raw = zlib.decompress(data)
    stride = 1 + width * 4 if len(raw) == height * (1 + width * 4) else 1 + width * 3
    rows = [raw[row * stride + 1 : (row + 1) * stride] for row in range(0, height, max(1, height // 60))]
    distinct = {bytes(row[index : index + 3]) for row in rows for index in range(0, len(row), 97)}
    assert len(distinct) > 8, "the screenshot is (nearly) one colour"


@pytest.mark.parametrize("prefix", ["ar/", "zh/"])
def test_statistics_charts_render_readable_text(page, shipped_url, shipped_site, tmp_path, prefix):
    """Every chart of the page is drawn with text in the page's script: the six figures of the background
    paper and the timeline at least, and any chart added since (the count is read from the built page)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{shipped_url}/{prefix}statistics/")
    charts = page.locator("svg.ps-chart")
    built = (shipped_site / prefix / "statistics" / "index.html").read_text("utf-8")
    in_html = len(re.findall(r"<svg\b[^>]*\bclass=\"[^\"]*\bps-chart\b", built))
    assert in_html >= 7
    assert charts.count() == in_html
    script = "[\u0600-\u06ff]" if prefix == "ar/" else "[\u4e00-\u9fff]"
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 80
        texts = chart.locator("text").all_text_contents()
        assert any(re.search(script, text) for text in texts), texts[:5]
        assert chart.locator("rect").count() >= 3
        shot = chart.screenshot(path=str(tmp_path / f"chart-{index}.png"))
        _png_is_not_blank(shot)
    # labels are laid out (measurable), not empty boxes: the widest label has a real width
    widths = page.evaluate(
        "Array.from(document.querySelectorAll('svg.ps-chart text')).map(t => t.getBBox().width)"
    )
    assert max(widths) > 40
    page.screenshot(path=str(tmp_path / "statistics.png"), full_page=True)


def test_untranslated_page_shows_a_notice_and_english_text(tmp_path):
    """A hand-written page missing in a language: notice in the reader's language, English text marked lang=en."""
    from profilesite.build import build_site

    from ..conftest import FIXTURE_RECORDS, make_project

    root = make_project(tmp_path / "project", FIXTURE_RECORDS)
    (root / "content" / "ar" / "resources.md").unlink()
    build_site(root, root / "site", locales=["en", "ar"])
    html = (root / "site" / "ar" / "resources" / "index.html").read_text("utf-8")
    assert 'class="admonition info ps-fallback"' in html
    notice = re.search(r'ps-fallback".*?<p>(.*?)</p>', html, re.S).group(1)
    assert re.search("[\u0600-\u06ff]", notice), notice
    assert '<div dir="ltr" lang="en">' in html or '<div lang="en" dir="ltr">' in html
    assert (root / "site" / "ar" / "review-process" / "index.html").read_text("utf-8").count(
        "ps-fallback"
    ) == 0
