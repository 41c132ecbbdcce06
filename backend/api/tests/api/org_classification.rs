//! Organisations' classification (O1–O4) and rule-set versions, through the real router, on
//! both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::common::org;

use actix_web::test::TestRequest;
use common::{assert_problem, json, user};
use serde_json::{Value, json};

struct World {
    /// One cycle per base, 2016.
    cycles: Vec<i64>,
    bases: Vec<i64>,
    branch: i64,
    district: i64,
    base_committee: String,
    secretary: String,
    district_committee: String,
    admin: String,
}

fn world(db: &common::TestDb) -> World {
    let mut conn = db.pool.get().unwrap();
    let province = org(&mut conn, "province", "NA", None);
    let district = org(&mut conn, "district", "VINH", Some(&province));
    let mut bases = Vec::new();
    let mut cycle_ids = Vec::new();
    let mut branch = 0;
    for i in 0..4 {
        let base = org(&mut conn, "base", &format!("CS{i}"), Some(&district));
        if i == 0 {
            branch = org(&mut conn, "branch", "CB0", Some(&base)).id;
        }
        cycle_ids.push(common::cycle(&mut conn, base.id, 2016));
        bases.push(base.id);
    }
    World {
        base_committee: user(&mut conn, "danguy0", "committee", Some(bases[0])),
        secretary: user(&mut conn, "bithu0", "branch_committee", Some(branch)),
        district_committee: user(&mut conn, "thanhuy", "committee", Some(district.id)),
        admin: user(&mut conn, "quantri", "admin", None),
        cycles: cycle_ids,
        bases,
        branch,
        district: district.id,
    }
}

fn sheet(points: [u32; 5]) -> Value {
    json!({ "politics": points[0], "leadership": points[1], "organisation": points[2], "inspection": points[3], "mass": points[4] })
}

db_test!(
    a_branch_scores_itself_the_base_reviews_and_the_district_sees_its_limits,
    |app, db| {
        let w = world(&db);
        let uri = format!(
            "/api/v1/cycles/{}/organizations/{}/assessment",
            w.cycles[0], w.branch
        );
        // A criterion over its maximum and one missing: both named.
        let res = send!(app, TestRequest::put().uri(&uri).set_json(json!({ "self_points": { "politics": 16, "leadership": 30, "organisation": 20, "inspection": 15 } })), w.secretary);
        let p = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["self_points.politics", "self_points.mass"]);
        let a = json(send!(
            app,
            TestRequest::put()
                .uri(&uri)
                .set_json(json!({ "self_points": sheet([14, 28, 18, 14, 18]) })),
            w.secretary
        ))
        .await;
        assert_eq!(
            (
                a["self_total"].as_u64(),
                a["level"].as_str(),
                a["status"].as_str()
            ),
            (Some(92), Some("clean_strong"), Some("submitted"))
        );
        // The branch committee cannot review itself; the base committee's points decide.
        let review = format!("{uri}/review");
        assert_problem(
            send!(
                app,
                TestRequest::put()
                    .uri(&review)
                    .set_json(json!({ "superior_points": sheet([12, 25, 16, 12, 15]) })),
                w.secretary
            ),
            403,
            "forbidden",
        )
        .await;
        let p = assert_problem(
            send!(
                app,
                TestRequest::put().uri(&review).set_json(
                    json!({ "superior_points": sheet([12, 25, 16, 12, 15]), "exemplary": true })
                ),
                w.base_committee
            ),
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "exemplary");
        let a = json(send!(
            app,
            TestRequest::put()
                .uri(&review)
                .set_json(json!({ "superior_points": sheet([12, 25, 16, 12, 15]) })),
            w.base_committee
        ))
        .await;
        assert_eq!(
            (
                a["superior_total"].as_u64(),
                a["level"].as_str(),
                a["status"].as_str()
            ),
            (Some(80), Some("good"), Some("reviewed"))
        );
        assert_eq!(a["criteria"][0]["self_points"], 14);
        assert_eq!(a["criteria"][0]["superior_points"], 12);
        assert_problem(
            send!(
                app,
                TestRequest::put()
                    .uri(&uri)
                    .set_json(json!({ "self_points": sheet([15, 30, 20, 15, 20]) })),
                w.secretary
            ),
            409,
            "already_reviewed",
        )
        .await;

        // Four bases: three made clean_strong by the district, two of them exemplary, three units
        // outstanding. O2: 3 > 50% of 4; exemplary 2 > 20% of 3; O3: 3 > 50% of 4.
        let mut conn = db.pool.get().unwrap();
        let committees: Vec<String> = (1..4)
            .map(|i| {
                user(
                    &mut conn,
                    &format!("danguy{i}"),
                    "committee",
                    Some(w.bases[i]),
                )
            })
            .collect();
        drop(conn);
        for (i, base) in w.bases.iter().enumerate() {
            let t = if i == 0 {
                &w.base_committee
            } else {
                &committees[i - 1]
            };
            let u = format!(
                "/api/v1/cycles/{}/organizations/{base}/assessment",
                w.cycles[i]
            );
            let res = send!(app, TestRequest::put().uri(&u).set_json(json!({ "self_points": sheet([15, 28, 19, 14, 19]), "unit_rating": if i < 3 { "outstanding" } else { "good" } })), t);
            assert_eq!(res.status(), 200);
            let points = if i < 3 {
                sheet([15, 28, 19, 14, 19])
            } else {
                sheet([10, 20, 15, 10, 10])
            };
            let res = send!(
                app,
                TestRequest::put()
                    .uri(&format!("{u}/review"))
                    .set_json(json!({ "superior_points": points, "exemplary": i < 2 })),
                w.district_committee
            );
            assert_eq!(res.status(), 200, "base {i}");
        }
        let o = json(send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/organization-classification?organization_id={}&year=2016",
                w.district
            )),
            w.district_committee
        ))
        .await;
        assert_eq!(
            (
                o["classified"].as_u64(),
                o["clean_strong"].as_u64(),
                o["exemplary"].as_u64(),
                o["completed"].as_u64()
            ),
            (Some(4), Some(3), Some(2), Some(1))
        );
        let rules: Vec<&str> = o["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["rule"].as_str().unwrap())
            .collect();
        assert_eq!(rules, ["O2", "O2-exemplary", "O3"]);
        // A base committee sees its branches, not the district's table.
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!(
                    "/api/v1/organization-classification?organization_id={}&year=2016",
                    w.district
                )),
                w.base_committee
            ),
            404,
            "not_found",
        )
        .await;
        let b = json(send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/organization-classification?organization_id={}&year=2016",
                w.bases[0]
            )),
            w.base_committee
        ))
        .await;
        assert_eq!(b["organizations"][0]["level"], "good");
        assert_eq!(b["warnings"].as_array().unwrap().len(), 0);
        let _ = &w.admin;
    }
);

db_test!(
    an_admin_copies_a_rule_set_and_later_cycles_freeze_it,
    |app, db| {
        let w = world(&db);
        // Lists answer with an ETag; the same list again with If-None-Match is a 304 without body.
        let res = send!(
            app,
            TestRequest::get().uri("/api/v1/rule-sets"),
            w.secretary
        );
        let tag = common::etag(&res);
        let res = send!(
            app,
            TestRequest::get()
                .uri("/api/v1/rule-sets")
                .insert_header(("if-none-match", tag.as_str())),
            w.secretary
        );
        assert_eq!(res.status(), 304);
        assert!(actix_web::test::read_body(res).await.is_empty());
        let body = json!({ "name": "vinh-2019", "based_on": "vinh-2016", "quota_percent": 20, "quota_basis": "good" });
        assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri("/api/v1/rule-sets")
                    .set_json(body.clone()),
                w.district_committee
            ),
            403,
            "forbidden",
        )
        .await;
        let bad = json!({ "name": "sai", "based_on": "vinh-2016", "quota_percent": 120, "quota_basis": "all", "pass_threshold": { "num": 3, "den": 2, "strict": true } });
        let p = assert_problem(
            send!(
                app,
                TestRequest::post().uri("/api/v1/rule-sets").set_json(bad),
                w.admin
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
        assert_eq!(fields, ["quota_percent", "quota_basis", "pass_threshold"]);
        let res = send!(
            app,
            TestRequest::post()
                .uri("/api/v1/rule-sets")
                .set_json(body.clone()),
            w.admin
        );
        assert_eq!(res.status(), 201);
        assert_problem(
            send!(
                app,
                TestRequest::post().uri("/api/v1/rule-sets").set_json(body),
                w.admin
            ),
            409,
            "rule_set_exists",
        )
        .await;
        let sets = json(send!(
            app,
            TestRequest::get().uri("/api/v1/rule-sets"),
            w.secretary
        ))
        .await;
        let names: Vec<&str> = sets
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["vinh-2016", "tw-366-2025", "vinh-2019"]);
        assert_eq!(sets[2]["based_on"], "vinh-2016");
        // Changed since: the old tag no longer matches.
        let res = send!(
            app,
            TestRequest::get()
                .uri("/api/v1/rule-sets")
                .insert_header(("if-none-match", tag.as_str())),
            w.secretary
        );
        assert_eq!(res.status(), 200);
        assert_ne!(res.headers().get("etag").unwrap().to_str().unwrap(), tag);
        // The preview under 2019's rules: 20% of the 16 voted good = 3 (2016 would give 15% of 20).
        let members: Vec<Value> = (0..20).map(|i| json!({
        "id": format!("m{i}"), "status": "official", "admitted_on": "2005-01-01", "category": "civil_servant",
        "professional_rating": "excellent", "votes": if i < 4 { json!({ "excellent": 20 }) } else { json!({ "good": 20 }) },
    })).collect();
        let out = json(send!(app, TestRequest::post().uri("/api/v1/classification/preview").set_json(json!({ "rule_set": "vinh-2019", "reference_date": "2019-11-15", "members": members })), w.secretary)).await;
        assert_eq!(
            (
                out["quota"]["counted"].as_u64(),
                out["quota"]["limit"].as_u64()
            ),
            (Some(16), Some(3))
        );
        // A cycle started with it keeps its parameters.
        let res = send!(app, TestRequest::post().uri("/api/v1/cycles").set_json(json!({ "organization_id": w.bases[1], "year": 2019, "rule_set": "vinh-2019", "reference_date": "2019-11-15" })), w.district_committee);
        assert_eq!(res.status(), 201);
        let c = json(res).await;
        assert_eq!(c["rule_set"], "vinh-2019");
        assert_eq!(c["rules"]["quota"]["percent"], 20);
        assert_eq!(c["rules"]["quota"]["basis"], "good");
    }
);

// O5 (issue #16): the district cancels a recognition found undeserved — a decision with its
// number, date and reason; the earlier result is kept with it; bad input is named and changes
// nothing; parallel decisions on the same result apply once; the sheet may not be scored again.
db_test!(the_district_cancels_a_recognition_by_decision, |app, db| {
    let w = world(&db);
    let u = format!(
        "/api/v1/cycles/{}/organizations/{}/assessment",
        w.cycles[0], w.bases[0]
    );
    let cancellations = format!("{u}/cancellations");
    let res = send!(
        app,
        TestRequest::put()
            .uri(&u)
            .set_json(json!({ "self_points": sheet([15, 28, 19, 14, 19]) })),
        w.base_committee
    );
    assert_eq!(res.status(), 200);
    // Nothing recognised yet: not reviewed.
    let decision = |level: &str, exemplary: bool| {
        json!({ "level": level, "exemplary": exemplary, "reason": "Phát hiện sai phạm về tài chính sau kiểm tra",
                "decision_number": "15-QĐ/TU", "decided_on": "2017-03-02" })
    };
    assert_problem(
        send!(
            app,
            TestRequest::post()
                .uri(&cancellations)
                .set_json(decision("good", false)),
            w.district_committee
        ),
        409,
        "not_reviewed",
    )
    .await;
    let res = send!(
        app,
        TestRequest::put()
            .uri(&format!("{u}/review"))
            .set_json(json!({ "superior_points": sheet([15, 28, 19, 14, 19]), "exemplary": true })),
        w.district_committee
    );
    assert_eq!(res.status(), 200);

    // Only the district decides.
    assert_problem(
        send!(
            app,
            TestRequest::post()
                .uri(&cancellations)
                .set_json(decision("good", false)),
            w.base_committee
        ),
        403,
        "forbidden",
    )
    .await;
    // Every bad field named; nothing written.
    let fields = common::invalid_fields(send!(
        app,
        TestRequest::post().uri(&cancellations).set_json(json!({
            "level": "xuat_sac", "reason": " ", "decision_number": " ", "decided_on": "2015-12-31"
        })),
        w.district_committee
    ))
    .await;
    let names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["level", "reason", "decision_number", "decided_on"]);
    let fields = common::invalid_fields(send!(
        app,
        TestRequest::post()
            .uri(&cancellations)
            .set_json(decision("clean_strong", true)),
        w.district_committee
    ))
    .await;
    assert_eq!(fields, [("level".to_owned(), "not_lower".to_owned())]);
    assert_eq!(
        json(send!(
            app,
            TestRequest::get().uri(&cancellations),
            w.district_committee
        ))
        .await,
        json!([])
    );
    let a = json(send!(app, TestRequest::get().uri(&u), w.base_committee)).await;
    assert_eq!(
        (a["level"].as_str(), a["exemplary"].as_bool()),
        (Some("clean_strong"), Some(true))
    );

    // Three decisions withdrawing the exemplary title at once: one applies.
    let posts: Vec<_> = (0..3)
        .map(|_| {
            actix_web::test::call_service(
                &app,
                TestRequest::post()
                    .uri(&cancellations)
                    .set_json(decision("clean_strong", false))
                    .insert_header(("authorization", w.district_committee.as_str()))
                    .to_request(),
            )
        })
        .collect();
    let statuses: Vec<u16> = futures_util::future::join_all(posts)
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
        statuses.iter().all(|s| matches!(s, 200 | 409 | 422)),
        "{statuses:?}"
    );
    // Then the level itself: clean_strong → good.
    let a = json(send!(
        app,
        TestRequest::post()
            .uri(&cancellations)
            .set_json(decision("good", false)),
        w.district_committee
    ))
    .await;
    assert_eq!(
        (a["level"].as_str(), a["exemplary"].as_bool()),
        (Some("good"), Some(false))
    );
    // The points stay as scored; the earlier results are kept with the decisions.
    assert_eq!(a["superior_total"], 95);
    let c = json(send!(
        app,
        TestRequest::get().uri(&cancellations),
        w.base_committee
    ))
    .await;
    let kept: Vec<(&str, bool, &str, bool)> = c
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["earlier_level"].as_str().unwrap(),
                d["earlier_exemplary"].as_bool().unwrap(),
                d["level"].as_str().unwrap(),
                d["exemplary"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("clean_strong", true, "clean_strong", false),
            ("clean_strong", false, "good", false)
        ]
    );
    assert_eq!(c[1]["decision_number"], "15-QĐ/TU");
    assert_eq!(c[1]["decided_on"], "2017-03-02");
    assert_eq!(c[1]["decided_by"], "thanhuy");
    // The interleaving parallel requests may or may not produce, made certain: a decision
    // taken on the result as it was read before another applied finds it changed and writes
    // nothing.
    {
        let mut conn = db.pool.get().unwrap();
        let stale = kiemdiem_store::org_assessments::find(&mut conn, 2016, w.bases[0])
            .unwrap()
            .unwrap();
        let applied = kiemdiem_store::org_assessments::cancel_recognition(
            &mut conn,
            &kiemdiem_store::org_assessments::NewCancellation {
                assessment_id: stale.id,
                organization_id: w.bases[0],
                year: 2016,
                earlier_level: "clean_strong",
                earlier_exemplary: true,
                level: "weak",
                exemplary: false,
                reason: "x",
                decision_number: "x",
                decided_on: chrono::NaiveDate::from_ymd_opt(2017, 3, 3).unwrap(),
                by: "thanhuy",
            },
        )
        .unwrap();
        assert!(!applied);
    }
    // Nothing recognised any more; and scoring again would undo the decision.
    assert_problem(
        send!(
            app,
            TestRequest::post()
                .uri(&cancellations)
                .set_json(decision("completed", false)),
            w.district_committee
        ),
        409,
        "no_recognition",
    )
    .await;
    assert_problem(
        send!(
            app,
            TestRequest::put().uri(&format!("{u}/review")).set_json(
                json!({ "superior_points": sheet([15, 28, 19, 14, 19]), "exemplary": true })
            ),
            w.district_committee
        ),
        409,
        "recognition_cancelled",
    )
    .await;
    // The district's table counts the decided level.
    let o = json(send!(
        app,
        TestRequest::get().uri(&format!(
            "/api/v1/organization-classification?organization_id={}&year=2016",
            w.district
        )),
        w.district_committee
    ))
    .await;
    assert_eq!(
        (o["clean_strong"].as_u64(), o["good"].as_u64()),
        (Some(0), Some(1))
    );
});
