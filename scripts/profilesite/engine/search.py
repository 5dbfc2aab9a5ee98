"""Search: each language's tokenizer settings, profile entries by name, Chinese segmented once at the end.

Material's search plugin builds the index; this module only feeds it. Three things it does not do on
its own in a one-language-per-run build:

- **Settings per language.** Material takes its language, word separator and pipeline from the theme
  language in its own ``on_config``, which runs before static-i18n sets the theme language, so every
  language got English settings. :func:`configure` sets them first, from Material's own language files,
  without a stemmer (see ``UNMATCHABLE_STEPS``).
- **Profiles by their names.** Profiles are excluded from Material's indexer (front matter
  ``search.exclude``): parsing their tables was the largest cost of a build and bloated every reader's
  download. :meth:`SearchFeed.add` indexes a profile by its title and its ``ps_search`` text instead.
- **Chinese segmentation once, with a small dictionary** (see search_zh.py): the index's segmentation
  function is replaced by a deferred one and every text is segmented in :meth:`SearchFeed.finish`.
- **Text as Material's indexer writes it.** A profile's title and ``ps_search`` come from front matter,
  HTML-escaped for the page (render/environment.py ``front_matter_value``: ``'`` is ``&#39;``). The index
  holds text as Material's own entries do (:func:`index_text`), so "Cote d'Ivoire" finds ``d'ivoire``.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from profilesite.engine.search_zh import DeferredSegmentation


def preload() -> None:
    """Import Material's search plugin (and with it jieba) without letting jieba import pkg_resources.

    jieba locates its dictionary through pkg_resources when that can be imported, and importing
    pkg_resources scans every installed distribution (0.09 s of each build). While jieba is imported,
    pkg_resources is made unavailable, so jieba opens the file directly (its own fallback); other code can
    import pkg_resources as before.
    """
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # the import fails: jieba's fallback
    try:
        import material.plugins.search.plugin  # noqa: F401
    finally:
        if block and sys.modules.get("pkg_resources", ...) is None:
            del sys.modules["pkg_resources"]


def search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin of this run, or None when the site has no search."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def search_settings(locale: str) -> dict[str, str]:
    """Material's search settings for ``locale``: its language file, falling back to English for each key."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    pattern = re.compile(r'^\s*"search\.config\.(lang|separator|pipeline)": "(.*)",?$', re.MULTILINE)
    settings: dict[str, str] = {}
    for name in ("en", locale):
        path = folder / f"{name}.html"
        if path.exists():
            for key, value in pattern.findall(path.read_text("utf-8")):
                settings[key] = json.loads(f'"{value}"')
    return settings


#: Pipeline steps left out in every language: Material's search ends every word typed with a wildcard
#: ("philippines*"), and lunr runs wildcard words without the pipeline, so a stemmed index ("philippin")
#: never matches a whole word. Only Chinese's settings keep a stemmer (an English one: its ``lang`` falls back
#: to English), which made the English names on the Chinese site unfindable: "Philippines" found nothing.
UNMATCHABLE_STEPS = ("stemmer",)


def configure(config: MkDocsConfig, locale: str) -> None:
    """Give the search plugin ``locale``'s tokenizer settings (before its own ``on_config`` reads them)."""
    search = search_plugin(config)
    if search is None:
        return
    settings = search_settings(locale)
    search.config.lang = [settings["lang"]]
    search.config.separator = settings["separator"]
    search.config.pipeline = [
        item
        for item in re.split(r"\s*,\s*", settings["pipeline"])
        if item.strip() and item not in UNMATCHABLE_STEPS
    ]


def index_text(value: str) -> str:
    """``value`` (front matter, HTML-escaped) as Material's indexer stores text: only ``&<>`` escaped.

    Material's search treats an entry's text as HTML (it skips tags and shows results as markup) but splits
    words on its separator without decoding entities: ``d&#39;ivoire`` would be the word, and no query
    could find it. Its own entries escape text with ``html.escape(data, quote=False)``; so do ours.
    """
    return html.escape(html.unescape(value), quote=False)


class SearchFeed:
    """What this build adds to Material's search index: profile entries and deferred Chinese segmentation."""

    def __init__(self, config: MkDocsConfig, dictionary_cache: Path) -> None:
        """Set up after Material's search has created this build's index (its ``on_config``, priority 0)."""
        from material.plugins.search import plugin as material_search

        search = search_plugin(config)
        self._index = getattr(search, "search_index", None)
        self._segmentation: DeferredSegmentation | None = None
        if self._index is not None and material_search.jieba is not None:
            self._segmentation = DeferredSegmentation(self._index._segment_chinese, dictionary_cache)
            self._index._segment_chinese = self._segmentation.defer

    def add(self, url: str, title: str, text: str) -> None:
        """Index a page by its title and ``text`` only, segmented and escaped as Material's own entries are.

        Both come from front matter, HTML-escaped (see :func:`index_text`).
        """
        if self._index is None:
            return
        segment = self._segmentation.defer if self._segmentation else (lambda value: value)
        self._index.entries.append(
            {"location": url, "title": segment(index_text(title)), "text": segment(index_text(text))}
        )

    def finish(self, page_order: dict[str, int] | None) -> None:
        """Put entries in page order (``page_order``: page address to its place), then segment Chinese.

        Entries added with :meth:`add` after MkDocs's page loop go where the loop would have put them;
        None when none were (the loop's order stands).
        """
        if self._index is None:
            return
        entries = self._index.entries
        if page_order is not None:
            place = page_order
            entries.sort(key=lambda entry: place.get(entry["location"].split("#", 1)[0], len(place)))
        if self._segmentation is not None:
            self._segmentation.resolve(entries)
