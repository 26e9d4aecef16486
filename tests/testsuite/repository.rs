//! Edit and report links (issue 19, item 2): when `[site] repository`
//! names the catalogue's GitHub repository, every case page in every
//! language links to GitHub's editor for the case's file and to a new
//! issue with the case filled in, both percent-encoded exactly; without it
//! neither appears. Bad `repository`, `repository_branch` and
//! `repository_folder` values are E0010 at their place, all in one run.

use crate::harness::{TestCatalogue, fixtures, json_diagnostics, stderr};

/// The base catalogue in English and Swedish with `settings` added to
/// `[site]` (from line 23 on) and one case whose title needs encoding.
fn with_settings(settings: &str) -> TestCatalogue {
    let catalogue = TestCatalogue::base();
    let path = catalogue.root().join("catalogue.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let anchor = "label_languages = [\"en\", \"sv\", \"nb\", \"da\", \"fi\", \"is\"]\n";
    assert!(text.contains(anchor) && text.contains("languages = [\"en\"]\n"));
    let text = text
        .replacen("languages = [\"en\"]\n", "languages = [\"en\", \"sv\"]\n", 1)
        .replacen(anchor, &format!("{anchor}{settings}"), 1);
    std::fs::write(&path, text).unwrap();
    let case = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    let case = case.replacen(
        "title = \"The digital colleague\"",
        "title = \"Råd & stöd för äldre\"",
        1,
    );
    assert!(case.contains("Råd & stöd"));
    catalogue.write("cases/SE/digital-colleague.md", case);
    catalogue
}

fn page(catalogue: &TestCatalogue, path: &str) -> String {
    let path = catalogue.dir.path().join("site").join(path).join("index.html");
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()))
}

const EDIT: &str = "https://github.com/nordic-welfare/good-examples.v2/edit/feature/links/data/the%20catalogue/cases/SE/digital-colleague.md";

/// The issue's title, "Problem with se/digital-colleague: Råd & stöd för
/// äldre", as GitHub's query value.
const TITLE_EN: &str =
    "Problem%20with%20se%2Fdigital-colleague%3A%20R%C3%A5d%20%26%20st%C3%B6d%20f%C3%B6r%20%C3%A4ldre";

#[test]
fn case_pages_link_to_the_file_on_github_and_to_a_filled_in_issue() {
    let catalogue = with_settings(
        r#"repository = "nordic-welfare/good-examples.v2"
repository_branch = "feature/links"
repository_folder = "data/the catalogue/"
"#,
    );
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));

    let english = page(&catalogue, "cases/se/digital-colleague");
    let issue = format!(
        "https://github.com/nordic-welfare/good-examples.v2/issues/new?title={TITLE_EN}&amp;body=\
Example%3A%20se%2Fdigital-colleague%0A\
Page%3A%20https%3A%2F%2Fexample.org%2Fnordic-good-examples%2Fcases%2Fse%2Fdigital-colleague%2F%0A%0A\
What%20is%20wrong%3F%0A"
    );
    assert!(
        english.contains(&format!(
            "<a href=\"{EDIT}\" rel=\"noopener\">Suggest a change</a>"
        )),
        "{english}"
    );
    assert!(
        english.contains(&format!(
            "<a href=\"{issue}\" rel=\"noopener\">Report a problem with this example</a>"
        )),
        "{english}"
    );
    assert!(english.contains("<h2 id=\"improve\">Improve this page</h2>"));

    // The Swedish page asks in Swedish and names its own address.
    let swedish = page(&catalogue, "sv/cases/se/digital-colleague");
    let issue = "https://github.com/nordic-welfare/good-examples.v2/issues/new?title=\
Problem%20med%20se%2Fdigital-colleague%3A%20R%C3%A5d%20%26%20st%C3%B6d%20f%C3%B6r%20%C3%A4ldre&amp;body=\
Exempel%3A%20se%2Fdigital-colleague%0A\
Sida%3A%20https%3A%2F%2Fexample.org%2Fnordic-good-examples%2Fsv%2Fcases%2Fse%2Fdigital-colleague%2F%0A%0A\
Vad%20%C3%A4r%20fel%3F%0A";
    assert!(
        swedish.contains(&format!(
            "<a href=\"{EDIT}\" rel=\"noopener\">Föreslå en ändring</a>"
        )),
        "{swedish}"
    );
    assert!(
        swedish.contains(&format!(
            "<a href=\"{issue}\" rel=\"noopener\">Rapportera ett problem med exemplet</a>"
        )),
        "{swedish}"
    );

    // The repository's own address stands in for repository_url.
    let about = page(&catalogue, "about");
    assert!(
        about.contains("href=\"https://github.com/nordic-welfare/good-examples.v2\""),
        "{about}"
    );
}

#[test]
fn the_branch_and_folder_default_to_main_and_examples_catalogue() {
    let catalogue = with_settings("repository = \"nordic-welfare/good-examples\"\n");
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let html = page(&catalogue, "cases/se/digital-colleague");
    assert!(html.contains(
        "href=\"https://github.com/nordic-welfare/good-examples/edit/main/examples-catalogue/cases/SE/digital-colleague.md\" rel=\"noopener\""
    ));
    assert!(html.contains(&format!(
        "href=\"https://github.com/nordic-welfare/good-examples/issues/new?title={TITLE_EN}&amp;body="
    )));
}

#[test]
fn a_repository_url_of_its_own_stays_the_about_pages_link() {
    let catalogue = with_settings(
        "repository = \"nordic-welfare/good-examples\"\nrepository_folder = \"\"\nrepository_url = \"https://git.example.org/catalogue\"\n",
    );
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let about = page(&catalogue, "about");
    assert!(about.contains("href=\"https://git.example.org/catalogue\""));
    assert!(!about.contains("github.com"));
    // An empty folder is the repository's root.
    assert!(page(&catalogue, "cases/se/digital-colleague").contains(
        "href=\"https://github.com/nordic-welfare/good-examples/edit/main/cases/SE/digital-colleague.md\""
    ));
}

#[test]
fn without_a_repository_no_page_links_to_github() {
    let catalogue = with_settings("");
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    for path in [
        "cases/se/digital-colleague",
        "sv/cases/se/digital-colleague",
        "about",
    ] {
        let html = page(&catalogue, path);
        assert!(!html.contains("github.com"), "{path}");
        assert!(!html.contains("Suggest a change") && !html.contains("Föreslå en ändring"));
        assert!(!html.contains("id=\"improve\""), "{path}");
    }
    assert!(page(&catalogue, "cases/se/digital-colleague").contains("Råd &amp; stöd för äldre"));
}

#[test]
fn bad_repository_settings_are_errors_at_their_place_in_one_run() {
    let catalogue = with_settings(
        r#"repository = "https://github.com/nordic-welfare/good-examples"
repository_branch = "my branch"
repository_folder = "../catalogue"
"#,
    );
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    let expected = [
        (
            23,
            14,
            "repository \"https://github.com/nordic-welfare/good-examples\" is an address, not owner/name",
            "write \"nordic-welfare/good-examples\": the owner and name, not the address",
        ),
        (
            24,
            21,
            "repository_branch \"my branch\" contains a space or an invisible character",
            "write the name of the branch",
        ),
        (
            25,
            21,
            "repository_folder \"../catalogue\" has an empty, '.' or '..' part",
            "write the catalogue folder's path",
        ),
    ];
    assert_eq!(diagnostics.len(), expected.len(), "{diagnostics:#?}");
    for (diagnostic, (line, column, message, help)) in diagnostics.iter().zip(expected) {
        assert_eq!(diagnostic["code"], "E0010", "{diagnostic}");
        assert_eq!(diagnostic["file"], "catalogue/catalogue.toml");
        assert_eq!(diagnostic["line"], line, "{diagnostic}");
        assert_eq!(diagnostic["column"], column, "{diagnostic}");
        assert_eq!(diagnostic["message"], message, "{diagnostic}");
        assert!(
            diagnostic["help"]
                .as_str()
                .is_some_and(|text| text.starts_with(help)),
            "{diagnostic} has no help {help:?}"
        );
    }
    assert_eq!(catalogue.build_site().status.code(), Some(1));
    assert!(!catalogue.dir.path().join("site").exists());
}

#[test]
fn each_kind_of_bad_value_is_refused() {
    let long_owner = format!("{}/x", "a".repeat(40));
    for (setting, value) in [
        ("repository", "nordic-welfare"),
        ("repository", "nordic_welfare/examples"),
        ("repository", "-nordic/examples"),
        ("repository", "nordic/.."),
        ("repository", "nordic/exa mples"),
        ("repository", long_owner.as_str()),
        ("repository_branch", ""),
        ("repository_branch", "a..b"),
        ("repository_branch", "/main"),
        ("repository_branch", "-main"),
        ("repository_branch", "main~1"),
        ("repository_branch", "ma:in"),
        ("repository_branch", "ma\\\\in"),
        ("repository_branch", "ma\\tin"),
        ("repository_folder", "/examples-catalogue"),
        ("repository_folder", "examples\\\\catalogue"),
        ("repository_folder", "a//b"),
        ("repository_folder", "a/./b"),
    ] {
        let line = format!("{setting} = \"{value}\"\n");
        let catalogue = with_settings(&if setting == "repository" {
            line
        } else {
            format!("repository = \"nordic-welfare/good-examples\"\n{line}")
        });
        let output = catalogue.check("json");
        assert_eq!(output.status.code(), Some(1), "{setting} = {value:?}");
        let diagnostics = json_diagnostics(&output);
        assert_eq!(diagnostics.len(), 1, "{setting} = {value:?}: {diagnostics:#?}");
        assert_eq!(diagnostics[0]["code"], "E0010");
        assert!(
            diagnostics[0]["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{setting} \"")),
            "{:#}",
            diagnostics[0]
        );
    }
}
