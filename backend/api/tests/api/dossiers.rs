//! The base organisation's yearly dossier (D1–D4) through the real router, on both databases:
//! documents read back, the ZIP and its manifest, submission with the plan's deadline and the
//! late flag, return with a comment, resubmission, acceptance, the webhook event.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, read_body};
use common::{assert_problem, docx_text, json, pdf_text, user, xlsx_cells};
use kiemdiem_store::{
    AnyConnection, feedback, members, org_assessments, organizations, professional_ratings,
    rewards, voting, webhooks,
};
use serde_json::json;
use std::io::Read;

fn org(
    conn: &mut AnyConnection,
    kind: &str,
    code: &str,
    name: &str,
    parent: Option<&organizations::Organization>,
) -> organizations::Organization {
    organizations::create(
        conn,
        organizations::NewOrganization {
            kind,
            code,
            name,
            parent,
        },
    )
    .unwrap()
}

fn member(conn: &mut AnyConnection, branch: i64, name: &str, post: Option<&str>) -> i64 {
    members::create(
        conn,
        &kiemdiem_domain::member::MemberData {
            full_name: name.into(),
            gender: "female".into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 3, 4),
            branch_id: branch,
            status: "official".into(),
            admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
            official_on: chrono::NaiveDate::from_ymd_opt(2006, 1, 1),
            category: "civil_servant".into(),
            leadership_post: post.map(str::to_owned),
            leadership_level: post.map(|_| "grassroots".to_owned()),
            workplace_unit: Some("Trường Đại học Vinh".into()),
            active: true,
            ..Default::default()
        },
    )
    .unwrap()
}

/// The province, the city under it and the university's base under the city.
fn vinh(
    conn: &mut AnyConnection,
) -> (
    organizations::Organization,
    organizations::Organization,
    organizations::Organization,
) {
    let province = org(conn, "province", "NA", "Tỉnh ủy Nghệ An", None);
    let district = org(conn, "district", "VINH", "Thành ủy Vinh", Some(&province));
    let base = org(
        conn,
        "base",
        "DHV",
        "Đảng bộ Trường Đại học Vinh",
        Some(&district),
    );
    (province, district, base)
}

fn cycle(conn: &mut AnyConnection, base: i64, year: i32) -> i64 {
    common::cycle(conn, base, year)
}

fn classified(conn: &mut AnyConnection, cycle_id: i64, member_id: i64, level: &str) {
    voting::add_result(
        conn,
        &voting::NewResult {
            cycle_id,
            session_id: None,
            member_id,
            status: kiemdiem_domain::classification::Status::Classified,
            level: Some(level),
            cap: None,
            reasons: "[]",
            votes: [7, 2, 1, 0],
            supplementary: false,
            state: kiemdiem_domain::classification::ResultState::Approved,
            replaces_id: None,
            created_by: "test",
        },
    )
    .unwrap();
}

fn self_assess(conn: &mut AnyConnection, year: i32, base: i64, cycle_id: i64) {
    org_assessments::put_self(
        conn,
        year,
        base,
        cycle_id,
        r#"{"politics":14,"leadership":27,"organisation":18,"inspection":13,"mass":18}"#,
        90,
        "clean_strong",
        None,
        "danguy",
    )
    .unwrap();
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().to_owned(), out)
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

db_test!(
    a_dossier_is_assembled_submitted_late_returned_and_accepted,
    |app, db| {
        let mut conn = db.pool.get().unwrap();
        let (_, district, base) = vinh(&mut conn);
        let branch = org(
            &mut conn,
            "branch",
            "CB-TOAN",
            "Chi bộ Khoa Toán",
            Some(&base),
        );
        let other = org(
            &mut conn,
            "base",
            "HM",
            "Đảng bộ phường Hưng Mỹ",
            Some(&district),
        );
        let c2016 = cycle(&mut conn, base.id, 2016);
        // Vietnamese order: Ánh (given name first), then Bình, then Yến.
        let yen = member(&mut conn, branch.id, "Trần Thị Yến", None);
        let anh = member(
            &mut conn,
            branch.id,
            "Nguyễn Thị Ánh",
            Some("Bí thư chi bộ"),
        );
        let binh = member(&mut conn, branch.id, "Lê Thị Bình", None);
        classified(&mut conn, c2016, anh, "good");
        classified(&mut conn, c2016, binh, "excellent");
        // Yến has no result yet (listed as missing, not blocking).
        let req = feedback::create(
            &mut conn,
            &feedback::NewRequest {
                cycle_id: c2016,
                member_id: anh,
                source: "workplace",
                provider_user_id: None,
                cluster: None,
                led_by: None,
                delivery: None,
                sent_on: None,
                due_on: None,
                return_envelope: false,
            },
        )
        .unwrap();
        feedback::answer(
            &mut conn,
            req,
            "Gương mẫu, đoàn kết",
            Some("good"),
            chrono::NaiveDate::from_ymd_opt(2016, 11, 10).unwrap(),
            "congdoan",
        )
        .unwrap();
        professional_ratings::put(
            &mut conn,
            c2016,
            anh,
            &professional_ratings::RatingData {
                level: "excellent",
                rating_unit: "Trường Đại học Vinh",
                post: "Trưởng khoa",
                honours: "",
                attested_exemplary: true,
            },
        )
        .unwrap();
        let sub = webhooks::subscribe(
            &mut conn,
            "http://127.0.0.1:9/hooks",
            "s3cret-s3cret-s3cret",
            "dossier.submitted",
            district.id,
            "admin",
        )
        .unwrap();
        let base_committee = user(&mut conn, "danguy.dhv", "committee", Some(base.id));
        let other_committee = user(&mut conn, "danguy.hm", "committee", Some(other.id));
        let district_committee = user(&mut conn, "thanhuy", "committee", Some(district.id));
        drop(conn);

        let uri = format!("/api/v1/dossiers/{}/2016", base.id);
        // The preview: every document, and what is missing.
        let d = json(send!(app, TestRequest::get().uri(&uri), base_committee)).await;
        assert_eq!(d["status"], "not_submitted");
        assert_eq!(d["deadline"], "2016-11-25");
        assert_eq!(d["overdue"], true);
        let missing: Vec<(&str, bool)> = d["preview"]["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["rule"].as_str().unwrap(),
                    m["blocking"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            missing,
            [
                ("W6", false),
                ("D1", false),
                ("D4", false),
                ("P3", false),
                ("O4", true),
                ("M6", false)
            ]
        );
        assert_eq!(
            d["preview"]["missing"][1]["reason"],
            "Báo cáo kiểm điểm tập thể chưa được duyệt, ban hành"
        );
        assert_eq!(
            d["preview"]["missing"][5]["reason"],
            "1 đảng viên chưa có kết quả xếp loại"
        );
        // Another base's committee does not see it.
        assert_problem(
            send!(app, TestRequest::get().uri(&uri), other_committee),
            404,
            "not_found",
        )
        .await;
        // Without the self-assessment sheet (O4) nothing is submitted.
        let res = assert_problem(
            send!(
                app,
                TestRequest::post().uri(&format!("{uri}/submit")),
                base_committee
            ),
            409,
            "dossier_incomplete",
        )
        .await;
        assert!(res["detail"].as_str().unwrap().contains("O4"));
        let mut conn = db.pool.get().unwrap();
        assert!(
            kiemdiem_store::dossiers::history(
                &mut conn,
                kiemdiem_domain::dossier::DossierKind::Base,
                base.id,
                2016
            )
            .unwrap()
            .is_empty()
        );
        self_assess(&mut conn, 2016, base.id, c2016);
        rewards::register(
            &mut conn,
            base.id,
            2017,
            chrono::NaiveDate::from_ymd_opt(2017, 1, 10).unwrap(),
            "danguy",
        )
        .unwrap();
        rewards::create(
            &mut conn,
            &rewards::NewNomination {
                year: 2016,
                reward: "member_certificate",
                member_id: Some(binh),
                organization_id: None,
                nominating_organization_id: base.id,
                note: Some("Năm năm liền HTXSNV"),
                nominated_by: "danguy",
            },
        )
        .unwrap();
        drop(conn);

        // The committee's reports (issue #16), written and approved: filed as PDFs, numbered.
        for kind in ["collective_review", "party_building_summary"] {
            let at = format!("/api/v1/organizations/{}/reports/2016/{kind}", base.id);
            let res = send!(
                app,
                TestRequest::put().uri(&at).set_json(json!({
                    "version": 0, "title": format!("Báo cáo {kind}"),
                    "body": "I. KẾT QUẢ\nCó {{tong_so_dang_vien}} đảng viên.",
                    "signer_title": "T/M ĐẢNG ỦY\nBÍ THƯ", "signer_name": "Nguyễn Văn Bình",
                })),
                base_committee
            );
            assert_eq!(res.status(), 200);
            let res = send!(
                app,
                TestRequest::post()
                    .uri(&format!("{at}/approval"))
                    .set_json(json!({ "version": 1, "dated_on": "2016-11-20" })),
                base_committee
            );
            assert_eq!(res.status(), 200);
        }
        let res = send!(
            app,
            TestRequest::get().uri(&format!(
                "{uri}/documents/01-bao-cao-kiem-diem-tap-the-da-ban-hanh.pdf"
            )),
            district_committee
        );
        assert_eq!(res.status(), 200);
        let text = pdf_text(&read_body(res).await);
        assert!(text.contains("Số 01-BC/ĐU"), "{text}");
        assert!(text.contains("ngày 20 tháng 11 năm 2016"), "{text}");
        let d = json(send!(app, TestRequest::get().uri(&uri), base_committee)).await;
        let filed: Vec<(&str, &str, &str)> = d["preview"]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["media_type"] == "application/pdf")
            .map(|f| {
                (
                    f["name"].as_str().unwrap(),
                    f["rule"].as_str().unwrap(),
                    f["title"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            filed,
            [
                (
                    "01-bao-cao-kiem-diem-tap-the-da-ban-hanh.pdf",
                    "D1",
                    "Báo cáo số 01-BC/ĐU: Báo cáo collective_review"
                ),
                (
                    "08-bao-cao-tong-ket-cong-tac-xay-dung-dang.pdf",
                    "D4",
                    "Báo cáo số 02-BC/ĐU: Báo cáo party_building_summary"
                ),
            ]
        );

        // One document read back: the cadres' table (D3) with one row, the leader's.
        let res = send!(
            app,
            TestRequest::get().uri(&format!(
                "{uri}/documents/03-bang-tong-hop-xep-loai-can-bo.xlsx"
            )),
            district_committee
        );
        assert_eq!(res.status(), 200);
        let cells = xlsx_cells(&read_body(res).await);
        assert_eq!(cells[0][0], "BẢNG TỔNG HỢP XẾP LOẠI CÁN BỘ NĂM 2016");
        assert_eq!(cells[1][0], "Đảng bộ Trường Đại học Vinh");
        assert_eq!(cells[4][4], "Nhận xét của cấp ủy nơi công tác");
        assert_eq!(
            cells[5][1..],
            [
                "Nguyễn Thị Ánh",
                "Bí thư chi bộ",
                "Trường Đại học Vinh",
                "Gương mẫu, đoàn kết (đề xuất: Hoàn thành tốt nhiệm vụ)",
                "",
                "",
                "Hoàn thành tốt nhiệm vụ",
                "Hoàn thành xuất sắc nhiệm vụ",
                "Trong sạch, vững mạnh",
            ]
        );
        assert_eq!(cells.len(), 6);
        // The same documents printed as PDF (issue #16): the table's row as the XLSX has it,
        // the members' summary, the sheet with its points; a bad format is 422, a document
        // with no printed form 404.
        let pdf =
            |name: &str| TestRequest::get().uri(&format!("{uri}/documents/{name}?format=pdf"));
        let res = send!(
            app,
            pdf("03-bang-tong-hop-xep-loai-can-bo.xlsx"),
            district_committee
        );
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()
                .get("content-disposition")
                .unwrap()
                .to_str()
                .unwrap(),
            "attachment; filename=\"03-bang-tong-hop-xep-loai-can-bo.pdf\""
        );
        let text = common::pdf_text(&read_body(res).await);
        for expected in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BẢNG TỔNG HỢP XẾP LOẠI CÁN BỘ NĂM 2016",
            "Nguyễn Thị Ánh",
            "Gương mẫu, đoàn kết",
            "Trong sạch, vững mạnh",
            "T/M ĐẢNG ỦY",
        ] {
            assert!(text.contains(expected), "{expected} not in {text}");
        }
        let text = common::pdf_text(
            &read_body(send!(
                app,
                pdf("02-tong-hop-y-kien-dang-vien.docx"),
                district_committee
            ))
            .await,
        );
        assert!(
            text.contains("TỔNG HỢP Ý KIẾN VÀ KẾT QUẢ KIỂM ĐIỂM ĐẢNG VIÊN")
                && text.contains("1. Nguyễn Thị Ánh")
                && text.contains("Kết quả xếp loại: Hoàn thành xuất sắc nhiệm vụ"),
            "{text}"
        );
        // 01's annex prints as the DOCX reads: the collective's sheet, the members' levels.
        let text = common::pdf_text(
            &read_body(send!(
                app,
                pdf("01-bao-cao-kiem-diem-tap-the.docx"),
                district_committee
            ))
            .await,
        );
        for expected in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Kiểm điểm tập thể Đảng bộ Trường Đại học Vinh năm 2016",
            "Mức xếp loại: Trong sạch, vững mạnh",
            "II. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI ĐẢNG VIÊN",
            "Tổng số đảng viên: 3",
            "T/M ĐẢNG ỦY",
        ] {
            assert!(text.contains(expected), "{expected} not in {text}");
        }
        let text = common::pdf_text(
            &read_body(send!(
                app,
                pdf("04-bang-tu-cham-diem.xlsx"),
                district_committee
            ))
            .await,
        );
        assert!(
            text.contains("BẢNG TỰ CHẤM ĐIỂM NĂM 2016") && text.contains("Tổng cộng"),
            "{text}"
        );
        assert_eq!(
            send!(app, pdf("06-thong-ke-xep-loai.xlsx"), district_committee).status(),
            404
        );
        let res = send!(
            app,
            TestRequest::get().uri(&format!(
                "{uri}/documents/02-tong-hop-y-kien-dang-vien.docx?format=html"
            )),
            district_committee
        );
        assert_eq!(
            common::invalid_fields(res).await,
            [("format".to_owned(), "invalid_format".to_owned())]
        );
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!("{uri}/documents/ghi-chu.txt")),
                district_committee
            ),
            404,
            "not_found",
        )
        .await;

        // Submitted after 25/11/2016: late.
        let res = send!(
            app,
            TestRequest::post().uri(&format!("{uri}/submit")),
            base_committee
        );
        assert_eq!(res.status(), 201);
        let s = json(res).await;
        assert_eq!(s["status"], "submitted");
        assert_eq!(s["late"], true);
        assert_eq!(s["overdue"], false);
        assert_eq!(s["latest"]["number"], 1);
        // M6, and the inspection commission's report (P3), which this base never wrote.
        assert_eq!(s["latest"]["missing"].as_array().unwrap().len(), 2);
        let sha = s["latest"]["archive_sha256"].as_str().unwrap().to_owned();
        // The superior's system is told.
        let mut conn = db.pool.get().unwrap();
        let events: Vec<String> = webhooks::deliveries_of(&mut conn, sub, 500, 0)
            .unwrap()
            .0
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        assert_eq!(events, ["dossier.submitted"]);
        drop(conn);
        assert_problem(
            send!(
                app,
                TestRequest::post().uri(&format!("{uri}/submit")),
                base_committee
            ),
            409,
            "already_submitted",
        )
        .await;

        // The archive is the one submitted: its checksum, the manifest naming every file.
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{uri}/archive")),
            district_committee
        );
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers().get("x-dossier-draft").unwrap(), "false");
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            "application/zip"
        );
        let zip = read_body(res).await;
        assert_eq!(sha256(&zip), sha);
        let files = unzip(&zip);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "manifest.json",
                "01-bao-cao-kiem-diem-tap-the.docx",
                "02-tong-hop-y-kien-dang-vien.docx",
                "03-bang-tong-hop-xep-loai-can-bo.xlsx",
                "03-bang-tong-hop-xep-loai-can-bo.docx",
                "04-bang-tu-cham-diem.xlsx",
                "05-de-nghi-khen-thuong.xlsx",
                "05-de-nghi-khen-thuong.docx",
                "06-thong-ke-xep-loai.xlsx",
                "07-dang-ky-thi-dua.docx",
                "01-bao-cao-kiem-diem-tap-the-da-ban-hanh.pdf",
                "08-bao-cao-tong-ket-cong-tac-xay-dung-dang.pdf",
            ]
        );
        let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
        assert_eq!(manifest["version"], 1);
        assert_eq!(manifest["organization"]["code"], "DHV");
        for (doc, (name, bytes)) in manifest["documents"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&files[1..])
        {
            assert_eq!(doc["name"], name.as_str());
            assert_eq!(doc["size"], bytes.len());
            assert_eq!(doc["sha256"], sha256(bytes));
        }
        let file = |n: &str| &files.iter().find(|(x, _)| x == n).unwrap().1;
        // D1: the collective's report with its sheet and the members' counts.
        let d1 = docx_text(file("01-bao-cao-kiem-diem-tap-the.docx"));
        assert!(d1.contains("Kiểm điểm tập thể Đảng bộ Trường Đại học Vinh năm 2016"));
        assert!(d1.contains("Trong sạch, vững mạnh"));
        assert!(d1.contains("1 (50,0%)"), "{d1}");
        // D2: every member in Vietnamese order, with the opinions and the result.
        let d2 = docx_text(file("02-tong-hop-y-kien-dang-vien.docx"));
        let pos = |s: &str| d2.find(s).unwrap();
        assert!(pos("1. Nguyễn Thị Ánh") < pos("2. Lê Thị Bình"));
        assert!(pos("2. Lê Thị Bình") < pos("3. Trần Thị Yến"));
        assert!(d2.contains("Gương mẫu, đoàn kết"));
        assert!(d2.contains("Chưa bỏ phiếu"));
        // The reward proposals and the statistics.
        let w = xlsx_cells(file("05-de-nghi-khen-thuong.xlsx"));
        assert_eq!(w[5][1], "Lê Thị Bình");
        assert_eq!(w[5][2], "Giấy khen đảng viên HTXSNV 5 năm liền");
        assert!(docx_text(file("05-de-nghi-khen-thuong.docx")).contains("Lê Thị Bình"));
        let st = xlsx_cells(file("06-thong-ke-xep-loai.xlsx"));
        let total = st.iter().find(|r| r[1] == "Tổng cộng").unwrap();
        assert_eq!(total[2..4], ["3", "1"]);
        let sheet = xlsx_cells(file("04-bang-tu-cham-diem.xlsx"));
        assert!(sheet.iter().any(|r| r[1] == "Tổng cộng" && r[3] == "90"));
        assert!(docx_text(file("07-dang-ky-thi-dua.docx")).contains("Năm 2017"));

        // The base cannot decide on its own dossier; a return needs a comment.
        let decide = format!("{uri}/decision");
        assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri(&decide)
                    .set_json(json!({ "decision": "accept" })),
                base_committee
            ),
            403,
            "forbidden",
        )
        .await;
        let res = assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri(&decide)
                    .set_json(json!({ "decision": "return", "comment": "  " })),
                district_committee
            ),
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(res["errors"][0]["field"], "comment");
        let res = send!(
            app,
            TestRequest::post().uri(&decide).set_json(json!({
                "decision": "return", "comment": "Bổ sung kết quả của đảng viên Trần Thị Yến"
            })),
            district_committee
        );
        assert_eq!(res.status(), 200);
        let s = json(res).await;
        assert_eq!(s["status"], "returned");
        assert_eq!(s["overdue"], true);
        assert_eq!(
            s["latest"]["decision_comment"],
            "Bổ sung kết quả của đảng viên Trần Thị Yến"
        );
        // Returned: the archive is a draft again; the base fixes it and submits again.
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{uri}/archive")),
            base_committee
        );
        assert_eq!(res.headers().get("x-dossier-draft").unwrap(), "true");
        let mut conn = db.pool.get().unwrap();
        classified(&mut conn, c2016, yen, "completed");
        drop(conn);
        let res = send!(
            app,
            TestRequest::post().uri(&format!("{uri}/submit")),
            base_committee
        );
        assert_eq!(res.status(), 201);
        let s = json(res).await;
        assert_eq!(s["latest"]["number"], 2);
        assert_eq!(s["latest"]["missing"][0]["rule"], "P3");
        assert_eq!(s["latest"]["missing"].as_array().unwrap().len(), 1);
        let res = send!(
            app,
            TestRequest::post()
                .uri(&decide)
                .set_json(json!({ "decision": "accept" })),
            district_committee
        );
        assert_eq!(json(res).await["status"], "accepted");
        assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri(&decide)
                    .set_json(json!({ "decision": "accept" })),
                district_committee
            ),
            409,
            "not_submitted",
        )
        .await;
        let d = json(send!(app, TestRequest::get().uri(&uri), district_committee)).await;
        let history: Vec<(&str, i64)> = d["submissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["status"].as_str().unwrap(), s["number"].as_i64().unwrap()))
            .collect();
        assert_eq!(history, [("returned", 1), ("accepted", 2)]);

        // The district's list: the accepted one, and the base without a cycle that year.
        let list = json(send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/dossiers?organization_id={}&year=2016",
                district.id
            )),
            district_committee
        ))
        .await;
        let lines: Vec<(&str, &str, bool)> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["name"].as_str().unwrap(),
                    l["status"].as_str().unwrap(),
                    l["late"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                ("Đảng bộ Trường Đại học Vinh", "accepted", true),
                ("Đảng bộ phường Hưng Mỹ", "not_submitted", false),
            ]
        );
        assert!(list[1]["cycle_id"].is_null());
    }
);

db_test!(a_dossier_before_the_plans_date_is_on_time, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let district = org(&mut conn, "district", "VINH", "Thành ủy Vinh", None);
    let base = org(
        &mut conn,
        "base",
        "HM",
        "Đảng bộ phường Hưng Mỹ",
        Some(&district),
    );
    let branch = org(&mut conn, "branch", "CB1", "Chi bộ khối 1", Some(&base));
    // The plan of a year to come: its summary date (25/11) has not passed.
    let year = chrono::Datelike::year(&chrono::Utc::now()) + 1;
    let c = cycle(&mut conn, base.id, year);
    let m = member(&mut conn, branch.id, "Hồ Văn Nam", None);
    classified(&mut conn, c, m, "good");
    self_assess(&mut conn, year, base.id, c);
    let committee = user(&mut conn, "danguy.hm", "committee", Some(base.id));
    let inspection = user(&mut conn, "ubkt", "inspection", Some(base.id));
    drop(conn);
    let uri = format!("/api/v1/dossiers/{}/{year}", base.id);
    // Inspection reads the dossier but does not submit it.
    let res = send!(app, TestRequest::get().uri(&uri), inspection);
    assert_eq!(res.status(), 200);
    assert_problem(
        send!(
            app,
            TestRequest::post().uri(&format!("{uri}/submit")),
            inspection
        ),
        403,
        "forbidden",
    )
    .await;
    let res = send!(
        app,
        TestRequest::post().uri(&format!("{uri}/submit")),
        committee
    );
    assert_eq!(res.status(), 201);
    let s = json(res).await;
    assert_eq!(s["late"], false);
    assert_eq!(s["deadline"], format!("{year}-11-25"));
    // A base without a cycle in a year: 409, named.
    assert_problem(
        send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/dossiers/{}/2015", base.id)),
            committee
        ),
        409,
        "no_cycle",
    )
    .await;
});

/// A leaders' review meeting (plan II.3) that assessed these members.
fn leaders_meeting(conn: &mut AnyConnection, cycle_id: i64, leaders: &[(i64, &str, &str)]) {
    use kiemdiem_store::key_cadre::{self, NewAssessment, NewMeeting};
    let assessments: Vec<NewAssessment<'_>> = leaders
        .iter()
        .map(|&(member_id, opinion, level)| NewAssessment {
            member_id,
            opinion,
            votes: [7, 2, 0, 0],
            proposed_level: level,
        })
        .collect();
    key_cadre::create(
        conn,
        &NewMeeting {
            cycle_id,
            held_on: chrono::NaiveDate::from_ymd_opt(2016, 11, 21).unwrap(),
            chaired_by: "Đinh Xuân Khoa",
            attendees: 9,
            collective_opinion: Some("Tập thể đoàn kết, đổi mới quản trị"),
            recorded_by: "danguy",
            kind: "leaders_review",
            attendee_names: r#"["Đinh Xuân Khoa","Trần Văn Dự"]"#,
        },
        &assessments,
    )
    .unwrap();
}

/// A member's self-review, submitted or left as a draft.
fn self_review(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    duties: &str,
    submit: bool,
) {
    use kiemdiem_store::self_reviews;
    let content = self_reviews::Content {
        duties: duties.into(),
        self_assessed_level: Some("excellent".into()),
        ..Default::default()
    };
    self_reviews::save(conn, cycle_id, member_id, &content, "dv", false).unwrap();
    if submit {
        let s = self_reviews::find(conn, cycle_id, member_id)
            .unwrap()
            .unwrap();
        self_reviews::set_status(
            conn,
            s.id,
            kiemdiem_domain::self_review::Status::Submitted,
            None,
        )
        .unwrap();
    }
}

// Plan II.5 (RULES.md P1): the leaders' reviews go to the province before 15/12 as their own
// dossier — the approved collective report, the records of the leaders' meeting, each
// leader's opinions, classification and self-review as PDF — submitted by the base's
// committee and decided by the province's committee, beside (not instead of) the base's own
// dossier to the district.
db_test!(
    the_leaders_dossier_goes_to_the_province_and_the_province_decides,
    |app, db| {
        let mut conn = db.pool.get().unwrap();
        let (province, district, base) = vinh(&mut conn);
        let branch = org(
            &mut conn,
            "branch",
            "CB-BGH",
            "Chi bộ Ban Giám hiệu",
            Some(&base),
        );
        let c2016 = cycle(&mut conn, base.id, 2016);
        let anh = member(&mut conn, branch.id, "Nguyễn Thị Ánh", Some("Hiệu trưởng"));
        let binh = member(&mut conn, branch.id, "Lê Văn Bình", Some("Phó Hiệu trưởng"));
        // Yến is not a leader: she is in no leaders' meeting, so not in this dossier.
        let yen = member(&mut conn, branch.id, "Trần Thị Yến", None);
        classified(&mut conn, c2016, anh, "excellent");
        classified(&mut conn, c2016, yen, "good");
        leaders_meeting(
            &mut conn,
            c2016,
            &[
                (anh, "Quyết liệt trong đổi mới quản trị", "excellent"),
                (binh, "Cần sâu sát cơ sở hơn", "good"),
            ],
        );
        self_review(&mut conn, c2016, anh, "Chỉ đạo kiểm định chất lượng", true);
        self_review(&mut conn, c2016, binh, "Phụ trách đào tạo", false);
        self_review(&mut conn, c2016, yen, "Giảng dạy", true);
        let sub = webhooks::subscribe(
            &mut conn,
            "http://127.0.0.1:9/hooks",
            "s3cret-s3cret-s3cret",
            "dossier.submitted",
            province.id,
            "admin",
        )
        .unwrap();
        let base_committee = user(&mut conn, "danguy.dhv", "committee", Some(base.id));
        let district_committee = user(&mut conn, "thanhuy", "committee", Some(district.id));
        let province_committee = user(&mut conn, "tinhuy", "committee", Some(province.id));
        drop(conn);

        let uri = format!("/api/v1/dossiers/{}/2016/leaders", base.id);
        let d = json(send!(app, TestRequest::get().uri(&uri), base_committee)).await;
        assert_eq!(d["kind"], "leaders");
        assert_eq!(d["status"], "not_submitted");
        // P1: before 15/12, the end of the plan's `province_dossiers` phase.
        assert_eq!(d["deadline"], "2016-12-15");
        let missing: Vec<(&str, &str, bool)> = d["preview"]["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["rule"].as_str().unwrap(),
                    m["reason"].as_str().unwrap(),
                    m["blocking"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            missing,
            [
                (
                    "D1",
                    "Báo cáo kiểm điểm tập thể chưa được duyệt, ban hành",
                    true
                ),
                ("D2", "Lê Văn Bình chưa nộp bản tự kiểm điểm", true),
                (
                    "M6",
                    "Lê Văn Bình chưa có kết quả xếp loại đảng viên",
                    false
                ),
            ]
        );
        let names: Vec<&str> = d["preview"]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["name"].as_str().unwrap())
            .collect();
        let anh_file = format!("05-ban-kiem-diem-{anh}.pdf");
        assert_eq!(
            names,
            [
                "02-bien-ban-hoi-nghi-kiem-diem-lanh-dao.pdf",
                "03-tong-hop-y-kien-can-bo-lanh-dao.pdf",
                "04-bang-tong-hop-xep-loai-can-bo-lanh-dao.pdf",
                anh_file.as_str(),
            ]
        );
        // The meeting's record: the date, who chaired and attended, each leader's opinion.
        let pdf = |name: &str| {
            let at = format!("{uri}/documents/{name}");
            let token = base_committee.clone();
            let app = &app;
            async move {
                let res = send!(app, TestRequest::get().uri(&at), token);
                assert_eq!(res.status(), 200, "{at}");
                assert_eq!(
                    res.headers().get("content-type").unwrap(),
                    "application/pdf"
                );
                pdf_text(&read_body(res).await)
            }
        };
        let record = pdf("02-bien-ban-hoi-nghi-kiem-diem-lanh-dao.pdf").await;
        for part in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Hội nghị kiểm điểm tập thể, cá nhân Ban Giám hiệu, Đảng ủy ngày 21/11/2016",
            "Đinh Xuân Khoa",
            "Trần Văn Dự",
            "Tập thể đoàn kết, đổi mới quản trị",
            "Nguyễn Thị Ánh",
            "Quyết liệt trong đổi mới quản trị",
            "Cần sâu sát cơ sở hơn",
        ] {
            assert!(record.contains(part), "{part} in {record}");
        }
        let table = pdf("04-bang-tong-hop-xep-loai-can-bo-lanh-dao.pdf").await;
        assert!(table.contains("Nguyễn Thị Ánh") && table.contains("Lê Văn Bình"));
        assert!(!table.contains("Trần Thị Yến"), "{table}");
        let opinions = pdf("03-tong-hop-y-kien-can-bo-lanh-dao.pdf").await;
        assert!(opinions.contains("1. Nguyễn Thị Ánh") && !opinions.contains("Trần Thị Yến"));
        assert!(
            pdf(&anh_file)
                .await
                .contains("Chỉ đạo kiểm định chất lượng")
        );
        // Bình's self-review is not submitted: not in the dossier, not served.
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!("{uri}/documents/05-ban-kiem-diem-{binh}.pdf")),
                base_committee
            ),
            404,
            "not_found",
        )
        .await;
        // What blocks is named, and nothing is written.
        let res = assert_problem(
            send!(
                app,
                TestRequest::post().uri(&format!("{uri}/submit")),
                base_committee
            ),
            409,
            "dossier_incomplete",
        )
        .await;
        let detail = res["detail"].as_str().unwrap();
        assert!(
            detail.starts_with("Hồ sơ kiểm điểm cán bộ lãnh đạo còn thiếu"),
            "{detail}"
        );
        assert!(
            detail.contains("D2: Lê Văn Bình chưa nộp bản tự kiểm điểm"),
            "{detail}"
        );
        let mut conn = db.pool.get().unwrap();
        use kiemdiem_domain::dossier::DossierKind;
        assert!(
            kiemdiem_store::dossiers::history(&mut conn, DossierKind::Leaders, base.id, 2016)
                .unwrap()
                .is_empty()
        );
        self_review(&mut conn, c2016, binh, "Phụ trách đào tạo", true);
        drop(conn);
        let at = format!(
            "/api/v1/organizations/{}/reports/2016/collective_review",
            base.id
        );
        let res = send!(
            app,
            TestRequest::put().uri(&at).set_json(json!({
                "version": 0, "title": "Báo cáo kiểm điểm tập thể Ban Giám hiệu",
                "body": "I. KẾT QUẢ\nCó {{tong_so_dang_vien}} đảng viên.",
                "signer_title": "T/M ĐẢNG ỦY\nBÍ THƯ", "signer_name": "Nguyễn Văn Bình",
            })),
            base_committee
        );
        assert_eq!(res.status(), 200);
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("{at}/approval"))
                .set_json(json!({ "version": 1, "dated_on": "2016-11-22" })),
            base_committee
        );
        assert_eq!(res.status(), 200);

        // Only the base's own committee submits; the district cannot act for it.
        assert_problem(
            send!(
                app,
                TestRequest::post().uri(&format!("{uri}/submit")),
                district_committee
            ),
            403,
            "forbidden",
        )
        .await;
        let res = send!(
            app,
            TestRequest::post().uri(&format!("{uri}/submit")),
            base_committee
        );
        assert_eq!(res.status(), 201);
        let s = json(res).await;
        assert_eq!(s["kind"], "leaders");
        assert_eq!(s["status"], "submitted");
        assert_eq!(s["latest"]["number"], 1);
        assert_eq!(s["late"], true, "submitted after 15/12/2016");
        assert_eq!(s["latest"]["documents"], 6);
        // The base's own dossier is another record: still not submitted.
        let own = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/dossiers/{}/2016", base.id)),
            base_committee
        ))
        .await;
        assert_eq!(
            (own["kind"].as_str(), own["status"].as_str()),
            (Some("base"), Some("not_submitted"))
        );
        // The webhook says which dossier went up.
        let mut conn = db.pool.get().unwrap();
        let events: Vec<String> = webhooks::deliveries_of(&mut conn, sub, 500, 0)
            .unwrap()
            .0
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        assert_eq!(events, ["dossier.submitted"]);
        let payloads: Vec<String> = {
            use diesel::prelude::*;
            use kiemdiem_store::schema::outbox_events as e;
            e::table.select(e::payload).load(&mut **conn).unwrap()
        };
        drop(conn);
        let payload: serde_json::Value = serde_json::from_str(&payloads[0]).unwrap();
        assert_eq!(
            (payload["kind"].as_str(), payload["late"].as_bool()),
            (Some("leaders"), Some(true))
        );

        // The province decides, not the district (the committee above the base).
        let decide = |body: serde_json::Value| {
            TestRequest::post()
                .uri(&format!("{uri}/decision"))
                .set_json(body)
        };
        assert_problem(
            send!(
                app,
                decide(json!({ "decision": "accept" })),
                district_committee
            ),
            403,
            "forbidden",
        )
        .await;
        let res = assert_problem(
            send!(
                app,
                decide(json!({ "decision": "return" })),
                province_committee
            ),
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(res["errors"][0]["field"], "comment");
        let res = send!(
            app,
            decide(json!({ "decision": "return", "comment": "Bổ sung nhận xét nơi cư trú" })),
            province_committee
        );
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["status"], "returned");
        // Two resubmissions at once: one is written.
        let statuses = parallel_statuses!(
            app,
            (0..2).map(|_| {
                TestRequest::post()
                    .uri(&format!("{uri}/submit"))
                    .insert_header(("authorization", base_committee.as_str()))
            })
        );
        assert_eq!(statuses, [201, 409]);
        let res = send!(
            app,
            decide(json!({ "decision": "accept" })),
            province_committee
        );
        assert_eq!(res.status(), 200);
        let s = json(res).await;
        assert_eq!(
            (s["status"].as_str(), s["latest"]["number"].as_i64()),
            (Some("accepted"), Some(2))
        );

        // The province reads the archive as submitted: its manifest says what it is.
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{uri}/archive")),
            province_committee
        );
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers().get("x-dossier-draft").unwrap(), "false");
        let files = unzip(&read_body(res).await);
        let manifest: serde_json::Value =
            serde_json::from_slice(&files.iter().find(|(n, _)| n == "manifest.json").unwrap().1)
                .unwrap();
        assert_eq!(manifest["kind"], "leaders");
        assert_eq!(manifest["documents"].as_array().unwrap().len(), 6);
        for doc in manifest["documents"].as_array().unwrap() {
            let (_, bytes) = files
                .iter()
                .find(|(n, _)| n == doc["name"].as_str().unwrap())
                .unwrap();
            assert_eq!(doc["sha256"], sha256(bytes));
        }
        // The province's list of its bases' leaders' dossiers; an unknown kind is refused.
        let list = json(send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/dossiers?organization_id={}&year=2016&kind=leaders",
                province.id
            )),
            province_committee
        ))
        .await;
        assert_eq!(list[0]["status"], "accepted");
        assert_eq!(list[0]["deadline"], "2016-12-15");
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!(
                    "/api/v1/dossiers?organization_id={}&year=2016&kind=city",
                    province.id
                )),
                province_committee
            ),
            422,
            "validation_failed",
        )
        .await;
    }
);
