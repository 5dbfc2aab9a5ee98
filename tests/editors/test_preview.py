"""`make serve`: the preview shows a profile, and an edited record reaches its page without a restart.

A record that is invalid, at the start or after an edit, shows as a page listing its problems in place of
the site, and the browser reloads to the site once it is fixed.
"""

from __future__ import annotations

import contextlib
import html
import inspect
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from profilesite import routes
from profilesite.checks import InvalidRecords, load_index
from profilesite.engine import preview
from profilesite.engine.shell import SENTINEL
from profilesite.preview_bench import MARKER, _fetch, _free_port, edit_to_preview
from profilesite.problems import report
from profilesite.workspace import copy_project

from ..conftest import REPO

PROBLEMS = 'id="profilesite-preview-problems"'  # on the page shown in place of the site
KENYA_CONSENT = "      date: 2004-06-16\n"  # Kenya's accession to the Convention, in profiles/ken.yaml
TIP_CONSENT = "      date: 2005-01-05\n"  # and to the Trafficking in Persons Protocol
HOSTILE_DATE = '      date: "<b>soon</b> & later"\n'  # invalid, and needs escaping on a page


@contextlib.contextmanager
def serving(work: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``profilesite serve`` of the project copy ``work`` on a free port: its address and its process."""
    port = _free_port()
    command = [sys.executable, "-m", "profilesite.cli", "serve", "--address", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(url: str, wanted: str, server: subprocess.Popen, what: str, timeout: float = 60) -> str:
    """The page at ``url`` once it holds ``wanted``; fails if the server stops or it takes ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while wanted not in (page := _fetch(url)):
        assert server.poll() is None, f"the preview stopped, waiting for {what}"
        assert time.monotonic() < deadline, f"{what}: never came; the page is now:\n{page[:2000]}"
        time.sleep(0.05)
    return page


def save(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")
    os.utime(path)


def problem_lines(work: Path) -> list[str]:
    """What ``profilesite validate`` reports on the copy's records, one line a problem."""
    with pytest.raises(InvalidRecords) as caught:
        load_index(work / "profiles", work)
    return report(caught.value.problems)


def test_an_edited_record_reaches_the_previewed_profile():
    # serves a copy of the project, fetches profiles/ken/, puts MARKER before Kenya's English name in its
    # record and waits for the served page to show it; raises if either never happens
    _, _, page = edit_to_preview(REPO, code="ken", timeout=60)
    assert f"<h1>{MARKER} Kenya</h1>" in page  # the page's own title
    assert f"<title>{MARKER} Kenya - " in page  # and the frame around it, written for this page
    assert 'class="md-header"' in page and 'hreflang="fr"' in page
    assert SENTINEL not in page


def test_an_edited_response_reaches_its_page_and_the_article_page(tmp_path):
    """Saving a response file shows the new answer on the party's response page, as a record edit does."""
    work = copy_project(REPO, tmp_path / "project")
    with serving(work) as (root, server):
        page_url = root + routes.response("can", "criminalization")
        wait_for(page_url, "</html>", server, "the preview's first page")
        time.sleep(1.0)  # let the watcher settle
        response = work / "profiles" / "responses" / "can" / "criminalization.yaml"
        text = response.read_text("utf-8")
        marker = "[Demonstration] Preview marker 4712."
        edited = text.replace("text: |-\n      [Demonstration]", f"text: |-\n      {marker}", 1)
        assert edited != text
        save(response, edited)
        page = wait_for(page_url, "Preview marker 4712", server, "the edit on the response page")
        assert 'lang="en"' in page and SENTINEL not in page
        # the first answer is on the Convention's article 5: its comparison page shows the edit too
        wait_for(
            root + routes.article("untoc", "5"), "Preview marker 4712", server, "the edit on the article page"
        )


def test_invalid_records_show_as_a_page_of_problems_until_fixed(tmp_path):
    """At the start and after an edit, invalid records show their problems, escaped; fixed, the site is back."""
    work = copy_project(REPO, tmp_path / "project")
    record = work / "profiles" / "ken.yaml"
    valid = record.read_text("utf-8")
    assert valid.count(KENYA_CONSENT) == 1
    broken = valid.replace(KENYA_CONSENT, HOSTILE_DATE)
    save(record, broken)  # invalid before the preview starts
    expected = problem_lines(work)
    assert (
        len(expected) == 1 and expected[0].startswith("profiles/ken.yaml:") and "<b>soon</b>" in expected[0]
    )
    with serving(work) as (root, server):
        kenya = root + routes.profile("ken")
        for url in (kenya, root, root + "statistics/"):  # every page address shows the problems
            page = wait_for(url, PROBLEMS, server, f"the problems at {url}")
            assert f"<code>{html.escape(expected[0])}</code>" in page
            assert "<b>soon</b>" not in page and "1 problem in the records" in page
            assert '<script src="/__profilesite_preview__/reload.js" data-epoch="' in page  # live reload
        time.sleep(1.0)  # let the watcher settle

        save(record, valid)  # fixed: the site is back, at the address the browser was at
        page = wait_for(kenya, "<h1>Kenya</h1>", server, "the site after the fix")
        assert PROBLEMS not in page and SENTINEL not in page
        assert PROBLEMS not in wait_for(root, "</html>", server, "the home page after the fix")

        # an edit that breaks the record another way: the page shows that problem, not the last good build
        save(record, valid.replace(TIP_CONSENT, "      date: 2005-13-45\n", 1))
        again = problem_lines(work)
        assert len(again) == 1 and again != expected
        page = wait_for(kenya, html.escape(again[0]), server, "the problem of a bad edit")
        assert PROBLEMS in page and html.escape(expected[0]) not in page

        save(record, valid)
        assert PROBLEMS not in wait_for(kenya, "<h1>Kenya</h1>", server, "the site after the second fix")


@pytest.mark.browser
def test_the_browser_reloads_to_the_problems_and_back_to_the_site(tmp_path, page):
    """Live reload under the pages' Content-Security-Policy: no navigation by the test, no violation."""
    work = copy_project(REPO, tmp_path / "project")
    record = work / "profiles" / "ken.yaml"
    valid = record.read_text("utf-8")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    with serving(work) as (root, server):
        kenya = root + routes.profile("ken")
        wait_for(kenya, "<h1>Kenya</h1>", server, "the preview's first page")
        time.sleep(1.0)  # let the watcher settle
        page.goto(kenya)
        page.wait_for_function("document.querySelector('script[src$=\"reload.js\"]') !== null")
        save(record, valid.replace(KENYA_CONSENT, HOSTILE_DATE))
        page.wait_for_selector("#profilesite-preview-problems", timeout=60_000)  # the page reloaded itself
        assert page.url == kenya
        assert "<b>soon</b> & later" in page.locator("#profilesite-preview-problems li").inner_text()
        save(record, valid)
        page.wait_for_selector("h1:text-is('Kenya')", timeout=60_000)
        assert page.url == kenya
    violations = [text for text in console if "Content Security Policy" in text]
    assert violations == []


def test_a_plugin_error_keeps_the_invalid_records_in_mkdocs_build_error(tmp_path):
    """The preview finds the records' problems in the chain of the error MkDocs's ``build`` raises."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin

    from profilesite.problems import Problem

    invalid = InvalidRecords([Problem("profiles/ken.yaml", 3, 1, "code", "<wrong>")])

    class Failing(BasePlugin):
        def on_config(self, config):
            try:
                raise invalid
            except InvalidRecords:  # as profilesite's plugin does
                raise PluginError("invalid records, nothing built") from None

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"), plugins=[])
    config.plugins["failing"] = Failing()
    with pytest.raises(Exception) as caught:
        build(config, serve_url="http://127.0.0.1:1/", dirty=True)
    assert preview.invalid_records(caught.value) is invalid
    page = preview.problems_page(caught.value, "/x.css")
    assert "<code>profiles/ken.yaml:3:1: code: &lt;wrong&gt;</code>" in page and "<wrong>" not in page
    assert preview.invalid_records(ValueError("other")) is None
    assert "ValueError: &lt;b&gt;" in preview.problems_page(ValueError("<b>"), "/x.css")


def test_mkdocs_live_reload_server_offers_what_the_preview_overrides():
    """engine/preview.py subclasses MkDocs's LiveReloadServer and speaks its reload protocol."""
    from mkdocs import livereload
    from mkdocs.livereload import LiveReloadServer

    parameters = list(inspect.signature(LiveReloadServer.__init__).parameters)
    assert parameters[:6] == ["self", "builder", "host", "port", "root", "mount_path"]
    assert list(inspect.signature(LiveReloadServer._inject_js_into_html).parameters) == [
        "self",
        "content",
        "epoch",
    ]
    serving_source = inspect.getsource(LiveReloadServer._serve_request)
    # the hook is called for every HTML file, after waiting for the build in progress, with its epoch
    assert "self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)" in serving_source
    assert "content = self._inject_js_into_html(content, epoch)" in serving_source
    assert 'r"/livereload/([0-9]+)/[0-9]+"' in serving_source
    # the reload protocol: poll /livereload/<epoch>/<request>, reload when the answer is a later epoch
    assert '"/livereload/" + epoch + "/" + requestId' in livereload._SCRIPT_TEMPLATE_STR
    assert "parseFloat(this.responseText) > epoch" in livereload._SCRIPT_TEMPLATE_STR
    assert '"/livereload/" + epoch + "/" + request' in preview._RELOAD_JS
    assert "parseFloat(this.responseText) > epoch" in preview._RELOAD_JS
    # a builder that raises leaves every request waiting: the preview's builder must never raise
    loop = inspect.getsource(LiveReloadServer._build_loop)
    assert "self.builder()" in loop and "self._visible_epoch = self._wanted_epoch" in loop
