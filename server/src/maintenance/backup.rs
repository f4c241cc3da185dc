//! `placer admin backup DIR` and `placer admin restore DIR`: the registry's disaster
//! recovery.
//!
//! Everything the server knows is derived from its batch log, so a backup is a consistent
//! copy of the log ([`crate::batchlog::copy`]: a prefix, taken with the server running)
//! and a manifest naming each segment's size and SHA-256, with the openings of personal
//! values and the photos beside it ([`crate::openings`], [`crate::photos`]). A restore checks the manifest,
//! copies the segments into a new data directory, and the first start there rebuilds the
//! derived state from them. Devices that synced after the backup was taken send what the
//! restored server lacks at their next sync (they keep acknowledged batches for a while).
//! Officers' login sessions are not in the log: after a restore, officers log in again.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::batchlog::copy::{copy_log, sha256_hex, CopiedSegment};
use crate::batchlog::{
    create_private_dir, list_segments, refuse_shared_dir, salvage::write_private, sync_dir,
};
use crate::core::{log_dir, state_dir};
use crate::error::{Result, ServerError};
use crate::openings::openings_dir;
use crate::photos::photos_dir;

/// `DIR/backup.json`: what a backup holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// RFC 3339, UTC.
    pub created_at: String,
    pub placer_version: String,
    pub source: PathBuf,
    pub segments: Vec<CopiedSegment>,
    pub frames: u64,
    pub bytes: u64,
    /// Damage found in the source while copying (copied as it was).
    pub damage: Vec<String>,
    /// The openings of personal values (`openings/`), copied after the log: an opening of
    /// a batch the copy does not hold is skipped at the rebuild. Absent in backups of
    /// builds that had none.
    #[serde(default)]
    pub openings: Option<CopiedFile>,
    /// Photos and documents (`photos/`): the index of attachments and every complete
    /// file, named under `photos/` (partial uploads are not copied: the handsets send
    /// them again). Absent in backups of builds that had none.
    #[serde(default)]
    pub photos: Vec<CopiedFile>,
}

/// One file copied whole, with its size and SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopiedFile {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Copies one file whole into `to_dir` (made private), under its own name.
fn copy_file(file: &Path, to_dir: &Path) -> Result<CopiedFile> {
    let bytes = std::fs::read(file)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    create_private_dir(to_dir)?;
    write_private(&to_dir.join(&name), &bytes)?;
    sync_dir(to_dir)?;
    Ok(CopiedFile {
        name,
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    })
}

/// The photos' index (its newest generation) and complete files, each named by its path
/// under `photos/`. A file erased while the copy runs is skipped: it is gone.
fn copy_photos(data: &Path, to: &Path) -> Result<Vec<CopiedFile>> {
    let (from, into) = (photos_dir(data), photos_dir(to));
    let mut files = Vec::new();
    if let Some(index) = crate::photos::newest_index_file(&from)? {
        files.push(("index", index));
    }
    if let Ok(entries) = std::fs::read_dir(from.join("complete")) {
        for e in entries {
            files.push(("complete", e?.path()));
        }
    }
    let mut out = Vec::new();
    for (sub, file) in files {
        match copy_file(&file, &into.join(sub)) {
            Ok(mut f) => {
                f.name = format!("{sub}/{}", f.name);
                out.push(f);
            }
            Err(ServerError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A file of a backup, checked against its manifest entry.
fn checked_file(dir: &Path, f: &CopiedFile, what: &str) -> Result<Vec<u8>> {
    let bytes = std::fs::read(dir.join(&f.name))?;
    if bytes.len() as u64 != f.bytes || sha256_hex(&bytes) != f.sha256 {
        return Err(ServerError::Other(format!(
            "{what}/{} does not match the manifest (size or SHA-256): the backup is damaged",
            f.name
        )));
    }
    Ok(bytes)
}

pub fn manifest_path(dir: &Path) -> PathBuf {
    dir.join("backup.json")
}

/// Copies the log of `data` into `to` (a new directory) with its manifest.
pub fn backup(data: &Path, to: &Path) -> Result<Manifest> {
    if !log_dir(data).is_dir() {
        return Err(ServerError::Other(format!(
            "{} holds no batch log",
            data.display()
        )));
    }
    // A copy of the log is the registry: it gets the data directory's protection.
    create_private_dir(to)?;
    refuse_shared_dir(to)?;
    let total: u64 = list_segments(&log_dir(data))?
        .iter()
        .filter_map(|(_, p)| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bar = crate::progress::bytes_bar(total, "copying the batch log");
    let (segments, damage) = copy_log(&log_dir(data), &log_dir(to), &|n| bar.inc(n))?;
    bar.finish_and_clear();
    let openings = match crate::openings::newest_file(&openings_dir(data))? {
        Some(file) => Some(copy_file(&file, &openings_dir(to))?),
        None => None,
    };
    let photos = copy_photos(data, to)?;
    let manifest = Manifest {
        openings,
        photos,
        created_at: now_rfc3339(),
        placer_version: env!("CARGO_PKG_VERSION").to_string(),
        source: std::fs::canonicalize(data).unwrap_or_else(|_| data.to_path_buf()),
        frames: segments.iter().map(|s| s.frames).sum(),
        bytes: segments.iter().map(|s| s.bytes).sum(),
        segments,
        damage,
    };
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| ServerError::Other(format!("writing the manifest: {e}")))?;
    write_private(&manifest_path(to), &json)?;
    sync_dir(to)?;
    tracing::info!(to = %to.display(), frames = manifest.frames, bytes = manifest.bytes, "backup written");
    Ok(manifest)
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct Restored {
    pub data: PathBuf,
    pub backup_created_at: String,
    pub segments: u64,
    pub frames: u64,
    pub next_steps: Vec<String>,
}

/// Copies a backup's log into `data`, which must hold no registry yet, after checking
/// every segment against the manifest.
pub fn restore(from: &Path, data: &Path) -> Result<Restored> {
    let text = std::fs::read(manifest_path(from)).map_err(|e| {
        ServerError::Other(format!(
            "{} is not a Placer backup (no readable backup.json: {e})",
            from.display()
        ))
    })?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .map_err(|e| ServerError::Other(format!("backup.json does not read: {e}")))?;
    if state_dir(data).exists()
        || (log_dir(data).is_dir() && !list_segments(&log_dir(data))?.is_empty())
    {
        return Err(ServerError::Other(format!(
            "{} already holds a registry; restore into a new directory",
            data.display()
        )));
    }
    let mut checked = Vec::new();
    for s in &manifest.segments {
        let bytes = std::fs::read(log_dir(from).join(&s.name))?;
        if bytes.len() as u64 != s.bytes || sha256_hex(&bytes) != s.sha256 {
            return Err(ServerError::Other(format!(
                "{} does not match the manifest (size or SHA-256): the backup is damaged",
                s.name
            )));
        }
        checked.push((s.name.clone(), bytes));
    }
    let openings = match &manifest.openings {
        Some(f) => Some((
            f.name.clone(),
            checked_file(&openings_dir(from), f, "openings")?,
        )),
        None => None,
    };
    let mut photos = Vec::new();
    for f in &manifest.photos {
        photos.push((
            f.name.clone(),
            checked_file(&photos_dir(from), f, "photos")?,
        ));
    }
    create_private_dir(data)?;
    refuse_shared_dir(data)?;
    create_private_dir(&log_dir(data))?;
    for (name, bytes) in &checked {
        write_private(&log_dir(data).join(name), bytes)?;
    }
    sync_dir(&log_dir(data))?;
    if let Some((name, bytes)) = &openings {
        create_private_dir(&openings_dir(data))?;
        write_private(&openings_dir(data).join(name), bytes)?;
        sync_dir(&openings_dir(data))?;
    }
    for (name, bytes) in &photos {
        let path = photos_dir(data).join(name);
        let dir = path.parent().unwrap_or(data);
        create_private_dir(dir)?;
        write_private(&path, bytes)?;
        sync_dir(dir)?;
    }
    sync_dir(data)?;
    Ok(Restored {
        data: data.to_path_buf(),
        backup_created_at: manifest.created_at,
        segments: checked.len() as u64,
        frames: manifest.frames,
        next_steps: vec![
            format!(
                "start the server with --data {}: it rebuilds the derived state from the log",
                data.display()
            ),
            "officers log in again (sessions are not in the log)".into(),
            "devices that synced after the backup re-send what the restored server lacks at \
             their next sync"
                .into(),
        ],
    })
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
