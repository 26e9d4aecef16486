//! Co-operation bodies (`register/bodies.csv`) and their members
//! (`register/body-members.csv`): wellbeing services counties, joint
//! authorities, joint committees, municipal companies, national
//! associations, networks and regions through which municipalities run a
//! service together.
//!
//! A case may name bodies instead of listing every municipality of an area:
//! a member of a named body is then "covered through" the body, which the
//! pages keep apart from the municipalities a case names as taking part.
//! Membership has validity dates, so a member counts for a case only when
//! its membership overlaps the case's period. Both files are optional; a
//! catalogue without them simply has no bodies.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::config::is_language_tag;
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::{Register, normalise, read_csv_rows};
use crate::source::SourceFile;

pub const BODY_INVALID: Code = Code {
    code: "E0008",
    name: "invalid-body",
    severity: Severity::Error,
    summary: "a row of the co-operation bodies or their members cannot be used",
    explanation: "\
`register/bodies.csv` lists the co-operation bodies a case may name in \
`bodies`; `register/body-members.csv` lists their member municipalities. \
Every row is checked when the catalogue is loaded:

- a body needs an `id` of lowercase letters, digits and hyphens (it is the \
body's permanent address, `/bodies/<id>/`), used only once; a `country` of \
catalogue.toml; a `kind` (wellbeing-services-county, joint-authority, \
joint-committee, inter-municipal-company, national-association, network or \
region); a `name`; `other_names` as `lang:Name` entries separated by `;`; \
dates as YYYY-MM-DD; a `website` starting with https:// or http://; and a \
`source` naming where the row comes from (keys of the sources table in the \
register's README);
- a member row needs a `body` that is an id of bodies.csv, a `code` of a \
municipality of the body's country in the municipality register, dates as \
YYYY-MM-DD with `valid_from` before `valid_to`, and a `source`.

Example of the mistake (body-members.csv):

    body,code,valid_from,valid_to,source
    fi-lapin-hyvinvointialue,9999,2023-01-01,,FI-geofi

Fix: use the member's official code from municipalities.csv, or remove the row.",
};

/// How to mend a row that cannot be read.
const ROW_HELP: &str = "give every row the columns of the header line, in the same order";

/// The kinds of body, as written in the `kind` column.
pub const KINDS: [&str; 7] = [
    "wellbeing-services-county",
    "joint-authority",
    "joint-committee",
    "inter-municipal-company",
    "national-association",
    "network",
    "region",
];

/// One row of bodies.csv.
#[derive(Debug, Clone, Deserialize)]
pub struct Body {
    pub id: String,
    /// The territory whose municipalities are its members (AX for Åland).
    pub country: String,
    pub kind: String,
    /// The name in the local language.
    pub name: String,
    /// Further official forms, `lang:Name;lang:Name`.
    #[serde(default)]
    pub other_names: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub source: String,
    #[serde(skip)]
    pub row: usize,
}

/// A further name form of a body: its language and the name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameForm {
    pub language: String,
    pub name: String,
}

impl Body {
    /// `other_names` as (language, name) pairs; malformed entries are left
    /// out (the register check reports them).
    pub fn name_forms(&self) -> Vec<NameForm> {
        self.other_names
            .split(';')
            .filter_map(|entry| {
                let (language, name) = entry.split_once(':')?;
                let (language, name) = (language.trim(), name.trim());
                (is_language_tag(language) && !name.is_empty()).then(|| NameForm {
                    language: language.to_string(),
                    name: name.to_string(),
                })
            })
            .collect()
    }

    /// Every name the body may be written as in a case file.
    fn names(&self) -> Vec<String> {
        let mut names = vec![self.id.clone(), self.name.clone(), self.name_en.clone()];
        names.extend(self.name_forms().into_iter().map(|form| form.name));
        names.retain(|name| !name.trim().is_empty());
        names
    }

    /// Whether a case of `country` may name it: Åland's bodies in a Finnish
    /// case too, as Åland's municipalities may be.
    pub fn belongs_to(&self, country: &str) -> bool {
        self.country == country || (self.country == "AX" && country == "FI")
    }
}

/// One row of body-members.csv.
#[derive(Debug, Clone, Deserialize)]
pub struct Membership {
    pub body: String,
    pub code: String,
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: String,
    #[serde(default)]
    pub source: String,
    #[serde(skip)]
    pub row: usize,
}

impl Membership {
    /// Whether the membership overlaps the period `from..=to` (`to` open
    /// when `None`). An unknown start or end counts as open.
    pub fn overlaps(&self, from: jiff::civil::Date, to: Option<jiff::civil::Date>) -> bool {
        let starts_in_time = match (self.valid_from.parse::<jiff::civil::Date>(), to) {
            (Ok(start), Some(to)) => start <= to,
            _ => true,
        };
        let ends_in_time = match self.valid_to.parse::<jiff::civil::Date>() {
            Ok(end) => end >= from,
            Err(_) => true,
        };
        starts_in_time && ends_in_time
    }
}

/// What a `bodies` entry of a case resolves to.
#[derive(Debug, Clone)]
pub enum BodyResolution<'b> {
    Found(&'b Body),
    /// A body of another country has this id or name.
    OtherCountry(&'b Body),
    /// No such body; the nearest id or name of the case's country, if any is
    /// close enough to be a typo.
    Unknown {
        suggestion: Option<&'b Body>,
    },
}

#[derive(Debug, Default)]
pub struct Bodies {
    bodies: Vec<Body>,
    by_id: BTreeMap<String, usize>,
    /// Normalised name → indices of the bodies that have it.
    by_name: BTreeMap<String, BTreeSet<usize>>,
    /// Per body (same index), its membership rows in file order.
    members: Vec<Vec<Membership>>,
    /// Membership rows whose body is unknown, kept for the check.
    orphans: Vec<Membership>,
}

impl Bodies {
    /// Read both files. Rows that cannot be read and repeated ids come back
    /// as diagnostics; the good rows are still usable.
    pub fn parse(bodies_file: &SourceFile, members_file: Option<&SourceFile>) -> (Bodies, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut bodies = Bodies::default();
        for (body, start) in read_csv_rows::<Body>(bodies_file, &mut |start, message| {
            diagnostics.push(row_diagnostic(bodies_file, start, message, ROW_HELP))
        }) {
            if bodies.by_id.contains_key(&body.id) {
                diagnostics.push(row_diagnostic(
                    bodies_file,
                    start,
                    format!("body id \"{}\" appears more than once", body.id),
                    "give every body its own id",
                ));
                continue;
            }
            bodies.add(Body { row: start, ..body });
        }
        if let Some(members_file) = members_file {
            for (membership, start) in read_csv_rows::<Membership>(members_file, &mut |start, message| {
                diagnostics.push(row_diagnostic(members_file, start, message, ROW_HELP))
            }) {
                let membership = Membership {
                    row: start,
                    ..membership
                };
                match bodies.by_id.get(&membership.body) {
                    Some(&index) => bodies.members[index].push(membership),
                    None => bodies.orphans.push(membership),
                }
            }
        }
        (bodies, diagnostics)
    }

    fn add(&mut self, body: Body) {
        let index = self.bodies.len();
        self.by_id.insert(body.id.clone(), index);
        for name in body.names() {
            self.by_name.entry(normalise(&name)).or_default().insert(index);
        }
        self.bodies.push(body);
        self.members.push(Vec::new());
    }

    /// Check every row's values (E0008). `countries` are catalogue.toml's.
    pub fn check(
        &self,
        bodies_file: &SourceFile,
        members_file: Option<&SourceFile>,
        countries: &[&str],
        register: &Register,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for body in &self.bodies {
            for problem in body_problems(body, countries) {
                diagnostics.push(row_diagnostic(
                    bodies_file,
                    body.row,
                    format!("body {}: {problem}", body.id),
                    "correct the value from its source (see the register's README), or leave an optional cell empty",
                ));
            }
        }
        let Some(members_file) = members_file else {
            return diagnostics;
        };
        diagnostics.extend(self.check_orphans(members_file));
        for (body, memberships) in self.bodies.iter().zip(&self.members) {
            let mut seen = BTreeSet::new();
            for membership in memberships {
                for problem in membership_problems(body, membership, register, &mut seen) {
                    diagnostics.push(row_diagnostic(
                        members_file,
                        membership.row,
                        format!("member of {}: {problem}", body.id),
                        "use the member's official code from municipalities.csv and dates as YYYY-MM-DD, and name the source",
                    ));
                }
            }
        }
        diagnostics
    }

    /// Memberships of a body bodies.csv does not list, each with the
    /// nearest id as a suggestion.
    fn check_orphans(&self, members_file: &SourceFile) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for membership in &self.orphans {
            let suggestion = crate::suggest::nearest(&membership.body, self.by_id.keys().map(String::as_str))
                .map(|id| format!("did you mean \"{id}\"?"))
                .unwrap_or_else(|| "use an id of bodies.csv, or add the body there first".to_string());
            diagnostics.push(row_diagnostic(
                members_file,
                membership.row,
                format!("\"{}\" is not a body of bodies.csv", membership.body),
                &suggestion,
            ));
        }
        diagnostics
    }

    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    pub fn all(&self) -> &[Body] {
        &self.bodies
    }

    pub fn by_id(&self, id: &str) -> Option<&Body> {
        self.by_id.get(id).map(|&index| &self.bodies[index])
    }

    /// Every membership row of the body with this id, in file order.
    pub fn members(&self, id: &str) -> &[Membership] {
        self.by_id
            .get(id)
            .map(|&index| self.members[index].as_slice())
            .unwrap_or_default()
    }

    /// Resolve one `bodies` entry (an id or any of a body's names,
    /// case-insensitive) of a case of `country`.
    pub fn resolve(&self, country: &str, entry: &str) -> BodyResolution<'_> {
        let wanted = normalise(entry);
        let candidates: Vec<&Body> = self
            .by_name
            .get(&wanted)
            .map(|indices| indices.iter().map(|&index| &self.bodies[index]).collect())
            .unwrap_or_default();
        if let Some(body) = candidates.iter().find(|body| body.belongs_to(country)) {
            return BodyResolution::Found(body);
        }
        if let Some(body) = candidates.first() {
            return BodyResolution::OtherCountry(body);
        }
        // Long entries cannot be a typo of any name: skip the distances.
        let suggestion = if wanted.chars().count() <= 200 {
            let of_country: Vec<(String, &Body)> = self
                .bodies
                .iter()
                .filter(|body| body.belongs_to(country))
                .flat_map(|body| body.names().into_iter().map(move |name| (normalise(&name), body)))
                .collect();
            crate::suggest::nearest(&wanted, of_country.iter().map(|(name, _)| name.as_str()))
                .and_then(|name| of_country.iter().find(|(n, _)| n == name).map(|(_, body)| *body))
        } else {
            None
        };
        BodyResolution::Unknown { suggestion }
    }
}

/// What is wrong with one row of bodies.csv.
fn body_problems(body: &Body, countries: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    if !crate::slug::is_valid_slug(&body.id) {
        problems.push(format!(
            "id \"{}\" is not lowercase letters, digits and hyphens",
            body.id
        ));
    }
    if !countries.contains(&body.country.as_str()) {
        problems.push(format!(
            "country \"{}\" is not a country of catalogue.toml",
            body.country
        ));
    }
    if !KINDS.contains(&body.kind.as_str()) {
        problems.push(format!(
            "kind \"{}\" is not one of {}",
            body.kind,
            crate::suggest::quoted_list(KINDS)
        ));
    }
    if body.name.trim().is_empty() {
        problems.push("the row has no name".to_string());
    }
    for entry in body
        .other_names
        .split(';')
        .filter(|entry| !entry.trim().is_empty())
    {
        let well_formed = entry
            .split_once(':')
            .is_some_and(|(language, name)| is_language_tag(language.trim()) && !name.trim().is_empty());
        if !well_formed {
            problems.push(format!(
                "other_names entry \"{}\" is not of the form lang:Name (e.g. sv:Lapplands välfärdsområde)",
                entry.trim()
            ));
        }
    }
    if !body.website.is_empty() && !is_web_address(&body.website) {
        problems.push(format!(
            "website \"{}\" is not an http(s):// address",
            body.website
        ));
    }
    problems.extend(date_problems(&body.valid_from, &body.valid_to));
    if body.source.trim().is_empty() {
        problems.push("the source column is empty".to_string());
    }
    problems
}

/// What is wrong with one row of the members file: an unknown or foreign
/// municipality, a repeated member (`seen` holds the body's members so far),
/// bad dates or no source.
fn membership_problems<'m>(
    body: &Body,
    membership: &'m Membership,
    register: &Register,
    seen: &mut BTreeSet<(&'m str, &'m str)>,
) -> Vec<String> {
    let mut problems = Vec::new();
    match register.by_code(&body.country, &membership.code) {
        Some(municipality) if municipality.belongs_to(&body.country) => {}
        _ => problems.push(format!(
            "code \"{}\" is not a municipality of {} in the register",
            membership.code, body.country
        )),
    }
    if !seen.insert((membership.code.as_str(), membership.valid_from.as_str())) {
        problems.push(format!("member {} is listed twice", membership.code));
    }
    problems.extend(date_problems(&membership.valid_from, &membership.valid_to));
    if membership.source.trim().is_empty() {
        problems.push("the source column is empty".to_string());
    }
    problems
}

/// An E0008 pointing at the row that starts at byte `start`.
fn row_diagnostic(file: &SourceFile, start: usize, message: String, help: &str) -> Diagnostic {
    let start = file.clamp(start);
    let end = file.text[start..]
        .find('\n')
        .map_or(file.text.len(), |i| start + i);
    Diagnostic::new(&BODY_INVALID, &file.path, Some(start..end), message)
        .with_label("this row")
        .with_help(help)
}

fn date_problems(valid_from: &str, valid_to: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut dates = Vec::new();
    for (column, value) in [("valid_from", valid_from), ("valid_to", valid_to)] {
        if value.is_empty() {
            continue;
        }
        match value.parse::<jiff::civil::Date>() {
            Ok(date) => dates.push(date),
            Err(_) => problems.push(format!("{column} \"{value}\" is not a date such as 2023-01-01")),
        }
    }
    if let [from, to] = dates[..]
        && from > to
    {
        problems.push(format!("valid_from {from} is after valid_to {to}"));
    }
    problems
}

fn is_web_address(text: &str) -> bool {
    matches!(url::Url::parse(text), Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some())
        && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODIES: &str = "id,country,kind,name,other_names,name_en,valid_from,valid_to,website,source\n\
fi-lapin-hyvinvointialue,FI,wellbeing-services-county,Lapin hyvinvointialue,sv:Lapplands välfärdsområde,Wellbeing services county of Lapland,2023-01-01,,https://lapha.fi/,FI-geofi\n\
ax-kst,AX,joint-authority,Kommunernas socialtjänst,,Municipal social services of Åland,2021-01-01,,,AX-kst\n";

    fn bodies() -> Bodies {
        let (bodies, diagnostics) = Bodies::parse(&SourceFile::new("b.csv", BODIES), None);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        bodies
    }

    #[test]
    fn resolves_ids_and_every_name_form() {
        let bodies = bodies();
        for entry in [
            "fi-lapin-hyvinvointialue",
            "Lapin hyvinvointialue",
            "lapplands  välfärdsområde",
            "Wellbeing services county of Lapland",
        ] {
            assert!(
                matches!(bodies.resolve("FI", entry), BodyResolution::Found(b) if b.id == "fi-lapin-hyvinvointialue"),
                "{entry}"
            );
        }
        // Åland's bodies may be named in a Finnish case, not the reverse.
        assert!(matches!(bodies.resolve("FI", "ax-kst"), BodyResolution::Found(_)));
        assert!(matches!(
            bodies.resolve("AX", "fi-lapin-hyvinvointialue"),
            BodyResolution::OtherCountry(_)
        ));
        assert!(matches!(
            bodies.resolve("FI", "fi-lapin-hyvinvointalue"),
            BodyResolution::Unknown { suggestion: Some(b) } if b.id == "fi-lapin-hyvinvointialue"
        ));
    }

    /// A name saved decomposed (NFD, `a` + U+0308) is the composed name.
    #[test]
    fn decomposed_names_are_found() {
        let bodies = bodies();
        let decomposed = "Lapplands va\u{0308}lfa\u{0308}rdsomra\u{030a}de";
        assert!(matches!(
            bodies.resolve("FI", decomposed),
            BodyResolution::Found(b) if b.id == "fi-lapin-hyvinvointialue"
        ));
    }

    #[test]
    fn memberships_count_only_when_they_overlap_the_period() {
        let membership = |from: &str, to: &str| Membership {
            body: "b".into(),
            code: "1".into(),
            valid_from: from.into(),
            valid_to: to.into(),
            source: "s".into(),
            row: 0,
        };
        let date = |text: &str| text.parse::<jiff::civil::Date>().unwrap();
        assert!(membership("", "").overlaps(date("2020-01-01"), None));
        assert!(membership("2023-01-01", "").overlaps(date("2020-01-01"), None));
        assert!(!membership("2023-01-01", "").overlaps(date("2020-01-01"), Some(date("2022-12-31"))));
        assert!(!membership("", "2019-12-31").overlaps(date("2020-01-01"), None));
        assert!(membership("", "2020-01-01").overlaps(date("2020-01-01"), Some(date("2021-01-01"))));
    }
}
