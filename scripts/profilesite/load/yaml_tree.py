"""Safe YAML reading that remembers where every key and value is, for editor messages.

PyYAML's safe constructor forgets positions and silently keeps the last of two duplicate keys; editors need
both, so we compose the node tree and build plain Python values from it ourselves. Only the standard YAML
tags are accepted: a tag that would build an object is an error, never executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}


@dataclass(frozen=True)
class Position:
    """1-based line and column in a file."""

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
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed in records; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


class _ScalarBuilder(yaml.constructor.SafeConstructor):
    """Builds one scalar with PyYAML's safe rules (dates, ints, bools) without touching documents."""


def read_yaml(text: str) -> LocatedDocument:
    """Parse ``text``; problems (syntax, duplicate keys, unsafe tags) are collected, not raised."""
    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Position.of(mark) if mark else Position(1, 1)
        reason = error.problem or "invalid YAML"
        if not reason.startswith("aliases"):
            reason += "; check indentation and quotes"
        return LocatedDocument(
            data=None,
            problems=[YamlProblem(where, (), f"YAML syntax error: {reason}")],
        )
    except yaml.YAMLError as error:
        return LocatedDocument(
            data=None, problems=[YamlProblem(Position(1, 1), (), f"not valid YAML: {error}")]
        )
    document = LocatedDocument(data=None)
    if root is None:
        document.problems.append(YamlProblem(Position(1, 1), (), "the file is empty"))
        return document
    document.data = _build(root, (), document, _ScalarBuilder())
    return document


def _build(node: yaml.Node, path: Path, document: LocatedDocument, scalars: _ScalarBuilder) -> Any:
    document.value_positions[path] = Position.of(node.start_mark)
    tag = node.tag or ""
    short_tag = tag.removeprefix(_STANDARD_TAG_PREFIX)
    if isinstance(node, yaml.MappingNode):
        if short_tag not in ("map",):
            return _unsafe(node, path, document)
        return _build_mapping(node, path, document, scalars)
    if isinstance(node, yaml.SequenceNode):
        if short_tag != "seq":
            return _unsafe(node, path, document)
        return [_build(item, path + (index,), document, scalars) for index, item in enumerate(node.value)]
    if not tag.startswith(_STANDARD_TAG_PREFIX) or short_tag not in _SCALAR_TAGS:
        return _unsafe(node, path, document)
    try:
        return scalars.construct_object(node)
    except (yaml.constructor.ConstructorError, ValueError) as error:
        document.problems.append(
            YamlProblem(Position.of(node.start_mark), path, f"{node.value!r} cannot be read: {error}")
        )
        return node.value


def _build_mapping(
    node: yaml.MappingNode, path: Path, document: LocatedDocument, scalars: _ScalarBuilder
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _STANDARD_TAG_PREFIX + "merge":
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
        document.key_positions[child] = Position.of(key_node.start_mark)
        result[key] = _build(value_node, child, document, scalars)
    return result


def _unsafe(node: yaml.Node, path: Path, document: LocatedDocument) -> None:
    document.problems.append(
        YamlProblem(
            Position.of(node.start_mark),
            path,
            f"the tag {node.tag!r} is not allowed in records; remove it and write a plain value",
        )
    )
    return None
