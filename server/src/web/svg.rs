//! Charts as inline SVG, drawn on the server: grouped bars and lines over labelled
//! categories (months, size classes), with a value axis, ticks, labels and a legend.
//!
//! Pure: a [`Chart`] in, markup out; nothing is fetched and no script runs in the page.
//! Every mark carries `data-series`, `data-label` and `data-value` (the value as given) and
//! a `<title>` tooltip, so a person can hover it and a test can read it. The value axis
//! always includes zero and ends on "nice" ticks (1, 2 or 5 times a power of ten); a chart
//! whose values are all zero still gets an axis from 0 to 1. Category labels are thinned
//! when there are more than fit, but every mark keeps its own label.

use maud::{html, Markup};

use crate::i18n::{self, ta, Arg, Lang};

/// Width and height of a chart's view box; the page scales it to the column.
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 44.0;

/// Colours of the series, in order (they stay distinct in grey for the colour-blind).
pub const PALETTE: [&str; 4] = ["#1f5f8b", "#e08a2c", "#5b8c3a", "#8c3a5b"];

/// One named row of values, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name for machines (`data-series`), as in English: `carats`, `this period`.
    /// The legend and tooltips read it in the page's language ([`series_label`]).
    pub name: String,
    pub values: Vec<f64>,
}

/// A series' name as a person reads it, in the page's language: message
/// `chart-series-…` (its words joined by `-`: `sales US$` is `chart-series-sales-us`),
/// else the name as given.
pub fn series_label(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let id = format!("chart-series-{}", words.join("-"));
    let text = i18n::t(&id);
    if text == id {
        name.to_string()
    } else {
        text
    }
}

/// What a chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart<'a> {
    /// Stable id (`data-chart`), for tests.
    pub id: &'a str,
    /// Said by screen readers and shown in the tooltip of the whole chart.
    pub title: &'a str,
    /// The value axis' unit (`carats`, `share of stones`).
    pub unit: &'a str,
    pub labels: &'a [String],
    pub series: &'a [Series],
}

/// A value axis from `lo` to `hi` with a tick every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Axis {
    /// The smallest nice axis holding zero and every value, with about `ticks` steps.
    pub fn fit(values: impl IntoIterator<Item = f64>, ticks: u32) -> Self {
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for v in values.into_iter().filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if hi - lo <= 0.0 {
            return Self {
                lo: 0.0,
                hi: 1.0,
                step: 0.25,
            };
        }
        let step = nice_step((hi - lo) / f64::from(ticks.max(1)));
        Self {
            lo: (lo / step).floor() * step,
            hi: (hi / step).ceil() * step,
            step,
        }
    }

    /// The tick values, from `lo` to `hi`.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=n).map(|i| self.lo + i as f64 * self.step).collect()
    }

    /// Where `v` falls between `top` (at `hi`) and `bottom` (at `lo`).
    pub fn y(&self, v: f64, top: f64, bottom: f64) -> f64 {
        bottom - (v - self.lo) / (self.hi - self.lo) * (bottom - top)
    }
}

/// The smallest of 1, 2, 5 times a power of ten that is at least `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// A tick or value as printed: no decimals for whole numbers, else up to three, with the
/// decimal mark of the page's language.
pub fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        crate::web::format::grouped(v.round() as i64)
    } else {
        let s = format!("{v:.3}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        match i18n::current() {
            Lang::En => s.to_string(),
            Lang::Fr | Lang::Pt => s.replace('.', ","),
        }
    }
}

/// Which category labels to print so that they do not overlap: every `k`-th.
fn label_step(n: usize, plot_width: f64) -> usize {
    let fit = (plot_width / 48.0).floor().max(1.0) as usize;
    n.div_ceil(fit).max(1)
}

/// The frame shared by both kinds: axis, gridlines, category labels, legend.
struct Frame<'a> {
    chart: &'a Chart<'a>,
    axis: Axis,
    band: f64,
}

impl<'a> Frame<'a> {
    fn new(chart: &'a Chart<'a>) -> Self {
        let axis = Axis::fit(
            chart.series.iter().flat_map(|s| s.values.iter().copied()),
            4,
        );
        let n = chart.labels.len().max(1);
        Self {
            chart,
            axis,
            band: (WIDTH - LEFT - RIGHT) / n as f64,
        }
    }

    fn y(&self, v: f64) -> f64 {
        self.axis.y(v, TOP, HEIGHT - BOTTOM)
    }

    /// The centre of category `i`.
    fn x(&self, i: usize) -> f64 {
        LEFT + self.band * (i as f64 + 0.5)
    }

    fn wrap(&self, marks: Markup) -> Markup {
        let c = self.chart;
        let step = label_step(c.labels.len(), WIDTH - LEFT - RIGHT);
        html! {
            div.scroll { svg.chart role="img" aria-label=(c.title) data-chart=(c.id)
                viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) xmlns="http://www.w3.org/2000/svg" {
                title { (c.title) }
                @for t in self.axis.ticks() {
                    line.grid x1=(LEFT) x2=(WIDTH - RIGHT) y1=(r(self.y(t))) y2=(r(self.y(t))) {}
                    text.tick x=(LEFT - 6.0) y=(r(self.y(t) + 4.0)) text-anchor="end" { (number(t)) }
                }
                line.axis x1=(LEFT) x2=(LEFT) y1=(TOP) y2=(HEIGHT - BOTTOM) {}
                line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(r(self.y(0.0))) y2=(r(self.y(0.0))) {}
                text.unit x=(LEFT) y=(TOP - 12.0) text-anchor="start" { (c.unit) }
                @for (i, label) in c.labels.iter().enumerate() {
                    @if i % step == 0 {
                        text.label x=(r(self.x(i))) y=(HEIGHT - BOTTOM + 16.0) text-anchor="middle" { (label) }
                    }
                }
                (marks)
                @if c.series.len() > 1 {
                    @for (k, s) in c.series.iter().enumerate() {
                        @let x = WIDTH - RIGHT - 170.0 * (c.series.len() - k) as f64;
                        rect x=(x) y=(HEIGHT - 16.0) width="10" height="10" fill=(colour(k)) {}
                        text.legend x=(x + 14.0) y=(HEIGHT - 7.0) { (series_label(&s.name)) }
                    }
                }
            } }
        }
    }
}

fn colour(k: usize) -> &'static str {
    PALETTE[k % PALETTE.len()]
}

/// A coordinate with one decimal: enough for a screen, and a short document.
fn r(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Grouped bars: for each category, one bar per series side by side.
pub fn bars(chart: &Chart) -> Markup {
    let f = Frame::new(chart);
    let k = chart.series.len().max(1) as f64;
    let width = f.band * 0.8 / k;
    let zero = f.y(0.0);
    let marks = html! {
        @for (s_i, s) in chart.series.iter().enumerate() {
            @for (i, v) in s.values.iter().enumerate() {
                @let x = f.x(i) - f.band * 0.4 + width * s_i as f64;
                @let (top, bottom) = (f.y(*v).min(zero), f.y(*v).max(zero));
                rect.bar x=(r(x)) y=(r(top)) width=(r(width)) height=(r(bottom - top))
                    fill=(colour(s_i)) data-series=(s.name)
                    data-label=(chart.labels.get(i).map(String::as_str).unwrap_or(""))
                    data-value=(v) {
                    title { (tooltip(chart, s, i, *v)) }
                }
            }
        }
    };
    f.wrap(marks)
}

/// Lines: one polyline per series through the categories' centres, with a dot per value.
pub fn lines(chart: &Chart) -> Markup {
    let f = Frame::new(chart);
    let marks = html! {
        @for (s_i, s) in chart.series.iter().enumerate() {
            @let points: Vec<String> = s.values.iter().enumerate()
                .map(|(i, v)| format!("{},{}", r(f.x(i)), r(f.y(*v)))).collect();
            polyline.line points=(points.join(" ")) fill="none" stroke=(colour(s_i)) stroke-width="2" {}
            @for (i, v) in s.values.iter().enumerate() {
                circle.dot cx=(r(f.x(i))) cy=(r(f.y(*v))) r="3" fill=(colour(s_i))
                    data-series=(s.name)
                    data-label=(chart.labels.get(i).map(String::as_str).unwrap_or(""))
                    data-value=(v) {
                    title { (tooltip(chart, s, i, *v)) }
                }
            }
        }
    };
    f.wrap(marks)
}

fn tooltip(chart: &Chart, s: &Series, i: usize, v: f64) -> String {
    let label = chart.labels.get(i).map(String::as_str).unwrap_or("");
    ta(
        "chart-tooltip",
        &[
            ("label", Arg::from(label)),
            ("series", Arg::from(series_label(&s.name))),
            ("value", Arg::from(number(v))),
            ("unit", Arg::from(chart.unit)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart<'a>(labels: &'a [String], series: &'a [Series]) -> Chart<'a> {
        Chart {
            id: "test",
            title: "Test chart",
            unit: "carats",
            labels,
            series,
        }
    }

    fn series(name: &str, values: &[f64]) -> Series {
        Series {
            name: name.into(),
            values: values.to_vec(),
        }
    }

    /// The value of attribute `name` in every element `tag` of `svg`.
    fn attrs(svg: &str, tag: &str, name: &str) -> Vec<String> {
        svg.split(&format!("<{tag} "))
            .skip(1)
            .filter_map(|el| {
                let el = format!(" {}", &el[..el.find('>').unwrap_or(el.len())]);
                let start = el.find(&format!(" {name}=\""))? + name.len() + 3;
                Some(el[start..start + el[start..].find('"')?].to_string())
            })
            .collect()
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        for (raw, want) in [
            (0.7, 1.0),
            (1.0, 1.0),
            (1.2, 2.0),
            (3.0, 5.0),
            (7.0, 10.0),
            (23.0, 50.0),
            (0.013, 0.02),
            (0.0, 1.0),
            (f64::NAN, 1.0),
        ] {
            assert_eq!(nice_step(raw), want, "{raw}");
        }
    }

    #[test]
    fn axes_hold_zero_and_every_value_on_nice_ticks() {
        let a = Axis::fit([3.0, 17.0, 9.5], 4);
        assert_eq!(
            a,
            Axis {
                lo: 0.0,
                hi: 20.0,
                step: 5.0
            }
        );
        assert_eq!(a.ticks(), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        let neg = Axis::fit([-3.0, 4.0], 4);
        assert_eq!((neg.lo, neg.hi, neg.step), (-4.0, 4.0, 2.0));
        assert_eq!(
            Axis::fit([0.0, 0.0], 4),
            Axis {
                lo: 0.0,
                hi: 1.0,
                step: 0.25
            }
        );
        assert_eq!(Axis::fit([], 4).hi, 1.0);
        // The axis maps its ends to the plot's edges.
        assert_eq!(a.y(20.0, 10.0, 110.0), 10.0);
        assert_eq!(a.y(0.0, 10.0, 110.0), 110.0);
        assert_eq!(a.y(5.0, 10.0, 110.0), 85.0);
    }

    #[test]
    fn bars_stand_on_zero_with_heights_in_proportion() {
        let labels: Vec<String> = ["Jan", "Feb", "Mar"].map(String::from).to_vec();
        let s = [series("carats", &[10.0, 20.0, 0.0])];
        let svg = bars(&chart(&labels, &s)).into_string();
        assert!(svg.starts_with(
            "<div class=\"scroll\"><svg class=\"chart\" role=\"img\" aria-label=\"Test chart\""
        ));
        assert_eq!(attrs(&svg, "rect", "data-value"), ["10", "20", "0"]);
        assert_eq!(attrs(&svg, "rect", "data-label"), ["Jan", "Feb", "Mar"]);
        let heights: Vec<f64> = attrs(&svg, "rect", "height")
            .iter()
            .map(|h| h.parse().unwrap())
            .collect();
        assert_eq!(heights[2], 0.0);
        assert!((heights[1] - 2.0 * heights[0]).abs() < 0.2, "{heights:?}");
        let bottoms: Vec<f64> = attrs(&svg, "rect", "y")
            .iter()
            .zip(&heights)
            .map(|(y, h)| y.parse::<f64>().unwrap() + h)
            .collect();
        assert!(bottoms.iter().all(|b| (b - (HEIGHT - BOTTOM)).abs() < 0.2));
        assert!(svg.contains("<title>Feb, carats: 20 carats</title>"));
        // Ticks 0 to 20 and the unit; one series needs no legend.
        assert!(svg.contains(">20</text>") && svg.contains(">carats</text>"));
        assert!(!svg.contains("class=\"legend\""));
    }

    #[test]
    fn grouped_bars_sit_side_by_side_with_a_legend() {
        let labels: Vec<String> = ["<1", "1-2"].map(String::from).to_vec();
        let s = [
            series("this period", &[0.25, 0.75]),
            series("reference", &[0.5, 0.5]),
        ];
        let svg = bars(&chart(&labels, &s)).into_string();
        let xs: Vec<f64> = attrs(&svg, "rect", "x")
            .iter()
            .map(|x| x.parse().unwrap())
            .collect();
        // Two bars per class and two legend swatches.
        assert_eq!(xs.len(), 6);
        assert!(
            xs[0] < xs[2] && xs[1] < xs[3],
            "the reference follows: {xs:?}"
        );
        assert!(svg.contains("&lt;1"), "labels are escaped");
        assert_eq!(svg.matches("class=\"legend\"").count(), 2);
    }

    #[test]
    fn lines_pass_through_every_value() {
        let labels: Vec<String> = (1..=24).map(|m| format!("m{m}")).collect();
        let values: Vec<f64> = (0..24).map(f64::from).collect();
        let s = [series("US$", &values)];
        let svg = lines(&chart(&labels, &s)).into_string();
        assert_eq!(attrs(&svg, "circle", "data-value").len(), 24);
        assert_eq!(attrs(&svg, "polyline", "points")[0].split(' ').count(), 24);
        // 24 labels do not fit: every second one is printed, each mark keeps its own.
        assert_eq!(svg.matches("class=\"label\"").count(), 12);
        assert_eq!(attrs(&svg, "circle", "data-label")[23], "m24");
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(number(2000.0), "2\u{202f}000");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(i18n::with(Lang::Fr, || number(0.25)), "0,25");
    }

    #[test]
    fn a_chart_reads_in_the_pages_language_its_marks_named_alike() {
        let labels: Vec<String> = ["2026-03", "2026-04"].map(String::from).to_vec();
        let s = [
            series("this period", &[0.5, 1.5]),
            series("reference", &[1.0, 1.0]),
        ];
        let french = i18n::with(Lang::Fr, || bars(&chart(&labels, &s)).into_string());
        assert!(french.contains(">cette période</text>"), "{french}");
        assert!(french.contains("<title>2026-03, cette période : 0,5 carats</title>"));
        assert_eq!(
            attrs(&french, "rect", "data-series")[..2],
            ["this period", "this period"]
        );
        assert_eq!(series_label("sales US$"), "sales US$");
        assert_eq!(
            i18n::with(Lang::Pt, || series_label("sales US$")),
            "vendas US$"
        );
        assert_eq!(series_label("unnamed"), "unnamed");
    }
}
