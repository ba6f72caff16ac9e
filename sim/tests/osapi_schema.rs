//! osapi answers validate against the OpenAPI document osapi publishes
//! (osapi-io/osapi's internal/api/job/gen/api.yaml at 41030b6, copied into tests/fixtures).

use jobdeck_sim::{Sim, SimConfig, SimRequest};
use serde_json::Value;

const T0: i64 = 1_780_000_000_000;

fn spec() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/osapi-job-api.2026-03-08.yaml"
    );
    let text = std::fs::read_to_string(path).expect("spec");
    serde_yaml::from_str(&text).expect("yaml")
}

/// A validator for the subset of OpenAPI 3.0 schema this document uses.
fn validate(spec: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        match r.strip_prefix("#/components/schemas/") {
            Some(name) => {
                return validate(spec, &spec["components"]["schemas"][name], v, path, errors)
            }
            None => return, // an external document (the common ErrorResponse)
        }
    }
    if v.is_null() {
        if schema.get("nullable") != Some(&Value::Bool(true)) && schema.get("type").is_some() {
            errors.push(format!("{path}: null but not nullable"));
        }
        return;
    }
    let ok = match schema.get("type").and_then(Value::as_str) {
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("boolean") => v.is_boolean(),
        Some("number") => v.is_number(),
        _ => true,
    };
    if !ok {
        errors.push(format!("{path}: expected {:?}, got {v}", schema["type"]));
        return;
    }
    if let (Some(allowed), Some(s)) = (schema.get("enum").and_then(Value::as_array), v.as_str()) {
        if !allowed.iter().any(|a| a.as_str() == Some(s)) {
            errors.push(format!("{path}: {s} not in enum"));
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("uuid")
        && v.as_str().is_some_and(|s| s.len() != 36)
    {
        errors.push(format!("{path}: not a uuid"));
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, child) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(spec, s, child, &format!("{path}.{k}"), errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(true)) => {}
                    Some(s @ Value::Object(_)) => {
                        validate(spec, s, child, &format!("{path}.{k}"), errors)
                    }
                    _ if props.is_some() => errors.push(format!("{path}: unexpected property {k}")),
                    _ => {}
                },
            }
        }
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(k) = req.as_str() {
                if !obj.contains_key(k) {
                    errors.push(format!("{path}: missing required {k}"));
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            validate(spec, items, child, &format!("{path}[{i}]"), errors);
        }
    }
}

fn response_schema(spec: &Value, path: &str) -> Value {
    spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"].clone()
}

#[test]
fn list_and_detail_answers_match_the_published_schema() {
    let spec = spec();
    let mut sim = Sim::new(
        SimConfig {
            initial_jobs: 200,
            ..SimConfig::default()
        },
        T0,
    );
    let mut errors = Vec::new();
    let mut checked = 0;
    for query in [
        "",
        "?limit=100",
        "?status=failed&limit=100",
        "?status=partial_failure",
        "?offset=190&limit=100",
    ] {
        let r = sim.handle(
            &SimRequest::get(&format!("/osapi/job{query}"))
                .with_header("authorization", "Bearer osapi-token"),
            T0,
        );
        let body = r.body_json().expect("json");
        validate(
            &spec,
            &response_schema(&spec, "/job"),
            &body,
            "list",
            &mut errors,
        );
        for item in body["items"].as_array().into_iter().flatten().take(30) {
            let id = item["id"].as_str().unwrap_or_default();
            let d = sim.handle(
                &SimRequest::get(&format!("/osapi/job/{id}"))
                    .with_header("authorization", "Bearer osapi-token"),
                T0,
            );
            validate(
                &spec,
                &response_schema(&spec, "/job/{id}"),
                &d.body_json().expect("json"),
                id,
                &mut errors,
            );
            checked += 1;
        }
    }
    assert!(checked > 50);
    assert_eq!(errors, Vec::<String>::new());
    // The validator itself catches a wrong answer.
    let mut errs = Vec::new();
    validate(
        &spec,
        &response_schema(&spec, "/job"),
        &serde_json::json!({"total_items": "many", "items": [{"id": 5}]}),
        "bad",
        &mut errs,
    );
    assert_eq!(errs.len(), 2, "{errs:?}");
}
