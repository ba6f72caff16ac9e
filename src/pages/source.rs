//! `/sources/{id}`: one source's jobs, a page at a time, with the filters and the page in the
//! URL (reload, back and forward show the same view).

use crate::components::error::SourceErrorBanner;
use crate::components::export::ExportButtons;
use crate::components::health::Health;
use crate::components::pager::{range_label, Pager};
use crate::components::table::JobsTable;
use crate::context::use_config;
use crate::poll::{start_poller, Poller};
use crate::source_state::Fetched;
use jobdeck_core::route::Route;
use jobdeck_core::view::{visible_rows, TableView};
use jobdeck_core::{Adapter, Count, Job, Page, SourceConfig};
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

#[component]
fn SourceJobs(source: SourceConfig, refresh: u32) -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let kind = source.kind;
    let caps = Adapter(kind).capabilities();
    let view_state = Memo::new(move |_| {
        query.with(|q| TableView::from_pairs(q.latest_values().map(|(k, v)| (k.as_ref(), v))))
    });
    let list_query = Memo::new(move |_| view_state.with(|v| v.list_query(kind)));
    let fetched: Fetched<Page> = Fetched::new();
    // A page was fetched and its rows are not on screen yet (for the benchmark's milestones).
    let awaiting_render = StoredValue::new(false);
    let poller: RwSignal<Option<Poller>> = RwSignal::new(None);
    let src = StoredValue::new(source.clone());
    let base = format!("/sources/{}", source.id);
    let go = {
        let base = base.clone();
        move |v: TableView| {
            navigate(
                &format!("{base}{}", v.query_string()),
                NavigateOptions::default(),
            )
        }
    };
    let go = StoredValue::new(go);
    let update = move |f: &dyn Fn(&mut TableView)| {
        let mut v = view_state.get_untracked();
        f(&mut v);
        go.with_value(|g| g(v));
    };

    // A new poller for every server-side query; the old one (and its request) goes with its owner.
    let scheduler = move || {
        let q = list_query.get();
        let p = start_poller(refresh, move || {
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

    // The rows shown: the fetched page's jobs after search, local filters and sort. Only the
    // shown jobs are copied (cheaply: the raw records are shared).
    let rows = Memo::new(move |_| {
        let v = view_state.get();
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
    });
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
    let page_info = move || {
        fetched.data.with(|d| {
            d.as_ref()
                .map(|p| (p.page, p.per_page, p.jobs.len(), p.total, p.has_more))
        })
    };
    let label = Signal::derive(move || match page_info() {
        Some((page, per_page, shown, total, _)) => range_label(page, per_page, shown, total),
        // The error is said above the table; the pager only says there is no page.
        None if fetched.error.with(Option::is_some) => "Not loaded".to_string(),
        None => "Loading…".to_string(),
    });
    // The poller is re-made for every query: the spinner follows the current one.
    let busy = Signal::derive(move || poller.with(|p| p.is_some_and(|p| p.busy.get())));
    let per_page = Signal::derive(move || list_query.with(|q| q.per_page));
    let has_previous = Signal::derive(move || list_query.with(|q| q.page > 1));
    let has_next = Signal::derive(move || page_info().is_some_and(|(_, _, _, _, more)| more));
    let loaded = Signal::derive(move || {
        fetched
            .data
            .with(|d| d.as_ref().map_or(0, |p| p.jobs.len()))
    });
    let filtered_locally = Signal::derive(move || {
        view_state.with(|v| !v.q.trim().is_empty() || v.local_state_filter(kind).is_some())
    });
    let sort =
        Signal::derive(move || view_state.with(|v| v.sort.clone().map(|s| (s, v.descending))));
    // A memo, not a derived signal: the table re-makes its rows when this changes, and a page
    // change (a new list query with the same state) must not make the old rows again.
    // Where the API keeps one list per state (Tines), the state rides along: the detail view
    // then reads only that list.
    let state_required = caps.state_required;
    let detail_query = Memo::new(move |_| {
        list_query.with(|q| match &q.state {
            Some(s) if state_required => format!("?state={}", jobdeck_core::http::encode(s)),
            _ => String::new(),
        })
    });
    let stale = Signal::derive(move || fetched.data.with(Option::is_some));
    let states = caps.states;
    let sizes = caps.page_sizes();
    let (page_source_id, table_source_id) = (source.id.clone(), source.id.clone());
    let state_value = move || {
        list_query
            .with(|q| q.state.clone())
            .or_else(|| view_state.with(|v| v.state.clone()))
            .unwrap_or_default()
    };

    view! {
        {scheduler}
        <div
            class="source-page"
            data-source=page_source_id
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
                <button
                    class="button"
                    type="button"
                    aria-keyshortcuts="r"
                    on:click=move |_| {
                        if let Some(p) = poller.get_untracked() {
                            p.refresh()
                        }
                    }
                >
                    "Refresh"
                </button>
                <ExportButtons kind source_id=source.id.clone() rows=rows />
            </header>
            <SourceErrorBanner source_id=source.id.clone() error=fetched.error.into() stale=stale />
            <form class="filters" on:submit=|ev| ev.prevent_default()>
                <label>
                    "State "
                    <select
                        aria-label="State"
                        prop:value=state_value
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            update(
                                &|v| {
                                    v.state = (!value.is_empty()).then(|| value.clone());
                                    v.page = 1;
                                },
                            );
                        }
                    >
                        {(!state_required)
                            .then(|| view! { <option value="">"All states"</option> })}
                        {states
                            .iter()
                            .map(|s| {
                                view! {
                                    <option value=*s selected=move || state_value() == *s>
                                        {*s}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                {caps
                    .supports_active_only
                    .then(|| {
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || view_state.with(|v| v.active)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        update(
                                            &|v| {
                                                v.active = on;
                                                v.page = 1;
                                            },
                                        );
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
                                        view_state.with(|v| v.config.clone().unwrap_or_default())
                                    }
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev).trim().to_string();
                                        update(
                                            &|v| {
                                                v.config = (!value.is_empty()).then(|| value.clone());
                                                v.page = 1;
                                            },
                                        );
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
                        prop:value=move || view_state.with(|v| v.q.clone())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            update(&|v| v.q = value.clone());
                        }
                    />
                </label>
                <span class="search-scope" data-testid="search-scope">
                    {move || {
                        let n = loaded.get();
                        let local_state = view_state
                            .with(|v| v.local_state_filter(kind).map(str::to_string));
                        match (filtered_locally.get(), local_state) {
                            (_, Some(s)) => {
                                format!(
                                    "{} cannot filter by state on the server: showing the {} loaded rows in “{s}”",
                                    kind.label(),
                                    rows.with(Vec::len),
                                )
                            }
                            (true, None) => {
                                format!("searching {n} loaded rows: {} match", rows.with(Vec::len))
                            }
                            (false, None) => format!("search and sort apply to the {n} loaded rows"),
                        }
                    }}
                </span>
            </form>
            <Pager
                label
                has_previous
                has_next
                per_page
                sizes
                on_page=Callback::new(move |delta: i64| update(
                    &|v| v.page = (v.page as i64 + delta).max(1) as u64,
                ))
                on_per_page=Callback::new(move |n: u64| update(
                    &|v| {
                        v.per_page = n;
                        v.page = 1;
                    },
                ))
            />
            {move || match fetched.data.with(Option::is_some) {
                true => {
                    view! {
                        <JobsTable
                            kind
                            source_id=table_source_id.clone()
                            rows=rows
                            detail_query
                            on_rows_rendered
                            sort
                            on_sort=Callback::new(move |key: String| update(
                                &|v| {
                                    if v.sort.as_deref() == Some(key.as_str()) {
                                        v.descending = !v.descending
                                    } else {
                                        v.sort = Some(key.clone());
                                        v.descending = false;
                                    }
                                },
                            ))
                        />
                        {move || {
                            (rows.with(Vec::is_empty))
                                .then(|| {
                                    view! {
                                        <p class="empty">
                                            {move || {
                                                if filtered_locally.get() {
                                                    "No loaded row matches."
                                                } else {
                                                    "No jobs here."
                                                }
                                            }}
                                        </p>
                                    }
                                })
                        }}
                    }
                        .into_any()
                }
                false => {
                    view! {
                        <p class="loading" role="status">
                            {move || {
                                if fetched.error.with(Option::is_some) {
                                    ""
                                } else {
                                    "Loading jobs…"
                                }
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
            {move || {
                page_info()
                    .and_then(|(_, _, _, total, _)| {
                        matches!(total, Count::Unknown | Count::AtLeast(_))
                            .then(|| {
                                view! {
                                    <p class="count-note">
                                        "This API does not say how many jobs there are in all."
                                    </p>
                                }
                            })
                    })
            }}
        </div>
    }
}
