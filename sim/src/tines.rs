//! Tines admin jobs, as tines.com documents them: four lists keyed `"admin/<kind>_jobs"`, 1-based
//! `page`/`per_page` (max 500), `meta` with full URLs on the tenant's host.

use crate::world::{phase_at, Arrival, Timeline, World};
use crate::{int_param, SimRequest, SimResponse};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Queued,
    InProgress,
    Retry,
    Dead,
    /// Finished: gone from every admin list.
    Done,
}

/// What the `meta` block says about totals, as tenants differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaStyle {
    /// Newer tenants: real `count`/`pages` and `next_page_number`.
    Counted,
    /// As the docs' samples: `pages: 0, count: 0` beside a non-null `next_page`.
    Zero,
    /// No `meta` at all.
    Absent,
}

pub struct Tines {
    pub world: World,
    pub meta_style: MetaStyle,
    /// The host the tenant believes it is on; `meta` URLs point there (never to be followed).
    pub tenant_url: String,
}

const TYPES: &[&str] = &[
    "AgentReceiveJob",
    "AgentReceiveJob",
    "AgentReceiveJob",
    "CredentialRefreshJob",
    "AgentCheckJob",
    "AgentRunScheduleJob",
];
const ERRORS: &[&str] = &[
    "ArgumentError",
    "Timeout::Error",
    "Net::ReadTimeout",
    "JSON::ParserError",
    "ActiveRecord::RecordNotFound",
];
const ACTIONS: &[&str] = &[
    "Fetch alerts",
    "Enrich IP",
    "Create ticket",
    "Post to Slack",
    "Triage phishing",
    "Sync users",
];

impl Tines {
    pub fn new(world: World) -> Self {
        Tines {
            world,
            meta_style: MetaStyle::Counted,
            tenant_url: "https://tenant.tines.example".into(),
        }
    }

    fn timeline(a: &Arrival) -> Timeline<Phase> {
        let mut r = a.rng(1);
        let mut t = vec![(0, Phase::Queued)];
        let mut at = r.range(1_000, 40_000) as i64;
        t.push((at, Phase::InProgress));
        at += r.range(2_000, 90_000) as i64;
        if r.chance(30) {
            // Fails, then retries a few times; some end dead.
            let retries = r.range(1, 4);
            for _ in 0..retries {
                t.push((at, Phase::Retry));
                at += r.range(20_000, 240_000) as i64;
                t.push((at, Phase::InProgress));
                at += r.range(2_000, 30_000) as i64;
            }
            t.push((
                at,
                if r.chance(50) {
                    Phase::Dead
                } else {
                    Phase::Done
                },
            ));
        } else {
            t.push((at, Phase::Done));
        }
        t
    }

    /// Jobs of one list, newest first, with the time they entered that phase.
    fn list(&self, phase: Phase, now: i64) -> Vec<(&Arrival, i64)> {
        self.world
            .newest_first(now)
            .filter_map(|a| match phase_at(a, &Self::timeline(a), now) {
                Some((p, since)) if p == phase => Some((a, since)),
                _ => None,
            })
            .collect()
    }

    fn job_json(a: &Arrival, phase: Phase, since: i64, now: i64) -> Value {
        let mut r = a.rng(2);
        let job_type = *r.pick(TYPES);
        let mut job = json!({"id": 1000 + a.index, "type": job_type});
        // `agent` is a {id, name} hash for AgentReceiveJob, a bare action id for
        // CredentialRefreshJob, and absent otherwise.
        let action_id = r.range(1, 60);
        match job_type {
            "AgentReceiveJob" => job["agent"] = json!({"id": action_id, "name": r.pick(ACTIONS)}),
            "CredentialRefreshJob" => job["agent"] = json!(action_id),
            _ => {}
        }
        if job_type != "CredentialRefreshJob" {
            job["events"] = json!(r.range(1, 5000));
        }
        match phase {
            Phase::InProgress => job["started_at"] = json!(since as f64 / 1000.0 + 0.000_123),
            _ => {
                let retries = phase_retry_count(a, now);
                job["retry_count"] = json!(retries);
                job["last_retry"] = if retries == 0 {
                    json!("")
                } else {
                    json!(since as f64 / 1000.0 + 0.000_456)
                };
                job["error_class"] = json!(if phase == Phase::Queued && retries == 0 {
                    ""
                } else {
                    r.pick(ERRORS)
                });
            }
        }
        job
    }

    pub fn handle(&self, req: &SimRequest, now: i64) -> SimResponse {
        let kind = req
            .path
            .strip_prefix("/api/v1/admin/")
            .and_then(|p| p.strip_suffix("_jobs"));
        let phase = match kind {
            Some("in_progress") => Phase::InProgress,
            Some("queued") => Phase::Queued,
            Some("retry") => Phase::Retry,
            Some("dead") => Phase::Dead,
            _ => return crate::error(404, "Not Found"),
        };
        let kind = kind.unwrap_or_default();
        let page = match int_param(req, "page", 1, 1, i64::MAX / 1024) {
            Ok(p) => p as u64,
            Err(e) => return e,
        };
        let per_page = match int_param(req, "per_page", 20, 1, i64::MAX / 1024) {
            Ok(p) => (p as u64).min(500),
            Err(e) => return e,
        };
        let all = self.list(phase, now);
        let count = all.len() as u64;
        let pages = count.div_ceil(per_page);
        let start = ((page - 1).saturating_mul(per_page)).min(count) as usize;
        let jobs: Vec<Value> = all
            .iter()
            .skip(start)
            .take(per_page as usize)
            .map(|(a, since)| Self::job_json(a, phase, *since, now))
            .collect();
        let url = |p: u64| {
            format!(
                "{}/api/v1/admin/{kind}_jobs?page={p}&per_page={per_page}",
                self.tenant_url
            )
        };
        let has_next = page < pages;
        let key = format!("admin/{kind}_jobs");
        let mut body = json!({ key: jobs });
        match self.meta_style {
            MetaStyle::Absent => {}
            MetaStyle::Counted => {
                body["meta"] = json!({
                    "current_page": url(page),
                    "previous_page": if page > 1 { json!(url(page - 1)) } else { Value::Null },
                    "next_page": if has_next { json!(url(page + 1)) } else { Value::Null },
                    "next_page_number": if has_next { json!(page + 1) } else { Value::Null },
                    "per_page": per_page, "pages": pages, "count": count,
                });
            }
            MetaStyle::Zero => {
                body["meta"] = json!({
                    "current_page": url(page),
                    "previous_page": if page > 1 { json!(url(page - 1)) } else { Value::Null },
                    "next_page": url(page + 1),
                    "per_page": per_page, "pages": 0, "count": 0,
                });
            }
        }
        SimResponse::json(200, &body)
    }
}

/// How many times a job has gone into retry by `now`.
fn phase_retry_count(a: &Arrival, now: i64) -> u64 {
    let age = now - a.created_ms;
    Tines::timeline(a)
        .iter()
        .filter(|(at, p)| *p == Phase::Retry && *at <= age)
        .count() as u64
}
