//! The SQLite database, its -wal and -shm are the server's user's only (issue #13, item 6):
//! created 0600, in directories the server creates 0700.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::connection::SimpleConnection;
use kiemdiem_store::{DbTarget, Pool};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_new_sqlite_database_and_its_directories_are_private() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data").join("kiemdiem");
    let db = dir.join("kiemdiem.db");
    let pool = Pool::open(DbTarget::Sqlite(db.clone()), 2).unwrap();
    // A connection kept open with a write in the WAL: -wal and -shm exist.
    let mut conn = pool.get().unwrap();
    conn.batch_execute("CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1);")
        .unwrap();
    for d in [tmp.path().join("data"), dir.clone()] {
        assert_eq!(mode(&d), 0o700, "{}", d.display());
    }
    for ext in ["db", "db-wal", "db-shm"] {
        let f = db.with_extension(ext);
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}
