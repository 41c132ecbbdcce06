//! Self-reviews through the real router, on both databases: write, submit, return, fix,
//! resubmit, accept; versions kept; scope; closed phases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::{TestRequest, call_service};
use common::{assert_problem, docx_text, etag, json, token, xlsx_cells};
use kiemdiem_store::{cycles, members, organizations, users};
use serde_json::{Value, json};

struct World {
    cycle: i64,
    self_reviews_phase: i64,
    lan: i64,
    binh: i64,
    lan_token: String,
    binh_token: String,
    secretary: String,
    committee: String,
    inspection: String,
}

fn world(db: &common::TestDb) -> World {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[
            ("province", "NA"),
            ("district", "VINH"),
            ("base", "DHKT"),
            ("branch", "CB-LLCT"),
        ],
    );
    let (base, branch) = (orgs[2].id, orgs[3].id);
    let member = |conn: &mut kiemdiem_store::AnyConnection, name: &str, card: &str| {
        common::person(conn, name, branch, card)
    };
    let lan = member(&mut conn, "Nguyễn Thị Lan", "34000001");
    let binh = member(&mut conn, "Trần Văn Bình", "34000002");
    let user = |conn: &mut kiemdiem_store::AnyConnection,
                name: &str,
                member_id: Option<i64>,
                role: &str,
                org: i64| {
        let u = users::create(
            conn,
            users::NewUser {
                username: name,
                display_name: name,
                password_hash: "x",
                member_id,
            },
        )
        .unwrap();
        users::add_assignment(conn, u.id, role, Some(org)).unwrap();
        token(u.id)
    };
    let lan_token = user(&mut conn, "lan", Some(lan), "member", branch);
    let binh_token = user(&mut conn, "binh", Some(binh), "member", branch);
    let secretary = user(&mut conn, "bithu", None, "branch_committee", branch);
    let committee = user(&mut conn, "danguy", None, "committee", base);
    let inspection = user(&mut conn, "ubkt", None, "inspection", base);
    let cycle = common::cycle(&mut conn, base, 2016);
    let self_reviews_phase = cycles::phases(&mut conn, cycle)
        .unwrap()
        .into_iter()
        .find(|p| p.code == "self_reviews")
        .unwrap()
        .id;
    World {
        cycle,
        self_reviews_phase,
        lan,
        binh,
        lan_token,
        binh_token,
        secretary,
        committee,
        inspection,
    }
}

pub(crate) fn content(shortcomings: &str) -> Value {
    json!({
        "political_ideology": "Luôn kiên định mục tiêu, lý tưởng của Đảng.",
        "ethics_lifestyle": "Giữ gìn phẩm chất đạo đức, lối sống giản dị.",
        "duties": "Hoàn thành tốt nhiệm vụ giảng dạy và nghiên cứu.",
        "organisation_discipline": "Chấp hành nghiêm nguyên tắc tập trung dân chủ.",
        "shortcomings": shortcomings,
        "remedies": "Sắp xếp thời gian hợp lý hơn.",
        "suggestion_answers": "",
        "self_assessed_level": "good",
    })
}

db_test!(write_submit_return_fix_resubmit_accept, |app, db| {
    let w = world(&db);
    let base = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
    let res = send!(app, TestRequest::get().uri(&base), w.lan_token);
    assert_eq!(json(res).await["status"], "not_started");

    // A draft with a section missing cannot be submitted; every missing part is named.
    let mut partial = content("");
    partial["self_assessed_level"] = Value::Null;
    assert_eq!(
        send!(
            app,
            TestRequest::put().uri(&base).set_json(partial),
            w.lan_token
        )
        .status(),
        200
    );
    let p = assert_problem(
        send!(
            app,
            TestRequest::post().uri(&format!("{base}/submit")),
            w.lan_token
        ),
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["shortcomings", "self_assessed_level"],
        "in the order of the form"
    );

    assert_eq!(
        send!(
            app,
            TestRequest::put()
                .uri(&base)
                .set_json(content("Đôi khi còn chậm nộp báo cáo.")),
            w.lan_token
        )
        .status(),
        200
    );
    let s = json(send!(
        app,
        TestRequest::post().uri(&format!("{base}/submit")),
        w.lan_token
    ))
    .await;
    assert_eq!(s["status"], "submitted");
    // Submitted: locked for the member until returned.
    assert_problem(
        send!(
            app,
            TestRequest::put().uri(&base).set_json(content("x")),
            w.lan_token
        ),
        409,
        "self_review_locked",
    )
    .await;
    // The member does not return their own.
    assert_problem(
        send!(
            app,
            TestRequest::post()
                .uri(&format!("{base}/return"))
                .set_json(json!({"comment": "tự trả lại"})),
            w.lan_token
        ),
        403,
        "forbidden",
    )
    .await;

    let s = json(send!(
        app,
        TestRequest::post()
            .uri(&format!("{base}/return"))
            .set_json(json!({"comment": "Nêu rõ nguyên nhân của khuyết điểm"})),
        w.secretary
    ))
    .await;
    assert_eq!(s["status"], "returned");
    let s = json(send!(app, TestRequest::get().uri(&base), w.lan_token)).await;
    assert_eq!(s["return_comment"], "Nêu rõ nguyên nhân của khuyết điểm");

    assert_eq!(
        send!(
            app,
            TestRequest::put().uri(&base).set_json(content(
                "Chậm nộp báo cáo do sắp xếp công việc chưa khoa học."
            )),
            w.lan_token
        )
        .status(),
        200
    );
    assert_eq!(
        json(send!(
            app,
            TestRequest::post().uri(&format!("{base}/submit")),
            w.lan_token
        ))
        .await["status"],
        "submitted"
    );
    let s = json(send!(
        app,
        TestRequest::post().uri(&format!("{base}/accept")),
        w.committee
    ))
    .await;
    assert_eq!(s["status"], "accepted");
    assert_eq!(s["on_behalf"], false);
    assert_eq!(
        s["content"]["shortcomings"],
        "Chậm nộp báo cáo do sắp xếp công việc chưa khoa học."
    );

    let versions = json(send!(
        app,
        TestRequest::get().uri(&format!("{base}/versions")),
        w.secretary
    ))
    .await;
    assert_eq!(versions.as_array().unwrap().len(), 3, "every save is kept");
    assert_eq!(versions[2]["content"]["shortcomings"], "");
    assert_eq!(versions[0]["saved_by"], "lan");

    let list = json(send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/cycles/{}/self-reviews", w.cycle)),
        w.secretary
    ))
    .await;
    assert_eq!(list["items"][0]["status"], "accepted");
});

db_test!(nobody_else_reads_a_members_self_review, |app, db| {
    let w = world(&db);
    let lan = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
    assert_eq!(
        send!(
            app,
            TestRequest::put().uri(&lan).set_json(content("Chậm.")),
            w.lan_token
        )
        .status(),
        200
    );
    assert_problem(
        send!(app, TestRequest::get().uri(&lan), w.binh_token),
        404,
        "not_found",
    )
    .await;
    assert_problem(
        send!(
            app,
            TestRequest::put().uri(&lan).set_json(content("sửa hộ")),
            w.binh_token
        ),
        404,
        "not_found",
    )
    .await;
    // Binh's list holds only Binh's own.
    let list = json(send!(
        app,
        TestRequest::get().uri(&format!("/api/v1/cycles/{}/self-reviews", w.cycle)),
        w.binh_token
    ))
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);

    // A paper form entered by the branch committee is marked as such.
    let binh = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.binh);
    let s = json(send!(
        app,
        TestRequest::put().uri(&binh).set_json(content("Bản giấy.")),
        w.secretary
    ))
    .await;
    assert_eq!(s["on_behalf"], true);
});

db_test!(
    a_closed_self_review_phase_refuses_writes_until_reopened,
    |app, db| {
        let w = world(&db);
        let lan = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
        let phase = format!("/api/v1/cycles/{}/phases/{}", w.cycle, w.self_reviews_phase);
        assert_eq!(
            send!(
                app,
                TestRequest::post().uri(&format!("{phase}/close")),
                w.committee
            )
            .status(),
            200
        );
        assert_problem(
            send!(
                app,
                TestRequest::put().uri(&lan).set_json(content("Muộn.")),
                w.lan_token
            ),
            409,
            "phase_closed",
        )
        .await;
        assert_eq!(
            send!(
                app,
                TestRequest::post()
                    .uri(&format!("{phase}/reopen"))
                    .set_json(json!({"reason": "Gia hạn cho đồng chí Lan"})),
                w.committee
            )
            .status(),
            200
        );
        assert_eq!(
            send!(
                app,
                TestRequest::put().uri(&lan).set_json(content("Muộn.")),
                w.lan_token
            )
            .status(),
            200
        );
    }
);

db_test!(
    professional_ratings_are_recorded_by_the_branch_with_honours,
    |app, db| {
        let w = world(&db);
        let uri = format!(
            "/api/v1/cycles/{}/members/{}/professional-rating",
            w.cycle, w.lan
        );
        let rating = json!({ "level": "excellent", "rating_unit": "Trường ĐH Kinh tế Nghệ An", "post": "Trưởng khoa",
        "honours": ["emulation_title", "certificate_of_merit"] });
        assert_problem(
            send!(
                app,
                TestRequest::put().uri(&uri).set_json(rating.clone()),
                w.lan_token
            ),
            403,
            "forbidden",
        )
        .await;
        let p = assert_problem(
            send!(
                app,
                TestRequest::put().uri(&uri).set_json(json!({
        "level": "khá", "rating_unit": "x", "post": "y", "honours": ["huân chương"] })),
                w.secretary
            ),
            422,
            "validation_failed",
        )
        .await;
        let fields: Vec<&str> = p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["level", "honours[0]"]);
        let r = json(send!(
            app,
            TestRequest::put().uri(&uri).set_json(rating.clone()),
            w.secretary
        ))
        .await;
        assert_eq!(
            r["honours"],
            json!(["certificate_of_merit", "emulation_title"])
        );
        // Rated again: the audit log keeps what was replaced (`before`), not null.
        let again = json!({ "level": "good", "rating_unit": "Trường ĐH Kinh tế Nghệ An", "post": "Trưởng khoa" });
        assert_eq!(
            send!(
                app,
                TestRequest::put().uri(&uri).set_json(again),
                w.secretary
            )
            .status(),
            200
        );
        let (log, _) = kiemdiem_store::audit::list(
            &mut db.pool.get().unwrap(),
            &kiemdiem_store::audit::AuditFilter {
                entity_type: Some("professional_rating".into()),
                ..Default::default()
            },
            10,
            0,
        )
        .unwrap();
        let befores: Vec<Option<Value>> = log
            .iter()
            .map(|r| {
                r.before_json
                    .as_deref()
                    .map(|b| serde_json::from_str(b).unwrap())
            })
            .collect();
        assert_eq!(befores.len(), 2, "{log:?}");
        assert!(
            befores.iter().any(|b| b.is_none())
                && befores.iter().flatten().any(|b| b["level"] == "excellent"),
            "{befores:?}"
        );
        let r = json(send!(
            app,
            TestRequest::put().uri(&uri).set_json(rating.clone()),
            w.secretary
        ))
        .await;
        assert_eq!(r["level"], "excellent");
        // The member reads their own rating in the list; another member sees nothing.
        let list = |t: &String| {
            TestRequest::get()
                .uri(&format!("/api/v1/cycles/{}/professional-ratings", w.cycle))
                .insert_header(("authorization", t.as_str()))
        };
        let own = json(call_service(&app, list(&w.lan_token).to_request()).await).await;
        assert_eq!(own["items"][0]["level"], "excellent");
        let other = json(call_service(&app, list(&w.binh_token).to_request()).await).await;
        assert_eq!(other["items"].as_array().unwrap().len(), 0);
    }
);

db_test!(
    progress_counts_what_is_done_and_what_is_overdue,
    |app, db| {
        let w = world(&db);
        let lan = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
        send!(
            app,
            TestRequest::put().uri(&lan).set_json(content("Chậm.")),
            w.lan_token
        );
        send!(
            app,
            TestRequest::post().uri(&format!("{lan}/submit")),
            w.lan_token
        );
        send!(
            app,
            TestRequest::put()
                .uri(&format!(
                    "/api/v1/cycles/{}/members/{}/professional-rating",
                    w.cycle, w.lan
                ))
                .set_json(
                    json!({ "level": "good", "rating_unit": "Trường", "post": "Giảng viên" })
                ),
            w.secretary
        );
        let progress = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}/progress", w.cycle)),
            w.committee
        ))
        .await;
        let branch = &progress["branches"][0];
        assert_eq!(branch["name"], "Tổ chức CB-LLCT");
        assert_eq!(branch["members"], 2);
        assert_eq!(branch["self_reviews_submitted"], 1);
        assert_eq!(branch["self_reviews_missing"], 1);
        // The 2016 plan's self-review phase ended on 09/11/2016: Bình is overdue.
        assert_eq!(progress["self_reviews_due"], "2016-11-09");
        assert_eq!(branch["self_reviews_overdue"], 1);
        assert_eq!(
            (
                branch["civil_servants"].as_u64(),
                branch["professional_ratings"].as_u64()
            ),
            (Some(2), Some(1))
        );
        assert_eq!(progress["bases"][0]["members"], 2);
        assert_eq!(progress["total"]["self_reviews_submitted"], 1);
        // Accepting moves the count.
        send!(
            app,
            TestRequest::post().uri(&format!("{lan}/accept")),
            w.secretary
        );
        let progress = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}/progress", w.cycle)),
            w.lan_token
        ))
        .await;
        assert_eq!(progress["total"]["self_reviews_accepted"], 1);
        assert_eq!(progress["total"]["self_reviews_submitted"], 0);

        // A district's cycle rolls its bases up per district.
        let (district_cycle, admin) = {
            let mut conn = db.pool.get().unwrap();
            let district = organizations::list(&mut conn, &Default::default())
                .unwrap()
                .into_iter()
                .find(|o| o.kind == "district")
                .unwrap();
            let c = common::cycle(&mut conn, district.id, 2016);
            let u = users::create(
                &mut conn,
                users::NewUser {
                    username: "quantri",
                    display_name: "Quản trị",
                    password_hash: "x",
                    member_id: None,
                },
            )
            .unwrap();
            users::add_assignment(&mut conn, u.id, "admin", None).unwrap();
            (c, token(u.id))
        };
        let progress = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{district_cycle}/progress")),
            admin
        ))
        .await;
        assert_eq!(progress["districts"][0]["name"], "Tổ chức VINH");
        assert_eq!(progress["districts"][0]["kind"], "district");
        assert_eq!(progress["districts"][0]["members"], 2);
        assert_eq!(progress["districts"][0]["self_reviews_missing"], 2);
        assert_eq!(progress["bases"][0]["members"], 2);
    }
);

db_test!(
    the_inspection_commission_issues_suggestions_and_the_member_answers,
    |app, db| {
        let w = world(&db);
        let base = format!("/api/v1/cycles/{}/suggestions", w.cycle);
        let res = send!(app, TestRequest::post().uri(&base).set_json(json!({
        "member_id": w.lan, "content": "Làm rõ trách nhiệm trong việc chậm nộp báo cáo", "due_on": "2016-11-15" })), w.inspection);
        assert_eq!(res.status(), 201);
        let s = json(res).await;
        assert_eq!(s["issuer_role"], "inspection");
        // Due in 2016 and not answered: overdue.
        assert_eq!(s["overdue"], true);
        let sid = s["id"].as_i64().unwrap();
        // The inspection commission reads the self-reviews it issues suggestions on, and
        // writes none (issue #13, item 10).
        let lan_review = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
        let res = send!(app, TestRequest::get().uri(&lan_review), w.inspection);
        assert_eq!(res.status(), 200);
        assert_problem(
            send!(
                app,
                TestRequest::put()
                    .uri(&lan_review)
                    .set_json(json!({ "duties": "Sửa hộ" })),
                w.inspection
            ),
            404,
            "not_found",
        )
        .await;
        // Lan sees hers and answers; Bình sees nothing and cannot answer.
        let mine = json(send!(app, TestRequest::get().uri(&base), w.lan_token)).await;
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        assert_eq!(
            json(send!(app, TestRequest::get().uri(&base), w.binh_token)).await["items"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
        let answer = |t: &String| {
            TestRequest::post()
                .uri(&format!("{base}/{sid}/answer"))
                .set_json(
                    json!({ "explanation": "Do sắp xếp công việc chưa hợp lý; đã khắc phục." }),
                )
                .insert_header(("authorization", t.as_str()))
        };
        assert_problem(
            call_service(&app, answer(&w.binh_token).to_request()).await,
            404,
            "not_found",
        )
        .await;
        assert_problem(
            call_service(&app, answer(&w.inspection).to_request()).await,
            403,
            "forbidden",
        )
        .await;
        let s = json(call_service(&app, answer(&w.lan_token).to_request()).await).await;
        assert_eq!(s["status"], "answered");
        assert_eq!(s["answered_by"], "lan");
        let seen = json(send!(app, TestRequest::get().uri(&base), w.inspection)).await;
        assert_eq!(
            seen["items"][0]["explanation"],
            "Do sắp xếp công việc chưa hợp lý; đã khắc phục."
        );
    }
);

db_test!(
    a_feedback_provider_sees_and_answers_only_what_is_assigned_to_them,
    |app, db| {
        let w = world(&db);
        let (fp1, fp2) = {
            let mut conn = db.pool.get().unwrap();
            let base = organizations::list(&mut conn, &Default::default())
                .unwrap()
                .into_iter()
                .find(|o| o.kind == "base")
                .unwrap()
                .id;
            let mut make = |name: &str| {
                let u = users::create(
                    &mut conn,
                    users::NewUser {
                        username: name,
                        display_name: name,
                        password_hash: "x",
                        member_id: None,
                    },
                )
                .unwrap();
                users::add_assignment(&mut conn, u.id, "feedback_provider", Some(base)).unwrap();
                u.id
            };
            (make("congdoan"), make("chiuy.cutru"))
        };
        let base = format!("/api/v1/cycles/{}/feedback-requests", w.cycle);
        let mut ids = Vec::new();
        for (member, provider, source) in [(w.lan, fp1, "workplace"), (w.binh, fp2, "residence")] {
            let res = send!(
                app,
                TestRequest::post().uri(&base).set_json(json!({
            "member_id": member, "source": source, "provider_user_id": provider, "delivery": "hand",
            "sent_on": "2016-11-09", "due_on": "2016-11-14" })),
                w.secretary
            );
            assert_eq!(res.status(), 201);
            ids.push(json(res).await["id"].as_i64().unwrap());
        }
        let fp1_token = token(fp1);
        let mine = json(send!(app, TestRequest::get().uri(&base), fp1_token)).await;
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        assert_eq!(mine["items"][0]["member_name"], "Nguyễn Thị Lan");
        let answer = |id: i64| {
            TestRequest::post()
                .uri(&format!("{base}/{id}/answer"))
                .set_json(json!({ "content": "Đồng chí gương mẫu", "proposed_level": "excellent" }))
        };
        // The inbox across cycles holds the same single request; fp2 has only Bình's.
        let inbox = json(send!(
            app,
            TestRequest::get().uri("/api/v1/feedback-requests"),
            fp1_token
        ))
        .await;
        assert_eq!(inbox["items"].as_array().unwrap().len(), 1);
        assert_eq!(inbox["items"][0]["id"].as_i64(), Some(ids[0]));
        let other = json(send!(
            app,
            TestRequest::get().uri("/api/v1/feedback-requests"),
            token(fp2)
        ))
        .await;
        assert_eq!(other["items"][0]["member_name"], "Trần Văn Bình");
        assert_eq!(other["items"].as_array().unwrap().len(), 1);
        assert_problem(send!(app, answer(ids[1]), fp1_token), 404, "not_found").await;
        let a = json(send!(app, answer(ids[0]), fp1_token)).await;
        assert_eq!(a["proposed_level"], "excellent");
        assert!(a["returned_on"].is_string());
        // Answered after its due date (14/11/2016): flagged late (P2), still counted.
        assert_eq!(a["late"], true);
        // Answered: out of the open inbox, still in the full one.
        let open = json(send!(
            app,
            TestRequest::get().uri("/api/v1/feedback-requests?open=true"),
            fp1_token
        ))
        .await;
        assert_eq!(open["items"].as_array().unwrap().len(), 0);
        let all = json(send!(
            app,
            TestRequest::get().uri("/api/v1/feedback-requests"),
            fp1_token
        ))
        .await;
        assert_eq!(all["items"][0]["content"], "Đồng chí gương mẫu");
        // Bình's residence form is still out, past its due date: overdue on the board.
        let progress = json(send!(
            app,
            TestRequest::get().uri(&format!("/api/v1/cycles/{}/progress", w.cycle)),
            w.committee
        ))
        .await;
        assert_eq!(
            (
                progress["total"]["feedback_requested"].as_u64(),
                progress["total"]["feedback_returned"].as_u64(),
                progress["total"]["feedback_overdue"].as_u64()
            ),
            (Some(2), Some(1), Some(1))
        );
        // The branch committee writes the consolidated opinion the tally sheet reads later.
        let opinion = format!("/api/v1/cycles/{}/members/{}/opinion", w.cycle, w.lan);
        assert_problem(
            send!(app, TestRequest::get().uri(&opinion), w.secretary),
            404,
            "not_found",
        )
        .await;
        send!(
            app,
            TestRequest::put().uri(&opinion).set_json(
                json!({ "content": "Hoàn thành tốt nhiệm vụ", "proposed_level": "good" })
            ),
            w.secretary
        );
        let o = json(send!(app, TestRequest::get().uri(&opinion), w.secretary)).await;
        assert_eq!(o["proposed_level"], "good");
        assert_problem(
            send!(app, TestRequest::get().uri(&opinion), w.lan_token),
            404,
            "not_found",
        )
        .await;
        // P2: the stamped return envelope goes only with a postal form.
        let postal = |delivery: &str| {
            TestRequest::post().uri(&base).set_json(json!({
                "member_id": w.lan, "source": "residence", "delivery": delivery,
                "return_envelope": true, "sent_on": "2016-11-09", "due_on": "2016-11-14" }))
        };
        let fields = common::invalid_fields(send!(app, postal("hand"), w.secretary)).await;
        assert_eq!(
            fields,
            [("return_envelope".to_owned(), "needs_post".to_owned())]
        );
        let r = json(send!(app, postal("post"), w.secretary)).await;
        assert_eq!(
            (r["return_envelope"].as_bool(), r["late"].as_bool()),
            (Some(true), Some(false))
        );
    }
);

db_test!(notifications_tell_each_user_what_is_due, |app, db| {
    let w = world(&db);
    let n = json(send!(
        app,
        TestRequest::get().uri("/api/v1/notifications"),
        w.lan_token
    ))
    .await["items"]
        .clone();
    assert_eq!(n[0]["kind"], "self_review_due");
    assert_eq!(
        n[0]["message"],
        "Bản tự kiểm điểm năm 2016 của đồng chí cần nộp trước ngày 09/11/2016"
    );
    assert_eq!(n[0]["overdue"], true);
    let lan = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
    send!(
        app,
        TestRequest::put().uri(&lan).set_json(content("Chậm.")),
        w.lan_token
    );
    send!(
        app,
        TestRequest::post().uri(&format!("{lan}/submit")),
        w.lan_token
    );
    let n = json(send!(
        app,
        TestRequest::get().uri("/api/v1/notifications"),
        w.lan_token
    ))
    .await["items"]
        .clone();
    assert!(
        n.as_array()
            .unwrap()
            .iter()
            .all(|x| x["kind"] != "self_review_due"),
        "{n}"
    );
    let n = json(send!(
        app,
        TestRequest::get().uri("/api/v1/notifications"),
        w.secretary
    ))
    .await["items"]
        .clone();
    assert_eq!(n[0]["kind"], "self_reviews_waiting");
    assert_eq!(
        n[0]["message"],
        "Có 1 bản tự kiểm điểm đang chờ chi ủy nhận xét"
    );
});

/// The kinds on a user's agenda, in its order, and the agenda.
macro_rules! agenda {
    ($app:expr, $token:expr) => {{
        let a = json(send!(
            $app,
            TestRequest::get().uri("/api/v1/me/agenda"),
            $token
        ))
        .await;
        let kinds: Vec<String> = a["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["kind"].as_str().unwrap().to_owned())
            .collect();
        (kinds, a)
    }};
}

// Issue #17: each person's agenda holds what is theirs to do at the organisation where they
// hold the role — the member's own review and suggestion, the provider's request, the branch
// committee's reviews, late feedback and uncounted session, the base committee's dossier,
// the inspection's unanswered suggestion, the city's decision once the dossier is in — and
// nothing of what belongs to others (the city is not told about a branch's reviews; an
// administrator gets none of the organisations' work).
db_test!(
    the_agenda_tells_each_person_what_is_theirs_to_do,
    |app, db| {
        let w = world(&db);
        let mut conn = db.pool.get().unwrap();
        let cycle = cycles::get(&mut conn, w.cycle).unwrap().unwrap();
        let base = cycle.0.organization_id;
        let (lan, branch_path) = members::get(&mut conn, w.lan).unwrap().unwrap();
        let branch = lan.branch_id;
        let district = organizations::get(&mut conn, base)
            .unwrap()
            .unwrap()
            .parent_id
            .unwrap();
        let mk = |conn: &mut kiemdiem_store::AnyConnection,
                  name: &str,
                  role: &str,
                  org: Option<i64>| { common::user(conn, name, role, org) };
        let city = mk(&mut conn, "thanhuy", "committee", Some(district));
        let provider = users::create(
            &mut conn,
            users::NewUser {
                username: "congdoan",
                display_name: "Công đoàn trường",
                password_hash: "x",
                member_id: None,
            },
        )
        .unwrap();
        users::add_assignment(&mut conn, provider.id, "feedback_provider", Some(base)).unwrap();
        let provider_token = common::token(provider.id);
        let admin = mk(&mut conn, "quantri", "admin", None);
        // Bình has submitted; Lan has not. Bình's workplace opinion is overdue; Lan has a
        // suggestion to answer; the branch's paper session is not counted yet.
        let binh = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.binh);
        drop(conn);
        send!(
            app,
            TestRequest::put().uri(&binh).set_json(content("Chậm.")),
            w.binh_token
        );
        let res = send!(
            app,
            TestRequest::post().uri(&format!("{binh}/submit")),
            w.binh_token
        );
        assert_eq!(res.status(), 200);
        let mut conn = db.pool.get().unwrap();
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2016, m, d).unwrap();
        kiemdiem_store::feedback::create(
            &mut conn,
            &kiemdiem_store::feedback::NewRequest {
                cycle_id: w.cycle,
                member_id: w.binh,
                source: "workplace",
                provider_user_id: Some(provider.id),
                cluster: None,
                led_by: None,
                delivery: None,
                sent_on: None,
                due_on: Some(day(11, 12)),
                return_envelope: false,
            },
        )
        .unwrap();
        kiemdiem_store::suggestions::create(
            &mut conn,
            &kiemdiem_store::suggestions::NewSuggestion {
                cycle_id: w.cycle,
                member_id: Some(w.lan),
                organization_id: None,
                subject_path: &branch_path,
                issuer_role: "inspection",
                issued_by: "ubkt",
                content: "Việc chậm nộp báo cáo",
                due_on: day(11, 5),
            },
        )
        .unwrap();
        let session = kiemdiem_store::voting::create(
            &mut conn,
            &kiemdiem_store::voting::NewSession {
                cycle_id: w.cycle,
                branch_id: branch,
                kind: "regular",
                mode: "paper_tally",
                held_on: day(11, 14),
                outstanding_unit: false,
                opened_by: "bithu",
            },
        )
        .unwrap();
        drop(conn);

        let (lan_kinds, a) = agenda!(app, w.lan_token);
        assert_eq!(lan_kinds, ["suggestion_open", "self_review_due"]);
        assert_eq!(a["late"], 2);
        assert_eq!(a["items"][1]["due_on"], "2016-11-09");
        assert_eq!(a["items"][1]["route"], "/my-review");
        assert_eq!(a["items"][1]["subject"]["kind"], "self_review");
        let (kinds, a) = agenda!(app, provider_token);
        assert_eq!(kinds, ["feedback_due"]);
        assert_eq!(
            a["items"][0]["message"],
            "Cần cho ý kiến về đảng viên Trần Văn Bình trước ngày 12/11/2016"
        );
        assert_eq!(a["items"][0]["route"], "/feedback");
        let (kinds, a) = agenda!(app, w.secretary);
        assert_eq!(
            kinds,
            ["feedback_overdue", "tally_due", "self_reviews_waiting"]
        );
        assert_eq!(
            a["items"][1]["route"],
            format!("/voting-sessions/{session}")
        );
        assert_eq!(
            a["items"][1]["due_on"], "2016-11-16",
            "the branch meetings' phase"
        );
        let (kinds, a) = agenda!(app, w.committee);
        assert_eq!(kinds, ["dossier_due"]);
        assert_eq!(a["items"][0]["route"], format!("/dossiers/{base}/2016"));
        assert_eq!(a["items"][0]["due_on"], "2016-11-25");
        let (kinds, _) = agenda!(app, w.inspection);
        assert_eq!(kinds, ["suggestions_unanswered"]);
        // Not the city's business until the dossier is in; never the administrator's.
        assert!(agenda!(app, city).0.is_empty());
        assert!(agenda!(app, admin).0.is_empty());
        // The bell is the agenda's count.
        let bell = json(send!(
            app,
            TestRequest::get().uri("/api/v1/notifications"),
            w.secretary
        ))
        .await;
        assert_eq!(bell["total"], 3);
        assert_eq!(bell["items"].as_array().unwrap().len(), 3);

        // Once the dossier is in, it leaves the base's agenda and enters the city's.
        let mut conn = db.pool.get().unwrap();
        kiemdiem_store::dossiers::submit(
            &mut conn,
            &kiemdiem_store::dossiers::NewSubmission {
                kind: kiemdiem_domain::dossier::DossierKind::Base,
                organization_id: base,
                year: 2016,
                deadline: Some(day(11, 25)),
                late: true,
                submitted_by: "danguy",
                submitted_at: kiemdiem_store::organizations::now(),
                archive: b"zip",
                archive_sha256: "00",
                manifest: "{}",
            },
        )
        .unwrap();
        drop(conn);
        assert!(agenda!(app, w.committee).0.is_empty());
        let (kinds, a) = agenda!(app, city);
        assert_eq!(kinds, ["dossier_to_decide"]);
        assert_eq!(a["items"][0]["late"], false);
    }
);

db_test!(
    the_self_review_and_the_residence_letter_print_in_vietnamese,
    |app, db| {
        let w = world(&db);
        let lan = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!("{lan}/document")),
                w.lan_token
            ),
            404,
            "not_found",
        )
        .await;
        send!(
            app,
            TestRequest::put()
                .uri(&lan)
                .set_json(content("Đôi khi chưa đúng hạn.")),
            w.lan_token
        );
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{lan}/document?format=docx")),
            w.lan_token
        );
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .contains("wordprocessingml")
        );
        let xml = docx_text(&actix_web::test::read_body(res).await);
        for want in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BẢN KIỂM ĐIỂM CÁ NHÂN",
            "Năm 2016",
            "Nguyễn Thị Lan",
            "TỔ CHỨC DHKT",
            "I. ƯU ĐIỂM",
            "Luôn kiên định mục tiêu, lý tưởng của Đảng.",
            "Đôi khi chưa đúng hạn.",
            "Hoàn thành tốt nhiệm vụ",
            "NGƯỜI TỰ KIỂM ĐIỂM",
            "Tổ chức NA, ngày",
        ] {
            assert!(xml.contains(want), "{want} missing");
        }
        // The same document as PDF, to print and file: A4, fonts embedded, the text exact
        // (what the member wrote is printed as text, never read as markup).
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{lan}/document?format=pdf")),
            w.lan_token
        );
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            "application/pdf"
        );
        assert!(
            res.headers()
                .get("content-disposition")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let text = common::pdf_text(&actix_web::test::read_body(res).await);
        for want in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BẢN KIỂM ĐIỂM CÁ NHÂN",
            "Năm 2016",
            "Họ và tên: Nguyễn Thị Lan",
            "I. ƯU ĐIỂM",
            "Luôn kiên định mục tiêu, lý tưởng của Đảng.",
            "Đôi khi chưa đúng hạn.",
            "Hoàn thành tốt nhiệm vụ",
            "NGƯỜI TỰ KIỂM ĐIỂM",
            "Tổ chức NA, ngày",
        ] {
            assert!(text.contains(want), "{want} missing in {text}");
        }
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!("{lan}/document?format=odt")),
                w.lan_token
            ),
            422,
            "validation_failed",
        )
        .await;

        let res = send!(app, TestRequest::post().uri(&format!("/api/v1/cycles/{}/feedback-requests", w.cycle)).set_json(json!({
        "member_id": w.binh, "source": "residence", "delivery": "post", "sent_on": "2016-11-09", "due_on": "2016-11-14" })), w.secretary);
        let rid = json(res).await["id"].as_i64().unwrap();
        let res = send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/cycles/{}/feedback-requests/{rid}/letter",
                w.cycle
            )),
            w.secretary
        );
        assert_eq!(res.status(), 200);
        let xml = docx_text(&actix_web::test::read_body(res).await);
        for want in [
            "PHIẾU XIN Ý KIẾN NHẬN XÉT",
            "Trần Văn Bình",
            "trước ngày 14/11/2016",
            "Văn phòng Đảng ủy, Tổ chức DHKT",
            "ngày 09 tháng 11 năm 2016",
        ] {
            assert!(xml.contains(want), "{want} missing");
        }
        // The branch named once in the sentence, as written (the heading has the capitals).
        assert!(
            xml.contains("năm 2016, Chi bộ Tổ chức") && !xml.contains("chi bộ TỔ CHỨC"),
            "{xml}"
        );
        // The same letter as PDF (issue #16): the party's heading, dated on the sending.
        let res = send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/cycles/{}/feedback-requests/{rid}/letter?format=pdf",
                w.cycle
            )),
            w.secretary
        );
        assert_eq!(common::content_type(&res), "application/pdf");
        let text = common::pdf_text(&actix_web::test::read_body(res).await);
        for want in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "PHIẾU XIN Ý KIẾN NHẬN XÉT",
            "Trần Văn Bình",
            "trước ngày 14/11/2016",
            "Văn phòng Đảng ủy, Tổ chức DHKT",
            "ngày 09 tháng 11 năm 2016",
            "T/M CHI ỦY NƠI CƯ TRÚ",
        ] {
            assert!(text.contains(want), "{want} not in {text}");
        }
        assert_problem(
            send!(
                app,
                TestRequest::get().uri(&format!(
                    "/api/v1/cycles/{}/feedback-requests/{rid}/letter?format=html",
                    w.cycle
                )),
                w.secretary
            ),
            422,
            "validation_failed",
        )
        .await;
    }
);

db_test!(
    professional_ratings_import_all_or_nothing_from_csv_and_xlsx,
    |app, db| {
        let w = world(&db);
        let uri = format!("/api/v1/cycles/{}/professional-ratings/import", w.cycle);
        let list = format!("/api/v1/cycles/{}/professional-ratings", w.cycle);
        let post = |query: &str, csv: &str| {
            TestRequest::post()
                .uri(&format!("{uri}{query}"))
                .insert_header(("content-type", "text/csv"))
                .set_payload(csv.to_owned())
        };
        let header = "STT,Số thẻ đảng viên,Họ và tên,Xếp loại CBCCVC,Đơn vị xếp loại,Chức vụ được xếp loại,\"Danh hiệu, khen thưởng\",Chi bộ xác nhận gương mẫu\n";
        // Row 3 has an unknown level, row 4 a card nobody holds: 422 naming both, nothing written.
        let bad = format!(
            "{header}1,34000001,Nguyễn Thị Lan,HTXSNV,Trường ĐH Kinh tế,Giảng viên,Giấy khen; Chiến sĩ thi đua cơ sở,Có\n\
             2,34000002,Trần Văn Bình,Khá,Trường ĐH Kinh tế,Chuyên viên,,\n\
             3,99999999,Không Có Ai,HTNV,Trường ĐH Kinh tế,Chuyên viên,,\n"
        );
        let res = send!(app, post("", &bad), w.secretary);
        assert_eq!(res.status(), 422);
        let problem = json(res).await;
        let rows: Vec<(u64, &str)> = problem["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap()))
            .collect();
        assert_eq!(rows, [(3, "Xếp loại CBCCVC"), (4, "Số thẻ đảng viên")]);
        let none = json(send!(app, TestRequest::get().uri(&list), w.secretary)).await;
        assert_eq!(none["items"].as_array().unwrap().len(), 0);

        let good = format!(
            "{header}1,34000001,Nguyễn Thị Lan,HTXSNV,Trường ĐH Kinh tế,Giảng viên,Giấy khen; Chiến sĩ thi đua cơ sở,Có\n\
             2,34000002,Trần Văn Bình,Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực,Trường ĐH Kinh tế,Chuyên viên,,\n"
        );
        // A dry run counts and writes nothing.
        let dry = json(send!(app, post("?dry_run=true", &good), w.secretary)).await;
        assert_eq!(
            (dry["created"].as_u64(), dry["dry_run"].as_bool()),
            (Some(2), Some(true))
        );
        assert_eq!(dry["ignored_columns"], json!(["STT"]));
        let none = json(send!(app, TestRequest::get().uri(&list), w.secretary)).await;
        assert_eq!(none["items"].as_array().unwrap().len(), 0);

        let done = json(send!(app, post("", &good), w.secretary)).await;
        assert_eq!(done["created"], 2);
        let ratings = json(send!(app, TestRequest::get().uri(&list), w.secretary)).await;
        let lan = ratings["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["member_id"] == w.lan)
            .unwrap();
        assert_eq!(lan["level"], "excellent");
        assert_eq!(
            lan["honours"],
            json!(["certificate_of_merit", "emulation_title"])
        );
        assert_eq!(lan["attested_exemplary"], true);
        let again = json(send!(app, post("", &good), w.secretary)).await;
        assert_eq!(
            (again["created"].as_u64(), again["unchanged"].as_u64()),
            (Some(0), Some(2))
        );

        // The same sheet as XLSX under the office's title rows, one level changed: one update
        // (the header is found below the title, as in the members import).
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .write_string(
                0,
                0,
                "DANH SÁCH XẾP LOẠI CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2016",
            )
            .unwrap();
        sheet.write_string(1, 0, "Trường Đại học Kinh tế").unwrap();
        for (c, h) in [
            "Số thẻ đảng viên",
            "Xếp loại CBCCVC",
            "Đơn vị xếp loại",
            "Chức vụ được xếp loại",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(3, c as u16, *h).unwrap();
        }
        sheet.write_number(4, 0, 34_000_002.0).unwrap();
        sheet.write_string(4, 1, "Hoàn thành tốt nhiệm vụ").unwrap();
        sheet.write_string(4, 2, "Trường ĐH Kinh tế").unwrap();
        sheet.write_string(4, 3, "Chuyên viên").unwrap();
        let res = send!(
            app,
            TestRequest::post()
                .uri(&uri)
                .insert_header((
                    "content-type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                ))
                .set_payload(book.save_to_buffer().unwrap()),
            w.committee
        );
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["updated"], 1);
        let ratings = json(send!(app, TestRequest::get().uri(&list), w.secretary)).await;
        let binh = ratings["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["member_id"] == w.binh)
            .unwrap();
        assert_eq!(binh["level"], "good");

        // A member may not import (their own row is outside what they handle); inspection
        // neither.
        for token in [&w.lan_token, &w.inspection] {
            assert_problem(send!(app, post("", &good), token), 422, "import_invalid").await;
        }
        // The template carries the headers the import reads.
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{uri}/template")),
            w.secretary
        );
        assert_eq!(res.status(), 200);
        let body = actix_web::test::read_body(res).await;
        // Every header its own cell: the honours column is read back by the import.
        let mut csv = csv::Reader::from_reader(body.strip_prefix(b"\xef\xbb\xbf").unwrap());
        let headers: Vec<String> = csv.headers().unwrap().iter().map(str::to_owned).collect();
        assert!(
            headers.contains(&"Danh hiệu, khen thưởng".to_owned())
                && headers.contains(&"Xếp loại CBCCVC".to_owned()),
            "{headers:?}"
        );
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{uri}/template?format=xlsx")),
            w.secretary
        );
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let cells = xlsx_cells(&actix_web::test::read_body(res).await);
        assert!(
            cells
                .iter()
                .any(|r| r.contains(&"Danh hiệu, khen thưởng".to_owned())),
            "{cells:?}"
        );
        let res = send!(
            app,
            TestRequest::get().uri(&format!("{uri}/template?format=pdf")),
            w.secretary
        );
        assert_problem(res, 422, "validation_failed").await;
    }
);

db_test!(
    key_cadre_meetings_record_opinions_votes_and_proposed_levels,
    |app, db| {
        let w = world(&db);
        let uri = format!("/api/v1/cycles/{}/key-cadre-meetings", w.cycle);
        let body = |votes_lan: Value, dup: bool| {
            json!({
                "held_on": "2016-11-10", "chaired_by": "Đồng chí Bí thư Đảng ủy", "attendees": 9,
                "collective_opinion": "Ban lãnh đạo đoàn kết, thống nhất",
                "assessments": [
                    { "member_id": w.lan, "opinion": "Gương mẫu, sâu sát cơ sở", "votes": votes_lan },
                    { "member_id": if dup { w.lan } else { w.binh }, "opinion": "Còn chậm đổi mới",
                      "votes": { "good": 4, "completed": 5 }, "proposed_level": "completed" },
                ],
            })
        };
        // Votes over the cadres present and a leader twice: 422 naming both.
        let res = send!(
            app,
            TestRequest::post()
                .uri(&uri)
                .set_json(body(json!({ "excellent": 7, "good": 3 }), true)),
            w.committee
        );
        assert_eq!(res.status(), 422);
        let fields: Vec<String> = json(res).await["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(fields, ["assessments[0].votes", "assessments[1].member_id"]);
        // The branch committee does not run the cycle.
        let ok = body(json!({ "excellent": 6, "good": 3 }), false);
        assert_problem(
            send!(
                app,
                TestRequest::post().uri(&uri).set_json(ok.clone()),
                w.secretary
            ),
            403,
            "forbidden",
        )
        .await;
        let res = send!(
            app,
            TestRequest::post().uri(&uri).set_json(ok.clone()),
            w.committee
        );
        assert_eq!(res.status(), 201);
        let meeting = json(res).await;
        // Lan's level comes from the votes (6 of 9 for excellent); Bình's is the one recorded.
        assert_eq!(meeting["assessments"][0]["proposed_level"], "excellent");
        assert_eq!(meeting["assessments"][0]["member_name"], "Nguyễn Thị Lan");
        assert_eq!(meeting["assessments"][1]["proposed_level"], "completed");
        let list = json(send!(app, TestRequest::get().uri(&uri), w.committee)).await;
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(
            list[0]["collective_opinion"],
            "Ban lãnh đạo đoàn kết, thống nhất"
        );
        assert_problem(
            send!(app, TestRequest::get().uri(&uri), w.lan_token),
            403,
            "forbidden",
        )
        .await;
        // Once the phase is closed, nothing more is recorded or removed.
        let phase = {
            let mut conn = db.pool.get().unwrap();
            cycles::phases(&mut conn, w.cycle)
                .unwrap()
                .into_iter()
                .find(|p| p.code == "key_cadre_meeting")
                .unwrap()
                .id
        };
        let res = send!(
            app,
            TestRequest::post().uri(&format!("/api/v1/cycles/{}/phases/{phase}/close", w.cycle)),
            w.committee
        );
        assert_eq!(res.status(), 200);
        assert_problem(
            send!(app, TestRequest::post().uri(&uri).set_json(ok), w.committee),
            409,
            "phase_closed",
        )
        .await;
        let one = format!("{uri}/{}", meeting["id"]);
        assert_problem(
            send!(app, TestRequest::delete().uri(&one), w.committee),
            409,
            "phase_closed",
        )
        .await;
        let res = send!(
            app,
            TestRequest::post()
                .uri(&format!("/api/v1/cycles/{}/phases/{phase}/reopen", w.cycle))
                .set_json(json!({ "reason": "Ghi nhầm số phiếu" })),
            w.committee
        );
        assert_eq!(res.status(), 200);
        let res = send!(app, TestRequest::delete().uri(&one), w.committee);
        assert_eq!(res.status(), 204);
        let list = json(send!(app, TestRequest::get().uri(&uri), w.committee)).await;
        assert_eq!(list.as_array().unwrap().len(), 0);

        // Issue #16 (plan II.2.1, II.3): who attended, by name, and the leaders' own review
        // meeting. Names that are blank, repeated or not as many as those present are named;
        // nothing is written.
        let mut named = body(json!({ "excellent": 2 }), false);
        named["attendees"] = json!(3);
        named["assessments"][1]["votes"] = json!({ "good": 1, "completed": 2 });
        named["kind"] = json!("leaders_review");
        named["attendee_names"] = json!(["Nguyễn Văn An", " ", "nguyễn văn an", "Lê Thị Cúc"]);
        let fields = common::invalid_fields(send!(
            app,
            TestRequest::post().uri(&uri).set_json(named.clone()),
            w.committee
        ))
        .await;
        let names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            ["attendee_names[1]", "attendee_names[2]", "attendee_names"]
        );
        let mut odd = named.clone();
        odd["kind"] = json!("hop_khac");
        odd["attendee_names"] = json!(["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc"]);
        let fields = common::invalid_fields(send!(
            app,
            TestRequest::post().uri(&uri).set_json(odd),
            w.committee
        ))
        .await;
        assert_eq!(fields, [("kind".to_owned(), "invalid_choice".to_owned())]);
        assert_eq!(
            json(send!(app, TestRequest::get().uri(&uri), w.committee))
                .await
                .as_array()
                .unwrap()
                .len(),
            0
        );
        named["attendee_names"] = json!(["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc"]);
        let res = send!(
            app,
            TestRequest::post().uri(&uri).set_json(named.clone()),
            w.committee
        );
        assert_eq!(res.status(), 201);
        let m = json(res).await;
        assert_eq!(m["kind"], "leaders_review");
        assert_eq!(
            m["attendee_names"],
            json!(["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc"])
        );
        // Its own phase: closing the key-cadre meeting's does not close it; closing its own does.
        let leaders = {
            let mut conn = db.pool.get().unwrap();
            cycles::phases(&mut conn, w.cycle)
                .unwrap()
                .into_iter()
                .find(|p| p.code == "leaders_review")
                .unwrap()
                .id
        };
        let res = send!(
            app,
            TestRequest::post().uri(&format!(
                "/api/v1/cycles/{}/phases/{leaders}/close",
                w.cycle
            )),
            w.committee
        );
        assert_eq!(res.status(), 200);
        assert_problem(
            send!(
                app,
                TestRequest::post().uri(&uri).set_json(named),
                w.committee
            ),
            409,
            "phase_closed",
        )
        .await;
        let list = json(send!(app, TestRequest::get().uri(&uri), w.committee)).await;
        assert_eq!(list[0]["attendee_names"][2], "Lê Thị Cúc");
    }
);

db_test!(saves_at_the_same_time_all_land_as_versions, |app, db| {
    // The member and the secretary (a paper form) save at once, several times over, on a
    // self-review that does not exist yet: every save lands, versions 1..n, none refused.
    let w = world(&db);
    let lan = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
    let saves: Vec<_> = (0..8)
        .map(|i| {
            let t = if i % 2 == 0 {
                &w.lan_token
            } else {
                &w.secretary
            };
            call_service(
                &app,
                TestRequest::put()
                    .uri(&lan)
                    .set_json(content(&format!("Lần {i}.")))
                    .insert_header(("authorization", t.as_str()))
                    .to_request(),
            )
        })
        .collect();
    let statuses: Vec<u16> = futures_util::future::join_all(saves)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(statuses, [200; 8]);
    let current = json(send!(app, TestRequest::get().uri(&lan), w.lan_token)).await;
    assert_eq!(current["version"], 8);
    assert_eq!(current["on_behalf"], true, "the secretary's saves mark it");
    let versions = json(send!(
        app,
        TestRequest::get().uri(&format!("{lan}/versions")),
        w.secretary
    ))
    .await;
    let mut numbers: Vec<i64> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
});

db_test!(
    a_save_over_a_newer_one_is_refused_with_if_match,
    |app, db| {
        let w = world(&db);
        let base = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
        // The member and the secretary (entering her paper form) both read the empty review.
        let read = send!(app, TestRequest::get().uri(&base), w.lan_token);
        let member_tag = etag(&read);
        let read = send!(app, TestRequest::get().uri(&base), w.secretary);
        let secretary_tag = etag(&read);
        assert_eq!(member_tag, secretary_tag);
        // The secretary saves first; the answer's tag is what a read now gives.
        let saved = send!(
            app,
            TestRequest::put()
                .uri(&base)
                .insert_header(("if-match", secretary_tag.as_str()))
                .set_json(content("Bản giấy do chi ủy nhập.")),
            w.secretary
        );
        assert_eq!(saved.status(), 200);
        let saved_tag = etag(&saved);
        let read = send!(app, TestRequest::get().uri(&base), w.lan_token);
        assert_eq!(etag(&read), saved_tag);
        // The member's save, begun from the empty review, would replace it: refused, not written.
        assert_problem(
            send!(
                app,
                TestRequest::put()
                    .uri(&base)
                    .insert_header(("if-match", member_tag.as_str()))
                    .set_json(content("Bản của tôi.")),
                w.lan_token
            ),
            412,
            "precondition_failed",
        )
        .await;
        let now = json(send!(app, TestRequest::get().uri(&base), w.lan_token)).await;
        assert_eq!(now["version"], 1);
        assert_eq!(now["content"]["shortcomings"], "Bản giấy do chi ủy nhập.");
        // With the current tag (after reading it) the member's save lands; without If-Match a save
        // is taken as before (last save current, every version kept).
        let res = send!(
            app,
            TestRequest::put()
                .uri(&base)
                .insert_header(("if-match", saved_tag.as_str()))
                .set_json(content("Bản của tôi.")),
            w.lan_token
        );
        assert_eq!(res.status(), 200);
        let res = send!(
            app,
            TestRequest::put().uri(&base).set_json(content("Bản cuối.")),
            w.lan_token
        );
        assert_eq!(json(res).await["version"], 3);
    }
);

// Issue #13: If-Match is one conditional write. Before, on PostgreSQL, parallel saves with the
// same tag let several through (6 of 8 rounds): each read the old version, then wrote.
db_test!(
    parallel_saves_with_one_tag_let_exactly_one_through,
    |app, db| {
        let w = world(&db);
        let base = format!("/api/v1/cycles/{}/members/{}/self-review", w.cycle, w.lan);
        for round in 0..4 {
            let tag = etag(&send!(app, TestRequest::get().uri(&base), w.lan_token));
            let saves: Vec<_> = (0..8)
                .map(|i| {
                    let who = if i % 2 == 0 {
                        &w.lan_token
                    } else {
                        &w.secretary
                    };
                    call_service(
                        &app,
                        TestRequest::put()
                            .uri(&base)
                            .insert_header(("if-match", tag.as_str()))
                            .insert_header(("authorization", who.as_str()))
                            .set_json(content(&format!("Vòng {round}, bản {i}.")))
                            .to_request(),
                    )
                })
                .collect();
            let statuses: Vec<u16> = futures_util::future::join_all(saves)
                .await
                .iter()
                .map(|r| r.status().as_u16())
                .collect();
            assert_eq!(
                statuses.iter().filter(|s| **s == 200).count(),
                1,
                "round {round}: {statuses:?}"
            );
            assert!(
                statuses.iter().all(|s| matches!(s, 200 | 412)),
                "{statuses:?}"
            );
            let now = json(send!(app, TestRequest::get().uri(&base), w.lan_token)).await;
            assert_eq!(now["version"], round + 1, "one version per round");
        }
    }
);

// Plan III (issue #16): the plan's tasks assigned to named standing-committee members, with
// their progress; bad input named and nothing written; a change on a stale version is 412
// (parallel changes: one wins); the branch committee neither reads nor writes them.
db_test!(
    plan_tasks_are_assigned_and_their_progress_kept,
    |app, db| {
        let w = world(&db);
        let uri = format!("/api/v1/cycles/{}/plan-tasks", w.cycle);
        let fields = common::invalid_fields(send!(
            app,
            TestRequest::post().uri(&uri).set_json(json!({
                "version": 0, "title": " ", "assignee": "", "due_on": "2019-11-01", "progress": 101
            })),
            w.committee
        ))
        .await;
        let mut names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["assignee", "progress"]);
        let fields = common::invalid_fields(send!(
        app,
        TestRequest::post().uri(&uri).set_json(json!({
            "version": 0, "title": " ", "assignee": "Nguyễn Văn An", "due_on": "2019-11-01", "progress": 0
        })),
        w.committee
    ))
    .await;
        assert_eq!(
            fields,
            [
                ("title".to_owned(), "required".to_owned()),
                ("due_on".to_owned(), "wrong_year".to_owned())
            ]
        );
        assert_eq!(
            json(send!(app, TestRequest::get().uri(&uri), w.committee)).await,
            json!([])
        );
        let task = |version: i64, progress: i64| {
            json!({ "version": version, "title": "Chỉ đạo các chi bộ kiểm điểm",
                "assignee": "Đồng chí Phó Bí thư Thường trực", "due_on": "2016-11-20",
                "progress": progress, "note": "Đã họp 3/5 chi bộ" })
        };
        assert_problem(
            send!(
                app,
                TestRequest::post().uri(&uri).set_json(task(0, 0)),
                w.secretary
            ),
            403,
            "forbidden",
        )
        .await;
        let res = send!(
            app,
            TestRequest::post().uri(&uri).set_json(task(0, 60)),
            w.committee
        );
        assert_eq!(res.status(), 201);
        let t = json(res).await;
        assert_eq!(t["version"], 1);
        assert_eq!(t["assignee"], "Đồng chí Phó Bí thư Thường trực");
        // 20/11/2016 is long past and the task is not done.
        assert_eq!(t["overdue"], true);
        let one = format!("{uri}/{}", t["id"]);
        // Parallel progress reports on version 1: one applies, the others are told (412).
        let puts: Vec<_> = (0..3)
            .map(|i| {
                actix_web::test::call_service(
                    &app,
                    TestRequest::put()
                        .uri(&one)
                        .set_json(task(1, 70 + i))
                        .insert_header(("authorization", w.committee.as_str()))
                        .to_request(),
                )
            })
            .collect();
        let mut statuses: Vec<u16> = futures_util::future::join_all(puts)
            .await
            .iter()
            .map(|r| r.status().as_u16())
            .collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 412, 412]);
        let done = json(send!(
            app,
            TestRequest::put().uri(&one).set_json(task(2, 100)),
            w.committee
        ))
        .await;
        assert_eq!(
            (done["progress"].as_i64(), done["overdue"].as_bool()),
            (Some(100), Some(false))
        );
        assert_eq!(
            send!(
                app,
                TestRequest::put().uri(&one).set_json(task(2, 90)),
                w.committee
            )
            .status(),
            412
        );
        let list = json(send!(app, TestRequest::get().uri(&uri), w.committee)).await;
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["version"], 3);
        assert_problem(
            send!(app, TestRequest::get().uri(&uri), w.secretary),
            403,
            "forbidden",
        )
        .await;
        assert_eq!(
            send!(app, TestRequest::delete().uri(&one), w.committee).status(),
            204
        );
        assert_problem(
            send!(app, TestRequest::delete().uri(&one), w.committee),
            404,
            "not_found",
        )
        .await;
    }
);
