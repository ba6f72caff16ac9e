//! osapi's job API (job-api.2026-03-08.yaml): GET /job with `status`, `limit` (1..100, default 10)
//! and `offset`, 400 on out-of-range values, `{total_items, status_counts, items}` with empty
//! fields omitted (Go's omitempty); GET /job/{id} with responses, agent_states and timeline.

use crate::world::{phase_at, Arrival, Timeline, World};
use crate::{error, int_param, iso, iso_with, SimRequest, SimResponse};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Submitted,
    Processing,
    Completed,
    Failed,
    PartialFailure,
    Skipped,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Submitted => "submitted",
            Phase::Processing => "processing",
            Phase::Completed => "completed",
            Phase::Failed => "failed",
            Phase::PartialFailure => "partial_failure",
            Phase::Skipped => "skipped",
        }
    }
}

/// The statuses the `status` query parameter accepts.
const FILTERABLE: &[&str] = &[
    "submitted",
    "processing",
    "completed",
    "failed",
    "partial_failure",
];
const OPERATIONS: &[&str] = &[
    "node.hostname.get",
    "node.status.get",
    "command.exec",
    "network.dns.get",
    "network.ping.do",
    "file.deploy",
];
const HOSTS: &[&str] = &["web-01", "web-02", "db-01", "cache-01", "edge-01"];

pub struct Osapi {
    pub world: World,
}

/// Go's `time.Duration.String()`: `340ms`, `1.5s`, `2m3.4s`, `1h2m3s`.
pub fn go_duration(ms: i64) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, m, s_ms) = (ms / 3_600_000, ms % 3_600_000 / 60_000, ms % 60_000);
    let secs = if s_ms % 1000 == 0 {
        format!("{}s", s_ms / 1000)
    } else {
        format!(
            "{}s",
            format!("{}.{:03}", s_ms / 1000, s_ms % 1000).trim_end_matches('0')
        )
    };
    match (h, m) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

impl Osapi {
    pub fn new(world: World) -> Self {
        Osapi { world }
    }

    fn timeline(a: &Arrival) -> Timeline<Phase> {
        let mut r = a.rng(1);
        let start = r.range(200, 8_000) as i64;
        let end = start + r.range(300, 120_000) as i64;
        let outcome = match r.range(0, 100) {
            0..=69 => Phase::Completed,
            70..=81 => Phase::Failed,
            82..=93 => Phase::PartialFailure,
            _ => Phase::Skipped,
        };
        vec![
            (0, Phase::Submitted),
            (start, Phase::Processing),
            (end, outcome),
        ]
    }

    pub fn state_at(a: &Arrival, now: i64) -> Option<Phase> {
        phase_at(a, &Self::timeline(a), now).map(|(p, _)| p)
    }

    pub fn uuid(a: &Arrival) -> String {
        a.rng(9).uuid()
    }

    /// The list record (summary) or, with `full`, the GET /job/{id} record.
    fn job_json(a: &Arrival, now: i64, full: bool) -> Value {
        let tl = Self::timeline(a);
        let (phase, since) = phase_at(a, &tl, now).unwrap_or((Phase::Submitted, a.created_ms));
        let mut r = a.rng(2);
        let op = *r.pick(OPERATIONS);
        let broadcast = r.chance(40) || phase == Phase::PartialFailure;
        let hosts: Vec<&str> = if broadcast {
            HOSTS[..r.range(2, 5) as usize].to_vec()
        } else {
            vec![*r.pick(HOSTS)]
        };
        let mut job = Map::new();
        job.insert("id".into(), json!(Self::uuid(a)));
        job.insert("status".into(), json!(phase.name()));
        // Creation times carry the submitting host's offset; updates are UTC with nanoseconds.
        let offset_h = (a.index % 3) as i64 - 1;
        let created = match offset_h {
            0 => iso_with(a.created_ms, 0, "Z"),
            h => iso_with(
                a.created_ms + h * 3_600_000,
                0,
                &format!("{}{:02}:00", if h < 0 { '-' } else { '+' }, h.abs()),
            ),
        };
        job.insert("created".into(), json!(created));
        job.insert("updated_at".into(), json!(iso_with(since, 9, "Z")));
        let data = match op {
            "command.exec" => json!({"command": "uptime", "args": []}),
            "network.ping.do" => json!({"address": "10.0.0.1"}),
            "file.deploy" => json!({"object": "nginx.conf", "path": "/etc/nginx/nginx.conf"}),
            _ => json!({}),
        };
        job.insert("operation".into(), json!({"type": op, "data": data}));
        let host_failed =
            |i: usize| phase == Phase::Failed || (phase == Phase::PartialFailure && i == 0);
        match phase {
            Phase::Completed => {
                job.insert("result".into(), json!({"hosts": hosts.len(), "ok": true}));
                job.insert("changed".into(), json!(op == "file.deploy"));
            }
            Phase::Failed => {
                job.insert("error".into(), json!(format!("{op}: exit status 1")));
            }
            Phase::PartialFailure => {
                job.insert(
                    "error".into(),
                    json!(format!("1 of {} agents failed", hosts.len())),
                );
            }
            _ => {}
        }
        if !matches!(phase, Phase::Submitted) {
            job.insert("hostname".into(), json!(hosts[0]));
        }
        if full {
            let run_start = tl.get(1).map_or(a.created_ms, |(at, _)| a.created_ms + at);
            let run_ms = (since - run_start).max(1);
            let finished = !matches!(phase, Phase::Submitted | Phase::Processing);
            let mut timeline = vec![
                json!({"timestamp": iso(a.created_ms), "event": "submitted", "hostname": "osapi-api", "message": format!("job submitted for {}", if broadcast { "_all" } else { "_any" })}),
            ];
            if phase != Phase::Submitted {
                for (i, h) in hosts.iter().enumerate() {
                    timeline.push(json!({"timestamp": iso(run_start + i as i64 * 40), "event": "acknowledged", "hostname": h}));
                    timeline.push(json!({"timestamp": iso(run_start + i as i64 * 40 + 5), "event": "started", "hostname": h, "message": format!("running {op}")}));
                }
            }
            if finished {
                let mut responses = Map::new();
                let mut states = Map::new();
                for (i, h) in hosts.iter().enumerate() {
                    let failed = host_failed(i);
                    let dur = (run_ms / (i as i64 + 1)).max(1);
                    let mut resp = json!({"status": if failed { "failed" } else { "completed" }, "hostname": h});
                    let mut st = json!({"status": if failed { "failed" } else { "completed" }, "duration": go_duration(dur)});
                    if failed {
                        resp["error"] = json!("exit status 1");
                        st["error"] = json!("exit status 1");
                        timeline.push(json!({"timestamp": iso(run_start + dur), "event": "failed", "hostname": h, "error": "exit status 1"}));
                    } else {
                        resp["data"] = json!({"stdout": format!("{h}: ok")});
                        resp["changed"] = json!(op == "file.deploy");
                        timeline.push(json!({"timestamp": iso(run_start + dur), "event": "completed", "hostname": h, "message": "done"}));
                    }
                    responses.insert(h.to_string(), resp);
                    states.insert(h.to_string(), st);
                }
                if broadcast {
                    job.insert("responses".into(), Value::Object(responses));
                    job.insert("agent_states".into(), Value::Object(states));
                }
            }
            job.insert("timeline".into(), Value::Array(timeline));
        }
        Value::Object(job)
    }

    pub fn handle(&self, req: &SimRequest, now: i64) -> SimResponse {
        match req.path.as_str() {
            "/job" => self.list(req, now),
            p => match p.strip_prefix("/job/") {
                Some(id) if !id.contains('/') => {
                    if !is_uuid(id) {
                        return SimResponse::json(
                            400,
                            &json!({"error": "Invalid request parameters", "details": "id must be a UUID", "code": 400}),
                        );
                    }
                    match self
                        .world
                        .find(|a| Self::uuid(a) == id && a.created_ms <= now)
                    {
                        Some(a) => SimResponse::json(200, &Self::job_json(a, now, true)),
                        None => error(404, "job not found"),
                    }
                }
                _ => error(404, "Not Found"),
            },
        }
    }

    fn list(&self, req: &SimRequest, now: i64) -> SimResponse {
        let status = req.param("status").filter(|s| !s.is_empty());
        if let Some(s) = status {
            if !FILTERABLE.contains(&s) {
                return SimResponse::json(
                    400,
                    &json!({"error": "Invalid request parameters", "details": format!("status must be one of {}", FILTERABLE.join(", ")), "code": 400}),
                );
            }
        }
        let limit = match int_param(req, "limit", 10, 1, 100) {
            Ok(l) => l as usize,
            Err(e) => return e,
        };
        let offset = match int_param(req, "offset", 0, 0, i64::MAX / 1024) {
            Ok(o) => o as usize,
            Err(e) => return e,
        };
        // One pass over every job for the counts (osapi reports them on every list), keeping only
        // the page's own jobs, so that a world of a million jobs answers in milliseconds.
        let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
        let (mut matching, mut page) = (0usize, Vec::new());
        for a in self.world.newest_first(now) {
            let Some(p) = Self::state_at(a, now) else {
                continue;
            };
            *counts.entry(p.name()).or_default() += 1;
            if status.is_none_or(|s| s == p.name()) {
                if matching >= offset && page.len() < limit {
                    page.push(a);
                }
                matching += 1;
            }
        }
        let items: Vec<Value> = page.iter().map(|a| Self::job_json(a, now, false)).collect();
        let counts: Map<String, Value> = counts
            .into_iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
        let mut body = json!({"total_items": matching, "status_counts": if counts.is_empty() { Value::Null } else { Value::Object(counts) }});
        if !items.is_empty() {
            body["items"] = Value::Array(items);
        }
        SimResponse::json(200, &body)
    }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn go_durations_print_like_go() {
        assert_eq!(super::go_duration(340), "340ms");
        assert_eq!(super::go_duration(1500), "1.5s");
        assert_eq!(super::go_duration(123_400), "2m3.4s");
        assert_eq!(super::go_duration(3_723_000), "1h2m3s");
    }
}
