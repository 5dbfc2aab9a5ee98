"""A copy of the project's site sources in another folder: for the benchmark, the preview timing, tests.

Building in a copy never touches the real ``profiles/``, ``build/`` or ``site/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SITE_SOURCES = ("mkdocs.yml", "content", "overrides")


def copy_project(root: Path, target: Path, records: Path | None = None) -> Path:
    """Copy the site sources of ``root`` into ``target``, with ``records`` as ``profiles/``.

    ``records``: a folder of party records (and their ``responses/``) used instead of ``root/profiles``
    (the vocabulary still comes from ``root``); None copies the shipped records.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    profiles = target / "profiles"
    if records is None:
        shutil.copytree(root / "profiles", profiles)
    else:
        profiles.mkdir()
        shutil.copy(root / "profiles" / "_vocabulary.yaml", profiles)
        for path in records.glob("*.yaml"):
            shutil.copy(path, profiles)
        if (records / "responses").is_dir():  # published questionnaire responses, one folder per party
            shutil.copytree(records / "responses", profiles / "responses")
    return target
