"""The data page's list of treaty facts not in our sources, generated from the records in every language.

Issue 13 asks that what stays unsourced be listed on the data page: a party whose consent to be bound is
sourced without the kind of act or its date appears in the table, linked to its profile, in every
language; a fully dated consent does not.
"""

from __future__ import annotations

import html as html_module
import re

import pytest

from profilesite import routes
from profilesite.checks import load_index
from profilesite.i18n import catalogs
from profilesite.render.includes import expand
from profilesite.views.parties import PartyIndex, party_name

from ..conftest import REPO

LOCALES = ("en", "fr", "es", "ru", "zh", "ar", "pt")


@pytest.fixture(scope="module")
def index() -> PartyIndex:
    return load_index(REPO / "profiles", REPO)


def _open_consents(index: PartyIndex) -> set[tuple[str, str]]:
    return {
        (code, key)
        for code, party in index.parties.items()
        for key, status in party.treaties.items()
        if status.consent is not None and (status.consent.type is None or status.consent.date is None)
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_every_consent_without_kind_or_date_is_listed_and_no_other(index, locale):
    html = expand("<!-- profilesite:gaps -->", index, locale, "../")
    rows = re.findall(
        r"<tr><th scope=\"row\"><a href=\"\.\./profiles/([a-z]{3})/#"
        + routes.ProfileSection.TREATIES
        + r"\">(.*?)</a></th>"
        r"<td><abbr title=\"[^\"]*\">(.*?)</abbr>",
        html,
    )
    shorts = {item.short(locale): item.key for item in index.vocabulary.instruments}
    listed = {(code, shorts[short]) for code, _, short in rows}
    expected = _open_consents(index)
    assert expected  # the shipped records have such cases (Fiji, the State of Palestine, Somalia, ...)
    assert listed == expected
    assert len(rows) == len(expected)
    for code, name, _ in rows:
        assert html_module.unescape(name) == party_name(index.parties[code], locale)
    assert catalogs.gettext(locale, "Date not in our sources") in html


def test_the_table_is_ordered_by_name_in_the_readers_language(index):
    for locale in LOCALES:
        html = expand("<!-- profilesite:gaps -->", index, locale, "../")
        codes = list(dict.fromkeys(re.findall(r'href="\.\./profiles/([a-z]{3})/', html)))
        order = [code for code in index.sorted_codes(locale) if code in codes]
        assert codes == order, locale


def test_the_data_page_of_every_language_carries_the_block():
    for locale in LOCALES:
        text = (REPO / "content" / locale / "data.md").read_text("utf-8")
        assert text.count("\n<!-- profilesite:gaps -->\n") == 1, locale
