"""Dates, numbers, percentages and party names per locale, all from Babel's CLDR data.

Arabic: UN documents in Arabic write Western (Latin) digits, and so does CLDR's default numbering for
``ar``; we keep it deliberately (tests assert it) so figures read the same as in the Secretariat's papers.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.lists import format_list as babel_format_list
from babel.numbers import format_decimal, format_percent

# The site's Portuguese is European (the catalogs and pages use its spelling); CLDR's plain "pt" is Brazilian.
CLDR_LOCALES = {"pt": "pt_PT"}


@cache
def cldr(locale: str) -> Locale:
    """Babel's locale object for a site locale (cached: parsing CLDR data is the slow part)."""
    return Locale.parse(CLDR_LOCALES.get(locale, locale))


@lru_cache(maxsize=65536)
def date(value: dt.date, locale: str, style: str = "long") -> str:
    """A date as readers of ``locale`` write it, e.g. '1 décembre 2020'."""
    return babel_format_date(value, format=style, locale=cldr(locale))


@lru_cache(maxsize=65536)
def number(value: int | float, locale: str) -> str:
    """A number with the locale's separators."""
    return format_decimal(value, locale=cldr(locale))


def percent(value: float, locale: str) -> str:
    """A share (0..1) as a percentage with one decimal where it matters."""
    return format_percent(value, format="#,##0.#%", locale=cldr(locale))


def listing(items: list[str], locale: str) -> str:
    """'A, B and C' in the locale's words."""
    return babel_format_list(items, locale=cldr(locale)) if items else ""


@cache
def list_separator(locale: str) -> str:
    """The locale's separator between list items: ', ' in English, '، ' in Arabic, '、' in Chinese."""
    pattern = cldr(locale).list_patterns["standard"]["middle"]
    return pattern.replace("{0}", "").replace("{1}", "")


@lru_cache(maxsize=4096)
def territory_name(territory: str, locale: str) -> str:
    """CLDR's name of a territory (e.g. 'KE' -> 'Кения' in ru)."""
    return cldr(locale).territories.get(territory, territory)


@lru_cache(maxsize=1024)
def language_name(language: str, locale: str) -> str:
    """CLDR's name of a language in ``locale`` (e.g. 'ar' in fr -> 'arabe')."""
    return cldr(locale).languages.get(language, language)
