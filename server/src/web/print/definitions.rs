//! What each printed figure means, in words a reader of the signed document can check:
//! the definitions of REPORTS.md, kept here so that the document carries them. Pure data.

use super::document::Definition;

const fn d(figure: &'static str, meaning: &'static str) -> Definition {
    Definition { figure, meaning }
}

const FIRST_SALE: Definition = d(
    "First sales, transfers",
    "a sale by a registered or unregistered miner, or by the holder of a mining licence, to a \
     licensed buyer is a first sale; a resale by a dealer or an exporter is a transfer. Each \
     stone is counted once, at its first sale from the pit (chain of custody, KP WGAAP \
     declarations).",
);

/// The national internal-control report's figures.
pub const NATIONAL: &[Definition] = &[
    d(
        "Production records",
        "site-days recorded (productions), of any mineral, in the period.",
    ),
    d(
        "Carats, stones",
        "diamonds produced in the period, and the stones counted.",
    ),
    FIRST_SALE,
    d(
        "Exports",
        "exports dated in the period, carats and declared US$.",
    ),
    d(
        "Inside licence",
        "diamond carats whose GPS fix lies inside the licence's area (allowing for the fix's \
         accuracy) and in its country, over all carats.",
    ),
    d(
        "On valid licence",
        "carats on a licence valid on the production's date, over all carats.",
    ),
    d(
        "By registered miner",
        "carats of productions naming a registered miner, over all carats.",
    ),
    d(
        "Miners registered, licences active",
        "held at the end of the period, counted from the registry's first month; licences \
         split into mining licences, dealers' and exporters'.",
    ),
    d(
        "Diggers estimated, coverage",
        "an officer's estimate of the diggers in the region (its own, else the sum of its \
         regions'); coverage is miners registered over diggers estimated.",
    ),
    d(
        "Sites visited",
        "licences with at least one site-day recorded in the region in the period, each once.",
    ),
    d(
        "Flags raised, resolved, closed",
        "red-flag events of the period.",
    ),
    d(
        "Late records",
        "facts entered more than a month after the month of their date (by the handset's \
         clock, never later than their arrival).",
    ),
    d(
        "Gold",
        "gold produced and sold, in grams (never added to carats); of the gold sold, the grams \
         with an assay recorded at the ministry and the fine gold they hold.",
    ),
    d(
        "Reading the balance",
        "production against first sales against exports shows goods entering the chain from \
         elsewhere (exports above what was dug and sold); the three shares say how much of \
         production is under control; the coverage how much of the workforce the register \
         reaches (KP WGAAP declarations; Ghana's export monitoring, 2006–07).",
    ),
];

/// The KP statistics' figures.
pub const KP: &[Definition] = &[
    d(
        "Production",
        "diamond carats produced in the half-year, valued at first sale: the US$ of the \
         half-year's first sales (the registry records sales, not a valuation of production).",
    ),
    FIRST_SALE,
    d(
        "Exports",
        "per quarter, HS code and partner (destination, ISO 3166-1 alpha-3): carats, US$ and \
         certificates, one per export.",
    ),
    d(
        "Imports",
        "per quarter, HS code and partner (origin): carats, US$ and certificates, recorded at \
         the ministry.",
    ),
    d(
        "HS codes",
        "7102.10 unsorted, 7102.21 industrial, 7102.31 gem (non-industrial) rough diamonds.",
    ),
    d(
        "Partial",
        "a half-year or quarter some of whose months are outside the months asked for, before \
         the country's first month with any figure, after its last, or not over yet: its \
         figures are not the period's (KP Core Document: statistics per full period).",
    ),
    d("Gold", "not in KP statistics."),
];

/// The regional rollup's figures.
pub const REGIONAL: &[Definition] = &[
    d(
        "Miners new, miners total",
        "miners registered in the month (by their registration day); running total from the \
         registry's first month.",
    ),
    d(
        "Licences new, expired, active",
        "licences issued and expiring in the month; active is the running total of issued \
         less expired.",
    ),
    d(
        "Production records",
        "site-days recorded (productions), of any mineral.",
    ),
    d(
        "Digger-days, gravel",
        "diggers × days; gravel washed in m³ (litres / 1000).",
    ),
    d(
        "Carats, stones, mean stone",
        "diamonds produced; stones counted; carats / stones.",
    ),
    d(
        "Sales, US$ per carat",
        "every diamond sale; US$ / carats sold.",
    ),
    FIRST_SALE,
    d(
        "Gold",
        "gold produced and sold, in grams, never added to carats.",
    ),
    d(
        "Flags raised, resolved, closed",
        "red-flag events by the month of the event.",
    ),
];
