//! The sans-IO request and response the adapters speak. The app's client executes them.

/// A GET (or other) request relative to a source's base URL. Auth is added by the client from
/// the source's configuration, never by adapters, so a token can only go to its own base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    /// Starts with `/`; appended to the base URL.
    pub path: String,
    pub query: Vec<(String, String)>,
}

impl HttpRequest {
    pub fn get(path: impl Into<String>) -> Self {
        HttpRequest {
            method: "GET",
            path: path.into(),
            query: Vec::new(),
        }
    }

    pub fn param(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    /// `path?query`, percent-encoded.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let q: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!("{}?{}", self.path, q.join("&"))
    }

    /// The full URL under `base_url` (absolute, or a same-origin path such as `/proxy/tines`).
    pub fn url(&self, base_url: &str) -> String {
        format!(
            "{}{}",
            base_url.trim_end_matches('/'),
            self.path_and_query()
        )
    }
}

/// A response as the adapters see it.
#[derive(Clone, Debug, Default)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_urls_under_the_base_and_encodes_values() {
        let r = HttpRequest::get("/job")
            .param("status", "a b&c")
            .param("limit", 10);
        assert_eq!(
            r.url("https://x.example/api/"),
            "https://x.example/api/job?status=a%20b%26c&limit=10"
        );
        assert_eq!(
            HttpRequest::get("/job").url("/proxy/osapi"),
            "/proxy/osapi/job"
        );
    }
}
