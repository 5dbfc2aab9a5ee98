"""One MkDocs run for one language: the docs folder assembled, the configuration loaded, the site built.

The build driver (build.py) calls :func:`build_language` once per language, in worker processes; the
preview (``profilesite serve``) calls :func:`serve`. Both load mkdocs.yml with the per-run values
overridden: static-i18n's ``build_only_locale`` and the profilesite plugin's typed options
(``locale``, ``assembled``, ``recycle``, ``data_as_of``, ``data_sample``). MkDocs's ``load_config``
replaces a top-level key it is given, so the ``plugins`` list is read from mkdocs.yml, changed for this
run and handed back whole.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from profilesite.engine import search
from profilesite.engine.docs_folder import assemble, docs_dir
from profilesite.i18n.locales import BY_CODE
from profilesite.render.includes import UnknownBlock
from profilesite.views.parties import PartyIndex

CONFIG_FILE = "mkdocs.yml"


class LanguageFailed(Exception):
    """A language was not built: a warning in strict mode, a broken configuration, a content error."""


def preload() -> None:
    """Import MkDocs, Material and static-i18n now: forked workers inherit them, spawned ones pay once."""
    search.preload()
    import mkdocs.commands.build  # noqa: F401
    import mkdocs_static_i18n.plugin  # noqa: F401


def plugins_for(root: Path, locale: str, options: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """mkdocs.yml's plugins with this run's values: its language, and ``options`` for profilesite.

    A mapping of plugin name to options, in mkdocs.yml's order: MkDocs reads a list of one-key mappings
    by popping their items, which would leave the preview's reloads (which reuse the value) with none.
    """
    from mkdocs.utils.yaml import yaml_load

    with open(root / CONFIG_FILE, "rb") as handle:
        raw = yaml_load(handle)
    plugins: dict[str, dict[str, Any]] = {}
    for entry in raw.get("plugins") or []:
        name, given = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        given = dict(given or {})
        if name == "i18n":
            given["build_only_locale"] = locale
        elif name == "profilesite":
            given.update(options)
        plugins[name] = given
    return plugins


def _load(root: Path, locale: str, options: dict[str, Any], **overrides: Any) -> Any:
    from mkdocs.config import load_config

    return load_config(str(root / CONFIG_FILE), plugins=plugins_for(root, locale, options), **overrides)


def build_language(
    root: Path,
    index: PartyIndex,
    locale: str,
    site_dir: Path,
    site_url: str,
    recycle: Path | None = None,
) -> None:
    """Assemble ``locale``'s docs folder from ``index`` and build it into ``site_dir``, strictly.

    ``site_url``: the site's root address (the language's is derived). ``recycle``: the previous site,
    whose folders of this language's profiles are taken over (see build.publish).
    """
    work = root / "build" / "docs"
    try:
        assemble(index, root / "content", work, [locale])
    except UnknownBlock as error:
        raise LanguageFailed(f"[{locale}] content/: {error}") from None
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    own = recycle / BY_CODE[locale].prefix if recycle else None
    options: dict[str, Any] = {
        "locale": locale,
        "assembled": True,
        "data_as_of": index.as_of.isoformat(),  # every page's footer says it
        "data_sample": index.has_sample,
    }
    if own is not None and own.is_dir():
        options["recycle"] = str(own)
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"[{locale}] {record.levelname}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        config = _load(
            root,
            locale,
            options,
            docs_dir=str(docs_dir(work, locale)),
            site_dir=str(site_dir),
            strict=True,
            site_url=site_url + BY_CODE[locale].prefix,
        )
        build(config)
    except (Abort, ConfigurationError, PluginError) as error:
        messages.append(f"[{locale}] {error}")
        raise LanguageFailed("\n".join(messages)) from None
    finally:
        logger.removeHandler(handler)


def serve(root: Path, locale: str, address: str) -> None:
    """Preview ``locale`` with live reload; the plugin validates and re-assembles on every change.

    Dirty rebuilds: only pages whose file changed are rendered again (the assembler rewrites only what an
    edit changed). MkDocs warns about dirty builds, so strict mode stays for ``profilesite build``. Invalid
    records, at the start or after an edit, do not stop the preview: the browser shows their problems in
    place of the site until they are fixed (preview.py).
    """
    from profilesite.engine import preview

    folder = docs_dir(root / "build" / "docs", locale)
    folder.mkdir(parents=True, exist_ok=True)  # MkDocs checks it exists; the plugin fills it in each build

    def load(**overrides: Any) -> Any:
        return _load(root, locale, {"locale": locale}, docs_dir=str(folder), **overrides)

    preview.serve(load, address)
