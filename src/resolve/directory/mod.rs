//! The directory: the records `load` read from the records sections of
//! `content/` (markdown records and CSV/YAML tables alike), checked, typed,
//! and linked to each other and to the articles of the measures they
//! implement. The format is documented in `docs/directory.md`.

mod records;

use std::collections::HashMap;

use crate::base::diagnostics::Diagnostics;
use crate::load::directory::RecordCache;
use crate::model::clock::BuildTime;
use crate::model::config::Config;
use crate::model::content::Content;
use crate::model::directory::{Directory, Record};
use crate::model::links::Urls;

/// Read, check and link every record of the site; problems that do not
/// stop the build go to `warnings`. `time` decides which activities are
/// still to come. With a `cache` (the server's), record files that did not
/// change are not read again.
pub fn directory(
    config: &Config,
    content: &Content,
    urls: &Urls,
    time: BuildTime,
    cache: Option<&mut RecordCache>,
    warnings: &mut Diagnostics,
) -> Result<Directory, Diagnostics> {
    if content.records.is_empty() {
        return Ok(Directory::default());
    }
    let started = std::time::Instant::now();
    let tables = crate::load::directory::read(content, cache);
    warnings.extend(tables.warnings.0);
    let (raws, mut diagnostics) = (tables.records, tables.errors);
    crate::base::timing::timing("dir-read", started);
    let started = std::time::Instant::now();
    let mut dir = records::build(
        config,
        content,
        urls,
        raws,
        time.today().year(),
        &mut diagnostics,
    );
    crate::base::timing::timing("dir-build", started);
    dir.now = Some(time.now());
    diagnostics.into_result(dir)
}

/// An index from ids to positions, reporting duplicates.
pub(crate) fn index_ids<'a>(
    records: impl Iterator<Item = &'a Record>,
    kind: &str,
    diagnostics: &mut Diagnostics,
) -> HashMap<String, usize> {
    let mut map: HashMap<String, usize> = HashMap::new();
    let mut all: Vec<&Record> = vec![];
    for (i, r) in records.enumerate() {
        all.push(r);
        if let Some(&first) = map.get(&r.id) {
            let first: &Record = all[first];
            diagnostics.push(
                r.diagnostic(msg!(
                    "dir-id-twice",
                    kind = kind_name(kind),
                    id = &r.id,
                    file = first.file().display(),
                    line = first.line()
                ))
                .with_help(msg!("dir-id-twice-help")),
            );
        } else {
            map.insert(r.id.clone(), i);
        }
    }
    map
}

/// The name of a kind of record (`region`, `organization type`,
/// `organization`, `service`, `activity`) in the run's language.
pub(crate) fn kind_name(kind: &str) -> String {
    match kind {
        "region" => msg!("dir-kind-region"),
        "organization type" => msg!("dir-kind-org-type"),
        "organization" => msg!("dir-kind-organization"),
        "service" => msg!("dir-kind-service"),
        "activity" => msg!("dir-kind-activity"),
        "brand" => msg!("dir-kind-brand"),
        other => other.to_string(),
    }
}
