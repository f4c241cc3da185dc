//! Back-off of failed logins (pure): per account and per address, so that guessing a
//! password costs hours instead of seconds, and one address cannot try every account.
//!
//! Each key (an account name, an address) may fail a few times freely. After that each
//! further failure blocks the key for a time that doubles, up to a ceiling; an attempt
//! while blocked is refused without looking at the password (so it costs the server no
//! password hash either). A success clears the account's count, not the address's (an
//! attacker who knows one password must not reset the address that guesses the others).
//! A key with no failure for an hour starts afresh: an office whose officers share one
//! address mistype a password now and then, and a count that only grew would end by
//! locking them all out. At most [`MAX_KEYS`] are kept: memory stays bounded whatever is
//! sent.

use std::collections::HashMap;

/// At most this many keys are remembered; the oldest are forgotten first.
pub const MAX_KEYS: usize = 100_000;
const FORGET_MS: u64 = 3_600_000;

/// How one kind of key backs off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures allowed before the first block.
    pub free: u32,
    /// The first block; each further failure doubles it.
    pub first_ms: u64,
    /// The longest block.
    pub max_ms: u64,
}

impl Policy {
    /// An account: 5 failures, then 1 s doubling up to 15 minutes.
    pub const ACCOUNT: Self = Self {
        free: 5,
        first_ms: 1_000,
        max_ms: 15 * 60_000,
    };
    /// An address (many officers may share one office's): 20 failures, then 1 s doubling
    /// up to 15 minutes.
    pub const ADDRESS: Self = Self {
        free: 20,
        first_ms: 1_000,
        max_ms: 15 * 60_000,
    };

    fn block_ms(&self, failures: u32) -> u64 {
        if failures <= self.free {
            return 0;
        }
        let doublings = (failures - self.free - 1).min(40);
        self.first_ms
            .saturating_mul(1 << doublings)
            .min(self.max_ms)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    failures: u32,
    last_ms: u64,
    blocked_until_ms: u64,
}

/// The failures of one kind of key.
#[derive(Debug)]
pub struct Throttle {
    policy: Policy,
    keys: HashMap<String, Entry>,
}

impl Throttle {
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            keys: HashMap::new(),
        }
    }

    /// `Some(ms to wait)` while `key` is blocked at `now_ms`.
    pub fn blocked(&self, key: &str, now_ms: u64) -> Option<u64> {
        let e = self.keys.get(key)?;
        (e.blocked_until_ms > now_ms).then(|| e.blocked_until_ms - now_ms)
    }

    /// Counts a failure; `Some(ms)` when the key is now blocked for that long.
    pub fn failed(&mut self, key: &str, now_ms: u64) -> Option<u64> {
        if self.keys.len() >= MAX_KEYS && !self.keys.contains_key(key) {
            self.forget(now_ms);
        }
        let e = self.keys.entry(key.to_string()).or_default();
        if now_ms.saturating_sub(e.last_ms) > FORGET_MS {
            *e = Entry::default();
        }
        e.failures = e.failures.saturating_add(1);
        e.last_ms = now_ms;
        let block = self.policy.block_ms(e.failures);
        e.blocked_until_ms = now_ms.saturating_add(block);
        (block > 0).then_some(block)
    }

    /// Clears a key (a successful login of that account).
    pub fn succeeded(&mut self, key: &str) {
        self.keys.remove(key);
    }

    /// Drops the keys idle for an hour, and if that is not enough the older half.
    fn forget(&mut self, now_ms: u64) {
        self.keys
            .retain(|_, e| now_ms.saturating_sub(e.last_ms) <= FORGET_MS);
        if self.keys.len() >= MAX_KEYS {
            let mut ages: Vec<u64> = self.keys.values().map(|e| e.last_ms).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            self.keys.retain(|_, e| e.last_ms > cut);
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_few_failures_are_free_then_blocks_double_to_a_ceiling() {
        let mut t = Throttle::new(Policy::ACCOUNT);
        for i in 0..5 {
            assert_eq!(t.failed("esi", i), None, "failure {i} is free");
            assert_eq!(t.blocked("esi", i), None);
        }
        assert_eq!(t.failed("esi", 10), Some(1_000));
        assert_eq!(t.blocked("esi", 10), Some(1_000));
        assert_eq!(t.blocked("esi", 600), Some(410));
        assert_eq!(t.blocked("esi", 1_010), None, "the block ends");
        assert_eq!(t.failed("esi", 2_000), Some(2_000));
        assert_eq!(t.failed("esi", 5_000), Some(4_000));
        for i in 0..30 {
            t.failed("esi", 10_000 + i);
        }
        assert_eq!(t.blocked("esi", 10_029), Some(15 * 60_000), "the ceiling");
        // Other keys are untouched; a success clears the key.
        assert_eq!(t.blocked("kofi", 10_030), None);
        t.succeeded("esi");
        assert_eq!(t.blocked("esi", 10_030), None);
        assert_eq!(t.failed("esi", 10_031), None);
    }

    #[test]
    fn an_hour_without_failure_starts_afresh() {
        let mut t = Throttle::new(Policy::ACCOUNT);
        for i in 0..6 {
            t.failed("esi", i);
        }
        assert!(t.blocked("esi", 6).is_some());
        let later = 6 + FORGET_MS + 1;
        assert_eq!(t.failed("esi", later), None, "counted afresh");
    }

    proptest! {
        /// Whatever keys arrive, at most MAX_KEYS are kept (checked on a small scale by
        /// the same rule), and a key blocked is never blocked longer than the ceiling.
        #[test]
        fn blocks_are_bounded(failures in prop::collection::vec((0u8..4, 0u64..10_000), 0..200)) {
            let mut t = Throttle::new(Policy::ACCOUNT);
            let mut now = 0;
            for (k, dt) in failures {
                now += dt;
                let key = format!("k{k}");
                if let Some(ms) = t.failed(&key, now) {
                    prop_assert!(ms <= Policy::ACCOUNT.max_ms);
                }
                prop_assert!(t.blocked(&key, now).unwrap_or(0) <= Policy::ACCOUNT.max_ms);
            }
            prop_assert!(t.len() <= 4);
        }
    }

    #[test]
    fn memory_stays_bounded() {
        let mut t = Throttle::new(Policy::ADDRESS);
        for i in 0..(MAX_KEYS as u64 + 10) {
            t.failed(&format!("addr-{i}"), i);
        }
        assert!(t.len() <= MAX_KEYS);
    }
}
