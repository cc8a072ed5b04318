//! A region record (市, 区县, 乡镇街道, 村社区): its fields read and checked.

use super::{Pending, Refs};
use crate::load::directory::Reader;
use crate::model::directory::{Level, Record, Region};

const REGION_FIELDS: &[&str] = &["id", "name", "level", "parent", "code"];

pub(super) fn region(mut r: Reader<'_>, record: Record) -> Option<Pending<Region>> {
    let name = r.required("name");
    let level = r.required("level");
    let parent = r.text("parent");
    let code = r.text("code");
    if let Some(c) = &code {
        if !(matches!(c.value.len(), 6 | 9 | 12) && c.value.bytes().all(|b| b.is_ascii_digit())) {
            r.at(c, msg!("dir-region-bad-code", code = &c.value));
        }
    }
    let level_value = level.as_ref().and_then(|l| {
        let v = Level::parse(&l.value);
        if v.is_none() {
            r.at(l, msg!("dir-region-bad-level", level = &l.value));
        }
        v
    });
    r.finish(REGION_FIELDS);
    Some(Pending {
        item: Region {
            record,
            name: name?.value,
            level: level_value?,
            parent: None,
            code: code.map(|c| c.value),
            children: vec![],
            organizations: vec![],
            activities: vec![],
        },
        refs: Refs {
            parent,
            ..Refs::default()
        },
    })
}
