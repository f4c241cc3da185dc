//! Format 1 of the log's entries, frozen: what builds before the versioned format wrote (a
//! bare codec message of the domain types of that time). Read only, and upgraded to the
//! current types at once. Nothing here may change: the order of every enum is the order
//! its values were written in.

use serde::Deserialize;
use sync_protocol::batch::{Bytes, Digest, PublicKey};
use sync_protocol::clock::Hlc;
use sync_protocol::records::{Export, Licence, Region};
use sync_protocol::values::{Carats, Day};
use uuid::Uuid;

use super::{Account, FlagRef, FootprintSource, SizeCounts};

/// The first byte of a format-1 payload: the wire codec's version of that time.
pub const FORMAT: u8 = 1;

#[derive(Deserialize)]
pub enum LogEntry {
    Batch {
        received: Hlc,
        json: bool,
        body: Bytes,
    },
    Fork {
        received: Hlc,
        json: bool,
        body: Bytes,
    },
    Admin {
        id: Uuid,
        at: Hlc,
        event: AdminEvent,
    },
}

#[derive(Deserialize)]
pub enum AdminEvent {
    CodeIssued {
        code: Digest,
        agent: String,
        regions: Vec<Uuid>,
        expires: Hlc,
    },
    Enrolled {
        code: Digest,
        device: Uuid,
        public_key: PublicKey,
        label: String,
    },
    Revoked {
        device: Uuid,
        reason: String,
    },
    LicenceIssued {
        id: Uuid,
        region: Uuid,
        licence: Licence,
    },
    FlagResolved {
        key: FlagKey,
        by: String,
        note: String,
    },
    UserAdded {
        user: User,
    },
    RegionsImported {
        regions: Vec<Region>,
    },
    ExportRecorded {
        id: Uuid,
        region: Uuid,
        export: Export,
    },
    OpeningStockDeclared {
        exporter: Uuid,
        as_of: Day,
        carats: Carats,
        by: String,
    },
    ReferenceFootprintSet {
        region: Uuid,
        source: ReferenceSource,
        by: String,
    },
}

#[derive(Deserialize)]
pub struct FlagKey {
    kind: FlagKind,
    primary: Uuid,
    secondary: Option<Uuid>,
}

/// The flag kinds in the order format 1 numbered them, with their names.
#[derive(Deserialize, Clone, Copy)]
enum FlagKind {
    OutsideLicenceArea,
    OutsideCountry,
    LicenceNotValid,
    UnregisteredMiner,
    UnlicensedBuyer,
    ImplausibleProductivity,
    ImpossibleStoneWeight,
    DuplicateNationalId,
    DuplicateNameAndBirthYear,
    DeviceClockSkew,
    BatchFork,
    InvalidLicenceArea,
    ExportsExceedPurchases,
    QuarantinedEntry,
}

impl FlagKind {
    fn name(self) -> &'static str {
        match self {
            Self::OutsideLicenceArea => "outside_licence_area",
            Self::OutsideCountry => "outside_country",
            Self::LicenceNotValid => "licence_not_valid",
            Self::UnregisteredMiner => "unregistered_miner",
            Self::UnlicensedBuyer => "unlicensed_buyer",
            Self::ImplausibleProductivity => "implausible_productivity",
            Self::ImpossibleStoneWeight => "impossible_stone_weight",
            Self::DuplicateNationalId => "duplicate_national_id",
            Self::DuplicateNameAndBirthYear => "duplicate_name_and_birth_year",
            Self::DeviceClockSkew => "device_clock_skew",
            Self::BatchFork => "batch_fork",
            Self::InvalidLicenceArea => "invalid_licence_area",
            Self::ExportsExceedPurchases => "exports_exceed_purchases",
            Self::QuarantinedEntry => "quarantined_entry",
        }
    }
}

#[derive(Deserialize)]
pub struct User {
    name: String,
    role: Role,
    regions: Vec<Uuid>,
    password_hash: String,
    created_at: Hlc,
}

#[derive(Deserialize, Clone, Copy)]
enum Role {
    Admin,
    NationalOfficer,
    RegionalOfficer,
    ExportMonitor,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::NationalOfficer => "national_officer",
            Role::RegionalOfficer => "regional_officer",
            Role::ExportMonitor => "export_monitor",
        }
    }
}

#[derive(Deserialize)]
pub enum ReferenceSource {
    Period {
        region: Uuid,
        from: i32,
        to: i32,
    },
    Imported {
        footprint: Box<Footprint>,
        source: String,
    },
}

/// Format 1 kept eight size classes, with their totals.
#[derive(Deserialize)]
pub struct Footprint {
    stones: [u64; 8],
    carats: [u64; 8],
    _total_stones: u64,
    _total_carats: u64,
    stones_without_weight: u64,
}

/// The current entry for a format-1 entry.
pub fn upgrade(entry: LogEntry) -> Result<super::LogEntry, String> {
    Ok(match entry {
        LogEntry::Batch {
            received,
            json,
            body,
        } => super::LogEntry::Batch {
            received,
            json,
            body,
        },
        LogEntry::Fork {
            received,
            json,
            body,
        } => super::LogEntry::Fork {
            received,
            json,
            body,
        },
        LogEntry::Admin { id, at, event } => super::LogEntry::Admin {
            id,
            at,
            event: upgrade_event(event),
        },
    })
}

fn upgrade_event(event: AdminEvent) -> super::AdminEvent {
    use super::AdminEvent as Now;
    match event {
        AdminEvent::CodeIssued {
            code,
            agent,
            regions,
            expires,
        } => Now::CodeIssued {
            code,
            agent,
            regions,
            expires,
        },
        AdminEvent::Enrolled {
            code,
            device,
            public_key,
            label,
        } => Now::Enrolled {
            code,
            device,
            public_key,
            label,
        },
        AdminEvent::Revoked { device, reason } => Now::Revoked { device, reason },
        AdminEvent::LicenceIssued {
            id,
            region,
            licence,
        } => Now::LicenceIssued {
            id,
            region,
            licence,
        },
        AdminEvent::FlagResolved { key, by, note } => Now::FlagResolved {
            key: FlagRef {
                kind: key.kind.name().into(),
                primary: key.primary,
                secondary: key.secondary,
            },
            by,
            note,
        },
        AdminEvent::UserAdded { user } => Now::UserAdded {
            user: Account {
                name: user.name,
                role: user.role.name().into(),
                regions: user.regions,
                password_hash: user.password_hash,
                created_at: user.created_at,
            },
        },
        AdminEvent::RegionsImported { regions } => Now::RegionsImported { regions },
        AdminEvent::ExportRecorded { id, region, export } => {
            Now::ExportRecorded { id, region, export }
        }
        AdminEvent::OpeningStockDeclared {
            exporter,
            as_of,
            carats,
            by,
        } => Now::OpeningStockDeclared {
            exporter,
            as_of,
            carats,
            by,
        },
        AdminEvent::ReferenceFootprintSet { region, source, by } => Now::ReferenceFootprintSet {
            region,
            source: match source {
                ReferenceSource::Period { region, from, to } => {
                    FootprintSource::Period { region, from, to }
                }
                ReferenceSource::Imported { footprint, source } => FootprintSource::Imported {
                    counts: SizeCounts {
                        stones: footprint.stones.to_vec(),
                        carats: footprint.carats.to_vec(),
                        stones_without_weight: footprint.stones_without_weight,
                    },
                    source,
                },
            },
            by,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    /// A format-1 entry as an earlier build wrote it: a bare codec message whose admin
    /// event was an enum numbered as above.
    #[derive(Serialize)]
    enum WrittenEntry {
        _Batch,
        _Fork,
        Admin {
            id: Uuid,
            at: Hlc,
            event: WrittenEvent,
        },
    }

    #[derive(Serialize)]
    enum WrittenEvent {
        _CodeIssued,
        _Enrolled,
        _Revoked,
        _LicenceIssued,
        FlagResolved {
            key: (u32, Uuid, Option<Uuid>),
            by: String,
            note: String,
        },
        UserAdded {
            user: (String, u32, Vec<Uuid>, String, Hlc),
        },
    }

    fn written(event: WrittenEvent) -> Vec<u8> {
        sync_protocol::codec::encode(&WrittenEntry::Admin {
            id: Uuid::from_u128(9),
            at: Hlc::new(1_700_000_000_000, 0),
            event,
        })
        .unwrap()
    }

    #[test]
    fn a_format_1_flag_resolution_reads_as_the_kind_it_named() {
        // Variant 10 of format 1's flag kinds was `batch_fork`.
        let payload = written(WrittenEvent::FlagResolved {
            key: (10, Uuid::from_u128(1), None),
            by: "amina".into(),
            note: "seen".into(),
        });
        assert_eq!(payload[0], FORMAT);
        let super::super::LogEntry::Admin { event, .. } = super::super::decode(&payload).unwrap()
        else {
            panic!("not an admin entry")
        };
        assert_eq!(
            event,
            super::super::AdminEvent::FlagResolved {
                key: FlagRef {
                    kind: "batch_fork".into(),
                    primary: Uuid::from_u128(1),
                    secondary: None
                },
                by: "amina".into(),
                note: "seen".into()
            }
        );
    }

    #[test]
    fn a_format_1_user_reads_with_its_role_by_name() {
        let payload = written(WrittenEvent::UserAdded {
            user: (
                "kofi".into(),
                3,
                vec![],
                "$argon2id$x".into(),
                Hlc::new(5, 0),
            ),
        });
        let super::super::LogEntry::Admin { event, .. } = super::super::decode(&payload).unwrap()
        else {
            panic!("not an admin entry")
        };
        let super::super::AdminEvent::UserAdded { user } = event else {
            panic!("not a user")
        };
        assert_eq!(user.role, "export_monitor");
        assert_eq!(user.name, "kofi");
    }
}
