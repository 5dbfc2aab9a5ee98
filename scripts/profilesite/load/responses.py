"""Read the published questionnaire responses, ``<records>/responses/<code>/<cluster>.yaml``, into models.

The path names the party and the cluster (the file does not repeat them). Files are read with the same
safe, position-keeping YAML reader as the party records; a file too large to be a response is refused
before it is read, so a mistaken copy of a 20 MB document costs nothing and says what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from profilesite.load.records import (
    VOCABULARY_FILE,
    LoadedRecord,
    display_resolved,
    read_record,
    validate_model,
)
from profilesite.load.yaml_tree import LocatedDocument, Position, YamlProblem
from profilesite.model.response import Responses
from profilesite.problems import Problem

#: Folder of the response files, inside the records folder (``profiles/responses``).
RESPONSES_DIR = "responses"
#: Largest response file read, in bytes; a larger one is refused unread (answers are capped at
#: ``model.response.MAX_TEXT`` characters each, so a real file stays far below this).
MAX_FILE_BYTES = 2_000_000
#: File name endings taken for response files; ``.yml`` is found only to say it must be renamed.
_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedResponses:
    """A response file: where it is, the party and cluster its path names, and its model if valid."""

    record: LoadedRecord
    code: str
    cluster: str
    responses: Responses | None = None

    @property
    def path(self) -> str:
        """The file as editors see it (relative to the repository root)."""
        return self.record.path


def responses_root(path: Path) -> Path | None:
    """The ``responses`` folder ``path`` lies in (or is), or None.

    A ``responses`` folder is one next to the vocabulary file: a records folder's, never an unrelated
    folder of that name higher up (say, a checkout under ``~/responses/``).
    """
    for folder in (path, *path.parents):
        if folder.name == RESPONSES_DIR and (folder.parent / VOCABULARY_FILE).is_file():
            return folder
    return None


def is_response_file(path: Path) -> bool:
    """Whether ``path`` lies in a records folder's ``responses`` folder."""
    return responses_root(path.resolve().parent) is not None


def response_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` that looks like a response, at any depth.

    ``folder`` is a records folder, its ``responses`` folder or a folder in it; a file in the wrong place
    is found too, so that it can be reported.
    """
    root = responses_root(folder.resolve())
    if root is None:
        folder = folder / RESPONSES_DIR
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.suffix in _SUFFIXES and path.is_file())


def load_responses(paths: Iterable[Path], root: Path) -> tuple[list[LoadedResponses], list[Problem]]:
    """Load every response file of ``paths``; returns the files in a proper place and all problems.

    A file outside ``responses/<code>/<cluster>.yaml`` is reported, not loaded: its path names no party
    or cluster.
    """
    base = root.resolve()
    loaded: list[LoadedResponses] = []
    problems: list[Problem] = []
    for path in paths:
        resolved = path.resolve()
        shown = display_resolved(resolved, base)
        misplaced = _misplaced(resolved)
        if misplaced:
            problems.append(Problem(shown, 1, 1, "", misplaced))
            continue
        record = _read(path, shown)
        responses, found = validate_responses(record)
        problems.extend(found)
        loaded.append(LoadedResponses(record, resolved.parent.name, resolved.stem, responses))
    return loaded, problems


def _misplaced(path: Path) -> str | None:
    """Why a file found under ``responses/`` is not where a response file goes, or None."""
    where = "a response file goes in responses/<party code>/<cluster key>.yaml"
    if path.suffix != ".yaml":
        return f"name the file {path.stem}.yaml; {where}"
    if path.parent.parent.name != RESPONSES_DIR:
        return f"{where}, e.g. responses/ken/criminalization.yaml"
    return None


def _read(path: Path, shown: str) -> LoadedRecord:
    """The file's located document, or a single problem at 1:1 when it is too large or not a file."""
    try:
        status = path.stat()
        regular = path.is_file()
    except OSError as error:
        return _unreadable(shown, f"cannot read the file: {error.strerror}")
    if not regular:
        return _unreadable(shown, "not a regular file; a response is a YAML text file")
    if status.st_size > MAX_FILE_BYTES:
        size = status.st_size / 1_000_000
        limit = MAX_FILE_BYTES // 1_000_000
        return _unreadable(
            shown,
            f"the file is {size:.1f} MB, larger than the {limit} MB a response file may be; it was not read."
            " Check that it is the right file, or shorten the answers",
        )
    return read_record(path, shown)


def _unreadable(shown: str, message: str) -> LoadedRecord:
    return LoadedRecord(
        shown, LocatedDocument(data=None, problems=[YamlProblem(Position(1, 1), (), message)])
    )


def validate_responses(record: LoadedRecord) -> tuple[Responses | None, list[Problem]]:
    """Validate a response file against :class:`Responses`; every error becomes a located problem."""
    responses, problems = validate_model(record, Responses, what="a response file")
    return responses, problems  # type: ignore[return-value]
