//! Reading a segment's bytes back as frames, and telling a torn tail from damage. Pure: it
//! sees a byte slice, never a file, so every case is tested without a disk.
//!
//! A frame is `[payload length: u32 LE][CRC-32 of payload: u32 LE][payload]`; a payload is
//! never empty.
//!
//! # Torn or damaged
//! Nothing is acknowledged before the log's `fdatasync` returns, so what a crash can leave
//! half-written is only the end of the last segment, written since the last sync. On a disk
//! that writes whole sectors, that leaves the file cut short, or its last sectors never
//! written (they read as zeros). So the first frame that does not check out is a **torn
//! tail**, safe to cut, only when it is in the last segment, nothing after it checks out,
//! and one of these holds:
//! - the header is cut short, or the payload runs past the end of the file while the bytes
//!   that are there do not check out as the whole frame under its CRC;
//! - the file is zeros from inside the frame to its end, the zeros starting at a sector
//!   boundary or at the frame itself.
//!
//! Anything else is **damage**: a frame in an older segment, a bad frame with intact frames
//! after it, a final frame written whole (no zeros) whose bytes no longer match its CRC, or
//! one whose length field was hit (its bytes to the end of the file match its CRC). The disk
//! changed what it had confirmed, and cutting there could drop acknowledged batches.
//!
//! Weak spot, accepted: a crash whose sectors reach the disk out of order could leave an
//! intact frame after a torn one. That is reported as damage, the server does not start,
//! and `placer admin repair-log` keeps every intact frame: nothing acknowledged is lost, an
//! operator is only asked to look.

/// Bytes before each payload: its length and its CRC.
pub const FRAME_HEADER: usize = 8;
/// No payload may be larger than this (a push body is capped well below it).
pub const MAX_ENTRY: usize = 64 * 1024 * 1024;
/// The unit a disk writes whole; a torn write leaves whole sectors unwritten.
pub const SECTOR: usize = 512;

/// One frame that checks out: where it starts and its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame<'a> {
    pub offset: u64,
    pub payload: &'a [u8],
}

impl Frame<'_> {
    pub fn end(&self) -> u64 {
        self.offset + (FRAME_HEADER + self.payload.len()) as u64
    }
}

/// How a segment's frames end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The last frame ends exactly at the end of the file.
    Clean,
    /// A crash's torn write from `at` to the end of the file: nothing there was ever
    /// acknowledged.
    Torn { at: u64 },
    /// The disk changed bytes it had confirmed.
    Damaged(Damage),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// Where the first frame that does not check out starts.
    pub at: u64,
    /// What is wrong there, for a person.
    pub what: String,
    /// Intact frames found after the damage.
    pub intact_after: u64,
}

/// The intact prefix of a segment and how it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan<'a> {
    pub frames: Vec<Frame<'a>>,
    pub end: End,
}

/// Why one frame does not check out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bad {
    /// Fewer than a header's bytes are left.
    ShortHeader,
    /// A length of zero or over [`MAX_ENTRY`].
    ImpossibleLength(usize),
    /// The payload runs past the end of the data.
    ShortPayload(usize),
    /// The payload does not match its CRC.
    Crc(usize),
}

fn header(data: &[u8], at: usize) -> Option<(usize, u32)> {
    let h = data.get(at..at.checked_add(FRAME_HEADER)?)?;
    let len = u32::from_le_bytes([h[0], h[1], h[2], h[3]]) as usize;
    let crc = u32::from_le_bytes([h[4], h[5], h[6], h[7]]);
    Some((len, crc))
}

/// The frame starting at `at`, if it checks out.
fn frame_at(data: &[u8], at: usize) -> Result<Frame<'_>, Bad> {
    let (len, crc) = header(data, at).ok_or(Bad::ShortHeader)?;
    if len == 0 || len > MAX_ENTRY {
        return Err(Bad::ImpossibleLength(len));
    }
    let start = at + FRAME_HEADER;
    let payload = data.get(start..start + len).ok_or(Bad::ShortPayload(len))?;
    if crc32fast::hash(payload) != crc {
        return Err(Bad::Crc(len));
    }
    Ok(Frame {
        offset: at as u64,
        payload,
    })
}

/// The frames from `at` on until one does not check out: the frames, where they stop and,
/// unless that is the end of the data, what is wrong there.
fn run_from(data: &[u8], mut at: usize) -> (Vec<Frame<'_>>, usize, Option<Bad>) {
    let mut frames = Vec::new();
    while at < data.len() {
        match frame_at(data, at) {
            Ok(f) => {
                at = f.end() as usize;
                frames.push(f);
            }
            Err(bad) => return (frames, at, Some(bad)),
        }
    }
    (frames, at, None)
}

/// The first offset after `from` where frames start again: a frame that checks out and is
/// followed by the end of the data or by another frame that checks out. Requiring the
/// second makes a chance CRC match inside damaged bytes (one in 2^32 per place tried)
/// practically impossible to take for a frame.
pub fn resync(data: &[u8], from: usize) -> Option<usize> {
    (from..data.len().saturating_sub(FRAME_HEADER)).find(|&at| match frame_at(data, at) {
        Ok(f) => {
            let end = f.end() as usize;
            end == data.len() || frame_at(data, end).is_ok()
        }
        Err(_) => false,
    })
}

/// Every intact frame of a segment, however many damaged stretches lie between them, and
/// the byte ranges that are not part of any: what `repair-log` keeps and what it sets aside.
pub fn salvage(data: &[u8]) -> (Vec<Frame<'_>>, Vec<std::ops::Range<u64>>) {
    let mut frames = Vec::new();
    let mut lost = Vec::new();
    let mut at = 0usize;
    while at < data.len() {
        let (run, stop, bad) = run_from(data, at);
        frames.extend(run);
        if bad.is_none() {
            break;
        }
        let next = resync(data, stop + 1).unwrap_or(data.len());
        lost.push(stop as u64..next as u64);
        at = next;
    }
    (frames, lost)
}

/// Reads a segment: its intact prefix and how it ends. `last` says whether this is the
/// last segment, the only one a crash can have left torn.
pub fn scan(data: &[u8], last: bool) -> Scan<'_> {
    let (frames, at, bad) = run_from(data, 0);
    let end = match bad {
        None => End::Clean,
        Some(bad) => classify(data, at, bad, last),
    };
    Scan { frames, end }
}

/// How a segment ends whose frame at `at` does not check out for `bad`.
fn classify(data: &[u8], at: usize, bad: Bad, last: bool) -> End {
    // The bad frame starts the slice, so salvage counts only what follows it.
    let intact_after = salvage(&data[at..]).0.len() as u64;
    let damaged = |what: String| {
        End::Damaged(Damage {
            at: at as u64,
            what,
            intact_after,
        })
    };
    if !last {
        return damaged(format!(
            "{}, in a segment that is not the last",
            describe(bad)
        ));
    }
    if intact_after > 0 {
        return damaged(format!(
            "{}, with {intact_after} intact frame(s) after it",
            describe(bad)
        ));
    }
    let zeros_from = data.len() - data.iter().rev().take_while(|b| **b == 0).count();
    let zeros_reach = |frame_end: usize| {
        let boundary = zeros_from.div_ceil(SECTOR) * SECTOR;
        zeros_from <= at || (boundary >= at && boundary < frame_end.min(data.len()))
    };
    match bad {
        Bad::ShortHeader => End::Torn { at: at as u64 },
        Bad::ShortPayload(_) => {
            let (_, crc) = header(data, at).unwrap_or((0, 0));
            if crc32fast::hash(&data[at + FRAME_HEADER..]) == crc {
                damaged("the frame's length field is damaged (its bytes to the end of the file match its checksum)".into())
            } else {
                End::Torn { at: at as u64 }
            }
        }
        Bad::ImpossibleLength(_) if zeros_reach(data.len()) => End::Torn { at: at as u64 },
        Bad::Crc(len) if zeros_reach(at + FRAME_HEADER + len) => End::Torn { at: at as u64 },
        Bad::ImpossibleLength(_) | Bad::Crc(_) => damaged(format!(
            "{}; the final frame was written whole, then changed",
            describe(bad)
        )),
    }
}

fn describe(bad: Bad) -> String {
    match bad {
        Bad::ShortHeader => "the frame header is cut short".into(),
        Bad::ImpossibleLength(len) => {
            format!("the frame claims an impossible length of {len} bytes")
        }
        Bad::ShortPayload(len) => format!("the frame's {len}-byte payload runs past the end"),
        Bad::Crc(len) => format!("the frame's {len}-byte payload does not match its checksum"),
    }
}

/// One frame's bytes, as the writer lays them down.
pub fn encode_frame(payload: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A segment of frames with the given payload sizes, and each frame's offset.
    fn segment(sizes: &[usize]) -> (Vec<u8>, Vec<usize>) {
        let mut out = Vec::new();
        let mut offsets = Vec::new();
        for (i, &n) in sizes.iter().enumerate() {
            offsets.push(out.len());
            // Varied, non-zero bytes, as real entries are.
            let payload: Vec<u8> = (0..n).map(|j| (i * 31 + j * 7) as u8 | 1).collect();
            encode_frame(&payload, &mut out);
        }
        (out, offsets)
    }

    fn check(data: &[u8], last: bool, frames: usize, end: fn(&End) -> bool) {
        let s = scan(data, last);
        assert_eq!(s.frames.len(), frames, "{:?}", s.end);
        assert!(end(&s.end), "{:?}", s.end);
    }

    fn torn(e: &End) -> bool {
        matches!(e, End::Torn { .. })
    }
    fn damaged(e: &End) -> bool {
        matches!(e, End::Damaged(_))
    }

    #[test]
    fn whole_frames_end_clean() {
        let (data, _) = segment(&[10, 700, 3]);
        check(&data, true, 3, |e| *e == End::Clean);
        check(&[], true, 0, |e| *e == End::Clean);
    }

    #[test]
    fn a_frame_cut_short_is_a_torn_tail() {
        let (data, offsets) = segment(&[10, 700, 300]);
        for cut in [
            offsets[2] + 3,
            offsets[2] + 8,
            offsets[2] + 100,
            data.len() - 1,
        ] {
            check(&data[..cut], true, 2, torn);
        }
    }

    #[test]
    fn unwritten_final_sectors_are_a_torn_tail() {
        let (mut data, offsets) = segment(&[10, 2000]);
        // The second frame's sectors from the first boundary inside it never reached disk.
        let boundary = (offsets[1] + 9).div_ceil(SECTOR) * SECTOR;
        data[boundary..].fill(0);
        check(&data, true, 1, torn);
        // Nothing of the frame written at all, header included: zeros from the frame on.
        let (mut data, offsets) = segment(&[10, 2000]);
        data[offsets[1]..].fill(0);
        check(&data, true, 1, torn);
    }

    #[test]
    fn flipped_bytes_in_a_whole_final_frame_are_damage() {
        // What lost the newest acknowledged batch: four bytes flipped at the end.
        let (mut data, _) = segment(&[10, 700, 300]);
        let n = data.len();
        for b in &mut data[n - 4..] {
            *b ^= 0xFF;
        }
        check(&data, true, 2, damaged);
    }

    #[test]
    fn a_flipped_bit_mid_segment_is_damage_with_the_frames_after_it_counted() {
        let (mut data, offsets) = segment(&[10, 700, 300, 40, 50]);
        data[offsets[1] + 200] ^= 0x01;
        let s = scan(&data, true);
        assert_eq!(s.frames.len(), 1);
        match s.end {
            End::Damaged(d) => {
                assert_eq!(d.at, offsets[1] as u64);
                assert_eq!(d.intact_after, 3);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_damaged_length_field_of_the_final_frame_is_damage() {
        let (mut data, offsets) = segment(&[10, 700]);
        data[offsets[1] + 1] ^= 0x40; // the length grows past the end of the file
        check(&data, true, 1, damaged);
    }

    #[test]
    fn a_torn_tail_outside_the_last_segment_is_damage() {
        let (data, offsets) = segment(&[10, 700]);
        check(&data[..offsets[1] + 20], false, 1, damaged);
    }

    #[test]
    fn salvage_keeps_every_intact_frame_around_damage() {
        let (mut data, offsets) = segment(&[10, 700, 300, 40, 50, 60]);
        data[offsets[1] + 50] ^= 0x10;
        data[offsets[4] + 2] ^= 0x01; // a length field
        let (frames, lost) = salvage(&data);
        let kept: Vec<u64> = frames.iter().map(|f| f.offset).collect();
        assert_eq!(
            kept,
            [0, 2, 3, 5].map(|i| offsets[i] as u64).to_vec(),
            "{lost:?}"
        );
        assert_eq!(
            lost,
            vec![
                offsets[1] as u64..offsets[2] as u64,
                offsets[4] as u64..offsets[5] as u64
            ]
        );
    }

    proptest! {
        /// Whatever the crash cuts off the end, the frames before the cut are kept and
        /// the rest is a torn tail: never damage, never a lost whole frame.
        #[test]
        fn any_cut_is_torn_and_keeps_the_whole_frames(
            sizes in proptest::collection::vec(1usize..1500, 1..8),
            cut in 0.0f64..1.0,
        ) {
            let (data, offsets) = segment(&sizes);
            let at = ((data.len() as f64) * cut) as usize;
            let whole = offsets.iter().zip(sizes.iter())
                .filter(|(o, n)| *o + FRAME_HEADER + *n <= at).count();
            let s = scan(&data[..at], true);
            prop_assert_eq!(s.frames.len(), whole);
            prop_assert!(matches!(s.end, End::Clean | End::Torn { .. }), "{:?}", s.end);
        }

        /// Any one byte changed inside a segment is never taken for a torn tail, and
        /// salvage finds every frame it did not touch.
        #[test]
        fn any_changed_byte_is_damage_and_salvage_keeps_the_rest(
            sizes in proptest::collection::vec(1usize..1500, 2..8),
            pick in 0.0f64..1.0,
            flip in 1u8..=255,
        ) {
            let (mut data, offsets) = segment(&sizes);
            let at = ((data.len() as f64) * pick) as usize % data.len();
            data[at] ^= flip;
            let hit = offsets.iter().rposition(|o| *o <= at).unwrap_or(0);
            let s = scan(&data, true);
            prop_assert!(matches!(s.end, End::Damaged(_)), "{:?}", s.end);
            prop_assert_eq!(s.frames.len(), hit);
            let (frames, _) = salvage(&data);
            let kept: Vec<usize> = frames.iter().map(|f| f.offset as usize).collect();
            let untouched: Vec<usize> = offsets.iter().enumerate()
                .filter(|(i, _)| *i != hit).map(|(_, o)| *o).collect();
            prop_assert_eq!(kept, untouched);
        }
    }
}
