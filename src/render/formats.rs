//! Small formats of the directory's pages: `tel:` links, ISO and Chinese
//! dates of activities, month names and the QR code of a page.

use crate::model::directory::{Activity, ActivityStatus};
use crate::render::views;

/// `tel:` link of a phone number (digits and `+` only; an extension after `转`
/// as `,`).
pub fn tel(number: &str) -> String {
    let (main, ext) = number.split_once('转').unwrap_or((number, ""));
    let mut out: String = main
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if !ext.is_empty() {
        out.push(',');
        out.extend(ext.chars().filter(char::is_ascii_digit));
    }
    format!("tel:{out}")
}

/// ISO 8601 with +08:00, or a date for a whole-day activity.
pub(crate) fn iso(a: &Activity, t: jiff::civil::DateTime) -> String {
    if a.all_day {
        t.date().to_string()
    } else {
        format!("{}+08:00", t.strftime("%Y-%m-%dT%H:%M"))
    }
}

/// `2026年12月4日 09:00–11:30`, `2026年12月4日至5日`.
pub fn when_zh(a: &Activity) -> String {
    let (s, e) = (a.start, a.end);
    let day = |d: jiff::civil::Date| views::date_zh(d);
    if a.all_day {
        if s.date() == e.date() {
            format!("{}（全天）", day(s.date()))
        } else {
            format!("{}至{}", day(s.date()), day(e.date()))
        }
    } else if s.date() == e.date() {
        format!(
            "{} {}–{}",
            day(s.date()),
            s.strftime("%H:%M"),
            e.strftime("%H:%M")
        )
    } else {
        format!(
            "{} {}至{} {}",
            day(s.date()),
            s.strftime("%H:%M"),
            day(e.date()),
            e.strftime("%H:%M")
        )
    }
}

/// What the page says of an activity's status (nothing when scheduled).
pub(crate) fn status_zh(s: ActivityStatus) -> Option<&'static str> {
    match s {
        ActivityStatus::Scheduled => None,
        ActivityStatus::Cancelled => Some("已取消"),
        ActivityStatus::Full => Some("名额已满"),
    }
}

/// `2026-12` as `2026年12月`.
pub(crate) fn month_zh(m: &str) -> String {
    match m.split_once('-') {
        Some((y, mo)) => format!("{y}年{}月", mo.trim_start_matches('0')),
        None => m.to_string(),
    }
}

/// A QR code of `url` as SVG, for printing on notice boards.
pub fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        // Only a URL longer than a QR code holds (about 2,300 bytes).
        Err(_) => String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>"#),
    }
}
