//! The layout of a new case file, as data: the one template that
//! `catalogue new` and the site's "Propose a case" form both fill in.
//!
//! [`layout`] turns the field table ([`crate::schema::FIELDS`]), the
//! vocabularies and the body sections into a list of [`Piece`]s: fixed text,
//! and slots that hold an answer or, while there is none, a placeholder or
//! a commented example. [`fill`] puts [`Answers`] into them. The form gets
//! the same pieces as JSON at build time and fills them with a
//! line-for-line port of [`fill`] (`themes/default/static/contribute.js`),
//! so a term added to `catalogue.toml` reaches both without a code change,
//! and the two cannot write different files for the same answers (a
//! browser test compares their bytes).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::config::{Config, Vocabulary};
use crate::schema::{FIELDS, Field, Kind};

/// What an author answered. Empty means "not answered": its slot gets the
/// placeholder or the commented example.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Answers {
    pub title: String,
    pub title_local: String,
    pub summary: String,
    pub country: String,
    pub municipalities: Vec<String>,
    pub bodies: Vec<String>,
    pub categories: Vec<String>,
    pub service_areas: Vec<String>,
    pub cooperation: String,
    pub status: String,
    /// A date (`2024-03-01`) or a year (`2024`), written without quotes.
    pub started: String,
    pub ended: String,
    pub language: String,
    pub organisations: Vec<String>,
    pub evaluation: String,
    pub tags: Vec<String>,
    /// The day the file is written (`reviewed`).
    pub reviewed: String,
    pub sources: Vec<SourceAnswer>,
    pub contact: ContactAnswer,
    pub translations: Vec<TranslationAnswer>,
    /// The text of each body section, in the order of `[[sections]]`.
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourceAnswer {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContactAnswer {
    pub organisation: String,
    pub email: String,
    pub url: String,
}

/// A translated title and summary; both empty asks for placeholders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TranslationAnswer {
    pub language: String,
    pub title: String,
    pub summary: String,
}

/// How an answer is written as a TOML value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// A quoted string.
    Text,
    /// A list of quoted strings.
    List,
    /// A date or a year, bare; anything else quoted, so the file stays TOML
    /// and `check` names the mistake.
    Date,
}

/// One part of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "piece", rename_all = "snake_case")]
pub enum Piece {
    Text {
        text: String,
    },
    /// A front-matter key: the explanation, then `name = answer`, or
    /// `unanswered` while there is no answer.
    Field {
        name: String,
        shape: Shape,
        comment: String,
        unanswered: String,
        /// What stands in place of `unanswered` when another field is
        /// answered: a case run through a co-operation body may leave out
        /// its municipalities, and then no placeholder must be left.
        #[serde(skip_serializing_if = "Option::is_none")]
        instead: Option<Instead>,
    },
    /// The `[[sources]]` blocks; `placeholder` stands in for each part
    /// not answered, and for a whole block while there is none.
    Sources {
        comment: String,
        placeholder: SourceAnswer,
    },
    Contact {
        comment: String,
        unanswered: String,
    },
    /// The `[translations.<language>]` tables, with placeholders named by
    /// the language's English name for a table asked for but not written.
    Translations {
        comment: String,
        unanswered: String,
        names: BTreeMap<String, String>,
    },
    /// The body: one `## heading` per section, with the author's text or
    /// a `TODO:` hint.
    Sections {
        sections: Vec<SectionSlot>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Instead {
    /// The field whose answer makes this one optional.
    pub when: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionSlot {
    pub heading: String,
    pub placeholder: String,
}

/// A TOML basic string. Written by hand rather than by the `toml` crate so
/// that the form's port can produce the very same bytes: every character
/// is itself except the quote, the backslash and control characters.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Answers are trimmed of ASCII white space only, the same in the form
/// (JavaScript's `trim` would also remove other characters).
pub fn tidy(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

fn is_date_or_year(text: &str) -> bool {
    let digits = |part: &str, count: usize| part.len() == count && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [year] => digits(year, 4),
        [year, month, day] => digits(year, 4) && digits(month, 2) && digits(day, 2),
        _ => false,
    }
}

fn term_list(config: &Config, vocabulary: Vocabulary, except: Option<&str>) -> String {
    config
        .terms(vocabulary)
        .iter()
        .filter(|term| Some(term.id()) != except)
        .map(|term| format!("\"{}\" ({})", term.id(), term.label("en")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The placeholder or commented example of a field nobody answered.
fn unanswered_value(field: &Field) -> &'static str {
    match field.name {
        "title" => "\"TODO: the title in English\"",
        "title_local" => "\"\"",
        "summary" => {
            "\"TODO: two or three plain sentences: who co-operates, what they did, what came of it\""
        }
        "municipalities" => "[\"TODO: a municipality name or code from the register\"]",
        "bodies" => "[\"fi-lapin-hyvinvointialue\"]",
        "categories" | "service_areas" => "[\"TODO\"]",
        "cooperation" | "status" | "country" => "\"TODO\"",
        "started" => "\"TODO: a date such as 2024-03-01 or a year such as 2024, without quotes\"",
        "ended" => "2025-06-30",
        "language" => "\"en\"",
        "organisations" => "[\"Region Västerbotten\"]",
        "evaluation" => "\"none\"",
        "tags" => "[\"peer-support\"]",
        "evidence" => "[\"hjelte-2023\"]",
        "reviewed" => "\"TODO: today's date, such as 2026-05-04, without quotes\"",
        _ => "\"TODO\"",
    }
}

fn shape(field: &Field) -> Shape {
    match field.kind {
        Kind::TextList => Shape::List,
        Kind::Date | Kind::DateOrYear => Shape::Date,
        _ => Shape::Text,
    }
}

/// The hints of the recommended body sections, by position.
const SECTION_HINTS: [&str; 4] = [
    "the situation before: the municipalities, their size and distances, the problem they shared.",
    "what the municipalities did together and with which digital support.",
    "what came of it, as far as a source reports it.",
    "what others can learn from it.",
];

/// The layout of a case file for this catalogue.
pub fn layout(config: &Config) -> Vec<Piece> {
    let mut pieces = vec![Piece::Text {
        text: "+++\n\
               # A new good example for the Nordic catalogue.\n\
               # Replace every value that starts with TODO, remove the `# Optional:` in front of\n\
               # the optional lines you need (delete the others), then run `catalogue check`.\n\n"
            .into(),
    }];
    for field in FIELDS {
        if matches!(field.kind, Kind::Sources | Kind::Contact | Kind::Translations) {
            continue;
        }
        let mut comment = format!("# {}\n", field.doc);
        if let Some(vocabulary) = field.vocabulary.filter(|v| *v != Vocabulary::Countries) {
            let _ = writeln!(comment, "# Allowed: {}.", term_list(config, vocabulary, None));
        }
        let optional = if field.required { "" } else { "# Optional: " };
        let instead = (field.name == "municipalities").then(|| Instead {
            when: "bodies".into(),
            text: "# Optional when `bodies` names the co-operation body: municipalities = [\"Vilhelmina\"]\n"
                .into(),
        });
        pieces.push(Piece::Field {
            name: field.name.into(),
            shape: shape(field),
            comment,
            unanswered: format!("{optional}{} = {}\n", field.name, unanswered_value(field)),
            instead,
        });
        pieces.push(Piece::Text { text: "\n".into() });
    }
    pieces.push(Piece::Sources {
        comment: "# At least one public source; repeat the [[sources]] block for more.\n".into(),
        placeholder: SourceAnswer {
            title: "TODO: the title of a public page or report about the case".into(),
            url: "TODO: its https:// address".into(),
        },
    });
    pieces.push(Piece::Contact {
        comment: "# A functional mailbox or web page of an organisation, not a person's.\n".into(),
        unanswered: "# Optional: a functional mailbox or web page of an organisation, not a person's.\n\
                     # [contact]\n\
                     # organisation = \"Region Västerbotten\"\n\
                     # email = \"info@example.org\"\n\
                     # url = \"https://example.org/contact\"\n"
            .into(),
    });
    pieces.push(Piece::Translations {
        comment: format!(
            "\n# Optional: the title and summary in another language, shown on the site's pages in\n\
             # that language; one table per language. Allowed: {}.\n",
            term_list(
                config,
                Vocabulary::Languages,
                Some(crate::config::ORIGINAL_LANGUAGE)
            )
        ),
        unanswered: "# [translations.sv]\n\
                     # title = \"the title in Swedish\"\n\
                     # summary = \"the summary in Swedish\"\n"
            .into(),
        names: config
            .terms(Vocabulary::Languages)
            .iter()
            .map(|term| (term.id().to_string(), term.label("en").to_string()))
            .collect(),
    });
    pieces.push(Piece::Text { text: "+++\n".into() });
    pieces.push(Piece::Sections {
        sections: config
            .sections
            .iter()
            .zip(SECTION_HINTS.iter().chain(std::iter::repeat(&"")))
            .map(|(section, hint)| SectionSlot {
                heading: section.label("en").to_string(),
                placeholder: format!("TODO: {hint}"),
            })
            .collect(),
    });
    pieces
}

/// A field's answer, written as TOML, or `None` when there is none.
fn field_value(answers: &Answers, name: &str, shape: Shape) -> Option<String> {
    let text = |value: &str| {
        Some(tidy(value))
            .filter(|value| !value.is_empty())
            .map(str::to_string)
    };
    let list = |values: &[String]| {
        let items: Vec<String> = values
            .iter()
            .map(|value| tidy(value))
            .filter(|value| !value.is_empty())
            .map(toml_string)
            .collect();
        (!items.is_empty()).then(|| format!("[{}]", items.join(", ")))
    };
    let answer = match name {
        "title" => text(&answers.title),
        "title_local" => text(&answers.title_local),
        "summary" => text(&answers.summary),
        "country" => text(&answers.country),
        "municipalities" => return list(&answers.municipalities),
        "bodies" => return list(&answers.bodies),
        "categories" => return list(&answers.categories),
        "service_areas" => return list(&answers.service_areas),
        "organisations" => return list(&answers.organisations),
        "tags" => return list(&answers.tags),
        "cooperation" => text(&answers.cooperation),
        "status" => text(&answers.status),
        "started" => text(&answers.started),
        "ended" => text(&answers.ended),
        "language" => text(&answers.language),
        "evaluation" => text(&answers.evaluation),
        "reviewed" => text(&answers.reviewed),
        _ => None,
    }?;
    Some(match shape {
        Shape::Date if is_date_or_year(&answer) => answer,
        _ => toml_string(&answer),
    })
}

/// A translation table's key: bare when TOML allows it, else quoted, so the
/// file stays TOML and `check` names an odd language.
fn table_key(language: &str) -> String {
    let bare = !language.is_empty()
        && language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        language.to_string()
    } else {
        toml_string(language)
    }
}

/// Section text with the line ends a browser or Windows may send made
/// plain, so every platform writes the same bytes.
fn section_text(text: &str) -> String {
    tidy(&text.replace("\r\n", "\n").replace('\r', "\n")).to_string()
}

/// The case file for `answers`.
pub fn fill(pieces: &[Piece], answers: &Answers) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text { text } => out.push_str(text),
            Piece::Field {
                name,
                shape,
                comment,
                unanswered,
                instead,
            } => {
                out.push_str(comment);
                match field_value(answers, name, *shape) {
                    Some(value) => {
                        let _ = writeln!(out, "{name} = {value}");
                    }
                    None => match instead {
                        Some(instead) if field_value(answers, &instead.when, Shape::List).is_some() => {
                            out.push_str(&instead.text);
                        }
                        _ => out.push_str(unanswered),
                    },
                }
            }
            Piece::Sources { comment, placeholder } => {
                out.push_str(comment);
                let given: Vec<&SourceAnswer> = answers
                    .sources
                    .iter()
                    .filter(|source| !tidy(&source.title).is_empty() || !tidy(&source.url).is_empty())
                    .collect();
                let blocks = if given.is_empty() {
                    vec![placeholder]
                } else {
                    given
                };
                for source in blocks {
                    let or = |value: &str, instead: &str| {
                        toml_string(if tidy(value).is_empty() {
                            instead
                        } else {
                            tidy(value)
                        })
                    };
                    let _ = write!(
                        out,
                        "[[sources]]\ntitle = {}\nurl = {}\n\n",
                        or(&source.title, &placeholder.title),
                        or(&source.url, &placeholder.url)
                    );
                }
            }
            Piece::Contact { comment, unanswered } => {
                let contact = &answers.contact;
                let parts = [
                    ("organisation", tidy(&contact.organisation)),
                    ("email", tidy(&contact.email)),
                    ("url", tidy(&contact.url)),
                ];
                if parts.iter().all(|(_, value)| value.is_empty()) {
                    out.push_str(unanswered);
                } else {
                    out.push_str(comment);
                    out.push_str("[contact]\n");
                    for (key, value) in parts.iter().filter(|(_, value)| !value.is_empty()) {
                        let _ = writeln!(out, "{key} = {}", toml_string(value));
                    }
                }
            }
            Piece::Translations {
                comment,
                unanswered,
                names,
            } => {
                out.push_str(comment);
                let mut written = std::collections::BTreeSet::new();
                let tables: Vec<&TranslationAnswer> = answers
                    .translations
                    .iter()
                    .filter(|translation| !tidy(&translation.language).is_empty())
                    .filter(|translation| written.insert(tidy(&translation.language)))
                    .collect();
                if tables.is_empty() {
                    out.push_str(unanswered);
                }
                for translation in tables {
                    let language = tidy(&translation.language);
                    let name = names.get(language).map_or(language, String::as_str);
                    let title = tidy(&translation.title);
                    let summary = tidy(&translation.summary);
                    let _ = writeln!(out, "[translations.{}]", table_key(language));
                    if title.is_empty() && summary.is_empty() {
                        let _ = writeln!(
                            out,
                            "title = {}\nsummary = {}",
                            toml_string(&format!("TODO: the title in {name}")),
                            toml_string(&format!("TODO: the summary in {name}"))
                        );
                        continue;
                    }
                    if !title.is_empty() {
                        let _ = writeln!(out, "title = {}", toml_string(title));
                    }
                    if !summary.is_empty() {
                        let _ = writeln!(out, "summary = {}", toml_string(summary));
                    }
                }
            }
            Piece::Sections { sections } => {
                for (index, section) in sections.iter().enumerate() {
                    let text = answers
                        .sections
                        .get(index)
                        .map(|text| section_text(text))
                        .unwrap_or_default();
                    let text = if text.is_empty() {
                        section.placeholder.clone()
                    } else {
                        text
                    };
                    let _ = write!(out, "\n## {}\n\n{text}\n", section.heading);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_read_back_as_what_was_typed() {
        for text in [
            "plain",
            "He said \"hi\" \\ then left",
            "line one\nline two\ttab\r",
            "bell \u{7} delete \u{7f} nul \u{0}",
            "Våld i nära relationer – Ísland, Þórshöfn, ÆØÅ 🙂",
        ] {
            let document = format!("value = {}", toml_string(text));
            let table: toml::Table = toml::from_str(&document).expect(&document);
            assert_eq!(table["value"].as_str(), Some(text), "{document}");
        }
    }

    #[test]
    fn dates_and_years_are_bare_and_anything_else_is_quoted() {
        for (typed, written) in [
            ("2024", "2024"),
            ("2024-03-01", "2024-03-01"),
            ("March 2024", "\"March 2024\""),
            ("24", "\"24\""),
            ("2024-3-1", "\"2024-3-1\""),
        ] {
            assert_eq!(
                field_value(
                    &Answers {
                        started: typed.into(),
                        ..Answers::default()
                    },
                    "started",
                    Shape::Date
                ),
                Some(written.to_string())
            );
        }
    }

    #[test]
    fn answers_are_trimmed_and_empty_ones_leave_the_placeholder() {
        let answers = Answers {
            title: "  A title \n".into(),
            municipalities: vec![" Korsholm ".into(), "  ".into()],
            sources: vec![SourceAnswer {
                title: String::new(),
                url: " https://example.org/ ".into(),
            }],
            sections: vec!["First line\r\nsecond line\r\n\r\n".into()],
            ..Answers::default()
        };
        let pieces = vec![
            Piece::Field {
                name: "title".into(),
                shape: Shape::Text,
                comment: String::new(),
                unanswered: "title = \"TODO\"\n".into(),
                instead: None,
            },
            Piece::Field {
                name: "municipalities".into(),
                shape: Shape::List,
                comment: String::new(),
                unanswered: "none\n".into(),
                instead: None,
            },
            Piece::Field {
                name: "summary".into(),
                shape: Shape::Text,
                comment: String::new(),
                unanswered: "summary = \"TODO\"\n".into(),
                instead: None,
            },
            Piece::Sources {
                comment: String::new(),
                placeholder: SourceAnswer {
                    title: "TODO: title".into(),
                    url: "TODO: url".into(),
                },
            },
            Piece::Sections {
                sections: vec![
                    SectionSlot {
                        heading: "Background".into(),
                        placeholder: "TODO: why".into(),
                    },
                    SectionSlot {
                        heading: "Results".into(),
                        placeholder: "TODO: what".into(),
                    },
                ],
            },
        ];
        assert_eq!(
            fill(&pieces, &answers),
            "title = \"A title\"\nmunicipalities = [\"Korsholm\"]\nsummary = \"TODO\"\n\
             [[sources]]\ntitle = \"TODO: title\"\nurl = \"https://example.org/\"\n\n\
             \n## Background\n\nFirst line\nsecond line\n\n## Results\n\nTODO: what\n"
        );
    }

    #[test]
    fn a_case_run_through_a_body_leaves_no_municipality_placeholder() {
        let pieces = vec![Piece::Field {
            name: "municipalities".into(),
            shape: Shape::List,
            comment: String::new(),
            unanswered: "municipalities = [\"TODO\"]\n".into(),
            instead: Some(Instead {
                when: "bodies".into(),
                text: "# left out\n".into(),
            }),
        }];
        let with_body = Answers {
            bodies: vec!["fi-lapin-hyvinvointialue".into()],
            ..Answers::default()
        };
        assert_eq!(fill(&pieces, &with_body), "# left out\n");
        assert_eq!(
            fill(&pieces, &Answers::default()),
            "municipalities = [\"TODO\"]\n"
        );
    }
}
