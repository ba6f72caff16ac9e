//! The job table's body, built by one call into `table_rows.js` instead of element by element.
//!
//! Why: made through the view macro, a 200-row page cost about 60 ms of script, most of it in
//! the crossing between wasm and JS (a string decoded for every tag, attribute and text, each
//! old row removed one by one). Here the rows go over as one JSON string and JS updates the
//! rows already there in place (a page change keeps the table's shape), adding or removing only
//! the difference (`./dev bench profile` shows where the time goes). The markup is the same as
//! the view macro made, and every vendor string is still set as text, never parsed as HTML.

use crate::components::text::{clip, clipped};
use jobdeck_core::prefs::{Prefs, TimeStyle};
use jobdeck_core::route::Route;
use jobdeck_core::time::{format_relative, Timestamp};
use jobdeck_core::vendors::Column;
use jobdeck_core::view::cell_text;
use jobdeck_core::{Job, SourceKind};
use serde::Serialize;
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/components/table_rows.js")]
extern "C" {
    fn render_rows(tbody: &web_sys::HtmlElement, json: &str);
    fn set_relative_times(tbody: &web_sys::HtmlElement, json: &str);
}

/// One table body's worth of rows, as `table_rows.js` reads it. Building and parsing this JSON
/// is part of every page change's script time, so it is compact: what is the same for every
/// row is said once here, rows and cells are arrays (see [`Row`] and [`Cell`]).
#[derive(Serialize)]
struct Body<'a> {
    cols: Vec<&'static str>,
    /// What follows the clock in a time cell: its `"text"`, or its `"title"`.
    relative: &'static str,
    /// A detail link is `href_prefix` + the encoded job id + `href_suffix`.
    href_prefix: String,
    href_suffix: &'a str,
    rows: Vec<Row<'a>>,
}

/// `[id, state, [cell, …]]`.
#[derive(Serialize)]
struct Row<'a>(&'a str, &'a str, Vec<Cell<'a>>);

/// One cell, as an array whose first element says its kind (`null` for an empty cell). The
/// job's own strings are borrowed, not copied.
enum Cell<'a> {
    /// `["a", encoded id]`: the link to the job's detail; its text is the row's id.
    Link {
        encoded_id: String,
    },
    /// `["b", category, label]`: the state badge; its text is the row's state.
    Badge {
        category: &'static str,
        label: &'static str,
    },
    /// `["t", datetime, title, text]`.
    Time {
        datetime: String,
        title: String,
        text: String,
    },
    /// `["p", value, text]`.
    Progress {
        value: f64,
        text: String,
    },
    /// `["x", text]`.
    Text {
        text: Cow<'a, str>,
    },
    Empty,
}

impl Serialize for Cell<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Link { encoded_id } => ("a", encoded_id).serialize(s),
            Cell::Badge { category, label } => ("b", category, label).serialize(s),
            Cell::Time {
                datetime,
                title,
                text,
            } => ("t", datetime, title, text).serialize(s),
            Cell::Progress { value, text } => ("p", value, text).serialize(s),
            Cell::Text { text } => ("x", text).serialize(s),
            Cell::Empty => s.serialize_unit(),
        }
    }
}

/// What the rows need besides the jobs.
pub struct RowsContext<'a> {
    pub kind: SourceKind,
    pub cols: &'static [Column],
    pub source_id: &'a str,
    /// Carried into each detail link (Tines needs its `state`).
    pub detail_query: &'a str,
    pub prefs: Prefs,
    pub now_ms: f64,
}

/// Replaces the rows of `tbody` and returns every time shown, in document order, for
/// [`update_relative_times`].
pub fn render(tbody: &web_sys::HtmlElement, ctx: &RowsContext, jobs: &[Job]) -> Vec<Timestamp> {
    // Milestones for `./dev bench render`'s breakdown: building the JSON here, then the DOM in JS.
    crate::perf::mark("jobdeck:rows-build");
    let mut relative = Vec::new();
    let rows = jobs
        .iter()
        .map(|job| row(ctx, job, &mut relative))
        .collect();
    let body = Body {
        cols: ctx.cols.iter().map(|c| c.key()).collect(),
        relative: match ctx.prefs.time_style {
            TimeStyle::Absolute => "title",
            TimeStyle::Relative => "text",
        },
        // The link of a job with an empty id is the common prefix of every row's link; the
        // row script appends each encoded id.
        href_prefix: crate::routes::href(&Route::Job {
            source_id: ctx.source_id.to_string(),
            job_id: String::new(),
            state: None,
        }),
        href_suffix: ctx.detail_query,
        rows,
    };
    if let Ok(json) = serde_json::to_string(&body) {
        crate::perf::mark("jobdeck:rows-json");
        render_rows(tbody, &json);
        crate::perf::mark("jobdeck:rows-dom");
    }
    relative
}

/// Brings the relative times rendered by [`render`] up to `now_ms`.
pub fn update_relative_times(tbody: &web_sys::HtmlElement, times: &[Timestamp], now_ms: f64) {
    if times.is_empty() {
        return;
    }
    let now = Timestamp(now_ms as i64);
    let texts: Vec<String> = times.iter().map(|t| format_relative(*t, now)).collect();
    if let Ok(json) = serde_json::to_string(&texts) {
        set_relative_times(tbody, &json);
    }
}

fn row<'a>(ctx: &RowsContext, job: &'a Job, relative: &mut Vec<Timestamp>) -> Row<'a> {
    let cells = ctx
        .cols
        .iter()
        .map(|col| match col {
            Column::Id => Cell::Link {
                encoded_id: jobdeck_core::http::encode(&job.id),
            },
            Column::State => Cell::Badge {
                category: job.category.name(),
                label: job.category.label(),
            },
            Column::Created => time_cell(ctx, job.created, relative),
            Column::Started => time_cell(ctx, job.started, relative),
            Column::Updated => time_cell(ctx, job.updated, relative),
            Column::Progress => match job.progress {
                Some(p) => Cell::Progress {
                    value: p,
                    text: format!(" {}%", jobdeck_core::number::fixed(p, 0)),
                },
                None => Cell::Empty,
            },
            Column::Name => text_cell(job.name.as_deref()),
            Column::Error => text_cell(job.error.as_deref()),
            other => Cell::Text {
                text: Cow::Owned(clip(&cell_text(ctx.kind, *other, job))),
            },
        })
        .collect();
    Row(&job.id, &job.state, cells)
}

fn text_cell(text: Option<&str>) -> Cell<'_> {
    Cell::Text {
        text: clipped(text.unwrap_or_default()),
    }
}

/// A time as the time setting says, with the other form on hover. Either way its relative
/// form (text or title) is recorded for [`update_relative_times`].
fn time_cell(
    ctx: &RowsContext,
    at: Option<Timestamp>,
    relative: &mut Vec<Timestamp>,
) -> Cell<'static> {
    let Some(t) = at else { return Cell::Empty };
    relative.push(t);
    let absolute = ctx
        .prefs
        .format_absolute(t, crate::prefs::local_offset_minutes(t));
    let relative_text = format_relative(t, Timestamp(ctx.now_ms as i64));
    let datetime = t.to_rfc3339();
    match ctx.prefs.time_style {
        TimeStyle::Absolute => Cell::Time {
            datetime,
            title: relative_text,
            text: absolute,
        },
        TimeStyle::Relative => Cell::Time {
            datetime,
            title: absolute,
            text: relative_text,
        },
    }
}
