//! No input makes `check` panic: empty, binary, truncated and huge files.

use crate::harness::{TestCatalogue, fixtures, json_diagnostics};

fn codes(catalogue: &TestCatalogue) -> Vec<String> {
    let output = catalogue.check("json");
    assert!(matches!(output.status.code(), Some(0 | 1)), "crashed: {output:?}");
    json_diagnostics(&output)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn binary_files_are_diagnosed() {
    let catalogue = TestCatalogue::base();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    catalogue.write("cases/SE/binary.md", &bytes);
    catalogue.write("cases/SE/nul.md", b"+++\ntitle = \"a\0b\"\n+++\n");
    catalogue.write("cases/SE/utf16.md", [0xff, 0xfe, b'+', 0, b'+', 0, b'+', 0]);
    let found = codes(&catalogue);
    assert!(found.contains(&"E0101".to_string()), "{found:?}");
}

#[test]
fn files_over_the_limit_are_refused_unread() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    let huge = format!(
        "{valid}\n{}",
        "Lorem ipsum dolor sit amet. ".repeat(10 * 1024 * 1024 / 28)
    );
    catalogue.write("cases/SE/huge.md", huge.as_bytes());
    assert_eq!(codes(&catalogue), ["E0105"]);
    let output = catalogue.check("human");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("the file is 10.0 MiB; a case file may be at most 1 MiB")
    );

    // Just under the limit is fine, however long the body.
    let big = format!(
        "{valid}\n{}",
        "Lorem ipsum dolor sit amet.\n".repeat(900 * 1024 / 28)
    );
    catalogue.write("cases/SE/huge.md", big.as_bytes());
    assert_eq!(codes(&catalogue), Vec::<String>::new());
}

/// Every prefix of a valid case (a file cut off anywhere, as by a failed
/// upload) gives diagnostics, never a panic. Runs in-process: 1,000+ runs.
#[test]
fn a_file_truncated_anywhere_is_diagnosed() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read(fixtures().join("valid/cases/NO/vefsn-crlf-bom.md")).unwrap();
    let paths = catalogue::CataloguePaths::new(catalogue.root());
    let today = jiff::civil::date(2026, 11, 25);
    let text = String::from_utf8_lossy(&valid);
    let closing_fence = text.find("\r\n+++\r\n").unwrap() + 2;
    for cut in 0..valid.len() {
        catalogue.write("cases/NO/vefsn.md", &valid[..cut]);
        let checked = catalogue::check(&paths, today).unwrap();
        // Until the closing fence is complete the front matter is broken;
        // after it, a cut body only loses sections (warnings).
        if cut < closing_fence + 3 {
            assert!(checked.has_errors(), "cut at {cut}: no error");
        }
    }
}

#[test]
fn empty_and_whitespace_files_are_diagnosed() {
    let catalogue = TestCatalogue::base();
    catalogue.write("cases/SE/empty.md", b"");
    catalogue.write("cases/SE/blank.md", b" \n\r\n\t\n");
    catalogue.write("cases/SE/fences.md", b"+++\n+++\n");
    let found = codes(&catalogue);
    assert_eq!(found.iter().filter(|c| *c == "E0102").count(), 2, "{found:?}");
    assert!(found.contains(&"E0201".to_string()));
}
