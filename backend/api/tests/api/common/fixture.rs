//! A small world for access tests: two provinces with full chains, one actor per role, and
//! for every actor and organisation a "holder" user with a role there (so that nothing in
//! the tree can be deleted and every user endpoint has a target per relation).
//!
//! ```text
//! P1 ─ D1 ─ B1 ─ Br1 ─ C1          P2 ─ D3 ─ B3 ─ Br3 ─ C3
//!    │    └ B2    └ Br2
//!    └ D2 ─ B4 ─ Br4
//!
//! Members sit on branches: for each actor and branch a member to read and change
//! (`members`, with one discipline record) and one to delete (`doomed_members`).
//! ```

use diesel::ExpressionMethods;
use kiemdiem_api::auth::jwt::Keys;
use kiemdiem_store::organizations::{self, NewOrganization, Organization};
use kiemdiem_store::{AnyConnection, service_accounts, users};
use std::collections::HashMap;

pub const ACTORS: [&str; 8] = [
    "anonymous",
    "admin",
    "committee",
    "branch_committee",
    "inspection",
    "feedback_provider",
    "member",
    "integration",
];

/// Where a target organisation stands relative to the actor's own.
pub const RELATIONS: [&str; 5] = ["own", "child", "parent", "sibling", "other"];

pub struct Fixture {
    pub orgs: HashMap<&'static str, Organization>,
    pub tokens: HashMap<&'static str, String>,
    /// (actor, org) → (holder user id, the holder's assignment id)
    pub holders: HashMap<(&'static str, &'static str), (i64, i64)>,
    /// The same, kept apart for the tests that delete users.
    pub doomed: HashMap<(&'static str, &'static str), i64>,
    pub victim_service_account: i64,
    /// (actor, relation) → (member id, discipline id), in `member_branch(actor, relation)`
    pub members: HashMap<(&'static str, &'static str), (i64, i64)>,
    /// (actor, relation) → a suspension of that relation's member.
    pub suspensions: HashMap<(&'static str, &'static str), i64>,
    pub doomed_members: HashMap<(&'static str, &'static str), i64>,
    /// (actor, relation) → (cycle id, its first phase's id), on `cycle_org(actor, relation)`,
    /// each in a year of its own.
    pub cycles: HashMap<(&'static str, &'static str), (i64, i64)>,
    /// (actor, relation) → a suggestion to that relation's member, in that relation's cycle.
    pub suggestions: HashMap<(&'static str, &'static str), i64>,
    /// (actor, relation) → a feedback request on that relation's member, assigned to the
    /// feedback_provider actor.
    pub feedback: HashMap<(&'static str, &'static str), i64>,
    /// (actor, relation) → an open paper voting session of that relation's cycle on
    /// `member_branch(actor, relation)`, with that relation's member on its roll.
    pub sessions: HashMap<(&'static str, &'static str), i64>,
}

/// The year of the cycle of (actor, relation): each in a year of its own, from 2001.
pub fn cycle_year(actor: &str, relation: &str) -> i32 {
    let a = ACTORS.iter().position(|x| *x == actor).unwrap_or(0);
    let r = RELATIONS.iter().position(|x| *x == relation).unwrap_or(0);
    2001 + (a * RELATIONS.len() + r) as i32
}

/// The organisation whose cycle stands in the given relation to the actor: for those on a
/// branch, the base above it is "own" (they work inside it).
pub fn cycle_org(actor: &str, relation: &str) -> &'static str {
    let on_branch = matches!(actor, "branch_committee" | "feedback_provider" | "member");
    match (on_branch, relation) {
        (false, "own") => "D1",
        (false, "child") => "B1",
        (false, "parent") => "P1",
        (false, "sibling") => "D2",
        (false, _) => "D3",
        (true, "own" | "child") => "B1",
        (true, "parent") => "D1",
        (true, "sibling") => "B2",
        (true, _) => "B3",
    }
}

impl Fixture {
    pub fn card_of(&self, conn: &mut AnyConnection, member: i64) -> String {
        kiemdiem_store::members::get(conn, member)
            .unwrap()
            .unwrap()
            .0
            .card_number
            .unwrap()
    }
}

/// The branch whose members stand in the given relation to the actor.
pub fn member_branch(actor: &str, relation: &str) -> &'static str {
    let on_branch = matches!(actor, "branch_committee" | "feedback_provider" | "member");
    match (on_branch, relation) {
        (_, "own" | "child") => "Br1",
        (false, "parent" | "sibling") => "Br4",
        (true, "parent" | "sibling") => "Br2",
        _ => "Br3",
    }
}

/// Card numbers: `9` and the member's name hashed into seven digits is not unique enough,
/// so a counter.
fn next_card() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(90_000_000);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

fn member(conn: &mut AnyConnection, name: &str, branch: i64) -> i64 {
    let d = kiemdiem_domain::member::MemberData {
        card_number: Some(next_card()),
        full_name: format!("Đảng Viên {name}"),
        gender: "male".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
        branch_id: branch,
        status: "official".into(),
        admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
        official_on: chrono::NaiveDate::from_ymd_opt(2006, 1, 1),
        category: "civil_servant".into(),
        active: true,
        ..Default::default()
    };
    kiemdiem_store::members::create(conn, &d).unwrap()
}

const TREE: [(&str, &str, Option<&str>); 15] = [
    ("P1", "province", None),
    ("D1", "district", Some("P1")),
    ("D2", "district", Some("P1")),
    ("B4", "base", Some("D2")),
    ("Br4", "branch", Some("B4")),
    ("B1", "base", Some("D1")),
    ("B2", "base", Some("D1")),
    ("Br1", "branch", Some("B1")),
    ("Br2", "branch", Some("B1")),
    ("C1", "cell", Some("Br1")),
    ("P2", "province", None),
    ("D3", "district", Some("P2")),
    ("B3", "base", Some("D3")),
    ("Br3", "branch", Some("B3")),
    ("C3", "cell", Some("Br3")),
];

/// The organisation an actor sits on, and the target for each relation.
pub fn target(actor: &str, relation: &str) -> &'static str {
    let on_branch = matches!(actor, "branch_committee" | "feedback_provider" | "member");
    match (on_branch, relation) {
        (false, "own") => "D1",
        (false, "child") => "B1",
        (false, "parent") => "P1",
        (false, "sibling") => "D2",
        (false, "other") => "D3",
        (true, "own") => "Br1",
        (true, "child") => "C1",
        (true, "parent") => "B1",
        (true, "sibling") => "Br2",
        (true, _) => "Br3",
        _ => unreachable!("relation {relation}"),
    }
}

fn user(conn: &mut AnyConnection, name: &str) -> i64 {
    users::create(
        conn,
        users::NewUser {
            username: name,
            display_name: name,
            // Never used to log in.
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
            member_id: None,
        },
    )
    .unwrap()
    .id
}

impl Fixture {
    pub fn build(conn: &mut AnyConnection, keys: &Keys) -> Fixture {
        let mut orgs: HashMap<&'static str, Organization> = HashMap::new();
        for (code, kind, parent) in TREE {
            let parent = parent.map(|p| orgs[p].clone());
            let org = organizations::create(
                conn,
                NewOrganization {
                    kind,
                    code,
                    name: &format!("Tổ chức {code}"),
                    parent: parent.as_ref(),
                },
            )
            .unwrap();
            orgs.insert(code, org);
        }
        let mut tokens = HashMap::new();
        let mut provider = None;
        for actor in ACTORS {
            let sub = match actor {
                "anonymous" => continue,
                "integration" => {
                    let id = service_accounts::create(
                        conn,
                        "kd-test",
                        "Hệ thống Tỉnh ủy",
                        "x",
                        orgs["D1"].id,
                    )
                    .unwrap();
                    format!("service:{id}")
                }
                role => {
                    let id = user(conn, role);
                    let org = match role {
                        "admin" => None,
                        other => Some(orgs[target(other, "own")].id),
                    };
                    users::add_assignment(conn, id, role, org).unwrap();
                    if role == "feedback_provider" {
                        provider = Some(id);
                    }
                    format!("user:{id}")
                }
            };
            tokens.insert(actor, keys.issue(sub, 0).unwrap().0);
        }
        let mut holders = HashMap::new();
        let mut doomed = HashMap::new();
        for actor in ACTORS {
            for (code, _, _) in TREE {
                let id = user(conn, &format!("h_{actor}_{code}"));
                let assignment =
                    users::add_assignment(conn, id, "feedback_provider", Some(orgs[code].id))
                        .unwrap();
                holders.insert((actor, code), (id, assignment));
                let id = user(conn, &format!("d_{actor}_{code}"));
                users::add_assignment(conn, id, "feedback_provider", Some(orgs[code].id)).unwrap();
                doomed.insert((actor, code), id);
            }
        }
        let mut members = HashMap::new();
        let mut suspensions = HashMap::new();
        let mut doomed_members = HashMap::new();
        for actor in ACTORS {
            for relation in RELATIONS {
                let branch = member_branch(actor, relation);
                let id = member(conn, &format!("T {actor} {relation}"), orgs[branch].id);
                use diesel::RunQueryDsl;
                use kiemdiem_store::schema::disciplines as d;
                let discipline = diesel::insert_into(d::table)
                    .values((
                        d::member_id.eq(id),
                        d::form.eq("Khiển trách"),
                        d::issuing_body.eq("Chi bộ"),
                        d::decided_on.eq(chrono::NaiveDate::from_ymd_opt(2015, 6, 1).unwrap()),
                        d::created_at.eq(kiemdiem_store::organizations::now()),
                    ))
                    .returning(d::id)
                    .get_result::<i64>(conn)
                    .unwrap();
                members.insert((actor, relation), (id, discipline));
                use kiemdiem_store::schema::member_suspensions as ms;
                let suspension = diesel::insert_into(ms::table)
                    .values((
                        ms::member_id.eq(id),
                        ms::issuing_body.eq("Chi bộ"),
                        ms::starts_on.eq(chrono::NaiveDate::from_ymd_opt(2014, 1, 1).unwrap()),
                        ms::ends_on.eq(chrono::NaiveDate::from_ymd_opt(2014, 6, 1).unwrap()),
                        ms::created_at.eq(kiemdiem_store::organizations::now()),
                    ))
                    .returning(ms::id)
                    .get_result::<i64>(conn)
                    .unwrap();
                suspensions.insert((actor, relation), suspension);
                doomed_members.insert(
                    (actor, relation),
                    member(conn, &format!("D {actor} {relation}"), orgs[branch].id),
                );
            }
        }
        let mut cycles = HashMap::new();
        for actor in ACTORS {
            for relation in RELATIONS {
                let year = cycle_year(actor, relation);
                let id = kiemdiem_store::cycles::create(
                    conn,
                    kiemdiem_store::cycles::NewCycle {
                        organization_id: orgs[cycle_org(actor, relation)].id,
                        year,
                        rule_set: "vinh-2016",
                        rules_json: "{}",
                        reference_date: chrono::NaiveDate::from_ymd_opt(year, 11, 15).unwrap(),
                    },
                    &kiemdiem_domain::cycle::plan_for(year),
                )
                .unwrap();
                let phase = kiemdiem_store::cycles::phases(conn, id).unwrap()[0].id;
                cycles.insert((actor, relation), (id, phase));
            }
        }
        let mut suggestions = HashMap::new();
        for actor in ACTORS {
            for relation in RELATIONS {
                let member = members[&(actor, relation)].0;
                let (_, path) = kiemdiem_store::members::get(conn, member).unwrap().unwrap();
                let sid = kiemdiem_store::suggestions::create(
                    conn,
                    &kiemdiem_store::suggestions::NewSuggestion {
                        cycle_id: cycles[&(actor, relation)].0,
                        member_id: Some(member),
                        organization_id: None,
                        subject_path: &path,
                        issuer_role: "inspection",
                        issued_by: "ubkt",
                        content: "Làm rõ việc chậm nộp báo cáo",
                        due_on: chrono::NaiveDate::from_ymd_opt(2016, 11, 15).unwrap(),
                    },
                )
                .unwrap();
                suggestions.insert((actor, relation), sid);
            }
        }
        let mut feedback = HashMap::new();
        for actor in ACTORS {
            for relation in RELATIONS {
                let rid = kiemdiem_store::feedback::create(
                    conn,
                    &kiemdiem_store::feedback::NewRequest {
                        cycle_id: cycles[&(actor, relation)].0,
                        member_id: members[&(actor, relation)].0,
                        source: "residence",
                        provider_user_id: provider,
                        cluster: None,
                        led_by: None,
                        delivery: Some("post"),
                        sent_on: None,
                        due_on: None,
                        return_envelope: false,
                    },
                )
                .unwrap();
                feedback.insert((actor, relation), rid);
            }
        }
        let mut sessions = HashMap::new();
        for actor in ACTORS {
            for relation in RELATIONS {
                let member = members[&(actor, relation)].0;
                let sid = kiemdiem_store::voting::create(
                    conn,
                    &kiemdiem_store::voting::NewSession {
                        cycle_id: cycles[&(actor, relation)].0,
                        branch_id: orgs[member_branch(actor, relation)].id,
                        kind: "regular",
                        mode: "paper_tally",
                        held_on: chrono::NaiveDate::from_ymd_opt(2016, 11, 12).unwrap(),
                        outstanding_unit: false,
                        opened_by: "fixture",
                    },
                )
                .unwrap();
                kiemdiem_store::voting::add_roll(
                    conn,
                    &[kiemdiem_store::voting::RollEntry {
                        session_id: sid,
                        member_id: member,
                        official: true,
                        exempt: false,
                        attached: false,
                        subject: true,
                        present: true,
                        faults: false,
                        leader_unit_rating: None,
                        leader_party_org_rating: None,
                    }],
                )
                .unwrap();
                sessions.insert((actor, relation), sid);
            }
        }
        let victim_service_account =
            service_accounts::create(conn, "kd-victim", "Victim", "x", orgs["D2"].id).unwrap();
        Fixture {
            orgs,
            tokens,
            holders,
            doomed,
            victim_service_account,
            members,
            suspensions,
            doomed_members,
            cycles,
            suggestions,
            feedback,
            sessions,
        }
    }

    pub fn org(&self, code: &str) -> &Organization {
        &self.orgs[code]
    }

    pub fn bearer(&self, actor: &str) -> Option<String> {
        self.tokens.get(actor).map(|t| format!("Bearer {t}"))
    }
}
