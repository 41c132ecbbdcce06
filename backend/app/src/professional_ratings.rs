//! Professional ratings (xếp loại CBCCVC; M2 first, M9 gates, M13 the main post), with the
//! year's honours (M8) and the branch's attestation: entered by those who handle the member.

use crate::paging::{Narrow, Window, members_by_id, page_of};
use crate::self_reviews::target;
use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, Utc};
use kiemdiem_domain::classification::{HONOURS, PROFESSIONAL_LEVELS as LEVELS};
use kiemdiem_domain::member::m13_rated_post;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::professional_ratings::{self as store, RatingData};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfessionalRating {
    pub cycle_id: i64,
    pub member_id: i64,
    pub member_name: String,
    /// excellent, good, completed, completed_limited or not_completed.
    pub level: String,
    /// The unit that rated.
    pub rating_unit: String,
    /// The post the rating is for (M13: the main and highest).
    pub post: String,
    /// emulation_title, ministry_province_commendation, certificate_of_merit, academic_excellent.
    pub honours: Vec<String>,
    /// The branch attests the member is exemplary (M8, business / resident / other).
    pub attested_exemplary: bool,
    pub updated_at: DateTime<Utc>,
}

pub fn dto(r: store::Rating, member_name: String) -> ProfessionalRating {
    ProfessionalRating {
        cycle_id: r.cycle_id,
        member_id: r.member_id,
        member_name,
        level: r.level,
        rating_unit: r.rating_unit,
        post: r.post,
        honours: r
            .honours
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        attested_exemplary: r.attested_exemplary,
        updated_at: r.updated_at.and_utc(),
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    pub level: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub rating_unit: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub post: String,
    #[serde(default)]
    pub honours: Vec<String>,
    #[serde(default)]
    pub attested_exemplary: bool,
}

/// The cycle's professional ratings of the members whose records the actor reads; a page of
/// them, narrowed to an organisation if asked.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    narrow: Option<i64>,
    w: Window,
) -> Result<ProfessionalRatingPage, AppError> {
    let (cycle, _) = crate::cycles::readable(conn, p, id)?;
    let narrow = Narrow::to(conn, p, narrow)?;
    let ratings = store::of_cycle(conn, cycle.id)?;
    let members = members_by_id(conn, ratings.iter().map(|r| r.member_id).collect())?;
    let seen: Vec<_> = ratings
        .into_iter()
        .filter_map(|r| {
            let (m, branch) = members.get(&r.member_id)?;
            let may = p.member_id == Some(m.id) || p.access.can_edit_members(branch);
            (may && narrow.keeps(branch)).then(|| (r, m.full_name.clone()))
        })
        .collect();
    Ok(ProfessionalRatingPage::of(
        w.cut(seen, |(r, name)| Ok::<_, AppError>(dto(r, name)))?,
        w,
    ))
}

page_of!(
    /// A page of a cycle's professional ratings.
    ProfessionalRatingPage,
    ProfessionalRating
);

/// Records a member's professional rating and honours (M2 first, M8, M13), every invalid
/// field named.
pub fn put(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
    input: RatingInput,
) -> Result<ProfessionalRating, AppError> {
    let mut errors = Vec::new();
    if !LEVELS.contains(&input.level.as_str()) {
        errors.push(FieldError {
            field: "level".into(),
            code: "invalid_choice".into(),
            message: format!("Mức phải là một trong: {}", LEVELS.join(", ")),
        });
    }
    if m13_rated_post(&input.post).is_none() {
        errors.push(FieldError::new(
            "post",
            "required",
            "Ghi chức vụ được xếp loại (M13: chức vụ chính, cao nhất)",
        ));
    }
    for (i, h) in input.honours.iter().enumerate() {
        if !HONOURS.contains(&h.as_str()) {
            errors.push(FieldError {
                field: format!("honours[{i}]"),
                code: "invalid_choice".into(),
                message: format!("Danh hiệu phải là một trong: {}", HONOURS.join(", ")),
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let t = target(conn, p, id, member_id)?;
    if !p.access.can_edit_members(&t.branch_path) {
        return Err(AppError::forbidden(
            "Xếp loại CBCCVC do chi ủy, cấp ủy ghi nhận",
        ));
    }
    crate::cycles::writable(&t.cycle)?;
    let mut honours = input.honours.clone();
    honours.sort();
    honours.dedup();
    let honours = honours.join(",");
    // The rating this one replaces, for the audit's `before`.
    let before = store::find(conn, id, member_id)?.map(|r| dto(r, t.member.full_name.clone()));
    store::put(
        conn,
        id,
        member_id,
        &RatingData {
            level: &input.level,
            rating_unit: input.rating_unit.trim(),
            post: m13_rated_post(&input.post).unwrap_or_default(),
            honours: &honours,
            attested_exemplary: input.attested_exemplary,
        },
    )?;
    let r = store::find(conn, id, member_id)?.ok_or_else(AppError::not_found)?;
    let out = dto(r, t.member.full_name.clone());
    let mut audit = p
        .audit("rate", "professional_rating")
        .id(format!("{id}/{member_id}"))
        .org(t.branch_path.clone())
        .after(&out);
    if let Some(before) = &before {
        audit = audit.before(before);
    }
    audit.record(conn)?;
    Ok(out)
}

/// Removes a rating entered by mistake while the cycle is open.
pub fn remove(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<(), AppError> {
    let t = target(conn, p, id, member_id)?;
    if !p.access.can_edit_members(&t.branch_path) {
        return Err(AppError::forbidden(
            "Xếp loại CBCCVC do chi ủy, cấp ủy ghi nhận",
        ));
    }
    crate::cycles::writable(&t.cycle)?;
    if store::delete(conn, id, member_id)? == 0 {
        return Err(AppError::not_found());
    }
    p.audit("remove", "professional_rating")
        .id(format!("{id}/{member_id}"))
        .org(t.branch_path.clone())
        .record(conn)?;
    Ok(())
}
