//! The crate's error type: one enum, so callers map every failure in one place.

use thiserror::Error;

/// A value that breaks its type's invariant (a latitude of 91, an empty licence number).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("bad {what}: {detail}")]
pub struct ValueError {
    pub what: &'static str,
    pub detail: String,
}

#[derive(Debug, Error)]
pub enum ProtocolError {
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error("empty message: expected a version byte")]
    Empty,
    #[error("unsupported encoding version {found} (this build speaks {supported})")]
    UnsupportedVersion { found: u8, supported: u8 },
    #[error("message of {size} bytes is larger than the limit of {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("malformed message: {0}")]
    Malformed(String),
    #[error("a value in the message is out of range: {0}")]
    OutOfRange(String),
    #[error("{trailing} trailing bytes after the message")]
    TrailingBytes { trailing: usize },
    #[error("could not encode: {0}")]
    Encode(String),
    #[error("the signature does not verify with the device's key")]
    BadSignature,
    #[error("invalid key: {0}")]
    Key(String),
    #[error("device store: {0}")]
    Store(#[from] sled::Error),
    #[error("the server refused the request ({status} {}): {}", .body.code, .body.message)]
    Server {
        status: u16,
        body: crate::api::ErrorBody,
    },
    #[error("could not reach the server: {0}")]
    Transport(String),
    #[error("this device is not enrolled yet: run `placer device init` first")]
    NotEnrolled,
    #[error("this directory already holds an enrolled device ({0})")]
    AlreadyEnrolled(uuid::Uuid),
    #[error("no {collection} with id {id} on this device")]
    NotFound {
        collection: &'static str,
        id: uuid::Uuid,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("the server's answer does not match the batch sent: {0}")]
    Mismatch(String),
}

/// Whether a decoder's message says a value is out of its type's range, rather than that the
/// message is not of the expected shape: our newtypes' errors read "bad <what>: …", and a
/// date's ("invalid ordinal", "the 'month' component could not be parsed", "… in-range
/// value").
fn out_of_range(message: &str) -> bool {
    message.starts_with("bad ")
        || message.contains("in-range value")
        || message.contains("component could not be parsed")
        || message.starts_with("invalid ordinal")
}

impl ProtocolError {
    /// A decoder's message as an error: out of range, or malformed.
    pub fn from_decoder(message: String) -> Self {
        if out_of_range(&message) {
            Self::OutOfRange(message)
        } else {
            Self::Malformed(message)
        }
    }

    /// A JSON decoder's error, classified as [`Self::from_decoder`] does.
    pub fn from_json(e: &serde_json::Error) -> Self {
        Self::from_decoder(e.to_string())
    }

    /// The server's error code, when the server refused the request.
    pub fn server_code(&self) -> Option<&str> {
        match self {
            Self::Server { body, .. } => Some(&body.code),
            _ => None,
        }
    }
}
