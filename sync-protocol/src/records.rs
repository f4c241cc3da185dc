//! The records shared by devices and the server, and the values an op can write to them.
//!
//! Registry records (miner, licence) are edited field by field, so each has a *field enum*
//! (`MinerField`) whose variants are the single writable fields, and a *view* struct
//! (`Miner`) assembled from the winning value of each field. A view is `None` until every
//! required field has arrived: an edit can reach a replica before the registration it edits.
//!
//! Facts (production, sale, export) are written whole: their only fields are the body and
//! the void reason ([`FactField`]). A correction is a later write of the body, so every
//! version stays in the record's history.
//!
//! Nothing is ever deleted: `Void(reason)` marks a record void and it stays readable.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::merge::{FieldValue, RecordState};
use crate::personal::{PersonalField, SealedValue};
use crate::values::*;

/// The collections an op can write to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Miner,
    Licence,
    Production,
    Sale,
    Export,
    /// Written by the server only (region import); devices receive regions through pull.
    Region,
}

impl Collection {
    pub const ALL: [Collection; 6] = [
        Collection::Miner,
        Collection::Licence,
        Collection::Production,
        Collection::Sale,
        Collection::Export,
        Collection::Region,
    ];
    /// One byte per collection, for storage keys.
    pub fn tag(self) -> u8 {
        self as u8
    }
    pub fn from_tag(t: u8) -> Option<Self> {
        Self::ALL.get(usize::from(t)).copied()
    }
    pub fn name(self) -> &'static str {
        match self {
            Self::Miner => "miner",
            Self::Licence => "licence",
            Self::Production => "production",
            Self::Sale => "sale",
            Self::Export => "export",
            Self::Region => "region",
        }
    }
}

impl std::str::FromStr for Collection {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.name() == s || format!("{}s", c.name()) == s)
            .ok_or_else(|| format!("unknown collection {s:?}"))
    }
}

/// Generates a registry record: its view struct, its field enum and the conversions.
macro_rules! registry_record {
    (
        $(#[$doc:meta])* $record:ident, $field:ident,
        required { $( $(#[$rdoc:meta])* $rname:ident : $rty:ty => $rvar:ident ),* $(,)? }
        optional { $( $(#[$odoc:meta])* $oname:ident : $oty:ty => $ovar:ident ),* $(,)? }
        $( withheld { $( $(#[$edoc:meta])* $evar:ident($ety:ty) ),* $(,)? } )?
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $record {
            $( $(#[$rdoc])* pub $rname: $rty, )*
            $( $(#[$odoc])* pub $oname: Option<$oty>, )*
        }

        /// One writable field of the record, with its new value.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $field {
            $( $rvar($rty), )*
            $( $ovar(Option<$oty>), )*
            /// Marks the record void, with the reason. It stays in history.
            Void(Reason),
            $( $( $(#[$edoc])* $evar($ety), )* )?
        }

        impl FieldValue for $field {
            fn key(&self) -> &'static str {
                match self {
                    $( Self::$rvar(_) => stringify!($rname), )*
                    $( Self::$ovar(_) => stringify!($oname), )*
                    Self::Void(_) => "void",
                    $( $( Self::$evar(v) => v.field().name(), )* )?
                }
            }
            fn rank(&self) -> u8 {
                match self {
                    $( $( Self::$evar(v) => v.rank(), )* )?
                    #[allow(unreachable_patterns)]
                    _ => 1,
                }
            }
        }

        impl $field {
            /// The field names a person may set, in declaration order.
            pub const NAMES: &'static [&'static str] =
                &[$( stringify!($rname), )* $( stringify!($oname), )* "void"];
            /// The fields a registration must have.
            pub const REQUIRED: &'static [&'static str] = &[$( stringify!($rname), )*];
        }

        impl $record {
            /// Every field of a new registration, as the writes that create it.
            pub fn into_fields(self) -> Vec<$field> {
                vec![ $( $field::$rvar(self.$rname), )* $( $field::$ovar(self.$oname), )* ]
            }

            /// Assembles the current record from a merged state; `None` while a required
            /// field is still missing.
            pub fn from_state(state: &RecordState<$field>) -> Option<Self> {
                $( let mut $rname: Option<$rty> = None; )*
                $( let mut $oname: Option<$oty> = None; )*
                for f in state.current() {
                    match f.clone() {
                        $( $field::$rvar(v) => $rname = Some(v), )*
                        $( $field::$ovar(v) => $oname = v, )*
                        $field::Void(_) => {}
                        // A value withheld (sealed, not yet opened, or erased) reads as
                        // absent: a required one leaves no view.
                        $( $( $field::$evar(_) => {} )* )?
                    }
                }
                Some(Self { $( $rname: $rname?, )* $( $oname, )* })
            }
        }
    };
}

registry_record! {
    /// A registered digger.
    Miner, MinerField,
    required {
        names: PersonName => Names,
        sex: Sex => Sex,
        birth_year: BirthYear => BirthYear,
        /// The region the miner lives and works in.
        home_region: Uuid => HomeRegion,
        registered_on: Day => RegisteredOn,
        /// The agent who registered the miner.
        registered_by: Text => RegisteredBy,
    }
    optional {
        national_id: NationalId => NationalId,
        phone: Phone => Phone,
        cooperative: Text => Cooperative,
        /// Where the registration was made.
        registered_at: GeoFix => RegisteredAt,
    }
    withheld {
        /// A personal value as a handset signs it: its field and digest (see
        /// [`crate::personal`]); the value travels apart, in an opening.
        Sealed(SealedValue),
        /// A personal value erased at the ministry: only the field is left.
        Erased(PersonalField),
    }
}

/// Who holds a licence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    Miner(Uuid),
    Organisation(Text),
}

registry_record! {
    /// A permit, claim, cooperative, buyer or exporter licence.
    Licence, LicenceField,
    required {
        number: LicenceNumber => Number,
        kind: LicenceKind => Kind,
        holder: Holder => Holder,
        mineral: Mineral => Mineral,
        issued: Day => Issued,
        expires: Day => Expires,
        status: LicenceStatus => Status,
    }
    optional {
        /// The claim's boundary as walked by GPS; mining licences only.
        area: Polygon => Area,
    }
}

/// One site-day of production on a licence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Production {
    pub licence: Uuid,
    /// The miner who reported the day, when known.
    pub miner: Option<Uuid>,
    pub date: Day,
    pub fix: GeoFix,
    pub diggers: Diggers,
    pub gravel: GravelLitres,
    pub stones: Stones,
    pub mineral: Mineral,
}

/// Who sold: a registered miner or a licence holder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seller {
    Miner(Uuid),
    Licence(Uuid),
}

/// A sale from a miner or licence holder to a licensed buyer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sale {
    pub seller: Seller,
    /// The buyer's licence.
    pub buyer: Uuid,
    pub date: Day,
    pub carats: Carats,
    pub stones: StoneCount,
    pub value: UsdCents,
    pub mineral: Mineral,
}

/// An export under a Kimberley Process certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// The exporter's licence.
    pub exporter: Uuid,
    pub certificate: KpCertificate,
    pub date: Day,
    pub carats: Carats,
    pub value: UsdCents,
    pub hs_code: HsCode,
    pub destination: CountryCode,
    pub parcel: Parcel,
}

/// The writable fields of a fact: its whole body, or its void reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactField<T> {
    Body(T),
    Void(Reason),
}

impl<T: Clone + PartialEq + Serialize> FieldValue for FactField<T> {
    fn key(&self) -> &'static str {
        match self {
            Self::Body(_) => "body",
            Self::Void(_) => "void",
        }
    }
}

/// The current body of a fact, if it has arrived.
pub fn fact_body<T: Clone + PartialEq + Serialize>(
    state: &RecordState<FactField<T>>,
) -> Option<&T> {
    state
        .fields
        .get("body")?
        .winner()
        .and_then(|w| match &w.value {
            FactField::Body(b) => Some(b),
            FactField::Void(_) => None,
        })
}

/// The reason a record was voided, if it was.
pub fn void_reason<F: FieldValue>(state: &RecordState<F>) -> Option<String> {
    let w = state.fields.get("void")?.winner()?;
    // Every field enum serializes its void variant as {"void": reason}.
    match serde_json::to_value(&w.value).ok()? {
        serde_json::Value::Object(m) => m.get("void")?.as_str().map(str::to_string),
        _ => None,
    }
}

/// Region levels, from the country down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Country,
    Region,
    District,
}

/// An administrative area that scopes devices, officers and reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub id: Uuid,
    pub name: Text,
    pub level: RegionLevel,
    pub parent: Option<Uuid>,
    /// Polygons of the boundary (one for a simple area, several for a multipolygon).
    pub boundary: Vec<Polygon>,
}

/// One writable field of a region. Only the server writes regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionField {
    Name(Text),
    Level(RegionLevel),
    Parent(Option<Uuid>),
    Boundary(Vec<Polygon>),
    Void(Reason),
}

impl FieldValue for RegionField {
    fn key(&self) -> &'static str {
        match self {
            Self::Name(_) => "name",
            Self::Level(_) => "level",
            Self::Parent(_) => "parent",
            Self::Boundary(_) => "boundary",
            Self::Void(_) => "void",
        }
    }
}

impl Region {
    /// The writes that set every field of this region.
    pub fn into_fields(self) -> Vec<RegionField> {
        vec![
            RegionField::Name(self.name),
            RegionField::Level(self.level),
            RegionField::Parent(self.parent),
            RegionField::Boundary(self.boundary),
        ]
    }

    /// The current region from a merged state; `None` while a field is missing.
    pub fn from_state(id: Uuid, state: &RecordState<RegionField>) -> Option<Self> {
        let (mut name, mut level, mut parent, mut boundary) = (None, None, None, None);
        for f in state.current() {
            match f.clone() {
                RegionField::Name(v) => name = Some(v),
                RegionField::Level(v) => level = Some(v),
                RegionField::Parent(v) => parent = Some(v),
                RegionField::Boundary(v) => boundary = Some(v),
                RegionField::Void(_) => {}
            }
        }
        Some(Self {
            id,
            name: name?,
            level: level?,
            parent: parent?,
            boundary: boundary?,
        })
    }
}

/// Any record's merged state, tagged with its collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnyRecord {
    Miner(RecordState<MinerField>),
    Licence(RecordState<LicenceField>),
    Production(RecordState<FactField<Production>>),
    Sale(RecordState<FactField<Sale>>),
    Export(RecordState<FactField<Export>>),
    Region(RecordState<RegionField>),
}

/// Runs `$body` with `$s` bound to the inner `RecordState` of whatever collection.
#[macro_export]
macro_rules! with_state {
    ($rec:expr, $s:ident => $body:expr) => {
        match $rec {
            $crate::records::AnyRecord::Miner($s) => $body,
            $crate::records::AnyRecord::Licence($s) => $body,
            $crate::records::AnyRecord::Production($s) => $body,
            $crate::records::AnyRecord::Sale($s) => $body,
            $crate::records::AnyRecord::Export($s) => $body,
            $crate::records::AnyRecord::Region($s) => $body,
        }
    };
}

impl AnyRecord {
    pub fn empty(c: Collection) -> Self {
        match c {
            Collection::Miner => Self::Miner(Default::default()),
            Collection::Licence => Self::Licence(Default::default()),
            Collection::Production => Self::Production(Default::default()),
            Collection::Sale => Self::Sale(Default::default()),
            Collection::Export => Self::Export(Default::default()),
            Collection::Region => Self::Region(Default::default()),
        }
    }

    pub fn collection(&self) -> Collection {
        match self {
            Self::Miner(_) => Collection::Miner,
            Self::Licence(_) => Collection::Licence,
            Self::Production(_) => Collection::Production,
            Self::Sale(_) => Collection::Sale,
            Self::Export(_) => Collection::Export,
            Self::Region(_) => Collection::Region,
        }
    }

    /// Joins another state of the same record. States of different collections never
    /// share a key, so a mismatch is ignored rather than merged.
    pub fn merge(&mut self, other: &AnyRecord) {
        match (self, other) {
            (Self::Miner(a), Self::Miner(b)) => a.merge(b),
            (Self::Licence(a), Self::Licence(b)) => a.merge(b),
            (Self::Production(a), Self::Production(b)) => a.merge(b),
            (Self::Sale(a), Self::Sale(b)) => a.merge(b),
            (Self::Export(a), Self::Export(b)) => a.merge(b),
            (Self::Region(a), Self::Region(b)) => a.merge(b),
            _ => {}
        }
    }

    pub fn region(&self) -> Option<Uuid> {
        with_state!(self, s => s.region())
    }

    /// Every write's device and the region it names, once each.
    pub fn writers(&self) -> std::collections::BTreeSet<(Uuid, Uuid)> {
        with_state!(self, s => s
            .fields
            .values()
            .flat_map(|h| h.writes.iter().map(|w| (w.id.device, w.region)))
            .collect())
    }

    /// Whether some write, given as (device, region it names), satisfies `f`; without
    /// collecting them (a pull asks it of every record it sends).
    pub fn any_write(&self, f: impl Fn(Uuid, Uuid) -> bool) -> bool {
        with_state!(self, s => s
            .fields
            .values()
            .any(|h| h.writes.iter().any(|w| f(w.id.device, w.region))))
    }

    /// The id of the latest write and the region it names.
    pub fn latest_write(&self) -> Option<(crate::merge::WriteId, Uuid)> {
        with_state!(self, s => s.latest().map(|w| (w.id, w.region)))
    }

    pub fn compact(&self) -> Self {
        match self {
            Self::Miner(s) => Self::Miner(s.compact()),
            Self::Licence(s) => Self::Licence(s.compact()),
            Self::Production(s) => Self::Production(s.compact()),
            Self::Sale(s) => Self::Sale(s.compact()),
            Self::Export(s) => Self::Export(s.compact()),
            Self::Region(s) => Self::Region(s.compact()),
        }
    }

    pub fn has_conflicts(&self) -> bool {
        with_state!(self, s => !s.conflicts().is_empty())
    }

    pub fn void_reason(&self) -> Option<String> {
        with_state!(self, s => void_reason(s))
    }

    /// The current record as JSON (the view for registry records, the body for facts),
    /// or `None` while incomplete.
    pub fn current_json(&self) -> Option<serde_json::Value> {
        match self {
            Self::Miner(s) => serde_json::to_value(Miner::from_state(s)?).ok(),
            Self::Licence(s) => serde_json::to_value(Licence::from_state(s)?).ok(),
            Self::Production(s) => serde_json::to_value(fact_body(s)?).ok(),
            Self::Sale(s) => serde_json::to_value(fact_body(s)?).ok(),
            Self::Export(s) => serde_json::to_value(fact_body(s)?).ok(),
            Self::Region(s) => {
                // The id is not part of the state; the caller knows it.
                serde_json::to_value(Region::from_state(Uuid::nil(), s)?).ok()
            }
        }
    }

    /// The conflicts of this record, as JSON values (one per field with a lost value).
    pub fn conflicts_json(&self) -> Vec<serde_json::Value> {
        with_state!(self, s => s
            .conflicts()
            .iter()
            .filter_map(|c| serde_json::to_value(c).ok())
            .collect())
    }

    /// What a person sees, as JSON, for comparing replicas: each field's winner and losers.
    pub fn visible_json(&self) -> serde_json::Value {
        with_state!(self, s => serde_json::to_value(s.visible()).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_keys_match_their_json_names() {
        let year = BirthYear::new(1990).unwrap();
        for f in [
            MinerField::BirthYear(year),
            MinerField::NationalId(None),
            MinerField::Void(Reason::parse("duplicate").unwrap()),
        ] {
            let j = serde_json::to_value(&f).unwrap();
            let name = j.as_object().unwrap().keys().next().unwrap().clone();
            assert_eq!(name, f.key());
            assert!(MinerField::NAMES.contains(&f.key()));
        }
        let j = serde_json::json!({"status": "suspended"});
        let f: LicenceField = serde_json::from_value(j).unwrap();
        assert_eq!(f.key(), "status");
    }

    #[test]
    fn collection_names_parse() {
        assert_eq!("miners".parse::<Collection>().unwrap(), Collection::Miner);
        assert_eq!(
            "production".parse::<Collection>().unwrap(),
            Collection::Production
        );
        assert_eq!("regions".parse::<Collection>().unwrap(), Collection::Region);
        assert!("flags".parse::<Collection>().is_err());
        for c in Collection::ALL {
            assert_eq!(Collection::from_tag(c.tag()), Some(c));
        }
    }
}
