//! "updated 12 s ago · 85 ms", with the exact time on hover.

use crate::app::use_clock;
use jobdeck_core::time::{format_relative, Timestamp};
use leptos::prelude::*;

#[component]
pub fn Health(last_ok_ms: RwSignal<Option<f64>>, latency_ms: RwSignal<Option<f64>>, busy: RwSignal<bool>) -> impl IntoView {
    let clock = use_clock();
    view! {
        <span class="health" aria-live="off">
            {move || match last_ok_ms.get() {
                Some(t) => {
                    let at = Timestamp(t as i64);
                    let latency = latency_ms.get().map(|l| format!(" · {} ms", l.round() as i64)).unwrap_or_default();
                    view! { <time datetime=at.to_rfc3339() title=at.to_utc_string()>{move || format!("updated {}", format_relative(at, Timestamp(clock.get() as i64)))}</time>{latency} }.into_any()
                }
                None => view! { <span>"not loaded yet"</span> }.into_any(),
            }}
            {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
        </span>
    }
}
