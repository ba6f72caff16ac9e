//! Browser tests of the view components, in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use jobdeck::components::badge::StateBadge;
use jobdeck::components::error::SourceErrorBanner;
use jobdeck::components::pager::Pager;
use jobdeck::components::table::JobsTable;
use jobdeck::context::Clock;
use jobdeck_core::{Adapter, HttpResponse, ListQuery, SourceError, SourceKind, StateCategory};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{all, container, one};

#[wasm_bindgen_test]
async fn state_badge_is_coloured_by_category() {
    let root = container();
    let _h = leptos::mount::mount_to(
        root.clone(),
        || view! { <StateBadge state="partial_failure" category=StateCategory::Failed /> },
    );
    leptos::task::tick().await;
    let b = one(&root, ".badge");
    assert_eq!(b.text_content().as_deref(), Some("partial_failure"));
    assert!(b.class_name().contains("cat-failed"));
}

#[wasm_bindgen_test]
async fn pager_shows_the_range_and_pages_both_ways() {
    let root = container();
    let moved = RwSignal::new(0i64);
    let per_page = RwSignal::new(25u64);
    let page = RwSignal::new(1u64);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Pager
                label=Signal::derive(move || jobdeck::components::pager::range_label(
                    page.get(),
                    25,
                    25,
                    jobdeck_core::Count::Exact(60),
                ))
                has_previous=Signal::derive(move || page.get() > 1)
                has_next=Signal::derive(move || page.get() < 3)
                per_page=per_page
                sizes=vec![10, 25, 50]
                on_page=Callback::new(move |d: i64| {
                    moved.update(|m| *m += d);
                    page.update(|p| *p = (*p as i64 + d) as u64);
                })
                on_per_page=Callback::new(move |n| per_page.set(n))
            />
        }
    });
    leptos::task::tick().await;
    let pager = one(&root, "[data-testid=pager]");
    assert!(pager
        .text_content()
        .unwrap_or_default()
        .contains("1–25 of 60"));
    let prev: web_sys::HtmlButtonElement =
        one(&root, "button[aria-label='Previous page']").unchecked_into();
    let next: web_sys::HtmlButtonElement =
        one(&root, "button[aria-label='Next page']").unchecked_into();
    assert!(prev.disabled() && !next.disabled());
    next.click();
    leptos::task::tick().await;
    assert_eq!(moved.get_untracked(), 1);
    assert!(pager
        .text_content()
        .unwrap_or_default()
        .contains("26–50 of 60"));
    assert!(!prev.disabled());
    let select: web_sys::HtmlSelectElement =
        one(&root, "select[aria-label='Rows per page']").unchecked_into();
    assert_eq!(select.value(), "25");
    select.set_value("50");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    leptos::task::tick().await;
    assert_eq!(per_page.get_untracked(), 50);
}

#[wasm_bindgen_test]
async fn an_error_banner_says_what_failed_and_renders_vendor_text_as_text() {
    let root = container();
    let err = RwSignal::new(Some(SourceError::Unauthorized {
        detail: Some("<img src=x onerror=alert(1)>".into()),
    }));
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <SourceErrorBanner source_id="fleet" error=err.into() stale=Signal::derive(|| true) /> },
    );
    leptos::task::tick().await;
    let alert = one(&root, "[role=alert][data-source=fleet]");
    let text = alert.text_content().unwrap_or_default();
    assert!(
        text.starts_with("401 Unauthorized: check the token (<img src=x onerror=alert(1)>)"),
        "{text}"
    );
    assert!(text.contains("Showing the last data that loaded."));
    assert!(all(&root, "img").is_empty(), "vendor text is never HTML");
    err.set(None);
    leptos::task::tick().await;
    assert!(all(&root, "[role=alert]").is_empty());
}

const VECTOR_CHARTS: &str = include_str!("../core/tests/fixtures/sample-list-jobs.paginated.json");
const TINES_RETRY: &str = include_str!("../core/tests/fixtures/sample-retry_jobs.json");

fn parse(kind: SourceKind, state: Option<&str>, body: &str) -> Vec<jobdeck_core::Job> {
    let q = ListQuery {
        state: state.map(str::to_string),
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    Adapter(kind)
        .parse_list(
            &q,
            &HttpResponse {
                status: 200,
                headers: vec![],
                body: body.as_bytes().to_vec(),
            },
        )
        .expect("fixture parses")
        .jobs
}

#[wasm_bindgen_test]
async fn job_table_has_vendor_columns_rows_and_detail_links() {
    let root = container();
    let rows = RwSignal::new(parse(SourceKind::Tines, Some("retry"), TINES_RETRY));
    let sorted = RwSignal::new(None::<String>);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Clock(RwSignal::new(1_700_000_000_000.0)));
        view! {
            <Router>
                <JobsTable
                    kind=SourceKind::Tines
                    source_id="tines"
                    rows=rows
                    sort=Signal::derive(|| None)
                    detail_query=Signal::derive(|| "?state=retry".to_string())
                    on_sort=Callback::new(move |k: String| sorted.set(Some(k)))
                />
            </Router>
        }
    });
    leptos::task::tick().await;
    let headers: Vec<String> = all(&root, "table[data-testid=jobs-table] th")
        .iter()
        .map(|h| h.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        headers,
        [
            "ID",
            "Type",
            "Action",
            "State",
            "Started",
            "Retries",
            "Last retry",
            "Error class"
        ]
    );
    let trs = all(&root, "tbody tr[data-job-id]");
    assert_eq!(
        trs.iter()
            .map(|r| r.get_attribute("data-job-id").unwrap_or_default())
            .collect::<Vec<_>>(),
        ["1234", "1237"]
    );
    let link = one(&root, "tr[data-job-id='1237'] a.job-link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/sources/tines/jobs/1237?state=retry")
    );
    assert!(one(&root, "tr[data-job-id='1234']")
        .text_content()
        .unwrap_or_default()
        .contains("Action 01 (#1)"));
    assert!(one(&root, "tr[data-job-id='1237']")
        .text_content()
        .unwrap_or_default()
        .contains("action #1"));
    one(&root, "th button.sort").click();
    leptos::task::tick().await;
    assert_eq!(sorted.get_untracked().as_deref(), Some("id"));
    // New rows replace the old ones.
    rows.set(parse(SourceKind::VectorCharts, None, VECTOR_CHARTS));
    leptos::task::tick().await;
    assert_eq!(all(&root, "tbody tr").len(), 1);
}

#[wasm_bindgen_test]
async fn counts_link_to_filtered_tables_and_stay_honest() {
    use jobdeck::components::counts::CountList;
    use jobdeck_core::{Count, CountMethod, Counts, StateCount};
    let root = container();
    let counts = Counts {
        states: vec![
            StateCount {
                state: "in_progress".into(),
                category: StateCategory::Running,
                count: Count::AtLeast(1),
            },
            StateCount {
                state: "dead".into(),
                category: StateCategory::Failed,
                count: Count::Exact(17),
            },
            StateCount {
                state: "retry".into(),
                category: StateCategory::Retrying,
                count: Count::Unknown,
            },
        ],
        total: Count::AtLeast(18),
        totals: vec![("all".into(), Count::Exact(2001))],
        method: CountMethod::TotalsOnly,
    };
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Router>
                <CountList source_id="t".to_string() counts=counts.clone() />
            </Router>
        }
    });
    leptos::task::tick().await;
    let dead = one(
        &root,
        "[data-testid=state-count][data-source=t][data-state=dead]",
    );
    assert_eq!(dead.get_attribute("data-count").as_deref(), Some("17"));
    assert_eq!(
        dead.get_attribute("href").as_deref(),
        Some("/sources/t?state=dead")
    );
    let running = one(&root, "[data-testid=state-count][data-state=in_progress]");
    assert_eq!(
        running.get_attribute("data-count"),
        None,
        "not exact: no data-count"
    );
    assert!(running.text_content().unwrap_or_default().contains("≥ 1"));
    assert!(one(&root, "[data-state=retry]")
        .text_content()
        .unwrap_or_default()
        .contains('?'));
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("all: 2001"));
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("the API only gives totals"));
}

#[wasm_bindgen_test]
fn long_vendor_strings_are_clipped_for_display() {
    use jobdeck::components::text::{clip, MAX_SHOWN_CHARS};
    assert_eq!(clip("short"), "short");
    let long = "é".repeat(MAX_SHOWN_CHARS + 5);
    let shown = clip(&long);
    assert!(shown.starts_with(&"é".repeat(MAX_SHOWN_CHARS)));
    assert!(shown.ends_with("… (5 more characters in the raw record)"));
}

/// Rows updated in place (a page change) must come out exactly as rows made fresh: cells that
/// change kind (a time that appears, a progress that goes), fewer and more rows, and the
/// keyboard selection dropped when a row now shows another job.
#[wasm_bindgen_test]
async fn table_rows_updated_in_place_equal_rows_made_fresh() {
    use jobdeck_core::time::Timestamp;
    let page = |ids: std::ops::Range<u64>, variant: u64| -> Vec<jobdeck_core::Job> {
        ids.map(|i| {
            let mut job = parse(SourceKind::VectorCharts, None, VECTOR_CHARTS).remove(0);
            job.id = format!("job-{i}");
            job.state =
                ["running", "failed", "completed"][((i + variant) % 3) as usize].to_string();
            job.category = jobdeck_core::vendors::vector_charts::category(&job.state);
            job.progress = (i + variant)
                .is_multiple_of(2)
                .then_some((i * 7 % 100) as f64);
            job.created = (!(i + variant).is_multiple_of(3))
                .then_some(Timestamp(1_795_421_700_000 - i as i64 * 60_000));
            job.name = Some(format!("<b>type {i}</b> \u{202e}"));
            job
        })
        .collect()
    };
    let mount = |rows: RwSignal<Vec<jobdeck_core::Job>>| {
        let root = container();
        let handle = leptos::mount::mount_to(root.clone(), move || {
            provide_context(Clock(RwSignal::new(1_795_421_900_000.0)));
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
        (root, handle)
    };
    let updated = RwSignal::new(page(0..6, 0));
    let (root, _h1) = mount(updated);
    leptos::task::tick().await;
    one(&root, "tr[data-job-id='job-2']")
        .set_attribute("data-selected", "")
        .unwrap();
    for (ids, variant) in [(10..14, 1), (20..29, 2), (20..29, 0), (0..0, 0), (3..8, 1)] {
        updated.set(page(ids.clone(), variant));
        let (fresh_root, _h2) = mount(RwSignal::new(page(ids.clone(), variant)));
        leptos::task::tick().await;
        let body = |root: &web_sys::HtmlElement| one(root, "tbody").inner_html();
        assert_eq!(
            body(&root),
            body(&fresh_root),
            "rows {ids:?} variant {variant}"
        );
        assert!(
            all(&root, "tr[data-selected]").is_empty(),
            "the selection went with its job"
        );
        fresh_root.remove();
    }
    assert_eq!(all(&root, "tbody tr").len(), 5);
    assert!(
        one(&root, "tr[data-job-id='job-3'] td[data-col=name]")
            .inner_html()
            .contains("&lt;b&gt;"),
        "vendor text stays text"
    );
}

#[wasm_bindgen_test]
async fn table_times_follow_the_clock_and_the_time_setting() {
    use jobdeck::components::table::JobsTable;
    use jobdeck::context::PrefsContext;
    use jobdeck_core::prefs::{Prefs, TimeStyle, TimeZone};
    use jobdeck_core::time::Timestamp;
    let root = container();
    let prefs = RwSignal::new(Prefs::default());
    let at = Timestamp(1_795_421_700_000); // 2026-11-23T08:15:00Z
    let clock = RwSignal::new(at.0 as f64 + 180_000.0);
    let mut jobs = parse(SourceKind::VectorCharts, None, VECTOR_CHARTS);
    jobs.truncate(1);
    jobs[0].created = Some(at);
    jobs[0].updated = None;
    let rows = RwSignal::new(jobs);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Clock(clock));
        provide_context(PrefsContext(prefs));
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
    leptos::task::tick().await;
    let time = || one(&root, "td[data-col=created] time");
    assert_eq!(time().text_content().as_deref(), Some("3 min ago"));
    assert_eq!(
        time().get_attribute("datetime").as_deref(),
        Some("2026-11-23T08:15:00.000Z")
    );
    clock.set(at.0 as f64 + 240_000.0);
    leptos::task::tick().await;
    assert_eq!(
        time().text_content().as_deref(),
        Some("4 min ago"),
        "relative times follow the clock"
    );
    prefs.set(Prefs {
        time_style: TimeStyle::Absolute,
        time_zone: TimeZone::Utc,
        ..Prefs::default()
    });
    leptos::task::tick().await;
    assert_eq!(
        time().text_content().as_deref(),
        Some("2026-11-23 08:15:00 UTC")
    );
    assert_eq!(
        time().get_attribute("title").as_deref(),
        Some("4 min ago"),
        "the other form on hover"
    );
    clock.set(at.0 as f64 + 300_000.0);
    leptos::task::tick().await;
    assert_eq!(
        time().get_attribute("title").as_deref(),
        Some("5 min ago"),
        "and it follows the clock too"
    );
}

#[wasm_bindgen_test]
async fn charts_draw_the_exact_counts_and_the_session_history() {
    use jobdeck::components::charts::{CountsOverTime, StateDistribution};
    use jobdeck::history::CountsHistory;
    use jobdeck_core::{Count, CountMethod, Counts, StateCount};
    let counts = |running: u64, failed: u64| Counts {
        states: vec![
            StateCount {
                state: "running".into(),
                category: StateCategory::Running,
                count: Count::Exact(running),
            },
            StateCount {
                state: "failed".into(),
                category: StateCategory::Failed,
                count: Count::Exact(failed),
            },
            StateCount {
                state: "odd".into(),
                category: StateCategory::Other,
                count: Count::Unknown,
            },
        ],
        total: Count::Unknown,
        totals: Vec::new(),
        method: CountMethod::Reported,
    };
    let history = CountsHistory::default();
    history.record("a", 1_000.0, &counts(3, 1));
    let root = container();
    let first = counts(3, 1);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_context(history);
        view! {
            <StateDistribution counts=first.clone() />
            <CountsOverTime source_id="a" />
        }
    });
    leptos::task::tick().await;
    let rects = all(&root, "[data-testid=state-distribution] rect");
    let drawn: Vec<(String, String)> = rects
        .iter()
        .map(|r| {
            (
                r.get_attribute("data-category").unwrap_or_default(),
                r.get_attribute("data-count").unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        drawn,
        vec![
            ("running".to_string(), "3".to_string()),
            ("failed".to_string(), "1".to_string())
        ]
    );
    assert_eq!(
        one(&root, "[data-testid=state-distribution]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("State distribution: 3 running, 1 failed")
    );
    let chart = one(&root, "[data-testid=counts-over-time]");
    assert_eq!(chart.get_attribute("data-samples").as_deref(), Some("1"));
    assert_eq!(
        all(&root, "[data-testid=counts-over-time] circle").len(),
        2,
        "one refresh: a dot per category"
    );
    history.record("a", 61_000.0, &counts(5, 0));
    leptos::task::tick().await;
    let chart = one(&root, "[data-testid=counts-over-time]");
    assert_eq!(chart.get_attribute("data-samples").as_deref(), Some("2"));
    let label = chart.get_attribute("aria-label").unwrap_or_default();
    assert!(
        label.contains("running now 5")
            && label.contains("failed now 0")
            && label.contains("last 1 m (2 refreshes)"),
        "{label}"
    );
}

#[wasm_bindgen_test]
async fn export_buttons_are_off_without_rows() {
    use jobdeck::components::export::ExportButtons;
    let root = container();
    let rows = RwSignal::new(Vec::<jobdeck_core::Job>::new());
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ExportButtons kind=SourceKind::Osapi source_id="x" rows=rows /> },
    );
    leptos::task::tick().await;
    let buttons = all(&root, "button");
    assert_eq!(buttons.len(), 2);
    assert!(buttons.iter().all(|b| b.has_attribute("disabled")));
}

/// The links that start fetching a page's chunk (src/split.rs): each split route, and nothing
/// else (the overview, unknown paths and the shapes that only look similar).
#[wasm_bindgen_test]
fn split_pages_are_known_by_their_paths() {
    use jobdeck::split::SplitPage;
    assert_eq!(
        SplitPage::of_path("/sources/osapi"),
        Some(SplitPage::Source)
    );
    assert_eq!(
        SplitPage::of_path("/sources/osapi?state=failed&page=2"),
        Some(SplitPage::Source)
    );
    assert_eq!(
        SplitPage::of_path("/sources/osapi/jobs/42"),
        Some(SplitPage::Detail)
    );
    assert_eq!(
        SplitPage::of_path("/sources/osapi/jobs/42?state=dead"),
        Some(SplitPage::Detail)
    );
    assert_eq!(SplitPage::of_path("/settings"), Some(SplitPage::Settings));
    assert_eq!(SplitPage::of_path("/settings/"), Some(SplitPage::Settings));
    for other in [
        "/",
        "",
        "/sources",
        "/sources/",
        "/sources/a/jobs",
        "/sources/a/jobs/",
        "/settingsx",
        "/nope",
        "https://example.com/settings?x",
    ] {
        assert_eq!(SplitPage::of_path(other), None, "{other}");
    }
}

/// A value that says when it is freed.
struct Tracked(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Drop for Tracked {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// New data replaces the old at once; the old is freed in a later task, off the page change's
/// path (src/source_state.rs), and freed it is. A failure keeps the data it had.
#[wasm_bindgen_test]
async fn replaced_data_is_shown_at_once_and_freed_after() {
    use jobdeck::source_state::{Fetched, Status};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let owner = Owner::new();
    owner.set();
    let fetched = Fetched::<(u32, Tracked)>::new();
    let (first, second) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    assert!(fetched.record(0.0, Ok((1, Tracked(first.clone())))).is_ok());
    assert!(fetched
        .record(0.0, Ok((2, Tracked(second.clone()))))
        .is_ok());
    assert_eq!(
        fetched.data.with_untracked(|d| d.as_ref().map(|(n, _)| *n)),
        Some(2)
    );
    assert!(!first.load(Ordering::SeqCst), "freed during the change");
    jobdeck::perf::sleep_ms(20).await;
    assert!(first.load(Ordering::SeqCst), "never freed");
    assert!(fetched
        .record(0.0, Err(SourceError::Timeout { seconds: 5 }))
        .is_err());
    assert_eq!(
        fetched.data.with_untracked(|d| d.as_ref().map(|(n, _)| *n)),
        Some(2)
    );
    assert_eq!(fetched.status(), Status::Error);
    jobdeck::perf::sleep_ms(20).await;
    assert!(
        !second.load(Ordering::SeqCst),
        "a failure freed the data on screen"
    );
}
