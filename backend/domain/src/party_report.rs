//! The reports a committee writes (plan II.1, guidance III.1; D1, D4): their kinds, the
//! figures a draft may insert as `{{placeholders}}`, and the number a report takes from the
//! issuing body's register ("Số 05-BC/ĐU", Hướng dẫn 36-HD/VPTW).

use crate::organization::OrgKind;

/// The kinds of report (the `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// D1: the collective's review report (the party committee's, a branch's).
    CollectiveReview,
    /// D4: the yearly party-building summary report.
    PartyBuildingSummary,
    /// P3 (guidance C.3): the inspection commission's consolidated report on the review
    /// suggestions it issued and the answers given; written and issued by the commission.
    InspectionSummary,
}

impl Kind {
    pub const ALL: [Kind; 3] = [
        Kind::CollectiveReview,
        Kind::PartyBuildingSummary,
        Kind::InspectionSummary,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CollectiveReview => "collective_review",
            Kind::PartyBuildingSummary => "party_building_summary",
            Kind::InspectionSummary => "inspection_summary",
        }
    }

    /// Issued by the organisation's inspection commission, not its committee.
    pub fn by_inspection(self) -> bool {
        self == Kind::InspectionSummary
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The dossier's rule (D1 or D4).
    pub fn rule(self) -> &'static str {
        match self {
            Kind::CollectiveReview => "D1",
            Kind::PartyBuildingSummary => "D4",
            Kind::InspectionSummary => "P3",
        }
    }

    /// The title a new draft starts with.
    pub fn default_title(self, organization: &str, year: i32) -> String {
        match self {
            Kind::CollectiveReview => {
                format!("Kiểm điểm tập thể {organization} năm {year}")
            }
            Kind::PartyBuildingSummary => {
                format!("Tổng kết công tác xây dựng Đảng năm {year}")
            }
            Kind::InspectionSummary => {
                format!("Tổng hợp kết quả thực hiện nội dung gợi ý kiểm điểm năm {year}")
            }
        }
    }

    /// The text a new draft starts with: the report's customary sections, the figures as
    /// placeholders (filled when printed, frozen when approved).
    pub fn default_body(self) -> &'static str {
        match self {
            Kind::CollectiveReview => concat!(
                "I. ĐẶC ĐIỂM TÌNH HÌNH\n",
                "Đảng bộ có {{so_chi_bo}} chi bộ trực thuộc, {{tong_so_dang_vien}} đảng viên.\n",
                "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {{nam}}\n",
                "1. Về lãnh đạo thực hiện nhiệm vụ chính trị\n",
                "…\n",
                "2. Về công tác xây dựng Đảng\n",
                "…\n",
                "III. KẾT QUẢ KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CHỈ RA\n",
                "…\n",
                "IV. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN\n",
                "…\n",
                "V. TỰ ĐÁNH GIÁ, XẾP LOẠI\n",
                "Tổng điểm tự chấm: {{tong_diem_tu_cham}}; mức xếp loại tự đánh giá: {{muc_xep_loai_to_chuc}}.\n",
                "VI. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC\n",
                "…",
            ),
            Kind::PartyBuildingSummary => concat!(
                "I. KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG NĂM {{nam}}\n",
                "1. Công tác chính trị, tư tưởng\n",
                "…\n",
                "2. Công tác tổ chức, cán bộ, đảng viên\n",
                "Tổng số đảng viên: {{tong_so_dang_vien}}. Kết quả đánh giá, xếp loại: hoàn thành xuất sắc nhiệm vụ {{hoan_thanh_xuat_sac}} đồng chí ({{ty_le_hoan_thanh_xuat_sac}}); hoàn thành tốt nhiệm vụ {{hoan_thanh_tot}} đồng chí ({{ty_le_hoan_thanh_tot}}); hoàn thành nhiệm vụ {{hoan_thanh}} đồng chí ({{ty_le_hoan_thanh}}); không hoàn thành nhiệm vụ {{khong_hoan_thanh}} đồng chí ({{ty_le_khong_hoan_thanh}}).\n",
                "Tổ chức cơ sở đảng, chi bộ: {{so_to_chuc_xep_loai}} được xếp loại, trong đó trong sạch vững mạnh {{to_chuc_trong_sach_vung_manh}} (tiêu biểu {{to_chuc_tieu_bieu}}), hoàn thành tốt nhiệm vụ {{to_chuc_tot}}, hoàn thành nhiệm vụ {{to_chuc_hoan_thanh}}, yếu kém {{to_chuc_yeu_kem}}.\n",
                "3. Công tác kiểm tra, giám sát\n",
                "…\n",
                "4. Công tác dân vận\n",
                "…\n",
                "II. HẠN CHẾ, NGUYÊN NHÂN\n",
                "…\n",
                "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{nam_sau}}\n",
                "…",
            ),
            Kind::InspectionSummary => concat!(
                "I. VIỆC GỢI Ý KIỂM ĐIỂM\n",
                "Ủy ban Kiểm tra đã gợi ý kiểm điểm {{so_goi_y}} nội dung đối với tập thể và cá nhân.\n",
                "II. KẾT QUẢ GIẢI TRÌNH, TIẾP THU\n",
                "Đã giải trình {{so_goi_y_da_giai_trinh}} nội dung; còn {{so_goi_y_chua_giai_trinh}} nội dung chưa giải trình.\n",
                "…\n",
                "III. ĐÁNH GIÁ, KIẾN NGHỊ\n",
                "…",
            ),
        }
    }
}

/// The register's type of document and the symbol of the issuing body: "BC" (báo cáo) and
/// "ĐU" for a base's party committee, "CB" for a branch, "TU" for a province's or a city's
/// committee (Tỉnh ủy, Thành ủy, Thị ủy), "QU" for an urban district's, "HU" for a rural
/// district's. A cell (tổ đảng) issues nothing of its own: its branch's symbol.
pub fn issuer_symbol(kind: OrgKind, name: &str) -> &'static str {
    let lower = crate::vietnamese::search_key(name);
    match kind {
        OrgKind::Province => "TU",
        OrgKind::District if lower.starts_with("thanh") || lower.starts_with("thi") => "TU",
        OrgKind::District if lower.starts_with("quan") => "QU",
        OrgKind::District => "HU",
        OrgKind::Base => "ĐU",
        OrgKind::Branch | OrgKind::Cell => "CB",
    }
}

/// The symbol of the issuing body of a report of `kind`: the committee's ("ĐU"), or its
/// inspection commission's ("UBKTĐU").
pub fn report_issuer(kind: Kind, org_kind: OrgKind, name: &str) -> String {
    let committee = issuer_symbol(org_kind, name);
    if kind.by_inspection() {
        format!("UBKT{committee}")
    } else {
        committee.to_owned()
    }
}

/// "05-BC/ĐU": the register's number (two digits at least), the type and the issuer.
pub fn number(seq: i32, doc_type: &str, issuer: &str) -> String {
    format!("{seq:02}-{doc_type}/{issuer}")
}

/// Replaces each `{{key}}` of `body` by its figure; the unknown keys, in order of appearance
/// and each once, as the error (nothing is guessed).
pub fn expand(body: &str, figures: &[(&str, String)]) -> Result<String, Vec<String>> {
    let mut out = String::with_capacity(body.len());
    let mut unknown: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let key = after[..end].trim();
        match figures.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => out.push_str(v),
            None => {
                if !unknown.iter().any(|u| u == key) {
                    unknown.push(key.to_owned());
                }
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    if unknown.is_empty() {
        Ok(out)
    } else {
        Err(unknown)
    }
}

/// A share in per mille as the Vietnamese write it: "12,5%".
pub fn percent(permille: u32) -> String {
    format!("{},{}%", permille / 10, permille % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_and_unknown_ones_named_once() {
        let f = [
            ("nam", "2016".to_owned()),
            ("tong_so_dang_vien", "150".into()),
        ];
        assert_eq!(
            expand("Năm {{nam}}: {{ tong_so_dang_vien }} đảng viên.", &f).unwrap(),
            "Năm 2016: 150 đảng viên."
        );
        assert_eq!(
            expand("{{x}} {{nam}} {{y}} {{x}}", &f).unwrap_err(),
            vec!["x".to_owned(), "y".to_owned()]
        );
        // An unclosed brace is text, not a placeholder.
        assert_eq!(expand("a {{nam", &f).unwrap(), "a {{nam");
    }

    #[test]
    fn default_bodies_use_only_known_placeholders_shape() {
        for k in Kind::ALL {
            assert!(k.default_body().contains("{{"));
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("x"), None);
    }

    #[test]
    fn numbers_follow_the_register_and_the_issuer() {
        assert_eq!(number(5, "BC", "ĐU"), "05-BC/ĐU");
        assert_eq!(number(123, "BC", "TU"), "123-BC/TU");
        assert_eq!(issuer_symbol(OrgKind::District, "Thành ủy Vinh"), "TU");
        assert_eq!(issuer_symbol(OrgKind::District, "Huyện ủy Nghi Lộc"), "HU");
        assert_eq!(issuer_symbol(OrgKind::District, "Quận ủy Ba Đình"), "QU");
        assert_eq!(issuer_symbol(OrgKind::Base, "Đảng bộ Trường"), "ĐU");
        assert_eq!(issuer_symbol(OrgKind::Branch, "Chi bộ Khoa"), "CB");
        assert_eq!(issuer_symbol(OrgKind::Province, "Tỉnh ủy Nghệ An"), "TU");
        assert_eq!(
            report_issuer(Kind::InspectionSummary, OrgKind::Base, "Đảng bộ"),
            "UBKTĐU"
        );
        assert_eq!(
            report_issuer(Kind::CollectiveReview, OrgKind::Base, "Đảng bộ"),
            "ĐU"
        );
    }

    #[test]
    fn percent_uses_a_decimal_comma() {
        assert_eq!(percent(125), "12,5%");
        assert_eq!(percent(1000), "100,0%");
    }
}
