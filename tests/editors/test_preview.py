"""`make serve`: the preview shows a profile, and an edited record reaches its page without a restart."""

from __future__ import annotations

from profilesite.engine.shell import SENTINEL
from profilesite.preview_bench import MARKER, edit_to_preview

from ..conftest import REPO


def test_an_edited_record_reaches_the_previewed_profile():
    # serves a copy of the project, fetches profiles/ken/, puts MARKER before Kenya's English name in its
    # record and waits for the served page to show it; raises if either never happens
    _, _, page = edit_to_preview(REPO, code="ken", timeout=60)
    assert f"<h1>{MARKER} Kenya</h1>" in page  # the page's own title
    assert f"<title>{MARKER} Kenya - " in page  # and the frame around it, written for this page
    assert 'class="md-header"' in page and 'hreflang="fr"' in page
    assert SENTINEL not in page
