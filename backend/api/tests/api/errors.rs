//! The error contract of every endpoint, checked on the extractor and middleware that every
//! JSON endpoint and every request goes through.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::middleware::from_fn;
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, HttpResponse, web};
use common::assert_problem;
use kiemdiem_api::extract::ValidatedJson;
use serde::Deserialize;
use validator::Validate;

#[derive(Deserialize, Validate)]
struct Login {
    #[validate(length(min = 1, max = 64))]
    username: String,
    #[validate(length(min = 10))]
    password: String,
}

async fn echo(body: ValidatedJson<Login>) -> HttpResponse {
    HttpResponse::Ok().body(body.0.username)
}

async fn boom() -> HttpResponse {
    panic!("database exploded")
}

macro_rules! app {
    () => {
        init_service(
            App::new()
                .route("/echo", web::post().to(echo))
                .route("/boom", web::get().to(boom))
                .wrap(from_fn(kiemdiem_api::middleware::request_context)),
        )
        .await
    };
}

#[actix_web::test]
async fn malformed_json_is_a_400_problem() {
    let app = app!();
    let req = TestRequest::post()
        .uri("/echo")
        .insert_header(("content-type", "application/json"))
        .set_payload("{\"username\": \"a\",")
        .to_request();
    assert_problem(call_service(&app, req).await, 400, "malformed_json").await;
}

#[actix_web::test]
async fn wrong_content_type_is_a_415_problem() {
    let app = app!();
    let req = TestRequest::post()
        .uri("/echo")
        .insert_header(("content-type", "text/plain"))
        .set_payload("username=a")
        .to_request();
    assert_problem(call_service(&app, req).await, 415, "unsupported_media_type").await;
}

#[actix_web::test]
async fn every_invalid_field_is_listed_in_a_422() {
    let app = app!();
    let req = TestRequest::post()
        .uri("/echo")
        .set_json(serde_json::json!({"username": "", "password": "short"}))
        .to_request();
    let body = assert_problem(call_service(&app, req).await, 422, "validation_failed").await;
    let fields: Vec<_> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["password", "username"]);
    assert_eq!(body["errors"][0]["message"], "Phải có ít nhất 10 ký tự");
}

#[actix_web::test]
async fn an_oversized_body_is_a_413_problem() {
    let app = app!();
    let big = format!(
        "{{\"username\":\"{}\",\"password\":\"0123456789\"}}",
        "x".repeat(kiemdiem_api::extract::DEFAULT_JSON_LIMIT)
    );
    let req = TestRequest::post()
        .uri("/echo")
        .insert_header(("content-type", "application/json"))
        .set_payload(big)
        .to_request();
    assert_problem(call_service(&app, req).await, 413, "payload_too_large").await;
}

#[actix_web::test]
async fn a_panic_is_a_500_problem_with_the_request_id_and_no_trace() {
    let app = app!();
    let req = TestRequest::get()
        .uri("/boom")
        .insert_header(("x-request-id", "req-123"))
        .to_request();
    let res = actix_web::test::try_call_service(&app, req).await;
    let res = match res {
        Ok(res) => res,
        Err(err) => {
            let http = err.error_response();
            actix_web::dev::ServiceResponse::new(
                TestRequest::default().to_http_request(),
                http.map_into_boxed_body(),
            )
        }
    };
    assert_eq!(res.headers().get("x-request-id").unwrap(), "req-123");
    let body = assert_problem(res, 500, "internal_error").await;
    assert_eq!(body["request_id"], "req-123");
    assert!(
        !body.to_string().contains("exploded"),
        "the cause leaked: {body}"
    );
}
