#!/usr/bin/env python3
"""Writes examples-catalogue/map/nordic-outlines.json: simplified outlines of
every Nordic territory (SE, NO, DK, FI, AX, IS, FO, GL) for the site's map,
from Natural Earth 5.1.2's 1:10m admin-0 countries (public domain) as
committed in the GitHub repository cublya/world-atlas (TopoJSON; build code
ISC). Run it by hand when the outlines should change:

    git clone https://github.com/cublya/world-atlas
    git -C world-atlas checkout 9ef13db2ef3be0409a40c447fa92c2bdec1ec6aa
    scripts/make-map-outlines.py world-atlas/countries-10m.json \\
        > examples-catalogue/map/nordic-outlines.json

The input's SHA-256 is checked, so the same command always writes the same
bytes. Only the standard library is used.

Coordinates stay WGS84 longitude/latitude; the site projects them
(src/map.rs), so a territory's tolerances below are chosen for the scale it
is drawn at there: Greenland in an inset at about a third of the main scale,
the Faroe Islands in an inset at three times it. Rings are simplified
(Douglas-Peucker, in a local frame where a degree of longitude is as long as
it is on the ground) and islets below a territory's smallest area are
dropped, except that Denmark, the Faroe Islands and Åland keep the islands
their municipalities are on. Svalbard, Jan Mayen and Bouvet Island (part of
Norway's outline in Natural Earth) are left out: they have no municipality."""

import hashlib
import json
import math
import sys

SOURCE_SHA256 = "868cee1851c9eeb3ff53754bf18b797a6a20ed0d97ecb37f98d4c166c259ea47"

# ISO 3166 numeric id → territory code of the register.
TERRITORIES = {
    "752": "SE",
    "578": "NO",
    "208": "DK",
    "246": "FI",
    "248": "AX",
    "352": "IS",
    "234": "FO",
    "304": "GL",
}

# Per territory: simplification tolerance (km), smallest island kept (km²),
# decimals of a coordinate. The main map draws about 2.8 km per SVG unit.
DEFAULT = (8.0, 80.0, 2)
SETTINGS = {
    "IS": (8.0, 10.0, 2),  # Vestmannaeyjar (Heimaey, 13 km²)
    "DK": (4.0, 40.0, 2),  # Fanø (56 km²) is a municipality
    "AX": (2.0, 15.0, 2),  # archipelago municipalities on small islands
    "FO": (1.0, 2.0, 2),  # drawn at three times the main scale
    "GL": (25.0, 2500.0, 1),  # drawn at a third of the main scale
}

KM_PER_DEGREE = 111.2


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def local(points):
    """The ring in km on a plane touching the ring's middle latitude."""
    middle = (min(y for _, y in points) + max(y for _, y in points)) / 2
    shrink = math.cos(math.radians(middle))
    return [(x * shrink * KM_PER_DEGREE, y * KM_PER_DEGREE) for x, y in points]


def simplify(points, tolerance):
    """Douglas-Peucker on indices into `points` (a list of (x, y) in km)."""
    if len(points) < 3:
        return list(range(len(points)))
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-12
        best, index = 0.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            distance = abs((y2 - y1) * x0 - (x2 - x1) * y0 + x2 * y1 - y2 * x1) / length
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep.add(index)
            stack.append((first, index))
            stack.append((index, last))
    return sorted(keep)


def simplify_ring(outer, flat, tolerance, decimals):
    """The ring `outer` (lon/lat; `flat` is it in km) simplified and rounded."""
    # A closed ring has no chord to measure against: simplify its two
    # halves, split at the point farthest from the start.
    far = max(range(len(flat)), key=lambda i: math.dist(flat[0], flat[i]))
    first = simplify(flat[: far + 1], tolerance)
    second = [far + i for i in simplify(flat[far:] + [flat[0]], tolerance)]
    simplified = []
    for i in first[:-1] + second[:-1]:
        point = [round(outer[i][0], decimals), round(outer[i][1], decimals)]
        if not simplified or simplified[-1] != point:
            simplified.append(point)
    return simplified


def area(points):
    pairs = zip(points, points[1:] + points[:1])
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def wanted(code, outer):
    lons = [x for x, _ in outer]
    lats = [y for _, y in outer]
    if min(lats) < 50.0:  # Bouvet Island, far south
        return False
    if code == "NO" and (max(lats) > 74.0 or min(lons) < 3.0):  # Svalbard, Jan Mayen
        return False
    return True


def main(path):
    data = open(path, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{path}: SHA-256 {digest}, expected {SOURCE_SHA256} (countries-10m.json of cublya/world-atlas at the commit above)")
    topology = json.loads(data)
    arcs = decode_arcs(topology)
    outlines = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = TERRITORIES.get(str(geometry.get("id")))
        if not code:
            continue
        tolerance, smallest, decimals = SETTINGS.get(code, DEFAULT)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            # Outer rings only: a lake is not drawn.
            outer = ring(arcs, polygon[0])
            if outer[0] == outer[-1]:
                outer = outer[:-1]
            if not wanted(code, outer):
                continue
            flat = local(outer)
            if area(flat) < smallest:
                continue
            # A long, thin island (Öland, Langeland, Fanø) would shrink to
            # a line at the territory's tolerance: halve it until the ring
            # keeps a shape.
            simplified = simplify_ring(outer, flat, tolerance, decimals)
            while len(simplified) < 4 and tolerance > 0.5:
                tolerance /= 2
                simplified = simplify_ring(outer, flat, tolerance, decimals)
            tolerance = SETTINGS.get(code, DEFAULT)[0]
            if len(simplified) >= 4:
                rings.append(simplified)
        # Largest first, so that a territory's first ring is its main land.
        rings.sort(key=lambda r: (-area(local([tuple(p) for p in r])), r))
        outlines[code] = rings
    missing = sorted(set(TERRITORIES.values()) - set(outlines))
    if missing:
        sys.exit(f"{path}: no outline for {', '.join(missing)}")
    document = {
        "source": "Natural Earth 5.1.2 1:10m admin-0 countries (public domain), countries-10m.json of github.com/cublya/world-atlas at 9ef13db2ef3be0409a40c447fa92c2bdec1ec6aa",
        "made_by": "scripts/make-map-outlines.py",
        "countries": dict(sorted(outlines.items())),
    }
    json.dump(document, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
