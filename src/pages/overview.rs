//! `/`: every source as a card with its state counts and health; totals by category on top.

use crate::components::charts::{CountsOverTime, StateDistribution};
use crate::components::counts::CountList;
use crate::components::error::SourceErrorBanner;
use crate::components::health::Health;
use crate::context::use_config;
use crate::poll::start_poller;
use crate::routes::href;
use crate::source_state::Fetched;
use jobdeck_core::history::describe_change;
use jobdeck_core::route::Route;
use jobdeck_core::{Count, Counts, SourceConfig, StateCategory};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let config = use_config();
    let cfg = config.get_untracked().unwrap_or_default();
    let problems = cfg.problems.clone();
    // One Fetched per source, owned by this page so the totals can add them up.
    let cards: Vec<(SourceConfig, Fetched<Counts>, u32)> = cfg
        .sources
        .iter()
        .map(|s| (s.clone(), Fetched::new(), cfg.refresh_of(s)))
        .collect();
    let all: Vec<Fetched<Counts>> = cards.iter().map(|(_, f, _)| *f).collect();
    let painted = RwSignal::new(false);
    let expected = all.len();
    Effect::new(move |_| {
        // Milestone for the benchmark: every source's counts on screen.
        if !painted.get_untracked()
            && expected > 0
            && all
                .iter()
                .all(|f| f.data.with(Option::is_some) || f.error.with(Option::is_some))
        {
            painted.set(true);
            crate::perf::mark("jobdeck:counts-painted");
        }
    });
    let no_sources = cards.is_empty();
    let announcement = RwSignal::new(String::new());
    let demo = cfg.demo;
    view! {
        <h1 class="page-title">"Overview"</h1>
        {demo
            .then(|| {
                view! {
                    <div class="demo-banner" data-testid="demo-banner" role="note">
                        <span class="demo-badge">"Demo data"</span>
                        " No sources are configured, so jobdeck shows four simulated sources, one per vendor, running in your browser. "
                        <A href=href(&Route::Settings)>"Add your own sources in Settings"</A>
                        " or put a sources.json next to index.html."
                    </div>
                }
            })}
        {(!problems.is_empty())
            .then(|| {
                view! {
                    <div class="config-problems" role="alert" data-testid="config-problems">
                        <strong>"Some of the configuration could not be used:"</strong>
                        <ul>
                            {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
        {no_sources
            .then(|| {
                view! {
                    <p class="empty" data-testid="no-sources">
                        "No sources are configured. Add one in "
                        <A href=href(&Route::Settings)>"Settings"</A>
                        " or put a sources.json next to index.html."
                    </p>
                }
            })}
        <Totals cards=cards.iter().map(|(_, f, _)| *f).collect() />
        // Refreshed counts are announced politely, and only when they changed.
        <div
            class="visually-hidden"
            role="status"
            aria-live="polite"
            data-testid="counts-announcer"
        >
            {move || announcement.get()}
        </div>
        <div class="cards">
            {cards
                .into_iter()
                .map(|(source, fetched, refresh)| {
                    view! { <SourceCard source fetched refresh announcement /> }
                })
                .collect_view()}
        </div>
    }
}

/// Totals by state category across every source, honest about unknown parts.
#[component]
fn Totals(cards: Vec<Fetched<Counts>>) -> impl IntoView {
    let totals = move || {
        StateCategory::ALL
            .iter()
            .map(|cat| {
                let sum = cards.iter().fold(Count::Exact(0), |acc, f| {
                    f.data.with(|d| match d {
                        Some(c) => c
                            .states
                            .iter()
                            .filter(|s| s.category == *cat)
                            .fold(acc, |a, s| a.plus(s.count)),
                        None => acc.plus(Count::Unknown),
                    })
                });
                (*cat, sum)
            })
            .filter(|(cat, sum)| *cat != StateCategory::Other || *sum != Count::Exact(0))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="totals" aria-label="Jobs by state across all sources">
            {move || {
                totals()
                    .into_iter()
                    .map(|(cat, count)| {
                        view! {
                            <div
                                class=format!("total cat-{}", cat.name())
                                data-testid="category-total"
                                data-category=cat.name()
                                data-count=count.exact().map(|n| n.to_string())
                            >
                                <span class="total-num">{count.display()}</span>
                                <span class="total-label">{cat.label()}</span>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn SourceCard(
    source: SourceConfig,
    fetched: Fetched<Counts>,
    refresh: u32,
    announcement: RwSignal<String>,
) -> impl IntoView {
    let src = StoredValue::new(source.clone());
    let poller = start_poller(refresh, move || {
        let source = src.get_value();
        async move {
            let started = crate::perf::perf_now();
            let result = crate::fetch::counts(&source).await;
            fetched.record(started, result)
        }
    });
    // Every successful refresh is a point on the counts-over-time chart; a change is announced.
    let history = crate::context::use_history();
    let (history_id, spoken_name) = (source.id.clone(), source.name.clone());
    Effect::new(move |previous: Option<Option<Counts>>| {
        let now = fetched.data.get();
        if let Some(counts) = &now {
            history.record(&history_id, crate::perf::now_ms(), counts);
            if let Some(said) = previous
                .flatten()
                .and_then(|before| describe_change(&spoken_name, &before, counts))
            {
                announcement.set(said);
            }
        }
        now
    });
    let id = source.id.clone();
    let link = href(&Route::source(&source.id));
    let stale = Signal::derive(move || fetched.data.with(Option::is_some));
    let name = source.name.clone();
    let (title, label, base_url, host, kind_name) = (
        source.name.clone(),
        source.kind.label(),
        source.base_url.clone(),
        source.host(),
        source.kind.name(),
    );
    let list_id = id.clone();
    view! {
        <article
            class="card"
            data-testid="source-card"
            data-source=id.clone()
            data-kind=kind_name
            data-status=move || fetched.status().name()
            aria-busy=move || poller.busy.get().to_string()
        >
            <header class="card-head">
                <h2>
                    <A href=link>{title}</A>
                </h2>
                <span class="kind">{label}</span>
                {crate::demo::is_demo(&source)
                    .then(|| {
                        view! {
                            <span class="demo-badge" data-testid="demo-badge">
                                "Demo data"
                            </span>
                        }
                    })}
                <span class="host" title=base_url>
                    {host}
                </span>
                <button
                    class="icon-button"
                    type="button"
                    aria-label=format!("Refresh {name}")
                    title="Refresh now (r refreshes every source)"
                    on:click=move |_| poller.refresh()
                >
                    "↻"
                </button>
            </header>
            <Health last_ok_ms=fetched.last_ok_ms latency_ms=fetched.latency_ms busy=poller.busy />
            <SourceErrorBanner source_id=id.clone() error=fetched.error.into() stale=stale />
            {move || {
                fetched
                    .data
                    .get()
                    .map(|counts| {
                        view! {
                            <StateDistribution counts=counts.clone() />
                            <CountList source_id=list_id.clone() counts />
                        }
                    })
            }}
            <CountsOverTime source_id=id.clone() />
        </article>
    }
}
