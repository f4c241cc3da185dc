//! How a device reaches the server. The trait keeps the sync logic free of HTTP; the
//! HTTP implementation (feature `http`) is what the device CLI and an app would use.

use crate::api::{EnrolRequest, Enrolment, PullPage, PushAck};
use crate::clock::Hlc;
use crate::error::ProtocolError;

/// Each call returns the answer and the server's clock from the response, if it sent one.
pub trait Transport {
    fn enrol(&self, request: &EnrolRequest) -> Result<(Enrolment, Option<Hlc>), ProtocolError>;
    /// Sends the encoded [`crate::batch::Signed`] batch, exactly these bytes.
    fn push(&self, signed_batch: &[u8]) -> Result<(PushAck, Option<Hlc>), ProtocolError>;
    /// Sends an encoded, signed [`crate::api::PullRequest`].
    fn pull(&self, signed_request: &[u8]) -> Result<(PullPage, Option<Hlc>), ProtocolError>;
    /// Sends an encoded, signed [`crate::api::AckRequest`]: the acknowledgement of that
    /// batch if the server accepted it, `None` if not. A transport that cannot ask answers
    /// `None`, and the batch is sent again (which is safe, only slower).
    fn ack(&self, signed_request: &[u8]) -> Result<(Option<PushAck>, Option<Hlc>), ProtocolError> {
        let _ = signed_request;
        Ok((None, None))
    }
    /// Body bytes sent and received so far, as they went over the link (compressed).
    fn bytes(&self) -> (u64, u64) {
        (0, 0)
    }
}

#[cfg(feature = "http")]
pub use http::HttpTransport;

#[cfg(feature = "http")]
mod http {
    use super::*;
    use crate::api::{
        ErrorBody, BINARY, PATH_ACK, PATH_ENROL, PATH_PULL, PATH_PUSH, SERVER_TIME_HEADER,
    };
    use crate::codec;
    use std::time::Duration;

    /// HTTP over reqwest, binary encoding both ways, called blocking (on a runtime of its
    /// own, so not from inside an async task).
    ///
    /// A request has no total time limit, only an idle one: on a 2G link a page may take
    /// minutes to arrive and still be arriving; what fails is a link on which nothing moves
    /// for [`IDLE`].
    pub struct HttpTransport {
        base: String,
        client: reqwest::Client,
        runtime: tokio::runtime::Runtime,
        sent: std::sync::atomic::AtomicU64,
        received: std::sync::atomic::AtomicU64,
    }

    /// How long a request may wait with nothing arriving.
    pub const IDLE: Duration = Duration::from_secs(30);

    impl HttpTransport {
        pub fn new(base: &str) -> Result<Self, ProtocolError> {
            let transport = |e: &dyn std::fmt::Display| ProtocolError::Transport(e.to_string());
            // Answers are inflated here, not by reqwest, so that their bytes on the link
            // can be counted.
            let client = reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(15))
                .read_timeout(IDLE)
                .no_gzip()
                .no_zstd()
                .build()
                .map_err(|e| transport(&e))?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| transport(&e))?;
            Ok(Self {
                base: base.trim_end_matches('/').to_string(),
                client,
                runtime,
                sent: Default::default(),
                received: Default::default(),
            })
        }

        /// Posts a message and decodes the answer, a version-1 message.
        fn post<T: serde::de::DeserializeOwned>(
            &self,
            path: &str,
            body: Vec<u8>,
        ) -> Result<(T, Option<Hlc>), ProtocolError> {
            let (bytes, time) = self.exchange(path, body, BINARY)?;
            Ok((codec::decode(&bytes)?, time))
        }

        /// Posts a message, with `accept` as the binary form wanted, and gives the answer's
        /// inflated bytes.
        fn exchange(
            &self,
            path: &str,
            body: Vec<u8>,
            accept: &str,
        ) -> Result<(Vec<u8>, Option<Hlc>), ProtocolError> {
            // zstd both ways: the body here, the answer through `Accept-Encoding` (reqwest
            // sends it and inflates what comes back).
            use std::sync::atomic::Ordering;
            let body = zstd::bulk::compress(&body, 3)
                .map_err(|e| ProtocolError::Encode(format!("zstd: {e}")))?;
            self.sent.fetch_add(body.len() as u64, Ordering::Relaxed);
            let (time, status, bytes) = self.runtime.block_on(async {
                let resp = self
                    .client
                    .post(format!("{}{}", self.base, path))
                    .header(reqwest::header::CONTENT_TYPE, BINARY)
                    .header(reqwest::header::ACCEPT, accept)
                    .header(reqwest::header::CONTENT_ENCODING, "zstd")
                    .header(reqwest::header::ACCEPT_ENCODING, "zstd")
                    .body(body)
                    .send()
                    .await
                    .map_err(|e| ProtocolError::Transport(e.to_string()))?;
                let time: Option<Hlc> = resp
                    .headers()
                    .get(SERVER_TIME_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|s| s.parse().ok());
                let status = resp.status();
                let zstd_body = resp
                    .headers()
                    .get(reqwest::header::CONTENT_ENCODING)
                    .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"zstd"));
                let bytes = resp
                    .bytes()
                    .await
                    .map_err(|e| ProtocolError::Transport(e.to_string()))?;
                Ok::<_, ProtocolError>((time, status, (zstd_body, bytes)))
            })?;
            let (zstd_body, bytes) = bytes;
            self.received
                .fetch_add(bytes.len() as u64, Ordering::Relaxed);
            let bytes: Vec<u8> = if zstd_body {
                // Never past the largest message the codec accepts.
                let mut out = Vec::new();
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(
                        zstd::stream::read::Decoder::new(&bytes[..])
                            .map_err(|e| ProtocolError::Malformed(format!("zstd answer: {e}")))?,
                        codec::MAX_MESSAGE as u64 + 1,
                    ),
                    &mut out,
                )
                .map_err(|e| ProtocolError::Malformed(format!("zstd answer: {e}")))?;
                out
            } else {
                bytes.to_vec()
            };
            if !status.is_success() {
                let body = serde_json::from_slice::<ErrorBody>(&bytes).unwrap_or(ErrorBody {
                    code: "http".into(),
                    message: String::from_utf8_lossy(&bytes).into_owned(),
                    expected_seq: None,
                });
                return Err(ProtocolError::Server {
                    status: status.as_u16(),
                    body,
                });
            }
            Ok((bytes, time))
        }
    }

    impl Transport for HttpTransport {
        fn enrol(&self, request: &EnrolRequest) -> Result<(Enrolment, Option<Hlc>), ProtocolError> {
            self.post(PATH_ENROL, codec::encode(request)?)
        }
        fn push(&self, signed_batch: &[u8]) -> Result<(PushAck, Option<Hlc>), ProtocolError> {
            self.post(PATH_PUSH, signed_batch.to_vec())
        }
        fn pull(&self, signed_request: &[u8]) -> Result<(PullPage, Option<Hlc>), ProtocolError> {
            // Pages in their dense form (encoding version 2); a server that does not write
            // it answers version 1, which reads all the same.
            let accept = format!("{BINARY}; version={}", codec::DENSE_PAGE);
            let (bytes, time) = self.exchange(PATH_PULL, signed_request.to_vec(), &accept)?;
            Ok((codec::decode_page(&bytes)?, time))
        }
        fn bytes(&self) -> (u64, u64) {
            use std::sync::atomic::Ordering;
            (
                self.sent.load(Ordering::Relaxed),
                self.received.load(Ordering::Relaxed),
            )
        }
        fn ack(
            &self,
            signed_request: &[u8],
        ) -> Result<(Option<PushAck>, Option<Hlc>), ProtocolError> {
            match self.post(PATH_ACK, signed_request.to_vec()) {
                Ok((ack, time)) => Ok((Some(ack), time)),
                Err(ProtocolError::Server { status: 404, .. }) => Ok((None, None)),
                Err(e) => Err(e),
            }
        }
    }
}
