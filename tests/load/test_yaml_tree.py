"""Unit tests of :mod:`profilesite.load.yaml_tree`: safe YAML reading that remembers positions.

Every test runs twice: with libyaml (the fast path) and with pure-Python PyYAML (the reference).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from profilesite.load import yaml_tree
from profilesite.load.yaml_tree import LocatedDocument, Position, read_yaml

RECORD = """\
# comment line
code: ken
review:
  group: 1
  reviewers: [uga, fra]
  stages:
    focal_point_nominated: 2020-12-10
documents:
  - kind: summary
    languages:
      - en
"""


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which reader ``read_yaml`` uses in this test: libyaml (skipped where absent) or pure Python."""
    if request.param == "libyaml":
        if yaml_tree.FAST_LOADER is None:
            pytest.skip("PyYAML was built without libyaml")
    else:
        monkeypatch.setattr(yaml_tree, "FAST_LOADER", None)
    return request.param


def only_problem(document: LocatedDocument) -> tuple[Position, tuple[str | int, ...], str]:
    """The single problem of ``document`` as (position, path, message)."""
    assert len(document.problems) == 1, document.problems
    problem = document.problems[0]
    return problem.position, problem.path, problem.message


# Positions


def test_positions_are_one_based_line_and_column() -> None:
    document = read_yaml(RECORD)
    assert document.problems == []
    assert document.key_positions[("code",)] == Position(2, 1)
    assert document.value_positions[("code",)] == Position(2, 7)
    assert document.key_positions[("review", "group")] == Position(4, 3)
    assert document.value_positions[("review", "group")] == Position(4, 10)
    assert document.value_positions[("review", "reviewers")] == Position(5, 14)
    assert document.value_positions[("review", "reviewers", 0)] == Position(5, 15)
    assert document.value_positions[("review", "reviewers", 1)] == Position(5, 20)
    assert document.value_positions[("review", "stages", "focal_point_nominated")] == Position(7, 28)
    assert document.value_positions[("documents", 0)] == Position(9, 5)
    assert document.value_positions[("documents", 0, "languages", 0)] == Position(11, 9)


def test_root_position_is_the_first_node_after_comments() -> None:
    assert read_yaml(RECORD).value_positions[()] == Position(2, 1)


def test_position_of_a_missing_path_is_its_nearest_existing_parent() -> None:
    document = read_yaml(RECORD)
    # a block mapping starts at its first key; the key of the enclosing field is where the field is named
    assert document.position(("review", "stages", "saq_submitted")) == Position(7, 5)
    assert document.position(("review", "stages", "saq_submitted"), key=True) == Position(6, 3)
    assert document.position(("review", "group"), key=True) == Position(4, 3)
    assert document.position(("review", "group")) == Position(4, 10)
    assert document.position(("nothing", "here")) == Position(2, 1)
    assert LocatedDocument(data=None).position(("anything",)) == Position(1, 1)


def test_values_are_plain_python_with_safe_yaml_rules() -> None:
    document = read_yaml("d: 2024-02-29\nq: '2024-02-29'\nb: true\nn: null\ni: 3\ns: text\nl: []\n")
    assert document.problems == []
    assert document.data == {
        "d": dt.date(2024, 2, 29),
        "q": "2024-02-29",
        "b": True,
        "n": None,
        "i": 3,
        "s": "text",
        "l": [],
    }


def test_standard_tags_are_accepted() -> None:
    document = read_yaml("a: !!str 123\nb: !!int '7'\n")
    assert document.problems == []
    assert document.data == {"a": "123", "b": 7}


def test_impossible_date_is_a_problem_at_its_value() -> None:
    document = read_yaml("code: ken\nas_of: 2019-02-30\n")
    position, path, message = only_problem(document)
    assert (position, path) == (Position(2, 8), ("as_of",))
    assert message == '"2019-02-30" is not a real date; write YYYY-MM-DD, e.g. 2019-03-01'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int x\n", '"x" cannot be read as a whole number; write a plain value'),
        ("a: !!bool maybe\n", '"maybe" cannot be read as true or false; write a plain value'),
        ("a: !!timestamp soon\n", '"soon" is not a real date; write YYYY-MM-DD, e.g. 2019-03-01'),
    ],
)
def test_value_a_standard_tag_cannot_build_is_a_problem(text: str, message: str) -> None:
    assert only_problem(read_yaml(text)) == (Position(1, 4), ("a",), message)


def test_lone_equals_sign_is_text() -> None:
    """YAML 1.1 resolves a plain '=' to a "value" tag no safe loader builds; here it is just text."""
    document = read_yaml("note: =\n")
    assert document.problems == []
    assert document.data == {"note": "="}


# Duplicate keys


def test_duplicate_key_is_reported_at_the_second_key_and_the_first_is_kept() -> None:
    document = read_yaml("code: ken\nas_of: 2024-01-01\nas_of: 2024-02-01\n")
    position, path, message = only_problem(document)
    assert (position, path) == (Position(3, 1), ("as_of",))
    assert message == "duplicate key (first at line 2); keep one of them"
    assert document.data == {"code": "ken", "as_of": dt.date(2024, 1, 1)}


def test_nested_duplicate_keys_are_all_reported() -> None:
    text = "review:\n  group: 1\n  group: 2\ndocuments:\n  - kind: a\n    kind: b\n    kind: c\n"
    document = read_yaml(text)
    found = [(problem.position, problem.path, problem.message) for problem in document.problems]
    assert found == [
        (Position(3, 3), ("review", "group"), "duplicate key (first at line 2); keep one of them"),
        (Position(6, 5), ("documents", 0, "kind"), "duplicate key (first at line 5); keep one of them"),
        (Position(7, 5), ("documents", 0, "kind"), "duplicate key (first at line 5); keep one of them"),
    ]


def test_same_key_in_different_mappings_is_not_a_duplicate() -> None:
    document = read_yaml("a:\n  x: 1\nb:\n  x: 2\n")
    assert document.problems == []
    assert document.data == {"a": {"x": 1}, "b": {"x": 2}}


# Aliases, anchors, merge keys


def test_alias_is_rejected_at_its_position() -> None:
    document = read_yaml("a: &first 2021-11-30\nb: *first\n")
    position, path, message = only_problem(document)
    assert (position, path) == (Position(2, 4), ())
    assert "aliases (*name) are not allowed" in message
    assert document.data is None


def test_billion_laughs_is_rejected_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    document = read_yaml("\n".join(lines) + "\n")
    assert document.data is None
    assert only_problem(document)[0] == Position(2, 8)


def test_anchor_without_alias_is_harmless() -> None:
    document = read_yaml("a: &name 1\n")
    assert document.problems == []
    assert document.data == {"a": 1}


def test_merge_key_is_rejected() -> None:
    document = read_yaml("focal_point:\n  <<: {nominated: true}\n")
    position, path, message = only_problem(document)
    assert (position, path) == (Position(2, 3), ("focal_point",))
    assert message == "keys must be plain words; write key: value"
    assert document.data == {"focal_point": {}}


def test_complex_key_is_rejected() -> None:
    document = read_yaml("? [a, b]\n: 1\nc: 2\n")
    assert only_problem(document)[:2] == (Position(1, 3), ())
    assert document.data == {"c": 2}


# Tags


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ('a: !!python/object/apply:os.system ["echo unsafe"]\n', "python/object/apply:os.system"),
        ("a: !!python/name:os.system\n", "python/name:os.system"),
        ("a: !!python/object:collections.OrderedDict {}\n", "python/object:collections.OrderedDict"),
        ("a: !country KE\n", "!country"),
        ("a: !!binary aGk=\n", "binary"),
        ("a: !!set {x, y}\n", "set"),
        ("a: !!omap [x: 1]\n", "omap"),
    ],
)
def test_non_standard_tags_are_rejected_and_never_built(text: str, tag: str, monkeypatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args))
    document = read_yaml(text)
    position, path, message = only_problem(document)
    assert (position, path) == (Position(1, 4), ("a",))
    assert tag in message and "is not allowed in records" in message
    assert document.data == {"a": None}
    assert calls == []


def test_tag_on_the_whole_document_is_rejected() -> None:
    document = read_yaml("!!python/object:os.system\ncode: ken\n")
    assert only_problem(document)[:2] == (Position(1, 1), ())
    assert document.data is None


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/name:os.system\n", "!!python/name:os.system"),
        ("a: !<tag:yaml.org,2002:python/name:os.system>\n", "!!python/name:os.system"),
        ("a: !country KE\n", "!country"),
        ("a: !!set {x}\n", "!!set"),
    ],
)
def test_rejected_tag_is_shown_as_written(text: str, tag: str) -> None:
    message = only_problem(read_yaml(text))[2]
    assert message == f"the tag '{tag}' is not allowed in records; remove it and write a plain value"


# Syntax errors and empty files


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("code: ken\nkind: state: x\n", Position(2, 12), "mapping values are not allowed here"),
        ("code: ken\n\tkind: state\n", Position(2, 1), "found character '\\t'"),
        ("code: ken\n kind: state\n", Position(2, 6), "mapping values are not allowed here"),
        ("reviewers: [uga, fra\nkind: state\n", Position(2, 5), "expected ',' or ']'"),
    ],
)
def test_syntax_error_is_one_problem_at_its_position(text: str, position: Position, words: str) -> None:
    document = read_yaml(text)
    found, path, message = only_problem(document)
    assert (found, path) == (position, ())
    assert message.startswith("YAML syntax error: ") and words in message
    assert message.endswith("; check indentation and quotes")
    assert document.data is None


def test_unclosed_quote_is_reported_where_the_quote_opens() -> None:
    document = read_yaml("code: ken\ntitle: 'UN Treaty Collection\nkind: state\nas_of: 2024-02-29\n")
    position, _, message = only_problem(document)
    assert position == Position(2, 8)
    assert message == (
        "YAML syntax error: while scanning a quoted scalar, found unexpected end of stream; "
        "check indentation and quotes"
    )


def test_unfinished_key_at_the_end_is_reported_where_it_starts() -> None:
    position, _, message = only_problem(read_yaml("code: ken\nkind\n"))
    assert position == Position(2, 1)
    assert "while scanning a simple key, could not find expected ':'" in message


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("code: ken\n- item\n", Position(2, 1)),
        ("- a\nb: c\n", Position(2, 1)),
        ("documents:\n  - kind: a\n  kind: b\n", Position(3, 3)),
        ("review:\n  reviewers:\n    - uga\n  - fra\n", Position(4, 3)),
    ],
)
def test_list_item_mixed_with_key_value_line_is_explained(text: str, position: Position) -> None:
    assert only_problem(read_yaml(text)) == (
        position,
        (),
        "YAML syntax error: a list item ('- ') and a 'key: value' line are mixed at the same indentation; "
        "check indentation",
    )


def test_second_document_message_keeps_its_context() -> None:
    position, _, message = only_problem(read_yaml("code: ken\n---\ncode: uga\n"))
    assert position == Position(2, 1)
    assert "expected a single document in the stream, but found another document" in message


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# only a comment\n", "---\n", "# Template\n---\n# fill in\n", "--- \n...\n"]
)
def test_empty_file_is_a_problem(text: str) -> None:
    document = read_yaml(text)
    assert only_problem(document) == (Position(1, 1), (), "the file is empty")
    assert document.data is None


def test_non_mapping_documents_are_read_as_they_are() -> None:
    """A list, a scalar or an explicit null is valid YAML; records.py refuses it as a record."""
    assert read_yaml("- a\n- b\n").data == ["a", "b"]
    assert read_yaml("just text\n").data == "just text"
    assert read_yaml("---\n''\n").data == ""
    for text in ("null\n", "--- ~\n"):
        document = read_yaml(text)
        assert document.problems == [] and document.data is None
