//! The secret the server generates is its user's only (issue #13, item 6): `serve` creates the
//! data directory 0700 and the JWT secret in it 0600. (The database and backups: backup.rs.)

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn serve_creates_a_private_data_directory_and_secret() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("state");
    let secret = data.join("jwt-secret");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiemdiem"))
        .arg("serve")
        .env(
            "DATABASE_URL",
            format!("sqlite:{}", tmp.path().join("db").join("k.db").display()),
        )
        .env("KIEMDIEM_DATA_DIR", &data)
        .env_remove("KIEMDIEM_JWT_SECRET")
        .env("KIEMDIEM_BIND", "127.0.0.1:0")
        .env("KIEMDIEM_WEB_DIR", tmp.path().join("no-spa"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !secret.exists() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let exited = child.try_wait().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(exited.is_none(), "serve stopped: {exited:?}");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700, "the data directory");
    assert_eq!(mode(&secret), 0o600, "the JWT secret");
    assert_eq!(
        mode(&tmp.path().join("db")),
        0o700,
        "the database's directory"
    );
    assert_eq!(
        mode(&tmp.path().join("db").join("k.db")),
        0o600,
        "the database"
    );
}
