//! Photos and documents from the field (pure): which kind belongs to which records, the
//! limits of a file and of a chunk, the file types accepted, and where an upload resumes.
//! The server and the device client apply the same rules.

use crate::api::PhotoKind;
use crate::records::Collection;

/// The largest photo, in bytes: a handset compresses to about 100 KB, so 2 MiB leaves room
/// for a document photographed at a higher quality, and no more.
pub const MAX_PHOTO: u64 = 2 * 1024 * 1024;
/// The largest chunk, in bytes: a few seconds on a 2G link, the most a cut connection
/// makes a handset send again.
pub const MAX_CHUNK: usize = 64 * 1024;

/// The file types accepted, by their first bytes: JPEG and PNG only, so that nothing else
/// (HTML, SVG with scripts, a PDF) ever reaches an officer's browser.
const MAGIC: [(&[u8], &str); 2] = [
    (&[0xFF, 0xD8, 0xFF], "image/jpeg"),
    (
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
        "image/png",
    ),
];

/// The most bytes [`content_type`] needs to decide.
pub const MAGIC_LEN: usize = 8;

impl PhotoKind {
    pub const ALL: [PhotoKind; 4] = [
        PhotoKind::MinerPhoto,
        PhotoKind::IdentityDocument,
        PhotoKind::LicenceDocument,
        PhotoKind::ParcelPhoto,
    ];

    /// Its wire name.
    pub fn name(self) -> &'static str {
        match self {
            Self::MinerPhoto => "miner_photo",
            Self::IdentityDocument => "identity_document",
            Self::LicenceDocument => "licence_document",
            Self::ParcelPhoto => "parcel_photo",
        }
    }

    /// Whether it shows a person (a face, an identity document): a person's data.
    pub fn is_personal(self) -> bool {
        matches!(self, Self::MinerPhoto | Self::IdentityDocument)
    }
}

impl std::str::FromStr for PhotoKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                format!(
                    "no kind of photo {s:?}: one of {}",
                    Self::ALL.map(PhotoKind::name).join(", ")
                )
            })
    }
}

/// Whether a photo of `kind` may be attached to a record of `collection`.
pub fn kind_fits(kind: PhotoKind, collection: Collection) -> bool {
    use Collection as C;
    matches!(
        (kind, collection),
        (
            PhotoKind::MinerPhoto | PhotoKind::IdentityDocument,
            C::Miner
        ) | (PhotoKind::LicenceDocument, C::Licence)
            | (PhotoKind::ParcelPhoto, C::Production | C::Export)
    )
}

/// The content type of a file by its first bytes, if it is one accepted. `head` may be
/// shorter than [`MAGIC_LEN`]: `None` then means "not yet known" as well as "refused", and
/// [`could_be_image`] tells the two apart.
pub fn content_type(head: &[u8]) -> Option<&'static str> {
    MAGIC
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, t)| *t)
}

/// Whether a file starting with `head` may still turn out to be an accepted image (its
/// first bytes agree with one of the magic numbers as far as they go).
pub fn could_be_image(head: &[u8]) -> bool {
    MAGIC.iter().any(|(magic, _)| {
        let n = head.len().min(magic.len());
        head[..n] == magic[..n]
    })
}

/// What to do with a chunk, given the bytes held (contiguous from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    /// The chunk starts where the held bytes end: append it.
    Append,
    /// The chunk lies within what is held (a resend after a lost answer, or an empty chunk
    /// asking where the upload stands): compare it with the bytes held and answer the
    /// state as it is.
    Held,
    /// The chunk starts beyond what is held: refuse, naming `received`.
    Gap,
    /// The chunk runs past the file's `total`, or straddles the end of what is held.
    Overrun,
}

/// Where a chunk of `len` bytes at `offset` stands against `received` bytes held of a file
/// of `total` bytes.
pub fn resume(received: u64, total: u64, offset: u64, len: u64) -> Resume {
    let Some(end) = offset.checked_add(len).filter(|end| *end <= total) else {
        return Resume::Overrun;
    };
    if offset == received && len > 0 {
        return Resume::Append;
    }
    if offset > received {
        return Resume::Gap;
    }
    if end <= received {
        return Resume::Held;
    }
    // Starts inside what is held and runs past it: the held part may be checked, but a
    // client sends chunks at the offsets the server gives it, so this is a fault.
    Resume::Overrun
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_belongs_to_its_collections() {
        use Collection::*;
        let fits = |k| {
            Collection::ALL
                .into_iter()
                .filter(|c| kind_fits(k, *c))
                .collect::<Vec<_>>()
        };
        assert_eq!(fits(PhotoKind::MinerPhoto), vec![Miner]);
        assert_eq!(fits(PhotoKind::IdentityDocument), vec![Miner]);
        assert_eq!(fits(PhotoKind::LicenceDocument), vec![Licence]);
        assert_eq!(fits(PhotoKind::ParcelPhoto), vec![Production, Export]);
        for k in PhotoKind::ALL {
            assert_eq!(k.name().parse::<PhotoKind>(), Ok(k));
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::Value::String(k.name().into())
            );
        }
        assert!("selfie".parse::<PhotoKind>().is_err());
        assert!(PhotoKind::MinerPhoto.is_personal() && !PhotoKind::ParcelPhoto.is_personal());
    }

    #[test]
    fn only_jpeg_and_png_are_accepted() {
        assert_eq!(content_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(content_type(b"\x89PNG\r\n\x1a\n\0\0"), Some("image/png"));
        assert_eq!(content_type(b"<svg onload=alert(1)>"), None);
        assert_eq!(content_type(b"GIF89a"), None);
        assert_eq!(content_type(&[0xFF, 0xD8]), None);
        assert!(could_be_image(&[0xFF, 0xD8]));
        assert!(could_be_image(&[]));
        assert!(could_be_image(b"\x89PN"));
        assert!(!could_be_image(b"<ht"));
        assert!(!could_be_image(&[0xFF, 0xD9]));
    }

    #[test]
    fn an_upload_resumes_where_the_held_bytes_end() {
        let total = 100_000;
        assert_eq!(resume(0, total, 0, 65_536), Resume::Append);
        assert_eq!(resume(65_536, total, 65_536, 34_464), Resume::Append);
        // A resend of the first chunk after its answer was lost.
        assert_eq!(resume(65_536, total, 0, 65_536), Resume::Held);
        // An empty chunk at 0 asks where the upload stands, whatever is held.
        assert_eq!(resume(0, total, 0, 0), Resume::Held);
        assert_eq!(resume(65_536, total, 0, 0), Resume::Held);
        assert_eq!(resume(total, total, 0, 0), Resume::Held);
        // Beyond what is held.
        assert_eq!(resume(0, total, 65_536, 1), Resume::Gap);
        assert_eq!(resume(10, total, 11, 0), Resume::Gap);
        // Past the file's end, or straddling what is held.
        assert_eq!(resume(0, total, 0, total + 1), Resume::Overrun);
        assert_eq!(resume(65_536, total, 60_000, 10_000), Resume::Overrun);
        assert_eq!(resume(0, u64::MAX, u64::MAX, 2), Resume::Overrun);
    }
}
