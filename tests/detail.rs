//! Browser tests: each vendor's detail section rendered from the documented samples and fixtures.
#![cfg(target_arch = "wasm32")]

use jobdeck::components::detail::charts::ChartsSection;
use jobdeck::components::detail::cluedin::CluedinSection;
use jobdeck::components::detail::osapi::OsapiSection;
use jobdeck::components::detail::tines::TinesSection;
use jobdeck::context::Clock;
use jobdeck_core::vendors::cluedin::parse_job_run;
use jobdeck_core::vendors::detail::VendorDetail;
use jobdeck_core::{Adapter, HttpResponse, ListQuery, SourceKind};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::container;

/// The `<dd>` after the `<dt>` with this label.
fn field(root: &web_sys::HtmlElement, label: &str) -> String {
    let dts = root.query_selector_all("dt").expect("dt");
    for i in 0..dts.length() {
        let Some(dt) = dts.item(i) else { continue };
        if dt.text_content().as_deref() == Some(label) {
            let dd: web_sys::Element = dt
                .unchecked_into::<web_sys::Element>()
                .next_element_sibling()
                .expect("dd");
            assert_eq!(dd.tag_name(), "DD");
            return dd.text_content().unwrap_or_default();
        }
    }
    panic!("no <dt>{label}</dt> in {}", root.inner_html());
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

fn ok(body: &str) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![],
        body: body.as_bytes().to_vec(),
    }
}

/// Mounts inside a Router with a clock; keep the returned handle alive while asserting.
fn mount(
    root: &web_sys::HtmlElement,
    f: impl Fn() -> AnyView + Send + Sync + 'static,
) -> Box<dyn std::any::Any> {
    Box::new(leptos::mount::mount_to(root.clone(), move || {
        provide_context(Clock(RwSignal::new(1_790_000_000_000.0)));
        // Absolute times in UTC whatever the test machine's zone.
        provide_context(jobdeck::context::PrefsContext(RwSignal::new(
            jobdeck_core::prefs::Prefs {
                time_zone: jobdeck_core::prefs::TimeZone::Utc,
                ..Default::default()
            },
        )));
        view! { <Router>{f()}</Router> }
    }))
}

#[wasm_bindgen_test]
async fn tines_retry_records_show_action_forms_and_never_retried() {
    let page = Adapter(SourceKind::Tines)
        .parse_list(
            &ListQuery {
                state: Some("retry".into()),
                page: 1,
                per_page: 20,
                ..Default::default()
            },
            &ok(include_str!(
                "../core/tests/fixtures/sample-retry_jobs.json"
            )),
        )
        .expect("sample");
    let (VendorDetail::Tines(a), VendorDetail::Tines(b)) = (
        Adapter(SourceKind::Tines).detail(&page.jobs[0]).expect("a"),
        Adapter(SourceKind::Tines).detail(&page.jobs[1]).expect("b"),
    ) else {
        panic!("tines")
    };
    let root = container();
    let _h = mount(&root, move || {
        view! {
            <TinesSection detail=a.clone() />
            <TinesSection detail=b.clone() />
        }
        .into_any()
    });
    leptos::task::tick().await;
    let sections = root
        .query_selector_all("[data-testid=vendor-section]")
        .expect("sections");
    let first: web_sys::HtmlElement = sections.item(0).expect("first").unchecked_into();
    let second: web_sys::HtmlElement = sections.item(1).expect("second").unchecked_into();
    assert_eq!(field(&first, "Action"), "Action 01 (action #1)");
    assert_eq!(field(&first, "Retry count"), "5");
    assert!(field(&first, "Last retry").starts_with("2019-09-02 04:42:40 UTC"));
    assert_eq!(field(&first, "Error class"), "ArgumentError");
    assert_eq!(
        field(&second, "Action"),
        "action #1 (no name in the record)"
    );
    assert_eq!(field(&second, "Last retry"), "never");
}

#[wasm_bindgen_test]
async fn vector_charts_legacy_record_shows_steps_logs_and_params() {
    let page = Adapter(SourceKind::VectorCharts)
        .parse_list(
            &ListQuery {
                page: 1,
                per_page: 25,
                ..Default::default()
            },
            &ok(include_str!(
                "../core/tests/fixtures/sample-list-jobs.legacy-bare-array.json"
            )),
        )
        .expect("legacy sample");
    let VendorDetail::VectorCharts(d) = Adapter(SourceKind::VectorCharts)
        .detail(&page.jobs[0])
        .expect("detail")
    else {
        panic!("charts")
    };
    let root = container();
    let _h = mount(&root, move || {
        view! { <ChartsSection detail=d.clone() source_id="charts" children_jobs=Vec::new() /> }
            .into_any()
    });
    leptos::task::tick().await;
    assert_eq!(field(&root, "Priority"), "0");
    assert_eq!(field(&root, "Account"), "system-wide");
    assert_eq!(field(&root, "Parent job"), "none");
    let steps = root
        .query_selector_all("[data-testid=steps] li.step")
        .expect("steps");
    assert_eq!(steps.length(), 2);
    let first = steps
        .item(0)
        .and_then(|s| s.text_content())
        .unwrap_or_default();
    assert!(
        first.contains("step_download_noaa")
            && first.contains("11 m 30 s")
            && first.contains("attempt 1"),
        "{first}"
    );
    assert!(
        text(&root).contains("No log lines at this level."),
        "the sample has no logs"
    );
}

#[wasm_bindgen_test]
async fn vector_charts_log_level_filter() {
    let job: serde_json::Value = serde_json::json!({"id": "j1", "jobState": "failed", "createdAt": 1, "logs": [
        {"timestamp": "2025-01-15T12:00:00Z", "type": "info", "message": "started"},
        {"timestamp": "2025-01-15T12:00:01Z", "type": "warning", "message": "slow"},
        {"timestamp": "2025-01-15T12:00:02Z", "type": "error", "message": "<b>boom</b>"}]});
    let parsed = jobdeck_core::vendors::vector_charts::parse_job(&job, String::new()).expect("job");
    let VendorDetail::VectorCharts(d) = Adapter(SourceKind::VectorCharts)
        .detail(&parsed)
        .expect("detail")
    else {
        panic!("charts")
    };
    let root = container();
    let _h = mount(&root, move || {
        view! { <ChartsSection detail=d.clone() source_id="charts" children_jobs=Vec::new() /> }
            .into_any()
    });
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector_all("[data-testid=logs] li[data-level]")
            .expect("logs")
            .length(),
        3
    );
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select[aria-label='Log level']")
        .expect("q")
        .expect("select")
        .unchecked_into();
    select.set_value("error");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    leptos::task::tick().await;
    let logs = root
        .query_selector_all("[data-testid=logs] li[data-level]")
        .expect("logs");
    assert_eq!(logs.length(), 1);
    assert!(
        logs.item(0)
            .and_then(|l| l.text_content())
            .unwrap_or_default()
            .contains("<b>boom</b>"),
        "messages are text"
    );
    assert!(root
        .query_selector("[data-testid=logs] b")
        .expect("q")
        .is_none());
}

#[wasm_bindgen_test]
async fn osapi_full_record_shows_timeline_and_joined_agents() {
    let job = Adapter(SourceKind::Osapi)
        .parse_detail(&ok(include_str!(
            "../core/tests/fixtures/osapi-detail.json"
        )))
        .expect("detail");
    let VendorDetail::Osapi(d) = Adapter(SourceKind::Osapi).detail(&job).expect("osapi") else {
        panic!("osapi")
    };
    let root = container();
    let _h = mount(&root, move || {
        view! { <OsapiSection detail=d.clone() /> }.into_any()
    });
    leptos::task::tick().await;
    assert_eq!(field(&root, "Operation type"), "command.exec");
    assert_eq!(field(&root, "Error"), "1 of 2 agents failed");
    assert_eq!(
        root.query_selector_all("[data-testid=timeline] li")
            .expect("tl")
            .length(),
        5
    );
    let rows = root
        .query_selector_all("[data-testid=agents-table] tbody tr")
        .expect("rows");
    assert_eq!(rows.length(), 2);
    let web02 = root
        .query_selector("tr[data-host=web-02]")
        .expect("q")
        .and_then(|r| r.text_content())
        .unwrap_or_default();
    assert!(
        web02.contains("failed") && web02.contains("2 m") && web02.contains("exit status 1"),
        "{web02}"
    );
    let web01 = root
        .query_selector("tr[data-host=web-01]")
        .expect("q")
        .and_then(|r| r.text_content())
        .unwrap_or_default();
    assert!(
        web01.contains("1.5 s") && web01.contains("up 3 days"),
        "{web01}"
    );
}

#[wasm_bindgen_test]
async fn cluedin_job_run_pascal_and_camel_render_every_group() {
    for body in [
        include_str!("../core/tests/fixtures/cluedin-jobrun-pascal.json"),
        include_str!("../core/tests/fixtures/cluedin-jobrun-camel-array.json"),
    ] {
        let run = parse_job_run(&serde_json::from_str(body).expect("json")).expect("run");
        let root = container();
        let r = run.clone();
        let _h = mount(&root, move || {
            view! { <CluedinSection run=r.clone() source_id="mdm" /> }.into_any()
        });
        leptos::task::tick().await;
        assert_eq!(
            root.query_selector("[data-testid=run-outcome]")
                .expect("q")
                .and_then(|e| e.text_content())
                .as_deref(),
            Some("Did not succeed")
        );
        assert_eq!(
            field(&root, "Result message"),
            "Crawler failed: 429 from provider"
        );
        assert_eq!(field(&root, "Elapsed queued time"), "2.5 s");
        assert_eq!(field(&root, "Elapsed execution time"), "3 m 58 s");
        let timeline = root
            .query_selector("[data-testid=run-timeline]")
            .expect("q")
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        assert!(
            timeline.contains("waited 2.5 s in the queue") && timeline.contains("ran for 3 m 58 s"),
            "{timeline}"
        );
        let bars: Vec<String> = (0..root
            .query_selector_all("[data-testid=stacked-bar] .bar")
            .expect("bars")
            .length())
            .filter_map(|i| {
                root.query_selector_all("[data-testid=stacked-bar] .bar")
                    .ok()?
                    .item(i)?
                    .unchecked_into::<web_sys::Element>()
                    .get_attribute("aria-label")
            })
            .collect();
        assert_eq!(
            bars[0],
            "Tasks: 128 completed, 12 failed, 10 queued, of 200 expected"
        );
        assert_eq!(
            bars[1],
            "Clues: 5200 completed, 100 failed, 100 queued, of 5400 in all"
        );
        assert!(
            bars[2].contains("5100 completed")
                && bars[2].contains("45 already up to date")
                && bars[2].contains("5 ignored"),
            "{}",
            bars[2]
        );
        let breakdown = root
            .query_selector("[data-testid=processing-breakdown]")
            .expect("q")
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        assert!(
            breakdown.contains("830") && breakdown.contains("Retries7"),
            "{breakdown}"
        );
        assert_eq!(
            field(&root, "Agent key"),
            "e5f6a7b8-0000-4000-8000-000000000002"
        );
        assert_eq!(field(&root, "Processing state"), "state 2");
        assert_eq!(
            root.query_selector("[data-testid=percent-completed]")
                .expect("q")
                .and_then(|e| e.text_content())
                .as_deref(),
            Some(" 64% completed")
        );
    }
}
