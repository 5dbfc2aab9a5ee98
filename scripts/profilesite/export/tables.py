"""Open data: the records as published, in CSV (one table per kind) and JSON, with a data dictionary.

Pure functions from models to rows; :mod:`profilesite.export.write` puts them on disk. Only what the pages
publish goes out: the same fields the profile pages show, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from profilesite.i18n.catalogs import N_
from profilesite.model import Party, Vocabulary
from profilesite.model.record import (
    AdditionalReviewer,
    Consent,
    Document,
    Experts,
    FocalPoint,
    Review,
    Source,
    TreatyStatus,
)
from profilesite.model.response import Answer, Legislation, PublicationConsent, Responses
from profilesite.views.citations import citation_text
from profilesite.views.parties import PartyIndex, instruments_reviewed, party_name


@dataclass(frozen=True)
class Column:
    """A column of a download: its name, what it means (from the model's field description), its value."""

    name: str
    description: str
    value: Callable[[Any], Any]


def _describe(model: type, field: str) -> str:
    return model.model_fields[field].description or ""


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


PARTY_COLUMNS = (
    Column(
        "code", "Party code: ISO 3166-1 alpha-3 in lower case (eur for the European Union).", lambda p: p.code
    ),
    Column(
        "name_en",
        "Name in English: UNTERM's short name (sources/unterm_names.csv), or the record's own, cited.",
        lambda p: p.name,
    ),
    Column("kind", _describe(Party, "kind"), lambda p: p.party.kind),
    Column("regional_group", _describe(Party, "regional_group"), lambda p: p.party.regional_group or ""),
    Column("as_of", _describe(Party, "as_of"), lambda p: _iso(p.party.as_of)),
    Column(
        "review_group",
        "Review group drawn by lot (1, 2 or 3), in the party's latest review (empty: not in the review).",
        lambda p: p.party.latest_review.group if p.party.latest_review else "",
    ),
    Column(
        "review_sample",
        "true when the party's latest review data are a demonstration sample, not published facts.",
        lambda p: str(p.party.latest_review.sample).lower() if p.party.latest_review else "",
    ),
)

TREATY_COLUMNS = (
    Column("code", "Party code.", lambda t: t[0]),
    Column("instrument", "Instrument key: untoc, tip, som or firearms.", lambda t: t[1]),
    Column("signature", _describe(TreatyStatus, "signature"), lambda t: _iso(t[2].signature)),
    Column(
        "consent_type",
        _describe(Consent, "type"),
        lambda t: (t[2].consent.type or "") if t[2].consent else "",
    ),
    Column(
        "consent_date", _describe(Consent, "date"), lambda t: _iso(t[2].consent.date) if t[2].consent else ""
    ),
)

# The source's parts, after its composed citation (source_title).
SOURCE_COLUMNS = (
    Column("source_url", _describe(Source, "url"), lambda t: str(t[2].source.url or "")),
    Column("source_as_of", _describe(Source, "as_of"), lambda t: _iso(t[2].source.as_of)),
    Column("source_publication", _describe(Source, "publication"), lambda t: t[2].source.publication or ""),
    Column("source_publisher", _describe(Source, "publisher"), lambda t: t[2].source.publisher or ""),
    Column("source_kind", _describe(Source, "kind"), lambda t: t[2].source.kind or ""),
    Column("source_reference", _describe(Source, "reference"), lambda t: t[2].source.reference or ""),
    Column("source_published", _describe(Source, "published"), lambda t: _iso(t[2].source.published)),
    Column("source_note", _describe(Source, "note"), lambda t: t[2].source.note or ""),
)


def treaty_columns(vocabulary: Vocabulary | None) -> tuple[Column, ...]:
    """The treaty table's columns, with the source's citation in English composed from its parts.

    The citation keeps the column name it had when sources were free titles, source_title, so that scripts
    reading it go on working; the parts follow it in columns of their own.
    """
    title = Column(
        "source_title",
        "The source's citation in English, composed from the structured columns that follow.",
        lambda t: citation_text(t[2].source, vocabulary) if vocabulary else (t[2].source.title or ""),
    )
    return TREATY_COLUMNS + (title,) + SOURCE_COLUMNS


@dataclass(frozen=True)
class _Reviewed:
    """One review of one party, with the instruments it covers (worked out from the party's treaties)."""

    code: str
    review: Review
    instruments: tuple[str, ...]


# A row per party and cluster; the columns of the one-review table it replaced keep their names and order,
# with the cluster second, so a script reading the columns by name goes on working.
REVIEW_COLUMNS = (
    Column("code", "Party code of the party under review.", lambda r: r.code),
    Column("cluster", _describe(Review, "cluster"), lambda r: r.review.cluster),
    Column("sample", _describe(Review, "sample"), lambda r: str(r.review.sample).lower()),
    Column("group", _describe(Review, "group"), lambda r: r.review.group),
    Column("reviewer_1", "First reviewing party drawn by lot (party code).", lambda r: r.review.reviewers[0]),
    Column(
        "reviewer_2", "Second reviewing party drawn by lot (party code).", lambda r: r.review.reviewers[1]
    ),
    Column("redraws", _describe(Review, "redraws"), lambda r: r.review.redraws),
    Column(
        "languages",
        "Working languages agreed, separated by '+' (empty: not yet agreed).",
        lambda r: "+".join(r.review.languages),
    ),
    Column(
        "instruments",
        "Instruments the review covers, separated by '+' (those listed in the record, or else every"
        " instrument the party has joined).",
        lambda r: "+".join(r.instruments),
    ),
)


def review_columns(vocabulary: Vocabulary | None) -> tuple[Column, ...]:
    """The review table's columns: the fixed ones, then a date per stage of the vocabulary, in its order.

    From the vocabulary, not a list here, so a stage added there gets its column (and its line in the data
    dictionary) in the same build.
    """
    return REVIEW_COLUMNS + tuple(
        Column(
            f"stage_{key}",
            f"Date the stage '{key}' was passed (empty: not yet).",
            lambda r, key=key: _iso(r.review.stages.get(key)),
        )
        for key in (vocabulary.keys("stages") if vocabulary is not None else [])
    )


DOCUMENT_COLUMNS = (
    Column("code", "Party code.", lambda d: d[0]),
    Column("kind", _describe(Document, "kind"), lambda d: d[1].kind),
    Column("title", _describe(Document, "title"), lambda d: d[1].title or ""),
    Column("date", _describe(Document, "date"), lambda d: _iso(d[1].date)),
    Column(
        "languages", "Languages the document exists in, separated by '+'.", lambda d: "+".join(d[1].languages)
    ),
    Column("url", _describe(Document, "url"), lambda d: str(d[1].url)),
    Column("sample", _describe(Document, "sample"), lambda d: str(d[1].sample).lower()),
)

NOMINATION_COLUMNS = (
    Column("code", "Party code.", lambda n: n[0]),
    Column(
        "focal_point_nominated",
        _describe(FocalPoint, "nominated"),
        lambda n: str(n[1].focal_point.nominated).lower(),
    ),
    Column(
        "focal_point_institution",
        _describe(FocalPoint, "institution"),
        lambda n: n[1].focal_point.institution or "",
    ),
    Column("governmental_experts", _describe(Experts, "total"), lambda n: n[1].governmental_experts.total),
    Column(
        "governmental_experts_women", _describe(Experts, "women"), lambda n: n[1].governmental_experts.women
    ),
    Column(
        "observers", "true when the party has nominated observers.", lambda n: str(n[1].observers).lower()
    ),
)


ADDITIONAL_REVIEWER_COLUMNS = (
    Column("code", "Party code of the party under review.", lambda a: a[0]),
    Column("cluster", _describe(Review, "cluster"), lambda a: a[1].cluster),
    Column("instrument", _describe(AdditionalReviewer, "instrument"), lambda a: a[2].instrument),
    Column("reviewer", _describe(AdditionalReviewer, "party"), lambda a: a[2].party),
    Column("sample", _describe(Review, "sample"), lambda a: str(a[1].sample).lower()),
)


@dataclass(frozen=True)
class _Answered:
    """One published answer, with the party, the cluster, its responses and the article's English title."""

    code: str
    cluster: str
    responses: Responses
    answer: Answer
    article_title: str


def _law(law: Legislation) -> str:
    return " | ".join([law.title, law.article or "", str(law.url) if law.url else "", law.language or ""])


RESPONSE_COLUMNS = (
    Column("code", "Party code of the party that responded.", lambda a: a.code),
    Column("cluster", "Thematic cluster key (see clusters in the vocabulary).", lambda a: a.cluster),
    Column("instrument", _describe(Answer, "instrument"), lambda a: a.answer.instrument),
    Column("article", _describe(Answer, "article"), lambda a: a.answer.article),
    Column(
        "article_title_en",
        "Title of the article in the English text of the instrument (empty where the vocabulary has none).",
        lambda a: a.article_title,
    ),
    Column(
        "category",
        "The questionnaire's answer category, where it has one (see answer_categories in the vocabulary).",
        lambda a: a.answer.category or "",
    ),
    Column(
        "language", "Language the answer is written in (e.g. en, fr, zh-Hant).", lambda a: a.answer.language
    ),
    Column(
        "text",
        "The answer as the party wrote it (plain text or a small Markdown subset). A text beginning with"
        " = + - @ gets a ' in front here, so no spreadsheet reads it as a formula; the JSON keeps it as is.",
        lambda a: a.answer.text,
    ),
    Column(
        "legislation",
        "Laws the answer cites, one per line, each as 'title | article | address | language' (a part left"
        " empty where not given).",
        lambda a: "\n".join(_law(law) for law in a.answer.legislation),
    ),
    Column(
        "feedback_language",
        "Language of the reviewing parties' feedback (empty: no feedback published).",
        lambda a: a.answer.feedback.language if a.answer.feedback else "",
    ),
    Column(
        "feedback_text",
        "The reviewing parties' written feedback on this answer, where published (a leading = + - @ gets a '"
        " in front, as in text).",
        lambda a: a.answer.feedback.text if a.answer.feedback else "",
    ),
    Column("submitted", _describe(Responses, "submitted"), lambda a: _iso(a.responses.submitted)),
    Column("consent_date", _describe(PublicationConsent, "date"), lambda a: _iso(a.responses.consent.date)),
    Column("consent_extent", _describe(PublicationConsent, "extent"), lambda a: a.responses.consent.extent),
    Column("sample", _describe(Responses, "sample"), lambda a: str(a.responses.sample).lower()),
)


@dataclass(frozen=True)
class Table:
    """A download table: its name, columns and the items its rows are made from."""

    name: str
    description: str
    columns: tuple[Column, ...]
    items: list[Any]

    def header(self) -> list[str]:
        """Column names."""
        return [column.name for column in self.columns]

    def rows(self) -> list[list[Any]]:
        """One list of values per item."""
        return [[column.value(item) for column in self.columns] for item in self.items]


@dataclass(frozen=True)
class _Named:
    code: str
    name: str
    party: Party


def _reviews(index: PartyIndex, parties: list[Party]) -> list[_Reviewed]:
    """Every review of ``parties``: by party, then in the order of the record (the clusters' order)."""
    return [
        _Reviewed(party.code, review, tuple(instruments_reviewed(party, review, index.vocabulary)))
        for party in parties
        for review in party.reviews
    ]


def _cluster_order(vocabulary: Vocabulary | None) -> dict[str, int]:
    """Position of each cluster key in the workplan (a key outside it sorts last)."""
    return {key: number for number, key in enumerate(vocabulary.keys("clusters"))} if vocabulary else {}


def _answers(index: PartyIndex, chosen: list[str]) -> list[_Answered]:
    """Every published answer of the parties ``chosen``: by party, cluster (workplan order), file order."""
    vocabulary = index.vocabulary
    order = _cluster_order(vocabulary)
    wanted = set(chosen)
    found = []
    for (code, cluster), responses in sorted(
        index.responses.items(), key=lambda item: (item[0][0], order.get(item[0][1], len(order)), item[0][1])
    ):
        if code not in wanted:
            continue
        for answer in responses.answers:
            article = vocabulary.article(answer.instrument, answer.article) if vocabulary else None
            found.append(_Answered(code, cluster, responses, answer, article.title.en if article else ""))
    return found


def tables(index: PartyIndex, codes: Iterable[str] | None = None) -> list[Table]:
    """The download tables for ``codes`` (all parties when None), in the order of routes.DATASET_TABLES.

    Parties, treaty actions, reviews, additional reviewers, documents, nominations, published responses.
    """
    chosen = sorted(codes) if codes is not None else sorted(index.parties)
    parties = [index.parties[code] for code in chosen]
    return [
        Table(
            "parties",
            N_("One row per party: identity, regional group, review group."),
            PARTY_COLUMNS,
            [_Named(party.code, party_name(party, "en"), party) for party in parties],
        ),
        Table(
            "treaty-actions",
            N_("One row per party and instrument: signature and consent to be bound, with the source."),
            treaty_columns(index.vocabulary),
            [(party.code, key, status) for party in parties for key, status in party.treaties.items()],
        ),
        Table(
            "reviews",
            N_(
                "One row per party under review and thematic cluster: group, reviewers, redraws, languages,"
                " instruments, stage dates."
            ),
            review_columns(index.vocabulary),
            _reviews(index, parties),
        ),
        Table(
            "additional-reviewers",
            N_(
                "One row per party under review, thematic cluster, instrument and additional reviewer (drawn"
                " for one instrument where a reviewer drawn by lot is not a party to it)."
            ),
            ADDITIONAL_REVIEWER_COLUMNS,
            [
                (party.code, review, extra)
                for party in parties
                for review in party.reviews
                for extra in review.additional_reviewers
            ],
        ),
        Table(
            "documents",
            N_("One row per published document."),
            DOCUMENT_COLUMNS,
            [(party.code, document) for party in parties for document in party.documents],
        ),
        Table(
            "nominations",
            N_("One row per party: focal point, governmental experts, observers (never names or contacts)."),
            NOMINATION_COLUMNS,
            [(party.code, party.nominations) for party in parties if party.nominations],
        ),
        Table(
            "responses",
            N_(
                "One row per published answer to the self-assessment questionnaire: party, thematic cluster,"
                " instrument, article; with the reviewing parties' feedback where published."
            ),
            RESPONSE_COLUMNS,
            _answers(index, chosen),
        ),
    ]


def published_record(party: Party, responses: dict[str, Responses] | None = None) -> dict[str, Any]:
    """The record as published (JSON-ready): every field the profile page shows.

    ``responses``: the party's published questionnaire responses by cluster key, given under
    ``responses`` (left out when there are none, so a record without any is the record itself).
    """
    data = party.model_dump(mode="json", exclude_none=True)
    for review in data.get("reviews", []):  # a stage left empty is not passed: left out, like None fields
        review["stages"] = {key: date for key, date in review["stages"].items() if date is not None}
    if responses:
        data["responses"] = {
            cluster: item.model_dump(mode="json", exclude_none=True) for cluster, item in responses.items()
        }
    return data


def party_responses(index: PartyIndex, code: str) -> dict[str, Responses]:
    """The published responses of party ``code`` by cluster key, in the order of the workplan."""
    order = _cluster_order(index.vocabulary)
    found = {cluster: responses for (party, cluster), responses in index.responses.items() if party == code}
    return {key: found[key] for key in sorted(found, key=lambda key: (order.get(key, len(order)), key))}


def dictionary_rows(vocabulary: Vocabulary) -> list[list[str]]:
    """The data dictionary: table, column, description, generated from the columns above."""
    empty = PartyIndex({}, vocabulary)
    return [
        [table.name, column.name, column.description]
        for table in tables(empty, [])
        for column in table.columns
    ]
