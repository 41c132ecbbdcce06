//! The member registry: records with stored search and sort keys, so that diacritic-free
//! search and Vietnamese order are plain indexed queries on both databases.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::generation::{Scoped, Touched};
use crate::organizations::now;
use crate::planned::each_time;
use crate::schema::{
    member_history as h, member_long_absences as la, members as m, organizations as o,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kiemdiem_domain::member::{self, MemberData};
use kiemdiem_domain::vietnamese::{search_key, sort_key};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::members)]
pub struct Member {
    pub id: i64,
    pub card_number: Option<String>,
    pub full_name: String,
    pub search_key: String,
    pub sort_key: String,
    pub gender: String,
    pub date_of_birth: NaiveDate,
    pub branch_id: i64,
    pub cell_id: Option<i64>,
    pub status: String,
    pub admitted_on: NaiveDate,
    pub official_on: Option<NaiveDate>,
    pub category: String,
    pub exempt: bool,
    pub attached: bool,
    pub home_branch_name: Option<String>,
    pub leadership_post: Option<String>,
    pub leadership_level: Option<String>,
    pub workplace_unit: Option<String>,
    pub workplace_post: Option<String>,
    pub residence_address: Option<String>,
    pub residence_committee_name: Option<String>,
    pub residence_committee_contact: Option<String>,
    pub residence_committee_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub active: bool,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Member {
    pub fn data(&self) -> MemberData {
        MemberData {
            card_number: self.card_number.clone(),
            full_name: self.full_name.clone(),
            gender: self.gender.clone(),
            date_of_birth: Some(self.date_of_birth),
            branch_id: self.branch_id,
            cell_id: self.cell_id,
            status: self.status.clone(),
            admitted_on: Some(self.admitted_on),
            official_on: self.official_on,
            category: self.category.clone(),
            exempt: self.exempt,
            attached: self.attached,
            home_branch_name: self.home_branch_name.clone(),
            leadership_post: self.leadership_post.clone(),
            leadership_level: self.leadership_level.clone(),
            workplace_unit: self.workplace_unit.clone(),
            workplace_post: self.workplace_post.clone(),
            residence_address: self.residence_address.clone(),
            residence_committee_name: self.residence_committee_name.clone(),
            residence_committee_contact: self.residence_committee_contact.clone(),
            residence_committee_address: self.residence_committee_address.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            active: self.active,
            left_on: self.left_on,
            left_reason: self.left_reason.clone(),
        }
    }
}

/// The columns written from a record (dates must be present: `check` made sure).
/// Flat (no embedded struct) so that PostgreSQL's binary COPY can take it; `version` and
/// `created_at` are written by inserts only.
#[derive(Insertable, AsChangeset)]
#[diesel(
    table_name = crate::schema::members,
    treat_none_as_null = true,
    treat_none_as_default_value = false
)]
struct Row<'a> {
    card_number: Option<&'a str>,
    full_name: &'a str,
    search_key: String,
    sort_key: String,
    gender: &'a str,
    date_of_birth: NaiveDate,
    branch_id: i64,
    cell_id: Option<i64>,
    status: &'a str,
    admitted_on: NaiveDate,
    official_on: Option<NaiveDate>,
    category: &'a str,
    exempt: bool,
    attached: bool,
    home_branch_name: Option<&'a str>,
    leadership_post: Option<&'a str>,
    leadership_level: Option<&'a str>,
    workplace_unit: Option<&'a str>,
    workplace_post: Option<&'a str>,
    residence_address: Option<&'a str>,
    residence_committee_name: Option<&'a str>,
    residence_committee_contact: Option<&'a str>,
    residence_committee_address: Option<&'a str>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    active: bool,
    left_on: Option<NaiveDate>,
    left_reason: Option<&'a str>,
    updated_at: NaiveDateTime,
    #[diesel(skip_update)]
    version: i32,
    #[diesel(skip_update)]
    created_at: NaiveDateTime,
}

fn row(d: &MemberData) -> QueryResult<Row<'_>> {
    let at = now();
    let missing = || crate::StoreError::Query("a member needs its dates".into());
    Ok(Row {
        card_number: d.card_number.as_deref(),
        full_name: d.full_name.trim(),
        search_key: search_key(&d.full_name),
        sort_key: sort_key(&d.full_name),
        gender: &d.gender,
        date_of_birth: d.date_of_birth.ok_or_else(missing)?,
        branch_id: d.branch_id,
        cell_id: d.cell_id,
        status: &d.status,
        admitted_on: d.admitted_on.ok_or_else(missing)?,
        official_on: d.official_on,
        category: &d.category,
        exempt: d.exempt,
        attached: d.attached,
        home_branch_name: d.home_branch_name.as_deref(),
        leadership_post: d.leadership_post.as_deref(),
        leadership_level: d.leadership_level.as_deref(),
        workplace_unit: d.workplace_unit.as_deref(),
        workplace_post: d.workplace_post.as_deref(),
        residence_address: d.residence_address.as_deref(),
        residence_committee_name: d.residence_committee_name.as_deref(),
        residence_committee_contact: d.residence_committee_contact.as_deref(),
        residence_committee_address: d.residence_committee_address.as_deref(),
        phone: d.phone.as_deref(),
        email: d.email.as_deref(),
        active: d.active,
        left_on: d.left_on,
        left_reason: d.left_reason.as_deref(),
        updated_at: at,
        version: 1,
        created_at: at,
    })
}

/// Inserts many records at once; returns each new id with its card number, in the order of
/// `records`. Multi-row inserts do not go through the multi-connection, so each backend is
/// written to on its own.
pub fn create_many(
    conn: &mut AnyConnection,
    records: &[MemberData],
) -> QueryResult<Vec<(i64, Option<String>)>> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    if let AnyConnection::Postgresql(_) = conn
        && records.iter().all(|d| d.card_number.is_some())
    {
        // PostgreSQL: COPY, then the new ids by their card numbers (unique).
        insert_many(conn, records)?;
        let cards: Vec<String> = records
            .iter()
            .filter_map(|d| d.card_number.clone())
            .collect();
        let ids: HashMap<String, i64> = m::table
            .filter(m::card_number.eq_any(&cards))
            .select((m::card_number.assume_not_null(), m::id))
            .load::<(String, i64)>(conn)?
            .into_iter()
            .collect();
        return Ok(cards
            .into_iter()
            .filter_map(|c| ids.get(&c).map(|id| (*id, Some(c))))
            .collect());
    }
    touch_records(conn, records)?;
    let rows = records.iter().map(row).collect::<QueryResult<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    // SQLite binds at most 32,766 values in one statement: 500 rows of 27 columns each.
    for part in rows.chunks(500) {
        out.extend(match conn {
            AnyConnection::Sqlite(c) => diesel::insert_into(m::table)
                .values(part)
                .returning((m::id, m::card_number))
                .get_results::<(i64, Option<String>)>(c)?,
            AnyConnection::Postgresql(c) => diesel::insert_into(m::table)
                .values(part)
                .returning((m::id, m::card_number))
                .get_results::<(i64, Option<String>)>(c)?,
        });
    }
    Ok(out)
}

/// Inserts many records at once without reading their ids back (the import's hot path): on
/// PostgreSQL by binary `COPY` (the province's import: 26 s instead of 37 s with multi-row
/// `INSERT`s), on SQLite by multi-row `INSERT`s. Returns how many were written.
pub fn insert_many(conn: &mut AnyConnection, records: &[MemberData]) -> QueryResult<usize> {
    if records.is_empty() {
        return Ok(0);
    }
    touch_records(conn, records)?;
    let rows = records.iter().map(row).collect::<QueryResult<Vec<_>>>()?;
    match conn {
        AnyConnection::Postgresql(c) => Ok(diesel::copy_from(m::table)
            .from_insertable(rows)
            .execute(c)?),
        AnyConnection::Sqlite(c) => {
            let mut n = 0;
            for part in rows.chunks(500) {
                n += diesel::insert_into(m::table).values(part).execute(c)?;
            }
            Ok(n)
        }
    }
}

/// What a large load takes off the members table and puts back at its end, in the same
/// transaction (PostgreSQL, see [`prepare_bulk_load`]): the secondary indexes (every one but
/// the primary key and the unique card number) and the foreign keys to the organisations.
/// PostgreSQL builds an index from all the rows several times faster than it maintains it
/// row by row, and checks a foreign key for the whole table in one join instead of a lookup
/// per row (the province's 200,000 members: COPY 2.9 s → 0.6 s). Until the transaction ends
/// the table is locked (`ACCESS EXCLUSIVE`): readers of members wait for the load.
#[derive(Debug)]
pub struct BulkLoad {
    /// The statements that restore what was dropped, as the migrations defined it.
    restore: Vec<String>,
}

/// Drops the members' secondary indexes and foreign keys for a large load (PostgreSQL; on
/// SQLite `None`, nothing changes). Call inside the load's transaction.
pub fn prepare_bulk_load(conn: &mut AnyConnection) -> QueryResult<Option<BulkLoad>> {
    #[derive(QueryableByName)]
    struct Dropped {
        #[diesel(sql_type = diesel::sql_types::Text)]
        drop: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        restore: String,
    }
    let AnyConnection::Postgresql(c) = conn else {
        return Ok(None);
    };
    // Their exact definitions as the migrations left them, so that nothing is copied here.
    let dropped: Vec<Dropped> = diesel::sql_query(
        "SELECT format('ALTER TABLE members DROP CONSTRAINT %I', conname) AS drop, \
                format('ALTER TABLE members ADD CONSTRAINT %I %s', conname, \
                       pg_get_constraintdef(oid)) AS restore \
         FROM pg_constraint WHERE conrelid = 'members'::regclass AND contype = 'f' \
         UNION ALL \
         SELECT format('DROP INDEX %I', indexname), indexdef FROM pg_indexes \
         WHERE schemaname = current_schema() AND tablename = 'members' \
         AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%'",
    )
    .load(c)?;
    for d in &dropped {
        diesel::sql_query(&d.drop).execute(c)?;
    }
    Ok(Some(BulkLoad {
        restore: dropped.into_iter().map(|d| d.restore).collect(),
    }))
}

/// Puts back what [`prepare_bulk_load`] dropped: the indexes built (with the memory to sort
/// in one go) and the foreign keys checked over the whole table.
pub fn finish_bulk_load(conn: &mut AnyConnection, load: BulkLoad) -> QueryResult<()> {
    let AnyConnection::Postgresql(c) = conn else {
        return Ok(());
    };
    diesel::sql_query("SET LOCAL maintenance_work_mem = '256MB'").execute(c)?;
    for statement in load.restore {
        diesel::sql_query(statement).execute(c)?;
    }
    Ok(())
}

/// How many members are stored (active or not).
pub fn count_all(conn: &mut AnyConnection) -> QueryResult<i64> {
    Ok(m::table.count().get_result(conn)?)
}

/// Every stored card number (a large load reads them once instead of asking per chunk).
pub fn card_numbers(conn: &mut AnyConnection) -> QueryResult<Vec<String>> {
    Ok(m::table
        .filter(m::card_number.is_not_null())
        .select(m::card_number.assume_not_null())
        .load(conn)?)
}

/// Tells the caches that members of these branches change (crate::generation).
fn touch_branches(conn: &mut AnyConnection, branch_ids: &[i64]) -> QueryResult<()> {
    let paths: Vec<String> = o::table
        .filter(o::id.eq_any(branch_ids))
        .select(o::path)
        .load(conn)?;
    crate::generation::touched(Touched::Members(paths));
    Ok(())
}

/// The branch of a member, if the member exists.
fn branch_of(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<i64>> {
    Ok(m::table
        .find(id)
        .select(m::branch_id)
        .first(conn)
        .optional()?)
}

/// Tells the caches that a member of this member's branch changes.
fn touch_member(conn: &mut AnyConnection, id: i64) -> QueryResult<()> {
    let branch = branch_of(conn, id)?;
    touch_branches(conn, &branch.into_iter().collect::<Vec<_>>())
}

fn touch_records(conn: &mut AnyConnection, records: &[MemberData]) -> QueryResult<()> {
    let mut ids: Vec<i64> = records.iter().map(|d| d.branch_id).collect();
    ids.sort_unstable();
    ids.dedup();
    touch_branches(conn, &ids)
}

pub fn create(conn: &mut AnyConnection, d: &MemberData) -> QueryResult<i64> {
    touch_branches(conn, &[d.branch_id])?;
    Ok(diesel::insert_into(m::table)
        .values(row(d)?)
        .returning(m::id)
        .get_result(conn)?)
}

/// Writes the record and bumps its version (the ETag).
pub fn update(conn: &mut AnyConnection, id: i64, d: &MemberData) -> QueryResult<()> {
    update_at(conn, id, None, d).map(|_| ())
}

/// The conditional write of `If-Match` (issue #13): changes the member only if it is still
/// at `version`, in one statement, so that of two concurrent writers with the same tag one
/// wins and the other finds 0 rows (false), on both databases.
pub fn update_if_version(
    conn: &mut AnyConnection,
    id: i64,
    version: i32,
    d: &MemberData,
) -> QueryResult<bool> {
    update_at(conn, id, Some(version), d)
}

fn update_at(
    conn: &mut AnyConnection,
    id: i64,
    version: Option<i32>,
    d: &MemberData,
) -> QueryResult<bool> {
    // The branch it leaves and the one it joins.
    let leaves = branch_of(conn, id)?;
    touch_branches(
        conn,
        &leaves.into_iter().chain([d.branch_id]).collect::<Vec<_>>(),
    )?;
    let mut target = diesel::update(m::table.find(id)).into_boxed();
    if let Some(v) = version {
        target = target.filter(m::version.eq(v));
    }
    let n = target
        .set((row(d)?, m::version.eq(m::version + 1)))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn get(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<(Member, String)>> {
    Ok(m::table
        .inner_join(o::table)
        .filter(m::id.eq(id))
        .select((Member::as_select(), o::path))
        .first(conn)
        .optional()?)
}

/// The members with these ids, each with their branch's path, in one query.
pub fn get_many(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<(Member, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(m::table
        .inner_join(o::table)
        .filter(m::id.eq_any(ids))
        .select((Member::as_select(), o::path))
        .load(conn)?)
}

pub fn by_card_numbers(conn: &mut AnyConnection, cards: &[String]) -> QueryResult<Vec<Member>> {
    if cards.is_empty() {
        return Ok(Vec::new());
    }
    Ok(m::table
        .filter(m::card_number.eq_any(cards))
        .select(Member::as_select())
        .load(conn)?)
}

pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    touch_member(conn, id)?;
    Ok(diesel::delete(m::table.find(id)).execute(conn)?)
}

pub fn count_in_branch(conn: &mut AnyConnection, organization_id: i64) -> QueryResult<i64> {
    Ok(m::table
        .filter(
            m::branch_id
                .eq(organization_id)
                .or(m::cell_id.eq(organization_id)),
        )
        .count()
        .get_result(conn)?)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct MemberFilter {
    /// `None`: everything. Otherwise members of branches under one of these paths.
    pub scopes: Option<Vec<String>>,
    /// Only under this organisation path.
    pub under: Option<String>,
    pub only_id: Option<i64>,
    pub status: Option<String>,
    pub category: Option<String>,
    pub exempt: Option<bool>,
    pub attached: Option<bool>,
    pub active: Option<bool>,
    /// Already a search key (see `vietnamese::search_key`).
    pub search: Option<String>,
}

type Backend = <AnyConnection as diesel::Connection>::Backend;
type Boxed<'a> = m::BoxedQuery<'a, Backend>;
type Condition = Box<dyn BoxableExpression<m::table, Backend, SqlType = diesel::sql_types::Bool>>;

/// Members of the branches under any of these paths, as `branch_id IN (SELECT id …)`: the
/// organisations are not joined, so an unscoped list reads one table and a scoped one probes
/// a small set of branch ids. (Written as SQL: diesel's boxed subselects do not cross the
/// multi-connection.)
fn in_branches_under(q: Boxed<'static>, paths: &[String]) -> Boxed<'static> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    let under = |path: &str| -> Condition {
        Box::new(
            sql::<Bool>("members.branch_id IN (SELECT id FROM organizations WHERE path LIKE ")
                .bind::<Text, _>(format!("{path}%"))
                .sql(")"),
        )
    };
    // No path: an impossible one matches nothing.
    let mut cond = under(paths.first().map_or("\u{1}", String::as_str));
    for s in paths.iter().skip(1) {
        cond = Box::new(cond.or(under(s)));
    }
    q.filter(cond)
}

/// The branches a filter's scope and organisation leave, resolved first so that the planner
/// sees the values (a branch's 25 members are read through `members_roster`, never the
/// province through the trigram index); `None`: no scope, or too many branches to bind on
/// SQLite (then the scope is a subselect).
fn branches_of(
    conn: &mut AnyConnection,
    f: &MemberFilter,
    cache: Option<&BranchesCache>,
) -> QueryResult<Option<Vec<i64>>> {
    if f.scopes.is_none() && f.under.is_none() {
        return Ok(None);
    }
    // Keyed by the scope alone: every filter and page of one scope shares its branches.
    let key = f.scope();
    if let Some(ids) = cache.and_then(|c| c.get(&key)) {
        return Ok(ids);
    }
    let generation = crate::generation::current();
    let ids = resolve_branches(conn, f)?;
    if let Some(c) = cache {
        c.put(key, generation, ids.clone());
    }
    Ok(ids)
}

/// The ids of the branches in the filter's scope and organisation (`None`: too many for one
/// SQLite statement, filtered by a subselect instead).
fn resolve_branches(conn: &mut AnyConnection, f: &MemberFilter) -> QueryResult<Option<Vec<i64>>> {
    let mut paths: Vec<&[String]> = Vec::new();
    if let Some(scopes) = &f.scopes {
        paths.push(scopes);
    }
    if let Some(under) = &f.under {
        paths.push(std::slice::from_ref(under));
    }
    let mut out: Option<Vec<i64>> = None;
    for set in paths {
        let mut q = o::table.select(o::id).into_boxed();
        let mut cond: Box<
            dyn BoxableExpression<o::table, Backend, SqlType = diesel::sql_types::Bool>,
        > = Box::new(each_time(o::path.like("\u{1}")));
        for p in set {
            cond = Box::new(cond.or(each_time(o::path.like(format!("{p}%")))));
        }
        q = q.filter(cond);
        let mut ids: Vec<i64> = q.load(conn)?;
        if let Some(before) = out {
            ids.retain(|id| before.contains(id));
        }
        out = Some(ids);
    }
    Ok(out.filter(|ids| {
        matches!(conn, AnyConnection::Postgresql(_)) || ids.len() <= SQLITE_MAX_BRANCHES
    }))
}

/// How many branch ids a SQLite statement binds at most (it binds 32,766 values).
const SQLITE_MAX_BRANCHES: usize = 20_000;

fn filtered(f: &MemberFilter, branches: Option<&[i64]>) -> Boxed<'static> {
    let mut q = m::table.into_boxed();
    if let Some(ids) = branches {
        // On PostgreSQL one array parameter (`= ANY($1)`), planned for its values: a branch's
        // page reads its branch's run of `members_roster`, a district's walks `members_list`
        // in order (crate::planned; a generic plan would pick one for both).
        q = q.filter(each_time(m::branch_id.eq_any(ids.to_vec())));
    } else {
        if let Some(scopes) = &f.scopes {
            q = in_branches_under(q, scopes);
        }
        if let Some(under) = &f.under {
            q = in_branches_under(q, std::slice::from_ref(under));
        }
    }
    if let Some(id) = f.only_id {
        q = q.filter(m::id.eq(id));
    }
    if let Some(s) = &f.status {
        q = q.filter(m::status.eq(s.clone()));
    }
    if let Some(c) = &f.category {
        q = q.filter(m::category.eq(c.clone()));
    }
    if let Some(b) = f.exempt {
        q = q.filter(m::exempt.eq(b));
    }
    if let Some(b) = f.attached {
        q = q.filter(m::attached.eq(b));
    }
    if let Some(b) = f.active {
        q = q.filter(m::active.eq(b));
    }
    if let Some((card, s)) = f.search_pattern() {
        // On PostgreSQL the names through a trigram index.
        let pattern = format!("%{s}%");
        q = if card {
            q.filter(each_time(m::card_number.like(pattern)))
        } else {
            q.filter(each_time(m::search_key.like(pattern)))
        };
    }
    q
}

/// The list's totals, kept for a while per filter (counting a province's 200,000 members for
/// every page is what made the list slow): one cache per database, in the server's state;
/// forgotten at every write (see [`crate::generation`]).
pub type TotalsCache = crate::generation::Cache<MemberFilter, Total>;

/// The branch ids a scope resolves to, kept per scope (a filter holding only `scopes` and
/// `under`): a page then binds them without reading the organisations. A new, renamed, moved
/// or deleted organisation forgets them all; a member written in a branch a scope holds
/// forgets that scope's, as it does its pages.
pub type BranchesCache = crate::generation::Cache<MemberFilter, Option<Vec<i64>>>;

/// A scope's roster (see [`Roster`]), kept per scope like [`BranchesCache`]; `None`: the scope
/// holds more than [`ROSTER_MAX`] members, and its pages are read from the database.
pub type RosterCache = crate::generation::Cache<MemberFilter, Option<Arc<Roster>>>;

/// The caches one member list reads through.
#[derive(Clone, Copy)]
pub struct ListCaches<'a> {
    pub totals: &'a TotalsCache,
    pub branches: &'a BranchesCache,
    pub rosters: &'a RosterCache,
    /// Whether a scope's roster that is not kept is read for the page (`false`: the page is
    /// the database's query, the same rows and total, and the roster is left to be read in its
    /// own turn; issue #18).
    pub load_rosters: bool,
}

/// The most members a scope's roster holds (a district's ten thousand; not a province's).
pub const ROSTER_MAX: usize = 20_000;

/// A value's place in one of the domain's lists (`member::STATUSES`, `member::CATEGORIES`;
/// the columns' CHECK constraints allow no other;
/// `u8::MAX` for one that is not there, which no filter matches).
fn code(values: &[&str], v: &str) -> u8 {
    values
        .iter()
        .position(|x| *x == v)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

/// What the list filters on, for one member of a roster: its search key and card number are
/// slices of the roster's two texts, ending where the entry says.
#[derive(Debug)]
struct RosterEntry {
    id: i64,
    key_end: u32,
    /// Where its card number ends in [`Roster::cards`]; an empty one is none.
    card_end: u32,
    status: u8,
    category: u8,
    exempt: bool,
    attached: bool,
    active: bool,
    /// Whether the member has long-absence years (a page reads them only for such members).
    absent: bool,
}

/// A scope's members in the list's order (Vietnamese order, then id), with what every filter
/// of the list reads (issue #18): a page of a scope is then found in memory — the total exact
/// and every search a substring test on the search keys, as `LIKE '%…%'` makes it — and only
/// its 50 rows are read, by id. One query loads it, in order, for every filter and page of the
/// scope; a write to a member in the scope forgets it (see [`crate::generation`]).
///
/// Three allocations whatever its size: the entries, and all search keys and all card numbers
/// each in one text. A district's 20,000 members as 40,000 small strings were spread over
/// every thread's allocator pages, which then stayed resident for as long as any of them lived.
#[derive(Debug)]
pub struct Roster {
    entries: Vec<RosterEntry>,
    keys: Box<str>,
    cards: Box<str>,
    /// The scope's branches' names, by id: a page's rows are read from `members` alone.
    names: Vec<(i64, Box<str>)>,
}

impl Roster {
    /// What the cache counts for it (bytes).
    pub fn weight(&self) -> u32 {
        let size = 64
            + self.entries.len() * std::mem::size_of::<RosterEntry>()
            + self.keys.len()
            + self.cards.len()
            + self.names.iter().map(|(_, n)| 32 + n.len()).sum::<usize>();
        u32::try_from(size).unwrap_or(u32::MAX)
    }

    /// The name of one of the scope's branches.
    fn branch_name(&self, id: i64) -> Option<&str> {
        self.names
            .binary_search_by_key(&id, |(i, _)| *i)
            .ok()
            .and_then(|i| self.names.get(i))
            .map(|(_, n)| &**n)
    }

    /// The `i`th entry's search key and card number.
    fn texts(&self, i: usize) -> (&str, Option<&str>) {
        let start = |end: fn(&RosterEntry) -> u32| {
            i.checked_sub(1)
                .and_then(|p| self.entries.get(p))
                .map_or(0, |e| end(e) as usize)
        };
        let Some(e) = self.entries.get(i) else {
            return ("", None);
        };
        let key = self
            .keys
            .get(start(|e| e.key_end)..e.key_end as usize)
            .unwrap_or("");
        let card = self
            .cards
            .get(start(|e| e.card_end)..e.card_end as usize)
            .filter(|c| !c.is_empty());
        (key, card)
    }

    /// The ids `f` keeps, in order: how many there are, and those from `offset` on (`limit`),
    /// each with whether it has long-absence years.
    fn window(&self, f: &MemberFilter, offset: usize, limit: usize) -> (usize, Vec<(i64, bool)>) {
        let status = f.status.as_deref().map(|v| code(&member::STATUSES, v));
        let category = f.category.as_deref().map(|v| code(&member::CATEGORIES, v));
        let search = f.search_pattern();
        let keeps = |i: usize, e: &RosterEntry| {
            f.only_id.is_none_or(|id| e.id == id)
                && status.is_none_or(|c| c != u8::MAX && e.status == c)
                && category.is_none_or(|c| c != u8::MAX && e.category == c)
                && f.exempt.is_none_or(|b| e.exempt == b)
                && f.attached.is_none_or(|b| e.attached == b)
                && f.active.is_none_or(|b| e.active == b)
                && search.as_ref().is_none_or(|(card, pattern)| {
                    let (key, card_number) = self.texts(i);
                    if *card {
                        card_number.is_some_and(|c| c.contains(pattern.as_str()))
                    } else {
                        key.contains(pattern.as_str())
                    }
                })
        };
        let mut n = 0;
        let mut ids = Vec::new();
        for (_, e) in self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, e)| keeps(*i, e))
        {
            if n >= offset && ids.len() < limit {
                ids.push((e.id, e.absent));
            }
            n += 1;
        }
        (n, ids)
    }
}

/// The scope's roster, from the cache or loaded in one statement (from its branches
/// `branches`, read after the generation `since`); `None` when the scope holds more than
/// [`ROSTER_MAX`] members.
fn roster_of(
    conn: &mut AnyConnection,
    cache: &RosterCache,
    f: &MemberFilter,
    branches: &[i64],
    since: u64,
) -> QueryResult<Option<Arc<Roster>>> {
    cache
        .get_or_load_since(f.scope(), Some(since), || load_roster(conn, branches))
        .map_err(|e| {
            Arc::try_unwrap(e).unwrap_or_else(|e| match &*e {
                // As it was: a database gone away still answers 503.
                crate::StoreError::Unavailable(s) => crate::StoreError::Unavailable(s.clone()),
                other => crate::StoreError::Query(other.to_string()),
            })
        })
}

/// A roster's row as read: id, search key, card number, status, category, exempt, attached,
/// active, and the sort key it is put in order by.
type RosterRow = (
    i64,
    String,
    Option<String>,
    String,
    String,
    bool,
    bool,
    bool,
    String,
);

/// A scope's roster from the database (`None`: too many members).
///
/// On PostgreSQL in one packed row (see [`packed_roster`]); on SQLite, and where the packed
/// text cannot be read back unambiguously, read branch by branch in the order of
/// `members_roster`, which holds every column read: an index-only scan, without a sort
/// (issue #18: a district's 9,575 members took 20.6 ms in PostgreSQL ordered by the list's
/// order from the table, 4.9 ms so). The branches' runs, each already in the list's order,
/// are then merged here (the sort keys are `COLLATE "C"`: byte order, as Rust compares them).
fn load_roster(conn: &mut AnyConnection, branches: &[i64]) -> QueryResult<Option<Arc<Roster>>> {
    let (packed, mut names, absent) = match conn {
        AnyConnection::Postgresql(pg) => {
            let p = packed_roster(pg, branches)?;
            let n = usize::try_from(p.n).unwrap_or(usize::MAX);
            if n > ROSTER_MAX {
                return Ok(None);
            }
            let names = p.name_ids.into_iter().zip(p.names).collect();
            (unpack(&p.members, n, &p.absent), names, p.absent)
        }
        _ => {
            let mut absent: Vec<i64> = la::table
                .inner_join(m::table)
                .filter(m::branch_id.eq_any(branches))
                .select(la::member_id)
                .load(conn)?;
            absent.sort_unstable();
            (None, names_of(conn, branches)?, absent)
        }
    };
    let built = match packed {
        Some(b) => b,
        None => {
            let mut rows: Vec<RosterRow> = m::table
                .filter(m::branch_id.eq_any(branches))
                .select((
                    m::id,
                    m::search_key,
                    m::card_number,
                    m::status,
                    m::category,
                    m::exempt,
                    m::attached,
                    m::active,
                    m::sort_key,
                ))
                .order((m::branch_id.asc(), m::sort_key.asc(), m::id.asc()))
                .limit(i64::try_from(ROSTER_MAX + 1).unwrap_or(i64::MAX))
                .load(conn)?;
            if rows.len() > ROSTER_MAX {
                return Ok(None);
            }
            // A stable sort finds the runs and merges them.
            rows.sort_by(|a, b| a.8.cmp(&b.8).then(a.0.cmp(&b.0)));
            RosterBuilder::of_rows(&rows, &absent)
        }
    };
    names.sort_unstable_by_key(|(id, _)| *id);
    Ok(Some(Arc::new(built.finish(names))))
}

/// A roster as PostgreSQL packs it (see [`packed_roster`]).
#[derive(QueryableByName)]
struct PackedRoster {
    /// How many members (at most [`ROSTER_MAX`] + 1: more are not counted).
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    members: String,
    /// The branches' ids and names, in the same order.
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::BigInt>)]
    name_ids: Vec<i64>,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    names: Vec<String>,
    /// The members with long-absence years, in order.
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::BigInt>)]
    absent: Vec<i64>,
}

/// The roster of the branches `branches` in one statement and one row (issue #18): its
/// members as one text in the list's order, the branches' names and who has long absences.
///
/// Read as rows, a district's 9,575 members cost the server more than PostgreSQL did — a
/// value and a string per column and row through libpq and diesel (`perf`: allocation, page
/// faults and copies), then their merge — where one text is split in place, for about 6 ms
/// more of PostgreSQL (11.4 ms against 4.9 in psql: the sort and the text). A district's
/// first page alone on an idle server: 20–29 ms packed against 25–36 ms as rows; and every
/// roster is one statement instead of four. Each member is `id`, search key, card number
/// (empty: none), status, category and the three flags as `0`/`1`, separated by U+001F, the
/// members by U+001E. Neither separator is in a search key (letters, digits and spaces); a
/// card number holding one (the API refuses such, a row written otherwise might) changes the
/// count of members or of fields, and [`unpack`] refuses the text: the rows are read instead.
fn packed_roster(pg: &mut diesel::PgConnection, branches: &[i64]) -> QueryResult<PackedRoster> {
    use diesel::sql_types::{Array, BigInt};
    Ok(diesel::sql_query(
        "SELECT count(*) AS n, coalesce(string_agg(concat_ws(E'\\x1f', id, search_key, \
                coalesce(card_number, ''), status, category, exempt::int, attached::int, \
                active::int), E'\\x1e' ORDER BY sort_key, id), '') AS members, \
                ARRAY(SELECT o.id FROM organizations o WHERE o.id = ANY($1) ORDER BY o.id) \
                  AS name_ids, \
                ARRAY(SELECT o.name FROM organizations o WHERE o.id = ANY($1) ORDER BY o.id) \
                  AS names, \
                ARRAY(SELECT DISTINCT la.member_id FROM member_long_absences la \
                      JOIN members a ON a.id = la.member_id \
                      WHERE a.branch_id = ANY($1) ORDER BY 1) AS absent \
         FROM (SELECT id, search_key, card_number, status, category, exempt, attached, \
                      active, sort_key \
               FROM members WHERE branch_id = ANY($1) LIMIT $2) scope",
    )
    .bind::<Array<BigInt>, _>(branches)
    .bind::<BigInt, _>(i64::try_from(ROSTER_MAX + 1).unwrap_or(i64::MAX))
    .get_result(pg)?)
}

/// The `n` members of a packed roster (see [`packed_roster`]); `None` unless there are
/// exactly `n`, each of exactly its eight fields, each readable.
fn unpack(text: &str, n: usize, absent: &[i64]) -> Option<RosterBuilder> {
    let mut b = RosterBuilder::with_capacity(n, text.len(), text.len());
    if n == 0 {
        return text.is_empty().then_some(b);
    }
    let flag = |s: &str| match s {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    };
    for member in text.split('\u{1e}') {
        let mut f = member.split('\u{1f}');
        let mut next = || f.next();
        let (id, key, card, status, category) = (next()?, next()?, next()?, next()?, next()?);
        let flags = [flag(next()?)?, flag(next()?)?, flag(next()?)?];
        if next().is_some() {
            return None;
        }
        let card = Some(card).filter(|c| !c.is_empty());
        b.push(id.parse().ok()?, key, card, status, category, flags, absent);
    }
    (b.entries.len() == n).then_some(b)
}

/// A roster being built, its members pushed in the list's order.
struct RosterBuilder {
    entries: Vec<RosterEntry>,
    keys: String,
    cards: String,
}

impl RosterBuilder {
    fn with_capacity(members: usize, keys: usize, cards: usize) -> RosterBuilder {
        RosterBuilder {
            entries: Vec::with_capacity(members),
            keys: String::with_capacity(keys),
            cards: String::with_capacity(cards),
        }
    }

    /// The rows, in their order.
    fn of_rows(rows: &[RosterRow], absent: &[i64]) -> RosterBuilder {
        let mut b = RosterBuilder::with_capacity(
            rows.len(),
            rows.iter().map(|r| r.1.len()).sum(),
            rows.iter()
                .map(|r| r.2.as_ref().map_or(0, String::len))
                .sum(),
        );
        for (id, key, card, status, category, exempt, attached, active, _) in rows {
            b.push(
                *id,
                key,
                card.as_deref(),
                status,
                category,
                [*exempt, *attached, *active],
                absent,
            );
        }
        b
    }

    /// The next member: id, search key, card number, status, category, the flags
    /// (exempt, attached, active); `absent` the (sorted) ids of the members with
    /// long-absence years.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        id: i64,
        key: &str,
        card: Option<&str>,
        status: &str,
        category: &str,
        [exempt, attached, active]: [bool; 3],
        absent: &[i64],
    ) {
        let end = |s: &String| u32::try_from(s.len()).unwrap_or(u32::MAX);
        self.keys.push_str(key);
        self.cards.push_str(card.unwrap_or(""));
        self.entries.push(RosterEntry {
            id,
            key_end: end(&self.keys),
            card_end: end(&self.cards),
            status: code(&member::STATUSES, status),
            category: code(&member::CATEGORIES, category),
            exempt,
            attached,
            active,
            absent: absent.binary_search(&id).is_ok(),
        });
    }

    /// The roster, with `names` of the branches by id.
    fn finish(self, names: Vec<(i64, String)>) -> Roster {
        Roster {
            entries: self.entries,
            keys: self.keys.into_boxed_str(),
            cards: self.cards.into_boxed_str(),
            names: names
                .into_iter()
                .map(|(id, n)| (id, n.into_boxed_str()))
                .collect(),
        }
    }
}

impl Scoped for MemberFilter {
    /// A write to members of a branch changes the answers of the filters whose scope and
    /// organisation hold the branch.
    fn touched_by(&self, t: &Touched) -> bool {
        match t {
            Touched::Members(paths) => paths.iter().any(|p| {
                self.scopes
                    .as_ref()
                    .is_none_or(|scopes| scopes.iter().any(|s| p.starts_with(s.as_str())))
                    && self
                        .under
                        .as_ref()
                        .is_none_or(|u| p.starts_with(u.as_str()))
            }),
            Touched::Everything => true,
            Touched::User(_) | Touched::Family(_) | Touched::ServiceAccount(_) => false,
        }
    }
}

impl MemberFilter {
    /// Its scope alone (the scopes and the organisation, no other filter): what the caches
    /// kept per scope are keyed by.
    pub fn scope(&self) -> MemberFilter {
        MemberFilter {
            scopes: self.scopes.clone(),
            under: self.under.clone(),
            ..MemberFilter::default()
        }
    }

    /// What a search looks for, the same in the database's `LIKE '%…%'` and in a roster:
    /// whether it is in the card numbers (a name has no digits, a card number nothing else),
    /// and the text without `LIKE`'s own special characters.
    fn search_pattern(&self) -> Option<(bool, String)> {
        let s = self.search.as_deref().filter(|s| !s.is_empty())?;
        Some((
            s.chars().any(|c| c.is_ascii_digit()),
            s.replace(['%', '_', '\\'], ""),
        ))
    }

    /// What the cache counts for a filter kept as a key (bytes, roughly).
    pub fn weight(&self) -> u32 {
        let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        let scopes: usize = self.scopes.iter().flatten().map(|s| s.len() + 24).sum();
        u32::try_from(
            160 + scopes
                + text(&self.under)
                + text(&self.status)
                + text(&self.category)
                + text(&self.search),
        )
        .unwrap_or(u32::MAX)
    }
}

/// How long a cached total or page of the member list is used at most: a write on this
/// instance forgets them at once; this is how late another instance's write may show.
pub const LIST_TTL: Duration = Duration::from_secs(30);

/// Totals are counted exactly up to this many members; past it a page says "more than"
/// (issue #18: a page never pays for counting a province).
pub const COUNT_BOUND: i64 = 10_000;

/// The most branches a scope may hold for its total to be counted with the ordered ids (a
/// base's branches; a district's are counted without order).
const ORDERED_COUNT_BRANCHES: usize = 64;

/// How many match, and whether that is exact (else at least that many).
pub type Total = (i64, bool);

/// How many match, exactly up to [`COUNT_BOUND`] (then the bound and `false`), and, where
/// counting found them, the page's ids (`limit` from `offset`, in the list's order); cached a
/// few seconds, see [`TotalsCache`] (then no ids: the page reads its own).
///
/// Counted in one statement (issue #18: a district's page that is the database's query, in
/// the mix's first second, was three statements each reading the district: a probe past the
/// bound, the count, the page):
/// - a small scope without a search (a branch's, a base's): the first `COUNT_BOUND + 1`
///   matching ids in the list's order, which count and hold every page within the bound;
/// - with a search: the matches, at most `COUNT_BOUND + 1` in no order, counted and the page
///   taken from them in order (see [`Counted`]); past the bound the page is read in order,
///   and a page past the last match (no row to carry the count) counts them again;
/// - otherwise (a district's or a province's list) the matches counted up to the bound (see
///   [`Counted`]), and the page read along `members_list` in order, which finds the first
///   pages of a district without reading it (psql on 200,000 members, a district's 9,575:
///   the page along the index 0.4 ms against 3 ms sorted from the matches; with `%le%` the
///   matches counted and sorted 1.9–3.4 ms against 3.2–6.3 ms for the count and the page).
fn count_and_page(
    conn: &mut AnyConnection,
    cache: &TotalsCache,
    f: &MemberFilter,
    branches: Option<&[i64]>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Total, Option<Vec<i64>>)> {
    if let Some(n) = cache.get(f) {
        return Ok((n, None));
    }
    // Read before counting: a write during the count keeps the total out of the cache.
    let generation = crate::generation::current();
    let bounded = |n: i64| match n {
        n if n > COUNT_BOUND => (COUNT_BOUND, false),
        n => (n, true),
    };
    // The ordered ids pay only in a small scope without a search: with a search, or across a
    // district, ordering every match before counting cost 2 to 7 times the count alone (psql
    // on 200,000 members: a district's '%le%' 17–41 ms ordered, 9 ms not).
    let ordered = f.search.is_none() && branches.is_some_and(|b| b.len() <= ORDERED_COUNT_BRANCHES);
    let matched = || {
        filtered(f, branches)
            .select((m::id, m::sort_key))
            .limit(COUNT_BOUND + 1)
    };
    let (n, page) = if ordered {
        let ids: Vec<i64> = filtered(f, branches)
            .select(m::id)
            .order((m::sort_key.asc(), m::id.asc()))
            .limit(COUNT_BOUND + 1)
            .load(conn)?;
        let n = bounded(i64::try_from(ids.len()).unwrap_or(i64::MAX));
        (n, window(&ids, limit, offset))
    } else if f.search.is_some() {
        let rows: Vec<(i64, i64)> = Counted::page(matched(), limit, offset).load(conn)?;
        match rows.first() {
            Some(&(_, n)) => {
                let page = (n <= COUNT_BOUND).then(|| rows.iter().map(|r| r.0).collect());
                (bounded(n), page)
            }
            // No match, or a page past the last: then how many there are.
            None => {
                let n: i64 = Counted::count(matched()).get_result(conn)?;
                // Past the bound, a page past the first 10,001 matches is read in order.
                (bounded(n), (n <= COUNT_BOUND).then(Vec::new))
            }
        }
    } else {
        (bounded(Counted::count(matched()).get_result(conn)?), None)
    };
    cache.put(f.clone(), generation, n);
    Ok((n, page))
}

/// The page `limit` from `offset` of the first matches `ids` (in the list's order, at most
/// `COUNT_BOUND + 1` of them), if they hold it (past the last match: empty).
fn window(ids: &[i64], limit: i64, offset: i64) -> Option<Vec<i64>> {
    let start = usize::try_from(offset).ok()?;
    let end = start.checked_add(usize::try_from(limit).ok()?)?;
    (end <= ids.len() || ids.len() as i64 <= COUNT_BOUND).then(|| {
        ids.get(start.min(ids.len())..end.min(ids.len()))
            .unwrap_or_default()
            .to_vec()
    })
}

/// A statement over a filter's first matches `matched` (id and sort key, at most
/// `COUNT_BOUND + 1`, in no order), written as one (diesel's boxed queries do not nest as
/// subselects across the multi-connection): their count, or a page of them in the list's
/// order, each row with their count (`count(*) OVER ()`, computed before the page is cut).
/// The matches' statement is planned as [`filtered`] marks it (crate::planned).
struct Counted<Q> {
    matched: Q,
    /// `None`: the count alone; else limit and offset.
    page: Option<(i64, i64)>,
}

impl<Q> Counted<Q> {
    fn count(matched: Q) -> Counted<Q> {
        Counted {
            matched,
            page: None,
        }
    }

    fn page(matched: Q, limit: i64, offset: i64) -> Paged<Q> {
        Paged(Counted {
            matched,
            page: Some((limit, offset)),
        })
    }
}

/// [`Counted`]'s page: rows of (id, count).
struct Paged<Q>(Counted<Q>);

impl<Q> diesel::query_builder::QueryId for Counted<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> diesel::query_builder::QueryId for Paged<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> diesel::query_builder::Query for Counted<Q> {
    type SqlType = diesel::sql_types::BigInt;
}

impl<Q> diesel::query_builder::Query for Paged<Q> {
    type SqlType = (diesel::sql_types::BigInt, diesel::sql_types::BigInt);
}

impl<Q, C> RunQueryDsl<C> for Counted<Q> {}

impl<Q, C> RunQueryDsl<C> for Paged<Q> {}

impl<Q, DB> diesel::query_builder::QueryFragment<DB> for Paged<Q>
where
    DB: diesel::backend::Backend,
    Counted<Q>: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        self.0.walk_ast(pass)
    }
}

impl<Q, DB> diesel::query_builder::QueryFragment<DB> for Counted<Q>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
    i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        use diesel::sql_types::BigInt;
        match &self.page {
            None => {
                pass.push_sql("SELECT count(*) FROM (");
                self.matched.walk_ast(pass.reborrow())?;
                pass.push_sql(") matched");
            }
            Some((limit, offset)) => {
                pass.push_sql("SELECT id, count(*) OVER () FROM (");
                self.matched.walk_ast(pass.reborrow())?;
                pass.push_sql(") matched ORDER BY sort_key, id LIMIT ");
                pass.push_bind_param::<BigInt, _>(limit)?;
                pass.push_sql(" OFFSET ");
                pass.push_bind_param::<BigInt, _>(offset)?;
            }
        }
        Ok(())
    }
}

/// The names of the organisations `ids`: (id, name).
fn names_of(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    Ok(o::table
        .filter(o::id.eq_any(ids))
        .select((o::id, o::name))
        .load(conn)?)
}

/// Each member with their branch's name (one query for the page's branches).
fn with_branch_names(
    conn: &mut AnyConnection,
    rows: Vec<Member>,
) -> QueryResult<Vec<(Member, String)>> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.branch_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, String> = names_of(conn, &ids)?.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = names.get(&r.branch_id).cloned().unwrap_or_default();
            (r, name)
        })
        .collect())
}

/// A member of a page of the list.
#[derive(Debug)]
pub struct Listed {
    pub member: Member,
    /// Their branch's name.
    pub branch: String,
    /// Their long-absence years, in order.
    pub absences: Vec<i32>,
}

/// A page in Vietnamese order, with the total, each member's branch name and long absences.
pub fn list(
    conn: &mut AnyConnection,
    caches: ListCaches<'_>,
    f: &MemberFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Listed>, Total)> {
    // Before the branch ids are read (or found kept): a roster read from them is kept only if
    // no write touched the scope since, as in `load_roster_for`.
    let since = crate::generation::current();
    let branches = branches_of(conn, f, Some(caches.branches))?;
    if let Some(roster) = match branches.as_deref() {
        Some(ids) if caches.load_rosters => roster_of(conn, caches.rosters, f, ids, since)?,
        Some(_) => caches.rosters.get(&f.scope()).flatten(),
        None => None,
    } {
        let (n, ids) = roster.window(
            f,
            usize::try_from(offset).unwrap_or(usize::MAX),
            usize::try_from(limit).unwrap_or(0),
        );
        // Bounded as the database's count is, so that a scope's total reads the same either way.
        let total = match i64::try_from(n).unwrap_or(i64::MAX) {
            n if n > COUNT_BOUND => (COUNT_BOUND, false),
            n => (n, true),
        };
        // Two statements at most, one most often (issue #18): the rows from `members` alone,
        // the names from the roster, and the long absences only of those who have some.
        let absent: Vec<i64> = ids.iter().filter(|(_, a)| *a).map(|(id, _)| *id).collect();
        let ids: Vec<i64> = ids.into_iter().map(|(id, _)| id).collect();
        return Ok((listed(conn, &ids, &absent, Some(&roster))?, total));
    }
    let (total, page) = count_and_page(conn, caches.totals, f, branches.as_deref(), limit, offset)?;
    let ids: Vec<i64> = match page {
        Some(ids) => ids,
        // The page's ids alone: on PostgreSQL an index-only scan of `members_list` (every
        // filtered column is in it), so skipping `offset` rows reads no table pages.
        None => filtered(f, branches.as_deref())
            .select(m::id)
            .order((m::sort_key.asc(), m::id.asc()))
            .limit(limit)
            .offset(offset)
            .load(conn)?,
    };
    Ok((listed(conn, &ids, &ids, None)?, total))
}

/// The page's members `ids`, in that order, with their branch's name (from `roster` when the
/// page came from one) and the long absences of those among `absent`.
fn listed(
    conn: &mut AnyConnection,
    ids: &[i64],
    absent: &[i64],
    roster: Option<&Roster>,
) -> QueryResult<Vec<Listed>> {
    let rows = rows_of(conn, ids)?;
    let rows = match roster {
        Some(r) => rows
            .into_iter()
            .map(|m| {
                let name = r.branch_name(m.branch_id).unwrap_or_default().to_owned();
                (m, name)
            })
            .collect(),
        None => with_branch_names(conn, rows)?,
    };
    let mut absences = long_absences_for(conn, absent)?;
    Ok(rows
        .into_iter()
        .map(|(member, branch)| Listed {
            absences: absences.remove(&member.id).unwrap_or_default(),
            member,
            branch,
        })
        .collect())
}

/// The branches of the filter's scope (`None`: unscoped, no roster), for
/// [`load_roster_for`] (issue #18). A page whose
/// roster is missing reads it first, in its own turn and without a page's turn: a district's
/// roster (9,575 members) takes tens of milliseconds while the cores are busy, and ten
/// districts' first pages each holding a turn stalled every other page behind them. How many
/// branches the scope holds tells a large roster from a small one before it is read.
pub fn roster_branches(
    conn: &mut AnyConnection,
    cache: &BranchesCache,
    f: &MemberFilter,
) -> QueryResult<Option<Vec<i64>>> {
    branches_of(conn, f, Some(cache))
}

/// Reads the scope's roster (its branches `ids`, from [`roster_branches`] after the generation
/// `since`, see [`crate::generation::current`]) into its cache, without reading a page; not
/// kept if a write touched the scope from `since` on (its branches may have changed).
pub fn load_roster_for(
    conn: &mut AnyConnection,
    cache: &RosterCache,
    f: &MemberFilter,
    ids: &[i64],
    since: u64,
) -> QueryResult<()> {
    roster_of(conn, cache, f, ids, since)?;
    Ok(())
}

/// The page's rows, in the order of `ids` (the list's).
///
/// Read from `members` alone, without an order (issue #18): joined with the organisations
/// and ordered, PostgreSQL planned the statement anew for every page (the ids vary, so it
/// kept custom plans: 0.2 ms of planning against 0.07 for this one, then 0.29 ms of
/// execution against 0.13, on 200,000 members). The ids come in the list's order already.
fn rows_of(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<Member>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<Member> = m::table
        .filter(m::id.eq_any(ids))
        .select(Member::as_select())
        .load(conn)?;
    let place: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|r| place.get(&r.id).copied().unwrap_or(usize::MAX));
    Ok(rows)
}

/// The next `limit` members in Vietnamese order after `after` (a member's sort key and id;
/// `None`: from the start): keyset pagination, as fast for the last page as for the first.
pub fn list_after(
    conn: &mut AnyConnection,
    f: &MemberFilter,
    after: Option<(&str, i64)>,
    limit: i64,
) -> QueryResult<Vec<(Member, String)>> {
    let branches = branches_of(conn, f, None)?;
    let mut q = filtered(f, branches.as_deref());
    if let Some((key, id)) = after {
        q = q.filter(
            m::sort_key
                .gt(key.to_owned())
                .or(m::sort_key.eq(key.to_owned()).and(m::id.gt(id))),
        );
    }
    let rows = q
        .select(Member::as_select())
        .order((m::sort_key.asc(), m::id.asc()))
        .limit(limit)
        .load(conn)?;
    with_branch_names(conn, rows)
}

pub fn long_absences(conn: &mut AnyConnection, member_id: i64) -> QueryResult<Vec<i32>> {
    Ok(la::table
        .filter(la::member_id.eq(member_id))
        .select(la::year)
        .order(la::year.asc())
        .load(conn)?)
}

/// A discipline decision on a member (M10 reads it).
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Discipline {
    pub id: i64,
    pub member_id: i64,
    pub form: String,
    pub issuing_body: String,
    pub decided_on: NaiveDate,
    pub term_ends_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A discipline decision to record.
pub struct NewDiscipline<'a> {
    pub form: &'a str,
    pub issuing_body: &'a str,
    pub decided_on: NaiveDate,
    pub term_ends_on: Option<NaiveDate>,
    pub note: Option<&'a str>,
}

/// The member's discipline decisions, the latest first.
pub fn disciplines(conn: &mut AnyConnection, member_id: i64) -> QueryResult<Vec<Discipline>> {
    use crate::schema::disciplines as dsc;
    Ok(dsc::table
        .filter(dsc::member_id.eq(member_id))
        .select((
            dsc::id,
            dsc::member_id,
            dsc::form,
            dsc::issuing_body,
            dsc::decided_on,
            dsc::term_ends_on,
            dsc::note,
        ))
        .order(dsc::decided_on.desc())
        .load(conn)?)
}

pub fn add_discipline(
    conn: &mut AnyConnection,
    member_id: i64,
    d: &NewDiscipline<'_>,
) -> QueryResult<()> {
    use crate::schema::disciplines as dsc;
    diesel::insert_into(dsc::table)
        .values((
            dsc::member_id.eq(member_id),
            dsc::form.eq(d.form),
            dsc::issuing_body.eq(d.issuing_body),
            dsc::decided_on.eq(d.decided_on),
            dsc::term_ends_on.eq(d.term_ends_on),
            dsc::note.eq(d.note),
            dsc::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes one of the member's discipline records; how many rows went (0 or 1).
pub fn remove_discipline(
    conn: &mut AnyConnection,
    member_id: i64,
    discipline_id: i64,
) -> QueryResult<usize> {
    use crate::schema::disciplines as dsc;
    Ok(diesel::delete(
        dsc::table
            .filter(dsc::id.eq(discipline_id))
            .filter(dsc::member_id.eq(member_id)),
    )
    .execute(conn)?)
}

/// A suspension from party activities (S3).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::member_suspensions)]
pub struct Suspension {
    pub id: i64,
    pub member_id: i64,
    pub issuing_body: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

/// The member's suspensions, the latest first.
pub fn suspensions(conn: &mut AnyConnection, member_id: i64) -> QueryResult<Vec<Suspension>> {
    use crate::schema::member_suspensions as s;
    Ok(s::table
        .filter(s::member_id.eq(member_id))
        .order((s::starts_on.desc(), s::id.desc()))
        .select(Suspension::as_select())
        .load(conn)?)
}

pub fn add_suspension(
    conn: &mut AnyConnection,
    member_id: i64,
    issuing_body: &str,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    note: Option<&str>,
) -> QueryResult<()> {
    use crate::schema::member_suspensions as s;
    diesel::insert_into(s::table)
        .values((
            s::member_id.eq(member_id),
            s::issuing_body.eq(issuing_body),
            s::starts_on.eq(starts_on),
            s::ends_on.eq(ends_on),
            s::note.eq(note),
            s::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes one of the member's suspensions; how many rows went (0 or 1).
pub fn remove_suspension(
    conn: &mut AnyConnection,
    member_id: i64,
    suspension_id: i64,
) -> QueryResult<usize> {
    use crate::schema::member_suspensions as s;
    Ok(diesel::delete(
        s::table
            .filter(s::id.eq(suspension_id))
            .filter(s::member_id.eq(member_id)),
    )
    .execute(conn)?)
}

/// Which of these members are suspended on `day` (S3).
pub fn suspended_on(
    conn: &mut AnyConnection,
    member_ids: &[i64],
    day: NaiveDate,
) -> QueryResult<std::collections::HashSet<i64>> {
    use crate::schema::member_suspensions as s;
    let mut out = std::collections::HashSet::new();
    for chunk in member_ids.chunks(500) {
        out.extend(
            s::table
                .filter(s::member_id.eq_any(chunk))
                .filter(s::starts_on.le(day))
                .filter(s::ends_on.is_null().or(s::ends_on.ge(day)))
                .select(s::member_id)
                .load::<i64>(conn)?,
        );
    }
    Ok(out)
}

/// The member's discipline decisions: (decided on, term ends on), for M10.
pub fn discipline_terms(
    conn: &mut AnyConnection,
    member_id: i64,
) -> QueryResult<Vec<(NaiveDate, Option<NaiveDate>)>> {
    use crate::schema::disciplines as dsc;
    Ok(dsc::table
        .filter(dsc::member_id.eq(member_id))
        .select((dsc::decided_on, dsc::term_ends_on))
        .load(conn)?)
}

pub fn set_long_absences(
    conn: &mut AnyConnection,
    member_id: i64,
    years: &[i32],
) -> QueryResult<()> {
    touch_member(conn, member_id)?;
    diesel::delete(la::table.filter(la::member_id.eq(member_id))).execute(conn)?;
    for year in years {
        diesel::insert_into(la::table)
            .values((la::member_id.eq(member_id), la::year.eq(year)))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::member_history)]
pub struct HistoryEntry {
    pub id: i64,
    pub member_id: i64,
    pub year: i32,
    pub level: String,
    pub organization_name: String,
    pub source: String,
    pub created_at: NaiveDateTime,
}

pub fn history(conn: &mut AnyConnection, member_id: i64) -> QueryResult<Vec<HistoryEntry>> {
    Ok(h::table
        .filter(h::member_id.eq(member_id))
        .select(HistoryEntry::as_select())
        .order(h::year.desc())
        .load(conn)?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Created,
    Updated,
    Unchanged,
}

/// Records a year's result.
pub fn upsert_history(
    conn: &mut AnyConnection,
    member_id: i64,
    year: i32,
    level: &str,
    organization_name: &str,
    source: &str,
) -> QueryResult<Upsert> {
    let existing: Option<HistoryEntry> = h::table
        .filter(h::member_id.eq(member_id))
        .filter(h::year.eq(year))
        .select(HistoryEntry::as_select())
        .first(conn)
        .optional()?;
    match existing {
        Some(e) if e.level == level && e.organization_name == organization_name => {
            Ok(Upsert::Unchanged)
        }
        Some(e) => {
            diesel::update(h::table.find(e.id))
                .set((
                    h::level.eq(level),
                    h::organization_name.eq(organization_name),
                    h::source.eq(source),
                ))
                .execute(conn)?;
            Ok(Upsert::Updated)
        }
        None => {
            diesel::insert_into(h::table)
                .values((
                    h::member_id.eq(member_id),
                    h::year.eq(year),
                    h::level.eq(level),
                    h::organization_name.eq(organization_name),
                    h::source.eq(source),
                    h::created_at.eq(now()),
                ))
                .execute(conn)?;
            Ok(Upsert::Created)
        }
    }
}

/// The first year whose result comes from the system itself (W1, issue #13): the earliest
/// review cycle of an organisation above the member's branch (at `branch_path`), or of a
/// result of the member's. Years from then on are never typed by hand.
pub fn first_system_year(
    conn: &mut AnyConnection,
    member_id: i64,
    branch_path: &str,
) -> QueryResult<Option<i32>> {
    use crate::schema::{classification_results as cr, review_cycles as rc};
    use chrono::Datelike;
    let ancestors = crate::organizations::path_ids(branch_path);
    let of_branch: Option<NaiveDate> = rc::table
        .filter(rc::organization_id.eq_any(ancestors))
        .select(diesel::dsl::min(rc::reference_date))
        .first(conn)?;
    let of_member: Option<NaiveDate> = cr::table
        .inner_join(rc::table.on(rc::id.eq(cr::cycle_id)))
        .filter(cr::member_id.eq(member_id))
        .select(diesel::dsl::min(rc::reference_date))
        .first(conn)?;
    Ok([of_branch, of_member]
        .into_iter()
        .flatten()
        .map(|d| d.year())
        .min())
}

pub fn has_history(conn: &mut AnyConnection, member_id: i64) -> QueryResult<bool> {
    Ok(h::table
        .filter(h::member_id.eq(member_id))
        .select(h::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// The long-absence years of several members at once.
/// The long-absence years of several members at once, each member's in order (members
/// without any are not in the map).
pub fn long_absences_for(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<i32>>> {
    let mut years: HashMap<i64, Vec<i32>> = HashMap::new();
    if ids.is_empty() {
        return Ok(years);
    }
    let rows: Vec<(i64, i32)> = la::table
        .filter(la::member_id.eq_any(ids))
        .select((la::member_id, la::year))
        .order((la::member_id.asc(), la::year.asc()))
        .load(conn)?;
    for (id, year) in rows {
        years.entry(id).or_default().push(year);
    }
    Ok(years)
}

/// Branch paths of several members at once.
pub fn branch_paths(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(m::table
        .inner_join(o::table)
        .filter(m::id.eq_any(ids))
        .select((m::id, o::path))
        .load(conn)?)
}

/// Active members under a path: (id, branch id, category), for counting.
pub fn roster(conn: &mut AnyConnection, under: &str) -> QueryResult<Vec<(i64, i64, String)>> {
    Ok(m::table
        .inner_join(o::table)
        .filter(each_time(o::path.like(format!("{under}%"))))
        .filter(m::active.eq(true))
        .select((m::id, m::branch_id, m::category))
        .load(conn)?)
}

/// The registered members under a path (active, not attached from another branch: M5, issue
/// #13), as `roster` gives them: what the board and the statistics count.
pub fn registered(conn: &mut AnyConnection, under: &str) -> QueryResult<Vec<(i64, i64, String)>> {
    Ok(m::table
        .inner_join(o::table)
        .filter(each_time(o::path.like(format!("{under}%"))))
        .filter(m::active.eq(true))
        .filter(m::attached.eq(false))
        .select((m::id, m::branch_id, m::category))
        .load(conn)?)
}

/// Active members under a path with their branch's path, in Vietnamese order (the stored sort
/// key), for documents that list them.
pub fn under(conn: &mut AnyConnection, path: &str) -> QueryResult<Vec<(Member, String)>> {
    Ok(m::table
        .inner_join(o::table)
        .filter(each_time(o::path.like(format!("{path}%"))))
        .filter(m::active.eq(true))
        .order((m::sort_key.asc(), m::id.asc()))
        .select((Member::as_select(), o::path))
        .load(conn)?)
}

/// Many history rows in one statement (the synthetic province): (member, year, level,
/// organisation name), source `imported`.
pub fn insert_history_many(
    conn: &mut AnyConnection,
    rows: &[(i64, i32, &str, &str)],
) -> QueryResult<usize> {
    let at = now();
    let values: Vec<_> = rows
        .iter()
        .map(|(member, year, level, org)| {
            (
                h::member_id.eq(*member),
                h::year.eq(*year),
                h::level.eq(*level),
                h::organization_name.eq(*org),
                h::source.eq("imported"),
                h::created_at.eq(at),
            )
        })
        .collect();
    match conn {
        AnyConnection::Sqlite(c) => Ok(diesel::insert_into(h::table).values(&values).execute(c)?),
        AnyConnection::Postgresql(c) => {
            Ok(diesel::insert_into(h::table).values(&values).execute(c)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, key: &str, card: Option<&str>, active: bool) -> RosterRow {
        (
            id,
            key.to_owned(),
            card.map(str::to_owned),
            member::STATUSES[0].to_owned(),
            member::CATEGORIES[0].to_owned(),
            false,
            false,
            active,
            key.to_owned(),
        )
    }

    impl Roster {
        fn from_rows(rows: Vec<RosterRow>, names: Vec<(i64, String)>, absent: &[i64]) -> Roster {
            RosterBuilder::of_rows(&rows, absent).finish(names)
        }
    }

    fn search(s: &str) -> MemberFilter {
        MemberFilter {
            search: Some(s.to_owned()),
            ..MemberFilter::default()
        }
    }

    /// Each member's search key and card number are read back from the roster's two texts as
    /// they were, whoever has no card: a search finds exactly the members whose own key or
    /// card holds it, never one made of the end of a neighbour's and the start of the next's.
    #[test]
    fn a_roster_finds_each_members_own_key_and_card() {
        let roster = Roster::from_rows(
            vec![
                row(1, "an nguyen van", Some("093001"), true),
                row(2, "binh tran thi", None, true),
                row(3, "chi le", Some("093002"), false),
                row(4, "dung pham", None, true),
            ],
            Vec::new(),
            &[],
        );
        let ids = |f: &MemberFilter| {
            let (n, ids) = roster.window(f, 0, 50);
            (n, ids.into_iter().map(|(id, _)| id).collect::<Vec<_>>())
        };
        assert_eq!(ids(&MemberFilter::default()), (4, vec![1, 2, 3, 4]));
        assert_eq!(ids(&search("tran")), (1, vec![2]));
        assert_eq!(ids(&search("le")), (1, vec![3]));
        assert_eq!(ids(&search("093002")), (1, vec![3]));
        assert_eq!(ids(&search("0930")), (2, vec![1, 3]));
        // Across a boundary: "...van" + "binh..." and "...001" + "093..." are nobody's.
        assert_eq!(ids(&search("vanbinh")), (0, vec![]));
        assert_eq!(ids(&search("001093")), (0, vec![]));
        assert_eq!(ids(&search("thichi")), (0, vec![]));
        let active = MemberFilter {
            active: Some(true),
            ..search("n")
        };
        assert_eq!(ids(&active), (3, vec![1, 2, 4]));
        // Paging: the total counts all, the window starts at the offset.
        assert_eq!(
            roster.window(&MemberFilter::default(), 1, 2),
            (4, vec![(2, false), (3, false)])
        );
        assert_eq!(
            Roster::from_rows(Vec::new(), Vec::new(), &[]).window(&search("a"), 0, 50),
            (0, vec![])
        );
    }

    /// A packed roster (PostgreSQL's one text) reads back as the same roster as its rows;
    /// any text that does not hold exactly the members counted, each of its eight readable
    /// fields, is refused (then the rows are read): a card number holding a separator can
    /// neither shift a field nor add a member.
    #[test]
    fn a_packed_roster_reads_back_as_its_rows_or_not_at_all() {
        let rows = vec![
            row(1, "an nguyen van", Some("093001"), true),
            row(2, "binh tran thi", None, false),
            row(3, "chi le", Some("093002"), true),
        ];
        let packed = |r: &RosterRow| {
            let b = |v: bool| if v { "1" } else { "0" };
            [
                r.0.to_string(),
                r.1.clone(),
                r.2.clone().unwrap_or_default(),
                r.3.clone(),
                r.4.clone(),
                b(r.5).into(),
                b(r.6).into(),
                b(r.7).into(),
            ]
            .join("\u{1f}")
        };
        let text = rows.iter().map(packed).collect::<Vec<_>>().join("\u{1e}");
        let all = MemberFilter::default();
        let want = Roster::from_rows(rows.clone(), Vec::new(), &[2]);
        let got = unpack(&text, 3, &[2]).expect("readable").finish(Vec::new());
        for f in [&all, &search("093"), &search("tran"), &search("vanbinh")] {
            assert_eq!(got.window(f, 0, 50), want.window(f, 0, 50), "{f:?}");
        }
        let active = MemberFilter {
            active: Some(false),
            ..all.clone()
        };
        assert_eq!(got.window(&active, 0, 50), (1, vec![(2, true)]));
        assert_eq!(
            (0..3).map(|i| got.texts(i)).collect::<Vec<_>>(),
            (0..3).map(|i| want.texts(i)).collect::<Vec<_>>()
        );
        assert!(unpack("", 0, &[]).is_some());
        // Refused: another count, a member too many or too few fields, a card number that
        // holds either separator, a flag or an id that is not one.
        assert!(unpack(&text, 2, &[]).is_none());
        assert!(unpack(&text, 4, &[]).is_none());
        assert!(unpack("", 1, &[]).is_none());
        let mut card_sep = rows[0].clone();
        card_sep.2 = Some("09\u{1f}3001".into());
        let mut card_rec = rows[0].clone();
        card_rec.2 = Some(format!("09\u{1e}{}", packed(&rows[1])));
        for bad in [card_sep, card_rec] {
            let t = [packed(&bad), packed(&rows[2])].join("\u{1e}");
            assert!(unpack(&t, 2, &[]).is_none(), "{t:?}");
        }
        assert!(unpack(&text.replacen("\u{1f}1\u{1e}", "\u{1f}2\u{1e}", 1), 3, &[]).is_none());
        assert!(unpack(&text.replacen('1', "x", 1), 3, &[]).is_none());
        assert!(unpack(&format!("{text}\u{1f}0"), 3, &[]).is_none());
    }

    /// A roster knows its branches' names and which of its members have long absences: a
    /// page reads those members' years, and no one else's.
    #[test]
    fn a_roster_names_branches_and_marks_long_absences() {
        let roster = Roster::from_rows(
            vec![
                row(1, "an", None, true),
                row(2, "binh", None, true),
                row(3, "chi", None, true),
            ],
            vec![(10, "Chi bộ 1".into()), (20, "Chi bộ 2".into())],
            &[2],
        );
        assert_eq!(
            roster.window(&MemberFilter::default(), 0, 50),
            (3, vec![(1, false), (2, true), (3, false)])
        );
        assert_eq!(roster.branch_name(20), Some("Chi bộ 2"));
        assert_eq!(roster.branch_name(10), Some("Chi bộ 1"));
        assert_eq!(roster.branch_name(30), None);
    }
}
