//! The overview against the simulator: correct counts for all four kinds, per-source errors
//! that leave the other sources alone, and the empty state.

use jobdeck_e2e::{Env, Options};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Every state count shown for a source: state -> data-count (None when unknown).
async fn shown_counts(env: &Env, source: &str) -> BTreeMap<String, Option<u64>> {
    let v = env
        .js(&format!(
            "Array.from(document.querySelectorAll('[data-testid=state-count][data-source={source}]')).map(e => [e.getAttribute('data-state'), e.getAttribute('data-count')])"
        ))
        .await;
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| {
            Some((
                pair[0].as_str()?.to_string(),
                pair[1].as_str().and_then(|n| n.parse().ok()),
            ))
        })
        .collect()
}

async fn wait_all_ok(env: &Env, n: usize) {
    env.wait_js(&format!(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === {n}"
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overview_shows_the_simulators_counts_for_all_four_kinds() {
    let env = Env::start(Options::default()).await;
    env.goto("/").await;
    wait_all_ok(&env, 4).await;

    // osapi: status_counts, including statuses beyond the five.
    let truth = env.api("osapi", "/job?limit=1").await;
    let shown = shown_counts(&env, "osapi").await;
    for (state, n) in truth["status_counts"].as_object().expect("counts") {
        assert_eq!(shown.get(state), Some(&n.as_u64()), "osapi {state}");
    }
    assert!(shown.contains_key("skipped"));

    // Tines: each list's meta.count.
    let shown = shown_counts(&env, "tines").await;
    for state in ["in_progress", "queued", "retry", "dead"] {
        let truth = env
            .api("tines", &format!("/api/v1/admin/{state}_jobs?per_page=1"))
            .await;
        assert_eq!(
            shown.get(state),
            Some(&truth["meta"]["count"].as_u64()),
            "tines {state}"
        );
    }

    // CluedIn: its counts endpoint, under the docs' state names.
    let truth = env.api("cluedin", "/api/v1/jobs").await;
    let shown = shown_counts(&env, "cluedin").await;
    for (key, state) in [
        ("queued", "Queued"),
        ("executing", "Executing"),
        ("completed", "Completed"),
        ("failed", "Failed"),
        ("cancelled", "Cancelled"),
    ] {
        assert_eq!(
            shown.get(state),
            Some(&truth[key].as_u64()),
            "cluedin {state}"
        );
    }

    // Vector Charts: scanned per-state counts equal the jobs' states, labelled as scanned.
    let truth = env.api("charts", "/api/portal/v1/jobs?limit=200").await;
    let mut by_state: BTreeMap<String, u64> = BTreeMap::new();
    for j in truth["jobs"].as_array().expect("jobs") {
        *by_state
            .entry(j["jobState"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    let shown = shown_counts(&env, "charts").await;
    for state in ["pending", "running", "completed", "failed", "cancelled"] {
        assert_eq!(
            shown.get(state),
            Some(&Some(by_state.get(state).copied().unwrap_or(0))),
            "charts {state}"
        );
    }
    assert!(env
        .text("[data-testid=source-card][data-source=charts]")
        .await
        .contains("Counted by reading every page"));

    // The totals add the four sources up by category.
    let failed_total: u64 = shown_counts(&env, "osapi")
        .await
        .iter()
        .filter(|(s, _)| *s == "failed" || *s == "partial_failure")
        .filter_map(|(_, n)| *n)
        .sum::<u64>()
        + shown_counts(&env, "tines")
            .await
            .get("dead")
            .copied()
            .flatten()
            .unwrap_or(0)
        + shown_counts(&env, "charts")
            .await
            .get("failed")
            .copied()
            .flatten()
            .unwrap_or(0)
        + shown_counts(&env, "cluedin")
            .await
            .get("Failed")
            .copied()
            .flatten()
            .unwrap_or(0);
    assert_eq!(
        env.attr(
            "[data-testid=category-total][data-category=failed]",
            "data-count"
        )
        .await,
        Some(failed_total.to_string())
    );

    // A count links to the table filtered by that state.
    assert_eq!(
        env.attr(
            "[data-testid=state-count][data-source=tines][data-state=dead]",
            "href"
        )
        .await
        .as_deref(),
        Some("/sources/tines?state=dead")
    );
    env.assert_no_crash().await;
    env.close().await;
}

fn sources(list: Value) -> Value {
    json!({"refresh_seconds": 0, "sources": list})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_source_shows_its_error_and_the_others_keep_working() {
    let env = Env::start(Options {
        sources_json: Some(sources(json!([
            {"id": "good", "kind": "osapi", "base_url": "/osapi", "token": "osapi-token"},
            {"id": "badtoken", "kind": "osapi", "base_url": "/osapi", "token": "wrong"},
            {"id": "noperm", "kind": "osapi", "base_url": "/osapi", "token": "osapi-token-noread"},
            {"id": "down", "kind": "cluedin", "base_url": "http://127.0.0.1:9/api", "token": "x"},
            {"id": "htmlpage", "kind": "vector-charts", "base_url": "/charts", "token": "charts-token"},
            {"id": "nothing", "kind": "osapi", "base_url": "/tines", "token": "tines-token"},
            {"id": "broken", "kind": "jenkins", "base_url": "/x"}
        ]))),
        ..Options::default()
    })
    .await;
    // A proxy's HTML page instead of the API's JSON.
    assert_eq!(
        env.sim("POST", "/_sim/fault/charts?body=html", &[]).await.0,
        200
    );
    env.goto("/").await;
    env.wait_js("document.querySelectorAll('[data-testid=source-card]:not([data-status=loading])').length === 6").await;
    assert_eq!(
        env.attr("[data-testid=source-card][data-source=good]", "data-status")
            .await
            .as_deref(),
        Some("ok")
    );
    let env = &env;
    let alert = |id: &'static str| async move {
        env.text(&format!("[role=alert][data-source={id}]")).await
    };
    assert!(
        alert("badtoken")
            .await
            .starts_with("401 Unauthorized: check the token"),
        "{}",
        alert("badtoken").await
    );
    assert!(alert("noperm").await.starts_with("403 Forbidden"));
    assert!(alert("down")
        .await
        .starts_with("Network error or CORS blocked"));
    assert!(alert("down").await.contains("Reverse proxy for CORS"));
    assert!(
        alert("htmlpage")
            .await
            .starts_with("Invalid response: the server sent an HTML page"),
        "{}",
        alert("htmlpage").await
    );
    assert!(alert("nothing").await.starts_with("404 Not Found"));
    for id in ["badtoken", "noperm", "down", "htmlpage", "nothing"] {
        assert_eq!(
            env.attr(
                &format!("[data-testid=source-card][data-source={id}]"),
                "data-status"
            )
            .await
            .as_deref(),
            Some("error"),
            "{id}"
        );
    }
    // The bad entry is reported with its reason; the valid ones still work.
    assert!(env
        .text("[data-testid=config-problems]")
        .await
        .contains("unknown kind \"jenkins\""));
    // Tokens never show on the page.
    let html = env.js("document.documentElement.outerHTML").await;
    assert!(!html.as_str().unwrap_or("").contains("osapi-token"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_nothing_configured_the_embedded_demo_runs_in_the_browser() {
    let env = Env::start(Options {
        no_sources_file: true,
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    assert!(env
        .text("[data-testid=demo-banner]")
        .await
        .contains("Demo data"));
    assert_eq!(
        env.js("document.querySelectorAll('[data-testid=demo-badge]').length")
            .await,
        json!(4)
    );
    let kinds = env.js("Array.from(document.querySelectorAll('[data-testid=source-card]')).map(c => c.dataset.kind).join(',')").await;
    assert_eq!(kinds, json!("tines,vector-charts,osapi,cluedin"));
    // The demo answers in the browser: the simulator server saw no API request.
    for source in ["tines", "charts", "osapi", "cluedin"] {
        assert_eq!(
            env.sim("GET", &format!("/_sim/requests/{source}"), &[])
                .await
                .1["requests"],
            json!(0),
            "{source}"
        );
    }
    // Its tables page too.
    env.click("[data-testid=state-count][data-source=demo-osapi][data-state=completed]")
        .await;
    env.wait_js("document.querySelectorAll('tbody tr[data-state=completed]').length > 0")
        .await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_sources_file_says_how_to_add_a_source() {
    let env = Env::start(Options {
        sources_json: Some(json!({"sources": []})),
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    let text = env
        .wait_js("document.querySelector('[data-testid=no-sources]')?.innerText")
        .await;
    assert!(text.as_str().unwrap_or("").contains("Settings"));
    env.close().await;
}
