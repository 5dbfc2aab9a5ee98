"""Citations composed in the reader's language from structured sources (issue 13, item 4).

The shipped records cite the depositary's publication, the Secretariat's background paper, UNODC and news
reports by key; the vocabulary gives titles and names per language. These tests read the profile and the
data page as a reader gets them and check that every part not in the page's language is isolated and
marked with its language, and that the parts in it are the vocabulary's, in that language's order and
punctuation. Expected words come from the vocabulary and the catalogs, not typed here, except where a
test pins one composed citation to show the whole sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from profilesite.checks import load_index, validate
from profilesite.i18n import formatting
from profilesite.model.record import Source
from profilesite.render.pages import render_profile
from profilesite.views.citations import citation_html, citation_text
from profilesite.views.parties import PartyIndex

from ..conftest import FIXTURE_RECORDS, REPO, make_project

LOCALES = ("en", "fr", "es", "ru", "zh", "ar", "pt")


@pytest.fixture(scope="module")
def index() -> PartyIndex:
    return load_index(REPO / "profiles", REPO)


def _source_cells(page: str) -> list[str]:
    return re.findall(r'<td class="ps-source">(.*?)</td>', page, re.DOTALL)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_news_report_is_cited_with_its_own_name_and_the_kind_in_the_readers_language(index, locale):
    party = index.parties["kor"]
    source = party.treaties["untoc"].source
    cell = _source_cells(render_profile(party, index, locale))[0]
    kind = index.vocabulary.label("source_kinds", "news_report", locale)
    published = formatting.date(source.published, locale)
    marked = "<bdi>" if locale == "en" else '<bdi lang="en">'
    assert f"{marked}Dong-A Ilbo</bdi>" in cell  # a newspaper keeps its name, marked English elsewhere
    assert kind in cell and published in cell
    assert cell.index(kind) < cell.index(published)
    if locale == "zh":
        assert "（" in cell and "）" in cell and "(" not in cell.replace('("', "")  # full-width brackets
    else:
        assert f"({kind}" in cell


@pytest.mark.parametrize("locale", LOCALES)
def test_the_depositary_is_cited_by_its_title_where_the_un_gives_one(index, locale):
    party = index.parties["ken"]
    cell = _source_cells(render_profile(party, index, locale))[0]
    title = index.vocabulary.publication("mtdsg").title
    assert title(locale) in cell
    if title.has(locale):
        assert f"<bdi>{title(locale)}</bdi>" in cell  # in the page's language: no lang of its own
    else:
        assert f'<bdi lang="en">{title.en}</bdi>' in cell  # es, ru, pt: the English title, marked
    assert '<bdi dir="ltr">XVIII-12</bdi>' in cell  # the treaty number reads left to right in Arabic too


def test_the_secretariats_paper_is_composed_entirely_in_french(index):
    count = next(item for item in index.vocabulary.reported_counts if item.key == "mechanism_parties")
    published = formatting.date(dt.date(2024, 3, 18), "fr")
    html = citation_html(count.source, index.vocabulary, "fr")
    assert str(html) == f"<bdi>Secrétariat</bdi> (document d’information, par. 5, {published})"
    assert citation_text(count.source, index.vocabulary, "fr") == (
        f"Secrétariat (document d’information, par. 5, {published})"
    )


def test_the_note_keeps_its_language(index):
    source = index.parties["som"].treaties["untoc"].source
    page = render_profile(index.parties["som"], index, "ar")
    assert f'<bdi lang="en">{source.note[:40]}' in page.replace("&#39;", "'")


@pytest.mark.parametrize(
    "fields, error",
    [
        ({}, "exactly one of publication, publisher"),
        ({"publication": "mtdsg", "title": "X"}, "exactly one of publication, publisher"),
        ({"publisher": "unodc"}, "needs its kind"),
        ({"publication": "mtdsg", "kind": "statement"}, "kind goes with a publisher"),
        ({"title": "X", "note_language": "English"}, "note_language"),
    ],
)
def test_a_source_describes_itself_one_way(fields, error):
    with pytest.raises(ValidationError, match=error):
        Source(**fields)


def test_an_unknown_publisher_is_reported_with_file_line_and_the_known_keys(tmp_path: Path):
    root = make_project(tmp_path / "project", FIXTURE_RECORDS)
    record = root / "profiles" / "ken.yaml"
    text = record.read_text("utf-8")
    assert "      title: " in text
    text = text.replace(
        "      title: ", "      publisher: dong_a_ilbo\n      kind: newspaper_story\n      note: ", 1
    )
    record.write_text(text, "utf-8")
    _, problems = validate([root / "profiles"], root)
    messages = [(problem.file, problem.field, problem.message) for problem in problems]
    assert any(
        file == "profiles/ken.yaml"
        and field.endswith(".source.kind")
        and "newspaper_story" in message
        and "news_report" in message
        for file, field, message in messages
    ), messages
    assert all(problem.line for problem in problems)
