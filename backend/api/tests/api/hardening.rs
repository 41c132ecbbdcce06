//! Limits and headers against hostile or careless clients, through the real router: rate limits
//! per token on expensive operations (429 + Retry-After), CORS for configured origins only,
//! security headers, 405 with Allow, paging bounds, and a delete refused while in use.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service, init_service};
use common::{assert_problem, user};
use kiemdiem_store::{members, organizations, voting};

db_test!(expensive_operations_are_limited_per_token, |_app, db| {
    let mut conn = db.pool.get().unwrap();
    let district = organizations::create(
        &mut conn,
        organizations::NewOrganization {
            kind: "district",
            code: "VINH",
            name: "Thành ủy Vinh",
            parent: None,
        },
    )
    .unwrap();
    let a = user(&mut conn, "thanhuy.a", "committee", Some(district.id));
    let b = user(&mut conn, "thanhuy.b", "committee", Some(district.id));
    drop(conn);
    let app = init_service(kiemdiem_api::build(db.state().with_rate_limit(2), None)).await;
    let uri = format!(
        "/api/v1/reports/statistics?organization_id={}&year=2016",
        district.id
    );
    let get = |token: &str| {
        TestRequest::get()
            .uri(&uri)
            .insert_header(("authorization", token))
            .to_request()
    };
    assert_eq!(call_service(&app, get(&a)).await.status(), 200);
    assert_eq!(call_service(&app, get(&a)).await.status(), 200);
    let res = call_service(&app, get(&a)).await;
    // Two a minute: the next token comes back in 30 seconds.
    assert_eq!(res.headers().get("retry-after").unwrap(), "30");
    let body = assert_problem(res, 429, "rate_limited").await;
    assert!(body["detail"].as_str().unwrap().contains("30 giây"));
    // Another token has its own allowance; cheap operations are not counted.
    assert_eq!(call_service(&app, get(&b)).await.status(), 200);
    let me = TestRequest::get()
        .uri("/api/v1/auth/me")
        .insert_header(("authorization", a.as_str()))
        .to_request();
    assert_eq!(call_service(&app, me).await.status(), 200);
});

db_test!(cors_answers_configured_origins_only, |_app, db| {
    let app = init_service(kiemdiem_api::build(
        db.state()
            .with_cors_origins(vec!["https://dangvien.nghean.vn".into()]),
        None,
    ))
    .await;
    let preflight = |origin: &str| {
        TestRequest::default()
            .method(actix_web::http::Method::OPTIONS)
            .uri("/api/v1/members")
            .insert_header(("origin", origin))
            .insert_header(("access-control-request-method", "GET"))
            .insert_header(("access-control-request-headers", "authorization"))
            .to_request()
    };
    let res = call_service(&app, preflight("https://dangvien.nghean.vn")).await;
    assert_eq!(res.status(), 204);
    let h = res.headers();
    assert_eq!(
        h.get("access-control-allow-origin").unwrap(),
        "https://dangvien.nghean.vn"
    );
    assert!(
        h.get("access-control-allow-headers")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Authorization")
    );
    assert!(h.get("access-control-allow-credentials").is_none());
    // Another origin learns nothing: no CORS headers, so the browser refuses.
    let res = call_service(&app, preflight("https://evil.example")).await;
    assert!(res.headers().get("access-control-allow-origin").is_none());
    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/health/live")
            .insert_header(("origin", "https://dangvien.nghean.vn"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers().get("access-control-allow-origin").unwrap(),
        "https://dangvien.nghean.vn"
    );
    assert!(
        res.headers()
            .get("access-control-expose-headers")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("ETag")
    );
});

db_test!(headers_methods_and_bounds, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let admin = user(&mut conn, "quantri", "admin", None);
    drop(conn);
    let res = call_service(&app, TestRequest::get().uri("/health/live").to_request()).await;
    let csp = res
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(
        res.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    assert_eq!(res.headers().get("referrer-policy").unwrap(), "no-referrer");
    // A known path with a method it lacks: 405 and what it takes.
    let res = call_service(
        &app,
        TestRequest::default()
            .method(actix_web::http::Method::TRACE)
            .uri("/api/v1/reports/statistics")
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    assert_eq!(res.headers().get("allow").unwrap(), "GET, HEAD");
    assert_problem(res, 405, "method_not_allowed").await;
    // `/members/export` is not a member id: 405, not 404.
    let res = call_service(
        &app,
        TestRequest::patch()
            .uri("/api/v1/members/export")
            .insert_header(("authorization", admin.as_str()))
            .set_json(serde_json::json!({}))
            .to_request(),
    )
    .await;
    assert_eq!(res.headers().get("allow").unwrap(), "GET, HEAD");
    assert_problem(res, 405, "method_not_allowed").await;
    // Unknown paths stay 404.
    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/api/v1/nothing-here")
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    assert_problem(res, 404, "not_found").await;
    // Paging out of bounds is refused with each value named, not clamped.
    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/api/v1/members?page=0&per_page=201")
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["page", "per_page"]);
    let res = call_service(
        &app,
        TestRequest::get()
            .uri(&format!("/api/v1/users?page={}", i64::MAX))
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    assert_problem(res, 422, "validation_failed").await;
});

db_test!(a_member_with_results_is_not_deleted, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let mut parent = None;
    let mut orgs = Vec::new();
    for (code, kind) in [("VINH", "district"), ("DHV", "base"), ("CB", "branch")] {
        let o = organizations::create(
            &mut conn,
            organizations::NewOrganization {
                kind,
                code,
                name: code,
                parent: parent.as_ref(),
            },
        )
        .unwrap();
        orgs.push(o.clone());
        parent = Some(o);
    }
    let cycle = common::cycle(&mut conn, orgs[1].id, 2016);
    let m = members::create(
        &mut conn,
        &kiemdiem_domain::member::MemberData {
            full_name: "Phan Văn Hải".into(),
            gender: "male".into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(1970, 1, 1),
            branch_id: orgs[2].id,
            status: "official".into(),
            admitted_on: chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
            official_on: chrono::NaiveDate::from_ymd_opt(2001, 1, 1),
            category: "resident".into(),
            active: true,
            ..Default::default()
        },
    )
    .unwrap();
    voting::add_result(
        &mut conn,
        &voting::NewResult {
            cycle_id: cycle,
            session_id: None,
            member_id: m,
            status: kiemdiem_domain::classification::Status::Classified,
            level: Some("good"),
            cap: None,
            reasons: "[]",
            votes: [0, 5, 0, 0],
            supplementary: false,
            state: kiemdiem_domain::classification::ResultState::Approved,
            replaces_id: None,
            created_by: "test",
        },
    )
    .unwrap();
    let admin = user(&mut conn, "quantri", "admin", None);
    drop(conn);
    let res = call_service(
        &app,
        TestRequest::delete()
            .uri(&format!("/api/v1/members/{m}"))
            .insert_header(("authorization", admin.as_str()))
            .to_request(),
    )
    .await;
    assert_problem(res, 409, "in_use").await;
    let mut conn = db.pool.get().unwrap();
    assert!(members::get(&mut conn, m).unwrap().is_some());
});
