//! The field app's protocol core (`server/field/js/protocol/`, the JavaScript a handset runs)
//! agrees with the reference implementation: its tests (`server/field/test/`) read every
//! conformance vector of `sync-protocol/vectors/` and PROTOCOL.md's worked example, and
//! run here under Node.js (`node --test`), so that `cargo test` fails when the app, the
//! Rust client and the server could disagree.

use std::path::Path;
use std::process::Command;

#[test]
fn the_field_apps_protocol_core_agrees_with_every_conformance_vector() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = match Command::new("node")
        .args(["--test", "server/field/test/"])
        .current_dir(&root)
        .output()
    {
        Ok(out) => out,
        Err(e) if std::env::var_os("PLACER_SKIP_NODE").is_some() => {
            eprintln!("node not found ({e}): the field app's core is not checked");
            return;
        }
        Err(e) => panic!(
            "Node.js is needed to test the field app's protocol core (`node`: {e}); \
             .ci/run installs it, PLACER_SKIP_NODE=1 skips this test"
        ),
    };
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    let count = |what: &str| -> u32 {
        report
            .lines()
            .find_map(|l| l.strip_prefix(&format!("# {what} ")))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no `# {what}` line in {report}"))
    };
    assert_eq!(count("fail"), 0, "{report}");
    assert!(count("pass") >= 200, "every vector is checked: {report}");
}
