//! Reports over 10 million productions: `placer bench reports` (release build) loads a
//! synthetic country through the real ingest and times the national report and one
//! regional report; the very same productions, written by it as CSV, go into PostgreSQL,
//! started here in a temporary directory, whose national GROUP BY is timed in the same run.
//! The two are printed side by side with their ratio, and must agree: PostgreSQL's totals
//! per quarter (nationally and per first-level region) must equal Placer's, or the bench
//! fails.
//!
//! `cargo bench --bench reports`. Environment: `PLACER_BENCH_RECORDS` (10,000,000),
//! `PLACER_BENCH_RUNS` (timed runs, 20), `PLACER_BENCH_DATA` (a Placer data directory to
//! keep: a later run on the same dataset skips the load; a temporary one otherwise),
//! `PLACER_BENCH_PEER` (`0` to skip PostgreSQL).
//!
//! PostgreSQL is Debian's (`apt-get install postgresql`): `initdb` and `pg_ctl` are looked
//! for in `pg_config --bindir`, then `/usr/lib/postgresql/*/bin`, then `PATH`. As root, the
//! server runs as the `postgres` user (initdb refuses root), with stock settings but for
//! 2 GB of shared buffers. The query is timed in two forms (see [`national_queries`]), each
//! by the server's own execution time (`EXPLAIN (ANALYZE, TIMING OFF)`, "Execution Time"),
//! which leaves out parsing, planning and sending the rows; Placer's time is the whole
//! report as the HTTP handler builds it, JSON rendered, in process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use serde_json::Value as Json;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Production and control figures of one row: records, carats, stones, and the carats
/// inside their licence's area, on a valid licence, by a registered miner.
type Figures = [i64; 6];

/// Rows keyed by (quarter, first-level region number or `None` for the nation).
type Totals = BTreeMap<(String, Option<u32>), Figures>;

/// Runs `placer bench reports`; its last line of output is a JSON object.
fn placer_run(records: usize, runs: usize, data: &Path, csv: &Path) -> Json {
    let out = Command::new(env!("CARGO_BIN_EXE_placer"))
        .args(["bench", "reports", "--records", &records.to_string()])
        .args(["--runs", &runs.to_string()])
        .arg("--data")
        .arg(data)
        .arg("--rows-csv")
        .arg(csv)
        .stderr(Stdio::inherit())
        .output()
        .expect("running placer bench reports");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "placer bench reports failed:\n{text}");
    let (summary, line) = text.trim_end().rsplit_once('\n').unwrap_or(("", &text));
    eprintln!("{summary}");
    serde_json::from_str(line).expect("a JSON line from placer bench reports")
}

fn placer_totals(line: &Json) -> Totals {
    line["totals"]
        .as_array()
        .expect("totals")
        .iter()
        .map(|t| {
            let key = (
                t["period"].as_str().expect("period").to_string(),
                t["region"].as_u64().map(|r| r as u32),
            );
            let f = [
                "records",
                "carats_hundredths",
                "stones",
                "inside_licence",
                "valid_licence",
                "registered_miner",
            ]
            .map(|k| t[k].as_i64().unwrap_or(0));
            (key, f)
        })
        .collect()
}

/// Where Debian's server binaries are: `Some(dir)`, or `Some("")` when on `PATH`.
fn postgres_bindir() -> Option<PathBuf> {
    let has_initdb = |d: &Path| d.join("initdb").is_file();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_initdb(&dir) {
            return Some(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let e = e.ok()?;
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            Some((v, e.path().join("bin")))
        })
        .filter(|(_, d)| has_initdb(d))
        .collect();
    versions.sort();
    if let Some((_, dir)) = versions.pop() {
        return Some(dir);
    }
    Command::new("initdb")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::new())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A PostgreSQL server in a temporary directory, stopped when dropped (also on a panic).
struct Postgres {
    bindir: PathBuf,
    pgdata: PathBuf,
    port: u16,
    /// Run the server's commands as the `postgres` user (we are root).
    as_postgres: bool,
}

impl Postgres {
    /// A server command (`initdb`, `pg_ctl`), as the `postgres` user when we are root.
    fn server_cmd(&self, name: &str) -> Command {
        let program = self.bindir.join(name);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    }

    fn start(dir: &Path) -> Result<Self, String> {
        let bindir = postgres_bindir().ok_or_else(|| {
            "PostgreSQL not found (no initdb in `pg_config --bindir`, /usr/lib/postgresql/*/bin \
             or PATH). Install Debian's server with `apt-get install postgresql`, or set \
             PLACER_BENCH_PEER=0"
                .to_string()
        })?;
        let as_postgres = is_root();
        let pgdata = dir.join("pg");
        std::fs::create_dir_all(&pgdata).map_err(|e| e.to_string())?;
        if as_postgres {
            use std::os::unix::fs::PermissionsExt;
            // The temporary directory is root's and 0700: let the postgres user through.
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| e.to_string())?;
            let ok = Command::new("chown")
                .arg("postgres:")
                .arg(&pgdata)
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return Err("running as root and cannot hand a directory to the postgres user (no such user?)".into());
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let pg = Self {
            bindir,
            pgdata,
            port,
            as_postgres,
        };
        let quiet = |mut c: Command, what: &str| -> Result<(), String> {
            let out = c.output().map_err(|e| format!("{what}: {e}"))?;
            if out.status.success() {
                Ok(())
            } else {
                Err(format!(
                    "{what} failed: {}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ))
            }
        };
        let mut initdb = pg.server_cmd("initdb");
        initdb.arg("-D").arg(&pg.pgdata).args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
        ]);
        quiet(initdb, "initdb")?;
        // Stock settings but for the address, and shared buffers large enough to hold the
        // table (the machine has the memory; the default 128 MB would leave it to the page
        // cache).
        let conf = format!(
            "\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n\
             shared_buffers = '2GB'\n"
        );
        use std::io::Write;
        std::fs::OpenOptions::new()
            .append(true)
            .open(pg.pgdata.join("postgresql.conf"))
            .and_then(|mut f| f.write_all(conf.as_bytes()))
            .map_err(|e| e.to_string())?;
        let mut start = pg.server_cmd("pg_ctl");
        start
            .arg("-D")
            .arg(&pg.pgdata)
            .arg("-l")
            .arg(pg.pgdata.join("server.log"))
            .args(["-w", "-t", "120", "start"]);
        quiet(start, "pg_ctl start")?;
        Ok(pg)
    }

    /// Runs SQL through psql, unaligned and without headers; stdout.
    fn psql(&self, sql: &str) -> String {
        let mut child = Command::new(self.bindir.join("psql"))
            .args(["-X", "-q", "-A", "-t", "-F", ",", "-v", "ON_ERROR_STOP=1"])
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(["-U", "postgres", "-d", "postgres", "-f", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running psql");
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(sql.as_bytes())
            .expect("writing to psql");
        let out: Output = child.wait_with_output().expect("psql");
        assert!(
            out.status.success(),
            "psql failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let mut stop = self.server_cmd("pg_ctl");
        stop.arg("-D")
            .arg(&self.pgdata)
            .args(["-m", "fast", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if !stop.status().is_ok_and(|s| s.success()) {
            eprintln!(
                "could not stop PostgreSQL (data in {})",
                self.pgdata.display()
            );
        }
    }
}

/// The month after `YYYY-MM`.
fn next_month(month: &str) -> String {
    let (y, m) = month.split_once('-').expect("YYYY-MM");
    let (y, m): (i32, u32) = (y.parse().expect("a year"), m.parse().expect("a month"));
    if m == 12 {
        format!("{}-01", y + 1)
    } else {
        format!("{y}-{:02}", m + 1)
    }
}

/// The national report in SQL, per quarter and first-level region plus a national row per
/// quarter, written two ways that give the same rows:
/// - the plain form, one GROUPING SETS aggregate labelling each row with its quarter;
/// - the form a tuner would write: aggregate by day and region first, then label the
///   7,300 groups with their quarters. PostgreSQL 15 runs an aggregate with grouping sets
///   in one process, and `to_char` on every row costs as much as the sums; the inner
///   aggregate is parallel and the labelling touches a few thousand rows.
fn national_queries(from: &str, to: &str) -> [(&'static str, String); 2] {
    let range = format!(
        "day >= date '{from}-01' AND day < date '{}-01'",
        next_month(to)
    );
    let quarter = "to_char(day, 'YYYY-\"Q\"Q')";
    let sums = |c: &str, n: &str| {
        format!(
            "{n}, coalesce(sum({c}), 0), coalesce(sum(stones), 0), \
             coalesce(sum({c}) FILTER (WHERE inside_licence), 0), \
             coalesce(sum({c}) FILTER (WHERE valid_licence), 0), \
             coalesce(sum({c}) FILTER (WHERE registered_miner), 0)"
        )
    };
    let plain = format!(
        "SELECT {quarter}, region, {} FROM production WHERE {range} \
         GROUP BY GROUPING SETS (({quarter}, region), ({quarter})) ORDER BY 1, 2 NULLS LAST",
        sums("carats_hundredths", "count(*)")
    );
    let by_day = format!(
        "SELECT {quarter}, region, sum(records), coalesce(sum(carats), 0), \
         coalesce(sum(stones), 0), coalesce(sum(inside), 0), coalesce(sum(valid), 0), \
         coalesce(sum(registered), 0) FROM (SELECT day, region, count(*) AS records, \
         sum(carats_hundredths) AS carats, sum(stones) AS stones, \
         sum(carats_hundredths) FILTER (WHERE inside_licence) AS inside, \
         sum(carats_hundredths) FILTER (WHERE valid_licence) AS valid, \
         sum(carats_hundredths) FILTER (WHERE registered_miner) AS registered \
         FROM production WHERE {range} GROUP BY day, region) AS daily \
         GROUP BY GROUPING SETS (({quarter}, region), ({quarter})) ORDER BY 1, 2 NULLS LAST"
    );
    [
        ("by day and region, then quarters", by_day),
        ("GROUPING SETS on every row", plain),
    ]
}

/// One form of the query: its execution times in ms (the first run, then the timed ones,
/// sorted) and its rows.
struct QueryRun {
    name: &'static str,
    first_ms: f64,
    timed_ms: Vec<f64>,
    totals: Totals,
}

impl QueryRun {
    fn median(&self) -> f64 {
        percentile(&self.timed_ms, 0.5)
    }
}

struct Peer {
    version: String,
    copy_seconds: f64,
    analyze_seconds: f64,
    table_bytes: u64,
    jit: bool,
    queries: Vec<QueryRun>,
}

fn postgres_run(pg: &Postgres, csv: &Path, from: &str, to: &str, runs: usize) -> Peer {
    let version = pg.psql("SHOW server_version;").trim().to_string();
    pg.psql(
        "CREATE TABLE production (region smallint NOT NULL, district smallint NOT NULL, \
         day date NOT NULL, carats_hundredths integer NOT NULL, stones integer NOT NULL, \
         inside_licence boolean NOT NULL, valid_licence boolean NOT NULL, \
         registered_miner boolean NOT NULL);",
    );
    eprintln!("PostgreSQL {version}: COPY of the rows");
    let t = Instant::now();
    pg.psql(&format!(
        "\\copy production FROM '{}' WITH (FORMAT csv, HEADER true)\n",
        csv.display()
    ));
    let copy_seconds = t.elapsed().as_secs_f64();
    let t = Instant::now();
    pg.psql("VACUUM ANALYZE production;");
    let analyze_seconds = t.elapsed().as_secs_f64();
    let table_bytes: u64 = pg
        .psql("SELECT pg_total_relation_size('production');")
        .trim()
        .parse()
        .unwrap_or(0);
    let mut jit = false;
    let queries = national_queries(from, to)
        .into_iter()
        .map(|(name, query)| {
            let totals: Totals = pg
                .psql(&format!("{query};"))
                .lines()
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let f: Vec<&str> = l.split(',').collect();
                    let n = |i: usize| f[i].parse::<i64>().expect("a number");
                    (
                        (f[0].to_string(), f[1].parse().ok()),
                        [n(2), n(3), n(4), n(5), n(6), n(7)],
                    )
                })
                .collect();
            eprintln!("PostgreSQL: {runs} timed runs of the GROUP BY ({name})");
            let explain = format!("EXPLAIN (ANALYZE, TIMING OFF) {query};\n").repeat(runs + 1);
            let plans = pg.psql(&explain);
            jit |= plans.contains("JIT:");
            let mut times: Vec<f64> = plans
                .lines()
                .filter_map(|l| l.trim().strip_prefix("Execution Time: "))
                .filter_map(|l| l.trim_end_matches(" ms").parse().ok())
                .collect();
            assert_eq!(
                times.len(),
                runs + 1,
                "one execution time per run:\n{plans}"
            );
            let first_ms = times.remove(0);
            times.sort_by(f64::total_cmp);
            QueryRun {
                name,
                first_ms,
                timed_ms: times,
                totals,
            }
        })
        .collect();
    Peer {
        version,
        copy_seconds,
        analyze_seconds,
        table_bytes,
        jit,
        queries,
    }
}

/// Every PostgreSQL row must be one of Placer's with the same figures, and every national
/// and first-level region row of Placer's must be in PostgreSQL's.
fn disagreements(placer: &Totals, peer: &Totals) -> Vec<String> {
    let mut out = Vec::new();
    for (key, p) in peer {
        match placer.get(key) {
            Some(x) if x == p => {}
            other => out.push(format!("{key:?}: PostgreSQL {p:?}, Placer {other:?}")),
        }
    }
    for key in placer.keys().filter(|k| !peer.contains_key(*k)) {
        out.push(format!("{key:?}: in Placer's report only"));
    }
    out
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let records = env_or("PLACER_BENCH_RECORDS", 10_000_000);
    let runs = env_or("PLACER_BENCH_RUNS", 20).max(1);
    let tmp = tempfile::Builder::new()
        .prefix("placer-bench-reports")
        .tempdir()
        .expect("a temporary directory");
    let data = std::env::var_os("PLACER_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("data"));
    let csv = tmp.path().join("rows.csv");
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);

    let line = placer_run(records, runs, &data, &csv);
    let placer = placer_totals(&line);
    let (from, to) = (
        line["from"].as_str().expect("from").to_string(),
        line["to"].as_str().expect("to").to_string(),
    );
    let ms = |t: &Json, k: &str| t[k].as_f64().unwrap_or(f64::NAN);
    let (national, regional) = (&line["national_ms"], &line["regional_ms"]);

    let pg = if std::env::var("PLACER_BENCH_PEER").as_deref() == Ok("0") {
        None
    } else {
        match Postgres::start(tmp.path()) {
            Ok(pg) => Some(pg),
            Err(e) => {
                eprintln!("{e}; skipping the peer");
                None
            }
        }
    };
    let peer = pg
        .as_ref()
        .map(|pg| postgres_run(pg, &csv, &from, &to, runs));
    let _ = std::fs::remove_file(&csv);

    let load = &line["load"];
    println!();
    println!(
        "reports benchmark: {} productions, {} districts in {} regions, {} months ({from} to {to}), {runs} timed runs, {cores} cores",
        line["records"], line["districts"], line["regions"], line["months"]
    );
    println!(
        "Placer load through the ingest{}: {:.1} s, {:.0} productions/s, data directory {:.2} GiB",
        if load["loaded_now"] == true {
            ""
        } else {
            " (earlier run, same dataset)"
        },
        load["seconds"].as_f64().unwrap_or(0.0),
        load["records_per_s"].as_f64().unwrap_or(0.0),
        line["disk_bytes"].as_f64().unwrap_or(0.0) / (1u64 << 30) as f64,
    );
    if let Some(p) = &peer {
        println!(
            "PostgreSQL {}: COPY {:.1} s, VACUUM ANALYZE {:.1} s, table {:.2} GiB; JIT {}",
            p.version,
            p.copy_seconds,
            p.analyze_seconds,
            p.table_bytes as f64 / (1u64 << 30) as f64,
            if p.jit { "used" } else { "not used" },
        );
    }
    println!();
    println!("| system | report | timed as | median ms | p95 ms | min ms | first ms |");
    println!("|---|---|---|---:|---:|---:|---:|");
    println!(
        "| Placer | national, quarters | `Core::report` + JSON rendering, in process | {:.1} | {:.1} | {:.1} | {:.1} |",
        ms(national, "median"),
        ms(national, "p95"),
        ms(national, "min"),
        ms(national, "first")
    );
    println!(
        "| Placer | regional, one region, {} months | `Core::report` + JSON rendering, in process | {:.1} | {:.1} | {:.1} | {:.1} |",
        line["months"],
        ms(regional, "median"),
        ms(regional, "p95"),
        ms(regional, "min"),
        ms(regional, "first")
    );
    if let Some(p) = &peer {
        for q in &p.queries {
            println!(
                "| PostgreSQL {} | national GROUP BY ({}) | EXPLAIN (ANALYZE, TIMING OFF) Execution Time | {:.1} | {:.1} | {:.1} | {:.1} |",
                p.version,
                q.name,
                q.median(),
                percentile(&q.timed_ms, 0.95),
                q.timed_ms[0],
                q.first_ms
            );
        }
        println!();
        for q in &p.queries {
            println!(
                "PostgreSQL ({}) median / Placer national median: {:.1}x",
                q.name,
                q.median() / ms(national, "median")
            );
        }
        let wrong: Vec<String> = p
            .queries
            .iter()
            .flat_map(|q| {
                disagreements(&placer, &q.totals)
                    .into_iter()
                    .map(move |w| format!("{}: {w}", q.name))
            })
            .collect();
        if !wrong.is_empty() {
            panic!(
                "PLACER AND POSTGRESQL DISAGREE on {} rows of the national report:\n{}",
                wrong.len(),
                wrong.join("\n")
            );
        }
        let rows = &p.queries[0].totals;
        let nation: Figures =
            rows.iter()
                .filter(|((_, r), _)| r.is_none())
                .fold([0; 6], |mut a, (_, f)| {
                    a.iter_mut().zip(f).for_each(|(x, y)| *x += y);
                    a
                });
        let ct = |h: i64| format!("{}.{:02} ct", h / 100, h % 100);
        println!(
            "agreement: all {} rows equal, both forms (nationally: {} records, {}; inside licence {}, valid licence {}, registered miner {})",
            rows.len(),
            nation[0],
            ct(nation[1]),
            ct(nation[3]),
            ct(nation[4]),
            ct(nation[5])
        );
    }
    let target = ms(national, "median") < 50.0;
    println!(
        "target (national report under 50 ms): {}",
        if target { "met" } else { "NOT met" }
    );
}
