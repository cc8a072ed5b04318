//! Opening hours as editors write them (`周一至周五 08:30-12:00,14:00-17:30`),
//! parsed into days of the week and time ranges, for the page, schema.org
//! `OpeningHoursSpecification` and the HSDS schedule export.

use serde::Serialize;

use crate::base::width;

/// Monday first, as in China.
pub const DAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
/// schema.org / HSDS names.
pub const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// One entry: on these days, open during these times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpeningHours {
    /// 0 = Monday … 6 = Sunday, ascending.
    /// Empty for an entry that is only a note.
    pub days: Vec<u8>,
    pub times: Vec<TimeRange>,
    /// A holiday note written with the hours (`法定节假日除外`), or the
    /// whole entry (`法定节假日休息`): shown with the hours, not a schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeRange {
    /// `08:30`
    pub opens: String,
    /// `17:30`, or `24:00`
    pub closes: String,
}

impl OpeningHours {
    /// `周一至周五 08:30–12:00、14:00–17:30`
    pub fn to_zh(&self) -> String {
        let times: Vec<String> = self
            .times
            .iter()
            .map(|t| format!("{}–{}", t.opens, t.closes))
            .collect();
        let hours = if self.days.is_empty() {
            String::new()
        } else {
            format!("{} {}", days_zh(&self.days), times.join("、"))
        };
        match &self.note {
            Some(note) if hours.is_empty() => note.clone(),
            Some(note) => format!("{hours}（{note}）"),
            None => hours,
        }
    }
}

/// `周一至周五`, `周一、周三`, `每天`.
pub fn days_zh(days: &[u8]) -> String {
    if days.len() == 7 {
        return "每天".into();
    }
    // Runs of consecutive days.
    let mut parts: Vec<String> = vec![];
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j + 1] == days[j] + 1 {
            j += 1;
        }
        let (a, b) = (DAYS_ZH[days[i] as usize], DAYS_ZH[days[j] as usize]);
        parts.push(match j - i {
            0 => a.to_string(),
            1 => format!("{a}、{b}"),
            _ => format!("{a}至{b}"),
        });
        i = j + 1;
    }
    parts.join("、")
}

/// Parse one entry. Full-width digits and separators are read as ASCII
/// ones; a note in brackets (`（法定节假日除外）`), or a holiday note after
/// the times or on its own (`法定节假日休息`), is kept as the entry's note.
pub fn parse(entry: &str) -> Result<OpeningHours, String> {
    let entry = entry.trim();
    let hint = msg!("hours-hint");
    let folded = width::fold(entry);
    let (text, mut notes) = bracketed_notes(&folded);
    let Some(split) = text.find(|c: char| c.is_ascii_digit()) else {
        if is_holiday_note(&text) {
            notes.insert(0, text.trim().to_string());
        }
        if !notes.iter().any(|n| is_holiday_note(n)) {
            return Err(msg!("hours-no-times", entry = entry, hint = hint));
        }
        return Ok(OpeningHours {
            days: vec![],
            times: vec![],
            note: Some(notes.join("，")),
        });
    };
    let (days_text, times_text) = text.split_at(split);
    let days = parse_days(days_text.trim())
        .map_err(|m| msg!("hours-bad-days", entry = entry, reason = m, hint = &hint))?;
    let mut times = vec![];
    for part in times_text
        .split([',', '，', ' ', '、', ';', '；'])
        .filter(|s| !s.trim().is_empty())
    {
        let part = part.trim();
        if is_holiday_note(part) && !part.contains(|c: char| c.is_ascii_digit()) {
            notes.push(part.to_string());
            continue;
        }
        times.push(
            parse_range(part).map_err(|m| msg!("hours-bad-times", entry = entry, reason = m))?,
        );
    }
    let note = (!notes.is_empty()).then(|| notes.join("，"));
    Ok(OpeningHours { days, times, note })
}

/// A note about holidays (节假日, 寒暑假): the one kind of words that may
/// stand with opening hours.
fn is_holiday_note(text: &str) -> bool {
    text.contains('假')
}

/// `text` without its bracketed parts (`（…）`, `(…)`), and those parts.
fn bracketed_notes(text: &str) -> (String, Vec<String>) {
    let mut rest = String::new();
    let mut notes = vec![];
    let mut note: Option<String> = None;
    for c in text.chars() {
        match (c, &mut note) {
            ('（' | '(', None) => note = Some(String::new()),
            ('）' | ')', Some(n)) => {
                let n = n.trim();
                if !n.is_empty() {
                    notes.push(n.to_string());
                }
                note = None;
                rest.push(' ');
            }
            (c, Some(n)) => n.push(c),
            (c, None) => rest.push(c),
        }
    }
    if let Some(unclosed) = note {
        rest.push('(');
        rest.push_str(&unclosed);
    }
    (rest, notes)
}

fn day_of(name: &str) -> Option<u8> {
    let name = name.trim();
    let zh = ["一", "二", "三", "四", "五", "六", "日"];
    for prefix in ["周", "星期", "礼拜"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            let rest = if rest == "天" { "日" } else { rest };
            return zh.iter().position(|d| *d == rest).map(|d| d as u8);
        }
    }
    let en = ["mo", "tu", "we", "th", "fr", "sa", "su"];
    let lower = name.to_ascii_lowercase();
    en.iter()
        .position(|d| lower.len() >= 2 && lower.starts_with(d))
        .filter(|_| lower.len() <= 9)
        .map(|d| d as u8)
}

fn parse_days(text: &str) -> Result<Vec<u8>, String> {
    let mut days = vec![];
    for part in text
        .split(['、', ',', '，', ' '])
        .filter(|s| !s.trim().is_empty())
    {
        let part = part.trim();
        match part {
            "每天" | "每日" | "全天" => days.extend(0..7),
            "工作日" => days.extend(0..5),
            "周末" | "双休日" => days.extend(5..7),
            _ => {
                let range = ['至', '到', '-', '~', '–', '—']
                    .iter()
                    .find_map(|sep| part.split_once(*sep));
                match range {
                    Some((a, b)) => {
                        let (a, b) = (
                            day_of(a).ok_or_else(|| msg!("hours-not-a-day", day = a))?,
                            day_of(b).ok_or_else(|| msg!("hours-not-a-day", day = b))?,
                        );
                        if b < a {
                            return Err(msg!("hours-days-backwards", days = part));
                        }
                        days.extend(a..=b);
                    }
                    None => {
                        days.push(day_of(part).ok_or_else(|| msg!("hours-not-a-day", day = part))?)
                    }
                }
            }
        }
    }
    if days.is_empty() {
        return Err(msg!("hours-no-days"));
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

fn parse_time(text: &str) -> Option<(u32, String)> {
    let text = text.trim();
    let (h, m) = text.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 || h > 24 || (h == 24 && m > 0) || !(1..=2).contains(&text.find(':')?) {
        return None;
    }
    Some((h * 60 + m, format!("{h:02}:{m:02}")))
}

fn parse_range(text: &str) -> Result<TimeRange, String> {
    let (a, b) = ['-', '–', '—', '~', '至', '到']
        .iter()
        .find_map(|sep| text.split_once(*sep))
        .ok_or_else(|| msg!("hours-not-a-range", text = text))?;
    let (start, opens) = parse_time(a).ok_or_else(|| msg!("hours-not-opening-time", time = a))?;
    let (end, closes) = parse_time(b).ok_or_else(|| msg!("hours-not-closing-time", time = b))?;
    if end <= start {
        return Err(msg!("hours-closes-first", text = text));
    }
    Ok(TimeRange { opens, closes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_hours_with_a_lunch_break() {
        let h = parse("周一至周五 08:30-12:00,14:00-17:30").unwrap();
        assert_eq!(h.days, [0, 1, 2, 3, 4]);
        assert_eq!(h.times.len(), 2);
        assert_eq!(h.to_zh(), "周一至周五 08:30–12:00、14:00–17:30");
    }

    #[test]
    fn other_ways_of_writing_days() {
        assert_eq!(parse("每天 00:00-24:00").unwrap().days.len(), 7);
        assert_eq!(parse("Mo-Fr 9:00-17:00").unwrap().days, [0, 1, 2, 3, 4]);
        assert_eq!(parse("周一、周三 09:00-11:00").unwrap().days, [0, 2]);
        assert_eq!(
            parse("星期六 ９：００-12:00").unwrap().times[0].opens,
            "09:00"
        );
        assert_eq!(days_zh(&[0, 1, 5, 6]), "周一、周二、周六、周日");
    }

    #[test]
    fn chinese_conventions_editors_type() {
        for (entry, days, text) in [
            (
                "周一到周五 08:30-17:00",
                &[0, 1, 2, 3, 4][..],
                "周一至周五 08:30–17:00",
            ),
            (
                "工作日 9:00-17:00",
                &[0, 1, 2, 3, 4],
                "周一至周五 09:00–17:00",
            ),
            (
                "每天 08:00到20:00",
                &[0, 1, 2, 3, 4, 5, 6],
                "每天 08:00–20:00",
            ),
            (
                "周一至周五 ０８：３０－１２：００，１４：００～１７：３０",
                &[0, 1, 2, 3, 4],
                "周一至周五 08:30–12:00、14:00–17:30",
            ),
            (
                "周一至周五 08:30-17:00（法定节假日除外）",
                &[0, 1, 2, 3, 4],
                "周一至周五 08:30–17:00（法定节假日除外）",
            ),
            (
                "周六、周日 09:00-16:00 节假日照常开放",
                &[5, 6],
                "周六、周日 09:00–16:00（节假日照常开放）",
            ),
            ("法定节假日休息", &[], "法定节假日休息"),
        ] {
            let h = parse(entry).unwrap_or_else(|e| panic!("{entry}: {e}"));
            assert_eq!(h.days, days, "{entry}");
            assert_eq!(h.to_zh(), text, "{entry}");
        }
        let note = parse("周一至周五 08:30-17:00（法定节假日除外）").unwrap();
        assert_eq!(note.note.as_deref(), Some("法定节假日除外"));
        assert_eq!(note.times.len(), 1);
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        for bad in [
            "周一至周五",
            "周八 08:00-12:00",
            "周五至周一 08:00-12:00",
            "周一 12:00-08:00",
            "周一 25:00-26:00",
            "周一 0830-1200",
            "全年无休",
            "周八到周五 08:00-12:00",
            "周一到周五 25:00-26:00",
            "周一到周五 08:30-17:00 上午",
            "（请电话预约）",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
