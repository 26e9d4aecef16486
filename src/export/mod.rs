//! The export stage: the site's files that are not pages, made after the
//! render stage from the same catalogue and search data.
//!
//! - [`feed`]: the Atom feed of the most recently reviewed cases;
//! - [`sitemap`]: every page the render stage listed;
//! - [`search`]: the search files the browser client queries;
//! - [`contribute`]: the register and the empty case file the "Propose a
//!   case" form offers;
//! - [`open_data`]: every case as JSON and CSV (`data/`), which the report
//!   appendix also writes, and the pairs of co-operating municipalities;
//! - [`bibliography`]: the research mapping's studies as BibTeX, RIS,
//!   CSL-JSON, CSV and JSON (`data/`).
//!
//! A [`Selection`] exports only what an edit reached (`serve`), with the
//! open-data records of the previous export kept in [`Records`].

pub mod bibliography;
pub mod contribute;
pub mod feed;
pub mod open_data;
pub mod search;
pub mod sitemap;

pub use open_data::{CSV_COLUMNS, CaseRecord, Records, cases_csv, cases_json};

use rayon::prelude::*;

use crate::model::Catalogue;
use crate::output::PageSink;
use crate::render::{Rendered, Selection, Theme};
use crate::search::SearchData;

/// Export the files `selection` asks for, handing each to `sink`, all
/// but the search shards ([`search_shards`]). Returns how many files the
/// export has (those left as they are included). With `records`, the open
/// data is kept there for the next edit; without, each file is let go of
/// once written.
pub fn export_site(
    catalogue: &Catalogue,
    search: &SearchData,
    theme: &Theme,
    rendered: &Rendered,
    selection: &Selection,
    records: Option<&mut Records>,
    sink: PageSink<'_>,
) -> anyhow::Result<usize> {
    let language = &catalogue.config.site.language;
    // The sitemap is left as it is when an edit changed no review date
    // and no case's place in the lists.
    let sitemap_kept = !selection.wants(|a| a.sitemap);
    // Made here, written below on every core: a card per case makes
    // thousands of small files, which one thread wrote while the other
    // core waited (a fifth of a 10,000-case build's wall time).
    let mut pages = Vec::new();
    let by_review = crate::model::most_recently_reviewed(&catalogue.cases, feed::FEED_ENTRIES);
    let feed_kept = !selection.wants(|a| a.reaches_newest(&by_review));
    if !feed_kept {
        pages.push(feed::feed(catalogue, &by_review, language, theme, rendered)?);
    }
    if !sitemap_kept {
        pages.push(sitemap::sitemap(catalogue, language, theme, rendered)?);
    }
    let (search_pages, search_written) = search_files(catalogue, search, rendered, selection, sink)?;
    pages.extend(search_pages);
    // So is the pairs download when no edit changed which municipalities
    // a case names together.
    let pairs_kept = !selection.wants(|a| a.pairs);
    if !pairs_kept {
        pages.push(open_data::cooperation_pairs_csv(&catalogue.cases)?);
    }
    pages.extend(bibliography::pages(&catalogue.studies, &catalogue.cases)?);
    // The form's files come from catalogue.toml and the register alone,
    // whose edits always get a full build: an edit of a case keeps them.
    let form_kept = matches!(selection, Selection::Only(_));
    if !form_kept {
        pages.push(contribute::register_json(catalogue)?);
        pages.push(contribute::case_template(catalogue));
    }
    pages.par_iter().try_for_each(sink)?;
    let mut count = pages.len();
    // The open data after the other files are let go of: at 100,000
    // cases each is 100 MB or more, and so is the sitemap while tera makes
    // it.
    drop(pages);
    match records {
        Some(records) => {
            records.refresh(&catalogue.cases, language, selection)?;
            let pages = records.take_pages();
            let written = pages.par_iter().try_for_each(sink);
            count += pages.len();
            records.put_back(pages);
            written?;
        }
        None => count += open_data::write_records(&catalogue.cases, language, sink)?,
    }
    let kept = [feed_kept, sitemap_kept, pairs_kept, form_kept, form_kept];
    Ok(count + search_written + kept.into_iter().filter(|&kept| kept).count())
}

/// The search shards `selection` asks for (all, or those holding a key
/// an edit reached), handed to `sink`; returns how many. Apart from the
/// rest of the export: they are the vocabulary's only reader, which a
/// build lets go of once they are written, before rendering.
pub fn search_shards(
    search: &SearchData,
    selection: &Selection,
    sink: PageSink<'_>,
) -> anyhow::Result<usize> {
    let keys = match selection {
        Selection::All => None,
        Selection::Only(affected) => Some(&affected.search_keys),
    };
    search::write_shards(search, keys, sink)
}

/// The search files but the shards, or with a selection, those an edit
/// reached: the cards written through `sink`, the rest returned, with the
/// number written.
fn search_files(
    catalogue: &Catalogue,
    data: &SearchData,
    rendered: &Rendered,
    selection: &Selection,
    sink: PageSink<'_>,
) -> anyhow::Result<(Vec<crate::output::Page>, usize)> {
    let language = &catalogue.config.site.language;
    let changed = match selection {
        Selection::All => None,
        Selection::Only(affected) => Some(search::Changed {
            ordinals: &affected.edited,
            facets: affected.facets,
            titles: affected.titles,
        }),
    };
    // Made of every case (titles, municipalities, bodies): only when the
    // files listing them are written again.
    let facets = selection.wants(|a| a.facets);
    let labels: Vec<(String, search::Labels)> = if facets || selection.wants(|a| a.titles) {
        rendered
            .languages
            .iter()
            .zip(&rendered.strings)
            .map(|(site_language, strings)| {
                let in_language = search::labels(catalogue, &site_language.code, strings, facets);
                (site_language.code.clone(), in_language)
            })
            .collect()
    } else {
        Vec::new()
    };
    let languages: Vec<&str> = rendered.languages.iter().map(|l| l.code.as_str()).collect();
    search::export(
        data,
        &|ordinal| match ordinal.checked_sub(catalogue.cases.len()) {
            Some(study) => catalogue
                .studies
                .get(study)
                .map(|study| search::study_card(language, study)),
            None => catalogue
                .cases
                .get(ordinal)
                .map(|case| search::card(language, &languages, case)),
        },
        &labels,
        changed.as_ref(),
        sink,
    )
}
