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

/// Issue #17: a phone on a slow network gets the build's gzipped copy of an asset when its
/// browser takes gzip, the file as it is otherwise; caches keep the two apart (`Vary`).
#[actix_web::test]
async fn assets_go_gzipped_to_browsers_that_take_gzip() {
    use std::io::Write;
    let db = common::TestDb::new(kiemdiem_store::Backend::Sqlite);
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("index.html"), "<html>kiemdiem SPA</html>").unwrap();
    std::fs::create_dir(web.path().join("assets")).unwrap();
    let script = "console.log('kiểm điểm');\n".repeat(200);
    std::fs::write(web.path().join("assets/app-1234.js"), &script).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(script.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(web.path().join("assets/app-1234.js.gz"), &gz).unwrap();
    // An asset without a gzipped copy.
    std::fs::write(web.path().join("assets/small-1.css"), "a{}").unwrap();
    let app = init_service(kiemdiem_api::build(db.state(), Some(web.path().to_owned()))).await;
    let get = |uri: &str, accept: Option<&str>| {
        let mut req = TestRequest::get().uri(uri);
        if let Some(a) = accept {
            req = req.insert_header(("accept-encoding", a));
        }
        req.to_request()
    };

    let res = call_service(&app, get("/assets/app-1234.js", Some("gzip, deflate, br"))).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding").as_deref(), Some("gzip"));
    assert!(header(&res, "content-type").unwrap().contains("javascript"));
    assert_eq!(header(&res, "vary").as_deref(), Some("accept-encoding"));
    assert!(header(&res, "cache-control").unwrap().contains("immutable"));
    assert_eq!(read_body(res).await, gz);

    // No gzip accepted (or refused with q=0): the file as it is.
    for accept in [None, Some("br"), Some("gzip;q=0, identity")] {
        let res = call_service(&app, get("/assets/app-1234.js", accept)).await;
        assert_eq!(header(&res, "content-encoding"), None, "{accept:?}");
        assert_eq!(read_body(res).await, script.as_bytes(), "{accept:?}");
    }
    // No gzipped copy: the file as it is, even to a browser that takes gzip.
    let res = call_service(&app, get("/assets/small-1.css", Some("gzip"))).await;
    assert_eq!(header(&res, "content-encoding"), None);
    assert_eq!(read_body(res).await, "a{}");
    // The copy itself is no shortcut around the rules for index.html and the like.
    let res = call_service(&app, get("/", Some("gzip"))).await;
    assert_eq!(read_body(res).await, "<html>kiemdiem SPA</html>");
}

fn header<B>(res: &actix_web::dev::ServiceResponse<B>, name: &str) -> Option<String> {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}
