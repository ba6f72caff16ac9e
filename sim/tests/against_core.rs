//! The simulator and jobdeck-core check each other: everything the sim serves parses with the
//! core adapters to the numbers the sim's raw JSON holds.

use jobdeck_core::{Adapter, Count, CountsPlan, HttpResponse, ListQuery, SourceKind};
use jobdeck_sim::{Sim, SimConfig, SimRequest};
use serde_json::Value;
use std::collections::HashSet;

const T0: i64 = 1_780_000_000_000;

fn sim() -> Sim {
    Sim::new(
        SimConfig {
            initial_jobs: 300,
            ..SimConfig::default()
        },
        T0,
    )
}

fn prefix(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Tines => "/tines",
        SourceKind::VectorCharts => "/charts",
        SourceKind::Osapi => "/osapi",
        SourceKind::Cluedin => "/cluedin",
    }
}

fn token(kind: SourceKind) -> String {
    format!("Bearer {}-token", &prefix(kind)[1..])
}

/// Executes a core request against the sim, as the app's client would.
fn exec(
    sim: &mut Sim,
    kind: SourceKind,
    req: &jobdeck_core::HttpRequest,
    now: i64,
) -> HttpResponse {
    let r = SimRequest::get(&req.url(prefix(kind))).with_header("authorization", &token(kind));
    let resp = sim.handle(&r, now);
    HttpResponse {
        status: resp.status,
        headers: resp.headers,
        body: resp.body,
    }
}

fn raw(sim: &mut Sim, path: &str, kind: SourceKind, now: i64) -> Value {
    let resp = sim.handle(
        &SimRequest::get(path).with_header("authorization", &token(kind)),
        now,
    );
    assert_eq!(
        resp.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&resp.body)
    );
    resp.body_json().expect("json")
}

fn counts(sim: &mut Sim, kind: SourceKind, now: i64) -> jobdeck_core::Counts {
    let mut plan = CountsPlan::new(kind);
    while !plan.is_done() {
        let resps: Vec<_> = plan
            .requests()
            .iter()
            .map(|r| exec(sim, kind, r, now))
            .collect();
        plan.absorb(&resps).expect("counts parse");
    }
    plan.finish().expect("counts")
}

fn count_of(c: &jobdeck_core::Counts, state: &str) -> Count {
    c.states
        .iter()
        .find(|s| s.state == state)
        .map_or(Count::Unknown, |s| s.count)
}

/// Every job of a list, through core's paging; asserts no job shows twice.
fn page_through(
    sim: &mut Sim,
    kind: SourceKind,
    state: Option<&str>,
    per_page: u64,
    now: i64,
) -> Vec<jobdeck_core::Job> {
    let a = Adapter(kind);
    let mut all = Vec::new();
    let mut ids = HashSet::new();
    for page in 1..1000 {
        let q = ListQuery {
            state: state.map(str::to_string),
            page,
            per_page,
            ..Default::default()
        };
        let p = a
            .parse_list(&q, &exec(sim, kind, &a.list_request(&q), now))
            .expect("list parses");
        for j in &p.jobs {
            assert!(ids.insert(j.id.clone()), "{kind:?} job {} twice", j.id);
            if let Some(s) = state {
                assert_eq!(j.state, s);
            }
        }
        all.extend(p.jobs);
        if !p.has_more {
            assert_eq!(
                p.total,
                Count::Exact(all.len() as u64),
                "{kind:?} {state:?} total"
            );
            return all;
        }
    }
    panic!("paging never ended");
}

#[test]
fn tines_counts_match_the_lists_and_paging_covers_every_job() {
    let mut s = sim();
    let now = T0 + 60_000;
    let c = counts(&mut s, SourceKind::Tines, now);
    let mut total = 0;
    for state in jobdeck_core::vendors::tines::STATES {
        let jobs = page_through(&mut s, SourceKind::Tines, Some(state), 7, now);
        let body = raw(
            &mut s,
            &format!("/tines/api/v1/admin/{state}_jobs?per_page=500"),
            SourceKind::Tines,
            now,
        );
        let raw_len = body[format!("admin/{state}_jobs")]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(jobs.len(), raw_len, "{state}");
        assert_eq!(count_of(&c, state), Count::Exact(raw_len as u64), "{state}");
        total += raw_len;
    }
    assert!(total > 0, "a living Tines world has jobs in its lists");
    assert!(
        count_of(&c, "dead").exact().unwrap_or(0) > 0,
        "some jobs died"
    );
}

#[test]
fn tines_meta_styles_from_the_docs_stay_honest() {
    let mut s = sim();
    let now = T0 + 60_000;
    s.tines.meta_style = jobdeck_sim::tines::MetaStyle::Zero;
    let c = counts(&mut s, SourceKind::Tines, now);
    for sc in &c.states {
        assert!(
            matches!(sc.count, Count::AtLeast(1) | Count::Unknown),
            "{sc:?}: zero meta never gives a number"
        );
    }
    // The meta URLs point at the tenant's host; core builds its own under the base URL.
    let body = raw(
        &mut s,
        "/tines/api/v1/admin/dead_jobs?page=1&per_page=2",
        SourceKind::Tines,
        now,
    );
    assert!(body["meta"]["next_page"]
        .as_str()
        .unwrap_or("")
        .starts_with("https://tenant.tines.example/"));
    s.tines.meta_style = jobdeck_sim::tines::MetaStyle::Absent;
    let jobs = page_through(&mut s, SourceKind::Tines, Some("dead"), 5, now);
    assert!(!jobs.is_empty());
}

#[test]
fn vector_charts_counts_equal_the_raw_states_and_totals() {
    let mut s = sim();
    let now = T0 + 120_000;
    let c = counts(&mut s, SourceKind::VectorCharts, now);
    let all = page_through(&mut s, SourceKind::VectorCharts, None, 200, now);
    let body = raw(
        &mut s,
        "/charts/api/portal/v1/jobs?limit=200&offset=200",
        SourceKind::VectorCharts,
        now,
    );
    assert_eq!(body["pagination"]["limit"], 200);
    for state in jobdeck_core::vendors::vector_charts::STATES {
        let n = all.iter().filter(|j| j.state == *state).count() as u64;
        assert_eq!(count_of(&c, state), Count::Exact(n), "{state}");
    }
    let active = raw(
        &mut s,
        "/charts/api/portal/v1/jobs?activeOnly=true&limit=1",
        SourceKind::VectorCharts,
        now,
    );
    assert_eq!(
        c.totals[1],
        (
            "active".to_string(),
            Count::Exact(active["pagination"]["total"].as_u64().unwrap_or(0))
        )
    );
    // limit above the cap is served as 200.
    let capped = raw(
        &mut s,
        "/charts/api/portal/v1/jobs?limit=5000",
        SourceKind::VectorCharts,
        now,
    );
    assert_eq!(capped["jobs"].as_array().map(Vec::len), Some(200));
    // Child jobs point at real parents.
    let ids: HashSet<_> = all.iter().map(|j| j.id.clone()).collect();
    let children: Vec<_> = all
        .iter()
        .filter_map(|j| j.raw["parentJobId"].as_str())
        .collect();
    assert!(!children.is_empty() && children.iter().all(|p| ids.contains(*p)));
    // The legacy bare array parses to the same jobs.
    s.charts.legacy = true;
    let legacy = page_through(&mut s, SourceKind::VectorCharts, None, 50, now);
    assert_eq!(legacy.len(), all.len());
    assert_eq!(counts(&mut s, SourceKind::VectorCharts, now), c);
}

#[test]
fn osapi_counts_lists_and_details_agree() {
    let mut s = sim();
    let now = T0 + 30_000;
    let c = counts(&mut s, SourceKind::Osapi, now);
    let body = raw(&mut s, "/osapi/job?limit=1", SourceKind::Osapi, now);
    for (state, n) in body["status_counts"].as_object().expect("counts") {
        assert_eq!(
            count_of(&c, state),
            Count::Exact(n.as_u64().unwrap_or(0)),
            "{state}"
        );
    }
    assert!(
        body["status_counts"].get("skipped").is_some(),
        "a status beyond the five shows up"
    );
    for state in jobdeck_core::vendors::osapi::STATES {
        let jobs = page_through(&mut s, SourceKind::Osapi, Some(state), 100, now);
        assert_eq!(
            count_of(&c, state),
            Count::Exact(jobs.len() as u64),
            "{state}"
        );
    }
    let a = Adapter(SourceKind::Osapi);
    let jobs = page_through(&mut s, SourceKind::Osapi, Some("partial_failure"), 100, now);
    for j in jobs.iter().take(5) {
        let d = a
            .parse_detail(&exec(
                &mut s,
                SourceKind::Osapi,
                &a.detail_request(&j.id).unwrap(),
                now,
            ))
            .expect("detail parses");
        assert_eq!(d.id, j.id);
        assert!(d.raw["agent_states"]
            .as_object()
            .is_some_and(|m| m.len() >= 2));
        assert!(d.started.is_some() && d.finished.is_some());
    }
    // Out-of-range parameters answer 400, as documented.
    for bad in [
        "/osapi/job?limit=101",
        "/osapi/job?limit=0",
        "/osapi/job?offset=-1",
        "/osapi/job?status=skipped",
        "/osapi/job/not-a-uuid",
    ] {
        let r = s.handle(
            &SimRequest::get(bad).with_header("authorization", "Bearer osapi-token"),
            now,
        );
        assert_eq!(r.status, 400, "{bad}");
    }
}

#[test]
fn cluedin_counts_lists_filters_and_job_runs_agree() {
    let mut s = sim();
    let now = T0 + 30_000;
    let c = counts(&mut s, SourceKind::Cluedin, now);
    for state in ["Queued", "Executing", "Completed", "Failed", "Cancelled"] {
        let jobs = page_through(&mut s, SourceKind::Cluedin, Some(state), 50, now);
        assert_eq!(
            count_of(&c, state),
            Count::Exact(jobs.len() as u64),
            "{state}"
        );
    }
    let all = page_through(&mut s, SourceKind::Cluedin, None, 200, now);
    let config = s.cluedin.configurations[0].clone();
    let a = Adapter(SourceKind::Cluedin);
    let q = ListQuery {
        config: Some(config.clone()),
        page: 1,
        per_page: 200,
        ..Default::default()
    };
    let filtered = a
        .parse_list(
            &q,
            &exec(&mut s, SourceKind::Cluedin, &a.list_request(&q), now),
        )
        .unwrap();
    assert!(!filtered.jobs.is_empty() && filtered.jobs.len() < all.len());
    assert!(filtered
        .jobs
        .iter()
        .all(|j| j.raw["ConfigurationId"] == config.as_str()));
    for j in all.iter().take(20) {
        let run = jobdeck_core::vendors::cluedin::parse_job_run(&raw(
            &mut s,
            &format!("/cluedin/api/v1/jobrun?id={}", j.id),
            SourceKind::Cluedin,
            now,
        ))
        .expect("run parses");
        assert_eq!(run.job.id, j.id);
        assert_eq!(run.job.state, j.state);
    }
    // The alternative counts path holds the same numbers.
    let alt = raw(
        &mut s,
        "/cluedin/api/v1/jobstatecount",
        SourceKind::Cluedin,
        now,
    );
    assert_eq!(
        jobdeck_core::vendors::cluedin::parse_counts(&alt).unwrap(),
        c
    );
    let r = s.handle(
        &SimRequest::get("/cluedin/api/v1/jobs?page=0&take=5&state=Bogus")
            .with_header("authorization", "Bearer cluedin-token"),
        now,
    );
    assert_eq!(r.status, 400);
}

#[test]
fn auth_faults_and_errors_map_to_core_error_classes() {
    let mut s = sim();
    let a = Adapter(SourceKind::Osapi);
    let q = ListQuery {
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    let req = a.list_request(&q);
    let call = |s: &mut Sim, auth: Option<&str>| {
        let mut r = SimRequest::get(&req.url("/osapi"));
        if let Some(h) = auth {
            r = r.with_header("authorization", h);
        }
        let resp = s.handle(&r, T0);
        a.parse_list(
            &q,
            &HttpResponse {
                status: resp.status,
                headers: resp.headers,
                body: resp.body,
            },
        )
    };
    assert_eq!(call(&mut s, None).unwrap_err().class(), "unauthorized");
    assert_eq!(
        call(&mut s, Some("Bearer wrong")).unwrap_err().class(),
        "unauthorized"
    );
    assert_eq!(
        call(&mut s, Some("Bearer osapi-token-noread"))
            .unwrap_err()
            .class(),
        "forbidden"
    );
    assert!(call(&mut s, Some("Bearer osapi-token")).is_ok());
    // Older Tines tenants take x-user-token.
    let r = s.handle(
        &SimRequest::get("/tines/api/v1/admin/queued_jobs")
            .with_header("x-user-token", "tines-token"),
        T0,
    );
    assert_eq!(r.status, 200);

    for (fault, class) in [
        ("status=500", "server"),
        ("status=503", "server"),
        ("status=401", "unauthorized"),
        ("status=403", "forbidden"),
        ("status=404", "not-found"),
        ("retry_after=30", "rate-limited"),
        ("body=html", "invalid"),
        ("body=malformed", "invalid"),
        ("body=wrong-shape", "invalid"),
        ("body=huge&mb=1", "invalid"),
    ] {
        let set = s.handle(
            &SimRequest::new("POST", &format!("/_sim/fault/osapi?{fault}"), vec![]),
            T0,
        );
        assert_eq!(set.status, 200, "{fault}");
        let e = call(&mut s, Some("Bearer osapi-token")).unwrap_err();
        assert_eq!(e.class(), class, "{fault}: {e}");
        if fault.starts_with("retry_after") {
            assert_eq!(e.retry_after(), Some(30));
        }
    }
    s.handle(&SimRequest::new("DELETE", "/_sim/fault/osapi", vec![]), T0);
    assert!(
        call(&mut s, Some("Bearer osapi-token")).is_ok(),
        "recovers when the fault clears"
    );
    let slow = s.handle(
        &SimRequest::new("POST", "/_sim/fault/osapi?latency_ms=1500", vec![]),
        T0,
    );
    assert_eq!(slow.status, 200);
    let r = s.handle(
        &SimRequest::get(&req.url("/osapi")).with_header("authorization", "Bearer osapi-token"),
        T0,
    );
    assert_eq!((r.status, r.delay_ms), (200, 1500));
}

#[test]
fn worlds_are_deterministic_and_alive() {
    let get = |s: &mut Sim, now| {
        s.handle(
            &SimRequest::get("/charts/api/portal/v1/jobs?limit=50")
                .with_header("authorization", "Bearer charts-token"),
            now,
        )
        .body
    };
    let (mut a, mut b) = (sim(), sim());
    assert_eq!(
        get(&mut a, T0 + 5_000),
        get(&mut b, T0 + 5_000),
        "same seed, same clock, same bytes"
    );
    let mut c = Sim::new(
        SimConfig {
            seed: 7,
            initial_jobs: 300,
            ..SimConfig::default()
        },
        T0,
    );
    assert_ne!(get(&mut a, T0 + 5_000), get(&mut c, T0 + 5_000));
    // Over ten minutes, jobs arrive and states move.
    let before = counts(&mut a, SourceKind::Osapi, T0);
    let after = counts(&mut a, SourceKind::Osapi, T0 + 600_000);
    assert_eq!(
        after.total,
        Count::Exact(before.total.exact().unwrap_or(0) + 40),
        "one arrival per 15 s"
    );
    assert_ne!(before.states, after.states);
    // The control endpoint adds jobs now.
    let n = counts(&mut a, SourceKind::Cluedin, T0 + 600_000).total;
    a.handle(
        &SimRequest::new("POST", "/_sim/add/cluedin?n=5", vec![]),
        T0 + 600_000,
    );
    let m = counts(&mut a, SourceKind::Cluedin, T0 + 600_000).total;
    assert_eq!(m.exact().unwrap_or(0), n.exact().unwrap_or(0) + 5);
}

#[test]
fn cors_preflight_and_headers() {
    let mut s = sim();
    let r = s.handle(
        &SimRequest::new(
            "OPTIONS",
            "/osapi/job",
            vec![("Origin".into(), "http://elsewhere".into())],
        ),
        T0,
    );
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(r
        .header("access-control-allow-headers")
        .unwrap_or("")
        .contains("authorization"));
}
