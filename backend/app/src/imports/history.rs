//! Import past years' classification results in bulk (W1 streaks need five years): one row
//! per member and year, by card number, all or nothing, with a dry run.

use crate::actor::Actor;
use crate::error::AppError;
use crate::import::{ImportReport, RowError};
use crate::tx::{Claim, claimed_tx};
use kiemdiem_domain::vietnamese::search_key;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::members::{self, Upsert};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const CHUNK: usize = 500;
const MAX_ERRORS: usize = 1000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Card,
    Year,
    Level,
    Organization,
}

const COLUMNS: [(Col, &str, &str); 4] = [
    (Col::Card, "card_number", "Số thẻ đảng viên"),
    (Col::Year, "year", "Năm"),
    (Col::Level, "level", "Xếp loại"),
    (Col::Organization, "organization_name", "Tổ chức"),
];

fn column_of(h: &str) -> Option<Col> {
    let key = search_key(h.trim_start_matches('\u{feff}')).replace(' ', "_");
    COLUMNS
        .iter()
        .find(|(_, en, vi)| key == *en || key == search_key(vi).replace(' ', "_"))
        .map(|(c, ..)| *c)
}

fn header(c: Col) -> String {
    COLUMNS
        .iter()
        .find(|(x, ..)| *x == c)
        .map_or("", |(_, _, vi)| vi)
        .to_owned()
}

/// The four levels of M1, in words, abbreviations or identifiers.
pub fn parse_level(v: &str) -> Result<&'static str, String> {
    let key = search_key(v).replace(' ', "_");
    let levels: [(&str, &[&str]); 4] = [
        (
            "excellent",
            &["hoan_thanh_xuat_sac_nhiem_vu", "htxsnv", "xuat_sac"],
        ),
        ("good", &["hoan_thanh_tot_nhiem_vu", "httnv", "tot"]),
        ("completed", &["hoan_thanh_nhiem_vu", "htnv"]),
        ("not_completed", &["khong_hoan_thanh_nhiem_vu", "khtnv"]),
    ];
    levels
        .iter()
        .find(|(id, words)| key == *id || words.contains(&key.as_str()))
        .map(|(id, _)| *id)
        .ok_or_else(|| format!("'{v}' không phải mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV)"))
}

struct Row {
    row: u64,
    card: String,
    year: i32,
    level: &'static str,
    organization: Option<String>,
}

fn push(report: &mut ImportReport, row: u64, column: Option<Col>, message: impl Into<String>) {
    if report.errors.len() < MAX_ERRORS {
        report.errors.push(RowError {
            row,
            column: column.map(header),
            message: message.into(),
        });
    } else {
        report.errors_truncated = true;
    }
}

/// Imports the file (see the module's doc).
pub fn run(
    conn: &mut AnyConnection,
    path: &Path,
    p: &Actor,
    dry_run: bool,
    claim: Option<&std::sync::Arc<Claim>>,
) -> Result<ImportReport, AppError> {
    let bad = |m: String| AppError::bad_request("unreadable_file", m);
    let mut report = ImportReport {
        dry_run,
        ..Default::default()
    };
    let mut rows = crate::import::open(path).map_err(bad)?;
    // A title block above the header (an official form's) is skipped, as the members import.
    let (header_row, head) = crate::import::find_header(
        &mut rows,
        |h| column_of(h).is_some(),
        2,
        "Số thẻ đảng viên, Năm, Xếp loại",
    )
    .map_err(bad)?;
    let columns: Vec<Option<Col>> = head.iter().map(|h| column_of(h)).collect();
    for c in [Col::Card, Col::Year, Col::Level] {
        if !columns.contains(&Some(c)) {
            push(&mut report, header_row, Some(c), "Thiếu cột bắt buộc");
        }
    }
    if !report.errors.is_empty() {
        // As the member import: a dry run reports, a real import fails.
        return if dry_run {
            Ok(report)
        } else {
            Err(AppError::ImportFailed(Box::new(report)))
        };
    }
    let this_year = chrono::Datelike::year(&crate::today());
    let mut parsed = Vec::new();
    let mut seen = HashSet::new();
    for (i, cells) in rows.enumerate() {
        let row = header_row + i as u64 + 1;
        let cells = cells.map_err(bad)?;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        let cell = |c: Col| {
            columns
                .iter()
                .position(|x| *x == Some(c))
                .and_then(|i| cells.get(i))
                .map_or("", |s| s.trim())
        };
        let card = cell(Col::Card).to_owned();
        if card.is_empty() {
            push(&mut report, row, Some(Col::Card), "Cần số thẻ đảng viên");
        }
        let year = match cell(Col::Year).parse::<i32>() {
            Ok(y) if (1990..this_year).contains(&y) => Some(y),
            _ => {
                push(
                    &mut report,
                    row,
                    Some(Col::Year),
                    format!("Năm phải từ 1990 đến {}", this_year - 1),
                );
                None
            }
        };
        let level = match parse_level(cell(Col::Level)) {
            Ok(l) => Some(l),
            Err(m) => {
                push(&mut report, row, Some(Col::Level), m);
                None
            }
        };
        if let (false, Some(year), Some(level)) = (card.is_empty(), year, level) {
            if !seen.insert((card.clone(), year)) {
                push(
                    &mut report,
                    row,
                    Some(Col::Year),
                    format!("Số thẻ {card} có hai dòng cho năm {year}"),
                );
                continue;
            }
            let organization = Some(cell(Col::Organization).to_owned()).filter(|s| !s.is_empty());
            parsed.push(Row {
                row,
                card,
                year,
                level,
                organization,
            });
        }
    }
    // With invalid rows already found, pass 2 still looks every card up (so that every
    // error is listed) but writes nothing.
    let write = !dry_run && report.errors.is_empty();
    let outcome = claimed_tx(conn, claim, |conn| {
        for chunk in parsed.chunks(CHUNK) {
            let cards: Vec<String> = chunk.iter().map(|r| r.card.clone()).collect();
            let found: HashMap<String, members::Member> = members::by_card_numbers(conn, &cards)?
                .into_iter()
                .filter_map(|m| m.card_number.clone().map(|c| (c, m)))
                .collect();
            let ids: Vec<i64> = found.values().map(|m| m.id).collect();
            let paths: HashMap<i64, String> =
                members::branch_paths(conn, &ids)?.into_iter().collect();
            let names: HashMap<i64, String> = kiemdiem_store::organizations::by_ids(
                conn,
                &found.values().map(|m| m.branch_id).collect::<Vec<_>>(),
            )?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
            for r in chunk {
                // Unknown and out of scope read the same: nothing outside the scope is revealed.
                let Some(m) = found.get(&r.card).filter(|m| {
                    paths
                        .get(&m.id)
                        .is_some_and(|path| p.access.can_import_members(path))
                }) else {
                    push(
                        &mut report,
                        r.row,
                        Some(Col::Card),
                        format!(
                            "Không có đảng viên số thẻ {} trong phạm vi được nhập",
                            r.card
                        ),
                    );
                    continue;
                };
                // W1 (issue #13): a year the system holds results for is never imported.
                let path = paths.get(&m.id).map(String::as_str).unwrap_or_default();
                if let Some(first) = members::first_system_year(conn, m.id, path)?
                    && r.year >= first
                {
                    push(
                        &mut report,
                        r.row,
                        Some(Col::Year),
                        format!(
                            "W1: từ năm {first} kết quả của số thẻ {} do hệ thống xếp loại, không nhập",
                            r.card
                        ),
                    );
                    continue;
                }
                let org = r
                    .organization
                    .clone()
                    .or_else(|| names.get(&m.branch_id).cloned())
                    .unwrap_or_default();
                // In the rolled-back transaction of a dry run, writing is how we count.
                match members::upsert_history(conn, m.id, r.year, r.level, &org, "imported")? {
                    Upsert::Created => report.created += 1,
                    Upsert::Updated => report.updated += 1,
                    Upsert::Unchanged => report.unchanged += 1,
                }
            }
        }
        if !write || !report.errors.is_empty() {
            return Err(crate::import::roll_back());
        }
        p.audit("import_history", "member").after(&serde_json::json!({ "rows": report.rows, "created": report.created, "updated": report.updated }),).record(conn)?;
        Ok(())
    });
    crate::import::finish(outcome, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_words_abbreviations_or_identifiers() {
        assert_eq!(parse_level("Hoàn thành xuất sắc nhiệm vụ"), Ok("excellent"));
        assert_eq!(parse_level("HTTNV"), Ok("good"));
        assert_eq!(parse_level("hoàn thành nhiệm vụ"), Ok("completed"));
        assert_eq!(parse_level("not_completed"), Ok("not_completed"));
        assert!(parse_level("Khá").is_err());
    }
}
