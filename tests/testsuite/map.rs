//! The home page map shows every Nordic territory: the outline file has
//! them all, each is drawn inside the map and in its own frame (Greenland
//! and the Faroe Islands in insets), and a municipality's dot lands in its
//! territory's frame and outline. The points of `tests/fixtures/map` are
//! test data, made up where the shipped register has none.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use catalogue::map::{self, Outlines};

use crate::harness::{TestCatalogue, stderr};

const TERRITORIES: [&str; 8] = ["SE", "NO", "DK", "FI", "AX", "IS", "FO", "GL"];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_outlines() -> Outlines {
    let path = repository().join("examples-catalogue/map/nordic-outlines.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn inside(rect: [f64; 4], (x, y): (f64, f64)) -> bool {
    x > rect[0] && x < rect[0] + rect[2] && y > rect[1] && y < rect[1] + rect[3]
}

/// Even-odd rule on a projected ring.
fn in_ring(ring: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let mut result = false;
    for (i, &(x1, y1)) in ring.iter().enumerate() {
        let (x2, y2) = ring[(i + 1) % ring.len()];
        if (y1 > y) != (y2 > y) && x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) {
            result = !result;
        }
    }
    result
}

/// `point` of `territory` is drawn in the map, in its own frame, and not
/// under another territory's inset.
fn assert_in_frame(territory: &str, point: (f64, f64), what: &str) {
    assert!(
        inside(map::VIEW, point),
        "{what} ({territory}) at {point:?} is outside the map"
    );
    assert!(
        inside(map::frame(territory), point),
        "{what} ({territory}) at {point:?} is outside its frame {:?}",
        map::frame(territory)
    );
    for inset in map::insets() {
        if inset.territory != territory {
            assert!(
                !inside(inset.frame, point),
                "{what} ({territory}) at {point:?} is under the inset of {}",
                inset.territory
            );
        }
    }
}

/// The register rows of a CSV file with a map point: (territory, code, lon, lat).
fn map_points(path: &Path) -> Vec<(String, String, f64, f64)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (territory, code, lat, lon) = (column("territory"), column("code"), column("lat"), column("lon"));
    reader
        .records()
        .map(|record| record.unwrap())
        .filter(|record| !record[lat].is_empty() && !record[lon].is_empty())
        .map(|record| {
            (
                record[territory].to_string(),
                record[code].to_string(),
                record[lon].parse().unwrap(),
                record[lat].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_outline_file_has_every_territory_each_in_its_frame() {
    let outlines = shipped_outlines();
    for territory in TERRITORIES {
        let rings = outlines
            .countries
            .get(territory)
            .unwrap_or_else(|| panic!("no outline for {territory}"));
        assert!(
            !rings.is_empty() && rings.iter().all(|ring| ring.len() >= 4),
            "{territory}"
        );
        for point in rings.iter().flatten() {
            let projected = map::project(territory, point[0], point[1]);
            assert_in_frame(territory, projected, "an outline point");
        }
    }
    // Denmark with its islands: Jutland, Zealand, Funen, Lolland, Bornholm...
    assert!(outlines.countries["DK"].len() >= 8);
    // The Faroe Islands' inhabited islands, not just Streymoy.
    assert!(outlines.countries["FO"].len() >= 8);
    let insets: Vec<&str> = map::insets().iter().map(|inset| inset.territory).collect();
    assert_eq!(insets, ["GL", "FO"]);
}

#[test]
fn a_point_in_every_territory_is_drawn_inside_its_outline_and_frame() {
    let outlines = shipped_outlines();
    let points = map_points(&crate::harness::fixtures().join("map/register/municipalities.csv"));
    let territories: std::collections::BTreeSet<&str> = points.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        territories.len(),
        TERRITORIES.len(),
        "the fixture has a point in every territory"
    );
    for (territory, code, lon, lat) in &points {
        let projected = map::project(territory, *lon, *lat);
        assert_in_frame(territory, projected, code);
        let drawn_in = outlines.countries[territory.as_str()].iter().any(|ring| {
            let ring: Vec<(f64, f64)> = ring.iter().map(|p| map::project(territory, p[0], p[1])).collect();
            in_ring(&ring, projected)
        });
        assert!(
            drawn_in,
            "{territory} {code} at {projected:?} is not on its territory's land"
        );
    }
}

/// Whatever the register helpers add, no map point of the shipped register
/// is drawn outside its frame or under another territory's inset.
#[test]
fn every_map_point_of_the_shipped_register_is_drawn_in_its_frame() {
    let points = map_points(&repository().join("examples-catalogue/register/municipalities.csv"));
    assert!(points.len() > 500);
    for (territory, code, lon, lat) in &points {
        assert_in_frame(territory, map::project(territory, *lon, *lat), code);
    }
}

/// One marker of a layout of the map: a dot or a group of dots.
#[derive(Debug)]
struct Marker {
    href: String,
    /// The centre and radius of its pointer target.
    target: (f64, f64, f64),
    /// How many dots it stands for (its number, for a group).
    dots: usize,
}

/// A layout of the map's markers: its class, the narrowest it is drawn
/// (CSS px) and its markers.
type Layout = (String, f64, Vec<Marker>);

/// The layouts of the map on a built page, and its viewBox.
fn layouts(page: &str) -> (Vec<Layout>, [f64; 4]) {
    let start = page.find("<svg class=\"map\"").expect("the page has a map");
    let end = page[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let svg = roxmltree::Document::parse(&page[start..end]).expect("the map is well-formed XML");
    let view: Vec<f64> = svg
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let layouts = svg
        .descendants()
        .filter(|node| {
            node.attribute("class")
                .is_some_and(|class| class.starts_with("dots "))
        })
        .map(|layout| {
            let markers = layout
                .children()
                .filter(|node| node.has_tag_name("a"))
                .map(|link| {
                    let target = link
                        .children()
                        .find(|c| c.attribute("class") == Some("target"))
                        .expect("every marker has a target");
                    let number = |name| target.attribute(name).unwrap().parse::<f64>().unwrap();
                    let count = link
                        .children()
                        .find(|c| c.has_tag_name("text"))
                        .map_or(1, |text| text.text().unwrap().parse().unwrap());
                    Marker {
                        href: link.attribute("href").unwrap().to_string(),
                        target: (number("cx"), number("cy"), number("r")),
                        dots: count,
                    }
                })
                .collect();
            (
                layout.attribute("class").unwrap().to_string(),
                layout.attribute("data-min-width").unwrap().parse().unwrap(),
                markers,
            )
        })
        .collect();
    (layouts, [view[0], view[1], view[2], view[3]])
}

/// The single dots of the first (wide) layout: href → (cx, cy), how many
/// dots its groups stand for, and the viewBox.
fn dots(page: &str) -> (BTreeMap<String, (f64, f64)>, usize, [f64; 4]) {
    let (layouts, view) = layouts(page);
    let (_, _, markers) = layouts.into_iter().next().expect("the map has markers");
    let grouped = markers.iter().filter(|m| m.dots > 1).map(|m| m.dots).sum();
    let single = markers
        .into_iter()
        .filter(|m| m.dots == 1)
        .map(|m| (m.href, (m.target.0, m.target.1)))
        .collect();
    (single, grouped, view)
}

/// Every layout of the map on `page` has targets of at least 24 × 24 CSS
/// px at its narrowest, no two overlapping, and stands for `dots` dots.
fn assert_targets(page: &str, dots: usize, what: &str) {
    let (layouts, view) = layouts(page);
    assert_eq!(layouts.len(), map::LAYERS.len(), "{what}");
    for (class, min_width, markers) in &layouts {
        let px = map::units_per_px((view[0], view[1], view[2], view[3]), *min_width);
        assert_eq!(
            markers.iter().map(|m| m.dots).sum::<usize>(),
            dots,
            "{what} {class}: every dot is in one marker"
        );
        for (i, a) in markers.iter().enumerate() {
            let diameter = 2.0 * a.target.2 / px;
            assert!(
                diameter >= map::TARGET_PX,
                "{what} {class}: {} is {diameter:.1} px",
                a.href
            );
            for b in &markers[i + 1..] {
                let distance = (a.target.0 - b.target.0).hypot(a.target.1 - b.target.1);
                assert!(
                    distance >= a.target.2 + b.target.2 - 0.15,
                    "{what} {class}: the targets of {} and {} overlap",
                    a.href,
                    b.href
                );
            }
        }
    }
}

#[test]
fn the_home_page_map_draws_a_dot_of_every_territory_in_its_frame_and_is_deterministic() {
    let catalogue = TestCatalogue::fixture("map");
    catalogue.write(
        "map/nordic-outlines.json",
        std::fs::read(repository().join("examples-catalogue/map/nordic-outlines.json")).unwrap(),
    );
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let site = catalogue.dir.path().join("site");
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let (found, grouped, view) = dots(&home);
    assert_eq!(view, map::VIEW);
    let points = map_points(&crate::harness::fixtures().join("map/register/municipalities.csv"));
    assert_eq!(found.len() + grouped, points.len(), "{found:?}");
    assert!(found.len() >= points.len() / 2, "{found:?}");
    for (territory, code, _, _) in &points {
        let href = format!("countries/{}/{code}/", territory.to_lowercase());
        if let Some((_, &point)) = found.iter().find(|(link, _)| link.ends_with(&href)) {
            assert_in_frame(territory, point, code);
        }
    }
    assert_targets(&home, points.len(), "the home page");
    // The insets are framed and labelled with the territories' names.
    assert_eq!(home.matches("<rect class=\"inset\"").count(), 2);
    assert!(home.contains(">Greenland</text>") && home.contains(">Faroe Islands</text>"));

    // A territory's own page zooms to its frame, with its dots in view.
    for territory in ["gl", "fo", "dk", "ax"] {
        let page = std::fs::read_to_string(site.join(format!("countries/{territory}/index.html"))).unwrap();
        let (found, grouped, view) = dots(&page);
        assert!(!found.is_empty() || grouped > 0, "{territory}");
        for (href, point) in found {
            assert!(inside(view, point), "{href} at {point:?} outside {view:?}");
        }
        let on_map = points
            .iter()
            .filter(|p| p.0.eq_ignore_ascii_case(territory))
            .count();
        assert_targets(&page, on_map, territory);
    }

    // Same input, same bytes.
    let again = catalogue.run(&[
        "build",
        "--catalogue",
        "catalogue",
        "--out",
        "again",
        "--theme",
        &format!("{}/themes/default", env!("CARGO_MANIFEST_DIR")),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    let second = std::fs::read_to_string(catalogue.dir.path().join("again/index.html")).unwrap();
    assert_eq!(home, second);
}
