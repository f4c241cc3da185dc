//! `/devices` (administrators): every enrolled device with its agent, regions, last sync
//! and state, and a button to revoke one (with a reason, logged as `placer admin
//! revoke-device` logs it: [`Core::revoke`]), once confirmed on a page of its own; and a
//! form that issues a one-time code for a new handset ([`Core::issue_code`], as `placer
//! admin enrol-code`), shown with the field app's link and its QR code.

use actix_web::{HttpRequest, HttpResponse};
use maud::html;
use serde::Deserialize;

use crate::i18n::{t, ta, Arg};
use crate::web::format::{cells, time};
use crate::web::pages::{path_id, spliced, worded_by, Regions, MARK};
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
    let mut table = Table::new(
        "devices",
        ta("dev-caption", &[("count", Arg::from(devices.len()))]),
        vec![
            Column::text("agent", t("dev-col-agent")),
            Column::text("label", t("dev-col-label")),
            Column::text("regions", t("dev-col-regions")),
            Column::text("last_sync", t("dev-last-sync")),
            Column::number("batches", t("dev-col-batches")),
            Column::text("enrolled", t("dev-col-enrolled")),
            Column::text("state", t("dev-col-state")),
            Column::text("device", t("dev-device")),
        ],
    );
    table.empty = t("dev-none");
    for d in &devices {
        let r = &d.device;
        let names: Vec<String> = r.regions.iter().map(|id| regions.name(*id)).collect();
        // In the page's language; the CSV's as it reads in English.
        let state = worded_by(|| match &r.revoked {
            Some(v) => ta(
                "dev-state-revoked",
                &[
                    ("at", Arg::from(time(v.at))),
                    ("reason", Arg::from(v.reason.to_string())),
                ],
            ),
            None => t("dev-state-active"),
        });
        let action = r.revoked.is_none().then(|| {
            html! {
                form.inline name="revoke" id=(format!("revoke-{}", r.id)) method="post"
                    action=(format!("/devices/{}/revoke", r.id)) {
                    input type="hidden" name="csrf" value=(signed.csrf);
                    input type="text" name="reason" placeholder=(t("dev-reason-placeholder")) required size="16";
                    " "
                    button type="submit" { (t("dev-revoke")) }
                }
            }
        });
        table.row_with_action(
            vec![
                r.agent.clone().into(),
                r.label.clone().into(),
                names.join("; ").into(),
                d.head.received.map(time).unwrap_or_default().into(),
                cells::count(i64::try_from(d.head.seq).unwrap_or(i64::MAX)),
                time(r.enrolled_at).into(),
                state,
                r.id.to_string().into(),
            ],
            action,
        );
    }
    if let Some(id) = table::csv_wanted(&req)? {
        return table::csv_response(&[&table], &id);
    }
    let body = html! {
        p.note { (t("dev-note")) }
        (table.html(&req))
        h2 #enrol { (t("dev-enrol-title")) }
        form.filters #enrol-code name="enrol-code" method="post" action="/devices/codes" {
            input type="hidden" name="csrf" value=(signed.csrf);
            label { (t("dev-enrol-agent")) input type="text" name="agent" required maxlength="200" size="24"; }
            label { (t("dev-enrol-region")) (regions.select("region", None, None)) }
            label { (t("dev-enrol-hours")) input type="number" name="hours" value="72" min="1" max="2160" required; }
            button type="submit" { (t("dev-enrol-submit")) }
        }
    };
    Ok(layout::ok(layout::page(
        &signed,
        "/devices",
        &t("dev-title"),
        body,
    )))
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    agent: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    hours: String,
}

/// `POST /devices/codes` (agent, region, hours, csrf): a one-time code for a new handset
/// of `agent` serving `region` (and what lies below it), valid `hours`; the page shows
/// it once, with the field app's link on this server and the link's QR code, for the
/// agent's phone camera. The code itself is never stored, only its digest.
pub async fn issue_code(
    req: HttpRequest,
    posted: Posted<CodeForm>,
) -> Result<HttpResponse, WebError> {
    let form = posted.form;
    let region = uuid::Uuid::parse_str(form.region.trim())
        .map_err(|_| WebError::BadRequest(t("dev-enrol-bad-region")))?;
    let hours: u64 = form
        .hours
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest(t("dev-enrol-bad-hours")))?;
    let core = core(&req)?;
    let officer = posted.signed.officer.clone();
    let agent = form.agent;
    let (issued, regions) = blocking(move || {
        let regions = Regions::readable(&core, &officer)?;
        Ok((
            core.issue_code(&officer, &agent, vec![region], hours)?,
            regions,
        ))
    })
    .await?;
    let info = req.connection_info();
    let base = format!("{}://{}", info.scheme(), info.host());
    let link = crate::enrol_link::app_link(&base, &issued.code);
    // Inline in the page: the `<svg>` element, without the XML declaration before it.
    let qr = crate::enrol_link::qr_svg(&link, 240).unwrap_or_default();
    let qr = qr.find("<svg").map_or("", |at| &qr[at..]).to_string();
    let body = html! {
        p.note { (t("dev-code-note")) }
        dl.figures {
            (super::figure("code", &t("dev-code"), &issued.code, &issued.code))
            (super::figure("agent", &t("dev-col-agent"), &issued.agent, &issued.agent))
            (super::figure("regions", &t("dev-col-regions"), &regions.name(region), &region.to_string()))
            (super::figure("expires", &t("dev-code-expires"), &issued.expires, &issued.expires))
        }
        p { (t("dev-code-link")) " " a #field-link href=(link) { (link) } }
        figure #code-qr { (maud::PreEscaped(qr)) }
        p { a href="/devices" { (t("dev-code-back")) } }
    };
    Ok(layout::ok(layout::page(
        &posted.signed,
        "/devices",
        &t("dev-code-title"),
        body,
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
            .ok_or_else(|| {
                WebError::NotFound(ta("dev-no-device", &[("id", Arg::from(id.to_string()))]))
            })?;
        let r = &d.device;
        if r.revoked.is_some() {
            return Err(WebError::Conflict(ta(
                "dev-revoked-already",
                &[("id", Arg::from(id.to_string()))],
            )));
        }
        let label = if r.label.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.label)
        };
        let question = ta(
            "dev-confirm-question",
            &[("agent", Arg::from(MARK)), ("label", Arg::from(label))],
        );
        let body = html! {
            p #confirm-question { (spliced(&question, html! { strong { (r.agent) } })) }
            dl.figures {
                (super::figure("device", &t("dev-device"), &r.id.to_string(), &r.id.to_string()))
                (super::figure("last_sync", &t("dev-last-sync"), &d.head.received.map(time).unwrap_or_else(|| t("dev-never")), ""))
            }
            form #confirm-revoke name="confirm-revoke" method="post" action=(format!("/devices/{id}/revoke")) {
                input type="hidden" name="csrf" value=(posted.signed.csrf);
                input type="hidden" name="confirm" value="yes";
                label { (t("dev-reason")) input type="text" name="reason" value=(reason) required size="30"; }
                p {
                    button type="submit" { (t("dev-confirm")) }
                    " " a href="/devices" #cancel { (t("dev-cancel")) }
                }
            }
        };
        return Ok(layout::ok(layout::page(
            &posted.signed,
            "/devices",
            &t("dev-confirm-title"),
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
