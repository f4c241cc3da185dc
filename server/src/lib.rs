//! Placer's server as a library: the binary in `main.rs` only parses the command line and
//! calls [`cli::command::main`]; tests and benches may build the app in process.
//!
//! # Layout
//! - [`app`]: `placer serve`: listeners, `server.json`, run until a signal.
//! - [`http`]: routes, content negotiation, body limit, errors as JSON, request log.
//! - [`core`]: the rules of enrolment, push and pull; both HTTP and `placer admin` call it.
//! - [`batchlog`]: the append-only, checksummed, fsynced log of accepted batches: the truth.
//! - [`store`]: the derived state behind a trait; [`store::sled_store`] implements it.
//! - [`cli`]: `placer admin` (through a running server or directly) and `placer device`.
//! - [`progress`]: progress bars for long work.
//! - [`error`]: the error type and its mapping to HTTP.

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
