//! The member registry through the real router, on both databases: Vietnamese search and
//! order, ETag/If-Match, validation, import (all or nothing, dry run, idempotence), export.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service, read_body};
use common::{assert_problem, json, names};
use kiemdiem_store::{organizations, users};
use serde_json::{Value, json};

struct World {
    admin: String,
    branch: i64,
    branch_code: &'static str,
}

fn world(db: &common::TestDb) -> World {
    let mut conn = db.pool.get().unwrap();
    let last = common::chain(
        &mut conn,
        &[
            ("province", "NA"),
            ("district", "VINH"),
            ("base", "DHV"),
            ("branch", "CB-TOAN"),
        ],
    )
    .last()
    .map(|o| o.id);
    let admin = users::create(
        &mut conn,
        users::NewUser {
            username: "root",
            display_name: "Quản trị",
            password_hash: "x",
            member_id: None,
        },
    )
    .unwrap();
    users::add_assignment(&mut conn, admin.id, "admin", None).unwrap();
    let token = kiemdiem_api::auth::jwt::Keys::new(common::TEST_SECRET)
        .issue(format!("user:{}", admin.id), 0)
        .unwrap()
        .0;
    World {
        admin: format!("Bearer {token}"),
        branch: last.unwrap(),
        branch_code: "CB-TOAN",
    }
}

fn new_member(w: &World, name: &str, card: &str) -> Value {
    json!({
        "card_number": card, "full_name": name, "gender": "female", "date_of_birth": "1985-04-30",
        "branch_id": w.branch, "status": "official", "admitted_on": "2010-05-19", "official_on": "2011-05-19",
        "category": "civil_servant",
    })
}

macro_rules! call {
    ($app:expr, $req:expr) => {
        call_service(&$app, $req.to_request()).await
    };
}

db_test!(
    search_ignores_diacritics_and_lists_sort_the_vietnamese_way,
    |app, db| {
        let w = world(&db);
        let people = [
            "Nguyễn Văn An",
            "Đặng Thị Đào",
            "Lê Thị Hạ",
            "Lê Thị Hà",
            "Trần Văn Ưng",
            "Phạm Văn Ân",
            "Hồ Sỹ Dũng",
            "Võ Thị Ơn",
            "Nguyễn Thị An",
            "Bùi Văn Uyên",
            "Lê Thị Hả",
            "Lê Thị Hã",
            "Lê Thị Há",
            "Lê Thị Ha",
            "Ngô Đức Duy",
            "Trương Ăn",
        ];
        for (i, name) in people.iter().enumerate() {
            let res = call!(
                app,
                TestRequest::post()
                    .uri("/api/v1/members")
                    .insert_header(("authorization", w.admin.as_str()))
                    .set_json(new_member(&w, name, &format!("{:08}", 34_000_000 + i)))
            );
            assert_eq!(res.status(), 201, "{name}");
        }
        let list = |q: &str| {
            TestRequest::get()
                .uri(&format!("/api/v1/members?per_page=50{q}"))
                .insert_header(("authorization", w.admin.as_str()))
        };
        let all = json(call!(app, list(""))).await;
        assert_eq!(
            names(&all),
            [
                "Nguyễn Thị An",
                "Nguyễn Văn An",
                "Trương Ăn",
                "Phạm Văn Ân",
                "Hồ Sỹ Dũng",
                "Ngô Đức Duy",
                "Đặng Thị Đào",
                "Lê Thị Ha",
                "Lê Thị Hà",
                "Lê Thị Hả",
                "Lê Thị Hã",
                "Lê Thị Há",
                "Lê Thị Hạ",
                "Võ Thị Ơn",
                "Bùi Văn Uyên",
                "Trần Văn Ưng",
            ]
        );
        // A client that takes gzip gets the same page compressed, with its own ETag, and a
        // 304 when it asks again with that tag; `q=0` refuses gzip.
        let plain = read_body(call!(app, list(""))).await;
        let res = call!(app, list("").insert_header(("accept-encoding", "br, gzip")));
        assert_eq!(res.headers().get("content-encoding").unwrap(), "gzip");
        assert_eq!(res.headers().get("vary").unwrap(), "Accept-Encoding");
        let gz_tag = common::etag(&res);
        let compressed = read_body(res).await;
        assert!(compressed.len() < plain.len());
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&compressed[..]),
            &mut unpacked,
        )
        .unwrap();
        assert_eq!(unpacked, plain);
        let res = call!(
            app,
            list("")
                .insert_header(("accept-encoding", "gzip"))
                .insert_header(("if-none-match", gz_tag.as_str()))
        );
        assert_eq!(res.status(), 304);
        let res = call!(app, list("").insert_header(("accept-encoding", "gzip;q=0")));
        assert!(res.headers().get("content-encoding").is_none());
        assert_ne!(res.headers().get("etag").unwrap(), gz_tag.as_str());
        assert_eq!(read_body(res).await, plain);
        // A body too small to pay for compressing goes as it is, even to a client taking gzip.
        let res = call!(
            app,
            list("")
                .uri("/api/v1/members?q=khongcoai")
                .insert_header(("accept-encoding", "gzip"))
        );
        assert!(res.headers().get("content-encoding").is_none());
        let small = read_body(res).await;
        assert!(small.len() < kiemdiem_api::stored::GZIP_FROM, "{small:?}");
        assert_eq!(serde_json::from_slice::<Value>(&small).unwrap()["total"], 0);
        // Pagination keeps the order.
        let page2 = json(call!(
            app,
            list("&per_page=5&page=2").uri("/api/v1/members?per_page=5&page=2")
        ))
        .await;
        assert_eq!(
            names(&page2),
            [
                "Ngô Đức Duy",
                "Đặng Thị Đào",
                "Lê Thị Ha",
                "Lê Thị Hà",
                "Lê Thị Hả"
            ]
        );
        assert_eq!(page2["total"], 16);

        for q in [
            "nguyen van an",
            "Nguyen Van An",
            "NGUYỄN VĂN AN",
            "nguyễn văn an",
        ] {
            let found = json(call!(app, list(&format!("&q={}", urlencode(q))))).await;
            assert_eq!(names(&found), ["Nguyễn Văn An"], "{q}");
        }
        let found = json(call!(app, list("&q=dao"))).await;
        assert_eq!(names(&found), ["Đặng Thị Đào"], "d finds đ");
        let found = json(call!(app, list(&format!("&q={}", urlencode("đức"))))).await;
        assert_eq!(names(&found), ["Ngô Đức Duy"]);
        let found = json(call!(app, list("&q=le%20thi%20ha"))).await;
        assert_eq!(names(&found).len(), 6, "every tone of Hà");
        let found = json(call!(app, list("&q=34000001"))).await;
        assert_eq!(names(&found), ["Đặng Thị Đào"], "by card number");
    }
);

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

db_test!(two_secretaries_never_overwrite_each_other, |app, db| {
    let w = world(&db);
    let res = call!(
        app,
        TestRequest::post()
            .uri("/api/v1/members")
            .insert_header(("authorization", w.admin.as_str()))
            .set_json(new_member(&w, "Nguyễn Thị Lan", "34012345"))
    );
    let created_etag = common::etag(&res);
    let id = json(res).await["id"].as_i64().unwrap();
    let uri = format!("/api/v1/members/{id}");
    let res = call!(
        app,
        TestRequest::get()
            .uri(&uri)
            .insert_header(("authorization", w.admin.as_str()))
    );
    let etag = common::etag(&res);
    assert_eq!(etag, created_etag);

    let patch = |if_match: Option<&str>, body: Value| {
        let mut r = TestRequest::patch()
            .uri(&uri)
            .insert_header(("authorization", w.admin.as_str()))
            .set_json(body);
        if let Some(m) = if_match {
            r = r.insert_header(("if-match", m));
        }
        r
    };
    assert_problem(
        call!(app, patch(None, json!({ "phone": "0912345678" }))),
        428,
        "precondition_required",
    )
    .await;
    // The first secretary saves…
    let res = call!(app, patch(Some(&etag), json!({ "phone": "0912345678" })));
    assert_eq!(res.status(), 200);
    let newer = common::etag(&res);
    assert_ne!(newer, etag);
    // …the second, still holding the old version, is stopped.
    assert_problem(
        call!(app, patch(Some(&etag), json!({ "phone": "0987654321" }))),
        412,
        "precondition_failed",
    )
    .await;
    let res = call!(
        app,
        TestRequest::get()
            .uri(&uri)
            .insert_header(("authorization", w.admin.as_str()))
    );
    assert_eq!(json(res).await["phone"], "0912345678");
    // null clears an optional field; absent fields stay.
    let res = call!(
        app,
        patch(
            Some(&newer),
            json!({ "phone": null, "workplace_unit": "Khoa Toán" })
        )
    );
    let m = json(res).await;
    assert_eq!(m["phone"], Value::Null);
    assert_eq!(m["workplace_unit"], "Khoa Toán");
    assert_eq!(m["full_name"], "Nguyễn Thị Lan");
});

db_test!(invalid_members_get_every_problem_at_once, |app, db| {
    let w = world(&db);
    let mut body = new_member(&w, "Nguyễn Thị Lan", "không-phải-số");
    body["date_of_birth"] = json!("2000-01-01");
    body["admitted_on"] = json!("2015-01-01");
    body["official_on"] = json!("2014-01-01");
    body["email"] = json!("lan@");
    let res = call!(
        app,
        TestRequest::post()
            .uri("/api/v1/members")
            .insert_header(("authorization", w.admin.as_str()))
            .set_json(body)
    );
    let codes = common::invalid_fields(res).await;
    for want in [
        ("admitted_on", "too_young"),
        ("card_number", "invalid_card_number"),
        ("email", "invalid_email"),
        ("official_on", "before_admission"),
    ] {
        assert!(
            codes.contains(&(want.0.to_owned(), want.1.to_owned())),
            "{want:?} in {codes:?}"
        );
    }
    // The same card twice is a conflict.
    let ok = new_member(&w, "Nguyễn Thị Lan", "34012345");
    assert_eq!(
        call!(
            app,
            TestRequest::post()
                .uri("/api/v1/members")
                .insert_header(("authorization", w.admin.as_str()))
                .set_json(ok.clone())
        )
        .status(),
        201
    );
    assert_problem(
        call!(
            app,
            TestRequest::post()
                .uri("/api/v1/members")
                .insert_header(("authorization", w.admin.as_str()))
                .set_json(ok)
        ),
        409,
        "card_number_taken",
    )
    .await;
});

const HEADER: &str = "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Mã chi bộ,Loại đảng viên,Ngày vào Đảng,Ngày chính thức,Đối tượng,Năm vắng dài ngày,STT";

fn csv(rows: &[&str]) -> String {
    format!("\u{feff}{HEADER}\n{}\n", rows.join("\n"))
}

db_test!(
    import_is_all_or_nothing_has_a_dry_run_and_is_idempotent,
    |app, db| {
        let w = world(&db);
        let import = |body: String, dry: bool| {
            TestRequest::post()
                .uri(&format!("/api/v1/members/import?dry_run={dry}"))
                .insert_header(("authorization", w.admin.as_str()))
                .insert_header(("content-type", "text/csv"))
                .set_payload(body)
        };
        let good = [
            "34000001,Nguyễn Văn An,Nam,02/09/1975,CB-TOAN,Chính thức,19/05/2000,19/05/2001,CBCCVC,\"2014, 2015\",1",
            "34000002,Đặng Thị Đào,Nữ,12/12/1990,CB-TOAN,Dự bị,03/02/2016,,HSSV,,2",
            "34000003,Lê Thị Hà,Nữ,1988-01-01,CB-TOAN,Chính thức,2010-01-01,2011-01-01,civil_servant,,3",
        ];
        // One bad row among good ones: nothing is written, and every error is listed.
        let mut with_bad = good.to_vec();
        with_bad.push("34000004,Trần Văn Bình,Nam,31/02/1990,CB-XYZ,Chính thức,01/01/2015,01/01/2014,Sinh viên,,4");
        with_bad.push("34000001,Trùng Số Thẻ,Nam,01/01/1980,CB-TOAN,Chính thức,01/01/2005,01/01/2006,CBCCVC,,5");
        let res = call!(app, import(csv(&with_bad), false));
        let p = assert_problem(res, 422, "import_invalid").await;
        let rows: Vec<(u64, String)> = p["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["row"].as_u64().unwrap(),
                    e["column"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        for want in [
            (5, "Ngày sinh"),
            (5, "Mã chi bộ"),
            (5, "Đối tượng"),
            (5, "Ngày chính thức"),
            (6, "Số thẻ đảng viên"),
        ] {
            assert!(
                rows.contains(&(want.0, want.1.to_owned())),
                "{want:?} in {rows:?}"
            );
        }
        // The unknown branch code is reported once (not again as a missing code).
        assert_eq!(
            rows.iter()
                .filter(|r| **r == (5, "Mã chi bộ".to_owned()))
                .count(),
            1,
            "{rows:?}"
        );
        let count = |app_res: Value| app_res["total"].as_i64().unwrap();
        let list = || {
            TestRequest::get()
                .uri("/api/v1/members")
                .insert_header(("authorization", w.admin.as_str()))
        };
        assert_eq!(
            count(json(call!(app, list())).await),
            0,
            "nothing was written"
        );

        // A dry run says what would happen and writes nothing.
        let report = json(call!(app, import(csv(&good), true))).await;
        assert_eq!(
            (
                report["created"].as_u64(),
                report["updated"].as_u64(),
                report["unchanged"].as_u64()
            ),
            (Some(3), Some(0), Some(0))
        );
        assert_eq!(report["ignored_columns"], json!(["STT"]));
        assert_eq!(count(json(call!(app, list())).await), 0);

        let report = json(call!(app, import(csv(&good), false))).await;
        assert_eq!(report["created"], 3);
        assert_eq!(count(json(call!(app, list())).await), 3);
        let an = json(call!(
            app,
            list().uri("/api/v1/members?q=nguyen%20van%20an")
        ))
        .await;
        assert_eq!(an["items"][0]["long_absence_years"], json!([2014, 2015]));
        assert_eq!(an["items"][0]["date_of_birth"], "1975-09-02");

        // The same file again changes nothing.
        let version_before = an["items"][0]["version"].clone();
        let report = json(call!(app, import(csv(&good), false))).await;
        assert_eq!(
            (
                report["created"].as_u64(),
                report["updated"].as_u64(),
                report["unchanged"].as_u64()
            ),
            (Some(0), Some(0), Some(3))
        );
        let an = json(call!(
            app,
            list().uri("/api/v1/members?q=nguyen%20van%20an")
        ))
        .await;
        assert_eq!(an["items"][0]["version"], version_before);

        // One changed row is one update.
        let mut changed = good.to_vec();
        changed[1] =
            "34000002,Đặng Thị Đào,Nữ,12/12/1990,CB-TOAN,Chính thức,03/02/2016,03/02/2017,HSSV,,2";
        let report = json(call!(app, import(csv(&changed), true))).await;
        assert_eq!(
            (
                report["created"].as_u64(),
                report["updated"].as_u64(),
                report["unchanged"].as_u64()
            ),
            (Some(0), Some(1), Some(2))
        );
    }
);

db_test!(xlsx_imports_and_exports_keep_vietnamese_text, |app, db| {
    let w = world(&db);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "Số thẻ đảng viên",
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Loại đảng viên",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Đối tượng",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_number(1, 0, 34_111_111.0).unwrap();
    sheet.write_string(1, 1, "Phạm Thị Ngọc Ánh").unwrap();
    sheet.write_string(1, 2, "Nữ").unwrap();
    sheet
        .write_datetime_with_format(
            1,
            3,
            rust_xlsxwriter::ExcelDateTime::from_ymd(1992, 8, 19).unwrap(),
            &date,
        )
        .unwrap();
    sheet.write_string(1, 4, "Chính thức").unwrap();
    sheet.write_string(1, 5, "03/02/2014").unwrap();
    sheet.write_string(1, 6, "03/02/2015").unwrap();
    sheet.write_string(1, 7, "CBCCVC").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let res = call!(
        app,
        TestRequest::post()
            .uri(&format!("/api/v1/members/import?branch_id={}", w.branch))
            .insert_header(("authorization", w.admin.as_str()))
            .insert_header((
                "content-type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ))
            .set_payload(bytes)
    );
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["created"], 1);

    let res = call!(
        app,
        TestRequest::get()
            .uri("/api/v1/members/export?format=csv")
            .insert_header(("authorization", w.admin.as_str()))
    );
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers().get("content-disposition").unwrap(),
        "attachment; filename=\"danh-sach-dang-vien.csv\""
    );
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "text/csv; charset=utf-8"
    );
    // Sent from a temporary file, its length announced (Content-Length) before it streams.
    let announced = actix_web::body::MessageBody::size(res.response().body());
    let bytes = read_body(res).await;
    assert_eq!(
        announced,
        actix_web::body::BodySize::Sized(bytes.len() as u64)
    );
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    // Written row by row as the members are read: the header, then one line per member.
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.starts_with('\u{feff}'),
        "a BOM so that Excel reads UTF-8"
    );
    assert!(
        text.contains("Họ và tên")
            && text.contains("Phạm Thị Ngọc Ánh")
            && text.contains("19/08/1992"),
        "{text}"
    );
    assert!(text.contains(w.branch_code));

    let res = call!(
        app,
        TestRequest::get()
            .uri("/api/v1/members/export?format=xlsx")
            .insert_header(("authorization", w.admin.as_str()))
    );
    assert_eq!(res.status(), 200);
    let bytes = read_body(res).await;
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    // The export is itself importable: the round trip changes nothing.
    let res = call!(
        app,
        TestRequest::post()
            .uri("/api/v1/members/import?dry_run=true")
            .insert_header(("authorization", w.admin.as_str()))
            .set_payload(bytes.to_vec())
    );
    let report = json(res).await;
    assert_eq!(report["unchanged"], 1, "{report}");
    // An unknown format is refused before anything is read.
    let res = call!(
        app,
        TestRequest::get()
            .uri("/api/v1/members/export?format=pdf")
            .insert_header(("authorization", w.admin.as_str()))
    );
    assert_eq!(res.status(), 422);
    assert_eq!(json(res).await["errors"][0]["field"], "format");
});

db_test!(
    a_member_sees_only_their_own_record_and_history_blocks_deletion,
    |app, db| {
        let w = world(&db);
        let mut ids = Vec::new();
        for (name, card) in [
            ("Nguyễn Thị Lan", "34000001"),
            ("Trần Văn Bình", "34000002"),
        ] {
            let res = call!(
                app,
                TestRequest::post()
                    .uri("/api/v1/members")
                    .insert_header(("authorization", w.admin.as_str()))
                    .set_json(new_member(&w, name, card))
            );
            ids.push(json(res).await["id"].as_i64().unwrap());
        }
        let token = {
            let mut conn = db.pool.get().unwrap();
            let u = users::create(
                &mut conn,
                users::NewUser {
                    username: "lan",
                    display_name: "Lan",
                    password_hash: "x",
                    member_id: Some(ids[0]),
                },
            )
            .unwrap();
            users::add_assignment(&mut conn, u.id, "member", Some(w.branch)).unwrap();
            format!(
                "Bearer {}",
                kiemdiem_api::auth::jwt::Keys::new(common::TEST_SECRET)
                    .issue(format!("user:{}", u.id), 0)
                    .unwrap()
                    .0
            )
        };
        let list = json(call!(
            app,
            TestRequest::get()
                .uri("/api/v1/members")
                .insert_header(("authorization", token.as_str()))
        ))
        .await;
        assert_eq!(names(&list), ["Nguyễn Thị Lan"]);
        assert_eq!(
            call!(
                app,
                TestRequest::get()
                    .uri(&format!("/api/v1/members/{}", ids[0]))
                    .insert_header(("authorization", token.as_str()))
            )
            .status(),
            200
        );
        assert_problem(
            call!(
                app,
                TestRequest::get()
                    .uri(&format!("/api/v1/members/{}", ids[1]))
                    .insert_header(("authorization", token.as_str()))
            ),
            404,
            "not_found",
        )
        .await;
        // A member does not edit their own record.
        assert_problem(
            call!(
                app,
                TestRequest::patch()
                    .uri(&format!("/api/v1/members/{}", ids[0]))
                    .insert_header(("authorization", token.as_str()))
                    .insert_header(("if-match", "*"))
                    .set_json(json!({"phone": "0912345678"}))
            ),
            403,
            "forbidden",
        )
        .await;

        let res = call!(
            app,
            TestRequest::put()
                .uri(&format!("/api/v1/members/{}/history/2015", ids[1]))
                .insert_header(("authorization", w.admin.as_str()))
                .set_json(json!({ "level": "excellent", "organization_name": "Chi bộ Khoa Toán" }))
        );
        assert_eq!(json(res).await[0]["level"], "excellent");
        // Corrected: the audit log keeps the entry it replaced.
        let res = call!(
            app,
            TestRequest::put()
                .uri(&format!("/api/v1/members/{}/history/2015", ids[1]))
                .insert_header(("authorization", w.admin.as_str()))
                .set_json(json!({ "level": "good", "organization_name": "Chi bộ Khoa Toán" }))
        );
        assert_eq!(json(res).await[0]["level"], "good");
        // A year the system held no cycle for: the statistics (and the five-year chart) count
        // the history, by the member's branch today (issue #17).
        let stats = json(call!(
            app,
            TestRequest::get()
                .uri(&format!(
                    "/api/v1/reports/statistics?organization_id={}&year=2015",
                    w.branch
                ))
                .insert_header(("authorization", w.admin.as_str()))
        ))
        .await;
        assert_eq!(stats["from_history"], true, "{stats}");
        assert_eq!(
            (
                stats["total"]["members"].as_u64(),
                stats["total"]["good"].as_u64(),
                stats["total"]["not_voted"].as_u64()
            ),
            (Some(2), Some(1), Some(1)),
            "{stats}"
        );
        let (log, _) = kiemdiem_store::audit::list(
            &mut db.pool.get().unwrap(),
            &kiemdiem_store::audit::AuditFilter {
                action: Some("record_history".into()),
                ..Default::default()
            },
            10,
            0,
        )
        .unwrap();
        let befores: Vec<Value> = log
            .iter()
            .filter_map(|r| r.before_json.as_deref())
            .map(|b| serde_json::from_str(b).unwrap())
            .collect();
        assert_eq!(
            (befores.len(), befores[0]["level"].as_str()),
            (1, Some("excellent")),
            "{log:?}"
        );
        assert_problem(
            call!(
                app,
                TestRequest::delete()
                    .uri(&format!("/api/v1/members/{}", ids[1]))
                    .insert_header(("authorization", w.admin.as_str()))
            ),
            409,
            "member_has_records",
        )
        .await;
        assert_eq!(
            call!(
                app,
                TestRequest::delete()
                    .uri(&format!("/api/v1/members/{}", ids[0]))
                    .insert_header(("authorization", w.admin.as_str()))
            )
            .status(),
            204
        );
    }
);

db_test!(past_years_import_in_bulk_all_or_nothing, |app, db| {
    let w = world(&db);
    for (name, card) in [
        ("Nguyễn Thị Lan", "34000001"),
        ("Trần Văn Bình", "34000002"),
    ] {
        call!(
            app,
            TestRequest::post()
                .uri("/api/v1/members")
                .insert_header(("authorization", w.admin.as_str()))
                .set_json(new_member(&w, name, card))
        );
    }
    let import = |body: &str| {
        TestRequest::post()
            .uri("/api/v1/members/history/import")
            .insert_header(("authorization", w.admin.as_str()))
            .insert_header(("content-type", "text/csv"))
            .set_payload(body.to_owned())
    };
    let bad = "Số thẻ đảng viên,Năm,Xếp loại\n34000001,2014,HTXSNV\n34000009,2014,HTTNV\n34000002,2015,Khá\n";
    let p = assert_problem(call!(app, import(bad)), 422, "import_invalid").await;
    assert_eq!(p["rows"].as_array().unwrap().len(), 2, "{p}");
    let history = |app_body: Value| app_body.as_array().unwrap().len();
    let list = json(call!(
        app,
        TestRequest::get()
            .uri("/api/v1/members?q=34000001")
            .insert_header(("authorization", w.admin.as_str()))
    ))
    .await;
    let lan = list["items"][0]["id"].as_i64().unwrap();
    let h = json(call!(
        app,
        TestRequest::get()
            .uri(&format!("/api/v1/members/{lan}/history"))
            .insert_header(("authorization", w.admin.as_str()))
    ))
    .await;
    assert_eq!(history(h), 0, "nothing was written");

    let good = "Số thẻ đảng viên,Năm,Xếp loại,Tổ chức\n34000001,2014,Hoàn thành xuất sắc nhiệm vụ,\n34000001,2015,HTXSNV,Chi bộ Khoa Toán\n34000002,2015,HTTNV,\n";
    let report = json(call!(app, import(good))).await;
    assert_eq!(
        (report["created"].as_u64(), report["unchanged"].as_u64()),
        (Some(3), Some(0))
    );
    let report = json(call!(app, import(good))).await;
    assert_eq!(
        (report["created"].as_u64(), report["unchanged"].as_u64()),
        (Some(0), Some(3)),
        "idempotent"
    );
    let h = json(call!(
        app,
        TestRequest::get()
            .uri(&format!("/api/v1/members/{lan}/history"))
            .insert_header(("authorization", w.admin.as_str()))
    ))
    .await;
    assert_eq!(h[0]["year"], 2015);
    assert_eq!(h[0]["organization_name"], "Chi bộ Khoa Toán");
    assert_eq!(
        h[1]["organization_name"], "Tổ chức CB-TOAN",
        "the member's branch by default"
    );
    assert_eq!(h[1]["level"], "excellent");
});

db_test!(a_user_is_linked_to_their_member_record_once, |app, db| {
    let w = world(&db);
    let res = call!(
        app,
        TestRequest::post()
            .uri("/api/v1/members")
            .insert_header(("authorization", w.admin.as_str()))
            .set_json(new_member(&w, "Nguyễn Thị Lan", "34000001"))
    );
    let member = json(res).await["id"].as_i64().unwrap();
    let create = |username: &str| {
        TestRequest::post().uri("/api/v1/users").insert_header(("authorization", w.admin.as_str())).set_json(json!({
            "username": username, "display_name": "Nguyễn Thị Lan", "password": "đảng-viên-2016-lan",
            "member_id": member, "roles": [{ "role": "member", "organization_id": w.branch }],
        }))
    };
    let res = call!(app, create("lan"));
    assert_eq!(res.status(), 201);
    assert_eq!(json(res).await["member_id"], member);
    assert_problem(call!(app, create("lan2")), 409, "member_linked").await;

    // A committee of another base may not link Lan, nor learn that she exists: her id and an id
    // that names nobody get the same 422, and nothing is written.
    let other = {
        let mut conn = db.pool.get().unwrap();
        let district = kiemdiem_store::organizations::list(&mut conn, &Default::default())
            .unwrap()
            .into_iter()
            .find(|o| o.kind == "district")
            .unwrap();
        let base = common::org(&mut conn, "base", "DHSP", Some(&district));
        let u = users::create(
            &mut conn,
            users::NewUser {
                username: "danguy.dhsp",
                display_name: "Đảng ủy Sư phạm",
                password_hash: "x",
                member_id: None,
            },
        )
        .unwrap();
        users::add_assignment(&mut conn, u.id, "committee", Some(base.id)).unwrap();
        let target = users::create(
            &mut conn,
            users::NewUser {
                username: "giaovien.dhsp",
                display_name: "Giáo viên",
                password_hash: "x",
                member_id: None,
            },
        )
        .unwrap();
        let branch = common::org(&mut conn, "branch", "CB-SP", Some(&base));
        users::add_assignment(&mut conn, target.id, "member", Some(branch.id)).unwrap();
        (common::token(u.id), target.id)
    };
    let mut details = Vec::new();
    for id in [member, 987_654_321] {
        let p = assert_problem(
            call!(
                app,
                TestRequest::patch()
                    .uri(&format!("/api/v1/users/{}", other.1))
                    .insert_header(("authorization", other.0.as_str()))
                    .set_json(json!({ "member_id": id }))
            ),
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "member_id");
        assert_eq!(p["errors"][0]["code"], "unknown_member");
        details.push(p["errors"].clone());
    }
    assert_eq!(details[0], details[1], "told apart");
    let mut conn = db.pool.get().unwrap();
    assert_eq!(
        users::get(&mut conn, other.1).unwrap().unwrap().member_id,
        None
    );
    drop(conn);

    let session = json(call!(
        app,
        TestRequest::post()
            .uri("/api/v1/auth/login")
            .set_json(json!({ "username": "lan", "password": "đảng-viên-2016-lan" }))
    ))
    .await;
    let token = format!("Bearer {}", session["access_token"].as_str().unwrap());
    let list = json(call!(
        app,
        TestRequest::get()
            .uri("/api/v1/members")
            .insert_header(("authorization", token.as_str()))
    ))
    .await;
    assert_eq!(names(&list), ["Nguyễn Thị Lan"]);
});

db_test!(
    integration_json_import_with_an_idempotency_key,
    |app, db| {
        let w = world(&db);
        // The provincial system's client, on the province.
        let client = {
            let mut conn = db.pool.get().unwrap();
            let province = organizations::list(&mut conn, &Default::default())
                .unwrap()
                .into_iter()
                .find(|o| o.kind == "province")
                .unwrap();
            let id = kiemdiem_store::service_accounts::create(
                &mut conn,
                "kd-tinh",
                "Tỉnh",
                "x",
                province.id,
            )
            .unwrap();
            format!(
                "Bearer {}",
                kiemdiem_api::auth::jwt::Keys::new(common::TEST_SECRET)
                    .issue(format!("service:{id}"), 0)
                    .unwrap()
                    .0
            )
        };
        let rows = |card: &str| {
            json!({ "rows": [{
            "card_number": card, "full_name": "Hồ Thị Xuân", "gender": "Nữ", "date_of_birth": "1988-03-08",
            "branch_code": w.branch_code, "status": "Chính thức", "admitted_on": "2012-05-19",
            "official_on": "2013-05-19", "category": "CBCCVC", "exempt": false,
        }] })
        };
        let post = |key: &str, body: Value| {
            TestRequest::post()
                .uri("/api/v1/members/import")
                .insert_header(("authorization", client.as_str()))
                .insert_header(("idempotency-key", key))
                .set_json(body)
        };
        let first = call!(app, post("tinh-2016-11-0001", rows("36123456")));
        assert_eq!(first.status(), 200);
        assert!(first.headers().get("idempotency-replayed").is_none());
        let first = json(first).await;
        assert_eq!(first["created"], 1);
        // The same key and body: the first answer again (not "unchanged"), nothing written twice.
        let again = call!(app, post("tinh-2016-11-0001", rows("36123456")));
        assert_eq!(again.headers().get("idempotency-replayed").unwrap(), "true");
        assert_eq!(json(again).await, first);
        // The same key with another body: 422, and that member is not created.
        assert_problem(
            call!(app, post("tinh-2016-11-0001", rows("36999999"))),
            422,
            "validation_failed",
        )
        .await;
        let list = json(call!(
            app,
            TestRequest::get()
                .uri("/api/v1/members?q=xuan")
                .insert_header(("authorization", w.admin.as_str()))
        ))
        .await;
        assert_eq!(list["total"], 1);
        // Keys belong to their caller: the admin's same key is a new request.
        let other = call!(
            app,
            TestRequest::post()
                .uri("/api/v1/members/import?dry_run=true")
                .insert_header(("authorization", w.admin.as_str()))
                .insert_header(("idempotency-key", "tinh-2016-11-0001"))
                .set_json(rows("36123456"))
        );
        assert_eq!(other.status(), 200);
        assert_eq!(json(other).await["unchanged"], 1);
    }
);

/// The indexes and foreign keys of the members table (PostgreSQL; SQLite keeps them as they
/// are during a load and answers nothing here).
fn members_schema(db: &common::TestDb) -> Vec<String> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Def {
        #[diesel(sql_type = diesel::sql_types::Text)]
        def: String,
    }
    let mut conn = db.pool.get().unwrap();
    match &mut **conn {
        kiemdiem_store::AnyConnection::Postgresql(c) => diesel::sql_query(
            "SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'members' \
             UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE conrelid = 'members'::regclass ORDER BY 1",
        )
        .load::<Def>(c)
        .unwrap()
        .into_iter()
        .map(|d| d.def)
        .collect(),
        kiemdiem_store::AnyConnection::Sqlite(_) => Vec::new(),
    }
}

db_test!(
    a_large_import_loads_in_bulk_and_leaves_the_registry_whole,
    |app, db| {
        let w = world(&db);
        let schema = members_schema(&db);
        // One member already there; the file changes her name and adds 19,999 others (at
        // least 20,000 rows and more than are stored: the bulk load).
        let res = call!(
            app,
            TestRequest::post()
                .uri("/api/v1/members")
                .insert_header(("authorization", w.admin.as_str()))
                .set_json(new_member(&w, "Nguyễn Thị Cũ", "35000000"))
        );
        assert_eq!(res.status(), 201);
        let given = ["Lan", "Hà", "Đào", "Minh", "Ưng"];
        let rows: Vec<String> = (0..20_000)
            .map(|i| {
                let name = if i == 0 {
                    "Nguyễn Thị Mới".to_owned()
                } else {
                    format!("Trần Văn {}", given[i % given.len()])
                };
                let years = if i % 1000 == 7 { "\"2014, 2015\"" } else { "" };
                format!(
                    "{},{name},Nam,02/09/1975,CB-TOAN,Chính thức,19/05/2000,19/05/2001,CBCCVC,{years},{i}",
                    35_000_000 + i
                )
            })
            .collect();
        let import = |rows: &[String]| {
            let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
            TestRequest::post()
                .uri("/api/v1/members/import")
                .insert_header(("authorization", w.admin.as_str()))
                .insert_header(("content-type", "text/csv"))
                .set_payload(csv(&rows))
        };
        let total = |q: &'static str| {
            let admin = w.admin.clone();
            let app = &app;
            async move {
                let res = call!(
                    app,
                    TestRequest::get()
                        .uri(&format!("/api/v1/members?per_page=1{q}"))
                        .insert_header(("authorization", admin.as_str()))
                );
                json(res).await["total"].as_i64().unwrap()
            }
        };
        // The last row invalid: nothing written, the table as it was.
        let mut bad = rows.clone();
        bad.push(
            "35099999,Lê Văn Sai,Nam,31/02/1990,CB-TOAN,Chính thức,19/05/2000,,CBCCVC,,x".into(),
        );
        assert_problem(call!(app, import(&bad)), 422, "import_invalid").await;
        assert_eq!(total("").await, 1);
        assert_eq!(members_schema(&db), schema);

        let report = json(call!(app, import(&rows))).await;
        assert_eq!(
            (&report["created"], &report["updated"]),
            (&json!(19_999), &json!(1))
        );
        // Every index and foreign key is back as the migrations made it, and serves.
        assert_eq!(members_schema(&db), schema);
        // The page counts up to its bound (issue #18); the registry holds every one.
        assert_eq!(total("").await, 10_000);
        assert_eq!(
            kiemdiem_store::members::count_all(&mut db.pool.get().unwrap()).unwrap(),
            20_000
        );
        assert_eq!(total("&q=tran+van+dao").await, 4_000);
        assert_eq!(total("&q=nguyen+thi+moi").await, 1);
        assert_eq!(total("&q=35000007").await, 1);
        let found = json(call!(
            app,
            TestRequest::get()
                .uri("/api/v1/members?q=35000007")
                .insert_header(("authorization", w.admin.as_str()))
        ))
        .await;
        assert_eq!(found["items"][0]["long_absence_years"], json!([2014, 2015]));
        // The same file again changes nothing.
        let report = json(call!(app, import(&rows))).await;
        assert_eq!(report["unchanged"], 20_000);
    }
);
