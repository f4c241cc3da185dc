//! The batch log's entries: what the server writes into its source of truth, as types of
//! their own, versioned.
//!
//! The log ([`crate::batchlog`]) knows frames of bytes only; this module says what the
//! bytes of a frame mean. No type of the rest of the server (a flag, an officer account, a
//! report's footprint) is part of the format: where an event carries one, it carries a
//! plain copy defined here, and the domain module converts. So changing a report or a flag
//! type can never change what the log holds, and a log written by this build stays
//! readable by the next one.
//!
//! # Format
//! A payload is one byte, the format version ([`FORMAT`], 2), then a [`LogEntry`] in the
//! wire codec (`sync_protocol::codec`, which starts with its own encoding version). A change
//! to an entry type that is not an appended enum variant takes a new format, and [`decode`]
//! keeps reading the old ones: format 1 ([`v1`]) is the log of earlier builds, a bare
//! codec message (whose first byte, the codec's version, is 1) of the types of that time,
//! frozen there. A payload of an unknown format, or that does not decode, is
//! [`Undecodable`]: the caller sets it aside (quarantine), it never stops the server.

use serde::{Deserialize, Serialize};
use sync_protocol::batch::{Bytes, Digest, PublicKey};
use sync_protocol::clock::Hlc;
use sync_protocol::codec;
use sync_protocol::merge::WriteId;
use sync_protocol::personal::PersonalField;
use sync_protocol::records::{Export, Licence, Region};
use sync_protocol::values::{Carats, CountryCode, Day, HsCode, KpCertificate, Text, UsdCents};
use uuid::Uuid;

use crate::error::{Result, ServerError};

pub mod v1;

/// The version of the log's entry format this build writes.
pub const FORMAT: u8 = 2;

/// What the log records. Everything in the derived state is derived from these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LogEntry {
    /// An accepted batch: the push body exactly as received.
    Batch {
        received: Hlc,
        json: bool,
        body: Bytes,
    },
    /// A refused fork: another batch under a sequence number already taken. Kept as evidence.
    Fork {
        received: Hlc,
        json: bool,
        body: Bytes,
    },
    /// An administrative act.
    Admin {
        id: Uuid,
        at: Hlc,
        event: AdminEvent,
    },
    /// A refused fork of a device that has several kept whole already: its digest, its
    /// length and its first bytes, so that a device (or a stolen key) sending forks without
    /// end costs the log little.
    ForkSampled {
        received: Hlc,
        device: Uuid,
        seq: u64,
        digest: Digest,
        length: u64,
        sample: Bytes,
    },
    /// A device's openings of personal values were taken: which values (miner, field,
    /// write), never the values themselves, which are in the openings file
    /// ([`crate::openings`]). It places their taking among the log's other entries, so that
    /// the derived state rebuilt from the log is the one kept, change numbers included.
    Opened {
        id: Uuid,
        at: Hlc,
        device: Uuid,
        values: Vec<(Uuid, PersonalField, WriteId)>,
    },
}

/// An act of the ministry, an administrator or an officer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AdminEvent {
    /// A one-time enrolment code was issued. Only its digest is kept.
    CodeIssued {
        code: Digest,
        agent: String,
        regions: Vec<Uuid>,
        expires: Hlc,
    },
    /// A device enrolled with a code.
    Enrolled {
        code: Digest,
        device: Uuid,
        public_key: PublicKey,
        label: String,
    },
    /// A device was revoked; everything it sends from now on is refused.
    Revoked { device: Uuid, reason: String },
    /// The ministry issued a licence directly (not from a device).
    LicenceIssued {
        id: Uuid,
        region: Uuid,
        licence: Licence,
    },
    /// An officer resolved an open flag, with a note.
    FlagResolved {
        key: FlagRef,
        by: String,
        note: String,
    },
    /// An officer account was created (the password only as its argon2id hash).
    UserAdded { user: Account },
    /// Regions were imported (created, or changed where they differ).
    RegionsImported { regions: Vec<Region> },
    /// An export recorded at the ministry (not from a device), filed in `region`.
    ExportRecorded {
        id: Uuid,
        region: Uuid,
        export: Export,
    },
    /// An exporter's declared stock on hand at a date (replacing any earlier declaration).
    OpeningStockDeclared {
        exporter: Uuid,
        as_of: Day,
        carats: Carats,
        by: String,
    },
    /// An officer set a region's reference footprint (replacing any earlier one).
    ReferenceFootprintSet {
        region: Uuid,
        source: FootprintSource,
        by: String,
    },
    /// The government valuator's value of an export's parcel and the duty paid on it
    /// (replacing any earlier valuation of the export).
    ExportValued {
        export: Uuid,
        valuation: UsdCents,
        duty: UsdCents,
        by: String,
    },
    /// An import under a KP certificate, recorded at the ministry of the importing country.
    ImportRecorded {
        id: Uuid,
        country: Uuid,
        import: Import,
        by: String,
    },
    /// An officer's estimate of the diggers working in a region (replacing any earlier one),
    /// with where it comes from.
    DiggerEstimateSet {
        region: Uuid,
        diggers: u64,
        source: String,
        by: String,
    },
    /// A country's thresholds of the checks, as the JSON an officer gave (replacing any
    /// earlier ones): the JSON, not a copy of the type, so that the log does not change
    /// when a threshold is added.
    ThresholdsSet {
        country: Uuid,
        thresholds: String,
        by: String,
    },
    /// The purchases (sales to its exporter) an export's parcel comes from, as the exporter
    /// declared them (replacing any earlier citation of that export).
    PurchasesCited {
        export: Uuid,
        purchases: Vec<Uuid>,
        by: String,
    },
    /// An officer account was disabled: it cannot log in, and its sessions end at once.
    UserDisabled { name: String, by: String },
    /// A disabled account may log in again (its old sessions stay ended).
    UserEnabled { name: String, by: String },
    /// An account's password was replaced (its argon2 hash); its sessions end.
    PasswordSet {
        name: String,
        password_hash: String,
        by: String,
    },
    /// Every session of an account ends (a lost phone, a shared password).
    SessionsRevoked { name: String, by: String },
    /// The fineness of a gold sale by assay, in tenths of a part per thousand (replacing any
    /// earlier assay of that sale), and who assayed it.
    GoldAssayed {
        sale: Uuid,
        fineness_tenths: u32,
        assayer: String,
        by: String,
    },
    /// A person's values erased (their openings deleted): the writes named, and, when
    /// `person` is set, every personal value of the miner that arrives later too. The event
    /// names fields and writes, never a value.
    PersonalErased {
        miner: Uuid,
        person: bool,
        writes: Vec<(PersonalField, WriteId)>,
        reason: String,
        by: String,
    },
    /// An officer chose the language they read the dashboard in (its ISO 639-1 code); it
    /// follows them to any browser they log in from.
    LanguageChosen { name: String, lang: String },
}

/// Rough diamonds imported under a KP certificate: what a KP participant's statistics count
/// of its imports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Import {
    /// Who imports them (a licensed dealer or exporter, by name).
    pub importer: Text,
    pub certificate: KpCertificate,
    pub date: Day,
    pub carats: Carats,
    pub value: UsdCents,
    pub hs_code: HsCode,
    /// The country the shipment comes from (ISO 3166 alpha-3).
    pub origin: CountryCode,
}

/// A flag, as the log names it: its kind by its snake_case name (stable across builds,
/// unlike an enum's position) and the records it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagRef {
    pub kind: String,
    pub primary: Uuid,
    pub secondary: Option<Uuid>,
}

/// An officer account as the log keeps it; the role by its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub role: String,
    pub regions: Vec<Uuid>,
    pub password_hash: String,
    pub created_at: Hlc,
}

/// Where a region's reference footprint comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FootprintSource {
    /// The production of `region` over months `from..=to` (`year*12 + month - 1`).
    Period { region: Uuid, from: i32, to: i32 },
    /// Counts per size class from outside the registry; `source` says where from.
    Imported { counts: SizeCounts, source: String },
}

/// A size-frequency distribution as the log keeps it: per class, in the order of the size
/// classes (smallest first), stones and carats in hundredths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeCounts {
    pub stones: Vec<u64>,
    pub carats: Vec<u64>,
    pub stones_without_weight: u64,
}

/// A frame whose checksum holds but whose payload is not a [`LogEntry`] this build reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Undecodable {
    pub payload: Vec<u8>,
    pub error: String,
}

/// The payload of one log frame for `entry`.
pub fn encode(entry: &LogEntry) -> Result<Vec<u8>> {
    let mut payload = vec![FORMAT];
    payload.extend(codec::encode(entry).map_err(|e| ServerError::Other(e.to_string()))?);
    Ok(payload)
}

/// Reads one payload of the log.
pub fn decode(payload: &[u8]) -> Result<LogEntry, Undecodable> {
    let undecodable = |error: String| Undecodable {
        payload: payload.to_vec(),
        error,
    };
    match payload.split_first() {
        Some((&FORMAT, rest)) => codec::decode(rest).map_err(|e| undecodable(e.to_string())),
        Some((&v1::FORMAT, _)) => codec::decode::<v1::LogEntry>(payload)
            .map_err(|e| e.to_string())
            .and_then(v1::upgrade)
            .map_err(undecodable),
        Some((v, _)) => Err(undecodable(format!(
            "log entry format {v}; this build reads formats {} and {FORMAT}",
            v1::FORMAT
        ))),
        None => Err(undecodable("an empty log entry".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> LogEntry {
        LogEntry::Admin {
            id: Uuid::from_u128(7),
            at: Hlc::new(1_700_000_000_000, 3),
            event: AdminEvent::FlagResolved {
                key: FlagRef {
                    kind: "outside_country".into(),
                    primary: Uuid::from_u128(1),
                    secondary: None,
                },
                by: "amina".into(),
                note: "fix taken at the river's far bank".into(),
            },
        }
    }

    #[test]
    fn an_entry_reads_back_as_written() {
        let payload = encode(&entry()).unwrap();
        assert_eq!(payload[0], FORMAT);
        assert_eq!(decode(&payload).unwrap(), entry());
    }

    #[test]
    fn another_format_or_trailing_bytes_are_undecodable_not_a_panic() {
        let mut payload = encode(&entry()).unwrap();
        payload[0] = FORMAT + 1;
        assert!(decode(&payload).unwrap_err().error.contains("format 3"));
        let mut longer = encode(&entry()).unwrap();
        longer.push(0);
        assert!(decode(&longer).is_err(), "a decode must consume every byte");
        assert!(decode(&[]).is_err());
        assert!(decode(&[FORMAT]).is_err());
    }
}
