//! `app::voting::sessions` without HTTP (issue #14): the double entry of paper tallies
//! (guidance 2.2.4; M5's bound on the votes) and finalizing (M3–M11, Q1–Q4), on SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::org;

use kiemdiem_app::tx::claimed_tx;
use kiemdiem_app::voting::sessions::{self, Tally, TallyVotes, VotingSession};
use kiemdiem_app::{Actor, AppError};
use kiemdiem_domain::access::{Access, Grant, Role};
use kiemdiem_domain::member::MemberData;
use kiemdiem_store::voting::{self as store, NewSession, RollEntry};
use kiemdiem_store::{Pool, cycles, members, self_reviews, users};

struct World {
    _dir: tempfile::TempDir,
    pool: Pool,
    session: i64,
    members: Vec<i64>,
    /// Three members of the branch committee, each a user of their own.
    counters: Vec<Actor>,
}

/// A branch of three official members, all present, in a paper session of 2016.
fn world() -> World {
    let (dir, pool) = common::store();
    let mut conn = pool.get().unwrap();
    let province = org(&mut conn, "province", "NA", None);
    let district = org(&mut conn, "district", "VINH", Some(&province));
    let base = org(&mut conn, "base", "DH", Some(&district));
    let branch = org(&mut conn, "branch", "CB", Some(&base));
    let rules = kiemdiem_domain::rule_set::builtin("vinh-2016").unwrap();
    let cycle = cycles::create(
        &mut conn,
        cycles::NewCycle {
            organization_id: base.id,
            year: 2016,
            rule_set: "vinh-2016",
            rules_json: &serde_json::to_string(&rules).unwrap(),
            reference_date: chrono::NaiveDate::from_ymd_opt(2016, 11, 30).unwrap(),
        },
        &[],
    )
    .unwrap();
    let members: Vec<i64> = (0..3)
        .map(|i| {
            members::create(
                &mut conn,
                &MemberData {
                    card_number: Some(format!("34.{i:06}")),
                    full_name: format!("Đảng Viên {i}"),
                    gender: "male".into(),
                    date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
                    branch_id: branch.id,
                    status: "official".into(),
                    admitted_on: chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
                    official_on: chrono::NaiveDate::from_ymd_opt(2001, 1, 1),
                    category: "other".into(),
                    active: true,
                    ..Default::default()
                },
            )
            .unwrap()
        })
        .collect();
    // Every member submitted a self-review (otherwise M3 leaves them pending).
    for &m in &members {
        let review = self_reviews::save(
            &mut conn,
            cycle,
            m,
            &self_reviews::Content::default(),
            "test",
            false,
        )
        .unwrap();
        self_reviews::set_status(
            &mut conn,
            review.id,
            kiemdiem_domain::self_review::Status::Submitted,
            None,
        )
        .unwrap();
    }
    let session = store::create(
        &mut conn,
        &NewSession {
            cycle_id: cycle,
            branch_id: branch.id,
            kind: "regular",
            mode: "paper_tally",
            held_on: chrono::NaiveDate::from_ymd_opt(2016, 12, 5).unwrap(),
            outstanding_unit: false,
            opened_by: "test",
        },
    )
    .unwrap();
    let roll: Vec<RollEntry> = members
        .iter()
        .map(|&m| RollEntry {
            session_id: session,
            member_id: m,
            official: true,
            exempt: false,
            attached: false,
            subject: true,
            present: true,
            faults: false,
            leader_unit_rating: None,
            leader_party_org_rating: None,
        })
        .collect();
    store::add_roll(&mut conn, &roll).unwrap();
    let counters = (0..3)
        .map(|i| {
            let name = format!("chiuy{i}");
            let u = users::create(
                &mut conn,
                users::NewUser {
                    username: &name,
                    display_name: &name,
                    password_hash: "x",
                    member_id: None,
                },
            )
            .unwrap();
            Actor {
                user_id: Some(u.id),
                username: name,
                access: Access::new(vec![Grant {
                    role: Role::BranchCommittee,
                    path: Some(branch.path.clone()),
                }]),
                ..Actor::system("test")
            }
        })
        .collect();
    drop(conn);
    World {
        _dir: dir,
        pool,
        session,
        members,
        counters,
    }
}

fn votes(excellent: i64, good: i64) -> TallyVotes {
    TallyVotes {
        excellent,
        good,
        completed: 0,
        not_completed: 0,
    }
}

fn tally(w: &World, who: usize, member: usize, v: TallyVotes) -> Result<Tally, AppError> {
    let mut conn = w.pool.get().unwrap();
    claimed_tx(&mut conn, None, |conn| {
        sessions::put_tally(conn, &w.counters[who], w.session, w.members[member], v)
    })
}

fn finalize(w: &World) -> Result<VotingSession, AppError> {
    let mut conn = w.pool.get().unwrap();
    claimed_tx(&mut conn, None, |conn| {
        sessions::finalize(conn, &w.counters[0], w.session)
    })
}

fn conflict_code(e: AppError) -> &'static str {
    match e {
        AppError::Conflict { code, .. } => code,
        other => panic!("not a conflict: {other:?}"),
    }
}

#[test]
fn a_tally_counts_once_two_people_entered_the_same_numbers() {
    let w = world();
    let first = tally(&w, 0, 0, votes(3, 0)).unwrap();
    assert_eq!((first.state.as_str(), first.entries), ("first_entry", 1));
    // The second person enters blind: a mismatch names the fields, never the numbers.
    let second = tally(&w, 1, 0, votes(2, 1)).unwrap();
    assert_eq!(second.state, "mismatch");
    assert_eq!(second.mismatch, ["excellent", "good"]);
    assert_eq!(
        second.votes,
        Some(votes(2, 1)),
        "only one's own entry is shown"
    );
    // Re-entering replaces one's own entry.
    let fixed = tally(&w, 1, 0, votes(3, 0)).unwrap();
    assert_eq!(fixed.state, "confirmed");
    assert_eq!(fixed.votes, Some(votes(3, 0)));
    // A third person may not enter a tally two others have entered.
    assert_eq!(
        conflict_code(tally(&w, 2, 0, votes(3, 0)).unwrap_err()),
        "tally_complete"
    );
    // M5: no more votes than the voters present (three).
    match tally(&w, 0, 1, votes(3, 1)).unwrap_err() {
        AppError::Validation(errors) => assert_eq!(errors[0].code, "over_voters_present"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn finalizing_needs_every_tally_confirmed_and_happens_once() {
    let w = world();
    for who in 0..2 {
        tally(&w, who, 0, votes(3, 0)).unwrap();
        tally(&w, who, 1, votes(0, 3)).unwrap();
    }
    tally(&w, 0, 2, votes(0, 3)).unwrap();
    // Member 2 has one entry only: nothing is written, and the answer names them.
    match finalize(&w).unwrap_err() {
        AppError::Conflict { code, detail } => {
            assert_eq!(code, "tallies_incomplete");
            assert!(detail.contains("Đảng Viên 2"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    let mut conn = w.pool.get().unwrap();
    assert!(
        store::results_of_session(&mut conn, w.session)
            .unwrap()
            .is_empty()
    );
    drop(conn);
    tally(&w, 1, 2, votes(0, 3)).unwrap();
    let done = finalize(&w).unwrap();
    assert_eq!(done.summary.status, "finalized");
    let levels: Vec<(i64, &str, Option<&str>)> = done
        .results
        .iter()
        .map(|r| (r.member_id, r.status.as_str(), r.level.as_deref()))
        .collect();
    // Three votes of three for member 0's `excellent`, but M8's gate for the category
    // (no honour, no attestation) caps them at `good`; members 1 and 2 are `good` by the vote.
    assert_eq!(
        levels,
        [
            (w.members[0], "classified", Some("good")),
            (w.members[1], "classified", Some("good")),
            (w.members[2], "classified", Some("good")),
        ]
    );
    assert_eq!(done.results[0].cap.as_deref(), Some("good"));
    assert!(done.results[0].reasons.contains(&"M8".to_owned()));
    // A second finalization finds the session finalized.
    assert_eq!(conflict_code(finalize(&w).unwrap_err()), "session_not_open");
}
