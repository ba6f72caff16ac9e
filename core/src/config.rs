//! sources.json (docs/design.md): parsing and validation. A bad entry is reported with its reason and
//! the valid ones still work; a bad file is one error, never a panic.

use crate::model::SourceKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const DEFAULT_REFRESH_SECONDS: u32 = 10;
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 15;

/// One configured job system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceConfig {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    /// Absolute `http(s)://` URL or a same-origin path; no trailing slash.
    pub base_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Header the token goes in; `Authorization` (as `Bearer <token>`) unless set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// Per-source override of the file's refresh interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_seconds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

impl SourceConfig {
    /// The header name and value that carry the token, if there is one.
    pub fn auth(&self) -> Option<(String, String)> {
        let token = self.token.as_deref().filter(|t| !t.is_empty())?;
        match self.auth_header.as_deref().filter(|h| !h.is_empty()) {
            None => Some(("Authorization".into(), format!("Bearer {token}"))),
            Some(h) if h.eq_ignore_ascii_case("authorization") => {
                Some(("Authorization".into(), format!("Bearer {token}")))
            }
            Some(h) => Some((h.to_string(), token.to_string())),
        }
    }

    pub fn host(&self) -> String {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        if self.base_url.starts_with('/') {
            return "this origin".to_string();
        }
        rest.split('/').next().unwrap_or(rest).to_string()
    }

    pub fn timeout_seconds(&self) -> u32 {
        self.timeout_seconds.unwrap_or(DEFAULT_TIMEOUT_SECONDS)
    }
}

/// A source entry that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    /// Position in the `sources` list (0-based).
    pub index: usize,
    pub id: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for EntryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.id {
            Some(id) => write!(
                f,
                "source \"{id}\" (entry {}): {}",
                self.index + 1,
                self.reason
            ),
            None => write!(f, "entry {}: {}", self.index + 1, self.reason),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourcesFile {
    pub refresh_seconds: u32,
    pub sources: Vec<SourceConfig>,
    pub errors: Vec<EntryError>,
}

/// Parses sources.json. `Err` only when the file as a whole is unusable.
pub fn parse_sources_json(bytes: &[u8]) -> Result<SourcesFile, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "sources.json is not UTF-8 text".to_string())?;
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("sources.json is not valid JSON: {e}"))?;
    let obj = value
        .as_object()
        .ok_or("sources.json must be an object with a \"sources\" list")?;
    let refresh_seconds = match obj.get("refresh_seconds") {
        None | Some(Value::Null) => DEFAULT_REFRESH_SECONDS,
        Some(v) => seconds(v)
            .ok_or("refresh_seconds must be a whole number of seconds (0 turns refresh off)")?,
    };
    let list = match obj.get("sources") {
        None | Some(Value::Null) => {
            return Ok(SourcesFile {
                refresh_seconds,
                ..Default::default()
            })
        }
        Some(Value::Array(list)) => list,
        Some(_) => return Err("\"sources\" must be a list".into()),
    };
    let mut file = SourcesFile {
        refresh_seconds,
        ..Default::default()
    };
    for (index, entry) in list.iter().enumerate() {
        match validate_source(entry) {
            Ok(src) if file.sources.iter().any(|s| s.id == src.id) => {
                file.errors.push(EntryError {
                    index,
                    id: Some(src.id),
                    reason: "the id is used by an earlier source".into(),
                })
            }
            Ok(src) => file.sources.push(src),
            Err(reason) => file.errors.push(EntryError {
                index,
                id: entry
                    .get("id")
                    .and_then(Value::as_str)
                    .map(|s| crate::json::shorten(s, 40)),
                reason,
            }),
        }
    }
    Ok(file)
}

fn seconds(v: &Value) -> Option<u32> {
    v.as_u64().filter(|n| *n <= 86_400).map(|n| n as u32)
}

fn opt_string(obj: &serde_json::Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(_) => Err(format!("\"{key}\" must be text")),
    }
}

/// Ids appear in URLs: keep them to letters, digits, `-`, `_` and `.`.
pub fn validate_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.len() > 64 {
        return Err("the id must be 1 to 64 characters".into());
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return Err("the id may only hold letters, digits, '-', '_' and '.'".into());
    }
    Ok(())
}

/// An absolute http(s) URL with a host, or a same-origin path; returned without trailing `/`.
pub fn validate_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("base_url must not contain spaces".into());
    }
    if url.contains('?') || url.contains('#') {
        return Err("base_url must not hold a query or fragment".into());
    }
    if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || host.contains('@') {
            return Err("base_url needs a host (and no user:password@)".into());
        }
        return Ok(url.trim_end_matches('/').to_string());
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return Ok(url.trim_end_matches('/').to_string());
    }
    Err("base_url must start with https://, http:// or / (a same-origin path)".into())
}

pub fn validate_header_name(h: &str) -> Result<(), String> {
    if h.is_empty()
        || !h
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    {
        return Err("auth_header must be a valid HTTP header name".into());
    }
    Ok(())
}

/// Where a source in use came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// sources.json next to index.html.
    File,
    /// Added or edited in Settings, kept in this browser.
    Browser,
}

/// The file's sources with the browser's added; a browser source with a file source's id
/// replaces it (the user's edit wins).
pub fn merge_sources(
    file: &[SourceConfig],
    browser: &[SourceConfig],
) -> Vec<(SourceConfig, Origin)> {
    let mut out: Vec<(SourceConfig, Origin)> =
        file.iter().map(|s| (s.clone(), Origin::File)).collect();
    for b in browser {
        match out.iter_mut().find(|(s, _)| s.id == b.id) {
            Some(slot) => *slot = (b.clone(), Origin::Browser),
            None => out.push((b.clone(), Origin::Browser)),
        }
    }
    out
}

/// A sources.json document for these sources; tokens only when asked.
pub fn export_sources_json(
    refresh_seconds: u32,
    sources: &[SourceConfig],
    include_tokens: bool,
) -> String {
    let list: Vec<SourceConfig> = sources
        .iter()
        .cloned()
        .map(|mut s| {
            if !include_tokens {
                s.token = None;
            }
            s
        })
        .collect();
    let doc = serde_json::json!({"refresh_seconds": refresh_seconds, "sources": list});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Validates one source given as JSON (a sources.json entry, a stored one, or the Settings form).
pub fn validate_source(entry: &Value) -> Result<SourceConfig, String> {
    let obj = entry.as_object().ok_or("each source must be an object")?;
    let id = opt_string(obj, "id")?.ok_or("\"id\" is missing")?;
    validate_id(&id)?;
    let kind_name = opt_string(obj, "kind")?.ok_or("\"kind\" is missing")?;
    let kind: SourceKind = kind_name.parse()?;
    let base_url =
        validate_base_url(&opt_string(obj, "base_url")?.ok_or("\"base_url\" is missing")?)?;
    let auth_header = opt_string(obj, "auth_header")?;
    if let Some(h) = &auth_header {
        validate_header_name(h)?;
    }
    let token = opt_string(obj, "token")?;
    if token
        .as_deref()
        .is_some_and(|t| t.chars().any(|c| c.is_control()))
    {
        return Err("the token holds control characters".into());
    }
    let num = |key: &str| -> Result<Option<u32>, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => seconds(v)
                .map(Some)
                .ok_or_else(|| format!("\"{key}\" must be a whole number of seconds")),
        }
    };
    let timeout_seconds = num("timeout_seconds")?;
    if timeout_seconds == Some(0) {
        return Err("\"timeout_seconds\" must be at least 1".into());
    }
    Ok(SourceConfig {
        name: opt_string(obj, "name")?.unwrap_or_else(|| id.clone()),
        id,
        kind,
        base_url,
        token,
        auth_header,
        refresh_seconds: num("refresh_seconds")?,
        timeout_seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_example_parses() {
        let f = parse_sources_json(br#"{"refresh_seconds": 10, "sources": [
            {"id": "tines", "name": "Tines prod", "kind": "tines", "base_url": "/proxy/tines", "token": "t0k"},
            {"id": "charts", "kind": "vector-charts", "base_url": "https://charts.example:9909/"},
            {"id": "fleet", "kind": "osapi", "base_url": "https://osapi.example/api"},
            {"id": "mdm", "kind": "cluedin", "base_url": "https://cluedin.example/api", "token": "x", "auth_header": "x-user-token"}]}"#).unwrap();
        assert_eq!(f.errors, vec![]);
        assert_eq!(f.sources.len(), 4);
        assert_eq!(f.sources[1].name, "charts");
        assert_eq!(f.sources[1].base_url, "https://charts.example:9909");
        assert_eq!(f.sources[1].host(), "charts.example:9909");
        assert_eq!(
            f.sources[0].auth(),
            Some(("Authorization".into(), "Bearer t0k".into()))
        );
        assert_eq!(
            f.sources[3].auth(),
            Some(("x-user-token".into(), "x".into()))
        );
        assert_eq!(f.sources[1].auth(), None);
    }

    #[test]
    fn bad_entries_are_reported_and_good_ones_kept() {
        let f = parse_sources_json(
            br#"{"sources": [
            {"id": "ok", "kind": "osapi", "base_url": "/o"},
            {"id": "ok", "kind": "osapi", "base_url": "/o2"},
            {"id": "k", "kind": "jenkins", "base_url": "/j"},
            {"id": "u", "kind": "osapi", "base_url": "ftp://x"},
            {"id": "bad id!", "kind": "osapi", "base_url": "/x"},
            {"kind": "osapi", "base_url": "/x"},
            {"id": "h", "kind": "osapi", "base_url": "/x", "auth_header": "bad header"},
            {"id": "r", "kind": "osapi", "base_url": "//evil.example"},
            42]}"#,
        )
        .unwrap();
        assert_eq!(f.refresh_seconds, DEFAULT_REFRESH_SECONDS);
        assert_eq!(f.sources.len(), 1);
        let reasons: Vec<String> = f.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(reasons.len(), 8, "{reasons:?}");
        assert!(reasons[0].contains("used by an earlier source"));
        assert!(reasons[1].contains("unknown kind \"jenkins\""));
        assert!(reasons[2].contains("base_url must start with"));
        assert!(reasons[7].contains("must be an object"));
    }

    #[test]
    fn browser_sources_merge_over_the_file_and_export_without_tokens() {
        let f = parse_sources_json(br#"{"sources": [{"id": "a", "kind": "osapi", "base_url": "/a", "token": "secret"}, {"id": "b", "kind": "tines", "base_url": "/b"}]}"#).unwrap();
        let edited = validate_source(
            &serde_json::json!({"id": "a", "kind": "osapi", "base_url": "/a2", "name": "A edited"}),
        )
        .unwrap();
        let added = validate_source(
            &serde_json::json!({"id": "c", "kind": "cluedin", "base_url": "https://c.example"}),
        )
        .unwrap();
        let merged = merge_sources(&f.sources, &[edited, added]);
        let view: Vec<(&str, &str, Origin)> = merged
            .iter()
            .map(|(s, o)| (s.id.as_str(), s.base_url.as_str(), *o))
            .collect();
        assert_eq!(
            view,
            [
                ("a", "/a2", Origin::Browser),
                ("b", "/b", Origin::File),
                ("c", "https://c.example", Origin::Browser)
            ]
        );
        let out = export_sources_json(5, &f.sources, false);
        assert!(!out.contains("secret"));
        let again = parse_sources_json(out.as_bytes()).unwrap();
        assert_eq!(
            (
                again.refresh_seconds,
                again.sources.len(),
                again.sources[0].token.clone()
            ),
            (5, 2, None)
        );
        assert!(export_sources_json(5, &f.sources, true).contains("secret"));
    }

    #[test]
    fn bad_files_are_one_clear_error() {
        assert!(parse_sources_json(b"not json")
            .unwrap_err()
            .contains("not valid JSON"));
        assert!(parse_sources_json(b"[]")
            .unwrap_err()
            .contains("must be an object"));
        assert!(parse_sources_json(br#"{"sources": {}}"#)
            .unwrap_err()
            .contains("must be a list"));
        assert!(parse_sources_json(br#"{"refresh_seconds": -1}"#)
            .unwrap_err()
            .contains("refresh_seconds"));
        assert_eq!(
            parse_sources_json(br#"{"refresh_seconds": 0}"#)
                .unwrap()
                .refresh_seconds,
            0
        );
        assert!(parse_sources_json(&[0xff]).is_err());
    }
}
