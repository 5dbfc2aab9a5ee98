"""The generator of the demonstration records (scripts/make_profiles.py) writes what profiles/ holds.

Its docstring promises reproducible records; run in memory here (never into profiles/), it must give the
shipped records' data exactly, in the ``reviews:`` shape, so a change to the record shape or the sample is
made in the generator too. Compared as data: the shipped files' layout of lists may differ.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generator() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location(
        "make_profiles_under_test", REPO / "scripts/make_profiles.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def generated(generator: ModuleType) -> dict[str, dict]:
    """code -> the record the generator would write, read back from the YAML text it would write."""
    parties = generator.collect_parties()
    sample = generator.build_sample(parties)
    records = {}
    for code, party in sorted(parties.items()):
        text = generator.HEADER.format(name=party.name) + yaml.dump(
            generator.record(party, sample.get(code)),
            Dumper=generator._PlainDumper,
            sort_keys=False,
            allow_unicode=True,
            width=110,
        )
        records[code] = yaml.safe_load(text)
    return records


def test_generator_writes_the_shipped_records(generated: dict[str, dict]) -> None:
    shipped = {path.stem for path in (REPO / "profiles").glob("[a-z][a-z][a-z].yaml")}
    assert set(generated) == shipped
    for code, data in generated.items():
        on_disk = yaml.safe_load((REPO / "profiles" / f"{code}.yaml").read_text("utf-8"))
        assert data == on_disk, code


def test_generator_writes_one_review_per_party_of_the_first_cluster(
    generator: ModuleType, generated: dict[str, dict]
) -> None:
    first = generator.VOCABULARY["clusters"][0]
    in_review = [data for data in generated.values() if "reviews" in data]
    assert in_review
    assert all("review" not in data for data in generated.values())  # the old single block is gone
    for data in in_review:
        [review] = data["reviews"]
        assert review["cluster"] == first["key"] and review["sample"] is True
        start = first["starts"][review["group"]]
        assert all(date >= start for date in review["stages"].values()), data["code"]


# ------------------------------------------------------------------ the sample obeys the mechanism's rules


def _focal_point(data: dict) -> bool:
    return bool(data.get("nominations", {}).get("focal_point", {}).get("nominated"))


def test_consultation_held_only_with_the_three_focal_points(generator: ModuleType, generated: dict) -> None:
    """Background paper, para. 26: the party and both reviewers drawn by lot have a focal point."""
    consultation = generator.FIGURE_STAGES["consultation"]
    held = [
        data for data in generated.values() if consultation in data.get("reviews", [{}])[0].get("stages", {})
    ]
    assert held
    for data in held:
        reviewers = data["reviews"][0]["reviewers"]
        assert _focal_point(data), data["code"]
        assert all(_focal_point(generated[code]) for code in reviewers), data["code"]


def test_experts_and_observers_only_with_a_focal_point(generated: dict) -> None:
    without = [data for data in generated.values() if "nominations" in data and not _focal_point(data)]
    assert without, "the sample has parties without a focal point (background paper, para. 15)"
    for data in without:
        nominations = data["nominations"]
        assert nominations["governmental_experts"]["total"] == 0, data["code"]
        assert nominations["observers"] is False, data["code"]


def test_pilot_initiative_parties_named_on_the_pages_have_begun_their_review(
    generator: ModuleType, generated: dict
) -> None:
    """The civil-society page, in every language, names the pilot initiatives (background paper, para. 56).

    Each was launched with the consent of the party under review, so the sample gives those parties a focal
    point and a review past its initial consultation, never "not started".
    """
    pages = sorted((REPO / "content").glob("*/civil-society.md"))
    assert len(pages) == 7
    for page in pages:
        linked = set(re.findall(r"\]\(profiles/([a-z]{3})\.md\)", page.read_text("utf-8")))
        assert linked == set(generator.PILOT_INITIATIVES), page
    consultation = generator.FIGURE_STAGES["consultation"]
    for code in generator.PILOT_INITIATIVES:
        data = generated[code]
        assert _focal_point(data), code
        assert consultation in data["reviews"][0]["stages"], code


def test_sample_follows_the_secretariats_figures(generator: ModuleType, generated: dict) -> None:
    """Counts drawn to the paper's figures (scaled to the parties in the sample) stay exactly on them.

    Figure I (reviews held up by a missing focal point) is not drawn but follows from who lacks one: it
    stays within a tenth of the scaled figure.
    """
    paper = generator.figures()
    sample = {code: data for code, data in generated.items() if "reviews" in data}

    def scaled(key: str) -> int:
        return generator.scaled(paper[key], len(sample), paper["parties_in_mechanism"])

    stages = {code: data["reviews"][0]["stages"] for code, data in sample.items()}
    figure_stages = generator.FIGURE_STAGES
    nominations = [data["nominations"] for data in sample.values()]
    assert sum(not _focal_point(data) for data in sample.values()) == scaled("parties_without_focal_point")
    assert sum(figure_stages["consultation"] in item for item in stages.values()) == scaled(
        "reviews_with_initial_consultation"
    )
    assert sum(item["observers"] for item in nominations) == scaled("parties_with_observers")
    assert (
        sum(figure_stages["feedback"] in item for item in stages.values())
        == paper["reviews_at_list_of_observations_stage"]
    )
    held_up = sum(
        not _focal_point(data)
        or not all(_focal_point(sample[code]) for code in data["reviews"][0]["reviewers"])
        for data in sample.values()
    )
    assert abs(held_up - scaled("reviews_affected_by_missing_focal_points")) <= round(
        0.1 * scaled("reviews_affected_by_missing_focal_points")
    )
