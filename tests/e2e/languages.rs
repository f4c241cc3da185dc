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

/// The dashboard's frame and login page read in the browser's language, or in the one
/// chosen on the page (kept in a cookie), in English, French or Portuguese.
#[test]
fn the_dashboards_frame_reads_in_the_browsers_language_or_the_one_chosen() {
    use crate::web::Browser;
    let server = spawn_server();
    server.officer("lang.admin", "admin", &[]);
    let b = Browser::new(&server);
    let get = |path: &str, cookie: Option<&str>, lang: &str| {
        let mut req = b
            .client
            .get(format!("{}{path}", server.url))
            .header("accept-language", lang);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        b.send(req)
    };
    let login = get("/login", None, "fr-CI,fr;q=0.9,en;q=0.5");
    assert_eq!(login.status, 200);
    assert!(login.body.contains("<html lang=\"fr\""), "{}", login.body);
    assert!(login.body.contains("Mot de passe") && login.body.contains("Connexion"));
    let english = get("/login", None, "de-DE");
    assert!(english.body.contains("<html lang=\"en\"") && english.body.contains("Password"));

    let admin = b.login("lang.admin");
    let overview = get("/", Some(&admin), "fr");
    assert_eq!(overview.status, 200);
    for words in [
        "Vue d&#39;ensemble",
        "Signalements",
        "Se déconnecter",
        "administrateur",
    ] {
        let shown =
            overview.body.contains(words) || overview.body.contains(&words.replace("&#39;", "'"));
        assert!(shown, "{words} in {}", overview.body);
    }

    // Chosen on the page: kept in a cookie, whatever the browser asks.
    let chosen = get("/language/pt?next=/flags", Some(&admin), "fr");
    assert_eq!((chosen.status, chosen.location.as_str()), (303, "/flags"));
    let lang = chosen.cookie("placer_lang").expect("a language cookie");
    assert!(lang.starts_with("placer_lang=pt"), "{lang}");
    let cookies = format!("{admin}; placer_lang=pt");
    let flags = get("/flags", Some(&cookies), "fr");
    assert!(flags.body.contains("<html lang=\"pt\"") && flags.body.contains("Alertas"));
    assert!(
        flags
            .body
            .contains("value=\"en\" lang=\"en\" data-lang=\"en\"")
            && flags.body.contains("name=\"next\" value=\"/flags\""),
        "{}",
        flags.body
    );

    // Refused: a language it does not speak; a way back to another site goes home.
    assert_eq!(get("/language/sw?next=/", None, "fr").status, 400);
    let away = get("/language/fr?next=//evil.example", None, "en");
    assert_eq!((away.status, away.location.as_str()), (303, "/"));
}

/// A language chosen by a signed-in officer is kept with the account: it is logged, so it
/// outlives the server's restart and a rebuild, and it follows the officer to a browser
/// that asks for another language.
#[test]
fn an_officers_choice_of_language_follows_their_account() {
    use crate::web::{attr, Browser};
    let mut server = spawn_server();
    server.officer("awa.kone", "national-officer", &[]);
    let b = Browser::new(&server);
    let session = b.login("awa.kone");
    let overview = b.page("/flags?state=open", &session);
    assert!(
        overview.contains("data-lang=\"fr\"") && overview.contains("action=\"/language\""),
        "the frame offers the languages as a form"
    );
    let csrf = attr(&overview, "name=\"csrf\"", "value");
    // Refused: a wrong token, a language Placer does not speak; nothing is kept.
    let forged = b.post(
        "/language",
        Some(&session),
        &[("lang", "fr"), ("next", "/flags"), ("csrf", "x")],
        &[],
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    let unknown = b.post(
        "/language",
        Some(&session),
        &[("lang", "sw"), ("next", "/flags"), ("csrf", &csrf)],
        &[],
    );
    assert_eq!(unknown.status, 400, "{}", unknown.body);
    assert!(!server_log(&server.data).contains("language chosen"));

    let chosen = b.post(
        "/language",
        Some(&session),
        &[
            ("lang", "fr"),
            ("next", "/flags?state=open"),
            ("csrf", &csrf),
        ],
        &[],
    );
    assert_eq!(
        (chosen.status, chosen.location.as_str()),
        (303, "/flags?state=open"),
        "{}",
        chosen.body
    );
    assert!(chosen
        .cookie("placer_lang")
        .is_some_and(|c| c.starts_with("placer_lang=fr")));

    // Another browser, asking for English, after a restart of the server: the login gives
    // it the account's language.
    server.terminate();
    let server = Spawn::new().data(&server.data).start();
    let other = Browser::new(&server);
    let login = other.login_with("awa.kone", OFFICER_PASSWORD, &[("accept-language", "en")]);
    assert_eq!(login.status, 303, "{}", login.body);
    let lang = login.cookie("placer_lang").expect("the account's language");
    assert!(lang.starts_with("placer_lang=fr"), "{lang}");
    let session = login
        .cookie("placer_session")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = other.send(
        other
            .client
            .get(format!("{}/flags", server.url))
            .header("accept-language", "en")
            .header("cookie", format!("{session}; placer_lang=fr")),
    );
    assert!(page.body.contains("<html lang=\"fr\""), "{}", page.body);
    assert!(page.body.contains("Signalements"));
    // An account that chose nothing gets no language cookie: the browser's own applies.
    server.officer("kofi.mensah", "national-officer", &[]);
    let plain = other.login_with("kofi.mensah", OFFICER_PASSWORD, &[]);
    assert!(plain.cookie("placer_lang").is_none());
}
