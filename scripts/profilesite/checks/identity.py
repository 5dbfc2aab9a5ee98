"""Who a record is and when it holds: rules that keep a copied, half-filled or future-dated record out.

A record names one party: a party to the Convention (a State that has only signed is not one), under its
ISO 3166-1 alpha-3 code with the matching territory, once in the set. Its dates are not later than the
date it holds as of, which has passed. The unfilled scaffold of ``profilesite new`` breaks these rules on
purpose: it validates only once the party's consent to the Convention is written in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from babel.core import get_global

from profilesite.load.records import LoadedRecord, RecordSet
from profilesite.model import Party, Vocabulary
from profilesite.problems import Problem

#: The instrument whose parties the site lists: the Convention (a Protocol is open only to its parties).
CONVENTION = "untoc"


def unknown_party(code: str) -> str:
    """The message on a party code (reviewer, additional reviewer) that names no record."""
    return f'"{code}" is not a party in profiles/'


def rule_party_to_the_convention(
    record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary
) -> Iterator[Problem]:
    """Every record is a party: it has expressed its consent to be bound by the Convention."""
    status = party.treaties.get(CONVENTION)
    if status is None or status.consent is None:
        where: tuple[str | int, ...] = ("treaties", CONVENTION) if status is not None else ("treaties",)
        yield record.problem(
            where,
            "no consent to be bound by the Convention: the site lists parties only (a State that has only"
            " signed is not one); write treaties.untoc.consent with its source, or remove the record",
        )


def rule_code_matches_territory(
    record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary
) -> Iterator[Problem]:
    """A State's code is an ISO 3166-1 alpha-3 code and its territory the matching alpha-2 code.

    The territory names the party in the languages where no cited name does: Kenya with ``territory: FR``
    would be called France. Babel's CLDR data give the pairs (``territory_aliases``).
    """
    if party.kind != "state":
        return
    aliases = get_global("territory_aliases").get(party.code.upper())
    if not aliases:
        yield record.problem(
            ("code",), f'"{party.code}" is not an ISO 3166-1 alpha-3 code; name the file and code after it'
        )
    elif party.territory is not None and party.territory not in aliases:
        yield record.problem(
            ("territory",),
            f"{party.territory} is not the territory of {party.code}; write territory: {aliases[0]}",
        )


def rule_dates_not_after_as_of(
    record: LoadedRecord, party: Party, records: RecordSet, vocabulary: Vocabulary
) -> Iterator[Problem]:
    """The record holds as of a day that has passed, and none of its treaty or document dates is later."""
    today = dt.date.today()
    if party.as_of > today:
        yield record.problem(
            ("as_of",), f"{party.as_of} is in the future; as_of is the day the record holds as of"
        )
    later = f"is after the record's as_of ({party.as_of}); correct the date, or update as_of"
    for key, status in party.treaties.items():
        if status.signature and status.signature > party.as_of:
            yield record.problem(("treaties", key, "signature"), f"{status.signature} {later}")
        if status.consent and status.consent.date and status.consent.date > party.as_of:
            yield record.problem(("treaties", key, "consent", "date"), f"{status.consent.date} {later}")
    for index, document in enumerate(party.documents):
        if document.date > party.as_of:
            yield record.problem(("documents", index, "date"), f"{document.date} {later}")


def one_record_per_territory(records: RecordSet) -> Iterator[Problem]:
    """Two records of one territory are one party listed twice (a copy under another code)."""
    by_territory: dict[str, list[str]] = defaultdict(list)
    for code, party in sorted(records.parties.items()):
        if party.territory:
            by_territory[party.territory].append(code)
    for territory, codes in by_territory.items():
        for code in codes if len(codes) > 1 else []:
            others = ", ".join(f"{other}.yaml" for other in codes if other != code)
            yield records.records[code].problem(
                ("territory",),
                f"{territory} is also the territory of {others}; one party has one record: remove the copy",
            )


def unknown_reviewers_in_data(record: LoadedRecord, records: RecordSet) -> Iterator[Problem]:
    """Reviewer codes naming no record, read from the data of a record the model rejected.

    The cross-record rules run on valid records; this one also runs on a record with field errors, so that
    an unknown reviewer is reported together with them, not after they are fixed.
    """
    data: Any = record.document.data
    reviews = data.get("reviews") if isinstance(data, dict) else None
    for position, review in enumerate(reviews if isinstance(reviews, list) else []):
        if not isinstance(review, dict):
            continue
        reviewers = review.get("reviewers")
        for index, code in enumerate(reviewers if isinstance(reviewers, list) else []):
            if isinstance(code, str) and code not in records.records:
                where = ("reviews", position, "reviewers", index)
                yield record.problem(where, unknown_party(code))
        extras = review.get("additional_reviewers")
        for index, extra in enumerate(extras if isinstance(extras, list) else []):
            code = extra.get("party") if isinstance(extra, dict) else None
            if isinstance(code, str) and code not in records.records:
                where = ("reviews", position, "additional_reviewers", index, "party")
                yield record.problem(where, unknown_party(code))
