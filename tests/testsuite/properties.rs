//! Property tests: rules that must hold for every input, not only the
//! examples we thought of.

use proptest::prelude::*;

use catalogue::source::{LineCol, SourceFile};

/// Line and column the slow, obvious way: count lines, then characters
/// (a CR before LF is not a column).
fn naive_line_col(text: &str, offset: usize) -> LineCol {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_text = before.rsplit('\n').next().unwrap_or("");
    LineCol {
        line,
        column: line_text.chars().filter(|&c| c != '\r').count() + 1,
    }
}

fn nordic_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("å"),
            Just("ø"),
            Just("Þ"),
            Just("\r\n"),
            Just("\n"),
            Just("a"),
            Just(" "),
            Just("€"),
            Just("𝄞")
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn line_and_column_count_characters_across_crlf(text in nordic_text(), pick in 0usize..1000) {
        let file = SourceFile::new("x.md", text.clone());
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let offset = boundaries[pick % boundaries.len()];
        // A CR belongs to its line ending; skip the offset just before LF.
        prop_assume!(!text[offset..].starts_with('\n') || !text[..offset].ends_with('\r'));
        prop_assert_eq!(file.line_col(offset), naive_line_col(&text, offset));
    }

    #[test]
    fn suggested_slugs_are_valid_slugs(text in "\\PC{0,100}") {
        let slug = catalogue::slug::suggest_slug(&text);
        prop_assert!(slug.is_empty() || catalogue::slug::is_valid_slug(&slug), "{:?}", slug);
    }

    #[test]
    fn valid_slugs_are_lowercase_words_joined_by_single_hyphens(slug in "[a-z0-9-]{0,90}") {
        let expected = !slug.is_empty()
            && slug.len() <= 80
            && !slug.starts_with('-')
            && !slug.ends_with('-')
            && !slug.contains("--");
        prop_assert_eq!(catalogue::slug::is_valid_slug(&slug), expected);
    }

    #[test]
    fn the_sanitiser_never_lets_executable_content_through(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<script>alert(1)</script>"), Just("<SCRIPT SRC=//x>"), Just("<img src=x onerror=alert(1)>"),
                Just("<a href=\"javascript:alert(1)\">x</a>"), Just("<a href=\"JaVaScRiPt:x\">y</a>"),
                Just("[l](javascript:alert(1))"), Just("<iframe src=//x>"), Just("<svg/onload=alert(1)>"),
                Just("<div style=\"background:url(//x)\">"), Just("<object data=x>"), Just("<form action=//x>"),
                Just("<a href=\"data:text/html,x\">d</a>"), Just("<meta http-equiv=refresh>"), Just("<base href=//x>"),
                Just("**bold** "), Just("\n\n"), Just("<"), Just(">"), Just("\""), Just("`code`"), Just("| a |\n|---|\n"),
                Just("<p onmouseover=x>"), Just("<style>x{}</style>"), Just("<link rel=stylesheet href=//x>"),
            ],
            0..25,
        )
    ) {
        let html = catalogue::markdown::render_body(&parts.concat()).html.to_lowercase();
        // Text is escaped, so every `<` left in the output opens a real tag:
        // check the tags, where executable content would have to be.
        let tags: Vec<&str> = html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest)).collect();
        for tag in tags {
            let name = tag.trim_start_matches('/').split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
            prop_assert!(
                !["script", "iframe", "object", "embed", "form", "meta", "base", "style", "link", "img", "svg"].contains(&name),
                "<{}> in {}", tag, html
            );
            for attribute in ["onerror", "onload", "onmouseover", "style=\"background", "javascript:", "data:", "vbscript:"] {
                prop_assert!(!tag.contains(attribute), "{} in <{}>", attribute, tag);
            }
        }
    }
}

/// The same cases written to disk in a different order (so that the file
/// system lists them differently) give byte-identical sites.
#[test]
fn the_build_does_not_depend_on_the_order_files_were_written() {
    let valid =
        std::fs::read_to_string(crate::harness::fixtures().join("valid/cases/SE/digital-colleague.md"))
            .unwrap();
    let names: Vec<String> = (0..25).map(|i| format!("case-{:02}", (i * 7) % 25)).collect();
    let mut sites = Vec::new();
    for order in [names.clone(), names.iter().rev().cloned().collect()] {
        let catalogue = crate::harness::TestCatalogue::base();
        for name in &order {
            catalogue.write(
                &format!("cases/SE/{name}.md"),
                valid.replace("The digital colleague", name),
            );
        }
        let output = catalogue.build_site();
        assert!(output.status.success());
        let site = catalogue.dir.path().join("site");
        let files = crate::harness::tree(&site);
        sites.push(files);
    }
    assert!(sites[0] == sites[1], "the two builds differ");
}

/// Heading texts that collide: equal ones, ones that slug alike, literal
/// suffixes (`a-2`), ids the page templates keep (`main`), nothing to slug.
fn colliding_heading() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_string()),
        Just("A!".to_string()),
        Just("a 2".to_string()),
        Just("a-2".to_string()),
        Just("a-2-2".to_string()),
        Just("a-3".to_string()),
        Just("Main".to_string()),
        Just("fn-a".to_string()),
        Just("section".to_string()),
        Just("!!".to_string()),
        "[a-c]{1,2}(-[2-4]){0,2}",
    ]
}

proptest! {
    /// Heading and footnote ids: each once on the page, the same on every
    /// render, and the ids the search from `-2` upwards gave before they
    /// were found by counting (published anchors do not move). The HTML
    /// appendix renders bodies with the same function, so its ids are these.
    #[test]
    fn heading_and_footnote_ids_are_unique_stable_and_unchanged(
        headings in proptest::collection::vec(colliding_heading(), 0..40),
        labels in proptest::collection::vec("[a!?-]{1,3}", 0..10),
    ) {
        let mut body = String::new();
        for heading in &headings {
            body.push_str(&format!("## {heading}\n\n"));
        }
        for label in &labels {
            body.push_str(&format!("x[^{label}]\n\n"));
        }
        for label in &labels {
            body.push_str(&format!("[^{label}]: note\n\n"));
        }
        let rendered = catalogue::markdown::render_body(&body);
        let again = catalogue::markdown::render_body(&body);
        prop_assert_eq!(&rendered.html, &again.html);

        // The ids of the elements (links to them are `href="#..."`).
        let ids: Vec<&str> = rendered.html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        prop_assert_eq!(ids.len(), unique.len(), "{}", rendered.html);
        for reserved in ["content", "main", "search", "facts", "sources", "related", "top"] {
            prop_assert!(!unique.contains(reserved));
        }

        // The old way, for headings (they come first): try base, base-2, ...
        let reserved = ["content", "main", "search", "facts", "sources", "related", "top"];
        let mut used = std::collections::HashSet::new();
        let expected: Vec<String> = headings.iter().map(|heading| {
            let slug = catalogue::slug::suggest_slug(heading);
            let base = if slug.is_empty() { "section".to_string() } else { slug };
            let mut id = base.clone();
            let mut counter = 2;
            while used.contains(&id) || reserved.contains(&id.as_str()) {
                id = format!("{base}-{counter}");
                counter += 1;
            }
            used.insert(id.clone());
            id
        }).collect();
        let actual: Vec<String> = rendered.headings.iter().map(|heading| heading.id.clone()).collect();
        prop_assert_eq!(actual, expected);
    }

    /// A table of any shape: the cells the limit counts are the cells the
    /// appendix lays out (every row padded to the columns) and the cells of
    /// the site's table, and its words are on both.
    #[test]
    fn table_cells_are_counted_as_laid_out(
        columns in 1usize..8,
        rows in proptest::collection::vec(0usize..10, 0..12),
    ) {
        let mut body = String::from("|");
        for column in 0..columns {
            body.push_str(&format!(" h{column} |"));
        }
        body.push_str("\n|");
        body.push_str(&"---|".repeat(columns));
        body.push('\n');
        for (row, cells) in rows.iter().enumerate() {
            body.push('|');
            for cell in 0..*cells {
                body.push_str(&format!(" r{row}c{cell} |"));
            }
            body.push('\n');
        }
        let limits = catalogue::validate::limits::BodyLimits::default();
        let counted = catalogue::validate::limits::count(&body, &limits).table_cells.total;

        let tree = catalogue::appendix::tree::convert(&body);
        let laid_out: usize = tree.blocks.iter().map(|block| match block {
            catalogue::appendix::tree::Block::Table { head, rows, .. } => {
                head.len() + rows.iter().map(Vec::len).sum::<usize>()
            }
            _ => 0,
        }).sum();
        let html = catalogue::markdown::render_body(&body).html;
        let site_cells = html.matches("<td").count() + html.matches("<th").count() - html.matches("<thead").count();
        prop_assert_eq!(counted as usize, laid_out, "{}", body);
        prop_assert_eq!(laid_out, site_cells, "{}", html);
        // Every row has all the columns (a line of only `|` ends the table).
        prop_assert_eq!(laid_out % columns, 0);
        prop_assert!(laid_out > 0 && laid_out <= (rows.len() + 1) * columns);
    }
}
