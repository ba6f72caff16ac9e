#![recursion_limit = "256"]
//! jobdeck-sim: answers the four vendors' job APIs from living in-memory worlds.
//!
//! It is sans-IO (`Sim::handle(request, now_ms) -> response`), so the same code serves the native
//! server (`--features server`) and the in-browser demo (compiled to wasm32, no tokio). Each
//! vendor's JSON is written here from the vendor docs, independently of jobdeck-core's parsers,
//! so the two check each other.

pub mod cluedin;
pub mod faults;
pub mod osapi;
pub mod tines;
pub mod vector_charts;
pub mod world;

#[cfg(feature = "server")]
pub mod server;

pub use faults::Fault;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A request as the simulator sees it: path without the query, decoded query pairs.
#[derive(Clone, Debug, Default)]
pub struct SimRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
}

impl SimRequest {
    /// Builds a request from `path?query`.
    pub fn new(method: &str, path_and_query: &str, headers: Vec<(String, String)>) -> Self {
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect();
        let headers = headers
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
        SimRequest {
            method: method.to_ascii_uppercase(),
            path: decode(path),
            query,
            headers,
        }
    }

    pub fn get(path_and_query: &str) -> Self {
        Self::new("GET", path_and_query, Vec::new())
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Percent-decoding (and `+` as space) for query strings.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match bytes
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
            {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// How long the transport should wait before answering (injected latency).
    pub delay_ms: u64,
    /// The transport should send only this many body bytes, then stall (injected fault).
    pub stall_after: Option<usize>,
}

impl SimResponse {
    pub fn json(status: u16, body: &Value) -> Self {
        SimResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
            delay_ms: 0,
            stall_after: None,
        }
    }

    pub fn empty(status: u16) -> Self {
        SimResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay_ms: 0,
            stall_after: None,
        }
    }

    pub fn text(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        SimResponse {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            delay_ms: 0,
            stall_after: None,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// The four sources a sim serves, by the id (and path prefix) they are served under.
pub const SOURCE_IDS: [&str; 4] = ["tines", "charts", "osapi", "cluedin"];

/// Sizes, tokens and the seed of a simulator.
#[derive(Clone, Debug)]
pub struct SimConfig {
    pub seed: u64,
    /// Jobs already in each world at start.
    pub initial_jobs: u64,
    /// One new job per world this often (0 = none).
    pub arrival_every_ms: i64,
    /// Token per source id; a source without one accepts any request.
    pub tokens: BTreeMap<String, String>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 42,
            initial_jobs: 120,
            arrival_every_ms: 15_000,
            tokens: default_tokens(),
        }
    }
}

/// The tokens of the demo configuration (`<id>-token`).
pub fn default_tokens() -> BTreeMap<String, String> {
    SOURCE_IDS
        .iter()
        .map(|id| (id.to_string(), format!("{id}-token")))
        .collect()
}

pub struct Sim {
    pub tines: tines::Tines,
    pub charts: vector_charts::VectorCharts,
    pub osapi: osapi::Osapi,
    pub cluedin: cluedin::Cluedin,
    tokens: BTreeMap<String, String>,
    faults: BTreeMap<String, Fault>,
    requests: BTreeMap<String, u64>,
}

impl Sim {
    pub fn new(config: SimConfig, start_ms: i64) -> Self {
        let world = |salt: u64, spacing: i64| {
            world::World::new(
                world::WorldConfig {
                    seed: config.seed ^ salt,
                    initial_jobs: config.initial_jobs,
                    past_spacing_ms: spacing,
                    arrival_every_ms: config.arrival_every_ms,
                },
                start_ms,
            )
        };
        Sim {
            tines: tines::Tines::new(world(1, 20_000)),
            charts: vector_charts::VectorCharts::new(world(2, 60_000)),
            osapi: osapi::Osapi::new(world(3, 30_000)),
            cluedin: cluedin::Cluedin::new(world(4, 45_000)),
            tokens: config.tokens,
            faults: BTreeMap::new(),
            requests: BTreeMap::new(),
        }
    }

    /// The sources.json that points jobdeck at this sim served on the same origin.
    pub fn sources_json(&self, refresh_seconds: u32) -> Value {
        let kinds = [
            ("tines", "tines", "Tines (simulated)"),
            ("charts", "vector-charts", "Vector Charts (simulated)"),
            ("osapi", "osapi", "osapi (simulated)"),
            ("cluedin", "cluedin", "CluedIn (simulated)"),
        ];
        let sources: Vec<Value> = kinds
            .iter()
            .map(|(id, kind, name)| {
                let mut s =
                    json!({"id": id, "name": name, "kind": kind, "base_url": format!("/{id}")});
                if let Some(t) = self.tokens.get(*id) {
                    s["token"] = json!(t);
                }
                s
            })
            .collect();
        json!({"refresh_seconds": refresh_seconds, "sources": sources})
    }

    pub fn set_fault(&mut self, source: &str, fault: Option<Fault>) {
        match fault {
            Some(f) => self.faults.insert(source.to_string(), f),
            None => self.faults.remove(source),
        };
    }

    /// Brings every world's arrivals up to `now_ms`.
    pub fn advance(&mut self, now_ms: i64) {
        self.tines.world.advance(now_ms);
        self.charts.world.advance(now_ms);
        self.osapi.world.advance(now_ms);
        self.cluedin.world.advance(now_ms);
    }

    /// Requests each source has answered (including refused ones), for tests and benchmarks.
    pub fn request_count(&self, source: &str) -> u64 {
        self.requests.get(source).copied().unwrap_or(0)
    }

    /// Answers one request at `now_ms` (milliseconds since the Unix epoch).
    pub fn handle(&mut self, req: &SimRequest, now_ms: i64) -> SimResponse {
        self.advance(now_ms);
        let mut resp = self.route(req, now_ms);
        resp.headers.extend(cors_headers());
        resp
    }

    fn route(&mut self, req: &SimRequest, now_ms: i64) -> SimResponse {
        if req.method == "OPTIONS" {
            return SimResponse::empty(204);
        }
        if let Some(rest) = req.path.strip_prefix("/_sim/") {
            return self.control(rest, req, now_ms);
        }
        let Some((source, rest)) = SOURCE_IDS.iter().find_map(|id| {
            let rest = req.path.strip_prefix('/')?.strip_prefix(id)?;
            (rest.is_empty() || rest.starts_with('/')).then_some((*id, rest))
        }) else {
            return error(404, "no such API on this simulator");
        };
        *self.requests.entry(source.to_string()).or_default() += 1;
        if let Some(fault) = self.faults.get(source).cloned() {
            if let Some(resp) = fault.respond() {
                return resp;
            }
            let mut resp = if fault.body == Some(faults::BadBody::Hostile) {
                hostile_answer(rest)
            } else {
                self.answer(source, rest, req, now_ms)
            };
            resp.delay_ms = fault.latency_ms;
            if fault.stall {
                resp.stall_after = Some(resp.body.len() / 2);
            }
            return resp;
        }
        self.answer(source, rest, req, now_ms)
    }

    fn answer(&mut self, source: &str, rest: &str, req: &SimRequest, now_ms: i64) -> SimResponse {
        if let Some(denied) = self.check_auth(source, req) {
            return denied;
        }
        if req.method != "GET" {
            return error(405, "method not allowed");
        }
        let sub = SimRequest {
            path: rest.to_string(),
            ..req.clone()
        };
        match source {
            "tines" => self.tines.handle(&sub, now_ms),
            "charts" => self.charts.handle(&sub, now_ms),
            "osapi" => self.osapi.handle(&sub, now_ms),
            _ => self.cluedin.handle(&sub, now_ms),
        }
    }

    /// Bearer auth as each vendor documents it (older Tines tenants: `x-user-token`); osapi
    /// tells a valid token without `job:read` (`<token>-noread`) apart with 403.
    fn check_auth(&self, source: &str, req: &SimRequest) -> Option<SimResponse> {
        let want = self.tokens.get(source)?;
        let bearer = req
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        let given = bearer.or_else(|| {
            (source == "tines")
                .then(|| req.header("x-user-token"))
                .flatten()
        });
        match given {
            Some(t) if t == want => None,
            Some(t) if source == "osapi" && t == format!("{want}-noread") => {
                Some(error(403, "Forbidden - Insufficient permissions"))
            }
            _ => Some(match source {
                "osapi" => error(401, "Unauthorized - API key required"),
                _ => error(401, "Unauthorized"),
            }),
        }
    }

    /// `/_sim/fault/<source>?...` sets or clears a fault; `/_sim/add/<source>?n=` adds jobs now;
    /// `/_sim/requests/<source>` tells how many requests a source answered.
    fn control(&mut self, rest: &str, req: &SimRequest, now_ms: i64) -> SimResponse {
        let (verb, source) = rest.split_once('/').unwrap_or((rest, ""));
        if !SOURCE_IDS.contains(&source) {
            return error(404, "unknown source");
        }
        match verb {
            "fault" => {
                let fault = if req.method == "DELETE" || req.param("clear").is_some() {
                    Ok(None)
                } else {
                    Fault::from_query(&req.query)
                };
                match fault {
                    Ok(None) => {
                        self.set_fault(source, None);
                        SimResponse::json(200, &json!({"fault": null}))
                    }
                    Ok(Some(f)) => {
                        let described = f.describe();
                        self.set_fault(source, Some(f));
                        SimResponse::json(200, &json!({"fault": described}))
                    }
                    Err(e) => error(400, &e),
                }
            }
            "add" => {
                let n = req
                    .param("n")
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(1)
                    .min(100_000);
                match source {
                    "tines" => self.tines.world.add_now(n, now_ms),
                    "charts" => self.charts.world.add_now(n, now_ms),
                    "osapi" => self.osapi.world.add_now(n, now_ms),
                    _ => self.cluedin.world.add_now(n, now_ms),
                }
                SimResponse::json(200, &json!({"added": n}))
            }
            "requests" => SimResponse::json(200, &json!({"requests": self.request_count(source)})),
            _ => error(404, "unknown control"),
        }
    }
}

/// Strings a job system might hand back that must stay inert text on the page.
pub const HOSTILE_STRINGS: [&str; 5] = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "javascript:window.__pwned = 'url'",
    "\u{202E}gnp.exe \u{2066}rtl override\u{2069}",
    "<a href=\"javascript:window.__pwned='link'\">click</a>",
];

/// A well-formed osapi answer (list or one job) full of hostile strings, for every vendor path.
fn hostile_answer(path: &str) -> SimResponse {
    let long = "A".repeat(100_000);
    let job = |i: usize| {
        json!({
            "id": format!("00000000-0000-4000-8000-00000000000{i}"),
            "status": "failed",
            "created": "2026-01-01T00:00:00Z",
            "operation": {"type": HOSTILE_STRINGS[i % 5], "data": {"cmd": HOSTILE_STRINGS[(i + 1) % 5]}},
            "error": if i == 0 { long.clone() } else { HOSTILE_STRINGS[(i + 2) % 5].to_string() },
            "hostname": HOSTILE_STRINGS[(i + 3) % 5],
            "result": {"html": HOSTILE_STRINGS[(i + 4) % 5]},
            "timeline": [{"timestamp": "2026-01-01T00:00:01Z", "event": "failed", "hostname": HOSTILE_STRINGS[i % 5], "message": HOSTILE_STRINGS[(i + 1) % 5], "error": long.clone()}],
            "responses": {HOSTILE_STRINGS[2]: {"status": "failed", "error": HOSTILE_STRINGS[0], "data": HOSTILE_STRINGS[1]}},
            "agent_states": {HOSTILE_STRINGS[2]: {"status": "failed", "duration": "1s", "error": HOSTILE_STRINGS[1]}},
        })
    };
    if path.starts_with("/job/") {
        return SimResponse::json(200, &job(0));
    }
    let items: Vec<Value> = (0..5).map(job).collect();
    SimResponse::json(
        200,
        &json!({"total_items": 5, "status_counts": {"failed": 5, HOSTILE_STRINGS[0]: 1}, "items": items}),
    )
}

fn cors_headers() -> Vec<(String, String)> {
    vec![
        ("access-control-allow-origin".into(), "*".into()),
        (
            "access-control-allow-headers".into(),
            "authorization, x-user-token, content-type".into(),
        ),
        ("access-control-allow-methods".into(), "GET, OPTIONS".into()),
        ("access-control-expose-headers".into(), "retry-after".into()),
    ]
}

/// A JSON error body in the common `{error, details?, code}` form.
pub fn error(status: u16, message: &str) -> SimResponse {
    SimResponse::json(status, &json!({"error": message, "code": status}))
}

/// An integer query parameter within `min..=max`, or a 400 naming it.
pub fn int_param(
    req: &SimRequest,
    name: &str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, SimResponse> {
    match req.param(name) {
        None | Some("") => Ok(default),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(error(
                400,
                &format!(
                    "Invalid request parameters: {name} must be an integer from {min} to {max}"
                ),
            )),
        },
    }
}

/// RFC 3339 in UTC with milliseconds.
pub fn iso(ms: i64) -> String {
    iso_with(ms, 3, "Z")
}

/// RFC 3339 with `digits` fractional digits and a suffix (`Z`, `+02:00`, or `` for none).
pub fn iso_with(ms: i64, digits: usize, suffix: &str) -> String {
    let secs = ms.div_euclid(1000);
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let frac = format!("{:03}", ms.rem_euclid(1000));
    let frac = match digits {
        0 => String::new(),
        n => format!(
            ".{}",
            format!("{frac}{}", "0".repeat(n.saturating_sub(3)))
                .chars()
                .take(n)
                .collect::<String>()
        ),
    };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{frac}{suffix}",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_formats() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            iso_with(1_736_942_400_123, 7, ""),
            "2025-01-15T12:00:00.1230000"
        );
        assert_eq!(iso_with(1_736_942_400_123, 0, "Z"), "2025-01-15T12:00:00Z");
    }

    #[test]
    fn requests_decode_their_query() {
        let r = SimRequest::get("/osapi/job?status=partial_failure&x=a%20b+c&bad=%zz");
        assert_eq!(r.path, "/osapi/job");
        assert_eq!(r.param("status"), Some("partial_failure"));
        assert_eq!(r.param("x"), Some("a b c"));
        assert_eq!(r.param("bad"), Some("%zz"));
    }
}
