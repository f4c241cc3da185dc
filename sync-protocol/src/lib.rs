//! What a Placer device and the Placer server share: the records, the ops that change
//! them, the hybrid logical clock, the merge, the binary and JSON encodings, batch sealing
//! and signing, and the device-side client that keeps an outbox and syncs.
//!
//! # Layout
//! - [`values`]: validated newtypes (coordinates, carats in hundredths, US$ in cents, names).
//! - [`records`]: miner, licence, production, sale, export, region; field enums and views.
//! - [`clock`]: the hybrid logical clock and the server's cap on effective stamps.
//! - [`merge`]: field-level last-writer-wins as a pure join; conflicts.
//! - [`op`]: ops and how one applies to a record's state.
//! - [`personal`]: a person's values sealed on the handset, opened apart, erasable.
//! - [`codec`]: the version byte and bincode, strict decoding. The only module naming bincode.
//! - [`dense`]: the dense form of a pull page (encoding version 2): id tables, field numbers.
//! - [`batch`]: batches, the signed envelope, Ed25519 keys, SHA-256 chain links.
//! - [`api`]: request and response types of the sync API, error codes.
//! - [`client`]: the device side: a sled outbox, sealing, sending until acknowledged, pulling.
//! - [`sled_repair`]: opening a sled directory a kill left with an unfinished snapshot.
//!
//! This crate has no HTTP server and knows nothing of the server's storage. Its only
//! network code is the optional HTTP transport of the client (feature `http`).

pub mod api;
pub mod batch;
pub mod client;
pub mod clock;
pub mod codec;
pub mod dense;
pub mod error;
pub mod failpoint;
pub mod merge;
pub mod op;
pub mod personal;
pub mod photo;
pub mod records;
pub mod sled_repair;
pub mod values;

pub use error::{ProtocolError, ValueError};
