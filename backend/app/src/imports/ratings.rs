//! Import a cycle's professional ratings (M2, M9, M13) from the spreadsheet the personnel
//! office already keeps: one row per member, by card number, all or nothing, with a dry run.

use crate::actor::Actor;
use crate::error::AppError;
use crate::import::{ImportReport, RowError};
use crate::tx::{Claim, claimed_tx};
use kiemdiem_domain::classification::{HONOURS, PROFESSIONAL_LEVELS as LEVELS};
use kiemdiem_domain::vietnamese::search_key;
use kiemdiem_store::professional_ratings::{self as store, RatingData};
use kiemdiem_store::{AnyConnection, members};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const CHUNK: usize = 500;
const MAX_ERRORS: usize = 1000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Col {
    Card,
    Name,
    Level,
    Unit,
    Post,
    Honours,
    Attested,
}

/// Identifier, Vietnamese header. The name column is read only to help people; the card
/// number decides.
pub const COLUMNS: [(Col, &str, &str); 7] = [
    (Col::Card, "card_number", "Số thẻ đảng viên"),
    (Col::Name, "full_name", "Họ và tên"),
    (Col::Level, "level", "Xếp loại CBCCVC"),
    (Col::Unit, "rating_unit", "Đơn vị xếp loại"),
    (Col::Post, "post", "Chức vụ được xếp loại"),
    (Col::Honours, "honours", "Danh hiệu, khen thưởng"),
    (
        Col::Attested,
        "attested_exemplary",
        "Chi bộ xác nhận gương mẫu",
    ),
];

fn key(s: &str) -> String {
    search_key(s.trim_start_matches('\u{feff}'))
        .replace([' ', ','], "_")
        .replace("__", "_")
}

fn column_of(h: &str) -> Option<Col> {
    let k = key(h);
    COLUMNS
        .iter()
        .find(|(_, en, vi)| k == *en || k == key(vi))
        .map(|(c, ..)| *c)
}

fn header(c: Col) -> String {
    COLUMNS
        .iter()
        .find(|(x, ..)| *x == c)
        .map_or("", |(_, _, vi)| vi)
        .to_owned()
}

/// The five professional levels, in words, abbreviations or identifiers.
pub fn parse_level(v: &str) -> Result<&'static str, String> {
    let k = key(v);
    let words: [(&str, &[&str]); 5] = [
        ("excellent", &["hoan_thanh_xuat_sac_nhiem_vu", "htxsnv"]),
        ("good", &["hoan_thanh_tot_nhiem_vu", "httnv"]),
        ("completed", &["hoan_thanh_nhiem_vu", "htnv"]),
        (
            "completed_limited",
            &[
                "hoan_thanh_nhiem_vu_nhung_con_han_che_ve_nang_luc",
                "hoan_thanh_nhiem_vu_nhung_han_che_ve_nang_luc",
                "htnv_han_che",
                "htnv_hcnl",
            ],
        ),
        ("not_completed", &["khong_hoan_thanh_nhiem_vu", "khtnv"]),
    ];
    debug_assert!(words.iter().all(|(id, _)| LEVELS.contains(id)));
    words
        .iter()
        .find(|(id, w)| k == *id || w.contains(&k.as_str()))
        .map(|(id, _)| *id)
        .ok_or_else(|| {
            format!(
                "'{v}' không phải mức xếp loại CBCCVC (HTXSNV, HTTNV, HTNV, HTNV hạn chế, KHTNV)"
            )
        })
}

/// Honours separated by `;` or newlines, in words or identifiers.
fn parse_honours(v: &str) -> Result<Vec<&'static str>, String> {
    let words: [(&str, &[&str]); 4] = [
        (
            "emulation_title",
            &["chien_si_thi_dua_co_so", "chien_si_thi_dua", "cstd"],
        ),
        (
            "ministry_province_commendation",
            &[
                "bang_khen_cap_bo_cap_tinh",
                "bang_khen_cap_bo",
                "bang_khen_cap_tinh",
                "bang_khen",
            ],
        ),
        ("certificate_of_merit", &["giay_khen"]),
        (
            "academic_excellent",
            &[
                "hoc_tap_ren_luyen_loai_gioi",
                "hoc_tap_gioi",
                "sinh_vien_gioi",
            ],
        ),
    ];
    debug_assert!(words.iter().all(|(id, _)| HONOURS.contains(id)));
    let mut out = Vec::new();
    for part in v
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let k = key(part);
        let Some((id, _)) = words
            .iter()
            .find(|(id, w)| k == *id || w.contains(&k.as_str()))
        else {
            return Err(format!(
                "'{part}' không phải danh hiệu (Chiến sĩ thi đua cơ sở; Bằng khen cấp bộ, cấp tỉnh; Giấy khen; Học tập rèn luyện loại giỏi)"
            ));
        };
        out.push(*id);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

fn parse_flag(v: &str) -> Result<bool, String> {
    match key(v).as_str() {
        "" | "khong" | "k" | "0" | "false" | "no" => Ok(false),
        "co" | "x" | "1" | "true" | "yes" => Ok(true),
        _ => Err(format!("'{v}' phải là Có hoặc Không")),
    }
}

struct Row {
    row: u64,
    card: String,
    level: &'static str,
    unit: String,
    post: String,
    honours: String,
    attested: bool,
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

/// Reads and checks every row (pass 1), without the database.
fn parse(path: &Path, report: &mut ImportReport) -> Result<Vec<Row>, AppError> {
    let bad = |m: String| AppError::bad_request("unreadable_file", m);
    let mut rows = crate::import::open(path).map_err(bad)?;
    // A title block above the header (an official form's) is skipped, as the members import.
    let (header_row, head) = crate::import::find_header(
        &mut rows,
        |h| column_of(h).is_some(),
        2,
        "Số thẻ đảng viên, Xếp loại CBCCVC",
    )
    .map_err(bad)?;
    let columns: Vec<Option<Col>> = head.iter().map(|h| column_of(h)).collect();
    report.ignored_columns = head
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
        .map(|(h, _)| h.trim().to_owned())
        .collect();
    for c in [Col::Card, Col::Level, Col::Unit, Col::Post] {
        if !columns.contains(&Some(c)) {
            push(report, header_row, Some(c), "Thiếu cột bắt buộc");
        }
    }
    if !report.errors.is_empty() {
        return Ok(Vec::new());
    }
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
        let before = report.errors.len() + usize::from(report.errors_truncated);
        let card = cell(Col::Card).to_owned();
        if card.is_empty() {
            push(report, row, Some(Col::Card), "Cần số thẻ đảng viên");
        } else if !seen.insert(card.clone()) {
            push(
                report,
                row,
                Some(Col::Card),
                format!("Số thẻ {card} có hai dòng"),
            );
        }
        let level = parse_level(cell(Col::Level))
            .map_err(|m| push(report, row, Some(Col::Level), m))
            .ok();
        for (c, what) in [(Col::Unit, "đơn vị xếp loại"), (Col::Post, "chức vụ")] {
            let v = cell(c);
            if v.is_empty() {
                push(report, row, Some(c), format!("Cần {what}"));
            } else if v.chars().count() > 200 {
                push(report, row, Some(c), "Dài quá 200 ký tự");
            }
        }
        let honours = parse_honours(cell(Col::Honours))
            .map_err(|m| push(report, row, Some(Col::Honours), m))
            .ok();
        let attested = parse_flag(cell(Col::Attested))
            .map_err(|m| push(report, row, Some(Col::Attested), m))
            .ok();
        if report.errors.len() + usize::from(report.errors_truncated) != before {
            continue;
        }
        if let (Some(level), Some(honours), Some(attested)) = (level, honours, attested) {
            parsed.push(Row {
                row,
                card,
                level,
                unit: cell(Col::Unit).to_owned(),
                post: cell(Col::Post).to_owned(),
                honours: honours.join(","),
                attested,
            });
        }
    }
    Ok(parsed)
}

/// Imports the file into the cycle (see the module's doc).
pub fn run(
    conn: &mut AnyConnection,
    cycle_id: i64,
    path: &Path,
    p: &Actor,
    dry_run: bool,
    claim: Option<&std::sync::Arc<Claim>>,
) -> Result<ImportReport, AppError> {
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, cycle_id)?;
    crate::cycles::writable(&cycle)?;
    let mut report = ImportReport {
        dry_run,
        ..Default::default()
    };
    let parsed = parse(path, &mut report)?;
    if report.rows == 0 && report.errors.is_empty() {
        push(&mut report, 2, None, "Tệp không có dòng dữ liệu nào");
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
            for r in chunk {
                // Unknown, outside the cycle and outside the caller's scope read the same.
                let Some(m) = found.get(&r.card).filter(|m| {
                    paths.get(&m.id).is_some_and(|path| {
                        path.starts_with(&cycle_path) && p.access.can_edit_members(path)
                    })
                }) else {
                    push(
                        &mut report,
                        r.row,
                        Some(Col::Card),
                        format!(
                            "Không có đảng viên số thẻ {} trong đợt kiểm điểm này và trong phạm vi được nhập",
                            r.card
                        ),
                    );
                    continue;
                };
                let data = RatingData {
                    level: r.level,
                    rating_unit: &r.unit,
                    post: &r.post,
                    honours: &r.honours,
                    attested_exemplary: r.attested,
                };
                let before = store::find(conn, cycle_id, m.id)?;
                let same = before.as_ref().is_some_and(|b| {
                    b.level == data.level
                        && b.rating_unit == data.rating_unit
                        && b.post == data.post
                        && b.honours == data.honours
                        && b.attested_exemplary == data.attested_exemplary
                });
                match (&before, same) {
                    (_, true) => report.unchanged += 1,
                    (None, _) => report.created += 1,
                    (Some(_), false) => report.updated += 1,
                }
                if !same {
                    // In the rolled-back transaction of a dry run, writing is harmless.
                    store::put(conn, cycle_id, m.id, &data)?;
                }
            }
        }
        if !write || !report.errors.is_empty() {
            return Err(crate::import::roll_back());
        }
        p.audit("import", "professional_rating").id(cycle_id).org(cycle_path.clone()).after(&serde_json::json!({ "rows": report.rows, "created": report.created, "updated": report.updated, "unchanged": report.unchanged, })).record(conn)?;
        Ok(())
    });
    crate::import::finish(outcome, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn professional_levels_in_words_abbreviations_or_identifiers() {
        assert_eq!(parse_level("Hoàn thành xuất sắc nhiệm vụ"), Ok("excellent"));
        assert_eq!(parse_level("HTTNV"), Ok("good"));
        assert_eq!(
            parse_level("Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực"),
            Ok("completed_limited")
        );
        assert_eq!(parse_level("completed_limited"), Ok("completed_limited"));
        assert_eq!(parse_level("KHTNV"), Ok("not_completed"));
        assert!(parse_level("Khá").is_err());
    }

    #[test]
    fn honours_in_words_separated_by_semicolons() {
        assert_eq!(
            parse_honours("Giấy khen; Chiến sĩ thi đua cơ sở"),
            Ok(vec!["certificate_of_merit", "emulation_title"])
        );
        assert_eq!(parse_honours(""), Ok(vec![]));
        assert!(parse_honours("Huân chương").is_err());
        assert_eq!(parse_flag("Có"), Ok(true));
        assert_eq!(parse_flag(""), Ok(false));
        assert!(parse_flag("có lẽ").is_err());
    }
}
