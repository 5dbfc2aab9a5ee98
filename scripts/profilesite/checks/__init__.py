"""Validation of the whole record set: load, model, cross-record rules; every problem at once.

The set is the party records, the vocabulary and the published questionnaire responses
(``responses/<code>/<cluster>.yaml`` in the records folder), checked together.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from profilesite.checks.responses import check_responses
from profilesite.checks.rules import check_all
from profilesite.load.records import (
    VOCABULARY_FILE,
    RecordSet,
    display_path,
    display_resolved,
    expand,
    load_records,
)
from profilesite.load.responses import (
    LoadedResponses,
    is_response_file,
    load_responses,
    response_files,
    responses_root,
)
from profilesite.problems import Problem, report
from profilesite.views.parties import PartyIndex


def validate(paths: Iterable[Path], root: Path) -> tuple[RecordSet, list[Problem]]:
    """Validate the records and response files named by ``paths``.

    Cross-record rules need the whole set (a reviewer must be a party, a response needs its party's
    review), so the folders of the named files are read too; only problems of the named files are
    reported, so an editor checking one file sees that file's mistakes. A records folder named includes
    its response files.
    """
    records, _, problems = _validate(paths, root)
    return records, problems


def _validate(paths: Iterable[Path], root: Path) -> tuple[RecordSet, list[LoadedResponses], list[Problem]]:
    """:func:`validate`, also returning the response files read."""
    named, named_responses = _split(paths)
    response_folders = {responses_root(path.resolve().parent) for path in named_responses}
    folders = sorted(
        {path.parent for path in named} | {folder.parent for folder in response_folders if folder is not None}
    )
    everything = sorted({*named, *(file.resolve() for folder in folders for file in folder.glob("*.yaml"))})
    records = load_records(everything, root)
    # a contact key is reported by the model (as not a field) and by the contact rule: say it once
    problems = list(dict.fromkeys(records.problems + check_all(records)))
    if records.vocabulary_record is None:  # whatever else is wrong: without it nothing can be checked
        where = display_path((folders[0] if folders else root) / VOCABULARY_FILE, root)
        problems.append(Problem(where, 1, 1, "", "the vocabulary file is missing; restore it from git"))
    responses, found = load_responses(named_responses, root)
    problems.extend(dict.fromkeys(found + check_responses(responses, records)))
    base = root.resolve()
    shown = {display_resolved(path, base) for path in named}  # resolved above: no second round of calls
    shown |= {display_resolved(path.resolve(), base) for path in named_responses}
    shown |= {display_path(folder / VOCABULARY_FILE, root) for folder in folders}
    return records, responses, [problem for problem in problems if problem.file in shown]


def _split(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The named party records (resolved) and response files.

    A records folder gives both, a folder in ``responses/`` its response files.
    """
    records: list[Path] = []
    responses: list[Path] = []
    for path in paths:
        if path.is_dir() and responses_root(path.resolve()) is not None:
            responses.extend(response_files(path))
        elif path.is_dir():
            records.extend(expand([path]))
            responses.extend(response_files(path))
        elif is_response_file(path):
            responses.append(path)
        else:
            records.append(path)
    return [path.resolve() for path in records], responses


class InvalidRecords(Exception):
    """The records have problems, so nothing may be built; the message is the editors' report."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(set(problems))
        super().__init__("\n".join(report(problems)) + f"\n{count} problem(s); nothing was built.")


def load_index(folder: Path, root: Path) -> PartyIndex:
    """Validate every record and response file in ``folder`` and index them.

    Raises InvalidRecords on any problem in any file: nothing is built from a set with a mistake.

    The one way the build, the preview and the plugin get their records.
    """
    records, responses, problems = _validate([folder], root)
    if problems or records.vocabulary is None:
        raise InvalidRecords(problems)
    published = {
        (file.code, file.cluster): file.responses for file in responses if file.responses is not None
    }
    return PartyIndex(records.parties, records.vocabulary, responses=published)
