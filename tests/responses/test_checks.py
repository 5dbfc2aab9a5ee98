"""Each mistake in a response file gives one located message saying what to do; none a traceback."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from profilesite.model.response import MAX_TEXT, demonstration_marker
from profilesite.problems import Problem

from .conftest import changed, dump, valid_response

MARK = demonstration_marker("en")


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line holding ``needle``."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def answer(scenario, **fields):
    """The valid answer with ``fields`` replaced; its law's title carries the marker of its language."""
    item = dict(valid_response(scenario)["answers"][0])
    language = fields.get("language", "en")
    item["legislation"] = [{"title": f"{demonstration_marker(language)} No law is cited"}]
    item.update(fields)
    return item


def with_text(scenario, escaped: str) -> str:
    """The valid file with its answer's text written as a double-quoted YAML string ``escaped``."""
    text = dump(valid_response(scenario))
    line = next(line for line in text.splitlines() if line.strip().startswith("text:"))
    return text.replace(line, line.partition("text:")[0] + f'text: "{escaped}"')


def test_valid_response_has_no_problem(check, scenario):
    assert check(valid_response(scenario)) == []


def test_problem_names_file_line_column_and_field(check, scenario):
    data = changed(scenario, answers=[answer(scenario, category="perhaps")])
    text = dump(data)
    problem = only(check(text))
    assert problem.file.endswith(f"responses/{scenario.code}/{scenario.cluster}.yaml")
    assert problem.field == "answers[0].category"
    assert problem.line == line_of(text, "category: perhaps")
    assert problem.column == text.splitlines()[problem.line - 1].index("perhaps") + 1
    assert 'unknown answer category "perhaps"; use one of' in problem.message


def test_instrument_not_joined(check, scenario):
    data = changed(scenario, answers=[answer(scenario, instrument=scenario.unjoined)])
    problem = only(check(data))
    assert problem.field == "answers[0].instrument"
    assert problem.message.startswith(f"the party has not joined {scenario.unjoined}")


def test_unknown_instrument_suggests_the_key(check, scenario):
    typo = scenario.instrument[:-1] + "x"
    problem = only(check(changed(scenario, answers=[answer(scenario, instrument=typo)])))
    assert problem.field == "answers[0].instrument"
    assert f'unknown instrument "{typo}"' in problem.message


def test_unknown_article(check, shipped, scenario):
    listed = shipped.vocabulary.cluster(scenario.cluster).articles[scenario.instrument]
    problem = only(check(changed(scenario, answers=[answer(scenario, article="999")])))
    assert problem.field == "answers[0].article"
    assert f'article "999" of {scenario.instrument} is not in cluster {scenario.cluster}' in problem.message
    assert ", ".join(listed) in problem.message  # says which articles are known


def test_unknown_cluster(check, shipped, scenario):
    problems = check(valid_response(scenario), cluster="no_such_cluster")
    problem = only([item for item in problems if "cluster key" in item.message])
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert "no_such_cluster" in problem.message
    assert all(key in problem.message for key in shipped.vocabulary.keys("clusters"))


def test_misspelt_cluster_gets_a_suggestion(check, scenario):
    typo = scenario.cluster[:-1]
    problems = check(valid_response(scenario), cluster=typo)
    assert any(f'did you mean "{scenario.cluster}.yaml"?' in item.message for item in problems)


def test_unknown_party_folder(check, scenario):
    problems = check(valid_response(scenario), code="zzz")
    problem = only([item for item in problems if "folder" in item.message])
    assert problem.message.startswith('the folder "zzz" names no party in profiles/')


def test_answer_before_the_questionnaire_stage(check, shipped, scenario):
    problems = check(valid_response(scenario), code=scenario.not_submitted)
    stage = shipped.vocabulary.figure_stages.questionnaire
    problem = only([item for item in problems if "questionnaire stage" in item.message])
    assert problem.field == "submitted"
    assert problem.message.startswith("answer before the questionnaire stage")
    assert stage in problem.message


def test_submitted_before_consultation(check, scenario):
    early = scenario.consultation - dt.timedelta(days=1)
    data = changed(scenario, submitted=early, consent={"date": scenario.submitted, "extent": "full"})
    problems = check(data)
    assert {item.field for item in problems} == {"submitted"}
    assert any(f"{early} is before the initial consultation" in item.message for item in problems)
    assert any("differs from the date" in item.message for item in problems)  # and from the record's date


def test_submitted_is_the_date_the_record_gives_the_submission(check, scenario):
    """One submission, one date: the file's ``submitted`` and the review's questionnaire stage agree."""
    later = scenario.submitted + dt.timedelta(days=1)
    problem = only(check(changed(scenario, submitted=later, consent={"date": later, "extent": "full"})))
    assert problem.field == "submitted"
    assert problem.message.endswith(f"write submitted: {scenario.submitted}, or correct the record")


def test_submitted_after_as_of(check, scenario):
    late = scenario.as_of + dt.timedelta(days=1)
    problems = check(changed(scenario, submitted=late, consent={"date": late, "extent": "full"}))
    assert {(item.field, item.message.split(";")[0]) for item in problems} >= {
        ("submitted", f"{late} is after the party record's as_of date ({scenario.as_of})"),
        ("consent.date", f"{late} is after the party record's as_of date ({scenario.as_of})"),
    }
    assert len(problems) == 3  # and the submission's date differs from the record's


def test_consent_before_submission(check, scenario):
    early = scenario.submitted - dt.timedelta(days=1)
    problem = only(check(changed(scenario, consent={"date": early, "extent": "full"})))
    assert problem.field == "consent.date"
    assert "before the questionnaire was submitted" in problem.message


def test_feedback_before_the_feedback_stage(check, scenario):
    feedback = {"language": "en", "text": f"{MARK} feedback"}
    problem = only(check(changed(scenario, answers=[answer(scenario, feedback=feedback)])))
    assert problem.field == "answers[0].feedback"
    assert problem.message.startswith("feedback before the feedback stage")


@pytest.mark.parametrize("code", ["xx", "qq-ZZ", "zzz"])
def test_bad_language_code(check, scenario, code):
    problem = only(check(changed(scenario, answers=[answer(scenario, language=code)])))
    assert problem.field == "answers[0].language"
    assert problem.message.startswith(f'"{code}" is not a known language code')


@pytest.mark.parametrize("code", ["ar", "zh-Hant", "pt-BR", "es-419"])
def test_real_language_codes_pass(check, scenario, code):
    text = f"{demonstration_marker(code)} text"
    assert check(changed(scenario, answers=[answer(scenario, language=code, text=text)])) == []


def test_bad_language_of_a_law_and_of_feedback(check, scenario):
    law = {"title": f"{MARK} No law", "language": "xx"}
    problems = check(changed(scenario, answers=[answer(scenario, legislation=[law])]))
    assert [item.field for item in problems] == ["answers[0].legislation[0].language"]


def test_duplicate_answer(check, scenario):
    problems = check(changed(scenario, answers=[answer(scenario), answer(scenario)]))
    problem = only(problems)
    assert problem.field == "answers[1]"
    assert "answered twice (first in answers[0])" in problem.message


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "<s"),
        ('"><img src=x onerror=alert(1)>', "<i"),
        ("</p><p>", "</"),
        ("<!-- hidden -->", "<!"),
        ("<?php ?>", "<?"),
        ("click JavaScript:alert(1)", "JavaScript:"),
        ("see java\tscript :x", "java\tscript :"),
    ],
)
@pytest.mark.parametrize("where", ["text", "feedback", "legislation"])
def test_markup_or_script_in_any_text(check, scenario, text, shown, where):
    item = answer(scenario)
    if where == "text":
        item["text"] = f"{MARK} {text}"
        field = "answers[0].text"
    elif where == "feedback":
        item["feedback"] = {"language": "en", "text": f"{MARK} {text}"}
        field = "answers[0].feedback.text"
    else:
        item["legislation"] = [{"title": f"{MARK} {text}"}]
        field = "answers[0].legislation[0].title"
    problems = [
        problem for problem in check(changed(scenario, answers=[item])) if "markup" in problem.message
    ]
    problem = only(problems)
    assert problem.field == field
    assert f'holds markup or script ("{shown}"' in problem.message


def test_a_less_than_sign_with_a_space_is_text(check, scenario):
    data = changed(scenario, answers=[answer(scenario, text=f"{MARK} if a < b and 3<4 or x <= y")])
    assert check(data) == []


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", 0),
        ("\\a", 7),
        ("\\e", 0x1B),
        ("\\r", 0x0D),
        ("\\x7f", 0x7F),
        ("\\N", 0x85),
        ("\\x9b", 0x9B),
        ("\\v", 0x0B),
        ("\\f", 0x0C),
    ],
)
def test_control_characters(check, scenario, escape, code):
    problem = only(check(with_text(scenario, f"{MARK} a{escape}b")))  # as an editor can write it
    assert problem.field == "answers[0].text"
    assert f"U+{code:04X} " in problem.message and f"at character {len(MARK) + 3}," in problem.message


def test_control_character_written_raw_is_refused_by_the_reader(check, scenario):
    text = dump(valid_response(scenario)).replace("Where", "Wh\x07ere")
    problem = only(check(text))
    assert "control character (#x0007)" in problem.message
    assert problem.line == line_of(text, "Wh\x07ere")


def test_line_breaks_and_tabs_are_allowed(check, scenario):
    assert check(changed(scenario, answers=[answer(scenario, text=f"{MARK} a\n\tb\n\nc")])) == []


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_bidi_controls(check, scenario, char):
    law = {"title": f"{MARK} x{char}y"}
    problem = only(check(changed(scenario, answers=[answer(scenario, legislation=[law])])))
    assert problem.field == "answers[0].legislation[0].title"
    assert f"holds U+{ord(char):04X} {unicodedata.name(char)} at character" in problem.message


def test_bidi_control_written_raw_in_the_file(check, scenario):
    text = dump(valid_response(scenario)).replace("Where", "Wh\u202eere")
    problem = only(check(text))
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in problem.message
    assert problem.line == line_of(text, "\u202e")


def test_marks_used_by_arabic_text_pass(check, scenario):
    text = f"{demonstration_marker('ar')} نص \u200f(مثال)\u200f"  # right-to-left marks are not overrides
    assert check(changed(scenario, answers=[answer(scenario, language="ar", text=text)])) == []


@pytest.mark.parametrize(
    ("value", "kind"),
    [("write to focal.point@example.org", "e-mail address"), ("call +33 1 40 07 60 60", "phone number")],
)
def test_contact_data(check, scenario, value, kind):
    problem = only(check(changed(scenario, answers=[answer(scenario, text=f"{MARK} {value}")])))
    assert problem.field == "answers[0].text"
    assert problem.message == f"holds {kind}; personal contact data is not published".replace(
        "holds e", "holds an e"
    ).replace("holds phone", "holds a phone")


def test_contact_key(check, scenario):
    data = changed(scenario, email="someone@example.org")
    messages = {(item.field, item.message) for item in check(data)}
    assert ("email", "personal contact data is not published; remove it") in messages


def test_text_over_the_limit_names_the_limit(check, scenario):
    long = MARK + "x" * MAX_TEXT
    problem = only(check(changed(scenario, answers=[answer(scenario, text=long)])))
    assert problem.field == "answers[0].text"
    assert f"is {len(long):,} characters long; at most {MAX_TEXT:,} are allowed" in problem.message


def test_url_must_be_http(check, scenario):
    law = {"title": f"{MARK} No law", "url": "javascript:alert(1)"}
    problem = only(check(changed(scenario, answers=[answer(scenario, legislation=[law])])))
    assert problem.field == "answers[0].legislation[0].url"
    assert "http://" in problem.message


def test_sample_text_without_its_marker(check, scenario):
    problem = only(check(changed(scenario, answers=[answer(scenario, text="The party's answer.")])))
    assert problem.field == "answers[0].text"
    assert f'begin the text with "{MARK}"' in problem.message


def test_sample_marker_follows_the_language(check, scenario):
    text = f"{MARK} written in Arabic"  # the English marker on an Arabic text
    problem = only(check(changed(scenario, answers=[answer(scenario, language="ar", text=text)])))
    assert demonstration_marker("ar") in problem.message


def test_marker_in_a_real_file(check, scenario):
    problems = check(changed(scenario, sample=False))
    messages = {item.message.split(";")[0] for item in problems}
    assert "the text begins with a demonstration marker but the file says sample: false" in messages
    # the review in the shipped records is itself demonstration data: a real response cannot go with it
    assert any(item.field == "sample" and "only demonstration responses" in item.message for item in problems)


def test_model_errors_are_located(check, scenario):
    data = changed(scenario, submitted="12 May 2021", consent={"date": scenario.submitted, "extent": "some"})
    found = {(item.field, item.message) for item in check(data)}
    assert ("submitted", '"12 May 2021" is not a date; write YYYY-MM-DD, e.g. 2019-03-01') in found
    assert any(field == "consent.extent" and "'full' or 'partial'" in message for field, message in found)


def test_unknown_field_suggests_the_name(check, scenario):
    data = changed(scenario, answers=[answer(scenario, languag="en")])
    assert any(
        item.field == "answers[0].languag" and 'did you mean "language"' in item.message
        for item in check(data)
    )
