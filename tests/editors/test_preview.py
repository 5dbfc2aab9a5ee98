"""`make serve`: the preview shows a profile, and an edited record reaches its page without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from profilesite import routes
from profilesite.engine.shell import SENTINEL
from profilesite.preview_bench import MARKER, _fetch, _free_port, edit_to_preview
from profilesite.workspace import copy_project

from ..conftest import REPO


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
    port = _free_port()
    page_url = f"http://127.0.0.1:{port}/{routes.response('can', 'criminalization')}"
    command = [sys.executable, "-m", "profilesite.cli", "serve", "--address", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while "</html>" not in _fetch(page_url):
            assert server.poll() is None and time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.1)
        time.sleep(1.0)  # let the watcher settle
        response = work / "profiles" / "responses" / "can" / "criminalization.yaml"
        text = response.read_text("utf-8")
        marker = "[Demonstration] Preview marker 4712."
        edited = text.replace("text: |-\n      [Demonstration]", f"text: |-\n      {marker}", 1)
        assert edited != text
        response.write_text(edited, "utf-8")
        os.utime(response)
        deadline = time.monotonic() + 60
        while "Preview marker 4712" not in (page := _fetch(page_url)):
            assert time.monotonic() < deadline, "the edit never reached the response page"
            time.sleep(0.05)
        assert 'lang="en"' in page and SENTINEL not in page
        # the first answer is on the Convention's article 5: its comparison page shows the edit too
        article_url = f"http://127.0.0.1:{port}/{routes.article('untoc', '5')}"
        while "Preview marker 4712" not in _fetch(article_url):
            assert time.monotonic() < deadline, "the edit never reached the article page"
            time.sleep(0.05)
    finally:
        server.terminate()
        server.wait(timeout=10)
