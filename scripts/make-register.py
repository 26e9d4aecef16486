#!/usr/bin/env python3
"""Build examples-catalogue/register/municipalities.csv from its sources.

Usage:
    scripts/make-register.py SOURCES_DIR [OUT_CSV]

SOURCES_DIR holds the source files under the names below, each taken from a
public repository at the commit the register README's sources table names
(`git -C <mirror> show <commit>:<path> > SOURCES_DIR/<name>`). The script
reads nothing else and needs no network. OUT_CSV defaults to
examples-catalogue/register/municipalities.csv.

    base-municipalities.csv  this repository @ 7ac06c5 :
                             examples-catalogue/register/municipalities.csv
                             (the previous register: SE and NO rows, IS map
                             points, FI Pertunmaa's map point)
    dk_geo_kommuner.rdata    LarsHernandez/dagir @ 44905a51 : data/geo_kommuner.rdata
    fi_municipality_key_2024.rda, fi_municipality_key_2025.rda
                             rOpenGov/geofi @ de9392bb : data/municipality_key_202{4,5}.rda
    fi_central_localities.rda
                             rOpenGov/geofi @ de9392bb : data/municipality_central_localities_df.rda
    fi_sotkadata_population.rda
                             rOpenGov/geofi @ de9392bb : data/sotkadata_population.rda
    fi_kuntarajat_2023.json  samilaine/hallinnollisetrajat @ cc790e18 : kuntarajat.2023.json
    is_sveitarfelog.json     sveppalicious/eBird @ 42a08807 : site/data/geo/sveitarfelog.json
    is_meta.json             sveppalicious/eBird @ 42a08807 : site/data/meta.json
    is_mannfjoldi_svf.csv    bgautijonsson/sunnudagurtilsveitarfelaga @ ac42a959 : data/mannfjoldi_svf.csv
    fo_data_helpers.py       wentzlau/hagtol @ b6bd506b : fo_area_hagtol/data_helpers.py
    gl_reg_popn_region.csv   bayesiandemography/greenland_account @ 3cd81deb : data/reg_popn_region.csv
    gl_LocalityDataService.java
                             magenta-aps/datafordeler-plugin-statistik @ 066ef8bd :
                             src/main/java/dk/magenta/datafordeler/statistik/services/LocalityDataService.java
    gl_states.csv            dr5hn/countries-states-cities-database @ 7fda0afd : csv/states.csv
    se_folkmangd_2024.csv    ordnaswe/val26 @ c968600e : data/folkmangd_2024.csv (optional)

Python packages: rdata (reads the .rda files), pyproj (geodesic polygon
areas for Denmark).

It also writes Finland's 21 wellbeing services counties (from the geofi
keys) into bodies.csv and body-members.csv next to OUT_CSV, replacing the
rows of kind `wellbeing-services-county` and their members and keeping every
other row; both files stay sorted by id (and code).

Every value in the output comes from one of these files or from arithmetic
on them (sums of merged municipalities, polygon areas and centroids); the
README says which.
"""

import ast
import csv
import json
import os
import re
import sys
import warnings

COLUMNS = [
    "country", "territory", "code", "name", "other_names", "official_name",
    "region", "region_code", "population", "population_year", "area_km2",
    "area_kind", "area_year", "lat", "lon", "coord_method", "source",
    "valid_from", "valid_to",
]


def read_rda(path):
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return next(iter(rdata.read_rda(path).values()))


def names_list(pairs):
    """`lang:Name;lang:Name`, without repeats, in the given order."""
    seen, out = set(), []
    for lang, name in pairs:
        name = (name or "").strip()
        if name and (lang, name) not in seen:
            seen.add((lang, name))
            out.append(f"{lang}:{name}")
    return ";".join(out)


def fmt_area(value):
    return f"{value:.2f}"


def fmt_coord(value):
    return f"{value:.5f}"


def base_rows(src):
    with open(os.path.join(src, "base-municipalities.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def convert_base(row):
    """A row of the previous register in the new columns."""
    out = {c: row.get(c, "") for c in COLUMNS}
    alt = row.get("name_alt", "")
    if row["country"] == "NO":
        # The source gives a Sámi name without saying which Sámi language:
        # `smi` is the collective code for the Sámi languages.
        # Kartverket's official name lists the parallel (Sámi, Kven) forms
        # without saying which is which: the forms other than the Norwegian
        # name and the Sámi name above are `und` (undetermined language).
        parallel = [part.strip() for part in row["official_name"].split(" - ")]
        extra = [("und", part) for part in parallel if part and part not in (row["name"], alt)]
        out["other_names"] = names_list([("smi", alt)] + extra)
    elif row["country"] == "FI":
        out["other_names"] = names_list([("sv", alt)])
    else:
        out["other_names"] = ""
    return out


# --------------------------------------------------------------------- SE
def sweden(src, base):
    rows = [convert_base(r) for r in base if r["country"] == "SE"]
    path = os.path.join(src, "se_folkmangd_2024.csv")
    population = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                population[r["kommunkod"]] = (r["folkmangd"], r["ar"])
    for row in rows:
        row["area_year"] = "2015" if row["area_km2"] else ""
        if row["code"] in population:
            row["population"], row["population_year"] = population[row["code"]]
            row["source"] = "SE-codes;SE-stats;SE-pop"
        elif row["population"]:
            # svensktext's figures are SCB's for 31 December 2016.
            row["population_year"] = "2016"
    return rows


# --------------------------------------------------------------------- NO
def norway(src, base):
    rows = [convert_base(r) for r in base if r["country"] == "NO"]
    for row in rows:
        # norway-geodata's figures are "2025" data (Kartverket's area of
        # 1 January 2025 per its file name); see the README.
        row["area_year"] = "2025" if row["area_km2"] else ""
    return rows


# --------------------------------------------------------------------- DK
def denmark(src, base):
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    frame = read_rda(os.path.join(src, "dk_geo_kommuner.rdata"))
    rows = []
    for _, r in frame.iterrows():
        if bool(r["udenforkommuneinddeling"]):
            continue  # Christiansø is outside the municipal division
        area = 0.0
        for polygon in r["geometry"]:
            for i, ring in enumerate(polygon):
                lons, lats = list(ring[:, 0]), list(ring[:, 1])
                a, _ = geod.polygon_area_perimeter(lons, lats)
                area += abs(a) if i == 0 else -abs(a)
        code = str(r["kode"]).lstrip("0").zfill(3)
        year = str(r["stat_year"])[:4]
        rows.append({
            "country": "DK", "territory": "DK", "code": code,
            "name": str(r["navn"]), "other_names": "", "official_name": "",
            "region": str(r["regionsnavn"]), "region_code": str(r["regionskode"]),
            "population": str(int(r["population"])), "population_year": year,
            "area_km2": fmt_area(area / 1e6), "area_kind": "total",
            "area_year": "2021",
            "lat": fmt_coord(r["visueltcenter_y"]), "lon": fmt_coord(r["visueltcenter_x"]),
            "coord_method": "visual centre of the municipality (DAWA visueltcenter via dagir, 2021)",
            "source": "DK-dagir", "valid_from": "", "valid_to": "",
        })
    return sorted(rows, key=lambda r: r["code"])


# --------------------------------------------------------------------- FI
def finland(src, base):
    key = read_rda(os.path.join(src, "fi_municipality_key_2025.rda"))
    key24 = read_rda(os.path.join(src, "fi_municipality_key_2024.rda"))
    centres = read_rda(os.path.join(src, "fi_central_localities.rda"))
    sotka = read_rda(os.path.join(src, "fi_sotkadata_population.rda"))
    with open(os.path.join(src, "fi_kuntarajat_2023.json"), encoding="utf-8") as f:
        borders = {
            int(feature["properties"]["NATCODE"]): feature["properties"]
            for feature in json.load(f)["features"]
        }
    base_fi = {r["code"]: r for r in base if r["country"] == "FI"}
    points = {}
    for _, r in centres.iterrows():
        points.setdefault(int(r["kuntatunnus"]), (float(r["Y"]), float(r["X"])))
    pop_year = int(sotka["year"].max())
    population = {
        int(r["municipality_code"]): int(r["primary.value"])
        for _, r in sotka[sotka["year"] == pop_year].iterrows()
    }
    codes25 = {int(c) for c in key["kunta"]}
    # A municipality of the 2024 key missing from 2025 key merged into
    # another on 1 January 2025; which one, the 2025 key cannot say, so the
    # merger is listed here and checked against the keys.
    merged = {588: 507}  # Pertunmaa into Mäntyharju (Statistics Finland 2025)
    gone = {int(c) for c in key24["kunta"]} - codes25
    if gone != set(merged):
        sys.exit(f"FI: municipalities that ended 2024-12-31: {sorted(gone)}, expected {sorted(merged)}")

    def row_for(r, valid_to=""):
        code = int(r["kunta"])
        fi_name = str(r["municipality_name_fi"])
        sv_name = str(r["municipality_name_sv"])
        territory = "AX" if int(r["maakunta_code"]) == 21 else "FI"
        members = [code] + [old for old, new in merged.items() if new == code and not valid_to]
        pop = [population.get(m) for m in members]
        land = [borders.get(m, {}).get("LANDAREA") for m in members]
        c = f"{code:03d}"
        if code in points:
            lat, lon = points[code]
            coord = "administrative centre (NLS place name, via geofi)"
        else:
            lat, lon = float(base_fi[c]["lat"]), float(base_fi[c]["lon"])
            coord = base_fi[c]["coord_method"]
        sources = ["FI-geofi", "FI-nls"]
        if code not in points:
            sources.append("FI-yle")
        return {
            "country": "FI", "territory": territory, "code": c, "name": fi_name,
            "other_names": names_list([("sv", sv_name)] if sv_name != fi_name else []),
            "official_name": "",
            "region": str(r["maakunta_name_fi"]), "region_code": f"{int(r['maakunta_code']):02d}",
            "population": str(sum(pop)) if None not in pop else "",
            "population_year": str(pop_year) if None not in pop else "",
            "area_km2": fmt_area(sum(land)) if None not in land else "",
            "area_kind": "land" if None not in land else "",
            "area_year": "2023" if None not in land else "",
            "lat": fmt_coord(lat), "lon": fmt_coord(lon), "coord_method": coord,
            "source": ";".join(sources), "valid_from": "", "valid_to": valid_to,
        }

    rows = [row_for(r) for _, r in key.iterrows()]
    for _, r in key24.iterrows():
        if int(r["kunta"]) in merged:
            rows.append(row_for(r, valid_to="2024-12-31"))
    return sorted(rows, key=lambda r: r["code"])


# --------------------------------------------------------------------- IS
def iceland(src, base):
    with open(os.path.join(src, "is_sveitarfelog.json"), encoding="utf-8") as f:
        features = json.load(f)["features"]
    population, pop_year = {}, 0
    with open(os.path.join(src, "is_mannfjoldi_svf.csv"), encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    pop_year = max(int(r["ar"]) for r in records)
    for r in records:
        if int(r["ar"]) == pop_year:
            population[r["sveitarfelag"]] = int(r["mannfjoldi"])
    with open(os.path.join(src, "is_meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    # The landshluti (ISO 3166-2:IS region) eBird places each municipality in.
    region_code = {
        f"{int(m['nr']):04d}": m["region"] for m in meta["municipalities"] if m.get("nr") is not None
    }
    region_name = meta["regions"]
    base_is = {r["code"]: r for r in base if r["country"] == "IS"}
    # The merged municipality 3506 is Borgarbyggð and Skorradalshreppur
    # together; their populations are summed.
    predecessors = {"3506": ["Borgarbyggð", "Skorradalshreppur"]}
    rows = []
    for feature in features:
        p = feature["properties"]
        code = f"{int(p['nr']):04d}"
        name = p["name"]
        names = predecessors.get(code, [name])
        pops = [population.get(n) for n in names]
        old = base_is.get(code)
        other = []
        if old and old["name"] and old["name"] != name:
            other.append(("is", old["name"]))
        if old:
            lat, lon = old["lat"], old["lon"]
            coord, sources = old["coord_method"], ["IS-codes", "IS-lmi", "IS-pop"]
            if other:
                sources.insert(1, "IS-names")
        else:
            lat, lon = centroid(feature["geometry"])
            lat, lon = fmt_coord(lat), fmt_coord(lon)
            coord = "area centroid of the Landmælingar Íslands polygon (via eBird sveitarfelog.json)"
            sources = ["IS-lmi", "IS-pop"]
        sources.append("IS-regions")
        rows.append({
            "country": "IS", "territory": "IS", "code": code, "name": name,
            "other_names": names_list(other), "official_name": "",
            "region": region_name.get(region_code.get(code, ""), ""),
            "region_code": region_code.get(code, ""),
            "population": str(sum(pops)) if None not in pops else "",
            "population_year": str(pop_year) if None not in pops else "",
            "area_km2": fmt_area(float(p["area_km2"])), "area_kind": "total", "area_year": "2026",
            "lat": lat, "lon": lon, "coord_method": coord,
            "source": ";".join(sources), "valid_from": "", "valid_to": "",
        })
    codes = {r["code"] for r in rows}
    for code, old in base_is.items():
        if code in codes:
            continue
        # In the previous register but no longer in Landmælingar's layer:
        # Borgarbyggð (3609), merged into 3506. The day it ended is in no
        # source read here, so valid_to stays empty.
        pop = population.get(old["name"])
        row = convert_base(old)
        row.update({
            "population": str(pop) if pop else "",
            "population_year": str(pop_year) if pop else "",
            # Its successor's landshluti.
            "region": region_name.get(region_code.get("3506", ""), ""),
            "region_code": region_code.get("3506", ""),
            "source": "IS-codes;IS-names;IS-pop;IS-regions",
        })
        rows.append(row)
    return sorted(rows, key=lambda r: r["code"])


def centroid(geometry):
    """Area-weighted centroid of a (Multi)Polygon's outer rings, in lon/lat."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    ax = ay = total = 0.0
    for polygon in polygons:
        ring = polygon[0]
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            cross = x0 * y1 - x1 * y0
            total += cross
            ax += (x0 + x1) * cross
            ay += (y0 + y1) * cross
    return ay / (3 * total), ax / (3 * total)


# --------------------------------------------------------------------- FO
def faroe(src):
    with open(os.path.join(src, "fo_data_helpers.py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    data = None
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "get_filter_data":
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    data = ast.literal_eval(statement.value)
    rows = []
    for region, entry in (data or {}).items():
        for name, municipality in entry["municipalities"].items():
            rows.append({
                "country": "FO", "territory": "FO", "code": municipality["value"],
                "name": name, "other_names": "", "official_name": "",
                "region": region, "region_code": entry["value"],
                "population": "", "population_year": "", "area_km2": "",
                "area_kind": "", "area_year": "", "lat": "", "lon": "",
                "coord_method": "", "source": "FO-hagstova",
                "valid_from": "", "valid_to": "",
            })
    return sorted(rows, key=lambda r: r["code"])


# --------------------------------------------------------------------- GL
def greenland(src):
    with open(os.path.join(src, "gl_LocalityDataService.java"), encoding="utf-8") as f:
        java = f.read()
    body = java.split("municipalityIdToName", 1)[1].split("municipalityIdToMapName", 1)[0]
    names = dict(re.findall(r'case (\d+):\s*return "([^"]+)";', body))
    population, year = {}, 0
    with open(os.path.join(src, "gl_reg_popn_region.csv"), encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    year = max(int(r["time"]) for r in records)
    for r in records:
        if int(r["time"]) == year:
            population[r["region"]] = population.get(r["region"], 0) + int(r["count"])
    points = {}
    with open(os.path.join(src, "gl_states.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["country_code"] == "GL" and r["type"] == "municipality":
                points[r["name"]] = (float(r["latitude"]), float(r["longitude"]))
    rows = []
    for code, name in sorted(names.items()):
        if not name[:1].isupper() or "." in name:
            continue  # 961, "outside the municipal division"
        official = [region for region in population if name.lower() in region.lower()]
        if len(official) != 1:
            sys.exit(f"GL: {name} matches {official} in the population table")
        rows.append({
            "country": "GL", "territory": "GL", "code": code, "name": name,
            "other_names": "", "official_name": official[0],
            "region": "", "region_code": "",
            "population": str(population[official[0]]), "population_year": str(year),
            "area_km2": "", "area_kind": "", "area_year": "",
            "lat": fmt_coord(points[name][0]) if name in points else "",
            "lon": fmt_coord(points[name][1]) if name in points else "",
            "coord_method": "the point countries-states-cities-database gives for the municipality (rounded, not a centroid)" if name in points else "",
            "source": "GL-codes;GL-pop" + (";GL-points" if name in points else ""),
            "valid_from": "", "valid_to": "",
        })
    return rows


# ----------------------------------------------------------------- bodies
BODY_COLUMNS = ["id", "country", "kind", "name", "other_names", "name_en",
                "valid_from", "valid_to", "website", "source"]
MEMBER_COLUMNS = ["body", "code", "valid_from", "valid_to", "source"]
# The day the counties took over social, health and rescue services
# (FI-stm: https://stm.fi/en/wellbeing-services-counties).
COUNTIES_START = "2023-01-01"


def kebab_ascii(text):
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def wellbeing_counties(src, folder):
    keys = {year: read_rda(os.path.join(src, f"fi_municipality_key_{year}.rda")) for year in (2024, 2025)}
    bodies, members = {}, {}
    for year, key in sorted(keys.items()):
        for _, r in key.iterrows():
            county = int(r["hyvinvointialue_code"])
            if county >= 90:
                continue  # 90 Helsinki (the city itself), 91 Åland: not counties
            name = str(r["hyvinvointialue_name_fi"])
            body = "fi-" + kebab_ascii(name)
            bodies[body] = {
                "id": body, "country": "FI", "kind": "wellbeing-services-county",
                "name": name,
                "other_names": names_list([("sv", str(r["hyvinvointialue_name_sv"]))]),
                "name_en": str(r["hyvinvointialue_name_en"]),
                "valid_from": COUNTIES_START, "valid_to": "", "website": "",
                "source": "FI-geofi;FI-stm",
            }
            members[(body, f"{int(r['kunta']):03d}")] = year
    if len(bodies) != 21:
        sys.exit(f"FI: {len(bodies)} wellbeing services counties, expected 21")
    member_rows = [
        {"body": body, "code": code, "valid_from": COUNTIES_START,
         "valid_to": "2024-12-31" if last == 2024 else "", "source": "FI-geofi;FI-stm"}
        for (body, code), last in members.items()
    ]
    bodies_path = os.path.join(folder, "bodies.csv")
    members_path = os.path.join(folder, "body-members.csv")
    with open(bodies_path, encoding="utf-8") as f:
        kept = [r for r in csv.DictReader(f) if r["kind"] != "wellbeing-services-county"]
    with open(members_path, encoding="utf-8") as f:
        kept_members = [r for r in csv.DictReader(f) if r["body"] not in bodies]
    all_bodies = sorted(kept + list(bodies.values()), key=lambda r: r["id"])
    all_members = sorted(kept_members + member_rows, key=lambda r: (r["body"], r["code"]))
    for path, columns, rows in [(bodies_path, BODY_COLUMNS, all_bodies),
                                (members_path, MEMBER_COLUMNS, all_members)]:
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    print("FI wellbeing services counties", len(bodies), "members", len(member_rows), file=sys.stderr)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "examples-catalogue/register/municipalities.csv"
    base = base_rows(src)
    rows = (
        sweden(src, base) + norway(src, base) + denmark(src, base)
        + finland(src, base) + iceland(src, base) + faroe(src) + greenland(src)
    )
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    wellbeing_counties(src, os.path.dirname(os.path.abspath(out)))
    for territory in ["SE", "NO", "DK", "FI", "AX", "IS", "FO", "GL"]:
        part = [r for r in rows if r["territory"] == territory]
        print(territory, len(part),
              "population", sum(1 for r in part if r["population"]),
              "area", sum(1 for r in part if r["area_km2"]),
              "point", sum(1 for r in part if r["lat"]), file=sys.stderr)


if __name__ == "__main__":
    main()
