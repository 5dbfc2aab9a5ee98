"""Rules for the published questionnaire responses, across the response file, its party and the vocabulary.

A response is published only for a review that exists and has passed the questionnaire stage, on the
articles the vocabulary lists for that cluster and the instruments the review covers. Its texts are shown
on public pages, so they are held to a text rule on top of the escaping every page does: no markup or
script, no control or bidirectional-override characters (which can make a text read differently from
what it says), no personal contact data. Demonstration files say so in every text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from babel import Locale, UnknownLocaleError

from profilesite.checks.characters import character_problems
from profilesite.checks.rules import contact_data_problems
from profilesite.load.records import RecordSet
from profilesite.load.responses import LoadedResponses
from profilesite.model import Party, Vocabulary
from profilesite.model.response import DEMONSTRATION_MARKERS, Responses, demonstration_marker
from profilesite.problems import Problem
from profilesite.views.parties import instruments_reviewed

Location = tuple[str | int, ...]

#: Markup or script: a tag or comment opening (``<b``, ``</``, ``<!``, ``<?``) or a script address.
#: Spaces, tabs and line breaks inside ``javascript:`` are skipped by browsers, so they are matched too.
_MARKUP = re.compile(
    r"<[A-Za-z/!?]|(?:" + "|".join(r"\s*".join(word) for word in ("javascript", "vbscript")) + r")\s*:",
    re.IGNORECASE,
)


def check_responses(files: list[LoadedResponses], records: RecordSet) -> list[Problem]:
    """Every problem of every response file (their model problems are the loader's)."""
    problems: list[Problem] = []
    vocabulary = records.vocabulary
    for file in files:
        problems.extend(text_problems(file))
        if vocabulary is None:
            continue  # the vocabulary's own problems are reported; nothing to compare with
        problems.extend(_placement(file, records, vocabulary))
        if file.responses is not None:
            problems.extend(_sample_problems(file, file.responses))
            party = records.parties.get(file.code)
            if party is not None and file.cluster in vocabulary.keys("clusters"):
                problems.extend(_review_problems(file, file.responses, party, vocabulary))
                problems.extend(_answer_problems(file, file.responses, party, vocabulary))
    return problems


def _placement(file: LoadedResponses, records: RecordSet, vocabulary: Vocabulary) -> Iterator[Problem]:
    """The folder names a party in the records and the file name a cluster of the vocabulary."""
    if file.code not in records.records:
        guess = difflib.get_close_matches(file.code, sorted(records.records), n=1, cutoff=0.6)
        hint = f'did you mean "{guess[0]}"? ' if guess else ""
        yield _top(
            file,
            f'the folder "{file.code}" names no party in profiles/ (no {file.code}.yaml); {hint}the folder of'
            " a response file is the party code",
        )
    elif records.records[file.code].party is None:
        yield _top(
            file,
            f"profiles/{file.code}.yaml has problems, so this file could not be checked against it;"
            f" fix them first (profilesite validate profiles/{file.code}.yaml)",
        )
    clusters = vocabulary.keys("clusters")
    if file.cluster not in clusters:
        guess = difflib.get_close_matches(file.cluster, clusters, n=1, cutoff=0.6)
        hint = f'did you mean "{guess[0]}.yaml"?' if guess else f"use one of {', '.join(clusters)}"
        yield _top(
            file,
            f'the file name "{file.cluster}" is not a cluster key; a file is named after its cluster: {hint}',
        )


def _top(file: LoadedResponses, message: str) -> Problem:
    """A problem of the file as a whole (its name or folder), at its first line."""
    return Problem(file.path, 1, 1, "", message)


def _review_problems(
    file: LoadedResponses, responses: Responses, party: Party, vocabulary: Vocabulary
) -> Iterator[Problem]:
    """A review of the cluster that passed the questionnaire stage, and dates in the order of events."""
    record = file.record
    review = party.review_of(file.cluster)
    if review is None:
        known = ", ".join(item.cluster for item in party.reviews) or "none"
        yield _top(
            file,
            f"profiles/{file.code}.yaml has no review of cluster {file.cluster} (its reviews: {known});"
            " responses are published only for a review, once its questionnaire is submitted",
        )
        return
    questionnaire = vocabulary.figure_stages.questionnaire
    consultation = vocabulary.figure_stages.consultation
    stage_date = review.stages.get(questionnaire)
    if stage_date is None:
        yield record.problem(
            ("submitted",),
            f"answer before the questionnaire stage: the review of {file.cluster} in"
            f" profiles/{file.code}.yaml has not passed {questionnaire}; date that stage there first, or"
            " remove this file",
        )
    elif responses.submitted != stage_date:  # one submission, so one date: the record and this file agree
        yield record.problem(
            ("submitted",),
            f"{responses.submitted} differs from the date profiles/{file.code}.yaml gives the submission"
            f" ({questionnaire}: {stage_date}); write submitted: {stage_date}, or correct the record",
        )
    if review.sample and not responses.sample:
        yield record.problem(
            ("sample",),
            f"the review of {file.cluster} in profiles/{file.code}.yaml is demonstration data (sample: true);"
            " only demonstration responses (sample: true) go with it",
        )
    feedback = vocabulary.figure_stages.feedback
    if review.stages.get(feedback) is None:
        for index, answer in enumerate(responses.answers):
            if answer.feedback is not None:
                yield record.problem(
                    ("answers", index, "feedback"),
                    f"feedback before the feedback stage: the review of {file.cluster} in"
                    f" profiles/{file.code}.yaml has not passed {feedback}; remove the feedback or date"
                    " that stage there",
                )
    consulted = review.stages.get(consultation)
    if consulted is not None and responses.submitted < consulted:
        yield record.problem(
            ("submitted",),
            f"{responses.submitted} is before the initial consultation ({consultation}: {consulted}) of this"
            " review; check the date",
        )
    if responses.submitted > party.as_of:
        yield record.problem(
            ("submitted",),
            f"{responses.submitted} is after the party record's as_of date ({party.as_of}); check the date,"
            f" or update profiles/{file.code}.yaml",
        )
    consent = responses.consent.date
    if consent < responses.submitted:
        yield record.problem(
            ("consent", "date"),
            f"{consent} is before the questionnaire was submitted ({responses.submitted}); consent to publish"
            " follows the submission",
        )
    if consent > party.as_of:
        yield record.problem(
            ("consent", "date"),
            f"{consent} is after the party record's as_of date ({party.as_of}); check the date, or update"
            f" profiles/{file.code}.yaml",
        )


def _answer_problems(
    file: LoadedResponses, responses: Responses, party: Party, vocabulary: Vocabulary
) -> Iterator[Problem]:
    """Each answer on a known, joined, reviewed instrument and an article of the cluster, once."""
    record = file.record
    instruments = vocabulary.keys("instruments")
    review = party.review_of(file.cluster)
    reviewed = instruments_reviewed(party, review, vocabulary) if review is not None else None
    listed = vocabulary.cluster(file.cluster).articles
    categories = vocabulary.keys("answer_categories")
    seen: dict[tuple[str, str], int] = {}
    for index, answer in enumerate(responses.answers):
        where: Location = ("answers", index)
        instrument = answer.instrument
        if instrument not in instruments:
            yield record.problem(where + ("instrument",), _unknown("instrument", instrument, instruments))
        elif not party.joined(instrument):
            yield record.problem(
                where + ("instrument",),
                f"the party has not joined {instrument}; it answers only on instruments it is a party to",
            )
        elif reviewed is not None and instrument not in reviewed:
            yield record.problem(
                where + ("instrument",),
                f"the review of {file.cluster} does not cover {instrument} (see its instruments in"
                f" profiles/{file.code}.yaml); answer only on the instruments reviewed",
            )
        elif answer.article not in listed.get(instrument, []):
            numbers = listed.get(instrument, [])
            known = (
                f"its articles of {instrument}: {', '.join(numbers)}"
                if numbers
                else (f"the vocabulary lists no article of {instrument} for it")
            )
            yield record.problem(
                where + ("article",),
                f'article "{answer.article}" of {instrument} is not in cluster {file.cluster} ({known})',
            )
        key = (instrument, answer.article)
        if key in seen:
            yield record.problem(
                where,
                f"{instrument} article {answer.article} is answered twice (first in answers[{seen[key]}]);"
                " merge the two answers",
            )
        else:
            seen[key] = index
        if answer.category is not None and answer.category not in categories:
            yield record.problem(
                where + ("category",), _unknown("answer category", answer.category, categories)
            )
        yield from _language_problems(file, responses, index)


def _language_problems(file: LoadedResponses, responses: Responses, index: int) -> Iterator[Problem]:
    """Every language code of an answer names a language (the model checks only its form)."""
    answer = responses.answers[index]
    where: Location = ("answers", index)
    codes: list[tuple[Location, str | None]] = [(where + ("language",), answer.language)]
    if answer.feedback is not None:
        codes.append((where + ("feedback", "language"), answer.feedback.language))
    codes += [
        (where + ("legislation", number, "language"), law.language)
        for number, law in enumerate(answer.legislation)
    ]
    for location, code in codes:
        if code is not None and not is_language(code):
            yield file.record.problem(
                location, f'"{code}" is not a known language code; write e.g. en, fr, es, ru, zh, ar or pt'
            )


def is_language(code: str) -> bool:
    """Whether ``code`` (``en``, ``pt-BR``, ``zh-Hant``) names a language CLDR knows."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def _sample_problems(file: LoadedResponses, responses: Responses) -> Iterator[Problem]:
    """Demonstration texts say so, in their own language; real texts never carry the marker."""
    for location, language, text in _texts(responses):
        marker = demonstration_marker(language)
        if responses.sample and not text.startswith(marker):
            yield file.record.problem(
                location,
                f'this file is demonstration data (sample: true): begin the text with "{marker}", the'
                f" demonstration marker of its language ({language}), so it is never taken for a real answer",
            )
        elif not responses.sample and text.startswith(tuple(DEMONSTRATION_MARKERS.values())):
            yield file.record.problem(
                location,
                "the text begins with a demonstration marker but the file says sample: false; set sample:"
                " true, or remove the marker from a real answer",
            )


def _texts(responses: Responses) -> Iterator[tuple[Location, str, str]]:
    """(location, language, text) of the answers, feedback and titles of laws cited."""
    for index, answer in enumerate(responses.answers):
        where: Location = ("answers", index)
        yield where + ("text",), answer.language, answer.text
        if answer.feedback is not None:
            yield where + ("feedback", "text"), answer.feedback.language, answer.feedback.text
        for number, law in enumerate(answer.legislation):
            yield where + ("legislation", number, "title"), law.language or answer.language, law.title


def text_problems(file: LoadedResponses) -> Iterator[Problem]:
    """Markup and script in any text, the characters no file may hold (checks.characters), contact data.

    Read from the file's data, so that they are found even when the file does not match the model.
    """
    record = file.record
    found = list(contact_data_problems(record)) + list(character_problems(record))
    stack: list[tuple[Any, Location]] = [(record.document.data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if not (path and path[-1] == "url"):  # the model accepts http(s) addresses only
                found.extend(record.problem(path, message) for message in unsafe_text(value))
        elif isinstance(value, dict):
            stack.extend((item, path + (str(key),)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, path + (index,)) for index, item in enumerate(value))
    return iter(found)


def unsafe_text(text: str) -> list[str]:
    """Why ``text`` may not be published as it is: markup or script (empty when it may)."""
    markup = _MARKUP.search(text) if "<" in text or ":" in text else None
    if not markup:
        return []
    return [
        f'holds markup or script ("{markup.group(0)}" at character {markup.start() + 1}); texts are plain'
        " text with the small Markdown subset (*emphasis*, **strong**, lines starting '- '); write"
        " '< ' with a space where a less-than sign is meant"
    ]


def _unknown(what: str, key: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if guess:
        return f'unknown {what} "{key}"; did you mean "{guess[0]}"?'
    return f'unknown {what} "{key}"; use one of {", ".join(known) or "(none listed in the vocabulary)"}'
