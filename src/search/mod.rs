//! Search: one tantivy index behind the command line and the static site.
//!
//! [`index::build`] indexes the validated catalogue with an analyzer per
//! language and the thesaurus' concepts, and reads the index back into
//! [`SearchData`]: stems with their per-case BM25 scores, the vocabulary
//! of surface forms, thesaurus phrases and facets. [`engine`] runs queries
//! over it for `catalogue search`; [`shards`] cuts the entries into the
//! pieces the browser fetches, which the export stage
//! ([`crate::export::search`]) writes as static files that the browser
//! client queries the same way.

pub mod analysis;
pub mod engine;
pub mod index;
pub mod shards;
pub mod thesaurus;

pub use engine::{CASE, Filters, Matched, Results, STUDY, Via};
pub use index::SearchData;
pub use thesaurus::Thesaurus;
