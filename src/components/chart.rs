//! A bar chart in plain SVG: grouped bars per label, an optional target line, a legend. It scales
//! with the page and prints sharp (no canvas, no script).

use leptos::prelude::*;

const H: f64 = 150.0;
const TOP: f64 = 12.0;
const LEFT: f64 = 34.0;
const BOTTOM: f64 = 22.0;
/// Every chart has the same drawing width, so charts of 6 and of 53 bars sit side by side at
/// the same height.
const WIDTH: f64 = 640.0;

/// One group of bars: its label under the axis and one value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<u32>,
}

/// The axis' top value in the width of four digits: 404000 → «404k», 1250000 → «1.2M».
fn compact(n: u32) -> String {
    match n {
        0..=9_999 => n.to_string(),
        10_000..=999_999 => format!("{}k", n / 1000),
        _ => format!("{:.1}M", f64::from(n) / 1e6),
    }
}

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
) -> impl IntoView {
    let n = series.len().max(1);
    let max = bars
        .iter()
        .flat_map(|b| b.values.iter().copied())
        .chain(target.as_ref().map(|t| t.0))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = WIDTH;
    let group = (WIDTH - LEFT - 8.0) / bars.len().max(1) as f64;
    let y = move |v: u32| TOP + H - H * f64::from(v) / f64::from(max);
    let gap = (group * 0.2).min(6.0);
    let bar_w = (group - gap) / n as f64;
    // Every label when there is room, else every few, so they never overlap.
    let every = bars.len().div_ceil(12).max(1);
    let rects = bars
        .iter()
        .enumerate()
        .flat_map(|(i, b)| {
            b.values.iter().enumerate().map(move |(k, v)| {
                let x = LEFT + group * i as f64 + gap / 2.0 + bar_w * k as f64;
                view! {
                    <rect class=format!("s{k}") x=x y=y(*v) width=bar_w height=TOP + H - y(*v)>
                        <title>{format!("{}: {v}", b.label)}</title>
                    </rect>
                }
            })
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
        view! {
            <line class="target" x1=LEFT x2=width - 4.0 y1=y(v) y2=y(v) />
            <text class="target-label" x=width - 6.0 y=y(v) - 3.0 text-anchor="end">{format!("{name}: {v}")}</text>
        }
    });
    let legend = series
        .iter()
        .enumerate()
        .map(|(k, name)| view! { <span class="key"><i class=format!("s{k}")></i>{name.clone()}</span> })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {width} {}", TOP + H + BOTTOM) role="img" aria-label=title preserveAspectRatio="xMinYMin meet">
                <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + H />
                <line class="axis" x1=LEFT x2=width - 4.0 y1=TOP + H y2=TOP + H />
                <text class="y" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{compact(max)}</text>
                <text class="y" x=LEFT - 4.0 y=TOP + H text-anchor="end">"0"</text>
                {rects}
                {line}
                {labels}
            </svg>
            <div class="legend">{legend}</div>
        </figure>
    }
}
