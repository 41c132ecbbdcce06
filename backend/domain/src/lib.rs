//! The domain of kiemdiem: the rules of `shared/domain/RULES.md` as pure functions and data.
//! Nothing here does IO; names follow `shared/domain/GLOSSARY.md`.

pub mod access;
pub mod classification;
pub mod cycle;
pub mod member;
pub mod organization;
pub mod rewards;
pub mod rule_set;
pub mod self_review;
pub mod text;
pub mod vietnamese;
pub mod voting;
