//! Turning a response into JSON, and reading fields with errors that say where they went wrong
//! (`items[3].created: not a date`).

use crate::error::SourceError;
use crate::http::HttpResponse;
use serde_json::{Map, Value};

/// Deeper than any vendor nests; refuses stack-exhausting bodies before serde sees them.
const MAX_DEPTH: usize = 64;

/// Maps a non-2xx status to its error class, with the vendor's own error text when it sent one.
pub fn check_status(resp: &HttpResponse) -> Result<(), SourceError> {
    let status = resp.status;
    if (200..300).contains(&status) {
        return Ok(());
    }
    let detail = error_detail(&resp.body);
    Err(match status {
        401 => SourceError::Unauthorized { detail },
        403 => SourceError::Forbidden { detail },
        404 => SourceError::NotFound { detail },
        429 => SourceError::RateLimited {
            retry_after_seconds: resp.header("retry-after").and_then(parse_retry_after),
        },
        500..=599 => SourceError::Server { status, detail },
        _ => SourceError::Status { status, detail },
    })
}

/// `Retry-After` in seconds (the HTTP-date form is not used by these vendors and is ignored).
pub fn parse_retry_after(v: &str) -> Option<u64> {
    v.trim().parse::<u64>().ok().map(|s| s.min(24 * 3600))
}

/// The vendor's error message from an error body (`{error, details}`, `{message}`, ...), cut short.
fn error_detail(body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let obj = v.as_object()?;
    let mut parts = Vec::new();
    for key in ["error", "message", "title", "details", "detail"] {
        if let Some(s) = obj
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| v.as_str())
        {
            if !s.trim().is_empty() && !parts.contains(&s.trim()) {
                parts.push(s.trim());
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(shorten(&parts.join(": "), 200))
}

pub fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max_chars).collect();
    out.push('…');
    out
}

/// Parses a successful body as JSON, explaining what came instead when it is not.
pub fn parse_body(body: &[u8]) -> Result<Value, SourceError> {
    let trimmed = json_text(body)?;
    serde_json::from_str(trimmed).map_err(|e| SourceError::invalid(format!("not JSON ({e})")))
}

/// A body's text, once it is known to be worth handing to a JSON parser: UTF-8, not empty, not
/// an HTML page, not nested deep enough to exhaust the stack.
pub fn json_text(body: &[u8]) -> Result<&str, SourceError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        SourceError::invalid(format!(
            "the body is not UTF-8 text (bad byte at {})",
            e.valid_up_to()
        ))
    })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(SourceError::invalid("the body is empty"));
    }
    if trimmed.starts_with('<') {
        return Err(SourceError::invalid(
            "the server sent an HTML page, not JSON (a proxy or login page?)",
        ));
    }
    if nesting_depth_exceeds(trimmed.as_bytes(), MAX_DEPTH) {
        return Err(SourceError::invalid(format!(
            "JSON nested deeper than {MAX_DEPTH} levels"
        )));
    }
    Ok(trimmed)
}

/// A cheap scan for bracket depth outside strings.
fn nesting_depth_exceeds(bytes: &[u8], max: usize) -> bool {
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Builds `parent.key` / `parent[i]` paths lazily (only errors pay for the string).
pub fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

pub fn index_path(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Field readers on one record. `key` lookups are exact unless the record was made with
/// [`Fields::case_insensitive`] (CluedIn sends PascalCase or camelCase).
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
    case_insensitive: bool,
}

impl<'a> Fields<'a> {
    pub fn new(value: &'a Value, path: String) -> Result<Self, SourceError> {
        let map = value.as_object().ok_or_else(|| {
            SourceError::invalid(format!(
                "{}: expected an object, found {}",
                display_path(&path),
                kind_of(value)
            ))
        })?;
        Ok(Fields {
            map,
            path,
            case_insensitive: false,
        })
    }

    pub fn case_insensitive(mut self) -> Self {
        self.case_insensitive = true;
        self
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn map(&self) -> &'a Map<String, Value> {
        self.map
    }

    /// The value under `key`, `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        let v = if self.case_insensitive {
            self.map
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        } else {
            self.map.get(key)
        };
        v.filter(|v| !v.is_null())
    }

    /// An error at `key`, spelled as the record spells it.
    pub fn err(&self, key: &str, what: &str) -> SourceError {
        let key = if self.case_insensitive {
            self.map
                .keys()
                .find(|k| k.eq_ignore_ascii_case(key))
                .map_or(key, String::as_str)
        } else {
            key
        };
        SourceError::invalid(format!("{}: {what}", child_path(&self.path, key)))
    }

    pub fn missing(&self, key: &str) -> SourceError {
        self.err(key, "missing")
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, SourceError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(v) => Err(self.err(key, &format!("expected text, found {}", kind_of(v)))),
        }
    }

    pub fn req_str(&self, key: &str) -> Result<&'a str, SourceError> {
        self.opt_str(key)?.ok_or_else(|| self.missing(key))
    }

    /// An identifier sent as a string or an integer.
    pub fn req_id(&self, key: &str) -> Result<String, SourceError> {
        match self.get(key) {
            None => Err(self.missing(key)),
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
            Some(v) => Err(self.err(key, &format!("expected an id, found {}", kind_of(v)))),
        }
    }

    /// A whole number (integers only; floats with a fraction are refused).
    pub fn opt_i64(&self, key: &str) -> Result<Option<i64>, SourceError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                        .map(|f| f as i64)
                })
                .map(Some)
                .ok_or_else(|| self.err(key, "expected a whole number")),
            Some(v) => Err(self.err(key, &format!("expected a number, found {}", kind_of(v)))),
        }
    }

    /// A count: a whole number that is not negative.
    pub fn opt_count(&self, key: &str) -> Result<Option<u64>, SourceError> {
        match self.opt_i64(key)? {
            None => Ok(None),
            Some(n) if n >= 0 => Ok(Some(n as u64)),
            Some(_) => Err(self.err(key, "negative count")),
        }
    }

    pub fn opt_f64(&self, key: &str) -> Result<Option<f64>, SourceError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_f64()
                .filter(|f| f.is_finite())
                .map(Some)
                .ok_or_else(|| self.err(key, "not a finite number")),
            Some(v) => Err(self.err(key, &format!("expected a number, found {}", kind_of(v)))),
        }
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, SourceError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.err(
                key,
                &format!("expected true or false, found {}", kind_of(v)),
            )),
        }
    }

    pub fn opt_array(&self, key: &str) -> Result<Option<&'a Vec<Value>>, SourceError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(v) => Err(self.err(key, &format!("expected a list, found {}", kind_of(v)))),
        }
    }

    pub fn opt_object(&self, key: &str) -> Result<Option<&'a Map<String, Value>>, SourceError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(v) => Err(self.err(key, &format!("expected an object, found {}", kind_of(v)))),
        }
    }

    pub fn child_path(&self, key: &str) -> String {
        child_path(&self.path, key)
    }
}

pub fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "the body"
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("retry-after".into(), "30".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn statuses_map_to_classes_with_vendor_detail() {
        assert_eq!(check_status(&resp(200, "")), Ok(()));
        let e = check_status(&resp(401, r#"{"error":"token expired"}"#)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "401 Unauthorized: check the token (token expired)"
        );
        assert_eq!(
            check_status(&resp(429, "")).unwrap_err().retry_after(),
            Some(30)
        );
        assert_eq!(
            check_status(&resp(503, "<html>")).unwrap_err().to_string(),
            "503 Server error: the vendor's server failed"
        );
        let e = check_status(&resp(
            400,
            r#"{"error":"Invalid request parameters","details":"limit: max 100","code":400}"#,
        ))
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "400 Unexpected status (Invalid request parameters: limit: max 100)"
        );
        assert_eq!(
            check_status(&resp(403, "")).unwrap_err().class(),
            "forbidden"
        );
    }

    #[test]
    fn bodies_that_are_not_json_say_what_they_are() {
        assert!(parse_body(b"").unwrap_err().to_string().contains("empty"));
        assert!(parse_body(b"<!DOCTYPE html><h1>502 Bad Gateway</h1>")
            .unwrap_err()
            .to_string()
            .contains("HTML page"));
        assert!(parse_body(&[0xff, 0xfe, 0x00])
            .unwrap_err()
            .to_string()
            .contains("UTF-8"));
        assert!(parse_body(b"{\"a\":")
            .unwrap_err()
            .to_string()
            .contains("not JSON"));
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse_body(deep.as_bytes())
            .unwrap_err()
            .to_string()
            .contains("nested"));
        assert!(parse_body("\u{feff} {\"a\":1}".as_bytes()).is_ok());
    }

    #[test]
    fn field_errors_name_the_path() {
        let v: Value = serde_json::json!({"n": -3, "s": 5, "Id": "x"});
        let f = Fields::new(&v, "items[3]".into()).unwrap();
        assert_eq!(
            f.opt_count("n").unwrap_err().to_string(),
            "Invalid response: items[3].n: negative count"
        );
        assert_eq!(
            f.opt_str("s").unwrap_err().to_string(),
            "Invalid response: items[3].s: expected text, found a number"
        );
        assert!(f.get("id").is_none());
        assert_eq!(
            Fields::new(&v, String::new())
                .unwrap()
                .case_insensitive()
                .req_id("id")
                .unwrap(),
            "x"
        );
    }
}
