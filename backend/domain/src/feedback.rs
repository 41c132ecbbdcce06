//! Feedback on members (RULES.md M2, P1, P2, O6): where opinions come from, how a residence
//! form travels, and which phase of the plan takes each source.

use chrono::NaiveDate;

coded_enum! {
    /// Where an opinion on a member comes from (plan II.2.1, II.2.2).
    pub enum Source ("feedback source") {
        /// M2: the workplace's mass organisations' executive committees, in clusters.
        Workplace = "workplace",
        /// M2, P2: the residence party committee, by hand or by post.
        Residence = "residence",
        /// O6: the key-cadre meeting on the base committee's leaders.
        KeyCadreMeeting = "key_cadre_meeting",
    }
}

impl Source {
    /// P1: the phase of the plan that takes this source's opinions.
    pub fn phase(self) -> &'static str {
        match self {
            Source::Workplace => "workplace_feedback",
            Source::Residence => "residence_feedback",
            Source::KeyCadreMeeting => "key_cadre_meeting",
        }
    }
}

coded_enum! {
    /// P2: how a residence form goes out.
    pub enum Delivery ("feedback delivery") {
        Hand = "hand",
        /// With a stamped return envelope.
        Post = "post",
    }
}

/// P2: where a form stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormState {
    /// Not sent yet (no date of sending).
    NotSent,
    /// Sent, not back, its due date not passed (or none set).
    Sent,
    /// Back, with its answer.
    Returned,
    /// Sent, not back after its due date: missing, to chase.
    Missing,
}

/// P2: track sent, returned and missing forms per member.
pub fn p2_form_state(
    sent_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    returned_on: Option<NaiveDate>,
    today: NaiveDate,
) -> FormState {
    match (returned_on, sent_on) {
        (Some(_), _) => FormState::Returned,
        _ if due_on.is_some_and(|d| today > d) => FormState::Missing,
        (None, None) => FormState::NotSent,
        (None, Some(_)) => FormState::Sent,
    }
}

/// M2: the order of the year's work, as phases of the plan: opinions are gathered (workplace,
/// residence) before the branch meets, and the branch meets after the review suggestions and
/// the self-reviews.
pub const M2_ORDER: [&str; 5] = [
    "review_suggestions",
    "self_reviews",
    "workplace_feedback",
    "residence_feedback",
    "branch_meetings",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cycle::PLAN_2016;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2016, m, day).unwrap()
    }

    #[test]
    fn p2_a_form_is_sent_returned_or_missing_after_its_due_date() {
        let today = d(11, 14);
        assert_eq!(p2_form_state(None, None, None, today), FormState::NotSent);
        assert_eq!(
            p2_form_state(Some(d(11, 9)), Some(d(11, 14)), None, today),
            FormState::Sent,
            "due today is not late yet"
        );
        assert_eq!(
            p2_form_state(Some(d(11, 9)), Some(d(11, 13)), None, today),
            FormState::Missing
        );
        assert_eq!(
            p2_form_state(Some(d(11, 9)), Some(d(11, 13)), Some(d(11, 14)), today),
            FormState::Returned,
            "a form back late is back"
        );
        assert_eq!(
            p2_form_state(None, Some(d(11, 1)), None, today),
            FormState::Missing
        );
        assert_eq!(Delivery::try_from("post".to_owned()), Ok(Delivery::Post));
        assert!(Delivery::parse("email").is_none());
    }

    #[test]
    fn m2_opinions_are_gathered_before_the_branch_meets_in_the_plan() {
        let start = |code: &str| {
            PLAN_2016
                .iter()
                .find(|p| p.code == code)
                .map(|p| p.starts)
                .unwrap_or_else(|| panic!("{code} is a phase of the plan"))
        };
        for w in M2_ORDER.windows(2) {
            assert!(start(w[0]) <= start(w[1]), "{} before {}", w[0], w[1]);
        }
        for s in Source::ALL {
            assert!(
                PLAN_2016.iter().any(|p| p.code == s.phase()),
                "{s} has its phase"
            );
        }
        assert_eq!(
            Source::parse("residence").map(Source::phase),
            Some("residence_feedback")
        );
    }
}
