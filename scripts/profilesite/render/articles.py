"""The article pages, comparing every party's published answer on one article, and their index by cluster.

An article page exists for every article a cluster lists in the vocabulary, answered or not yet, so its
address is stable from the day the cluster's list is sourced. Answers keep their own language (see
render/responses.py); the page can be filtered by regional group and answer category, with the filters in
the address as on the party list (routes.ANSWER_FILTERS).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from profilesite import routes
from profilesite.i18n import catalogs
from profilesite.model.response import Answer
from profilesite.render.environment import render
from profilesite.render.responses import (
    Title,
    answer_helpers,
    article_pages,
    cluster_title,
    partial_title,
)
from profilesite.views.parties import PartyIndex, collation_key, party_name


@dataclass(frozen=True)
class PublishedAnswer:
    """One party's published answer on an article, with what the article page shows beside it."""

    code: str
    name: str
    region: str | None
    cluster: str
    submitted: dt.date
    sample: bool
    answer: Answer

    @property
    def filters(self) -> dict[str, str]:
        """The values the answer filters compare (routes.ANSWER_FILTERS keys)."""
        return {"region": self.region or "none", "category": self.answer.category or "none"}


def answers_on(index: PartyIndex, instrument: str, number: str, locale: str) -> list[PublishedAnswer]:
    """Every published answer on the article, ordered by party name in ``locale``, then by cluster."""
    clusters = index.vocabulary.keys("clusters")
    found = []
    for (code, cluster), responses in index.responses.items():
        party = index.parties.get(code)
        if party is None:
            continue
        for answer in responses.answers:
            if answer.instrument == instrument and answer.article == number:
                name = party_name(party, locale)
                found.append(
                    PublishedAnswer(
                        code,
                        name,
                        party.regional_group,
                        cluster,
                        responses.submitted,
                        responses.sample,
                        answer,
                    )
                )
    order = {key: place for place, key in enumerate(clusters)}
    found.sort(key=lambda item: (collation_key(item.name), item.code, order.get(item.cluster, len(order))))
    return found


def answer_counts(index: PartyIndex) -> Counter[tuple[str, str]]:
    """Published answers per (instrument, article number)."""
    return Counter(
        (answer.instrument, answer.article)
        for responses in index.responses.values()
        for answer in responses.answers
    )


def instrument_label(index: PartyIndex, instrument: str, locale: str) -> tuple[str, str]:
    """Short and full name of an instrument in ``locale``."""
    item = index.vocabulary.instrument(instrument)
    return item.short(locale), item.full(locale)


def render_article(instrument: str, number: str, index: PartyIndex, locale: str) -> str:
    """The page of article ``number`` of ``instrument`` in ``locale``."""
    vocabulary = index.vocabulary
    article = vocabulary.article(instrument, number)
    if article is None:
        raise KeyError(f"{instrument} article {number} is not in the vocabulary")
    title = partial_title(article.title, locale)
    clusters = [vocabulary.cluster(key) for key in article_pages(vocabulary).get((instrument, number), [])]
    cluster_names = [(cluster, cluster_title(cluster, locale)) for cluster in clusters]
    entries = answers_on(index, instrument, number, locale)
    short, full = instrument_label(index, instrument, locale)
    heading = catalogs.gettext(locale, "Article %(number)s — %(title)s") % {
        "number": number,
        "title": title.text,
    }
    search_words = [heading, short, full] + [name.text for _, name in cluster_names]
    return render(
        "article.md",
        locale,
        instrument=instrument,
        article_number=number,
        title=title,
        page_title=heading + catalogs.gettext(locale, " (%(note)s)") % {"note": short},
        search_text=" · ".join(dict.fromkeys(search_words)),
        short=short,
        full=full,
        clusters=cluster_names,
        entries=entries,
        has_sample=any(entry.sample for entry in entries),
        fallback=title.fallback or any(name.fallback for _, name in cluster_names),
        filters=routes.script_filters(routes.ANSWER_FILTERS),
        here=routes.article(instrument, number),
        **answer_helpers(index, locale),
    )


@dataclass(frozen=True)
class ArticleRow:
    """One article in the index: its number, title and how many answers are published on it."""

    instrument: str
    number: str
    title: Title
    count: int


@dataclass(frozen=True)
class ClusterArticles:
    """A cluster in the index: its heading, its articles per instrument, the parties that published."""

    key: str
    number: int
    name: Title | None
    instruments: list[tuple[str, list[ArticleRow]]]
    parties: list[str]
    #: Short names of the instruments with no article list in a cluster that has some: not in our
    #: sources, which is not the same as none.
    unlisted: list[str]


def index_clusters(index: PartyIndex, locale: str) -> list[ClusterArticles]:
    """Every cluster of the vocabulary in order, with its articles (none where not sourced)."""
    vocabulary = index.vocabulary
    counts = answer_counts(index)
    entries = []
    for cluster in vocabulary.clusters:
        by_instrument: dict[str, list[ArticleRow]] = {}
        for instrument, article in vocabulary.cluster_articles(cluster.key):
            row = ArticleRow(
                instrument,
                article.number,
                partial_title(article.title, locale),
                counts[(instrument, article.number)],
            )
            by_instrument.setdefault(instrument, []).append(row)
        published = [code for code, key in index.responses if key == cluster.key and code in index.parties]
        names = {code: collation_key(party_name(index.parties[code], locale)) for code in published}
        entries.append(
            ClusterArticles(
                cluster.key,
                cluster.number,
                partial_title(cluster.label, locale) if cluster.label is not None else None,
                list(by_instrument.items()),
                sorted(published, key=lambda code: (names[code], code)),
                [
                    item.short(locale)
                    for item in vocabulary.instruments
                    if by_instrument and item.key not in by_instrument
                ],
            )
        )
    return entries


def render_articles(index: PartyIndex, locale: str) -> str:
    """The index of the reviewed articles, by cluster, in ``locale``."""
    clusters = index_clusters(index, locale)
    titles = [row.title for cluster in clusters for _, rows in cluster.instruments for row in rows]
    titles += [cluster.name for cluster in clusters if cluster.name is not None]
    return render(
        "articles.md",
        locale,
        clusters=clusters,
        here=routes.ARTICLES,
        has_sample=any(responses.sample for responses in index.responses.values()),
        fallback=any(title.fallback for title in titles),
        instrument_label=lambda key: instrument_label(index, key, locale),
        **answer_helpers(index, locale),
    )
