//! The organisation tree and user management through the real router.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{assert_problem, json, post};
use serde_json::json;

fn admin_token(db: &common::TestDb) -> String {
    let mut conn = db.pool.get().unwrap();
    let admin = kiemdiem_store::users::create(
        &mut conn,
        kiemdiem_store::users::NewUser {
            username: "root",
            display_name: "Quản trị",
            password_hash: "x",
            member_id: None,
        },
    )
    .unwrap();
    kiemdiem_store::users::add_assignment(&mut conn, admin.id, "admin", None).unwrap();
    format!(
        "Bearer {}",
        kiemdiem_api::auth::jwt::Keys::new(common::TEST_SECRET)
            .issue(format!("user:{}", admin.id), 0)
            .unwrap()
            .0
    )
}

db_test!(
    the_tree_keeps_kinds_in_order_moves_subtrees_and_refuses_unsafe_deletes,
    |app, db| {
        let admin = admin_token(&db);
        let mut ids = std::collections::HashMap::new();
        for (code, kind, parent) in [
            ("NA", "province", None),
            ("VINH", "district", Some("NA")),
            ("CUALO", "district", Some("NA")),
            ("DHV", "base", Some("VINH")),
            ("TOAN", "branch", Some("DHV")),
        ] {
            let res = call_service(
                &app,
                post(
                    &admin,
                    "/api/v1/organizations",
                    json!({
                        "kind": kind, "code": code, "name": format!("Tổ chức {code}"),
                        "parent_id": parent.map(|p| ids[p]),
                    }),
                ),
            )
            .await;
            assert_eq!(res.status(), 201, "{code}");
            ids.insert(code, json(res).await["id"].as_i64().unwrap());
        }

        // A branch directly under a district is refused, naming the field.
        let res = call_service(&app, post(&admin, "/api/v1/organizations", json!({
        "kind": "branch", "code": "X", "name": "Chi bộ lạc chỗ", "parent_id": ids["VINH"],
    }))).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "parent_id");
        assert_eq!(body["errors"][0]["code"], "kind_mismatch");

        // Every invalid field at once.
        let res = call_service(
            &app,
            post(
                &admin,
                "/api/v1/organizations",
                json!({
                    "kind": "base", "code": "có dấu", "name": "", "parent_id": ids["VINH"],
                }),
            ),
        )
        .await;
        let body = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["code", "name"]);

        // A code is unique.
        let res = call_service(
            &app,
            post(
                &admin,
                "/api/v1/organizations",
                json!({
                    "kind": "district", "code": "VINH", "name": "Trùng mã", "parent_id": ids["NA"],
                }),
            ),
        )
        .await;
        assert_problem(res, 409, "code_taken").await;

        // Move the base with its branch from Vinh to Cửa Lò: the branch's ancestry follows.
        let req = TestRequest::patch()
            .uri(&format!("/api/v1/organizations/{}", ids["DHV"]))
            .insert_header(("authorization", admin.as_str()))
            .set_json(json!({ "parent_id": ids["CUALO"] }))
            .to_request();
        assert_eq!(call_service(&app, req).await.status(), 200);
        let req = TestRequest::get()
            .uri(&format!("/api/v1/organizations/{}", ids["TOAN"]))
            .insert_header(("authorization", admin.as_str()))
            .to_request();
        let toan = json(call_service(&app, req).await).await;
        assert_eq!(
            toan["ancestor_ids"],
            json!([ids["NA"], ids["CUALO"], ids["DHV"]])
        );

        // Never into its own subtree.
        let req = TestRequest::patch()
            .uri(&format!("/api/v1/organizations/{}", ids["CUALO"]))
            .insert_header(("authorization", admin.as_str()))
            .set_json(json!({ "parent_id": ids["DHV"] }))
            .to_request();
        let body = assert_problem(call_service(&app, req).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "cycle");

        // An organisation with children cannot be deleted; a leaf can.
        let del = |id: i64| {
            TestRequest::delete()
                .uri(&format!("/api/v1/organizations/{id}"))
                .insert_header(("authorization", admin.as_str()))
                .to_request()
        };
        assert_problem(
            call_service(&app, del(ids["DHV"])).await,
            409,
            "organization_has_children",
        )
        .await;
        assert_eq!(call_service(&app, del(ids["TOAN"])).await.status(), 204);
        assert_eq!(call_service(&app, del(ids["DHV"])).await.status(), 204);

        // A search ignores case and diacritics, in names and codes.
        let search = |q: &str| {
            TestRequest::get()
                .uri(&format!("/api/v1/organizations?q={q}"))
                .insert_header(("authorization", admin.as_str()))
                .to_request()
        };
        for (q, want) in [
            ("to%20chuc%20cualo", vec!["CUALO"]),
            ("T%E1%BB%94%20CH%E1%BB%A8C%20VINH", vec!["VINH"]),
            ("na", vec!["NA"]),
            ("khong-co", vec![]),
        ] {
            let body = json(call_service(&app, search(q)).await).await;
            let codes: Vec<&str> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["code"].as_str().unwrap())
                .collect();
            assert_eq!(codes, want, "{q}");
            assert_eq!(body["total"], want.len(), "{q}");
        }

        // The tree format nests what is left.
        let req = TestRequest::get()
            .uri("/api/v1/organizations?format=tree")
            .insert_header(("authorization", admin.as_str()))
            .to_request();
        let body = json(call_service(&app, req).await).await;
        let tree = &body["tree"][0];
        assert_eq!(tree["code"], "NA");
        let children: Vec<&str> = tree["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        assert_eq!(children, ["VINH", "CUALO"]);
    }
);

db_test!(
    a_branch_secretary_created_by_the_admin_sees_only_that_branch,
    |app, db| {
        let admin = admin_token(&db);
        let mut last = None;
        let mut ids = Vec::new();
        for (code, kind) in [
            ("NA", "province"),
            ("VINH", "district"),
            ("DHV", "base"),
            ("TOAN", "branch"),
        ] {
            let res = call_service(&app, post(&admin, "/api/v1/organizations", json!({
            "kind": kind, "code": code, "name": format!("Tổ chức {code}"), "parent_id": last,
        }))).await;
            last = Some(json(res).await["id"].as_i64().unwrap());
            ids.push(last.unwrap());
        }
        let branch = last.unwrap();
        let res = call_service(&app, post(&admin, "/api/v1/users", json!({
        "username": "bithu.toan", "display_name": "Trần Văn Bình", "password": "bí-thư-chi-bộ-2016",
        "roles": [{ "role": "branch_committee", "organization_id": branch }],
    }))).await;
        assert_eq!(res.status(), 201);
        let user = json(res).await;
        assert_eq!(user["roles"][0]["organization_name"], "Tổ chức TOAN");

        // A branch_committee role can only sit on a branch.
        let res = call_service(
            &app,
            post(
                &admin,
                &format!("/api/v1/users/{}/roles", user["id"]),
                json!({
                    "role": "branch_committee", "organization_id": ids[1],
                }),
            ),
        )
        .await;
        assert_problem(res, 422, "validation_failed").await;

        let req = TestRequest::post()
            .uri("/api/v1/auth/login")
            .set_json(json!({ "username": "bithu.toan", "password": "bí-thư-chi-bộ-2016" }))
            .to_request();
        let session = json(call_service(&app, req).await).await;
        let token = format!("Bearer {}", session["access_token"].as_str().unwrap());
        let req = TestRequest::get()
            .uri("/api/v1/organizations")
            .insert_header(("authorization", token.as_str()))
            .to_request();
        let list = json(call_service(&app, req).await).await;
        let codes: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["TOAN"]);
        for hidden in &ids[..3] {
            let req = TestRequest::get()
                .uri(&format!("/api/v1/organizations/{hidden}"))
                .insert_header(("authorization", token.as_str()))
                .to_request();
            assert_problem(call_service(&app, req).await, 404, "not_found").await;
        }
        // Users and the audit log are not for a branch secretary.
        for uri in ["/api/v1/users", "/api/v1/audit"] {
            let req = TestRequest::get()
                .uri(uri)
                .insert_header(("authorization", token.as_str()))
                .to_request();
            assert_problem(call_service(&app, req).await, 403, "forbidden").await;
        }
        // Nobody sets their own role by adding a field.
        let req = TestRequest::patch()
            .uri(&format!("/api/v1/users/{}", user["id"]))
            .insert_header(("authorization", admin.as_str()))
            .set_json(json!({ "display_name": "Bình", "roles": ["admin"] }))
            .to_request();
        assert_problem(call_service(&app, req).await, 422, "validation_failed").await;
    }
);
