"""A source's citation, composed in the reader's language from its structured parts.

A record does not write "UN Treaty Collection, status of treaty XVIII-12" in English: it names a
publication (whose title the vocabulary gives per language, the UN's own where sourced) or a publisher and
the kind of document, then identifiers, paragraph or footnote and the date of publication. This module puts
those together for one language: every part that is not in the reader's language (a title sourced only in
English, a newspaper's own name) is isolated with ``<bdi lang>``, and identifiers such as ``XVIII-12`` or
``ST/LEG/SER.E`` are isolated left-to-right so that they read the same inside Arabic text.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from profilesite.i18n import catalogs, formatting
from profilesite.model.record import Source
from profilesite.model.vocabulary import Vocabulary


@dataclass(frozen=True)
class Name:
    """The name a citation starts with, and the language it is written in."""

    text: str
    language: str


def source_name(source: Source, vocabulary: Vocabulary, locale: str) -> Name:
    """The publication's title, the publisher's name, or the free title, in ``locale`` where it has one."""
    if source.publication:
        title = vocabulary.publication(source.publication).title
        return Name(title(locale), locale if title.has(locale) else "en")
    if source.publisher:
        publisher = vocabulary.publisher(source.publisher)
        if publisher.label is not None:
            return Name(publisher.label(locale), locale)
        return Name(publisher.name or "", publisher.language)
    return Name(source.title or "", "en")


def _details(source: Source, vocabulary: Vocabulary, locale: str) -> list[Markup]:
    """The parts after the name: kind of document, identifier, paragraph, footnote, date of publication."""
    details: list[Markup] = []
    if source.kind:
        details.append(escape(vocabulary.label("source_kinds", source.kind, locale)))
    if source.reference:
        details.append(Markup('<bdi dir="ltr">{}</bdi>').format(source.reference))
    if source.paragraph:
        text = catalogs.gettext(locale, "para. %(number)s")
        details.append(escape(text % {"number": formatting.number(source.paragraph, locale)}))
    if source.footnote:
        text = catalogs.gettext(locale, "footnote %(number)s")
        details.append(escape(text % {"number": formatting.number(source.footnote, locale)}))
    if source.published:
        details.append(escape(formatting.date(source.published, locale)))
    return details


def _joined(parts: list[Markup], locale: str) -> Markup:
    """The details one after the other, with the language's comma (full-width in Chinese)."""
    pair = Markup(escape(catalogs.gettext(locale, "%(part)s, %(next)s")))
    joined = parts[0]
    for part in parts[1:]:
        joined = pair % {"part": joined, "next": part}
    return joined


def _isolated(name: Name, locale: str) -> Markup:
    if name.language == locale:
        return Markup("<bdi>{}</bdi>").format(name.text)
    return Markup('<bdi lang="{}">{}</bdi>').format(name.language, name.text)


def citation_html(source: Source, vocabulary: Vocabulary, locale: str) -> Markup:
    """The citation as HTML: the name (linked to the source's address), then its details in brackets."""
    name = _isolated(source_name(source, vocabulary, locale), locale)
    if source.url:
        name = Markup('<a href="{}" rel="external">{}</a>').format(str(source.url), name)
    details = _details(source, vocabulary, locale)
    if not details:
        return name
    template = Markup(escape(catalogs.gettext(locale, "%(source)s (%(details)s)")))
    return template % {"source": name, "details": _joined(details, locale)}


def citation_text(source: Source, vocabulary: Vocabulary, locale: str = "en") -> str:
    """The citation as plain text (for the CSV downloads): the same parts, without markup."""
    name = source_name(source, vocabulary, locale).text
    details = [part.striptags() for part in _details(source, vocabulary, locale)]
    if not details:
        return name
    pair = catalogs.gettext(locale, "%(part)s, %(next)s")
    joined = details[0]
    for part in details[1:]:
        joined = pair % {"part": joined, "next": part}
    return catalogs.gettext(locale, "%(source)s (%(details)s)") % {"source": name, "details": joined}


def note_html(source: Source, locale: str) -> Markup:
    """The source's free-text note, isolated in its own language (empty markup when it has none)."""
    if not source.note:
        return Markup()
    if source.note_language == locale:
        return Markup("<bdi>{}</bdi>").format(source.note)
    return Markup('<bdi lang="{}">{}</bdi>').format(source.note_language, source.note)
