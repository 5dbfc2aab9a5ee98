"""Corrections to Material's HTML that no template block reaches.

Material's base.html writes its drawer and search toggles as ``<input type="checkbox" … autocomplete="off">``
outside any block, so neither ``overrides/main.html`` nor a partial can change them, and ``autocomplete`` is
not allowed on a checkbox (HTML spec; the Nu checker reports it on every page). The attribute only stops
Firefox restoring a ticked box on reload; ``assets/material-content.js`` resets both toggles instead.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'
)


def fix_html(html: str) -> str:
    """Drop ``autocomplete`` from Material's toggle checkboxes."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
