//! Building the model: a [`Case`] from a front matter the rules found no
//! error in, with its municipalities and bodies resolved against the
//! register. It lives in the validate stage because it reads the rules'
//! [`CaseContext`]; the model itself knows nothing of validation.

use crate::bodies::{Body, BodyResolution};
use crate::model::{BodyFile, BodyRef, Case, Contact, MunicipalityRef, Source, Translation};
use crate::register::{Register, Resolution};
use crate::schema::PartialDate;

use super::CaseContext;

impl Case {
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
            translations: root
                .translations()
                .into_iter()
                .filter_map(|(language, _, table)| {
                    let table = table?;
                    let text = |key: &str| table.text(key).map(|(value, _)| value.to_string());
                    Some((
                        language.to_string(),
                        Translation {
                            title: text("title"),
                            summary: text("summary"),
                        },
                    ))
                })
                .collect(),
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
            evidence: texts("evidence"),
            reviewed,
            sources,
            contact,
            body: context.body().to_string(),
            body_line: context.source.line(context.file.parts.body.start),
            body_file: context.file.read_from.clone().map(|path| BodyFile {
                path,
                range: context.file.parts.body.clone(),
            }),
            released_body: None,
        })
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
