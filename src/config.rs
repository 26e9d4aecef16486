//! `catalogue.toml`: the site settings and every vocabulary a case file may
//! choose from, with labels in the Nordic languages.
//!
//! Vocabularies are data so that the catalogue's editors can add a term
//! without a code change. Loading reports problems as diagnostics pointing
//! into `catalogue.toml` (syntax, unknown keys, a term without a required
//! label, a term defined twice), like any content error.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

pub const CONFIG_INVALID: Code = Code {
    code: "E0001",
    name: "invalid-configuration",
    severity: Severity::Error,
    summary: "catalogue.toml is not valid TOML or has a key the catalogue does not know",
    explanation: "\
`examples-catalogue/catalogue.toml` holds the site settings and the vocabularies. \
It must be valid TOML and may only contain the sections and keys the catalogue \
knows: `[site]` (title, description, base_url, language, languages, \
label_languages and the optional publisher, publisher_url, project_url, \
contact_email, contact_url, repository_url, accessibility_statement_date and \
accessibility_compliance shown on the About, accessibility and privacy pages, and \
repository, repository_branch and repository_folder for the links to GitHub on \
case pages) and the \
vocabulary lists `[[countries]]`, `[[categories]]`, `[[service_areas]]`, \
`[[cooperation]]`, `[[statuses]]`, `[[evaluation]]`, `[[languages]]` and \
`[[sections]]`, each entry with `term`, `label` and optionally `description`. \
An optional `[limits]` table may lower the ceilings of one case body \
(`headings`, `footnotes`, `table_cells`; see E0602-E0604), never raise them, \
and an optional `[appendix]` table sets the report appendix's title page \
and colophon (`title`, `subtitle`, `publisher`, `edition`, `year`, `isbn`, \
`issn`, `licence`, `licence_url`, `citation`; see E0012), and an optional \
`[research]` table the citation style of the research mapping (`style`; \
see E0013).

Until this file is valid no case can be checked, because the vocabularies \
are unknown.

Example of the mistake:

    [[categories]]
    term = \"internal\"
    lable = { en = \"Internal digitalisation\" }

Fix: spell the key `label`.",
};

pub const MISSING_LABEL: Code = Code {
    code: "E0002",
    name: "missing-label",
    severity: Severity::Error,
    summary: "a vocabulary term lacks a label in one of the required languages",
    explanation: "\
Every term of every vocabulary in `catalogue.toml` is shown to readers in \
English and in the Nordic languages, so it needs a label in each language of \
`[site] label_languages` (by default en, sv, nb, da, fi and is). Nynorsk (`nn`) \
is optional: where it is missing, the Bokmål label is used.

Example of the mistake:

    [[statuses]]
    term = \"pilot\"
    label = { en = \"Pilot\", sv = \"Pilot\" }

Fix: add the missing labels:

    label = { en = \"Pilot\", sv = \"Pilot\", nb = \"Pilot\", da = \"Pilotprojekt\", fi = \"Pilotti\", is = \"Tilraunaverkefni\" }",
};

pub const DUPLICATE_TERM: Code = Code {
    code: "E0003",
    name: "duplicate-term",
    severity: Severity::Error,
    summary: "a vocabulary defines the same term twice",
    explanation: "\
Each `term` of a vocabulary in `catalogue.toml` must be unique within that \
vocabulary: it is the value written in case files and part of page addresses, \
so two entries with one term would make both ambiguous.

Fix: remove the second entry or give it a different term.",
};

pub const INVALID_SETTING: Code = Code {
    code: "E0010",
    name: "invalid-setting",
    severity: Severity::Error,
    summary: "a setting of `[site]` in catalogue.toml cannot be used",
    explanation: "\
The settings of `[site]` reach every page, so they are checked like case \
content:

- `language`, the site's default language (its pages keep the addresses \
without a language folder), must be one of the terms of `[[languages]]` \
(`en`, `sv`, `nb`, ...); the theme must also have UI strings for it \
(`i18n/<language>.toml`), which `check --theme DIR` (by default \
themes/default, where it exists) and `build` look for;
- `languages`, the languages the site is built in (each other than the \
default below `/<language>/`), must be terms of `[[languages]]`, each once, \
with UI strings in the theme; without it, the site is built in every one \
of en, sv, nb, nn, da, fi and is that `[[languages]]` has and the theme \
has UI strings for;
- `base_url`, the address the site is published at, must be an absolute \
`http://` or `https://` address with a host, without spaces, without a user \
name or password, and without a query (`?`) or fragment (`#`): it starts \
every link of the feed, the sitemap and the canonical links. The same holds \
for `build --base-url`;
- the optional settings of the About, accessibility and privacy pages: \
`publisher` must not be empty; `publisher_url`, `project_url`, `contact_url` \
and `repository_url` must be absolute `http://` or `https://` addresses with a \
host, without spaces, user name or password; `contact_email` must be one plain \
e-mail address (`name@domain.tld`, no `mailto:`, see E0505); \
`accessibility_statement_date`, the day the accessibility statement was \
prepared or last reviewed, is a date written `YYYY-MM-DD`; \
`accessibility_compliance` is `full`, `partial` or `none` (how far the site \
meets WCAG 2.1 level AA, as the publisher has assessed it). A page whose \
setting is missing says so rather than guessing;
- the optional GitHub repository the catalogue is kept in, which gives \
every case page a \"Suggest a change\" and a \"Report a problem\" link: \
`repository` is `owner/name` (the owner 1-39 letters, digits or hyphens, not \
starting with a hyphen; the name 1-100 letters, digits, `.`, `_` or `-`, \
not `.` or `..`), not a whole address; `repository_branch` (by default \
`main`) is a git branch name, without spaces, `..`, a leading `/` or `-`, \
control characters or any of `~^:?*[\\`; `repository_folder` (by default \
`examples-catalogue`) is the catalogue folder's path inside the repository: \
plain folder names joined by `/`, without `.` or `..`, a leading `/` or a \
backslash, or empty for the repository's root.

Example of the mistake:

    [site]
    base_url = \"example.org/catalogue\"

Fix:

    [site]
    base_url = \"https://example.org/catalogue/\"",
};

pub const INVALID_TERM: Code = Code {
    code: "E0011",
    name: "invalid-term",
    severity: Severity::Error,
    summary: "a vocabulary term is not written the way terms must be",
    explanation: "\
A vocabulary `term` is written in case files and is part of page addresses \
(`categories/<term>/`), so it may only hold characters that are safe there:

- country terms are two capital letters (`SE`, `NO`, `AX`), the names of the \
folders under `cases/`;
- language terms are BCP 47 language tags: a language code of two or three \
lowercase letters, optionally followed by subtags of 2 to 8 letters or digits \
(`nb`, `se`, `smn`, `en-GB`);
- every other term (and every size class) is kebab-case: lowercase letters \
a-z, digits and single hyphens between them (`children-youth`, \
`5000-10000`).

Example of the mistake:

    [[categories]]
    term = \"Internal tools/staff\"

Fix:

    [[categories]]
    term = \"internal\"",
};

pub const INVALID_APPENDIX_SETTING: Code = Code {
    code: "E0012",
    name: "invalid-appendix-setting",
    severity: Severity::Error,
    summary: "a setting of `[appendix]` in catalogue.toml cannot be printed",
    explanation: "\
The optional `[appendix]` table of `catalogue.toml` sets the title page and \
the colophon of the report appendix (`catalogue appendix`). Every key is \
optional; what is left out comes from `[site]` or the cases:

- `title` (default: `[site] title`), `subtitle` (default: `[site] \
description`), `publisher` (default: `[site] publisher`), `edition` (such as \
\"First edition\"; none by default), `licence` (such as \"CC BY 4.0\"; none by \
default) and `citation`, the suggested citation (by default made of the \
publisher, year, title, subtitle, edition, ISBN and ISSN), are text that \
must not be empty or hold control characters;
- `licence_url`, the licence's text, is an absolute `http://` or \
`https://` address;
- `year`, the year of publication, is a whole number from 1900 to 9999 \
(default: the year of the newest `reviewed` date of the cases);
- `isbn` is an ISBN-13 (or ISBN-10) and `issn` an ISSN (`NNNN-NNNC`), \
hyphens and spaces allowed, with a correct check digit: a mistyped number \
on a title page cannot be recalled. Leave them out until the publisher has \
assigned them; never invent one.

Example of the mistake:

    [appendix]
    isbn = \"978-91-88213-00-0\"

Fix: copy the number the publisher assigned, e.g. `isbn = \"978-3-16-148410-0\"`, \
or leave the key out.",
};

pub const INVALID_RESEARCH_SETTING: Code = Code {
    code: "E0013",
    name: "invalid-research-setting",
    severity: Severity::Error,
    summary: "the citation style of `[research]` in catalogue.toml cannot be used",
    explanation: "\
The optional `[research]` table of `catalogue.toml` chooses the citation \
style of the research mapping's references: on the study pages, in the \
\"Research on this example\" part of case pages and in the appendix's \
bibliography. `style` is either

- the name of a style bundled with the catalogue (the CSL styles that \
hayagriva ships): `apa` (APA 7th edition, the default), `chicago-author-date`, \
`harvard-cite-them-right`, `ieee`, `vancouver`, `mla`, `modern-humanities-research-association`, \
`iso-690-author-date` and others; `catalogue explain E0013` cannot list \
them all, the message of the diagnostic does; or
- the path of a `.csl` file inside the catalogue folder, written with \
forward slashes and relative to it (`styles/our-style.csl`): an independent \
CSL 1.0 style, as the Zotero Style Repository offers them. The file must \
be a regular file (never a link), at most 1 MiB, valid CSL, and its macros \
must not call themselves. A dependent style (one that only names its parent) \
cannot be used: download the parent style's file instead.

Example of the mistake:

    [research]
    style = \"chicago\"

Fix: name a bundled style, e.g. `style = \"chicago-author-date\"`.",
};

/// Whether `term` is kebab-case: lowercase ASCII letters and digits in
/// words joined by single hyphens.
pub fn is_kebab_case(term: &str) -> bool {
    !term.is_empty()
        && term.split('-').all(|word| {
            !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `tag` has the shape of a simple BCP 47 language tag: a primary
/// subtag of 2-3 lowercase letters, then subtags of 2-8 letters or digits
/// (`nb`, `se`, `smn`, `en-GB`). Nothing else can name a file, so this is
/// also what makes a language safe to look up in a theme's `i18n/` folder.
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && subtags.all(|subtag| {
            (2..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Where the checked settings of `[site]` are, read apart from [`Site`] so
/// that its fields stay plain strings for every stage that uses them.
#[derive(Deserialize)]
struct SiteSpans {
    language: Spanned<String>,
    base_url: Spanned<String>,
    #[serde(default)]
    languages: Vec<Spanned<String>>,
    #[serde(default)]
    publisher: Option<Spanned<String>>,
    #[serde(default)]
    publisher_url: Option<Spanned<String>>,
    #[serde(default)]
    project_url: Option<Spanned<String>>,
    #[serde(default)]
    contact_email: Option<Spanned<String>>,
    #[serde(default)]
    contact_url: Option<Spanned<String>>,
    #[serde(default)]
    repository_url: Option<Spanned<String>>,
    #[serde(default)]
    repository: Option<Spanned<String>>,
    #[serde(default)]
    repository_branch: Option<Spanned<String>>,
    #[serde(default)]
    repository_folder: Option<Spanned<String>>,
    #[serde(default)]
    accessibility_statement_date: Option<Spanned<String>>,
    #[serde(default)]
    accessibility_compliance: Option<Spanned<String>>,
}

impl SiteSpans {
    fn of(file: &SourceFile) -> Option<SiteSpans> {
        #[derive(Deserialize)]
        struct Spans {
            site: SiteSpans,
        }
        toml::from_str::<Spans>(&file.text).ok().map(|spans| spans.site)
    }
}

/// Why `url` cannot be the address a site is published at, if it cannot:
/// what [`link_url_problem`] refuses, and a query or a fragment, which would
/// end up inside every link.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    if let Some(problem) = link_url_problem(url) {
        return Some(problem);
    }
    let parsed = url::Url::parse(url).ok()?;
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Some("has a query (?) or fragment (#), which would end up inside every link");
    }
    None
}

/// Why `url` cannot be a link the pages print (a publisher's or contact
/// address), if it cannot: an absolute http(s) address with a host, without
/// white space, control characters or credentials. Unlike the base URL it
/// may have a query or fragment.
pub fn link_url_problem(url: &str) -> Option<&'static str> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("contains a space or an invisible character");
    }
    let Ok(parsed) = url::Url::parse(url) else {
        return Some("is not an absolute address such as https://example.org/");
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Some("is not an http:// or https:// address");
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Some("has no host name");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("contains a user name or password");
    }
    None
}

/// The branch `[site] repository_branch` means when it is not set.
pub const DEFAULT_REPOSITORY_BRANCH: &str = "main";

/// The folder `[site] repository_folder` means when it is not set: where
/// this project keeps its catalogue.
pub const DEFAULT_REPOSITORY_FOLDER: &str = "examples-catalogue";

/// Why `value` cannot be `[site] repository`, if it cannot: GitHub's
/// `owner/name`, the owner 1-39 ASCII letters, digits or hyphens (not
/// first), the name 1-100 letters, digits, `.`, `_` or `-`, not `.` or
/// `..`. These are the characters GitHub allows, so the two parts go into
/// addresses as they are.
pub fn repository_problem(value: &str) -> Option<&'static str> {
    if value.contains("://") || value.starts_with("github.com/") {
        return Some("is an address, not owner/name");
    }
    let Some((owner, name)) = value.split_once('/') else {
        return Some("is not owner/name (the owner, a slash, the repository's name)");
    };
    if owner.is_empty() || owner.len() > 39 {
        return Some("has an owner that is not 1-39 characters long");
    }
    if !owner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') || owner.starts_with('-') {
        return Some("has an owner other than ASCII letters, digits and hyphens (not first)");
    }
    if name.is_empty() || name.len() > 100 {
        return Some("has a name that is not 1-100 characters long");
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Some("has a name other than ASCII letters, digits, '.', '_' and '-'");
    }
    if name == "." || name == ".." {
        return Some("has the name '.' or '..', which no repository can have");
    }
    None
}

/// The `owner/name` of a GitHub repository's address
/// (`https://github.com/owner/name.git`), if `address` is one.
fn repository_of_address(address: &str) -> Option<String> {
    let rest = [
        "https://github.com/",
        "http://github.com/",
        "https://www.github.com/",
        "github.com/",
    ]
    .iter()
    .find_map(|prefix| address.strip_prefix(prefix))?;
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    repository_problem(rest).is_none().then(|| rest.to_string())
}

/// Why `value` cannot be `[site] repository_branch`, if it cannot: what
/// `git check-ref-format --branch` refuses, as far as it matters for a
/// link (an impossible branch would make every edit link a dead end).
pub fn branch_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() {
        return Some("is empty");
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("contains a space or an invisible character");
    }
    if value.chars().any(|c| "~^:?*[\\".contains(c)) {
        return Some("contains one of ~ ^ : ? * [ \\, which a branch name cannot have");
    }
    if value.starts_with('/') || value.starts_with('-') {
        return Some("starts with '/' or '-'");
    }
    if value.contains("..") || value.contains("//") || value.contains("@{") {
        return Some("contains '..', '//' or '@{', which a branch name cannot have");
    }
    if value.ends_with('/') || value.ends_with('.') || value.ends_with(".lock") || value == "@" {
        return Some("ends in a way no branch name can ('/', '.', '.lock') or is '@'");
    }
    if value.split('/').any(|part| part.starts_with('.')) {
        return Some("has a part that starts with '.'");
    }
    None
}

/// Why `value` cannot be `[site] repository_folder`, if it cannot: a path
/// relative to the repository's root of plain folder names joined by `/`
/// (an optional `/` at the end), or empty for the root itself.
pub fn folder_problem(value: &str) -> Option<&'static str> {
    if value.chars().any(char::is_control) {
        return Some("contains an invisible character");
    }
    if value.contains('\\') {
        return Some("contains a backslash; folders are separated by '/'");
    }
    if value.starts_with('/') {
        return Some("starts with '/'; it is a path inside the repository, from its root");
    }
    let trimmed = value.strip_suffix('/').unwrap_or(value);
    if !value.is_empty()
        && trimmed
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Some("has an empty, '.' or '..' part");
    }
    None
}

/// The citation style of the research pages when `[research] style` is not
/// set: APA 7th edition.
pub const DEFAULT_CITATION_STYLE: &str = "apa";

/// The largest `.csl` file `[research] style` may name: the longest styles
/// of the Zotero Style Repository are a few hundred kilobytes.
pub const MAX_CSL_BYTES: u64 = 1 << 20;

/// `[research]`: how the research mapping's studies are cited.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResearchSettings {
    /// A bundled style's name or a `.csl` file's path in the catalogue
    /// folder; [`DEFAULT_CITATION_STYLE`] when not set.
    #[serde(default)]
    pub style: Option<Spanned<String>>,
}

/// What `[research] style` chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleChoice<'a> {
    /// A style bundled with hayagriva, by one of its names.
    Bundled(&'a str),
    /// A `.csl` file, by its path relative to the catalogue folder.
    File(&'a str),
}

impl ResearchSettings {
    pub fn style(&self) -> StyleChoice<'_> {
        match &self.style {
            None => StyleChoice::Bundled(DEFAULT_CITATION_STYLE),
            Some(style) if is_csl_path(style.get_ref()) => StyleChoice::File(style.get_ref()),
            Some(style) => StyleChoice::Bundled(style.get_ref()),
        }
    }
}

/// Whether a `style` value names a file rather than a bundled style.
fn is_csl_path(value: &str) -> bool {
    value.to_ascii_lowercase().ends_with(".csl")
}

/// Every name a bundled citation style answers to (`apa`, `ieee`, ...),
/// in the archive's order.
pub fn citation_style_names() -> Vec<&'static str> {
    hayagriva::archive::ArchivedStyle::all()
        .iter()
        .flat_map(|style| style.names().iter().copied())
        .collect()
}

/// Why `path` cannot name a `.csl` file inside the catalogue folder, if it
/// cannot.
pub fn csl_path_problem(path: &str) -> Option<&'static str> {
    if path.starts_with('/') || path.get(1..2) == Some(":") {
        return Some("is not relative to the catalogue folder");
    }
    folder_problem(path).or_else(|| {
        path.ends_with('/')
            .then_some("ends with '/'; it names a file, not a folder")
    })
}

/// The GitHub repository of `[site]`, its defaults filled in: what the
/// edit and report links of case pages are made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GitHub<'a> {
    /// `owner/name`.
    pub repository: &'a str,
    pub branch: &'a str,
    /// The catalogue folder inside the repository, without a `/` at
    /// either end; empty for the repository's root.
    pub folder: &'a str,
}

/// Whether `text` is a calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, b)| {
            if at == 4 || at == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && text.parse::<jiff::civil::Date>().is_ok()
}

/// The label in `language`, falling back to Bokmål for Nynorsk and to
/// English for anything else, so a page is never left without a label.
fn label_in<'a>(labels: &'a BTreeMap<String, String>, language: &str) -> Option<&'a str> {
    let fallback = if language == "nn" { "nb" } else { "en" };
    labels
        .get(language)
        .or_else(|| labels.get(fallback))
        .or_else(|| labels.get("en"))
        .map(String::as_str)
}

/// The languages a site is built in when `[site] languages` does not say:
/// those the default theme has UI strings for.
pub const DEFAULT_SITE_LANGUAGES: [&str; 7] = ["en", "sv", "nb", "nn", "da", "fi", "is"];

/// The settings in `[site]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub title: String,
    pub description: String,
    pub base_url: String,
    /// The site's default language: a term of `[[languages]]`. Its pages
    /// have the addresses without a language folder.
    pub language: String,
    /// The languages the site is built in, if given (see
    /// [`Config::site_languages`]).
    #[serde(default)]
    pub languages: Option<Vec<String>>,
    /// Every vocabulary term must have a label in each of these.
    pub label_languages: Vec<String>,
    /// Who publishes the catalogue (About, accessibility statement).
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub publisher_url: Option<String>,
    /// The publisher's page about the project the catalogue belongs to.
    #[serde(default)]
    pub project_url: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    #[serde(default)]
    pub contact_url: Option<String>,
    /// Where cases are proposed (pull requests, CONTRIBUTING.md).
    #[serde(default)]
    pub repository_url: Option<String>,
    /// `owner/name`: the GitHub repository the catalogue is kept in, which
    /// the case pages' edit and report links lead to (see [`Site::github`]).
    #[serde(default)]
    pub repository: Option<String>,
    /// The branch edits are proposed against; `main` when not set.
    #[serde(default)]
    pub repository_branch: Option<String>,
    /// The catalogue folder's path inside the repository;
    /// `examples-catalogue` when not set, empty for the repository's root.
    #[serde(default)]
    pub repository_folder: Option<String>,
    /// `YYYY-MM-DD`: when the accessibility statement was prepared. A
    /// setting, never the clock, so a build is the same bytes every day.
    #[serde(default)]
    pub accessibility_statement_date: Option<String>,
    /// `full`, `partial` or `none`, as the publisher assessed it.
    #[serde(default)]
    pub accessibility_compliance: Option<String>,
}

/// `[appendix]`: the title page and colophon of the report appendix. Every
/// setting is optional; the appendix fills a missing title, subtitle and
/// publisher from `[site]`, the year from the newest review and the
/// citation from the others (`crate::appendix::document`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixSettings {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    /// Such as "First edition".
    #[serde(default)]
    pub edition: Option<String>,
    /// The year of publication.
    #[serde(default)]
    pub year: Option<i64>,
    #[serde(default)]
    pub isbn: Option<String>,
    #[serde(default)]
    pub issn: Option<String>,
    /// Such as "CC BY 4.0".
    #[serde(default)]
    pub licence: Option<String>,
    #[serde(default)]
    pub licence_url: Option<String>,
    /// The suggested citation, as printed; made of the other settings
    /// when not given.
    #[serde(default)]
    pub citation: Option<String>,
}

/// Where the settings of `[appendix]` are, for diagnostics (see
/// [`SiteSpans`]).
#[derive(Deserialize, Default)]
struct AppendixSpans {
    #[serde(default)]
    title: Option<Spanned<String>>,
    #[serde(default)]
    subtitle: Option<Spanned<String>>,
    #[serde(default)]
    publisher: Option<Spanned<String>>,
    #[serde(default)]
    edition: Option<Spanned<String>>,
    #[serde(default)]
    year: Option<Spanned<i64>>,
    #[serde(default)]
    isbn: Option<Spanned<String>>,
    #[serde(default)]
    issn: Option<Spanned<String>>,
    #[serde(default)]
    licence: Option<Spanned<String>>,
    #[serde(default)]
    licence_url: Option<Spanned<String>>,
    #[serde(default)]
    citation: Option<Spanned<String>>,
}

impl AppendixSpans {
    fn of(file: &SourceFile) -> Option<AppendixSpans> {
        #[derive(Deserialize)]
        struct Spans {
            #[serde(default)]
            appendix: Option<AppendixSpans>,
        }
        toml::from_str::<Spans>(&file.text)
            .ok()
            .and_then(|spans| spans.appendix)
    }
}

/// The digits of an ISBN or ISSN as written, hyphens and spaces removed;
/// `X` (any case) stands for 10 and is allowed only last.
fn check_digits(text: &str) -> Option<Vec<u32>> {
    let kept: Vec<char> = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let last = kept.len().checked_sub(1)?;
    kept.iter()
        .enumerate()
        .map(|(at, c)| match c {
            'X' | 'x' if at == last => Some(10),
            _ => c.to_digit(10),
        })
        .collect()
}

/// Why `isbn` cannot be printed as an ISBN, if it cannot: an ISBN-13
/// (978 or 979 first) or an ISBN-10, hyphens and spaces allowed, with its
/// check digit right.
pub fn isbn_problem(isbn: &str) -> Option<&'static str> {
    let Some(digits) = check_digits(isbn) else {
        return Some("is not digits with hyphens (an ISBN-10 may end in X)");
    };
    match digits.len() {
        13 => {
            if digits[12] == 10 || !(digits.starts_with(&[9, 7, 8]) || digits.starts_with(&[9, 7, 9])) {
                return Some("is not an ISBN-13 starting with 978 or 979");
            }
            let sum: u32 = digits
                .iter()
                .enumerate()
                .map(|(at, d)| if at % 2 == 0 { *d } else { d * 3 })
                .sum();
            (!sum.is_multiple_of(10)).then_some("has a wrong check digit (the last digit)")
        }
        10 => {
            let sum: u32 = digits
                .iter()
                .enumerate()
                .map(|(at, d)| d * (10 - at as u32))
                .sum();
            (!sum.is_multiple_of(11)).then_some("has a wrong check digit (the last character)")
        }
        _ => Some("has neither 13 nor 10 digits"),
    }
}

/// Why `issn` cannot be printed as an ISSN, if it cannot: seven digits and
/// a check character (a digit or X), written `NNNN-NNNC`.
pub fn issn_problem(issn: &str) -> Option<&'static str> {
    let Some(digits) = check_digits(issn) else {
        return Some("is not written NNNN-NNNC (digits; the last may be X)");
    };
    if digits.len() != 8 {
        return Some("does not have 8 characters (NNNN-NNNC)");
    }
    let sum: u32 = digits.iter().enumerate().map(|(at, d)| d * (8 - at as u32)).sum();
    (!sum.is_multiple_of(11)).then_some("has a wrong check character (the last one)")
}

/// The language a case's own `title` and `summary` are written in
/// (CASE-FORMAT.md): English, so that every reader of the catalogue can
/// read them.
pub const ORIGINAL_LANGUAGE: &str = "en";
impl Site {
    /// The GitHub repository the catalogue is kept in, when `repository`
    /// names one. A setting `check` refuses gives `None` rather than links
    /// that lead nowhere.
    pub fn github(&self) -> Option<GitHub<'_>> {
        let repository = self.repository.as_deref()?;
        let branch = self
            .repository_branch
            .as_deref()
            .unwrap_or(DEFAULT_REPOSITORY_BRANCH);
        let folder = self
            .repository_folder
            .as_deref()
            .unwrap_or(DEFAULT_REPOSITORY_FOLDER);
        if repository_problem(repository).is_some()
            || branch_problem(branch).is_some()
            || folder_problem(folder).is_some()
        {
            return None;
        }
        Some(GitHub {
            repository,
            branch,
            folder: folder.strip_suffix('/').unwrap_or(folder),
        })
    }
}

/// The values `accessibility_compliance` may take.
pub const COMPLIANCE_LEVELS: [&str; 3] = ["full", "partial", "none"];

/// One allowed value of a vocabulary, with its labels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub label: Spanned<BTreeMap<String, String>>,
}

impl Term {
    pub fn id(&self) -> &str {
        self.term.get_ref()
    }

    /// The label in `language`, falling back to Bokmål for Nynorsk and to
    /// English for anything else, so a page is never left without a label.
    pub fn label(&self, language: &str) -> &str {
        label_in(self.label.get_ref(), language).unwrap_or(self.id())
    }

    /// Every label in every language.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.label.get_ref().values().map(String::as_str)
    }
}

/// `[municipalities]`: how "municipalities like mine" are grouped.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalitySettings {
    /// Inhabitants per km² below which a municipality is sparsely populated.
    pub sparse_density: f64,
}

/// A size class of municipalities by population.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeClass {
    pub term: Spanned<String>,
    /// The first population above the class; `None` for the largest class.
    #[serde(default)]
    pub below: Option<u64>,
    pub label: Spanned<BTreeMap<String, String>>,
}

impl SizeClass {
    pub fn id(&self) -> &str {
        self.term.get_ref()
    }

    pub fn label(&self, language: &str) -> &str {
        label_in(self.label.get_ref(), language).unwrap_or(self.id())
    }
}

/// The vocabularies, each an ordered list: the order here is the order on
/// pages and in the appendix.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: Site,
    pub countries: Vec<Term>,
    pub categories: Vec<Term>,
    pub service_areas: Vec<Term>,
    pub cooperation: Vec<Term>,
    pub statuses: Vec<Term>,
    pub evaluation: Vec<Term>,
    pub languages: Vec<Term>,
    /// The recommended sections of a case body, in order.
    pub sections: Vec<Term>,
    /// Without it, no municipality is flagged sparsely populated.
    #[serde(default)]
    pub municipalities: Option<MunicipalitySettings>,
    /// Smallest first; without them, no size classes are shown.
    #[serde(default)]
    pub size_classes: Vec<SizeClass>,
    /// `[limits]`: lower limits for case bodies (checked as it is read).
    #[serde(default)]
    pub limits: crate::validate::limits::BodyLimits,
    /// `[appendix]`: the report appendix's title page and colophon.
    #[serde(default)]
    pub appendix: AppendixSettings,
    /// `[research]`: the citation style of the research mapping.
    #[serde(default)]
    pub research: ResearchSettings,
}

/// Names a vocabulary of [`Config`], so rules and the case schema can refer
/// to one as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Countries,
    Categories,
    ServiceAreas,
    Cooperation,
    Statuses,
    Evaluation,
    Languages,
    Sections,
}

impl Vocabulary {
    pub const ALL: [Vocabulary; 8] = [
        Vocabulary::Countries,
        Vocabulary::Categories,
        Vocabulary::ServiceAreas,
        Vocabulary::Cooperation,
        Vocabulary::Statuses,
        Vocabulary::Evaluation,
        Vocabulary::Languages,
        Vocabulary::Sections,
    ];

    /// The table name in `catalogue.toml`.
    pub fn table(self) -> &'static str {
        match self {
            Vocabulary::Countries => "countries",
            Vocabulary::Categories => "categories",
            Vocabulary::ServiceAreas => "service_areas",
            Vocabulary::Cooperation => "cooperation",
            Vocabulary::Statuses => "statuses",
            Vocabulary::Evaluation => "evaluation",
            Vocabulary::Languages => "languages",
            Vocabulary::Sections => "sections",
        }
    }
}

impl Config {
    pub fn terms(&self, vocabulary: Vocabulary) -> &[Term] {
        match vocabulary {
            Vocabulary::Countries => &self.countries,
            Vocabulary::Categories => &self.categories,
            Vocabulary::ServiceAreas => &self.service_areas,
            Vocabulary::Cooperation => &self.cooperation,
            Vocabulary::Statuses => &self.statuses,
            Vocabulary::Evaluation => &self.evaluation,
            Vocabulary::Languages => &self.languages,
            Vocabulary::Sections => &self.sections,
        }
    }

    pub fn term(&self, vocabulary: Vocabulary, id: &str) -> Option<&Term> {
        self.terms(vocabulary).iter().find(|term| term.id() == id)
    }

    /// Parse `catalogue.toml`. Errors come back as diagnostics in that file;
    /// a config with any error is not returned, because every case rule
    /// depends on it.
    pub fn parse(file: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let config: Config = toml::from_str(&file.text).map_err(|error| {
            vec![
                Diagnostic::new(
                    &CONFIG_INVALID,
                    &file.path,
                    error.span(),
                    first_line(error.message()),
                )
                .with_help("see `catalogue explain E0001` for the sections and keys catalogue.toml may hold"),
            ]
        })?;
        let mut diagnostics = config.check_terms(&file.path);
        diagnostics.extend(config.check_site(file));
        diagnostics.extend(check_appendix(file));
        diagnostics.extend(config.check_research(&file.path));
        crate::diag::sort(&mut diagnostics);
        if diagnostics.is_empty() {
            Ok(config)
        } else {
            Err(diagnostics)
        }
    }

    /// Whether a density counts as sparsely populated; `None` when the
    /// density or the threshold is unknown.
    pub fn is_sparse(&self, density: Option<f64>) -> Option<bool> {
        Some(density? < self.municipalities.as_ref()?.sparse_density)
    }

    /// The size class of a population, if the classes cover it.
    pub fn size_class(&self, population: u64) -> Option<&SizeClass> {
        self.size_classes
            .iter()
            .find(|class| class.below.is_none_or(|below| population < below))
    }

    /// The languages the site is built in, the default language first:
    /// `[site] languages` as written, or by default each of
    /// [`DEFAULT_SITE_LANGUAGES`] that `[[languages]]` has. Unknown terms
    /// and repeats are left out (`check` reports them); the render stage
    /// leaves out a defaulted language the theme has no UI strings for.
    pub fn site_languages(&self) -> Vec<&str> {
        let default = self.site.language.as_str();
        let wanted: Vec<&str> = match &self.site.languages {
            Some(languages) => languages.iter().map(String::as_str).collect(),
            None => DEFAULT_SITE_LANGUAGES.to_vec(),
        };
        let mut languages = vec![default];
        for language in wanted {
            let known = self.term(Vocabulary::Languages, language).is_some() && is_language_tag(language);
            if known && !languages.contains(&language) {
                languages.push(language);
            }
        }
        languages
    }

    /// The languages of `[site] label_languages` a label table lacks.
    fn missing_languages(&self, labels: &BTreeMap<String, String>) -> Vec<&str> {
        self.site
            .label_languages
            .iter()
            .map(String::as_str)
            .filter(|language| !labels.contains_key(*language))
            .collect()
    }

    /// The settings of `[site]` that reach every page.
    fn check_site(&self, file: &SourceFile) -> Vec<Diagnostic> {
        let path = file.path.as_str();
        let spans = SiteSpans::of(file);
        let language_span = spans.as_ref().map(|spans| spans.language.span());
        let base_url_span = spans.as_ref().map(|spans| spans.base_url.span());
        let mut diagnostics = Vec::new();
        let language = self.site.language.as_str();
        if self.term(Vocabulary::Languages, language).is_none() {
            diagnostics.push(self.unknown_site_language(path, language_span, language, ""));
        }
        diagnostics.extend(self.check_site_languages(path, spans.as_ref()));
        if let Some(problem) = base_url_problem(&self.site.base_url) {
            diagnostics.push(
                Diagnostic::new(
                    &INVALID_SETTING,
                    path,
                    base_url_span,
                    format!("base_url {problem}"),
                )
                .with_label("not usable as the site's address")
                .with_help("write the absolute address the site is published at, e.g. \"https://example.org/catalogue/\""),
            );
        }
        if let Some(spans) = &spans {
            diagnostics.extend(self.check_page_settings(path, spans));
        }
        diagnostics
    }

    /// The optional settings the About, accessibility and privacy pages
    /// print. They are read with their places ([`SiteSpans`]), which hold
    /// the same values as [`Site`].
    fn check_page_settings(&self, path: &str, spans: &SiteSpans) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut report = |setting: &Spanned<String>, message: String, label: &str, help: &str| {
            diagnostics.push(
                Diagnostic::new(&INVALID_SETTING, path, Some(setting.span()), message)
                    .with_label(label.to_string())
                    .with_help(help.to_string()),
            );
        };
        if let Some(publisher) = &spans.publisher
            && publisher.get_ref().trim().is_empty()
        {
            report(
                publisher,
                "publisher is empty".to_string(),
                "no name",
                "write the name of the organisation that publishes the catalogue, or leave the setting out",
            );
        }
        for (name, setting) in [
            ("publisher_url", &spans.publisher_url),
            ("project_url", &spans.project_url),
            ("contact_url", &spans.contact_url),
            ("repository_url", &spans.repository_url),
        ] {
            if let Some(setting) = setting
                && let Some(problem) = link_url_problem(setting.get_ref())
            {
                report(
                    setting,
                    format!("{name} {problem}"),
                    "not usable as a link",
                    "write an absolute address such as \"https://example.org/contact/\", or leave the setting out",
                );
            }
        }
        for (name, setting, check, label, help) in [
            (
                "repository",
                &spans.repository,
                repository_problem as fn(&str) -> Option<&'static str>,
                "not a GitHub repository",
                "write the repository as owner/name, e.g. \"nordic-welfare/good-examples\", or leave the setting out",
            ),
            (
                "repository_branch",
                &spans.repository_branch,
                branch_problem,
                "not a branch name",
                "write the name of the branch edits are proposed against, e.g. \"main\", or leave the setting out for main",
            ),
            (
                "repository_folder",
                &spans.repository_folder,
                folder_problem,
                "not a folder of the repository",
                "write the catalogue folder's path from the repository's root, e.g. \"examples-catalogue\", or \"\" for the root",
            ),
        ] {
            if let Some(setting) = setting
                && let Some(problem) = check(setting.get_ref())
            {
                // A pasted address of the repository's page says which
                // owner/name is meant.
                let named = (name == "repository")
                    .then(|| repository_of_address(setting.get_ref()))
                    .flatten()
                    .map(|repository| format!("write \"{repository}\": the owner and name, not the address"));
                report(
                    setting,
                    format!(
                        "{name} \"{}\" {problem}",
                        crate::diag::emit::visible(setting.get_ref())
                    ),
                    label,
                    named.as_deref().unwrap_or(help),
                );
            }
        }
        if let Some(email) = &spans.contact_email
            && !crate::validate::email::is_plausible_email(email.get_ref())
        {
            report(
                email,
                format!(
                    "contact_email \"{}\" is not one plain e-mail address",
                    crate::diag::emit::visible(email.get_ref())
                ),
                "not an e-mail address",
                "write one address such as \"info@example.org\", without mailto:, or leave the setting out",
            );
        }
        if let Some(date) = &spans.accessibility_statement_date
            && !is_iso_date(date.get_ref())
        {
            report(
                date,
                format!(
                    "accessibility_statement_date \"{}\" is not a date written YYYY-MM-DD",
                    crate::diag::emit::visible(date.get_ref())
                ),
                "not a date",
                "write the day the statement was prepared, e.g. \"2026-06-30\"",
            );
        }
        if let Some(level) = &spans.accessibility_compliance
            && !COMPLIANCE_LEVELS.contains(&level.get_ref().as_str())
        {
            report(
                level,
                format!(
                    "accessibility_compliance \"{}\" is not one of {}",
                    crate::diag::emit::visible(level.get_ref()),
                    COMPLIANCE_LEVELS.join(", ")
                ),
                "unknown compliance status",
                "write \"full\", \"partial\" or \"none\", as the publisher has assessed the site against WCAG 2.1 AA",
            );
        }
        diagnostics
    }

    /// E0010 for a site language (`[site] language`, or one of `languages`,
    /// `setting` then saying so) that is not a term of `[[languages]]`.
    fn unknown_site_language(
        &self,
        path: &str,
        span: Option<std::ops::Range<usize>>,
        language: &str,
        setting: &str,
    ) -> Diagnostic {
        let known: Vec<&str> = self.languages.iter().map(Term::id).collect();
        let shown = crate::diag::emit::visible(language);
        let diagnostic = Diagnostic::new(
            &INVALID_SETTING,
            path,
            span,
            format!("the site language \"{shown}\"{setting} is not a term of [[languages]]"),
        )
        .with_label("not a language of the catalogue");
        match crate::suggest::nearest(language, known.iter().copied()) {
            Some(near) => diagnostic.with_help(format!("did you mean \"{near}\"?")),
            None => diagnostic.with_help(format!(
                "write one of the terms of [[languages]]: {}",
                known.join(", ")
            )),
        }
    }

    /// `[site] languages`: each a term of `[[languages]]`, each once.
    fn check_site_languages(&self, path: &str, spans: Option<&SiteSpans>) -> Vec<Diagnostic> {
        let Some(languages) = &self.site.languages else {
            return Vec::new();
        };
        let mut diagnostics = Vec::new();
        for (index, language) in languages.iter().enumerate() {
            let span = spans
                .and_then(|spans| spans.languages.get(index))
                .map(Spanned::span);
            if self.term(Vocabulary::Languages, language).is_none() {
                diagnostics.push(self.unknown_site_language(path, span, language, " in `languages`"));
            } else if languages[..index].contains(language) {
                diagnostics.push(
                    Diagnostic::new(
                        &INVALID_SETTING,
                        path,
                        span,
                        format!("the site language \"{language}\" is listed twice in `languages`"),
                    )
                    .with_label("already listed")
                    .with_help("remove the second one"),
                );
            }
        }
        diagnostics
    }

    /// A diagnostic (E0010) for each language the site is to be built in
    /// whose UI strings the theme at `theme_root` lacks: the default
    /// language, and those `[site] languages` names (a defaulted list
    /// leaves such a language out instead), so that `check` fails on what
    /// `build` would fail on. `file` is catalogue.toml, for the place of
    /// the setting. A language that is not a term of `[[languages]]` is
    /// reported by [`Config::parse`] already, and never used as a file name.
    pub fn check_theme_strings(&self, file: &SourceFile, theme_root: &std::path::Path) -> Vec<Diagnostic> {
        let spans = SiteSpans::of(file);
        let mut wanted = vec![(
            self.site.language.as_str(),
            spans.as_ref().map(|spans| spans.language.span()),
        )];
        if let Some(languages) = &self.site.languages {
            wanted.extend(languages.iter().enumerate().map(|(index, language)| {
                let span = spans
                    .as_ref()
                    .and_then(|spans| spans.languages.get(index))
                    .map(Spanned::span);
                (language.as_str(), span)
            }));
        }
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (language, span) in wanted {
            if seen.contains(&language)
                || self.term(Vocabulary::Languages, language).is_none()
                || !is_language_tag(language)
            {
                continue;
            }
            seen.push(language);
            let relative = format!("i18n/{language}.toml");
            let problem = match crate::inside::read_theme_file(theme_root, &relative) {
                Ok(Some(_)) => continue,
                Ok(None) => format!(
                    "the theme {} has no UI strings for the site language \"{language}\"",
                    theme_root.display()
                ),
                Err(error) => format!("the theme's UI strings for \"{language}\" cannot be read: {error:#}"),
            };
            diagnostics.push(
                Diagnostic::new(
                    &INVALID_SETTING,
                    &file.path,
                    span,
                    crate::diag::emit::visible(&problem).into_owned(),
                )
                .with_label("no i18n file in the theme")
                .with_help(format!(
                    "add {relative} to the theme (a copy of i18n/en.toml, translated), or choose a language the theme has"
                )),
            );
        }
        diagnostics
    }

    /// A diagnostic if `term` of `vocabulary` (or a size class, `None`)
    /// has characters a term may not have.
    fn check_term_form(
        path: &str,
        vocabulary: Option<Vocabulary>,
        term: &Spanned<String>,
    ) -> Option<Diagnostic> {
        let id = term.get_ref();
        let (valid, rule, table) = match vocabulary {
            Some(Vocabulary::Countries) => (
                id.len() == 2 && id.bytes().all(|b| b.is_ascii_uppercase()),
                "two capital letters, like SE",
                "countries",
            ),
            Some(Vocabulary::Languages) => (
                is_language_tag(id),
                "a language tag such as nb, se or en-GB",
                "languages",
            ),
            Some(other) => (
                is_kebab_case(id),
                "lowercase letters, digits and hyphens",
                other.table(),
            ),
            None => (
                is_kebab_case(id),
                "lowercase letters, digits and hyphens",
                "size_classes",
            ),
        };
        (!valid).then(|| {
            Diagnostic::new(
                &INVALID_TERM,
                path,
                Some(term.span()),
                format!("the term \"{id}\" of [[{table}]] is not {rule}"),
            )
            .with_label("not a valid term")
            .with_help("terms are part of page addresses: see `catalogue explain E0011` for how each vocabulary's terms are written")
        })
    }

    fn check_terms(&self, path: &str) -> Vec<Diagnostic> {
        let mut diagnostics = self.check_size_classes(path);
        for vocabulary in Vocabulary::ALL {
            diagnostics.extend(self.check_vocabulary_terms(path, vocabulary));
        }
        diagnostics
    }

    /// Each size class well formed, in order of its `below` bound, and
    /// labelled in every language.
    fn check_size_classes(&self, path: &str) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut previous_bound = 0;
        for (index, class) in self.size_classes.iter().enumerate() {
            diagnostics.extend(Self::check_term_form(path, None, &class.term));
            let last = index + 1 == self.size_classes.len();
            let ordered = match class.below {
                Some(below) => !last && below > previous_bound,
                None => last,
            };
            if !ordered {
                diagnostics.push(
                    Diagnostic::new(
                        &CONFIG_INVALID,
                        path,
                        Some(class.term.span()),
                        format!("size class `{}` is out of order", class.id()),
                    )
                    .with_help("list size classes smallest first, each with a larger `below`, and only the last without one"),
                );
            }
            previous_bound = class.below.unwrap_or(u64::MAX);
            let missing = self.missing_languages(class.label.get_ref());
            if !missing.is_empty() {
                diagnostics.push(
                    Diagnostic::new(
                        &MISSING_LABEL,
                        path,
                        Some(class.label.span()),
                        format!(
                            "size class `{}` has no label in {}",
                            class.id(),
                            missing.join(", ")
                        ),
                    )
                    .with_help("add the missing languages to its label table"),
                );
            }
        }
        diagnostics
    }

    /// Each term of one vocabulary well formed, defined once, and labelled
    /// in every language.
    fn check_vocabulary_terms(&self, path: &str, vocabulary: Vocabulary) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for term in self.terms(vocabulary) {
            diagnostics.extend(Self::check_term_form(path, Some(vocabulary), &term.term));
            if !seen.insert(term.id()) {
                diagnostics.push(
                    Diagnostic::new(
                        &DUPLICATE_TERM,
                        path,
                        Some(term.term.span()),
                        format!("`{}` is defined twice in [[{}]]", term.id(), vocabulary.table()),
                    )
                    .with_help("remove this entry or give it another term"),
                );
            }
            let missing = self.missing_languages(term.label.get_ref());
            if !missing.is_empty() {
                diagnostics.push(Self::missing_term_label(path, vocabulary, term, &missing));
            }
        }
        diagnostics
    }

    /// A term's labels lack some languages: say which, and the lines to add.
    fn missing_term_label(path: &str, vocabulary: Vocabulary, term: &Term, missing: &[&str]) -> Diagnostic {
        Diagnostic::new(
            &MISSING_LABEL,
            path,
            Some(term.label.span()),
            format!(
                "term `{}` of [[{}]] has no label in {}",
                term.id(),
                vocabulary.table(),
                missing.join(", ")
            ),
        )
        .with_label("labels are incomplete")
        .with_help(format!(
            "add {} to this table",
            missing
                .iter()
                .map(|language| format!("{language} = \"…\""))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

impl Config {
    /// `[research] style` (E0013): a bundled style's name, or the path of a
    /// `.csl` file (which the pipeline reads and parses).
    fn check_research(&self, path: &str) -> Vec<Diagnostic> {
        let Some(style) = &self.research.style else {
            return Vec::new();
        };
        let value = style.get_ref();
        let diagnostic = |message: String, label: &str, help: String| {
            Diagnostic::new(&INVALID_RESEARCH_SETTING, path, Some(style.span()), message)
                .with_label(label.to_string())
                .with_help(help)
        };
        match self.research.style() {
            StyleChoice::File(file) => csl_path_problem(file)
                .map(|problem| {
                    diagnostic(
                        format!("style \"{}\" {problem}", crate::diag::emit::visible(file)),
                        "not a path inside the catalogue folder",
                        "write the path of the .csl file relative to the catalogue folder, e.g. \"styles/our-style.csl\""
                            .to_string(),
                    )
                })
                .into_iter()
                .collect(),
            StyleChoice::Bundled(name) => {
                if hayagriva::archive::ArchivedStyle::by_name(name).is_some() {
                    return Vec::new();
                }
                let names = citation_style_names();
                let list = crate::suggest::quoted_list(names.iter().copied());
                let help = match crate::suggest::nearest(name, names.iter().copied()) {
                    Some(near) => format!("did you mean \"{near}\"? The bundled styles are {list}, or the path of a .csl file"),
                    None => format!("name a bundled style, one of {list}, or the path of a .csl file in the catalogue folder"),
                };
                vec![diagnostic(
                    format!("unknown citation style \"{}\"", crate::diag::emit::visible(value)),
                    "not a bundled style",
                    help,
                )]
            }
        }
    }
}

/// The settings of `[appendix]` (E0012), read with their places. They are
/// the same values as [`Config::appendix`], which parsed already.
fn check_appendix(file: &SourceFile) -> Vec<Diagnostic> {
    let Some(spans) = AppendixSpans::of(file) else {
        return Vec::new();
    };
    let path = file.path.as_str();
    let mut diagnostics = Vec::new();
    let mut report = |span: std::ops::Range<usize>, message: String, label: &str, help: &str| {
        diagnostics.push(
            Diagnostic::new(&INVALID_APPENDIX_SETTING, path, Some(span), message)
                .with_label(label.to_string())
                .with_help(help.to_string()),
        );
    };
    for (name, setting) in [
        ("title", &spans.title),
        ("subtitle", &spans.subtitle),
        ("publisher", &spans.publisher),
        ("edition", &spans.edition),
        ("licence", &spans.licence),
        ("citation", &spans.citation),
    ] {
        let Some(setting) = setting else { continue };
        let text = setting.get_ref();
        if text.trim().is_empty() {
            report(
                setting.span(),
                format!("{name} is empty"),
                "nothing to print",
                "write the text, or leave the setting out for its default (see `catalogue explain E0012`)",
            );
        } else if text.chars().any(char::is_control) {
            report(
                setting.span(),
                format!(
                    "{name} \"{}\" holds a line break or another control character",
                    crate::diag::emit::visible(text)
                ),
                "not one line of text",
                "write it on one line, without tabs or line breaks",
            );
        }
    }
    if let Some(url) = &spans.licence_url
        && let Some(problem) = link_url_problem(url.get_ref())
    {
        report(
            url.span(),
            format!("licence_url {problem}"),
            "not usable as a link",
            "write the licence's address, e.g. \"https://creativecommons.org/licenses/by/4.0/\", or leave the setting out",
        );
    }
    if let Some(year) = &spans.year
        && !(1900..=9999).contains(year.get_ref())
    {
        report(
            year.span(),
            format!("year {} is not a year from 1900 to 9999", year.get_ref()),
            "not a year of publication",
            "write the year of publication, e.g. 2026, or leave the setting out for the year of the newest review",
        );
    }
    for (name, setting, check) in [
        (
            "isbn",
            &spans.isbn,
            isbn_problem as fn(&str) -> Option<&'static str>,
        ),
        ("issn", &spans.issn, issn_problem),
    ] {
        if let Some(setting) = setting
            && let Some(problem) = check(setting.get_ref())
        {
            report(
                setting.span(),
                format!(
                    "{name} \"{}\" {problem}",
                    crate::diag::emit::visible(setting.get_ref())
                ),
                "not a valid number",
                "copy the number the publisher assigned, or leave the setting out: never invent one",
            );
        }
    }
    diagnostics
}

/// toml's messages sometimes carry a multi-line tail; the diagnostic's
/// frame already shows the place, so the first line is the message.
pub(crate) fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        for good in [
            "https://example.org/",
            "https://example.org/nordic-good-examples/",
            "http://127.0.0.1:1111/",
            "https://example.org",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>",
            "file:///etc/",
            "https://example.org/a b/",
            "https://example.org/\t",
            "https://user@example.org/",
            "https://user:secret@example.org/",
            "https://example.org/?q=1",
            "https://example.org/#top",
            "example.org/catalogue/",
            "/catalogue/",
            "",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn repository_settings() {
        for good in [
            "nordic-welfare/good-examples",
            "a/b",
            "Org-1/repo.name_2-x",
            "o/.github",
        ] {
            assert_eq!(repository_problem(good), None, "{good}");
        }
        let long_owner = format!("{}/x", "a".repeat(40));
        let long_name = format!("o/{}", "a".repeat(101));
        for bad in [
            "",
            "owner",
            "/name",
            "owner/",
            "-owner/name",
            "ow_ner/name",
            "owner/na me",
            "owner/name/extra",
            "owner/..",
            "owner/.",
            "owner/nåme",
            "https://github.com/owner/name",
            "github.com/owner/name",
            long_owner.as_str(),
            long_name.as_str(),
        ] {
            assert!(repository_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(
            repository_of_address("https://github.com/owner/name.git/").as_deref(),
            Some("owner/name")
        );
        assert_eq!(repository_of_address("https://gitlab.com/owner/name"), None);

        for good in ["main", "feature/links", "release-1.2", "v1", "a.b/c_d"] {
            assert_eq!(branch_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "my branch",
            "a\tb",
            "a..b",
            "/main",
            "-main",
            "main/",
            "a//b",
            "main~1",
            "ma^in",
            "ma:in",
            "ma?in",
            "ma*in",
            "ma[in",
            "ma\\in",
            "main.lock",
            "main.",
            "@",
            "a@{b",
            "a/.b",
        ] {
            assert!(branch_problem(bad).is_some(), "{bad:?}");
        }

        for good in [
            "",
            "examples-catalogue",
            "examples-catalogue/",
            "data/the catalogue",
            "a.b/c",
        ] {
            assert_eq!(folder_problem(good), None, "{good}");
        }
        for bad in ["/", "/examples", "a\\b", "..", "a/../b", "./a", "a//b", "a\nb"] {
            assert!(folder_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn isbns_and_issns_need_their_check_digits() {
        for good in [
            "978-3-16-148410-0",
            "9783161484100",
            "979 10 90636 07 1",
            "0-306-40615-2",
            "0-8044-2957-X",
        ] {
            assert_eq!(isbn_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "978-3-16-148410-1",
            "977-3-16-148410-0",
            "0-306-40615-3",
            "ISBN 978-3-16-148410-0",
            "97831614841",
            "978316148410X",
        ] {
            assert!(isbn_problem(bad).is_some(), "{bad}");
        }
        for good in ["0317-8471", "2049-3630", "0000-006X", "1050-124x"] {
            assert_eq!(issn_problem(good), None, "{good}");
        }
        for bad in ["", "0317-8472", "0317-847", "X317-8471", "0317/8471"] {
            assert!(issn_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn term_shapes() {
        for good in ["internal", "children-youth", "5000-10000", "ai", "over-50000"] {
            assert!(is_kebab_case(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a/b", "a b", "..", "a?b", "a#b", "å"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
        for good in ["en", "nb", "se", "smn", "en-GB", "sr-Latn"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "e", "EN", "english", "../x", "en/x", "en-", "en-G", "en.toml"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
