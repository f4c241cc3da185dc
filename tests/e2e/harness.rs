//! Starts the real `placer` binary on a loopback port with a fresh data directory, and
//! drives it the way people and devices do: `placer admin`, `placer device`, raw HTTP.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use sync_protocol::api::{EnrolRequest, Enrolment, PushAck, BINARY};
use sync_protocol::batch::{Batch, DeviceKey, Digest, Signed};
use sync_protocol::clock::{wall_ms, Hlc};
use sync_protocol::codec;
use sync_protocol::op::Op;
use tempfile::TempDir;
use uuid::Uuid;

pub fn placer() -> Command {
    Command::new(env!("CARGO_BIN_EXE_placer"))
}

/// This machine's address on its network (not loopback), if it has one: what a request
/// from another machine looks like to a server listening on every address.
pub fn network_address() -> Option<std::net::IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    // No packet is sent: connecting a UDP socket only picks the route.
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// The password of every officer the tests make.
pub const OFFICER_PASSWORD: &str = "a long enough password";

/// A region id for tests; the same number gives the same region.
pub fn region(n: u8) -> Uuid {
    Uuid::from_u128(0x0192_f000_0000_7000_8000_0000_0000_0000 | u128::from(n))
}

/// A running server. Killed (SIGKILL) when dropped.
pub struct Server {
    child: Option<Child>,
    pub data: PathBuf,
    pub url: String,
    pub admin_url: String,
    /// The server's own admin token: accepted on the loopback admin listener only.
    pub token: String,
    /// An administrator's login for the public listener, made when first asked for.
    root: std::sync::OnceLock<String>,
    _tmp: Option<TempDir>,
}

pub struct Spawn<'a> {
    data: Option<&'a Path>,
    listen: String,
    env: Vec<(&'a str, &'a str)>,
    args: Vec<std::ffi::OsString>,
}

impl<'a> Spawn<'a> {
    pub fn new() -> Self {
        Self {
            data: None,
            listen: "127.0.0.1:0".into(),
            env: Vec::new(),
            args: Vec::new(),
        }
    }
    /// Uses this data directory instead of a fresh one.
    pub fn data(mut self, dir: &'a Path) -> Self {
        self.data = Some(dir);
        self
    }
    /// Listens on this address (to come back on the same port after a restart).
    pub fn listen(mut self, addr: &str) -> Self {
        self.listen = addr.to_string();
        self
    }
    pub fn env(mut self, k: &'a str, v: &'a str) -> Self {
        self.env.push((k, v));
        self
    }
    /// One more argument of `placer serve` (`--tls-cert`, a path).
    pub fn arg(mut self, a: impl Into<std::ffi::OsString>) -> Self {
        self.args.push(a.into());
        self
    }

    pub fn start(self) -> Server {
        let (tmp, data) = match self.data {
            Some(d) => (None, d.to_path_buf()),
            None => {
                let t = tempfile::tempdir().expect("temp dir");
                let d = t.path().join("data");
                (Some(t), d)
            }
        };
        // Owner-only, as the server makes it: it refuses one others may enter.
        private_dir(&data);
        let log = std::fs::File::create(data.join("test-server.log")).unwrap();
        let mut cmd = placer();
        cmd.args(["serve", "--data"])
            .arg(&data)
            .args(["--listen", &self.listen, "--workers", "2"])
            .args(&self.args)
            .env("PLACER_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start placer serve");
        let pid = child.id();
        let deadline = Instant::now() + Duration::from_secs(60);
        let info = loop {
            if let Ok(text) = std::fs::read_to_string(data.join("server.json")) {
                if let Ok(v) = serde_json::from_str::<Json>(&text) {
                    if v["pid"].as_u64() == Some(u64::from(pid)) {
                        break v;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "server did not start: {}",
                server_log(&data)
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        Server {
            child: Some(child),
            data,
            url: info["url"].as_str().unwrap().to_string(),
            admin_url: info["admin_url"].as_str().unwrap().to_string(),
            token: info["admin_token"].as_str().unwrap().to_string(),
            root: std::sync::OnceLock::new(),
            _tmp: tmp,
        }
    }
}

/// Creates a directory (and its parents) that only its owner may enter.
pub fn private_dir(dir: &Path) {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .unwrap();
}

pub fn server_log(data: &Path) -> String {
    std::fs::read_to_string(data.join("test-server.log")).unwrap_or_default()
}

pub fn spawn_server() -> Server {
    Spawn::new().start()
}

impl Server {
    /// `host:port` of the public listener.
    pub fn addr(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }

    /// SIGKILL, and wait for the process to be gone. Keeps the data directory.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM, and wait for a clean exit. Keeps the data directory.
    pub fn terminate(&mut self) {
        if let Some(mut c) = self.child.take() {
            let ok = Command::new("kill")
                .args(["-TERM", &c.id().to_string()])
                .status()
                .unwrap();
            assert!(ok.success());
            let status = c.wait().unwrap();
            assert!(status.success(), "clean exit after SIGTERM: {status}");
        }
    }

    /// Waits for the process to exit by itself (a crash point), returning whether it did.
    pub fn wait_exit(&mut self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(c) = self.child.as_mut() {
                if c.try_wait().unwrap().is_some() {
                    self.child = None;
                    return true;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Takes the temp dir so that the data outlives this server value.
    pub fn take_tmp(&mut self) -> Option<TempDir> {
        self._tmp.take()
    }

    pub fn log(&self) -> String {
        server_log(&self.data)
    }

    /// Runs `placer admin --data DIR ARGS`, expecting success; returns stdout.
    pub fn admin(&self, args: &[&str]) -> String {
        admin(&self.data, args)
    }

    /// A one-time enrolment code for an agent serving these regions.
    pub fn enrol_code(&self, agent: &str, regions: &[Uuid]) -> String {
        enrol_code(&self.data, agent, regions)
    }

    /// A device enrolled through `placer device init`.
    pub fn device(&self, agent: &str, regions: &[Uuid]) -> Device {
        let code = self.enrol_code(agent, regions);
        let d = Device::new();
        d.ok(&["init", "--server", &self.url, "--code", &code]);
        d
    }

    pub fn http(&self) -> reqwest::blocking::Client {
        reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap()
    }

    /// Counts of records, batches, forks (through the admin API).
    pub fn stats(&self) -> Json {
        self.admin_get("/admin/stats")
    }

    pub fn admin_get(&self, path: &str) -> Json {
        let r = self
            .http()
            .get(format!("{}{}", self.admin_url, path))
            .bearer_auth(&self.token)
            .send()
            .unwrap();
        assert!(r.status().is_success(), "{path}: {}", r.status());
        r.json().unwrap()
    }

    /// The sequence number of a device's last accepted batch.
    pub fn head(&self, device: Uuid) -> u64 {
        self.admin_get("/admin/devices")
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["device"]["id"] == device.to_string())
            .unwrap_or_else(|| panic!("no device {device}"))["head"]["seq"]
            .as_u64()
            .unwrap()
    }

    /// Everything stored that a request could change: the counts and the batch log's size.
    pub fn fingerprint(&self) -> (Json, u64) {
        // The administrator's account is made before any fingerprint, so that a test that
        // first asks for it between two fingerprints does not see it as a change.
        self.root();
        (self.stats(), log_bytes(&self.data))
    }

    /// GET or POST on the public listener with an optional bearer token: (status, the JSON
    /// body, or the text as a JSON string when it is not JSON).
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Json>,
    ) -> (u16, Json) {
        let client = self.http();
        // A path on the public listener, or a whole URL (the admin listener's).
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.url, path)
        };
        let mut req = match method {
            "GET" => client.get(url),
            _ => client.post(url),
        };
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().unwrap();
        let status = r.status().as_u16();
        let text = r.text().unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Json::String(text)),
        )
    }

    /// An officer made with `placer admin add-user` (the password on standard input), then
    /// logged in: their bearer token.
    pub fn officer(&self, name: &str, role: &str, regions: &[Uuid]) -> String {
        let (ok, out) = add_user(&self.data, name, role, regions, OFFICER_PASSWORD);
        assert!(ok, "add-user {name}: {out}");
        self.login(name)
    }

    /// The bearer token of an administrator account (`placer.root`) on the public listener,
    /// made the first time it is asked for: the server's own admin token works on the admin
    /// listener only.
    pub fn root(&self) -> &str {
        self.root.get_or_init(|| {
            // A server restarted on the same data has the account already.
            let (ok, out) = add_user(&self.data, "placer.root", "admin", &[], OFFICER_PASSWORD);
            assert!(
                ok || out.contains("already_exists"),
                "add-user placer.root: {out}"
            );
            self.login("placer.root")
        })
    }

    /// An officer made earlier (with [`Server::officer`]) logs in again: their new token.
    pub fn login(&self, name: &str) -> String {
        let (status, body) = self.call(
            "POST",
            "/v1/auth/login",
            None,
            Some(serde_json::json!({"user": name, "password": OFFICER_PASSWORD})),
        );
        assert_eq!(status, 200, "login {name}: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    /// Every record with a conflict, through the admin listener's `GET /admin/conflicts`.
    pub fn conflicts(&self) -> Vec<Json> {
        let r = self
            .http()
            .get(format!("{}/admin/conflicts?limit=1000", self.admin_url))
            .bearer_auth(&self.token)
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
        let page: Json = r.json().unwrap();
        page["items"].as_array().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// Total size of the batch log's segments.
pub fn log_bytes(data: &Path) -> u64 {
    std::fs::read_dir(data.join("log"))
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run placer")
}

pub fn admin(data: &Path, args: &[&str]) -> String {
    let out = run(placer().args(["admin", "--data"]).arg(data).args(args));
    assert!(
        out.status.success(),
        "placer admin {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn enrol_code(data: &Path, agent: &str, regions: &[Uuid]) -> String {
    let regions: Vec<String> = regions.iter().map(Uuid::to_string).collect();
    let out = admin(
        data,
        &[
            "enrol-code",
            "--agent",
            agent,
            "--regions",
            &regions.join(","),
        ],
    );
    out.lines().next().unwrap().trim().to_string()
}

/// `placer admin add-user`, the password on standard input: (success, stdout and stderr).
pub fn add_user(
    data: &Path,
    name: &str,
    role: &str,
    regions: &[Uuid],
    password: &str,
) -> (bool, String) {
    use std::io::Write as _;
    let mut cmd = placer();
    cmd.args(["admin", "--data"])
        .arg(data)
        .args(["add-user", name, "--role", role]);
    if !regions.is_empty() {
        let r: Vec<String> = regions.iter().map(Uuid::to_string).collect();
        cmd.args(["--regions", &r.join(",")]);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// A device driven through `placer device --dir DIR ...`, with its own temp directory,
/// which also holds its key-encryption key (beside the device directory, not in it).
pub struct Device {
    pub dir: PathBuf,
    pub kek_file: PathBuf,
    _tmp: TempDir,
}

impl Device {
    pub fn new() -> Self {
        let t = tempfile::tempdir().unwrap();
        Self {
            dir: t.path().join("device"),
            kek_file: t.path().join("device.kek"),
            _tmp: t,
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = placer();
        cmd.args(["device", "--dir"])
            .arg(&self.dir)
            .args(args)
            .env("PLACER_DEVICE_KEK_FILE", &self.kek_file);
        for (k, v) in env {
            cmd.env(k, v);
        }
        run(&mut cmd)
    }

    /// Runs a device command that must succeed; returns its trimmed stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "placer device {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    pub fn sync(&self) -> Json {
        serde_json::from_str(&self.ok(&["sync", "--json"])).unwrap()
    }

    pub fn status(&self) -> Json {
        serde_json::from_str(&self.ok(&["status"])).unwrap()
    }

    /// `placer device list COLLECTION --json`.
    pub fn list(&self, collection: &str) -> Vec<Json> {
        serde_json::from_str::<Vec<Json>>(&self.ok(&["list", collection, "--json"])).unwrap()
    }

    pub fn add_miner(&self, names: &str, birth_year: u16, extra: &[&str]) -> String {
        let by = birth_year.to_string();
        let mut args = vec![
            "miner",
            "add",
            "--names",
            names,
            "--sex",
            "male",
            "--birth-year",
            &by,
        ];
        args.extend_from_slice(extra);
        self.ok(&args)
    }

    /// A licence of `kind` held by a miner, valid through 2026: its id.
    pub fn add_licence(&self, number: &str, kind: &str, holder_miner: &str) -> String {
        self.ok(&[
            "licence",
            "add",
            "--number",
            number,
            "--kind",
            kind,
            "--holder-miner",
            holder_miner,
            "--issued",
            "2026-01-01",
            "--expires",
            "2027-01-01",
        ])
    }
}

/// A device that speaks the protocol directly (for bad input the CLI cannot produce):
/// its own key, enrolled over HTTP, sealing its own batches.
pub struct RawDevice {
    pub id: Uuid,
    pub key: DeviceKey,
    pub url: String,
    pub seq: u64,
    pub prev: Digest,
    pub regions: Vec<Uuid>,
    client: reqwest::blocking::Client,
}

/// An HTTP answer: status and body.
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Json {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }
}

impl RawDevice {
    /// A signed pull request of the device from `cursor`, in the binary encoding.
    pub fn pull_request(&self, nonce: u64, cursor: u64, regions: Vec<Uuid>) -> Vec<u8> {
        self.pull_request_of(nonce, cursor, regions, 100)
    }

    pub fn pull_request_of(
        &self,
        nonce: u64,
        cursor: u64,
        regions: Vec<Uuid>,
        limit: u32,
    ) -> Vec<u8> {
        let request = sync_protocol::api::PullRequest {
            device: self.id,
            nonce,
            cursor,
            regions,
            limit,
        };
        Signed::seal(&request, &self.key)
            .unwrap()
            .to_bytes()
            .unwrap()
    }

    /// Pulls one page, which must be answered 200.
    pub fn pull(
        &self,
        nonce: u64,
        cursor: u64,
        regions: Vec<Uuid>,
    ) -> sync_protocol::api::PullPage {
        let r = self.post(
            sync_protocol::api::PATH_PULL,
            BINARY,
            self.pull_request(nonce, cursor, regions),
        );
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        codec::decode(&r.body).unwrap()
    }

    pub fn enrol(server: &Server, agent: &str, regions: &[Uuid]) -> Self {
        Self::enrol_with(server, &server.enrol_code(agent, regions))
    }

    /// A device enrolled with a code issued already.
    pub fn enrol_with(server: &Server, code: &str) -> Self {
        let code = code.to_string();
        let key = DeviceKey::generate().unwrap();
        let client = server.http();
        let req = EnrolRequest {
            code,
            public_key: key.public_key(),
            label: "raw test device".into(),
        };
        let r = client
            .post(format!("{}/v1/devices/enrol", server.url))
            .header("content-type", BINARY)
            .header("accept", BINARY)
            .body(codec::encode(&req).unwrap())
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
        let e: Enrolment = codec::decode(&r.bytes().unwrap()).unwrap();
        Self {
            id: e.device,
            key,
            url: server.url.clone(),
            seq: 0,
            prev: Digest::ZERO,
            regions: e.regions,
            client,
        }
    }

    /// The next batch in this device's chain, sealed and signed (not yet sent).
    pub fn seal(&self, ops: Vec<Op>) -> (Batch, Signed) {
        let batch = Batch {
            device: self.id,
            seq: self.seq + 1,
            prev: self.prev,
            sealed_at: Hlc::new(wall_ms(), 0),
            ops,
        };
        let signed = Signed::seal(&batch, &self.key).unwrap();
        (batch, signed)
    }

    /// Notes that a sealed batch was accepted, so the next one chains to it.
    pub fn accepted(&mut self, signed: &Signed) {
        self.seq += 1;
        self.prev = signed.digest();
    }

    pub fn post(&self, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
        self.post_accepting(path, content_type, BINARY, body)
    }

    pub fn post_accepting(
        &self,
        path: &str,
        content_type: &str,
        accept: &str,
        body: Vec<u8>,
    ) -> Reply {
        let r = self
            .client
            .post(format!("{}{}", self.url, path))
            .header("content-type", content_type)
            .header("accept", accept)
            .body(body)
            .send()
            .unwrap();
        Reply {
            status: r.status().as_u16(),
            body: r.bytes().unwrap().to_vec(),
        }
    }

    pub fn push_bytes(&self, body: Vec<u8>) -> Reply {
        self.post("/v1/sync/push", BINARY, body)
    }

    /// Seals, pushes and, on success, advances the chain. Returns the acknowledgement.
    pub fn push_ops(&mut self, ops: Vec<Op>) -> PushAck {
        let (_, signed) = self.seal(ops);
        let r = self.push_bytes(signed.to_bytes().unwrap());
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        self.accepted(&signed);
        codec::decode(&r.body).unwrap()
    }
}

/// Ops for tests: a valid miner registration and a production fact.
pub mod ops {
    use super::*;
    use sync_protocol::op::{OpBody, Set};
    use sync_protocol::records::*;
    use sync_protocol::values::*;

    pub fn stamp() -> Hlc {
        Hlc::new(wall_ms(), 0)
    }

    pub fn miner(region: Uuid, names: &str) -> Op {
        let m = Miner {
            names: PersonName::parse(names).unwrap(),
            sex: Sex::Female,
            birth_year: BirthYear::new(1985).unwrap(),
            home_region: region,
            registered_on: parse_day("2026-03-01").unwrap(),
            registered_by: Text::parse("test agent").unwrap(),
            national_id: None,
            phone: None,
            cooperative: None,
            registered_at: None,
        };
        Op {
            record: Uuid::now_v7(),
            stamp: stamp(),
            region,
            body: OpBody::Miner(m.into_fields().into_iter().map(Set::new).collect()),
        }
    }

    /// A valid claim around Akwatia (a square of about 220 m), active for 2026.
    pub fn licence(region: Uuid) -> Op {
        let p = |lon: f64, lat: f64| Point::new(lon, lat).unwrap();
        let (x0, x1, y0, y1) = (-0.801, -0.799, 6.039, 6.041);
        let l = Licence {
            number: LicenceNumber::parse(format!("GH-CL-{}", Uuid::now_v7().simple())).unwrap(),
            kind: LicenceKind::Claim,
            holder: Holder::Organisation(Text::parse("Akwatia Diggers").unwrap()),
            mineral: Mineral::Diamond,
            issued: parse_day("2026-01-01").unwrap(),
            expires: parse_day("2026-12-31").unwrap(),
            status: LicenceStatus::Active,
            area: Some(Polygon {
                exterior: Ring::new(vec![p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1), p(x0, y0)])
                    .unwrap(),
                holes: vec![],
            }),
        };
        Op {
            record: Uuid::now_v7(),
            stamp: stamp(),
            region,
            body: OpBody::Licence(l.into_fields().into_iter().map(Set::new).collect()),
        }
    }

    pub fn production(region: Uuid, licence: Uuid, stones: &[u64]) -> Op {
        let p = Production {
            licence,
            miner: None,
            date: parse_day("2026-03-02").unwrap(),
            fix: GeoFix {
                point: Point::new(-0.80, 6.04).unwrap(),
                accuracy: AccuracyMetres::new(8).unwrap(),
            },
            diggers: Diggers::new(6).unwrap(),
            gravel: GravelLitres::new(3_000).unwrap(),
            stones: Stones::Weighed(
                stones
                    .iter()
                    .map(|h| Carats::from_hundredths(*h).unwrap())
                    .collect(),
            ),
            mineral: Mineral::Diamond,
        };
        Op {
            record: Uuid::now_v7(),
            stamp: stamp(),
            region,
            body: OpBody::Production(vec![Set::new(FactField::Body(p))]),
        }
    }
}
