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

/// Every record file of `content`, read in parallel: the raw records with
/// the index of their file, and the problems of files and rows that could
/// not be read (the other rows of a file are still read).
pub fn read(content: &Content) -> (Vec<(usize, Raw)>, Diagnostics) {
    let read: Vec<(usize, Result<table::Read, Diagnostic>)> = content
        .records
        .par_iter()
        .enumerate()
        .map(|(i, f)| (i, fields::read(f)))
        .collect();
    let mut diagnostics = Diagnostics::default();
    let mut raws: Vec<(usize, Raw)> = vec![];
    for (i, r) in read {
        match r {
            Ok((rs, errors)) => {
                raws.extend(rs.into_iter().map(|r| (i, r)));
                diagnostics.extend(errors);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    (raws, diagnostics)
}
