//! Rewards (RULES.md W1–W6): candidates with five-year streaks and their evidence, the quotas
//! of a nominating organisation, emulation registrations (a precondition), nominations with
//! their quota checked under a lock, and the superior's decision and revocation (kept).

use crate::actor::Actor;
use crate::error::AppError;
use crate::paging::{Window, page_of};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::access::Access;
use kiemdiem_domain::rewards::{
    self as rules, Reward, W4_DISTRICT_LIMIT, has_streak, streak_years,
};
use kiemdiem_domain::rewards::{NominationDecision, NominationStatus, Registrant};
use kiemdiem_store::rewards::{self as store, NewNomination};
use kiemdiem_store::{AnyConnection, members, org_assessments, organizations};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// The organisation, if the caller is `allowed` on it (404 unseen, 403 seen but not allowed:
/// its committee nominates, and integration clients also read), and it is a base or a
/// district.
fn nominating(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    field: &str,
    allowed: fn(&Access, &str) -> bool,
) -> Result<organizations::Organization, AppError> {
    let org = organizations::get(conn, id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    if !allowed(&p.access, &org.path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức đề nghị khen thưởng",
        ));
    }
    if !matches!(org.kind.as_str(), "base" | "district") {
        return Err(AppError::field(
            field,
            "kind_mismatch",
            "Đảng bộ cơ sở hoặc Huyện/Thành ủy đề nghị khen thưởng",
        ));
    }
    Ok(org)
}

/// The organisation whose rewards are read (candidates, quotas, nominations): by its committee,
/// and by integration clients over it (issue #13, item 10).
fn rewards_of(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<organizations::Organization, AppError> {
    nominating(conn, p, id, "organization_id", Access::can_read_rewards)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct YearLevel {
    pub year: i32,
    /// The member's level (M1) or the organisation's (O1); none when the year is missing.
    pub level: Option<String>,
    pub exemplary: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MemberCandidate {
    pub member_id: i64,
    pub full_name: String,
    pub branch_name: String,
    /// The five years of W1, oldest first: the evidence.
    pub years: Vec<YearLevel>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgCandidate {
    pub organization_id: i64,
    pub name: String,
    pub kind: String,
    pub years: Vec<YearLevel>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Candidates {
    pub year: i32,
    /// Members with five years `excellent` (W1, W2, W3).
    pub members: Vec<MemberCandidate>,
    /// Branches and bases with five years `clean_strong` and exemplary (W1, W4, W5).
    pub organizations: Vec<OrgCandidate>,
}

fn member_years(
    conn: &mut AnyConnection,
    member_id: i64,
    year: i32,
) -> Result<Vec<YearLevel>, AppError> {
    let h: HashMap<i32, String> = members::history(conn, member_id)?
        .into_iter()
        .map(|e| (e.year, e.level))
        .collect();
    Ok(streak_years(year)
        .into_iter()
        .map(|y| YearLevel {
            year: y,
            level: h.get(&y).cloned(),
            exemplary: false,
        })
        .collect())
}

fn org_years(conn: &mut AnyConnection, org_id: i64, year: i32) -> Result<Vec<YearLevel>, AppError> {
    let mut out = Vec::new();
    for y in streak_years(year) {
        // The system's own assessment, else the year entered from the archives (W4/W5).
        let (level, exemplary) = match org_assessments::find(conn, y, org_id)? {
            Some(a) => (Some(a.level), a.exemplary),
            None => kiemdiem_store::org_history::find(conn, org_id, y)?
                .map_or((None, false), |h| (Some(h.level), h.exemplary)),
        };
        out.push(YearLevel {
            year: y,
            level,
            exemplary,
        });
    }
    Ok(out)
}

impl YearLevel {
    /// W1: whether this year counts towards a member's (or an organisation's) streak.
    fn qualifies(&self, for_member: bool) -> bool {
        if for_member {
            rules::member_year_qualifies(self.level.as_deref())
        } else {
            rules::org_year_qualifies(self.level.as_deref(), self.exemplary)
        }
    }
}

/// W1: five qualifying years in a row, ending with the last of `years`.
fn streak(years: &[YearLevel], for_member: bool) -> bool {
    let last = years.last().map_or(0, |y| y.year);
    has_streak(last, |y| {
        years.iter().any(|x| x.year == y && x.qualifies(for_member))
    })
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QuotaLine {
    /// member_certificate, member_commendation, branch_certificate, base_certificate,
    /// base_commendation or base_banner.
    pub reward: String,
    /// W2…W5.
    pub rule: String,
    /// None: no numeric limit.
    pub limit: Option<u32>,
    pub used: u32,
    /// How the limit was set, in words.
    pub basis: String,
}

fn quota_lines(
    conn: &mut AnyConnection,
    org: &organizations::Organization,
    year: i32,
) -> Result<Vec<QuotaLine>, AppError> {
    let members = u32::try_from(members::roster(conn, &org.path)?.len()).unwrap_or(u32::MAX);
    let mut out = Vec::new();
    for r in Reward::ALL
        .into_iter()
        .filter(|r| r.nominated_by() == org.kind)
    {
        let used = u32::try_from(store::used(conn, &[org.id], year, r.as_str())?).unwrap_or(0);
        let limit = rules::limit(r, members);
        let basis = match r {
            Reward::MemberCertificate => {
                format!("W2: Đảng bộ có {members} đảng viên (dưới 100: 1; 100–500: 3; trên 500: 5)")
            }
            Reward::MemberCommendation => "W3: tối đa 15 người mỗi Thành ủy".into(),
            Reward::BranchCertificate => "W4: mỗi Đảng bộ cơ sở chọn 1 chi bộ".into(),
            Reward::BaseCertificate => "W5: tổ chức tiêu biểu trong năm (giới hạn bởi O2)".into(),
            Reward::BaseCommendation => "W5: tối đa 7 tổ chức cơ sở đảng".into(),
            Reward::BaseBanner => "W5: tối đa 3 tổ chức cơ sở đảng".into(),
        };
        out.push(QuotaLine {
            reward: r.as_str().into(),
            rule: r.rule().into(),
            limit,
            used,
            basis,
        });
    }
    if org.kind == "district" {
        // W4: the branches the bases nominated, of which the district sends at most 10.
        let bases: Vec<i64> = organizations::subtree(conn, &org.path)?
            .into_iter()
            .filter(|o| o.kind == "base")
            .map(|o| o.id)
            .collect();
        let used = store::used(conn, &bases, year, Reward::BranchCertificate.as_str())?;
        out.push(QuotaLine {
            reward: Reward::BranchCertificate.as_str().into(),
            rule: "W4".into(),
            limit: Some(W4_DISTRICT_LIMIT),
            used: u32::try_from(used).unwrap_or(0),
            basis: "W4: Thành ủy gửi tối đa 10 chi bộ lên Tỉnh ủy".into(),
        });
    }
    Ok(out)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NominationRecord {
    pub id: i64,
    pub year: i32,
    pub reward: String,
    pub rule: String,
    pub member_id: Option<i64>,
    pub organization_id: Option<i64>,
    /// The member's or the organisation's name.
    pub nominee_name: String,
    pub nominating_organization_id: i64,
    /// nominated, approved, rejected or revoked.
    pub status: String,
    pub note: Option<String>,
    pub nominated_by: String,
    pub decided_by: Option<String>,
    pub decision_comment: Option<String>,
    pub revoked_reason: Option<String>,
    /// The five years behind it (W1).
    pub evidence: Vec<YearLevel>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn record(conn: &mut AnyConnection, n: store::Nomination) -> Result<NominationRecord, AppError> {
    let (name, evidence) = match (n.member_id, n.organization_id) {
        (Some(m), _) => (
            members::get(conn, m)?
                .map(|(m, _)| m.full_name)
                .unwrap_or_default(),
            member_years(conn, m, n.year)?,
        ),
        (_, Some(o)) => (
            organizations::get(conn, o)?
                .map(|o| o.name)
                .unwrap_or_default(),
            org_years(conn, o, n.year)?,
        ),
        _ => (String::new(), Vec::new()),
    };
    Ok(NominationRecord {
        id: n.id,
        year: n.year,
        rule: Reward::parse(&n.reward).map_or("", Reward::rule).into(),
        reward: n.reward,
        member_id: n.member_id,
        organization_id: n.organization_id,
        nominee_name: name,
        nominating_organization_id: n.nominating_organization_id,
        status: n.status.to_string(),
        note: n.note,
        nominated_by: n.nominated_by,
        decided_by: n.decided_by,
        decision_comment: n.decision_comment,
        revoked_reason: n.revoked_reason,
        evidence,
        created_at: n.created_at.and_utc(),
        updated_at: n.updated_at.and_utc(),
    })
}

/// Members and organisations under a base or a district with a five-year streak (W1), each
/// with the five years as evidence.
pub fn candidates(
    conn: &mut AnyConnection,
    p: &Actor,
    organization_id: i64,
    year: i32,
) -> Result<Candidates, AppError> {
    let org = rewards_of(conn, p, organization_id)?;
    let orgs = organizations::subtree(conn, &org.path)?;
    let names: HashMap<i64, String> = orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let mut out = Candidates {
        year,
        members: Vec::new(),
        organizations: Vec::new(),
    };
    for (m, branch, _) in members::roster(conn, &org.path)? {
        let years = member_years(conn, m, year)?;
        if streak(&years, true) {
            let (member, _) = members::get(conn, m)?.ok_or_else(AppError::not_found)?;
            out.members.push(MemberCandidate {
                member_id: m,
                full_name: member.full_name,
                branch_name: names.get(&branch).cloned().unwrap_or_default(),
                years,
            });
        }
    }
    for o in orgs
        .iter()
        .filter(|o| matches!(o.kind.as_str(), "base" | "branch"))
    {
        let years = org_years(conn, o.id, year)?;
        if streak(&years, false) {
            out.organizations.push(OrgCandidate {
                organization_id: o.id,
                name: o.name.clone(),
                kind: o.kind.clone(),
                years,
            });
        }
    }
    Ok(out)
}

/// A nominating organisation's quotas for the year, what each is based on and what is used.
pub fn quotas(
    conn: &mut AnyConnection,
    p: &Actor,
    organization_id: i64,
    year: i32,
) -> Result<Vec<QuotaLine>, AppError> {
    let org = rewards_of(conn, p, organization_id)?;
    quota_lines(conn, &org, year)
}

/// Registers an organisation for the year's emulation (W6: nobody unregistered is nominated).
pub fn register(
    conn: &mut AnyConnection,
    p: &Actor,
    organization_id: i64,
    year: i32,
    registered_on: Option<NaiveDate>,
) -> Result<(), AppError> {
    let org = organizations::get(conn, organization_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    if !p.access.can_administer(&org.path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức đăng ký thi đua",
        ));
    }
    if store::registered(conn, org.id, year)? {
        return Err(AppError::conflict(
            "already_registered",
            format!("{} đã đăng ký thi đua năm {}", org.name, year),
        ));
    }
    let on = registered_on.unwrap_or_else(crate::today);
    store::register(conn, org.id, year, on, &p.actor())?;
    p.audit("register", "emulation")
        .id(format!("{}/{}", org.id, year))
        .org(org.path)
        .record(conn)?;
    Ok(())
}

/// What a nomination names.
#[derive(Debug, Clone)]
pub struct Nomination {
    pub reward: Reward,
    pub year: i32,
    pub nominating_organization_id: i64,
    /// For member_certificate and member_commendation.
    pub member_id: Option<i64>,
    /// For the organisations' rewards.
    pub organization_id: Option<i64>,
    pub note: Option<String>,
}

/// Nominates a member or an organisation. Checked in this order: the nominating committee, the
/// nominee inside it, emulation registration (W6, 409), the streak (W1, 422), a second active
/// nomination (409), then the quota under the nominating organisation's lock (409 naming the
/// rule, W2–W5). Runs in the caller's write transaction.
pub fn nominate(
    conn: &mut AnyConnection,
    p: &Actor,
    b: Nomination,
) -> Result<NominationRecord, AppError> {
    let reward = b.reward;
    let org = nominating(
        conn,
        p,
        b.nominating_organization_id,
        "nominating_organization_id",
        Access::can_administer,
    )?;
    if org.kind != reward.nominated_by() {
        return Err(AppError::field(
            "nominating_organization_id",
            "kind_mismatch",
            if reward.nominated_by() == "base" {
                "Đảng bộ cơ sở đề nghị khen thưởng này"
            } else {
                "Thành ủy/Huyện ủy đề nghị khen thưởng này"
            },
        ));
    }
    // The nominee, inside the nominating organisation; and the unit that must have
    // registered for emulation (W6).
    let (member_id, organization_id, registrant, years) = match reward.registrant() {
        Registrant::MembersBase => {
            let m = b.member_id.ok_or_else(|| {
                AppError::field("member_id", "required", "Cần đảng viên được đề nghị")
            })?;
            let (_, branch_path) = members::get(conn, m)?
                .filter(|(_, path)| path.starts_with(&org.path))
                .ok_or_else(AppError::not_found)?;
            let ids = organizations::path_ids(&branch_path);
            let base = organizations::by_ids(conn, &ids)?
                .into_iter()
                .find(|o| o.kind == "base")
                .ok_or_else(AppError::not_found)?;
            (Some(m), None, base, member_years(conn, m, b.year)?)
        }
        Registrant::Nominee => {
            let o = b.organization_id.ok_or_else(|| {
                AppError::field("organization_id", "required", "Cần tổ chức được đề nghị")
            })?;
            let nominee = organizations::get(conn, o)?
                .filter(|x| x.path.starts_with(&org.path))
                .ok_or_else(AppError::not_found)?;
            if Some(nominee.kind.as_str()) != reward.nominee_kind() {
                return Err(AppError::field(
                    "organization_id",
                    "kind_mismatch",
                    "Loại tổ chức không đúng với hình thức khen thưởng",
                ));
            }
            let years = org_years(conn, nominee.id, b.year)?;
            (None, Some(nominee.id), nominee, years)
        }
    };
    if !store::registered(conn, registrant.id, b.year)? {
        return Err(AppError::conflict(
            "not_registered",
            format!(
                "{} chưa đăng ký thi đua năm {} (W6)",
                registrant.name, b.year
            ),
        ));
    }
    // W1 (W5's yearly certificate: the year itself only).
    let qualifies = if reward.needs_streak() {
        streak(&years, reward.for_member())
    } else {
        years.last().is_some_and(|y| y.qualifies(false))
    };
    if !qualifies {
        return Err(AppError::NoStreak {
            field: if reward.for_member() {
                "member_id"
            } else {
                "organization_id"
            },
            years: years
                .iter()
                .filter(|y| !y.qualifies(reward.for_member()))
                .map(|y| y.year)
                .collect(),
        });
    }
    if store::duplicate(conn, b.year, reward.as_str(), member_id, organization_id)? {
        return Err(AppError::conflict(
            "already_nominated",
            "Đã được đề nghị hình thức khen thưởng này trong năm",
        ));
    }
    kiemdiem_store::organizations::lock(conn, org.id)?;
    let base_members = u32::try_from(members::roster(conn, &org.path)?.len()).unwrap_or(u32::MAX);
    if let Some(limit) = rules::limit(reward, base_members) {
        let used = store::used(conn, &[org.id], b.year, reward.as_str())?;
        if used >= i64::from(limit) {
            return Err(AppError::QuotaExceeded {
                rule: reward.rule(),
                detail: format!(
                    "{}: {} đã đề nghị {used}/{limit} cho hình thức này năm {}",
                    reward.rule(),
                    org.name,
                    b.year
                ),
            });
        }
    }
    if reward == Reward::BranchCertificate {
        // W4 also bounds the district: at most 10 branches across its bases.
        let district = organizations::by_ids(conn, &organizations::path_ids(&org.path))?
            .into_iter()
            .find(|o| o.kind == "district");
        if let Some(d) = district {
            kiemdiem_store::organizations::lock(conn, d.id)?;
            let bases: Vec<i64> = organizations::subtree(conn, &d.path)?
                .into_iter()
                .filter(|o| o.kind == "base")
                .map(|o| o.id)
                .collect();
            let used = store::used(conn, &bases, b.year, reward.as_str())?;
            if used >= i64::from(W4_DISTRICT_LIMIT) {
                return Err(AppError::QuotaExceeded {
                    rule: "W4",
                    detail: format!(
                        "W4: {} đã có {used}/{W4_DISTRICT_LIMIT} chi bộ được đề nghị",
                        d.name
                    ),
                });
            }
        }
    }
    let id = store::create(
        conn,
        &NewNomination {
            year: b.year,
            reward: reward.as_str(),
            member_id,
            organization_id,
            nominating_organization_id: org.id,
            note: b.note.as_deref(),
            nominated_by: &p.actor(),
        },
    )?;
    let n = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let out = record(conn, n)?;
    kiemdiem_store::webhooks::emit(
        conn,
        "reward.nominated",
        &org.path,
        &serde_json::json!({
            "event": "reward.nominated", "nomination_id": id, "reward": out.reward,
            "rule": out.rule, "year": out.year, "member_id": out.member_id,
            "organization_id": out.organization_id, "nominating_organization_id": org.id,
        })
        .to_string(),
    )?;
    p.audit("nominate", "reward")
        .id(id)
        .org(org.path.clone())
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// The nominations an organisation made, or its bases made (for a district), that year; a
/// page of them.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    organization_id: i64,
    year: i32,
    w: Window,
) -> Result<NominationPage, AppError> {
    let org = rewards_of(conn, p, organization_id)?;
    let ids: Vec<i64> = organizations::subtree(conn, &org.path)?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let rows = store::list(conn, &ids, year)?;
    Ok(NominationPage::of(w.cut(rows, |n| record(conn, n))?, w))
}

page_of!(
    /// A page of reward nominations.
    NominationPage,
    NominationRecord
);

/// A decision on a nomination, checked before anything is read: the status it moves from and
/// to, and the comment (a revocation needs its reason, W6).
#[derive(Debug, Clone)]
pub struct Decision {
    decision: NominationDecision,
    comment: Option<String>,
}

impl Decision {
    /// `decision`: approve, reject or revoke.
    pub fn parse(decision: &str, comment: Option<&str>) -> Result<Decision, AppError> {
        let comment = kiemdiem_domain::text::non_blank(comment);
        let decision = match NominationDecision::parse(decision) {
            Some(d) if d.needs_reason() && comment.is_none() => {
                return Err(AppError::field(
                    "comment",
                    "required",
                    "Thu hồi cần ghi lý do",
                ));
            }
            Some(d) => d,
            None => {
                return Err(AppError::field(
                    "decision",
                    "invalid_choice",
                    "approve, reject hoặc revoke",
                ));
            }
        };
        Ok(Decision { decision, comment })
    }
}

/// The committee above the nominating organisation approves or rejects a nomination, or
/// revokes an approved reward found undeserved (W6, with a reason; kept in history).
/// `decision`: approve, reject or revoke.
pub fn decide(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    d: &Decision,
) -> Result<NominationRecord, AppError> {
    let (decision, comment) = (d.decision, d.comment.clone());
    let (from, to) = decision.transition();
    let n = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let org = organizations::get(conn, n.nominating_organization_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    let parent = org
        .parent_id
        .and_then(|pid| organizations::get(conn, pid).ok().flatten());
    if !parent.is_some_and(|x| p.access.can_administer(&x.path)) {
        return Err(AppError::forbidden(
            "Cấp ủy cấp trên của tổ chức đề nghị quyết định khen thưởng",
        ));
    }
    if n.status != from {
        return Err(AppError::conflict(
            "wrong_status",
            format!("Đề nghị đang ở trạng thái {}", n.status),
        ));
    }
    let actor = p.actor();
    let revoked = (to == NominationStatus::Revoked)
        .then_some(comment.as_deref())
        .flatten();
    let decision_comment = if to == NominationStatus::Revoked {
        n.decision_comment.clone()
    } else {
        comment.clone()
    };
    store::set_status(conn, id, to, &actor, decision_comment.as_deref(), revoked)?;
    let after = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let out = record(conn, after)?;
    p.audit(decision.as_str(), "reward")
        .id(id)
        .org(org.path.clone())
        .before(&serde_json::json!({ "status": n.status }))
        .after(&serde_json::json!({ "status": to, "comment": comment }))
        .record(conn)?;
    Ok(out)
}
