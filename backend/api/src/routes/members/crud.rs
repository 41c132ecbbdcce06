//! List, read, create, change and delete members.

use super::{
    Member, MemberQuery, check_years, checked, clean, dto, etag, filter_for, filter_under, place,
    readable,
};
use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::http::nullable;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::NaiveDate;
use kiemdiem_domain::member::MemberData;
use kiemdiem_store::members as store;
use kiemdiem_store::organizations;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<Member>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// List members in Vietnamese order (given name, middle, family).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(MemberQuery),
    responses(
        (status = 200, description = "A page of members", body = MemberPage),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The organisation is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds (each named)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members")]
pub async fn list(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<MemberQuery>,
) -> Result<HttpResponse, ApiError> {
    let gzip = crate::middleware::accepts_gzip(&req);
    let q = q.into_inner();
    let (page, per_page) = crate::extract::paging(q.page, q.per_page, 50, 200)?;
    // A page already answered for the same scope and filter, while nothing was written, is
    // answered again without the database (see AppState::member_pages).
    if q.organization_id.is_none()
        && let Some(body) = state
            .member_pages
            .get(&(filter_under(&p, &q, None), page, per_page))
    {
        return Ok(body.respond(gzip));
    }
    let totals = state.member_totals.clone();
    let pages = state.member_pages.clone();
    let body = state
        .db(move |conn| {
            let key = (filter_for(conn, &p, &q)?, page, per_page);
            if let Some(body) = pages.get(&key) {
                return Ok(body);
            }
            let generation = kiemdiem_store::generation::current();
            let (rows, total) =
                store::list(conn, &totals, &key.0, per_page, (page - 1) * per_page)?;
            // The page's long absences in one query.
            let ids: Vec<i64> = rows.iter().map(|(m, _)| m.id).collect();
            let mut absences = store::long_absences_for(conn, &ids)?;
            let items = rows
                .into_iter()
                .map(|(row, branch)| {
                    let years = absences.remove(&row.id).unwrap_or_default();
                    dto(row, branch, years)
                })
                .collect();
            let page = MemberPage {
                items,
                total,
                page,
                per_page,
            };
            let body = crate::stored::StoredJson::new(web::Bytes::from(
                serde_json::to_vec(&page).map_err(|e| ApiError::Internal(e.to_string()))?,
            ))?;
            pages.put(key, generation, body.clone());
            Ok(body)
        })
        .await?;
    Ok(body.respond(gzip))
}

fn with_etag(row: &store::Member, m: &Member, status: actix_web::http::StatusCode) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(row)))
        .json(m)
}

fn load(
    conn: &mut kiemdiem_store::AnyConnection,
    row: store::Member,
) -> Result<(store::Member, Member), ApiError> {
    let branch = organizations::get(conn, row.branch_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    let years = store::long_absences(conn, row.id)?;
    Ok((row.clone(), dto(row, branch, years)))
}

/// Read a member, with its ETag.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member; the ETag header is needed to change it", body = Member,
            headers(("ETag" = String, description = "The record's version"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (row, m) = state
        .db(move |conn| {
            let (row, _) = readable(conn, &p, id)?;
            load(conn, row)
        })
        .await?;
    Ok(with_etag(&row, &m, actix_web::http::StatusCode::OK))
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
    fn data(self) -> (MemberData, Vec<i32>) {
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
) -> Result<(), ApiError> {
    if let Some(card) = card {
        let taken = store::by_card_numbers(conn, &[card.to_owned()])?
            .iter()
            .any(|m| Some(m.id) != except);
        if taken {
            return Err(ApiError::conflict(
                "card_number_taken",
                format!("Số thẻ {card} đã có trong danh sách"),
            ));
        }
    }
    Ok(())
}

/// Add a member to a branch.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    request_body = CreateMember,
    responses(
        (status = 201, description = "Created", body = Member, headers(("ETag" = String, description = "The record's version"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to add members to this branch", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The card number is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, every one listed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateMember>,
) -> Result<HttpResponse, ApiError> {
    let (data, years) = body.0.data();
    let (row, m) = state
        .write(move |conn| {
            checked(&data, check_years(&years))?;
            place(conn, &p, data.branch_id, data.cell_id)?;
            card_taken(conn, data.card_number.as_deref(), None)?;
            let id = store::create(conn, &data)?;
            store::set_long_absences(conn, id, &years)?;
            let (row, path) = store::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let (row, m) = load(conn, row)?;
            p.audit("create", "member")
                .id(id)
                .org(path)
                .after(&m)
                .record(conn)?;
            Ok((row, m))
        })
        .await?;
    Ok(with_etag(&row, &m, actix_web::http::StatusCode::CREATED))
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

/// Change a member. Requires `If-Match` with the ETag from the last read: without it 428,
/// with a stale one 412, so that two secretaries never overwrite each other silently.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Member id"),
        ("If-Match" = String, Header, description = "The ETag of the member as last read"),
    ),
    request_body = UpdateMember,
    responses(
        (status = 200, description = "Changed", body = Member, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to change this member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The card number is taken", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed by someone else since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, every one listed", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/members/{id}")]
pub async fn update(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<UpdateMember>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let if_match = req
        .headers()
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let change = body.0;
    let (row, m) = state
        .write(move |conn| {
            let (before, path) = readable(conn, &p, id)?;
            if !p.access.can_edit_members(&path) {
                return Err(ApiError::forbidden("Không có quyền sửa đảng viên này"));
            }
            let Some(if_match) = if_match else {
                return Err(ApiError::PreconditionRequired);
            };
            let any_version = if_match.trim() == "*";
            if !any_version && if_match.trim() != etag(&before) {
                return Err(ApiError::PreconditionFailed);
            }
            let mut data = before.data();
            let years = change.long_absence_years.clone();
            change.apply(&mut data);
            checked(&data, years.as_deref().map(check_years).unwrap_or_default())?;
            place(conn, &p, data.branch_id, data.cell_id)?;
            card_taken(conn, data.card_number.as_deref(), Some(id))?;
            let (_, before_dto) = load(conn, before.clone())?;
            // One conditional write (issue #13): the version read above must still be the
            // stored one when the row is written, or nothing is (PostgreSQL's read above does
            // not lock the row; the UPDATE re-checks it).
            if data != before.data() || years.is_some() {
                if any_version {
                    store::update(conn, id, &data)?;
                } else if !store::update_if_version(conn, id, before.version, &data)? {
                    return Err(ApiError::PreconditionFailed);
                }
            }
            if let Some(years) = &years {
                store::set_long_absences(conn, id, years)?;
            }
            let (row, path) = store::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let (row, m) = load(conn, row)?;
            p.audit("update", "member")
                .id(id)
                .org(path)
                .before(&before_dto)
                .after(&m)
                .record(conn)?;
            Ok((row, m))
        })
        .await?;
    Ok(with_etag(&row, &m, actix_web::http::StatusCode::OK))
}

/// Delete a member entered by mistake. One with review records cannot be deleted: take
/// them off the active list instead (`active: false` with the date and reason).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to delete this member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The member has review records", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/members/{id}")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .write(move |conn| {
            let (before, path) = readable(conn, &p, id)?;
            if !p.access.can_edit_members(&path) {
                return Err(ApiError::forbidden("Không có quyền xóa đảng viên này"));
            }
            if store::has_history(conn, id)? {
                return Err(ApiError::conflict(
                    "member_has_records",
                    "Đảng viên đã có kết quả đánh giá: không xóa được, hãy chuyển sang ngừng sinh hoạt",
                ));
            }
            let (_, before_dto) = load(conn, before)?;
            store::delete(conn, id)?;
            p.audit("delete", "member").id(id).org(path).before(&before_dto).record(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
