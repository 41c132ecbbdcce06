//! How far a PostgreSQL streaming replica is behind its primary (issue #18): the primary's
//! write-ahead log position and the replica's replayed one, compared by the API's monitor.

use crate::QueryResult;
use crate::db::AnyConnection;
use diesel::RunQueryDsl;
use diesel::sql_types::{Nullable, Text};

#[derive(diesel::QueryableByName)]
struct Lsn {
    #[diesel(sql_type = Nullable<Text>)]
    lsn: Option<String>,
}

/// `16/B374D848` as one number.
fn parse(lsn: &str) -> Option<u64> {
    let (hi, lo) = lsn.split_once('/')?;
    Some((u64::from_str_radix(hi, 16).ok()? << 32) | u64::from_str_radix(lo, 16).ok()?)
}

fn one(conn: &mut AnyConnection, sql: &str) -> QueryResult<Option<u64>> {
    let row: Lsn = diesel::sql_query(sql).get_result(conn)?;
    Ok(row.lsn.as_deref().and_then(parse))
}

/// Where the primary's log is now (none on SQLite or a server in recovery).
pub fn primary_position(conn: &mut AnyConnection) -> QueryResult<Option<u64>> {
    if matches!(conn, AnyConnection::Sqlite(_)) {
        return Ok(None);
    }
    one(
        conn,
        "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS lsn",
    )
}

/// How far a standby has replayed the log (none when the server is not a standby).
pub fn replayed_position(conn: &mut AnyConnection) -> QueryResult<Option<u64>> {
    if matches!(conn, AnyConnection::Sqlite(_)) {
        return Ok(None);
    }
    one(conn, "SELECT pg_last_wal_replay_lsn()::text AS lsn")
}

#[cfg(test)]
mod tests {
    #[test]
    fn positions_read_as_numbers() {
        assert_eq!(super::parse("0/3000060"), Some(0x0300_0060));
        assert_eq!(
            super::parse("16/B374D848"),
            Some((0x16 << 32) | 0xB374_D848)
        );
        assert_eq!(super::parse("x"), None);
    }
}
