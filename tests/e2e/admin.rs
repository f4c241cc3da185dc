//! `placer admin` works with the server running (through its admin listener) and stopped
//! (on the data directory itself), and what it does takes effect either way.

use serde_json::Value as Json;

use crate::harness::*;

fn device_id(d: &Device) -> String {
    d.status()["identity"]["device"]
        .as_str()
        .unwrap()
        .to_string()
}

fn refused_as_revoked(d: &Device) {
    let out = d.run(&["sync"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("device_revoked"), "{err}");
}

#[test]
fn admin_commands_work_with_the_server_running_and_stopped() {
    let mut server = spawn_server();
    let tmp = server.take_tmp();
    let data = server.data.clone();
    let addr = server.addr();
    let a = server.device("Ama", &[region(1)]);
    a.add_miner("Kofi Mensah", 1990, &[]);
    a.sync();

    // Running: the command goes through the server (sled admits one process).
    let via_cli: Json = serde_json::from_str(&server.admin(&["stats"])).unwrap();
    assert_eq!(via_cli, server.stats());
    assert!(
        server.log().contains("/admin/stats"),
        "answered by the running server"
    );

    // Stopped hard: server.json is stale, the command opens the data directory itself.
    server.kill9();
    let code = enrol_code(&data, "Kwame", &[region(1)]);
    let devices: Json = serde_json::from_str(&admin(&data, &["devices"])).unwrap();
    assert_eq!(devices.as_array().unwrap().len(), 1);
    admin(
        &data,
        &[
            "revoke-device",
            &device_id(&a),
            "--reason",
            "handset stolen",
        ],
    );

    // What was done offline holds once the server is back.
    let mut server = Spawn::new().data(&data).listen(&addr).start();
    refused_as_revoked(&a);
    let b = Device::new();
    b.ok(&["init", "--server", &server.url, "--code", &code]);
    assert_eq!(
        b.sync()["changes_pulled"],
        1,
        "the new device gets the region's miner"
    );

    // Revoking through the running server takes effect at once.
    server.admin(&["revoke-device", &device_id(&b)]);
    refused_as_revoked(&b);
    let listed: Json = serde_json::from_str(&server.admin(&["devices"])).unwrap();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|d| !d["device"]["revoked"].is_null()));

    // A clean stop removes server.json; admin then works on the directory.
    server.terminate();
    assert!(!data.join("server.json").exists());
    let stats: Json = serde_json::from_str(&admin(&data, &["stats"])).unwrap();
    assert_eq!(stats["records"]["miner"], 1);
    assert_eq!(stats["devices"], 2);

    // A used code cannot enrol another device.
    let server = Spawn::new().data(&data).listen(&addr).start();
    let c = Device::new();
    let out = c.run(&["init", "--server", &server.url, "--code", &code]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad_code"));
    drop(tmp);
}

/// `placer admin enrol-code --app-url` prints the field app's link with the code in its
/// fragment and draws the link as a QR code; without `--app-url` the QR code holds the
/// code alone. The code enrols a device either way.
#[test]
fn an_enrolment_code_comes_with_the_field_apps_link_and_its_qr_code() {
    let server = spawn_server();
    let regions = region(1).to_string();
    let out = admin(
        &server.data,
        &[
            "enrol-code",
            "--agent",
            "Awa",
            "--regions",
            &regions,
            "--app-url",
            "https://registry.example/",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    let code = lines[0].trim();
    assert!(!code.is_empty() && !code.contains(' '), "{out}");
    assert_eq!(
        lines[2],
        format!("field app: https://registry.example/field/#code={code}")
    );
    let qr = &lines[3..];
    assert!(qr.len() > 10, "{out}");
    assert!(
        qr.iter().all(|l| l.chars().all(|c| " ▀▄█".contains(c))),
        "{out}"
    );
    let bare = admin(
        &server.data,
        &["enrol-code", "--agent", "Kofi", "--regions", &regions],
    );
    assert!(!bare.contains("field app:"), "{bare}");
    assert!(bare.lines().count() > 10, "the code as a QR code: {bare}");
    // The printed code enrols a device.
    let d = RawDevice::enrol_with(&server, code);
    assert!(!d.regions.is_empty());
}
