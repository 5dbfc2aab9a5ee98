"""The world map in Chromium (issue 15, item 2): a shape leads to its profile, every party is a named link
in all seven languages, the view switch recolours the map without JavaScript, and a phone sees it whole."""

from __future__ import annotations

import pytest

from profilesite.checks import load_index
from profilesite.i18n.locales import LOCALES
from profilesite.views.parties import party_name

from ..conftest import REPO

pytestmark = pytest.mark.browser

#: Every link of the map's figure: its address and the name the accessibility tree gives it.
MAP_LINKS = """() => Array.from(document.querySelectorAll(".ps-map-figure a"), link => ({
  href: new URL(link.getAttribute("href"), location.href).pathname,
  label: link.getAttribute("aria-label") || link.textContent.trim(),
}))"""


@pytest.fixture(scope="module")
def index():
    return load_index(REPO / "profiles", REPO)


def test_selecting_a_shape_opens_the_party_profile(page, shipped_url):
    page.goto(f"{shipped_url}/")
    kenya = page.locator('svg.ps-map-svg a[aria-label="Kenya"]')
    assert kenya.count() == 1
    assert "Kenya" in kenya.locator("title").text_content()
    kenya.locator("path").click()
    page.wait_for_url(f"{shipped_url}/profiles/ken/")
    assert page.locator("h1").first.inner_text().startswith("Kenya")


def test_a_small_party_is_a_circle_that_opens_its_profile(page, shipped_url):
    page.goto(f"{shipped_url}/fr/statistics/")
    malta = page.get_by_role("link", name="Malte", exact=True).and_(page.locator("svg.ps-map-svg a"))
    assert malta.locator("circle").count() == 1
    malta.locator("circle").click()
    page.wait_for_url(f"{shipped_url}/fr/profiles/mlt/")


@pytest.mark.parametrize("locale", LOCALES, ids=[locale.code for locale in LOCALES])
def test_every_party_is_a_named_link_of_the_map_in_every_language(page, shipped_url, index, locale):
    page.goto(f"{shipped_url}/{locale.prefix}")
    links = page.evaluate(MAP_LINKS)
    expected = {
        f"/{locale.prefix}profiles/{code}/": party_name(party, locale.code)
        for code, party in index.parties.items()
    }
    assert len(links) == len(expected)
    assert {link["href"]: link["label"] for link in links} == expected
    # the accessibility tree agrees with the attributes: Chromium names a shape by its aria-label
    name = expected[f"/{locale.prefix}profiles/ken/"]
    assert page.locator("svg.ps-map-svg").get_by_role("link", name=name, exact=True).count() == 1
    rows = page.locator("table.ps-map-table tbody tr")
    assert rows.count() == len(index.parties)


def test_the_stage_view_recolours_the_map_and_swaps_the_legend(page, shipped_url):
    page.goto(f"{shipped_url}/ar/")
    kenya = page.locator('svg.ps-map-svg a[href$="profiles/ken/"] path')
    fill = "el => getComputedStyle(el).fill"
    before = kenya.evaluate(fill)
    assert page.locator(".ps-map-key-instruments").is_visible()
    assert not page.locator(".ps-map-key-stages").is_visible()
    page.locator("label", has=page.locator("#ps-map-view-stages")).click()
    assert page.locator("#ps-map-view-stages").is_checked()
    assert kenya.evaluate(fill) != before
    assert page.locator(".ps-map-key-stages").is_visible()
    assert not page.locator(".ps-map-key-instruments").is_visible()
    # each legend entry's swatch is painted as the map paints its category
    classes = kenya.evaluate("el => el.parentElement.getAttribute('class')").split()
    stage = next(name for name in classes if name.startswith("s"))
    swatch = page.locator(f".ps-map-key-stages rect.{stage}")
    assert swatch.evaluate(fill) == kenya.evaluate(fill)


@pytest.mark.parametrize("prefix", ["", "ar/", "zh/"])
def test_on_a_phone_the_map_fits_the_width(browser, shipped_url, prefix):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(f"{shipped_url}/{prefix}")
        box = page.locator("svg.ps-map-svg").bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 0.5, box
        assert box["width"] >= 300, box  # uses the width, not a thumbnail
        figure = page.locator(".ps-map-figure")
        assert figure.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        # small parties' circles stay large enough to see and to tap
        circle = page.locator("svg.ps-map-svg a circle").first.bounding_box()
        assert circle["width"] >= 4, circle
    finally:
        context.close()
