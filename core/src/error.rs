//! The error classes a source can be in, each with words a person understands and a hint.

use std::fmt;

/// Why a request to a source failed. `Display` gives the one-line message shown on the
/// source's error banner; [`SourceError::hint`] says what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
    /// The browser could not reach the server at all (refused, DNS, offline, or CORS: the
    /// browser deliberately does not tell these apart).
    Network {
        detail: String,
    },
    /// No answer within the source's timeout.
    Timeout {
        seconds: u32,
    },
    Unauthorized {
        detail: Option<String>,
    },
    Forbidden {
        detail: Option<String>,
    },
    NotFound {
        detail: Option<String>,
    },
    RateLimited {
        retry_after_seconds: Option<u64>,
    },
    /// Any 5xx.
    Server {
        status: u16,
        detail: Option<String>,
    },
    /// Any other unexpected status (400, 409, 3xx, ...).
    Status {
        status: u16,
        detail: Option<String>,
    },
    /// The body is not what the API documents; `what` says what and where.
    InvalidResponse {
        what: String,
    },
    /// The answer was larger than the client accepts.
    TooLarge {
        limit_bytes: u64,
    },
    /// The request was aborted (the view was left); never shown.
    Aborted,
}

impl SourceError {
    pub fn invalid(what: impl Into<String>) -> Self {
        SourceError::InvalidResponse { what: what.into() }
    }

    /// What the person should try, in one sentence.
    pub fn hint(&self) -> &'static str {
        match self {
            SourceError::Network { .. } => "The server may be down, or its API may not allow calls from this origin (CORS): serve jobdeck behind the same-origin reverse proxy described in the README.",
            SourceError::Timeout { .. } => "The server is slow or unreachable; jobdeck will retry. A longer timeout can be set per source.",
            SourceError::Unauthorized { .. } => "Check the source's token in Settings (and the auth header name).",
            SourceError::Forbidden { .. } => "The token works but lacks permission to read jobs; ask for a token with job read access.",
            SourceError::NotFound { .. } => "Check the source's base URL: the API path was not found there.",
            SourceError::RateLimited { .. } => "The API asks us to slow down; jobdeck waits as long as it says before trying again.",
            SourceError::Server { .. } => "The vendor's server failed; jobdeck keeps retrying with backoff.",
            SourceError::Status { .. } => "The server refused the request; check the base URL and the filters.",
            SourceError::InvalidResponse { .. } => "The answer does not look like this vendor's API: check the base URL and the source's kind, or whether a proxy answered instead.",
            SourceError::TooLarge { .. } => "The answer was refused because it is too large; check the base URL or use a smaller page size.",
            SourceError::Aborted => "",
        }
    }

    /// Seconds the server asked us to wait before the next request.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            SourceError::RateLimited {
                retry_after_seconds,
            } => *retry_after_seconds,
            _ => None,
        }
    }

    /// A short class name, stable, for `data-error` attributes and tests.
    pub fn class(&self) -> &'static str {
        match self {
            SourceError::Network { .. } => "network",
            SourceError::Timeout { .. } => "timeout",
            SourceError::Unauthorized { .. } => "unauthorized",
            SourceError::Forbidden { .. } => "forbidden",
            SourceError::NotFound { .. } => "not-found",
            SourceError::RateLimited { .. } => "rate-limited",
            SourceError::Server { .. } => "server",
            SourceError::Status { .. } => "status",
            SourceError::InvalidResponse { .. } => "invalid",
            SourceError::TooLarge { .. } => "too-large",
            SourceError::Aborted => "aborted",
        }
    }
}

fn with_detail(f: &mut fmt::Formatter<'_>, head: &str, detail: &Option<String>) -> fmt::Result {
    match detail {
        Some(d) if !d.is_empty() => write!(f, "{head} ({d})"),
        _ => f.write_str(head),
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Network { detail } if detail.is_empty() => {
                f.write_str("Network error or CORS blocked")
            }
            SourceError::Network { detail } => {
                write!(f, "Network error or CORS blocked ({detail})")
            }
            SourceError::Timeout { seconds } => {
                write!(f, "Timed out: no answer within {seconds} s")
            }
            SourceError::Unauthorized { detail } => {
                with_detail(f, "401 Unauthorized: check the token", detail)
            }
            SourceError::Forbidden { detail } => {
                with_detail(f, "403 Forbidden: the token lacks permission", detail)
            }
            SourceError::NotFound { detail } => {
                with_detail(f, "404 Not Found: check the base URL", detail)
            }
            SourceError::RateLimited {
                retry_after_seconds: Some(s),
            } => write!(f, "429 Too Many Requests: retrying after {s} s"),
            SourceError::RateLimited {
                retry_after_seconds: None,
            } => f.write_str("429 Too Many Requests: backing off"),
            SourceError::Server { status, detail } => with_detail(
                f,
                &format!("{status} Server error: the vendor's server failed"),
                detail,
            ),
            SourceError::Status { status, detail } => {
                with_detail(f, &format!("{status} Unexpected status"), detail)
            }
            SourceError::InvalidResponse { what } => write!(f, "Invalid response: {what}"),
            SourceError::TooLarge { limit_bytes } => write!(
                f,
                "Response too large: over {} MB, refused",
                limit_bytes / 1_000_000
            ),
            SourceError::Aborted => f.write_str("Request cancelled"),
        }
    }
}

impl std::error::Error for SourceError {}
