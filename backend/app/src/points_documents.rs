//! The printed forms of a points year (RULES-2025.md T2), as DOCX with the heading of the 2016
//! forms: a member's report on their frame (Mẫu 2A, 2B, 2C; a quarter's Mẫu 05), the decision
//! to re-rate (Mẫu 03) and the list of the review records (Mẫu 04). Each is dated on the event
//! it records (the submission, the re-rating, the decision), not on the day it is printed.

use crate::Actor;
use crate::documents::{branch_and_base, level_label, member_fields, place_date, signed_by_member};
use crate::docx::{self, bold, centered, field, heading, italic_centered, signatures, text};
use crate::dossier::{Cell, Grid, grid_table};
use crate::error::AppError;
use crate::point_assessments::{self as points, ItemPoints, PointAssessment};
use crate::points::{FrameInfo, ShortcomingsInput, TasksInput};
use crate::self_reviews::target_for;
use docx_rs::Docx;
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
) -> docx_rs::Table {
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
            Cell::Text(["I", "II", "III"].get(g_at).copied().unwrap_or("").into()),
            Cell::Text(g.label.to_uppercase()),
            Cell::Text(pts(i64::from(g.max))),
            Cell::Text(pts(self_sum)),
            Cell::Text(appraised_sum.map(pts).unwrap_or_default()),
        ]);
        for (i_at, i) in g.items.iter().enumerate() {
            rows.push(vec![
                Cell::Text((i_at + 1).to_string()),
                Cell::Text(i.label.clone()),
                Cell::Text(pts(i64::from(i.max))),
                Cell::Text(own.get(&i.code).map(|v| pts(*v)).unwrap_or_default()),
                Cell::Text(
                    appraised
                        .and_then(|a| a.get(&i.code))
                        .map(|v| pts(*v))
                        .unwrap_or_default(),
                ),
            ]);
        }
    }
    rows.push(vec![
        Cell::Text(String::new()),
        Cell::Text("TỔNG ĐIỂM".into()),
        Cell::Text("100".into()),
        Cell::Text(pts(own_total)),
        Cell::Text(appraised_total.map(pts).unwrap_or_default()),
    ]);
    grid_table(&Grid {
        title: String::new(),
        subtitle: String::new(),
        headers: vec![
            "TT",
            "Tiêu chí",
            "Điểm tối đa",
            "Tự chấm",
            "Cấp có thẩm quyền chấm",
        ],
        widths: vec![],
        rows,
    })
}

/// The year's tasks, the past shortcomings remedied and the narrative (sections II–IV).
fn figures(mut doc: Docx, tk: &TasksInput, sh: &ShortcomingsInput, narrative: &str) -> Docx {
    doc = doc
        .add_paragraph(bold("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO TRONG NĂM"))
        .add_paragraph(text(&format!(
            "Được giao {} nhiệm vụ; hoàn thành {} (đúng tiến độ {}, vượt yêu cầu {}).",
            tk.assigned, tk.done, tk.on_time, tk.exceeded
        )))
        .add_paragraph(bold("III. KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CHỈ RA"))
        .add_paragraph(text(&format!(
            "Đã được chỉ ra {}; đã khắc phục {}.",
            sh.prior, sh.remedied
        )))
        .add_paragraph(bold("IV. ƯU ĐIỂM, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN"));
    for para in docx::body(narrative) {
        doc = doc.add_paragraph(para);
    }
    doc
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
    let mut doc = Docx::new()
        .add_paragraph(italic_centered(&format!("{form} (Hướng dẫn 43-HD/BTCTW)")))
        .add_table(heading(
            &base,
            &branch,
            &place_date(conn, &t.branch_path, date)?,
        ))
        .add_paragraph(centered("", false))
        .add_paragraph(centered(&title, true))
        .add_paragraph(italic_centered(&format!("({})", f.frame.who)));
    doc = member_fields(doc, m, &branch).add_paragraph(bold("I. TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ"));
    doc = doc.add_table(points_table(
        &f.frame,
        &f.self_points,
        f.appraised_points.as_ref(),
        f.self_general + f.self_tasks,
        f.appraised_total,
    ));
    doc = figures(doc, &f.tasks, &f.shortcomings, &f.narrative);
    doc = doc
        .add_paragraph(bold("V. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG"))
        .add_paragraph(text(level_label(f.proposed_level.as_deref())));
    if f.appraised_at.is_some() {
        doc = doc
            .add_paragraph(bold("VI. THẨM ĐỊNH CỦA CẤP CÓ THẨM QUYỀN"))
            .add_paragraph(field(
                "Mức đề xuất",
                level_label(f.appraised_level.as_deref()),
            ));
        if !f.facts.is_empty() {
            doc = doc.add_paragraph(field("Tình huống phát hiện (S6)", &f.facts.join(", ")));
        }
        if let Some(note) = &f.appraisal_note {
            doc = doc.add_paragraph(field("Ghi chú", note));
        }
    }
    if let Some(d) = &f.decision {
        doc = doc
            .add_paragraph(bold(
                "VII. KẾT QUẢ XẾP LOẠI DO CẤP CÓ THẨM QUYỀN QUYẾT ĐỊNH",
            ))
            .add_paragraph(text(&format!(
                "{}{}",
                level_label(d.level.as_deref()),
                reasons_text(&d.reasons)
            )));
    }
    signed_by_member(doc, &m.full_name, f.on_behalf)
}

/// The decision to re-rate a member (Mẫu 03), dated on the re-rating: the grounds, the level
/// cancelled and the level given, with the rule ids.
pub fn rerating(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
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
    let doc = Docx::new()
        .add_paragraph(italic_centered("Mẫu 03 (Hướng dẫn 43-HD/BTCTW)"))
        .add_table(heading(&above, &issuer, &place_date(conn, &cycle_path, date)?))
        .add_paragraph(centered("", false))
        .add_paragraph(centered("QUYẾT ĐỊNH", true))
        .add_paragraph(centered(
            &format!(
                "về việc hủy kết quả và xếp loại lại chất lượng đảng viên năm {}",
                cycle.year
            ),
            true,
        ))
        .add_paragraph(centered("-----", false))
        .add_paragraph(text(
            "Căn cứ Quy định số 366-QĐ/TW của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị và Hướng dẫn số 43-HD/BTCTW của Ban Tổ chức Trung ương;",
        ))
        .add_paragraph(text(&format!("Xét: {}", d.reason.as_deref().unwrap_or(""))))
        .add_paragraph(centered(&issuer, true))
        .add_paragraph(centered("QUYẾT ĐỊNH", true))
        .add_paragraph(text(&format!(
            "Điều 1. Hủy kết quả xếp loại chất lượng năm {} của đồng chí {} (mức \"{}\").",
            cycle.year,
            t.member.full_name,
            level_label(old.level.as_deref())
        )))
        .add_paragraph(text(&format!(
            "Điều 2. Xếp loại lại đồng chí {} ở mức \"{}\"{}.",
            t.member.full_name,
            level_label(d.level.as_deref()),
            reasons_text(&d.reasons)
        )))
        .add_paragraph(text(
            "Điều 3. Chi ủy, chi bộ nơi đảng viên sinh hoạt và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        ))
        .add_paragraph(centered("", false))
        .add_table(signatures("Nơi nhận", "", "T/M CẤP ỦY", &d.decided_by));
    docx::pack(doc)
}

/// The list of the review records of a points year (Mẫu 04), dated on the decision: every
/// member's report (Mẫu 2A, 2B, 2C) with its state, the appraisal, the points and the level.
pub fn records(conn: &mut AnyConnection, p: &Actor, cycle_id: i64) -> Result<Vec<u8>, AppError> {
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
    let rows: Vec<Vec<Cell>> = board
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                Cell::Text((i + 1).to_string()),
                Cell::Text(r.member_name.clone()),
                Cell::Text(r.branch_name.clone()),
                Cell::Text(form_of(&r.frame).into()),
                Cell::Text(status(&r.assessment).into()),
                Cell::Text(if r.points_from.is_some() {
                    pts(i64::from(r.total))
                } else {
                    String::new()
                }),
                Cell::Text(if r.decided {
                    level_label(r.level.as_deref()).into()
                } else {
                    "Chưa quyết định".into()
                }),
            ]
        })
        .collect();
    let decided = board.rows.iter().filter(|r| r.decided).count();
    let doc = Docx::new()
        .add_paragraph(italic_centered("Mẫu 04 (Hướng dẫn 43-HD/BTCTW)"))
        .add_table(heading(
            &above,
            &org.name.to_uppercase(),
            &place_date(conn, &cycle_path, date)?,
        ))
        .add_paragraph(centered("", false))
        .add_paragraph(centered(
            "DANH MỤC HỒ SƠ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG",
            true,
        ))
        .add_paragraph(centered(&format!("Năm {}", cycle.year), true))
        .add_paragraph(text(&format!(
            "{} đảng viên; {} đã có quyết định xếp loại của cấp có thẩm quyền.",
            board.rows.len(),
            decided
        )))
        .add_table(grid_table(&Grid {
            title: String::new(),
            subtitle: String::new(),
            headers: vec![
                "TT",
                "Họ và tên",
                "Chi bộ",
                "Bản kiểm điểm",
                "Tình trạng",
                "Tổng điểm",
                "Mức xếp loại",
            ],
            widths: vec![],
            rows,
        }))
        .add_paragraph(centered("", false))
        .add_table(signatures("NGƯỜI LẬP", "", "T/M CẤP ỦY", ""));
    docx::pack(doc)
}

/// A collective's report (Mẫu 01): its points on frame F1 (…/30, …/70, …/100) with the
/// superior's, its tasks, the report text, the proposed and the decided level, dated on the
/// submission, signed for the committee.
pub fn collective(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
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
    let mut doc = Docx::new()
        .add_paragraph(italic_centered("Mẫu 01 (Hướng dẫn 43-HD/BTCTW)"))
        .add_table(heading(
            &above_name(conn, &org.path)?,
            &org.name.to_uppercase(),
            &place_date(conn, &org.path, date)?,
        ))
        .add_paragraph(centered("", false))
        .add_paragraph(centered("BÁO CÁO", true))
        .add_paragraph(centered(
            &format!(
                "kiểm điểm, đánh giá, xếp loại chất lượng tập thể năm {}",
                cycle.year
            ),
            true,
        ))
        .add_paragraph(bold("I. TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ (tổng 100 điểm)"))
        .add_table(points_table(
            &f.frame,
            &f.self_points,
            f.appraised_points.as_ref(),
            f.self_general + f.self_tasks,
            f.appraised_total,
        ))
        .add_paragraph(text(&format!(
            "Tiêu chí chung: {}/30 điểm; kết quả thực hiện nhiệm vụ: {}/70 điểm; tổng: {}/100 điểm.",
            pts(f.self_general),
            pts(f.self_tasks),
            pts(f.self_general + f.self_tasks)
        )));
    doc = figures(doc, &f.tasks, &f.shortcomings, &f.narrative)
        .add_paragraph(bold("V. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG"))
        .add_paragraph(text(level_label(f.proposed_level.as_deref())));
    if let Some(d) = &f.decision {
        doc = doc
            .add_paragraph(bold("VI. KẾT QUẢ XẾP LOẠI DO CẤP CÓ THẨM QUYỀN QUYẾT ĐỊNH"))
            .add_paragraph(text(&format!(
                "{}{}",
                level_label(Some(&d.level)),
                reasons_text(&d.reasons)
            )));
    }
    doc = doc.add_paragraph(centered("", false)).add_table(signatures(
        "Nơi nhận",
        "",
        "T/M CẤP ỦY",
        "",
    ));
    docx::pack(doc)
}
