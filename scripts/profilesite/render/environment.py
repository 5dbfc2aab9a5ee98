"""One Jinja environment per locale: catalogs installed, Babel formatting and the site's routes as globals.

Autoescaping is what keeps record text inert: a title holding ``<script>`` is printed as text.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from profilesite import routes
from profilesite.i18n import catalogs, formatting
from profilesite.views import citations

TEMPLATES = Path(__file__).parent / "templates"


def _cache_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"profilesite-jinja-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    return folder


@cache
def environment(locale: str) -> jinja2.Environment:
    """The Jinja environment that renders pages in ``locale``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Markdown heading ids ({#treaties}) would read as Jinja comments with the default markers
        comment_start_string="<#",
        comment_end_string="#>",
        # compiled templates are reused across the per-language processes and builds
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(_cache_folder())),
    )
    env.install_gettext_translations(catalogs.translations(locale), newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = translator(locale)
    env.globals.update(
        locale=locale,
        date=lambda value, style="long": formatting.date(value, locale, style),
        number=lambda value: formatting.number(value, locale),
        percent=lambda value: formatting.percent(value, locale),
        listing=lambda items: formatting.listing(list(items), locale),
        language_name=lambda key: formatting.language_name(key, locale),
        sep=formatting.list_separator(locale),
        # a source's citation composed in this language, and its free-text note isolated in its own
        cite=lambda source, vocabulary: citations.citation_html(source, vocabulary, locale),
        source_note=lambda source: citations.note_html(source, locale),
        routes=routes,  # every address a template writes comes from here: routes.profile(code)...
    )
    env.filters["language_name"] = lambda key: formatting.language_name(key, locale)
    env.filters["meta"] = front_matter_value
    return env


def translator(locale: str) -> Callable[..., Markup]:
    """The templates' ``_()``: what jinja2.ext.i18n's new-style gettext returns, looked up once per message.

    A profile calls ``_()`` about sixty times; the extension's version goes through three context calls
    each time, a third of a profile's rendering. Same result: the translation is trusted markup and its
    ``%(name)s`` placeholders are filled with escaped values (``%%`` is a literal ``%``).
    """
    translations = catalogs.translations(locale)

    @cache
    def translated(message: str) -> Markup:
        return Markup(translations.gettext(message))

    @cache
    def constant(message: str) -> Markup:
        return translated(message) % {}

    def underscore(message: str, **variables: Any) -> Markup:
        return translated(message) % variables if variables else constant(message)

    return underscore


def front_matter_value(value: object) -> Markup:
    """A front-matter value, HTML-escaped before MkDocs sees it, as a JSON (thus YAML) string.

    MkDocs and Material print page titles and descriptions without escaping (their Jinja has autoescape
    off), so a party name holding markup would reach the page as markup. Escaping here makes it text.
    Whitespace is collapsed as Material's ``striptags`` does to titles: a French no-break space before a
    colon becomes a space here, in the window title and the one-line header (where no line breaks), and
    the page shells (engine/shell.py) see the same text in every place the value is printed.
    """
    return Markup(json.dumps(str(escape(" ".join(str(value).split()))), ensure_ascii=False))


def render(template: str, locale: str, **context: Any) -> str:
    """Render ``template`` in ``locale`` with ``context``."""
    return environment(locale).get_template(template).render(**context)
