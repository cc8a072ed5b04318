//! The build's clock, read once per build: `SOURCE_DATE_EPOCH` when it is
//! set (reproducible builds: seconds since 1970-01-01 UTC, as
//! <https://reproducible-builds.org/specs/source-date-epoch/> defines it),
//! otherwise the system clock; either in the site's time, Asia/Shanghai
//! (UTC+8 all year; gongkai.yaml names no other time zone, and the feeds
//! and calendars write +08:00).

use crate::base::diagnostics::Diagnostic;
use crate::model::clock::BuildTime;

/// The variable reproducible builds set.
const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// When this build runs. A `SOURCE_DATE_EPOCH` that is not a whole number
/// of seconds in jiff's range is an error that says so.
pub fn build_time() -> Result<BuildTime, Diagnostic> {
    let site_time = jiff::tz::offset(8);
    match std::env::var_os(SOURCE_DATE_EPOCH) {
        None => Ok(BuildTime::at(site_time.to_datetime(jiff::Timestamp::now()))),
        Some(value) => {
            let text = value.to_string_lossy();
            let ts = text
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| jiff::Timestamp::from_second(s).ok());
            match ts {
                Some(ts) => Ok(BuildTime::at(site_time.to_datetime(ts))),
                None => Err(Diagnostic::new(msg!(
                    "source-date-epoch-invalid",
                    value = text.as_ref()
                ))
                .with_help(msg!("source-date-epoch-invalid-help"))),
            }
        }
    }
}
