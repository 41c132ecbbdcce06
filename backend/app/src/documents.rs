//! What every printed document shares: the place and date line, the names in the heading,
//! the levels as the forms word them.

use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use kiemdiem_store::{AnyConnection, organizations};

/// "Nghệ An, ngày 09 tháng 11 năm 2016": the province's name and the date.
pub fn place_date(
    conn: &mut AnyConnection,
    path: &str,
    date: NaiveDate,
) -> Result<String, AppError> {
    let root = organizations::path_ids(path)
        .first()
        .copied()
        .unwrap_or_default();
    let place = organizations::get(conn, root)?
        .map(|o| {
            o.name
                .trim_start_matches("Tỉnh ủy ")
                .trim_start_matches("Đảng bộ tỉnh ")
                .to_owned()
        })
        .unwrap_or_default();
    Ok(format!(
        "{place}, ngày {:02} tháng {:02} năm {}",
        date.day(),
        date.month(),
        date.year()
    ))
}

/// The names of the base organisation and the branch above a branch path.
pub fn branch_and_base(
    conn: &mut AnyConnection,
    branch_path: &str,
) -> Result<(String, String), AppError> {
    let ids = organizations::path_ids(branch_path);
    let orgs = organizations::by_ids(conn, &ids)?;
    let name_of = |kind: &str| {
        orgs.iter()
            .find(|o| o.kind == kind)
            .map(|o| o.name.to_uppercase())
            .unwrap_or_default()
    };
    Ok((name_of("base"), name_of("branch")))
}

pub fn level_label(level: Option<&str>) -> &'static str {
    match level {
        Some("excellent") => "Hoàn thành xuất sắc nhiệm vụ",
        Some("good") => "Hoàn thành tốt nhiệm vụ",
        Some("completed") => "Hoàn thành nhiệm vụ",
        Some("not_completed") => "Không hoàn thành nhiệm vụ",
        _ => "……………………………………",
    }
}
