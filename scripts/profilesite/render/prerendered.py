"""Generated pages turned into HTML without Python-Markdown: their bodies are HTML blocks and headings only.

Setting up Python-Markdown and parsing cost a quarter of each generated page's build time. A generated
page, after :mod:`profilesite.render.passthrough` has set its HTML blocks aside, holds only headings
(``## Title {#id}``) and placeholder paragraphs; this module turns exactly that into HTML, with the headings
for the table of contents. Anything else in the page returns None, and the page goes through Markdown.
Engine-neutral: the MkDocs plugin decides which pages use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{2,6}) (.+?) \{#([A-Za-z][\w-]*)\}$")
_PLACEHOLDER = re.compile(r"^PSHTML\d+$")


@dataclass
class Heading:
    """A heading of the page, with the headings below it (for the table of contents)."""

    level: int
    id: str
    title: str
    children: list[Heading] = field(default_factory=list)


def render(markdown: str) -> tuple[str, list[Heading]] | None:
    """HTML and heading tree of a generated page, or None when it holds anything but headings and blocks.

    Heading texts come from our templates, where Jinja already escaped them.
    """
    parts: list[str] = []
    top: list[Heading] = []
    stack: list[Heading] = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line:
            continue
        if _PLACEHOLDER.match(line):
            parts.append(f"<p>{line}</p>")
            continue
        match = _HEADING.match(line)
        if not match:
            return None
        level, title, anchor = len(match.group(1)), match.group(2), match.group(3)
        parts.append(f'<h{level} id="{anchor}">{title}</h{level}>')
        heading = Heading(level, anchor, title)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else top).append(heading)
        stack.append(heading)
    return "\n".join(parts), top


def anchor_ids(headings: list[Heading]) -> set[str]:
    """Every heading id in the tree."""
    return {heading.id for heading in headings} | {
        anchor for heading in headings for anchor in anchor_ids(heading.children)
    }
