//! The job table as a file: CSV for spreadsheets and JSON for scripts, exactly the rows the
//! table shows (as loaded, after its filters and sort).

use crate::model::Job;
use crate::time::Timestamp;
use crate::vendors::Adapter;
use crate::view::cell_text;
use crate::SourceKind;
use serde_json::{json, Value};

/// RFC 4180 CSV with the table's own columns and headers, CRLF line ends.
pub fn to_csv(kind: SourceKind, jobs: &[Job]) -> String {
    let cols = Adapter(kind).columns();
    let mut out = String::new();
    push_row(&mut out, cols.iter().map(|c| c.header(kind).to_string()));
    for job in jobs {
        push_row(&mut out, cols.iter().map(|c| cell_text(kind, *c, job)));
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let mut first = true;
    for cell in cells {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&csv_field(&cell));
    }
    out.push_str("\r\n");
}

/// One field, quoted when needed. Vendor text starting with `=`, `+`, `-`, `@` or a control
/// character would be run as a formula by spreadsheet programs (CSV injection), so it gets a
/// leading apostrophe, which they show as plain text.
pub fn csv_field(cell: &str) -> String {
    let guarded = match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ')
    {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A JSON array with one object per row: the normalized fields and the record exactly as the
/// vendor sent it (`raw`).
pub fn to_json(kind: SourceKind, source_id: &str, jobs: &[Job]) -> String {
    let time = |t: Option<Timestamp>| {
        t.map(|t| Value::String(t.to_rfc3339()))
            .unwrap_or(Value::Null)
    };
    let rows: Vec<Value> = jobs
        .iter()
        .map(|j| {
            json!({
                "source": source_id,
                "kind": kind.name(),
                "id": j.id,
                "state": j.state,
                "category": j.category.name(),
                "name": j.name,
                "created": time(j.created),
                "started": time(j.started),
                "updated": time(j.updated),
                "finished": time(j.finished),
                "progress": j.progress,
                "error": j.error,
                "raw": &*j.raw,
            })
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(rows)).unwrap_or_else(|_| "[]".to_string())
}

/// `jobdeck-prod-tines-20261123-101500.csv`: the source id reduced to file-name-safe
/// characters, and the time of the export in UTC.
pub fn file_name(source_id: &str, at: Timestamp, extension: &str) -> String {
    let safe: String = source_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let stamp: String = at
        .to_rfc3339()
        .chars()
        .take(19)
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .map(|c| if c == 'T' { '-' } else { c })
        .collect();
    format!("jobdeck-{safe}-{stamp}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn file_names_are_safe() {
        let at = Timestamp(1_795_428_900_000);
        let name = file_name("prod/../tines", at, "csv");
        assert!(name.starts_with("jobdeck-prod____tines-2026"), "{name}");
        assert!(name.ends_with(".csv"));
        assert!(!name.contains('/') && !name.contains(':'));
    }
}
