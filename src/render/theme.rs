//! The theme: a folder of tera templates, static files and UI strings
//! (`i18n/<lang>.toml`), loaded once per build and checked before anything
//! is written. Templates escape with [`crate::html::escape`], which
//! (unlike tera's default) leaves `/` alone so that URLs stay readable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Serialize;

use crate::output::Page;

/// A theme folder: `templates/`, `static/` and `i18n/<lang>.toml`.
pub struct Theme {
    tera: tera::Tera,
    /// The theme folder, as the user named it (it may be a link).
    root: PathBuf,
    pub static_dir: PathBuf,
}

/// The UI strings of one language (`i18n/<lang>.toml`).
pub type Strings = BTreeMap<String, String>;

/// tera's own message names only the template; the cause is in the chain.
pub(crate) fn tera_error(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

impl Theme {
    /// Load the templates of the theme at `dir`. Every file of its
    /// `templates/`, `static/` and `i18n/` folders must be a regular file
    /// inside the theme: a link (to a key file, say) would be published.
    pub fn load(dir: &Path) -> anyhow::Result<Theme> {
        if !crate::inside::look_folder(dir, "templates").unwrap_or(true) {
            anyhow::bail!("{} is not a theme: it has no templates/ folder", dir.display());
        }
        let templates_dir = dir.join("templates");
        let mut templates = Vec::new();
        for path in crate::inside::theme_files(dir, "templates")? {
            let relative = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let name = path
                .strip_prefix(&templates_dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let text = crate::inside::read_theme_file(dir, &relative)?
                .with_context(|| format!("could not read {}", path.display()))?;
            templates.push((name, text));
        }
        // Checked here, before anything is built, though they are read
        // later (static files by the writer, strings per language).
        crate::inside::theme_files(dir, "static")?;
        crate::inside::theme_files(dir, "i18n")?;
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(crate::html::escape);
        tera.register_filter("meta_description", meta_description_filter);
        tera.add_raw_templates(templates).map_err(|error| {
            anyhow::anyhow!("the theme's templates have an error: {}", tera_error(&error))
        })?;
        Ok(Theme {
            tera,
            root: dir.to_path_buf(),
            static_dir: dir.join("static"),
        })
    }

    /// Whether the theme has UI strings of `language` (a language tag).
    pub fn has_strings(&self, language: &str) -> bool {
        crate::config::is_language_tag(language)
            && matches!(
                crate::inside::read_theme_file(&self.root, &format!("i18n/{language}.toml")),
                Ok(Some(_))
            )
    }

    /// The UI strings of `language`, with English filling any gap. The
    /// language must be a language tag (`nb`, `en-GB`): it names a file, so
    /// anything else (`../../x`) could read a file outside the theme.
    pub fn strings(&self, language: &str) -> anyhow::Result<Strings> {
        let read = |language: &str| -> anyhow::Result<Strings> {
            if !crate::config::is_language_tag(language) {
                anyhow::bail!(
                    "the site language \"{}\" is not a language tag such as en, nb or en-GB; run `catalogue check`",
                    crate::diag::emit::visible(language)
                );
            }
            let relative = format!("i18n/{language}.toml");
            let shown = self.root.join(&relative);
            let text = crate::inside::read_theme_file(&self.root, &relative)?.with_context(|| {
                format!(
                    "the theme has no UI strings for \"{language}\" ({}): add that file to the theme, or choose another [site] language",
                    shown.display()
                )
            })?;
            toml::from_str(&text).with_context(|| format!("{} is not a table of strings", shown.display()))
        };
        let mut strings = read("en")?;
        if language != "en" {
            strings.extend(read(language)?);
        }
        Ok(strings)
    }

    /// The theme's scripts (`static/**/*.js`) that use the browser's
    /// storage, in file order, for the privacy note: it must say what the
    /// site keeps in the browser, and reading the scripts keeps it true
    /// when one is added or changed. A script that names an API is counted
    /// as using it.
    pub fn browser_storage(&self) -> anyhow::Result<Vec<super::view::BrowserStorage>> {
        const KINDS: [(&str, &str); 3] = [
            ("localStorage", "localStorage"),
            ("sessionStorage", "sessionStorage"),
            ("indexedDB", "IndexedDB"),
        ];
        let static_root = self.root.join("static");
        let mut found = Vec::new();
        for path in crate::inside::theme_files(&self.root, "static")? {
            let script = path
                .strip_prefix(&static_root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if !(script.ends_with(".js") || script.ends_with(".mjs")) {
                continue;
            }
            let Some(text) = crate::inside::read_theme_file(&self.root, &format!("static/{script}"))? else {
                continue;
            };
            let kinds: Vec<String> = KINDS
                .iter()
                .filter(|(api, _)| text.contains(api))
                .map(|(_, name)| name.to_string())
                .collect();
            if !kinds.is_empty() {
                found.push(super::view::BrowserStorage { script, kinds });
            }
        }
        Ok(found)
    }

    pub(crate) fn render(&self, template: &str, context: &tera::Context) -> anyhow::Result<String> {
        self.tera
            .render(template, context)
            .map_err(|error| anyhow::anyhow!("could not render {template}: {}", tera_error(&error)))
    }
}

/// Search engines show about 160 characters of a page's description and
/// cut the rest mid-word; a summary may be 400.
pub const META_DESCRIPTION_CHARS: usize = 160;

/// `text` as a meta description: white space collapsed, and cut at a word
/// boundary with "…" when it is longer than [`META_DESCRIPTION_CHARS`].
pub fn meta_description(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= META_DESCRIPTION_CHARS {
        return collapsed;
    }
    // Room for the ellipsis; a word longer than the whole budget is cut.
    let budget = META_DESCRIPTION_CHARS - 1;
    let end = collapsed
        .char_indices()
        .nth(budget)
        .map_or(collapsed.len(), |(at, _)| at);
    let kept = &collapsed[..end];
    let at_word = match kept.rfind(' ') {
        Some(space) if space > 0 => &kept[..space],
        _ => kept,
    };
    format!(
        "{}…",
        at_word.trim_end_matches([',', ';', ':', '.', '–', '-', ' '])
    )
}

/// The tera face of [`meta_description`]: `{{ text | meta_description }}`.
fn meta_description_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("meta_description takes a string"))?;
    Ok(tera::Value::String(meta_description(text)))
}

/// The values every page of one language shares (`site`, `t`), with an id
/// no other set has. Cloning them for every page cost a tenth of the
/// rendering (the UI strings are hundreds of values), so each thread keeps
/// one copy per set and only the page's own values change between pages.
pub struct SharedValues {
    id: u64,
    context: tera::Context,
}

impl SharedValues {
    pub fn new(context: tera::Context) -> SharedValues {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        SharedValues {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            context,
        }
    }

    pub fn context(&self) -> &tera::Context {
        &self.context
    }
}

thread_local! {
    /// This thread's copy of the last [`SharedValues`] it rendered with,
    /// by id, plus the previous page's `path` (replaced before every
    /// render, so it never leaks into the next page).
    static THREAD_CONTEXT: std::cell::RefCell<Option<(u64, tera::Context)>> =
        const { std::cell::RefCell::new(None) };
}

/// Render one template with the shared values (`site`, `t`) and a page
/// value, as the text of the page at `path`.
pub(crate) fn render_text<T: Serialize>(
    theme: &Theme,
    shared: &SharedValues,
    template: &str,
    page: &T,
    path: &super::urls::SitePath,
) -> anyhow::Result<String> {
    let render = |context: &mut tera::Context| {
        context.insert("page", page);
        context.insert("path", path.as_str());
        let text = theme.render(template, context);
        // Not kept until the thread's next page: the sitemap's values are
        // 100 MB at 100,000 cases.
        context.remove("page");
        text
    };
    THREAD_CONTEXT.with(|slot| {
        // A render never renders another, but should one ever do, a fresh
        // copy keeps it correct.
        let Ok(mut slot) = slot.try_borrow_mut() else {
            return render(&mut shared.context.clone());
        };
        match &mut *slot {
            Some((id, context)) if *id == shared.id => render(context),
            other => render(&mut other.insert((shared.id, shared.context.clone())).1),
        }
    })
}

/// [`render_text`] as the page file at `path`.
pub(crate) fn render_page<T: Serialize>(
    theme: &Theme,
    shared: &SharedValues,
    template: &str,
    page: &T,
    path: &super::urls::SitePath,
) -> anyhow::Result<Page> {
    Ok(Page {
        path: path.file(),
        bytes: render_text(theme, shared, template, page, path)?.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_descriptions_are_cut_at_a_word_within_160_characters() {
        assert_eq!(meta_description("  Short\n summary. "), "Short summary.");
        let long =
            "Kommunerna delar en digital kollega för socialtjänstens handläggare i glesbygd, ".repeat(5);
        let cut = meta_description(&long);
        assert!(cut.chars().count() <= META_DESCRIPTION_CHARS, "{cut}");
        assert!(
            cut.ends_with("…") && !cut.ends_with(" …") && !cut.ends_with(",…"),
            "{cut}"
        );
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
        // One word longer than the budget is cut inside the word.
        let word = "å".repeat(400);
        assert_eq!(meta_description(&word).chars().count(), META_DESCRIPTION_CHARS);
        assert_eq!(meta_description(&"x".repeat(160)), "x".repeat(160));
    }
}
