//! The pull index: for each region, which records changed at which change number.
//!
//! One sled entry per region per commit (a *chunk*), keyed `i | region | first change
//! number`, holding `(change number, record key)` pairs in increasing order. A batch of 500
//! new production records in one region therefore costs one index write, not 500: sled's
//! per-key insert cost bounds ingest (see BENCHMARKS.md).
//!
//! Every record appears in exactly one chunk, at its latest change: when a record changes
//! again, its pair is removed from its old chunk (and an emptied chunk is removed). So a
//! pull reads only the records of its regions changed since its cursor, once each, and its
//! cost grows with what is in scope, not with history.

use std::collections::VecDeque;

use uuid::Uuid;

use crate::error::Result;

/// Storage-key prefix of index chunks.
pub const PREFIX: u8 = b'i';
/// A record key without its one-byte prefix: collection tag and record id.
pub type RecordRef = [u8; 17];
const ENTRY: usize = 8 + 17;

pub fn chunk_key(region: Uuid, first_seq: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(25);
    k.push(PREFIX);
    k.extend_from_slice(region.as_bytes());
    k.extend_from_slice(&first_seq.to_be_bytes());
    k
}

pub fn encode(entries: &[(u64, RecordRef)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.len() * ENTRY);
    for (seq, r) in entries {
        out.extend_from_slice(&seq.to_be_bytes());
        out.extend_from_slice(r);
    }
    out
}

pub fn decode(bytes: &[u8]) -> Vec<(u64, RecordRef)> {
    bytes
        .chunks_exact(ENTRY)
        .map(|c| {
            let seq = u64::from_be_bytes(c[..8].try_into().expect("8 bytes"));
            let r: RecordRef = c[8..].try_into().expect("17 bytes");
            (seq, r)
        })
        .collect()
}

/// The chunk of `region` that holds change number `seq`, if any: the last chunk whose
/// first change number is not above `seq`.
pub fn chunk_holding(
    tree: &sled::Tree,
    region: Uuid,
    seq: u64,
) -> Result<Option<(sled::IVec, sled::IVec)>> {
    Ok(tree
        .range(chunk_key(region, 0)..=chunk_key(region, seq))
        .next_back()
        .transpose()?)
}

/// The pairs of one region after a cursor, in change order.
pub struct RegionScan {
    chunks: sled::Iter,
    current: VecDeque<(u64, RecordRef)>,
    after: u64,
}

impl RegionScan {
    pub fn new(tree: &sled::Tree, region: Uuid, after: u64) -> Result<Self> {
        let next = after.saturating_add(1);
        // The chunk holding the next change may have started before it.
        let start = match chunk_holding(tree, region, next)? {
            Some((key, _)) => key.to_vec(),
            None => chunk_key(region, next),
        };
        Ok(Self {
            chunks: tree.range(start..=chunk_key(region, u64::MAX)),
            current: VecDeque::new(),
            after,
        })
    }

    /// The next pair's change number, without taking it.
    pub fn peek(&mut self) -> Result<Option<u64>> {
        loop {
            while let Some(&(seq, _)) = self.current.front() {
                if seq > self.after {
                    return Ok(Some(seq));
                }
                self.current.pop_front();
            }
            match self.chunks.next() {
                Some(item) => self.current = decode(&item?.1).into(),
                None => return Ok(None),
            }
        }
    }

    pub fn take(&mut self) -> Result<Option<(u64, RecordRef)>> {
        Ok(match self.peek()? {
            Some(_) => self.current.pop_front(),
            None => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: u8) -> RecordRef {
        [n; 17]
    }

    #[test]
    fn chunks_round_trip() {
        let e = vec![(3, r(1)), (9, r(2))];
        assert_eq!(decode(&encode(&e)), e);
    }

    #[test]
    fn a_scan_starts_inside_the_chunk_holding_the_cursor() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::open(dir.path()).unwrap();
        let tree = db.open_tree("t").unwrap();
        let region = Uuid::from_u128(7);
        let other = Uuid::from_u128(8);
        tree.insert(
            chunk_key(region, 1),
            encode(&[(1, r(1)), (2, r(2)), (4, r(4))]),
        )
        .unwrap();
        tree.insert(chunk_key(other, 3), encode(&[(3, r(3))]))
            .unwrap();
        tree.insert(chunk_key(region, 5), encode(&[(5, r(5)), (6, r(6))]))
            .unwrap();
        let all = |after| {
            let mut s = RegionScan::new(&tree, region, after).unwrap();
            let mut out = Vec::new();
            while let Some((seq, _)) = s.take().unwrap() {
                out.push(seq);
            }
            out
        };
        assert_eq!(all(0), vec![1, 2, 4, 5, 6]);
        assert_eq!(all(1), vec![2, 4, 5, 6]);
        assert_eq!(all(3), vec![4, 5, 6]);
        assert_eq!(all(4), vec![5, 6]);
        assert_eq!(all(6), Vec::<u64>::new());
        let mut s = RegionScan::new(&tree, other, 0).unwrap();
        assert_eq!(s.take().unwrap(), Some((3, r(3))));
        assert_eq!(s.take().unwrap(), None);
    }
}
