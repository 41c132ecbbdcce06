//! The what-if preview and the rule sets through the real router, on both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{assert_problem, json};
use kiemdiem_store::users;
use serde_json::{Value, json};

fn token(db: &common::TestDb) -> String {
    let mut conn = db.pool.get().unwrap();
    let u = users::create(
        &mut conn,
        users::NewUser {
            username: "bithu",
            display_name: "Bí thư",
            password_hash: "x",
            member_id: None,
        },
    )
    .unwrap();
    // No organisation at all: the preview needs only a login.
    format!(
        "Bearer {}",
        kiemdiem_api::auth::jwt::Keys::new(common::TEST_SECRET)
            .issue(format!("user:{}", u.id), 0)
            .unwrap()
            .0
    )
}

fn member(id: &str, votes: Value) -> Value {
    json!({
        "id": id, "status": "official", "admitted_on": "2008-09-02", "category": "civil_servant",
        "professional_rating": "excellent", "votes": votes,
    })
}

macro_rules! preview {
    ($app:expr, $token:expr, $body:expr $(,)?) => {
        call_service(
            &$app,
            TestRequest::post()
                .uri("/api/v1/classification/preview")
                .insert_header(("authorization", $token.as_str()))
                .set_json($body)
                .to_request(),
        )
        .await
    };
}

db_test!(a_branch_of_nine_with_the_quota_and_the_gates, |app, db| {
    let t = token(&db);
    // Nine official members, one absent and not exempt (stays in D), one probationary
    // admitted in August (M4). D = 9: 7 votes × 3 = 21 > 18 reaches excellent for a, b and c;
    // the quota (15% of the 7 good or better) allows one.
    let mut members = vec![
        member("a", json!({ "excellent": 7, "good": 1 })),
        member("b", json!({ "excellent": 7, "good": 0, "completed": 1 })),
        member("c", json!({ "excellent": 8 })),
    ];
    for id in ["d", "e", "f", "g"] {
        members.push(member(id, json!({ "good": 6, "completed": 2 })));
    }
    // h: rated only "completed" at work: capped at completed (M9), so the cascade gives completed.
    let mut h = member("h", json!({ "excellent": 8 }));
    h["professional_rating"] = json!("completed");
    members.push(h);
    let mut absent = member("i", json!({}));
    absent["present"] = json!(false);
    members.push(absent);
    let mut newcomer = member("j", json!({}));
    newcomer["status"] = json!("probationary");
    newcomer["admitted_on"] = json!("2016-08-01");
    members.push(newcomer);
    let res = preview!(
        app,
        t,
        json!({ "rule_set": "vinh-2016", "reference_date": "2016-11-15",
                "branch": { "outstanding_unit": false }, "members": members }),
    );
    assert_eq!(res.status(), 200);
    let out = json(res).await;
    assert_eq!(out["denominator"], 9);
    assert_eq!(out["voters_present"], 8);
    let by_id = |id: &str| {
        out["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    // G = a, b, c and d–g: 7 good or better → 15% of 7 = 1.05 → 1. Q1, three voted excellent:
    // c (8 votes) stays, a and b (7 each) fall to good.
    assert_eq!(
        out["quota"],
        json!({ "limit": 1, "basis": "Q1", "counted": 7, "excellent_before_quota": 3, "excellent": 1 })
    );
    assert_eq!(by_id("c")["level"], "excellent");
    assert_eq!(by_id("a")["level"], "good");
    assert_eq!(by_id("a")["reasons"], json!(["M6", "Q4"]));
    // The same in words (issue #17), the rule ids kept beside them.
    let words = by_id("a")["explanation"].as_str().unwrap().to_owned();
    assert!(
        words.starts_with("Hoàn thành xuất sắc nhiệm vụ:")
            && words.ends_with("vượt tỷ lệ xuất sắc của chi bộ nên xếp hoàn thành tốt nhiệm vụ"),
        "{words}"
    );
    assert_eq!(
        by_id("j")["explanation"],
        "Vào Đảng chưa đủ 6 tháng: không xếp loại"
    );
    assert_eq!(by_id("h")["level"], "completed");
    assert_eq!(by_id("h")["cap"], "completed");
    // Rated below excellent at work with no honours: M8 caps at good, M9 at completed.
    assert_eq!(by_id("h")["reasons"], json!(["M8", "M9", "M6", "M7"]));
    assert_eq!(by_id("i")["status"], "pending");
    assert_eq!(by_id("i")["reasons"], json!(["M3"]));
    assert_eq!(by_id("j")["status"], "not_classified");
    assert_eq!(by_id("j")["reasons"], json!(["M4"]));
    // Results come back in the order sent.
    let ids: Vec<&str> = out["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    let codes: Vec<&str> = out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["M9-remedy", "M3-supplement"]);
});

db_test!(
    every_invalid_field_is_named_and_nothing_is_classified,
    |app, db| {
        let t = token(&db);
        let mut wrong_category = member("b", json!({}));
        wrong_category["category"] = json!("farmer");
        let body = json!({
            "rule_set": "hanoi-2030", "reference_date": "2016-11-15",
            "members": [
                member("a", json!({ "excellent": -1 })),
                wrong_category,
                member("a", json!({})),
            ],
        });
        let res = preview!(app, t, body);
        let problem = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            [
                "rule_set",
                "members[0].votes.excellent",
                "members[1].category"
            ]
        );
        // With the fields valid, the engine's checks: a duplicate id and more ballots than the
        // voters present (two members, both present: at most 2).
        let body = json!({
            "reference_date": "2016-11-15",
            "members": [ member("a", json!({ "excellent": 2, "good": 1 })), member("a", json!({})) ],
        });
        let problem = assert_problem(preview!(app, t, body), 422, "validation_failed").await;
        let errors: Vec<(&str, &str)> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            errors,
            [
                ("members[0].votes", "over_voters_present"),
                ("members[1].id", "duplicate")
            ]
        );
        // Malformed JSON is a 400; no token is a 401.
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
        assert_eq!(res.status(), 400);
        let res = call_service(
            &app,
            TestRequest::post()
                .uri("/api/v1/classification/preview")
                .set_json(json!({ "reference_date": "2016-11-15", "members": [] }))
                .to_request(),
        )
        .await;
        assert_eq!(res.status(), 401);
    }
);

db_test!(rule_sets_list_vinh_2016_with_its_parameters, |app, db| {
    let t = token(&db);
    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/api/v1/rule-sets")
            .insert_header(("authorization", t.as_str()))
            .to_request(),
    )
    .await;
    let sets = json(res).await;
    assert_eq!(sets[0]["name"], "vinh-2016");
    assert_eq!(sets[0]["quota_percent"], 15);
    assert_eq!(
        sets[0]["excellent_threshold"],
        json!({ "num": 2, "den": 3, "strict": true })
    );
});
