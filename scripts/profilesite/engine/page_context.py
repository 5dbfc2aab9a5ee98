"""Values our templates (overrides/) read from each page's context: languages, feed, 404 texts, dataset.

Kept apart from the plugin's event handlers: these are plain functions of a page's address and language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from profilesite import routes
from profilesite.i18n.catalogs import N_, gettext
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


#: Headings of the data page (content/<lang>/data.md) the footer links to, by the text they have in every
#: language (the catalogs translate them as the pages title them): the licence, and how to report an error.
LICENCE_HEADING = N_("Licence")
REPORT_HEADING = N_("Report an error")
#: Sentence ends after which no space comes (Chinese).
FULL_WIDTH_STOPS = ("。", "！", "？")


def heading_ids(toc: Any, locale: str) -> dict[str, str]:
    """The ids of the data page's headings the footer links to, found by their text in ``locale``.

    ``toc``: the page's table of contents (MkDocs's ``page.toc``: items with ``title``, ``id``,
    ``children``). A heading the page lacks is left out (the footer then links to the page's top).
    """
    import html

    wanted = {gettext(locale, heading): heading for heading in (LICENCE_HEADING, REPORT_HEADING)}
    found: dict[str, str] = {}
    items = list(toc or [])
    while items:
        item = items.pop(0)
        title = " ".join(html.unescape(str(item.title)).split())
        if title in wanted and wanted[title] not in found:
            found[wanted[title]] = item.id
        items.extend(item.children or [])
    return found


def frame(
    url: str | None,
    locale: str,
    *,
    as_of: str | None,
    sample: bool,
    sections: dict[str, str],
    repo_url: str | None,
    root_path: str | None = None,
) -> dict[str, Any]:
    """What the footer of every page says (overrides/partials/footer.html), in ``locale``.

    Who publishes the site, whether the data are partly a demonstration, the date the data hold as of
    (``as_of``, ISO; the records' latest), the licence status and how to report an error (sections of
    the data page, by their ids in ``sections``), the downloads page and the source repository.
    ``url``: the page's address (links are relative to it); None with ``root_path`` (the site root's
    path, e.g. '/profiles/'), for the not-found page, which is served at any address.
    """
    import datetime as dt
    import html

    from profilesite.i18n import formatting

    def link(target: str, section: str | None = None) -> str:
        address = routes.localized(target, locale)
        if url is None:
            address = (root_path or "/") + address
        else:
            address = routes.relative(address, routes.localized(url, locale))
        return f"{address}#{section}" if section else address

    about = gettext(
        locale,
        "Published by a project for the Secretariat of the Review Mechanism (UNODC);"
        " not an official United Nations publication.",
    )
    if sample:  # sentences follow one another with a space, but after a full-width stop (Chinese)
        about += ("" if about.endswith(FULL_WIDTH_STOPS) else " ") + gettext(
            locale, "The review information is a demonstration sample."
        )
    values: dict[str, Any] = {
        "about": about,
        "licence": gettext(locale, "Licence: none chosen yet"),
        "licence_href": link(routes.DATA, sections.get(LICENCE_HEADING)),
        "report": gettext(locale, REPORT_HEADING),
        "report_href": link(routes.DATA, sections.get(REPORT_HEADING)),
        # The downloads page is at the downloads folder's address, in each language's tree
        "downloads": gettext(locale, "Downloads"),
        "downloads_href": link(routes.DOWNLOADS),
        "repository": gettext(locale, "Source code and records") if repo_url else "",
        "repository_href": repo_url or "",
        "as_of_html": "",
    }
    if as_of:  # markup: the sentence escaped, the date in a <time> element
        day = dt.date.fromisoformat(as_of)
        when = f'<time datetime="{day.isoformat()}">{html.escape(formatting.date(day, locale))}</time>'
        values["as_of_html"] = html.escape(gettext(locale, "Data as of %(date)s."), quote=False) % {
            "date": when
        }
    return values
