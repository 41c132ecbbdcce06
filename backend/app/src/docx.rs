//! Documents as people print them (DOCX): the customary party-form layout, with the national
//! heading, Times New Roman, and Vietnamese text intact.

use crate::error::AppError;
use docx_rs::{AlignmentType, Docx, Paragraph, Run, RunFonts, Table, TableCell, TableRow};

const FONT: &str = "Times New Roman";

fn run(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .size(28)
}

pub fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(run(t)).align(AlignmentType::Both)
}

pub fn bold(t: &str) -> Paragraph {
    Paragraph::new().add_run(run(t).bold())
}

pub fn centered(t: &str, strong: bool) -> Paragraph {
    let r = if strong { run(t).bold() } else { run(t) };
    Paragraph::new().add_run(r).align(AlignmentType::Center)
}

pub fn italic_centered(t: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(t).italic())
        .align(AlignmentType::Center)
}

/// A labelled line: "Label: value".
pub fn field(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(&format!("{label}: ")))
        .add_run(run(value))
}

/// Multi-line text, one paragraph a line (blank lines kept as spacing).
pub fn body(t: &str) -> Vec<Paragraph> {
    if t.trim().is_empty() {
        return vec![text("……………………………………………………………")];
    }
    t.lines().map(text).collect()
}

/// The heading: the issuing organisations on the left, the Party's name and the place and
/// date on the right.
pub fn heading(left_top: &str, left: &str, place_date: &str) -> Table {
    let cell = |ps: Vec<Paragraph>| {
        ps.into_iter()
            .fold(TableCell::new(), |c, p| c.add_paragraph(p))
    };
    Table::without_borders(vec![TableRow::new(vec![
        cell(vec![
            centered(left_top, false),
            centered(left, true),
            centered("*", false),
        ]),
        cell(vec![
            Paragraph::new()
                .add_run(run("ĐẢNG CỘNG SẢN VIỆT NAM").bold().underline("single"))
                .align(AlignmentType::Center),
            italic_centered(place_date),
        ]),
    ])])
}

/// Two signature blocks side by side.
pub fn signatures(left_title: &str, left_name: &str, right_title: &str, right_name: &str) -> Table {
    let block = |title: &str, name: &str| {
        TableCell::new()
            .add_paragraph(centered(title, true))
            .add_paragraph(italic_centered("(Ký, ghi rõ họ tên)"))
            .add_paragraph(centered("", false))
            .add_paragraph(centered("", false))
            .add_paragraph(centered(name, true))
    };
    Table::without_borders(vec![TableRow::new(vec![
        block(left_title, left_name),
        block(right_title, right_name),
    ])])
}

pub fn pack(doc: Docx) -> Result<Vec<u8>, AppError> {
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| AppError::Internal(format!("docx: {e}")))?;
    Ok(buf.into_inner())
}

pub const MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
