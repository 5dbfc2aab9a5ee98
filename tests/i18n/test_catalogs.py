"""Translations: every UI string in every language, placeholders intact, vocabulary complete, pages listed."""

from __future__ import annotations

import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from pydantic import BaseModel

from profilesite.i18n import formatting
from profilesite.i18n.catalogs import po_path
from profilesite.i18n.locales import DEFAULT_LOCALE, LOCALE_CODES
from profilesite.model.record import Names
from profilesite.model.vocabulary import PartialLabel, Vocabulary

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


def _is_partial(model: type[BaseModel], field: str) -> bool:
    """Whether ``model.field`` is a PartialLabel: English always, other languages only where sourced."""
    annotation = model.model_fields[field].annotation
    return PartialLabel in (annotation, *typing.get_args(annotation))


def _entry_model(name: str) -> type[BaseModel] | None:
    """The model of one entry of the vocabulary section ``name`` (a list of entries), if it is one."""
    field = Vocabulary.model_fields.get(name)
    args = typing.get_args(field.annotation) if field is not None else ()
    return args[0] if args and isinstance(args[0], type) and issubclass(args[0], BaseModel) else None


def test_vocabulary_has_every_label_in_every_language():
    """Labels the pages show in every language have seven; sourced-only texts (PartialLabel) have English.

    A PartialLabel (a cluster's name, an article's title) holds only the languages an official text gives;
    the page in another language shows the English text with a notice, so English is what must be there.
    """
    vocabulary = yaml.safe_load((REPO / "profiles/_vocabulary.yaml").read_text("utf-8"))
    partial_checked = 0
    for name, entries in vocabulary.items():
        if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
            continue
        model = _entry_model(name)
        for entry in entries:
            for field in ("label", "short", "full", "status"):
                if field in entry and entry[field] is not None:
                    if model is not None and field in model.model_fields and _is_partial(model, field):
                        assert "en" in entry[field], (name, entry.get("key"), field)
                        assert set(entry[field]) <= set(LOCALE_CODES), (name, entry.get("key"), field)
                        partial_checked += 1
                    else:
                        assert set(entry[field]) == set(LOCALE_CODES), (name, entry.get("key"), field)
    for instrument, articles in (vocabulary.get("articles") or {}).items():
        for article in articles:
            title = article["title"]
            assert "en" in title and set(title) <= set(LOCALE_CODES), (instrument, article["number"])
            partial_checked += 1
    assert _is_partial(_entry_model("clusters"), "label")  # the exemption follows the model, not a list
    assert not _is_partial(_entry_model("stages"), "label")
    assert partial_checked > 0


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
