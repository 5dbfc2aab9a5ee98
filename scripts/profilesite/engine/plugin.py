"""The ``profilesite`` MkDocs plugin: thin event handlers; the work is in the engine's other modules.

Each language is built by its own MkDocs run (static-i18n with ``build_only_locale``, see run.py), so
every event here fires once per language and process. Its options are typed (``ProfileSiteConfig``) and
set in mkdocs.yml; run.py sets the per-run ones (``locale``, ``assembled``, ``recycle``) when it loads the
configuration. Under ``profilesite serve`` the docs folder is not assembled beforehand: the plugin
validates the records and assembles the changed pages itself on each rebuild, so an edited record shows up
in the preview.

Why the priorities: static-i18n sets the theme language in its ``on_config`` (priority -100) and gives
files their language and address in its ``on_files`` (-100); Material's search reads its settings in its
``on_config`` (0) and writes the index in its ``on_post_build`` (0).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from profilesite.engine import docs_folder, generated_pages, page_context, search, theme_fixes
from profilesite.engine.profiles import ProfilePages
from profilesite.i18n import formatting
from profilesite.i18n.locales import DEFAULT_LOCALE, LOCALE_CODES


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
        if not self.config.assembled:
            self._assemble(config)
        config.extra["alternate"] = page_context.LanguageSwitch()
        config.extra["ps_not_found"] = page_context.not_found_messages(
            self.config.locale, self.root_url(config)
        )
        theme_fixes.list_visible_theme_files(config.theme)
        self._search = search.SearchFeed(config, self.root / "build" / "search-dictionary")
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
        if "ps_search" in page.meta and not page.file.inclusion.is_excluded():  # profiles: see on_post_build
            self._add_search_entry(page)
        if page.file.src_uri.endswith("/data.md"):
            context["page_dataset"] = page_context.dataset(
                root, config.site_name, page.meta.get("description", "")
            )
        return context

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
