//! 资金公开: what an organization discloses of its funds for a year — the
//! funds raised by source, the funds it manages (balances, funds and
//! foundations), the funds used by purpose, and the third-party oversight
//! of them (the 2015 Shaoxing measures, article 22). Read from the tables
//! of a `records: funds` section (`docs/directory.md`), checked in
//! `resolve::directory`.

use serde::Serialize;

/// An amount of money in fen (hundredths of a yuan): exact, unlike a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct Amount(pub i64);

/// Why a written amount is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountProblem {
    /// Not a number with at most two decimals.
    NotAnAmount,
    /// Below zero.
    Negative,
}

impl Amount {
    /// Read an amount as an editor writes it: `1234567.8`, `1,234,567.80`,
    /// `1，234，567` (full-width commas), `1234567 元`, `¥1234567`.
    pub fn parse(text: &str) -> Result<Amount, AmountProblem> {
        let t = text.trim();
        let t = t.strip_suffix('元').unwrap_or(t).trim();
        let t = t.trim_start_matches(['¥', '￥']).trim();
        let (negative, t) = match t.strip_prefix(['-', '－', '−']) {
            Some(rest) => (true, rest.trim()),
            None => (false, t),
        };
        let digits: String = t.chars().filter(|c| !matches!(c, ',' | '，')).collect();
        let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 2 {
            return Err(AmountProblem::NotAnAmount);
        }
        let whole: i64 = whole.parse().map_err(|_| AmountProblem::NotAnAmount)?;
        let fen: i64 = format!("{fraction:0<2}")
            .parse()
            .map_err(|_| AmountProblem::NotAnAmount)?;
        let value = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(fen))
            .ok_or(AmountProblem::NotAnAmount)?;
        if negative && value != 0 {
            return Err(AmountProblem::Negative);
        }
        Ok(Amount(value))
    }

    /// `1234567.00`: plain digits with two decimals, for open data.
    pub fn plain(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// `1,234,567.00`: thousands separated, two decimals.
    pub fn grouped(self) -> String {
        let whole = (self.0 / 100).to_string();
        let mut out = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{out}.{:02}", self.0 % 100)
    }

    /// `1,234,567.00 元`, as pages show amounts.
    pub fn zh(self) -> String {
        format!("{} 元", self.grouped())
    }

    /// The sum of `amounts`.
    pub fn sum(amounts: impl IntoIterator<Item = Amount>) -> Amount {
        Amount(amounts.into_iter().map(|a| a.0).sum())
    }
}

/// The four parts of a disclosure (the `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundKind {
    /// 筹集: funds raised, by source (财政拨款, 社会捐赠, 会费, 其他 …).
    Raised,
    /// 管理: a fund or account held, with its balances.
    Managed,
    /// 使用: funds used, by purpose or project.
    Used,
    /// 监督: a third-party audit or evaluation.
    Oversight,
}

impl FundKind {
    pub fn parse(text: &str) -> Option<FundKind> {
        Some(match text.trim() {
            "筹集" | "收入" | "raised" => FundKind::Raised,
            "管理" | "结余" | "managed" => FundKind::Managed,
            "使用" | "支出" | "used" => FundKind::Used,
            "监督" | "第三方监督" | "审计" | "oversight" => FundKind::Oversight,
            _ => return None,
        })
    }

    pub fn zh(self) -> &'static str {
        match self {
            FundKind::Raised => "筹集",
            FundKind::Managed => "管理",
            FundKind::Used => "使用",
            FundKind::Oversight => "监督",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            FundKind::Raised => "raised",
            FundKind::Managed => "managed",
            FundKind::Used => "used",
            FundKind::Oversight => "oversight",
        }
    }

    const ALL: [FundKind; 4] = [
        FundKind::Raised,
        FundKind::Managed,
        FundKind::Used,
        FundKind::Oversight,
    ];

    /// The accepted values of the `kind` column, each name and id, for a
    /// message (as the run's language lists names).
    pub fn accepted() -> String {
        crate::base::words::code_list(FundKind::ALL.iter().flat_map(|k| [k.zh(), k.id()]))
    }
}

/// A third-party report: a web address, or a file beside the tables.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Where it is read: the web address, or the file's URL on the site.
    pub url: String,
    /// The file's name when it is a file of the site.
    pub file: Option<String>,
}

/// One row of a funds table.
#[derive(Debug, Clone)]
pub struct FundLine {
    pub kind: FundKind,
    /// The source (raised), the fund (managed), the purpose or project
    /// (used), or the auditor or evaluator (oversight).
    pub item: String,
    /// Raised or used; for oversight, the sum audited (optional).
    pub amount: Option<Amount>,
    /// A managed fund's balance at the start and the end of the year.
    pub opening: Option<Amount>,
    pub closing: Option<Amount>,
    /// Why more was used than was available, or any remark.
    pub explanation: Option<String>,
    /// When an audit or evaluation was made.
    pub date: Option<jiff::civil::Date>,
    pub report: Option<Report>,
    /// Marked 示例数据 (`sample: 是`).
    pub sample: bool,
    /// The table it was written in, and its line (for open data and
    /// messages).
    pub file: String,
    pub line: usize,
}

/// An organization's disclosure for one year.
#[derive(Debug, Clone)]
pub struct Disclosure {
    pub org: usize,
    pub year: i16,
    /// The funds section.
    pub section: usize,
    /// URL path (`funds/shaoxing-fulian/2025/`).
    pub path: String,
    pub url: String,
    /// The rows, in the order of each kind's table.
    pub raised: Vec<FundLine>,
    pub managed: Vec<FundLine>,
    pub used: Vec<FundLine>,
    pub oversight: Vec<FundLine>,
}

impl Disclosure {
    pub fn raised_total(&self) -> Amount {
        Amount::sum(self.raised.iter().filter_map(|l| l.amount))
    }

    pub fn used_total(&self) -> Amount {
        Amount::sum(self.used.iter().filter_map(|l| l.amount))
    }

    pub fn opening_total(&self) -> Amount {
        Amount::sum(self.managed.iter().filter_map(|l| l.opening))
    }

    pub fn closing_total(&self) -> Amount {
        Amount::sum(self.managed.iter().filter_map(|l| l.closing))
    }

    /// What could be used: the funds raised plus the opening balances.
    pub fn available(&self) -> Amount {
        Amount(self.raised_total().0 + self.opening_total().0)
    }

    /// Whether any row is marked as sample data.
    pub fn sample(&self) -> bool {
        self.lines().any(|l| l.sample)
    }

    /// Every row, raised, managed, used, then oversight.
    pub fn lines(&self) -> impl Iterator<Item = &FundLine> {
        self.raised
            .iter()
            .chain(&self.managed)
            .chain(&self.used)
            .chain(&self.oversight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_editors_write_them() {
        assert_eq!(Amount::parse("1234567.8"), Ok(Amount(123456780)));
        assert_eq!(Amount::parse("1,234,567.80 元"), Ok(Amount(123456780)));
        assert_eq!(Amount::parse("1，234"), Ok(Amount(123400)));
        assert_eq!(Amount::parse("￥12"), Ok(Amount(1200)));
        assert_eq!(Amount::parse("-5"), Err(AmountProblem::Negative));
        assert_eq!(Amount::parse("12.345"), Err(AmountProblem::NotAnAmount));
        assert_eq!(Amount::parse("一万"), Err(AmountProblem::NotAnAmount));
        assert_eq!(Amount::parse(""), Err(AmountProblem::NotAnAmount));
    }

    #[test]
    fn amounts_are_shown_with_thousands_separators() {
        assert_eq!(Amount(123456700).zh(), "1,234,567.00 元");
        assert_eq!(Amount(5).grouped(), "0.05");
        assert_eq!(Amount(100000).grouped(), "1,000.00");
        assert_eq!(Amount(99900).grouped(), "999.00");
        assert_eq!(Amount(123456780).plain(), "1234567.80");
    }
}
