"""Write ``scripts/profilesite/views/world_shapes.json``: the simplified world map the site draws.

The shapes are Natural Earth's (public domain), version 4.0.0, as converted to GeoJSON in the repository
``martynafford/natural-earth-geojson`` (CC0) at a pinned commit:

- ``110m/cultural/ne_110m_admin_0_countries.json``: one shape per country or area (Antarctica left out);
- ``50m/cultural/ne_50m_admin_0_countries`` (``.json``, or the ``.7z`` archive beside it, read with
  ``7z``): a point for every country or area that has no shape at 1:110m (small island States, Andorra,
  Monaco...), the centre of its largest polygon at 1:50m, so that a small party still gets a marker;
- ``50m/cultural/ne_50m_admin_0_boundary_lines_disputed_areas.json``: disputed boundaries and claim lines,
  drawn dashed;
- ``10m/cultural/ne_10m_admin_0_disputed_areas.json``: Natural Earth's disputed and breakaway areas, of which
  only the Crimea polygon (``sr_brk_a3`` B89) is used, to tell which of Russia's 1:110m polygons is Crimea.

Natural Earth draws boundaries as they are on the ground (de facto). This site is a United Nations
mechanism's, so before projecting, ``REASSIGNED`` moves what Natural Earth draws apart to the State the
United Nations treat it as part of (sources/SOURCES.md, "World map"): Crimea, with Sevastopol, to Ukraine
(General Assembly resolution 68/262); Taiwan to China; Northern Cyprus to Cyprus; Somaliland to Somalia.
A moved polygon that shares an edge with one of its new State's polygons (vertices equal in Natural
Earth's coordinates: Crimea and Ukraine along the Perekop isthmus, the two parts of Cyprus, Somaliland and
Somalia) is merged into it, the shared edge dropped; any other (Taiwan, an island) is added as a polygon of
its own. Natural Earth's 1:110m Morocco also takes in the part of Western Sahara that Morocco holds:
``CUTS`` cuts it off along the boundary at 27°40' N and joins it to Western Sahara, a Non-Self-Governing
Territory, drawn whole and neutral grey (its boundary is among the dashed lines). Kosovo stays as Natural
Earth draws it, neutral grey. Every coordinate is projected with the
Equal Earth projection (Šavrič, Patterson and Jenny, 2018), scaled to a frame ``WIDTH`` units wide,
simplified (Douglas-Peucker, ``TOLERANCE`` units) and rounded to whole units; each shape is written as an
SVG path with relative moves, so the site only copies strings. Nothing is fetched when the site is built.

Usage: ``python scripts/refresh_world_shapes.py`` downloads the pinned files from GitHub;
``--git-dir PATH`` reads them from a local clone or mirror of the repository instead (``git show``).
Review the diff and the map on the home page before committing the new file.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "scripts" / "profilesite" / "views" / "world_shapes.json"
REPOSITORY = "martynafford/natural-earth-geojson"
COMMIT = "0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e"  # 2024-01-24; data: Natural Earth 4.0.0
COUNTRIES = "110m/cultural/ne_110m_admin_0_countries.json"
SMALL = "50m/cultural/ne_50m_admin_0_countries"  # .json, or .7z where the JSON is not stored
DISPUTED = "50m/cultural/ne_50m_admin_0_boundary_lines_disputed_areas.json"
AREAS = "10m/cultural/ne_10m_admin_0_disputed_areas.json"  # breakaway and disputed areas (Crimea: B89)
WIDTH = 1000  # frame width in SVG units; the height follows from the projection
TOLERANCE = 0.55  # Douglas-Peucker tolerance, in SVG units
MIN_AREA = 1.2  # rings smaller than this (square units, after rounding) are left out
LEFT_OUT = {"ATA"}  # Antarctica: no party, and a third of the frame's height
CRIMEA = "B89"  # Natural Earth's code (sr_brk_a3) of its Crimea area, Sevastopol included
#: (unit, area, State): the polygons of Natural Earth's ``unit`` (all, or those whose centre lies in the
#: disputed area ``area``) are drawn as part of ``State``; a unit left with no polygon is dropped.
REASSIGNED = (
    ("RUS", CRIMEA, "UKR"),  # General Assembly resolution 68/262: Ukraine within its recognized borders
    ("TWN", None, "CHN"),  # "Taiwan Province of China" (General Assembly resolution 2758 (XXVI))
    ("CYN", None, "CYP"),  # Security Council resolution 541 (1983)
    ("SOL", None, "SOM"),  # Security Council: the territorial integrity and unity of Somalia
)
#: (unit, (vertex, vertex), area, territory): Natural Earth's 1:110m Morocco takes in the part of Western
#: Sahara that Morocco holds (its area B19); its polygon is cut along the chord between two of its vertices
#: (lon, lat), the boundary along 27°40' N, and the piece whose centre lies in ``area`` joins ``territory``.
CUTS = (("MAR", ((-8.817, 27.656), (-13.122, 27.654)), "B19", "ESH"),)


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection of a point in degrees, on the unit sphere (y up)."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(m * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification of an open polyline (first and last points kept)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length == 0:
                d = math.hypot(px - x1, py - y1)
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_area(points: list[tuple[float, float]]) -> float:
    """Unsigned area of a closed ring (shoelace)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


class Frame:
    """Projected coordinates to whole SVG units: x right, y down, origin at the frame's top left."""

    def __init__(self, features: list[dict]) -> None:
        xs, ys = [], []
        for feature in features:
            for ring in rings(feature["geometry"]):
                for lon, lat in ring:
                    x, y = equal_earth(lon, lat)
                    xs.append(x)
                    ys.append(y)
        full = equal_earth(180, 0)[0]  # the whole width of the world at the equator, whatever the data
        self.left, self.top = -full, max(ys)
        self.scale = WIDTH / (2 * full)
        self.height = math.ceil((max(ys) - min(ys)) * self.scale) + 1

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = equal_earth(lon, lat)
        return (x - self.left) * self.scale, (self.top - y) * self.scale


def rings(geometry: dict) -> list[list[list[float]]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon, or every line of a (Multi)LineString."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind in ("Polygon", "MultiLineString"):
        return coordinates
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    if kind == "LineString":
        return [coordinates]
    raise ValueError(f"unexpected geometry {kind}")


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    """The polygons (each a list of rings, outer first) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"unexpected geometry {geometry['type']}")


def open_ring(ring: list[list[float]]) -> list[tuple[float, float]]:
    """A ring's vertices as tuples, without the closing repeat of the first."""
    points = [(float(x), float(y)) for x, y in ring]
    return points[:-1] if len(points) > 1 and points[0] == points[-1] else points


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The area-weighted centre of a ring's points (shoelace), or None for a ring of no area (a sliver).

    A closing repeat of the first point adds an edge of length zero, which adds nothing.
    """
    signed, cx, cy = 0.0, 0.0, 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        signed += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(signed) < 1e-12:
        return None
    return cx / (3 * signed), cy / (3 * signed)


def centre(ring: list[list[float]]) -> tuple[float, float]:
    """The area-weighted centre of a ring, in its own coordinates."""
    found = _centroid(open_ring(ring))
    assert found is not None, "a ring of no area has no centre"
    return found


def inside(point: tuple[float, float], polygon: list[list[list[float]]]) -> bool:
    """Whether ``point`` is inside ``polygon`` (its outer ring, not in a hole): even-odd ray casting."""
    x, y = point
    crossings = 0
    for ring in polygon:
        points = open_ring(ring)
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def shared_run(ring: list[tuple[float, float]], shared: set) -> tuple[int, int]:
    """First and last index of the one cyclic run of ``ring``'s vertices that are in ``shared``."""
    n = len(ring)
    flags = [point in shared for point in ring]
    starts = [i for i in range(n) if flags[i] and not flags[i - 1]]
    if len(starts) != 1 or flags.count(True) < 2:
        raise ValueError("the two polygons do not share one run of vertices: merge them by hand")
    start = starts[0]
    end = start
    while flags[(end + 1) % n]:
        end = (end + 1) % n
    return start, end


def merged(a: list[list[float]], b: list[list[float]]) -> list[list[float]] | None:
    """The outer ring of the union of two outer rings that share one run of vertices, else None.

    Rings of the same orientation walk their common edge in opposite directions: the union walks ``a``
    from the end of the common run round to its start, then ``b`` likewise, the common run left out.
    """
    ring_a, ring_b = open_ring(a), open_ring(b)
    shared = set(ring_a) & set(ring_b)
    if len(shared) < 2:
        return None
    start_a, end_a = shared_run(ring_a, shared)
    if ring_a[start_a] != ring_b[shared_run(ring_b, shared)[1]]:  # same direction: orient b like a
        ring_b = ring_b[::-1]
    start_b, end_b = shared_run(ring_b, shared)
    if ring_a[start_a] != ring_b[end_b] or ring_a[end_a] != ring_b[start_b]:
        raise ValueError("the shared runs do not match: merge them by hand")
    union = []
    for ring, start, end in ((ring_a, start_a, end_a), (ring_b, start_b, end_b)):
        index = end
        while index != start:
            union.append(ring[index])
            index = (index + 1) % len(ring)
    union.append(union[0])
    return [list(point) for point in union]


def vertex(ring: list[tuple[float, float]], lon: float, lat: float) -> int:
    """The index of the one vertex of ``ring`` within 0.001 degree of (lon, lat)."""
    found = [i for i, (x, y) in enumerate(ring) if abs(x - lon) < 1e-3 and abs(y - lat) < 1e-3]
    if len(found) != 1:
        raise ValueError(f"no single vertex at {lon}, {lat}: check CUTS against the data")
    return found[0]


def cut(geometry: dict, unit: str, chord: tuple, area: list, territory: str) -> None:
    """Cut ``unit``'s polygon holding both ends of ``chord``; its piece in ``area`` joins ``territory``."""
    for index, polygon in enumerate(geometry[unit]):
        ring = open_ring(polygon[0])
        try:
            first, second = sorted(vertex(ring, *end) for end in chord)
        except ValueError:
            continue
        pieces = [ring[first : second + 1], ring[second:] + ring[: first + 1]]
        inner = [piece for piece in pieces if any(inside(centre(piece), shape) for shape in area)]
        if len(inner) != 1 or len(polygon) > 1:
            raise ValueError(f"{unit}: the cut does not leave one piece in the area")
        kept = pieces[1 - pieces.index(inner[0])]
        geometry[unit][index] = [[list(point) for point in kept + kept[:1]]]
        moved = [list(point) for point in inner[0] + inner[0][:1]]
        join(geometry, territory, [moved])
        return
    raise ValueError(f"{unit}: no polygon has both ends of the cut")


def join(geometry: dict, state: str, polygon: list) -> None:
    """Add ``polygon`` to ``state``: merged with the polygon it shares an edge with, else on its own."""
    if len(polygon) > 1:
        raise ValueError(f"{state}: a moved polygon with a hole")
    for index, target in enumerate(geometry[state]):
        union = merged(target[0], polygon[0])
        if union is not None:
            if len(target) > 1:
                raise ValueError(f"{state}: a merged polygon with a hole")
            geometry[state][index] = [union]
            return
    geometry[state].append(polygon)


def reassign(features: list[dict], areas: dict) -> list[dict]:
    """The countries with ``CUTS`` and ``REASSIGNED`` applied (Western Sahara; UN usage for the others)."""
    by_code = {key(f["properties"]): f for f in features}
    area_shapes = {f["properties"]["sr_brk_a3"]: polygons(f["geometry"]) for f in areas["features"]}
    geometry = {code: [list(p) for p in polygons(f["geometry"])] for code, f in by_code.items()}
    for unit, chord, area, territory in CUTS:
        cut(geometry, unit, chord, area_shapes[area], territory)
    for unit, area, state in REASSIGNED:
        moving = [
            polygon
            for polygon in geometry[unit]
            if area is None or any(inside(centre(polygon[0]), shape) for shape in area_shapes[area])
        ]
        if not moving:
            raise ValueError(f"{unit}: no polygon in area {area}")
        geometry[unit] = [polygon for polygon in geometry[unit] if polygon not in moving]
        for polygon in moving:
            join(geometry, state, polygon)
    result = []
    for code, feature in by_code.items():
        if geometry[code]:
            shape = {"type": "MultiPolygon", "coordinates": geometry[code]}
            result.append({"type": "Feature", "properties": feature["properties"], "geometry": shape})
    return result


def path_data(lines: list[list[tuple[int, int]]], closed: bool) -> str:
    """SVG path data with relative moves and the fewest characters: 'M12 34l3-2 0 5z'."""
    parts = []
    cursor = (0, 0)
    for line in lines:
        x, y = line[0]
        parts.append(f"M{x} {y}" if not parts else f"m{x - cursor[0]} {y - cursor[1]}")
        steps = []
        for (ax, ay), (bx, by) in zip(line, line[1:], strict=False):
            steps.append(f"{bx - ax} {by - ay}")
        text = "l" + " ".join(steps) if steps else ""
        parts.append(text.replace(" -", "-") + ("z" if closed else ""))
        cursor = line[0] if closed else line[-1]
    return "".join(parts)


def rounded(points: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """Points rounded to whole units, consecutive duplicates dropped."""
    out: list[tuple[int, int]] = []
    for x, y in points:
        point = (round(x), round(y))
        if not out or out[-1] != point:
            out.append(point)
    return out


def shape(feature: dict, frame: Frame) -> str:
    """A country's SVG path: its rings projected, simplified, rounded; tiny rings left out."""
    kept = []
    for ring in rings(feature["geometry"]):
        projected = [frame.point(lon, lat) for lon, lat in ring]
        if len(projected) > 1 and projected[0] == projected[-1]:
            projected = projected[:-1]
        simplified = rounded(simplify(projected + projected[:1], TOLERANCE))
        if len(simplified) > 1 and simplified[0] == simplified[-1]:
            simplified = simplified[:-1]
        if len(simplified) >= 3 and ring_area([(float(x), float(y)) for x, y in simplified]) >= MIN_AREA:
            kept.append(simplified)
    return path_data(kept, closed=True)


def key(properties: dict) -> str:
    """The unit's ISO 3166-1 alpha-3 code, else Natural Earth's own code (e.g. KOS, SOL, CYN).

    France and Norway have theirs only in ISO_A3_EH.
    """
    for field in ("ISO_A3_EH", "ISO_A3", "ADM0_A3"):
        value = str(properties.get(field) or "")
        if len(value) == 3 and value != "-99":
            return value
    raise ValueError(f"no code for {properties.get('NAME')}")


def marker(feature: dict, frame: Frame) -> list[float]:
    """The centre (area-weighted) of the largest polygon of a unit, projected, to one decimal."""
    best, best_area = None, -1.0
    for polygon in polygons(feature["geometry"]):
        outer = [frame.point(lon, lat) for lon, lat in polygon[0]]
        area = ring_area(outer)
        if area > best_area:
            best, best_area = outer, area
    assert best is not None
    found = _centroid(best)
    if found is None:  # a sliver: the mean of its points
        found = sum(x for x, _ in best) / len(best), sum(y for _, y in best) / len(best)
    return [round(found[0], 1), round(found[1], 1)]


def read_source(path: str, git_dir: Path | None, folder: Path) -> dict:
    """One GeoJSON file of the pinned commit: from ``git_dir`` (git show) or downloaded from GitHub."""
    for candidate in (path + ".json", path + ".7z") if not path.endswith(".json") else (path,):
        target = folder / Path(candidate).name
        if git_dir is not None:
            result = subprocess.run(
                ["git", "--git-dir", str(git_dir), "show", f"{COMMIT}:{candidate}"], capture_output=True
            )
            if result.returncode != 0 or result.stdout.startswith(b"version https://git-lfs"):
                continue
            target.write_bytes(result.stdout)
        else:
            url = f"https://raw.githubusercontent.com/{REPOSITORY}/{COMMIT}/{candidate}"
            try:
                with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - pinned https URL
                    target.write_bytes(response.read())
            except OSError:
                continue
        if candidate.endswith(".7z"):
            if shutil.which("7z") is None:
                sys.exit(f"{candidate} is a 7z archive: install p7zip (Debian: apt-get install p7zip-full)")
            subprocess.run(["7z", "x", "-y", f"-o{folder}", str(target)], check=True, capture_output=True)
            target = folder / Path(path + ".json").name
        return json.loads(target.read_text("utf-8"))
    sys.exit(f"{path}: not found at {REPOSITORY}@{COMMIT}")


def build(countries: dict, small: dict, disputed: dict, areas: dict) -> dict:
    """The map file: frame, shapes by code, points for units too small for 1:110m, disputed lines."""
    features = [f for f in countries["features"] if key(f["properties"]) not in LEFT_OUT]
    frame = Frame(features)  # before the moves, which change no vertex
    features = reassign(features, areas)
    moved = {unit for unit, area, _ in REASSIGNED if area is None}
    shapes = {}
    for feature in sorted(features, key=lambda f: key(f["properties"])):
        code = key(feature["properties"])
        data = shape(feature, frame)
        if data:
            shapes[code] = data
    points = {}
    for feature in sorted(small["features"], key=lambda f: key(f["properties"])):
        code = key(feature["properties"])
        if code not in shapes and code not in LEFT_OUT and code not in moved:
            points[code] = marker(feature, frame)
    lines = []
    for feature in disputed["features"]:
        for line in rings(feature["geometry"]):
            points_on_line = rounded(simplify([frame.point(lon, lat) for lon, lat in line], TOLERANCE))
            if len(points_on_line) >= 2:
                lines.append(points_on_line)
    return {
        "source": (
            f"Natural Earth 4.0.0 (public domain), GeoJSON of github.com/{REPOSITORY} at {COMMIT}: "
            f"{COUNTRIES}, {SMALL}.7z, {DISPUTED}, {AREAS} (areas {CRIMEA}, B19). Drawn per UN usage "
            "(sources/SOURCES.md): Crimea in Ukraine, Taiwan in China, N. Cyprus in Cyprus, Somaliland in "
            "Somalia, W. Sahara whole. Made by scripts/refresh_world_shapes.py."
        ),
        "projection": "Equal Earth",
        # lon, lat to x, y: ((X - left) * scale, (top - Y) * scale) for (X, Y) = equal_earth(lon, lat)
        "frame": {"left": frame.left, "top": frame.top, "scale": frame.scale},
        "width": WIDTH,
        "height": frame.height,
        "shapes": shapes,
        "points": points,
        "disputed": path_data(lines, closed=False),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--git-dir", type=Path, help="a local clone or mirror of the repository (git show)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        countries = read_source(COUNTRIES, args.git_dir, folder)
        small = read_source(SMALL, args.git_dir, folder)
        disputed = read_source(DISPUTED, args.git_dir, folder)
        areas = read_source(AREAS, args.git_dir, folder)
    data = build(countries, small, disputed, areas)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
    size = OUTPUT.stat().st_size
    counts = f"{len(data['shapes'])} shapes, {len(data['points'])} points"
    print(f"{OUTPUT.relative_to(ROOT)}: {counts}, {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
