//! Numbers as Chinese documents write them: 一 … 九十九, 一百零五, 两,
//! 〇, and ASCII or full-width arabic digits.

/// The value of a Chinese numeral (`二十一` → 21) or of arabic digits
/// (`21`, `２１`). `None` if the text is not a number.
pub fn parse_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text
        .chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let ascii: String = text
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    c
                } else {
                    char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')
                }
            })
            .collect();
        return ascii.parse().ok();
    }
    let mut total: u32 = 0;
    let mut current: Option<u32> = None;
    for c in text.chars() {
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => {
                current = Some(chinese_digit(c)?);
                continue;
            }
        };
        total = total.checked_add(current.unwrap_or(1).checked_mul(unit)?)?;
        current = None;
    }
    Some(total + current.unwrap_or(0))
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Is `c` a character of a Chinese numeral?
pub fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || matches!(c, '十' | '拾' | '百' | '佰' | '千' | '仟')
}

/// Is `c` an arabic digit (ASCII or full-width)?
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (text, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("三十", 30),
            ("九十九", 99),
            ("一百", 100),
            ("一百零五", 105),
            ("一百二十三", 123),
            ("两", 2),
        ] {
            assert_eq!(parse_number(text), Some(n), "{text}");
        }
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(parse_number("30"), Some(30));
        assert_eq!(parse_number("３０"), Some(30));
        assert_eq!(parse_number("x"), None);
        assert_eq!(parse_number(""), None);
    }
}
