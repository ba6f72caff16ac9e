//! "Export CSV" and "Export JSON": the table's rows as loaded, after its filters and sort.

use jobdeck_core::export::{file_name, to_csv, to_json};
use jobdeck_core::time::Timestamp;
use jobdeck_core::{Job, SourceKind};
use leptos::prelude::*;

#[component]
pub fn ExportButtons(
    kind: SourceKind,
    #[prop(into)] source_id: String,
    #[prop(into)] rows: Signal<Vec<Job>>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let id = StoredValue::new(source_id);
    let export = move |csv: bool| {
        let now = Timestamp(crate::perf::now_ms() as i64);
        let result = id.with_value(|id| {
            rows.with_untracked(|jobs| match csv {
                true => crate::download::save_text(
                    &file_name(id, now, "csv"),
                    "text/csv;charset=utf-8",
                    &to_csv(kind, jobs),
                ),
                false => crate::download::save_text(
                    &file_name(id, now, "json"),
                    "application/json",
                    &to_json(kind, id, jobs),
                ),
            })
        });
        problem.set(result.err().map(|e| format!("Export failed: {e}.")));
    };
    let count = move || rows.with(Vec::len);
    view! {
        <span class="export" data-testid="export">
            <button
                type="button"
                class="button"
                disabled=move || count() == 0
                title="The rows shown, as loaded, with the filters and sort applied"
                on:click=move |_| export(true)
            >
                "Export CSV"
            </button>
            <button
                type="button"
                class="button"
                disabled=move || count() == 0
                title="The rows shown, with each record as the API sent it"
                on:click=move |_| export(false)
            >
                "Export JSON"
            </button>
            {move || {
                problem
                    .get()
                    .map(|p| {
                        view! {
                            <span role="alert" class="inline-error">
                                {p}
                            </span>
                        }
                    })
            }}
        </span>
    }
}
