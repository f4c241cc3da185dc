//! The demo's officers and their passwords.

use uuid::Uuid;

use super::districts::Geography;
use crate::app::ServerInfo;
use crate::auth::Role;

/// The regional officer serves the district of Sierra Leone's largest field (Kono).
pub fn regional_district(geo: &Geography) -> (Uuid, String) {
    let c = &geo.countries[1];
    let f = &c.plan.fields[0];
    let id = geo
        .district_well_inside(f.lon, f.lat)
        .expect("field centres lie well inside a district");
    (id, geo.district_name(id).to_string())
}

/// The officers: user name, role, regions, and what to call them.
pub fn logins(regional: &(Uuid, String)) -> Vec<(&'static str, Role, Vec<Uuid>, String)> {
    vec![
        ("admin", Role::Admin, vec![], "administrator".into()),
        (
            "national",
            Role::NationalOfficer,
            vec![],
            "national officer".into(),
        ),
        (
            "regional",
            Role::RegionalOfficer,
            vec![regional.0],
            format!("regional officer, {}", regional.1),
        ),
        (
            "exports",
            Role::ExportMonitor,
            vec![],
            "export monitor".into(),
        ),
    ]
}

/// A demo officer's password: a digest of the seed and the user name, so that the same
/// seed prints the same logins. Demo only: whoever knows the seed knows the password.
pub fn password(seed: u64, user: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let d = sync_protocol::batch::Digest::of(
        format!("placer demo password\0{seed}\0{user}").as_bytes(),
    );
    let chars: Vec<char> = d.0[..12]
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Issues a one-time code for a new handset serving the regional officer's district, and
/// prints the field app's link with it and its QR code, for a phone's camera.
pub fn print_new_handset(
    admin: &crate::cli::admin::Admin,
    info: &ServerInfo,
    regional: &(Uuid, String),
) -> crate::error::Result<()> {
    let issued = admin.issue_code("Demo field agent", vec![regional.0], 72)?;
    let link = crate::enrol_link::app_link(&info.url, &issued.code);
    say!(
        "handset: {} (a new handset's one-time code for {}, expires {})",
        issued.code,
        regional.1,
        issued.expires
    );
    say!("field app: {link}");
    if let Some(qr) = crate::enrol_link::qr_text(&link) {
        say!("{qr}");
    }
    Ok(())
}

pub fn print(info: &ServerInfo, seed: u64, regional: &(Uuid, String)) {
    say!("url: {}", info.url);
    for (user, _, _, what) in logins(regional) {
        say!("login: {user} / {} ({what})", password(seed, user));
    }
    say!(
        "The passwords follow from the seed: for a demo on this machine only. Ctrl-C stops \
         the server; the same command serves this data again."
    );
}
