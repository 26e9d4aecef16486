//! The realistic benchmark corpus of `examples/synthetic.rs --realistic`:
//! every case it writes passes `catalogue check`, its bodies have the
//! lengths, sections, lists, tables and footnotes it promises, the Hugo
//! site gets the same bodies, and a seed always gives the same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::catalogue_command;

// The example is compiled into the test binary, so that the test runs the
// generator itself rather than a binary cargo may not have built.
#[allow(dead_code)]
#[path = "../../examples/synthetic.rs"]
mod generator;

fn generate(count: usize, out: &Path, seed: u64, extra: &[&str]) {
    let mut args = vec![count.to_string(), out.display().to_string(), seed.to_string()];
    args.extend(extra.iter().map(|arg| arg.to_string()));
    generator::generate(&generator::Options::from_args(args).unwrap()).unwrap();
}

/// Each case file's path (below `cases/`) and text, in path order.
fn case_files(root: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .map(|entry| {
            let relative = entry.path().strip_prefix(root).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            (relative.display().to_string().to_lowercase(), text)
        })
        .collect()
}

fn body(text: &str) -> &str {
    text.split_once("\n+++\n").unwrap().1
}

#[test]
fn realistic_cases_pass_check_and_look_like_real_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (catalogue, hugo) = (dir.path().join("catalogue"), dir.path().join("hugo"));
    let hugo_arg = hugo.display().to_string();
    generate(200, &catalogue, 7, &["--realistic", "--hugo", &hugo_arg]);

    let output = catalogue_command()
        .args(["check", "--format", "short", "--catalogue"])
        .arg(&catalogue)
        .output()
        .unwrap();
    // The diagnostics go to stdout, the summary to stderr.
    let report = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
    assert!(report.contains("0 errors, 0 warnings"), "{report}");

    let cases = case_files(&catalogue.join("cases"));
    assert_eq!(cases.len(), 200);
    let lengths: Vec<usize> = cases.values().map(|text| generator::words(body(text))).collect();
    assert!(lengths.iter().all(|n| (200..=1_500).contains(n)), "{lengths:?}");
    let mean = lengths.iter().sum::<usize>() / lengths.len();
    assert!((520..=680).contains(&mean), "mean {mean} words");

    let mut languages = std::collections::BTreeSet::new();
    let (mut tables, mut bullets, mut numbered, mut footnotes) = (0, 0, 0, 0);
    for text in cases.values() {
        let body = body(text);
        assert_eq!(body.matches("\n## ").count(), 4, "{body}");
        let language = text
            .split("language = \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        languages.insert(language.to_string());
        tables += usize::from(body.contains("\n|---|"));
        bullets += usize::from(body.contains("\n- "));
        numbered += usize::from(body.contains("\n1. "));
        // Every footnote defined is referred to, and the other way round.
        let notes = body.matches("\n[^").count();
        assert_eq!(body.matches("[^").count(), 2 * notes, "{body}");
        footnotes += usize::from(notes > 0);
    }
    let expected = ["da", "en", "fi", "is", "nb", "nn", "sv"];
    assert_eq!(languages.iter().map(String::as_str).collect::<Vec<_>>(), expected);
    for (what, count) in [
        ("tables", tables),
        ("bullets", bullets),
        ("numbered", numbered),
        ("footnotes", footnotes),
    ] {
        assert!((10..=150).contains(&count), "{count} bodies with {what}");
    }

    // Hugo renders the same Markdown.
    let hugo_cases = case_files(&hugo.join("content/cases"));
    assert_eq!(hugo_cases.len(), cases.len());
    for ((ours, text), (theirs, hugo_text)) in cases.iter().zip(&hugo_cases) {
        assert_eq!(ours, theirs);
        assert_eq!(body(text), body(hugo_text), "{ours}");
    }
}

#[test]
fn a_seed_always_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--realistic"][..]] {
        let (first, second) = (dir.path().join("first"), dir.path().join("second"));
        generate(30, &first, 3, extra);
        generate(30, &second, 3, extra);
        assert_eq!(case_files(&first), case_files(&second), "{extra:?}");
        generate(30, &second, 4, extra);
        assert_ne!(case_files(&first), case_files(&second), "{extra:?}");
    }
}
