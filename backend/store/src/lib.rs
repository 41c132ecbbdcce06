//! Storage for kiemdiem: one diesel connection type over SQLite and PostgreSQL, a pool,
//! embedded migrations. Returns plain values; knows nothing of HTTP.

pub mod agenda_mails;
pub mod appraisal_teams;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod branch_opinions;
pub mod cycles;
pub mod db;
pub mod dossiers;
pub mod feedback;
pub mod feedback_clusters;
pub mod files;
pub mod generation;
pub mod idempotency;
pub mod key_cadre;
pub mod members;
pub mod migrations;
pub mod org_assessments;
pub mod org_history;
pub mod org_point_assessments;
pub mod organizations;
pub mod plan_tasks;
pub mod planned;
pub mod point_assessments;
pub mod professional_ratings;
pub mod records;
pub mod replication;
pub mod reports;
pub mod review_meetings;
pub mod rewards;
pub mod rule_sets;
pub mod schema;
pub mod self_reviews;
pub mod service_accounts;
pub mod suggestions;
pub mod tokens;
pub mod users;
pub mod voting;
pub mod webhooks;

pub use db::{AnyConnection, Backend, DbTarget, Pool, PooledConn, QueryResult, StoreError};
