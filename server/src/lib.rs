//! Placer's server as a library: the binary in `main.rs` only parses the command line and
//! calls [`cli::command::main`]; tests and benches may build the app in process.
//!
//! # Layout
//! - [`app`]: `placer serve`: listeners, `server.json`, run until a signal.
//! - [`http`]: routes, content negotiation, body limit, errors as JSON, request log;
//!   [`http::render`] turns report figures into JSON and CSV.
//! - [`web`]: the officers' dashboard.
//! - [`core`]: the rules, one module per use case; every role and scope check.
//! - [`ingest`]: applying what the log holds, for a push and for the replay alike;
//!   [`ingest::checks`] judges each commit (flags, re-check indexes, rollup deltas) from
//!   what the store lets it read.
//! - [`events`]: what the log's entries mean, versioned; [`batchlog`]: the append-only,
//!   checksummed, fsynced log of frames: the truth; [`openings`]: the openings of miners'
//!   sealed personal values, the part of the truth an erasure can remove.
//! - [`store`]: the derived state behind a trait and its contract; [`store::sled_store`]
//!   implements it; [`store::commit`] is what a backend gives the judge of a commit and
//!   [`store::keys`] the key space it keeps its indexes in. The store depends on no rule.
//! - [`maintenance`]: verify, repair, backup and restore of the files.
//! - [`cli`]: the command line: `placer admin`, `placer device`, `placer report`.
//! - [`enrol_link`]: an enrolment code as the field app's address and its QR code;
//!   [`field`]: the field app's files, served at `/field/`.
//! - [`bench`]: the `placer bench` commands; [`demo`]: `placer demo`.
//! - [`i18n`]: messages in English, French and Portuguese, one Fluent catalogue each.
//! - [`progress`]: progress bars for long work; [`error`]: the error types and their
//!   mapping to HTTP.

pub mod app;
pub mod auth;
pub mod batchlog;
pub mod bench;
pub mod cli;
pub mod core;
pub mod demo;
pub mod enrol_link;
pub mod error;
pub mod events;
pub mod export_monitor;
pub mod field;
pub mod flags;
pub mod framefile;
pub mod geo;
pub mod http;
pub mod i18n;
pub mod ingest;
pub mod maintenance;
pub mod openings;
pub mod photos;
pub mod privacy;
pub mod progress;
pub mod reports;
pub mod store;
pub mod throttle;
pub mod web;

/// Which module may import which: the layers ARCHITECTURE.md draws, read from the sources.
#[cfg(test)]
mod layering {
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The `crate::` modules a module's code (not its comments, not its unit tests) names.
    fn imports(module: &str) -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        let file = root.join(format!("{module}.rs"));
        if file.exists() {
            files.push(file);
        }
        let mut dirs = vec![root.join(module)];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        assert!(!files.is_empty(), "no source for {module}");
        // Submodules declared for tests only (`#[cfg(test)] mod x;`) are tests too.
        let test_only: Vec<String> = files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .flat_map(|text| {
                let lines: Vec<String> = text.lines().map(str::to_string).collect();
                lines
                    .windows(2)
                    .filter(|w| w[0].trim() == "#[cfg(test)]" && w[1].trim_end().ends_with(';'))
                    .filter_map(|w| w[1].split_whitespace().last().map(|n| n.replace(';', "")))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut out = BTreeSet::new();
        for f in files {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            if test_only.iter().any(|t| t == stem) {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let code = text.split("#[cfg(test)]\nmod ").next().unwrap_or_default();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (i, _) in line.match_indices("crate::") {
                    let name: String = line[i + 7..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != module {
                        out.insert(name);
                    }
                }
            }
        }
        out
    }

    fn refuses(module: &str, forbidden: &[&str]) {
        let found = imports(module);
        for f in forbidden {
            assert!(!found.contains(*f), "{module} imports {f}: {found:?}");
        }
    }

    const FRONT: [&str; 6] = ["app", "cli", "http", "web", "demo", "bench"];

    #[test]
    fn the_log_knows_frames_only() {
        let found = imports("batchlog");
        assert!(found.iter().all(|m| m == "error"), "{found:?}");
    }

    #[test]
    fn the_store_depends_on_no_rule_and_no_front_end() {
        refuses("store", &["ingest", "core", "export_monitor"]);
        refuses("store", &FRONT);
    }

    #[test]
    fn pure_logic_reaches_no_storage_and_no_front_end() {
        for m in ["reports", "flags", "geo", "events"] {
            refuses(m, &["store", "ingest", "core", "batchlog"]);
            refuses(m, &FRONT);
        }
    }

    #[test]
    fn core_and_ingest_reach_no_front_end() {
        refuses("core", &FRONT);
        refuses("ingest", &FRONT);
        refuses("ingest", &["core"]);
    }
}
