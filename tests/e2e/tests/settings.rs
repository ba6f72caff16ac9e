//! Settings: add, test, save, edit, remove, import and export sources; tokens in session storage
//! unless remembered, and never in an export unless asked.

use jobdeck_e2e::{Env, Locator, Options};
use serde_json::json;

async fn fill(env: &Env, name: &str, value: &str) {
    let input = env
        .client
        .find(Locator::Css(&format!(
            "[data-testid=source-form] [name={name}]"
        )))
        .await
        .expect("field");
    input.clear().await.expect("clear");
    input.send_keys(value).await.expect("type");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_test_save_edit_and_remove_a_source() {
    let env = Env::start(Options {
        no_sources_file: true,
        ..Options::default()
    })
    .await;
    env.goto("/settings").await;
    env.wait_js("document.querySelector('h1')?.innerText === 'Settings'")
        .await;
    env.click_button("Add source").await;
    env.client
        .find(Locator::Css("[data-testid=source-form] [name=kind]"))
        .await
        .expect("kind")
        .select_by_value("osapi")
        .await
        .expect("osapi");
    fill(&env, "id", "fleet").await;
    fill(&env, "name", "Fleet").await;
    fill(&env, "base_url", "/osapi").await;
    fill(&env, "token", "wrong-token").await;

    // Test connection reports the failure in words, then the success.
    env.click_button("Test connection").await;
    let msg = env.wait_js("(t => t && t.dataset.ok === 'false' && t.innerText)(document.querySelector('[data-testid=test-result]'))").await;
    assert!(
        msg.as_str()
            .unwrap_or("")
            .starts_with("401 Unauthorized: check the token"),
        "{msg}"
    );
    fill(&env, "token", "osapi-token").await;
    env.click_button("Test connection").await;
    let msg = env.wait_js("(t => t && t.dataset.ok === 'true' && t.innerText.startsWith('Connected') && t.innerText)(document.querySelector('[data-testid=test-result]'))").await;
    assert!(
        msg.as_str().unwrap_or("").contains("jobs in 6 states"),
        "{msg}"
    );

    // An invalid base URL is refused with its reason.
    fill(&env, "base_url", "ftp://nope").await;
    env.click_button("Save").await;
    assert!(env
        .wait_js("document.querySelector('[data-testid=form-error]')?.innerText")
        .await
        .as_str()
        .unwrap_or("")
        .contains("base_url must start with"));
    fill(&env, "base_url", "/osapi").await;
    env.click_button("Save").await;
    env.wait_js("document.querySelector('[data-testid=settings-sources] tr[data-source=fleet]')")
        .await;

    // Stored: settings in localStorage without the token; the token in sessionStorage only.
    let local = env.js("localStorage.getItem('jobdeck.sources.v1')").await;
    assert!(
        local.as_str().unwrap_or("").contains("\"fleet\"")
            && !local.as_str().unwrap_or("").contains("osapi-token")
    );
    assert_eq!(
        env.js("JSON.parse(sessionStorage.getItem('jobdeck.tokens.v1')).fleet")
            .await,
        json!("osapi-token")
    );
    assert_eq!(
        env.js("localStorage.getItem('jobdeck.tokens.remembered.v1')")
            .await,
        json!("{}")
    );

    // The overview now shows it (no demo), with real counts, and after a reload too.
    env.goto("/").await;
    env.wait_js(
        "document.querySelector('[data-testid=source-card][data-source=fleet][data-status=ok]')",
    )
    .await;
    assert_eq!(
        env.js("document.querySelector('[data-testid=demo-banner]')")
            .await,
        json!(null)
    );
    env.client.refresh().await.expect("reload");
    env.wait_js(
        "document.querySelector('[data-testid=source-card][data-source=fleet][data-status=ok]')",
    )
    .await;

    // Export leaves the token out unless asked.
    env.goto("/settings").await;
    let exported = env
        .wait_js("document.querySelector('[data-testid=export-json]')?.value")
        .await;
    assert!(
        exported.as_str().unwrap_or("").contains("\"fleet\"")
            && !exported.as_str().unwrap_or("").contains("osapi-token")
    );

    // Edit: rename; remove.
    env.click("button[aria-label='Edit fleet']").await;
    fill(&env, "name", "Fleet renamed").await;
    env.click_button("Save").await;
    env.wait_js("document.querySelector('[data-testid=settings-sources] tr[data-source=fleet]')?.innerText.includes('Fleet renamed')").await;
    env.click("button[aria-label='Remove fleet']").await;
    env.wait_js("!document.querySelector('[data-testid=settings-sources] tr[data-source=fleet]')")
        .await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_keeps_valid_entries_reports_bad_ones_and_forgets_tokens() {
    let env = Env::start(Options {
        no_sources_file: true,
        ..Options::default()
    })
    .await;
    env.goto("/settings").await;
    let doc = json!({"sources": [
        {"id": "ci", "kind": "cluedin", "base_url": "/cluedin", "token": "cluedin-token"},
        {"id": "bad", "kind": "nope", "base_url": "/x"}
    ]})
    .to_string();
    // The page is a chunk fetched on first visit: wait for it rather than find at once.
    env.wait_js("document.querySelector('[data-testid=import-json]')")
        .await;
    let area = env
        .client
        .find(Locator::Css("[data-testid=import-json]"))
        .await
        .expect("import box");
    area.send_keys(&doc).await.expect("paste");
    env.click_button("Import").await;
    assert!(env
        .wait_js("document.querySelector('[data-testid=import-problems]')?.innerText")
        .await
        .as_str()
        .unwrap_or("")
        .contains("unknown kind"));
    env.wait_js("document.querySelector('[data-testid=settings-sources] tr[data-source=ci]')")
        .await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelector('[data-testid=source-card][data-source=ci][data-status=ok]')",
    )
    .await;
    // Forget all tokens: the source then fails with 401, in words.
    env.goto("/settings").await;
    env.click_button("Forget all tokens").await;
    assert_eq!(
        env.wait_js("sessionStorage.getItem('jobdeck.tokens.v1') === '{}'")
            .await,
        json!(true)
    );
    env.goto("/").await;
    assert!(env
        .wait_js("document.querySelector('[role=alert][data-source=ci]')?.innerText")
        .await
        .as_str()
        .unwrap_or("")
        .starts_with("401"));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrupt_storage_is_recovered_with_a_message() {
    let env = Env::start(Options {
        no_sources_file: true,
        ..Options::default()
    })
    .await;
    env.goto("/settings").await;
    // The app must have read the (empty) storage before it is corrupted: WebDriver's page load
    // ends before the wasm has started, and an app starting late would find the corrupt entries,
    // reset them, and leave nothing for the reload below to report.
    env.wait_js("document.querySelector('#sources-h')").await;
    env.js("(localStorage.setItem('jobdeck.sources.v1', '{not json'), sessionStorage.setItem('jobdeck.tokens.v1', '[1,2'), true)").await;
    env.client.refresh().await.expect("reload");
    let text = env
        .wait_js("document.querySelector('[data-testid=config-problems]')?.innerText")
        .await;
    assert!(text.as_str().unwrap_or("").contains("unreadable"), "{text}");
    // The app still runs: the demo, since nothing valid is stored.
    env.goto("/").await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    // An old format (a bare list) is reset with a message too.
    env.js("(localStorage.setItem('jobdeck.sources.v1', '[{\"id\": \"x\"}]'), true)")
        .await;
    env.goto("/settings").await;
    let text = env
        .wait_js("document.querySelector('[data-testid=config-problems]')?.innerText")
        .await;
    assert!(
        text.as_str()
            .unwrap_or("")
            .contains("old or unknown format"),
        "{text}"
    );
    env.close().await;
}
