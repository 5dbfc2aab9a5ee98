"""Page shells: the theme's page template rendered once, then filled for each page of the same shape.

Rendering Material's page template was the largest single cost of a build (about 40 % of a language's
time), and for the 182 profiles of a language it produced 182 copies of the same header, navigation,
language selector and footer around different content. A shell is that template rendered once with
sentinel strings where a profile's own values go (title, description, the last segment of its address,
content, table of contents, skip-link target and last-update date); each profile page is then the shell
with its values put in, in one pass.

The fill is only correct when the values reach the page unchanged, so :func:`plain` decides which pages
may use a shell (the others are rendered by the template), and profiles.py trusts a shell only once it
reproduced full renders of several pages byte for byte, and re-checks it on a sample of pages in every
build: a template value the shell has no sentinel for makes a strict build fail instead of publishing a
page with another page's value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTINEL = "PSSHELL7Q"  # prefix of every sentinel: a string no page, name or theme text contains
TITLE = SENTINEL + "TITLE"
DESCRIPTION = SENTINEL + "DESCRIPTION"
SLUG = SENTINEL + "SLUG"  # the page's own segment of its address: profiles/<slug>/
ANCHOR = SENTINEL + "ANCHOR"  # the first heading's id: the skip link's target
CONTENT = SENTINEL + "CONTENT"
TOC = SENTINEL + "TOC"  # the entries of the table of contents
UPDATED = SENTINEL + "UPDATED"  # the last-update date shown by the theme
SECOND_ANCHOR = SENTINEL + "SECOND"  # the shell's second table-of-contents entry (see make_shell)

HEADING_MARK = SENTINEL + "H1<h1>"  # makes the sentinel content count as holding a title (see has_heading)

_TOKEN = re.compile(SENTINEL + r"(?:TITLE|DESCRIPTION|SLUG|ANCHOR|CONTENT|TOC|UPDATED)")
_NOT_PLAIN = re.compile(r"[&<>\"'\\]|^\s|\s$|\s\s|[\n\r\t]")


def plain(text: str) -> bool:
    """True when ``text`` reads the same through every filter the theme applies to a title or description.

    Material prints titles through ``striptags`` (which collapses whitespace and decodes entities) and
    ``e``, descriptions raw, and some inside JSON: text without markup characters, quotes, backslashes
    or runs of whitespace comes out of all of them unchanged.
    """
    return bool(text) and not _NOT_PLAIN.search(text) and SENTINEL not in text


def has_heading(content: str) -> bool:
    """Whether ``content`` has its own ``<h1``: Material's content template adds the title when it has not."""
    return "<h1" in content


def sentinel_content(with_heading: bool) -> str:
    """The content to render a shell with: the content sentinel, holding ``<h1`` when the pages do."""
    return CONTENT + HEADING_MARK if with_heading else CONTENT


@dataclass(frozen=True)
class Shell:
    """A rendered page with sentinel tokens; :meth:`fill` puts one page's values in."""

    html: str
    toc_separator: str  # the text the template writes between two table-of-contents entries

    def fill(
        self,
        title: str,
        description: str,
        slug: str,
        anchor: str,
        content: str,
        toc: list[str],
        updated: str = "",
    ) -> str:
        """The page for these values; one pass, so values holding sentinel-like text are never re-read."""
        values = {
            TITLE: title,
            DESCRIPTION: description,
            SLUG: slug,
            ANCHOR: anchor,
            CONTENT: content,
            TOC: self.toc_separator.join(toc),
            UPDATED: updated,
        }
        return _TOKEN.sub(lambda match: values[match.group(0)], self.html)


def make_shell(rendered: str, first_entry: str, second_entry: str) -> Shell | None:
    """The shell from a page rendered with sentinel values and two table-of-contents entries.

    ``first_entry`` and ``second_entry`` are those two entries rendered on their own. The shell is
    rendered with two entries so that the separator the template writes between entries is read from
    the output rather than assumed. None when the output does not have the expected shape (then pages
    are rendered in full).
    """
    start = rendered.find(first_entry)
    if start == -1 or rendered.count(first_entry) != 1:
        return None
    end = rendered.find(second_entry, start + len(first_entry))
    if end == -1 or rendered.count(second_entry) != 1:
        return None
    separator = rendered[start + len(first_entry) : end]
    if SENTINEL in separator:
        return None
    html = rendered[:start] + TOC + rendered[end + len(second_entry) :]
    html = html.replace(CONTENT + HEADING_MARK, CONTENT)
    if SENTINEL in _TOKEN.sub("", html):  # a sentinel the fill would not replace: unknown shape
        return None
    return Shell(html, separator)


def first_difference(expected: str, actual: str, context: int = 60) -> str:
    """Where two renders of a page part: the offset and the text of each around it, for an error message."""
    offset = next(
        (index for index, (one, two) in enumerate(zip(expected, actual, strict=False)) if one != two),
        min(len(expected), len(actual)),
    )
    start = max(0, offset - context // 3)
    return (
        f"first difference at character {offset}: full render {expected[start : offset + context]!r}, "
        f"shell {actual[start : offset + context]!r}"
    )
