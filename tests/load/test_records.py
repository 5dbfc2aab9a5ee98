"""Unit tests of :mod:`profilesite.load.records`: reading one file, whatever is wrong with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from profilesite.load.records import load_records
from profilesite.load.yaml_tree import Position


@pytest.mark.parametrize(
    ("raw", "position", "offset"),
    [
        (b"code: ken\nnote: donn\xe9es\n", Position(2, 11), 20),
        (b"\xff\xfecode: ken\n", Position(1, 1), 0),
        (b"a: 1\nb: 2\nc: \xc3\xa9t\xc3\xa9 \xe9\n", Position(3, 8), 19),  # columns count characters
        (b"\xef\xbb\xbfnote: \xe9\n", Position(1, 7), 9),  # a byte-order mark is not a column
    ],
    ids=["latin-1", "utf-16-mark", "after-accents", "after-bom"],
)
def test_text_that_is_not_utf8_is_reported_at_the_bad_byte(
    raw: bytes, position: Position, offset: int, tmp_path: Path
) -> None:
    path = tmp_path / "ken.yaml"
    path.write_bytes(raw)
    records = load_records([path], tmp_path)
    assert records.records["ken"].document.data is None
    [problem] = records.problems
    assert (problem.file, problem.line, problem.column) == ("ken.yaml", *position)
    assert problem.field == ""
    assert problem.message == f"not UTF-8 text (byte {offset}); save the file as UTF-8"


def test_unreadable_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    [problem] = load_records([tmp_path / "missing.yaml"], tmp_path).problems
    assert (problem.line, problem.column) == Position(1, 1)
    assert problem.message.startswith("cannot read the file: ")
