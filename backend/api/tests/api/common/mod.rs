//! Test helpers: a fresh database per test on SQLite or PostgreSQL, migrated, and the real
//! application router over it.
//!
//! PostgreSQL: `KIEMDIEM_TEST_PG_URL` (a server URL whose user may create databases), or the
//! local server at 127.0.0.1:5432. A test that cannot reach it fails, never skips.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod fixture;

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use diesel::Connection;
use diesel::RunQueryDsl;
use kiemdiem_api::AppState;
use kiemdiem_store::{Backend, DbTarget, Pool};

/// The signing key of the tests' tokens.
pub const TEST_SECRET: &[u8] = b"kiemdiem-test-secret-0123456789abcdef";

/// The `Authorization` value of a user's access token, signed with the tests' key.
pub fn token(user_id: i64) -> String {
    format!(
        "Bearer {}",
        kiemdiem_api::auth::jwt::Keys::new(TEST_SECRET)
            .issue(format!("user:{user_id}"), 0)
            .unwrap()
            .0
    )
}

/// A user holding one role (on an organisation, or everywhere), and their `Authorization`.
pub fn user(
    conn: &mut kiemdiem_store::AnyConnection,
    name: &str,
    role: &str,
    org: Option<i64>,
) -> String {
    let u = kiemdiem_store::users::create(
        conn,
        kiemdiem_store::users::NewUser {
            username: name,
            display_name: name,
            password_hash: "x",
            member_id: None,
        },
    )
    .unwrap();
    kiemdiem_store::users::add_assignment(conn, u.id, role, org).unwrap();
    token(u.id)
}

/// A member's own login (role `member` on their branch), and its `Authorization`.
pub fn member_login(
    conn: &mut kiemdiem_store::AnyConnection,
    name: &str,
    member_id: i64,
    branch: i64,
) -> String {
    let u = kiemdiem_store::users::create(
        conn,
        kiemdiem_store::users::NewUser {
            username: name,
            display_name: name,
            password_hash: "x",
            member_id: Some(member_id),
        },
    )
    .unwrap();
    kiemdiem_store::users::add_assignment(conn, u.id, "member", Some(branch)).unwrap();
    token(u.id)
}

pub struct TestDb {
    pub backend: Backend,
    pub pool: Pool,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

pub fn pg_admin_url() -> String {
    std::env::var("KIEMDIEM_TEST_PG_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The same server URL, on another database.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{server}/{name}{query}")
}

impl TestDb {
    pub fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let target = DbTarget::Sqlite(dir.path().join("test.db"));
                let pool = Pool::open(target, 4).expect("open sqlite");
                TestDb {
                    backend,
                    pool,
                    cleanup: Cleanup::Sqlite(dir),
                }
            }
            Backend::Postgres => {
                let admin_url = pg_admin_url();
                let name = format!("kd_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = diesel::PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL for the tests is not reachable at {}: {e}. \
                         Set KIEMDIEM_TEST_PG_URL or run `make test`, which starts one.",
                        kiemdiem_store::db::redact(&admin_url)
                    )
                });
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("create test database");
                let url = with_database(&admin_url, &name);
                let pool = Pool::open(DbTarget::Postgres(url), 4).expect("open postgres");
                TestDb {
                    backend,
                    pool,
                    cleanup: Cleanup::Postgres { admin_url, name },
                }
            }
        }
    }

    pub fn state(&self) -> AppState {
        AppState::new(self.pool.clone(), TEST_SECRET)
    }

    pub fn fixture(&self) -> fixture::Fixture {
        let mut conn = self.pool.get().unwrap();
        fixture::Fixture::build(&mut conn, &kiemdiem_api::auth::jwt::Keys::new(TEST_SECRET))
    }

    /// Drops the PostgreSQL database now (the server becomes unreachable for this pool).
    pub fn drop_postgres_database(&self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            drop_database(admin_url, name);
        }
    }
}

fn drop_database(admin_url: &str, name: &str) {
    if let Ok(mut admin) = diesel::PgConnection::establish(admin_url) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin);
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            drop_database(admin_url, name);
        }
    }
}

/// The response body as JSON.
pub async fn json<B: MessageBody>(res: ServiceResponse<B>) -> serde_json::Value {
    let bytes = actix_web::test::read_body(res).await;
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
}

/// The application as the tests call it (`init_service`), for helpers taking it by reference.
pub trait TestApp<B>:
    actix_web::dev::Service<
        actix_http::Request,
        Response = ServiceResponse<B>,
        Error = actix_web::Error,
    >
{
}

impl<S, B> TestApp<B> for S where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = ServiceResponse<B>,
            Error = actix_web::Error,
        >
{
}

/// A header's value ("" when absent).
pub fn header<B>(res: &ServiceResponse<B>, name: &str) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A POST of a JSON body with the caller's `Authorization`.
pub fn post(token: &str, uri: &str, body: serde_json::Value) -> actix_http::Request {
    actix_web::test::TestRequest::post()
        .uri(uri)
        .insert_header(("authorization", token))
        .set_json(body)
        .to_request()
}

/// The answer's `ETag` (it must have one).
pub fn etag<B>(res: &ServiceResponse<B>) -> String {
    let tag = header(res, "etag");
    assert!(!tag.is_empty(), "the answer has no ETag");
    tag
}

pub fn content_type<B>(res: &ServiceResponse<B>) -> String {
    header(res, "content-type")
}

/// Sends the requests all at once and asserts that exactly one succeeded (200) and every other
/// was refused with `refused` (a race lost, not a failure); the statuses in order.
pub async fn exactly_one_through<S: TestApp<B>, B: MessageBody>(
    app: &S,
    requests: Vec<actix_http::Request>,
    refused: u16,
) -> Vec<u16> {
    let sends = requests
        .into_iter()
        .map(|r| actix_web::test::call_service(app, r));
    let statuses: Vec<u16> = futures_util::future::join_all(sends)
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
        statuses.iter().all(|s| *s == 200 || *s == refused),
        "{statuses:?}"
    );
    statuses
}

/// Logs in (from 10.0.0.7): the status and the answer.
pub async fn login<S: TestApp<B>, B: MessageBody>(
    app: &S,
    username: &str,
    password: &str,
) -> (u16, serde_json::Value) {
    let req = actix_web::test::TestRequest::post()
        .uri("/api/v1/auth/login")
        .peer_addr("10.0.0.7:5000".parse().unwrap())
        .set_json(serde_json::json!({ "username": username, "password": password }))
        .to_request();
    let res = actix_web::test::call_service(app, req).await;
    let status = res.status().as_u16();
    (status, json(res).await)
}

/// Asserts an RFC 9457 answer with this status and code; returns the body.
pub async fn assert_problem<B: MessageBody>(
    res: ServiceResponse<B>,
    status: u16,
    code: &str,
) -> serde_json::Value {
    assert_eq!(res.status().as_u16(), status, "status");
    assert_eq!(content_type(&res), "application/problem+json");
    let body = json(res).await;
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(
        body["type"],
        format!("urn:kiemdiem:problem:{code}"),
        "{body}"
    );
    assert!(
        body["title"].is_string() && body["detail"].is_string(),
        "{body}"
    );
    body
}

/// Sends a request with the bearer token (`"Bearer …"`) through the app.
macro_rules! send {
    ($app:expr, $req:expr, $token:expr) => {
        actix_web::test::call_service(
            &$app,
            $req.insert_header(("authorization", $token.as_str()))
                .to_request(),
        )
        .await
    };
}

/// Sends the requests at once (each already carrying its token) and answers their statuses,
/// sorted: what parallel writers were told.
macro_rules! parallel_statuses {
    ($app:expr, $reqs:expr) => {{
        let calls: Vec<_> = $reqs
            .into_iter()
            .map(|r: actix_web::test::TestRequest| {
                actix_web::test::call_service(&$app, r.to_request())
            })
            .collect();
        let mut statuses: Vec<u16> = futures_util::future::join_all(calls)
            .await
            .iter()
            .map(|r| r.status().as_u16())
            .collect();
        statuses.sort_unstable();
        statuses
    }};
}

/// An organisation named after its code ("Tổ chức {code}").
pub fn org(
    conn: &mut kiemdiem_store::AnyConnection,
    kind: &str,
    code: &str,
    parent: Option<&kiemdiem_store::organizations::Organization>,
) -> kiemdiem_store::organizations::Organization {
    kiemdiem_store::organizations::create(
        conn,
        kiemdiem_store::organizations::NewOrganization {
            kind,
            code,
            name: &format!("Tổ chức {code}"),
            parent,
        },
    )
    .unwrap()
}

/// A line of organisations, each under the one before (`(kind, code)`, from the top), named
/// after their codes.
pub fn chain(
    conn: &mut kiemdiem_store::AnyConnection,
    line: &[(&str, &str)],
) -> Vec<kiemdiem_store::organizations::Organization> {
    let mut out: Vec<kiemdiem_store::organizations::Organization> = Vec::new();
    for (kind, code) in line {
        let made = org(conn, kind, code, out.last());
        out.push(made);
    }
    out
}

/// A review cycle of `organization_id` in `year` under `vinh-2016` with the plan of that year
/// (reference date 15/11), as the store makes it; its id.
pub fn cycle(conn: &mut kiemdiem_store::AnyConnection, organization_id: i64, year: i32) -> i64 {
    kiemdiem_store::cycles::create(
        conn,
        kiemdiem_store::cycles::NewCycle {
            organization_id,
            year,
            rule_set: "vinh-2016",
            rules_json: "{}",
            reference_date: chrono::NaiveDate::from_ymd_opt(year, 11, 15).unwrap(),
        },
        &kiemdiem_domain::cycle::plan_for(year),
    )
    .unwrap()
}

/// Defines one test per backend: `name::sqlite` and `name::postgres`, each with a fresh
/// database (`$db`) and the real application over it (`$app`).
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$app:ident, $db:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($db: $crate::common::TestDb) {
                #[allow(unused_variables)]
                let $app =
                    actix_web::test::init_service(kiemdiem_api::build($db.state(), None)).await;
                $body
            }

            #[actix_web::test]
            async fn sqlite() {
                run($crate::common::TestDb::new(kiemdiem_store::Backend::Sqlite)).await;
            }

            #[actix_web::test]
            async fn postgres() {
                run($crate::common::TestDb::new(
                    kiemdiem_store::Backend::Postgres,
                ))
                .await;
            }
        }
    };
}

#[test]
fn with_database_swaps_only_the_database() {
    assert_eq!(
        with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
        "postgres://u:p@h:5432/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
}

/// The text of a DOCX's body (its `word/document.xml`).
pub fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The text of a PDF as a reader extracts it (fonts' Unicode maps), spaces collapsed.
pub fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    pdf_extract::extract_text_from_mem(bytes)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first sheet of an XLSX, every cell as text.
pub fn xlsx_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The fields and codes of a 422's `errors`.
pub async fn invalid_fields<B: MessageBody>(res: ServiceResponse<B>) -> Vec<(String, String)> {
    let body = assert_problem(res, 422, "validation_failed").await;
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Gives a member record an e-mail address.
pub fn set_member_email(conn: &mut kiemdiem_store::AnyConnection, member_id: i64, email: &str) {
    use diesel::{ExpressionMethods, QueryDsl};
    use kiemdiem_store::schema::members;
    diesel::update(members::table.find(member_id))
        .set(members::email.eq(email))
        .execute(conn)
        .unwrap();
}

/// An official member of a branch, civil servant, admitted in 2005.
pub fn person(
    conn: &mut kiemdiem_store::AnyConnection,
    name: &str,
    branch: i64,
    card: &str,
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
            category: "civil_servant".into(),
            active: true,
            ..Default::default()
        },
    )
    .unwrap()
}

/// The full names of a page's items, in its order.
pub fn names(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["full_name"].as_str().unwrap().to_owned())
        .collect()
}
