"""Forgiving search and party-list filter (issue 15), in Chromium on the shipped site in all seven languages:
accents, case and apostrophes do not count; a party is found by its name in the page's language, in the
site's Latin-script languages (Brazilian and European Portuguese spellings too) and by its code; the list
filter matches as search does; without JavaScript the form is hidden and the whole list shows; every control
shows where the keyboard focus is."""

from __future__ import annotations

import json

import pytest

from profilesite import routes
from profilesite.i18n.locales import LOCALES

from .search_box import first_result

pytestmark = pytest.mark.browser

PREFIXES = [locale.prefix for locale in LOCALES]
IDS = [locale.code for locale in LOCALES]

#: What a reader types in the party list's name filter, and the only party it must leave visible.
TYPED = [
    ("Quênia", "ken"),
    ("Quénia", "ken"),
    ("Cote d'Ivoire", "civ"),
    ("cote d ivoire", "civ"),
    ("CÔTE D’IVOIRE", "civ"),
    ("ken", "ken"),
    ("Kenya", "ken"),
]

VISIBLE_ROWS = """() => Array.from(document.querySelectorAll("#ps-parties tbody tr"))
    .filter(row => !row.hidden && row.getClientRects().length > 0)
    .map(row => row.querySelector("th a").getAttribute("href"))"""


def _party_list(prefix: str) -> str:
    return f"{prefix}{routes.PARTY_LIST}"


@pytest.mark.parametrize("prefix", PREFIXES, ids=IDS)
def test_the_name_filter_forgives_accents_case_apostrophes_and_language(page, shipped_url, prefix):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{shipped_url}/{_party_list(prefix)}")
    total = len(page.evaluate(VISIBLE_ROWS))
    assert total > 150
    box = page.locator("#ps-filter-text")
    assert box.is_visible()
    for typed, code in TYPED:
        box.fill("")
        box.press_sequentially(typed)
        assert page.evaluate(VISIBLE_ROWS) == [f"{code}/"], (prefix, typed)
    box.fill("")
    box.press("End")
    box.press("Backspace")  # an input event with the box empty: every row again
    assert len(page.evaluate(VISIBLE_ROWS)) == total
    assert errors == []


@pytest.mark.parametrize("prefix", PREFIXES, ids=IDS)
def test_the_filter_matches_every_name_search_knows_the_party_by(page, shipped_url, shipped_site, prefix):
    """The same names, the same rule: each word search holds for a profile finds it in the list."""
    index = json.loads((shipped_site / prefix / "search" / "search_index.json").read_text("utf-8"))
    kenya = next(doc for doc in index["docs"] if doc["location"] == routes.profile("ken"))
    page.goto(f"{shipped_url}/{_party_list(prefix)}")
    names = page.locator("#ps-parties tbody tr:has(th a[href='ken/'])").get_attribute("data-names")
    assert names
    words = [word.replace("\u200b", "").strip() for word in kenya["text"].split(" · ")]
    for name in names.split(" · "):
        assert name in words, (prefix, name)  # every name the filter knows, search knows
        assert page.evaluate("([text, typed]) => window.profilesite.matchesText(text, typed)", [names, name])
        folded = page.evaluate("name => window.profilesite.searchable(name)", name)
        assert page.evaluate(
            "([text, typed]) => window.profilesite.matchesText(text, typed)", [names, folded]
        )


# (language prefix, what is typed in Material's search box, the profile expected first)
SEARCHES = [
    (prefix, typed, code)
    for prefix in ("", "pt/", "zh/", "fr/", "ar/")
    for typed, code in (("Cote d'Ivoire", "civ"), ("Quênia", "ken"), ("Quénia", "ken"), ("Ivoire", "civ"))
] + [
    ("zh/", "Kenya", "ken"),
    ("zh/", "ken", "ken"),
    ("zh/", "Philippines", "phl"),  # an English name whose stem differs from the word (no stemmer)
    ("ru/", "Cote d Ivoire", "civ"),
    ("es/", "Turquia", "tur"),
]


@pytest.mark.parametrize(("prefix", "typed", "code"), SEARCHES)
def test_site_search_finds_the_party(page, shipped_url, prefix, typed, code):
    first = first_result(page, f"{shipped_url}/{prefix}", typed)
    assert first == f"{shipped_url}/{prefix}{routes.profile(code)}", (prefix, typed)


def test_search_index_holds_text_not_entities(shipped_site):
    for prefix in PREFIXES:
        index = json.loads((shipped_site / prefix / "search" / "search_index.json").read_text("utf-8"))
        assert "stemmer" not in index["config"]["pipeline"], prefix
        for doc in index["docs"]:
            assert "&#39;" not in doc["title"] + doc["text"], (prefix, doc["location"])
        ivory = next(doc for doc in index["docs"] if doc["location"] == routes.profile("civ"))
        assert "Cote d'Ivoire" in ivory["text"] and "Cote d Ivoire" in ivory["text"], prefix


@pytest.mark.parametrize("prefix", PREFIXES, ids=IDS)
def test_without_javascript_the_form_is_hidden_and_every_row_shows(browser, shipped_url, prefix):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(f"{shipped_url}/{_party_list(prefix)}?q=kenya&group=2")  # the address filters nothing
        assert not tab.locator("#ps-filters").is_visible()
        assert (
            tab.locator("#ps-filters input, #ps-filters select").evaluate_all(
                "fields => fields.filter(field => field.getClientRects().length > 0).length"
            )
            == 0
        )
        rows = tab.locator("#ps-parties tbody tr")
        assert rows.count() > 150
        assert tab.evaluate(VISIBLE_ROWS) == rows.evaluate_all(
            "rows => rows.map(row => row.querySelector('th a').getAttribute('href'))"
        )
        assert tab.locator("#ps-parties th button").count() == 0, "no sort button that does nothing"
        assert tab.locator("#ps-parties th[data-sort='name']").get_attribute("aria-sort") == "ascending"
    finally:
        context.close()


FOCUS_RING = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 ? parseFloat(style.outlineWidth) : 0;
  const shadow = style.boxShadow !== "none" ? style.boxShadow : "";
  return {
    what: element.tagName + (element.id ? "#" + element.id : "") + "." + element.className,
    outline, style: style.outlineStyle, color: style.outlineColor, shadow,
  };
}"""


@pytest.mark.parametrize("prefix", ["", "ar/", "zh/"], ids=["en", "ar", "zh"])
def test_every_control_shows_a_focus_ring(page, shipped_url, prefix):
    page.goto(f"{shipped_url}/{_party_list(prefix)}")
    # the name filter first: a solid outline at least 2 px wide, with a contrasting halo
    page.locator("#ps-filter-region").focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "ps-filter-text"
    ring = page.evaluate(FOCUS_RING)
    assert ring["outline"] >= 2 and ring["style"] == "solid" and ring["shadow"], ring
    # then every control in the order Tab reaches them: header, tabs, navigation, form, sort buttons, rows
    page.goto(f"{shipped_url}/{_party_list(prefix)}")
    seen = set()
    for _ in range(70):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["what"].startswith("BODY"):
            continue
        seen.add(ring["what"].split(".")[0])
        assert ring["outline"] >= 2 and ring["style"] == "solid", ring
    assert {"INPUT#ps-filter-text", "SELECT#ps-filter-region", "BUTTON", "A"} <= seen, seen
