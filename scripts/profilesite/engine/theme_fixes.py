"""Corrections to Material and MkDocs that no template block or option reaches.

:func:`fix_html`: invalid HTML in Material's page frame. :func:`list_visible_theme_files`: MkDocs's
walk over Material's hidden icon folders when it looks for theme assets.

Material's base.html writes its drawer and search toggles as ``<input type="checkbox" … autocomplete="off">``
outside any block, so neither ``overrides/main.html`` nor a partial can change them, and ``autocomplete`` is
not allowed on a checkbox (HTML spec; the Nu checker reports it on every page). The attribute only stops
Firefox restoring a ticked box on reload; ``assets/material-content.js`` resets both toggles instead.
"""

from __future__ import annotations

import os
import re
from typing import Any

_CHECKBOX_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'
)


def fix_html(html: str) -> str:
    """Drop ``autocomplete`` from Material's toggle checkboxes."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def list_visible_theme_files(theme: Any) -> None:
    """Make MkDocs's search for theme assets skip hidden folders, which it would discard anyway.

    MkDocs lists every file of the theme's folders to find the assets to copy, then drops the hidden
    ones ('.*' and '*/.*'). Material keeps its 14,000 icons in a hidden folder (.icons), so each
    language spent 0.1 s walking and pattern-matching files it discards. Only that listing changes:
    templates are found as before. Replaces the theme object's ``get_env`` (an instance attribute).
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

    original = type(theme).get_env

    def get_env() -> Any:
        environment = original(theme)
        loader = environment.loader
        if type(loader) is jinja2.FileSystemLoader:
            environment.loader = VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return environment

    theme.get_env = get_env
