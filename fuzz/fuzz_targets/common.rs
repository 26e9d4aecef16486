//! The shipped catalogue, loaded once per fuzzing process: the targets
//! check arbitrary input against real vocabularies, register and index.

use std::sync::OnceLock;

pub fn catalogue() -> &'static catalogue::model::Catalogue {
    static CATALOGUE: OnceLock<catalogue::model::Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples-catalogue");
        let paths = catalogue::CataloguePaths::new(root);
        let checked =
            catalogue::check(&paths, jiff::civil::date(2026, 11, 25)).expect("the shipped catalogue loads");
        checked.catalogue.expect("the shipped catalogue.toml is valid")
    })
}
