"""Material's JavaScript bundle, changed so that a page requests only what it uses.

Material 9.8.2's bundle (``assets/javascripts/bundle.<hash>.min.js``), on every page and with the
features this site turns on, made the browser fetch:

- ``sitemap.xml`` beside the address of every ``<link rel="alternate">`` of the page's head: its
  language selector keeps the reader on the same page by looking the page up in the sitemap of the
  language's root, which it takes those links to be. Our head's alternates are the page's own
  translations and its Atom feed, so it fetched ``/sitemap.xml`` (1.2 MB) in English, ``/fr/sitemap.xml``
  (a 404) in French, and ``<page>/sitemap.xml`` beside each translation (404s, or blocked by the
  Content-Security-Policy when the site is served elsewhere than ``site_url``). Our selector
  (``overrides/partials/alternate.html``) links each language's page directly: that lookup is not needed.
- the language's search index (``search/search_index.json``, 85 KB in English, 309 KB in Arabic) and the
  search worker (40 KB) at startup, whether or not the reader searches; and the index again for
  ``search.highlight``, which only needs it on a page opened from a search result (``?h=`` in the address).

No option or template block reaches this code, so the bundle is rewritten when the site is built
(:func:`patched`, called from the plugin's ``on_files``). Each change replaces one exact piece of the
minified code by a piece of the same length (padded with spaces), so that the bundle's source map still
maps every other character; a piece that is missing, or found twice, fails the build (an upgraded Material:
read engine/README.md again). The lazy worker is a function appended after the bundle's code, before its
``sourceMappingURL`` line (a function declaration: defined before the bundle's code runs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: Where MkDocs copies Material's bundle from (and to), relative to the theme folder and the site.
BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


class BundleChanged(Exception):
    """Material's bundle no longer holds a piece of code we change: an upgrade changed it."""


@dataclass(frozen=True)
class Patch:
    """One exact piece of Material's minified bundle, the piece that replaces it, and why."""

    why: str
    old: str
    new: str


PATCHES = (
    Patch(
        "no sitemap.xml fetched beside each <link rel=alternate> (setupAlternate, the language selector's"
        " page lookup)",
        "ui({document$:ct});",
        "",
    ),
    Patch(
        "the search index is set up in the worker when search is opened (the search toggle), not at startup"
        " (setupSearchWorker: on any address but file:)",
        'L($(location.protocol!=="file:"),Je("search"))',
        'L($(!1),Je("search"))',
    ),
    Patch(
        "search.highlight, which loads the index, only on a page opened from a search result (?h=)",
        'V("search.highlight")?Ai(',
        r"/\?h=/.test(location)?Ai(",
    ),
    Patch(
        "the search worker is started by its first message (watchWorker's default argument)",
        "t=new Worker(e)",
        "t=__psWorker(e)",
    ),
)

#: A worker that starts on its first message: what Material's bundle asks of its worker (listeners for
#: "message", postMessage) and nothing else. Messages are queued by the real worker while its script loads.
LAZY_WORKER = """\
/* profilesite: Material's search worker, started when search is first used (engine/material_bundle.py). */
function __psWorker(url) {
  var worker = null, listeners = [];
  return {
    addEventListener: function (type, listener, options) {
      listeners.push([type, listener, options]);
      if (worker) worker.addEventListener(type, listener, options);
    },
    removeEventListener: function (type, listener, options) {
      listeners = listeners.filter(function (item) { return item[0] !== type || item[1] !== listener; });
      if (worker) worker.removeEventListener(type, listener, options);
    },
    postMessage: function (message) {
      if (!worker) {
        worker = new Worker(url);
        listeners.forEach(function (item) { worker.addEventListener(item[0], item[1], item[2]); });
      }
      worker.postMessage(message);
    }
  };
}
"""

SOURCE_MAP = "//# sourceMappingURL="


def patch(text: str) -> str:
    """``text`` (Material's bundle) with every patch applied and the lazy worker appended."""
    for item in PATCHES:
        if len(item.new) > len(item.old):
            raise ValueError(f"a patch may not lengthen the code (the source map): {item.new!r}")
        found = text.count(item.old)
        if found != 1:
            raise BundleChanged(
                f"Material's bundle holds {item.old!r} {found} times, not once: it changed; the patch was"
                f" for {item.why} (scripts/profilesite/engine/material_bundle.py, engine/README.md)"
            )
        text = text.replace(item.old, item.new.ljust(len(item.old)))
    code, marker, source_map = text.rpartition(SOURCE_MAP)
    if not marker:
        return text.rstrip("\n") + "\n" + LAZY_WORKER
    return code.rstrip("\n") + "\n" + LAZY_WORKER + marker + source_map


@cache
def patched(path: Path) -> str:
    """The patched text of the bundle at ``path`` (read once per process: every language's run uses it)."""
    return patch(path.read_text("utf-8"))


def swap(files: Any, config: Any) -> None:
    """Replace Material's bundle among the theme files MkDocs will copy (``Files``) by the patched one."""
    from mkdocs.structure.files import File

    for file in list(files):
        if BUNDLE.match(file.src_uri) and file.abs_src_path:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=patched(Path(file.abs_src_path))))
            return
    raise BundleChanged("Material's bundle (assets/javascripts/bundle.*.min.js) is not among the theme files")
