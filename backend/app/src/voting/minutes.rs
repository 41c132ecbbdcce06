//! The tally minutes (biên bản kiểm phiếu) of a voting session, as DOCX for signing and as
//! XLSX for the district's tables: the roll's counts, D (M5), each member's votes per level,
//! the result with the rules that shaped it, and the quota (Q1–Q4).

use super::managed;
use super::sessions::{VotingSession, detail};
use crate::documents::{branch_and_base, level_label, place_date};
use crate::docx::{self, centered, field, heading, signatures, text};
use crate::{Actor, AppError};
use docx_rs::{Docx, Paragraph, Table, TableCell, TableRow};
use kiemdiem_store::AnyConnection;
use serde::Serialize;

/// One line per member on the ballot: name, votes per level, result, reasons.
pub struct Line {
    name: String,
    votes: [i64; 4],
    result: String,
    reasons: String,
}

pub fn status_label(status: &str, level: Option<&str>) -> String {
    match status {
        "classified" => level_label(level).to_owned(),
        "pending" => "Chưa xếp loại (xếp ở kỳ sau, M3)".into(),
        "not_classified" => "Không xếp loại".into(),
        _ => "Chưa quyết định (bỏ phiếu lại)".into(),
    }
}

/// The lines of the minutes. A result is said in words (issue #17): the engine's explanation
/// of the session's outcome for that member, when the stored result is the one the outcome
/// gives (else, after a re-classification, the rule ids it carries).
pub fn lines(s: &VotingSession) -> Vec<Line> {
    let outcome: Vec<(i64, &str, Option<&str>, &str)> = s
        .outcome
        .iter()
        .flat_map(|o| &o.results)
        .map(|r| {
            (
                r.id.parse().unwrap_or_default(),
                r.status.as_str(),
                r.level.as_deref(),
                r.explanation.as_str(),
            )
        })
        .collect();
    let stored: Vec<(i64, &str, Option<&str>, String)> = s
        .results
        .iter()
        .map(|r| {
            (
                r.member_id,
                r.status.as_str(),
                r.level.as_deref(),
                r.reasons.join(", "),
            )
        })
        .collect();
    let words = |id: i64, status: &str, level: Option<&str>| {
        outcome
            .iter()
            .find(|o| o.0 == id && o.1 == status && o.2 == level)
            .map(|o| o.3.to_owned())
    };
    s.roll
        .iter()
        .filter(|m| m.subject)
        .map(|m| {
            let v = &m.input.votes;
            let (result, reasons) = if s.results.is_empty() {
                outcome
                    .iter()
                    .find(|o| o.0 == m.member_id)
                    .map(|o| (status_label(o.1, o.2), o.3.to_owned()))
                    .unwrap_or_default()
            } else {
                stored
                    .iter()
                    .find(|r| r.0 == m.member_id)
                    .map(|r| {
                        (
                            status_label(r.1, r.2),
                            words(r.0, r.1, r.2).unwrap_or_else(|| r.3.clone()),
                        )
                    })
                    .unwrap_or_default()
            };
            Line {
                name: m.full_name.clone(),
                votes: [v.excellent, v.good, v.completed, v.not_completed],
                result,
                reasons,
            }
        })
        .collect()
}

pub const HEADERS: [&str; 8] = [
    "STT",
    "Họ và tên",
    "Phiếu HTXSNV",
    "Phiếu HTTNV",
    "Phiếu HTNV",
    "Phiếu KHTNV",
    "Kết quả",
    "Căn cứ xếp loại",
];

pub fn facts(s: &VotingSession) -> Vec<(String, String)> {
    let mut out = vec![
        (
            "Hình thức".to_owned(),
            if s.summary.mode == "electronic" {
                "Bỏ phiếu điện tử".to_owned()
            } else {
                "Phiếu kín, kiểm phiếu giấy".to_owned()
            },
        ),
        ("Đảng viên của chi bộ".into(), s.registered.to_string()),
        (
            "Đảng viên chính thức tính tỷ lệ (D)".into(),
            s.denominator.to_string(),
        ),
        (
            "Đảng viên có quyền biểu quyết có mặt".into(),
            s.voters_present.to_string(),
        ),
    ];
    if let Some(o) = &s.outcome {
        out.push((
            "Tỷ lệ xuất sắc".into(),
            format!(
                "{} / tối đa {} ({}, tính trên {} đảng viên)",
                o.quota.excellent, o.quota.limit, o.quota.basis, o.quota.counted
            ),
        ));
    }
    if s.summary.kind == "supplementary" {
        out.push(("Phiên".into(), "Bổ sung (M3)".into()));
    }
    out
}

pub fn cell(t: &str, strong: bool) -> TableCell {
    TableCell::new().add_paragraph(if strong {
        centered(t, true)
    } else {
        Paragraph::new().add_run(docx_rs::Run::new().add_text(t).size(24))
    })
}

/// The tally minutes as one record, written out as DOCX, XLSX and PDF alike: dated on the
/// meeting (`held_on`), never on the day printed.
#[derive(Debug, Serialize)]
pub struct MinutesDoc {
    base: String,
    branch: String,
    /// The branch's name as written, for prose.
    branch_name: String,
    place_date: String,
    year: i32,
    title: String,
    held_on: String,
    facts: Vec<(String, String)>,
    /// Ballots issued, returned, valid, invalid (guidance 2.2.4), when recorded.
    ballots: Option<[i32; 4]>,
    counting_committee: Vec<String>,
    chaired_by: String,
    recorded_by: String,
    headers: Vec<String>,
    lines: Vec<DocLine>,
    /// What the meeting said about members (D2) and the shortcomings to remedy (M9 end).
    notes: Vec<DocNote>,
    #[serde(skip)]
    stem: String,
}

#[derive(Debug, Serialize)]
struct DocLine {
    name: String,
    votes: [i64; 4],
    result: String,
    reasons: String,
}

#[derive(Debug, Serialize)]
struct DocNote {
    name: String,
    opinions: Option<String>,
    shortcomings: Option<String>,
}

/// The minutes' record of a session whose counts are known.
pub fn minutes_doc(conn: &mut AnyConnection, p: &Actor, sid: i64) -> Result<MinutesDoc, AppError> {
    let ctx = managed(conn, p, sid)?;
    let s = detail(conn, p, &ctx)?;
    if s.outcome.is_none() {
        return Err(AppError::conflict(
            "voting_open",
            "Còn đang bỏ phiếu điện tử; chưa có số liệu kiểm phiếu",
        ));
    }
    let year = ctx.cycle.year;
    let (base, branch) = branch_and_base(conn, &ctx.branch.path)?;
    let (_, branch_name) = crate::documents::names_as_written(conn, &ctx.branch.path)?;
    let m = s.tally_minutes.as_ref().map(|m| &m.input);
    let notes = s
        .roll
        .iter()
        .filter_map(|r| {
            let n = r.note.as_ref()?;
            Some(DocNote {
                name: r.full_name.clone(),
                opinions: n.opinions.clone(),
                shortcomings: n.shortcomings.as_ref().map(|t| {
                    format!(
                        "{t} (hạn khắc phục: {})",
                        n.remedy_by
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_default()
                    )
                }),
            })
        })
        .collect();
    Ok(MinutesDoc {
        place_date: place_date(conn, &ctx.branch.path, ctx.session.held_on)?,
        base,
        branch,
        branch_name,
        year,
        title: format!("BIÊN BẢN KIỂM PHIẾU XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM {year}"),
        held_on: ctx.session.held_on.format("%d/%m/%Y").to_string(),
        facts: facts(&s),
        ballots: m.map(|m| {
            [
                m.ballots_issued,
                m.ballots_returned,
                m.ballots_valid,
                m.ballots_invalid,
            ]
        }),
        counting_committee: m.map(|m| m.counting_committee.clone()).unwrap_or_default(),
        chaired_by: m.map(|m| m.chaired_by.clone()).unwrap_or_default(),
        recorded_by: m.map(|m| m.recorded_by.clone()).unwrap_or_default(),
        headers: HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        lines: lines(&s)
            .into_iter()
            .map(|l| DocLine {
                name: l.name,
                votes: l.votes,
                result: l.result,
                reasons: l.reasons,
            })
            .collect(),
        notes,
        stem: format!("bien-ban-kiem-phieu-{}-{year}", ctx.branch.code),
    })
}

pub const BALLOT_LABELS: [&str; 4] = [
    "Số phiếu phát ra",
    "Số phiếu thu vào",
    "Số phiếu hợp lệ",
    "Số phiếu không hợp lệ",
];

impl MinutesDoc {
    pub fn stem(&self) -> &str {
        &self.stem
    }

    fn opening(&self) -> String {
        format!(
            "Hôm nay, ngày {}, {} tiến hành bỏ phiếu kín xếp loại chất lượng đảng viên. Kết quả kiểm phiếu như sau:",
            self.held_on, self.branch_name
        )
    }

    /// The counts as numbers (the district adds them up), the facts and the ballots first.
    pub fn xlsx(&self) -> Result<Vec<u8>, AppError> {
        use crate::spreadsheet::Cell;
        let mut table: Vec<Vec<Cell>> =
            vec![vec!["Chi bộ".into(), self.branch_name.clone().into()]];
        table.push(vec!["Ngày họp".into(), self.held_on.clone().into()]);
        for (k, v) in &self.facts {
            table.push(vec![k.clone().into(), v.clone().into()]);
        }
        if let Some(b) = self.ballots {
            for (label, n) in BALLOT_LABELS.iter().zip(b) {
                table.push(vec![(*label).into(), i64::from(n).into()]);
            }
        }
        if !self.counting_committee.is_empty() {
            table.push(vec![
                "Ban kiểm phiếu".into(),
                self.counting_committee.join(", ").into(),
            ]);
        }
        table.push(vec![]);
        table.push(self.headers.iter().map(|h| h.clone().into()).collect());
        for (i, l) in self.lines.iter().enumerate() {
            let mut row: Vec<Cell> = vec![(i as i64 + 1).into(), l.name.clone().into()];
            row.extend(l.votes.iter().map(|v| Cell::from(*v)));
            row.push(l.result.clone().into());
            row.push(l.reasons.clone().into());
            table.push(row);
        }
        crate::spreadsheet::xlsx_cells(&self.title, &table)
    }

    pub fn docx(&self) -> Result<Vec<u8>, AppError> {
        let mut doc = Docx::new()
            .add_table(heading(&self.base, &self.branch, &self.place_date))
            .add_paragraph(centered("", false))
            .add_paragraph(centered(&self.title, true))
            .add_paragraph(text(&self.opening()));
        for (k, v) in &self.facts {
            doc = doc.add_paragraph(field(k, v));
        }
        if !self.counting_committee.is_empty() {
            doc = doc.add_paragraph(field("Ban kiểm phiếu", &self.counting_committee.join(", ")));
        }
        if let Some(b) = self.ballots {
            for (label, n) in BALLOT_LABELS.iter().zip(b) {
                doc = doc.add_paragraph(field(label, &n.to_string()));
            }
        }
        let mut table_rows = vec![TableRow::new(
            self.headers.iter().map(|h| cell(h, true)).collect(),
        )];
        for (i, l) in self.lines.iter().enumerate() {
            let mut cells = vec![cell(&(i + 1).to_string(), false), cell(&l.name, false)];
            cells.extend(l.votes.iter().map(|v| cell(&v.to_string(), false)));
            cells.push(cell(&l.result, false));
            cells.push(cell(&l.reasons, false));
            table_rows.push(TableRow::new(cells));
        }
        doc = doc
            .add_paragraph(centered("", false))
            .add_table(Table::new(table_rows))
            .add_paragraph(centered("", false));
        for n in &self.notes {
            if let Some(o) = &n.opinions {
                doc = doc.add_paragraph(field(
                    &format!("Ý kiến của chi bộ về đồng chí {}", n.name),
                    o,
                ));
            }
            if let Some(s) = &n.shortcomings {
                doc = doc.add_paragraph(field(
                    &format!("Hạn chế cần khắc phục của đồng chí {}", n.name),
                    s,
                ));
            }
        }
        doc = doc
            .add_paragraph(text(
                "Biên bản lập xong, đã đọc lại cho chi bộ nghe và thông qua.",
            ))
            .add_table(signatures(
                "T/M BAN KIỂM PHIẾU",
                self.counting_committee.first().map_or("", String::as_str),
                "T/M CHI BỘ",
                &self.chaired_by,
            ));
        docx::pack(doc)
    }

    pub fn pdf(&self) -> Result<Vec<u8>, AppError> {
        crate::pdf::render(crate::pdf::TALLY_MINUTES, self)
    }
}

/// The minutes of a session whose counts are known, as DOCX, XLSX or PDF (`format`), with the
/// file's name.
pub fn minutes(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    format: &str,
) -> Result<(Vec<u8>, String), AppError> {
    let doc = minutes_doc(conn, p, sid)?;
    let stem = doc.stem().to_owned();
    Ok(match format {
        "xlsx" => (doc.xlsx()?, format!("{stem}.xlsx")),
        "pdf" => (doc.pdf()?, format!("{stem}.pdf")),
        _ => (doc.docx()?, format!("{stem}.docx")),
    })
}
