//! What an operator runs on a data directory beside (or instead of) the server: checking
//! the batch log end to end, repairing a damaged one, backing it up and restoring it. These
//! work on files (the log, and the derived state moved aside), never through [`crate::core`],
//! because they are for the moments when the server cannot or should not start.

pub mod backup;
pub mod repair;
pub mod verify;
