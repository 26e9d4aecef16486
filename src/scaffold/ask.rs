//! The interview of `catalogue new` without arguments: one question per
//! field, in the order of the file, each answer checked as it is given
//! (with the rules `check` applies, where one answer is enough to apply
//! them) and asked again with the reason when it breaks one.
//!
//! The dialogue reads any [`BufRead`] and writes any [`Write`], so tests
//! drive it with a byte string; the command gives it standard input and
//! standard error (prompts are not part of the output a script would
//! capture). It ends with [`Answers`] for [`crate::case_file::fill`], the
//! same answers the site's "Propose a case" form collects.
//!
//! The answer protocol: one line per answer; an empty line ends a list (or
//! takes the offered default, or skips an optional field); a line with a
//! single `.` ends a body section. The end of input before the last
//! question stops the interview with [`Stopped::EndOfInput`].

use std::io::{BufRead, Write};

use crate::case_file::{Answers, ContactAnswer, SourceAnswer, TranslationAnswer, tidy};
use crate::config::{Config, ORIGINAL_LANGUAGE, Term, Vocabulary, is_iso_date};
use crate::register::{Register, Resolution};
use crate::slug::{is_valid_slug, suggest_slug};
use crate::validate::{email::is_plausible_email, text_length, url};

/// What the interview needs to know about the catalogue.
pub struct Context<'a> {
    pub config: &'a Config,
    /// The register, with its co-operation bodies.
    pub register: &'a Register,
    pub today: jiff::civil::Date,
    /// Why a slug cannot be used (a case file has it already), if it cannot.
    pub slug_taken: &'a dyn Fn(&str) -> Option<String>,
}

/// A finished interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interviewed {
    pub slug: String,
    pub answers: Answers,
}

/// Why the interview stopped before its end.
#[derive(Debug)]
pub enum Stopped {
    /// The input ended before the last question was answered.
    EndOfInput,
    Io(std::io::Error),
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stopped::EndOfInput => write!(
                f,
                "the answers ended before the last question; nothing was written"
            ),
            Stopped::Io(error) => write!(f, "could not ask the questions: {error}"),
        }
    }
}

impl std::error::Error for Stopped {}

impl From<std::io::Error> for Stopped {
    fn from(error: std::io::Error) -> Self {
        Stopped::Io(error)
    }
}

/// What an answer that breaks a rule gets: the reason, then the question again.
type Checked<T> = Result<T, String>;

struct Dialogue<'a, R, W> {
    input: R,
    output: W,
    context: &'a Context<'a>,
}

/// Ask for every field, in the order of the file.
pub fn interview<R: BufRead, W: Write>(
    input: R,
    output: W,
    context: &Context<'_>,
) -> Result<Interviewed, Stopped> {
    let mut dialogue = Dialogue {
        input,
        output,
        context,
    };
    dialogue.run()
}

impl<R: BufRead, W: Write> Dialogue<'_, R, W> {
    fn run(&mut self) -> Result<Interviewed, Stopped> {
        let config = self.context.config;
        self.say(
            "A new case. Answer each question on one line; an empty line ends a list or \
             skips an optional question.",
        )?;
        let title = self.ask("Title in English (1-120 characters)", |text| {
            checked_text("title", text, true)
        })?;
        let slug = self.slug(&title)?;
        let country = self.choose_one(
            "Country",
            Vocabulary::Countries,
            "Country (a code or a number)",
            false,
        )?;
        let municipalities = self.municipalities(&country)?;
        let bodies = self.bodies(&country, municipalities.is_empty())?;
        let categories = self.choose_many("Categories", Vocabulary::Categories)?;
        let service_areas = self.choose_many("Service areas", Vocabulary::ServiceAreas)?;
        let cooperation = self.choose_one(
            "Form of co-operation",
            Vocabulary::Cooperation,
            "Co-operation (a term or a number)",
            false,
        )?;
        let status = self.choose_one(
            "Status",
            Vocabulary::Statuses,
            "Status (a term or a number)",
            false,
        )?;
        let evaluation = self.choose_one(
            "Evaluation",
            Vocabulary::Evaluation,
            "Evaluation (a term or a number; empty line skips)",
            true,
        )?;
        let today = self.context.today;
        let started = self.ask(
            "Started (a date such as 2024-03-01, or a year such as 2024)",
            |text| checked_date(text, today),
        )?;
        let ended_required = status == "ended";
        let ended_prompt = if ended_required {
            "Ended (a date or a year; required as the status is ended)"
        } else {
            "Ended (a date or a year; empty line if it has not ended)"
        };
        let ended = self.ask(ended_prompt, |text| {
            if text.is_empty() {
                return if ended_required {
                    Err("a case whose status is ended needs the date it ended".into())
                } else {
                    Ok(String::new())
                };
            }
            let ended = checked_date(text, today)?;
            if ends_before(&ended, &started) {
                return Err(format!("{ended} is before the start, {started}"));
            }
            Ok(ended)
        })?;
        let languages = config.terms(Vocabulary::Languages);
        let language = self.ask(
            &format!(
                "Language of the body text, a code such as {ORIGINAL_LANGUAGE} or sv [{ORIGINAL_LANGUAGE}]"
            ),
            |text| {
                if text.is_empty() {
                    return Ok(ORIGINAL_LANGUAGE.to_string());
                }
                language_term(languages, text)
            },
        )?;
        let title_local = self.ask(
            "Title in the language of the case (optional, up to 200 characters)",
            |text| checked_text("title_local", text, false),
        )?;
        let summary = self.ask(
            "Summary in English: two or three plain sentences (1-500 characters)",
            |text| checked_text("summary", text, true),
        )?;
        let organisations = self.list("Organisation taking part (empty line ends)", |text| {
            checked_text("organisations", text, true)
        })?;
        let tags = self.ask(
            "Tags, comma-separated lowercase words joined by hyphens, e.g. peer-support (optional)",
            checked_tags,
        )?;
        let sources = self.sources()?;
        let contact = self.contact()?;
        let translations = self.translations()?;
        let sections = self.sections()?;
        Ok(Interviewed {
            slug,
            answers: Answers {
                title,
                title_local,
                summary,
                country,
                municipalities,
                bodies,
                categories,
                service_areas,
                cooperation,
                status,
                started,
                ended,
                language,
                organisations,
                evaluation,
                tags,
                reviewed: today.to_string(),
                sources,
                contact,
                translations,
                sections,
            },
        })
    }

    fn say(&mut self, text: &str) -> Result<(), Stopped> {
        writeln!(self.output, "{text}")?;
        Ok(())
    }

    /// One line of input without its line end; the end of input stops the
    /// interview.
    fn line(&mut self, prompt: &str) -> Result<String, Stopped> {
        loop {
            // The body's prompt is a bare `>`, the others a question.
            let separator = if prompt == ">" { " " } else { ": " };
            write!(self.output, "{prompt}{separator}")?;
            self.output.flush()?;
            let mut bytes = Vec::new();
            if self.input.read_until(b'\n', &mut bytes)? == 0 {
                // The prompt's line is left open; end it before the message.
                writeln!(self.output)?;
                return Err(Stopped::EndOfInput);
            }
            if bytes.ends_with(b"\n") {
                bytes.pop();
            }
            if bytes.ends_with(b"\r") {
                bytes.pop();
            }
            match String::from_utf8(bytes) {
                Ok(line) => return Ok(line),
                Err(_) => self.say("  That is not UTF-8 text; please type it again.")?,
            }
        }
    }

    /// Ask until `check` accepts the (trimmed) answer.
    fn ask<T>(&mut self, prompt: &str, check: impl Fn(&str) -> Checked<T>) -> Result<T, Stopped> {
        loop {
            let line = self.line(prompt)?;
            match check(tidy(&line)) {
                Ok(value) => return Ok(value),
                Err(reason) => self.say(&format!("  {reason}"))?,
            }
        }
    }

    /// One answer a line until an empty line.
    fn list(
        &mut self,
        prompt: &str,
        check: impl Fn(&str) -> Checked<String>,
    ) -> Result<Vec<String>, Stopped> {
        let mut values: Vec<String> = Vec::new();
        loop {
            let line = self.line(prompt)?;
            let text = tidy(&line);
            if text.is_empty() {
                return Ok(values);
            }
            match check(text) {
                Ok(value) if values.contains(&value) => {
                    self.say(&format!("  {value} is in the list already"))?
                }
                Ok(value) => values.push(value),
                Err(reason) => self.say(&format!("  {reason}"))?,
            }
        }
    }

    fn slug(&mut self, title: &str) -> Result<String, Stopped> {
        let suggestion = suggest_slug(title);
        let prompt = if suggestion.is_empty() {
            "Slug: the file name and permanent address, lowercase words joined by hyphens".to_string()
        } else {
            format!(
                "Slug: the file name and permanent address, lowercase words joined by hyphens [{suggestion}]"
            )
        };
        let taken = self.context.slug_taken;
        self.ask(&prompt, |text| {
            let slug = if text.is_empty() {
                suggestion.as_str()
            } else {
                text
            };
            if slug.is_empty() {
                return Err("a slug is required".into());
            }
            if !is_valid_slug(slug) {
                let better = suggest_slug(slug);
                return Err(if better.is_empty() {
                    "use lowercase letters a-z, digits and single hyphens".into()
                } else {
                    format!("use lowercase letters a-z, digits and single hyphens, e.g. {better}")
                });
            }
            match taken(slug) {
                Some(reason) => Err(reason),
                None => Ok(slug.to_string()),
            }
        })
    }

    fn print_terms(&mut self, heading: &str, terms: &[Term]) -> Result<(), Stopped> {
        self.say(&format!("{heading}:"))?;
        for (number, term) in terms.iter().enumerate() {
            self.say(&format!(
                "  {:>2}. {} ({})",
                number + 1,
                term.id(),
                term.label("en")
            ))?;
        }
        Ok(())
    }

    /// One term of a vocabulary, by id or number; empty when `optional`
    /// and the answer is empty.
    fn choose_one(
        &mut self,
        heading: &str,
        vocabulary: Vocabulary,
        prompt: &str,
        optional: bool,
    ) -> Result<String, Stopped> {
        let terms = self.context.config.terms(vocabulary);
        self.print_terms(heading, terms)?;
        self.ask(prompt, |text| {
            if text.is_empty() && optional {
                return Ok(String::new());
            }
            pick(terms, text)
        })
    }

    /// At least one term of a vocabulary, comma-separated ids or numbers.
    fn choose_many(&mut self, heading: &str, vocabulary: Vocabulary) -> Result<Vec<String>, Stopped> {
        let terms = self.context.config.terms(vocabulary);
        self.print_terms(heading, terms)?;
        self.ask(
            &format!("{heading} (comma-separated terms or numbers, at least one)"),
            |text| {
                let mut chosen: Vec<String> = Vec::new();
                for part in text.split(',').map(str::trim).filter(|part| !part.is_empty()) {
                    let term = pick(terms, part)?;
                    if !chosen.contains(&term) {
                        chosen.push(term);
                    }
                }
                if chosen.is_empty() {
                    return Err("choose at least one".into());
                }
                Ok(chosen)
            },
        )
    }

    fn municipalities(&mut self, country: &str) -> Result<Vec<String>, Stopped> {
        let register = self.context.register;
        self.list(
            "Municipality taking part, a name or official code (empty line ends)",
            |text| municipality_entry(register, country, text),
        )
    }

    /// The co-operation bodies; while no municipality is named, at least one.
    fn bodies(&mut self, country: &str, required: bool) -> Result<Vec<String>, Stopped> {
        let bodies = self.context.register.bodies();
        loop {
            let given = self.list(
                "Co-operation body taking part, an id or name from the register (empty line ends)",
                |text| match bodies.resolve(country, text) {
                    crate::bodies::BodyResolution::Found(body) => Ok(body.id.clone()),
                    crate::bodies::BodyResolution::OtherCountry(body) => Err(format!(
                        "{} is a body of {}, not of {country}",
                        body.id, body.country
                    )),
                    crate::bodies::BodyResolution::Unknown { suggestion } => Err(match suggestion {
                        Some(body) => format!(
                            "the register has no body of {country} called \"{text}\"; did you mean {} ({})?",
                            body.id, body.name
                        ),
                        None => format!("the register has no body of {country} called \"{text}\""),
                    }),
                },
            )?;
            if !(required && given.is_empty()) {
                return Ok(given);
            }
            self.say("  name at least one municipality or co-operation body; give a body here")?;
        }
    }

    /// Title then address, repeated; an empty title ends, after the first.
    fn sources(&mut self) -> Result<Vec<SourceAnswer>, Stopped> {
        let mut sources = Vec::new();
        loop {
            let title = self.ask(
                "Source: the title of a public page or report about the case (empty line ends)",
                |text| {
                    if text.is_empty() {
                        return Ok(String::new());
                    }
                    checked_text("sources.title", text, true)
                },
            )?;
            if title.is_empty() {
                if !sources.is_empty() {
                    return Ok(sources);
                }
                self.say("  at least one public source is needed")?;
                continue;
            }
            let url = self.ask("Its address, https://...", checked_url)?;
            sources.push(SourceAnswer { title, url });
        }
    }

    fn contact(&mut self) -> Result<ContactAnswer, Stopped> {
        let organisation = self.ask(
            "Contact: the organisation, with a functional mailbox or web page (empty line skips the contact)",
            |text| {
                if text.is_empty() {
                    return Ok(String::new());
                }
                checked_text("contact.organisation", text, true)
            },
        )?;
        if organisation.is_empty() {
            return Ok(ContactAnswer::default());
        }
        let email = self.ask("Contact e-mail, not a person's (optional)", |text| {
            if text.is_empty() || is_plausible_email(text) {
                Ok(text.to_string())
            } else {
                Err(format!(
                    "\"{text}\" is not a plain e-mail address such as info@example.org"
                ))
            }
        })?;
        let url = self.ask("Contact web page (optional)", |text| {
            if text.is_empty() {
                Ok(String::new())
            } else {
                checked_url(text)
            }
        })?;
        Ok(ContactAnswer {
            organisation,
            email,
            url,
        })
    }

    /// Language, title, summary, repeated; an empty language ends.
    fn translations(&mut self) -> Result<Vec<TranslationAnswer>, Stopped> {
        let languages = self.context.config.terms(Vocabulary::Languages);
        let mut translations: Vec<TranslationAnswer> = Vec::new();
        loop {
            let language = self.ask(
                "Translation of the title and summary: a language code such as sv (empty line ends)",
                |text| {
                    if text.is_empty() {
                        return Ok(String::new());
                    }
                    let language = language_term(languages, text)?;
                    if language == ORIGINAL_LANGUAGE {
                        return Err("the title and summary are in English already".into());
                    }
                    if translations.iter().any(|t| t.language == language) {
                        return Err(format!("there is a translation to {language} already"));
                    }
                    Ok(language)
                },
            )?;
            if language.is_empty() {
                return Ok(translations);
            }
            let name = languages
                .iter()
                .find(|term| term.id() == language)
                .map_or(language.as_str(), |term| term.label("en"))
                .to_string();
            let title = self.ask(&format!("Title in {name} (optional)"), |text| {
                checked_text("translations.title", text, false)
            })?;
            let summary = self.ask(&format!("Summary in {name}"), |text| {
                if text.is_empty() && title.is_empty() {
                    return Err("give a title or a summary".into());
                }
                checked_text("translations.summary", text, false)
            })?;
            translations.push(TranslationAnswer {
                language,
                title,
                summary,
            });
        }
    }

    /// One text per body section, up to a line with a single `.`.
    fn sections(&mut self) -> Result<Vec<String>, Stopped> {
        self.say(
            "The body of the case, one section at a time. Type the text in Markdown; a line \
             with a single . ends the section (a . at once leaves a TODO to fill in later).",
        )?;
        let headings: Vec<String> = self
            .context
            .config
            .sections
            .iter()
            .map(|section| section.label("en").to_string())
            .collect();
        let mut sections = Vec::new();
        for heading in headings {
            self.say(&format!("## {heading}"))?;
            let mut lines: Vec<String> = Vec::new();
            loop {
                let line = self.line(">")?;
                if line.trim() == "." {
                    break;
                }
                lines.push(line);
            }
            sections.push(lines.join("\n"));
        }
        Ok(sections)
    }
}

/// A text answer within the limits `check` holds the field `key` to.
fn checked_text(key: &str, text: &str, required: bool) -> Checked<String> {
    if text.is_empty() {
        return if required {
            Err("an answer is required".into())
        } else {
            Ok(String::new())
        };
    }
    let length = text.chars().count();
    let limit = text_length::limit(key);
    if length > limit {
        return Err(format!(
            "that is {length} characters long; at most {limit} are allowed"
        ));
    }
    if text.chars().any(|c| c.is_control()) {
        return Err("that contains an invisible control character".into());
    }
    Ok(text.to_string())
}

fn checked_url(text: &str) -> Checked<String> {
    match url::problem(text) {
        None => Ok(text.to_string()),
        Some(problem) => Err(format!("the address {problem}; write it as https://...")),
    }
}

fn checked_tags(text: &str) -> Checked<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|tag| !tag.is_empty()) {
        if !is_valid_slug(tag) {
            let better = suggest_slug(tag);
            return Err(if better.is_empty() {
                format!("\"{tag}\" is not lowercase words joined by hyphens")
            } else {
                format!("\"{tag}\" is not lowercase words joined by hyphens; write \"{better}\"")
            });
        }
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    Ok(tags)
}

/// A date (`2024-03-01`) or a year (`2024`), not after `today`; a year is
/// in the future only when the whole year is, as in `check`.
fn checked_date(text: &str, today: jiff::civil::Date) -> Checked<String> {
    let year = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    if year {
        return match text.parse::<i16>() {
            Ok(year) if year <= today.year() => Ok(text.to_string()),
            _ => Err(format!("{text} is in the future (today is {today})")),
        };
    }
    if !is_iso_date(text) {
        return Err("write a date such as 2024-03-01 or a year such as 2024".into());
    }
    match text.parse::<jiff::civil::Date>() {
        Ok(date) if date <= today => Ok(text.to_string()),
        _ => Err(format!("{text} is in the future (today is {today})")),
    }
}

/// Whether `ended` is before `started`; with a year on either side only
/// the years are compared, as in `check`.
fn ends_before(ended: &str, started: &str) -> bool {
    if ended.len() == 10 && started.len() == 10 {
        ended < started
    } else {
        ended.get(..4) < started.get(..4)
    }
}

/// A term by id (in any case) or by its number in the list.
fn pick(terms: &[Term], text: &str) -> Checked<String> {
    if let Ok(number) = text.parse::<usize>() {
        return match number.checked_sub(1).and_then(|index| terms.get(index)) {
            Some(term) => Ok(term.id().to_string()),
            None => Err(format!("choose a number from 1 to {}", terms.len())),
        };
    }
    match terms.iter().find(|term| term.id().eq_ignore_ascii_case(text)) {
        Some(term) => Ok(term.id().to_string()),
        None => Err(format!(
            "\"{text}\" is not one of {}",
            terms.iter().map(Term::id).collect::<Vec<_>>().join(", ")
        )),
    }
}

fn language_term(languages: &[Term], text: &str) -> Checked<String> {
    match languages.iter().find(|term| term.id() == text) {
        Some(term) => Ok(term.id().to_string()),
        None => Err(format!(
            "\"{text}\" is not one of {}",
            languages.iter().map(Term::id).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// The register's entry for a municipality the author named, or why there
/// is none.
fn municipality_entry(register: &Register, country: &str, text: &str) -> Checked<String> {
    let described = |m: &crate::register::Municipality| {
        if m.region.is_empty() {
            format!("{} ({})", m.display_name(), m.code)
        } else {
            format!("{} ({}, {})", m.display_name(), m.code, m.region)
        }
    };
    let listed = |found: &[&crate::register::Municipality]| {
        found.iter().map(|m| described(m)).collect::<Vec<_>>().join(", ")
    };
    match register.resolve(country, text) {
        Resolution::Found(found) => Ok(register.entry_for(country, found)),
        Resolution::Unknown { suggestions } if suggestions.is_empty() => Err(format!(
            "the register has no municipality of {country} called \"{text}\""
        )),
        Resolution::Unknown { suggestions } => Err(format!(
            "the register has no municipality of {country} called \"{text}\"; did you mean {}?",
            listed(&suggestions)
        )),
        Resolution::Ambiguous { candidates } => Err(format!(
            "{} municipalities of {country} are called \"{text}\": {}; type the code of the one you mean",
            candidates.len(),
            listed(&candidates)
        )),
        Resolution::OtherCountry { matches } => Err(format!(
            "\"{text}\" is a municipality of {}, not of {country}: {}",
            matches
                .iter()
                .map(|m| m.territory.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            listed(&matches)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base_file(relative: &str) -> crate::source::SourceFile {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/base")
            .join(relative);
        crate::source::SourceFile::new(relative, std::fs::read_to_string(path).unwrap_or_default())
    }

    fn run(answers: &str) -> (Result<Interviewed, Stopped>, String) {
        let config = Config::parse(&base_file("catalogue.toml")).expect("the base fixture's catalogue.toml");
        let (register, _) = Register::parse(&base_file("register/municipalities.csv"));
        let never_taken = |_: &str| None;
        let context = Context {
            config: &config,
            register: &register,
            today: jiff::civil::date(2026, 5, 4),
            slug_taken: &never_taken,
        };
        let mut prompts = Vec::new();
        let result = interview(answers.as_bytes(), &mut prompts, &context);
        (result, String::from_utf8_lossy(&prompts).into_owned())
    }

    /// Every answer up to the body, with an ended case and no contact.
    const FRONT: &str = "A title\nmy-case\nSE\nVilhelmina\n\n\n1\n10\n1\nended\n\n2020\n\n2019-05-01\n2021\n\n\nA summary.\n\n\nA page\nhttps://example.org/\n\n\n\n";

    #[test]
    fn a_dot_at_once_leaves_the_section_to_write_later() {
        let (result, prompts) = run(&format!("{FRONT}.\nDone.\n.\n.\n.\n"));
        let interviewed = result.expect(&prompts);
        assert_eq!(interviewed.slug, "my-case");
        let answers = interviewed.answers;
        assert_eq!(answers.sections, ["", "Done.", "", ""]);
        assert_eq!(answers.ended, "2021");
        assert_eq!(answers.language, "en");
        assert_eq!(answers.reviewed, "2026-05-04");
        assert!(
            prompts.contains("a case whose status is ended needs the date it ended"),
            "{prompts}"
        );
        assert!(
            prompts.contains("2019-05-01 is before the start, 2020"),
            "{prompts}"
        );
    }

    #[test]
    fn the_end_of_input_stops_the_interview() {
        for answers in ["", "A title\n", FRONT] {
            let (result, _) = run(answers);
            assert!(matches!(result, Err(Stopped::EndOfInput)), "{answers:?}");
        }
    }

    #[test]
    fn dates_and_years_up_to_today() {
        let today = jiff::civil::date(2026, 5, 4);
        assert_eq!(checked_date("2024", today), Ok("2024".into()));
        assert_eq!(checked_date("2026", today), Ok("2026".into()));
        assert_eq!(checked_date("2026-05-04", today), Ok("2026-05-04".into()));
        assert!(checked_date("2027", today).is_err());
        assert!(checked_date("2026-05-05", today).is_err());
        assert!(checked_date("2026-02-30", today).is_err());
        assert!(checked_date("March 2024", today).is_err());
        assert!(ends_before("2023-01-01", "2024"));
        assert!(ends_before("2024-01-01", "2024-06-30"));
        assert!(!ends_before("2024-03-01", "2024"));
    }

    #[test]
    fn tags_must_be_kebab_case() {
        assert_eq!(
            checked_tags("peer-support, rare-cases, peer-support"),
            Ok(vec!["peer-support".to_string(), "rare-cases".to_string()])
        );
        assert_eq!(checked_tags(""), Ok(Vec::new()));
        let refused = checked_tags("Peer Support").unwrap_err();
        assert!(refused.contains("write \"peer-support\""), "{refused}");
    }

    #[test]
    fn texts_are_held_to_the_limits_of_check() {
        assert!(checked_text("title", &"a".repeat(120), true).is_ok());
        assert!(checked_text("title", &"å".repeat(121), true).is_err());
        assert!(checked_text("summary", &"a".repeat(500), true).is_ok());
        assert!(checked_text("title", "", true).is_err());
        assert_eq!(checked_text("title_local", "", false), Ok(String::new()));
        assert!(checked_text("title", "a\u{7}b", true).is_err());
    }
}
