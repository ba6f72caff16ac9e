//! The typed detail record of a job, one variant per vendor (each vendor's type is in its
//! module), so the detail views never touch vendor JSON shapes; and the small readers the
//! vendors' detail functions share. Everything in a detail record is optional: vendors omit freely.

use super::cluedin::JobRun;
use super::osapi::OsapiDetail;
use super::tines::TinesDetail;
use super::vector_charts::ChartsDetail;
use crate::json::Fields;
use crate::time::{parse_iso8601, Timestamp};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum VendorDetail {
    Tines(TinesDetail),
    VectorCharts(ChartsDetail),
    Osapi(OsapiDetail),
    Cluedin(Box<JobRun>),
}

/// A non-empty text or a number, as text.
pub(crate) fn text(f: &Fields, key: &str) -> Option<String> {
    match f.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Epoch milliseconds, or an ISO 8601 string.
pub(crate) fn millis(v: Option<&Value>) -> Option<Timestamp> {
    match v? {
        Value::Number(n) => n
            .as_f64()
            .and_then(|ms| Timestamp::from_millis(ms.round() as i64)),
        Value::String(s) => parse_iso8601(s),
        _ => None,
    }
}

/// A string field of a JSON object, when it is a non-empty string.
pub(crate) fn str_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
