"""The world map of the parties (issue 15): inline SVG drawn at build time, in the page's language.

One map, two views. Each party is one link (``<a>``) to its profile, named by its name in the page's
language (``aria-label``) and carrying its state in a ``<title>`` (the tooltip); the link's classes give
its category in both views (``i<n>``: Protocols joined; ``s<n>``: stage reached), and the stylesheet colours
it by the view chosen with the radio buttons above the map (CSS ``:has()``; no JavaScript). Without them
the map shows the instruments. Areas with no record (not a party, or a territory without a record of its
own) are one neutral, unlinked path; Natural Earth's disputed boundaries are dashed lines on top; parties
too small to draw at this scale are circles, drawn last so that they stay clickable.

The geometry is not mirrored for right-to-left languages (a map keeps its orientation); the legends are
HTML around it, so they follow the page's direction and wrap in every script.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from profilesite import routes
from profilesite.i18n import catalogs, formatting
from profilesite.i18n.catalogs import N_
from profilesite.model.vocabulary import NOT_STARTED
from profilesite.views.map_data import (
    NOT_IN_REVIEW,
    MapParty,
    WorldShapes,
    map_party,
    protocols,
    stage_categories,
    world_shapes,
)
from profilesite.views.parties import PartyIndex, party_name

#: The UN's six official languages: the map disclaimer is the UN's own text in them, a translation in others.
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
#: The map disclaimer of the United Nations; the catalogs hold its text in each UN language as the sources
#: give it (sources/un_map_disclaimer.csv, checked by tests/pages/test_world_map.py).
DISCLAIMER = N_(
    "The boundaries and names shown and the designations used on this map do not imply official endorsement"
    " or acceptance by the United Nations."
)
MARKER_RADIUS = 4  # SVG units of the 1000-unit frame; the stylesheet enlarges circles on a phone
TITLE_ID = "ps-map-title"


@dataclass(frozen=True)
class Category:
    """One legend entry: the CSS class that colours it, its label and how many parties it counts."""

    css: str
    label: str
    count: int


@dataclass(frozen=True)
class MapRow:
    """One party on the map and in its table, in the page's language."""

    code: str
    name: str
    href: str
    joined: tuple[bool, ...]  # per instrument, in the vocabulary's order
    party: MapParty
    instruments_label: str
    stage_label: str
    stage_index: int  # position of the party's stage category (its class s<n>)

    @property
    def classes(self) -> str:
        """Its category in each view: Protocols joined (i<n>) and stage reached (s<n>)."""
        return f"i{self.party.protocols} s{self.stage_index}"


def instruments_label(count: int, total: int, locale: str) -> str:
    """'Convention only', 'Convention and 2 of its Protocols', 'Convention and all its Protocols'."""
    if count == 0:
        return catalogs.gettext(locale, "Convention only")
    if count == total:
        return catalogs.gettext(locale, "Convention and all its Protocols")
    text = catalogs.gettext(locale, "Convention and %(count)s of its Protocols")
    return text % {"count": formatting.number(count, locale)}


def stage_label(key: str, index: PartyIndex, locale: str) -> str:
    """A stage category in words: the party list's 'Not in the review', 'Not started', or the stage."""
    if key == NOT_IN_REVIEW:
        return catalogs.gettext(locale, "Not in the review")
    if key == NOT_STARTED:
        return catalogs.gettext(locale, "Not started")
    return index.vocabulary.label("stages", key, locale)


def counted(label: str, count: int, locale: str) -> str:
    """'Convention only (22)' with the language's own parentheses and digits."""
    return label + catalogs.gettext(locale, " (%(note)s)") % {"note": formatting.number(count, locale)}


def map_rows(index: PartyIndex, locale: str, base: str, shapes: WorldShapes) -> list[MapRow]:
    """Every party, ordered by its name in ``locale`` (the map's tab order and the table's)."""
    vocabulary = index.vocabulary
    total = len(protocols(vocabulary))
    stages = stage_categories(vocabulary)
    rows = []
    for code in index.sorted_codes(locale):
        party = index.parties[code]
        data = map_party(party, vocabulary, shapes)
        rows.append(
            MapRow(
                code=code,
                name=party_name(party, locale),
                href=base + routes.profile(code),
                joined=tuple(party.joined(key) for key in vocabulary.keys("instruments")),
                party=data,
                instruments_label=instruments_label(data.protocols, total, locale),
                stage_label=stage_label(data.stage, index, locale),
                stage_index=stages.index(data.stage),
            )
        )
    return rows


def legends(rows: list[MapRow], index: PartyIndex, locale: str) -> tuple[list[Category], list[Category]]:
    """The two views' legend entries, with the number of parties in each (zero included: the scale)."""
    vocabulary = index.vocabulary
    total = len(protocols(vocabulary))
    instruments = [
        Category(
            f"i{count}",
            instruments_label(count, total, locale),
            sum(1 for row in rows if row.party.protocols == count),
        )
        for count in range(total + 1)
    ]
    stages = [
        Category(
            f"s{number}", stage_label(key, index, locale), sum(1 for row in rows if row.party.stage == key)
        )
        for number, key in enumerate(stage_categories(vocabulary))
    ]
    return instruments, stages


def party_title(row: MapRow, locale: str) -> str:
    """The tooltip of a party's shape: its name and its state in both views."""
    text = catalogs.gettext(locale, "%(party)s: %(instruments)s; %(stage)s")
    return text % {"party": row.name, "instruments": row.instruments_label, "stage": row.stage_label}


def map_svg(rows: list[MapRow], shapes: WorldShapes, title: str, locale: str) -> str:
    """The map: neutral areas, parties' shapes (links), disputed lines, then small parties' circles."""
    placed = {row.code.upper() for row in rows}
    neutral = "".join(path for code, path in shapes.shapes.items() if code not in placed)
    parts = [
        f'<svg class="ps-map-svg" viewBox="0 0 {shapes.width} {shapes.height}" role="group" '
        f'aria-labelledby="{TITLE_ID}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{TITLE_ID}">{escape(title)}</title>',
        '<defs><pattern id="ps-map-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="5" height="5" fill="#ffffff"/>'
        '<rect width="1.6" height="5" fill="#7a7a7a"/></pattern>'
        '<pattern id="ps-map-dots" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#d6e6f4"/><circle cx="2" cy="2" r="0.9" fill="#3d6f99"/>'
        "</pattern></defs>",
        f'<path class="ps-map-none" d="{neutral}"/>',
    ]
    circles = []
    for row in rows:
        key = row.code.upper()
        opening = (
            f'<a href="{escape(row.href)}" aria-label="{escape(row.name)}" class="{row.classes}">'
            f"<title>{escape(party_title(row, locale))}</title>"
        )
        if row.party.place == "shape":
            parts.append(f'{opening}<path d="{shapes.shapes[key]}"/></a>')
        elif row.party.place == "point":
            x, y = shapes.points[key]
            circles.append(f'{opening}<circle cx="{x:g}" cy="{y:g}" r="{MARKER_RADIUS}"/></a>')
    parts.append(f'<path class="ps-map-disputed" d="{shapes.disputed}"/>')
    parts += circles
    parts.append("</svg>")
    return "".join(parts)


def map_context(index: PartyIndex, locale: str, base: str) -> dict:
    """What includes/map.html needs: the SVG, the two legends, the parties not drawn, the table's rows."""
    shapes = world_shapes()
    rows = map_rows(index, locale, base, shapes)
    instruments, stages = legends(rows, index, locale)
    title = catalogs.gettext(locale, "Parties on the world map")
    return {
        "map_svg": map_svg(rows, shapes, title, locale),
        "map_title": title,
        "map_rows": rows,
        "map_unplaced": [row for row in rows if row.party.place == "none"],
        "map_instruments": instruments,
        "map_stages": stages,
        "map_columns": list(index.vocabulary.instruments),
        "map_disclaimer": catalogs.gettext(locale, DISCLAIMER),
        "map_disclaimer_official": locale in UN_LANGUAGES,
        "map_title_of": lambda row: party_title(row, locale),
    }
