//! Authentication through the real router: login, strict token validation, refresh
//! rotation and reuse, logout, revocation, throttling, client credentials.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{TEST_SECRET, assert_problem, json, login};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use kiemdiem_store::{service_accounts, users};
use serde_json::{Value, json};

const PASSWORD: &str = "mật-khẩu-đủ-dài-123";

/// A user `lan` with a real password and the committee role on a district.
fn seed_user(db: &common::TestDb) -> i64 {
    let mut conn = db.pool.get().unwrap();
    let province = kiemdiem_store::organizations::create(
        &mut conn,
        kiemdiem_store::organizations::NewOrganization {
            kind: "province",
            code: "NA",
            name: "Tỉnh ủy Nghệ An",
            parent: None,
        },
    )
    .unwrap();
    let hash = kiemdiem_api::auth::password::hash(PASSWORD).unwrap();
    let user = users::create(
        &mut conn,
        users::NewUser {
            username: "lan",
            display_name: "Nguyễn Thị Lan",
            password_hash: &hash,
            member_id: None,
        },
    )
    .unwrap();
    users::add_assignment(&mut conn, user.id, "committee", Some(province.id)).unwrap();
    let secret_hash = kiemdiem_api::auth::password::hash("client-secret-0123456789").unwrap();
    service_accounts::create(
        &mut conn,
        "kd-province",
        "Hệ thống Tỉnh ủy",
        &secret_hash,
        province.id,
    )
    .unwrap();
    user.id
}

async fn me_status<S: common::TestApp<B>, B: actix_web::body::MessageBody>(
    app: &S,
    token: &str,
) -> u16 {
    let req = TestRequest::get()
        .uri("/api/v1/auth/me")
        .insert_header(("authorization", format!("Bearer {token}")))
        .to_request();
    call_service(app, req).await.status().as_u16()
}

async fn refresh<S: common::TestApp<B>, B: actix_web::body::MessageBody>(
    app: &S,
    token: &str,
) -> (u16, Value) {
    let req = TestRequest::post()
        .uri("/api/v1/auth/refresh")
        .set_json(json!({ "refresh_token": token }))
        .to_request();
    let res = call_service(app, req).await;
    let status = res.status().as_u16();
    let body = if status == 200 {
        json(res).await
    } else {
        Value::Null
    };
    (status, body)
}

fn claims(sub: &str, exp_offset: i64, aud: &str) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({ "sub": sub, "iat": now, "exp": now + exp_offset, "iss": "kiemdiem", "aud": aud, "jti": "x", "ver": 0 })
}

db_test!(login_returns_tokens_and_the_user_with_roles, |app, db| {
    seed_user(&db);
    let (status, body) = login(&app, "lan", PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert!(body["refresh_token"].as_str().unwrap().len() >= 40);
    assert_eq!(body["user"]["display_name"], "Nguyễn Thị Lan");
    assert_eq!(body["user"]["roles"][0]["role"], "committee");
    assert_eq!(
        body["user"]["roles"][0]["organization_name"],
        "Tỉnh ủy Nghệ An"
    );
    assert_eq!(
        me_status(&app, body["access_token"].as_str().unwrap()).await,
        200
    );
});

db_test!(
    a_password_kept_with_the_former_19_mib_parameters_is_hashed_again_at_login,
    |app, db| {
        // Hashes made before issue #18 (Argon2id m = 19456 KiB, t = 2) still open the door,
        // and the login stores the password again with today's parameters (m = 7168, t = 5).
        use argon2::password_hash::PasswordHasher;
        let id = seed_user(&db);
        let former = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(19_456, 2, 1, None).unwrap(),
        )
        .hash_password(PASSWORD.as_bytes())
        .unwrap()
        .to_string();
        users::set_password_hash(&mut db.pool.get().unwrap(), id, &former, false).unwrap();
        let stored = || {
            users::get(&mut db.pool.get().unwrap(), id)
                .unwrap()
                .unwrap()
        };
        assert!(
            stored()
                .password_hash
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
        );
        let (status, body) = login(&app, "lan", "mật-khẩu-sai-rồi-123").await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(
            stored().password_hash,
            former,
            "a wrong password rewrites nothing"
        );
        let (status, body) = login(&app, "lan", PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        let now = stored().password_hash;
        assert!(now.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"), "{now}");
        let (status, body) = login(&app, "lan", PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            stored().password_hash,
            now,
            "hashed again once, not at every login"
        );
    }
);

db_test!(login_errors_are_problems_on_the_real_endpoint, |app, db| {
    let req = TestRequest::post()
        .uri("/api/v1/auth/login")
        .insert_header(("content-type", "application/json"))
        .set_payload("{\"username\": ")
        .to_request();
    assert_problem(call_service(&app, req).await, 400, "malformed_json").await;
    let req = TestRequest::post()
        .uri("/api/v1/auth/login")
        .insert_header(("content-type", "text/plain"))
        .set_payload("lan")
        .to_request();
    assert_problem(call_service(&app, req).await, 415, "unsupported_media_type").await;
    let req = TestRequest::post()
        .uri("/api/v1/auth/login")
        .set_json(json!({ "username": "", "password": "", "role": "admin" }))
        .to_request();
    let body = assert_problem(call_service(&app, req).await, 422, "validation_failed").await;
    assert_eq!(
        body["errors"][0]["code"], "unknown_field",
        "unknown fields are refused: {body}"
    );
});

db_test!(
    an_unknown_user_and_a_wrong_password_look_the_same,
    |app, db| {
        seed_user(&db);
        let (s1, mut b1) = login(&app, "lan", "sai-mật-khẩu-rồi").await;
        let (s2, mut b2) = login(&app, "không-có-ai", "sai-mật-khẩu-rồi").await;
        assert_eq!((s1, s2), (401, 401));
        b1.as_object_mut().unwrap().remove("request_id");
        b2.as_object_mut().unwrap().remove("request_id");
        assert_eq!(b1, b2);
    }
);

async fn login_from<S: common::TestApp<B>, B: actix_web::body::MessageBody>(
    app: &S,
    addr: &str,
    username: &str,
    password: &str,
) -> actix_web::dev::ServiceResponse<B> {
    let req = TestRequest::post()
        .uri("/api/v1/auth/login")
        .peer_addr(format!("{addr}:5000").parse().unwrap())
        .set_json(json!({ "username": username, "password": password }))
        .to_request();
    call_service(app, req).await
}

// Issue #13 (ASVS 6.3): a guesser is slowed per account and address, and cannot lock the
// real owner out. Before: five failures from anywhere locked the account (the owner too).
db_test!(
    repeated_failures_slow_the_guesser_not_the_owner,
    |app, db| {
        seed_user(&db);
        // The owner has logged in from their usual address before.
        assert_eq!(
            login_from(&app, "10.0.0.8", "lan", PASSWORD).await.status(),
            200
        );
        for _ in 0..5 {
            assert_eq!(login(&app, "lan", "sai-mật-khẩu-rồi").await.0, 401);
        }
        // The guesser's address waits, even with the right password.
        let res = login_from(&app, "10.0.0.7", "lan", PASSWORD).await;
        let retry: u64 = res
            .headers()
            .get("retry-after")
            .unwrap()
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(retry > 0 && retry <= 900);
        assert_problem(res, 429, "too_many_requests").await;
        // The owner elsewhere does not.
        assert_eq!(
            login_from(&app, "10.0.0.8", "lan", PASSWORD).await.status(),
            200
        );
        // A distributed guesser (fifteen more addresses: twenty failures on the account in
        // all): new addresses wait, the owner's known address still logs in.
        for i in 0..15 {
            let res = login_from(&app, &format!("10.9.{i}.1"), "lan", "sai-mật-khẩu-rồi").await;
            assert_eq!(res.status(), 401);
        }
        assert_eq!(
            login_from(&app, "10.9.99.1", "lan", PASSWORD)
                .await
                .status(),
            429,
            "an address never seen for this account waits while it is under attack"
        );
        assert_eq!(
            login_from(&app, "10.0.0.8", "lan", PASSWORD).await.status(),
            200
        );
    }
);

db_test!(forged_and_foreign_tokens_are_refused, |app, db| {
    let user_id = seed_user(&db);
    let sub = format!("user:{user_id}");
    let good = encode(
        &Header::new(Algorithm::HS256),
        &claims(&sub, 600, "kiemdiem-api"),
        &EncodingKey::from_secret(TEST_SECRET),
    )
    .unwrap();
    assert_eq!(me_status(&app, &good).await, 200, "the control token works");

    let header_none = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims(&sub, 600, "kiemdiem-api").to_string());
    let alg_none = format!("{header_none}.{payload}.");
    let other_key = encode(
        &Header::new(Algorithm::HS256),
        &claims(&sub, 600, "kiemdiem-api"),
        &EncodingKey::from_secret(b"another-secret-of-enough-length-000"),
    )
    .unwrap();
    let expired = encode(
        &Header::new(Algorithm::HS256),
        &claims(&sub, -3600, "kiemdiem-api"),
        &EncodingKey::from_secret(TEST_SECRET),
    )
    .unwrap();
    let wrong_aud = encode(
        &Header::new(Algorithm::HS256),
        &claims(&sub, 600, "someone-else"),
        &EncodingKey::from_secret(TEST_SECRET),
    )
    .unwrap();
    let hs512 = encode(
        &Header::new(Algorithm::HS512),
        &claims(&sub, 600, "kiemdiem-api"),
        &EncodingKey::from_secret(TEST_SECRET),
    )
    .unwrap();
    let mut no_exp = claims(&sub, 600, "kiemdiem-api");
    no_exp.as_object_mut().unwrap().remove("exp");
    let no_exp = encode(
        &Header::new(Algorithm::HS256),
        &no_exp,
        &EncodingKey::from_secret(TEST_SECRET),
    )
    .unwrap();
    // A claim changed after signing: the signature no longer matches.
    let parts: Vec<&str> = good.split('.').collect();
    let tampered_payload =
        URL_SAFE_NO_PAD.encode(claims("user:999", 600, "kiemdiem-api").to_string());
    let tampered = format!("{}.{}.{}", parts[0], tampered_payload, parts[2]);
    let (_, session) = login(&app, "lan", PASSWORD).await;
    let refresh_as_access = session["refresh_token"].as_str().unwrap().to_owned();

    for (what, token) in [
        ("alg none", alg_none),
        ("another key", other_key),
        ("expired", expired),
        ("wrong aud", wrong_aud),
        ("HS512", hs512),
        ("no exp", no_exp),
        ("tampered claim", tampered),
        ("refresh token", refresh_as_access),
        ("garbage", "abc.def".to_owned()),
    ] {
        assert_eq!(me_status(&app, &token).await, 401, "{what}");
    }
    let req = TestRequest::get().uri("/api/v1/auth/me").to_request();
    let res = call_service(&app, req).await;
    assert!(res.headers().get("www-authenticate").is_some());
    assert_problem(res, 401, "unauthorized").await;
});

db_test!(
    refresh_rotates_and_a_reused_token_revokes_the_family,
    |app, db| {
        seed_user(&db);
        let (_, first) = login(&app, "lan", PASSWORD).await;
        let r1 = first["refresh_token"].as_str().unwrap().to_owned();
        let (status, second) = refresh(&app, &r1).await;
        assert_eq!(status, 200);
        let r2 = second["refresh_token"].as_str().unwrap().to_owned();
        assert_ne!(r1, r2);
        assert_eq!(
            me_status(&app, second["access_token"].as_str().unwrap()).await,
            200
        );

        // Someone replays the spent token: the whole family dies, the legitimate r2 included.
        assert_eq!(refresh(&app, &r1).await.0, 401);
        assert_eq!(refresh(&app, &r2).await.0, 401);

        // A fresh login is a new family and works.
        let (_, other) = login(&app, "lan", PASSWORD).await;
        assert_eq!(
            refresh(&app, other["refresh_token"].as_str().unwrap())
                .await
                .0,
            200
        );

        let mut conn = db.pool.get().unwrap();
        let (entries, _) = kiemdiem_store::audit::list(
            &mut conn,
            &kiemdiem_store::audit::AuditFilter {
                action: Some("refresh_reuse".into()),
                ..Default::default()
            },
            10,
            0,
        )
        .unwrap();
        assert_eq!(entries.len(), 1, "the reuse is audited");
        assert_eq!(entries[0].actor, "lan");
        assert!(entries[0].request_id.is_some(), "the request id is kept");
    }
);

db_test!(logout_revokes_the_refresh_token, |app, db| {
    seed_user(&db);
    let (_, session) = login(&app, "lan", PASSWORD).await;
    let r = session["refresh_token"].as_str().unwrap();
    let req = TestRequest::post()
        .uri("/api/v1/auth/logout")
        .set_json(json!({ "refresh_token": r }))
        .to_request();
    assert_eq!(call_service(&app, req).await.status(), 204);
    assert_eq!(refresh(&app, r).await.0, 401);
});

db_test!(
    disabling_a_user_or_changing_the_password_stops_their_tokens,
    |app, db| {
        let user_id = seed_user(&db);
        let admin_token = {
            let mut conn = db.pool.get().unwrap();
            let admin = users::create(
                &mut conn,
                users::NewUser {
                    username: "root",
                    display_name: "Quản trị",
                    password_hash: "x",
                    member_id: None,
                },
            )
            .unwrap();
            users::add_assignment(&mut conn, admin.id, "admin", None).unwrap();
            kiemdiem_api::auth::jwt::Keys::new(TEST_SECRET)
                .issue(format!("user:{}", admin.id), 0)
                .unwrap()
                .0
        };
        let patch = |body: Value| {
            TestRequest::patch()
                .uri(&format!("/api/v1/users/{user_id}"))
                .insert_header(("authorization", format!("Bearer {admin_token}")))
                .set_json(body)
                .to_request()
        };

        let (_, s) = login(&app, "lan", PASSWORD).await;
        let access = s["access_token"].as_str().unwrap().to_owned();
        assert_eq!(
            call_service(&app, patch(json!({ "password": "một-mật-khẩu-mới-456" })))
                .await
                .status(),
            200
        );
        assert_eq!(
            me_status(&app, &access).await,
            401,
            "the old access token died with the password"
        );
        assert_eq!(
            refresh(&app, s["refresh_token"].as_str().unwrap()).await.0,
            401
        );

        let (status, s) = login(&app, "lan", "một-mật-khẩu-mới-456").await;
        assert_eq!(status, 200);
        // Used once, so that its principal (user and roles) is kept for reuse: deactivating
        // the user must forget it on this instance at once, not after PRINCIPAL_TTL.
        assert_eq!(
            me_status(&app, s["access_token"].as_str().unwrap()).await,
            200
        );
        assert_eq!(
            call_service(&app, patch(json!({ "active": false })))
                .await
                .status(),
            200
        );
        assert_eq!(
            me_status(&app, s["access_token"].as_str().unwrap()).await,
            401
        );
        assert_eq!(
            login(&app, "lan", "một-mật-khẩu-mới-456").await.0,
            401,
            "a disabled user cannot log in"
        );
    }
);

db_test!(
    client_credentials_give_an_integration_token_on_the_subtree,
    |app, db| {
        seed_user(&db);
        for (content_type, body) in [
        ("application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=kd-province&client_secret=client-secret-0123456789".to_owned()),
        ("application/json", json!({"grant_type": "client_credentials", "client_id": "kd-province", "client_secret": "client-secret-0123456789"}).to_string()),
    ] {
        let req = TestRequest::post()
            .uri("/api/v1/auth/token")
            .insert_header(("content-type", content_type))
            .set_payload(body)
            .to_request();
        let res = call_service(&app, req).await;
        assert_eq!(res.status(), 200, "{content_type}");
        let token = json(res).await;
        assert!(token.get("refresh_token").is_none());
        let req = TestRequest::get()
            .uri("/api/v1/auth/me")
            .insert_header(("authorization", format!("Bearer {}", token["access_token"].as_str().unwrap())))
            .to_request();
        let me = json(call_service(&app, req).await).await;
        assert_eq!(me["roles"][0]["role"], "integration");
        assert_eq!(me["roles"][0]["organization_name"], "Tỉnh ủy Nghệ An");
    }
        let req = TestRequest::post()
            .uri("/api/v1/auth/token")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload("grant_type=client_credentials&client_id=kd-province&client_secret=wrong")
            .to_request();
        assert_problem(call_service(&app, req).await, 401, "unauthorized").await;
        let req = TestRequest::post()
            .uri("/api/v1/auth/token")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload("grant_type=password&client_id=kd-province&client_secret=x")
            .to_request();
        assert_problem(call_service(&app, req).await, 400, "unsupported_grant_type").await;
    }
);

// Issue #18: the principal is read in one statement (user, session, roles). What it reads must
// be what the three separate reads gave: the roles in order with their organisations (none for
// admin), a session open or not, nobody for an unknown id.
db_test!(
    the_principal_reads_user_session_and_roles_together,
    |_app, db| {
        let user_id = seed_user(&db);
        let mut conn = db.pool.get().unwrap();
        users::add_assignment(&mut conn, user_id, "admin", None).unwrap();
        let later = chrono::Utc::now().naive_utc() + chrono::Duration::days(1);
        kiemdiem_store::tokens::insert(&mut conn, user_id, "fam-open", "hash-open", later).unwrap();
        kiemdiem_store::tokens::insert(&mut conn, user_id, "fam-gone", "hash-gone", later).unwrap();
        kiemdiem_store::tokens::revoke_family(&mut conn, "fam-gone").unwrap();

        let c = users::caller(&mut conn, user_id, "fam-open")
            .unwrap()
            .unwrap();
        assert_eq!(c.user.username, "lan");
        assert!(c.family_alive, "a session with a token not revoked is open");
        let roles: Vec<_> = c
            .assignments
            .iter()
            .map(|a| (a.role.as_str(), a.organization_name.as_deref()))
            .collect();
        assert_eq!(
            roles,
            [("committee", Some("Tỉnh ủy Nghệ An")), ("admin", None)],
            "every role, in the order given, with its organisation's name"
        );
        assert_eq!(
            c.assignments,
            users::assignments(&mut conn, user_id).unwrap()
        );
        let gone = users::caller(&mut conn, user_id, "fam-gone")
            .unwrap()
            .unwrap();
        assert!(!gone.family_alive, "a revoked session is closed");
        assert!(
            !users::caller(&mut conn, user_id, "fam-unknown")
                .unwrap()
                .unwrap()
                .family_alive
        );
        assert!(
            users::caller(&mut conn, user_id + 1000, "fam-open")
                .unwrap()
                .is_none()
        );

        // A user without a role is still read (and then has no access).
        let bare = users::create(
            &mut conn,
            users::NewUser {
                username: "binh",
                display_name: "Trần Văn Bình",
                password_hash: "x",
                member_id: None,
            },
        )
        .unwrap();
        let c = users::caller(&mut conn, bare.id, "").unwrap().unwrap();
        assert_eq!(c.user.username, "binh");
        assert!(c.assignments.is_empty());
    }
);
