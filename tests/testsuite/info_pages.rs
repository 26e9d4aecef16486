//! The pages a public catalogue needs (issue 18, item 6): About, the
//! accessibility statement and the privacy note show the `[site]` settings
//! of catalogue.toml, say what is missing instead of printing a broken
//! link, are in the sitemap and the footer, and the privacy note names
//! every script of the theme that keeps data in the browser. Bad settings
//! are `check` errors (E0010) at their place.

use std::path::Path;

use crate::harness::{TestCatalogue, copy_tree, json_diagnostics, stderr};

const PAGES: [&str; 3] = ["about", "accessibility", "privacy"];

/// The base catalogue with `settings` added to `[site]`.
fn with_settings(settings: &str) -> TestCatalogue {
    let catalogue = TestCatalogue::base();
    let path = catalogue.root().join("catalogue.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let anchor = "label_languages = [\"en\", \"sv\", \"nb\", \"da\", \"fi\", \"is\"]\n";
    assert!(text.contains(anchor));
    std::fs::write(&path, text.replacen(anchor, &format!("{anchor}{settings}"), 1)).unwrap();
    catalogue
}

fn page(catalogue: &TestCatalogue, name: &str) -> String {
    let path = catalogue.dir.path().join("site").join(name).join("index.html");
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()))
}

/// The `href`s of a page.
fn links(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn the_pages_show_the_publisher_and_contact_and_are_in_the_sitemap_and_footer() {
    let catalogue = with_settings(
        r#"publisher = "Welfare & Co <Test>"
publisher_url = "https://publisher.example.org/"
project_url = "https://publisher.example.org/project?id=7"
contact_email = "catalogue@publisher.example.org"
contact_url = "https://publisher.example.org/contact/"
repository_url = "https://git.example.org/catalogue"
accessibility_statement_date = "2026-06-30"
accessibility_compliance = "partial"
"#,
    );
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    for name in PAGES {
        let html = page(&catalogue, name);
        assert!(
            html.contains("Welfare &amp; Co &lt;Test&gt;"),
            "{name}: the publisher, escaped"
        );
        assert!(
            html.contains("<a href=\"https://publisher.example.org/\">Welfare &amp; Co &lt;Test&gt;</a>"),
            "{name}: the publisher links to its website"
        );
        assert!(
            html.contains("href=\"mailto:catalogue@publisher.example.org\""),
            "{name}: the contact e-mail"
        );
        assert!(
            html.contains("href=\"https://publisher.example.org/contact/\""),
            "{name}"
        );
        assert!(!html.contains("No contact address"), "{name}");
        // Every page links to the three in its footer.
        for other in PAGES {
            assert!(
                html.contains(&if other == name {
                    "href=\"./\"".to_string()
                } else {
                    format!("href=\"../{other}/\"")
                }),
                "{name} links to {other}"
            );
        }
    }
    let about = page(&catalogue, "about");
    assert!(about.contains("href=\"https://publisher.example.org/project?id=7\""));
    assert!(about.contains("href=\"https://git.example.org/catalogue\""));
    assert!(about.contains("CONTRIBUTING.md"));
    let statement = page(&catalogue, "accessibility");
    assert!(statement.contains("This statement was prepared on 2026-06-30."));
    assert!(statement.contains("partially compliant with WCAG 2.1 level AA"));
    assert!(statement.contains("2016/2102") && statement.contains("EN 301 549"));
    assert!(statement.contains("national authority"));
    let privacy = page(&catalogue, "privacy");
    assert!(privacy.contains("no cookies"));
    // The one script of the default theme that keeps anything in the
    // browser is the form's, for its draft; the note names it and says so.
    assert!(
        privacy.contains("<code>contribute.js</code>: <code>localStorage</code>"),
        "{privacy}"
    );
    assert!(!privacy.contains("<code>search.js</code>"), "{privacy}");
    assert!(privacy.contains("keeps your unfinished draft there"));
    let home = std::fs::read_to_string(catalogue.dir.path().join("site/index.html")).unwrap();
    assert!(home.contains("href=\"accessibility/\""));
    let sitemap = std::fs::read_to_string(catalogue.dir.path().join("site/sitemap.xml")).unwrap();
    for name in PAGES {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://example.org/nordic-good-examples/{name}/</loc>"
            )),
            "{name} is not in the sitemap"
        );
    }
}

#[test]
fn without_settings_the_pages_say_what_is_missing_and_link_nowhere_broken() {
    let catalogue = TestCatalogue::base();
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    for name in PAGES {
        let html = page(&catalogue, name);
        for link in links(&html) {
            // Links within the site are relative to the page (one folder
            // down): they reach files the build wrote.
            let inside = link.starts_with("../") || link == "./" || link.starts_with('#');
            assert!(
                inside || link.starts_with("https://example.org/nordic-good-examples/"),
                "{name}: a link to {link:?}"
            );
            if let Some(below) = link.strip_prefix("../") {
                let target = catalogue
                    .dir
                    .path()
                    .join("site")
                    .join(below.split('#').next().unwrap());
                assert!(target.exists(), "{name}: {link} leads nowhere");
            }
        }
        assert!(!html.contains("mailto:"), "{name}");
        assert!(!html.contains("None") && !html.contains("{date}"), "{name}");
    }
    assert!(page(&catalogue, "about").contains("The publisher has not been named"));
    assert!(page(&catalogue, "about").contains("No contact address has been given yet."));
    let statement = page(&catalogue, "accessibility");
    assert!(statement.contains("The date this statement was prepared has not been given yet."));
    assert!(statement.contains("The publisher has not yet stated how far the site complies."));
    // No date comes from the clock.
    assert!(!statement.contains(&crate::harness::today().year().to_string()));
}

#[test]
fn bad_page_settings_are_errors_at_their_place() {
    let catalogue = with_settings(
        r#"publisher = " "
publisher_url = "javascript:alert(1)"
project_url = "https://user:secret@example.org/"
contact_email = "mailto:info@example.org"
contact_url = "example.org/contact"
repository_url = "https://exa mple.org/"
accessibility_statement_date = "30.6.2026"
accessibility_compliance = "yes"
"#,
    );
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    let expected = [
        (23, "publisher is empty"),
        (24, "publisher_url is not an http:// or https:// address"),
        (25, "project_url contains a user name or password"),
        (
            26,
            "contact_email \"mailto:info@example.org\" is not one plain e-mail address",
        ),
        (27, "contact_url is not an absolute address"),
        (28, "repository_url contains a space"),
        (
            29,
            "accessibility_statement_date \"30.6.2026\" is not a date written YYYY-MM-DD",
        ),
        (
            30,
            "accessibility_compliance \"yes\" is not one of full, partial, none",
        ),
    ];
    assert_eq!(diagnostics.len(), expected.len(), "{diagnostics:#?}");
    for (diagnostic, (line, message)) in diagnostics.iter().zip(expected) {
        assert_eq!(diagnostic["code"], "E0010", "{diagnostic}");
        assert_eq!(diagnostic["file"], "catalogue/catalogue.toml");
        assert_eq!(diagnostic["line"], line, "{diagnostic}");
        assert!(
            diagnostic["column"].as_u64().is_some_and(|c| c > 1),
            "{diagnostic}"
        );
        assert!(
            diagnostic["message"].as_str().unwrap().starts_with(message),
            "{diagnostic}"
        );
    }
    let build = catalogue.build_site();
    assert_eq!(build.status.code(), Some(1));
    assert!(!catalogue.dir.path().join("site").exists());
    // An impossible day is not a date either.
    let catalogue = with_settings("accessibility_statement_date = \"2026-02-30\"\n");
    assert_eq!(catalogue.check("json").status.code(), Some(1));
}

#[test]
fn the_privacy_note_names_the_scripts_that_keep_data_in_the_browser() {
    let catalogue = TestCatalogue::base();
    let theme = catalogue.dir.path().join("theme");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    std::fs::write(
        theme.join("static/propose.js"),
        "localStorage.setItem('draft', text); sessionStorage.clear();\n",
    )
    .unwrap();
    let output = catalogue.run(&[
        "build",
        "--catalogue",
        "catalogue",
        "--out",
        "site",
        "--theme",
        "theme",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let privacy = page(&catalogue, "privacy");
    assert!(privacy.contains("keep data in your browser"), "{privacy}");
    assert!(
        privacy.contains("<code>propose.js</code>: <code>localStorage</code>, <code>sessionStorage</code>"),
        "{privacy}"
    );
    assert!(!privacy.contains("<code>search.js</code>"));
    assert!(!privacy.contains("keep nothing in your browser"));
}
