//! Field-level last-writer-wins merge, as a pure function on a join-semilattice.
//!
//! A record's state is, for each field, the set of writes ever made to it. Merging two
//! states is set union, so it is commutative, associative and idempotent by construction,
//! and any delivery order of any set of ops, duplicates included, gives the same state.
//! What a person sees is derived from that set:
//!
//! - the **winner** of a field is its write with the highest order, where the order is
//!   `(effective stamp, write id)`: the effective stamp the server fixed at receipt (or,
//!   on a device before the server has seen the write, the device's own stamp), ties
//!   broken by the device id inside the write id;
//! - a **conflict** is a write that lost without anyone having seen it: no other write names
//!   it as its `base` (the value the writer had in front of them). Two agents who both edit
//!   the same field offline leave one winner and one such loser, which officers can review.
//!   A plain overwrite (the writer saw the old value) is not a conflict.
//!
//! Writes that were overwritten knowingly can be dropped when a state is sent to a device
//! ([`FieldHistory::compact`]): the winner and the conflicts, computed on either side, do
//! not change.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

use crate::clock::Hlc;

/// Who wrote a value: the device's own stamp for the op, and the device. Unique per op,
/// because a device's clock never issues the same stamp twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WriteId {
    pub stamp: Hlc,
    pub device: Uuid,
}

/// One write of one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Write<V> {
    pub id: WriteId,
    /// Fixed by the server at receipt; `None` while only the writing device knows the write.
    pub effective: Option<Hlc>,
    /// The write whose value the writer saw when it made this one, if any.
    pub base: Option<WriteId>,
    /// The region the writing op filed the record under.
    pub region: Uuid,
    pub value: V,
}

impl<V> Write<V> {
    /// The order in which writes win: later effective stamp first, then the write id.
    pub fn order(&self) -> (Hlc, WriteId) {
        (self.effective.unwrap_or(self.id.stamp), self.id)
    }
}

/// A value that can be written to one named field of a record.
pub trait FieldValue: Clone + PartialEq + Serialize {
    /// The field this value belongs to, the same name as in the JSON form.
    fn key(&self) -> &'static str;

    /// How much of the value a copy shows, for two copies of one write: 0 sealed (a
    /// personal value as signed, its digest only), 1 open, 2 erased. The copy of higher rank
    /// wins the join, so an opening reaches every replica and an erasure cannot be undone
    /// by a replica that still holds the value.
    fn rank(&self) -> u8 {
        1
    }
}

/// Every write made to one field, sorted by write id, and the ids that later writes named
/// as their base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldHistory<V> {
    pub writes: Vec<Write<V>>,
    pub overwritten: Vec<WriteId>,
}

impl<V> Default for FieldHistory<V> {
    fn default() -> Self {
        Self {
            writes: Vec::new(),
            overwritten: Vec::new(),
        }
    }
}

impl<V: FieldValue> FieldHistory<V> {
    /// Adds one write. Adding a write already present changes nothing.
    pub fn insert(&mut self, w: Write<V>) {
        if let Some(base) = w.base {
            if let Err(at) = self.overwritten.binary_search(&base) {
                self.overwritten.insert(at, base);
            }
        }
        match self.writes.binary_search_by(|x| x.id.cmp(&w.id)) {
            Ok(at) => {
                let joined = join_same_write(&self.writes[at], w);
                self.writes[at] = joined;
            }
            Err(at) => self.writes.insert(at, w),
        }
    }

    /// Set union with another history of the same field.
    pub fn merge(&mut self, other: &FieldHistory<V>) {
        for id in &other.overwritten {
            if let Err(at) = self.overwritten.binary_search(id) {
                self.overwritten.insert(at, *id);
            }
        }
        for w in &other.writes {
            match self.writes.binary_search_by(|x| x.id.cmp(&w.id)) {
                Ok(at) => {
                    let joined = join_same_write(&self.writes[at], w.clone());
                    self.writes[at] = joined;
                }
                Err(at) => self.writes.insert(at, w.clone()),
            }
        }
    }

    pub fn winner(&self) -> Option<&Write<V>> {
        self.writes.iter().max_by_key(|w| w.order())
    }

    /// Writes that lost without their writer's value having been seen by anyone.
    pub fn conflicts(&self) -> Vec<&Write<V>> {
        let winner = self.winner().map(|w| w.id);
        self.writes
            .iter()
            .filter(|w| Some(w.id) != winner && self.overwritten.binary_search(&w.id).is_err())
            .collect()
    }

    /// The winner and the conflicts only, with the overwritten ids: what a device needs.
    pub fn compact(&self) -> Self {
        let winner = self.winner().map(|w| w.id);
        Self {
            writes: self
                .writes
                .iter()
                .filter(|w| {
                    Some(w.id) == winner
                        || (w.effective.is_none() || self.overwritten.binary_search(&w.id).is_err())
                })
                .cloned()
                .collect(),
            overwritten: self.overwritten.clone(),
        }
    }
}

/// Two copies of the same write (same id). They differ when one copy was made before the
/// server fixed the effective stamp, when one holds a personal value sealed and the other
/// opened or erased (the higher [`FieldValue::rank`] wins), or when a misbehaving device
/// signed two different ops with one stamp; the result must not depend on which copy came
/// first.
fn join_same_write<V: FieldValue>(a: &Write<V>, b: Write<V>) -> Write<V> {
    let effective = match (a.effective, b.effective) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    let content_a = (&a.base, &a.region, &a.value);
    let content_b = (&b.base, &b.region, &b.value);
    let mut keep = if content_a == content_b {
        b
    } else if a.value.rank() != b.value.rank() {
        if a.value.rank() > b.value.rank() {
            a.clone()
        } else {
            b
        }
    } else {
        // Deterministic choice between two different contents: the larger encoding.
        let ea = crate::codec::encode_plain(&content_a).unwrap_or_default();
        let eb = crate::codec::encode_plain(&content_b).unwrap_or_default();
        if ea >= eb {
            a.clone()
        } else {
            b
        }
    };
    keep.effective = effective;
    keep
}

/// The merged state of one record: a history per field, keyed by the field's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordState<F> {
    pub fields: BTreeMap<String, FieldHistory<F>>,
}

impl<F> Default for RecordState<F> {
    fn default() -> Self {
        Self {
            fields: BTreeMap::new(),
        }
    }
}

/// One field's lost value, for the conflict list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict<F> {
    pub field: String,
    pub winner: Write<F>,
    pub losers: Vec<Write<F>>,
}

impl<F: FieldValue> RecordState<F> {
    pub fn insert(&mut self, w: Write<F>) {
        self.fields
            .entry(w.value.key().to_string())
            .or_default()
            .insert(w);
    }

    pub fn merge(&mut self, other: &RecordState<F>) {
        for (k, h) in &other.fields {
            self.fields.entry(k.clone()).or_default().merge(h);
        }
    }

    /// The current value of every field that has one.
    pub fn current(&self) -> impl Iterator<Item = &F> {
        self.fields
            .values()
            .filter_map(|h| h.winner().map(|w| &w.value))
    }

    /// The write that took effect last, over all fields.
    pub fn latest(&self) -> Option<&Write<F>> {
        self.fields
            .values()
            .filter_map(|h| h.winner())
            .max_by_key(|w| w.order())
    }

    /// The region of the latest write: where the record is filed now.
    pub fn region(&self) -> Option<Uuid> {
        self.latest().map(|w| w.region)
    }

    pub fn conflicts(&self) -> Vec<Conflict<F>> {
        self.fields
            .iter()
            .filter_map(|(k, h)| {
                let losers: Vec<Write<F>> = h.conflicts().into_iter().cloned().collect();
                let winner = h.winner()?.clone();
                (!losers.is_empty()).then(|| Conflict {
                    field: k.clone(),
                    winner,
                    losers,
                })
            })
            .collect()
    }

    pub fn compact(&self) -> Self {
        Self {
            fields: self
                .fields
                .iter()
                .map(|(k, h)| (k.clone(), h.compact()))
                .collect(),
        }
    }

    /// What a person sees: each field's winning value and the ids of its conflicting
    /// losers. Equal on every replica that has received the same ops.
    pub fn visible(&self) -> Vec<(String, F, Vec<WriteId>)> {
        self.fields
            .iter()
            .filter_map(|(k, h)| {
                let w = h.winner()?;
                let losers = h.conflicts().iter().map(|l| l.id).collect();
                Some((k.clone(), w.value.clone(), losers))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Val(&'static str, u8);
    impl FieldValue for Val {
        fn key(&self) -> &'static str {
            self.0
        }
    }

    fn dev(n: u8) -> Uuid {
        Uuid::from_bytes([n; 16])
    }
    fn id(ms: u64, d: u8) -> WriteId {
        WriteId {
            stamp: Hlc::new(ms, 0),
            device: dev(d),
        }
    }
    fn w(ms: u64, d: u8, field: &'static str, v: u8, base: Option<WriteId>) -> Write<Val> {
        Write {
            id: id(ms, d),
            effective: Some(Hlc::new(ms, 0)),
            base,
            region: dev(100),
            value: Val(field, v),
        }
    }

    #[test]
    fn different_fields_both_survive() {
        let mut a = RecordState::default();
        a.insert(w(10, 1, "names", 1, None));
        a.insert(w(11, 2, "phone", 2, None));
        let vis = a.visible();
        assert_eq!(vis.len(), 2);
        assert!(a.conflicts().is_empty());
    }

    #[test]
    fn concurrent_same_field_keeps_the_loser_as_a_conflict() {
        let base = w(10, 1, "names", 1, None);
        let left = w(20, 1, "names", 2, Some(base.id));
        let right = w(21, 2, "names", 3, Some(base.id));
        let mut s = RecordState::default();
        for x in [base, left.clone(), right.clone()] {
            s.insert(x);
        }
        let c = s.conflicts();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].winner.id, right.id);
        assert_eq!(c[0].losers[0].id, left.id);
    }

    #[test]
    fn a_seen_overwrite_is_not_a_conflict() {
        let first = w(10, 1, "names", 1, None);
        let second = w(20, 2, "names", 2, Some(first.id));
        let mut s = RecordState::default();
        s.insert(second);
        s.insert(first);
        assert!(s.conflicts().is_empty());
        assert_eq!(s.visible()[0].1, Val("names", 2));
    }

    #[test]
    fn effective_stamp_beats_a_clock_from_the_future() {
        // Device 2's clock is years ahead; the server capped its write at receipt (t=30),
        // so device 1's later write (t=40) wins.
        let mut ahead = w(9_000_000, 2, "phone", 1, None);
        ahead.effective = Some(Hlc::new(30, 0));
        let later = w(40, 1, "phone", 2, None);
        let mut s = RecordState::default();
        s.insert(ahead);
        s.insert(later.clone());
        assert_eq!(s.fields["phone"].winner().unwrap().id, later.id);
    }

    #[test]
    fn provisional_and_fixed_copies_of_one_write_join() {
        let mut local = w(50, 1, "names", 1, None);
        local.effective = None;
        let mut fixed = local.clone();
        fixed.effective = Some(Hlc::new(45, 0));
        let mut a = RecordState::default();
        a.insert(local.clone());
        a.insert(fixed.clone());
        let mut b = RecordState::default();
        b.insert(fixed);
        b.insert(local);
        assert_eq!(a, b);
        assert_eq!(a.fields["names"].writes.len(), 1);
        assert_eq!(a.fields["names"].writes[0].effective, Some(Hlc::new(45, 0)));
    }

    #[test]
    fn compact_keeps_what_a_person_sees() {
        let a = w(10, 1, "names", 1, None);
        let b = w(20, 2, "names", 2, Some(a.id));
        let c = w(21, 3, "names", 3, Some(a.id));
        let mut s = RecordState::default();
        for x in [a, b, c] {
            s.insert(x);
        }
        let compact = s.compact();
        assert_eq!(compact.fields["names"].writes.len(), 2);
        assert_eq!(compact.visible(), s.visible());
    }

    fn arb_write() -> impl Strategy<Value = Write<Val>> {
        (
            0u64..6,
            1u8..4,
            prop::sample::select(vec!["names", "phone"]),
            0u8..3,
            prop::option::of((0u64..6, 1u8..4)),
            prop::option::of(0u64..8),
        )
            .prop_map(|(ms, d, f, v, base, eff)| Write {
                id: id(ms, d),
                effective: eff.map(|e| Hlc::new(e, 0)),
                base: base.map(|(m, d)| id(m, d)),
                region: dev(100 + (ms % 2) as u8),
                value: Val(f, v),
            })
    }

    fn state_of(ws: &[Write<Val>]) -> RecordState<Val> {
        let mut s = RecordState::default();
        for w in ws {
            s.insert(w.clone());
        }
        s
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in prop::collection::vec(arb_write(), 0..12),
                                b in prop::collection::vec(arb_write(), 0..12)) {
            let (sa, sb) = (state_of(&a), state_of(&b));
            let mut ab = sa.clone();
            ab.merge(&sb);
            let mut ba = sb.clone();
            ba.merge(&sa);
            prop_assert_eq!(ab, ba);
        }

        #[test]
        fn merge_is_associative(a in prop::collection::vec(arb_write(), 0..10),
                                b in prop::collection::vec(arb_write(), 0..10),
                                c in prop::collection::vec(arb_write(), 0..10)) {
            let (sa, sb, sc) = (state_of(&a), state_of(&b), state_of(&c));
            let mut left = sa.clone();
            left.merge(&sb);
            left.merge(&sc);
            let mut bc = sb.clone();
            bc.merge(&sc);
            let mut right = sa.clone();
            right.merge(&bc);
            prop_assert_eq!(left, right);
        }

        #[test]
        fn merge_is_idempotent(a in prop::collection::vec(arb_write(), 0..12)) {
            let sa = state_of(&a);
            let mut twice = sa.clone();
            twice.merge(&sa);
            prop_assert_eq!(twice, sa);
        }

        #[test]
        fn insertion_order_and_duplicates_do_not_matter(
            a in prop::collection::vec(arb_write(), 0..12),
            perm in prop::collection::vec(any::<prop::sample::Index>(), 0..24),
        ) {
            let mut shuffled: Vec<Write<Val>> = a.clone();
            for (i, ix) in perm.iter().enumerate() {
                let j = ix.index(shuffled.len().max(1));
                if !shuffled.is_empty() {
                    let k = i % shuffled.len();
                    shuffled.swap(k, j);
                }
            }
            // Duplicates: deliver some writes twice.
            let dupes: Vec<Write<Val>> = perm.iter().filter(|_| !a.is_empty()).map(|ix| a[ix.index(a.len())].clone()).collect();
            shuffled.extend(dupes);
            prop_assert_eq!(state_of(&shuffled), state_of(&a));
        }

        #[test]
        fn compact_does_not_change_what_is_seen(a in prop::collection::vec(arb_write(), 0..12)) {
            let s = state_of(&a);
            prop_assert_eq!(s.compact().visible(), s.visible());
        }
    }
}
