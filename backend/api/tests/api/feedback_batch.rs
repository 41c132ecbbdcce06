//! Issue #17: feedback requested for a whole branch, organisation or cluster in one step, the
//! providers chosen by name, the postal letters printed together — on both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use common::{assert_problem, json, token};
use kiemdiem_store::{AnyConnection, members, users};
use serde_json::{Value, json};

pub(crate) struct World {
    pub(crate) cycle: i64,
    pub(crate) base: i64,
    pub(crate) branch_a: i64,
    pub(crate) branch_b: i64,
    /// Branch A's members, in Vietnamese name order; then branch B's.
    pub(crate) a: Vec<i64>,
    pub(crate) b: Vec<i64>,
    pub(crate) union: i64,
    pub(crate) union_token: String,
    pub(crate) secretary_a: String,
    pub(crate) committee: String,
    pub(crate) member: String,
    /// A branch of another base.
    pub(crate) stranger_branch: i64,
}

fn person(conn: &mut AnyConnection, name: &str, branch: i64, card: &str) -> i64 {
    members::create(
        conn,
        &kiemdiem_domain::member::MemberData {
            card_number: Some(card.into()),
            full_name: name.into(),
            gender: "female".into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
            branch_id: branch,
            status: "official".into(),
            admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
            official_on: chrono::NaiveDate::from_ymd_opt(2006, 1, 1),
            category: "civil_servant".into(),
            active: true,
            residence_committee_name: Some(format!("Chi bộ khối {card}")),
            ..Default::default()
        },
    )
    .unwrap()
}

fn user(
    conn: &mut AnyConnection,
    username: &str,
    display: &str,
    member: Option<i64>,
    role: &str,
    org: i64,
) -> i64 {
    let u = users::create(
        conn,
        users::NewUser {
            username,
            display_name: display,
            password_hash: "x",
            member_id: member,
        },
    )
    .unwrap();
    users::add_assignment(conn, u.id, role, Some(org)).unwrap();
    u.id
}

pub(crate) fn world(db: &common::TestDb) -> World {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[("province", "NA"), ("district", "VINH"), ("base", "DHKT")],
    );
    let base = &orgs[2];
    let branch_a = common::org(&mut conn, "branch", "CB-A", Some(base));
    let branch_b = common::org(&mut conn, "branch", "CB-B", Some(base));
    let other_base = common::org(&mut conn, "base", "DHSP", Some(&orgs[1]));
    let stranger_branch = common::org(&mut conn, "branch", "CB-X", Some(&other_base));
    // Written out of order: the batch answers them in Vietnamese order (given name first).
    let a = [
        person(&mut conn, "Trần Thị Yến", branch_a.id, "35000003"),
        person(&mut conn, "Lê Văn An", branch_a.id, "35000001"),
        person(&mut conn, "Nguyễn Thị Bích", branch_a.id, "35000002"),
    ];
    let a = vec![a[1], a[2], a[0]];
    let b = vec![
        person(&mut conn, "Phạm Văn Cường", branch_b.id, "35000004"),
        person(&mut conn, "Hoàng Thị Dung", branch_b.id, "35000005"),
    ];
    person(&mut conn, "Đỗ Văn Xa", stranger_branch.id, "35000009");
    let union = user(
        &mut conn,
        "congdoan",
        "Công đoàn trường",
        None,
        "feedback_provider",
        base.id,
    );
    user(
        &mut conn,
        "doanthanhnien",
        "Đoàn Thanh niên",
        None,
        "feedback_provider",
        branch_b.id,
    );
    // A provider of another base: never offered here.
    user(
        &mut conn,
        "congdoan.dhsp",
        "Công đoàn Đại học Sư phạm",
        None,
        "feedback_provider",
        other_base.id,
    );
    let secretary_a = token(user(
        &mut conn,
        "bithu.a",
        "Bí thư A",
        None,
        "branch_committee",
        branch_a.id,
    ));
    let committee = token(user(
        &mut conn,
        "danguy",
        "Đảng ủy",
        None,
        "committee",
        base.id,
    ));
    let member = token(user(
        &mut conn,
        "an",
        "An",
        Some(a[0]),
        "member",
        branch_a.id,
    ));
    let cycle = common::cycle(&mut conn, base.id, 2016);
    World {
        cycle,
        base: base.id,
        branch_a: branch_a.id,
        branch_b: branch_b.id,
        a,
        b,
        union,
        union_token: token(union),
        secretary_a,
        committee,
        member,
        stranger_branch: stranger_branch.id,
    }
}

fn batch(cycle: i64, body: Value) -> TestRequest {
    TestRequest::post()
        .uri(&format!("/api/v1/cycles/{cycle}/feedback-requests/batch"))
        .set_json(body)
}

fn ids(list: &Value, key: &str) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_i64().unwrap())
        .collect()
}

fn count(db: &common::TestDb, cycle: i64) -> usize {
    let mut conn = db.pool.get().unwrap();
    kiemdiem_store::feedback::of_cycle(&mut conn, cycle)
        .unwrap()
        .len()
}

db_test!(
    a_secretary_asks_the_whole_branch_in_one_step_and_never_twice,
    |app, db| {
        let w = world(&db);
        // The picker: by name without diacritics, the providers of the base and its branches,
        // never another base's; not for a member.
        let uri = |q: &str| {
            format!(
                "/api/v1/cycles/{}/feedback-providers?q={}",
                w.cycle,
                urlencoding(q)
            )
        };
        let found = json(send!(
            app,
            TestRequest::get().uri(&uri("cong doan")),
            w.secretary_a
        ))
        .await;
        assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
        assert_eq!(found[0]["display_name"], "Công đoàn trường");
        assert_eq!(found[0]["user_id"].as_i64(), Some(w.union));
        assert_eq!(found[0]["organizations"][0], "Tổ chức DHKT");
        let all = json(send!(app, TestRequest::get().uri(&uri("")), w.committee)).await;
        let names: Vec<&str> = all
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["display_name"].as_str().unwrap())
            .collect();
        // In Vietnamese order as written (organisations, not persons: C before Đ).
        assert_eq!(names, ["Công đoàn trường", "Đoàn Thanh niên"]);
        let none = json(send!(
            app,
            TestRequest::get().uri(&uri("khong co")),
            w.committee
        ))
        .await;
        assert_eq!(none, json!([]));
        assert_problem(
            send!(app, TestRequest::get().uri(&uri("")), w.member),
            404,
            "not_found",
        )
        .await;

        // The whole branch A, assigned to the union, in one request.
        let body = json!({
            "organization_id": w.branch_a, "source": "workplace", "provider_user_id": w.union,
            "sent_on": "2016-11-09", "due_on": "2016-11-14"
        });
        let res = send!(app, batch(w.cycle, body.clone()), w.secretary_a);
        assert_eq!(res.status(), 201);
        let out = json(res).await;
        assert_eq!(ids(&out["created"], "member_id"), w.a, "{out}");
        assert_eq!(out["created"][0]["member_name"], "Lê Văn An");
        assert_eq!(out["created"][0]["due_on"], "2016-11-14");
        assert_eq!(out["skipped"], json!([]));
        // The union sees the three in its inbox.
        let inbox = json(send!(
            app,
            TestRequest::get().uri("/api/v1/feedback-requests?open=true"),
            w.union_token
        ))
        .await;
        assert_eq!(inbox["items"].as_array().unwrap().len(), 3);

        // Again: nobody asked twice.
        let again = json(send!(app, batch(w.cycle, body), w.secretary_a)).await;
        assert_eq!(again["created"], json!([]));
        assert_eq!(ids(&again["skipped"], "member_id"), w.a);
        assert_eq!(again["skipped"][0]["reason"], "already_requested");
        assert_eq!(count(&db, w.cycle), 3);

        // The base committee asks the whole base: branch B's two, branch A's skipped.
        let base = json(send!(
            app,
            batch(
                w.cycle,
                json!({ "organization_id": w.base, "source": "workplace" })
            ),
            w.committee
        ))
        .await;
        let mut made = ids(&base["created"], "member_id");
        made.sort_unstable();
        let mut want = w.b.clone();
        want.sort_unstable();
        assert_eq!(made, want);
        assert_eq!(base["skipped"].as_array().unwrap().len(), 3);
        assert_eq!(count(&db, w.cycle), 5);

        // Another branch, another base's branch: not the secretary's to ask (404), nothing
        // written.
        for org in [w.branch_b, w.stranger_branch] {
            assert_problem(
                send!(
                    app,
                    batch(
                        w.cycle,
                        json!({ "organization_id": org, "source": "residence" })
                    ),
                    w.secretary_a
                ),
                404,
                "not_found",
            )
            .await;
        }
        assert_problem(
            send!(
                app,
                batch(
                    w.cycle,
                    json!({ "organization_id": w.branch_a, "source": "residence" })
                ),
                w.member
            ),
            404,
            "not_found",
        )
        .await;
        // A member of branch B slipped into branch A's batch: 422, nothing written.
        let p = assert_problem(
            send!(
                app,
                batch(
                    w.cycle,
                    json!({ "organization_id": w.branch_a, "source": "residence", "member_ids": [w.a[0], w.b[0]] })
                ),
                w.secretary_a
            ),
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "member_ids", "{p}");
        assert_eq!(p["errors"][0]["code"], "not_in_selection");
        // Every invalid field at once.
        let p = assert_problem(
            send!(
                app,
                batch(
                    w.cycle,
                    json!({ "organization_id": w.branch_a, "cluster_id": 1, "source": "fax",
                            "return_envelope": true, "sent_on": "2016-11-09", "due_on": "2016-11-01" })
                ),
                w.secretary_a
            ),
            422,
            "validation_failed",
        )
        .await;
        let fields: Vec<&str> = p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            ["organization_id", "source", "return_envelope", "due_on"],
            "{p}"
        );
        assert_eq!(count(&db, w.cycle), 5);
    }
);

db_test!(
    a_cluster_is_asked_at_once_and_the_postal_letters_print_together,
    |app, db| {
        let w = world(&db);
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("/api/v1/cycles/{}/feedback-clusters", w.cycle))
                .set_json(json!({
                    "version": 0, "name": "Khoa A + Khoa B", "leader": "đồng chí Ngân",
                    "branch_ids": [w.branch_a, w.branch_b], "mass_organizations": ["Công đoàn"]
                })),
            w.committee
        );
        assert_eq!(res.status(), 201);
        let cluster = json(res).await["id"].as_i64().unwrap();
        // A cluster is the workplace.
        assert_problem(
            send!(
                app,
                batch(
                    w.cycle,
                    json!({ "cluster_id": cluster, "source": "residence" })
                ),
                w.committee
            ),
            422,
            "validation_failed",
        )
        .await;
        let out = json(send!(
            app,
            batch(
                w.cycle,
                json!({ "cluster_id": cluster, "source": "workplace" })
            ),
            w.committee
        ))
        .await;
        assert_eq!(out["created"].as_array().unwrap().len(), 5);
        assert_eq!(out["created"][0]["cluster"], "Khoa A + Khoa B");
        assert_eq!(out["created"][0]["led_by"], "đồng chí Ngân");
        // Branch A's secretary asks the cluster too: only branch A's members are theirs, all
        // already asked.
        let mine = json(send!(
            app,
            batch(
                w.cycle,
                json!({ "cluster_id": cluster, "source": "workplace" })
            ),
            w.secretary_a
        ))
        .await;
        assert_eq!(mine["created"], json!([]));
        assert_eq!(ids(&mine["skipped"], "member_id"), w.a);

        // Residence forms by post for branch A, with return envelopes (P2).
        let res = send!(
            app,
            batch(
                w.cycle,
                json!({ "organization_id": w.branch_a, "source": "residence", "delivery": "post",
                        "return_envelope": true, "sent_on": "2016-11-09", "due_on": "2016-11-20" })
            ),
            w.secretary_a
        );
        let made = json(res).await;
        let letters = |org: i64, delivery: &str| {
            TestRequest::get().uri(&format!(
                "/api/v1/cycles/{}/feedback-requests/letters?organization_id={org}&delivery={delivery}",
                w.cycle
            ))
        };
        let res = send!(app, letters(w.branch_a, "post"), w.secretary_a);
        assert_eq!(res.status(), 200);
        assert_eq!(common::content_type(&res), "application/pdf");
        let text = common::pdf_text(&actix_web::test::read_body(res).await);
        // One letter per member, in Vietnamese order, each addressed to its residence.
        let at: Vec<usize> = ["Lê Văn An", "Nguyễn Thị Bích", "Trần Thị Yến"]
            .iter()
            .map(|n| text.find(n).unwrap_or_else(|| panic!("{n} not in {text}")))
            .collect();
        assert!(at.windows(2).all(|p| p[0] < p[1]), "{text}");
        assert_eq!(text.matches("PHIẾU XIN Ý KIẾN NHẬN XÉT").count(), 3);
        assert!(text.contains("Chi bộ khối 35000001"), "{text}");
        assert!(text.contains("trước ngày 20/11/2016"));
        // Answered: no longer printed.
        let answered = made["created"][0]["id"].as_i64().unwrap();
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!(
                    "/api/v1/cycles/{}/feedback-requests/{answered}/answer",
                    w.cycle
                ))
                .set_json(json!({ "content": "Gương mẫu nơi cư trú" })),
            w.secretary_a
        );
        assert_eq!(res.status(), 200);
        let res = send!(app, letters(w.base, "post"), w.committee);
        let text = common::pdf_text(&actix_web::test::read_body(res).await);
        assert_eq!(text.matches("PHIẾU XIN Ý KIẾN NHẬN XÉT").count(), 2);
        assert!(!text.contains("Lê Văn An"));
        // None by hand; an unknown way; another branch's letters.
        assert_problem(
            send!(app, letters(w.branch_a, "hand"), w.secretary_a),
            422,
            "validation_failed",
        )
        .await;
        assert_problem(
            send!(app, letters(w.branch_a, "fax"), w.secretary_a),
            422,
            "validation_failed",
        )
        .await;
        assert_problem(
            send!(app, letters(w.branch_b, "post"), w.secretary_a),
            404,
            "not_found",
        )
        .await;
        assert_problem(
            send!(app, letters(w.branch_a, "post"), w.member),
            404,
            "not_found",
        )
        .await;
    }
);

db_test!(
    parallel_batches_on_one_branch_ask_each_member_once,
    |app, db| {
        let w = world(&db);
        let body = json!({ "organization_id": w.branch_a, "source": "workplace" });
        let reqs: Vec<TestRequest> = (0..4)
            .map(|_| {
                batch(w.cycle, body.clone())
                    .insert_header(("authorization", w.secretary_a.as_str()))
            })
            .collect();
        let statuses = parallel_statuses!(app, reqs);
        assert_eq!(statuses, [201, 201, 201, 201]);
        // Whatever the interleaving, one request per member.
        assert_eq!(count(&db, w.cycle), 3);
    }
);

/// The query string's encoding of `q` (spaces and non-ASCII).
fn urlencoding(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
