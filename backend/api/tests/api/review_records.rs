//! Issue #16's records of the review's organisation, through the real router on both
//! databases: the review meetings scheduled with the superior's representatives invited and
//! notified (guidance C.4), the appraisal teams sent to bases (C.5), the branches' opinions on
//! their base's self-review (plan II.2.3). Bad input is named and writes nothing; stale
//! versions are 412; who may do what is attacked role by role.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use chrono::{Datelike, Duration};
use common::{assert_problem, json};
use serde_json::{Value, json};

struct World {
    district: i64,
    base: i64,
    branch_a: i64,
    branch_b: i64,
    cycle: i64,
    /// The base's cycle of the current year (meetings still to come can be notified).
    current: i64,
    district_committee: String,
    district_inspection: String,
    base_committee: String,
    secretary_a: String,
    secretary_b: String,
    member: String,
}

fn world(db: &common::TestDb) -> World {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[("province", "NA"), ("district", "VINH"), ("base", "DHKT")],
    );
    let branch_a = common::org(&mut conn, "branch", "CB-A", Some(&orgs[2]));
    let branch_b = common::org(&mut conn, "branch", "CB-B", Some(&orgs[2]));
    let (district, base) = (orgs[1].id, orgs[2].id);
    World {
        district,
        base,
        branch_a: branch_a.id,
        branch_b: branch_b.id,
        cycle: common::cycle(&mut conn, base, 2016),
        current: common::cycle(&mut conn, base, kiemdiem_app::today().year()),
        district_committee: common::user(&mut conn, "thanhuy", "committee", Some(district)),
        district_inspection: common::user(&mut conn, "ubkttu", "inspection", Some(district)),
        base_committee: common::user(&mut conn, "danguy", "committee", Some(base)),
        secretary_a: common::user(&mut conn, "bithua", "branch_committee", Some(branch_a.id)),
        secretary_b: common::user(&mut conn, "bithub", "branch_committee", Some(branch_b.id)),
        member: common::user(&mut conn, "dangvien", "member", Some(branch_a.id)),
    }
}

/// The text of the dossier's annex 01 (the collective's review, D1) of the base's year.
macro_rules! annex {
    ($app:expr, $w:expr, $year:expr) => {
        common::docx_text(
            &actix_web::test::read_body(send!(
                $app,
                TestRequest::get().uri(&format!(
                    "/api/v1/dossiers/{}/{}/documents/01-bao-cao-kiem-diem-tap-the.docx",
                    $w.base, $year
                )),
                $w.base_committee
            ))
            .await,
        )
    };
}

fn sorted(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut f = fields;
    f.sort();
    f
}

/// The caller's notifications of notified review meetings (C.4).
macro_rules! notices {
    ($app:expr, $token:expr) => {
        json(send!(
            $app,
            TestRequest::get().uri("/api/v1/notifications"),
            $token
        ))
        .await["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "review_meeting_notice")
            .cloned()
            .collect::<Vec<Value>>()
    };
}

// C.4: the base schedules its review meeting with the district's representatives invited;
// bad input names every field and writes nothing; the branch committee and members may not;
// the district and its inspection read it; once notified, the district committee's
// notifications show it; a new time withdraws the notice; a meeting nobody is invited to, or
// a past one, cannot be notified (409); stale versions are 412.
db_test!(
    review_meetings_are_scheduled_and_the_superior_notified,
    |app, db| {
        let w = world(&db);
        let uri = format!("/api/v1/cycles/{}/review-meetings", w.current);
        let year = kiemdiem_app::today().year();
        let fields = common::invalid_fields(send!(
            app,
            TestRequest::post().uri(&uri).set_json(json!({
                "version": 0, "subject": " ", "place": "", "held_at": "2001-11-21T08:00:00",
                "invited": [{ "name": "Đồng chí Hồ Văn Minh", "body": " " },
                            { "name": "Đồng chí Hồ Văn Minh", "body": "UBKT Thành ủy" }]
            })),
            w.base_committee
        ))
        .await;
        assert!(
            fields.contains(&("place".into(), "length".into())),
            "{fields:?}"
        );
        let fields = sorted(
            common::invalid_fields(send!(
                app,
                TestRequest::post().uri(&uri).set_json(json!({
                    "version": 0, "subject": " ", "place": "Hội trường A", "held_at": "2001-11-21T08:00:00",
                    "invited": [{ "name": "Đồng chí Hồ Văn Minh", "body": " " },
                                { "name": "đồng chí hồ văn minh", "body": "UBKT Thành ủy" }]
                })),
                w.base_committee
            ))
            .await,
        );
        assert_eq!(
            fields,
            [
                ("held_at".into(), "wrong_year".into()),
                ("invited[0].body".into(), "required".into()),
                ("invited[1].name".into(), "duplicate".into()),
                ("subject".into(), "required".into()),
            ]
        );
        assert_eq!(
            json(send!(app, TestRequest::get().uri(&uri), w.base_committee)).await,
            json!([])
        );
        let soon = kiemdiem_app::now_local() + Duration::days(10);
        let held_at = soon.format("%Y-%m-%dT08:00:00").to_string();
        let meeting = |version: i64, held_at: &str, invited: Value| {
            json!({ "version": version, "subject": "Kiểm điểm tập thể Ban Thường vụ Đảng ủy",
                    "held_at": held_at, "place": "Hội trường A, Trường Đại học Kinh tế Nghệ An",
                    "invited": invited })
        };
        for token in [&w.secretary_a, &w.member] {
            assert_problem(
                send!(
                    app,
                    TestRequest::post()
                        .uri(&uri)
                        .set_json(meeting(0, &held_at, json!([]))),
                    token
                ),
                403,
                "forbidden",
            )
            .await;
        }
        let res = send!(
            app,
            TestRequest::post()
                .uri(&uri)
                .set_json(meeting(0, &held_at, json!([]))),
            w.base_committee
        );
        assert_eq!(res.status(), 201);
        let m = json(res).await;
        assert_eq!(
            (m["version"].as_i64(), &m["notified_at"]),
            (Some(1), &Value::Null)
        );
        let one = format!("{uri}/{}", m["id"]);
        // Nobody invited: nothing to notify.
        assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri(&format!("{one}/notice"))
                    .set_json(json!({ "version": 1 })),
                w.base_committee
            ),
            409,
            "no_invitees",
        )
        .await;
        let invited = json!([
            { "name": "Đồng chí Hồ Văn Minh", "body": "Ban Thường vụ Thành ủy" },
            { "name": "Đồng chí Lê Thị Hoa", "body": "Ủy ban Kiểm tra Thành ủy" }
        ]);
        let m = json(send!(
            app,
            TestRequest::put()
                .uri(&one)
                .set_json(meeting(1, &held_at, invited.clone())),
            w.base_committee
        ))
        .await;
        assert_eq!(m["invited"], invited);
        // Notified on a stale version: 412, nothing recorded.
        assert_eq!(
            send!(
                app,
                TestRequest::post()
                    .uri(&format!("{one}/notice"))
                    .set_json(json!({ "version": 1 })),
                w.base_committee
            )
            .status(),
            412
        );
        assert!(notices!(app, w.district_committee).is_empty());
        let m = json(send!(
            app,
            TestRequest::post()
                .uri(&format!("{one}/notice"))
                .set_json(json!({ "version": 2 })),
            w.base_committee
        ))
        .await;
        assert!(m["notified_at"].is_string(), "{m}");
        assert_eq!(m["notified_by"], "danguy");
        // The district's committee is told; the base's own committee is not.
        let told = notices!(app, w.district_committee);
        assert_eq!(told.len(), 1, "{told:?}");
        let text = told[0]["message"].as_str().unwrap();
        assert!(
            text.contains("Tổ chức DHKT")
                && text.contains("Kiểm điểm tập thể Ban Thường vụ Đảng ủy")
                && text.contains(&format!("08:00 ngày {}", soon.format("%d/%m/%Y"))),
            "the annex lacks it ({} bytes)",
            text.len()
        );
        assert!(notices!(app, w.base_committee).is_empty());
        // The district and its inspection read the schedule; a branch committee does not.
        for token in [&w.district_committee, &w.district_inspection] {
            let list = json(send!(app, TestRequest::get().uri(&uri), token)).await;
            assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
        }
        assert_problem(
            send!(app, TestRequest::get().uri(&uri), w.secretary_a),
            403,
            "forbidden",
        )
        .await;
        // Those who run the cycle (and the committees above) schedule; the district's inspection
        // commission reads, never writes.
        assert_problem(
            send!(
                app,
                TestRequest::put()
                    .uri(&one)
                    .set_json(meeting(3, &held_at, invited.clone())),
                w.district_inspection
            ),
            403,
            "forbidden",
        )
        .await;
        // A new time: the notice no longer holds, the superior must be told again.
        let later = (soon + Duration::days(1))
            .format("%Y-%m-%dT14:00:00")
            .to_string();
        let m = json(send!(
            app,
            TestRequest::put()
                .uri(&one)
                .set_json(meeting(3, &later, invited.clone())),
            w.base_committee
        ))
        .await;
        assert_eq!(
            (m["version"].as_i64(), &m["notified_at"]),
            (Some(4), &Value::Null)
        );
        assert!(notices!(app, w.district_committee).is_empty());
        // A meeting already held cannot be notified any more.
        let past = format!("{year}-01-02T08:00:00");
        let old = json(send!(
            app,
            TestRequest::post()
                .uri(&uri)
                .set_json(meeting(0, &past, invited.clone())),
            w.base_committee
        ))
        .await;
        assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri(&format!("{uri}/{}/notice", old["id"]))
                    .set_json(json!({ "version": 1 })),
                w.base_committee
            ),
            409,
            "meeting_past",
        )
        .await;
        assert_eq!(
            send!(
                app,
                TestRequest::delete().uri(&format!("{uri}/{}", old["id"])),
                w.base_committee
            )
            .status(),
            204
        );
        let list = json(send!(app, TestRequest::get().uri(&uri), w.base_committee)).await;
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["held_at"], later.as_str());
        // The dossier's annex (D1) names the meeting, whom it invites and the notice.
        let text = annex!(app, w, year);
        assert!(
            text.contains("Kiểm điểm tập thể Ban Thường vụ Đảng ủy, 14:00")
                && text.contains("Đồng chí Hồ Văn Minh (Ban Thường vụ Thành ủy)")
                && text.contains("chưa báo cáo cấp trên"),
            "the annex lacks it ({} bytes)",
            text.len()
        );
    }
);

// C.5: the district forms a team to appraise the base, records its findings and conclusion;
// the base reads the teams sent to it; a team sent outside the district, a blank leader, a
// conclusion without findings are 422 naming each field; the base cannot form teams at the
// district; two reports on one version: one is written.
db_test!(appraisal_teams_are_sent_and_report_findings, |app, db| {
    let w = world(&db);
    let uri = format!("/api/v1/organizations/{}/appraisal-teams", w.district);
    let fields = sorted(
        common::invalid_fields(send!(
            app,
            TestRequest::post().uri(&uri).set_json(json!({
                "version": 0, "year": 2016, "target_id": w.district, "leader": " ",
                "members": ["Trần Văn Nam", " "], "visit_on": "2019-01-01",
                "conclusion": "confirmed"
            })),
            w.district_committee
        ))
        .await,
    );
    assert_eq!(
        fields,
        [
            ("conclusion".into(), "needs_findings".into()),
            ("leader".into(), "required".into()),
            ("members[1]".into(), "required".into()),
            ("target_id".into(), "not_below".into()),
            ("visit_on".into(), "wrong_year".into()),
        ]
    );
    let list = format!("{uri}?year=2016");
    assert_eq!(
        common::invalid_fields(send!(
            app,
            TestRequest::get().uri(&format!("{uri}?year=4482")),
            w.district_committee
        ))
        .await,
        [("year".to_owned(), "out_of_range".to_owned())]
    );
    assert_eq!(
        json(send!(
            app,
            TestRequest::get().uri(&list),
            w.district_committee
        ))
        .await,
        json!([])
    );
    let team = |version: i64, findings: Option<&str>, conclusion: Option<&str>| {
        json!({ "version": version, "year": 2016, "target_id": w.base,
                    "leader": "Đồng chí Phạm Văn Hùng, Phó Trưởng Ban Tổ chức Thành ủy",
                    "members": ["Trần Văn Nam", "Nguyễn Thị Thu"], "visit_on": "2016-12-05",
                    "findings": findings, "conclusion": conclusion })
    };
    // Forming a team at the district is its own committee's: not the base's, not inspection's.
    for token in [&w.base_committee, &w.district_inspection] {
        let res = send!(
            app,
            TestRequest::post().uri(&uri).set_json(team(0, None, None)),
            token
        );
        assert_eq!(
            res.status().as_u16(),
            if token == &w.base_committee { 404 } else { 403 }
        );
    }
    let res = send!(
        app,
        TestRequest::post().uri(&uri).set_json(team(0, None, None)),
        w.district_committee
    );
    assert_eq!(res.status(), 201);
    let t = json(res).await;
    assert_eq!(t["target_name"], "Tổ chức DHKT");
    assert_eq!(t["members"], json!(["Trần Văn Nam", "Nguyễn Thị Thu"]));
    let one = format!("{uri}/{}", t["id"]);
    let findings = "Quy trình đúng hướng dẫn; tỷ lệ hoàn thành xuất sắc nhiệm vụ trong giới hạn";
    let statuses = parallel_statuses!(
        app,
        (0..3).map(|_| {
            TestRequest::put()
                .uri(&one)
                .set_json(team(1, Some(findings), Some("confirmed")))
                .insert_header(("authorization", w.district_committee.as_str()))
        })
    );
    assert_eq!(statuses, [200, 412, 412]);
    // The base reads the team sent to it, with the findings.
    let sent = json(send!(
        app,
        TestRequest::get().uri(&format!(
            "/api/v1/organizations/{}/appraisal-teams?year=2016",
            w.base
        )),
        w.base_committee
    ))
    .await;
    assert_eq!(sent.as_array().unwrap().len(), 1, "{sent}");
    assert_eq!(
        (
            &sent[0]["findings"],
            &sent[0]["conclusion"],
            &sent[0]["version"]
        ),
        (&json!(findings), &json!("confirmed"), &json!(2))
    );
    // Another year's list is empty; a branch committee reads no teams.
    assert_eq!(
        json(send!(
            app,
            TestRequest::get().uri(&format!("{uri}?year=2017")),
            w.district_committee
        ))
        .await,
        json!([])
    );
    assert_problem(
        send!(
            app,
            TestRequest::get().uri(&format!(
                "/api/v1/organizations/{}/appraisal-teams?year=2016",
                w.branch_a
            )),
            w.secretary_a
        ),
        403,
        "forbidden",
    )
    .await;
    // The base's dossier (D1's annex) carries the team's findings and conclusion.
    let text = annex!(app, w, 2016);
    assert!(
        text.contains("Đoàn kiểm tra, thẩm định (trưởng đoàn: Đồng chí Phạm Văn Hùng")
            && text.contains("làm việc ngày 05/12/2016")
            && text.contains("trong giới hạn. Kết luận: giữ nguyên kết quả xếp loại."),
        "the annex lacks it ({} bytes)",
        text.len()
    );
    assert_eq!(
        send!(app, TestRequest::delete().uri(&one), w.district_committee).status(),
        204
    );
    assert_eq!(
        json(send!(
            app,
            TestRequest::get().uri(&list),
            w.district_committee
        ))
        .await,
        json!([])
    );
});

// II.2.3: each branch's committee writes its opinion on the base's self-review and
// classification; the base's committee reads every branch's with the missing ones; a branch
// committee reads only its own and cannot write another's; the base committee cannot write
// in a branch's name; a blank opinion or an unknown level is 422; two first opinions at once:
// one is written.
db_test!(branches_give_their_opinion_on_the_base, |app, db| {
    let w = world(&db);
    let uri = format!("/api/v1/cycles/{}/branch-opinions", w.cycle);
    let a = format!("{uri}/{}", w.branch_a);
    let fields = sorted(
        common::invalid_fields(send!(
            app,
            TestRequest::put().uri(&a).set_json(json!({
                "version": 0, "opinion": "  ", "proposed_level": "excellent"
            })),
            w.secretary_a
        ))
        .await,
    );
    assert_eq!(
        fields,
        [
            ("opinion".into(), "required".into()),
            ("proposed_level".into(), "invalid".into())
        ]
    );
    let all = json(send!(app, TestRequest::get().uri(&uri), w.base_committee)).await;
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|o| o["opinion"].is_null())
    );
    let body = |version: i64, text: &str| json!({ "version": version, "opinion": text, "proposed_level": "clean_strong" });
    for token in [&w.secretary_b, &w.base_committee, &w.member] {
        assert_problem(
            send!(
                app,
                TestRequest::put().uri(&a).set_json(body(0, "Nhất trí")),
                token
            ),
            403,
            "forbidden",
        )
        .await;
    }
    // Not a branch of this base: 404.
    assert_eq!(
        send!(
            app,
            TestRequest::put()
                .uri(&format!("{uri}/{}", w.district))
                .set_json(body(0, "Nhất trí")),
            w.district_committee
        )
        .status(),
        404
    );
    let statuses = parallel_statuses!(
        app,
        (0..3).map(|i| {
            TestRequest::put()
                .uri(&a)
                .set_json(body(0, &format!("Nhất trí với bản kiểm điểm ({i})")))
                .insert_header(("authorization", w.secretary_a.as_str()))
        })
    );
    assert_eq!(statuses, [200, 412, 412]);
    let o = json(send!(
        app,
        TestRequest::put().uri(&a).set_json(body(
            1,
            "Nhất trí; đề nghị bổ sung hạn chế trong công tác kiểm tra, giám sát"
        )),
        w.secretary_a
    ))
    .await;
    assert_eq!(
        (o["version"].as_i64(), o["branch_name"].as_str()),
        (Some(2), Some("Tổ chức CB-A"))
    );
    let all = json(send!(app, TestRequest::get().uri(&uri), w.base_committee)).await;
    let rows = all.as_array().unwrap();
    let given: Vec<_> = rows.iter().filter(|o| o["opinion"].is_string()).collect();
    assert_eq!(given.len(), 1);
    assert_eq!(given[0]["proposed_level"], "clean_strong");
    assert!(
        given[0]["opinion"]
            .as_str()
            .unwrap()
            .contains("kiểm tra, giám sát")
    );
    // The other branch sees its own row only, still empty; members see none.
    let own = json(send!(app, TestRequest::get().uri(&uri), w.secretary_b)).await;
    assert_eq!(own.as_array().unwrap().len(), 1);
    assert_eq!(
        (own[0]["branch_id"].as_i64(), &own[0]["opinion"]),
        (Some(w.branch_b), &Value::Null)
    );
    assert_problem(
        send!(app, TestRequest::get().uri(&uri), w.member),
        403,
        "forbidden",
    )
    .await;
    // The district reads them too.
    let above = json(send!(
        app,
        TestRequest::get().uri(&uri),
        w.district_committee
    ))
    .await;
    assert_eq!(above.as_array().unwrap().len(), 2);
    // Filed with the dossier: D1's annex gives each branch's opinion and proposed level.
    let text = annex!(app, w, 2016);
    assert!(
        text.contains("1 chi bộ đã góp ý")
            && text.contains("Tổ chức CB-A (đề nghị xếp loại: Trong sạch, vững mạnh)")
            && text.contains("kiểm tra, giám sát"),
        "the annex lacks it ({} bytes)",
        text.len()
    );
});

// II.2.2.1: the base sets its feedback clusters (leader, branches, mass organisations); bad
// input names every field and writes nothing; a branch in two clusters is refused; the
// committee of a branch of the cluster records a mass organisation's opinion on the branch
// (one of the cluster's organisations, a branch of the cluster, a day not in the future); a
// branch outside the cluster neither sees nor records it until it joins; stale versions 412.
db_test!(
    feedback_clusters_record_the_masses_opinions_on_branches,
    |app, db| {
        let w = world(&db);
        let uri = format!("/api/v1/cycles/{}/feedback-clusters", w.cycle);
        let fields = sorted(
            common::invalid_fields(send!(
                app,
                TestRequest::post().uri(&uri).set_json(json!({
                    "version": 0, "name": " ", "leader": "Đồng chí Ngân",
                    "branch_ids": [w.branch_a, w.district, w.branch_a],
                    "mass_organizations": ["Công đoàn", " ", "công đoàn"],
                    "meeting_on": "2019-11-01"
                })),
                w.base_committee
            ))
            .await,
        );
        assert_eq!(
            fields,
            [
                ("branch_ids[1]".into(), "not_below".into()),
                ("branch_ids[2]".into(), "duplicate".into()),
                ("mass_organizations[1]".into(), "required".into()),
                ("mass_organizations[2]".into(), "duplicate".into()),
                ("meeting_on".into(), "wrong_year".into()),
                ("name".into(), "required".into()),
            ]
        );
        assert_eq!(
            json(send!(app, TestRequest::get().uri(&uri), w.base_committee)).await,
            json!([])
        );
        let cluster = |version: i64, branches: Value| {
            json!({ "version": version,
                    "name": "Cụm 1: Khoa Lý luận chính trị + Khoa Nông lâm",
                    "leader": "Đồng chí Ngân, Bí thư chi bộ Khoa Nông lâm",
                    "branch_ids": branches,
                    "mass_organizations": ["Công đoàn", "Đoàn Thanh niên"],
                    "meeting_on": "2016-11-08" })
        };
        assert_problem(
            send!(
                app,
                TestRequest::post()
                    .uri(&uri)
                    .set_json(cluster(0, json!([w.branch_a]))),
                w.secretary_a
            ),
            403,
            "forbidden",
        )
        .await;
        let res = send!(
            app,
            TestRequest::post()
                .uri(&uri)
                .set_json(cluster(0, json!([w.branch_a]))),
            w.base_committee
        );
        assert_eq!(res.status(), 201);
        let c = json(res).await;
        assert_eq!(
            c["branches"],
            json!([{ "id": w.branch_a, "name": "Tổ chức CB-A" }])
        );
        let one = format!("{uri}/{}", c["id"]);
        // A branch already in a cluster cannot join another.
        assert_eq!(
            common::invalid_fields(send!(
                app,
                TestRequest::post()
                    .uri(&uri)
                    .set_json(cluster(0, json!([w.branch_a]))),
                w.base_committee
            ))
            .await,
            [("branch_ids[0]".to_owned(), "in_other_cluster".to_owned())]
        );
        // The opinions of the masses on branch A, recorded by its committee.
        let opinions = format!("{one}/opinions");
        let tomorrow = (kiemdiem_app::today() + Duration::days(1)).to_string();
        let fields = sorted(
            common::invalid_fields(send!(
                app,
                TestRequest::post().uri(&opinions).set_json(json!({
                    "branch_id": w.branch_b, "source": "Hội Cựu chiến binh",
                    "content": " ", "given_on": tomorrow
                })),
                w.secretary_a
            ))
            .await,
        );
        assert_eq!(
            fields,
            [
                ("branch_id".into(), "not_in_cluster".into()),
                ("content".into(), "required".into()),
                ("given_on".into(), "out_of_range".into()),
                ("source".into(), "not_in_cluster".into()),
            ]
        );
        let opinion = json!({ "branch_id": w.branch_a, "source": "công đoàn",
            "content": "Chi bộ lãnh đạo đơn vị hoàn thành tốt nhiệm vụ chính trị; cần sâu sát hơn với đoàn viên",
            "given_on": "2016-11-08" });
        // Branch B is not in the cluster: it sees no cluster and records nothing.
        assert_eq!(
            json(send!(app, TestRequest::get().uri(&uri), w.secretary_b)).await,
            json!([])
        );
        assert_problem(
            send!(
                app,
                TestRequest::post().uri(&opinions).set_json(opinion.clone()),
                w.secretary_b
            ),
            403,
            "forbidden",
        )
        .await;
        let res = send!(
            app,
            TestRequest::post().uri(&opinions).set_json(opinion.clone()),
            w.secretary_a
        );
        assert_eq!(res.status(), 201);
        let c = json(res).await;
        assert_eq!(c["opinions"].as_array().unwrap().len(), 1);
        let o = &c["opinions"][0];
        assert_eq!(
            (&o["source"], &o["branch_name"], &o["given_on"]),
            (
                &json!("Công đoàn"),
                &json!("Tổ chức CB-A"),
                &json!("2016-11-08")
            )
        );
        // The base reads the cluster with the opinion; members read nothing.
        let all = json(send!(app, TestRequest::get().uri(&uri), w.base_committee)).await;
        assert_eq!(all[0]["opinions"][0]["content"], opinion["content"]);
        let text = annex!(app, w, 2016);
        assert!(
            text.contains("Ý kiến của Công đoàn về Tổ chức CB-A (Cụm 1: Khoa Lý luận chính trị + Khoa Nông lâm, ngày 08/11/2016)")
                && text.contains("cần sâu sát hơn với đoàn viên"),
            "the annex lacks it ({} bytes)", text.len()
        );
        assert_problem(
            send!(app, TestRequest::get().uri(&uri), w.member),
            403,
            "forbidden",
        )
        .await;
        // Branch B joins (on the current version; a stale one is 412) and now sees it.
        assert_eq!(
            send!(
                app,
                TestRequest::put()
                    .uri(&one)
                    .set_json(cluster(0, json!([w.branch_a, w.branch_b]))),
                w.base_committee
            )
            .status(),
            412
        );
        let c = json(send!(
            app,
            TestRequest::put()
                .uri(&one)
                .set_json(cluster(1, json!([w.branch_a, w.branch_b]))),
            w.base_committee
        ))
        .await;
        assert_eq!(c["version"], 2);
        let seen = json(send!(app, TestRequest::get().uri(&uri), w.secretary_b)).await;
        assert_eq!(seen.as_array().unwrap().len(), 1);
        // An opinion removed by mistake.
        let oid = c["opinions"][0]["id"].as_i64().unwrap();
        assert_eq!(
            send!(
                app,
                TestRequest::delete().uri(&format!("{opinions}/{oid}")),
                w.secretary_a
            )
            .status(),
            204
        );
        let all = json(send!(app, TestRequest::get().uri(&uri), w.base_committee)).await;
        assert_eq!(all[0]["opinions"], json!([]));
    }
);
