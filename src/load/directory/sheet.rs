//! Directory tables from spreadsheets (`.xlsx`, `.xls`, `.ods`), read with
//! calamine. Each visible sheet whose first row has an `id` column is a
//! table; its cells are turned into the text Excel shows (a phone number
//! typed as a number without `.0`, a date as `YYYY-MM-DD`) and then read
//! exactly as the cells of a CSV table are (`table::row`), so that the
//! same checks apply. Messages name the sheet, Excel's row number and the
//! column's header instead of a line.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsx};

use super::table::{self, Raw, Read};
use crate::base::diagnostics::Diagnostic;
use crate::base::files::read_bytes;
use crate::model::content::{RecordFile, RecordKind};
use crate::model::directory::{CellPlace, SheetPlaces, Source};

/// The start of an OLE compound file: an `.xls`, or an `.xlsx` saved with
/// a password (encrypted workbooks are wrapped in one).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Read every table sheet of a workbook. A workbook that cannot be opened
/// (damaged, encrypted) is an error for the file; a sheet that cannot be
/// read, or whose header is wrong, is an error for that sheet, and the
/// other sheets are still read.
pub(super) fn workbook(file: &RecordFile) -> Result<Read, Diagnostic> {
    let bytes = read_bytes(&file.disk, &file.file)?;
    let ext = file
        .file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let cannot_open = |reason: String| {
        let encrypted = ext != "xls" && bytes.starts_with(&OLE_MAGIC);
        let (message, help) = if encrypted || reason.contains("password") {
            (msg!("sheet-password"), msg!("sheet-password-help"))
        } else {
            (
                msg!(
                    "sheet-damaged",
                    ext = &ext,
                    reason = crate::base::words::quoted(&reason)
                ),
                msg!("sheet-damaged-help"),
            )
        };
        Diagnostic::in_file(&file.file, message).with_help(help)
    };
    // calamine is not expected to panic, but a damaged workbook from an
    // editor's inbox must never take the build down with it.
    let opened = std::panic::catch_unwind(|| open(&ext, Cursor::new(bytes.as_slice())));
    let mut workbook = match opened {
        Ok(Ok(w)) => w,
        Ok(Err(reason)) => return Err(cannot_open(reason)),
        Err(_) => return Err(cannot_open(msg!("sheet-reader-failed"))),
    };
    let sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut raws = vec![];
    let mut errors = vec![];
    for name in sheets {
        let range = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            workbook.worksheet_range(&name)
        }));
        match range {
            Ok(Ok(range)) => {
                if let Err(e) = sheet_table(file, &name, &range, &mut raws, &mut errors) {
                    errors.push(e);
                }
            }
            Ok(Err(e)) => errors.push(Diagnostic::in_file(
                &file.file,
                msg!(
                    "sheet-unreadable",
                    sheet = &name,
                    reason = crate::base::words::quoted(&e.to_string())
                ),
            )),
            Err(_) => return Err(cannot_open(msg!("sheet-reader-failed"))),
        }
    }
    Ok((raws, errors))
}

fn open<'a>(ext: &str, bytes: Cursor<&'a [u8]>) -> Result<Sheets<Cursor<&'a [u8]>>, String> {
    match ext {
        "xls" => Xls::new(bytes).map(Sheets::Xls).map_err(|e| e.to_string()),
        "ods" => Ods::new(bytes).map(Sheets::Ods).map_err(|e| e.to_string()),
        _ => Xlsx::new(bytes)
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string()),
    }
}

/// One sheet as a table: skipped when empty; an error when its first row
/// has no `id` column (a title row above the header, a sheet of notes).
fn sheet_table(
    file: &RecordFile,
    name: &str,
    range: &Range<Data>,
    raws: &mut Vec<Raw>,
    errors: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    let Some((first_row, _)) = range.start() else {
        return Ok(());
    };
    let Some(header) = range.rows().next() else {
        return Ok(());
    };
    let header_texts: Vec<String> = header
        .iter()
        .map(|c| cell_text(c).unwrap_or_default())
        .collect();
    let mut headers = table::header_names(header_texts.iter().map(String::as_str));
    // Columns with no name and nothing in them (formatting that reaches
    // past the table) are not columns.
    while headers.last().is_some_and(String::is_empty)
        && range
            .rows()
            .all(|r| r.get(headers.len() - 1).is_none_or(|c| *c == Data::Empty))
    {
        headers.pop();
    }
    // The sheet's text: one line for each row, a tab before each cell.
    let mut text = String::new();
    let mut places = vec![];
    let mut cells: Vec<Vec<(usize, usize)>> = vec![];
    let mut cell_errors = vec![];
    for (i, row) in range.rows().enumerate() {
        let excel_row = first_row + i as u32 + 1;
        places.push(CellPlace {
            offset: text.len(),
            row: excel_row,
            column: None,
        });
        let mut spans = vec![];
        for (j, cell) in row.iter().take(headers.len()).enumerate() {
            text.push('\t');
            let offset = text.len();
            if i > 0 {
                places.push(CellPlace {
                    offset,
                    row: excel_row,
                    column: Some(headers[j].clone()),
                });
            }
            match cell_text(cell) {
                Ok(t) => text.push_str(&t),
                Err(e) => cell_errors.push((offset, e)),
            }
            spans.push((offset, text.len() - offset));
        }
        text.push('\n');
        cells.push(spans);
    }
    let source = Arc::new(Source::sheet(
        file.file.clone(),
        Arc::from(text),
        SheetPlaces {
            name: name.to_string(),
            places,
        },
    ));
    // Funds rows have no id of their own: their key is the organization's.
    let key = if file.kind == RecordKind::Funds {
        "org"
    } else {
        "id"
    };
    if !headers.iter().any(|h| h == key) {
        return Err(source
            .diagnostic(0, 1, msg!("sheet-no-id-column"))
            .with_help(msg!("sheet-no-id-column-help")));
    }
    table::check_headers(&source, &headers, 0)?;
    for (offset, message) in cell_errors {
        errors.push(
            source
                .diagnostic(offset, 1, message)
                .with_help(msg!("sheet-cell-error-help")),
        );
    }
    for spans in cells.iter().skip(1) {
        let Some(&(first, _)) = spans.first() else {
            continue;
        };
        let row_cells = spans.iter().map(|&(offset, len)| table::Cell {
            text: &source.text[offset..offset + len],
            offset,
            len,
        });
        raws.extend(table::row(&source, &headers, first - 1, row_cells));
    }
    Ok(())
}

/// The text a cell shows: numbers as Excel shows them in General format
/// (`13800138000`, not `13800138000.0`), dates as `YYYY-MM-DD` (with
/// ` HH:MM` when there is a time of day), times as `HH:MM`. An error value
/// (`#N/A`) is a problem.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_duration() => {
            let minutes = (dt.as_f64() * 24.0 * 60.0).round() as i64;
            format!("{}:{:02}", minutes / 60, minutes % 60)
        }
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            // Seconds are not shown; round to the minute.
            let (h, mi) = if s >= 30 || (s == 29 && ms >= 500) {
                ((h + u8::from(mi == 59)) % 24, (mi + 1) % 60)
            } else {
                (h, mi)
            };
            if dt.as_f64() < 1.0 {
                format!("{h:02}:{mi:02}")
            } else if h == 0 && mi == 0 {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
            }
        }
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((date, time)) if time.starts_with("00:00:00") => date.to_string(),
            Some((date, time)) => format!("{date} {}", time.get(..5).unwrap_or(time)),
            None => s.clone(),
        },
        Data::DurationIso(s) => iso_duration(s).unwrap_or_else(|| s.clone()),
        Data::Error(e) => {
            return Err(msg!(
                "sheet-cell-error",
                error = crate::base::words::quoted(&e.to_string())
            ));
        }
    })
}

/// A number as Excel's General format shows it: whole numbers without a
/// decimal point, others to 15 significant digits without trailing zeros.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let magnitude = if f == 0.0 {
        0
    } else {
        f.abs().log10().floor() as i32
    };
    let decimals = (14 - magnitude).clamp(0, 15) as usize;
    let s = format!("{f:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `PT08H30M00S` (a time cell of an `.ods`) as `08:30`.
fn iso_duration(s: &str) -> Option<String> {
    let rest = s.strip_prefix("PT")?;
    let (h, rest) = rest.split_once('H')?;
    let (m, _) = rest.split_once('M')?;
    Some(format!(
        "{:02}:{:02}",
        h.parse::<u32>().ok()?,
        m.parse::<u32>().ok()?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_as_excel_shows_them() {
        assert_eq!(number(13800138000.0), "13800138000");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(cell_text(&Data::Int(12338)).unwrap(), "12338");
    }

    #[test]
    fn ods_times_and_dates_are_text() {
        assert_eq!(iso_duration("PT08H30M00S").unwrap(), "08:30");
        let d = Data::DateTimeIso("2025-03-08T00:00:00".into());
        assert_eq!(cell_text(&d).unwrap(), "2025-03-08");
    }
}
