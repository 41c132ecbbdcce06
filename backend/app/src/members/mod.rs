//! The member registry: list with Vietnamese search and order, read with an ETag, create,
//! change with If-Match, delete; discipline records and yearly history ([`records`]).

pub mod records;

use crate::input::nullable;
use crate::member_table::{self as table, COLUMNS};
use crate::tx::IfMatch;
use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::member::MemberData;
use kiemdiem_domain::vietnamese::search_key;
use kiemdiem_store::members as store;
use kiemdiem_store::members::Member as Row;
use kiemdiem_store::members::MemberFilter;
use kiemdiem_store::{AnyConnection, members, organizations};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

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
pub fn readable(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<(Row, String), AppError> {
    let (row, path) = members::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let own = p.member_id == Some(id);
    if own || p.access.can_read_org(&path) {
        Ok((row, path))
    } else {
        Err(AppError::not_found())
    }
}

/// The branch (and cell) a record names, checked for kind and for the caller's right to
/// put members there. An organisation the caller cannot see is reported as absent.
pub fn place(
    conn: &mut AnyConnection,
    p: &Actor,
    branch_id: i64,
    cell_id: Option<i64>,
) -> Result<String, AppError> {
    // A branch the caller cannot see is answered as absent (404); one it sees that is not a
    // branch is a bad field (422).
    let branch = organizations::get(conn, branch_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    if branch.kind != "branch" {
        return Err(AppError::field(
            "branch_id",
            "not_a_branch",
            "Đảng viên sinh hoạt ở một chi bộ",
        ));
    }
    if let Some(cell) = cell_id {
        organizations::get(conn, cell)?
            .filter(|o| o.kind == "cell" && o.parent_id == Some(branch.id))
            .ok_or_else(|| {
                AppError::field("cell_id", "not_found", "Tổ đảng không thuộc chi bộ này")
            })?;
    }
    if !p.access.can_edit_members(&branch.path) {
        return Err(AppError::forbidden(
            "Không có quyền cập nhật đảng viên của chi bộ này",
        ));
    }
    Ok(branch.name)
}

/// The domain's checks as a 422, every field at once.
pub fn checked(data: &MemberData, extra: Vec<FieldError>) -> Result<(), AppError> {
    let mut errors: Vec<FieldError> = kiemdiem_domain::member::check(data, crate::today())
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
        Err(AppError::Validation(errors))
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
    p: &Actor,
    q: &MemberQuery,
) -> Result<MemberFilter, AppError> {
    let under = match q.organization_id {
        Some(id) => Some(
            organizations::get(conn, id)?
                .filter(|o| p.access.can_read_org(&o.path))
                .ok_or_else(AppError::not_found)?
                .path,
        ),
        None => None,
    };
    Ok(filter_under(p, q, under))
}

/// The filter for a query whose organisation (if any) is already resolved to `under`.
pub fn filter_under(p: &Actor, q: &MemberQuery, under: Option<String>) -> MemberFilter {
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

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<Member>,
    /// How many match: exact when `total_exact`, otherwise at least this many (counting stops
    /// at 10,000 — narrow the search to count further).
    pub total: i64,
    pub total_exact: bool,
    pub page: i64,
    pub per_page: i64,
}

fn load(
    conn: &mut kiemdiem_store::AnyConnection,
    row: store::Member,
) -> Result<(store::Member, Member), AppError> {
    let branch = organizations::get(conn, row.branch_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    let years = store::long_absences(conn, row.id)?;
    Ok((row.clone(), dto(row, branch, years)))
}

/// A new member.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMember {
    pub card_number: Option<String>,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub full_name: String,
    /// male or female.
    pub gender: String,
    pub date_of_birth: NaiveDate,
    pub branch_id: i64,
    pub cell_id: Option<i64>,
    /// official or probationary.
    pub status: String,
    pub admitted_on: NaiveDate,
    pub official_on: Option<NaiveDate>,
    /// civil_servant, student, business, resident or other.
    pub category: String,
    #[serde(default)]
    pub exempt: bool,
    #[serde(default)]
    pub attached: bool,
    pub home_branch_name: Option<String>,
    #[serde(default)]
    pub long_absence_years: Vec<i32>,
    pub leadership_post: Option<String>,
    pub leadership_level: Option<String>,
    pub workplace_unit: Option<String>,
    pub workplace_post: Option<String>,
    pub residence_address: Option<String>,
    pub residence_committee_name: Option<String>,
    pub residence_committee_contact: Option<String>,
    pub residence_committee_address: Option<String>,
    pub phone: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub email: Option<String>,
}

impl CreateMember {
    pub fn data(self) -> (MemberData, Vec<i32>) {
        (
            MemberData {
                card_number: clean(self.card_number),
                full_name: self
                    .full_name
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                gender: self.gender,
                date_of_birth: Some(self.date_of_birth),
                branch_id: self.branch_id,
                cell_id: self.cell_id,
                status: self.status,
                admitted_on: Some(self.admitted_on),
                official_on: self.official_on,
                category: self.category,
                exempt: self.exempt,
                attached: self.attached,
                home_branch_name: clean(self.home_branch_name),
                leadership_post: clean(self.leadership_post),
                leadership_level: clean(self.leadership_level),
                workplace_unit: clean(self.workplace_unit),
                workplace_post: clean(self.workplace_post),
                residence_address: clean(self.residence_address),
                residence_committee_name: clean(self.residence_committee_name),
                residence_committee_contact: clean(self.residence_committee_contact),
                residence_committee_address: clean(self.residence_committee_address),
                phone: clean(self.phone),
                email: clean(self.email),
                active: true,
                left_on: None,
                left_reason: None,
            },
            self.long_absence_years,
        )
    }
}

fn card_taken(
    conn: &mut kiemdiem_store::AnyConnection,
    card: Option<&str>,
    except: Option<i64>,
) -> Result<(), AppError> {
    if let Some(card) = card {
        let taken = store::by_card_numbers(conn, &[card.to_owned()])?
            .iter()
            .any(|m| Some(m.id) != except);
        if taken {
            return Err(AppError::conflict(
                "card_number_taken",
                format!("Số thẻ {card} đã có trong danh sách"),
            ));
        }
    }
    Ok(())
}

/// A change: absent fields stay as they are; `null` clears an optional field.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMember {
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub card_number: Option<Option<String>>,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub full_name: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Moves the member to another branch.
    pub branch_id: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub cell_id: Option<Option<i64>>,
    pub status: Option<String>,
    pub admitted_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub official_on: Option<Option<NaiveDate>>,
    pub category: Option<String>,
    pub exempt: Option<bool>,
    pub attached: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub home_branch_name: Option<Option<String>>,
    pub long_absence_years: Option<Vec<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub leadership_post: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub leadership_level: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub workplace_unit: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub workplace_post: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub residence_address: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub residence_committee_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub residence_committee_contact: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub residence_committee_address: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    /// false with `left_on` and `left_reason` takes the member off the active list.
    pub active: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub left_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub left_reason: Option<Option<String>>,
}

impl UpdateMember {
    fn apply(self, d: &mut MemberData) {
        fn set<T>(target: &mut T, v: Option<T>) {
            if let Some(v) = v {
                *target = v;
            }
        }
        fn text(target: &mut Option<String>, v: Option<Option<String>>) {
            if let Some(v) = v {
                *target = clean(v);
            }
        }
        text(&mut d.card_number, self.card_number);
        set(
            &mut d.full_name,
            self.full_name
                .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")),
        );
        set(&mut d.gender, self.gender);
        set(&mut d.date_of_birth, self.date_of_birth.map(Some));
        set(&mut d.branch_id, self.branch_id);
        set(&mut d.cell_id, self.cell_id);
        set(&mut d.status, self.status);
        set(&mut d.admitted_on, self.admitted_on.map(Some));
        set(&mut d.official_on, self.official_on);
        set(&mut d.category, self.category);
        set(&mut d.exempt, self.exempt);
        set(&mut d.attached, self.attached);
        text(&mut d.home_branch_name, self.home_branch_name);
        text(&mut d.leadership_post, self.leadership_post);
        text(&mut d.leadership_level, self.leadership_level);
        text(&mut d.workplace_unit, self.workplace_unit);
        text(&mut d.workplace_post, self.workplace_post);
        text(&mut d.residence_address, self.residence_address);
        text(
            &mut d.residence_committee_name,
            self.residence_committee_name,
        );
        text(
            &mut d.residence_committee_contact,
            self.residence_committee_contact,
        );
        text(
            &mut d.residence_committee_address,
            self.residence_committee_address,
        );
        text(&mut d.phone, self.phone);
        text(&mut d.email, self.email);
        set(&mut d.active, self.active);
        set(&mut d.left_on, self.left_on);
        text(&mut d.left_reason, self.left_reason);
    }
}

/// A page of members under `filter` in Vietnamese order, with each one's long absences (read
/// for the whole page in one query); the total from `totals` while it is fresh.
pub fn page(
    conn: &mut AnyConnection,
    caches: store::ListCaches<'_>,
    filter: &MemberFilter,
    page: i64,
    per_page: i64,
) -> Result<MemberPage, AppError> {
    let (rows, (total, total_exact)) =
        store::list(conn, caches, filter, per_page, (page - 1) * per_page)?;
    let items = rows
        .into_iter()
        .map(|l| dto(l.member, l.branch, l.absences))
        .collect();
    Ok(MemberPage {
        items,
        total,
        total_exact,
        page,
        per_page,
    })
}

/// A member the actor may read, with the row its ETag is made of.
pub fn get(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<(store::Member, Member), AppError> {
    let (row, _) = readable(conn, p, id)?;
    load(conn, row)
}

/// Enters a member (M1/M2 checked, every invalid field named), in a branch (and cell) the actor
/// edits, with a card number no one else has.
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    data: MemberData,
    years: Vec<i32>,
) -> Result<(store::Member, Member), AppError> {
    checked(&data, check_years(&years))?;
    place(conn, p, data.branch_id, data.cell_id)?;
    card_taken(conn, data.card_number.as_deref(), None)?;
    let id = store::create(conn, &data)?;
    store::set_long_absences(conn, id, &years)?;
    let (row, path) = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let (row, m) = load(conn, row)?;
    p.audit("create", "member")
        .id(id)
        .org(path)
        .after(&m)
        .record(conn)?;
    Ok((row, m))
}

/// Changes a member, if the version read (`If-Match`, required) is still the stored one.
pub fn update(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    change: UpdateMember,
    if_match: IfMatch,
) -> Result<(store::Member, Member), AppError> {
    let (before, path) = readable(conn, p, id)?;
    if !p.access.can_edit_members(&path) {
        return Err(AppError::forbidden("Không có quyền sửa đảng viên này"));
    }
    if_match.required()?;
    if_match.check(&etag(&before))?;
    let any_version = if_match == IfMatch::Any;
    let mut data = before.data();
    let years = change.long_absence_years.clone();
    change.apply(&mut data);
    checked(&data, years.as_deref().map(check_years).unwrap_or_default())?;
    place(conn, p, data.branch_id, data.cell_id)?;
    card_taken(conn, data.card_number.as_deref(), Some(id))?;
    let (_, before_dto) = load(conn, before.clone())?;
    // One conditional write (issue #13): the version read above must still be the
    // stored one when the row is written, or nothing is (PostgreSQL's read above does
    // not lock the row; the UPDATE re-checks it).
    if data != before.data() || years.is_some() {
        if any_version {
            store::update(conn, id, &data)?;
        } else if !store::update_if_version(conn, id, before.version, &data)? {
            return Err(AppError::PreconditionFailed);
        }
    }
    if let Some(years) = &years {
        store::set_long_absences(conn, id, years)?;
    }
    let (row, path) = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let (row, m) = load(conn, row)?;
    p.audit("update", "member")
        .id(id)
        .org(path)
        .before(&before_dto)
        .after(&m)
        .record(conn)?;
    Ok((row, m))
}

/// Deletes a member entered by mistake; one with review records is taken off the active list
/// instead.
pub fn remove(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<(), AppError> {
    let (before, path) = readable(conn, p, id)?;
    if !p.access.can_edit_members(&path) {
        return Err(AppError::forbidden("Không có quyền xóa đảng viên này"));
    }
    if store::has_history(conn, id)? {
        return Err(AppError::conflict(
            "member_has_records",
            "Đảng viên đã có kết quả đánh giá: không xóa được, hãy chuyển sang ngừng sinh hoạt",
        ));
    }
    let (_, before_dto) = load(conn, before)?;
    store::delete(conn, id)?;
    p.audit("delete", "member")
        .id(id)
        .org(path)
        .before(&before_dto)
        .record(conn)?;
    Ok(())
}

/// Every member the list would show (the same filters, all pages, in Vietnamese order) as the
/// rows of the export's table, its Vietnamese headers first; read in keyset pages, so the
/// 200th page costs what the first does.
pub fn export_rows(
    conn: &mut AnyConnection,
    p: &Actor,
    q: &MemberQuery,
) -> Result<Vec<Vec<String>>, AppError> {
    let mut rows = Vec::new();
    export_each(conn, p, q, |r| {
        rows.push(r);
        Ok(())
    })?;
    Ok(rows)
}

/// The rows of [`export_rows`] given one by one to `row` as they are read, 1,000 members at a
/// time: a CSV of a province's 200,000 members is written as it goes, instead of holding
/// every cell of every row as a string first (about four times the file's bytes).
pub fn export_each(
    conn: &mut AnyConnection,
    p: &Actor,
    q: &MemberQuery,
    mut row: impl FnMut(Vec<String>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let filter = filter_for(conn, p, q)?;
    let codes: HashMap<i64, String> = organizations::list(conn, &Default::default())?
        .into_iter()
        .map(|o| (o.id, o.code))
        .collect();
    row(COLUMNS
        .iter()
        .map(|(_, _, vi)| (*vi).to_owned())
        .collect::<Vec<_>>())?;
    // Keyset pages: the 200th page costs what the first does.
    let page = 1000;
    let mut after: Option<(String, i64)> = None;
    loop {
        let batch = store::list_after(
            conn,
            &filter,
            after.as_ref().map(|(k, id)| (k.as_str(), *id)),
            page,
        )?;
        let Some((last, _)) = batch.last() else {
            break;
        };
        after = Some((last.sort_key.clone(), last.id));
        let ids: Vec<i64> = batch.iter().map(|(m, _)| m.id).collect();
        let mut years = store::long_absences_for(conn, &ids)?;
        for (m, _) in &batch {
            let y = years.remove(&m.id).unwrap_or_default();
            let code = codes.get(&m.branch_id).map_or("", String::as_str);
            row(table::row_of(&m.data(), code, &y))?;
        }
    }
    Ok(())
}
