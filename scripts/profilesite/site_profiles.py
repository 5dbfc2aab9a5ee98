"""Profile pages, rendered by the profilesite plugin rather than in MkDocs's page loop (MkDocs adapter).

MkDocs takes each page through a dozen steps: reading, front matter, every plugin's events before and
after Markdown, a template context, the page template, writing. For the 182 profiles of a language those
steps cost more than the profiles' own content, and Material's page template drew 182 copies of the same
header, navigation and footer. So the plugin marks the profiles excluded from MkDocs's loop (links to them
still resolve) and renders them itself after the other pages:

- the body as for any generated page: front matter, HTML blocks set aside, headings rendered without
  Python-Markdown (render/prerendered.py);
- the frame from a shell (render/shell.py): Material's page template rendered once per shape of page with
  sentinel values, then filled per profile. A shell is used only once a full render of one page of its
  shape gave the same bytes; pages whose values a shell cannot carry (a name with an apostrophe) and
  shapes whose check failed get the full template render, with the same context MkDocs gives.

``PROFILESITE_SHELL=0`` leaves the profiles in MkDocs's loop, rendered by the template one by one: tests
compare the two sites byte for byte. With site.py, the only code built on MkDocs's internals.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from profilesite.render import passthrough, shell

SHELL_VARIABLE = "PROFILESITE_SHELL"  # "0": profiles go through MkDocs's loop and the full template
RECYCLE_VARIABLE = "PROFILESITE_RECYCLE"  # the previous site's folder of this language (build.py publish)
PROFILE = re.compile(r"^[a-z]{2}/profiles/(?!index\.md$)[^/]+\.md$")
_OWN_META = ("title", "description", "ps_search")  # a profile's own front matter values

log = logging.getLogger("mkdocs.plugins.profilesite")


def enabled() -> bool:
    """Whether profiles are rendered by the plugin (the default) rather than by MkDocs's loop."""
    return os.environ.get(SHELL_VARIABLE) != "0"


class ProfilePages:
    """The profile pages of one MkDocs run: taken out of its loop in on_files, written in on_post_build."""

    def __init__(self, page_class: type[Page]) -> None:
        self.page_class = page_class  # site.PrerenderedPage: renders the body without Python-Markdown
        self.files: list[File] = []
        self._shells: dict[tuple[str, str], shell.Shell | None] = {}  # None: that shape renders in full
        self._toc_entries: dict[tuple, str] = {}

    def take(self, files: Files) -> None:
        """Take the profiles out of MkDocs's page loop; links from other pages still resolve to them."""
        self.files = [file for file in files.documentation_pages() if PROFILE.match(file.src_uri)]
        for file in self.files:
            file.inclusion = InclusionLevel.EXCLUDED
        self._shells, self._toc_entries = {}, {}  # a rebuild under `mkdocs serve` may change the theme

    def render(
        self, config: MkDocsConfig, files: Files, nav: Any, environment: Any, add_search_entry: Any
    ) -> None:
        """Render and write every profile taken; ``add_search_entry(page)`` indexes each for search."""
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        recycle = os.environ.get(RECYCLE_VARIABLE)
        for file in self.files:
            page = self._read(file, config, files)
            add_search_entry(page)
            html = self._page_html(page, config, pages, nav, environment)
            html = config.plugins.on_post_page(html, page=page, config=config)
            if recycle:
                _take_over(Path(recycle), Path(config.site_dir), file.dest_uri)
            write_file(html.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)
            file.page = None  # the page's text is written: let it go

    def _read(self, file: File, config: MkDocsConfig, files: Files) -> Page:
        """The page with its front matter, content and table of contents, as MkDocs's loop would give it."""
        page = self.page_class(None, file, config)
        page.read_source(config)
        markdown, blocks = passthrough.extract(page.markdown or "")
        page.markdown = markdown
        page.render(config, files)
        page.content = passthrough.restore(page.content or "", blocks)
        return page

    def _page_html(self, page: Page, config: MkDocsConfig, pages: Any, nav: Any, environment: Any) -> str:
        values = shell_values(page, lambda item: self._toc_entry(environment, item))
        if values is None:
            return self._full(page, config, pages, nav, environment)
        key = (values.pop("slug_parent"), shape(page))
        if key not in self._shells:
            made = self._make_shell(page, config, pages, nav, environment)
            rendered = self._full(page, config, pages, nav, environment)
            if made is None or made.fill(**values) != rendered:
                log.info("profilesite: pages like %s are rendered in full (shell mismatch)", page.url)
                made = None
            self._shells[key] = made
            return rendered
        known = self._shells[key]
        return known.fill(**values) if known else self._full(page, config, pages, nav, environment)

    def _toc_entry(self, environment: Any, item: Any) -> str:
        """Material's table-of-contents entry for ``item``; profiles share their headings, so most repeat."""
        key = _toc_key(item)
        if key not in self._toc_entries:
            self._toc_entries[key] = environment.get_template("partials/toc-item.html").render(toc_item=item)
        return self._toc_entries[key]

    def _full(self, page: Page, config: MkDocsConfig, pages: Any, nav: Any, environment: Any) -> str:
        """Material's page template for ``page``, with the context MkDocs would give it."""
        page.active = True
        config._current_page = page
        try:
            context = get_context(nav, pages, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            return environment.get_template(page.meta.get("template", "main.html")).render(context)
        finally:
            page.active = False
            config._current_page = None

    def _make_shell(
        self, page: Page, config: MkDocsConfig, pages: Any, nav: Any, environment: Any
    ) -> shell.Shell | None:
        """Render the page template once for a sentinel copy of ``page`` (same shape, sentinel values)."""
        sentinel = copy.copy(page)
        sentinel.file = copy.copy(page.file)
        sentinel.file.page = sentinel
        parent = page.url.rstrip("/").rpartition("/")[0]
        sentinel.file.url = f"{parent}/{shell.SLUG}/"
        if config.site_url:
            sentinel.canonical_url = urljoin(config.site_url.rstrip("/") + "/", sentinel.url)
            sentinel.abs_url = urlsplit(sentinel.canonical_url).path
        sentinel.meta = {key: value for key, value in page.meta.items() if key not in _OWN_META}
        sentinel.meta.update(title=shell.TITLE, description=shell.DESCRIPTION)
        sentinel.title = shell.TITLE
        sentinel.content = shell.sentinel_content(shell.has_heading(page.content or ""))
        entries = [
            {"level": 2, "id": shell.ANCHOR, "name": shell.SENTINEL + "FIRST", "children": []},
            {"level": 2, "id": shell.SECOND_ANCHOR, "name": shell.SENTINEL + "NEXT", "children": []},
        ]
        sentinel.toc = get_toc(entries)
        entry = environment.get_template("partials/toc-item.html")
        first, second = (entry.render(toc_item=item) for item in sentinel.toc)
        return shell.make_shell(self._full(sentinel, config, pages, nav, environment), first, second)


def _take_over(previous_site: Path, site: Path, destination: str) -> None:
    """Move the previous site's folder of this page into ``site``, if it holds just that page.

    Writing the page then rewrites a file rather than creating one (see build.publish).
    """
    folder, _, name = destination.rpartition("/")
    old = previous_site / folder
    if folder and not (site / folder).exists():
        try:
            if os.listdir(old) == [name]:
                old.rename(site / folder)
        except OSError:
            pass  # nothing to take over: the page is written as a new file


def shell_values(page: Page, toc_entry: Any) -> dict[str, Any] | None:
    """The values a shell needs for ``page``, or None when the page must be rendered in full.

    ``toc_entry(item)``: Material's rendering of one table-of-contents entry.
    """
    title, description = page.title, page.meta.get("description", "")
    parent, _, slug = page.url.rstrip("/").rpartition("/")
    items = list(page.toc)
    if not (page.url.endswith("/") and parent and slug and items and items[0].level != 1):
        return None
    if not (isinstance(title, str) and shell.plain(title) and shell.plain(str(description))):
        return None
    if not shell.plain(slug) or page.meta.get("title") != title or "template" in page.meta:
        return None
    return {
        "slug_parent": parent,
        "title": title,
        "description": str(description),
        "slug": slug,
        "anchor": items[0].id,
        "content": page.content or "",
        "toc": [toc_entry(item) for item in items],
    }


def _toc_key(item: Any) -> tuple:
    return (item.id, item.title, item.level, tuple(_toc_key(child) for child in item.children))


def shape(page: Page) -> str:
    """What else shapes the page: the rest of its front matter, and whether its content has a title.

    Material adds a title to content that has none. Pages share a shell only when this is equal.
    """
    rest = {key: value for key, value in page.meta.items() if key not in _OWN_META}
    rest["<h1"] = shell.has_heading(page.content or "")
    return json.dumps(rest, sort_keys=True, default=str)
