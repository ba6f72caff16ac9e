//! The job lookup plan: one get-one request where the API has one, else a bounded scan of the
//! lists, page by page, stopping where the job turns up.

use jobdeck_core::lookup::DETAIL_SCAN_LIMIT;
use jobdeck_core::*;
use serde_json::json;

fn ok(body: serde_json::Value) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![],
        body: body.to_string().into_bytes(),
    }
}

fn kind(name: &str) -> SourceKind {
    name.parse().unwrap()
}

/// A Tines list page of `ids`, saying whether a next page exists.
fn tines_page(state: &str, ids: std::ops::Range<u64>, next: bool) -> HttpResponse {
    let jobs: Vec<_> = ids
        .map(|id| json!({"id": id, "type": "AgentReceiveJob"}))
        .collect();
    let next_page = if next {
        json!("https://t.example/next")
    } else {
        json!(null)
    };
    ok(json!({ format!("admin/{state}_jobs"): jobs, "meta": {"next_page": next_page, "count": 0} }))
}

/// Runs a plan against `answer`, returning the paths it asked for and what it found.
fn run(
    mut plan: DetailPlan,
    mut answer: impl FnMut(&HttpRequest) -> HttpResponse,
) -> (Vec<String>, Result<FoundJob, SourceError>) {
    let mut asked = Vec::new();
    while let Some(req) = plan.request() {
        asked.push(req.path_and_query());
        if let Err(e) = plan.absorb(&answer(&req)) {
            return (asked, Err(e));
        }
    }
    (asked, plan.finish())
}

#[test]
fn a_vendor_with_a_get_one_endpoint_is_asked_once() {
    let plan = DetailPlan::new(kind("osapi"), "j/1", None);
    let (asked, found) = run(plan, |_| ok(json!({"id": "j/1", "status": "completed"})));
    assert_eq!(asked, vec!["/job/j%2F1"]);
    let found = found.unwrap();
    assert_eq!(
        (
            found.job.id.as_str(),
            found.job.state.as_str(),
            found.scanned.len()
        ),
        ("j/1", "completed", 0)
    );
}

#[test]
fn a_tines_state_narrows_the_scan_to_its_list_and_pages_until_the_job() {
    let plan = DetailPlan::new(kind("tines"), "700", Some("retry"));
    let (asked, found) = run(plan, |req| {
        if req.path_and_query().contains("page=1&") {
            tines_page("retry", 0..500, true)
        } else {
            tines_page("retry", 500..1000, true)
        }
    });
    assert_eq!(
        asked,
        vec![
            "/api/v1/admin/retry_jobs?page=1&per_page=500",
            "/api/v1/admin/retry_jobs?page=2&per_page=500"
        ]
    );
    let found = found.unwrap();
    assert_eq!(found.job.id, "700");
    assert_eq!(
        found.scanned.len(),
        999,
        "the other jobs read on the way are kept"
    );
}

#[test]
fn without_a_state_every_tines_list_is_read_and_a_missing_job_says_the_bound() {
    let plan = DetailPlan::new(kind("tines"), "missing", Some("not-a-list"));
    let (asked, found) = run(plan, |req| {
        let state = req
            .path
            .trim_start_matches("/api/v1/admin/")
            .trim_end_matches("_jobs")
            .to_string();
        tines_page(&state, 0..3, false)
    });
    assert_eq!(asked.len(), 4, "{asked:?}");
    assert!(asked.iter().all(|p| p.contains("page=1&")));
    assert_eq!(
        found.unwrap_err().to_string(),
        SourceError::NotFound {
            detail: Some("job missing was not found in the first 2000 jobs of each list".into())
        }
        .to_string()
    );
}

#[test]
fn the_scan_stops_at_the_bound_even_when_the_api_has_more() {
    let plan = DetailPlan::new(kind("vector-charts"), "never", None);
    let (asked, found) = run(plan, |req| {
        let offset: u64 = req
            .query
            .iter()
            .find(|(k, _)| k == "offset")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap();
        let jobs: Vec<_> = (offset..offset + 200)
            .map(|i| json!({"id": format!("c{i}"), "jobState": "completed"}))
            .collect();
        ok(json!({"jobs": jobs, "pagination": {"total": 100_000}}))
    });
    assert_eq!(asked.len() as u64, DETAIL_SCAN_LIMIT / 200);
    assert!(matches!(found, Err(SourceError::NotFound { .. })));
}

#[test]
fn an_error_answer_ends_the_lookup_with_it() {
    let plan = DetailPlan::new(kind("cluedin"), "x", None);
    let (asked, found) = run(plan, |_| HttpResponse {
        status: 401,
        headers: vec![],
        body: Vec::new(),
    });
    assert_eq!(asked.len(), 1);
    assert!(found.unwrap_err().to_string().starts_with("401"));
}
