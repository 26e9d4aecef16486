//! The Nordic municipality register (`register/municipalities.csv`) and the
//! lookup of a case's `municipalities` entries in it.
//!
//! An entry may be an official code or a name: the short name, any of the
//! official name forms in `other_names` (the Swedish name of a Finnish
//! municipality, the Sámi name of a Norwegian one, ...), or the official long
//! form. Lookup is case-insensitive. What cannot be
//! resolved to exactly one municipality of the case's country comes back as
//! a [`Resolution`] that the validation rules turn into diagnostics with
//! suggestions, candidates, or the country the entry really belongs to.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::config::is_language_tag;
use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

pub const IMPLAUSIBLE_VALUE: Code = Code {
    code: "E0006",
    name: "implausible-register-value",
    severity: Severity::Error,
    summary: "a register row has a value that cannot be right, or names no source",
    explanation: "\
Every row of the municipality register is checked when the catalogue is \
loaded: its country must be one of catalogue.toml's countries, its \
population a whole number between 1 and 10 million with a year no later than \
this year, its area between 1 and 500,000 km² with an `area_kind` (land or \
total) and an `area_year`, its map point inside the Nordic countries (latitude 54-84, \
longitude -75 to 35), every entry of `other_names` must be `lang:Name` with \
a BCP 47 language tag (`sv:Helsingfors`, `se:Ohcejohka`), and its `source` \
column must name where the row comes from (keys of the sources table in the \
register's README).

A missing value is fine: leave the cell empty and pages show it as unknown. \
Never fill a gap with a guess.

Fix: correct the value from its source, or empty the cell.",
};

pub const REGISTER_INVALID: Code = Code {
    code: "E0004",
    name: "invalid-register-row",
    severity: Severity::Error,
    summary: "a row of the municipality register cannot be read or repeats a code",
    explanation: "\
`examples-catalogue/register/municipalities.csv` lists every Nordic \
municipality a case may name. Each row needs the columns of the header \
(country, territory, code, name, ...), and a (country, code) pair may \
appear only once: codes are how cases and page addresses identify a \
municipality.

Fix: correct the row the diagnostic points at, keeping the column order of \
the header. The register's README lists the sources of every column.",
};

/// One row of the register. Values a source does not give stay empty.
#[derive(Debug, Clone, Deserialize)]
pub struct Municipality {
    /// The state whose register it is in (Åland's municipalities are FI).
    pub country: String,
    /// Same as `country`, except `AX` for Åland.
    pub territory: String,
    /// The official code, zero-padded, as text.
    pub code: String,
    pub name: String,
    /// Further official name forms, `;`-separated `lang:Name` entries with
    /// a BCP 47 language tag: `sv:Helsingfors`, `se:Ohcejohka`.
    #[serde(default)]
    pub other_names: String,
    #[serde(default)]
    pub official_name: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub region_code: String,
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default)]
    pub population_year: Option<u16>,
    #[serde(default)]
    pub area_km2: Option<f64>,
    #[serde(default)]
    pub area_kind: String,
    /// The year the area was measured for.
    #[serde(default)]
    pub area_year: Option<u16>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub coord_method: String,
    #[serde(default)]
    pub source: String,
    /// The first day the municipality exists in this form (YYYY-MM-DD);
    /// empty when the source does not say.
    #[serde(default)]
    pub valid_from: String,
    /// The last day it existed (merged or abolished); empty while it exists.
    #[serde(default)]
    pub valid_to: String,
    /// Byte offset of its row in the register file, for diagnostics.
    #[serde(skip)]
    pub row: usize,
}

impl Municipality {
    /// Whether a case of `country` may name this municipality: Åland's are
    /// both `AX` and part of `FI`.
    pub fn belongs_to(&self, country: &str) -> bool {
        self.territory == country || self.country == country
    }

    /// A name for people: the short name, or the code where the register
    /// has no name.
    pub fn display_name(&self) -> String {
        if self.name.is_empty() {
            format!("municipality {}", self.code)
        } else {
            self.name.clone()
        }
    }

    /// The day after which the municipality no longer exists, if it ended.
    pub fn ended(&self) -> Option<jiff::civil::Date> {
        self.valid_to.parse().ok()
    }

    /// Inhabitants per km², when both figures are known.
    pub fn density(&self) -> Option<f64> {
        match (self.population, self.area_km2) {
            (Some(population), Some(area)) if area > 0.0 => Some(population as f64 / area),
            _ => None,
        }
    }

    /// The entries of `other_names` as (language, name), in file order.
    /// An entry without a `:` comes back with an empty language (which
    /// [`Register::check`] reports).
    pub fn other_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.other_names
            .split(';')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| match entry.split_once(':') {
                Some((lang, name)) => (lang.trim(), name.trim()),
                None => ("", entry),
            })
    }

    /// Every name the municipality may be written as.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [self.name.as_str(), self.official_name.as_str()]
            .into_iter()
            .chain(self.other_names().map(|(_, name)| name))
            .chain(self.official_name.split(" - "))
            .map(str::trim)
            .filter(|name| !name.is_empty())
    }
}

/// One source of the register (`register/sources.csv`): what the register
/// takes from it, where it is, its licence as the source states it, the
/// date of its data and the day it was last checked. The `source` column of
/// the register's rows names sources by `key`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct RegisterSource {
    pub key: String,
    pub what: String,
    /// `owner/name @ commit : path`, a package or a web address.
    pub origin: String,
    pub licence: String,
    /// As the source gives it ("31 Dec 2024"); empty when it gives none.
    #[serde(default)]
    pub data_as_of: String,
    /// `YYYY-MM-DD`: the day the entry (origin, licence, date of the data)
    /// was last checked against the source.
    #[serde(default)]
    pub checked: String,
}

/// What a `municipalities` entry resolves to.
#[derive(Debug, Clone)]
pub enum Resolution<'r> {
    Found(&'r Municipality),
    /// Nothing of that name or code, here or elsewhere; the nearest names of
    /// the case's country.
    Unknown {
        suggestions: Vec<&'r Municipality>,
    },
    /// More than one municipality of the country has this name.
    Ambiguous {
        candidates: Vec<&'r Municipality>,
    },
    /// A municipality of another country (or several) has this code or name.
    OtherCountry {
        matches: Vec<&'r Municipality>,
    },
}

#[derive(Debug, Default)]
pub struct Register {
    municipalities: Vec<Municipality>,
    /// (territory or country, code) → index.
    by_code: BTreeMap<(String, String), usize>,
    /// normalised name → indices of every municipality that has it.
    by_name: BTreeMap<String, BTreeSet<usize>>,
    /// code without leading zeros → indices, in register order, so that an
    /// unknown code costs a lookup, not a walk through every municipality.
    by_bare_code: BTreeMap<String, Vec<usize>>,
    /// The co-operation bodies the municipalities form.
    bodies: crate::bodies::Bodies,
    /// The sources of the register, in file order (empty without
    /// `register/sources.csv`).
    sources: Vec<RegisterSource>,
}

impl Register {
    /// Read the register CSV. Rows that cannot be read, and repeated codes,
    /// come back as diagnostics; the good rows are still usable.
    pub fn parse(file: &SourceFile) -> (Register, Vec<Diagnostic>) {
        let mut register = Register::default();
        let mut diagnostics = Vec::new();
        let rows = read_csv_rows::<Municipality>(file, &mut |start, message| {
            diagnostics.push(Self::row_error(file, Some(start), message))
        });
        for (mut municipality, start) in rows {
            if register
                .by_code
                .contains_key(&(municipality.country.clone(), municipality.code.clone()))
            {
                let message = format!(
                    "code {} of {} appears more than once",
                    municipality.code, municipality.country
                );
                diagnostics.push(Self::row_error(file, Some(start), message));
                continue;
            }
            municipality.row = start;
            register.add(municipality);
        }
        (register, diagnostics)
    }

    /// Check every row's values against what is plausible (E0006).
    pub fn check(&self, file: &SourceFile, countries: &[&str], this_year: i16) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for m in &self.municipalities {
            let mut problems = Self::identity_problems(m, countries);
            problems.extend(Self::figure_problems(m, this_year));
            problems.extend(Self::place_and_source_problems(m));
            for problem in problems {
                let mut diagnostic =
                    Self::row_error(file, Some(m.row), format!("{} {}: {problem}", m.country, m.code));
                diagnostic.code = &IMPLAUSIBLE_VALUE;
                diagnostic.help =
                    Some("correct the value from its source, or leave the cell empty".to_string());
                diagnostics.push(diagnostic);
            }
        }
        diagnostics
    }

    /// What is wrong with a row's country, code and names.
    fn identity_problems(m: &Municipality, countries: &[&str]) -> Vec<String> {
        let mut problems = Vec::new();
        if !countries.contains(&m.territory.as_str()) || !countries.contains(&m.country.as_str()) {
            problems.push(format!(
                "country {} / territory {} is not a country of catalogue.toml",
                m.country, m.territory
            ));
        }
        if m.code.is_empty() || !m.code.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(format!("code \"{}\" is not a number", m.code));
        }
        if m.name.is_empty() && m.other_names.trim().is_empty() && m.official_name.is_empty() {
            problems.push("the row has no name".to_string());
        }
        for (lang, name) in m.other_names() {
            if !is_language_tag(lang) || name.is_empty() {
                problems.push(format!(
                    "other_names entry \"{lang}:{name}\" is not lang:Name with a language tag such as sv or se"
                ));
            }
        }
        problems
    }

    /// What is implausible in a row's population and area figures.
    fn figure_problems(m: &Municipality, this_year: i16) -> Vec<String> {
        let mut problems = Vec::new();
        if m.population.is_some() && m.population_year.is_none() {
            problems.push("a population needs a population_year".to_string());
        }
        if let Some(population) = m.population
            && !(1..=10_000_000).contains(&population)
        {
            problems.push(format!("population {population} is not between 1 and 10,000,000"));
        }
        if let Some(year) = m.population_year
            && (year < 1900 || year as i16 > this_year)
        {
            problems.push(format!(
                "population year {year} is not between 1900 and {this_year}"
            ));
        }
        if let Some(area) = m.area_km2 {
            if !(1.0..=500_000.0).contains(&area) {
                problems.push(format!("area {area} km² is not between 1 and 500,000"));
            }
            if !matches!(m.area_kind.as_str(), "land" | "total") {
                problems.push("an area needs an area_kind of land or total".to_string());
            }
            if m.area_year.is_none() {
                problems.push("an area needs an area_year".to_string());
            }
        }
        if let Some(year) = m.area_year
            && (year < 1900 || year as i16 > this_year)
        {
            problems.push(format!("area year {year} is not between 1900 and {this_year}"));
        }
        problems
    }

    /// What is wrong with a row's map point, validity dates and source.
    fn place_and_source_problems(m: &Municipality) -> Vec<String> {
        let mut problems = Vec::new();
        match (m.lat, m.lon) {
            (Some(lat), Some(lon)) if !(54.0..=84.0).contains(&lat) || !(-75.0..=35.0).contains(&lon) => {
                problems.push(format!("map point {lat}, {lon} is outside the Nordic countries"));
            }
            (Some(_), None) | (None, Some(_)) => {
                problems.push("a map point needs both lat and lon".to_string())
            }
            _ => {}
        }
        for (column, value) in [("valid_from", &m.valid_from), ("valid_to", &m.valid_to)] {
            if !value.is_empty() && value.parse::<jiff::civil::Date>().is_err() {
                problems.push(format!("{column} \"{value}\" is not a date such as 2024-01-01"));
            }
        }
        if m.source.trim().is_empty() {
            problems.push("the source column is empty".to_string());
        }
        problems
    }

    /// A diagnostic pointing at the row that starts at byte `start`.
    fn row_error(file: &SourceFile, start: Option<usize>, message: String) -> Diagnostic {
        let span = start.map(|start| {
            let end = file.text[file.clamp(start)..]
                .find('\n')
                .map_or(file.text.len(), |i| start + i);
            start..end
        });
        Diagnostic::new(&REGISTER_INVALID, &file.path, span, message)
            .with_label("this row")
            .with_help("give every row the columns of the header line, in the same order, and one row per (country, code)")
    }

    fn add(&mut self, municipality: Municipality) {
        let index = self.municipalities.len();
        self.by_code
            .insert((municipality.country.clone(), municipality.code.clone()), index);
        if municipality.territory != municipality.country {
            self.by_code
                .insert((municipality.territory.clone(), municipality.code.clone()), index);
        }
        for name in municipality.names() {
            self.by_name.entry(normalise(name)).or_default().insert(index);
        }
        self.by_bare_code
            .entry(municipality.code.trim_start_matches('0').to_string())
            .or_default()
            .push(index);
        self.municipalities.push(municipality);
    }

    pub fn len(&self) -> usize {
        self.municipalities.len()
    }

    pub fn bodies(&self) -> &crate::bodies::Bodies {
        &self.bodies
    }

    pub fn set_bodies(&mut self, bodies: crate::bodies::Bodies) {
        self.bodies = bodies;
    }

    pub fn sources(&self) -> &[RegisterSource] {
        &self.sources
    }

    /// Read `register/sources.csv` and keep its sources. A row that cannot
    /// be read or repeats a key is E0004; an empty key, what, origin or
    /// licence, a `checked` that is not a date no later than `today`, and a
    /// register row naming a source the list lacks are E0006 (on that row,
    /// in `register` — municipalities.csv — whose text is `register_file`).
    pub fn read_sources(
        &mut self,
        file: &SourceFile,
        register_file: &SourceFile,
        today: jiff::civil::Date,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let rows = read_csv_rows::<RegisterSource>(file, &mut |start, message| {
            diagnostics.push(Self::row_error(file, Some(start), message))
        });
        let mut sources: Vec<RegisterSource> = Vec::new();
        for (source, start) in rows {
            let implausible = |message: String| {
                let mut diagnostic = Self::row_error(file, Some(start), message);
                diagnostic.code = &IMPLAUSIBLE_VALUE;
                diagnostic.help = Some(
                    "give every source its key, what the register takes from it, where it is, its licence and the day it was checked (YYYY-MM-DD)"
                        .to_string(),
                );
                diagnostic
            };
            if sources.iter().any(|known| known.key == source.key) {
                diagnostics.push(Self::row_error(
                    file,
                    Some(start),
                    format!("source {} appears more than once", source.key),
                ));
                continue;
            }
            for (column, value) in [
                ("key", &source.key),
                ("what", &source.what),
                ("origin", &source.origin),
                ("licence", &source.licence),
            ] {
                if value.trim().is_empty() {
                    diagnostics.push(implausible(format!("source {}: {column} is empty", source.key)));
                }
            }
            if !source.checked.is_empty() {
                match source.checked.parse::<jiff::civil::Date>() {
                    Ok(day) if day > today => diagnostics.push(implausible(format!(
                        "source {}: checked {} lies in the future",
                        source.key, source.checked
                    ))),
                    Ok(_) => {}
                    Err(_) => diagnostics.push(implausible(format!(
                        "source {}: checked \"{}\" is not a date such as 2026-11-29",
                        source.key, source.checked
                    ))),
                }
            }
            sources.push(source);
        }
        for m in &self.municipalities {
            for key in m.source.split(';').map(str::trim).filter(|key| !key.is_empty()) {
                if !sources.iter().any(|source| source.key == key) {
                    let mut diagnostic = Self::row_error(
                        register_file,
                        Some(m.row),
                        format!(
                            "{} {}: source {key} is not in register/sources.csv",
                            m.country, m.code
                        ),
                    );
                    diagnostic.code = &IMPLAUSIBLE_VALUE;
                    diagnostic.help =
                        Some("add the source to register/sources.csv, or correct the key".to_string());
                    diagnostics.push(diagnostic);
                }
            }
        }
        self.sources = sources;
        diagnostics
    }

    pub fn is_empty(&self) -> bool {
        self.municipalities.is_empty()
    }

    pub fn all(&self) -> &[Municipality] {
        &self.municipalities
    }

    pub fn by_code(&self, country: &str, code: &str) -> Option<&Municipality> {
        self.by_code
            .get(&(country.to_string(), code.to_string()))
            .map(|&index| &self.municipalities[index])
    }

    /// How a case file of `country` names `municipality`: by its name when
    /// that finds it and no other, else by its code (two Norwegian
    /// municipalities are called Herøy).
    pub fn entry_for(&self, country: &str, municipality: &Municipality) -> String {
        match self.resolve_without_suggestions(country, &municipality.name) {
            Resolution::Found(found) if std::ptr::eq(found, municipality) => municipality.name.clone(),
            _ => municipality.code.clone(),
        }
    }

    /// Resolve one `municipalities` entry of a case of `country`.
    pub fn resolve(&self, country: &str, entry: &str) -> Resolution<'_> {
        self.resolve_suggesting(country, entry, true)
    }

    /// [`resolve`](Self::resolve), but an unknown name gets no "did you
    /// mean" suggestions, which cost an edit distance to every name of the
    /// country: for the entries of a huge list whose diagnostics are never
    /// shown.
    pub fn resolve_without_suggestions(&self, country: &str, entry: &str) -> Resolution<'_> {
        self.resolve_suggesting(country, entry, false)
    }

    fn resolve_suggesting(&self, country: &str, entry: &str, suggest: bool) -> Resolution<'_> {
        let entry = entry.trim();
        if !entry.is_empty() && entry.bytes().all(|b| b.is_ascii_digit()) {
            return self.resolve_code(country, entry);
        }
        let wanted = normalise(entry);
        let mut candidates = self.named(&wanted);
        if candidates.is_empty() {
            // "Vilhelmina kommun", "Oslo kommune": the suffix is not part of the name.
            for suffix in [" kommun", " kommune", " kommuna", " municipality", " kunta"] {
                if let Some(stripped) = wanted.strip_suffix(suffix) {
                    candidates = self.named(stripped);
                    break;
                }
            }
        }
        let (here, elsewhere): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|m| m.belongs_to(country));
        match here.len() {
            1 => Resolution::Found(here[0]),
            0 if !elsewhere.is_empty() => Resolution::OtherCountry { matches: elsewhere },
            0 => Resolution::Unknown {
                suggestions: if suggest {
                    self.nearest_names(country, &wanted)
                } else {
                    Vec::new()
                },
            },
            _ => Resolution::Ambiguous { candidates: here },
        }
    }

    fn named(&self, normalised_name: &str) -> Vec<&Municipality> {
        self.by_name
            .get(normalised_name)
            .map(|indices| indices.iter().map(|&i| &self.municipalities[i]).collect())
            .unwrap_or_default()
    }

    fn resolve_code(&self, country: &str, code: &str) -> Resolution<'_> {
        if let Some(found) = self.by_code(country, code) {
            return Resolution::Found(found);
        }
        // Every municipality whose code is `code` up to leading zeros.
        let same_digits: Vec<&Municipality> = self
            .by_bare_code
            .get(code.trim_start_matches('0'))
            .map(|indices| indices.iter().map(|&i| &self.municipalities[i]).collect())
            .unwrap_or_default();
        let elsewhere: Vec<&Municipality> = same_digits
            .iter()
            .copied()
            .filter(|m| m.code == code && !m.belongs_to(country))
            .collect();
        if !elsewhere.is_empty() {
            return Resolution::OtherCountry { matches: elsewhere };
        }
        // "114" for "0114": a code written without its leading zeros.
        let suggestions = same_digits
            .into_iter()
            .filter(|m| m.belongs_to(country))
            .collect();
        Resolution::Unknown { suggestions }
    }

    /// The names of `country` closest to `wanted` by edit distance: at most
    /// three, nearest first, only those close enough to be a typo.
    fn nearest_names(&self, country: &str, wanted: &str) -> Vec<&Municipality> {
        let limit = (wanted.chars().count() / 3).clamp(1, 3);
        let mut scored: Vec<(usize, &Municipality)> = self
            .municipalities
            .iter()
            .filter(|m| m.belongs_to(country))
            .filter_map(|m| {
                m.names()
                    .map(|name| strsim::levenshtein(&normalise(name), wanted))
                    .min()
                    .filter(|&distance| distance <= limit)
                    .map(|distance| (distance, m))
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
        scored.into_iter().take(3).map(|(_, m)| m).collect()
    }
}

/// Case-insensitive, with runs of whitespace as one space, in Unicode
/// NFC: "Malå" typed as `a` + combining ring (as some macOS editors save
/// it) is the same name as the register's precomposed `å`.
pub(crate) fn normalise(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .nfc()
        .collect()
}

/// Read every row of a CSV file as `T`, with the byte offset it starts at.
/// A header or row that cannot be read goes to `problem` with its offset and
/// what is wrong; reading stops at a row the CSV reader cannot get past.
pub(crate) fn read_csv_rows<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    problem: &mut dyn FnMut(usize, String),
) -> Vec<(T, usize)> {
    let mut rows = Vec::new();
    let mut reader = csv::Reader::from_reader(file.text.as_bytes());
    let headers = match reader.byte_headers() {
        Ok(headers) => headers.clone(),
        Err(error) => {
            problem(0, format!("the header cannot be read: {error}"));
            return rows;
        }
    };
    let mut record = csv::ByteRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                problem(start, format!("row cannot be read: {error}"));
                break;
            }
        }
        match record.deserialize::<T>(Some(&headers)) {
            Ok(row) => rows.push((row, start)),
            Err(error) => problem(start, format!("row cannot be read: {error}")),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "country,territory,code,name,other_names,official_name,region,region_code,population,population_year,area_km2,area_kind,area_year,lat,lon,coord_method,source\n";

    fn register() -> Register {
        let rows = "\
SE,SE,2462,Vilhelmina,,Vilhelmina kommun,Västerbottens län,24,,,,,,,,,x
SE,SE,1281,Lund,,Lunds kommun,Skåne län,12,,,,,,,,,x
NO,NO,1112,Lund,,,Rogaland,11,,,,,,,,,x
NO,NO,1515,Herøy,,,Møre og Romsdal,15,,,,,,,,,x
NO,NO,1818,Herøy,,,Nordland,18,,,,,,,,,x
NO,NO,5426,Kåfjord,smi:Gáivuotna,Gáivuotna - Kåfjord - Kaivuono,Troms,55,,,,,,,,,x
FI,FI,091,Helsinki,sv:Helsingfors,,Uusimaa,,,,,,,,,,x
FI,AX,478,Maarianhamina,sv:Mariehamn,,Ahvenanmaa – Åland,,,,,,,,,,x
";
        let (register, diagnostics) = Register::parse(&SourceFile::new("r.csv", format!("{HEADER}{rows}")));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        register
    }

    /// "Malå" as some macOS editors save it (NFD: `a` + U+030A) is the
    /// register's composed "Malå", in the case file and in the register.
    #[test]
    fn decomposed_names_are_found() {
        let rows = "SE,SE,2418,Malå,,Malå kommun,Västerbottens län,24,,,,,,,,,x\n\
SE,SE,2480,Ume\u{0061}\u{030a},,,Västerbottens län,24,,,,,,,,,x\n";
        let (register, diagnostics) = Register::parse(&SourceFile::new("r.csv", format!("{HEADER}{rows}")));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        for (entry, code) in [
            ("Mala\u{030a}", "2418"),
            ("MALA\u{030a} kommun", "2418"),
            ("Malå", "2418"),
            ("Umeå", "2480"),
        ] {
            match register.resolve("SE", entry) {
                Resolution::Found(m) => assert_eq!(m.code, code, "{entry}"),
                other => panic!("{entry}: {other:?}"),
            }
        }
        // A decomposed typo still gets its suggestion.
        assert!(matches!(
            register.resolve("SE", "Malaa\u{030a}"),
            Resolution::Unknown { suggestions } if suggestions.first().is_some_and(|m| m.code == "2418")
        ));
    }

    #[test]
    fn resolves_codes_and_every_form_of_name() {
        let register = register();
        for (country, entry, code) in [
            ("SE", "2462", "2462"),
            ("SE", "vilhelmina", "2462"),
            ("SE", "Vilhelmina kommun", "2462"),
            ("FI", "Helsingfors", "091"),
            ("NO", "Gáivuotna", "5426"),
            ("NO", "Kaivuono", "5426"),
            ("AX", "Mariehamn", "478"),
            ("FI", "Maarianhamina", "478"),
        ] {
            match register.resolve(country, entry) {
                Resolution::Found(m) => assert_eq!(m.code, code, "{entry}"),
                other => panic!("{entry}: {other:?}"),
            }
        }
    }

    #[test]
    fn reads_every_entry_of_other_names() {
        let rows = "FI,FI,890,Utsjoki,se:Ohcejohka; smn:Uccjuuhâ ;sms:Uccjokk,,Lappi,19,,,,,,,,,x\n";
        let (register, diagnostics) = Register::parse(&SourceFile::new("r.csv", format!("{HEADER}{rows}")));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        for name in ["ohcejohka", "Uccjuuhâ", "UCCJOKK"] {
            assert!(
                matches!(register.resolve("FI", name), Resolution::Found(m) if m.code == "890"),
                "{name}"
            );
        }
        assert!(
            register
                .check(&SourceFile::new("r.csv", String::new()), &["FI"], 2026)
                .is_empty()
        );
    }

    #[test]
    fn rejects_figures_without_their_year_kind_or_source() {
        let rows = "\
SE,SE,0001,A,,,,,100,,,,,,,,x
SE,SE,0002,B,,,,,,,50.5,land,,,,,x
SE,SE,0003,C,,,,,,,50.5,,2020,,,,x
SE,SE,0004,D,,,,,,,,,,,,,
SE,SE,0005,E,Svenska:E;sv,,,,,,,,,,,,x
";
        let file = SourceFile::new("r.csv", format!("{HEADER}{rows}"));
        let (register, diagnostics) = Register::parse(&file);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let messages: Vec<String> = register
            .check(&file, &["SE"], 2026)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            messages,
            [
                "SE 0001: a population needs a population_year",
                "SE 0002: an area needs an area_year",
                "SE 0003: an area needs an area_kind of land or total",
                "SE 0004: the source column is empty",
                "SE 0005: other_names entry \"Svenska:E\" is not lang:Name with a language tag such as sv or se",
                "SE 0005: other_names entry \":sv\" is not lang:Name with a language tag such as sv or se",
            ]
        );
    }

    #[test]
    fn knows_the_shape_of_a_language_tag() {
        for tag in ["sv", "se", "smn", "sms", "nb", "kl", "fo", "sr-Latn", "smi"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["", "s", "SV", "svenska", "sv-", "sv_SE", "-sv"] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }

    #[test]
    fn lists_candidates_for_an_ambiguous_name() {
        match register().resolve("NO", "Herøy") {
            Resolution::Ambiguous { candidates } => {
                let codes: Vec<_> = candidates.iter().map(|m| m.code.as_str()).collect();
                assert_eq!(codes, ["1515", "1818"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_the_country_a_foreign_entry_belongs_to() {
        match register().resolve("SE", "1112") {
            Resolution::OtherCountry { matches } => assert_eq!(matches[0].country, "NO"),
            other => panic!("{other:?}"),
        }
        // Lund exists in both: in a Swedish case it is the Swedish one.
        assert!(matches!(register().resolve("SE", "Lund"), Resolution::Found(m) if m.code == "1281"));
    }

    #[test]
    fn suggests_near_names_of_the_same_country_only() {
        match register().resolve("SE", "Vilhelmna") {
            Resolution::Unknown { suggestions } => assert_eq!(suggestions[0].code, "2462"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            register().resolve("NO", "Vilhelmna"),
            Resolution::Unknown { suggestions } if suggestions.is_empty()
        ));
    }
}
