//! The base organisation's yearly dossier (RULES.md D1–D5): the documents it holds, and the
//! path of a submission to the committee above.

/// One document of the dossier: its file name, its title and the rule that asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document {
    pub name: &'static str,
    pub title: &'static str,
    pub rule: &'static str,
}

const fn doc(name: &'static str, title: &'static str, rule: &'static str) -> Document {
    Document { name, title, rule }
}

/// The documents of the dossier, in the order they are filed (tables in XLSX, reports in
/// DOCX, the consolidated table in both).
pub const DOCUMENTS: [Document; 9] = [
    // D1: the collective's review report, its answers on the suggested contents, the
    // opinions gathered.
    doc(
        "01-bao-cao-kiem-diem-tap-the.docx",
        "Báo cáo kiểm điểm của tập thể, giải trình nội dung gợi ý, tổng hợp ý kiến",
        "D1",
    ),
    // D2: per member, the self-review's results on the suggested contents and the opinions.
    doc(
        "02-tong-hop-y-kien-dang-vien.docx",
        "Tổng hợp ý kiến và kết quả đối với từng đảng viên",
        "D2",
    ),
    // D3: the consolidated classification table of the cadres, one row each.
    doc(
        "03-bang-tong-hop-xep-loai-can-bo.xlsx",
        "Bảng tổng hợp xếp loại cán bộ (XLSX)",
        "D3",
    ),
    doc(
        "03-bang-tong-hop-xep-loai-can-bo.docx",
        "Bảng tổng hợp xếp loại cán bộ (DOCX)",
        "D3",
    ),
    // D4: the self-assessment sheet, reward proposals, statistics, emulation registration.
    doc(
        "04-bang-tu-cham-diem.xlsx",
        "Bảng tự chấm điểm của tổ chức cơ sở đảng",
        "D4",
    ),
    doc(
        "05-de-nghi-khen-thuong.xlsx",
        "Danh sách đề nghị khen thưởng (XLSX)",
        "D4",
    ),
    doc(
        "05-de-nghi-khen-thuong.docx",
        "Tờ trình đề nghị khen thưởng (DOCX)",
        "D4",
    ),
    doc(
        "06-thong-ke-xep-loai.xlsx",
        "Biểu thống kê kết quả xếp loại",
        "D4",
    ),
    doc("07-dang-ky-thi-dua.docx", "Đăng ký thi đua năm sau", "D4"),
];

/// The document of that file name.
pub fn document(name: &str) -> Option<&'static Document> {
    DOCUMENTS.iter().find(|d| d.name == name)
}

/// The leaders' dossier to the province (RULES.md P1, plan II.5: "văn bản kiểm điểm tập thể,
/// cá nhân và đánh giá phân loại ... của BGH lên Tỉnh ủy trước ngày 15/12"), filed as guidance
/// III.1 lists for a collective and its cadres: the collective's approved report (D1), the
/// records of the meetings that reviewed the leaders (O6, plan II.3), each leader's opinions
/// and results (D2), their classification table (D3); then each leader's self-review
/// ([`leader_self_review`], D2). All printed as PDF: this dossier goes up on paper too.
pub const LEADER_DOCUMENTS: [Document; 4] = [
    doc(
        "01-bao-cao-kiem-diem-tap-the.pdf",
        "Báo cáo kiểm điểm tập thể (đã ban hành)",
        "D1",
    ),
    doc(
        "02-bien-ban-hoi-nghi-kiem-diem-lanh-dao.pdf",
        "Biên bản hội nghị cán bộ cốt cán và hội nghị kiểm điểm tập thể, cá nhân lãnh đạo",
        "O6",
    ),
    doc(
        "03-tong-hop-y-kien-can-bo-lanh-dao.pdf",
        "Tổng hợp ý kiến và kết quả đối với từng cán bộ lãnh đạo",
        "D2",
    ),
    doc(
        "04-bang-tong-hop-xep-loai-can-bo-lanh-dao.pdf",
        "Bảng tổng hợp xếp loại cán bộ lãnh đạo",
        "D3",
    ),
];

/// The file of one leader's self-review in the leaders' dossier, by their card number (or
/// their id when they have none).
pub fn leader_self_review(key: &str) -> String {
    format!("05-ban-kiem-diem-{key}.pdf")
}

/// The document of that file name in the leaders' dossier (a self-review's title is the
/// leader's name, given by the caller).
pub fn leader_document(name: &str) -> Option<&'static Document> {
    LEADER_DOCUMENTS.iter().find(|d| d.name == name)
}

coded_enum! {
    /// What a submission carries: the base organisation's yearly file to the committee above
    /// (D1–D4, plan II.4 before 25/11), or its leaders' dossier to the province (plan II.5,
    /// before 15/12). Each has its own numbering, deadline and decider.
    pub enum DossierKind ("dossier kind") {
        Base = "base",
        Leaders = "leaders",
    }
}

impl DossierKind {
    /// The plan's phase whose end is the submission's deadline (P1).
    pub fn deadline_phase(self) -> &'static str {
        match self {
            DossierKind::Base => "district_summary",
            DossierKind::Leaders => "province_dossiers",
        }
    }
}

coded_enum! {
    /// Where a submission of the dossier stands (D5: every submission is archived with the
    /// body that receives it, returned ones too).
    pub enum SubmissionStatus ("dossier submission status") {
        Submitted = "submitted",
        Returned = "returned",
        Accepted = "accepted",
    }
}

impl SubmissionStatus {
    /// The base may submit again only after its last submission was returned (or before any).
    pub fn allows_resubmission(last: Option<SubmissionStatus>) -> bool {
        last.is_none_or(|s| s == SubmissionStatus::Returned)
    }
}

coded_enum! {
    /// The committee above decides on a submitted dossier.
    pub enum Decision ("dossier decision") {
        Accept = "accept",
        /// With what to fix: the base submits again.
        Return = "return",
    }
}

impl Decision {
    /// The status a submitted dossier moves to.
    pub fn to(self) -> SubmissionStatus {
        match self {
            Decision::Accept => SubmissionStatus::Accepted,
            Decision::Return => SubmissionStatus::Returned,
        }
    }

    /// A return says what to fix.
    pub fn needs_comment(self) -> bool {
        self == Decision::Return
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(rule: &str) -> Vec<&'static str> {
        DOCUMENTS
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.name)
            .collect()
    }

    #[test]
    fn d1_the_collectives_report_with_its_answers_and_the_opinions_comes_first() {
        assert_eq!(of("D1"), ["01-bao-cao-kiem-diem-tap-the.docx"]);
        assert!(
            document(of("D1")[0])
                .unwrap()
                .title
                .contains("giải trình nội dung gợi ý")
        );
    }

    #[test]
    fn d2_one_document_sums_up_every_members_opinions_and_results() {
        assert_eq!(of("D2"), ["02-tong-hop-y-kien-dang-vien.docx"]);
    }

    #[test]
    fn d3_the_cadres_table_is_filed_as_a_spreadsheet_and_as_a_printed_table() {
        let names = of("D3");
        assert_eq!(names.len(), 2);
        assert!(
            names.iter().any(|n| n.ends_with(".xlsx"))
                && names.iter().any(|n| n.ends_with(".docx"))
        );
    }

    #[test]
    fn d4_the_yearly_file_holds_the_sheet_rewards_statistics_and_registration() {
        let titles: Vec<_> = DOCUMENTS
            .iter()
            .filter(|d| d.rule == "D4")
            .map(|d| d.title)
            .collect();
        for part in ["tự chấm điểm", "khen thưởng", "thống kê", "thi đua"] {
            assert!(titles.iter().any(|t| t.contains(part)), "D4 files {part}");
        }
        // Every name is unique and numbered in filing order.
        let mut names: Vec<_> = DOCUMENTS.iter().map(|d| d.name).collect();
        assert!(names.iter().map(|n| &n[..2]).is_sorted());
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DOCUMENTS.len());
        assert!(document("08-khac.docx").is_none());
    }

    #[test]
    fn p1_the_leaders_dossier_goes_to_the_province_by_the_plans_last_phase() {
        assert_eq!(DossierKind::Base.deadline_phase(), "district_summary");
        assert_eq!(DossierKind::Leaders.deadline_phase(), "province_dossiers");
        assert_eq!(
            DossierKind::try_from("leaders".to_owned()),
            Ok(DossierKind::Leaders)
        );
        assert!(DossierKind::try_from("district".to_owned()).is_err());
        // Every document is printed, numbered in filing order, the self-reviews last.
        assert!(LEADER_DOCUMENTS.iter().all(|d| d.name.ends_with(".pdf")));
        assert!(LEADER_DOCUMENTS.iter().map(|d| &d.name[..2]).is_sorted());
        assert!(leader_self_review("123").as_str() > LEADER_DOCUMENTS[3].name);
        assert_eq!(
            leader_document("01-bao-cao-kiem-diem-tap-the.pdf")
                .unwrap()
                .rule,
            "D1"
        );
        assert!(leader_document("01-bao-cao-kiem-diem-tap-the.docx").is_none());
    }

    #[test]
    fn d5_a_submission_is_kept_and_a_new_one_follows_only_a_return() {
        use SubmissionStatus as S;
        assert!(S::allows_resubmission(None));
        assert!(S::allows_resubmission(Some(S::Returned)));
        assert!(!S::allows_resubmission(Some(S::Submitted)));
        assert!(!S::allows_resubmission(Some(S::Accepted)));
        assert_eq!(Decision::Accept.to(), S::Accepted);
        assert_eq!(Decision::Return.to(), S::Returned);
        assert!(Decision::Return.needs_comment() && !Decision::Accept.needs_comment());
        assert_eq!(S::try_from("accepted".to_owned()), Ok(S::Accepted));
    }
}
