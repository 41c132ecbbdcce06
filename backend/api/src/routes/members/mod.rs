//! The member registry: list with Vietnamese search and order, read with an ETag, create,
//! change with If-Match, delete, discipline records, yearly history, import and export.

pub mod crud;
pub mod export;
pub mod history_import;
pub mod import;
pub mod records;

use crate::auth::Principal;
use crate::error::{ApiError, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::member::MemberData;
use kiemdiem_domain::vietnamese::search_key;
use kiemdiem_store::members::Member as Row;
use kiemdiem_store::members::MemberFilter;
use kiemdiem_store::{AnyConnection, members, organizations};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A member as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Member {
    pub id: i64,
    /// Số thẻ đảng viên: unique when present.
    pub card_number: Option<String>,
    pub full_name: String,
    /// male or female.
    pub gender: String,
    pub date_of_birth: NaiveDate,
    pub branch_id: i64,
    pub branch_name: String,
    pub cell_id: Option<i64>,
    /// official or probationary.
    pub status: String,
    pub admitted_on: NaiveDate,
    pub official_on: Option<NaiveDate>,
    /// civil_servant, student, business, resident or other.
    pub category: String,
    /// Miễn công tác và sinh hoạt đảng.
    pub exempt: bool,
    /// Sinh hoạt tạm thời, from another branch.
    pub attached: bool,
    pub home_branch_name: Option<String>,
    /// Years in which the member was away for work or ill for 3 months or more.
    pub long_absence_years: Vec<i32>,
    pub leadership_post: Option<String>,
    /// grassroots or above_grassroots.
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
    /// transfer, death, expulsion, removal, resignation or other.
    pub left_reason: Option<String>,
    /// Increases with every change; the ETag is built from it.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn dto(r: Row, branch_name: String, long_absence_years: Vec<i32>) -> Member {
    Member {
        id: r.id,
        card_number: r.card_number,
        full_name: r.full_name,
        gender: r.gender,
        date_of_birth: r.date_of_birth,
        branch_id: r.branch_id,
        branch_name,
        cell_id: r.cell_id,
        status: r.status,
        admitted_on: r.admitted_on,
        official_on: r.official_on,
        category: r.category,
        exempt: r.exempt,
        attached: r.attached,
        home_branch_name: r.home_branch_name,
        long_absence_years,
        leadership_post: r.leadership_post,
        leadership_level: r.leadership_level,
        workplace_unit: r.workplace_unit,
        workplace_post: r.workplace_post,
        residence_address: r.residence_address,
        residence_committee_name: r.residence_committee_name,
        residence_committee_contact: r.residence_committee_contact,
        residence_committee_address: r.residence_committee_address,
        phone: r.phone,
        email: r.email,
        active: r.active,
        left_on: r.left_on,
        left_reason: r.left_reason,
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    }
}

pub fn etag(m: &Row) -> String {
    format!("\"m{}-v{}\"", m.id, m.version)
}

/// Blank strings are no value.
pub fn clean(s: Option<String>) -> Option<String> {
    kiemdiem_domain::text::non_blank(s.as_deref())
}

/// A member the caller may read, with its branch's path, or 404.
pub fn readable(
    conn: &mut AnyConnection,
    p: &Principal,
    id: i64,
) -> Result<(Row, String), ApiError> {
    let (row, path) = members::get(conn, id)?.ok_or_else(ApiError::not_found)?;
    let own = p.member_id == Some(id);
    if own || p.access.can_read_org(&path) {
        Ok((row, path))
    } else {
        Err(ApiError::not_found())
    }
}

/// The branch (and cell) a record names, checked for kind and for the caller's right to
/// put members there. An organisation the caller cannot see is reported as absent.
pub fn place(
    conn: &mut AnyConnection,
    p: &Principal,
    branch_id: i64,
    cell_id: Option<i64>,
) -> Result<String, ApiError> {
    // A branch the caller cannot see is answered as absent (404); one it sees that is not a
    // branch is a bad field (422).
    let branch = organizations::get(conn, branch_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(ApiError::not_found)?;
    if branch.kind != "branch" {
        return Err(field(
            "branch_id",
            "not_a_branch",
            "Đảng viên sinh hoạt ở một chi bộ",
        ));
    }
    if let Some(cell) = cell_id {
        organizations::get(conn, cell)?
            .filter(|o| o.kind == "cell" && o.parent_id == Some(branch.id))
            .ok_or_else(|| field("cell_id", "not_found", "Tổ đảng không thuộc chi bộ này"))?;
    }
    if !p.access.can_edit_members(&branch.path) {
        return Err(ApiError::forbidden(
            "Không có quyền cập nhật đảng viên của chi bộ này",
        ));
    }
    Ok(branch.name)
}

pub fn field(name: &str, code: &str, message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError {
        field: name.into(),
        code: code.into(),
        message: message.into(),
    }])
}

/// The domain's checks as a 422, every field at once.
pub fn checked(data: &MemberData, extra: Vec<FieldError>) -> Result<(), ApiError> {
    let mut errors: Vec<FieldError> = kiemdiem_domain::member::check(data, kiemdiem_app::today())
        .into_iter()
        .map(|p| FieldError {
            field: p.field.into(),
            code: p.code.into(),
            message: p.message,
        })
        .collect();
    errors.extend(extra);
    if errors.is_empty() {
        Ok(())
    } else {
        errors.sort_by(|a, b| a.field.cmp(&b.field));
        Err(ApiError::Validation(errors))
    }
}

pub fn check_years(years: &[i32]) -> Vec<FieldError> {
    years
        .iter()
        .filter(|y| !(1930..=2100).contains(*y))
        .map(|y| FieldError {
            field: "long_absence_years".into(),
            code: "range".into(),
            message: format!("Năm {y} không hợp lệ"),
        })
        .collect()
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberQuery {
    /// Members of this organisation's subtree (a base, a district…) or of this branch.
    pub organization_id: Option<i64>,
    /// official or probationary.
    pub status: Option<String>,
    pub category: Option<String>,
    pub exempt: Option<bool>,
    pub attached: Option<bool>,
    /// Active members only (the default), inactive only (false).
    pub active: Option<bool>,
    /// Name or card number; case and diacritics are ignored ("nguyen van a").
    pub q: Option<String>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// The store filter for a query, within the caller's scope.
pub fn filter_for(
    conn: &mut kiemdiem_store::AnyConnection,
    p: &Principal,
    q: &MemberQuery,
) -> Result<MemberFilter, ApiError> {
    let under = match q.organization_id {
        Some(id) => Some(
            organizations::get(conn, id)?
                .filter(|o| p.access.can_read_org(&o.path))
                .ok_or_else(ApiError::not_found)?
                .path,
        ),
        None => None,
    };
    Ok(filter_under(p, q, under))
}

/// The filter for a query whose organisation (if any) is already resolved to `under`.
pub fn filter_under(p: &Principal, q: &MemberQuery, under: Option<String>) -> MemberFilter {
    let scopes = p.access.org_read_scopes();
    // A member who reads no organisation sees their own record only.
    let only_id = match (&scopes, p.member_id) {
        (Some(s), Some(own)) if s.is_empty() => Some(own),
        _ => None,
    };
    MemberFilter {
        scopes: if only_id.is_some() { None } else { scopes },
        under,
        only_id,
        status: q.status.clone(),
        category: q.category.clone(),
        exempt: q.exempt,
        attached: q.attached,
        active: Some(q.active.unwrap_or(true)),
        search: q.q.as_deref().map(search_key),
    }
}
