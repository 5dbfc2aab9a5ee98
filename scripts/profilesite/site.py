"""The MkDocs plugin: with site_profiles.py, the only code built on MkDocs's internals (kept apart).

build.py and cli.py only run MkDocs; changing engine means replacing these two modules.

Each language is built by its own MkDocs run (static-i18n with ``build_only_locale``, see build.py), so
every event here fires once per language and process. The build driver validates the records once and each
worker assembles its language's docs folder before MkDocs runs (``PROFILESITE_ASSEMBLED=1``); under
``mkdocs serve`` this plugin does both itself on each rebuild, so an edited record shows up in the preview.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from profilesite import site_profiles
from profilesite.i18n.catalogs import gettext
from profilesite.i18n.locales import BY_CODE, DEFAULT_LOCALE, LOCALES
from profilesite.render import passthrough, prerendered, theme_fixes

LOCALE_VARIABLE = "PROFILESITE_LOCALE"
ASSEMBLED_VARIABLE = "PROFILESITE_ASSEMBLED"


class LanguageSwitch:
    """Marker for ``config.extra.alternate``.

    Truthy so Material shows its language selector, but not iterable, so Material's own head links
    (which cannot point above a language's root) stay out; our templates use
    the per-page ``page_alternates`` instead.
    """

    def __bool__(self) -> bool:
        return True


GENERATED = re.compile(r"^[a-z]{2}/(profiles/[^/]+\.md|statistics/index\.md)$")


class PrerenderedPage(Page):
    """A generated page: HTML from :mod:`profilesite.render.prerendered`, no Markdown pass (see there)."""

    def render(self, config: MkDocsConfig, files: Any) -> None:
        rendered = prerendered.render(self.markdown or "")
        if rendered is None:
            super().render(config, files)
            return
        html, headings = rendered
        self.content = html
        self.toc = get_toc([_toc_token(heading) for heading in headings])
        self.present_anchor_ids = prerendered.anchor_ids(headings)
        self.links_to_anchors = {}


def _page_url(file_url: str) -> str:
    """A page's address as Page.url gives it (the home page's is empty), from its file's."""
    return "" if file_url in (".", "./") else file_url


def _toc_token(heading: prerendered.Heading) -> dict[str, Any]:
    return {
        "level": heading.level,
        "id": heading.id,
        "name": heading.title,
        "children": [_toc_token(child) for child in heading.children],
    }


def _list_visible_theme_files(config: MkDocsConfig) -> None:
    """Make MkDocs's search for theme assets skip hidden folders, which it would discard anyway.

    MkDocs lists every file of the theme's folders to find the assets to copy, then drops the hidden
    ones ('.*' and '*/.*'). Material keeps its 14,000 icons in a hidden folder (.icons), so each
    language spent 0.1 s walking and pattern-matching files it discards. Only that listing changes:
    templates are found as before.
    """
    import jinja2

    class VisibleFilesLoader(jinja2.FileSystemLoader):
        def list_templates(self) -> list[str]:
            found: set[str] = set()
            for searchpath in self.searchpath:
                for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                    subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                    relative = os.path.relpath(folder, searchpath).replace(os.sep, "/")
                    prefix = "" if relative == "." else relative + "/"
                    found.update(prefix + name for name in names if not name.startswith("."))
            return sorted(found)

    theme = config.theme
    original = type(theme).get_env

    def get_env() -> Any:
        environment = original(theme)
        loader = environment.loader
        if type(loader) is jinja2.FileSystemLoader:
            environment.loader = VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return environment

    theme.get_env = get_env  # type: ignore[method-assign]


class ProfileSiteConfig(base.Config):
    """No options: paths follow the repository layout."""


class ProfileSitePlugin(BasePlugin[ProfileSiteConfig]):
    """Validates and assembles under ``mkdocs serve``; gives every page its language alternates."""

    locale: str = DEFAULT_LOCALE

    def __init__(self) -> None:
        super().__init__()
        self._html_blocks: dict[str, list[str]] = {}
        self._previous: Any = None  # the records of the last assembly under `mkdocs serve`
        self._profiles = site_profiles.ProfilePages(PrerenderedPage)
        self._nav: Any = None
        self._files: Any = None
        self._env: Any = None
        self._segmentation: Any = None  # search_dictionary.DeferredSegmentation of this build, if any

    @event_priority(100)  # before Material's search (0) reads its settings
    def _on_config_search(self, config: MkDocsConfig) -> None:
        """Give the search index this language's tokenizer settings.

        Material's search takes its language, word separator and pipeline from the theme language when its
        own on_config runs, which is before static-i18n sets the theme language: every language got
        English settings (no Chinese separator). Setting them first, from Material's own language files,
        also saves rendering a template per setting (0.4 s a language).
        """
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None:
            return
        settings = search_settings(os.environ.get(LOCALE_VARIABLE, DEFAULT_LOCALE))
        search.config.lang = [settings["lang"]]
        search.config.separator = settings["separator"]
        search.config.pipeline = [item for item in re.split(r"\s*,\s*", settings["pipeline"]) if item]

    @event_priority(-200)  # after static-i18n (-100), which sets theme.language for the locale
    def _on_config_main(self, config: MkDocsConfig) -> MkDocsConfig:
        self.locale = os.environ.get(LOCALE_VARIABLE, DEFAULT_LOCALE)
        if self.locale not in BY_CODE:
            raise PluginError(f"{LOCALE_VARIABLE}={self.locale!r} is not one of {', '.join(BY_CODE)}")
        if os.environ.get(ASSEMBLED_VARIABLE) != "1":
            self._assemble(config)
        config.extra["alternate"] = LanguageSwitch()
        config.extra["ps_not_found"] = not_found_messages(self.locale, self.root_url(config))
        _list_visible_theme_files(config)
        self._defer_segmentation(config)
        return config

    on_config = CombinedEvent(_on_config_search, _on_config_main)

    def _defer_segmentation(self, config: MkDocsConfig) -> None:
        """Let search segment Chinese text once, at the end, with a cut-down dictionary.

        Runs after Material's search has created this build's index (its on_config has priority 0);
        see search_dictionary.py. Without jieba installed, Material does not segment and neither do we.
        """
        from material.plugins.search import plugin as material_search

        from profilesite.search_dictionary import DeferredSegmentation

        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is None or material_search.jieba is None:
            self._segmentation = None
            return
        cache = Path(config.config_file_path).parent / "build" / "search-dictionary"
        self._segmentation = DeferredSegmentation(index._segment_chinese, cache)
        index._segment_chinese = self._segmentation.defer

    @event_priority(50)  # before Material's search (0) writes the index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the profiles (site_profiles.py), then segment the search entries' Chinese text."""
        self._profiles.render(
            config, self._files, self._nav, self._env, lambda page: self._add_search_entry(config, page)
        )
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None or not hasattr(search, "search_index"):
            return
        entries = search.search_index.entries
        if self._profiles.files:  # their entries came last: put them where MkDocs's loop would have
            pages = self._files.documentation_pages(inclusion=InclusionLevel.all)
            order = {_page_url(file.url): place for place, file in enumerate(pages)}
            entries.sort(key=lambda entry: order.get(entry["location"].split("#", 1)[0], len(order)))
        if self._segmentation is not None:
            self._segmentation.resolve(entries)

    def _assemble(self, config: MkDocsConfig) -> None:
        from profilesite.assemble import affected_profiles, assemble
        from profilesite.checks import validate
        from profilesite.problems import report
        from profilesite.views.parties import PartyIndex

        root = Path(config.config_file_path).parent
        records, problems = validate([root / "profiles"], root)
        if problems or records.vocabulary is None:
            raise PluginError("invalid records, nothing built:\n" + "\n".join(report(problems)))
        index = PartyIndex(records.parties, records.vocabulary)
        only = affected_profiles(index, self._previous) if self._previous else None
        assemble(index, root / "content", Path(config.docs_dir).parent, [self.locale], only=only)
        self._previous = index

    def on_env(self, env: Any, config: MkDocsConfig, files: Any) -> Any:
        """Cache compiled theme templates between runs: compiling Material's templates took ~0.8 s a run."""
        import jinja2

        cache = Path(config.config_file_path).parent / "build" / "jinja-cache"
        cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        self._env, self._files = env, files
        return env

    @event_priority(-200)  # after static-i18n (-100) has given each file its language and address
    def on_files(self, files: Any, config: MkDocsConfig) -> Any:
        if site_profiles.enabled():
            self._profiles.take(files)
        else:
            self._profiles.files = []
        return files

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Any) -> Any:
        self._nav = nav
        return nav

    def on_pre_page(self, page: Page, **kwargs: Any) -> Page:
        if GENERATED.match(page.file.src_uri):
            page.__class__ = PrerenderedPage
        return page

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        markdown, self._html_blocks[page.file.src_uri] = passthrough.extract(markdown)
        return markdown

    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        return passthrough.restore(html, self._html_blocks.pop(page.file.src_uri, []))

    @event_priority(-200)  # after static-i18n's own page-context handling
    def _add_search_entry(self, config: MkDocsConfig, page: Page) -> None:
        """Index a profile by its names only, instead of Material parsing its whole page.

        Profiles are excluded from Material's indexer (front matter ``search.exclude``): parsing 190 pages of
        tables per language was the largest cost of a build, and bloated every reader's index download.
        The entry goes through the same Chinese word segmentation as Material's own entries.
        """
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None or not hasattr(search, "search_index"):
            return
        segment = self._segmentation.defer if self._segmentation else (lambda text: text)
        search.search_index.entries.append(
            {
                "location": page.url,
                "title": segment(str(page.title)),
                "text": segment(str(page.meta["ps_search"])),
            }
        )

    def root_url(self, config: MkDocsConfig) -> str:
        """The site's root address: each language is built with ``site_url`` pointing at its own root."""
        url = config.site_url or ""
        prefix = BY_CODE[self.locale].prefix
        return url[: -len(prefix)] if prefix and url.endswith(prefix) else url

    def on_post_page(self, output: str, page: Page, **kwargs: Any) -> str:
        return theme_fixes.fix_html(output)

    def on_post_template(self, output_content: str, template_name: str, **kwargs: Any) -> str:
        return theme_fixes.fix_html(output_content) if template_name.endswith(".html") else output_content

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any):
        context["page_alternates"] = alternates(page.url, self.locale, self.root_url(config))
        context["page_locale"] = BY_CODE[self.locale]
        if "ps_search" in page.meta and not page.file.inclusion.is_excluded():  # profiles: see on_post_build
            self._add_search_entry(config, page)
        context["feed_href"] = "../" * page.url.count("/") + "feed.xml"
        context["feed_title"] = gettext(self.locale, "Country profiles: what changed")
        if page.file.src_uri.endswith("/data.md"):
            context["page_dataset"] = dataset(
                self.root_url(config), config.site_name, page.meta.get("description", "")
            )
        return context


DATASET_FILES = (
    ("parties.csv", "text/csv"),
    ("treaty-actions.csv", "text/csv"),
    ("reviews.csv", "text/csv"),
    ("documents.csv", "text/csv"),
    ("nominations.csv", "text/csv"),
    ("profiles.json", "application/json"),
)


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


def dataset(site_url: str, name: str, description: str) -> dict[str, Any]:
    """schema.org Dataset describing the downloads, for search engines' dataset search."""
    base = site_url.rstrip("/") + "/"
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": base + "data/",
        "isAccessibleForFree": True,
        "inLanguage": [locale.code for locale in LOCALES],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": f"{base}downloads/{file}"}
            for file, kind in DATASET_FILES
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


def alternates(page_url: str, locale: str, site_url: str) -> list[dict[str, Any]]:
    """The same page in every language: name, code, link relative to this page, and absolute address."""
    here = "/" + BY_CODE[locale].prefix + page_url
    here_dir = here if here.endswith("/") else posixpath.dirname(here) + "/"
    result = []
    for other in LOCALES:
        target = "/" + other.prefix + page_url
        relative = posixpath.relpath(target, here_dir)
        if target.endswith("/") and not relative.endswith("/"):
            relative += "/"
        result.append(
            {
                "name": other.name,
                "lang": other.code,
                "dir": other.direction,
                "href": relative,
                "absolute": site_url.rstrip("/") + target if site_url else None,
                "current": other.code == locale,
            }
        )
    return result
