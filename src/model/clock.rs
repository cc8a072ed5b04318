//! The build's clock: the one moment a build runs at, in the site's time
//! (Asia/Shanghai). It is read once, when the build starts (see
//! `build::clock`), and handed down; nothing below reads the system clock.
//! It decides which pages are published yet (a page dated after today is
//! held back), which policies are in force, which change events are shown,
//! and which activities are upcoming.

use jiff::civil::{Date, DateTime};

/// When a build runs, in the site's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildTime {
    now: DateTime,
}

impl BuildTime {
    /// The build runs at `now` (site time).
    pub fn at(now: DateTime) -> BuildTime {
        BuildTime { now }
    }

    /// The moment, to the second.
    pub fn now(self) -> DateTime {
        self.now
    }

    /// The build's today: the day a page must be dated on or before to be
    /// published, and the day validity is judged on.
    pub fn today(self) -> Date {
        self.now.date()
    }
}
