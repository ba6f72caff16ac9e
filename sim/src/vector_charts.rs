//! Vector Charts OEM Portal API jobs, as its docs print them: `{jobs, pagination}` newest first,
//! `limit` (default 25, capped at 200) and `offset`, `activeOnly`, epoch-millisecond times and
//! ISO-8601 log times. `legacy` answers the pre-pagination bare array of every job.

use crate::world::{phase_at, Arrival, Timeline, World};
use crate::{int_param, iso, SimRequest, SimResponse};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Pending => "pending",
            Phase::Running => "running",
            Phase::Completed => "completed",
            Phase::Failed => "failed",
            Phase::Cancelled => "cancelled",
        }
    }
}

pub struct VectorCharts {
    pub world: World,
    /// Answer as servers did before pagination existed.
    pub legacy: bool,
}

const TYPES: &[&str] = &[
    "refresh-public-charts",
    "clear-tiles",
    "vacuum-analyze",
    "user-upload",
    "ingest-file",
    "rebuild-index",
];
const STEPS: &[&str] = &[
    "step_download_noaa",
    "step_index_noaa",
    "step_render_tiles",
    "step_publish",
];

impl VectorCharts {
    pub fn new(world: World) -> Self {
        VectorCharts {
            world,
            legacy: false,
        }
    }

    fn timeline(a: &Arrival) -> Timeline<Phase> {
        let mut r = a.rng(1);
        let start = r.range(1_000, 30_000) as i64;
        if r.chance(5) {
            return vec![(0, Phase::Pending), (start, Phase::Cancelled)];
        }
        let end = start + r.range(10_000, 300_000) as i64;
        let outcome = match r.range(0, 100) {
            0..=74 => Phase::Completed,
            75..=91 => Phase::Failed,
            _ => Phase::Cancelled,
        };
        vec![(0, Phase::Pending), (start, Phase::Running), (end, outcome)]
    }

    pub fn uuid(a: &Arrival) -> String {
        a.rng(9).uuid()
    }

    pub fn state_at(a: &Arrival, now: i64) -> Option<Phase> {
        phase_at(a, &Self::timeline(a), now).map(|(p, _)| p)
    }

    fn job_json(&self, a: &Arrival, now: i64) -> Value {
        let tl = Self::timeline(a);
        let (phase, since) = phase_at(a, &tl, now).unwrap_or((Phase::Pending, a.created_ms));
        let mut r = a.rng(2);
        let job_type = *r.pick(TYPES);
        let parent = if job_type == "ingest-file" && a.index > 0 {
            self.world.get(a.index - 1).map(Self::uuid)
        } else {
            None
        };
        let run_start = tl.get(1).map(|(at, _)| a.created_ms + at);
        let run_end = tl.get(2).map(|(at, _)| a.created_ms + at);
        let percent = match (phase, run_start, run_end) {
            (Phase::Completed, _, _) => 100,
            (Phase::Running, Some(s), Some(e)) if e > s => ((now - s) * 100 / (e - s)).clamp(0, 99),
            (Phase::Failed | Phase::Cancelled, Some(s), Some(e)) if e > s => r.range(5, 95) as i64,
            _ => 0,
        };
        let mut logs = vec![
            json!({"timestamp": iso(a.created_ms), "type": "info", "message": format!("{job_type} queued")}),
        ];
        if let Some(s) = run_start.filter(|s| *s <= now) {
            logs.push(
                json!({"timestamp": iso(s), "type": "info", "message": "worker picked up the job"}),
            );
            if r.chance(25) {
                logs.push(json!({"timestamp": iso(s + 1_500), "type": "warning", "message": "source responded slowly; retrying step"}));
            }
        }
        if phase == Phase::Failed {
            logs.push(json!({"timestamp": iso(since), "type": "error", "message": "step_index_noaa failed: upstream returned 503"}));
        }
        let mut steps = Vec::new();
        if let (Some(s), Some(e)) = (run_start, run_end) {
            let n = r.range(1, 4) as i64;
            let slice = (e - s) / n;
            for i in 0..n {
                let (ss, se) = (s + i * slice, s + (i + 1) * slice);
                if ss > now {
                    break;
                }
                let done = se <= now;
                let failed = phase == Phase::Failed && i == n - 1;
                steps.push(json!({
                    "id": a.rng(100 + i as u64).uuid(), "jobId": Self::uuid(a), "stepName": STEPS[(i as usize) % STEPS.len()],
                    "status": if failed { "failed" } else if done { "completed" } else { "running" },
                    "startedAt": ss, "completedAt": if done || failed { json!(se.min(since.max(ss))) } else { Value::Null },
                    "result": Value::Null, "error": if failed { json!("upstream returned 503") } else { Value::Null },
                    "attempt": if failed { 3 } else { 1 },
                }));
            }
        }
        let terminal = matches!(phase, Phase::Completed | Phase::Failed | Phase::Cancelled);
        json!({
            "id": Self::uuid(a),
            "parentJobId": parent,
            "jobType": job_type,
            "jobState": phase.name(),
            "accountId": if job_type == "user-upload" || job_type == "ingest-file" { json!(format!("acct-{}", r.range(1, 40))) } else { Value::Null },
            "parameters": match job_type { "user-upload" | "ingest-file" => json!({"fileName": format!("survey-{}.gpkg", a.index)}), "clear-tiles" => json!({"layer": "bathymetry"}), _ => json!({}) },
            "result": if phase == Phase::Completed { json!({"tilesWritten": r.range(100, 90_000)}) } else { Value::Null },
            "logs": logs,
            "percentComplete": percent,
            "priority": r.range(0, 3),
            "createdAt": a.created_ms,
            "updatedAt": if terminal || phase == Phase::Running { since.max(a.created_ms) } else { a.created_ms },
            "steps": steps,
        })
    }

    pub fn handle(&self, req: &SimRequest, now: i64) -> SimResponse {
        match req.path.as_str() {
            "/api/portal/v1/jobs" => self.list(req, now),
            "/api/portal/v1/jobs/getJobStatus" => {
                let active = self
                    .world
                    .newest_first(now)
                    .filter(|a| {
                        matches!(
                            Self::state_at(a, now),
                            Some(Phase::Pending | Phase::Running)
                        )
                    })
                    .count();
                SimResponse::json(
                    200,
                    &json!({"activeJobs": active, "isEditable": active == 0}),
                )
            }
            _ => crate::error(404, "Not Found"),
        }
    }

    fn list(&self, req: &SimRequest, now: i64) -> SimResponse {
        let active_only = req.param("activeOnly") == Some("true");
        let matching = self.world.newest_first(now).filter(|a| {
            !active_only
                || matches!(
                    Self::state_at(a, now),
                    Some(Phase::Pending | Phase::Running)
                )
        });
        if self.legacy {
            let all: Vec<Value> = matching.map(|a| self.job_json(a, now)).collect();
            return SimResponse::json(200, &Value::Array(all));
        }
        let limit = match int_param(req, "limit", 25, 1, i64::MAX / 1024) {
            Ok(l) => l.min(200) as usize,
            Err(e) => return e,
        };
        let offset = match int_param(req, "offset", 0, 0, i64::MAX / 1024) {
            Ok(o) => o as usize,
            Err(e) => return e,
        };
        let matching: Vec<&Arrival> = matching.collect();
        let jobs: Vec<Value> = matching
            .iter()
            .skip(offset)
            .take(limit)
            .map(|a| self.job_json(a, now))
            .collect();
        SimResponse::json(
            200,
            &json!({"jobs": jobs, "pagination": {"limit": limit, "offset": offset, "total": matching.len()}}),
        )
    }
}
