//! The validated catalogue: the types every later stage (search, render,
//! appendix) works with. A [`Case`] exists only for a file without errors,
//! so its fields are plain values, not options to re-check.

use crate::bodies::{Body, BodyResolution};
use crate::config::Config;
use crate::register::{Municipality, Register, Resolution};
use crate::schema::PartialDate;
use crate::validate::CaseContext;

/// A municipality a case names, resolved against the register.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct MunicipalityRef {
    /// The register's country (FI for Åland's municipalities).
    pub country: String,
    /// The register's territory (AX for Åland's): the country part of the
    /// municipality's page address.
    pub territory: String,
    pub code: String,
    pub name: String,
}

/// A co-operation body a case names, with the members it covers during the
/// case's period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BodyRef {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Its territory (AX for Åland's bodies).
    pub country: String,
    /// Members whose membership overlaps the case's period, in register
    /// order; shown as "covered through" the body, never as taking part.
    pub members: Vec<MunicipalityRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub organisation: String,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// One good example, validated.
#[derive(Debug, Clone)]
pub struct Case {
    /// The country folder and `country` field (they agree).
    pub country: String,
    pub slug: String,
    /// The displayed path of its file.
    pub path: String,
    pub title: String,
    pub title_local: Option<String>,
    pub summary: String,
    /// The municipalities the sources name as taking part.
    pub municipalities: Vec<MunicipalityRef>,
    /// The co-operation bodies the service runs through.
    pub bodies: Vec<BodyRef>,
    pub categories: Vec<String>,
    pub service_areas: Vec<String>,
    pub cooperation: String,
    pub status: String,
    pub started: PartialDate,
    pub ended: Option<PartialDate>,
    pub language: String,
    pub organisations: Vec<String>,
    pub evaluation: Option<String>,
    pub tags: Vec<String>,
    pub reviewed: jiff::civil::Date,
    pub sources: Vec<Source>,
    pub contact: Option<Contact>,
    /// The Markdown body, untrusted.
    pub body: String,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
}

impl Case {
    /// `se/digital-colleague`: the case's identity in URLs, search results
    /// and data files.
    pub fn id(&self) -> String {
        format!("{}/{}", self.country.to_lowercase(), self.slug)
    }

    /// Build the case from a front matter the rules found no error in.
    /// Returns `None` if a required value is absent after all, which only a
    /// rule bug could cause.
    pub(crate) fn from_context(context: &CaseContext<'_>) -> Option<Case> {
        let root = &context.front_matter.root;
        let text = |key: &str| root.text(key).map(|(value, _)| value.to_string());
        let texts = |key: &str| {
            root.texts(key)
                .into_iter()
                .map(|(value, _)| value.to_string())
                .collect::<Vec<_>>()
        };
        let municipalities = context
            .municipalities()
            .iter()
            .map(|(_, _, resolution)| match resolution {
                Resolution::Found(m) => Some(MunicipalityRef::of(m)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let (from, to) = context.period()?;
        let bodies = context
            .bodies()
            .iter()
            .map(|(_, _, resolution)| match resolution {
                BodyResolution::Found(body) => Some(body_ref(context.register, body, from, to)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let sources = root
            .tables("sources")
            .into_iter()
            .map(|(source, _)| {
                Some(Source {
                    title: source.text("title")?.0.to_string(),
                    url: source.text("url")?.0.to_string(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let contact = match root.table("contact") {
            Some((contact, _)) => Some(Contact {
                organisation: contact.text("organisation")?.0.to_string(),
                email: contact.text("email").map(|(value, _)| value.to_string()),
                url: contact.text("url").map(|(value, _)| value.to_string()),
            }),
            None => None,
        };
        let reviewed = match root.date("reviewed")?.0 {
            PartialDate::Day(day) => day,
            PartialDate::Year(_) => return None,
        };
        Some(Case {
            country: context.file.folder.clone(),
            slug: context.file.slug.clone(),
            path: context.file.path.clone(),
            title: text("title")?,
            title_local: text("title_local"),
            summary: text("summary")?,
            municipalities,
            bodies,
            categories: texts("categories"),
            service_areas: texts("service_areas"),
            cooperation: text("cooperation")?,
            status: text("status")?,
            started: root.date("started")?.0,
            ended: root.date("ended").map(|(date, _)| date),
            language: text("language")?,
            organisations: texts("organisations"),
            evaluation: text("evaluation"),
            tags: texts("tags"),
            reviewed,
            sources,
            contact,
            body: context.body().to_string(),
            body_line: context.source.line_col(context.file.parts.body.start).line,
        })
    }
}

impl MunicipalityRef {
    pub fn of(municipality: &Municipality) -> MunicipalityRef {
        MunicipalityRef {
            country: municipality.country.clone(),
            territory: municipality.territory.clone(),
            code: municipality.code.clone(),
            name: municipality.display_name(),
        }
    }
}

/// The body with the members whose membership overlaps `from..=to`.
fn body_ref(
    register: &Register,
    body: &Body,
    from: jiff::civil::Date,
    to: Option<jiff::civil::Date>,
) -> BodyRef {
    let mut members: Vec<MunicipalityRef> = register
        .bodies()
        .members(&body.id)
        .iter()
        .filter(|membership| membership.overlaps(from, to))
        .filter_map(|membership| register.by_code(&body.country, &membership.code))
        .map(MunicipalityRef::of)
        .collect();
    members.dedup();
    BodyRef {
        id: body.id.clone(),
        name: body.name.clone(),
        kind: body.kind.clone(),
        country: body.country.clone(),
        members,
    }
}

/// The whole validated catalogue, cases sorted by country and slug.
#[derive(Debug)]
pub struct Catalogue {
    pub config: Config,
    pub register: Register,
    pub thesaurus: crate::search::Thesaurus,
    /// The map's country outlines (a plain frame when the file is absent).
    pub outlines: crate::map::Outlines,
    pub cases: Vec<Case>,
    /// Cases taken out of the catalogue, whose addresses say so.
    pub withdrawn: Vec<crate::withdrawn::Withdrawn>,
}
