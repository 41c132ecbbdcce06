//! Issue #18: the caches of the member list and of the principals never answer across scopes,
//! nor after a write in the same scope on the same instance, and forget no more than the write
//! touched; on both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use common::json;
use common::names;
use kiemdiem_store::{members, users};
use serde_json::json;

db_test!(
    the_member_list_cache_keeps_to_its_scope_and_forgets_what_a_write_touched,
    |app, db| {
        let mut conn = db.pool.get().unwrap();
        let orgs = common::chain(
            &mut conn,
            &[("province", "NA"), ("district", "VINH"), ("base", "DHV")],
        );
        let base = &orgs[2];
        let a = common::org(&mut conn, "branch", "CB-A", Some(base));
        let b = common::org(&mut conn, "branch", "CB-B", Some(base));
        common::person(&mut conn, "Lê Thị An", a.id, "36000001");
        common::person(&mut conn, "Lê Văn Bình", a.id, "36000002");
        let chi = common::person(&mut conn, "Lê Thị Chi", b.id, "36000003");
        common::person(&mut conn, "Trần Văn Dũng", b.id, "36000004");
        let sec_a = common::user(&mut conn, "bithu.a", "branch_committee", Some(a.id));
        let sec_b = common::user(&mut conn, "bithu.b", "branch_committee", Some(b.id));
        let committee = common::user(&mut conn, "danguy", "committee", Some(base.id));
        drop(conn);

        // The same request from three scopes, each asked twice (the second from the cache).
        let list = |q: &str| TestRequest::get().uri(&format!("/api/v1/members?{q}"));
        let look = async |token: &String, q: &str| {
            let mut pages = Vec::new();
            for _ in 0..2 {
                pages.push(json(send!(app, list(q), token)).await);
            }
            assert_eq!(pages[0], pages[1]);
            (names(&pages[0]), pages[0]["total"].as_i64().unwrap())
        };
        assert_eq!(
            look(&sec_a, "q=le").await,
            (vec!["Lê Thị An".to_owned(), "Lê Văn Bình".to_owned()], 2)
        );
        assert_eq!(
            look(&sec_b, "q=le").await,
            (vec!["Lê Thị Chi".to_owned()], 1)
        );
        assert_eq!(look(&committee, "q=le").await.1, 3);
        assert_eq!(look(&committee, "per_page=2").await.1, 4);

        // A member added to branch A through the API shows at once to A and to the base.
        let res = send!(
            app,
            TestRequest::post().uri("/api/v1/members").set_json(json!({
                "card_number": "36000005", "full_name": "Lê Thị Em", "gender": "female",
                "date_of_birth": "1985-04-30", "branch_id": a.id, "status": "official",
                "admitted_on": "2010-05-19", "official_on": "2011-05-19",
                "category": "civil_servant",
            })),
            committee
        );
        assert_eq!(res.status(), 201);
        assert_eq!(look(&sec_a, "q=le").await.1, 3);
        assert_eq!(look(&committee, "q=le").await.1, 4);
        assert_eq!(look(&committee, "per_page=2").await.1, 5);
        assert_eq!(look(&sec_b, "q=le").await.1, 1);

        // A write outside a request (an import, another path) is seen the same way.
        let mut conn = db.pool.get().unwrap();
        members::delete(&mut conn, chi).unwrap();
        drop(conn);
        assert_eq!(look(&sec_b, "q=le").await, (vec![], 0));
        assert_eq!(look(&committee, "q=le").await.1, 3);

        // A role taken away is refused at the next request, not after the cache's time.
        let mut conn = db.pool.get().unwrap();
        let bithu = users::by_username(&mut conn, "bithu.a").unwrap().unwrap();
        let role = users::assignments(&mut conn, bithu.id).unwrap()[0].id;
        users::remove_assignment(&mut conn, bithu.id, role).unwrap();
        drop(conn);
        let res = send!(app, list("q=le"), sec_a);
        assert_eq!(json(res).await["total"], 0, "no role: no member in scope");
    }
);

// A page never counts a province: exactly up to 10,000 members, then "at least 10,000"; a
// scope or a search under the bound is counted exactly, and the pages are the same.
db_test!(totals_are_exact_up_to_a_bound, |app, db| {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[("province", "NA"), ("district", "VINH"), ("base", "DHV")],
    );
    let big = common::org(&mut conn, "branch", "CB-LON", Some(&orgs[2]));
    let small = common::org(&mut conn, "branch", "CB-NHO", Some(&orgs[2]));
    let record = |i: usize, branch: i64| kiemdiem_domain::member::MemberData {
        card_number: Some(format!("{:08}", 37_000_000 + i)),
        full_name: format!("Nguyễn Văn Số {i}"),
        gender: "male".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
        branch_id: branch,
        status: "official".into(),
        admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
        official_on: chrono::NaiveDate::from_ymd_opt(2006, 1, 1),
        category: "resident".into(),
        active: true,
        ..Default::default()
    };
    let many: Vec<_> = (0..10_050).map(|i| record(i, big.id)).collect();
    members::insert_many(&mut conn, &many).unwrap();
    let few: Vec<_> = (20_000..20_003).map(|i| record(i, small.id)).collect();
    members::insert_many(&mut conn, &few).unwrap();
    let admin = common::user(&mut conn, "quantri", "admin", None);
    let secretary = common::user(&mut conn, "bithu", "branch_committee", Some(small.id));
    let big_secretary = common::user(&mut conn, "bithu.lon", "branch_committee", Some(big.id));
    drop(conn);
    let page = |q: &str| TestRequest::get().uri(&format!("/api/v1/members?{q}"));
    let all = json(send!(app, page("per_page=10"), admin)).await;
    assert_eq!(
        (all["total"].as_i64(), all["total_exact"].as_bool()),
        (Some(10_000), Some(false))
    );
    assert_eq!(all["items"].as_array().unwrap().len(), 10);
    let last = json(send!(app, page("per_page=10&page=1000"), admin)).await;
    assert_eq!(
        last["items"].as_array().unwrap().len(),
        10,
        "every counted page can be read"
    );
    // A page read from the ids counted with the total (the first request of a filter) is the
    // page the database answers once the total is known (the requests after it).
    // (A branch's scope without a search is counted with its ordered ids.)
    let counted = json(send!(app, page("per_page=20&page=500"), big_secretary)).await;
    let mut queried = names(&json(send!(app, page("per_page=10&page=999"), big_secretary)).await);
    queried.extend(names(
        &json(send!(app, page("per_page=10&page=1000"), big_secretary)).await,
    ));
    assert_eq!(names(&counted), queried);
    assert_eq!(queried.len(), 20);
    // Past the bound, pages are still read; the last one holds what is left of 10,053.
    let beyond = json(send!(app, page("per_page=10&page=1006"), admin)).await;
    assert_eq!(beyond["items"].as_array().unwrap().len(), 3);
    let narrow = json(send!(app, page("q=3700100"), admin)).await;
    assert_eq!(
        (narrow["total"].as_i64(), narrow["total_exact"].as_bool()),
        (Some(10), Some(true))
    );
    let own = json(send!(app, page(""), secretary)).await;
    assert_eq!(
        (own["total"].as_i64(), own["total_exact"].as_bool()),
        (Some(3), Some(true))
    );
    assert_eq!(
        names(&own),
        [
            "Nguyễn Văn Số 20000",
            "Nguyễn Văn Số 20001",
            "Nguyễn Văn Số 20002"
        ]
    );
});
