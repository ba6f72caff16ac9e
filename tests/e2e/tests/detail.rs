//! Job detail against the simulator: each vendor by deep link and from a table row, the bounded
//! scan's "not found", Vector Charts parent/child links and CluedIn's configuration link.

use jobdeck_e2e::{Env, Options};
use serde_json::json;

async fn dd(env: &Env, label: &str) -> String {
    env.wait_js(&format!(
        "(dt => dt && dt.nextElementSibling.innerText)(Array.from(document.querySelectorAll('[data-testid=job-detail] dt')).find(d => d.innerText === {}))",
        json!(label)
    ))
    .await
    .as_str()
    .unwrap_or("")
    .to_string()
}

async fn wait_detail(env: &Env) -> String {
    env.wait_js("document.querySelector('[data-testid=job-detail]')?.dataset.state")
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_vendors_detail_opens_from_a_table_row() {
    let env = Env::start(Options::default()).await;
    for (source, query) in [
        ("osapi", "?state=partial_failure"),
        ("cluedin", "?state=Failed"),
        ("tines", "?state=dead"),
        ("charts", ""),
    ] {
        env.goto(&format!("/sources/{source}{query}")).await;
        env.wait_js("document.querySelector('tbody tr[data-job-id] a.job-link')")
            .await;
        let id = env
            .js("document.querySelector('tbody tr[data-job-id]').dataset.jobId")
            .await
            .as_str()
            .unwrap_or("")
            .to_string();
        let state = env
            .js("document.querySelector('tbody tr[data-job-id]').dataset.state")
            .await
            .as_str()
            .unwrap_or("")
            .to_string();
        env.click("tbody tr[data-job-id] a.job-link").await;
        assert_eq!(wait_detail(&env).await, state, "{source}");
        assert!(
            env.client
                .current_url()
                .await
                .expect("url")
                .path()
                .ends_with(&format!("/jobs/{id}")),
            "{source}"
        );
        assert!(
            env.js("document.querySelectorAll('[data-testid=job-detail] dt').length")
                .await
                .as_u64()
                .unwrap_or(0)
                >= 3,
            "{source}"
        );
        assert!(
            env.js("document.querySelector('[data-testid=vendor-section]') !== null")
                .await
                .as_bool()
                .unwrap_or(false),
            "{source}"
        );
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_links_show_each_vendors_record() {
    let env = Env::start(Options::default()).await;
    // osapi: GET /job/{id}, with the agents table for a broadcast job.
    let list = env
        .api("osapi", "/job?status=partial_failure&limit=1")
        .await;
    let id = list["items"][0]["id"].as_str().unwrap_or("").to_string();
    env.goto(&format!("/sources/osapi/jobs/{id}")).await;
    assert_eq!(wait_detail(&env).await, "partial_failure");
    assert!(env
        .wait_js("document.querySelectorAll('[data-testid=agents-table] tbody tr').length >= 2")
        .await
        .as_bool()
        .unwrap_or(false));
    assert!(dd(&env, "Error").await.contains("agents failed"));

    // CluedIn: the job run, and its configuration links to the filtered table.
    let list = env
        .api("cluedin", "/api/v1/jobs?page=0&take=1&state=Completed")
        .await;
    let id = list["Items"][0]["Id"].as_str().unwrap_or("").to_string();
    let config = list["Items"][0]["ConfigurationId"]
        .as_str()
        .unwrap_or("")
        .to_string();
    env.goto(&format!("/sources/cluedin/jobs/{id}")).await;
    assert_eq!(wait_detail(&env).await, "Completed");
    assert_eq!(env.text("[data-testid=run-outcome]").await, "Succeeded");
    env.click("[data-testid=config-link]").await;
    env.wait_js("document.querySelectorAll('tbody tr[data-job-id]').length > 0")
        .await;
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .as_str()
        .ends_with(&format!("/sources/cluedin?config={config}")));

    // Tines: found by scanning the list named in the URL, or all four without it.
    let list = env
        .api("tines", "/api/v1/admin/retry_jobs?per_page=1")
        .await;
    let id = list["admin/retry_jobs"][0]["id"].to_string();
    for path in [
        format!("/sources/tines/jobs/{id}?state=retry"),
        format!("/sources/tines/jobs/{id}"),
    ] {
        env.goto(&path).await;
        assert_eq!(wait_detail(&env).await, "retry", "{path}");
        assert_eq!(
            dd(&env, "Retry count").await,
            list["admin/retry_jobs"][0]["retry_count"].to_string()
        );
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vector_charts_links_parents_and_children() {
    let env = Env::start(Options::default()).await;
    let all = env.api("charts", "/api/portal/v1/jobs?limit=200").await;
    let child = all["jobs"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|j| j["parentJobId"].is_string())
        .expect("a child job")
        .clone();
    let (child_id, parent_id) = (
        child["id"].as_str().unwrap_or(""),
        child["parentJobId"].as_str().unwrap_or(""),
    );
    env.goto(&format!("/sources/charts/jobs/{child_id}")).await;
    wait_detail(&env).await;
    assert_eq!(env.text("[data-testid=parent-link]").await, parent_id);
    env.click("[data-testid=parent-link]").await;
    env.wait_js(&format!("location.pathname.endsWith('/jobs/{parent_id}') && document.querySelector('[data-testid=child-jobs]')?.innerText.includes('{child_id}')")).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_that_is_not_there_says_so() {
    let env = Env::start(Options::default()).await;
    env.goto("/sources/tines/jobs/999999999").await;
    let text = env
        .wait_js("document.querySelector('[role=alert][data-source=tines]')?.innerText")
        .await;
    assert!(
        text.as_str()
            .unwrap_or("")
            .contains("was not found in the first 2000 jobs"),
        "{text}"
    );
    env.goto("/sources/charts/jobs/no-such-job").await;
    let text = env
        .wait_js("document.querySelector('[role=alert][data-source=charts]')?.innerText")
        .await;
    assert!(
        text.as_str().unwrap_or("").contains("was not found"),
        "{text}"
    );
    env.goto("/sources/osapi/jobs/00000000-0000-4000-8000-000000000000")
        .await;
    let text = env
        .wait_js("document.querySelector('[role=alert][data-source=osapi]')?.innerText")
        .await;
    assert!(
        text.as_str().unwrap_or("").starts_with("404 Not Found"),
        "{text}"
    );
    env.goto("/sources/cluedin/jobs/00000000-0000-4000-8000-000000000000")
        .await;
    let text = env
        .wait_js("document.querySelector('[role=alert][data-source=cluedin]')?.innerText")
        .await;
    assert!(
        text.as_str().unwrap_or("").starts_with("404 Not Found"),
        "{text}"
    );
    env.close().await;
}
