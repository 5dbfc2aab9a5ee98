"""The generator of the demonstration records (scripts/make_profiles.py) writes what profiles/ holds.

Its docstring promises reproducible records; run in memory here (never into profiles/), it must give the
shipped records' data exactly, in the ``reviews:`` shape, so a change to the record shape or the sample is
made in the generator too. Compared as data: the shipped files' layout of lists may differ.
"""

from __future__ import annotations

import importlib.util
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
