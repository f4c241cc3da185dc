//! Erasing a person's values from a miner's page (administrators): the form, and
//! `POST /records/miner/{id}/erase`, which calls [`crate::core::Core::erase_personal`] as the
//! API and `placer admin erase-person` do. The form asks for the reason and a confirmation
//! box, so that an erasure, which cannot be undone, is never one click.

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;
use sync_protocol::personal::PersonalField;
use uuid::Uuid;

use crate::i18n::{t, ta, Arg};
use crate::web::{blocking, core, Posted, WebError};

use super::field_words;

/// The form, for an administrator on a miner's page.
pub fn form(miner: Uuid, csrf: &str) -> Markup {
    html! {
        h2 #erase { (t("rec-erase-title")) }
        p.note { (t("rec-erase-note")) }
        form.erase name="erase" method="post" action=(format!("/records/miner/{miner}/erase")) {
            input type="hidden" name="csrf" value=(csrf);
            label {
                (t("rec-erase-what")) " "
                select name="field" {
                    option value="" { (t("rec-erase-every-value")) }
                    @for f in PersonalField::ALL {
                        option value=(f.name()) { (ta("rec-erase-earlier-values", &[("field", Arg::from(field_words(f.name())))])) }
                    }
                }
            }
            " "
            label { (t("rec-erase-reason")) " " input type="text" name="reason" required maxlength="500" size="40"; }
            " "
            label { input type="checkbox" name="confirm" value="yes" required; " " (t("rec-erase-confirm")) }
            " "
            button type="submit" { (t("rec-erase")) }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    field: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /records/miner/{id}/erase` (csrf, reason, confirm, field): back to the page.
pub async fn erase(req: HttpRequest, posted: Posted<EraseForm>) -> Result<HttpResponse, WebError> {
    let raw = req.match_info().get("id").unwrap_or("");
    let miner: Uuid = raw
        .parse()
        .map_err(|_| WebError::BadRequest(super::not_an_id(raw)))?;
    let form = posted.form;
    if form.confirm != "yes" {
        return Err(WebError::BadRequest(t("rec-erase-unconfirmed")));
    }
    let field = match form.field.as_str() {
        "" => None,
        name => Some(crate::http::parse_personal_field(name)?),
    };
    let core = core(&req)?;
    let officer = posted.signed.officer.clone();
    let erasure =
        blocking(move || core.erase_personal(&officer, miner, field, &form.reason)).await?;
    tracing::warn!(
        %miner,
        by = %posted.signed.officer.name,
        values = erasure.erased.len(),
        "personal values erased from the dashboard"
    );
    Ok(HttpResponse::SeeOther()
        .insert_header(("location", format!("/records/miner/{miner}")))
        .finish())
}
