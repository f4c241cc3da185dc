//! What each printed figure means, in words a reader of the signed document can check:
//! the definitions of REPORTS.md, kept here so that the document carries them, in the
//! document's language: each is the message of the figure's name (`def-…`) and the message
//! of what it means (`def-…-meaning`, by report where the reports' meanings differ). Pure
//! data.

use super::document::Definition;

const fn d(figure: &'static str, meaning: &'static str) -> Definition {
    Definition { figure, meaning }
}

const FIRST_SALE: Definition = d(
    "def-first-sales-transfers",
    "def-first-sales-transfers-meaning",
);

/// The national internal-control report's figures.
pub const NATIONAL: &[Definition] = &[
    d(
        "def-production-records",
        "def-nat-production-records-meaning",
    ),
    d("def-carats-stones", "def-nat-carats-stones-meaning"),
    FIRST_SALE,
    d("def-exports", "def-nat-exports-meaning"),
    d("def-inside-licence", "def-nat-inside-licence-meaning"),
    d("def-on-valid-licence", "def-nat-on-valid-licence-meaning"),
    d(
        "def-by-registered-miner",
        "def-nat-by-registered-miner-meaning",
    ),
    d(
        "def-miners-registered-licences-active",
        "def-nat-miners-registered-licences-active-meaning",
    ),
    d(
        "def-diggers-estimated-coverage",
        "def-nat-diggers-estimated-coverage-meaning",
    ),
    d("def-sites-visited", "def-nat-sites-visited-meaning"),
    d(
        "def-flags-raised-resolved-closed",
        "def-nat-flags-raised-resolved-closed-meaning",
    ),
    d("def-late-records", "def-nat-late-records-meaning"),
    d("def-gold", "def-nat-gold-meaning"),
    d(
        "def-reading-the-balance",
        "def-nat-reading-the-balance-meaning",
    ),
];

/// The KP statistics' figures.
pub const KP: &[Definition] = &[
    d("def-production", "def-kp-production-meaning"),
    FIRST_SALE,
    d("def-exports", "def-kp-exports-meaning"),
    d("def-imports", "def-kp-imports-meaning"),
    d("def-hs-codes", "def-kp-hs-codes-meaning"),
    d("def-partial", "def-kp-partial-meaning"),
    d("def-gold", "def-kp-gold-meaning"),
];

/// The regional rollup's figures.
pub const REGIONAL: &[Definition] = &[
    d(
        "def-miners-new-miners-total",
        "def-reg-miners-new-miners-total-meaning",
    ),
    d(
        "def-licences-new-expired-active",
        "def-reg-licences-new-expired-active-meaning",
    ),
    d(
        "def-production-records",
        "def-reg-production-records-meaning",
    ),
    d(
        "def-digger-days-gravel",
        "def-reg-digger-days-gravel-meaning",
    ),
    d(
        "def-carats-stones-mean-stone",
        "def-reg-carats-stones-mean-stone-meaning",
    ),
    d(
        "def-sales-us-per-carat",
        "def-reg-sales-us-per-carat-meaning",
    ),
    FIRST_SALE,
    d("def-gold", "def-reg-gold-meaning"),
    d(
        "def-flags-raised-resolved-closed",
        "def-reg-flags-raised-resolved-closed-meaning",
    ),
];
