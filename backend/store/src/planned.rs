//! Statements planned for their values every time they run.
//!
//! Diesel keeps each statement prepared on its connection; after five runs PostgreSQL may
//! switch a prepared statement to a generic plan, made without the bound values, when that
//! plan's estimate is no worse. For a pattern (`LIKE`) the estimate cannot tell a two-letter
//! search from a long one, nor a branch's path prefix from a province's: the member search's
//! generic plan scanned the whole trigram index for `%vu%` (190 ms instead of 20 ms), and a
//! generic `path LIKE $1` cannot use the path index at all. Nor, for a scope's branch ids
//! (`branch_id = ANY($1)`), one branch's 25 members from a district's 9,575: each wants its
//! own plan. A predicate wrapped in
//! [`each_time`] makes its statement unprepared (PostgreSQL's unnamed statement, planned with
//! the values at each run); every other statement keeps its prepared, reusable plan (issue #18:
//! a session-wide `plan_cache_mode = force_custom_plan` planned all of them at every run, the
//! caller's read 0.17 ms of planning for 0.03 ms of execution).

use diesel::QueryResult;
use diesel::backend::Backend;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};

/// `predicate`, its statement planned for its values at every run (see the module).
pub fn each_time<E>(predicate: E) -> EachTime<E> {
    EachTime(predicate)
}

/// See [`each_time`].
#[derive(Debug, Clone, Copy)]
pub struct EachTime<E>(E);

impl<E: Expression> Expression for EachTime<E> {
    type SqlType = E::SqlType;
}

impl<E, QS> AppearsOnTable<QS> for EachTime<E> where E: AppearsOnTable<QS> {}

impl<E, QS> SelectableExpression<QS> for EachTime<E> where E: SelectableExpression<QS> {}

impl<E, GB> ValidGrouping<GB> for EachTime<E>
where
    E: ValidGrouping<GB>,
{
    type IsAggregate = E::IsAggregate;
}

impl<E> QueryId for EachTime<E> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<E, DB> QueryFragment<DB> for EachTime<E>
where
    DB: Backend,
    E: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        pass.unsafe_to_cache_prepared();
        self.0.walk_ast(pass)
    }
}
