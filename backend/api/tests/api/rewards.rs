//! Rewards (W1–W6) through the real router, on both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::common::org;

use actix_web::test::TestRequest;
use common::{assert_problem, json, user};
use kiemdiem_store::{AnyConnection, members, org_assessments};
use serde_json::json;

/// `n` members in the branch; the first `streaks` excellent 2012–2016, the next one with 2014
/// missing.
fn members_in(
    conn: &mut AnyConnection,
    branch: i64,
    n: usize,
    streaks: usize,
    tag: &str,
) -> Vec<i64> {
    (0..n)
        .map(|i| {
            let id = members::create(
                conn,
                &kiemdiem_domain::member::MemberData {
                    card_number: Some(format!("{tag}{i:05}")),
                    full_name: format!("Đảng Viên {tag} {i}"),
                    gender: "male".into(),
                    date_of_birth: chrono::NaiveDate::from_ymd_opt(1975, 1, 1),
                    branch_id: branch,
                    status: "official".into(),
                    admitted_on: chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
                    official_on: chrono::NaiveDate::from_ymd_opt(2001, 1, 1),
                    category: "civil_servant".into(),
                    active: true,
                    ..Default::default()
                },
            )
            .unwrap();
            if i <= streaks {
                for year in 2012..=2016 {
                    if i == streaks && year == 2014 {
                        continue;
                    }
                    members::upsert_history(conn, id, year, "excellent", "Chi bộ", "imported")
                        .unwrap();
                }
            }
            id
        })
        .collect()
}

db_test!(members_streaks_registration_quotas_decisions, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let province = org(&mut conn, "province", "NA", None);
    let district = org(&mut conn, "district", "VINH", Some(&province));
    let small = org(&mut conn, "base", "NHO", Some(&district));
    let small_branch = org(&mut conn, "branch", "CB-NHO", Some(&small));
    let big = org(&mut conn, "base", "LON", Some(&district));
    let big_branch = org(&mut conn, "branch", "CB-LON", Some(&big));
    // 99 members (limit 1) and 100 members (limit 3).
    let small_members = members_in(&mut conn, small_branch.id, 99, 2, "N");
    let big_members = members_in(&mut conn, big_branch.id, 100, 4, "L");
    let small_committee = user(&mut conn, "danguy.nho", "committee", Some(small.id));
    let big_committee = user(&mut conn, "danguy.lon", "committee", Some(big.id));
    let district_committee = user(&mut conn, "thanhuy", "committee", Some(district.id));
    drop(conn);

    let candidates = json(send!(
        app,
        TestRequest::get().uri(&format!(
            "/api/v1/rewards/candidates?organization_id={}&year=2016",
            small.id
        )),
        small_committee
    ))
    .await;
    let names: Vec<&str> = candidates["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["full_name"].as_str().unwrap())
        .collect();
    // Exactly five years counts; the one with 2014 missing does not.
    assert_eq!(names, ["Đảng Viên N 0", "Đảng Viên N 1"]);
    let years: Vec<i64> = candidates["members"][0]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2012, 2013, 2014, 2015, 2016]);

    let nominate = |base: i64, member: i64| {
        TestRequest::post().uri("/api/v1/rewards/nominations").set_json(json!({
            "reward": "member_certificate", "year": 2016, "member_id": member, "nominating_organization_id": base,
        }))
    };
    // W6: not registered for emulation yet.
    let p = assert_problem(
        send!(app, nominate(small.id, small_members[0]), small_committee),
        409,
        "not_registered",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("W6"));
    for (base, t) in [(small.id, &small_committee), (big.id, &big_committee)] {
        let res = send!(
            app,
            TestRequest::post()
                .uri("/api/v1/rewards/registrations")
                .set_json(json!({ "organization_id": base, "year": 2016 })),
            t
        );
        assert_eq!(res.status(), 201);
    }
    // W1: the gap year is named.
    let p = assert_problem(
        send!(app, nominate(small.id, small_members[2]), small_committee),
        422,
        "validation_failed",
    )
    .await;
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("2014"));
    // W2 at 99 members: one; the second is over quota.
    assert_eq!(
        send!(app, nominate(small.id, small_members[0]), small_committee).status(),
        201
    );
    let p = assert_problem(
        send!(app, nominate(small.id, small_members[1]), small_committee),
        409,
        "quota_exceeded",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().starts_with("W2"));
    // W2 at 100 members: three.
    for m in &big_members[..3] {
        assert_eq!(
            send!(app, nominate(big.id, *m), big_committee).status(),
            201
        );
    }
    assert_problem(
        send!(app, nominate(big.id, big_members[3]), big_committee),
        409,
        "quota_exceeded",
    )
    .await;
    let quotas = json(send!(
        app,
        TestRequest::get().uri(&format!(
            "/api/v1/rewards/quotas?organization_id={}&year=2016",
            big.id
        )),
        big_committee
    ))
    .await;
    let w2 = quotas
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["reward"] == "member_certificate")
        .unwrap();
    assert_eq!(
        (w2["limit"].as_u64(), w2["used"].as_u64()),
        (Some(3), Some(3))
    );
    // The district's agenda says what waits for its decision (issue #17); the base's does not.
    let to_decide = |agenda: serde_json::Value| -> Vec<(String, String)> {
        agenda["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "nominations_to_decide")
            .map(|i| {
                (
                    i["message"].as_str().unwrap().to_owned(),
                    i["route"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let agenda = || TestRequest::get().uri("/api/v1/me/agenda");
    let waiting = to_decide(json(send!(app, agenda(), district_committee)).await);
    let big_route = format!("/rewards?org={}&year=2016", big.id);
    assert!(
        waiting
            .iter()
            .any(|(m, r)| m.contains("3 trường hợp năm 2016") && *r == big_route),
        "{waiting:?}"
    );
    assert_eq!(
        to_decide(json(send!(app, agenda(), big_committee)).await),
        vec![]
    );
    // Decisions belong to the district: a rejection frees the place, a revocation keeps the record.
    let list = json(send!(
        app,
        TestRequest::get().uri(&format!(
            "/api/v1/rewards/nominations?organization_id={}&year=2016",
            big.id
        )),
        big_committee
    ))
    .await["items"]
        .clone();
    let first = list[0]["id"].as_i64().unwrap();
    let decide = |id: i64, d: &str, c: Option<&str>| {
        TestRequest::post()
            .uri(&format!("/api/v1/rewards/nominations/{id}/decision"))
            .set_json(json!({ "decision": d, "comment": c }))
    };
    assert_problem(
        send!(app, decide(first, "approve", None), big_committee),
        403,
        "forbidden",
    )
    .await;
    let r = json(send!(
        app,
        decide(first, "reject", Some("Chưa nổi trội")),
        district_committee
    ))
    .await;
    assert_eq!(r["status"], "rejected");
    assert_eq!(
        send!(app, nominate(big.id, big_members[3]), big_committee).status(),
        201
    );
    let second = list[1]["id"].as_i64().unwrap();
    assert_eq!(
        json(send!(
            app,
            decide(second, "approve", None),
            district_committee
        ))
        .await["status"],
        "approved"
    );
    assert_problem(
        send!(app, decide(second, "revoke", None), district_committee),
        422,
        "validation_failed",
    )
    .await;
    let r = json(send!(
        app,
        decide(
            second,
            "revoke",
            Some("Phát hiện vi phạm sau khi khen thưởng")
        ),
        district_committee
    ))
    .await;
    assert_eq!(
        (r["status"].as_str(), r["revoked_reason"].as_str()),
        (
            Some("revoked"),
            Some("Phát hiện vi phạm sau khi khen thưởng")
        )
    );
    assert_eq!(r["evidence"].as_array().unwrap().len(), 5);
    // Decided ones leave the agenda: the third and the fourth still wait.
    let waiting = to_decide(json(send!(app, agenda(), district_committee)).await);
    assert!(
        waiting
            .iter()
            .any(|(m, r)| m.contains("2 trường hợp năm 2016") && *r == big_route),
        "{waiting:?}"
    );
});

db_test!(
    branches_with_five_exemplary_years_one_per_base,
    |app, db| {
        let mut conn = db.pool.get().unwrap();
        let province = org(&mut conn, "province", "NA", None);
        let district = org(&mut conn, "district", "VINH", Some(&province));
        let base = org(&mut conn, "base", "CS", Some(&district));
        let branches: Vec<_> = (0..2)
            .map(|i| org(&mut conn, "branch", &format!("CB{i}"), Some(&base)))
            .collect();
        let cycle = common::cycle(&mut conn, base.id, 2016);
        for b in &branches {
            for year in 2012..=2016 {
                org_assessments::put_self(
                    &mut conn,
                    year,
                    b.id,
                    cycle,
                    "{}",
                    95,
                    "clean_strong",
                    None,
                    "x",
                )
                .unwrap();
                let a = org_assessments::find(&mut conn, year, b.id)
                    .unwrap()
                    .unwrap();
                org_assessments::review(&mut conn, a.id, "{}", 95, "clean_strong", true, None, "x")
                    .unwrap();
            }
        }
        let committee = user(&mut conn, "danguy", "committee", Some(base.id));
        kiemdiem_store::rewards::register(
            &mut conn,
            base.id,
            2016,
            chrono::NaiveDate::from_ymd_opt(2016, 1, 5).unwrap(),
            "x",
        )
        .unwrap();
        for b in &branches {
            kiemdiem_store::rewards::register(
                &mut conn,
                b.id,
                2016,
                chrono::NaiveDate::from_ymd_opt(2016, 1, 5).unwrap(),
                "x",
            )
            .unwrap();
        }
        drop(conn);
        let c = json(send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/rewards/candidates?organization_id={}&year=2016",
                base.id
            )),
            committee
        ))
        .await;
        assert_eq!(c["organizations"].as_array().unwrap().len(), 2);
        let nominate = |o: i64| {
            TestRequest::post().uri("/api/v1/rewards/nominations").set_json(json!({
        "reward": "branch_certificate", "year": 2016, "organization_id": o, "nominating_organization_id": base.id,
    }))
        };
        assert_eq!(
            send!(app, nominate(branches[0].id), committee).status(),
            201
        );
        let p = assert_problem(
            send!(app, nominate(branches[1].id), committee),
            409,
            "quota_exceeded",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().starts_with("W4"));
        // A base is not a branch: the reward's kind is checked.
        let wrong = TestRequest::post().uri("/api/v1/rewards/nominations").set_json(json!({
        "reward": "branch_certificate", "year": 2016, "organization_id": base.id, "nominating_organization_id": base.id,
    }));
        assert_problem(send!(app, wrong, committee), 422, "validation_failed").await;
    }
);

// W4/W5 (issue #16): an organisation's past years, entered from the archived decisions, make
// its five-year streak; bad input names every field and writes nothing; a year the system
// assessed is the system's (409); the branch's own committee may not type its results, the
// base's may; the branch's streak shows among the candidates only once all five years are in.
db_test!(past_organisation_results_make_streaks, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let province = org(&mut conn, "province", "NA", None);
    let district = org(&mut conn, "district", "VINH", Some(&province));
    let base = org(&mut conn, "base", "DHV", Some(&district));
    let branch = org(&mut conn, "branch", "CB-TOAN", Some(&base));
    let committee = user(&mut conn, "danguy", "committee", Some(base.id));
    let secretary = user(&mut conn, "bithu", "branch_committee", Some(branch.id));
    drop(conn);
    let put = |year: i32, body: serde_json::Value| {
        TestRequest::put()
            .uri(&format!(
                "/api/v1/organizations/{}/history/{year}",
                branch.id
            ))
            .set_json(body)
    };
    let good = |year: i32| {
        json!({ "level": "clean_strong", "exemplary": true,
                "source": format!("QĐ {year}-QĐ/ĐU ngày 20/12/{year}") })
    };
    let fields = common::invalid_fields(send!(
        app,
        put(
            2200,
            json!({ "level": "good", "exemplary": true, "source": " " })
        ),
        committee
    ))
    .await;
    let names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["year", "exemplary", "source"]);
    assert_problem(
        send!(app, put(2012, good(2012)), secretary),
        403,
        "forbidden",
    )
    .await;
    let history =
        || TestRequest::get().uri(&format!("/api/v1/organizations/{}/history", branch.id));
    assert_eq!(json(send!(app, history(), secretary)).await, json!([]));
    let candidates = || {
        TestRequest::get().uri(&format!(
            "/api/v1/rewards/candidates?organization_id={}&year=2016",
            base.id
        ))
    };
    for year in 2012..=2015 {
        assert_eq!(send!(app, put(year, good(year)), committee).status(), 200);
    }
    // Four years: no streak yet.
    let c = json(send!(app, candidates(), committee)).await;
    assert_eq!(c["organizations"], json!([]));
    let r = json(send!(app, put(2016, good(2016)), committee)).await;
    assert_eq!(r["source"], "QĐ 2016-QĐ/ĐU ngày 20/12/2016");
    let c = json(send!(app, candidates(), committee)).await;
    assert_eq!(c["organizations"][0]["organization_id"], branch.id);
    assert_eq!(c["organizations"][0]["years"][0]["level"], "clean_strong");
    // Replacing a year: 2014 only good: the streak is broken.
    assert_eq!(
        send!(
            app,
            put(2014, json!({ "level": "good", "source": "QĐ 7" })),
            committee
        )
        .status(),
        200
    );
    let c = json(send!(app, candidates(), committee)).await;
    assert_eq!(c["organizations"], json!([]));
    let h = json(send!(app, history(), secretary)).await;
    assert_eq!(h.as_array().unwrap().len(), 5);
    assert_eq!(h[2]["level"], "good");
    // A year the system assessed is the system's.
    {
        let mut conn = db.pool.get().unwrap();
        let cycle = common::cycle(&mut conn, branch.id, 2011);
        org_assessments::put_self(
            &mut conn,
            2011,
            branch.id,
            cycle,
            r#"{"politics":14}"#,
            90,
            "clean_strong",
            None,
            "danguy",
        )
        .unwrap();
    }
    assert_problem(
        send!(app, put(2011, good(2011)), committee),
        409,
        "system_year",
    )
    .await;
});
