"""An Atom feed per language of what changed, derived from the dates in the records (never the build time).

Entries: documents published, treaty actions, review stages passed; the newest first, at most ``LIMIT``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from profilesite import routes
from profilesite.i18n import catalogs, formatting
from profilesite.views.parties import PartyIndex, party_name

LIMIT = 100


@dataclass(frozen=True, order=True)
class Change:
    """One dated change of one party."""

    date: dt.date
    code: str
    kind: str  # document | treaty | stage
    key: str
    section: str  # of the profile: routes.ProfileSection
    sample: bool


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
                    routes.ProfileSection.DOCUMENTS,
                    document.sample,
                )
            )
        for instrument, status in party.treaties.items():
            if status.consent:
                found.append(
                    Change(
                        status.consent.date, code, "treaty", instrument, routes.ProfileSection.TREATIES, False
                    )
                )
        if party.review:
            for key in index.vocabulary.keys("stages"):
                date = party.review.stages.get(key)
                if date:
                    found.append(
                        Change(date, code, "stage", key, routes.ProfileSection.STAGES, party.review.sample)
                    )
    return sorted(found, key=lambda change: (change.date, change.code, change.kind, change.key), reverse=True)


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
            "action": vocabulary.label("consent_types", consent.type, locale),
            "instrument": vocabulary.instrument(change.key).short(locale),
        }
    text = catalogs.gettext(locale, "%(party)s: review stage passed: %(stage)s")
    return text % {"party": name, "stage": vocabulary.label("stages", change.key, locale)}


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
        link = base + routes.profile(change.code, change.section)
        entry_id = f"urn:profilesite:{change.code}:{change.kind}:{change.key}:{change.date.isoformat()}"
        summary = formatting.date(change.date, locale) + (f" — {sample_note}" if change.sample else "")
        lines += [
            "<entry>",
            f"<title>{escape(_title(change, index, locale))}</title>",
            f"<id>{escape(entry_id)}</id>",
            f"<updated>{change.date.isoformat()}T00:00:00Z</updated>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"<summary>{escape(summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
