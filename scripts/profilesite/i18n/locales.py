"""The seven locales of the site: the one list every other module and mkdocs.yml are checked against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteLocale:
    """A language of the site: its code, its own name, and its writing direction."""

    code: str
    name: str
    direction: str = "ltr"

    @property
    def prefix(self) -> str:
        """URL prefix of the language: '' for the default (English), '<code>/' otherwise."""
        return "" if self.code == DEFAULT_LOCALE else f"{self.code}/"


DEFAULT_LOCALE = "en"

LOCALES: tuple[SiteLocale, ...] = (
    SiteLocale("en", "English"),
    SiteLocale("fr", "Français"),
    SiteLocale("es", "Español"),
    SiteLocale("ru", "Русский"),
    SiteLocale("zh", "中文"),
    SiteLocale("ar", "العربية", "rtl"),
    SiteLocale("pt", "Português"),
)

LOCALE_CODES: tuple[str, ...] = tuple(locale.code for locale in LOCALES)
BY_CODE: dict[str, SiteLocale] = {locale.code: locale for locale in LOCALES}
