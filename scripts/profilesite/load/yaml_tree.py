"""Safe YAML reading that remembers where every key and value is, for editor messages.

PyYAML's safe constructor forgets positions and silently keeps the last of two duplicate keys; editors need
both, so we compose the node tree and build plain Python values from it ourselves. Only the standard YAML
tags are accepted: a tag that would build an object is an error, never executed. Aliases are refused.

Speed: the node tree is composed by libyaml (PyYAML's C parser) when it is available, about ten times
faster. The pure-Python loader stays the reference: a file with any problem, and the rare text libyaml
reads differently (an alias, a tag, a tab, see ``_python_only`` and ``_check_flow``), is read by it, so
data, messages and positions are the same with or without libyaml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

Path = tuple[str | int, ...]

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
_MAP_TAG = _STANDARD_TAG_PREFIX + "map"
_SEQ_TAG = _STANDARD_TAG_PREFIX + "seq"
_MERGE_TAG = _STANDARD_TAG_PREFIX + "merge"
_NULL_TAG = _STANDARD_TAG_PREFIX + "null"

_ALIASES = "aliases (*name) are not allowed in records; write the value out"
_MIXED = "a list item ('- ') and a 'key: value' line are mixed at the same indentation; check indentation"
_DATE_HINT = "write YYYY-MM-DD, e.g. 2019-03-01"
_NOUNS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "an empty value"}


class Position(NamedTuple):
    """1-based line and column in a file (a named tuple: a record has tens of thousands of them)."""

    line: int
    column: int

    @classmethod
    def of(cls, mark: yaml.Mark) -> Position:
        return cls(mark.line + 1, mark.column + 1)


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while reading: where, which field, what, and how to fix it."""

    position: Position
    path: Path
    message: str


@dataclass
class LocatedDocument:
    """Plain Python data read from a YAML file, with the position of each key and value."""

    data: Any
    value_positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """Position of ``path`` (its key when ``key``), else of the nearest enclosing node that exists."""
        table = self.key_positions if key else self.value_positions
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            found = table.get(prefix) or self.value_positions.get(prefix)
            if found:
                return found
        return Position(1, 1)


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loader that refuses aliases: records never need them, and they allow "billion laughs"."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, _ALIASES, event.start_mark)
        return super().compose_node(parent, index)


class _ScalarBuilder(yaml.constructor.SafeConstructor):
    """Builds one scalar with PyYAML's safe rules (dates, ints, bools) without touching documents."""


_SCALARS = _ScalarBuilder()


def _text(node: yaml.ScalarNode) -> str:
    return node.value


def _timestamp(node: yaml.ScalarNode) -> Any:
    value = node.value
    if len(value) == 10 and value[4] == "-" and value[7] == "-":  # YYYY-MM-DD, nearly every date
        return dt.date.fromisoformat(value)  # ValueError for 2019-02-30, as PyYAML's constructor
    return _SCALARS.construct_yaml_timestamp(node)


def _int(node: yaml.ScalarNode) -> Any:
    value = node.value
    if value.isascii() and value.isdigit() and (value == "0" or value[0] != "0"):  # not octal 017
        return int(value)
    return _SCALARS.construct_yaml_int(node)


#: How each accepted scalar tag is built: PyYAML's safe constructors, called directly (no object cache).
_SCALAR_BUILDERS: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _STANDARD_TAG_PREFIX + "str": _text,
    _STANDARD_TAG_PREFIX + "value": _text,  # a lone '=' (YAML 1.1 "value" key) is plain text here
    _NULL_TAG: _SCALARS.construct_yaml_null,
    _STANDARD_TAG_PREFIX + "bool": _SCALARS.construct_yaml_bool,
    _STANDARD_TAG_PREFIX + "int": _int,
    _STANDARD_TAG_PREFIX + "float": _SCALARS.construct_yaml_float,
    _STANDARD_TAG_PREFIX + "timestamp": _timestamp,
}


if yaml.__with_libyaml__:

    class _CLoader(yaml.CSafeLoader):
        """libyaml's safe loader; the tag of a plain scalar is remembered (keys repeat in every record)."""

        _plain_tags: dict[str, str] = {}

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode and implicit[0] and not self.yaml_path_resolvers:
                tags = self._plain_tags
                tag = tags.get(value)
                if tag is None:
                    if len(tags) > 100_000:
                        tags.clear()
                    tag = tags[value] = super().resolve(kind, value, implicit)
                return tag
            return super().resolve(kind, value, implicit)

    #: The C loader (libyaml), or None when PyYAML has none; tests set it to None to read with Python only.
    FAST_LOADER: type | None = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    FAST_LOADER = None


class _Fallback(Exception):
    """libyaml read what the Python reference refuses: a node shared by an alias, a '?' in a flow value."""


def _python_only(text: str) -> bool:
    """Texts libyaml may read differently from the pure-Python reference; they are rare, Python reads them.

    An alias is always written '*name' and a tag '!name' (libyaml reads a bare '!' apart from Python; tags
    are refused anyway); libyaml accepts a tab inside or after a value, which Python refuses, and counts a
    byte-order mark inside the text (not at its start) as a column, which Python does not.
    """
    return "*" in text or "!" in text or "\t" in text or "\ufeff" in text[1:]


def read_yaml(text: str) -> LocatedDocument:
    """Parse ``text``; problems (syntax, aliases, duplicate keys, unsafe tags) are collected, not raised.

    A hostile file nested thousands of levels deep exhausts the parser's recursion: that is reported as
    a problem like any other (records need a handful of levels), never as a traceback.
    """
    try:
        return _read_yaml(text)
    except RecursionError:
        message = "the file is nested far too deeply to be a record; check its indentation and brackets"
        return LocatedDocument(data=None, problems=[YamlProblem(Position(1, 1), (), message)])


def _read_yaml(text: str) -> LocatedDocument:
    """Parse ``text`` (see :func:`read_yaml`)."""
    if FAST_LOADER is not None and not _python_only(text):
        try:
            root = yaml.compose(text, Loader=FAST_LOADER)
            document = _document(root, seen=set())
        except (yaml.YAMLError, _Fallback):
            pass  # the reference loader below gives the message and position
        else:
            if not document.problems:
                return document
    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(error, text)
    except yaml.reader.ReaderError as error:
        where = _offset_position(text, error.position)
        message = f"the file holds a control character (#x{error.character:04x}) that YAML forbids; delete it"
        return LocatedDocument(data=None, problems=[YamlProblem(where, (), message)])
    except yaml.YAMLError as error:
        message = " ".join(f"not valid YAML: {error}".split())  # one line, whatever PyYAML printed
        return LocatedDocument(data=None, problems=[YamlProblem(Position(1, 1), (), message)])
    return _document(root, seen=None)


def _offset_position(text: str, offset: int) -> Position:
    """1-based line and column of character ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _document(root: yaml.Node | None, seen: set[int] | None) -> LocatedDocument:
    """Plain data of the tree under ``root``; ``seen`` (C loader only) catches nodes shared by aliases."""
    document = LocatedDocument(data=None)
    if root is None or (
        isinstance(root, yaml.ScalarNode) and root.tag == _NULL_TAG and not root.style and root.value == ""
    ):  # nothing, or nothing but '---' and comments
        document.problems.append(YamlProblem(Position(1, 1), (), "the file is empty"))
        return document
    document.data = _build(root, (), document, seen)
    return document


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> LocatedDocument:
    """One problem for a YAML syntax error, where an editor finds it, in words an editor understands."""
    mark = error.problem_mark
    if mark is None or (mark.index >= len(text) and error.context_mark is not None):
        # "found unexpected end of stream": what is unclosed starts at the context mark
        mark = error.context_mark
    where = Position.of(mark) if mark else Position(1, 1)
    problem = error.problem or "invalid YAML"
    if problem == _ALIASES:
        reason = problem
    elif problem in ("expected <block end>, but found '-'", "expected <block end>, but found '?'"):
        reason = _MIXED
    else:
        reason = f"{error.context}, {problem}" if error.context else problem
        reason += "; check indentation and quotes"
    return LocatedDocument(data=None, problems=[YamlProblem(where, (), f"YAML syntax error: {reason}")])


def _build(node: yaml.Node, path: Path, document: LocatedDocument, seen: set[int] | None) -> Any:
    if seen is not None:
        if id(node) in seen:
            raise _Fallback
        seen.add(id(node))
    mark = node.start_mark
    document.value_positions[path] = Position(mark.line + 1, mark.column + 1)
    tag = node.tag
    if isinstance(node, yaml.MappingNode):
        if tag != _MAP_TAG:
            return _unsafe(node, path, document)
        if seen is not None and node.flow_style:
            _check_flow([item for pair in node.value for item in pair])
        return _build_mapping(node, path, document, seen)
    if isinstance(node, yaml.SequenceNode):
        if tag != _SEQ_TAG:
            return _unsafe(node, path, document)
        if seen is not None and node.flow_style:
            _check_flow(node.value)
        return [_build(item, path + (index,), document, seen) for index, item in enumerate(node.value)]
    builder = _SCALAR_BUILDERS.get(tag)
    if builder is None:
        return _unsafe(node, path, document)
    try:
        return builder(node)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
        document.problems.append(YamlProblem(Position.of(node.start_mark), path, _unreadable(node)))
        return node.value


def _check_flow(items: list[yaml.Node]) -> None:
    """Plain values in [ ] and { } that libyaml reads differently from the pure-Python reference.

    Python ends a plain value at '?' (then refuses the '?'), libyaml reads on; an empty value (``{a: }``)
    is placed one column apart.
    """
    for item in items:
        if isinstance(item, yaml.ScalarNode) and not item.style and ("?" in item.value or not item.value):
            raise _Fallback


def _unreadable(node: yaml.ScalarNode) -> str:
    """Message for a scalar PyYAML cannot build (an impossible date, a bad explicit tag like !!int x)."""
    kind = node.tag.removeprefix(_STANDARD_TAG_PREFIX)
    if kind == "timestamp":
        return f'"{node.value}" is not a real date; {_DATE_HINT}'
    return f'"{node.value}" cannot be read as {_NOUNS.get(kind, kind)}; write a plain value'


def _build_mapping(
    node: yaml.MappingNode, path: Path, document: LocatedDocument, seen: set[int] | None
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if seen is not None:
            if id(key_node) in seen:
                raise _Fallback
            seen.add(id(key_node))
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
            document.problems.append(
                YamlProblem(
                    Position.of(key_node.start_mark), path, "keys must be plain words; write key: value"
                )
            )
            continue
        key = str(key_node.value)
        child = path + (key,)
        if key in result:
            first = document.key_positions[child]
            document.problems.append(
                YamlProblem(
                    Position.of(key_node.start_mark),
                    child,
                    f"duplicate key (first at line {first.line}); keep one of them",
                )
            )
            continue
        mark = key_node.start_mark
        document.key_positions[child] = Position(mark.line + 1, mark.column + 1)
        result[key] = _build(value_node, child, document, seen)
    return result


def _unsafe(node: yaml.Node, path: Path, document: LocatedDocument) -> None:
    tag = node.tag or ""
    if tag.startswith(_STANDARD_TAG_PREFIX):
        tag = "!!" + tag.removeprefix(_STANDARD_TAG_PREFIX)  # as the editor wrote it
    document.problems.append(
        YamlProblem(
            Position.of(node.start_mark),
            path,
            f"the tag {tag!r} is not allowed in records; remove it and write a plain value",
        )
    )
    return None
