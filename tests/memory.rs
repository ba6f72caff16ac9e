//! Re-rendering what a refresh re-renders, many times: the Rust heap in use must not grow
//! (a leak of a few hundred bytes per refresh adds up over a day on screen).
#![cfg(all(target_arch = "wasm32", feature = "measure"))]

use jobdeck::alloc_count::live_heap_bytes;
use jobdeck::components::charts::{CountsOverTime, StateDistribution};
use jobdeck::components::counts::CountList;
use jobdeck::components::health::Health;
use jobdeck::context::Clock;
use jobdeck_core::{Count, CountMethod, Counts, StateCategory, StateCount};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::container;

fn counts(n: u64) -> Counts {
    Counts {
        states: vec![
            StateCount {
                state: "running".into(),
                category: StateCategory::Running,
                count: Count::Exact(n),
            },
            StateCount {
                state: "failed".into(),
                category: StateCategory::Failed,
                count: Count::Exact(n % 7),
            },
        ],
        total: Count::Exact(n + n % 7),
        totals: Vec::new(),
        method: CountMethod::Reported,
    }
}

/// Growth of the heap in use over `rounds` updates of `data` (the clock ticking along, as in
/// the app), after `warm_up` updates.
async fn growth(
    warm_up: u64,
    rounds: u64,
    view_of: fn(RwSignal<Option<Counts>>) -> AnyView,
) -> i64 {
    let root = container();
    let data = RwSignal::new(Some(counts(1)));
    let clock = RwSignal::new(1_790_000_000_000.0);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Clock(clock));
        view! { <Router>{view_of(data)}</Router> }
    });
    for i in 0..warm_up {
        data.set(Some(counts(i)));
        clock.update(|c| *c += 1000.0);
        leptos::task::tick().await;
    }
    let before = live_heap_bytes();
    for i in 0..rounds {
        data.set(Some(counts(i + warm_up)));
        clock.update(|c| *c += 1000.0);
        leptos::task::tick().await;
    }
    live_heap_bytes() as i64 - before as i64
}

/// What one refresh re-renders on an overview card may not keep a byte of the one before.
#[wasm_bindgen_test]
async fn refreshed_counts_and_health_do_not_grow_the_heap() {
    let list = growth(50, 500, |data| view! { {move || data.get().map(|c| view! { <CountList source_id="x".to_string() counts=c /> })} }.into_any()).await;
    let bar = growth(50, 500, |data| {
        view! { {move || data.get().map(|c| view! { <StateDistribution counts=c /> })} }.into_any()
    })
    .await;
    let health = growth(50, 500, |data| {
        let last = RwSignal::new(None);
        Effect::new(move |_| {
            data.track();
            last.set(Some(1_790_000_000_000.0));
        });
        view! { <Health last_ok_ms=last latency_ms=RwSignal::new(Some(5.0)) busy=RwSignal::new(false) /> }.into_any()
    })
    .await;
    // A few hundred bytes of allocator and arena slack, not 84 bytes a link a refresh (the
    // router's <A> did that: each one stays subscribed to the URL signal after it is gone).
    for (what, grown) in [
        ("count list", list),
        ("distribution", bar),
        ("health", health),
    ] {
        assert!(grown < 2_000, "{what} grew {grown} B over 500 refreshes");
    }
}

/// The counts-over-time history stops growing at its cap.
#[wasm_bindgen_test]
async fn the_history_chart_is_bounded() {
    let grown = growth(
        jobdeck_core::history::MAX_SAMPLES as u64 + 50,
        500,
        |data| {
            let history = jobdeck::history::CountsHistory::default();
            provide_context(history);
            Effect::new(move |_| {
                if let Some(c) = data.get() {
                    history.record("x", 0.0, &c)
                }
            });
            view! { <CountsOverTime source_id="x" /> }.into_any()
        },
    )
    .await;
    assert!(
        grown < 2_000,
        "the history chart grew {grown} B past its cap"
    );
}

/// A table whose rows are replaced on every refresh (each row with its time cells, which read
/// the app's clock and time setting) keeps nothing of the rows before.
#[wasm_bindgen_test]
async fn replaced_table_rows_do_not_grow_the_heap() {
    use jobdeck::components::table::JobsTable;
    use jobdeck::context::ClockMirrors;
    use jobdeck::context::{PrefsContext, PrefsMirrors};
    use jobdeck::mirror::Mirrors;
    use jobdeck_core::time::Timestamp;
    use jobdeck_core::{Job, SourceKind};
    let job = |round: u64, i: u64| Job {
        id: format!("{round}-{i}"),
        state: "running".into(),
        category: StateCategory::Running,
        name: Some("refresh".into()),
        created: Some(Timestamp(1_789_000_000_000)),
        started: Some(Timestamp(1_789_000_100_000)),
        updated: Some(Timestamp(1_789_000_200_000)),
        finished: None,
        progress: Some(50.0),
        error: None,
        raw: std::sync::Arc::new(serde_json::Value::Null),
    };
    let root = container();
    let rows = RwSignal::new(Vec::new());
    let clock = RwSignal::new(1_790_000_000_000.0);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Clock(clock));
        provide_context(ClockMirrors(Mirrors::new(clock)));
        let prefs = RwSignal::new(jobdeck_core::prefs::Prefs::default());
        provide_context(PrefsContext(prefs));
        provide_context(PrefsMirrors(Mirrors::new(prefs)));
        view! {
            <Router>
                <JobsTable
                    kind=SourceKind::VectorCharts
                    source_id="charts"
                    rows=rows
                    sort=Signal::derive(|| None)
                    on_sort=Callback::new(|_: String| ())
                    detail_query=Signal::derive(String::new)
                />
            </Router>
        }
    });
    // Warm up, then two equal stretches: the second may not add to the first.
    let (mut start, mut middle) = (0.0, 0.0);
    for round in 0..650u64 {
        if round == 50 {
            start = live_heap_bytes();
        }
        if round == 350 {
            middle = live_heap_bytes();
        }
        rows.set((0..5).map(|i| job(round, i)).collect());
        clock.update(|c| *c += 1000.0);
        leptos::task::tick().await;
    }
    assert_eq!(
        root.query_selector_all("tbody tr")
            .map(|l| l.length())
            .unwrap_or(0),
        5
    );
    let (first, second) = (
        middle as i64 - start as i64,
        live_heap_bytes() as i64 - middle as i64,
    );
    assert!(
        first < 4_000 && second < 4_000,
        "replacing 5 rows 300 times grew the heap by {first} B, then by {second} B"
    );
}
