//! The foundation through the real router on both databases: health, errors, the spec.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service, init_service, read_body};
use common::{assert_problem, json};

db_test!(ready_names_the_database, |app, db| {
    let res = call_service(&app, TestRequest::get().uri("/health/ready").to_request()).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("x-request-id"));
    let body = json(res).await;
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], db.backend.as_str());
});

db_test!(live_answers, |app, db| {
    let res = call_service(&app, TestRequest::get().uri("/health/live").to_request()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["status"], "ok");
});

db_test!(unknown_api_route_is_a_404_problem, |app, db| {
    for uri in ["/api/v1/does-not-exist", "/api/other", "/nowhere"] {
        let res = call_service(&app, TestRequest::get().uri(uri).to_request()).await;
        let body = assert_problem(res, 404, "not_found").await;
        assert!(body["request_id"].is_string());
    }
});

db_test!(served_spec_equals_the_committed_one, |app, db| {
    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/api-docs/openapi.json")
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    let served = json(res).await;
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../openapi/openapi.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert!(
        served == committed,
        "openapi/openapi.json is stale: run `make openapi`"
    );
    assert_eq!(served["openapi"], "3.1.0");
});

db_test!(swagger_ui_is_served_from_the_binary, |app, db| {
    let res = call_service(&app, TestRequest::get().uri("/api-docs/").to_request()).await;
    assert_eq!(res.status(), 200);
    let html = String::from_utf8(read_body(res).await.to_vec()).unwrap();
    assert!(html.contains("swagger-ui-bundle.js"), "{html}");
    assert!(
        !html.contains("https://"),
        "Swagger UI must not load anything remote: {html}"
    );
    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/api-docs/swagger-initializer.js")
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    let js = String::from_utf8(read_body(res).await.to_vec()).unwrap();
    assert!(js.contains("/api-docs/openapi.json"), "{js}");
    assert!(js.contains("\"validatorUrl\": \"none\""), "{js}");
});

#[actix_web::test]
async fn ready_is_a_503_problem_when_postgres_is_gone() {
    let db = common::TestDb::new(kiemdiem_store::Backend::Postgres);
    let app = init_service(kiemdiem_api::build(db.state(), None)).await;
    db.drop_postgres_database();
    let res = call_service(&app, TestRequest::get().uri("/health/ready").to_request()).await;
    assert_eq!(res.headers().get("retry-after").unwrap(), "5");
    let body = assert_problem(res, 503, "database_unavailable").await;
    let detail = body["detail"].as_str().unwrap();
    assert!(
        !detail.contains("postgres://"),
        "no connection details leak: {detail}"
    );
}

/// The pool hands a connection put back within a second out again without `SELECT 1`
/// (issue #18). One whose PostgreSQL backend ended while it was used must then be given up
/// when it is put back, not handed to the next request: its query answered 503, the next
/// ones are served.
#[actix_web::test]
async fn a_connection_found_lost_is_not_handed_out_again() {
    use diesel::prelude::*;
    let db = common::TestDb::new(kiemdiem_store::Backend::Postgres);
    let pid = |conn: &mut kiemdiem_store::AnyConnection| -> i32 {
        let kiemdiem_store::AnyConnection::Postgresql(c) = conn else {
            unreachable!("a PostgreSQL pool")
        };
        diesel::select(diesel::dsl::sql::<diesel::sql_types::Integer>(
            "pg_backend_pid()",
        ))
        .get_result(c)
        .unwrap()
    };
    let mut victim = db.pool.get().unwrap();
    let lost = pid(&mut victim);
    {
        let mut other = db.pool.get().unwrap();
        let kiemdiem_store::AnyConnection::Postgresql(c) = &mut **other else {
            unreachable!()
        };
        diesel::sql_query(format!("SELECT pg_terminate_backend({lost})"))
            .execute(c)
            .unwrap();
    }
    // The server's connection ended: its next query finds it lost (503 in the API).
    let mut gone = false;
    for _ in 0..50 {
        match kiemdiem_store::db::ping(&mut victim) {
            Err(kiemdiem_store::StoreError::Unavailable(_)) => {
                gone = true;
                break;
            }
            Err(e) => panic!("a lost connection is Unavailable, not {e:?}"),
            Ok(()) => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    assert!(gone, "the terminated backend still answered");
    drop(victim);
    // At once (within the second the pool trusts a connection put back), every connection
    // the pool hands out works, and none is the one that was lost.
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut conn = db.pool.get().unwrap();
        kiemdiem_store::db::ping(&mut conn).expect("a working connection");
        assert_ne!(
            pid(&mut conn),
            lost,
            "the lost connection was handed out again"
        );
        held.push(conn);
    }
}

#[test]
fn operation_ids_are_unique() {
    let doc = serde_json::to_value(kiemdiem_api::openapi::document()).unwrap();
    let mut seen = std::collections::HashSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            if let Some(id) = op.get("operationId").and_then(|v| v.as_str()) {
                assert!(seen.insert(id.to_owned()), "operationId {id} is used twice");
            }
        }
    }
    assert!(seen.len() > 30);
}

#[test]
fn committed_spec_is_current() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../openapi/openapi.json"
    ))
    .unwrap();
    assert!(
        committed == kiemdiem_api::openapi::document_json(),
        "openapi/openapi.json is stale: run `make openapi`"
    );
}
