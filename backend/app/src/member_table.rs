//! The columns of the member spreadsheet, shared by import, export and the template:
//! each with its English and Vietnamese header and how a cell becomes a value and back.

use chrono::NaiveDate;
use kiemdiem_domain::member::MemberData;
use kiemdiem_domain::vietnamese::search_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    CardNumber,
    FullName,
    Gender,
    DateOfBirth,
    BranchCode,
    Status,
    AdmittedOn,
    OfficialOn,
    Category,
    Exempt,
    Attached,
    HomeBranchName,
    LongAbsenceYears,
    LeadershipPost,
    LeadershipLevel,
    WorkplaceUnit,
    WorkplacePost,
    ResidenceAddress,
    ResidenceCommitteeName,
    ResidenceCommitteeContact,
    ResidenceCommitteeAddress,
    Phone,
    Email,
}

/// (column, English header, Vietnamese header), in the template's order.
pub const COLUMNS: [(Col, &str, &str); 23] = [
    (Col::CardNumber, "card_number", "Số thẻ đảng viên"),
    (Col::FullName, "full_name", "Họ và tên"),
    (Col::Gender, "gender", "Giới tính"),
    (Col::DateOfBirth, "date_of_birth", "Ngày sinh"),
    (Col::BranchCode, "branch_code", "Mã chi bộ"),
    (Col::Status, "status", "Loại đảng viên"),
    (Col::AdmittedOn, "admitted_on", "Ngày vào Đảng"),
    (Col::OfficialOn, "official_on", "Ngày chính thức"),
    (Col::Category, "category", "Đối tượng"),
    (Col::Exempt, "exempt", "Miễn sinh hoạt"),
    (Col::Attached, "attached", "Sinh hoạt tạm thời"),
    (Col::HomeBranchName, "home_branch_name", "Chi bộ gốc"),
    (
        Col::LongAbsenceYears,
        "long_absence_years",
        "Năm vắng dài ngày",
    ),
    (Col::LeadershipPost, "leadership_post", "Chức vụ lãnh đạo"),
    (Col::LeadershipLevel, "leadership_level", "Cấp lãnh đạo"),
    (Col::WorkplaceUnit, "workplace_unit", "Đơn vị công tác"),
    (Col::WorkplacePost, "workplace_post", "Chức vụ công tác"),
    (Col::ResidenceAddress, "residence_address", "Nơi cư trú"),
    (
        Col::ResidenceCommitteeName,
        "residence_committee_name",
        "Chi ủy nơi cư trú",
    ),
    (
        Col::ResidenceCommitteeContact,
        "residence_committee_contact",
        "Liên hệ nơi cư trú",
    ),
    (
        Col::ResidenceCommitteeAddress,
        "residence_committee_address",
        "Địa chỉ chi ủy nơi cư trú",
    ),
    (Col::Phone, "phone", "Điện thoại"),
    (Col::Email, "email", "Email"),
];

/// The column a header names, in either language, ignoring case and diacritics.
pub fn column_of(header: &str) -> Option<Col> {
    let key = search_key(header.trim_start_matches('\u{feff}')).replace(' ', "_");
    COLUMNS.iter().find_map(|(col, en, vi)| {
        (key == *en || key == search_key(vi).replace(' ', "_")).then_some(*col)
    })
}

pub fn header_vi(col: Col) -> &'static str {
    COLUMNS
        .iter()
        .find(|(c, _, _)| *c == col)
        .map_or("", |(_, _, vi)| vi)
}

/// Choices written in Vietnamese or as identifiers.
fn choice(value: &str, options: &[(&str, &[&str])]) -> Result<String, String> {
    // Written exactly as exported (most cells): no key to compute.
    let exact = value.trim();
    if let Some((id, _)) = options
        .iter()
        .find(|(id, words)| *id == exact || words.contains(&exact))
    {
        return Ok((*id).to_owned());
    }
    let key = search_key(value);
    options
        .iter()
        .find(|(id, words)| {
            key == search_key(id).replace(' ', "_")
                || *id == value
                || words.iter().any(|w| search_key(w) == key)
        })
        .map(|(id, _)| (*id).to_owned())
        .ok_or_else(|| {
            format!(
                "'{value}' không hợp lệ; dùng: {}",
                options
                    .iter()
                    .map(|(id, w)| w.first().copied().unwrap_or(id))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

pub fn parse_gender(v: &str) -> Result<String, String> {
    choice(v, &[("male", &["Nam"]), ("female", &["Nữ"])])
}

pub fn parse_status(v: &str) -> Result<String, String> {
    choice(
        v,
        &[("official", &["Chính thức"]), ("probationary", &["Dự bị"])],
    )
}

pub fn parse_category(v: &str) -> Result<String, String> {
    choice(
        v,
        &[
            ("civil_servant", &["CBCCVC", "Cán bộ, công chức, viên chức"]),
            ("student", &["HSSV", "Học sinh, sinh viên"]),
            ("business", &["SXKD", "Sản xuất kinh doanh, dịch vụ"]),
            ("resident", &["Cư trú", "Đảng viên ở xã, phường"]),
            ("other", &["Khác"]),
        ],
    )
}

pub fn parse_leadership_level(v: &str) -> Result<String, String> {
    choice(
        v,
        &[
            ("grassroots", &["Cơ sở"]),
            ("above_grassroots", &["Trên cơ sở"]),
        ],
    )
}

pub fn parse_bool(v: &str) -> Result<bool, String> {
    match search_key(v).as_str() {
        "" | "khong" | "no" | "false" | "0" => Ok(false),
        "co" | "x" | "yes" | "true" | "1" => Ok(true),
        _ => Err(format!("'{v}' không hợp lệ; dùng: có / không")),
    }
}

/// `dd/mm/yyyy` (as people write) or `yyyy-mm-dd`.
pub fn parse_date(v: &str) -> Result<NaiveDate, String> {
    // dd/mm/yyyy read by hand (every date cell of a large import), else by chrono.
    let b = v.trim().as_bytes();
    if b.len() == 10 && b[2] == b'/' && b[5] == b'/' {
        let number = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        if let (Some(d), Some(m), Some(y)) = (number(0..2), number(3..5), number(6..10)) {
            return i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                .ok_or_else(|| format!("'{v}' không phải ngày dd/mm/yyyy"));
        }
    }
    NaiveDate::parse_from_str(v.trim(), "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d"))
        .map_err(|_| format!("'{v}' không phải ngày dd/mm/yyyy"))
}

pub fn parse_years(v: &str) -> Result<Vec<i32>, String> {
    let mut years = Vec::new();
    for part in v.split([',', ';', ' ']).filter(|s| !s.is_empty()) {
        let y: i32 = part
            .parse()
            .map_err(|_| format!("'{part}' không phải năm"))?;
        if !(1930..=2100).contains(&y) {
            return Err(format!("Năm {y} không hợp lệ"));
        }
        years.push(y);
    }
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

pub fn format_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn label(id: &str) -> &str {
    match id {
        "male" => "Nam",
        "female" => "Nữ",
        "official" => "Chính thức",
        "probationary" => "Dự bị",
        "civil_servant" => "CBCCVC",
        "student" => "HSSV",
        "business" => "SXKD",
        "resident" => "Cư trú",
        "other" => "Khác",
        "grassroots" => "Cơ sở",
        "above_grassroots" => "Trên cơ sở",
        other => other,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "có" } else { "không" }
}

/// One member as a spreadsheet row, in `COLUMNS` order, with Vietnamese values.
pub fn row_of(d: &MemberData, branch_code: &str, years: &[i32]) -> Vec<String> {
    let t = |s: &Option<String>| s.clone().unwrap_or_default();
    COLUMNS
        .iter()
        .map(|(col, _, _)| match col {
            Col::CardNumber => t(&d.card_number),
            Col::FullName => d.full_name.clone(),
            Col::Gender => label(&d.gender).to_owned(),
            Col::DateOfBirth => format_date(d.date_of_birth),
            Col::BranchCode => branch_code.to_owned(),
            Col::Status => label(&d.status).to_owned(),
            Col::AdmittedOn => format_date(d.admitted_on),
            Col::OfficialOn => format_date(d.official_on),
            Col::Category => label(&d.category).to_owned(),
            Col::Exempt => yes_no(d.exempt).to_owned(),
            Col::Attached => yes_no(d.attached).to_owned(),
            Col::HomeBranchName => t(&d.home_branch_name),
            Col::LongAbsenceYears => years
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            Col::LeadershipPost => t(&d.leadership_post),
            Col::LeadershipLevel => d
                .leadership_level
                .as_deref()
                .map(label)
                .unwrap_or_default()
                .to_owned(),
            Col::WorkplaceUnit => t(&d.workplace_unit),
            Col::WorkplacePost => t(&d.workplace_post),
            Col::ResidenceAddress => t(&d.residence_address),
            Col::ResidenceCommitteeName => t(&d.residence_committee_name),
            Col::ResidenceCommitteeContact => t(&d.residence_committee_contact),
            Col::ResidenceCommitteeAddress => t(&d.residence_committee_address),
            Col::Phone => t(&d.phone),
            Col::Email => t(&d.email),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_either_language_without_diacritics() {
        assert_eq!(column_of("Họ và tên"), Some(Col::FullName));
        assert_eq!(column_of("ho va ten"), Some(Col::FullName));
        assert_eq!(column_of("\u{feff}Số thẻ đảng viên"), Some(Col::CardNumber));
        assert_eq!(column_of("date_of_birth"), Some(Col::DateOfBirth));
        assert_eq!(column_of("Ghi chú"), None);
    }

    #[test]
    fn values_are_read_in_vietnamese_or_as_identifiers() {
        assert_eq!(parse_gender("Nữ").unwrap(), "female");
        assert_eq!(parse_gender("nu").unwrap(), "female");
        assert_eq!(parse_status("Dự bị").unwrap(), "probationary");
        assert_eq!(parse_category("civil_servant").unwrap(), "civil_servant");
        assert_eq!(parse_category("HSSV").unwrap(), "student");
        assert!(parse_category("sinh viên năm nhất").is_err());
        assert_eq!(parse_date("02/09/1975").unwrap().to_string(), "1975-09-02");
        assert_eq!(parse_date("1975-09-02").unwrap().to_string(), "1975-09-02");
        assert!(parse_date("31/02/2000").is_err());
        assert_eq!(
            parse_date(" 29/02/2000 ").unwrap().to_string(),
            "2000-02-29"
        );
        assert!(parse_date("29/02/1900").is_err());
        assert!(parse_date("2a/02/1990").is_err());
        assert_eq!(parse_date("2/9/1975").unwrap().to_string(), "1975-09-02");
        assert_eq!(parse_years("2014, 2016").unwrap(), [2014, 2016]);
        assert!(parse_bool("có").unwrap() && !parse_bool("").unwrap());
    }
}
