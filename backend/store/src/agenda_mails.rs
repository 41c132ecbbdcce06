//! Who receives the agenda by e-mail and the days already written (issue #17).

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::schema::{agenda_mails as am, members, users as u};
use chrono::NaiveDate;
use diesel::prelude::*;

/// An active login with an address: its own, else its member record's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    /// Already written to on the day asked about.
    pub mailed: bool,
}

/// Every active login with an e-mail address, by id, and whether it was written to on `day`.
pub fn recipients(conn: &mut AnyConnection, day: NaiveDate) -> QueryResult<Vec<Recipient>> {
    let rows: Vec<(i64, Option<String>, Option<String>)> = u::table
        .left_join(members::table.on(members::id.nullable().eq(u::member_id)))
        .filter(u::active.eq(true))
        .select((u::id, u::email, members::email.nullable()))
        .order(u::id.asc())
        .load(conn)?;
    let mailed: Vec<i64> = am::table
        .filter(am::sent_on.eq(day))
        .select(am::user_id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(user_id, own, member)| {
            let email = [own, member]
                .into_iter()
                .flatten()
                .map(|e| e.trim().to_owned())
                .find(|e| !e.is_empty())?;
            Some(Recipient {
                user_id,
                email,
                mailed: mailed.contains(&user_id),
            })
        })
        .collect())
}

/// Claims `day` for the user's message; false when another round has it already. Call it in
/// the transaction that sends, so that a refused message leaves the day unclaimed.
pub fn claim(
    conn: &mut AnyConnection,
    user_id: i64,
    day: NaiveDate,
    items: i32,
) -> QueryResult<bool> {
    let row = (
        am::user_id.eq(user_id),
        am::sent_on.eq(day),
        am::items.eq(items),
    );
    let n = match conn {
        AnyConnection::Sqlite(c) => diesel::insert_into(am::table)
            .values(row)
            .on_conflict((am::user_id, am::sent_on))
            .do_nothing()
            .execute(c)?,
        AnyConnection::Postgresql(c) => diesel::insert_into(am::table)
            .values(row)
            .on_conflict((am::user_id, am::sent_on))
            .do_nothing()
            .execute(c)?,
    };
    Ok(n == 1)
}
