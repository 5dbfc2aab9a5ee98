"""Texts written by parties (questionnaire answers, feedback) as HTML: a small, safe Markdown subset.

The whole text is HTML-escaped first; only then are four things read from it: paragraphs (separated by a
blank line), lists (lines starting ``- ``), ``*emphasis*`` and ``**strong**``. Nothing else is
interpreted: no links, no headings, no raw HTML, so a text can never add markup, an address or a script
to a page, whatever it holds. The tags written are balanced whatever the markers' nesting.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: ``**strong**``: opens before a non-space, closes after one; the shortest span.
_STRONG = re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*")
#: ``*emphasis*``: a single star on each side (not part of an unclosed ``**``).
_EMPHASIS = re.compile(r"(?<!\*)\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?!\*)")
_ITEM = "- "


def to_html(text: str) -> Markup:
    """``text`` as safe HTML: ``<p>`` paragraphs, ``<ul><li>`` lists, ``<em>`` and ``<strong>``."""
    blocks = _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n").strip("\n"))
    parts: list[str] = []
    for block in blocks:
        parts.extend(_block(block))
    return Markup("\n".join(parts))


def _block(block: str) -> list[str]:
    """A block between blank lines: paragraphs and lists, in the order their lines come."""
    parts: list[str] = []
    paragraph: list[str] = []
    items: list[list[str]] = []

    def flush_paragraph() -> None:
        if paragraph and any(line.strip() for line in paragraph):
            parts.append("<p>" + "\n".join(_inline(line.strip()) for line in paragraph) + "</p>")
        paragraph.clear()

    def flush_list() -> None:
        if items:
            rows = ("<li>" + "\n".join(_inline(line.strip()) for line in item) + "</li>" for item in items)
            parts.append("<ul>\n" + "\n".join(rows) + "\n</ul>")
        items.clear()

    for line in block.split("\n"):
        if line.startswith(_ITEM):
            flush_paragraph()
            items.append([line[len(_ITEM) :]])
        elif items and line[:1] in (" ", "\t") and line.strip():
            items[-1].append(line)  # an indented line continues the list item above
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return parts


def _inline(line: str) -> str:
    """One line escaped, then its strong and emphasis spans; a span never crosses another's tags."""
    escaped = str(escape(line))  # '*' is not escaped, and no escape sequence contains one
    pieces: list[str] = []
    last = 0
    for match in _STRONG.finditer(escaped):
        pieces.append(_emphasis(escaped[last : match.start()]))
        pieces.append("<strong>" + _emphasis(match.group(1)) + "</strong>")
        last = match.end()
    pieces.append(_emphasis(escaped[last:]))
    return "".join(pieces)


def _emphasis(escaped: str) -> str:
    return _EMPHASIS.sub(lambda match: "<em>" + match.group(1) + "</em>", escaped)


@functools.cache  # a page asks for every text's direction; the few languages are looked up once
def text_direction(language: str) -> Literal["rtl", "ltr"]:
    """Writing direction of ``language`` (``ar``, ``zh-Hant``) from CLDR, for a text's ``dir`` attribute.

    An unknown code (the validator refuses them) reads left to right.
    """
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
