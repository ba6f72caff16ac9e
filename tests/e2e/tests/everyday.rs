//! Everyday use against the simulator: theme, keyboard shortcuts, the time setting, exports,
//! the overview's charts and live announcements, and axe-core on every page.

use jobdeck_e2e::{Env, Options};
use serde_json::{json, Value};

const ROWS: &str = "table[data-testid=jobs-table] tbody tr[data-job-id]";

/// Sends keys to whatever has focus, as a person typing would (WebDriver key events).
async fn keys(env: &Env, text: &str) {
    env.client
        .active_element()
        .await
        .expect("active element")
        .send_keys(text)
        .await
        .expect("send keys");
}

const ESCAPE: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";

async fn row_ids(env: &Env) -> Vec<String> {
    let v = env.js(&format!("Array.from(document.querySelectorAll('{ROWS}')).map(r => r.getAttribute('data-job-id'))")).await;
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

async fn requests(env: &Env, source: &str) -> u64 {
    let (_, v) = env
        .sim("GET", &format!("/_sim/requests/{source}"), &[])
        .await;
    v["requests"].as_u64().or_else(|| v.as_u64()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_theme_toggle_cycles_and_is_remembered() {
    let env = Env::start(Options::default()).await;
    env.goto("/").await;
    env.wait_js("document.querySelector('[data-testid=source-card][data-status=ok]')")
        .await;
    let theme = || env.js("document.documentElement.getAttribute('data-theme')");
    assert_eq!(theme().await, json!("system"));
    env.click("[data-testid=theme-toggle]").await;
    assert_eq!(theme().await, json!("light"));
    assert_eq!(
        env.js("getComputedStyle(document.body).backgroundColor")
            .await,
        json!("rgb(246, 248, 250)")
    );
    env.click("[data-testid=theme-toggle]").await;
    assert_eq!(theme().await, json!("dark"));
    assert_eq!(
        env.js("getComputedStyle(document.body).backgroundColor")
            .await,
        json!("rgb(13, 17, 23)")
    );
    // Remembered across a reload, and applied before the app has even started.
    env.client.refresh().await.expect("reload");
    assert_eq!(theme().await, json!("dark"));
    env.goto("/settings").await;
    env.wait_js("document.querySelector('input[name=theme][value=dark]') && document.querySelector('input[name=theme][value=dark]').checked").await;
    env.click("input[name=theme][value=system]").await;
    assert_eq!(theme().await, json!("system"));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_shortcuts_move_search_open_go_back_and_refresh() {
    let env = Env::start(Options::default()).await;
    env.goto("/sources/osapi?per_page=10").await;
    env.wait_js(&format!(
        "document.querySelectorAll('{ROWS}').length === 10"
    ))
    .await;
    let table_url = env.client.current_url().await.expect("url");
    let ids = row_ids(&env).await;

    keys(&env, "?").await;
    env.wait_js("document.querySelector('[data-testid=shortcuts-help]')")
        .await;
    assert!(env
        .text("[data-testid=shortcuts-help]")
        .await
        .contains("Go to the overview"));
    // A modal: Tab stays inside it.
    keys(&env, "\u{E004}\u{E004}\u{E004}").await;
    assert_eq!(
        env.js("!!document.activeElement.closest('[data-testid=shortcuts-help]')")
            .await,
        json!(true)
    );
    keys(&env, ESCAPE).await;
    env.wait_js("!document.querySelector('[data-testid=shortcuts-help]')")
        .await;

    // `/` focuses the search; keys typed there are text, not shortcuts; Esc leaves the field.
    keys(&env, "/").await;
    assert_eq!(
        env.js("document.activeElement.getAttribute('data-shortcut')")
            .await,
        json!("search")
    );
    keys(&env, "gj").await;
    assert_eq!(env.js("document.activeElement.value").await, json!("gj"));
    env.js("(document.activeElement.value = '', document.activeElement.dispatchEvent(new Event('input', {bubbles: true})))").await;
    keys(&env, ESCAPE).await;
    assert_eq!(
        env.js("document.activeElement === document.body").await,
        json!(true)
    );
    env.wait_js(&format!(
        "document.querySelectorAll('{ROWS}').length === 10"
    ))
    .await;

    // j / k select rows (their link takes focus), Enter opens the selected one.
    keys(&env, "jjk").await;
    let selected = env.js(&format!("Array.from(document.querySelectorAll('{ROWS}')).filter(r => r.hasAttribute('data-selected')).map(r => r.getAttribute('data-job-id'))")).await;
    assert_eq!(selected, json!([ids[0]]));
    assert_eq!(env.js("document.activeElement.closest('tr') && document.activeElement.closest('tr').getAttribute('data-job-id')").await, json!(ids[0]));
    keys(&env, "j").await;
    keys(&env, ENTER).await;
    env.wait_js("document.querySelector('[data-testid=job-detail]')")
        .await;
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .path()
        .ends_with(&format!("/jobs/{}", ids[1])));

    // Esc goes back to the table as it was; `r` refreshes the page's source now.
    env.js("document.activeElement && document.activeElement.blur()")
        .await;
    keys(&env, ESCAPE).await;
    env.wait_js(&format!(
        "document.querySelectorAll('{ROWS}').length === 10"
    ))
    .await;
    assert_eq!(env.client.current_url().await.expect("url"), table_url);
    let before = requests(&env, "osapi").await;
    keys(&env, "r").await;
    let start = std::time::Instant::now();
    while requests(&env, "osapi").await <= before {
        assert!(start.elapsed() < jobdeck_e2e::WAIT, "r did not refresh");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // g o: the overview.
    keys(&env, "go").await;
    env.wait_js("document.querySelector('[data-testid=source-card]')")
        .await;
    assert_eq!(env.client.current_url().await.expect("url").path(), "/");
    env.assert_no_crash().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_time_setting_changes_every_time_on_screen() {
    let env = Env::start(Options::default()).await;
    env.goto("/sources/osapi?per_page=10").await;
    env.wait_js(&format!(
        "document.querySelectorAll('{ROWS} td[data-col=created] time').length === 10"
    ))
    .await;
    let texts = env.js(&format!("Array.from(document.querySelectorAll('{ROWS} td[data-col=created] time')).map(t => t.innerText)")).await;
    assert!(
        texts.as_array().into_iter().flatten().all(|t| t
            .as_str()
            .is_some_and(|t| t.ends_with(" ago") || t == "just now")),
        "{texts}"
    );

    env.click("a[href='/settings']").await;
    env.click("input[name=time-style][value=absolute]").await;
    env.click("input[name=time-zone][value=utc]").await;
    env.client.back().await.expect("back");
    env.wait_js(&format!(
        "document.querySelectorAll('{ROWS} td[data-col=created] time').length === 10"
    ))
    .await;
    // Absolute UTC: the datetime attribute's own instant, written out.
    let pairs = env.js(&format!("Array.from(document.querySelectorAll('{ROWS} td[data-col=created] time')).map(t => [t.innerText, t.getAttribute('datetime')])")).await;
    for pair in pairs.as_array().into_iter().flatten() {
        let (shown, iso) = (
            pair[0].as_str().unwrap_or(""),
            pair[1].as_str().unwrap_or(""),
        );
        let want = format!(
            "{} {} UTC",
            iso.get(0..10).unwrap_or(""),
            iso.get(11..19).unwrap_or("")
        );
        assert_eq!(shown, want);
    }
    // One setting for the whole app: the detail view follows it, and it survives a reload.
    env.client.refresh().await.expect("reload");
    env.click(&format!("{ROWS} a.job-link")).await;
    env.wait_js("document.querySelector('[data-testid=job-detail] time')")
        .await;
    let detail_time = env.text("[data-testid=job-detail] time").await;
    assert!(
        detail_time.ends_with(" UTC") && detail_time.len() == 23,
        "{detail_time}"
    );
    env.close().await;
}

/// Captures the next file the page offers for download.
async fn capture_download(env: &Env, button: &str) -> String {
    env.js("(window.__exports = [], window.__wrapped || (window.__wrapped = true, URL.createObjectURL = (orig => b => (window.__exports.push(b), orig(b)))(URL.createObjectURL)), true)").await;
    env.click_button(button).await;
    env.wait_js("window.__exports.length === 1").await;
    env.js("window.__exports[0].text()")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_hold_exactly_the_rows_shown() {
    let env = Env::start(Options::default()).await;
    env.goto("/sources/charts?per_page=50&sort=id&dir=desc")
        .await;
    env.wait_js(&format!("document.querySelectorAll('{ROWS}').length > 5"))
        .await;
    // Filter the loaded rows to a state that some but not all rows have.
    let state = env
        .js(&format!(
            "document.querySelector('{ROWS}').getAttribute('data-state')"
        ))
        .await;
    let state = state.as_str().unwrap_or_default().to_string();
    env.click("input[data-shortcut=search]").await;
    keys(&env, &state).await;
    env.wait_js(&format!("Array.from(document.querySelectorAll('{ROWS}')).every(r => r.innerText.toLowerCase().includes({}))", json!(state.to_lowercase()))).await;
    let shown = row_ids(&env).await;
    assert!(!shown.is_empty());

    let csv = capture_download(&env, "Export CSV").await;
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.first().copied(),
        Some("ID,Type,State,Progress,Created,Updated,Error")
    );
    let csv_ids: Vec<String> = lines
        .iter()
        .skip(1)
        .map(|l| {
            l.split(',')
                .next()
                .unwrap_or("")
                .trim_matches('"')
                .to_string()
        })
        .collect();
    assert_eq!(
        csv_ids, shown,
        "CSV rows = the rows shown, in the table's order"
    );

    let json_text = capture_download(&env, "Export JSON").await;
    let rows: Value = serde_json::from_str(&json_text).expect("export is JSON");
    let json_ids: Vec<String> = rows
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(json_ids, shown);
    assert!(
        rows[0]["raw"]["jobState"].is_string(),
        "the vendor's record is kept: {}",
        rows[0]
    );
    assert_eq!(rows[0]["source"], json!("charts"));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overview_charts_counts_and_announces_changes() {
    let env = Env::start(Options::default()).await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    // The distribution bar is the exact counts, by category.
    let drawn = env.js("Array.from(document.querySelectorAll('[data-source=osapi] [data-testid=state-distribution] rect')).reduce((n, r) => n + Number(r.getAttribute('data-count')), 0)").await;
    let truth = env.api("osapi", "/job?limit=1").await;
    let sum: u64 = truth["status_counts"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(_, n)| n.as_u64())
        .sum();
    assert_eq!(drawn.as_u64(), Some(sum));
    assert!(env
        .attr(
            "[data-source=osapi] [data-testid=state-distribution]",
            "aria-label"
        )
        .await
        .is_some_and(|l| l.starts_with("State distribution: ")));

    // New jobs, a refresh: a second point on the line, and a polite announcement of the change.
    let (status, _) = env.sim("POST", "/_sim/add/osapi?n=3", &[]).await;
    assert_eq!(status, 200);
    env.click("[data-source=osapi] button[aria-label^=Refresh]")
        .await;
    env.wait_js("Number((document.querySelector('[data-source=osapi] [data-testid=counts-over-time]') || {getAttribute: () => 0}).getAttribute('data-samples')) >= 2").await;
    assert!(env.js("document.querySelectorAll('[data-source=osapi] [data-testid=counts-over-time] path.line').length").await.as_u64() >= Some(1));
    let said = env
        .wait_js("document.querySelector('[data-testid=counts-announcer]').innerText")
        .await;
    assert!(
        said.as_str()
            .is_some_and(|s| s.starts_with("osapi (simulated): ") && s.contains('→')),
        "{said}"
    );
    assert_eq!(
        env.attr("[data-testid=counts-announcer]", "aria-live")
            .await
            .as_deref(),
        Some("polite")
    );

    // The history is the session's: leaving the overview and coming back keeps it.
    env.click("a[href='/settings']").await;
    env.click("a.brand").await;
    env.wait_js("document.querySelector('[data-source=osapi] [data-testid=counts-over-time]') && Number(document.querySelector('[data-source=osapi] [data-testid=counts-over-time]').getAttribute('data-samples')) >= 3").await;
    env.close().await;
}

async fn assert_accessible(env: &Env, page: &str) {
    let found = env.axe_violations().await;
    assert!(
        found.is_empty(),
        "axe-core on {page}:\n{}",
        found.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_core_in_both_themes() {
    let env = Env::start(Options::default()).await;
    for theme in ["light", "dark"] {
        env.goto("/settings").await;
        env.click(&format!("input[name=theme][value={theme}]"))
            .await;
        env.goto("/").await;
        env.wait_js("document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4 && document.querySelector('[data-testid=counts-over-time]')").await;
        assert_accessible(&env, &format!("the overview ({theme})")).await;
        for source in ["tines", "charts", "osapi", "cluedin"] {
            env.goto(&format!("/sources/{source}")).await;
            env.wait_js(&format!("document.querySelector('{ROWS}')"))
                .await;
            assert_accessible(&env, &format!("the {source} table ({theme})")).await;
            env.click(&format!("{ROWS} a.job-link")).await;
            env.wait_js(
                "document.querySelector('[data-testid=job-detail] [data-testid=vendor-section]')",
            )
            .await;
            assert_accessible(&env, &format!("a {source} job ({theme})")).await;
        }
        env.goto("/settings").await;
        env.wait_js("document.querySelector('[data-testid=display-settings]')")
            .await;
        assert_accessible(&env, &format!("settings ({theme})")).await;
        env.click("button[aria-label='Keyboard shortcuts']").await;
        env.wait_js("document.querySelector('[data-testid=shortcuts-help]')")
            .await;
        assert_accessible(&env, &format!("the shortcuts help ({theme})")).await;
    }
    env.close().await;
}
