//! The PDF: typst 0.15 as a library, with an in-memory world that holds
//! exactly two files (the embedded template and the document as JSON),
//! only the fonts bundled with typst, and a fixed date.
//!
//! The template reads `/data/appendix.json` with `json(...)` and lays out
//! every value with functions: contributor text is data, never parsed as
//! typst markup or code.

use std::sync::LazyLock;

use anyhow::Context as _;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::document::Document;

/// The template, embedded in the binary.
pub const TEMPLATE: &str = include_str!("appendix.typ");

const MAIN_PATH: &str = "/appendix.typ";
const DATA_PATH: &str = "/data/appendix.json";

/// typst's bundled fonts (Libertinus Serif, New Computer Modern, DejaVu
/// Sans Mono), parsed once. No system font is ever looked at, so the output
/// is the same on every machine.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The standard library with typst's `a11y-extras`, for `pdf.header-cell`:
/// the row headers of the facts and summary tables.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    LazyHash::new(
        Library::builder()
            .with_features([typst::Feature::A11yExtras].into_iter().collect())
            .build(),
    )
});

fn file_id(path: &str) -> FileId {
    // Both paths are constants that are valid virtual paths.
    let path = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("{path} is a valid virtual path"));
    FileId::new(RootedPath::new(VirtualRoot::Project, path))
}

struct AppendixWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for AppendixWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// The catalogue's date, not the clock's.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let mut text = diagnostic.message.to_string();
            for hint in &diagnostic.hints {
                text.push_str(&format!(" (hint: {})", hint.v));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A written PDF, and why it is not PDF/UA-1 when it is not.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub not_ua: Option<String>,
}

/// How many of typst's reasons a PDF is not PDF/UA-1 are named (one per
/// character a font lacks can be thousands).
const MAX_REASONS: usize = 3;

/// Lay out the document and export it as a tagged PDF: PDF/UA-1 where
/// the content allows (typst checks what it can of it: a title, languages,
/// alternative texts, heading levels without gaps, every character in a
/// font) and else a tagged PDF without the claim, with the reason, so that
/// a character no font has never stops the appendix.
pub fn render(document: &Document<'_>) -> anyhow::Result<Pdf> {
    let data = serde_json::to_vec(document).context("could not serialise the appendix data")?;
    let today = document
        .date
        .and_then(|date| Datetime::from_ymd(i32::from(date.year), date.month as u8, date.day as u8));
    let world = AppendixWorld {
        main: Source::new(file_id(MAIN_PATH), TEMPLATE.to_string()),
        data_id: file_id(DATA_PATH),
        data: Bytes::new(data),
        today,
    };
    let paged = compile(&world)
        .map_err(|errors| anyhow::anyhow!("the PDF could not be laid out: {}", describe(&errors)))?;
    drop(world);
    // typst's memoised layouts outlive the compilation: the export needs
    // only the finished pages, so their memory goes to the export instead.
    typst::comemo::evict(0);
    let options = |standards| typst_pdf::PdfOptions {
        // A stable identifier: the same catalogue gives the same bytes.
        ident: Smart::Custom(format!("nordic-good-examples-appendix/{}", document.lang)),
        creator: Smart::Custom(Some(format!("catalogue {}", env!("CARGO_PKG_VERSION")))),
        tagged: true,
        standards,
        ..Default::default()
    };
    let ua = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
        .map_err(|error| anyhow::anyhow!("PDF/UA-1 is not available: {}", error.message()))?;
    match typst_pdf::pdf(&paged, &options(ua)) {
        Ok(bytes) => Ok(Pdf {
            bytes: open_with_bookmarks(bytes),
            not_ua: None,
        }),
        Err(errors) => {
            let mut reason = describe(&errors[..errors.len().min(MAX_REASONS)]);
            if errors.len() > MAX_REASONS {
                reason.push_str(&format!("; and {} more", errors.len() - MAX_REASONS));
            }
            let bytes = typst_pdf::pdf(&paged, &options(typst_pdf::PdfStandards::default()))
                .map_err(|errors| anyhow::anyhow!("the PDF could not be written: {}", describe(&errors)))?;
            Ok(Pdf {
                bytes: open_with_bookmarks(bytes),
                not_ua: Some(reason),
            })
        }
    }
}

/// The PDF as typst writes it, with `/PageMode /UseOutlines` added to its
/// catalog, so that a reader opens it with the bookmarks panel showing the
/// countries, categories and cases. typst has no option for it.
///
/// typst (through krilla and pdf-writer) writes the catalog as the last
/// object, directly before the cross-reference table: the two names go
/// inside it, no object moves, and only the table's offset after
/// `startxref` grows by their length. A PDF not laid out so is returned
/// unchanged.
fn open_with_bookmarks(pdf: Vec<u8>) -> Vec<u8> {
    const CATALOG: &[u8] = b"<</Type/Catalog";
    const PAGE_MODE: &[u8] = b"/PageMode/UseOutlines";
    const STARTXREF: &[u8] = b"startxref\n";
    let find_last = |needle: &[u8]| pdf.windows(needle.len()).rposition(|window| window == needle);
    let (Some(catalog), Some(startxref)) = (find_last(CATALOG), find_last(STARTXREF)) else {
        return pdf;
    };
    let digits_start = startxref + STARTXREF.len();
    let digits_end = pdf[digits_start..]
        .iter()
        .position(|byte| !byte.is_ascii_digit())
        .map_or(pdf.len(), |length| digits_start + length);
    let Some(xref) = std::str::from_utf8(&pdf[digits_start..digits_end])
        .ok()
        .and_then(|digits| digits.parse::<usize>().ok())
    else {
        return pdf;
    };
    // The catalog must be the last object: after it, only the end of its
    // object and then the table at the recorded offset.
    let last_object_end = catalog
        + pdf[catalog..]
            .windows(6)
            .position(|w| w == b"endobj")
            .unwrap_or(pdf.len());
    let catalog_is_last = pdf.get(xref..xref + 4) == Some(b"xref".as_slice())
        && last_object_end < xref
        && !pdf[catalog..xref].windows(4).any(|w| w == b" obj")
        && !pdf[catalog..last_object_end]
            .windows(PAGE_MODE.len())
            .any(|w| w == PAGE_MODE);
    if !catalog_is_last {
        return pdf;
    }
    let insert_at = catalog + CATALOG.len();
    let mut out = Vec::with_capacity(pdf.len() + PAGE_MODE.len() + 1);
    out.extend_from_slice(&pdf[..insert_at]);
    out.extend_from_slice(PAGE_MODE);
    out.extend_from_slice(&pdf[insert_at..digits_start]);
    out.extend_from_slice((xref + PAGE_MODE.len()).to_string().as_bytes());
    out.extend_from_slice(&pdf[digits_end..]);
    out
}

/// `typst::compile` for a paged document, in less memory: typst lays the
/// document out again until its introspections (page numbers, the running
/// header's country, the contents, links to labels) stop changing, and
/// keeps every earlier layout and every memoised result until the end.
/// Here only the previous layout is kept, and memoised results the last
/// pass did not reuse are dropped before the next. The passes and their
/// results are typst's own, so the PDF is the same to the byte; what is
/// left out is typst's analysis of a layout that never converges, a
/// warning nobody reads here.
fn compile(world: &dyn World) -> typst::diag::SourceResult<PagedDocument> {
    use typst::comemo::{Constraint, Track as _};
    use typst::engine::{Engine, Route, Sink, Traced};
    use typst::foundations::{Output, StyleChain, Target, TargetElem};
    use typst::introspection::{EmptyIntrospector, Introspector, MAX_ITERS};
    use typst::utils::Protected;

    let world = world.track();
    let traced = Traced::default();
    let traced = traced.track();
    let mut sink = Sink::new();
    let library = world.library();
    let base = StyleChain::new(&library.styles);
    let target = TargetElem::target.set(Target::Paged).wrap();
    let styles = base.chain(&target);
    let main = world.source(world.main()).map_err(|error| {
        typst::ecow::eco_vec![SourceDiagnostic::error(
            typst::syntax::Span::detached(),
            typst::ecow::EcoString::from(error)
        )]
    })?;
    let content = typst_eval::eval(
        world,
        library,
        traced,
        sink.track_mut(),
        Route::default().track(),
        &main,
    )?
    .content();
    let mut previous: Option<PagedDocument> = None;
    for iteration in 0..MAX_ITERS {
        let constraint = Constraint::new();
        let mut subsink = Sink::new();
        let document = {
            let empty = EmptyIntrospector;
            let introspector: &dyn Introspector = match &previous {
                Some(document) => Output::introspector(document),
                None => &empty,
            };
            let mut engine = Engine {
                library,
                world,
                introspector: Protected::new(introspector.track_with(&constraint)),
                traced,
                sink: subsink.track_mut(),
                route: Route::default(),
            };
            PagedDocument::create(&mut engine, &content, styles)?
        };
        let stable = constraint.validate(Output::introspector(&document));
        if stable || iteration + 1 == MAX_ITERS {
            sink.extend_from_sink(subsink);
            previous = Some(document);
            break;
        }
        // The layout before the last is of no more use, nor are the
        // memoised results the last pass did not reuse.
        previous = Some(document);
        typst::comemo::evict(1);
    }
    let delayed = sink.delayed();
    if !delayed.is_empty() {
        return Err(delayed);
    }
    // MAX_ITERS is at least one, so there is always a last layout.
    previous.ok_or_else(|| {
        typst::ecow::eco_vec![SourceDiagnostic::error(
            typst::syntax::Span::detached(),
            "no layout"
        )]
    })
}

#[cfg(test)]
mod tests {
    use super::open_with_bookmarks;

    /// A PDF laid out as typst writes one: the catalog last, then the
    /// cross-reference table, whose offset `startxref` records.
    fn pdf(catalog: &str, after_catalog: &str) -> Vec<u8> {
        let mut pdf = String::from("%PDF-1.7\n1 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n");
        pdf.push_str(&format!("2 0 obj\n{catalog}\nendobj\n{after_catalog}"));
        let xref = pdf.len();
        pdf.push_str("xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000056 00000 n \n");
        pdf.push_str(&format!(
            "trailer\n<</Size 3/Root 2 0 R>>\nstartxref\n{xref}\n%%EOF"
        ));
        pdf.into_bytes()
    }

    fn startxref(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        let tail = text.rsplit("startxref\n").next().unwrap();
        tail.lines().next().unwrap().parse().unwrap()
    }

    #[test]
    fn the_catalog_asks_for_the_bookmarks_and_the_table_offset_follows() {
        let before = pdf("<</Type/Catalog/Pages 1 0 R/Outlines 3 0 R>>", "");
        let after = open_with_bookmarks(before.clone());
        assert_eq!(after.len(), before.len() + "/PageMode/UseOutlines".len());
        let text = String::from_utf8_lossy(&after);
        assert!(text.contains("2 0 obj\n<</Type/Catalog/PageMode/UseOutlines/Pages 1 0 R/Outlines 3 0 R>>"));
        assert!(after[startxref(&after)..].starts_with(b"xref\n0 3"));
        // The objects before the catalog did not move.
        assert_eq!(after[..60], before[..60]);
    }

    #[test]
    fn a_pdf_laid_out_otherwise_is_left_as_it_is() {
        // Another object after the catalog.
        let later_object = pdf("<</Type/Catalog/Pages 1 0 R>>", "3 0 obj\n<<>>\nendobj\n");
        assert_eq!(open_with_bookmarks(later_object.clone()), later_object);
        // A page mode already set.
        let set = pdf("<</Type/Catalog/PageMode/UseOutlines/Pages 1 0 R>>", "");
        assert_eq!(open_with_bookmarks(set.clone()), set);
        // No catalog, a wrong offset, no offset at all.
        let no_catalog = pdf("<</Type/Pages>>", "");
        assert_eq!(open_with_bookmarks(no_catalog.clone()), no_catalog);
        let mut wrong = pdf("<</Type/Catalog/Pages 1 0 R>>", "");
        let at = wrong.len() - "%%EOF".len() - 2;
        wrong[at] = b'9';
        assert_eq!(open_with_bookmarks(wrong.clone()), wrong);
        assert_eq!(
            open_with_bookmarks(b"<</Type/Catalog>>".to_vec()),
            b"<</Type/Catalog>>"
        );
    }
}
