"""A party's published responses to the self-assessment questionnaire on one cluster, and the dialogue.

One YAML file per party and cluster, ``profiles/responses/<code>/<cluster>.yaml``: the path names the party
and the cluster, so the file does not repeat them. Pydantic models only, no I/O; keys that name vocabulary
entries (instrument, article, answer category) are checked against ``profiles/_vocabulary.yaml`` by
:mod:`profilesite.checks`, and the text rules (size, no markup) by the responses' loader.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl

from profilesite.model.record import Date, Strict

#: Longest answer or feedback text accepted, in characters (about 30 pages); a longer one is an error.
MAX_TEXT = 60_000
#: Longest title or article reference of a law cited.
MAX_SHORT_TEXT = 500

#: How a demonstration text begins, by language: every text of a file with ``sample: true`` (answers,
#: feedback, titles of laws cited) starts with the marker of its own language, so a reader can never take
#: it for a party's answer, and a real file (``sample: false``) may not use it. A language not listed
#: here uses the English marker.
DEMONSTRATION_MARKERS: dict[str, str] = {
    "en": "[Demonstration]",
    "fr": "[Démonstration]",
    "es": "[Demostración]",
    "ru": "[Демонстрация]",
    "zh": "[演示]",
    "ar": "[عرض توضيحي]",
    "pt": "[Demonstração]",
}


def demonstration_marker(language: str) -> str:
    """The marker a demonstration text in ``language`` (``ar``, ``zh-Hant``, ``pt-BR``) begins with."""
    return DEMONSTRATION_MARKERS.get(language.split("-")[0], DEMONSTRATION_MARKERS["en"])


LanguageCode = Annotated[
    str,
    Field(
        pattern=r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$",
        description="Language the text is written in: a code such as en, fr, ar, zh, pt-BR or zh-Hant.",
        examples=["en", "ar", "zh"],
    ),
]


class PublicationConsent(Strict):
    """The party's consent to publish its responses: when, and whether in full or in part."""

    date: Date = Field(description="Date the party consented to publication (YYYY-MM-DD).")
    extent: Literal["full", "partial"] = Field(
        description="full: every answer is published; partial: only the answers in this file are."
    )


class Legislation(Strict):
    """A law the answer cites."""

    title: str = Field(min_length=1, max_length=MAX_SHORT_TEXT, description="Title of the law.")
    article: str | None = Field(
        default=None, max_length=MAX_SHORT_TEXT, description="Article or section cited, e.g. 'art. 3'."
    )
    url: HttpUrl | None = Field(default=None, description="Public address of the text (http or https).")
    language: LanguageCode | None = Field(
        default=None, description="Language of the title, if not the answer's."
    )


class Text(Strict):
    """A text in the language it was written in: plain text or the site's small Markdown subset.

    Paragraphs, ``- `` lists, ``*emphasis*``, ``**strong**``; never HTML (see render/safe_text.py).
    """

    language: LanguageCode
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The text, as the party wrote it.")


class Answer(Text):
    """The party's answer on one article of one instrument, with the reviewers' feedback if published."""

    instrument: str = Field(description="Instrument key: untoc, tip, som or firearms.")
    article: str = Field(description="Article number as in the instrument, e.g. '5' (in quotes).")
    category: str | None = Field(
        default=None,
        description="The questionnaire's answer category, where it has one (see the vocabulary).",
    )
    legislation: list[Legislation] = Field(default_factory=list, description="Laws the answer cites.")
    feedback: Text | None = Field(
        default=None, description="The reviewing parties' written feedback on this answer, where published."
    )


class Responses(Strict):
    """Everything a party agreed to publish of its questionnaire on one cluster."""

    sample: bool = Field(
        description=(
            "true when these responses are demonstration data, not a party's own; every text then begins"
            " with the demonstration marker of its language, e.g. [Demonstration]."
        )
    )
    submitted: Date = Field(description="Date the party submitted its questionnaire (YYYY-MM-DD).")
    consent: PublicationConsent = Field(description="The party's consent to publish.")
    answers: list[Answer] = Field(
        min_length=1, description="The answers published, per instrument and article."
    )
