"""Unit tests of :mod:`profilesite.load.messages`: pydantic errors turned into messages editors can act on."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from profilesite.load.messages import describe, old_review_message
from profilesite.model import Party
from profilesite.problems import field_path

PARTY: dict[str, Any] = {
    "code": "ken",
    "kind": "state",
    "as_of": dt.date(2024, 2, 29),
    "treaties": {
        "untoc": {
            "consent": {"type": "accession", "date": dt.date(2004, 6, 16)},
            "source": {"title": "UNTC"},
        },
    },
}
REVIEW: dict[str, Any] = {
    "cluster": "criminalization",
    "sample": True,
    "group": 1,
    "reviewers": ["uga", "fra"],
}
NOMINATIONS: dict[str, Any] = {
    "focal_point": {"nominated": True, "institution": "justice"},
    "governmental_experts": {"total": 2, "women": 1},
}
DOCUMENT: dict[str, Any] = {
    "kind": "summary",
    "date": dt.date(2022, 9, 15),
    "languages": ["en"],
    "url": "https://example.org/fixtures/summary.pdf",
}
DATE_HINT = "is not a date; write YYYY-MM-DD, e.g. 2019-03-01"


def messages(**changes: Any) -> list[tuple[str, str]]:
    """(field path, message) of each error of PARTY updated with ``changes``, located as records.py does."""
    data = copy.deepcopy(PARTY)
    data.update(changes)
    try:
        Party.model_validate(data)
    except ValidationError as error:
        found = []
        for item in error.errors():
            location = tuple(
                part
                for part in item["loc"]
                if not (isinstance(part, str) and ("[" in part or part.startswith("function-")))
            )
            found.append((field_path(location), describe(item, Party, location)))
        return found
    return []


def with_review(**changes: Any) -> list[dict[str, Any]]:
    """A ``reviews`` list of one review: REVIEW updated with ``changes``."""
    return [{**copy.deepcopy(REVIEW), **changes}]


def test_base_party_is_valid() -> None:
    assert messages() == []
    assert messages(reviews=[REVIEW], nominations=NOMINATIONS, documents=[DOCUMENT]) == []


# did-you-mean


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"regional_grup": "african"}, ("regional_grup", 'unknown field; did you mean "regional_group"?')),
        ({"teritory": "KE"}, ("teritory", 'unknown field; did you mean "territory"?')),
        (
            {"documents": [{**DOCUMENT, "titel": "Summary"}]},
            ("documents[0].titel", 'unknown field; did you mean "title"?'),
        ),
        (
            {"nominations": {**NOMINATIONS, "focal_point": {"nominated": True, "institutoin": "justice"}}},
            ("nominations.focal_point.institutoin", 'unknown field; did you mean "institution"?'),
        ),
        (
            {"nominations": {**NOMINATIONS, "governmental_experts": {"total": 2, "women": 1, "totl": 3}}},
            ("nominations.governmental_experts.totl", 'unknown field; did you mean "total"?'),
        ),
        (
            {
                "treaties": {
                    "tip": {"signatur": dt.date(2000, 12, 12), "consent": None, "source": {"title": "UNTC"}}
                }
            },
            ("treaties.tip.signatur", 'unknown field; did you mean "signature"?'),
        ),
    ],
    ids=["top", "top-2", "in-list", "in-optional-then-required", "in-required-under-optional", "in-dict"],
)
def test_unknown_field_suggests_the_closest_known_field(
    changes: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert messages(**changes) == [expected]


def test_unknown_field_without_a_close_match_lists_the_known_fields() -> None:
    assert messages(documents=[{**DOCUMENT, "colour": "blue"}]) == [
        ("documents[0].colour", "unknown field; known fields here: date, kind, languages, sample, title, url")
    ]
    assert messages(names={"de": "Kenia"}) == [
        ("names.de", "unknown field; known fields here: ar, en, es, fr, pt, ru, source, zh")
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"reviews": with_review(redraw=1)}, ("reviews[0].redraw", 'unknown field; did you mean "redraws"?')),
        (
            {"nominations": {**NOMINATIONS, "observer": True}},
            ("nominations.observer", 'unknown field; did you mean "observers"?'),
        ),
        (
            {"reviews": with_review(comment="x")},
            (
                "reviews[0].comment",
                "unknown field; known fields here: additional_reviewers, cluster, group, instruments, languages,"
                " redraws, reviewers, sample, stages",
            ),
        ),
    ],
    ids=["review", "nominations", "no-match"],
)
def test_unknown_field_in_an_optional_group(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert messages(**changes) == [expected]


def test_unknown_field_in_an_additional_reviewer() -> None:
    review = with_review(additional_reviewers=[{"instrument": "tip", "partie": "eur"}])
    assert messages(reviews=review) == [
        ("reviews[0].additional_reviewers[0].party", "required field is missing; add it"),
        ("reviews[0].additional_reviewers[0].partie", 'unknown field; did you mean "party"?'),
    ]


def test_a_review_names_its_cluster() -> None:
    review = with_review()
    del review[0]["cluster"]
    assert messages(reviews=review) == [("reviews[0].cluster", "required field is missing; add it")]


# the single review block of records written before one review per cluster


def test_old_review_block_says_what_to_write_instead() -> None:
    """Not a bare "unknown field": the editor learns that the block became a list entry naming its cluster."""
    [(field, message)] = messages(review=REVIEW)
    assert field == "review"
    assert message == old_review_message()
    assert message.startswith('is now reviews:, one entry per thematic cluster: write "reviews:"')
    assert '"- cluster: "' in message and "clusters in profiles/_vocabulary.yaml" in message


def test_old_review_block_names_the_first_cluster_when_the_caller_knows_it() -> None:
    data = {**copy.deepcopy(PARTY), "review": REVIEW}
    with pytest.raises(ValidationError) as raised:
        Party.model_validate(data)
    [item] = raised.value.errors()
    message = describe(item, Party, ("review",), first_cluster="criminalization")
    assert message == (
        'is now reviews:, one entry per thematic cluster: write "reviews:" and under it'
        ' "- cluster: criminalization" followed by the review\'s fields, indented under it'
    )


def test_a_review_key_elsewhere_is_an_ordinary_unknown_field() -> None:
    """Only the top-level block changed shape; "review" inside a document is a plain unknown field."""
    [(field, message)] = messages(documents=[{**DOCUMENT, "review": "x"}])
    assert field == "documents[0].review"
    assert message.startswith("unknown field;") and "reviews:" not in message


# dates


@pytest.mark.parametrize(
    "value", ["29/02/2024", "yesterday", "2024-2-29", "2024-13-01", 2024, 0, 1.5, "0", "1700000000"]
)
def test_date_message_shows_the_value_and_the_form(value: object) -> None:
    """Numbers are never dates: pydantic alone would read 0 (or "0") as 1970-01-01."""
    shown = f'"{value}"' if isinstance(value, str) else str(value)
    assert messages(as_of=value) == [("as_of", f"{shown} {DATE_HINT}")]


def test_date_message_in_a_nested_field() -> None:
    review = with_review(stages={"saq_submitted": "June 2021"})
    assert messages(reviews=review) == [("reviews[0].stages.saq_submitted", f'"June 2021" {DATE_HINT}')]


def test_date_message_shows_a_datetime_as_written() -> None:
    assert messages(as_of=dt.datetime(2024, 2, 29, 10, 30)) == [("as_of", f"2024-02-29 10:30:00 {DATE_HINT}")]


def test_date_message_for_an_empty_value() -> None:
    assert messages(as_of=None) == [("as_of", f"an empty value {DATE_HINT}")]


def test_date_message_for_true() -> None:
    assert messages(as_of=True) == [("as_of", f"true {DATE_HINT}")]


def test_optional_dates_are_strict_too() -> None:
    review = with_review(stages={"saq_submitted": 0})
    assert messages(reviews=review) == [("reviews[0].stages.saq_submitted", f"0 {DATE_HINT}")]
    assert messages(reviews=with_review(stages={"saq_submitted": "2021-06-01"})) == []


# other kinds


def test_missing_field() -> None:
    data = copy.deepcopy(PARTY)
    del data["as_of"]
    with pytest.raises(ValidationError) as raised:
        Party.model_validate(data)
    [item] = raised.value.errors()
    assert describe(item, Party, ("as_of",)) == "required field is missing; add it"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"code": "KEN"},
            ("code", '"KEN" has the wrong form; write a party code: three lower-case letters, e.g. ken'),
        ),
        (
            {"territory": "ke"},
            ("territory", '"ke" has the wrong form; write a two-letter territory code in capitals, e.g. KE'),
        ),
        (
            {"kind": "country"},
            ("kind", "\"country\" is not allowed; use one of 'state' or 'regional_organization'"),
        ),
        ({"reviews": with_review(group=4)}, ("reviews[0].group", "4 is not allowed; use one of 1, 2 or 3")),
        (
            {"reviews": with_review(redraws=5)},
            ("reviews[0].redraws", "5 is too large; the highest allowed is 4"),
        ),
        (
            {"reviews": with_review(redraws=1.5)},
            ("reviews[0].redraws", "1.5 is not a whole number; write digits only, e.g. 3"),
        ),
        (
            {"reviews": with_review(languages=["en", "fr", "es", "ru"])},
            ("reviews[0].languages", "has 4 items; at most 3 allowed"),
        ),
        (
            {"reviews": with_review(reviewers="uga, fra")},
            (
                "reviews[0].reviewers",
                "\"uga, fra\" is not a list; write one item per line starting with '- '",
            ),
        ),
        (
            {"reviews": with_review(sample="maybe")},
            ("reviews[0].sample", '"maybe" is not true or false; write true or false'),
        ),
        (
            {"treaties": []},
            ("treaties", "[] is not a group of fields; write field: value lines indented under it"),
        ),
        (
            {"documents": [{**DOCUMENT, "languages": []}]},
            ("documents[0].languages", "needs at least 1 item(s)"),
        ),
        (
            {"documents": [{**DOCUMENT, "url": "javascript:alert(1)"}]},
            (
                "documents[0].url",
                '"javascript:alert(1)" is not a web address; write a full http:// or https:// link',
            ),
        ),
        (
            {"documents": [{**DOCUMENT, "url": "data:text/html,<script>alert(1)</script>"}]},
            (
                "documents[0].url",
                '"data:text/html,<script>alert(1)</script>" is not a web address; '
                "write a full http:// or https:// link",
            ),
        ),
        (
            {"treaties": {"untoc": {"signature": dt.date(2000, 12, 12), "source": {"title": ""}}}},
            ("treaties.untoc.source.title", "must not be empty"),
        ),
        (
            {"nominations": {**NOMINATIONS, "governmental_experts": {"total": -1, "women": 0}}},
            ("nominations.governmental_experts.total", "-1 is too small; the lowest allowed is 0"),
        ),
        (
            {"treaties": {"untoc": {"signature": dt.date(2000, 12, 12), "source": {"title": 2014}}}},
            ("treaties.untoc.source.title", "2014 is not text; put it in quotes"),
        ),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else None,
)
def test_message(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert messages(**changes) == [expected]


def test_list_for_text_says_it_is_a_list() -> None:
    assert messages(territory=["KE"]) == [("territory", "['KE'] is a list, not text; write a single value")]


def test_group_for_text_says_it_is_a_group() -> None:
    assert messages(territory={"code": "KE"}) == [
        ("territory", "{'code': 'KE'} is a group of fields, not text; write a single value")
    ]


def test_dates_in_a_list_are_shown_as_written() -> None:
    assert messages(territory=[dt.date(2024, 2, 29), None, True]) == [
        ("territory", "[2024-02-29, null, true] is a list, not text; write a single value")
    ]


def test_contact_key_is_not_called_an_unknown_field() -> None:
    nominations = {**NOMINATIONS, "focal_point": {"nominated": True, "Email": "someone@example.org"}}
    assert messages(nominations=nominations) == [
        ("nominations.focal_point.Email", "personal contact data is not published; remove it")
    ]


def test_long_values_are_cut_to_60_characters() -> None:
    [(_, message)] = messages(territory="K" * 100)
    shown = message.split(" has the wrong form")[0]
    assert shown == '"' + "K" * 55 + '..."'
    assert len(shown) == 60
    [(_, message)] = messages(territory="K" * 58)  # 60 with its quotes: shown whole
    assert message.split(" has the wrong form")[0] == '"' + "K" * 58 + '"'


def test_long_non_text_values_are_cut_to_60_characters() -> None:
    [(_, message)] = messages(territory=["KE"] * 30)
    shown = message.split(" is a list")[0]
    assert shown == ("[" + ", ".join(["'KE'"] * 30) + "]")[:57] + "..."
    assert len(shown) == 60


def test_text_with_line_breaks_stays_on_one_line() -> None:
    [(_, message)] = messages(territory="K\nE")
    assert message.startswith('"K\\nE" has the wrong form')


def test_unknown_error_kind_falls_back_to_its_type() -> None:
    error = {"type": "some_future_kind", "input": "x", "loc": ("kind",)}
    assert describe(error, Party, ("kind",)) == '"x" is not valid here (some_future_kind)'


def test_value_error_uses_its_context() -> None:
    error = {"type": "value_error", "input": "x", "ctx": {"error": "custom reason"}, "loc": ("kind",)}
    assert describe(error, Party, ("kind",)) == "custom reason"
