//! iCalendar (RFC 5545) feeds of activities: one for the whole site, one
//! per organization. Times are written in UTC (`…Z`), whole-day activities
//! as dates; text is escaped and long lines folded at 75 octets without
//! splitting a character.

use jiff::civil::DateTime;

use crate::model::directory::{Activity, ActivityStatus, Directory};
use crate::model::links::Urls;

/// A calendar of `activities` (indices into the directory): its
/// [`head`], an [`event`] each, its [`tail`].
pub fn calendar(
    name: &str,
    dir: &Directory,
    activities: &[usize],
    urls: &Urls,
    host: &str,
) -> String {
    let mut out = head(name);
    let stamp = stamp(dir);
    for &i in activities {
        event(&mut out, dir, i, urls, host, &stamp);
    }
    out.push_str(&tail());
    out
}

/// What a calendar starts with, before its events.
pub fn head(name: &str) -> String {
    let mut out = String::new();
    let mut line = |s: &str| fold(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//gongkai//gongkai static site generator//ZH");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    line("X-WR-TIMEZONE:Asia/Shanghai");
    out
}

/// What a calendar ends with.
pub fn tail() -> String {
    let mut out = String::new();
    fold(&mut out, "END:VCALENDAR");
    out
}

/// The DTSTAMP of every event: the day of the build, so that rebuilding
/// on the same day changes nothing.
pub fn stamp(dir: &Directory) -> String {
    utc(dir.now().date().to_datetime(jiff::civil::Time::midnight()))
}

/// Activity `i`'s VEVENT, appended to `out`. It shows the activity's own
/// fields and its organizers' names.
pub fn event(out: &mut String, dir: &Directory, i: usize, urls: &Urls, host: &str, stamp: &str) {
    let mut line = |s: &str| fold(out, s);
    let a: &Activity = &dir.activities[i];
    line("BEGIN:VEVENT");
    line(&format!("UID:{}@{}", a.record.id, host));
    line(&format!("DTSTAMP:{stamp}"));
    if a.all_day {
        let last = a.end.date().tomorrow().unwrap_or(a.end.date());
        line(&format!(
            "DTSTART;VALUE=DATE:{}",
            a.start.date().strftime("%Y%m%d")
        ));
        line(&format!("DTEND;VALUE=DATE:{}", last.strftime("%Y%m%d")));
    } else {
        line(&format!("DTSTART:{}", utc(a.start)));
        line(&format!("DTEND:{}", utc(a.end)));
    }
    line(&format!("SUMMARY:{}", escape(&a.title)));
    line(&format!("LOCATION:{}", escape(&a.place)));
    let mut description = vec![];
    let organizers: Vec<&str> = a
        .organizers
        .iter()
        .map(|&o| dir.organizations[o].name.as_str())
        .collect();
    description.push(format!("主办：{}", organizers.join("、")));
    if let Some(s) = &a.signup {
        description.push(format!("报名方式：{s}"));
    }
    if let Some(c) = a.capacity {
        description.push(format!("名额：{c}"));
    }
    if a.status == ActivityStatus::Full {
        description.push("名额已满".into());
    }
    line(&format!("DESCRIPTION:{}", escape(&description.join("\n"))));
    line(&format!("URL:{}", urls.permalink(&a.record.path)));
    line(match a.status {
        ActivityStatus::Cancelled => "STATUS:CANCELLED",
        _ => "STATUS:CONFIRMED",
    });
    line("END:VEVENT");
}

/// A local (UTC+8) time as an RFC 5545 UTC date-time.
fn utc(local: DateTime) -> String {
    let ts = jiff::tz::offset(8)
        .to_timestamp(local)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Write a content line, folded at 75 octets (RFC 5545 3.1), with CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_are_folded() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&mut out, &format!("SUMMARY:{}", "工会".repeat(30)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded.trim_end(),
            format!("SUMMARY:{}", "工会".repeat(30))
        );
    }

    #[test]
    fn local_times_become_utc() {
        let t: DateTime = "2026-12-04T09:00".parse().unwrap();
        assert_eq!(utc(t), "20261204T010000Z");
    }
}
