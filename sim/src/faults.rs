//! Fault injection per source, for error tests, the soak run and demos of failure.

use crate::{error, SimResponse};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fault {
    /// Answer with this status (401, 403, 404, 500, 502, 503 ...).
    pub status: Option<u16>,
    /// Answer 429 with this Retry-After.
    pub retry_after: Option<u64>,
    /// Answer 200 with a broken body.
    pub body: Option<BadBody>,
    /// Delay every answer (a long one makes the client time out).
    pub latency_ms: u64,
    /// Send the headers and half the body, then nothing more.
    pub stall: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadBody {
    /// An HTML error page, as a proxy sends.
    Html,
    /// JSON cut off halfway.
    Malformed,
    /// Valid JSON of the wrong shape.
    WrongShape,
    /// A body of this many megabytes.
    Huge(u32),
    /// A valid answer whose strings are hostile (markup, script URLs, RTL overrides, 100 KB).
    Hostile,
}

impl Fault {
    /// From `status=500`, `retry_after=30`, `body=html|malformed|wrong-shape|huge`, `mb=10`,
    /// `latency_ms=2000`. `Ok(None)` when nothing is asked for.
    pub fn from_query(query: &[(String, String)]) -> Result<Option<Fault>, String> {
        let mut f = Fault::default();
        let get = |k: &str| {
            query
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        if let Some(s) = get("status") {
            let s: u16 = s.parse().map_err(|_| "status must be a number")?;
            if !(100..=599).contains(&s) {
                return Err("status must be 100..599".into());
            }
            f.status = Some(s);
        }
        if let Some(r) = get("retry_after") {
            f.retry_after = Some(r.parse().map_err(|_| "retry_after must be seconds")?);
        }
        if let Some(b) = get("body") {
            let mb = get("mb").and_then(|m| m.parse().ok()).unwrap_or(10).min(64);
            f.body = Some(match b {
                "html" => BadBody::Html,
                "malformed" => BadBody::Malformed,
                "wrong-shape" => BadBody::WrongShape,
                "huge" => BadBody::Huge(mb),
                "hostile" => BadBody::Hostile,
                _ => return Err("body must be html, malformed, wrong-shape or huge".into()),
            });
        }
        f.stall = get("stall").is_some();
        if let Some(l) = get("latency_ms") {
            f.latency_ms = l
                .parse::<u64>()
                .map_err(|_| "latency_ms must be a number")?
                .min(600_000);
        }
        Ok((f != Fault::default()).then_some(f))
    }

    pub fn describe(&self) -> String {
        format!("{self:?}")
    }

    /// The faulty answer, or `None` when the real answer should go out (maybe delayed).
    pub fn respond(&self) -> Option<SimResponse> {
        let mut resp = if let Some(secs) = self.retry_after {
            let mut r = error(429, "Too Many Requests");
            r.headers.push(("retry-after".into(), secs.to_string()));
            r
        } else if let Some(status) = self.status {
            match status {
                502 | 503 => SimResponse::text(
                    status,
                    "text/html",
                    format!("<html><body><h1>{status} Bad Gateway</h1><hr>nginx</body></html>"),
                ),
                _ => error(status, "injected fault"),
            }
        } else {
            match self.body? {
                // Served by the vendor's own handler, which knows the path (lib.rs).
                BadBody::Hostile => return None,
                BadBody::Html => SimResponse::text(200, "text/html", "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>"),
                BadBody::Malformed => SimResponse::text(200, "application/json", r#"{"jobs": [{"id": "x", "jobSt"#),
                BadBody::WrongShape => SimResponse::json(200, &serde_json::json!({"hello": "world", "items": "not a list"})),
                BadBody::Huge(mb) => {
                    let mut body = b"{\"jobs\": [\"".to_vec();
                    body.resize(mb as usize * 1_000_000, b'x');
                    body.extend_from_slice(b"\"]}");
                    SimResponse::text(200, "application/json", body)
                }
            }
        };
        resp.delay_ms = self.latency_ms;
        Some(resp)
    }
}
