//! `/sources/{id}`: one source's jobs, a page at a time, with the filters and the page in the
//! URL (reload, back and forward show the same view).

use crate::components::error::SourceErrorBanner;
use crate::components::export::ExportButtons;
use crate::components::health::Health;
use crate::components::pager::{range_label, Pager};
use crate::components::table::JobsTable;
use crate::context::use_config;
use crate::poll::{start_poller_showing_busy, Poller};
use crate::source_state::Fetched;
use jobdeck_core::route::Route;
use jobdeck_core::view::{visible_rows, TableView};
use jobdeck_core::{Adapter, Count, Job, ListQuery, Page, SourceConfig, SourceKind};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn SourcePage() -> impl IntoView {
    let params = use_params_map();
    let config = use_config();
    move || {
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        match config.with(|c| {
            c.as_ref()
                .and_then(|c| c.source(&id).map(|s| (s.clone(), c.refresh_of(s))))
        }) {
            Some((source, refresh)) => view! { <SourceJobs source refresh /> }.into_any(),
            None => view! {
                <h1 class="page-title">"Unknown source"</h1>
                <p class="empty" role="alert">
                    {format!("No source with the id “{id}” is configured. ")}
                    <A href=crate::routes::href(&Route::Overview)>"Back to the overview"</A>
                </p>
            }
            .into_any(),
        }
    }
}

/// What the page's pieces share: the view in the URL, what it asks the server, the loaded
/// page and the rows shown from it, and the way to change the view (a navigation, so the URL
/// always holds it).
#[derive(Clone, Copy)]
struct TableState {
    kind: SourceKind,
    view: Memo<TableView>,
    list_query: Memo<ListQuery>,
    fetched: Fetched<Page>,
    rows: Memo<Vec<Job>>,
    go: StoredValue<Box<dyn Fn(TableView) + Send + Sync>>,
}

impl TableState {
    /// Changes the view: a new URL, which the page then follows.
    fn update(&self, change: impl FnOnce(&mut TableView)) {
        let mut v = self.view.get_untracked();
        change(&mut v);
        self.go.with_value(|go| go(v));
    }

    /// How many rows the page holds.
    fn loaded(&self) -> usize {
        self.fetched
            .data
            .with(|d| d.as_ref().map_or(0, |p| p.jobs.len()))
    }

    /// The search or a state the server cannot filter by narrows the loaded rows.
    fn filtered_locally(&self) -> bool {
        self.view
            .with(|v| !v.q.trim().is_empty() || v.local_state_filter(self.kind).is_some())
    }

    /// (page, per page, rows, total, has more) of the loaded page.
    fn page_info(&self) -> Option<(u64, u64, usize, Count, bool)> {
        self.fetched.data.with(|d| {
            d.as_ref()
                .map(|p| (p.page, p.per_page, p.jobs.len(), p.total, p.has_more))
        })
    }
}

#[component]
fn SourceJobs(source: SourceConfig, refresh: u32) -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let kind = source.kind;
    let table_view = Memo::new(move |_| {
        query.with(|q| TableView::from_pairs(q.latest_values().map(|(k, v)| (k.as_ref(), v))))
    });
    let list_query = Memo::new(move |_| table_view.with(|v| v.list_query(kind)));
    let fetched: Fetched<Page> = Fetched::new();
    let id = source.id.clone();
    let go: Box<dyn Fn(TableView) + Send + Sync> = Box::new(move |v: TableView| {
        navigate(
            &Route::source_view(&id, &v).path(),
            NavigateOptions::default(),
        )
    });
    let state = TableState {
        kind,
        view: table_view,
        list_query,
        fetched,
        rows: shown_rows(kind, table_view, fetched),
        go: StoredValue::new(go),
    };
    // A page was fetched and its rows are not on screen yet (for the benchmark's milestones).
    let awaiting_render = StoredValue::new(false);
    let poller: RwSignal<Option<Poller>> = RwSignal::new(None);
    // The poller is re-made for every query; they all show their runs on the one spinner.
    let busy = RwSignal::new(false);
    let src = StoredValue::new(source.clone());
    // A new poller for every server-side query; the old one (and its request) goes with its owner.
    let scheduler = move || {
        let q = list_query.get();
        let p = start_poller_showing_busy(busy, refresh, move || {
            let (source, q) = (src.get_value(), q.clone());
            async move {
                let started = crate::perf::perf_now();
                let result = crate::fetch::page(&source, &q).await;
                if result.is_ok() {
                    crate::perf::mark("jobdeck:rows-fetched");
                    awaiting_render.set_value(true);
                }
                fetched.record(started, result)
            }
        });
        poller.set(Some(p));
    };
    // Milestones: a fetched page's rows are in the DOM (script time: rows-fetched -> rows-rendered,
    // told by the table itself once it has made them), and the next frame has laid them out and
    // painted (rows-painted, what a person sees). A refresh that brings the same rows makes
    // nothing and measures nothing.
    let on_rows_rendered = Callback::new(move |()| {
        if awaiting_render.get_value() {
            awaiting_render.set_value(false);
            crate::perf::measure_between(
                "jobdeck:render",
                "jobdeck:rows-fetched",
                "jobdeck:rows-rendered",
            );
            request_animation_frame(|| crate::perf::mark("jobdeck:rows-painted"));
        }
    });
    let refresh_now = move |_| {
        if let Some(p) = poller.get_untracked() {
            p.refresh()
        }
    };
    let stale = Signal::derive(move || fetched.data.with(Option::is_some));

    view! {
        {scheduler}
        <div
            class="source-page"
            data-source=source.id.clone()
            data-status=move || fetched.status().name()
        >
            <nav class="crumbs" aria-label="Breadcrumb">
                <A href=crate::routes::href(&Route::Overview)>"Overview"</A>
                " / "
                <span>{source.name.clone()}</span>
            </nav>
            <header class="page-head">
                <h1 class="page-title">{source.name.clone()}</h1>
                <span class="kind">{kind.label()}</span>
                <span class="host">{source.host()}</span>
                <Health last_ok_ms=fetched.last_ok_ms latency_ms=fetched.latency_ms busy=busy />
                <button class="button" type="button" aria-keyshortcuts="r" on:click=refresh_now>
                    "Refresh"
                </button>
                <ExportButtons kind source_id=source.id.clone() rows=state.rows />
            </header>
            <SourceErrorBanner source_id=source.id.clone() error=fetched.error.into() stale=stale />
            <Filters state />
            <TablePager state />
            <TableArea state source_id=source.id.clone() on_rows_rendered />
        </div>
    }
}

/// The rows shown: the fetched page's jobs after search, local filters and sort. Only the shown
/// jobs are copied (cheaply: the raw records are shared).
fn shown_rows(
    kind: SourceKind,
    table_view: Memo<TableView>,
    fetched: Fetched<Page>,
) -> Memo<Vec<Job>> {
    Memo::new(move |_| {
        let v = table_view.get();
        fetched.data.with(|d| {
            let jobs = d.as_ref().map_or(&[][..], |p| &p.jobs[..]);
            // Milestones for the benchmark: the script time of filtering the loaded rows.
            crate::perf::mark("jobdeck:filter-start");
            let shown = visible_rows(kind, jobs, &v)
                .into_iter()
                .filter_map(|i| jobs.get(i).cloned())
                .collect::<Vec<Job>>();
            if !v.q.is_empty() {
                crate::perf::measure_between(
                    "jobdeck:filter",
                    "jobdeck:filter-start",
                    "jobdeck:filter-end",
                );
            }
            shown
        })
    })
}

/// The state filter, the vendor's own filters, and the search over the loaded rows.
#[component]
fn Filters(state: TableState) -> impl IntoView {
    let caps = Adapter(state.kind).capabilities();
    let table_view = state.view;
    view! {
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <StateSelect state />
            {caps
                .supports_active_only
                .then(|| {
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || table_view.with(|v| v.active)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    state
                                        .update(|v| {
                                            v.active = on;
                                            v.page = 1;
                                        });
                                }
                            />
                            " Active only (pending and running)"
                        </label>
                    }
                })}
            {caps
                .supports_config_filter
                .then(|| {
                    view! {
                        <label>
                            "Configuration "
                            <input
                                type="search"
                                aria-label="Configuration ID"
                                placeholder="configurationId (uuid)"
                                prop:value=move || {
                                    table_view.with(|v| v.config.clone().unwrap_or_default())
                                }
                                on:change=move |ev| {
                                    let value = event_target_value(&ev).trim().to_string();
                                    state
                                        .update(|v| {
                                            v.config = (!value.is_empty()).then_some(value);
                                            v.page = 1;
                                        });
                                }
                            />
                        </label>
                    }
                })}
            <label class="search">
                "Search "
                <input
                    type="search"
                    data-shortcut="search"
                    aria-label="Search loaded rows"
                    aria-keyshortcuts="/"
                    placeholder="text in any column"
                    prop:value=move || table_view.with(|v| v.q.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        state.update(|v| v.q = value);
                    }
                />
            </label>
            <span class="search-scope" data-testid="search-scope">
                {move || search_scope(state)}
            </span>
        </form>
    }
}

/// The vendor's states; "All states" unless the API keeps one list per state.
#[component]
fn StateSelect(state: TableState) -> impl IntoView {
    let caps = Adapter(state.kind).capabilities();
    let (list_query, table_view) = (state.list_query, state.view);
    let value = move || {
        list_query
            .with(|q| q.state.clone())
            .or_else(|| table_view.with(|v| v.state.clone()))
            .unwrap_or_default()
    };
    view! {
        <label>
            "State "
            <select
                aria-label="State"
                prop:value=value
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    state
                        .update(|v| {
                            v.state = (!chosen.is_empty()).then_some(chosen);
                            v.page = 1;
                        });
                }
            >
                {(!caps.state_required).then(|| view! { <option value="">"All states"</option> })}
                {caps
                    .states
                    .iter()
                    .map(|s| {
                        view! {
                            <option value=*s selected=move || value() == *s>
                                {*s}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// What the search and sort apply to, in words.
fn search_scope(state: TableState) -> String {
    let n = state.loaded();
    let shown = state.rows.with(Vec::len);
    let local_state = state
        .view
        .with(|v| v.local_state_filter(state.kind).map(str::to_string));
    match (state.filtered_locally(), local_state) {
        (_, Some(s)) => format!(
            "{} cannot filter by state on the server: showing the {shown} loaded rows in “{s}”",
            state.kind.label()
        ),
        (true, None) => format!("searching {n} loaded rows: {shown} match"),
        (false, None) => format!("search and sort apply to the {n} loaded rows"),
    }
}

/// The pager: the range shown, Previous/Next and the page size.
#[component]
fn TablePager(state: TableState) -> impl IntoView {
    let fetched = state.fetched;
    let list_query = state.list_query;
    let label = Signal::derive(move || match state.page_info() {
        Some((page, per_page, shown, total, _)) => range_label(page, per_page, shown, total),
        // The error is said above the table; the pager only says there is no page.
        None if fetched.error.with(Option::is_some) => "Not loaded".to_string(),
        None => "Loading…".to_string(),
    });
    let per_page = Signal::derive(move || list_query.with(|q| q.per_page));
    let has_previous = Signal::derive(move || list_query.with(|q| q.page > 1));
    let has_next = Signal::derive(move || state.page_info().is_some_and(|(_, _, _, _, more)| more));
    let sizes = Adapter(state.kind).capabilities().page_sizes();
    view! {
        <Pager
            label
            has_previous
            has_next
            per_page
            sizes
            on_page=Callback::new(move |delta: i64| {
                state.update(|v| v.page = (v.page as i64 + delta).max(1) as u64)
            })
            on_per_page=Callback::new(move |n: u64| {
                state
                    .update(|v| {
                        v.per_page = n;
                        v.page = 1;
                    })
            })
        />
    }
}

/// The table of the shown rows (or why there is none), and the note when the API does not say
/// how many jobs there are.
#[component]
fn TableArea(
    state: TableState,
    source_id: String,
    on_rows_rendered: Callback<()>,
) -> impl IntoView {
    let (fetched, rows, list_query, table_view) =
        (state.fetched, state.rows, state.list_query, state.view);
    let state_required = Adapter(state.kind).capabilities().state_required;
    // A memo, not a derived signal: the table re-makes its rows when this changes, and a page
    // change (a new list query with the same state) must not make the old rows again. Where the
    // API keeps one list per state (Tines), the state rides along: the detail then reads only
    // that list.
    let detail_query = Memo::new(move |_| {
        list_query.with(|q| match &q.state {
            Some(s) if state_required => format!("?state={}", jobdeck_core::http::encode(s)),
            _ => String::new(),
        })
    });
    let sort =
        Signal::derive(move || table_view.with(|v| v.sort.clone().map(|s| (s, v.descending))));
    let on_sort = Callback::new(move |key: String| {
        state.update(|v| {
            if v.sort.as_deref() == Some(key.as_str()) {
                v.descending = !v.descending
            } else {
                v.sort = Some(key);
                v.descending = false;
            }
        })
    });
    let empty_text = move || {
        if state.filtered_locally() {
            "No loaded row matches."
        } else {
            "No jobs here."
        }
    };
    let loading_text = move || {
        if fetched.error.with(Option::is_some) {
            ""
        } else {
            "Loading jobs…"
        }
    };
    let count_note = move || {
        state.page_info().and_then(|(_, _, _, total, _)| matches!(total, Count::Unknown | Count::AtLeast(_)).then(|| view! { <p class="count-note">"This API does not say how many jobs there are in all."</p> }))
    };
    view! {
        {move || match fetched.data.with(Option::is_some) {
            true => {
                view! {
                    <JobsTable
                        kind=state.kind
                        source_id=source_id.clone()
                        rows=rows
                        detail_query
                        on_rows_rendered
                        sort
                        on_sort
                    />
                    {move || {
                        rows.with(Vec::is_empty)
                            .then(|| view! { <p class="empty">{empty_text}</p> })
                    }}
                }
                    .into_any()
            }
            false => {
                view! {
                    <p class="loading" role="status">
                        {loading_text}
                    </p>
                }
                    .into_any()
            }
        }}
        {count_note}
    }
}
