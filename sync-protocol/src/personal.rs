//! A person's values sealed on the handset, so that they can be erased from the registry.
//!
//! The server keeps every signed batch for as long as the registry exists, and a signature
//! covers every byte it signs: a value inside a signed batch could never be removed without
//! breaking the proof. So a handset does not sign a person's values. For each personal
//! field of a miner it signs a [`SealedValue`]: the field and a SHA-256 digest of the value
//! with a random 16-byte salt (so that a short value, a birth year or a national id, cannot
//! be found by trying every one). The value itself travels apart, once its batch is
//! acknowledged, in an [`Opening`], which the server keeps outside its batch log.
//!
//! Erasing a value deletes its opening: the batch still verifies, and what is left of the
//! value is a digest of it with a salt nobody holds. Every replica then holds the write's
//! value as [`MinerField::Erased`], which outranks the open value in the merge
//! ([`crate::merge::FieldValue::rank`]), so a handset that held the value loses it at its
//! next pull.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use uuid::Uuid;

use crate::batch::{hex_bytes, Digest};
use crate::error::ProtocolError;
use crate::merge::{RecordState, WriteId};
use crate::records::MinerField;

/// The fields of a miner that describe the person, and so are sealed and can be erased.
/// The others (home region, when, where and by whom registered, void) describe the
/// registration: the registry needs them in the clear at receipt to file and check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalField {
    Names,
    Sex,
    BirthYear,
    NationalId,
    Phone,
    Cooperative,
}

impl PersonalField {
    pub const ALL: [PersonalField; 6] = [
        Self::Names,
        Self::Sex,
        Self::BirthYear,
        Self::NationalId,
        Self::Phone,
        Self::Cooperative,
    ];

    /// The field's name, as in the miner record.
    pub fn name(self) -> &'static str {
        match self {
            Self::Names => "names",
            Self::Sex => "sex",
            Self::BirthYear => "birth_year",
            Self::NationalId => "national_id",
            Self::Phone => "phone",
            Self::Cooperative => "cooperative",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The personal field an open value sets; `None` for the registration's fields and
    /// for values already sealed or erased.
    pub fn of(value: &MinerField) -> Option<Self> {
        Some(match value {
            MinerField::Names(_) => Self::Names,
            MinerField::Sex(_) => Self::Sex,
            MinerField::BirthYear(_) => Self::BirthYear,
            MinerField::NationalId(_) => Self::NationalId,
            MinerField::Phone(_) => Self::Phone,
            MinerField::Cooperative(_) => Self::Cooperative,
            _ => return None,
        })
    }

    /// For the record macro: an erased value belongs to its field and outranks every other.
    pub(crate) fn field(&self) -> Self {
        *self
    }
    pub(crate) fn rank(&self) -> u8 {
        2
    }
}

hex_bytes!(
    /// The random salt of a sealed value.
    Salt, 16);

impl Salt {
    /// A fresh salt from the operating system's random source.
    pub fn random() -> Result<Self, ProtocolError> {
        use ring::rand::SecureRandom;
        let mut b = [0u8; 16];
        ring::rand::SystemRandom::new()
            .fill(&mut b)
            .map_err(|_| ProtocolError::Invalid("no random source for a salt".into()))?;
        Ok(Self(b))
    }
}

/// A personal value as signed: which field, and the digest of its opening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedValue {
    pub field: PersonalField,
    pub digest: Digest,
}

impl SealedValue {
    pub(crate) fn field(&self) -> PersonalField {
        self.field
    }
    pub(crate) fn rank(&self) -> u8 {
        0
    }
}

/// What binds a digest to one record: no digest of one miner's value opens another's.
const DOMAIN: &[u8] = b"placer personal v1\0";

/// The digest that seals `value` (an open personal value) of miner `record` with `salt`:
/// SHA-256 of `"placer personal v1"`, a zero byte, the record id's 16 bytes, the salt's 16
/// bytes and the value's binary encoding (its `MinerField` variant number, then the value),
/// without a version byte.
pub fn digest(record: Uuid, salt: &Salt, value: &MinerField) -> Result<Digest, ProtocolError> {
    let mut bytes = DOMAIN.to_vec();
    bytes.extend_from_slice(record.as_bytes());
    bytes.extend_from_slice(&salt.0);
    bytes.extend_from_slice(&crate::codec::encode_plain(value)?);
    Ok(Digest::of(&bytes))
}

/// The sealed form of an open personal value; `None` for any other value, which is signed
/// as it is, an optional field left empty included: it holds nothing to erase, and its
/// digest and salt would cost a slow link 48 bytes for nothing.
pub fn seal(
    record: Uuid,
    value: &MinerField,
    salt: &Salt,
) -> Result<Option<SealedValue>, ProtocolError> {
    let empty = matches!(
        value,
        MinerField::NationalId(None) | MinerField::Phone(None) | MinerField::Cooperative(None)
    );
    let Some(field) = PersonalField::of(value).filter(|_| !empty) else {
        return Ok(None);
    };
    Ok(Some(SealedValue {
        field,
        digest: digest(record, salt, value)?,
    }))
}

/// A sealed value's content, sent apart from the batch that signed its digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// The miner.
    pub record: Uuid,
    /// The write that sealed the value.
    pub write: WriteId,
    pub salt: Salt,
    /// The open value: one of the personal fields.
    pub value: MinerField,
}

impl Opening {
    /// Whether this opening is the content of `sealed`.
    pub fn opens(&self, sealed: &SealedValue) -> bool {
        PersonalField::of(&self.value) == Some(sealed.field)
            && digest(self.record, &self.salt, &self.value).is_ok_and(|d| d == sealed.digest)
    }
}

/// What an opening did to a record's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// The sealed value is open now.
    Opened,
    /// It was open already (the same opening again).
    AlreadyOpen,
    /// The value was erased: it stays erased.
    Erased,
    /// The record has no such sealed write (yet: its batch may not have arrived).
    NoSuchWrite,
    /// The write is sealed, but this is not its content.
    Mismatch,
}

/// Opens one sealed value of a miner's state in place.
pub fn open(state: &mut RecordState<MinerField>, opening: &Opening) -> Opened {
    let Some(field) = PersonalField::of(&opening.value) else {
        return Opened::Mismatch;
    };
    let Some(w) = state
        .fields
        .get_mut(field.name())
        .and_then(|h| h.writes.iter_mut().find(|w| w.id == opening.write))
    else {
        return Opened::NoSuchWrite;
    };
    match &w.value {
        MinerField::Sealed(s) if opening.opens(s) => {
            w.value = opening.value.clone();
            Opened::Opened
        }
        MinerField::Erased(_) => Opened::Erased,
        v if *v == opening.value => Opened::AlreadyOpen,
        _ => Opened::Mismatch,
    }
}

/// Erases, in place, every personal write of a miner's state that `which` picks; returns
/// the writes erased (those not erased before).
pub fn erase(
    state: &mut RecordState<MinerField>,
    which: impl Fn(PersonalField, WriteId) -> bool,
) -> Vec<(PersonalField, WriteId)> {
    let mut out = Vec::new();
    for field in PersonalField::ALL {
        let Some(h) = state.fields.get_mut(field.name()) else {
            continue;
        };
        for w in &mut h.writes {
            if !matches!(w.value, MinerField::Erased(_)) && which(field, w.id) {
                w.value = MinerField::Erased(field);
                out.push((field, w.id));
            }
        }
    }
    out
}

/// Whether any value of a miner's state was erased.
pub fn holds_erased(state: &RecordState<MinerField>) -> bool {
    PersonalField::ALL.into_iter().any(|f| {
        state.fields.get(f.name()).is_some_and(|h| {
            h.writes
                .iter()
                .any(|w| matches!(w.value, MinerField::Erased(_)))
        })
    })
}

impl fmt::Display for PersonalField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::merge::Write;
    use crate::values::{NationalId, PersonName};

    fn rec() -> Uuid {
        Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001)
    }
    fn wid(ms: u64) -> WriteId {
        WriteId {
            stamp: Hlc::new(ms, 0),
            device: Uuid::from_u128(9),
        }
    }
    fn names(s: &str) -> MinerField {
        MinerField::Names(PersonName::parse(s).unwrap())
    }
    fn write(ms: u64, value: MinerField) -> Write<MinerField> {
        Write {
            id: wid(ms),
            effective: Some(Hlc::new(ms, 0)),
            base: None,
            region: Uuid::from_u128(5),
            value,
        }
    }

    #[test]
    fn a_sealed_value_opens_with_its_own_opening_only() {
        let salt = Salt([7; 16]);
        let sealed = seal(rec(), &names("Awa Kamara"), &salt).unwrap().unwrap();
        let opening = Opening {
            record: rec(),
            write: wid(1),
            salt,
            value: names("Awa Kamara"),
        };
        assert!(opening.opens(&sealed));
        let other_value = Opening {
            value: names("Awa Kamar"),
            ..opening.clone()
        };
        assert!(!other_value.opens(&sealed));
        let other_salt = Opening {
            salt: Salt([8; 16]),
            ..opening.clone()
        };
        assert!(!other_salt.opens(&sealed));
        let other_record = Opening {
            record: Uuid::from_u128(2),
            ..opening
        };
        assert!(!other_record.opens(&sealed));
        assert!(seal(rec(), &MinerField::HomeRegion(rec()), &salt)
            .unwrap()
            .is_none());
        assert!(seal(rec(), &MinerField::Phone(None), &salt)
            .unwrap()
            .is_none());
    }

    #[test]
    fn the_higher_rank_wins_whatever_the_order_and_erasure_is_final() {
        let salt = Salt([1; 16]);
        let open = names("Awa Kamara");
        let sealed = MinerField::Sealed(seal(rec(), &open, &salt).unwrap().unwrap());
        let erased = MinerField::Erased(PersonalField::Names);
        let copies = [sealed, open, erased.clone()];
        for a in &copies {
            for b in &copies {
                let mut x = RecordState::default();
                x.insert(write(1, a.clone()));
                x.insert(write(1, b.clone()));
                let mut y = RecordState::default();
                y.insert(write(1, b.clone()));
                y.insert(write(1, a.clone()));
                assert_eq!(x, y);
                let want = [a, b]
                    .into_iter()
                    .max_by_key(|v| crate::merge::FieldValue::rank(*v))
                    .unwrap();
                assert_eq!(&x.fields["names"].writes[0].value, want);
            }
        }
        let mut state = RecordState::default();
        state.insert(write(1, erased));
        let opening = Opening {
            record: rec(),
            write: wid(1),
            salt,
            value: names("Awa Kamara"),
        };
        assert_eq!(super::open(&mut state, &opening), Opened::Erased);
    }

    #[test]
    fn opening_and_erasing_change_only_the_writes_they_name() {
        let salt = Salt([3; 16]);
        let nid = |s: &str| MinerField::NationalId(Some(NationalId::parse(s).unwrap()));
        let mut state = RecordState::default();
        for (ms, v) in [(1, nid("GHA-1")), (2, nid("GHA-2"))] {
            let s = seal(rec(), &v, &salt).unwrap().unwrap();
            state.insert(write(ms, MinerField::Sealed(s)));
        }
        state.insert(write(1, MinerField::HomeRegion(rec())));
        let opening = |ms, v| Opening {
            record: rec(),
            write: wid(ms),
            salt,
            value: v,
        };
        assert_eq!(
            open(&mut state, &opening(2, nid("GHA-1"))),
            Opened::Mismatch
        );
        assert_eq!(open(&mut state, &opening(2, nid("GHA-2"))), Opened::Opened);
        assert_eq!(
            open(&mut state, &opening(2, nid("GHA-2"))),
            Opened::AlreadyOpen
        );
        assert_eq!(
            open(&mut state, &opening(3, nid("GHA-2"))),
            Opened::NoSuchWrite
        );
        let erased = erase(&mut state, |f, id| {
            f == PersonalField::NationalId && id == wid(1)
        });
        assert_eq!(erased, vec![(PersonalField::NationalId, wid(1))]);
        let h = &state.fields["national_id"];
        assert_eq!(
            h.writes[0].value,
            MinerField::Erased(PersonalField::NationalId)
        );
        assert_eq!(h.writes[1].value, nid("GHA-2"));
        assert_eq!(
            state.fields["home_region"].writes[0].value,
            MinerField::HomeRegion(rec())
        );
        assert!(erase(&mut state, |_, _| true).len() == 1);
    }
}
