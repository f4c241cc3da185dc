//! Red flags: the rules that turn a record which breaks a domain rule into a flag with a
//! kind, a severity and the evidence, instead of a refusal (ARCHITECTURE.md, "Checks at ingest").
//!
//! This module is the *pure* rule layer: no storage, no HTTP, no geometry. The caller
//! (ingest) looks the facts up, including what the geo layer computed, and calls:
//!
//! - [`kinds`]: [`FlagKind`], [`Severity`], [`FlagKey`] (a flag's identity, derived from
//!   its cause), [`Finding`] (what a rule returns).
//! - [`rules`]: one function per kind of record ([`production_flags`], [`sale_flags`],
//!   [`licence_flags`], [`miner_duplicate_flags`], [`clock_skew_flag`],
//!   [`batch_fork_flag`]), [`licence_valid_on`], the [`Thresholds`], and [`reconcile`].
//! - [`names`]: [`normalize_name`] and [`normalize_national_id`] for duplicates.
//! - [`notes`]: the flags on a device's records as the device reads them, and their pages.
//!
//! # Flags do not depend on arrival order
//!
//! A rule returns the flags that should be open for a record *now*, from the current facts
//! alone. [`reconcile`] compares them with the live flags of the same [`Scope`]: a finding
//! without a live flag is raised, a live flag without a finding is closed with "cause no
//! longer present: …", the rest is kept. So the live set after any order of arrivals is the
//! set computed from the final facts, provided the caller re-evaluates every scope whose
//! facts changed:
//!
//! | when this is written (or voided) | re-evaluate |
//! |---|---|
//! | a production | its [`Scope::Production`] |
//! | a sale | its [`Scope::Sale`] |
//! | a licence (any field: dates, status, area, kind) | its [`Scope::Licence`]; every production naming it; every sale naming it as buyer |
//! | a miner | its [`Scope::MinerDuplicates`]; every production and sale naming it |
//! | a region's boundary | the productions whose fix or licence lies in it |
//! | a production (its carats, diggers, licence, month, region or void) | the [`Scope::LicenceMonth`] of its licence's month, before and after |
//! | a region's productivity norm (its licence-months of a month) | the licence-months of that region and mineral of the three months after |
//! | an accepted batch | its device's [`Scope::DeviceClock`] |
//! | an export, a sale to or by a licence, a licence, a miner selling to a licence, an opening stock | the [`Scope::Exporter`] of the trader licence concerned, exporter or dealer ([`trader_flags`]) |
//! | a refused fork | [`batch_fork_flag`], raised when the device has no live fork flag |
//!
//! A voided record's scope is closed with [`close_for_void`].
//!
//! # States of a flag, as the store should keep them
//!
//! *Open* (raised), *resolved* by an officer with a note, or *closed* automatically with a
//! reason. The `open` keys given to [`reconcile`] are the **live** flags: open or resolved.
//! A resolution is a judgment on a cause that is still there, so re-evaluation keeps it
//! instead of raising the flag again; a closed flag whose cause comes back is raised again
//! under the same key (reopened, its history kept).

pub mod cases;
pub mod exports;
pub mod kinds;
pub mod names;
pub mod notes;
pub mod productivity;
pub mod rules;
pub mod stored;

pub use exports::trader_flags;
pub use kinds::{
    flag_id, key_bytes, key_from_bytes, parse_flag_id, Finding, FlagKey, FlagKind, Severity,
};
pub use names::{normalize_name, normalize_national_id};
pub use rules::{
    batch_fork_flag, clock_skew_flag, close_for_void, is_mining_licence, licence_flags,
    miner_duplicate_flags, production_flags, quarantined_entry_flag, reconcile, sale_flags,
    LicenceAtDate, ProductionContext, Reconciliation, SaleContext, Scope, Thresholds,
};
