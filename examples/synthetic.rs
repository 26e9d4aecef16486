//! Writes a synthetic catalogue of N valid cases for benchmarks:
//! `cargo run --release --example synthetic -- <N> <OUT_DIR> [SEED]`.
//!
//! The cases use real municipality codes from the shipped register, every
//! vocabulary term, and bodies in the Nordic languages, so that loading,
//! validation and (later) indexing do realistic work. The same N and seed
//! always give the same bytes.

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
    let mut args = std::env::args().skip(1);
    let usage = "usage: synthetic <N> <OUT_DIR> [SEED]";
    let count: usize = args.next().ok_or_else(|| anyhow::anyhow!(usage))?.parse()?;
    let out = std::path::PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let seed: u64 = args.next().map_or(Ok(42), |s| s.parse())?;
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
    std::fs::write(out.join("catalogue.toml"), &config_text)?;
    std::fs::write(out.join("register/municipalities.csv"), &register_text)?;

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
        let mut text = String::new();
        let _ = writeln!(text, "+++");
        let _ = writeln!(
            text,
            "title = \"Synthetic case {index}: {} co-operation\"",
            rng.pick(&cooperation)
        );
        let _ = writeln!(
            text,
            "summary = \"A generated case for benchmarks: {} municipalities share digital support in {}.\"",
            chosen.len(),
            rng.pick(&areas)
        );
        let _ = writeln!(text, "country = \"{country}\"");
        let quoted: Vec<String> = chosen.iter().map(|code| format!("\"{code}\"")).collect();
        let _ = writeln!(text, "municipalities = [{}]", quoted.join(", "));
        let _ = writeln!(text, "categories = [\"{}\"]", rng.pick(&categories));
        let _ = writeln!(text, "service_areas = [\"{}\"]", rng.pick(&areas));
        let _ = writeln!(text, "cooperation = \"{}\"", rng.pick(&cooperation));
        let _ = writeln!(text, "status = \"{status}\"");
        let _ = writeln!(text, "started = {started_year}");
        if status == "ended" {
            let _ = writeln!(text, "ended = {}", started_year + 1);
        }
        let _ = writeln!(text, "language = \"{language}\"");
        let _ = writeln!(text, "organisations = [{}]", toml_string("Synthetic Region"));
        let _ = writeln!(text, "evaluation = \"{}\"", rng.pick(&evaluation));
        let _ = writeln!(text, "tags = [\"synthetic\", \"benchmark-{}\"]", index % 50);
        let _ = writeln!(text, "reviewed = 2026-0{}-1{}", 1 + rng.below(9), rng.below(10));
        let _ = writeln!(text, "\n[[sources]]\ntitle = \"Synthetic source {index}\"");
        let _ = writeln!(text, "url = \"https://example.org/cases/{index}\"\n+++");
        for heading in headings {
            let _ = writeln!(text, "\n## {heading}\n");
            for _ in 0..2 + rng.below(4) {
                let _ = write!(text, "{} ", rng.pick(sentences));
            }
            text.push('\n');
        }
        let folder = out.join("cases").join(country);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("synthetic-{index:06}.md")), text)?;
    }
    Ok(())
}
