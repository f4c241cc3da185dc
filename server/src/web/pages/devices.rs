//! `/devices` (administrators): every enrolled device with its agent, regions, last sync
//! and state, and a button to revoke one (with a reason, logged as `placer admin
//! revoke-device` logs it: [`Core::revoke`]), once confirmed on a page of its own.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;

use crate::web::format::{cells, time};
use crate::web::pages::{path_id, Regions};
use crate::web::table::{self, Column, Table};
use crate::web::{blocking, core, layout, Posted, SignedIn, WebError};

/// `GET /devices[?format=csv]`
pub async fn list(req: HttpRequest, signed: SignedIn) -> Result<HttpResponse, WebError> {
    let core = core(&req)?;
    let officer = signed.officer.clone();
    let (mut devices, regions) =
        blocking(move || Ok((core.devices(&officer)?, Regions::readable(&core, &officer)?)))
            .await?;
    devices.sort_by(|a, b| (&a.device.agent, a.device.id).cmp(&(&b.device.agent, b.device.id)));
    let mut t = Table::new(
        "devices",
        format!("Devices ({})", devices.len()),
        vec![
            Column::text("agent", "Agent"),
            Column::text("label", "Label"),
            Column::text("regions", "Regions"),
            Column::text("last_sync", "Last sync"),
            Column::number("batches", "Batches"),
            Column::text("enrolled", "Enrolled"),
            Column::text("state", "State"),
            Column::text("device", "Device"),
        ],
    );
    t.empty = "No device is enrolled.".into();
    for d in &devices {
        let r = &d.device;
        let names: Vec<String> = r.regions.iter().map(|id| regions.name(*id)).collect();
        let state = match &r.revoked {
            Some(v) => format!("revoked {}: {}", time(v.at), v.reason),
            None => "active".into(),
        };
        let action = r.revoked.is_none().then(|| {
            html! {
                form.inline name="revoke" id=(format!("revoke-{}", r.id)) method="post"
                    action=(format!("/devices/{}/revoke", r.id)) {
                    input type="hidden" name="csrf" value=(signed.csrf);
                    input type="text" name="reason" placeholder="reason" required size="16";
                    " "
                    button type="submit" { "Revoke…" }
                }
            }
        });
        t.row_with_action(
            vec![
                r.agent.clone().into(),
                r.label.clone().into(),
                names.join("; ").into(),
                d.head.received.map(time).unwrap_or_default().into(),
                cells::count(i64::try_from(d.head.seq).unwrap_or(i64::MAX)),
                time(r.enrolled_at).into(),
                state.into(),
                r.id.to_string().into(),
            ],
            action,
        );
    }
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&t], &id);
    }
    let body = html! {
        p.note { "A revoked device can no longer sync; what it sent stays. Revoke a lost or stolen handset at once." }
        (t.html(&req))
    };
    Ok(layout::ok(layout::page(
        &signed, "/devices", "Devices", body,
    )))
}

#[derive(Debug, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    reason: String,
    /// `yes` once the officer confirmed on the confirmation page; anything else asks.
    #[serde(default)]
    confirm: String,
}

/// `POST /devices/{id}/revoke` (reason, csrf, confirm): without `confirm=yes`, a page
/// that names the device and asks (nothing changes); with it, the device is revoked and
/// the browser goes back to the list. A form, not a script: the pages run none.
pub async fn revoke(
    req: HttpRequest,
    posted: Posted<RevokeForm>,
) -> Result<HttpResponse, WebError> {
    let id = path_id(&req, "device")?;
    let core = core(&req)?;
    let reason = posted.form.reason;
    let officer = posted.signed.officer.clone();
    if posted.form.confirm != "yes" {
        let devices = blocking(move || core.devices(&officer)).await?;
        let d = devices
            .into_iter()
            .find(|d| d.device.id == id)
            .ok_or_else(|| WebError::NotFound(format!("there is no device {id}")))?;
        let r = &d.device;
        if r.revoked.is_some() {
            return Err(WebError::Conflict(format!(
                "device {id} is revoked already"
            )));
        }
        let body = html! {
            p #confirm-question {
                "Revoke the device of " strong { (r.agent) }
                @if !r.label.is_empty() { " (" (r.label) ")" }
                "? It will no longer sync; what it sent stays. This cannot be undone."
            }
            dl.figures {
                (super::figure("device", "Device", &r.id.to_string(), &r.id.to_string()))
                (super::figure("last_sync", "Last sync", &d.head.received.map(time).unwrap_or_else(|| "never".into()), ""))
            }
            form #confirm-revoke name="confirm-revoke" method="post" action=(format!("/devices/{id}/revoke")) {
                input type="hidden" name="csrf" value=(posted.signed.csrf);
                input type="hidden" name="confirm" value="yes";
                label { "Reason" input type="text" name="reason" value=(reason) required size="30"; }
                p {
                    button type="submit" { "Yes, revoke this device" }
                    " " a href="/devices" #cancel { "Cancel" }
                }
            }
        };
        return Ok(layout::ok(layout::page(
            &posted.signed,
            "/devices",
            "Revoke a device?",
            body,
        )));
    }
    let by = officer.name.clone();
    blocking(move || core.revoke(&officer, id, &reason)).await?;
    tracing::warn!(device = %id, %by, "device revoked from the dashboard");
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", "/devices"))
        .finish())
}
