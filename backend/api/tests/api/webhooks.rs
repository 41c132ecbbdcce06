//! Webhooks through the real router and the delivery worker's function, on both databases: the
//! outbox written with the change, the HMAC signature, retry after a failing receiver,
//! redelivery by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{json, user};
use kiemdiem_store::organizations;
use serde_json::json;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

/// A receiver that answers the given statuses in turn and keeps what it got; over TLS with
/// this certificate (for `localhost`) when one is given.
fn receiver(
    statuses: Vec<u16>,
    tls: Option<&rcgen::CertifiedKey>,
) -> (String, Arc<Mutex<Vec<String>>>) {
    use tokio_rustls::rustls;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let url = match tls {
        Some(_) => format!("https://localhost:{port}/hooks/kiemdiem"),
        None => format!("http://127.0.0.1:{port}/hooks/kiemdiem"),
    };
    let config = tls.map(|key| {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(
                    vec![key.cert.der().clone()],
                    rustls::pki_types::PrivateKeyDer::Pkcs8(key.key_pair.serialize_der().into()),
                )
                .unwrap(),
        )
    });
    let got = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&got);
    std::thread::spawn(move || {
        let mut answered = 0;
        for stream in listener.incoming() {
            let tcp = stream.unwrap();
            let mut stream: Box<dyn ReadWrite> = match &config {
                Some(c) => Box::new(rustls::StreamOwned::new(
                    rustls::ServerConnection::new(Arc::clone(c)).unwrap(),
                    tcp,
                )),
                None => Box::new(tcp),
            };
            let mut buf = vec![0u8; 65536];
            let mut text = String::new();
            // Read until the body announced by Content-Length has arrived (a refused TLS
            // handshake ends the connection: nothing was received).
            while let Ok(n) = stream.read(&mut buf) {
                text.push_str(&String::from_utf8_lossy(&buf[..n]));
                if n == 0 {
                    break;
                }
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let len: usize = head
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(": ")?;
                            k.eq_ignore_ascii_case("content-length").then_some(v)
                        })
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if body.len() >= len {
                        break;
                    }
                }
            }
            if text.is_empty() {
                continue;
            }
            kept.lock().unwrap().push(text);
            let status = statuses.get(answered).copied().unwrap_or(200);
            answered += 1;
            let _ = stream.write_all(
                format!("HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
            let _ = stream.flush();
        }
    });
    (url, got)
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// A province, a district, a base with its 2016 cycle, an admin and the base's committee.
struct World {
    province: i64,
    cycle: i64,
    admin: String,
    committee: String,
}

fn world(db: &common::TestDb) -> World {
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
    let cycle = common::cycle(&mut conn, base.id, 2016);
    World {
        province: province.id,
        cycle,
        admin: user(&mut conn, "quantri", "admin", None),
        committee: user(&mut conn, "danguy", "committee", Some(base.id)),
    }
}

/// Subscribes `url` to the stage changes and moves the cycle on: one event in the outbox.
/// Returns the subscription (with its secret).
async fn subscribe_and_advance<S: common::TestApp<B>, B: actix_web::body::MessageBody>(
    app: &S,
    w: &World,
    url: &str,
) -> serde_json::Value {
    let res = call_service(app, TestRequest::post().uri("/api/v1/webhooks").insert_header(("authorization", w.admin.as_str()))
        .set_json(json!({ "url": url, "events": ["cycle.stage_changed"], "organization_id": w.province })).to_request()).await;
    assert_eq!(res.status(), 201);
    let sub = json(res).await;
    let res = call_service(
        app,
        TestRequest::post()
            .uri(&format!("/api/v1/cycles/{}/advance", w.cycle))
            .insert_header(("authorization", w.committee.as_str()))
            .set_json(json!({ "to": "feedback" }))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    sub
}

/// The delivery log of a subscription.
async fn deliveries<S: common::TestApp<B>, B: actix_web::body::MessageBody>(
    app: &S,
    w: &World,
    sub: i64,
) -> serde_json::Value {
    json(
        call_service(
            app,
            TestRequest::get()
                .uri(&format!("/api/v1/webhooks/{sub}/deliveries"))
                .insert_header(("authorization", w.admin.as_str()))
                .to_request(),
        )
        .await,
    )
    .await["items"]
        .clone()
}

/// Checks what the receiver got: the event header and a signature made with the secret.
fn assert_signed(request: &str, secret: &str) -> serde_json::Value {
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    // Header names are case-insensitive (RFC 9110): compare them in lower case.
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(": ")?;
            k.eq_ignore_ascii_case(name).then_some(v)
        })
    };
    assert_eq!(header("X-Kiemdiem-Event"), Some("cycle.stage_changed"));
    let sig = header("X-Kiemdiem-Signature").unwrap();
    let t: i64 = sig
        .split(',')
        .next()
        .unwrap()
        .trim_start_matches("t=")
        .parse()
        .unwrap();
    assert_eq!(sig, kiemdiem_api::webhooks::signature(secret, t, body));
    serde_json::from_str(body).unwrap()
}

db_test!(signed_retried_logged_redelivered, |app, db| {
    let w = world(&db);
    let admin = w.admin.clone();
    let (url, got) = receiver(vec![500, 200, 200], None);
    let sub = subscribe_and_advance(&app, &w, &url).await;
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
    let log = deliveries(&app, &w, sid).await;
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
    let payload = assert_signed(&got.lock().unwrap()[1], &secret);
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

db_test!(
    an_https_receiver_is_reached_when_its_ca_is_trusted,
    |app, db| {
        let w = world(&db);
        let key = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
        let (url, got) = receiver(vec![200], Some(&key));
        let sub = subscribe_and_advance(&app, &w, &url).await;
        let sid = sub["id"].as_i64().unwrap();
        let now = chrono::Utc::now().naive_utc();
        // The public roots alone do not vouch for the receiver: nothing is sent, the attempt is
        // logged with the reason and retried later.
        let deliver = kiemdiem_api::webhooks::deliver_due;
        assert_eq!(deliver(&db.state(), now).await.unwrap(), 1);
        let log = deliveries(&app, &w, sid).await;
        assert_eq!(log[0]["status"], "pending");
        let error = log[0]["last_error"].as_str().unwrap();
        assert!(
            error.starts_with("TLS: ") && error.contains("certificate"),
            "{error}"
        );
        assert!(got.lock().unwrap().is_empty());
        // With the receiver's CA trusted (KIEMDIEM_WEBHOOK_CA_FILE), the retry arrives signed.
        let state = db
            .state()
            .with_webhook_ca(key.cert.pem().as_bytes())
            .unwrap();
        let later = now + chrono::Duration::seconds(31);
        assert_eq!(deliver(&state, later).await.unwrap(), 1);
        let log = deliveries(&app, &w, sid).await;
        assert_eq!(
            (log[0]["status"].as_str(), log[0]["last_status"].as_i64()),
            (Some("delivered"), Some(200))
        );
        let payload = assert_signed(&got.lock().unwrap()[0], sub["secret"].as_str().unwrap());
        assert_eq!(payload["to"], "feedback");
    }
);

db_test!(
    a_delivery_failed_for_good_is_on_the_admins_agenda,
    |app, db| {
        let w = world(&db);
        let (url, _got) = receiver(vec![500; 8], None);
        let sub = subscribe_and_advance(&app, &w, &url).await;
        let sid = sub["id"].as_i64().unwrap();
        let agenda = |token: String| {
            let app = &app;
            async move {
                let a = json(
                    call_service(
                        app,
                        TestRequest::get()
                            .uri("/api/v1/me/agenda")
                            .insert_header(("authorization", token.as_str()))
                            .to_request(),
                    )
                    .await,
                )
                .await;
                a["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|i| i["kind"] == "webhook_failed")
                    .map(|i| (i["message"].clone(), i["route"].clone()))
                    .collect::<Vec<_>>()
            }
        };
        // Still being retried: nothing to do yet.
        let state = db.state();
        let mut at = chrono::Utc::now().naive_utc();
        assert_eq!(
            kiemdiem_api::webhooks::deliver_due(&state, at)
                .await
                .unwrap(),
            1
        );
        assert!(agenda(w.admin.clone()).await.is_empty());
        // Every attempt fails (issue #17): after the last, the admin is told where to look.
        for _ in 1..kiemdiem_api::webhooks::MAX_ATTEMPTS {
            at += chrono::Duration::days(2);
            assert_eq!(
                kiemdiem_api::webhooks::deliver_due(&state, at)
                    .await
                    .unwrap(),
                1
            );
        }
        let log = deliveries(&app, &w, sid).await;
        assert_eq!(log[0]["status"], "failed");
        assert_eq!(
            agenda(w.admin.clone()).await,
            vec![(
                json!("1 lần gửi webhook đã thất bại hẳn: xem và gửi lại"),
                json!("/webhooks")
            )]
        );
        // The bell counts it too: work outside a cycle has no cycle id.
        let bell = json(
            call_service(
                &app,
                TestRequest::get()
                    .uri("/api/v1/notifications")
                    .insert_header(("authorization", w.admin.as_str()))
                    .to_request(),
            )
            .await,
        )
        .await;
        assert_eq!(
            (
                bell["items"][0]["kind"].as_str(),
                bell["items"][0]["cycle_id"].is_null()
            ),
            (Some("webhook_failed"), true),
            "{bell}"
        );
        // Sent again by hand: off the agenda.
        let did = log[0]["id"].as_i64().unwrap();
        let res = call_service(
            &app,
            TestRequest::post()
                .uri(&format!("/api/v1/webhooks/deliveries/{did}/redeliver"))
                .insert_header(("authorization", w.admin.as_str()))
                .to_request(),
        )
        .await;
        assert_eq!(json(res).await["status"], "pending");
        assert!(agenda(w.admin.clone()).await.is_empty());
    }
);
