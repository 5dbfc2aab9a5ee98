"""Party names as the UN writes them: UNTERM short names in its six languages, CLDR for Portuguese.

A UN mechanism's site names States in the UN's terminology (Türkiye, Holy See, United Republic of Tanzania),
not in CLDR's everyday names (Turkey, Vatican City, Tanzania). The UNTERM short names come from the UN
Countries & Territories taxonomy that OCHA publishes in ``hdx-python-country``; ``sources/unterm_names.csv``
is the cited copy (``scripts/refresh_unterm_names.py`` writes it and ``unterm_names.csv`` next to this
module, the copy the package ships, since a build does not run from a fixed folder).

Order: a record's own name in a language, where the record cites a source for its names; UNTERM's short
name in the six UN languages; CLDR's name otherwise (Portuguese: European Portuguese, the site's).
"""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from pathlib import Path

from babel import Locale

from profilesite.i18n import formatting
from profilesite.model import Party

#: The build's copy of ``sources/unterm_names.csv`` (identical; a test compares them).
UNTERM_FILE = Path(__file__).with_name("unterm_names.csv")
#: The languages UNTERM gives short names in.
UNTERM_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
#: Spelling variants search also finds, as CLDR locales: Brazilian next to the site's European Portuguese.
SEARCH_VARIANTS = {"pt": ("pt_BR",)}
#: The site's languages written in the Latin script, whose names search finds in every language: a reader
#: types them on any keyboard (Kenya, Kenia, Quénia, Quênia find Kenya on the Chinese site too). Names in
#: Cyrillic, Chinese and Arabic are found in their own language and would only weigh on the others.
SHARED_NAME_LOCALES = ("en", "fr", "es", "pt")


@cache
def unterm_names() -> dict[str, dict[str, str]]:
    """UNTERM short names by ISO 3166-1 alpha-2 code (the records' ``territory``), then by language."""
    with UNTERM_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["iso2"]: {lang: row[lang] for lang in UNTERM_LANGUAGES} for row in csv.DictReader(handle)}


def record_name(party: Party, locale: str) -> str | None:
    """The record's own name in ``locale``, honoured only where the record cites where its names come from."""
    return getattr(party.names, locale, None) if party.names.source else None


def unterm_name(party: Party, locale: str) -> str | None:
    """UNTERM's short name of the party in ``locale``; None outside the six UN languages or UNTERM's list."""
    if locale not in UNTERM_LANGUAGES or not party.territory:
        return None
    return unterm_names().get(party.territory, {}).get(locale)


def official_name(party: Party, locale: str) -> str:
    """The name shown for ``party`` in ``locale``: the record's cited name, UNTERM's, or CLDR's."""
    name = record_name(party, locale) or unterm_name(party, locale)
    if name:
        return name
    if party.territory:
        return formatting.territory_name(party.territory, locale)
    return party.code.upper()


def without_accents(text: str) -> str:
    """``text`` with its diacritics removed (Türkiye -> Turkiye), for readers who type without them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def _cldr_variant(territory: str, cldr_locale: str) -> str | None:
    return Locale.parse(cldr_locale).territories.get(territory)


@cache
def _variants(territory: str | None, locale: str) -> tuple[str, ...]:
    """Everyday names search should also know: CLDR's in ``locale`` and in English, and regional spellings."""
    if not territory:
        return ()
    names = [formatting.territory_name(territory, locale), formatting.territory_name(territory, "en")]
    names += [_cldr_variant(territory, variant) or "" for variant in SEARCH_VARIANTS.get(locale, ())]
    return tuple(name for name in names if name)


def search_names(party: Party, locale: str) -> list[str]:
    """Every name a reader of ``locale`` may look the party up by, the shown name first, without repeats.

    The official name in ``locale`` and in English, CLDR's everyday names (Turquie, Vatican City; Quênia
    next to Quénia in Portuguese), then the official and everyday names in the other Latin-script languages
    of the site (SHARED_NAME_LOCALES), each also without accents, with a straight apostrophe and with a
    space for it ("Cote d Ivoire"). Search and the party-list filter both find a party by these names
    (render/pages.py).
    """
    names = [official_name(party, locale), official_name(party, "en"), *_variants(party.territory, locale)]
    for other in SHARED_NAME_LOCALES:
        if other != locale:
            names += [official_name(party, other), *_variants(party.territory, other)]
    spelled = []
    for name in names:
        straight = name.replace("\u2019", "'")
        plain = without_accents(straight)
        # the apostrophe also as a space: search splits words at spaces only, so "Ivoire" is then a word
        spelled += [name, straight, plain, plain.replace("'", " ")]
    return list(dict.fromkeys(spelled))
