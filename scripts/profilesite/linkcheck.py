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
_IGNORED_PREFIXES = ("#", "mailto:", "tel:", "data:", "javascript:")


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link from ``page`` (path within the site) to ``target`` that reaches no file."""

    page: str
    target: str

    def __str__(self) -> str:
        return f"{self.page}: broken internal link {self.target}"


def _resolves(files: set[str], page: str, target: str, base_path: str) -> bool:
    path = unquote(urlsplit(target).path)
    if not path:
        return True
    if path.startswith("/"):
        if not path.startswith(base_path):
            return False
        path = "/" + path[len(base_path) :]
    joined = path if path.startswith("/") else posixpath.join(posixpath.dirname("/" + page), path)
    normal = posixpath.normpath(joined).lstrip("/")
    if normal.startswith(".."):
        return False
    if normal in ("", "."):
        return "index.html" in files
    return normal in files or f"{normal}/index.html" in files


def _into(site: Path, page: str, target: str, folders: tuple[str, ...]) -> bool:
    path = unquote(urlsplit(target).path)
    joined = path if path.startswith("/") else posixpath.join(posixpath.dirname("/" + page), path)
    return (posixpath.normpath(joined).lstrip("/") + "/").startswith(folders)


def site_files(site: Path) -> set[str]:
    """Every file of the site, as paths relative to its root."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def broken_links(
    site: Path,
    base_path: str = "/",
    skipped: tuple[str, ...] = (),
    files: set[str] | None = None,
    pages: list[str] | None = None,
) -> list[BrokenLink]:
    """Every internal link in the HTML pages of ``site`` that does not reach a file, sorted.

    ``base_path`` is where the site is published (the path of ``site_url``, e.g. ``/profiles-site/``):
    absolute links must start with it. Links into ``skipped`` folders (languages left out of a partial
    build) are not checked. ``files`` and ``pages`` let callers share the work: the site's files, and
    the pages to read (default: all).
    """
    broken: set[BrokenLink] = set()
    files = files if files is not None else site_files(site)
    chosen = pages if pages is not None else sorted(name for name in files if name.endswith(".html"))
    for page in chosen:
        page_path = site / page
        text = page_path.read_text("utf-8", errors="replace")
        for raw in set(_ATTRIBUTE.findall(text)):
            target = html.unescape(raw)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(_IGNORED_PREFIXES):
                continue
            if skipped and _into(site, page, target, skipped):
                continue
            if not _resolves(files, page, target, base_path):
                broken.add(BrokenLink(page, target))
    return sorted(broken)
