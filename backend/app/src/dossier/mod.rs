//! The base organisation's yearly dossier (D1–D4): every document built from the stored data of
//! the year, as people print them (DOCX for reports, XLSX for tables, the tables in both), and
//! bundled into one ZIP with a manifest (names, sizes, SHA-256) and the list of what is missing.

use crate::attachments::AttachmentRecord;
use crate::documents::{level_label, org_level_label, place_date};
use crate::docx::{self, bold, centered, field, heading, italic_centered, signatures, text};
use crate::error::AppError;
use crate::printed::{Cell, Grid, Printed, grid_table};
use crate::spreadsheet::XLSX;
use crate::statistics::{self as reports, Statistics};
use chrono::{DateTime, NaiveDate, Utc};
use docx_rs::{Docx, PageOrientationType, Table};
use kiemdiem_domain::classification::Status;
use kiemdiem_domain::feedback::Source;
use kiemdiem_domain::organization::AssessmentStatus;
use kiemdiem_domain::party_report::Kind;
use kiemdiem_domain::rewards::NominationStatus;
use kiemdiem_store::voting as results;
use kiemdiem_store::{
    AnyConnection, cycles, feedback, key_cadre, members, org_assessments, organizations,
    professional_ratings, rewards, self_reviews, suggestions,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// The manifest's format; changes that break readers raise it.
pub const MANIFEST_VERSION: u32 = 1;

/// The leaders' dossier to the province (plan II.5).
pub mod leaders;

/// The documents of the dossier (D1–D4), in filing order.
pub use kiemdiem_domain::dossier::DOCUMENTS;
use kiemdiem_domain::dossier::DossierKind;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ManifestDocument {
    /// The file's name inside the ZIP.
    pub name: String,
    pub title: String,
    /// D1, D2, D3 or D4.
    pub rule: String,
    pub media_type: String,
    pub size: u64,
    /// Hex SHA-256 of the file.
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MissingItem {
    pub document: String,
    pub rule: String,
    pub reason: String,
    /// A blocking item stops the submission (409); the others are listed for the superior.
    pub blocking: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ManifestOrganization {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// `manifest.json` inside the ZIP.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Manifest {
    /// The manifest's format (1).
    pub version: u32,
    /// base (the yearly file to the committee above) or leaders (to the province, plan II.5).
    #[serde(default = "base_kind")]
    pub kind: String,
    pub organization: ManifestOrganization,
    pub year: i32,
    pub generated_at: DateTime<Utc>,
    pub generated_by: String,
    /// The plan's date for the summary to the superior (`district_summary`).
    pub deadline: Option<NaiveDate>,
    pub documents: Vec<ManifestDocument>,
    pub missing: Vec<MissingItem>,
    /// The scans of signed originals, in the ZIP under `scans/` (issue #16).
    #[serde(default)]
    pub attachments: Vec<ManifestAttachment>,
}

fn base_kind() -> String {
    DossierKind::Base.as_str().into()
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ManifestAttachment {
    /// The file's name inside the ZIP.
    pub name: String,
    #[serde(flatten)]
    pub record: AttachmentRecord,
}

pub struct Bundle {
    pub manifest: Manifest,
    pub files: Vec<(String, Vec<u8>)>,
}

impl Bundle {
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }

    /// The ZIP: the manifest first, then the documents.
    pub fn zip(&self) -> Result<Vec<u8>, AppError> {
        use std::io::Write;
        let x = |e: zip::result::ZipError| AppError::Internal(format!("zip: {e}"));
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let manifest = serde_json::to_vec_pretty(&self.manifest)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        w.start_file("manifest.json", opts).map_err(x)?;
        w.write_all(&manifest)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        for (name, bytes) in &self.files {
            w.start_file(name.as_str(), opts).map_err(x)?;
            w.write_all(bytes)
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        Ok(w.finish().map_err(x)?.into_inner())
    }
}

pub use crate::attachments::sha256_hex;

/// The file a committee's approved report is filed as in the dossier (issue #16).
pub fn report_file(kind: Kind) -> &'static str {
    match kind {
        Kind::CollectiveReview => "01-bao-cao-kiem-diem-tap-the-da-ban-hanh.pdf",
        Kind::PartyBuildingSummary => "08-bao-cao-tong-ket-cong-tac-xay-dung-dang.pdf",
        Kind::InspectionSummary => "09-bao-cao-tong-hop-goi-y-kiem-diem.pdf",
    }
}

pub fn media_type(name: &str) -> &'static str {
    if name.ends_with(".xlsx") {
        XLSX
    } else if name.ends_with(".pdf") {
        crate::pdf::MIME
    } else {
        docx::MIME
    }
}

fn professional_label(level: &str) -> &'static str {
    match level {
        "excellent" => "Hoàn thành xuất sắc nhiệm vụ",
        "good" => "Hoàn thành tốt nhiệm vụ",
        "completed" => "Hoàn thành nhiệm vụ",
        "completed_limited" => "Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực",
        _ => "Không hoàn thành nhiệm vụ",
    }
}

fn reward_label(reward: &str) -> &'static str {
    match reward {
        "member_certificate" => "Giấy khen đảng viên HTXSNV 5 năm liền",
        "member_commendation" => "Bằng khen đảng viên HTXSNV 5 năm liền",
        "branch_certificate" => "Giấy khen chi bộ TSVM tiêu biểu 5 năm liền",
        "base_certificate" => "Giấy khen tổ chức cơ sở đảng TSVM tiêu biểu 5 năm liền",
        "base_commendation" => "Bằng khen tổ chức cơ sở đảng TSVM tiêu biểu 5 năm liền",
        "base_banner" => "Cờ thi đua của Tỉnh ủy",
        _ => "",
    }
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub fn grid_xlsx(g: &Grid) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    sheet
        .write_string_with_format(0, 0, &g.title, &title)
        .map_err(x)?;
    sheet.write_string(1, 0, &g.subtitle).map_err(x)?;
    let printed = crate::today().format("%d/%m/%Y");
    sheet
        .write_string(2, 0, format!("Ngày lập: {printed}"))
        .map_err(x)?;
    let first = 4u32;
    for (c, h) in g.headers.iter().enumerate() {
        sheet
            .write_string_with_format(first, c as u16, *h, &head)
            .map_err(x)?;
    }
    for (i, r) in g.rows.iter().enumerate() {
        let row = first + 1 + i as u32;
        for (c, v) in r.iter().enumerate() {
            match v {
                Cell::Text(s) => sheet.write_string_with_format(row, c as u16, s, &cell),
                Cell::Number(n) => sheet.write_number_with_format(row, c as u16, *n, &cell),
            }
            .map_err(x)?;
        }
    }
    for (c, w) in g.widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w).map_err(x)?;
    }
    sheet.set_row_height(first, 45).map_err(x)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(first, first).map_err(x)?;
    book.save_to_buffer().map_err(x)
}

/// What the documents are built from: the base, its cycle and the year's records.
pub struct Data {
    pub base: organizations::Organization,
    pub cycle: cycles::Cycle,
    pub deadline: Option<NaiveDate>,
    place_date: String,
    branches: HashMap<i64, String>,
    members: Vec<(members::Member, String)>,
    standing: HashMap<i64, results::Result_>,
    own: Option<org_assessments::Assessment>,
    statistics: Statistics,
    reviews: HashMap<i64, self_reviews::Content>,
    requests: Vec<feedback::Request>,
    opinions: HashMap<i64, feedback::Opinion>,
    suggestions: Vec<suggestions::Suggestion>,
    meetings: Vec<(key_cadre::Meeting, Vec<key_cadre::Assessment>)>,
    ratings: HashMap<i64, professional_ratings::Rating>,
    nominations: Vec<rewards::Nomination>,
    next_registration: bool,
    /// The opinions the branch meetings gave on each member (D2), latest session last.
    meeting_opinions: HashMap<i64, String>,
    /// The signed originals scanned for the year (issue #16).
    scans: Vec<(AttachmentRecord, Vec<u8>)>,
    /// The committee's approved reports of the year (D1, D4), as PDF.
    reports: Vec<(Kind, String, Vec<u8>)>,
    /// The cycles of the year on the base and under it.
    cycle_ids: Vec<i64>,
    /// The organisation's own review: what its branches said of its self-review (II.2.3),
    /// the masses' opinions on each branch from the clusters (II.2.2.1), its review meetings
    /// and whom they invited (C.4), the appraisal teams sent to it (C.5).
    own_review: OwnReview,
}

struct OwnReview {
    branch_opinions: Vec<kiemdiem_store::branch_opinions::Opinion>,
    clusters: Vec<kiemdiem_store::feedback_clusters::Cluster>,
    cluster_opinions: Vec<kiemdiem_store::feedback_clusters::Opinion>,
    meetings: Vec<kiemdiem_store::review_meetings::Meeting>,
    teams: Vec<kiemdiem_store::appraisal_teams::Team>,
}

/// The leaders' own review meeting of plan II.3 (`key_cadre_meetings.kind`).
const LEADERS_REVIEW: &str = "leaders_review";

/// How many attended a leaders' meeting, with their names where recorded (plan II.2.1).
fn attendance(m: &key_cadre::Meeting) -> String {
    let names: Vec<String> = serde_json::from_str(&m.attendee_names).unwrap_or_default();
    if names.is_empty() {
        m.attendees.to_string()
    } else {
        format!("{} ({})", m.attendees, names.join(", "))
    }
}

/// The base's cycle of the year and the plan's date for that kind of dossier (P1: the
/// summary to the superior, `district_summary`; the leaders' dossier, `province_dossiers`).
pub fn cycle_of(
    conn: &mut AnyConnection,
    base_id: i64,
    year: i32,
    kind: DossierKind,
) -> Result<Option<(cycles::Cycle, Option<NaiveDate>)>, AppError> {
    let Some((cycle, _, _)) = cycles::list(conn, Some(year), Some(base_id))?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let deadline = cycles::phases(conn, cycle.id)?
        .into_iter()
        .find(|p| p.code == kind.deadline_phase())
        .map(|p| p.ends_on);
    Ok(Some((cycle, deadline)))
}

pub fn load(
    conn: &mut AnyConnection,
    base: organizations::Organization,
    cycle: cycles::Cycle,
    deadline: Option<NaiveDate>,
) -> Result<Data, AppError> {
    let year = cycle.year;
    let orgs = organizations::subtree(conn, &base.path)?;
    let branches = orgs
        .iter()
        .map(|o| (o.id, o.name.clone()))
        .collect::<HashMap<_, _>>();
    // The cycles of the year on the base and under it (a branch may run its own).
    let cycle_ids: Vec<i64> = cycles::list(conn, Some(year), None)?
        .into_iter()
        .filter(|(_, path, _)| path.starts_with(&base.path))
        .map(|(c, _, _)| c.id)
        .collect();
    let mut standing = HashMap::new();
    let mut reviews = HashMap::new();
    let mut requests = Vec::new();
    let mut opinions = HashMap::new();
    let mut suggestions_all = Vec::new();
    let mut meetings = Vec::new();
    let mut ratings = HashMap::new();
    let mut meeting_opinions = HashMap::new();
    for &c in &cycle_ids {
        for session in results::of_cycle(conn, c)? {
            for n in kiemdiem_store::records::notes(conn, session.id)? {
                if let Some(o) = n.opinions {
                    meeting_opinions.insert(n.member_id, o);
                }
            }
        }
        for r in results::results_of_cycle(conn, c)? {
            if r.state.stands() {
                standing.insert(r.member_id, r);
            }
        }
        for s in self_reviews::of_cycle(conn, c)? {
            if let Some(v) = self_reviews::versions(conn, s.id)?.into_iter().next() {
                reviews.insert(s.member_id, v.content);
            }
        }
        requests.extend(feedback::of_cycle(conn, c)?);
        for o in feedback::opinions_of_cycle(conn, c)? {
            opinions.insert(o.member_id, o);
        }
        suggestions_all.extend(suggestions::of_cycle(conn, c)?);
        meetings.extend(key_cadre::of_cycle(conn, c)?);
        for r in professional_ratings::of_cycle(conn, c)? {
            ratings.insert(r.member_id, r);
        }
    }
    let ids: Vec<i64> = orgs.iter().map(|o| o.id).collect();
    let clusters = kiemdiem_store::feedback_clusters::of_cycle(conn, cycle.id)?;
    let own_review = OwnReview {
        branch_opinions: kiemdiem_store::branch_opinions::of_cycle(conn, cycle.id)?,
        cluster_opinions: {
            let ids: Vec<i64> = clusters.iter().map(|c| c.id).collect();
            kiemdiem_store::feedback_clusters::opinions(conn, &ids)?
        },
        clusters,
        meetings: kiemdiem_store::review_meetings::of_cycle(conn, cycle.id)?,
        teams: kiemdiem_store::appraisal_teams::of_org(conn, base.id, year)?
            .into_iter()
            .filter(|t| t.target_id == base.id)
            .collect(),
    };
    Ok(Data {
        place_date: place_date(conn, &base.path, crate::today())?,
        reports: crate::party_reports::filed(conn, &base, year)?,
        members: members::under(conn, &base.path)?,
        own: org_assessments::find(conn, year, base.id)?,
        statistics: reports::compute(conn, &base, year)?,
        nominations: rewards::list(conn, &ids, year)?,
        next_registration: rewards::registered(conn, base.id, year + 1)?,
        base,
        cycle,
        deadline,
        branches,
        standing,
        reviews,
        requests,
        opinions,
        suggestions: suggestions_all,
        meetings,
        ratings,
        meeting_opinions,
        scans: crate::attachments::of_cycles_with_content(conn, &cycle_ids)?,
        cycle_ids,
        own_review,
    })
}

impl Data {
    fn branch_name(&self, path: &str) -> String {
        organizations::path_ids(path)
            .last()
            .and_then(|id| self.branches.get(id))
            .cloned()
            .unwrap_or_default()
    }

    fn result_label(&self, member_id: i64) -> String {
        match self.standing.get(&member_id) {
            None => "Chưa bỏ phiếu".into(),
            Some(r) => match r.status {
                Status::Classified => level_label(r.level.as_deref()).into(),
                Status::Pending => "Chưa xếp loại (M3)".into(),
                Status::NotClassified => "Không xếp loại (M4, M5)".into(),
                Status::Unresolved => "Bỏ phiếu lại".into(),
            },
        }
    }

    fn feedback_of(&self, member_id: i64, source: Source) -> String {
        let answered: Vec<String> = self
            .requests
            .iter()
            .filter(|r| r.member_id == member_id && r.source == source)
            .filter_map(|r| {
                let content = r.content.clone().unwrap_or_default();
                let level = r.proposed_level.as_deref().map(|l| level_label(Some(l)));
                match (content.trim().is_empty(), level) {
                    (true, None) => None,
                    (_, Some(l)) if content.trim().is_empty() => Some(l.to_owned()),
                    (_, Some(l)) => Some(format!("{content} (đề xuất: {l})")),
                    (_, None) => Some(content),
                }
            })
            .collect();
        answered.join("; ")
    }

    fn key_cadre_level(&self, member_id: i64) -> Option<&str> {
        self.meetings
            .iter()
            .rev()
            .flat_map(|(_, a)| a.iter())
            .find(|a| a.member_id == member_id)
            .map(|a| a.proposed_level.as_str())
    }

    fn heading(&self) -> Table {
        heading(&self.base.name.to_uppercase(), "ĐẢNG ỦY", &self.place_date)
    }

    /// D1: the collective's report, its answers to the suggestions, the opinions gathered.
    /// One description, printed as DOCX (the annex in the ZIP) or PDF (`?format=pdf`).
    fn collective_report(&self) -> Printed {
        let year = self.cycle.year;
        let mut doc = self
            .printed(
                "BÁO CÁO",
                format!("Kiểm điểm tập thể {} năm {year}", self.base.name),
            )
            .section("I. KẾT QUẢ TỰ ĐÁNH GIÁ, XẾP LOẠI TỔ CHỨC ĐẢNG");
        match &self.own {
            None => doc = doc.text("Chưa tự chấm điểm."),
            Some(a) => {
                doc = doc
                    .field("Tổng điểm tự chấm", a.self_total.to_string())
                    .field(
                        "Điểm cấp trên chấm",
                        a.superior_total
                            .map_or_else(|| "Chưa chấm".into(), |v| v.to_string()),
                    )
                    .field(
                        "Mức xếp loại",
                        format!(
                            "{}{}",
                            org_level_label(Some(&a.level)),
                            if a.exemplary { " (tiêu biểu)" } else { "" }
                        ),
                    );
            }
        }
        let s = &self.statistics.total;
        let pct = |n: u32| format!("{},{}%", n / 10, n % 10);
        doc = doc
            .section("II. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI ĐẢNG VIÊN")
            .field("Tổng số đảng viên", s.members.to_string())
            .field(
                "Hoàn thành xuất sắc nhiệm vụ",
                format!("{} ({})", s.excellent, pct(s.excellent_permille)),
            )
            .field(
                "Hoàn thành tốt nhiệm vụ",
                format!("{} ({})", s.good, pct(s.good_permille)),
            )
            .field(
                "Hoàn thành nhiệm vụ",
                format!("{} ({})", s.completed, pct(s.completed_permille)),
            )
            .field(
                "Không hoàn thành nhiệm vụ",
                format!("{} ({})", s.not_completed, pct(s.not_completed_permille)),
            )
            .field(
                "Chưa xếp loại, không xếp loại",
                (s.pending + s.not_classified).to_string(),
            )
            .section("III. GIẢI TRÌNH CÁC NỘI DUNG ĐƯỢC GỢI Ý KIỂM ĐIỂM");
        let collective: Vec<&suggestions::Suggestion> = self
            .suggestions
            .iter()
            .filter(|s| s.organization_id.is_some())
            .collect();
        if collective.is_empty() {
            doc = doc.text("Không có nội dung gợi ý đối với tập thể.");
        }
        for (i, sg) in collective.iter().enumerate() {
            doc = doc
                .text(format!("{}. Nội dung gợi ý: {}", i + 1, sg.content))
                .field(
                    "Giải trình",
                    sg.explanation.as_deref().unwrap_or("Chưa giải trình"),
                );
        }
        doc = doc.section("IV. TỔNG HỢP Ý KIẾN ĐÓNG GÓP");
        for (source, label) in [
            (
                Source::Workplace,
                "Ý kiến của tổ chức đoàn thể nơi công tác",
            ),
            (Source::Residence, "Ý kiến của chi ủy nơi cư trú"),
            (Source::KeyCadreMeeting, "Ý kiến của tập thể lãnh đạo"),
        ] {
            let all = self.requests.iter().filter(|r| r.source == source).count();
            let back = self
                .requests
                .iter()
                .filter(|r| r.source == source && r.returned_on.is_some())
                .count();
            doc = doc.field(label, format!("{back}/{all} phiếu đã nhận"));
        }
        for (m, _) in &self.meetings {
            let meeting = format!(
                "{} ngày {}",
                if m.kind == LEADERS_REVIEW {
                    "Hội nghị kiểm điểm Ban Giám hiệu, Đảng ủy"
                } else {
                    "Hội nghị cán bộ chủ chốt"
                },
                m.held_on.format("%d/%m/%Y")
            );
            doc = doc.field(format!("{meeting}, số người dự"), attendance(m));
            if let Some(o) = &m.collective_opinion {
                doc = doc.field(meeting, o.clone());
            }
        }
        for (label, value) in self.own_review_lines() {
            doc = match label {
                Some(l) => doc.field(l, value),
                None => doc.section(value),
            };
        }
        doc.blank().signatures("", "", "T/M ĐẢNG ỦY", "")
    }

    /// The annex's lines on the organisation's own review (issue #16): the masses' opinions
    /// on the branches (II.2.2.1), the branches' opinions on the committee's self-review
    /// (II.2.3), the review meetings and the superior's representatives invited (C.4), the
    /// appraisal teams' findings (C.5). (label, text); no label: a section's title.
    fn own_review_lines(&self) -> Vec<(Option<String>, String)> {
        let r = &self.own_review;
        let branch = |id: i64| self.branches.get(&id).cloned().unwrap_or_default();
        let mut out = Vec::new();
        for c in &r.clusters {
            for o in r.cluster_opinions.iter().filter(|o| o.cluster_id == c.id) {
                out.push((
                    Some(format!(
                        "Ý kiến của {} về {} ({}, ngày {})",
                        o.source,
                        branch(o.branch_id),
                        c.name,
                        o.given_on.format("%d/%m/%Y")
                    )),
                    o.content.clone(),
                ));
            }
        }
        if !r.branch_opinions.is_empty() {
            out.push((
                Some("Ý kiến của các chi bộ về bản kiểm điểm của Đảng ủy".into()),
                format!("{} chi bộ đã góp ý", r.branch_opinions.len()),
            ));
        }
        for o in &r.branch_opinions {
            let level = o
                .proposed_level
                .as_deref()
                .map(|l| format!(" (đề nghị xếp loại: {})", org_level_label(Some(l))))
                .unwrap_or_default();
            out.push((
                Some(format!("{}{level}", branch(o.branch_id))),
                o.opinion.clone(),
            ));
        }
        if !r.meetings.is_empty() || !r.teams.is_empty() {
            out.push((None, "V. HỘI NGHỊ KIỂM ĐIỂM VÀ KIỂM TRA, THẨM ĐỊNH".into()));
        }
        for m in &r.meetings {
            let invited: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&m.invited)
                .unwrap_or_default()
                .iter()
                .map(|i| {
                    format!(
                        "{} ({})",
                        i["name"].as_str().unwrap_or_default(),
                        i["body"].as_str().unwrap_or_default()
                    )
                })
                .collect();
            out.push((
                Some(format!(
                    "{}, {} ngày {} tại {}",
                    m.subject,
                    m.held_at.format("%H:%M"),
                    m.held_at.format("%d/%m/%Y"),
                    m.place
                )),
                format!(
                    "mời {}; {}",
                    if invited.is_empty() {
                        "chưa mời đại biểu cấp trên".to_owned()
                    } else {
                        invited.join(", ")
                    },
                    m.notified_at
                        .map_or("chưa báo cáo cấp trên".to_owned(), |d| {
                            format!("đã báo cáo cấp trên ngày {}", d.format("%d/%m/%Y"))
                        })
                ),
            ));
        }
        for t in &r.teams {
            let conclusion = match t.conclusion.as_deref() {
                Some("confirmed") => "Kết luận: giữ nguyên kết quả xếp loại.",
                Some("adjust") => "Kết luận: cần điều chỉnh kết quả xếp loại.",
                _ => "",
            };
            let findings = t.findings.as_deref().map_or_else(
                || "Chưa báo cáo kết quả.".to_owned(),
                |f| {
                    let f = f.trim_end();
                    if f.ends_with('.') {
                        f.to_owned()
                    } else {
                        format!("{f}.")
                    }
                },
            );
            out.push((
                Some(format!(
                    "Đoàn kiểm tra, thẩm định (trưởng đoàn: {}){}",
                    t.leader,
                    t.visit_on
                        .map(|d| format!(", làm việc ngày {}", d.format("%d/%m/%Y")))
                        .unwrap_or_default()
                )),
                format!("{findings} {conclusion}").trim_end().to_owned(),
            ));
        }
        out
    }

    /// D2: per member, the self-assessed level, the answers to the suggestions, every opinion
    /// given and the result — one entry each, printed alike to DOCX and PDF.
    /// `only`: these members (the leaders' dossier), numbered among themselves.
    fn member_entries(&self, only: Option<&HashSet<i64>>) -> Vec<Entry> {
        let mut out = Vec::new();
        let members = self
            .members
            .iter()
            .filter(|(m, _)| only.is_none_or(|o| o.contains(&m.id)));
        for (i, (m, path)) in members.enumerate() {
            let review = self.reviews.get(&m.id);
            let mut fields = vec![(
                "Tự nhận mức".to_owned(),
                review
                    .and_then(|c| c.self_assessed_level.as_deref())
                    .map_or("Chưa nộp bản kiểm điểm", |l| level_label(Some(l)))
                    .to_owned(),
            )];
            let answers: Vec<String> = self
                .suggestions
                .iter()
                .filter(|s| s.member_id == Some(m.id))
                .map(|s| {
                    format!(
                        "{} — {}",
                        s.content,
                        s.explanation.as_deref().unwrap_or("chưa giải trình")
                    )
                })
                .chain(
                    review
                        .map(|c| c.suggestion_answers.clone())
                        .filter(|a| !a.trim().is_empty()),
                )
                .collect();
            if !answers.is_empty() {
                fields.push(("Giải trình nội dung gợi ý".into(), answers.join("; ")));
            }
            for (source, label) in [
                (Source::Workplace, "Ý kiến nơi công tác"),
                (Source::Residence, "Ý kiến nơi cư trú"),
                (Source::KeyCadreMeeting, "Ý kiến tập thể lãnh đạo"),
            ] {
                let f = self.feedback_of(m.id, source);
                if !f.is_empty() {
                    fields.push((label.into(), f));
                }
            }
            if let Some(o) = self.opinions.get(&m.id) {
                fields.push(("Ý kiến tổng hợp của chi ủy".into(), o.content.clone()));
            }
            if let Some(o) = self.meeting_opinions.get(&m.id) {
                fields.push(("Ý kiến tại hội nghị chi bộ".into(), o.clone()));
            }
            let votes = self
                .standing
                .get(&m.id)
                .map(|r| {
                    format!(
                        " (phiếu: {}/{}/{}/{})",
                        r.votes_excellent, r.votes_good, r.votes_completed, r.votes_not_completed
                    )
                })
                .unwrap_or_default();
            fields.push((
                "Kết quả xếp loại".into(),
                format!("{}{votes}", self.result_label(m.id)),
            ));
            if let Some(r) = self.standing.get(&m.id)
                && let (Some(text), Some(by)) = (&r.shortcomings, r.remedy_by)
            {
                fields.push((
                    "Hạn chế cần khắc phục (M9)".into(),
                    format!("{text} — hạn khắc phục {}", by.format("%d/%m/%Y")),
                ));
            }
            out.push(Entry {
                title: Some(format!(
                    "{}. {} ({})",
                    i + 1,
                    m.full_name,
                    self.branch_name(path)
                )),
                fields,
            });
        }
        out
    }

    fn member_summary(&self) -> Result<Vec<u8>, AppError> {
        let mut doc = Docx::new()
            .add_table(self.heading())
            .add_paragraph(centered("", false))
            .add_paragraph(centered(MEMBER_SUMMARY_TITLE, true))
            .add_paragraph(centered(&format!("Năm {}", self.cycle.year), true));
        for e in self.member_entries(None) {
            if let Some(title) = &e.title {
                doc = doc.add_paragraph(bold(title));
            }
            for (label, value) in &e.fields {
                doc = doc.add_paragraph(field(label, value));
            }
        }
        if self.members.is_empty() {
            doc = doc.add_paragraph(text(NO_MEMBERS));
        }
        docx::pack(doc)
    }

    /// D3: one row per cadre (a member with a leadership post).
    pub fn cadres(&self) -> Grid {
        self.cadres_of(None)
    }

    /// D3 for `only` these members (the leaders' dossier), whatever their post.
    fn cadres_of(&self, only: Option<&HashSet<i64>>) -> Grid {
        let collective = org_level_label(self.own.as_ref().map(|a| a.level.as_str()));
        let rows = self
            .members
            .iter()
            .filter(|(m, _)| match only {
                Some(o) => o.contains(&m.id),
                None => m.leadership_post.is_some(),
            })
            .enumerate()
            .map(|(i, (m, _))| {
                vec![
                    Cell::Number((i + 1) as f64),
                    t(m.full_name.clone()),
                    t(m.leadership_post.clone().unwrap_or_default()),
                    t(m.workplace_unit.clone().unwrap_or_default()),
                    t(self.feedback_of(m.id, Source::Workplace)),
                    t(self.feedback_of(m.id, Source::Residence)),
                    t(self
                        .key_cadre_level(m.id)
                        .map(|l| level_label(Some(l)))
                        .unwrap_or("")),
                    t(self.result_label(m.id)),
                    t(self
                        .ratings
                        .get(&m.id)
                        .map(|r| professional_label(&r.level))
                        .unwrap_or("Chưa đánh giá")),
                    t(collective),
                ]
            })
            .collect();
        Grid {
            title: format!("BẢNG TỔNG HỢP XẾP LOẠI CÁN BỘ NĂM {}", self.cycle.year),
            subtitle: self.base.name.clone(),
            headers: vec![
                "STT",
                "Họ và tên",
                "Chức vụ",
                "Đơn vị công tác",
                "Nhận xét của cấp ủy nơi công tác",
                "Nhận xét của cấp ủy nơi cư trú",
                "Mức đề xuất của tập thể lãnh đạo",
                "Xếp loại đảng viên",
                "Xếp loại cán bộ, công chức",
                "Xếp loại tập thể",
            ],
            widths: vec![5.0, 24.0, 20.0, 20.0, 28.0, 28.0, 18.0, 18.0, 18.0, 16.0],
            rows,
        }
    }

    /// O4: the base's sheet, its own and the superior's points.
    fn sheet(&self, rules: &kiemdiem_domain::rule_set::RuleSet) -> Grid {
        let parse = |j: Option<&str>| -> HashMap<String, u32> {
            j.and_then(|j| serde_json::from_str(j).ok())
                .unwrap_or_default()
        };
        let own = parse(self.own.as_ref().map(|a| a.self_points.as_str()));
        let sup = parse(self.own.as_ref().and_then(|a| a.superior_points.as_deref()));
        let num = |v: Option<&u32>| v.map_or_else(|| t(""), |v| Cell::Number(f64::from(*v)));
        let mut rows: Vec<Vec<Cell>> = rules
            .org_sheet
            .criteria
            .iter()
            .map(|c| {
                vec![
                    t(c.code.clone()),
                    t(c.title.clone()),
                    Cell::Number(f64::from(c.max)),
                    num(own.get(&c.code)),
                    num(sup.get(&c.code)),
                ]
            })
            .collect();
        rows.push(vec![
            t(""),
            t("Tổng cộng"),
            Cell::Number(f64::from(rules.org_sheet.max_total())),
            self.own
                .as_ref()
                .map_or_else(|| t(""), |a| Cell::Number(f64::from(a.self_total))),
            self.own
                .as_ref()
                .and_then(|a| a.superior_total)
                .map_or_else(|| t(""), |v| Cell::Number(f64::from(v))),
        ]);
        rows.push(vec![
            t(""),
            t("Mức xếp loại"),
            t(""),
            t(org_level_label(self.own.as_ref().map(|a| a.level.as_str()))),
            t(self
                .own
                .as_ref()
                .filter(|a| a.status == AssessmentStatus::Reviewed)
                .map_or("Chưa chấm", |a| org_level_label(Some(&a.level)))),
        ]);
        Grid {
            title: format!("BẢNG TỰ CHẤM ĐIỂM NĂM {}", self.cycle.year),
            subtitle: self.base.name.clone(),
            headers: vec!["Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Cấp trên chấm"],
            widths: vec![8.0, 60.0, 12.0, 12.0, 14.0],
            rows,
        }
    }

    /// D4: the reward proposals the base (and its branches) made for the year.
    pub fn proposals(&self) -> Grid {
        let name_of = |n: &rewards::Nomination| {
            n.member_id
                .and_then(|id| self.members.iter().find(|(m, _)| m.id == id))
                .map(|(m, _)| m.full_name.clone())
                .or_else(|| {
                    n.organization_id
                        .and_then(|id| self.branches.get(&id).cloned())
                })
                .unwrap_or_default()
        };
        let status = |s: NominationStatus| match s {
            NominationStatus::Nominated => "Đề nghị",
            NominationStatus::Approved => "Đã duyệt",
            NominationStatus::Rejected => "Không duyệt",
            NominationStatus::Revoked => "Đã thu hồi",
        };
        let rows = self
            .nominations
            .iter()
            .enumerate()
            .map(|(i, n)| {
                vec![
                    Cell::Number((i + 1) as f64),
                    t(name_of(n)),
                    t(reward_label(&n.reward)),
                    t(status(n.status)),
                    t(n.note.clone().unwrap_or_default()),
                ]
            })
            .collect();
        Grid {
            title: format!("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {}", self.cycle.year),
            subtitle: self.base.name.clone(),
            headers: vec![
                "STT",
                "Đảng viên / tổ chức",
                "Hình thức",
                "Trạng thái",
                "Ghi chú",
            ],
            widths: vec![5.0, 32.0, 44.0, 14.0, 30.0],
            rows,
        }
    }

    fn grid_docx(&self, g: &Grid, intro: Option<&str>) -> Result<Vec<u8>, AppError> {
        let mut doc = Docx::new()
            .page_orient(PageOrientationType::Landscape)
            .page_size(16838, 11906)
            .add_table(self.heading())
            .add_paragraph(centered("", false))
            .add_paragraph(centered(&g.title, true));
        if let Some(i) = intro {
            doc = doc.add_paragraph(text(i));
        }
        doc = doc.add_table(grid_table(g));
        if g.rows.is_empty() {
            doc = doc.add_paragraph(italic_centered("(Không có)"));
        }
        doc =
            doc.add_paragraph(centered("", false))
                .add_table(signatures("", "", "T/M ĐẢNG ỦY", ""));
        docx::pack(doc)
    }

    /// W6: next year's emulation registration: (title, year line, text).
    fn registration_text(&self) -> (&'static str, String, String) {
        let next = self.cycle.year + 1;
        (
            "BẢN ĐĂNG KÝ THI ĐUA",
            format!("Năm {next}"),
            format!(
                "{} đăng ký phấn đấu đạt danh hiệu tổ chức cơ sở đảng trong sạch, vững mạnh năm {next}.",
                self.base.name
            ),
        )
    }

    fn registration(&self) -> Result<Vec<u8>, AppError> {
        let (title, year, body) = self.registration_text();
        let doc = Docx::new()
            .add_table(self.heading())
            .add_paragraph(centered("", false))
            .add_paragraph(centered(title, true))
            .add_paragraph(centered(&year, true))
            .add_paragraph(text(&body))
            .add_paragraph(centered("", false))
            .add_table(signatures("", "", "T/M ĐẢNG ỦY", ""));
        docx::pack(doc)
    }

    /// The intro of the reward proposals (D4).
    fn proposals_intro(&self) -> String {
        format!(
            "{} đề nghị khen thưởng các đảng viên, tổ chức đảng có thành tích tiêu biểu năm {} như sau:",
            self.base.name, self.cycle.year
        )
    }

    /// The manifest of a bundle of these records, generated now.
    fn manifest(
        &self,
        kind: DossierKind,
        by: &str,
        documents: Vec<ManifestDocument>,
        missing: Vec<MissingItem>,
        attachments: Vec<ManifestAttachment>,
    ) -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            kind: kind.as_str().into(),
            organization: ManifestOrganization {
                id: self.base.id,
                code: self.base.code.clone(),
                name: self.base.name.clone(),
            },
            year: self.cycle.year,
            generated_at: Utc::now(),
            generated_by: by.into(),
            deadline: self.deadline,
            documents,
            missing,
            attachments,
        }
    }

    /// A printed document of the base's committee: the heading, the title and its subtitle.
    fn printed(&self, title: &str, subtitle: String) -> Printed {
        Printed::new()
            .heading(
                self.base.name.to_uppercase(),
                "ĐẢNG ỦY",
                self.place_date.clone(),
            )
            .blank()
            .title(title)
            .title(subtitle)
    }

    /// A table printed as a document of its own, "(Không có)" under an empty one.
    fn printed_grid(&self, g: Grid, intro: Option<String>, landscape: bool) -> Printed {
        let mut doc = self.printed(&g.title, g.subtitle.clone());
        doc.landscape = landscape;
        if let Some(i) = intro {
            doc = doc.text(i);
        }
        let rows: Vec<Vec<String>> = g
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::printed).collect())
            .collect();
        let empty = rows.is_empty();
        doc = doc.push(crate::printed::Block::Table {
            headers: g.headers.clone(),
            widths: g.widths.clone(),
            rows,
        });
        if empty {
            doc = doc.centered("(Không có)");
        }
        doc
    }

    /// The PDF of a dossier document, printed from the same records as its DOCX or XLSX
    /// (issue #16: every document as the office files it); `None` for a document that has
    /// no printed form of its own here (06's statistical form stays XLSX; the committee's
    /// approved reports are PDFs already) or is not available yet.
    pub fn pdf(&self, name: &str) -> Result<Option<Vec<u8>>, AppError> {
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let year = self.cycle.year;
        let start = |title: &str, subtitle: String| self.printed(title, subtitle);
        let grid = |g: Grid, intro: Option<String>, landscape: bool| {
            self.printed_grid(g, intro, landscape)
        };
        let doc = match stem {
            "01-bao-cao-kiem-diem-tap-the" => {
                return self.collective_report().pdf().map(Some);
            }
            "02-tong-hop-y-kien-dang-vien" => {
                let entries = self.member_entries(None);
                let mut doc = start(MEMBER_SUMMARY_TITLE, format!("Năm {year}"));
                if entries.is_empty() {
                    doc = doc.text(NO_MEMBERS);
                }
                for e in entries {
                    if let Some(t) = e.title {
                        doc = doc.section(t);
                    }
                    doc = doc.fields(e.fields);
                }
                doc
            }
            "03-bang-tong-hop-xep-loai-can-bo" => grid(self.cadres(), None, true),
            "04-bang-tu-cham-diem" => {
                let rules = crate::voting::rules_of(&self.cycle)?;
                grid(self.sheet(&rules), None, false)
            }
            "05-de-nghi-khen-thuong" => grid(self.proposals(), Some(self.proposals_intro()), true),
            "07-dang-ky-thi-dua" if self.next_registration => {
                let (title, year_line, body) = self.registration_text();
                start(title, year_line).text(body)
            }
            _ => return Ok(None),
        };
        doc.blank()
            .signatures("", "", "T/M ĐẢNG ỦY", "")
            .pdf()
            .map(Some)
    }
}

const MEMBER_SUMMARY_TITLE: &str = "TỔNG HỢP Ý KIẾN VÀ KẾT QUẢ KIỂM ĐIỂM ĐẢNG VIÊN";
const NO_MEMBERS: &str = "Không có đảng viên.";

/// A titled group of "label: value" lines (one member in D2).
struct Entry {
    title: Option<String>,
    fields: Vec<(String, String)>,
}

/// Builds every document, the manifest and the list of what is missing.
pub fn assemble(data: &Data, by: &str) -> Result<Bundle, AppError> {
    let rules = crate::voting::rules_of(&data.cycle)?;
    let year = data.cycle.year;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut missing = Vec::new();
    let cadres = data.cadres();
    let proposals = data.proposals();
    for name in DOCUMENTS.map(|d| d.name) {
        let bytes = match name {
            "01-bao-cao-kiem-diem-tap-the.docx" => data.collective_report().docx()?,
            "02-tong-hop-y-kien-dang-vien.docx" => data.member_summary()?,
            "03-bang-tong-hop-xep-loai-can-bo.xlsx" => grid_xlsx(&cadres)?,
            "03-bang-tong-hop-xep-loai-can-bo.docx" => data.grid_docx(&cadres, None)?,
            "04-bang-tu-cham-diem.xlsx" => grid_xlsx(&data.sheet(&rules))?,
            "05-de-nghi-khen-thuong.xlsx" => grid_xlsx(&proposals)?,
            "05-de-nghi-khen-thuong.docx" => {
                data.grid_docx(&proposals, Some(&data.proposals_intro()))?
            }
            "06-thong-ke-xep-loai.xlsx" => reports::xlsx(
                &data.statistics,
                &reports::FormHeading {
                    superior: data.base.name.to_uppercase(),
                    issuer: "ĐẢNG ỦY".into(),
                    place_date: data.place_date.clone(),
                    signer: "T/M ĐẢNG ỦY".into(),
                },
            )?,
            _ => {
                if !data.next_registration {
                    missing.push(MissingItem {
                        document: name.into(),
                        rule: "W6".into(),
                        reason: format!("Chưa đăng ký thi đua năm {}", year + 1),
                        blocking: false,
                    });
                    continue;
                }
                data.registration()?
            }
        };
        files.push((name.to_owned(), bytes));
    }
    // The committee's approved reports (issue #16): each its own PDF, numbered and dated;
    // a report not yet approved is listed, not blocking (the annex 01 carries the figures).
    let mut filed: Vec<(String, String, &'static str)> = Vec::new();
    for kind in Kind::ALL {
        let name = report_file(kind);
        match data.reports.iter().find(|(k, _, _)| *k == kind) {
            Some((_, title, bytes)) => {
                files.push((name.to_owned(), bytes.clone()));
                filed.push((name.to_owned(), title.clone(), kind.rule()));
            }
            None => missing.push(MissingItem {
                document: name.into(),
                rule: kind.rule().into(),
                reason: match kind {
                    Kind::CollectiveReview => "Báo cáo kiểm điểm tập thể chưa được duyệt, ban hành",
                    Kind::PartyBuildingSummary => {
                        "Báo cáo tổng kết công tác xây dựng Đảng chưa được duyệt, ban hành"
                    }
                    Kind::InspectionSummary => {
                        "Báo cáo tổng hợp gợi ý kiểm điểm của Ủy ban Kiểm tra chưa được ban hành"
                    }
                }
                .into(),
                blocking: false,
            }),
        }
    }
    if data.own.is_none() {
        missing.push(MissingItem {
            document: "04-bang-tu-cham-diem.xlsx".into(),
            rule: "O4".into(),
            reason: "Đảng ủy chưa tự chấm điểm".into(),
            blocking: true,
        });
    }
    let s = &data.statistics.total;
    let open = s.not_voted + s.unresolved;
    if open > 0 {
        missing.push(MissingItem {
            document: "06-thong-ke-xep-loai.xlsx".into(),
            rule: "M6".into(),
            reason: format!("{open} đảng viên chưa có kết quả xếp loại"),
            blocking: false,
        });
    }
    let documents = files
        .iter()
        .map(|(name, bytes)| {
            let (title, rule) = filed
                .iter()
                .find(|(n, _, _)| n == name)
                .map(|(_, t, r)| (t.as_str(), *r))
                .or_else(|| kiemdiem_domain::dossier::document(name).map(|d| (d.title, d.rule)))
                .unwrap_or(("", ""));
            ManifestDocument {
                name: name.clone(),
                title: title.into(),
                rule: rule.into(),
                media_type: media_type(name).into(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            }
        })
        .collect();
    let mut attachments = Vec::new();
    for (a, bytes) in &data.scans {
        let name = format!("scans/{}-{}", a.id, a.file_name);
        files.push((name.clone(), bytes.clone()));
        attachments.push(ManifestAttachment {
            name,
            record: a.clone(),
        });
    }
    Ok(Bundle {
        manifest: data.manifest(DossierKind::Base, by, documents, missing, attachments),
        files,
    })
}
