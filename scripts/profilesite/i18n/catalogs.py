"""UI strings from gettext catalogs (PO files), compiled in memory by Babel at first use.

The PO files in ``i18n/locale/<code>/LC_MESSAGES/messages.po`` are what translators edit (Weblate, Poedit,
Crowdin all read them); compiling in memory means no stale binary ``.mo`` files can be committed.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from profilesite.i18n.locales import DEFAULT_LOCALE

CATALOG_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction into the catalogs; translated later, where it is shown."""
    return message


def po_path(locale: str) -> Path:
    """The PO file of ``locale``."""
    return CATALOG_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(locale: str) -> Translations:
    """Compiled translations for ``locale``; English is the source language and needs none."""
    if locale == DEFAULT_LOCALE or not po_path(locale).exists():
        return Translations()
    with po_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def gettext(locale: str, message: str) -> str:
    """``message`` in ``locale``."""
    return translations(locale).gettext(message)


def ngettext(locale: str, singular: str, plural: str, count: int) -> str:
    """``singular``/``plural`` in ``locale`` for ``count``."""
    return translations(locale).ngettext(singular, plural, count)
