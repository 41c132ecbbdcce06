//! The built SPA at `/`, with client-side routes falling back to index.html.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service, init_service, read_body};
use common::assert_problem;

#[actix_web::test]
async fn spa_files_and_client_routes_are_served() {
    let db = common::TestDb::new(kiemdiem_store::Backend::Sqlite);
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("index.html"), "<html>kiemdiem SPA</html>").unwrap();
    std::fs::create_dir(web.path().join("assets")).unwrap();
    std::fs::write(web.path().join("assets/app-1234.js"), "console.log(1)").unwrap();
    let app = init_service(kiemdiem_api::build(db.state(), Some(web.path().to_owned()))).await;

    for uri in ["/", "/status", "/members/12/edit"] {
        let res = call_service(&app, TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(res.status(), 200, "{uri}");
        assert!(
            res.headers()
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(res.headers().get("cache-control").unwrap(), "no-cache");
        assert_eq!(read_body(res).await, "<html>kiemdiem SPA</html>", "{uri}");
    }

    let res = call_service(
        &app,
        TestRequest::get().uri("/assets/app-1234.js").to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(read_body(res).await, "console.log(1)");

    // A missing asset or an API path never turns into the HTML page.
    for uri in ["/assets/missing.js", "/api/v1/nothing", "/../Cargo.toml"] {
        let res = call_service(&app, TestRequest::get().uri(uri).to_request()).await;
        assert_problem(res, 404, "not_found").await;
    }
}
