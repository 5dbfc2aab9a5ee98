"""Assemble the MkDocs docs folder: hand-written ``content/`` plus the generated pages, per language.

MkDocs and static-i18n only handle generated pages that are real files in the docs folder before files are
collected (DESIGN.md 5b), so this module writes them into ``build/docs/<locale>/``. Every language folder is
complete: a hand-written page missing in a language is copied from English with a visible notice and the
right ``lang`` on the English text, so a reader is never silently switched. Files are written only when
their content changes, so ``mkdocs serve`` rebuilds only what an edit touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from profilesite.i18n import catalogs
from profilesite.i18n.locales import DEFAULT_LOCALE, LOCALE_CODES
from profilesite.render.includes import UnknownBlock, expand
from profilesite.render.pages import render_party_list, render_profile
from profilesite.render.statistics import render_statistics
from profilesite.views.parties import PartyIndex

ASSETS = Path(__file__).parent / "assets"


@dataclass
class AssembleReport:
    """What the assembler did: pages per locale, fallback pages, files rewritten."""

    pages: dict[str, int] = field(default_factory=dict)
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    written: int = 0


class DocsWriter:
    """Writes files under a folder only when their content changed, and removes files it did not write."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.kept: set[Path] = set()
        self.written = 0

    def write(self, relative: str, content: str | bytes) -> None:
        path = self.root / relative
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.kept.add(path)
        if path.exists() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written += 1

    def keep(self, relative: str) -> None:
        """Keep a file written by an earlier run as it is."""
        self.kept.add(self.root / relative)

    def remove_stale(self, scope: Iterable[Path]) -> None:
        """Delete files under ``scope`` folders that this run did not write (e.g. a removed record)."""
        for folder in scope:
            if not folder.exists():
                continue
            for path in folder.rglob("*"):
                if path.is_file() and path not in self.kept:
                    path.unlink()


def fallback_page(text: str, locale: str) -> str:
    """An English page shown in ``locale``: front matter kept, a notice in the reader's language, lang=en."""
    front, body = _split_front_matter(text)
    notice = catalogs.gettext(
        locale, "This page has not been translated into your language yet; it is shown in English."
    )
    return (
        f"{front}"
        f'<div class="admonition info ps-fallback" role="note" markdown>\n<p>{notice}</p>\n</div>\n\n'
        f'<div lang="en" dir="ltr" markdown>\n\n{body}\n\n</div>\n'
    )


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[: end + 5] + "\n", text[end + 5 :]
    return "", text


def docs_dir(out: Path, locale: str) -> Path:
    """The docs folder MkDocs reads for ``locale``.

    ``<out>/<locale>/`` holds static-i18n's ``<locale>/`` folder and the assets.
    One folder per language, so each MkDocs run collects only its own
    language's files (static-i18n otherwise reconfigures every language's files in every run).
    """
    return out / locale


def affected_profiles(index: PartyIndex, previous: PartyIndex) -> set[str]:
    """Profiles whose page may differ from the last assembly: changed records and the parties they name.

    A profile shows its reviewers and the parties it reviews by name, so a change to one record can change
    the pages of the parties linked to it, before and after the change.
    """
    codes = set(index.parties) | set(previous.parties)
    changed = {code for code in codes if index.parties.get(code) != previous.parties.get(code)}
    affected = set(changed)
    for code in changed:
        for side in (index, previous):
            party = side.parties.get(code)
            if party and party.review:
                affected.update(party.review.reviewers)
            affected.update(side.reviews.get(code, []))
    return affected & set(index.parties)


def assemble(
    index: PartyIndex,
    content: Path,
    out: Path,
    locales: Iterable[str] = LOCALE_CODES,
    only: set[str] | None = None,
) -> AssembleReport:
    """Write the docs folders for ``locales`` from ``content`` and the records in ``index``.

    ``only``: the profiles to re-render (the others are kept as they are); None renders them all.
    """
    writer = DocsWriter(out)
    report = AssembleReport()
    locales = list(locales)
    english = content / DEFAULT_LOCALE
    english_pages = sorted(
        path.relative_to(english).as_posix() for path in english.rglob("*") if path.is_file()
    )
    for locale in locales:
        folder = content / locale
        count = 0
        report.fallbacks[locale] = []
        for relative in english_pages:
            own = folder / relative
            base = "../" * relative.count("/") + ("../" if not relative.endswith("index.md") else "")
            if relative.endswith(".md"):
                if own.exists():
                    source, text = own, own.read_text("utf-8")
                else:
                    source = english / relative
                    text = fallback_page(source.read_text("utf-8"), locale)
                    report.fallbacks[locale].append(relative)
                try:
                    text = expand(text, index, locale, base)
                except UnknownBlock as error:
                    raise UnknownBlock(f"{source}: {error}") from None
                writer.write(f"{locale}/{locale}/{relative}", text)
            elif own.exists():
                writer.write(f"{locale}/{locale}/{relative}", own.read_bytes())
            else:
                writer.write(f"{locale}/{locale}/{relative}", (english / relative).read_bytes())
            count += 1
        writer.write(f"{locale}/{locale}/profiles/index.md", render_party_list(index, locale))
        for code, party in sorted(index.parties.items()):
            target = f"{locale}/{locale}/profiles/{code}.md"
            if only is not None and code not in only and (out / target).exists():
                writer.keep(target)
                continue
            writer.write(target, render_profile(party, index, locale))
        for name, text in render_statistics(index, locale).items():
            writer.write(f"{locale}/{locale}/statistics/{name}", text)
        report.pages[locale] = count + 2 + len(index.parties)
        for asset in sorted(ASSETS.iterdir()):
            writer.write(f"{locale}/assets/profilesite/{asset.name}", asset.read_bytes())
    writer.remove_stale([docs_dir(out, locale) for locale in locales])
    report.written = writer.written
    return report
