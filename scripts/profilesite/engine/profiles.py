"""Profile pages, rendered by the plugin rather than in MkDocs's page loop, filled from proven shells.

MkDocs takes each page through a dozen steps: reading, front matter, every plugin's events before and
after Markdown, a template context, the page template, writing. For the 182 profiles of a language those
steps cost more than the profiles' own content, and Material's page template drew 182 copies of the same
header, navigation and footer. So the plugin marks the profiles excluded from MkDocs's loop (links to them
still resolve) and renders them itself after the other pages:

- the body as for any generated page (generated_pages.py);
- the frame from a shell (shell.py): Material's page template rendered once per shape of page for a
  sentinel page, then filled per profile.

A shell cannot lie. It is trusted only after it reproduced the full render of ``proof_pages`` pages of
its shape byte for byte (the first pages of the shape, and the first whose title is not plain ASCII,
since filters treat such text differently); after that, ``sample`` pages picked at random in each build
are rendered in full too and compared. Pages checked this way are published from their full render. Any
mismatch is logged as a warning naming the page and the first differing bytes: a strict build (every
``profilesite build``) fails on it, and the preview publishes the full render. Pages whose values a shell
cannot carry unchanged (a name with an apostrophe) and shapes the shell cannot be made for are rendered
in full, with the context MkDocs gives.

``fast_profiles: false`` (plugin option) leaves the profiles in MkDocs's loop, rendered by the template
one by one: tests compare the two sites byte for byte.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from profilesite import routes
from profilesite.engine import generated_pages, shell
from profilesite.engine.docs_folder import markdown_file

OWN_META = ("title", "description", "ps_search", "ps_updated", "revision_date")  # a profile's own values

log = logging.getLogger("mkdocs.plugins.profilesite")


@dataclass
class _ShapeShell:
    """The shell of one shape of page and how far it is proven."""

    shell: shell.Shell | None  # None: this shape is rendered in full
    proven: int = 0  # pages whose full render it reproduced
    non_ascii_proven: bool = False  # whether one of them had a title beyond ASCII
    pages: list[str] = field(default_factory=list)  # the pages it was checked on


_SLUG, _ANY = "\x00slug\x00", "\x00any\x00"


def page_pattern(address: str) -> re.Pattern[str]:
    """The docs paths of the pages at ``address``, where ``_SLUG`` marks the segment each page differs by.

    ``page_pattern(routes.profile(_SLUG))`` matches 'fr/profiles/ken.md' with ``slug`` 'ken'. Other
    varying segments are marked ``_ANY``; they stay part of the page's shape (one shell per cluster of
    the response pages, per instrument of the article pages).
    """
    path = re.escape(markdown_file(address))
    path = path.replace(re.escape(_SLUG), r"(?P<slug>(?!index\.md$)[^/]+?)").replace(re.escape(_ANY), "[^/]+")
    return re.compile(rf"^[a-z]{{2}}/{path}$")


#: The kinds of pages rendered from proven shells: many pages of one shape, made by our templates.
SHELLED_PAGES: tuple[re.Pattern[str], ...] = (
    page_pattern(routes.profile(_SLUG)),
    page_pattern(routes.response(_SLUG, _ANY)),
    page_pattern(routes.article(_ANY, _SLUG)),
)


def _slug_match(src_uri: str) -> re.Match[str] | None:
    """The match of the first kind of shelled page ``src_uri`` is, with its ``slug`` group; None: none."""
    for pattern in SHELLED_PAGES:
        match = pattern.match(src_uri)
        if match:
            return match
    return None


def shape_of(src_uri: str) -> str | None:
    """The docs path with the segment its pages differ by starred ('fr/profiles/*.md'); None: not shelled."""
    match = _slug_match(src_uri)
    return None if match is None else src_uri[: match.start("slug")] + "*" + src_uri[match.end("slug") :]


def slug_position(src_uri: str) -> int | None:
    """Where the segment a page differs by sits in its address, counted from the end (-1: the last).

    None for pages that are not rendered from shells.
    """
    match = _slug_match(src_uri)
    return None if match is None else -(src_uri.count("/", match.end("slug")) + 1)


class ProfilePages:
    """The profile pages of one MkDocs run: taken out of its loop in on_files, written in on_post_build."""

    def __init__(
        self,
        prepare: Callable[[Page], None],
        proof_pages: int = 2,
        sample: int = 3,
        recycle: Path | None = None,
    ) -> None:
        """``prepare(page)``: the plugin's per-page step after the front matter is read (dates, sources)."""
        self.prepare = prepare
        self.proof_pages = proof_pages
        self.sample = sample
        self.recycle = recycle
        self.files: list[File] = []
        self._shells: dict[tuple[str, str], _ShapeShell] = {}
        self._toc_entries: dict[tuple, str] = {}
        self._in_full: set[str] = set()

    def take(self, files: Files) -> None:
        """Take the profiles out of MkDocs's page loop; links from other pages still resolve to them.

        A shell costs a render of its sentinel twin and of the pages that prove it: for a kind with few
        pages (the response pages of a cluster few parties answered) rendering each page in full is
        cheaper, so those are marked to be (``_in_full``).
        """
        self.files = [file for file in files.documentation_pages() if slug_position(file.src_uri) is not None]
        for file in self.files:
            file.inclusion = InclusionLevel.EXCLUDED
        shape = {file.src_uri: shape_of(file.src_uri) for file in self.files}
        pages_of = Counter(shape.values())
        worth = self.proof_pages + 2  # the twin and the proofs, and at least two pages filled
        self._in_full = {src_uri for src_uri, kind in shape.items() if pages_of[kind] <= worth}

    def render(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Any,
        environment: Any,
        add_search_entry: Callable[[Page], None],
    ) -> None:
        """Render and write every profile taken; ``add_search_entry(page)`` indexes each for search."""
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        sampled = set(random.SystemRandom().sample(range(len(self.files)), min(self.sample, len(self.files))))
        for number, file in enumerate(self.files):
            page = self._read(file, config, files)
            search = page.meta.get("search")
            if not (isinstance(search, dict) and search.get("exclude") is True and "ps_search" in page.meta):
                # Material's search would index the pages rendered in full (proofs, samples, the sentinel
                # twin) and miss the filled ones: a shelled page gives its own entry (ps_search) instead
                log.warning(
                    "profilesite: %s is rendered from a shell, so its front matter needs search: exclude:"
                    " true and a ps_search text for its search entry",
                    file.src_uri,
                )
            else:
                add_search_entry(page)
            html = self._page_html(page, config, pages, nav, environment, number in sampled)
            html = config.plugins.on_post_page(html, page=page, config=config)
            if self.recycle is not None:
                _take_over(self.recycle, Path(config.site_dir), file.dest_uri)
            write_file(html.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)
            file.page = None  # the page's text is written: let it go

    def _read(self, file: File, config: MkDocsConfig, files: Files) -> Page:
        """The page with its front matter, content and table of contents, as MkDocs's loop would give it."""
        page = generated_pages.GeneratedPage(None, file, config)
        page.read_source(config)
        self.prepare(page)
        markdown, blocks = generated_pages.extract(page.markdown or "")
        page.markdown = markdown
        page.render(config, files)
        page.content = generated_pages.restore(page.content or "", blocks)
        return page

    def _page_html(
        self, page: Page, config: MkDocsConfig, pages: Any, nav: Any, environment: Any, sampled: bool
    ) -> str:
        if page.file.src_uri in self._in_full:
            return self._full(page, config, pages, nav, environment)
        position = slug_position(page.file.src_uri) or -1
        values = shell_values(page, lambda item: self._toc_entry(environment, item), position)
        if values is None:
            return self._full(page, config, pages, nav, environment)
        key = (values.pop("shape_address"), shape(page))
        if key not in self._shells:
            made = self._make_shell(page, values["slug"], config, pages, nav, environment)
            self._shells[key] = _ShapeShell(made)
        known = self._shells[key]
        if known.shell is None:
            return self._full(page, config, pages, nav, environment)
        non_ascii = not values["title"].isascii()
        proving = known.proven < self.proof_pages or (non_ascii and not known.non_ascii_proven)
        if not (proving or sampled):
            return known.shell.fill(**values)
        rendered = self._full(page, config, pages, nav, environment)
        filled = known.shell.fill(**values)
        if filled != rendered:
            checked = ", ".join(known.pages) or "none"
            log.warning(
                "profilesite: the page shell of %s does not reproduce its full render (pages checked before:"
                " %s); a template value has no sentinel in engine/shell.py; %s",
                page.file.src_uri,
                checked,
                shell.first_difference(rendered, filled),
            )
            known.shell = None  # the rest of this shape is rendered in full
        elif proving:
            known.proven += 1
            known.non_ascii_proven = known.non_ascii_proven or non_ascii
        known.pages.append(page.file.src_uri)
        return rendered

    def _toc_entry(self, environment: Any, item: Any) -> str:
        """Material's table-of-contents entry for ``item``; profiles share their headings, so most repeat."""
        key = _toc_key(item)
        if key not in self._toc_entries:
            self._toc_entries[key] = environment.get_template("partials/toc-item.html").render(toc_item=item)
        return self._toc_entries[key]

    def _full(self, page: Page, config: MkDocsConfig, pages: Any, nav: Any, environment: Any) -> str:
        """Material's page template for ``page``, with the context MkDocs would give it."""
        page.active = True
        config._current_page = page  # what MkDocs's `url` template filter resolves links against
        try:
            context = get_context(nav, pages, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            return environment.get_template(page.meta.get("template", "main.html")).render(context)
        finally:
            page.active = False
            config._current_page = None

    def _make_shell(
        self, page: Page, slug: str, config: MkDocsConfig, pages: Any, nav: Any, environment: Any
    ) -> shell.Shell | None:
        """Render the page template once for a sentinel twin of ``page`` (same shape, sentinel values)."""
        twin = sentinel_page(page, slug, config)
        entry = environment.get_template("partials/toc-item.html")
        first, second = (entry.render(toc_item=item) for item in twin.toc)
        made = shell.make_shell(self._full(twin, config, pages, nav, environment), first, second)
        if made is None:
            log.info("profilesite: pages like %s are rendered in full (no shell of their shape)", page.url)
        return made


def sentinel_page(page: Page, slug: str, config: MkDocsConfig) -> Page:
    """A page of the same shape as ``page`` whose own values are all sentinels.

    Its file is a copy of ``page``'s with the address segment ``slug`` replaced by the slug sentinel in
    every path the file holds (source, destination, address, edit path), and the page is made anew from it,
    so that every value MkDocs derives from the file (canonical address, edit link) carries the sentinel.
    """
    file = copy_file(page.file, slug, shell.SLUG)
    twin = generated_pages.GeneratedPage(None, file, config)
    twin.parent, twin.previous_page, twin.next_page = page.parent, page.previous_page, page.next_page
    twin.meta = {key: value for key, value in page.meta.items() if key not in OWN_META}
    twin.meta.update(title=shell.TITLE, description=shell.DESCRIPTION)
    if page.meta.get("revision_date"):
        twin.meta["revision_date"] = shell.UPDATED
    twin.title = shell.TITLE
    twin.content = shell.sentinel_content(shell.has_heading(page.content or ""))
    entries = [
        {"level": 2, "id": shell.ANCHOR, "name": shell.SENTINEL + "FIRST", "children": []},
        {"level": 2, "id": shell.SECOND_ANCHOR, "name": shell.SENTINEL + "NEXT", "children": []},
    ]
    twin.toc = get_toc(entries)
    return twin


def copy_file(file: File, slug: str, replacement: str) -> File:
    """A copy of ``file`` with the path segment ``slug`` replaced in every path it holds.

    Paths held are MkDocs's (``src_uri``, ``dest_uri``, ``url``, absolute paths, ``edit_uri``, ``name``)
    and static-i18n's additions, whatever their names: every string attribute is rewritten, so that a
    value added by a later version of either is rewritten too (and a proof catches what is not).
    """
    segment = re.compile(rf"(?<![^/\\]){re.escape(slug)}(?=$|[./\\])")
    twin = File.__new__(File)
    for name, value in vars(file).items():
        setattr(twin, name, segment.sub(replacement, value) if isinstance(value, str) else value)
    twin.page = None
    return twin


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


def shell_values(page: Page, toc_entry: Callable[[Any], str], position: int = -1) -> dict[str, Any] | None:
    """The values a shell needs for ``page``, or None when the page must be rendered in full.

    ``toc_entry(item)``: Material's rendering of one table-of-contents entry. ``position``: where the
    segment the page differs by sits in its address (:func:`slug_position`); pages whose addresses are
    equal but for it share a shell (``shape_address``).
    """
    title, description = page.title, page.meta.get("description", "")
    updated = page.meta.get("revision_date") or ""
    segments = page.url.rstrip("/").split("/")
    items = list(page.toc)
    if not (page.url.endswith("/") and len(segments) >= 1 - position and items and items[0].level != 1):
        return None
    slug = segments[position]
    if not (isinstance(title, str) and shell.plain(title) and shell.plain(str(description))):
        return None
    if updated and not (isinstance(updated, str) and shell.plain(updated)):
        return None
    if not shell.plain(slug) or segments.count(slug) != 1:  # the sentinel goes in one segment only
        return None
    if page.meta.get("title") != title or "template" in page.meta:
        return None
    segments[position] = "*"
    return {
        "shape_address": "/".join(segments),
        "title": title,
        "description": str(description),
        "slug": slug,
        "anchor": items[0].id,
        "content": page.content or "",
        "toc": [toc_entry(item) for item in items],
        "updated": updated,
    }


def _toc_key(item: Any) -> tuple:
    return (item.id, item.title, item.level, tuple(_toc_key(child) for child in item.children))


def shape(page: Page) -> str:
    """What else shapes the page: the rest of its front matter, whether its content has a title and a date.

    Material adds a title to content that has none. Pages share a shell only when this is equal.
    """
    rest = {key: value for key, value in page.meta.items() if key not in OWN_META}
    rest["<h1"] = shell.has_heading(page.content or "")
    rest["<updated"] = bool(page.meta.get("revision_date"))
    return json.dumps(rest, sort_keys=True, default=str)
