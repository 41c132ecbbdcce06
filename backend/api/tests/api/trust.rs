//! Issue #13, attacked through the real router on both databases: user administration stays
//! inside each committee's scope (actor × target × operation), sessions end when they should,
//! `Idempotency-Key` runs the work once and keeps no secret, `If-Match` holds under parallel
//! requests, and past years' results are never typed over the system's (W1).
//! (Ballot secrecy: voting.rs `a_ballot_cannot_be_linked_to_its_voter`; If-Match on
//! self-reviews: self_reviews.rs; re-classification through the engine: voting.rs.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{assert_problem, json, login, token};
use diesel::RunQueryDsl;
use kiemdiem_store::{AnyConnection, organizations, users};
use serde_json::{Value, json};

const PASSWORD: &str = "mật-khẩu-cũ-đủ-dài";

/// Province → district → base → branch, and a second district outside.
struct Tree {
    province: i64,
    district: i64,
    base: i64,
    branch: i64,
    other_district: i64,
}

fn tree(conn: &mut AnyConnection) -> Tree {
    let mk =
        |conn: &mut AnyConnection, kind, code, parent: Option<&organizations::Organization>| {
            organizations::create(
                conn,
                organizations::NewOrganization {
                    kind,
                    code,
                    name: &format!("Tổ chức {code}"),
                    parent,
                },
            )
            .unwrap()
        };
    let province = mk(conn, "province", "NA", None);
    let district = mk(conn, "district", "VINH", Some(&province));
    let other = mk(conn, "district", "CUALO", Some(&province));
    let base = mk(conn, "base", "DHV", Some(&district));
    let branch = mk(conn, "branch", "CB-TOAN", Some(&base));
    Tree {
        province: province.id,
        district: district.id,
        base: base.id,
        branch: branch.id,
        other_district: other.id,
    }
}

/// A user with a real password and these roles (`None`: admin); their id and bearer token.
fn person(conn: &mut AnyConnection, name: &str, roles: &[(&str, Option<i64>)]) -> (i64, String) {
    // One hash for everyone (argon2 is slow on purpose).
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = HASH.get_or_init(|| kiemdiem_api::auth::password::hash(PASSWORD).unwrap());
    let u = users::create(
        conn,
        users::NewUser {
            username: name,
            display_name: name,
            password_hash: hash,
            member_id: None,
        },
    )
    .unwrap();
    for (role, org) in roles {
        users::add_assignment(conn, u.id, role, *org).unwrap();
    }
    (u.id, token(u.id))
}

/// The tree and an administrator's token.
fn admin_world(db: &common::TestDb) -> (Tree, String) {
    let mut conn = db.pool.get().unwrap();
    let t = tree(&mut conn);
    let (_, admin) = person(&mut conn, "quantri", &[("admin", None)]);
    (t, admin)
}

/// The targets of the matrix: what roles they hold, relative to the tree.
const TARGETS: [&str; 6] = [
    "admin_in_subtree",
    "district_peer",
    "branch_committee",
    "inside_and_outside",
    "base_committee",
    "no_role",
];

fn target_roles(t: &Tree, kind: &str) -> Vec<(&'static str, Option<i64>)> {
    match kind {
        "admin_in_subtree" => vec![("admin", None), ("feedback_provider", Some(t.branch))],
        "district_peer" => vec![("committee", Some(t.district))],
        "branch_committee" => vec![("branch_committee", Some(t.branch))],
        "inside_and_outside" => vec![
            ("branch_committee", Some(t.branch)),
            ("committee", Some(t.other_district)),
        ],
        "base_committee" => vec![("committee", Some(t.base))],
        _ => vec![],
    }
}

/// The expected answer, written from the policy, not from the server's code: admins
/// manage everyone; a committee sees users with a role in its subtree (its own organisation
/// included) and manages only those with at least one role, every one strictly below its own
/// organisation and none `admin`; a role-less account is an administrator's (a committee that
/// could give it a role would own it).
fn expected(actor: &str, target: &str, op: &str) -> u16 {
    let ok = match op {
        "grant" => 201,
        "revoke" => 204,
        _ => 200,
    };
    if actor == "admin" {
        return ok;
    }
    // What the actor's subtree holds of the target's roles.
    let (visible, manageable) = match (actor, target) {
        (_, "no_role") => (false, false),
        ("district", "admin_in_subtree") => (true, false),
        ("district", "district_peer") => (true, false),
        ("district", "branch_committee") => (true, true),
        ("district", "inside_and_outside") => (true, false),
        ("district", "base_committee") => (true, true),
        ("base", "admin_in_subtree") => (true, false),
        ("base", "district_peer") => (false, false),
        ("base", "branch_committee") => (true, true),
        ("base", "inside_and_outside") => (true, false),
        ("base", "base_committee") => (true, false),
        _ => unreachable!(),
    };
    match (target, op) {
        _ if !visible => 404,
        _ if !manageable => 403,
        _ => ok,
    }
}

// Before (#13): a district committee set the password of an admin holding a role in its
// subtree (200), logged in as them and granted admin to anyone; deactivated them too.
db_test!(user_administration_follows_one_policy, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let t = tree(&mut conn);
    let actors = [
        ("admin", person(&mut conn, "quantri", &[("admin", None)]).1),
        (
            "district",
            person(&mut conn, "thanhuy", &[("committee", Some(t.district))]).1,
        ),
        (
            "base",
            person(&mut conn, "danguy", &[("committee", Some(t.base))]).1,
        ),
    ];
    let mut wrong = Vec::new();
    let mut n = 0;
    for (actor, bearer) in &actors {
        for target in TARGETS {
            for op in ["password", "deactivate", "grant", "revoke"] {
                if op == "revoke" && target == "no_role" {
                    continue;
                }
                n += 1;
                let mut conn = db.pool.get().unwrap();
                let name = format!("t{n}");
                let (id, _) = person(&mut conn, &name, &target_roles(&t, target));
                // The role to revoke: the target's first role inside the actor's view.
                let assignment = users::assignments(&mut conn, id)
                    .unwrap()
                    .into_iter()
                    .find(|a| {
                        a.organization_id == Some(t.branch)
                            || a.organization_id == Some(t.base)
                            || a.organization_id == Some(t.district)
                    })
                    .or_else(|| {
                        users::assignments(&mut conn, id)
                            .unwrap()
                            .into_iter()
                            .next()
                    })
                    .map(|a| a.id);
                drop(conn);
                let req = match op {
                    "password" => TestRequest::patch()
                        .uri(&format!("/api/v1/users/{id}"))
                        .set_json(json!({ "password": "mật-khẩu-kẻ-gian-1234" })),
                    "deactivate" => TestRequest::patch()
                        .uri(&format!("/api/v1/users/{id}"))
                        .set_json(json!({ "active": false })),
                    "grant" => TestRequest::post()
                        .uri(&format!("/api/v1/users/{id}/roles"))
                        .set_json(json!({ "role": "member", "organization_id": t.branch })),
                    _ => TestRequest::delete()
                        .uri(&format!("/api/v1/users/{id}/roles/{}", assignment.unwrap())),
                };
                let got = send!(app, req, bearer).status().as_u16();
                let want = expected(actor, target, op);
                if got != want {
                    wrong.push(format!("{actor} {op} {target}: {got}, expected {want}"));
                }
                // Refused means unchanged: the target still logs in with their password.
                if got >= 400 && op == "password" {
                    let (status, _) = login(&app, &name, PASSWORD).await;
                    if target != "no_role" && status != 200 {
                        wrong.push(format!("{actor} {op} {target}: the password changed"));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // No committee grants admin, nor any role on its own organisation (its peers).
    let mut conn = db.pool.get().unwrap();
    let (someone, _) = person(&mut conn, "aiday", &[("member", Some(t.branch))]);
    drop(conn);
    for (role, org) in [("admin", None), ("committee", Some(t.district))] {
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("/api/v1/users/{someone}/roles"))
                .set_json(json!({ "role": role, "organization_id": org })),
            actors[1].1
        );
        assert!(
            matches!(res.status().as_u16(), 403 | 422),
            "{role}: {}",
            res.status()
        );
    }
    // A committee's list shows only the roles inside its scope.
    let list = json(send!(
        app,
        TestRequest::get().uri("/api/v1/users?per_page=200"),
        actors[2].1
    ))
    .await;
    for u in list["items"].as_array().unwrap() {
        for r in u["roles"].as_array().unwrap() {
            assert!(
                [Some(t.base), Some(t.branch)].contains(&r["organization_id"].as_i64()),
                "a role outside the base shown: {u}"
            );
        }
    }
    let _ = t.province;
});

// A password set by someone else is changed at the next login, and ends the user's
// sessions. Before: the reset password simply worked on, and the old tokens too.
db_test!(
    a_reset_password_must_be_changed_at_the_next_login,
    |app, db| {
        let mut conn = db.pool.get().unwrap();
        let t = tree(&mut conn);
        let (_, admin) = person(&mut conn, "quantri", &[("admin", None)]);
        let (lan, _) = person(&mut conn, "lan", &[("branch_committee", Some(t.branch))]);
        drop(conn);
        let (_, session) = login(&app, "lan", PASSWORD).await;
        let old_access = format!("Bearer {}", session["access_token"].as_str().unwrap());
        let old_refresh = session["refresh_token"].as_str().unwrap().to_owned();
        let members = || TestRequest::get().uri("/api/v1/members");
        assert_eq!(send!(app, members(), old_access).status(), 200);
        let reset = send!(
            app,
            TestRequest::patch()
                .uri(&format!("/api/v1/users/{lan}"))
                .set_json(json!({ "password": "mật-khẩu-tạm-thời-99" })),
            admin
        );
        assert_eq!(json(reset).await["must_change_password"], true);
        // Her sessions ended.
        assert_eq!(send!(app, members(), old_access).status(), 401);
        let res = call_service(
            &app,
            TestRequest::post()
                .uri("/api/v1/auth/refresh")
                .set_json(json!({ "refresh_token": old_refresh }))
                .to_request(),
        )
        .await;
        assert_eq!(res.status(), 401);
        // Logged in with the temporary password: only changing it is possible.
        let (status, session) = login(&app, "lan", "mật-khẩu-tạm-thời-99").await;
        assert_eq!(status, 200);
        assert_eq!(session["user"]["must_change_password"], true);
        let access = format!("Bearer {}", session["access_token"].as_str().unwrap());
        assert_problem(
            send!(app, members(), access),
            403,
            "password_change_required",
        )
        .await;
        assert_eq!(
            send!(app, TestRequest::get().uri("/api/v1/auth/me"), access).status(),
            200
        );
        let change = |current: &str, new: &str| {
            TestRequest::post()
                .uri("/api/v1/auth/password")
                .set_json(json!({ "current_password": current, "new_password": new }))
        };
        let p = assert_problem(
            send!(app, change("sai-rồi", "mật-khẩu-của-riêng-tôi"), access),
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["code"], "wrong_password");
        let res = send!(
            app,
            change("mật-khẩu-tạm-thời-99", "mật-khẩu-của-riêng-tôi"),
            access
        );
        assert_eq!(res.status(), 200);
        let fresh = json(res).await;
        assert_eq!(fresh["user"]["must_change_password"], false);
        let new_access = format!("Bearer {}", fresh["access_token"].as_str().unwrap());
        assert_eq!(send!(app, members(), new_access).status(), 200);
        assert_eq!(
            send!(app, members(), access).status(),
            401,
            "the temporary session ended"
        );
        assert_eq!(login(&app, "lan", "mật-khẩu-của-riêng-tôi").await.0, 200);
    }
);

// Before: an access token stayed valid after logout and after its family was revoked, until
// it expired (15 minutes).
db_test!(logout_and_a_revoked_family_end_access_tokens, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let t = tree(&mut conn);
    person(&mut conn, "lan", &[("committee", Some(t.base))]);
    drop(conn);
    let me = || TestRequest::get().uri("/api/v1/auth/me");
    let (_, s) = login(&app, "lan", PASSWORD).await;
    let access = format!("Bearer {}", s["access_token"].as_str().unwrap());
    assert_eq!(send!(app, me(), access).status(), 200);
    let res = call_service(
        &app,
        TestRequest::post()
            .uri("/api/v1/auth/logout")
            .set_json(json!({ "refresh_token": s["refresh_token"] }))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 204);
    assert_eq!(send!(app, me(), access).status(), 401, "after logout");

    // Another session: refreshed once, then the spent refresh token is replayed (stolen):
    // the family is revoked, and every access token of it stops.
    let (_, s) = login(&app, "lan", PASSWORD).await;
    let first = format!("Bearer {}", s["access_token"].as_str().unwrap());
    let refresh = |token: &Value| {
        TestRequest::post()
            .uri("/api/v1/auth/refresh")
            .set_json(json!({ "refresh_token": token }))
            .to_request()
    };
    let res = call_service(&app, refresh(&s["refresh_token"])).await;
    let s2 = json(res).await;
    let second = format!("Bearer {}", s2["access_token"].as_str().unwrap());
    // A third session stays open whatever happens to the other.
    let (_, other) = login(&app, "lan", PASSWORD).await;
    let other = format!("Bearer {}", other["access_token"].as_str().unwrap());
    assert_eq!(send!(app, me(), second).status(), 200);
    assert_eq!(
        call_service(&app, refresh(&s["refresh_token"]))
            .await
            .status(),
        401
    );
    assert_eq!(send!(app, me(), first).status(), 401);
    assert_eq!(send!(app, me(), second).status(), 401);
    assert_eq!(send!(app, me(), other).status(), 200);
});

fn new_member(branch: i64, card: &str) -> Value {
    json!({
        "card_number": card, "full_name": "Nguyễn Thị Mai", "gender": "female",
        "date_of_birth": "1985-04-30", "branch_id": branch, "status": "official",
        "admitted_on": "2010-05-19", "official_on": "2011-05-19", "category": "civil_servant",
    })
}

/// A member made through the API by `admin`; their id.
async fn create_member<S: common::TestApp<B>, B: actix_web::body::MessageBody>(
    app: &S,
    admin: &str,
    branch: i64,
    card: &str,
) -> i64 {
    let res = call_service(
        app,
        TestRequest::post()
            .uri("/api/v1/members")
            .insert_header(("authorization", admin))
            .set_json(new_member(branch, card))
            .to_request(),
    )
    .await;
    json(res).await["id"].as_i64().unwrap()
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(conn: &mut AnyConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

// Before: 20 parallel POSTs with one key created 2–4 members in 6 of 26 rounds, and some
// rounds kept a 409 although the member was created.
db_test!(
    one_idempotency_key_runs_the_work_once_in_parallel,
    |app, db| {
        let (t, admin) = admin_world(&db);
        for round in 0..4 {
            let card = format!("3400{round:04}");
            let key = format!("tao-dang-vien-{round}");
            let posts: Vec<_> = (0..20)
                .map(|_| {
                    call_service(
                        &app,
                        TestRequest::post()
                            .uri("/api/v1/members")
                            .insert_header(("authorization", admin.as_str()))
                            .insert_header(("idempotency-key", key.as_str()))
                            .set_json(new_member(t.branch, &card))
                            .to_request(),
                    )
                })
                .collect();
            let mut created = 0;
            for res in futures_util::future::join_all(posts).await {
                match res.status().as_u16() {
                    201 => created += 1,
                    409 => {
                        let p = json(res).await;
                        assert_eq!(p["code"], "idempotency_in_progress", "{p}");
                    }
                    other => panic!("round {round}: {other}"),
                }
            }
            assert!(created >= 1, "round {round}: no client got the 201");
            let mut conn = db.pool.get().unwrap();
            assert_eq!(
                count(
                    &mut conn,
                    &format!("SELECT COUNT(*) AS n FROM members WHERE card_number = '{card}'")
                ),
                1,
                "round {round}: one member"
            );
            assert_eq!(
                count(
                    &mut conn,
                    &format!(
                        "SELECT COUNT(*) AS n FROM idempotency_keys WHERE idempotency_key = '{key}' AND status = 201"
                    )
                ),
                1,
                "round {round}: the 201 is kept"
            );
            drop(conn);
            // A retry afterwards is the replay of the 201.
            let res = send!(
                app,
                TestRequest::post()
                    .uri("/api/v1/members")
                    .insert_header(("idempotency-key", key.as_str()))
                    .set_json(new_member(t.branch, &card)),
                admin
            );
            assert_eq!(res.status(), 201);
            assert_eq!(common::header(&res, "idempotency-replayed"), "true");
        }
    }
);

// Before: a login or refresh sent with a key kept the whole token answer (a refresh token
// read back from the table refreshed); service-account secrets likewise.
db_test!(the_idempotency_store_keeps_no_secret, |app, db| {
    let (t, admin) = admin_world(&db);
    let res = call_service(
        &app,
        TestRequest::post()
            .uri("/api/v1/auth/login")
            .insert_header(("idempotency-key", "dang-nhap-1"))
            .set_json(json!({ "username": "quantri", "password": PASSWORD }))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    let session = json(res).await;
    let res = call_service(
        &app,
        TestRequest::post()
            .uri("/api/v1/auth/refresh")
            .insert_header(("idempotency-key", "lam-moi-1"))
            .set_json(json!({ "refresh_token": session["refresh_token"] }))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
    let refreshed = json(res).await;
    let res = send!(
        app,
        TestRequest::post()
            .uri("/api/v1/service-accounts")
            .insert_header(("idempotency-key", "tai-khoan-1"))
            .set_json(json!({ "name": "Hệ thống Tỉnh ủy", "organization_id": t.province })),
        admin
    );
    assert_eq!(res.status(), 201);
    let account = json(res).await;
    let secret = account["client_secret"].as_str().unwrap().to_owned();
    let mut conn = db.pool.get().unwrap();
    #[derive(diesel::QueryableByName)]
    struct Kept {
        #[diesel(sql_type = diesel::sql_types::Text)]
        idempotency_key: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        body: String,
    }
    let kept: Vec<Kept> = diesel::sql_query("SELECT idempotency_key, body FROM idempotency_keys")
        .load(&mut **conn)
        .unwrap();
    let keys: Vec<&str> = kept.iter().map(|k| k.idempotency_key.as_str()).collect();
    assert_eq!(
        keys,
        ["tai-khoan-1"],
        "authentication answers are never kept"
    );
    for k in &kept {
        for s in [
            session["access_token"].as_str().unwrap(),
            session["refresh_token"].as_str().unwrap(),
            refreshed["refresh_token"].as_str().unwrap(),
            &secret,
        ] {
            assert!(!k.body.contains(s), "a secret is kept: {}", k.body);
        }
    }
    drop(conn);
    // The replay says the account was made, with its id, never the secret.
    let res = send!(
        app,
        TestRequest::post()
            .uri("/api/v1/service-accounts")
            .insert_header(("idempotency-key", "tai-khoan-1"))
            .set_json(json!({ "name": "Hệ thống Tỉnh ủy", "organization_id": t.province })),
        admin
    );
    assert_eq!(common::header(&res, "idempotency-replayed"), "true");
    let replay = json(res).await;
    assert_eq!(replay["id"], account["id"]);
    assert!(replay["client_secret"].is_null());
});

// Before: on PostgreSQL, 20 parallel PATCHes with the same If-Match let 2 through in 6 of 15
// rounds (one change silently replaced the other). SQLite held.
db_test!(
    parallel_patches_with_one_tag_let_exactly_one_through,
    |app, db| {
        let (t, admin) = admin_world(&db);
        let id = create_member(&app, &admin, t.branch, "34009999").await;
        let uri = format!("/api/v1/members/{id}");
        for round in 0..5 {
            let tag = common::etag(&send!(app, TestRequest::get().uri(&uri), admin));
            let patches: Vec<_> = (0..20)
                .map(|i| {
                    call_service(
                        &app,
                        TestRequest::patch()
                            .uri(&uri)
                            .insert_header(("authorization", admin.as_str()))
                            .insert_header(("if-match", tag.as_str()))
                            .set_json(json!({ "phone": format!("09{round}{i:07}") }))
                            .to_request(),
                    )
                })
                .collect();
            let mut winner = None;
            let mut statuses = Vec::new();
            for res in futures_util::future::join_all(patches).await {
                statuses.push(res.status().as_u16());
                if res.status() == 200 {
                    winner = Some(json(res).await["phone"].clone());
                }
            }
            assert_eq!(
                statuses.iter().filter(|s| **s == 200).count(),
                1,
                "round {round}: {statuses:?}"
            );
            assert!(
                statuses.iter().all(|s| matches!(s, 200 | 412)),
                "{statuses:?}"
            );
            let now = json(send!(app, TestRequest::get().uri(&uri), admin)).await;
            assert_eq!(
                Some(now["phone"].clone()),
                winner,
                "the winner's change stands"
            );
        }
    }
);

// Before: `PUT /members/15/history/2016` overwrote a voted, approved result, and a year the
// system holds could be invented for a member without one (W1 then counted it).
db_test!(
    past_results_are_typed_only_before_the_systems_first_year,
    |app, db| {
        let mut conn = db.pool.get().unwrap();
        let t = tree(&mut conn);
        let (_, admin) = person(&mut conn, "quantri", &[("admin", None)]);
        common::cycle(&mut conn, t.base, 2016);
        drop(conn);
        let id = create_member(&app, &admin, t.branch, "34008888").await;
        let put = |year: i32| {
            TestRequest::put()
                .uri(&format!("/api/v1/members/{id}/history/{year}"))
                .set_json(json!({ "level": "good", "organization_name": "Chi bộ Toán" }))
        };
        for year in [2016, 2017] {
            let p = assert_problem(send!(app, put(year), admin), 409, "history_from_system").await;
            assert!(p["detail"].as_str().unwrap().starts_with("W1"));
        }
        assert_eq!(send!(app, put(2014), admin).status(), 200);
        assert_eq!(send!(app, put(2015), admin).status(), 200);
        // Admitted in 2010: 2009 is no year of hers.
        assert_problem(send!(app, put(2009), admin), 422, "validation_failed").await;
        // The import of past results keeps the same rule: a system year is an invalid row.
        let import = |csv: &str| {
            TestRequest::post()
                .uri("/api/v1/members/history/import")
                .insert_header(("content-type", "text/csv"))
                .set_payload(csv.to_owned())
        };
        let p = assert_problem(
            send!(
                app,
                import("Số thẻ đảng viên,Năm,Xếp loại\n34008888,2016,HTXSNV\n"),
                admin
            ),
            422,
            "import_invalid",
        )
        .await;
        assert!(p.to_string().contains("W1"), "{p}");
        assert_eq!(
            send!(
                app,
                import("Số thẻ đảng viên,Năm,Xếp loại\n34008888,2013,HTTNV\n"),
                admin
            )
            .status(),
            200
        );
    }
);

// The imports run their own transaction: they take the key there too. Six parallel imports
// of one file with one key: the import runs once (one audit entry); the others are refused or
// replay its report.
db_test!(
    one_idempotency_key_runs_an_import_once_in_parallel,
    |app, db| {
        let (t, admin) = admin_world(&db);
        let csv = "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Loại đảng viên,Ngày vào Đảng,Ngày chính thức,Đối tượng\n\
               77000300,Trần Thị Nhập,Nữ,01/02/1985,Chính thức,03/02/2010,03/02/2011,CBCCVC\n";
        let imports: Vec<_> = (0..6)
            .map(|_| {
                call_service(
                    &app,
                    TestRequest::post()
                        .uri(&format!("/api/v1/members/import?branch_id={}", t.branch))
                        .insert_header(("authorization", admin.as_str()))
                        .insert_header(("content-type", "text/csv"))
                        .insert_header(("idempotency-key", "nhap-tep-1"))
                        .set_payload(csv)
                        .to_request(),
                )
            })
            .collect();
        for res in futures_util::future::join_all(imports).await {
            match res.status().as_u16() {
                200 => assert_eq!(json(res).await["created"], 1, "the first run's report"),
                409 => assert_eq!(json(res).await["code"], "idempotency_in_progress"),
                other => panic!("{other}"),
            }
        }
        let mut conn = db.pool.get().unwrap();
        assert_eq!(
            count(
                &mut conn,
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import' AND entity_type = 'member'"
            ),
            1,
            "one run"
        );
    }
);
