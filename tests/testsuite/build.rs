//! `catalogue build`: every permanent URL exists, builds are byte-identical,
//! a failed build leaves the previous site alone, and no contributor markup
//! reaches a reader unsanitised.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::harness::{TestCatalogue, assert_same_tree, fixtures, stderr, tree};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Build `catalogue` (a path relative to the repository, or absolute) into
/// `out` with the default theme.
fn build(catalogue: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut command = crate::harness::catalogue_command();
    command
        .args(["build", "--color", "never", "--catalogue"])
        .arg(catalogue)
        .arg("--out")
        .arg(out)
        .args(extra)
        .current_dir(repository());
    command.output().unwrap()
}

fn read(root: &Path, path: &str) -> String {
    String::from_utf8(std::fs::read(root.join(path)).unwrap_or_else(|_| panic!("{path} is missing"))).unwrap()
}

#[test]
fn every_permanent_url_exists_for_the_shipped_catalogue() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build(Path::new("examples-catalogue"), &site, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let cases: serde_json::Value = serde_json::from_str(&read(&site, "data/cases.json")).unwrap();
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 12);
    for fixed in [
        "index.html",
        "search/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "data/cases.csv",
        "data/studies.csv",
        "data/studies.json",
        "data/research.bib",
        "data/research.ris",
        "data/research.json",
    ] {
        assert!(site.join(fixed).is_file(), "{fixed}");
    }
    // The about page links every open-data file, the research mapping's
    // included.
    let about = read(&site, "about/index.html");
    for file in [
        "studies.csv",
        "studies.json",
        "research.bib",
        "research.ris",
        "research.json",
    ] {
        assert!(about.contains(&format!("data/{file}\"")), "about lacks {file}");
    }
    let evidence: Vec<&str> = cases
        .iter()
        .filter_map(|case| case["evidence"].as_array())
        .flatten()
        .filter_map(|key| key.as_str())
        .collect();
    assert!(evidence.contains(&"hjelte-2023"), "{evidence:?}");
    let sitemap = read(&site, "sitemap.xml");
    for case in cases {
        let path = case["path"].as_str().unwrap();
        let page = read(&site, &format!("{path}index.html"));
        assert!(
            page.contains(&html_escape(case["title"].as_str().unwrap())),
            "{path} lacks its title"
        );
        assert!(
            sitemap.contains(&format!("{path}</loc>")),
            "{path} not in the sitemap"
        );
        let country = case["country"].as_str().unwrap().to_lowercase();
        assert!(site.join(format!("countries/{country}/index.html")).is_file());
        for municipality in case["municipalities"].as_array().unwrap() {
            let territory = municipality["territory"].as_str().unwrap().to_lowercase();
            let code = municipality["code"].as_str().unwrap();
            let url = format!("countries/{territory}/{code}/");
            assert!(site.join(format!("{url}index.html")).is_file(), "{url}");
            assert!(page.contains(&format!("/{url}\"")), "{path} does not link {url}");
        }
        for (field, kind) in [("categories", "categories"), ("service_areas", "service-areas")] {
            for term in case[field].as_array().unwrap() {
                let url = format!("{kind}/{}/index.html", term.as_str().unwrap());
                assert!(site.join(&url).is_file(), "{url}");
            }
        }
        let cooperation = case["cooperation"].as_str().unwrap();
        assert!(
            site.join(format!("cooperation/{cooperation}/index.html"))
                .is_file()
        );
    }
    // Every vocabulary term has its page, with or without cases.
    for term in ["internal", "external", "ai"] {
        assert!(site.join(format!("categories/{term}/index.html")).is_file());
    }
    for country in ["se", "no", "dk", "fi", "is", "fo", "gl", "ax"] {
        assert!(
            site.join(format!("countries/{country}/index.html")).is_file(),
            "{country}"
        );
    }
    assert!(site.join("static/style.css").is_file());
    assert_eq!(read(&site, "data/cases.csv").lines().count(), cases.len() + 1);
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn two_builds_are_byte_identical_whatever_the_thread_count() {
    let out = tempfile::tempdir().unwrap();
    let first = out.path().join("one");
    let second = out.path().join("two");
    assert!(
        build(Path::new("examples-catalogue"), &first, &[])
            .status
            .success()
    );
    let output = crate::harness::catalogue_command()
        .args(["build", "--catalogue", "examples-catalogue", "--out"])
        .arg(&second)
        .env("RAYON_NUM_THREADS", "1")
        .current_dir(repository())
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_same_tree(&tree(&second), &tree(&first));
}

/// The site a build replaces is kept as `.site.previous` and written over
/// by the next build. Whatever that folder holds (stray pages, a file
/// where a folder belongs and the other way round, a half-written page,
/// links pointing out of it, hard links from a deployment), the next site
/// is exactly a fresh build's, and nothing outside is touched.
#[test]
fn a_rebuild_over_the_previous_site_equals_a_fresh_build_whatever_that_folder_holds() {
    let catalogue = TestCatalogue::fixture("valid");
    let site = catalogue.dir.path().join("site");
    let previous = catalogue.dir.path().join(".site.previous");
    let fresh = catalogue.dir.path().join("fresh");
    for out in [&site, &site, &fresh] {
        let output = build(&catalogue.root(), out, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let expected = tree(&fresh);
    assert_same_tree(&tree(&previous), &expected);

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("victim.txt"), "keep me").unwrap();
    std::fs::write(previous.join("stray.html"), "old").unwrap();
    std::fs::create_dir_all(previous.join("cases/gone")).unwrap();
    std::fs::write(previous.join("cases/gone/index.html"), "old").unwrap();
    std::fs::remove_file(previous.join("sitemap.xml")).unwrap();
    std::fs::create_dir_all(previous.join("sitemap.xml/inside")).unwrap();
    std::fs::write(previous.join("sitemap.xml/inside/page.html"), "old").unwrap();
    let municipality = expected
        .keys()
        .find(|path| path.starts_with("municipalities/") && path.ends_with("/index.html"))
        .unwrap()
        .trim_end_matches("/index.html")
        .to_owned();
    std::fs::remove_dir_all(previous.join(&municipality)).unwrap();
    std::fs::write(previous.join(&municipality), "a file where a folder belongs").unwrap();
    let home = previous.join("index.html");
    let half = std::fs::read(&home).unwrap();
    std::fs::write(&home, &half[..half.len() / 2]).unwrap();
    // A deployment that hard-linked the old site keeps its bytes.
    std::fs::hard_link(&home, outside.path().join("deployed.html")).unwrap();
    std::fs::remove_file(previous.join("feed.xml")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("victim.txt"), previous.join("feed.xml")).unwrap();
    std::os::unix::fs::symlink(outside.path(), previous.join("linked")).unwrap();

    let output = build(&catalogue.root(), &site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_same_tree(&tree(&site), &expected);
    assert!(!site.join("linked").exists() && std::fs::symlink_metadata(site.join("linked")).is_err());
    assert!(
        !std::fs::symlink_metadata(site.join("feed.xml"))
            .unwrap()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(outside.path().join("victim.txt")).unwrap(),
        "keep me"
    );
    assert!(
        std::fs::read(outside.path().join("deployed.html")).unwrap() == half[..half.len() / 2],
        "a hard link into the old site was written through"
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 2);
    // The site it replaced is the next work folder, as a build left it.
    assert_same_tree(&tree(&previous), &expected);
}

#[test]
fn a_catalogue_with_errors_is_not_built_and_the_previous_site_stays() {
    let catalogue = TestCatalogue::fixture("valid");
    let site = catalogue.dir.path().join("site");
    let first = build(&catalogue.root(), &site, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = tree(&site);

    catalogue.write(
        "cases/SE/broken.md",
        std::fs::read_to_string(
            fixtures().join("invalid/E0301-unknown-municipality/cases/SE/digital-colleague.md"),
        )
        .unwrap()
        .replace("The digital colleague", "Broken"),
    );
    let second = build(&catalogue.root(), &site, &[]);
    assert_eq!(second.status.code(), Some(1));
    let message = stderr(&second);
    assert!(message.contains("error[E0301]"), "{message}");
    assert!(message.contains("was left as it was"), "{message}");
    assert_eq!(tree(&site), before);
}

#[test]
fn a_build_that_fails_half_way_leaves_the_previous_site_untouched() {
    let catalogue = TestCatalogue::fixture("valid");
    let site = catalogue.dir.path().join("site");
    assert!(build(&catalogue.root(), &site, &[]).status.success());
    let before = tree(&site);

    // A theme whose case template fails at render time, after the home page.
    let theme = catalogue.dir.path().join("theme");
    for entry in walkdir::WalkDir::new(repository().join("themes/default")) {
        let entry = entry.unwrap();
        let target = theme.join(
            entry
                .path()
                .strip_prefix(repository().join("themes/default"))
                .unwrap(),
        );
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    std::fs::write(
        theme.join("templates/case.html"),
        "{{ page.card.no_such_field | upper }}",
    )
    .unwrap();
    let output = build(&catalogue.root(), &site, &["--theme", theme.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("case.html"), "{}", stderr(&output));
    assert_eq!(tree(&site), before);
    let leftovers: Vec<_> = std::fs::read_dir(catalogue.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".site.") && name != ".site.previous")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Payloads from the OWASP XSS filter evasion cheat sheet, in a body.
const XSS_BODY: &str = r#"
## Background

<script>alert('s1')</script>
<SCRIPT SRC=https://evil.example/x.js></SCRIPT>
<img src=x onerror="alert('s2')">
<IMG SRC="javascript:alert('s3');">
<svg onload=alert('s4')>
<iframe src="https://evil.example/"></iframe>
<a href="javascript:alert('s5')">a</a> <a href="JaVaScRiPt:alert('s6')">b</a>
<a href="  javascript:alert('s7')">c</a> <a href="jav&#x09;ascript:alert('s8')">d</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">e</a>
<div style="background-image: url(javascript:alert('s9'))">f</div>
<div style="width: expression(alert('s10'))">g</div>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x">
<form action="https://evil.example/"><input name="x"></form>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<style>body { background: url(https://evil.example/y) }</style>

[m1](javascript:alert('s11')) [m2](vbscript:msgbox) ![m3](https://evil.example/t.png)

## What was done

Text.

## Results and effects

Text.

## Lessons learned

Text.
"#;

#[test]
fn hostile_markup_in_a_body_never_reaches_the_output() {
    let catalogue = TestCatalogue::fixture("valid");
    let valid = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    let front_matter_end = valid.find("+++\n\n## Background").unwrap() + 4;
    let hostile = format!(
        "{}{XSS_BODY}",
        &valid[..front_matter_end].replace(
            "The digital colleague\"",
            "The digital colleague <script>alert('t')</script>\""
        )
    );
    catalogue.write("cases/SE/digital-colleague.md", hostile);
    let site = catalogue.dir.path().join("site");
    let output = build(&catalogue.root(), &site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (path, bytes) in tree(&site) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        // The search page's own client is one script the site has,
        // beside the case pages' JSON-LD data, whose text never holds a `<`
        // (so nothing in it can close the element).
        // The form page's own client is the other, with the case file's
        // layout as JSON, in which no `<` can close the element either.
        let mut text = String::from_utf8(bytes)
            .unwrap()
            .to_lowercase()
            .replace(
                "<script type=\"module\" src=\"../static/search.js\"></script>",
                "",
            )
            .replace(
                "<script type=\"module\" src=\"../static/contribute.js\"></script>",
                "",
            );
        for data in [
            "<script type=\"application/ld+json\">",
            "<script type=\"application/json\" id=\"contribute-data\">",
        ] {
            while let Some(start) = text.find(data) {
                let inner = start + data.len();
                let end = inner + text[inner..].find("</script>").expect("the data element ends");
                assert!(!text[inner..end].contains('<'), "{path}: {}", &text[inner..end]);
                text.replace_range(start..end + "</script>".len(), "");
            }
        }
        // Inert text may mention "javascript:"; what must never appear is
        // markup that acts on it.
        for forbidden in [
            "<script",
            "href=\"javascript",
            "href=\"vbscript",
            "href=\"data:",
            "src=",
            "onerror=",
            "onload=",
            "<iframe",
            "<object",
            "<embed",
            "action=\"https://evil",
            "http-equiv",
            "<base",
            "evil.example/x.css",
            "expression(",
            "<img",
            "<svg onload",
            "<style",
            "style=\"background",
        ] {
            if let Some(at) = text.find(forbidden) {
                let context = &text[text.floor_char_boundary(at.saturating_sub(200))
                    ..text.ceil_char_boundary((at + 100).min(text.len()))];
                panic!("{forbidden} in {path}: {context}");
            }
        }
    }
    let page = read(&site, "cases/se/digital-colleague/index.html");
    assert!(
        page.contains("&lt;script&gt;alert("),
        "the title's markup is shown as text"
    );
}

#[test]
fn internal_links_are_relative_and_absolute_urls_use_the_base_url() {
    let catalogue = TestCatalogue::fixture("valid");
    let site = catalogue.dir.path().join("site");
    let output = build(
        &catalogue.root(),
        &site,
        &["--base-url", "https://example.org/nordic/"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let home = read(&site, "index.html");
    assert!(home.contains("href=\"static/style.css\""), "{home}");
    assert!(home.contains("href=\"cases/se/digital-colleague/\""));
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.org/nordic/\">"));
    let case = read(&site, "cases/se/digital-colleague/index.html");
    assert!(case.contains("href=\"../../../static/style.css\""), "{case}");
    assert!(case.contains("href=\"../../../countries/se/\""), "{case}");
    // The 404 page is shown at any address, so its links start at the root path.
    assert!(read(&site, "404.html").contains("href=\"/nordic/static/style.css\""));
    for (path, bytes) in tree(&site) {
        if path.ends_with(".html") && path != "404.html" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains("=\"/nordic/"), "{path} has a root-prefixed link");
        }
    }
    assert!(read(&site, "sitemap.xml").contains("https://example.org/nordic/cases/se/digital-colleague/"));
}

fn strings(language: &str) -> BTreeMap<String, String> {
    let path = repository().join(format!("themes/default/i18n/{language}.toml"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_ui_language_has_every_string() {
    let english = strings("en");
    for language in ["sv", "nb", "nn", "da", "fi", "is"] {
        let translated = strings(language);
        assert_eq!(
            translated.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>(),
            "{language}.toml must have exactly the keys of en.toml"
        );
        assert!(
            translated.values().all(|text| !text.trim().is_empty()),
            "{language}"
        );
    }
}

/// The keys `t('...')` of search.js asks for, besides those it builds from
/// the facet names and the plural forms.
fn search_js_keys(script: &str) -> Vec<String> {
    let mut keys: Vec<String> = script
        .match_indices("t('")
        .filter(|(at, _)| {
            !script[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        })
        .filter_map(|(at, _)| script[at + 3..].split('\'').next().map(str::to_string))
        .collect();
    let facets = script
        .split("const FACETS = [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("search.js declares FACETS");
    for facet in facets.split(',') {
        let facet = facet.trim().trim_matches('\'');
        let mut key = String::new();
        let mut upper = false;
        for c in facet.chars() {
            match c {
                '_' => upper = true,
                c if upper => {
                    key.extend(c.to_uppercase());
                    upper = false;
                }
                c => key.push(c),
            }
        }
        keys.push(key);
    }
    for plural in ["resultsOne", "resultsOther"] {
        assert!(
            script.contains(&format!("'{plural}'")),
            "search.js no longer asks for {plural}"
        );
        keys.push(plural.to_string());
    }
    keys.sort();
    keys.dedup();
    keys
}

/// search.js has no strings of its own: it reads each one from a data-*
/// attribute of #search-results, which search.html fills from the theme's
/// UI strings. Every key the script asks for has its attribute, and every
/// attribute is a string of en.toml.
#[test]
fn search_js_reads_every_string_from_the_page() {
    let script = std::fs::read_to_string(repository().join("themes/default/static/search.js")).unwrap();
    let template =
        std::fs::read_to_string(repository().join("themes/default/templates/search.html")).unwrap();
    let english = strings("en");
    let attributes: BTreeMap<String, String> = template
        .split(" data-")
        .skip(1)
        .filter_map(|rest| {
            let (name, value) = rest.split_once("=\"{{ t.")?;
            let key = value.split_once(" }}\"")?.0;
            Some((name.to_string(), key.to_string()))
        })
        .collect();
    let keys = search_js_keys(&script);
    assert!(keys.len() > 20, "{keys:?}");
    for key in keys {
        let attribute: String = key
            .chars()
            .flat_map(|c| {
                let dash = c.is_uppercase().then_some('-');
                dash.into_iter().chain(c.to_lowercase())
            })
            .collect();
        let string = attributes
            .get(&attribute)
            .unwrap_or_else(|| panic!("search.js asks for {key}; search.html has no data-{attribute}"));
        assert!(
            english.contains_key(string),
            "data-{attribute} is t.{string}, which en.toml lacks"
        );
    }
    assert!(
        !script.contains("const STRINGS"),
        "search.js has its own strings again"
    );
}

#[test]
fn the_site_language_is_chosen_in_catalogue_toml() {
    for language in ["sv", "fi", "is"] {
        let catalogue = TestCatalogue::fixture("valid");
        let config = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
        catalogue.write(
            "catalogue.toml",
            config.replacen("language = \"en\"", &format!("language = \"{language}\""), 1),
        );
        let site = catalogue.dir.path().join("site");
        let output = build(&catalogue.root(), &site, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        let home = read(&site, "index.html");
        assert!(
            home.contains(&format!("<html lang=\"{language}\">")),
            "{language}"
        );
        let heading = strings(language)["home_heading"].clone();
        assert!(home.contains(&html_escape(&heading)), "{language}: {heading}");
        let case = read(&site, "cases/se/digital-colleague/index.html");
        // The case keeps its own language; vocabulary labels follow the site.
        assert!(case.contains("<div class=\"case-body\" lang=\"en\">"));
        let sweden = match language {
            "fi" => "Ruotsi",
            "is" => "Svíþjóð",
            _ => "Sverige",
        };
        assert!(case.contains(&format!(">{sweden}</a>")), "{language}");
    }
}

fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// A case page and its stylesheet fit a slow rural connection: at most
/// 15 KB gzip together, for the largest case page of the shipped catalogue.
#[test]
fn a_case_page_with_its_css_is_at_most_15_kb_gzip() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(
        build(Path::new("examples-catalogue"), &site, &[])
            .status
            .success()
    );
    let css = gzip_size(&std::fs::read(site.join("static/style.css")).unwrap());
    let largest = tree(&site)
        .into_iter()
        .filter(|(path, _)| path.starts_with("cases/"))
        .map(|(path, bytes)| (gzip_size(&bytes), path))
        .max()
        .unwrap();
    assert!(
        largest.0 + css <= 15 * 1024,
        "{} is {} + {css} bytes gzip",
        largest.1,
        largest.0
    );
}

/// The `href`s of the map on a page, and the map itself parsed as XML.
/// A relative link from a page in `folder` (`countries/se/`) as a path
/// below the site root.
fn resolve(folder: &str, link: &str) -> String {
    let mut parts: Vec<&str> = folder.split_terminator('/').collect();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

fn map_links(page: &str) -> Vec<String> {
    let start = page.find("<svg class=\"map\"").expect("the page has a map");
    let end = page[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let svg = roxmltree::Document::parse(&page[start..end]).expect("the map is well-formed XML");
    let root = svg.root_element();
    assert_eq!(root.attribute("role"), Some("group"));
    assert!(
        root.descendants().any(|node| node.has_tag_name("title")),
        "the map has a text alternative"
    );
    root.descendants()
        .filter(|node| node.has_tag_name("a"))
        .map(|node| {
            assert!(
                node.attribute("aria-label")
                    .is_some_and(|label| !label.is_empty())
            );
            node.attribute("href").unwrap().to_string()
        })
        .collect()
}

#[test]
fn the_map_links_every_dot_to_an_existing_page_and_stays_small() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build(
        Path::new("examples-catalogue"),
        &site,
        &["--base-url", "https://example.org/"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let home = read(&site, "index.html");
    let links: Vec<String> = map_links(&home)
        .iter()
        .map(|link| {
            if link.starts_with('#') {
                link.clone()
            } else {
                resolve("", link)
            }
        })
        .collect();
    assert!(links.len() >= 20, "{} dots", links.len());
    for page in [
        "countries/se/index.html",
        "countries/no/index.html",
        "countries/fi/index.html",
    ] {
        let folder = page.trim_end_matches("index.html");
        let text = read(&site, page);
        // A marker of several dots links to the map's table on the page.
        let country_links: Vec<String> = map_links(&text)
            .iter()
            .map(|link| {
                if link.starts_with('#') {
                    link.clone()
                } else {
                    resolve(folder, link)
                }
            })
            .collect();
        assert!(!country_links.is_empty(), "{page}");
        for link in &country_links {
            // A marker of several dots links to the table of the map.
            match link.strip_prefix('#') {
                Some(id) => assert!(text.contains(&format!(" id=\"{id}\"")), "{page}: {link}"),
                None => assert!(site.join(link).join("index.html").is_file(), "{link}"),
            }
        }
    }
    for link in &links {
        match link.strip_prefix('#') {
            Some(id) => assert!(home.contains(&format!(" id=\"{id}\"")), "{link}"),
            None => assert!(site.join(link).join("index.html").is_file(), "{link}"),
        }
    }
    assert!(
        gzip_size(home.as_bytes()) <= 30 * 1024,
        "home page is {} bytes gzip",
        gzip_size(home.as_bytes())
    );
}

/// A municipality is listed in a size class exactly when the register's
/// population puts it there, and a case counts when any municipality does.
#[test]
fn size_class_and_sparse_pages_follow_the_register() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(
        build(
            Path::new("examples-catalogue"),
            &site,
            &["--base-url", "https://example.org/"]
        )
        .status
        .success()
    );
    let paths = catalogue::CataloguePaths::new(repository().join("examples-catalogue"));
    let checked = catalogue::check(&paths, crate::harness::today()).unwrap();
    let catalogue = checked.catalogue.unwrap();
    let config = &catalogue.config;
    let sparse_density = config.municipalities.as_ref().unwrap().sparse_density;
    for class in &config.size_classes {
        let page = read(&site, &format!("municipalities/size/{}/index.html", class.id()));
        for case in &catalogue.cases {
            let members: Vec<bool> = case
                .municipalities
                .iter()
                .map(|m| {
                    let row = catalogue.register.by_code(&m.country, &m.code).unwrap();
                    let in_class = row
                        .population
                        .and_then(|p| config.size_class(p))
                        .is_some_and(|c| c.id() == class.id());
                    let link = format!("/countries/{}/{}/\"", m.territory.to_lowercase(), m.code);
                    assert_eq!(
                        page.contains(&link),
                        in_class,
                        "{} {} in {}",
                        m.name,
                        m.code,
                        class.id()
                    );
                    in_class
                })
                .collect();
            let case_link = format!("/cases/{}/\"", case.id());
            assert_eq!(
                page.contains(&case_link),
                members.contains(&true),
                "{} in {}",
                case.id(),
                class.id()
            );
        }
    }
    let sparse = read(&site, "municipalities/sparsely-populated/index.html");
    for case in &catalogue.cases {
        for m in &case.municipalities {
            let row = catalogue.register.by_code(&m.country, &m.code).unwrap();
            let expected = row.density().is_some_and(|density| density < sparse_density);
            let link = format!("/countries/{}/{}/\"", m.territory.to_lowercase(), m.code);
            assert_eq!(sparse.contains(&link), expected, "{}", m.name);
        }
    }
    let network = read(&site, "municipalities/co-operation/index.html");
    // Two municipalities that a shipped case (Molde–Aukra–Vestnes) lists
    // directly, at the two ends of the alphabet of that case.
    assert!(network.contains("Aukra") && network.contains("Vestnes"));
    // The whole pair list is a download: one row per pair, both names.
    let pairs = read(&site, "data/cooperation-pairs.csv");
    // After the byte-order mark, so Excel reads the names as UTF-8.
    assert!(pairs.starts_with(
        "\u{feff}first_country,first_code,first_name,second_country,second_code,second_name,shared_cases\n"
    ));
    assert!(
        pairs
            .lines()
            .any(|row| row.contains(",Aukra,") && row.contains(",Vestnes,")),
        "{pairs}"
    );
    assert!(network.contains("data/cooperation-pairs.csv"));
}
