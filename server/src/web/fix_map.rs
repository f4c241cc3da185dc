//! A small map of one production's GPS fix against its licence's area, as inline SVG: the
//! area's polygon, the fix as a dot and its stated accuracy as a circle, so an officer sees
//! at a glance how far outside the claim the pit was dug.
//!
//! Drawn with [`super::map`]'s projection and paths, fitted to the area and the circle
//! together with a margin. Its words and decimal marks are the request's language's (the
//! `fix-` messages); otherwise pure: the area and the fix in, markup out.

use maud::{html, Markup};
use sync_protocol::values::Polygon;

use super::map::{path, Bounds, Projection};
use crate::i18n::{self, ta, Arg, Lang};

pub const WIDTH: f64 = 480.0;
pub const HEIGHT: f64 = 320.0;

/// Metres in a degree of latitude.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// A fix to draw: where, and how sure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    pub lon: f64,
    pub lat: f64,
    pub accuracy_m: f64,
}

/// A figure as Rust writes it (`10`, `6.040000`) with the page's decimal mark.
fn marked(plain: String) -> String {
    match i18n::current() {
        Lang::En => plain,
        Lang::Fr | Lang::Pt => plain.replace('.', ","),
    }
}

/// The map (`svg[data-fix-map]`), with a caption naming what is drawn; without an area,
/// the fix alone and a note saying the licence has none to draw.
pub fn render(licence: &str, area: Option<&Polygon>, fix: Fix) -> Markup {
    let accuracy_deg = fix.accuracy_m.max(0.0) / METRES_PER_DEGREE;
    let shrink = fix.lat.to_radians().cos().max(0.01);
    let circle = Bounds {
        west: fix.lon - accuracy_deg / shrink,
        east: fix.lon + accuracy_deg / shrink,
        south: fix.lat - accuracy_deg,
        north: fix.lat + accuracy_deg,
    };
    let b = match area.and_then(|a| Bounds::of(std::iter::once(a))) {
        Some(a) => Bounds {
            west: a.west.min(circle.west),
            east: a.east.max(circle.east),
            south: a.south.min(circle.south),
            north: a.north.max(circle.north),
        },
        None => circle,
    };
    // A tenth of the extent around it (at least about 20 m), so nothing touches the edge.
    let pad = ((b.east - b.west).max(b.north - b.south) * 0.1).max(20.0 / METRES_PER_DEGREE);
    let b = Bounds {
        west: b.west - pad,
        east: b.east + pad,
        south: b.south - pad,
        north: b.north + pad,
    };
    let projection = Projection::fit(b, WIDTH, HEIGHT);
    let (x, y) = projection.project(fix.lon, fix.lat);
    let (_, y_north) = projection.project(fix.lon, fix.lat + accuracy_deg);
    let radius = (y - y_north).abs();
    let named = |id: &str| ta(id, &[("licence", Arg::from(licence))]);
    let title = named("fix-title");
    let accuracy = marked(fix.accuracy_m.to_string());
    let point = ta(
        "fix-point",
        &[
            ("lat", Arg::from(marked(format!("{:.6}", fix.lat)))),
            ("lon", Arg::from(marked(format!("{:.6}", fix.lon)))),
            ("accuracy", Arg::from(accuracy.as_str())),
        ],
    );
    html! {
        figure.fix-map {
            svg role="img" aria-label=(title) data-fix-map=(licence)
                viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) xmlns="http://www.w3.org/2000/svg" {
                title { (title) }
                @if let Some(a) = area {
                    path data-area=(licence) d=(path(&projection, std::slice::from_ref(a)))
                        fill="#d6e6f2" fill-opacity="0.8" stroke="#12416b" stroke-width="1.5" fill-rule="evenodd" {
                        title { (named("fix-area-title")) }
                    }
                }
                circle data-accuracy=(fix.accuracy_m) cx=(format!("{x:.1}")) cy=(format!("{y:.1}"))
                    r=(format!("{radius:.1}")) fill="#e08a2c" fill-opacity="0.2" stroke="#e08a2c" stroke-dasharray="4 3" {}
                circle data-fix=(format!("{:.6},{:.6}", fix.lon, fix.lat)) cx=(format!("{x:.1}")) cy=(format!("{y:.1}"))
                    r="4" fill="#b3261e" {
                    title { (point) }
                }
            }
            figcaption.legend {
                @if area.is_some() {
                    span.key { i style="background:#d6e6f2;border-color:#12416b" {} (named("fix-legend-area")) }
                } @else {
                    span.key #no-area { (named("fix-no-area")) }
                }
                span.key { i style="background:#b3261e" {} (i18n::t("fix-legend-fix")) }
                span.key { i style="background:#fbe3cc;border-color:#e08a2c" {} (ta("fix-legend-accuracy", &[("accuracy", Arg::from(accuracy.as_str()))])) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sync_protocol::values::{Point, Ring};

    fn square(x0: f64, y0: f64, side: f64) -> Polygon {
        let p = |x: f64, y: f64| Point::new(x, y).unwrap();
        Polygon {
            exterior: Ring::new(vec![
                p(x0, y0),
                p(x0 + side, y0),
                p(x0 + side, y0 + side),
                p(x0, y0 + side),
                p(x0, y0),
            ])
            .unwrap(),
            holes: vec![],
        }
    }

    /// (cx, cy, r) of the circle with attribute `marker`.
    fn circle(svg: &str, marker: &str) -> (f64, f64, f64) {
        let at = svg.find(marker).unwrap();
        let el = &svg[at..at + svg[at..].find('>').unwrap()];
        let get = |name: &str| -> f64 {
            let k = el.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            el[k..k + el[k..].find('"').unwrap()].parse().unwrap()
        };
        (get("cx"), get("cy"), get("r"))
    }

    #[test]
    fn the_fix_lies_east_of_the_area_it_is_outside_and_everything_fits() {
        // A 0.001° claim; the fix 0.004° (about 440 m) east of its east edge, ±10 m.
        let area = square(-0.8005, 6.0395, 0.001);
        let fix = Fix {
            lon: -0.7955,
            lat: 6.04,
            accuracy_m: 10.0,
        };
        let svg = render("GH-CL-0001", Some(&area), fix).into_string();
        assert!(svg.contains("data-area=\"GH-CL-0001\""), "{svg}");
        let (x, y, _) = circle(&svg, "data-fix=");
        let (_, _, r) = circle(&svg, "data-accuracy=");
        assert!(x > WIDTH / 2.0 && x < WIDTH, "east, inside the box: {x}");
        assert!(y > 0.0 && y < HEIGHT, "{y}");
        // 10 m of about 550 m drawn over about 430 px: a few pixels.
        assert!(r > 1.0 && r < 20.0, "{r}");
        let alone = render("GH-CL-0002", None, fix).into_string();
        assert!(
            alone.contains("id=\"no-area\"") && !alone.contains("data-area"),
            "{alone}"
        );
        let (x, y, r) = circle(&alone, "data-accuracy=");
        assert!((x - WIDTH / 2.0).abs() < 1.0 && (y - HEIGHT / 2.0).abs() < 1.0);
        assert!(r > 10.0, "the circle fills the map without an area: {r}");
        assert!(
            svg.contains("The fix: 6.040000, -0.795500, ± 10 m"),
            "{svg}"
        );
    }

    #[test]
    fn the_map_reads_in_the_pages_language() {
        let fix = Fix {
            lon: -0.7955,
            lat: 6.04,
            accuracy_m: 12.5,
        };
        let area = square(-0.8005, 6.0395, 0.001);
        let svg = i18n::with(Lang::Fr, || {
            render("GH-CL-0001", Some(&area), fix).into_string()
        });
        for shown in [
            "aria-label=\"Le point GPS face au périmètre du permis GH-CL-0001\"",
            "<title>Périmètre du permis GH-CL-0001</title>",
            "Le point GPS : 6,040000 ; -0,795500, ± 12,5 m",
            "sa précision déclarée (12,5 m)",
        ] {
            assert!(svg.contains(shown), "{shown} in {svg}");
        }
        assert!(
            svg.contains("data-accuracy=\"12.5\""),
            "machine values stay: {svg}"
        );
        let alone = i18n::with(Lang::Pt, || render("GH-CL-0002", None, fix).into_string());
        assert!(
            alone.contains("a licença GH-CL-0002 não tem área a desenhar"),
            "{alone}"
        );
    }
}
