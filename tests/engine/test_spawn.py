"""Workers that start anywhere: the build under 'spawn' (macOS, Windows) gives the site 'fork' gives."""

from __future__ import annotations

from pathlib import Path

from profilesite.build import build_site, default_start_method

from ..conftest import FIXTURE_RECORDS, make_project, site_digest


def test_spawned_workers_build_the_same_site_as_forked_ones(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709164800")
    forked = make_project(tmp_path / "fork", FIXTURE_RECORDS)
    spawned = make_project(tmp_path / "spawn", FIXTURE_RECORDS)
    build_site(forked, forked / "site", locales=["en", "zh", "ar"], start_method="fork")
    build_site(spawned, spawned / "site", locales=["en", "zh", "ar"], start_method="spawn")
    one, two = site_digest(forked / "site"), site_digest(spawned / "site")
    assert len(one) > 50
    assert one == two, sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))[:10]


def test_the_default_start_method_is_the_platforms_fastest():
    assert default_start_method() == "fork"  # Linux; 'spawn' where fork is missing (Windows)
