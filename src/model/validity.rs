//! A policy's validity (时效性) on the build's day: derived from the status
//! the editor wrote and the dates the policy takes effect (施行日期,
//! `effective`) and ends (有效期, `expires`), as China's national database
//! of laws labels every document: 尚未生效, 有效, 已修改, 已废止, 已失效.
//!
//! The rules, in order:
//! - `repealed` and `expired`, as written, stand whatever the dates say:
//!   they record an act (a repeal, an announcement) the dates cannot undo;
//! - before `effective`: 尚未生效 (not yet in force);
//! - after `expires`: 已失效. `expires` is the last day the policy is in
//!   force (有效期至2027年12月31日 means it applies on 31 December), so a
//!   policy is 已失效 from the day after;
//! - otherwise the written status: 有效 or 已修改.

use jiff::civil::Date;
use serde::Serialize;

/// A policy's validity on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    /// 尚未生效: its `effective` date is still to come.
    NotYetInForce,
    /// 有效
    #[default]
    InForce,
    /// 已修改
    Amended,
    /// 已废止
    Repealed,
    /// 已失效: past its `expires` date, or written `expired`.
    Expired,
}

impl Validity {
    /// The validity on `today` of a policy whose status is written as
    /// `written` (有效, 已修改, 已废止 or 已失效), taking effect on
    /// `effective` and in force through `expires`.
    pub fn on(
        today: Date,
        written: Validity,
        effective: Option<Date>,
        expires: Option<Date>,
    ) -> Validity {
        if matches!(written, Validity::Repealed | Validity::Expired) {
            return written;
        }
        if effective.is_some_and(|e| today < e) {
            return Validity::NotYetInForce;
        }
        if expires.is_some_and(|e| today > e) {
            return Validity::Expired;
        }
        written
    }

    /// The code, as it is serialized (`in_force`): a path segment of the
    /// library's filter pages and a value of the search's `validity` facet.
    pub fn code(self) -> &'static str {
        match self {
            Validity::NotYetInForce => "not_yet_in_force",
            Validity::InForce => "in_force",
            Validity::Amended => "amended",
            Validity::Repealed => "repealed",
            Validity::Expired => "expired",
        }
    }

    /// The label, as the national database words it.
    pub fn zh(self) -> &'static str {
        match self {
            Validity::NotYetInForce => "尚未生效",
            Validity::InForce => "有效",
            Validity::Amended => "已修改",
            Validity::Repealed => "已废止",
            Validity::Expired => "已失效",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn validity_from_status_dates_and_today() {
        let on =
            |today, status, effective, expires| Validity::on(today, status, effective, expires);
        let (eff, exp) = (Some(date(2027, 1, 1)), Some(date(2027, 12, 31)));
        let s = Validity::InForce;
        assert_eq!(on(date(2026, 12, 31), s, eff, exp), Validity::NotYetInForce);
        assert_eq!(on(date(2027, 1, 1), s, eff, exp), Validity::InForce);
        // `expires` is the last day in force.
        assert_eq!(on(date(2027, 12, 31), s, eff, exp), Validity::InForce);
        assert_eq!(on(date(2028, 1, 1), s, eff, exp), Validity::Expired);
        assert_eq!(on(date(2030, 1, 1), s, None, None), Validity::InForce);
        let a = Validity::Amended;
        assert_eq!(on(date(2027, 6, 1), a, eff, exp), Validity::Amended);
        assert_eq!(on(date(2026, 6, 1), a, eff, exp), Validity::NotYetInForce);
        let r = Validity::Repealed;
        assert_eq!(on(date(2026, 6, 1), r, eff, exp), Validity::Repealed);
        assert_eq!(on(date(2029, 6, 1), r, eff, exp), Validity::Repealed);
        let x = Validity::Expired;
        assert_eq!(on(date(2027, 6, 1), x, eff, exp), Validity::Expired);
    }
}
