//! Progress of a cycle: per branch, what is done and what is overdue against the plan's
//! dates, rolled up for each base organisation, each district and the whole cycle.

use crate::{Actor, AppError};
use chrono::NaiveDate;
use kiemdiem_domain::self_review::Status;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::organizations::{self, OrgFilter};
use kiemdiem_store::{cycles, members, professional_ratings, self_reviews};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Counts {
    /// Active members to review.
    pub members: u32,
    pub self_reviews_draft: u32,
    pub self_reviews_submitted: u32,
    pub self_reviews_returned: u32,
    pub self_reviews_accepted: u32,
    /// Members with no self-review begun.
    pub self_reviews_missing: u32,
    /// Members whose self-review is not submitted although its phase has ended.
    pub self_reviews_overdue: u32,
    /// Civil servants (M9 needs their professional rating first).
    pub civil_servants: u32,
    pub professional_ratings: u32,
    pub feedback_requested: u32,
    pub feedback_returned: u32,
    /// Requests not returned by their due date.
    pub feedback_overdue: u32,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.members += o.members;
        self.self_reviews_draft += o.self_reviews_draft;
        self.self_reviews_submitted += o.self_reviews_submitted;
        self.self_reviews_returned += o.self_reviews_returned;
        self.self_reviews_accepted += o.self_reviews_accepted;
        self.self_reviews_missing += o.self_reviews_missing;
        self.self_reviews_overdue += o.self_reviews_overdue;
        self.civil_servants += o.civil_servants;
        self.professional_ratings += o.professional_ratings;
        self.feedback_requested += o.feedback_requested;
        self.feedback_returned += o.feedback_returned;
        self.feedback_overdue += o.feedback_overdue;
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgProgress {
    pub organization_id: i64,
    pub name: String,
    /// branch, base or district.
    pub kind: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Progress {
    pub cycle_id: i64,
    /// The day the overdue counts are taken on.
    pub as_of: NaiveDate,
    /// When the self-review phase ends.
    pub self_reviews_due: Option<NaiveDate>,
    pub branches: Vec<OrgProgress>,
    /// Each base organisation under the cycle's organisation, its branches added up.
    pub bases: Vec<OrgProgress>,
    /// Each district (Thành ủy, Huyện ủy) under the cycle's organisation, its bases added up.
    pub districts: Vec<OrgProgress>,
    pub total: Counts,
}

/// The cycle's progress as of `today`: per branch, rolled up per base, district and cycle.
pub fn of(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<Progress, AppError> {
    let (cycle, path) = crate::cycles::readable(conn, p, id)?;
    let due = cycles::phases(conn, id)?
        .into_iter()
        .find(|ph| ph.code == "self_reviews")
        .map(|ph| ph.ends_on);
    let overdue_now = due.is_some_and(|d| today > d);
    let orgs = organizations::list(
        conn,
        &OrgFilter {
            under: Some(path.clone()),
            ..Default::default()
        },
    )?;
    let reviews: HashMap<i64, Status> = self_reviews::of_cycle(conn, id)?
        .into_iter()
        .map(|s| (s.member_id, s.status))
        .collect();
    let rated: std::collections::HashSet<i64> = professional_ratings::of_cycle(conn, id)?
        .into_iter()
        .map(|r| r.member_id)
        .collect();
    let mut requests: HashMap<i64, Vec<kiemdiem_store::feedback::Request>> = HashMap::new();
    for r in kiemdiem_store::feedback::of_cycle(conn, id)? {
        requests.entry(r.member_id).or_default().push(r);
    }
    let mut per_branch: HashMap<i64, Counts> = HashMap::new();
    for (member, branch, category) in members::roster(conn, &path)? {
        let c = per_branch.entry(branch).or_default();
        c.members += 1;
        match reviews.get(&member) {
            Some(Status::Draft) => c.self_reviews_draft += 1,
            Some(Status::Submitted) => c.self_reviews_submitted += 1,
            Some(Status::Returned) => c.self_reviews_returned += 1,
            Some(Status::Accepted) => c.self_reviews_accepted += 1,
            None => c.self_reviews_missing += 1,
        }
        if overdue_now
            && !reviews
                .get(&member)
                .is_some_and(|s| s.counts_as_submitted())
        {
            c.self_reviews_overdue += 1;
        }
        for r in requests.get(&member).map(Vec::as_slice).unwrap_or_default() {
            c.feedback_requested += 1;
            if r.returned_on.is_some() {
                c.feedback_returned += 1;
            } else if r.due_on.is_some_and(|d| today > d) {
                c.feedback_overdue += 1;
            }
        }
        if category == "civil_servant" {
            c.civil_servants += 1;
            if rated.contains(&member) {
                c.professional_ratings += 1;
            }
        }
    }
    let mut branches = Vec::new();
    let mut bases = Vec::new();
    let mut total = Counts::default();
    let mut base_sums = Vec::new();
    for base in orgs.iter().filter(|o| o.kind == "base") {
        let mut sum = Counts::default();
        for b in orgs
            .iter()
            .filter(|o| o.kind == "branch" && o.path.starts_with(&base.path))
        {
            let counts = per_branch.remove(&b.id).unwrap_or_default();
            sum.add(&counts);
            branches.push(OrgProgress {
                organization_id: b.id,
                name: b.name.clone(),
                kind: b.kind.clone(),
                counts,
            });
        }
        total.add(&sum);
        base_sums.push((base.path.clone(), sum.clone()));
        bases.push(OrgProgress {
            organization_id: base.id,
            name: base.name.clone(),
            kind: base.kind.clone(),
            counts: sum,
        });
    }
    let districts = orgs
        .iter()
        .filter(|o| o.kind == "district")
        .map(|d| {
            let mut counts = Counts::default();
            for (_, sum) in base_sums.iter().filter(|(bp, _)| bp.starts_with(&d.path)) {
                counts.add(sum);
            }
            OrgProgress {
                organization_id: d.id,
                name: d.name.clone(),
                kind: d.kind.clone(),
                counts,
            }
        })
        .collect();
    Ok(Progress {
        cycle_id: cycle.id,
        as_of: today,
        self_reviews_due: due,
        branches,
        bases,
        districts,
        total,
    })
}
