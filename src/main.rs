//! The `catalogue` binary: parse the command line, call the library, print,
//! and map the outcome to the exit code (0 success, 1 the content has
//! errors, 2 could not run).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use catalogue::cli::{CatalogueArg, Cli, Color, Command, SearchFormat, SiteArgs};
use catalogue::diag::emit::{self, Format};
use catalogue::search::engine::Match;
use catalogue::{CataloguePaths, appendix, diag, scaffold};

// A build allocates and frees millions of small strings from every core;
// with the system allocator a fifth of its time went to malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The outcome of a command, before it becomes an exit code.
enum Outcome {
    Success,
    ContentErrors,
}

fn main() -> ExitCode {
    // mimalloc asks Linux for transparent huge pages; zeroing a whole 2 MB
    // page at each first touch after memory was given back cost a
    // 10,000-case build 0.2 s of system time and 40 MB (BENCHMARKS.md).
    // Where the kernel refuses, the build runs as before.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match run(cli.command, color) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::ContentErrors) => ExitCode::from(1),
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Diagnostics of a command that goes on to produce something (`build`,
/// `appendix`), in the human format, if there are any.
fn print_diagnostics(checked: &catalogue::Checked, color: bool) -> std::io::Result<()> {
    if checked.diagnostics.is_empty() {
        return Ok(());
    }
    let report = emit::render(
        &checked.diagnostics,
        &checked.sources,
        &checked.summary(),
        Format::Human,
        color,
    );
    print_report(&report, Format::Human)
}

/// Machine formats go to standard output, where tools read them; the human
/// and short formats go to standard error, like a compiler's.
fn print_report(text: &str, format: Format) -> std::io::Result<()> {
    match format {
        Format::Github | Format::Json => std::io::stdout().lock().write_all(text.as_bytes()),
        Format::Human | Format::Short => std::io::stderr().lock().write_all(text.as_bytes()),
    }
}

/// Hand each subcommand to its own function.
fn run(command: Command, color: bool) -> anyhow::Result<Outcome> {
    match command {
        Command::Check {
            catalogue,
            format,
            deny_warnings,
            changed,
            theme,
        } => {
            let paths = CataloguePaths::new(catalogue.catalogue);
            check(&paths, format, deny_warnings, &changed, theme, color)
        }
        Command::Schema { catalogue } => schema(&CataloguePaths::new(catalogue.catalogue)),
        Command::Fmt { catalogue, check } => fmt(&CataloguePaths::new(catalogue.catalogue), check),
        Command::Build { catalogue, site } => build(&CataloguePaths::new(catalogue.catalogue), site, color),
        Command::Serve {
            catalogue,
            theme,
            out,
            port,
        } => serve(catalogue, theme, out, port, color),
        Command::Search {
            query,
            catalogue,
            country,
            municipality,
            category,
            doc_type,
            limit,
            language,
            format,
        } => {
            let paths = CataloguePaths::new(catalogue.catalogue);
            let query = query.join(" ");
            let request = catalogue::SearchRequest {
                query: &query,
                country: country.as_deref(),
                municipality: municipality.as_deref(),
                category: category.as_deref(),
                doc_type: doc_type.as_deref(),
                language: &language,
            };
            search(&paths, &request, limit, format)
        }
        Command::New {
            slug,
            country,
            municipalities,
            title,
            translations,
            interactive,
            catalogue,
            format,
        } => {
            let paths = CataloguePaths::new(catalogue.catalogue);
            match (slug, country) {
                (Some(slug), Some(country)) => {
                    let request = scaffold::NewCase {
                        slug,
                        country,
                        municipalities,
                        title,
                        translations,
                    };
                    new_case(&paths, &request, format, color)
                }
                _ if interactive || std::io::stdin().is_terminal() => interview(&paths, format, color),
                _ => anyhow::bail!(
                    "give a slug and --country (`catalogue new shared-system --country SE`), \
                     or run `catalogue new` in a terminal, or with --interactive, to answer questions"
                ),
            }
        }
        Command::Appendix {
            catalogue,
            format,
            out,
            lang,
            countries,
            categories,
            no_bom,
        } => {
            let options = appendix::Options {
                format,
                lang,
                countries,
                categories,
                bom: !no_bom,
            };
            write_appendix(&CataloguePaths::new(catalogue.catalogue), &options, out, color)
        }
        Command::Explain { code } => explain(&code),
    }
}

/// The outcome of a command that fails on content errors when `failed`.
fn failed_if(failed: bool) -> Outcome {
    if failed {
        Outcome::ContentErrors
    } else {
        Outcome::Success
    }
}

/// `catalogue check`: every diagnostic, in the format asked for.
fn check(
    paths: &CataloguePaths,
    format: Format,
    deny_warnings: bool,
    changed: &[PathBuf],
    theme: Option<PathBuf>,
    color: bool,
) -> anyhow::Result<Outcome> {
    let mut checked = catalogue::check_diagnostics(paths, catalogue::today()?)?;
    // The default theme is looked at only where there is one: a
    // catalogue may be checked outside the project it is built in.
    let theme = theme.or_else(|| Some(PathBuf::from("themes/default")).filter(|dir| dir.is_dir()));
    if let Some(theme) = theme {
        if !theme.is_dir() {
            anyhow::bail!("the theme folder {} does not exist", theme.display());
        }
        checked.check_theme(paths, &theme);
    }
    if !changed.is_empty() {
        checked.keep_only(changed);
    }
    let summary = checked.summary();
    print_report(
        &emit::render(&checked.diagnostics, &checked.sources, &summary, format, color),
        format,
    )?;
    Ok(failed_if(
        summary.errors > 0 || (deny_warnings && summary.warnings > 0),
    ))
}

/// `catalogue schema`: the JSON Schema of the front matter.
fn schema(paths: &CataloguePaths) -> anyhow::Result<Outcome> {
    let checked = catalogue::check(paths, catalogue::today()?)?;
    let Some(catalogue) = &checked.catalogue else {
        anyhow::bail!("catalogue.toml has errors: run `catalogue check`");
    };
    let schema = catalogue::json_schema::json_schema(&catalogue.config);
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

/// `catalogue fmt`: reformat the front matter, or with `check` only list
/// the files that would change.
fn fmt(paths: &CataloguePaths, check: bool) -> anyhow::Result<Outcome> {
    let report = catalogue::format::format_catalogue(paths, !check)?;
    let mut out = String::new();
    for (path, problem) in &report.skipped {
        out.push_str(&format!("skipped {path}: {problem} (run `catalogue check`)\n"));
    }
    let verb = if check { "would reformat" } else { "reformatted" };
    for path in &report.changed {
        out.push_str(&format!("{verb} {path}\n"));
    }
    out.push_str(&format!(
        "{} of {} case files {}\n",
        report.changed.len(),
        report.files,
        if check { "need formatting" } else { "reformatted" }
    ));
    std::io::stderr().lock().write_all(out.as_bytes())?;
    Ok(failed_if(check && !report.changed.is_empty()))
}

/// `catalogue build`: the site, unless the catalogue has errors.
fn build(paths: &CataloguePaths, site: SiteArgs, color: bool) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let options = catalogue::BuildOptions {
        theme: site.theme,
        out: site.out,
        base_url: site.base_url,
    };
    let built = catalogue::build(paths, &options, catalogue::today()?)?;
    let checked = &built.checked;
    print_diagnostics(checked, color)?;
    let out = &options.out;
    let Some(files) = built.files else {
        let _ = writeln!(
            std::io::stderr(),
            "not built: fix the errors above; {} was left as it was",
            out.display()
        );
        return Ok(Outcome::ContentErrors);
    };
    let _ = writeln!(
        std::io::stderr(),
        "built {} cases into {} ({files} files) in {} ms",
        checked.catalogue.as_ref().map_or(0, |c| c.cases.len()),
        out.display(),
        started.elapsed().as_millis()
    );
    for stranger in catalogue::output::strangers(out) {
        let _ = writeln!(
            std::io::stderr(),
            "note: {} is not a site built by catalogue, so builds leave it alone; \
             an earlier version may have moved a folder of yours there: look inside before deleting it",
            stranger.display()
        );
    }
    Ok(Outcome::Success)
}

/// `catalogue serve`: build, serve and rebuild until interrupted.
fn serve(
    catalogue: CatalogueArg,
    theme: PathBuf,
    out: PathBuf,
    port: u16,
    color: bool,
) -> anyhow::Result<Outcome> {
    // Refuse a malformed CATALOGUE_TODAY before serving, not at the first rebuild.
    catalogue::today()?;
    let options = catalogue::serve::ServeOptions {
        catalogue: CataloguePaths::new(catalogue.catalogue),
        theme,
        out,
        port,
        color,
    };
    catalogue::serve::serve(options, &|message| {
        let _ = std::io::stderr().lock().write_all(message.as_bytes());
    })?;
    Ok(Outcome::Success)
}

/// `catalogue search`: the best `limit` cases and studies for the query.
fn search(
    paths: &CataloguePaths,
    request: &catalogue::SearchRequest<'_>,
    limit: usize,
    format: SearchFormat,
) -> anyhow::Result<Outcome> {
    let searched = catalogue::search(paths, request, catalogue::today()?)?;
    let Some(found) = searched.checked.catalogue.as_ref() else {
        return Ok(Outcome::Success);
    };
    print_search(&searched.results, found, searched.cases, limit, format)?;
    Ok(Outcome::Success)
}

/// `catalogue new`: a new case file, or the diagnostics that refused it.
fn new_case(
    paths: &CataloguePaths,
    request: &scaffold::NewCase,
    format: Format,
    color: bool,
) -> anyhow::Result<Outcome> {
    match scaffold::create(paths, request, catalogue::today()?)? {
        scaffold::Created::Written(path) => {
            let _ = writeln!(
                std::io::stderr(),
                "created {path}\nnext: replace every TODO in it, then run `catalogue check`"
            );
            Ok(Outcome::Success)
        }
        scaffold::Created::Interviewed { .. } => Ok(Outcome::Success),
        scaffold::Created::Refused(report) => {
            print_refusal(&report, format, color)?;
            Ok(Outcome::ContentErrors)
        }
    }
}

/// The diagnostics `new` has about the file it wrote or refused.
fn print_refusal(report: &scaffold::Refusal, format: Format, color: bool) -> anyhow::Result<()> {
    let summary = diag::Summary::of(&report.diagnostics, 1);
    print_report(
        &emit::render(&report.diagnostics, &report.sources, &summary, format, color),
        format,
    )?;
    Ok(())
}

/// `catalogue new` without a slug: the questions on standard error, the
/// answers from standard input, then the file with every answer, and what
/// `check` still says about it.
fn interview(paths: &CataloguePaths, format: Format, color: bool) -> anyhow::Result<Outcome> {
    let created = scaffold::create_interactively(
        paths,
        std::io::stdin().lock(),
        std::io::stderr(),
        catalogue::today()?,
    )?;
    match created {
        scaffold::Created::Interviewed { path, remaining } => {
            let _ = writeln!(std::io::stderr(), "\ncreated {path}");
            match remaining {
                None => {
                    let _ = writeln!(std::io::stderr(), "`catalogue check` has nothing to say about it");
                }
                Some(report) => {
                    print_refusal(&report, format, color)?;
                    let _ = writeln!(
                        std::io::stderr(),
                        "next: fix what is listed above in the file, then run `catalogue check`"
                    );
                }
            }
            Ok(Outcome::Success)
        }
        scaffold::Created::Written(path) => {
            let _ = writeln!(std::io::stderr(), "created {path}");
            Ok(Outcome::Success)
        }
        scaffold::Created::Refused(report) => {
            print_refusal(&report, format, color)?;
            let _ = writeln!(std::io::stderr(), "nothing was written");
            Ok(Outcome::ContentErrors)
        }
    }
}

/// `catalogue appendix`: the appendix written to `out` (by default
/// `appendix.<format>`), unless the catalogue has errors.
fn write_appendix(
    paths: &CataloguePaths,
    options: &appendix::Options,
    out: Option<PathBuf>,
    color: bool,
) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let rendered = appendix::appendix(paths, options, catalogue::today()?)?;
    print_diagnostics(&rendered.checked, color)?;
    let Some(bytes) = &rendered.output else {
        let _ = writeln!(std::io::stderr(), "no appendix written: fix the errors above");
        return Ok(Outcome::ContentErrors);
    };
    let out = out.unwrap_or_else(|| appendix::default_out(options.format));
    appendix::write_output(&out, bytes)?;
    let shown = if out.as_os_str() == "-" {
        "standard output".to_string()
    } else {
        out.display().to_string()
    };
    let _ = writeln!(
        std::io::stderr(),
        "wrote the appendix of {} cases to {shown} ({} bytes) in {} ms",
        rendered.cases,
        bytes.len(),
        started.elapsed().as_millis()
    );
    for warning in &rendered.warnings {
        let _ = writeln!(std::io::stderr(), "warning: {warning}");
    }
    if !rendered.unmatched.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "no case matched {}",
            rendered.unmatched.join(", ")
        );
    }
    Ok(Outcome::Success)
}

/// `catalogue explain`: the long explanation of a diagnostic code.
fn explain(code: &str) -> anyhow::Result<Outcome> {
    let Some(found) = catalogue::codes::find(code) else {
        let codes: Vec<&str> = catalogue::codes::all().iter().map(|c| c.code).collect();
        anyhow::bail!(
            "there is no diagnostic code `{code}`; the codes are {}",
            codes.join(", ")
        )
    };
    let text = format!(
        "{} {} ({})\n\n{}.\n\n{}\n",
        found.code,
        found.name,
        found.severity.as_str(),
        capitalise(found.summary),
        found.explanation
    );
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

/// One result as `catalogue search` prints it.
#[derive(serde::Serialize)]
struct SearchRow<'a> {
    /// `se/digital-colleague`, or `research/<key>` for a study.
    id: String,
    /// `case` or `study`.
    #[serde(rename = "type")]
    doc_type: &'static str,
    title: &'a str,
    /// A case's country term.
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    /// A study's country terms, authors, year and kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    countries: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    score: f64,
    /// What matched, a row per word or thesaurus phrase the case matches.
    matched: &'a [catalogue::search::Matched],
}

fn print_search(
    results: &catalogue::search::Results,
    found: &catalogue::model::Catalogue,
    cases: usize,
    limit: usize,
    format: SearchFormat,
) -> anyhow::Result<()> {
    let rows: Vec<SearchRow<'_>> = results
        .hits
        .iter()
        .take(limit)
        .filter_map(|hit| {
            let ordinal = hit.ordinal as usize;
            let score = hit.score as f64 / 1000.0;
            let matched = &hit.matched;
            if let Some(study) = ordinal.checked_sub(cases).and_then(|i| found.studies.get(i)) {
                return Some(SearchRow {
                    id: format!("research/{}", study.key),
                    doc_type: catalogue::search::STUDY,
                    title: &study.title,
                    country: None,
                    countries: Some(&study.countries),
                    authors: Some(&study.authors),
                    year: Some(study.year),
                    kind: Some(&study.kind),
                    score,
                    matched,
                });
            }
            let case = found.cases.get(ordinal)?;
            Some(SearchRow {
                id: case.id(),
                doc_type: catalogue::search::CASE,
                title: &case.title,
                country: Some(&case.country),
                countries: None,
                authors: None,
                year: None,
                kind: None,
                score,
                matched,
            })
        })
        .collect();
    let out = match format {
        SearchFormat::Json => {
            let mut out = serde_json::to_string_pretty(&rows)?;
            out.push('\n');
            out
        }
        SearchFormat::Text => search_text(results, &rows),
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(())
}

/// The results for people: how the words were understood, then one line
/// per case.
fn search_text(results: &catalogue::search::Results, rows: &[SearchRow<'_>]) -> String {
    let mut out = String::new();
    for note in search_notes(results) {
        out.push_str(&format!("note: {note}\n"));
    }
    if rows.is_empty() {
        out.push_str("no cases or studies found\n");
    }
    for (rank, row) in rows.iter().enumerate() {
        out.push_str(&format!(
            "{:>3}. {}  [{}]  {:.3}\n",
            rank + 1,
            row.title,
            row.id,
            row.score
        ));
        if !row.matched.is_empty() {
            out.push_str(&format!("     matched: {}\n", matched_text(row.matched)));
        }
    }
    if results.hits.len() > rows.len() {
        out.push_str(&format!(
            "({} of {} results shown; use --limit)\n",
            rows.len(),
            results.hits.len()
        ));
    }
    out
}

/// What matched a case, for people: "digital; bistand → financial
/// assistance — ekonomiskt bistånd".
fn matched_text(matched: &[catalogue::search::Matched]) -> String {
    matched
        .iter()
        .map(|row| match (&row.label, row.via) {
            (Some(label), _) => {
                let forms: Vec<&str> = row
                    .forms
                    .iter()
                    .map(String::as_str)
                    .filter(|form| form != label)
                    .collect();
                if forms.is_empty() {
                    format!("{} → {label}", row.word)
                } else {
                    format!("{} → {label} — {}", row.word, forms.join(", "))
                }
            }
            (None, catalogue::search::Via::Exact) => row.word.clone(),
            (None, via) => format!("{} → {} ({})", row.word, row.forms.join(", "), via_text(via)),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn via_text(via: catalogue::search::Via) -> &'static str {
    use catalogue::search::Via;
    match via {
        Via::Exact => "the word",
        Via::Stem => "same stem",
        Via::Folded => "other spelling",
        Via::Typo => "nearest word",
        Via::Concept => "concept",
        Via::Part => "compound part",
        Via::Prefix => "longer word",
    }
}

/// How each word of the query was understood, when not exactly.
fn search_notes(results: &catalogue::search::Results) -> Vec<String> {
    let mut notes = Vec::new();
    for (word, how) in &results.words {
        match how {
            Match::Prefix { words } => {
                notes.push(format!("\"{word}\" as the start of: {}", words.join(", ")))
            }
            Match::Typo { words } => notes.push(format!(
                "\"{word}\" is not in the catalogue; searched for {}",
                words.join(", ")
            )),
            Match::Split { words } => notes.push(format!(
                "\"{word}\" is not in the catalogue; searched for its parts {}",
                words.join(" + ")
            )),
            Match::None => notes.push(format!("\"{word}\" is not in the catalogue")),
            Match::Exact => {}
        }
    }
    if !results.all_words && !results.hits.is_empty() {
        notes.push("no case matches every word; showing the cases that match most of them, those that match more first".into());
    }
    notes
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
