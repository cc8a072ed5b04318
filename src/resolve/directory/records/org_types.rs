//! An organization type record (妇联, 工会 …): its fields read and
//! checked, its hotline among them.

use super::contacts::check_phone;
use super::{Pending, Refs};
use crate::load::directory::Reader;
use crate::model::directory::{Hotline, OrgType, Record};

const TYPE_FIELDS: &[&str] = &[
    "id",
    "name",
    "full_name",
    "aliases",
    "hotline",
    "hotline_name",
    "body",
];

pub(super) fn org_type(mut r: Reader<'_>, record: Record) -> Option<Pending<OrgType>> {
    let name = r.required("name");
    let full_name = r.required("full_name");
    let aliases = r.list("aliases");
    let hotline = r.text("hotline");
    let hotline_name = r.text("hotline_name");
    if let Some(h) = &hotline {
        check_phone(&mut r, h);
    }
    let hotline = match (hotline, hotline_name) {
        (Some(h), Some(n)) => Some(Hotline {
            number: h.value,
            name: n.value,
        }),
        (Some(h), None) => {
            r.at(&h, msg!("dir-hotline-no-name"));
            None
        }
        (None, Some(n)) => {
            r.at(&n, msg!("dir-hotline-name-alone"));
            None
        }
        (None, None) => None,
    };
    r.finish(TYPE_FIELDS);
    Some(Pending {
        item: OrgType {
            record,
            name: name?.value,
            full_name: full_name?.value,
            aliases: aliases.into_iter().map(|a| a.value).collect(),
            hotline,
            organizations: vec![],
        },
        refs: Refs::default(),
    })
}
