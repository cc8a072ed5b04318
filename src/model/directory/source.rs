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
}

impl Source {
    pub fn new(file: PathBuf, text: Arc<str>) -> Source {
        Source {
            file,
            text,
            lines: std::sync::OnceLock::new(),
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

    pub fn diagnostic(&self, offset: usize, len: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.file, &self.text, offset, len, message)
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
