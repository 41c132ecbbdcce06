//! Review cycles through the real router, on both databases: the plan from the 2016
//! template, one cycle per organisation and year, the forward-only stage machine, closed
//! phases refusing writes until reopened with a reason.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use common::{assert_problem, json};
use serde_json::{Value, json};

fn setup(db: &common::TestDb) -> (String, i64) {
    let mut conn = db.pool.get().unwrap();
    let mut parent = None;
    for (code, kind) in [("NA", "province"), ("VINH", "district"), ("DHKT", "base")] {
        let org = kiemdiem_store::organizations::create(
            &mut conn,
            kiemdiem_store::organizations::NewOrganization {
                kind,
                code,
                name: &format!("Tổ chức {code}"),
                parent: parent.as_ref(),
            },
        )
        .unwrap();
        parent = Some(org);
    }
    let base = parent.unwrap();
    let u = kiemdiem_store::users::create(
        &mut conn,
        kiemdiem_store::users::NewUser {
            username: "danguy",
            display_name: "Đảng ủy",
            password_hash: "x",
            member_id: None,
        },
    )
    .unwrap();
    kiemdiem_store::users::add_assignment(&mut conn, u.id, "committee", Some(base.id)).unwrap();
    let token = kiemdiem_api::auth::jwt::Keys::new(common::TEST_SECRET)
        .issue(format!("user:{}", u.id), 0)
        .unwrap()
        .0;
    (format!("Bearer {token}"), base.id)
}

db_test!(
    a_cycle_starts_from_the_2016_plan_and_freezes_its_rules,
    |app, db| {
        let (token, base) = setup(&db);
        let res = send!(
            app,
            TestRequest::post().uri("/api/v1/cycles").set_json(json!({
                "organization_id": base, "year": 2016, "reference_date": "2016-11-15",
            })),
            token
        );
        assert_eq!(res.status(), 201);
        let cycle = json(res).await;
        assert_eq!(cycle["stage"], "self_review");
        assert_eq!(cycle["rule_set"], "vinh-2016");
        assert_eq!(cycle["rules"]["quota"]["percent"], 15);
        assert_eq!(
            cycle["rules"]["excellent"],
            json!({ "num": 2, "den": 3, "strict": true })
        );
        let phases = cycle["phases"].as_array().unwrap();
        let self_reviews = phases.iter().find(|p| p["code"] == "self_reviews").unwrap();
        assert_eq!(
            (
                self_reviews["starts_on"].as_str(),
                self_reviews["ends_on"].as_str()
            ),
            (Some("2016-11-04"), Some("2016-11-09"))
        );
        let appraisal = phases.iter().find(|p| p["code"] == "appraisal").unwrap();
        assert_eq!(appraisal["starts_on"], "2016-11-23");

        // One per organisation and year.
        let res = send!(
            app,
            TestRequest::post().uri("/api/v1/cycles").set_json(json!({
                "organization_id": base, "year": 2016, "reference_date": "2016-11-20",
            })),
            token
        );
        assert_problem(res, 409, "cycle_exists").await;
        // The next year starts from the same plan, shifted.
        let res = send!(app, TestRequest::post().uri("/api/v1/cycles").set_json(json!({
        "organization_id": base, "year": 2017, "reference_date": "2017-11-15", "rule_set": "không-có",
    })), token);
        let p = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(p["errors"][0]["field"], "rule_set");
    }
);

db_test!(
    stages_only_move_forward_and_every_move_is_audited,
    |app, db| {
        let (token, base) = setup(&db);
        let cycle = json(send!(
            app,
            TestRequest::post().uri("/api/v1/cycles").set_json(json!({
                "organization_id": base, "year": 2016, "reference_date": "2016-11-15",
            })),
            token
        ))
        .await;
        let id = cycle["id"].as_i64().unwrap();
        let advance = |to: &str| {
            TestRequest::post()
                .uri(&format!("/api/v1/cycles/{id}/advance"))
                .set_json(json!({ "to": to }))
        };
        assert_problem(send!(app, advance("voting"), token), 409, "stage_order").await;
        assert_problem(
            send!(app, advance("self_review"), token),
            409,
            "stage_order",
        )
        .await;
        assert_problem(
            send!(app, advance("later"), token),
            422,
            "validation_failed",
        )
        .await;
        for to in ["feedback", "voting", "appraisal", "closed"] {
            let res = send!(app, advance(to), token);
            assert_eq!(res.status(), 200, "{to}");
            assert_eq!(json(res).await["stage"], to);
        }
        assert_problem(send!(app, advance("closed"), token), 409, "cycle_closed").await;
        let audit = json(send!(
            app,
            TestRequest::get().uri("/api/v1/audit?action=advance"),
            token
        ))
        .await;
        let moves: Vec<(Value, Value)> = audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["before"]["stage"].clone(), e["after"]["stage"].clone()))
            .collect();
        assert_eq!(moves.len(), 4);
        assert_eq!(moves[0], (json!("appraisal"), json!("closed")));
    }
);

db_test!(
    a_closed_phase_refuses_writes_until_reopened_with_a_reason,
    |app, db| {
        let (token, base) = setup(&db);
        let cycle = json(send!(
            app,
            TestRequest::post().uri("/api/v1/cycles").set_json(json!({
                "organization_id": base, "year": 2016, "reference_date": "2016-11-15",
            })),
            token
        ))
        .await;
        let id = cycle["id"].as_i64().unwrap();
        let phase = cycle["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == "self_reviews")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let edit = |body: Value| {
            TestRequest::patch()
                .uri(&format!("/api/v1/cycles/{id}/phases/{phase}"))
                .set_json(body)
        };

        let res = send!(
            app,
            edit(json!({ "ends_on": "2016-11-10", "lead": "Từng đảng viên" })),
            token
        );
        let c = json(res).await;
        let p = c["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == phase)
            .unwrap()
            .clone();
        assert_eq!(
            (p["ends_on"].as_str(), p["lead"].as_str()),
            (Some("2016-11-10"), Some("Từng đảng viên"))
        );
        // A phase may run into the next year (the records go up in January, T1), not beyond.
        let res = send!(app, edit(json!({ "ends_on": "2017-01-31" })), token);
        assert_eq!(res.status(), 200);
        let fields =
            common::invalid_fields(send!(app, edit(json!({ "ends_on": "2018-01-31" })), token))
                .await;
        assert_eq!(fields, [("ends_on".to_owned(), "wrong_year".to_owned())]);
        assert_problem(
            send!(app, edit(json!({ "ends_on": "2016-11-01" })), token),
            422,
            "validation_failed",
        )
        .await;

        let close = TestRequest::post().uri(&format!("/api/v1/cycles/{id}/phases/{phase}/close"));
        assert_eq!(send!(app, close, token).status(), 200);
        assert_problem(
            send!(app, edit(json!({ "ends_on": "2016-11-12" })), token),
            409,
            "phase_closed",
        )
        .await;

        let reopen = |body: Value| {
            TestRequest::post()
                .uri(&format!("/api/v1/cycles/{id}/phases/{phase}/reopen"))
                .set_json(body)
        };
        assert_problem(
            send!(app, reopen(json!({ "reason": "" })), token),
            422,
            "validation_failed",
        )
        .await;
        let res = send!(
            app,
            reopen(json!({ "reason": "Chi bộ Khoa Cơ sở nộp muộn" })),
            token
        );
        let c = json(res).await;
        let p = c["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == phase)
            .unwrap()
            .clone();
        assert_eq!(p["closed"], false);
        assert_eq!(p["reopened_reason"], "Chi bộ Khoa Cơ sở nộp muộn");
        assert_eq!(
            send!(app, edit(json!({ "ends_on": "2016-11-12" })), token).status(),
            200
        );
    }
);
