//! The demo's seeded pseudo-random numbers: SplitMix64 and the few distributions the season
//! needs.
//!
//! SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
//! OOPSLA 2014): the state advances by a fixed odd constant and each output is the state
//! through a 64-bit mixing function. Written out here rather than taken from a crate so
//! that the stream, and with it every record of a demo season, is fixed by this file alone:
//! the same seed gives the same season whatever crate versions the lock file holds.
//! Not for anything secret.

use uuid::Uuid;

pub struct Rng(u64);

impl Rng {
    /// A stream for one purpose (`"licences GHA"`): the seed mixed with a hash of the label,
    /// so that drawing more numbers for one purpose leaves every other stream unchanged.
    pub fn new(seed: u64, stream: &str) -> Self {
        // FNV-1a over the label, then one SplitMix step to spread it.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in stream.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut r = Self(seed ^ h);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform integer in [lo, hi], both inclusive.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        let span = (hi - lo) as u64 + 1;
        lo + (self.next_u64() % span) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Standard normal, by Box-Muller (one of the pair is dropped: simplicity over speed).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit(); // in (0, 1], so the logarithm is finite
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Poisson with mean `lambda` (Knuth's product method; the means here are small).
    pub fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda <= 0.0 {
            return 0;
        }
        let limit = (-lambda).exp();
        let mut k = 0;
        let mut p = self.unit();
        while p > limit && k < 1_000 {
            k += 1;
            p *= self.unit();
        }
        k
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }

    /// An index drawn with probability proportional to `weights`.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// A record id that follows from the seed, a label and a number (a UUIDv7 in form, as the
/// protocol requires, but with digest bits where the clock's would be), so that a season's
/// records keep their ids from one run to the next.
pub fn record_id(seed: u64, label: &str, n: u64) -> Uuid {
    let d =
        sync_protocol::batch::Digest::of(format!("placer demo\0{seed}\0{label}\0{n}").as_bytes());
    let bytes: [u8; 16] = d.0[..16].try_into().expect("16 of 32 bytes");
    uuid::Builder::from_bytes(bytes)
        .with_version(uuid::Version::SortRand)
        .with_variant(uuid::Variant::RFC4122)
        .into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_repeat_and_differ() {
        let draw = |seed, s| {
            let mut r = Rng::new(seed, s);
            (0..5).map(|_| r.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7, "a"), draw(7, "a"));
        assert_ne!(draw(7, "a"), draw(7, "b"));
        assert_ne!(draw(7, "a"), draw(8, "a"));
        assert_eq!(record_id(7, "miner", 1), record_id(7, "miner", 1));
        assert_ne!(record_id(7, "miner", 1), record_id(7, "miner", 2));
    }

    #[test]
    fn distributions_have_their_means() {
        let mut r = Rng::new(1, "means");
        let n = 20_000;
        let normal: f64 = (0..n).map(|_| r.normal()).sum::<f64>() / n as f64;
        assert!(normal.abs() < 0.05, "{normal}");
        let poisson: f64 = (0..n).map(|_| f64::from(r.poisson(3.0))).sum::<f64>() / n as f64;
        assert!((poisson - 3.0).abs() < 0.1, "{poisson}");
        assert!((0..n).all(|_| (2..=5).contains(&r.range(2, 5))));
    }
}
