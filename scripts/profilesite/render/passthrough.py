"""Pre-rendered HTML that skips Markdown: generated pages are HTML produced (and escaped) by our templates.

Parsing that HTML again with Python-Markdown cost 60 % of a page's build time. Generated pages wrap their
HTML in ``<!--ps:html-->`` ... ``<!--/ps:html-->``; before Markdown runs, each block is swapped for a
placeholder paragraph, and after it the placeholder is swapped back. Headings stay Markdown, so the table
of contents still works. Engine-neutral: the MkDocs plugin calls these two functions.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"<!--ps:html-->\n(.*?)\n<!--/ps:html-->", re.DOTALL)
_PLACEHOLDER = re.compile(r"<p>PSHTML(\d+)</p>")


def extract(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each HTML block replaced by a placeholder paragraph, and the blocks."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"\n\nPSHTML{len(blocks) - 1}\n\n"

    return _BLOCK.sub(keep, markdown), blocks


def restore(html: str, blocks: list[str]) -> str:
    """Put the HTML blocks back in place of their placeholders."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)
