//! Guidance C.4: the review meetings a committee schedules, the superior's representatives it
//! invites and the notice it sends them: `kiemdiem_app::review_meetings`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use kiemdiem_app::review_meetings::{self as app, NoticeInput, ReviewMeeting, ReviewMeetingInput};

/// The cycle's review meetings (C.4), by time, each with whom it invites and whether the
/// superior was notified.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "The meetings", body = [ReviewMeeting]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the committee that runs the cycle, one above, nor an inspection commission over it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/review-meetings")]
pub async fn review_meetings(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::list(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Schedule a review meeting (`version` 0), with the superior's representatives invited.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = ReviewMeetingInput,
    responses(
        (status = 201, description = "Scheduled", body = ReviewMeeting),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "A version other than 0", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank subject, place or invitee, an invitee twice, a time outside the cycle's year and the next", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/review-meetings")]
pub async fn create_review_meeting(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<ReviewMeetingInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::create(conn, &p, id, input))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Change a meeting, made on the version it names; a new time or place withdraws the notice.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("meeting_id" = i64, Path, description = "Meeting id")),
    request_body = ReviewMeetingInput,
    responses(
        (status = 200, description = "Changed", body = ReviewMeeting),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or meeting in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since that version", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank subject, place or invitee, an invitee twice, a time outside the cycle's year and the next", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/review-meetings/{meeting_id}")]
pub async fn update_review_meeting(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<ReviewMeetingInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, meeting_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::update(conn, &p, id, meeting_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Record that the superior was notified of the meeting (C.4): the committees above see it
/// among their notifications until it is held.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("meeting_id" = i64, Path, description = "Meeting id")),
    request_body = NoticeInput,
    responses(
        (status = 200, description = "Notified", body = ReviewMeeting),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or meeting in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed, nobody is invited (no_invitees) or the meeting is past (meeting_past)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since that version", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A version below 1", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/review-meetings/{meeting_id}/notice")]
pub async fn notify_review_meeting(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<NoticeInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, meeting_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::notify(conn, &p, id, meeting_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Remove a meeting entered by mistake.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("meeting_id" = i64, Path, description = "Meeting id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or meeting in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/cycles/{id}/review-meetings/{meeting_id}")]
pub async fn remove_review_meeting(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, meeting_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id, meeting_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
