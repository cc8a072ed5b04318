//! Stage timings and memory for the benchmarks (`GONGKAI_TIMINGS`).

use std::time::Instant;

/// Print how long a stage took, when `GONGKAI_TIMINGS` is set (for the
/// benchmarks; never in normal output).
pub(crate) fn timing(stage: &str, since: Instant) {
    if std::env::var_os("GONGKAI_TIMINGS").is_some() {
        eprintln!(
            "timing: {stage:<10} {:>8.1} ms{}",
            since.elapsed().as_secs_f64() * 1000.0,
            memory()
        );
    }
}

/// The process's resident and peak resident memory, from Linux's
/// `/proc/self/status` (empty elsewhere), for `GONGKAI_TIMINGS`.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().strip_suffix(" kB"))
            .and_then(|kb| kb.trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "  rss {:>5} MiB  peak {:>5} MiB",
        field("VmRSS:"),
        field("VmHWM:")
    )
}
