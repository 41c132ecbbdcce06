//! Rule set `tw-366-2025` (RULES-2025.md, issue #15) through the real router, on both
//! databases: the built-in rule set with its frames, the points preview of the contract, every
//! invalid field named, a province's copy with its own items, and the ballot refused where the
//! rule set scores.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{assert_problem, invalid_fields, json};
use serde_json::{Value, json};

fn person(id: &str, general: i64, tasks: i64, group: &str) -> Value {
    json!({
        "id": id, "frame": "F4", "status": "official", "admitted_on": "2010-05-02",
        "exempt": false, "suspended": false, "attached": false, "self_review_submitted": true,
        "points": { "general": general, "tasks": tasks },
        "tasks": { "assigned": 10, "done": 10, "on_time": 10, "exceeded": 3 },
        "shortcomings": { "prior": 2, "remedied": 2 },
        "facts": [], "mitigated": [], "quota_group": group,
    })
}

/// A login without any role: the preview and the rule sets need nothing more.
fn anyone(db: &common::TestDb) -> String {
    let u = kiemdiem_store::users::create(
        &mut db.pool.get().unwrap(),
        kiemdiem_store::users::NewUser {
            username: "bithu",
            display_name: "Bí thư",
            password_hash: "x",
            member_id: None,
        },
    )
    .unwrap();
    common::token(u.id)
}

fn body(members: Vec<Value>) -> Value {
    json!({ "rule_set": "tw-366-2025", "reference_date": "2026-12-15", "outstanding": false, "members": members })
}

macro_rules! send {
    ($app:expr, $token:expr, $uri:expr, $body:expr $(,)?) => {
        call_service(
            &$app,
            TestRequest::post()
                .uri($uri)
                .insert_header(("authorization", $token.as_str()))
                .set_json($body)
                .to_request(),
        )
        .await
    };
}

fn result<'a>(out: &'a Value, id: &str) -> &'a Value {
    out["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

db_test!(
    the_rule_set_is_built_in_with_five_frames_whose_items_add_up,
    |app, db| {
        let t = anyone(&db);
        let res = call_service(
            &app,
            TestRequest::get()
                .uri("/api/v1/rule-sets")
                .insert_header(("authorization", t.as_str()))
                .to_request(),
        )
        .await;
        let list = json(res).await;
        let sets = list.as_array().unwrap();
        let old = sets.iter().find(|s| s["name"] == "vinh-2016").unwrap();
        assert_eq!(
            (old["method"].as_str(), old["points"].is_null()),
            (Some("ballot"), true)
        );
        let new = sets.iter().find(|s| s["name"] == "tw-366-2025").unwrap();
        assert_eq!(new["method"], "points");
        let frames = new["points"]["frames"].as_array().unwrap();
        let names: Vec<_> = frames
            .iter()
            .map(|f| f["frame"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["F1", "F2", "F3", "F4", "F5"]);
        for f in frames {
            for g in f["groups"].as_array().unwrap() {
                let sum: u64 = g["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["max"].as_u64().unwrap())
                    .sum();
                assert_eq!(Some(sum), g["max"].as_u64(), "{} {}", f["frame"], g["code"]);
            }
        }
        assert_eq!(
            (
                new["points"]["quota_percent"].as_u64(),
                new["points"]["quota_basis"].as_str()
            ),
            (Some(20), Some("good"))
        );
    }
);

/// The contract's member with a discipline, and two quota groups: A with ten good and three
/// excellent (100, 99, 95 points: the limit is 2, the lowest falls); B with five good and two
/// excellent tied at 98 (both left to the competent level).
fn contract_people() -> Vec<Value> {
    let mut disciplined = person("m1", 280, 655, "base-12/F4");
    disciplined["facts"] = json!(["duty_discipline"]);
    let mut members = vec![disciplined];
    members.extend((0..10).map(|i| person(&format!("g{i}"), 250, 500, "A")));
    members.extend([
        person("x1", 300, 700, "A"),
        person("x2", 300, 690, "A"),
        person("x3", 300, 650, "A"),
    ]);
    members.extend((0..5).map(|i| person(&format!("h{i}"), 250, 500, "B")));
    members.extend([person("y1", 290, 690, "B"), person("y2", 280, 700, "B")]);
    members
}

db_test!(
    the_contracts_member_with_a_discipline_is_not_completed_and_each_group_has_its_quota,
    |app, db| {
        let t = anyone(&db);
        let members = contract_people();
        let res = send!(app, t, "/api/v1/classification/preview", body(members));
        assert_eq!(res.status(), 200);
        let out = json(res).await;
        assert_eq!(
            (out["rule_set"].as_str(), out["method"].as_str()),
            (Some("tw-366-2025"), Some("points"))
        );
        let m1 = result(&out, "m1");
        assert_eq!(
            (m1["status"].as_str(), m1["level"].as_str()),
            (Some("classified"), Some("not_completed"))
        );
        assert_eq!(m1["reasons"], json!(["S6-duty_discipline"]));
        assert_eq!(m1["total"], 935);
        assert_eq!(result(&out, "x1")["level"], "excellent");
        assert_eq!(result(&out, "x2")["level"], "excellent");
        assert_eq!(result(&out, "x3")["level"], "good");
        assert_eq!(result(&out, "x3")["reasons"], json!(["S5", "S7"]));
        for y in ["y1", "y2"] {
            assert_eq!(result(&out, y)["status"], "unresolved");
            assert_eq!(result(&out, y)["level"], Value::Null);
            assert_eq!(result(&out, y)["reasons"], json!(["S5", "S7-tie"]));
        }
        let quotas: Vec<_> = out["quotas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                (
                    q["group"].as_str().unwrap(),
                    q["counted"].as_u64().unwrap(),
                    q["limit"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(quotas, [("A", 10, 2), ("B", 5, 1), ("base-12/F4", 0, 0)]);
        // The same people in another order: the same results.
        let mut again: Vec<Value> = out["results"].as_array().unwrap().clone();
        again.sort_by_key(|r| r["id"].as_str().unwrap().to_owned());
        let mut reversed = contract_people();
        reversed.reverse();
        let res = send!(app, t, "/api/v1/classification/preview", body(reversed));
        let mut other: Vec<Value> = json(res).await["results"].as_array().unwrap().clone();
        other.sort_by_key(|r| r["id"].as_str().unwrap().to_owned());
        assert_eq!(again, other);
    }
);

db_test!(
    every_impossible_field_is_named_and_nothing_is_classified,
    |app, db| {
        let t = anyone(&db);
        let mut bad = person("a", 301, -1, "A");
        bad["tasks"] = json!({ "assigned": 5, "done": 6, "on_time": 7, "exceeded": 7 });
        bad["shortcomings"] = json!({ "prior": 1, "remedied": 2 });
        bad["facts"] = json!(["low_confidence", "bribery"]);
        bad["mitigated"] = json!(["degradation"]);
        let mut unknown = person("b", 200, 500, "A");
        unknown["frame"] = json!("F9");
        unknown["facts"] = json!(["units_under_70"]);
        let twin = person("a", 200, 500, "A");
        let res = send!(
            app,
            t,
            "/api/v1/classification/preview",
            body(vec![bad, unknown, twin])
        );
        let mut fields = invalid_fields(res).await;
        fields.sort();
        let expected = [
            ("members[0].facts[0]", "not_for_frame"),
            ("members[0].facts[1]", "unknown_fact"),
            ("members[0].mitigated[0]", "not_a_fact"),
            ("members[0].points.general", "over_maximum"),
            ("members[0].points.tasks", "negative"),
            ("members[0].shortcomings.remedied", "over_prior"),
            ("members[0].tasks.done", "over_assigned"),
            ("members[0].tasks.exceeded", "over_done"),
            ("members[0].tasks.on_time", "over_done"),
            ("members[1].frame", "invalid_choice"),
            ("members[2].id", "duplicate"),
        ];
        assert_eq!(
            fields,
            expected.map(|(f, c)| (f.to_owned(), c.to_owned())).to_vec()
        );
        // A body that is not JSON is 400; a field of the ballot shape is 422 naming it.
        let res = call_service(
            &app,
            TestRequest::post()
                .uri("/api/v1/classification/preview")
                .insert_header(("authorization", t.as_str()))
                .insert_header(("content-type", "application/json"))
                .set_payload("{\"members\": [")
                .to_request(),
        )
        .await;
        assert_problem(res, 400, "malformed_json").await;
        let mut votes = person("a", 200, 500, "A");
        votes["votes"] = json!({ "excellent": 3 });
        let res = send!(app, t, "/api/v1/classification/preview", body(vec![votes]));
        assert_eq!(invalid_fields(res).await[0].1, "unknown_field");
    }
);

db_test!(a_method_mismatch_is_refused_both_ways, |app, db| {
    let t = anyone(&db);
    let mut points_under_2016 = body(vec![person("a", 200, 500, "A")]);
    points_under_2016["rule_set"] = json!("vinh-2016");
    let res = send!(app, t, "/api/v1/classification/preview", points_under_2016);
    assert_eq!(
        invalid_fields(res).await,
        [("rule_set".to_owned(), "not_points".to_owned())]
    );
});

db_test!(
    a_provinces_copy_sets_its_own_items_and_bands_and_a_copy_that_does_not_add_up_is_refused,
    |app, db| {
        let admin = common::user(&mut db.pool.get().unwrap(), "admin", "admin", None);
        let list = json(
            call_service(
                &app,
                TestRequest::get()
                    .uri("/api/v1/rule-sets")
                    .insert_header(("authorization", admin.as_str()))
                    .to_request(),
            )
            .await,
        )
        .await;
        let builtin = list
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "tw-366-2025")
            .unwrap()
            .clone();
        let mut points = builtin["points"].clone();
        // F4's first task item loses a point: the group no longer adds up to 70.
        let before = points["frames"][3]["groups"][1]["items"][0]["max"]
            .as_u64()
            .unwrap();
        points["frames"][3]["groups"][1]["items"][0]["max"] = json!(before - 10);
        let res = send!(
            app,
            admin,
            "/api/v1/rule-sets",
            json!({ "name": "nghe-an-2026", "based_on": "tw-366-2025", "points": points })
        );
        let body = assert_problem(res, 422, "validation_failed").await;
        assert!(body["errors"].to_string().contains("F4.tasks"), "{body}");
        // Made to add up again with an item of the province's own, and a stricter band.
        points["frames"][3]["groups"][1]["items"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "code": "reform", "label": "Cải cách hành chính", "max": 10 }));
        points["band_excellent"] = json!(950);
        let res = send!(
            app,
            admin,
            "/api/v1/rule-sets",
            json!({ "name": "nghe-an-2026", "based_on": "tw-366-2025", "points": points })
        );
        assert_eq!(res.status(), 201);
        let made = json(res).await;
        assert_eq!(made["method"], "points");
        assert_eq!(made["points"]["band_excellent"], 950);
        // Under the copy, 93.5 points is good, not excellent; under the centre's rules it would be.
        // (Ten good beside them make room for two excellent in the group.)
        let people = || {
            let mut m = vec![person("a", 280, 655, "A")];
            m.extend((0..10).map(|i| person(&format!("g{i}"), 250, 500, "A")));
            m
        };
        let res = send!(
            app,
            admin,
            "/api/v1/classification/preview",
            body_with("nghe-an-2026", people())
        );
        let out = json(res).await;
        assert_eq!(result(&out, "a")["level"], "good");
        assert_eq!(result(&out, "a")["reasons"], json!(["S5"]));
        let res = send!(
            app,
            admin,
            "/api/v1/classification/preview",
            body_with("tw-366-2025", people())
        );
        assert_eq!(result(&json(res).await, "a")["level"], "excellent");
        // A ballot body naming the copy is refused: it scores.
        let res = send!(
            app,
            admin,
            "/api/v1/classification/preview",
            json!({ "rule_set": "nghe-an-2026", "reference_date": "2026-12-15", "members": [] })
        );
        assert_eq!(
            invalid_fields(res).await,
            [("rule_set".to_owned(), "not_ballot".to_owned())]
        );
        // Points cannot be grafted onto a ballot rule set.
        let res = send!(
            app,
            admin,
            "/api/v1/rule-sets",
            json!({ "name": "vinh-points", "based_on": "vinh-2016", "points": made["points"] })
        );
        assert_eq!(
            invalid_fields(res).await,
            [("points".to_owned(), "not_points".to_owned())]
        );
    }
);

fn body_with(rule_set: &str, members: Vec<Value>) -> Value {
    let mut b = body(members);
    b["rule_set"] = json!(rule_set);
    b
}

db_test!(
    a_branch_of_a_points_cycle_cannot_open_a_ballot,
    |app, db| {
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
        let (base, branch) = (&orgs[2], &orgs[3]);
        let cycle = kiemdiem_store::cycles::create(
            &mut conn,
            kiemdiem_store::cycles::NewCycle {
                organization_id: base.id,
                year: 2026,
                rule_set: "tw-366-2025",
                rules_json: &serde_json::to_string(
                    &kiemdiem_domain::rule_set::builtin("tw-366-2025").unwrap(),
                )
                .unwrap(),
                reference_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
            },
            &kiemdiem_domain::cycle::plan_for(2026),
        )
        .unwrap();
        let secretary = common::user(&mut conn, "bithu", "branch_committee", Some(branch.id));
        let res = send!(
            app,
            secretary,
            &format!("/api/v1/cycles/{cycle}/voting-sessions"),
            json!({ "branch_id": branch.id, "mode": "paper_tally", "kind": "regular", "held_on": "2026-12-10" })
        );
        assert_problem(res, 409, "points_method").await;
        assert!(
            kiemdiem_store::voting::of_cycle(&mut conn, cycle)
                .unwrap()
                .is_empty()
        );
    }
);
