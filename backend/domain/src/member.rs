//! A member's record and the checks it must pass before it is stored (issue "member
//! registry"; the fields feed M4, M5, M8–M11 and W1). Pure: `today` is passed in.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub const GENDERS: [&str; 2] = ["male", "female"];
pub const STATUSES: [&str; 2] = ["official", "probationary"];
pub const CATEGORIES: [&str; 5] = ["civil_servant", "student", "business", "resident", "other"];
pub const LEADERSHIP_LEVELS: [&str; 2] = ["grassroots", "above_grassroots"];
pub const LEFT_REASONS: [&str; 6] = [
    "transfer",
    "death",
    "expulsion",
    "removal",
    "resignation",
    "other",
];
pub const LEVELS: [&str; 4] = ["excellent", "good", "completed", "not_completed"];

/// The minimum age at admission (Điều lệ Đảng: từ đủ 18 tuổi).
pub const MIN_ADMISSION_AGE: u32 = 18;

/// Everything about a member that people enter, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MemberData {
    pub card_number: Option<String>,
    pub full_name: String,
    pub gender: String,
    pub date_of_birth: Option<NaiveDate>,
    pub branch_id: i64,
    pub cell_id: Option<i64>,
    pub status: String,
    pub admitted_on: Option<NaiveDate>,
    pub official_on: Option<NaiveDate>,
    pub category: String,
    pub exempt: bool,
    pub attached: bool,
    pub home_branch_name: Option<String>,
    pub leadership_post: Option<String>,
    pub leadership_level: Option<String>,
    pub workplace_unit: Option<String>,
    pub workplace_post: Option<String>,
    pub residence_address: Option<String>,
    pub residence_committee_name: Option<String>,
    pub residence_committee_contact: Option<String>,
    pub residence_committee_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub active: bool,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
}

/// One failed check: the field, a stable code, a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

fn problem(field: &'static str, code: &'static str, message: impl Into<String>) -> Problem {
    Problem {
        field,
        code,
        message: message.into(),
    }
}

/// Card numbers: digits, optionally grouped with `.` or `-` (e.g. `34.012345`), 6 to 16
/// characters. (The format varies by period; this accepts every printed form seen.)
pub fn valid_card_number(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (6..=16).contains(&s.len())
        && digits >= 6
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.ends_with(|c: char| c.is_ascii_digit())
}

/// Vietnamese phone numbers: 0 or +84 then 9 or 10 digits; spaces and dots ignored.
pub fn valid_phone(s: &str) -> bool {
    let compact: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let rest = compact
        .strip_prefix("+84")
        .or_else(|| compact.strip_prefix('0'));
    rest.is_some_and(|r| (9..=10).contains(&r.len()) && r.chars().all(|c| c.is_ascii_digit()))
}

pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && s.matches('@').count() == 1
}

/// The date `years` after `d` (29 February → 28 February).
pub fn add_years(d: NaiveDate, years: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() + years, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(d.year() + years, d.month(), 28))
        .unwrap_or(d)
}

/// M10 (2.2.5d): whether a discipline is in force on `on`. Each decision is (decided on, term
/// ends on); a decision without a recorded end is in force for `term_months` (the rule set's
/// one-year term) from its date, and from its date only (one decided later does not count).
pub fn discipline_in_force(
    decisions: &[(NaiveDate, Option<NaiveDate>)],
    on: NaiveDate,
    term_months: u32,
) -> bool {
    decisions.iter().any(|&(decided, ends)| {
        let ends = ends.or_else(|| decided.checked_add_months(chrono::Months::new(term_months)));
        decided <= on && ends.is_none_or(|e| on < e)
    })
}

fn one_of(field: &'static str, value: &str, allowed: &[&str], out: &mut Vec<Problem>) {
    if !allowed.contains(&value) {
        out.push(problem(
            field,
            "invalid_choice",
            format!("Giá trị phải là một trong: {}", allowed.join(", ")),
        ));
    }
}

/// Every check a member record must pass, all at once.
pub fn check(m: &MemberData, today: NaiveDate) -> Vec<Problem> {
    let mut out = Vec::new();
    let name_len = m.full_name.trim().chars().count();
    if name_len == 0 {
        out.push(problem("full_name", "required", "Họ và tên là bắt buộc"));
    } else if name_len > 100 || m.full_name.split_whitespace().count() < 2 {
        out.push(problem(
            "full_name",
            "invalid_name",
            "Họ và tên phải có ít nhất họ và tên, không quá 100 ký tự",
        ));
    }
    // Names of people and organisations (issue #13, item 9).
    for (field, name) in [
        ("full_name", Some(&m.full_name)),
        ("home_branch_name", m.home_branch_name.as_ref()),
        ("workplace_unit", m.workplace_unit.as_ref()),
        (
            "residence_committee_name",
            m.residence_committee_name.as_ref(),
        ),
    ] {
        if let Some(message) = name.and_then(|n| crate::text::name_problem(n)) {
            out.push(problem(field, crate::text::INVALID_CHARACTERS, message));
        }
    }
    if let Some(card) = &m.card_number
        && !valid_card_number(card)
    {
        out.push(problem(
            "card_number",
            "invalid_card_number",
            "Số thẻ đảng viên gồm 6–16 chữ số, có thể ngăn cách bằng . hoặc -",
        ));
    }
    one_of("gender", &m.gender, &GENDERS, &mut out);
    one_of("status", &m.status, &STATUSES, &mut out);
    one_of("category", &m.category, &CATEGORIES, &mut out);
    if let Some(level) = &m.leadership_level {
        one_of("leadership_level", level, &LEADERSHIP_LEVELS, &mut out);
    }
    if m.leadership_post.is_some() != m.leadership_level.is_some() {
        out.push(problem(
            "leadership_level",
            "leadership_incomplete",
            "Chức vụ lãnh đạo cần cả tên chức vụ và cấp (cơ sở / trên cơ sở)",
        ));
    }
    for (field, date) in [
        ("date_of_birth", m.date_of_birth),
        ("admitted_on", m.admitted_on),
        ("official_on", m.official_on),
        ("left_on", m.left_on),
    ] {
        if date.is_some_and(|d| d > today) {
            out.push(problem(field, "in_future", "Ngày không được ở tương lai"));
        }
    }
    if m.date_of_birth.is_none() {
        out.push(problem(
            "date_of_birth",
            "required",
            "Ngày sinh là bắt buộc",
        ));
    }
    if m.admitted_on.is_none() {
        out.push(problem(
            "admitted_on",
            "required",
            "Ngày vào Đảng là bắt buộc",
        ));
    }
    if let (Some(born), Some(admitted)) = (m.date_of_birth, m.admitted_on)
        && admitted < add_years(born, MIN_ADMISSION_AGE as i32)
    {
        out.push(problem(
            "admitted_on",
            "too_young",
            format!("Người vào Đảng phải đủ {MIN_ADMISSION_AGE} tuổi"),
        ));
    }
    match (m.status.as_str(), m.official_on, m.admitted_on) {
        ("official", None, _) => out.push(problem(
            "official_on",
            "required",
            "Đảng viên chính thức cần ngày chính thức",
        )),
        ("probationary", Some(_), _) => out.push(problem(
            "official_on",
            "not_allowed",
            "Đảng viên dự bị chưa có ngày chính thức",
        )),
        (_, Some(official), Some(admitted)) if official <= admitted => out.push(problem(
            "official_on",
            "before_admission",
            "Ngày chính thức phải sau ngày vào Đảng",
        )),
        _ => {}
    }
    if m.attached
        && m.home_branch_name
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        out.push(problem(
            "home_branch_name",
            "required",
            "Đảng viên sinh hoạt tạm thời cần tên chi bộ gốc",
        ));
    }
    if let Some(phone) = &m.phone
        && !valid_phone(phone)
    {
        out.push(problem(
            "phone",
            "invalid_phone",
            "Số điện thoại không hợp lệ",
        ));
    }
    if let Some(email) = &m.email
        && !valid_email(email)
    {
        out.push(problem(
            "email",
            "invalid_email",
            "Địa chỉ email không hợp lệ",
        ));
    }
    if m.active {
        if m.left_on.is_some() || m.left_reason.is_some() {
            out.push(problem(
                "left_on",
                "not_allowed",
                "Đảng viên đang sinh hoạt không có ngày, lý do ra khỏi danh sách",
            ));
        }
    } else {
        if m.left_on.is_none() {
            out.push(problem("left_on", "required", "Cần ngày ra khỏi danh sách"));
        }
        match &m.left_reason {
            None => out.push(problem(
                "left_reason",
                "required",
                "Cần lý do ra khỏi danh sách",
            )),
            Some(r) => one_of("left_reason", r, &LEFT_REASONS, &mut out),
        }
    }
    out
}

/// O6: the level a key-cadre meeting proposes for a leader from its votes (excellent, good,
/// completed, not completed): the level with the most votes, a tie going to the lower level
/// (the meeting did not carry the higher one); None when nobody voted.
pub fn o6_proposed_level(votes: [i32; 4]) -> Option<&'static str> {
    let best = *votes.iter().max()?;
    if best <= 0 {
        return None;
    }
    votes
        .iter()
        .rposition(|x| *x == best)
        .and_then(|i| LEVELS.get(i).copied())
}

/// M13: the post a professional rating is for (the main and highest of several), required.
pub fn m13_rated_post(post: &str) -> Option<&str> {
    Some(post.trim()).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn m10_discipline_in_force_for_its_term() {
        let on = d("2016-11-30");
        // A one-year term from 01/12/2015 ends on 01/12/2016: still in force on 30/11.
        assert!(discipline_in_force(&[(d("2015-12-01"), None)], on, 12));
        // From 30/11/2015 it ended on 30/11/2016, the day of reference itself.
        assert!(!discipline_in_force(&[(d("2015-11-30"), None)], on, 12));
        // A recorded end overrides the term; a decision after the reference date is not yet in force.
        assert!(!discipline_in_force(
            &[(d("2016-01-10"), Some(d("2016-06-30")))],
            on,
            12
        ));
        assert!(!discipline_in_force(&[(d("2016-12-01"), None)], on, 12));
        // One of several is enough; none is none.
        assert!(discipline_in_force(
            &[(d("2014-01-01"), None), (d("2016-03-01"), None)],
            on,
            12
        ));
        assert!(!discipline_in_force(&[], on, 12));
    }

    fn valid() -> MemberData {
        MemberData {
            card_number: Some("34.012345".into()),
            full_name: "Nguyễn Thị Lan".into(),
            gender: "female".into(),
            date_of_birth: Some(d("1980-05-02")),
            branch_id: 1,
            status: "official".into(),
            admitted_on: Some(d("2005-03-26")),
            official_on: Some(d("2006-03-26")),
            category: "civil_servant".into(),
            active: true,
            ..Default::default()
        }
    }

    fn codes(m: &MemberData) -> Vec<(&'static str, &'static str)> {
        check(m, d("2016-11-15"))
            .into_iter()
            .map(|p| (p.field, p.code))
            .collect()
    }

    #[test]
    fn a_complete_record_passes() {
        assert_eq!(codes(&valid()), []);
    }

    #[test]
    fn official_on_must_follow_admission() {
        let mut m = valid();
        m.official_on = Some(d("2005-03-26"));
        assert_eq!(codes(&m), [("official_on", "before_admission")]);
    }

    #[test]
    fn dates_cannot_be_in_the_future_and_admission_needs_eighteen_years() {
        let mut m = valid();
        m.date_of_birth = Some(d("1990-01-01"));
        m.admitted_on = Some(d("2007-12-31"));
        m.official_on = Some(d("2020-01-01"));
        assert_eq!(
            codes(&m),
            [("official_on", "in_future"), ("admitted_on", "too_young")]
        );
        m.admitted_on = Some(d("2008-01-01"));
        m.official_on = Some(d("2009-01-01"));
        assert_eq!(codes(&m), []);
    }

    #[test]
    fn formats_of_card_phone_and_email() {
        assert!(valid_card_number("34012345") && valid_card_number("34.012345"));
        assert!(!valid_card_number("abc12345") && !valid_card_number("123"));
        assert!(valid_phone("0912 345 678") && valid_phone("+84912345678"));
        assert!(!valid_phone("12345") && !valid_phone("09123456789012"));
        assert!(valid_email("lan@vinhuni.edu.vn"));
        assert!(!valid_email("lan@") && !valid_email("lan vinh@x.vn"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let m = MemberData {
            card_number: Some("x".into()),
            full_name: "Lan".into(),
            gender: "?".into(),
            status: "probationary".into(),
            official_on: Some(d("2010-01-01")),
            category: "student".into(),
            attached: true,
            email: Some("no".into()),
            active: false,
            ..Default::default()
        };
        let fields: Vec<&str> = check(&m, d("2016-11-15"))
            .into_iter()
            .map(|p| p.field)
            .collect();
        for f in [
            "full_name",
            "card_number",
            "gender",
            "date_of_birth",
            "admitted_on",
            "official_on",
            "home_branch_name",
            "email",
            "left_on",
            "left_reason",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
    }

    #[test]
    fn o6_the_meeting_proposes_the_plurality_and_a_tie_goes_lower() {
        assert_eq!(o6_proposed_level([5, 2, 0, 0]), Some("excellent"));
        assert_eq!(o6_proposed_level([3, 3, 1, 0]), Some("good"));
        assert_eq!(o6_proposed_level([0, 1, 1, 1]), Some("not_completed"));
        assert_eq!(o6_proposed_level([0, 0, 0, 0]), None);
    }

    #[test]
    fn m13_a_rating_names_its_post() {
        assert_eq!(m13_rated_post("  Trưởng khoa "), Some("Trưởng khoa"));
        assert_eq!(m13_rated_post(" \t"), None);
    }
}
