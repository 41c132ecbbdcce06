//! The application of kiemdiem, between the HTTP API and the store (issue #14): who acts
//! ([`Actor`]), what may go wrong ([`AppError`]), and the use cases that read and write through
//! `kiemdiem_store` under the rules of `kiemdiem_domain` — documents (DOCX, XLSX, the dossier),
//! statistics, imports, and the loaders the voting and classification use cases share.
//!
//! Nothing here knows HTTP: `kiemdiem_api` maps [`AppError`] to problem+json and the command
//! line (`kiemdiem`) calls the same functions.

pub mod actor;
pub mod agenda;
pub mod agenda_mail;
pub mod appraisal_teams;
pub mod attachments;
pub mod audit;
pub mod branch_opinions;
pub mod collectives;
pub mod cycles;
pub mod documents;
pub mod docx;
pub mod dossier;
pub mod dossiers;
pub mod error;
pub mod feedback;
pub mod feedback_batch;
pub mod feedback_clusters;
pub mod import;
pub mod imports;
pub mod input;
pub mod integration;
pub mod key_cadre;
pub mod member_table;
pub mod members;
pub mod notifications;
pub mod org_classification;
pub mod org_history;
pub mod organizations;
pub mod paging;
pub mod party_reports;
pub mod password;
pub mod pdf;
pub mod plan_tasks;
pub mod point_assessments;
pub mod points;
pub mod points_decision;
pub mod points_documents;
pub mod points_preview;
pub mod preview;
pub mod printed;
pub mod professional_ratings;
pub mod progress;
pub mod recognition;
pub mod review_meetings;
pub mod rewards;
pub mod rule_sets;
pub mod self_reviews;
pub mod service_accounts;
pub mod sessions;
pub mod spreadsheet;
pub mod statistics;
pub mod suggestions;
pub mod tx;
pub mod users;
pub mod voting;
pub mod webhooks;

pub use actor::Actor;
pub use error::{AppError, FieldError};

/// Today in Vietnam (UTC+7), for "not in the future" and the dates documents are printed on.
pub fn today() -> chrono::NaiveDate {
    now_local().date()
}

/// The time now in Vietnam (UTC+7), to compare with the local times of meetings.
pub fn now_local() -> chrono::NaiveDateTime {
    (chrono::Utc::now() + chrono::Duration::hours(7)).naive_utc()
}
