//! Errors as values: a [`Diagnostic`] names the file, line and column of a
//! problem and carries the offending snippet, and a [`Diagnostics`] collects
//! them so that one build reports every content error it finds.
//!
//! Diagnostics render through miette (snippet, label, help) and their plain
//! `Display` starts with `path:line:column:` so that editors and tests can
//! find the place without the fancy renderer.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{LabeledSpan, SourceCode};

/// A byte span inside a source file, with its 1-based line and column
/// (column counted in characters, as an editor shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub offset: usize,
    pub len: usize,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` (length `len`) in `source`.
    pub fn at(source: &str, offset: usize, len: usize) -> Location {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        let len = len.min(source.len() - offset);
        Location {
            offset,
            len,
            line,
            column,
        }
    }

    /// The location of a 1-based line and column in `source`.
    pub fn from_line_column(source: &str, line: usize, column: usize) -> Location {
        let mut offset = 0;
        for (i, text) in source.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_bytes: usize = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                offset += col_bytes;
                break;
            }
            offset += text.len();
        }
        Location::at(source, offset, 1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found while loading, checking or building a site.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub message: String,
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// The file's text, for the snippet.
    pub source: Option<Arc<str>>,
    pub location: Option<Location>,
    /// The snippet's label and a hint on how to fix it (boxed: rarely set,
    /// and it keeps `Result<_, Diagnostic>` small).
    pub notes: Option<Box<Notes>>,
}

/// Optional parts of a diagnostic.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem that belongs to no file (configuration of the run itself).
    pub fn new(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            file: None,
            source: None,
            location: None,
            notes: None,
        }
    }

    /// A problem with a whole file.
    pub fn in_file(file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: Some(file.as_ref().to_path_buf()),
            ..Diagnostic::new(message)
        }
    }

    /// A problem at a byte span of a file whose text we have.
    pub fn at(
        file: impl AsRef<Path>,
        source: &Arc<str>,
        offset: usize,
        len: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: Some(file.as_ref().to_path_buf()),
            source: Some(source.clone()),
            location: Some(Location::at(source, offset, len)),
            ..Diagnostic::new(message)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.notes.get_or_insert_default().label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.notes.get_or_insert_default().help = Some(help.into());
        self
    }

    /// The hint on how to fix the problem, if any.
    pub fn help(&self) -> Option<&str> {
        self.notes.as_ref()?.help.as_deref()
    }

    /// `path:line:column` (or as much of it as is known).
    pub fn place(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match self.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file,
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place() {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.location?;
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let location = self.location?;
        self.source.as_ref()?;
        let span = LabeledSpan::new(
            Some(
                self.notes
                    .as_ref()
                    .and_then(|n| n.label.clone())
                    .unwrap_or_else(|| "here".to_string()),
            ),
            location.offset,
            location.len.max(1),
        );
        Some(Box::new(std::iter::once(span)))
    }
}

/// Every problem a run found, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Sort by file and position, so reports are deterministic under rayon.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.file.clone(),
                    d.location.map(|l| (l.line, l.column)),
                    d.message.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        self.0.dedup_by(|a, b| a.to_string() == b.to_string());
    }

    /// `Ok(value)` when nothing was found, otherwise every diagnostic.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            self.sort();
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters_not_bytes() {
        let src = "第一行\n第二行 x";
        let at_x = src.find('x').unwrap();
        let l = Location::at(src, at_x, 1);
        assert_eq!((l.line, l.column), (2, 5));
    }

    #[test]
    fn display_starts_with_place() {
        let src: Arc<str> = Arc::from("a\nbc");
        let d = Diagnostic::at("content/a.md", &src, 3, 1, "bad");
        assert_eq!(d.to_string(), "content/a.md:2:2: bad");
    }

    #[test]
    fn from_line_column_round_trips() {
        let src = "ab\n中文x\n";
        let l = Location::from_line_column(src, 2, 3);
        assert_eq!(&src[l.offset..l.offset + 1], "x");
        assert_eq!((l.line, l.column), (2, 3));
    }
}
