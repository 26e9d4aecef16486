//! "Propose a case" (issue 19): the form at /contribute/ is made from
//! catalogue.toml, the register and the case file's layout, so a new term
//! reaches it with no other change, and its empty file is what `catalogue
//! new` writes with nothing answered.

use crate::harness::{TestCatalogue, stderr};

fn read(catalogue: &TestCatalogue, relative: &str) -> String {
    let path = catalogue.dir.path().join("site").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()))
}

#[test]
fn a_term_added_to_catalogue_toml_appears_in_the_form_with_no_other_change() {
    let catalogue = TestCatalogue::base();
    let path = catalogue.root().join("catalogue.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let anchor =
        "# ---------------------------------------------------------------------------\n# Service areas";
    assert!(text.contains(anchor));
    let robotics = "[[categories]]\n\
        term = \"robotics\"\n\
        description = \"Software robots that do routine steps of case handling.\"\n\
        label = { en = \"Robotic process automation\", sv = \"Robotiserad processautomation\", \
        nb = \"Robotisert prosessautomatisering\", da = \"Robotprocesautomatisering\", \
        fi = \"Ohjelmistorobotiikka\", is = \"Hugbúnaðarþjarkar\" }\n\n";
    std::fs::write(&path, text.replacen(anchor, &format!("{robotics}{anchor}"), 1)).unwrap();
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));

    let form = read(&catalogue, "contribute/index.html");
    assert!(
        form.contains(
            r#"<input type="checkbox" id="categories-robotics" name="categories" value="robotics""#
        ),
        "no checkbox for the new term"
    );
    assert!(form.contains(r#"<label for="categories-robotics">Robotic process automation</label>"#));
    assert!(form.contains("Software robots that do routine steps of case handling."));
    // The layout the script fills names it among the allowed values, as
    // the file `catalogue new` writes does.
    assert!(
        form.contains(r#"\"robotics\" (Robotic process automation)"#),
        "the layout lacks the term"
    );
    let template = read(&catalogue, "contribute/case-template.md");
    assert!(template.contains(r#""robotics" (Robotic process automation)"#));
}

#[test]
fn the_empty_file_is_what_new_writes_with_nothing_answered_and_the_picker_knows_every_name() {
    let catalogue = TestCatalogue::base();
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let template = read(&catalogue, "contribute/case-template.md");
    assert!(template.starts_with("+++\n"));
    assert!(template.contains("\ncountry = \"TODO\"\n"), "{template}");
    assert!(
        template.contains("\nreviewed = \"TODO: today's date"),
        "{template}"
    );
    assert!(template.contains("\n## Background\n\nTODO: "));

    let register: serde_json::Value =
        serde_json::from_str(&read(&catalogue, "contribute/register.json")).unwrap();
    let helsinki = register["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "091")
        .expect("Helsinki is in the picker's register");
    assert_eq!(helsinki["entry"], "Helsinki");
    assert!(
        helsinki["names"]
            .as_array()
            .unwrap()
            .iter()
            .any(|name| name == "Helsingfors"),
        "the Swedish name finds it: {helsinki}"
    );
    // The form page in the site's footer and on the About page.
    let home = read(&catalogue, "index.html");
    assert!(
        home.contains(r#"href="contribute/""#),
        "no footer link to the form"
    );
}
