//! Raw records: the named values of a markdown record's front matter, a
//! YAML table entry, a CSV row or a spreadsheet row (`sheet`), each with
//! its place in the file, before they are checked and typed. All formats
//! go through this one shape,
//! and the typed reading in `records` reads only this shape, so that a row
//! and a markdown page with the same fields make the same record.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use super::super::front_matter;
use super::sheet;
use super::table::{self, Raw, Read, take_body};
use crate::base::diagnostics::Diagnostic;
use crate::base::files::{Encoding, read_utf8, read_utf8_or_gb18030};
use crate::base::yaml::{self, Spanned};
use crate::model::content::{RecordFile, RecordFormat};
use crate::model::directory::{CsvColumns, Field, Markdown, Source};

/// Read one record file into raw records, with the problems of rows that
/// could not be read (the file's other rows are still read); problems that
/// do not stop the build (a CSV table in GB18030) go to `warnings`.
pub fn read(file: &RecordFile, warnings: &mut Vec<Diagnostic>) -> Result<Read, Diagnostic> {
    if file.format == RecordFormat::Spreadsheet {
        return sheet::workbook(file);
    }
    let text = if file.format == RecordFormat::Csv {
        let (text, encoding) = read_utf8_or_gb18030(&file.disk, &file.file)?;
        if encoding == Encoding::Gb18030 {
            warnings.push(Diagnostic::in_file(&file.file, msg!("csv-read-as-gb18030")));
        }
        text
    } else {
        read_utf8(&file.disk, &file.file)?
    };
    let source = Arc::new(Source::new(file.file.clone(), text));
    match file.format {
        RecordFormat::Markdown => markdown(source).map(|r| (vec![r], vec![])),
        RecordFormat::Yaml => yaml_table(source).map(|r| (r, vec![])),
        RecordFormat::Csv => csv_table(source),
        RecordFormat::Spreadsheet => unreachable!("read above"),
    }
}

type SpannedMap = BTreeMap<String, Spanned<Value>>;

fn spanned_fields(
    map: SpannedMap,
    places: &yaml::Places,
    offset: usize,
) -> BTreeMap<String, Field> {
    map.into_iter()
        .map(|(k, v)| {
            let (offset, len) = places.place(&v, offset);
            (
                k,
                Field {
                    value: v.value,
                    offset,
                    len,
                },
            )
        })
        .collect()
}

fn markdown(source: Arc<Source>) -> Result<Raw, Diagnostic> {
    let text = source.text.clone();
    let split = front_matter::split(&source.file, &text, &text)?;
    let map: SpannedMap = yaml::parse(&source.file, &text, split.yaml, split.yaml_offset)?;
    let mut fields = spanned_fields(map, &yaml::Places::new(split.yaml), split.yaml_offset);
    let body = (!split.body.trim().is_empty()).then(|| Markdown {
        text: split.body.to_string(),
        offset: split.body_offset,
    });
    if body.is_some() {
        if let Some(f) = fields.get("body") {
            return Err(source.diagnostic(f.offset, f.len, msg!("record-body-twice")));
        }
    }
    let body = body.or_else(|| take_body(&mut fields));
    let default_id = source
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string);
    Ok(Raw {
        offset: split.yaml_offset.saturating_sub(4),
        source,
        fields,
        body,
        default_id,
    })
}

fn yaml_table(source: Arc<Source>) -> Result<Vec<Raw>, Diagnostic> {
    let text = source.text.clone();
    let rows: Vec<Spanned<SpannedMap>> =
        yaml::parse(&source.file, &text, &text, 0).map_err(|d| {
            // Only when the table is not a list: an indentation error in
            // the third record gets its own help.
            if d.help().is_none() && d.message.contains("expected sequence") {
                d.with_help(msg!("yaml-table-help"))
            } else {
                d
            }
        })?;
    let places = yaml::Places::new(&text);
    Ok(rows
        .into_iter()
        .map(|row| {
            let (offset, _) = places.place(&row, 0);
            let mut fields = spanned_fields(row.value, &places, 0);
            let body = take_body(&mut fields);
            Raw {
                source: source.clone(),
                offset,
                fields,
                body,
                default_id: None,
            }
        })
        .collect())
}

fn csv_table(source: Arc<Source>) -> Result<(Vec<Raw>, Vec<Diagnostic>), Diagnostic> {
    let text = source.text.clone();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let offset = e.position().map_or(0, |p| p.byte() as usize);
        source.diagnostic(
            offset,
            1,
            msg!(
                "csv-unreadable",
                error = crate::base::words::quoted(&e.to_string())
            ),
        )
    };
    let headers = table::header_names(reader.headers().map_err(csv_error)?.iter());
    table::check_headers(&source, &headers, 0)?;
    let mut raws = vec![];
    let mut errors = vec![];
    let mut places = vec![];
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => return Err(csv_error(e)),
        };
        // The reader's position can be at blank lines it skipped.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let line = source.line_of(start);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            errors.push(
                source
                    .diagnostic(
                        start,
                        1,
                        msg!(
                            "csv-column-count",
                            line = line,
                            columns = record.len(),
                            header = headers.len()
                        ),
                    )
                    .with_help(column_count_help(&headers, record.len())),
            );
            continue;
        }
        let mut at = start;
        places.push((start, None));
        let cells: Vec<table::Cell<'_>> = record
            .iter()
            .enumerate()
            .map(|(column, text)| {
                // Quoted cells start one byte later.
                let quoted = source.text.as_bytes().get(at) == Some(&b'"');
                let offset = at + usize::from(quoted);
                at += text.len() + 1 + 2 * usize::from(quoted);
                places.push((offset, Some(column)));
                table::Cell {
                    text,
                    offset,
                    len: text.len(),
                }
            })
            .collect();
        raws.extend(table::row(&source, &headers, start, cells));
    }
    // Set once every row is read: the rows' problems are made later.
    let _ = source.columns.set(CsvColumns { headers, places });
    // Every row with the wrong width is reported; the good rows are kept,
    // so that records they hold are still found by those that name them.
    Ok((raws, errors))
}

/// How to fix a CSV row with `found` cells under `headers`.
fn column_count_help(headers: &[String], found: usize) -> String {
    let names = crate::base::words::code_list(headers.iter().map(String::as_str));
    let header = headers.len();
    if found > header {
        msg!(
            "csv-column-count-too-many",
            header = header,
            names = names,
            found = found
        )
    } else {
        msg!(
            "csv-column-count-too-few",
            header = header,
            names = names,
            found = found
        )
    }
}

/// Reading typed values out of a raw record, collecting problems.
pub struct Reader<'a> {
    pub raw: &'a mut Raw,
    pub errors: &'a mut Vec<Diagnostic>,
}

/// A value read from a field, with where it was written.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub offset: usize,
    pub len: usize,
}

impl<'a> Reader<'a> {
    fn error(&mut self, field: &Field, message: String) {
        let d = self.raw.diagnostic_at(field, message);
        self.errors.push(d);
    }

    /// A text field; numbers are read as their digits.
    pub fn text(&mut self, key: &str) -> Option<Located<String>> {
        let field = self.raw.fields.remove(key)?;
        let text = match &field.value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Null => return None,
            _ => {
                self.error(&field, msg!("field-must-be-text", key = key));
                return None;
            }
        };
        (!text.is_empty()).then_some(Located {
            value: text,
            offset: field.offset,
            len: field.len,
        })
    }

    /// A text field that must be there.
    pub fn required(&mut self, key: &str) -> Option<Located<String>> {
        let v = self.text(key);
        if v.is_none() {
            let d = self.raw.diagnostic(msg!("field-required", key = key));
            self.errors.push(d);
        }
        v
    }

    /// A list: a YAML sequence, or text with `;` or `；` between items.
    pub fn list(&mut self, key: &str) -> Vec<Located<String>> {
        let Some(field) = self.raw.fields.remove(key) else {
            return vec![];
        };
        // Each item is located by finding its text in the file after the
        // previous item (exact for plain text; the field's place otherwise).
        let text = self.raw.source.text.clone();
        let mut from = field.offset;
        let mut at = |value: String| {
            let mut end = (from + 65_536).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let window = &text[from.min(end)..end];
            match window.find(value.as_str()) {
                Some(i) => {
                    let offset = from + i;
                    from = offset + value.len();
                    Located {
                        len: value.len().max(1),
                        value,
                        offset,
                    }
                }
                None => Located {
                    value,
                    offset: field.offset,
                    len: field.len,
                },
            }
        };
        match &field.value {
            Value::String(s) => s
                .split([';', '；'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| at(s.to_string()))
                .collect(),
            Value::Number(n) => vec![at(n.to_string())],
            Value::Null => vec![],
            Value::Array(items) => {
                let mut out = vec![];
                for item in items {
                    match item {
                        Value::String(s) if !s.trim().is_empty() => {
                            out.push(at(s.trim().to_string()))
                        }
                        Value::Number(n) => out.push(at(n.to_string())),
                        Value::String(_) | Value::Null => {}
                        _ => {
                            self.error(&field, msg!("field-items-text", key = key));
                            return vec![];
                        }
                    }
                }
                out
            }
            _ => {
                self.error(&field, msg!("field-must-be-list", key = key));
                vec![]
            }
        }
    }

    /// A whole number (0 or more).
    pub fn count(&mut self, key: &str) -> Option<u32> {
        let field = self.raw.fields.get(key)?.clone();
        let text = self.text(key)?;
        match text.value.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(
                    &field,
                    msg!("field-must-be-count", key = key, value = &text.value),
                );
                None
            }
        }
    }

    /// Report what was written and not read: unknown field names.
    pub fn finish(self, known: &[&str]) {
        let fields = std::mem::take(&mut self.raw.fields);
        for (key, field) in fields {
            let message = match known.iter().find(|k| strsim_close(k, &key)) {
                Some(close) => msg!("field-unknown-close", key = &key, close = *close),
                None => msg!("field-unknown", key = &key),
            };
            let d = self.raw.diagnostic_at(&field, message).with_help(msg!(
                "field-unknown-help",
                fields = crate::base::words::code_list(known.iter().copied())
            ));
            self.errors.push(d);
        }
    }

    pub fn at<T>(&mut self, value: &Located<T>, message: impl Into<String>) {
        let d = self.raw.source.diagnostic(value.offset, value.len, message);
        self.errors.push(d);
    }
}

/// Two field names one typing slip apart (a letter missing, extra, changed
/// or two swapped).
fn strsim_close(a: &str, b: &str) -> bool {
    crate::base::suggest::distance(a, b) <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn source(name: &str, text: &str) -> Arc<Source> {
        Arc::new(Source::new(PathBuf::from(name), Arc::from(text)))
    }

    #[test]
    fn yaml_tables_get_the_list_help_only_when_they_are_no_list() {
        let e = yaml_table(source("t.yaml", "id: a\nname: x\n")).unwrap_err();
        assert!(e.help().unwrap().contains("list of records"), "{e}");
        let e = yaml_table(source("t.yaml", "- id: a\n  name: x\n   region: y\n")).unwrap_err();
        let help = e.help().unwrap();
        assert!(
            help.contains("indentation") && !help.contains("list of records"),
            "{help}"
        );
    }

    #[test]
    fn csv_cells_name_their_column_and_bad_rows_say_why() {
        let src = "id,name,hours\na,甲,\"9:00,10:00\"\nb,乙,9:00,10:00\nc,丙\n";
        let (raws, errors) = csv_table(source("t.csv", src)).unwrap();
        assert_eq!(raws.len(), 1);
        let hours = &raws[0].fields["hours"];
        let d = raws[0].diagnostic_at(hours, "bad hours");
        let label = d.notes.as_ref().and_then(|n| n.label.as_deref());
        assert_eq!(label, Some("column `hours`"));
        // A problem with the whole row names no column.
        let label = raws[0].diagnostic("bad row").notes.and_then(|n| n.label);
        assert_eq!(label, None);
        assert_eq!(errors.len(), 2);
        let too_many = errors[0].help().unwrap();
        assert!(
            too_many.contains("has 3 columns (`id`, `name`, `hours`); this row has 4")
                && too_many.contains("double quotes"),
            "{too_many}"
        );
        assert!(errors[1].help().unwrap().contains("this row has 2"));
    }

    #[test]
    fn csv_rows_have_their_lines_and_cells() {
        let (raws, _) = csv_table(source("t.csv", "id,name\na,甲\n\nb,\"乙, 丙\"\n")).unwrap();
        assert_eq!(raws.len(), 2);
        assert_eq!(raws[1].source.line_of(raws[1].offset), 4);
        let f = &raws[1].fields["name"];
        assert_eq!(f.value, Value::String("乙, 丙".into()));
        assert_eq!(&raws[1].source.text[f.offset..f.offset + f.len], "乙, 丙");
    }

    #[test]
    fn csv_row_of_the_wrong_width_names_its_line() {
        let (rows, errors) = csv_table(source("t.csv", "id,name\na,甲\nb,乙,丙\nc,丁\n")).unwrap();
        assert_eq!(rows.len(), 2, "the good rows are kept");
        let e = &errors[0];
        assert!(e.to_string().contains("t.csv:3:1"), "{e}");
        assert!(e.to_string().contains("3 columns"), "{e}");
    }

    #[test]
    fn a_yaml_row_and_a_markdown_record_read_alike() {
        let rows = yaml_table(source("t.yaml", "- id: a\n  phones: 1; 2\n  body: 正文\n")).unwrap();
        let md = markdown(source(
            "a.md",
            "---\nid: a\nphones: [\"1\", \"2\"]\n---\n正文\n",
        ))
        .unwrap();
        for mut raw in [rows.into_iter().next().unwrap(), md] {
            let mut errors = vec![];
            let mut r = Reader {
                raw: &mut raw,
                errors: &mut errors,
            };
            let phones: Vec<String> = r.list("phones").into_iter().map(|l| l.value).collect();
            assert_eq!(phones, ["1", "2"]);
            assert_eq!(r.text("id").unwrap().value, "a");
            r.finish(&[]);
            assert!(errors.is_empty());
            assert_eq!(raw.body.unwrap().text.trim(), "正文");
        }
    }

    #[test]
    fn close_names_are_suggested() {
        assert!(strsim_close("phones", "phone"));
        assert!(strsim_close("region", "regoin"));
        assert!(!strsim_close("region", "type"));
    }
}
