//! The `placer` command line: its arguments and what each command runs.

use crate::{app, auth, cli, core, demo, error, http, maintenance, progress, reports, store};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use uuid::Uuid;

#[derive(Debug, Parser)]
#[command(
    name = "placer",
    version,
    about = "Placer: a registry for artisanal alluvial mining"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Runs the server.
    Serve {
        /// Data directory: the batch log and the derived state.
        #[arg(long, env = "PLACER_DATA", default_value = "placer-data")]
        data: PathBuf,
        /// Address of the public listener (devices, API). Plain HTTP only on loopback,
        /// unless --insecure-http.
        #[arg(long, env = "PLACER_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// PEM certificate chain (leaf first) of the public listener, which then speaks
        /// HTTPS only and sends Strict-Transport-Security.
        #[arg(long, env = "PLACER_TLS_CERT", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// PEM private key of --tls-cert (PKCS#8, PKCS#1 or SEC1).
        #[arg(long, env = "PLACER_TLS_KEY", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Serves plain HTTP on an address other than loopback (a TLS proxy on another
        /// machine): passwords and records then cross that network in clear.
        #[arg(long, env = "PLACER_INSECURE_HTTP", conflicts_with = "tls_cert")]
        insecure_http: bool,
        /// Address of the admin listener; must be loopback.
        #[arg(long, env = "PLACER_ADMIN_LISTEN", default_value = "127.0.0.1:0")]
        admin_listen: String,
        /// HTTP worker threads (default: one per core).
        #[arg(long, env = "PLACER_WORKERS")]
        workers: Option<usize>,
        /// How long an officer's login lasts, in seconds.
        #[arg(long, env = "PLACER_SESSION_SECONDS", default_value_t = auth::DEFAULT_SESSION_SECONDS)]
        session_seconds: u64,
        /// What one device may push in a UTC day, in MiB; over it, pushes are refused (429)
        /// until the next day.
        #[arg(long, env = "PLACER_PUSH_QUOTA_MIB", default_value_t = core::PUSH_QUOTA_MIB)]
        push_quota_mib: u64,
        /// Turns the checks at ingest off, to measure what they cost. Never on a registry
        /// in use: records ingested meanwhile are never checked.
        #[arg(long, env = "PLACER_NO_CHECKS")]
        no_checks: bool,
        /// Turns the rollup cells at ingest off, to measure what they cost. Reports are then
        /// wrong until `placer admin rebuild-rollups`.
        #[arg(long, env = "PLACER_NO_ROLLUPS")]
        no_rollups: bool,
    },
    /// Administration; works with the server running or stopped.
    Admin {
        #[arg(long, env = "PLACER_DATA", default_value = "placer-data")]
        data: PathBuf,
        #[command(subcommand)]
        cmd: AdminCmd,
    },
    /// Red flags: list and resolve (with the server running or stopped).
    Flags {
        #[arg(long, env = "PLACER_DATA", default_value = "placer-data")]
        data: PathBuf,
        #[command(subcommand)]
        cmd: FlagsCmd,
    },
    /// Reports (regional, kp, national, exports, dealers, large-stones) as JSON or CSV, with
    /// the server running or stopped.
    Report {
        #[arg(long, env = "PLACER_DATA", default_value = "placer-data")]
        data: PathBuf,
        #[command(flatten)]
        args: ReportArgs,
    },
    /// Benchmarks that run inside the binary.
    Bench {
        #[command(subcommand)]
        cmd: BenchCmd,
    },
    /// A demo registry: a season in Ghana and Sierra Leone synced by simulated handsets,
    /// then served. A data directory that holds a finished demo is only served.
    Demo {
        /// The same seed gives the same records.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Plain HTTP: a loopback address, unless --insecure-http.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Serves the demo on an address other than loopback, in plain HTTP.
        #[arg(long)]
        insecure_http: bool,
        #[arg(long, default_value = "placer-demo")]
        data: PathBuf,
        /// The season's last month, YYYY-MM (default: the month before this one).
        #[arg(long)]
        last_month: Option<String>,
        /// Share of the full size, for tests.
        #[arg(long, default_value_t = 1.0, hide = true)]
        scale: f64,
    },
    /// A field device from the shell: enrol, record, sync, list.
    Device {
        /// The device's own data directory.
        #[arg(long, env = "PLACER_DEVICE_DIR", default_value = "placer-device")]
        dir: PathBuf,
        #[command(flatten)]
        keys: cli::device::DeviceKeys,
        #[command(subcommand)]
        cmd: cli::device::DeviceCmd,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ReportKind {
    /// The regional rollup per region and month.
    Regional,
    /// Kimberley Process statistics of one country: production per half-year, exports and
    /// imports per quarter by HS code and partner country.
    Kp,
    /// The national internal-control report per quarter (or half-year, `--period half`).
    National,
    /// Export monitoring: per exporter and quarter, with the risk ranking.
    Exports,
    /// Licensed dealers' stock balances per dealer and quarter.
    Dealers,
    /// The large-stone register: every stone at or above its mineral's large size.
    LargeStones,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    #[arg(value_enum)]
    kind: ReportKind,
    /// First month, YYYY-MM.
    #[arg(long)]
    from: String,
    /// Last month, YYYY-MM.
    #[arg(long)]
    to: String,
    /// The region (for `kp`, the country: the KP participant; `--country` too).
    #[arg(long, visible_alias = "country")]
    region: Option<Uuid>,
    /// For the national report: quarter or half.
    #[arg(long)]
    period: Option<String>,
    /// json or csv
    #[arg(long, default_value = "json")]
    format: String,
}

#[derive(Debug, Subcommand)]
enum FlagsCmd {
    /// Lists flags, newest state first within key order, as JSON.
    List {
        #[arg(long)]
        region: Option<Uuid>,
        /// e.g. licence_not_valid, outside_licence_area, batch_fork
        #[arg(long)]
        kind: Option<String>,
        /// open, resolved or closed
        #[arg(long)]
        state: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Resolves an open flag with a note.
    Resolve {
        id: String,
        #[arg(long)]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
enum BenchCmd {
    /// Point-to-region lookups: the ten real borders plus a grid of synthetic districts.
    Geo {
        #[arg(long, default_value_t = 5_000)]
        districts: usize,
        #[arg(long, default_value_t = 1_000_000)]
        lookups: usize,
    },
    /// The national report and one regional report over a synthetic country, loaded
    /// through the real ingest; prints the timings and a JSON line.
    Reports {
        /// Production records to load.
        #[arg(long, default_value_t = 10_000_000)]
        records: u64,
        #[arg(long, default_value_t = 200)]
        districts: usize,
        #[arg(long, default_value_t = 24)]
        months: u32,
        /// A data directory to keep; a later run on the same dataset skips the load.
        #[arg(long)]
        data: Option<PathBuf>,
        /// Writes the same productions as CSV, for a peer database.
        #[arg(long)]
        rows_csv: Option<PathBuf>,
        /// Timed runs of each report.
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// Derives the whole state again from a registry's batch log (a copy; the registry is
    /// left as it is) and times it.
    Rebuild {
        /// The registry whose log is replayed.
        #[arg(long)]
        data: PathBuf,
        /// Timed runs.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// Where a stopped registry's disk goes: the log, the state's live bytes per key
    /// prefix, sled's file, and the same keys written afresh.
    Space {
        /// The registry (stopped).
        #[arg(long)]
        data: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCmd {
    /// Prints a one-time enrolment code for an agent's device.
    EnrolCode {
        #[arg(long)]
        agent: String,
        /// Regions the device will serve, comma-separated ids.
        #[arg(long, value_delimiter = ',', required = true)]
        regions: Vec<Uuid>,
        /// Hours until the code expires.
        #[arg(long, default_value_t = 72)]
        ttl_hours: u64,
        /// The registry's address as handsets reach it (`https://registry.example`): the
        /// field app's link with the code is printed, and drawn as a QR code a phone's
        /// camera opens. Without it, the QR code holds the code alone (the app scans it).
        #[arg(long)]
        app_url: Option<String>,
    },
    /// Revokes a device: from now on everything it sends is refused.
    RevokeDevice {
        id: Uuid,
        #[arg(long, default_value = "revoked by an administrator")]
        reason: String,
    },
    /// Lists enrolled devices with their last sync.
    Devices,
    /// Lists records with same-field conflicts (the losing values), a page at a time.
    Conflicts {
        #[arg(long)]
        after: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Counts of records, batches, forks and devices.
    Stats,
    /// Creates an officer account. The password is prompted for, or read from standard
    /// input when it is not a terminal.
    AddUser {
        name: String,
        #[arg(long, value_enum)]
        role: auth::Role,
        /// Regions of a regional officer, comma-separated ids.
        #[arg(long, value_delimiter = ',')]
        regions: Vec<Uuid>,
    },
    /// Lists officer accounts.
    Users,
    /// Disables an account: it cannot log in, and its sessions end at once (logged).
    DisableUser { name: String },
    /// Lets a disabled account log in again (logged).
    EnableUser { name: String },
    /// Replaces an account's password, read from the terminal or standard input; its
    /// sessions end (logged).
    SetPassword { name: String },
    /// Ends every session of an account (logged).
    RevokeSessions { name: String },
    /// Everything the registry holds about one miner, as JSON: the registration with its
    /// whole history, licences held, site-days and sales naming them, flags.
    PersonFile {
        /// The miner's record id.
        miner: Uuid,
    },
    /// Erases a person's values from the registry (their openings are deleted, the derived
    /// state and every handset at its next pull hold them erased): every personal value of
    /// the miner, or with `--field` that field's earlier values only (a rectification).
    ErasePerson {
        /// The miner's record id.
        miner: Uuid,
        /// Why: the person's request, a ruling, a rectification.
        #[arg(long)]
        reason: String,
        /// names, sex, birth_year, national_id, phone or cooperative: erase this field's
        /// earlier values, keeping its current one.
        #[arg(long)]
        field: Option<String>,
    },
    /// Imports regions from a GeoJSON FeatureCollection of Polygons or MultiPolygons.
    /// Importing the same file again changes nothing.
    ImportRegions {
        file: PathBuf,
        /// country, region or district.
        #[arg(long, value_parser = parse_level)]
        level: sync_protocol::records::RegionLevel,
        /// The region these sit in (e.g. the country of imported regions).
        #[arg(long)]
        parent: Option<Uuid>,
        /// The feature property holding each region's name.
        #[arg(long, default_value = "name")]
        name_field: String,
    },
    /// Lists imported regions (without boundaries).
    Regions,
    /// Recomputes every rollup cell from the records and says how many differed from the
    /// cells kept at ingest (there should be none).
    RebuildRollups,
    /// Lists the batch log's entries that could not be applied and were set aside.
    Quarantine,
    /// Reads the batch log end to end without changing it (works beside a running server,
    /// and on a backup): every frame, every device's hash chain, every signature. Exits
    /// non-zero when the log is not whole.
    Verify,
    /// After the server refused to start on a damaged batch log (server stopped): keeps
    /// every intact frame, sets the damaged segment aside, lists the accepted batches lost,
    /// and moves the derived state aside to be rebuilt at the next start.
    RepairLog,
    /// Copies the batch log, consistently, into a new directory with a manifest; works with
    /// the server running.
    Backup {
        /// The new directory to write the backup into.
        to: PathBuf,
    },
    /// Restores a backup into the data directory (`--data`), which must not hold a
    /// registry yet; the next start rebuilds everything from the restored log.
    Restore {
        /// The backup directory (with its backup.json).
        from: PathBuf,
    },
    /// Declares an exporter's stock on hand at a date, from which its stock balance runs.
    DeclareOpeningStock {
        /// The exporter's licence.
        #[arg(long)]
        exporter: Uuid,
        /// YYYY-MM-DD; the stock counts from this date's month.
        #[arg(long)]
        as_of: String,
        /// Carats, e.g. 120.50.
        #[arg(long)]
        carats: String,
    },
    /// Sets a country's thresholds of the checks from a JSON file (a partial object: what it
    /// leaves out keeps its default), e.g. {"diamond": {"min_stone_hundredths": 1,
    /// "max_stone_hundredths": 50000, "productivity_floor_hundredths": 100,
    /// "large_stone_hundredths": 300}}.
    SetThresholds {
        #[arg(long)]
        country: Uuid,
        #[arg(long)]
        file: PathBuf,
    },
    /// Sets an estimate of the diggers working in a region (the register's coverage in the
    /// national report is measured against it).
    SetDiggerEstimate {
        #[arg(long)]
        region: Uuid,
        #[arg(long)]
        diggers: u64,
        /// Where the figure comes from, e.g. "2025 district census".
        #[arg(long)]
        source: String,
    },
    /// Records the purchases (sales to its exporter) an export's parcel comes from.
    CitePurchases {
        #[arg(long)]
        export: Uuid,
        /// A purchase's sale id; repeat for each.
        #[arg(long = "purchase", required = true)]
        purchases: Vec<Uuid>,
    },
    /// Records rough diamonds imported into a country under a KP certificate.
    RecordImport {
        /// The importing country's region id.
        #[arg(long)]
        country: Uuid,
        /// Who imports them (a licensed dealer or exporter, by name).
        #[arg(long)]
        importer: String,
        #[arg(long)]
        certificate: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Carats, e.g. 120.50.
        #[arg(long)]
        carats: String,
        /// US$, e.g. 52000.00.
        #[arg(long)]
        value_usd: String,
        #[arg(long, value_enum)]
        hs_code: cli::device::HsArg,
        /// The country of origin, ISO 3166-1 alpha-3 (e.g. SLE).
        #[arg(long)]
        origin: String,
    },
    /// Records the government valuator's value of an export's parcel and the duty paid on
    /// it (replacing any earlier valuation of that export).
    ValueExport {
        /// The export's record id.
        #[arg(long)]
        export: Uuid,
        /// The valuator's value, US$, e.g. 52000.00.
        #[arg(long)]
        valuation: String,
        /// The duty paid, US$ (0 where none).
        #[arg(long, default_value = "0")]
        duty: String,
    },
    /// Records the fineness of a gold sale by assay (replacing any earlier assay of it).
    AssayGold {
        /// The sale's record id.
        #[arg(long)]
        sale: Uuid,
        /// Parts per thousand, at most one decimal, e.g. 916.7.
        #[arg(long)]
        fineness: String,
        /// Who assayed it (the assay office, the buyer's laboratory).
        #[arg(long)]
        assayer: String,
    },
    /// Sets a region's reference footprint: a period of production (`--from`, `--to`,
    /// optionally `--source-region`), or size-class counts imported from a CSV file with the
    /// header `class,stones,carats` and a `--source` note.
    SetReferenceFootprint {
        #[arg(long)]
        region: Uuid,
        /// First month of the reference period (YYYY-MM).
        #[arg(long, requires = "to", conflicts_with = "file")]
        from: Option<String>,
        /// Last month of the reference period (YYYY-MM).
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// The region whose production makes the reference (default: `--region`).
        #[arg(long, requires = "from")]
        source_region: Option<Uuid>,
        /// CSV of counts per size class.
        #[arg(long, requires = "source", required_unless_present = "from")]
        file: Option<PathBuf>,
        /// Where the imported counts come from (a survey, a review visit).
        #[arg(long, requires = "file")]
        source: Option<String>,
    },
}

fn parse_level(s: &str) -> Result<sync_protocol::records::RegionLevel, String> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| format!("{s:?}: expected country, region or district"))
}

fn init_tracing(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PLACER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<String, String> = match cli.cmd {
        Cmd::Serve {
            data,
            listen,
            tls_cert,
            tls_key,
            insecure_http,
            admin_listen,
            workers,
            session_seconds,
            push_quota_mib,
            no_checks,
            no_rollups,
        } => {
            init_tracing("info");
            let workers = workers.unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2)
            });
            app::serve(app::ServeConfig {
                data,
                listen,
                admin_listen,
                workers,
                session_seconds,
                push_quota_bytes: push_quota_mib.saturating_mul(1024 * 1024),
                checks: !no_checks,
                rollups: !no_rollups,
                tls: tls_cert
                    .zip(tls_key)
                    .map(|(cert, key)| app::TlsFiles { cert, key }),
                insecure_http,
            })
            .map(|_| String::new())
            .map_err(|e| e.to_string())
        }
        Cmd::Admin { data, cmd } => {
            init_tracing("warn");
            run_admin(&data, cmd).map_err(|e| e.to_string())
        }
        Cmd::Report { data, args } => {
            init_tracing("warn");
            let kind = match args.kind {
                ReportKind::Regional => "regional",
                ReportKind::Kp => "kp",
                ReportKind::National => "national",
                ReportKind::Exports => "exports",
                ReportKind::Dealers => "dealers",
                ReportKind::LargeStones => "large-stones",
            };
            match args.format.as_str() {
                "json" | "csv" => cli::admin::Admin::connect(&data)
                    .and_then(|a| {
                        a.report(
                            kind,
                            args.region,
                            args.period.as_deref(),
                            &args.from,
                            &args.to,
                            args.format == "csv",
                        )
                    })
                    // `println!` adds the last line's newline.
                    .map(|out| out.trim_end_matches('\n').to_string())
                    .map_err(|e| e.to_string()),
                other => Err(format!("format {other:?}: json or csv")),
            }
        }
        Cmd::Flags { data, cmd } => {
            init_tracing("warn");
            run_flags(&data, cmd).map_err(|e| e.to_string())
        }
        Cmd::Bench {
            cmd: BenchCmd::Geo { districts, lookups },
        } => {
            init_tracing("warn");
            Ok(crate::bench::geo::run_lookup_bench(districts, lookups).to_string())
        }
        Cmd::Bench {
            cmd:
                BenchCmd::Reports {
                    records,
                    districts,
                    months,
                    data,
                    rows_csv,
                    runs,
                },
        } => {
            init_tracing("warn");
            crate::bench::reports::run(crate::bench::reports::Config {
                spec: crate::bench::reports::dataset::Spec {
                    records,
                    districts,
                    months,
                },
                data,
                rows_csv,
                runs,
            })
            .map_err(|e| e.to_string())
        }
        Cmd::Bench {
            cmd: BenchCmd::Rebuild { data, runs },
        } => {
            init_tracing("warn");
            crate::bench::rebuild::run(crate::bench::rebuild::Config { data, runs })
                .map_err(|e| e.to_string())
        }
        Cmd::Bench {
            cmd: BenchCmd::Space { data },
        } => {
            init_tracing("warn");
            crate::bench::space::run(crate::bench::space::Config { data })
                .map_err(|e| e.to_string())
        }
        Cmd::Demo {
            seed,
            listen,
            insecure_http,
            data,
            last_month,
            scale,
        } => {
            init_tracing("warn");
            demo::run(demo::DemoConfig {
                data,
                listen,
                insecure_http,
                seed,
                scale,
                last_month,
                workers: std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2),
            })
            .map(|_| String::new())
            .map_err(|e| e.to_string())
        }
        Cmd::Device { dir, keys, cmd } => {
            init_tracing("warn");
            cli::device::run(&dir, &keys, cmd).map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(out) => {
            if !out.is_empty() {
                println!("{out}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The bytes of the files in a directory, for a progress bar's length.
fn dir_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Prompts twice on a terminal; otherwise reads the first line of standard input.
fn read_password(user: &str) -> error::Result<String> {
    use std::io::IsTerminal;
    let io = |e: std::io::Error| error::ServerError::Other(format!("reading the password: {e}"));
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("password for {user}: ")).map_err(io)?;
        let again = rpassword::prompt_password("again: ").map_err(io)?;
        if first != again {
            return Err(error::ServerError::Other("the two passwords differ".into()));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(io)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

/// A command-line word as a value of a snake_case enum (`licence_not_valid`, `open`).
fn parse_word<T: serde::de::DeserializeOwned>(
    what: &str,
    v: &Option<String>,
) -> error::Result<Option<T>> {
    v.as_ref()
        .map(|s| {
            serde_json::from_value(serde_json::Value::String(s.clone()))
                .map_err(|_| error::ServerError::Other(format!("unknown {what} {s:?}")))
        })
        .transpose()
}

fn run_flags(data: &std::path::Path, cmd: FlagsCmd) -> error::Result<String> {
    let admin = cli::admin::Admin::connect(data)?;
    let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).unwrap_or_default();
    Ok(match cmd {
        FlagsCmd::List {
            region,
            kind,
            state,
            limit,
        } => {
            let filter = store::FlagFilter {
                regions: None,
                region,
                kind: parse_word("kind", &kind)?,
                state: parse_word("state", &state)?,
                since: None,
            };
            let query: Vec<String> = [
                region.map(|r| format!("region={r}")),
                kind.map(|k| format!("kind={k}")),
                state.map(|s| format!("state={s}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            pretty(admin.flags(filter, &query.join("&"), limit)?)
        }
        FlagsCmd::Resolve { id, note } => pretty(admin.resolve_flag(&id, &note)?),
    })
}

/// Pretty JSON of a report, for printing.
fn to_pretty<T: serde::Serialize>(v: &T) -> error::Result<String> {
    serde_json::to_string_pretty(v).map_err(|e| error::ServerError::Other(e.to_string()))
}

/// `placer admin verify`: the report, and a failure when the log is not whole.
fn run_verify(data: &std::path::Path) -> error::Result<String> {
    let log = core::log_dir(data);
    let bar = progress::bytes_bar(dir_bytes(&log), "verifying the batch log");
    let report = maintenance::verify::verify_log(&log, &|n| bar.inc(n))?;
    bar.finish_and_clear();
    let text = to_pretty(&report)?;
    if report.ok {
        return Ok(text);
    }
    println!("{text}");
    Err(error::ServerError::Other(
        "the batch log is not whole: see the report above".into(),
    ))
}

fn run_admin(data: &std::path::Path, cmd: AdminCmd) -> error::Result<String> {
    // These work on the files themselves: the server may be unable to start, or running.
    let cmd = match cmd {
        AdminCmd::Verify => return run_verify(data),
        AdminCmd::RepairLog => return to_pretty(&maintenance::repair::repair_log(data)?),
        AdminCmd::Backup { to } => return to_pretty(&maintenance::backup::backup(data, &to)?),
        AdminCmd::Restore { from } => {
            return to_pretty(&maintenance::backup::restore(&from, data)?)
        }
        other => other,
    };
    let admin = cli::admin::Admin::connect(data)?;
    let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).unwrap_or_default();
    Ok(match cmd {
        AdminCmd::Verify
        | AdminCmd::RepairLog
        | AdminCmd::Backup { .. }
        | AdminCmd::Restore { .. } => {
            return Err(error::ServerError::Other(
                "a file-level command reached the server path".into(),
            ))
        }
        AdminCmd::Quarantine => pretty(admin.quarantine()?),
        AdminCmd::EnrolCode {
            agent,
            regions,
            ttl_hours,
            app_url,
        } => {
            let c = admin.issue_code(&agent, regions, ttl_hours)?;
            let mut out = format!("{}\nexpires {} (agent {})", c.code, c.expires, c.agent);
            let link = app_url.map(|base| crate::enrol_link::app_link(&base, &c.code));
            if let Some(link) = &link {
                out.push_str(&format!("\nfield app: {link}"));
            }
            if let Some(qr) = crate::enrol_link::qr_text(link.as_deref().unwrap_or(&c.code)) {
                out.push('\n');
                out.push_str(&qr);
            }
            out
        }
        AdminCmd::RevokeDevice { id, reason } => {
            let d = admin.revoke(id, &reason)?;
            pretty(serde_json::to_value(d).expect("serializable"))
        }
        AdminCmd::Devices => pretty(admin.devices()?),
        AdminCmd::Conflicts { after, limit } => pretty(admin.conflicts(after.as_deref(), limit)?),
        AdminCmd::Stats => pretty(admin.stats()?),
        AdminCmd::AddUser {
            name,
            role,
            regions,
        } => {
            let password = read_password(&name)?;
            let u = admin.add_user(&name, role, regions, &password)?;
            pretty(serde_json::to_value(u).expect("serializable"))
        }
        AdminCmd::Users => pretty(admin.users()?),
        AdminCmd::PersonFile { miner } => pretty(admin.person_file(miner)?),
        AdminCmd::ErasePerson {
            miner,
            reason,
            field,
        } => pretty(admin.erase_personal(miner, http::EraseRequest { reason, field })?),
        AdminCmd::DisableUser { name } => to_pretty(&admin.account_act(&name, "disable", None)?)?,
        AdminCmd::EnableUser { name } => to_pretty(&admin.account_act(&name, "enable", None)?)?,
        AdminCmd::RevokeSessions { name } => {
            to_pretty(&admin.account_act(&name, "revoke-sessions", None)?)?
        }
        AdminCmd::SetPassword { name } => {
            let password = read_password(&name)?;
            to_pretty(&admin.account_act(&name, "password", Some(password))?)?
        }
        AdminCmd::ImportRegions {
            file,
            level,
            parent,
            name_field,
        } => {
            let regions = cli::regions::read_features(&file, &name_field)?;
            let report = admin.import_regions(http::RegionImport {
                level,
                parent,
                regions,
            })?;
            let mut out = format!(
                "{} created, {} changed, {} unchanged",
                report.created, report.changed, report.unchanged
            );
            for r in &report.regions {
                out.push_str(&format!("\n{} {}", r.id, r.name));
            }
            out
        }
        AdminCmd::Regions => pretty(admin.regions()?),
        AdminCmd::RebuildRollups => pretty(admin.rebuild_rollups()?),
        AdminCmd::DeclareOpeningStock {
            exporter,
            as_of,
            carats,
        } => pretty(
            admin.declare_opening_stock(exporter, http::OpeningStockRequest { as_of, carats })?,
        ),
        AdminCmd::CitePurchases { export, purchases } => {
            pretty(admin.cite_purchases(export, http::CitationRequest { purchases })?)
        }
        AdminCmd::SetThresholds { country, file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| error::ServerError::Other(format!("{}: {e}", file.display())))?;
            let body: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                error::ServerError::Other(format!("{}: not JSON: {e}", file.display()))
            })?;
            pretty(admin.set_thresholds(country, body)?)
        }
        AdminCmd::SetDiggerEstimate {
            region,
            diggers,
            source,
        } => pretty(
            admin.set_digger_estimate(region, http::DiggerEstimateRequest { diggers, source })?,
        ),
        AdminCmd::RecordImport {
            country,
            importer,
            certificate,
            date,
            carats,
            value_usd,
            hs_code,
            origin,
        } => {
            use sync_protocol::values::*;
            let import = (|| -> std::result::Result<_, sync_protocol::ValueError> {
                Ok(crate::events::Import {
                    importer: Text::parse(importer)?,
                    certificate: KpCertificate::parse(certificate)?,
                    date: parse_day(&date)?,
                    carats: Carats::parse(&carats)?,
                    value: UsdCents::parse(&value_usd)?,
                    hs_code: hs_code.into(),
                    origin: CountryCode::parse(origin)?,
                })
            })()
            .map_err(|e| error::ServerError::Api(e.into()))?;
            pretty(admin.record_import(http::ImportRequest { country, import })?)
        }
        AdminCmd::ValueExport {
            export,
            valuation,
            duty,
        } => pretty(admin.value_export(
            export,
            http::ValuationRequest {
                valuation_usd: valuation,
                duty_usd: duty,
            },
        )?),
        AdminCmd::AssayGold {
            sale,
            fineness,
            assayer,
        } => pretty(admin.assay_gold(sale, http::AssayRequest { fineness, assayer })?),
        AdminCmd::SetReferenceFootprint {
            region,
            from,
            to,
            source_region,
            file,
            source,
        } => {
            let classes =
                match &file {
                    Some(f) => {
                        let text = std::fs::read_to_string(f).map_err(|e| {
                            error::ServerError::Other(format!("reading {}: {e}", f.display()))
                        })?;
                        Some(reports::reference::classes_from_csv(&text).map_err(|e| {
                            error::ServerError::Other(format!("{}: {e}", f.display()))
                        })?)
                    }
                    None => None,
                };
            let body = http::ReferenceBody {
                from,
                to,
                region: source_region,
                classes,
                source,
            };
            pretty(admin.set_reference_footprint(region, body)?)
        }
    })
}
