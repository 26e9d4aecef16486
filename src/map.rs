//! The map of the site: an inline SVG drawn at build time from a small
//! outline file of the catalogue (`map/nordic-outlines.json`, Natural
//! Earth, public domain) and the register's map points. No tiles, no other
//! host, a few kilobytes.
//!
//! The layout is an atlas's: the countries around the Norwegian Sea in one
//! conformal conic projection (central meridian 15°E, so Scandinavia
//! stands upright), Greenland in a framed inset at a third of that scale
//! (at full scale it would dwarf the rest), and the Faroe Islands in a
//! framed inset at three times it near where they are, so that their
//! municipalities' dots do not fall on top of each other. A dot is drawn
//! in its territory's frame: a Greenlandic municipality inside the
//! Greenland inset.
//!
//! Every dot is a link to its municipality's page, sized by its number of
//! cases; the outlines and frames are decoration and hidden from screen
//! readers, which get the same data as a table beside the map.
//!
//! Every marker has a round pointer and touch target of at least 24 × 24
//! CSS px (WCAG 2.2, 2.5.8), an invisible circle under its dot, and no two
//! targets overlap: dots closer than that are drawn as one marker with
//! their number, which links to a page where they can be told apart. How
//! large a target is on screen depends on how wide the map is drawn, so
//! the markers are laid out twice, for the widths of [`LAYERS`] (the
//! default theme's: the map is at most 40rem wide and 34rem high, and as
//! wide as a 320 px screen allows on a phone); the stylesheet shows the
//! one for the screen, and without it the wide one is shown.

use std::collections::BTreeMap;
use std::f64::consts::FRAC_PI_4;
use std::fmt::Write as _;
use std::sync::{LazyLock, Mutex};

use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Severity};
use crate::html::escape;
use crate::source::SourceFile;

pub const OUTLINES_INVALID: Code = Code {
    code: "E0007",
    name: "invalid-map-outlines",
    severity: Severity::Error,
    summary: "map/nordic-outlines.json cannot be read",
    explanation: "\
`examples-catalogue/map/nordic-outlines.json` holds the outlines of the \
territories on the site's map: `{ \"countries\": { \"SE\": [[[lon, lat], \
...], ...], ... } }`, one list of rings per territory code of the register \
(SE, NO, DK, FI, AX, IS, FO, GL), written by `scripts/make-map-outlines.py` \
from Natural Earth data. It is not meant to be edited by hand.

Fix: regenerate it with the script (see its first lines), or restore it from \
git. Without the file the map is drawn as plain frames with their dots.",
};

/// Territory outlines in longitude/latitude.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Outlines {
    /// Territory code → rings of [lon, lat].
    pub countries: BTreeMap<String, Vec<Vec<[f64; 2]>>>,
}

impl Outlines {
    /// The outlines of the file, or none and the reason why not.
    pub fn parse(file: &SourceFile) -> (Outlines, Option<Diagnostic>) {
        match serde_json::from_str(&file.text) {
            Ok(outlines) => (outlines, None),
            Err(error) => {
                let diagnostic = Diagnostic::new(
                    &OUTLINES_INVALID,
                    &file.path,
                    None,
                    format!("the outline file cannot be read: {error}"),
                )
                .with_help("regenerate it with scripts/make-map-outlines.py, or restore it from git");
                (Outlines::frame(), Some(diagnostic))
            }
        }
    }

    /// Without an outline file the map is its frames and dots.
    pub fn frame() -> Outlines {
        Outlines::default()
    }
}

/// A municipality on the map.
#[derive(Debug, Clone)]
pub struct Dot {
    /// The register's territory (`AX` for Åland): it chooses the frame.
    pub territory: String,
    pub lon: f64,
    pub lat: f64,
    pub url: String,
    /// Read by screen readers and shown as a tooltip: "Vilhelmina: 2 examples".
    pub label: String,
    pub count: usize,
}

/// The layouts of the markers: a class and the narrowest the map is drawn
/// while that layout is shown, in CSS px inside its 1 px border. The
/// stylesheet shows `narrow` below a 42rem wide screen (where the map is
/// narrower than 40rem; 288 px on a 320 px screen) and `wide` from there
/// on.
pub const LAYERS: [(&str, f64); 2] = [("wide", 638.0), ("narrow", 286.0)];

/// The map is never drawn higher than this (34rem in the stylesheet, less
/// its border), so a tall view is drawn narrower than the screen allows.
pub const MAX_HEIGHT_PX: f64 = 542.0;

/// The `id` of the table of the map's data, where a marker of dots that
/// no zoomed map parts links to.
pub const TABLE_ID: &str = "map-data";

/// The smallest pointer target, in CSS px (WCAG 2.2, 2.5.8).
pub const TARGET_PX: f64 = 24.0;

/// The whole map in SVG units: x, y, width, height. The main projection
/// puts the territories around the Norwegian Sea inside it with a margin
/// (a test checks every outline point).
pub const VIEW: [f64; 4] = [0.0, 0.0, 936.0, 692.0];

/// SVG units per Earth radius at the main scale: about 2.8 km a unit.
const EARTH_RADIUS: f64 = 2275.0;

/// Lambert's conformal conic projection of the sphere, the usual one for
/// maps of the Nordic countries: shapes stay true, and the meridians
/// converge towards the pole as on a globe.
#[derive(Debug, Clone, Copy)]
struct Conic {
    lon0: f64,
    n: f64,
    f: f64,
}

impl Conic {
    /// Central meridian and the two standard parallels, in degrees.
    fn new(lon0: f64, lat1: f64, lat2: f64) -> Conic {
        let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
        let t = |phi: f64| (FRAC_PI_4 + phi / 2.0).tan();
        let n = (phi1.cos() / phi2.cos()).ln() / (t(phi2) / t(phi1)).ln();
        let f = phi1.cos() * t(phi1).powf(n) / n;
        Conic { lon0, n, f }
    }

    /// x east and y south, in Earth radii from the pole.
    fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let rho = self.f / (FRAC_PI_4 + lat.to_radians() / 2.0).tan().powf(self.n);
        let theta = self.n * (lon - self.lon0).to_radians();
        (rho * theta.sin(), rho * theta.cos())
    }
}

/// A projection placed on the map: `anchor` (lon, lat) lands on `at`.
#[derive(Debug, Clone, Copy)]
struct Placement {
    conic: Conic,
    /// SVG units per Earth radius.
    scale: f64,
    anchor: (f64, f64),
    at: (f64, f64),
}

impl Placement {
    fn new(conic: Conic, scale: f64, anchor: (f64, f64), at: (f64, f64)) -> Placement {
        let (x, y) = conic.project(anchor.0, anchor.1);
        Placement {
            conic,
            scale: scale * EARTH_RADIUS,
            anchor: (x, y),
            at,
        }
    }

    fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.conic.project(lon, lat);
        (
            self.at.0 + (x - self.anchor.0) * self.scale,
            self.at.1 + (y - self.anchor.1) * self.scale,
        )
    }
}

/// A territory drawn in a frame of its own.
#[derive(Debug, Clone, Copy)]
pub struct Inset {
    pub territory: &'static str,
    /// x, y, width, height of the frame in SVG units.
    pub frame: [f64; 4],
    placement: Placement,
}

struct Layout {
    main: Placement,
    insets: [Inset; 2],
}

/// The numbers were chosen with the outline file: the main map's bounding
/// box plus a margin is [`VIEW`], and the insets sit in empty sea, Greenland
/// below Iceland and the Faroe Islands where they are.
static LAYOUT: LazyLock<Layout> = LazyLock::new(|| Layout {
    main: Placement::new(Conic::new(15.0, 58.0, 68.0), 1.0, (15.0, 63.0), (631.0, 349.0)),
    insets: [
        Inset {
            territory: "GL",
            frame: [10.0, 200.0, 178.0, 330.0],
            placement: Placement::new(Conic::new(-42.0, 64.0, 78.0), 0.33, (-42.0, 72.0), (97.0, 363.0)),
        },
        Inset {
            territory: "FO",
            frame: [194.0, 256.0, 92.0, 128.0],
            placement: Placement::new(Conic::new(15.0, 58.0, 68.0), 3.0, (-6.9, 62.0), (235.0, 304.0)),
        },
    ],
});

/// The territories drawn in insets, with their frames.
pub fn insets() -> &'static [Inset] {
    &LAYOUT.insets
}

fn inset(territory: &str) -> Option<&'static Inset> {
    LAYOUT.insets.iter().find(|inset| inset.territory == territory)
}

/// The frame a territory is drawn in: its inset's, or the whole map.
pub fn frame(territory: &str) -> [f64; 4] {
    inset(territory).map_or(VIEW, |inset| inset.frame)
}

/// Where a point of a territory is drawn, in SVG units.
pub fn project(territory: &str, lon: f64, lat: f64) -> (f64, f64) {
    match inset(territory) {
        Some(inset) => inset.placement.project(lon, lat),
        None => LAYOUT.main.project(lon, lat),
    }
}

/// `value / 10^decimals` as the shortest decimal.
fn fixed(value: i64, decimals: i32) -> String {
    if decimals == 0 {
        value.to_string()
    } else {
        (value as f64 / 10f64.powi(decimals)).to_string()
    }
}

/// A number of a path: a minus sign separates it from the one before.
fn push_number(out: &mut String, value: i64, decimals: i32, first: bool) {
    let text = fixed(value, decimals);
    if !first && !text.starts_with('-') {
        out.push(' ');
    }
    out.push_str(&text);
}

/// One `<path>` of a territory's rings, in relative moves rounded to
/// `decimals` (more of them when the view is small, as on Åland's page).
fn push_path(
    out: &mut String,
    class: &str,
    rings: &[Vec<[f64; 2]>],
    decimals: i32,
    project: impl Fn(f64, f64) -> (f64, f64),
) {
    let factor = 10f64.powi(decimals);
    let _ = write!(out, "<path class=\"{class}\" d=\"");
    for ring in rings.iter().filter(|ring| !ring.is_empty()) {
        let mut previous: Option<(i64, i64)> = None;
        for point in ring {
            let (x, y) = project(point[0], point[1]);
            let (x, y) = ((x * factor).round() as i64, (y * factor).round() as i64);
            match previous {
                None => {
                    out.push('M');
                    push_number(out, x, decimals, true);
                    push_number(out, y, decimals, false);
                    out.push('l');
                }
                Some((px, py)) if (px, py) != (x, y) => {
                    let start = out.ends_with('l');
                    push_number(out, x - px, decimals, start);
                    push_number(out, y - py, decimals, false);
                }
                Some(_) => continue,
            }
            previous = Some((x, y));
        }
        if out.ends_with('l') {
            out.pop();
        }
        out.push('z');
    }
    out.push_str("\"/>");
}

/// The smallest box around a territory's outline, with a margin.
fn bounds(rings: &[Vec<[f64; 2]>], territory: &str) -> Option<(f64, f64, f64, f64)> {
    let points: Vec<(f64, f64)> = rings
        .iter()
        .flatten()
        .map(|p| project(territory, p[0], p[1]))
        .collect();
    if points.is_empty() {
        return None;
    }
    let min_x = points.iter().map(|p| p.0).fold(f64::MAX, f64::min);
    let max_x = points.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    let min_y = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    let max_y = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let margin = ((max_x - min_x).max(max_y - min_y) * 0.06).max(2.0);
    Some((
        min_x - margin,
        min_y - margin,
        max_x - min_x + 2.0 * margin,
        max_y - min_y + 2.0 * margin,
    ))
}

/// What the map's own text says, in the page's language.
pub struct MapText<'a> {
    /// A territory's name, for an inset's label.
    pub name: &'a dyn Fn(&str) -> String,
    /// The label of a marker of several dots.
    pub cluster_label: &'a dyn Fn(&[&Dot]) -> String,
    /// Where a marker of several dots links to.
    pub cluster_link: &'a dyn Fn(&[&Dot]) -> String,
}

/// Draw the map. `focus` zooms to one territory (its dots are the caller's
/// choice): to its outline, greying the others, or to its inset alone.
pub fn svg(
    outlines: &Outlines,
    dots: &[Dot],
    title: &str,
    focus: Option<&str>,
    text: &MapText<'_>,
) -> String {
    let name = text.name;
    let focused_inset = focus.and_then(inset);
    let view = view_box(outlines, focus, focused_inset);
    let size = view.2.max(view.3);
    let decimals = if size >= 400.0 {
        0
    } else if size >= 40.0 {
        1
    } else {
        2
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"map\" viewBox=\"{} {} {} {}\" role=\"group\" aria-labelledby=\"map-title\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"map-title\">{}</title><g aria-hidden=\"true\">",
        fixed((view.0 * 10.0).round() as i64, 1),
        fixed((view.1 * 10.0).round() as i64, 1),
        fixed((view.2 * 10.0).round() as i64, 1),
        fixed((view.3 * 10.0).round() as i64, 1),
        escape(title)
    );
    if focused_inset.is_none() {
        push_main_land(&mut out, outlines, focus, decimals);
    }
    push_insets(&mut out, outlines, focus, decimals, name);
    out.push_str("</g>");
    for (class, min_width) in LAYERS {
        let px = units_per_px(view, min_width);
        // Without the stylesheet, only the first layout is shown.
        let hidden = if class == LAYERS[0].0 {
            ""
        } else {
            " display=\"none\""
        };
        let _ = write!(
            out,
            "<g class=\"dots dots-{class}\" data-min-width=\"{min_width}\"{hidden}>"
        );
        push_markers(&mut out, dots, size / 500.0, px, text);
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// The colours and type of [`print_svg`], in the SVG itself: the printed
/// map has no stylesheet around it (typst draws it into the PDF), and its
/// classes are the site's, so one rule set serves both.
const PRINT_STYLE: &str = "<style>.land{fill:#dfe5ea;stroke:#7d8b97;stroke-width:1;stroke-linejoin:round}\
.inset{fill:none;stroke:#7d8b97;stroke-width:1}\
.inset-label{font-family:'Libertinus Serif',Georgia,serif;font-size:18px;fill:#1c2328}\
.dot{fill:#1f5f7a;stroke:#fff;stroke-width:1.5}.sea{fill:#eef3f7;stroke:#c5d1d7}</style>";

/// The radius of a dot on the printed map, in SVG units: about 1.3 mm when
/// the whole map is a 160 mm wide page.
const PRINT_DOT: f64 = 7.5;

/// The whole map as a printed image: the outlines, insets and their
/// labels of [`svg`], and one dot per place (territory, longitude,
/// latitude), none merged: print has no pointer targets to keep apart,
/// and a reader counts the dots. Nothing links; the SVG is one image
/// (`role="img"`) named by `title` and described by `description` (its
/// text alternative, which the caller makes of the data); `id` prefixes
/// the ids of those two, so the page it is placed in has them once.
pub fn print_svg(
    outlines: &Outlines,
    places: &[(&str, f64, f64)],
    id: &str,
    title: &str,
    description: &str,
    name: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"print-map\" viewBox=\"{} {} {} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{PRINT_STYLE}",
        VIEW[0],
        VIEW[1],
        VIEW[2],
        VIEW[3],
        escape(title),
        escape(description),
    );
    let _ = write!(
        out,
        "<rect class=\"sea\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        VIEW[0] + 0.5,
        VIEW[1] + 0.5,
        VIEW[2] - 1.0,
        VIEW[3] - 1.0
    );
    push_main_land(&mut out, outlines, None, 0);
    push_insets(&mut out, outlines, None, 0, name);
    for &(territory, lon, lat) in places {
        let (x, y) = project(territory, lon, lat);
        if x.is_finite() && y.is_finite() {
            let _ = write!(
                out,
                "<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{PRINT_DOT}\"/>"
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// SVG units per CSS px when the map of `view` is drawn `width_px` wide,
/// or narrower because it would be higher than [`MAX_HEIGHT_PX`].
pub fn units_per_px(view: (f64, f64, f64, f64), width_px: f64) -> f64 {
    let px_per_unit = (width_px / view.2).min(MAX_HEIGHT_PX / view.3);
    if px_per_unit > 0.0 { 1.0 / px_per_unit } else { 1.0 }
}

/// The dots grouped so that any two groups' centres are at least
/// `distance` apart: each group is drawn as one marker at its centre (the
/// mean of its dots). Groups closer than that are merged, closest first,
/// until none are; the order of `points` and their values alone decide
/// the result. Returns the indices of each group's points, in the order
/// of their first point.
pub fn group_points(points: &[(f64, f64)], distance: f64) -> Vec<Vec<usize>> {
    /// The groupings made last, by their input (as bits, so that the key
    /// compares exactly): `serve` draws the same maps after every edit
    /// that moves no dot, and the grouping was most of drawing them. The
    /// grouping is a function of its input alone, so a remembered one is
    /// the one that would be made.
    type Remembered = Vec<((Vec<(u64, u64)>, u64), Vec<Vec<usize>>)>;
    static REMEMBERED: Mutex<Remembered> = Mutex::new(Vec::new());
    /// Enough for the maps of every language's home page and of every
    /// country's page.
    const KEPT: usize = 64;
    let key = (
        points
            .iter()
            .map(|&(x, y)| (x.to_bits(), y.to_bits()))
            .collect::<Vec<_>>(),
        distance.to_bits(),
    );
    let remembered = |found: &Remembered| {
        found
            .iter()
            .find(|(known, _)| *known == key)
            .map(|(_, groups)| groups.clone())
    };
    if let Some(groups) = REMEMBERED.lock().ok().and_then(|found| remembered(&found)) {
        return groups;
    }
    let groups = grouped(points, distance);
    if let Ok(mut found) = REMEMBERED.lock() {
        if found.len() >= KEPT {
            found.remove(0);
        }
        found.push((key, groups.clone()));
    }
    groups
}

/// [`group_points`] made afresh.
fn grouped(points: &[(f64, f64)], distance: f64) -> Vec<Vec<usize>> {
    struct Group {
        x: f64,
        y: f64,
        members: Vec<usize>,
    }
    let mut groups: Vec<Option<Group>> = points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.0.is_finite() && p.1.is_finite())
        .map(|(index, &(x, y))| {
            Some(Group {
                x,
                y,
                members: vec![index],
            })
        })
        .collect();
    let min_squared = distance * distance;
    // No two groups are closer than 0 (or than NaN): none merge.
    if min_squared.is_nan() || min_squared <= 0.0 {
        return groups.into_iter().flatten().map(|group| group.members).collect();
    }
    let squared = |a: &Group, b: &Group| (a.x - b.x).powi(2) + (a.y - b.y).powi(2);
    // A grid of cells a little wider than the distance: groups closer than
    // it are in the same cell or in neighbouring ones, so a group's
    // neighbours are looked for in nine cells, not among every group (the
    // front page's map of 1,100 municipalities made `serve` redo a million
    // comparisons after every edit).
    let cell_size = min_squared.sqrt() * (1.0 + 1e-6);
    let cell_of = |group: &Group| {
        (
            (group.x / cell_size).floor() as i64,
            (group.y / cell_size).floor() as i64,
        )
    };
    let mut cells: rustc_hash::FxHashMap<(i64, i64), Vec<usize>> = rustc_hash::FxHashMap::default();
    for (index, group) in groups.iter().enumerate() {
        if let Some(group) = group {
            cells.entry(cell_of(group)).or_default().push(index);
        }
    }
    let around = |(x, y): (i64, i64)| {
        let mut near: Vec<(i64, i64)> = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (x.saturating_add(dx), y.saturating_add(dy))))
            .collect();
        near.sort_unstable();
        near.dedup();
        near
    };
    // Each live group's nearest other group closer than the distance (the
    // earliest on a tie), so that a merge recomputes only what it changed.
    let nearest_of = |groups: &[Option<Group>],
                      cells: &rustc_hash::FxHashMap<(i64, i64), Vec<usize>>,
                      i: usize|
     -> Option<(f64, usize)> {
        let a = groups[i].as_ref()?;
        let mut best: Option<(f64, usize)> = None;
        for cell in around(cell_of(a)) {
            for &j in cells.get(&cell).into_iter().flatten() {
                if let Some(b) = groups[j].as_ref().filter(|_| j != i) {
                    let d = squared(a, b);
                    if d < min_squared && best.is_none_or(|found| (d, j) < found) {
                        best = Some((d, j));
                    }
                }
            }
        }
        best
    };
    let mut nearest: Vec<Option<(f64, usize)>> = (0..groups.len())
        .map(|i| nearest_of(&groups, &cells, i))
        .collect();
    let mut stale = Vec::new();
    loop {
        let mut closest: Option<(f64, usize, usize)> = None;
        for (i, found) in nearest.iter().enumerate() {
            if let Some((d, j)) = *found {
                let pair = (d, i.min(j), i.max(j));
                if closest.is_none_or(|best| pair < best) {
                    closest = Some(pair);
                }
            }
        }
        let Some((_, i, j)) = closest else { break };
        let Some(absorbed) = groups[j].take() else { break };
        let Some(group) = groups[i].as_mut() else { break };
        for (index, at) in [(j, cell_of(&absorbed)), (i, cell_of(group))] {
            if let Some(members) = cells.get_mut(&at) {
                members.retain(|&other| other != index);
            }
        }
        group.members.extend(absorbed.members);
        group.members.sort_unstable();
        let count = group.members.len() as f64;
        let (sum_x, sum_y) = group.members.iter().fold((0.0, 0.0), |(x, y), &index| {
            (x + points[index].0, y + points[index].1)
        });
        group.x = sum_x / count;
        group.y = sum_y / count;
        let moved_to = cell_of(group);
        cells.entry(moved_to).or_default().push(i);
        nearest[j] = None;
        for (k, found) in nearest.iter().enumerate() {
            if found.is_some_and(|(_, to)| to == i || to == j) || k == i {
                stale.push(k);
            }
        }
        for k in stale.drain(..) {
            nearest[k] = nearest_of(&groups, &cells, k);
        }
        // A group near the merged one's new centre may now have it nearest.
        let Some(merged) = groups[i].as_ref() else { break };
        for cell in around(moved_to) {
            for &k in cells.get(&cell).into_iter().flatten() {
                if k == i {
                    continue;
                }
                if let Some(other) = groups[k].as_ref() {
                    let d = squared(other, merged);
                    if d < min_squared && nearest[k].is_none_or(|found| (d, i) < found) {
                        nearest[k] = Some((d, i));
                    }
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = groups.into_iter().flatten().map(|group| group.members).collect();
    groups.sort();
    groups
}

/// The part of the map shown: a focused inset territory's frame, a focused
/// country's outline, or the whole map.
fn view_box(outlines: &Outlines, focus: Option<&str>, focused_inset: Option<&Inset>) -> (f64, f64, f64, f64) {
    if let Some(inset) = focused_inset {
        let [x, y, width, height] = inset.frame;
        (x - 2.0, y - 2.0, width + 4.0, height + 4.0)
    } else if let Some(found) =
        focus.and_then(|code| outlines.countries.get(code).and_then(|rings| bounds(rings, code)))
    {
        found
    } else {
        (VIEW[0], VIEW[1], VIEW[2], VIEW[3])
    }
}

/// The countries of the main map, all but the focused one greyed out.
fn push_main_land(out: &mut String, outlines: &Outlines, focus: Option<&str>, decimals: i32) {
    for (code, rings) in &outlines.countries {
        if inset(code).is_some() {
            continue;
        }
        let class = match focus {
            Some(focused) if focused != code => "land other",
            _ => "land",
        };
        push_path(out, class, rings, decimals, |lon, lat| {
            LAYOUT.main.project(lon, lat)
        });
    }
}

/// The inset territories, each in its frame: all of them on the whole map,
/// only the focused one on its own page.
fn push_insets(
    out: &mut String,
    outlines: &Outlines,
    focus: Option<&str>,
    decimals: i32,
    name: &dyn Fn(&str) -> String,
) {
    for inset in insets() {
        match focus {
            None => {}
            Some(focused) if focused == inset.territory => {}
            Some(_) => continue,
        }
        let [x, y, width, height] = inset.frame;
        // On the territory's own page the map's border is the frame.
        if focus.is_none() {
            let _ = write!(
                out,
                "<rect class=\"inset\" x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\"/>"
            );
        }
        if let Some(rings) = outlines.countries.get(inset.territory) {
            push_path(out, "land", rings, decimals, |lon, lat| {
                inset.placement.project(lon, lat)
            });
        }
        // The label is for the whole map; a territory's own page has its
        // name in the title and heading.
        if focus.is_none() {
            let _ = write!(
                out,
                "<text class=\"inset-label\" x=\"{x}\" y=\"{}\">{}</text>",
                y + height + 18.0,
                escape(&name(inset.territory))
            );
        }
    }
}

/// The markers of one layout, each a link. `unit` scales a dot's radius
/// to the view; `px` is SVG units per CSS px at the layout's narrowest, so
/// a target of `TARGET_PX * px` units is that many CSS px or more. They
/// are out of the Tab order: dozens of dots would be dozens of Tab stops
/// before the rest of the page, and the table below the map (one stop, its
/// summary) has the same links for keyboards and screen readers.
fn push_markers(out: &mut String, dots: &[Dot], unit: f64, px: f64, text: &MapText<'_>) {
    // Rounded up, so that the printed radius is never below the target.
    let target = (TARGET_PX / 2.0 * px * 100.0).ceil() / 100.0;
    // Largest first, so that small dots stay on top.
    let mut ordered: Vec<&Dot> = dots.iter().collect();
    ordered.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let points: Vec<(f64, f64)> = ordered
        .iter()
        .map(|dot| project(&dot.territory, dot.lon, dot.lat))
        .collect();
    for group in group_points(&points, 2.0 * target) {
        let members: Vec<&Dot> = group.iter().map(|&index| ordered[index]).collect();
        let count = group.len() as f64;
        let (x, y) = group.iter().fold((0.0, 0.0), |(x, y), &index| {
            (x + points[index].0 / count, y + points[index].1 / count)
        });
        let (url, label, radius) = match members.as_slice() {
            [dot] => (
                dot.url.clone(),
                dot.label.clone(),
                ((2.5 + 1.8 * (dot.count as f64).sqrt()) * unit).min(target),
            ),
            _ => (
                (text.cluster_link)(&members),
                (text.cluster_label)(&members),
                target * 0.85,
            ),
        };
        let _ = write!(
            out,
            "<a href=\"{}\" tabindex=\"-1\" aria-label=\"{label}\"><circle class=\"target\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{target:.2}\" fill=\"#000\" fill-opacity=\"0\"/><circle class=\"{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\"><title>{label}</title></circle>",
            escape(&url),
            if members.len() > 1 { "dot cluster" } else { "dot" },
            label = escape(&label),
        );
        if members.len() > 1 {
            let _ = write!(
                out,
                "<text class=\"cluster-count\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\" aria-hidden=\"true\">{}</text>",
                13.0 * px,
                members.len()
            );
        }
        out.push_str("</a>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(territory: &str, lon: f64, lat: f64) -> Dot {
        Dot {
            territory: territory.into(),
            lon,
            lat,
            url: format!("/countries/{}/x/", territory.to_lowercase()),
            label: format!("{territory} <1>"),
            count: 1,
        }
    }

    fn name(code: &str) -> String {
        format!("Name of {code}")
    }

    fn cluster_label(members: &[&Dot]) -> String {
        format!("{} together", members.len())
    }

    fn cluster_link(members: &[&Dot]) -> String {
        format!("#{}", members.len())
    }

    const TEXT: MapText<'static> = MapText {
        name: &name,
        cluster_label: &cluster_label,
        cluster_link: &cluster_link,
    };

    #[test]
    fn dots_are_links_and_labels_are_escaped() {
        let dots = [Dot {
            territory: "SE".into(),
            lon: 17.3,
            lat: 64.2,
            url: "/countries/se/2462/".into(),
            label: "Vilhelmina <2>".into(),
            count: 2,
        }];
        let svg = svg(&Outlines::frame(), &dots, "Map & more", None, &TEXT);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(
            "<a href=\"/countries/se/2462/\" tabindex=\"-1\" aria-label=\"Vilhelmina &lt;2&gt;\">"
        ));
        assert!(svg.contains("<title id=\"map-title\">Map &amp; more</title>"));
        assert_eq!(svg.matches("<a ").count(), svg.matches("</a>").count());
    }

    /// The grouping as it was before the grid: every group compared with
    /// every other. The grid must give exactly its groups.
    fn naive_group_points(points: &[(f64, f64)], distance: f64) -> Vec<Vec<usize>> {
        struct Group {
            x: f64,
            y: f64,
            members: Vec<usize>,
        }
        let mut groups: Vec<Option<Group>> = points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.0.is_finite() && p.1.is_finite())
            .map(|(index, &(x, y))| {
                Some(Group {
                    x,
                    y,
                    members: vec![index],
                })
            })
            .collect();
        let min_squared = distance * distance;
        let squared = |a: &Group, b: &Group| (a.x - b.x).powi(2) + (a.y - b.y).powi(2);
        // Each live group's nearest other group closer than the distance (the
        // earliest on a tie), so that a merge recomputes only what it changed:
        // a few thousand dots stay a matter of milliseconds.
        let nearest_of = |groups: &[Option<Group>], i: usize| -> Option<(f64, usize)> {
            let a = groups[i].as_ref()?;
            let mut best: Option<(f64, usize)> = None;
            for (j, b) in groups.iter().enumerate() {
                if let Some(b) = b.as_ref().filter(|_| j != i) {
                    let d = squared(a, b);
                    if d < min_squared && best.is_none_or(|(found, _)| d < found) {
                        best = Some((d, j));
                    }
                }
            }
            best
        };
        let mut nearest: Vec<Option<(f64, usize)>> =
            (0..groups.len()).map(|i| nearest_of(&groups, i)).collect();
        loop {
            let mut closest: Option<(f64, usize, usize)> = None;
            for (i, found) in nearest.iter().enumerate() {
                if let Some((d, j)) = *found {
                    let pair = (d, i.min(j), i.max(j));
                    if closest.is_none_or(|best| pair < best) {
                        closest = Some(pair);
                    }
                }
            }
            let Some((_, i, j)) = closest else { break };
            let Some(absorbed) = groups[j].take() else { break };
            let Some(group) = groups[i].as_mut() else { break };
            group.members.extend(absorbed.members);
            group.members.sort_unstable();
            let count = group.members.len() as f64;
            let (sum_x, sum_y) = group.members.iter().fold((0.0, 0.0), |(x, y), &index| {
                (x + points[index].0, y + points[index].1)
            });
            group.x = sum_x / count;
            group.y = sum_y / count;
            nearest[j] = None;
            for k in 0..groups.len() {
                let stale = k == i || nearest[k].is_some_and(|(_, to)| to == i || to == j);
                if stale {
                    nearest[k] = nearest_of(&groups, k);
                } else if let (Some(a), Some(b)) = (groups[k].as_ref(), groups[i].as_ref()) {
                    let d = squared(a, b);
                    if d < min_squared && nearest[k].is_none_or(|(found, to)| (d, i) < (found, to)) {
                        nearest[k] = Some((d, i));
                    }
                }
            }
        }
        let mut groups: Vec<Vec<usize>> = groups.into_iter().flatten().map(|group| group.members).collect();
        groups.sort();
        groups
    }

    #[test]
    fn the_grid_groups_as_comparing_every_pair_does() {
        let mut seed: u64 = 11;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for round in 0..40 {
            let count = 1 + round * 7;
            // Half the rounds on a coarse lattice: equal distances, ties.
            let points: Vec<(f64, f64)> = (0..count)
                .map(|_| {
                    let (x, y) = (next() * 300.0 - 150.0, next() * 200.0);
                    if round % 2 == 0 {
                        (x.round(), y.round())
                    } else {
                        (x, y)
                    }
                })
                .collect();
            for distance in [-12.0, 0.0, 1.0, 5.0, 13.0, 40.0, 500.0, f64::INFINITY, f64::NAN] {
                let expected = naive_group_points(&points, distance);
                assert_eq!(
                    grouped(&points, distance),
                    expected,
                    "round {round}, distance {distance}"
                );
                // Made, then remembered.
                assert_eq!(group_points(&points, distance), expected);
                assert_eq!(group_points(&points, distance), expected);
            }
        }
    }

    #[test]
    fn groups_are_apart_and_hold_every_point_once() {
        // A deterministic scatter, dense enough to need many merges.
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let points: Vec<(f64, f64)> = (0..600).map(|_| (next() * 900.0, next() * 700.0)).collect();
        for distance in [0.5, 37.0, 78.0] {
            let groups = group_points(&points, distance);
            let mut seen: Vec<usize> = groups.iter().flatten().copied().collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..points.len()).collect::<Vec<_>>(), "{distance}");
            let centres: Vec<(f64, f64)> = groups
                .iter()
                .map(|group| {
                    let n = group.len() as f64;
                    group.iter().fold((0.0, 0.0), |(x, y), &i| {
                        (x + points[i].0 / n, y + points[i].1 / n)
                    })
                })
                .collect();
            for (i, a) in centres.iter().enumerate() {
                for b in &centres[i + 1..] {
                    assert!((a.0 - b.0).hypot(a.1 - b.1) >= distance - 1e-9, "{distance}");
                }
            }
            assert_eq!(groups, group_points(&points, distance));
        }
        // Points farther apart than the distance stay single.
        assert_eq!(
            group_points(&[(0.0, 0.0), (10.0, 0.0), (10.0, 3.0)], 5.0),
            vec![vec![0], vec![1, 2]]
        );
        assert_eq!(group_points(&[(f64::NAN, 0.0)], 5.0), Vec::<Vec<usize>>::new());
    }

    #[test]
    fn markers_have_targets_of_24_px_and_close_dots_are_one_marker() {
        let dots = [
            dot("SE", 17.30, 64.20),
            dot("SE", 17.32, 64.21),
            dot("SE", 12.0, 57.7),
        ];
        let svg = svg(&Outlines::frame(), &dots, "Map", None, &TEXT);
        assert_eq!(svg.matches("<g class=\"dots ").count(), LAYERS.len());
        // The two dots near each other are one marker in each layout.
        assert_eq!(svg.matches("href=\"#2\"").count(), LAYERS.len());
        assert_eq!(svg.matches(">2</text>").count(), LAYERS.len());
        let narrow = units_per_px((VIEW[0], VIEW[1], VIEW[2], VIEW[3]), LAYERS[1].1);
        assert!(svg.contains(&format!("r=\"{:.2}\"", (12.0 * narrow * 100.0).ceil() / 100.0)));
    }

    #[test]
    fn the_projection_is_conformal_and_keeps_north_up_on_the_central_meridian() {
        let conic = Conic::new(15.0, 58.0, 68.0);
        let (x0, y0) = conic.project(15.0, 63.0);
        let (x1, y1) = conic.project(15.0, 64.0);
        assert!(x0.abs() < 1e-12 && x1.abs() < 1e-12);
        assert!(y1 < y0, "north is up");
        // On a standard parallel the scale is true: a degree of latitude
        // and a degree of longitude times cos(latitude) have one length.
        let (a, b) = (conic.project(15.0, 58.0), conic.project(15.0, 58.001));
        let (c, d) = (conic.project(15.0, 58.0), conic.project(15.001, 58.0));
        let north = (a.1 - b.1).hypot(a.0 - b.0);
        let east = (c.0 - d.0).hypot(c.1 - d.1);
        assert!((north - 0.001f64.to_radians()).abs() < 1e-9);
        assert!((east - 0.001f64.to_radians() * 58f64.to_radians().cos()).abs() < 1e-9);
    }

    #[test]
    fn a_dot_of_an_inset_territory_is_drawn_in_its_inset() {
        for (territory, lon, lat) in [("GL", -51.7, 64.2), ("FO", -6.8, 62.0)] {
            let [x, y, width, height] = frame(territory);
            let (px, py) = project(territory, lon, lat);
            assert!(
                px > x && px < x + width && py > y && py < y + height,
                "{territory}"
            );
        }
        let (px, py) = project("SE", 18.07, 59.33);
        for inset in insets() {
            let [x, y, width, height] = inset.frame;
            assert!(!(px > x && px < x + width && py > y && py < y + height));
        }
    }

    #[test]
    fn the_printed_map_is_one_image_with_a_dot_per_place() {
        let places = [
            ("SE", 17.30, 64.20),
            ("SE", 17.32, 64.21),
            ("GL", -51.7, 64.2),
            ("NO", f64::NAN, 60.0),
        ];
        let svg = print_svg(&Outlines::frame(), &places, "m", "Map <1>", "Dots & more", &name);
        assert!(svg.contains("role=\"img\" aria-labelledby=\"m-title m-desc\""));
        assert!(svg.contains(
            "<title id=\"m-title\">Map &lt;1&gt;</title><desc id=\"m-desc\">Dots &amp; more</desc>"
        ));
        // Close places stay two dots; a place without a position is none.
        assert_eq!(svg.matches("<circle class=\"dot\"").count(), 3);
        assert!(!svg.contains("<a ") && !svg.contains("NaN"));
        assert_eq!(svg.matches("<rect class=\"inset\"").count(), insets().len());
        let (x, y) = project("GL", -51.7, 64.2);
        assert!(svg.contains(&format!("cx=\"{x:.1}\" cy=\"{y:.1}\"")));
    }

    #[test]
    fn paths_are_relative_and_compact() {
        let mut out = String::new();
        push_path(
            &mut out,
            "land",
            &[vec![[0.0, 0.0], [3.0, -2.0], [1.0, 4.0]]],
            0,
            |x, y| (x, y),
        );
        assert_eq!(out, "<path class=\"land\" d=\"M0 0l3-2-2 6z\"/>");
        let mut out = String::new();
        push_path(&mut out, "land", &[vec![[0.0, 0.0], [0.25, 0.5]]], 1, |x, y| {
            (x, y)
        });
        assert_eq!(out, "<path class=\"land\" d=\"M0 0l0.3 0.5z\"/>");
        let mut out = String::new();
        push_path(&mut out, "land", &[vec![], vec![[1.0, 1.0]]], 0, |x, y| (x, y));
        assert_eq!(out, "<path class=\"land\" d=\"M1 1z\"/>");
    }

    #[test]
    fn an_inset_territory_page_shows_its_inset_alone() {
        let outlines = Outlines {
            countries: [
                (
                    "GL".to_string(),
                    vec![vec![[-50.0, 64.0], [-45.0, 61.0], [-40.0, 66.0]]],
                ),
                (
                    "SE".to_string(),
                    vec![vec![[15.0, 60.0], [18.0, 60.0], [16.0, 64.0]]],
                ),
            ]
            .into(),
        };
        let focused = svg(
            &outlines,
            &[dot("GL", -51.7, 64.2)],
            "Greenland",
            Some("GL"),
            &TEXT,
        );
        assert_eq!(focused.matches("<path").count(), 1);
        assert!(focused.contains("viewBox=\"8 198 182 334\""));
        assert!(!focused.contains("inset-label") && !focused.contains("<rect"));
        let whole = svg(&outlines, &[], "Map", None, &TEXT);
        assert_eq!(whole.matches("<path").count(), 2);
        assert_eq!(whole.matches("<rect class=\"inset\"").count(), 2);
        assert!(whole.contains(">Name of GL</text>"));
        let sweden = svg(&outlines, &[], "Sweden", Some("SE"), &TEXT);
        assert!(!sweden.contains("<rect"));
    }
}
