"""Generated blocks inside hand-written pages, so facts are never retyped in content/.

A content page writes a marker on a line of its own, e.g. ``<!-- profilesite:stages -->``; the assembler
replaces it with the block rendered in the page's language from the same vocabulary and records the
profiles use (stage names and deadlines, review groups, languages, status at a glance).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from profilesite import routes
from profilesite.i18n import catalogs, formatting
from profilesite.model.record import TreatyStatus
from profilesite.model.vocabulary import REVIEW_START, Instrument, Stage, Vocabulary
from profilesite.render.environment import render
from profilesite.render.world_map import map_context
from profilesite.stats.clusters import RESPONSES_FIGURE
from profilesite.stats.figures import consultation_held, headlines, saq_progress
from profilesite.views.parties import PartyIndex, party_name

MARKER = re.compile(r"^<!-- profilesite:([a-z_]+) -->$", re.MULTILINE)
BLOCKS = (
    "stages",
    "groups",
    "languages",
    "instruments",
    "documents",
    "glance",
    "counts",
    "gaps",
    "map",
    "downloads",
)


class UnknownBlock(ValueError):
    """A content page names a block that does not exist."""


def deadline_text(stage: Stage, vocabulary: Vocabulary, locale: str) -> str:
    """'Within 2 weeks of the start of the review', in ``locale``."""
    deadline = stage.deadline
    assert deadline is not None
    if deadline.weeks:
        amount = catalogs.ngettext(locale, "%(count)s week", "%(count)s weeks", deadline.weeks)
        count = deadline.weeks
    else:
        amount = catalogs.ngettext(locale, "%(count)s month", "%(count)s months", deadline.months or 0)
        count = deadline.months or 0
    amount = amount % {"count": formatting.number(count, locale)}
    if deadline.from_ == REVIEW_START:
        return catalogs.gettext(locale, "Within %(time)s of the start of the review") % {"time": amount}
    return catalogs.gettext(locale, "Within %(time)s of: %(stage)s") % {
        "time": amount,
        "stage": vocabulary.label("stages", deadline.from_, locale),
    }


#: The reported count the demonstration sample is scaled from (scripts/make_profiles.py scales the
#: Secretariat's figures for the parties in the mechanism to the parties in the review here).
SAMPLE_SCALE = "mechanism_parties"


def counts_context(index: PartyIndex, base: str) -> dict:
    """What includes/counts.html needs beyond the headlines: the sample's scale and the data page."""
    scale = next((item.count for item in index.vocabulary.reported_counts if item.key == SAMPLE_SCALE), None)
    return {
        "scale_from": scale,
        "data_page": base + routes.DATA,
    }


def map_block(index: PartyIndex, locale: str, base: str) -> Markup:
    """includes/map.html in ``locale``, its links starting with ``base``."""
    return Markup(render("includes/map.html", locale, base=base, **map_context(index, locale, base)))


def downloads_context(index: PartyIndex, locale: str, base: str) -> dict:
    """includes/downloads.html: every download (export/listing.py), the way to them, their sizes."""
    from profilesite.export.listing import listing

    whole, per_party = listing(index)
    by_party: dict[str, list] = {}
    for item in per_party:
        by_party.setdefault(str(item.party), []).append(item)
    return {
        "whole": whole,
        "per_party_count": len(per_party),
        "party_files": [(code, by_party[code]) for code in index.sorted_codes(locale) if code in by_party],
        # the downloads are under the site's root, above the language's ('fr/')
        "root": base + "../" * routes.localized(routes.HOME, locale).count("/"),
        "file_size": lambda size: file_size(size, locale),
    }


def file_size(size: int, locale: str) -> str:
    """A file size as the reader's language writes it: '10.5 kB', '10,5 ko', '512 B' (CLDR units, SI)."""
    from babel.units import format_unit

    unit, value = ("digital-byte", size) if size < 1000 else ("digital-kilobyte", size / 1000)
    if value >= 1000:
        unit, value = "digital-megabyte", size / 1_000_000
    return format_unit(value, unit, length="short", format="#,##0.#", locale=formatting.cldr(locale))


@dataclass(frozen=True)
class TreatyGap:
    """A party's consent to an instrument whose kind of act or date our sources do not give."""

    code: str
    instrument: Instrument
    status: TreatyStatus


def treaty_gaps(index: PartyIndex, locale: str) -> list[TreatyGap]:
    """Every consent with a part not in our sources, by party name in ``locale``, then instrument order."""
    return [
        TreatyGap(code, instrument, status)
        for code in index.sorted_codes(locale)
        for instrument in index.vocabulary.instruments
        if (status := index.parties[code].treaties.get(instrument.key)) is not None
        and status.consent is not None
        and (status.consent.type is None or status.consent.date is None)
    ]


def expand(text: str, index: PartyIndex, locale: str, base: str) -> str:
    """``text`` with every block marker replaced by its block.

    ``base`` leads from the page to its language's root: blocks link to ``base`` + a routes address.
    """
    if "<!-- profilesite:" not in text:
        return text

    def block(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in BLOCKS:
            raise UnknownBlock(f"unknown block '{name}'; use one of {', '.join(BLOCKS)}")
        numbers = headlines(index)
        parties = index.parties.values()
        vocabulary = index.vocabulary  # the glance repeats Figures III and V: the first cluster's reviews
        html = render(
            f"includes/{name}.html",
            locale,
            vocabulary=index.vocabulary,
            base=base,
            numbers=numbers,
            has_sample=index.has_sample,
            group_sizes=Counter(party.latest_review.group for party in parties if party.latest_review),
            consultation_held=sum(1 for party in parties if consultation_held(party, vocabulary) == "held"),
            saq_submitted=sum(1 for party in parties if saq_progress(party, vocabulary) == "done"),
            responses_section=RESPONSES_FIGURE,
            responses_published=sum(1 for code, _ in index.responses if code in index.parties),
            deadline_text=lambda stage: deadline_text(stage, index.vocabulary, locale),
            **counts_context(index, base),
            gaps=treaty_gaps(index, locale) if name == "gaps" else [],
            party_name=lambda code: party_name(index.parties[code], locale),
            **(map_context(index, locale, base) if name == "map" else {}),
            **(downloads_context(index, locale, base) if name == "downloads" else {}),
        )
        return f"<!--ps:html-->\n{html.strip()}\n<!--/ps:html-->"

    return MARKER.sub(block, text)
