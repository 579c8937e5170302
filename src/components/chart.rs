//! A bar chart in plain SVG: grouped or stacked bars per label, an optional target line, a
//! legend. It scales with the page and prints sharp (no canvas, no script). A label without
//! values is a gap (a dot on the axis), not a zero.

use leptos::prelude::*;

const H: f64 = 150.0;
const TOP: f64 = 12.0;
const LEFT: f64 = 34.0;
const BOTTOM: f64 = 22.0;
/// The drawing's width until the chart is measured (and where it cannot be).
const WIDTH: f64 = 640.0;

/// One group of bars: its label under the axis and one value per series (none: no data).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
}

impl Bar {
    pub fn counts(label: String, values: &[u32]) -> Bar {
        Bar {
            label,
            values: values.iter().map(|v| f64::from(*v)).collect(),
        }
    }
}

/// A value in the width of four characters: 404000 → «404k», 1250000 → «1.2M», 2.45 → «2.5».
fn compact(x: f64) -> String {
    match x {
        x if x < 10.0 && x.fract().abs() > 0.05 => format!("{x:.1}"),
        x if x < 10_000.0 => format!("{x:.0}"),
        x if x < 1_000_000.0 => format!("{:.0}k", x / 1000.0),
        x => format!("{:.1}M", x / 1e6),
    }
}

/// What a chart shows, apart from its frame.
struct Drawing {
    bars: Vec<Bar>,
    series: Vec<String>,
    target: Option<(u32, String)>,
    stacked: bool,
}

/// The chart's width in CSS pixels before it is measured, and the narrowest it is drawn.
const NARROWEST: f64 = 280.0;

#[component]
pub fn BarChart(
    bars: Vec<Bar>,
    /// Names of the series, in the order of `Bar::values`.
    series: Vec<String>,
    /// A horizontal line, e.g. the daily quota.
    #[prop(optional)]
    target: Option<(u32, String)>,
    title: String,
    #[prop(optional)] id: &'static str,
    /// One bar per label with the series on top of each other (parts of a total).
    #[prop(optional)]
    stacked: bool,
    /// What the chart is of, for tests and styles: `data-chart`.
    #[prop(optional)]
    name: &'static str,
    /// A line under the legend: where the figures come from (empty: none).
    #[prop(optional)]
    note: String,
) -> impl IntoView {
    let legend = series
        .iter()
        .enumerate()
        .map(|(k, name)| view! { <span class="key"><i class=format!("s{}", k % 8)></i>{name.clone()}</span> })
        .collect_view();
    let drawing = StoredValue::new(Drawing {
        bars,
        series,
        target,
        stacked,
    });
    // Drawn at the width it is shown, one unit a pixel, so its labels keep the size the style
    // gives them however wide the column is (a fixed drawing scaled down made them ~7 px).
    let frame = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(WIDTH);
    let measure = move || {
        if let Some(el) = frame.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w.max(NARROWEST));
            }
        }
    };
    Effect::new(move || {
        if frame.get().is_some() {
            measure();
        }
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || on_resize.remove());
    view! {
        <figure class="chart" id=id data-chart=name>
            <figcaption>{title.clone()}</figcaption>
            <div class="plot" node_ref=frame>
                {move || drawing.with_value(|d| draw(d, width.get(), &title))}
            </div>
            <div class="legend">{legend}</div>
            {(!note.is_empty()).then(|| view! { <p class="chart-note">{note}</p> })}
        </figure>
    }
}

fn draw(d: &Drawing, width: f64, title: &str) -> impl IntoView {
    let Drawing {
        bars,
        series,
        target,
        stacked,
    } = d;
    let stacked = *stacked;
    let n = if stacked { 1 } else { series.len().max(1) };
    let clean = |v: &f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let height = |b: &Bar| -> f64 {
        if stacked {
            b.values.iter().map(clean).sum()
        } else {
            b.values.iter().map(clean).fold(0.0, f64::max)
        }
    };
    let max = bars
        .iter()
        .map(height)
        .chain(target.as_ref().map(|t| f64::from(t.0)))
        .fold(0.0, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let group = (width - LEFT - 8.0) / bars.len().max(1) as f64;
    let y = move |v: f64| TOP + H - H * v / max;
    let gap = (group * 0.2).min(6.0);
    let bar_w = (group - gap) / n as f64;
    let shown = |v: f64| {
        if v.fract().abs() < 0.005 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    // Every label when there is room (a label is about 40 px wide), else every few, so they
    // never overlap.
    let room = ((width - LEFT) / 40.0).floor().max(1.0) as usize;
    let every = bars.len().div_ceil(room).max(1);
    let rects = bars
        .iter()
        .enumerate()
        .flat_map(|(i, b)| {
            let x0 = LEFT + group * i as f64 + gap / 2.0;
            let nodata = b.values.is_empty().then(|| {
                view! {
                    <text class="nodata" x=x0 + (group - gap) / 2.0 y=TOP + H - 3.0 text-anchor="middle">"·"</text>
                }
            });
            let mut below = 0.0;
            let rects = b
                .values
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    let v = clean(v);
                    let (x, base) = if stacked {
                        (x0, below)
                    } else {
                        (x0 + bar_w * k as f64, 0.0)
                    };
                    below += v;
                    let part = series.get(k).filter(|_| series.len() > 1);
                    let tip = match part {
                        Some(name) => format!("{} · {name}: {}", b.label, shown(v)),
                        None => format!("{}: {}", b.label, shown(v)),
                    };
                    view! {
                        <rect class=format!("s{}", k % 8) x=x y=y(base + v) width=bar_w height=y(base) - y(base + v)>
                            <title>{tip}</title>
                        </rect>
                    }
                })
                .collect::<Vec<_>>();
            [nodata.into_any(), rects.into_any()]
        })
        .collect_view();
    let labels = bars
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, b)| {
            let x = LEFT + group * i as f64 + group / 2.0;
            view! { <text class="x" x=x y=TOP + H + 15.0 text-anchor="middle">{b.label.clone()}</text> }
        })
        .collect_view();
    let line = target.clone().map(|(v, name)| {
        let h = y(f64::from(v));
        view! {
            <line class="target" x1=LEFT x2=width - 4.0 y1=h y2=h />
            <text class="target-label" x=width - 6.0 y=h - 3.0 text-anchor="end">{format!("{name}: {v}")}</text>
        }
    });
    view! {
        <svg viewBox=format!("0 0 {width} {}", TOP + H + BOTTOM) role="img" aria-label=title.to_string() preserveAspectRatio="xMinYMin meet">
            <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + H />
            <line class="axis" x1=LEFT x2=width - 4.0 y1=TOP + H y2=TOP + H />
            <text class="y" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{compact(max)}</text>
            <text class="y" x=LEFT - 4.0 y=TOP + H text-anchor="end">"0"</text>
            {rects}
            {line}
            {labels}
        </svg>
    }
}
