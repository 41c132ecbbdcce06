//! The engine against RULES.md, rule by rule (the ids are in the test names), the worked
//! examples, and properties that must hold for every input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use kiemdiem_domain::classification::*;
use kiemdiem_domain::rule_set::{RuleSet, builtin};
use proptest::prelude::*;

fn rules() -> RuleSet {
    builtin("vinh-2016").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const REF: &str = "2016-11-15";

#[test]
fn m1_four_levels_highest_first_under_the_names_stored() {
    let names: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
    assert_eq!(names, kiemdiem_domain::member::LEVELS);
    assert!(Level::ALL.windows(2).all(|w| w[0] < w[1]), "highest first");
    for l in Level::ALL {
        assert_eq!(Level::parse(l.as_str()), Some(l));
    }
    assert_eq!(Level::parse("outstanding"), None);
}

/// An official civil servant rated `excellent` at work, present, self-review submitted: the
/// gates allow `excellent`; only the votes decide.
fn member(id: &str) -> MemberInput {
    MemberInput {
        id: id.into(),
        official: true,
        admitted_on: day("2005-03-02"),
        category: Category::CivilServant,
        exempt: false,
        attached: false,
        present: true,
        self_review_submitted: true,
        long_absence: false,
        discipline_in_force: false,
        faults: false,
        professional_rating: Some(ProfessionalRating::Excellent),
        honours: vec![],
        attested_exemplary: false,
        leadership: None,
        votes: Votes::default(),
    }
}

fn votes(e: u32, g: u32, c: u32, n: u32) -> Votes {
    Votes {
        excellent: e,
        good: g,
        completed: c,
        not_completed: n,
    }
}

/// A branch of `size` plain members voted `good` by a bare majority (so that the quota leaves
/// room for one `excellent`); the first is changed by the closure and given `v`.
fn branch(size: usize, v: Votes, change: impl FnOnce(&mut MemberInput)) -> Vec<MemberInput> {
    let mut all: Vec<MemberInput> = (0..size).map(|i| member(&format!("m{i}"))).collect();
    for m in &mut all {
        m.votes = votes(0, size as u32 / 2 + 1, 0, 0);
    }
    all[0].votes = v;
    change(&mut all[0]);
    all
}

fn run(members: &[MemberInput]) -> Outcome {
    classify(&rules(), day(REF), BranchInput::default(), members).unwrap()
}

fn first(members: &[MemberInput]) -> MemberResult {
    run(members).results[0].clone()
}

#[test]
fn worked_example_d10_seven_excellent_votes_is_excellent_and_good_when_capped_by_m8() {
    let r = first(&branch(10, votes(7, 2, 1, 0), |_| {}));
    assert_eq!(
        (r.status, r.level),
        (Status::Classified, Some(Level::Excellent))
    );
    assert_eq!(r.reasons, ["M6"]);
    // Rated only `good` at work, no honours: M8 caps at good; 9 votes × 2 = 18 > 10.
    let r = first(&branch(10, votes(7, 2, 1, 0), |m| {
        m.professional_rating = Some(ProfessionalRating::Good)
    }));
    assert_eq!(r.level, Some(Level::Good));
    assert_eq!(r.cap, Some(Level::Good));
    // Good's own 2 votes are not enough: the 7 for excellent carry it (M7).
    assert_eq!(r.reasons, ["M8", "M6", "M7"]);
}

#[test]
fn worked_example_d9_six_of_nine_is_not_more_than_two_thirds_so_good() {
    let r = first(&branch(9, votes(6, 3, 0, 0), |_| {}));
    assert_eq!(r.level, Some(Level::Good));
    assert_eq!(r.reasons, ["M6", "M7"]);
}

#[test]
fn worked_example_twenty_members_eighteen_good_or_better_limit_two() {
    // 18 members voted good (10 of 20 for good alone is not > half, so 11), two completed.
    let mut all: Vec<MemberInput> = (0..20).map(|i| member(&format!("m{i}"))).collect();
    for (i, m) in all.iter_mut().enumerate() {
        m.votes = if i < 18 {
            votes(0, 11, 0, 0)
        } else {
            votes(0, 0, 11, 0)
        };
    }
    let out = run(&all);
    assert_eq!(out.quota.counted, 18);
    assert_eq!((out.quota.limit, out.quota.basis), (2, QuotaBasis::Q1));
}

#[test]
fn m6_thresholds_are_strict_and_in_integers() {
    assert!(!meets(rules().excellent, 6, 9));
    assert!(meets(rules().excellent, 7, 10));
    assert!(!meets(rules().pass, 5, 10));
    assert!(meets(rules().pass, 6, 10));
    // Exactly half for good is not enough; nothing below is met either: unresolved.
    let r = first(&branch(10, votes(0, 5, 0, 0), |_| {}));
    assert_eq!(r.status, Status::Unresolved);
    assert_eq!(r.reasons, ["M7"]);
}

#[test]
fn m7_higher_votes_count_down_to_completed_but_not_for_not_completed() {
    // 3 + 2 + 1 = 6 > 5: completed by the cascade.
    let r = first(&branch(10, votes(3, 2, 1, 4), |_| {}));
    assert_eq!(r.level, Some(Level::Completed));
    assert!(r.reasons.contains(&"M7"));
    // Votes for not_completed never help completed.
    let r = first(&branch(10, votes(0, 0, 5, 5), |_| {}));
    assert_eq!(r.status, Status::Unresolved);
}

#[test]
fn m5_attached_members_are_not_classified_and_count_nowhere() {
    let all = branch(8, votes(0, 0, 0, 0), |m| m.attached = true);
    let out = run(&all);
    assert_eq!(out.results[0].status, Status::NotClassified);
    assert_eq!(out.results[0].reasons, ["M5"]);
    assert_eq!(
        (out.denominator, out.voters_present, out.registered),
        (7, 7, 7)
    );
}

#[test]
fn m5_exempt_absent_leave_d_absent_others_stay_probationary_do_not_vote() {
    let mut all = branch(10, votes(0, 0, 0, 0), |_| {});
    all[1].exempt = true;
    all[1].present = false; // leaves D
    all[2].exempt = true; // present: votes and counts
    all[3].present = false; // absent, not exempt: stays in D
    all[4].official = false; // probationary: no vote
    let out = run(&all);
    assert_eq!(out.denominator, 8);
    assert_eq!(out.voters_present, 7);
    assert_eq!(out.registered, 10);
}

#[test]
fn m5_more_ballots_than_voters_present_is_an_error_naming_the_member() {
    let mut all = branch(5, votes(3, 2, 0, 0), |_| {});
    all[4].present = false;
    let err = classify(&rules(), day(REF), BranchInput::default(), &all).unwrap_err();
    assert_eq!(
        err,
        [InputError::VotesOverVoters {
            index: 0,
            votes: 5,
            voters_present: 4
        }]
    );
    all[1].id = "m0".into();
    all[0].votes = votes(1, 0, 0, 0);
    let err = classify(&rules(), day(REF), BranchInput::default(), &all).unwrap_err();
    assert_eq!(err, [InputError::DuplicateId { index: 1 }]);
}

#[test]
fn m4_six_calendar_months_before_the_reference_date() {
    let r = first(&branch(8, votes(7, 0, 0, 0), |m| {
        m.official = false;
        m.admitted_on = day("2016-05-16");
    }));
    assert_eq!(
        (r.status, r.reasons.as_slice()),
        (Status::NotClassified, &["M4"][..])
    );
    // Exactly six months on the reference date is not "more than": classified.
    let r = first(&branch(8, votes(7, 0, 0, 0), |m| {
        m.official = false;
        m.admitted_on = day("2016-05-15");
    }));
    assert_eq!(r.status, Status::Classified);
}

#[test]
fn m3_no_self_review_or_absent_is_pending() {
    let r = first(&branch(8, votes(8, 0, 0, 0), |m| {
        m.self_review_submitted = false
    }));
    assert_eq!(
        (r.status, r.reasons.as_slice()),
        (Status::Pending, &["M3"][..])
    );
    let out = run(&branch(8, votes(0, 0, 0, 0), |m| m.present = false));
    assert_eq!(out.results[0].status, Status::Pending);
    assert_eq!(out.warnings[0].code, "M3-supplement");
}

#[test]
fn m9_civil_servant_without_rating_is_pending_and_the_rating_caps() {
    let r = first(&branch(8, votes(8, 0, 0, 0), |m| {
        m.professional_rating = None
    }));
    assert_eq!(
        (r.status, r.reasons.as_slice()),
        (Status::Pending, &["M9"][..])
    );
    for rating in [
        ProfessionalRating::Completed,
        ProfessionalRating::CompletedLimited,
    ] {
        let r = first(&branch(8, votes(8, 0, 0, 0), |m| {
            m.professional_rating = Some(rating)
        }));
        assert_eq!(r.level, Some(Level::Completed));
        assert_eq!(r.cap, Some(Level::Completed));
        assert!(r.reasons.contains(&"M9"));
    }
    // A student with a rating anyway is held to it; without one a student is not pending.
    let r = first(&branch(8, votes(8, 0, 0, 0), |m| {
        m.category = Category::Student;
        m.honours = vec![Honour::AcademicExcellent];
        m.professional_rating = Some(ProfessionalRating::Completed);
    }));
    assert_eq!(r.level, Some(Level::Completed));
    let r = first(&branch(8, votes(8, 0, 0, 0), |m| {
        m.category = Category::Student;
        m.honours = vec![Honour::AcademicExcellent];
        m.professional_rating = None;
    }));
    assert_eq!(r.level, Some(Level::Excellent));
}

#[test]
fn m9_a_completed_member_needs_shortcomings_and_a_remedy_date() {
    let out = run(&branch(8, votes(0, 0, 8, 0), |_| {}));
    assert_eq!(out.results[0].level, Some(Level::Completed));
    assert!(out.warnings.iter().any(|w| w.code == "M9-remedy"));
}

#[test]
fn m8_gates_per_category() {
    let excellent = |change: &dyn Fn(&mut MemberInput)| {
        let r = first(&branch(8, votes(8, 0, 0, 0), |m| change(m)));
        r.level == Some(Level::Excellent)
    };
    let civil = |rating, honours: Vec<Honour>| {
        move |m: &mut MemberInput| {
            m.professional_rating = Some(rating);
            m.honours = honours.clone();
        }
    };
    assert!(excellent(&civil(ProfessionalRating::Excellent, vec![])));
    assert!(!excellent(&civil(ProfessionalRating::Good, vec![])));
    assert!(excellent(&civil(
        ProfessionalRating::Good,
        vec![Honour::EmulationTitle]
    )));
    assert!(excellent(&civil(
        ProfessionalRating::Good,
        vec![Honour::MinistryProvinceCommendation]
    )));
    // A Giấy khen alone does not open the gate for a civil servant.
    assert!(!excellent(&civil(
        ProfessionalRating::Good,
        vec![Honour::CertificateOfMerit]
    )));
    let other = |category, honours: Vec<Honour>, attested| {
        move |m: &mut MemberInput| {
            m.category = category;
            m.professional_rating = None;
            m.honours = honours.clone();
            m.attested_exemplary = attested;
        }
    };
    assert!(excellent(&other(
        Category::Student,
        vec![Honour::AcademicExcellent],
        false
    )));
    assert!(excellent(&other(
        Category::Student,
        vec![Honour::CertificateOfMerit],
        false
    )));
    assert!(!excellent(&other(Category::Student, vec![], true)));
    assert!(excellent(&other(
        Category::Business,
        vec![Honour::CertificateOfMerit],
        true
    )));
    assert!(!excellent(&other(
        Category::Business,
        vec![Honour::CertificateOfMerit],
        false
    )));
    assert!(!excellent(&other(Category::Business, vec![], true)));
    assert!(excellent(&other(Category::Resident, vec![], true)));
    assert!(!excellent(&other(Category::Resident, vec![], false)));
    assert!(excellent(&other(Category::Other, vec![], true)));
}

#[test]
fn m8_leaders_also_need_their_unit_and_party_organisation() {
    let leader = |level, unit, org| {
        move |m: &mut MemberInput| {
            m.leadership = Some(Leadership {
                level,
                unit_rating: unit,
                party_org_rating: org,
            })
        }
    };
    let level_of = |f: &dyn Fn(&mut MemberInput)| first(&branch(8, votes(8, 0, 0, 0), f)).level;
    use LeadershipLevel::*;
    assert_eq!(
        level_of(&leader(
            Grassroots,
            UnitRating::Good,
            PartyOrgRating::CleanStrong
        )),
        Some(Level::Excellent)
    );
    assert_eq!(
        level_of(&leader(Grassroots, UnitRating::Good, PartyOrgRating::Good)),
        Some(Level::Good)
    );
    assert_eq!(
        level_of(&leader(
            AboveGrassroots,
            UnitRating::Excellent,
            PartyOrgRating::Good
        )),
        Some(Level::Excellent)
    );
    assert_eq!(
        level_of(&leader(
            AboveGrassroots,
            UnitRating::Completed,
            PartyOrgRating::CleanStrong
        )),
        Some(Level::Good)
    );
}

#[test]
fn m10_discipline_faults_or_not_completed_at_work_cap_at_not_completed_and_still_need_votes() {
    for change in [
        (|m: &mut MemberInput| m.discipline_in_force = true) as fn(&mut MemberInput),
        |m| m.faults = true,
        |m| m.professional_rating = Some(ProfessionalRating::NotCompleted),
    ] {
        let r = first(&branch(8, votes(0, 0, 0, 5), change));
        assert_eq!(r.level, Some(Level::NotCompleted));
        assert!(r.reasons.contains(&"M10"));
        // Not enough votes for not_completed: the engine does not decide it.
        let r = first(&branch(8, votes(4, 0, 0, 4), change));
        assert_eq!(r.status, Status::Unresolved);
    }
}

#[test]
fn every_rule_that_lowers_the_cap_is_a_reason() {
    let r = first(&branch(8, votes(0, 0, 0, 8), |m| {
        m.professional_rating = Some(ProfessionalRating::Good);
        m.discipline_in_force = true;
        m.long_absence = true;
    }));
    assert_eq!(r.reasons, ["M8", "M10", "M11", "M6"]);
    assert_eq!(r.cap, Some(Level::NotCompleted));
}

#[test]
fn m11_long_absence_caps_at_completed() {
    let r = first(&branch(8, votes(8, 0, 0, 0), |m| m.long_absence = true));
    assert_eq!(
        (r.level, r.cap),
        (Some(Level::Completed), Some(Level::Completed))
    );
    assert_eq!(r.reasons, ["M11", "M6", "M7"]);
}

/// `n` members all voted excellent by everyone present, with excellent votes given.
fn all_excellent(excellent_votes: &[u32]) -> Vec<MemberInput> {
    let n = excellent_votes.len();
    excellent_votes
        .iter()
        .enumerate()
        .map(|(i, &e)| {
            let mut m = member(&format!("m{i}"));
            m.votes = votes(e, n as u32 - e, 0, 0);
            m
        })
        .collect()
}

#[test]
fn q1_q4_the_lowest_excellent_votes_fall_to_good() {
    // 20 members; 4 voted excellent (14..17 votes of 20), the rest good: G = 20, limit 3.
    let mut v = vec![0u32; 20];
    v[..4].copy_from_slice(&[17, 14, 16, 15]);
    let out = run(&all_excellent(&v));
    assert_eq!(
        (
            out.quota.limit,
            out.quota.excellent_before_quota,
            out.quota.excellent
        ),
        (3, 4, 3)
    );
    assert_eq!(out.results[1].level, Some(Level::Good));
    assert!(out.results[1].reasons.contains(&"Q4"));
    assert!(
        [0, 2, 3]
            .iter()
            .all(|&i| out.results[i].level == Some(Level::Excellent))
    );
}

#[test]
fn q4_a_tie_across_the_limit_is_unresolved_and_those_below_fall() {
    let mut v = vec![0u32; 20];
    v[..5].copy_from_slice(&[18, 15, 15, 15, 14]);
    let out = run(&all_excellent(&v));
    assert_eq!(out.quota.limit, 3);
    assert_eq!(out.results[0].level, Some(Level::Excellent));
    for i in 1..4 {
        assert_eq!(out.results[i].status, Status::Unresolved);
        assert!(out.results[i].reasons.contains(&"Q4-tie"));
    }
    assert_eq!(out.results[4].level, Some(Level::Good));
    assert_eq!(out.quota.excellent, 1);
}

#[test]
fn q4_with_a_limit_of_zero_all_fall_to_good() {
    // 10 members, G = 6 good or better: 15% of 6 = 0.9, so 0.
    let mut all: Vec<MemberInput> = (0..10).map(|i| member(&format!("m{i}"))).collect();
    for (i, m) in all.iter_mut().enumerate() {
        m.votes = match i {
            0 | 1 => votes(8, 2, 0, 0),
            2..6 => votes(0, 8, 0, 0),
            _ => votes(0, 0, 8, 0),
        };
    }
    let out = run(&all);
    assert_eq!((out.quota.limit, out.quota.counted), (0, 6));
    assert!(out.results[..2].iter().all(|r| r.level == Some(Level::Good)
        && r.reasons.contains(&"Q4")
        && r.status == Status::Classified));
}

#[test]
fn q2_a_branch_under_seven_may_have_one_excellent() {
    let out = run(&all_excellent(&[6, 6, 5, 0, 0, 0]));
    assert_eq!((out.quota.limit, out.quota.basis), (1, QuotaBasis::Q2));
    assert_eq!(out.quota.excellent, 0); // 6 and 6 tie at the cut
    let out = run(&all_excellent(&[6, 5, 0, 0, 0, 0]));
    assert_eq!(out.quota.excellent, 1);
    // Attached members do not make a branch bigger.
    let mut all = all_excellent(&[6, 5, 0, 0, 0, 0]);
    let mut guest = member("guest");
    guest.attached = true;
    all.push(guest);
    assert_eq!(run(&all).quota.basis, QuotaBasis::Q2);
}

#[test]
fn q3_an_outstanding_organisation_goes_to_twenty_percent() {
    let v = vec![20u32; 20];
    let all = all_excellent(&v);
    let out = classify(
        &rules(),
        day(REF),
        BranchInput {
            outstanding_unit: true,
            prior: None,
        },
        &all,
    )
    .unwrap();
    assert_eq!((out.quota.limit, out.quota.basis), (4, QuotaBasis::Q3));
}

#[test]
fn a_rule_set_with_twenty_percent_of_good_changes_the_limit() {
    let mut r = rules();
    r.quota.percent = 20;
    r.quota.basis = "good".into();
    let mut v = vec![0u32; 20];
    v[..4].copy_from_slice(&[20, 20, 20, 20]);
    let out = classify(&r, day(REF), BranchInput::default(), &all_excellent(&v)).unwrap();
    // G = 16 voted good: 20% of 16 = 3.2, so 3.
    assert_eq!((out.quota.counted, out.quota.limit), (16, 3));
}

#[test]
fn m3_a_supplementary_session_uses_the_branch_d_and_what_is_left_of_the_quota() {
    // The branch: D = 10, 20 registered, 18 good or better of which 2 excellent already
    // (limit 15% of 20 = 3 once the two late members count). Two late members voted excellent.
    let prior = Prior {
        denominator: 10,
        voters_present: 9,
        registered: 20,
        counted: 18,
        excellent: 2,
    };
    let late: Vec<MemberInput> = ["late1", "late2"]
        .iter()
        .zip([9, 8])
        .map(|(id, e)| {
            let mut m = member(id);
            m.votes = votes(e, 0, 0, 0);
            m
        })
        .collect();
    let b = BranchInput {
        outstanding_unit: false,
        prior: Some(prior),
    };
    let out = classify(&rules(), day(REF), b, &late).unwrap();
    assert_eq!(out.denominator, 10);
    assert_eq!((out.quota.counted, out.quota.limit), (20, 3));
    assert_eq!(out.results[0].level, Some(Level::Excellent));
    assert_eq!(out.results[1].level, Some(Level::Good));
    assert_eq!(out.results[1].reasons, ["M6", "Q4"]);
    assert_eq!(out.quota.excellent, 3);
}

// Properties.

fn arb_member(i: usize) -> impl Strategy<Value = MemberInput> {
    (
        any::<bool>(),
        0u8..10,
        0u8..5,
        any::<[bool; 8]>(),
        prop::option::of(0u8..5),
        (0u32..12, 0u32..12, 0u32..12, 0u32..12),
    )
        .prop_map(
            move |(official, admitted, cat, flags, rating, (e, g, c, n))| {
                let mut m = member(&format!("m{i}"));
                m.official = official || flags[7];
                m.admitted_on = if admitted == 0 {
                    day("2016-08-01")
                } else {
                    day("2010-01-01")
                };
                m.category = [
                    Category::CivilServant,
                    Category::Student,
                    Category::Business,
                    Category::Resident,
                    Category::Other,
                ][cat as usize];
                m.exempt = flags[0];
                m.attached = flags[1] && flags[2];
                m.present = !flags[3] || flags[6];
                m.long_absence = flags[4] && flags[5];
                m.discipline_in_force = flags[5] && flags[6] && flags[0];
                m.attested_exemplary = flags[2];
                m.professional_rating = rating.map(|r| {
                    [
                        ProfessionalRating::Excellent,
                        ProfessionalRating::Good,
                        ProfessionalRating::Completed,
                        ProfessionalRating::CompletedLimited,
                        ProfessionalRating::NotCompleted,
                    ][r as usize]
                });
                m.votes = votes(e, g, c, n);
                m
            },
        )
}

/// A valid branch: votes scaled down so no member has more than the voters present.
fn arb_branch() -> impl Strategy<Value = (Vec<MemberInput>, bool)> {
    (1usize..30)
        .prop_flat_map(|n| ((0..n).map(arb_member).collect::<Vec<_>>(), any::<bool>()))
        .prop_map(|(mut all, outstanding)| {
            let (_, present) = denominator(&all);
            for m in &mut all {
                while m.votes.total() > u64::from(present) {
                    let v = &mut m.votes;
                    for x in [
                        &mut v.excellent,
                        &mut v.good,
                        &mut v.completed,
                        &mut v.not_completed,
                    ] {
                        *x /= 2;
                    }
                }
            }
            (all, outstanding)
        })
}

fn rank(r: &MemberResult) -> u8 {
    // Higher is better; pending and not-classified are not compared.
    match (r.status, r.level) {
        (Status::Classified, Some(Level::Excellent)) => 5,
        (Status::Unresolved, _) if r.reasons.contains(&"Q4-tie") => 4,
        (Status::Classified, Some(Level::Good)) => 3,
        (Status::Classified, Some(Level::Completed)) => 2,
        (Status::Classified, Some(Level::NotCompleted)) => 1,
        _ => 0,
    }
}

proptest! {
    #[test]
    fn the_quota_is_never_exceeded((all, outstanding) in arb_branch()) {
        let out = classify(&rules(), day(REF), BranchInput { outstanding_unit: outstanding, prior: None }, &all).unwrap();
        let excellent = out.results.iter().filter(|r| r.level == Some(Level::Excellent)).count();
        prop_assert!(excellent as u32 <= out.quota.limit);
        prop_assert_eq!(excellent as u32, out.quota.excellent);
    }

    #[test]
    fn the_order_of_members_never_changes_a_result((all, outstanding) in arb_branch(), seed in any::<u64>()) {
        let b = BranchInput { outstanding_unit: outstanding, prior: None };
        let out = classify(&rules(), day(REF), b, &all).unwrap();
        let mut shuffled = all.clone();
        // A deterministic shuffle from the seed.
        let len = shuffled.len();
        for i in (1..len).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let again = classify(&rules(), day(REF), b, &shuffled).unwrap();
        for r in &out.results {
            let s = again.results.iter().find(|x| x.id == r.id).unwrap();
            prop_assert_eq!(r, s);
        }
        prop_assert_eq!(out.quota, again.quota);
    }

    #[test]
    fn more_votes_in_favour_never_lower_a_result((all, _) in arb_branch(), pick in any::<prop::sample::Index>()) {
        // One ballot moved to a higher level never lowers the member's own result, quota
        // included (a tie at the cut ranks above falling to good).
        let r = rules();
        let i = pick.index(all.len());
        let before = classify(&r, day(REF), BranchInput::default(), &all).unwrap();
        let mut more = all.clone();
        let v = &mut more[i].votes;
        if v.not_completed > 0 {
            v.not_completed -= 1;
            v.excellent += 1;
        } else if v.completed > 0 {
            v.completed -= 1;
            v.good += 1;
        } else {
            return Ok(());
        }
        let after = classify(&r, day(REF), BranchInput::default(), &more).unwrap();
        let (b, a) = (&before.results[i], &after.results[i]);
        if b.status == Status::Classified && b.level != Some(Level::NotCompleted) {
            prop_assert!(rank(a) >= rank(b), "{:?} -> {:?}", b, a);
        }
    }

    #[test]
    fn removing_an_absent_exempt_member_never_changes_d((all, _) in arb_branch()) {
        let (d, present) = denominator(&all);
        let kept: Vec<MemberInput> = all.iter().filter(|m| !m.exempt || m.present).cloned().collect();
        prop_assert_eq!(denominator(&kept), (d, present));
    }
}

#[test]
fn m12_only_an_approved_result_is_cancelled_and_a_cancelled_one_no_longer_stands() {
    use kiemdiem_domain::classification::ResultState as S;
    assert!(S::Approved.may_cancel());
    for s in [S::Proposed, S::Returned, S::Cancelled] {
        assert!(!s.may_cancel(), "{s}");
    }
    let standing: Vec<_> = S::ALL.iter().filter(|s| s.stands()).collect();
    assert_eq!(standing, [&S::Proposed, &S::Approved]);
    assert_eq!(S::try_from("cancelled".to_owned()), Ok(S::Cancelled));
    assert!(S::try_from("deleted".to_owned()).is_err());
}
