//! Tokens that never leave home, vendor strings that stay text, a CSP without inline script, and
//! the faults not covered elsewhere (DNS failure, 502, a 10 MB body, a body that stalls).

use jobdeck_e2e::{Env, Options};
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A host that only counts who connects to it.
async fn decoy() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let origin = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("addr").port()
    );
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    tokio::spawn(async move {
        while let Ok((_sock, _)) = listener.accept().await {
            h.fetch_add(1, Ordering::SeqCst);
        }
    });
    (origin, hits)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_goes_only_to_its_own_base_url() {
    let (decoy_origin, hits) = decoy().await;
    let token = "tines-token";
    let env = Env::start(Options {
        sources_json: Some(json!({"refresh_seconds": 1, "sources": [
            {"id": "tines", "kind": "tines", "base_url": "/tines", "token": token},
            {"id": "other", "kind": "osapi", "base_url": "/osapi", "token": "wrong"}
        ]})),
        tines_tenant_url: Some(decoy_origin.clone()),
        ..Options::default()
    })
    .await;
    // The tenant's meta URLs point at the decoy host.
    let meta = env.api("tines", "/api/v1/admin/dead_jobs?per_page=2").await;
    assert!(meta["meta"]["next_page"]
        .as_str()
        .unwrap_or("")
        .starts_with(&decoy_origin));

    env.goto("/").await;
    env.wait_js(
        "document.querySelector('[data-testid=source-card][data-source=tines][data-status=ok]')",
    )
    .await;
    env.goto("/sources/tines?state=dead&per_page=5").await;
    for _ in 0..3 {
        env.wait_js("document.querySelector('tbody tr[data-job-id]')")
            .await;
        env.click("button[aria-label='Next page']").await;
    }
    env.goto("/sources/tines/jobs/123456789").await;
    env.wait_js("document.querySelector('[role=alert][data-source=tines]')")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "no request ever went to the meta URLs' host"
    );

    // The token is in no URL the page fetched, not in the page, not in the console, not in
    // another source's error.
    let urls = env
        .js("performance.getEntriesByType('resource').map(e => e.name).join('\\n')")
        .await;
    assert!(urls.as_str().unwrap_or("").contains("/tines/api/v1/admin/"));
    assert!(!urls.as_str().unwrap_or("").contains(token));
    env.goto("/").await;
    env.wait_js("document.querySelector('[role=alert][data-source=other]')")
        .await;
    let html = env.js("document.documentElement.outerHTML").await;
    assert!(!html.as_str().unwrap_or("").contains(token));
    assert!(env
        .console_errors()
        .await
        .iter()
        .all(|m| !m.contains(token)));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_vendor_strings_render_as_inert_text() {
    let env = Env::start(Options::default()).await;
    assert_eq!(
        env.sim("POST", "/_sim/fault/osapi?body=hostile", &[])
            .await
            .0,
        200
    );
    for path in [
        "/",
        "/sources/osapi",
        "/sources/osapi/jobs/00000000-0000-4000-8000-000000000000",
    ] {
        env.goto(path).await;
        env.wait_js_for("!!document.querySelector('[data-testid=source-card][data-source=osapi][data-status=ok], tbody tr[data-job-id], [data-testid=job-detail]')", std::time::Duration::from_secs(60)).await;
        // Open every collapsed JSON viewer so its text is in the layout too.
        env.js("(document.querySelectorAll('details').forEach(d => d.open = true), true)")
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(
            env.js("typeof window.__pwned").await,
            json!("undefined"),
            "{path}: no script ran"
        );
        assert_eq!(env.js("document.querySelectorAll('main img, main script, main a[href^=javascript]').length").await, json!(0), "{path}: no markup from vendor strings");
        let text = env.js("document.body.innerText").await;
        assert!(
            text.as_str().unwrap_or("").contains("<script>") || path == "/",
            "{path}: shown as text"
        );
        // 100 KB lines and RTL overrides do not widen the page.
        let widths = env
            .js("[document.documentElement.scrollWidth, window.innerWidth]")
            .await;
        let (page, viewport) = (
            widths[0].as_f64().unwrap_or(0.0),
            widths[1].as_f64().unwrap_or(0.0),
        );
        assert!(
            page <= viewport + 1.0,
            "{path}: page is {page}px wide in a {viewport}px window"
        );
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_runs_under_a_csp_without_inline_script() {
    let env = Env::start(Options::default()).await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    let csp = env
        .js("document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
        .await;
    let csp = csp.as_str().unwrap_or("");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(
        env.js("document.querySelectorAll('script:not([src])').length")
            .await,
        json!(0)
    );
    assert!(env
        .console_errors()
        .await
        .iter()
        .all(|m| !m.contains("Content Security Policy")));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dns_502_huge_and_stalled_bodies_fail_in_words_and_recover() {
    let env = Env::start(Options {
        sources_json: Some(json!({"refresh_seconds": 1, "sources": [
            {"id": "osapi", "kind": "osapi", "base_url": "/osapi", "token": "osapi-token", "timeout_seconds": 2},
            {"id": "nodns", "kind": "osapi", "base_url": "https://jobdeck-no-such-host.invalid/api"}
        ]})),
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    assert!(env
        .wait_js("document.querySelector('[role=alert][data-source=nodns]')?.innerText")
        .await
        .as_str()
        .unwrap_or("")
        .starts_with("Network error or CORS blocked"));
    env.wait_js(
        "document.querySelector('[data-testid=source-card][data-source=osapi][data-status=ok]')",
    )
    .await;
    for (fault, words) in [
        ("status=502", "502 Server error"),
        ("body=huge&mb=10", "Response too large"),
        ("stall=1", "Timed out: no answer within 2 s"),
    ] {
        env.sim("POST", &format!("/_sim/fault/osapi?{fault}"), &[])
            .await;
        let text = env.wait_js_for("document.querySelector('[data-testid=source-card][data-source=osapi][data-status=error]') && document.querySelector('[role=alert][data-source=osapi]').innerText", std::time::Duration::from_secs(30)).await;
        assert!(
            text.as_str().unwrap_or("").starts_with(words),
            "{fault}: {text}"
        );
        // The tab stays responsive while the source is failing.
        assert_eq!(env.js("1 + 1").await, json!(2));
        env.sim("DELETE", "/_sim/fault/osapi", &[]).await;
        env.wait_js_for("document.querySelector('[data-testid=source-card][data-source=osapi][data-status=ok]')", std::time::Duration::from_secs(30)).await;
    }
    env.assert_no_crash().await;
    env.close().await;
}
