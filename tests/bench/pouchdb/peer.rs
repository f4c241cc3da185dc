//! PouchDB Server, the peer of Placer's benches: installed by `setup.sh` (pinned in
//! `package-lock.json`), started in memory on a free loopback port by `serve.sh`, and driven
//! by a node script of this folder that prints one JSON line. Stopped when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Peer {
    serve: Child,
    port: u16,
    dir: PathBuf,
}

impl Peer {
    /// Installs and starts the peer; `None` (with the reason on stderr) when it cannot run
    /// here, so that the bench goes on without it.
    pub fn start() -> Option<Self> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bench/pouchdb");
        if !dir.join("setup.sh").exists() {
            eprintln!("no PouchDB peer scripts; skipping the peer");
            return None;
        }
        eprintln!("installing PouchDB Server (npm)");
        let installed = Command::new("bash")
            .arg(dir.join("setup.sh"))
            .current_dir(&dir)
            .status()
            .ok()?
            .success();
        if !installed {
            eprintln!("PouchDB setup failed; skipping the peer");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let serve = Command::new("bash")
            .arg(dir.join("serve.sh"))
            .arg(port.to_string())
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let peer = Self { serve, port, dir };
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                eprintln!("PouchDB Server did not start; skipping the peer");
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(peer)
    }

    /// Runs `node SCRIPT --url http://127.0.0.1:PORT ARGS` and reads its last output line as
    /// JSON; `None` (with the script's stderr) when it fails.
    pub fn run(&self, script: &str, args: &[&str]) -> Option<serde_json::Value> {
        let out = Command::new("node")
            .arg(self.dir.join(script))
            .args(["--url", &format!("http://127.0.0.1:{}", self.port)])
            .args(args)
            .current_dir(&self.dir)
            .output()
            .ok()?;
        if !out.status.success() {
            eprintln!(
                "PouchDB {script} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        serde_json::from_str(text.lines().last()?).ok()
    }
}

// Each bench that includes this file uses some of these.
#[allow(dead_code)]
impl Peer {
    /// The server's own address (off any proxy).
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Runs `node SCRIPT ARGS` (no `--url` added), calls `on_ready` when the script prints
    /// `ready` (the start of its timed part) and reads its last output line as JSON; `None`
    /// (with the script's stderr) when it fails.
    pub fn run_timed(
        &self,
        script: &str,
        args: &[&str],
        on_ready: impl FnOnce(),
    ) -> Option<serde_json::Value> {
        use std::io::BufRead;
        let mut child = Command::new("node")
            .arg(self.dir.join(script))
            .args(args)
            .current_dir(&self.dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .ok()?;
        let mut on_ready = Some(on_ready);
        let mut last = None;
        for line in std::io::BufReader::new(child.stdout.take()?).lines() {
            let line = line.ok()?;
            if line == "ready" {
                if let Some(f) = on_ready.take() {
                    f();
                }
            } else {
                last = Some(line);
            }
        }
        if !child.wait().ok()?.success() {
            eprintln!("PouchDB {script} failed");
            return None;
        }
        serde_json::from_str(&last?).ok()
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.serve.id().to_string()])
            .status();
        let _ = self.serve.wait();
    }
}
