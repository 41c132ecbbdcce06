//! A document as a list of blocks, printed alike as DOCX (to edit) and as PDF (to print and
//! file, through `pdf/printed.typ`): one description of each form instead of one per format.

use crate::docx::{self, bold, centered, field, heading, italic_centered, signatures, text};
use crate::error::AppError;
use docx_rs::{Docx, Table, TableCell, TableRow};
use serde::Serialize;

/// A printed table: the same rows to XLSX and DOCX.
pub enum Cell {
    Text(String),
    Number(f64),
}

pub struct Grid {
    pub title: String,
    pub subtitle: String,
    pub headers: Vec<&'static str>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
}

impl Cell {
    /// As printed: whole numbers without decimals, others with a decimal comma.
    pub fn printed(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Cell::Number(n) => format!("{n}").replace('.', ","),
        }
    }
}

/// The table as DOCX: the header row bold.
pub fn grid_table(g: &Grid) -> Table {
    let cell = |s: &str, strong: bool| {
        TableCell::new().add_paragraph(if strong { bold(s) } else { text(s) })
    };
    let mut rows = vec![TableRow::new(
        g.headers.iter().map(|h| cell(h, true)).collect(),
    )];
    for r in &g.rows {
        rows.push(TableRow::new(
            r.iter()
                .map(|v| match v {
                    Cell::Text(s) => cell(s, false),
                    Cell::Number(n) => cell(&n.to_string(), false),
                })
                .collect(),
        ));
    }
    Table::new(rows)
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// The form's name, small, italic and centred ("Mẫu 03 (Hướng dẫn 43-HD/BTCTW)").
    Note {
        text: String,
    },
    /// The superior and the issuing body beside "ĐẢNG CỘNG SẢN VIỆT NAM", place and date.
    Heading {
        superior: String,
        issuer: String,
        place_date: String,
    },
    /// Bold and centred.
    Title {
        text: String,
    },
    /// Centred; empty: a blank line.
    Centered {
        text: String,
    },
    /// A section's title, bold.
    Section {
        text: String,
    },
    Text {
        text: String,
    },
    /// What a person wrote, one paragraph a line (dots when empty).
    Body {
        text: String,
    },
    Field {
        label: String,
        value: String,
    },
    Table {
        headers: Vec<&'static str>,
        /// Relative widths, or none.
        widths: Vec<f64>,
        rows: Vec<Vec<String>>,
    },
    Signatures {
        left_title: String,
        left_name: String,
        right_title: String,
        right_name: String,
    },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Printed {
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

impl Printed {
    pub fn new() -> Printed {
        Printed::default()
    }

    pub fn push(mut self, b: Block) -> Printed {
        self.blocks.push(b);
        self
    }

    pub fn note(self, t: impl Into<String>) -> Printed {
        self.push(Block::Note { text: t.into() })
    }

    pub fn heading(
        self,
        superior: impl Into<String>,
        issuer: impl Into<String>,
        place_date: impl Into<String>,
    ) -> Printed {
        self.push(Block::Heading {
            superior: superior.into(),
            issuer: issuer.into(),
            place_date: place_date.into(),
        })
    }

    pub fn title(self, t: impl Into<String>) -> Printed {
        self.push(Block::Title { text: t.into() })
    }

    pub fn centered(self, t: impl Into<String>) -> Printed {
        self.push(Block::Centered { text: t.into() })
    }

    pub fn blank(self) -> Printed {
        self.centered("")
    }

    pub fn section(self, t: impl Into<String>) -> Printed {
        self.push(Block::Section { text: t.into() })
    }

    pub fn text(self, t: impl Into<String>) -> Printed {
        self.push(Block::Text { text: t.into() })
    }

    pub fn body(self, t: impl Into<String>) -> Printed {
        self.push(Block::Body { text: t.into() })
    }

    pub fn field(self, label: impl Into<String>, value: impl Into<String>) -> Printed {
        self.push(Block::Field {
            label: label.into(),
            value: value.into(),
        })
    }

    pub fn fields(self, list: Vec<(String, String)>) -> Printed {
        list.into_iter().fold(self, |d, (l, v)| d.field(l, v))
    }

    pub fn table(self, headers: &[&'static str], rows: Vec<Vec<String>>) -> Printed {
        self.push(Block::Table {
            headers: headers.to_vec(),
            widths: Vec::new(),
            rows,
        })
    }

    pub fn signatures(
        self,
        left_title: impl Into<String>,
        left_name: impl Into<String>,
        right_title: impl Into<String>,
        right_name: impl Into<String>,
    ) -> Printed {
        self.push(Block::Signatures {
            left_title: left_title.into(),
            left_name: left_name.into(),
            right_title: right_title.into(),
            right_name: right_name.into(),
        })
    }

    /// As DOCX (A4, the customary fonts of `crate::docx`).
    pub fn docx(&self) -> Result<Vec<u8>, AppError> {
        let mut doc = Docx::new();
        for b in &self.blocks {
            doc = match b {
                Block::Note { text } => doc.add_paragraph(italic_centered(text)),
                Block::Heading {
                    superior,
                    issuer,
                    place_date,
                } => doc.add_table(heading(superior, issuer, place_date)),
                Block::Title { text } => doc.add_paragraph(centered(text, true)),
                Block::Centered { text } => doc.add_paragraph(centered(text, false)),
                Block::Section { text } => doc.add_paragraph(bold(text)),
                Block::Text { text: t } => doc.add_paragraph(text(t)),
                Block::Body { text } => docx::body(text)
                    .into_iter()
                    .fold(doc, |d, p| d.add_paragraph(p)),
                Block::Field { label, value } => doc.add_paragraph(field(label, value)),
                Block::Table {
                    headers,
                    widths,
                    rows,
                } => doc.add_table(grid_table(&Grid {
                    title: String::new(),
                    subtitle: String::new(),
                    headers: headers.clone(),
                    widths: widths.clone(),
                    rows: rows
                        .iter()
                        .map(|r| r.iter().map(|c| Cell::Text(c.clone())).collect())
                        .collect(),
                })),
                Block::Signatures {
                    left_title,
                    left_name,
                    right_title,
                    right_name,
                } => doc.add_table(signatures(left_title, left_name, right_title, right_name)),
            };
        }
        docx::pack(doc)
    }

    /// As PDF (Typst, `pdf/printed.typ`).
    pub fn pdf(&self) -> Result<Vec<u8>, AppError> {
        crate::pdf::render(crate::pdf::PRINTED, self)
    }

    /// PDF or DOCX.
    pub fn render(&self, pdf: bool) -> Result<Vec<u8>, AppError> {
        if pdf { self.pdf() } else { self.docx() }
    }
}
