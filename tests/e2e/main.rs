//! End-to-end tests: the real `placer` binary on loopback ports, real data directories,
//! real signatures, real HTTP. One test binary; each test starts its own server.

mod harness;
#[allow(dead_code)]
#[path = "../bench/shaper.rs"]
mod shaper;

mod admin;
mod bad_input;
mod big_region;
mod checks;
mod crash;
mod dashboard;
mod demo;
mod durability;
mod erasure;
mod exports;
mod field;
mod field_app;
mod field_protocol;
mod flags;
mod french_pages;
mod french_reports;
mod languages;
mod notes;
mod officers;
mod photos;
mod print;
mod privacy;
mod record_pages;
mod regions;
mod rollups;
mod season;
mod sync_scenarios;
mod tls;
mod triage;
mod web;
