//! `app::rewards` without HTTP (issue #14): the order of the W1–W6 checks and the quota under
//! parallel nominations, on a real SQLite store, each nomination in its own write transaction.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::org;

use kiemdiem_app::rewards::{self, Nomination};
use kiemdiem_app::tx::claimed_tx;
use kiemdiem_app::{Actor, AppError};
use kiemdiem_domain::access::{Access, Grant, Role};
use kiemdiem_domain::member::MemberData;
use kiemdiem_domain::rewards::Reward;
use kiemdiem_store::organizations::Organization;
use kiemdiem_store::{Pool, members};

fn committee(of: &Organization) -> Actor {
    Actor {
        username: format!("danguy.{}", of.code),
        access: Access::new(vec![Grant {
            role: Role::Committee,
            path: Some(of.path.clone()),
        }]),
        ..Actor::system("test")
    }
}

struct World {
    _dir: tempfile::TempDir,
    pool: Pool,
    base: Organization,
    other_base: Organization,
    /// Three members with five `excellent` years 2012–2016, then one with 2014 missing.
    streaks: Vec<i64>,
    gap: i64,
}

/// A base of 99 members (W2: one member certificate a year).
fn world() -> World {
    let (dir, pool) = common::store();
    let mut conn = pool.get().unwrap();
    let province = org(&mut conn, "province", "NA", None);
    let district = org(&mut conn, "district", "VINH", Some(&province));
    let base = org(&mut conn, "base", "DH", Some(&district));
    let branch = org(&mut conn, "branch", "CB", Some(&base));
    let other_base = org(&mut conn, "base", "KHAC", Some(&district));
    let mut ids = Vec::new();
    for i in 0..99 {
        let id = members::create(
            &mut conn,
            &MemberData {
                card_number: Some(format!("34.{i:06}")),
                full_name: format!("Đảng Viên {i}"),
                gender: "female".into(),
                date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
                branch_id: branch.id,
                status: "official".into(),
                admitted_on: chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
                official_on: chrono::NaiveDate::from_ymd_opt(2001, 1, 1),
                category: "civil_servant".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        if i < 4 {
            for year in 2012..=2016 {
                if !(i == 3 && year == 2014) {
                    members::upsert_history(&mut conn, id, year, "excellent", "CB", "imported")
                        .unwrap();
                }
            }
        }
        ids.push(id);
    }
    drop(conn);
    World {
        _dir: dir,
        pool,
        base,
        other_base,
        streaks: ids[..3].to_vec(),
        gap: ids[3],
    }
}

fn member_certificate(w: &World, member: i64) -> Nomination {
    Nomination {
        reward: Reward::MemberCertificate,
        year: 2016,
        nominating_organization_id: w.base.id,
        member_id: Some(member),
        organization_id: None,
        note: None,
    }
}

fn nominate(
    w: &World,
    actor: &Actor,
    n: Nomination,
) -> Result<rewards::NominationRecord, AppError> {
    let mut conn = w.pool.get().unwrap();
    claimed_tx(&mut conn, None, |conn| rewards::nominate(conn, actor, n))
}

fn register(w: &World, actor: &Actor) {
    let mut conn = w.pool.get().unwrap();
    claimed_tx(&mut conn, None, |conn| {
        rewards::register(conn, actor, w.base.id, 2016, None)
    })
    .unwrap();
}

fn code(e: AppError) -> String {
    match e {
        AppError::Conflict { code, .. } | AppError::BadRequest { code, .. } => code.into(),
        AppError::QuotaExceeded { rule, .. } => format!("quota_exceeded {rule}"),
        AppError::NoStreak { .. } => "no_streak".into(),
        AppError::Validation(errors) => errors[0].code.clone(),
        AppError::NotFound(_) => "not_found".into(),
        AppError::Forbidden(_) => "forbidden".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn w6_then_w1_then_w2_in_that_order() {
    let w = world();
    let actor = committee(&w.base);
    // Another base's committee does not see this base's members: refused before anything else.
    let outsider = committee(&w.other_base);
    assert_eq!(
        code(nominate(&w, &outsider, member_certificate(&w, w.streaks[0])).unwrap_err()),
        "not_found"
    );
    // W6 before W1: a member without a streak is still refused for the registration first.
    assert_eq!(
        code(nominate(&w, &actor, member_certificate(&w, w.gap)).unwrap_err()),
        "not_registered"
    );
    register(&w, &actor);
    // W1 names the missing year (and the field that named the member).
    match nominate(&w, &actor, member_certificate(&w, w.gap)).unwrap_err() {
        e @ AppError::NoStreak { .. } => {
            assert!(e.to_string().contains("2014"), "{e}");
            assert!(
                matches!(e, AppError::NoStreak { field: "member_id", ref years } if years == &[2014]),
                "{e:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // W2: 99 members, one certificate; the second nomination names the rule.
    let first = nominate(&w, &actor, member_certificate(&w, w.streaks[0])).unwrap();
    assert_eq!(
        (first.rule.as_str(), first.status.as_str()),
        ("W2", "nominated")
    );
    assert_eq!(first.evidence.len(), 5);
    match nominate(&w, &actor, member_certificate(&w, w.streaks[1])).unwrap_err() {
        AppError::QuotaExceeded { rule, detail } => {
            assert_eq!(rule, "W2");
            assert!(detail.starts_with("W2"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    // The same member twice is a duplicate, not a quota question.
    assert_eq!(
        code(nominate(&w, &actor, member_certificate(&w, w.streaks[0])).unwrap_err()),
        "already_nominated"
    );
}

#[test]
fn parallel_nominations_never_exceed_the_quota() {
    let w = world();
    let actor = committee(&w.base);
    register(&w, &actor);
    let outcomes: Vec<Result<rewards::NominationRecord, AppError>> = std::thread::scope(|s| {
        let handles: Vec<_> = w
            .streaks
            .iter()
            .map(|&m| {
                let (w, actor) = (&w, &actor);
                s.spawn(move || nominate(w, actor, member_certificate(w, m)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    let refused: Vec<String> = outcomes
        .into_iter()
        .filter_map(Result::err)
        .map(code)
        .collect();
    assert_eq!(won, 1, "W2 allows one certificate: {refused:?}");
    assert_eq!(refused, ["quota_exceeded W2", "quota_exceeded W2"]);
    let mut conn = w.pool.get().unwrap();
    let window = kiemdiem_app::paging::Window {
        page: 1,
        per_page: 100,
    };
    let listed = rewards::list(&mut conn, &actor, w.base.id, 2016, window).unwrap();
    assert_eq!((listed.items.len(), listed.total), (1, 1));
}
