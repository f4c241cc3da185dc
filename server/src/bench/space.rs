//! `placer bench space --data DIR`: where a stopped registry's disk goes. The batch log's
//! bytes; the derived state's live bytes (keys and values) per key prefix; sled's file; and
//! what sled takes for the same keys and values written afresh into an empty database, in
//! key order (its format's own overhead, without the garbage of updates). Reported, never
//! asserted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::core::{log_dir, state_dir};
use crate::error::{Result, ServerError};

#[derive(Debug, Clone)]
pub struct Config {
    /// A stopped registry (sled allows one process).
    pub data: PathBuf,
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => dirs.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

pub fn run(cfg: Config) -> Result<String> {
    let state = state_dir(&cfg.data);
    if !state.is_dir() {
        return Err(ServerError::Other(format!(
            "{} holds no derived state",
            cfg.data.display()
        )));
    }
    let db = sled::open(&state)?;
    let mut prefixes: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    let scratch = std::env::temp_dir().join(format!("placer-bench-space-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let copy = sled::Config::new().path(&scratch).open()?;
    let mut live = 0u64;
    for name in db.tree_names() {
        let tree = db.open_tree(&name)?;
        let target = copy.open_tree(&name)?;
        let bar = crate::progress::count_bar(tree.len() as u64, "reading the state");
        let mut batch = sled::Batch::default();
        for (n, item) in tree.iter().enumerate() {
            let (k, v) = item?;
            let prefix = k
                .first()
                .map(|p| (*p as char).to_string())
                .unwrap_or_default();
            let e = prefixes.entry(prefix).or_default();
            e.0 += 1;
            e.1 += k.len() as u64;
            e.2 += v.len() as u64;
            live += (k.len() + v.len()) as u64;
            batch.insert(k, v);
            if n % 10_000 == 9_999 {
                target.apply_batch(std::mem::take(&mut batch))?;
            }
            bar.inc(1);
        }
        target.apply_batch(batch)?;
        bar.finish_and_clear();
    }
    copy.flush()?;
    let log = dir_bytes(&log_dir(&cfg.data));
    let sled_file = dir_bytes(&state);
    let fresh = dir_bytes(&scratch);
    drop(copy);
    let _ = std::fs::remove_dir_all(&scratch);
    let mut lines = vec![
        format!("batch log: {log} bytes"),
        format!("state: {sled_file} bytes on disk, {live} live bytes (keys and values)"),
        format!("the same keys and values written afresh: {fresh} bytes"),
        "prefix | keys | key bytes | value bytes".to_string(),
    ];
    for (p, (n, kb, vb)) in &prefixes {
        lines.push(format!("{p} | {n} | {kb} | {vb}"));
    }
    lines.push(
        json!({
            "bench": "space",
            "log_bytes": log,
            "state_bytes": sled_file,
            "live_bytes": live,
            "fresh_bytes": fresh,
            "prefixes": prefixes
                .iter()
                .map(|(p, (n, kb, vb))| json!({"prefix": p, "keys": n, "key_bytes": kb, "value_bytes": vb}))
                .collect::<Vec<_>>(),
        })
        .to_string(),
    );
    Ok(lines.join("\n"))
}
