"""On the built site, every profile in every language has its own edit link and its own last-update date.

The shell fills both per page (engine/profiles.py); a shell that kept the first page's value would give
179 of 182 profiles another party's record, which is what this reads the built pages for.
"""

from __future__ import annotations

import re
from pathlib import Path

from profilesite.checks import load_index
from profilesite.i18n import formatting
from profilesite.i18n.locales import LOCALES

from ..conftest import REPO, REPO_URL

EDIT = re.compile(r'<a href="([^"]*)" title="[^"]*" class="md-content__button md-icon" rel="edit">')
UPDATED = re.compile(
    r'<span class="md-source-file__fact">\s*<span class="md-icon" title="[^"]*">.*?</span>\s*(.*?)\s*</span>',
    re.S,
)


def test_every_profile_links_to_its_own_record_and_shows_its_own_date(shipped_site: Path):
    index = load_index(REPO / "profiles", REPO)
    checked = 0
    for locale in LOCALES:
        for code, party in index.parties.items():
            page = (shipped_site / locale.prefix / "profiles" / code / "index.html").read_text("utf-8")
            assert EDIT.findall(page) == [f"{REPO_URL}/edit/main/profiles/{code}.yaml"], (locale.code, code)
            assert UPDATED.findall(page) == [formatting.date(party.as_of, locale.code)], (locale.code, code)
            checked += 1
    assert checked == 7 * len(index.parties) > 7 * 180


def test_hand_written_pages_link_to_their_content_file_and_generated_lists_have_no_button(shipped_site: Path):
    french = (shipped_site / "fr" / "review-process" / "index.html").read_text("utf-8")
    assert EDIT.findall(french) == [f"{REPO_URL}/edit/main/content/fr/review-process.md"]
    for page in ("profiles/index.html", "statistics/index.html", "fr/profiles/index.html"):
        assert EDIT.findall((shipped_site / page).read_text("utf-8")) == [], page  # made from every record
