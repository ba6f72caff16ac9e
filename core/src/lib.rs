//! jobdeck-core: the vendor-neutral job model and one sans-IO adapter per vendor.
//!
//! Nothing here does I/O or knows about the browser. Adapters build [`HttpRequest`]s and parse
//! `(status, headers, body)` into the model or a [`SourceError`]. Every vendor quirk lives in
//! `vendors/`, so the UI never sees a vendor's JSON shape (only the raw record, for display).

pub mod actions;
pub mod config;
pub mod counts;
pub mod error;
pub mod export;
pub mod history;
pub mod http;
pub mod json;
pub mod keys;
pub mod lookup;
pub mod model;
pub mod number;
pub mod prefs;
pub mod route;
pub mod schedule;
pub mod time;
pub mod vendors;
pub mod view;

pub use config::{parse_sources_json, SourceConfig, SourcesFile};
pub use counts::CountsPlan;
pub use error::SourceError;
pub use http::{HttpRequest, HttpResponse};
pub use lookup::{DetailPlan, FoundJob};
pub use model::*;
pub use vendors::{Adapter, KINDS};
