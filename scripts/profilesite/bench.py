"""The benchmark: full builds of the shipped data and of a synthetic set N times larger.

Prints seconds, pages per second and peak memory for each, and the validation time. The synthetic set
clones every record N times under new three-letter codes (reviewers remapped within each clone, so every
rule still holds) and builds it in a temporary copy of the project, never touching ``profiles/`` or ``site/``.
"""

from __future__ import annotations

import itertools
import resource
import shutil
import string
import tempfile
import time
from pathlib import Path

import yaml

from profilesite.build import LAST_TIMINGS, build_site
from profilesite.checks import validate
from profilesite.i18n.locales import LOCALE_CODES
from profilesite.workspace import copy_project


def synthetic_profiles(source: Path, target: Path, scale: int) -> int:
    """Write ``scale`` clones of every record in ``source`` into ``target``; returns the record count."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "_vocabulary.yaml", target / "_vocabulary.yaml")
    records = {
        path.stem: yaml.safe_load(path.read_text("utf-8"))
        for path in sorted(source.glob("*.yaml"))
        if path.name != "_vocabulary.yaml"
    }
    taken = set(records)
    free = (
        code
        for code in ("".join(letters) for letters in itertools.product(string.ascii_lowercase, repeat=3))
        if code not in taken
    )
    # clone 0 keeps the real codes (pages link to some of them); the others get unused codes
    codes = {(code, clone): code if clone == 0 else next(free) for clone in range(scale) for code in records}
    for (code, clone), new_code in codes.items():
        record = dict(records[code])
        record["code"] = new_code
        names = dict(record.get("names") or {})
        if clone:
            names["en"] = f"{names.get('en') or code.upper()} {clone + 1}"
        record["names"] = names
        if record.get("review"):
            review = dict(record["review"])
            review["reviewers"] = [codes[(reviewer, clone)] for reviewer in review["reviewers"]]
            record["review"] = review
        (target / f"{new_code}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    return len(codes)


def _measure(label: str, root: Path, records: int, jobs: int) -> float:
    site = root / "site"
    seconds = build_site(root, site_dir=site, jobs=jobs)
    pages = sum(1 for _ in site.rglob("index.html"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    per_language = ", ".join(f"{locale} {LAST_TIMINGS[locale]:.1f}" for locale in LOCALE_CODES)
    print(
        f"{label}: {records} records x {len(LOCALE_CODES)} languages = {pages} pages in {seconds:.1f} s"
        f" ({pages / seconds:.0f} pages/s, {seconds / pages * 1000:.1f} ms/page),"
        f" peak worker memory {peak_mb:.0f} MB; per language (s): {per_language}"
    )
    return seconds


def run_benchmark(root: Path, scale: int = 10, jobs: int = 2) -> int:
    """Run the benchmark from the project at ``root``; prints one line per measurement."""
    started = time.perf_counter()
    records, problems = validate([root / "profiles"], root)
    print(f"validation: {len(records.records)} records in {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory(prefix="profilesite-bench-") as temporary:
        shipped = copy_project(root, Path(temporary) / "shipped")
        base = _measure("shipped data", shipped, len(records.records), jobs)
        synthetic = synthetic_profiles(root / "profiles", Path(temporary) / "synthetic", scale)
        large = copy_project(root, Path(temporary) / "large", Path(temporary) / "synthetic")
        count = synthetic
        grown = _measure(f"synthetic x{scale}", large, count, jobs)
    print(f"growth: x{grown / base:.1f} time for x{scale} data")
    from profilesite.preview_bench import edit_to_preview

    first, edit = edit_to_preview(root)
    print(f"preview (profilesite serve, en): first page {first:.1f} s; edit to rebuilt page {edit:.2f} s")
    return 0
