"""Each coupling of the engine wing to a dependency's internals, checked directly (engine/README.md).

A test here fails when a new version of MkDocs, Material, static-i18n or jieba changes what the engine
relies on, before a build publishes something subtly wrong. Couplings whose effect is the whole page
(the shell's template context, copied files) are also covered by the byte-for-byte comparison of the fast
and slow builds in test_shells.py.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import jieba
import material
import mkdocs
import mkdocs_static_i18n
import pytest
from material.plugins.search import plugin as material_search
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import config_options
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from profilesite.engine import docs_folder, profiles, search, shell, theme_fixes
from profilesite.engine.plugin import ProfileSitePlugin
from profilesite.engine.run import plugins_for
from profilesite.i18n.locales import LOCALE_CODES

from ..conftest import REPO

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def test_versions_the_couplings_were_checked_on():
    """engine/README.md says which versions were checked; a new one means reading it again."""
    readme = (REPO / "scripts" / "profilesite" / "engine" / "README.md").read_text("utf-8")
    for package, version in (
        ("MkDocs", mkdocs.__version__),
        ("Material for MkDocs", material.__version__),
        ("mkdocs-static-i18n", _distribution_version("mkdocs-static-i18n")),
        ("jieba", jieba.__version__),
    ):
        assert f"{package} {version}" in readme, f"{package} is now {version}: check engine/README.md"


def _distribution_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


# ------------------------------------------------------------------------------------------- Material


def test_material_search_index_segments_chinese_through_one_method():
    """search.SearchFeed replaces SearchIndex._segment_chinese on the instance, and reads ``entries``."""
    source = inspect.getsource(material_search.SearchIndex)
    assert "def _segment_chinese(self, data)" in source
    assert "self._segment_chinese(" in source
    index = material_search.SearchIndex(lang=["zh"], separator=" ", pipeline=[], fields={})
    assert index.entries == []
    assert material_search.jieba is jieba  # Material segments with jieba when it is installed


def test_material_search_plugin_keeps_its_index_and_reads_settings_in_on_config():
    """search.configure sets lang/separator/pipeline before Material's on_config builds the index from them."""
    source = inspect.getsource(material_search.SearchPlugin.on_config)
    assert "self.search_index = SearchIndex(**self.config)" in source
    assert {"lang", "separator", "pipeline"} <= {name for name, _ in material_search.SearchConfig._schema}


def test_material_language_files_hold_the_search_settings():
    for locale in LOCALE_CODES:
        settings = search.search_settings(locale)
        assert set(settings) == {"lang", "separator", "pipeline"}, locale
    assert search.search_settings("zh")["separator"] != search.search_settings("en")["separator"]


def test_material_toc_entry_template_takes_one_item():
    """The shell renders table-of-contents entries alone with partials/toc-item.html and ``toc_item``."""
    template = (MATERIAL_TEMPLATES / "partials" / "toc-item.html").read_text("utf-8")
    assert "toc_item.url" in template and "toc_item.title" in template


def test_material_writes_autocomplete_on_its_toggles():
    """theme_fixes.fix_html removes it; if Material stops writing it, the fix is dead code."""
    base = (MATERIAL_TEMPLATES / "base.html").read_text("utf-8")
    toggles = [line for line in base.splitlines() if 'class="md-toggle"' in line]
    assert len(toggles) == 2 and all('autocomplete="off"' in line for line in toggles)
    fixed = theme_fixes.fix_html("\n".join(toggles))
    assert "autocomplete" not in fixed and fixed.count('class="md-toggle"') == 2


def test_material_shows_revision_date_and_the_edit_button():
    """The plugin sets ``revision_date`` (a text) and MkDocs's ``page.edit_url`` drives the edit button."""
    source_file = (MATERIAL_TEMPLATES / "partials" / "source-file.html").read_text("utf-8")
    assert "page.meta.revision_date" in source_file
    actions = (MATERIAL_TEMPLATES / "partials" / "actions.html").read_text("utf-8")
    assert "page.edit_url" in actions and '"content.action.edit" in features' in actions


def test_material_source_partial_is_overridden_without_its_script_component():
    """overrides/partials/source.html: Material's component would fetch the repository host's API."""
    ours = (REPO / "overrides" / "partials" / "source.html").read_text("utf-8")
    theirs = (MATERIAL_TEMPLATES / "partials" / "source.html").read_text("utf-8")
    assert 'data-md-component="source"' in theirs and "data-md-component" not in ours


def test_material_reads_extra_alternate_as_truthy_and_iterable_separately():
    """page_context.LanguageSwitch: truthy shows the selector, not iterable keeps Material's head links out."""
    header = (MATERIAL_TEMPLATES / "partials" / "header.html").read_text("utf-8")
    base = (MATERIAL_TEMPLATES / "base.html").read_text("utf-8")
    assert "{% if config.extra.alternate %}" in header
    assert "{% if config.extra.alternate is iterable %}" in base


# --------------------------------------------------------------------------------------------- MkDocs


def test_mkdocs_url_filter_resolves_against_config_current_page():
    """profiles._full sets ``config._current_page`` as MkDocs's build loop does."""
    from mkdocs.config.defaults import MkDocsConfig

    assert "_current_page" in MkDocsConfig.__annotations__
    assert "config._current_page = page" in inspect.getsource(mkdocs_build._build_page)
    assert list(inspect.signature(mkdocs_build.get_context).parameters) == [
        "nav",
        "files",
        "config",
        "page",
        "base_url",
    ]


def test_mkdocs_theme_get_env_can_be_replaced_on_the_instance(tmp_path: Path):
    """theme_fixes.list_visible_theme_files: same templates found, hidden folders skipped."""
    from mkdocs.theme import Theme

    theme = Theme(name="material")
    before = set(theme.get_env().list_templates())
    theme_fixes.list_visible_theme_files(theme)
    after = set(theme.get_env().list_templates())
    assert after == {name for name in before if not any(part.startswith(".") for part in name.split("/"))}
    assert "main.html" in after and len(after) < len(before)


def test_mkdocs_page_render_and_anchor_attributes():
    """generated_pages.GeneratedPage overrides Page.render and sets the anchor bookkeeping it reads."""
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"]
    source = inspect.getsource(Page)
    assert "self.present_anchor_ids" in source and "self.links_to_anchors" in source
    toc = get_toc([{"level": 2, "id": "a", "name": "A", "children": []}])
    assert [item.id for item in toc] == ["a"]


def test_mkdocs_file_edit_uri_can_be_set_and_copied():
    """plugin.on_files sets ``File.edit_uri``; profiles.copy_file copies a File through its attributes."""
    file = File("fr/profiles/ken.md", "/docs", "/site", True)
    file.edit_uri = "profiles/ken.yaml"
    file.inclusion = InclusionLevel.EXCLUDED
    assert file.url == "fr/profiles/ken/" and file.dest_uri == "fr/profiles/ken/index.html"
    twin = profiles.copy_file(file, "ken", shell.SLUG)
    assert twin.src_uri == f"fr/profiles/{shell.SLUG}.md" and twin.edit_uri == f"profiles/{shell.SLUG}.yaml"
    assert twin.url == f"fr/profiles/{shell.SLUG}/" and twin.inclusion is InclusionLevel.EXCLUDED
    assert file.src_uri == "fr/profiles/ken.md"  # the original is untouched


def test_mkdocs_keeps_plugins_with_on_startup_across_loads():
    """ProfileSitePlugin defines on_startup so that the preview keeps its previous records."""
    assert hasattr(ProfileSitePlugin, "on_startup")
    source = inspect.getsource(config_options.Plugins.load_plugin)
    assert "hasattr(plugin, 'on_startup')" in source and "self.plugin_cache[inst_name] = plugin" in source


def test_mkdocs_load_config_replaces_the_plugins_key_with_run_options():
    """run.plugins_for: mkdocs.yml's plugin list, read with MkDocs's YAML loader, options set per run."""
    from mkdocs.config import load_config

    plugins = plugins_for(REPO, "ar", {"locale": "ar", "assembled": True})
    config = load_config(str(REPO / "mkdocs.yml"), plugins=plugins, docs_dir=str(REPO / "content"))
    assert config.plugins["profilesite"].config.locale == "ar"
    assert config.plugins["profilesite"].config.assembled is True
    languages = config.plugins["i18n"].config.languages
    # static-i18n's build_only_locale makes that language the only one built, and the default
    assert [(item.locale, item.default, item.build) for item in languages if item.build] == [
        ("ar", True, True)
    ]


def test_mkdocs_refuses_bad_plugin_options():
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    plugins = plugins_for(REPO, "en", {"shell_proof_pages": 1})
    with pytest.raises(Abort):
        load_config(str(REPO / "mkdocs.yml"), plugins=plugins, docs_dir=str(REPO / "content"))


# ---------------------------------------------------------------------------------------- static-i18n


def test_static_i18n_runs_before_our_config_and_files_events():
    """The plugin's on_config and on_files run at -200, after static-i18n's at -100."""
    from mkdocs_static_i18n.plugin import I18n

    assert I18n.on_config.mkdocs_priority == -100
    assert I18n.on_files.mkdocs_priority == -100
    assert ProfileSitePlugin.on_files.mkdocs_priority == -200
    assert mkdocs_static_i18n.__name__ == "mkdocs_static_i18n"


def test_static_i18n_folder_structure_is_what_the_docs_folder_writes(tmp_path: Path):
    """docs_folder writes <out>/<locale>/<locale>/...: static-i18n's folder structure, one per run."""
    assert docs_folder.docs_dir(tmp_path, "fr") == tmp_path / "fr"
    assert docs_folder.source_of("fr/profiles/ken.md", REPO / "content") == "profiles/ken.yaml"
    assert docs_folder.source_of("fr/review-process.md", REPO / "content") == "content/fr/review-process.md"
    assert docs_folder.source_of("fr/statistics/index.md", REPO / "content") is None


# ---------------------------------------------------------------------------------------------- jieba


def test_jieba_imports_without_pkg_resources_and_can_be_reset():
    """search.preload blocks pkg_resources while jieba is imported; search_zh swaps and resets the dictionary."""
    code = (
        "import sys; sys.modules['pkg_resources'] = None\n"
        "import jieba\n"
        "with jieba.get_dict_file() as handle: assert handle.readline()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert callable(jieba.set_dictionary) and callable(jieba.dt.__init__)
    line = jieba.get_dict_file().readline().decode("utf-8").split()
    assert len(line) == 3 and line[1].isdigit()  # word, frequency, tag: what search_zh cuts down
