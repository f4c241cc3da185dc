//! The device command line speaks the agent's language: English, French or Portuguese,
//! as the shell asks (`PLACER_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`).

use crate::harness::*;

fn out(d: &Device, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let o = d.run_env(args, env);
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.success(), text)
}

#[test]
fn the_device_command_line_answers_in_the_shells_language() {
    let server = spawn_server();
    let d = server.device("Aminata", &[region(1)]);
    let miner = d.add_miner("Mariama Camara", 1990, &[]);
    let french = [("LANG", "fr_CI.UTF-8"), ("LC_ALL", ""), ("PLACER_LANG", "")];
    let (ok, text) = out(&d, &["sync"], &french);
    assert!(ok, "{text}");
    assert!(
        text.contains("lot(s) envoyé(s)") && text.contains("restent sur l'appareil"),
        "{text}"
    );
    let (_, text) = out(&d, &["list", "miner"], &french);
    assert!(text.contains("1 enregistrement(s)"), "{text}");
    let (ok, text) = out(&d, &["edit", "miner", &miner, "--set", "phone"], &french);
    assert!(
        !ok && text.contains("n'est pas de la forme CHAMP=VALEUR"),
        "{text}"
    );

    let portuguese = [("PLACER_LANG", "pt"), ("LANG", "fr_FR.UTF-8")];
    let (_, text) = out(&d, &["list", "miner"], &portuguese);
    assert!(text.contains("1 registo(s)"), "{text}");
    let english = [
        ("PLACER_LANG", ""),
        ("LC_ALL", "C"),
        ("LANG", "sw_TZ.UTF-8"),
    ];
    let (_, text) = out(&d, &["list", "miner"], &english);
    assert!(text.contains("1 record(s)"), "{text}");
}
