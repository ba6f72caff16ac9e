//! The pager of docs/design.md: `first–last of total` (`first–last` when the total is unknown),
//! Previous/Next buttons, and a Rows per page select.

pub use jobdeck_core::view::range_label;
use leptos::prelude::*;

#[component]
pub fn Pager(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] has_previous: Signal<bool>,
    #[prop(into)] has_next: Signal<bool>,
    #[prop(into)] per_page: Signal<u64>,
    sizes: Vec<u64>,
    on_page: Callback<i64>,
    on_per_page: Callback<u64>,
) -> impl IntoView {
    view! {
        <nav class="pager" data-testid="pager" aria-label="Pages">
            <span class="range" aria-live="polite">
                {label}
            </span>
            <button
                type="button"
                aria-label="Previous page"
                disabled=move || !has_previous.get()
                on:click=move |_| on_page.run(-1)
            >
                "‹"
            </button>
            <button
                type="button"
                aria-label="Next page"
                disabled=move || !has_next.get()
                on:click=move |_| on_page.run(1)
            >
                "›"
            </button>
            <label class="per-page">
                "Rows "
                <select
                    aria-label="Rows per page"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u64>() {
                            on_per_page.run(n);
                        }
                    }
                >
                    {sizes
                        .into_iter()
                        .map(|n| {
                            view! {
                                <option value=n.to_string() selected=move || per_page.get() == n>
                                    {n.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}
