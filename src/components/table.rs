//! The job table: vendor columns, state badges, rows linking to the job's detail, sortable
//! headers (over the loaded rows). The headers are a view; the rows are built by
//! `table_rows` in one call, because they are the hot path of every page change.

use crate::components::table_rows::{self, RowsContext};
use crate::context::use_clock;
use crate::context::use_prefs_read;
use jobdeck_core::time::Timestamp;
use jobdeck_core::{Job, SourceKind};
use leptos::prelude::*;

#[component]
pub fn JobsTable(
    kind: SourceKind,
    #[prop(into)] source_id: String,
    /// The rows to show, in order.
    #[prop(into)]
    rows: Signal<Vec<Job>>,
    #[prop(into)] sort: Signal<Option<(String, bool)>>,
    on_sort: Callback<String>,
    /// Query string carried into detail links (Tines needs its `state`).
    #[prop(into)]
    detail_query: Signal<String>,
    /// Called each time the rows have been made (the page's benchmark milestones).
    #[prop(optional)]
    on_rows_rendered: Option<Callback<()>>,
) -> impl IntoView {
    let cols = jobdeck_core::Adapter(kind).columns();
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    // The clock and time setting through this table's own mirrors (see mirror.rs): these
    // effects live as long as the table.
    let (clock, prefs) = (use_clock(), use_prefs_read());
    let relative_times = StoredValue::new(Vec::<Timestamp>::new());
    // The rows, brought up to date (in place, see table_rows.rs) whenever the rows, the detail
    // query or the time setting change.
    Effect::new(move |_| {
        let Some(tbody) = tbody.get() else { return };
        let query = detail_query.get();
        let ctx = RowsContext {
            kind,
            cols,
            source_id: &source_id,
            detail_query: &query,
            prefs: prefs.get(),
            now_ms: clock.get_untracked(),
        };
        let times = rows.with(|rows| table_rows::render(&tbody, &ctx, rows));
        relative_times.set_value(times);
        if let Some(done) = on_rows_rendered {
            done.run(());
        }
    });
    // Relative times follow the clock.
    Effect::new(move |_| {
        let now = clock.get();
        if let Some(tbody) = tbody.get_untracked() {
            relative_times
                .with_value(|times| table_rows::update_relative_times(&tbody, times, now));
        }
    });
    view! {
        <div class="table-wrap">
            <table data-testid="jobs-table" class="jobs">
                <thead>
                    <tr>
                        {cols
                            .iter()
                            .map(|c| {
                                let key = c.key().to_string();
                                let k2 = key.clone();
                                let k3 = key.clone();
                                let aria = move || match sort.get() {
                                    Some((s, desc)) if s == k2 => {
                                        if desc { "descending" } else { "ascending" }
                                    }
                                    _ => "none",
                                };
                                view! {
                                    <th scope="col" aria-sort=aria>
                                        <button
                                            type="button"
                                            class="sort"
                                            on:click=move |_| on_sort.run(key.clone())
                                        >
                                            {c.header(kind)}
                                            <span class="sort-mark" aria-hidden="true">
                                                {move || match sort.get() {
                                                    Some((s, desc)) if s == k3 => {
                                                        if desc { "▼" } else { "▲" }
                                                    }
                                                    _ => "",
                                                }}
                                            </span>
                                        </button>
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody node_ref=tbody></tbody>
            </table>
        </div>
    }
}
