//! The year under `tw-366-2025` (RULES-2025.md S1–S10, issue #15) through the real router, on
//! both databases: a member scores themself on their frame and submits, the branch committee
//! enters a paper form, the competent level appraises with the facts it found, and its board
//! shows everyone's level and the quota; each actor tried where they may not go.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{assert_problem, invalid_fields, json};
use kiemdiem_store::AnyConnection;
use serde_json::{Value, json};

struct World {
    cycle: i64,
    /// A civil servant (F4), a leader (F3), a student (F5), and one who never writes.
    a: i64,
    leader: i64,
    student: i64,
    silent: i64,
    a_login: String,
    leader_login: String,
    secretary: String,
    committee: String,
    other_secretary: String,
}

fn member(
    conn: &mut AnyConnection,
    (card, name): (&str, &str),
    branch: i64,
    category: &str,
    leader: bool,
) -> i64 {
    kiemdiem_store::members::create(
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
            category: category.into(),
            leadership_post: leader.then(|| "Trưởng khoa".into()),
            leadership_level: leader.then(|| "grassroots".into()),
            active: true,
            ..Default::default()
        },
    )
    .unwrap()
}

fn world(db: &common::TestDb, rule_set: &str) -> World {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[
            ("province", "na"),
            ("district", "tp"),
            ("base", "dhv"),
            ("branch", "cb1"),
        ],
    );
    let other = common::org(&mut conn, "branch", "cb2", Some(&orgs[2]));
    let (base, branch) = (orgs[2].id, orgs[3].id);
    let rules = kiemdiem_domain::rule_set::builtin(rule_set).unwrap();
    let cycle = kiemdiem_store::cycles::create(
        &mut conn,
        kiemdiem_store::cycles::NewCycle {
            organization_id: base,
            year: 2026,
            rule_set,
            rules_json: &serde_json::to_string(&rules).unwrap(),
            reference_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        },
        &kiemdiem_domain::cycle::plan_for(2026),
    )
    .unwrap();
    let a = member(
        &mut conn,
        ("3600000001", "Nguyễn Thị An"),
        branch,
        "civil_servant",
        false,
    );
    let leader = member(
        &mut conn,
        ("3600000002", "Trần Văn Bình"),
        branch,
        "civil_servant",
        true,
    );
    let student = member(
        &mut conn,
        ("3600000003", "Lê Thị Châu"),
        branch,
        "student",
        false,
    );
    let silent = member(
        &mut conn,
        ("3600000004", "Phạm Văn Dũng"),
        branch,
        "civil_servant",
        false,
    );
    World {
        cycle,
        a,
        leader,
        student,
        silent,
        a_login: common::member_login(&mut conn, "an", a, branch),
        leader_login: common::member_login(&mut conn, "binh", leader, branch),
        secretary: common::user(&mut conn, "bithu", "branch_committee", Some(branch)),
        committee: common::user(&mut conn, "danguy", "committee", Some(base)),
        other_secretary: common::user(&mut conn, "bithu2", "branch_committee", Some(other.id)),
    }
}

/// Every item of the frame at its maximum, minus `less` tenths on the first task item.
fn full_points(form: &Value, less: i64) -> Value {
    let mut out = serde_json::Map::new();
    for g in form["frame"]["groups"].as_array().unwrap() {
        for (k, i) in g["items"].as_array().unwrap().iter().enumerate() {
            let cut = if g["code"] == "tasks" && k == 0 {
                less
            } else {
                0
            };
            out.insert(
                i["code"].as_str().unwrap().into(),
                json!(i["max"].as_i64().unwrap() - cut),
            );
        }
    }
    Value::Object(out)
}

fn uri(w: &World, member: i64) -> String {
    format!(
        "/api/v1/cycles/{}/members/{member}/point-assessment",
        w.cycle
    )
}

macro_rules! call {
    ($app:expr, $method:ident, $token:expr, $uri:expr $(, $body:expr)? $(,)?) => {
        call_service(
            &$app,
            TestRequest::$method()
                .uri(&$uri)
                .insert_header(("authorization", $token.as_str()))
                $(.set_json($body))?
                .to_request(),
        )
        .await
    };
}

fn good_tasks() -> Value {
    json!({ "assigned": 10, "done": 10, "on_time": 10, "exceeded": 3 })
}

db_test!(
    a_member_scores_themself_on_their_frame_and_a_submitted_form_no_longer_changes,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let form = json(call!(app, get, w.a_login, uri(&w, w.a))).await;
        assert_eq!(
            (form["status"].as_str(), form["frame"]["frame"].as_str()),
            (Some("not_started"), Some("F4"))
        );
        assert_eq!(form["frame"]["form"], "Mẫu 2B");
        // Drafts may be partial.
        let res = call!(
            app,
            put,
            w.a_login,
            uri(&w, w.a),
            json!({ "self_points": { "politics": 55, "duties": 380 }, "narrative": "Hoàn thành giảng dạy" })
        );
        assert_eq!(res.status(), 200);
        let draft = json(res).await;
        assert_eq!(
            (
                draft["status"].as_str(),
                draft["self_general"].as_i64(),
                draft["self_tasks"].as_i64()
            ),
            (Some("draft"), Some(55), Some(380))
        );
        assert_eq!(draft["on_behalf"], false);
        // Submitting needs every item and a proposed level; impossible values are named, and
        // nothing changes.
        let res = call!(
            app,
            put,
            w.a_login,
            uri(&w, w.a),
            json!({
                "self_points": { "politics": 61, "bogus": 1 },
                "tasks": { "assigned": 3, "done": 4, "on_time": 0, "exceeded": 0 },
                "submit": true
            })
        );
        let fields = invalid_fields(res).await;
        for expected in [
            ("self_points.politics", "over_maximum"),
            ("self_points.bogus", "unknown_item"),
            ("self_points.ethics", "required"),
            ("tasks.done", "over_assigned"),
            ("proposed_level", "required"),
        ] {
            assert!(
                fields.contains(&(expected.0.to_owned(), expected.1.to_owned())),
                "{expected:?} in {fields:?}"
            );
        }
        let still = json(call!(app, get, w.a_login, uri(&w, w.a))).await;
        assert_eq!(
            (still["status"].as_str(), still["self_general"].as_i64()),
            (Some("draft"), Some(55))
        );
        // Complete: 100 points, all tasks on time, 3 of 10 beyond: the points indicate excellent.
        let points = full_points(&form, 0);
        let res = call!(
            app,
            put,
            w.a_login,
            uri(&w, w.a),
            json!({
                "self_points": points, "tasks": good_tasks(), "shortcomings": { "prior": 1, "remedied": 1 },
                "proposed_level": "excellent", "narrative": "Hoàn thành xuất sắc", "submit": true
            })
        );
        assert_eq!(res.status(), 200);
        let sent = json(res).await;
        assert_eq!(
            (
                sent["status"].as_str(),
                sent["self_general"].as_i64(),
                sent["self_tasks"].as_i64()
            ),
            (Some("submitted"), Some(300), Some(700))
        );
        assert_eq!(sent["indicated_level"], "excellent");
        assert_eq!(sent["indicated_reasons"], json!(["S5"]));
        let res = call!(
            app,
            put,
            w.a_login,
            uri(&w, w.a),
            json!({ "self_points": points, "proposed_level": "good" })
        );
        assert_problem(res, 409, "already_submitted").await;
        // A quarter is its own form (Mẫu 05), beside the year's.
        let q = json(call!(
            app,
            get,
            w.a_login,
            format!("{}?period=2", uri(&w, w.a))
        ))
        .await;
        assert_eq!(
            (q["period"].as_i64(), q["status"].as_str()),
            (Some(2), Some("not_started"))
        );
        let res = call!(app, get, w.a_login, format!("{}?period=5", uri(&w, w.a)));
        assert_eq!(
            invalid_fields(res).await,
            [("period".to_owned(), "out_of_range".to_owned())]
        );
    }
);

db_test!(who_may_read_write_and_appraise_a_form, |app, db| {
    let w = world(&db, "tw-366-2025");
    // The leader's frame is F3 (Mẫu 2A); they do not read a colleague's form.
    let own = json(call!(app, get, w.leader_login, uri(&w, w.leader))).await;
    assert_eq!(
        (
            own["frame"]["frame"].as_str(),
            own["frame"]["form"].as_str()
        ),
        (Some("F3"), Some("Mẫu 2A"))
    );
    assert_eq!(call!(app, get, w.leader_login, uri(&w, w.a)).status(), 404);
    assert_eq!(
        call!(app, put, w.leader_login, uri(&w, w.a), json!({})).status(),
        404
    );
    // Another branch's secretary sees nothing of this branch.
    assert_eq!(
        call!(app, get, w.other_secretary, uri(&w, w.a)).status(),
        404
    );
    // The branch committee enters the student's paper form (F5, Mẫu 2C), marked as such.
    let form = json(call!(app, get, w.secretary, uri(&w, w.student))).await;
    assert_eq!(form["frame"]["form"], "Mẫu 2C");
    let res = call!(
        app,
        put,
        w.secretary,
        uri(&w, w.student),
        json!({
            "self_points": full_points(&form, 100), "tasks": good_tasks(), "proposed_level": "good", "submit": true
        })
    );
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["on_behalf"], true);
    // Appraisal is the competent level's: not the branch, nor the member; not before submission.
    let appraisal = json!({ "appraised_points": full_points(&form, 100) });
    let appraise = |m: i64| format!("{}/appraisal", uri(&w, m));
    assert_problem(
        call!(
            app,
            post,
            w.secretary,
            appraise(w.student),
            appraisal.clone()
        ),
        403,
        "forbidden",
    )
    .await;
    assert_eq!(
        call!(app, post, w.a_login, appraise(w.student), appraisal.clone()).status(),
        404
    );
    assert_problem(
        call!(
            app,
            post,
            w.committee,
            appraise(w.silent),
            appraisal.clone()
        ),
        409,
        "not_submitted",
    )
    .await;
    let res = call!(app, post, w.committee, appraise(w.student), appraisal);
    assert_eq!(res.status(), 200);
    let out = json(res).await;
    assert_eq!(
        (out["status"].as_str(), out["appraised_total"].as_i64()),
        (Some("appraised"), Some(900))
    );
    // The board is the committee's.
    let board = format!("/api/v1/cycles/{}/points-board", w.cycle);
    assert_problem(
        call!(app, get, w.secretary, board.clone()),
        403,
        "forbidden",
    )
    .await;
    assert_eq!(call!(app, get, w.committee, board).status(), 200);
});

db_test!(
    the_appraisal_finds_a_discipline_and_the_board_shows_every_level_and_the_quota,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let form = json(call!(app, get, w.a_login, uri(&w, w.a))).await;
        let submit = json!({
            "self_points": full_points(&form, 0), "tasks": good_tasks(), "proposed_level": "excellent", "submit": true
        });
        assert_eq!(
            call!(app, put, w.a_login, uri(&w, w.a), submit).status(),
            200
        );
        let appraise = format!("{}/appraisal", uri(&w, w.a));
        // A leaders' fact on a civil servant's frame, and a mitigation of nothing found: named.
        let res = call!(
            app,
            post,
            w.committee,
            appraise,
            json!({
                "appraised_points": full_points(&form, 0), "facts": ["low_confidence"], "mitigated": ["degradation"]
            })
        );
        let mut fields = invalid_fields(res).await;
        fields.sort();
        assert_eq!(
            fields,
            [
                ("facts[0]".to_owned(), "not_for_frame".to_owned()),
                ("mitigated[0]".to_owned(), "not_a_fact".to_owned())
            ]
        );
        let res = call!(
            app,
            post,
            w.committee,
            appraise,
            json!({
                "appraised_points": full_points(&form, 50), "facts": ["duty_discipline"], "appraised_level": "not_completed",
                "note": "Bị khiển trách tháng 6/2026 do vi phạm trong công vụ"
            })
        );
        assert_eq!(res.status(), 200);
        let out = json(res).await;
        assert_eq!(
            (
                out["indicated_level"].as_str(),
                out["appraised_total"].as_i64()
            ),
            (Some("not_completed"), Some(950))
        );
        assert_eq!(out["indicated_reasons"], json!(["S6-duty_discipline"]));
        // The leader submits 100 points; the student nothing; the silent member nothing.
        let lform = json(call!(app, get, w.leader_login, uri(&w, w.leader))).await;
        let res = call!(
            app,
            put,
            w.leader_login,
            uri(&w, w.leader),
            json!({
                "self_points": full_points(&lform, 0), "tasks": good_tasks(), "proposed_level": "excellent", "submit": true
            })
        );
        assert_eq!(res.status(), 200);
        let board = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/cycles/{}/points-board", w.cycle)
        ))
        .await;
        let row = |id: i64| {
            board["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["member_id"] == id)
                .unwrap()
                .clone()
        };
        let a = row(w.a);
        assert_eq!(
            (
                a["level"].as_str(),
                a["points_from"].as_str(),
                a["group"].as_str()
            ),
            (Some("not_completed"), Some("appraised"), Some("dhv/F4"))
        );
        assert_eq!(a["reasons"], json!(["S6-duty_discipline"]));
        let silent = row(w.silent);
        assert_eq!(
            (silent["status"].as_str(), silent["assessment"].as_str()),
            (Some("pending"), Some("not_started"))
        );
        assert_eq!(silent["reasons"], json!(["S3"]));
        // The leader alone in dhv/F3: no one rated good, so the quota allows no excellent (S7).
        let leader = row(w.leader);
        assert_eq!(
            (leader["level"].as_str(), leader["frame"].as_str()),
            (Some("good"), Some("F3"))
        );
        assert_eq!(leader["reasons"], json!(["S5", "S7"]));
        let quotas: Vec<_> = board["quotas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                (
                    q["group"].as_str().unwrap().to_owned(),
                    q["limit"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            quotas,
            [
                ("dhv/F3".to_owned(), 0),
                ("dhv/F4".to_owned(), 0),
                ("dhv/F5".to_owned(), 0)
            ]
        );
        // Names in the Vietnamese order: given name first (An, Bình, Châu, Dũng).
        let names: Vec<_> = board["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["member_name"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            names,
            [
                "Nguyễn Thị An",
                "Trần Văn Bình",
                "Lê Thị Châu",
                "Phạm Văn Dũng"
            ]
        );
    }
);

db_test!(a_ballot_cycle_has_no_points_forms, |app, db| {
    let w = world(&db, "vinh-2016");
    assert_problem(call!(app, get, w.a_login, uri(&w, w.a)), 409, "not_points").await;
    assert_problem(
        call!(app, put, w.a_login, uri(&w, w.a), json!({})),
        409,
        "not_points",
    )
    .await;
    assert_problem(
        call!(
            app,
            get,
            w.committee,
            format!("/api/v1/cycles/{}/points-board", w.cycle)
        ),
        409,
        "not_points",
    )
    .await;
});

/// A submitted year's form written as the store keeps it (the form's own checks are tested
/// above): F4 or F3 points per item, and the tasks.
fn submitted(
    db: &common::TestDb,
    cycle: i64,
    member: i64,
    frame: &str,
    points: Value,
    tasks: [i32; 4],
) {
    let frame = kiemdiem_domain::points::Frame::parse(frame).unwrap();
    let n = kiemdiem_store::point_assessments::put_self(
        &mut db.pool.get().unwrap(),
        cycle,
        member,
        0,
        None,
        &kiemdiem_store::point_assessments::SelfPart {
            frame,
            on_behalf: false,
            self_points: &points.to_string(),
            tasks,
            shortcomings: [0, 0],
            narrative: "",
            proposed_level: Some("good"),
            submit: true,
        },
    )
    .unwrap();
    assert_eq!(n, 1);
}

fn f4(general_each: i64, duties: i64, quality: i64, innovation: i64) -> Value {
    json!({
        "politics": general_each, "ethics": general_each, "discipline": general_each,
        "example": general_each, "self_criticism": general_each,
        "duties": duties, "quality": quality, "innovation": innovation,
    })
}

db_test!(
    the_competent_level_decides_ties_and_gaps_with_reasons_within_the_quota,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let branch = {
            let mut conn = db.pool.get().unwrap();
            kiemdiem_store::members::get(&mut conn, w.a)
                .unwrap()
                .unwrap()
                .0
                .branch_id
        };
        // Five good civil servants (75 points): the group dhv/F4 may have one excellent.
        for i in 0..5 {
            let id = member(
                &mut db.pool.get().unwrap(),
                (&format!("360000010{i}"), &format!("Võ Văn Tư {i}")),
                branch,
                "civil_servant",
                false,
            );
            submitted(
                &db,
                w.cycle,
                id,
                "F4",
                f4(50, 300, 150, 50),
                [10, 10, 10, 3],
            );
        }
        // Two at 100 points: tied across the limit. The leader: 80 points, 9 of 10 tasks: a gap.
        submitted(
            &db,
            w.cycle,
            w.a,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        submitted(
            &db,
            w.cycle,
            w.silent,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        let leader_points = json!({
            "politics": 60, "ethics": 60, "discipline": 60, "example": 60, "self_criticism": 60,
            "duties": 300, "units": 200, "leadership": 0, "innovation": 0,
        });
        submitted(&db, w.cycle, w.leader, "F3", leader_points, [10, 9, 9, 0]);
        let board_uri = format!("/api/v1/cycles/{}/points-board", w.cycle);
        let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        let board = json(call!(app, get, w.committee, board_uri)).await;
        let row = |b: &Value, id: i64| {
            b["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["member_id"] == id)
                .unwrap()
                .clone()
        };
        assert_eq!(row(&board, w.a)["reasons"], json!(["S5", "S7-tie"]));
        assert_eq!(row(&board, w.leader)["reasons"], json!(["S5-gap"]));
        assert_eq!(row(&board, w.student)["status"], "pending");
        // Nobody chosen for: each unresolved named; the branch may not decide.
        let res = call!(app, post, w.committee, decide, json!({ "choices": [] }));
        let body = assert_problem(res, 422, "validation_failed").await;
        let text = body["errors"].to_string();
        assert!(
            text.contains("Nguyễn Thị An")
                && text.contains("Phạm Văn Dũng")
                && text.contains("Trần Văn Bình"),
            "{text}"
        );
        assert_problem(
            call!(app, post, w.secretary, decide, json!({ "choices": [] })),
            403,
            "forbidden",
        )
        .await;
        let choice = |m: i64, level: &str| json!({ "member_id": m, "level": level, "reason": "Hội nghị Đảng ủy ngày 20/12/2026 biểu quyết" });
        // A gap is not decided as good; a member the rules decided is not chosen for.
        let res = call!(
            app,
            post,
            w.committee,
            decide,
            json!({ "choices": [
        choice(w.a, "excellent"), choice(w.silent, "good"), choice(w.leader, "good"), choice(w.student, "good"),
    ] })
        );
        let mut fields = invalid_fields(res).await;
        fields.sort();
        assert_eq!(
            fields,
            [
                ("choices[2].level".to_owned(), "invalid_choice".to_owned()),
                (
                    "choices[3].member_id".to_owned(),
                    "not_unresolved".to_owned()
                )
            ]
        );
        // Both tied members excellent: over the group's limit of one.
        let res = call!(
            app,
            post,
            w.committee,
            decide,
            json!({ "choices": [
        choice(w.a, "excellent"), choice(w.silent, "excellent"), choice(w.leader, "completed"),
    ] })
        );
        assert_problem(res, 409, "quota_exceeded").await;
        assert!(
            kiemdiem_store::voting::results_of_cycle(&mut db.pool.get().unwrap(), w.cycle)
                .unwrap()
                .is_empty(),
            "nothing written"
        );
        let res = call!(
            app,
            post,
            w.committee,
            decide,
            json!({ "choices": [
        choice(w.a, "excellent"), choice(w.silent, "good"), choice(w.leader, "completed"),
    ] })
        );
        assert_eq!(res.status(), 200);
        let after = json(res).await;
        let a = row(&after, w.a);
        assert_eq!(
            (a["decided"].as_bool(), a["level"].as_str()),
            (Some(true), Some("excellent"))
        );
        assert_eq!(a["reasons"], json!(["S5", "S7-tie", "S10"]));
        assert_eq!(
            a["decision_reason"],
            "Hội nghị Đảng ủy ngày 20/12/2026 biểu quyết"
        );
        assert_eq!(row(&after, w.leader)["level"], "completed");
        assert_eq!(row(&after, w.student)["status"], "pending");
        // The results are the cycle's, and the year enters the member's history (W1 reads it).
        let mut conn = db.pool.get().unwrap();
        assert_eq!(
            kiemdiem_store::voting::results_of_cycle(&mut conn, w.cycle)
                .unwrap()
                .len(),
            9
        );
        let history = kiemdiem_store::members::history(&mut conn, w.a).unwrap();
        assert!(
            history
                .iter()
                .any(|h| h.year == 2026 && h.level == "excellent"),
            "{history:?}"
        );
        // Once.
        let res = call!(app, post, w.committee, decide, json!({ "choices": [] }));
        assert_problem(res, 409, "already_decided").await;
    }
);

/// `n` good civil servants (75 points, every task done) of the world's branch, submitted.
fn good_ones(db: &common::TestDb, w: &World, from: usize, n: usize) -> Vec<i64> {
    let branch = {
        let mut conn = db.pool.get().unwrap();
        kiemdiem_store::members::get(&mut conn, w.a)
            .unwrap()
            .unwrap()
            .0
            .branch_id
    };
    (from..from + n)
        .map(|i| {
            let id = member(
                &mut db.pool.get().unwrap(),
                (&format!("36000002{i:02}"), &format!("Đỗ Văn Tư {i}")),
                branch,
                "civil_servant",
                false,
            );
            submitted(db, w.cycle, id, "F4", f4(50, 300, 150, 50), [10, 10, 10, 3]);
            id
        })
        .collect()
}

fn board_row(b: &Value, id: i64) -> Value {
    b["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["member_id"] == id)
        .unwrap()
        .clone()
}

fn quota_of(b: &Value, group: &str) -> (i64, i64) {
    let q = b["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["group"] == group)
        .unwrap_or_else(|| panic!("no group {group} in {}", b["quotas"]));
    (q["counted"].as_i64().unwrap(), q["limit"].as_i64().unwrap())
}

// S7: the competent level groups persons of similar position; each group counts its quota
// apart. Ten good civil servants and two at 100 points: in the default group (the base's F4)
// the limit is two and both are excellent; grouped as the committee decides, the two share a
// group whose limit is one (a tie), and the other group has its own limit.
db_test!(
    quota_groups_defined_by_the_competent_level_count_apart,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let goods = good_ones(&db, &w, 0, 10);
        for top in [w.a, w.silent] {
            submitted(
                &db,
                w.cycle,
                top,
                "F4",
                f4(60, 400, 200, 100),
                [10, 10, 10, 3],
            );
        }
        let board_uri = format!("/api/v1/cycles/{}/points-board", w.cycle);
        let groups_uri = format!("/api/v1/cycles/{}/points-quota-groups", w.cycle);
        let board = json(call!(app, get, w.committee, board_uri)).await;
        assert_eq!(quota_of(&board, "dhv/F4"), (10, 2));
        assert_eq!(board_row(&board, w.a)["level"], "excellent");
        assert_eq!(board_row(&board, w.silent)["level"], "excellent");

        let mut lecturers = vec![w.a, w.silent];
        lecturers.extend(&goods[..5]);
        let groups = json!({ "groups": [
            { "name": "Giảng viên", "member_ids": lecturers },
            { "name": "Chuyên viên", "member_ids": goods[5..] },
        ] });
        // Only the committee of the cycle's organisation.
        assert_problem(
            call!(app, put, w.secretary, groups_uri, groups.clone()),
            403,
            "forbidden",
        )
        .await;
        // Every bad field named, nothing changed: a name twice, a member twice, a stranger.
        let res = call!(
            app,
            put,
            w.committee,
            groups_uri,
            json!({ "groups": [
                { "name": "Giảng viên", "member_ids": [w.a, w.a] },
                { "name": " giảng viên ", "member_ids": [999_999] },
            ] })
        );
        let mut fields = invalid_fields(res).await;
        fields.sort();
        assert_eq!(
            fields,
            [
                ("groups[0].member_ids[1]".to_owned(), "duplicate".to_owned()),
                (
                    "groups[1].member_ids[0]".to_owned(),
                    "unknown_member".to_owned()
                ),
                ("groups[1].name".to_owned(), "duplicate".to_owned()),
            ]
        );
        let unchanged = json(call!(app, get, w.committee, board_uri)).await;
        assert_eq!(quota_of(&unchanged, "dhv/F4"), (10, 2));

        let res = call!(app, put, w.committee, groups_uri, groups);
        assert_eq!(res.status(), 200);
        let grouped = json(res).await;
        assert_eq!(quota_of(&grouped, "Giảng viên"), (5, 1));
        assert_eq!(quota_of(&grouped, "Chuyên viên"), (5, 1));
        assert_eq!(board_row(&grouped, w.a)["group"], "Giảng viên");
        assert_eq!(board_row(&grouped, w.a)["reasons"], json!(["S5", "S7-tie"]));
        assert_eq!(board_row(&grouped, w.silent)["status"], "unresolved");
        // The student, in no group, stays in the default one.
        assert_eq!(board_row(&grouped, w.student)["group"], "dhv/F5");

        // Decided with the groups: the tie chosen within the limit of its group.
        let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        let choice = |m: i64, level: &str| json!({ "member_id": m, "level": level, "reason": "Nghị quyết hội nghị Đảng ủy ngày 20/12/2026" });
        let res = call!(
            app,
            post,
            w.committee,
            decide,
            json!({ "choices": [choice(w.a, "excellent"), choice(w.silent, "good")] })
        );
        assert_eq!(res.status(), 200);
        let decided = json(res).await;
        assert_eq!(board_row(&decided, w.silent)["level"], "good");
        // The groups counted the recorded results: they no longer change.
        let res = call!(app, put, w.committee, groups_uri, json!({ "groups": [] }));
        assert_problem(res, 409, "already_decided").await;
    }
);

// Mẫu 03 (S10): after the decision the competent level re-rates one person through the engine;
// the earlier result is cancelled and kept, the member sees the new level and why.
db_test!(
    a_decided_member_is_rerated_through_the_engine_within_the_quota,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let goods = good_ones(&db, &w, 0, 10);
        submitted(
            &db,
            w.cycle,
            w.a,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        let rerate = |m: i64| format!("/api/v1/cycles/{}/members/{m}/points-rerating", w.cycle);
        let full = f4(60, 400, 200, 100);
        let body = |points: &Value, facts: Value| {
            json!({
                "appraisal": { "appraised_points": points, "facts": facts },
                "reason": "Quyết định số 12-QĐ/ĐU ngày 15/01/2027",
            })
        };
        // Nothing decided yet: nothing to re-rate.
        let res = call!(app, post, w.committee, rerate(w.a), body(&full, json!([])));
        assert_problem(res, 409, "not_decided").await;
        let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        let res = call!(app, post, w.committee, decide, json!({}));
        assert_eq!(res.status(), 200);
        let before = json(res).await;
        assert_eq!(board_row(&before, w.a)["level"], "excellent");
        assert_eq!(board_row(&before, goods[0])["level"], "good");

        // The branch may not; a level where the engine decides is refused, as are bad items.
        assert_problem(
            call!(app, post, w.secretary, rerate(w.a), body(&full, json!([]))),
            403,
            "forbidden",
        )
        .await;
        let mut wrong = body(&json!({ "politics": 61 }), json!(["theft"]));
        wrong["level"] = json!("good");
        let fields = invalid_fields(call!(app, post, w.committee, rerate(w.a), wrong)).await;
        let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
        assert!(
            names.contains(&"appraisal.appraised_points.politics")
                && names.iter().any(|f| f.starts_with("appraisal.facts")),
            "{fields:?}"
        );
        // The quota counts as the year was decided (20% here), not as the request says.
        let mut raised = body(&full, json!([]));
        raised["outstanding"] = json!(true);
        let fields = invalid_fields(call!(app, post, w.committee, rerate(w.a), raised)).await;
        assert_eq!(fields, [("outstanding".to_owned(), "mismatch".to_owned())]);
        let mut forced = body(&full, json!([]));
        forced["level"] = json!("good");
        let fields = invalid_fields(call!(app, post, w.committee, rerate(w.a), forced)).await;
        assert_eq!(fields, [("level".to_owned(), "not_allowed".to_owned())]);

        // A discipline found later: not completed (S6), whatever the points.
        let res = call!(
            app,
            post,
            w.committee,
            rerate(w.a),
            body(&full, json!(["duty_discipline"]))
        );
        assert_eq!(res.status(), 200);
        let form = json(res).await;
        let d = &form["decision"];
        assert_eq!(d["level"], "not_completed");
        let board = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/cycles/{}/points-board", w.cycle)
        ))
        .await;
        assert_eq!(board_row(&board, w.a)["rerated"], true);
        assert_eq!(board_row(&board, goods[0])["rerated"], false);
        assert_eq!(d["reasons"], json!(["S6-duty_discipline", "S10"]));
        assert_eq!(
            (d["rerated"].as_bool(), d["reason"].as_str()),
            (Some(true), Some("Quyết định số 12-QĐ/ĐU ngày 15/01/2027"))
        );
        // The member sees it on their form.
        let mine = json(call!(app, get, w.a_login, uri(&w, w.a))).await;
        assert_eq!(mine["decision"]["level"], "not_completed");

        // The quota's place is free: a good one re-rated at full points is excellent; the next
        // one falls to good (S7): the group's limit, counted on those rated good (S7's basis),
        // is now one (⌊8 × 20%⌋).
        let res = call!(
            app,
            post,
            w.committee,
            rerate(goods[0]),
            body(&full, json!([]))
        );
        assert_eq!(json(res).await["decision"]["level"], "excellent");
        let res = call!(
            app,
            post,
            w.committee,
            rerate(goods[1]),
            body(&full, json!([]))
        );
        let d = json(res).await["decision"].clone();
        assert_eq!(
            (d["level"].as_str(), d["reasons"].clone()),
            (Some("good"), json!(["S5", "S7", "S10"]))
        );

        // Every result kept: the three cancelled ones with their reason, one standing per person.
        let mut conn = db.pool.get().unwrap();
        let all = kiemdiem_store::voting::results_of_cycle(&mut conn, w.cycle).unwrap();
        let of_a: Vec<_> = all.iter().filter(|r| r.member_id == w.a).collect();
        assert_eq!(of_a.len(), 2);
        assert!(of_a.iter().any(|r| r.state.to_string() == "cancelled"
            && r.cancelled_reason.as_deref() == Some("Quyết định số 12-QĐ/ĐU ngày 15/01/2027")));
        let history = kiemdiem_store::members::history(&mut conn, w.a).unwrap();
        assert!(
            history
                .iter()
                .any(|h| h.year == 2026 && h.level == "not_completed"),
            "{history:?}"
        );
        let base = kiemdiem_store::cycles::get(&mut conn, w.cycle)
            .unwrap()
            .unwrap()
            .0
            .organization_id;
        let admin = common::user(&mut conn, "quantri", "admin", None);
        drop(conn);

        // T2: the member's report (Mẫu 2B) with their points and the decided level; the
        // decision to re-rate (Mẫu 03) with both levels and the grounds; the records (Mẫu 04).
        let docs = format!("/api/v1/cycles/{}/members/{}", w.cycle, w.a);
        document_with(
            &app,
            &w.a_login,
            format!("{docs}/point-assessment/document"),
            &[
                "Mẫu 2B",
                "Nguyễn Thị An",
                "TỔNG ĐIỂM",
                "Không hoàn thành nhiệm vụ",
                "S6-duty_discipline",
            ],
        )
        .await;
        document_with(
            &app,
            &w.a_login,
            format!("{docs}/points-rerating/document"),
            &[
                "Mẫu 03",
                "Hoàn thành xuất sắc nhiệm vụ",
                "Không hoàn thành nhiệm vụ",
                "Quyết định số 12-QĐ/ĐU ngày 15/01/2027",
            ],
        )
        .await;
        // Not re-rated: no such decision.
        let never = format!(
            "/api/v1/cycles/{}/members/{}/points-rerating/document",
            w.cycle, goods[5]
        );
        assert_problem(call!(app, get, w.committee, never), 404, "not_found").await;
        let records = format!("/api/v1/cycles/{}/points-records/document", w.cycle);
        assert_problem(call!(app, get, w.secretary, records), 403, "forbidden").await;
        document_with(
            &app,
            &w.committee,
            records,
            &["Mẫu 04", "Đỗ Văn Tư 9", "Mẫu 2B"],
        )
        .await;

        // Statistics per frame and per quota group, from the recorded results.
        let stats = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/reports/statistics?organization_id={base}&year=2026")
        ))
        .await;
        let f4 = stats["frames"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == "F4")
            .unwrap()
            .clone();
        assert_eq!(
            (
                f4["members"].as_i64(),
                f4["excellent"].as_i64(),
                f4["good"].as_i64(),
                f4["not_completed"].as_i64()
            ),
            (Some(12), Some(1), Some(9), Some(1)),
            "{f4}"
        );
        let group = stats["quota_groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == "dhv/F4")
            .unwrap()
            .clone();
        assert_eq!(group["excellent"], 1);
        // The provincial system's dossier carries the points and the rule set.
        let dossier = json(call!(
            app,
            get,
            admin,
            format!("/api/v1/integration/dossiers/{base}/2026")
        ))
        .await;
        let mine = dossier["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["member_id"] == w.a)
            .unwrap()
            .clone();
        assert_eq!(
            (
                mine["points"]["rule_set"].as_str(),
                mine["points"]["frame"].as_str(),
                mine["points"]["total"].as_i64(),
                mine["points"]["points_from"].as_str()
            ),
            (
                Some("tw-366-2025"),
                Some("F4"),
                Some(1000),
                Some("appraised")
            )
        );
    }
);

// S7 after the decision: a re-rating that lowers G leaves the group's standing excellent
// results over the limit; the board names the group and who to re-rate first, and re-rating
// that one with the same points gives `good` (S7), which clears it.
db_test!(
    a_demotion_that_lowers_the_limit_shows_the_group_over_it,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let goods = good_ones(&db, &w, 0, 5);
        let full = f4(60, 400, 200, 100);
        submitted(&db, w.cycle, w.a, "F4", full.clone(), [10, 10, 10, 3]);
        let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        let before = json(call!(app, post, w.committee, decide, json!({}))).await;
        assert_eq!(board_row(&before, w.a)["level"], "excellent");
        assert_eq!(quota_of(&before, "dhv/F4"), (5, 1));
        assert_eq!(before["over_limit"], json!([]));
        let rerate = |m: i64| format!("/api/v1/cycles/{}/members/{m}/points-rerating", w.cycle);
        let body = |points: &Value, facts: Value| {
            json!({
                "appraisal": { "appraised_points": points, "facts": facts },
                "reason": "Quyết định số 14-QĐ/ĐU ngày 20/01/2027",
            })
        };
        let res = call!(
            app,
            post,
            w.committee,
            rerate(goods[0]),
            body(&f4(50, 300, 150, 50), json!(["duty_discipline"]))
        );
        assert_eq!(res.status(), 200);
        let board_uri = format!("/api/v1/cycles/{}/points-board", w.cycle);
        let board = json(call!(app, get, w.committee, board_uri.clone())).await;
        assert_eq!(quota_of(&board, "dhv/F4"), (4, 0));
        assert_eq!(
            board["over_limit"],
            json!([{ "group": "dhv/F4", "limit": 0, "excellent": 1, "member_ids": [w.a] }])
        );
        let res = call!(app, post, w.committee, rerate(w.a), body(&full, json!([])));
        let d = json(res).await["decision"].clone();
        assert_eq!(
            (d["level"].as_str(), d["reasons"].clone()),
            (Some("good"), json!(["S5", "S7", "S10"]))
        );
        let board = json(call!(app, get, w.committee, board_uri)).await;
        assert_eq!(board["over_limit"], json!([]));
    }
);

// Two decisions sent at once record the year once: the second waits for the first's lock and
// finds its results (409). Under it, the unique index refuses a second standing decided
// result for one member whatever the application does.
db_test!(parallel_decisions_record_the_year_once, |app, db| {
    let w = world(&db, "tw-366-2025");
    good_ones(&db, &w, 0, 6);
    let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
    let sends = (0..6)
        .map(|_| {
            TestRequest::post()
                .uri(&decide)
                .insert_header(("authorization", w.committee.as_str()))
                .set_json(json!({}))
                .to_request()
        })
        .collect();
    common::exactly_one_through(&app, sends, 409).await;
    let mut conn = db.pool.get().unwrap();
    let results = kiemdiem_store::voting::results_of_cycle(&mut conn, w.cycle).unwrap();
    // Ten members of the base: each once.
    let mut members: Vec<i64> = results.iter().map(|r| r.member_id).collect();
    members.sort_unstable();
    members.dedup();
    assert_eq!((results.len(), members.len()), (10, 10));
    let again = kiemdiem_store::voting::add_result(
        &mut conn,
        &kiemdiem_store::voting::NewResult {
            cycle_id: w.cycle,
            session_id: None,
            member_id: w.a,
            status: kiemdiem_domain::classification::Status::Classified,
            level: Some("excellent"),
            cap: None,
            reasons: "S5",
            votes: [0; 4],
            supplementary: false,
            state: kiemdiem_domain::classification::ResultState::Approved,
            replaces_id: None,
            created_by: "attacker",
        },
    );
    assert!(
        again.is_err(),
        "a second standing decided result was stored"
    );
});

// If-Match on the points form: a save over a newer one is refused (412) and, sent at once with
// one tag, exactly one save goes through, on both databases.
db_test!(
    points_form_saves_with_one_tag_let_exactly_one_through,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let first = call!(app, get, w.a_login, uri(&w, w.a));
        let stale = common::etag(&first);
        // Each save's content differs from every other: the tag is the content's, so a save
        // that rewrites what is there leaves the tag as it was (and rightly lets the next in).
        let draft = |n: i64| json!({ "self_points": { "politics": n % 60 }, "narrative": format!("Bản {n}") });
        let res = call!(app, put, w.a_login, uri(&w, w.a), draft(10));
        assert_eq!(res.status(), 200);
        let fresh = common::etag(&res);
        let res = call_service(
            &app,
            TestRequest::put()
                .uri(&uri(&w, w.a))
                .insert_header(("authorization", w.secretary.as_str()))
                .insert_header(("if-match", stale.as_str()))
                .set_json(draft(20))
                .to_request(),
        )
        .await;
        assert_problem(res, 412, "precondition_failed").await;
        let now = json(call!(app, get, w.a_login, uri(&w, w.a))).await;
        assert_eq!(now["self_points"]["politics"], 10);
        for round in 0..3 {
            let tag = if round == 0 {
                fresh.clone()
            } else {
                common::etag(&call!(app, get, w.a_login, uri(&w, w.a)))
            };
            let saves = (0..6)
                .map(|i| {
                    let who = if i % 2 == 0 { &w.a_login } else { &w.secretary };
                    TestRequest::put()
                        .uri(&uri(&w, w.a))
                        .insert_header(("authorization", who.as_str()))
                        .insert_header(("if-match", tag.as_str()))
                        .set_json(draft(100 * round + 30 + i))
                        .to_request()
                })
                .collect();
            common::exactly_one_through(&app, saves, 412).await;
        }
    }
);

// C1–C4: the collectives of a points cycle. Each branch's committee scores its branch on F1,
// the base committee appraises with the facts of C2 and decides the branches (C3 counted among
// them, every form needed first); the committee above decides the base itself, whose members'
// levels stand beside it.
db_test!(
    collectives_score_themselves_and_the_committee_above_decides,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let (branch, other, base) = collectives(&db, &w);
        let district_committee = {
            let mut conn = db.pool.get().unwrap();
            let district = kiemdiem_store::organizations::get(&mut conn, base)
                .unwrap()
                .unwrap()
                .parent_id
                .unwrap();
            common::user(&mut conn, "huyenuy", "committee", Some(district))
        };
        let form_uri = |org: i64| {
            format!(
                "/api/v1/cycles/{}/organizations/{org}/point-assessment",
                w.cycle
            )
        };
        let blank = json(call!(app, get, w.secretary, form_uri(branch))).await;
        assert_eq!(
            (blank["status"].as_str(), blank["frame"]["form"].as_str()),
            (Some("not_started"), Some("Mẫu 01"))
        );
        // A branch's committee scores its own branch only (the other is not theirs to see).
        let full = full_points(&blank, 0);
        let submit = |points: &Value, level: &str| {
            json!({
                "self_points": points, "tasks": good_tasks(),
                "shortcomings": { "prior": 1, "remedied": 1 },
                "narrative": "Báo cáo kiểm điểm của chi ủy năm 2026", "proposed_level": level, "submit": true,
            })
        };
        assert_problem(
            call!(
                app,
                put,
                w.secretary,
                form_uri(other),
                submit(&full, "excellent")
            ),
            404,
            "not_found",
        )
        .await;
        // Every bad field named: an item over its maximum, more done than assigned.
        let mut bad = submit(&full, "excellent");
        bad["self_points"]["party_building"] = json!(51);
        bad["tasks"] = json!({ "assigned": 2, "done": 3, "on_time": 0, "exceeded": 0 });
        let mut fields = invalid_fields(call!(app, put, w.secretary, form_uri(branch), bad)).await;
        fields.sort();
        assert!(
            fields
                .iter()
                .any(|(f, _)| f == "self_points.party_building")
                && fields.iter().any(|(f, _)| f.starts_with("tasks")),
            "{fields:?}"
        );
        let res = call!(
            app,
            put,
            w.secretary,
            form_uri(branch),
            submit(&full, "excellent")
        );
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["indicated_level"], "excellent");
        let res = call!(
            app,
            put,
            w.other_secretary,
            form_uri(other),
            submit(&full_points(&blank, 250), "good")
        );
        assert_eq!(res.status(), 200);
        // A submitted form no longer changes.
        assert_problem(
            call!(
                app,
                put,
                w.secretary,
                form_uri(branch),
                submit(&full, "good")
            ),
            409,
            "already_submitted",
        )
        .await;

        // The base committee appraises: a member of the branch committee was disciplined (C2):
        // excellent is out of reach. The branch cannot appraise itself.
        let appraisal = format!("{}/appraisal", form_uri(branch));
        let body = json!({ "appraised_points": full, "facts": ["subordinate_disciplined"] });
        assert_problem(
            call!(app, post, w.secretary, appraisal, body.clone()),
            403,
            "forbidden",
        )
        .await;
        let res = call!(app, post, w.committee, appraisal, body);
        assert_eq!(res.status(), 200);
        let board_uri = format!("/api/v1/cycles/{}/collectives-board", w.cycle);
        let board = json(call!(app, get, w.committee, board_uri)).await;
        let row = |b: &Value, id: i64| {
            b["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["organization_id"] == id)
                .unwrap()
                .clone()
        };
        let names: Vec<i64> = board["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["organization_id"].as_i64().unwrap())
            .collect();
        assert_eq!(names.last(), Some(&base), "C4: the base after its branches");
        let b1 = row(&board, branch);
        assert_eq!(b1["level"], "good");
        assert_eq!(b1["reasons"], json!(["C2-subordinate_disciplined", "C2"]));
        assert_eq!(row(&board, other)["level"], "good");
        assert_eq!(row(&board, base)["status"], "pending");
        assert_eq!(b1["members"]["total"], 4, "the branch's members beside it");
        let top = row(&board, base);
        assert_eq!(
            (
                top["branches"]["total"].as_i64(),
                top["branches"]["good"].as_i64()
            ),
            (Some(2), Some(2)),
            "the base's branches beside it"
        );

        // The branches decided by the base committee, once, after their members (C4); the base
        // by the district, after its branches.
        let decide = format!("/api/v1/cycles/{}/collectives-decision", w.cycle);
        assert_problem(
            call!(
                app,
                post,
                w.committee,
                decide,
                json!({ "scope": "branches" })
            ),
            409,
            "order_c4",
        )
        .await;
        assert_problem(
            call!(
                app,
                post,
                district_committee,
                decide,
                json!({ "scope": "organization" })
            ),
            409,
            "order_c4",
        )
        .await;
        let members = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        // The district reads the members' board but the base committee decides (S10).
        assert_problem(
            call!(app, post, district_committee, members, json!({})),
            403,
            "forbidden",
        )
        .await;
        assert_eq!(
            call!(app, post, w.committee, members, json!({})).status(),
            200
        );
        assert_problem(
            call!(
                app,
                post,
                district_committee,
                decide,
                json!({ "scope": "branches" })
            ),
            403,
            "forbidden",
        )
        .await;
        let res = call!(
            app,
            post,
            w.committee,
            decide,
            json!({ "scope": "branches" })
        );
        assert_eq!(res.status(), 200);
        let decided = json(res).await;
        assert_eq!(row(&decided, branch)["decided"], true);
        assert_problem(
            call!(
                app,
                post,
                w.committee,
                decide,
                json!({ "scope": "branches" })
            ),
            409,
            "already_decided",
        )
        .await;
        assert_problem(
            call!(
                app,
                post,
                w.committee,
                decide,
                json!({ "scope": "organization" })
            ),
            403,
            "forbidden",
        )
        .await;
        let res = call!(
            app,
            post,
            district_committee,
            decide,
            json!({ "scope": "organization" })
        );
        let problem = assert_problem(res, 409, "collectives_pending").await;
        assert!(
            problem["detail"].as_str().unwrap().contains("dhv")
                || problem["detail"].as_str().unwrap().len() > 10
        );
        // C3 for the base: counted among the bases under the district, each from its own
        // cycle of the year. Five peers rated good (75 points): the limit is one.
        let district = {
            let mut conn = db.pool.get().unwrap();
            kiemdiem_store::organizations::get(&mut conn, base)
                .unwrap()
                .unwrap()
                .parent_id
                .unwrap()
        };
        peer_bases(&app, &db, district, 0, &[250, 250, 250, 250, 250]).await;
        let res = call!(
            app,
            put,
            w.committee,
            form_uri(base),
            submit(&full_points(&blank, 100), "good")
        );
        assert_eq!(res.status(), 200);
        let res = call!(
            app,
            post,
            district_committee,
            decide,
            json!({ "scope": "organization" })
        );
        assert_eq!(res.status(), 200);
        let decided = json(res).await;
        let top = row(&decided, base);
        assert_eq!(
            (
                top["decided"].as_bool(),
                top["level"].as_str(),
                top["group"].as_str()
            ),
            (Some(true), Some("excellent"), Some("tp/base"))
        );
        assert_eq!(quota_of(&decided, "tp/base"), (5, 1));
        // A sixth peer at full points, decided later: the place is taken (C3, S7).
        let (last, last_cycle) = peer_bases(&app, &db, district, 5, &[0]).await[0];
        let res = call!(
            app,
            post,
            district_committee,
            format!("/api/v1/cycles/{last_cycle}/collectives-decision"),
            json!({ "scope": "organization" })
        );
        assert_eq!(res.status(), 200);
        let peer = row(&json(res).await, last);
        assert_eq!(
            (peer["level"].as_str(), peer["reasons"].clone()),
            (Some("good"), json!(["C2", "S7"]))
        );
        let form = json(call!(app, get, w.committee, form_uri(base))).await;
        assert_eq!(form["decision"]["level"], "excellent");
        // Mẫu 01, the base's report with its points and the decided level.
        document_with(
            &app,
            &w.committee,
            format!("{}/document", form_uri(base)),
            &[
                "Mẫu 01",
                "BÁO CÁO",
                "/100 điểm",
                "Hoàn thành xuất sắc nhiệm vụ",
            ],
        )
        .await;
        // The statistics count the decided collectives; the provincial dossier carries them.
        let stats = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/reports/statistics?organization_id={base}&year=2026")
        ))
        .await;
        assert_eq!(
            stats["collectives"],
            json!({ "decided": 3, "excellent": 1, "good": 2, "completed": 0, "not_completed": 0 })
        );
        // The same counts in the district's spreadsheet, as numbers.
        let res = call!(
            app,
            get,
            w.committee,
            format!("/api/v1/reports/statistics?organization_id={base}&year=2026&format=xlsx")
        );
        assert_eq!(res.status(), 200);
        let cells = common::xlsx_cells(&actix_web::test::read_body(res).await);
        let from = cells
            .iter()
            .position(|r| r[0] == "Xếp loại tập thể (Quy định 366)")
            .unwrap_or_else(|| panic!("no collectives in {cells:?}"));
        let at = |label: &str| {
            let at = cells[from..]
                .iter()
                .position(|r| r.get(1).map(String::as_str) == Some(label))
                .unwrap_or_else(|| panic!("no {label} in {cells:?}"));
            cells[from + at][2].clone()
        };
        assert_eq!(
            [
                at("Tổ chức đảng được xếp loại"),
                at("Hoàn thành xuất sắc nhiệm vụ"),
                at("Hoàn thành tốt nhiệm vụ")
            ],
            ["3", "1", "2"]
        );
        let admin = common::user(&mut db.pool.get().unwrap(), "quantri", "admin", None);
        let dossier = json(call!(
            app,
            get,
            admin,
            format!("/api/v1/integration/dossiers/{base}/2026")
        ))
        .await;
        assert_eq!(dossier["organization"]["points_level"], "excellent");
    }
);

// S10 under a rule set that asks for the branch's vote too (`branch_vote`, M6's thresholds):
// no level before the vote; the vote caps the level at what it reached (M7's counting), and
// the branch records it again after a vote that reached nothing.
db_test!(
    a_rule_set_asking_for_the_branch_vote_caps_at_its_result,
    |app, db| {
        use diesel::RunQueryDsl;
        let w = world(&db, "tw-366-2025");
        let mut rules = kiemdiem_domain::rule_set::builtin("tw-366-2025").unwrap();
        rules.points.as_mut().unwrap().branch_vote = true;
        diesel::sql_query(format!(
            "UPDATE review_cycles SET rules_json = '{}' WHERE id = {}",
            serde_json::to_string(&rules).unwrap().replace('\'', "''"),
            w.cycle
        ))
        .execute(&mut **db.pool.get().unwrap())
        .unwrap();
        submitted(
            &db,
            w.cycle,
            w.a,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        let board_uri = format!("/api/v1/cycles/{}/points-board", w.cycle);
        let board = json(call!(app, get, w.committee, board_uri.clone())).await;
        let row = board_row(&board, w.a);
        assert_eq!(
            (row["status"].as_str(), row["reasons"].clone()),
            (Some("pending"), json!(["S10-vote"]))
        );
        let review = format!("{}/branch-review", uri(&w, w.a));
        let opinion = "Chi bộ biểu quyết tại hội nghị ngày 10/12/2026";
        let send = |vote: Value| {
            let mut b = json!({ "opinion": opinion, "proposed_level": "good" });
            if !vote.is_null() {
                b["vote"] = vote;
            }
            b
        };
        let tally = |e: i64, g: i64, c: i64, n: i64| json!({ "counted": 9, "excellent": e, "good": g, "completed": c, "not_completed": n });
        // Asked for: required, its votes at most D, every bad number named.
        let fields = invalid_fields(call!(app, post, w.secretary, review, send(Value::Null))).await;
        assert_eq!(fields, [("vote".to_owned(), "required".to_owned())]);
        let fields = invalid_fields(call!(
            app,
            post,
            w.secretary,
            review,
            send(tally(5, 4, 1, 0))
        ))
        .await;
        assert_eq!(fields, [("vote".to_owned(), "over_counted".to_owned())]);
        let res = call!(
            app,
            post,
            w.secretary,
            review,
            send(
                json!({ "counted": 0, "excellent": -1, "good": 0, "completed": 0, "not_completed": 0 })
            )
        );
        assert_eq!(res.status(), 422);
        // Nothing reached (2 + 1 + 1 of 9 for completed, 4 for not completed): still pending.
        let res = call!(app, post, w.secretary, review, send(tally(2, 1, 1, 4)));
        assert_eq!(res.status(), 200);
        let form = json(res).await;
        assert_eq!(form["branch_review"]["vote"]["reached"], Value::Null);
        let board = json(call!(app, get, w.committee, board_uri.clone())).await;
        assert_eq!(board_row(&board, w.a)["status"], "pending");
        // Voted again: 6 for excellent is short of 2/3 of 9; with 3 for good, good is reached.
        let res = call!(app, post, w.secretary, review, send(tally(6, 3, 0, 0)));
        let form = json(res).await;
        assert_eq!(form["branch_review"]["vote"]["reached"], "good");
        assert_eq!(form["branch_review"]["vote"]["tally"]["excellent"], 6);
        assert_eq!(
            (
                form["indicated_level"].as_str(),
                form["indicated_reasons"].clone()
            ),
            (Some("good"), json!(["S5", "S10-vote"]))
        );
        let board = json(call!(app, get, w.committee, board_uri)).await;
        let row = board_row(&board, w.a);
        assert_eq!(
            (row["level"].as_str(), row["reasons"].clone()),
            (Some("good"), json!(["S5", "S10-vote"]))
        );
        // The decision records it so.
        let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        let decided = json(call!(app, post, w.committee, decide, json!({}))).await;
        assert_eq!(board_row(&decided, w.a)["level"], "good");
        // The what-if reads a vote the same way under a rule set asking for it.
        let mut conn = db.pool.get().unwrap();
        let admin = common::user(&mut conn, "quantri", "admin", None);
        drop(conn);
        let list = json(call!(app, get, admin, "/api/v1/rule-sets")).await;
        let mut points = list
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "tw-366-2025")
            .unwrap()["points"]
            .clone();
        points["branch_vote"] = json!(true);
        let copy = json!({ "name": "tinh-na-2026", "based_on": "tw-366-2025", "points": points });
        let res = call!(app, post, admin, "/api/v1/rule-sets", copy);
        assert!(res.status().is_success(), "{}", res.status());
        let person = |id: &str, vote: Value| {
            json!({
                "id": id, "frame": "F4", "admitted_on": "2010-01-01",
                "points": { "general": 300, "tasks": 700 },
                "tasks": { "assigned": 10, "done": 10, "on_time": 10, "exceeded": 3 },
                "vote": vote,
            })
        };
        let preview = |members: Vec<Value>| json!({ "rule_set": "tinh-na-2026", "reference_date": "2026-12-31", "members": members });
        let bad = preview(vec![
            person("a", tally(6, 3, 0, 0)),
            person("c", tally(9, 9, 0, 0)),
        ]);
        let fields = invalid_fields(call!(
            app,
            post,
            admin,
            "/api/v1/classification/preview",
            bad
        ))
        .await;
        assert_eq!(
            fields,
            [("members[1].vote".to_owned(), "over_counted".to_owned())]
        );
        let ok = preview(vec![
            person("a", tally(6, 3, 0, 0)),
            person("b", Value::Null),
        ]);
        let res = json(call!(
            app,
            post,
            admin,
            "/api/v1/classification/preview",
            ok
        ))
        .await;
        let of = |id: &str| {
            let r = res["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == id)
                .unwrap()
                .clone();
            (
                r["status"].as_str().unwrap().to_owned(),
                r["reasons"].clone(),
            )
        };
        assert_eq!(
            of("a"),
            ("classified".to_owned(), json!(["S5", "S10-vote"]))
        );
        assert_eq!(of("b"), ("pending".to_owned(), json!(["S10-vote"])));
    }
);

// A stored form whose points column is not JSON (a hand edit, a broken restore) is an error,
// never read as an empty form scoring nothing.
db_test!(
    a_corrupt_stored_form_is_an_error_not_zero_points,
    |app, db| {
        use diesel::RunQueryDsl;
        let w = world(&db, "tw-366-2025");
        submitted(
            &db,
            w.cycle,
            w.a,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        diesel::sql_query("UPDATE point_assessments SET self_points = 'not json'")
            .execute(&mut **db.pool.get().unwrap())
            .unwrap();
        let res = call!(app, get, w.a_login, uri(&w, w.a));
        assert_eq!(res.status(), 500);
        let board = format!("/api/v1/cycles/{}/points-board", w.cycle);
        assert_eq!(call!(app, get, w.committee, board).status(), 500);
    }
);

// T1: a cycle under the 2025 rules follows their timetable: decided before 31/12, the records
// up before 01/02 of the next year (a 2016 cycle keeps the 2016 plan).
db_test!(a_points_cycle_follows_the_2025_timetable, |app, db| {
    let w = world(&db, "tw-366-2025");
    let base = {
        let mut conn = db.pool.get().unwrap();
        kiemdiem_store::cycles::get(&mut conn, w.cycle)
            .unwrap()
            .unwrap()
            .0
            .organization_id
    };
    let res = call!(
        app,
        post,
        w.committee,
        "/api/v1/cycles",
        json!({ "organization_id": base, "year": 2027, "rule_set": "tw-366-2025", "reference_date": "2027-12-10" })
    );
    assert_eq!(res.status(), 201);
    let cycle = json(res).await;
    let phases = cycle["phases"].as_array().unwrap();
    let last = phases.last().unwrap();
    assert_eq!(
        (last["code"].as_str(), last["ends_on"].as_str()),
        (Some("records_up"), Some("2028-01-31"))
    );
    assert!(
        phases
            .iter()
            .any(|p| p["code"] == "decision" && p["ends_on"] == "2027-12-30")
    );
});

// S10 step 2: the branch committee records its meeting on a submitted form; the committee
// above reads it beside the appraisal. Another branch's committee may not; nor before the
// member submits, nor after the decision.
db_test!(the_branch_records_its_meeting_on_a_form, |app, db| {
    let w = world(&db, "tw-366-2025");
    let review = format!("{}/branch-review", uri(&w, w.a));
    let body = json!({ "opinion": "Chi bộ thống nhất: hoàn thành tốt nhiệm vụ giảng dạy", "proposed_level": "good" });
    assert_problem(
        call!(app, post, w.secretary, review, body.clone()),
        409,
        "not_submitted",
    )
    .await;
    submitted(
        &db,
        w.cycle,
        w.a,
        "F4",
        f4(50, 300, 150, 50),
        [10, 10, 10, 3],
    );
    assert_problem(
        call!(app, post, w.other_secretary, review, body.clone()),
        404,
        "not_found",
    )
    .await;
    // The member reads their form but never writes the branch's record of it.
    assert_problem(
        call!(app, post, w.a_login, review, body.clone()),
        403,
        "forbidden",
    )
    .await;
    let fields = invalid_fields(call!(
        app,
        post,
        w.secretary,
        review,
        json!({ "opinion": "  ", "proposed_level": "best" })
    ))
    .await;
    assert_eq!(fields.len(), 2, "{fields:?}");
    // `tw-366-2025` asks for no vote (S10): a tally is refused, not kept unread.
    let mut voted = body.clone();
    voted["vote"] =
        json!({ "counted": 9, "excellent": 5, "good": 4, "completed": 0, "not_completed": 0 });
    let fields = invalid_fields(call!(app, post, w.secretary, review, voted)).await;
    assert_eq!(fields, [("vote".to_owned(), "not_asked".to_owned())]);
    let res = call!(app, post, w.secretary, review, body);
    assert_eq!(res.status(), 200);
    // A discipline of the year stands beside the form as S6's evidence; an older one does not.
    for (form, year) in [("Khiển trách", 2026), ("Cảnh cáo", 2019)] {
        kiemdiem_store::members::add_discipline(
            &mut db.pool.get().unwrap(),
            w.a,
            &kiemdiem_store::members::NewDiscipline {
                form,
                issuing_body: "Đảng ủy",
                decided_on: chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap(),
                term_ends_on: None,
                note: None,
            },
        )
        .unwrap();
    }
    let form = json(call!(app, get, w.committee, uri(&w, w.a))).await;
    assert_eq!(
        form["disciplines_in_year"],
        json!([{ "form": "Khiển trách", "issuing_body": "Đảng ủy", "decided_on": "2026-06-01" }])
    );
    assert_eq!(form["branch_review"]["proposed_level"], "good");
    assert!(
        form["branch_review"]["opinion"]
            .as_str()
            .unwrap()
            .starts_with("Chi bộ thống nhất")
    );
    let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
    assert_eq!(
        call!(app, post, w.committee, decide, json!({})).status(),
        200
    );
    assert_problem(
        call!(app, post, w.secretary, review, json!({ "opinion": "Muộn" })),
        409,
        "not_submitted",
    )
    .await;
});

/// The world's collectives: its branch, the other branch, and the base.
fn collectives(db: &common::TestDb, w: &World) -> (i64, i64, i64) {
    let mut conn = db.pool.get().unwrap();
    let branch = kiemdiem_store::members::get(&mut conn, w.a)
        .unwrap()
        .unwrap()
        .0
        .branch_id;
    let base = kiemdiem_store::cycles::get(&mut conn, w.cycle)
        .unwrap()
        .unwrap()
        .0
        .organization_id;
    let base_path = kiemdiem_store::organizations::get(&mut conn, base)
        .unwrap()
        .unwrap()
        .path;
    let other = kiemdiem_store::organizations::subtree(&mut conn, &base_path)
        .unwrap()
        .into_iter()
        .find(|o| o.code == "cb2")
        .unwrap()
        .id;
    (branch, other, base)
}

/// Bases beside the world's under `district`, each with its own 2026 points cycle and its F1
/// form submitted by its committee with every item at its maximum less `less[i]` tenths.
async fn peer_bases<S, B>(
    app: &S,
    db: &common::TestDb,
    district: i64,
    first: usize,
    less: &[i64],
) -> Vec<(i64, i64)>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let mut out = Vec::new();
    for (i, less) in (first..).zip(less) {
        let (peer, cycle, token) = {
            let mut conn = db.pool.get().unwrap();
            let parent = kiemdiem_store::organizations::get(&mut conn, district)
                .unwrap()
                .unwrap();
            let peer = common::org(&mut conn, "base", &format!("peer{i}"), Some(&parent));
            let rules = kiemdiem_domain::rule_set::builtin("tw-366-2025").unwrap();
            let cycle = kiemdiem_store::cycles::create(
                &mut conn,
                kiemdiem_store::cycles::NewCycle {
                    organization_id: peer.id,
                    year: 2026,
                    rule_set: "tw-366-2025",
                    rules_json: &serde_json::to_string(&rules).unwrap(),
                    reference_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
                },
                &kiemdiem_domain::cycle::plan_for(2026),
            )
            .unwrap();
            let token = common::user(&mut conn, &format!("peer{i}"), "committee", Some(peer.id));
            (peer.id, cycle, token)
        };
        let uri = format!("/api/v1/cycles/{cycle}/organizations/{peer}/point-assessment");
        let blank = json(call!(app, get, token, uri)).await;
        let body = json!({
            "self_points": full_points(&blank, *less), "tasks": good_tasks(),
            "proposed_level": "good", "submit": true,
        });
        assert_eq!(call!(app, put, token, uri, body).status(), 200);
        out.push((peer, cycle));
    }
    out
}

/// A DOCX the API answers `token` at `uri` (200), with each of `parts` in its text.
async fn document_with<S, B>(app: &S, token: &str, uri: String, parts: &[&str])
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let token = token.to_owned();
    let res = call!(app, get, token, uri);
    assert_eq!(res.status(), 200, "{uri}");
    let text = common::docx_text(&actix_web::test::read_body(res).await);
    for part in parts {
        assert!(text.contains(part), "{uri} lacks {part}");
    }
    // The same form printed as PDF (issue #16) says the same.
    let pdf = format!(
        "{uri}{}format=pdf",
        if uri.contains('?') { '&' } else { '?' }
    );
    let res = call!(app, get, token, pdf);
    assert_eq!(res.status(), 200, "{pdf}");
    let text = common::pdf_text(&actix_web::test::read_body(res).await);
    for part in parts {
        assert!(text.contains(part), "{pdf} lacks {part}");
    }
}

/// A collective's form on F1, submitted by `who` with every item `less` tenths under its
/// maximum on the first task item.
async fn collective_submitted<S, B>(app: &S, w: &World, org: i64, who: &str, less: i64)
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let form_uri = format!(
        "/api/v1/cycles/{}/organizations/{org}/point-assessment",
        w.cycle
    );
    let who = who.to_owned();
    let blank = json(call!(app, get, who, form_uri)).await;
    let body = json!({
        "self_points": full_points(&blank, less), "tasks": good_tasks(),
        "proposed_level": "good", "submit": true,
    });
    assert_eq!(call!(app, put, who, form_uri, body).status(), 200);
}

// Mẫu 03 for a collective: the committee that decided a branch re-rates it through the engine
// (C2's facts force `not_completed`), the earlier decision kept with its grounds; an excellent
// stays within C3's limit beside the branches already decided (here none is left: good, S7).
db_test!(
    a_decided_collective_is_rerated_through_the_engine,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        let (branch, other, base) = collectives(&db, &w);
        collective_submitted(&app, &w, branch, &w.secretary, 250).await;
        collective_submitted(&app, &w, other, &w.other_secretary, 250).await;
        let rerate = |org: i64| {
            format!(
                "/api/v1/cycles/{}/organizations/{org}/points-rerating",
                w.cycle
            )
        };
        let form_uri = |org: i64| {
            format!(
                "/api/v1/cycles/{}/organizations/{org}/point-assessment",
                w.cycle
            )
        };
        let blank = json(call!(app, get, w.committee, form_uri(branch))).await;
        let body = |less: i64, facts: Value| {
            json!({
                "appraisal": { "appraised_points": full_points(&blank, less), "facts": facts },
                "reason": "Quyết định số 21-QĐ/ĐU ngày 20/01/2027",
            })
        };
        // Not decided yet: nothing to re-rate.
        let res = call!(app, post, w.committee, rerate(branch), body(0, json!([])));
        assert_problem(res, 409, "not_decided").await;
        let members = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        assert_eq!(
            call!(app, post, w.committee, members, json!({})).status(),
            200
        );
        let decide = format!("/api/v1/cycles/{}/collectives-decision", w.cycle);
        let res = call!(
            app,
            post,
            w.committee,
            decide,
            json!({ "scope": "branches" })
        );
        assert_eq!(res.status(), 200);
        // The branch's own committee does not re-rate it; bad input is named, nothing written.
        let res = call!(app, post, w.secretary, rerate(branch), body(0, json!([])));
        assert_problem(res, 403, "forbidden").await;
        let mut wrong = body(0, json!(["theft"]));
        wrong["level"] = json!("good");
        wrong["reason"] = json!("  ");
        let fields = invalid_fields(call!(app, post, w.committee, rerate(other), wrong)).await;
        let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
        assert!(
            names.contains(&"reason") && names.iter().any(|f| f.starts_with("appraisal.facts")),
            "{fields:?}"
        );
        let mut forced = body(0, json!([]));
        forced["level"] = json!("completed");
        let fields = invalid_fields(call!(app, post, w.committee, rerate(other), forced)).await;
        assert_eq!(fields, [("level".to_owned(), "not_allowed".to_owned())]);
        let unchanged = json(call!(app, get, w.committee, form_uri(other))).await;
        assert_eq!(
            (
                unchanged["decision"]["level"].as_str(),
                unchanged["reratings"].clone()
            ),
            (Some("good"), json!([]))
        );

        // Wrongdoing in cadre work found later: not completed (C2), whatever the points.
        let res = call!(
            app,
            post,
            w.committee,
            rerate(other),
            body(0, json!(["cadre_work_wrongdoing"]))
        );
        assert_eq!(res.status(), 200);
        let form = json(res).await;
        assert_eq!(
            (
                form["decision"]["level"].as_str(),
                form["decision"]["reasons"].clone()
            ),
            (
                Some("not_completed"),
                json!(["C2-cadre_work_wrongdoing", "S10"])
            )
        );
        let kept = &form["reratings"][0];
        assert_eq!(
            (
                kept["previous_level"].as_str(),
                kept["level"].as_str(),
                kept["reason"].as_str()
            ),
            (
                Some("good"),
                Some("not_completed"),
                Some("Quyết định số 21-QĐ/ĐU ngày 20/01/2027")
            )
        );
        // At full points the other branch is excellent by C2, but no branch is left rated good to
        // count C3's 20% on: good (S7).
        let res = call!(app, post, w.committee, rerate(branch), body(0, json!([])));
        let form = json(res).await;
        assert_eq!(
            (
                form["decision"]["level"].as_str(),
                form["decision"]["reasons"].clone()
            ),
            (Some("good"), json!(["C2", "S7", "S10"]))
        );
        // The board shows the standing decisions; the base is the district's to re-rate.
        let board = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/cycles/{}/collectives-board", w.cycle)
        ))
        .await;
        let level_of = |org: i64| {
            board["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["organization_id"] == org)
                .unwrap()["level"]
                .clone()
        };
        assert_eq!(
            (level_of(other), level_of(branch)),
            (json!("not_completed"), json!("good"))
        );
        let res = call!(app, post, w.committee, rerate(base), body(0, json!([])));
        assert_problem(res, 403, "forbidden").await;
    }
);

// C2: the branches' decision sent at once records each branch once (the cycle's lock; the
// write on a form not yet decided below it).
db_test!(parallel_collective_decisions_record_once, |app, db| {
    let w = world(&db, "tw-366-2025");
    let (branch, other, _) = collectives(&db, &w);
    collective_submitted(&app, &w, branch, &w.secretary, 0).await;
    collective_submitted(&app, &w, other, &w.other_secretary, 250).await;
    let members = format!("/api/v1/cycles/{}/points-decision", w.cycle);
    assert_eq!(
        call!(app, post, w.committee, members, json!({})).status(),
        200
    );
    let decide = format!("/api/v1/cycles/{}/collectives-decision", w.cycle);
    let sends = (0..6)
        .map(|_| {
            TestRequest::post()
                .uri(&decide)
                .insert_header(("authorization", w.committee.as_str()))
                .set_json(json!({ "scope": "branches" }))
                .to_request()
        })
        .collect();
    common::exactly_one_through(&app, sends, 409).await;
    let forms =
        kiemdiem_store::org_point_assessments::of_cycle(&mut db.pool.get().unwrap(), w.cycle)
            .unwrap();
    assert!(forms.iter().all(|f| f.decided_level.is_some()), "{forms:?}");
});

// S3: a member suspended from party activities on the reference date is not classified,
// whatever their points; a suspension that ended before it changes nothing.
db_test!(
    a_member_suspended_on_the_reference_date_is_not_classified,
    |app, db| {
        let w = world(&db, "tw-366-2025");
        submitted(
            &db,
            w.cycle,
            w.a,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        submitted(
            &db,
            w.cycle,
            w.silent,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        let suspend = |m: i64| format!("/api/v1/members/{m}/suspensions");
        // The end before the start is refused; another branch's committee does not see the member.
        let fields = invalid_fields(call!(
            app,
            post,
            w.committee,
            suspend(w.a),
            json!({ "issuing_body": "Đảng ủy", "starts_on": "2026-10-01", "ends_on": "2026-09-01" })
        ))
        .await;
        assert_eq!(fields, [("ends_on".to_owned(), "before_start".to_owned())]);
        assert_problem(
            call!(
                app,
                post,
                w.other_secretary,
                suspend(w.a),
                json!({ "issuing_body": "Chi bộ", "starts_on": "2026-10-01" })
            ),
            404,
            "not_found",
        )
        .await;
        for (m, starts, ends) in [
            (w.a, "2026-10-01", None),
            (w.silent, "2026-01-01", Some("2026-03-01")),
        ] {
            let res = call!(
                app,
                post,
                w.secretary,
                suspend(m),
                json!({ "issuing_body": "Đảng ủy", "starts_on": starts, "ends_on": ends })
            );
            assert_eq!(res.status(), 201);
        }
        let board = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/cycles/{}/points-board", w.cycle)
        ))
        .await;
        let a = board_row(&board, w.a);
        assert_eq!(
            (a["status"].as_str(), a["reasons"].clone()),
            (Some("not_classified"), json!(["S3"]))
        );
        // Classified (alone in the group, the quota leaves them good, S7: not S3).
        assert_eq!(board_row(&board, w.silent)["reasons"], json!(["S5", "S7"]));
        let form = json(call!(app, get, w.a_login, uri(&w, w.a))).await;
        assert_eq!(form["indicated_reasons"], json!(["S3"]));
        // Removed as entered by mistake: classified again.
        let list = json(call!(app, get, w.secretary, suspend(w.a))).await;
        let id = list[0]["id"].as_i64().unwrap();
        let res = call!(app, delete, w.secretary, format!("{}/{id}", suspend(w.a)));
        assert_eq!(res.status(), 204);
        let board = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/cycles/{}/points-board", w.cycle)
        ))
        .await;
        assert_eq!(board_row(&board, w.a)["status"], "classified");
    }
);

// S9 under a rule set whose quarter rule is `any_quarter_not_completed_blocks_excellent`: a
// quarter not completed keeps the year from excellent on the form's indication, on the board
// and in a re-rating alike.
db_test!(
    a_quarter_not_completed_blocks_excellent_everywhere_the_rule_set_says,
    |app, db| {
        use diesel::RunQueryDsl;
        let w = world(&db, "tw-366-2025");
        let mut rules = kiemdiem_domain::rule_set::builtin("tw-366-2025").unwrap();
        rules.points.as_mut().unwrap().quarter_rule =
            kiemdiem_domain::points::QuarterRule::AnyQuarterNotCompletedBlocksExcellent;
        diesel::sql_query(format!(
            "UPDATE review_cycles SET rules_json = '{}' WHERE id = {}",
            serde_json::to_string(&rules).unwrap().replace('\'', "''"),
            w.cycle
        ))
        .execute(&mut **db.pool.get().unwrap())
        .unwrap();
        submitted(
            &db,
            w.cycle,
            w.a,
            "F4",
            f4(60, 400, 200, 100),
            [10, 10, 10, 3],
        );
        // The second quarter: 30 points, not completed (S5).
        let q2 = format!("{}?period=2", uri(&w, w.a));
        let res = call!(
            app,
            put,
            w.a_login,
            q2,
            json!({ "self_points": f4(20, 100, 50, 30), "tasks": good_tasks(), "proposed_level": "not_completed", "submit": true })
        );
        assert_eq!(res.status(), 200);
        let form = json(call!(app, get, w.a_login, uri(&w, w.a))).await;
        assert_eq!(
            (
                form["indicated_level"].as_str(),
                form["indicated_reasons"].clone()
            ),
            (Some("good"), json!(["S9", "S5"]))
        );
        let board = json(call!(
            app,
            get,
            w.committee,
            format!("/api/v1/cycles/{}/points-board", w.cycle)
        ))
        .await;
        assert_eq!(board_row(&board, w.a)["reasons"], json!(["S9", "S5"]));
        // Each quarter's form with where it stands, beside the year's.
        assert_eq!(
            board_row(&board, w.a)["quarter_forms"],
            json!([{ "period": 2, "assessment": "submitted" }])
        );
        let decide = format!("/api/v1/cycles/{}/points-decision", w.cycle);
        assert_eq!(
            call!(app, post, w.committee, decide, json!({})).status(),
            200
        );
        let res = call!(
            app,
            post,
            w.committee,
            format!("/api/v1/cycles/{}/members/{}/points-rerating", w.cycle, w.a),
            json!({ "appraisal": { "appraised_points": f4(60, 400, 200, 100) }, "reason": "Thẩm định lại theo đơn" })
        );
        assert_eq!(res.status(), 200);
        let d = json(res).await["decision"].clone();
        assert_eq!(
            (d["level"].as_str(), d["reasons"].clone()),
            (Some("good"), json!(["S9", "S5", "S10"]))
        );
    }
);
