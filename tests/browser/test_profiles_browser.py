"""The shipped site in Chromium: right-to-left Arabic, the language selector, the party list, Chinese text.

Screenshots are decoded with the standard library (zlib and the PNG chunk format) to check they are not blank
and where the ink of a heading lies.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

VIEWPORT_WIDTH = 1280  # the page fixture's viewport
CJK = re.compile(r"[\u4e00-\u9fff]")
ARABIC_INDIC_DIGIT = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")

#: The party list's state; a row is visible when it is rendered (not only when it lacks [hidden]).
PARTY_LIST = """() => ({
  rows: Array.from(document.querySelectorAll("#ps-parties tbody tr"), row => ({
    name: row.dataset.name, names: row.dataset.names, region: row.dataset.region, group: row.dataset.group, stage: row.dataset.stage,
    visible: !row.hidden && row.getClientRects().length > 0
  })),
  count: document.getElementById("ps-count").textContent,
  template: document.getElementById("ps-parties").dataset.countTemplate,
  filters: Object.fromEntries(["q", "region", "group", "stage"].map(
    name => [name, document.getElementById("ps-filters").elements[name].value])),
  search: location.search
})"""


# --- helpers ------------------------------------------------------------------------------------------------


class Site:
    """The browser page on the shipped site; collects uncaught script errors."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return self.page

    def path(self) -> str:
        return urlsplit(self.page.url).path


@pytest.fixture
def site(page, shipped_url: str) -> Site:
    return Site(page, shipped_url)


@dataclass
class Image:
    """A decoded 8-bit RGB(A) PNG: rows of pixel tuples."""

    width: int
    height: int
    rows: list[list[tuple[int, ...]]]


def decode_png(data: bytes) -> Image:
    """Decode a non-interlaced 8-bit truecolour PNG (what Chromium writes) with zlib and the PNG filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    position, header, compressed = 8, None, []
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        assert (
            zlib.crc32(kind + body)
            == struct.unpack(">I", data[position + 8 + length : position + 12 + length])[0]
        )
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed.append(body)
        elif kind == b"IEND":
            break
        position += 12 + length
    assert header is not None, "no IHDR chunk"
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(b"".join(compressed))
    assert len(raw) == height * (stride + 1), "truncated image data"
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        else:
            assert kind == 0, f"unknown PNG filter {kind}"
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, channels)])
        previous = line
    return Image(width, height, rows)


def screenshot(page, path: Path) -> Image:
    """Screenshot of the viewport to ``path``, checked not blank: many colours, none filling the picture."""
    page.screenshot(path=str(path))
    data = path.read_bytes()
    assert len(data) > 20_000, f"{path.name}: only {len(data)} bytes, a (nearly) blank picture"
    image = decode_png(data)
    colours = Counter(pixel for row in image.rows for pixel in row)
    assert len(colours) >= 50, f"{path.name}: only {len(colours)} colours"
    share = colours.most_common(1)[0][1] / (image.width * image.height)
    assert share < 0.97, f"{path.name}: one colour covers {share:.0%} of the picture"
    return image


def ink_columns(image: Image, box: dict, scale: float) -> list[int]:
    """Columns (in CSS pixels) inside ``box`` that hold a pixel differing from the box's background colour."""
    top, bottom = int(box["y"] * scale), int((box["y"] + box["height"]) * scale)
    left, right = int(box["x"] * scale), int((box["x"] + box["width"]) * scale)
    band = [row[left:right] for row in image.rows[top:bottom]]
    background = Counter(pixel for row in band for pixel in row).most_common(1)[0][0]
    columns = {
        x
        for row in band
        for x, pixel in enumerate(row)
        if max(abs(p - q) for p, q in zip(pixel, background, strict=True)) > 60
    }
    return sorted((left + x) / scale for x in columns)


def text_box(page, selector: str) -> dict:
    """Bounding box of the text of the first element matching ``selector`` (not of its block box)."""
    return page.evaluate(
        """selector => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector(selector));
          const r = range.getBoundingClientRect();
          return {x: r.x, y: r.y, width: r.width, height: r.height, right: r.right};
        }""",
        selector,
    )


@dataclass
class PartyList:
    """The party list as the reader sees it, read in one round trip."""

    rows: list[dict]  # every row in document order: name, region, group, stage, visible
    count: str  # the text of #ps-count
    template: str  # the count's template, e.g. "{shown} of {total} parties shown"
    filters: dict[str, str]  # the values of the four filter fields
    query: dict[str, list[str]]  # the address's query string

    @property
    def shown(self) -> list[str]:
        return [row["name"] for row in self.rows if row["visible"]]

    def count_of(self, shown: int) -> str:
        """What #ps-count should say (plain numbers: fine for English and Arabic lists of this size)."""
        return self.template.replace("{shown}", str(shown)).replace("{total}", str(len(self.rows)))


def party_list(page) -> PartyList:
    state = page.evaluate(PARTY_LIST)
    return PartyList(
        rows=state["rows"],
        count=state["count"],
        template=state["template"],
        filters=state["filters"],
        query=parse_qs(state["search"].lstrip("?")),
    )


def fold(text: str) -> str:
    """The list's name matching: accents dropped, lower case."""
    return re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFKD", text)).lower()


# --- (a) Arabic is laid out right to left -------------------------------------------------------------------


@pytest.mark.browser
def test_arabic_profile_is_right_to_left(site: Site, tmp_path: Path):
    page = site.open("/ar/profiles/ken/")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"

    content = page.locator("article").bounding_box()
    heading = text_box(page, "article h1")
    assert heading["width"] > 0
    assert abs(heading["right"] - (content["x"] + content["width"])) <= 2, (heading, content)
    assert heading["x"] > content["x"] + content["width"] / 2, "the title starts in the left half"
    assert heading["x"] > VIEWPORT_WIDTH / 2

    tabs = page.locator(".md-tabs__item").evaluate_all(
        "items => items.filter(i => i.getClientRects().length).map(i => i.getBoundingClientRect().toJSON())"
    )
    assert len(tabs) >= 2, "no navigation tabs shown"
    lefts = [tab["x"] for tab in tabs]
    assert lefts == sorted(lefts, reverse=True), f"tabs do not run from right to left: {lefts}"
    assert tabs[0]["right"] > VIEWPORT_WIDTH * 0.8, f"the first tab is not on the right: {tabs[0]}"

    # the edit button mirrors too: at the end of the title's line, which is its left in Arabic; it is hidden
    # (through the CSSOM, which the page's security policy allows) so that the title's ink is measured alone
    edit = page.locator("article a.md-content__button[rel=edit]")
    assert edit.count() == 1
    button = edit.bounding_box()
    assert button["x"] + button["width"] < content["x"] + content["width"] / 2, (button, content)
    edit.evaluate("button => { button.style.visibility = 'hidden'; }")
    image = screenshot(page, tmp_path / "ar-ken.png")
    scale = image.width / VIEWPORT_WIDTH
    ink = ink_columns(image, page.locator("article h1").bounding_box(), scale)
    assert ink, "the title left no ink on the screenshot"
    middle = content["x"] + content["width"] / 2
    assert min(ink) > middle, f"title ink from x={min(ink)}, left of the content's middle {middle}"
    assert not site.errors


# --- (b) the language selector keeps the page ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "language", "target"),
    [
        ("/fr/profiles/ken/", "zh", "/zh/profiles/ken/"),
        ("/profiles/ken/", "ar", "/ar/profiles/ken/"),
        ("/ar/profiles/ken/", "en", "/profiles/ken/"),
    ],
)
def test_language_selector_keeps_the_page(site: Site, start: str, language: str, target: str):
    page = site.open(start)
    button = page.locator(".md-header__option .md-select > button.md-header__button")
    assert button.count() == 1
    assert button.get_attribute("aria-label"), "the language button has no accessible name"
    link = page.locator(f'.md-select__link[hreflang="{language}"]')
    button.hover()  # Material shows the list on hover or focus
    button.click()
    link.wait_for(state="visible", timeout=5_000)
    link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == target, timeout=10_000)
    page.wait_for_load_state("load")
    assert site.path() == target
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator(f'.md-select__link[hreflang="{language}"]').get_attribute("aria-current") == "true"
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == ("rtl" if language == "ar" else "ltr")
    if language == "zh":
        assert CJK.search(page.locator("article h1").inner_text())
    assert not site.errors


# --- (c) the party list -------------------------------------------------------------------------------------


def names(rows: list[dict], **wanted: str) -> list[str]:
    """Names of the ``rows`` whose data attributes have the ``wanted`` values, in order."""
    return [row["name"] for row in rows if all(row[key] == value for key, value in wanted.items())]


@pytest.mark.browser
def test_region_filter(site: Site):
    page = site.open("/profiles/")
    start = party_list(page)
    total = len(start.rows)
    assert total > 100 and len(start.shown) == total
    assert start.count == start.count_of(total)

    regions = [
        value
        for value in page.locator("#ps-filter-region option").evaluate_all(
            "options => options.map(o => o.value)"
        )
        if value
    ]
    assert len(regions) >= 5
    for region in regions:
        page.select_option("#ps-filter-region", region)
        now = party_list(page)
        expected = names(start.rows, region=region)
        assert expected, f"no party in region {region}"
        assert now.shown == expected, f"region {region}"
        assert now.count == now.count_of(len(expected)) != start.count
        assert now.query == {"region": [region]}

    page.select_option("#ps-filter-region", "")
    now = party_list(page)
    assert len(now.shown) == total and now.count == start.count and now.query == {}
    assert not site.errors


@pytest.mark.browser
def test_stage_and_text_filters_combine(site: Site):
    page = site.open("/profiles/")
    start = party_list(page)
    pairs = Counter((row["region"], row["stage"]) for row in start.rows)
    (region, stage), _ = max(pairs.items(), key=lambda item: (item[1], item[0]))

    page.select_option("#ps-filter-stage", stage)
    by_stage = names(start.rows, stage=stage)
    now = party_list(page)
    assert now.shown == by_stage and now.count == now.count_of(len(by_stage))

    page.select_option("#ps-filter-region", region)
    both = names(start.rows, stage=stage, region=region)
    assert len(both) < len(by_stage)
    now = party_list(page)
    assert now.shown == both and now.count == now.count_of(len(both))

    # a few letters of one of the names, typed as a reader would
    text = fold(both[0])[1:4]
    page.locator("#ps-filter-text").press_sequentially(text)
    # the filter searches every name a party is found by (the UN's here and in English, everyday ones, code)
    found_by = {row["name"]: fold(row["names"]) for row in start.rows}
    expected = [name for name in both if text in found_by[name]]
    assert both[0] in expected
    now = party_list(page)
    assert now.shown == expected and now.count == now.count_of(len(expected))
    assert now.query == {"q": [text], "region": [region], "stage": [stage]}

    # the text alone, once the selects are back to All
    page.select_option("#ps-filter-region", "")
    page.select_option("#ps-filter-stage", "")
    assert party_list(page).shown == [row["name"] for row in start.rows if text in fold(row["names"])]
    assert not site.errors


@pytest.mark.browser
@pytest.mark.parametrize(
    ("prefix", "typed", "code"),
    [
        ("zh/", "Kenya", "ken"),  # the English name on the Chinese list
        ("zh/", "ken", "ken"),  # the code
        ("pt/", "Quênia", "ken"),  # the Brazilian spelling on the (European Portuguese) list
        ("fr/", "Cote d'Ivoire", "civ"),  # no accent, a straight apostrophe
        ("ar/", "Kenya", "ken"),  # the English name on the Arabic list
    ],
)
def test_name_filter_finds_a_party_by_any_of_its_names(site: Site, prefix: str, typed: str, code: str):
    page = site.open(f"/{prefix}profiles/")
    page.locator("#ps-filter-text").press_sequentially(typed)
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll("#ps-parties tbody tr"))
             .filter(row => !row.hidden && row.getClientRects().length > 0)
             .map(row => row.querySelector("th a").getAttribute("href"))"""
    )
    assert f"{code}/" in shown, shown
    assert len(shown) <= 3, shown
    assert not site.errors


@pytest.mark.browser
def test_group_filter_from_the_address(site: Site):
    page = site.open("/profiles/?group=2")
    now = party_list(page)
    assert now.filters == {"q": "", "region": "", "group": "2", "stage": ""}
    assert page.locator("#ps-filter-group").input_value() == "2"
    assert now.shown == names(now.rows, group="2") and now.shown
    assert now.count == now.count_of(len(now.shown))
    assert not site.errors


@pytest.mark.browser
def test_sort_by_review_group(site: Site):
    page = site.open("/profiles/")
    initial = party_list(page).rows  # sorted by name on load

    def key(row: dict) -> int:
        return int(row["group"]) if row["group"].isdigit() else 9  # parties outside the review come last

    header = page.locator('#ps-parties th[data-sort="group"]')
    button = page.get_by_role("button", name=re.compile(r"^Review group"))  # the name gains ▲/▼, see below
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = [row["name"] for row in sorted(initial, key=key)]
    rows = party_list(page).rows
    assert [row["name"] for row in rows] == ascending
    groups = [row["group"] for row in rows]
    assert groups[0] == "1" and groups == sorted(
        groups, key=lambda group: int(group) if group.isdigit() else 9
    )

    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert [row["name"] for row in party_list(page).rows] == ascending[::-1]
    assert page.locator('#ps-parties th[data-sort="name"]').get_attribute("aria-sort") is None
    assert not site.errors


@pytest.mark.browser
def test_sort_arrow_stays_out_of_the_button_name(site: Site):
    page = site.open("/profiles/")
    page.locator('#ps-parties th[data-sort="group"] button').click()
    assert page.locator('#ps-parties th[data-sort="group"]').get_attribute("aria-sort") == "ascending"
    assert page.get_by_role("button", name="Review group", exact=True).count() == 1
    assert page.get_by_role("button", name="Party", exact=True).count() == 1


@pytest.mark.browser
def test_region_filter_by_keyboard_only(site: Site):
    page = site.open("/profiles/")
    start = party_list(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "ps-filter-region":
            break
    else:
        pytest.fail("the region filter cannot be reached with Tab")
    options = page.locator("#ps-filter-region option").evaluate_all("options => options.map(o => o.value)")
    assert options[0] == ""

    for option in options[1:3]:  # ArrowDown on the closed select picks the next option
        page.keyboard.press("ArrowDown")
        now = party_list(page)
        assert now.filters["region"] == option
        expected = names(start.rows, region=option)
        assert now.shown == expected and now.count == now.count_of(len(expected))
        assert now.query == {"region": [option]}
    assert page.evaluate("document.activeElement.id") == "ps-filter-region"
    assert not site.errors


@pytest.mark.browser
def test_arabic_party_list_filters_with_western_digits(site: Site):
    page = site.open("/ar/profiles/?group=1")
    now = party_list(page)
    assert now.shown and now.shown == names(now.rows, group="1")
    assert not ARABIC_INDIC_DIGIT.search(now.count), f"Arabic-Indic digits in {now.count!r}"
    assert now.count == now.count_of(len(now.shown))
    assert not site.errors


# --- (d) Chinese --------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_chinese_profile_renders_chinese(site: Site, tmp_path: Path):
    page = site.open("/zh/profiles/ken/")
    assert page.evaluate("document.documentElement.lang") == "zh"
    title = page.locator("article h1").inner_text()
    assert CJK.search(title), f"title {title!r} has no Chinese characters"
    text = page.locator("article").inner_text()
    assert len(CJK.findall(text)) > 100
    image = screenshot(page, tmp_path / "zh-ken.png")
    scale = image.width / VIEWPORT_WIDTH
    heading = page.locator("article h1").bounding_box()
    ink = ink_columns(image, heading, scale)
    assert ink, "the Chinese title left no ink on the screenshot"
    assert min(ink) < heading["x"] + heading["width"] / 2, "the Chinese title is not laid out left to right"
    assert not site.errors
