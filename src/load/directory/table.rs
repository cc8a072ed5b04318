//! Raw records and the rows of tables: a CSV file and a spreadsheet's sheet
//! go through one header check and one reading of a row's cells, so that a
//! cell means the same whichever format it was typed in.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use crate::base::diagnostics::Diagnostic;
use crate::model::directory::{Field, Markdown, Source};

/// One record as written.
#[derive(Debug, Clone)]
pub struct Raw {
    pub source: Arc<Source>,
    /// Where the record starts (the row, or the front matter).
    pub offset: usize,
    pub fields: BTreeMap<String, Field>,
    pub body: Option<Markdown>,
    /// The id a markdown record has when it does not say: its file name.
    pub default_id: Option<String>,
}

impl Raw {
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        self.source.diagnostic(self.offset, 1, message)
    }

    pub fn diagnostic_at(&self, field: &Field, message: impl Into<String>) -> Diagnostic {
        self.source.diagnostic(field.offset, field.len, message)
    }
}

/// A file's records, and the problems of rows that could not be read.
pub type Read = (Vec<Raw>, Vec<Diagnostic>);

/// A table's `body` field, which plays the part of a markdown body.
pub(super) fn take_body(fields: &mut BTreeMap<String, Field>) -> Option<Markdown> {
    let f = fields.remove("body")?;
    match f.value {
        Value::String(text) if !text.trim().is_empty() => Some(Markdown {
            text,
            offset: f.offset,
        }),
        _ => None,
    }
}

/// The header row's names, trimmed (and without a byte order mark).
pub(super) fn header_names<'a>(cells: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    cells
        .into_iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect()
}

/// Every column of the header row named, and no name twice; `at` is the
/// header row's place in the source.
pub(super) fn check_headers(
    source: &Source,
    headers: &[String],
    at: usize,
) -> Result<(), Diagnostic> {
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            return Err(source.diagnostic(at, 1, msg!("table-header-unnamed", column = i + 1)));
        }
        if headers[..i].contains(h) {
            return Err(source.diagnostic(at, 1, msg!("table-header-twice", column = h)));
        }
    }
    Ok(())
}

/// One cell of a row as written: its text and its place in the source.
pub(super) struct Cell<'a> {
    pub text: &'a str,
    pub offset: usize,
    pub len: usize,
}

/// A row's cells, one for each header, as a raw record starting at
/// `start`; `None` for a row with nothing in it. Cells are trimmed (of
/// full-width spaces too), and an empty cell is a field left out.
pub(super) fn row<'a>(
    source: &Arc<Source>,
    headers: &[String],
    start: usize,
    cells: impl IntoIterator<Item = Cell<'a>>,
) -> Option<Raw> {
    let mut fields = BTreeMap::new();
    for (name, cell) in headers.iter().zip(cells) {
        let value = cell.text.trim();
        if value.is_empty() {
            continue;
        }
        fields.insert(
            name.clone(),
            Field {
                value: Value::String(value.to_string()),
                offset: cell.offset,
                len: cell.len.max(1),
            },
        );
    }
    if fields.is_empty() {
        return None;
    }
    let body = take_body(&mut fields);
    Some(Raw {
        source: source.clone(),
        offset: start,
        fields,
        body,
        default_id: None,
    })
}
