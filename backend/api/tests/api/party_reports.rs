//! The committees' reports (D1, D4; issue #16): written with the year's figures, every save a
//! version, approved with the issuing body's register number and dated on the approval, the
//! figures frozen then; printed as PDF and DOCX. Through the real router, on both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::common::org;

use actix_web::test::{TestRequest, call_service, read_body};
use common::{assert_problem, json, user};
use kiemdiem_store::members;
use serde_json::{Value, json};

fn member(conn: &mut kiemdiem_store::AnyConnection, branch: i64, card: &str) -> i64 {
    members::create(
        conn,
        &kiemdiem_domain::member::MemberData {
            card_number: Some(card.into()),
            full_name: format!("Đảng Viên {card}"),
            gender: "female".into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 2, 3),
            branch_id: branch,
            status: "official".into(),
            admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
            official_on: chrono::NaiveDate::from_ymd_opt(2006, 1, 1),
            category: "civil_servant".into(),
            active: true,
            ..Default::default()
        },
    )
    .unwrap()
}

fn draft(version: i64, body: &str) -> Value {
    json!({
        "version": version,
        "title": "Kiểm điểm tập thể Đảng ủy năm 2016",
        "body": body,
        "signer_title": "T/M ĐẢNG ỦY\nBÍ THƯ",
        "signer_name": "Nguyễn Thị Hằng",
    })
}

db_test!(
    reports_are_written_versioned_approved_and_numbered,
    |app, db| {
        let mut conn = db.pool.get().unwrap();
        let province = org(&mut conn, "province", "NA", None);
        let district = org(&mut conn, "district", "VINH", Some(&province));
        let base = org(&mut conn, "base", "DHV", Some(&district));
        let branch = org(&mut conn, "branch", "CB-TOAN", Some(&base));
        member(&mut conn, branch.id, "A0001");
        member(&mut conn, branch.id, "A0002");
        let committee = user(&mut conn, "danguy", "committee", Some(base.id));
        let district_committee = user(&mut conn, "thanhuy", "committee", Some(district.id));
        let secretary = user(&mut conn, "bithu", "branch_committee", Some(branch.id));
        let inspection = user(&mut conn, "ubkt", "inspection", Some(base.id));
        drop(conn);
        let at = |kind: &str, tail: &str| {
            format!(
                "/api/v1/organizations/{}/reports/2016/{kind}{tail}",
                base.id
            )
        };
        let d1 = at("collective_review", "");
        let put = |body: Value| TestRequest::put().uri(&d1).set_json(body);

        let year = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/organizations/{}/reports/2016", base.id)),
            committee
        ))
        .await;
        assert_eq!(year["reports"], json!([]));
        assert_eq!(year["symbol"], "BC/ĐU");
        let figure = |key: &str| {
            year["figures"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["key"] == key)
                .unwrap()["value"]
                .clone()
        };
        assert_eq!(figure("tong_so_dang_vien"), "2");
        assert_eq!(figure("so_chi_bo"), "1");

        // Bad input: every field named, nothing written.
        let fields = common::invalid_fields(send!(
        app,
        put(json!({ "version": -1, "title": "", "body": "x", "signer_title": "T/M", "signer_name": "" })),
        committee
    ))
    .await;
        let mut names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["signer_name", "title", "version"]);
        let fields = common::invalid_fields(send!(
            app,
            put(draft(0, "Có {{so_dang_vien_moi}} và {{nam}}; {{khong_co}}")),
            committee
        ))
        .await;
        assert_eq!(
            fields,
            [("body".to_owned(), "unknown_placeholder".to_owned())]
        );
        assert_problem(
            send!(app, TestRequest::get().uri(&d1), committee),
            404,
            "not_found",
        )
        .await;

        // The issuing body writes; the district above and the inspection commission read; a
        // branch's committee does not see the base at all (404).
        assert_problem(
            send!(app, put(draft(0, "Văn bản")), district_committee),
            403,
            "forbidden",
        )
        .await;
        assert_problem(
            send!(app, put(draft(0, "Văn bản")), secretary),
            404,
            "not_found",
        )
        .await;

        let body = "I. ĐẶC ĐIỂM TÌNH HÌNH\nĐảng bộ có {{so_chi_bo}} chi bộ, {{tong_so_dang_vien}} đảng viên.\nII. KẾT QUẢ NĂM {{nam}}\nĐã hoàn thành.";
        let r = json(send!(app, put(draft(0, body)), committee)).await;
        assert_eq!(r["version"], 1);
        assert_eq!(r["status"], "draft");
        assert_eq!(r["rule"], "D1");
        assert_eq!(r["number"], Value::Null);
        assert!(
            r["rendered"]
                .as_str()
                .unwrap()
                .contains("Đảng bộ có 1 chi bộ, 2 đảng viên."),
            "{}",
            r["rendered"]
        );
        // A second first version (someone else started it too) and a stale version: 412.
        assert_eq!(send!(app, put(draft(0, body)), committee).status(), 412);
        assert_eq!(send!(app, put(draft(7, body)), committee).status(), 412);
        let r = json(send!(
            app,
            put(draft(1, &format!("{body}\nThêm một dòng."))),
            committee
        ))
        .await;
        assert_eq!(r["version"], 2);
        for reader in [&district_committee, &inspection] {
            let got = json(send!(app, TestRequest::get().uri(&d1), reader)).await;
            assert_eq!(got["version"], 2);
        }
        assert_problem(
            send!(app, TestRequest::get().uri(&d1), secretary),
            404,
            "not_found",
        )
        .await;

        // Parallel saves of the same version: exactly one wins, the rest are told (412).
        let saves: Vec<_> = (0..4)
            .map(|i| {
                call_service(
                    &app,
                    TestRequest::put()
                        .uri(&d1)
                        .set_json(draft(2, &format!("{body}\nLần {i}.")))
                        .insert_header(("authorization", committee.as_str()))
                        .to_request(),
                )
            })
            .collect();
        let mut statuses: Vec<u16> = futures_util::future::join_all(saves)
            .await
            .iter()
            .map(|r| r.status().as_u16())
            .collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 412, 412, 412]);
        let versions = json(send!(
            app,
            TestRequest::get().uri(&at("collective_review", "/versions")),
            district_committee
        ))
        .await;
        let numbers: Vec<i64> = versions
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["version"].as_i64().unwrap())
            .collect();
        assert_eq!(numbers, [3, 2, 1]);
        assert!(
            versions[2]["body"]
                .as_str()
                .unwrap()
                .contains("{{tong_so_dang_vien}}")
        );

        // The draft prints as a draft.
        let pdf = send!(
            app,
            TestRequest::get().uri(&at("collective_review", "/document?format=pdf")),
            committee
        );
        assert_eq!(pdf.status(), 200);
        let text = common::pdf_text(&read_body(pdf).await);
        assert!(text.contains("DỰ THẢO"), "{text}");
        assert!(text.contains("Đảng bộ có 1 chi bộ, 2 đảng viên."), "{text}");

        // Approval: a date outside the year (and the quarter after it) or in the future is named;
        // a stale version is 412; nothing is numbered by them.
        let approve = |version: i64, dated_on: &str| {
            TestRequest::post()
                .uri(&at("collective_review", "/approval"))
                .set_json(json!({ "version": version, "dated_on": dated_on }))
        };
        for bad in ["2015-12-31", "2017-04-01", "2999-01-01"] {
            let fields = common::invalid_fields(send!(app, approve(3, bad), committee)).await;
            assert_eq!(fields, [("dated_on".to_owned(), "out_of_range".to_owned())]);
        }
        assert_eq!(
            send!(app, approve(2, "2016-12-20"), committee).status(),
            412
        );
        assert_problem(
            send!(app, approve(3, "2016-12-20"), district_committee),
            403,
            "forbidden",
        )
        .await;
        let approved = json(send!(app, approve(3, "2016-12-20"), committee)).await;
        assert_eq!(approved["status"], "approved");
        assert_eq!(approved["number"], "01-BC/ĐU");
        assert_eq!(approved["dated_on"], "2016-12-20");
        assert_eq!(approved["approved_by"], "danguy");
        assert_eq!(approved["version"], 4);

        // The figures are frozen: a member joining later changes the drafts, not the approved text.
        {
            let mut conn = db.pool.get().unwrap();
            member(&mut conn, branch.id, "A0003");
        }
        let got = json(send!(app, TestRequest::get().uri(&d1), inspection)).await;
        assert!(got["rendered"].as_str().unwrap().contains("2 đảng viên."));
        assert!(!got["body"].as_str().unwrap().contains("{{"));
        // Approved: no more saves, no second number.
        assert_problem(send!(app, put(draft(4, body)), committee), 409, "approved").await;
        assert_problem(
            send!(app, approve(4, "2016-12-21"), committee),
            409,
            "approved",
        )
        .await;

        // The register: three approvals at once — D4 of 2016, and 2015's two reports dated in
        // the first quarter of 2016 — share the base's counter of 2016 and never share a number.
        let mut targets = Vec::new();
        for (year, kind, dated) in [
            (2016, "party_building_summary", "2016-12-22"),
            (2015, "collective_review", "2016-01-15"),
            (2015, "party_building_summary", "2016-03-31"),
        ] {
            let uri = format!("/api/v1/organizations/{}/reports/{year}/{kind}", base.id);
            let r = json(send!(
                app,
                TestRequest::put()
                    .uri(&uri)
                    .set_json(draft(0, "Năm {{nam}}: {{tong_so_dang_vien}} đảng viên.")),
                committee
            ))
            .await;
            assert_eq!(r["version"], 1);
            targets.push((uri, dated));
        }
        let d4 = json(send!(
            app,
            TestRequest::get().uri(&at("party_building_summary", "")),
            committee
        ))
        .await;
        assert_eq!(d4["rendered"], "Năm 2016: 3 đảng viên.");
        let approvals: Vec<_> = targets
            .iter()
            .map(|(uri, dated)| {
                call_service(
                    &app,
                    TestRequest::post()
                        .uri(&format!("{uri}/approval"))
                        .set_json(json!({ "version": 1, "dated_on": dated }))
                        .insert_header(("authorization", committee.as_str()))
                        .to_request(),
                )
            })
            .collect();
        let mut numbers = Vec::new();
        for res in futures_util::future::join_all(approvals).await {
            assert_eq!(res.status(), 200);
            numbers.push(json(res).await["number"].as_str().unwrap().to_owned());
        }
        numbers.sort();
        assert_eq!(numbers, ["02-BC/ĐU", "03-BC/ĐU", "04-BC/ĐU"]);

        // The approved report as it is filed: the party's heading, the number, dated on the
        // approval (not today), the text, the signature; the DOCX says the same.
        let pdf = send!(
            app,
            TestRequest::get().uri(&at("collective_review", "/document")),
            inspection
        );
        assert_eq!(common::content_type(&pdf), "application/pdf");
        let text = common::pdf_text(&read_body(pdf).await);
        for expected in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "TỔ CHỨC DHV",
            "ĐẢNG ỦY",
            "Số 01-BC/ĐU",
            "ngày 20 tháng 12 năm 2016",
            "BÁO CÁO",
            "Kiểm điểm tập thể Đảng ủy năm 2016",
            "I. ĐẶC ĐIỂM TÌNH HÌNH",
            "Đảng bộ có 1 chi bộ, 2 đảng viên.",
            "T/M ĐẢNG ỦY",
            "Nguyễn Thị Hằng",
        ] {
            assert!(text.contains(expected), "{expected} not in {text}");
        }
        assert!(!text.contains("DỰ THẢO"));
        let docx = send!(
            app,
            TestRequest::get().uri(&at("collective_review", "/document?format=docx")),
            committee
        );
        let text = common::docx_text(&read_body(docx).await);
        for expected in [
            "Số 01-BC/ĐU",
            "ngày 20 tháng 12 năm 2016",
            "Nguyễn Thị Hằng",
        ] {
            assert!(text.contains(expected), "{expected} not in the DOCX");
        }
        let fields = common::invalid_fields(send!(
            app,
            TestRequest::get().uri(&at("collective_review", "/document?format=odt")),
            committee
        ))
        .await;
        assert_eq!(fields, [("format".to_owned(), "invalid_format".to_owned())]);
        // P3 (guidance C.3): the inspection commission's consolidated report is the commission's
        // to write and issue, numbered by its own register; the committee reads it.
        let p3 = at("inspection_summary", "");
        let p3_body = draft(
            0,
            "I. VIỆC GỢI Ý KIỂM ĐIỂM\nĐã gợi ý {{so_goi_y}} nội dung; đã giải trình {{so_goi_y_da_giai_trinh}}.",
        );
        assert_problem(
            send!(
                app,
                TestRequest::put().uri(&p3).set_json(p3_body.clone()),
                committee
            ),
            403,
            "forbidden",
        )
        .await;
        let r = json(send!(
            app,
            TestRequest::put().uri(&p3).set_json(p3_body),
            inspection
        ))
        .await;
        assert_eq!(r["rule"], "P3", "{r}");
        assert!(
            r["rendered"]
                .as_str()
                .unwrap()
                .contains("Đã gợi ý 0 nội dung; đã giải trình 0.")
        );
        let r = json(send!(
            app,
            TestRequest::post()
                .uri(&format!("{p3}/approval"))
                .set_json(json!({ "version": 1, "dated_on": "2016-11-15" })),
            inspection
        ))
        .await;
        assert_eq!(r["number"], "01-BC/UBKTĐU");
        let pdf = send!(
            app,
            TestRequest::get().uri(&at("inspection_summary", "/document")),
            committee
        );
        let text = common::pdf_text(&read_body(pdf).await);
        for expected in [
            "ỦY BAN KIỂM TRA",
            "Số 01-BC/UBKTĐU",
            "ngày 15 tháng 11 năm 2016",
        ] {
            assert!(text.contains(expected), "{expected} not in {text}");
        }

        // An unknown kind is nothing to see.
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&at("bao_cao_khac", "")),
                committee
            ),
            404,
            "not_found",
        )
        .await;
    }
);
