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

/// Whether the point of this name is armed now: `PLACER_FAILPOINT` names it, and it has
/// been passed exactly `PLACER_FAILPOINT_AFTER` times before (default 0). So it fires once,
/// after some work has succeeded, and what comes after it shows how the process recovers.
fn armed(name: &str) -> bool {
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
        Some((n, after)) if n == name => PASSES.fetch_add(1, Ordering::SeqCst) == *after,
        _ => false,
    }
}

/// An I/O error instead of the operation when the point is armed: a disk that fails a
/// write or an `fsync`.
pub fn io_error(name: &str) -> std::io::Result<()> {
    if armed(name) {
        eprintln!("failpoint {name}: failing with an I/O error");
        return Err(std::io::Error::other(format!("failpoint {name}")));
    }
    Ok(())
}

/// A panic when the point is armed: a bug in code that must not take the process down.
pub fn panic_here(name: &str) {
    if armed(name) {
        panic!("failpoint {name}");
    }
}
