//! `kiemdiem seed --members N --branches M --years Y`: a synthetic province for benchmarks and
//! load tests. Districts, bases and branches in Nghệ An's proportions (about 21 districts, one
//! base for every 5–6 branches), members with Vietnamese names, categories and flags, `Y` years
//! of history before the year, and the year's cycle in every base with an approved result for
//! every member (the tallies' outcome), closed as a past year is. Deterministic: the same
//! arguments give the same data.

use chrono::NaiveDate;
use kiemdiem_domain::member::MemberData;
use kiemdiem_store::organizations::{self, NewOrganization, Organization};
use kiemdiem_store::{AnyConnection, cycles, db, members, voting};

const FAMILY: [&str; 16] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE_MALE: [&str; 8] = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Công", "Đình"];
const MIDDLE_FEMALE: [&str; 8] = ["Thị", "Thị", "Ngọc", "Thu", "Hồng", "Thanh", "Mai", "Kim"];
const GIVEN_MALE: [&str; 16] = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân",
    "Sơn", "Thắng", "Trung", "Tuấn",
];
const GIVEN_FEMALE: [&str; 16] = [
    "Anh", "Châu", "Dung", "Hà", "Hạnh", "Hiền", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
    "Phương", "Thảo", "Trang", "Yến",
];
const DISTRICTS: [&str; 21] = [
    "Thành phố Vinh",
    "Thị xã Cửa Lò",
    "Thị xã Thái Hòa",
    "Thị xã Hoàng Mai",
    "Huyện Nam Đàn",
    "Huyện Hưng Nguyên",
    "Huyện Nghi Lộc",
    "Huyện Diễn Châu",
    "Huyện Quỳnh Lưu",
    "Huyện Yên Thành",
    "Huyện Đô Lương",
    "Huyện Thanh Chương",
    "Huyện Anh Sơn",
    "Huyện Con Cuông",
    "Huyện Tân Kỳ",
    "Huyện Nghĩa Đàn",
    "Huyện Quỳ Hợp",
    "Huyện Quỳ Châu",
    "Huyện Quế Phong",
    "Huyện Tương Dương",
    "Huyện Kỳ Sơn",
];

/// A small deterministic generator (xorshift64*): no dependency, same data every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// A level with the usual shares: 12% excellent, 70% good, 15% completed, 3% not.
    fn level(&mut self) -> &'static str {
        match self.below(100) {
            0..12 => "excellent",
            12..82 => "good",
            82..97 => "completed",
            _ => "not_completed",
        }
    }
}

/// A message, and the store's errors turned into one (for `db::write_tx`).
struct Failed(String);

impl From<kiemdiem_store::StoreError> for Failed {
    fn from(e: kiemdiem_store::StoreError) -> Self {
        Failed(e.to_string())
    }
}

impl From<String> for Failed {
    fn from(e: String) -> Self {
        Failed(e)
    }
}

pub struct Scale {
    pub members: usize,
    pub branches: usize,
    pub years: u32,
    pub year: i32,
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no date {y}-{m}-{d}"))
}

fn org(
    conn: &mut AnyConnection,
    kind: &str,
    code: &str,
    name: &str,
    parent: Option<&Organization>,
) -> Result<Organization, String> {
    organizations::create(
        conn,
        NewOrganization {
            kind,
            code,
            name,
            parent,
        },
    )
    .map_err(|e| format!("{kind} {code}: {e}"))
}

fn bar(len: u64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg:>12} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    bar
}

pub fn seed(conn: &mut AnyConnection, s: &Scale) -> Result<(), String> {
    if organizations::code_taken(conn, "NA-SYN", None).map_err(|e| e.to_string())? {
        return Err("the synthetic province (code NA-SYN) is already in this database".into());
    }
    let branches_n = s.branches.max(1);
    let bases_n = (branches_n * 1400 / 8000).clamp(1, branches_n);
    let districts_n = DISTRICTS.len().min(bases_n);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    // Organisations, in one transaction.
    let b = bar((1 + districts_n + bases_n + branches_n) as u64, "tổ chức");
    let (branch_orgs, base_of_branch, base_orgs) = db::write_tx(conn, |conn| {
        let province = org(conn, "province", "NA-SYN", "Tỉnh ủy Nghệ An", None)?;
        b.inc(1);
        let mut districts = Vec::new();
        for (i, name) in DISTRICTS.iter().take(districts_n).enumerate() {
            districts.push(org(
                conn,
                "district",
                &format!("NA-SYN-H{i:02}"),
                &format!("Đảng bộ {name}"),
                Some(&province),
            )?);
            b.inc(1);
        }
        let mut bases = Vec::new();
        for i in 0..bases_n {
            let d = &districts[i % districts.len()];
            bases.push(org(
                conn,
                "base",
                &format!("NA-SYN-CS{i:04}"),
                &format!(
                    "Đảng bộ cơ sở số {} ({})",
                    i + 1,
                    d.name.trim_start_matches("Đảng bộ ")
                ),
                Some(d),
            )?);
            b.inc(1);
        }
        let mut branches = Vec::new();
        let mut base_of = Vec::new();
        for i in 0..branches_n {
            let bi = i % bases.len();
            branches.push(org(
                conn,
                "branch",
                &format!("NA-SYN-CB{i:05}"),
                &format!("Chi bộ số {} thuộc cơ sở {}", i / bases.len() + 1, bi + 1),
                Some(&bases[bi]),
            )?);
            base_of.push(bi);
            b.inc(1);
        }
        Ok::<_, Failed>((branches, base_of, bases))
    })
    .map_err(|f| f.0)?;
    b.finish();

    // The year's cycle in every base.
    let b = bar(base_orgs.len() as u64, "đợt kiểm điểm");
    let plan = kiemdiem_domain::cycle::plan_for(s.year);
    let rules = kiemdiem_domain::rule_set::builtin(kiemdiem_domain::rule_set::DEFAULT)
        .ok_or_else(|| "no built-in rule set".to_owned())?;
    let rules_json = serde_json::to_string(&rules).map_err(|e| e.to_string())?;
    let cycle_of_base = db::write_tx(conn, |conn| {
        let mut out = Vec::new();
        for base in &base_orgs {
            out.push(
                cycles::create(
                    conn,
                    cycles::NewCycle {
                        organization_id: base.id,
                        year: s.year,
                        rule_set: kiemdiem_domain::rule_set::DEFAULT,
                        rules_json: &rules_json,
                        reference_date: date(s.year, 11, 15)?,
                    },
                    &plan,
                )
                .map_err(|e| e.to_string())?,
            );
            b.inc(1);
        }
        Ok::<_, Failed>(out)
    })
    .map_err(|f| f.0)?;
    b.finish();

    // Members, their history and the year's results, 500 at a time.
    let b = bar(s.members as u64, "đảng viên");
    let categories = [
        "civil_servant",
        "civil_servant",
        "resident",
        "resident",
        "business",
        "student",
        "other",
    ];
    let first_year = s.year - s.years as i32;
    let mut done = 0;
    while done < s.members {
        let n = (s.members - done).min(500);
        let mut records = Vec::with_capacity(n);
        let mut where_ = Vec::with_capacity(n);
        for i in done..done + n {
            let female = rng.below(2) == 0;
            let (middle, given) = if female {
                (rng.pick(&MIDDLE_FEMALE), rng.pick(&GIVEN_FEMALE))
            } else {
                (rng.pick(&MIDDLE_MALE), rng.pick(&GIVEN_MALE))
            };
            let bi = i % branch_orgs.len();
            let born = date(
                s.year - 22 - rng.below(45) as i32,
                1 + rng.below(12) as u32,
                1 + rng.below(28) as u32,
            )?;
            // Admitted at 18 or later (the registry's rule), official a year after.
            let admitted =
                kiemdiem_domain::member::add_years(born, 19 + rng.below(20) as i32).min(date(
                    s.year - 1,
                    1 + rng.below(12) as u32,
                    1 + rng.below(28) as u32,
                )?);
            let official = admitted < date(s.year - 1, 1, 1)?;
            let category = rng.pick(&categories);
            let leader = rng.below(20) == 0;
            let attached = rng.below(100) == 0;
            records.push(MemberData {
                card_number: Some(format!("9{i:08}")),
                full_name: format!("{} {middle} {given}", rng.pick(&FAMILY)),
                gender: if female { "female" } else { "male" }.into(),
                date_of_birth: Some(born),
                branch_id: branch_orgs[bi].id,
                status: if official { "official" } else { "probationary" }.into(),
                admitted_on: Some(admitted),
                official_on: official.then(|| kiemdiem_domain::member::add_years(admitted, 1)),
                category: category.into(),
                exempt: rng.below(33) == 0,
                attached,
                home_branch_name: attached.then(|| "Chi bộ nơi công tác cũ".to_owned()),
                leadership_post: leader.then(|| "Bí thư chi bộ".to_owned()),
                leadership_level: leader.then(|| "grassroots".to_owned()),
                workplace_unit: (category == "civil_servant").then(|| "Ủy ban nhân dân".to_owned()),
                residence_address: Some("Nghệ An".into()),
                active: true,
                ..Default::default()
            });
            where_.push(bi);
        }
        db::write_tx(conn, |conn| {
            let ids = members::create_many(conn, &records).map_err(|e| e.to_string())?;
            let mut history = Vec::new();
            let mut results = Vec::new();
            for ((id, _), bi) in ids.iter().zip(&where_) {
                let branch_name = branch_orgs[*bi].name.as_str();
                for y in first_year..s.year {
                    history.push((*id, y, rng.level(), branch_name));
                }
                let level = rng.level();
                let votes = match level {
                    "excellent" => [18, 4, 1, 0],
                    "good" => [3, 17, 3, 0],
                    "completed" => [0, 6, 15, 2],
                    _ => [0, 1, 6, 16],
                };
                results.push((cycle_of_base[base_of_branch[*bi]], *id, level, votes));
            }
            for chunk in history.chunks(2000) {
                members::insert_history_many(conn, chunk).map_err(|e| e.to_string())?;
            }
            voting::insert_results_many(conn, &results, "seed").map_err(|e| e.to_string())?;
            Ok::<_, Failed>(())
        })
        .map_err(|f| f.0)?;
        done += n;
        b.inc(n as u64);
    }
    b.finish();
    // The year is over: its results are approved, so its cycles are closed (read-only history
    // like any past year; new work goes to the next year's cycle).
    db::write_tx(conn, |conn| {
        for id in &cycle_of_base {
            cycles::set_stage(conn, *id, kiemdiem_domain::cycle::Stage::Closed)
                .map_err(|e| e.to_string())?;
        }
        Ok::<_, Failed>(())
    })
    .map_err(|f| f.0)?;
    println!(
        "kiemdiem: synthetic province NA-SYN: {districts_n} districts, {} bases, {} branches, {} members, {} years of history, cycle {}",
        base_orgs.len(),
        branch_orgs.len(),
        s.members,
        s.years,
        s.year
    );
    Ok(())
}
