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
    /// What is wrong, in a sentence.
    pub message: String,
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// The lines around the problem, for the snippet (boxed, like
    /// `notes`, to keep `Result<_, Diagnostic>` small).
    pub snippet: Option<Box<Snippet>>,
    /// The line and column in `file`, when the problem has one place.
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
            snippet: None,
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
        let location = Location::at(source, offset, len);
        Diagnostic {
            file: Some(file.as_ref().to_path_buf()),
            snippet: Some(Box::new(Snippet::around(source, location))),
            location: Some(location),
            ..Diagnostic::new(message)
        }
    }

    /// Label the snippet's caret (what is at that place).
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.notes.get_or_insert_default().label = Some(label.into());
        self
    }

    /// Say how to fix it.
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
        self.snippet.as_deref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let snippet = self.snippet.as_ref()?;
        let span = LabeledSpan::new(
            Some(
                self.notes
                    .as_ref()
                    .and_then(|n| n.label.clone())
                    .unwrap_or_else(|| msg!("diagnostic-here")),
            ),
            snippet.offset,
            snippet.len.max(1),
        );
        Some(Box::new(std::iter::once(span)))
    }
}

/// The lines of a file around a problem, each cut to a readable width: a
/// diagnostic in a 5 MB one-line file shows a line, not 5 MB.
#[derive(Debug, Clone)]
pub struct Snippet {
    text: Arc<str>,
    /// The file's line number of the snippet's first line, less one.
    lines_before: usize,
    /// The problem's byte span within `text`.
    offset: usize,
    len: usize,
}

impl Snippet {
    /// Lines shown before and after the problem's line.
    const CONTEXT: usize = 2;
    /// Characters shown on each side of the problem in a long line.
    const WIDTH: usize = 80;

    fn around(source: &str, at: Location) -> Snippet {
        let first = at.line.saturating_sub(Self::CONTEXT).max(1);
        let mut text = String::new();
        let (mut offset, mut len) = (0, at.len);
        let mut line_start = source[..at.offset].rfind('\n').map_or(0, |i| i + 1);
        // Walk back to the first shown line.
        for _ in first..at.line {
            line_start = source[..line_start.saturating_sub(1)]
                .rfind('\n')
                .map_or(0, |i| i + 1);
        }
        for (n, line) in source[line_start..]
            .split_inclusive('\n')
            .take(at.line - first + 1 + Self::CONTEXT)
            .enumerate()
        {
            let line = line.trim_end_matches(['\n', '\r']);
            if first + n == at.line {
                let col = at.offset - line_start;
                let from = back_chars(line, col, Self::WIDTH);
                let mut end = (col + at.len).min(line.len());
                while !line.is_char_boundary(end) {
                    end += 1;
                }
                let to = forward_chars(line, end, Self::WIDTH);
                if from > 0 {
                    text.push('…');
                }
                offset = text.len() + col - from;
                len = len.min(to.max(col) - col);
                text.push_str(&line[from..to]);
                if to < line.len() {
                    text.push('…');
                }
            } else {
                let to = forward_chars(line, 0, 2 * Self::WIDTH);
                text.push_str(&line[..to]);
                if to < line.len() {
                    text.push('…');
                }
            }
            text.push('\n');
            if first + n < at.line {
                line_start += source[line_start..].find('\n').map_or(0, |i| i + 1);
            }
        }
        Snippet {
            text: Arc::from(text),
            lines_before: first - 1,
            offset,
            len,
        }
    }

    /// The snippet's text (lines of the file, long ones cut with `…`).
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The byte index `n` characters before `i` in `line` (or 0).
fn back_chars(line: &str, i: usize, n: usize) -> usize {
    line[..i]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(j, _)| j)
}

/// The byte index `n` characters after `i` in `line` (or its end).
fn forward_chars(line: &str, i: usize, n: usize) -> usize {
    line[i..]
        .char_indices()
        .nth(n)
        .map_or(line.len(), |(j, _)| i + j)
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let c = self.text.as_ref().read_span(span, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new(
            c.data(),
            *c.span(),
            c.line() + self.lines_before,
            c.column(),
            c.line_count(),
        )))
    }
}

/// Every problem a run found, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Add one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Add problems.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// No problem found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems.
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
    fn snippets_of_long_lines_are_cut_and_keep_their_line_numbers() {
        let long = format!(
            "a: 1\nb: 2\n{}错{}\nc: 3\nd: 4\ne: 5\n",
            "x".repeat(5000),
            "y".repeat(5000)
        );
        let src: Arc<str> = Arc::from(long.as_str());
        let d = Diagnostic::at("content/a.md", &src, long.find('错').unwrap(), 3, "bad");
        assert_eq!(d.to_string(), "content/a.md:3:5001: bad");
        let snippet = d.snippet.as_ref().unwrap();
        assert!(snippet.text().len() < 400, "{}", snippet.text());
        assert_eq!(&snippet.text()[snippet.offset..snippet.offset + 3], "错");
        assert!(snippet.text().starts_with("a: 1\nb: 2\n…x"));
        assert!(snippet.text().ends_with("y…\nc: 3\nd: 4\n"));
        let mut shown = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut shown, &d)
            .unwrap();
        assert!(shown.contains(" 3 │ …x"), "{shown}");
        assert!(shown.len() < 2000, "{shown}");
    }

    #[test]
    fn from_line_column_round_trips() {
        let src = "ab\n中文x\n";
        let l = Location::from_line_column(src, 2, 3);
        assert_eq!(&src[l.offset..l.offset + 1], "x");
        assert_eq!((l.line, l.column), (2, 3));
    }
}
