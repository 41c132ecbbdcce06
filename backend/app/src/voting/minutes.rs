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

pub fn lines(s: &VotingSession) -> Vec<Line> {
    let results: Vec<(i64, String, Option<String>, Vec<String>)> = if s.results.is_empty() {
        s.outcome
            .as_ref()
            .map(|o| {
                o.results
                    .iter()
                    .map(|r| {
                        (
                            r.id.parse().unwrap_or_default(),
                            r.status.clone(),
                            r.level.clone(),
                            r.reasons.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        s.results
            .iter()
            .map(|r| {
                (
                    r.member_id,
                    r.status.clone(),
                    r.level.clone(),
                    r.reasons.clone(),
                )
            })
            .collect()
    };
    s.roll
        .iter()
        .filter(|m| m.subject)
        .map(|m| {
            let found = results.iter().find(|r| r.0 == m.member_id);
            let v = &m.input.votes;
            Line {
                name: m.full_name.clone(),
                votes: [v.excellent, v.good, v.completed, v.not_completed],
                result: found
                    .map(|r| status_label(&r.1, r.2.as_deref()))
                    .unwrap_or_default(),
                reasons: found.map(|r| r.3.join(", ")).unwrap_or_default(),
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
    "Căn cứ (quy định)",
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

/// The minutes of a session whose counts are known, as XLSX (`xlsx`) or DOCX, with the file's
/// name.
pub fn minutes(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    xlsx: bool,
) -> Result<(Vec<u8>, String), AppError> {
    let ctx = managed(conn, p, sid)?;
    let s = detail(conn, p, &ctx)?;
    if s.outcome.is_none() {
        return Err(AppError::conflict(
            "voting_open",
            "Còn đang bỏ phiếu điện tử; chưa có số liệu kiểm phiếu",
        ));
    }
    let year = ctx.cycle.year;
    let title = format!("BIÊN BẢN KIỂM PHIẾU XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM {year}");
    let stem = format!("bien-ban-kiem-phieu-{}-{year}", ctx.branch.code);
    let rows = lines(&s);
    if xlsx {
        let mut table: Vec<Vec<String>> = facts(&s).into_iter().map(|(k, v)| vec![k, v]).collect();
        table.insert(0, vec!["Chi bộ".into(), ctx.branch.name.clone()]);
        table.push(vec![]);
        table.push(HEADERS.iter().map(|h| (*h).to_owned()).collect());
        for (i, l) in rows.iter().enumerate() {
            let mut row = vec![(i + 1).to_string(), l.name.clone()];
            row.extend(l.votes.iter().map(|v| v.to_string()));
            row.push(l.result.clone());
            row.push(l.reasons.clone());
            table.push(row);
        }
        let bytes = crate::spreadsheet::xlsx_bytes(&title, &table)?;
        return Ok((bytes, format!("{stem}.xlsx")));
    }
    let (base, branch) = branch_and_base(conn, &ctx.branch.path)?;
    let mut doc = Docx::new()
        .add_table(heading(
            &base,
            &branch,
            &place_date(conn, &ctx.branch.path, ctx.session.held_on)?,
        ))
        .add_paragraph(centered("", false))
        .add_paragraph(centered(&title, true))
        .add_paragraph(text(&format!(
            "Hôm nay, ngày {}, {} tiến hành bỏ phiếu kín xếp loại chất lượng đảng viên. Kết quả kiểm phiếu như sau:",
            ctx.session.held_on.format("%d/%m/%Y"),
            ctx.branch.name
        )));
    for (k, v) in facts(&s) {
        doc = doc.add_paragraph(field(&k, &v));
    }
    let mut table_rows = vec![TableRow::new(
        HEADERS.iter().map(|h| cell(h, true)).collect(),
    )];
    for (i, l) in rows.iter().enumerate() {
        let mut cells = vec![cell(&(i + 1).to_string(), false), cell(&l.name, false)];
        cells.extend(l.votes.iter().map(|v| cell(&v.to_string(), false)));
        cells.push(cell(&l.result, false));
        cells.push(cell(&l.reasons, false));
        table_rows.push(TableRow::new(cells));
    }
    doc = doc
        .add_paragraph(centered("", false))
        .add_table(Table::new(table_rows))
        .add_paragraph(centered("", false))
        .add_paragraph(text(
            "Biên bản lập xong, đã đọc lại cho chi bộ nghe và thông qua.",
        ))
        .add_table(signatures("T/M BAN KIỂM PHIẾU", "", "T/M CHI BỘ", ""));
    Ok((docx::pack(doc)?, format!("{stem}.docx")))
}
