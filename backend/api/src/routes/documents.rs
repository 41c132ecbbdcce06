//! Printable documents of a cycle: a member's self-review in the customary form (D2) and
//! the residence committee's request letter with its return address (P2).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use docx_rs::Docx;
use kiemdiem_app::documents::{branch_and_base, level_label, place_date};
use kiemdiem_app::docx::{
    self, body, bold, centered, field, heading, italic_centered, signatures, text,
};
use kiemdiem_app::self_reviews::target_for;
use kiemdiem_store::{feedback, members, self_reviews};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// docx (the only format for now).
    pub format: Option<String>,
}

fn check_format(q: &DocumentQuery) -> Result<(), ApiError> {
    match q.format.as_deref() {
        None | Some("docx") => Ok(()),
        Some(_) => Err(ApiError::Validation(vec![crate::error::FieldError {
            field: "format".into(),
            code: "invalid_format".into(),
            message: "Định dạng phải là docx".into(),
        }])),
    }
}

/// The member's self-review as the customary form (DOCX).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), DocumentQuery),
    responses(
        (status = 200, description = "The document", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = crate::import::FileBody),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle, or not begun", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/self-review/document")]
pub async fn self_review(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    check_format(&q)?;
    let (id, member_id) = path.into_inner();
    let bytes = state
        .db(move |conn| {
            // The inspection commission reads it too (#13), as it reads the self-review.
            let t = target_for(
                conn,
                &p,
                id,
                member_id,
                kiemdiem_domain::access::Access::can_read_self_reviews,
            )?;
            let s = self_reviews::find(conn, id, member_id)?.ok_or_else(ApiError::not_found)?;
            let c = self_reviews::versions(conn, s.id)?
                .into_iter()
                .next()
                .map(|v| v.content)
                .unwrap_or_default();
            let m = &t.member;
            let (base, branch) = branch_and_base(conn, &t.branch_path)?;
            let date = s
                .submitted_at
                .map(|d| d.date())
                .unwrap_or_else(kiemdiem_app::today);
            let mut doc = Docx::new()
                .add_table(heading(
                    &base,
                    &branch,
                    &place_date(conn, &t.branch_path, date)?,
                ))
                .add_paragraph(centered("", false))
                .add_paragraph(centered("BẢN KIỂM ĐIỂM CÁ NHÂN", true))
                .add_paragraph(centered(&format!("Năm {}", t.cycle.year), true))
                .add_paragraph(field("Họ và tên", &m.full_name))
                .add_paragraph(field(
                    "Ngày sinh",
                    &m.date_of_birth.format("%d/%m/%Y").to_string(),
                ))
                .add_paragraph(field(
                    "Chức vụ Đảng, chính quyền, đoàn thể",
                    m.leadership_post
                        .as_deref()
                        .or(m.workplace_post.as_deref())
                        .unwrap_or(""),
                ))
                .add_paragraph(field(
                    "Đơn vị công tác",
                    m.workplace_unit.as_deref().unwrap_or(""),
                ))
                .add_paragraph(field("Sinh hoạt tại chi bộ", &branch))
                .add_paragraph(bold("I. ƯU ĐIỂM"));
            for (title, content) in [
                ("1. Về tư tưởng chính trị", &c.political_ideology),
                ("2. Về phẩm chất đạo đức, lối sống", &c.ethics_lifestyle),
                ("3. Về thực hiện chức trách, nhiệm vụ được giao", &c.duties),
                ("4. Về tổ chức kỷ luật", &c.organisation_discipline),
            ] {
                doc = doc.add_paragraph(bold(title));
                for para in body(content) {
                    doc = doc.add_paragraph(para);
                }
            }
            for (title, content) in [
                ("II. KHUYẾT ĐIỂM, HẠN CHẾ VÀ NGUYÊN NHÂN", &c.shortcomings),
                ("III. BIỆN PHÁP KHẮC PHỤC", &c.remedies),
                (
                    "IV. GIẢI TRÌNH CÁC VẤN ĐỀ ĐƯỢC GỢI Ý KIỂM ĐIỂM",
                    &c.suggestion_answers,
                ),
            ] {
                doc = doc.add_paragraph(bold(title));
                for para in body(content) {
                    doc = doc.add_paragraph(para);
                }
            }
            doc = doc
                .add_paragraph(bold("V. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG"))
                .add_paragraph(text(level_label(c.self_assessed_level.as_deref())))
                .add_paragraph(centered("", false))
                .add_table(signatures(
                    "XÁC NHẬN CỦA CHI ỦY",
                    "",
                    "NGƯỜI TỰ KIỂM ĐIỂM",
                    &m.full_name,
                ));
            if s.on_behalf {
                doc =
                    doc.add_paragraph(italic_centered("(Bản giấy do chi ủy nhập thay đảng viên)"));
            }
            Ok(docx::pack(doc)?)
        })
        .await?;
    Ok(crate::http::docx(bytes, "ban-kiem-diem-ca-nhan"))
}

/// The letter asking the residence party committee for its comments on a member (P2), with
/// the return address (the base organisation's committee).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("request_id" = i64, Path, description = "Request id"), DocumentQuery),
    responses(
        (status = 200, description = "The letter", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = crate::import::FileBody),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such residence request the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/feedback-requests/{request_id}/letter")]
pub async fn residence_letter(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    check_format(&q)?;
    let (id, rid) = path.into_inner();
    let bytes = state
        .db(move |conn| {
            let r = feedback::get(conn, id, rid)?.filter(|r| r.source == "residence").ok_or_else(ApiError::not_found)?;
            let (m, branch_path) = members::get(conn, r.member_id)?.ok_or_else(ApiError::not_found)?;
            // The branch committee prints it; the residence committee's user it is assigned
            // to may print it too.
            let is_assigned = p.user_id.is_some() && r.provider_user_id == p.user_id;
            if !(is_assigned || p.access.can_edit_members(&branch_path)) {
                return Err(ApiError::not_found());
            }
            let (base, branch) = branch_and_base(conn, &branch_path)?;
            let date = r.sent_on.unwrap_or_else(kiemdiem_app::today);
            let committee = m.residence_committee_name.clone().unwrap_or_else(|| "……………………………………".into());
            let due = r.due_on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "……………".into());
            let return_to = format!("Văn phòng Đảng ủy, {base}");
            let doc = Docx::new()
                .add_table(heading(&base, &branch, &place_date(conn, &branch_path, date)?))
                .add_paragraph(centered("", false))
                .add_paragraph(centered("PHIẾU XIN Ý KIẾN NHẬN XÉT", true))
                .add_paragraph(centered("của chi ủy nơi cư trú đối với đảng viên", true))
                .add_paragraph(field("Kính gửi", &format!("Chi ủy {committee}")))
                .add_paragraph(field("Địa chỉ", m.residence_committee_address.as_deref().unwrap_or("……………………………………")))
                .add_paragraph(text(&format!(
                    "Thực hiện kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {}, chi bộ {} đề nghị chi ủy nơi cư trú cho ý kiến nhận xét đối với đảng viên:",
                    chrono::Datelike::year(&date), branch
                )))
                .add_paragraph(field("Họ và tên", &m.full_name))
                .add_paragraph(field("Ngày sinh", &m.date_of_birth.format("%d/%m/%Y").to_string()))
                .add_paragraph(field("Nơi cư trú", m.residence_address.as_deref().unwrap_or("")))
                .add_paragraph(field("Đơn vị công tác", m.workplace_unit.as_deref().unwrap_or("")))
                .add_paragraph(bold("Ý kiến nhận xét của chi ủy nơi cư trú"))
                .add_paragraph(text("(Về thực hiện nghĩa vụ công dân, giữ gìn phẩm chất đạo đức, lối sống; tham gia sinh hoạt ở nơi cư trú)"))
                .add_paragraph(text("……………………………………………………………………………………………"))
                .add_paragraph(text("……………………………………………………………………………………………"))
                .add_paragraph(text("……………………………………………………………………………………………"))
                .add_paragraph(text(&format!("Đề nghị gửi lại phiếu trước ngày {due}, theo địa chỉ: {return_to}.")))
                .add_paragraph(centered("", false))
                .add_table(signatures("T/M CHI ỦY NƠI CƯ TRÚ", "", "T/M CHI ỦY", ""));
            Ok(docx::pack(doc)?)
        })
        .await?;
    Ok(crate::http::docx(bytes, "phieu-xin-y-kien-noi-cu-tru"))
}
