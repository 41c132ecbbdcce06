//! Imports of the spreadsheets people already keep, all or nothing, with a dry run: members
//! (the registry), past years' results (W1) and a cycle's professional ratings (M8, M9).

pub mod history;
pub mod members;
pub mod ratings;
