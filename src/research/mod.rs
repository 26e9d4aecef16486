//! The research mapping beside the good examples: the scoping review's
//! studies and reports, read from the BibTeX files of `research/`.
//!
//! Researchers keep their records in a reference manager (Zotero, EndNote,
//! JabRef, Covidence) and export BibTeX, so that is the format here; the
//! review's own fields sit in each entry as extra fields (`themes`,
//! `countries`, `kind`, and optionally `design`, `population`, `outcomes`,
//! `summary`), which BibTeX tools keep and bibliography styles ignore. One
//! file, not a sidecar, keeps a record and its coding together when an
//! entry is copied, renamed or removed. [`read`] checks every entry
//! ([`bibtex`] parses them one by one) and returns the valid ones as
//! [`Study`]s; [`cite()`] renders citations with `hayagriva`.

pub mod bibtex;
pub mod cite;

use std::collections::BTreeMap;
use std::ops::Range;

use biblatex::ChunksExt;

use crate::config::{Config, Vocabulary};
use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;
use crate::suggest;

pub use cite::{Citation, CitationStyle, Formatted, cite, cite_all, parse_csl};

/// The folder of the BibTeX files, inside the catalogue folder.
pub const FOLDER: &str = "research";

/// The kinds of record the review tells apart, as written in `kind`.
pub const KINDS: [&str; 4] = ["peer-reviewed", "report", "thesis", "grey-literature"];

/// One study or report of the research mapping, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Study {
    /// The citation key: the study's identity in addresses and in a case's
    /// `evidence`.
    pub key: String,
    /// The BibTeX entry type in lowercase, as written (`article`,
    /// `report`, `techreport`, `phdthesis`, `online`, ...).
    pub entry_type: String,
    pub title: String,
    /// The authors as displayed ("Jan Hjelte"); an organisation written in
    /// braces (`{Nordregio}`) is one author.
    pub authors: Vec<String>,
    pub year: i32,
    /// The journal (`journal` or `journaltitle`).
    pub journal: Option<String>,
    /// The book or collection a chapter is in (`booktitle`).
    pub container: Option<String>,
    pub volume: Option<String>,
    pub number: Option<String>,
    pub pages: Option<String>,
    pub publisher: Option<String>,
    /// The institution of a report or the school of a thesis.
    pub institution: Option<String>,
    /// The DOI without its `https://doi.org/` prefix (`10.3384/...`).
    pub doi: Option<String>,
    pub url: Option<String>,
    /// Category terms of catalogue.toml (`internal`, `external`, `ai`).
    pub themes: Vec<String>,
    /// Country terms of catalogue.toml.
    pub countries: Vec<String>,
    /// One of [`KINDS`].
    pub kind: String,
    pub design: Option<String>,
    pub population: Option<String>,
    pub outcomes: Option<String>,
    /// A short plain-language summary in English.
    pub summary: Option<String>,
    /// The language of the title as a BCP 47 tag (`sv`), from `langid`
    /// (or `language`), when it names a language the site knows.
    pub language: Option<String>,
    /// The displayed path of its file.
    pub path: String,
    /// The 1-based line of its `@`.
    pub line: usize,
    /// The entry exactly as written in the file, for the BibTeX download
    /// and for rendering citations.
    pub bibtex: String,
    /// The authors as a citation names them, for a citation made from the
    /// study's own fields ([`cite::fallback`]).
    #[serde(skip)]
    pub author_names: Vec<AuthorName>,
    /// Where the citation key is in the file, for a warning about the entry.
    #[serde(skip)]
    pub key_span: Range<usize>,
}

/// An author's name in its parts: an organisation written in braces
/// (`{Nordregio}`) has only a family name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorName {
    /// The family name with its prefix ("van Dijk").
    pub family: String,
    pub given: String,
    /// "Jr.", "III".
    pub suffix: String,
}

impl AuthorName {
    fn of(person: &biblatex::Person) -> AuthorName {
        let family = [person.prefix.trim(), person.name.trim()]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        AuthorName {
            family,
            given: person.given_name.trim().to_string(),
            suffix: person.suffix.trim().to_string(),
        }
    }

    /// "Nordström, A.", "Ballegaard, S. A.", "Lévi-Strauss, C.-A., Jr.",
    /// "Nordregio": the name as an APA reference list writes it.
    pub fn inverted(&self) -> String {
        let initials: Vec<String> = self
            .given
            .split_whitespace()
            .map(|word| {
                word.split('-')
                    .filter_map(|part| part.chars().find(|c| c.is_alphabetic()))
                    .map(|initial| format!("{initial}."))
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .filter(|initials| !initials.is_empty())
            .collect();
        let mut name = self.family.clone();
        if !initials.is_empty() {
            name.push_str(", ");
            name.push_str(&initials.join(" "));
        }
        if !self.suffix.is_empty() {
            name.push_str(", ");
            name.push_str(&self.suffix);
        }
        name
    }
}

impl Study {
    /// The DOI as a link.
    pub fn doi_url(&self) -> Option<String> {
        self.doi.as_ref().map(|doi| format!("https://doi.org/{doi}"))
    }

    /// The address to link the study to: its DOI, else its url.
    pub fn link(&self) -> Option<String> {
        self.doi_url().or_else(|| self.url.clone())
    }
}

pub const INVALID_BIBTEX: Code = Code {
    code: "E0701",
    name: "invalid-bibtex",
    severity: Severity::Error,
    summary: "an entry of a research/*.bib file is not BibTeX",
    explanation: "\
The files `research/*.bib` hold the research mapping's studies as BibTeX, \
as Zotero, EndNote, JabRef or Covidence export it. Each entry starts with \
`@type{key,` at the start of a line, has fields `name = {value}` separated \
by commas, and ends with `}`. The entries are read one by one: an entry that \
cannot be read is reported here and left out, and the others are still read.

Example of the mistake (the title's brace is never closed):

    @article{hjelte-2023,
      title = {Kunskap och expertis i små glesbygdskommuners socialtjänst,
      year = {2023},
    }

Fix:

    @article{hjelte-2023,
      title = {Kunskap och expertis i små glesbygdskommuners socialtjänst},
      year = {2023},
    }",
};

pub const MISSING_BIBLIOGRAPHY_FIELD: Code = Code {
    code: "E0702",
    name: "missing-bibliography-field",
    severity: Severity::Error,
    summary: "a study lacks a field its entry type or the review needs",
    explanation: "\
A citation needs the fields of its kind of publication, and the research \
mapping needs the review's coding of every study:

- `@article`: `author`, `title`, `journal` (or `journaltitle`), `year` (or `date`);
- `@report` / `@techreport`: `title`, `institution`, `year` (the author may \
be the institution);
- `@thesis` / `@phdthesis` / `@mastersthesis`: `author`, `title`, `school` \
(or `institution`), `year`;
- `@book`: `author` (or `editor`), `title`, `publisher`, `year`;
- `@incollection` / `@inbook` / `@inproceedings`: `author`, `title`, `booktitle`, `year`;
- any other type (`@online`, `@misc`, ...): `title`, `url`, `year`;
- every entry: `themes` (category terms of catalogue.toml), `countries` \
(country terms) and `kind` (`peer-reviewed`, `report`, `thesis` or \
`grey-literature`).

Example:

    @report{nordregio-2021-4,
      author = {{Nordregio}},
      title = {Public service delivery in the Nordics},
      institution = {Nordregio},
      year = {2021},
      themes = {external},
      countries = {SE, NO},
      kind = {report},
    }",
};

pub const UNKNOWN_RESEARCH_TERM: Code = Code {
    code: "E0703",
    name: "unknown-research-term",
    severity: Severity::Error,
    summary: "a study's theme, country or kind is not a known term",
    explanation: "\
The review codes each study with the catalogue's own vocabularies, so that \
studies and good examples can be counted side by side: `themes` are the \
category terms of catalogue.toml (`[[categories]]`, e.g. `internal`, \
`external`, `ai`), `countries` are its country terms (`SE`, `NO`, ...), \
separated by commas; `kind` is one of `peer-reviewed`, `report`, `thesis` \
and `grey-literature`.

Example of the mistake and the fix:

    themes = {Internal digitalisation}   →  themes = {internal}
    countries = {Sweden, Norway}         →  countries = {SE, NO}
    kind = {peer reviewed}               →  kind = {peer-reviewed}",
};

pub const INVALID_IDENTIFIER: Code = Code {
    code: "E0704",
    name: "invalid-doi-or-url",
    severity: Severity::Error,
    summary: "a study's DOI or url is malformed",
    explanation: "\
A study links to its DOI or its address, so both must work:

- `doi` is `10.<digits>/<suffix>`, e.g. `doi = {10.3384/SVT.2023.30.1.4116}`. \
A DOI written as a link (`https://doi.org/10...`, `http://dx.doi.org/10...`) \
or with `doi:` in front is accepted and the prefix dropped, since exporters \
write it either way;
- `url` is a complete `https://` (or `http://`) address, by the same rule as \
a case's sources (see `catalogue explain E0501`).

Example of the mistake and the fix:

    doi = {3384/svt.2023.30.1.4116}   →  doi = {10.3384/svt.2023.30.1.4116}
    url = {www.nordregio.org/...}      →  url = {https://www.nordregio.org/...}",
};

pub const DUPLICATE_STUDY: Code = Code {
    code: "E0705",
    name: "duplicate-study",
    severity: Severity::Error,
    summary: "the same study is in the research files twice",
    explanation: "\
Each study is in the research mapping once: two entries with the same \
citation key, the same DOI (compared without regard to case) or the same \
title (compared without case, punctuation and spaces) are reported at the \
second one, which is left out. Merge the two entries: keep one key, and \
change the `evidence` of the cases that name the other.

Example: the same article exported twice, once as `hjelte2023` and once as \
`hjelte-2023`, both with `doi = {10.3384/SVT.2023.30.1.4116}`.",
};

pub const STUDY_KEY_NOT_A_SLUG: Code = Code {
    code: "E0707",
    name: "study-key-not-a-slug",
    severity: Severity::Error,
    summary: "a study's citation key cannot be its address",
    explanation: "\
Each study has a page at `research/<key>/` and is found in search as \
`research/<key>`, so its citation key follows the rule of a case's slug: \
lowercase ASCII letters and digits in words joined by single hyphens, at \
most 80 characters. Keys with capitals, colons or underscores, as some \
reference managers make them, would give addresses that differ only in case \
or that a browser reads as a link to another site.

Rename the key, and the cases' `evidence` that name it.

Example of the mistake and the fix:

    @article{Hjelte2023:kunskap,   →  @article{hjelte-2023,",
};

pub const CITATION_FALLBACK: Code = Code {
    code: "W0708",
    name: "citation-fallback",
    severity: Severity::Warning,
    summary: "a study's citation is made from its fields, as the citation style cannot render it",
    explanation: "\
The references of the research mapping are rendered by hayagriva in the \
citation style of `[research] style` (APA 7 by default) from the entry's \
BibTeX. Some entries pass `check` but hayagriva cannot read them (an entry \
using an `@string` abbreviation defined elsewhere in the file: `check` \
resolves it, hayagriva reads each entry alone), or the style renders nothing \
for them. Such a study is still listed, with a reference made from its own \
fields in the form of APA 7 (\"Authors (year). Title. Journal or publisher. \
DOI or url.\"), which may miss what the style would have printed; this \
warning says which entries, and why.

Example of the mistake:

    @string{svt = {Socialvetenskaplig tidskrift}}
    @article{hjelte-2023,
      journal = svt,
      ...

Fix: correct what the message names, here by writing the abbreviation out \
(`journal = {Socialvetenskaplig tidskrift}`), or choose another style.",
};

/// The codes of this module's diagnostics, for the code table.
pub fn codes() -> [&'static Code; 7] {
    [
        &CITATION_FALLBACK,
        &INVALID_BIBTEX,
        &MISSING_BIBLIOGRAPHY_FIELD,
        &UNKNOWN_RESEARCH_TERM,
        &INVALID_IDENTIFIER,
        &DUPLICATE_STUDY,
        &STUDY_KEY_NOT_A_SLUG,
    ]
}

/// Read and check every file (in the order given, each a `research/*.bib`
/// file), and return the studies without errors, sorted by key.
pub fn read(files: &[SourceFile], config: &Config) -> (Vec<Study>, Vec<Diagnostic>) {
    let mut reader = Reader {
        config,
        diagnostics: Vec::new(),
        keys: BTreeMap::new(),
        dois: BTreeMap::new(),
        titles: BTreeMap::new(),
    };
    let mut studies = Vec::new();
    for file in files {
        let (entries, errors) = bibtex::parse(&file.text);
        for error in errors {
            reader.diagnostics.push(
                Diagnostic::new(&INVALID_BIBTEX, &file.path, Some(error.span), error.message)
                    .with_label("the entry cannot be read from here")
                    .with_help("close every `{` and `\"`, separate fields with commas and end the entry with `}`; see `catalogue explain E0701`"),
            );
        }
        for entry in &entries {
            if let Some(study) = reader.study(file, entry) {
                studies.push(study);
            }
        }
    }
    studies.sort_by(|a, b| a.key.cmp(&b.key));
    (studies, reader.diagnostics)
}

/// The checks of the entries read so far, and what later entries are
/// compared with.
struct Reader<'c> {
    config: &'c Config,
    diagnostics: Vec<Diagnostic>,
    /// Key, DOI and normalised title → where it was first seen.
    keys: BTreeMap<String, (String, usize)>,
    dois: BTreeMap<String, (String, usize)>,
    titles: BTreeMap<String, (String, usize)>,
}

impl Reader<'_> {
    fn report(
        &mut self,
        code: &'static Code,
        file: &SourceFile,
        span: Range<usize>,
        message: String,
        help: String,
    ) {
        self.diagnostics
            .push(Diagnostic::new(code, &file.path, Some(span), message).with_help(help));
    }

    /// The study of one entry, or `None` (with diagnostics) when it has
    /// an error.
    fn study(&mut self, file: &SourceFile, parsed: &bibtex::ParsedEntry) -> Option<Study> {
        let before = self.diagnostics.len();
        let key = parsed.entry.key.clone();
        let entry_type = parsed.entry_type.clone();
        self.required_fields(file, parsed, &entry_type);
        if !crate::slug::is_valid_slug(&key) {
            self.report(
                &STUDY_KEY_NOT_A_SLUG,
                file,
                parsed.key_span.clone(),
                format!("the citation key `{key}` is not a slug, so it cannot be the study's address"),
                format!(
                    "rename it, e.g. `{}`, and the cases' `evidence` that name it",
                    crate::slug::suggest_slug(&key)
                ),
            );
        }
        let themes = self.terms(file, parsed, "themes", Vocabulary::Categories);
        let countries = self.terms(file, parsed, "countries", Vocabulary::Countries);
        let kind = self.kind(file, parsed);
        let doi = self.doi(file, parsed);
        let url = self.url(file, parsed);
        let year = self.year(parsed);
        let title = parsed.text("title").unwrap_or_default();
        self.duplicates(file, parsed, &key, doi.as_deref(), &title);
        if self.diagnostics.len() > before {
            return None;
        }
        let people = parsed.entry.author().unwrap_or_default();
        let authors = people.iter().map(display_name).collect();
        let author_names = people.iter().map(AuthorName::of).collect();
        Some(Study {
            key,
            entry_type,
            title,
            authors,
            year: year.unwrap_or_default(),
            journal: parsed.text("journaltitle").or_else(|| parsed.text("journal")),
            container: parsed.text("booktitle"),
            volume: parsed.text("volume"),
            number: parsed.text("number").or_else(|| parsed.text("issue")),
            pages: parsed.text("pages"),
            publisher: parsed.text("publisher"),
            institution: parsed
                .text("institution")
                .or_else(|| parsed.text("school"))
                .or_else(|| parsed.text("organization")),
            doi,
            url,
            themes,
            countries,
            kind: kind.unwrap_or_default(),
            design: parsed.text("design"),
            population: parsed.text("population"),
            outcomes: parsed.text("outcomes"),
            summary: parsed.text("summary"),
            language: parsed
                .text("langid")
                .or_else(|| parsed.text("language"))
                .and_then(|name| language_tag(&name)),
            path: file.path.clone(),
            line: file.line(parsed.span.start),
            bibtex: file.text[parsed.span.clone()].trim_end().to_string(),
            author_names,
            key_span: parsed.key_span.clone(),
        })
    }

    /// E0702 for each field the entry type and the review need.
    fn required_fields(&mut self, file: &SourceFile, parsed: &bibtex::ParsedEntry, entry_type: &str) {
        let has = |field: &str| parsed.text(field).is_some();
        let year = has("year") || has("date");
        let needs: Vec<(&str, bool)> = match entry_type {
            "article" => vec![
                ("author", has("author")),
                ("title", has("title")),
                ("journal", has("journal") || has("journaltitle")),
                ("year", year),
            ],
            "report" | "techreport" => vec![
                ("title", has("title")),
                ("institution", has("institution")),
                ("year", year),
            ],
            "thesis" | "phdthesis" | "mastersthesis" => vec![
                ("author", has("author")),
                ("title", has("title")),
                ("school", has("school") || has("institution")),
                ("year", year),
            ],
            "book" => vec![
                ("author", has("author") || has("editor")),
                ("title", has("title")),
                ("publisher", has("publisher")),
                ("year", year),
            ],
            "incollection" | "inbook" | "inproceedings" => vec![
                ("author", has("author")),
                ("title", has("title")),
                ("booktitle", has("booktitle")),
                ("year", year),
            ],
            _ => vec![("title", has("title")), ("url", has("url")), ("year", year)],
        };
        let review = [
            ("themes", has("themes")),
            ("countries", has("countries")),
            ("kind", has("kind")),
        ];
        let missing: Vec<&str> = needs
            .into_iter()
            .chain(review)
            .filter(|(_, present)| !present)
            .map(|(field, _)| field)
            .collect();
        for field in missing {
            let help = match field {
                "themes" => "add `themes = {...}` with category terms of catalogue.toml, e.g. `themes = {internal, ai}`".to_string(),
                "countries" => "add `countries = {...}` with country terms of catalogue.toml, e.g. `countries = {SE, NO}`".to_string(),
                "kind" => format!("add `kind = {{...}}`, one of {}", suggest::quoted_list(KINDS)),
                _ => format!("add `{field} = {{...}}`; see `catalogue explain E0702` for the fields of each entry type"),
            };
            self.report(
                &MISSING_BIBLIOGRAPHY_FIELD,
                file,
                parsed.key_span.clone(),
                format!("@{entry_type} entry `{}` has no `{field}`", parsed.entry.key),
                help,
            );
        }
    }

    /// The terms of a comma-separated field, checked against `vocabulary`.
    fn terms(
        &mut self,
        file: &SourceFile,
        parsed: &bibtex::ParsedEntry,
        field: &str,
        vocabulary: Vocabulary,
    ) -> Vec<String> {
        let Some(text) = parsed.text(field) else {
            return Vec::new();
        };
        let known: Vec<&str> = self
            .config
            .terms(vocabulary)
            .iter()
            .map(|term| term.id())
            .collect();
        let mut terms: Vec<String> = Vec::new();
        for term in text
            .split([',', ';'])
            .map(str::trim)
            .filter(|term| !term.is_empty())
        {
            if known.contains(&term) {
                if !terms.iter().any(|seen| seen == term) {
                    terms.push(term.to_string());
                }
                continue;
            }
            let help = match suggest::nearest(term, known.iter().copied()) {
                Some(near) => format!(
                    "did you mean \"{near}\"? The terms are {}",
                    suggest::quoted_list(known.iter().copied())
                ),
                None => format!(
                    "use terms of catalogue.toml: {}",
                    suggest::quoted_list(known.iter().copied())
                ),
            };
            let what = if vocabulary == Vocabulary::Categories {
                "theme"
            } else {
                "country"
            };
            self.report(
                &UNKNOWN_RESEARCH_TERM,
                file,
                parsed.span_of(field),
                format!("unknown {what} \"{term}\" in `{}`", parsed.entry.key),
                help,
            );
        }
        terms
    }

    fn kind(&mut self, file: &SourceFile, parsed: &bibtex::ParsedEntry) -> Option<String> {
        let kind = parsed.text("kind")?;
        if KINDS.contains(&kind.as_str()) {
            return Some(kind);
        }
        let help = match suggest::nearest(&kind, KINDS) {
            Some(near) => format!(
                "did you mean \"{near}\"? The kinds are {}",
                suggest::quoted_list(KINDS)
            ),
            None => format!("use one of {}", suggest::quoted_list(KINDS)),
        };
        self.report(
            &UNKNOWN_RESEARCH_TERM,
            file,
            parsed.span_of("kind"),
            format!("unknown kind \"{kind}\" in `{}`", parsed.entry.key),
            help,
        );
        None
    }

    fn doi(&mut self, file: &SourceFile, parsed: &bibtex::ParsedEntry) -> Option<String> {
        let written = parsed.text("doi")?;
        match normalise_doi(&written) {
            Some(doi) => Some(doi),
            None => {
                self.report(
                    &INVALID_IDENTIFIER,
                    file,
                    parsed.span_of("doi"),
                    format!("\"{written}\" is not a DOI"),
                    "write the DOI as 10.<digits>/<suffix>, e.g. 10.3384/SVT.2023.30.1.4116".to_string(),
                );
                None
            }
        }
    }

    fn url(&mut self, file: &SourceFile, parsed: &bibtex::ParsedEntry) -> Option<String> {
        // The raw value: TeX formatting would eat a url's `~` or `%`.
        let written = parsed.entry.get("url").map(|chunks| chunks.format_verbatim())?;
        let written = written.trim().to_string();
        if written.is_empty() {
            return None;
        }
        match crate::validate::url::problem(&written) {
            None => Some(written),
            Some(problem) => {
                self.report(
                    &INVALID_IDENTIFIER,
                    file,
                    parsed.span_of("url"),
                    format!("url \"{written}\" {problem}"),
                    "write a complete address starting with https:// (see `catalogue explain E0501`)"
                        .to_string(),
                );
                None
            }
        }
    }

    /// The year of `year`, else of `date` (`2023`, `2023-05-04`).
    fn year(&mut self, parsed: &bibtex::ParsedEntry) -> Option<i32> {
        let text = parsed.text("year").or_else(|| parsed.text("date"))?;
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    }

    /// E0705 when the key, the DOI or the title was seen before.
    fn duplicates(
        &mut self,
        file: &SourceFile,
        parsed: &bibtex::ParsedEntry,
        key: &str,
        doi: Option<&str>,
        title: &str,
    ) {
        let here = (file.path.clone(), file.line(parsed.span.start));
        let checks = [
            ("citation key", Some(key.to_string()), parsed.key_span.clone(), 0),
            ("DOI", doi.map(str::to_lowercase), parsed.span_of("doi"), 1),
            (
                "title",
                Some(normalise_title(title)).filter(|t| !t.is_empty()),
                parsed.span_of("title"),
                2,
            ),
        ];
        for (what, value, span, table) in checks {
            let Some(value) = value else {
                continue;
            };
            let seen = match table {
                0 => &mut self.keys,
                1 => &mut self.dois,
                _ => &mut self.titles,
            };
            if let Some((path, line)) = seen.get(&value).cloned() {
                self.report(
                    &DUPLICATE_STUDY,
                    file,
                    span,
                    format!("`{key}` has the same {what} as the entry on line {line} of {path}"),
                    "keep one of the two entries, and name its key in the cases' `evidence`".to_string(),
                );
            } else {
                seen.insert(value, here.clone());
            }
        }
    }
}

/// The DOI without a link or `doi:` prefix, if it is one.
pub fn normalise_doi(text: &str) -> Option<String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let prefixes = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ];
    let doi = prefixes
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map_or(text, |prefix| text[prefix.len()..].trim_start());
    let (registrant, suffix) = doi.strip_prefix("10.")?.split_once('/')?;
    let registrant_ok = !registrant.is_empty()
        && registrant
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    let suffix_ok = !suffix.is_empty() && !suffix.chars().any(|c| c.is_whitespace() || c.is_control());
    (registrant_ok && suffix_ok).then(|| doi.to_string())
}

/// The title compared for duplicates: lowercase letters and digits, single
/// spaces.
fn normalise_title(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The BCP 47 tag of a `langid` as babel and biblatex name languages
/// (`swedish`, `norsk`, `nynorsk`, ...), or a tag written as such.
fn language_tag(name: &str) -> Option<String> {
    let name = name.trim().to_ascii_lowercase();
    let tag = match name.as_str() {
        "english" | "american" | "british" | "en" => "en",
        "swedish" | "sv" => "sv",
        "norsk" | "norwegian" | "bokmal" | "nb" | "no" => "nb",
        "nynorsk" | "nn" => "nn",
        "danish" | "da" => "da",
        "finnish" | "fi" => "fi",
        "icelandic" | "is" => "is",
        "greenlandic" | "kl" => "kl",
        "faroese" | "fo" => "fo",
        _ => return None,
    };
    Some(tag.to_string())
}

/// "Jan Hjelte"; "Nordregio" for `{Nordregio}`.
fn display_name(person: &biblatex::Person) -> String {
    [
        person.given_name.as_str(),
        person.prefix.as_str(),
        person.name.as_str(),
        person.suffix.as_str(),
    ]
    .iter()
    .map(|part| part.trim())
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// The citations of every study in `style`, and a warning (W0708) for
/// each study the style could not cite, whose citation was made from its
/// fields.
pub fn cite_checked(studies: &[Study], style: &CitationStyle) -> (Vec<Citation>, Vec<Diagnostic>) {
    let citations = cite_all(studies, style);
    let warnings = studies
        .iter()
        .zip(&citations)
        .filter_map(|(study, citation)| {
            let why = citation.fallback.as_ref()?;
            Some(
                Diagnostic::new(
                    &CITATION_FALLBACK,
                    &study.path,
                    Some(study.key_span.clone()),
                    format!("the citation style cannot cite `{}`: {why}", study.key),
                )
                .with_label("cited from its fields instead")
                .with_help(
                    "correct what the message names (write an @string abbreviation out in full); see `catalogue explain W0708`",
                ),
            )
        })
        .collect();
    (citations, warnings)
}

/// What a case's `evidence` is checked against: the keys of the studies
/// read, sorted.
pub fn keys(studies: &[Study]) -> Vec<String> {
    studies.iter().map(|study| study.key.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_are_accepted_with_or_without_their_link() {
        assert_eq!(
            normalise_doi("https://doi.org/10.3384/SVT.2023.30.1.4116").as_deref(),
            Some("10.3384/SVT.2023.30.1.4116")
        );
        assert_eq!(normalise_doi("doi:10.1000/x").as_deref(), Some("10.1000/x"));
        assert_eq!(normalise_doi("10.1000.5/x").as_deref(), Some("10.1000.5/x"));
        assert_eq!(normalise_doi("3384/svt"), None);
        assert_eq!(normalise_doi("10.abc/x"), None);
        assert_eq!(normalise_doi("10.1000/"), None);
        assert_eq!(normalise_doi("10.1000/a b"), None);
    }

    #[test]
    fn titles_compare_without_case_and_punctuation() {
        assert_eq!(
            normalise_title("Public service delivery: in the Nordics!"),
            normalise_title("public  service delivery in the NORDICS")
        );
    }
}
