//! The validated catalogue: the types every later stage (search, render,
//! appendix) works with. A [`Case`] exists only for a file without errors,
//! so its fields are plain values, not options to re-check; the validate
//! stage builds it (`validate/model_build.rs`) from what its rules checked.

use crate::config::Config;
use crate::register::{Municipality, Register};
use crate::schema::PartialDate;

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

pub use crate::config::ORIGINAL_LANGUAGE;

/// A case's title and summary in another language (`[translations.sv]`).
/// Either may be absent: the page then shows the English text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Translation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A body's digest: fixed, so that it is the same body read again.
fn body_digest(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher as _;
    foldhash::quality::FixedState::with_seed(0x626f_6479).hash_one(bytes)
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
    /// The title and summary in other languages, by language term.
    pub translations: std::collections::BTreeMap<String, Translation>,
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
    /// The citation keys of the studies of the research mapping this case
    /// concerns (`evidence`), each a key of [`Catalogue::studies`].
    pub evidence: Vec<String>,
    pub reviewed: jiff::civil::Date,
    pub sources: Vec<Source>,
    pub contact: Option<Contact>,
    /// The Markdown body, untrusted; empty once let go of
    /// ([`Case::release_body`]), so read through [`Case::body_text`]
    /// where a build may have let go of it.
    pub body: String,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Where the body is in the file it was read from.
    pub body_file: Option<BodyFile>,
    /// The digest of the body let go of, to know it again when read again.
    pub released_body: Option<u64>,
}

/// Where a case's body is in its file: a build lets go of every body once
/// its search texts are made and reads it again for its page (at 100,000
/// cases of real length, the bodies are 600 MB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFile {
    pub path: std::path::PathBuf,
    /// Its bytes in the file.
    pub range: std::ops::Range<usize>,
}

impl Case {
    /// Let go of the body of a case read from a file, keeping its digest:
    /// [`Case::body_text`] reads it again. A case made without a file
    /// keeps its body.
    pub fn release_body(&mut self) {
        if self.body_file.is_some() && self.released_body.is_none() {
            self.released_body = Some(body_digest(self.body.as_bytes()));
            self.body = String::new();
        }
    }

    /// The Markdown body, read again from its file if it was let go of.
    /// Fails if the file no longer holds the same body (it was edited
    /// while the site was built) or cannot be read as the build read it.
    pub fn body_text(&self) -> anyhow::Result<std::borrow::Cow<'_, str>> {
        let (Some(digest), Some(file)) = (self.released_body, &self.body_file) else {
            return Ok(std::borrow::Cow::Borrowed(&self.body));
        };
        let changed = || anyhow::anyhow!("{} changed while the site was built; build again", self.path);
        let mut bytes = match crate::inside::read_walked_file(&file.path, crate::load::MAX_FILE_BYTES) {
            Ok(crate::inside::WalkedFile::Bytes(bytes)) => bytes,
            _ => return Err(changed()),
        };
        if bytes
            .get(file.range.clone())
            .is_none_or(|body| body_digest(body) != digest)
        {
            return Err(changed());
        }
        bytes.truncate(file.range.end);
        bytes.drain(..file.range.start);
        String::from_utf8(bytes)
            .map(std::borrow::Cow::Owned)
            .map_err(|_| changed())
    }

    /// `se/digital-colleague`: the case's identity in URLs, search results
    /// and data files.
    pub fn id(&self) -> String {
        format!("{}/{}", self.country.to_lowercase(), self.slug)
    }

    /// The case file's path inside the catalogue folder,
    /// `cases/SE/digital-colleague.md`: the last three parts of the path it
    /// was read from (the loader takes only files directly inside a country
    /// folder of `cases/`), or, for a case made without a file, where its
    /// file would be.
    pub fn catalogue_file(&self) -> String {
        let parts: Vec<&str> = self.path.rsplitn(4, '/').collect();
        match parts.as_slice() {
            [file, folder, "cases", ..] => format!("cases/{folder}/{file}"),
            _ => format!("cases/{}/{}.md", self.country, self.slug),
        }
    }

    /// The title to show a reader of `language`, and the language it is
    /// in: its translation, else (in the case's own language, when that is
    /// not English) its local title, else the English title.
    pub fn title_in<'a>(&'a self, language: &'a str) -> (&'a str, &'a str) {
        if let Some(title) = self.translations.get(language).and_then(|t| t.title.as_deref()) {
            return (title, language);
        }
        match &self.title_local {
            // The English title is the title in English, whatever the local one says.
            Some(local) if language == self.language && language != ORIGINAL_LANGUAGE => {
                (local, &self.language)
            }
            _ => (&self.title, ORIGINAL_LANGUAGE),
        }
    }

    /// The summary to show a reader of `language`, and the language it is
    /// in: its translation, else the English summary.
    pub fn summary_in<'a>(&'a self, language: &'a str) -> (&'a str, &'a str) {
        match self.translations.get(language).and_then(|t| t.summary.as_deref()) {
            Some(summary) => (summary, language),
            None => (&self.summary, ORIGINAL_LANGUAGE),
        }
    }

    /// Whether the case shows co-operation on the network page: two or more
    /// municipalities named, or a co-operation body.
    pub fn names_partners(&self) -> bool {
        self.municipalities.len() >= 2 || !self.bodies.is_empty()
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

/// The whole validated catalogue, cases sorted by country and slug.
#[derive(Debug)]
pub struct Catalogue {
    pub config: Config,
    pub register: Register,
    pub thesaurus: crate::search::thesaurus::Thesaurus,
    /// The map's country outlines (a plain frame when the file is absent).
    pub outlines: crate::map::Outlines,
    pub cases: Vec<Case>,
    /// The studies of the research mapping (`research/*.bib`), sorted by
    /// key; empty without the folder.
    pub studies: Vec<crate::research::Study>,
    /// The style the studies are cited in (`[research] style`), loaded
    /// only when there are studies: loading one decodes every locale
    /// hayagriva bundles.
    pub citation_style: Option<crate::research::CitationStyle>,
    /// The citation of each study of `studies`, in the same order.
    pub citations: Vec<crate::research::Citation>,
    /// Cases taken out of the catalogue, whose addresses say so.
    pub withdrawn: Vec<crate::withdrawn::Withdrawn>,
}

/// Two municipalities that take part in the same cases, and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityPair {
    pub first: MunicipalityRef,
    pub second: MunicipalityRef,
    pub shared: usize,
}

/// Every pair of municipalities named together by a case (named, not
/// covered through a body), ordered by territory and code.
pub fn municipality_pairs(cases: &[Case]) -> Vec<MunicipalityPair> {
    fn key(municipality: &MunicipalityRef) -> (&str, &str) {
        (&municipality.territory, &municipality.code)
    }
    // Every pair as it is named, sorted once, then counted: a sorted map
    // keyed by cloned names cost four allocations per pair named, and
    // `serve` makes the pairs again after every edit.
    let mut named: Vec<(&MunicipalityRef, &MunicipalityRef)> = Vec::new();
    for case in cases {
        let mut members: Vec<&MunicipalityRef> = case.municipalities.iter().collect();
        members.sort_by(|a, b| key(a).cmp(&key(b)));
        members.dedup_by(|a, b| key(a) == key(b));
        for (i, first) in members.iter().enumerate() {
            for second in &members[i + 1..] {
                named.push((first, second));
            }
        }
    }
    // Stable: of a pair named by several cases, the first case's names
    // are kept.
    named.sort_by(|a, b| (key(a.0), key(a.1)).cmp(&(key(b.0), key(b.1))));
    let mut pairs: Vec<MunicipalityPair> = Vec::new();
    for (first, second) in named {
        match pairs.last_mut() {
            Some(last) if key(&last.first) == key(first) && key(&last.second) == key(second) => {
                last.shared += 1
            }
            _ => pairs.push(MunicipalityPair {
                first: first.clone(),
                second: second.clone(),
                shared: 1,
            }),
        }
    }
    pairs
}

/// The ordinals of the `count` cases reviewed last, the latest first and
/// by id on a tie (the feed's entries, the home page's newest). Only the
/// cases reviewed on or after the `count`-th latest date are sorted:
/// `serve` makes both again after every edit, and sorting every case by
/// an id made for each was most of that.
pub fn most_recently_reviewed(cases: &[Case], count: usize) -> Vec<usize> {
    let mut dates: Vec<_> = cases.iter().map(|case| case.reviewed).collect();
    let threshold = count
        .checked_sub(1)
        .filter(|&nth| nth < dates.len())
        .map(|nth| *dates.select_nth_unstable_by(nth, |a, b| b.cmp(a)).1);
    let mut candidates: Vec<usize> = (0..cases.len())
        .filter(|&ordinal| threshold.is_none_or(|threshold| cases[ordinal].reviewed >= threshold))
        .collect();
    candidates
        .sort_by_cached_key(|&ordinal| (std::cmp::Reverse(cases[ordinal].reviewed), cases[ordinal].id()));
    candidates.truncate(count);
    candidates
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_body_let_go_of_is_read_again_unless_its_file_changed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("case.md");
        let text = "+++\ntitle = \"T\"\n+++\n\n## Bakgrund\n\nÅtta kommuner.\n";
        std::fs::write(&path, text).unwrap();
        let start = text.find("\n## ").unwrap();
        let mut read = case("sv", None);
        read.body = text[start..].to_string();
        read.body_file = Some(BodyFile {
            path: path.clone(),
            range: start..text.len(),
        });
        let mut released = read.clone();
        released.release_body();
        assert!(released.body.is_empty(), "let go of");
        assert_eq!(released.body_text().unwrap(), read.body);
        // Once let go of, twice is the same.
        let digest = released.released_body;
        released.release_body();
        assert_eq!(released.released_body, digest);

        // The front matter edited, the body where it was: still the body.
        std::fs::write(&path, text.replacen("\"T\"", "\"U\"", 1)).unwrap();
        assert_eq!(released.body_text().unwrap(), read.body);
        // The body edited, made shorter, or the file gone or a link:
        // never another text than the one the build checked.
        let shorter = &text[..text.len() - 3];
        for edited in [text.replace("Åtta", "Nio!"), shorter.to_string()] {
            std::fs::write(&path, &edited).unwrap();
            let error = released.body_text().unwrap_err().to_string();
            assert!(error.contains("changed while the site was built"), "{error}");
        }
        std::fs::remove_file(&path).unwrap();
        assert!(released.body_text().is_err());
        #[cfg(unix)]
        {
            let elsewhere = folder.path().join("elsewhere.md");
            std::fs::write(&elsewhere, text).unwrap();
            std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
            assert!(released.body_text().is_err(), "a link is not followed");
        }

        // A case made without a file keeps its body.
        let mut made = case("en", None);
        made.body = "## Made\n".to_string();
        made.release_body();
        assert_eq!(made.body_text().unwrap(), "## Made\n");
    }

    #[test]
    fn the_latest_reviews_are_those_of_a_sort_of_every_case() {
        // Many cases on a few dates: ties at the cut are broken by id.
        let cases: Vec<Case> = (0..40)
            .map(|n| {
                let mut case = case("en", None);
                case.slug = format!("case-{}", (n * 7) % 40);
                case.reviewed = jiff::civil::date(2026, 1 + (n % 3) as i8, 1);
                case
            })
            .collect();
        for count in [0, 1, 5, 13, 14, 39, 40, 41] {
            let mut everything: Vec<usize> = (0..cases.len()).collect();
            everything
                .sort_by_key(|&ordinal| (std::cmp::Reverse(cases[ordinal].reviewed), cases[ordinal].id()));
            everything.truncate(count);
            assert_eq!(most_recently_reviewed(&cases, count), everything, "{count}");
        }
    }

    /// A case for unit tests elsewhere too.
    pub(crate) fn case(language: &str, title_local: Option<&str>) -> Case {
        let mut translations = std::collections::BTreeMap::new();
        translations.insert(
            "da".to_string(),
            Translation {
                title: Some("Den digitale kollega".into()),
                summary: None,
            },
        );
        Case {
            country: "SE".into(),
            slug: "digital-colleague".into(),
            path: "cases/SE/digital-colleague.md".into(),
            title: "The digital colleague".into(),
            title_local: title_local.map(str::to_string),
            summary: "A shared space.".into(),
            translations,
            municipalities: Vec::new(),
            bodies: Vec::new(),
            categories: Vec::new(),
            service_areas: Vec::new(),
            cooperation: "shared-platform".into(),
            status: "ended".into(),
            started: PartialDate::Year(2021),
            ended: None,
            language: language.into(),
            organisations: Vec::new(),
            evaluation: None,
            tags: Vec::new(),
            evidence: Vec::new(),
            reviewed: jiff::civil::date(2026, 5, 4),
            sources: Vec::new(),
            contact: None,
            body: String::new(),
            body_line: 1,
            body_file: None,
            released_body: None,
        }
    }

    #[test]
    fn the_title_in_a_language_falls_back_to_the_local_title_then_english() {
        let swedish = case("sv", Some("Den digitala kollegan"));
        assert_eq!(swedish.title_in("da"), ("Den digitale kollega", "da"));
        assert_eq!(swedish.summary_in("da"), ("A shared space.", "en"));
        assert_eq!(swedish.title_in("sv"), ("Den digitala kollegan", "sv"));
        assert_eq!(swedish.title_in("fi"), ("The digital colleague", "en"));
        assert_eq!(swedish.title_in("en"), ("The digital colleague", "en"));
        // An English case's local title never replaces its English title.
        let english = case("en", Some("Den digitala kollegan"));
        assert_eq!(english.title_in("en"), ("The digital colleague", "en"));
    }

    #[test]
    fn pairs_are_counted_once_per_case_in_territory_and_code_order() {
        let municipality = |territory: &str, code: &str, name: &str| MunicipalityRef {
            country: territory.into(),
            territory: territory.into(),
            code: code.into(),
            name: name.into(),
        };
        let named = |members: Vec<MunicipalityRef>| Case {
            municipalities: members,
            ..case("en", None)
        };
        let cases = vec![
            // Named twice in one case: still one pair.
            named(vec![
                municipality("SE", "2480", "Umeå"),
                municipality("FI", "905", "Vaasa"),
                municipality("SE", "2480", "Umeå"),
            ]),
            named(vec![
                municipality("SE", "2480", "Umeå (later name)"),
                municipality("FI", "905", "Vaasa"),
                municipality("SE", "2418", "Malå"),
            ]),
            named(vec![municipality("NO", "5501", "Tromsø")]),
        ];
        let pairs: Vec<(String, String, usize)> = municipality_pairs(&cases)
            .into_iter()
            .map(|pair| (pair.first.name, pair.second.name, pair.shared))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("Vaasa".into(), "Malå".into(), 1),
                // The first case's names.
                ("Vaasa".into(), "Umeå".into(), 2),
                ("Malå".into(), "Umeå (later name)".into(), 1),
            ]
        );
    }
}
