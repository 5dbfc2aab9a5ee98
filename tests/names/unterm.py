"""The names a reader should see, worked out from the cited sources, independently of the site's code.

``sources/unterm_names.csv`` (UNTERM short names in the six UN languages), a record's own names where it
cites a source for them, and CLDR for what neither covers (Portuguese: European Portuguese, the site's).
"""

from __future__ import annotations

import csv
from functools import cache
from typing import Any

from babel import Locale

from ..conftest import REPO

UNTERM_CSV = REPO / "sources" / "unterm_names.csv"
PACKAGE_COPY = REPO / "scripts" / "profilesite" / "views" / "unterm_names.csv"
UN_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
CLDR_LOCALE = {"pt": "pt_PT"}


@cache
def unterm_rows() -> list[dict[str, str]]:
    with UNTERM_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def unterm_by_iso2() -> dict[str, dict[str, str]]:
    return {row["iso2"]: row for row in unterm_rows()}


def _names(record: Any) -> dict[str, str | None]:
    """A record's ``names`` as a dict, from a YAML mapping or a Party model."""
    if isinstance(record, dict):
        return dict(record.get("names") or {})
    return record.names.model_dump()


def _field(record: Any, key: str) -> Any:
    return record.get(key) if isinstance(record, dict) else getattr(record, key)


def expected_name(record: Any, locale: str) -> str:
    """The name of ``record`` (a YAML mapping or a Party) a reader of ``locale`` must see."""
    names = _names(record)
    if names.get("source") and names.get(locale):
        return names[locale]
    territory = _field(record, "territory")
    row = unterm_by_iso2().get(territory)
    if row and locale in UN_LANGUAGES:
        return row[locale]
    if territory:
        return Locale.parse(CLDR_LOCALE.get(locale, locale)).territories[territory]
    return _field(record, "code").upper()
