"""Internal link check of a built site: every href and src that stays on the site must reach a file.

Run on the staging folder before publishing, so a broken internal link fails the build and nothing is
published. Links are read with a regular expression (attribute values are always quoted in our output and in
Material's), which keeps the check to about a second for the whole seven-language site.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRIBUTE = re.compile(r"""\s(?:href|src)="([^"]*)\"""")
# The same after a plain space, which is how our templates and Material's separate attributes: a pattern
# that starts with a literal is found three times faster. A page where some href or src follows another
# character (a line break inside a tag, or data-href) is read with the general pattern.
_SPACED_ATTRIBUTE = re.compile(r' (?:href|src)="([^"]*)"')
_IGNORED_PREFIXES = ("#", "mailto:", "tel:", "data:", "javascript:", "http://", "https://")


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link from ``page`` (path within the site) to ``target`` that reaches no file."""

    page: str
    target: str

    def __str__(self) -> str:
        return f"{self.page}: broken internal link {self.target}"


def _links(text: str) -> list[str]:
    """The raw values of every href and src attribute in ``text``."""
    if text.count('href="') + text.count('src="') != text.count(' href="') + text.count(' src="'):
        return _ATTRIBUTE.findall(text)
    return _SPACED_ATTRIBUTE.findall(text)


class _Resolver:
    """Where the links of one page lead, as paths relative to the site root.

    Results are shared between pages: a link that climbs ``k`` folders ("../" k times) from a page ``d``
    folders deep leads to the same place from every page with the same first ``d - k`` folders, and most
    links (the theme's assets, the navigation, the other profiles) climb that way. This keeps the check of
    the 70,000 links of the shipped site to a fraction of a second.
    """

    def __init__(self, base_path: str) -> None:
        self.base_path = base_path
        self._known: dict[tuple[str, str], str | None] = {}

    def site_path(self, page_folders: list[str], target: str) -> str | None:
        """The path ``target`` (an href or src of a page in ``page_folders``) reaches; None: off the site."""
        path = target.split("#", 1)[0].split("?", 1)[0]
        if "%" in path:
            path = unquote(path)
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return None
            anchor, rest = "", path[len(self.base_path) :]
        else:
            climbs = 0
            while path.startswith("../", climbs * 3):
                climbs += 1
            if climbs > len(page_folders):
                return None
            anchor = "/".join(page_folders[: len(page_folders) - climbs])
            rest = path[climbs * 3 :]
        key = (anchor, rest)
        if key not in self._known:
            normal = posixpath.normpath(f"/{anchor}/{rest}").lstrip("/")
            self._known[key] = None if normal.startswith("..") else ("" if normal == "." else normal)
        return self._known[key]


def _reaches(files: set[str], path: str) -> bool:
    if path == "":
        return "index.html" in files
    return path in files or f"{path}/index.html" in files


def site_files(site: Path) -> set[str]:
    """Every file of the site, as paths relative to its root."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


Link = tuple[str, str, "str | None"]  # page (path in the site), target as written, site path it reaches


def page_links(folder: Path, pages: list[str], prefix: str = "", base_path: str = "/") -> list[Link]:
    """The internal links of ``pages`` (paths under ``folder``), each with the site path it reaches.

    ``prefix``: where ``folder`` sits in the site ('fr/' for a language built on its own), so that pages
    can be read before the languages are put together. External links, and links within a page, are left
    out; a link that leaves the site reaches None.
    """
    found: list[Link] = []
    resolver = _Resolver(base_path)
    for name in pages:
        text = (folder / name).read_text("utf-8", errors="replace")
        page = prefix + name
        folders = page.split("/")[:-1]
        for raw in set(_links(text)):
            if raw.startswith(_IGNORED_PREFIXES):
                continue
            target = html.unescape(raw) if "&" in raw else raw
            if ":" in target.split("/", 1)[0] or target.startswith("//"):  # a scheme or another host
                parts = urlsplit(target)
                if parts.scheme or parts.netloc or target.startswith(_IGNORED_PREFIXES):
                    continue
            if not target.split("#", 1)[0].split("?", 1)[0]:  # a link within the page
                continue
            found.append((page, target, resolver.site_path(folders, target)))
    return found


def unreached(links: list[Link], files: set[str], skipped: tuple[str, ...] = ()) -> list[BrokenLink]:
    """The links that reach no file of ``files``, sorted; links into ``skipped`` folders are not checked."""
    broken: set[BrokenLink] = set()
    for page, target, reached in links:
        if reached is not None and skipped and (reached + "/").startswith(skipped):
            continue
        if reached is None or not _reaches(files, reached):
            broken.add(BrokenLink(page, target))
    return sorted(broken)
