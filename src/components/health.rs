//! "updated 12 s ago · 85 ms", with the exact time on hover.
//!
//! The elements are made once and only their text and attributes follow the signals: a view
//! re-made on every refresh would leave one dead subscriber per refresh on the app-wide clock
//! (leptos 0.8 does not unsubscribe a dropped effect from its sources), a leak of ~84 bytes a
//! refresh that tests/memory.rs guards against.

use crate::context::use_clock;
use jobdeck_core::time::{format_relative, Timestamp};
use leptos::prelude::*;

#[component]
pub fn Health(
    last_ok_ms: RwSignal<Option<f64>>,
    latency_ms: RwSignal<Option<f64>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let clock = use_clock();
    let at = move || last_ok_ms.get().map(|t| Timestamp(t as i64));
    view! {
        <span class="health" aria-live="off">
            <time
                datetime=move || at().map(|t| t.to_rfc3339())
                title=move || at().map(|t| t.to_utc_string())
            >
                {move || match at() {
                    Some(t) => {
                        format!("updated {}", format_relative(t, Timestamp(clock.get() as i64)))
                    }
                    None => "not loaded yet".to_string(),
                }}
            </time>
            {move || {
                latency_ms
                    .get()
                    .filter(|_| last_ok_ms.with(Option::is_some))
                    .map(|l| format!(" · {} ms", l.round() as i64))
            }}
            <span class="spinner" aria-hidden="true" class:hidden=move || !busy.get()></span>
        </span>
    }
}
