//! The device's signing key at rest: sealed under a key-encryption key (KEK) that the
//! platform keeps, so that a copy of the device directory (a backup, a card taken out of a
//! handset) holds no usable key.
//!
//! The device's Ed25519 key (its PKCS#8 document) lives in [`KEY_FILE`] inside the device
//! directory, written with owner-only permissions from the start, as [`MAGIC`] followed by
//! what [`KeyStore::wrap`] returned. The directory itself is created owner-only, which
//! also covers the files sled creates in it.
//!
//! [`KeyStore`] is the whole interface to the platform: wrap the key once when the device
//! enrols, unwrap it when a batch or a request is signed. An Android app implements it with
//! an AES-256-GCM key generated in the Android Keystore (non-exportable, StrongBox where
//! there is one): `wrap` and `unwrap` are a `Cipher` in GCM mode with that key, and the
//! 12-byte IV goes in front of the ciphertext. An iOS app keeps a 256-bit key in the
//! Keychain (`kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly`, so it is in no backup)
//! and seals with CryptoKit's `AES.GCM`. Either way the KEK never leaves the platform and
//! a directory copied elsewhere cannot be opened. [`Kek`] is the same scheme with the KEK
//! in memory, for the command line, which reads it from a file outside the device
//! directory ([`Kek::load_or_create`]).
//!
//! Devices of older builds kept the key unsealed in their sled state (`m/key`).
//! [`super::Device::open`] seals such a key into [`KEY_FILE`], reads it back, and only then
//! removes the plain copy, so a crash at any point leaves the key readable. sled may keep
//! the old bytes in a log segment until it reuses it: a handset whose directory may have
//! been copied while its key was plain is best revoked and enrolled again.

use std::io::Write;
use std::path::{Path, PathBuf};

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};

use crate::error::ProtocolError;

/// The file in the device directory holding the sealed key.
pub const KEY_FILE: &str = "device.key";
/// The first bytes of [`KEY_FILE`]: the format, so that a plain key is never mistaken for
/// a sealed one.
pub const MAGIC: &[u8] = b"placer sealed device key 1\n";

/// Seals and opens the device's private key with a key-encryption key the platform keeps.
///
/// `wrap` must authenticate what it seals (an AEAD such as AES-GCM): `unwrap` of bytes it
/// did not produce, or of a sealed key changed by one bit, is an error, never a wrong key.
pub trait KeyStore: Send + Sync {
    /// Seals `secret`; the result is stored as it is.
    fn wrap(&self, secret: &[u8]) -> Result<Vec<u8>, ProtocolError>;
    /// Opens what [`KeyStore::wrap`] sealed.
    fn unwrap(&self, sealed: &[u8]) -> Result<Vec<u8>, ProtocolError>;
}

/// A 256-bit key-encryption key held in memory: AES-256-GCM from `ring`, a random nonce
/// per seal (a device seals its key once, so nonces never come near a collision).
pub struct Kek {
    key: LessSafeKey,
    origin: String,
}

/// Binds a sealed blob to its purpose: the same KEK sealing something else cannot be
/// passed off as a device key.
const AAD: &[u8] = b"placer device key";

impl Kek {
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, ProtocolError> {
        Self::named(bytes, "a key-encryption key in memory".into())
    }

    /// A fresh key, from the operating system's random source (kept nowhere: for tests and
    /// simulations whose devices live as long as the process).
    pub fn generate() -> Result<Self, ProtocolError> {
        Self::from_bytes(&random_key()?)
    }

    fn named(bytes: &[u8; 32], origin: String) -> Result<Self, ProtocolError> {
        let key = UnboundKey::new(&AES_256_GCM, bytes)
            .map_err(|_| ProtocolError::Key("not an AES-256 key".into()))?;
        Ok(Self {
            key: LessSafeKey::new(key),
            origin,
        })
    }

    /// The key in `path`, 64 hexadecimal digits; a fresh one is written there (owner-only,
    /// in an owner-only directory) when the file does not exist. A file other users may
    /// read or write is refused, as ssh refuses such a private key.
    pub fn load_or_create(path: &Path) -> Result<Self, ProtocolError> {
        let failed = |e: std::io::Error| {
            ProtocolError::Key(format!("key-encryption key {}: {e}", path.display()))
        };
        if !path.exists() {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                create_private_dir(parent).map_err(failed)?;
            }
            let text = format!("{}\n", hex::encode(random_key()?));
            // Written whole under another name, then linked into place: a process starting
            // at the same moment reads either no file or a whole one, and one key wins.
            let tmp = path.with_extension(format!("tmp{}", std::process::id()));
            write_new_private(&tmp, text.as_bytes()).map_err(failed)?;
            let linked = std::fs::hard_link(&tmp, path);
            let _ = std::fs::remove_file(&tmp);
            match linked {
                Ok(()) => sync_parent(path).map_err(failed)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(failed(e)),
            }
        }
        refuse_shared(path, "600").map_err(ProtocolError::Key)?;
        let text = std::fs::read_to_string(path).map_err(failed)?;
        let bytes: [u8; 32] = hex::decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| {
                ProtocolError::Key(format!(
                    "key-encryption key {}: expected 64 hexadecimal digits",
                    path.display()
                ))
            })?;
        Self::named(
            &bytes,
            format!("the key-encryption key in {}", path.display()),
        )
    }
}

impl KeyStore for Kek {
    fn wrap(&self, secret: &[u8]) -> Result<Vec<u8>, ProtocolError> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| ProtocolError::Key("no randomness for a nonce".into()))?;
        let mut sealed = secret.to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(AAD),
                &mut sealed,
            )
            .map_err(|_| ProtocolError::Key("could not seal the device key".into()))?;
        let mut out = nonce.to_vec();
        out.append(&mut sealed);
        Ok(out)
    }

    fn unwrap(&self, sealed: &[u8]) -> Result<Vec<u8>, ProtocolError> {
        let refused = || {
            ProtocolError::Key(format!(
                "the device key does not open with {}: it was sealed under another \
                 key-encryption key, or changed",
                self.origin
            ))
        };
        if sealed.len() < NONCE_LEN {
            return Err(refused());
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| refused())?;
        let mut body = body.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(AAD), &mut body)
            .map_err(|_| refused())?;
        Ok(plain.to_vec())
    }
}

fn random_key() -> Result<[u8; 32], ProtocolError> {
    let mut key = [0u8; 32];
    SystemRandom::new()
        .fill(&mut key)
        .map_err(|_| ProtocolError::Key("no randomness for a key".into()))?;
    Ok(key)
}

pub fn key_file(dir: &Path) -> PathBuf {
    dir.join(KEY_FILE)
}

/// Seals `pkcs8` and writes it to the key file, replacing any there, durably.
pub(crate) fn write_sealed(
    dir: &Path,
    keys: &dyn KeyStore,
    pkcs8: &[u8],
) -> Result<(), ProtocolError> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend(keys.wrap(pkcs8)?);
    let path = key_file(dir);
    let failed = |e: std::io::Error| ProtocolError::Key(format!("{}: {e}", path.display()));
    let tmp = path.with_extension("key.tmp");
    match std::fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(failed(e)),
    }
    write_new_private(&tmp, &bytes).map_err(failed)?;
    std::fs::rename(&tmp, &path).map_err(failed)?;
    sync_parent(&path).map_err(failed)
}

/// The PKCS#8 document sealed in the key file.
pub(crate) fn read_sealed(dir: &Path, keys: &dyn KeyStore) -> Result<Vec<u8>, ProtocolError> {
    let path = key_file(dir);
    let bytes = std::fs::read(&path).map_err(|e| {
        ProtocolError::Key(if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "{} is missing: this device cannot sign; restore the file, or revoke the \
                 device and enrol the handset again",
                path.display()
            )
        } else {
            format!("{}: {e}", path.display())
        })
    })?;
    let sealed = bytes.strip_prefix(MAGIC).ok_or_else(|| {
        ProtocolError::Key(format!("{} is not a sealed device key", path.display()))
    })?;
    keys.unwrap(sealed)
}

/// Creates a directory (and missing parents) that only its owner may enter; an existing
/// one is left as it is.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// An error naming `path` and the `chmod` that fixes it when group or others have any
/// permission on it (`mode` is what to give it: "700" for a directory, "600" for a file).
pub fn refuse_shared(path: &Path, mode: &str) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let bits = meta.permissions().mode() & 0o777;
        if bits & 0o077 != 0 {
            return Err(format!(
                "{} is open to other users (mode {bits:03o}); it holds private data: run \
                 `chmod {mode} {}` and try again",
                path.display(),
                path.display()
            ));
        }
    }
    let _ = (path, mode);
    Ok(())
}

/// Creates `path` (which must not exist) owner-only from the start, writes `bytes` and syncs.
fn write_new_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Syncs the directory holding `path`, so that its new name survives a power cut.
fn sync_parent(path: &Path) -> std::io::Result<()> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => std::fs::File::open(dir)?.sync_all(),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_with_its_kek_only() {
        let kek = Kek::generate().unwrap();
        let sealed = kek.wrap(b"secret").unwrap();
        assert_eq!(kek.unwrap(&sealed).unwrap(), b"secret");
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert!(Kek::generate().unwrap().unwrap(&sealed).is_err());
        let mut changed = sealed.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert!(kek.unwrap(&changed).is_err());
        assert!(kek.unwrap(&sealed[..5]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_kek_file_is_made_owner_only_and_read_back() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config").join("placer").join("device.kek");
        let first = Kek::load_or_create(&path).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let again = Kek::load_or_create(&path).unwrap();
        assert_eq!(again.unwrap(&first.wrap(b"k").unwrap()).unwrap(), b"k");

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = Kek::load_or_create(&path).err().unwrap().to_string();
        assert!(e.contains("chmod 600"), "{e}");

        let bad = tmp.path().join("bad.kek");
        std::fs::write(&bad, "not hex").unwrap();
        std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o600)).unwrap();
        let e = Kek::load_or_create(&bad).err().unwrap().to_string();
        assert!(e.contains("64 hexadecimal digits"), "{e}");
    }
}
