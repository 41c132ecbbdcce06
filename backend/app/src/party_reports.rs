//! Plan II.1, guidance III.1 / D1 and D4 (issue #16): the reports a committee writes in the
//! system — the collective's review report (D1) and the yearly party-building summary (D4).
//! A draft is written with the year's figures as `{{placeholders}}` (filled from the
//! statistics whenever it is shown or printed), every save is kept as a version, and the
//! committee approves it: the figures are frozen into the text, the issuing body's register
//! gives it its number ("Số 05-BC/ĐU") and it is dated on the day the committee names. The
//! approved report is filed in the base's dossier (D1: document 01; D4: its own document).
//!
//! The inspection commission's consolidated report on the review suggestions and the answers
//! (P3, guidance C.3; kind `inspection_summary`) is kept the same way, issued by the commission:
//! its own register ("Số 03-BC/UBKTĐU").
//!
//! Who: the issuing body — the committee of the organisation itself, or for P3 its inspection
//! commission — writes and approves; the committees above and the inspection commission read.

use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kiemdiem_domain::organization::OrgKind;
use kiemdiem_domain::party_report::{self as domain, Kind};
use kiemdiem_domain::suggestion::Status as SuggestionStatus;
use kiemdiem_store::{
    AnyConnection, cycles, org_assessments, organizations, reports as store, suggestions,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The register's type of document for reports (báo cáo).
pub const DOC_TYPE: &str = "BC";

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PartyReport {
    pub id: i64,
    pub organization_id: i64,
    pub year: i32,
    /// collective_review (D1) or party_building_summary (D4).
    pub kind: String,
    /// D1 or D4.
    pub rule: String,
    pub title: String,
    /// The text as written, with its `{{placeholders}}` (approved: the figures frozen in).
    pub body: String,
    /// The text as it prints: the placeholders replaced by today's figures (a draft) or as
    /// approved.
    pub rendered: String,
    pub signer_title: String,
    pub signer_name: String,
    /// Raised by every save; a save or an approval names the version it was made on.
    pub version: i32,
    /// draft or approved.
    pub status: String,
    /// The register's number and symbol ("05-BC/ĐU"), once approved.
    pub number: Option<String>,
    /// The document's date (the approval's), once approved.
    pub dated_on: Option<NaiveDate>,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Figure {
    /// The placeholder's key: written `{{key}}` in a report.
    pub key: String,
    pub label: String,
    /// Its value today.
    pub value: String,
}

/// An organisation's reports of a year, and the figures a report may insert.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct YearReports {
    pub organization_id: i64,
    pub year: i32,
    /// The reports written so far (at most one of each kind).
    pub reports: Vec<PartyReport>,
    pub figures: Vec<Figure>,
    /// The symbol the register numbers the organisation's reports with ("BC/ĐU").
    pub symbol: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    /// 0 to write the first version; else the version the text was edited from (412 when
    /// someone saved since).
    #[validate(range(min = 0))]
    pub version: i32,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    /// The report's text, one paragraph per line; `{{key}}` inserts a figure (`figures`).
    #[validate(length(min = 1, max = 100000))]
    #[schema(min_length = 1, max_length = 100000)]
    pub body: String,
    /// The signature's title, e.g. "T/M ĐẢNG ỦY\nBÍ THƯ".
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub signer_title: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub signer_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ApprovalInput {
    /// The version approved (412 when someone saved since).
    #[validate(range(min = 1))]
    pub version: i32,
    /// The document's date: in the report's year or the first quarter after it, not later
    /// than today.
    pub dated_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportVersion {
    pub version: i32,
    pub title: String,
    pub body: String,
    pub saved_by: String,
    pub saved_at: DateTime<Utc>,
}

fn kind_of(kind: &str) -> Result<Kind, AppError> {
    Kind::parse(kind).ok_or_else(AppError::not_found)
}

fn org_kind(org: &organizations::Organization) -> OrgKind {
    org.kind.parse().unwrap_or(OrgKind::Base)
}

fn symbol(org: &organizations::Organization) -> String {
    format!(
        "{DOC_TYPE}/{}",
        domain::issuer_symbol(org_kind(org), &org.name)
    )
}

/// The organisation, when the actor may read its reports.
fn readable(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
) -> Result<organizations::Organization, AppError> {
    let org = crate::organizations::visible(conn, p, org_id)?;
    if !(p.access.can_administer(&org.path) || p.access.can_inspect(&org.path)) {
        return Err(AppError::forbidden(
            "Cấp ủy của tổ chức, cấp ủy cấp trên và ủy ban kiểm tra xem báo cáo",
        ));
    }
    Ok(org)
}

/// The organisation, when the actor is the body that issues reports of `kind`: its committee,
/// or its inspection commission for P3.
fn writable(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    kind: Kind,
) -> Result<organizations::Organization, AppError> {
    let org = readable(conn, p, org_id)?;
    if kind.by_inspection() {
        if !p.access.is_inspection_of(&org.path) {
            return Err(AppError::forbidden(
                "Chỉ ủy ban kiểm tra của tổ chức viết và ban hành báo cáo tổng hợp gợi ý kiểm điểm",
            ));
        }
    } else if !p.access.runs(&org.path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức (cơ quan ban hành) viết và duyệt báo cáo của mình",
        ));
    }
    Ok(org)
}

/// The register's type for reports of `kind`: each issuing body numbers its own.
fn register_type(kind: Kind) -> &'static str {
    if kind.by_inspection() {
        "BC-UBKT"
    } else {
        DOC_TYPE
    }
}

fn check_year(year: i32) -> Result<(), AppError> {
    if (2000..=crate::today().year() + 1).contains(&year) {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// The figures of the organisation's year that a report may insert.
pub fn figures(
    conn: &mut AnyConnection,
    org: &organizations::Organization,
    year: i32,
) -> Result<Vec<Figure>, AppError> {
    let s = crate::statistics::compute(conn, org, year)?;
    let own = org_assessments::find(conn, year, org.id)?;
    let t = &s.total;
    let o = &s.organizations;
    let branches = organizations::subtree(conn, &org.path)?
        .iter()
        .filter(|b| b.kind == "branch")
        .count();
    // P3: the review suggestions issued in the year's cycles on and under the organisation.
    let (mut issued, mut answered) = (0usize, 0usize);
    for (c, _, _) in cycles::list(conn, Some(year), None)?
        .into_iter()
        .filter(|(_, path, _)| path.starts_with(&org.path))
    {
        for x in suggestions::of_cycle(conn, c.id)? {
            issued += 1;
            if x.status == SuggestionStatus::Answered {
                answered += 1;
            }
        }
    }
    let f = |key: &str, label: &str, value: String| Figure {
        key: key.into(),
        label: label.into(),
        value,
    };
    Ok(vec![
        f("nam", "Năm", year.to_string()),
        f("nam_sau", "Năm sau", (year + 1).to_string()),
        f("ten_to_chuc", "Tên tổ chức", org.name.clone()),
        f("so_chi_bo", "Số chi bộ", branches.to_string()),
        f(
            "tong_so_dang_vien",
            "Tổng số đảng viên",
            t.members.to_string(),
        ),
        f(
            "hoan_thanh_xuat_sac",
            "Hoàn thành xuất sắc nhiệm vụ",
            t.excellent.to_string(),
        ),
        f(
            "ty_le_hoan_thanh_xuat_sac",
            "Tỷ lệ hoàn thành xuất sắc",
            domain::percent(t.excellent_permille),
        ),
        f(
            "hoan_thanh_tot",
            "Hoàn thành tốt nhiệm vụ",
            t.good.to_string(),
        ),
        f(
            "ty_le_hoan_thanh_tot",
            "Tỷ lệ hoàn thành tốt",
            domain::percent(t.good_permille),
        ),
        f("hoan_thanh", "Hoàn thành nhiệm vụ", t.completed.to_string()),
        f(
            "ty_le_hoan_thanh",
            "Tỷ lệ hoàn thành",
            domain::percent(t.completed_permille),
        ),
        f(
            "khong_hoan_thanh",
            "Không hoàn thành nhiệm vụ",
            t.not_completed.to_string(),
        ),
        f(
            "ty_le_khong_hoan_thanh",
            "Tỷ lệ không hoàn thành",
            domain::percent(t.not_completed_permille),
        ),
        f(
            "chua_xep_loai",
            "Chưa xếp loại",
            (t.not_voted + t.unresolved + t.pending + t.not_classified).to_string(),
        ),
        f(
            "so_goi_y",
            "Số nội dung gợi ý kiểm điểm",
            issued.to_string(),
        ),
        f(
            "so_goi_y_da_giai_trinh",
            "Số nội dung đã giải trình",
            answered.to_string(),
        ),
        f(
            "so_goi_y_chua_giai_trinh",
            "Số nội dung chưa giải trình",
            (issued - answered).to_string(),
        ),
        f(
            "so_to_chuc_xep_loai",
            "Số tổ chức đảng được xếp loại",
            o.classified.to_string(),
        ),
        f(
            "to_chuc_trong_sach_vung_manh",
            "Trong sạch vững mạnh",
            o.clean_strong.to_string(),
        ),
        f(
            "to_chuc_tieu_bieu",
            "Trong đó tiêu biểu",
            o.exemplary.to_string(),
        ),
        f(
            "to_chuc_tot",
            "Hoàn thành tốt nhiệm vụ (tổ chức)",
            o.good.to_string(),
        ),
        f(
            "to_chuc_hoan_thanh",
            "Hoàn thành nhiệm vụ (tổ chức)",
            o.completed.to_string(),
        ),
        f("to_chuc_yeu_kem", "Yếu kém", o.weak.to_string()),
        f(
            "tong_diem_tu_cham",
            "Tổng điểm tự chấm",
            own.as_ref()
                .map_or_else(|| "chưa chấm".into(), |a| a.self_total.to_string()),
        ),
        f(
            "muc_xep_loai_to_chuc",
            "Mức tự xếp loại",
            own.as_ref().map_or_else(
                || "chưa xếp loại".into(),
                |a| crate::documents::org_level_label(Some(&a.level)).to_owned(),
            ),
        ),
    ])
}

fn pairs(figures: &[Figure]) -> Vec<(&str, String)> {
    figures
        .iter()
        .map(|f| (f.key.as_str(), f.value.clone()))
        .collect()
}

fn out_of(r: store::Report, figures: &[Figure]) -> PartyReport {
    let rendered = if r.status == "approved" {
        r.body.clone()
    } else {
        // A draft saved with known keys only; a figure that disappeared prints as written.
        domain::expand(&r.body, &pairs(figures)).unwrap_or_else(|_| r.body.clone())
    };
    PartyReport {
        id: r.id,
        organization_id: r.organization_id,
        year: r.year,
        rule: Kind::parse(&r.kind).map_or("", Kind::rule).into(),
        kind: r.kind,
        title: r.title,
        body: r.body,
        rendered,
        signer_title: r.signer_title,
        signer_name: r.signer_name,
        version: r.version,
        status: r.status,
        number: r.number,
        dated_on: r.dated_on,
        approved_by: r.approved_by,
        approved_at: r.approved_at.map(|t| t.and_utc()),
        updated_by: r.updated_by,
        updated_at: r.updated_at.and_utc(),
    }
}

pub fn of_year(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
) -> Result<YearReports, AppError> {
    check_year(year)?;
    let org = readable(conn, p, org_id)?;
    let figures = figures(conn, &org, year)?;
    let reports = store::of_year(conn, org.id, year)?
        .into_iter()
        .map(|r| out_of(r, &figures))
        .collect();
    Ok(YearReports {
        organization_id: org.id,
        year,
        reports,
        symbol: symbol(&org),
        figures,
    })
}

/// One report; 404 when not written yet.
pub fn get(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    kind: &str,
) -> Result<(PartyReport, organizations::Organization), AppError> {
    check_year(year)?;
    let kind = kind_of(kind)?;
    let org = readable(conn, p, org_id)?;
    let r = store::find(conn, org.id, year, kind.as_str())?.ok_or_else(AppError::not_found)?;
    let figures = figures(conn, &org, year)?;
    Ok((out_of(r, &figures), org))
}

pub fn versions(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    kind: &str,
) -> Result<Vec<ReportVersion>, AppError> {
    let (r, _) = get(conn, p, org_id, year, kind)?;
    Ok(store::versions(conn, r.id)?
        .into_iter()
        .map(|v| ReportVersion {
            version: v.version,
            title: v.title,
            body: v.body,
            saved_by: v.saved_by,
            saved_at: v.saved_at.and_utc(),
        })
        .collect())
}

/// Saves a draft (the first version when `version` is 0). 409 `approved` once approved; 412
/// when another save came first; 422 naming an unknown placeholder.
pub fn save(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    kind: &str,
    input: ReportInput,
) -> Result<PartyReport, AppError> {
    check_year(year)?;
    let kind = kind_of(kind)?;
    let org = writable(conn, p, org_id, kind)?;
    let figures = figures(conn, &org, year)?;
    let mut errors = Vec::new();
    for (field, value) in [
        ("title", &input.title),
        ("body", &input.body),
        ("signer_title", &input.signer_title),
        ("signer_name", &input.signer_name),
    ] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, "required", "Không được để trống"));
        }
    }
    if let Err(unknown) = domain::expand(&input.body, &pairs(&figures)) {
        errors.push(FieldError::new(
            "body",
            "unknown_placeholder",
            format!(
                "Không có số liệu {}",
                unknown
                    .iter()
                    .map(|k| format!("{{{{{k}}}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let text = store::Text {
        title: input.title.trim(),
        body: input.body.trim_end(),
        signer_title: input.signer_title.trim(),
        signer_name: input.signer_name.trim(),
    };
    let before = store::find(conn, org.id, year, kind.as_str())?;
    if before.as_ref().is_some_and(|b| b.status == "approved") {
        return Err(AppError::conflict(
            "approved",
            "Báo cáo đã được duyệt và ban hành; không sửa được",
        ));
    }
    let id = match (&before, input.version) {
        (None, 0) => store::create(conn, org.id, year, kind.as_str(), &text, &p.actor())?,
        (Some(b), v) if v == b.version => {
            if !store::save(conn, b.id, v, &text, &p.actor())? {
                return Err(AppError::PreconditionFailed);
            }
            b.id
        }
        _ => return Err(AppError::PreconditionFailed),
    };
    let after = store::find(conn, org.id, year, kind.as_str())?
        .filter(|r| r.id == id)
        .ok_or_else(|| AppError::Internal("report not written".into()))?;
    p.audit("save", "party_report")
        .id(id.to_string())
        .org(org.path.clone())
        .before(&before.map(|b| out_of(b, &figures)))
        .after(&out_of(after.clone(), &figures))
        .record(conn)?;
    Ok(out_of(after, &figures))
}

/// Approves the draft at `version`: the figures frozen into the text, the register's next
/// number, the date given. 409 `approved` when already approved; 412 when saved since.
pub fn approve(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    kind: &str,
    input: ApprovalInput,
) -> Result<PartyReport, AppError> {
    check_year(year)?;
    let kind = kind_of(kind)?;
    let org = writable(conn, p, org_id, kind)?;
    let before = store::find(conn, org.id, year, kind.as_str())?.ok_or_else(AppError::not_found)?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(year + 1, 3, 31).unwrap_or(NaiveDate::MAX);
    let today = crate::today();
    if input.dated_on < first || input.dated_on > last || input.dated_on > today {
        return Err(AppError::Validation(vec![FieldError::new(
            "dated_on",
            "out_of_range",
            format!(
                "Ngày ban hành phải từ 01/01/{year} đến {} và không sau hôm nay",
                last.format("%d/%m/%Y")
            ),
        )]));
    }
    if before.status == "approved" {
        return Err(AppError::conflict(
            "approved",
            format!(
                "Báo cáo đã được duyệt, số {}",
                before.number.as_deref().unwrap_or("")
            ),
        ));
    }
    if before.version != input.version {
        return Err(AppError::PreconditionFailed);
    }
    let figures = figures(conn, &org, year)?;
    let body = domain::expand(&before.body, &pairs(&figures)).map_err(|unknown| {
        AppError::conflict(
            "unknown_placeholder",
            format!("Báo cáo có số liệu không còn: {}", unknown.join(", ")),
        )
    })?;
    let seq = store::next_number(conn, org.id, register_type(kind), input.dated_on.year())?;
    let number = domain::number(
        seq,
        DOC_TYPE,
        &domain::report_issuer(kind, org_kind(&org), &org.name),
    );
    let approval = store::Approval {
        body: &body,
        register_seq: seq,
        number: &number,
        dated_on: input.dated_on,
    };
    if !store::approve(conn, before.id, input.version, &approval, &p.actor())? {
        return Err(AppError::PreconditionFailed);
    }
    let after = store::find(conn, org.id, year, kind.as_str())?
        .ok_or_else(|| AppError::Internal("report not written".into()))?;
    p.audit("approve", "party_report")
        .id(before.id.to_string())
        .org(org.path.clone())
        .before(&out_of(before, &figures))
        .after(&out_of(after.clone(), &figures))
        .record(conn)?;
    Ok(out_of(after, &figures))
}

/// What the document prints: the heading of the issuing body, the number (a draft: "DỰ
/// THẢO"), place and date, title, text, signature.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDoc {
    pub superior: String,
    pub issuer: String,
    pub number: String,
    pub place_date: String,
    pub title: String,
    pub draft: bool,
    pub body: String,
    pub signer_title: String,
    pub signer_name: String,
}

/// The report as it is printed and filed.
pub fn document_data(
    conn: &mut AnyConnection,
    r: &PartyReport,
    org: &organizations::Organization,
) -> Result<ReportDoc, AppError> {
    // As the dossier heads its documents: the organisation, then its committee (bold).
    let kind = Kind::parse(&r.kind).unwrap_or(Kind::CollectiveReview);
    let issuer = match org_kind(org) {
        _ if kind.by_inspection() => "ỦY BAN KIỂM TRA",
        OrgKind::Base => "ĐẢNG ỦY",
        OrgKind::Branch | OrgKind::Cell => "CHI ỦY",
        _ => "BAN THƯỜNG VỤ",
    };
    let draft = r.status != "approved";
    let date = r.dated_on.unwrap_or_else(crate::today);
    let place_date = crate::documents::place_date(conn, &org.path, date)?;
    Ok(ReportDoc {
        superior: org.name.clone(),
        issuer: issuer.to_owned(),
        number: r
            .number
            .as_ref()
            .map_or_else(|| format!("Số     -{}", symbol(org)), |n| format!("Số {n}")),
        place_date: if draft {
            "DỰ THẢO".to_owned()
        } else {
            place_date
        },
        title: r.title.clone(),
        draft,
        body: r.rendered.clone(),
        signer_title: r.signer_title.clone(),
        signer_name: r.signer_name.clone(),
    })
}

/// The report as PDF (A4, party conventions) or DOCX.
pub fn document(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    kind: &str,
    pdf: bool,
) -> Result<Vec<u8>, AppError> {
    let (r, org) = get(conn, p, org_id, year, kind)?;
    let d = document_data(conn, &r, &org)?;
    if pdf {
        crate::pdf::render(crate::pdf::PARTY_REPORT, &d)
    } else {
        report_docx(&d)
    }
}

/// The report as DOCX, laid out as the PDF.
pub fn report_docx(d: &ReportDoc) -> Result<Vec<u8>, AppError> {
    use crate::docx::{self, bold, centered, signatures, text};
    let mut doc = docx_rs::Docx::new()
        .add_table(crate::docx::heading(
            &d.superior.to_uppercase(),
            &d.issuer,
            &d.place_date,
        ))
        .add_paragraph(text(&d.number))
        .add_paragraph(centered("", false))
        .add_paragraph(centered("BÁO CÁO", true))
        .add_paragraph(centered(&d.title, true));
    for line in d.body.lines().filter(|l| !l.trim().is_empty()) {
        doc = doc.add_paragraph(if is_section(line) {
            bold(line)
        } else {
            text(line)
        });
    }
    let title = d.signer_title.replace('\n', " ");
    doc = doc.add_paragraph(centered("", false)).add_table(signatures(
        "",
        "",
        &title,
        &d.signer_name,
    ));
    docx::pack(doc)
}

/// A section's title: a Roman numeral and a dot ("II. KẾT QUẢ…"), printed bold.
pub fn is_section(line: &str) -> bool {
    line.split_once(". ").is_some_and(|(n, _)| {
        !n.is_empty() && n.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
    })
}

/// The organisation's approved reports of the year as filed in its dossier: kind, title and
/// PDF, in the order of the kinds (D1, D4). Drafts are not filed.
pub fn filed(
    conn: &mut AnyConnection,
    org: &organizations::Organization,
    year: i32,
) -> Result<Vec<(Kind, String, Vec<u8>)>, AppError> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let Some(r) = store::find(conn, org.id, year, kind.as_str())? else {
            continue;
        };
        if r.status != "approved" {
            continue;
        }
        let r = out_of(r, &[]);
        let d = document_data(conn, &r, org)?;
        let title = format!(
            "Báo cáo số {}: {}",
            r.number.as_deref().unwrap_or(""),
            r.title
        );
        out.push((
            kind,
            title,
            crate::pdf::render(crate::pdf::PARTY_REPORT, &d)?,
        ));
    }
    Ok(out)
}
