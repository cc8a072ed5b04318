//! Numbers as Chinese documents write them: 一 … 九十九, 一百零五, 一万零一,
//! 两, 〇, the old forms 廿 (20), 卅 (30) and 卌 (40), digit by digit
//! (一〇五), and ASCII or full-width arabic digits. Every step is checked:
//! a number too large for `u32` or written against the rules is an error,
//! never a wrapped or half-read value.

/// Why a text is not a number [`parse`] can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number as written (`一二`, `十百`, empty).
    Invalid,
    /// A number, but larger than 4294967295.
    TooLarge,
}

/// The value of a Chinese numeral (`二十一` → 21) or of arabic digits
/// (`21`, `２１`). `None` if the text is not a number or too large.
pub fn parse_number(text: &str) -> Option<u32> {
    parse(text).ok()
}

/// The value of a Chinese numeral or arabic digits, or why there is none.
pub fn parse(text: &str) -> Result<u32, NumberError> {
    if text.is_empty() {
        return Err(NumberError::Invalid);
    }
    if text.chars().all(is_digit) {
        return positional(text.chars().map(|c| {
            let zero = if c.is_ascii_digit() { '0' } else { '０' };
            u64::from(c as u32 - zero as u32)
        }));
    }
    // Digit by digit (二〇一五, 一〇五): no unit at all.
    if text.chars().count() > 1 && text.chars().all(|c| chinese_digit(c).is_some()) {
        return positional(text.chars().filter_map(chinese_digit).map(u64::from));
    }
    let invalid = Err(NumberError::Invalid);
    // Values are summed in u64: a 亿 group below 10^8 times 10^8 fits, and
    // the end result is checked against u32.
    let mut yi: u64 = 0; // the part before 亿
    let mut wan: u64 = 0; // the part before 万 (within the 亿 group)
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    // Units within a section come in falling order (千 … 百 … 十).
    let mut last_unit = u64::MAX;
    for c in text.chars() {
        if let Some(d) = chinese_digit(c) {
            // 二三 is not a number; 零 may stand before a digit (一百零五).
            if matches!(digit, Some(x) if x != 0) {
                return invalid;
            }
            digit = Some(u64::from(d));
            continue;
        }
        match c {
            '十' | '拾' | '百' | '佰' | '千' | '仟' => {
                let unit = match c {
                    '十' | '拾' => 10,
                    '百' | '佰' => 100,
                    _ => 1000,
                };
                if unit >= last_unit {
                    return invalid;
                }
                section += digit.unwrap_or(1) * unit;
                digit = None;
                last_unit = unit;
            }
            // 廿 = 二十, 卅 = 三十, 卌 = 四十: a digit and 十 in one.
            '廿' | '卅' | '卌' => {
                if matches!(digit, Some(x) if x != 0) || last_unit <= 10 {
                    return invalid;
                }
                section += match c {
                    '廿' => 20,
                    '卅' => 30,
                    _ => 40,
                };
                digit = None;
                last_unit = 10;
            }
            '万' | '萬' => {
                let group = section + digit.unwrap_or(0);
                if group == 0 || wan != 0 {
                    return invalid;
                }
                wan = group * 10_000;
                (section, digit, last_unit) = (0, None, u64::MAX);
            }
            '亿' | '億' => {
                let group = wan + section + digit.unwrap_or(0);
                if group == 0 || yi != 0 {
                    return invalid;
                }
                yi = group * 100_000_000;
                (wan, section, digit, last_unit) = (0, 0, None, u64::MAX);
            }
            _ => return invalid,
        }
    }
    let total = yi + wan + section + digit.unwrap_or(0);
    u32::try_from(total).map_err(|_| NumberError::TooLarge)
}

/// Digits read left to right, with every step checked.
fn positional(digits: impl Iterator<Item = u64>) -> Result<u32, NumberError> {
    let mut n: u32 = 0;
    for d in digits {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as u32))
            .ok_or(NumberError::TooLarge)?;
    }
    Ok(n)
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
    chinese_digit(c).is_some()
        || matches!(
            c,
            '十' | '拾'
                | '百'
                | '佰'
                | '千'
                | '仟'
                | '万'
                | '萬'
                | '亿'
                | '億'
                | '廿'
                | '卅'
                | '卌'
        )
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

    #[test]
    fn ten_thousands_and_hundred_millions() {
        for (text, n) in [
            ("一万", 10_000),
            ("一万零一", 10_001),
            ("十万", 100_000),
            ("一万二千三百四十五", 12_345),
            ("三千万", 30_000_000),
            ("一亿", 100_000_000),
            ("四十二亿九千四百九十六万七千二百九十五", u32::MAX),
            ("一〇五", 105),
            ("二〇一五", 2015),
            ("一二", 12),
        ] {
            assert_eq!(parse(text), Ok(n), "{text}");
        }
    }

    #[test]
    fn old_forms_of_twenty_thirty_forty() {
        assert_eq!(parse("廿"), Ok(20));
        assert_eq!(parse("廿一"), Ok(21));
        assert_eq!(parse("卅"), Ok(30));
        assert_eq!(parse("卅五"), Ok(35));
        assert_eq!(parse("卌"), Ok(40));
        assert_eq!(parse("一百廿"), Ok(120));
        assert!(is_chinese_numeral('廿') && is_chinese_numeral('万'));
    }

    #[test]
    fn overflow_is_an_error_not_a_wrapped_value() {
        assert_eq!(parse("4294967295"), Ok(u32::MAX));
        assert_eq!(parse("4294967296"), Err(NumberError::TooLarge));
        assert_eq!(parse("99999999999999999999999"), Err(NumberError::TooLarge));
        assert_eq!(parse("４２９４９６７２９６"), Err(NumberError::TooLarge));
        assert_eq!(
            parse("四十二亿九千四百九十六万七千二百九十六"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(parse("九千九百九十九亿"), Err(NumberError::TooLarge));
        assert_eq!(parse("四二九四九六七二九六"), Err(NumberError::TooLarge));
    }

    #[test]
    fn numbers_against_the_rules_are_errors() {
        for text in [
            "二十三四",
            "十十",
            "十百",
            "万",
            "一万万",
            "二廿",
            "廿十",
            "一亿亿",
            "1万",
            "x",
        ] {
            assert_eq!(parse(text), Err(NumberError::Invalid), "{text}");
        }
    }
}
