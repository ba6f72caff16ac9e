//! A source's state counts: each a link to its table filtered by that state, with the exact
//! number in `data-count` (absent when unknown, docs/design.md), honest labels for "at least" and
//! unknown counts, and how the numbers were obtained.

use crate::components::badge::StateBadge;
use crate::routes::href;
use jobdeck_core::route::Route;
use jobdeck_core::{Count, CountMethod, Counts};
use leptos::prelude::*;

#[component]
pub fn CountList(source_id: String, counts: Counts) -> impl IntoView {
    let note = match counts.method {
        CountMethod::Reported => None,
        CountMethod::Scanned => Some("Counted by reading every page."),
        CountMethod::TotalsOnly => {
            Some("Too many jobs to count by state; the API only gives totals.")
        }
    };
    let totals = counts.totals.clone();
    let sid = source_id.clone();
    view! {
        <ul class="counts">
            {counts
                .states
                .into_iter()
                .map(|s| {
                    let link = href(&Route::source_in_state(&source_id, &s.state));
                    let state_attr = s.state.clone();
                    let title = match s.count {
                        Count::Exact(_) => String::new(),
                        Count::AtLeast(_) => {
                            "The API does not report the total; at least this many".to_string()
                        }
                        Count::Unknown => "The API does not report this count".to_string(),
                    };
                    view! {
                        <li>
                            <a
                                href=link
                                data-testid="state-count"
                                data-source=source_id.clone()
                                data-state=state_attr
                                data-count=s.count.exact().map(|n| n.to_string())
                                title=title
                                class="count"
                            >
                                <StateBadge state=s.state.clone() category=s.category />
                                <span class="num">{s.count.display()}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {(!totals.is_empty())
            .then(|| {
                view! {
                    <p class="count-totals">
                        {totals
                            .into_iter()
                            .map(|(label, count)| {
                                view! {
                                    <span
                                        class="count-total"
                                        data-testid="source-total"
                                        data-source=sid.clone()
                                        data-total=label.clone()
                                        data-count=count.exact().map(|n| n.to_string())
                                    >
                                        {format!("{label}: {}", count.display())}
                                    </span>
                                }
                            })
                            .collect_view()}
                    </p>
                }
            })}
        {note.map(|n| view! { <p class="count-note">{n}</p> })}
    }
}
