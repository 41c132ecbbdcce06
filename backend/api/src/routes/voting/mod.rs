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

use crate::routes::classification::{PreviewLeadership, PreviewMember, PreviewVotes};
pub use kiemdiem_app::voting::*;
use kiemdiem_domain::classification::{
    Category, Honour, LeadershipLevel, PartyOrgRating, ProfessionalRating, UnitRating, Votes,
};

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
