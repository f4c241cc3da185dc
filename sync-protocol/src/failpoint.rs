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
