"""The benchmark: full builds of the shipped data and of a synthetic set N times larger.

Each build is ``profilesite build`` run as a user runs it (a new process: interpreter start, imports,
validation, the seven languages, publishing), in a temporary copy of the project, never touching
``profiles/`` or ``site/``. The shipped data is built several times in a row, as an editor rebuilding
would, and reported as fastest, median and slowest, because this machine's speed varies from run to run.
Prints seconds, seconds per page, CPU seconds and peak memory, the validation time, and the preview's
edit-to-page time. The synthetic set clones every record N times under new three-letter codes (reviewers
remapped within each clone, so every rule still holds).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from profilesite.checks import validate
from profilesite.i18n.locales import LOCALE_CODES
from profilesite.model import Vocabulary
from profilesite.model.response import demonstration_marker
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
            names.setdefault("source", {"title": "Synthetic benchmark record"})
            # a clone is no State: one record per territory and ISO codes hold for States (checks/identity.py)
            record["kind"] = "regional_organization"
            record.pop("territory", None)
        record["names"] = names
        reviews = []
        for review in record.get("reviews") or []:
            review = dict(review)
            review["reviewers"] = [codes[(reviewer, clone)] for reviewer in review["reviewers"]]
            review["additional_reviewers"] = [
                {**extra, "party": codes[(extra["party"], clone)]}
                for extra in review.get("additional_reviewers", [])
            ]
            reviews.append(review)
        record["reviews"] = reviews
        (target / f"{new_code}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    return len(codes)


#: Languages of the synthetic answers, in turn: mostly English, with Arabic (right to left) and Chinese.
_ANSWER_LANGUAGES = ("en", "en", "fr", "es", "en", "ar", "en", "zh", "ru", "en")
_FILLER = (
    "This text stands where the party's answer on the article would appear; it is not the party's answer"
    " and describes no law. It is long enough to weigh what a real answer weighs on the page. "
)


class _NoAliases(yaml.SafeDumper):
    """Writes repeated values out: records may not hold YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def synthetic_responses(source: Path, target: Path, vocabulary: Vocabulary) -> tuple[int, int]:
    """Copy the records of ``source`` into ``target``, each party in the review answering the first cluster.

    Every party with a review of the first cluster gets a questionnaire submitted (its stages dated where
    they were not) and a demonstration answer, about 1,500 characters, on every article of that cluster
    for every instrument it joined. Returns (records, response files).
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "_vocabulary.yaml", target / "_vocabulary.yaml")
    cluster = vocabulary.clusters[0]
    figures = vocabulary.figure_stages
    stage_keys = vocabulary.keys("stages")
    following = stage_keys[
        stage_keys.index(figures.consultation) : stage_keys.index(figures.questionnaire) + 1
    ]
    records = files = 0
    for number, path in enumerate(sorted(source.glob("*.yaml"))):
        if path.name == "_vocabulary.yaml":
            continue
        record = yaml.safe_load(path.read_text("utf-8"))
        records += 1
        review = next((item for item in record.get("reviews") or [] if item["cluster"] == cluster.key), None)
        if review is not None:
            stages = review.setdefault("stages", {})
            last = max([cluster.starts[review["group"]], *(date for date in stages.values() if date)])
            for key in following:  # consultation to questionnaire, a day apart where not yet dated
                if not stages.get(key):
                    last = last + dt.timedelta(days=1)
                    stages[key] = last
                last = stages[key]
            submitted = stages[figures.questionnaire]
            record["as_of"] = max(record["as_of"], submitted)
            # a consultation needs the focal points of the party and its reviewers (paper, para. 26): every
            # party in the review holds one here, so each has a focal point
            record.setdefault("nominations", {"governmental_experts": {"total": 0, "women": 0}})
            record["nominations"].setdefault("focal_point", {})["nominated"] = True
            joined = {key for key, status in record["treaties"].items() if status.get("consent")}
            language = _ANSWER_LANGUAGES[number % len(_ANSWER_LANGUAGES)]
            marker = demonstration_marker(language)
            answers = [
                {
                    "instrument": instrument,
                    "article": article.number,
                    "category": "yes",
                    "language": language,
                    "text": f"{marker} " + _FILLER * 8,
                    "legislation": [{"title": f"{marker} No law is cited"}],
                }
                for instrument, article in vocabulary.cluster_articles(cluster.key)
                if instrument in joined
            ]
            if answers:
                responses = {
                    "sample": True,
                    "submitted": submitted,
                    "consent": {"date": submitted, "extent": "full"},
                    "answers": answers,
                }
                folder = target / "responses" / record["code"]
                folder.mkdir(parents=True, exist_ok=True)
                text = yaml.dump(responses, Dumper=_NoAliases, allow_unicode=True)
                (folder / f"{cluster.key}.yaml").write_text(text, "utf-8")
                files += 1
        (target / path.name).write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    return records, files


@dataclass(frozen=True)
class BuildRun:
    """One ``profilesite build``: wall-clock and CPU seconds (all its processes), peak memory of one."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


def _build_once(root: Path, jobs: int, python: str = sys.executable) -> BuildRun:
    """Run ``profilesite build`` in ``root`` as a new process with ``python``; raise if it fails.

    CPU time and peak memory are this build's own (its process and the workers it waited for), read with
    ``wait4`` rather than from this process's running totals, so that two versions built in turn are
    measured apart.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [python, "-m", "profilesite.cli", "build", "--jobs", str(jobs)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"the build failed:\n{errors.decode('utf-8', 'replace')}")
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _pages(root: Path) -> int:
    """Pages of the site built in ``root``."""
    return sum(1 for _ in (root / "site").rglob("index.html"))


def _report(label: str, root: Path, records: int, runs: list[BuildRun]) -> float:
    """Print one line for the runs of one data set; returns the median seconds."""
    pages = _pages(root)
    times = sorted(run.seconds for run in runs)
    median = statistics.median(times)
    cpu = statistics.median(run.cpu_seconds for run in runs)
    spread = (
        f"fastest {times[0]:.1f} s, median {median:.1f} s, slowest {times[-1]:.1f} s" if len(runs) > 1 else ""
    )
    print(
        f"{label}: {records} records x {len(LOCALE_CODES)} languages = {pages} pages;"
        f" {len(runs)} build(s): {spread if len(runs) > 1 else f'{median:.1f} s'}"
        f" ({median / pages * 1000:.1f} ms a page, {cpu:.1f} s of CPU),"
        f" peak memory of one process {max(run.peak_mb for run in runs):.0f} MB"
    )
    return median


def run_benchmark(root: Path, scale: int = 10, jobs: int = 2, repeat: int = 5) -> int:
    """Run the benchmark from the project at ``root``; prints one line per measurement."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        records, problems = validate([root / "profiles"], root)
        timings.append(time.perf_counter() - started)
    print(f"validation: {len(records.records)} records in {statistics.median(timings):.2f} s (median of 3)")
    # ignore_cleanup_errors: each build's previous site is still being deleted in the background
    with tempfile.TemporaryDirectory(prefix="profilesite-bench-", ignore_cleanup_errors=True) as temporary:
        shipped = copy_project(root, Path(temporary) / "shipped")
        runs = [_build_once(shipped, jobs) for _ in range(repeat)]
        base = _report("shipped data", shipped, len(records.records), runs)
        synthetic = synthetic_profiles(root / "profiles", Path(temporary) / "synthetic", scale)
        large = copy_project(root, Path(temporary) / "large", Path(temporary) / "synthetic")
        grown = _report(f"synthetic x{scale}", large, synthetic, [_build_once(large, jobs)])
        assert records.vocabulary is not None  # validate() found no problem in the shipped records
        answered = Path(temporary) / "answered"
        count, files = synthetic_responses(root / "profiles", answered, records.vocabulary)
        answering = copy_project(root, Path(temporary) / "answering", answered)
        with_answers = _report(
            f"synthetic responses ({files} parties answering every article of the first cluster)",
            answering,
            count,
            [_build_once(answering, jobs) for _ in range(max(1, repeat // 2))],
        )
        ratio = (with_answers / _pages(answering)) / (base / _pages(shipped))
        print(f"per page: x{ratio:.2f} the shipped data's time a page, with every party's responses")
    print(f"growth: x{grown / base:.1f} the median time for x{scale} the data")
    from profilesite.preview_bench import edit_to_preview

    first, edit, _ = edit_to_preview(root)
    print(f"preview (profilesite serve, en): first page {first:.1f} s; edit to rebuilt page {edit:.2f} s")
    return 0


def run_comparison(root: Path, other: Path, jobs: int = 2, repeat: int = 6, answered: bool = False) -> int:
    """Build the shipped data of this checkout and of ``other`` in turn, ``repeat`` times each.

    ``other`` is another checkout of the project (e.g. ``git worktree add ../before <commit>``) with its
    own environment in ``other/.venv``. The order alternates (this, other, other, this, ...), so that a
    slow spell of the machine falls on both. Prints both medians and their ratio, of the build and of a
    page. ``answered``: this checkout builds its records with every party in the review answering every
    article of the first cluster (:func:`synthetic_responses`), the other its shipped data, so the ratio
    a page says what published responses cost against the other version's pages.
    """
    python = other / ".venv" / "bin" / "python"
    if not python.exists():
        print(
            f"profilesite bench: {python} is missing; create it with: make -C {other} .venv/.installed-stamp"
        )
        return 1
    results: dict[str, list[BuildRun]] = {"this": [], "other": []}
    with tempfile.TemporaryDirectory(prefix="profilesite-bench-", ignore_cleanup_errors=True) as temporary:
        records = None
        if answered:
            vocabulary = validate([root / "profiles"], root)[0].vocabulary
            assert vocabulary is not None, "the shipped records have problems: run profilesite validate"
            records = Path(temporary) / "answered"
            synthetic_responses(root / "profiles", records, vocabulary)
        projects = {
            "this": (copy_project(root, Path(temporary) / "this", records), sys.executable),
            "other": (copy_project(other, Path(temporary) / "other"), str(python)),
        }
        for round_number in range(repeat):
            order = ("this", "other") if round_number % 2 == 0 else ("other", "this")
            for name in order:
                project, interpreter = projects[name]
                results[name].append(_build_once(project, jobs, interpreter))
        medians: dict[str, float] = {}
        pages: dict[str, int] = {}
        for name, label in (("other", f"before ({other})"), ("this", f"after ({root})")):
            project, _ = projects[name]
            count = sum(1 for path in (project / "profiles").glob("*.yaml") if not path.name.startswith("_"))
            medians[name] = _report(label, project, count, results[name])
            pages[name] = _pages(project)
    print(f"ratio after/before of the median build time: {medians['this'] / medians['other']:.3f}")
    per_page = (medians["this"] / pages["this"]) / (medians["other"] / pages["other"])
    print(f"ratio after/before of the median time a page: {per_page:.3f}")
    return 0
