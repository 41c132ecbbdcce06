//! Voting sessions (guidance 2.2.4–2.2.6): per branch and cycle the roll and D (M5), paper
//! tallies entered twice (`paper_tally`) or secret electronic ballots (`electronic`), the
//! finalized results (M3–M11, Q1–Q4) the branch proposes, and the base committee's appraisal
//! with re-classification (M12).
//!
//! Who: the branch committee of the branch (and those above who edit its members) runs the
//! session; the members on its roll vote electronically; the committee that runs the cycle
//! appraises.

pub mod appraisal;
pub mod ballots;
pub mod minutes;
pub mod sessions;

use crate::auth::Principal;
use crate::error::ApiError;
use crate::routes::classification::{PreviewLeadership, PreviewMember, PreviewVotes};
use chrono::{Datelike, Months, NaiveDate};
use diesel::prelude::*;
use kiemdiem_domain::classification::{
    BranchInput, Category, Honour, Leadership, LeadershipLevel, Level, MemberInput, PartyOrgRating,
    Prior, ProfessionalRating, UnitRating, Votes,
};
use kiemdiem_domain::rule_set::{self, RuleSet};
use kiemdiem_store::schema::disciplines as dsc;
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
pub fn managed(conn: &mut AnyConnection, p: &Principal, id: i64) -> Result<Ctx, ApiError> {
    let ctx = load(conn, id)?;
    if !p.access.can_edit_members(&ctx.branch.path) {
        return Err(ApiError::not_found());
    }
    Ok(ctx)
}

pub fn load(conn: &mut AnyConnection, id: i64) -> Result<Ctx, ApiError> {
    let session = store::get(conn, id)?.ok_or_else(ApiError::not_found)?;
    let (cycle, cycle_path) =
        cycles::get(conn, session.cycle_id)?.ok_or_else(ApiError::not_found)?;
    let branch = organizations::get(conn, session.branch_id)?.ok_or_else(ApiError::not_found)?;
    Ok(Ctx {
        session,
        cycle,
        cycle_path,
        branch,
    })
}

/// The rule set frozen into the cycle (a cycle never changes rules, RULES.md preamble).
pub fn rules_of(cycle: &cycles::Cycle) -> Result<RuleSet, ApiError> {
    serde_json::from_str::<RuleSet>(&cycle.rules_json)
        .ok()
        .or_else(|| rule_set::builtin(&cycle.rule_set))
        .ok_or_else(|| ApiError::Internal(format!("rule set {} unreadable", cycle.rule_set)))
}

pub fn open_or_conflict(s: &Session) -> Result<(), ApiError> {
    if s.status == "open" {
        Ok(())
    } else {
        Err(ApiError::conflict(
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

fn discipline_in_force(
    conn: &mut AnyConnection,
    member_id: i64,
    on: NaiveDate,
    term_months: u32,
) -> Result<bool, ApiError> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = dsc::table
        .filter(dsc::member_id.eq(member_id))
        .select((dsc::decided_on, dsc::term_ends_on))
        .load(conn)?;
    Ok(rows.into_iter().any(|(decided, ends)| {
        let ends = ends.or_else(|| decided.checked_add_months(Months::new(term_months)));
        decided <= on && ends.is_none_or(|e| on < e)
    }))
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
) -> Result<Vec<Subject>, ApiError> {
    let mut out = Vec::with_capacity(roll.len());
    for r in roll {
        let (m, _) = members::get(conn, r.member_id)?.ok_or_else(ApiError::not_found)?;
        let submitted = self_reviews::find(conn, cycle.id, m.id)?
            .is_some_and(|s| matches!(s.status.as_str(), "submitted" | "accepted"));
        let rating = professional_ratings::find(conn, cycle.id, m.id)?;
        let long_absence = members::long_absences(conn, m.id)?.contains(&cycle.year);
        let disciplined = discipline_in_force(
            conn,
            m.id,
            cycle.reference_date,
            rules.discipline_term_months,
        )?;
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

/// The engine's input as the preview's request shape, so that a client can overlay the
/// numbers being typed and ask `/classification/preview` for live results.
pub fn as_preview(s: &Subject, votes: Votes) -> PreviewMember {
    let i = &s.input;
    PreviewMember {
        id: i.id.clone(),
        status: if i.official {
            "official"
        } else {
            "probationary"
        }
        .into(),
        admitted_on: i.admitted_on,
        category: match i.category {
            Category::CivilServant => "civil_servant",
            Category::Student => "student",
            Category::Business => "business",
            Category::Resident => "resident",
            Category::Other => "other",
        }
        .into(),
        exempt: i.exempt,
        attached: i.attached,
        present: i.present,
        self_review_submitted: i.self_review_submitted,
        long_absence: i.long_absence,
        discipline_in_force: i.discipline_in_force,
        faults: i.faults,
        professional_rating: i.professional_rating.map(|r| {
            match r {
                ProfessionalRating::Excellent => "excellent",
                ProfessionalRating::Good => "good",
                ProfessionalRating::Completed => "completed",
                ProfessionalRating::CompletedLimited => "completed_limited",
                ProfessionalRating::NotCompleted => "not_completed",
            }
            .into()
        }),
        honours: i
            .honours
            .iter()
            .map(|h| {
                match h {
                    Honour::EmulationTitle => "emulation_title",
                    Honour::MinistryProvinceCommendation => "ministry_province_commendation",
                    Honour::CertificateOfMerit => "certificate_of_merit",
                    Honour::AcademicExcellent => "academic_excellent",
                }
                .into()
            })
            .collect(),
        attested_exemplary: i.attested_exemplary,
        leadership: i.leadership.map(|l| PreviewLeadership {
            level: match l.level {
                LeadershipLevel::Grassroots => "grassroots",
                LeadershipLevel::AboveGrassroots => "above_grassroots",
            }
            .into(),
            unit_rating: match l.unit_rating {
                UnitRating::Excellent => "excellent",
                UnitRating::Good => "good",
                UnitRating::Completed => "completed",
                UnitRating::NotCompleted => "not_completed",
            }
            .into(),
            party_org_rating: match l.party_org_rating {
                PartyOrgRating::CleanStrong => "clean_strong",
                PartyOrgRating::Good => "good",
                PartyOrgRating::Completed => "completed",
                PartyOrgRating::Weak => "weak",
            }
            .into(),
        }),
        votes: PreviewVotes {
            excellent: i64::from(votes.excellent),
            good: i64::from(votes.good),
            completed: i64::from(votes.completed),
            not_completed: i64::from(votes.not_completed),
        },
    }
}

/// For a supplementary session: D and the voters from the whole roll, and what the branch's
/// earlier results in the cycle already hold (M3).
pub fn branch_input(
    conn: &mut AnyConnection,
    ctx: &Ctx,
    subjects: &[Subject],
    rules: &RuleSet,
) -> Result<BranchInput, ApiError> {
    let mut b = BranchInput {
        outstanding_unit: ctx.session.outstanding_unit,
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
    for r in results.into_iter().filter(|r| r.status == "classified") {
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
) -> Result<Option<Subject>, ApiError> {
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
) -> Result<HashMap<i64, store::Result_>, ApiError> {
    let mut out = HashMap::new();
    for r in store::results_of_cycle(conn, cycle_id)? {
        if matches!(r.state.as_str(), "cancelled" | "returned") {
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
