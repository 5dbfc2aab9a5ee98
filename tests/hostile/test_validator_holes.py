"""The holes issue 14 found in validation, each tried as an attacker or a careless editor would.

Every case writes the hostile record into a copy of the fixture records and asserts the clear problem, at
its file, line and column, with the fix; none may validate (a valid record is what the build publishes).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profilesite.checks import load_index, validate
from profilesite.checks.characters import FORBIDDEN
from profilesite.cli import main
from profilesite.export.feeds import atom_feed
from profilesite.problems import Problem
from profilesite.scaffold import scaffold

from ..conftest import FIXTURE_RECORDS, REPO

KEN = (FIXTURE_RECORDS / "ken.yaml").read_text("utf-8")


def _project(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "profiles" / "_vocabulary.yaml", folder)
    for path in FIXTURE_RECORDS.glob("*.yaml"):
        shutil.copy(path, folder)
    return tmp_path


def _problems(tmp_path: Path, files: dict[str, str]) -> list[Problem]:
    root = _project(tmp_path)
    for name, text in files.items():
        (root / "profiles" / name).write_text(text, "utf-8")
    _, problems = validate([root / "profiles"], root)
    return sorted(problems)


def _ken(*changes: tuple[str, str]) -> str:
    text = KEN
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _line(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# ------------------------------------------------------------------ contact data, URLs included

URL = "https://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12&chapter=18"


@pytest.mark.parametrize(
    "value, kind",
    [
        (f"{URL} Jane Doe, jane.doe@mfa.example", "e-mail address"),
        (f"{URL} Jane Doe, +41 22 917 12 34", "phone number"),
        ("https://example.org/?contact=jane.doe@mfa.example", "e-mail address"),
    ],
)
def test_contact_data_after_or_inside_an_address_is_found(tmp_path, value, kind):
    text = _ken(("      as_of: 2014-01-27", f"      as_of: 2014-01-27\n      note: '{value}'"))
    problems = _problems(tmp_path, {"ken.yaml": text})
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("profiles/ken.yaml", _line(text, "      note:"), "treaties.untoc.source.note")
    ]
    assert f"holds an {kind}" in problems[0].message or f"holds a {kind}" in problems[0].message


def test_an_address_alone_is_not_contact_data(tmp_path):
    text = _ken(("      as_of: 2014-01-27", f"      as_of: 2014-01-27\n      note: '{URL}'"))
    assert _problems(tmp_path, {"ken.yaml": text}) == []


# ------------------------------------------------------------------ dates


def test_a_future_as_of_is_refused(tmp_path):
    future = dt.date.today() + dt.timedelta(days=2)
    text = _ken(("as_of: 2024-02-29", f"as_of: {future}"))
    problems = _problems(tmp_path, {"ken.yaml": text})
    assert [(p.line, p.field) for p in problems] == [(_line(text, "as_of:"), "as_of")]
    assert "is in the future" in problems[0].message


def test_treaty_and_document_dates_after_as_of_are_refused(tmp_path):
    text = _ken(
        ("consent: {type: accession, date: 2005-01-05}", "consent: {type: accession, date: 2024-03-05}"),
        ("  - kind: summary\n    date: 2022-09-15", "  - kind: summary\n    date: 2024-03-01"),
    )
    problems = _problems(tmp_path, {"ken.yaml": text})
    assert [p.field for p in problems] == ["treaties.tip.consent.date", "documents[2].date"]
    assert all("is after the record's as_of (2024-02-29)" in p.message for p in problems)


def test_a_response_dated_before_the_review_began_is_refused(tmp_path):
    """The questionnaire date is a stage date: never before the day the party's review group began."""
    text = _ken(
        ("      focal_point_nominated: 2020-12-10", "      focal_point_nominated: 2017-12-10"),
        (
            "      governmental_experts_nominated: 2020-12-22",
            "      governmental_experts_nominated: 2017-12-22",
        ),
        ("      initial_consultation: 2021-02-15", "      initial_consultation: 2018-02-15"),
        ("      saq_submitted: 2021-06-01", "      saq_submitted: 2018-06-01"),
    )
    problems = _problems(tmp_path, {"ken.yaml": text})
    assert any(p.field == "reviews[0].stages.focal_point_nominated" for p in problems), problems
    assert any("before the review" in p.message or "began" in p.message for p in problems), problems


# ------------------------------------------------------------------ identity


def test_a_copy_under_another_code_is_refused(tmp_path):
    copy = KEN.replace("code: ken", "code: kny")
    problems = _problems(tmp_path, {"kny.yaml": copy})
    messages = [(p.file, p.field, p.message) for p in problems]
    assert any('"kny" is not an ISO 3166-1 alpha-3 code' in m for _, _, m in messages)
    assert any(
        f == "profiles/ken.yaml" and fld == "territory" and "also the territory of kny.yaml" in m
        for f, fld, m in messages
    )
    assert any(
        f == "profiles/kny.yaml" and fld == "territory" and "also the territory of ken.yaml" in m
        for f, fld, m in messages
    )


def test_a_territory_that_names_another_state_is_refused(tmp_path):
    text = _ken(("territory: KE", "territory: FR"))
    problems = _problems(tmp_path, {"ken.yaml": text})
    assert "FR is not the territory of ken; write territory: KE" in [p.message for p in problems]


def test_a_state_that_has_only_signed_is_not_a_party(tmp_path):
    text = _ken(("    consent: {type: accession, date: 2004-06-16}\n", "    signature: 2000-12-13\n"))
    problems = _problems(tmp_path, {"ken.yaml": text})
    assert [(p.field, p.message.split(":")[0]) for p in problems][:1] == [
        ("treaties.untoc", "no consent to be bound by the Convention")
    ]


def test_the_unfilled_scaffold_does_not_validate(tmp_path):
    root = _project(tmp_path)
    (root / "profiles" / "ner.yaml").write_text(scaffold("ner"), "utf-8")
    _, problems = validate([root / "profiles"], root)
    assert [(p.file, p.field) for p in problems if "no consent to be bound" in p.message] == [
        ("profiles/ner.yaml", "treaties")
    ]


# ------------------------------------------------------------------ characters


@pytest.mark.parametrize(
    "escape, named",
    [
        ("\\0", "U+0000 NULL"),
        ("\\e", "U+001B ESCAPE"),
        ("\\x7f", "U+007F DELETE"),
        ("\\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
        ("\\uFFFE", "U+FFFE noncharacter"),
        ("\\ud800", "U+D800 lone surrogate"),
        ("\\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ],
)
def test_invisible_characters_are_refused_with_their_code_point(tmp_path, escape, named):
    text = _ken(("territory: KE", f'territory: KE\nnames:\n  en: "Ken{escape}ya"\n  source: {{title: X}}'))
    problems = _problems(tmp_path, {"ken.yaml": text})
    found = [p for p in problems if p.field == "names.en"]
    assert len(found) == 1, problems
    assert found[0].line == _line(text, "  en:")
    assert f"holds {named} at character 4" in found[0].message
    assert "delete it" in found[0].message


def test_direction_marks_that_arabic_text_uses_are_allowed(tmp_path):
    text = _ken(("territory: KE", 'territory: KE\nnames:\n  ar: "كينيا\\u200f"\n  source: {title: X}'))
    assert _problems(tmp_path, {"ken.yaml": text}) == []


def test_a_forbidden_character_in_a_key_is_named_too(tmp_path):
    text = _ken(("as_of: 2024-02-29", 'as_of: 2024-02-29\n"no\\u202Ete": 1'))
    problems = _problems(tmp_path, {"ken.yaml": text})
    assert any("the key holds U+202E RIGHT-TO-LEFT OVERRIDE" in p.message for p in problems), problems


# ------------------------------------------------------------------ every problem at once


def test_an_unknown_reviewer_is_reported_with_the_field_errors(tmp_path):
    text = _ken(("reviewers: [uga, fra]", "reviewers: [uga, zzz]"), ("group: 1", "group: 7"))
    problems = _problems(tmp_path, {"ken.yaml": text})
    fields = [p.field for p in problems]
    assert "reviews[0].group" in fields  # the model's problem
    assert "reviews[0].reviewers[1]" in fields  # and the cross-record one, in the same run
    assert '"zzz" is not a party in profiles/' in [p.message for p in problems]


def test_a_folder_without_its_vocabulary_is_never_valid(tmp_path, capsys):
    folder = tmp_path / "profiles"
    folder.mkdir()
    shutil.copy(FIXTURE_RECORDS / "ken.yaml", folder)
    (folder / "fra.yaml").write_text("code: fra\nkind: [\n", "utf-8")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert "_vocabulary.yaml:1:1: the vocabulary file is missing" in out.out + out.err
    assert "valid" not in (out.out + out.err).split("\n")[-2:][0]


# ------------------------------------------------------------------ CI logs


def test_github_annotations_cannot_be_broken_or_disguised():
    problem = Problem(
        "profiles/a,b:c.yaml", 3, 4, "names.en", "holds \u202e and \x1b[31m, 100%\r\n::warning::forged"
    )
    line = problem.github_annotation()
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u202e" not in line
    assert line.startswith("::error file=profiles/a%2Cb%3Ac.yaml,line=3,col=4::names.en: holds \\u202e")
    assert "100%25" in line
    # one line: a workflow command starts a line, so the forged one stays data of this one
    assert line.splitlines() == [line] and line.index("::warning") > line.index("::names.en")


# ------------------------------------------------------------------ well-formed feeds for any accepted text

ACCEPTED_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda text: not FORBIDDEN.search(text) and text.strip() == text and text.strip())


@pytest.fixture(scope="module")
def feed_index(tmp_path_factory):
    root = _project(tmp_path_factory.mktemp("feeds"))
    return load_index(root / "profiles", root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ACCEPTED_TEXT)
def test_every_feed_is_well_formed_xml_whatever_accepted_text_a_record_holds(feed_index, name):
    party = feed_index.parties["ken"]
    names = party.names.model_copy(update={"en": name, "ar": name, "source": party.treaties["untoc"].source})
    hostile = party.model_copy(update={"names": names})
    index = type(feed_index)({**feed_index.parties, "ken": hostile}, feed_index.vocabulary)
    for locale in ("en", "ar"):
        xml = atom_feed(index, locale, "https://example.org/")
        ElementTree.fromstring(xml.encode("utf-8"))  # raises on ill-formed XML
        assert re.search(r"<title[^>]*>", xml)
