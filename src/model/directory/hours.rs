//! Opening hours as editors write them (`周一至周五 08:30-12:00,14:00-17:30`),
//! parsed into days of the week and time ranges, for the page, schema.org
//! `OpeningHoursSpecification` and the HSDS schedule export.

use serde::Serialize;

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
    pub days: Vec<u8>,
    pub times: Vec<TimeRange>,
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
        format!("{} {}", days_zh(&self.days), times.join("、"))
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

/// Parse one entry.
pub fn parse(entry: &str) -> Result<OpeningHours, String> {
    let entry = entry.trim();
    let hint =
        "write opening hours as days then times, such as `周一至周五 08:30-12:00,14:00-17:30`";
    let split = entry
        .find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        .ok_or_else(|| format!("opening hours `{entry}` have no times: {hint}"))?;
    let (days_text, times_text) = entry.split_at(split);
    let days = parse_days(days_text.trim())
        .map_err(|m| format!("opening hours `{entry}`: {m}; {hint}"))?;
    let mut times = vec![];
    for range in times_text
        .split([',', '，', ' ', '、', '\u{3000}', ';'])
        .filter(|s| !s.trim().is_empty())
    {
        times.push(parse_range(range.trim()).map_err(|m| format!("opening hours `{entry}`: {m}"))?);
    }
    Ok(OpeningHours { days, times })
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
                let range = part
                    .split_once('至')
                    .or_else(|| part.split_once('-'))
                    .or_else(|| part.split_once('～'))
                    .or_else(|| part.split_once('~'))
                    .or_else(|| part.split_once('–'));
                match range {
                    Some((a, b)) => {
                        let (a, b) = (
                            day_of(a).ok_or_else(|| format!("`{a}` is not a day"))?,
                            day_of(b).ok_or_else(|| format!("`{b}` is not a day"))?,
                        );
                        if b < a {
                            return Err(format!("the days `{part}` run backwards"));
                        }
                        days.extend(a..=b);
                    }
                    None => {
                        days.push(day_of(part).ok_or_else(|| format!("`{part}` is not a day"))?)
                    }
                }
            }
        }
    }
    if days.is_empty() {
        return Err("no days are given".into());
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

fn parse_time(text: &str) -> Option<(u32, String)> {
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            c => c,
        })
        .collect();
    let (h, m) = text.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 || h > 24 || (h == 24 && m > 0) || !(1..=2).contains(&text.find(':')?) {
        return None;
    }
    Some((h * 60 + m, format!("{h:02}:{m:02}")))
}

fn parse_range(text: &str) -> Result<TimeRange, String> {
    let (a, b) = ['-', '–', '—', '～', '~', '至']
        .iter()
        .find_map(|sep| text.split_once(*sep))
        .ok_or_else(|| format!("`{text}` is not a time range such as 08:30-12:00"))?;
    let (start, opens) =
        parse_time(a).ok_or_else(|| format!("`{a}` is not a time such as 08:30"))?;
    let (end, closes) =
        parse_time(b).ok_or_else(|| format!("`{b}` is not a time such as 17:30"))?;
    if end <= start {
        return Err(format!("`{text}` closes before it opens"));
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
        assert!(parse("星期六 ９：００－12:00").is_err());
        assert_eq!(
            parse("星期六 ９：００-12:00").unwrap().times[0].opens,
            "09:00"
        );
        assert_eq!(days_zh(&[0, 1, 5, 6]), "周一、周二、周六、周日");
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
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
