//! Word's automatic numbering (`word/numbering.xml`): the `第一条`, `（一）`
//! and `1.` that Word draws before a paragraph and that are not in its
//! text. A paragraph names a list (`w:numId`) and a level (`w:ilvl`); the
//! list points to an abstract definition whose level gives the start
//! value, the number format (`chineseCounting` …) and the text around the
//! number (`第%1条`). [`Counters`] keeps the running numbers the way Word
//! does: per abstract definition, lower levels restarting when a higher
//! one advances (or as `w:lvlRestart` says), a `w:startOverride` applying
//! the first time its list is used.

use std::collections::{BTreeMap, BTreeSet};

/// What Word puts between the number and the text (`w:suff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Suffix {
    /// A tab (Word's default).
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of an abstract numbering definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
pub struct Level {
    pub start: u32,
    /// `w:numFmt`: `decimal`, `chineseCounting`, `ideographTraditional` …
    pub format: String,
    /// `w:lvlText`: `第%1条`, `（%1）`, `%1.%2`.
    pub text: String,
    pub suffix: Suffix,
    /// `w:lvlRestart`: restart after a use of this level (1-based); `0`
    /// never; `None` after any higher level.
    pub restart: Option<u32>,
    /// `w:isLgl`: every number of the text in decimal.
    pub legal: bool,
    /// `w:pStyle`: the paragraph style linked to this level.
    pub style: Option<String>,
}

/// The numbering definitions of a document.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// Abstract definitions by `w:abstractNumId`, their levels by `w:ilvl`.
    pub abstracts: BTreeMap<String, BTreeMap<u8, Level>>,
    /// Lists (`w:num`) by `w:numId`.
    pub lists: BTreeMap<String, List>,
    /// `w:numStyleLink`: an abstract definition that takes its levels
    /// from the one defining a list style, by abstract id and style.
    pub style_links: BTreeMap<String, String>,
    /// `w:styleLink`: the abstract definition of each list style.
    pub list_styles: BTreeMap<String, String>,
}

/// A list instance (`w:num`): its abstract definition and overrides.
#[derive(Debug, Clone, Default)]
pub struct List {
    pub abstract_id: String,
    /// `w:lvlOverride/w:startOverride` by level.
    pub start_overrides: BTreeMap<u8, u32>,
    /// `w:lvlOverride/w:lvl`: levels redefined for this list only.
    pub levels: BTreeMap<u8, Level>,
}

impl Numbering {
    /// The abstract definition of list `num_id`, through a list style.
    pub fn abstract_of(&self, num_id: &str) -> Option<&str> {
        let id = self.lists.get(num_id)?.abstract_id.as_str();
        Some(
            self.style_links
                .get(id)
                .and_then(|style| self.list_styles.get(style))
                .map_or(id, String::as_str),
        )
    }

    /// The level definition used by list `num_id` at `level`.
    pub fn level(&self, num_id: &str, level: u8) -> Option<&Level> {
        let list = self.lists.get(num_id)?;
        list.levels
            .get(&level)
            .or_else(|| self.abstracts.get(self.abstract_of(num_id)?)?.get(&level))
    }

    /// The level of `num_id` linked to paragraph style `style`, for a style
    /// whose numbering names no level.
    pub fn level_of_style(&self, num_id: &str, style: &str) -> Option<u8> {
        self.abstracts
            .get(self.abstract_of(num_id)?)?
            .iter()
            .find(|(_, l)| l.style.as_deref() == Some(style))
            .map(|(&i, _)| i)
    }
}

/// A number as Word draws it before a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The text: `第一条`, `（三）`, `1.2`.
    pub text: String,
    pub suffix: Suffix,
}

/// The running numbers of a document, fed paragraph by paragraph.
#[derive(Debug, Default)]
pub struct Counters {
    /// Current value per abstract definition and level.
    values: BTreeMap<String, BTreeMap<u8, u32>>,
    /// Lists whose start overrides were applied.
    overridden: BTreeSet<(String, u8)>,
}

impl Counters {
    /// The label of the next paragraph of list `num_id` at `level`, the
    /// counters advanced; `None` for `numId` 0 (numbering removed), an
    /// unknown list, or a level drawn as nothing.
    pub fn next(&mut self, numbering: &Numbering, num_id: &str, level: u8) -> Option<Label> {
        if num_id == "0" {
            return None;
        }
        let list = numbering.lists.get(num_id)?;
        let def = numbering.level(num_id, level)?;
        let abstract_id = numbering.abstract_of(num_id)?.to_string();
        let values = self.values.entry(abstract_id).or_default();
        if let Some(&start) = list.start_overrides.get(&level) {
            if self.overridden.insert((num_id.to_string(), level)) {
                values.insert(level, start.saturating_sub(1));
                // Word restarts the lower levels with it.
                values.retain(|&l, _| l <= level);
            }
        }
        let value = match values.get(&level) {
            Some(&v) => v.saturating_add(1),
            None => def.start,
        };
        values.insert(level, value);
        // Lower levels restart after this one, unless their lvlRestart
        // says otherwise.
        let lower: Vec<u8> = values.keys().copied().filter(|&l| l > level).collect();
        for l in lower {
            let restart = numbering
                .level(num_id, l)
                .and_then(|d| d.restart)
                .unwrap_or(u32::from(l));
            if u32::from(level) < restart {
                values.remove(&l);
            }
        }
        if def.format == "none" {
            return None;
        }
        let mut text = String::new();
        let mut chars = def.text.chars().peekable();
        while let Some(c) = chars.next() {
            let Some(n) = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten()
            else {
                text.push(c);
                continue;
            };
            chars.next();
            let Some(of) = n.checked_sub(1).and_then(|n| u8::try_from(n).ok()) else {
                continue;
            };
            let Some(of_def) = numbering.level(num_id, of) else {
                continue;
            };
            let v = values.get(&of).copied().unwrap_or(of_def.start);
            let format = if def.legal && of != level {
                "decimal"
            } else {
                of_def.format.as_str()
            };
            text.push_str(&format_number(v, format));
        }
        if def.format == "bullet" {
            text = text
                .chars()
                .map(|c| {
                    if ('\u{e000}'..='\u{f8ff}').contains(&c) {
                        '•'
                    } else {
                        c
                    }
                })
                .collect();
        }
        if text.is_empty() {
            return None;
        }
        Some(Label {
            text,
            suffix: def.suffix,
        })
    }
}

/// `value` in Word's number format `format` (`w:numFmt`); an unknown
/// format is decimal, as Word shows it.
pub fn format_number(value: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(value, false),
        "japaneseCounting" => chinese(value, true),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => value
            .to_string()
            .chars()
            .map(|d| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d as usize - '0' as usize)
                    .unwrap_or(d)
            })
            .collect(),
        "chineseLegalSimplified" => chinese(value, false)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                c => c,
            })
            .collect(),
        "ideographTraditional" => cycle(value, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(value, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalFullWidth" | "decimalFullWidth2" => value
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&value) => {
            char::from_u32('①' as u32 + value - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalZero" => format!("{value:02}"),
        "upperLetter" => letters(value).to_uppercase(),
        "lowerLetter" => letters(value),
        "upperRoman" => roman(value).to_uppercase(),
        "lowerRoman" => roman(value),
        "none" => String::new(),
        _ => value.to_string(),
    }
}

/// Chinese counting: 一 … 十, 十一, 二十三, 一百零五, 一千零一十. In
/// Japanese counting 百 and 千 take no 一 and no 零 is written.
fn chinese(value: u32, japanese: bool) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if value == 0 {
        return "〇".into();
    }
    if value >= 10_000 {
        let (high, low) = (value / 10_000, value % 10_000);
        let mut s = chinese(high, japanese);
        s.push('万');
        if low > 0 {
            if low < 1000 && !japanese {
                s.push('〇');
            }
            s.push_str(&chinese_below_10000(low, japanese, true, &DIGITS));
        }
        return s.replace('〇', "零");
    }
    chinese_below_10000(value, japanese, false, &DIGITS)
}

fn chinese_below_10000(value: u32, japanese: bool, inner: bool, digits: &[char; 10]) -> String {
    let mut s = String::new();
    let mut zero = false;
    for (unit, name) in [
        (1000, Some('千')),
        (100, Some('百')),
        (10, Some('十')),
        (1, None),
    ] {
        let d = (value / unit) % 10;
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero && !japanese {
            s.push('〇');
        }
        zero = false;
        let leading_ten = unit == 10 && d == 1 && s.is_empty() && !inner;
        let bare = japanese && d == 1 && unit > 1;
        if !(leading_ten || bare) {
            s.push(digits[d as usize]);
        }
        if let Some(n) = name {
            s.push(n);
        }
    }
    // Official texts write 零, Word's chineseCounting too.
    s.replace('〇', "零")
}

fn cycle(value: u32, names: &str) -> String {
    let names: Vec<char> = names.chars().collect();
    let i = (value.max(1) as usize - 1) % names.len();
    names[i].to_string()
}

fn letters(value: u32) -> String {
    // Word repeats the letter: a … z, aa … zz.
    let v = value.max(1) - 1;
    let c = char::from(b'a' + (v % 26) as u8);
    c.to_string().repeat(v as usize / 26 + 1)
}

fn roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (n, r) in TABLE {
        while value >= n {
            s.push_str(r);
            value -= n;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(format: &str, text: &str) -> Level {
        Level {
            start: 1,
            format: format.into(),
            text: text.into(),
            ..Level::default()
        }
    }

    /// Articles `第%1条` at level 0 and items `（%2）` at level 1, in list 1
    /// (and list 2 on the same definition, restarting items at 5).
    fn articles_and_items() -> Numbering {
        let mut n = Numbering::default();
        n.abstracts.insert(
            "0".into(),
            BTreeMap::from([
                (0, level("chineseCounting", "第%1条")),
                (1, level("chineseCounting", "（%2）")),
            ]),
        );
        n.lists.insert(
            "1".into(),
            List {
                abstract_id: "0".into(),
                ..List::default()
            },
        );
        n.lists.insert(
            "2".into(),
            List {
                abstract_id: "0".into(),
                start_overrides: BTreeMap::from([(1, 5)]),
                ..List::default()
            },
        );
        n
    }

    #[test]
    fn chinese_counting_one_to_twenty_three() {
        let got: Vec<String> = (1..=23)
            .map(|v| format_number(v, "chineseCounting"))
            .collect();
        let want = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三";
        assert_eq!(got.join(" "), want);
    }

    #[test]
    fn larger_chinese_numbers_read_back_as_the_policy_parser_reads_them() {
        for v in [
            100, 101, 105, 110, 111, 999, 1000, 1001, 1010, 10_000, 10_001,
        ] {
            let s = format_number(v, "chineseCounting");
            assert_eq!(
                crate::model::policy::numbers::parse(&s),
                Ok(v),
                "{v} was written {s}"
            );
        }
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(110, "chineseCounting"), "一百一十");
        assert_eq!(format_number(110, "japaneseCounting"), "百十");
    }

    #[test]
    fn other_formats() {
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(11, "ideographTraditional"), "甲");
        assert_eq!(format_number(12, "decimal"), "12");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(format_number(2015, "ideographDigital"), "二〇一五");
        assert_eq!(format_number(7, "somethingNew"), "7");
    }

    #[test]
    fn lower_levels_restart_when_a_higher_one_advances() {
        let n = articles_and_items();
        let mut c = Counters::default();
        let mut next = |l| c.next(&n, "1", l).map(|l| l.text);
        assert_eq!(next(0).as_deref(), Some("第一条"));
        assert_eq!(next(1).as_deref(), Some("（一）"));
        assert_eq!(next(1).as_deref(), Some("（二）"));
        assert_eq!(next(0).as_deref(), Some("第二条"));
        assert_eq!(next(1).as_deref(), Some("（一）"));
    }

    #[test]
    fn lists_on_one_definition_continue_and_a_start_override_restarts() {
        let n = articles_and_items();
        let mut c = Counters::default();
        assert_eq!(c.next(&n, "1", 0).unwrap().text, "第一条");
        assert_eq!(c.next(&n, "1", 1).unwrap().text, "（一）");
        // List 2 shares the definition: the articles go on, its items
        // start at 5 the first time, then count on.
        assert_eq!(c.next(&n, "2", 1).unwrap().text, "（五）");
        assert_eq!(c.next(&n, "2", 1).unwrap().text, "（六）");
        assert_eq!(c.next(&n, "2", 0).unwrap().text, "第二条");
        assert_eq!(c.next(&n, "1", 1).unwrap().text, "（一）");
        assert_eq!(c.next(&n, "0", 0), None);
        assert_eq!(c.next(&n, "9", 0), None);
    }

    #[test]
    fn lvl_restart_zero_never_restarts() {
        let mut n = articles_and_items();
        n.abstracts
            .get_mut("0")
            .unwrap()
            .get_mut(&1)
            .unwrap()
            .restart = Some(0);
        let mut c = Counters::default();
        c.next(&n, "1", 0);
        c.next(&n, "1", 1);
        c.next(&n, "1", 0);
        assert_eq!(c.next(&n, "1", 1).unwrap().text, "（二）");
    }

    #[test]
    fn a_definition_linked_to_a_list_style_takes_its_levels() {
        let mut n = articles_and_items();
        n.abstracts.insert("9".into(), BTreeMap::new());
        n.style_links.insert("9".into(), "条款".into());
        n.list_styles.insert("条款".into(), "0".into());
        n.lists.insert(
            "5".into(),
            List {
                abstract_id: "9".into(),
                ..List::default()
            },
        );
        let mut c = Counters::default();
        assert_eq!(c.next(&n, "1", 0).unwrap().text, "第一条");
        // The same definition through the style: the count goes on.
        assert_eq!(c.next(&n, "5", 0).unwrap().text, "第二条");
    }

    #[test]
    fn multi_level_text_and_legal_numbering() {
        let mut n = Numbering::default();
        let mut second = level("decimal", "%1.%2");
        second.legal = true;
        n.abstracts.insert(
            "0".into(),
            BTreeMap::from([(0, level("chineseCounting", "%1、")), (1, second)]),
        );
        n.lists.insert(
            "1".into(),
            List {
                abstract_id: "0".into(),
                ..List::default()
            },
        );
        let mut c = Counters::default();
        assert_eq!(c.next(&n, "1", 0).unwrap().text, "一、");
        assert_eq!(c.next(&n, "1", 1).unwrap().text, "1.1");
        assert_eq!(c.next(&n, "1", 1).unwrap().text, "1.2");
    }
}
