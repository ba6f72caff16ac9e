//! The job table against the simulator: paging in every vendor's style, filters, the view in
//! the URL across reload/back/forward, and refresh picking up new jobs.

use jobdeck_e2e::{Env, Options};
use serde_json::{json, Value};

/// Waits until the table shows exactly `ids`.
async fn wait_rows(env: &Env, ids: &[String]) {
    let want = serde_json::to_string(ids).unwrap_or_default();
    env.wait_js(&format!(
        "JSON.stringify(Array.from(document.querySelectorAll('table[data-testid=jobs-table] tbody tr[data-job-id]')).map(r => r.getAttribute('data-job-id'))) === {}",
        json!(want)
    ))
    .await;
}

fn ids_of(list: &Value, key: &str, id_key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .into_iter()
        .flatten()
        .map(|j| j[id_key].to_string().trim_matches('"').to_string())
        .collect()
}

async fn pager_text(env: &Env) -> String {
    env.text("[data-testid=pager] .range").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_follows_every_vendors_style() {
    let env = Env::start(Options::default()).await;

    // osapi: limit/offset.
    env.goto("/sources/osapi?per_page=10").await;
    let p1 = env.api("osapi", "/job?limit=10&offset=0").await;
    wait_rows(&env, &ids_of(&p1, "items", "id")).await;
    let total = p1["total_items"].as_u64().unwrap_or(0);
    assert_eq!(pager_text(&env).await, format!("1–10 of {total}"));
    env.click("button[aria-label='Next page']").await;
    let p2 = env.api("osapi", "/job?limit=10&offset=10").await;
    wait_rows(&env, &ids_of(&p2, "items", "id")).await;
    assert_eq!(pager_text(&env).await, format!("11–20 of {total}"));
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .as_str()
        .ends_with("/sources/osapi?page=2&per_page=10"));

    // CluedIn: zero-based page and take.
    env.goto("/sources/cluedin?page=3&per_page=10").await;
    let truth = env.api("cluedin", "/api/v1/jobs?page=2&take=10").await;
    wait_rows(&env, &ids_of(&truth, "Items", "Id")).await;
    assert_eq!(
        pager_text(&env).await,
        format!("21–30 of {}", truth["Total"])
    );

    // Tines: page/per_page within one of its four lists.
    env.goto("/sources/tines?state=dead&per_page=10&page=2")
        .await;
    let truth = env
        .api("tines", "/api/v1/admin/dead_jobs?page=2&per_page=10")
        .await;
    wait_rows(&env, &ids_of(&truth, "admin/dead_jobs", "id")).await;
    let count = truth["meta"]["count"].as_u64().unwrap_or(0);
    assert!(pager_text(&env).await.ends_with(&format!("of {count}")));

    // Vector Charts: limit/offset; the rows-per-page select changes the limit and resets the page.
    env.goto("/sources/charts?page=2&per_page=25").await;
    let truth = env
        .api("charts", "/api/portal/v1/jobs?limit=25&offset=25")
        .await;
    wait_rows(&env, &ids_of(&truth, "jobs", "id")).await;
    env.client
        .find(jobdeck_e2e::Locator::Css(
            "select[aria-label='Rows per page']",
        ))
        .await
        .expect("select")
        .select_by_value("50")
        .await
        .expect("select 50");
    let truth = env
        .api("charts", "/api/portal/v1/jobs?limit=50&offset=0")
        .await;
    wait_rows(&env, &ids_of(&truth, "jobs", "id")).await;
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .as_str()
        .ends_with("/sources/charts?per_page=50"));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_narrow_the_rows_and_live_in_the_url() {
    let env = Env::start(Options::default()).await;

    // osapi: server-side status filter, chosen in the State select.
    env.goto("/sources/osapi").await;
    env.wait_js("document.querySelectorAll('tbody tr[data-job-id]').length > 0")
        .await;
    env.client
        .find(jobdeck_e2e::Locator::Css("select[aria-label=State]"))
        .await
        .expect("state")
        .select_by_value("failed")
        .await
        .expect("select");
    let truth = env.api("osapi", "/job?status=failed&limit=25").await;
    wait_rows(&env, &ids_of(&truth, "items", "id")).await;
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .as_str()
        .ends_with("?state=failed"));
    assert_eq!(env.js("Array.from(document.querySelectorAll('tbody tr')).every(r => r.dataset.state === 'failed')").await, json!(true));

    // CluedIn: configurationId.
    let config = env.api("cluedin", "/api/v1/jobs?page=0&take=1").await["Items"][0]
        ["ConfigurationId"]
        .as_str()
        .unwrap_or("")
        .to_string();
    env.goto(&format!("/sources/cluedin?config={config}&per_page=50"))
        .await;
    let truth = env
        .api(
            "cluedin",
            &format!("/api/v1/jobs?page=0&take=50&configurationId={config}"),
        )
        .await;
    wait_rows(&env, &ids_of(&truth, "Items", "Id")).await;

    // Vector Charts: active only (activeOnly=true on the server).
    env.goto("/sources/charts?active=true").await;
    let truth = env
        .api("charts", "/api/portal/v1/jobs?activeOnly=true&limit=25")
        .await;
    wait_rows(&env, &ids_of(&truth, "jobs", "id")).await;
    assert_eq!(
        env.js("document.querySelector('input[type=checkbox]').checked")
            .await,
        json!(true)
    );

    // Text search over the loaded rows, labelled as such.
    env.goto("/sources/osapi?per_page=100").await;
    env.wait_js("document.querySelectorAll('tbody tr[data-job-id]').length === 100")
        .await;
    let input = env
        .client
        .find(jobdeck_e2e::Locator::Css(
            "input[aria-label='Search loaded rows']",
        ))
        .await
        .expect("search");
    input.send_keys("command.exec").await.expect("type");
    env.wait_js("document.querySelectorAll('tbody tr[data-job-id]').length < 100")
        .await;
    assert_eq!(env.js("Array.from(document.querySelectorAll('tbody tr')).every(r => r.innerText.includes('command.exec'))").await, json!(true));
    let scope = env.text("[data-testid=search-scope]").await;
    assert!(scope.starts_with("searching 100 loaded rows"), "{scope}");
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .as_str()
        .contains("q=command.exec"));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_back_and_forward_show_the_same_view() {
    let env = Env::start(Options::default()).await;
    env.goto("/sources/osapi?per_page=10").await;
    let p1 = ids_of(
        &env.api("osapi", "/job?limit=10&offset=0").await,
        "items",
        "id",
    );
    let p2 = ids_of(
        &env.api("osapi", "/job?limit=10&offset=10").await,
        "items",
        "id",
    );
    let p3 = ids_of(
        &env.api("osapi", "/job?limit=10&offset=20").await,
        "items",
        "id",
    );
    wait_rows(&env, &p1).await;
    env.click("button[aria-label='Next page']").await;
    wait_rows(&env, &p2).await;
    env.click("button[aria-label='Next page']").await;
    wait_rows(&env, &p3).await;
    env.client.back().await.expect("back");
    wait_rows(&env, &p2).await;
    env.client.back().await.expect("back");
    wait_rows(&env, &p1).await;
    env.client.forward().await.expect("forward");
    wait_rows(&env, &p2).await;
    env.client.refresh().await.expect("reload");
    wait_rows(&env, &p2).await;
    assert_eq!(pager_text(&env).await.split(" of ").next(), Some("11–20"));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_picks_up_jobs_the_simulator_added() {
    let mut opts = Options::default();
    let demo = jobdeck_sim::Sim::new(opts.sim.clone(), 0).sources_json(1);
    opts.sources_json = Some(demo);
    let env = Env::start(opts).await;
    env.goto("/").await;
    let sel = "[data-testid=state-count][data-source=osapi][data-state=submitted]";
    let before: u64 = env
        .wait_js(&format!(
            "document.querySelector('{sel}')?.getAttribute('data-count')"
        ))
        .await
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert_eq!(env.sim("POST", "/_sim/add/osapi?n=3", &[]).await.0, 200);
    env.wait_js(&format!(
        "document.querySelector('{sel}')?.getAttribute('data-count') === '{}'",
        before + 3
    ))
    .await;
    // The table too, without a reload.
    env.goto("/sources/osapi?state=submitted").await;
    env.wait_js(&format!(
        "document.querySelectorAll('tbody tr[data-job-id]').length === {}",
        before + 3
    ))
    .await;
    env.sim("POST", "/_sim/add/osapi?n=2", &[]).await;
    env.wait_js(&format!(
        "document.querySelectorAll('tbody tr[data-job-id]').length === {}",
        before + 5
    ))
    .await;
    env.close().await;
}
