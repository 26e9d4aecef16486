#!/usr/bin/env python3
"""Writes examples-catalogue/map/nordic-outlines.json: simplified outlines of
the Nordic countries for the site's map, from Natural Earth's 1:50m admin-0
country boundaries (public domain) as packaged by npm `world-atlas` 2.0.2
(ISC). Run once by hand when the outlines should change:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    scripts/make-map-outlines.py package/countries-50m.json

Only the standard library is used. Coordinates are WGS84 longitude/latitude
rounded to 0.01 degrees, simplified (Douglas-Peucker) and clipped to the
mainland Nordic area (Svalbard, Jan Mayen and Greenland are left out: the
register has no municipalities there)."""

import json
import math
import sys

COUNTRIES = {"752": "SE", "578": "NO", "208": "DK", "246": "FI", "352": "IS", "234": "FO", "248": "AX"}
BOX = (-25.0, 54.3, 32.5, 71.6)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.06  # degrees
MIN_RING_POINTS = 4
MIN_RING_AREA = 0.02  # square degrees: drop islets


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


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-12
    best, index = 0.0, 0
    for i in range(1, len(points) - 1):
        x0, y0 = points[i]
        distance = abs((y2 - y1) * x0 - (x2 - x1) * y0 + x2 * y1 - y2 * x1) / length
        if distance > best:
            best, index = distance, i
    if best <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def inside(points):
    return all(BOX[0] <= x <= BOX[2] and BOX[1] <= y <= BOX[3] for x, y in points)


def main(path):
    topology = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topology)
    outlines = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(str(geometry.get("id")))
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            outer = ring(arcs, polygon[0])
            if not inside(outer) or area(outer) < MIN_RING_AREA:
                continue
            # Jan Mayen (and any other Norwegian island far west of the
            # mainland) has no municipality and would stretch the map.
            if code == "NO" and min(x for x, _ in outer) < 3.0:
                continue
            # A closed ring has no chord to measure against: simplify its
            # two halves, split at the point farthest from the start.
            far = max(range(len(outer)), key=lambda i: math.dist(outer[0], outer[i]))
            simplified = simplify(outer[: far + 1], TOLERANCE)[:-1] + simplify(outer[far:] + [outer[0]], TOLERANCE)[:-1]
            if len(simplified) >= MIN_RING_POINTS:
                rings.append([[round(x, 2), round(y, 2)] for x, y in simplified])
        outlines[code] = rings
    document = {
        "source": "Natural Earth 1:50m admin-0 countries, public domain; via npm world-atlas 2.0.2 (ISC)",
        "made_by": "scripts/make-map-outlines.py",
        "box": list(BOX),
        "countries": dict(sorted(outlines.items())),
    }
    json.dump(document, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
