//! Statistics (the forms a district asks for, D4): members per level per branch, base and
//! district, with pending, not classified, supplementary and cancelled results shown apart;
//! organisations per level (O1, O2) and units per rating (O3) with the district's limits.

use crate::actor::Actor;
use crate::error::AppError;
use crate::voting::rules_of;
use kiemdiem_domain::rule_set::{self, org_quota_breaches};
use kiemdiem_store::voting as results;
use kiemdiem_store::{AnyConnection, cycles, org_assessments, organizations};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// The statistics of `year` under an organisation the actor reads (its committees, inspection
/// and the provincial system); 404 for one outside its scope.
pub fn of(
    conn: &mut AnyConnection,
    actor: &Actor,
    organization_id: i64,
    year: i32,
) -> Result<Statistics, AppError> {
    let org = organizations::get(conn, organization_id)?
        .filter(|o| actor.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    compute(conn, &org, year)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct MemberCounts {
    /// Active members registered.
    pub members: u32,
    pub excellent: u32,
    pub good: u32,
    pub completed: u32,
    pub not_completed: u32,
    /// M3: to be classified at a later meeting.
    pub pending: u32,
    /// M4, M5.
    pub not_classified: u32,
    /// The branch votes again.
    pub unresolved: u32,
    /// No result yet.
    pub not_voted: u32,
    /// Of the classified, those classified in a supplementary session (M3).
    pub supplementary: u32,
    /// Results cancelled (M12), counted apart from the standing ones.
    pub cancelled: u32,
    /// Of the classified: per mille of excellent, good, completed, not_completed (integer
    /// arithmetic; 153 means 15.3%).
    pub excellent_permille: u32,
    pub good_permille: u32,
    pub completed_permille: u32,
    pub not_completed_permille: u32,
}

impl MemberCounts {
    fn add(&mut self, o: &MemberCounts) {
        self.members += o.members;
        self.excellent += o.excellent;
        self.good += o.good;
        self.completed += o.completed;
        self.not_completed += o.not_completed;
        self.pending += o.pending;
        self.not_classified += o.not_classified;
        self.unresolved += o.unresolved;
        self.not_voted += o.not_voted;
        self.supplementary += o.supplementary;
        self.cancelled += o.cancelled;
    }

    /// Counts `n` members with this result (none: no result yet).
    fn tally(&mut self, status: Option<&str>, level: Option<&str>, n: u32) {
        self.members += n;
        match (status, level) {
            (None, _) => self.not_voted += n,
            (Some("classified"), Some("excellent")) => self.excellent += n,
            (Some("classified"), Some("good")) => self.good += n,
            (Some("classified"), Some("completed")) => self.completed += n,
            (Some("classified"), _) => self.not_completed += n,
            (Some("pending"), _) => self.pending += n,
            (Some("not_classified"), _) => self.not_classified += n,
            _ => self.unresolved += n,
        }
    }

    fn classified(&self) -> u32 {
        self.excellent + self.good + self.completed + self.not_completed
    }

    fn finish(mut self) -> Self {
        let c = u64::from(self.classified());
        // Rounded to the nearest per mille; nothing classified gives 0.
        let pm = |n: u32| {
            (u64::from(n) * 1000 + c / 2)
                .checked_div(c)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0)
        };
        self.excellent_permille = pm(self.excellent);
        self.good_permille = pm(self.good);
        self.completed_permille = pm(self.completed);
        self.not_completed_permille = pm(self.not_completed);
        self
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgRow {
    pub organization_id: i64,
    pub name: String,
    /// branch, base or district.
    pub kind: String,
    pub parent_id: Option<i64>,
    #[serde(flatten)]
    pub counts: MemberCounts,
}

#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct OrgLevels {
    /// Base organisations classified (O1).
    pub classified: u32,
    pub clean_strong: u32,
    pub exemplary: u32,
    pub good: u32,
    pub completed: u32,
    pub weak: u32,
    /// O3.
    pub units_rated: u32,
    pub units_outstanding: u32,
    pub units_good: u32,
    pub units_fair: u32,
    pub units_average: u32,
    pub units_weak: u32,
    /// O2 and O3 limits exceeded.
    pub warnings: Vec<String>,
}

/// Under a points rule set (`tw-366-2025`): the recorded results of a frame (S1) or of a
/// quota group (S7).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CountsBy {
    /// The frame (F2…F5) or the quota group's name.
    pub key: String,
    /// The cycle whose competent level defined the group (none for a frame).
    pub cycle_id: Option<i64>,
    #[serde(flatten)]
    pub counts: MemberCounts,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Statistics {
    pub organization_id: i64,
    pub name: String,
    pub year: i32,
    /// Branches, then bases, then districts, each with its own counts.
    pub rows: Vec<OrgRow>,
    /// No cycle was held that year: the members' counts come from their history (the levels
    /// imported from the archives), by the branch each member is in today.
    pub from_history: bool,
    pub total: MemberCounts,
    /// Base organisations' levels and units' ratings under it.
    pub organizations: OrgLevels,
    /// Points cycles (`tw-366-2025`): members per level per frame and per quota group, from
    /// the recorded results (empty under the ballot rules).
    pub frames: Vec<CountsBy>,
    pub quota_groups: Vec<CountsBy>,
    /// Points cycles (C2): the party organisations and branches under it whose level the
    /// competent level decided, per level.
    pub collectives: CollectiveLevels,
}

/// C2: decided collectives per level.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct CollectiveLevels {
    pub decided: u32,
    pub excellent: u32,
    pub good: u32,
    pub completed: u32,
    pub not_completed: u32,
}

pub fn compute(
    conn: &mut AnyConnection,
    org: &organizations::Organization,
    year: i32,
) -> Result<Statistics, AppError> {
    // Every cycle of the year under (or above, for a branch) the organisation.
    let year_cycles: Vec<cycles::Cycle> = cycles::list(conn, Some(year), None)?
        .into_iter()
        .filter(|(_, path, _)| path.starts_with(&org.path) || org.path.starts_with(path.as_str()))
        .map(|(c, _, _)| c)
        .collect();
    // Counted by the database (one GROUP BY per branch and result), not member by member.
    let cycle_ids: Vec<i64> = year_cycles.iter().map(|c| c.id).collect();
    let mut per_branch: HashMap<i64, MemberCounts> = HashMap::new();
    // A year before the system (no cycle): the levels of the members' history (issue #17),
    // counted by the branch each member is in today (the history names the organisation of
    // the time only in words).
    let from_history = year_cycles.is_empty();
    let counts = if from_history {
        results::history_level_counts(conn, &org.path, year)?
    } else {
        results::level_counts(conn, &org.path, &cycle_ids)?
    };
    for g in counts {
        let n = u32::try_from(g.n).unwrap_or(u32::MAX);
        let c = per_branch.entry(g.branch_id).or_default();
        c.tally(g.status.as_deref(), g.level.as_deref(), n);
        if g.status.as_deref() == Some("classified") && g.supplementary == Some(true) {
            c.supplementary += n;
        }
    }
    for g in results::cancelled_counts(conn, &org.path, &cycle_ids)? {
        per_branch.entry(g.branch_id).or_default().cancelled +=
            u32::try_from(g.n).unwrap_or(u32::MAX);
    }
    // The organisations once the counts are folded (issue #18: a province's 30,000 counted
    // rows and its 10,000 organisations are not held at once); the branches' names are moved
    // into the rows, not copied.
    let orgs = organizations::subtree(conn, &org.path)?;
    let under: HashSet<i64> = orgs.iter().map(|o| o.id).collect();
    let bases: Vec<i64> = orgs
        .iter()
        .filter(|o| o.kind == "base")
        .map(|o| o.id)
        .collect();
    let (branches, orgs): (Vec<_>, Vec<_>) = orgs.into_iter().partition(|o| o.kind == "branch");
    let branch_ids: HashSet<i64> = branches.iter().map(|b| b.id).collect();
    let mut rows = Vec::with_capacity(branches.len() + orgs.len());
    let mut sums: HashMap<i64, MemberCounts> = HashMap::new();
    for b in branches {
        let counts = per_branch.remove(&b.id).unwrap_or_default();
        // Add the branch into every organisation above it, up to the one asked about.
        for id in organizations::path_ids(&b.path) {
            if id != b.id {
                sums.entry(id).or_default().add(&counts);
            }
        }
        rows.push(OrgRow {
            organization_id: b.id,
            name: b.name,
            kind: b.kind,
            parent_id: b.parent_id,
            counts: counts.finish(),
        });
    }
    drop(per_branch);
    let mut total = MemberCounts::default();
    for kind in ["base", "district"] {
        for o in orgs.iter().filter(|o| o.kind == kind) {
            rows.push(OrgRow {
                organization_id: o.id,
                name: o.name.clone(),
                kind: o.kind.clone(),
                parent_id: o.parent_id,
                counts: sums.get(&o.id).cloned().unwrap_or_default().finish(),
            });
        }
    }
    for r in rows.iter().filter(|r| r.kind == "branch") {
        total.add(&r.counts);
    }
    drop(orgs);
    // Organisations (O1–O3): the bases under it (a base: itself), their units.
    let mut levels = OrgLevels::default();
    for a in org_assessments::of_year(conn, year, &bases)? {
        levels.classified += 1;
        match a.level.as_str() {
            "clean_strong" => levels.clean_strong += 1,
            "good" => levels.good += 1,
            "completed" => levels.completed += 1,
            _ => levels.weak += 1,
        }
        levels.exemplary += u32::from(a.exemplary);
        if let Some(u) = a.unit_rating.as_deref() {
            levels.units_rated += 1;
            match u {
                "outstanding" => levels.units_outstanding += 1,
                "good" => levels.units_good += 1,
                "fair" => levels.units_fair += 1,
                "average" => levels.units_average += 1,
                _ => levels.units_weak += 1,
            }
        }
    }
    let rules = year_cycles
        .iter()
        .find(|c| c.organization_id == org.id)
        .map(rules_of)
        .transpose()?
        .or_else(|| rule_set::builtin(rule_set::DEFAULT))
        .ok_or_else(|| AppError::Internal("no default rule set".into()))?;
    levels.warnings = org_quota_breaches(
        &rules.org_quota,
        levels.classified,
        levels.clean_strong,
        levels.exemplary,
        levels.units_rated,
        levels.units_outstanding,
    )
    .into_iter()
    .map(|(rule, m)| format!("{rule}: {m}"))
    .collect();
    let (frames, quota_groups) = points_counts(conn, &branch_ids, &year_cycles)?;
    let mut collectives = CollectiveLevels::default();
    for (org_id, level) in kiemdiem_store::org_point_assessments::decided_levels(conn, &cycle_ids)?
    {
        if !under.contains(&org_id) {
            continue;
        }
        collectives.decided += 1;
        match level.as_str() {
            "excellent" => collectives.excellent += 1,
            "good" => collectives.good += 1,
            "completed" => collectives.completed += 1,
            _ => collectives.not_completed += 1,
        }
    }
    Ok(Statistics {
        organization_id: org.id,
        name: org.name.clone(),
        year,
        rows,
        from_history,
        total: total.finish(),
        organizations: levels,
        frames,
        quota_groups,
        collectives,
    })
}

/// The recorded results of the year's points cycles counted per frame and per quota group,
/// for the members of `branches` (those under the organisation asked about: a branch reads
/// its own members of its base's cycle).
fn points_counts(
    conn: &mut AnyConnection,
    branches: &HashSet<i64>,
    year_cycles: &[cycles::Cycle],
) -> Result<(Vec<CountsBy>, Vec<CountsBy>), AppError> {
    let mut frames: std::collections::BTreeMap<String, MemberCounts> = Default::default();
    let mut groups: std::collections::BTreeMap<(i64, String), MemberCounts> = Default::default();
    let rows = crate::point_assessments::year_rows(conn, year_cycles)?;
    // As the members' counts: an attached member counts in their home branch only.
    let rows = rows
        .iter()
        .filter(|(_, r)| branches.contains(&r.branch_id) && !r.attached);
    for (cycle_id, row) in rows {
        let (status, level) = if row.decided {
            (Some(row.status.as_str()), row.level.as_deref())
        } else {
            (None, None)
        };
        for c in [
            frames.entry(row.frame.clone()).or_default(),
            groups.entry((*cycle_id, row.group.clone())).or_default(),
        ] {
            c.tally(status, level, 1);
        }
    }
    Ok((
        frames
            .into_iter()
            .map(|(key, c)| CountsBy {
                key,
                cycle_id: None,
                counts: c.finish(),
            })
            .collect(),
        groups
            .into_iter()
            .map(|((cycle_id, key), c)| CountsBy {
                key,
                cycle_id: Some(cycle_id),
                counts: c.finish(),
            })
            .collect(),
    ))
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "branch" => "Chi bộ",
        "base" => "Đảng bộ cơ sở",
        "district" => "Huyện/Thành ủy",
        _ => "",
    }
}

/// Who issues the statistical form: the heading's two lines (the superior, the issuing
/// body), the place and date, and who signs for it.
#[derive(Debug, Clone)]
pub struct FormHeading {
    pub superior: String,
    pub issuer: String,
    pub place_date: String,
    /// "T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ"…
    pub signer: String,
}

impl FormHeading {
    /// The heading of an organisation's own form: its superior's name over its own, its
    /// collective signing ("T/M CHI ỦY" for a branch, "T/M ĐẢNG ỦY" for a base, "T/M BAN
    /// THƯỜNG VỤ" above), dated today in the province's town.
    pub fn of(
        conn: &mut AnyConnection,
        org: &organizations::Organization,
    ) -> Result<FormHeading, AppError> {
        let superior = match org.parent_id {
            Some(id) => organizations::get(conn, id)?.map(|o| o.name),
            None => None,
        }
        .unwrap_or_default();
        Ok(FormHeading {
            superior: superior.to_uppercase(),
            issuer: org.name.to_uppercase(),
            place_date: crate::documents::place_date(conn, &org.path, crate::today())?,
            signer: match org.kind.as_str() {
                "branch" | "cell" => "T/M CHI ỦY",
                "base" => "T/M ĐẢNG ỦY",
                _ => "T/M BAN THƯỜNG VỤ",
            }
            .into(),
        })
    }
}

/// The statistics in XLSX, as read by whoever asks (the reports page's download).
pub fn xlsx_of(
    conn: &mut AnyConnection,
    actor: &Actor,
    organization_id: i64,
    year: i32,
) -> Result<Vec<u8>, AppError> {
    let s = of(conn, actor, organization_id, year)?;
    let org = organizations::get(conn, organization_id)?.ok_or_else(AppError::not_found)?;
    let heading = FormHeading::of(conn, &org)?;
    xlsx(&s, &heading)
}

/// The statistics in the layout of the statistical form the committee above collects (issue
/// #16; guidance III: "các biểu mẫu thống kê theo quy định"): the party heading (the superior
/// and the issuing body on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the
/// right), the form's title, a two-row header (each level's number and percentage under it),
/// the columns numbered as forms number them, numbers as numbers (no formulas), percentages
/// with one decimal, the total in bold, the signatures; landscape, one page wide.
pub fn xlsx(s: &Statistics, heading: &FormHeading) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Thống kê").map_err(x)?;
    let title = Format::new().set_bold().set_font_size(14);
    let centered_bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let centered_italic = Format::new().set_italic().set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let numbered = Format::new()
        .set_italic()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let pct = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0");
    // The columns: where the organisation is, its name, then the counts; each level has its
    // number and its percentage.
    const LEVELS: [&str; 4] = [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
    ];
    const AFTER: [&str; 6] = [
        "Chưa xếp loại (M3)",
        "Không xếp loại (M4, M5)",
        "Bỏ phiếu lại",
        "Chưa bỏ phiếu",
        "Xếp loại bổ sung",
        "Kết quả bị hủy (M12)",
    ];
    let last_col = (3 + 2 * LEVELS.len() + AFTER.len() - 1) as u16;
    // The party heading, the issuing body's side on the left, the Party's on the right.
    let right = last_col - 6;
    sheet
        .merge_range(0, 0, 0, 4, &heading.superior, &centered_bold)
        .map_err(x)?;
    sheet
        .merge_range(1, 0, 1, 4, &heading.issuer, &centered_bold)
        .map_err(x)?;
    sheet
        .merge_range(2, 0, 2, 4, "*", &centered_bold)
        .map_err(x)?;
    sheet
        .merge_range(
            0,
            right,
            0,
            last_col,
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            &centered_bold,
        )
        .map_err(x)?;
    sheet
        .merge_range(1, right, 1, last_col, &heading.place_date, &centered_italic)
        .map_err(x)?;
    sheet
        .merge_range(
            4,
            0,
            4,
            last_col,
            &format!(
                "BIỂU THỐNG KÊ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM {}",
                s.year
            ),
            &title.clone().set_align(FormatAlign::Center),
        )
        .map_err(x)?;
    sheet
        .merge_range(5, 0, 5, last_col, &s.name, &centered_italic)
        .map_err(x)?;
    // The two-row header: each level over its number and percentage, the others spanning
    // both rows; under it, the columns numbered.
    let (top, sub) = (7u32, 8u32);
    for (c, h) in [(0u16, "Cấp"), (1, "Tổ chức"), (2, "Tổng số đảng viên")] {
        sheet.merge_range(top, c, sub, c, h, &head).map_err(x)?;
    }
    for (i, level) in LEVELS.iter().enumerate() {
        let c = 3 + 2 * i as u16;
        sheet
            .merge_range(top, c, top, c + 1, level, &head)
            .map_err(x)?;
        sheet
            .write_string_with_format(sub, c, "Số lượng", &head)
            .map_err(x)?;
        sheet
            .write_string_with_format(sub, c + 1, "Tỷ lệ %", &head)
            .map_err(x)?;
    }
    for (i, h) in AFTER.iter().enumerate() {
        let c = 3 + 2 * LEVELS.len() as u16 + i as u16;
        sheet.merge_range(top, c, sub, c, h, &head).map_err(x)?;
    }
    let numbers_row = sub + 1;
    for c in 0..=last_col {
        let label = match c {
            0 => "A".to_owned(),
            1 => "B".to_owned(),
            _ => format!("({})", c - 1),
        };
        sheet
            .write_string_with_format(numbers_row, c, label, &numbered)
            .map_err(x)?;
    }
    let first = numbers_row;
    let total = OrgRow {
        organization_id: s.organization_id,
        name: "Tổng cộng".into(),
        kind: String::new(),
        parent_id: None,
        counts: s.total.clone(),
    };
    let write_row = |sheet: &mut rust_xlsxwriter::Worksheet,
                     row: u32,
                     kind: &str,
                     name: &str,
                     c: &MemberCounts|
     -> Result<(), AppError> {
        sheet
            .write_string_with_format(row, 0, kind, &cell)
            .map_err(x)?;
        sheet
            .write_string_with_format(row, 1, name, &cell)
            .map_err(x)?;
        let numbers: [(u32, bool); 15] = [
            (c.members, false),
            (c.excellent, false),
            (c.excellent_permille, true),
            (c.good, false),
            (c.good_permille, true),
            (c.completed, false),
            (c.completed_permille, true),
            (c.not_completed, false),
            (c.not_completed_permille, true),
            (c.pending, false),
            (c.not_classified, false),
            (c.unresolved, false),
            (c.not_voted, false),
            (c.supplementary, false),
            (c.cancelled, false),
        ];
        for (k, (n, is_pct)) in numbers.iter().enumerate() {
            let col = 2 + k as u16;
            if *is_pct {
                sheet
                    .write_number_with_format(row, col, f64::from(*n) / 10.0, &pct)
                    .map_err(x)?;
            } else {
                sheet
                    .write_number_with_format(row, col, f64::from(*n), &cell)
                    .map_err(x)?;
            }
        }
        Ok(())
    };
    for (i, r) in s.rows.iter().chain(std::iter::once(&total)).enumerate() {
        let row = first + 1 + i as u32;
        write_row(sheet, row, kind_label(&r.kind), &r.name, &r.counts)?;
    }
    // The total in bold.
    let total_row = first + 1 + s.rows.len() as u32;
    sheet
        .set_row_format(total_row, &Format::new().set_bold())
        .map_err(x)?;
    sheet.set_column_width(0, 14).map_err(x)?;
    sheet.set_column_width(1, 38).map_err(x)?;
    for c in 2..=last_col {
        sheet.set_column_width(c, 10).map_err(x)?;
    }
    sheet.set_row_height(top, 45).map_err(x)?;
    sheet.set_freeze_panes(first + 1, 2).map_err(x)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(top, first).map_err(x)?;
    // The organisations' levels under the members' table.
    let o = &s.organizations;
    let mut row = first + 3 + s.rows.len() as u32;
    // A titled list of counts, one per line, numbers as numbers.
    let counts = |sheet: &mut rust_xlsxwriter::Worksheet,
                  row: &mut u32,
                  heading: &str,
                  lines: &[(&str, u32)]|
     -> Result<(), AppError> {
        sheet
            .write_string_with_format(*row, 0, heading, &title)
            .map_err(x)?;
        for (label, n) in lines {
            *row += 1;
            sheet
                .write_string_with_format(*row, 1, *label, &cell)
                .map_err(x)?;
            sheet
                .write_number_with_format(*row, 2, f64::from(*n), &cell)
                .map_err(x)?;
        }
        Ok(())
    };
    counts(
        sheet,
        &mut row,
        "Xếp loại tổ chức cơ sở đảng và đơn vị",
        &[
            ("Tổ chức cơ sở đảng được xếp loại", o.classified),
            ("Trong sạch vững mạnh", o.clean_strong),
            ("Trong đó tiêu biểu", o.exemplary),
            ("Hoàn thành tốt nhiệm vụ", o.good),
            ("Hoàn thành nhiệm vụ", o.completed),
            ("Yếu kém", o.weak),
            ("Đơn vị được đánh giá", o.units_rated),
            ("Đơn vị xuất sắc", o.units_outstanding),
        ],
    )?;
    for w in &o.warnings {
        row += 1;
        sheet.write_string(row, 1, w).map_err(x)?;
    }
    // Points cycles (tw-366-2025): the same columns per frame (S1) and per quota group (S7).
    for (heading, kind, by) in [
        ("Theo khung tiêu chí (Quy định 366)", "Khung", &s.frames),
        (
            "Theo nhóm tính tỷ lệ (Quy định 366)",
            "Nhóm",
            &s.quota_groups,
        ),
    ] {
        if by.is_empty() {
            continue;
        }
        row += 2;
        sheet
            .write_string_with_format(row, 0, heading, &title)
            .map_err(x)?;
        for b in by {
            row += 1;
            write_row(sheet, row, kind, &b.key, &b.counts)?;
        }
    }
    // C2: the collectives the competent level decided, per level (points cycles only).
    let c = &s.collectives;
    if c.decided > 0 {
        row += 2;
        counts(
            sheet,
            &mut row,
            "Xếp loại tập thể (Quy định 366)",
            &[
                ("Tổ chức đảng được xếp loại", c.decided),
                ("Hoàn thành xuất sắc nhiệm vụ", c.excellent),
                ("Hoàn thành tốt nhiệm vụ", c.good),
                ("Hoàn thành nhiệm vụ", c.completed),
                ("Không hoàn thành nhiệm vụ", c.not_completed),
            ],
        )?;
    }
    // Who drew it up and who signs for the issuing body.
    row += 3;
    sheet
        .merge_range(row, 0, row, 4, "NGƯỜI LẬP BIỂU", &centered_bold)
        .map_err(x)?;
    sheet
        .merge_range(row, right, row, last_col, &heading.signer, &centered_bold)
        .map_err(x)?;
    book.save_to_buffer().map_err(x)
}
