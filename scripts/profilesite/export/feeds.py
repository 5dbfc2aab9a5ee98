"""An Atom feed per language of what changed, derived from the dates in the records (never the build time).

Entries: documents published, treaty actions, review stages passed in every thematic cluster's review,
questionnaire responses published (dated by the party's consent to publish); the newest first, at most
``LIMIT``. Text from the records is escaped and stripped of the characters XML 1.0 cannot hold, so the feed
stays well-formed whatever a record accepted by the validator says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from profilesite import routes
from profilesite.i18n import catalogs, formatting
from profilesite.stats.clusters import cluster_title
from profilesite.views.parties import PartyIndex, party_name

LIMIT = 100
#: Characters XML 1.0 does not allow in a document, even escaped (control characters, lone surrogates...).
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` escaped for an XML element, without the characters XML cannot hold."""
    return escape(NOT_XML.sub("", text))


@dataclass(frozen=True, order=True)
class Change:
    """One dated change of one party."""

    date: dt.date
    code: str
    kind: str  # document | treaty | stage | response
    key: str
    address: str  # the page the entry links to, from the language's root (routes)
    sample: bool
    cluster: str = ""  # the thematic cluster of a review stage or of published responses


def changes(index: PartyIndex) -> list[Change]:
    """Every dated change in the records, newest first (ties broken by code, kind, key: stable)."""
    found: list[Change] = []
    for code, party in index.parties.items():
        for number, document in enumerate(party.documents):
            found.append(
                Change(
                    document.date,
                    code,
                    "document",
                    f"{number}-{document.kind}",
                    routes.profile(code, routes.ProfileSection.DOCUMENTS),
                    document.sample,
                )
            )
        for instrument, status in party.treaties.items():
            if status.consent and status.consent.date:  # an undated act is no dated change to announce
                found.append(
                    Change(
                        status.consent.date,
                        code,
                        "treaty",
                        instrument,
                        routes.profile(code, routes.ProfileSection.TREATIES),
                        False,
                    )
                )
        for review in party.reviews:
            for key in index.vocabulary.keys("stages"):
                date = review.stages.get(key)
                if date:
                    stages = routes.profile(code, routes.review_section(review.cluster))
                    found.append(Change(date, code, "stage", key, stages, review.sample, review.cluster))
    for (code, cluster), responses in index.responses.items():
        if code in index.parties:
            address = routes.response(code, cluster)
            found.append(
                Change(responses.consent.date, code, "response", cluster, address, responses.sample, cluster)
            )
    return sorted(
        found,
        key=lambda change: (change.date, change.code, change.kind, change.key, change.cluster),
        reverse=True,
    )


def entry_id(change: Change, index: PartyIndex) -> str:
    """The entry's permanent id; a stage of the first cluster keeps the id it had before the clusters."""
    parts = [change.code, change.kind]
    if change.kind == "stage" and change.cluster != index.vocabulary.clusters[0].key:
        parts.append(change.cluster)
    parts += [change.key, change.date.isoformat()]
    return "urn:profilesite:" + ":".join(parts)


def _title(change: Change, index: PartyIndex, locale: str) -> str:
    party = index.parties[change.code]
    name = party_name(party, locale)
    vocabulary = index.vocabulary
    if change.kind == "document":
        document = party.documents[int(change.key.split("-", 1)[0])]
        what = document.title or vocabulary.label("document_kinds", document.kind, locale)
        text = catalogs.gettext(locale, "%(party)s: document published: %(document)s")
        return text % {"party": name, "document": what}
    if change.kind == "treaty":
        consent = party.treaties[change.key].consent
        assert consent is not None
        text = catalogs.gettext(locale, "%(party)s: %(action)s, %(instrument)s")
        return text % {
            "party": name,
            "action": vocabulary.label("consent_types", consent.type, locale)
            if consent.type
            else catalogs.gettext(locale, "became a party"),
            "instrument": vocabulary.instrument(change.key).short(locale),
        }
    cluster = cluster_title(vocabulary.cluster(change.cluster), locale)
    if change.kind == "response":
        text = catalogs.gettext(
            locale, "%(party)s: responses to the self-assessment questionnaire published (%(cluster)s)"
        )
        return text % {"party": name, "cluster": cluster}
    text = catalogs.gettext(locale, "%(party)s: review stage passed (%(cluster)s): %(stage)s")
    return text % {"party": name, "cluster": cluster, "stage": vocabulary.label("stages", change.key, locale)}


def atom_feed(index: PartyIndex, locale: str, site_url: str) -> str:
    """The Atom document for ``locale``; links are relative to the feed's own address."""
    entries = changes(index)[:LIMIT]
    base = routes.absolute(site_url, routes.localized(routes.HOME, locale)) if site_url else ""
    updated = (entries[0].date if entries else index.as_of).isoformat() + "T00:00:00Z"
    title = catalogs.gettext(locale, "Country profiles: what changed")
    sample_note = catalogs.gettext(locale, "Demonstration data")
    feed_id = base + routes.FEED if base else f"urn:profilesite:feed:{locale}"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{locale}">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(feed_id)}</id>",
        f"<updated>{updated}</updated>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(base + routes.FEED)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(base + routes.PARTY_LIST)}/>',
        "<author><name>UNTOC Review Mechanism country profiles</name></author>",
    ]
    for change in entries:
        link = base + change.address
        summary = formatting.date(change.date, locale) + (f" — {sample_note}" if change.sample else "")
        lines += [
            "<entry>",
            f"<title>{_xml_text(_title(change, index, locale))}</title>",
            f"<id>{escape(entry_id(change, index))}</id>",
            f"<updated>{change.date.isoformat()}T00:00:00Z</updated>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"<summary>{_xml_text(summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
