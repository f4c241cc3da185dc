//! A map of regions as inline SVG: their boundaries (lon/lat polygons) projected to the
//! page, each shaded by a figure, with a legend.
//!
//! - **Projection**: equirectangular, with longitudes shrunk by the cosine of the middle
//!   latitude of what is drawn, so that shapes near the equator (every country Placer
//!   serves) keep their proportions; fitted into the view box with a margin, north up.
//! - **Paths**: one SVG path per region, every ring (holes and islands included) a closed
//!   subpath, filled with the even-odd rule so holes stay holes. Points closer than half a
//!   pixel to the previous one are dropped: real borders hold thousands of points per
//!   country, a map of 760 pixels needs a few hundred.
//! - **Shading**: equal steps from zero to the largest value; zero (no production) has its
//!   own pale colour, so "nothing recorded" never looks like "a little".
//!
//! - **Areas**: [`area`] draws one licence's area and the points recorded about it (its
//!   site-days' fixes), fitted to both, so a fix outside the area shows outside it.
//!
//! Pure: regions and figures in, markup out.

use maud::{html, Markup};
use sync_protocol::values::{Polygon, Ring};

use crate::i18n::{t, ta, Arg};

pub const WIDTH: f64 = 760.0;
pub const HEIGHT: f64 = 520.0;
const MARGIN: f64 = 12.0;

/// Colours of the shading classes: index 0 for zero, then light to dark.
pub const SHADES: [&str; 6] = [
    "#f1f1ee", "#d6e6f2", "#a9cbe4", "#6ea6cf", "#3478ad", "#12416b",
];
/// Classes above zero.
pub const CLASSES: i64 = SHADES.len() as i64 - 1;

/// Longitude and latitude bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Bounds {
    /// The bounds of every exterior ring, or `None` for no points.
    pub fn of<'a>(polygons: impl IntoIterator<Item = &'a Polygon>) -> Option<Self> {
        let mut b: Option<Bounds> = None;
        for p in polygons.into_iter().flat_map(|p| p.exterior.points()) {
            let (x, y) = (p.lon.degrees(), p.lat.degrees());
            b = Some(match b {
                None => Bounds {
                    west: x,
                    east: x,
                    south: y,
                    north: y,
                },
                Some(b) => Bounds {
                    west: b.west.min(x),
                    east: b.east.max(x),
                    south: b.south.min(y),
                    north: b.north.max(y),
                },
            });
        }
        b
    }
}

impl Bounds {
    /// These bounds grown to hold a point.
    pub fn with(self, lon: f64, lat: f64) -> Self {
        Bounds {
            west: self.west.min(lon),
            east: self.east.max(lon),
            south: self.south.min(lat),
            north: self.north.max(lat),
        }
    }
}

/// Degrees to view-box pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    west: f64,
    north: f64,
    /// Pixels per degree of latitude.
    scale: f64,
    /// cos(middle latitude): how much shorter a degree of longitude is.
    shrink: f64,
    dx: f64,
    dy: f64,
}

impl Projection {
    /// Fits `b` into a `width` × `height` box with a margin, centred.
    pub fn fit(b: Bounds, width: f64, height: f64) -> Self {
        let shrink = ((b.north + b.south) / 2.0).to_radians().cos().max(0.01);
        // A single point or a line still gets a finite scale.
        let w = ((b.east - b.west) * shrink).max(1e-6);
        let h = (b.north - b.south).max(1e-6);
        let scale = ((width - 2.0 * MARGIN) / w).min((height - 2.0 * MARGIN) / h);
        Self {
            west: b.west,
            north: b.north,
            scale,
            shrink,
            dx: (width - w * scale) / 2.0,
            dy: (height - h * scale) / 2.0,
        }
    }

    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.dx + (lon - self.west) * self.shrink * self.scale,
            self.dy + (self.north - lat) * self.scale,
        )
    }
}

/// The SVG path of a boundary: each ring a closed subpath, in pixels with one decimal.
pub fn path(projection: &Projection, boundary: &[Polygon]) -> String {
    let mut d = String::new();
    for ring in boundary
        .iter()
        .flat_map(|p| std::iter::once(&p.exterior).chain(&p.holes))
    {
        ring_path(projection, ring, &mut d);
    }
    d
}

fn ring_path(projection: &Projection, ring: &Ring, d: &mut String) {
    use std::fmt::Write as _;
    let mut last: Option<(f64, f64)> = None;
    let mut points = 0;
    for p in ring.points() {
        let (x, y) = projection.project(p.lon.degrees(), p.lat.degrees());
        if last.is_some_and(|(lx, ly)| (x - lx).abs() < 0.5 && (y - ly).abs() < 0.5) {
            continue;
        }
        let cmd = if last.is_none() { 'M' } else { 'L' };
        let _ = write!(d, "{cmd}{:.1} {:.1}", x, y);
        last = Some((x, y));
        points += 1;
    }
    if points > 0 {
        d.push('Z');
    }
}

/// The upper bound of each class above zero: class `k` (1-based) holds the values above
/// the bound of `k - 1` up to its own. Equal round steps (1, 2 or 5 times a power of ten,
/// at least 1) from zero, at most [`CLASSES`] of them, the last holding `max`: a legend
/// reads "up to 500, up to 1 000", never "up to 493.71".
pub fn class_bounds(max: i64) -> Vec<i64> {
    let max = max.max(1);
    let step = (super::svg::nice_step(max as f64 / CLASSES as f64).ceil() as i64).max(1);
    let classes = (max / step + i64::from(max % step != 0)).clamp(1, CLASSES);
    (1..=classes).map(|k| step.saturating_mul(k)).collect()
}

/// What a region is labelled on the map: its name without a parenthesised qualifier
/// (`Akwatia (synthetic)` → `Akwatia`; the tooltip and the table keep the whole name).
pub fn label_text(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}

/// A map label's font size in view-box units (the page's CSS gives the same), so that a
/// label's width can be told before it is drawn: about 0.6 of it per character.
pub const LABEL_SIZE: f64 = 12.0;

/// Whether `text` fits across a region `width` view-box units wide (a little overhang
/// allowed): a region too narrow for its name is named by its tooltip and the table.
pub fn label_fits(text: &str, width: f64) -> bool {
    text.chars().count() as f64 * LABEL_SIZE * 0.6 <= width * 1.2
}

/// Where a region's label goes: the centroid of its largest ring as drawn, with that
/// ring's width, or `None` for a boundary with no area.
pub fn label_point(projection: &Projection, boundary: &[Polygon]) -> Option<(f64, f64, f64)> {
    let mut best: Option<(f64, f64, f64, f64)> = None;
    for ring in boundary.iter().map(|p| &p.exterior) {
        let pts: Vec<(f64, f64)> = ring
            .points()
            .iter()
            .map(|p| projection.project(p.lon.degrees(), p.lat.degrees()))
            .collect();
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for w in pts.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let cross = x0 * y1 - x1 * y0;
            a += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        if a.abs() < 1e-9 || !(cx.is_finite() && cy.is_finite()) {
            continue;
        }
        let (area, x, y) = (a.abs() / 2.0, cx / (3.0 * a), cy / (3.0 * a));
        let (west, east) = pts.iter().fold((f64::MAX, f64::MIN), |(w, e), (x, _)| {
            (w.min(*x), e.max(*x))
        });
        if best.is_none_or(|(b, _, _, _)| area > b) {
            best = Some((area, x, y, east - west));
        }
    }
    best.map(|(_, x, y, w)| (x, y, w))
}

/// The shading class of `value`: 0 for zero or less, else 1 to [`CLASSES`].
pub fn shade(value: i64, max: i64) -> usize {
    if value <= 0 {
        return 0;
    }
    class_bounds(max)
        .iter()
        .position(|b| value <= *b)
        .map_or(CLASSES as usize, |i| i + 1)
}

/// One region to draw.
#[derive(Debug, Clone)]
pub struct MapRegion<'a> {
    pub id: String,
    pub name: String,
    pub boundary: &'a [Polygon],
    /// What shades it (carat hundredths, say).
    pub value: i64,
    /// The value as a person reads it, for the tooltip.
    pub value_text: String,
    pub href: String,
}

/// What the map shows.
pub struct Map<'a> {
    /// Stable id (`data-map`).
    pub id: &'a str,
    pub title: &'a str,
    pub regions: &'a [MapRegion<'a>],
    /// Drawn on top without fill (countries around their districts).
    pub outlines: &'a [&'a [Polygon]],
    /// How the legend prints a class bound (`format::hundredths_grouped`, say).
    pub legend_text: &'a dyn Fn(i64) -> String,
    /// The legend's unit, in the page's language.
    pub unit: &'a str,
}

/// The map and its legend; an empty note when no region has a boundary.
pub fn render(map: &Map) -> Markup {
    let Some(bounds) = Bounds::of(map.regions.iter().flat_map(|r| r.boundary)) else {
        return html! { p.note data-map=(map.id) { (t("map-no-boundaries")) } };
    };
    let projection = Projection::fit(bounds, WIDTH, HEIGHT);
    let max = map.regions.iter().map(|r| r.value).max().unwrap_or(0);
    let bounds = class_bounds(max);
    html! {
        figure.map {
            div.scroll { svg role="img" aria-label=(map.title) data-map=(map.id)
                viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) xmlns="http://www.w3.org/2000/svg" {
                title { (map.title) }
                @for r in map.regions {
                    a href=(r.href) {
                        path.region d=(path(&projection, r.boundary)) fill-rule="evenodd"
                            fill=(SHADES[shade(r.value, max)]) data-region=(r.id)
                            data-value=(r.value) data-shade=(shade(r.value, max)) {
                            title { (ta("map-region-tooltip", &[("name", Arg::from(r.name.as_str())), ("value", Arg::from(r.value_text.as_str())), ("unit", Arg::from(map.unit))])) }
                        }
                    }
                }
                @for o in map.outlines {
                    path.outline d=(path(&projection, o)) fill="none" {}
                }
                @for r in map.regions {
                    @if let Some((x, y, _)) = label_point(&projection, r.boundary).filter(|(_, _, w)| label_fits(label_text(&r.name), *w)) {
                        text.place x=(format!("{x:.1}")) y=(format!("{y:.1}")) text-anchor="middle"
                            dominant-baseline="middle" data-label=(r.id) { (label_text(&r.name)) }
                    }
                }
            } }
            figcaption.legend data-legend=(map.id) {
                span.unit { (ta("map-legend-unit", &[("unit", Arg::from(map.unit))])) }
                span.key { i style=(format!("background:{}", SHADES[0])) {} (t("map-none")) }
                @for (k, upper) in bounds.iter().enumerate() {
                    @let lower = if k == 0 { 0 } else { bounds[k - 1] };
                    @if k == 0 || *upper > lower {
                        span.key {
                            i style=(format!("background:{}", SHADES[k + 1])) {}
                            (ta("map-up-to", &[("value", Arg::from((map.legend_text)(*upper)))]))
                        }
                    }
                }
            }
        }
    }
}

/// A point drawn on an area's map: a fix, linked to its record.
#[derive(Debug, Clone)]
pub struct Spot {
    pub lon: f64,
    pub lat: f64,
    /// The tooltip.
    pub label: String,
    pub href: String,
}

/// One area (a licence's polygons) and the spots recorded about it, fitted to both; a
/// note when there is neither.
pub fn area(id: &str, title: &str, polygons: &[Polygon], spots: &[Spot]) -> Markup {
    let bounds = spots.iter().fold(Bounds::of(polygons), |b, s| {
        Some(match b {
            Some(b) => b.with(s.lon, s.lat),
            None => Bounds {
                west: s.lon,
                east: s.lon,
                south: s.lat,
                north: s.lat,
            },
        })
    });
    let Some(bounds) = bounds else {
        return html! { p.note data-map=(id) { (t("map-area-nothing")) } };
    };
    let projection = Projection::fit(bounds, WIDTH, HEIGHT);
    html! {
        figure.map {
            svg role="img" aria-label=(title) data-map=(id)
                viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) xmlns="http://www.w3.org/2000/svg" {
                title { (title) }
                @if !polygons.is_empty() {
                    path.area d=(path(&projection, polygons)) fill-rule="evenodd"
                        fill=(SHADES[2]) stroke=(SHADES[5]) stroke-width="1.5" data-area=(id) {}
                }
                @for s in spots {
                    @let (x, y) = projection.project(s.lon, s.lat);
                    a href=(s.href) {
                        circle.spot cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="5"
                            fill="#e08a2c" stroke="#fff" data-spot=(s.href) {
                            title { (s.label) }
                        }
                    }
                }
            }
            figcaption.legend data-legend=(id) {
                span.key { i style=(format!("background:{}", SHADES[2])) {} (t("map-area")) }
                span.key { i style="background:#e08a2c" {} (ta("map-recorded-here", &[("count", Arg::from(spots.len()))])) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sync_protocol::values::Point;

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

    #[test]
    fn the_projection_fits_the_box_north_up_and_centred() {
        let b = Bounds::of(&[square(-1.0, 5.0, 2.0)]).unwrap();
        assert_eq!(
            b,
            Bounds {
                west: -1.0,
                east: 1.0,
                south: 5.0,
                north: 7.0
            }
        );
        let p = Projection::fit(b, 100.0 + 2.0 * MARGIN, 100.0 + 2.0 * MARGIN);
        let (nw, se) = (p.project(-1.0, 7.0), p.project(1.0, 5.0));
        // Latitude fills the height; north is at the top.
        assert!((nw.1 - MARGIN).abs() < 1e-9 && (se.1 - (100.0 + MARGIN)).abs() < 1e-9);
        // A degree of longitude at 6°N is cos(6°) of a degree of latitude, centred.
        let width = se.0 - nw.0;
        assert!((width - 100.0 * 6f64.to_radians().cos()).abs() < 1e-9);
        assert!(((nw.0 + se.0) / 2.0 - (50.0 + MARGIN)).abs() < 1e-9);
    }

    #[test]
    fn a_wide_area_is_limited_by_the_width() {
        let b = Bounds {
            west: 0.0,
            east: 40.0,
            south: 0.0,
            north: 1.0,
        };
        let p = Projection::fit(b, 424.0, 424.0);
        let (w, e) = (p.project(0.0, 0.5), p.project(40.0, 0.5));
        assert!((w.0 - MARGIN).abs() < 1e-9 && (e.0 - (424.0 - MARGIN)).abs() < 1e-9);
        // A point is still drawable.
        let dot = Projection::fit(
            Bounds {
                west: 3.0,
                east: 3.0,
                south: 4.0,
                north: 4.0,
            },
            100.0,
            100.0,
        );
        assert!(dot.project(3.0, 4.0).0.is_finite());
    }

    #[test]
    fn paths_close_every_ring_and_drop_points_within_half_a_pixel() {
        let b = Bounds::of(&[square(0.0, 0.0, 1.0)]).unwrap();
        let p = Projection::fit(b, 124.0, 124.0);
        let mut with_hole = square(0.0, 0.0, 1.0);
        with_hole.holes.push(square(0.25, 0.25, 0.5).exterior);
        let d = path(&p, &[with_hole]);
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('Z').count(), 2, "{d}");
        assert!(d.starts_with("M12.0 112.0L112.0 112.0"), "{d}");
        // A ring of 1,000 points along a 100-pixel edge keeps about one per pixel at most.
        let pt = |x: f64, y: f64| Point::new(x, y).unwrap();
        let mut dense: Vec<Point> = (0..1000).map(|i| pt(f64::from(i) / 1000.0, 0.0)).collect();
        dense.extend([pt(1.0, 0.0), pt(1.0, 1.0), pt(0.0, 1.0), pt(0.0, 0.0)]);
        let ring = Polygon {
            exterior: Ring::new(dense).unwrap(),
            holes: vec![],
        };
        let d = path(&p, &[ring]);
        let points = d.matches(['M', 'L']).count();
        assert!((100..=210).contains(&points), "{points} points: {d}");
    }

    #[test]
    fn shading_is_equal_steps_from_zero_with_zero_apart() {
        assert_eq!(class_bounds(1000), vec![200, 400, 600, 800, 1000]);
        assert_eq!(class_bounds(7), vec![2, 4, 6, 8]);
        assert_eq!(class_bounds(0), vec![1]);
        assert_eq!(
            class_bounds(4_937_100),
            vec![1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000]
        );
        assert_eq!(class_bounds(123_456), vec![50_000, 100_000, 150_000]);
        assert_eq!(class_bounds(i64::MAX).last(), Some(&i64::MAX));
        assert_eq!(label_text("Akwatia (synthetic)"), "Akwatia");
        assert_eq!(label_text("Ghana"), "Ghana");
        assert!(label_fits("Akwatia", 60.0) && !label_fits("Sierra Leone district 03", 60.0));
        for (v, want) in [
            (0, 0),
            (-5, 0),
            (1, 1),
            (200, 1),
            (201, 2),
            (999, 5),
            (1000, 5),
            (5000, 5),
        ] {
            assert_eq!(shade(v, 1000), want, "{v}");
        }
        assert_eq!(shade(1, 1), 1, "a single small value is the first class");
    }

    #[test]
    fn an_area_holds_its_spots_even_outside_it() {
        let spot = |lon: f64, lat: f64| Spot {
            lon,
            lat,
            label: "2026-05-02".into(),
            href: format!("/records/production/{lon}"),
        };
        let svg = area(
            "licence-area",
            "Area",
            &[square(0.0, 0.0, 1.0)],
            &[spot(0.5, 0.5), spot(3.0, 0.5)],
        )
        .into_string();
        assert!(svg.contains("data-area=\"licence-area\""), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        // The outside spot is drawn at the right edge, inside the box.
        assert!(svg.contains("cx=\"748.0\""), "{svg}");
        assert!(svg.contains("recorded here (2)"));
        let only_spots = area("a", "A", &[], &[spot(1.0, 1.0)]).into_string();
        assert!(only_spots.contains("<circle") && !only_spots.contains("data-area"));
        assert!(area("a", "A", &[], &[])
            .into_string()
            .contains("No area was walked"));
    }

    #[test]
    fn the_map_shades_links_and_explains_each_region() {
        let (a, b) = (vec![square(0.0, 0.0, 1.0)], vec![square(1.0, 0.0, 1.0)]);
        let regions = [
            MapRegion {
                id: "a".into(),
                name: "West".into(),
                boundary: &a,
                value: 0,
                value_text: "0.00".into(),
                href: "/regions/a".into(),
            },
            MapRegion {
                id: "b".into(),
                name: "East & Co".into(),
                boundary: &b,
                value: 500,
                value_text: "5.00".into(),
                href: "/regions/b".into(),
            },
        ];
        let text = |v: i64| crate::reports::hundredths(v);
        let svg = render(&Map {
            id: "production",
            title: "Carats by region",
            regions: &regions,
            outlines: &[],
            legend_text: &text,
            unit: "carats",
        })
        .into_string();
        assert!(svg.contains("<a href=\"/regions/b\">"));
        assert!(svg.contains(&format!("fill=\"{}\" data-region=\"a\"", SHADES[0])));
        assert!(svg.contains(&format!("fill=\"{}\" data-region=\"b\"", SHADES[5])));
        assert!(svg.contains("<title>East &amp; Co: 5.00 carats</title>"));
        assert!(svg.contains("up to 5.00"));
        assert!(svg.contains(">East &amp; Co</text>"), "{svg}");
        assert!(svg.contains("data-label=\"a\""), "every region is labelled");
        let none = render(&Map {
            id: "production",
            title: "t",
            regions: &[],
            outlines: &[],
            legend_text: &text,
            unit: "carats",
        })
        .into_string();
        assert!(none.contains("No region boundaries"));
        let french = crate::i18n::with(crate::i18n::Lang::Fr, || {
            render(&Map {
                id: "production",
                title: "Carats par région",
                regions: &regions,
                outlines: &[],
                legend_text: &text,
                unit: "carats",
            })
            .into_string()
        });
        assert!(
            french.contains("<title>East &amp; Co : 5.00 carats</title>"),
            "{french}"
        );
        assert!(
            french.contains("jusqu&#39;à 5.00") || french.contains("jusqu'à 5.00"),
            "{french}"
        );
        assert!(!french.contains("up to"), "{french}");
    }
}
