//! `kiemdiem seed`: the synthetic province has what it says, and its year is a closed past year.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::RunQueryDsl;
use kiemdiem_store::{DbTarget, backup};
use std::process::Command;

#[test]
fn the_synthetic_province_has_its_members_history_and_a_closed_year() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("seed.db").display());
    let out = Command::new(env!("CARGO_BIN_EXE_kiemdiem"))
        .args([
            "seed",
            "--members",
            "300",
            "--branches",
            "30",
            "--years",
            "5",
        ])
        .env("DATABASE_URL", &url)
        .env("KIEMDIEM_DATA_DIR", dir.path())
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target: DbTarget = url.parse().unwrap();
    let mut conn = target.connect().unwrap();
    let count = |table: &str| {
        backup::counts(&mut target.connect().unwrap())
            .unwrap()
            .into_iter()
            .find(|(t, _)| t == table)
            .unwrap()
            .1
    };
    assert_eq!(count("members"), 300);
    assert_eq!(count("member_history"), 300 * 5);
    assert_eq!(count("classification_results"), 300);
    #[derive(diesel::QueryableByName)]
    struct Stage {
        #[diesel(sql_type = diesel::sql_types::Text)]
        stage: String,
    }
    let stages: Vec<String> = diesel::sql_query("SELECT DISTINCT stage FROM review_cycles")
        .load::<Stage>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|s| s.stage)
        .collect();
    assert_eq!(stages, ["closed"]);
}
