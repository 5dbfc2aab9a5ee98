"""Search engines and sharing: one sitemap with hreflang alternates for all seven languages, robots.txt.

The per-language sitemaps MkDocs writes list one language without alternates; this module replaces them
by one sitemap of every page in every language, each with its alternates.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import quoteattr

from profilesite import routes
from profilesite.i18n.locales import DEFAULT_LOCALE, LOCALES


def page_paths(files: set[str], locale_prefix: str) -> list[str]:
    """Addresses (relative to a language root, directory style) of that language's pages.

    ``files``: every file of the site, relative to its root.
    """
    others = {locale.code for locale in LOCALES if locale.code != DEFAULT_LOCALE}
    paths = []
    for name in sorted(files):
        if not name.startswith(locale_prefix) or not (name == "index.html" or name.endswith("/index.html")):
            continue
        relative = name[len(locale_prefix) :].removesuffix("index.html").rstrip("/")
        first = relative.split("/", 1)[0]
        if not locale_prefix and first in others:
            continue
        if first + "/" == routes.SEARCH:
            continue
        paths.append("" if not relative else relative + "/")
    return paths


def sitemap(files: set[str], site_url: str) -> str:
    """The sitemap XML: every page once per language, each with xhtml:link alternates (and x-default)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    english = page_paths(files, "")
    existing = {locale.code: set(page_paths(files, locale.prefix)) for locale in LOCALES}
    for path in english:
        alternates = [
            (locale.code, routes.absolute(site_url, routes.localized(path, locale.code)))
            for locale in LOCALES
            if path in existing[locale.code]
        ]
        for _, url in alternates:
            lines.append(f"<url><loc>{url}</loc>")
            for code, other in alternates:
                lines.append(f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(other)}/>')
            lines.append(
                f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(alternates[0][1])}/>'
            )
            lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_discovery(site: Path, site_url: str, files: set[str]) -> set[str]:
    """Replace MkDocs's sitemaps by the multilingual one, and write robots.txt; the site's files after.

    ``files``: every file of the site, relative to its root (the build knows them without listing).
    """
    files = set(files)
    for old in [name for name in files if name.rpartition("/")[2] in (routes.SITEMAP, routes.SITEMAP_GZIP)]:
        (site / old).unlink()
        files.discard(old)
    text = sitemap(files, site_url)
    (site / routes.SITEMAP).write_text(text, encoding="utf-8")
    (site / routes.SITEMAP_GZIP).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    (site / routes.ROBOTS).write_text(
        f"User-agent: *\nAllow: /\nSitemap: {routes.absolute(site_url, routes.SITEMAP)}\n", encoding="utf-8"
    )
    return files | {routes.SITEMAP, routes.SITEMAP_GZIP, routes.ROBOTS}
