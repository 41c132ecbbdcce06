//! Pages of the lists people page through under load (#18): none answers an unbounded array.
//! Each answers `{items, total, page, per_page}`; `page` from 1 and `per_page` from 1 to
//! [`MAX_PER_PAGE`] are checked at the edge (`api::extract::paging`, 422 past the bounds).
//!
//! Choice: the lists of one cycle are filtered to what the actor may see before they are cut,
//! so `total` counts only what the actor may read (never a count that tells them what exists
//! beyond their scope); the per-row work (names, details) is done for the page only.

use crate::Actor;
use crate::error::AppError;
use kiemdiem_domain::access::within;
use kiemdiem_store::{AnyConnection, QueryResult, members, organizations};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::IntoParams;

/// Rows on a page when the client does not say.
pub const DEFAULT_PER_PAGE: i64 = 100;
/// The most rows a page holds: a branch's members fit on one page; a base's on a few.
pub const MAX_PER_PAGE: i64 = 500;

/// A page asked for, already checked against its bounds.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub page: i64,
    pub per_page: i64,
}

impl Window {
    pub fn offset(self) -> i64 {
        (self.page - 1) * self.per_page
    }

    /// The window's rows of a list already filtered to what the actor may see, each turned into
    /// what is answered only once it is on the page; and the list's total.
    pub fn cut<T, U, E>(
        self,
        all: Vec<T>,
        f: impl FnMut(T) -> Result<U, E>,
    ) -> Result<(Vec<U>, i64), E> {
        let total = all.len() as i64;
        let items = all
            .into_iter()
            .skip(usize::try_from(self.offset()).unwrap_or(usize::MAX))
            .take(usize::try_from(self.per_page).unwrap_or(0))
            .map(f)
            .collect::<Result<Vec<_>, E>>()?;
        Ok((items, total))
    }
}

/// A page of one of a cycle's lists, narrowed to an organisation's subtree if asked.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleListQuery {
    /// Only what belongs to this organisation's subtree (a branch, or a base's branches).
    pub organization_id: Option<i64>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
}

/// A page of a list with no other filter.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
}

/// The subtree a list is narrowed to: none, or an organisation's path. An organisation that
/// does not exist, or that the actor does not work in, is not found (404), as everywhere.
pub struct Narrow(Option<String>);

impl Narrow {
    pub fn to(
        conn: &mut AnyConnection,
        p: &Actor,
        organization_id: Option<i64>,
    ) -> Result<Narrow, AppError> {
        let Some(id) = organization_id else {
            return Ok(Narrow(None));
        };
        let org = organizations::get(conn, id)?
            .filter(|o| p.works_in(&o.path))
            .ok_or_else(AppError::not_found)?;
        Ok(Narrow(Some(org.path)))
    }

    /// Whether something at `path` is in the subtree.
    pub fn keeps(&self, path: &str) -> bool {
        self.0.as_deref().is_none_or(|root| within(path, root))
    }
}

/// The members a list's rows are about, each with their branch's path: one query for the whole
/// list, not one per row.
pub fn members_by_id(
    conn: &mut AnyConnection,
    mut ids: Vec<i64>,
) -> QueryResult<HashMap<i64, (members::Member, String)>> {
    ids.sort_unstable();
    ids.dedup();
    Ok(members::get_many(conn, &ids)?
        .into_iter()
        .map(|(m, branch)| (m.id, (m, branch)))
        .collect())
}

/// A page type for one list: `{items, total, page, per_page}` with its own name in the
/// OpenAPI document (utoipa names no generic instance).
macro_rules! page_of {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Everything the list holds for the caller, not only this page.
            pub total: i64,
            pub page: i64,
            pub per_page: i64,
        }

        impl $name {
            pub fn of((items, total): (Vec<$item>, i64), w: $crate::paging::Window) -> Self {
                Self {
                    items,
                    total,
                    page: w.page,
                    per_page: w.per_page,
                }
            }
        }
    };
}
pub(crate) use page_of;
