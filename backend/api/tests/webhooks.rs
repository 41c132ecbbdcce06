//! Webhooks through the real router and the delivery worker's function, on both databases: the
//! outbox written with the change, the HMAC signature, retry after a failing receiver,
//! redelivery by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use actix_web::test::{TestRequest, call_service};
use common::{json, user};
use kiemdiem_store::{cycles, organizations};
use serde_json::json;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

/// A receiver that answers the given statuses in turn and keeps what it got.
fn receiver(statuses: Vec<u16>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/kiemdiem", listener.local_addr().unwrap());
    let got = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&got);
    std::thread::spawn(move || {
        for (i, stream) in listener.incoming().enumerate() {
            let mut stream = stream.unwrap();
            let mut buf = vec![0u8; 65536];
            let mut text = String::new();
            // Read until the body announced by Content-Length has arrived.
            loop {
                let n = stream.read(&mut buf).unwrap();
                text.push_str(&String::from_utf8_lossy(&buf[..n]));
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let len: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("Content-Length: "))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if body.len() >= len || n == 0 {
                        break;
                    }
                }
            }
            kept.lock().unwrap().push(text);
            let status = statuses.get(i).copied().unwrap_or(200);
            let _ = stream.write_all(
                format!("HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    });
    (url, got)
}

db_test!(signed_retried_logged_redelivered, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let province = organizations::create(
        &mut conn,
        organizations::NewOrganization {
            kind: "province",
            code: "NA",
            name: "Tỉnh ủy Nghệ An",
            parent: None,
        },
    )
    .unwrap();
    let district = organizations::create(
        &mut conn,
        organizations::NewOrganization {
            kind: "district",
            code: "VINH",
            name: "Thành ủy Vinh",
            parent: Some(&province),
        },
    )
    .unwrap();
    let base = organizations::create(
        &mut conn,
        organizations::NewOrganization {
            kind: "base",
            code: "DHV",
            name: "Đảng bộ Trường",
            parent: Some(&district),
        },
    )
    .unwrap();
    let cycle = cycles::create(
        &mut conn,
        cycles::NewCycle {
            organization_id: base.id,
            year: 2016,
            rule_set: "vinh-2016",
            rules_json: "{}",
            reference_date: chrono::NaiveDate::from_ymd_opt(2016, 11, 15).unwrap(),
        },
        &kiemdiem_domain::cycle::plan_for(2016),
    )
    .unwrap();
    let admin = user(&mut conn, "quantri", "admin", None);
    let committee = user(&mut conn, "danguy", "committee", Some(base.id));
    drop(conn);
    let (url, got) = receiver(vec![500, 200, 200]);
    let res = call_service(&app, TestRequest::post().uri("/api/v1/webhooks").insert_header(("authorization", admin.as_str()))
        .set_json(json!({ "url": url, "events": ["cycle.stage_changed"], "organization_id": province.id })).to_request()).await;
    assert_eq!(res.status(), 201);
    let sub = json(res).await;
    let secret = sub["secret"].as_str().unwrap().to_owned();
    let sid = sub["id"].as_i64().unwrap();
    // The listing never shows the secret again.
    let list = json(
        call_service(
            &app,
            TestRequest::get()
                .uri("/api/v1/webhooks")
                .insert_header(("authorization", admin.as_str()))
                .to_request(),
        )
        .await,
    )
    .await;
    assert!(list[0]["secret"].is_null());

    let res = call_service(
        &app,
        TestRequest::post()
            .uri(&format!("/api/v1/cycles/{cycle}/advance"))
            .insert_header(("authorization", committee.as_str()))
            .set_json(json!({ "to": "feedback" }))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);

    let state = db.state();
    let now = chrono::Utc::now().naive_utc();
    // First attempt: the receiver fails; the delivery waits its backoff.
    assert_eq!(
        kiemdiem_api::webhooks::deliver_due(&state, now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        kiemdiem_api::webhooks::deliver_due(&state, now + chrono::Duration::seconds(10))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        kiemdiem_api::webhooks::deliver_due(&state, now + chrono::Duration::seconds(31))
            .await
            .unwrap(),
        1
    );
    let log_uri = format!("/api/v1/webhooks/{sid}/deliveries");
    let log = json(
        call_service(
            &app,
            TestRequest::get()
                .uri(&log_uri)
                .insert_header(("authorization", admin.as_str()))
                .to_request(),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            log[0]["status"].as_str(),
            log[0]["attempts"].as_i64(),
            log[0]["last_status"].as_i64()
        ),
        (Some("delivered"), Some(2), Some(200))
    );
    assert_eq!(log[0]["event"], "cycle.stage_changed");

    // The request the receiver got: event header, and a signature it can check.
    let first = got.lock().unwrap()[1].clone();
    let (head, body) = first.split_once("\r\n\r\n").unwrap();
    assert!(head.contains("X-Kiemdiem-Event: cycle.stage_changed"));
    let sig = head
        .lines()
        .find_map(|l| l.strip_prefix("X-Kiemdiem-Signature: "))
        .unwrap();
    let t: i64 = sig
        .split(',')
        .next()
        .unwrap()
        .trim_start_matches("t=")
        .parse()
        .unwrap();
    assert_eq!(sig, kiemdiem_api::webhooks::signature(&secret, t, body));
    let payload: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        (payload["from"].as_str(), payload["to"].as_str()),
        (Some("self_review"), Some("feedback"))
    );

    // Redelivery by hand.
    let did = log[0]["id"].as_i64().unwrap();
    let res = call_service(
        &app,
        TestRequest::post()
            .uri(&format!("/api/v1/webhooks/deliveries/{did}/redeliver"))
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    assert_eq!(json(res).await["status"], "pending");
    assert_eq!(
        kiemdiem_api::webhooks::deliver_due(
            &state,
            chrono::Utc::now().naive_utc() + chrono::Duration::seconds(1)
        )
        .await
        .unwrap(),
        1
    );
    assert_eq!(got.lock().unwrap().len(), 3);
});
