//! The shape of the pipeline: every `crate::` path in `src/` points down
//! the layers below, never back up, so that the stages read in order
//! (README, "Architecture"). A new top-level module must be given a layer
//! here; an import that points up fails, unless the allow-list names it
//! with its reason; an allow-list entry no import needs any more fails
//! too, so the list only shrinks.
//!
//! Test modules (`#[cfg(test)]` to the end of a file) may reach up: they
//! build whole catalogues as fixtures.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, bottom to top. A module may import its own layer and those
/// below it.
const LAYERS: &[(&str, &[&str])] = &[
    // `output` writes pages and knows nothing else: every stage that makes
    // files hands them to it, so it sits at the bottom of the imports
    // though it is the last stage of the data.
    (
        "foundation",
        &["source", "diag", "inside", "output", "html", "slug", "suggest"],
    ),
    (
        "configuration and the field table",
        &["config", "schema", "case_file"],
    ),
    ("load", &["load"]),
    ("the other inputs", &["register", "bodies", "withdrawn"]),
    ("the model", &["model", "markdown"]),
    ("validate", &["validate"]),
    // The research files are an input like the register, but their URL
    // rule is the case sources' (validate's E0501).
    ("research", &["research"]),
    ("search", &["search"]),
    ("render", &["render", "map"]),
    ("export", &["export"]),
    // The code table gathers the codes of every stage that reports.
    ("the code table", &["codes"]),
    ("pipeline", &["pipeline"]),
    (
        "products",
        &[
            "appendix",
            "serve",
            "incremental",
            "scaffold",
            "format",
            "json_schema",
            "contributing",
            "cli",
        ],
    ),
    ("front page", &["lib", "main"]),
];

/// (file, module it imports, why) for the imports that point up today.
/// `*` stands for any module.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "src/config.rs",
        "validate",
        "BodyLimits (the [limits] table) is defined beside the rules that use it, and the [site] contact e-mail is checked by the one e-mail rule of case contacts",
    ),
    (
        "src/model.rs",
        "search",
        "the catalogue carries the parsed thesaurus, an input read beside the register",
    ),
    (
        "src/model.rs",
        "research",
        "the catalogue carries the studies of the research mapping, an input read beside the register whose checks reuse a case rule",
    ),
    (
        "src/model.rs",
        "map",
        "the catalogue carries the parsed map outlines, an input read beside the register",
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

fn source_files(folder: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

/// The top-level module of a file below `src/`: `src/render/urls.rs` →
/// `render`.
fn module_of(relative: &str) -> String {
    let first = relative.trim_start_matches("src/").split('/').next().unwrap();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its comments and its test module.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if !trimmed.starts_with("//") {
            code.push_str(line);
            code.push('\n');
        }
    }
    code
}

fn is_identifier(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The first segment of every `crate::` path: `crate::render::urls` and
/// `use crate::{pipeline::check, render}` give `render`, `pipeline` and
/// `render`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| is_identifier(c) || c == '$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (index, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && is_identifier(c) => {
                        let name: String = group[index..].chars().take_while(|&c| is_identifier(c)).collect();
                        found.insert(name);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_identifier(c)).collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

fn allowed(file: &str, target: &str) -> Option<usize> {
    ALLOWED.iter().position(|(allowed_file, allowed_target, _)| {
        *allowed_file == file && (*allowed_target == "*" || *allowed_target == target)
    })
}

#[test]
fn imports_point_down_the_pipeline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    source_files(&root.join("src"), &mut files);
    files.sort();
    let mut upward = Vec::new();
    let mut unplaced = BTreeSet::new();
    let mut used = BTreeSet::new();
    for path in &files {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = module_of(&relative);
        let Some(layer) = layer_of(&module) else {
            unplaced.insert(module);
            continue;
        };
        let code = code_of(&std::fs::read_to_string(path).unwrap());
        for target in crate_paths(&code) {
            // A name that is no module is an item of lib.rs (a re-export).
            let target_layer = layer_of(&target).unwrap_or(LAYERS.len() - 1);
            if target == module || target_layer <= layer {
                continue;
            }
            match allowed(&relative, &target) {
                Some(entry) => {
                    used.insert(entry);
                }
                None => upward.push(format!(
                    "{relative} ({}) imports crate::{target} ({})",
                    LAYERS[layer].0, LAYERS[target_layer].0
                )),
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "these modules have no layer in tests/testsuite/architecture.rs: {unplaced:?}"
    );
    assert!(
        upward.is_empty(),
        "imports that point up the pipeline (import from a lower layer, or move the code):\n{}",
        upward.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .enumerate()
        .filter(|(index, _)| !used.contains(index))
        .map(|(_, (file, target, _))| format!("{file} → {target}"))
        .collect();
    assert!(
        stale.is_empty(),
        "allow-list entries no import needs any more (remove them): {stale:?}"
    );
}

#[test]
fn crate_paths_are_read_from_paths_and_groups() {
    let code = "use crate::render::urls;\nuse crate::{pipeline::{check, CataloguePaths}, output};\nlet x = crate::today();\nmacro_rules! m { () => { $crate::x } }\n";
    let found: Vec<String> = crate_paths(code).into_iter().collect();
    assert_eq!(found, ["output", "pipeline", "render", "today"]);
    assert_eq!(module_of("src/render/urls.rs"), "render");
    assert_eq!(module_of("src/lib.rs"), "lib");
    assert_eq!(
        code_of("use crate::a;\n/// [`crate::b`]\n#[cfg(test)]\nmod tests { use crate::c; }\n"),
        "use crate::a;\n"
    );
}
