//! Route-level code splitting (src/split.rs, scripts/release.py (step 1)): the first load fetches the
//! overview's module only; each other page's chunk is fetched the first time it is opened; a
//! chunk that cannot be fetched is an error in words, the rest of the app keeps working, and
//! opening the page again retries.

use jobdeck_e2e::{Env, Options};
use serde_json::json;

/// The file names (last path segment) of every resource the page has fetched so far.
async fn fetched_files(env: &Env) -> Vec<String> {
    env.resource_paths()
        .await
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or_default().to_string())
        .collect()
}

fn chunks(files: &[String]) -> Vec<&String> {
    files
        .iter()
        .filter(|f| f.starts_with("split-") && f.ends_with(".wasm"))
        .collect()
}

async fn wait_all_ok(env: &Env) {
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
}

/// A browser on the overview with the simulator's four sources, all counted.
async fn on_the_overview() -> Env {
    let env = Env::start(Options::default()).await;
    env.goto("/").await;
    wait_all_ok(&env).await;
    env
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_load_fetches_the_overview_only_and_pages_load_their_chunks_on_first_visit() {
    let env = on_the_overview().await;
    let first = fetched_files(&env).await;
    assert!(
        first.iter().any(|f| f.ends_with("_bg.wasm")),
        "the main module is loaded: {first:?}"
    );
    assert!(
        first
            .iter()
            .any(|f| f.starts_with("__wasm_split-") && f.ends_with(".js")),
        "the chunk loader comes with the glue: {first:?}"
    );
    assert!(
        chunks(&first).is_empty(),
        "no page chunk on the first load of the overview: {first:?}"
    );

    // A source page: its chunk (and chunks it shares with other pages) arrive when it is opened.
    env.click("[data-testid=source-card][data-source=osapi] h2 a")
        .await;
    env.wait_js("document.querySelectorAll('tbody tr[data-job-id]').length > 0")
        .await;
    let after_source = fetched_files(&env).await;
    assert!(
        chunks(&after_source)
            .iter()
            .any(|f| f.starts_with("split-source_page-")),
        "{after_source:?}"
    );
    assert!(
        !chunks(&after_source)
            .iter()
            .any(|f| f.starts_with("split-settings_page-") || f.starts_with("split-detail_page-")),
        "only the opened page's chunk: {after_source:?}"
    );
    // The in-browser demo's simulator is never fetched when real sources are configured.
    assert!(
        !after_source
            .iter()
            .any(|f| f.starts_with("split-demo_simulator-")),
        "{after_source:?}"
    );

    // Opening it again fetches nothing more.
    let before = after_source.len();
    env.click("nav a[href='/']").await;
    wait_all_ok(&env).await;
    env.click("[data-testid=source-card][data-source=osapi] h2 a")
        .await;
    env.wait_js("document.querySelectorAll('tbody tr[data-job-id]').length > 0")
        .await;
    let again = fetched_files(&env).await;
    assert_eq!(
        chunks(&again).len(),
        chunks(&after_source).len(),
        "chunks are fetched once: {:?}",
        &again[before..]
    );

    // A deep link straight to a split page works on a fresh load.
    env.goto("/settings").await;
    env.wait_js("document.querySelector('[data-testid=settings-sources]') !== null")
        .await;
    assert!(chunks(&fetched_files(&env).await)
        .iter()
        .any(|f| f.starts_with("split-settings_page-")));
    let errors = env.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_chunk_cannot_be_fetched_says_so_and_opening_it_again_retries() {
    let env = on_the_overview().await;
    // The network refuses the settings page's chunk (offline, or a newer build on the server).
    env.cdp("Network.enable", json!({})).await;
    env.cdp(
        "Network.setBlockedURLs",
        json!({"urls": ["*split-settings_page-*"]}),
    )
    .await;
    env.click("nav a[href='/settings']").await;
    let message = env
        .wait_js("(document.querySelector('[data-testid=chunk-error]') || {}).innerText")
        .await;
    let message = message.as_str().unwrap_or_default().to_string();
    assert!(message.contains("could not be loaded"), "{message}");
    assert!(
        message.contains("Reload jobdeck"),
        "a way out is offered: {message}"
    );

    // The page did not die: the overview still shows and refreshes its sources.
    env.click("nav a[href='/']").await;
    wait_all_ok(&env).await;

    // The network is back: opening Settings again loads it (a failed load is not remembered).
    env.cdp("Network.setBlockedURLs", json!({"urls": []})).await;
    env.click("nav a[href='/settings']").await;
    env.wait_js("document.querySelector('[data-testid=settings-sources]') !== null")
        .await;
    assert!(env
        .js("document.querySelector('[data-testid=chunk-error]') === null")
        .await
        .as_bool()
        .unwrap_or(false));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pointing_at_a_link_fetches_its_pages_chunk_before_the_click() {
    let env = on_the_overview().await;
    assert!(chunks(&fetched_files(&env).await).is_empty());
    // The pointer reaches the Settings link (no click): its chunk is fetched, nothing else.
    env.js("document.querySelector(\"nav a[href='/settings']\").dispatchEvent(new PointerEvent('pointerover', {bubbles: true})), true").await;
    env.wait_js("performance.getEntriesByType('resource').some(e => e.name.includes('split-settings_page-'))").await;
    assert_eq!(
        env.client.current_url().await.expect("url").path(),
        "/",
        "intent alone does not navigate"
    );
    let files = fetched_files(&env).await;
    assert!(
        !chunks(&files)
            .iter()
            .any(|f| f.starts_with("split-source_page-") || f.starts_with("split-detail_page-")),
        "{files:?}"
    );
    // Keyboard focus on a source's link does the same for the source page.
    env.js(
        "document.querySelector('[data-testid=source-card][data-source=tines] h2 a').focus(), true",
    )
    .await;
    env.wait_js(
        "performance.getEntriesByType('resource').some(e => e.name.includes('split-source_page-'))",
    )
    .await;
    // A second hover fetches nothing more.
    let before = fetched_files(&env).await.len();
    env.js("document.querySelector(\"nav a[href='/settings']\").dispatchEvent(new PointerEvent('pointerover', {bubbles: true})), true").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(fetched_files(&env).await.len(), before);
    env.click("nav a[href='/settings']").await;
    env.wait_js("document.querySelector('[data-testid=settings-sources]') !== null")
        .await;
    env.close().await;
}
