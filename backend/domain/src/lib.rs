//! The domain of kiemdiem: the rules of `shared/domain/RULES.md` as pure functions and data.
//! Nothing here does IO; names follow `shared/domain/GLOSSARY.md`.

#[macro_use]
pub mod code;
pub mod access;
pub mod classification;
pub mod cycle;
pub mod dossier;
pub mod explain;
pub mod feedback;
pub mod member;
pub mod organization;
pub mod party_report;
pub mod points;
pub mod rewards;
pub mod rule_set;
pub mod self_review;
pub mod suggestion;
pub mod text;
pub mod vietnamese;
pub mod voting;
