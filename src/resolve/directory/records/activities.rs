//! An activity record: its fields read and checked, its start and end
//! times among them.

use super::{Pending, Refs};
use crate::load::directory::{Located, Reader};
use crate::load::front_matter::{self, parse_datetime};
use crate::model::directory::{Activity, ActivityStatus, Record};

const ACTIVITY_FIELDS: &[&str] = &[
    "id",
    "title",
    "organizers",
    "start",
    "end",
    "place",
    "region",
    "audiences",
    "signup",
    "capacity",
    "status",
    "body",
];

pub(super) fn activity(mut r: Reader<'_>, record: Record) -> Option<Pending<Activity>> {
    let title = r.required("title");
    let organizers = r.list("organizers");
    if organizers.is_empty() {
        let d = r.raw.diagnostic(msg!("dir-activity-no-organizers"));
        r.errors.push(d);
    }
    let start = r.required("start");
    let end = r.text("end");
    let place = r.required("place");
    let region = r.required("region");
    let audiences = r.list("audiences");
    let signup = r.text("signup");
    let capacity = r.count("capacity");
    let status = match r.text("status") {
        None => ActivityStatus::Scheduled,
        Some(s) => match s.value.as_str() {
            "scheduled" | "正常" => ActivityStatus::Scheduled,
            "cancelled" | "canceled" | "已取消" | "取消" => ActivityStatus::Cancelled,
            "full" | "已满" | "满员" | "报满" => ActivityStatus::Full,
            other => {
                r.at(&s, msg!("dir-activity-bad-status", status = other));
                ActivityStatus::Scheduled
            }
        },
    };
    let time = |r: &mut Reader<'_>, v: &Located<String>| match parse_datetime(&v.value) {
        Ok(t) => Some((t, front_matter::is_bare_date(&v.value))),
        Err(m) => {
            r.at(v, m);
            None
        }
    };
    let start_at = start.as_ref().and_then(|s| time(&mut r, s));
    let end_at = match &end {
        Some(e) => time(&mut r, e),
        None => match start_at {
            Some((s, true)) => Some((s, true)),
            Some(_) => {
                let d = r.raw.diagnostic(msg!("dir-activity-no-end"));
                r.errors.push(d);
                None
            }
            None => None,
        },
    };
    if let (Some((s, sd)), Some((e, ed)), Some(ev)) = (start_at, end_at, &end) {
        if e < s {
            r.at(
                ev,
                msg!(
                    "dir-activity-ends-first",
                    end = &ev.value,
                    start = start.as_ref().map_or("", |s| s.value.as_str())
                ),
            );
        } else if sd != ed {
            r.at(ev, msg!("dir-activity-mixed-times"));
        }
    }
    r.finish(ACTIVITY_FIELDS);
    let (start, all_day) = start_at?;
    let (end, _) = end_at?;
    Some(Pending {
        item: Activity {
            record,
            title: title?.value,
            organizers: vec![],
            start,
            end,
            all_day,
            place: place?.value,
            region: usize::MAX,
            audiences: audiences.into_iter().map(|v| v.value).collect(),
            signup: signup.map(|v| v.value),
            capacity,
            status,
        },
        refs: Refs {
            region: Some(region?),
            organizers,
            ..Refs::default()
        },
    })
}
