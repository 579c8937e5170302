//! A list that renders only the rows in view, so 100,000 clients scroll as smoothly as 100.

use leptos::html::Div;
use leptos::prelude::*;

const OVERSCAN: usize = 8;

#[component]
pub fn VirtualList<F, V>(
    #[prop(into)] count: Signal<usize>,
    /// Pixels; must match the row height in the CSS.
    row_height: u32,
    render: F,
) -> impl IntoView
where
    F: Fn(usize) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let el = NodeRef::<Div>::new();
    // Whole pixels: formatting floats would pull float printing into the wasm for no gain.
    let scroll = RwSignal::new(0u32);
    let viewport = RwSignal::new(800u32);
    Effect::new(move || {
        if let Some(div) = el.get() {
            let h = div.client_height().max(0) as u32;
            if h > 0 {
                viewport.set(h);
            }
        }
    });
    // A new result set starts at the top.
    Effect::new(move || {
        count.track();
        if let Some(div) = el.get_untracked() {
            div.set_scroll_top(0);
        }
        scroll.set(0);
    });
    let range = move || {
        let n = count.get();
        let first = (scroll.get() / row_height) as usize;
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = (first + (viewport.get() / row_height) as usize + OVERSCAN).min(n);
        start..end
    };
    view! {
        <div
            class="vlist"
            node_ref=el
            role="rowgroup"
            on:scroll=move |_| {
                if let Some(div) = el.get_untracked() {
                    scroll.set(div.scroll_top().max(0) as u32);
                    viewport.set(div.client_height().max(1) as u32);
                }
            }
        >
            <div class="vlist-inner" style=move || format!("height:{}px", count.get() as u64 * u64::from(row_height))>
                <div
                    class="vlist-window"
                    style=move || format!("transform:translateY({}px)", range().start as u64 * u64::from(row_height))
                >
                    {move || range().map(render.clone()).collect_view()}
                </div>
            </div>
        </div>
    }
}
