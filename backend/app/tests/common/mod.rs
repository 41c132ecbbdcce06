//! What the application's tests share: a fresh SQLite store and organisations named after
//! their codes.

#![allow(clippy::unwrap_used, dead_code)]

use kiemdiem_store::organizations::{self, NewOrganization, Organization};
use kiemdiem_store::{AnyConnection, DbTarget, Pool};

/// A new SQLite database with every migration applied (kept while the directory lives).
pub fn store() -> (tempfile::TempDir, Pool) {
    let dir = tempfile::tempdir().unwrap();
    let pool = Pool::open(DbTarget::Sqlite(dir.path().join("app.db")), 8).unwrap();
    (dir, pool)
}

/// An organisation named after its code ("Tổ chức {code}").
pub fn org(
    conn: &mut AnyConnection,
    kind: &str,
    code: &str,
    parent: Option<&Organization>,
) -> Organization {
    organizations::create(
        conn,
        NewOrganization {
            kind,
            code,
            name: &format!("Tổ chức {code}"),
            parent,
        },
    )
    .unwrap()
}
