//! Every route. Handlers are registered with `.service(handler)` so that utoipa-actix-web
//! puts them in the spec (a `.route()` would silently vanish from it).

pub mod appraisal_teams;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod branch_opinions;
pub mod classification;
pub mod collectives;
pub mod cycles;
pub mod documents;
pub mod dossiers;
pub mod feedback;
pub mod feedback_clusters;
pub mod health;
pub mod integration;
pub mod key_cadre;
pub mod members;
pub mod notifications;
pub mod org_classification;
pub mod org_history;
pub mod organizations;
pub mod party_reports;
pub mod plan_tasks;
pub mod point_assessments;
pub mod professional_ratings;
pub mod progress;
pub mod rating_import;
pub mod reports;
pub mod review_meetings;
pub mod rewards;
pub mod self_reviews;
pub mod service_accounts;
pub mod suggestions;
pub mod users;
pub mod voting;
pub mod webhooks;

use crate::error::ApiError;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::live).service(health::ready).service(
        utoipa_actix_web::scope("/api/v1")
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(auth::me)
            .service(auth::change_password)
            .service(auth::client_token)
            .service(organizations::list)
            .service(organizations::create)
            .service(organizations::get_one)
            .service(organizations::update)
            .service(organizations::remove)
            .service(users::list)
            .service(users::create)
            .service(users::get_one)
            .service(users::update)
            .service(users::remove)
            .service(users::add_role)
            .service(users::remove_role)
            .service(service_accounts::list)
            .service(service_accounts::create)
            .service(service_accounts::remove)
            .service(audit::list)
            .service(classification::rule_sets)
            .service(classification::preview)
            .service(classification::create_rule_set)
            .service(reports::statistics)
            .service(webhooks::list)
            .service(webhooks::create)
            .service(webhooks::remove)
            .service(webhooks::deliveries)
            .service(webhooks::redeliver)
            .service(integration::dossier)
            .service(dossiers::list)
            .service(dossiers::get_one)
            .service(dossiers::archive)
            .service(dossiers::document)
            .service(dossiers::submit)
            .service(dossiers::decide)
            .service(dossiers::leaders_get)
            .service(dossiers::leaders_archive)
            .service(dossiers::leaders_document)
            .service(dossiers::leaders_submit)
            .service(dossiers::leaders_decide)
            .service(rewards::candidates)
            .service(rewards::quotas)
            .service(rewards::register)
            .service(rewards::nominate)
            .service(rewards::list)
            .service(rewards::decide)
            .service(org_classification::get_one)
            .service(org_classification::put_self)
            .service(org_classification::review)
            .service(org_classification::overview)
            .service(cycles::list)
            .service(cycles::create)
            .service(cycles::get_one)
            .service(cycles::advance)
            .service(cycles::update_phase)
            .service(cycles::close_phase)
            .service(cycles::reopen_phase)
            .service(progress::progress)
            .service(documents::self_review)
            .service(documents::residence_letters)
            .service(documents::residence_letter)
            .service(documents::point_assessment)
            .service(documents::points_rerating)
            .service(documents::points_records)
            .service(documents::collective_report)
            .service(notifications::list)
            .service(notifications::agenda)
            .service(feedback::assigned)
            .service(feedback::list)
            .service(feedback::request_many)
            .service(feedback::request)
            .service(feedback::providers)
            .service(feedback::answer)
            .service(feedback::get_opinion)
            .service(feedback::put_opinion)
            .service(key_cadre::list)
            .service(key_cadre::create)
            .service(key_cadre::remove)
            .service(suggestions::list)
            .service(suggestions::issue)
            .service(suggestions::answer)
            .service(professional_ratings::list)
            .service(rating_import::template)
            .service(rating_import::import)
            .service(professional_ratings::put_rating)
            .service(professional_ratings::remove)
            .service(point_assessments::get_one)
            .service(point_assessments::save)
            .service(point_assessments::appraise)
            .service(point_assessments::board)
            .service(point_assessments::decide)
            .service(point_assessments::quota_groups)
            .service(point_assessments::rerate)
            .service(point_assessments::branch_review)
            .service(collectives::collective_get)
            .service(collectives::collective_save)
            .service(collectives::collective_appraise)
            .service(collectives::collective_rerate)
            .service(collectives::collectives_board)
            .service(collectives::collectives_decide)
            .service(self_reviews::list)
            .service(self_reviews::get_one)
            .service(self_reviews::versions)
            .service(self_reviews::save)
            .service(self_reviews::submit)
            .service(self_reviews::return_it)
            .service(self_reviews::accept)
            .service(voting::sessions::create)
            .service(voting::sessions::list)
            .service(voting::sessions::get_one)
            .service(voting::sessions::update_roll)
            .service(voting::sessions::put_tally)
            .service(voting::sessions::finalize)
            .service(voting::sessions::branch_input_of)
            .service(voting::minutes::minutes)
            .service(voting::records::put_tally_minutes)
            .service(voting::records::put_meeting_note)
            .service(attachments::upload_to_session)
            .service(attachments::of_session)
            .service(attachments::upload_to_cycle)
            .service(attachments::of_cycle)
            .service(attachments::download)
            .service(attachments::remove)
            .service(voting::ballots::paper)
            .service(voting::ballots::cast)
            .service(voting::ballots::close)
            .service(voting::appraisal::appraise)
            .service(voting::appraisal::outstanding_decision)
            .service(org_history::history)
            .service(org_history::record_history)
            .service(org_classification::recognition_cancellations)
            .service(org_classification::cancel_recognition)
            .service(plan_tasks::plan_tasks)
            .service(plan_tasks::create_plan_task)
            .service(plan_tasks::update_plan_task)
            .service(plan_tasks::remove_plan_task)
            .service(review_meetings::review_meetings)
            .service(review_meetings::create_review_meeting)
            .service(review_meetings::update_review_meeting)
            .service(review_meetings::notify_review_meeting)
            .service(review_meetings::remove_review_meeting)
            .service(appraisal_teams::appraisal_teams)
            .service(appraisal_teams::create_appraisal_team)
            .service(appraisal_teams::update_appraisal_team)
            .service(appraisal_teams::remove_appraisal_team)
            .service(branch_opinions::branch_opinions)
            .service(branch_opinions::put_branch_opinion)
            .service(feedback_clusters::feedback_clusters)
            .service(feedback_clusters::create_feedback_cluster)
            .service(feedback_clusters::update_feedback_cluster)
            .service(feedback_clusters::remove_feedback_cluster)
            .service(feedback_clusters::add_collective_opinion)
            .service(feedback_clusters::remove_collective_opinion)
            .service(party_reports::year_reports)
            .service(party_reports::report_versions)
            .service(party_reports::report_document)
            .service(party_reports::approve_report)
            .service(party_reports::report)
            .service(party_reports::save_report)
            .service(voting::appraisal::board)
            .service(voting::appraisal::member_results)
            .service(voting::appraisal::reclassify)
            .service(members::crud::list)
            .service(members::export::export)
            .service(members::import::template)
            .service(members::import::import)
            .service(members::history_import::import_history)
            .service(members::crud::create)
            .service(members::crud::get_one)
            .service(members::crud::update)
            .service(members::crud::remove)
            .service(members::records::disciplines)
            .service(members::records::add_discipline)
            .service(members::records::remove_discipline)
            .service(members::records::suspensions)
            .service(members::records::add_suspension)
            .service(members::records::remove_suspension)
            .service(members::records::history)
            .service(members::records::record_history)
            .default_service(actix_web::web::to(not_found)),
    );
}

/// Anything under the API that no route matches.
/// An API path nobody serves (404), or one served with other methods (405 with `Allow`).
pub async fn not_found(req: actix_web::HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    if let Some(res) = crate::limits::method_not_allowed(req.method(), req.path()) {
        return Ok(res);
    }
    Err(ApiError::NotFound("Không có đường dẫn API này".into()))
}
