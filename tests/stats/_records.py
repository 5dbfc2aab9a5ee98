"""Independent recomputation of the statistics from the raw YAML (no profilesite.stats code).

Written on purpose without the product's classification functions: the page must agree with what a reader
of the records would count by hand.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

Raw = dict[str, Any]

# "Stage in progress" of Figure II: the first passed stage found going backwards decides it.
STATUS_AFTER = (
    ("list_of_observations", "concluded"),
    ("written_feedback", "list_of_observations"),
    ("saq_submitted", "written_feedback"),
    ("initial_consultation", "self_assessment"),
    ("governmental_experts_nominated", "initial_consultation"),
)
STATUS_COLUMNS = [
    "not_started",
    "initial_consultation",
    "self_assessment",
    "written_feedback",
    "list_of_observations",
    "concluded",
]
PROGRESS_COLUMNS = ["not_started", "in_preparation", "done"]

# figure key -> (query parameter of the party list, columns in page order; None: computed)
FIGURES: dict[str, tuple[str, list[str] | None]] = {
    "focal-points": ("affected", ["yes", "no"]),
    "review-status": ("status", STATUS_COLUMNS),
    "initial-consultation": ("consultation", ["held", "not_held"]),
    "working-languages": ("languages", None),
    "self-assessment": ("saq", PROGRESS_COLUMNS),
    "written-feedback": ("feedback", PROGRESS_COLUMNS),
}


@lru_cache(maxsize=8)
def load(profiles: Path) -> tuple[dict[str, Raw], Raw]:
    """The records (by code) and the vocabulary, straight from YAML."""
    records = {}
    for path in sorted(profiles.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        records[data["code"]] = data
    vocabulary = yaml.safe_load((profiles / "_vocabulary.yaml").read_text("utf-8"))
    return records, vocabulary


def latest_review(record: Raw) -> Raw | None:
    """The review the figures describe a party by: the last entry of ``reviews`` (clusters in order)."""
    reviews = record.get("reviews") or []
    return reviews[-1] if reviews else None


def stages(record: Raw) -> dict[str, dt.date]:
    """Stages passed (with their dates) in the latest review."""
    review = latest_review(record) or {}
    return {key: value for key, value in (review.get("stages") or {}).items() if value}


def focal_point(record: Raw) -> bool:
    return bool(((record.get("nominations") or {}).get("focal_point") or {}).get("nominated"))


def classify(record: Raw, records: dict[str, Raw], vocabulary: Raw) -> dict[str, str]:
    """The category of a party in each figure (absent: the figure does not count the party)."""
    review = latest_review(record)
    if not review:
        return {}
    passed = stages(record)
    status = next((name for stage, name in STATUS_AFTER if stage in passed), "not_started")
    involved = [record] + [records[code] for code in review["reviewers"] if code in records]
    held = "initial_consultation" in passed
    result = {
        "status": status,
        "affected": "no" if all(focal_point(item) for item in involved) else "yes",
        "consultation": "held" if held else "not_held",
        "saq": "done" if "saq_submitted" in passed else ("in_preparation" if held else "not_started"),
        "feedback": (
            "done"
            if "written_feedback" in passed
            else ("in_preparation" if "saq_submitted" in passed else "not_started")
        ),
    }
    if held:
        order = vocabulary["review_languages"]
        languages = sorted(review.get("languages") or [], key=order.index)
        result["languages"] = "+".join(languages) or "none"
    return result


def expected_cells(profiles: Path) -> dict[str, dict[tuple[str, str], list[str]]]:
    """figure key -> (row, column) -> codes of the parties counted there (row: group number or 'all')."""
    records, vocabulary = load(profiles)
    cells: dict[str, dict[tuple[str, str], list[str]]] = {key: defaultdict(list) for key in FIGURES}
    for code, record in sorted(records.items()):
        categories = classify(record, records, vocabulary)
        for key, (name, _) in FIGURES.items():
            if name in categories:
                row = "all" if key == "working-languages" else str(latest_review(record)["group"])
                cells[key][(row, categories[name])].append(code)
    return {key: dict(value) for key, value in cells.items()}


def expected_columns(profiles: Path, key: str) -> list[str]:
    """Columns of a figure in page order (languages: by number of languages, then most chosen first)."""
    name, columns = FIGURES[key]
    if columns is not None:
        return columns
    counts: dict[str, int] = defaultdict(int)
    for (_, column), codes in expected_cells(profiles)[key].items():
        counts[column] += len(codes)
    return sorted(counts, key=lambda c: (9 if c == "none" else len(c.split("+")), -counts[c], c))


def expected_rows(profiles: Path, key: str) -> list[str]:
    _, vocabulary = load(profiles)
    if key == "working-languages":
        return ["all"]
    return [str(group["number"]) for group in vocabulary["review_groups"]]


def consents(profiles: Path) -> dict[str, list[dt.date | None]]:
    """Instrument key -> consent dates of its parties (vocabulary order); None where no source dates it."""
    records, vocabulary = load(profiles)
    result: dict[str, list[dt.date | None]] = {item["key"]: [] for item in vocabulary["instruments"]}
    for record in records.values():
        for key, status in record["treaties"].items():
            if "consent" in status and status["consent"] is not None:  # {}: a party, act and date unsourced
                result[key].append(status["consent"].get("date"))
    return result


def review_start(profiles: Path) -> dt.date:
    """The first day of the mechanism: the earliest date any review group began any cluster."""
    _, vocabulary = load(profiles)
    return min(date for cluster in vocabulary["clusters"] for date in (cluster.get("starts") or {}).values())
