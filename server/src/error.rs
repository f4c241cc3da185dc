//! The server's errors. [`ServerError`] is what storage, the log and the core return;
//! [`ApiError`] is what a client sees: a status, a stable code and a message, always as JSON.
//! The mapping from one to the other lives here and nowhere else.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use sync_protocol::api::{ErrorBody, ErrorCode};
use sync_protocol::ProtocolError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ServerError {
    #[error("storage: {0}")]
    Sled(#[from] sled::Error),
    #[error("encoding: {0}")]
    Protocol(#[from] ProtocolError),
    #[error("batch log: {0}")]
    Io(#[from] std::io::Error),
    #[error("batch log is corrupt: {0}")]
    CorruptLog(String),
    #[error("the batch log stopped after a failed write; restart the server")]
    LogPoisoned,
    #[error("the data directory {0} is in use by a running server, and its admin endpoint did not answer")]
    Locked(String),
    #[error("the derived state is damaged: {0}")]
    CorruptState(String),
    #[error("{0}")]
    Api(ApiError),
    #[error("{0}")]
    Other(String),
}

impl ServerError {
    /// Whether the failure lies in the entry being applied rather than in the machine: such
    /// an entry is quarantined. A failure of the disk, of sled or of a stored value is
    /// never blamed on the entry (the value read back from the store is what failed to
    /// decode; the entry itself was decoded before it was applied).
    pub fn is_entry_fault(&self) -> bool {
        matches!(self, ServerError::Other(_) | ServerError::Api(_))
    }

    /// Whether the failure lies in the derived state (sled's files, or a value in them that
    /// no longer decodes): rebuilding `state/` from the log cures it.
    pub fn is_state_damage(&self) -> bool {
        match self {
            ServerError::CorruptState(_) | ServerError::Protocol(_) => true,
            ServerError::Sled(e) => !matches!(e, sled::Error::Io(_)),
            _ => false,
        }
    }
}

impl From<ApiError> for ServerError {
    fn from(e: ApiError) -> Self {
        ServerError::Api(e)
    }
}

/// An error as the client sees it.
#[derive(Debug, Clone, Error)]
#[error("{} ({}): {message}", code.as_str(), code.status())]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub expected_seq: Option<u64>,
    /// For `photo_gap`: where the next chunk starts.
    pub expected_offset: Option<u64>,
    /// Seconds to wait, sent as `Retry-After`.
    pub retry_after_s: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            expected_seq: None,
            expected_offset: None,
            retry_after_s: None,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code.as_str().to_string(),
            message: self.message.clone(),
            expected_seq: self.expected_seq,
            expected_offset: self.expected_offset,
        }
    }
}

impl From<ProtocolError> for ApiError {
    fn from(e: ProtocolError) -> Self {
        ApiError::new(ErrorCode::from(&e), e.to_string())
    }
}

impl From<sync_protocol::ValueError> for ApiError {
    fn from(e: sync_protocol::ValueError) -> Self {
        ApiError::new(ErrorCode::InvalidValue, e.to_string())
    }
}

impl From<ServerError> for ApiError {
    fn from(e: ServerError) -> Self {
        match e {
            ServerError::Api(a) => a,
            ServerError::Protocol(p) => p.into(),
            ServerError::LogPoisoned => ApiError::new(ErrorCode::Unavailable, e.to_string()),
            other => {
                // The cause goes to the log; the client learns only that nothing was acknowledged.
                tracing::error!(error = %other, "internal error");
                ApiError::new(
                    ErrorCode::Internal,
                    "the server failed to process the request; nothing was acknowledged",
                )
            }
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
    fn error_response(&self) -> HttpResponse {
        let mut r = HttpResponse::build(self.status_code());
        if let Some(s) = self.retry_after_s {
            r.insert_header(("retry-after", s.to_string()));
        }
        r.json(self.body())
    }
}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;
