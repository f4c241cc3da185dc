//! Hybrid logical clock: 48 bits of Unix milliseconds and a 16-bit counter in one `u64`.
//!
//! Pure: the wall clock is passed in, so the rules can be tested without sleeping. Ties
//! between equal stamps from different devices are broken by the device id (see
//! [`crate::merge::WriteId`]), never here.
//!
//! A device's clock may be wrong by years. The server therefore never lets a device stamp
//! move its own clock forward ([`Clock::tick`] only), and caps each op's effective stamp at
//! the server's time of receipt ([`effective_stamp`]). Devices, in turn, observe the server's
//! time at each sync ([`Clock::observe`]), which pulls a slow device clock forward.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};

const COUNTER_BITS: u32 = 16;
/// The last millisecond of the year 9999: stamps beyond it have no RFC 3339 form, so the
/// decoder refuses them (a device clock that far off is broken, not merely wrong).
pub const MAX_MS: u64 = 253_402_300_799_999;

/// One hybrid logical timestamp. Ordered as the `u64` it packs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc(u64);

impl Hlc {
    pub const ZERO: Hlc = Hlc(0);

    pub fn new(unix_ms: u64, counter: u16) -> Self {
        Self((unix_ms.min(MAX_MS) << COUNTER_BITS) | u64::from(counter))
    }
    pub fn from_raw(raw: u64) -> Self {
        Self(raw)
    }
    pub fn raw(self) -> u64 {
        self.0
    }
    pub fn unix_ms(self) -> u64 {
        self.0 >> COUNTER_BITS
    }
    pub fn counter(self) -> u16 {
        (self.0 & 0xFFFF) as u16
    }
    /// Milliseconds between two stamps' physical parts, signed.
    pub fn ms_since(self, earlier: Hlc) -> i64 {
        self.unix_ms() as i64 - earlier.unix_ms() as i64
    }
    /// The physical part, as people read a time: RFC 3339 in UTC, to the millisecond.
    pub fn rfc3339(self) -> String {
        let nanos = i128::from(self.unix_ms()) * 1_000_000;
        match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
            Ok(t) => t
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_else(|_| self.unix_ms().to_string()),
            Err(_) => self.unix_ms().to_string(),
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}+{}", self.rfc3339(), self.counter())
    }
}

impl std::str::FromStr for Hlc {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (ts, counter) = s.rsplit_once('+').ok_or("expected TIME+COUNTER")?;
        let t = time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339)
            .map_err(|e| format!("bad time {ts:?}: {e}"))?;
        let ms = u64::try_from(t.unix_timestamp_nanos() / 1_000_000)
            .map_err(|_| "time before 1970".to_string())?;
        if ms > MAX_MS {
            return Err("time too far in the future".into());
        }
        let counter: u16 = counter.parse().map_err(|e| format!("bad counter: {e}"))?;
        Ok(Hlc::new(ms, counter))
    }
}

/// Binary encodings carry the `u64`; JSON carries `"2026-11-28T13:55:10.123Z+0"`, which a
/// person can read and which survives JavaScript's 53-bit numbers.
impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.to_string())
        } else {
            s.serialize_u64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            s.parse().map_err(serde::de::Error::custom)
        } else {
            let raw = u64::deserialize(d)?;
            if raw >> COUNTER_BITS > MAX_MS {
                return Err(serde::de::Error::custom("bad stamp: after the year 9999"));
            }
            Ok(Hlc(raw))
        }
    }
}

/// The clock state of one node (a device or the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    pub fn starting_at(last: Hlc) -> Self {
        Self { last }
    }
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A new stamp, strictly after every stamp this clock has issued or observed.
    pub fn tick(&mut self, wall_ms: u64) -> Hlc {
        let wall = Hlc::new(wall_ms, 0);
        self.last = if wall > self.last {
            wall
        } else {
            Hlc(self.last.0 + 1)
        };
        self.last
    }

    /// Takes a remote stamp into account (a device learning the server's time), then ticks.
    pub fn observe(&mut self, remote: Hlc, wall_ms: u64) -> Hlc {
        if remote > self.last {
            self.last = remote;
        }
        self.tick(wall_ms)
    }
}

/// The stamp an op takes effect at: the device's stamp, but never later than the moment
/// the server received it. A device whose clock runs ahead therefore cannot win every
/// future conflict; one whose clock runs behind simply loses to newer edits.
pub fn effective_stamp(device_stamp: Hlc, received: Hlc) -> Hlc {
    device_stamp.min(received)
}

/// Milliseconds since the Unix epoch by the machine's clock.
pub fn wall_ms() -> u64 {
    real_wall_ms().saturating_add_signed(SIMULATED_OFFSET_MS.load(Ordering::Relaxed))
}

fn real_wall_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// How far [`wall_ms`] is shifted from the real clock: zero, except in a process that
/// replays a past season (`placer demo`), where the server and the handsets it runs then
/// all live at the simulated time, so that records are entered, sealed and received on
/// their days. Nothing else sets it.
static SIMULATED_OFFSET_MS: AtomicI64 = AtomicI64::new(0);

/// Makes [`wall_ms`] read `at` (ms since the epoch) from now on in this process, moving
/// with the real clock; `None` goes back to the real clock. Only for a simulation that owns
/// every clock of its process: a hybrid logical clock never goes back, so a simulation must
/// move forward only.
pub fn simulate_wall_clock(at: Option<u64>) {
    let offset = at.map_or(0, |t| t as i64 - real_wall_ms() as i64);
    SIMULATED_OFFSET_MS.store(offset, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tick_follows_the_wall_and_never_goes_back() {
        let mut c = Clock::default();
        let a = c.tick(1_000);
        assert_eq!(a, Hlc::new(1_000, 0));
        let b = c.tick(1_000);
        assert_eq!(b, Hlc::new(1_000, 1));
        let d = c.tick(500); // the wall went backwards
        assert!(d > b);
        assert_eq!(c.tick(2_000), Hlc::new(2_000, 0));
    }

    #[test]
    fn observe_moves_a_slow_clock_forward() {
        let mut device = Clock::default();
        device.tick(1_000);
        let server = Hlc::new(9_000, 3);
        let s = device.observe(server, 1_001);
        assert!(s > server);
        assert_eq!(s.unix_ms(), 9_000);
    }

    #[test]
    fn effective_stamp_is_capped_at_receipt() {
        let received = Hlc::new(5_000, 0);
        assert_eq!(
            effective_stamp(Hlc::new(4_000, 7), received),
            Hlc::new(4_000, 7)
        );
        assert_eq!(effective_stamp(Hlc::new(99_000_000, 0), received), received);
    }

    #[test]
    fn stamps_after_the_year_9999_do_not_decode() {
        let ok = crate::codec::encode(&Hlc::new(MAX_MS, 7)).unwrap();
        assert_eq!(
            crate::codec::decode::<Hlc>(&ok).unwrap(),
            Hlc::new(MAX_MS, 7)
        );
        let bad = crate::codec::encode(&((MAX_MS + 1) << COUNTER_BITS)).unwrap();
        assert!(matches!(
            crate::codec::decode::<Hlc>(&bad),
            Err(crate::ProtocolError::OutOfRange(_))
        ));
        assert_eq!(
            Hlc::new(u64::MAX, 0).unix_ms(),
            MAX_MS,
            "construction clamps"
        );
    }

    #[test]
    fn json_form_round_trips() {
        let h = Hlc::new(1_764_338_110_123, 42);
        let j = serde_json::to_string(&h).unwrap();
        assert_eq!(j, "\"2025-11-28T13:55:10.123Z+42\"");
        assert_eq!(serde_json::from_str::<Hlc>(&j).unwrap(), h);
    }

    proptest! {
        #[test]
        fn stamps_are_strictly_increasing(walls in proptest::collection::vec(0u64..10_000, 1..200),
                                          remotes in proptest::collection::vec(proptest::option::of(0u64..20_000), 1..200)) {
            let mut c = Clock::default();
            let mut prev = Hlc::ZERO;
            for (w, r) in walls.iter().zip(remotes.iter().cycle()) {
                let s = match r {
                    Some(r) => c.observe(Hlc::new(*r, 0), *w),
                    None => c.tick(*w),
                };
                prop_assert!(s > prev);
                prop_assert!(s.unix_ms() >= *w);
                prev = s;
            }
        }

        #[test]
        fn display_round_trips(ms in 0u64..4_000_000_000_000, counter: u16) {
            let h = Hlc::new(ms, counter);
            prop_assert_eq!(h.to_string().parse::<Hlc>().unwrap(), h);
        }
    }
}
