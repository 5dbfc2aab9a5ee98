"""Page bodies (Markdown with HTML blocks) for the generated pages: one profile per party, the party list."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from profilesite import routes
from profilesite.export.tables import tables
from profilesite.i18n import catalogs, formatting
from profilesite.model import Party, Source
from profilesite.render.environment import render
from profilesite.stats.figures import party_attributes
from profilesite.views.names import search_names
from profilesite.views.parties import PartyIndex, party_name, stage_reached
from profilesite.views.reviews import cluster_rows, review_details, reviewing


@dataclass(frozen=True)
class PartyRow:
    """One row of the party list."""

    code: str
    name: str
    names: str  # every name the party is found by, and its code: what the name filter searches
    region: str | None
    group: int | None
    cluster: str | None  # of the latest review, which group, stage and reviewers describe
    stage: str
    stage_order: int
    reviewers: list[str]
    filters: dict[str, str]


def _helpers(index: PartyIndex, locale: str) -> dict:
    vocabulary = index.vocabulary
    return {
        "vocabulary": vocabulary,
        "label": lambda name, key: vocabulary.label(name, key, locale),
        "name_of": lambda code: party_name(index.parties[code], locale),
        "group_start": vocabulary.group_start,
        "instrument": vocabulary.instrument,
        "instrument_names": lambda keys: [vocabulary.instrument(key).short(locale) for key in keys],
        "cluster": vocabulary.cluster,
    }


def search_text(party: Party, index: PartyIndex, locale: str) -> str:
    """What search finds a profile by: its names, its code and its groups.

    The names (views/names.py ``search_names``): the UN's in this language, in English and in the site's
    other Latin-script languages, the everyday ones (CLDR's, Brazilian next to European Portuguese), each
    also without accents, so a reader finds Türkiye by typing "Turquie" or "Turkiye", and Kenya by "Quênia"
    in every language. The party list's name filter searches the same names (:func:`party_rows`).
    """
    words = [*search_names(party, locale), party.code.upper()]
    if party.regional_group:
        words.append(index.vocabulary.label("regional_groups", party.regional_group, locale))
    for review in reversed(party.reviews):  # the latest review's group first
        words.append(catalogs.gettext(locale, "Group %(number)s") % {"number": review.group})
    return " · ".join(dict.fromkeys(words))


def profile_sources(party: Party) -> list[Source]:
    """Every distinct source the profile cites, in the order of the instruments."""
    seen: list[Source] = []
    for status in party.treaties.values():
        if status.source not in seen:
            seen.append(status.source)
    return seen


@functools.cache
def _profile_link(code: str, name: str) -> Markup:
    """The link from a profile to the profile of ``code``: profiles are siblings, so it is one for all."""
    return Markup(
        f'<a href="{routes.relative(routes.profile(code), routes.profile("_"))}">{escape(name)}</a>'
    )


def party_links(codes: Iterable[str], index: PartyIndex, locale: str) -> Markup:
    """Links from a profile to the profiles of ``codes``, separated as a list in ``locale``.

    In Python rather than a template macro: a profile lists a dozen parties, and each macro call costs
    more than the link it writes.
    """
    separator = formatting.list_separator(locale)
    return Markup(escape(separator)).join(
        _profile_link(code, party_name(index.parties[code], locale)) for code in codes
    )


def joined_after_draw(party: Party, index: PartyIndex) -> bool:
    """Whether the party's consent to the Convention is dated after the first review group began.

    Such a party is not in the review yet; one that joined earlier but has no review in the records only
    lacks review data (its accession reached our sources after the demonstration sample was drawn).
    """
    status = party.treaties.get("untoc")
    start = index.vocabulary.group_start(1)
    return bool(status and status.consent and status.consent.date and start and status.consent.date >= start)


def render_profile(party: Party, index: PartyIndex, locale: str) -> str:
    """The profile page of ``party`` in ``locale``."""
    name = party_name(party, locale)
    here = routes.profile(party.code)
    return render(
        "profile.md",
        locale,
        party=party,
        name=name,
        description=catalogs.gettext(locale, "Treaty status, peer review and published documents of %(name)s")
        % {"name": name},
        here=here,
        root=routes.to_site_root(here, locale),
        search_text=search_text(party, index, locale),
        csv_tables=[table.name for table in tables(index, [party.code]) if table.items],
        clusters=cluster_rows(party, index),
        details=review_details(party, index),
        reviewing=reviewing(party, index),
        sample=any(review.sample for review in party.reviews),
        review_anchor=routes.review_section,
        reviewing_anchor=routes.ProfileSection.REVIEWING,
        review_link=lambda code, cluster: routes.relative(
            routes.profile(code, routes.review_section(cluster)), here
        ),
        responses_link=lambda cluster: routes.relative(routes.response(party.code, cluster), here),
        party_links=lambda codes: party_links(codes, index, locale),
        joined_after_draw=joined_after_draw(party, index),
        sources=profile_sources(party),
        **_helpers(index, locale),
    )


def party_rows(index: PartyIndex, locale: str) -> list[PartyRow]:
    """Rows of the party list, ordered by name in ``locale``."""
    order = {"not_started": 0} | {
        key: number for number, key in enumerate(index.vocabulary.keys("stages"), 1)
    }
    rows = []
    for code in index.sorted_codes(locale):
        party = index.parties[code]
        stage = stage_reached(party, index.vocabulary)
        rows.append(
            PartyRow(
                code=code,
                name=party_name(party, locale),
                names=" · ".join([*search_names(party, locale), code.upper()]),
                region=party.regional_group,
                group=party.latest_review.group if party.latest_review else None,
                cluster=party.latest_review.cluster if party.latest_review else None,
                stage=stage,
                stage_order=order[stage],
                reviewers=list(party.latest_review.reviewers) if party.latest_review else [],
                filters=party_attributes(party, index),
            )
        )
    return rows


def render_party_list(index: PartyIndex, locale: str) -> str:
    """The list of all parties in ``locale``."""
    return render(
        "parties.md",
        locale,
        rows=party_rows(index, locale),
        here=routes.PARTY_LIST,
        has_sample=index.has_sample,
        as_of=index.as_of,
        **_helpers(index, locale),
    )
