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
pub mod records;
pub mod sessions;
