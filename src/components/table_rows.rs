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

/// One table body's worth of rows, as `table_rows.js` reads it.
#[derive(Serialize)]
struct Body<'a> {
    cols: Vec<&'static str>,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    state: &'a str,
    cells: Vec<Cell<'a>>,
}

/// One cell. The job's own strings are borrowed, not copied: building a 200-row page's cells
/// is part of every page change's script time.
#[derive(Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
enum Cell<'a> {
    Link { text: &'a str, href: String },
    Badge { text: &'a str, category: &'static str, label: &'static str },
    /// `relative` is what follows the clock: `"text"` or `"title"`.
    Time { datetime: String, title: String, text: String, relative: &'static str },
    Progress { value: f64, text: String },
    Text { text: Cow<'a, str> },
    Empty,
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
    crate::client::mark("jobdeck:rows-build");
    let mut relative = Vec::new();
    let rows = jobs.iter().map(|job| row(ctx, job, &mut relative)).collect();
    let body = Body { cols: ctx.cols.iter().map(|c| c.key()).collect(), rows };
    if let Ok(json) = serde_json::to_string(&body) {
        crate::client::mark("jobdeck:rows-json");
        render_rows(tbody, &json);
        crate::client::mark("jobdeck:rows-dom");
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
                text: &job.id,
                href: crate::app::href(&format!("/sources/{}/jobs/{}{}", ctx.source_id, jobdeck_core::http::encode(&job.id), ctx.detail_query)),
            },
            Column::State => Cell::Badge { text: &job.state, category: job.category.name(), label: job.category.label() },
            Column::Created => time_cell(ctx, job.created, relative),
            Column::Started => time_cell(ctx, job.started, relative),
            Column::Updated => time_cell(ctx, job.updated, relative),
            Column::Progress => match job.progress {
                Some(p) => Cell::Progress { value: p, text: format!(" {}%", jobdeck_core::number::fixed(p, 0)) },
                None => Cell::Empty,
            },
            Column::Name => text_cell(job.name.as_deref()),
            Column::Error => text_cell(job.error.as_deref()),
            other => Cell::Text { text: Cow::Owned(clip(&cell_text(ctx.kind, *other, job))) },
        })
        .collect();
    Row { id: &job.id, state: &job.state, cells }
}

fn text_cell(text: Option<&str>) -> Cell<'_> {
    Cell::Text { text: clipped(text.unwrap_or_default()) }
}

/// A time as the time setting says, with the other form on hover. Either way its relative
/// form (text or title) is recorded for [`update_relative_times`].
fn time_cell(ctx: &RowsContext, at: Option<Timestamp>, relative: &mut Vec<Timestamp>) -> Cell<'static> {
    let Some(t) = at else { return Cell::Empty };
    relative.push(t);
    let absolute = ctx.prefs.format_absolute(t, crate::prefs::local_offset_minutes(t));
    let relative_text = format_relative(t, Timestamp(ctx.now_ms as i64));
    let datetime = t.to_rfc3339();
    match ctx.prefs.time_style {
        TimeStyle::Absolute => Cell::Time { datetime, title: relative_text, text: absolute, relative: "title" },
        TimeStyle::Relative => Cell::Time { datetime, title: absolute, text: relative_text, relative: "text" },
    }
}
