//! The binary encoding of every wire type: one version byte, then bincode 2 (through serde,
//! standard configuration: little-endian, variable-length integers).
//!
//! This is the only module that names bincode. bincode 2.0.1 is pinned and unmaintained
//! (RUSTSEC-2025-0141); the version byte lets a later build change the encoding without
//! touching anything else. Decoding is strict: a wrong version, a message over
//! [`MAX_MESSAGE`] bytes, a value out of range, or a single trailing byte is refused.

use bincode::config::{Configuration, Limit, LittleEndian, Varint};
use bincode::error::DecodeError;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::PullPage;
use crate::error::ProtocolError;

/// The encoding version of every message this build writes, and of every message it reads
/// but a pull page.
pub const VERSION: u8 = 1;
/// Encoding version 2 differs from 1 only in the pull page, which is dense
/// ([`crate::dense`]). A client asks for it; a page says which form it is in.
pub const DENSE_PAGE: u8 = 2;
/// The largest message accepted, in bytes (also bincode's allocation limit).
pub const MAX_MESSAGE: usize = 16 * 1024 * 1024;

type Config = Configuration<LittleEndian, Varint, Limit<MAX_MESSAGE>>;

fn config() -> Config {
    bincode::config::standard().with_limit::<MAX_MESSAGE>()
}

/// Encodes with the version byte first.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, ProtocolError> {
    let mut out = vec![VERSION];
    out.extend(encode_plain(value)?);
    Ok(out)
}

/// Decodes a message written by [`encode`], refusing anything that is not exactly one value.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ProtocolError> {
    let (&version, body) = bytes.split_first().ok_or(ProtocolError::Empty)?;
    if version != VERSION {
        return Err(ProtocolError::UnsupportedVersion {
            found: version,
            supported: VERSION,
        });
    }
    decode_body(bytes, body)
}

/// Encodes a pull page in the given version: plain (1) or dense ([`DENSE_PAGE`]).
pub fn encode_page(page: &PullPage, version: u8) -> Result<Vec<u8>, ProtocolError> {
    if version != DENSE_PAGE {
        return encode(page);
    }
    let mut out = vec![DENSE_PAGE];
    out.extend(encode_plain(&crate::dense::to_dense(page))?);
    Ok(out)
}

/// Decodes a pull page in either form; its version byte says which.
pub fn decode_page(bytes: &[u8]) -> Result<PullPage, ProtocolError> {
    match bytes.first() {
        Some(&DENSE_PAGE) => crate::dense::from_dense(decode_body(bytes, &bytes[1..])?),
        _ => decode(bytes),
    }
}

/// The value of a message's body (after its version byte), strictly.
fn decode_body<T: DeserializeOwned>(bytes: &[u8], body: &[u8]) -> Result<T, ProtocolError> {
    if bytes.len() > MAX_MESSAGE {
        return Err(ProtocolError::TooLarge {
            size: bytes.len(),
            limit: MAX_MESSAGE,
        });
    }
    let (value, used) = bincode::serde::decode_from_slice(body, config()).map_err(decode_error)?;
    if used != body.len() {
        return Err(ProtocolError::TrailingBytes {
            trailing: body.len() - used,
        });
    }
    Ok(value)
}

/// Whether `bytes` are exactly how this build encodes `value`: bincode decodes a varint or a
/// length written longer than needed, and what enters the server is refused unless it is
/// in its one canonical form (so two encodings never name one message).
pub fn is_canonical<T: Serialize + ?Sized>(value: &T, bytes: &[u8]) -> bool {
    encode(value).is_ok_and(|b| b == bytes)
}

/// How many bytes `value` takes encoded, without its version byte (and without encoding it
/// into memory).
pub fn encoded_len<T: Serialize + ?Sized>(value: &T) -> usize {
    let mut size = bincode::enc::write::SizeWriter::default();
    match bincode::serde::encode_into_writer(value, &mut size, config()) {
        Ok(()) => size.bytes_written,
        // Only a value over the size limit fails: as large as can be.
        Err(_) => MAX_MESSAGE,
    }
}

/// The bare bincode bytes, without a version byte: for hashing and ordering, never for the
/// wire.
pub(crate) fn encode_plain<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, ProtocolError> {
    bincode::serde::encode_to_vec(value, config()).map_err(|e| ProtocolError::Encode(e.to_string()))
}

fn decode_error(e: DecodeError) -> ProtocolError {
    match e {
        // The message itself is within the limit (checked before decoding), so this is a
        // length prefix claiming more than the message could hold.
        DecodeError::LimitExceeded => ProtocolError::Malformed(
            "a length inside the message is larger than the size limit".into(),
        ),
        // The values' own errors (our newtypes', a date's) and serde's, as they read.
        DecodeError::OtherString(s) => ProtocolError::from_decoder(s),
        DecodeError::UnexpectedEnd { .. } => {
            ProtocolError::Malformed("the message ends too early (truncated?)".into())
        }
        DecodeError::UnexpectedVariant {
            type_name, found, ..
        } => ProtocolError::Malformed(format!("{type_name} has no variant {found}")),
        DecodeError::Utf8 { .. } => ProtocolError::Malformed("a string is not UTF-8".into()),
        DecodeError::InvalidBooleanValue(b) => {
            ProtocolError::Malformed(format!("{b} is not a boolean (0 or 1)"))
        }
        DecodeError::InvalidCharEncoding(_) => {
            ProtocolError::Malformed("a character is not valid UTF-8".into())
        }
        other => ProtocolError::Malformed(format!("{other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Carats;

    #[test]
    fn round_trip_with_version_byte() {
        let v = (
            7u64,
            "placer".to_string(),
            Carats::from_hundredths(125).unwrap(),
        );
        let bytes = encode(&v).unwrap();
        assert_eq!(bytes[0], VERSION);
        let back: (u64, String, Carats) = decode(&bytes).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn strict_decoding() {
        let bytes = encode(&(1u32, 2u32)).unwrap();
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert!(matches!(
            decode::<(u32, u32)>(&trailing),
            Err(ProtocolError::TrailingBytes { trailing: 1 })
        ));
        assert!(matches!(
            decode::<(u32, u32)>(&bytes[..bytes.len() - 1]),
            Err(ProtocolError::Malformed(_))
        ));
        let mut wrong = bytes.clone();
        wrong[0] = 9;
        assert!(matches!(
            decode::<(u32, u32)>(&wrong),
            Err(ProtocolError::UnsupportedVersion { found: 9, .. })
        ));
        assert!(matches!(
            decode::<(u32, u32)>(&[]),
            Err(ProtocolError::Empty)
        ));
    }

    #[test]
    fn out_of_range_values_are_refused_by_the_decoder() {
        let bytes = encode(&(crate::values::MAX_CARAT_HUNDREDTHS + 1)).unwrap();
        assert!(matches!(
            decode::<Carats>(&bytes),
            Err(ProtocolError::OutOfRange(_))
        ));
    }

    #[test]
    fn a_huge_length_prefix_does_not_allocate() {
        // A Vec<u8> claiming u64::MAX elements.
        let mut bytes = vec![VERSION, 0xFF];
        bytes.extend(u64::MAX.to_le_bytes());
        assert!(decode::<Vec<u8>>(&bytes).is_err());
    }
}
