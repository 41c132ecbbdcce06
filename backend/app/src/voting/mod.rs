//! Voting sessions (guidance 2.2.4–2.2.6), what their use cases share: a session with its
//! cycle and branch, the rule set frozen into the cycle, the members on a roll as the engine's
//! input (M3–M11), and what a branch already holds against its quota (Q1–Q3, M12).

pub mod appraisal;
pub mod ballots;
pub mod minutes;
pub mod records;
pub mod sessions;

use crate::actor::Actor;
use crate::error::AppError;
use chrono::Datelike;
use kiemdiem_domain::classification::{
    BranchInput, Category, Honour, Leadership, LeadershipLevel, Level, MemberInput, PartyOrgRating,
    Prior, ProfessionalRating, UnitRating, Votes,
};
use kiemdiem_domain::rule_set::{self, RuleSet};
use kiemdiem_domain::voting::SessionStatus;
use kiemdiem_store::voting::{self as store, RollEntry, Session};
use kiemdiem_store::{
    AnyConnection, cycles, members, organizations, professional_ratings, self_reviews,
};
use std::collections::HashMap;

/// A session with what every handler needs around it.
pub struct Ctx {
    pub session: Session,
    pub cycle: cycles::Cycle,
    pub cycle_path: String,
    pub branch: organizations::Organization,
}

/// The session, if the caller runs it (edits its branch's members); otherwise 404.
pub fn managed(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<Ctx, AppError> {
    let ctx = load(conn, id)?;
    if !p.access.can_edit_members(&ctx.branch.path) {
        return Err(AppError::not_found());
    }
    Ok(ctx)
}

pub fn load(conn: &mut AnyConnection, id: i64) -> Result<Ctx, AppError> {
    let session = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let (cycle, cycle_path) =
        cycles::get(conn, session.cycle_id)?.ok_or_else(AppError::not_found)?;
    let branch = organizations::get(conn, session.branch_id)?.ok_or_else(AppError::not_found)?;
    Ok(Ctx {
        session,
        cycle,
        cycle_path,
        branch,
    })
}

/// The rule set frozen into the cycle (a cycle never changes rules, RULES.md preamble).
pub fn rules_of(cycle: &cycles::Cycle) -> Result<RuleSet, AppError> {
    serde_json::from_str::<RuleSet>(&cycle.rules_json)
        .ok()
        .or_else(|| rule_set::builtin(&cycle.rule_set))
        .ok_or_else(|| AppError::Internal(format!("rule set {} unreadable", cycle.rule_set)))
}

pub fn open_or_conflict(s: &Session) -> Result<(), AppError> {
    if s.status == SessionStatus::Open {
        Ok(())
    } else {
        Err(AppError::conflict(
            "session_not_open",
            "Phiên bỏ phiếu không còn mở",
        ))
    }
}

/// A member on the roll, with the engine's view of them (before votes).
pub struct Subject {
    pub roll: RollEntry,
    pub name: String,
    pub sort_key: String,
    pub input: MemberInput,
    /// A leader whose unit or organisation rating was not recorded (the gate then fails).
    pub leader_ratings_missing: bool,
}

fn unit_rating(s: &str) -> Option<UnitRating> {
    Some(match s {
        "excellent" => UnitRating::Excellent,
        "good" => UnitRating::Good,
        "completed" => UnitRating::Completed,
        "not_completed" => UnitRating::NotCompleted,
        _ => return None,
    })
}

fn party_org_rating(s: &str) -> Option<PartyOrgRating> {
    Some(match s {
        "clean_strong" => PartyOrgRating::CleanStrong,
        "good" => PartyOrgRating::Good,
        "completed" => PartyOrgRating::Completed,
        "weak" => PartyOrgRating::Weak,
        _ => return None,
    })
}

/// Reads the registry, the self-reviews, the professional ratings, the disciplines and the
/// absences into the engine's input for every member on the roll (votes zero).
pub fn subjects(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    rules: &RuleSet,
    roll: Vec<RollEntry>,
) -> Result<Vec<Subject>, AppError> {
    let mut out = Vec::with_capacity(roll.len());
    for r in roll {
        let (m, _) = members::get(conn, r.member_id)?.ok_or_else(AppError::not_found)?;
        let submitted = self_reviews::find(conn, cycle.id, m.id)?
            .is_some_and(|s| s.status.counts_as_submitted());
        let rating = professional_ratings::find(conn, cycle.id, m.id)?;
        let long_absence = members::long_absences(conn, m.id)?.contains(&cycle.year);
        let disciplined = kiemdiem_domain::member::discipline_in_force(
            &members::discipline_terms(conn, m.id)?,
            cycle.reference_date,
            rules.discipline_term_months,
        );
        let leader_level = m.leadership_level.as_deref().map(|l| {
            if l == "above_grassroots" {
                LeadershipLevel::AboveGrassroots
            } else {
                LeadershipLevel::Grassroots
            }
        });
        let unit = r.leader_unit_rating.as_deref().and_then(unit_rating);
        let org = r
            .leader_party_org_rating
            .as_deref()
            .and_then(party_org_rating);
        let leader_ratings_missing = leader_level.is_some() && (unit.is_none() || org.is_none());
        let leadership = leader_level.map(|level| Leadership {
            level,
            // Not recorded: the gate is not met (M8).
            unit_rating: unit.unwrap_or(UnitRating::NotCompleted),
            party_org_rating: org.unwrap_or(PartyOrgRating::Weak),
        });
        let input = MemberInput {
            id: m.id.to_string(),
            official: r.official,
            admitted_on: m.admitted_on,
            category: Category::parse(&m.category).unwrap_or(Category::Other),
            exempt: r.exempt,
            attached: r.attached,
            present: r.present,
            self_review_submitted: submitted,
            long_absence,
            discipline_in_force: disciplined,
            faults: r.faults,
            professional_rating: rating
                .as_ref()
                .and_then(|x| ProfessionalRating::parse(&x.level)),
            honours: rating
                .as_ref()
                .map(|x| x.honours.split(',').filter_map(Honour::parse).collect())
                .unwrap_or_default(),
            attested_exemplary: rating.as_ref().is_some_and(|x| x.attested_exemplary),
            leadership,
            votes: Votes::default(),
        };
        out.push(Subject {
            roll: r,
            name: m.full_name,
            sort_key: m.sort_key,
            input,
            leader_ratings_missing,
        });
    }
    out.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
    Ok(out)
}

/// Whether the session's ballots and tallies cover this member (issue #13): a subject of the
/// session who is to be classified, neither attached (M5) nor admitted under six months (M4).
/// Members pending for M3 or M9 stay on the ballot: the meeting may still settle those.
pub fn voted_on(s: &Subject, rules: &RuleSet, cycle: &cycles::Cycle) -> bool {
    s.roll.subject
        && !matches!(
            kiemdiem_domain::classification::unclassifiable(rules, cycle.reference_date, &s.input),
            Some((kiemdiem_domain::classification::Status::NotClassified, _))
        )
}

/// For a supplementary session: D and the voters from the whole roll, and what the branch's
/// earlier results in the cycle already hold (M3).
pub fn branch_input(
    conn: &mut AnyConnection,
    ctx: &Ctx,
    subjects: &[Subject],
    rules: &RuleSet,
) -> Result<BranchInput, AppError> {
    let mut b = BranchInput {
        // Q3: only once the superior has approved the claim.
        outstanding_unit: ctx.session.outstanding_approved(),
        prior: None,
    };
    if ctx.session.kind != "supplementary" {
        return Ok(b);
    }
    let all: Vec<MemberInput> = subjects.iter().map(|s| s.input.clone()).collect();
    let (denominator, voters_present) = kiemdiem_domain::classification::denominator(&all);
    let registered = u32::try_from(all.iter().filter(|m| !m.attached).count()).unwrap_or(0);
    let results = current_results(conn, ctx.cycle.id)?;
    let (counted, excellent) = quota_held(
        rules,
        results.values().filter(|r| {
            r.session_id != Some(ctx.session.id)
                && subjects.iter().any(|s| s.roll.member_id == r.member_id)
        }),
    );
    b.prior = Some(Prior {
        denominator,
        voters_present,
        registered,
        counted,
        excellent,
    });
    Ok(b)
}

/// What these standing results already hold against a branch's quota: how many count in G
/// (Q1's basis) and how many are `excellent`.
pub fn quota_held<'a>(
    rules: &RuleSet,
    results: impl IntoIterator<Item = &'a store::Result_>,
) -> (u32, u32) {
    let mut held = (0, 0);
    for r in results
        .into_iter()
        .filter(|r| r.status == kiemdiem_domain::classification::Status::Classified)
    {
        let Some(level) = r.level.as_deref().and_then(Level::parse) else {
            continue;
        };
        held.0 += u32::from(rules.quota.counts(level));
        held.1 += u32::from(level == Level::Excellent);
    }
    held
}

/// The `Subject` of one member on a roll, if they are on it.
pub fn subject_on(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    rules: &RuleSet,
    roll: &[RollEntry],
    member_id: i64,
) -> Result<Option<Subject>, AppError> {
    let mine: Vec<RollEntry> = roll
        .iter()
        .filter(|r| r.member_id == member_id)
        .cloned()
        .collect();
    Ok(subjects(conn, cycle, rules, mine)?.pop())
}

/// Each member's standing result in the cycle: the latest that is neither cancelled nor
/// returned.
pub fn current_results(
    conn: &mut AnyConnection,
    cycle_id: i64,
) -> Result<HashMap<i64, store::Result_>, AppError> {
    let mut out = HashMap::new();
    for r in store::results_of_cycle(conn, cycle_id)? {
        if !r.state.stands() {
            continue;
        }
        out.insert(r.member_id, r);
    }
    Ok(out)
}

/// The year a result is recorded under in the member's history (W1).
pub fn year_of(cycle: &cycles::Cycle) -> i32 {
    cycle.reference_date.year()
}
