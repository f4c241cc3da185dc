//! Crash points for the crash tests: `PLACER_FAILPOINT=name` makes the process abort, as
//! abruptly as `kill -9`, the first time it reaches the point of that name.
//!
//! The tests use them to stop a real server or device between two steps that must be
//! atomic or ordered (after the batch log's sync, before the acknowledgement), which a
//! timed `kill` cannot hit reliably. Unset, a failpoint is one comparison.

use std::sync::OnceLock;

/// Aborts the process if `PLACER_FAILPOINT` names this point.
pub fn hit(name: &str) {
    static SET: OnceLock<Option<String>> = OnceLock::new();
    let set = SET.get_or_init(|| std::env::var("PLACER_FAILPOINT").ok());
    if set.as_deref() == Some(name) {
        eprintln!("failpoint {name}: aborting");
        std::process::abort();
    }
}

/// An I/O error instead of the operation, every time the process reaches the point of this
/// name once `PLACER_FAILPOINT` names it: a disk that fails a write or an `fsync`.
/// `PLACER_FAILPOINT_AFTER=N` lets the first N passes succeed, so that a test can have some
/// work acknowledged before the failure.
pub fn io_error(name: &str) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SET: OnceLock<Option<(String, u64)>> = OnceLock::new();
    static PASSES: AtomicU64 = AtomicU64::new(0);
    let set = SET.get_or_init(|| {
        let name = std::env::var("PLACER_FAILPOINT").ok()?;
        let after = std::env::var("PLACER_FAILPOINT_AFTER")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        Some((name, after))
    });
    match set {
        Some((n, after)) if n == name => {
            if PASSES.fetch_add(1, Ordering::SeqCst) < *after {
                return Ok(());
            }
            eprintln!("failpoint {name}: failing with an I/O error");
            Err(std::io::Error::other(format!("failpoint {name}")))
        }
        _ => Ok(()),
    }
}
