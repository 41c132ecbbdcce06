//! `kiemdiem backup PATH` and `kiemdiem restore PATH`.
//!
//! SQLite: the backup is `VACUUM INTO` (a consistent copy taken while the server runs); the
//! restore checks the file (`PRAGMA integrity_check`), puts it in place of the database (the old
//! file kept beside it as `.before-restore`), migrates it and prints every table's rows.
//! PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists --no-owner` into
//! the database of `DATABASE_URL`, then the same migration and counts. Either refuses to
//! overwrite a backup file, and to restore over a database with data unless `--force`.

use crate::config::Config;
use kiemdiem_store::{DbTarget, backup, files};
use std::path::Path;
use std::process::Command;

fn print_counts(counts: &[(String, i64)]) {
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    for (table, n) in counts {
        println!("  {table:<32} {n:>10}");
    }
    println!("  {:<32} {total:>10}", "(all rows)");
}

fn has_data(target: &DbTarget) -> Result<bool, String> {
    if let DbTarget::Sqlite(path) = target
        && !path.exists()
    {
        return Ok(false);
    }
    let mut conn = target.connect().map_err(|e| e.to_string())?;
    let counts = backup::counts(&mut conn).map_err(|e| e.to_string())?;
    Ok(counts.iter().any(|(_, n)| *n > 0))
}

fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let out = cmd.output().map_err(|e| {
        format!("cannot run {what}: {e} (install the PostgreSQL client tools, e.g. Debian's postgresql-client)")
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

pub fn backup(config: &Config, path: &Path) -> Result<(), String> {
    if path.exists() {
        return Err(format!(
            "{} exists: a backup never overwrites a file",
            path.display()
        ));
    }
    let mut conn = config.database.connect().map_err(|e| e.to_string())?;
    let counts = backup::counts(&mut conn).map_err(|e| e.to_string())?;
    // The copy goes into an empty file made private first (VACUUM INTO and pg_dump both write
    // into an empty file and keep its mode); a failed copy leaves no file behind.
    files::create_private_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let copied = match &config.database {
        DbTarget::Sqlite(_) => path
            .to_str()
            .ok_or_else(|| format!("{} is not a UTF-8 path", path.display()))
            .and_then(|to| {
                backup::sqlite_copy(&mut conn, to).map_err(|e| format!("VACUUM INTO: {e}"))
            }),
        DbTarget::Postgres(url) => run(
            Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg(format!("--file={}", path.display()))
                .arg(format!("--dbname={url}")),
            "pg_dump",
        ),
    };
    if let Err(e) = copied {
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    println!(
        "kiemdiem: {} backed up to {}",
        config.database,
        path.display()
    );
    print_counts(&counts);
    Ok(())
}

pub fn restore(config: &Config, path: &Path, force: bool) -> Result<(), String> {
    if !path.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    if has_data(&config.database)? && !force {
        return Err(format!(
            "{} already holds data: add --force to replace it (SQLite keeps the old file as .before-restore)",
            config.database
        ));
    }
    match &config.database {
        DbTarget::Sqlite(target) => {
            // Check the backup itself before it replaces anything.
            let mut check = DbTarget::Sqlite(path.to_path_buf())
                .connect()
                .map_err(|e| e.to_string())?;
            let verdict = backup::integrity(&mut check).map_err(|e| e.to_string())?;
            if verdict != "ok" {
                return Err(format!("{} is damaged: {verdict}", path.display()));
            }
            drop(check);
            if target.exists() {
                let aside = target.with_extension("before-restore");
                std::fs::rename(target, &aside).map_err(|e| e.to_string())?;
                for ext in ["db-wal", "db-shm"] {
                    let _ = std::fs::remove_file(target.with_extension(ext));
                }
                println!("kiemdiem: the old database is kept as {}", aside.display());
            }
            if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                files::create_private_dir(dir).map_err(|e| e.to_string())?;
            }
            std::fs::copy(path, target).map_err(|e| e.to_string())?;
            files::make_private(target).map_err(|e| e.to_string())?;
        }
        DbTarget::Postgres(url) => run(
            Command::new("pg_restore")
                .arg("--clean")
                .arg("--if-exists")
                .arg("--no-owner")
                .arg("--single-transaction")
                .arg(format!("--dbname={url}"))
                .arg(path),
            "pg_restore",
        )?,
    }
    // A backup from an older version gets the migrations it lacks.
    kiemdiem_store::Pool::open(config.database.clone(), 1).map_err(|e| e.to_string())?;
    let mut conn = config.database.connect().map_err(|e| e.to_string())?;
    let verdict = backup::integrity(&mut conn).map_err(|e| e.to_string())?;
    if verdict != "ok" {
        return Err(format!("the restored database is damaged: {verdict}"));
    }
    let counts = backup::counts(&mut conn).map_err(|e| e.to_string())?;
    println!(
        "kiemdiem: {} restored from {} (integrity ok)",
        config.database,
        path.display()
    );
    print_counts(&counts);
    Ok(())
}
