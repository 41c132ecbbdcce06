//! What every printed document shares — the place and date line, the names in the heading,
//! the levels as the forms word them — and the documents of a cycle printed from its records:
//! a member's self-review in the customary form (D2) and the residence committee's request
//! letter with its return address (P2).

use crate::Actor;
use crate::docx::{self, body, bold, centered, field, heading, italic_centered, signatures, text};
use crate::error::AppError;
use crate::self_reviews::target_for;
use chrono::{Datelike, NaiveDate};
use docx_rs::Docx;
use kiemdiem_domain::feedback::Source;
use kiemdiem_store::{AnyConnection, feedback, members, organizations, self_reviews};
use serde::Serialize;

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
    let (base, branch) = names_as_written(conn, branch_path)?;
    Ok((base.to_uppercase(), branch.to_uppercase()))
}

/// The base's and the branch's names as written (for prose; the heading uses capitals).
pub fn names_as_written(
    conn: &mut AnyConnection,
    branch_path: &str,
) -> Result<(String, String), AppError> {
    let ids = organizations::path_ids(branch_path);
    let orgs = organizations::by_ids(conn, &ids)?;
    let name_of = |kind: &str| {
        orgs.iter()
            .find(|o| o.kind == kind)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    Ok((name_of("base"), name_of("branch")))
}

/// A branch named in a sentence: its name when it says "Chi bộ …", else "Chi bộ <name>"
/// (never "chi bộ CHI BỘ …").
fn branch_in_prose(name: &str) -> String {
    if name.to_lowercase().starts_with("chi bộ") {
        name.to_owned()
    } else {
        format!("Chi bộ {name}")
    }
}

/// An organisation's level (O1) as the forms word it.
pub fn org_level_label(level: Option<&str>) -> &'static str {
    match level {
        Some("clean_strong") => "Trong sạch, vững mạnh",
        Some("good") => "Hoàn thành tốt nhiệm vụ",
        Some("completed") => "Hoàn thành nhiệm vụ",
        Some("weak") => "Yếu kém",
        _ => "Chưa xếp loại",
    }
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

/// A member's self-review (D2) as printed: one content, written as DOCX or PDF.
#[derive(Debug, Serialize)]
pub struct SelfReviewDoc {
    base: String,
    branch: String,
    place_date: String,
    year: i32,
    /// "Label", value: who writes it.
    fields: Vec<(String, String)>,
    /// Each section's title and what the member wrote under it (none for a heading alone).
    sections: Vec<DocSection>,
    on_behalf: bool,
    name: String,
}

#[derive(Debug, Serialize)]
struct DocSection {
    title: String,
    content: String,
}

/// The content of a member's self-review (the latest version), for whoever reads it.
fn self_review_doc(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<SelfReviewDoc, AppError> {
    // The inspection commission reads it too (#13), as it reads the self-review.
    let t = target_for(
        conn,
        p,
        id,
        member_id,
        kiemdiem_domain::access::Access::can_read_self_reviews,
    )?;
    let s = self_reviews::find(conn, id, member_id)?.ok_or_else(AppError::not_found)?;
    doc_of(conn, &s, &t.member, &t.branch_path, t.cycle.year)
}

/// The document of a self-review already found (and its reader checked).
fn doc_of(
    conn: &mut AnyConnection,
    s: &self_reviews::SelfReview,
    m: &members::Member,
    branch_path: &str,
    year: i32,
) -> Result<SelfReviewDoc, AppError> {
    let c = self_reviews::versions(conn, s.id)?
        .into_iter()
        .next()
        .map(|v| v.content)
        .unwrap_or_default();
    let (base, branch) = branch_and_base(conn, branch_path)?;
    let date = s
        .submitted_at
        .map(|d| d.date())
        .unwrap_or_else(crate::today);
    let section = |title: &str, content: &str| DocSection {
        title: title.to_owned(),
        content: content.to_owned(),
    };
    let sections = vec![
        section("I. ƯU ĐIỂM", ""),
        section("1. Về tư tưởng chính trị", &c.political_ideology),
        section("2. Về phẩm chất đạo đức, lối sống", &c.ethics_lifestyle),
        section("3. Về thực hiện chức trách, nhiệm vụ được giao", &c.duties),
        section("4. Về tổ chức kỷ luật", &c.organisation_discipline),
        section("II. KHUYẾT ĐIỂM, HẠN CHẾ VÀ NGUYÊN NHÂN", &c.shortcomings),
        section("III. BIỆN PHÁP KHẮC PHỤC", &c.remedies),
        section(
            "IV. GIẢI TRÌNH CÁC VẤN ĐỀ ĐƯỢC GỢI Ý KIỂM ĐIỂM",
            &c.suggestion_answers,
        ),
        section(
            "V. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG",
            level_label(c.self_assessed_level.as_deref()),
        ),
    ];
    Ok(SelfReviewDoc {
        place_date: place_date(conn, branch_path, date)?,
        fields: member_field_list(m, &branch),
        base,
        branch,
        year,
        sections,
        on_behalf: s.on_behalf,
        name: m.full_name.clone(),
    })
}

/// A member's self-review in the customary form (D2), as DOCX.
pub fn self_review(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<Vec<u8>, AppError> {
    let d = self_review_doc(conn, p, id, member_id)?;
    let mut doc = Docx::new()
        .add_table(heading(&d.base, &d.branch, &d.place_date))
        .add_paragraph(centered("", false))
        .add_paragraph(centered("BẢN KIỂM ĐIỂM CÁ NHÂN", true))
        .add_paragraph(centered(&format!("Năm {}", d.year), true));
    for (label, value) in &d.fields {
        doc = doc.add_paragraph(field(label, value));
    }
    for s in &d.sections {
        doc = doc.add_paragraph(bold(&s.title));
        for para in body(&s.content) {
            doc = doc.add_paragraph(para);
        }
    }
    signed_by_member(doc, &d.name, d.on_behalf)
}

/// The same self-review as PDF (A4, fonts embedded), for printing and filing.
pub fn self_review_pdf(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<Vec<u8>, AppError> {
    let d = self_review_doc(conn, p, id, member_id)?;
    crate::pdf::render(crate::pdf::SELF_REVIEW, &d)
}

/// A self-review printed for a dossier that holds it (the leaders' dossier, plan II.5): the
/// dossier's reader is checked by the dossier.
pub(crate) fn filed_self_review_pdf(
    conn: &mut AnyConnection,
    s: &self_reviews::SelfReview,
    m: &members::Member,
    branch_path: &str,
    year: i32,
) -> Result<Vec<u8>, AppError> {
    let d = doc_of(conn, s, m, branch_path, year)?;
    crate::pdf::render(crate::pdf::SELF_REVIEW, &d)
}

/// Who writes a member's own report: name, date of birth, posts, unit and branch.
pub fn member_field_list(m: &members::Member, branch: &str) -> Vec<(String, String)> {
    [
        ("Họ và tên", m.full_name.clone()),
        ("Ngày sinh", m.date_of_birth.format("%d/%m/%Y").to_string()),
        (
            "Chức vụ Đảng, chính quyền, đoàn thể",
            m.leadership_post
                .as_deref()
                .or(m.workplace_post.as_deref())
                .unwrap_or("")
                .to_owned(),
        ),
        (
            "Đơn vị công tác",
            m.workplace_unit.as_deref().unwrap_or("").to_owned(),
        ),
        ("Sinh hoạt tại chi bộ", branch.to_owned()),
    ]
    .into_iter()
    .map(|(l, v)| (l.to_owned(), v))
    .collect()
}

/// The same fields as paragraphs of a DOCX.
pub fn member_fields(mut doc: Docx, m: &members::Member, branch: &str) -> Docx {
    for (label, value) in member_field_list(m, branch) {
        doc = doc.add_paragraph(field(&label, &value));
    }
    doc
}

/// A member's own report, ended: the branch committee's and the member's signatures, and the
/// mark of a paper form entered on their behalf; packed.
pub fn signed_by_member(doc: Docx, name: &str, on_behalf: bool) -> Result<Vec<u8>, AppError> {
    let mut doc = doc.add_paragraph(centered("", false)).add_table(signatures(
        "XÁC NHẬN CỦA CHI ỦY",
        "",
        "NGƯỜI TỰ KIỂM ĐIỂM",
        name,
    ));
    if on_behalf {
        doc = doc.add_paragraph(italic_centered("(Bản giấy do chi ủy nhập thay đảng viên)"));
    }
    docx::pack(doc)
}

/// The letter asking the residence party committee for its comments on a member (P2): what
/// both its DOCX and its PDF print.
#[derive(Debug, Clone, Serialize)]
pub struct LetterDoc {
    base: String,
    branch: String,
    place_date: String,
    to: String,
    address: String,
    intro: String,
    /// "Label", value: the member.
    fields: Vec<(String, String)>,
    due: String,
}

fn letter_data(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    rid: i64,
) -> Result<LetterDoc, AppError> {
    let r = feedback::get(conn, id, rid)?
        .filter(|r| r.source == Source::Residence)
        .ok_or_else(AppError::not_found)?;
    let (m, branch_path) = members::get(conn, r.member_id)?.ok_or_else(AppError::not_found)?;
    // The branch committee prints it; the residence committee's user it is assigned
    // to may print it too.
    let is_assigned = p.user_id.is_some() && r.provider_user_id == p.user_id;
    if !(is_assigned || p.access.can_edit_members(&branch_path)) {
        return Err(AppError::not_found());
    }
    letter_of(conn, &r, &m, &branch_path)
}

/// The letter of a residence request `r` on member `m` of the branch at `branch_path`.
fn letter_of(
    conn: &mut AnyConnection,
    r: &feedback::Request,
    m: &members::Member,
    branch_path: &str,
) -> Result<LetterDoc, AppError> {
    let (base, branch) = branch_and_base(conn, branch_path)?;
    let (base_name, branch_name) = names_as_written(conn, branch_path)?;
    // Dated on the day it was sent (the event it records), else the day printed.
    let date = r.sent_on.unwrap_or_else(crate::today);
    let committee = m
        .residence_committee_name
        .clone()
        .unwrap_or_else(|| "……………………………………".into());
    let due = r
        .due_on
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| "……………".into());
    Ok(LetterDoc {
        place_date: place_date(conn, branch_path, date)?,
        base,
        branch,
        to: format!("Chi ủy {committee}"),
        address: m
            .residence_committee_address
            .clone()
            .unwrap_or_else(|| "……………………………………".into()),
        intro: format!(
            "Thực hiện kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {}, {} đề nghị chi ủy nơi cư trú cho ý kiến nhận xét đối với đảng viên:",
            date.year(),
            branch_in_prose(&branch_name)
        ),
        fields: vec![
            ("Họ và tên".into(), m.full_name.clone()),
            (
                "Ngày sinh".into(),
                m.date_of_birth.format("%d/%m/%Y").to_string(),
            ),
            (
                "Nơi cư trú".into(),
                m.residence_address.clone().unwrap_or_default(),
            ),
            (
                "Đơn vị công tác".into(),
                m.workplace_unit.clone().unwrap_or_default(),
            ),
        ],
        due: format!(
            "Đề nghị gửi lại phiếu trước ngày {due}, theo địa chỉ: Văn phòng Đảng ủy, {base_name}."
        ),
    })
}

/// The letter asking the residence party committee for its comments on a member (P2), with
/// the return address (the base organisation's committee), as DOCX or PDF.
pub fn residence_letter(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    rid: i64,
    pdf: bool,
) -> Result<Vec<u8>, AppError> {
    let d = letter_data(conn, p, id, rid)?;
    if pdf {
        return letters_pdf(&[d]);
    }
    let mut doc = Docx::new()
        .add_table(heading(&d.base, &d.branch, &d.place_date))
        .add_paragraph(centered("", false))
        .add_paragraph(centered("PHIẾU XIN Ý KIẾN NHẬN XÉT", true))
        .add_paragraph(centered("của chi ủy nơi cư trú đối với đảng viên", true))
        .add_paragraph(field("Kính gửi", &d.to))
        .add_paragraph(field("Địa chỉ", &d.address))
        .add_paragraph(text(&d.intro));
    for (label, value) in &d.fields {
        doc = doc.add_paragraph(field(label, value));
    }
    let doc = doc
        .add_paragraph(bold("Ý kiến nhận xét của chi ủy nơi cư trú"))
        .add_paragraph(text(LETTER_HINT))
        .add_paragraph(text("……………………………………………………………………………………………"))
        .add_paragraph(text("……………………………………………………………………………………………"))
        .add_paragraph(text("……………………………………………………………………………………………"))
        .add_paragraph(text(&d.due))
        .add_paragraph(centered("", false))
        .add_table(signatures("T/M CHI ỦY NƠI CƯ TRÚ", "", "T/M CHI ỦY", ""));
    docx::pack(doc)
}

/// Letters printed together, one per page (the template takes a list).
fn letters_pdf(letters: &[LetterDoc]) -> Result<Vec<u8>, AppError> {
    crate::pdf::render(
        crate::pdf::RESIDENCE_LETTER,
        &serde_json::json!({ "letters": letters }),
    )
}

/// Every residence letter still waiting for its answer for the members under the organisation
/// `org` whom the caller handles, optionally only those sent by `delivery` (post: the postal
/// forms to put in envelopes), in the Vietnamese order of the members' names, as one PDF to
/// print (P2, issue #17). 404 for an organisation outside the cycle or the caller's members;
/// 422 `nothing_to_print` when none waits.
pub fn residence_letters(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    org: i64,
    delivery: Option<&str>,
) -> Result<Vec<u8>, AppError> {
    if delivery.is_some_and(|d| kiemdiem_domain::feedback::Delivery::parse(d).is_none()) {
        return Err(AppError::Validation(vec![crate::error::FieldError::new(
            "delivery",
            "invalid_choice",
            "Cách gửi phải là hand hoặc post",
        )]));
    }
    let (_, cycle_path) = crate::cycles::readable(conn, p, id)?;
    let root = organizations::get(conn, org)?
        .filter(|o| o.path.starts_with(&cycle_path) && p.works_in(&o.path))
        .ok_or_else(AppError::not_found)?;
    let waiting: std::collections::HashMap<i64, feedback::Request> = feedback::of_cycle(conn, id)?
        .into_iter()
        .filter(|r| r.source == Source::Residence && r.returned_on.is_none())
        .filter(|r| delivery.is_none_or(|d| r.delivery.as_deref() == Some(d)))
        .map(|r| (r.member_id, r))
        .collect();
    let mut handles_any = p.access.can_edit_members(&root.path);
    let mut letters = Vec::new();
    for (m, branch) in members::under(conn, &root.path)? {
        if !p.access.can_edit_members(&branch) {
            continue;
        }
        handles_any = true;
        if let Some(r) = waiting.get(&m.id) {
            letters.push(letter_of(conn, r, &m, &branch)?);
        }
    }
    if !handles_any {
        return Err(AppError::not_found());
    }
    if letters.is_empty() {
        return Err(AppError::Validation(vec![crate::error::FieldError::new(
            "organization_id",
            "nothing_to_print",
            "Không có phiếu xin ý kiến nơi cư trú nào đang chờ trả lời",
        )]));
    }
    letters_pdf(&letters)
}

/// What the residence committee is asked to comment on (guidance 2.2.2).
const LETTER_HINT: &str = "(Về thực hiện nghĩa vụ công dân, giữ gìn phẩm chất đạo đức, lối sống; tham gia sinh hoạt ở nơi cư trú)";
