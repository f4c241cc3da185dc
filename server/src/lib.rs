//! Placer's server as a library: the binary in `main.rs` only parses the command line and
//! calls [`cli::command::main`]; tests and benches may build the app in process.
//!
//! # Layout
//! - [`app`]: `placer serve`: listeners, `server.json`, run until a signal.
//! - [`http`]: routes, content negotiation, body limit, errors as JSON, request log;
//!   [`http::render`] turns report figures into JSON and CSV.
//! - [`web`]: the officers' dashboard.
//! - [`core`]: the rules, one module per use case; every role and scope check.
//! - [`ingest`]: applying what the log holds, for a push and for the replay alike.
//! - [`events`]: what the log's entries mean, versioned; [`batchlog`]: the append-only,
//!   checksummed, fsynced log of frames: the truth.
//! - [`store`]: the derived state behind a trait and its contract; [`store::sled_store`]
//!   implements it, [`store::checks`] judges each commit.
//! - [`maintenance`]: verify, repair, backup and restore of the files.
//! - [`cli`]: the command line: `placer admin`, `placer device`, `placer report`.
//! - [`bench`]: the `placer bench` commands; [`demo`]: `placer demo`.
//! - [`progress`]: progress bars for long work; [`error`]: the error types and their
//!   mapping to HTTP.

pub mod app;
pub mod auth;
pub mod batchlog;
pub mod bench;
pub mod cli;
pub mod core;
pub mod demo;
pub mod error;
pub mod events;
pub mod export_monitor;
pub mod flags;
pub mod geo;
pub mod http;
pub mod ingest;
pub mod maintenance;
pub mod progress;
pub mod reports;
pub mod store;
pub mod web;
