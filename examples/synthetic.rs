//! Writes a synthetic catalogue of N valid cases for benchmarks:
//! `cargo run --release --example synthetic -- <N> <OUT_DIR> [SEED] [--hugo HUGO_DIR] [--languages en,sv,...]`.
//!
//! The cases use real municipality codes from the shipped register, every
//! vocabulary term, and bodies in the Nordic languages, so that loading,
//! validation and indexing do realistic work. The same N and seed always
//! give the same bytes.
//!
//! With `--hugo`, the same cases are also written as a Hugo site (same
//! titles, summaries, bodies and facts; taxonomies for country,
//! municipality, category and service area), so the two generators can be
//! timed on the same content. Hugo's related content, the counterpart of
//! our related cases, is on the case pages only when the site is built
//! with `HUGO_PARAMS_RELATED=true`: Hugo's cost for it grows with the
//! square of the number of pages (95 s for 10,000 cases against 16 s
//! without it), so the benchmark times Hugo without it by default.
//!
//! `--languages` (default `en`) is the site's `[site] languages`; with
//! more than one, the Hugo site is multilingual too, each language
//! mounting the same content, so both build the same pages in each.

use std::fmt::Write as _;
use std::path::Path;

use catalogue::config::{Config, Vocabulary};
use catalogue::register::Register;
use catalogue::source::SourceFile;

/// A small deterministic generator (xorshift64*), so the output depends on
/// the seed alone.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Per body language: the four section headings and sentences to draw from.
const BODIES: &[(&str, [&str; 4], &[&str])] = &[
    (
        "en",
        [
            "Background",
            "What was done",
            "Results and effects",
            "Lessons learned",
        ],
        &[
            "The municipalities are small and sparsely populated, with long distances between offices.",
            "Social workers handle every kind of case, including rare ones, often alone.",
            "A shared documentation system lets staff support a neighbouring municipality.",
            "Citizens apply for financial assistance through a joint e-service.",
            "Video meetings replace many journeys for families and social workers.",
            "Decision support suggests which reports of concern need attention first.",
            "The managers meet monthly to agree on routines and training.",
        ],
    ),
    (
        "sv",
        ["Bakgrund", "Vad som gjordes", "Resultat och effekter", "Lärdomar"],
        &[
            "Kommunerna är små och glest befolkade med långa avstånd.",
            "Socialsekreterarna arbetar med alla slags ärenden inom individ- och familjeomsorgen.",
            "Ett gemensamt verksamhetssystem gör att personal kan stödja grannkommunen.",
            "Invånarna ansöker om ekonomiskt bistånd via en gemensam e-tjänst.",
            "Videomöten ersätter många resor för familjer och socialsekreterare.",
            "Beslutsstöd visar vilka orosanmälningar som behöver hanteras först.",
        ],
    ),
    (
        "nb",
        [
            "Bakgrunn",
            "Hva som ble gjort",
            "Resultater og effekter",
            "Erfaringer",
        ],
        &[
            "Kommunene er små og spredt befolket, med lange avstander.",
            "Søknad om økonomisk sosialhjelp sendes digitalt til NAV-kontoret.",
            "Barnevernet i flere kommuner deler et felles fagsystem.",
            "Videomøter gjør det lettere å følge opp familier over store avstander.",
            "Kommunene har avtalt at én vertskommune har ansvaret for tjenesten.",
        ],
    ),
    (
        "da",
        [
            "Baggrund",
            "Hvad der blev gjort",
            "Resultater og effekter",
            "Erfaringer",
        ],
        &[
            "Kommunerne er små og ligger langt fra de store byer.",
            "Borgerne søger kontanthjælp digitalt gennem en fælles løsning.",
            "Sagsbehandlerne bruger det samme fagsystem til udsatte børn og unge.",
            "Videomøder erstatter mange rejser mellem øerne.",
        ],
    ),
    (
        "fi",
        ["Tausta", "Mitä tehtiin", "Tulokset ja vaikutukset", "Opit"],
        &[
            "Kunnat ovat pieniä ja harvaan asuttuja, ja etäisyydet ovat pitkiä.",
            "Asiakkaat hakevat toimeentulotukea sähköisen palvelun kautta.",
            "Etätapaamiset parantavat palvelujen saatavuutta harvaan asutulla alueella.",
            "Sosiaalityöntekijät käyttävät yhteistä asiakastietojärjestelmää.",
        ],
    ),
    (
        "is",
        ["Bakgrunnur", "Hvað var gert", "Niðurstöður og áhrif", "Lærdómar"],
        &[
            "Sveitarfélögin eru fámenn og dreifbýl með löngum vegalengdum.",
            "Íbúar sækja um fjárhagsaðstoð með sameiginlegri stafrænni umsókn.",
            "Félagsráðgjafar nota fjarfundi til að hitta fjölskyldur.",
        ],
    ),
];

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn main() -> anyhow::Result<()> {
    let mut positional = Vec::new();
    let mut hugo_out = None;
    let mut languages = vec!["en".to_string()];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--hugo" {
            hugo_out = args.next().map(std::path::PathBuf::from);
        } else if arg == "--languages" {
            let list = args.next().unwrap_or_default();
            languages = list.split(',').map(str::to_string).collect();
        } else {
            positional.push(arg);
        }
    }
    let usage = "usage: synthetic <N> <OUT_DIR> [SEED] [--hugo HUGO_DIR] [--languages en,sv,...]";
    let mut positional = positional.into_iter();
    let count: usize = positional.next().ok_or_else(|| anyhow::anyhow!(usage))?.parse()?;
    let out = std::path::PathBuf::from(positional.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let seed: u64 = positional.next().map_or(Ok(42), |s| s.parse())?;
    let mut rng = Rng(seed.max(1));

    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue");
    let config_text = std::fs::read_to_string(source.join("catalogue.toml"))?;
    let register_text = std::fs::read_to_string(source.join("register/municipalities.csv"))?;
    let config = Config::parse(&SourceFile::new("catalogue.toml", config_text.clone()))
        .map_err(|_| anyhow::anyhow!("the shipped catalogue.toml has errors"))?;
    let (register, _) = Register::parse(&SourceFile::new("municipalities.csv", register_text.clone()));

    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(out.join("register"))?;
    let quoted: Vec<String> = languages.iter().map(|language| format!("{language:?}")).collect();
    let site_languages = format!("languages = [{}]", quoted.join(", "));
    let config_text: String = config_text
        .lines()
        .map(|line| {
            if line.starts_with("languages = [") {
                site_languages.as_str()
            } else {
                line
            }
        })
        .flat_map(|line| [line, "\n"])
        .collect();
    std::fs::write(out.join("catalogue.toml"), &config_text)?;
    std::fs::write(out.join("register/municipalities.csv"), &register_text)?;

    let mut hugo = hugo_out
        .map(|root| HugoSite::create(root, &languages))
        .transpose()?;

    let countries = ["SE", "NO", "DK", "FI", "IS"];
    let terms = |vocabulary| -> Vec<String> {
        config
            .terms(vocabulary)
            .iter()
            .map(|t| t.id().to_string())
            .collect()
    };
    let (categories, areas, cooperation, statuses, evaluation) = (
        terms(Vocabulary::Categories),
        terms(Vocabulary::ServiceAreas),
        terms(Vocabulary::Cooperation),
        terms(Vocabulary::Statuses),
        terms(Vocabulary::Evaluation),
    );
    for index in 0..count {
        let country = countries[index % countries.len()];
        let municipalities: Vec<&str> = register
            .all()
            .iter()
            .filter(|m| m.country == country)
            .map(|m| m.code.as_str())
            .collect();
        let language = match (country, rng.below(3)) {
            (_, 0) => "en",
            ("SE", _) => "sv",
            ("NO", _) => "nb",
            ("DK", _) => "da",
            ("FI", _) => "fi",
            _ => "is",
        };
        let (_, headings, sentences) = BODIES
            .iter()
            .find(|(l, _, _)| *l == language)
            .unwrap_or(&BODIES[0]);
        let mut chosen = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let code = *rng.pick(&municipalities);
            if !chosen.contains(&code) {
                chosen.push(code);
            }
        }
        let status = rng.pick(&statuses).clone();
        let started_year = 2010 + rng.below(15);
        let title = format!("Synthetic case {index}: {} co-operation", rng.pick(&cooperation));
        let summary = format!(
            "A generated case for benchmarks: {} municipalities share digital support in {}.",
            chosen.len(),
            rng.pick(&areas)
        );
        let category = rng.pick(&categories).clone();
        let area = rng.pick(&areas).clone();
        let form = rng.pick(&cooperation).clone();
        let evaluated = rng.pick(&evaluation).clone();
        let reviewed = format!("2026-0{}-1{}", 1 + rng.below(9), rng.below(10));
        let mut body = String::new();
        for heading in headings {
            let _ = writeln!(body, "\n## {heading}\n");
            for _ in 0..2 + rng.below(4) {
                let _ = write!(body, "{} ", rng.pick(sentences));
            }
            body.push('\n');
        }

        let mut text = String::new();
        let _ = writeln!(text, "+++");
        let _ = writeln!(text, "title = {}", toml_string(&title));
        let _ = writeln!(text, "summary = {}", toml_string(&summary));
        let _ = writeln!(text, "country = \"{country}\"");
        let quoted: Vec<String> = chosen.iter().map(|code| format!("\"{code}\"")).collect();
        let _ = writeln!(text, "municipalities = [{}]", quoted.join(", "));
        let _ = writeln!(text, "categories = [\"{category}\"]");
        let _ = writeln!(text, "service_areas = [\"{area}\"]");
        let _ = writeln!(text, "cooperation = \"{form}\"");
        let _ = writeln!(text, "status = \"{status}\"");
        let _ = writeln!(text, "started = {started_year}");
        if status == "ended" {
            let _ = writeln!(text, "ended = {}", started_year + 1);
        }
        let _ = writeln!(text, "language = \"{language}\"");
        let _ = writeln!(text, "organisations = [{}]", toml_string("Synthetic Region"));
        let _ = writeln!(text, "evaluation = \"{evaluated}\"");
        let _ = writeln!(text, "tags = [\"synthetic\", \"benchmark-{}\"]", index % 50);
        let _ = writeln!(text, "reviewed = {reviewed}");
        let _ = writeln!(text, "\n[[sources]]\ntitle = \"Synthetic source {index}\"");
        let _ = writeln!(text, "url = \"https://example.org/cases/{index}\"\n+++");
        text.push_str(&body);
        let folder = out.join("cases").join(country);
        std::fs::create_dir_all(&folder)?;
        let slug = format!("synthetic-{index:06}");
        std::fs::write(folder.join(format!("{slug}.md")), text)?;

        if let Some(hugo) = &mut hugo {
            let names: Vec<String> = chosen
                .iter()
                .map(|code| {
                    register
                        .all()
                        .iter()
                        .find(|m| m.country == country && m.code == *code)
                        .map_or_else(|| code.to_string(), |m| m.name.clone())
                })
                .collect();
            hugo.write_case(&HugoCase {
                country,
                slug: &slug,
                title: &title,
                summary: &summary,
                municipalities: &names,
                category: &category,
                area: &area,
                form: &form,
                status: &status,
                started_year,
                language,
                reviewed: &reviewed,
                index,
                body: &body,
            })?;
        }
    }
    Ok(())
}

/// One case as the Hugo site gets it.
struct HugoCase<'a> {
    country: &'a str,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    municipalities: &'a [String],
    category: &'a str,
    area: &'a str,
    form: &'a str,
    status: &'a str,
    started_year: usize,
    language: &'a str,
    reviewed: &'a str,
    index: usize,
    body: &'a str,
}

/// The same content as a minimal but real Hugo site: a page per case with
/// its facts and related cases, list pages per country, municipality,
/// category and service area, a home page, a sitemap and a feed.
struct HugoSite {
    root: std::path::PathBuf,
}

const HUGO_CONFIG: &str = r#"baseURL = "http://localhost/"
languageCode = "en"
title = "Nordic good examples (synthetic)"
disableKinds = ["robotsTXT"]

[taxonomies]
country = "countries"
municipality = "municipalities"
category = "categories"
service_area = "service_areas"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[related]
includeNewer = true
toLower = true
[[related.indices]]
name = "categories"
weight = 100
[[related.indices]]
name = "service_areas"
weight = 80
[[related.indices]]
name = "municipalities"
weight = 60
"#;

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range $name, $terms := .Site.Taxonomies }}<a href="{{ (printf "/%s/" $name) | relURL }}">{{ $name | humanize }}</a> {{ end }}</nav>
</header>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}
<article lang="{{ .Params.language }}">
<h1>{{ .Title }}</h1>
<p class="summary">{{ .Params.summary }}</p>
<dl>
{{ range $taxonomy, $plural := .Site.Taxonomies }}{{ with $.GetTerms $taxonomy }}<dt>{{ $taxonomy | humanize }}</dt>
<dd>{{ range $i, $term := . }}{{ if $i }}, {{ end }}<a href="{{ $term.RelPermalink }}">{{ $term.LinkTitle }}</a>{{ end }}</dd>
{{ end }}{{ end }}<dt>Status</dt><dd>{{ .Params.status }}</dd>
<dt>Started</dt><dd>{{ .Params.started }}</dd>
<dt>Reviewed</dt><dd>{{ .Params.reviewed }}</dd>
</dl>
{{ .Content }}
<h2>Sources</h2>
<ul>{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}</ul>
{{ if .Site.Params.related }}{{ with .Site.RegularPages.Related . | first 4 }}<h2>Related cases</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}{{ end }}
</article>
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ len .Pages }} cases</p>
<ul>{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ end }}
"#;

const HUGO_TERMS: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#;

const HUGO_HOME: &str = r#"{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ range $name, $terms := .Site.Taxonomies }}<h2>{{ $name | humanize }}</h2>
<ul>{{ range $terms.ByCount | first 20 }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
<h2>Newest cases</h2>
<ul>{{ range first 20 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"#;

impl HugoSite {
    fn create(root: std::path::PathBuf, languages: &[String]) -> anyhow::Result<HugoSite> {
        if root.exists() {
            std::fs::remove_dir_all(&root)?;
        }
        let layouts = root.join("layouts/_default");
        std::fs::create_dir_all(&layouts)?;
        std::fs::create_dir_all(root.join("static"))?;
        let mut config = String::new();
        if languages.len() > 1 {
            // Every language mounts the same content: the same pages in each.
            let _ = writeln!(config, "defaultContentLanguage = {:?}", languages[0]);
        }
        config.push_str(HUGO_CONFIG);
        if languages.len() > 1 {
            for (weight, language) in languages.iter().enumerate() {
                let _ = writeln!(config, "\n[languages.{language}]\nweight = {}", weight + 1);
                let _ = writeln!(
                    config,
                    "[[module.mounts]]\nsource = \"content\"\ntarget = \"content\"\nlang = {language:?}"
                );
            }
            for folder in ["static", "layouts"] {
                let _ = writeln!(
                    config,
                    "[[module.mounts]]\nsource = {folder:?}\ntarget = {folder:?}"
                );
            }
        }
        std::fs::write(root.join("hugo.toml"), config)?;
        std::fs::write(layouts.join("baseof.html"), HUGO_BASEOF)?;
        std::fs::write(layouts.join("single.html"), HUGO_SINGLE)?;
        std::fs::write(layouts.join("list.html"), HUGO_LIST)?;
        std::fs::write(layouts.join("terms.html"), HUGO_TERMS)?;
        std::fs::write(root.join("layouts/index.html"), HUGO_HOME)?;
        // The same style sheet as ours, so both sites carry the same assets.
        let theme_css = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css");
        std::fs::copy(theme_css, root.join("static/style.css"))?;
        Ok(HugoSite { root })
    }

    fn write_case(&mut self, case: &HugoCase<'_>) -> anyhow::Result<()> {
        let list = |items: &[&str]| -> String {
            let quoted: Vec<String> = items.iter().map(|item| toml_string(item)).collect();
            format!("[{}]", quoted.join(", "))
        };
        let municipalities: Vec<&str> = case.municipalities.iter().map(String::as_str).collect();
        let mut text = String::new();
        let _ = writeln!(text, "+++");
        let _ = writeln!(text, "title = {}", toml_string(case.title));
        let _ = writeln!(text, "summary = {}", toml_string(case.summary));
        let _ = writeln!(text, "countries = {}", list(&[case.country]));
        let _ = writeln!(text, "municipalities = {}", list(&municipalities));
        let _ = writeln!(text, "categories = {}", list(&[case.category]));
        let _ = writeln!(text, "service_areas = {}", list(&[case.area]));
        let _ = writeln!(text, "cooperation = {}", toml_string(case.form));
        let _ = writeln!(text, "status = {}", toml_string(case.status));
        let _ = writeln!(text, "started = {}", case.started_year);
        let _ = writeln!(text, "language = {}", toml_string(case.language));
        let _ = writeln!(text, "reviewed = {}", case.reviewed);
        let _ = writeln!(
            text,
            "[[sources]]\ntitle = \"Synthetic source {}\"\nurl = \"https://example.org/cases/{}\"",
            case.index, case.index
        );
        let _ = writeln!(text, "+++");
        text.push_str(case.body);
        let folder = self.root.join("content/cases").join(case.country.to_lowercase());
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("{}.md", case.slug)), text)?;
        Ok(())
    }
}
