"""Validation of the whole record set: load, model, cross-record rules; every problem at once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from profilesite.checks.rules import check_all
from profilesite.load.records import (
    VOCABULARY_FILE,
    RecordSet,
    display_path,
    display_resolved,
    expand,
    load_records,
)
from profilesite.problems import Problem, report
from profilesite.views.parties import PartyIndex


def validate(paths: Iterable[Path], root: Path) -> tuple[RecordSet, list[Problem]]:
    """Validate the records named by ``paths``.

    Cross-record rules need the whole set (a reviewer must be a party), so the folders of the named files
    are read too; only problems of the named files are reported, so an editor checking one file sees that
    file's mistakes.
    """
    named = [path.resolve() for path in expand(paths)]
    folders = sorted({path.parent for path in named})
    everything = sorted({*named, *(file.resolve() for folder in folders for file in folder.glob("*.yaml"))})
    records = load_records(everything, root)
    # a contact key is reported by the model (as not a field) and by the contact rule: say it once
    problems = list(dict.fromkeys(records.problems + check_all(records)))
    if records.vocabulary is None and not records.problems:
        where = display_path((folders[0] if folders else root) / VOCABULARY_FILE, root)
        problems.append(Problem(where, 1, 1, "", "the vocabulary file is missing; restore it from git"))
    base = root.resolve()
    shown = {display_resolved(path, base) for path in named}  # resolved above: no second round of calls
    shown |= {display_path(folder / VOCABULARY_FILE, root) for folder in folders}
    return records, [problem for problem in problems if problem.file in shown]


class InvalidRecords(Exception):
    """The records have problems, so nothing may be built; the message is the editors' report."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(set(problems))
        super().__init__("\n".join(report(problems)) + f"\n{count} problem(s); nothing was built.")


def load_index(folder: Path, root: Path) -> PartyIndex:
    """Validate every record in ``folder`` and index them; raises InvalidRecords on any problem.

    The one way the build, the preview and the plugin get their records.
    """
    records, problems = validate([folder], root)
    if problems or records.vocabulary is None:
        raise InvalidRecords(problems)
    return PartyIndex(records.parties, records.vocabulary)
