"""Values our templates (overrides/) read from each page's context: languages, feed, 404 texts, dataset.

Kept apart from the plugin's event handlers: these are plain functions of a page's address and language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from profilesite import routes
from profilesite.i18n.catalogs import gettext
from profilesite.i18n.locales import BY_CODE, LOCALES


class LanguageSwitch:
    """Marker for ``config.extra.alternate``.

    Truthy so Material shows its language selector, but not iterable, so Material's own head links
    (which cannot point above a language's root) stay out; our templates use the per-page
    ``page_alternates`` instead.
    """

    def __bool__(self) -> bool:
        return True


def page_url(file_url: str) -> str:
    """A page's address as MkDocs's ``Page.url`` gives it (the home page's is empty), from its file's."""
    return "" if file_url in (".", "./") else file_url


def root_url(site_url: str, locale: str) -> str:
    """The site's root address, from a language's ``site_url`` (each language is built under its own)."""
    prefix = BY_CODE[locale].prefix
    return site_url[: -len(prefix)] if prefix and site_url.endswith(prefix) else site_url


def page_values(url: str, locale: str, site_root: str) -> dict[str, Any]:
    """What every page's template reads: its alternates, language, and the feed of its language."""
    return {
        "page_alternates": alternates(url, locale, site_root),
        "page_locale": BY_CODE[locale],
        "feed_href": "../" * url.count("/") + routes.FEED,
        "feed_title": gettext(locale, "Country profiles: what changed"),
    }


def dataset(site_url: str, name: str, description: str) -> dict[str, Any]:
    """schema.org Dataset describing the downloads, for search engines' dataset search."""
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": routes.absolute(site_url, routes.DATA),
        "isAccessibleForFree": True,
        "inLanguage": [locale.code for locale in LOCALES],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": routes.absolute(site_url, path)}
            for path, kind in routes.DATASET_FILES
        ],
    }


def not_found_messages(locale: str, site_url: str) -> list[dict[str, Any]]:
    """The 404 message in every language: the page shows the reader's (from the address, by script)."""
    base = urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"
    return [
        {
            "lang": other.code,
            "dir": other.direction,
            "current": other.code == locale,
            "home": base + other.prefix,
            "parties": base + routes.localized(routes.PARTY_LIST, other.code),
            "title": gettext(other.code, "Page not found"),
            "text": gettext(
                other.code,
                "There is no page at this address. The country profiles keep their addresses;"
                " the page you want may be in the list of parties.",
            ),
            "home_label": gettext(other.code, "Home page"),
            "parties_label": gettext(other.code, "List of parties"),
        }
        for other in LOCALES
    ]


def alternates(url: str, locale: str, site_url: str) -> list[dict[str, Any]]:
    """The same page in every language: name, code, link relative to this page, and absolute address."""
    here = routes.localized(url, locale)
    return [
        {
            "name": other.name,
            "lang": other.code,
            "dir": other.direction,
            "href": routes.relative(routes.localized(url, other.code), here),
            "absolute": routes.absolute(site_url, routes.localized(url, other.code)) if site_url else None,
            "current": other.code == locale,
        }
        for other in LOCALES
    ]
