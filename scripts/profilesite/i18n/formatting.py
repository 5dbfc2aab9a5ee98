"""Dates, numbers, percentages and party names per locale, all from Babel's CLDR data.

Arabic: UN documents in Arabic write Western (Latin) digits, and so does CLDR's default numbering for
``ar``; we keep it deliberately (tests assert it) so figures read the same as in the Secretariat's papers.

Where CLDR's long date differs from the usage of UN texts and of the site's own pages, the pattern is
adjusted (``DATE_PATTERNS``): Russian writes the year in full, "29 февраля 2024 года", as UN texts do
("резолюцией 55/25 Генеральной Ассамблеи от 15 ноября 2000 года", https://docs.cntd.ru/document/901815431)
and as content/ru/*.md does; CLDR's "2024 г." also ends with a full stop that doubled the sentence's own
("… на 29 февраля 2024 г.."). French writes the first day of a month as an ordinal, "1er novembre"
(Lexique des règles typographiques en usage à l'Imprimerie nationale, 1990: "né le 1er avril 1753", quoted
at https://question-orthographe.fr/question/format-de-dates); CLDR has no such rule.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.lists import format_list as babel_format_list
from babel.numbers import NumberPattern, format_decimal, parse_pattern

# The site's Portuguese is European (the catalogs and pages use its spelling); CLDR's plain "pt" is Brazilian.
CLDR_LOCALES = {"pt": "pt_PT"}


@cache
def cldr(locale: str) -> Locale:
    """Babel's locale object for a site locale (cached: parsing CLDR data is the slow part)."""
    return Locale.parse(CLDR_LOCALES.get(locale, locale))


#: CLDR date patterns replaced for UN usage, by (locale, style); see the module's docstring for the sources.
DATE_PATTERNS: dict[tuple[str, str], str] = {
    ("ru", "long"): "d MMMM y 'года'",
    ("ru", "full"): "EEEE, d MMMM y 'года'",
}
#: Locales that write the first day of a month as an ordinal, with the ordinal's suffix: "1er novembre".
FIRST_DAY_SUFFIX = {"fr": "er"}


@cache
def date_pattern(locale: str, style: str, first_day: bool) -> str:
    """The pattern of a date in ``style`` (CLDR's, or UN usage's where it differs), for the 1st or any day."""
    pattern = DATE_PATTERNS.get((locale, style)) or cldr(locale).date_formats[style].pattern
    suffix = FIRST_DAY_SUFFIX.get(locale)
    if first_day and suffix and style in ("long", "full"):
        # the day field is a lone "d" outside quoted literals ("EEEE d MMMM y"): quote the suffix after it
        pattern = re.sub(r"(?<![d'])d(?![d'])", f"d'{suffix}'", pattern, count=1)
    return pattern


@lru_cache(maxsize=65536)
def date(value: dt.date, locale: str, style: str = "long") -> str:
    """A date as readers of ``locale`` write it, e.g. '1er décembre 2020', '29 февраля 2024 года'.

    ``style`` is one of CLDR's: short, medium, long (the site's running text) or full.
    """
    return babel_format_date(value, format=date_pattern(locale, style, value.day == 1), locale=cldr(locale))


@lru_cache(maxsize=65536)
def number(value: int | float, locale: str) -> str:
    """A number with the locale's separators."""
    return format_decimal(value, locale=cldr(locale))


@cache
def percent_pattern(locale: str, places: int) -> NumberPattern:
    """CLDR's percentage pattern of ``locale`` with up to ``places`` decimals.

    The sign's side and the space before it ('40,1 %') are CLDR's; its patterns have no decimals, and a
    share of experts needs one.
    """
    pattern = parse_pattern(cldr(locale).percent_formats[None].pattern)
    pattern.frac_prec = (0, places)
    return pattern


@lru_cache(maxsize=4096)
def percent(value: float, locale: str, places: int = 1) -> str:
    """A share (0..1) as a percentage in the locale's own pattern, with up to ``places`` decimals.

    Only the number of decimals is ours: the sign, its side and its space stay the locale's.
    """
    return percent_pattern(locale, places).apply(value, cldr(locale))


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
