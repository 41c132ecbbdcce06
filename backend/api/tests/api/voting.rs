//! Voting sessions through the real router, on both databases: the roll and D, the paper tally
//! entered twice, finalizing under the quota (and racing), appraisal, re-classification (M12),
//! a supplementary session (M3), and secret electronic ballots.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{assert_problem, docx_text, json, token, xlsx_cells};
use diesel::RunQueryDsl;
use kiemdiem_store::{
    AnyConnection, members, organizations, professional_ratings, self_reviews, users,
};
use serde_json::{Value, json};

struct World {
    cycle: i64,
    branch: i64,
    base: i64,
    /// The district committee above the base (it reads the base's dossier).
    district: String,
    /// In Vietnamese order of their given names: An, Bình, Cúc, Dung, Giang, Hà, Khoa, Lan.
    members: Vec<i64>,
    secretary: String,
    deputy: String,
    committee: String,
    /// Tokens of the members' own logins, same order.
    member_tokens: Vec<String>,
}

const NAMES: [&str; 8] = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Thị Cúc",
    "Phạm Thị Dung",
    "Hoàng Văn Giang",
    "Đỗ Thị Hà",
    "Vũ Văn Khoa",
    "Bùi Thị Lan",
];

fn user(conn: &mut AnyConnection, name: &str, member: Option<i64>, role: &str, org: i64) -> String {
    let u = users::create(
        conn,
        users::NewUser {
            username: name,
            display_name: name,
            password_hash: "x",
            member_id: member,
        },
    )
    .unwrap();
    users::add_assignment(conn, u.id, role, Some(org)).unwrap();
    token(u.id)
}

/// A base with one branch of eight civil servants, each rated `excellent` at work with a
/// submitted self-review: the gates allow `excellent` to all; only the votes decide.
fn world(db: &common::TestDb) -> World {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[
            ("province", "NA"),
            ("district", "VINH"),
            ("base", "DHV"),
            ("branch", "CB-TOAN"),
        ],
    );
    let (district, base, branch) = (orgs[1].id, orgs[2].id, orgs[3].id);
    let cycle = common::cycle(&mut conn, base, 2016);
    let mut ids = Vec::new();
    let mut member_tokens = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let id = members::create(
            &mut conn,
            &kiemdiem_domain::member::MemberData {
                card_number: Some(format!("3600000{i}")),
                full_name: (*name).into(),
                gender: "female".into(),
                date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
                branch_id: branch,
                status: "official".into(),
                admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
                official_on: chrono::NaiveDate::from_ymd_opt(2006, 1, 1),
                category: "civil_servant".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        let s = self_reviews::save(&mut conn, cycle, id, &Default::default(), "x", false).unwrap();
        self_reviews::set_status(
            &mut conn,
            s.id,
            kiemdiem_domain::self_review::Status::Submitted,
            None,
        )
        .unwrap();
        professional_ratings::put(
            &mut conn,
            cycle,
            id,
            &professional_ratings::RatingData {
                level: "excellent",
                rating_unit: "Trường Đại học Vinh",
                post: "Giảng viên",
                honours: "",
                attested_exemplary: false,
            },
        )
        .unwrap();
        member_tokens.push(user(
            &mut conn,
            &format!("dv{i}"),
            Some(id),
            "member",
            branch,
        ));
        ids.push(id);
    }
    World {
        cycle,
        branch,
        base,
        district: user(&mut conn, "quanuy", None, "committee", district),
        members: ids,
        secretary: user(&mut conn, "bithu", None, "branch_committee", branch),
        deputy: user(&mut conn, "phobithu", None, "branch_committee", branch),
        committee: user(&mut conn, "danguy", None, "committee", base),
        member_tokens,
    }
}

/// Opening a voting session of the world's branch (held 12/11/2016).
fn open_session(w: &World, mode: &str, kind: &str) -> TestRequest {
    TestRequest::post()
        .uri(&format!("/api/v1/cycles/{}/voting-sessions", w.cycle))
        .set_json(
            json!({ "branch_id": w.branch, "mode": mode, "kind": kind, "held_on": "2016-11-12" }),
        )
}

fn votes(e: i64, g: i64) -> Value {
    json!({ "excellent": e, "good": g, "completed": 0, "not_completed": 0 })
}

fn by_member(list: &Value, key: &str, id: i64) -> Value {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["member_id"] == id)
        .unwrap()
        .clone()
}

db_test!(
    paper_tally_twice_quota_finalize_appraise_reclassify_supplement,
    |app, db| {
        let w = world(&db);
        let open = |mode: &str, kind: &str| open_session(&w, mode, kind);
        let res = send!(app, open("paper_tally", "regular"), w.secretary);
        assert_eq!(res.status(), 201);
        let s = json(res).await;
        let sid = s["id"].as_i64().unwrap();
        assert_eq!(
            (s["denominator"].as_u64(), s["voters_present"].as_u64()),
            (Some(8), Some(8))
        );
        // The roll in Vietnamese order of given names.
        let names: Vec<&str> = s["roll"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["full_name"].as_str().unwrap())
            .collect();
        assert_eq!(names, NAMES);
        // A second session while this one is open: 409.
        assert_problem(
            send!(app, open("paper_tally", "regular"), w.secretary),
            409,
            "session_open",
        )
        .await;

        // Lan is absent, not exempt: D stays 8, seven voters present; she will be pending (M3).
        let lan = w.members[7];
        let res = send!(
            app,
            TestRequest::put()
                .uri(&format!("/api/v1/voting-sessions/{sid}/roll"))
                .set_json(json!({ "members": [{ "member_id": lan, "present": false }] })),
            w.secretary
        );
        let s = json(res).await;
        assert_eq!(
            (s["denominator"].as_u64(), s["voters_present"].as_u64()),
            (Some(8), Some(7))
        );

        let tally = |member: i64, v: Value| {
            TestRequest::put()
                .uri(&format!("/api/v1/voting-sessions/{sid}/tallies/{member}"))
                .set_json(v)
        };
        let an = w.members[0];
        // First entry waits; the second differs: a mismatch names the fields, never the numbers.
        let t = json(send!(app, tally(an, votes(7, 0)), w.secretary)).await;
        assert_eq!(t["state"], "first_entry");
        let t = json(send!(app, tally(an, votes(6, 1)), w.deputy)).await;
        assert_eq!(t["state"], "mismatch");
        assert_eq!(t["mismatch"], json!(["excellent", "good"]));
        // Whoever was wrong enters again: confirmed.
        let t = json(send!(app, tally(an, votes(7, 0)), w.deputy)).await;
        assert_eq!(t["state"], "confirmed");
        // One person entering twice never confirms a tally.
        send!(app, tally(w.members[1], votes(6, 1)), w.secretary);
        let t = json(send!(app, tally(w.members[1], votes(6, 1)), w.secretary)).await;
        assert_eq!(
            (t["state"].as_str(), t["entries"].as_u64()),
            (Some("first_entry"), Some(1))
        );
        // More ballots than voters present: 422.
        assert_problem(
            send!(app, tally(w.members[2], votes(7, 1)), w.secretary),
            422,
            "validation_failed",
        )
        .await;
        // Finalizing with tallies missing names who is missing.
        let finalize =
            || TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize"));
        let p = assert_problem(
            send!(app, finalize(), w.secretary),
            409,
            "tallies_incomplete",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().contains("Trần Thị Bình"));

        // Bình and Cúc 6 for excellent (6 × 3 = 18 > 16), An 7; the rest good.
        send!(app, tally(w.members[1], votes(6, 1)), w.deputy);
        for m in &w.members[2..7] {
            let v = if *m == w.members[2] {
                votes(6, 1)
            } else {
                votes(0, 7)
            };
            send!(app, tally(*m, v.clone()), w.secretary);
            send!(app, tally(*m, v), w.deputy);
        }
        // Live results before finalizing: G = 7, limit 1, An stays excellent.
        let s = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
            w.secretary
        ))
        .await;
        assert_eq!(s["outcome"]["quota"]["limit"], 1);
        assert_eq!(s["outcome"]["quota"]["excellent_before_quota"], 3);

        // Eight finalizations at once: one wins, the rest find it finalized; never over quota.
        let attempts: Vec<_> = (0..8)
            .map(|i| {
                let t = if i % 2 == 0 { &w.secretary } else { &w.deputy };
                call_service(
                    &app,
                    finalize()
                        .insert_header(("authorization", t.as_str()))
                        .to_request(),
                )
            })
            .collect();
        let statuses: Vec<u16> = futures_util::future::join_all(attempts)
            .await
            .iter()
            .map(|r| r.status().as_u16())
            .collect();
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 409),
            "{statuses:?}"
        );
        let s = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
            w.secretary
        ))
        .await;
        assert_eq!(s["status"], "finalized");
        assert_eq!(s["results"].as_array().unwrap().len(), 8);
        let excellent = s["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["level"] == "excellent")
            .count();
        assert_eq!(excellent, 1);
        let binh = by_member(&s, "results", w.members[1]);
        assert_eq!(
            (binh["level"].as_str(), binh["state"].as_str()),
            (Some("good"), Some("proposed"))
        );
        assert_eq!(binh["reasons"], json!(["M6", "Q4"]));
        assert_eq!(by_member(&s, "results", lan)["status"], "pending");

        // The tally minutes, as DOCX and XLSX, read back.
        let res = send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}/minutes")),
            w.secretary
        );
        assert_eq!(res.status(), 200);
        let xml = docx_text(&actix_web::test::read_body(res).await);
        assert!(xml.contains("BIÊN BẢN KIỂM PHIẾU XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2016"));
        assert!(xml.contains("Trần Thị Bình"));
        // The result in words, not rule ids (issue #17): 6 of D = 8 for excellent, over the
        // quota, so good.
        let binh_words = "Hoàn thành xuất sắc nhiệm vụ: 6/8 phiếu, đạt trên 2/3 số đảng viên tính tỷ lệ; vượt tỷ lệ xuất sắc của chi bộ nên xếp hoàn thành tốt nhiệm vụ";
        assert!(xml.contains(binh_words), "{xml}");
        assert!(!xml.contains("M6, Q4"));
        let res = send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/voting-sessions/{sid}/minutes?format=xlsx"
            )),
            w.secretary
        );
        assert_eq!(res.status(), 200);
        let cells = xlsx_cells(&actix_web::test::read_body(res).await);
        let binh_row = cells
            .iter()
            .find(|r| r.get(1).map(String::as_str) == Some("Trần Thị Bình"))
            .unwrap();
        assert_eq!(
            binh_row[2..],
            ["6", "1", "0", "0", "Hoàn thành tốt nhiệm vụ", binh_words]
        );
        assert!(cells.iter().any(|r| r.first().map(String::as_str)
            == Some("Đảng viên chính thức tính tỷ lệ (D)")
            && r[1] == "8"));

        // Appraisal: the branch committee may not; the base committee approves.
        let appraise = |d: Value| {
            TestRequest::post()
                .uri(&format!("/api/v1/voting-sessions/{sid}/appraisal"))
                .set_json(d)
        };
        assert_problem(
            send!(app, appraise(json!({ "decision": "approve" })), w.secretary),
            403,
            "forbidden",
        )
        .await;
        assert_problem(
            send!(app, appraise(json!({ "decision": "return" })), w.committee),
            422,
            "validation_failed",
        )
        .await;
        let a = json(send!(
            app,
            appraise(json!({ "decision": "approve" })),
            w.committee
        ))
        .await;
        assert_eq!(a["status"], "approved");
        let board = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}/appraisal", w.cycle)),
            w.committee
        ))
        .await;
        assert_eq!(board["branches"][0]["excellent"], 1);
        assert_eq!(board["branches"][0]["good"], 6);
        assert_eq!(board["branches"][0]["pending"], 1);
        assert_eq!(board["quota"]["exceeded"], false);
        // The approved level is in Bình's yearly history (W1 reads it).
        let mut conn = db.pool.get().unwrap();
        let h = members::history(&mut conn, w.members[1]).unwrap();
        assert_eq!((h[0].year, h[0].level.as_str()), (2016, "good"));
        drop(conn);

        // M12: found wrong later, cancelled with a reason and classified again; both kept.
        let uri = format!(
            "/api/v1/cycles/{}/members/{}/classification",
            w.cycle, w.members[1]
        );
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("{uri}/reclassify"))
                .set_json(
                    json!({ "level": "completed", "reason": "Phát hiện vi phạm chưa được báo cáo" })
                ),
            w.committee
        );
        assert_eq!(res.status(), 200);
        let history = json(send!(app, TestRequest::get().uri(&uri), w.secretary)).await;
        let states: Vec<(&str, &str)> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["state"].as_str().unwrap(), r["level"].as_str().unwrap()))
            .collect();
        assert_eq!(states, [("cancelled", "good"), ("approved", "completed")]);
        assert_eq!(
            history[0]["cancelled_reason"],
            "Phát hiện vi phạm chưa được báo cáo"
        );
        assert_eq!(history[1]["reasons"], json!(["M12"]));

        // Issue #13: every re-classification goes through the engine. Before, the committee
        // could make anyone excellent (over the quota) and classify a pending member.
        let reclassify = |m: i64, level: &str| {
            TestRequest::post()
                .uri(&format!(
                    "/api/v1/cycles/{}/members/{m}/classification/reclassify",
                    w.cycle
                ))
                .set_json(json!({ "level": level, "reason": "Thẩm định lại theo dữ liệu đã sửa" }))
        };
        // The branch's one excellent place is An's (Q1: 15% of 7): refused, naming Q1.
        for m in [w.members[2], w.members[3]] {
            let p = assert_problem(
                send!(app, reclassify(m, "excellent"), w.committee),
                409,
                "reclassification_forbidden",
            )
            .await;
            assert!(p["detail"].as_str().unwrap().starts_with("Q1"), "{p}");
        }
        // Lan is pending (M3): she is classified at a supplementary session, never here.
        let p = assert_problem(
            send!(app, reclassify(lan, "good"), w.committee),
            409,
            "reclassification_forbidden",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().starts_with("M3"), "{p}");
        // Corrected data: Dung's professional rating is in fact `completed` (M9 caps her).
        let mut conn = db.pool.get().unwrap();
        professional_ratings::put(
            &mut conn,
            w.cycle,
            w.members[3],
            &professional_ratings::RatingData {
                level: "completed",
                rating_unit: "Trường Đại học Vinh",
                post: "Giảng viên",
                honours: "",
                attested_exemplary: false,
            },
        )
        .unwrap();
        drop(conn);
        let p = assert_problem(
            send!(app, reclassify(w.members[3], "good"), w.committee),
            409,
            "reclassification_forbidden",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().starts_with("M9"), "{p}");
        let r = json(send!(
            app,
            reclassify(w.members[3], "completed"),
            w.committee
        ))
        .await;
        assert_eq!(r["reasons"], json!(["M8", "M9", "M12"]));
        assert_eq!(r["level"], "completed");
        // The district committee above the base does not act as the base committee.
        let district = {
            let mut conn = db.pool.get().unwrap();
            let d = organizations::list(
                &mut conn,
                &organizations::OrgFilter {
                    kind: Some("district".into()),
                    ..Default::default()
                },
            )
            .unwrap()
            .remove(0);
            user(&mut conn, "quanhuyen", None, "committee", d.id)
        };
        assert_problem(
            send!(app, reclassify(w.members[4], "completed"), district),
            403,
            "forbidden",
        )
        .await;
        // A regular session again: 409; a supplementary one classifies Lan, now present.
        assert_problem(
            send!(app, open("paper_tally", "regular"), w.secretary),
            409,
            "branch_classified",
        )
        .await;
        let res = send!(app, open("paper_tally", "supplementary"), w.secretary);
        assert_eq!(res.status(), 201);
        let s2 = json(res).await;
        let sid2 = s2["id"].as_i64().unwrap();
        let subjects: Vec<i64> = s2["roll"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["subject"] == true)
            .map(|r| r["member_id"].as_i64().unwrap())
            .collect();
        assert_eq!(subjects, [lan]);
        send!(
            app,
            TestRequest::put()
                .uri(&format!("/api/v1/voting-sessions/{sid2}/roll"))
                .set_json(json!({ "members": [{ "member_id": lan, "present": true }] })),
            w.secretary
        );
        for t in [&w.secretary, &w.deputy] {
            send!(
                app,
                TestRequest::put()
                    .uri(&format!("/api/v1/voting-sessions/{sid2}/tallies/{lan}"))
                    .set_json(votes(8, 0)),
                t
            );
        }
        let s2 = json(send!(
            app,
            TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid2}/finalize")),
            w.secretary
        ))
        .await;
        let r = by_member(&s2, "results", lan);
        // Eight votes for excellent, but the branch's one excellent place is taken (Q4).
        assert_eq!(
            (r["level"].as_str(), r["supplementary"].as_bool()),
            (Some("good"), Some(true))
        );
        assert!(r["reasons"].as_array().unwrap().contains(&json!("Q4")));
        // The statistics count what the sessions decided: standing results, the supplement and
        // the cancelled result apart.
        let cycle = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}", w.cycle)),
            w.committee
        ))
        .await;
        let base = cycle["organization_id"].as_i64().unwrap();
        let stats_uri = format!("/api/v1/reports/statistics?organization_id={base}&year=2016");
        // Written in chunks (issue #18): its length announced, its ETag the hash of the bytes
        // sent, and the same request with If-None-Match a 304 without body.
        let res = send!(app, TestRequest::get().uri(&stats_uri), w.committee);
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            "application/json"
        );
        let tag = common::etag(&res);
        let announced = actix_web::body::MessageBody::size(res.response().body());
        let body = actix_web::test::read_body(res).await;
        assert_eq!(
            announced,
            actix_web::body::BodySize::Sized(body.len() as u64)
        );
        assert_eq!(tag, kiemdiem_app::tx::body_tag(&body));
        let res = send!(
            app,
            TestRequest::get()
                .uri(&stats_uri)
                .insert_header(("if-none-match", tag.as_str())),
            w.committee
        );
        assert_eq!(res.status(), 304);
        assert!(actix_web::test::read_body(res).await.is_empty());
        let stats: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let t = &stats["total"];
        let got: Vec<u64> = [
            "members",
            "excellent",
            "good",
            "completed",
            "not_completed",
            "pending",
            "supplementary",
            "cancelled",
            "excellent_permille",
        ]
        .iter()
        .map(|k| t[k].as_u64().unwrap())
        .collect();
        // Two cancelled results: Bình's and Dung's (re-classified to completed by M9).
        assert_eq!(got, [8, 1, 5, 2, 0, 0, 1, 2, 125]);
        let kinds: Vec<&str> = stats["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["branch", "base"]);
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{stats_uri}&format=xlsx")),
            w.committee
        );
        assert_eq!(res.status(), 200);
        let cells = xlsx_cells(&actix_web::test::read_body(res).await);
        // The statistical form's layout (issue #16): the party heading, the title, each level
        // over its number and percentage, the columns numbered, the signatures.
        assert_eq!(cells[1][0], cells[1][0].to_uppercase());
        assert!(cells[1][0].starts_with("TỔ CHỨC"), "{:?}", cells[1]);
        assert_eq!(cells[0][10], "ĐẢNG CỘNG SẢN VIỆT NAM");
        assert!(cells[1][10].contains(", ngày "), "{:?}", cells[1]);
        assert_eq!(
            cells[4][0],
            "BIỂU THỐNG KÊ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2016"
        );
        assert_eq!(cells[7][3], "Hoàn thành xuất sắc nhiệm vụ");
        assert_eq!(cells[8][3..5], ["Số lượng", "Tỷ lệ %"]);
        assert_eq!(cells[9][0..4], ["A", "B", "(1)", "(2)"]);
        assert!(
            cells
                .iter()
                .any(|r| r[0] == "NGƯỜI LẬP BIỂU" && r[10] == "T/M ĐẢNG ỦY"),
            "{cells:?}"
        );
        let branch_row = cells
            .iter()
            .find(|r| r.get(1).map(String::as_str) == Some("Tổ chức CB-TOAN"))
            .unwrap();
        assert_eq!(branch_row[2..6], ["8", "1", "12.5", "5"]);
        // The branch's current data in the preview's shape, for the what-if page.
        let input = json(send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/cycles/{}/branches/{}/classification-input",
                w.cycle, w.branch
            )),
            w.secretary
        ))
        .await;
        assert_eq!(input["members"].as_array().unwrap().len(), 8);
        assert_eq!(input["rule_set"], "vinh-2016");
        assert_eq!(input["names"][w.members[0].to_string()], "Nguyễn Văn An");
        let res = send!(app, TestRequest::post().uri("/api/v1/classification/preview").set_json(json!({
        "rule_set": input["rule_set"], "reference_date": input["reference_date"], "members": input["members"],
    })), w.secretary);
        assert_eq!(res.status(), 200);
        // The branch committee lists the branches of its base's cycle: its own only.
        let orgs = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/organizations?kind=branch&under={base}")),
            w.secretary
        ))
        .await;
        let codes: Vec<&str> = orgs["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["CB-TOAN"]);
        // The provincial system's dossier holds the same: every result, the cancelled one too.
        let mut conn = db.pool.get().unwrap();
        let admin = {
            let u = users::create(
                &mut conn,
                users::NewUser {
                    username: "quantri",
                    display_name: "Quản trị",
                    password_hash: "x",
                    member_id: None,
                },
            )
            .unwrap();
            users::add_assignment(&mut conn, u.id, "admin", None).unwrap();
            token(u.id)
        };
        drop(conn);
        let d = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/integration/dossiers/{base}/2016")),
            admin
        ))
        .await;
        assert_eq!(d["version"], 1);
        assert_eq!(d["statistics"]["total"]["excellent"], 1);
        let binh_results = d["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["member_id"] == w.members[1])
            .unwrap()["results"]
            .clone();
        assert_eq!(binh_results.as_array().unwrap().len(), 2);
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!("/api/v1/integration/dossiers/{base}/2016")),
                w.committee
            ),
            403,
            "forbidden",
        )
        .await;
        // Member logins never see the session.
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
                w.member_tokens[0]
            ),
            404,
            "not_found",
        )
        .await;
    }
);

#[derive(diesel::QueryableByName)]
struct Column {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

db_test!(
    electronic_ballots_are_secret_single_and_counted_after_closing,
    |app, db| {
        let w = world(&db);
        let res = send!(app, open_session(&w, "electronic", "regular"), w.secretary);
        assert_eq!(res.status(), 201);
        let sid = json(res).await["id"].as_i64().unwrap();
        let paper = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}/ballot")),
            w.member_tokens[0]
        ))
        .await;
        assert_eq!(paper["candidates"].as_array().unwrap().len(), 8);
        assert_eq!(
            (paper["may_vote"].as_bool(), paper["has_voted"].as_bool()),
            (Some(true), Some(false))
        );
        let ballot = |level_of: &dyn Fn(usize) -> &'static str| {
            let choices: Vec<Value> = w
                .members
                .iter()
                .enumerate()
                .map(|(i, m)| json!({ "member_id": m, "level": level_of(i) }))
                .collect();
            TestRequest::post()
                .uri(&format!("/api/v1/voting-sessions/{sid}/ballot"))
                .set_json(json!({ "choices": choices }))
        };
        // A ballot missing a member: 422, nothing stored.
        let short = TestRequest::post()
            .uri(&format!("/api/v1/voting-sessions/{sid}/ballot"))
            .set_json(json!({ "choices": [{ "member_id": w.members[0], "level": "good" }] }));
        assert_problem(
            send!(app, short, w.member_tokens[0]),
            422,
            "validation_failed",
        )
        .await;
        // Six of eight vote: An excellent by all, the rest good.
        for t in &w.member_tokens[..6] {
            let res = send!(
                app,
                ballot(&|i| if i == 0 { "excellent" } else { "good" }),
                t
            );
            assert_eq!(res.status(), 201);
        }
        assert_problem(
            send!(app, ballot(&|_| "good"), w.member_tokens[0]),
            409,
            "already_voted",
        )
        .await;
        // Counts stay hidden while voting is open; the secretary sees only how many voted.
        let s = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
            w.secretary
        ))
        .await;
        assert_eq!(s["ballots_cast"], 6);
        assert!(s["outcome"].is_null());
        let p = assert_problem(
            send!(
                app,
                TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize")),
                w.secretary
            ),
            409,
            "voting_open",
        )
        .await;
        assert!(p["detail"].is_string());
        let res = send!(
            app,
            TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/close")),
            w.secretary
        );
        assert_eq!(res.status(), 200);
        assert_problem(
            send!(app, ballot(&|_| "good"), w.member_tokens[7]),
            409,
            "session_not_open",
        )
        .await;
        // After closing: counted ballots = participations = 6; no ballot is stored, only
        // each member's counts (issue #13; the attacks are in trust.rs).
        let s = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
            w.secretary
        ))
        .await;
        let an = by_member(&s, "roll", w.members[0]);
        assert_eq!(an["input"]["votes"]["excellent"], 6);
        let counted: i64 = s["roll"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                ["excellent", "good", "completed", "not_completed"]
                    .iter()
                    .map(|k| r["input"]["votes"][k].as_i64().unwrap())
                    .sum::<i64>()
            })
            .sum();
        assert_eq!(counted, 6 * 8);
        let mut conn = db.pool.get().unwrap();
        let counts = kiemdiem_store::voting::ballot_counts(&mut conn, sid).unwrap();
        let voted = kiemdiem_store::voting::participations(&mut conn, sid)
            .unwrap()
            .len();
        assert_eq!((counts.len(), voted), (8, 6));
        assert!(counts.iter().all(|(_, v)| v.iter().sum::<i32>() == 6));
        // The counts have no voter and no time: the session, the member classified, four counts.
        let sql = match conn.backend() {
            kiemdiem_store::Backend::Sqlite => {
                "SELECT name FROM pragma_table_info('ballot_counts') ORDER BY name"
            }
            kiemdiem_store::Backend::Postgres => {
                "SELECT column_name::text AS name FROM information_schema.columns WHERE table_name = 'ballot_counts' ORDER BY column_name"
            }
        };
        let columns: Vec<String> = diesel::sql_query(sql)
            .load::<Column>(&mut **conn)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            columns,
            [
                "member_id",
                "session_id",
                "votes_completed",
                "votes_excellent",
                "votes_good",
                "votes_not_completed"
            ]
        );
        drop(conn);
        let s = json(send!(
            app,
            TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize")),
            w.secretary
        ))
        .await;
        // D = 8: An's 6 votes × 3 = 18 > 16.
        assert_eq!(by_member(&s, "results", w.members[0])["level"], "excellent");
        assert_eq!(by_member(&s, "results", w.members[1])["level"], "good");
    }
);

#[derive(diesel::QueryableByName)]
struct Dumped {
    #[diesel(sql_type = diesel::sql_types::Text)]
    place: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    xid: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    row: String,
}

/// Every row of every table, as text, with its physical place and (PostgreSQL) the id of the
/// transaction that wrote it: what an auditor with the database files can read.
fn dump(conn: &mut AnyConnection) -> Vec<(String, Dumped)> {
    let tables: Vec<String> = match conn.backend() {
        kiemdiem_store::Backend::Sqlite => diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        ),
        kiemdiem_store::Backend::Postgres => diesel::sql_query(
            "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public'",
        ),
    }
    .load::<Column>(&mut *conn)
    .unwrap()
    .into_iter()
    .map(|c| c.name)
    .collect();
    let mut out = Vec::new();
    for t in tables {
        let sql = match conn.backend() {
            kiemdiem_store::Backend::Postgres => format!(
                "SELECT ctid::text AS place, xmin::text AS xid, row_to_json(t)::text AS row FROM \"{t}\" t"
            ),
            kiemdiem_store::Backend::Sqlite => {
                let cols: Vec<String> =
                    diesel::sql_query(format!("SELECT name FROM pragma_table_info('{t}')"))
                        .load::<Column>(&mut *conn)
                        .unwrap()
                        .into_iter()
                        .map(|c| format!("quote(\"{}\")", c.name))
                        .collect();
                format!(
                    "SELECT '' AS place, '' AS xid, {} AS row FROM \"{t}\"",
                    cols.join(" || ',' || ")
                )
            }
        };
        for row in diesel::sql_query(sql).load::<Dumped>(&mut *conn).unwrap() {
            out.push((t.clone(), row));
        }
    }
    out
}

// Issue #13: nothing stored links a ballot to its voter. Eight members vote, each a ballot
// of its own (known choices), each with an Idempotency-Key; then every table is read as an
// auditor would: the idempotency store (the key, the body, its SHA-256), the physical order
// and transaction ids of the rows (PostgreSQL ctid and xmin; SQLite's rowid), the audit log.
// Before: the idempotency store kept each voter's hashed ballot (4 of 4 linked) and, on
// PostgreSQL, ballots and participations paired by ctid order (8 of 8) and by xmin.
db_test!(a_ballot_cannot_be_linked_to_its_voter, |app, db| {
    use sha2::Digest;
    let w = world(&db);
    let res = send!(app, open_session(&w, "electronic", "regular"), w.secretary);
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_i64().unwrap();
    const LEVELS: [&str; 4] = ["excellent", "good", "completed", "not_completed"];
    // Voter v marks member m with a level that depends on both: every ballot differs.
    let level = |v: usize, m: usize| LEVELS[(v * 3 + m * (v + 1)) % 4];
    let mut bodies = Vec::new();
    let mut keys = Vec::new();
    for (v, t) in w.member_tokens.iter().enumerate() {
        let choices: Vec<Value> = w
            .members
            .iter()
            .enumerate()
            .map(|(m, id)| json!({ "member_id": id, "level": level(v, m) }))
            .collect();
        let body = serde_json::to_vec(&json!({ "choices": choices })).unwrap();
        let key = format!("phieu-bau-{v}-{}", uuid::Uuid::new_v4());
        // The first voter spells the path percent-encoded: it routes to the ballot all the same.
        let path = if v == 0 { "ballo%74" } else { "ballot" };
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("/api/v1/voting-sessions/{sid}/{path}"))
                .insert_header(("content-type", "application/json"))
                .insert_header(("idempotency-key", key.as_str()))
                .set_payload(body.clone()),
            t
        );
        assert_eq!(res.status(), 201);
        bodies.push(body);
        keys.push(key);
    }
    let res = send!(
        app,
        TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/close")),
        w.secretary
    );
    assert_eq!(res.status(), 200);

    let mut conn = db.pool.get().unwrap();
    let rows = dump(&mut conn);
    // 1. The idempotency store and every other table: no key, no body, no hash of a body (the
    //    old middleware hashed path, query, content type and body).
    for (v, body) in bodies.iter().enumerate() {
        let path = format!("/api/v1/voting-sessions/{sid}/ballot");
        let mut h = sha2::Sha256::new();
        h.update(path.as_bytes());
        h.update(b"?\napplication/json\n");
        h.update(body);
        let hashes = [
            format!("{:x}", h.finalize()),
            format!("{:x}", sha2::Sha256::digest(body)),
        ];
        let text = String::from_utf8(body.clone()).unwrap();
        for (table, r) in &rows {
            assert!(
                !r.row.contains(&keys[v]),
                "{table} keeps the key: {}",
                r.row
            );
            assert!(!r.row.contains(&text), "{table} keeps ballot {v}");
            for hash in &hashes {
                assert!(!r.row.contains(hash), "{table} keeps a hash of ballot {v}");
            }
        }
    }
    // 2. No table holds one voter's choices: the only rows about the votes are the counts,
    //    one per member classified, each adding up to the eight voters.
    let counts = kiemdiem_store::voting::ballot_counts(&mut conn, sid).unwrap();
    assert_eq!(counts.len(), 8);
    for (m, (member, votes)) in counts.iter().enumerate() {
        assert_eq!(*member, w.members[m]);
        let mut expected = [0; 4];
        for v in 0..8 {
            expected[LEVELS.iter().position(|l| *l == level(v, m)).unwrap()] += 1;
        }
        assert_eq!(*votes, expected, "member {m}'s counts");
    }
    // 3. Order and transaction ids: the participations and the counts were rewritten at close,
    //    in member order, by one transaction; nothing follows the order of voting.
    let of = |table: &str| -> Vec<&Dumped> {
        rows.iter()
            .filter(|(t, _)| t == table)
            .map(|(_, r)| r)
            .collect()
    };
    let participations = of("ballot_participations");
    assert_eq!(participations.len(), 8);
    let voters_in_stored_order: Vec<i64> = participations
        .iter()
        .map(|r| {
            let v: Value = match conn.backend() {
                kiemdiem_store::Backend::Postgres => serde_json::from_str(&r.row).unwrap(),
                kiemdiem_store::Backend::Sqlite => {
                    let parts: Vec<&str> = r.row.split(',').collect();
                    json!({ "member_id": parts[1].parse::<i64>().unwrap() })
                }
            };
            v["member_id"].as_i64().unwrap()
        })
        .collect();
    let mut sorted = voters_in_stored_order.clone();
    sorted.sort_unstable();
    assert_eq!(voters_in_stored_order, sorted, "stored in member order");
    if conn.backend() == kiemdiem_store::Backend::Postgres {
        let mut places: Vec<&str> = participations.iter().map(|r| r.place.as_str()).collect();
        let in_ctid_order = places.clone();
        places.sort_by_key(|p| {
            let (page, item) = p
                .trim_matches(|c| c == '(' || c == ')')
                .split_once(',')
                .unwrap();
            (page.parse::<u64>().unwrap(), item.parse::<u64>().unwrap())
        });
        assert_eq!(in_ctid_order, places, "scanned in physical order");
        let xids: std::collections::BTreeSet<&str> = of("ballot_participations")
            .iter()
            .chain(of("ballot_counts").iter())
            .map(|r| r.xid.as_str())
            .collect();
        assert_eq!(xids.len(), 1, "one transaction wrote them all: {xids:?}");
    } else {
        // SQLite: no rowid to order them by.
        let rowid =
            diesel::sql_query("SELECT CAST(rowid AS TEXT) AS name FROM ballot_participations")
                .load::<Column>(&mut **conn);
        assert!(rowid.is_err(), "ballot_participations has no rowid");
    }
    // 4. The audit log says who voted, never what: no level in a vote's entry.
    for (_, r) in rows.iter().filter(|(t, r)| {
        t == "audit_log" && (r.row.contains("\"vote\"") || r.row.contains("'vote'"))
    }) {
        for l in LEVELS {
            assert!(
                !r.row.contains(l),
                "the audit entry of a vote names a level: {}",
                r.row
            );
        }
    }
    drop(conn);
    // Those the count classifies `completed` get their shortcomings first (M9).
    let live = json(send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
        w.secretary
    ))
    .await;
    for r in live["outcome"]["results"].as_array().unwrap() {
        if r["level"] == "completed" {
            let id = r["id"].as_str().unwrap();
            let req = TestRequest::put()
                .uri(&format!(
                    "/api/v1/voting-sessions/{sid}/members/{id}/meeting-note"
                ))
                .set_json(json!({ "shortcomings": "Chưa chủ động", "remedy_by": "2017-06-30" }));
            assert_eq!(send!(app, req, w.secretary).status(), 200);
        }
    }
    // The count still decides: finalize classifies from the counts.
    let s = json(send!(
        app,
        TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize")),
        w.secretary
    ))
    .await;
    assert_eq!(s["status"], "finalized");
});

// Issue #13: ballots and tallies cover exactly the members classified here. Before, an
// electronic ballot was refused unless it marked a member admitted under six months (M4),
// and the paper roll took tallies for attached members and for that M4 member.
db_test!(
    ballots_and_tallies_cover_only_the_members_classified,
    |app, db| {
        let w = world(&db);
        let mut conn = db.pool.get().unwrap();
        let new_member = |conn: &mut AnyConnection, card: &str, name: &str, attached: bool| {
            members::create(
                conn,
                &kiemdiem_domain::member::MemberData {
                    card_number: Some(card.into()),
                    full_name: name.into(),
                    gender: "male".into(),
                    date_of_birth: chrono::NaiveDate::from_ymd_opt(1995, 1, 1),
                    branch_id: w.branch,
                    status: if attached { "official" } else { "probationary" }.into(),
                    admitted_on: chrono::NaiveDate::from_ymd_opt(
                        if attached { 2005 } else { 2016 },
                        8,
                        1,
                    ),
                    official_on: attached
                        .then(|| chrono::NaiveDate::from_ymd_opt(2006, 8, 1).unwrap()),
                    category: "civil_servant".into(),
                    attached,
                    active: true,
                    ..Default::default()
                },
            )
            .unwrap()
        };
        let recent = new_member(&mut conn, "36999001", "Lý Văn Mới", false);
        let visitor = new_member(&mut conn, "36999002", "Tạ Văn Khách", true);
        drop(conn);
        let open = |mode: &str| open_session(&w, mode, "regular");
        let res = send!(app, open("electronic"), w.secretary);
        assert_eq!(res.status(), 201);
        let sid = json(res).await["id"].as_i64().unwrap();
        let paper = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}/ballot")),
            w.member_tokens[0]
        ))
        .await;
        let on_paper: Vec<i64> = paper["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["member_id"].as_i64().unwrap())
            .collect();
        assert_eq!(on_paper.len(), 8);
        assert!(!on_paper.contains(&recent) && !on_paper.contains(&visitor));
        let choices: Vec<Value> = w
            .members
            .iter()
            .map(|m| json!({ "member_id": m, "level": "good" }))
            .collect();
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("/api/v1/voting-sessions/{sid}/ballot"))
                .set_json(json!({ "choices": choices })),
            w.member_tokens[0]
        );
        assert_eq!(
            res.status(),
            201,
            "a ballot of the eight classified members"
        );
        // Marking the M4 member is not part of a ballot.
        let mut with_recent = choices.clone();
        with_recent.push(json!({ "member_id": recent, "level": "good" }));
        assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri(&format!("/api/v1/voting-sessions/{sid}/ballot"))
                    .set_json(json!({ "choices": with_recent })),
                w.member_tokens[1]
            ),
            422,
            "validation_failed",
        )
        .await;
        // Close, finalize: both are not classified (M4, M5), never "not voted".
        send!(
            app,
            TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/close")),
            w.secretary
        );
        let s = json(send!(
            app,
            TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize")),
            w.secretary
        ))
        .await;
        assert_eq!(by_member(&s, "results", recent)["reasons"], json!(["M4"]));
        assert_eq!(by_member(&s, "results", visitor)["reasons"], json!(["M5"]));
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("/api/v1/voting-sessions/{sid}/appraisal"))
                .set_json(json!({ "decision": "return", "comment": "Bỏ phiếu lại trên giấy" })),
            w.committee
        );
        assert_eq!(res.status(), 200);
        // On paper: no tally for either.
        let res = send!(app, open("paper_tally"), w.secretary);
        assert_eq!(res.status(), 201);
        let sid = json(res).await["id"].as_i64().unwrap();
        for m in [recent, visitor] {
            assert_problem(
                send!(
                    app,
                    TestRequest::put()
                        .uri(&format!("/api/v1/voting-sessions/{sid}/tallies/{m}"))
                        .set_json(votes(0, 1)),
                    w.secretary
                ),
                409,
                "not_voted_on",
            )
            .await;
        }
        let board = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}/appraisal", w.cycle)),
            w.committee
        ))
        .await;
        assert_eq!(
            board["branches"][0]["members"], 9,
            "the attached member is counted by their own branch"
        );
        let _ = board;
    }
);

// Issue #13: after a supplementary session, a member admitted under six months is still
// counted "not classified" (M4) on the board and in the statistics, never "not voted".
db_test!(
    an_m4_member_stays_not_classified_after_a_supplement,
    |app, db| {
        let w = world(&db);
        let mut conn = db.pool.get().unwrap();
        let recent = members::create(
            &mut conn,
            &kiemdiem_domain::member::MemberData {
                card_number: Some("36999003".into()),
                full_name: "Lý Văn Mới".into(),
                gender: "male".into(),
                date_of_birth: chrono::NaiveDate::from_ymd_opt(1995, 1, 1),
                branch_id: w.branch,
                status: "probationary".into(),
                admitted_on: chrono::NaiveDate::from_ymd_opt(2016, 8, 1),
                category: "civil_servant".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        drop(conn);
        let open = |kind: &str| open_session(&w, "paper_tally", kind);
        let sid = json(send!(app, open("regular"), w.secretary)).await["id"]
            .as_i64()
            .unwrap();
        let lan = w.members[7];
        send!(
            app,
            TestRequest::put()
                .uri(&format!("/api/v1/voting-sessions/{sid}/roll"))
                .set_json(json!({ "members": [{ "member_id": lan, "present": false }] })),
            w.secretary
        );
        for m in &w.members[..7] {
            for t in [&w.secretary, &w.deputy] {
                send!(
                    app,
                    TestRequest::put()
                        .uri(&format!("/api/v1/voting-sessions/{sid}/tallies/{m}"))
                        .set_json(votes(0, 7)),
                    t
                );
            }
        }
        let finalize =
            |sid: i64| TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize"));
        let appraise = |sid: i64| {
            TestRequest::post()
                .uri(&format!("/api/v1/voting-sessions/{sid}/appraisal"))
                .set_json(json!({ "decision": "approve" }))
        };
        assert_eq!(send!(app, finalize(sid), w.secretary).status(), 200);
        assert_eq!(send!(app, appraise(sid), w.committee).status(), 200);
        let sid2 = json(send!(app, open("supplementary"), w.secretary)).await["id"]
            .as_i64()
            .unwrap();
        for t in [&w.secretary, &w.deputy] {
            send!(
                app,
                TestRequest::put()
                    .uri(&format!("/api/v1/voting-sessions/{sid2}/tallies/{lan}"))
                    .set_json(votes(0, 8)),
                t
            );
        }
        assert_eq!(send!(app, finalize(sid2), w.secretary).status(), 200);
        assert_eq!(send!(app, appraise(sid2), w.committee).status(), 200);
        let board = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}/appraisal", w.cycle)),
            w.committee
        ))
        .await;
        let b = &board["branches"][0];
        assert_eq!(
            (
                b["not_classified"].as_u64(),
                b["not_voted"].as_u64(),
                b["good"].as_u64()
            ),
            (Some(1), Some(0), Some(8)),
            "{b}"
        );
        let base = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}", w.cycle)),
            w.committee
        ))
        .await["organization_id"]
            .as_i64()
            .unwrap();
        let stats = json(send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/reports/statistics?organization_id={base}&year=2016"
            )),
            w.committee
        ))
        .await;
        assert_eq!(stats["total"]["members"], 9, "{stats}");
        assert_eq!(stats["total"]["pending"], 0, "{stats}");
        let _ = recent;
    }
);

// Issue #16: what the branch meeting records beside the votes, and the signed scan.
// The minutes' ballots must add up (422 naming every field, nothing written); no member has
// more votes than the valid ballots (409); a member classified `completed` needs their
// shortcomings and the date to remedy them before the session is finalized (M9 end, 409),
// and the result, the minutes (DOCX, XLSX with numbers, PDF) and the dossier carry them. The
// scan is checked by content, served only as an attachment, read by the district in the
// dossier and by nobody outside.
db_test!(meeting_records_minutes_and_signed_scan, |app, db| {
    use common::invalid_fields;
    let w = world(&db);
    let s = json(send!(
        app,
        open_session(&w, "paper_tally", "regular"),
        w.secretary
    ))
    .await;
    let sid = s["id"].as_i64().unwrap();
    assert_eq!(s["tally_minutes"], Value::Null);
    // An: 8 for excellent; Bình: 8 for completed; the others good.
    for (i, m) in w.members.iter().enumerate() {
        let v = match i {
            0 => votes(8, 0),
            1 => json!({ "excellent": 0, "good": 0, "completed": 8, "not_completed": 0 }),
            _ => votes(0, 8),
        };
        for t in [&w.secretary, &w.deputy] {
            let req = TestRequest::put()
                .uri(&format!("/api/v1/voting-sessions/{sid}/tallies/{m}"))
                .set_json(v.clone());
            assert_eq!(send!(app, req, t).status(), 200);
        }
    }
    let minutes = |body: Value| {
        TestRequest::put()
            .uri(&format!("/api/v1/voting-sessions/{sid}/tally-minutes"))
            .set_json(body)
    };
    let good_minutes = json!({
        "ballots_issued": 8, "ballots_returned": 8, "ballots_valid": 7, "ballots_invalid": 1,
        "counting_committee": ["Lê Thị Cúc", "Vũ Văn Khoa"],
        "chaired_by": "Nguyễn Văn An", "recorded_by": "Đỗ Thị Hà",
    });
    // Counts that do not add up: every field named, nothing written.
    let mut bad = good_minutes.clone();
    bad["ballots_issued"] = json!(9);
    bad["ballots_returned"] = json!(10);
    bad["counting_committee"] = json!(["Lê Thị Cúc", "  "]);
    bad["chaired_by"] = json!(" ");
    let fields = invalid_fields(send!(app, minutes(bad), w.secretary)).await;
    for (f, code) in [
        ("ballots_issued", "over_present"),
        ("ballots_returned", "over_issued"),
        ("ballots_invalid", "sum"),
        ("counting_committee[1]", "length"),
        ("chaired_by", "required"),
    ] {
        assert!(
            fields.contains(&(f.to_owned(), code.to_owned())),
            "{f} {code} in {fields:?}"
        );
    }
    let mut bad = good_minutes.clone();
    bad["counting_committee"] = json!([]);
    let fields = invalid_fields(send!(app, minutes(bad), w.secretary)).await;
    assert_eq!(fields[0].0, "counting_committee");
    let s = json(send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
        w.secretary
    ))
    .await;
    assert_eq!(s["tally_minutes"], Value::Null);
    // A member of the branch may not record them.
    assert_eq!(
        send!(app, minutes(good_minutes.clone()), w.member_tokens[0]).status(),
        404
    );
    let m = json(send!(app, minutes(good_minutes.clone()), w.secretary)).await;
    assert_eq!(m["ballots_valid"], 7);
    assert_eq!(
        m["counting_committee"],
        json!(["Lê Thị Cúc", "Vũ Văn Khoa"])
    );
    let finalize = || TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize"));
    // An has 8 votes, the minutes 7 valid ballots.
    let p = assert_problem(
        send!(app, finalize(), w.secretary),
        409,
        "votes_over_ballots",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("Nguyễn Văn An"));
    let mut fixed = good_minutes.clone();
    fixed["ballots_valid"] = json!(8);
    fixed["ballots_invalid"] = json!(0);
    assert_eq!(send!(app, minutes(fixed), w.secretary).status(), 200);
    // Bình is classified completed: her shortcomings are required (M9).
    let p = assert_problem(
        send!(app, finalize(), w.secretary),
        409,
        "shortcomings_missing",
    )
    .await;
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("Trần Thị Bình") && !detail.contains("Nguyễn Văn An"));
    let note = |member: i64, body: Value| {
        TestRequest::put()
            .uri(&format!(
                "/api/v1/voting-sessions/{sid}/members/{member}/meeting-note"
            ))
            .set_json(body)
    };
    let binh = w.members[1];
    let fields = invalid_fields(send!(
        app,
        note(binh, json!({ "shortcomings": "Chậm nộp báo cáo" })),
        w.secretary
    ))
    .await;
    assert_eq!(fields, [("remedy_by".to_owned(), "required".to_owned())]);
    let fields = invalid_fields(send!(
        app,
        note(
            binh,
            json!({ "shortcomings": "Chậm nộp báo cáo", "remedy_by": "2016-11-12" })
        ),
        w.secretary
    ))
    .await;
    assert_eq!(
        fields,
        [("remedy_by".to_owned(), "before_meeting".to_owned())]
    );
    let fields = invalid_fields(send!(
        app,
        note(binh, json!({ "remedy_by": "2017-06-30" })),
        w.secretary
    ))
    .await;
    assert_eq!(fields, [("shortcomings".to_owned(), "required".to_owned())]);
    // Not on the roll: 404; a member: 404.
    assert_eq!(
        send!(app, note(987_654, json!({ "opinions": "x" })), w.secretary).status(),
        404
    );
    assert_eq!(
        send!(
            app,
            note(binh, json!({ "opinions": "x" })),
            w.member_tokens[1]
        )
        .status(),
        404
    );
    let s = json(send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}")),
        w.secretary
    ))
    .await;
    assert_eq!(by_member(&s, "roll", binh)["note"], Value::Null);
    let n = json(send!(
        app,
        note(
            binh,
            json!({ "opinions": "Chi bộ ghi nhận đồng chí nhiệt tình nhưng còn chậm tiến độ",
                    "shortcomings": "Chậm nộp báo cáo chuyên môn", "remedy_by": "2017-06-30" })
        ),
        w.secretary
    ))
    .await;
    assert_eq!(n["remedy_by"], "2017-06-30");
    assert_eq!(
        send!(
            app,
            note(
                w.members[0],
                json!({ "opinions": "Gương mẫu, tiêu biểu của chi bộ" })
            ),
            w.deputy
        )
        .status(),
        200
    );
    // Clearing a note: 204; then written again.
    let giang = w.members[4];
    assert_eq!(
        send!(
            app,
            note(giang, json!({ "opinions": "Tạm ghi" })),
            w.secretary
        )
        .status(),
        200
    );
    assert_eq!(
        send!(app, note(giang, json!({ "opinions": " " })), w.secretary).status(),
        204
    );
    let s = json(send!(app, finalize(), w.secretary)).await;
    let r = by_member(&s, "results", binh);
    assert_eq!(r["level"], "completed");
    assert_eq!(r["shortcomings"], "Chậm nộp báo cáo chuyên môn");
    assert_eq!(r["remedy_by"], "2017-06-30");
    assert_eq!(
        by_member(&s, "results", w.members[0])["shortcomings"],
        Value::Null
    );
    assert_eq!(by_member(&s, "roll", giang)["note"], Value::Null);
    // After finalizing the notes are the results'.
    assert_problem(
        send!(app, note(binh, json!({ "opinions": "x" })), w.secretary),
        409,
        "session_finalized",
    )
    .await;
    // The member reads her shortcomings on her own results.
    let mine = json(send!(
        app,
        TestRequest::get().uri(&format!(
            "/api/v1/cycles/{}/members/{binh}/classification",
            w.cycle
        )),
        w.member_tokens[1]
    ))
    .await;
    assert!(
        mine.to_string().contains("Chậm nộp báo cáo chuyên môn"),
        "{mine}"
    );
    // Next year's self-review shows them to answer; An (excellent) has none.
    let next = {
        let mut conn = db.pool.get().unwrap();
        common::cycle(&mut conn, w.base, 2017)
    };
    let review =
        |m: i64| TestRequest::get().uri(&format!("/api/v1/cycles/{next}/members/{m}/self-review"));
    let r = json(send!(app, review(binh), w.member_tokens[1])).await;
    assert_eq!(
        r["prior_shortcomings"],
        json!({ "year": 2016, "shortcomings": "Chậm nộp báo cáo chuyên môn", "remedy_by": "2017-06-30" })
    );
    let r = json(send!(app, review(w.members[0]), w.member_tokens[0])).await;
    assert_eq!(r["prior_shortcomings"], Value::Null);

    // The minutes, dated on the meeting, in the three formats.
    let get = |format: &str| {
        TestRequest::get().uri(&format!(
            "/api/v1/voting-sessions/{sid}/minutes?format={format}"
        ))
    };
    let res = send!(app, get("pdf"), w.secretary);
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "application/pdf"
    );
    let pdf = actix_web::test::read_body(res).await.to_vec();
    let text = common::pdf_text(&pdf);
    for want in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BIÊN BẢN KIỂM PHIẾU XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2016",
        "Hôm nay, ngày 12/11/2016",
        "ngày 12 tháng 11 năm 2016",
        "Số phiếu phát ra: 8",
        "Số phiếu hợp lệ: 8",
        "Số phiếu không hợp lệ: 0",
        "Ban kiểm phiếu: Lê Thị Cúc, Vũ Văn Khoa",
        "Trần Thị Bình",
        "Chậm nộp báo cáo chuyên môn (hạn khắc phục: 30/06/2017)",
        "Gương mẫu, tiêu biểu của chi bộ",
        "Đỗ Thị Hà",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    let res = send!(app, get("docx"), w.secretary);
    let xml = docx_text(&actix_web::test::read_body(res).await);
    assert!(xml.contains("Số phiếu thu vào: ") && xml.contains("(hạn khắc phục: 30/06/2017)"));
    let res = send!(app, get("xlsx"), w.secretary);
    let bytes = actix_web::test::read_body(res).await.to_vec();
    {
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let row = range
            .rows()
            .find(|r| r.get(1) == Some(&Data::String("Nguyễn Văn An".into())))
            .unwrap();
        // Counts are numbers the district can add up, not text.
        assert_eq!(row[2], Data::Float(8.0));
        let issued = range
            .rows()
            .find(|r| r.first() == Some(&Data::String("Số phiếu phát ra".into())))
            .unwrap();
        assert_eq!(issued[1], Data::Float(8.0));
    }
    assert_problem(
        send!(app, get("html"), w.secretary),
        422,
        "validation_failed",
    )
    .await;

    // The signed scan.
    let upload = |query: &str, content_type: &str, body: Vec<u8>| {
        TestRequest::post()
            .uri(&format!(
                "/api/v1/voting-sessions/{sid}/attachments?{query}"
            ))
            .insert_header(("content-type", content_type.to_owned()))
            .set_payload(body)
    };
    let q = "title=Bi%C3%AAn%20b%E1%BA%A3n%20%C4%91%C3%A3%20k%C3%BD&file_name=C%3A%5Cscan%5Cbi%C3%AAn-b%E1%BA%A3n.pdf";
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
    let fields = invalid_fields(send!(app, upload(q, "application/pdf", html), w.secretary)).await;
    assert_eq!(fields, [("file".to_owned(), "unsupported_type".to_owned())]);
    let fields = invalid_fields(send!(app, upload(q, "application/pdf", png), w.secretary)).await;
    assert_eq!(
        fields,
        [("content_type".to_owned(), "type_mismatch".to_owned())]
    );
    let fields = invalid_fields(send!(
        app,
        upload("file_name=a.pdf", "application/pdf", Vec::new()),
        w.secretary
    ))
    .await;
    assert_eq!(
        fields,
        [
            ("title".to_owned(), "length".to_owned()),
            ("file".to_owned(), "empty".to_owned())
        ]
    );
    let mut huge = b"%PDF-1.4\n".to_vec();
    huge.resize(kiemdiem_app::attachments::MAX_BYTES + 1, b' ');
    assert_eq!(
        send!(app, upload(q, "application/pdf", huge), w.secretary).status(),
        413
    );
    assert_eq!(
        send!(
            app,
            upload(q, "application/pdf", pdf.clone()),
            w.member_tokens[0]
        )
        .status(),
        404
    );
    let listed = json(send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}/attachments")),
        w.secretary
    ))
    .await;
    assert_eq!(listed, json!([]));
    let res = send!(app, upload(q, "application/pdf", pdf.clone()), w.secretary);
    assert_eq!(res.status(), 201);
    let a = json(res).await;
    assert_eq!(a["file_name"], "biên-bản.pdf");
    assert_eq!(a["title"], "Biên bản đã ký");
    assert_eq!(a["size"], pdf.len());
    let href = a["href"].as_str().unwrap().to_owned();
    // The district reads it, as a download only.
    let res = send!(app, TestRequest::get().uri(&href), w.district);
    assert_eq!(res.status(), 200);
    let h = |name: &str| {
        res.headers()
            .get(name)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(h("content-type"), "application/pdf");
    assert!(h("content-disposition").starts_with("attachment;"));
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(h("x-content-sha256"), a["sha256"].as_str().unwrap());
    assert_eq!(actix_web::test::read_body(res).await.to_vec(), pdf);
    // Nobody outside reads or removes it.
    let (other_branch, stranger) = {
        let mut conn = db.pool.get().unwrap();
        let base = organizations::get(&mut conn, w.base).unwrap().unwrap();
        let ly = common::org(&mut conn, "branch", "CB-LY", Some(&base));
        (
            ly.id,
            user(&mut conn, "bithu_ly", None, "branch_committee", ly.id),
        )
    };
    assert!(other_branch > 0);
    for t in [&stranger, &w.member_tokens[0]] {
        assert_eq!(send!(app, TestRequest::get().uri(&href), t).status(), 404);
        assert_eq!(
            send!(app, TestRequest::delete().uri(&href), t).status(),
            404
        );
    }
    // The district sees it in the base's dossier: the manifest lists it, the ZIP holds it.
    let d = json(send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/dossiers/{}/2016", w.base)),
        w.district
    ))
    .await;
    let listed = &d["preview"]["attachments"][0];
    assert_eq!(listed["title"], "Biên bản đã ký");
    assert_eq!(listed["record_kind"], "voting_session");
    assert_eq!(listed["record_id"], sid);
    let name = listed["name"].as_str().unwrap().to_owned();
    let res = send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/dossiers/{}/2016/archive", w.base)),
        w.district
    );
    assert_eq!(res.status(), 200);
    let zip = actix_web::test::read_body(res).await.to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut inside = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name(&name).unwrap(), &mut inside).unwrap();
    assert_eq!(inside, pdf);
    // D2 in the dossier carries the meeting's opinions and the shortcomings.
    let res = send!(
        app,
        TestRequest::get().uri(&format!(
            "/api/v1/dossiers/{}/2016/documents/02-tong-hop-y-kien-dang-vien.docx",
            w.base
        )),
        w.district
    );
    let xml = docx_text(&actix_web::test::read_body(res).await);
    assert!(xml.contains("Chi bộ ghi nhận đồng chí nhiệt tình nhưng còn chậm tiến độ"));
    assert!(xml.contains("Chậm nộp báo cáo chuyên môn — hạn khắc phục 30/06/2017"));
    // Removed by the branch: gone from the list, audited.
    assert_eq!(
        send!(app, TestRequest::delete().uri(&href), w.secretary).status(),
        204
    );
    assert_eq!(
        send!(app, TestRequest::get().uri(&href), w.district).status(),
        404
    );
});

// Q3: a branch's claim of especially outstanding achievements raises its quota only once the
// committee running the cycle approves it; the branch cannot approve its own claim, a refusal
// keeps Q1, and after finalizing the quota is fixed.
db_test!(outstanding_claim_needs_the_superiors_approval, |app, db| {
    let w = world(&db);
    let open = TestRequest::post()
        .uri(&format!("/api/v1/cycles/{}/voting-sessions", w.cycle))
        .set_json(
            json!({ "branch_id": w.branch, "mode": "paper_tally", "held_on": "2016-11-12",
                          "outstanding_unit": true }),
        );
    let s = json(send!(app, open, w.secretary)).await;
    let sid = s["id"].as_i64().unwrap();
    assert_eq!(s["outstanding_unit"], true);
    assert_eq!(s["outstanding_decision"], Value::Null);
    // Claimed, not approved: Q1's 15%.
    assert_eq!(s["outstanding_decision"], Value::Null);
    let basis = |s: &Value| s["outcome"]["quota"]["basis"].as_str().unwrap().to_owned();
    assert_eq!(basis(&s), "Q1");
    let decide = |approved: bool| {
        TestRequest::put()
            .uri(&format!(
                "/api/v1/voting-sessions/{sid}/outstanding-decision"
            ))
            .set_json(json!({ "approved": approved }))
    };
    // The branch does not approve its own claim; a member does not see the session.
    assert_problem(send!(app, decide(true), w.secretary), 403, "forbidden").await;
    assert_eq!(send!(app, decide(true), w.member_tokens[0]).status(), 404);
    let get = || TestRequest::get().uri(&format!("/api/v1/voting-sessions/{sid}"));
    assert_eq!(basis(&json(send!(app, get(), w.secretary)).await), "Q1");
    let d = json(send!(app, decide(true), w.committee)).await;
    assert_eq!(d["outstanding_decision"], "approved");
    assert_eq!(basis(&json(send!(app, get(), w.secretary)).await), "Q3");
    let d = json(send!(app, decide(false), w.committee)).await;
    assert_eq!(d["outstanding_decision"], "refused");
    assert_eq!(basis(&json(send!(app, get(), w.secretary)).await), "Q1");
    assert_eq!(send!(app, decide(true), w.committee).status(), 200);
    // Finalized: the quota is fixed.
    for m in &w.members {
        for t in [&w.secretary, &w.deputy] {
            let req = TestRequest::put()
                .uri(&format!("/api/v1/voting-sessions/{sid}/tallies/{m}"))
                .set_json(votes(0, 8));
            assert_eq!(send!(app, req, t).status(), 200);
        }
    }
    let s = json(send!(
        app,
        TestRequest::post().uri(&format!("/api/v1/voting-sessions/{sid}/finalize")),
        w.secretary
    ))
    .await;
    assert_eq!(s["status"], "finalized");
    assert_problem(
        send!(app, decide(false), w.committee),
        409,
        "session_not_open",
    )
    .await;
});
