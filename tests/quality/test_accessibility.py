"""WCAG 2.1 AA: axe-core in Chromium on the main pages of every language, and the keyboard alone (Tab, Enter,
arrow keys) through the party-list filters and the language selector."""

from __future__ import annotations

import pytest

from .conftest import KENYA, LOCALE_IDS, PAGES, PREFIXES

pytestmark = pytest.mark.browser

AXE_RUN = """() => axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  resultTypes: ["violations"]
})"""
BLOCKING = {"serious", "critical"}

#: What has the keyboard focus, in a form that reads well in an assertion message.
FOCUSED = """() => {
  const element = document.activeElement;
  return element ? `${element.tagName.toLowerCase()}#${element.id}.${element.className} ${element.textContent.trim().slice(0, 40)}` : "";
}"""


@pytest.mark.parametrize("prefix", PREFIXES, ids=LOCALE_IDS)
def test_axe_finds_no_serious_or_critical_violation(browser, shipped_url, axe_script, prefix):
    # bypass_csp: axe is injected as an inline script, which the site's own policy (rightly) blocks
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = []

    def check(where: str) -> None:
        # colours are measured as painted: let every transition (menu, search overlay) finish first
        page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
        for violation in page.evaluate(AXE_RUN)["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
                found.append(
                    f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) "
                    f"on {len(violation['nodes'])} element(s), e.g. {targets}: "
                    f"{violation['nodes'][0].get('failureSummary', '')}"
                )

    try:
        for path in PAGES:
            page.goto(f"{shipped_url}/{prefix}{path}", wait_until="load")
            page.add_script_tag(path=str(axe_script))
            check(f"/{prefix}{path}")
        # what only shows on demand, on the last page: the language list, then search results
        page.focus(".md-select > button")
        check(f"/{prefix}{PAGES[-1]} with the language list open")
        page.keyboard.press("/")
        page.keyboard.type(KENYA[prefix])
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        check(f"/{prefix}{PAGES[-1]} with search results")
    finally:
        context.close()
    assert not found, "\n".join(found)


def _tab_until(page, selector: str, limit: int = 60) -> int:
    """Press Tab until the focused element matches ``selector``; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement?.matches(selector) ?? false", selector):
            return presses
    raise AssertionError(
        f"{selector} not reached in {limit} presses of Tab; focus is on {page.evaluate(FOCUSED)}"
    )


def _party_list(page) -> dict:
    return page.evaluate(
        """() => ({
          shown: Array.from(document.querySelectorAll("#ps-parties tbody tr"))
            .filter(row => row.getClientRects().length > 0)
            .map(row => ({name: row.dataset.name, region: row.dataset.region, group: row.dataset.group})),
          total: document.querySelectorAll("#ps-parties tbody tr").length,
          count: document.getElementById("ps-count").textContent,
          search: location.search
        })"""
    )


@pytest.mark.parametrize("prefix", ["", "ar/"], ids=["en", "ar"])
def test_party_list_filters_and_sorting_work_with_the_keyboard_alone(site_page, prefix):
    page = site_page.page
    site_page.goto(f"{prefix}profiles/")

    # the first Tab reaches the skip link, which leads straight to the filters
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), page.evaluate(FOCUSED)
    assert page.locator(".md-skip:focus").is_visible()
    page.keyboard.press("Enter")
    assert _tab_until(page, "#ps-filter-text", limit=3) == 1, "the name filter follows the skip target"

    kenya = page.locator("#ps-parties tbody tr:has(th a[href='ken/'])").get_attribute("data-name")
    page.keyboard.type(kenya)
    state = _party_list(page)
    assert [row["name"] for row in state["shown"]] == [kenya]
    assert state["search"].startswith("?q=")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    assert len(_party_list(page)["shown"]) == _party_list(page)["total"]

    # a closed <select> changes its value with the arrow keys; the list follows at once
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ps-filter-region"
    page.keyboard.press("ArrowDown")
    region = page.evaluate("document.activeElement.value")
    state = _party_list(page)
    assert region and state["shown"], "the first regional group has parties"
    assert {row["region"] for row in state["shown"]} == {region}
    assert len(state["shown"]) < state["total"]

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ps-filter-group"
    page.keyboard.press("ArrowDown")
    group = page.evaluate("document.activeElement.value")
    state = _party_list(page)
    assert {(row["region"], row["group"]) for row in state["shown"]} <= {(region, group)}
    assert f"region={region}" in state["search"] and f"group={group}" in state["search"]
    page.keyboard.press("ArrowUp")  # back to "All"
    assert page.evaluate("document.activeElement.value") == ""

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ps-filter-stage"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowUp")  # region back to "All"
    assert len(_party_list(page)["shown"]) == _party_list(page)["total"]

    # column headings sort with Enter and with Space
    _tab_until(page, "#ps-parties th[data-sort='name'] button", limit=5)
    heading = page.locator("#ps-parties th[data-sort='name']")
    assert heading.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert heading.get_attribute("aria-sort") == "descending"
    page.keyboard.press("Tab")
    page.keyboard.press(" ")
    assert page.locator("#ps-parties th[data-sort='region']").get_attribute("aria-sort") == "ascending"
    assert site_page.collect() == [] and site_page.errors == []


@pytest.mark.parametrize(("prefix", "target"), [("", "fr"), ("ar/", "zh")], ids=["en", "ar"])
def test_language_selector_opens_on_keyboard_focus_and_its_links_take_tab(site_page, prefix, target):
    page = site_page.page
    site_page.goto(f"{prefix}profiles/ken/")
    menu = page.locator(".md-select__inner")
    assert menu.evaluate("element => getComputedStyle(element).opacity") == "0", "closed before focus"

    _tab_until(page, ".md-select > button", limit=5)
    menu.evaluate("element => Promise.all(element.getAnimations().map(animation => animation.finished))")
    assert menu.evaluate("element => getComputedStyle(element).opacity") == "1", "focus opens the selector"

    reached = []
    for _ in range(len(PREFIXES)):
        page.keyboard.press("Tab")
        link = page.locator(".md-select__link:focus")
        assert link.count() == 1, f"Tab left the language list early, on {page.evaluate(FOCUSED)}"
        # really on screen: the menu is open and the focused link is the topmost element at its centre
        box = link.bounding_box()
        topmost = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('.md-select__link')?.getAttribute('hreflang')",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert topmost == link.get_attribute("hreflang"), f"{topmost} covers the focused link"
        reached.append(link.get_attribute("hreflang"))
    assert reached == LOCALE_IDS

    page.keyboard.press("Shift+Tab")
    while page.evaluate("document.activeElement.getAttribute('hreflang')") != target:
        page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{site_page.root}{target}/profiles/ken/"
    assert page.evaluate("document.documentElement.lang") == target
    assert site_page.collect() == [] and site_page.errors == []


def _luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = map(linear, rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("prefix", ["", "ar/"], ids=["en", "ar"])
def test_chart_counts_are_legible_on_their_bars(page, shipped_url, prefix):
    """axe does not measure SVG text: check each count drawn on a bar segment as the browser paints it."""
    page.goto(f"{shipped_url}/{prefix}statistics/")
    pairs = page.evaluate(
        """() => Array.from(document.querySelectorAll("svg.ps-chart a"), link => {
          const text = link.querySelector("text"), rect = link.querySelector("rect");
          if (!text) return null;
          const rgb = value => value.match(/\\d+/g).slice(0, 3).map(Number);
          return {text: rgb(getComputedStyle(text).fill), bar: rgb(getComputedStyle(rect).fill), label: text.textContent};
        }).filter(Boolean)"""
    )
    assert len(pairs) > 20, "the charts draw counts on their bars"
    weak = [
        (
            pair["label"],
            pair["text"],
            pair["bar"],
            round(contrast(tuple(pair["text"]), tuple(pair["bar"])), 2),
        )
        for pair in pairs
        if contrast(tuple(pair["text"]), tuple(pair["bar"])) < 4.5
    ]
    assert not weak, f"counts below 4.5:1 on their bar: {weak[:10]}"
