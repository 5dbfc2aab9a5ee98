"""A tiny DOM built with the standard library's html.parser, enough to read the generated pages in tests."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class Node:
    """An element: tag, attributes, children (elements and text), parent."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        """This element and its descendants, in document order (optionally only ``tag``)."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Descendants with ``tag`` whose attributes include ``attrs`` (class_ matches one class)."""
        found = []
        for node in self.iter(tag):
            if all(_matches(node, key, value) for key, value in attrs.items()):
                found.append(node)
        return found

    def find(self, tag: str, **attrs: str) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def text(self) -> str:
        """All text inside, concatenated."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _matches(node: Node, key: str, value: str) -> bool:
    if key == "class_":
        return value in (node.get("class") or "").split()
    return node.get(key.replace("_", "-")) == value


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        if any(node.tag == tag for node in self.stack[1:]):
            while self.stack[-1].tag != tag:
                self.stack.pop()
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    """The document tree of ``text``."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


@lru_cache(maxsize=64)
def parse_file(path: Path) -> Node:
    """The document tree of a file (cached: the session's sites do not change)."""
    return parse_html(path.read_text("utf-8"))


def number(text: str) -> int:
    """An integer as a page shows it, in any locale (separators and bidi marks dropped)."""
    digits = re.sub(r"\D", "", text.translate(ARABIC_DIGITS))
    assert digits, f"no number in {text!r}"
    return int(digits)


def resolve(page: Path, site: Path, href: str) -> Path:
    """The file a relative link on ``page`` points to (a folder link means its index.html)."""
    path = urlsplit(href).path
    assert not urlsplit(href).scheme, href
    joined = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), path))
    assert not joined.startswith(".."), f"{href} leaves the site"
    target = site / joined
    if path.endswith("/") or path == "":
        target = target / "index.html"
    return target
