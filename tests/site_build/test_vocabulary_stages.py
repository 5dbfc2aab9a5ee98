"""A stage added to ``_vocabulary.yaml`` alone reaches every page that shows stages, with no Python change.

A copy of the project gets a new stage, "country dialogue", between the self-assessment questionnaire and
the written feedback (its label and its status label in the seven languages), and France in the fixture
records (questionnaire submitted, no written feedback yet) passes it. The copy is built in English and
Arabic; the new stage must appear on France's profile, in the party list's stage filter and France's row,
in the figure of the status of the reviews, in the review-process page's table of stages and in the
downloads.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from pathlib import Path

import pytest
import yaml

from profilesite.i18n import formatting
from profilesite.model import Vocabulary
from profilesite.workspace import copy_project

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
FIXTURE_RECORDS = TESTS / "fixtures" / "valid"
LOCALES = ("en", "ar")
PREFIX = {"en": "", "ar": "ar/"}

KEY = "country_dialogue"
DATE = dt.date(2021, 9, 15)  # after France's questionnaire (2021-05-28), before its as_of (2024-02-29)
LABEL = {
    "en": "Country dialogue held",
    "fr": "Dialogue de pays tenu",
    "es": "Diálogo con el país celebrado",
    "ru": "Проведен страновой диалог",
    "zh": "已举行国别对话",
    "ar": "إجراء الحوار القطري",
    "pt": "Diálogo com o país realizado",
}
STATUS = {
    "en": "Awaiting the country dialogue",
    "fr": "En attente du dialogue de pays",
    "es": "A la espera del diálogo con el país",
    "ru": "Ожидается страновой диалог",
    "zh": "待举行国别对话",
    "ar": "بانتظار الحوار القطري",
    "pt": "A aguardar o diálogo com o país",
}


def _labels(name: str, labels: dict[str, str]) -> str:
    return f"    {name}:\n" + "".join(f"      {code}: {text}\n" for code, text in labels.items())


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (path.name, old)
    path.write_text(text.replace(old, new), "utf-8")


def add_stage(profiles: Path) -> None:
    """Insert the new stage before the written feedback, and date it in France's record.

    Kenya's review passed every stage, so its record dates the new stage too: a stage left undated before
    a dated one is a gap the validator refuses. Its date is between Kenya's questionnaire (2021-06-01) and
    its written feedback (2021-11-30).
    """
    before = "  - key: written_feedback\n"
    entry = f"  - key: {KEY}\n" + _labels("label", LABEL) + _labels("status", STATUS)
    _replace_once(profiles / "_vocabulary.yaml", before, entry + before)
    after = "      saq_submitted: 2021-05-28\n"
    _replace_once(profiles / "fra.yaml", after, f"{after}      {KEY}: {DATE.isoformat()}\n")
    after = "      saq_submitted: 2021-06-01\n"
    _replace_once(profiles / "ken.yaml", after, f"{after}      {KEY}: {DATE.isoformat()}\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy with the new stage, built in English and Arabic into ``site/``."""
    from profilesite.build import build_site

    root = copy_project(REPO, tmp_path_factory.mktemp("new-stage"), FIXTURE_RECORDS)
    add_stage(root / "profiles")
    build_site(root, root / "site", locales=list(LOCALES))
    return root


@pytest.fixture(scope="module")
def vocabulary(project: Path) -> Vocabulary:
    text = (project / "profiles" / "_vocabulary.yaml").read_text("utf-8")
    return Vocabulary.model_validate(yaml.safe_load(text))


def page(project: Path, locale: str, path: str) -> str:
    """A built page's HTML, entities decoded (the labels are compared as text)."""
    return html.unescape((project / "site" / PREFIX[locale] / path / "index.html").read_text("utf-8"))


def section(text: str, anchor: str) -> str:
    """The part of a page from the heading with id ``anchor`` to the next heading of the same level."""
    start = text.index(f'id="{anchor}"')
    tag = text[text.rfind("<h", 0, start) : text.rfind("<h", 0, start) + 3]  # e.g. "<h2"
    end = text.find(tag, start)
    return text[start : end if end != -1 else len(text)]


def test_the_vocabulary_lists_the_stage_in_place(vocabulary: Vocabulary):
    keys = vocabulary.keys("stages")
    assert keys.index(KEY) == keys.index("saq_submitted") + 1 == keys.index("written_feedback") - 1


@pytest.mark.parametrize("locale", LOCALES)
def test_profile_shows_the_new_stage_passed_between_its_neighbours(
    project: Path, vocabulary: Vocabulary, locale: str
):
    timeline = section(page(project, locale, "profiles/fra"), "stages")
    item = r'<li class="(ps-done|ps-pending)"><span class="ps-stage">(.*?)</span>(.*?)</li>'
    items = re.findall(item, timeline, re.S)
    names = [name for _, name, _ in items]
    assert names == [stage.label(locale) for stage in vocabulary.stages]
    state, _, when = items[names.index(LABEL[locale])]
    assert state == "ps-done" and formatting.date(DATE, locale) in when
    assert items[names.index(LABEL[locale]) + 1][0] == "ps-pending"  # the written feedback


@pytest.mark.parametrize("locale", LOCALES)
def test_party_list_filters_and_shows_the_new_stage(project: Path, vocabulary: Vocabulary, locale: str):
    text = page(project, locale, "profiles")
    select = re.search(r'<select id="ps-filter-stage".*?</select>', text, re.S)
    assert select is not None
    options = re.findall(r'<option value="([a-z_]*)">(.*?)</option>', select.group(0))
    stages = [(stage.key, stage.label(locale)) for stage in vocabulary.stages]
    assert options[2:] == stages  # after "All" and "Not started", every stage in order
    row = re.search(r'<tr [^>]*>\s*<th scope="row"><a href="fra/">.*?</tr>', text, re.S)
    assert row is not None
    assert f'data-stage="{KEY}"' in row.group(0) and f"<td>{LABEL[locale]}</td>" in row.group(0)
    assert 'data-f-status="written_feedback"' in row.group(0)  # on its way to the written feedback


@pytest.mark.parametrize("locale", LOCALES)
def test_status_figure_has_a_column_for_the_new_stage(project: Path, vocabulary: Vocabulary, locale: str):
    figure = section(page(project, locale, "statistics"), "review-status")
    columns = re.findall(r'<th scope="col">(.*?)</th>', figure)
    assert STATUS[locale] in columns
    before, after = (vocabulary.stage(key).status for key in ("saq_submitted", "written_feedback"))
    assert before is not None and after is not None
    position = columns.index(STATUS[locale])
    assert columns[position - 1 : position + 2] == [before(locale), STATUS[locale], after(locale)]
    assert figure.count(STATUS[locale]) >= 2  # the chart's legend names it too
    assert f"?group=1&status={KEY}" in figure  # its cells link to the parties they count


@pytest.mark.parametrize("locale", LOCALES)
def test_review_process_page_lists_the_new_stage(project: Path, locale: str):
    table = re.search(r'<table class="ps-stages">.*?</table>', page(project, locale, "review-process"), re.S)
    assert table is not None and f'<th scope="row">{LABEL[locale]}</th>' in table.group(0)


def test_downloads_have_a_column_for_the_new_stage(project: Path):
    downloads = project / "site" / "downloads"
    rows = list(csv.DictReader(io.StringIO((downloads / "reviews.csv").read_text("utf-8"))))
    assert {row["code"]: row[f"stage_{KEY}"] for row in rows}["fra"] == DATE.isoformat()
    header = next(csv.reader(io.StringIO((downloads / "reviews.csv").read_text("utf-8"))))
    assert header.index(f"stage_{KEY}") == header.index("stage_saq_submitted") + 1
    dictionary = (downloads / "data-dictionary.csv").read_text("utf-8")
    assert f"reviews,stage_{KEY}," in dictionary
