"""Material's search box, driven as a reader types into it."""

from __future__ import annotations


def first_result(page, address: str, query: str) -> str:
    """The address of the first result for ``query`` on the page at ``address``, without its ``?h=``."""
    page.goto(address, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone types no key
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.locator(".md-search-result__item a").first.get_attribute("href").split("?")[0]
