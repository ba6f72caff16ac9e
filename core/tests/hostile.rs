//! Hostile bodies give SourceErrors, and no input makes a parser panic.

use jobdeck_core::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn ok(body: impl Into<Vec<u8>>) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![],
        body: body.into(),
    }
}

fn q() -> ListQuery {
    ListQuery {
        page: 1,
        per_page: 20,
        ..Default::default()
    }
}

/// Runs every parser of every vendor on one response; returns how many said Ok.
fn parse_everything(resp: &HttpResponse) -> usize {
    let mut oks = 0;
    for kind in jobdeck_core::KINDS {
        let a = Adapter(kind);
        for state in [None, Some("retry".to_string())] {
            oks += a.parse_list(&ListQuery { state, ..q() }, resp).is_ok() as usize;
        }
        oks += a.parse_detail(resp).is_ok() as usize;
        let mut plan = CountsPlan::new(kind);
        let n = plan.requests().len();
        oks += plan.absorb(&vec![resp.clone(); n]).is_ok() as usize;
    }
    let _ = parse_sources_json(&resp.body);
    oks
}

#[test]
fn hostile_bodies_are_errors_for_every_vendor() {
    let deep = "[".repeat(100_000);
    let hostile: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"   ".to_vec(),
        vec![0xff, 0xfe, 0xfd],
        b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>".to_vec(),
        b"null".to_vec(),
        b"42".to_vec(),
        b"\"text\"".to_vec(),
        b"{\"jobs\": ".to_vec(),
        deep.into_bytes(),
        json!({"jobs": [{"id": {"nested": true}, "jobState": 3}]})
            .to_string()
            .into_bytes(),
        json!({"items": [{"id": "x", "status": "failed", "created": 1e300}], "total_items": -1})
            .to_string()
            .into_bytes(),
        json!({"items": "none"}).to_string().into_bytes(),
        json!({"admin/in_progress_jobs": [{"id": 1, "started_at": 1e308}]})
            .to_string()
            .into_bytes(),
    ];
    for body in &hostile {
        let resp = ok(body.clone());
        for kind in jobdeck_core::KINDS {
            let a = Adapter(kind);
            let e = a.parse_list(&q(), &resp).unwrap_err();
            assert_eq!(
                e.class(),
                "invalid",
                "{kind:?} {:?}",
                String::from_utf8_lossy(&body[..body.len().min(60)])
            );
            assert!(e.to_string().starts_with("Invalid response: "));
        }
    }
}

#[test]
fn huge_and_negative_numbers_are_refused_not_wrapped() {
    let tines = Adapter(SourceKind::Tines);
    let body = json!({"admin/in_progress_jobs": [], "meta": {"count": -5}});
    assert!(tines
        .parse_list(&q(), &ok(body.to_string()))
        .unwrap_err()
        .to_string()
        .contains("meta.count: negative count"));
    let body = json!({"jobs": [], "pagination": {"total": 1e40}});
    assert!(Adapter(SourceKind::VectorCharts)
        .parse_list(&q(), &ok(body.to_string()))
        .is_err());
    let body = r#"{"total_items": 18446744073709551616000, "items": []}"#;
    assert!(Adapter(SourceKind::Osapi)
        .parse_list(&q(), &ok(body))
        .is_err());
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-zA-Z0-9_/:. -]{0,24}".prop_map(Value::String),
        prop_oneof![
            Just("in_progress"),
            Just("Executing"),
            Just("failed"),
            Just("2026-03-08T10:00:00Z"),
            Just("00:01:02.5"),
            Just("1.5s")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("id"),
            Just("Id"),
            Just("jobState"),
            Just("status"),
            Just("state"),
            Just("State"),
            Just("jobs"),
            Just("items"),
            Just("Items"),
            Just("meta"),
            Just("count"),
            Just("total"),
            Just("pagination"),
            Just("admin/in_progress_jobs"),
            Just("admin/retry_jobs"),
            Just("status_counts"),
            Just("total_items"),
            Just("timeline"),
            Just("agent_states"),
            Just("duration"),
            Just("agent"),
            Just("last_retry"),
            Just("createdAt"),
            Just("steps"),
            Just("logs"),
            Just("AgentElapsedQueuedTime"),
            Just("JobId"),
            Just("sources"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic_on_arbitrary_json(v in arb_json()) {
        parse_everything(&ok(v.to_string()));
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_everything(&ok(bytes));
    }

    #[test]
    fn parsers_never_panic_on_any_status(status in 0u16..1000, body in "[{}\\[\\]a-z0-9\":,]{0,64}") {
        let resp = HttpResponse { status, headers: vec![("retry-after".into(), "x".into())], body: body.into_bytes() };
        parse_everything(&resp);
    }

    #[test]
    fn time_parsers_never_panic(s in "\\PC{0,40}") {
        let _ = time::parse_iso8601(&s);
        let _ = time::parse_go_duration(&s);
        let _ = time::parse_timespan(&s);
    }
}

/// Inputs kept from fuzzing (core/tests/fuzz-regressions): every parser takes each one without
/// panicking, and none of these is accepted as a valid answer by every vendor at once.
#[test]
fn fuzz_regression_inputs_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("regression dir") {
        let path = entry.expect("entry").path();
        let body = std::fs::read(&path).expect("read");
        assert!(parse_everything(&ok(body)) < 4 * 4, "{}", path.display());
        n += 1;
    }
    assert!(n >= 2);
}
