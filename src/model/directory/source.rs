//! The source of a record: the file's text, kept while records are checked
//! so that later problems (a parent that does not exist) can still show the
//! line, and a markdown text with where it starts.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use crate::base::diagnostics::Diagnostic;

/// A file that records were read from, kept while they are checked so that
/// later problems (a parent that does not exist) can still show the line.
#[derive(Debug)]
pub struct Source {
    pub file: PathBuf,
    pub text: Arc<str>,
    /// Offsets of line starts, made the first time a line is asked for.
    lines: std::sync::OnceLock<Vec<usize>>,
    /// For a spreadsheet's sheet, where its rows and cells are in `text`
    /// (messages then name the sheet, row and column, not a line).
    pub sheet: Option<SheetPlaces>,
    /// For a CSV table, where its cells are, so that a message about a cell
    /// names the column's header; set once the table is read.
    pub columns: std::sync::OnceLock<CsvColumns>,
}

/// The cells of a CSV table by place: a message about a cell labels the
/// caret with the column's header (a line of a wide table is long, and a
/// character column in it says little).
#[derive(Debug, Default)]
pub struct CsvColumns {
    pub headers: Vec<String>,
    /// Sorted by offset: each row's start (`None`), then its cells with
    /// their column's index.
    pub places: Vec<(usize, Option<usize>)>,
}

impl CsvColumns {
    /// The header of the cell at `offset`; `None` at the start of a row (a
    /// problem with the whole row) or outside the cells.
    pub fn header_at(&self, offset: usize) -> Option<&str> {
        let i = self
            .places
            .partition_point(|p| p.0 <= offset)
            .checked_sub(1)?;
        let (at, column) = self.places[i];
        let row_start = i > 0 && self.places[i - 1] == (at, None);
        if at == offset && row_start {
            return None;
        }
        self.headers.get(column?).map(String::as_str)
    }
}

/// Where the rows and cells of one spreadsheet sheet are in the text it was
/// turned into, so that a message about a place in that text names the
/// sheet, Excel's row number and the column's header.
#[derive(Debug, Default)]
pub struct SheetPlaces {
    pub name: String,
    /// Sorted by offset: each row's start (with no column), then its cells.
    pub places: Vec<CellPlace>,
}

/// A row (when `column` is `None`) or a cell of a sheet.
#[derive(Debug)]
pub struct CellPlace {
    pub offset: usize,
    /// Excel's row number (1-based).
    pub row: u32,
    pub column: Option<String>,
}

impl SheetPlaces {
    /// `sheet 绍兴, row 7, column hours` for a place in the sheet's text.
    pub fn describe(&self, offset: usize) -> String {
        let i = self.places.partition_point(|p| p.offset <= offset);
        match i.checked_sub(1).map(|i| &self.places[i]) {
            Some(CellPlace {
                row,
                column: Some(c),
                ..
            }) => msg!(
                "sheet-place-cell",
                sheet = &self.name,
                row = *row,
                column = c
            ),
            Some(CellPlace { row, .. }) => msg!("sheet-place-row", sheet = &self.name, row = *row),
            None => msg!("sheet-place", sheet = &self.name),
        }
    }
}

impl Source {
    pub fn new(file: PathBuf, text: Arc<str>) -> Source {
        Source {
            file,
            text,
            lines: std::sync::OnceLock::new(),
            sheet: None,
            columns: std::sync::OnceLock::new(),
        }
    }

    /// A spreadsheet's sheet, turned into `text` with its places.
    pub fn sheet(file: PathBuf, text: Arc<str>, places: SheetPlaces) -> Source {
        Source {
            sheet: Some(places),
            ..Source::new(file, text)
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let starts = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        starts.partition_point(|&s| s <= offset)
    }

    /// A problem at a place of the file: its line and column with a
    /// snippet, or for a sheet its name, row and column header.
    pub fn diagnostic(&self, offset: usize, len: usize, message: impl Into<String>) -> Diagnostic {
        match &self.sheet {
            Some(sheet) => Diagnostic::in_file(
                &self.file,
                msg!(
                    "sheet-place-message",
                    place = sheet.describe(offset),
                    message = message.into()
                ),
            ),
            None => {
                let d = Diagnostic::at(&self.file, &self.text, offset, len, message);
                match self.columns.get().and_then(|c| c.header_at(offset)) {
                    Some(header) => d.with_label(msg!("dir-column-label", column = header)),
                    None => d,
                }
            }
        }
    }
}

/// A value with where it was written.
#[derive(Debug, Clone)]
pub struct Field {
    pub value: Value,
    pub offset: usize,
    pub len: usize,
}

/// A markdown text (a record's body, or a table's `body` field) and where
/// it starts in its source.
#[derive(Debug, Clone)]
pub struct Markdown {
    pub text: String,
    pub offset: usize,
}
