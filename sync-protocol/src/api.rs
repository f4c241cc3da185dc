//! Requests and responses of the sync API, shared by the server and the device client.
//!
//! Every type here has two forms: the binary one ([`crate::codec`], content type
//! [`BINARY`]) for devices on slow links, and JSON for people and other clients. Errors
//! are always JSON ([`ErrorBody`]). `sync-protocol/PROTOCOL.md` documents each endpoint.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::batch::{Digest, PublicKey};
use crate::clock::Hlc;
use crate::records::{AnyRecord, Collection};

/// Content type of the binary encoding.
pub const BINARY: &str = "application/x-placer";
/// Response header carrying the server's clock on every response.
pub const SERVER_TIME_HEADER: &str = "placer-server-time";

pub const PATH_ENROL: &str = "/v1/devices/enrol";
pub const PATH_PUSH: &str = "/v1/sync/push";
pub const PATH_PULL: &str = "/v1/sync/pull";
pub const PATH_ACK: &str = "/v1/sync/ack";
pub const PATH_OPEN: &str = "/v1/sync/open";
pub const PATH_PHOTO: &str = "/v1/sync/photo";
pub const PATH_NOTES: &str = "/v1/sync/notes";

/// `POST /v1/devices/enrol`: a device presents its one-time code and public key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    pub code: String,
    pub public_key: PublicKey,
    /// A label for people: the handset's model or serial number.
    pub label: String,
}

/// The answer to an enrolment: who the device is and what it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enrolment {
    pub device: Uuid,
    pub agent: String,
    pub regions: Vec<Uuid>,
    pub server_time: Hlc,
}

/// The acknowledgement of a pushed batch. Identical every time the same batch is pushed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushAck {
    pub device: Uuid,
    pub seq: u64,
    /// SHA-256 of the batch's sealed bytes.
    pub digest: Digest,
    /// The server's clock when it received the batch; no op of the batch takes effect later.
    pub received: Hlc,
    pub ops: u32,
}

/// The signed body of `POST /v1/sync/pull`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    pub device: Uuid,
    /// Strictly increasing per device: a request seen before is refused as a replay.
    pub nonce: u64,
    /// The last change sequence number the device has applied; 0 for a first sync.
    pub cursor: u64,
    /// The regions wanted; empty means every region the device serves.
    pub regions: Vec<Uuid>,
    /// At most this many changes per page (the server caps it).
    pub limit: u32,
}

/// The signed body of `POST /v1/sync/ack`: "did you accept my batch `seq`?", asked before
/// sending a batch again whose acknowledgement was lost, so that a batch the server holds
/// is never sent twice over a slow link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AckRequest {
    pub device: Uuid,
    /// The same sequence as [`PullRequest::nonce`]: strictly increasing per device.
    pub nonce: u64,
    pub seq: u64,
}

/// The openings of personal values this device sealed ([`crate::personal`]), sent once
/// the batches that signed their digests are acknowledged. Signed like a pull.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenRequest {
    pub device: Uuid,
    /// The same sequence as [`PullRequest::nonce`]: strictly increasing per device.
    pub nonce: u64,
    /// At most [`MAX_OPENINGS`].
    pub openings: Vec<crate::personal::Opening>,
}

/// The most openings one [`OpenRequest`] may hold.
pub const MAX_OPENINGS: usize = 5_000;

/// What the server did with an [`OpenRequest`]'s openings. The device forgets every
/// opening except the `waiting` ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenAck {
    /// Openings of values the server now holds open (or held open already).
    pub opened: u32,
    /// Openings of values erased at the ministry: the server dropped them.
    pub erased: u32,
    /// Indexes (into `openings`) of openings whose write the server does not hold yet: its
    /// batch has not arrived. The device sends them again after its next push.
    pub waiting: Vec<u32>,
}

// --- Photos and documents (`POST /v1/sync/photo`) -------------------------------------

/// What a photo shows. Each kind belongs to records of given collections
/// ([`crate::photo::kind_fits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoKind {
    /// A miner's face (a person's data: erasable, seen only by roles that read a person whole).
    MinerPhoto,
    /// A miner's identity document (a person's data, as above).
    IdentityDocument,
    /// A licence's paper.
    LicenceDocument,
    /// A parcel of stones, of a production or an export.
    ParcelPhoto,
}

/// One chunk of a photo's upload, signed like a pull. The photo itself never enters the
/// batch log: a person's face must be erasable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoChunk {
    pub device: Uuid,
    /// The same sequence as [`PullRequest::nonce`]: strictly increasing per device.
    pub nonce: u64,
    /// The record the photo is attached to.
    pub record: Uuid,
    pub collection: Collection,
    pub kind: PhotoKind,
    /// SHA-256 of the whole file: its name.
    pub digest: Digest,
    /// The whole file's length in bytes, at most [`crate::photo::MAX_PHOTO`].
    pub total: u64,
    /// Where this chunk starts in the file.
    pub offset: u64,
    /// The chunk, at most [`crate::photo::MAX_CHUNK`] bytes; empty at offset 0 to ask
    /// where the upload stands.
    pub bytes: crate::batch::Bytes,
}

/// Where a photo's upload stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoAck {
    pub digest: Digest,
    /// Bytes the server holds, contiguous from 0: the offset of the next chunk.
    pub received: u64,
    /// The whole file arrived and its SHA-256 is `digest`: it is kept.
    pub complete: bool,
}

// --- end of photos ----------------------------------------------------------------------

/// One record as it is now, at the change sequence number of its latest change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub seq: u64,
    pub collection: Collection,
    pub record: Uuid,
    pub region: Uuid,
    pub state: AnyRecord,
}

/// A page of changes in increasing `seq`. Pull again from `cursor` while `more` is true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullPage {
    pub changes: Vec<Change>,
    pub cursor: u64,
    pub more: bool,
    pub server_time: Hlc,
}

/// The signed body of `POST /v1/sync/notes`: the red flags raised on records this device
/// wrote, with the officers' notes, changed after `after`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesRequest {
    pub device: Uuid,
    /// The same sequence as [`PullRequest::nonce`]: strictly increasing per device.
    pub nonce: u64,
    /// Where the previous page ended ([`NotesPage::cursor`]); [`NotesCursor::START`] at
    /// first.
    pub after: NotesCursor,
    /// At most this many flags per page (the server caps it).
    pub limit: u32,
}

/// A place in the order of notes pages: flags are sent by `(updated_at, flag id)`, so a
/// flag that changes after a handset read it comes again, later in the order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesCursor {
    pub updated_at: Hlc,
    /// The id of the last flag passed at `updated_at`; empty for none (before every id).
    pub flag: String,
}

impl NotesCursor {
    /// Before every flag: a handset's first request.
    pub const START: NotesCursor = NotesCursor {
        updated_at: Hlc::ZERO,
        flag: String::new(),
    };
}

/// A page of the flags on a device's records, in `(updated_at, id)` order. Ask again from
/// `cursor` while `more` is true; keep `cursor` for the next round (see PROTOCOL.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotesPage {
    pub flags: Vec<DeviceFlag>,
    pub cursor: NotesCursor,
    pub more: bool,
    pub server_time: Hlc,
}

/// A red flag as the handset whose records it names reads it: no evidence (it may hold
/// other people's data), a summary that names no other person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceFlag {
    /// The flag's id, as the officers' API prints it.
    pub id: String,
    /// The kind's snake_case name (`outside_licence_area`); a client shows a kind it does
    /// not know by this name.
    pub kind: String,
    pub severity: FlagSeverity,
    pub state: FlagState,
    /// Every record the flag names, the flagged one first.
    pub records: Vec<FlaggedRecord>,
    pub raised_at: Hlc,
    pub updated_at: Hlc,
    /// One English sentence.
    pub summary: String,
    /// What happened to the flag, oldest first.
    pub events: Vec<FlagNote>,
}

/// A record a flag names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlaggedRecord {
    /// `None` when the server holds no such record (a licence or a miner named but not
    /// registered).
    pub collection: Option<Collection>,
    pub record: Uuid,
}

/// How urgently an officer looks at a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagSeverity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagState {
    /// Raised, waiting for an officer.
    Open,
    /// An officer judged it, with a note.
    Resolved,
    /// Its cause went away (a correction, a void).
    Closed,
}

/// One event of a flag's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagNote {
    pub at: Hlc,
    pub event: FlagEventKind,
    /// The officer's user name, for a resolution; `None` for what the server did itself.
    pub by: Option<String>,
    /// The officer's note, or why the server closed the flag.
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

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    /// For `sequence_gap`: the sequence number the server expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<u64>,
    /// For `photo_gap`: the offset of the chunk the server expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_offset: Option<u64>,
}

/// Error codes, each with one HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// 400: the body is not a message of the expected type (garbage, truncated, trailing bytes).
    Malformed,
    /// 400: the version byte names an encoding this server does not speak.
    UnsupportedVersion,
    /// 400: a value is out of range (a latitude of 91).
    InvalidValue,
    /// 413: the body is over the size limit.
    TooLarge,
    /// 415: the content type is neither binary nor JSON.
    UnsupportedMediaType,
    /// 401: no device is enrolled under that id.
    UnknownDevice,
    /// 401: the signature does not verify with the enrolled key.
    BadSignature,
    /// 403: the device was revoked.
    DeviceRevoked,
    /// 403: the request names a region the device does not serve.
    OutOfScope,
    /// 401: the bearer token is missing, wrong or expired, or the login failed.
    Unauthorized,
    /// 403: the officer's role or regions do not allow this.
    Forbidden,
    /// 409: a user (or other named thing) of that name exists already.
    AlreadyExists,
    /// 409: the flag is not open (already resolved, or closed).
    NotOpen,
    /// 401: the enrolment code is unknown, expired or used.
    BadCode,
    /// 409: a batch's sequence number skips ahead; `expected_seq` says which is next.
    SequenceGap,
    /// 409: a different batch was already accepted under this sequence number.
    Fork,
    /// 409: the batch's `prev` is not the hash of the device's previous batch.
    BrokenChain,
    /// 409: a signed request was seen before.
    Replayed,
    /// 409: a photo's chunk starts beyond what the server holds; `expected_offset` says
    /// where the next one starts.
    PhotoGap,
    /// 404
    NotFound,
    /// 500: the server failed; nothing was acknowledged.
    Internal,
    /// 503: the server is shutting down or its log is unavailable.
    Unavailable,
    /// 408: the body ended before it was whole (the connection broke); send it again.
    Incomplete,
    /// 429: too many attempts (failed logins from an account or an address); wait the
    /// `Retry-After` seconds.
    TooManyRequests,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::UnsupportedVersion => "unsupported_version",
            Self::InvalidValue => "invalid_value",
            Self::TooLarge => "too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::UnknownDevice => "unknown_device",
            Self::BadSignature => "bad_signature",
            Self::DeviceRevoked => "device_revoked",
            Self::OutOfScope => "out_of_scope",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::AlreadyExists => "already_exists",
            Self::NotOpen => "not_open",
            Self::BadCode => "bad_code",
            Self::SequenceGap => "sequence_gap",
            Self::Fork => "fork",
            Self::BrokenChain => "broken_chain",
            Self::Replayed => "replayed",
            Self::PhotoGap => "photo_gap",
            Self::NotFound => "not_found",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
            Self::Incomplete => "incomplete",
            Self::TooManyRequests => "too_many_requests",
        }
    }

    pub fn status(self) -> u16 {
        match self {
            Self::Malformed | Self::UnsupportedVersion | Self::InvalidValue => 400,
            Self::TooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::UnknownDevice | Self::BadSignature | Self::Unauthorized | Self::BadCode => 401,
            Self::DeviceRevoked | Self::OutOfScope | Self::Forbidden => 403,
            Self::SequenceGap
            | Self::Fork
            | Self::BrokenChain
            | Self::Replayed
            | Self::PhotoGap
            | Self::AlreadyExists
            | Self::NotOpen => 409,
            Self::NotFound => 404,
            Self::Internal => 500,
            Self::Unavailable => 503,
            Self::Incomplete => 408,
            Self::TooManyRequests => 429,
        }
    }
}

impl From<&crate::error::ProtocolError> for ErrorCode {
    fn from(e: &crate::error::ProtocolError) -> Self {
        use crate::error::ProtocolError as P;
        match e {
            P::Value(_) | P::OutOfRange(_) => Self::InvalidValue,
            P::UnsupportedVersion { .. } => Self::UnsupportedVersion,
            P::TooLarge { .. } => Self::TooLarge,
            P::BadSignature => Self::BadSignature,
            P::Empty | P::Malformed(_) | P::TrailingBytes { .. } | P::Key(_) => Self::Malformed,
            P::Invalid(_) => Self::InvalidValue,
            P::NotFound { .. } => Self::NotFound,
            _ => Self::Internal,
        }
    }
}
