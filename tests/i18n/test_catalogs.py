"""Translations: every UI string in every language, placeholders intact, vocabulary complete, pages listed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from profilesite.i18n import formatting
from profilesite.i18n.catalogs import po_path
from profilesite.i18n.locales import DEFAULT_LOCALE, LOCALE_CODES
from profilesite.model.record import Names

REPO = Path(__file__).resolve().parents[2]
OTHERS = [code for code in LOCALE_CODES if code != DEFAULT_LOCALE]
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


def _placeholders(text: str) -> set[str]:
    return {first or second for first, second in PLACEHOLDER.findall(text)}


def test_locale_list_matches_mkdocs_yml_and_model():
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    configured = re.findall(r"^\s+- locale: (\w+)$", config, re.MULTILINE)
    assert configured == list(LOCALE_CODES)
    assert set(Names.model_fields) - {"source"} == set(LOCALE_CODES)


def test_template_is_fresh(tmp_path: Path):
    """messages.pot holds every string of the code and templates: run `make messages` when this fails."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "--no-default-keywords",
            "-k",
            "gettext:2",
            "-k",
            "ngettext:2,3",
            "-k",
            "N_",
            "--no-location",
            "--sort-output",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with fresh.open("rb") as handle:
        expected = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }
    with (REPO / "scripts/profilesite/i18n/messages.pot").open("rb") as handle:
        committed = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }
    assert expected == committed, f"run `make messages`: missing {sorted(expected - committed)[:5]}"


@pytest.mark.parametrize("locale", OTHERS)
def test_catalog_is_complete_and_placeholders_match(locale: str):
    with po_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    with (REPO / "scripts/profilesite/i18n/messages.pot").open("rb") as handle:
        template = read_po(handle)
    template_ids = {
        message.id if isinstance(message.id, str) else message.id[0] for message in template if message.id
    }
    problems = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        template_ids.discard(key)
        if message.fuzzy:
            problems.append(f"fuzzy: {key!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {key!r}")
            continue
        source = message.id if isinstance(message.id, str) else message.id[-1]
        expected = _placeholders(source)
        for text in strings:
            found = _placeholders(text)
            # Arabic spells out "one week"/"two weeks" in its singular and dual forms (no number shown)
            if found != expected and not (isinstance(message.id, tuple) and found < expected):
                problems.append(f"placeholders {sorted(found)} != {sorted(expected)} in {key!r}")
    problems += [f"missing: {key!r}" for key in sorted(template_ids)]
    assert problems == []


def test_vocabulary_has_every_label_in_every_language():
    vocabulary = yaml.safe_load((REPO / "profiles/_vocabulary.yaml").read_text("utf-8"))
    for name, entries in vocabulary.items():
        if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
            continue
        for entry in entries:
            for field in ("label", "short", "full", "status"):
                if field in entry:
                    assert set(entry[field]) == set(LOCALE_CODES), (name, entry.get("key"), field)


def test_arabic_keeps_western_digits_and_names_months_in_arabic():
    import datetime as dt

    assert formatting.number(1006, "ar") == "1,006"
    text = formatting.date(dt.date(2024, 2, 29), "ar")
    assert "2024" in text and "29" in text and "فبراير" in text
    assert not re.search("[٠-٩]", text)


def test_untranslated_pages_are_listed():
    """Which hand-written pages exist in English only (they show a fallback notice): listed, and known."""
    english = {path.name for path in (REPO / "content/en").glob("*.md")}
    missing = {
        locale: sorted(english - {path.name for path in (REPO / "content" / locale).glob("*.md")})
        for locale in OTHERS
    }
    print("untranslated pages:", missing)
    assert all(pages == [] for pages in missing.values()), missing
