//! The `kiemdiem` command: serve the system, migrate the database, export the OpenAPI document.

mod backup;
mod config;
mod demo;
mod scale;

use clap::{Parser, Subcommand};
use config::Config;
use kiemdiem_api::{AppState, build};
use kiemdiem_store::Pool;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "kiemdiem",
    version,
    about = "Kiểm điểm, đánh giá, xếp loại đảng viên hằng năm"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Members from a CSV or XLSX file (the columns of the template), all or nothing.
    Members {
        file: PathBuf,
        /// The branch for rows without a "Mã chi bộ" column.
        #[arg(long)]
        branch_code: Option<String>,
        /// Report what would change without writing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, then serve the API, the docs and the SPA.
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Create an administrator (or reset the password of an existing one).
    CreateAdmin {
        #[arg(long)]
        username: String,
        /// Asked for on the terminal when omitted.
        #[arg(long)]
        password: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Create the demo province, district, university party committee, branches, about 150
    /// members with four years of history, and one user per role (see the README).
    SeedDemo,
    /// Generate a synthetic province for benchmarks and load tests (realistic names,
    /// categories, flags, history, one cycle with every member's result).
    Seed {
        #[arg(long, default_value_t = 200_000)]
        members: usize,
        #[arg(long, default_value_t = 8_000)]
        branches: usize,
        /// Years of history before the cycle's year.
        #[arg(long, default_value_t = 5)]
        years: u32,
        /// The cycle's year.
        #[arg(long, default_value_t = 2016)]
        year: i32,
    },
    /// Import data from a file.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Copy the database to a new file: SQLite online (VACUUM INTO), PostgreSQL with pg_dump.
    Backup { path: PathBuf },
    /// Replace the database with a backup, check it, migrate it and count its rows.
    Restore {
        path: PathBuf,
        /// Replace a database that already holds data.
        #[arg(long)]
        force: bool,
    },
    /// Send today's agenda e-mails now to those not yet written to today (needs
    /// KIEMDIEM_SMTP_URL; the server also does it daily by itself).
    MailAgenda,
    /// Write the OpenAPI document (to stdout, or to --output).
    ExportOpenapi {
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// mimalloc (maintained; issue #18): glibc's malloc kept what each thread's arena had held —
/// after 48 logins from 8 clients (Argon2id takes 19 MiB per hash) the server stayed at
/// 364 MB of RSS, against 111 MB with large blocks mapped and unmapped directly. mimalloc
/// returns large and freed segments to the system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc gives what a thread freed back to the system 10 ms later (`MIMALLOC_PURGE_DELAY`,
/// read from the environment when the process starts), and each of the server's blocking
/// threads keeps its own heap: a 30 s trial of the deadline-week load (500 requests/s on
/// 200,000 members, issue #18) left 283 MB resident with the default and 198 MB with the
/// delay at 0, at the same latencies. The server sets it by starting itself again with it
/// (`exec`: the same process id); a value the operator set is kept.
fn allocator_settings() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let e = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("MIMALLOC_PURGE_DELAY", "0")
        .exec();
    eprintln!("kiemdiem: could not start again with MIMALLOC_PURGE_DELAY=0 ({e}); going on");
}

fn main() -> ExitCode {
    // A missing .env is normal; the environment itself always wins over it.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    if matches!(cli.command, Command::Serve) {
        allocator_settings();
    }
    init_tracing();
    let result = match cli.command {
        Command::Serve => Config::from_env().and_then(serve),
        Command::Migrate => Config::from_env().and_then(migrate),
        Command::CreateAdmin {
            username,
            password,
            display_name,
        } => Config::from_env().and_then(|c| create_admin(c, username, password, display_name)),
        Command::SeedDemo => Config::from_env().and_then(seed_demo),
        Command::Seed {
            members,
            branches,
            years,
            year,
        } => Config::from_env().and_then(|c| {
            let pool = open_pool(&c)?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            scale::seed(
                &mut conn,
                &scale::Scale {
                    members,
                    branches,
                    years,
                    year,
                },
            )
        }),
        Command::Import {
            what:
                ImportWhat::Members {
                    file,
                    branch_code,
                    dry_run,
                },
        } => Config::from_env().and_then(|c| import_members(c, &file, branch_code, dry_run)),
        Command::Backup { path } => Config::from_env().and_then(|c| backup::backup(&c, &path)),
        Command::Restore { path, force } => {
            Config::from_env().and_then(|c| backup::restore(&c, &path, force))
        }
        Command::MailAgenda => Config::from_env().and_then(mail_agenda),
        Command::ExportOpenapi { output } => export_openapi(output),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kiemdiem: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn open_pool(config: &Config) -> Result<Pool, String> {
    Pool::open(config.database.clone(), config.pool_size).map_err(|e| e.to_string())
}

fn migrate(config: Config) -> Result<(), String> {
    open_pool(&config)?;
    println!("kiemdiem: database {} is up to date", config.database);
    Ok(())
}

fn create_admin(
    config: Config,
    username: String,
    password: Option<String>,
    display_name: Option<String>,
) -> Result<(), String> {
    let password = match password {
        Some(p) => p,
        None => prompt_password()?,
    };
    let pool = open_pool(&config)?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let outcome = kiemdiem_app::users::create_admin(
        &mut conn,
        &username,
        &password,
        display_name.as_deref().unwrap_or(&username),
    )
    .map_err(|e| e.explain())?;
    println!("kiemdiem: {outcome}");
    Ok(())
}

fn seed_demo(config: Config) -> Result<(), String> {
    let pool = open_pool(&config)?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    if demo::seed(&mut conn)? {
        println!("kiemdiem: demo data created. Logins (username / password):");
        for (username, password, _, role, code) in demo::LOGINS {
            println!("  {username:<15} {password:<20} {role} {code}");
        }
    } else {
        println!("kiemdiem: the demo data is already there");
    }
    Ok(())
}

fn import_members(
    config: Config,
    file: &std::path::Path,
    branch_code: Option<String>,
    dry_run: bool,
) -> Result<(), String> {
    use kiemdiem_app::imports::members::{Options, run};
    let pool = open_pool(&config)?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let default_branch = match branch_code {
        Some(code) => Some(
            kiemdiem_store::organizations::list(&mut conn, &Default::default())
                .map_err(|e| e.to_string())?
                .into_iter()
                .find(|o| o.code == code && o.kind == "branch")
                .ok_or_else(|| format!("no branch with the code {code}"))?
                .id,
        ),
        None => None,
    };
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {msg} {pos} dòng ({per_sec}, {elapsed})",
        )
        .map_err(|e| e.to_string())?,
    );
    bar.set_message("Đang kiểm tra");
    let actor = kiemdiem_app::Actor::system("cli");
    let progress = |row: u64| {
        if row.is_multiple_of(1000) {
            bar.set_position(row);
        }
    };
    let opts = Options {
        dry_run,
        default_branch,
        actor: &actor,
        progress: Some(&progress),
        claim: None,
    };
    let outcome = run(&mut conn, file, &opts);
    bar.finish_and_clear();
    match outcome {
        Ok(r) => {
            println!(
                "kiemdiem: {} rows: {} created, {} updated, {} unchanged{}",
                r.rows,
                r.created,
                r.updated,
                r.unchanged,
                if dry_run {
                    " (dry run: nothing written)"
                } else {
                    ""
                }
            );
            print_row_errors(&r.errors, r.errors_truncated);
            if r.errors.is_empty() {
                Ok(())
            } else {
                Err("the file has invalid rows".into())
            }
        }
        Err(kiemdiem_app::AppError::ImportFailed(r)) => {
            print_row_errors(&r.errors, r.errors_truncated);
            Err("the file has invalid rows: nothing was written".into())
        }
        Err(e) => Err(e.explain()),
    }
}

fn print_row_errors(errors: &[kiemdiem_app::import::RowError], truncated: bool) {
    for e in errors {
        eprintln!(
            "  dòng {}{}: {}",
            e.row,
            e.column
                .as_deref()
                .map(|c| format!(", cột {c}"))
                .unwrap_or_default(),
            e.message
        );
    }
    if truncated {
        eprintln!("  … và các lỗi khác");
    }
}

fn prompt_password() -> Result<String, String> {
    use std::io::{BufRead, Write};
    eprint!("Mật khẩu (ít nhất 10 ký tự): ");
    std::io::stderr().flush().map_err(|e| e.to_string())?;
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn export_openapi(output: Option<PathBuf>) -> Result<(), String> {
    let json = kiemdiem_api::openapi::document_json();
    match output {
        Some(path) => {
            std::fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            print!("{json}");
            Ok(())
        }
    }
}

fn serve(config: Config) -> Result<(), String> {
    let pool =
        Pool::open_kept(config.database.clone(), config.pool_size).map_err(|e| e.to_string())?;
    let web_dir = config.web_dir.clone().filter(|d| {
        let ok = d.join("index.html").is_file();
        if !ok {
            tracing::warn!(dir = %d.display(), "no built SPA there (run `make build`): serving the API only");
        }
        ok
    });
    if config.jwt_secret.is_none() {
        // The generated secret's directory is private (issue #13, item 6).
        kiemdiem_store::files::create_private_dir(&config.data_dir)
            .map_err(|e| format!("cannot create {}: {e}", config.data_dir.display()))?;
    }
    let secret =
        kiemdiem_api::auth::secret::load_or_create(config.jwt_secret.clone(), &config.data_dir)?;
    let mut state = AppState::new(pool, &secret)
        .with_rate_limit(config.rate_limit)
        .with_cors_origins(config.cors_origins.clone());
    if let Some(path) = &config.webhook_ca_file {
        let pem = std::fs::read(path)
            .map_err(|e| format!("KIEMDIEM_WEBHOOK_CA_FILE {}: {e}", path.display()))?;
        state = state
            .with_webhook_ca(&pem)
            .map_err(|e| format!("KIEMDIEM_WEBHOOK_CA_FILE {}: {e}", path.display()))?;
    }
    let replica = config.replica.as_ref().map(|r| {
        Arc::new(kiemdiem_api::replica::Replica::new(
            kiemdiem_store::Pool::open_replica(r.target.clone(), config.pool_size),
            r.max_lag,
            r.sticky,
        ))
    });
    if let Some(replica) = &replica {
        state = state.with_replica(Arc::clone(replica));
    }
    let primary = state.pool.clone();
    let (mailer, hour) = match &config.smtp {
        Some(smtp) => (Some(Arc::new(mail_transport(smtp)?)), smtp.hour),
        None => (None, 0),
    };
    let bind = config.bind.clone();
    let threads = threads(&config, config.replica.is_some());
    // Before anything runs a query (the background tasks below included).
    kiemdiem_api::blocking::configure(threads.2);
    actix_web::rt::System::new().block_on(async move {
        // Webhook deliveries from the outbox, every few seconds (several instances may run
        // it on PostgreSQL: deliveries are claimed with SKIP LOCKED).
        kiemdiem_api::webhooks::spawn_worker(state.clone());
        // Whether the replica, if any, is caught up enough to answer reports (issue #18).
        if let Some(replica) = replica {
            kiemdiem_api::replica::spawn_monitor(primary, replica);
        }
        // The agenda by e-mail, once a day, when an SMTP server is configured (issue #17).
        if let Some(mailer) = mailer {
            kiemdiem_api::mail::spawn_daily(state.clone(), mailer, hour);
        }
        let (workers, blocking) = (threads.0, threads.1);
        let server = actix_web::HttpServer::new(move || build(state.clone(), web_dir.clone()))
            .workers(workers)
            .worker_max_blocking_threads(blocking)
            .shutdown_timeout(10)
            .bind(&bind)
            .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
        for addr in server.addrs() {
            tracing::info!(database = %config.database, "kiemdiem listening on http://{addr}/");
            println!(
                "kiemdiem: http://{addr}/ (database {})",
                config.database.backend().as_str()
            );
        }
        // actix-web stops gracefully on SIGTERM and SIGINT: in-flight requests finish.
        server.run().await.map_err(|e| format!("server error: {e}"))
    })
}

/// The HTTP workers (one per core), each one's own blocking threads (static files, password
/// hashes for new users: a few), and the database threads they share (kiemdiem_api::blocking),
/// which run every query (diesel is synchronous): as many as the pools have connections, and
/// four more (background renewals and tasks: with one more, a request refused while
/// PostgreSQL was down waited 5.9 s behind others waiting for a connection, in the fault
/// drill). actix's default is 512 blocking threads in all; past the pools' size a thread only
/// waits for a connection, and each one keeps its own allocator heap resident (issue #18: the
/// peak RSS rose by about 40 MB per run of 32 connections).
fn threads(config: &Config, has_replica: bool) -> (usize, usize, usize) {
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let connections =
        usize::try_from(config.pool_size).unwrap_or(16) * if has_replica { 2 } else { 1 };
    (workers, 4, connections + 4)
}

fn mail_transport(smtp: &config::Smtp) -> Result<kiemdiem_api::mail::Mailer, String> {
    kiemdiem_api::mail::Mailer::new(&smtp.url, &smtp.from, smtp.public_url.clone())
}

/// `kiemdiem mail-agenda`: one round of the agenda's e-mails now.
fn mail_agenda(config: Config) -> Result<(), String> {
    let smtp = config
        .smtp
        .as_ref()
        .ok_or("KIEMDIEM_SMTP_URL is not set: there is no SMTP server to send through")?;
    let mailer = mail_transport(smtp)?;
    let pool = open_pool(&config)?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let round = mailer
        .round_on(&mut conn, kiemdiem_app::today())
        .map_err(|e| e.to_string())?;
    println!(
        "agenda e-mails: {} sent, {} refused, {} with nothing to do, {} already sent today",
        round.sent, round.failed, round.empty, round.already
    );
    if round.failed > 0 {
        return Err(format!("{} agenda e-mails were refused", round.failed));
    }
    Ok(())
}
