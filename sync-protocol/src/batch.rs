//! Sealed, signed, hash-chained batches, and the Ed25519 keys that sign them.
//!
//! A device seals its pending ops into a [`Batch`] (device id, sequence number, SHA-256 of
//! its previous sealed batch, ops), encodes it once with [`crate::codec`], and signs those
//! exact bytes. The [`Signed`] envelope carries the sealed bytes unchanged, so the server
//! can verify the signature over what the device signed and keep those bytes as evidence;
//! the per-device chain of hashes is the audit trail. The same envelope carries signed
//! requests (pulls), whose sealed bytes decode to the request instead.

use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use uuid::Uuid;

use crate::clock::Hlc;
use crate::codec;
use crate::error::ProtocolError;
use crate::op::Op;

/// Fixed-size byte strings: raw bytes in the binary encoding, lowercase hex in JSON.
macro_rules! hex_bytes {
    ($(#[$doc:meta])* $name:ident, $len:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub [u8; $len]);

        impl $name {
            pub fn to_hex(&self) -> String {
                hex::encode(self.0)
            }
            pub fn from_slice(b: &[u8]) -> Result<Self, ProtocolError> {
                let arr: [u8; $len] = b.try_into().map_err(|_| {
                    ProtocolError::Malformed(format!(
                        "{} must be {} bytes, got {}", stringify!($name), $len, b.len()
                    ))
                })?;
                Ok(Self(arr))
            }
            pub fn from_hex(s: &str) -> Result<Self, ProtocolError> {
                if s.bytes().any(|b| b.is_ascii_uppercase()) {
                    return Err(ProtocolError::Malformed("hex must be lowercase".into()));
                }
                let b = hex::decode(s).map_err(|e| ProtocolError::Malformed(format!("not hex: {e}")))?;
                Self::from_slice(&b)
            }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.to_hex())
            }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::batch::serialize_bytes(&self.0, s)
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let b = $crate::batch::deserialize_bytes(d)?;
                Self::from_slice(&b).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use hex_bytes;

hex_bytes!(
    /// A SHA-256 digest.
    Digest, 32);
hex_bytes!(
    /// An Ed25519 public key.
    PublicKey, 32);
hex_bytes!(
    /// An Ed25519 signature.
    Signature, 64);

impl Digest {
    pub const ZERO: Digest = Digest([0; 32]);
    pub fn of(bytes: &[u8]) -> Self {
        let d = ring::digest::digest(&ring::digest::SHA256, bytes);
        Self::from_slice(d.as_ref()).expect("SHA-256 is 32 bytes")
    }
}

/// Variable-length bytes: raw in the binary encoding, hex in JSON.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Bytes(pub Vec<u8>);

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.0.len())
    }
}
impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_bytes(&self.0, s)
    }
}
impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_bytes(d).map(Bytes)
    }
}

pub(crate) fn serialize_bytes<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        s.serialize_str(&hex::encode(b))
    } else {
        s.serialize_bytes(b)
    }
}

pub(crate) fn deserialize_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("bytes, or a hex string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
            if v.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(E::custom("hex must be lowercase"));
            }
            hex::decode(v).map_err(|e| E::custom(format!("not hex: {e}")))
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }
        fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }
    }
    if d.is_human_readable() {
        d.deserialize_str(V)
    } else {
        d.deserialize_byte_buf(V)
    }
}

/// A device's signing key. The PKCS#8 document is what the device stores.
pub struct DeviceKey {
    pair: Ed25519KeyPair,
    pkcs8: Option<Vec<u8>>,
}

impl DeviceKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, ProtocolError> {
        let doc = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| ProtocolError::Key("could not generate a key".into()))?;
        Self::from_pkcs8(doc.as_ref())
    }

    pub fn from_pkcs8(doc: &[u8]) -> Result<Self, ProtocolError> {
        let pair =
            Ed25519KeyPair::from_pkcs8(doc).map_err(|e| ProtocolError::Key(e.to_string()))?;
        Ok(Self {
            pair,
            pkcs8: Some(doc.to_vec()),
        })
    }

    /// A key from a fixed 32-byte seed: for worked examples and tests only.
    pub fn from_seed(seed: &[u8; 32]) -> Result<Self, ProtocolError> {
        let pair = Ed25519KeyPair::from_seed_unchecked(seed)
            .map_err(|e| ProtocolError::Key(e.to_string()))?;
        Ok(Self { pair, pkcs8: None })
    }

    pub fn pkcs8(&self) -> Option<&[u8]> {
        self.pkcs8.as_deref()
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey::from_slice(self.pair.public_key().as_ref()).expect("Ed25519 keys are 32 bytes")
    }

    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature::from_slice(self.pair.sign(message).as_ref())
            .expect("Ed25519 signatures are 64 bytes")
    }
}

/// Checks an Ed25519 signature.
pub fn verify(key: &PublicKey, message: &[u8], signature: &Signature) -> Result<(), ProtocolError> {
    UnparsedPublicKey::new(&ED25519, key.0)
        .verify(message, &signature.0)
        .map_err(|_| ProtocolError::BadSignature)
}

/// The ops a device sealed at one sync, chained to its previous batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    pub device: Uuid,
    /// 1 for the device's first batch, then one more each time.
    pub seq: u64,
    /// SHA-256 of the previous batch's sealed bytes; zeros for the first.
    pub prev: Digest,
    /// The device's clock when it sealed the batch.
    pub sealed_at: Hlc,
    pub ops: Vec<Op>,
}

impl Batch {
    /// The envelope's rules beyond decoding: sequence numbers start at 1, and every op has
    /// a shape the protocol admits ([`Op::check_shape`]). A batch that breaks one is
    /// refused as `malformed`; what its ops say is never a reason to refuse it.
    pub fn check_shape(&self) -> Result<(), ProtocolError> {
        if self.seq == 0 {
            return Err(ProtocolError::Malformed(
                "batch sequence numbers start at 1".into(),
            ));
        }
        for (i, op) in self.ops.iter().enumerate() {
            op.check_shape().map_err(|e| match e {
                ProtocolError::Malformed(m) => ProtocolError::Malformed(format!("op {i}: {m}")),
                other => other,
            })?;
        }
        Ok(())
    }
}

/// Sealed bytes and the signature over exactly those bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signed {
    pub sealed: Bytes,
    pub signature: Signature,
}

impl Signed {
    /// Encodes `message` once and signs the encoding.
    pub fn seal<T: Serialize>(message: &T, key: &DeviceKey) -> Result<Self, ProtocolError> {
        let sealed = codec::encode(message)?;
        let signature = key.sign(&sealed);
        Ok(Self {
            sealed: Bytes(sealed),
            signature,
        })
    }

    /// Decodes the sealed message without checking the signature: only to find out which
    /// device's key to check it with.
    pub fn peek<T: DeserializeOwned>(&self) -> Result<T, ProtocolError> {
        codec::decode(&self.sealed.0)
    }

    pub fn verify(&self, key: &PublicKey) -> Result<(), ProtocolError> {
        verify(key, &self.sealed.0, &self.signature)
    }

    /// SHA-256 of the sealed bytes: a batch's link in its device's chain.
    pub fn digest(&self) -> Digest {
        Digest::of(&self.sealed.0)
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, ProtocolError> {
        codec::encode(self)
    }

    pub fn from_bytes(b: &[u8]) -> Result<Self, ProtocolError> {
        codec::decode(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_verify_and_tamper() {
        let key = DeviceKey::from_seed(&[7; 32]).unwrap();
        let batch = Batch {
            device: Uuid::from_bytes([1; 16]),
            seq: 1,
            prev: Digest::ZERO,
            sealed_at: Hlc::new(1_000, 0),
            ops: vec![],
        };
        let signed = Signed::seal(&batch, &key).unwrap();
        signed.verify(&key.public_key()).unwrap();
        assert_eq!(signed.peek::<Batch>().unwrap(), batch);

        let mut tampered = signed.clone();
        *tampered.sealed.0.last_mut().unwrap() ^= 1;
        assert!(tampered.verify(&key.public_key()).is_err());

        let other = DeviceKey::from_seed(&[8; 32]).unwrap();
        assert!(signed.verify(&other.public_key()).is_err());

        let bytes = signed.to_bytes().unwrap();
        assert_eq!(Signed::from_bytes(&bytes).unwrap(), signed);
        let json = serde_json::to_string(&signed).unwrap();
        assert_eq!(serde_json::from_str::<Signed>(&json).unwrap(), signed);
    }

    /// The envelope's shape rules, one case each: what passes, and what is `malformed`
    /// with the op's index in the message.
    #[test]
    fn shape_rules() {
        use crate::op::{OpBody, Set};
        use crate::records::MinerField;
        use crate::values::Phone;
        let phone = |p: &str| Set::new(MinerField::Phone(Some(Phone::parse(p).unwrap())));
        let op = |sets: Vec<Set<MinerField>>| Op {
            record: Uuid::from_bytes([2; 16]),
            stamp: Hlc::new(1_000, 0),
            region: Uuid::from_bytes([3; 16]),
            body: OpBody::Miner(sets),
        };
        let batch = |seq: u64, ops: Vec<Op>| Batch {
            device: Uuid::from_bytes([1; 16]),
            seq,
            prev: Digest::ZERO,
            sealed_at: Hlc::new(1_000, 0),
            ops,
        };
        let check = |b: Batch, expected: Option<&str>| match (b.check_shape(), expected) {
            (Ok(()), None) => {}
            (Err(ProtocolError::Malformed(m)), Some(part)) => {
                assert!(m.contains(part), "{m:?} lacks {part:?}")
            }
            (got, want) => panic!("{got:?}, expected {want:?}"),
        };
        check(batch(1, vec![op(vec![phone("+233 20 111 1111")])]), None);
        check(batch(1, vec![]), None);
        check(batch(0, vec![]), Some("start at 1"));
        check(
            batch(2, vec![op(vec![phone("+233 20 111 1111")]), op(vec![])]),
            Some("op 1: the miner op on record 02020202-0202-0202-0202-020202020202 sets no field"),
        );
        check(
            batch(2, vec![op(vec![phone("+233 20 111 1111"), phone("+233 20 222 2222")])]),
            Some("op 0: the miner op on record 02020202-0202-0202-0202-020202020202 sets the field \"phone\" twice"),
        );
    }

    #[test]
    fn generated_keys_round_trip_through_pkcs8() {
        let k = DeviceKey::generate().unwrap();
        let again = DeviceKey::from_pkcs8(k.pkcs8().unwrap()).unwrap();
        assert_eq!(k.public_key(), again.public_key());
    }
}
