//! The one integration-test binary: every test runs the real `catalogue`
//! binary on a small fixture catalogue copied into a temporary folder.

// A failed set-up step should fail the test loudly, which is what unwrap does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod appendix;
mod appendix_research;
mod architecture;
mod bodies;
mod build;
mod check;
mod cli;
mod contribute;
mod harness;
mod hostile;
mod incremental;
mod info_pages;
mod interview;
mod languages;
mod limits;
mod map;
mod output_folder;
mod pagination;
mod properties;
mod register;
mod repository;
mod research;
mod research_site;
mod robustness;
mod schema;
mod search;
mod search_quality;
mod serve;
mod settings;
mod shipped;
mod synthetic;
mod translations;
mod withdrawn;
