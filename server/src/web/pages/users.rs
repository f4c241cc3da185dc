//! `/users` (administrators): every officer account with its role, regions and state, and
//! the acts of offboarding: disable or enable an account, end its sessions, set a new
//! password. Each is logged, as `placer admin disable-user` and the others log it.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;

use crate::i18n::{self, t, ta, Arg};
use crate::web::format::time;
use crate::web::pages::{worded, worded_by, Regions};
use crate::web::table::{self, Column, Table};
use crate::web::{blocking, core, layout, Posted, SignedIn, WebError};

/// `GET /users[?format=csv]`
pub async fn list(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let core = core(&req)?;
    let officer = signed.officer.clone();
    let (mut users, regions) =
        blocking(move || Ok((core.users(&officer)?, Regions::readable(&core, &officer)?))).await?;
    users.sort_by(|a, b| a.name.cmp(&b.name));
    let mut table = Table::new(
        "users",
        ta("acct-caption", &[("count", Arg::from(users.len()))]),
        vec![
            Column::text("name", t("acct-col-name")),
            Column::text("role", t("acct-col-role")),
            Column::text("regions", t("acct-col-regions")),
            Column::text("created", t("acct-col-created")),
            Column::text("state", t("acct-col-state")),
            Column::text("sessions_from", t("acct-col-sessions-from")),
        ],
    );
    table.empty = t("acct-none");
    for u in &users {
        let names: Vec<String> = u.regions.iter().map(|id| regions.name(*id)).collect();
        // In the page's language; the CSV's as it reads in English.
        let state = worded_by(|| match u.disabled_at {
            Some(at) => ta("acct-state-disabled", &[("at", Arg::from(time(at)))]),
            None => t("acct-state-active"),
        });
        // The role in words; its name for machines in the CSV.
        let role = worded(
            u.role.name().to_string(),
            crate::web::layout::role_name(i18n::current(), u.role),
        );
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
                (act("enable", &t("acct-enable")))
            } @else {
                (act("disable", &t("acct-disable")))
                " "
                (act("revoke-sessions", &t("acct-end-sessions")))
            }
            " "
            form.inline name="password" method="post"
                action=(format!("/users/{}/password", u.name)) {
                input type="hidden" name="csrf" value=(signed.csrf);
                input type="password" name="password" placeholder=(t("acct-new-password"))
                    autocomplete="new-password" required size="14";
                " "
                button type="submit" { (t("acct-set-password")) }
            }
        };
        table.row_with_action(
            vec![
                u.name.clone().into(),
                role,
                names.join("; ").into(),
                time(u.created_at).into(),
                state,
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
        return table::csv_response(&[&table], &id);
    }
    let body = html! {
        p.note { (t("acct-note")) }
        (table.html(&req))
    };
    Ok(layout::ok(layout::page(
        &signed,
        "/users",
        &t("acct-title"),
        body,
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
