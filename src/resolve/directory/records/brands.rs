//! A brand or honour record (服务品牌, 青年文明号 …): its name, kind, level
//! and year read and checked; its holder and services are linked by id in
//! [`super::references`].

use super::{Pending, Refs};
use crate::load::directory::Reader;
use crate::model::directory::{Brand, BrandKind, BrandLevel, Holder, Record};

const BRAND_FIELDS: &[&str] = &[
    "id",
    "name",
    "kind",
    "level",
    "year",
    "holder",
    "holder_name",
    "services",
    "body",
];

/// The first year an honour can have been awarded in.
const FIRST_YEAR: i32 = 1949;

pub(super) fn brand(mut r: Reader<'_>, record: Record, this_year: i32) -> Option<Pending<Brand>> {
    let name = r.required("name");
    let kind = r
        .required("kind")
        .and_then(|k| match BrandKind::parse(&k.value) {
            Some(kind) => Some(kind),
            None => {
                r.at(
                    &k,
                    msg!(
                        "dir-brand-bad-kind",
                        value = &k.value,
                        accepted = BrandKind::accepted()
                    ),
                );
                None
            }
        });
    let level = r
        .required("level")
        .and_then(|l| match BrandLevel::parse(&l.value) {
            Some(level) => Some(level),
            None => {
                r.at(
                    &l,
                    msg!(
                        "dir-brand-bad-level",
                        value = &l.value,
                        accepted = BrandLevel::accepted()
                    ),
                );
                None
            }
        });
    let year = r.required("year").and_then(|y| {
        let text = y.value.trim_end_matches('年');
        match text.parse::<i32>() {
            Ok(n) if (FIRST_YEAR..=this_year).contains(&n) => Some(n),
            Ok(n) => {
                r.at(
                    &y,
                    msg!(
                        "dir-brand-year-range",
                        year = n,
                        first = FIRST_YEAR,
                        last = this_year
                    ),
                );
                None
            }
            Err(_) => {
                r.at(&y, msg!("dir-brand-bad-year", value = &y.value));
                None
            }
        }
    });
    let holder = r.text("holder");
    let holder_name = r.text("holder_name");
    if holder.is_none() && holder_name.is_none() {
        let d = r.raw.diagnostic(msg!("dir-brand-no-holder"));
        r.errors.push(d);
    }
    let services = r.list("services");
    r.finish(BRAND_FIELDS);
    if holder.is_none() && holder_name.is_none() {
        return None;
    }
    Some(Pending {
        item: Brand {
            record,
            name: name?.value,
            kind: kind?,
            level: level?,
            year: year?,
            holder: Holder {
                organization: None,
                name: holder_name.map(|v| v.value),
            },
            services: vec![],
        },
        refs: Refs {
            holder,
            services,
            ..Refs::default()
        },
    })
}
