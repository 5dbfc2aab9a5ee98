"""The downloads page's list of files: every download, with its format, size, SHA-256 and description.

Sizes and checksums are read from the manifest the build publishes (``downloads/manifest.json``), made from
the same bytes (:func:`profilesite.export.write.download_files`), so the page and the files cannot
disagree; the manifest itself, which cannot list itself, is measured from its bytes. Descriptions are
English messages, translated where the page shows them: a table's is its description in export/tables.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from profilesite import routes
from profilesite.export.tables import tables
from profilesite.export.write import download_files
from profilesite.i18n.catalogs import N_
from profilesite.views.parties import PartyIndex

#: Descriptions of the downloads that are not tables (messages for the catalogs).
ALL_RECORDS_TEXT = N_(
    "Every party's record as published, in one file, with its published responses to the questionnaire."
)
DICTIONARY_TEXT = N_("What each column of the CSV tables holds: table, column and description.")
MANIFEST_TEXT = N_(
    "Every other download with its size in bytes and SHA-256 checksum, the date the data hold as of,"
    " the licence status and whether the data include a demonstration sample."
)

FORMATS = {".csv": "CSV", ".json": "JSON"}


@dataclass(frozen=True)
class Download:
    """One downloadable file: its path from the site root, size in bytes, SHA-256, and what it holds.

    ``description``: an English message (translated where shown), for the files of the whole data set;
    a party's files are described together (its record, and its rows of the table a CSV is named after).
    ``party``: the code of the party a per-party file is about, else None.
    """

    path: str
    size: int
    sha256: str
    description: str = ""
    party: str | None = None

    @property
    def format(self) -> str:
        """'CSV' or 'JSON', from the file's extension."""
        return FORMATS["." + self.path.rpartition(".")[2]]

    @property
    def name(self) -> str:
        """The path under the downloads folder: 'parties.csv', 'profiles/ken/reviews.csv'."""
        return self.path.removeprefix(routes.DOWNLOADS)


def listing(index: PartyIndex) -> tuple[list[Download], list[Download]]:
    """The downloads of the whole data set (tables, all records, dictionary, manifest), then per party.

    Every file the build writes under the downloads folder is in one of the two lists (the per-party ones
    by party code, then path); a file this module cannot describe fails (a new kind of download needs a
    description here).
    """
    files = download_files(index)
    manifest_path = routes.download(routes.MANIFEST)
    manifest = json.loads(files[manifest_path])
    measured = {item["path"]: (item["bytes"], item["sha256"]) for item in manifest["files"]}
    data = files[manifest_path]
    measured[manifest_path] = (len(data), hashlib.sha256(data).hexdigest())
    table_text = {table.name: table.description for table in tables(PartyIndex({}, index.vocabulary), [])}

    whole: list[Download] = []
    for name, text in table_text.items():
        path = routes.table_download(name)
        whole.append(Download(path, *measured.pop(path), text))
    for path, text in (
        (routes.download(routes.ALL_RECORDS), ALL_RECORDS_TEXT),
        (routes.download(routes.DATA_DICTIONARY), DICTIONARY_TEXT),
        (manifest_path, MANIFEST_TEXT),
    ):
        whole.append(Download(path, *measured.pop(path), text))
    per_party: list[Download] = []
    for code in sorted(index.parties):
        path = routes.party_download(code)
        per_party.append(Download(path, *measured.pop(path), party=code))
        for name in table_text:
            path = routes.party_download(code, name)
            if path in measured:
                per_party.append(Download(path, *measured.pop(path), party=code))
    if measured:
        raise ValueError(f"downloads without a description on the downloads page: {sorted(measured)[:5]}")
    return whole, per_party
