//! The dense form of a pull page, encoding version 2: what a 2G link carries on a first sync.
//!
//! In the plain form (version 1) about two thirds of a record is repeated metadata: the
//! region id on the change and on every write, the writing device's id on every write, the
//! effective stamp beside a write stamp it nearly always equals, and each field's name as a
//! string. The dense form says each of them once:
//!
//! - the page opens with a table of the device ids and one of the region ids it names;
//!   writes and changes give an index into them;
//! - a field is known by its value's variant, which is its number in the field enum, so a
//!   field's name is not sent;
//! - a write's effective stamp is `Same` when it equals the write's own stamp (the server
//!   sets `effective = min(stamp, received)`, so nearly always), `Pending` when unset;
//! - a change's `seq` is the difference from the previous change's (from 0 for the first);
//!   its collection is its state's variant.
//!
//! Converting is pure and exact: `from_dense(to_dense(page)) == page` for every page the
//! server builds (property-tested below). Decoding is strict: an index past its table, a
//! field whose writes name two fields, writes out of order, or a field sent twice is
//! refused as malformed, so one page has one dense form.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

use crate::api::{Change, PullPage};
use crate::clock::Hlc;
use crate::error::ProtocolError;
use crate::merge::{FieldHistory, FieldValue, RecordState, Write, WriteId};
use crate::records::{AnyRecord, Export, FactField, LicenceField, MinerField, Production};
use crate::records::{RegionField, Sale};

/// A pull page in its dense form. Field order is the wire order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DensePage {
    /// Every device id the page names, in order of first use.
    pub devices: Vec<Uuid>,
    /// Every region id the page names, in order of first use.
    pub regions: Vec<Uuid>,
    pub changes: Vec<DenseChange>,
    pub cursor: u64,
    pub more: bool,
    pub server_time: Hlc,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenseChange {
    /// This change's `seq` minus the previous change's (the first change's minus 0).
    pub seq_step: u64,
    pub record: Uuid,
    /// Index into [`DensePage::regions`].
    pub region: u32,
    pub state: DenseRecord,
}

/// A record's state: the variant is the collection, in the order of `AnyRecord`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DenseRecord {
    Miner(Vec<DenseField<MinerField>>),
    Licence(Vec<DenseField<LicenceField>>),
    Production(Vec<DenseField<FactField<Production>>>),
    Sale(Vec<DenseField<FactField<Sale>>>),
    Export(Vec<DenseField<FactField<Export>>>),
    Region(Vec<DenseField<RegionField>>),
}

/// One field's history, in the order of the field names (as in the plain form's map). The
/// field is the one every write's value names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenseField<V> {
    pub writes: Vec<DenseWrite<V>>,
    pub overwritten: Vec<DenseId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenseWrite<V> {
    pub stamp: Hlc,
    /// Index into [`DensePage::devices`].
    pub device: u32,
    pub effective: Effective,
    pub base: Option<DenseId>,
    /// Index into [`DensePage::regions`].
    pub region: u32,
    pub value: V,
}

/// A write id with its device as an index into [`DensePage::devices`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DenseId {
    pub stamp: Hlc,
    pub device: u32,
}

/// A write's effective stamp, said once when it equals the write's own stamp.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Effective {
    /// Not fixed yet (`None`).
    Pending,
    /// Equal to the write's stamp.
    Same,
    At(Hlc),
}

/// A table of ids in order of first use.
#[derive(Default)]
struct Table {
    ids: Vec<Uuid>,
    index: HashMap<Uuid, u32>,
}

impl Table {
    fn of(&mut self, id: Uuid) -> u32 {
        *self.index.entry(id).or_insert_with(|| {
            self.ids.push(id);
            // A page is at most 16 MiB, so far fewer than 2^32 ids.
            (self.ids.len() - 1) as u32
        })
    }
}

#[derive(Default)]
struct Tables {
    devices: Table,
    regions: Table,
}

impl Tables {
    fn id(&mut self, id: WriteId) -> DenseId {
        DenseId {
            stamp: id.stamp,
            device: self.devices.of(id.device),
        }
    }

    fn fields<V: Clone>(&mut self, state: &RecordState<V>) -> Vec<DenseField<V>> {
        state
            .fields
            .values()
            .map(|h| DenseField {
                writes: h
                    .writes
                    .iter()
                    .map(|w| DenseWrite {
                        stamp: w.id.stamp,
                        device: self.devices.of(w.id.device),
                        effective: match w.effective {
                            None => Effective::Pending,
                            Some(e) if e == w.id.stamp => Effective::Same,
                            Some(e) => Effective::At(e),
                        },
                        base: w.base.map(|b| self.id(b)),
                        region: self.regions.of(w.region),
                        value: w.value.clone(),
                    })
                    .collect(),
                overwritten: h.overwritten.iter().map(|&b| self.id(b)).collect(),
            })
            .collect()
    }
}

/// The dense form of a page.
pub fn to_dense(page: &PullPage) -> DensePage {
    let mut t = Tables::default();
    let mut previous = 0;
    let changes = page
        .changes
        .iter()
        .map(|c| {
            let seq_step = c.seq.wrapping_sub(previous);
            previous = c.seq;
            let region = t.regions.of(c.region);
            let state = match &c.state {
                AnyRecord::Miner(s) => DenseRecord::Miner(t.fields(s)),
                AnyRecord::Licence(s) => DenseRecord::Licence(t.fields(s)),
                AnyRecord::Production(s) => DenseRecord::Production(t.fields(s)),
                AnyRecord::Sale(s) => DenseRecord::Sale(t.fields(s)),
                AnyRecord::Export(s) => DenseRecord::Export(t.fields(s)),
                AnyRecord::Region(s) => DenseRecord::Region(t.fields(s)),
            };
            DenseChange {
                seq_step,
                record: c.record,
                region,
                state,
            }
        })
        .collect();
    DensePage {
        devices: t.devices.ids,
        regions: t.regions.ids,
        changes,
        cursor: page.cursor,
        more: page.more,
        server_time: page.server_time,
    }
}

fn malformed(what: impl Into<String>) -> ProtocolError {
    ProtocolError::Malformed(format!("dense page: {}", what.into()))
}

fn look_up(table: &[Uuid], i: u32, what: &str) -> Result<Uuid, ProtocolError> {
    table.get(i as usize).copied().ok_or_else(|| {
        malformed(format!(
            "{what} index {i} is past its table of {}",
            table.len()
        ))
    })
}

struct Reader<'a> {
    devices: &'a [Uuid],
    regions: &'a [Uuid],
}

impl Reader<'_> {
    fn id(&self, d: DenseId) -> Result<WriteId, ProtocolError> {
        Ok(WriteId {
            stamp: d.stamp,
            device: look_up(self.devices, d.device, "device")?,
        })
    }

    fn state<V: FieldValue + DeserializeOwned>(
        &self,
        fields: Vec<DenseField<V>>,
    ) -> Result<RecordState<V>, ProtocolError> {
        let mut out: BTreeMap<String, FieldHistory<V>> = BTreeMap::new();
        let mut last_key: Option<&'static str> = None;
        for f in fields {
            let key = f
                .writes
                .first()
                .map(|w| w.value.key())
                .ok_or_else(|| malformed("a field without writes"))?;
            if last_key.is_some_and(|k| k >= key) {
                return Err(malformed(format!(
                    "field {key} is out of order or sent twice"
                )));
            }
            last_key = Some(key);
            let mut writes: Vec<Write<V>> = Vec::with_capacity(f.writes.len());
            for w in f.writes {
                if w.value.key() != key {
                    return Err(malformed(format!(
                        "a write of {} among the writes of {key}",
                        w.value.key()
                    )));
                }
                let write = Write {
                    id: WriteId {
                        stamp: w.stamp,
                        device: look_up(self.devices, w.device, "device")?,
                    },
                    effective: match w.effective {
                        Effective::Pending => None,
                        Effective::Same => Some(w.stamp),
                        Effective::At(e) => Some(e),
                    },
                    base: w.base.map(|b| self.id(b)).transpose()?,
                    region: look_up(self.regions, w.region, "region")?,
                    value: w.value,
                };
                if writes.last().is_some_and(|p| p.id >= write.id) {
                    return Err(malformed(format!("the writes of {key} are out of order")));
                }
                writes.push(write);
            }
            let overwritten = f
                .overwritten
                .into_iter()
                .map(|d| self.id(d))
                .collect::<Result<Vec<_>, _>>()?;
            if overwritten.windows(2).any(|p| p[0] >= p[1]) {
                return Err(malformed(format!(
                    "the overwritten ids of {key} are out of order"
                )));
            }
            out.insert(
                key.to_string(),
                FieldHistory {
                    writes,
                    overwritten,
                },
            );
        }
        Ok(RecordState { fields: out })
    }
}

/// The page a dense form stands for.
pub fn from_dense(d: DensePage) -> Result<PullPage, ProtocolError> {
    let r = Reader {
        devices: &d.devices,
        regions: &d.regions,
    };
    let mut seq = 0u64;
    let mut changes = Vec::with_capacity(d.changes.len());
    for c in d.changes {
        // Changes are in strictly increasing seq, from 1.
        if c.seq_step == 0 {
            return Err(malformed("a change's seq is not after the previous one"));
        }
        seq = seq
            .checked_add(c.seq_step)
            .ok_or_else(|| malformed("a change's seq is past 2^64"))?;
        let state = match c.state {
            DenseRecord::Miner(f) => AnyRecord::Miner(r.state(f)?),
            DenseRecord::Licence(f) => AnyRecord::Licence(r.state(f)?),
            DenseRecord::Production(f) => AnyRecord::Production(r.state(f)?),
            DenseRecord::Sale(f) => AnyRecord::Sale(r.state(f)?),
            DenseRecord::Export(f) => AnyRecord::Export(r.state(f)?),
            DenseRecord::Region(f) => AnyRecord::Region(r.state(f)?),
        };
        changes.push(Change {
            seq,
            collection: state.collection(),
            record: c.record,
            region: look_up(r.regions, c.region, "region")?,
            state,
        });
    }
    Ok(PullPage {
        changes,
        cursor: d.cursor,
        more: d.more,
        server_time: d.server_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec;
    use crate::values::{PersonName, Reason, Text};
    use proptest::prelude::*;

    fn uuid(n: u8) -> Uuid {
        Uuid::from_bytes([n; 16])
    }

    fn miner_value(field: u8, v: u8) -> MinerField {
        match field {
            0 => MinerField::Names(PersonName::parse(format!("Name {v}")).unwrap()),
            1 => MinerField::Cooperative(Some(Text::parse(format!("Coop {v}")).unwrap())),
            _ => MinerField::Void(Reason::parse(format!("duplicate {v}")).unwrap()),
        }
    }

    /// Writes of a few fields by a few devices in a few regions, with every kind of
    /// effective stamp and base.
    fn arb_writes() -> impl Strategy<Value = Vec<Write<MinerField>>> {
        prop::collection::vec(
            (
                1u64..6,
                1u8..4,
                0u8..3,
                0u8..3,
                prop::option::of((1u64..6, 1u8..4)),
                0u8..3,
                1u8..3,
            )
                .prop_map(|(ms, d, field, v, base, eff, region)| {
                    let stamp = Hlc::new(1_764_338_000_000 + ms, 0);
                    Write {
                        id: WriteId {
                            stamp,
                            device: uuid(d),
                        },
                        effective: match eff {
                            0 => None,
                            1 => Some(stamp),
                            _ => Some(Hlc::new(1_764_338_000_000, 7)),
                        },
                        base: base.map(|(m, d)| WriteId {
                            stamp: Hlc::new(1_764_338_000_000 + m, 0),
                            device: uuid(d),
                        }),
                        region: uuid(100 + region),
                        value: miner_value(field, v),
                    }
                }),
            1..8,
        )
    }

    fn page_of(records: Vec<(u64, Vec<Write<MinerField>>)>) -> PullPage {
        let mut seq = 0;
        PullPage {
            changes: records
                .into_iter()
                .enumerate()
                .map(|(i, (step, writes))| {
                    let mut state = RecordState::default();
                    for w in writes {
                        state.insert(w);
                    }
                    seq += step;
                    Change {
                        seq,
                        collection: crate::records::Collection::Miner,
                        record: uuid(200 + i as u8),
                        region: state.region().unwrap(),
                        state: AnyRecord::Miner(state),
                    }
                })
                .collect(),
            cursor: seq + 3,
            more: seq % 2 == 0,
            server_time: Hlc::new(1_764_338_100_000, 2),
        }
    }

    proptest! {
        #[test]
        fn the_dense_form_stands_for_the_same_page(
            records in prop::collection::vec((1u64..300, arb_writes()), 0..6)
        ) {
            let page = page_of(records);
            let bytes = codec::encode_page(&page, codec::DENSE_PAGE).unwrap();
            prop_assert_eq!(bytes[0], codec::DENSE_PAGE);
            prop_assert_eq!(codec::decode_page(&bytes).unwrap(), page.clone());
            // Never larger than the plain form but for its two tables' counts.
            prop_assert!(bytes.len() <= codec::encode(&page).unwrap().len() + 2);
        }
    }

    fn one_record_page() -> PullPage {
        let stamp = Hlc::new(1_764_338_000_001, 0);
        let w = |field, d| Write {
            id: WriteId {
                stamp,
                device: uuid(d),
            },
            effective: Some(stamp),
            base: None,
            region: uuid(101),
            value: miner_value(field, 1),
        };
        page_of(vec![(5, vec![w(0, 1), w(1, 2)])])
    }

    fn dense_bytes(d: &DensePage) -> Vec<u8> {
        let mut bytes = vec![codec::DENSE_PAGE];
        bytes.extend(codec::encode_plain(d).unwrap());
        bytes
    }

    fn refused(d: &DensePage) -> String {
        match codec::decode_page(&dense_bytes(d)) {
            Err(ProtocolError::Malformed(m)) => m,
            other => panic!("expected malformed, got {other:?}"),
        }
    }

    #[test]
    fn a_plain_page_still_reads() {
        let page = one_record_page();
        let plain = codec::encode_page(&page, codec::VERSION).unwrap();
        assert_eq!(plain, codec::encode(&page).unwrap());
        assert_eq!(codec::decode_page(&plain).unwrap(), page);
    }

    #[test]
    fn a_dense_page_that_breaks_its_own_rules_is_refused() {
        let good = to_dense(&one_record_page());
        // In order of first use: the fields in name order, cooperative before names.
        assert_eq!(good.devices, vec![uuid(2), uuid(1)]);
        assert_eq!(from_dense(good.clone()).unwrap(), one_record_page());

        let mut d = good.clone();
        d.devices.pop();
        assert!(refused(&d).contains("device index 1 is past its table of 1"));

        let mut d = good.clone();
        d.changes[0].region = 9;
        assert!(refused(&d).contains("region index 9"));

        let mut d = good.clone();
        d.changes[0].seq_step = 0;
        assert!(refused(&d).contains("not after the previous"));

        // The two fields swapped: out of order.
        let mut d = good.clone();
        let DenseRecord::Miner(fields) = &mut d.changes[0].state else {
            unreachable!()
        };
        fields.swap(0, 1);
        assert!(refused(&d).contains("out of order or sent twice"));

        // A write of another field among a field's writes.
        let mut d = good.clone();
        let DenseRecord::Miner(fields) = &mut d.changes[0].state else {
            unreachable!()
        };
        let stray = fields[1].writes[0].clone();
        fields[0].writes.push(stray);
        assert!(refused(&d).contains("among the writes of"));

        // The same write twice.
        let mut d = good.clone();
        let DenseRecord::Miner(fields) = &mut d.changes[0].state else {
            unreachable!()
        };
        let again = fields[0].writes[0].clone();
        fields[0].writes.push(again);
        assert!(refused(&d).contains("out of order"));

        let mut d = good;
        let DenseRecord::Miner(fields) = &mut d.changes[0].state else {
            unreachable!()
        };
        fields[0].writes.clear();
        assert!(refused(&d).contains("without writes"));
    }

    #[test]
    fn a_truncated_dense_page_is_malformed_and_a_trailing_byte_refused() {
        let bytes = codec::encode_page(&one_record_page(), codec::DENSE_PAGE).unwrap();
        assert!(matches!(
            codec::decode_page(&bytes[..bytes.len() - 1]),
            Err(ProtocolError::Malformed(_))
        ));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(
            codec::decode_page(&longer),
            Err(ProtocolError::TrailingBytes { trailing: 1 })
        ));
    }
}
