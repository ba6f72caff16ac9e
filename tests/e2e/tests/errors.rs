//! Each error class shows on its own source, in words, while the last good data stays on screen
//! (marked stale) and the other sources keep working; the source recovers when the fault clears.

use jobdeck_e2e::{Env, Options};
use serde_json::json;

fn options() -> Options {
    Options {
        sources_json: Some(json!({"refresh_seconds": 1, "sources": [
            {"id": "tines", "kind": "tines", "base_url": "/tines", "token": "tines-token"},
            {"id": "osapi", "kind": "osapi", "base_url": "/osapi", "token": "osapi-token", "timeout_seconds": 2}
        ]})),
        ..Options::default()
    }
}

const CARD: &str = "[data-testid=source-card][data-source=osapi]";

async fn alert_text(env: &Env) -> String {
    env.wait_js("document.querySelector('[role=alert][data-source=osapi]')?.innerText")
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_shows_in_words_keeps_the_last_data_and_recovers() {
    let env = Env::start(options()).await;
    env.goto("/").await;
    env.wait_js(&format!("document.querySelector('{CARD}[data-status=ok]')"))
        .await;
    let completed = env
        .attr(
            "[data-testid=state-count][data-source=osapi][data-state=completed]",
            "data-count",
        )
        .await;
    assert!(completed.is_some());
    for (fault, words) in [
        ("status=500", "500 Server error"),
        ("status=503", "503 Server error"),
        ("status=401", "401 Unauthorized: check the token"),
        ("status=403", "403 Forbidden"),
        ("status=404", "404 Not Found: check the base URL"),
        ("retry_after=2", "429 Too Many Requests: retrying after 2 s"),
        (
            "body=html",
            "Invalid response: the server sent an HTML page",
        ),
        ("body=malformed", "Invalid response: not JSON"),
        (
            "body=wrong-shape",
            "Invalid response: items: expected a list",
        ),
        ("latency_ms=5000", "Timed out: no answer within 2 s"),
    ] {
        assert_eq!(
            env.sim("POST", &format!("/_sim/fault/osapi?{fault}"), &[])
                .await
                .0,
            200
        );
        env.wait_js_for(
            &format!("document.querySelector('{CARD}[data-status=error]')"),
            std::time::Duration::from_secs(30),
        )
        .await;
        let text = alert_text(&env).await;
        assert!(text.starts_with(words), "{fault}: {text}");
        assert!(
            text.contains("Showing the last data that loaded."),
            "{fault}: stale data is kept"
        );
        // The last good counts are still on screen; the other source is unaffected.
        assert_eq!(
            env.attr(
                "[data-testid=state-count][data-source=osapi][data-state=completed]",
                "data-count"
            )
            .await,
            completed,
            "{fault}"
        );
        assert_eq!(
            env.attr(
                "[data-testid=source-card][data-source=tines]",
                "data-status"
            )
            .await
            .as_deref(),
            Some("ok"),
            "{fault}"
        );
        // Recovery by itself once the fault clears (backoff is short after one failure).
        env.sim("DELETE", "/_sim/fault/osapi", &[]).await;
        env.wait_js_for(
            &format!("document.querySelector('{CARD}[data-status=ok]')"),
            std::time::Duration::from_secs(30),
        )
        .await;
        assert_eq!(
            env.js("document.querySelector('[role=alert][data-source=osapi]')")
                .await,
            json!(null)
        );
    }
    env.assert_no_crash().await;
    env.close().await;
}

/// If the wasm module ever traps (a Rust panic is `RuntimeError: unreachable` in the release
/// build), the page says the app stopped and offers a reload; other scripts' errors (a browser
/// extension) do not raise it. The trap is dispatched the way the browser reports one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wasm_trap_says_the_app_stopped_and_a_reload_starts_it_again() {
    let env = Env::start(options()).await;
    env.goto("/").await;
    env.wait_js(&format!("document.querySelector('{CARD}[data-status=ok]')"))
        .await;
    env.js("dispatchEvent(new ErrorEvent('error', {error: new TypeError('an extension failed')})), Promise.reject(new Error('an extension promise failed')), true").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        env.js("document.querySelector('[data-testid=app-error]')")
            .await,
        json!(null),
        "only wasm traps raise the banner"
    );

    env.js("dispatchEvent(new ErrorEvent('error', {error: new WebAssembly.RuntimeError('unreachable')})), true").await;
    env.wait_js("document.querySelector('[data-testid=app-error][data-kind=stopped][role=alert]')")
        .await;
    let text = env.text("[data-testid=app-error]").await;
    assert!(
        text.starts_with("jobdeck stopped after an internal error and no longer updates."),
        "{text}"
    );
    // A trap in a future surfaces as an unhandled rejection: still one banner.
    env.js("Promise.reject(new WebAssembly.RuntimeError('unreachable')), true")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        env.js("document.querySelectorAll('[data-testid=app-error]').length")
            .await,
        json!(1)
    );

    env.click("[data-testid=app-error] button").await;
    env.wait_js(&format!("!document.querySelector('[data-testid=app-error]') && document.querySelector('{CARD}[data-status=ok]')")).await;
    env.close().await;
}

/// The source page's refresh spinner shows while its request is in flight (it used to be given
/// a signal nothing set), and a table whose first load failed says so in the pager instead of
/// "Loading…" for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_table_shows_its_request_in_flight_and_a_failed_first_load_in_the_pager() {
    let env = Env::start(options()).await;
    assert_eq!(
        env.sim("POST", "/_sim/fault/osapi?latency_ms=1500", &[])
            .await
            .0,
        200
    );
    env.goto("/sources/osapi").await;
    env.wait_js("document.querySelector('.source-page .page-head .spinner:not(.hidden)')")
        .await;
    env.wait_js("document.querySelector('table[data-testid=jobs-table] tbody tr') && document.querySelector('.source-page .page-head .spinner.hidden')").await;
    env.sim("DELETE", "/_sim/fault/osapi", &[]).await;

    assert_eq!(
        env.sim("POST", "/_sim/fault/tines?status=500", &[]).await.0,
        200
    );
    env.goto("/sources/tines").await;
    env.wait_js("document.querySelector('[role=alert][data-source=tines]')")
        .await;
    env.wait_js("document.querySelector('[data-testid=pager]').textContent.includes('Not loaded')")
        .await;
    assert!(
        !env.text("[data-testid=pager]").await.contains("Loading"),
        "the pager no longer says Loading… after the failure"
    );
    env.assert_no_crash().await;
    env.close().await;
}
