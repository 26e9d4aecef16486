//! The Atom feed (`feed.xml`): the most recently reviewed cases, rendered
//! with the theme's `feed.xml` template.

use crate::model::{Case, Catalogue};
use crate::output::Page;
use crate::render::theme::render_page;
use crate::render::urls;
use crate::render::view::FeedEntry;
use crate::render::{Rendered, Theme};

/// The feed carries the most recently reviewed cases only: readers poll it,
/// and with every case in it a catalogue of 10,000 cases made a 4 MB feed.
const FEED_ENTRIES: usize = 50;

/// The feed of `catalogue`, its pages in `language`.
pub fn feed(
    catalogue: &Catalogue,
    language: &str,
    theme: &Theme,
    rendered: &Rendered,
) -> anyhow::Result<Page> {
    let links = &rendered.links;
    let by_review = most_recently_reviewed(&catalogue.cases, FEED_ENTRIES);
    let entries: Vec<FeedEntry> = by_review
        .iter()
        .map(|case| FeedEntry {
            url: links.absolute(&urls::case(case, language)),
            title: case.title.clone(),
            summary: case.summary.clone(),
            updated: format!("{}T00:00:00Z", case.reviewed),
        })
        .collect();
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone());
    let feed = serde_json::json!({
        "entries": entries,
        "updated": updated,
        "id": links.absolute(&urls::home(language)),
    });
    render_page(theme, &rendered.shared, "feed.xml", &feed, &urls::feed())
}

/// The `count` cases reviewed last, the latest first and by id on a tie.
/// Only the cases reviewed on or after the `count`-th latest date are
/// sorted: `serve` makes the feed again after every edit, and sorting all
/// of them by an id made for each was most of that.
fn most_recently_reviewed(cases: &[Case], count: usize) -> Vec<&Case> {
    let mut dates: Vec<_> = cases.iter().map(|case| case.reviewed).collect();
    let Some(nth) = count.checked_sub(1).filter(|&nth| nth < dates.len()) else {
        return sorted_by_review(cases.iter().collect(), count);
    };
    let (_, &mut threshold, _) = dates.select_nth_unstable_by(nth, |a, b| b.cmp(a));
    sorted_by_review(
        cases.iter().filter(|case| case.reviewed >= threshold).collect(),
        count,
    )
}

fn sorted_by_review(mut cases: Vec<&Case>, count: usize) -> Vec<&Case> {
    cases.sort_by_cached_key(|case| (std::cmp::Reverse(case.reviewed), case.id()));
    cases.truncate(count);
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_reviews_are_those_of_a_sort_of_every_case() {
        // Many cases on a few dates: ties at the cut are broken by id.
        let cases: Vec<Case> = (0..40)
            .map(|n| {
                let mut case = crate::model::tests::case("en", None);
                case.slug = format!("case-{}", (n * 7) % 40);
                case.reviewed = jiff::civil::date(2026, 1 + (n % 3) as i8, 1);
                case
            })
            .collect();
        for count in [0, 1, 5, 13, 14, 39, 40, 41] {
            let mut everything: Vec<&Case> = cases.iter().collect();
            everything.sort_by_key(|case| (std::cmp::Reverse(case.reviewed), case.id()));
            everything.truncate(count);
            let ids = |list: &[&Case]| list.iter().map(|case| case.id()).collect::<Vec<_>>();
            assert_eq!(
                ids(&most_recently_reviewed(&cases, count)),
                ids(&everything),
                "{count}"
            );
        }
    }
}
