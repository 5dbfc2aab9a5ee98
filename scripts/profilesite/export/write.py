"""Write the language-neutral downloads once per build: CSV tables, JSON records, dictionary, manifest.

Stable addresses under ``/downloads/``, from :mod:`profilesite.routes`; deterministic bytes (sorted, no build
time), so two builds of one commit give identical files.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from pathlib import Path

from profilesite import routes
from profilesite.export.csv_cells import csv_text
from profilesite.export.tables import Table, dictionary_rows, party_responses, published_record, tables
from profilesite.views.parties import PartyIndex

LICENCE = (
    "No licence has been chosen yet for this compilation; "
    "treaty facts are public United Nations information. "
    "Review data marked sample are a demonstration, not facts."
)


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    """CSV bytes, formula-like text cells neutralised (see :mod:`profilesite.export.csv_cells`)."""
    return csv_text(header, rows).encode("utf-8")


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def _json(value: object) -> bytes:
    return (_json_text(value) + "\n").encode("utf-8")


def _all_records_json(as_of: str, records: list[str]) -> bytes:
    """``profiles.json``, exactly as ``_json({"as_of": as_of, "parties": [...]})`` writes it.

    Built from the records' own JSON texts (each already encoded for its party's file) rather than
    encoding them all again: indented JSON is encoded in pure Python, and this halves that work.
    """
    if not records:
        return _json({"as_of": as_of, "parties": []})
    items = ",\n".join("    " + text.replace("\n", "\n    ") for text in records)
    return f'{{\n  "as_of": {json.dumps(as_of)},\n  "parties": [\n{items}\n  ]\n}}\n'.encode()


def _table_bytes(table: Table) -> bytes:
    return _csv(table.header(), table.rows())


#: The last record set's downloads, while that record set lives: a build process writes them and lists them
#: on the downloads page of each language it builds (render/includes.py), from the same bytes.
_last: tuple[weakref.ref[PartyIndex], dict[str, bytes]] | None = None


def download_files(index: PartyIndex) -> dict[str, bytes]:
    """Every download (path from the site root, ``downloads/...`` -> bytes), the manifest last.

    Made once per record set and process: do not change the mapping returned.
    """
    global _last
    if _last is not None and _last[0]() is index:
        return _last[1]
    files = _download_files(index)
    _last = (weakref.ref(index), files)
    return files


def _download_files(index: PartyIndex) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for table in tables(index):
        files[routes.table_download(table.name)] = _table_bytes(table)
    records = {
        code: _json_text(published_record(index.parties[code], party_responses(index, code)))
        for code in sorted(index.parties)
    }
    files[routes.download(routes.ALL_RECORDS)] = _all_records_json(
        index.as_of.isoformat(), list(records.values())
    )
    for code, text in records.items():
        files[routes.party_download(code)] = (text + "\n").encode("utf-8")
        for table in tables(index, [code]):
            if table.items:
                files[routes.party_download(code, table.name)] = _table_bytes(table)
    files[routes.download(routes.DATA_DICTIONARY)] = _csv(
        ["table", "column", "description"], dictionary_rows(index.vocabulary)
    )
    files[routes.download(routes.MANIFEST)] = _json(
        {
            "as_of": index.as_of.isoformat(),
            "licence": LICENCE,
            "sample_data": index.has_sample or any(item.sample for item in index.responses.values()),
            "files": [
                {"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                for path, data in sorted(files.items())
            ],
        }
    )
    return files


def write_downloads(index: PartyIndex, site: Path) -> set[str]:
    """Write the downloads into ``site/downloads/``; returns their paths relative to ``site``.

    Existing files are rewritten in place (the build may hand over the previous site's folder).
    """
    files = download_files(index)
    folders: set[Path] = set()
    for name, data in files.items():
        path = site / name
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_bytes(data)
    return set(files)
