//! Every documented sample parses to the values it holds, and every quirk of
//! the vendors' API notes (docs/design.md: "the wire facts of each API") is handled.

use jobdeck_core::vendors::{cluedin, Adapter};
use jobdeck_core::*;
use serde_json::json;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ok(body: impl Into<Vec<u8>>) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![],
        body: body.into(),
    }
}

/// Each state's count, in the order the counts list them.
fn by_state(c: &Counts) -> Vec<(&str, Count)> {
    c.states
        .iter()
        .map(|s| (s.state.as_str(), s.count))
        .collect()
}

fn q(state: Option<&str>, page: u64, per_page: u64) -> ListQuery {
    ListQuery {
        state: state.map(str::to_string),
        page,
        per_page,
        ..Default::default()
    }
}

fn ts(s: &str) -> Option<time::Timestamp> {
    time::parse_iso8601(s)
}

// ---------- Tines ----------

const TINES: Adapter = Adapter(SourceKind::Tines);

#[test]
fn tines_samples_parse_to_their_values() {
    let page = TINES
        .parse_list(
            &q(Some("in_progress"), 1, 20),
            &ok(fixture("sample-in_progress_jobs.json")),
        )
        .unwrap();
    assert_eq!(page.jobs.len(), 1);
    let j = &page.jobs[0];
    assert_eq!(
        (j.id.as_str(), j.state.as_str(), j.category),
        ("1234", "in_progress", StateCategory::Running)
    );
    assert_eq!(j.name.as_deref(), Some("AgentReceiveJob"));
    assert_eq!(j.started, Some(time::Timestamp(1_567_399_360_056)));
    assert_eq!(
        vendors::tines::agent_label(&j.raw).as_deref(),
        Some("Action 01 (#1)")
    );
    // pages:0, count:0 beside a next page: the total is not known, never "0" or "1".
    assert_eq!(page.total, Count::AtLeast(1));
    assert!(page.has_more);

    for (state, file, cat) in [
        ("retry", "sample-retry_jobs.json", StateCategory::Retrying),
        ("queued", "sample-queued_jobs.json", StateCategory::Queued),
        ("dead", "sample-dead_jobs.json", StateCategory::Failed),
    ] {
        let page = TINES
            .parse_list(&q(Some(state), 1, 20), &ok(fixture(file)))
            .unwrap();
        assert_eq!(page.jobs.len(), 2, "{file}");
        let (a, b) = (&page.jobs[0], &page.jobs[1]);
        assert_eq!((a.id.as_str(), b.id.as_str()), ("1234", "1237"));
        assert_eq!(a.category, cat);
        assert_eq!(a.updated, Some(time::Timestamp(1_567_399_360_056)));
        // last_retry "" means never retried.
        assert_eq!(b.updated, None);
        assert_eq!(b.error.as_deref(), Some("ArgumentError"));
        assert_eq!(b.name.as_deref(), Some("CredentialRefreshJob"));
        // agent as a bare integer (an action id).
        assert_eq!(
            vendors::tines::agent_label(&b.raw).as_deref(),
            Some("action #1")
        );
        assert_eq!(b.raw["retry_count"], json!(5));
    }
}

#[test]
fn tines_requests_use_page_and_per_page_under_the_base_url_only() {
    let r = TINES.list_request(&q(Some("dead"), 3, 50));
    assert_eq!(
        r.url("https://tenant.example"),
        "https://tenant.example/api/v1/admin/dead_jobs?page=3&per_page=50"
    );
    // Clamped to the API's 500 and defaulted to the first list.
    assert_eq!(
        TINES.list_request(&q(None, 0, 9999)).path_and_query(),
        "/api/v1/admin/in_progress_jobs?page=1&per_page=500"
    );
    // An unknown state never becomes part of a path.
    assert_eq!(
        TINES.list_request(&q(Some("../../x"), 1, 20)).path,
        "/api/v1/admin/in_progress_jobs"
    );
}

#[test]
fn tines_meta_urls_are_never_followed() {
    // A hostile meta pointing elsewhere changes nothing about the next request.
    let body = json!({"admin/queued_jobs": [{"id": 1, "type": "T"}], "meta": {"next_page": "https://evil.example/steal?page=2", "count": 3, "pages": 2, "per_page": 1}});
    let page = TINES
        .parse_list(&q(Some("queued"), 1, 1), &ok(body.to_string()))
        .unwrap();
    assert!(page.has_more);
    assert_eq!(page.total, Count::Exact(3));
    let next = TINES.list_request(&q(Some("queued"), 2, 1));
    assert_eq!(
        next.url("/proxy/tines"),
        "/proxy/tines/api/v1/admin/queued_jobs?page=2&per_page=1"
    );
}

#[test]
fn tines_meta_absent_or_zero_gives_honest_totals() {
    // No meta, a short page: the last one, exact.
    let body = json!({"admin/dead_jobs": [{"id": 1}, {"id": 2}]});
    let p = TINES
        .parse_list(&q(Some("dead"), 2, 20), &ok(body.to_string()))
        .unwrap();
    assert_eq!((p.total, p.has_more), (Count::Exact(22), false));
    // No meta, a full page: at least.
    let p = TINES
        .parse_list(&q(Some("dead"), 1, 2), &ok(body.to_string()))
        .unwrap();
    assert_eq!((p.total, p.has_more), (Count::AtLeast(2), true));
    // count 0, no next page, nothing listed: exactly zero.
    let body = json!({"admin/retry_jobs": [], "meta": {"next_page": null, "count": 0, "pages": 0}});
    assert_eq!(
        TINES
            .parse_list(&q(Some("retry"), 1, 20), &ok(body.to_string()))
            .unwrap()
            .total,
        Count::Exact(0)
    );
    // count 0 beside a next page and nothing listed: unknown.
    let body = json!({"admin/retry_jobs": [], "meta": {"next_page": "x", "count": 0, "pages": 0}});
    assert_eq!(
        TINES
            .parse_list(&q(Some("retry"), 1, 20), &ok(body.to_string()))
            .unwrap()
            .total,
        Count::Unknown
    );
    // Newer tenants: next_page_number alone says there is more.
    let body =
        json!({"admin/retry_jobs": [{"id": 9}], "meta": {"next_page_number": 2, "count": 0}});
    assert!(
        TINES
            .parse_list(&q(Some("retry"), 1, 1), &ok(body.to_string()))
            .unwrap()
            .has_more
    );
}

#[test]
fn tines_agent_forms_and_bad_records() {
    let parse = |job: serde_json::Value| {
        TINES.parse_list(
            &q(Some("retry"), 1, 20),
            &ok(json!({"admin/retry_jobs": [job]}).to_string()),
        )
    };
    assert!(parse(json!({"id": 1})).is_ok(), "agent absent");
    assert!(parse(json!({"id": 1, "agent": 7})).is_ok());
    assert!(parse(json!({"id": 1, "agent": {"id": 1, "name": "A"}})).is_ok());
    let e = parse(json!({"id": 1, "agent": "x"}))
        .unwrap_err()
        .to_string();
    assert_eq!(e, "Invalid response: admin/retry_jobs[0].agent: expected an object or an action id, found a string");
    let e = parse(json!({"id": 1, "last_retry": "yesterday"}))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("admin/retry_jobs[0].last_retry: not a time"),
        "{e}"
    );
    assert!(parse(json!({"type": "T"}))
        .unwrap_err()
        .to_string()
        .contains("admin/retry_jobs[0].id: missing"));
    let e = TINES
        .parse_list(
            &q(Some("retry"), 1, 20),
            &ok(json!({"admin/dead_jobs": []}).to_string()),
        )
        .unwrap_err();
    assert!(e.to_string().contains("\"admin/retry_jobs\": missing"));
}

#[test]
fn tines_counts_take_meta_count_and_stay_honest() {
    let mut plan = CountsPlan::new(SourceKind::Tines);
    let reqs = plan.requests();
    assert_eq!(reqs.len(), 4);
    assert!(reqs
        .iter()
        .all(|r| r.query.contains(&("per_page".into(), "1".into()))));
    let resps = vec![
        ok(fixture("sample-in_progress_jobs.json")),
        ok(json!({"admin/queued_jobs": [{"id": 1}], "meta": {"count": 17, "pages": 17, "next_page": "u"}}).to_string()),
        ok(json!({"admin/retry_jobs": [], "meta": {"count": 0, "pages": 0, "next_page": null}}).to_string()),
        ok(json!({"admin/dead_jobs": [], "meta": {"count": 0, "pages": 0, "next_page": "u"}}).to_string()),
    ];
    plan.absorb(&resps).unwrap();
    assert!(plan.is_done());
    let counts = plan.finish().unwrap();
    let got: Vec<(String, Count)> = counts
        .states
        .iter()
        .map(|s| (s.state.clone(), s.count))
        .collect();
    assert_eq!(
        got,
        vec![
            ("in_progress".into(), Count::AtLeast(1)),
            ("queued".into(), Count::Exact(17)),
            ("retry".into(), Count::Exact(0)),
            ("dead".into(), Count::Unknown)
        ]
    );
    assert_eq!(counts.total, Count::AtLeast(18));
}

// ---------- Vector Charts ----------

const CHARTS: Adapter = Adapter(SourceKind::VectorCharts);

#[test]
fn vector_charts_samples_parse_to_their_values() {
    for file in [
        "sample-list-jobs.paginated.json",
        "sample-list-jobs.legacy-bare-array.json",
    ] {
        let page = CHARTS
            .parse_list(&q(None, 1, 25), &ok(fixture(file)))
            .unwrap();
        assert_eq!(page.total, Count::Exact(1), "{file}");
        assert!(!page.has_more);
        let j = &page.jobs[0];
        assert_eq!(j.id, "5e37b9c1-a4c2-4b8e-9f3a-72d3f4a5b8e1");
        assert_eq!(
            (j.state.as_str(), j.category),
            ("completed", StateCategory::Succeeded)
        );
        assert_eq!(j.name.as_deref(), Some("refresh-public-charts"));
        assert_eq!(j.progress, Some(100.0));
        assert_eq!(j.created, Some(time::Timestamp(1_736_942_400_000)));
        assert_eq!(j.updated, Some(time::Timestamp(1_736_946_000_000)));
        assert_eq!(
            j.started,
            Some(time::Timestamp(1_736_942_410_000)),
            "earliest step start"
        );
        assert_eq!(j.finished, j.updated);
        assert_eq!(j.raw["steps"][1]["stepName"], json!("step_index_noaa"));
    }
}

#[test]
fn vector_charts_requests_use_limit_offset_capped_at_200() {
    assert_eq!(
        CHARTS.list_request(&q(None, 3, 50)).path_and_query(),
        "/api/portal/v1/jobs?limit=50&offset=100"
    );
    assert_eq!(
        CHARTS.list_request(&q(None, 2, 1000)).path_and_query(),
        "/api/portal/v1/jobs?limit=200&offset=200"
    );
    let active = ListQuery {
        active_only: true,
        page: 1,
        per_page: 25,
        ..Default::default()
    };
    assert_eq!(
        CHARTS.list_request(&active).path_and_query(),
        "/api/portal/v1/jobs?activeOnly=true&limit=25&offset=0"
    );
}

fn charts_job(id: usize, state: &str) -> serde_json::Value {
    json!({"id": format!("j{id}"), "jobState": state, "jobType": "clear-tiles", "createdAt": 1_736_942_400_000u64 + id as u64,
           "logs": [{"timestamp": "2025-01-15T12:00:00.000Z", "type": "error", "message": "boom"}], "steps": [{"stepName": "partial"}]})
}

#[test]
fn vector_charts_legacy_bare_array_is_paged_locally_with_an_exact_total() {
    let all: Vec<_> = (0..7)
        .map(|i| charts_job(i, if i % 2 == 0 { "running" } else { "failed" }))
        .collect();
    let body = serde_json::to_string(&all).unwrap();
    let p = CHARTS
        .parse_list(&q(None, 2, 3), &ok(body.clone()))
        .unwrap();
    assert_eq!(
        p.jobs.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(),
        ["j3", "j4", "j5"]
    );
    assert_eq!((p.total, p.has_more), (Count::Exact(7), true));
    let p = CHARTS
        .parse_list(
            &ListQuery {
                active_only: true,
                page: 1,
                per_page: 25,
                ..Default::default()
            },
            &ok(body),
        )
        .unwrap();
    assert_eq!(p.total, Count::Exact(4));
    assert_eq!(
        p.jobs[0].error.as_deref(),
        Some("boom"),
        "the error log is the job's error"
    );
}

#[test]
fn vector_charts_bad_dates_name_the_field() {
    let body = json!({"jobs": [charts_job(0, "running"), {"id": "x", "jobState": "running", "createdAt": "soon"}], "pagination": {"total": 2}});
    let e = CHARTS
        .parse_list(&q(None, 1, 25), &ok(body.to_string()))
        .unwrap_err()
        .to_string();
    assert_eq!(e, "Invalid response: jobs[1].createdAt: not a date");
    let body = json!({"jobs": [{"id": "x", "jobState": "running", "logs": [{"timestamp": 5}]}]});
    assert!(CHARTS
        .parse_list(&q(None, 1, 25), &ok(body.to_string()))
        .unwrap_err()
        .to_string()
        .contains("jobs[0].logs[0].timestamp"));
}

fn charts_page(jobs: &[serde_json::Value], total: u64, limit: u64, offset: u64) -> HttpResponse {
    ok(
        json!({"jobs": jobs, "pagination": {"limit": limit, "offset": offset, "total": total}})
            .to_string(),
    )
}

#[test]
fn vector_charts_counts_scan_small_sources_and_report_totals_for_big_ones() {
    // Small: the first page of 200 is everything, and its total says so: one request.
    let jobs: Vec<_> = (0..5)
        .map(|i| {
            charts_job(
                i,
                ["pending", "running", "completed", "completed", "cancelled"][i],
            )
        })
        .collect();
    let mut plan = CountsPlan::new(SourceKind::VectorCharts);
    let reqs = plan.requests();
    assert_eq!(
        reqs.iter().map(|r| r.path_and_query()).collect::<Vec<_>>(),
        ["/api/portal/v1/jobs?limit=200&offset=0"]
    );
    plan.absorb(&[charts_page(&jobs, 5, 200, 0)]).unwrap();
    assert!(plan.is_done());
    let c = plan.finish().unwrap();
    assert_eq!(c.method, CountMethod::Scanned);
    let by = by_state(&c);
    assert_eq!(
        by,
        [
            ("pending", Count::Exact(1)),
            ("running", Count::Exact(1)),
            ("completed", Count::Exact(2)),
            ("failed", Count::Exact(0)),
            ("cancelled", Count::Exact(1))
        ]
    );
    assert_eq!(
        c.totals,
        vec![
            ("all".into(), Count::Exact(5)),
            ("active".into(), Count::Exact(2))
        ]
    );

    // Big: the first page's total is past the scan limit, so only the all and active totals,
    // states unknown (never a wrong number).
    let mut plan = CountsPlan::new(SourceKind::VectorCharts);
    plan.absorb(&[charts_page(&jobs, 2_001, 200, 0)]).unwrap();
    assert_eq!(
        plan.requests()
            .iter()
            .map(|r| r.path_and_query())
            .collect::<Vec<_>>(),
        ["/api/portal/v1/jobs?activeOnly=true&limit=1&offset=0"]
    );
    plan.absorb(&[charts_page(&jobs[..1], 40, 1, 0)]).unwrap();
    assert!(plan.is_done());
    let c = plan.finish().unwrap();
    assert_eq!(c.method, CountMethod::TotalsOnly);
    assert!(c.states.iter().all(|s| s.count == Count::Unknown));
    assert_eq!(
        c.totals,
        vec![
            ("all".into(), Count::Exact(2_001)),
            ("active".into(), Count::Exact(40))
        ]
    );

    // 450 jobs: three scan pages, asked one at a time so only one page is held at once; a job
    // seen twice (the list moved between pages) is counted once.
    let mut plan = CountsPlan::new(SourceKind::VectorCharts);
    let pages: Vec<Vec<_>> = vec![
        (0..200).map(|i| charts_job(i, "completed")).collect(),
        (199..399).map(|i| charts_job(i, "failed")).collect(),
        (399..450).map(|i| charts_job(i, "running")).collect(),
    ];
    for (n, page) in pages.iter().enumerate() {
        let reqs = plan.requests();
        assert_eq!(
            reqs.iter().map(|r| r.path_and_query()).collect::<Vec<_>>(),
            [format!("/api/portal/v1/jobs?limit=200&offset={}", n * 200)]
        );
        assert!(!plan.is_done());
        plan.absorb(&[charts_page(page, 450, 200, n as u64 * 200)])
            .unwrap();
    }
    assert!(plan.is_done());
    let c = plan.finish().unwrap();
    let by = by_state(&c);
    assert_eq!(
        by,
        [
            ("pending", Count::Exact(0)),
            ("running", Count::Exact(51)),
            ("completed", Count::Exact(200)),
            ("failed", Count::Exact(199)),
            ("cancelled", Count::Exact(0))
        ]
    );
    assert_eq!(c.total, Count::Exact(450));

    // No total reported: a short first page is everything; a full one means "at least 200".
    let mut plan = CountsPlan::new(SourceKind::VectorCharts);
    plan.absorb(&[ok(json!({"jobs": jobs}).to_string())])
        .unwrap();
    assert_eq!(plan.finish().unwrap().total, Count::Exact(5));
    let mut plan = CountsPlan::new(SourceKind::VectorCharts);
    plan.absorb(&[ok(json!({"jobs": pages[0]}).to_string())])
        .unwrap();
    plan.absorb(&[charts_page(&[], 3, 1, 0)]).unwrap();
    let c = plan.finish().unwrap();
    assert_eq!(
        (c.method, c.total),
        (CountMethod::TotalsOnly, Count::AtLeast(200))
    );

    // A scan page of the wrong shape is an error that names what is wrong.
    let mut plan = CountsPlan::new(SourceKind::VectorCharts);
    plan.absorb(&[charts_page(&pages[0], 450, 200, 0)]).unwrap();
    let err = plan
        .absorb(&[ok(json!({"jobs": [{"id": 7}]}).to_string())])
        .unwrap_err();
    assert!(err.to_string().contains("jobState"), "{err}");

    // Legacy server: the first answer holds every job, counted at once.
    let mut plan = CountsPlan::new(SourceKind::VectorCharts);
    plan.absorb(&[ok(format!(
        "\u{feff} {}",
        serde_json::to_string(&jobs).unwrap()
    ))])
    .unwrap();
    assert_eq!(plan.finish().unwrap().total, Count::Exact(5));
}

// ---------- osapi ----------

const OSAPI: Adapter = Adapter(SourceKind::Osapi);

#[test]
fn osapi_list_parses_with_omitted_fields_offsets_and_extra_statuses() {
    let page = OSAPI
        .parse_list(&q(None, 1, 10), &ok(fixture("osapi-list.json")))
        .unwrap();
    assert_eq!(page.total, Count::Exact(42));
    assert!(page.has_more);
    let [a, b, c] = &page.jobs[..] else {
        panic!("three jobs")
    };
    assert_eq!(
        a.created,
        ts("2025-06-14T08:00:00Z"),
        "offset +02:00 folded to UTC"
    );
    assert_eq!(a.updated, ts("2025-06-14T08:00:03.123Z"));
    assert_eq!(a.name.as_deref(), Some("node.hostname.get"));
    assert_eq!(a.category, StateCategory::Succeeded);
    assert_eq!(
        (b.state.as_str(), b.name.as_deref(), b.error.as_deref()),
        ("submitted", None, None)
    );
    assert_eq!(
        (c.state.as_str(), c.category),
        ("skipped", StateCategory::Other)
    );
    assert_eq!(c.created, ts("2025-06-14T15:06:00Z"));
}

#[test]
fn osapi_detail_reads_timeline_and_go_durations() {
    let j = OSAPI
        .parse_detail(&ok(fixture("osapi-detail.json")))
        .unwrap();
    assert_eq!(
        (j.state.as_str(), j.category),
        ("partial_failure", StateCategory::Failed)
    );
    assert_eq!(j.started, ts("2025-06-14T10:00:01.2Z"));
    assert_eq!(j.finished, ts("2025-06-14T10:00:05.5Z"));
    assert_eq!(j.error.as_deref(), Some("1 of 2 agents failed"));
    assert_eq!(OSAPI.detail_request("a b").unwrap().path, "/job/a%20b");
    let bad =
        json!({"id": "x", "status": "failed", "agent_states": {"h": {"duration": "forever"}}});
    assert_eq!(
        OSAPI
            .parse_detail(&ok(bad.to_string()))
            .unwrap_err()
            .to_string(),
        "Invalid response: agent_states.h.duration: not a duration"
    );
}

#[test]
fn osapi_requests_clamp_limit_and_keep_status_to_its_enum() {
    assert_eq!(
        OSAPI
            .list_request(&q(Some("failed"), 3, 1000))
            .path_and_query(),
        "/job?status=failed&limit=100&offset=200"
    );
    assert_eq!(
        OSAPI
            .list_request(&q(Some("skipped"), 1, 0))
            .path_and_query(),
        "/job?limit=25&offset=0"
    );
    assert_eq!(
        OSAPI
            .list_request(&q(None, 1, 10))
            .url("https://o.example/api"),
        "https://o.example/api/job?limit=10&offset=0"
    );
}

#[test]
fn osapi_counts_from_status_counts_null_or_extra() {
    let mut plan = CountsPlan::new(SourceKind::Osapi);
    assert_eq!(plan.requests()[0].path_and_query(), "/job?limit=1&offset=0");
    plan.absorb(&[ok(fixture("osapi-list.json"))]).unwrap();
    let c = plan.finish().unwrap();
    let by = by_state(&c);
    assert_eq!(
        by,
        [
            ("submitted", Count::Exact(5)),
            ("processing", Count::Exact(2)),
            ("completed", Count::Exact(30)),
            ("failed", Count::Exact(3)),
            ("partial_failure", Count::Exact(2)),
            ("skipped", Count::Exact(1))
        ]
    );
    assert_eq!(c.total, Count::Exact(42));

    let mut plan = CountsPlan::new(SourceKind::Osapi);
    plan.absorb(&[ok(r#"{"total_items":0,"status_counts":null,"items":[]}"#)])
        .unwrap();
    let c = plan.finish().unwrap();
    assert!(c.states.iter().all(|s| s.count == Count::Exact(0)));
    assert_eq!(c.states.len(), 5);

    let mut plan = CountsPlan::new(SourceKind::Osapi);
    let e = plan
        .absorb(&[ok(r#"{"hello":"world","items":"not a list"}"#)])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid response: items: expected a list, found a string"
    );

    let mut plan = CountsPlan::new(SourceKind::Osapi);
    let e = plan
        .absorb(&[ok(r#"{"total_items":1,"status_counts":{"failed":-2}}"#)])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid response: status_counts.failed: negative count"
    );
}

#[test]
fn osapi_400_on_out_of_range_is_a_clear_error() {
    let resp = HttpResponse {
        status: 400,
        headers: vec![],
        body:
            br#"{"error":"Invalid request parameters","details":"limit must be <= 100","code":400}"#
                .to_vec(),
    };
    let e = OSAPI.parse_list(&q(None, 1, 10), &resp).unwrap_err();
    assert_eq!(
        e.to_string(),
        "400 Unexpected status (Invalid request parameters: limit must be <= 100)"
    );
}

// ---------- CluedIn ----------

const CLUEDIN: Adapter = Adapter(SourceKind::Cluedin);

#[test]
fn cluedin_pages_are_zero_based_with_take() {
    assert_eq!(
        CLUEDIN.list_request(&q(None, 1, 20)).path_and_query(),
        "/api/v1/jobs?page=0&take=20"
    );
    let filtered = ListQuery {
        state: Some("Failed".into()),
        config: Some("c0ffee".into()),
        page: 3,
        per_page: 5000,
        ..Default::default()
    };
    assert_eq!(
        CLUEDIN.list_request(&filtered).path_and_query(),
        "/api/v1/jobs?page=2&take=200&state=Failed&configurationId=c0ffee"
    );
    assert_eq!(
        CLUEDIN.detail_request("9d2c").unwrap().path_and_query(),
        "/api/v1/jobrun?id=9d2c"
    );
}

#[test]
fn cluedin_lists_wrapped_or_bare_with_any_key_case_and_state_form() {
    let p = CLUEDIN
        .parse_list(&q(None, 1, 2), &ok(fixture("cluedin-jobs-wrapped.json")))
        .unwrap();
    assert_eq!((p.total, p.has_more), (Count::Exact(57), true));
    assert_eq!(
        (p.jobs[0].state.as_str(), p.jobs[0].category),
        ("Executing", StateCategory::Running)
    );
    assert_eq!(
        (p.jobs[1].state.as_str(), p.jobs[1].category),
        ("Failed", StateCategory::Failed),
        "integer 80"
    );
    assert_eq!(
        p.jobs[0].created,
        ts("2026-03-08T10:00:00Z"),
        "no offset: UTC"
    );
    assert_eq!(p.jobs[0].name.as_deref(), Some("HubSpotCrawler"));
    let p = CLUEDIN
        .parse_list(&q(None, 1, 20), &ok(fixture("cluedin-jobs-bare.json")))
        .unwrap();
    assert_eq!(
        (p.jobs[0].state.as_str(), p.total, p.has_more),
        ("Queued", Count::Exact(1), false)
    );
    for wrapper in ["data", "jobs", "results"] {
        for total in ["total", "count", "totalCount"] {
            let body = json!({wrapper: [{"id": "a", "state": 60}], total: 9});
            let p = CLUEDIN
                .parse_list(&q(None, 1, 1), &ok(body.to_string()))
                .unwrap();
            assert_eq!(
                (p.total, p.jobs[0].state.as_str()),
                (Count::Exact(9), "Completed"),
                "{wrapper}/{total}"
            );
        }
    }
    let e = CLUEDIN
        .parse_list(&q(None, 1, 1), &ok(r#"[{"id":"a","state":999}]"#))
        .unwrap_err()
        .to_string();
    assert_eq!(e, "Invalid response: the list[0].state: not a job state");
}

#[test]
fn cluedin_counts_object_or_array_with_fallback_path() {
    for file in ["cluedin-counts-object.json", "cluedin-counts-array.json"] {
        let mut plan = CountsPlan::new(SourceKind::Cluedin);
        assert_eq!(plan.requests()[0].path_and_query(), "/api/v1/jobs");
        plan.absorb(&[ok(fixture(file))]).unwrap();
        let c = plan.finish().unwrap();
        let by = by_state(&c);
        assert_eq!(
            by,
            [
                ("Queued", Count::Exact(12)),
                ("Executing", Count::Exact(3)),
                ("Completed", Count::Exact(120)),
                ("Failed", Count::Exact(7)),
                ("Cancelled", Count::Exact(2))
            ],
            "{file}"
        );
        assert_eq!(c.total, Count::Exact(144));
    }
    // A server answering 404 there is asked at /api/v1/jobstatecount.
    let mut plan = CountsPlan::new(SourceKind::Cluedin);
    plan.absorb(&[HttpResponse {
        status: 404,
        ..Default::default()
    }])
    .unwrap();
    assert_eq!(plan.requests()[0].path, "/api/v1/jobstatecount");
    plan.absorb(&[ok(fixture("cluedin-counts-object.json"))])
        .unwrap();
    assert_eq!(plan.finish().unwrap().total, Count::Exact(144));
    // So is one that answers a job list.
    let mut plan = CountsPlan::new(SourceKind::Cluedin);
    plan.absorb(&[ok(fixture("cluedin-jobs-wrapped.json"))])
        .unwrap();
    assert_eq!(plan.requests()[0].path, "/api/v1/jobstatecount");
}

#[test]
fn cluedin_job_run_pascal_object_and_camel_array_read_the_same() {
    let a = cluedin::parse_job_run(
        &serde_json::from_slice(&fixture("cluedin-jobrun-pascal.json")).unwrap(),
    )
    .unwrap();
    let b = cluedin::parse_job_run(
        &serde_json::from_slice(&fixture("cluedin-jobrun-camel-array.json")).unwrap(),
    )
    .unwrap();
    for run in [&a, &b] {
        assert_eq!(run.job.id, "9d2c1b0a-1111-4222-8333-944455566677");
        assert_eq!(
            run.run_id.as_deref(),
            Some("0b4f6c1e-7d8a-4c2b-9e11-2f3a4b5c6d7e")
        );
        assert_eq!(
            (run.job.state.as_str(), run.job.category),
            ("Failed", StateCategory::Failed)
        );
        assert_eq!(
            run.job.error.as_deref(),
            Some("Crawler failed: 429 from provider")
        );
        assert_eq!(run.elapsed_queued_seconds, Some(2.5));
        assert_eq!(run.elapsed_execution_seconds, Some(237.5));
        assert_eq!(run.percent_completed, Some(64.0));
        assert_eq!(
            run.tasks,
            cluedin::Counters {
                expected: Some(200),
                total: Some(150),
                queued: Some(10),
                completed: Some(128),
                failed: Some(12)
            }
        );
        assert_eq!(run.clues.completed, Some(5200));
        assert_eq!(run.processing_state.as_deref(), Some("2"));
        assert_eq!(run.processing_end, None);
        assert_eq!(run.processing_already_up_to_date, Some(45));
        assert_eq!(run.received_log_lines, Some(830));
        assert_eq!(run.start, ts("2026-03-08T10:00:02.5Z"));
        assert_eq!(run.update_date, ts("2026-03-08T10:05:00.123Z"));
    }
    assert_eq!(b.job.raw["extraVendorField"]["note"], json!("kept in raw"));
    let via_adapter = CLUEDIN
        .parse_detail(&ok(fixture("cluedin-jobrun-pascal.json")))
        .unwrap();
    assert_eq!(via_adapter, a.job);
    assert_eq!(
        cluedin::parse_job_run(&json!([])).unwrap_err().class(),
        "not-found"
    );
    let e =
        cluedin::parse_job_run(&json!({"JobId": "x", "AgentElapsedQueuedTime": "about a minute"}))
            .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid response: AgentElapsedQueuedTime: not a duration"
    );
}

// ---------- every vendor: error statuses ----------

#[test]
fn every_vendor_maps_error_statuses_to_classes() {
    for kind in jobdeck_core::KINDS {
        let a = Adapter(kind);
        for (status, class) in [
            (401, "unauthorized"),
            (403, "forbidden"),
            (404, "not-found"),
            (429, "rate-limited"),
            (500, "server"),
            (502, "server"),
            (503, "server"),
            (409, "status"),
        ] {
            let resp = HttpResponse {
                status,
                headers: vec![("Retry-After".into(), "7".into())],
                body: b"<html>oops</html>".to_vec(),
            };
            let e = a.parse_list(&q(None, 1, 10), &resp).unwrap_err();
            assert_eq!(e.class(), class, "{kind:?} {status}");
            if status == 429 {
                assert_eq!(e.retry_after(), Some(7));
            }
        }
    }
}

// ---------- detail records ----------

#[test]
fn detail_records_read_every_vendor_field() {
    use jobdeck_core::vendors::detail::VendorDetail;
    let retry = TINES
        .parse_list(
            &q(Some("retry"), 1, 20),
            &ok(fixture("sample-retry_jobs.json")),
        )
        .unwrap();
    let VendorDetail::Tines(a) = Adapter(SourceKind::Tines).detail(&retry.jobs[0]).unwrap() else {
        panic!("tines")
    };
    assert_eq!(
        (
            a.action_name.as_deref(),
            a.action_id.as_deref(),
            a.event_id,
            a.retry_count,
            a.retried
        ),
        (Some("Action 01"), Some("1"), Some(1), Some(5), true)
    );
    let VendorDetail::Tines(b) = Adapter(SourceKind::Tines).detail(&retry.jobs[1]).unwrap() else {
        panic!("tines")
    };
    assert_eq!(
        (
            b.action_name,
            b.action_id.as_deref(),
            b.last_retry,
            b.retried
        ),
        (None, Some("1"), None, false),
        "last_retry \"\" = never"
    );

    let charts = CHARTS
        .parse_list(
            &q(None, 1, 25),
            &ok(fixture("sample-list-jobs.legacy-bare-array.json")),
        )
        .unwrap();
    let VendorDetail::VectorCharts(c) = Adapter(SourceKind::VectorCharts)
        .detail(&charts.jobs[0])
        .unwrap()
    else {
        panic!("charts")
    };
    assert_eq!(c.steps.len(), 2);
    assert_eq!(c.steps[0].duration_seconds(), Some(690.0));
    assert_eq!(
        (c.priority, c.parent_id.clone(), c.result.clone()),
        (Some(0), None, None)
    );

    let o = OSAPI
        .parse_detail(&ok(fixture("osapi-detail.json")))
        .unwrap();
    let VendorDetail::Osapi(d) = Adapter(SourceKind::Osapi).detail(&o).unwrap() else {
        panic!("osapi")
    };
    assert_eq!(d.operation_type.as_deref(), Some("command.exec"));
    assert_eq!(d.timeline.len(), 5);
    assert_eq!(d.timeline[3].error.as_deref(), Some("exit status 1"));
    let hosts: Vec<_> = d
        .agents
        .iter()
        .map(|a| (a.host.as_str(), a.status.as_deref(), a.duration_seconds))
        .collect();
    assert_eq!(hosts[0], ("web-01", Some("completed"), Some(1.5)));
    assert_eq!(hosts[1].0, "web-02");
    assert!((hosts[1].2.unwrap_or(0.0) - 120.0034).abs() < 1e-9);
    assert_eq!(d.agents[0].data, Some(json!({"stdout": "up 3 days"})));

    let run = CLUEDIN
        .parse_detail(&ok(fixture("cluedin-jobrun-camel-array.json")))
        .unwrap();
    let VendorDetail::Cluedin(r) = Adapter(SourceKind::Cluedin).detail(&run).unwrap() else {
        panic!("cluedin")
    };
    assert_eq!(r.tasks.completed, Some(128));
}

#[test]
fn vector_charts_children_are_the_read_jobs_naming_the_parent() {
    let body = json!({"jobs": [
        {"id": "p", "jobState": "running"},
        {"id": "c1", "jobState": "completed", "parentJobId": "p"},
        {"id": "x", "jobState": "failed", "parentJobId": "other"},
        {"id": "c2", "jobState": "pending", "parentJobId": "p"}
    ], "pagination": {"total": 4}});
    let page = Adapter(SourceKind::VectorCharts)
        .parse_list(&q(None, 1, 200), &ok(body.to_string()))
        .unwrap();
    let children = jobdeck_core::vendors::vector_charts::children_of("p", &page.jobs);
    assert_eq!(
        children.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(),
        vec!["c1", "c2"]
    );
}
