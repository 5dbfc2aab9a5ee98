"""What the world map shows of each party, and where the party is on it (issue 15).

The shapes are Natural Earth's, simplified and projected once by ``scripts/refresh_world_shapes.py`` into
``world_shapes.json`` (beside this module); nothing is fetched when the site is built. A party is found on
the map by its code (ISO 3166-1 alpha-3, upper-cased): a shape where Natural Earth draws one at 1:110
million, else a point for a circle (small island States, Andorra, Monaco...), else nothing: the European
Union is a party but no territory of its own, so the map lists it beside the shapes instead of colouring
its member States, which are parties in their own right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from profilesite.checks.identity import CONVENTION
from profilesite.model import Party, Vocabulary
from profilesite.model.vocabulary import NOT_STARTED
from profilesite.views.parties import stage_reached

SHAPES_FILE = Path(__file__).with_name("world_shapes.json")
#: Stage category of a party with no review in the records (the party list's "Not in the review").
NOT_IN_REVIEW = "not_in_review"


@dataclass(frozen=True)
class WorldShapes:
    """The map's frame (SVG units), a path per country or area, a point per small one, disputed lines."""

    width: int
    height: int
    shapes: dict[str, str]
    points: dict[str, tuple[float, float]]
    disputed: str
    source: str


@cache
def world_shapes() -> WorldShapes:
    """The shapes file, read once per process."""
    data = json.loads(SHAPES_FILE.read_text("utf-8"))
    return WorldShapes(
        width=data["width"],
        height=data["height"],
        shapes=data["shapes"],
        points={code: (x, y) for code, (x, y) in data["points"].items()},
        disputed=data["disputed"],
        source=data["source"],
    )


def protocols(vocabulary: Vocabulary) -> list[str]:
    """Keys of the instruments other than the Convention (the Protocols), in the vocabulary's order."""
    return [key for key in vocabulary.keys("instruments") if key != CONVENTION]


def stage_categories(vocabulary: Vocabulary) -> list[str]:
    """The stage view's categories in order: not in the review, not started, then every stage."""
    return [NOT_IN_REVIEW, NOT_STARTED, *vocabulary.keys("stages")]


Place = Literal["shape", "point", "none"]


@dataclass(frozen=True)
class MapParty:
    """One party as the map shows it: Protocols joined, stage reached, and how it is drawn."""

    code: str
    #: Number of Protocols joined (the Convention is joined by every party: the site lists parties only).
    protocols: int
    #: A key of :func:`stage_categories`.
    stage: str
    place: Place


def place_of(code: str, shapes: WorldShapes) -> Place:
    """How the party with ``code`` is drawn: its shape, a circle at its point, or not at all."""
    key = code.upper()
    if key in shapes.shapes:
        return "shape"
    if key in shapes.points:
        return "point"
    return "none"


def map_party(party: Party, vocabulary: Vocabulary, shapes: WorldShapes) -> MapParty:
    """What the map shows of ``party``."""
    return MapParty(
        code=party.code,
        protocols=sum(1 for key in protocols(vocabulary) if party.joined(key)),
        stage=stage_reached(party, vocabulary) if party.latest_review is not None else NOT_IN_REVIEW,
        place=place_of(party.code, shapes),
    )
