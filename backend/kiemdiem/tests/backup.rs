//! The restore drill: the demo data backed up and restored with the `kiemdiem` binary, on SQLite
//! and on PostgreSQL; the restored database has every row of every table, passes the integrity
//! check, and nothing is overwritten without being asked.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::RunQueryDsl;
use kiemdiem_store::{DbTarget, backup};
use std::path::Path;
use std::process::{Command, Output};

fn kiemdiem(database_url: &str, args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiemdiem"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("KIEMDIEM_DATA_DIR", dir)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn counts(url: &str) -> Vec<(String, i64)> {
    let target: DbTarget = url.parse().unwrap();
    backup::counts(&mut target.connect().unwrap()).unwrap()
}

/// The file's permission bits (issue #13, item 6: the data and its backups are private).
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn assert_same_rows(original: &[(String, i64)], restored: &[(String, i64)]) {
    assert_eq!(original, restored);
    let members = original.iter().find(|(t, _)| t == "members").unwrap().1;
    assert!(members > 100, "the demo has its members: {members}");
}

#[test]
fn sqlite_backup_and_restore_drill() {
    let dir = tempfile::tempdir().unwrap();
    let live = format!("sqlite:{}", dir.path().join("live.db").display());
    ok(&kiemdiem(&live, &["seed-demo"], dir.path()));
    assert_eq!(mode(&dir.path().join("live.db")), 0o600);
    let file = dir.path().join("backup.sqlite");
    let file_arg = file.to_str().unwrap();
    let out = ok(&kiemdiem(&live, &["backup", file_arg], dir.path()));
    assert!(out.contains("(all rows)"), "{out}");
    assert_eq!(mode(&file), 0o600, "the backup is private");
    // A backup never overwrites a file.
    let again = kiemdiem(&live, &["backup", file_arg], dir.path());
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));

    // Restored into a directory the restore creates; the copy does not take the backup's mode.
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let restored_db = dir.path().join("new").join("restored.db");
    let restored = format!("sqlite:{}", restored_db.display());
    let out = ok(&kiemdiem(&restored, &["restore", file_arg], dir.path()));
    assert!(out.contains("integrity ok"), "{out}");
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert_eq!(mode(&restored_db), 0o600);
    assert_same_rows(&counts(&live), &counts(&restored));
    let target: DbTarget = restored.parse().unwrap();
    assert_eq!(
        backup::integrity(&mut target.connect().unwrap()).unwrap(),
        "ok"
    );
    // Over a database with data: only with --force, and the old file is kept.
    let refused = kiemdiem(&restored, &["restore", file_arg], dir.path());
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    ok(&kiemdiem(
        &restored,
        &["restore", "--force", file_arg],
        dir.path(),
    ));
    assert!(dir.path().join("new/restored.before-restore").is_file());
    assert_same_rows(&counts(&live), &counts(&restored));

    // A damaged file is refused before it replaces anything.
    let bad = dir.path().join("bad.sqlite");
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + 4096].fill(0xA5);
    std::fs::write(&bad, bytes).unwrap();
    let out = kiemdiem(
        &restored,
        &["restore", "--force", bad.to_str().unwrap()],
        dir.path(),
    );
    assert!(!out.status.success());
    assert_same_rows(&counts(&live), &counts(&restored));
}

fn pg_url(name: &str) -> (String, String) {
    let admin = std::env::var("KIEMDIEM_TEST_PG_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b.to_owned(), format!("?{q}")),
        None => (admin.clone(), String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[scheme_end..].find('/') {
        Some(i) => base[..scheme_end + i].to_owned(),
        None => base,
    };
    (admin, format!("{server}/{name}{query}"))
}

#[test]
fn postgres_backup_and_restore_drill() {
    let dir = tempfile::tempdir().unwrap();
    let tag = format!("{}_{}", std::process::id(), chrono_free_nanos());
    let (admin, live) = pg_url(&format!("kd_backup_live_{tag}"));
    let (_, restored) = pg_url(&format!("kd_backup_restored_{tag}"));
    let admin_target: DbTarget = admin.parse().unwrap();
    let mut conn = admin_target.connect().unwrap();
    for url in [&live, &restored] {
        let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .unwrap();
    }
    ok(&kiemdiem(&live, &["seed-demo"], dir.path()));
    let file = dir.path().join("backup.dump");
    ok(&kiemdiem(
        &live,
        &["backup", file.to_str().unwrap()],
        dir.path(),
    ));
    let backup_mode = mode(&file);
    ok(&kiemdiem(
        &restored,
        &["restore", file.to_str().unwrap()],
        dir.path(),
    ));
    let same = counts(&live) == counts(&restored);
    let refused = kiemdiem(&restored, &["restore", file.to_str().unwrap()], dir.path());
    let original = counts(&live);
    let copy = counts(&restored);
    for url in [&live, &restored] {
        let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .unwrap();
    }
    assert_eq!(backup_mode, 0o600, "the backup is private");
    assert!(same);
    assert_same_rows(&original, &copy);
    assert!(!refused.status.success());
}

fn chrono_free_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
        % 1_000_000_000
}
