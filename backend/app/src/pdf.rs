//! PDF documents, laid out by Typst (the `typst` crates: a maintained typesetting engine with
//! tables, justification and font embedding, instead of a hand-written layout) from a template
//! and the document's data. The data reaches the template as JSON (`data.json`), never as
//! markup: whatever a member wrote is printed as text, not interpreted. Fonts are embedded in
//! the binary (Liberation Serif, metric-compatible with the Times New Roman of party documents,
//! SIL OFL; `fonts/COPYRIGHT`), so a PDF looks the same on every machine and its Vietnamese is
//! exact. `party.typ` holds the conventions every party document shares (the heading of the
//! issuing body and "ĐẢNG CỘNG SẢN VIỆT NAM", place and date, title, signatures).

use crate::error::AppError;
use serde::Serialize;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The conventions of party documents, imported by every template (`#import "party.typ": *`).
const PARTY: &str = include_str!("pdf/party.typ");

/// A member's self-review in the customary form (D2).
pub const SELF_REVIEW: &str = include_str!("pdf/self_review.typ");

/// The tally minutes of a branch's secret ballot (guidance 2.2.4).
pub const TALLY_MINUTES: &str = include_str!("pdf/tally_minutes.typ");

/// A committee's report (D1, D4), numbered by its register (issue #16).
pub const PARTY_REPORT: &str = include_str!("pdf/party_report.typ");

/// The letter to the residence party committee (P2).
pub const RESIDENCE_LETTER: &str = include_str!("pdf/residence_letter.typ");

pub const PRINTED: &str = include_str!("pdf/printed.typ");

const FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The standard library and the fonts, read once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn file_id(path: &str) -> FileId {
    FileId::new(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).unwrap_or_else(|_| unreachable!("a constant path")),
    ))
}

/// One document being compiled: the template, the party conventions and the data.
struct Doc {
    main: Source,
    party: Source,
    data: (FileId, Bytes),
}

impl World for Doc {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        [&self.main, &self.party]
            .into_iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or(FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data.0 {
            Ok(self.data.1.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    /// Documents are dated on the event they record (in the data), never on the day printed.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Lays out `template` (one of this module's constants) with `data` and writes the PDF.
pub fn render(template: &str, data: &impl Serialize) -> Result<Vec<u8>, AppError> {
    let json = serde_json::to_vec(data).map_err(|e| AppError::Internal(e.to_string()))?;
    let doc = Doc {
        main: Source::new(file_id("main.typ"), template.to_owned()),
        party: Source::new(file_id("party.typ"), PARTY.to_owned()),
        data: (file_id("data.json"), Bytes::new(json)),
    };
    let paged: PagedDocument = typst::compile(&doc)
        .output
        .map_err(|e| AppError::Internal(format!("pdf layout: {e:?}")))?;
    typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default())
        .map_err(|e| AppError::Internal(format!("pdf: {e:?}")))
}

/// The media type of PDF.
pub const MIME: &str = "application/pdf";
