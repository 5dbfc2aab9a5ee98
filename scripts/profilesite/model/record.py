"""The party record: one YAML file in ``profiles/`` per party to the Convention.

Pydantic models only, no I/O. Every field has a description: the generated JSON Schema shows it to
editors on hover. Keys that name vocabulary entries (instrument, stage, document kind, ...) are plain
strings here and are checked against ``profiles/_vocabulary.yaml`` by :mod:`profilesite.checks`, so that a
new Protocol or stage needs data, not code.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, model_validator
from pydantic_core import PydanticCustomError

PartyCode = Annotated[
    str,
    Field(
        pattern=r"^[a-z]{3}$",
        description="Party code: ISO 3166-1 alpha-3 in lower case (eur for the European Union).",
        examples=["ken", "fra"],
    ),
]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _written_as_date(value: object) -> object:
    """A date is written YYYY-MM-DD; pydantic alone would read ``0`` or ``"0"`` as seconds since 1970."""
    if isinstance(value, int | float):  # bool included
        raise PydanticCustomError("date_type", "Input should be a valid date")
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_parsing", "Input should be a valid date in the format YYYY-MM-DD")
    return value


Date = Annotated[dt.date, BeforeValidator(_written_as_date)]


class Strict(BaseModel):
    """Base of every record model: unknown keys are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a fact comes from, so a reader can check it.

    Structured, so that pages compose the citation in the reader's language: a ``publication`` the
    vocabulary titles (the UN's own titles, per language), or a ``publisher`` and the ``kind`` of document
    (both vocabulary keys), then the identifiers and dates, which read the same in every language. A free
    ``title`` is for a source the vocabulary does not describe yet; it is shown as written, marked as
    English. The ``note`` is free text in ``note_language``, shown isolated in its own language.
    """

    publication: str | None = Field(
        default=None, description="Publication key (publications in the vocabulary), e.g. mtdsg."
    )
    publisher: str | None = Field(
        default=None, description="Publisher key (publishers in the vocabulary), e.g. secretariat."
    )
    kind: str | None = Field(
        default=None,
        description="Kind of document (source_kinds in the vocabulary), e.g. news_report; with a publisher.",
    )
    title: str | None = Field(
        default=None,
        min_length=1,
        description="Free-text title, in English, only where no publication or publisher describes it.",
    )
    reference: str | None = Field(
        default=None,
        min_length=1,
        max_length=80,
        description="Identifier in the source: treaty number or document symbol, e.g. XVIII-12.",
    )
    paragraph: int | None = Field(default=None, ge=1, description="Paragraph cited, where one is.")
    footnote: int | None = Field(default=None, ge=1, description="Footnote cited, where one is.")
    published: Date | None = Field(default=None, description="Date of publication (YYYY-MM-DD).")
    url: HttpUrl | None = Field(default=None, description="Public address of the source (http or https).")
    as_of: Date | None = Field(default=None, description="Date the source holds the fact as of (YYYY-MM-DD).")
    note: str | None = Field(default=None, description="How the fact was taken from the source.")
    note_language: str = Field(
        default="en", pattern=r"^[a-z]{2,3}$", description="Language the note is written in (e.g. en, fr)."
    )

    @model_validator(mode="after")
    def _one_description(self) -> Source:
        """A citation names its source one way: a publication, a publisher with a kind, or a free title."""
        given = [name for name in ("publication", "publisher", "title") if getattr(self, name)]
        if len(given) != 1:
            raise PydanticCustomError(
                "source_description",
                "give exactly one of publication, publisher (with kind) or title; found {found}",
                {"found": ", ".join(given) or "none"},
            )
        if self.publisher and not self.kind:
            raise PydanticCustomError("source_kind", "a source with a publisher needs its kind", {})
        if self.kind and not self.publisher:
            raise PydanticCustomError("source_kind", "kind goes with a publisher", {})
        return self


class Consent(Strict):
    """The act by which the party expressed its consent to be bound by an instrument.

    A source may establish that a State is a party without giving the kind of act or its date: those are
    then left out (null), and pages say "not in our sources" rather than show a guess.
    """

    type: str | None = Field(
        default=None,
        description="ratification, acceptance, approval, accession or succession; null if not in the source.",
    )
    date: Date | None = Field(
        default=None,
        description="Date of deposit of the instrument (YYYY-MM-DD); null if the source does not say.",
    )


class TreatyStatus(Strict):
    """Where the party stands with one instrument (Convention or Protocol)."""

    signature: Date | None = Field(default=None, description="Date of signature (YYYY-MM-DD), if signed.")
    consent: Consent | None = Field(default=None, description="Act of consent to be bound and its date.")
    source: Source = Field(description="Source of the signature and consent facts.")


#: Date each stage of the country review was passed, by stage key (``stages`` in the vocabulary, whose
#: order is the order of the review); a stage not yet passed is left out (or left empty). The keys are
#: checked against the vocabulary by :mod:`profilesite.checks`, so a new stage needs no change here.
Stages = dict[str, Date | None]


class AdditionalReviewer(Strict):
    """A reviewer drawn for one instrument only, because a reviewer drawn by lot is not a party to it."""

    instrument: str = Field(description="Instrument key (tip, som, firearms, ...) this reviewer reviews.")
    party: PartyCode = Field(description="The party drawn as additional reviewer for that instrument.")


class Review(Strict):
    """The party's review on one thematic cluster of articles."""

    cluster: str = Field(description="Thematic cluster key (see clusters in the vocabulary).")
    sample: bool = Field(
        description="true when these review data are a demonstration sample, not published facts."
    )
    group: Literal[1, 2, 3] = Field(description="Review group drawn by lot (1, 2 or 3).")
    instruments: list[str] | None = Field(
        default=None,
        description=(
            "Instruments this review covers (untoc, tip, som, firearms); leave out to cover every"
            " instrument the party has joined."
        ),
    )
    reviewers: list[PartyCode] = Field(
        description="The two parties drawn by lot to review this party (party codes)."
    )
    additional_reviewers: list[AdditionalReviewer] = Field(
        default_factory=list,
        description=(
            "Reviewers drawn for one instrument only, where a reviewer drawn by lot is not a party to an"
            " instrument this review covers."
        ),
    )
    redraws: int = Field(default=0, ge=0, le=4, description="Times the lots were redrawn (at most four).")
    stages: Stages = Field(
        default_factory=dict,
        description=(
            "Date each stage was passed (YYYY-MM-DD), by stage key (see stages in the vocabulary);"
            " leave out the stages not yet passed."
        ),
    )
    languages: list[str] = Field(
        default_factory=list,
        max_length=3,
        description="Working languages agreed (ar, zh, en, fr, ru, es); empty if not yet agreed.",
    )


class FocalPoint(Strict):
    """Whether a focal point is nominated, and from which institution (never a person's name)."""

    nominated: bool = Field(description="true when the party has nominated a focal point.")
    institution: str | None = Field(
        default=None, description="foreign_affairs, justice, interior or other (see the vocabulary)."
    )


class Experts(Strict):
    """Numbers of governmental experts nominated (numbers only, never names)."""

    total: int = Field(ge=0, description="Number of governmental experts nominated.")
    women: int = Field(ge=0, description="How many of them are women.")


class Nominations(Strict):
    """Nominations as the mechanism publishes them: existence and numbers, no contact data."""

    focal_point: FocalPoint = Field(description="The focal point for the review.")
    governmental_experts: Experts = Field(description="Governmental experts nominated.")
    observers: bool = Field(default=False, description="true when the party has nominated observers.")


class Document(Strict):
    """A document the party agreed to publish."""

    kind: str = Field(
        description="saq_response, list_of_observations, summary or other (see the vocabulary)."
    )
    title: str | None = Field(default=None, description="Title, needed for kind 'other'.")
    date: Date = Field(description="Date of the document (YYYY-MM-DD).")
    languages: list[str] = Field(
        min_length=1, description="Languages the document exists in (ar, zh, en, fr, ru, es, pt)."
    )
    url: HttpUrl = Field(description="Public address of the document (http or https).")
    sample: bool = Field(default=False, description="true when this entry is demonstration data.")


class Names(Strict):
    """The party's names where the UNTERM short names (sources/unterm_names.csv) do not serve.

    Pages name a party by UNTERM's short name in the six UN languages and CLDR's in Portuguese; a name
    given here replaces them in its language only together with ``source``, which pages cite (e.g. the
    European Union, which UNTERM's list of countries lacks).
    """

    en: str | None = None
    fr: str | None = None
    es: str | None = None
    ru: str | None = None
    zh: str | None = None
    ar: str | None = None
    pt: str | None = None
    source: Source | None = Field(
        default=None, description="Where the names come from; names given here are used only with it."
    )


class Party(Strict):
    """One party to the Convention: identity, treaties, review, nominations, documents, provenance."""

    code: PartyCode
    kind: Literal["state", "regional_organization"] = Field(
        description="state, or regional_organization (regional economic integration organization)."
    )
    regional_group: str | None = Field(
        default=None, description="UN regional group key (see the vocabulary); null for parties outside them."
    )
    territory: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2}$",
        description="CLDR territory code used for the party's name in each language (e.g. KE, EU).",
    )
    names: Names = Field(default_factory=Names, description="Official name overrides per language.")
    as_of: Date = Field(description="Date the record as a whole holds as of (YYYY-MM-DD).")
    treaties: dict[str, TreatyStatus] = Field(
        description="Status per instrument (untoc, tip, som, firearms); one left out was not joined."
    )
    reviews: list[Review] = Field(
        default_factory=list,
        description=(
            "The party's review on each thematic cluster, in the order of the clusters; empty for parties"
            " not yet in the review."
        ),
    )
    nominations: Nominations | None = Field(default=None, description="Nominations for the review.")
    documents: list[Document] = Field(default_factory=list, description="Documents published.")

    @property
    def latest_review(self) -> Review | None:
        """The review of the latest cluster the party is reviewed on (the last of ``reviews``), if any.

        The party list, its status filters and the Secretariat's figures describe a party by this review.
        """
        return self.reviews[-1] if self.reviews else None

    def review_of(self, cluster: str) -> Review | None:
        """The party's review on ``cluster``, if it has one."""
        return next((review for review in self.reviews if review.cluster == cluster), None)

    def joined(self, instrument: str) -> bool:
        """Whether the party has expressed its consent to be bound by ``instrument``."""
        status = self.treaties.get(instrument)
        return status is not None and status.consent is not None
