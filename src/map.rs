//! The map of the site: an inline SVG drawn at build time from a small
//! outline file of the catalogue (`map/nordic-outlines.json`, Natural
//! Earth, public domain) and the register's map points. No tiles, no other
//! host, a few kilobytes.
//!
//! Every dot is a link to its municipality's page, sized by its number of
//! cases; the outlines are decoration and hidden from screen readers, which
//! get the same data as a table beside the map.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

pub const OUTLINES_INVALID: Code = Code {
    code: "E0007",
    name: "invalid-map-outlines",
    severity: Severity::Error,
    summary: "map/nordic-outlines.json cannot be read",
    explanation: "\
`examples-catalogue/map/nordic-outlines.json` holds the country outlines of \
the site's map: `{ \"box\": [lon_min, lat_min, lon_max, lat_max], \"countries\": \
{ \"SE\": [[[lon, lat], ...], ...], ... } }`, written by \
`scripts/make-map-outlines.py` from Natural Earth data. It is not meant to be \
edited by hand.

Fix: regenerate it with the script (see its first lines), or restore it from \
git. Without the file the map is drawn as a plain frame with its dots.",
};

/// Country outlines in longitude/latitude.
#[derive(Debug, Clone, Deserialize)]
pub struct Outlines {
    /// lon_min, lat_min, lon_max, lat_max of the area drawn.
    pub r#box: [f64; 4],
    /// Country code → rings of [lon, lat].
    pub countries: BTreeMap<String, Vec<Vec<[f64; 2]>>>,
}

impl Outlines {
    /// The outlines of the file, or a plain frame and the reason why not.
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

    /// Without an outline file the map is a frame around the Nordic area.
    pub fn frame() -> Outlines {
        Outlines {
            r#box: [-25.0, 54.3, 32.5, 71.6],
            countries: BTreeMap::new(),
        }
    }
}

/// A municipality on the map.
#[derive(Debug, Clone)]
pub struct Dot {
    pub lon: f64,
    pub lat: f64,
    pub url: String,
    /// Read by screen readers and shown as a tooltip: "Vilhelmina: 2 examples".
    pub label: String,
    pub count: usize,
}

/// Units of the SVG per degree of latitude.
const SCALE: f64 = 40.0;
/// The latitude whose parallel keeps its length (the middle of the area).
const STANDARD_PARALLEL: f64 = 63.0;

fn project(lon: f64, lat: f64, area: &[f64; 4]) -> (f64, f64) {
    let x = (lon - area[0]) * STANDARD_PARALLEL.to_radians().cos() * SCALE;
    let y = (area[3] - lat) * SCALE;
    (x, y)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Draw the map. `focus` zooms to one country's outline (its dots are the
/// caller's choice) and greys the others.
pub fn svg(outlines: &Outlines, dots: &[Dot], title: &str, focus: Option<&str>) -> String {
    let area = &outlines.r#box;
    let (width, height) = project(area[2], area[1], area);
    // The view: everything, or the focused country's outline with a margin.
    let mut view = (0.0, 0.0, width, height);
    if let Some(rings) = focus
        .and_then(|code| outlines.countries.get(code))
        .filter(|rings| !rings.is_empty())
    {
        let points: Vec<(f64, f64)> = rings
            .iter()
            .flatten()
            .map(|p| project(p[0], p[1], area))
            .collect();
        let min_x = points.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        let max_x = points.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        let min_y = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        let max_y = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        let margin = ((max_x - min_x).max(max_y - min_y) * 0.06).max(8.0);
        view = (
            min_x - margin,
            min_y - margin,
            max_x - min_x + 2.0 * margin,
            max_y - min_y + 2.0 * margin,
        );
    }
    let unit = view.2.max(view.3) / 500.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"map\" viewBox=\"{:.0} {:.0} {:.0} {:.0}\" role=\"group\" aria-labelledby=\"map-title\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"map-title\">{}</title><g aria-hidden=\"true\">",
        view.0,
        view.1,
        view.2,
        view.3,
        escape(title)
    );
    for (code, rings) in &outlines.countries {
        let class = match focus {
            Some(focused) if focused != code => "land other",
            _ => "land",
        };
        let _ = write!(out, "<path class=\"{class}\" d=\"");
        for ring in rings {
            let mut previous: Option<(i64, i64)> = None;
            for point in ring {
                let (x, y) = project(point[0], point[1], area);
                let (x, y) = (x.round() as i64, y.round() as i64);
                match previous {
                    None => {
                        let _ = write!(out, "M{x} {y}");
                    }
                    Some((px, py)) if (px, py) != (x, y) => {
                        let _ = write!(out, "l{} {}", x - px, y - py);
                    }
                    Some(_) => continue,
                }
                previous = Some((x, y));
            }
            out.push('z');
        }
        out.push_str("\"/>");
    }
    out.push_str("</g>");
    // Largest first, so that small dots stay on top and clickable.
    let mut ordered: Vec<&Dot> = dots.iter().collect();
    ordered.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    for dot in ordered {
        let (x, y) = project(dot.lon, dot.lat, area);
        let radius = (2.5 + 1.8 * (dot.count as f64).sqrt()) * unit;
        let _ = write!(
            out,
            "<a href=\"{}\" aria-label=\"{label}\"><circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\"><title>{label}</title></circle></a>",
            escape(&dot.url),
            label = escape(&dot.label),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_links_and_labels_are_escaped() {
        let dots = [Dot {
            lon: 17.3,
            lat: 64.2,
            url: "/countries/se/2462/".into(),
            label: "Vilhelmina <2>".into(),
            count: 2,
        }];
        let svg = svg(&Outlines::frame(), &dots, "Map & more", None);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<a href=\"/countries/se/2462/\" aria-label=\"Vilhelmina &lt;2&gt;\">"));
        assert!(svg.contains("<title id=\"map-title\">Map &amp; more</title>"));
        assert_eq!(svg.matches("<a ").count(), svg.matches("</a>").count());
    }
}
