"""Rules across fields and records that a single model cannot express.

Each rule takes the loaded set and yields problems; :func:`check_all` runs them all so an editor sees every
mistake at once. Rules follow the Procedures and rules of the mechanism as the Secretariat describes them
(two reviewers drawn by lot, never itself, one from the same regional group, at most four redraws;
an additional reviewer for an instrument a reviewer has not joined; stages in order, beginning with the
nominations; the initial consultation once the three focal points are nominated; experts and observers
only with a focal point). They guard editors' real data and the generated sample alike.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

from profilesite.checks.characters import character_problems
from profilesite.checks.identity import (
    one_record_per_territory,
    rule_code_matches_territory,
    rule_dates_not_after_as_of,
    rule_party_to_the_convention,
    unknown_party,
    unknown_reviewers_in_data,
)
from profilesite.load.messages import CONTACT_KEY_MESSAGE, CONTACT_KEYS
from profilesite.load.records import LoadedRecord, RecordSet
from profilesite.model import Party, Vocabulary
from profilesite.problems import Problem
from profilesite.views.parties import instruments_reviewed

Rule = Callable[[LoadedRecord, Party, RecordSet, Vocabulary], Iterator[Problem]]

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_DIGIT = re.compile(r"\d")
_PHONE = re.compile(
    r"(?:\+|\b00)\d[\d ()./-]{6,}\d"  # international: +33 1 40 07 60 60, 0033 1 40 07 60 60
    r"|\b\d{3}[ .-]\d{3}[ .-]\d{4}\b"  # 3-3-4: 212-555-0199, 020 555 0123
    # national format after a keyword: tel. 01 40 07 60 60, Phone: (020) 7946 0958, fax 0711 123456
    r"|(?i:\b(?:t[eé]l(?:[eé]phone)?|phone|telefon|tel[eé]fono|fax|mobile|cell)\b)"
    r"\.?\s*:?\s*\(?\d[\d ()./-]{5,}\d"
)


def rule_file_name(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """The file name is the key: ``ken.yaml`` holds ``code: ken``."""
    stem = record.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if party.code != stem:
        yield record.problem(("code",), f'"{party.code}" does not match the file name; write code: {stem}')


def rule_vocabulary_keys(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """Every key that names a vocabulary entry must exist in ``_vocabulary.yaml``."""
    checks: list[tuple[tuple[Any, ...], str | None, str]] = [
        (("regional_group",), party.regional_group, "regional_groups")
    ]
    for instrument, status in party.treaties.items():
        if instrument not in vocabulary.keys("instruments"):
            message = _unknown("instrument", instrument, vocabulary.keys("instruments"))
            yield record.problem(("treaties", instrument), message, key=True)
        if status.consent is not None:
            checks.append((("treaties", instrument, "consent", "type"), status.consent.type, "consent_types"))
    stages = vocabulary.keys("stages")
    clusters = vocabulary.keys("clusters")
    instruments = vocabulary.keys("instruments")
    for position, review in enumerate(party.reviews):
        where = ("reviews", position)
        if review.cluster not in clusters:
            yield record.problem(where + ("cluster",), _unknown("cluster", review.cluster, clusters))
        for key in review.stages:
            if key not in stages:
                yield record.problem(where + ("stages", key), _unknown("stage", key, stages), key=True)
        for index, language in enumerate(review.languages):
            if language not in vocabulary.review_languages:
                known = ", ".join(vocabulary.review_languages)
                yield record.problem(
                    where + ("languages", index), f'"{language}" is not a working language; use {known}'
                )
        if len(set(review.languages)) != len(review.languages):
            yield record.problem(where + ("languages",), "a language is listed twice")
        for index, instrument in enumerate(review.instruments or []):
            if instrument not in instruments:
                yield record.problem(
                    where + ("instruments", index), _unknown("instrument", instrument, instruments)
                )
        for index, extra in enumerate(review.additional_reviewers):
            if extra.instrument not in instruments:
                yield record.problem(
                    where + ("additional_reviewers", index, "instrument"),
                    _unknown("instrument", extra.instrument, instruments),
                )
    if party.nominations is not None:
        checks.append(
            (
                ("nominations", "focal_point", "institution"),
                party.nominations.focal_point.institution,
                "institutions",
            )
        )
    document_languages = [item.key for item in vocabulary.document_languages]
    for index, document in enumerate(party.documents):
        checks.append((("documents", index, "kind"), document.kind, "document_kinds"))
        for position, language in enumerate(document.languages):
            if language not in document_languages:
                known = ", ".join(document_languages)
                yield record.problem(
                    ("documents", index, "languages", position),
                    f'"{language}" is not a language; use {known}',
                )
    for location, value, vocabulary_name in checks:
        if value is not None and value not in vocabulary.keys(vocabulary_name):
            known = ", ".join(vocabulary.keys(vocabulary_name))
            yield record.problem(location, f'"{value}" is not known; use one of {known}')


def _unknown(what: str, key: str, known: list[str]) -> str:
    """'unknown stage; did you mean "x"?', or the known keys when none is close: a key-name typo's message."""
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if guess:
        return f'unknown {what}; did you mean "{guess[0]}"?'
    return f"unknown {what}; use one of {', '.join(known)}"


def rule_treaty_dates(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """A treaty entry says something, and consent never precedes signature."""
    for instrument, status in party.treaties.items():
        if status.signature is None and status.consent is None:
            yield record.problem(
                ("treaties", instrument), "neither signature nor consent; remove the instrument or add a date"
            )
        if (
            status.signature
            and status.consent
            and status.consent.date
            and status.consent.date < status.signature
        ):
            yield record.problem(
                ("treaties", instrument, "consent", "date"),
                f"{status.consent.date} is before the signature ({status.signature}); check both dates",
            )


def rule_reviews(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """One review per cluster, in the order of the clusters, on instruments the party has joined."""
    clusters = vocabulary.keys("clusters")
    seen: dict[str, int] = {}
    last = -1
    for position, review in enumerate(party.reviews):
        where = ("reviews", position, "cluster")
        if review.cluster not in clusters:
            continue  # reported by rule_vocabulary_keys
        if review.cluster in seen:
            yield record.problem(
                where,
                f'a second review of cluster "{review.cluster}";'
                f" merge it with reviews[{seen[review.cluster]}]",
            )
            continue
        order = clusters.index(review.cluster)
        if order < last:
            yield record.problem(
                where, f"list the reviews in the order of the clusters: {', '.join(clusters)}"
            )
        seen[review.cluster] = position
        last = max(last, order)
        for index, instrument in enumerate(review.instruments or []):
            if instrument in vocabulary.keys("instruments") and not party.joined(instrument):
                yield record.problem(
                    ("reviews", position, "instruments", index),
                    f"the party has not joined {instrument}; a review covers only instruments it has joined",
                )
        if review.instruments is not None and len(set(review.instruments)) != len(review.instruments):
            yield record.problem(("reviews", position, "instruments"), "an instrument is listed twice")


def rule_reviewers(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """Per review: two reviewers drawn by lot, and additional reviewers only where the rules allow them.

    The two reviewers are distinct parties, never the party itself, one from its regional group; an
    additional reviewer is drawn only for an instrument the review covers and a reviewer has not joined,
    and is a party to it (para. 28 of the Procedures and rules, as the background paper describes them).
    """
    for position in range(len(party.reviews)):
        yield from _review_reviewers(record, party, records, vocabulary, position)


def _review_reviewers(
    record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary, position: int
) -> Iterator[Problem]:
    review = party.reviews[position]
    base = ("reviews", position)
    if len(review.reviewers) != 2:
        yield record.problem(
            base + ("reviewers",), f"{len(review.reviewers)} reviewer(s) listed; a review has exactly two"
        )
    seen: set[str] = set()
    for index, code in enumerate(review.reviewers):
        where = base + ("reviewers", index)
        if code == party.code:
            yield record.problem(where, f'"{code}" is the party itself; a party never reviews itself')
        elif code in seen:
            yield record.problem(where, f'"{code}" is listed twice; the two reviewers differ')
        elif code not in records.records:
            yield record.problem(where, unknown_party(code))
        seen.add(code)
    parties = records.parties
    covered = instruments_reviewed(party, review, vocabulary)
    drawn_for: set[tuple[str, str]] = set()
    for index, extra in enumerate(review.additional_reviewers):
        where = base + ("additional_reviewers", index)
        instrument, code = extra.instrument, extra.party
        if instrument not in vocabulary.keys("instruments"):
            continue  # reported by rule_vocabulary_keys
        if code == party.code:
            yield record.problem(
                where + ("party",), f'"{code}" is the party itself; a party never reviews itself'
            )
        elif code in review.reviewers:
            yield record.problem(where + ("party",), f'"{code}" is already a reviewer drawn by lot')
        elif (instrument, code) in drawn_for:
            yield record.problem(where, f'"{code}" is listed twice for {instrument}')
        elif code not in records.records:
            yield record.problem(where + ("party",), unknown_party(code))
        elif code in parties and not parties[code].joined(instrument):
            yield record.problem(
                where + ("party",),
                f'"{code}" has not joined {instrument}; an additional reviewer must be a party to it',
            )
        drawn_for.add((instrument, code))
        if instrument not in covered:
            yield record.problem(
                where + ("instrument",),
                f"this review does not cover {instrument} (the party has not joined it or it is not listed"
                " under instruments); an additional reviewer is drawn only for an instrument under review",
            )
        elif all(
            reviewer in parties and parties[reviewer].joined(instrument) for reviewer in review.reviewers
        ):
            yield record.problem(
                where + ("instrument",),
                f"both reviewers drawn by lot have joined {instrument}; an additional reviewer is drawn only"
                " for an instrument a reviewer has not joined",
            )
    reviewers = [records.records[code].party for code in review.reviewers if code in records.records]
    groups = [reviewer.regional_group for reviewer in reviewers if reviewer is not None]
    known = vocabulary.keys("regional_groups")
    if any(group is not None and group not in known for group in [party.regional_group, *groups]):
        return  # an unknown group is reported where it is written; comparing it would only add noise
    if party.regional_group and len(groups) == 2 and party.regional_group not in groups:
        yield record.problem(
            base + ("reviewers",), "neither reviewer is from the party's regional group; one must be"
        )


def rule_stage_order(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """Stages are passed in the vocabulary's order: none before the review start or an earlier stage.

    None after ``as_of`` either, and none after a stage that follows it is still to come: a review that
    submitted its questionnaire held its consultation. A stage left out of the nominations listed first
    (which need no order among themselves) is skipped.
    """
    for position, review in enumerate(party.reviews):
        if review.cluster not in vocabulary.keys("clusters"):
            continue
        start = vocabulary.review_start(review.cluster, review.group)
        previous: tuple[str, Any] | None = None
        missing: str | None = None
        # a misspelt stage key is reported where it is written; the stage it meant would look missing
        gap_reported = any(key not in vocabulary.keys("stages") for key in review.stages)
        for stage in vocabulary.stages:
            key = stage.key
            date = review.stages.get(key)
            where = ("reviews", position, "stages", key)
            if date is None:
                if stage.status is not None and missing is None:
                    missing = key
                continue
            if missing is not None and stage.status is not None and not gap_reported:
                yield record.problem(
                    where, f"{key} is dated but {missing}, which comes before it, is not; date {missing} too"
                )
                gap_reported = True  # one gap says it: the stages after it would only repeat it
            if start is not None and date < start:
                yield record.problem(
                    where,
                    f"{date} is before group {review.group} began its review of {review.cluster} ({start})",
                )
            elif previous and date < previous[1]:
                yield record.problem(
                    where, f"{date} is before the stage it follows ({previous[0]}: {previous[1]})"
                )
            if date > party.as_of:
                yield record.problem(where, f"{date} is after the record's as_of date ({party.as_of})")
            previous = (key, date)


def rule_nominations(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """Numbers add up: women among experts never exceed the total; institution only with a focal point."""
    nominations = party.nominations
    if nominations is None:
        return
    experts = nominations.governmental_experts
    if experts.women > experts.total:
        yield record.problem(
            ("nominations", "governmental_experts", "women"),
            f"{experts.women} women among {experts.total} experts; women cannot exceed the total",
        )
    focal_point = nominations.focal_point
    if not focal_point.nominated and focal_point.institution:
        yield record.problem(
            ("nominations", "focal_point", "institution"), "an institution is given but nominated is false"
        )


def rule_consultation_needs_focal_points(
    record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary
):
    """The initial consultation is held only once the three focal points are nominated.

    Once the three focal points of a country review are designated, one for the party under review and two
    for the reviewing parties, the party under review consults the reviewing parties on the review's time
    frames (background paper, para. 26, read in its Arabic version). So the consultation stage
    (``figure_stages.consultation``) is dated only when the party and both reviewers drawn by lot have
    ``nominations.focal_point.nominated: true``. Reported on the review's stage date, the value an editor
    would remove; a reviewer whose record is invalid, or whose nominations contradict themselves, is not
    judged here: its own file reports that, and guessing its focal point would only add noise.
    """
    consultation = vocabulary.figure_stages.consultation
    for position, review in enumerate(party.reviews):
        if review.stages.get(consultation) is None:
            continue
        missing: list[str] = []
        if not _focal_point_nominated(party):
            missing.append(f"{party.code} (the party under review)")
        for code in dict.fromkeys(review.reviewers):
            reviewer = records.records[code].party if code in records.records else None
            if code == party.code or reviewer is None or _focal_point_in_doubt(reviewer):
                continue  # the party itself, an unknown or invalid record: reported where it is
            if not _focal_point_nominated(reviewer):
                missing.append(f"{code} (reviewer)")
        if missing:
            who = " and ".join(missing)
            verb = "has" if len(missing) == 1 else "have"
            yield record.problem(
                ("reviews", position, "stages", consultation),
                f"{consultation} is dated but {who} {verb} no focal point nominated; the consultation is held"
                " once the party and both reviewers have one (background paper, para. 26): remove this date,"
                " or set nominations.focal_point.nominated: true where it is missing",
            )


def _focal_point_nominated(party: Party) -> bool:
    """The record says a focal point is nominated (no nominations block: none is)."""
    return bool(party.nominations and party.nominations.focal_point.nominated)


#: The nomination stages of the vocabulary and what ``nominations`` says about each: whether the focal point
#: is nominated, and how many experts are.
FOCAL_POINT_STAGE = "focal_point_nominated"
EXPERTS_STAGE = "governmental_experts_nominated"


def _focal_point_in_doubt(party: Party) -> bool:
    """``nominated: false`` contradicted in the record (an institution, a dated nomination stage).

    rule_nominations and rule_nomination_stages report it there; which side is right is unknown, so the
    rules that read the focal point of another record do not judge by it.
    """
    focal_point = party.nominations.focal_point if party.nominations else None
    if focal_point is None or focal_point.nominated:
        return False
    dated = any(review.stages.get(FOCAL_POINT_STAGE) for review in party.reviews)
    return bool(focal_point.institution) or dated


def rule_nomination_stages(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """A review dates a nomination only if the record's nominations have it.

    A review begins with the nominations (background paper, paras. 11 and 18: the focal point within two
    weeks, the experts within four); a dated ``focal_point_nominated`` with ``nominated: false`` (or no
    nominations at all), or a dated ``governmental_experts_nominated`` with no expert, says two things at
    once. Reported on the stage date; nominations without a date are fine (the date may not be known).
    """
    nominations = party.nominations
    has_focal_point = bool(nominations and nominations.focal_point.nominated)
    experts = nominations.governmental_experts.total if nominations else 0
    known = vocabulary.keys("stages")
    for position, review in enumerate(party.reviews):
        where = ("reviews", position, "stages")
        date = review.stages.get(FOCAL_POINT_STAGE)
        if FOCAL_POINT_STAGE in known and date is not None and not has_focal_point:
            yield record.problem(
                where + (FOCAL_POINT_STAGE,),
                f"the focal point is dated as nominated ({date}) but nominations.focal_point.nominated is not"
                " true; set it to true, or remove this date",
            )
        date = review.stages.get(EXPERTS_STAGE)
        if EXPERTS_STAGE in known and date is not None and experts == 0:
            yield record.problem(
                where + (EXPERTS_STAGE,),
                f"governmental experts are dated as nominated ({date}) but nominations.governmental_experts"
                " counts none; give their number (total), or remove this date",
            )


def rule_nominations_need_focal_point(
    record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary
):
    """Governmental experts and observers are nominated by a party that has a focal point.

    The focal point coordinates the party's participation in the review and its nomination is the first step
    (background paper, para. 11); experts (para. 18) and observers, named by parties in the context of their
    country reviews (para. 19), come with it. Experts (a total above 0) or observers without a focal point
    usually mean a forgotten ``nominated: true``; each is reported where it is written.
    """
    nominations = party.nominations
    if nominations is None or nominations.focal_point.nominated or _focal_point_in_doubt(party):
        return
    fix = "set nominations.focal_point.nominated: true if one is (background paper, paras. 11, 18, 19)"
    experts = nominations.governmental_experts.total
    if experts > 0:
        yield record.problem(
            ("nominations", "governmental_experts", "total"),
            f"{experts} governmental expert(s) but no focal point nominated; experts are nominated by a party"
            f" that has a focal point: {fix}, or set the total to 0",
        )
    if nominations.observers:
        yield record.problem(
            ("nominations", "observers"),
            "observers but no focal point nominated; observers are nominated by a party that has a focal"
            f" point: {fix}, or set observers: false",
        )


def rule_documents(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """Documents of kind 'other' need a title; a language appears once per document."""
    for index, document in enumerate(party.documents):
        if document.kind == "other" and not document.title:
            yield record.problem(("documents", index), "a document of kind 'other' needs a title")
        if len(set(document.languages)) != len(document.languages):
            yield record.problem(("documents", index, "languages"), "a language is listed twice")


def rule_sources(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """A source names publications, publishers and kinds of document the vocabulary has (and so can title)."""
    cited = [(("treaties", key, "source"), status.source) for key, status in party.treaties.items()]
    if party.names.source is not None:
        cited.append((("names", "source"), party.names.source))
    for where, source in cited:
        for field, message in vocabulary.source_problems(source):
            yield record.problem(where + (field,), message)


def rule_no_contact_data(record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary):
    """Public records never hold personal contact data (e-mail addresses, phone numbers)."""
    yield from contact_data_problems(record)


def contact_data_problems(record: LoadedRecord) -> Iterator[Problem]:
    """Scan every key and text value of a record for contact keys, e-mail addresses and phone numbers."""
    found: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(record.document.data, ())]
    while stack:  # a loop, not recursion: this runs over every value of every record
        value, path = stack.pop()
        if isinstance(value, str):
            text = _beyond_address(value)
            if "@" in value and _EMAIL.search(value):
                found.append(
                    record.problem(path, "holds an e-mail address; personal contact data is not published")
                )
            elif _DIGIT.search(text) and _PHONE.search(text):  # every phone pattern has digits
                found.append(
                    record.problem(path, "holds a phone number; personal contact data is not published")
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and key.lower() in CONTACT_KEYS:
                    found.append(record.problem(path + (key,), CONTACT_KEY_MESSAGE, key=True))
                else:
                    stack.append((item, path + (key,)))
        elif isinstance(value, list):
            stack.extend((item, path + (index,)) for index, item in enumerate(value))
    return iter(found)


def _beyond_address(value: str) -> str:
    """``value`` without a leading web address: its digits are no phone number, but text after it is text.

    An address holds no space, so "https://example.org/ Jane Doe, +41 22 917 12 34" is an address and a
    note: the note is scanned. E-mail addresses are looked for in the whole value, address included.
    """
    if not value.startswith(("http://", "https://")):
        return value
    parts = value.split(None, 1)
    return parts[1] if len(parts) == 2 else ""


RULES: tuple[Rule, ...] = (
    rule_file_name,
    rule_party_to_the_convention,
    rule_code_matches_territory,
    rule_dates_not_after_as_of,
    rule_vocabulary_keys,
    rule_treaty_dates,
    rule_reviews,
    rule_reviewers,
    rule_stage_order,
    rule_nominations,
    rule_consultation_needs_focal_points,
    rule_nominations_need_focal_point,
    rule_nomination_stages,
    rule_documents,
    rule_sources,
    rule_no_contact_data,
)


def check_all(records: RecordSet) -> list[Problem]:
    """Run every rule on every valid record, and the rules read from the data on the others.

    A record the model rejects is still scanned for contact data, forbidden characters and unknown
    reviewers, so that these are reported with its field errors: every problem at once.
    """
    problems: list[Problem] = []
    vocabulary = records.vocabulary
    if records.vocabulary_record is not None:
        problems.extend(character_problems(records.vocabulary_record))
    for record in records.records.values():
        problems.extend(character_problems(record))
        if record.party is None:
            if isinstance(record.document.data, dict):
                problems.extend(contact_data_problems(record))
                problems.extend(unknown_reviewers_in_data(record, records))
            continue
        if vocabulary is None:
            continue
        for rule in RULES:
            problems.extend(rule(record, record.party, records, vocabulary))
    problems.extend(one_record_per_territory(records))
    return problems
