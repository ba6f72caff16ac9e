//! The pager of design.md: `first–last of total` (`first–last` when the total is unknown),
//! Previous/Next buttons, and a Rows per page select.

use jobdeck_core::Count;
use leptos::prelude::*;

/// "26–50 of 120", "26–50 of at least 60", "26–50", or "No jobs".
pub fn range_label(page: u64, per_page: u64, shown: usize, total: Count) -> String {
    if shown == 0 {
        return match total {
            Count::Exact(0) | Count::Unknown => "No jobs".into(),
            _ => format!("No jobs on page {page}"),
        };
    }
    let first = (page - 1).saturating_mul(per_page) + 1;
    let last = first + shown as u64 - 1;
    match total {
        Count::Exact(t) => format!("{first}–{last} of {t}"),
        Count::AtLeast(t) => format!("{first}–{last} of at least {t}"),
        Count::Unknown => format!("{first}–{last}"),
    }
}

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
            <span class="range" aria-live="polite">{label}</span>
            <button type="button" aria-label="Previous page" disabled=move || !has_previous.get() on:click=move |_| on_page.run(-1)>"‹"</button>
            <button type="button" aria-label="Next page" disabled=move || !has_next.get() on:click=move |_| on_page.run(1)>"›"</button>
            <label class="per-page">
                "Rows "
                <select aria-label="Rows per page" on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u64>() {
                        on_per_page.run(n);
                    }
                }>
                    {sizes.into_iter().map(|n| view! { <option value=n.to_string() selected=move || per_page.get() == n>{n.to_string()}</option> }).collect_view()}
                </select>
            </label>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(range_label(2, 25, 25, Count::Exact(120)), "26–50 of 120");
        assert_eq!(range_label(1, 20, 1, Count::AtLeast(1)), "1–1 of at least 1");
        assert_eq!(range_label(3, 10, 4, Count::Unknown), "21–24");
        assert_eq!(range_label(1, 10, 0, Count::Exact(0)), "No jobs");
    }
}
