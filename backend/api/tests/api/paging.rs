//! Issue #18: every list people page through under load answers a bounded page
//! (`{items, total, page, per_page}`), never an unbounded array; past the bounds the request is
//! refused with every out-of-bounds value named (422); a page's total counts only what the
//! caller may read; and a cycle's list narrows to an organisation's subtree. On both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::self_reviews::content;

use actix_web::test::TestRequest;
use common::{assert_problem, invalid_fields, json};
use std::collections::BTreeSet;

/// The lists that once answered whole arrays (`{cycle}` and `{org}` filled in).
const LISTS: [&str; 10] = [
    "/api/v1/cycles?",
    "/api/v1/cycles/{cycle}/self-reviews?",
    "/api/v1/cycles/{cycle}/professional-ratings?",
    "/api/v1/cycles/{cycle}/suggestions?",
    "/api/v1/cycles/{cycle}/feedback-requests?",
    "/api/v1/cycles/{cycle}/voting-sessions?",
    "/api/v1/feedback-requests?",
    "/api/v1/notifications?",
    "/api/v1/webhooks/{hook}/deliveries?",
    "/api/v1/rewards/nominations?organization_id={org}&year=2016&",
];

db_test!(every_list_answers_a_bounded_page, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[("province", "NA"), ("district", "VINH"), ("base", "DHV")],
    );
    let base = &orgs[2];
    let a = common::org(&mut conn, "branch", "CB-A", Some(base));
    let b = common::org(&mut conn, "branch", "CB-B", Some(base));
    let in_a: Vec<i64> = (1..=3)
        .map(|i| {
            common::person(
                &mut conn,
                &format!("Lê Văn A{i}"),
                a.id,
                &format!("3700000{i}"),
            )
        })
        .collect();
    let in_b: Vec<i64> = (4..=5)
        .map(|i| {
            common::person(
                &mut conn,
                &format!("Lê Văn B{i}"),
                b.id,
                &format!("3700000{i}"),
            )
        })
        .collect();
    let sec_a = common::user(&mut conn, "bithu.a", "branch_committee", Some(a.id));
    let sec_b = common::user(&mut conn, "bithu.b", "branch_committee", Some(b.id));
    let committee = common::user(&mut conn, "danguy", "committee", Some(base.id));
    let admin = common::user(&mut conn, "quantri", "admin", None);
    let cycle = common::cycle(&mut conn, base.id, 2016);
    drop(conn);

    // Each branch's secretary enters its members' paper forms: five self-reviews.
    for (secretary, members) in [(&sec_a, &in_a), (&sec_b, &in_b)] {
        for m in members {
            let res = send!(
                app,
                TestRequest::put()
                    .uri(&format!("/api/v1/cycles/{cycle}/members/{m}/self-review"))
                    .set_json(content("Bản giấy.")),
                secretary
            );
            assert_eq!(res.status(), 200);
        }
    }

    let list =
        |q: &str| TestRequest::get().uri(&format!("/api/v1/cycles/{cycle}/self-reviews?{q}"));
    // The base's committee pages through all five, two at a time: three pages, each member once.
    let mut seen = BTreeSet::new();
    for page in 1..=3 {
        let body = json(send!(
            app,
            list(&format!("per_page=2&page={page}")),
            committee
        ))
        .await;
        assert_eq!(
            (&body["total"], &body["page"], &body["per_page"]),
            (&5.into(), &page.into(), &2.into()),
            "{body}"
        );
        let items = body["items"].as_array().unwrap();
        assert_eq!(items.len(), if page < 3 { 2 } else { 1 });
        seen.extend(items.iter().map(|i| i["member_id"].as_i64().unwrap()));
    }
    let all: BTreeSet<i64> = in_a.iter().chain(&in_b).copied().collect();
    assert_eq!(seen, all);
    // Past the last page: an empty page, the total still told.
    let past = json(send!(app, list("per_page=2&page=4"), committee)).await;
    assert_eq!(
        (past["items"].as_array().unwrap().len(), &past["total"]),
        (0, &5.into())
    );

    // Narrowed to branch A: its three. A branch's secretary counts only its own branch, and
    // may not narrow to the other branch (not found, as everywhere outside one's scope).
    let narrowed = json(send!(
        app,
        list(&format!("organization_id={}", a.id)),
        committee
    ))
    .await;
    assert_eq!(narrowed["total"], 3);
    let own = json(send!(app, list(""), sec_b)).await;
    assert_eq!(own["total"], 2);
    assert_eq!(own["per_page"], 100, "the default page size");
    assert_problem(
        send!(app, list(&format!("organization_id={}", a.id)), sec_b),
        404,
        "not_found",
    )
    .await;
    assert_problem(
        send!(app, list("organization_id=999999"), committee),
        404,
        "not_found",
    )
    .await;

    // The cycles list pages too, and its total is what the caller works in.
    let cycles = json(send!(
        app,
        TestRequest::get().uri("/api/v1/cycles?per_page=1"),
        sec_a
    ))
    .await;
    assert_eq!(
        (cycles["total"].as_i64(), cycles["items"][0]["id"].as_i64()),
        (Some(1), Some(cycle))
    );

    let hook = send!(
        app,
        TestRequest::post()
            .uri("/api/v1/webhooks")
            .set_json(serde_json::json!({
            "url": "https://example.org/hook", "events": ["cycle.stage_changed"],
            "organization_id": base.id })),
        admin
    );
    assert_eq!(hook.status(), 201);
    let hook = json(hook).await["id"].as_i64().unwrap();

    // Every list: 500 rows at most, page from 1; out of bounds is named, whoever asks.
    for path in LISTS {
        let path = path
            .replace("{cycle}", &cycle.to_string())
            .replace("{org}", &base.id.to_string())
            .replace("{hook}", &hook.to_string());
        let at = |q: &str| TestRequest::get().uri(&format!("{path}{q}"));
        let ok = json(send!(app, at("per_page=500"), admin)).await;
        assert_eq!(ok["per_page"], 500, "{path}: {ok}");
        assert!(ok["items"].is_array(), "{path}: {ok}");
        let mut fields = invalid_fields(send!(app, at("per_page=501"), admin)).await;
        assert_eq!(
            fields,
            [("per_page".to_owned(), "out_of_range".to_owned())],
            "{path}"
        );
        fields = invalid_fields(send!(app, at("page=0&per_page=0"), admin)).await;
        fields.sort();
        assert_eq!(
            fields,
            [
                ("page".to_owned(), "out_of_range".to_owned()),
                ("per_page".to_owned(), "out_of_range".to_owned())
            ],
            "{path}"
        );
    }
});
