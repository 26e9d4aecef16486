//! The appendix's two figures: a bar chart of the cases per country and
//! digitalisation category, and a map of the municipalities that take part
//! in them. Each is one SVG, made here once and placed as it is by both
//! editions: inline in the HTML page (an image with its title and
//! description) and embedded by typst in the PDF (a figure whose image has
//! the same text as its alternative text).
//!
//! The chart draws the numbers of the country × category table
//! ([`super::document::country_counts`] makes both), so the two always
//! agree. Each category has a colour and a pattern, so the chart does not
//! rely on colour alone, and every bar has its number beside it. The map is
//! the site's ([`crate::map::print_svg`]), with one dot per municipality.
//!
//! Both are functions of the catalogue alone: fixed ids, coordinates
//! rounded to a tenth, no clock and no randomness, so the files are the
//! same bytes on every run.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::config::{Config, Vocabulary};
use crate::html::escape;
use crate::model::{Case, Catalogue};

use super::Lang;
use super::document::CountryCounts;
use super::strings::Strings;

/// A figure as both editions place it.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Its number in the edition: the chart is 1, the map 1 or 2.
    pub number: usize,
    /// What the figure shows, in a line.
    pub caption: String,
    /// Where its data is in words (a table, the index), after the caption.
    pub note: String,
    /// The text alternative: what it shows, with its data.
    pub alt: String,
    /// The image: a self-contained SVG with `role="img"`, its title and
    /// description.
    pub svg: String,
}

/// The figures of an edition; either is absent when it would be empty.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub chart: Option<Figure>,
    pub map: Option<Figure>,
}

/// The figures of the selected cases. `counts` are the numbers of the
/// country × category table, `table` that table's title.
pub fn figures(
    catalogue: &Catalogue,
    cases: &[&Case],
    counts: &CountryCounts,
    table: &str,
    lang: Lang,
    strings: &Strings,
) -> Figures {
    let chart = (!cases.is_empty()).then(|| Figure {
        number: 1,
        caption: strings.chart_caption.clone(),
        note: strings.chart_note.replace("{table}", table),
        alt: chart_alt(counts, strings),
        svg: String::new(),
    });
    let chart = chart.map(|mut figure| {
        figure.svg = chart_svg(counts, "figure-chart", &figure.caption, &figure.alt);
        figure
    });
    let map = map_figure(
        catalogue,
        cases,
        lang,
        strings,
        if chart.is_some() { 2 } else { 1 },
    );
    Figures { chart, map }
}

/// The chart's data in words: "Sweden: Internal digitalisation 3, ...;
/// Norway: ...".
fn chart_alt(counts: &CountryCounts, strings: &Strings) -> String {
    let data: Vec<String> = counts
        .countries
        .iter()
        .map(|(country, per_category, _)| {
            let bars: Vec<String> = counts
                .categories
                .iter()
                .zip(per_category)
                .map(|(category, n)| format!("{category} {n}"))
                .collect();
            format!("{country}: {}", bars.join(", "))
        })
        .collect();
    strings.chart_alt.replace("{data}", &data.join("; "))
}

/// A category's colour and pattern, in the order of the vocabulary; more
/// categories than these repeat them. The colours keep at least 3:1
/// against white (WCAG 1.4.11) and differ in lightness, and the patterns
/// tell the bars apart in grey print and without colour vision.
const STYLES: [(&str, Pattern); 5] = [
    ("#1f5f7a", Pattern::Solid),
    ("#b4501a", Pattern::Diagonal),
    ("#5a2d82", Pattern::Dots),
    ("#2e6b30", Pattern::Cross),
    ("#7a5a00", Pattern::Horizontal),
];

#[derive(Debug, Clone, Copy)]
enum Pattern {
    Solid,
    Diagonal,
    Dots,
    Cross,
    Horizontal,
}

/// The `<pattern>` of category `index`, or none for a solid fill.
fn pattern(out: &mut String, id: &str, index: usize) {
    let (colour, pattern) = STYLES[index % STYLES.len()];
    let marks = match pattern {
        Pattern::Solid => return,
        Pattern::Diagonal => "<path d=\"M-1 1l2-2M0 6l6-6M5 7l2-2\" stroke=\"#fff\" stroke-width=\"1.6\"/>",
        Pattern::Dots => "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/>",
        Pattern::Cross => "<path d=\"M0 3h6M3 0v6\" stroke=\"#fff\" stroke-width=\"1.2\"/>",
        Pattern::Horizontal => "<path d=\"M0 3h6\" stroke=\"#fff\" stroke-width=\"1.6\"/>",
    };
    let _ = write!(
        out,
        "<pattern id=\"{id}-p{index}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"{colour}\"/>{marks}</pattern>"
    );
}

/// The fill of category `index`: its colour, or its pattern over it.
fn fill(id: &str, index: usize) -> String {
    match STYLES[index % STYLES.len()] {
        (colour, Pattern::Solid) => colour.to_string(),
        _ => format!("url(#{id}-p{index})"),
    }
}

/// The chart's width in SVG units; at the PDF's text width (160 mm) a
/// unit is a quarter millimetre, so the 12-unit labels are 8.5 pt.
const WIDTH: f64 = 600.0;
const FONT: f64 = 12.0;
/// The numbers beside the bars.
const NUMBER_FONT: f64 = 10.5;
const BAR: f64 = 9.0;
const BAR_GAP: f64 = 1.0;
const GROUP_GAP: f64 = 8.0;
const LEGEND_ROW: f64 = 17.0;
/// The width of a label's character, estimated: the SVG cannot measure
/// its text, and a generous guess only narrows the bars a little.
const CHAR_WIDTH: f64 = 0.58 * FONT;

const FONT_FAMILY: &str = "'Libertinus Serif',Georgia,serif";

/// Horizontal bars grouped by country (one bar per category, in the
/// table's order), a legend of the categories above them, and each bar's
/// number at its end.
pub fn chart_svg(counts: &CountryCounts, id: &str, title: &str, description: &str) -> String {
    let categories = counts.categories.len();
    let longest = counts
        .countries
        .iter()
        .map(|(country, _, _)| country.chars().count())
        .max()
        .unwrap_or(0);
    let label_width = (longest as f64 * CHAR_WIDTH).ceil().max(40.0) + 10.0;
    let plot_width = WIDTH - label_width - 40.0;
    let most = counts
        .countries
        .iter()
        .flat_map(|(_, per_category, _)| per_category)
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let legend_height = categories as f64 * LEGEND_ROW;
    let group_height = (categories as f64 * (BAR + BAR_GAP) - BAR_GAP).max(0.0);
    let top = legend_height + 10.0;
    let groups = counts.countries.len() as f64;
    let height = top + groups * group_height + (groups - 1.0).max(0.0) * GROUP_GAP + 4.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc><defs>",
        number(height),
        escape(title),
        escape(description)
    );
    for index in 0..categories {
        pattern(&mut out, id, index);
    }
    let _ = write!(
        out,
        "</defs><g font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\" fill=\"#1c2328\">"
    );
    // The legend: a swatch and the category's name, one a line.
    for (index, category) in counts.categories.iter().enumerate() {
        let y = index as f64 * LEGEND_ROW;
        let (colour, _) = STYLES[index % STYLES.len()];
        let _ = write!(
            out,
            "<rect x=\"0.5\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\" stroke=\"{colour}\"/><text x=\"19\" y=\"{}\">{}</text>",
            number(y + 1.5),
            fill(id, index),
            number(y + 11.0),
            escape(category)
        );
    }
    for (row, (country, per_category, _)) in counts.countries.iter().enumerate() {
        let group_top = top + row as f64 * (group_height + GROUP_GAP);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            number(label_width - 8.0),
            number(group_top + group_height / 2.0 + FONT * 0.35),
            escape(country)
        );
        for (index, &n) in per_category.iter().enumerate() {
            let y = group_top + index as f64 * (BAR + BAR_GAP);
            let length = n as f64 / most as f64 * plot_width;
            if n > 0 {
                let (colour, _) = STYLES[index % STYLES.len()];
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR}\" fill=\"{}\" stroke=\"{colour}\"/>",
                    number(label_width + 0.5),
                    number(y + 0.5),
                    number((length - 1.0).max(0.5)),
                    fill(id, index)
                );
            }
            let _ = write!(
                out,
                "<text class=\"bar-count\" x=\"{}\" y=\"{}\" font-size=\"{NUMBER_FONT}\">{n}</text>",
                number(label_width + length + 4.0),
                number(y + BAR / 2.0 + NUMBER_FONT * 0.35)
            );
        }
    }
    // The axis the bars start from.
    let _ = write!(
        out,
        "</g><path d=\"M{} {}V{}\" stroke=\"#5b6770\" stroke-width=\"1\"/></svg>",
        number(label_width),
        number(top - 4.0),
        number(height - 2.0)
    );
    out
}

/// A coordinate with at most one decimal and no trailing zero: the same
/// text for the same value on every machine.
fn number(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!(
            "{}{}.{}",
            if tenths < 0 { "-" } else { "" },
            (tenths / 10).abs(),
            (tenths % 10).abs()
        )
    }
}

/// A territory's municipalities (by code) and their positions, if the
/// register has them; the territories are keyed by vocabulary order.
type Positions<'a> = BTreeMap<&'a str, Option<(f64, f64)>>;

/// The map of the municipalities the selected cases name as taking part
/// (as the site's map counts them), or none when no case names one.
fn map_figure(
    catalogue: &Catalogue,
    cases: &[&Case],
    lang: Lang,
    strings: &Strings,
    number: usize,
) -> Option<Figure> {
    let config = &catalogue.config;
    let mut found: BTreeMap<(usize, &str), Positions<'_>> = BTreeMap::new();
    for case in cases {
        for municipality in &case.municipalities {
            let point = catalogue
                .register
                .by_code(&municipality.country, &municipality.code)
                .and_then(|row| Some((row.lon?, row.lat?)));
            found
                .entry((
                    position(config, &municipality.territory),
                    municipality.territory.as_str(),
                ))
                .or_default()
                .insert(municipality.code.as_str(), point);
        }
    }
    if found.is_empty() {
        return None;
    }
    let total: usize = found.values().map(BTreeMap::len).sum();
    let places: Vec<(&str, f64, f64)> = found
        .iter()
        .flat_map(|((_, territory), municipalities)| {
            municipalities
                .values()
                .flatten()
                .map(move |&(lon, lat)| (*territory, lon, lat))
        })
        .collect();
    let per_country: Vec<String> = found
        .iter()
        .map(|((_, territory), municipalities)| {
            format!(
                "{} {}",
                territory_label(config, territory, lang),
                municipalities.len()
            )
        })
        .collect();
    let mut alt = strings
        .map_alt
        .replace("{n}", &total.to_string())
        .replace("{data}", &per_country.join(", "));
    let unplaced = total - places.len();
    if unplaced > 0 {
        alt.push(' ');
        alt.push_str(&strings.map_unplaced.replace("{n}", &unplaced.to_string()));
    }
    let caption = strings.map_caption.clone();
    let name = |code: &str| territory_label(config, code, lang);
    let svg = crate::map::print_svg(&catalogue.outlines, &places, "figure-map", &caption, &alt, &name);
    Some(Figure {
        number,
        caption,
        note: strings.map_note.clone(),
        alt,
        svg,
    })
}

fn position(config: &Config, territory: &str) -> usize {
    config
        .countries
        .iter()
        .position(|term| term.id() == territory)
        .unwrap_or(usize::MAX)
}

fn territory_label(config: &Config, territory: &str, lang: Lang) -> String {
    config
        .term(Vocabulary::Countries, territory)
        .map_or(territory, |term| term.label(lang.code()))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> CountryCounts {
        CountryCounts {
            categories: vec!["Internal".into(), "External & <AI>".into()],
            countries: vec![("Sweden".into(), vec![3, 0], 3), ("Norway".into(), vec![1, 2], 2)],
            totals: vec![4, 2],
            several: true,
        }
    }

    #[test]
    fn every_bar_has_its_number_and_every_category_a_pattern_or_colour() {
        let svg = chart_svg(&counts(), "c", "Title", "Sweden: Internal 3");
        assert!(svg.starts_with("<svg class=\"chart\""));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"c-title c-desc\""));
        let numbers: Vec<&str> = svg
            .split("class=\"bar-count\"")
            .skip(1)
            .filter_map(|rest| rest.split('>').nth(1)?.split('<').next())
            .collect();
        assert_eq!(numbers, ["3", "0", "1", "2"]);
        // A bar of 0 is its number alone; the others are rectangles.
        assert_eq!(svg.matches("height=\"9\"").count(), 3);
        assert!(svg.contains("url(#c-p1)") && svg.contains("<pattern id=\"c-p1\""));
        assert!(svg.contains("External &amp; &lt;AI&gt;"));
        assert_eq!(svg, chart_svg(&counts(), "c", "Title", "Sweden: Internal 3"));
    }

    #[test]
    fn the_longest_bar_is_the_largest_count() {
        let svg = chart_svg(&counts(), "c", "T", "D");
        let widths: Vec<f64> = svg
            .split(" width=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .filter(|width: &f64| *width > 12.0)
            .collect();
        // Three bars: 3, 1 and 2 of the same scale.
        assert_eq!(widths.len(), 3);
        assert!(widths[0] > widths[2] && widths[2] > widths[1]);
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.25), "12.3");
        assert_eq!(number(-0.44), "-0.4");
        assert_eq!(number(-1.5), "-1.5");
        assert_eq!(number(0.04), "0");
    }
}
