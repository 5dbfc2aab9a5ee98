"""Assemble the MkDocs docs folder: hand-written ``content/`` plus the generated pages, per language.

MkDocs and static-i18n only handle generated pages that are real files in the docs folder before files are
collected (DESIGN.md 5b), so this module writes them into ``build/docs/<locale>/``. Every language folder is
complete: a hand-written page missing in a language is copied from English with a visible notice and the
right ``lang`` on the English text, so a reader is never silently switched. Files are written only when
their content changes, so ``mkdocs serve`` rebuilds only what an edit touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from profilesite import routes
from profilesite.i18n import catalogs
from profilesite.i18n.locales import DEFAULT_LOCALE, LOCALE_CODES
from profilesite.render.articles import render_article, render_articles
from profilesite.render.includes import UnknownBlock, expand
from profilesite.render.pages import render_party_list, render_profile
from profilesite.render.responses import article_pages, render_response
from profilesite.render.statistics import render_statistics
from profilesite.views.parties import PartyIndex

ASSETS = Path(__file__).parent.parent / "assets"


class DocsWriter:
    """Writes files under a folder only when their content changed, and removes files it did not write."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.kept: set[Path] = set()

    def write(self, relative: str, content: str | bytes) -> None:
        path = self.root / relative
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.kept.add(path)
        if path.exists() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

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

    A profile shows its reviewers and the parties it reviews by name, in each of its reviews, so a change to
    one record can change the pages of the parties linked to it, before and after the change. A party
    whose published responses changed (a response file added, edited or removed) is affected too: its
    profile may point to them. Response and article pages are rendered on every assembly (see assemble).
    """
    codes = set(index.parties) | set(previous.parties)
    changed = {code for code in codes if index.parties.get(code) != previous.parties.get(code)}
    affected = set(changed)
    for code in changed:
        for side in (index, previous):
            party = side.parties.get(code)
            for review in party.reviews if party else []:
                affected.update(review.reviewers)
                affected.update(extra.party for extra in review.additional_reviewers)
            affected.update(side.reviews.get(code, []))
    keys = set(index.responses) | set(previous.responses)
    affected.update(
        code
        for code, cluster in keys
        if index.responses.get((code, cluster)) != previous.responses.get((code, cluster))
    )
    return affected & set(index.parties)


def assemble(
    index: PartyIndex,
    content: Path,
    out: Path,
    locales: Iterable[str] = LOCALE_CODES,
    only: set[str] | None = None,
) -> None:
    """Write the docs folders for ``locales`` from ``content`` and the records in ``index``.

    ``only``: the profiles to re-render (the others are kept as they are); None renders them all.
    """
    writer = DocsWriter(out)
    locales = list(locales)
    english = content / DEFAULT_LOCALE
    english_pages = sorted(
        path.relative_to(english).as_posix() for path in english.rglob("*") if path.is_file()
    )
    for locale in locales:
        folder = content / locale
        for relative in english_pages:
            own = folder / relative
            base = "../" * relative.count("/") + ("../" if not relative.endswith("index.md") else "")
            if relative.endswith(".md"):
                if own.exists():
                    source, text = own, own.read_text("utf-8")
                else:
                    source = english / relative
                    text = fallback_page(source.read_text("utf-8"), locale)
                try:
                    text = expand(text, index, locale, base)
                except UnknownBlock as error:
                    raise UnknownBlock(f"{source}: {error}") from None
                writer.write(f"{locale}/{locale}/{relative}", text)
            elif own.exists():
                writer.write(f"{locale}/{locale}/{relative}", own.read_bytes())
            else:
                writer.write(f"{locale}/{locale}/{relative}", (english / relative).read_bytes())
        pages = f"{locale}/{locale}/"  # static-i18n's folder of this language in its docs folder
        writer.write(f"{pages}{markdown_file(routes.PARTY_LIST)}", render_party_list(index, locale))
        for code, party in sorted(index.parties.items()):
            target = f"{pages}{markdown_file(routes.profile(code))}"
            if only is not None and code not in only and (out / target).exists():
                writer.keep(target)
                continue
            writer.write(target, render_profile(party, index, locale))
        for name, text in render_statistics(index, locale).items():
            writer.write(f"{pages}{routes.STATISTICS}{name}", text)
        # Response and article pages are always rendered (``only`` names profiles): they read the response
        # files, which affected_profiles does not follow, and are few; unchanged ones are not rewritten.
        for code, cluster in sorted(index.responses):
            if code in index.parties:
                text = render_response(code, cluster, index, locale)
                writer.write(f"{pages}{markdown_file(routes.response(code, cluster))}", text)
        for instrument, number in sorted(article_pages(index.vocabulary)):
            text = render_article(instrument, number, index, locale)
            writer.write(f"{pages}{markdown_file(routes.article(instrument, number))}", text)
        writer.write(f"{pages}{markdown_file(routes.ARTICLES)}", render_articles(index, locale))
        for asset in sorted(ASSETS.iterdir()):
            writer.write(f"{locale}/assets/profilesite/{asset.name}", asset.read_bytes())
    writer.remove_stale([docs_dir(out, locale) for locale in locales])


def markdown_file(address: str) -> str:
    """The Markdown file in a language's docs folder that MkDocs publishes at ``address`` (a page's).

    'profiles/' -> 'profiles/index.md', 'profiles/ken/' -> 'profiles/ken.md' (directory-style addresses).
    """
    return f"{address}index.md" if address.endswith("/") and address.count("/") == 1 else f"{address[:-1]}.md"


PARTY_PAGE = re.compile(rf"^[a-z]{{2}}/{re.escape(routes.PARTY_LIST)}(?!index\.md$)([^/]+)\.md$")
RESPONSE_PAGE = re.compile(
    rf"^[a-z]{{2}}/{re.escape(markdown_file(routes.response('CODE', 'CLUSTER')))}$".replace(
        "CODE", "([^/]+)"
    ).replace("CLUSTER", "([^/]+)")
)
GENERATED_PAGE = re.compile(
    rf"^[a-z]{{2}}/({re.escape(markdown_file(routes.PARTY_LIST))}|{re.escape(markdown_file(routes.STATISTICS))}"
    rf"|{re.escape(markdown_file(routes.ARTICLES))}|{re.escape(routes.ARTICLES)}[^/]+/[^/]+\.md)$"
)


def is_generated(src_uri: str) -> bool:
    """Whether the docs page ``src_uri`` is made by our templates.

    Profiles, the party list, the statistics, response pages, article pages and their index.
    """
    return bool(PARTY_PAGE.match(src_uri) or RESPONSE_PAGE.match(src_uri) or GENERATED_PAGE.match(src_uri))


def source_of(src_uri: str, content: Path, records: str = "profiles") -> str | None:
    """The file in the repository an editor changes to change the docs page ``src_uri``; None if none.

    A profile comes from its record (``profiles/<code>.yaml``), a response page from its response file
    (``profiles/responses/<code>/<cluster>.yaml``); a hand-written page from its file in
    ``content/<locale>/``, or the English one it falls back to; the party list, the statistics and the
    article pages are made from all records at once, so no single file edits them. Paths are relative to
    the repository root, where ``content`` sits.
    """
    party = PARTY_PAGE.match(src_uri)
    if party:
        return f"{records}/{party.group(1)}.yaml"
    response = RESPONSE_PAGE.match(src_uri)
    if response:
        return f"{records}/responses/{response.group(1)}/{response.group(2)}.yaml"
    if GENERATED_PAGE.match(src_uri) or not src_uri.endswith(".md"):
        return None
    locale, _, relative = src_uri.partition("/")
    for folder in (locale, DEFAULT_LOCALE):
        if (content / folder / relative).is_file():
            return f"{content.name}/{folder}/{relative}"
    return None
