"""CSV text every download and chart file is written with, safe to open in a spreadsheet.

Published questionnaire answers are free text: an answer beginning ``=`` or ``@`` would be read by a
spreadsheet as a formula (CSV injection). As OWASP recommends, a text cell beginning with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a single quote in front, which spreadsheets show as text; the
JSON records keep the text unchanged. Numbers are written as numbers (a count is never text here).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

#: First characters a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value``, with a single quote in front when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A CSV document (line feeds end the lines), every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(cell) for cell in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue()
