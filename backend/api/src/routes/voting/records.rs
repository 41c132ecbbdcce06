//! What the branch meeting records beside the votes: the tally minutes' facts (ballots,
//! counting committee; guidance 2.2.4) and per member the opinions (D2) and a `completed`
//! member's shortcomings with the date to remedy them (M9 end).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, put, web};
use kiemdiem_app::voting::records::{
    self as app, MeetingNoteInput, MeetingNoteRecord, TallyMinutesInput, TallyMinutesRecord,
};

/// Record the tally minutes' facts of a session: ballots issued, returned, valid and invalid,
/// the counting committee, the chair and the recorder (replacing earlier ones).
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    request_body = TallyMinutesInput,
    responses(
        (status = 200, description = "Recorded", body = TallyMinutesRecord),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The base committee has approved the session", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Counts that do not add up, more ballots than voters present, blank names", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/voting-sessions/{sid}/tally-minutes")]
pub async fn put_tally_minutes(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
    body: ValidatedJson<TallyMinutesInput>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::put_minutes(conn, &p, sid, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Record the meeting's opinions on a member of the roll (D2) and, for a member classified
/// `completed`, the shortcomings and the date to remedy them (M9, required at finalize). All
/// fields empty clears the note (204).
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(
        ("sid" = i64, Path, description = "Session id"),
        ("member_id" = i64, Path, description = "A member on the session's roll"),
    ),
    request_body = MeetingNoteInput,
    responses(
        (status = 200, description = "Recorded", body = MeetingNoteRecord),
        (status = 204, description = "Cleared"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs, or member on its roll", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The session is finalized: the results carry the notes", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Shortcomings without a date or a date without them, a date not after the meeting, too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/voting-sessions/{sid}/members/{member_id}/meeting-note")]
pub async fn put_meeting_note(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<MeetingNoteInput>,
) -> Result<HttpResponse, ApiError> {
    let (sid, member_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::put_note(conn, &p, sid, member_id, input))
        .await?;
    Ok(match out {
        Some(n) => HttpResponse::Ok().json(n),
        None => HttpResponse::NoContent().finish(),
    })
}
