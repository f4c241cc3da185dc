//! HTTPS on the public listener, the refusal of plain HTTP beyond this machine (server and
//! device), and the files a registry and a device keep private: owner-only directories
//! and files, a data directory others may enter refused, the device key sealed at rest.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use sync_protocol::batch::DeviceKey;
use sync_protocol::client::keys::{key_file, MAGIC};
use sync_protocol::client::{Kek, KeyStore};
use tempfile::TempDir;

use crate::harness::*;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A self-signed certificate for `localhost` and 127.0.0.1 and its key, as PEM files.
struct Cert {
    cert: PathBuf,
    key: PathBuf,
    _tmp: TempDir,
}

fn self_signed() -> Cert {
    let tmp = tempfile::tempdir().unwrap();
    let made =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    let cert = tmp.path().join("cert.pem");
    let key = tmp.path().join("key.pem");
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.key_pair.serialize_pem()).unwrap();
    Cert {
        cert,
        key,
        _tmp: tmp,
    }
}

fn https_server(cert: &Cert) -> Server {
    Spawn::new()
        .arg("--tls-cert")
        .arg(&cert.cert)
        .arg("--tls-key")
        .arg(&cert.key)
        .start()
}

/// The key a device enrolled through the command line signs with, unsealed with its KEK.
fn unsealed_key(d: &Device) -> Vec<u8> {
    let hex_key = std::fs::read_to_string(&d.kek_file).unwrap();
    let kek: [u8; 32] = hex::decode(hex_key.trim()).unwrap().try_into().unwrap();
    let sealed = std::fs::read(key_file(&d.dir)).unwrap();
    Kek::from_bytes(&kek)
        .unwrap()
        .unwrap(sealed.strip_prefix(MAGIC).expect("a sealed key file"))
        .unwrap()
}

#[test]
fn a_device_enrols_and_syncs_over_https_and_every_answer_carries_hsts() {
    let cert = self_signed();
    let server = https_server(&cert);
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    // `placer admin` reaches the running server through server.json and the plain
    // loopback admin listener.
    let code = server.enrol_code("Ama", &[region(1)]);
    let trust = [("PLACER_CA_CERT", cert.cert.to_str().unwrap())];

    let d = Device::new();
    let out = d.run_env(&["init", "--server", &server.url, "--code", &code], &trust);
    assert!(out.status.success(), "init over https: {}", stderr(&out));
    let out = d.run_env(
        &[
            "miner",
            "add",
            "--names",
            "Kofi Mensah",
            "--sex",
            "male",
            "--birth-year",
            "1990",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = d.run_env(&["sync", "--json", "--attempts", "1"], &trust);
    assert!(out.status.success(), "sync over https: {}", stderr(&out));
    let report: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["batches_acknowledged"], 1, "{report}");
    assert_eq!(server.stats()["accepted_batches"], 1, "{}", server.stats());

    // Without the test's CA the certificate is not trusted, and nothing is sent.
    d.ok(&[
        "miner",
        "add",
        "--names",
        "Esi Owusu",
        "--sex",
        "female",
        "--birth-year",
        "1988",
    ]);
    let out = d.run(&["sync", "--attempts", "1"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("certificate"), "{}", stderr(&out));

    let client = reqwest::blocking::Client::builder()
        .add_root_certificate(
            reqwest::Certificate::from_pem(&std::fs::read(&cert.cert).unwrap()).unwrap(),
        )
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    for path in ["/healthz", "/no/such/endpoint", "/v1/conflicts", "/"] {
        let r = client.get(format!("{}{path}", server.url)).send().unwrap();
        assert_eq!(
            r.headers()
                .get("strict-transport-security")
                .map(|v| v.to_str().unwrap()),
            Some("max-age=31536000"),
            "{path} ({})",
            r.status()
        );
    }
    // The public port speaks TLS only.
    let plain = reqwest::blocking::Client::new()
        .get(format!(
            "{}/healthz",
            server.url.replacen("https", "http", 1)
        ))
        .timeout(Duration::from_secs(10))
        .send();
    assert!(!plain.is_ok_and(|r| r.status().is_success()));
    // The admin listener stays plain HTTP on loopback.
    assert!(server.admin_url.starts_with("http://127.0.0.1:"));
}

#[test]
fn plain_http_beyond_loopback_is_refused_unless_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let started = Instant::now();
    let out = run(placer()
        .args(["serve", "--data"])
        .arg(&data)
        .args(["--listen", "0.0.0.0:0"]));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("refusing to serve plain HTTP on 0.0.0.0:0")
            && err.contains("--insecure-http"),
        "{err}"
    );
    // Refused before anything was opened or bound.
    assert!(!data.exists());
    assert!(started.elapsed() < Duration::from_secs(30));

    let out = run(placer()
        .args(["demo", "--data"])
        .arg(tmp.path().join("demo"))
        .args(["--listen", "0.0.0.0:0"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("refusing to serve plain HTTP"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("demo").exists());

    // Said knowingly, it serves (nothing here talks to it but the admin command).
    let server = Spawn::new()
        .listen("0.0.0.0:0")
        .arg("--insecure-http")
        .start();
    assert!(server.log().contains("--insecure-http"), "{}", server.log());
    server.admin(&["stats"]);
}

#[test]
fn a_bad_certificate_or_key_is_a_clear_error_and_nothing_starts() {
    let cert = self_signed();
    let other = self_signed();
    let tmp = tempfile::tempdir().unwrap();
    let garbage = tmp.path().join("garbage.pem");
    std::fs::write(&garbage, "not a certificate\n").unwrap();
    let missing = tmp.path().join("missing.pem");
    let cases: [(&Path, &Path, &str); 4] = [
        (&missing, &cert.key, "--tls-cert"),
        (&garbage, &cert.key, "no certificate"),
        (&cert.cert, &garbage, "no private key"),
        (&cert.cert, &other.key, "--tls-key"),
    ];
    for (c, k, expected) in cases {
        let data = tmp.path().join("data");
        let out = run(placer()
            .args(["serve", "--data"])
            .arg(&data)
            .arg("--tls-cert")
            .arg(c)
            .arg("--tls-key")
            .arg(k));
        assert!(!out.status.success(), "{c:?} {k:?}");
        let err = stderr(&out);
        assert!(err.contains(expected), "{c:?} {k:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!data.exists());
    }
}

#[test]
fn the_device_refuses_plain_http_beyond_loopback() {
    let d = Device::new();
    let started = Instant::now();
    let out = d.run(&[
        "init",
        "--server",
        "http://192.0.2.1:8080",
        "--code",
        "ABCD-EFGH",
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("refusing the server URL http://192.0.2.1:8080") && err.contains("https://"),
        "{err}"
    );
    // Refused before any connection could have been tried (none would answer in time).
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!d.dir.exists());
    let out = d.run(&[
        "init",
        "--server",
        "ftp://127.0.0.1/",
        "--code",
        "ABCD-EFGH",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("https://"), "{}", stderr(&out));
}

#[test]
fn a_registry_and_a_device_keep_their_files_to_their_owner() {
    let server = spawn_server();
    let d = server.device("Ama", &[region(1)]);
    d.add_miner("Kofi Mensah", 1990, &[]);
    d.sync();

    let data = &server.data;
    for dir in [data.clone(), data.join("log"), data.join("state")] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    assert_eq!(mode(&data.join("server.json")), 0o600);
    let segments: Vec<PathBuf> = std::fs::read_dir(data.join("log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!segments.is_empty());
    for s in &segments {
        assert_eq!(mode(s), 0o600, "{}", s.display());
    }
    assert_eq!(mode(&d.dir), 0o700);
    assert_eq!(mode(&key_file(&d.dir)), 0o600);
    assert_eq!(mode(&d.kek_file), 0o600);

    // The key file holds the key sealed: not its PKCS#8, not its 32-byte seed (after the
    // document's 16-byte header), nor does any other file of the device; unsealed, it is
    // the key the server knows the device by.
    let pkcs8 = unsealed_key(&d);
    let key = DeviceKey::from_pkcs8(&pkcs8).unwrap();
    let id = d.status()["identity"]["device"]
        .as_str()
        .unwrap()
        .to_string();
    let known = server
        .admin_get("/admin/devices")
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["device"]["id"] == id.as_str())
        .unwrap()["device"]["public_key"]
        .clone();
    assert_eq!(serde_json::to_value(key.public_key()).unwrap(), known);
    let seed = &pkcs8[16..48];
    for f in files_under(&d.dir) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !bytes.windows(seed.len()).any(|w| w == seed),
            "{} holds the private key",
            f.display()
        );
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_data_or_device_directory_others_may_enter_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = run(placer().args(["serve", "--data"]).arg(&data));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("chmod 700 {}", data.display())) && err.contains("mode 755"),
        "{err}"
    );
    assert!(!data.join("server.json").exists());
    assert!(!data.join("log").exists());
    let out = run(placer().args(["admin", "--data"]).arg(&data).arg("stats"));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("chmod 700"), "{}", stderr(&out));

    let d = Device::new();
    std::fs::create_dir(&d.dir).unwrap();
    std::fs::set_permissions(&d.dir, std::fs::Permissions::from_mode(0o750)).unwrap();
    let out = d.run(&["status"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("chmod 700 {}", d.dir.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_plain_key_left_by_an_older_build_is_sealed_and_still_signs() {
    let server = spawn_server();
    let d = server.device("Ama", &[region(1)]);
    // The device as an older build left it: the key plain in its state, no key file.
    let pkcs8 = unsealed_key(&d);
    {
        let db = sled::open(&d.dir).unwrap();
        let tree = db.open_tree("device").unwrap();
        tree.insert(b"m/key", sync_protocol::codec::encode(&pkcs8[..]).unwrap())
            .unwrap();
        db.flush().unwrap();
    }
    std::fs::remove_file(key_file(&d.dir)).unwrap();

    d.add_miner("Kofi Mensah", 1990, &[]);
    assert_eq!(d.sync()["batches_acknowledged"], 1);
    assert_eq!(mode(&key_file(&d.dir)), 0o600);
    assert_eq!(unsealed_key(&d), pkcs8);
    let db = sled::open(&d.dir).unwrap();
    assert!(db
        .open_tree("device")
        .unwrap()
        .get(b"m/key")
        .unwrap()
        .is_none());
}
