//! The leaders' dossier to the province (plan II.5, RULES.md P1: "nộp văn bản kiểm điểm tập
//! thể, cá nhân và đánh giá phân loại … của BGH lên Tỉnh ủy trước ngày 15/12"), filed as
//! guidance III.1 lists for a collective and its cadres:
//!
//! - 01: the collective's review report as approved and issued (D1);
//! - 02: the records of the meetings that reviewed the leaders — the key-cadre meeting and the
//!   leaders' own review meeting of 21–22/11 (O6, plan II.3): who chaired, who attended, the
//!   opinion on the collective, and for each leader the opinion, the votes and the level
//!   proposed;
//! - 03: for each leader the opinions gathered and the results (D2, as the base's document 02);
//! - 04: the leaders' classification table (D3, as the base's document 03);
//! - 05-…: each leader's self-review as they submitted it (D2).
//!
//! The leaders are the members those meetings assessed. Our choice where the plan is silent:
//! without the leaders' review meeting, the approved collective report or a leader's
//! submitted self-review the dossier cannot go up (blocking); a leader not yet classified is
//! listed for the province, not blocking (the appraisal may still be open).

use super::{Bundle, Data, LEADERS_REVIEW, ManifestDocument, MissingItem, sha256_hex};
use crate::documents::level_label;
use crate::error::AppError;
use crate::printed::Block;
use kiemdiem_domain::dossier::{DossierKind, LEADER_DOCUMENTS, leader_self_review};
use kiemdiem_domain::party_report::Kind;
use kiemdiem_domain::self_review::Status as ReviewStatus;
use kiemdiem_store::{AnyConnection, members, self_reviews};
use std::collections::HashSet;

const REPORT: &str = "01-bao-cao-kiem-diem-tap-the.pdf";
const MEETINGS: &str = "02-bien-ban-hoi-nghi-kiem-diem-lanh-dao.pdf";
const OPINIONS: &str = "03-tong-hop-y-kien-can-bo-lanh-dao.pdf";
const TABLE: &str = "04-bang-tong-hop-xep-loai-can-bo-lanh-dao.pdf";

impl Data {
    /// Who the leaders' meetings assessed (O6, plan II.3).
    fn leader_ids(&self) -> HashSet<i64> {
        self.meetings
            .iter()
            .flat_map(|(_, a)| a.iter().map(|a| a.member_id))
            .collect()
    }

    /// The leaders in the members' order, each with their branch's path.
    fn leaders(&self) -> Vec<&(members::Member, String)> {
        let ids = self.leader_ids();
        self.members
            .iter()
            .filter(|(m, _)| ids.contains(&m.id))
            .collect()
    }

    /// 02: the records of the key-cadre meeting and the leaders' review meeting, the earlier
    /// first.
    fn leader_meetings_pdf(&self) -> Result<Vec<u8>, AppError> {
        let year = self.cycle.year;
        let name = |id: i64| {
            self.members
                .iter()
                .find(|(m, _)| m.id == id)
                .map_or_else(String::new, |(m, _)| m.full_name.clone())
        };
        let mut doc = self.printed(
            "BIÊN BẢN",
            format!("Hội nghị kiểm điểm tập thể, cá nhân lãnh đạo năm {year}"),
        );
        let mut meetings: Vec<_> = self.meetings.iter().collect();
        meetings.sort_by_key(|(m, _)| (m.held_on, m.id));
        for (i, (m, assessments)) in meetings.into_iter().enumerate() {
            doc = doc
                .section(format!(
                    "{}. {} ngày {}",
                    i + 1,
                    if m.kind == LEADERS_REVIEW {
                        "Hội nghị kiểm điểm tập thể, cá nhân Ban Giám hiệu, Đảng ủy"
                    } else {
                        "Hội nghị cán bộ cốt cán lấy ý kiến đối với tập thể và cá nhân lãnh đạo"
                    },
                    m.held_on.format("%d/%m/%Y")
                ))
                .field("Chủ trì", m.chaired_by.clone())
                .field("Số người dự", super::attendance(m))
                .field(
                    "Ý kiến đối với tập thể",
                    m.collective_opinion.clone().unwrap_or_default(),
                )
                .push(Block::Table {
                    headers: vec![
                        "STT",
                        "Họ và tên",
                        "Ý kiến",
                        "Phiếu HTXSNV",
                        "Phiếu HTTNV",
                        "Phiếu HTNV",
                        "Phiếu KHTNV",
                        "Mức đề xuất",
                    ],
                    widths: vec![5.0, 20.0, 35.0, 9.0, 9.0, 9.0, 9.0, 18.0],
                    rows: assessments
                        .iter()
                        .enumerate()
                        .map(|(j, a)| {
                            vec![
                                (j + 1).to_string(),
                                name(a.member_id),
                                a.opinion.clone(),
                                a.votes_excellent.to_string(),
                                a.votes_good.to_string(),
                                a.votes_completed.to_string(),
                                a.votes_not_completed.to_string(),
                                level_label(Some(&a.proposed_level)).to_owned(),
                            ]
                        })
                        .collect(),
                });
        }
        if self.meetings.is_empty() {
            doc = doc.text("Chưa có hội nghị nào được ghi nhận.");
        }
        doc.blank()
            .signatures("THƯ KÝ HỘI NGHỊ", "", "T/M ĐẢNG ỦY", "")
            .pdf()
    }

    /// 03: each leader's opinions and results, numbered among the leaders.
    fn leader_opinions_pdf(&self, ids: &HashSet<i64>) -> Result<Vec<u8>, AppError> {
        let mut doc = self.printed(
            "TỔNG HỢP Ý KIẾN VÀ KẾT QUẢ KIỂM ĐIỂM CÁN BỘ LÃNH ĐẠO",
            format!("Năm {}", self.cycle.year),
        );
        for e in self.member_entries(Some(ids)) {
            if let Some(t) = e.title {
                doc = doc.section(t);
            }
            doc = doc.fields(e.fields);
        }
        doc.blank().signatures("", "", "T/M ĐẢNG ỦY", "").pdf()
    }

    /// 04: the leaders' classification table, landscape.
    fn leader_table_pdf(&self, ids: &HashSet<i64>) -> Result<Vec<u8>, AppError> {
        let mut g = self.cadres_of(Some(ids));
        g.title = format!(
            "BẢNG TỔNG HỢP XẾP LOẠI CÁN BỘ LÃNH ĐẠO NĂM {}",
            self.cycle.year
        );
        self.printed_grid(g, None, true)
            .blank()
            .signatures("", "", "T/M ĐẢNG ỦY", "")
            .pdf()
    }
}

/// A leader's self-review as submitted (or accepted) in one of the year's cycles.
fn submitted_review(
    conn: &mut AnyConnection,
    data: &Data,
    member_id: i64,
) -> Result<Option<self_reviews::SelfReview>, AppError> {
    for &c in &data.cycle_ids {
        if let Some(s) = self_reviews::find(conn, c, member_id)?
            && matches!(s.status, ReviewStatus::Submitted | ReviewStatus::Accepted)
        {
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// The approved collective report (D1) as filed.
fn report(data: &Data) -> Option<Vec<u8>> {
    data.reports
        .iter()
        .find(|(k, _, _)| *k == Kind::CollectiveReview)
        .map(|(_, _, bytes)| bytes.clone())
}

/// A leader's self-review printed as filed; `None` until it is submitted.
fn self_review_pdf(
    conn: &mut AnyConnection,
    data: &Data,
    m: &members::Member,
    branch_path: &str,
) -> Result<Option<Vec<u8>>, AppError> {
    match submitted_review(conn, data, m.id)? {
        Some(s) => Ok(Some(crate::documents::filed_self_review_pdf(
            conn,
            &s,
            m,
            branch_path,
            data.cycle.year,
        )?)),
        None => Ok(None),
    }
}

/// The file a leader's self-review is filed as: by card number, else by id.
pub fn self_review_file(m: &members::Member) -> String {
    let key: String = m
        .card_number
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    leader_self_review(&if key.is_empty() {
        m.id.to_string()
    } else {
        key
    })
}

/// One document of the leaders' dossier, built alone (the print view asks for one at a time);
/// `None` for a name it does not hold now.
pub fn document(
    conn: &mut AnyConnection,
    data: &Data,
    name: &str,
) -> Result<Option<Vec<u8>>, AppError> {
    let ids = data.leader_ids();
    Ok(match name {
        REPORT => report(data),
        MEETINGS => Some(data.leader_meetings_pdf()?),
        OPINIONS => Some(data.leader_opinions_pdf(&ids)?),
        TABLE => Some(data.leader_table_pdf(&ids)?),
        _ => match data
            .leaders()
            .into_iter()
            .find(|(m, _)| self_review_file(m) == name)
        {
            Some((m, branch_path)) => self_review_pdf(conn, data, m, branch_path)?,
            None => None,
        },
    })
}

/// Builds the leaders' dossier: its documents, the manifest and what is missing.
pub fn assemble(conn: &mut AnyConnection, data: &Data, by: &str) -> Result<Bundle, AppError> {
    let ids = data.leader_ids();
    let mut files: Vec<(String, String, &'static str, Vec<u8>)> = Vec::new();
    let mut missing = Vec::new();
    let doc = |name: &str| {
        LEADER_DOCUMENTS
            .iter()
            .find(|d| d.name == name)
            .map_or(("", ""), |d| (d.title, d.rule))
    };
    let mut file = |name: &str, bytes: Vec<u8>| {
        let (title, rule) = doc(name);
        files.push((name.to_owned(), title.to_owned(), rule, bytes));
    };
    match report(data) {
        Some(bytes) => file(REPORT, bytes),
        None => missing.push(MissingItem {
            document: REPORT.into(),
            rule: "D1".into(),
            reason: "Báo cáo kiểm điểm tập thể chưa được duyệt, ban hành".into(),
            blocking: true,
        }),
    }
    if !data.meetings.iter().any(|(m, _)| m.kind == LEADERS_REVIEW) {
        missing.push(MissingItem {
            document: MEETINGS.into(),
            rule: "P1".into(),
            reason:
                "Chưa ghi biên bản hội nghị kiểm điểm tập thể, cá nhân lãnh đạo (kế hoạch II.3)"
                    .into(),
            blocking: true,
        });
    }
    file(MEETINGS, data.leader_meetings_pdf()?);
    file(OPINIONS, data.leader_opinions_pdf(&ids)?);
    file(TABLE, data.leader_table_pdf(&ids)?);
    for (m, branch_path) in data.leaders() {
        let name = self_review_file(m);
        match self_review_pdf(conn, data, m, branch_path)? {
            Some(bytes) => {
                files.push((
                    name,
                    format!("Bản kiểm điểm cá nhân — {}", m.full_name),
                    "D2",
                    bytes,
                ));
            }
            None => missing.push(MissingItem {
                document: name,
                rule: "D2".into(),
                reason: format!("{} chưa nộp bản tự kiểm điểm", m.full_name),
                blocking: true,
            }),
        }
        if !data.standing.contains_key(&m.id) {
            missing.push(MissingItem {
                document: TABLE.into(),
                rule: "M6".into(),
                reason: format!("{} chưa có kết quả xếp loại đảng viên", m.full_name),
                blocking: false,
            });
        }
    }
    let documents = files
        .iter()
        .map(|(name, title, rule, bytes)| ManifestDocument {
            name: name.clone(),
            title: title.clone(),
            rule: (*rule).into(),
            media_type: crate::pdf::MIME.into(),
            size: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        })
        .collect();
    Ok(Bundle {
        manifest: data.manifest(DossierKind::Leaders, by, documents, missing, Vec::new()),
        files: files
            .into_iter()
            .map(|(name, _, _, bytes)| (name, bytes))
            .collect(),
    })
}
