//! `kiemdiem seed-demo`: the organisation of the 2016 plan (Nghệ An → Thành ủy Vinh → the
//! university's party committee → its branches), about 150 members with realistic names,
//! four years of history, and one user per role with the demo passwords of the README.
//! Deterministic, and a no-op when the demo province is already there.

use chrono::NaiveDate;
use kiemdiem_api::auth::password;
use kiemdiem_api::error::ApiError;
use kiemdiem_domain::member::MemberData;
use kiemdiem_store::organizations::{self, NewOrganization, Organization};
use kiemdiem_store::{AnyConnection, db::write_tx, members, service_accounts, users};

/// (username, password, display name, role, organisation code)
pub const LOGINS: [(&str, &str, &str, &str, &str); 7] = [
    (
        "admin",
        "quantri-demo-2016",
        "Quản trị hệ thống",
        "admin",
        "",
    ),
    (
        "thanhuy.vinh",
        "thanhuy-demo-2016",
        "Ban Tổ chức Thành ủy Vinh",
        "committee",
        "TU-VINH",
    ),
    (
        "danguy.dhkt",
        "danguy-demo-2016",
        "Thường trực Đảng ủy",
        "committee",
        "DU-DHKT",
    ),
    (
        "bithu.llct",
        "chiuy-demo-2016",
        "Bí thư Chi bộ Khoa Lý luận chính trị",
        "branch_committee",
        "CB-LLCT",
    ),
    (
        "ubkt.dhkt",
        "ubkt-demo-2016",
        "Ủy ban Kiểm tra Đảng ủy",
        "inspection",
        "DU-DHKT",
    ),
    (
        "congdoan.dhkt",
        "doanthe-demo-2016",
        "Công đoàn trường",
        "feedback_provider",
        "DU-DHKT",
    ),
    (
        "dangvien.llct",
        "dangvien-demo-2016",
        "",
        "member",
        "CB-LLCT",
    ),
];

pub const SERVICE_CLIENT_ID: &str = "kd-demo-tinhuy";
pub const SERVICE_SECRET: &str = "tinhuy-demo-secret-2016";

const BRANCHES: [(&str, &str); 7] = [
    ("CB-LLCT", "Chi bộ Khoa Lý luận chính trị"),
    ("CB-NL", "Chi bộ Khoa Nông lâm"),
    ("CB-TCNH", "Chi bộ Khoa Tài chính - Ngân hàng"),
    ("CB-QTKD", "Chi bộ Khoa Quản trị kinh doanh"),
    ("CB-CS", "Chi bộ Khoa Cơ sở"),
    ("CB-KTPT", "Chi bộ Khoa Kế toán - Phân tích"),
    ("CB-VP", "Chi bộ Khối văn phòng - Công tác chính trị HSSV"),
];

const FAMILY: [&str; 20] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Võ", "Thái", "Chu", "Cao", "Lưu",
];
const MIDDLE_MALE: [&str; 10] = [
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Xuân", "Thanh", "Công", "Đình", "Sỹ",
];
const MIDDLE_FEMALE: [&str; 8] = [
    "Thị",
    "Thị Thu",
    "Ngọc",
    "Thị Hồng",
    "Thanh",
    "Thị Kim",
    "Hoài",
    "Diệu",
];
const GIVEN_MALE: [&str; 24] = [
    "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Khánh", "Long",
    "Minh", "Nam", "Phong", "Quang", "Sơn", "Thắng", "Trung", "Tuấn", "Tùng", "Vinh", "Ưng",
    "Việt",
];
const GIVEN_FEMALE: [&str; 24] = [
    "Anh", "Ánh", "Chi", "Đào", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
    "Ngân", "Ngọc", "Nhung", "Phương", "Tâm", "Thảo", "Thủy", "Trang", "Uyên", "Xuân", "Yến",
];

/// A small deterministic generator, so that every demo has the same people.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, ApiError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| ApiError::Internal(format!("bad date {y}-{m}-{d}")))
}

fn org(
    conn: &mut AnyConnection,
    kind: &str,
    code: &str,
    name: &str,
    parent: Option<&Organization>,
) -> Result<Organization, ApiError> {
    Ok(organizations::create(
        conn,
        NewOrganization {
            kind,
            code,
            name,
            parent,
        },
    )?)
}

/// Seeds the demo; returns false when it was already there.
pub fn seed(conn: &mut AnyConnection) -> Result<bool, String> {
    seed_all(conn).map_err(|e| match e {
        ApiError::Internal(m) => m,
        other => other.to_problem().detail,
    })
}

fn seed_all(conn: &mut AnyConnection) -> Result<bool, ApiError> {
    if organizations::code_taken(conn, "TU-NGHEAN", None)? {
        return Ok(false);
    }
    // Hash first: slow, and not worth holding the write lock for.
    let hashes: Vec<String> = LOGINS
        .iter()
        .map(|(_, pw, ..)| password::hash(pw))
        .collect::<Result<_, _>>()?;
    let service_hash = password::hash(SERVICE_SECRET)?;
    write_tx(conn, |conn| -> Result<bool, ApiError> {
        let province = org(conn, "province", "TU-NGHEAN", "Tỉnh ủy Nghệ An", None)?;
        let district = org(
            conn,
            "district",
            "TU-VINH",
            "Thành ủy Vinh",
            Some(&province),
        )?;
        let base = org(
            conn,
            "base",
            "DU-DHKT",
            "Đảng bộ Trường Đại học Kinh tế Nghệ An",
            Some(&district),
        )?;
        let mut branches = Vec::new();
        for (code, name) in BRANCHES {
            branches.push(org(conn, "branch", code, name, Some(&base))?);
        }
        // The 2016 cycle of the base, on the 2016 plan, so that every page has something.
        let rules = kiemdiem_domain::rule_set::builtin(kiemdiem_domain::rule_set::DEFAULT)
            .ok_or_else(|| ApiError::Internal("no default rule set".into()))?;
        let cycle = kiemdiem_store::cycles::create(
            conn,
            kiemdiem_store::cycles::NewCycle {
                organization_id: base.id,
                year: 2016,
                rule_set: &rules.name,
                rules_json: &serde_json::to_string(&rules)
                    .map_err(|e| ApiError::Internal(e.to_string()))?,
                reference_date: date(2016, 11, 15)?,
            },
            &kiemdiem_domain::cycle::plan_for(2016),
        )?;
        // This year's cycle under the rules in force (Quy định 366, RULES-2025.md): members of
        // the second branch have submitted their points forms; the demo member has not yet.
        let rules_2026 = kiemdiem_domain::rule_set::builtin(kiemdiem_domain::rule_set::TW_366_2025)
            .ok_or_else(|| ApiError::Internal("no tw-366-2025".into()))?;
        let points_2026 = rules_2026
            .points
            .clone()
            .ok_or_else(|| ApiError::Internal("tw-366-2025 has no points".into()))?;
        let cycle_2026 = kiemdiem_store::cycles::create(
            conn,
            kiemdiem_store::cycles::NewCycle {
                organization_id: base.id,
                year: 2026,
                rule_set: &rules_2026.name,
                rules_json: &serde_json::to_string(&rules_2026)
                    .map_err(|e| ApiError::Internal(e.to_string()))?,
                reference_date: date(2026, 12, 15)?,
            },
            &kiemdiem_domain::cycle::plan_of(true, 2026),
        )?;
        let mut rng = Lcg(2016);
        let mut first_llct_member = None;
        let mut card = 34_016_000u64;
        for (b, branch) in branches.iter().enumerate() {
            let students = branch.code == "CB-VP";
            for i in 0..(20 + b as u64 % 3) {
                card += 1 + rng.below(7);
                let female = rng.below(2) == 0;
                let name = format!(
                    "{} {} {}",
                    rng.pick(&FAMILY),
                    if female {
                        rng.pick(&MIDDLE_FEMALE)
                    } else {
                        rng.pick(&MIDDLE_MALE)
                    },
                    if female {
                        rng.pick(&GIVEN_FEMALE)
                    } else {
                        rng.pick(&GIVEN_MALE)
                    },
                );
                let student = students && i % 3 == 0;
                let born_year = if student {
                    1992 + rng.below(3) as i32
                } else {
                    1960 + rng.below(28) as i32
                };
                let born = date(
                    born_year,
                    1 + rng.below(12) as u32,
                    1 + rng.below(28) as u32,
                )?;
                let probationary = rng.below(12) == 0 || (student && i % 2 == 0);
                let admitted = if probationary {
                    date(2016, 1 + rng.below(9) as u32, 1 + rng.below(28) as u32)?
                } else {
                    date(
                        (born_year + 20 + rng.below(12) as i32).min(2014),
                        1 + rng.below(12) as u32,
                        1 + rng.below(28) as u32,
                    )?
                };
                let official =
                    (!probationary).then(|| kiemdiem_domain::member::add_years(admitted, 1));
                let attached = !student && rng.below(40) == 0;
                let leader = !student && i == 0;
                let data = MemberData {
                    card_number: Some(card.to_string()),
                    full_name: name,
                    gender: if female { "female" } else { "male" }.into(),
                    date_of_birth: Some(born),
                    branch_id: branch.id,
                    status: if probationary {
                        "probationary"
                    } else {
                        "official"
                    }
                    .into(),
                    admitted_on: Some(admitted),
                    official_on: official,
                    category: if student { "student" } else { "civil_servant" }.into(),
                    exempt: !student && born_year < 1962 && rng.below(3) == 0,
                    attached,
                    home_branch_name: attached.then(|| "Chi bộ Sở Tài chính Nghệ An".into()),
                    leadership_post: leader.then(|| {
                        if b == 0 {
                            "Phó Hiệu trưởng".into()
                        } else {
                            "Trưởng khoa".into()
                        }
                    }),
                    leadership_level: leader.then(|| "grassroots".into()),
                    workplace_unit: Some(branch.name.trim_start_matches("Chi bộ ").to_owned()),
                    workplace_post: Some(
                        if student {
                            "Sinh viên"
                        } else if i % 4 == 1 {
                            "Chuyên viên"
                        } else {
                            "Giảng viên"
                        }
                        .into(),
                    ),
                    residence_address: Some(format!(
                        "Phường {}, TP. Vinh, Nghệ An",
                        rng.pick(&[
                            "Hưng Bình",
                            "Trường Thi",
                            "Bến Thủy",
                            "Hà Huy Tập",
                            "Lê Lợi",
                            "Quang Trung"
                        ])
                    )),
                    phone: Some(format!("09{:08}", rng.below(100_000_000))),
                    active: true,
                    ..Default::default()
                };
                let problems = kiemdiem_domain::member::check(&data, date(2016, 11, 15)?);
                if let Some(p) = problems.first() {
                    return Err(ApiError::Internal(format!(
                        "demo member {}: {} {}",
                        data.full_name, p.field, p.message
                    )));
                }
                let id = members::create(conn, &data)?;
                if !student && rng.below(15) == 0 {
                    members::set_long_absences(conn, id, &[2016])?;
                }
                // The first branch is ready to vote: self-reviews in, civil servants rated.
                if b == 0 {
                    let review = kiemdiem_store::self_reviews::save(
                        conn,
                        cycle,
                        id,
                        &kiemdiem_store::self_reviews::Content {
                            political_ideology:
                                "Kiên định chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh.".into(),
                            ethics_lifestyle: "Giữ gìn phẩm chất đạo đức, lối sống giản dị.".into(),
                            duties: "Hoàn thành các nhiệm vụ giảng dạy và nghiên cứu được giao."
                                .into(),
                            organisation_discipline:
                                "Chấp hành nghiêm nguyên tắc tập trung dân chủ.".into(),
                            shortcomings: "Có lúc còn chậm đổi mới phương pháp.".into(),
                            remedies: "Tăng cường tự học, đổi mới phương pháp trong năm 2017."
                                .into(),
                            suggestion_answers: String::new(),
                            self_assessed_level: Some("good".into()),
                        },
                        "demo",
                        false,
                    )?;
                    kiemdiem_store::self_reviews::set_status(
                        conn,
                        review.id,
                        kiemdiem_domain::self_review::Status::Submitted,
                        None,
                    )?;
                    if !student {
                        let level = ["excellent", "good", "good", "good", "completed"]
                            [rng.below(5) as usize];
                        kiemdiem_store::professional_ratings::put(
                            conn,
                            cycle,
                            id,
                            &kiemdiem_store::professional_ratings::RatingData {
                                level,
                                rating_unit: "Trường Đại học Kinh tế Nghệ An",
                                post: "Giảng viên",
                                honours: if rng.below(6) == 0 {
                                    "emulation_title"
                                } else {
                                    ""
                                },
                                attested_exemplary: false,
                            },
                        )?;
                    }
                }
                if b == 1 {
                    let frame = kiemdiem_domain::points::default_frame(
                        &data.category,
                        data.leadership_level.as_deref(),
                    );
                    demo_points_form(conn, &points_2026, cycle_2026, id, frame, &mut rng)?;
                }
                if b == 0 && first_llct_member.is_none() && !leader {
                    first_llct_member = Some((id, data.full_name.clone()));
                }
                // Four years of history for those who were members then.
                let start = chrono::Datelike::year(&official.unwrap_or(admitted)) + 1;
                let strong = rng.below(6) == 0;
                for year in 2012.max(start)..=2015 {
                    let roll = rng.below(100);
                    let level = if strong || roll < 15 {
                        "excellent"
                    } else if roll < 85 {
                        "good"
                    } else if roll < 99 {
                        "completed"
                    } else {
                        "not_completed"
                    };
                    members::upsert_history(conn, id, year, level, &branch.name, "imported")?;
                }
            }
        }
        // C1: three branches have scored themselves on frame F1 (Mẫu 01) for 2026.
        for branch in branches.iter().take(3) {
            demo_collective_form(conn, &points_2026, cycle_2026, branch.id, &mut rng)?;
        }
        let (member_id, member_name) =
            first_llct_member.ok_or_else(|| ApiError::Internal("no member to log in as".into()))?;
        let code_of = |code: &str| -> Option<i64> {
            match code {
                "TU-VINH" => Some(district.id),
                "DU-DHKT" => Some(base.id),
                "" => None,
                other => branches.iter().find(|b| b.code == other).map(|b| b.id),
            }
        };
        for ((username, _, display, role, code), hash) in LOGINS.iter().zip(&hashes) {
            let is_member = *role == "member";
            let user = users::create(
                conn,
                users::NewUser {
                    username,
                    display_name: if is_member { &member_name } else { display },
                    password_hash: hash,
                    member_id: is_member.then_some(member_id),
                },
            )?;
            users::add_assignment(conn, user.id, role, code_of(code))?;
        }
        service_accounts::create(
            conn,
            SERVICE_CLIENT_ID,
            "Hệ thống Tỉnh ủy Nghệ An (demo)",
            &service_hash,
            province.id,
        )?;
        Ok(true)
    })
}

/// Points near each item's maximum and most tasks done on time, some beyond (S2, S4).
fn demo_points(
    rules: &kiemdiem_domain::points::PointsRules,
    frame: kiemdiem_domain::points::Frame,
    rng: &mut Lcg,
) -> Result<(String, [i32; 4]), ApiError> {
    let def = rules
        .frame(frame)
        .ok_or_else(|| ApiError::Internal(format!("no frame {frame}")))?;
    let mut points = serde_json::Map::new();
    for g in &def.groups {
        for i in &g.items {
            let off = rng.below(u64::from(i.max) / 4 + 1);
            points.insert(i.code.clone(), serde_json::json!(u64::from(i.max) - off));
        }
    }
    let assigned = 8 + rng.below(5) as i32;
    let done = assigned - i32::from(rng.below(6) == 0);
    let on_time = done - i32::from(rng.below(5) == 0);
    let exceeded = (rng.below(5) as i32).min(done);
    Ok((
        serde_json::Value::Object(points).to_string(),
        [assigned, done, on_time, exceeded],
    ))
}

/// A branch's submitted 2026 form on frame F1 (C1, Mẫu 01).
fn demo_collective_form(
    conn: &mut AnyConnection,
    rules: &kiemdiem_domain::points::PointsRules,
    cycle: i64,
    branch: i64,
    rng: &mut Lcg,
) -> Result<(), ApiError> {
    let (points, tasks) = demo_points(rules, kiemdiem_domain::points::Frame::F1, rng)?;
    kiemdiem_store::org_point_assessments::put_self(
        conn,
        cycle,
        branch,
        None,
        &kiemdiem_store::org_point_assessments::SelfPart {
            self_points: &points,
            tasks,
            shortcomings: [2, 2],
            narrative: "Chi bộ lãnh đạo hoàn thành các nhiệm vụ chính trị năm 2026; sinh hoạt đều đặn, đúng nội dung.",
            proposed_level: Some("good"),
            submit: true,
            by: "demo",
        },
    )?;
    Ok(())
}

/// A submitted 2026 points form (RULES-2025.md S2, S4): each item near its maximum, most tasks
/// done on time, some beyond.
fn demo_points_form(
    conn: &mut AnyConnection,
    rules: &kiemdiem_domain::points::PointsRules,
    cycle: i64,
    member: i64,
    frame: kiemdiem_domain::points::Frame,
    rng: &mut Lcg,
) -> Result<(), ApiError> {
    let (points, tasks) = demo_points(rules, frame, rng)?;
    kiemdiem_store::point_assessments::put_self(
        conn,
        cycle,
        member,
        0,
        None,
        &kiemdiem_store::point_assessments::SelfPart {
            frame,
            on_behalf: false,
            self_points: &points,
            tasks,
            shortcomings: [1, 1],
            narrative: "Hoàn thành các nhiệm vụ được giao trong năm 2026.",
            proposed_level: Some("good"),
            submit: true,
        },
    )?;
    Ok(())
}
