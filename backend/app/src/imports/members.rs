//! Import members from CSV or XLSX: upsert by card number, all or nothing, with a dry run.
//! Pass 1 reads and checks every row without touching the database; pass 2 writes in one
//! transaction, in chunks, comparing with what is stored so that importing the same file
//! twice changes nothing the second time.

use crate::actor::Actor;
use crate::error::AppError;
use crate::import::{ImportReport, RowError};
use crate::member_table::{self as table, Col};
use crate::tx::{Claim, claimed_tx};
use kiemdiem_domain::member::MemberData;
use kiemdiem_store::organizations::{self, OrgFilter};
use kiemdiem_store::{AnyConnection, members};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The largest file accepted (200,000 members fit in about 60 MB of CSV).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;
const MAX_ERRORS: usize = 1000;
/// Rows compared with what is stored (and written) at a time.
const CHUNK: usize = 5000;
/// A file of at least this many rows, and of at least as many rows as members are stored,
/// is loaded with the members' secondary indexes and foreign keys dropped and restored at
/// the end (PostgreSQL; see `members::prepare_bulk_load`): that costs less than maintaining
/// them row by row, and readers of the registry wait for the load.
const BULK_ROWS: u64 = 20_000;

struct Branch {
    id: i64,
    path: String,
}

pub struct Options<'a> {
    pub dry_run: bool,
    /// For rows without a branch code.
    pub default_branch: Option<i64>,
    pub actor: &'a Actor,
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
    /// The request's Idempotency-Key, taken in the import's transaction (#13).
    pub claim: Option<std::sync::Arc<Claim>>,
}

struct Parsed {
    data: MemberData,
    years: Vec<i32>,
}

fn err(report: &mut ImportReport, row: u64, column: Option<Col>, message: impl Into<String>) {
    if report.errors.len() < MAX_ERRORS {
        report.errors.push(RowError {
            row,
            column: column.map(|c| table::header_vi(c).to_owned()),
            message: message.into(),
        });
    } else {
        report.errors_truncated = true;
    }
}

fn domain_column(field: &str) -> Option<Col> {
    Some(match field {
        "card_number" => Col::CardNumber,
        "full_name" => Col::FullName,
        "gender" => Col::Gender,
        "date_of_birth" => Col::DateOfBirth,
        "status" => Col::Status,
        "admitted_on" => Col::AdmittedOn,
        "official_on" => Col::OfficialOn,
        "category" => Col::Category,
        "home_branch_name" => Col::HomeBranchName,
        "workplace_unit" => Col::WorkplaceUnit,
        "residence_committee_name" => Col::ResidenceCommitteeName,
        "leadership_post" => Col::LeadershipPost,
        "leadership_level" => Col::LeadershipLevel,
        "phone" => Col::Phone,
        "email" => Col::Email,
        _ => return None,
    })
}

/// Reads one row into a record, reporting every bad cell.
fn parse_row(
    cells: &[String],
    columns: &[Option<Col>],
    branches: &HashMap<String, Branch>,
    default_branch: Option<i64>,
    row: u64,
    report: &mut ImportReport,
) -> Option<Parsed> {
    let before = report.errors.len() + usize::from(report.errors_truncated);
    let mut d = MemberData {
        active: true,
        ..Default::default()
    };
    let mut years = Vec::new();
    let mut branch = default_branch;
    let mut unknown_branch = false;
    for (i, col) in columns.iter().enumerate() {
        let Some(col) = *col else { continue };
        let v = cells.get(i).map(String::as_str).unwrap_or_default().trim();
        let opt = || (!v.is_empty()).then(|| v.to_owned());
        let mut fail = |m: String| err(report, row, Some(col), m);
        match col {
            Col::CardNumber => d.card_number = opt(),
            Col::FullName => d.full_name = v.split_whitespace().collect::<Vec<_>>().join(" "),
            Col::Gender => match table::parse_gender(v) {
                Ok(g) => d.gender = g,
                Err(m) => fail(m),
            },
            Col::DateOfBirth | Col::AdmittedOn | Col::OfficialOn if v.is_empty() => {}
            Col::DateOfBirth | Col::AdmittedOn | Col::OfficialOn => match table::parse_date(v) {
                Ok(date) => match col {
                    Col::DateOfBirth => d.date_of_birth = Some(date),
                    Col::AdmittedOn => d.admitted_on = Some(date),
                    _ => d.official_on = Some(date),
                },
                Err(m) => fail(m),
            },
            Col::BranchCode if v.is_empty() => {}
            Col::BranchCode => match branches.get(v) {
                Some(b) => branch = Some(b.id),
                None => {
                    unknown_branch = true;
                    fail(format!("Không có chi bộ mã '{v}' trong phạm vi được nhập"));
                }
            },
            Col::Status => match table::parse_status(v) {
                Ok(s) => d.status = s,
                Err(m) => fail(m),
            },
            Col::Category => match table::parse_category(v) {
                Ok(c) => d.category = c,
                Err(m) => fail(m),
            },
            Col::Exempt | Col::Attached => match table::parse_bool(v) {
                Ok(b) if col == Col::Exempt => d.exempt = b,
                Ok(b) => d.attached = b,
                Err(m) => fail(m),
            },
            Col::HomeBranchName => d.home_branch_name = opt(),
            Col::LongAbsenceYears => match table::parse_years(v) {
                Ok(y) => years = y,
                Err(m) => fail(m),
            },
            Col::LeadershipPost => d.leadership_post = opt(),
            Col::LeadershipLevel if v.is_empty() => {}
            Col::LeadershipLevel => match table::parse_leadership_level(v) {
                Ok(l) => d.leadership_level = Some(l),
                Err(m) => fail(m),
            },
            Col::WorkplaceUnit => d.workplace_unit = opt(),
            Col::WorkplacePost => d.workplace_post = opt(),
            Col::ResidenceAddress => d.residence_address = opt(),
            Col::ResidenceCommitteeName => d.residence_committee_name = opt(),
            Col::ResidenceCommitteeContact => d.residence_committee_contact = opt(),
            Col::ResidenceCommitteeAddress => d.residence_committee_address = opt(),
            Col::Phone => d.phone = opt(),
            Col::Email => d.email = opt(),
        }
    }
    if d.card_number.is_none() {
        err(
            report,
            row,
            Some(Col::CardNumber),
            "Cần số thẻ đảng viên để nhập (khóa đối chiếu)",
        );
    }
    match branch {
        Some(id) => d.branch_id = id,
        // A code that names no branch was reported once above, not again as missing.
        None if unknown_branch => {}
        None => err(report, row, Some(Col::BranchCode), "Cần mã chi bộ"),
    }
    let bad_cells: HashSet<Option<String>> = report.errors[before.min(report.errors.len())..]
        .iter()
        .map(|e| e.column.clone())
        .collect();
    for p in kiemdiem_domain::member::check(&d, crate::today()) {
        let column = domain_column(p.field);
        // A cell that could not be read is reported once, not again as missing.
        if bad_cells.contains(&column.map(|c| table::header_vi(c).to_owned())) {
            continue;
        }
        err(report, row, column, p.message);
    }
    (report.errors.len() + usize::from(report.errors_truncated) == before)
        .then_some(Parsed { data: d, years })
}

/// Imports the file. On any invalid row nothing is written and the report lists them; with
/// `dry_run` nothing is written either and the report tells what would happen.
pub fn run(
    conn: &mut AnyConnection,
    path: &Path,
    opts: &Options<'_>,
) -> Result<ImportReport, AppError> {
    let p = opts.actor;
    let mut report = ImportReport {
        dry_run: opts.dry_run,
        ..Default::default()
    };
    // The branches the caller may import into, by code.
    let branches: HashMap<String, Branch> = organizations::list(
        conn,
        &OrgFilter {
            kind: Some("branch".into()),
            scopes: p.access.org_read_scopes(),
            ..Default::default()
        },
    )?
    .into_iter()
    .filter(|o| p.access.can_import_members(&o.path))
    .map(|o| {
        (
            o.code,
            Branch {
                id: o.id,
                path: o.path,
            },
        )
    })
    .collect();
    if let Some(id) = opts.default_branch
        && !branches.values().any(|b| b.id == id)
    {
        return Err(AppError::NotFound(
            "Không có chi bộ này trong phạm vi được nhập".into(),
        ));
    }

    let bad = |m: String| AppError::bad_request("unreadable_file", m);
    let mut rows = crate::import::open(path).map_err(bad)?;
    let (header_row, header) = crate::import::find_header(
        &mut rows,
        |h| table::column_of(h).is_some(),
        3,
        "Số thẻ đảng viên, Họ và tên",
    )
    .map_err(bad)?;
    let columns: Vec<Option<Col>> = header.iter().map(|h| table::column_of(h)).collect();
    report.ignored_columns = header
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    let mut required = vec![
        Col::CardNumber,
        Col::FullName,
        Col::Gender,
        Col::DateOfBirth,
        Col::Status,
        Col::AdmittedOn,
        Col::Category,
    ];
    if opts.default_branch.is_none() {
        required.push(Col::BranchCode);
    }
    for col in required {
        if !columns.contains(&Some(col)) {
            err(&mut report, header_row, Some(col), "Thiếu cột bắt buộc");
        }
    }
    if !report.errors.is_empty() {
        return finish(report);
    }

    // Pass 1: every row checked, nothing written.
    let mut cards: HashSet<String> = HashSet::new();
    let mut row_no = header_row;
    for cells in rows {
        row_no += 1;
        let cells = cells.map_err(bad)?;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        if let Some(parsed) = parse_row(
            &cells,
            &columns,
            &branches,
            opts.default_branch,
            row_no,
            &mut report,
        ) && let Some(card) = parsed.data.card_number
            && !cards.insert(card.clone())
        {
            err(
                &mut report,
                row_no,
                Some(Col::CardNumber),
                format!("Số thẻ {card} lặp lại trong tệp"),
            );
        }
        if let Some(progress) = opts.progress {
            progress(row_no);
        }
    }
    drop(cards);
    // With invalid rows already found, pass 2 still compares every row with what is stored
    // (so that every error is listed: a card of a member outside the scope…) but writes
    // nothing.
    let write = !opts.dry_run && report.errors.is_empty();

    // Pass 2: compare with what is stored and write, all in one transaction.
    let allowed_paths: Vec<String> = branches.values().map(|b| b.path.clone()).collect();
    let outcome = claimed_tx(conn, opts.claim.as_ref(), |conn| {
        let bulk = write
            && report.rows >= BULK_ROWS
            && i64::try_from(report.rows).unwrap_or(i64::MAX) >= members::count_all(conn)?;
        let bulk_load = if bulk {
            members::prepare_bulk_load(conn)?
        } else {
            None
        };
        // A large file: every stored card number read once, so that a chunk of only new
        // members asks nothing more (the planner would scan a table that grows in this
        // transaction for each chunk's lookup).
        let known: Option<HashSet<String>> = if report.rows >= BULK_ROWS {
            Some(members::card_numbers(conn)?.into_iter().collect())
        } else {
            None
        };
        let mut rows = crate::import::open(path).map_err(bad)?;
        for _ in 0..header_row {
            rows.next();
        }
        let flush = |conn: &mut AnyConnection, chunk: &mut Vec<_>, report: &mut ImportReport| {
            write_chunk(conn, chunk, &allowed_paths, known.as_ref(), !write, report)
        };
        let mut row_no = header_row;
        let mut chunk: Vec<(u64, Parsed)> = Vec::with_capacity(CHUNK);
        let mut scratch = ImportReport::default();
        for cells in rows {
            row_no += 1;
            let cells = cells.map_err(bad)?;
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if let Some(parsed) = parse_row(
                &cells,
                &columns,
                &branches,
                opts.default_branch,
                row_no,
                &mut scratch,
            ) {
                chunk.push((row_no, parsed));
            }
            if chunk.len() == CHUNK {
                flush(conn, &mut chunk, &mut report)?;
            }
        }
        flush(conn, &mut chunk, &mut report)?;
        if let Some(load) = bulk_load {
            members::finish_bulk_load(conn, load)?;
        }
        if !report.errors.is_empty() || !write {
            // Roll back: nothing of a failed import or of a dry run stays.
            return Err(AppError::conflict("rolled_back", ""));
        }
        p.audit("import", "member").org(common_root(&allowed_paths)).after(&serde_json::json!({ "rows": report.rows, "created": report.created, "updated": report.updated, "unchanged": report.unchanged, })).record(conn)?;
        Ok(())
    });
    match outcome {
        Ok(()) => finish(report),
        Err(AppError::Conflict {
            code: "rolled_back",
            ..
        }) => finish(report),
        Err(e) => Err(e),
    }
}

/// The deepest path above every path (for scoping the audit entry).
fn common_root(paths: &[String]) -> Option<String> {
    let first = paths.first()?;
    let mut prefix = first.clone();
    for p in paths {
        while !p.starts_with(&prefix) {
            prefix.pop();
            while !prefix.is_empty() && !prefix.ends_with('/') {
                prefix.pop();
            }
        }
    }
    Some(prefix).filter(|p| !p.is_empty())
}

fn finish(report: ImportReport) -> Result<ImportReport, AppError> {
    if report.errors.is_empty() || report.dry_run {
        Ok(report)
    } else {
        Err(AppError::ImportFailed(Box::new(report)))
    }
}

/// Compares a chunk of valid rows with what is stored and writes it. `known`: every stored
/// card number, when read beforehand (a chunk of unknown cards is not looked up).
fn write_chunk(
    conn: &mut AnyConnection,
    chunk: &mut Vec<(u64, Parsed)>,
    allowed_paths: &[String],
    known: Option<&HashSet<String>>,
    dry_run: bool,
    report: &mut ImportReport,
) -> Result<(), AppError> {
    if chunk.is_empty() {
        return Ok(());
    }
    let cards: Vec<String> = chunk
        .iter()
        .filter_map(|(_, p)| p.data.card_number.clone())
        .filter(|c| known.is_none_or(|k| k.contains(c)))
        .collect();
    let existing: HashMap<String, members::Member> = members::by_card_numbers(conn, &cards)?
        .into_iter()
        .filter_map(|m| m.card_number.clone().map(|c| (c, m)))
        .collect();
    let ids: Vec<i64> = existing.values().map(|m| m.id).collect();
    let mut years = members::long_absences_for(conn, &ids)?;
    let paths: HashMap<i64, String> = members::branch_paths(conn, &ids)?.into_iter().collect();
    let mut new_records = Vec::new();
    let mut new_years = Vec::new();
    for (row, parsed) in chunk.drain(..) {
        let card = parsed.data.card_number.clone().unwrap_or_default();
        match existing.get(&card) {
            Some(current) => {
                let in_scope = paths
                    .get(&current.id)
                    .is_some_and(|p| allowed_paths.iter().any(|a| p.starts_with(a.as_str())));
                if !in_scope {
                    err(
                        report,
                        row,
                        Some(Col::CardNumber),
                        format!("Số thẻ {card} thuộc đảng viên ngoài phạm vi được nhập"),
                    );
                    continue;
                }
                let mut data = parsed.data;
                // The file says nothing about leaving: keep what is stored.
                data.active = current.active;
                data.left_on = current.left_on;
                data.left_reason = current.left_reason.clone();
                data.cell_id = current
                    .cell_id
                    .filter(|_| data.branch_id == current.branch_id);
                let stored_years = years.remove(&current.id).unwrap_or_default();
                if data == current.data() && stored_years == parsed.years {
                    report.unchanged += 1;
                    continue;
                }
                report.updated += 1;
                if !dry_run {
                    if data != current.data() {
                        members::update(conn, current.id, &data)?;
                    }
                    if stored_years != parsed.years {
                        members::set_long_absences(conn, current.id, &parsed.years)?;
                    }
                }
            }
            None => {
                report.created += 1;
                if !dry_run {
                    new_years.push((parsed.data.card_number.clone(), parsed.years));
                    new_records.push(parsed.data);
                }
            }
        }
    }
    // New members in one statement per chunk; their ids are read back only for the few with
    // years of long absence.
    let (with_years, without): (Vec<_>, Vec<_>) = new_records
        .into_iter()
        .zip(new_years)
        .partition(|(_, (_, years))| !years.is_empty());
    let without: Vec<MemberData> = without.into_iter().map(|(d, _)| d).collect();
    members::insert_many(conn, &without)?;
    let (records, years): (Vec<MemberData>, Vec<_>) = with_years.into_iter().unzip();
    let created = members::create_many(conn, &records)?;
    let ids: HashMap<Option<String>, i64> =
        created.into_iter().map(|(id, card)| (card, id)).collect();
    for (card, years) in years {
        if let Some(id) = ids.get(&card) {
            members::set_long_absences(conn, *id, &years)?;
        }
    }
    Ok(())
}
