"""What search and the party-list filter find a party by (issue 15): its names as text, not HTML entities;
in every language the Latin-script names (Quênia and Quénia find Kenya on the Chinese site too); the code;
the same names in the search index and in the party list's ``data-names``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from profilesite.checks import load_index
from profilesite.engine import search
from profilesite.i18n.locales import LOCALE_CODES
from profilesite.render.environment import front_matter_value
from profilesite.render.pages import party_rows, render_party_list, search_text
from profilesite.views.names import SHARED_NAME_LOCALES, search_names

REPO = Path(__file__).resolve().parents[2]

#: Names the issue says a reader types, and the party each must find, in every language.
TYPED = {
    "Quênia": "ken",  # Brazilian Portuguese
    "Quénia": "ken",  # European Portuguese
    "Kenya": "ken",
    "Cote d'Ivoire": "civ",  # no accent, straight apostrophe
    "Côte d’Ivoire": "civ",  # as UNTERM and CLDR write it
    "Cote d Ivoire": "civ",  # the apostrophe as a space: "Ivoire" is a word for search
}


@pytest.fixture(scope="module")
def index():
    return load_index(REPO / "profiles", REPO)


def test_index_text_is_text_as_material_writes_it():
    escaped = str(front_matter_value('Côte d\'Ivoire · "Bosnia & Herzegovina" · <b>'))
    assert "&#39;" in escaped  # what the page's front matter holds (render/environment.py)
    text = search.index_text(json.loads(escaped))
    assert text == 'Côte d\'Ivoire · "Bosnia &amp; Herzegovina" · &lt;b&gt;'  # html.escape(quote=False)
    assert search.index_text(text) == text  # once text, it stays as it is


@pytest.mark.parametrize("locale", LOCALE_CODES)
def test_a_profiles_search_entry_holds_no_entity_and_every_typed_name(index, locale):
    for typed, code in TYPED.items():
        entry = search.index_text(
            json.loads(str(front_matter_value(search_text(index.parties[code], index, locale))))
        )
        assert "&#" not in entry and "&quot;" not in entry, entry
        assert typed in entry.split(" · "), (locale, typed, entry)


@pytest.mark.parametrize("locale", LOCALE_CODES)
def test_every_language_finds_the_latin_script_names_of_every_language(index, locale):
    for code, party in index.parties.items():
        names = search_names(party, locale)
        for other in SHARED_NAME_LOCALES:
            for name in search_names(party, other)[:1]:  # the name shown in that language
                assert name in names, (code, locale, other)


@pytest.mark.parametrize("locale", ["en", "zh", "pt"])
def test_the_party_list_filters_on_the_names_search_finds(index, locale):
    """One list of names for both: the row's data-names is the profile's search words (minus groups)."""
    rows = {row.code: row for row in party_rows(index, locale)}
    for code, party in index.parties.items():
        words = search_text(party, index, locale).split(" · ")
        assert rows[code].names.split(" · ") == words[: len(rows[code].names.split(" · "))], code
        assert code.upper() in rows[code].names.split(" · ")
    html = render_party_list(index, locale)
    kenya = re.search(r'<tr [^>]*data-names="([^"]*)"[^>]*>\s*<th scope="row"><a href="ken/"', html)
    assert kenya and {"Quênia", "Quénia", "Kenya", "KEN"} <= set(kenya.group(1).split(" · "))


def test_no_stemmer_in_any_languages_search_settings():
    """Material's queries end each word with a wildcard, which lunr runs unstemmed: a stemmed index misses
    whole words ("Philippines" on the Chinese site). Chinese is the language whose settings kept one."""

    plugin = SimpleNamespace(config=SimpleNamespace(lang=None, separator=None, pipeline=None))
    config = SimpleNamespace(plugins={"material/search": plugin})
    assert "stemmer" in search.search_settings("zh")["pipeline"]  # else this test proves nothing
    for locale in LOCALE_CODES:
        search.configure(config, locale)  # type: ignore[arg-type]
        assert "stemmer" not in plugin.config.pipeline, locale
        assert all(step.strip() for step in plugin.config.pipeline), locale


def test_party_list_form_is_hidden_until_the_script_shows_it(index):
    html = render_party_list(index, "en")
    form = re.search(r"<form [^>]*id=\"ps-filters\"[^>]*>", html)
    assert form and re.search(r"\shidden(>|\s)", form.group(0)), "the filter form needs the script"
    head = re.search(r"<thead>.*?</thead>", html, re.S).group(0)
    assert "<button" not in head, "sort buttons are made by the script: without it, headings are plain"
