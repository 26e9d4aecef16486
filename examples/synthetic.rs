//! Writes a synthetic catalogue of N valid cases for benchmarks:
//! `cargo run --release --example synthetic -- <N> <OUT_DIR> [SEED] [--hugo HUGO_DIR] [--languages en,sv,...] [--realistic]`.
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
//!
//! By default the bodies are short (about 80 words of a few repeated
//! sentences); the published benchmark figures rest on them, so they stay
//! byte for byte what they were. `--realistic` writes bodies as long and
//! as varied as real case descriptions (see [`realistic_body`]): 200 to
//! 1,500 words, about 600 on average, in the four recommended sections,
//! in English and the six Nordic languages (Nynorsk too), with lists,
//! tables and footnotes. The Hugo site gets the same bodies; its Markdown
//! renderer has tables and footnotes too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// What to write: the command line, parsed.
pub struct Options {
    pub count: usize,
    pub out: PathBuf,
    pub seed: u64,
    pub hugo: Option<PathBuf>,
    pub languages: Vec<String>,
    /// Bodies of real length and shape (see [`realistic_body`]) instead of
    /// the short default ones, which existing benchmark figures rest on.
    pub realistic: bool,
}

const USAGE: &str =
    "usage: synthetic <N> <OUT_DIR> [SEED] [--hugo HUGO_DIR] [--languages en,sv,...] [--realistic]";

impl Options {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> anyhow::Result<Options> {
        let mut positional = Vec::new();
        let mut hugo = None;
        let mut languages = vec!["en".to_string()];
        let mut realistic = false;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if arg == "--hugo" {
                hugo = args.next().map(PathBuf::from);
            } else if arg == "--languages" {
                let list = args.next().unwrap_or_default();
                languages = list.split(',').map(str::to_string).collect();
            } else if arg == "--realistic" {
                realistic = true;
            } else {
                positional.push(arg);
            }
        }
        let mut positional = positional.into_iter();
        let count: usize = positional.next().ok_or_else(|| anyhow::anyhow!(USAGE))?.parse()?;
        let out = PathBuf::from(positional.next().ok_or_else(|| anyhow::anyhow!(USAGE))?);
        let seed: u64 = positional.next().map_or(Ok(42), |s| s.parse())?;
        Ok(Options {
            count,
            out,
            seed,
            hugo,
            languages,
            realistic,
        })
    }
}

fn main() -> anyhow::Result<()> {
    generate(&Options::from_args(std::env::args().skip(1))?)
}

/// Writes the catalogue (and the Hugo site) the options ask for.
pub fn generate(options: &Options) -> anyhow::Result<()> {
    let (count, out, languages) = (options.count, &options.out, &options.languages);
    let mut rng = Rng(options.seed.max(1));

    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue");
    let config_text = std::fs::read_to_string(source.join("catalogue.toml"))?;
    let register_text = std::fs::read_to_string(source.join("register/municipalities.csv"))?;
    let config = Config::parse(&SourceFile::new("catalogue.toml", config_text.clone()))
        .map_err(|_| anyhow::anyhow!("the shipped catalogue.toml has errors"))?;
    let (register, _) = Register::parse(&SourceFile::new("municipalities.csv", register_text.clone()));

    if out.exists() {
        std::fs::remove_dir_all(out)?;
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

    let mut hugo = options
        .hugo
        .clone()
        .map(|root| HugoSite::create(root, languages))
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
    let name_of = |country: &str, code: &str| -> String {
        register
            .all()
            .iter()
            .find(|m| m.country == country && m.code == code)
            .map_or_else(|| code.to_string(), |m| m.name.clone())
    };
    for index in 0..count {
        let country = countries[index % countries.len()];
        let municipalities: Vec<&str> = register
            .all()
            .iter()
            .filter(|m| m.country == country)
            .map(|m| m.code.as_str())
            .collect();
        let mut language = match (country, rng.below(3)) {
            (_, 0) => "en",
            ("SE", _) => "sv",
            ("NO", _) => "nb",
            ("DK", _) => "da",
            ("FI", _) => "fi",
            _ => "is",
        };
        // Nynorsk only in the realistic corpus, so that the default one
        // draws exactly what it always did.
        if options.realistic && language == "nb" && rng.below(4) == 0 {
            language = "nn";
        }
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
        let names: Vec<String> = chosen.iter().map(|code| name_of(country, code)).collect();
        let body = if options.realistic {
            let country_names: Vec<&str> = register
                .all()
                .iter()
                .filter(|m| m.country == country)
                .map(|m| m.name.as_str())
                .collect();
            let place = Place {
                names: &names,
                country_names: &country_names,
                started_year,
            };
            realistic_body(&mut rng, &config, language, &place)?
        } else {
            let mut body = String::new();
            for heading in headings {
                let _ = writeln!(body, "\n## {heading}\n");
                for _ in 0..2 + rng.below(4) {
                    let _ = write!(body, "{} ", rng.pick(sentences));
                }
                body.push('\n');
            }
            body
        };

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

/// The places a realistic body may name: the case's own municipalities and
/// any of its country's, so that bodies carry as many proper names as real
/// ones do.
struct Place<'a> {
    names: &'a [String],
    country_names: &'a [&'a str],
    started_year: usize,
}

/// The longest realistic body, in words.
const MOST_WORDS: usize = 1_500;

/// How the words of a body are spread over its four sections, in per cent
/// of the body, cumulated: most on what was done, least on the lessons.
const SECTION_SHARES: [usize; 4] = [25, 60, 85, 100];

/// Words as a reader counts them: runs of text with a letter or digit in
/// them (not Markdown's `##`, `-`, `|` or `|---|`).
pub fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

/// A body of the length and shape real case descriptions have: 200 to
/// 1,500 words, about 600 on average and most often 400 to 600 (the second
/// smallest of six uniform draws, a skewed bell), in the four sections the
/// catalogue recommends, under their headings in the body's language;
/// paragraphs of varied sentences with names, years and figures; and, as
/// in real cases, sometimes a bulleted list of what was done, a table of
/// figures, numbered recommendations and footnotes.
fn realistic_body(
    rng: &mut Rng,
    config: &Config,
    language: &str,
    place: &Place<'_>,
) -> anyhow::Result<String> {
    let prose = PROSE
        .iter()
        .find(|prose| prose.language == language)
        .unwrap_or(&PROSE[0]);
    let headings: Vec<&str> = config
        .terms(Vocabulary::Sections)
        .iter()
        .map(|term| term.label(language))
        .collect();
    if headings.len() < SECTION_SHARES.len() {
        anyhow::bail!("the catalogue recommends fewer than four sections");
    }
    let mut draws: Vec<usize> = (0..6).map(|_| rng.below(1_401)).collect();
    draws.sort_unstable();
    let target = (200 + draws[1]).min(MOST_WORDS - 50);

    // Footnotes: their definitions close the body; each is referred to
    // once, from a sentence of the section it is assigned to.
    let footnotes = if rng.below(2) == 0 { 0 } else { 1 + rng.below(4) };
    let mut notes_in: Vec<usize> = (0..footnotes).map(|_| rng.below(4)).collect();
    notes_in.sort_unstable();
    let definitions: Vec<String> = (0..footnotes)
        .map(|_| {
            let template = *rng.pick(prose.footnotes);
            capitalised(&fill(template, rng, prose, place))
        })
        .collect();
    let mut total = definitions.iter().map(|note| words(note)).sum::<usize>();
    let mut next_note = 1;

    let mut body = String::new();
    for (section, heading) in headings.iter().take(SECTION_SHARES.len()).enumerate() {
        let _ = writeln!(body, "\n## {heading}");
        total += words(heading);
        let quota = target * SECTION_SHARES[section] / 100;
        let mut notes_here = notes_in.iter().filter(|&&s| s == section).count();
        let mut extra = match section {
            1 if rng.below(5) < 3 => Some(bullet_list(rng, prose, place)),
            2 if rng.below(3) == 0 => Some(table(rng, prose, place)),
            3 if rng.below(5) < 2 => Some(numbered_list(rng, prose, place)),
            _ => None,
        };
        let mut deck = Deck::new(prose.sections[section]);
        let mut first = true;
        'section: loop {
            let mut paragraph = String::new();
            for _ in 0..2 + rng.below(4) {
                let sentence = sentence(rng, prose, &mut deck, place);
                let count = words(&sentence);
                let done = total >= quota && notes_here == 0;
                if !first && (done || total + count > MOST_WORDS) {
                    break;
                }
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(&sentence);
                // Every note of the section is referred to before it ends.
                let last = total + count >= quota;
                while notes_here > 0 && (last || rng.below(3) == 0) {
                    let _ = write!(paragraph, "[^{next_note}]");
                    next_note += 1;
                    notes_here -= 1;
                    if !last {
                        break;
                    }
                }
                total += count;
                first = false;
            }
            if paragraph.is_empty() {
                break 'section;
            }
            let _ = writeln!(body, "\n{paragraph}");
            if let Some(block) = extra.take_if(|block| total + words(block) <= quota) {
                total += words(&block);
                let _ = write!(body, "\n{block}");
            }
        }
    }
    // Only notes referred to are defined (a body cut at the longest
    // length may leave one unreferred).
    if next_note > 1 {
        body.push('\n');
        for (number, note) in definitions.iter().take(next_note - 1).enumerate() {
            let _ = writeln!(body, "[^{}]: {note}", number + 1);
        }
    }
    Ok(body)
}

/// One sentence: a clause of the section's, or two joined by "and", with
/// its slots filled.
fn sentence(rng: &mut Rng, prose: &Prose, deck: &mut Deck<'_>, place: &Place<'_>) -> String {
    let template = deck.draw(rng);
    let first = fill(template, rng, prose, place);
    let text = if rng.below(3) == 0 {
        // Lowercase unless the clause opens with a name or organisation.
        let clause = deck.draw(rng);
        let second = if clause.starts_with('{') {
            fill(clause, rng, prose, place)
        } else {
            let mut chars = clause.chars();
            let lower: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_lowercase)
                .chain(chars)
                .collect();
            fill(&lower, rng, prose, place)
        };
        format!("{first}{}{second}", prose.and)
    } else {
        first
    };
    format!("{}.", capitalised(&text))
}

/// A section's clauses, dealt in a drawn order and dealt again when all
/// are used, so that a body repeats a clause only when it is longer than
/// all of them together, as a real text would not repeat itself.
struct Deck<'a> {
    clauses: Vec<&'a str>,
    next: usize,
}

impl<'a> Deck<'a> {
    fn new(clauses: &[&'a str]) -> Deck<'a> {
        Deck {
            clauses: clauses.to_vec(),
            next: clauses.len(),
        }
    }

    fn draw(&mut self, rng: &mut Rng) -> &'a str {
        if self.next >= self.clauses.len() {
            let count = self.clauses.len();
            self.clauses = some_of(rng, &self.clauses, count);
            self.next = 0;
        }
        self.next += 1;
        self.clauses.get(self.next - 1).copied().unwrap_or_default()
    }
}

/// "The work included:" and three to six of the language's list items.
fn bullet_list(rng: &mut Rng, prose: &Prose, place: &Place<'_>) -> String {
    let mut block = format!("{}\n\n", fill(prose.list_intro, rng, prose, place));
    let count = 3 + rng.below(4);
    for item in some_of(rng, prose.list, count) {
        let _ = writeln!(block, "- {}", fill(item, rng, prose, place));
    }
    block
}

/// "The municipalities recommend others to:" and three to five numbered
/// recommendations.
fn numbered_list(rng: &mut Rng, prose: &Prose, place: &Place<'_>) -> String {
    let mut block = format!("{}\n\n", fill(prose.steps_intro, rng, prose, place));
    let count = 3 + rng.below(3);
    for (number, item) in some_of(rng, prose.steps, count).into_iter().enumerate() {
        let _ = writeln!(block, "{}. {}", number + 1, fill(item, rng, prose, place));
    }
    block
}

/// A sentence and a table of yearly figures: applications, the share made
/// digitally (rising) and the days to a decision (falling).
fn table(rng: &mut Rng, prose: &Prose, place: &Place<'_>) -> String {
    let mut block = format!("{}\n\n", fill(prose.table_intro, rng, prose, place));
    let _ = writeln!(block, "| {} |", prose.table_head.join(" | "));
    let _ = writeln!(block, "|---|---:|---:|---:|");
    let first_year = place.started_year.saturating_sub(1);
    let (mut share, mut days) = (5 + rng.below(30), 10 + rng.below(30));
    for year in first_year..first_year + 3 + rng.below(3) {
        let applications = 50 + rng.below(2_000);
        let _ = writeln!(block, "| {year} | {applications} | {share} | {days} |");
        share = (share + 5 + rng.below(20)).min(98);
        days = days.saturating_sub(1 + rng.below(6)).max(1);
    }
    block
}

/// `count` different items of `items`, in a drawn order.
fn some_of<'a>(rng: &mut Rng, items: &[&'a str], count: usize) -> Vec<&'a str> {
    let mut items = items.to_vec();
    for last in (1..items.len()).rev() {
        items.swap(last, rng.below(last + 1));
    }
    items.truncate(count);
    items
}

/// A template with its slots filled: `{m}` one of the case's
/// municipalities, `{m2}` any of its country's, `{y}` and `{y2}` years
/// around the start, `{n}` a count, `{p}` a percentage, `{s}` a service,
/// `{sys}` a case management system, `{org}` an organisation.
fn fill(template: &str, rng: &mut Rng, prose: &Prose, place: &Place<'_>) -> String {
    let mut text = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let year = place.started_year;
        match &rest[open + 1..open + close] {
            "m" => text.push_str(rng.pick(place.names).as_str()),
            "m2" => text.push_str(rng.pick::<&str>(place.country_names)),
            "y" => {
                let _ = write!(text, "{}", year.saturating_sub(rng.below(4)));
            }
            "y2" => {
                let _ = write!(text, "{}", year + 1 + rng.below(2));
            }
            "n" => {
                let _ = write!(text, "{}", 2 + rng.below(39));
            }
            "p" => {
                let _ = write!(text, "{}", 5 + rng.below(91));
            }
            "s" => text.push_str(rng.pick::<&str>(prose.services)),
            "sys" => text.push_str(rng.pick::<&str>(SYSTEMS)),
            "org" => text.push_str(rng.pick::<&str>(prose.organisations)),
            other => text.push_str(other),
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Case management systems in use in Nordic social services.
const SYSTEMS: &[&str] = &[
    "Lifecare",
    "Treserva",
    "Viva",
    "Procapita",
    "Visma Flyt",
    "Modulus",
    "Nexus",
    "DUBU",
    "Abakus",
    "Pro Consona",
    "Gerica",
    "Acos",
    "Sosiaali Effica",
];

/// Everything a realistic body draws on in one language: per section the
/// clauses its sentences are made of, and the words that join two clauses,
/// fill the slots (see [`fill`]), introduce the lists and the table and
/// make up the footnotes. The clauses are written so that any two can be
/// joined and any slot filled without changing the grammar.
struct Prose {
    language: &'static str,
    sections: [&'static [&'static str]; 4],
    and: &'static str,
    services: &'static [&'static str],
    organisations: &'static [&'static str],
    list_intro: &'static str,
    list: &'static [&'static str],
    steps_intro: &'static str,
    steps: &'static [&'static str],
    table_intro: &'static str,
    table_head: [&'static str; 4],
    footnotes: &'static [&'static str],
}

const PROSE: &[Prose] = &[
    Prose {
        language: "en",
        sections: [
            &[
                "The municipalities of {m} and {m2} are small and sparsely populated, with long distances between their offices",
                "In {y} the social services of {m} had {n} social workers, several of them newly qualified",
                "Staff turnover was high, and about {p} per cent of the positions were filled by temporary staff",
                "Cases concerning {s} are rare in a small municipality, which makes it hard to keep up competence",
                "Applications were handled on paper, and a decision often took several weeks",
                "The national strategy for digitalisation encouraged municipalities to work together on shared solutions",
                "A survey by {org} showed that {p} per cent of the residents preferred to contact the services online",
                "Before the co-operation, each municipality procured and maintained its own case management system",
                "The number of reports of concern grew by {p} per cent between {y} and {y2}",
                "Recruiting specialists in {s} had proved difficult for all the municipalities in the region",
            ],
            &[
                "The municipalities agreed that {m} would host the service on behalf of the others",
                "A joint project group with staff from {n} municipalities met every month",
                "They procured {sys} together and configured it for {s}",
                "Residents can now apply through a shared e-service that is open around the clock",
                "Social workers in {m2} use video meetings to follow up families living far from the office",
                "The routines were written down in a common handbook that is reviewed every year",
                "{org} supported the project with funding and advice on information security",
                "Staff from all the municipalities took part in training in the new way of working",
                "A data protection impact assessment was carried out before the system was put into use",
                "The co-operation was regulated in an agreement approved by each municipal council in {y}",
            ],
            &[
                "The average time from application to decision fell from {n} days to a few days",
                "About {p} per cent of the applications are now submitted digitally",
                "An evaluation by {org} found that staff spent less time on administration",
                "Residents of {m} report that the service is easier to reach than before",
                "The number of journeys between the offices fell markedly, which saved both time and money",
                "Staff turnover decreased after the co-operation began, although other factors may also have played a part",
                "No measured effects on the outcomes for clients have been published so far",
                "The shared system made it possible to cover for colleagues during holidays",
                "In {y2} the service handled {n} hundred cases concerning {s}",
                "Several neighbouring municipalities have since asked to join the co-operation",
            ],
            &[
                "Anchoring the project with the managers early on was essential",
                "The municipalities underestimated the time needed to agree on common routines",
                "Involving the staff who use the system every day led to better solutions",
                "Clear rules on who is responsible for personal data must be settled at the start",
                "A small municipality gains most from co-operation when the tasks are rare and demanding",
                "Good internet connections are a precondition for video meetings in rural areas",
                "The project shows that digital services do not replace personal contact but complement it",
                "The joint procurement gave the municipalities a stronger position towards the suppliers",
                "Continuous follow-up with figures helped the steering group to adjust the work",
                "Others can reuse the agreement and the handbook, which are published openly",
            ],
        ],
        and: ", and ",
        services: &[
            "financial assistance",
            "child welfare",
            "family law",
            "substance abuse care",
            "support for people with disabilities",
            "elderly care",
            "reports of concern",
            "domestic violence",
        ],
        organisations: &[
            "the county administrative board",
            "the regional R&D unit",
            "the association of local authorities",
            "the university",
            "the national board of health and welfare",
        ],
        list_intro: "The work included:",
        list: &[
            "a shared e-service for applications",
            "common routines for {s}",
            "video meetings with families and partners",
            "joint training for {n} social workers",
            "a shared on-call service outside office hours",
            "digital signing of decisions and agreements",
            "a common register of reports of concern",
            "regular meetings of the managers",
        ],
        steps_intro: "The municipalities recommend others to:",
        steps: &[
            "agree on the goals before choosing a system",
            "set aside time for the staff to learn the new routines",
            "involve the data protection officer from the start",
            "decide how the costs are shared between the municipalities",
            "measure the situation before and after the change",
            "publish the agreement so that others can reuse it",
        ],
        table_intro: "The table shows the development in {m}.",
        table_head: [
            "Year",
            "Applications",
            "Submitted digitally (%)",
            "Days to decision",
        ],
        footnotes: &[
            "{org}, annual report {y2}.",
            "Figures from the municipality of {m}, {y2}.",
            "Evaluation report by {org}, published in {y2}.",
            "Interview with the head of social services in {m2}.",
            "Decision of the municipal council of {m}, {y}.",
        ],
    },
    Prose {
        language: "sv",
        sections: [
            &[
                "Kommunerna {m} och {m2} är små och glest befolkade, med långa avstånd mellan kontoren",
                "År {y} hade socialtjänsten i {m} {n} socialsekreterare, flera av dem nyutexaminerade",
                "Personalomsättningen var hög, och omkring {p} procent av tjänsterna var bemannade med tillfällig personal",
                "Ärenden om {s} är sällsynta i en liten kommun, vilket gör det svårt att upprätthålla kompetensen",
                "Ansökningarna hanterades på papper, och ett beslut tog ofta flera veckor",
                "Den nationella strategin för digitalisering uppmuntrade kommunerna att samarbeta om gemensamma lösningar",
                "En enkät från {org} visade att {p} procent av invånarna helst ville kontakta verksamheten digitalt",
                "Före samarbetet upphandlade och förvaltade varje kommun sitt eget verksamhetssystem",
                "Antalet orosanmälningar ökade med {p} procent mellan {y} och {y2}",
                "Att rekrytera specialister inom {s} hade visat sig svårt för alla kommuner i regionen",
            ],
            &[
                "Kommunerna kom överens om att {m} skulle vara värdkommun för tjänsten",
                "En gemensam projektgrupp med personal från {n} kommuner träffades varje månad",
                "De upphandlade {sys} tillsammans och anpassade systemet för {s}",
                "Invånarna kan nu ansöka via en gemensam e-tjänst som är öppen dygnet runt",
                "Socialsekreterarna i {m2} använder videomöten för att följa upp familjer som bor långt från kontoret",
                "Rutinerna skrevs ned i en gemensam handbok som revideras varje år",
                "{org} stödde projektet med finansiering och råd om informationssäkerhet",
                "Personal från alla kommunerna deltog i utbildning i det nya arbetssättet",
                "En konsekvensbedömning avseende dataskydd gjordes innan systemet togs i bruk",
                "Samarbetet reglerades i ett avtal som godkändes av varje kommunfullmäktige år {y}",
            ],
            &[
                "Den genomsnittliga tiden från ansökan till beslut minskade från {n} dagar till några få dagar",
                "Omkring {p} procent av ansökningarna lämnas nu in digitalt",
                "En utvärdering från {org} visade att personalen lade mindre tid på administration",
                "Invånare i {m} uppger att tjänsten är lättare att nå än tidigare",
                "Antalet resor mellan kontoren minskade tydligt, vilket sparade både tid och pengar",
                "Personalomsättningen minskade efter att samarbetet började, även om andra faktorer också kan ha spelat in",
                "Inga mätta effekter för klienterna har hittills publicerats",
                "Det gemensamma systemet gjorde det möjligt att täcka upp för kollegor under semestrar",
                "År {y2} hanterade tjänsten {n} hundra ärenden om {s}",
                "Flera grannkommuner har sedan dess bett om att få ansluta sig till samarbetet",
            ],
            &[
                "Det var avgörande att förankra projektet hos cheferna tidigt",
                "Kommunerna underskattade den tid som behövdes för att enas om gemensamma rutiner",
                "När personalen som använder systemet varje dag involverades blev lösningarna bättre",
                "Tydliga regler om vem som ansvarar för personuppgifterna måste bestämmas från början",
                "En liten kommun vinner mest på samarbete när uppgifterna är sällsynta och krävande",
                "Goda internetförbindelser är en förutsättning för videomöten på landsbygden",
                "Projektet visar att digitala tjänster inte ersätter den personliga kontakten utan kompletterar den",
                "Den gemensamma upphandlingen gav kommunerna en starkare ställning gentemot leverantörerna",
                "Löpande uppföljning med siffror hjälpte styrgruppen att justera arbetet",
                "Andra kan återanvända avtalet och handboken, som är publicerade öppet",
            ],
        ],
        and: ", och ",
        services: &[
            "ekonomiskt bistånd",
            "barn och unga",
            "familjerätt",
            "missbruksvård",
            "stöd till personer med funktionsnedsättning",
            "äldreomsorg",
            "orosanmälningar",
            "våld i nära relationer",
        ],
        organisations: &[
            "länsstyrelsen",
            "FoU-enheten i regionen",
            "Sveriges Kommuner och Regioner",
            "universitetet",
            "Socialstyrelsen",
        ],
        list_intro: "Arbetet omfattade:",
        list: &[
            "en gemensam e-tjänst för ansökningar",
            "gemensamma rutiner för {s}",
            "videomöten med familjer och samarbetspartner",
            "gemensam utbildning för {n} socialsekreterare",
            "en gemensam jour utanför kontorstid",
            "digital signering av beslut och avtal",
            "ett gemensamt register över orosanmälningar",
            "regelbundna möten för cheferna",
        ],
        steps_intro: "Kommunerna rekommenderar andra att:",
        steps: &[
            "enas om målen innan de väljer system",
            "avsätta tid för personalen att lära sig de nya rutinerna",
            "involvera dataskyddsombudet från början",
            "bestämma hur kostnaderna fördelas mellan kommunerna",
            "mäta läget före och efter förändringen",
            "publicera avtalet så att andra kan återanvända det",
        ],
        table_intro: "Tabellen visar utvecklingen i {m}.",
        table_head: ["År", "Ansökningar", "Inlämnade digitalt (%)", "Dagar till beslut"],
        footnotes: &[
            "{org}, årsredovisning {y2}.",
            "Siffror från {m} kommun, {y2}.",
            "Utvärderingsrapport från {org}, publicerad {y2}.",
            "Intervju med socialchefen i {m2}.",
            "Beslut i kommunfullmäktige i {m}, {y}.",
        ],
    },
    Prose {
        language: "nb",
        sections: [
            &[
                "Kommunene {m} og {m2} er små og spredt befolket, med lange avstander mellom kontorene",
                "I {y} hadde sosialtjenesten i {m} {n} saksbehandlere, flere av dem nyutdannede",
                "Turnover blant de ansatte var høy, og rundt {p} prosent av stillingene var besatt av vikarer",
                "Saker om {s} er sjeldne i en liten kommune, noe som gjør det vanskelig å holde kompetansen ved like",
                "Søknadene ble behandlet på papir, og et vedtak tok ofte flere uker",
                "Den nasjonale digitaliseringsstrategien oppmuntret kommunene til å samarbeide om felles løsninger",
                "En undersøkelse fra {org} viste at {p} prosent av innbyggerne helst ville kontakte tjenesten digitalt",
                "Før samarbeidet anskaffet og forvaltet hver kommune sitt eget fagsystem",
                "Antallet bekymringsmeldinger økte med {p} prosent mellom {y} og {y2}",
                "Det hadde vist seg vanskelig for alle kommunene i regionen å rekruttere spesialister innen {s}",
            ],
            &[
                "Kommunene ble enige om at {m} skulle være vertskommune for tjenesten",
                "En felles prosjektgruppe med ansatte fra {n} kommuner møttes hver måned",
                "De anskaffet {sys} sammen og tilpasset systemet til {s}",
                "Innbyggerne kan nå søke gjennom en felles digital tjeneste som er åpen hele døgnet",
                "Saksbehandlerne i {m2} bruker videomøter for å følge opp familier som bor langt fra kontoret",
                "Rutinene ble skrevet ned i en felles håndbok som revideres hvert år",
                "{org} støttet prosjektet med midler og råd om informasjonssikkerhet",
                "Ansatte fra alle kommunene deltok i opplæring i den nye arbeidsformen",
                "En vurdering av personvernkonsekvenser ble gjennomført før systemet ble tatt i bruk",
                "Samarbeidet ble regulert i en avtale som hvert kommunestyre vedtok i {y}",
            ],
            &[
                "Den gjennomsnittlige tiden fra søknad til vedtak gikk ned fra {n} dager til noen få dager",
                "Rundt {p} prosent av søknadene sendes nå inn digitalt",
                "En evaluering fra {org} fant at de ansatte brukte mindre tid på administrasjon",
                "Innbyggere i {m} forteller at tjenesten er lettere å nå enn før",
                "Antallet reiser mellom kontorene gikk tydelig ned, noe som sparte både tid og penger",
                "Turnover blant de ansatte gikk ned etter at samarbeidet startet, selv om også andre forhold kan ha spilt inn",
                "Det er så langt ikke publisert målte effekter for brukerne",
                "Det felles systemet gjorde det mulig å dekke opp for kolleger i ferier",
                "I {y2} behandlet tjenesten {n} hundre saker om {s}",
                "Flere nabokommuner har senere bedt om å bli med i samarbeidet",
            ],
            &[
                "Det var avgjørende å forankre prosjektet hos lederne tidlig",
                "Kommunene undervurderte tiden det tok å bli enige om felles rutiner",
                "Når de ansatte som bruker systemet hver dag ble involvert, ble løsningene bedre",
                "Klare regler for hvem som har ansvaret for personopplysningene må avklares fra starten",
                "En liten kommune har mest å vinne på samarbeid når oppgavene er sjeldne og krevende",
                "God internettdekning er en forutsetning for videomøter i distriktene",
                "Prosjektet viser at digitale tjenester ikke erstatter den personlige kontakten, men utfyller den",
                "Den felles anskaffelsen ga kommunene en sterkere posisjon overfor leverandørene",
                "Løpende oppfølging med tall hjalp styringsgruppen med å justere arbeidet",
                "Andre kan gjenbruke avtalen og håndboken, som er publisert åpent",
            ],
        ],
        and: ", og ",
        services: &[
            "økonomisk sosialhjelp",
            "barnevern",
            "familierett",
            "rusomsorg",
            "tjenester til personer med funksjonsnedsettelse",
            "eldreomsorg",
            "bekymringsmeldinger",
            "vold i nære relasjoner",
        ],
        organisations: &[
            "statsforvalteren",
            "KS",
            "det regionale FoU-miljøet",
            "universitetet",
            "Bufdir",
        ],
        list_intro: "Arbeidet omfattet:",
        list: &[
            "en felles digital søknadstjeneste",
            "felles rutiner for {s}",
            "videomøter med familier og samarbeidspartnere",
            "felles opplæring for {n} saksbehandlere",
            "en felles vakttjeneste utenom kontortid",
            "digital signering av vedtak og avtaler",
            "et felles register over bekymringsmeldinger",
            "faste møter for lederne",
        ],
        steps_intro: "Kommunene anbefaler andre å:",
        steps: &[
            "bli enige om målene før de velger system",
            "sette av tid til at de ansatte kan lære de nye rutinene",
            "involvere personvernombudet fra starten",
            "avklare hvordan kostnadene fordeles mellom kommunene",
            "måle situasjonen før og etter endringen",
            "publisere avtalen slik at andre kan gjenbruke den",
        ],
        table_intro: "Tabellen viser utviklingen i {m}.",
        table_head: ["År", "Søknader", "Sendt digitalt (%)", "Dager til vedtak"],
        footnotes: &[
            "{org}, årsrapport {y2}.",
            "Tall fra {m} kommune, {y2}.",
            "Evalueringsrapport fra {org}, publisert {y2}.",
            "Intervju med sosialsjefen i {m2}.",
            "Vedtak i kommunestyret i {m}, {y}.",
        ],
    },
    Prose {
        language: "nn",
        sections: [
            &[
                "Kommunane {m} og {m2} er små og spreidd busette, med lange avstandar mellom kontora",
                "I {y} hadde sosialtenesta i {m} {n} sakshandsamarar, fleire av dei nyutdanna",
                "Utskiftinga blant dei tilsette var høg, og kring {p} prosent av stillingane var fylte av vikarar",
                "Saker om {s} er sjeldne i ein liten kommune, noko som gjer det vanskeleg å halde ved like kompetansen",
                "Søknadene vart handsama på papir, og eit vedtak tok ofte fleire veker",
                "Den nasjonale digitaliseringsstrategien oppmoda kommunane til å samarbeide om felles løysingar",
                "Ei undersøking frå {org} viste at {p} prosent av innbyggjarane helst ville kontakte tenesta digitalt",
                "Før samarbeidet kjøpte og forvalta kvar kommune sitt eige fagsystem",
                "Talet på bekymringsmeldingar auka med {p} prosent mellom {y} og {y2}",
                "Det hadde vist seg vanskeleg for alle kommunane i regionen å rekruttere spesialistar innan {s}",
            ],
            &[
                "Kommunane vart samde om at {m} skulle vere vertskommune for tenesta",
                "Ei felles prosjektgruppe med tilsette frå {n} kommunar møttest kvar månad",
                "Dei kjøpte inn {sys} saman og tilpassa systemet til {s}",
                "Innbyggjarane kan no søkje gjennom ei felles digital teneste som er open heile døgnet",
                "Sakshandsamarane i {m2} brukar videomøte for å følgje opp familiar som bur langt frå kontoret",
                "Rutinane vart skrivne ned i ei felles handbok som vert revidert kvart år",
                "{org} støtta prosjektet med midlar og råd om informasjonstryggleik",
                "Tilsette frå alle kommunane tok del i opplæring i den nye arbeidsforma",
                "Ei vurdering av personvernkonsekvensar vart gjennomført før systemet vart teke i bruk",
                "Samarbeidet vart regulert i ein avtale som kvart kommunestyre vedtok i {y}",
            ],
            &[
                "Den gjennomsnittlege tida frå søknad til vedtak gjekk ned frå {n} dagar til nokre få dagar",
                "Kring {p} prosent av søknadene vert no sende inn digitalt",
                "Ei evaluering frå {org} fann at dei tilsette brukte mindre tid på administrasjon",
                "Innbyggjarar i {m} fortel at tenesta er lettare å nå enn før",
                "Talet på reiser mellom kontora gjekk tydeleg ned, noko som sparte både tid og pengar",
                "Utskiftinga blant dei tilsette gjekk ned etter at samarbeidet starta, sjølv om også andre tilhøve kan ha spela inn",
                "Det er så langt ikkje publisert målte effektar for brukarane",
                "Det felles systemet gjorde det mogleg å dekkje opp for kollegaer i feriar",
                "I {y2} handsama tenesta {n} hundre saker om {s}",
                "Fleire nabokommunar har seinare bede om å bli med i samarbeidet",
            ],
            &[
                "Det var avgjerande å forankre prosjektet hjå leiarane tidleg",
                "Kommunane undervurderte tida det tok å bli samde om felles rutinar",
                "Då dei tilsette som brukar systemet kvar dag vart involverte, vart løysingane betre",
                "Klare reglar for kven som har ansvaret for personopplysningane må avklarast frå starten",
                "Ein liten kommune har mest å vinne på samarbeid når oppgåvene er sjeldne og krevjande",
                "God internettdekning er ein føresetnad for videomøte i distrikta",
                "Prosjektet viser at digitale tenester ikkje erstattar den personlege kontakten, men utfyller han",
                "Det felles innkjøpet gav kommunane ein sterkare posisjon overfor leverandørane",
                "Løpande oppfølging med tal hjelpte styringsgruppa med å justere arbeidet",
                "Andre kan bruke avtalen og handboka om att, sidan dei er publiserte ope",
            ],
        ],
        and: ", og ",
        services: &[
            "økonomisk sosialhjelp",
            "barnevern",
            "familierett",
            "rusomsorg",
            "tenester til personar med funksjonsnedsetjing",
            "eldreomsorg",
            "bekymringsmeldingar",
            "vald i nære relasjonar",
        ],
        organisations: &[
            "statsforvaltaren",
            "KS",
            "det regionale FoU-miljøet",
            "universitetet",
            "Bufdir",
        ],
        list_intro: "Arbeidet omfatta:",
        list: &[
            "ei felles digital søknadsteneste",
            "felles rutinar for {s}",
            "videomøte med familiar og samarbeidspartnarar",
            "felles opplæring for {n} sakshandsamarar",
            "ei felles vaktteneste utanom kontortid",
            "digital signering av vedtak og avtalar",
            "eit felles register over bekymringsmeldingar",
            "faste møte for leiarane",
        ],
        steps_intro: "Kommunane tilrår andre å:",
        steps: &[
            "bli samde om måla før dei vel system",
            "setje av tid slik at dei tilsette kan lære dei nye rutinane",
            "involvere personvernombodet frå starten",
            "avklare korleis kostnadene skal fordelast mellom kommunane",
            "måle situasjonen før og etter endringa",
            "publisere avtalen slik at andre kan bruke han om att",
        ],
        table_intro: "Tabellen viser utviklinga i {m}.",
        table_head: ["År", "Søknader", "Sende digitalt (%)", "Dagar til vedtak"],
        footnotes: &[
            "{org}, årsrapport {y2}.",
            "Tal frå {m} kommune, {y2}.",
            "Evalueringsrapport frå {org}, publisert {y2}.",
            "Intervju med sosialsjefen i {m2}.",
            "Vedtak i kommunestyret i {m}, {y}.",
        ],
    },
    Prose {
        language: "da",
        sections: [
            &[
                "Kommunerne {m} og {m2} er små og tyndt befolkede, med lange afstande mellem kontorerne",
                "I {y} havde socialforvaltningen i {m} {n} sagsbehandlere, flere af dem nyuddannede",
                "Personaleomsætningen var høj, og omkring {p} procent af stillingerne var besat af vikarer",
                "Sager om {s} er sjældne i en lille kommune, hvilket gør det svært at fastholde kompetencerne",
                "Ansøgningerne blev behandlet på papir, og en afgørelse tog ofte flere uger",
                "Den nationale digitaliseringsstrategi opfordrede kommunerne til at samarbejde om fælles løsninger",
                "En undersøgelse fra {org} viste, at {p} procent af borgerne helst ville kontakte forvaltningen digitalt",
                "Før samarbejdet indkøbte og vedligeholdt hver kommune sit eget fagsystem",
                "Antallet af underretninger steg med {p} procent mellem {y} og {y2}",
                "Det havde vist sig svært for alle kommunerne i regionen at rekruttere specialister inden for {s}",
            ],
            &[
                "Kommunerne aftalte, at {m} skulle være værtskommune for opgaven",
                "En fælles projektgruppe med medarbejdere fra {n} kommuner mødtes hver måned",
                "De indkøbte {sys} sammen og tilpassede systemet til {s}",
                "Borgerne kan nu søge gennem en fælles digital løsning, der er åben døgnet rundt",
                "Sagsbehandlerne i {m2} bruger videomøder til at følge op på familier, der bor langt fra kontoret",
                "Arbejdsgangene blev beskrevet i en fælles håndbog, som revideres hvert år",
                "{org} støttede projektet med midler og rådgivning om informationssikkerhed",
                "Medarbejdere fra alle kommunerne deltog i uddannelse i den nye arbejdsform",
                "En konsekvensanalyse vedrørende databeskyttelse blev gennemført, før systemet blev taget i brug",
                "Samarbejdet blev reguleret i en aftale, som hver kommunalbestyrelse godkendte i {y}",
            ],
            &[
                "Den gennemsnitlige tid fra ansøgning til afgørelse faldt fra {n} dage til få dage",
                "Omkring {p} procent af ansøgningerne indsendes nu digitalt",
                "En evaluering fra {org} viste, at medarbejderne brugte mindre tid på administration",
                "Borgere i {m} fortæller, at tilbuddet er lettere at komme i kontakt med end før",
                "Antallet af rejser mellem kontorerne faldt markant, hvilket sparede både tid og penge",
                "Personaleomsætningen faldt, efter at samarbejdet begyndte, selv om andre forhold også kan have spillet ind",
                "Der er endnu ikke offentliggjort målte effekter for borgerne",
                "Det fælles system gjorde det muligt at dække for kolleger i ferierne",
                "I {y2} behandlede tilbuddet {n} hundrede sager om {s}",
                "Flere nabokommuner har siden bedt om at blive en del af samarbejdet",
            ],
            &[
                "Det var afgørende at forankre projektet hos lederne tidligt",
                "Kommunerne undervurderede den tid, det tog at blive enige om fælles arbejdsgange",
                "Da de medarbejdere, der bruger systemet hver dag, blev inddraget, blev løsningerne bedre",
                "Klare regler for, hvem der har ansvaret for personoplysningerne, skal fastlægges fra starten",
                "En lille kommune får mest ud af samarbejde, når opgaverne er sjældne og krævende",
                "Gode internetforbindelser er en forudsætning for videomøder i landdistrikterne",
                "Projektet viser, at digitale løsninger ikke erstatter den personlige kontakt, men supplerer den",
                "Det fælles udbud gav kommunerne en stærkere position over for leverandørerne",
                "Løbende opfølgning med tal hjalp styregruppen med at justere arbejdet",
                "Andre kan genbruge aftalen og håndbogen, som er offentliggjort åbent",
            ],
        ],
        and: ", og ",
        services: &[
            "kontanthjælp",
            "udsatte børn og unge",
            "familieret",
            "misbrugsbehandling",
            "støtte til mennesker med handicap",
            "ældrepleje",
            "underretninger",
            "vold i nære relationer",
        ],
        organisations: &[
            "KL",
            "Social- og Boligstyrelsen",
            "det regionale videnscenter",
            "universitetet",
            "Digitaliseringsstyrelsen",
        ],
        list_intro: "Arbejdet omfattede:",
        list: &[
            "en fælles digital ansøgningsløsning",
            "fælles arbejdsgange for {s}",
            "videomøder med familier og samarbejdspartnere",
            "fælles uddannelse for {n} sagsbehandlere",
            "en fælles vagtordning uden for kontortid",
            "digital underskrift af afgørelser og aftaler",
            "et fælles register over underretninger",
            "faste møder for lederne",
        ],
        steps_intro: "Kommunerne anbefaler andre at:",
        steps: &[
            "blive enige om målene, før de vælger system",
            "afsætte tid til, at medarbejderne kan lære de nye arbejdsgange",
            "inddrage databeskyttelsesrådgiveren fra starten",
            "aftale, hvordan udgifterne fordeles mellem kommunerne",
            "måle situationen før og efter ændringen",
            "offentliggøre aftalen, så andre kan genbruge den",
        ],
        table_intro: "Tabellen viser udviklingen i {m}.",
        table_head: ["År", "Ansøgninger", "Indsendt digitalt (%)", "Dage til afgørelse"],
        footnotes: &[
            "{org}, årsrapport {y2}.",
            "Tal fra {m} Kommune, {y2}.",
            "Evalueringsrapport fra {org}, offentliggjort {y2}.",
            "Interview med socialchefen i {m2}.",
            "Beslutning i kommunalbestyrelsen i {m}, {y}.",
        ],
    },
    Prose {
        language: "fi",
        // Names stand in the nominative (as subjects, in apposition or in
        // brackets), since a slot cannot inflect them.
        sections: [
            &[
                "Kunnat {m} ja {m2} ovat pieniä ja harvaan asuttuja, ja toimipisteiden väliset etäisyydet ovat pitkiä",
                "Vuonna {y} sosiaalitoimessa työskenteli {n} sosiaalityöntekijää, joista useat olivat vastavalmistuneita (kunta: {m})",
                "Henkilöstön vaihtuvuus oli suurta, ja noin {p} prosenttia tehtävistä hoidettiin sijaisin",
                "Harvinaiset asiat, kuten {s}, ovat pienessä kunnassa vaikeita, koska osaamista on vaikea ylläpitää",
                "Hakemukset käsiteltiin paperilla, ja päätös kesti usein useita viikkoja",
                "Kansallinen digitalisaatiostrategia kannusti kuntia yhteisiin ratkaisuihin",
                "{org} teki kyselyn, jonka mukaan {p} prosenttia asukkaista asioisi mieluiten verkossa",
                "Ennen yhteistyötä jokainen kunta hankki ja ylläpiti omaa asiakastietojärjestelmäänsä",
                "Lastensuojeluilmoitusten määrä kasvoi {p} prosenttia vuosina {y}–{y2}",
                "Erityisosaajien rekrytointi oli osoittautunut vaikeaksi kaikissa alueen kunnissa",
            ],
            &[
                "Kunnat sopivat, että {m} toimii palvelun vastuukuntana",
                "Yhteinen projektiryhmä, jossa oli työntekijöitä {n} kunnasta, kokoontui kuukausittain",
                "Kunnat hankkivat yhdessä {sys}-järjestelmän ja mukauttivat sen omiin tarpeisiinsa",
                "Asukkaat voivat nyt hakea palvelua yhteisen sähköisen asiointipalvelun kautta ympäri vuorokauden",
                "Sosiaalityöntekijät käyttävät etätapaamisia perheiden seurantaan, kun matkat toimistolle ovat pitkiä",
                "Toimintatavat kirjattiin yhteiseen käsikirjaan, joka päivitetään vuosittain",
                "{org} tuki hanketta rahoituksella ja tietoturvaa koskevalla neuvonnalla",
                "Kaikkien kuntien työntekijät osallistuivat uuden toimintamallin koulutukseen",
                "Ennen järjestelmän käyttöönottoa tehtiin tietosuojaa koskeva vaikutustenarviointi",
                "Yhteistyöstä sovittiin sopimuksella, jonka jokainen valtuusto hyväksyi vuonna {y}",
            ],
            &[
                "Keskimääräinen aika hakemuksesta päätökseen lyheni {n} päivästä muutamaan päivään",
                "Noin {p} prosenttia hakemuksista jätetään nyt sähköisesti",
                "{org} teki arvioinnin, jonka mukaan työntekijöiden aikaa kului vähemmän hallinnollisiin tehtäviin",
                "Asukkaiden mukaan palvelu on nyt helpommin saatavilla kuin ennen",
                "Toimipisteiden väliset matkat vähenivät selvästi, mikä säästi sekä aikaa että rahaa",
                "Henkilöstön vaihtuvuus väheni yhteistyön alettua, vaikka myös muut tekijät ovat voineet vaikuttaa",
                "Asiakkaille koituneista vaikutuksista ei ole toistaiseksi julkaistu mittaustuloksia",
                "Yhteinen järjestelmä mahdollisti kollegoiden sijaistamisen lomien aikana",
                "Vuonna {y2} palvelu käsitteli {n} sataa asiaa (esimerkiksi {s})",
                "Useat naapurikunnat ovat sittemmin pyytäneet päästä mukaan yhteistyöhön",
            ],
            &[
                "Hankkeen juurruttaminen johtoon jo alkuvaiheessa oli ratkaisevaa",
                "Kunnat aliarvioivat ajan, joka tarvittiin yhteisistä toimintatavoista sopimiseen",
                "Kun järjestelmää päivittäin käyttävät työntekijät otettiin mukaan, ratkaisut paranivat",
                "Henkilötietojen käsittelyn vastuista on sovittava selvästi heti alussa",
                "Pieni kunta hyötyy yhteistyöstä eniten, kun tehtävät ovat harvinaisia ja vaativia",
                "Hyvät verkkoyhteydet ovat etätapaamisten edellytys haja-asutusalueilla",
                "Hanke osoittaa, että sähköiset palvelut eivät korvaa henkilökohtaista kohtaamista vaan täydentävät sitä",
                "Yhteishankinta vahvisti kuntien asemaa suhteessa toimittajiin",
                "Jatkuva seuranta lukujen avulla auttoi ohjausryhmää suuntaamaan työtä",
                "Muut voivat hyödyntää sopimusta ja käsikirjaa, jotka on julkaistu avoimesti",
            ],
        ],
        and: " ja ",
        services: &[
            "toimeentulotuki",
            "lastensuojelu",
            "perheoikeudelliset palvelut",
            "päihdepalvelut",
            "vammaispalvelut",
            "vanhuspalvelut",
            "lastensuojeluilmoitukset",
            "lähisuhdeväkivalta",
        ],
        organisations: &[
            "aluehallintovirasto",
            "alueellinen osaamiskeskus",
            "Kuntaliitto",
            "yliopisto",
            "THL",
        ],
        list_intro: "Työhön kuului:",
        list: &[
            "yhteinen sähköinen hakemuspalvelu",
            "yhteiset toimintatavat eri palveluissa",
            "etätapaamiset perheiden ja yhteistyökumppaneiden kanssa",
            "yhteinen koulutus {n} sosiaalityöntekijälle",
            "yhteinen virka-ajan ulkopuolinen päivystys",
            "päätösten ja sopimusten sähköinen allekirjoitus",
            "yhteinen lastensuojeluilmoitusten rekisteri",
            "johdon säännölliset tapaamiset",
        ],
        steps_intro: "Kunnat suosittelevat muille:",
        steps: &[
            "sopikaa tavoitteista ennen järjestelmän valintaa",
            "varatkaa työntekijöille aikaa uusien toimintatapojen oppimiseen",
            "ottakaa tietosuojavastaava mukaan alusta alkaen",
            "sopikaa kustannusten jakamisesta kuntien kesken",
            "mitatkaa tilanne ennen muutosta ja sen jälkeen",
            "julkaiskaa sopimus, jotta muut voivat hyödyntää sitä",
        ],
        table_intro: "Taulukko kuvaa kehitystä (kunta: {m}).",
        table_head: [
            "Vuosi",
            "Hakemukset",
            "Sähköisesti jätetyt (%)",
            "Päiviä päätökseen",
        ],
        footnotes: &[
            "{org}, vuosikertomus {y2}.",
            "Kunnan tilastot ({m}), {y2}.",
            "{org}, arviointiraportti, julkaistu {y2}.",
            "Sosiaalijohtajan haastattelu ({m2}).",
            "Valtuuston päätös ({m}), {y}.",
        ],
    },
    Prose {
        language: "is",
        // Names stand in apposition to "sveitarfélagið", whose case carries
        // the grammar, since a slot cannot inflect them.
        sections: [
            &[
                "Sveitarfélögin {m} og {m2} eru fámenn og dreifbýl, og langt er á milli skrifstofa",
                "Árið {y} störfuðu {n} félagsráðgjafar hjá félagsþjónustunni í sveitarfélaginu {m}, margir þeirra nýútskrifaðir",
                "Starfsmannavelta var mikil, og um {p} prósent starfanna voru mönnuð með afleysingafólki",
                "Sjaldgæf mál (t.d. {s}) eru erfið í litlu sveitarfélagi, því erfitt er að viðhalda þekkingunni",
                "Umsóknir voru afgreiddar á pappír, og ákvörðun tók oft nokkrar vikur",
                "Stefna stjórnvalda um stafræna þjónustu hvatti sveitarfélögin til samstarfs um sameiginlegar lausnir",
                "{org} gerði könnun sem sýndi að {p} prósent íbúanna vildu helst hafa samband rafrænt",
                "Fyrir samstarfið keypti og rak hvert sveitarfélag sitt eigið málakerfi",
                "Tilkynningum til barnaverndar fjölgaði um {p} prósent á árunum {y} til {y2}",
                "Erfitt hafði reynst fyrir öll sveitarfélögin á svæðinu að ráða sérfræðinga",
            ],
            &[
                "Sveitarfélögin sömdu um að sveitarfélagið {m} bæri ábyrgð á þjónustunni fyrir hin",
                "Sameiginlegur verkefnahópur með starfsfólki frá {n} sveitarfélögum hittist mánaðarlega",
                "Þau keyptu kerfið {sys} í sameiningu og aðlöguðu það að þjónustunni",
                "Íbúar geta nú sótt um í gegnum sameiginlega rafræna umsókn sem er opin allan sólarhringinn",
                "Félagsráðgjafar nota fjarfundi til að fylgja eftir fjölskyldum sem búa langt frá skrifstofunni",
                "Verklagið var skráð í sameiginlega handbók sem er endurskoðuð á hverju ári",
                "{org} styrkti verkefnið með fjármagni og ráðgjöf um upplýsingaöryggi",
                "Starfsfólk allra sveitarfélaganna sótti námskeið um nýja vinnulagið",
                "Mat á áhrifum á persónuvernd var gert áður en kerfið var tekið í notkun",
                "Samstarfið var fest í samningi sem hver sveitarstjórn samþykkti árið {y}",
            ],
            &[
                "Meðaltími frá umsókn til ákvörðunar styttist úr {n} dögum í fáeina daga",
                "Um {p} prósent umsókna berast nú rafrænt",
                "{org} gerði úttekt sem sýndi að starfsfólk varði minni tíma í stjórnsýslu",
                "Íbúar segja að auðveldara sé að ná sambandi við þjónustuna en áður",
                "Ferðum milli skrifstofa fækkaði verulega, sem sparaði bæði tíma og peninga",
                "Starfsmannavelta minnkaði eftir að samstarfið hófst, þótt aðrir þættir kunni einnig að hafa haft áhrif",
                "Engar mælingar á árangri fyrir notendur hafa enn verið birtar",
                "Sameiginlega kerfið gerði kleift að leysa samstarfsfólk af í fríum",
                "Árið {y2} afgreiddi þjónustan {n} hundruð mál (t.d. {s})",
                "Nokkur nágrannasveitarfélög hafa síðan óskað eftir aðild að samstarfinu",
            ],
            &[
                "Mikilvægt var að tryggja stuðning stjórnenda snemma",
                "Sveitarfélögin vanmátu þann tíma sem þurfti til að sameinast um verklag",
                "Lausnirnar urðu betri þegar starfsfólkið sem notar kerfið daglega tók þátt",
                "Skýrar reglur um ábyrgð á persónuupplýsingum þarf að setja strax í upphafi",
                "Lítið sveitarfélag hagnast mest á samstarfi þegar verkefnin eru sjaldgæf og krefjandi",
                "Góðar nettengingar eru forsenda fjarfunda í dreifbýli",
                "Verkefnið sýnir að stafræn þjónusta kemur ekki í stað persónulegra samskipta heldur bætir þau",
                "Sameiginleg innkaup styrktu stöðu sveitarfélaganna gagnvart birgjum",
                "Reglubundin eftirfylgni með tölum hjálpaði stýrihópnum að aðlaga vinnuna",
                "Aðrir geta nýtt samninginn og handbókina, sem eru birt opinberlega",
            ],
        ],
        and: ", og ",
        services: &[
            "fjárhagsaðstoð",
            "barnavernd",
            "fjölskyldumál",
            "áfengis- og vímuefnameðferð",
            "þjónusta við fatlað fólk",
            "öldrunarþjónusta",
            "tilkynningar til barnaverndar",
            "heimilisofbeldi",
        ],
        organisations: &[
            "Samband íslenskra sveitarfélaga",
            "Barna- og fjölskyldustofa",
            "háskólinn",
            "ráðuneytið",
            "þekkingarsetrið á svæðinu",
        ],
        list_intro: "Vinnan fól í sér:",
        list: &[
            "sameiginlega rafræna umsókn",
            "sameiginlegt verklag (t.d. {s})",
            "fjarfundi með fjölskyldum og samstarfsaðilum",
            "sameiginlega fræðslu fyrir {n} félagsráðgjafa",
            "sameiginlega bakvakt utan skrifstofutíma",
            "rafræna undirritun ákvarðana og samninga",
            "sameiginlega skrá yfir tilkynningar",
            "reglulega fundi stjórnenda",
        ],
        steps_intro: "Sveitarfélögin ráðleggja öðrum að:",
        steps: &[
            "sammælast um markmiðin áður en kerfi er valið",
            "ætla starfsfólki tíma til að læra nýja verklagið",
            "kalla persónuverndarfulltrúann til frá upphafi",
            "semja um hvernig kostnaði er skipt milli sveitarfélaganna",
            "mæla stöðuna fyrir og eftir breytinguna",
            "birta samninginn svo aðrir geti nýtt hann",
        ],
        table_intro: "Taflan sýnir þróunina í sveitarfélaginu {m}.",
        table_head: ["Ár", "Umsóknir", "Rafrænt (%)", "Dagar að ákvörðun"],
        footnotes: &[
            "{org}, ársskýrsla {y2}.",
            "Tölur frá sveitarfélaginu {m}, {y2}.",
            "{org}, matsskýrsla, birt {y2}.",
            "Viðtal við félagsmálastjóra í sveitarfélaginu {m2}.",
            "Samþykkt sveitarstjórnar í sveitarfélaginu {m}, {y}.",
        ],
    },
];
