//! Erasing a person's values from a miner's page (administrators): the form, and
//! `POST /records/miner/{id}/erase`, which calls [`crate::core::Core::erase_personal`] as the
//! API and `placer admin erase-person` do. The form asks for the reason and a confirmation
//! box, so that an erasure, which cannot be undone, is never one click.

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;
use sync_protocol::personal::PersonalField;
use uuid::Uuid;

use crate::web::{blocking, core, Posted, WebError};

/// The form, for an administrator on a miner's page.
pub fn form(miner: Uuid, csrf: &str) -> Markup {
    html! {
        h2 #erase { "Erase this person's values" }
        p.note {
            "For the person's request, or to remove a wrong earlier value after a correction. "
            "The values are deleted from the registry and from every handset at its next sync; "
            "this cannot be undone."
        }
        form.erase name="erase" method="post" action=(format!("/records/miner/{miner}/erase")) {
            input type="hidden" name="csrf" value=(csrf);
            label {
                "What "
                select name="field" {
                    option value="" { "every personal value of the person" }
                    @for f in PersonalField::ALL {
                        option value=(f.name()) { "the earlier values of " (crate::web::format::words(f.name())) }
                    }
                }
            }
            " "
            label { "Reason " input type="text" name="reason" required maxlength="500" size="40"; }
            " "
            label { input type="checkbox" name="confirm" value="yes" required; " I confirm: this cannot be undone" }
            " "
            button type="submit" { "Erase" }
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
        .map_err(|_| WebError::BadRequest(format!("{raw:?} is not a record id (a UUID)")))?;
    let form = posted.form;
    if form.confirm != "yes" {
        return Err(WebError::BadRequest(
            "nothing erased: confirm that the erasure cannot be undone".into(),
        ));
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
