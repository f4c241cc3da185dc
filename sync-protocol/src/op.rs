//! Ops: the unit of change a device records offline and the server applies.
//!
//! An op names one record and sets one or more of its fields. Applying an op to a record's
//! state turns each set into a [`Write`] and inserts it ([`crate::merge`]), so applying the
//! same op twice, or ops in any order, gives the same state.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::clock::Hlc;
use crate::error::ProtocolError;
use crate::merge::{FieldValue, RecordState, Write, WriteId};
use crate::records::*;

/// One field set by an op, with the write the author saw in that field, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Set<F> {
    pub value: F,
    pub base: Option<WriteId>,
}

impl<F> Set<F> {
    /// A set on a field the author saw empty (a new record).
    pub fn new(value: F) -> Self {
        Self { value, base: None }
    }
}

/// What an op sets, per collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpBody {
    Miner(Vec<Set<MinerField>>),
    Licence(Vec<Set<LicenceField>>),
    Production(Vec<Set<FactField<Production>>>),
    Sale(Vec<Set<FactField<Sale>>>),
    Export(Vec<Set<FactField<Export>>>),
}

/// One change to one record, stamped by the device's clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Op {
    /// UUIDv7 minted on the device when the record was first registered.
    pub record: Uuid,
    /// The device's hybrid logical clock when the op was recorded.
    pub stamp: Hlc,
    /// The region the device files the record under.
    pub region: Uuid,
    pub body: OpBody,
}

impl Op {
    pub fn collection(&self) -> Collection {
        match self.body {
            OpBody::Miner(_) => Collection::Miner,
            OpBody::Licence(_) => Collection::Licence,
            OpBody::Production(_) => Collection::Production,
            OpBody::Sale(_) => Collection::Sale,
            OpBody::Export(_) => Collection::Export,
        }
    }

    /// The number of field sets, for accounting.
    pub fn len(&self) -> usize {
        match &self.body {
            OpBody::Miner(s) => s.len(),
            OpBody::Licence(s) => s.len(),
            OpBody::Production(s) => s.len(),
            OpBody::Sale(s) => s.len(),
            OpBody::Export(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the protocol refuses in any op, whatever its values: an op that sets no field
    /// (it would make a record with no write, hence no region and nothing to show) and an
    /// op that sets one field twice (two writes with one id, which replicas could keep
    /// differently). The server refuses a batch holding such an op as `malformed`, and a
    /// device never records one.
    pub fn check_shape(&self) -> Result<(), ProtocolError> {
        fn keys<F: FieldValue>(sets: &[Set<F>]) -> Vec<&'static str> {
            sets.iter().map(|s| s.value.key()).collect()
        }
        let mut fields = match &self.body {
            OpBody::Miner(s) => keys(s),
            OpBody::Licence(s) => keys(s),
            OpBody::Production(s) => keys(s),
            OpBody::Sale(s) => keys(s),
            OpBody::Export(s) => keys(s),
        };
        let what = || {
            format!(
                "the {} op on record {}",
                self.collection().name(),
                self.record
            )
        };
        if fields.is_empty() {
            return Err(ProtocolError::Malformed(format!(
                "{} sets no field",
                what()
            )));
        }
        fields.sort_unstable();
        if let Some(w) = fields.windows(2).find(|w| w[0] == w[1]) {
            return Err(ProtocolError::Malformed(format!(
                "{} sets the field {:?} twice",
                what(),
                w[0]
            )));
        }
        Ok(())
    }

    /// Applies the op, written by `device`, to `state` (which must be this record's state,
    /// or [`AnyRecord::empty`] of its collection). `effective` is the server-fixed stamp,
    /// `None` on the writing device before the server has it.
    pub fn apply(&self, state: &mut AnyRecord, device: Uuid, effective: Option<Hlc>) {
        let id = WriteId {
            stamp: self.stamp,
            device,
        };
        let region = self.region;
        match (&self.body, state) {
            (OpBody::Miner(sets), AnyRecord::Miner(s)) => {
                insert_all(s, sets, id, effective, region)
            }
            (OpBody::Licence(sets), AnyRecord::Licence(s)) => {
                insert_all(s, sets, id, effective, region)
            }
            (OpBody::Production(sets), AnyRecord::Production(s)) => {
                insert_all(s, sets, id, effective, region)
            }
            (OpBody::Sale(sets), AnyRecord::Sale(s)) => insert_all(s, sets, id, effective, region),
            (OpBody::Export(sets), AnyRecord::Export(s)) => {
                insert_all(s, sets, id, effective, region)
            }
            // Records are keyed by (collection, id), so this cannot meet a foreign state;
            // regions have no op body (only the server writes them).
            _ => debug_assert!(false, "op applied to a record of another collection"),
        }
    }
}

fn insert_all<F: FieldValue>(
    state: &mut RecordState<F>,
    sets: &[Set<F>],
    id: WriteId,
    effective: Option<Hlc>,
    region: Uuid,
) {
    for set in sets {
        state.insert(Write {
            id,
            effective,
            base: set.base,
            region,
            value: set.value.clone(),
        });
    }
}
