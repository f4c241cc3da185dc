//! A record's photos on its page, and `GET /photos/{digest}?record={id}`, the bytes of one.
//!
//! Both read through `Core` with the signed-in officer ([`crate::core::Core::record_photos`],
//! [`crate::core::Core::photo_file`]): the record's scope, then what the role may see of a
//! person (a miner's face and identity document only to roles that read a person whole).
//! The bytes go out as an image that no browser may run or keep: its own content type
//! (JPEG or PNG, checked by its first bytes at upload), `nosniff`, a CSP with no script,
//! and `Cache-Control: private, no-store` (an erased photo must not outlive its erasure in
//! a shared cache).

use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;
use sync_protocol::api::PhotoKind;
use sync_protocol::batch::Digest;
use uuid::Uuid;

use crate::core::PhotoView;
use crate::i18n::{t, ta, Arg};
use crate::web::format::time;
use crate::web::pages::{given, query};
use crate::web::{blocking, core, SignedIn, WebError};

/// The address of a photo as it is attached to a record.
pub fn href(digest: &Digest, record: Uuid) -> String {
    format!("/photos/{}?record={record}", digest.to_hex())
}

/// A kind of photo in words, in the page's language.
pub fn kind_words(kind: PhotoKind) -> String {
    match kind {
        PhotoKind::MinerPhoto => t("photo-kind-miner-photo"),
        PhotoKind::IdentityDocument => t("photo-kind-identity-document"),
        PhotoKind::LicenceDocument => t("photo-kind-licence-document"),
        PhotoKind::ParcelPhoto => t("photo-kind-parcel-photo"),
    }
}

/// The photos of a record that the officer sees, each at a fixed greatest size; nothing
/// when there are none.
pub fn section(record: Uuid, photos: &[PhotoView]) -> Markup {
    if photos.is_empty() {
        return html! {};
    }
    html! {
        h2 { (t("photo-heading")) }
        div.photos #photos {
            @for p in photos {
                @let words = kind_words(p.kind);
                figure.photo data-kind=(p.kind.name()) data-digest=(p.digest.to_hex()) data-bytes=(p.bytes) {
                    a href=(href(&p.digest, record)) {
                        img src=(href(&p.digest, record)) alt=(words)
                            style="max-width:320px;max-height:320px;width:auto;height:auto"
                            loading="lazy";
                    }
                    figcaption {
                        (words) " · "
                        (ta("photo-received", &[("when", Arg::from(time(p.received_at)))]))
                    }
                }
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct PhotoQuery {
    record: Option<String>,
}

/// No script, no style, no frame: the answer is an image and nothing else.
const PHOTO_CSP: &str = "default-src 'none'; img-src 'self'; frame-ancestors 'none'; sandbox";

/// `GET /photos/{digest}?record={id}`: the photo's bytes, for an officer who may see it on
/// that record; the framed 400, 403 or 404 page otherwise.
pub async fn file(req: HttpRequest, signed: SignedIn) -> HttpResponse {
    let served = async {
        let raw = req.match_info().get("digest").unwrap_or("");
        let digest = Digest::from_hex(raw)
            .map_err(|_| WebError::NotFound(crate::web::error::no_page(req.path())))?;
        let q: PhotoQuery = query(&req)?;
        let record_raw = given(&q.record).unwrap_or_default();
        let record: Uuid = record_raw
            .parse()
            .map_err(|_| WebError::BadRequest(super::not_an_id(record_raw)))?;
        let core = core(&req)?;
        let officer = signed.officer.clone();
        let (bytes, content_type) =
            blocking(move || core.photo_file(&officer, digest, record)).await?;
        Ok::<_, WebError>(
            HttpResponse::Ok()
                .content_type(content_type)
                .insert_header(("cache-control", "private, no-store"))
                .insert_header(("x-content-type-options", "nosniff"))
                .insert_header(("content-security-policy", PHOTO_CSP))
                .insert_header(("referrer-policy", "same-origin"))
                .body(bytes),
        )
    }
    .await;
    served.unwrap_or_else(|e| e.framed(&signed))
}
