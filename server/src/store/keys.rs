//! The key space the checks at ingest keep their indexes, flags and sums in: an ordered
//! key space a backend provides beside its own keys ([`super::KeyWrites`] to write,
//! [`super::Facts`] to read back by key or prefix). The prefixes are listed here, in the
//! store, so that a backend knows which keys are the checks' and never lays its own keys
//! over them; what the keys after a prefix hold is the checks' business
//! (`crate::ingest::checks`), but for the few the store reads back itself (flags, sales by
//! buyer, opening stocks), whose layout is here.
//!
//! | prefix | key | value |
//! |---|---|---|
//! | `F` | flag key bytes | [`super::StoredFlag`] |
//! | `X` | primary record, flag key bytes | empty: the flags of a record |
//! | `L`, `K` | licence or miner, commit stamp | ids of the productions naming it |
//! | `S`, `T` | buyer licence or seller, commit stamp | ids of the sales naming it |
//! | `E` | exporter licence, commit stamp | ids of its exports |
//! | `B`, `Y` | buyer, month, verified; sale | purchase sums, and what each sale adds |
//! | `U` | seller licence, month | sums of the sales by a licence holder |
//! | `o` | exporter licence | [`super::OpeningStockRecord`] |
//! | `N`, `D` | national id digest; district, name and birth year digest | miner ids |
//! | `W` | licence, mineral, month, region | a licence's month summed over its site-days |
//! | `P`, `Q` | region, mineral, month (`Q`: and commit) | histogram of the licence-months' productivity; licence ids |
//! | `G` | month, region, production | empty: the large-stone register |

use uuid::Uuid;

use crate::flags::{key_bytes, FlagKey};

pub const FLAG: u8 = b'F';
pub const FLAG_OF: u8 = b'X';
pub const BY_LICENCE: u8 = b'L';
pub const BY_MINER: u8 = b'K';
pub const SALE_BY_BUYER: u8 = b'S';
pub const SALE_BY_SELLER: u8 = b'T';
/// Exports by exporter licence.
pub const EXPORT_BY_EXPORTER: u8 = b'E';
/// Purchases summed per buyer licence, month and verification.
pub const PURCHASE_SUM: u8 = b'B';
/// What each sale adds to its buyer's sums.
pub const PURCHASE_OF: u8 = b'Y';
/// Sales by a licence holder summed per seller licence and month.
pub const SOLD_SUM: u8 = b'U';
/// An exporter's declared opening stock, by exporter licence.
pub const OPENING_STOCK: u8 = b'o';
/// Miners by normalized national id, and by district, normalized name and birth year.
pub const MINER_BY_ID: u8 = b'N';
pub const MINER_BY_NAME: u8 = b'D';
/// A licence's month of one mineral in one region, summed over its site-days.
pub const LICENCE_MONTH: u8 = b'W';
/// Productivity histograms: region, mineral, month → counts of licence-months per bucket.
pub const NORM: u8 = b'P';
/// Licences by region, mineral and month, to re-check the months a changed norm covers.
pub const BY_MONTH: u8 = b'Q';
/// The productions with a large stone, by month and region: the large-stone register.
pub const LARGE_STONE: u8 = b'G';

/// Every prefix of the checks' key space: a backend's own keys use none of them.
pub const CHECKS: [u8; 17] = [
    FLAG,
    FLAG_OF,
    BY_LICENCE,
    BY_MINER,
    SALE_BY_BUYER,
    SALE_BY_SELLER,
    EXPORT_BY_EXPORTER,
    PURCHASE_SUM,
    PURCHASE_OF,
    SOLD_SUM,
    OPENING_STOCK,
    MINER_BY_ID,
    MINER_BY_NAME,
    LICENCE_MONTH,
    NORM,
    BY_MONTH,
    LARGE_STONE,
];

/// `prefix | region | mineral | month`: a productivity histogram (`P`) or the licences
/// worked that month (`Q`, chunked per commit).
pub fn month_key(prefix: u8, region: Uuid, mineral: u8, month: i32) -> Vec<u8> {
    let mut k = vec![prefix];
    k.extend_from_slice(region.as_bytes());
    k.push(mineral);
    k.extend_from_slice(&month.to_be_bytes());
    k
}

/// `W | licence | mineral | month | region`: a licence's month in one area.
pub fn licence_month_key(licence: Uuid, mineral: u8, month: i32, region: Uuid) -> Vec<u8> {
    let mut k = vec![LICENCE_MONTH];
    k.extend_from_slice(licence.as_bytes());
    k.push(mineral);
    k.extend_from_slice(&month.to_be_bytes());
    k.extend_from_slice(region.as_bytes());
    k
}

/// Where a flag is kept.
pub fn flag_key(key: &FlagKey) -> Vec<u8> {
    let mut k = vec![FLAG];
    k.extend(key_bytes(key));
    k
}

/// The large-stone register's entry of a production.
pub fn large_stone_key(month: i32, region: Uuid, production: Uuid) -> Vec<u8> {
    let mut k = vec![LARGE_STONE];
    k.extend_from_slice(&month.to_be_bytes());
    k.extend_from_slice(region.as_bytes());
    k.extend_from_slice(production.as_bytes());
    k
}

/// (month, region, production) of a large-stone register key.
pub fn parse_large_stone_key(k: &[u8]) -> Option<(i32, Uuid, Uuid)> {
    let (&tag, rest) = k.split_first()?;
    if tag != LARGE_STONE || rest.len() != 36 {
        return None;
    }
    let month = i32::from_be_bytes(rest[..4].try_into().ok()?);
    Some((
        month,
        Uuid::from_slice(&rest[4..20]).ok()?,
        Uuid::from_slice(&rest[20..]).ok()?,
    ))
}

/// Where an exporter's declared opening stock is kept.
pub fn opening_stock_key(exporter: Uuid) -> Vec<u8> {
    let mut k = vec![OPENING_STOCK];
    k.extend_from_slice(exporter.as_bytes());
    k
}

/// The record ids of one chunk of a re-check index (ids written back to back).
pub fn chunk_ids(chunk: &[u8]) -> impl Iterator<Item = Uuid> + '_ {
    chunk
        .chunks_exact(16)
        .filter_map(|b| Uuid::from_slice(b).ok())
}
