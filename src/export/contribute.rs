//! The files of the "Propose a case" form that are the same in every
//! language: the register it finds municipalities and bodies in, by every
//! name form, and the empty case file for readers without JavaScript.

use serde::Serialize;

use crate::case_file;
use crate::model::Catalogue;
use crate::output::Page;
use crate::render::urls;

/// A municipality as the picker shows and finds it.
#[derive(Serialize)]
struct PickerMunicipality<'a> {
    country: &'a str,
    territory: &'a str,
    code: &'a str,
    name: &'a str,
    region: &'a str,
    /// What the case file says: the name, or the code where it is shared.
    entry: String,
    /// Every other name it may be found by (Swedish, Sámi, Kven, the
    /// official long form).
    names: Vec<&'a str>,
    /// The last day it existed, for a municipality merged away.
    ended: &'a str,
}

#[derive(Serialize)]
struct PickerBody<'a> {
    country: &'a str,
    id: &'a str,
    name: &'a str,
    names: Vec<String>,
    ended: &'a str,
}

#[derive(Serialize)]
struct PickerRegister<'a> {
    municipalities: Vec<PickerMunicipality<'a>>,
    bodies: Vec<PickerBody<'a>>,
}

/// `contribute/register.json`.
pub fn register_json(catalogue: &Catalogue) -> anyhow::Result<Page> {
    let register = &catalogue.register;
    let municipalities = register
        .all()
        .iter()
        .map(|municipality| {
            let mut names: Vec<&str> = municipality
                .names()
                .filter(|name| *name != municipality.name)
                .collect();
            names.sort_unstable();
            names.dedup();
            PickerMunicipality {
                country: &municipality.country,
                territory: &municipality.territory,
                code: &municipality.code,
                name: &municipality.name,
                region: &municipality.region,
                entry: register.entry_for(&municipality.country, municipality),
                names,
                ended: &municipality.valid_to,
            }
        })
        .collect();
    let bodies = register
        .bodies()
        .all()
        .iter()
        .map(|body| {
            let mut names: Vec<String> = std::iter::once(body.name_en.clone())
                .chain(body.name_forms().into_iter().map(|form| form.name))
                .filter(|name| !name.trim().is_empty() && *name != body.name)
                .collect();
            names.sort_unstable();
            names.dedup();
            PickerBody {
                country: &body.country,
                id: &body.id,
                name: &body.name,
                names,
                ended: &body.valid_to,
            }
        })
        .collect();
    Ok(Page {
        path: urls::contribute_register().file(),
        bytes: serde_json::to_vec(&PickerRegister {
            municipalities,
            bodies,
        })?,
    })
}

/// `contribute/case-template.md`: what `catalogue new` writes with no
/// answers, the day left as a placeholder.
pub fn case_template(catalogue: &Catalogue) -> Page {
    let text = case_file::fill(
        &case_file::layout(&catalogue.config),
        &case_file::Answers::default(),
    );
    Page {
        path: urls::case_template().file(),
        bytes: text.into_bytes(),
    }
}
