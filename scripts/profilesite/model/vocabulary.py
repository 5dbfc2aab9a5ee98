"""The mechanism's vocabularies (``profiles/_vocabulary.yaml``): instruments, stages, kinds, groups.

Data, not code: a new Protocol or stage is a new entry here with its labels in the seven languages.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from profilesite.model.record import Strict


class Label(Strict):
    """A label in each of the seven languages of the site; none may be missing."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    es: str = Field(min_length=1)
    ru: str = Field(min_length=1)
    zh: str = Field(min_length=1)
    ar: str = Field(min_length=1)
    pt: str = Field(min_length=1)

    def __call__(self, locale: str) -> str:
        """The label in ``locale``."""
        return getattr(self, locale)


class Instrument(Strict):
    """The Convention or one of its Protocols."""

    key: str = Field(pattern=r"^[a-z_]+$", description="Key used in records (treaties.<key>).")
    treaty_id: str = Field(description="Depositary number in the UN Treaty Collection, e.g. XVIII-12.")
    short: Label = Field(description="Short name.")
    full: Label = Field(description="Full title.")


class Entry(Strict):
    """A vocabulary entry: a key used in records and its label."""

    key: str = Field(pattern=r"^[a-z_]+$")
    label: Label


class Deadline(Strict):
    """Time allowed for a stage, counted from the review start or from an earlier stage."""

    weeks: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)
    from_: str = Field(alias="from", description="review_start or the key of an earlier stage.")

    def due(self, start: dt.date) -> dt.date:
        """The date the stage is due when counting starts on ``start``."""
        if self.weeks:
            return start + dt.timedelta(weeks=self.weeks)
        months = (self.months or 0) + start.month - 1
        year, month = start.year + months // 12, months % 12 + 1
        day = min(start.day, _days_in_month(year, month))
        return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


class Stage(Entry):
    """A stage of a country review, in order; with its deadline where the procedures set one."""

    deadline: Deadline | None = None
    source: str | None = None


class ReviewGroup(Strict):
    """A review group drawn by lot and the date its reviews began."""

    number: Literal[1, 2, 3]
    start: dt.date
    source: str


class DocumentLanguage(Strict):
    """A language a document can exist in, with its letter in the A C E F R S P matrix."""

    key: str
    letter: str = Field(pattern=r"^[A-Z]$")


class Vocabulary(Strict):
    """All vocabularies of the mechanism."""

    instruments: list[Instrument] = Field(min_length=1)
    consent_types: list[Entry]
    stages: list[Stage] = Field(min_length=1)
    review_groups: list[ReviewGroup]
    review_languages: list[str]
    document_languages: list[DocumentLanguage]
    document_kinds: list[Entry]
    regional_groups: list[Entry]
    party_kinds: list[Entry]
    institutions: list[Entry]

    def keys(self, name: str) -> list[str]:
        """Keys of one vocabulary, in order (e.g. ``keys('stages')``)."""
        return [item.key for item in getattr(self, name)]

    def label(self, name: str, key: str, locale: str) -> str:
        """Label of entry ``key`` of vocabulary ``name`` in ``locale``."""
        for item in getattr(self, name):
            if item.key == key:
                return item.label(locale)
        raise KeyError(f"{name}: {key}")

    def instrument(self, key: str) -> Instrument:
        """The instrument with this key."""
        return next(item for item in self.instruments if item.key == key)

    def group_start(self, number: int) -> dt.date:
        """Date the reviews of group ``number`` began."""
        return next(group.start for group in self.review_groups if group.number == number)
