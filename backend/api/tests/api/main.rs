//! The API's integration tests, one binary (issue #14: one link of the whole API instead of
//! one per file): each module drives the real router on SQLite and PostgreSQL (`db_test!`).

#[macro_use]
mod common;

mod agenda_mail;
mod architecture;
mod auth;
mod authorization;
mod classification;
mod cycles;
mod dossiers;
mod errors;
mod feedback_batch;
mod foundation;
mod hardening;
mod members;
mod org_classification;
mod organizations;
mod paging;
mod party_reports;
mod point_assessments;
mod points;
mod review_records;
mod rewards;
mod scale;
mod self_reviews;
mod spa;
mod trust;
mod untrusted_text;
mod voting;
mod webhooks;
