//! The job table: vendor columns, state badges, rows linking to the job's detail, sortable
//! headers (over the loaded rows).

use crate::components::badge::StateBadge;
use crate::components::time::{SharedTime, TimeCell};
use jobdeck_core::prefs::Prefs;
use jobdeck_core::vendors::{columns, Column};
use jobdeck_core::view::cell_text;
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
) -> impl IntoView {
    let cols = columns(kind);
    let sid = source_id.clone();
    view! {
        <div class="table-wrap">
            <table data-testid="jobs-table" class="jobs">
                <thead>
                    <tr>
                        {cols.iter().map(|c| {
                            let key = c.key().to_string();
                            let k2 = key.clone();
                            let k3 = key.clone();
                            let aria = move || match sort.get() {
                                Some((s, desc)) if s == k2 => if desc { "descending" } else { "ascending" },
                                _ => "none",
                            };
                            view! {
                                <th scope="col" aria-sort=aria>
                                    <button type="button" class="sort" on:click=move |_| on_sort.run(key.clone())>
                                        {c.header(kind)}
                                        <span class="sort-mark" aria-hidden="true">{move || match sort.get() {
                                            Some((s, desc)) if s == k3 => if desc { "▼" } else { "▲" },
                                            _ => "",
                                        }}</span>
                                    </button>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    // Rows are made from the rows signal directly rather than with <For>: in
                    // leptos 0.8 <For> keeps about 80 bytes of every row it ever removed, for as
                    // long as the page lives (tests/memory.rs). The detail query goes into each
                    // row as a plain string: a per-row closure reading the table's signal would
                    // stay subscribed after the row is gone (see mirror.rs).
                    {move || {
                        let query = detail_query.get();
                        let sid = sid.clone();
                        // One pair of clock and time-setting mirrors for all the rows, made and
                        // dropped with them; a change of the time setting re-makes the rows.
                        let time = SharedTime::new();
                        let prefs = time.prefs.get();
                        rows.get().into_iter().map(|job| view! { <JobRow kind job cols source_id=sid.clone() detail_query=query.clone() prefs clock=time.clock /> }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn JobRow(kind: SourceKind, job: Job, cols: &'static [Column], source_id: String, detail_query: String, prefs: Prefs, clock: Signal<f64>) -> impl IntoView {
    let href = crate::app::href(&format!("/sources/{}/jobs/{}{detail_query}", source_id, jobdeck_core::http::encode(&job.id)));
    let (row_id, row_state) = (job.id.clone(), job.state.clone());
    view! {
        <tr data-job-id=row_id data-state=row_state>
            {cols.iter().map(|c| {
                let cell = match c {
                    Column::Id => {
                        let href = href.clone();
                        let text = job.id.clone();
                        // A plain anchor: the router handles its clicks, without a component per row.
                        view! { <a href=href class="job-link">{text}</a> }.into_any()
                    }
                    Column::State => view! { <StateBadge state=job.state.clone() category=job.category /> }.into_any(),
                    Column::Created => view! { <TimeCell at=job.created prefs clock /> }.into_any(),
                    Column::Started => view! { <TimeCell at=job.started prefs clock /> }.into_any(),
                    Column::Updated => view! { <TimeCell at=job.updated prefs clock /> }.into_any(),
                    Column::Progress => match job.progress {
                        Some(p) => view! { <span class="progress"><progress max="100" value=p></progress>{format!(" {p:.0}%")}</span> }.into_any(),
                        None => ().into_any(),
                    },
                    other => view! { <span class="cell-text">{crate::components::text::clip(&cell_text(kind, *other, &job))}</span> }.into_any(),
                };
                view! { <td data-col=c.key()>{cell}</td> }
            }).collect_view()}
        </tr>
    }
}
