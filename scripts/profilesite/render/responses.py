"""A party's published questionnaire responses on one cluster, as a page; and what the answer pages share.

Headings, labels and questions are in the reader's language; the answers stay in the language the party
wrote them in, marked with their ``lang`` and ``dir`` so that screen readers, hyphenation and Arabic text
inside an English page (or English inside the Arabic page) come out right. Article titles and cluster
names come from the vocabulary, which holds them only in the languages an official text gives: elsewhere
the English text is shown, marked as English, and the page says once why.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from profilesite import routes
from profilesite.i18n import catalogs, formatting
from profilesite.model.response import Answer, Legislation, Responses
from profilesite.model.vocabulary import Cluster, PartialLabel, Vocabulary
from profilesite.render.environment import render
from profilesite.render.safe_text import text_direction, to_html
from profilesite.views.parties import PartyIndex, party_name


@dataclass(frozen=True)
class Title:
    """A vocabulary text in the reader's language, or in English (``fallback``) where it has none there."""

    text: str
    fallback: bool = False


def partial_title(label: PartialLabel, locale: str) -> Title:
    """``label`` in ``locale``, or its English text marked as a fallback."""
    return Title(label(locale), fallback=not label.has(locale))


def cluster_title(cluster: Cluster, locale: str) -> Title:
    """A cluster's name where the vocabulary has one, else 'Thematic cluster N' in ``locale``."""
    if cluster.label is not None:
        return partial_title(cluster.label, locale)
    number = formatting.number(cluster.number, locale)
    return Title(catalogs.gettext(locale, "Thematic cluster %(number)s") % {"number": number})


def article_title(vocabulary: Vocabulary, instrument: str, number: str, locale: str) -> Title | None:
    """The article's title in ``locale`` (or English), None when the vocabulary does not list the article."""
    article = vocabulary.article(instrument, number)
    return partial_title(article.title, locale) if article is not None else None


def article_pages(vocabulary: Vocabulary) -> dict[tuple[str, str], list[str]]:
    """Every article that has a page: (instrument, number) -> keys of the clusters that list it.

    Article pages exist for the articles the clusters list; a response page links to an article only when
    that page exists, so an answer on an article no cluster lists never makes a broken link.
    """
    pages: dict[tuple[str, str], list[str]] = {}
    for cluster in vocabulary.clusters:
        for instrument, article in vocabulary.cluster_articles(cluster.key):
            pages.setdefault((instrument, article.number), []).append(cluster.key)
    return pages


@functools.cache
def text_block(language: str, text: str, css_class: str) -> Markup:
    """A party's text as safe HTML in a block of its own language and direction.

    Made once per text: each answer is shown on its response page and on its article's page, in seven
    languages, and turning it into HTML is most of what those pages cost.
    """
    return Markup('<div class="{}" lang="{}" dir="{}">\n{}\n</div>').format(
        css_class, language, text_direction(language), to_html(text)
    )


def law_html(law: Legislation, answer_language: str, locale: str) -> Markup:
    """A law an answer cites: its title (linked where it has an address) and article, in their language.

    Built here rather than in the template: an answer page lists many, and each Jinja macro call costs
    more than the string it makes.
    """
    language = law.language or answer_language
    direction = text_direction(language)

    def isolated(value: str) -> Markup:
        return Markup(f'<bdi lang="{escape(language)}" dir="{direction}">{escape(value)}</bdi>')

    title = isolated(law.title)
    if law.url is not None:
        title = Markup(f'<a href="{escape(str(law.url))}" rel="external">{title}</a>')
    if law.article:
        return Markup(catalogs.gettext(locale, "%(law)s, %(article)s")) % {
            "law": title,
            "article": isolated(law.article),
        }
    return title


@functools.cache
def language_label(language: str, locale: str) -> str:
    """The name in ``locale`` of a text's language tag ('pt-BR', 'zh-Hant', 'ar').

    CLDR names regional variants ('pt_BR'); a tag it does not name is called by its primary language.
    """
    code = language.replace("-", "_")
    name = formatting.language_name(code, locale)
    if name == code:
        name = formatting.language_name(code.split("_")[0], locale)
    return name


def same_language(language: str, locale: str) -> bool:
    """Whether a text in ``language`` is in the page's language (then its language is not pointed out)."""
    return language.split("-")[0] == locale


@dataclass(frozen=True)
class ArticleAnswers:
    """The answers of one response on one article, with the article's title and whether it has a page."""

    instrument: str
    number: str
    title: Title | None
    answers: list[Answer]
    has_page: bool

    @property
    def section(self) -> str:
        """Its heading's id on the response page."""
        return routes.response_section(self.instrument, self.number)


@dataclass(frozen=True)
class InstrumentAnswers:
    """The articles of one instrument a response answers, in the order the vocabulary lists them."""

    instrument: str
    articles: list[ArticleAnswers]


def _article_order(vocabulary: Vocabulary, instrument: str, number: str) -> tuple[int, str]:
    numbers = [article.number for article in vocabulary.articles.get(instrument, [])]
    return (numbers.index(number) if number in numbers else len(numbers), number)


def grouped_answers(responses: Responses, vocabulary: Vocabulary, locale: str) -> list[InstrumentAnswers]:
    """The answers by instrument (vocabulary order) and article (the vocabulary's order of articles)."""
    pages = article_pages(vocabulary)
    by_article: dict[tuple[str, str], list[Answer]] = {}
    for answer in responses.answers:
        by_article.setdefault((answer.instrument, answer.article), []).append(answer)
    groups = []
    for instrument in vocabulary.keys("instruments"):
        numbers = sorted(
            {number for key, number in by_article if key == instrument},
            key=lambda number: _article_order(vocabulary, instrument, number),
        )
        if numbers:
            articles = [
                ArticleAnswers(
                    instrument,
                    number,
                    article_title(vocabulary, instrument, number, locale),
                    by_article[(instrument, number)],
                    (instrument, number) in pages,
                )
                for number in numbers
            ]
            groups.append(InstrumentAnswers(instrument, articles))
    return groups


def answer_helpers(index: PartyIndex, locale: str) -> dict:
    """What the answer templates call: safe text, names of languages, categories, laws, parties."""
    vocabulary = index.vocabulary
    return {
        "vocabulary": vocabulary,
        "text_block": text_block,
        "language_label": lambda language: language_label(language, locale),
        "same_language": lambda language: same_language(language, locale),
        "category_html": lambda key: Markup("<strong>{}</strong>").format(
            vocabulary.label("answer_categories", key, locale)
        ),
        "law_html": lambda law, answer_language: law_html(law, answer_language, locale),
        "label": lambda name, key: vocabulary.label(name, key, locale),
        "name_of": lambda code: party_name(index.parties[code], locale),
    }


_MARKERS = re.compile(r"\*+|^- ", re.MULTILINE)


def search_text(name: str, cluster: Title, groups: list[InstrumentAnswers], locale: str) -> str:
    """What search finds a response page by: the party, the cluster, the articles, and every text as written.

    Answers, feedback and the laws cited stay in their own languages (without the Markdown markers), so a
    reader finds an answer by its own words whatever the language of the site they search.
    """
    words = [searchable(name), searchable(cluster.text)]
    for group in groups:
        for article in group.articles:
            number = article.number
            heading = catalogs.gettext(locale, "Article %(number)s") % {"number": number}
            words.append(searchable(f"{heading} — {article.title.text}" if article.title else heading))
            for answer in article.answers:
                words.append(searchable(answer.text))
                words += [searchable(law.title) for law in answer.legislation]
                if answer.feedback is not None:
                    words.append(searchable(answer.feedback.text))
    return " · ".join(words)


@functools.cache  # each text is searched in every language's index: cleaned once
def searchable(text: str) -> str:
    """A party's text as search indexes it: without the Markdown markers, on one line."""
    return " ".join(_MARKERS.sub("", text).split())


def render_response(code: str, cluster_key: str, index: PartyIndex, locale: str) -> str:
    """The page of ``code``'s published responses on ``cluster_key`` in ``locale``."""
    responses = index.responses[(code, cluster_key)]
    vocabulary = index.vocabulary
    name = party_name(index.parties[code], locale)
    cluster = cluster_title(vocabulary.cluster(cluster_key), locale)
    groups = grouped_answers(responses, vocabulary, locale)
    titles = [article.title for group in groups for article in group.articles if article.title]
    here = routes.response(code, cluster_key)
    heading = catalogs.gettext(locale, "%(party)s: %(cluster)s")
    return render(
        "responses.md",
        locale,
        code=code,
        cluster_key=cluster_key,
        name=name,
        cluster=cluster,
        cluster_number=vocabulary.cluster(cluster_key).number,
        title=heading % {"party": name, "cluster": cluster.text},
        responses=responses,
        groups=groups,
        search_text=search_text(name, cluster, groups, locale),
        fallback=cluster.fallback or any(title.fallback for title in titles),
        here=here,
        **answer_helpers(index, locale),
    )
