//! How a one-time enrolment code reaches a handset: the field app's address with the code
//! in its fragment (`https://registry.example/field/#code=7KQ2-9FHD`), which a phone's
//! camera opens from a QR code, and the QR code itself, drawn for a terminal (`placer
//! admin enrol-code`, `placer demo`) or as SVG (the devices page). The code sits in the
//! fragment, which a browser never sends to a server, so it stays out of every access log
//! on the way. Pure.

use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

/// The field app's address for enrolling with `code`, on the server at `base`
/// (`https://host:port`, with or without a final `/`).
pub fn app_link(base: &str, code: &str) -> String {
    format!("{}/field/#code={code}", base.trim_end_matches('/'))
}

/// `data` as a QR code (error correction M: a smudged print still reads).
fn code(data: &str) -> Option<QrCode> {
    QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()
}

/// `data` as a QR code in block characters, two rows of modules per line of text, dark on
/// a light terminal or light on a dark one alike (the quiet zone is kept); `None` when it
/// does not fit a QR code.
pub fn qr_text(data: &str) -> Option<String> {
    Some(
        code(data)?
            .render::<unicode::Dense1x2>()
            .dark_color(unicode::Dense1x2::Light)
            .light_color(unicode::Dense1x2::Dark)
            .build(),
    )
}

/// `data` as a QR code in SVG, `px` wide, for a page; `None` when it does not fit.
pub fn qr_svg(data: &str, px: u32) -> Option<String> {
    Some(
        code(data)?
            .render::<svg::Color>()
            .min_dimensions(px, px)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_carries_the_code_in_its_fragment() {
        assert_eq!(
            app_link("https://registry.example/", "7KQ2-9FHD"),
            "https://registry.example/field/#code=7KQ2-9FHD"
        );
        assert_eq!(
            app_link("http://127.0.0.1:8080", "AB"),
            "http://127.0.0.1:8080/field/#code=AB"
        );
    }

    #[test]
    fn a_link_draws_as_a_square_qr_code() {
        let link = app_link("https://registry.example", "7KQ2-9FHD");
        let text = qr_text(&link).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let width = lines[0].chars().count();
        // Two modules per line: a square of `width` modules is about `width / 2` lines.
        assert!(lines.iter().all(|l| l.chars().count() == width));
        assert!(
            lines.len() * 2 >= width && lines.len() * 2 <= width + 2,
            "{text}"
        );
        let svg = qr_svg(&link, 200).unwrap();
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "{svg}");
        assert!(
            qr_text(&"x".repeat(5000)).is_none(),
            "too long for a QR code"
        );
    }
}
