"""The libyaml fast path of :mod:`profilesite.load.yaml_tree` reads exactly what the pure-Python reader reads.

``read_yaml`` composes with libyaml and falls back to the pure-Python loader (the reference) for any file
with a problem or a ``*``; these tests hold the two paths to the same data, positions and problems.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from profilesite.load import yaml_tree
from profilesite.load.yaml_tree import Position, read_yaml

pytestmark = pytest.mark.skipif(yaml_tree.FAST_LOADER is None, reason="PyYAML was built without libyaml")

REPOSITORY = Path(__file__).resolve().parents[2]
RECORD = "code: ken\nreview:\n  group: 1\n  reviewers: [uga, fra]\ndocuments:\n  - kind: summary\n"


def _record_texts() -> list:
    """Every record of the repository (shipped and fixtures) that is UTF-8 text."""
    paths = sorted(REPOSITORY.glob("profiles/*.yaml")) + sorted(REPOSITORY.glob("tests/fixtures/**/*.yaml"))
    texts = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        texts.append(pytest.param(text, id=path.relative_to(REPOSITORY).as_posix()))
    return texts


def _python_only(text: str, monkeypatch: pytest.MonkeyPatch) -> yaml_tree.LocatedDocument:
    with monkeypatch.context() as patch:
        patch.setattr(yaml_tree, "FAST_LOADER", None)
        return read_yaml(text)


def test_every_record_reads_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _record_texts()
    assert len(texts) > 180
    for param in texts:
        [text] = param.values
        assert read_yaml(text) == _python_only(text, monkeypatch), param.id


@pytest.mark.parametrize(
    "text",
    [
        "a: é\nb: 😀 x\nc: [😀, y]\n",  # columns count characters, not bytes
        "\ufeffcode: ken\nkind: state\n",  # byte-order mark
        "a: 'x'\nb: \"y\"\nc: |\n  one\n  two\nd: >\n  folded\n",  # quoted and block scalars
        "a: 0o17\nb: 0x1F\nc: 1_000\nd: 1e3\ne: .inf\nf: yes\ng: ~\nh: 2024-02-29T10:30:00Z\n",
        "a: !!str 2024-02-29\nb: !!int '7'\n",
        "a:\r\n  b: 1\r\n",  # Windows line ends
        "%YAML 1.1\n---\na: 1\n",
        # where libyaml alone would read differently; these go to the pure-Python reader
        "reviewers: [f?ra, arg]\n",  # Python ends a plain value at '?' in [ ] and refuses the '?'
        "a: {key: fr, letter: }\n",  # an empty value in { } is placed one column apart
        "group: !\n",  # a bare '!' tag: null in Python, '' in libyaml
        "title: UN\tTreaty\n",  # a tab inside a value: refused by Python
        "code: ken\nkind: st\ufeffate\n",  # a byte-order mark inside the text: not a column in Python
    ],
)
def test_tricky_texts_read_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_yaml(text) == _python_only(text, monkeypatch)


def test_a_clean_record_is_read_by_libyaml_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refused(yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            raise AssertionError("the pure-Python loader was used for a clean record")

    monkeypatch.setattr(yaml_tree, "_NoAliasLoader", Refused)
    document = read_yaml(RECORD)
    assert document.problems == []
    assert document.value_positions[("documents", 0, "kind")] == Position(6, 11)


def test_nodes_shared_by_an_alias_are_refused_by_the_builder() -> None:
    """Defence in depth: libyaml resolves an alias to the same node; the builder stops at its second visit."""
    for text in ("a: &x [1, 2]\nb: *x\n", "a: &x [1, *x]\n", "&k a: 1\n*k : 2\n"):
        root = yaml.compose(text, Loader=yaml_tree.FAST_LOADER)
        with pytest.raises(yaml_tree._Fallback):
            yaml_tree._document(root, seen=set())


@pytest.mark.parametrize(
    ("text", "position"),
    [("a: 1\nb: *nowhere\n", Position(2, 4)), ("a: &x 1\nb: *x\n", Position(2, 4))],
)
def test_aliases_are_refused_at_their_position(text: str, position: Position) -> None:
    [problem] = read_yaml(text).problems
    assert (problem.position, problem.path) == (position, ())
    assert "aliases (*name) are not allowed" in problem.message


def test_star_in_text_is_read_normally() -> None:
    document = read_yaml("note: '* see below'\ntitle: a*b\n")
    assert document.problems == []
    assert document.data == {"note": "* see below", "title": "a*b"}
