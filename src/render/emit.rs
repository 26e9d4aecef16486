//! Handing rendered pages to the writer: each page goes to the sink as
//! soon as it is rendered, so that the whole site is never in memory at
//! once, and the paths are kept in site order (the sitemap's source) even
//! when pages are rendered on every core.

use rayon::prelude::*;

use crate::output::{Page, PageSink};

/// Writes pages as they come and remembers their paths in site order.
pub(super) struct Emitter<'s> {
    sink: PageSink<'s>,
    /// The folder of the pages' language (`sv/`, or empty), before every
    /// path.
    folder: &'s str,
    pub(super) paths: Vec<String>,
}

/// What became of one item of an [`Emitter::push_each`].
pub(super) enum Outcome {
    /// No such page (a municipality no case names).
    Nothing,
    /// The pages of one list, in order.
    List(Vec<ListPage>),
}

/// One page of a list: rendered, or not selected and left as it is.
pub(super) enum ListPage {
    Rendered(Page),
    Kept(String),
}

impl<'s> Emitter<'s> {
    pub(super) fn new(sink: PageSink<'s>, folder: &'s str) -> Emitter<'s> {
        Emitter {
            sink,
            folder,
            paths: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, page: Page) -> anyhow::Result<()> {
        self.paths.push(write_in(self.sink, self.folder, page)?);
        Ok(())
    }

    /// A page of the site left as it is (not selected for rendering).
    pub(super) fn skip(&mut self, path: String) {
        self.paths.push(in_folder(self.folder, path));
    }

    /// The pages of one list, in order.
    pub(super) fn push_list(&mut self, list: Vec<ListPage>) -> anyhow::Result<()> {
        for page in list {
            match page {
                ListPage::Rendered(page) => self.push(page)?,
                ListPage::Kept(path) => self.skip(path),
            }
        }
        Ok(())
    }

    /// Render and write one page per item on every core; the paths are kept
    /// in item order, so the sitemap does not depend on the threads.
    pub(super) fn push_each<T: Sync>(
        &mut self,
        items: &[T],
        render: impl Fn(&T) -> anyhow::Result<Outcome> + Sync,
    ) -> anyhow::Result<()> {
        let (sink, folder) = (self.sink, self.folder);
        let paths: Vec<anyhow::Result<Vec<String>>> = items
            .par_iter()
            .map(|item| match render(item)? {
                Outcome::Nothing => Ok(Vec::new()),
                Outcome::List(pages) => pages
                    .into_iter()
                    .map(|page| match page {
                        ListPage::Rendered(page) => write_in(sink, folder, page),
                        ListPage::Kept(path) => Ok(in_folder(folder, path)),
                    })
                    .collect(),
            })
            .collect();
        for path in paths {
            self.paths.extend(path?);
        }
        Ok(())
    }
}

/// A page's path in the folder of its language (`sv/`, or none).
pub(super) fn in_folder(folder: &str, mut path: String) -> String {
    path.insert_str(0, folder);
    path
}

/// Write a page in the folder of its language; returns its path there.
pub(super) fn write_in(sink: PageSink<'_>, folder: &str, mut page: Page) -> anyhow::Result<String> {
    page.path = in_folder(folder, page.path);
    sink(&page)?;
    Ok(page.path)
}
