"""Published responses and the article comparison in Chromium: every language, desktop and phone widths.

A reader on a phone must be able to read an answer without scrolling sideways, and each answer must run in
its own direction (Arabic right to left on an English page, English left to right on an Arabic one),
whatever the language of the page around it.
"""

from __future__ import annotations

import pytest

from profilesite import routes
from profilesite.i18n.locales import LOCALES

WIDTHS = {"desktop": 1280, "phone": 390}
#: Jordan's demonstration responses are in Arabic; the article page also shows English and Chinese answers.
PAGES = (routes.response("jor", "criminalization"), routes.article("untoc", "5"))

LAYOUT = """() => ({
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  answers: Array.from(document.querySelectorAll(".ps-answer-text"), node => ({
    lang: node.getAttribute("lang"),
    direction: getComputedStyle(node).direction,
    fontSize: parseFloat(getComputedStyle(node).fontSize),
    width: node.getBoundingClientRect().width,
  })),
  headings: document.querySelectorAll("h1").length,
  pageDir: getComputedStyle(document.body).direction,
})"""


@pytest.mark.parametrize("width", list(WIDTHS), ids=list(WIDTHS))
@pytest.mark.parametrize("locale", LOCALES, ids=[locale.code for locale in LOCALES])
def test_answers_read_in_their_own_direction_without_sideways_scrolling(browser, shipped_url, locale, width):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for address in PAGES:
            response = page.goto(f"{shipped_url}/{locale.prefix}{address}")
            assert response is not None and response.ok, address
            layout = page.evaluate(LAYOUT)
            assert layout["headings"] == 1, address
            assert layout["pageDir"] == ("rtl" if locale.code == "ar" else "ltr")
            assert layout["overflow"] <= 1, f"{address} scrolls sideways by {layout['overflow']} px"
            answers = layout["answers"]
            assert answers, address
            for answer in answers:
                expected = "rtl" if answer["lang"].split("-")[0] == "ar" else "ltr"
                assert answer["direction"] == expected, (address, answer)
                assert answer["fontSize"] >= 14, (address, answer)  # body text, not a footnote
                assert answer["width"] <= WIDTHS[width], (address, answer)
            assert {"ar"} <= {answer["lang"] for answer in answers}
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("locale", LOCALES, ids=[locale.code for locale in LOCALES])
def test_a_profile_with_its_reviews_fits_a_phone(browser, shipped_url, locale):
    """The review section (cluster timeline, reviewers per instrument, the facts lists) at 390 px."""
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900})
    page = context.new_page()
    try:
        for address in (routes.profile("jor"), routes.ARTICLES):
            response = page.goto(f"{shipped_url}/{locale.prefix}{address}")
            assert response is not None and response.ok, address
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{locale.prefix}{address} scrolls sideways by {overflow} px"
    finally:
        context.close()
