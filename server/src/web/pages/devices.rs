//! `/devices` (administrators): every enrolled device with its agent, regions, last sync
//! and state, and a button to revoke one (with a reason, logged as `placer admin
//! revoke-device` logs it: [`Core::revoke`]).

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
    t.empty = "No device is enrolled.";
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
                    button type="submit" { "Revoke" }
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
}

/// `POST /devices/{id}/revoke` (reason, csrf): back to the list.
pub async fn revoke(
    req: HttpRequest,
    posted: Posted<RevokeForm>,
) -> Result<HttpResponse, WebError> {
    let id = path_id(&req, "device")?;
    let core = core(&req)?;
    let reason = posted.form.reason;
    let officer = posted.signed.officer.clone();
    let by = officer.name.clone();
    blocking(move || core.revoke(&officer, id, &reason)).await?;
    tracing::warn!(device = %id, %by, "device revoked from the dashboard");
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", "/devices"))
        .finish())
}
