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
    // A search's first request counts its matches and cuts its page from them in one
    // statement; past its last match (a first request too) the page is empty and the total
    // still exact.
    let past = json(send!(app, page("q=3700200&per_page=5&page=3"), admin)).await;
    assert_eq!(
        (
            past["items"].as_array().unwrap().len(),
            past["total"].as_i64(),
            past["total_exact"].as_bool()
        ),
        (0, Some(10), Some(true))
    );
    // Searches every member matches ("Nguyễn", "Văn"; each its first request): more than the
    // bound, so their pages are read in order, the same as the list's without the search, up
    // to the last one past the bound.
    // (Page 1001 starts at the 10,001st member: the first 10,001 matches read in no order
    // would hold one member of it, or other ones.)
    let late = json(send!(app, page("per_page=10&page=1001"), admin)).await;
    assert_eq!(late["items"].as_array().unwrap().len(), 10);
    for (q, unsearched) in [
        ("q=nguyen&per_page=10&page=1001", &late),
        ("q=van&per_page=10&page=1006", &beyond),
    ] {
        let searched = json(send!(app, page(q), admin)).await;
        assert_eq!(
            (
                searched["total"].as_i64(),
                searched["total_exact"].as_bool()
            ),
            (Some(10_000), Some(false)),
            "{q}"
        );
        assert_eq!(names(&searched), names(unsearched), "{q}");
        assert!(!names(&searched).is_empty(), "{q}");
    }
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

/// The three caches one member list reads through, empty (as a server starts).
struct Kept {
    totals: std::sync::Arc<members::TotalsCache>,
    branches: std::sync::Arc<members::BranchesCache>,
    rosters: std::sync::Arc<members::RosterCache>,
}

impl Kept {
    fn new() -> Kept {
        Kept {
            totals: members::TotalsCache::new(members::LIST_TTL, 1 << 20, |_, _| 1),
            branches: members::BranchesCache::new(members::LIST_TTL, 1 << 20, |_, _| 1),
            rosters: members::RosterCache::new(members::LIST_TTL, 8 << 20, |_, _| 1),
        }
    }

    /// Read through them; `load_rosters` as the server's [`members::ListCaches`] says.
    fn caches(&self, load_rosters: bool) -> members::ListCaches<'_> {
        members::ListCaches {
            totals: &self.totals,
            branches: &self.branches,
            rosters: &self.rosters,
            load_rosters,
        }
    }
}

/// Every filter the member list has, one or a few each: for comparing a roster's pages with
/// the database's query.
fn list_filters() -> Vec<members::MemberFilter> {
    let search = |s: &str| Some(kiemdiem_domain::vietnamese::search_key(s));
    vec![
        members::MemberFilter::default(),
        members::MemberFilter {
            search: search("le"),
            ..Default::default()
        },
        members::MemberFilter {
            search: search("Lê Văn"),
            ..Default::default()
        },
        members::MemberFilter {
            search: search("thi hoa"),
            ..Default::default()
        },
        members::MemberFilter {
            search: search("3800"),
            ..Default::default()
        },
        members::MemberFilter {
            search: search("0007"),
            ..Default::default()
        },
        members::MemberFilter {
            search: search("zzz"),
            ..Default::default()
        },
        members::MemberFilter {
            status: Some("probationary".into()),
            ..Default::default()
        },
        members::MemberFilter {
            status: Some("unknown".into()),
            ..Default::default()
        },
        members::MemberFilter {
            category: Some("student".into()),
            ..Default::default()
        },
        members::MemberFilter {
            exempt: Some(true),
            ..Default::default()
        },
        members::MemberFilter {
            attached: Some(false),
            ..Default::default()
        },
        members::MemberFilter {
            active: Some(false),
            ..Default::default()
        },
        members::MemberFilter {
            search: search("le"),
            status: Some("official".into()),
            active: Some(true),
            ..Default::default()
        },
    ]
}

// A scope's pages are found in its roster (issue #18): for every filter the list has, on a
// branch and on a base, the pages and totals are the ones the database's own query answers
// (`list_after`, which never reads a roster), in the same order.
db_test!(a_scope_roster_pages_as_the_database_does, |_app, db| {
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[("province", "NA"), ("district", "VINH"), ("base", "DHV")],
    );
    let base = &orgs[2];
    let branches: Vec<_> = ["CB-1", "CB-2", "CB-3"]
        .iter()
        .map(|c| common::org(&mut conn, "branch", c, Some(base)))
        .collect();
    let names = [
        "Nguyễn Thị Hoa",
        "Lê Văn Bình",
        "Trần Thị Lê",
        "Phạm Lê Minh",
        "Đỗ Văn An",
    ];
    let records: Vec<_> = (0..260usize)
        .map(|i| kiemdiem_domain::member::MemberData {
            // Every ninth member has no card; the rest share prefixes.
            card_number: (i % 9 != 0).then(|| format!("{:08}", 38_000_000 + i * 7)),
            // The same names in several branches: the order falls back on the id.
            full_name: names[i % names.len()].to_owned(),
            gender: "female".into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
            branch_id: branches[i % 3].id,
            status: ["official", "probationary"][i % 2].into(),
            admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
            official_on: chrono::NaiveDate::from_ymd_opt(2006, 1, 1),
            category: ["civil_servant", "student", "business", "resident", "other"][i % 5].into(),
            exempt: i % 4 == 0,
            attached: i % 6 == 0,
            home_branch_name: (i % 6 == 0).then(|| "Chi bộ nơi ở".to_owned()),
            active: i % 10 != 3,
            ..Default::default()
        })
        .collect();
    members::insert_many(&mut conn, &records).unwrap();
    // Some have long absences (a page built from a roster reads only theirs).
    let inserted: Vec<i64> =
        members::list_after(&mut conn, &members::MemberFilter::default(), None, 10_000)
            .unwrap()
            .into_iter()
            .map(|(m, _)| m.id)
            .collect();
    for id in inserted.iter().step_by(9) {
        members::set_long_absences(&mut conn, *id, &[2015, 2016]).unwrap();
    }
    let kept = Kept::new();
    let caches = kept.caches(true);
    let scopes = [
        members::MemberFilter {
            scopes: Some(vec![branches[1].path.clone()]),
            ..Default::default()
        },
        members::MemberFilter {
            scopes: Some(vec![base.path.clone()]),
            ..Default::default()
        },
        members::MemberFilter {
            scopes: Some(vec![base.path.clone()]),
            under: Some(branches[2].path.clone()),
            ..Default::default()
        },
    ];
    let search = |s: &str| Some(kiemdiem_domain::vietnamese::search_key(s));
    let mut checked = 0;
    for scope in &scopes {
        let mut from_roster = 0;
        let variants = list_filters();
        for v in variants {
            let f = members::MemberFilter {
                scopes: scope.scopes.clone(),
                under: scope.under.clone(),
                ..v
            };
            let all: Vec<(i64, String)> = members::list_after(&mut conn, &f, None, 10_000)
                .unwrap()
                .into_iter()
                .map(|(m, branch)| (m.id, branch))
                .collect();
            for (per_page, offset) in [(10, 0), (7, 7), (25, 50), (50, 0), (10, 500)] {
                let (rows, total) = members::list(&mut conn, caches, &f, per_page, offset).unwrap();
                let got: Vec<(i64, String)> = rows
                    .iter()
                    .map(|l| (l.member.id, l.branch.clone()))
                    .collect();
                let want: Vec<(i64, String)> = all
                    .iter()
                    .skip(offset as usize)
                    .take(per_page as usize)
                    .cloned()
                    .collect();
                assert_eq!(got, want, "{f:?} per_page {per_page} offset {offset}");
                // Each row's long absences are the member's own, whoever has some.
                let ids: Vec<i64> = got.iter().map(|(id, _)| *id).collect();
                let mut years = members::long_absences_for(&mut conn, &ids).unwrap();
                for l in &rows {
                    let own = years.remove(&l.member.id).unwrap_or_default();
                    assert_eq!(l.absences, own, "{f:?}: member {}", l.member.id);
                }
                assert_eq!(total, (all.len() as i64, true), "{f:?}");
                checked += 1;
            }
            // The pages came from the scope's roster, not from the database's query. (Tests
            // running beside this one in the same process write members at the same paths in
            // their own databases, which may forget it now and then: counted, not asserted.)
            from_roster += usize::from(kept.rosters.get(&f.scope()).flatten().is_some());
        }
        assert!(
            from_roster > 0,
            "no page of {scope:?} was read from its roster"
        );
    }
    assert_eq!(checked, 3 * 14 * 5);
    // A page that does not read a missing roster (a large scope's while another large roster
    // is being read, issue #18) is the database's query: the same rows and total, and no
    // roster read for it.
    let no_rosters = members::RosterCache::new(members::LIST_TTL, 8 << 20, |_, _| 1);
    let without = members::ListCaches {
        rosters: &no_rosters,
        load_rosters: false,
        ..caches
    };
    for scope in &scopes {
        for search in [None, search("le")] {
            let f = members::MemberFilter {
                search,
                ..scope.clone()
            };
            let all: Vec<i64> = members::list_after(&mut conn, &f, None, 10_000)
                .unwrap()
                .into_iter()
                .map(|(m, _)| m.id)
                .collect();
            for (per_page, offset) in [(10, 0), (25, 50)] {
                let (rows, total) =
                    members::list(&mut conn, without, &f, per_page, offset).unwrap();
                let got: Vec<i64> = rows.iter().map(|l| l.member.id).collect();
                let want: Vec<i64> = all
                    .iter()
                    .skip(offset as usize)
                    .take(per_page as usize)
                    .copied()
                    .collect();
                assert_eq!(
                    got, want,
                    "{f:?} per_page {per_page} offset {offset}, no roster"
                );
                assert_eq!(total, (all.len() as i64, true), "{f:?}, no roster");
            }
            assert!(
                no_rosters.get(&f.scope()).is_none(),
                "{f:?}: no roster read"
            );
        }
    }
    // A write in the scope forgets its roster (and its pages with it), and the base's.
    drop(conn);
    let mut conn = db.pool.get().unwrap();
    for scope in &scopes[1..] {
        // Read until kept (see above: a test beside this one may have just forgotten it).
        for _ in 0..20 {
            members::list(&mut conn, caches, scope, 10, 0).unwrap();
            if kept.rosters.get(&scope.scope()).is_some() {
                break;
            }
        }
        assert!(kept.rosters.get(&scope.scope()).is_some(), "{scope:?} kept");
    }
    let moved = records.len();
    members::insert_many(
        &mut conn,
        &[kiemdiem_domain::member::MemberData {
            branch_id: branches[2].id,
            card_number: Some(format!("{:08}", 38_000_000 + moved * 7)),
            ..records[0].clone()
        }],
    )
    .unwrap();
    assert!(
        kept.rosters.get(&scopes[2].scope()).is_none(),
        "branch 3's roster forgotten"
    );
    assert!(
        kept.rosters.get(&scopes[1].scope()).is_none(),
        "the base's roster forgotten"
    );
    // (That a write keeps the other scopes' rosters is `generation`'s unit test: here a test
    // beside this one may write at the same paths.)
    let f = scopes[2].clone();
    let (_, total) = members::list(&mut conn, caches, &f, 10, 0).unwrap();
    let before = records
        .iter()
        .filter(|r| r.branch_id == branches[2].id)
        .count();
    assert_eq!(total.0, before as i64 + 1, "the new member is counted");
});

// A roster read from PostgreSQL as one packed text (issue #18) separates its members and
// their fields with two control characters; a card number holding either (the API refuses
// such, a row written otherwise might) must neither shift a field nor make a member: the
// roster is then read as rows. Attacked on both databases, in two branches: one card writes
// other values over its member's status, category and flags; the other ends its member's
// fields and starts a whole forged member (id 99999, search key "gia mao") that the real
// member's fields complete. Every filter's pages and totals are the database's own, and the
// pages still come from a roster.
db_test!(
    a_card_number_holding_the_packed_separators_changes_no_page,
    |_app, db| {
        let mut conn = db.pool.get().unwrap();
        let orgs = common::chain(
            &mut conn,
            &[("province", "NA"), ("district", "VINH"), ("base", "DHV")],
        );
        let cards = [
            "37\u{1f}probationary\u{1f}student\u{1f}1\u{1f}1\u{1f}0\u{1f}9999",
            "38\u{1f}official\u{1f}other\u{1f}0\u{1f}0\u{1f}1\u{1e}99999\u{1f}gia mao\u{1f}",
        ];
        let kept = Kept::new();
        let caches = kept.caches(true);
        let search = |s: &str| members::MemberFilter {
            search: Some(kiemdiem_domain::vietnamese::search_key(s)),
            ..Default::default()
        };
        // The list's filters, and searches for what the forged fields hold.
        let filters: Vec<_> = list_filters()
            .into_iter()
            .chain(["gia mao", "9999", "ghep"].map(search))
            .collect();
        for (b, card) in cards.iter().enumerate() {
            let branch = common::org(&mut conn, "branch", &format!("CB-SEP{b}"), Some(&orgs[2]));
            for i in 0..20 {
                let number = format!("37{b}000{i:02}");
                common::person(&mut conn, &format!("Lê Văn Số {i}"), branch.id, &number);
            }
            common::person(&mut conn, "Phạm Văn Ghép", branch.id, card);
            let mut from_roster = 0;
            for v in &filters {
                let f = members::MemberFilter {
                    scopes: Some(vec![branch.path.clone()]),
                    ..v.clone()
                };
                let all: Vec<(i64, Option<String>)> =
                    members::list_after(&mut conn, &f, None, 10_000)
                        .unwrap()
                        .into_iter()
                        .map(|(m, _)| (m.id, m.card_number))
                        .collect();
                for (per_page, offset) in [(10, 0), (50, 0), (7, 14)] {
                    let (rows, total) =
                        members::list(&mut conn, caches, &f, per_page, offset).unwrap();
                    let got: Vec<(i64, Option<String>)> = rows
                        .into_iter()
                        .map(|l| (l.member.id, l.member.card_number))
                        .collect();
                    let want: Vec<_> = all
                        .iter()
                        .skip(offset as usize)
                        .take(per_page as usize)
                        .cloned()
                        .collect();
                    assert_eq!(got, want, "{f:?} per_page {per_page} offset {offset}");
                    assert_eq!(total, (all.len() as i64, true), "{f:?}");
                }
                from_roster += usize::from(kept.rosters.get(&f.scope()).flatten().is_some());
            }
            assert!(
                from_roster > 0,
                "no page of CB-SEP{b} was read from its roster"
            );
        }
    }
);

/// Issue #18: on PostgreSQL a statement whose plan depends on a pattern's value (a search, a
/// scope's path prefix, a scope's branch ids) is planned for its values at every run — never
/// kept prepared, where PostgreSQL might switch it to a generic plan blind to them — while the
/// others stay prepared and reuse their plan (the caller's read every request makes).
#[test]
fn pattern_statements_are_planned_each_time_and_the_others_reuse_their_plans() {
    use diesel::RunQueryDsl;
    let db = common::TestDb::new(kiemdiem_store::Backend::Postgres);
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[("province", "NA"), ("district", "VINH"), ("base", "DHV")],
    );
    let branch = common::org(&mut conn, "branch", "CB-PLAN", Some(&orgs[2]));
    common::person(&mut conn, "Lê Thị An", branch.id, "38000001");
    common::person(&mut conn, "Trần Văn Bình", branch.id, "38000002");
    common::user(&mut conn, "bithu.plan", "branch_committee", Some(branch.id));
    let id = users::by_username(&mut conn, "bithu.plan")
        .unwrap()
        .unwrap()
        .id;
    let kept = Kept::new();
    for i in 0..8 {
        // The database's query (no roster): in the branch's scope or unscoped (an
        // administrator's), with a search or without.
        let search = ["le", "tran", "thi", "binh"][i % 4];
        let f = members::MemberFilter {
            scopes: (i % 3 != 1).then(|| vec![branch.path.clone()]),
            search: (i % 3 != 2).then(|| search.to_owned()),
            active: Some(true),
            ..Default::default()
        };
        let (page, _) = members::list(&mut conn, kept.caches(false), &f, 50, 0).unwrap();
        assert_eq!(page.len(), if i % 3 == 2 { 2 } else { 1 }, "{f:?}");
        assert!(users::caller(&mut conn, id, "").unwrap().is_some());
    }
    #[derive(diesel::QueryableByName)]
    struct Prepared {
        #[diesel(sql_type = diesel::sql_types::Text)]
        statement: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        generic_plans: i64,
    }
    let kept: Vec<Prepared> =
        diesel::sql_query("SELECT statement, generic_plans FROM pg_prepared_statements")
            .load::<Prepared>(&mut conn as &mut kiemdiem_store::AnyConnection)
            .unwrap();
    let texts: Vec<&str> = kept.iter().map(|p| p.statement.as_str()).collect();
    for p in &kept {
        assert!(
            !p.statement.contains("LIKE") && !p.statement.contains("\"branch_id\" = ANY"),
            "kept prepared: {}",
            p.statement
        );
    }
    let caller = kept
        .iter()
        .find(|p| p.statement.contains("\"refresh_tokens\""))
        .unwrap_or_else(|| panic!("the caller's read is not kept prepared: {texts:?}"));
    assert!(
        caller.generic_plans > 0,
        "the caller's read was planned at every run"
    );
    // The page's rows (by id) stay prepared too.
    assert!(
        texts.iter().any(|s| s.contains("\"members\".\"id\" = ANY")),
        "{texts:?}"
    );
}

/// A district's first page does not wait for its roster (issue #18): it is the database's
/// query, and the roster is read beside it, in the large rosters' turn, for the pages after it.
/// Every page reads the same either way.
async fn a_large_scope_reads_its_roster_beside_its_first_page(backend: kiemdiem_store::Backend) {
    let db = common::TestDb::new(backend);
    let state = db.state();
    let app = actix_web::test::init_service(kiemdiem_api::build(state.clone(), None)).await;
    let mut conn = db.pool.get().unwrap();
    let orgs = common::chain(
        &mut conn,
        &[("province", "NA"), ("district", "VINH"), ("base", "DHV")],
    );
    // More branches than a small scope has (a base's few dozen at most).
    let given = [
        "An", "Bình", "Chi", "Dũng", "Hoa", "Lan", "Minh", "Nam", "Phương", "Quang",
    ];
    for i in 0..101 {
        let branch = common::org(&mut conn, "branch", &format!("CB-{i:03}"), Some(&orgs[2]));
        if i % 10 == 0 {
            let name = format!("Lê Văn {}", given[i / 10 % given.len()]);
            common::person(
                &mut conn,
                &name,
                branch.id,
                &format!("{:08}", 38_100_000 + i),
            );
        }
    }
    let district = common::user(&mut conn, "huyenuy", "committee", Some(orgs[1].id));
    let scope = members::MemberFilter {
        scopes: Some(vec![orgs[1].path.clone()]),
        ..Default::default()
    };
    let all: Vec<String> = members::list_after(&mut conn, &scope, None, 100)
        .unwrap()
        .into_iter()
        .map(|(m, _)| m.full_name)
        .collect();
    assert_eq!(all.len(), 11);
    drop(conn);
    let page = |q: &str| TestRequest::get().uri(&format!("/api/v1/members?{q}"));
    let first = json(send!(app, page("per_page=4"), district)).await;
    assert_eq!(names(&first), all[..4]);
    assert_eq!(
        (first["total"].as_i64(), first["total_exact"].as_bool()),
        (Some(11), Some(true))
    );
    // The roster is read beside that page and kept. (Tests running beside this one in the same
    // process create organisations and members at the same paths in their own databases, which
    // forgets rosters now and then, or keeps one read meanwhile from being kept: each try asks
    // for a new page, which reads the roster again when it is not kept. New pages, and under
    // half the pages' time to live in all: a kept page read again past it is renewed, which
    // reads the roster in its own way.)
    let kept = || state.member_rosters.get(&scope.scope()).flatten().is_some();
    let mut seen = false;
    for per_page in 1..=20 {
        for _ in 0..16 {
            seen = kept();
            if seen {
                break;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        if seen {
            break;
        }
        let again = json(send!(app, page(&format!("per_page={per_page}")), district)).await;
        assert_eq!(names(&again), all[..per_page.min(all.len())]);
    }
    assert!(seen, "the district's roster is read beside its pages");
    // The pages after it (from the roster, or from the database where a parallel test's write
    // forgot it), read as the database does.
    let second = json(send!(app, page("per_page=4&page=2"), district)).await;
    assert_eq!(names(&second), all[4..8]);
    let searched = json(send!(app, page("q=le+van+minh"), district)).await;
    assert_eq!(names(&searched), ["Lê Văn Minh"]);
}

#[actix_web::test]
async fn a_large_scope_reads_its_roster_beside_its_first_page_sqlite() {
    a_large_scope_reads_its_roster_beside_its_first_page(kiemdiem_store::Backend::Sqlite).await;
}

#[actix_web::test]
async fn a_large_scope_reads_its_roster_beside_its_first_page_postgres() {
    a_large_scope_reads_its_roster_beside_its_first_page(kiemdiem_store::Backend::Postgres).await;
}
