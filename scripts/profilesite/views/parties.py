"""Derived views of the record set: names, the reverse reviewer index, review progress.

Pure functions from models to plain data; the renderers and exports read these, never the YAML.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from profilesite.i18n import formatting
from profilesite.model import Party, Vocabulary
from profilesite.model.vocabulary import NOT_STARTED, REVIEW_START


def party_name(party: Party, locale: str) -> str:
    """The party's name as the UN writes it where the record says so, CLDR's name otherwise."""
    override = getattr(party.names, locale)
    if override:
        return override
    if party.territory:
        return formatting.territory_name(party.territory, locale)
    return party.code.upper()


def collation_key(name: str) -> str:
    """Accent- and case-insensitive order (the browser refines it with Intl.Collator)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def stage_date(party: Party, key: str) -> dt.date | None:
    """Date the party passed stage ``key``; None when not yet passed or outside the review."""
    return party.review.stages.get(key) if party.review is not None else None


def stage_reached(party: Party, vocabulary: Vocabulary) -> str:
    """Key of the last stage passed, or ``not_started`` (also for parties outside the review)."""
    reached = NOT_STARTED
    for key in vocabulary.keys("stages"):
        if stage_date(party, key) is not None:
            reached = key
    return reached


@dataclass(frozen=True)
class StageRow:
    """One stage of a party's review timeline: passed on ``date``, or pending, and when it was due."""

    key: str
    date: dt.date | None
    due: dt.date | None


def timeline(party: Party, vocabulary: Vocabulary) -> list[StageRow]:
    """Every stage in order, with its date if passed and its deadline where the procedures set one."""
    if party.review is None:
        return []
    start = vocabulary.group_start(party.review.group)
    rows: list[StageRow] = []
    for stage in vocabulary.stages:
        date = stage_date(party, stage.key)
        due = None
        if stage.deadline is not None:
            origin = (
                start if stage.deadline.from_ == REVIEW_START else stage_date(party, stage.deadline.from_)
            )
            due = stage.deadline.due(origin) if origin else None
        rows.append(StageRow(stage.key, date, due))
    return rows


@dataclass
class PartyIndex:
    """The record set seen from every side: who reviews whom, in a stable order."""

    parties: dict[str, Party]
    vocabulary: Vocabulary

    @cached_property
    def reviews(self) -> dict[str, list[str]]:
        """Reverse reviewer index: code -> codes of the parties it reviews (sorted)."""
        index: dict[str, list[str]] = {code: [] for code in self.parties}
        for code, party in sorted(self.parties.items()):
            if party.review:
                for reviewer in party.review.reviewers:
                    index.setdefault(reviewer, []).append(code)
        return index

    def sorted_codes(self, locale: str) -> list[str]:
        """Party codes ordered by their name in ``locale``."""
        return sorted(self.parties, key=lambda code: collation_key(party_name(self.parties[code], locale)))

    @cached_property
    def as_of(self) -> dt.date:
        """Latest date any record holds as of: the date the whole site holds as of."""
        return max(party.as_of for party in self.parties.values())

    @cached_property
    def has_sample(self) -> bool:
        """True when any record shows demonstration review data."""
        return any(party.review and party.review.sample for party in self.parties.values())
