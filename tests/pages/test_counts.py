"""Counts a reader can reconcile: the home, statistics and data pages say what each count counts and as of when.

The site's own counts hold the parties that have a record here; the Secretariat's and UNODC's totals are shown
beside them with their source and date, and the demonstration sample says what it is scaled from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from profilesite import routes
from profilesite.checks import load_index
from profilesite.i18n import formatting
from profilesite.i18n.locales import LOCALES
from profilesite.render.includes import SAMPLE_SCALE

from ..conftest import REPO
from ..stats._html import parse_file, resolve

PAGES = (routes.HOME, routes.STATISTICS, routes.DATA)


@pytest.fixture(scope="module")
def index():
    return load_index(REPO / "profiles", REPO)


@pytest.mark.parametrize("locale", LOCALES, ids=[locale.code for locale in LOCALES])
def test_every_count_says_what_it_counts_and_as_of_when(shipped_site: Path, index, locale):
    code = locale.code
    in_review = sum(1 for party in index.parties.values() if party.reviews)
    as_of = max(party.as_of for party in index.parties.values())
    expected = [
        (formatting.number(len(index.parties), code), formatting.date(as_of, code)),
        (formatting.number(in_review, code), formatting.date(as_of, code)),
    ] + [
        (formatting.number(item.count, code), formatting.date(item.as_of, code))
        for item in index.vocabulary.reported_counts
    ]
    assert len(expected) >= 4  # the records, the review, the Secretariat's and UNODC's totals
    scale = next(item.count for item in index.vocabulary.reported_counts if item.key == SAMPLE_SCALE)
    for address in PAGES:
        page = shipped_site / locale.prefix / address / "index.html"
        body = parse_file(page)
        table = body.find("table", class_="ps-counts")
        assert table is not None, f"{locale.prefix}{address}"
        rows = [
            [cell.text().strip() for cell in row.find_all("td")] for row in table.find("tbody").find_all("tr")
        ]
        assert [(row[0], row[1]) for row in rows] == expected, f"{locale.prefix}{address}"
        assert all(row[2] for row in rows)  # every count has its source
        note = next(
            p for p in body.find_all("p", class_="ps-note") if formatting.number(scale, code) in p.text()
        )
        assert formatting.number(in_review, code) in note.text()  # the sample's scale: from what, to what
        link = note.find_all("a")[-1].get("href")
        assert resolve(page, shipped_site, link) == shipped_site / locale.prefix / routes.DATA / "index.html"
