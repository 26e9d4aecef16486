//! "Propose a case" (`/contribute/`): the form that writes a case file in
//! the browser, made at build time from the vocabularies, the body
//! sections, the length limits of `check` and the layout `catalogue new`
//! fills ([`crate::case_file`]), so a term added to `catalogue.toml`
//! appears in the form with no other change.

use serde::Serialize;

use super::pages::Builder;
use crate::case_file;
use crate::config::{ORIGINAL_LANGUAGE, Term, Vocabulary};

/// One choice of a vocabulary, labelled in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct FormChoice {
    pub id: String,
    pub label: String,
    /// The term's description; `description_lang` is set when it is not in
    /// the page's language (descriptions are English).
    pub description: Option<String>,
    pub description_lang: Option<String>,
}

/// A body section: its label on the page and the heading in the file.
#[derive(Debug, Clone, Serialize)]
pub struct FormSection {
    pub label: String,
    pub heading: String,
}

/// The longest text `check` accepts in each field (characters).
#[derive(Debug, Clone, Serialize)]
pub struct FormLimits {
    pub title: usize,
    pub title_local: usize,
    pub summary: usize,
    pub text: usize,
    pub slug: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContributePage {
    pub countries: Vec<FormChoice>,
    pub categories: Vec<FormChoice>,
    pub service_areas: Vec<FormChoice>,
    pub cooperation: Vec<FormChoice>,
    pub statuses: Vec<FormChoice>,
    pub evaluation: Vec<FormChoice>,
    /// The languages a body may be written in.
    pub languages: Vec<FormChoice>,
    /// The site's languages other than English, for translated titles.
    pub translations: Vec<FormChoice>,
    pub sections: Vec<FormSection>,
    pub limits: FormLimits,
    /// The file's layout and the vocabulary ids, as JSON safe inside a
    /// `<script type="application/json">`.
    pub data: String,
}

/// What the script needs beyond the form's own fields.
#[derive(Serialize)]
struct ScriptData<'a> {
    pieces: &'a [case_file::Piece],
    /// The catalogue folder's case files, relative to the repository's
    /// catalogue folder: `cases/<country>/<slug>.md`.
    cases_folder: &'static str,
}

/// JSON that cannot end its `<script>` element or open a comment.
fn script_json<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string(value)?
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026"))
}

impl Builder<'_> {
    fn choices(&self, vocabulary: Vocabulary) -> Vec<FormChoice> {
        self.config
            .terms(vocabulary)
            .iter()
            .map(|term| self.choice(term))
            .collect()
    }

    fn choice(&self, term: &Term) -> FormChoice {
        let description = term
            .description
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_string);
        let description_lang = (description.is_some() && self.language != ORIGINAL_LANGUAGE)
            .then(|| ORIGINAL_LANGUAGE.to_string());
        FormChoice {
            id: term.id().to_string(),
            label: term.label(&self.language).to_string(),
            description,
            description_lang,
        }
    }

    pub(super) fn contribute_page(&self, site_languages: &[String]) -> anyhow::Result<ContributePage> {
        let pieces = case_file::layout(self.config);
        let data = script_json(&ScriptData {
            pieces: &pieces,
            cases_folder: "cases",
        })?;
        Ok(ContributePage {
            countries: self.choices(Vocabulary::Countries),
            categories: self.choices(Vocabulary::Categories),
            service_areas: self.choices(Vocabulary::ServiceAreas),
            cooperation: self.choices(Vocabulary::Cooperation),
            statuses: self.choices(Vocabulary::Statuses),
            evaluation: self.choices(Vocabulary::Evaluation),
            languages: self.choices(Vocabulary::Languages),
            translations: site_languages
                .iter()
                .filter(|language| language.as_str() != ORIGINAL_LANGUAGE)
                .filter_map(|language| self.config.term(Vocabulary::Languages, language))
                .map(|term| self.choice(term))
                .collect(),
            sections: self
                .config
                .sections
                .iter()
                .map(|section| FormSection {
                    label: section.label(&self.language).to_string(),
                    heading: section.label(ORIGINAL_LANGUAGE).to_string(),
                })
                .collect(),
            limits: FormLimits {
                title: crate::validate::text_limit("title"),
                title_local: crate::validate::text_limit("title_local"),
                summary: crate::validate::text_limit("summary"),
                text: crate::validate::text_limit("organisations"),
                slug: crate::slug::MAX_SLUG_CHARS,
            },
            data,
        })
    }
}
