//! CluedIn agent jobs (CluedIn docs, Development > Agent Jobs): GET /api/v1/jobs without a query gives the five dashboard
//! counts; with `page` (ZERO-based), `take`, `state`, `configurationId` it pages the jobs;
//! GET /api/v1/jobrun?id= gives the flat job-run record. CluedIn publishes no response schema,
//! so this sim answers the way a .NET server does by default: PascalCase keys, state names,
//! seven-digit fractions without an offset, TimeSpan strings, a list wrapped with its total.

use crate::world::{phase_at, Arrival, Rng, Timeline, World};
use crate::{error, int_param, iso_with, SimRequest, SimResponse};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Queued,
    Executing,
    ExecutionCompleted,
    Cancelling,
    Completed,
    Cancelled,
    Failed,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Queued => "Queued",
            Phase::Executing => "Executing",
            Phase::ExecutionCompleted => "ExecutionCompleted",
            Phase::Cancelling => "Cancelling",
            Phase::Completed => "Completed",
            Phase::Cancelled => "Cancelled",
            Phase::Failed => "Failed",
        }
    }
}

const STATE_NAMES: &[(&str, i64)] = &[
    ("Unknown", 0),
    ("Queued", 10),
    ("Executing", 20),
    ("ExecutionCompleted", 30),
    ("Cancelling", 40),
    ("Submitting", 50),
    ("Completed", 60),
    ("Cancelled", 70),
    ("Failed", 80),
];
const COMPONENTS: &[&str] = &[
    "HubSpotCrawler",
    "SalesforceCrawler",
    "SharePointCrawler",
    "DynamicsCrawler",
    "ZendeskCrawler",
];

pub struct Cluedin {
    pub world: World,
    /// The provider definitions jobs belong to (the configurationId filter).
    pub configurations: Vec<String>,
}

/// .NET `TimeSpan.ToString()`: `00:01:02.3450000`, `1.02:03:04`.
pub fn timespan(ms: i64) -> String {
    let (d, h, m, s, frac) = (
        ms / 86_400_000,
        ms % 86_400_000 / 3_600_000,
        ms % 3_600_000 / 60_000,
        ms % 60_000 / 1000,
        ms % 1000,
    );
    let day = if d > 0 {
        format!("{d}.")
    } else {
        String::new()
    };
    let frac = if frac > 0 {
        format!(".{:03}0000", frac)
    } else {
        String::new()
    };
    format!("{day}{h:02}:{m:02}:{s:02}{frac}")
}

/// .NET's default DateTime form: seven fraction digits, no offset.
fn date(ms: i64) -> Value {
    json!(iso_with(ms, 7, ""))
}

impl Cluedin {
    pub fn new(world: World) -> Self {
        let mut r = Rng::new(0xC1);
        Cluedin {
            world,
            configurations: (0..4).map(|_| r.uuid()).collect(),
        }
    }

    fn timeline(a: &Arrival) -> Timeline<Phase> {
        let mut r = a.rng(1);
        let start = r.range(2_000, 60_000) as i64;
        if r.chance(4) {
            return vec![
                (0, Phase::Queued),
                (start, Phase::Cancelling),
                (start + 3_000, Phase::Cancelled),
            ];
        }
        let exec_end = start + r.range(20_000, 400_000) as i64;
        let outcome = match r.range(0, 100) {
            0..=77 => Phase::Completed,
            78..=93 => Phase::Failed,
            _ => Phase::Cancelled,
        };
        if outcome == Phase::Cancelled {
            return vec![
                (0, Phase::Queued),
                (start, Phase::Executing),
                (exec_end, Phase::Cancelling),
                (exec_end + 4_000, Phase::Cancelled),
            ];
        }
        vec![
            (0, Phase::Queued),
            (start, Phase::Executing),
            (exec_end, Phase::ExecutionCompleted),
            (exec_end + r.range(2_000, 20_000) as i64, outcome),
        ]
    }

    fn state_at(a: &Arrival, now: i64) -> Option<Phase> {
        phase_at(a, &Self::timeline(a), now).map(|(p, _)| p)
    }

    pub fn job_id(a: &Arrival) -> String {
        a.rng(9).uuid()
    }

    fn configuration(&self, a: &Arrival) -> &str {
        let i = (a.rng(3).next_u64() % self.configurations.len().max(1) as u64) as usize;
        self.configurations.get(i).map_or("", String::as_str)
    }

    /// A row of the jobs list (an IAgentJob).
    fn job_json(&self, a: &Arrival, now: i64) -> Value {
        let phase = Self::state_at(a, now).unwrap_or(Phase::Queued);
        let mut r = a.rng(2);
        json!({
            "Id": Self::job_id(a),
            "State": phase.name(),
            "ComponentName": r.pick(COMPONENTS),
            "CreatedDate": date(a.created_ms),
            "ConfigurationId": self.configuration(a),
            "AgentId": a.rng(4).uuid(),
            "CurrentJobRunId": a.rng(5).uuid(),
            "JobType": 1,
            "Priority": r.range(0, 3) * 2,
        })
    }

    /// The flat job-run record of CluedIn's Agent Jobs page.
    fn job_run_json(&self, a: &Arrival, now: i64) -> Value {
        let tl = Self::timeline(a);
        let (phase, since) = phase_at(a, &tl, now).unwrap_or((Phase::Queued, a.created_ms));
        let start = tl
            .get(1)
            .map(|(at, _)| a.created_ms + at)
            .filter(|s| *s <= now);
        let exec_end_at = tl.get(2).map(|(at, _)| a.created_ms + at);
        let ended = exec_end_at.filter(|e| *e <= now);
        let mut r = a.rng(6);
        let expected = r.range(20, 400);
        let progress = match (start, exec_end_at) {
            (Some(s), Some(e)) if e > s => {
                ((now.min(e) - s) as f64 / (e - s) as f64).clamp(0.0, 1.0)
            }
            _ => 0.0,
        };
        let progress = if phase == Phase::Completed {
            1.0
        } else {
            progress
        };
        let tasks = (expected as f64 * progress) as u64;
        let failed_tasks = if phase == Phase::Failed {
            (tasks / 8).max(1)
        } else {
            tasks / 50
        };
        let queued_tasks = if ended.is_some() {
            0
        } else {
            (expected - tasks).min(12)
        };
        let clues = tasks * r.range(10, 40);
        let clues_failed = clues / 100;
        let proc_start = start.map(|s| s + 1_500);
        let proc_done = matches!(phase, Phase::Completed | Phase::Failed | Phase::Cancelled);
        let received = clues.saturating_sub(clues_failed);
        let proc_failed = received / 120;
        let skipped = received / 60;
        let exists = received / 30;
        let uptodate = received / 20;
        let ignored = received / 200;
        let proc_completed =
            received.saturating_sub(proc_failed + skipped + exists + uptodate + ignored);
        let success = match phase {
            Phase::Completed => json!(true),
            Phase::Failed | Phase::Cancelled => json!(false),
            _ => Value::Null,
        };
        let message = match phase {
            Phase::Failed => json!(format!(
                "{} failed: provider returned 429 Too Many Requests",
                r.pick(COMPONENTS)
            )),
            Phase::Cancelled => json!("Cancelled by user"),
            Phase::Completed => json!("Completed successfully"),
            _ => Value::Null,
        };
        json!({
            "Id": a.rng(5).uuid(),
            "JobId": Self::job_id(a),
            "AgentId": a.rng(4).uuid(),
            "AgentKey": a.rng(7).uuid(),
            "ConfigurationId": self.configuration(a),
            "ComponentName": a.rng(2).pick(COMPONENTS),
            "UpdateDate": date(since),
            "AgentResultIsSuccess": success,
            "AgentResultIsCancellationRequested": matches!(phase, Phase::Cancelling | Phase::Cancelled),
            "AgentResultMessage": message,
            "AgentState": phase.name(),
            "AgentQueuedDate": date(a.created_ms),
            "AgentStartTime": start.map_or(Value::Null, date),
            "AgentEndTime": ended.map_or(Value::Null, date),
            "AgentElapsedQueuedTime": start.map_or(Value::Null, |s| json!(timespan(s - a.created_ms))),
            "AgentElapsedExecutionTime": start.map_or(Value::Null, |s| json!(timespan(ended.unwrap_or(now) - s))),
            "AgentPercentCompleted": (progress * 100.0).round() as i64,
            "AgentLastSubmittedDate": start.map_or(Value::Null, |s| date(ended.unwrap_or(now).max(s))),
            "AgentExpectedTasksCount": expected,
            "AgentTasksCount": tasks + queued_tasks,
            "AgentTasksQueuedCount": queued_tasks,
            "AgentTasksCompletedCount": tasks.saturating_sub(failed_tasks),
            "AgentTasksFailedCount": failed_tasks,
            "AgentCluesCount": clues,
            "AgentCluesQueuedCount": if ended.is_some() { 0 } else { clues / 20 },
            "AgentCluesCompletedCount": received,
            "AgentCluesFailedCount": clues_failed,
            "ProcessingState": if proc_done { 3 } else if proc_start.is_some() { 2 } else { 1 },
            "ProcessingQueuedDate": start.map_or(Value::Null, |s| date(s + 500)),
            "ProcessingStartTime": proc_start.filter(|p| *p <= now).map_or(Value::Null, date),
            "ProcessingEndTime": if proc_done { date(since) } else { Value::Null },
            "ProcessingTasksCount": received,
            "ProcessingTasksQueuedCount": if proc_done { 0 } else { received / 25 },
            "ProcessingTasksCompletedCount": proc_completed,
            "ProcessingTasksFailedCount": proc_failed,
            "ProcessingTasksSkippedCount": skipped,
            "ProcessingTaskRetriesCount": proc_failed * 2,
            "ProcessingTasksAlreadyExistsCount": exists,
            "ProcessingTasksAlreadyUpToDateCount": uptodate,
            "ProcessingTasksIgnoredCount": ignored,
            "ProcessingTasksReceivedPayloadsCount": tasks,
            "ProcessingTasksReceivedCluesCount": received,
            "ProcessingTasksReceivedLogLinesCount": tasks * 7,
            "ProcessingUpdatedDate": date(since),
        })
    }

    fn counts(&self, now: i64) -> [(&'static str, u64); 5] {
        let mut c = [
            ("completed", 0u64),
            ("executing", 0),
            ("failed", 0),
            ("queued", 0),
            ("cancelled", 0),
        ];
        for a in self.world.newest_first(now) {
            let key = match Self::state_at(a, now) {
                Some(Phase::Completed) => 0,
                Some(Phase::Executing) => 1,
                Some(Phase::Failed) => 2,
                Some(Phase::Queued) => 3,
                Some(Phase::Cancelled) => 4,
                _ => continue,
            };
            c[key].1 += 1;
        }
        c
    }

    pub fn handle(&self, req: &SimRequest, now: i64) -> SimResponse {
        match req.path.as_str() {
            "/api/v1/jobs" if req.query.is_empty() => {
                let body: serde_json::Map<String, Value> = self
                    .counts(now)
                    .iter()
                    .map(|(k, v)| (k.to_string(), json!(v)))
                    .collect();
                SimResponse::json(200, &Value::Object(body))
            }
            "/api/v1/jobstatecount" => {
                let rows: Vec<Value> = self
                    .counts(now)
                    .iter()
                    .map(|(k, v)| json!({"State": k, "Count": v}))
                    .collect();
                SimResponse::json(200, &Value::Array(rows))
            }
            "/api/v1/jobs" => self.list(req, now),
            "/api/v1/jobs/executing" => {
                let rows: Vec<Value> = self
                    .world
                    .newest_first(now)
                    .filter(|a| Self::state_at(a, now) == Some(Phase::Executing))
                    .map(|a| self.job_json(a, now))
                    .collect();
                SimResponse::json(200, &Value::Array(rows))
            }
            "/api/v1/jobrun" => {
                let Some(id) = req.param("id").filter(|s| !s.is_empty()) else {
                    return error(400, "The id field is required.");
                };
                match self
                    .world
                    .find(|a| a.created_ms <= now && Self::job_id(a).eq_ignore_ascii_case(id))
                {
                    Some(a) => SimResponse::json(200, &self.job_run_json(a, now)),
                    None => error(404, "Job run not found"),
                }
            }
            _ => error(404, "Not Found"),
        }
    }

    fn list(&self, req: &SimRequest, now: i64) -> SimResponse {
        let page = match int_param(req, "page", 0, 0, i64::MAX / 1024) {
            Ok(p) => p as usize,
            Err(e) => return e,
        };
        let take = match int_param(req, "take", 20, 1, 1000) {
            Ok(t) => t as usize,
            Err(e) => return e,
        };
        let state = match req.param("state").filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match STATE_NAMES
                .iter()
                .find(|(name, n)| name.eq_ignore_ascii_case(s) || n.to_string() == s)
            {
                Some((name, _)) => Some(*name),
                None => return error(400, &format!("The value '{s}' is not valid for state.")),
            },
        };
        let config = req.param("configurationId").filter(|s| !s.is_empty());
        if config.is_some_and(|c| c.len() != 36) {
            return error(400, "The value is not valid for configurationId.");
        }
        let matching: Vec<&Arrival> = self
            .world
            .newest_first(now)
            .filter(|a| state.is_none_or(|s| Self::state_at(a, now).map(Phase::name) == Some(s)))
            .filter(|a| config.is_none_or(|c| self.configuration(a).eq_ignore_ascii_case(c)))
            .collect();
        let items: Vec<Value> = matching
            .iter()
            .skip(page.saturating_mul(take))
            .take(take)
            .map(|a| self.job_json(a, now))
            .collect();
        SimResponse::json(200, &json!({"Items": items, "Total": matching.len()}))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn timespans_print_like_dotnet() {
        assert_eq!(super::timespan(62_345), "00:01:02.3450000");
        assert_eq!(super::timespan(93_784_000), "1.02:03:04");
    }
}
