//! Issue #17: the agenda by e-mail, through a real SMTP conversation with a small server run by
//! the test — one message per person per day whoever sends it, none about an empty agenda, a
//! refused message tried again — on both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::feedback_batch::{World, world};

use actix_web::test::TestRequest;
use base64::Engine;
use common::{invalid_fields, json};
use kiemdiem_api::mail::Mailer;
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// A message as the SMTP server received it.
#[derive(Debug, Clone)]
struct Received {
    rcpt: Vec<String>,
    headers: String,
    body: String,
}

/// An SMTP server on a free local port that keeps what it receives, or refuses every message.
struct Sink {
    port: u16,
    mails: Arc<Mutex<Vec<Received>>>,
}

impl Sink {
    fn start(refuse: bool) -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&mails);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let kept = Arc::clone(&kept);
                std::thread::spawn(move || converse(stream, &kept, refuse));
            }
        });
        Sink { port, mails }
    }

    fn mailer(&self) -> Mailer {
        Mailer::new(
            &format!("smtp://127.0.0.1:{}", self.port),
            "Hệ thống kiểm điểm <kiemdiem@dangbo.example>",
            Some("https://kiemdiem.example/".into()),
        )
        .unwrap()
    }

    fn received(&self) -> Vec<Received> {
        self.mails.lock().unwrap().clone()
    }
}

fn converse(stream: TcpStream, kept: &Mutex<Vec<Received>>, refuse: bool) {
    let mut out = stream.try_clone().unwrap();
    let mut lines = BufReader::new(stream);
    let mut say = |s: &str| out.write_all(format!("{s}\r\n").as_bytes()).unwrap();
    say("220 sink ESMTP");
    let mut rcpt = Vec::new();
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let verb = line.trim_end().to_ascii_uppercase();
        if verb.starts_with("EHLO") {
            say("250-sink");
            say("250 8BITMIME");
        } else if verb.starts_with("RCPT TO:") {
            rcpt.push(
                line.trim_end()[8..]
                    .trim_matches(['<', '>', ' '])
                    .to_owned(),
            );
            say("250 OK");
        } else if verb == "DATA" {
            if refuse {
                say("554 5.7.1 refused");
                continue;
            }
            say("354 go on");
            let mut data = String::new();
            loop {
                let mut l = String::new();
                lines.read_line(&mut l).unwrap();
                if l == ".\r\n" {
                    break;
                }
                data.push_str(&l);
            }
            let (headers, body) = data.split_once("\r\n\r\n").unwrap();
            let body: String = body.split_whitespace().collect();
            let body = base64::engine::general_purpose::STANDARD
                .decode(body)
                .expect("the body is base64");
            kept.lock().unwrap().push(Received {
                rcpt: std::mem::take(&mut rcpt),
                headers: headers.to_owned(),
                body: String::from_utf8(body).unwrap(),
            });
            say("250 OK kept");
        } else if verb == "QUIT" {
            say("221 bye");
            return;
        } else {
            // HELO, MAIL FROM, RSET, NOOP.
            say("250 OK");
        }
    }
}

fn day(m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2016, m, d).unwrap()
}

/// The union is asked about branch A's three members; the union's login gets an address
/// through the API, and the member An's record one of its own.
async fn prepared<S, B>(app: &S, db: &common::TestDb) -> World
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let w = world(db);
    let res = send!(
        app,
        TestRequest::post()
            .uri(&format!(
                "/api/v1/cycles/{}/feedback-requests/batch",
                w.cycle
            ))
            .set_json(json!({
                "organization_id": w.branch_a, "source": "workplace",
                "provider_user_id": w.union, "due_on": "2016-11-12"
            })),
        w.secretary_a
    );
    assert_eq!(res.status(), 201);
    // A wrong address is refused and changes nothing.
    let admin = {
        let mut conn = db.pool.get().unwrap();
        common::user(&mut conn, "quantri", "admin", None)
    };
    let user = format!("/api/v1/users/{}", w.union);
    let res = send!(
        app,
        TestRequest::patch()
            .uri(&user)
            .set_json(json!({"email": "congdoan at truong"})),
        admin
    );
    assert_eq!(
        invalid_fields(res).await,
        [("email".to_owned(), "email".to_owned())]
    );
    let res = send!(
        app,
        TestRequest::patch()
            .uri(&user)
            .set_json(json!({"email": "congdoan@truong.example"})),
        admin
    );
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["email"], "congdoan@truong.example");
    let mut conn = db.pool.get().unwrap();
    common::set_member_email(&mut conn, w.a[0], "an.le@truong.example");
    w
}

db_test!(
    the_agenda_is_mailed_once_a_day_to_those_with_work,
    |app, db| {
        let w = prepared(&app, &db).await;
        let sink = Sink::start(false);
        let mailer = sink.mailer();
        let mut conn = db.pool.get().unwrap();
        let round = mailer.round_on(&mut conn, day(11, 13)).unwrap();
        // The union (its own address) and An (the member record's); the secretary and the
        // committee have no address; nobody else is written to.
        assert_eq!((round.sent, round.failed, round.already), (2, 0, 0));
        let mails = sink.received();
        let to: Vec<&str> = mails.iter().map(|m| m.rcpt[0].as_str()).collect();
        assert_eq!(to, ["congdoan@truong.example", "an.le@truong.example"]);
        let union = &mails[0];
        assert!(
            union.headers.contains("Subject: =?utf-8?"),
            "{}",
            union.headers
        );
        assert!(
            union
                .body
                .starts_with("Kính gửi đồng chí Công đoàn trường,"),
            "{}",
            union.body
        );
        assert!(
            union.body.contains("3 việc cần làm") && union.body.contains("3 việc đã quá hạn"),
            "{}",
            union.body
        );
        assert!(union.body.contains(
            "1. Cần cho ý kiến về đảng viên Lê Văn An trước ngày 12/11/2016 — QUÁ HẠN (hạn 12/11/2016)"
        ));
        assert!(
            union
                .body
                .contains("   https://kiemdiem.example/feedback\r\n")
        );
        assert!(mails[1].body.contains("/my-review"), "{}", mails[1].body);

        // The same day again: nothing more.
        let again = mailer.round_on(&mut conn, day(11, 13)).unwrap();
        assert_eq!((again.sent, again.already), (0, 2));
        assert_eq!(sink.received().len(), 2);

        // A server that refuses: the day stays unclaimed and the next round sends.
        let refusing = Sink::start(true).mailer();
        let refused = refusing.round_on(&mut conn, day(11, 14)).unwrap();
        assert_eq!((refused.sent, refused.failed), (0, 2));
        let next = mailer.round_on(&mut conn, day(11, 14)).unwrap();
        assert_eq!((next.sent, next.already), (2, 0));
        assert_eq!(sink.received().len(), 4);

        // Work done leaves the message: once the union has answered, it is not written to.
        drop(conn);
        let inbox = json(send!(
            app,
            TestRequest::get().uri("/api/v1/feedback-requests?open=true"),
            w.union_token
        ))
        .await;
        for r in inbox["items"].as_array().unwrap() {
            let res = send!(
                app,
                TestRequest::post()
                    .uri(&format!(
                        "/api/v1/cycles/{}/feedback-requests/{}/answer",
                        w.cycle, r["id"]
                    ))
                    .set_json(
                        json!({"content": "Hoàn thành tốt công việc.", "proposed_level": "good"})
                    ),
                w.union_token
            );
            assert_eq!(res.status(), 200, "{}", json(res).await);
        }
        let mut conn = db.pool.get().unwrap();
        let later = mailer.round_on(&mut conn, day(11, 15)).unwrap();
        assert_eq!((later.sent, later.empty), (1, 1));
        assert_eq!(sink.received()[4].rcpt, ["an.le@truong.example"]);
    }
);

// Two instances sending the same day's round at once write to each person once: the day is
// claimed in the transaction that sends.
db_test!(two_rounds_at_once_write_to_each_person_once, |app, db| {
    prepared(&app, &db).await;
    let sink = Arc::new(Sink::start(false));
    let rounds: Vec<_> = (0..4)
        .map(|_| {
            let pool = db.pool.clone();
            let mailer = sink.mailer();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                mailer.round_on(&mut conn, day(11, 13)).unwrap()
            })
        })
        .collect();
    let sent: usize = rounds.into_iter().map(|r| r.join().unwrap().sent).sum();
    assert_eq!(sent, 2);
    let mut to: Vec<String> = sink
        .received()
        .into_iter()
        .map(|m| m.rcpt[0].clone())
        .collect();
    to.sort();
    assert_eq!(to, ["an.le@truong.example", "congdoan@truong.example"]);
});
