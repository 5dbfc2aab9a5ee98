"""The ``profilesite`` MkDocs plugin: thin event handlers; the work is in the engine's other modules.

Each language is built by its own MkDocs run (static-i18n with ``build_only_locale``, see run.py), so
every event here fires once per language and process. Its options are typed (``ProfileSiteConfig``) and
set in mkdocs.yml; run.py sets the per-run ones (``locale``, ``assembled``, ``recycle``, and the records'
``data_as_of`` and ``data_sample``, which every page's footer states) when it loads the configuration.
Under ``profilesite serve`` the docs folder is not assembled beforehand: the plugin validates the records
and assembles the changed pages itself on each rebuild, so an edited record shows up in the preview.

Why the priorities: static-i18n sets the theme language in its ``on_config`` (priority -100) and gives
files their language and address in its ``on_files`` (-100); Material's search reads its settings in its
``on_config`` (0) and writes the index in its ``on_post_build`` (0).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from profilesite import routes
from profilesite.engine import (
    docs_folder,
    generated_pages,
    material_bundle,
    page_context,
    search,
    theme_fixes,
)
from profilesite.engine.profiles import ProfilePages
from profilesite.i18n import formatting
from profilesite.i18n.locales import DEFAULT_LOCALE, LOCALE_CODES

#: The data page's file in a language's docs folder (``content/<lang>/data.md``; routes.DATA).
DATA_PAGE = "/" + routes.DATA.rstrip("/") + ".md"


class ProfileSiteConfig(base.Config):
    """The plugin's options (mkdocs.yml, ``plugins: - profilesite: ...``)."""

    locale = c.Choice(LOCALE_CODES, default=DEFAULT_LOCALE)
    """The language this run builds (run.py sets it, with static-i18n's ``build_only_locale``)."""
    assembled = c.Type(bool, default=False)
    """True when the docs folder was assembled before the run (``profilesite build``); otherwise the plugin
    validates the records and assembles the docs folder itself (``profilesite serve``)."""
    content_dir = c.Type(str, default="content")
    """Hand-written pages, one folder per language, relative to mkdocs.yml."""
    records_dir = c.Type(str, default="profiles")
    """The party records, relative to mkdocs.yml: the edit button of a profile leads to its record here."""
    fast_profiles = c.Type(bool, default=True)
    """Render profiles outside MkDocs's page loop, from proven page shells (profiles.py); False renders
    every profile through MkDocs's loop and the whole template (the slow path tests compare against)."""
    shell_proof_pages = c.Type(int, default=2)
    """Pages of each shape whose full render a shell must reproduce before it is trusted (at least 2)."""
    shell_sample = c.Type(int, default=3)
    """Further profiles per language, picked at random in each build, re-checked against a full render."""
    recycle = c.Optional(c.Type(str))
    """The previous site's folder of this language, whose profile folders are taken over (build.publish)."""
    data_as_of = c.Optional(c.Type(str))
    """The date the records hold as of (ISO; their latest), shown in every page's footer (run.py sets it)."""
    data_sample = c.Type(bool, default=False)
    """Whether the records hold demonstration data, which every page's footer then says (run.py sets it)."""

    def validate(self) -> tuple[list[Any], list[Any]]:
        """Check the numbers' ranges too: a shell proven on one page is not proven."""
        failed, warnings = super().validate()
        if not failed and self.shell_proof_pages < 2:
            failed.append(("shell_proof_pages", c.ValidationError("must be at least 2")))
        if not failed and self.shell_sample < 0:
            failed.append(("shell_sample", c.ValidationError("must be 0 or more")))
        return failed, warnings


class ProfileSitePlugin(BasePlugin[ProfileSiteConfig]):
    """Generated pages, proven profile shells, search feed, edit links and dates, language alternates."""

    def __init__(self) -> None:
        super().__init__()
        self._html_blocks: dict[str, list[str]] = {}
        self._previous: Any = None  # the records of the last assembly under `profilesite serve`
        self._profiles: ProfilePages | None = None
        self._nav: Any = None
        self._files: Files | None = None
        self._env: Any = None
        self._search: search.SearchFeed | None = None
        self._data_sections: dict[str, str] | None = None  # ids of the data page's headings the footer names
        self._data_as_of: str | None = None  # the records' date, and whether they hold a sample: the footer's
        self._data_sample = False

    def on_startup(self, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance across the preview's rebuilds (``_previous``)."""

    @property
    def root(self) -> Path:
        """The project folder: where mkdocs.yml is."""
        return Path(self.config.config_file_path or "mkdocs.yml").resolve().parent

    @event_priority(100)  # before Material's search (0) reads its settings
    def _on_config_search(self, config: MkDocsConfig) -> None:
        search.configure(config, self.config.locale)

    @event_priority(-200)  # after static-i18n (-100), which sets theme.language for the locale
    def _on_config_main(self, config: MkDocsConfig) -> MkDocsConfig:
        self._data_as_of, self._data_sample = self.config.data_as_of, self.config.data_sample
        if not self.config.assembled:
            self._assemble(config)
        config.extra["alternate"] = page_context.LanguageSwitch()
        config.extra["ps_not_found"] = page_context.not_found_messages(
            self.config.locale, self.root_url(config)
        )
        theme_fixes.list_visible_theme_files(config.theme)
        self._search = search.SearchFeed(config, self.root / "build" / "search-dictionary")
        self._data_sections = None
        recycle = Path(self.config.recycle) if self.config.recycle else None
        self._profiles = ProfilePages(
            self._prepare, self.config.shell_proof_pages, self.config.shell_sample, recycle
        )
        return config

    on_config = CombinedEvent(_on_config_search, _on_config_main)

    def _assemble(self, config: MkDocsConfig) -> None:
        from profilesite.checks import InvalidRecords, load_index

        try:
            index = load_index(self.root / self.config.records_dir, self.root)
        except InvalidRecords as error:
            raise PluginError(f"invalid records, nothing built:\n{error}") from None
        only = docs_folder.affected_profiles(index, self._previous) if self._previous else None
        out = Path(config.docs_dir).parent
        docs_folder.assemble(index, self.root / self.config.content_dir, out, [self.config.locale], only=only)
        self._previous = index
        self._data_as_of, self._data_sample = index.as_of.isoformat(), index.has_sample

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Cache compiled theme templates between runs: compiling Material's templates took ~0.8 s a run."""
        import jinja2

        cache = self.root / "build" / "jinja-cache"
        cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        self._env, self._files = env, files
        return env

    @event_priority(-200)  # after static-i18n (-100) has given each file its language and address
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Point each page's edit button at the file an editor changes; take the profiles out of the loop."""
        content = self.root / self.config.content_dir
        for file in files.documentation_pages():  # without a repository, no page has an edit button
            file.edit_uri = (
                docs_folder.source_of(file.src_uri, content, self.config.records_dir)
                if config.repo_url
                else None
            )
        assert self._profiles is not None
        if self.config.fast_profiles:
            self._profiles.take(files)
        material_bundle.swap(files, config)
        return files

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        self._nav = nav
        return nav

    def on_pre_page(self, page: Page, **kwargs: Any) -> Page:
        if docs_folder.is_generated(page.file.src_uri):
            page.__class__ = generated_pages.GeneratedPage  # a subclass that only renders differently
        return page

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        self._prepare(page)
        markdown, self._html_blocks[page.file.src_uri] = generated_pages.extract(markdown)
        return markdown

    def _prepare(self, page: Page) -> None:
        """Per-page front matter the theme reads: the last-update date, in the page's language.

        Our pages give the date as ``ps_updated`` (a date); Material shows ``revision_date`` (text).
        """
        updated = page.meta.get("ps_updated")
        if updated is not None:
            page.meta["revision_date"] = formatting.date(updated, self.config.locale)

    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        return generated_pages.restore(html, self._html_blocks.pop(page.file.src_uri, []))

    @event_priority(-200)  # after static-i18n's own page-context handling
    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any
    ) -> dict[str, Any]:
        locale, root = self.config.locale, self.root_url(config)
        context.update(page_context.page_values(page.url, locale, root))
        context["page_frame"] = self._frame(config, page.url)
        if "ps_search" in page.meta and not page.file.inclusion.is_excluded():  # profiles: see on_post_build
            self._add_search_entry(page)
        if page.file.src_uri.endswith(DATA_PAGE):
            context["page_dataset"] = page_context.dataset(
                root, config.site_name, page.meta.get("description", "")
            )
        return context

    def on_template_context(
        self, context: dict[str, Any], template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        """The not-found page's footer: served at any address, so it links from the site's root path."""
        if template_name == "404.html":
            context["page_frame"] = self._frame(config, None)
        return context

    def _frame(self, config: MkDocsConfig, url: str | None) -> dict[str, Any]:
        """The footer's values for the page at ``url`` (None: the not-found page)."""
        if self._data_sections is None:
            self._data_sections = self._find_data_sections()
        root = self.root_url(config)
        return page_context.frame(
            url,
            self.config.locale,
            as_of=self._data_as_of,
            sample=self._data_sample,
            sections=self._data_sections,
            repo_url=config.repo_url,
            root_path=urlsplit(root).path.rstrip("/") + "/" if root else "/",
        )

    def _find_data_sections(self) -> dict[str, str]:
        """The ids of the data page's licence and error-reporting sections, from its table of contents.

        MkDocs converts every page's Markdown before it renders any template, so the data page's headings
        are known when the first footer is written. A built site must find both (strict): the footer of
        every page links to them; the preview, which may not have converted the page, links to its top.
        """
        assert self._files is not None
        data = next(
            (file for file in self._files.documentation_pages() if file.src_uri.endswith(DATA_PAGE)), None
        )
        toc = data.page.toc if data is not None and data.page is not None else []
        found = page_context.heading_ids(toc, self.config.locale)
        missing = [h for h in (page_context.LICENCE_HEADING, page_context.REPORT_HEADING) if h not in found]
        if missing and self.config.assembled:
            raise PluginError(
                f"[{self.config.locale}] the data page ({DATA_PAGE}) has no heading titled as the catalog"
                f" translates {', '.join(repr(h) for h in missing)}; every page's footer links to it"
            )
        return found

    def _add_search_entry(self, page: Page) -> None:
        assert self._search is not None
        self._search.add(page.url, str(page.title), str(page.meta["ps_search"]))

    def on_post_page(self, output: str, page: Page, **kwargs: Any) -> str:
        return theme_fixes.fix_html(output)

    def on_post_template(self, output_content: str, template_name: str, **kwargs: Any) -> str:
        return theme_fixes.fix_html(output_content) if template_name.endswith(".html") else output_content

    @event_priority(50)  # before Material's search (0) writes the index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the profiles (profiles.py), then order and segment the search entries."""
        assert self._profiles is not None and self._search is not None and self._files is not None
        self._profiles.render(config, self._files, self._nav, self._env, self._add_search_entry)
        order = None
        if self._profiles.files:  # their entries came last: put them where MkDocs's loop would have
            pages = self._files.documentation_pages(inclusion=InclusionLevel.all)
            order = {page_context.page_url(file.url): place for place, file in enumerate(pages)}
        self._search.finish(order)

    def root_url(self, config: MkDocsConfig) -> str:
        """The site's root address: each language is built with ``site_url`` pointing at its own root."""
        return page_context.root_url(config.site_url or "", self.config.locale)
