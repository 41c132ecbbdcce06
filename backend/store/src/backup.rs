//! What backups and restores are checked with: the row count of every table, SQLite's own
//! integrity check, and SQLite's online copy (`VACUUM INTO`: a consistent snapshot while the
//! server runs). PostgreSQL is dumped and restored with its own tools (`pg_dump`,
//! `pg_restore`) by the `kiemdiem` command.

use crate::db::AnyConnection;
use diesel::RunQueryDsl;
use diesel::sql_types::{BigInt, Text};

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The application's tables (not the migrations' bookkeeping), sorted by name.
pub fn tables(conn: &mut AnyConnection) -> crate::QueryResult<Vec<String>> {
    let sql = match conn {
        AnyConnection::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '__diesel_schema_migrations' ORDER BY name"
        }
        AnyConnection::Postgresql(_) => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' \
             AND tablename <> '__diesel_schema_migrations' ORDER BY tablename"
        }
    };
    Ok(diesel::sql_query(sql)
        .load::<Name>(conn)?
        .into_iter()
        .map(|n| n.name)
        .collect())
}

/// Every application table with its number of rows.
pub fn counts(conn: &mut AnyConnection) -> crate::QueryResult<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for t in tables(conn)? {
        // Names come from the catalogue, quoted: nothing a user typed.
        let n = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM \"{t}\""))
            .get_result::<Count>(conn)?
            .n;
        out.push((t, n));
    }
    Ok(out)
}

/// SQLite's `PRAGMA integrity_check`: "ok", or what is wrong. PostgreSQL: always "ok".
pub fn integrity(conn: &mut AnyConnection) -> crate::QueryResult<String> {
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = Text)]
        integrity_check: String,
    }
    match conn {
        AnyConnection::Sqlite(_) => Ok(diesel::sql_query("PRAGMA integrity_check")
            .load::<Check>(conn)?
            .into_iter()
            .map(|c| c.integrity_check)
            .collect::<Vec<_>>()
            .join("; ")),
        AnyConnection::Postgresql(_) => Ok("ok".into()),
    }
}

/// A consistent copy of a live SQLite database into a new file (`VACUUM INTO`).
pub fn sqlite_copy(conn: &mut AnyConnection, to: &str) -> crate::QueryResult<()> {
    Ok(
        diesel::sql_query(format!("VACUUM INTO '{}'", to.replace('\'', "''")))
            .execute(conn)
            .map(|_| ())?,
    )
}
