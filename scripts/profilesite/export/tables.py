"""Open data: the records as published, in CSV (one table per kind) and JSON, with a data dictionary.

Pure functions from models to rows; :mod:`profilesite.export.write` puts them on disk. Only what the pages
publish goes out: the same fields the profile pages show, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from profilesite.model import Party, Vocabulary
from profilesite.model.record import (
    Consent,
    Document,
    Experts,
    FocalPoint,
    Review,
    Source,
    TreatyStatus,
)
from profilesite.views.parties import PartyIndex, party_name


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
        "name_en", "Name in English (the UN's where the record gives it, CLDR's otherwise).", lambda p: p.name
    ),
    Column("kind", _describe(Party, "kind"), lambda p: p.party.kind),
    Column("regional_group", _describe(Party, "regional_group"), lambda p: p.party.regional_group or ""),
    Column("as_of", _describe(Party, "as_of"), lambda p: _iso(p.party.as_of)),
    Column(
        "review_group", _describe(Review, "group"), lambda p: p.party.review.group if p.party.review else ""
    ),
    Column(
        "review_sample",
        _describe(Review, "sample"),
        lambda p: str(p.party.review.sample).lower() if p.party.review else "",
    ),
)

TREATY_COLUMNS = (
    Column("code", "Party code.", lambda t: t[0]),
    Column("instrument", "Instrument key: untoc, tip, som or firearms.", lambda t: t[1]),
    Column("signature", _describe(TreatyStatus, "signature"), lambda t: _iso(t[2].signature)),
    Column("consent_type", _describe(Consent, "type"), lambda t: t[2].consent.type if t[2].consent else ""),
    Column(
        "consent_date", _describe(Consent, "date"), lambda t: _iso(t[2].consent.date) if t[2].consent else ""
    ),
    Column("source_title", _describe(Source, "title"), lambda t: t[2].source.title),
    Column("source_url", _describe(Source, "url"), lambda t: str(t[2].source.url or "")),
    Column("source_as_of", _describe(Source, "as_of"), lambda t: _iso(t[2].source.as_of)),
)

REVIEW_COLUMNS = (
    Column("code", "Party code of the party under review.", lambda r: r[0]),
    Column("sample", _describe(Review, "sample"), lambda r: str(r[1].sample).lower()),
    Column("group", _describe(Review, "group"), lambda r: r[1].group),
    Column("reviewer_1", "First reviewing party drawn by lot (party code).", lambda r: r[1].reviewers[0]),
    Column("reviewer_2", "Second reviewing party drawn by lot (party code).", lambda r: r[1].reviewers[1]),
    Column("redraws", _describe(Review, "redraws"), lambda r: r[1].redraws),
    Column(
        "languages",
        "Working languages agreed, separated by '+' (empty: not yet agreed).",
        lambda r: "+".join(r[1].languages),
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
            lambda r, key=key: _iso(r[1].stages.get(key)),
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


def tables(index: PartyIndex, codes: Iterable[str] | None = None) -> list[Table]:
    """The five tables (parties, treaty actions, reviews, documents, nominations) for ``codes`` (all)."""
    chosen = sorted(codes) if codes is not None else sorted(index.parties)
    parties = [index.parties[code] for code in chosen]
    return [
        Table(
            "parties",
            "One row per party: identity, regional group, review group.",
            PARTY_COLUMNS,
            [_Named(party.code, party_name(party, "en"), party) for party in parties],
        ),
        Table(
            "treaty-actions",
            "One row per party and instrument: signature and consent to be bound, with the source.",
            TREATY_COLUMNS,
            [(party.code, key, status) for party in parties for key, status in party.treaties.items()],
        ),
        Table(
            "reviews",
            "One row per party under review: group, reviewers, redraws, languages, stage dates.",
            review_columns(index.vocabulary),
            [(party.code, party.review) for party in parties if party.review],
        ),
        Table(
            "documents",
            "One row per published document.",
            DOCUMENT_COLUMNS,
            [(party.code, document) for party in parties for document in party.documents],
        ),
        Table(
            "nominations",
            "One row per party: focal point, governmental experts, observers (never names or contacts).",
            NOMINATION_COLUMNS,
            [(party.code, party.nominations) for party in parties if party.nominations],
        ),
    ]


def published_record(party: Party) -> dict[str, Any]:
    """The record as published (JSON-ready): every field the profile page shows."""
    data = party.model_dump(mode="json", exclude_none=True)
    if "review" in data:  # a stage left empty is not passed: left out, as exclude_none does for fields
        stages = data["review"]["stages"]
        data["review"]["stages"] = {key: date for key, date in stages.items() if date is not None}
    return data


def dictionary_rows(vocabulary: Vocabulary) -> list[list[str]]:
    """The data dictionary: table, column, description, generated from the columns above."""
    empty = PartyIndex({}, vocabulary)
    return [
        [table.name, column.name, column.description]
        for table in tables(empty, [])
        for column in table.columns
    ]
