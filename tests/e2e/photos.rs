//! Photos and documents from the field: a miner's photo uploaded in 64 KiB chunks by a
//! device that speaks the protocol itself (real signatures), resumed after a cut, kept
//! outside the log in owner-only files, shown and served only to the roles that read a
//! person whole, listed in the person's file and deleted by the person's erasure; and
//! every refusal, which stores nothing.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value as Json};
use sync_protocol::api::{PhotoAck, PhotoChunk, PhotoKind, BINARY, PATH_PHOTO};
use sync_protocol::batch::{Bytes, DeviceKey, Digest, Signed};
use sync_protocol::codec;
use sync_protocol::records::Collection;
use uuid::Uuid;

use crate::harness::*;
use crate::web::Browser;

const CHUNK: usize = 64 * 1024;

/// A JPEG's first bytes, then bytes that do not compress (xorshift from `seed`).
fn jpeg(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0];
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push(x as u8);
    }
    out
}

/// A photo of a record, and the device that uploads it with its own nonces.
struct Upload<'a> {
    device: &'a RawDevice,
    nonce: &'a Cell<u64>,
    record: Uuid,
    collection: Collection,
    kind: PhotoKind,
    file: Vec<u8>,
    digest: Digest,
}

impl Upload<'_> {
    /// A signed chunk of `bytes` at `offset`, with the device's next nonce.
    fn body(&self, offset: u64, bytes: &[u8]) -> Vec<u8> {
        self.nonce.set(self.nonce.get() + 1);
        self.body_with(self.nonce.get(), offset, bytes, |_| {})
    }

    fn body_with(
        &self,
        nonce: u64,
        offset: u64,
        bytes: &[u8],
        change: impl Fn(&mut PhotoChunk),
    ) -> Vec<u8> {
        let mut chunk = PhotoChunk {
            device: self.device.id,
            nonce,
            record: self.record,
            collection: self.collection,
            kind: self.kind,
            digest: self.digest,
            total: self.file.len() as u64,
            offset,
            bytes: Bytes(bytes.to_vec()),
        };
        change(&mut chunk);
        Signed::seal(&chunk, &self.device.key)
            .unwrap()
            .to_bytes()
            .unwrap()
    }

    fn send(&self, body: Vec<u8>) -> Reply {
        self.device.post(PATH_PHOTO, BINARY, body)
    }

    /// The chunk at `offset` (up to [`CHUNK`] bytes), which must be answered 200.
    fn chunk(&self, offset: usize) -> PhotoAck {
        let end = (offset + CHUNK).min(self.file.len());
        answered(&self.send(self.body(offset as u64, &self.file[offset..end])))
    }

    /// Where the upload stands (an empty chunk at 0).
    fn ask(&self) -> PhotoAck {
        answered(&self.send(self.body(0, &[])))
    }

    /// The whole file, chunk after chunk.
    fn all(&self) -> PhotoAck {
        let mut at = 0;
        loop {
            let a = self.chunk(at);
            if a.complete {
                return a;
            }
            at = a.received as usize;
        }
    }
}

fn answered(r: &Reply) -> PhotoAck {
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    codec::decode(&r.body).unwrap()
}

fn refused(r: &Reply, status: u16, code: &str) -> Json {
    assert_eq!(
        r.status,
        status,
        "expected {status} {code}: {}",
        String::from_utf8_lossy(&r.body)
    );
    assert_eq!(r.code(), code, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

/// Every file under `DATA/photos/` with its bytes: what a refusal must leave as it was.
fn photo_files(data: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![data.join("photos")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                let name = p.strip_prefix(data).unwrap().display().to_string();
                out.insert(name, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// An officer's GET of a photo's address with a session cookie: status, headers, bytes.
fn get_photo(
    b: &Browser,
    server: &Server,
    path: &str,
    cookie: &str,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let r = b
        .client
        .get(format!("{}{path}", server.url))
        .header("cookie", cookie)
        .send()
        .unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.bytes().unwrap().to_vec())
}

#[test]
fn a_miners_photo_goes_up_in_chunks_resumes_and_is_seen_only_by_roles_that_read_a_person_whole() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let miner_op = ops::miner(region(1), "Afua Photograph");
    let licence_op = ops::licence(region(1));
    let (miner, licence) = (miner_op.record, licence_op.record);
    d.push_ops(vec![miner_op, licence_op]);
    let nonce = Cell::new(0);
    let file = jpeg(100_000, 7);
    let face = Upload {
        device: &d,
        nonce: &nonce,
        record: miner,
        collection: Collection::Miner,
        kind: PhotoKind::MinerPhoto,
        digest: Digest::of(&file),
        file,
    };

    // Nothing held yet; the first chunk; then the link breaks and the answer is lost.
    assert_eq!(face.ask().received, 0);
    let first = face.chunk(0);
    assert_eq!((first.received, first.complete), (CHUNK as u64, false));
    assert_eq!(first.digest, face.digest);
    // The handset asks where the upload stands, and sends the first chunk again: the
    // same answer, nothing appended twice.
    assert_eq!(face.ask(), first);
    assert_eq!(face.chunk(0), first);
    // A chunk beyond what is held is refused with where to send from.
    let gap = refused(
        &face.send(face.body(70_000, &face.file[70_000..80_000])),
        409,
        "photo_gap",
    );
    assert_eq!(gap["expected_offset"], CHUNK as u64, "{gap}");
    // The rest, and the photo is kept.
    let done = face.chunk(CHUNK);
    assert_eq!((done.received, done.complete), (100_000, true));
    // Sent again: complete at once, whatever the chunk.
    assert_eq!(face.chunk(CHUNK), done);
    assert_eq!(face.ask(), done);

    let hex = face.digest.to_hex();
    let kept = server.data.join("photos/complete").join(&hex);
    assert_eq!(std::fs::read(&kept).unwrap(), face.file);
    assert!(std::fs::read_dir(server.data.join("photos/partial"))
        .unwrap()
        .next()
        .is_none());
    #[cfg(unix)]
    {
        for dir in [
            "photos",
            "photos/complete",
            "photos/partial",
            "photos/index",
        ] {
            assert_eq!(mode(&server.data.join(dir)), 0o700, "{dir}");
        }
        assert_eq!(mode(&kept), 0o600);
        for f in std::fs::read_dir(server.data.join("photos/index")).unwrap() {
            assert_eq!(mode(&f.unwrap().path()), 0o600);
        }
    }
    // Never in the log.
    let log = std::fs::read_dir(server.data.join("log"))
        .unwrap()
        .flat_map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<u8>>();
    assert!(!log.windows(64).any(|w| w == &face.file[1000..1064]));

    // A licence's paper (a PNG) is for every officer who reads the licence.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(jpeg(3_000, 11));
    let paper = Upload {
        device: &d,
        nonce: &nonce,
        record: licence,
        collection: Collection::Licence,
        kind: PhotoKind::LicenceDocument,
        digest: Digest::of(&png),
        file: png,
    };
    assert!(paper.all().complete);

    // The API lists them for the roles allowed.
    let root = server.root().to_string();
    let (status, record) = server.call(
        "GET",
        &format!("/v1/records/miner/{miner}"),
        Some(&root),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(record["photos"][0]["digest"], hex);
    assert_eq!(record["photos"][0]["kind"], "miner_photo");
    assert_eq!(record["photos"][0]["bytes"], 100_000);
    let national = server.officer("pho.national", "national-officer", &[]);
    let (_, record) = server.call(
        "GET",
        &format!("/v1/records/miner/{miner}"),
        Some(&national),
        None,
    );
    assert_eq!(record["photos"], json!([]), "{record}");
    let (_, record) = server.call(
        "GET",
        &format!("/v1/records/licence/{licence}"),
        Some(&national),
        None,
    );
    assert_eq!(record["photos"][0]["kind"], "licence_document");

    // The administrator's page shows the photo, and its address serves the exact bytes as
    // an image nothing may run or keep.
    let b = Browser::new(&server);
    server.officer("pho.admin", "admin", &[]);
    let admin = b.login("pho.admin");
    let page = b.page(&format!("/records/miner/{miner}"), &admin);
    let url = format!("/photos/{hex}?record={miner}");
    assert!(page.contains(&format!("data-digest=\"{hex}\"")), "{page}");
    assert!(page.contains(&format!("<img src=\"{}\"", url.replace('&', "&amp;"))));
    assert!(page.contains("photo of the miner"), "{page}");
    let (status, headers, bytes) = get_photo(&b, &server, &url, &admin);
    assert_eq!(status, 200);
    assert_eq!(bytes, face.file);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script"),
        "{csp}"
    );
    // Without a session: to the login page, no bytes.
    let r = b.get(&url, None);
    assert_ne!(r.status, 200);
    // A photo the record does not hold, an address that names no photo.
    let other = format!("/photos/{hex}?record={licence}");
    assert_eq!(get_photo(&b, &server, &other, &admin).0, 404);
    assert_eq!(
        get_photo(&b, &server, "/photos/nothex?record=x", &admin).0,
        404
    );

    // A national officer reads the miner's names but a national id's end only: no photo of
    // the person, on the page or at its address; the licence's paper, yes.
    let b2 = Browser::new(&server);
    let nat = b2.login("pho.national");
    let page = b2.page(&format!("/records/miner/{miner}"), &nat);
    assert!(!page.contains(&hex) && !page.contains("<img"), "{page}");
    assert_eq!(get_photo(&b2, &server, &url, &nat).0, 403);
    let page = b2.page(&format!("/records/licence/{licence}"), &nat);
    assert!(
        page.contains("licence document") && page.contains("<img"),
        "{page}"
    );
    let paper_url = format!("/photos/{}?record={licence}", paper.digest.to_hex());
    let (status, headers, bytes) = get_photo(&b2, &server, &paper_url, &nat);
    assert_eq!((status, bytes), (200, paper.file.clone()));
    assert_eq!(headers["content-type"], "image/png");
    // An export monitor, likewise; a regional officer of another region, not at all.
    server.officer("pho.monitor", "export-monitor", &[]);
    let mon = b2.login("pho.monitor");
    assert_eq!(get_photo(&b2, &server, &url, &mon).0, 403);
    server.officer("pho.elsewhere", "regional-officer", &[region(2)]);
    let away = b2.login("pho.elsewhere");
    assert_eq!(get_photo(&b2, &server, &url, &away).0, 403);
    assert_eq!(get_photo(&b2, &server, &paper_url, &away).0, 403);
    // A regional officer of the miner's region reads the person whole: the photo too.
    server.officer("pho.regional", "regional-officer", &[region(1)]);
    let here = b2.login("pho.regional");
    assert_eq!(get_photo(&b2, &server, &url, &here).0, 200);

    // The person's file lists the photo.
    let (status, file) = server.call(
        "GET",
        &format!("/v1/admin/people/{miner}"),
        Some(&root),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(file["photos"][0]["digest"], hex, "{file}");
    assert_eq!(file["photos"][0]["kind"], "miner_photo");
    assert!(file["photos"][0]["received_at"].is_string());

    // A backup taken now holds the photos (PRIVACY.md: it still holds them after the
    // erasure below, until it is discarded).
    let backups = tempfile::tempdir().unwrap();
    let backup = backups.path().join("nightly");
    let manifest: Json =
        serde_json::from_str(&server.admin(&["backup", backup.to_str().unwrap()])).unwrap();
    assert_eq!(
        manifest["photos"].as_array().unwrap().len(),
        3,
        "{manifest}"
    );
    assert_eq!(
        std::fs::read(backup.join("photos/complete").join(&hex)).unwrap(),
        face.file
    );

    // The person is erased: the photo's file is deleted, the page shows none, its address
    // finds nothing; the licence's paper stays.
    let (status, erased) = server.call(
        "POST",
        &format!("/v1/admin/people/{miner}/erase"),
        Some(&root),
        Some(json!({"reason": "the person asked (Act 843, s. 33)"})),
    );
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["photos_removed"], 1, "{erased}");
    assert_eq!(erased["photo_files_deleted"], 1, "{erased}");
    assert!(!kept.exists());
    assert!(!photo_files(&server.data)
        .values()
        .any(|bytes| bytes.windows(64).any(|w| w == &face.file[1000..1064])));
    let page = b.page(&format!("/records/miner/{miner}"), &admin);
    assert!(!page.contains(&hex) && !page.contains("<img"), "{page}");
    assert_eq!(get_photo(&b, &server, &url, &admin).0, 404);
    assert_eq!(get_photo(&b, &server, &paper_url, &admin).0, 200);
    let file = server.admin(&["person-file", &miner.to_string()]);
    assert!(!file.contains(&hex), "{file}");
    // A photo of the erased person taken offline before arrives later: dropped as it
    // arrives, answered complete so that the handset forgets it.
    let late_file = jpeg(5_000, 99);
    let late = Upload {
        device: &d,
        nonce: &nonce,
        record: miner,
        collection: Collection::Miner,
        kind: PhotoKind::IdentityDocument,
        digest: Digest::of(&late_file),
        file: late_file,
    };
    assert!(late.chunk(0).complete);
    assert!(!server
        .data
        .join("photos/complete")
        .join(late.digest.to_hex())
        .exists());

    // A restart (the index is read back; a rebuild of the derived state leaves it) keeps
    // the licence's paper attached.
    let data = server.data.clone();
    let addr = server.addr();
    let mut server = server;
    let tmp = server.take_tmp();
    server.terminate();
    drop(server);
    std::fs::remove_dir_all(data.join("state")).unwrap();
    let server = Spawn::new().data(&data).listen(&addr).start();
    let (_, record) = server.call(
        "GET",
        &format!("/v1/records/licence/{licence}"),
        Some(server.root()),
        None,
    );
    assert_eq!(
        record["photos"][0]["digest"],
        paper.digest.to_hex(),
        "{record}"
    );
    drop(server);
    drop(tmp);

    // The backup restores with its photos, index and files.
    let restored = backups.path().join("restored");
    crate::harness::admin(&restored, &["restore", backup.to_str().unwrap()]);
    let again = Spawn::new().data(&restored).start();
    let (_, record) = again.call(
        "GET",
        &format!("/v1/records/miner/{miner}"),
        Some(again.root()),
        None,
    );
    assert_eq!(record["photos"][0]["digest"], hex, "{record}");
    #[cfg(unix)]
    assert_eq!(mode(&restored.join("photos/complete").join(&hex)), 0o600);
}

#[test]
fn refused_photo_chunks_store_nothing_and_leave_their_nonce_unused() {
    let server = spawn_server();
    let mut d = RawDevice::enrol(&server, "Ama", &[region(1)]);
    let far = RawDevice::enrol(&server, "Kofi", &[region(2)]);
    let miner_op = ops::miner(region(1), "Esi Refused");
    let miner = miner_op.record;
    d.push_ops(vec![miner_op]);
    let nonce = Cell::new(0);
    let file = jpeg(100_000, 3);
    let up = Upload {
        device: &d,
        nonce: &nonce,
        record: miner,
        collection: Collection::Miner,
        kind: PhotoKind::MinerPhoto,
        digest: Digest::of(&file),
        file,
    };
    let first = &up.file[..CHUNK];
    let before = (server.fingerprint(), photo_files(&server.data));
    let unchanged = |what: &str| {
        assert!(
            (server.fingerprint(), photo_files(&server.data)) == before,
            "{what} changed what is stored"
        );
    };
    // Every refusal below signs nonce 50; none uses it up.
    let with = |change: &dyn Fn(&mut PhotoChunk)| up.body_with(50, 0, first, change);

    let r = up.send(with(&|c| c.record = Uuid::now_v7()));
    refused(&r, 404, "not_found");
    unchanged("a photo of a record not synced");
    let r = up.send(with(&|c| c.kind = PhotoKind::LicenceDocument));
    refused(&r, 400, "invalid_value");
    unchanged("a licence document of a miner");
    let r = up.send(with(&|c| c.collection = Collection::Licence));
    refused(&r, 400, "invalid_value");
    let r = up.send(with(&|c| {
        c.bytes = Bytes(b"<svg onload=alert(1)>".to_vec())
    }));
    refused(&r, 400, "invalid_value");
    unchanged("an SVG");
    let r = up.send(with(&|c| c.total = 3 * 1024 * 1024));
    refused(&r, 413, "too_large");
    let r = up.send(with(&|c| c.bytes = Bytes(vec![0xFF; CHUNK + 1])));
    refused(&r, 413, "too_large");
    let r = up.send(with(&|c| c.total = 0));
    refused(&r, 400, "invalid_value");
    let r = up.send(with(&|c| c.nonce = 0));
    refused(&r, 400, "invalid_value");
    unchanged("limits");
    // A device of another region that never wrote the miner.
    let away = Upload {
        device: &far,
        nonce: &nonce,
        record: miner,
        collection: Collection::Miner,
        kind: PhotoKind::MinerPhoto,
        digest: up.digest,
        file: up.file.clone(),
    };
    refused(
        &away.send(away.body_with(50, 0, first, |_| {})),
        403,
        "out_of_scope",
    );
    unchanged("a device out of scope");
    // The envelope: a signature of other bytes, an unknown device, garbage, a trailing
    // byte, another content type.
    let mut body = with(&|_| {});
    let mut signed: Signed = codec::decode(&body).unwrap();
    signed.signature = Signed::seal(&1u64, &d.key).unwrap().signature;
    refused(&up.send(signed.to_bytes().unwrap()), 401, "bad_signature");
    let stranger = DeviceKey::generate().unwrap();
    let chunk: PhotoChunk = codec::decode::<Signed>(&with(&|_| {}))
        .unwrap()
        .peek()
        .unwrap();
    let unknown = Signed::seal(
        &PhotoChunk {
            device: Uuid::now_v7(),
            ..chunk
        },
        &stranger,
    )
    .unwrap();
    refused(&up.send(unknown.to_bytes().unwrap()), 401, "unknown_device");
    refused(&up.send(b"\x01garbage".to_vec()), 400, "malformed");
    body.push(0);
    refused(&up.send(body), 400, "malformed");
    let r = d.post(PATH_PHOTO, "text/plain", with(&|_| {}));
    refused(&r, 415, "unsupported_media_type");
    unchanged("the envelope");

    // A digest that is not the file's: the last chunk refuses it, and what was held goes.
    let small = jpeg(1_000, 5);
    let lying = up.body_with(50, 0, &small, |c| {
        c.total = 1_000;
        c.digest = Digest::of(b"another file");
    });
    refused(&up.send(lying), 400, "invalid_value");
    unchanged("a digest mismatch");
    // The nonce refused so often is still free.
    nonce.set(49);
    assert_eq!(up.chunk(0).received, CHUNK as u64);
    // A replayed nonce.
    refused(&up.send(up.body_with(50, 0, &[], |_| {})), 409, "replayed");
    // Over several chunks, the digest checked at the end: the partial file is dropped.
    let wrong_last = up.body(CHUNK as u64, &vec![0u8; 100_000 - CHUNK]);
    refused(&up.send(wrong_last), 400, "invalid_value");
    assert!(photo_files(&server.data)
        .keys()
        .all(|k| !k.contains("partial/")));
    assert_eq!(up.ask().received, 0, "upload again from 0");
    assert_eq!(up.all().received, 100_000);

    // A revoked device is refused, and stores nothing.
    server.admin(&["revoke-device", &d.id.to_string()]);
    let before = photo_files(&server.data);
    let other = jpeg(2_000, 8);
    let r = up.send(up.body(0, &other));
    refused(&r, 403, "device_revoked");
    assert_eq!(photo_files(&server.data), before);
}

#[test]
fn the_device_command_line_keeps_a_photo_and_uploads_it_at_its_sync() {
    let server = spawn_server();
    let a = server.device("Ama", &[region(1)]);
    let miner = a.add_miner("Kwesi Camera", 1990, &[]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("face.jpg");
    let file = jpeg(150_000, 21);
    std::fs::write(&path, &file).unwrap();
    let path = path.to_str().unwrap();
    // The device checks what the server would refuse.
    let wrong = a.run(&[
        "photo",
        "add",
        "--record",
        &miner,
        "--kind",
        "parcel_photo",
        path,
    ]);
    assert!(!wrong.status.success());
    let digest = a.ok(&[
        "photo",
        "add",
        "--record",
        &miner,
        "--kind",
        "miner_photo",
        path,
    ]);
    assert_eq!(digest, Digest::of(&file).to_hex());
    assert_eq!(a.status()["photos_waiting"], 1);
    // The sync pushes the miner first, then the photo in three chunks.
    let report = a.sync();
    assert_eq!(report["photos_sent"], 1, "{report}");
    assert_eq!(a.status()["photos_waiting"], 0);
    assert_eq!(
        std::fs::read(server.data.join("photos/complete").join(&digest)).unwrap(),
        file
    );
    let (_, record) = server.call(
        "GET",
        &format!("/v1/records/miner/{miner}"),
        Some(server.root()),
        None,
    );
    assert_eq!(record["photos"][0]["digest"], digest, "{record}");
    // Nothing left to send at the next sync.
    assert_eq!(a.sync()["photos_sent"], 0);
    // The identity document too; the sync says so in words.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(jpeg(20_000, 4));
    let doc = dir.path().join("id.png");
    std::fs::write(&doc, &png).unwrap();
    a.ok(&[
        "photo",
        "add",
        "--record",
        &miner,
        "--kind",
        "identity_document",
        doc.to_str().unwrap(),
    ]);
    let said = a.ok(&["sync"]);
    assert!(said.contains(" and 1 photo(s)"), "{said}");
}
