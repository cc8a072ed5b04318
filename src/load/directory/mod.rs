//! The records sections of `content/` read into raw records (markdown
//! records, YAML, CSV and spreadsheet tables), each field with where it was
//! written; `resolve::directory` checks and links them.

mod fields;
mod sheet;
mod table;

use rayon::prelude::*;

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

/// Every record file of `content`, read in parallel.
pub fn read(content: &Content) -> Tables {
    let read: Vec<(usize, Result<table::Read, Diagnostic>, Vec<Diagnostic>)> = content
        .records
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut warnings = vec![];
            let read = fields::read(f, &mut warnings);
            (i, read, warnings)
        })
        .collect();
    let mut tables = Tables::default();
    for (i, r, warnings) in read {
        tables.warnings.extend(warnings);
        match r {
            Ok((rs, errors)) => {
                tables.records.extend(rs.into_iter().map(|r| (i, r)));
                tables.errors.extend(errors);
            }
            Err(d) => tables.errors.push(d),
        }
    }
    tables
}
