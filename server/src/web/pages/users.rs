//! `/users` (administrators): every officer account with its role, regions and state, and
//! the acts of offboarding: disable or enable an account, end its sessions, set a new
//! password. Each is logged, as `placer admin disable-user` and the others log it.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;

use crate::web::format::time;
use crate::web::pages::Regions;
use crate::web::table::{self, Column, Table};
use crate::web::{blocking, core, layout, Posted, SignedIn, WebError};

/// `GET /users[?format=csv]`
pub async fn list(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let core = core(&req)?;
    let officer = signed.officer.clone();
    let (mut users, regions) =
        blocking(move || Ok((core.users(&officer)?, Regions::readable(&core, &officer)?))).await?;
    users.sort_by(|a, b| a.name.cmp(&b.name));
    let mut t = Table::new(
        "users",
        format!("Accounts ({})", users.len()),
        vec![
            Column::text("name", "Name"),
            Column::text("role", "Role"),
            Column::text("regions", "Regions"),
            Column::text("created", "Created"),
            Column::text("state", "State"),
            Column::text("sessions_from", "Logins ended before"),
        ],
    );
    t.empty = "No account.".into();
    for u in &users {
        let names: Vec<String> = u.regions.iter().map(|id| regions.name(*id)).collect();
        let state = match u.disabled_at {
            Some(at) => format!("disabled {}", time(at)),
            None => "active".into(),
        };
        let act = |act: &str, label: &str| {
            html! {
                form.inline name=(act) method="post"
                    action=(format!("/users/{}/{act}", u.name)) {
                    input type="hidden" name="csrf" value=(signed.csrf);
                    button type="submit" { (label) }
                }
            }
        };
        let action = html! {
            @if u.disabled_at.is_some() {
                (act("enable", "Enable"))
            } @else {
                (act("disable", "Disable"))
                " "
                (act("revoke-sessions", "End sessions"))
            }
            " "
            form.inline name="password" method="post"
                action=(format!("/users/{}/password", u.name)) {
                input type="hidden" name="csrf" value=(signed.csrf);
                input type="password" name="password" placeholder="new password"
                    autocomplete="new-password" required size="14";
                " "
                button type="submit" { "Set password" }
            }
        };
        t.row_with_action(
            vec![
                u.name.clone().into(),
                u.role.name().to_string().into(),
                names.join("; ").into(),
                time(u.created_at).into(),
                state.into(),
                if u.sessions_from > sync_protocol::clock::Hlc::ZERO {
                    time(u.sessions_from).into()
                } else {
                    String::new().into()
                },
            ],
            Some(action),
        );
    }
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&t], &id);
    }
    let body = html! {
        p.note { "When an officer leaves or loses a device, disable the account: it can no longer log in and its open sessions end at once. A new password also ends every session." }
        (t.html(&req))
    };
    Ok(layout::ok(layout::page(
        &signed, "/users", "Accounts", body,
    )))
}

#[derive(Debug, Deserialize)]
pub struct ActForm {
    #[serde(default)]
    password: Option<String>,
}

/// `POST /users/{name}/{act}` (csrf; `password` for `password`): back to the list.
pub async fn act(req: HttpRequest, posted: Posted<ActForm>) -> Result<HttpResponse, WebError> {
    let name = req.match_info().get("name").unwrap_or_default().to_string();
    let act = crate::core::AccountAct::parse(
        req.match_info().get("act").unwrap_or_default(),
        posted.form.password,
    )?;
    let what = act.name();
    let core = core(&req)?;
    let officer = posted.signed.officer.clone();
    let by = officer.name.clone();
    let user = blocking(move || core.act_on_account(&officer, &name, act)).await?;
    tracing::warn!(user = %user.name, act = what, %by, "account act from the dashboard");
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", "/users"))
        .finish())
}
