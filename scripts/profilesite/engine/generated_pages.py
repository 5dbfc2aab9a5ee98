"""Generated pages turned into HTML without a Markdown pass: their bodies are our templates' HTML.

Our generated pages (profiles, party list, statistics) are HTML produced and escaped by our templates,
wrapped in ``<!--ps:html-->`` ... ``<!--/ps:html-->`` blocks, with Markdown headings between them for the
table of contents. Parsing that HTML again with Python-Markdown cost 60 % of a page's build time, and
setting up Python-Markdown a quarter of the rest. So:

- :func:`extract` swaps each HTML block for a placeholder paragraph before Markdown runs and
  :func:`restore` swaps it back after (hand-written pages may hold such blocks too, from content includes);
- :func:`render` turns a generated page that holds only headings (``## Title {#id}``) and placeholders
  into HTML and its heading tree directly; anything else returns None and goes through Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_OPEN, _CLOSE = "<!--ps:html-->\n", "\n<!--/ps:html-->"
_PLACEHOLDER_PARAGRAPH = re.compile(r"<p>PSHTML(\d+)</p>")


def extract(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each HTML block replaced by a placeholder paragraph, and the blocks.

    Found with ``str.find`` rather than a regular expression: a lazy match across a block of published
    answers (tens of kilobytes) tried the closing marker at every character.
    """
    blocks: list[str] = []
    parts: list[str] = []
    position = 0
    while True:
        start = markdown.find(_OPEN, position)
        if start == -1:
            break
        end = markdown.find(_CLOSE, start + len(_OPEN))
        if end == -1:
            break
        parts.append(markdown[position:start])
        blocks.append(markdown[start + len(_OPEN) : end])
        parts.append(f"\n\nPSHTML{len(blocks) - 1}\n\n")
        position = end + len(_CLOSE)
    parts.append(markdown[position:])
    return "".join(parts), blocks


def restore(html: str, blocks: list[str]) -> str:
    """Put the HTML blocks back in place of their placeholders."""
    if not blocks:
        return html
    return _PLACEHOLDER_PARAGRAPH.sub(lambda match: blocks[int(match.group(1))], html)


_HEADING = re.compile(r"^(#{2,6}) (.+?) \{#([A-Za-z][\w-]*)\}$")
_PLACEHOLDER_LINE = re.compile(r"^PSHTML\d+$")


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
        if _PLACEHOLDER_LINE.match(line):
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


class GeneratedPage(Page):
    """A generated page: its HTML from :func:`render`, its table of contents from the heading tree.

    Falls back to MkDocs's own Markdown rendering when :func:`render` cannot take the page.
    """

    def render(self, config: MkDocsConfig, files: Any) -> None:
        rendered = render(self.markdown or "")
        if rendered is None:
            super().render(config, files)
            return
        html, headings = rendered
        self.content = html
        self.toc = get_toc([toc_token(heading) for heading in headings])
        self.present_anchor_ids = anchor_ids(headings)
        self.links_to_anchors = {}


def toc_token(heading: Heading) -> dict[str, Any]:
    """The heading in the form MkDocs's ``get_toc`` takes (what Python-Markdown's toc extension gives)."""
    return {
        "level": heading.level,
        "id": heading.id,
        "name": heading.title,
        "children": [toc_token(child) for child in heading.children],
    }
