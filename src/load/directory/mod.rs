//! The records sections of `content/` read into raw records (markdown
//! records, YAML, CSV and spreadsheet tables), each field with where it was
//! written; `resolve::directory` checks and links them.

mod fields;
mod sheet;
mod table;

use rayon::prelude::*;

use super::cache::{Looked, Shelf, fetch};
use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::model::content::Content;
pub use fields::{Located, Reader};
pub use table::Raw;

/// What reading the record files found.
#[derive(Default)]
pub struct Tables {
    /// The raw records, with the index of their file.
    pub records: Vec<(usize, Raw)>,
    /// Files and rows that could not be read (the other rows of a file are
    /// still read).
    pub errors: Diagnostics,
    /// Problems that do not stop the build (a CSV table in GB18030).
    pub warnings: Diagnostics,
}

/// A record file's raw rows (or its problem) and its warnings: what the
/// load cache keeps of it.
pub type Parsed = (Result<table::Read, Diagnostic>, Vec<Diagnostic>);

/// The server's read record files, kept between loads (see
/// [`super::cache`]).
pub type RecordCache = Shelf<Parsed>;

/// Every record file of `content`, read in parallel; with a `cache` (the
/// server's), files that did not change since the last read are taken from
/// it.
pub fn read(content: &Content, cache: Option<&mut RecordCache>) -> Tables {
    let shelf = cache.as_deref();
    let read: Vec<(usize, Parsed, Option<Looked<Parsed>>)> = content
        .records
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let (parsed, looked) = fetch(
                shelf,
                &f.disk,
                || format!("{:?} {:?} {}", f.kind, f.format, f.file.display()),
                || {
                    let mut warnings = vec![];
                    let read = fields::read(f, &mut warnings);
                    (read, warnings)
                },
            );
            (i, parsed, looked)
        })
        .collect();
    let mut tables = Tables::default();
    let mut kept = vec![];
    for (i, (r, warnings), looked) in read {
        kept.extend(looked);
        tables.warnings.extend(warnings);
        match r {
            Ok((rs, errors)) => {
                tables.records.extend(rs.into_iter().map(|r| (i, r)));
                tables.errors.extend(errors);
            }
            Err(d) => tables.errors.push(d),
        }
    }
    if let Some(cache) = cache {
        cache.keep(kept);
    }
    tables
}
