//! The `catalogue` binary: parse the command line, call the library, print,
//! and map the outcome to the exit code (0 success, 1 the content has
//! errors, 2 could not run).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use catalogue::cli::{Cli, Color, Command, SearchFormat};
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
            let mut checked = catalogue::check(&paths, catalogue::today()?)?;
            // The default theme is looked at only where there is one: a
            // catalogue may be checked outside the project it is built in.
            let theme =
                theme.or_else(|| Some(std::path::PathBuf::from("themes/default")).filter(|dir| dir.is_dir()));
            if let Some(theme) = theme {
                if !theme.is_dir() {
                    anyhow::bail!("the theme folder {} does not exist", theme.display());
                }
                checked.check_theme(&paths, &theme);
            }
            if !changed.is_empty() {
                checked.keep_only(&changed);
            }
            let summary = checked.summary();
            print_report(
                &emit::render(&checked.diagnostics, &checked.sources, &summary, format, color),
                format,
            )?;
            let failed = summary.errors > 0 || (deny_warnings && summary.warnings > 0);
            Ok(if failed {
                Outcome::ContentErrors
            } else {
                Outcome::Success
            })
        }
        Command::Schema { catalogue } => {
            let paths = CataloguePaths::new(catalogue.catalogue);
            let checked = catalogue::check(&paths, catalogue::today()?)?;
            let Some(catalogue) = &checked.catalogue else {
                anyhow::bail!("catalogue.toml has errors: run `catalogue check`");
            };
            let schema = catalogue::json_schema::json_schema(&catalogue.config);
            let mut text = serde_json::to_string_pretty(&schema)?;
            text.push('\n');
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(Outcome::Success)
        }
        Command::Fmt { catalogue, check } => {
            let paths = CataloguePaths::new(catalogue.catalogue);
            let report = catalogue::format::format_catalogue(&paths, !check)?;
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
            let failed = check && !report.changed.is_empty();
            Ok(if failed {
                Outcome::ContentErrors
            } else {
                Outcome::Success
            })
        }
        Command::Build { catalogue, site } => {
            let started = std::time::Instant::now();
            let paths = CataloguePaths::new(catalogue.catalogue);
            let options = catalogue::BuildOptions {
                theme: site.theme,
                out: site.out.clone(),
                base_url: site.base_url,
            };
            let built = catalogue::build(&paths, &options, catalogue::today()?)?;
            let checked = &built.checked;
            print_diagnostics(checked, color)?;
            match built.files {
                Some(files) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "built {} cases into {} ({files} files) in {} ms",
                        checked.catalogue.as_ref().map_or(0, |c| c.cases.len()),
                        site.out.display(),
                        started.elapsed().as_millis()
                    );
                    for stranger in catalogue::output::strangers(&site.out) {
                        let _ = writeln!(
                            std::io::stderr(),
                            "note: {} is not a site built by catalogue, so builds leave it alone; \
                             an earlier version may have moved a folder of yours there: look inside before deleting it",
                            stranger.display()
                        );
                    }
                    Ok(Outcome::Success)
                }
                None => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "not built: fix the errors above; {} was left as it was",
                        site.out.display()
                    );
                    Ok(Outcome::ContentErrors)
                }
            }
        }
        Command::Serve {
            catalogue,
            theme,
            out,
            port,
        } => {
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
        Command::Search {
            query,
            catalogue,
            country,
            municipality,
            category,
            limit,
            format,
        } => {
            let paths = CataloguePaths::new(catalogue.catalogue);
            let query = query.join(" ");
            let searched = catalogue::search(
                &paths,
                &query,
                country.as_deref(),
                municipality.as_deref(),
                category.as_deref(),
                catalogue::today()?,
            )?;
            let cases = searched
                .checked
                .catalogue
                .as_ref()
                .map_or(&[][..], |c| c.cases.as_slice());
            print_search(&searched.results, cases, limit, format)?;
            Ok(Outcome::Success)
        }
        Command::New {
            slug,
            country,
            municipalities,
            title,
            catalogue,
            format,
        } => {
            let paths = CataloguePaths::new(catalogue.catalogue);
            let request = scaffold::NewCase {
                slug,
                country,
                municipalities,
                title,
            };
            match scaffold::create(&paths, &request, catalogue::today()?)? {
                scaffold::Created::Written(path) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "created {path}\nnext: replace every TODO in it, then run `catalogue check`"
                    );
                    Ok(Outcome::Success)
                }
                scaffold::Created::Refused(report) => {
                    let summary = diag::Summary::of(&report.diagnostics, 1);
                    print_report(
                        &emit::render(&report.diagnostics, &report.sources, &summary, format, color),
                        format,
                    )?;
                    Ok(Outcome::ContentErrors)
                }
            }
        }
        Command::Appendix {
            catalogue,
            format,
            out,
            lang,
            countries,
            categories,
        } => {
            let started = std::time::Instant::now();
            let paths = CataloguePaths::new(catalogue.catalogue);
            let options = appendix::Options {
                format,
                lang,
                countries,
                categories,
            };
            let rendered = appendix::appendix(&paths, &options, catalogue::today()?)?;
            let checked = &rendered.checked;
            print_diagnostics(checked, color)?;
            match &rendered.output {
                Some(bytes) => {
                    let out = out.unwrap_or_else(|| appendix::default_out(format));
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
                    Ok(Outcome::Success)
                }
                None => {
                    let _ = writeln!(std::io::stderr(), "no appendix written: fix the errors above");
                    Ok(Outcome::ContentErrors)
                }
            }
        }
        Command::Explain { code } => match catalogue::codes::find(&code) {
            Some(found) => {
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
            None => {
                let codes: Vec<&str> = catalogue::codes::all().iter().map(|c| c.code).collect();
                anyhow::bail!(
                    "there is no diagnostic code `{code}`; the codes are {}",
                    codes.join(", ")
                )
            }
        },
    }
}

fn print_search(
    results: &catalogue::search::Results,
    cases: &[catalogue::model::Case],
    limit: usize,
    format: SearchFormat,
) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Row<'a> {
        id: String,
        title: &'a str,
        country: &'a str,
        score: f64,
    }
    let rows: Vec<Row<'_>> = results
        .hits
        .iter()
        .take(limit)
        .filter_map(|hit| {
            let case = cases.get(hit.ordinal as usize)?;
            Some(Row {
                id: case.id(),
                title: &case.title,
                country: &case.country,
                score: hit.score as f64 / 1000.0,
            })
        })
        .collect();
    let mut out = String::new();
    match format {
        SearchFormat::Json => {
            out = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
            out.push('\n');
        }
        SearchFormat::Text => {
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
                    Match::None => notes.push(format!("\"{word}\" is not in the catalogue")),
                    Match::Exact => {}
                }
            }
            if !results.all_words && !results.hits.is_empty() {
                notes.push("no case matches every word; showing cases that match any of them".into());
            }
            for note in notes {
                out.push_str(&format!("note: {note}\n"));
            }
            if rows.is_empty() {
                out.push_str("no cases found\n");
            }
            for (rank, row) in rows.iter().enumerate() {
                out.push_str(&format!(
                    "{:>3}. {}  [{}]  {:.3}\n",
                    rank + 1,
                    row.title,
                    row.id,
                    row.score
                ));
            }
            if results.hits.len() > rows.len() {
                out.push_str(&format!(
                    "({} of {} cases shown; use --limit)\n",
                    rows.len(),
                    results.hits.len()
                ));
            }
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
