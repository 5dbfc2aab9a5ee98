"""Read the record files into models, turning every mistake into an editor problem (never a traceback)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from profilesite.load.messages import describe
from profilesite.load.yaml_tree import LocatedDocument, Position, YamlProblem, read_yaml
from profilesite.model import Party, Vocabulary
from profilesite.problems import Problem, field_path

VOCABULARY_FILE = "_vocabulary.yaml"


@dataclass
class LoadedRecord:
    """A record file: its display path, what it says, where each value is, and its model if valid."""

    path: str
    document: LocatedDocument
    party: Party | None = None

    def problem(self, location: tuple[str | int, ...], message: str, *, key: bool = False) -> Problem:
        """A problem at ``location`` in this file."""
        where = self.document.position(location, key=key)
        return Problem(self.path, where.line, where.column, field_path(location), message)


@dataclass
class RecordSet:
    """Everything read from ``profiles/``: the vocabulary, the records, and every problem found."""

    vocabulary: Vocabulary | None
    vocabulary_record: LoadedRecord | None
    records: dict[str, LoadedRecord] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def parties(self) -> dict[str, Party]:
        """Valid party models by code."""
        return {code: record.party for code, record in self.records.items() if record.party is not None}


def display_path(path: Path, root: Path) -> str:
    """Path shown to editors: relative to the repository root where possible."""
    return _display(path, path.resolve(), root.resolve())


def display_resolved(path: Path, base: Path) -> str:
    """:func:`display_path` of a ``path`` and root ``base`` both already resolved (no file system calls)."""
    return _display(path, path, base)


def _display(path: Path, resolved: Path, base: Path) -> str:
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def expand(paths: Iterable[Path]) -> list[Path]:
    """Record files named by ``paths``: files as given, folders expanded to their ``*.yaml``."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")))
        else:
            files.append(path)
    return files


def read_record(path: Path, shown: str) -> LoadedRecord:
    """The file at ``path`` (shown to editors as ``shown``) read as located YAML; never raises."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        document = LocatedDocument(
            data=None, problems=[_yaml_problem(f"cannot read the file: {error.strerror}")]
        )
        return LoadedRecord(shown, document)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start}); save the file as UTF-8"
        problem = YamlProblem(_byte_position(raw, error.start), (), message)
        return LoadedRecord(shown, LocatedDocument(data=None, problems=[problem]))
    return LoadedRecord(shown, read_yaml(text))


def _yaml_problem(message: str) -> YamlProblem:
    return YamlProblem(Position(1, 1), (), message)


def _byte_position(raw: bytes, offset: int) -> Position:
    """Line and column (in characters, as editors count them) of the byte at ``offset``.

    The bytes before the first undecodable one are valid UTF-8, so the line's start decodes exactly.
    """
    line_start = raw.rfind(b"\n", 0, offset) + 1
    before = raw[line_start:offset].decode("utf-8", errors="replace")
    if line_start == 0:
        before = before.removeprefix("\ufeff")  # a byte-order mark is not a column, as in the YAML reader
    return Position(raw.count(b"\n", 0, offset) + 1, len(before) + 1)


def validate_model(
    record: LoadedRecord, model: type[BaseModel], first_cluster: str | None = None, what: str = "a record"
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a record's data against ``model``; every error becomes a located problem.

    ``first_cluster``: the vocabulary's first cluster key, for the message to a record in the old
    single-review shape. ``what``: the kind of file, as the message on a file that is no mapping names it.
    """
    problems = [
        Problem(record.path, item.position.line, item.position.column, field_path(item.path), item.message)
        for item in record.document.problems
    ]
    data = record.document.data
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [record.problem((), f"{what} must be a group of 'field: value' lines")]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        for item in error.errors():
            location = _data_location(item["loc"], data)
            message = describe(item, model, location, first_cluster=first_cluster)
            problems.append(record.problem(location, message, key=item["type"] == "extra_forbidden"))
        return None, problems


def _data_location(loc: tuple, data: object) -> tuple[str | int, ...]:
    """The part of a pydantic location that names keys and indexes of the data.

    Pydantic inserts the names of constrained or union types into locations ("function-after[...]"); an
    editor sees only the keys they wrote. Walking the data tells the two apart, even for a key like "[".
    """
    kept: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            kept.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            kept.append(part)
            current = current[part]
        elif index == len(loc) - 1 and isinstance(part, str) and isinstance(current, dict):
            kept.append(part)  # a missing field: named by the model, absent from the data
    return tuple(kept)


def load_records(paths: Iterable[Path], root: Path) -> RecordSet:
    """Load the vocabulary and every record named by ``paths``; collect all problems, raise none."""
    files = expand(paths)
    vocabulary_files = [path for path in files if path.name == VOCABULARY_FILE]
    folders = {path.parent for path in files}
    if not vocabulary_files:
        vocabulary_files = [
            folder / VOCABULARY_FILE for folder in sorted(folders) if (folder / VOCABULARY_FILE).exists()
        ]
    records = RecordSet(vocabulary=None, vocabulary_record=None)
    base = root.resolve()  # once, not per file

    def read(path: Path) -> LoadedRecord:
        return read_record(path, _display(path, path.resolve(), base))

    if vocabulary_files:
        vocabulary_record = read(vocabulary_files[0])
        vocabulary, problems = validate_model(vocabulary_record, Vocabulary)
        records.vocabulary = vocabulary  # type: ignore[assignment]
        records.vocabulary_record = vocabulary_record
        records.problems.extend(problems)
    for path in files:
        if path.name == VOCABULARY_FILE:
            continue
        record = read(path)
        first_cluster = records.vocabulary.clusters[0].key if records.vocabulary else None
        party, problems = validate_model(record, Party, first_cluster)
        records.problems.extend(problems)
        record.party = party  # type: ignore[assignment]
        records.records[path.stem] = record
    return records
