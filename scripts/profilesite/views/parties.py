"""Derived views of the record set: names, the reverse reviewer index, review progress.

Pure functions from models to plain data; the renderers and exports read these, never the YAML.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from profilesite.model import Party, Review, Vocabulary
from profilesite.model.response import Responses
from profilesite.model.vocabulary import NOT_STARTED, REVIEW_START
from profilesite.views.names import official_name


def party_name(party: Party, locale: str) -> str:
    """The party's name as the UN writes it: the record's cited name, UNTERM's, else CLDR's (see names.py)."""
    return official_name(party, locale)


def collation_key(name: str) -> str:
    """Accent- and case-insensitive order (the browser refines it with Intl.Collator)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def stage_date(party: Party, key: str) -> dt.date | None:
    """Date the party passed stage ``key`` in its latest review; None if not passed or outside the review."""
    review = party.latest_review
    return review.stages.get(key) if review is not None else None


def stage_reached(party: Party, vocabulary: Vocabulary) -> str:
    """Key of the last stage its latest review passed, or ``not_started`` (also outside the review)."""
    reached = NOT_STARTED
    for key in vocabulary.keys("stages"):
        if stage_date(party, key) is not None:
            reached = key
    return reached


def instruments_reviewed(party: Party, review: Review, vocabulary: Vocabulary) -> list[str]:
    """Instruments ``review`` covers, in the vocabulary's order: those listed, or all the party joined."""
    listed = review.instruments
    return [
        key
        for key in vocabulary.keys("instruments")
        if (key in listed if listed is not None else party.joined(key))
    ]


@dataclass(frozen=True)
class StageRow:
    """One stage of a review's timeline: passed on ``date``, or pending, and when it was due."""

    key: str
    date: dt.date | None
    due: dt.date | None


def timeline(review: Review, vocabulary: Vocabulary) -> list[StageRow]:
    """Every stage of ``review`` in order, with its date if passed and its deadline where one is set.

    Deadlines counted from the review start need the date the group's reviews of the cluster began; where
    the vocabulary has none, they are left out rather than guessed.
    """
    start = vocabulary.review_start(review.cluster, review.group)
    rows: list[StageRow] = []
    for stage in vocabulary.stages:
        date = review.stages.get(stage.key)
        due = None
        if stage.deadline is not None:
            origin = (
                start if stage.deadline.from_ == REVIEW_START else review.stages.get(stage.deadline.from_)
            )
            due = stage.deadline.due(origin) if origin else None
        rows.append(StageRow(stage.key, date, due))
    return rows


@dataclass(frozen=True)
class InstrumentReviewers:
    """Who reviews a party on one instrument in one review.

    The reviewers drawn by lot that joined it, and the additional reviewers drawn for it; ``missing``
    counts reviewers drawn by lot not party to it for whom no additional reviewer is recorded.
    """

    instrument: str
    reviewers: tuple[str, ...]
    additional: tuple[str, ...]
    missing: int


def reviewers_by_instrument(
    party: Party, review: Review, parties: dict[str, Party], vocabulary: Vocabulary
) -> list[InstrumentReviewers]:
    """Per instrument the review covers, which parties review it (para. 28 of the Procedures and rules)."""
    rows = []
    for instrument in instruments_reviewed(party, review, vocabulary):
        joined = tuple(
            code for code in review.reviewers if code in parties and parties[code].joined(instrument)
        )
        additional = tuple(
            extra.party for extra in review.additional_reviewers if extra.instrument == instrument
        )
        missing = max(0, len(review.reviewers) - len(joined) - len(additional))
        rows.append(InstrumentReviewers(instrument, joined, additional, missing))
    return rows


@dataclass(frozen=True)
class Reviewing:
    """A review in which a party is a reviewer: of whom, on which cluster, and on which instruments.

    ``instruments`` is None for a reviewer drawn by lot (all the review covers), else the instruments it
    was drawn for as an additional reviewer.
    """

    party: str
    cluster: str
    instruments: tuple[str, ...] | None


@dataclass
class PartyIndex:
    """The record set seen from every side: who reviews whom, in a stable order."""

    parties: dict[str, Party]
    vocabulary: Vocabulary
    #: Published questionnaire responses by (party code, cluster key).
    responses: dict[tuple[str, str], Responses] = field(default_factory=dict)

    @cached_property
    def reviewing(self) -> dict[str, list[Reviewing]]:
        """Reverse reviewer index: code -> the reviews it takes part in as a reviewer, in cluster order."""
        order = {key: number for number, key in enumerate(self.vocabulary.keys("clusters"))}
        index: dict[str, list[Reviewing]] = {code: [] for code in self.parties}
        for code, party in sorted(self.parties.items()):
            for review in party.reviews:
                for reviewer in review.reviewers:
                    index.setdefault(reviewer, []).append(Reviewing(code, review.cluster, None))
                extra: dict[str, list[str]] = {}
                for item in review.additional_reviewers:
                    extra.setdefault(item.party, []).append(item.instrument)
                for reviewer, instruments in extra.items():
                    index.setdefault(reviewer, []).append(Reviewing(code, review.cluster, tuple(instruments)))
        for items in index.values():
            items.sort(key=lambda item: (order.get(item.cluster, len(order)), item.party))
        return index

    @cached_property
    def reviews(self) -> dict[str, list[str]]:
        """Reverse reviewer index: code -> codes of the parties it reviews on any cluster (sorted)."""
        return {code: sorted({item.party for item in items}) for code, items in self.reviewing.items()}

    def sorted_codes(self, locale: str) -> list[str]:
        """Party codes ordered by their name in ``locale``."""
        return sorted(self.parties, key=lambda code: collation_key(party_name(self.parties[code], locale)))

    @cached_property
    def as_of(self) -> dt.date:
        """Latest date any record holds as of: the date the whole site holds as of."""
        return max(party.as_of for party in self.parties.values())

    @cached_property
    def has_sample(self) -> bool:
        """True when any record shows demonstration review data, or any published responses are a sample."""
        return any(review.sample for party in self.parties.values() for review in party.reviews) or any(
            responses.sample for responses in self.responses.values()
        )
