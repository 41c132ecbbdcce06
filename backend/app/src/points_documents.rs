//! The printed forms of a points year (RULES-2025.md T2), as DOCX or PDF (`crate::printed`: one
//! description of each form for both) with the heading of the 2016
//! forms: a member's report on their frame (Mẫu 2A, 2B, 2C; a quarter's Mẫu 05), the decision
//! to re-rate (Mẫu 03) and the list of the review records (Mẫu 04). Each is dated on the event
//! it records (the submission, the re-rating, the decision), not on the day it is printed.

use crate::Actor;
use crate::documents::{branch_and_base, level_label, member_field_list, place_date};
use crate::error::AppError;
use crate::point_assessments::{self as points, ItemPoints, PointAssessment};
use crate::points::{FrameInfo, ShortcomingsInput, TasksInput};
use crate::printed::Printed;
use crate::self_reviews::target_for;
use kiemdiem_domain::access::Access;
use kiemdiem_store::{AnyConnection, cycles, organizations, voting};

/// "28,5": tenths of a point as the forms write them.
fn pts(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.abs();
    if t % 10 == 0 {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{},{}", t / 10, t % 10)
    }
}

/// The organisation directly above the one at `path`, as the heading names it.
fn above_name(conn: &mut AnyConnection, path: &str) -> Result<String, AppError> {
    let Some(id) = organizations::path_ids(path).iter().rev().nth(1).copied() else {
        return Ok(String::new());
    };
    Ok(organizations::get(conn, id)?
        .map(|o| o.name.to_uppercase())
        .unwrap_or_default())
}

fn reasons_text(reasons: &[String]) -> String {
    if reasons.is_empty() {
        String::new()
    } else {
        format!(" (căn cứ: {})", reasons.join(", "))
    }
}

/// The frame's groups and items with their maxima, the own and the appraised points, and the
/// totals (S2, C1): the table of Mẫu 01, 2A, 2B, 2C and 05.
fn points_table(
    frame: &FrameInfo,
    own: &ItemPoints,
    appraised: Option<&ItemPoints>,
    own_total: i64,
    appraised_total: Option<i64>,
) -> (&'static [&'static str], Vec<Vec<String>>) {
    let mut rows = Vec::new();
    for (g_at, g) in frame.groups.iter().enumerate() {
        let self_sum: i64 = g
            .items
            .iter()
            .map(|i| own.get(&i.code).copied().unwrap_or(0))
            .sum();
        let appraised_sum = appraised.map(|a| {
            g.items
                .iter()
                .map(|i| a.get(&i.code).copied().unwrap_or(0))
                .sum::<i64>()
        });
        rows.push(vec![
            ["I", "II", "III"].get(g_at).copied().unwrap_or("").into(),
            g.label.to_uppercase(),
            pts(i64::from(g.max)),
            pts(self_sum),
            appraised_sum.map(pts).unwrap_or_default(),
        ]);
        for (i_at, i) in g.items.iter().enumerate() {
            rows.push(vec![
                (i_at + 1).to_string(),
                i.label.clone(),
                pts(i64::from(i.max)),
                own.get(&i.code).map(|v| pts(*v)).unwrap_or_default(),
                appraised
                    .and_then(|a| a.get(&i.code))
                    .map(|v| pts(*v))
                    .unwrap_or_default(),
            ]);
        }
    }
    rows.push(vec![
        String::new(),
        "TỔNG ĐIỂM".into(),
        "100".into(),
        pts(own_total),
        appraised_total.map(pts).unwrap_or_default(),
    ]);
    (
        &[
            "TT",
            "Tiêu chí",
            "Điểm tối đa",
            "Tự chấm",
            "Cấp có thẩm quyền chấm",
        ],
        rows,
    )
}

/// The year's tasks, the past shortcomings remedied and the narrative (sections II–IV).
fn figures(doc: Printed, tk: &TasksInput, sh: &ShortcomingsInput, narrative: &str) -> Printed {
    doc.section("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO TRONG NĂM")
        .text(format!(
            "Được giao {} nhiệm vụ; hoàn thành {} (đúng tiến độ {}, vượt yêu cầu {}).",
            tk.assigned, tk.done, tk.on_time, tk.exceeded
        ))
        .section("III. KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CHỈ RA")
        .text(format!(
            "Đã được chỉ ra {}; đã khắc phục {}.",
            sh.prior, sh.remedied
        ))
        .section("IV. ƯU ĐIỂM, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN")
        .body(narrative)
}

/// The points table as a block.
fn with_points(
    doc: Printed,
    (headers, rows): (&'static [&'static str], Vec<Vec<String>>),
) -> Printed {
    doc.table(headers, rows)
}

/// A member's report on their frame (Mẫu 2A, 2B, 2C for the year; Mẫu 05 for a quarter): the
/// items with their maxima, the person's own points and the appraised ones, the tasks, the
/// shortcomings, the narrative, the proposed level and, once decided, the level.
pub fn assessment(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    period: i32,
    pdf: bool,
) -> Result<Vec<u8>, AppError> {
    let f: PointAssessment = points::get(conn, p, cycle_id, member_id, period)?;
    if f.status == "not_started" {
        return Err(AppError::not_found());
    }
    let t = target_for(conn, p, cycle_id, member_id, Access::can_read_self_reviews)?;
    let (base, branch) = branch_and_base(conn, &t.branch_path)?;
    let date = f
        .submitted_at
        .map(|d| d.date_naive())
        .unwrap_or_else(crate::today);
    let form = if period == 0 {
        f.frame.form.clone()
    } else {
        "Mẫu 05".to_owned()
    };
    let title = if period == 0 {
        format!(
            "BẢN KIỂM ĐIỂM, TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM {}",
            t.cycle.year
        )
    } else {
        format!(
            "BẢN TỰ ĐÁNH GIÁ, XẾP LOẠI QUÝ {} NĂM {}",
            period, t.cycle.year
        )
    };
    let m = &t.member;
    let mut doc = Printed::new()
        .note(format!("{form} (Hướng dẫn 43-HD/BTCTW)"))
        .heading(
            base,
            branch.clone(),
            place_date(conn, &t.branch_path, date)?,
        )
        .blank()
        .title(title)
        .note(format!("({})", f.frame.who))
        .fields(member_field_list(m, &branch))
        .section("I. TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ");
    doc = with_points(
        doc,
        points_table(
            &f.frame,
            &f.self_points,
            f.appraised_points.as_ref(),
            f.self_general + f.self_tasks,
            f.appraised_total,
        ),
    );
    doc = figures(doc, &f.tasks, &f.shortcomings, &f.narrative)
        .section("V. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG")
        .text(level_label(f.proposed_level.as_deref()));
    if f.appraised_at.is_some() {
        doc = doc
            .section("VI. THẨM ĐỊNH CỦA CẤP CÓ THẨM QUYỀN")
            .field("Mức đề xuất", level_label(f.appraised_level.as_deref()));
        if !f.facts.is_empty() {
            doc = doc.field("Tình huống phát hiện (S6)", f.facts.join(", "));
        }
        if let Some(note) = &f.appraisal_note {
            doc = doc.field("Ghi chú", note.clone());
        }
    }
    if let Some(d) = &f.decision {
        doc = doc
            .section("VII. KẾT QUẢ XẾP LOẠI DO CẤP CÓ THẨM QUYỀN QUYẾT ĐỊNH")
            .text(format!(
                "{}{}",
                level_label(d.level.as_deref()),
                reasons_text(&d.reasons)
            ));
    }
    doc = doc.blank().signatures(
        "XÁC NHẬN CỦA CHI ỦY",
        "",
        "NGƯỜI TỰ KIỂM ĐIỂM",
        m.full_name.clone(),
    );
    if f.on_behalf {
        doc = doc.note("(Bản giấy do chi ủy nhập thay đảng viên)");
    }
    doc.render(pdf)
}

/// The decision to re-rate a member (Mẫu 03), dated on the re-rating: the grounds, the level
/// cancelled and the level given, with the rule ids.
pub fn rerating(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    pdf: bool,
) -> Result<Vec<u8>, AppError> {
    let f = points::get(conn, p, cycle_id, member_id, 0)?;
    let t = target_for(conn, p, cycle_id, member_id, Access::can_read_self_reviews)?;
    let not_rerated = || AppError::not_found();
    let d = f
        .decision
        .as_ref()
        .filter(|d| d.rerated)
        .ok_or_else(not_rerated)?;
    let all = voting::results_of_cycle(conn, cycle_id)?;
    let new = all
        .iter()
        .find(|r| r.member_id == member_id && r.session_id.is_none() && r.state.stands())
        .ok_or_else(not_rerated)?;
    let old = all
        .iter()
        .find(|r| Some(r.id) == new.replaces_id)
        .ok_or_else(not_rerated)?;
    let (cycle, cycle_path) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    let issuer = organizations::get(conn, cycle.organization_id)?
        .map(|o| o.name.to_uppercase())
        .unwrap_or_default();
    let above = above_name(conn, &cycle_path)?;
    let date = d.decided_at.date_naive();
    Printed::new()
        .note("Mẫu 03 (Hướng dẫn 43-HD/BTCTW)")
        .heading(above, issuer.clone(), place_date(conn, &cycle_path, date)?)
        .blank()
        .title("QUYẾT ĐỊNH")
        .title(format!(
            "về việc hủy kết quả và xếp loại lại chất lượng đảng viên năm {}",
            cycle.year
        ))
        .centered("-----")
        .text(
            "Căn cứ Quy định số 366-QĐ/TW của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị và Hướng dẫn số 43-HD/BTCTW của Ban Tổ chức Trung ương;",
        )
        .text(format!("Xét: {}", d.reason.as_deref().unwrap_or("")))
        .title(issuer)
        .title("QUYẾT ĐỊNH")
        .text(format!(
            "Điều 1. Hủy kết quả xếp loại chất lượng năm {} của đồng chí {} (mức \"{}\").",
            cycle.year,
            t.member.full_name,
            level_label(old.level.as_deref())
        ))
        .text(format!(
            "Điều 2. Xếp loại lại đồng chí {} ở mức \"{}\"{}.",
            t.member.full_name,
            level_label(d.level.as_deref()),
            reasons_text(&d.reasons)
        ))
        .text(
            "Điều 3. Chi ủy, chi bộ nơi đảng viên sinh hoạt và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        )
        .blank()
        .signatures("Nơi nhận", "", "T/M CẤP ỦY", d.decided_by.clone())
        .render(pdf)
}

/// The list of the review records of a points year (Mẫu 04), dated on the decision: every
/// member's report (Mẫu 2A, 2B, 2C) with its state, the appraisal, the points and the level.
pub fn records(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    pdf: bool,
) -> Result<Vec<u8>, AppError> {
    let board = points::board(conn, p, cycle_id, false)?;
    let (cycle, cycle_path) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    let org = organizations::get(conn, cycle.organization_id)?.ok_or_else(AppError::not_found)?;
    let above = above_name(conn, &cycle_path)?;
    let decided_on = voting::results_of_cycle(conn, cycle_id)?
        .iter()
        .filter(|r| r.session_id.is_none() && r.state.stands())
        .map(|r| r.created_at.date())
        .max();
    let date = decided_on.unwrap_or_else(crate::today);
    let status = |s: &str| match s {
        "draft" => "Đang soạn",
        "submitted" => "Đã nộp",
        "appraised" => "Đã thẩm định",
        "decided" => "Đã quyết định",
        _ => "Chưa lập",
    };
    let form_of = |frame: &str| match frame {
        "F2" | "F3" => "Mẫu 2A",
        "F4" => "Mẫu 2B",
        _ => "Mẫu 2C",
    };
    let rows: Vec<Vec<String>> = board
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                (r.member_name.clone()),
                (r.branch_name.clone()),
                (form_of(&r.frame).into()),
                (status(&r.assessment).into()),
                (if r.points_from.is_some() {
                    pts(i64::from(r.total))
                } else {
                    String::new()
                }),
                (if r.decided {
                    level_label(r.level.as_deref()).into()
                } else {
                    "Chưa quyết định".into()
                }),
            ]
        })
        .collect();
    let decided = board.rows.iter().filter(|r| r.decided).count();
    Printed::new()
        .note("Mẫu 04 (Hướng dẫn 43-HD/BTCTW)")
        .heading(
            above,
            org.name.to_uppercase(),
            place_date(conn, &cycle_path, date)?,
        )
        .blank()
        .title("DANH MỤC HỒ SƠ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG")
        .title(format!("Năm {}", cycle.year))
        .text(format!(
            "{} đảng viên; {} đã có quyết định xếp loại của cấp có thẩm quyền.",
            board.rows.len(),
            decided
        ))
        .table(
            &[
                "TT",
                "Họ và tên",
                "Chi bộ",
                "Bản kiểm điểm",
                "Tình trạng",
                "Tổng điểm",
                "Mức xếp loại",
            ],
            rows,
        )
        .blank()
        .signatures("NGƯỜI LẬP", "", "T/M CẤP ỦY", "")
        .render(pdf)
}

/// A collective's report (Mẫu 01): its points on frame F1 (…/30, …/70, …/100) with the
/// superior's, its tasks, the report text, the proposed and the decided level, dated on the
/// submission, signed for the committee.
pub fn collective(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
    pdf: bool,
) -> Result<Vec<u8>, AppError> {
    let f = crate::collectives::get(conn, p, cycle_id, org_id)?;
    if f.status == "not_started" {
        return Err(AppError::not_found());
    }
    let (cycle, _) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    let org = organizations::get(conn, org_id)?.ok_or_else(AppError::not_found)?;
    let date = f
        .submitted_at
        .map(|d| d.date_naive())
        .unwrap_or_else(crate::today);
    let mut doc = Printed::new()
        .note("Mẫu 01 (Hướng dẫn 43-HD/BTCTW)")
        .heading(
            above_name(conn, &org.path)?,
            org.name.to_uppercase(),
            place_date(conn, &org.path, date)?,
        )
        .blank()
        .title("BÁO CÁO")
        .title(format!(
            "kiểm điểm, đánh giá, xếp loại chất lượng tập thể năm {}",
            cycle.year
        ))
        .section("I. TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ (tổng 100 điểm)");
    doc = with_points(
        doc,
        points_table(
            &f.frame,
            &f.self_points,
            f.appraised_points.as_ref(),
            f.self_general + f.self_tasks,
            f.appraised_total,
        ),
    )
    .text(format!(
        "Tiêu chí chung: {}/30 điểm; kết quả thực hiện nhiệm vụ: {}/70 điểm; tổng: {}/100 điểm.",
        pts(f.self_general),
        pts(f.self_tasks),
        pts(f.self_general + f.self_tasks)
    ));
    doc = figures(doc, &f.tasks, &f.shortcomings, &f.narrative)
        .section("V. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG")
        .text(level_label(f.proposed_level.as_deref()));
    if let Some(d) = &f.decision {
        doc = doc
            .section("VI. KẾT QUẢ XẾP LOẠI DO CẤP CÓ THẨM QUYỀN QUYẾT ĐỊNH")
            .text(format!(
                "{}{}",
                level_label(Some(&d.level)),
                reasons_text(&d.reasons)
            ));
    }
    doc.blank()
        .signatures("Nơi nhận", "", "T/M CẤP ỦY", "")
        .render(pdf)
}
