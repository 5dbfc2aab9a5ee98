"""The preview (``profilesite serve``): MkDocs's live-reload server, which shows a failed build as a page.

``mkdocs serve`` stops when the first build fails, and after a rebuild fails it leaves every request
waiting for a build that never finishes (its server answers only once the site it is building is done).
Here the builder never fails: when a build does (invalid records above all), the server answers every
page address with a page listing the problems, ``file:line:col: field: message`` as ``profilesite
validate`` prints them, escaped, and the browsers reload to it; once the file is fixed the next build
succeeds and they reload to the site.

Live reload itself: MkDocs injects an inline ``<script>`` into every page it serves, which the pages'
Content-Security-Policy (``script-src 'self'``) blocks. The server here injects a ``<script src>`` to a
file of the preview's own, which speaks MkDocs's reload protocol (``/livereload/<epoch>/<request>``).

Couplings to MkDocs's internals (engine README, with the tests that guard them): ``LiveReloadServer``'s
constructor, its ``_inject_js_into_html(content, epoch)`` hook (called for every HTML file it serves, after
waiting for the build in progress) and its reload protocol; ``mkdocs.commands.build.build`` raising inside
its ``except`` block, so that a plugin's error, and what caused it, stay in the exception's chain.
"""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.livereload import LiveReloadServer

from profilesite.checks import InvalidRecords
from profilesite.problems import report

#: The preview's own files, in the served folder beside the site; no page of the site has this name.
OWN = "__profilesite_preview__"
RELOAD_SCRIPT = f"{OWN}/reload.js"
STYLESHEET = f"{OWN}/problems.css"
#: What a page address is answered with while the site cannot be built (the server then shows the failure).
PLACEHOLDER = f"{OWN}/problems.html"
PLACEHOLDER_TEXT = b"<!doctype html><title>profilesite preview</title><body></body>\n"

_RELOAD_JS = """\
/* profilesite serve: reload this page once the preview has been rebuilt. MkDocs's live reload, served as
   a file because the pages' Content-Security-Policy forbids inline scripts (engine/preview.py). */
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = Number(script.getAttribute("data-epoch"));
  var request = script.getAttribute("data-request");
  var pending = null;
  var timer = null;
  var stopped = true;

  function poll() {
    stopped = false;
    pending = new XMLHttpRequest();
    pending.onloadend = function () {
      pending = null;
      if (stopped) {
        return;
      }
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timer = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    pending.open("GET", "/livereload/" + epoch + "/" + request);
    pending.send();
  }

  function stop() {
    stopped = true;
    if (pending) {
      pending.abort();
    }
    if (timer) {
      clearTimeout(timer);
    }
    pending = timer = null;
  }

  function start() {
    if (document.visibilityState === "visible" && stopped) {
      poll();
    }
  }

  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      start();
    } else {
      stop();
    }
  });
  window.addEventListener("beforeunload", stop);
})();
"""

_STYLESHEET = """\
body { font: 16px/1.5 system-ui, sans-serif; color: #222; }
main { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; color: #a00; }
ol { padding-left: 1.5rem; }
li { margin: 0.4rem 0; }
code, pre { font: 14px/1.4 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
"""

_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; \
object-src 'none'; base-uri 'self'; form-action 'self'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title} - profilesite preview</title>
<link rel="stylesheet" href="{stylesheet}">
</head>
<body>
<main id="profilesite-preview-problems">
<h1>{title}</h1>
<p>{advice}</p>
{details}
</main>
</body>
</html>
"""


def chain(error: BaseException) -> list[BaseException]:
    """``error`` and those it was raised from or while handling, outermost first."""
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in found):
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def invalid_records(error: BaseException) -> InvalidRecords | None:
    """The invalid records behind a failed build, if that is why it failed.

    The plugin raises its error while handling ``InvalidRecords`` and MkDocs's ``build`` raises its own while
    handling the plugin's, so the records' problems are in the chain of causes and contexts.
    """
    return next((link for link in chain(error) if isinstance(link, InvalidRecords)), None)


def problems_page(error: BaseException, stylesheet: str) -> str:
    """The page shown in place of the site while it cannot be built: the problems, each escaped."""
    invalid = invalid_records(error)
    if invalid is not None:
        lines = report(invalid.problems)
        count = len(lines)
        title = f"{count} problem{'s' if count != 1 else ''} in the records"
        advice = (
            "Nothing was built. Fix each one and save the file: this page reloads by itself, to the site"
            " once every problem is fixed."
        )
        items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
        details = f'<ol class="problems">\n{items}\n</ol>'
    else:
        title = "The preview could not be built"
        advice = "Fix the cause and save the file: this page reloads by itself. The terminal has the details."
        # MkDocs turns a plugin's error into "Aborted with a BuildError!": show what it was raised from too
        message = "\n".join(f"{type(link).__name__}: {link}" for link in reversed(chain(error)))
        details = f"<pre>{html.escape(message)}</pre>"
    return _PAGE.format(title=html.escape(title), advice=advice, details=details, stylesheet=stylesheet)


class PreviewServer(LiveReloadServer):
    """MkDocs's live-reload server that answers page addresses with the problems while a build fails."""

    def __init__(self, *, root: str, mount_path: str, **options: Any) -> None:
        super().__init__(root=root, mount_path=mount_path, **options)
        self.mount = _mount(mount_path)
        self.failure: bytes | None = None  # the problems page while the site cannot be built
        self._requests = 0
        self._lock = threading.Lock()
        folder = Path(root) / OWN
        folder.mkdir(parents=True, exist_ok=True)
        (Path(root) / RELOAD_SCRIPT).write_text(_RELOAD_JS, "utf-8")
        (Path(root) / STYLESHEET).write_text(_STYLESHEET, "utf-8")
        (Path(root) / PLACEHOLDER).write_bytes(PLACEHOLDER_TEXT)
        self.set_app(self._app)

    def _app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """While the site cannot be built, every page address gets the placeholder (shown as the problems)."""
        path = environ.get("PATH_INFO", "")
        if (
            self.failure is not None
            and path.startswith(self.mount)
            and (path.endswith("/") or path.endswith(".html"))
            and not path.startswith(self.mount + OWN + "/")
        ):
            environ = {**environ, "PATH_INFO": self.mount + PLACEHOLDER}
        return self.serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """MkDocs's hook for every HTML file served, once the build in progress is done: add live reload.

        ``epoch`` is the build the file comes from: the script reloads the page when a later one is done.
        The failure is read here, after MkDocs waited for the build in progress, so it matches ``epoch``
        (or a later build, which then reloads the page). A placeholder requested while the build failed but
        served after a build that succeeded reloads at once (epoch 0), and so shows the page asked for.
        """
        failure = self.failure
        if failure is not None:
            content = failure
        elif content == PLACEHOLDER_TEXT:
            epoch = 0
        with self._lock:
            self._requests += 1
            request = self._requests
        script = (
            f'<script src="{self.mount}{RELOAD_SCRIPT}" data-epoch="{epoch}" data-request="{request}">'
            "</script>"
        ).encode()
        end = content.rfind(b"</body>")
        if end == -1:
            return content + script
        return content[:end] + script + content[end:]


def serve(config_loader: Callable[..., Any], address: str) -> None:
    """Serve the site that ``config_loader(**overrides)`` configures, rebuilding it on every change.

    ``config_loader`` loads the MkDocs configuration of one language with the given overrides (run.py);
    it is called again for every rebuild, as ``mkdocs serve`` does, so mkdocs.yml edits are read.
    Only the sources are watched (mkdocs.yml and its ``watch`` list: records, content, overrides), not the
    docs folder the plugin assembles from them, whose writes would set off a second build after each one.
    """
    site_dir = tempfile.mkdtemp(prefix="profilesite-preview-")

    def load() -> Any:
        return config_loader(site_dir=site_dir, dev_addr=address, strict=False)

    config = load()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount = _mount(urlsplit(config.site_url or "/").path)
    serve_url = f"http://{host}:{port}{mount}"
    config.site_url = serve_url

    def builder(config: Any = None) -> None:
        if config is None:
            config = load()
            config.site_url = serve_url
        try:
            build(config, serve_url=serve_url, dirty=True)
        except Exception as error:  # shown in the browser; the server keeps serving
            if invalid_records(error) is None:  # MkDocs has logged the plugin's list of problems
                traceback.print_exc()
            print(f"The preview shows the problems at {serve_url} until they are fixed.", file=sys.stderr)
            preview.failure = problems_page(error, mount + STYLESHEET).encode()
            return
        if preview.failure is not None:
            print(f"Fixed: the preview shows the site again at {serve_url}", file=sys.stderr)
        preview.failure = None

    preview = PreviewServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    preview.error_handler = error_page
    server: Any = preview
    try:
        builder(config)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        print(f"Serving on {serve_url}", file=sys.stderr, flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            print("Shutting down...", file=sys.stderr)
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _mount(path: str) -> str:
    """A mount path with one slash at each end, as MkDocs's server normalises it."""
    return ("/" + path.lstrip("/")).rstrip("/") + "/"
