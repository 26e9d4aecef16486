//! Links into the catalogue's GitHub repository (`[site] repository`): the
//! repository's pages every template sees as `site.repository`, and each
//! case page's "Suggest a change" (GitHub's editor for the case's file) and
//! "Report a problem" (a new issue with the case filled in).
//!
//! Everything here is an absolute `https://github.com/` address, which
//! [`super::urls::relative_links`] leaves as it is. The branch and folder
//! are settings and the title is a case's, so each part is percent-encoded
//! where it goes: a path part by part (a branch `feature/x` keeps its `/`,
//! because GitHub finds a branch with slashes only when they are written
//! as slashes), a query value whole (`&`, `=`, `#` and line breaks
//! included).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::view::{ImproveLinks, RepositoryView};
use crate::config::GitHub;

/// What stays as it is in a path part or a query value: RFC 3986's
/// unreserved characters. Everything else, `/` too, is encoded.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `text` as one path part or query value.
fn component(text: &str) -> String {
    utf8_percent_encode(text, ENCODED).to_string()
}

/// A path of `/`-separated parts, each encoded, the slashes kept.
fn path(text: &str) -> String {
    text.split('/').map(component).collect::<Vec<_>>().join("/")
}

/// `https://github.com/owner/name`
fn repository_url(github: &GitHub<'_>) -> String {
    // `check` lets only ASCII letters, digits, `-`, `.` and `_` into
    // `owner/name`, so it needs no encoding.
    format!("https://github.com/{}", github.repository)
}

/// The repository's addresses for `site.repository`.
pub(super) fn view(github: &GitHub<'_>) -> RepositoryView {
    let url = repository_url(github);
    RepositoryView {
        new_file: format!("{url}/new/{}", path(github.branch)),
        issues_new: format!("{url}/issues/new"),
        branch: github.branch.to_string(),
        folder: github.folder.to_string(),
        url,
    }
}

/// The links of one case page. `file` is the case file's path inside the
/// catalogue folder (`cases/SE/digital-colleague.md`); `title` and `body`
/// are the new issue's, already in the page's language.
pub(super) fn improve(github: &GitHub<'_>, file: &str, title: &str, body: &str) -> ImproveLinks {
    let url = repository_url(github);
    let in_repository = if github.folder.is_empty() {
        file.to_string()
    } else {
        format!("{}/{file}", github.folder)
    };
    ImproveLinks {
        edit_url: format!("{url}/edit/{}/{}", path(github.branch), path(&in_repository)),
        issue_url: format!(
            "{url}/issues/new?title={}&body={}",
            component(title),
            component(body)
        ),
    }
}

/// `template` with each `{name}` of `values` replaced, in one pass, so a
/// value that itself holds `{url}` (a case title may) is left as written.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value, close))
        });
        match known {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GITHUB: GitHub<'static> = GitHub {
        repository: "nordic-welfare/good-examples",
        branch: "feature/å b",
        folder: "data/examples catalogue",
    };

    #[test]
    fn the_repository_pages_keep_the_branch_slash_and_encode_the_rest() {
        let view = view(&GITHUB);
        assert_eq!(view.url, "https://github.com/nordic-welfare/good-examples");
        assert_eq!(
            view.new_file,
            "https://github.com/nordic-welfare/good-examples/new/feature/%C3%A5%20b"
        );
        assert_eq!(
            view.issues_new,
            "https://github.com/nordic-welfare/good-examples/issues/new"
        );
        assert_eq!(view.folder, "data/examples catalogue");
    }

    #[test]
    fn a_case_is_edited_at_its_file_and_reported_with_a_filled_in_issue() {
        let links = improve(
            &GITHUB,
            "cases/SE/x.md",
            "Problem with se/x: Råd & stöd",
            "Page: https://e.org/?a=1#b\n",
        );
        assert_eq!(
            links.edit_url,
            "https://github.com/nordic-welfare/good-examples/edit/feature/%C3%A5%20b/data/examples%20catalogue/cases/SE/x.md"
        );
        assert_eq!(
            links.issue_url,
            "https://github.com/nordic-welfare/good-examples/issues/new?title=Problem%20with%20se%2Fx%3A%20R%C3%A5d%20%26%20st%C3%B6d&body=Page%3A%20https%3A%2F%2Fe.org%2F%3Fa%3D1%23b%0A"
        );
        let root = GitHub { folder: "", ..GITHUB };
        assert!(
            improve(&root, "cases/SE/x.md", "", "")
                .edit_url
                .ends_with("/edit/feature/%C3%A5%20b/cases/SE/x.md")
        );
    }

    #[test]
    fn placeholders_are_filled_once() {
        assert_eq!(
            fill("{id}: {title} {other}", &[("id", "se/x"), ("title", "{id} {")]),
            "se/x: {id} { {other}"
        );
        assert_eq!(fill("{", &[]), "{");
        assert_eq!(fill("a}{b", &[("b", "c")]), "a}{b");
    }
}
