//! How a device reaches the server. The trait keeps the sync logic free of HTTP; the
//! HTTP implementation (feature `http`) is what the device CLI and an app would use.
//!
//! The HTTP transport speaks HTTPS, verifying the server's certificate against the public
//! roots and any CA the caller adds (a ministry's own, [`HttpTransport::with_ca`]). Plain
//! `http://` is refused before anything is sent unless the host is this machine
//! (127.0.0.0/8, ::1, `localhost`): a batch holds miners' names and phone numbers, and a
//! pull page answers with the records of whole regions.

use crate::api::{EnrolRequest, Enrolment, NotesPage, OpenAck, PullPage, PushAck};
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
    /// Sends an encoded, signed [`crate::api::OpenRequest`]: the openings of personal
    /// values this device sealed.
    fn open(&self, signed_request: &[u8]) -> Result<(OpenAck, Option<Hlc>), ProtocolError>;
    /// Sends an encoded, signed [`crate::api::PhotoChunk`]. A transport that does not carry
    /// photos answers `None`, and the photo waits on the device.
    fn photo(
        &self,
        signed_request: &[u8],
    ) -> Result<(Option<crate::api::PhotoAck>, Option<Hlc>), ProtocolError> {
        let _ = signed_request;
        Ok((None, None))
    }
    /// Sends an encoded, signed [`crate::api::NotesRequest`]: a page of the flags raised on
    /// this device's records. A transport that cannot ask says so.
    fn notes(&self, signed_request: &[u8]) -> Result<(NotesPage, Option<Hlc>), ProtocolError> {
        let _ = signed_request;
        Err(ProtocolError::Transport(
            "this transport cannot ask for the flags on the device's records".into(),
        ))
    }
    /// Body bytes sent and received so far, as they went over the link (compressed).
    fn bytes(&self) -> (u64, u64) {
        (0, 0)
    }
}

#[cfg(feature = "http")]
pub use http::{check_server_url, Compression, HttpTransport, Options};

#[cfg(feature = "http")]
mod http {
    use super::*;
    use crate::api::{
        ErrorBody, BINARY, PATH_ACK, PATH_ENROL, PATH_NOTES, PATH_OPEN, PATH_PULL, PATH_PUSH,
        SERVER_TIME_HEADER,
    };
    use crate::codec;
    use std::time::Duration;

    /// How bodies travel compressed, both ways.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Compression {
        /// zstd level 3: the default, a fifth smaller than gzip on pages and batches.
        Zstd,
        /// gzip level 6, for links through proxies that only know gzip.
        Gzip,
    }

    impl Compression {
        fn name(self) -> &'static str {
            match self {
                Self::Zstd => "zstd",
                Self::Gzip => "gzip",
            }
        }

        fn compress(self, body: &[u8]) -> Result<Vec<u8>, ProtocolError> {
            let failed = |e: std::io::Error| ProtocolError::Encode(format!("{}: {e}", self.name()));
            match self {
                Self::Zstd => zstd::bulk::compress(body, 3).map_err(failed),
                Self::Gzip => {
                    use std::io::Write;
                    let mut gz =
                        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                    gz.write_all(body).map_err(failed)?;
                    gz.finish().map_err(failed)
                }
            }
        }
    }

    /// What the transport asks of the server: how bodies are compressed, and whether pull
    /// pages come dense (encoding version 2) or plain.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Options {
        pub compression: Compression,
        pub dense_pages: bool,
    }

    impl Default for Options {
        fn default() -> Self {
            Self {
                compression: Compression::Zstd,
                dense_pages: true,
            }
        }
    }

    /// HTTP over reqwest, binary encoding both ways, called blocking (on a runtime of its
    /// own, so not from inside an async task).
    ///
    /// A request has no total time limit, only an idle one: on a 2G link a page may take
    /// minutes to arrive and still be arriving; what fails is a link on which nothing moves
    /// for [`IDLE`].
    pub struct HttpTransport {
        base: String,
        options: Options,
        client: reqwest::Client,
        runtime: tokio::runtime::Runtime,
        sent: std::sync::atomic::AtomicU64,
        received: std::sync::atomic::AtomicU64,
    }

    /// How long a request may wait with nothing arriving.
    pub const IDLE: Duration = Duration::from_secs(30);

    /// Inflates an answer, never past the largest message the codec accepts.
    fn inflate(encoding: Option<&[u8]>, bytes: &[u8]) -> Result<Vec<u8>, ProtocolError> {
        use std::io::Read;
        let malformed = |e: std::io::Error| ProtocolError::Malformed(format!("answer: {e}"));
        let limit = codec::MAX_MESSAGE as u64 + 1;
        let mut out = Vec::new();
        match encoding {
            Some(e) if e.eq_ignore_ascii_case(b"zstd") => {
                zstd::stream::read::Decoder::new(bytes)
                    .map_err(malformed)?
                    .take(limit)
                    .read_to_end(&mut out)
                    .map_err(malformed)?;
            }
            Some(e) if e.eq_ignore_ascii_case(b"gzip") => {
                flate2::read::GzDecoder::new(bytes)
                    .take(limit)
                    .read_to_end(&mut out)
                    .map_err(malformed)?;
            }
            _ => out = bytes.to_vec(),
        }
        Ok(out)
    }

    /// Whether the device may talk to the server at `base`: `https://` anywhere,
    /// `http://` only to this machine. Returns whether it is HTTPS.
    pub fn check_server_url(base: &str) -> Result<bool, ProtocolError> {
        let url = reqwest::Url::parse(base).map_err(|e| {
            ProtocolError::Invalid(format!(
                "server URL {base:?}: {e} (e.g. https://registry.example.org)"
            ))
        })?;
        // An IPv6 host comes bracketed; a name is only `localhost`, never resolved here.
        let loopback = url.host_str().is_some_and(|host| {
            host.eq_ignore_ascii_case("localhost")
                || host
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        });
        match url.scheme() {
            "https" => Ok(true),
            "http" if loopback => Ok(false),
            "http" => Err(ProtocolError::Invalid(format!(
                "refusing the server URL {base}: plain http:// would send the agent's \
                 records readable to anyone on the way; use https://, or http:// only to \
                 this machine (127.0.0.1, ::1, localhost)"
            ))),
            other => Err(ProtocolError::Invalid(format!(
                "server URL {base:?}: unknown scheme {other:?}; use https://"
            ))),
        }
    }

    /// An error and its causes: reqwest's own message names only the URL, and the cause
    /// (a certificate not trusted, a connection refused) is what the agent can act on.
    fn with_causes(e: &dyn std::error::Error) -> String {
        let mut text = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            let more = c.to_string();
            if !text.contains(&more) {
                text.push_str(": ");
                text.push_str(&more);
            }
            cause = c.source();
        }
        text
    }

    impl HttpTransport {
        pub fn new(base: &str) -> Result<Self, ProtocolError> {
            Self::with(base, Options::default())
        }

        pub fn with(base: &str, options: Options) -> Result<Self, ProtocolError> {
            Self::with_ca(base, options, None)
        }

        /// Also trusts the certificates of `ca_pem` (PEM, one or more), besides the public
        /// roots: a ministry's own CA, or a test's self-signed certificate.
        pub fn with_ca(
            base: &str,
            options: Options,
            ca_pem: Option<&[u8]>,
        ) -> Result<Self, ProtocolError> {
            let https = check_server_url(base)?;
            let transport = |e: &dyn std::fmt::Display| ProtocolError::Transport(e.to_string());
            // Answers are inflated here, not by reqwest, so that their bytes on the link
            // can be counted.
            let mut builder = reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(15))
                .read_timeout(IDLE)
                .no_gzip()
                .no_zstd()
                // No redirect may take an HTTPS exchange back to plain HTTP.
                .https_only(https);
            if let Some(pem) = ca_pem {
                let certs = reqwest::Certificate::from_pem_bundle(pem)
                    .map_err(|e| ProtocolError::Invalid(format!("CA certificates: {e}")))?;
                if certs.is_empty() {
                    return Err(ProtocolError::Invalid(
                        "CA certificates: no PEM certificate (-----BEGIN CERTIFICATE-----) found"
                            .into(),
                    ));
                }
                for cert in certs {
                    builder = builder.add_root_certificate(cert);
                }
            }
            let client = builder.build().map_err(|e| transport(&e))?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| transport(&e))?;
            Ok(Self {
                base: base.trim_end_matches('/').to_string(),
                options,
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
            use std::sync::atomic::Ordering;
            let compression = self.options.compression;
            let body = compression.compress(&body)?;
            self.sent.fetch_add(body.len() as u64, Ordering::Relaxed);
            let (time, status, encoding, bytes) = self.runtime.block_on(async {
                let resp = self
                    .client
                    .post(format!("{}{}", self.base, path))
                    .header(reqwest::header::CONTENT_TYPE, BINARY)
                    .header(reqwest::header::ACCEPT, accept)
                    .header(reqwest::header::CONTENT_ENCODING, compression.name())
                    .header(reqwest::header::ACCEPT_ENCODING, compression.name())
                    .body(body)
                    .send()
                    .await
                    .map_err(|e| ProtocolError::Transport(with_causes(&e)))?;
                let time: Option<Hlc> = resp
                    .headers()
                    .get(SERVER_TIME_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|s| s.parse().ok());
                let status = resp.status();
                let encoding = resp
                    .headers()
                    .get(reqwest::header::CONTENT_ENCODING)
                    .map(|v| v.as_bytes().to_vec());
                let bytes = resp
                    .bytes()
                    .await
                    .map_err(|e| ProtocolError::Transport(with_causes(&e)))?;
                Ok::<_, ProtocolError>((time, status, encoding, bytes))
            })?;
            self.received
                .fetch_add(bytes.len() as u64, Ordering::Relaxed);
            let bytes = inflate(encoding.as_deref(), &bytes)?;
            if !status.is_success() {
                let body = serde_json::from_slice::<ErrorBody>(&bytes).unwrap_or(ErrorBody {
                    code: "http".into(),
                    message: String::from_utf8_lossy(&bytes).into_owned(),
                    expected_seq: None,
                    expected_offset: None,
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
            let accept = if self.options.dense_pages {
                format!("{BINARY}; version={}", codec::DENSE_PAGE)
            } else {
                BINARY.to_string()
            };
            let (bytes, time) = self.exchange(PATH_PULL, signed_request.to_vec(), &accept)?;
            Ok((codec::decode_page(&bytes)?, time))
        }
        fn open(&self, signed_request: &[u8]) -> Result<(OpenAck, Option<Hlc>), ProtocolError> {
            self.post(PATH_OPEN, signed_request.to_vec())
        }
        fn photo(
            &self,
            signed_request: &[u8],
        ) -> Result<(Option<crate::api::PhotoAck>, Option<Hlc>), ProtocolError> {
            let (ack, time) = self.post(crate::api::PATH_PHOTO, signed_request.to_vec())?;
            Ok((Some(ack), time))
        }
        fn notes(&self, signed_request: &[u8]) -> Result<(NotesPage, Option<Hlc>), ProtocolError> {
            self.post(PATH_NOTES, signed_request.to_vec())
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
