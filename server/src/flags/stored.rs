//! A flag as kept: what the rules found, where, and everything that happened to it since
//! (raised, updated, closed, reopened, resolved by an officer).

use serde::{Deserialize, Serialize};
use sync_protocol::clock::Hlc;
use uuid::Uuid;

/// A red flag as stored: what the rules found, where, and everything that happened to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFlag {
    pub key: super::FlagKey,
    pub severity: super::Severity,
    /// The region of the flagged record (or the device's first region).
    pub region: Option<Uuid>,
    pub records: Vec<Uuid>,
    /// The finding's evidence, as JSON text (the binary codec cannot hold free JSON).
    pub evidence: String,
    pub summary: String,
    pub state: FlagState,
    pub raised_at: Hlc,
    pub updated_at: Hlc,
    pub history: Vec<FlagEvent>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagState {
    /// Raised, waiting for review.
    Open,
    /// An officer judged it, with a note; it stays so while its cause persists.
    Resolved,
    /// Its cause disappeared (a correction, a void); closed automatically with the reason.
    Closed,
}

impl FlagState {
    /// Open and resolved flags are live: re-evaluation keeps them.
    pub fn is_live(self) -> bool {
        matches!(self, FlagState::Open | FlagState::Resolved)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagEvent {
    pub at: Hlc,
    pub event: FlagEventKind,
    pub by: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagEventKind {
    Raised,
    Updated,
    Closed,
    Reopened,
    Resolved,
}
