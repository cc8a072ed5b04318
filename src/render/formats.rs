//! Small formats of the directory's pages: `tel:` links, ISO and Chinese
//! dates of activities, month names and the QR code of a page.

use std::fmt::Write;

use crate::model::directory::{Activity, ActivityStatus};
use crate::render::views;

/// `tel:` link of a phone number (digits and `+` only; an extension after `转`
/// as `,`).
pub fn tel(number: &str) -> String {
    let (main, ext) = number.split_once('转').unwrap_or((number, ""));
    let mut out: String = main
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if !ext.is_empty() {
        out.push(',');
        out.extend(ext.chars().filter(char::is_ascii_digit));
    }
    format!("tel:{out}")
}

/// ISO 8601 with +08:00, or a date for a whole-day activity.
pub(crate) fn iso(a: &Activity, t: jiff::civil::DateTime) -> String {
    if a.all_day {
        t.date().to_string()
    } else {
        format!("{}+08:00", t.strftime("%Y-%m-%dT%H:%M"))
    }
}

/// `2026年12月4日 09:00–11:30`, `2026年12月4日至5日`.
pub fn when_zh(a: &Activity) -> String {
    let (s, e) = (a.start, a.end);
    let day = |d: jiff::civil::Date| views::date_zh(d);
    if a.all_day {
        if s.date() == e.date() {
            format!("{}（全天）", day(s.date()))
        } else {
            format!("{}至{}", day(s.date()), day(e.date()))
        }
    } else if s.date() == e.date() {
        format!(
            "{} {}–{}",
            day(s.date()),
            s.strftime("%H:%M"),
            e.strftime("%H:%M")
        )
    } else {
        format!(
            "{} {}至{} {}",
            day(s.date()),
            s.strftime("%H:%M"),
            day(e.date()),
            e.strftime("%H:%M")
        )
    }
}

/// What the page says of an activity's status (nothing when scheduled).
pub(crate) fn status_zh(s: ActivityStatus) -> Option<&'static str> {
    match s {
        ActivityStatus::Scheduled => None,
        ActivityStatus::Cancelled => Some("已取消"),
        ActivityStatus::Full => Some("名额已满"),
    }
}

/// `2026-12` as `2026年12月`.
pub(crate) fn month_zh(m: &str) -> String {
    match m.split_once('-') {
        Some((y, mo)) => format!("{y}年{}月", mo.trim_start_matches('0')),
        None => m.to_string(),
    }
}

/// A QR code of `url` as SVG, for printing on notice boards.
///
/// Built from the qrcode crate's parts rather than `QrCode::new`, for two
/// costs that showed per organization page at province scale: the crate
/// tries all eight masks and scores each (a fixed mask is as valid a code,
/// and phones read it as well), and its SVG draws every dark module as a
/// square of its own. Here each run of dark modules in a row is one
/// horizontal stroke of one module's width, in a single path, with
/// relative moves between the runs of a row (2.5 KB per code of an
/// organization's URL at province scale, against 5.1 KB with one
/// rectangle per run and about 16 KB from the crate).
pub fn qr_svg(url: &str) -> String {
    match qr_modules(url) {
        Some((width, dark)) => svg_of_modules(width, &dark),
        // Only a URL longer than a QR code holds (about 2,300 bytes).
        None => String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>"#),
    }
}

/// The modules of the QR code of `data` (error correction M, mask 000):
/// its width and, row by row, whether each module is dark.
fn qr_modules(data: &str) -> Option<(usize, Vec<bool>)> {
    use qrcode::{EcLevel, bits, canvas, ec};
    let level = EcLevel::M;
    let bits = bits::encode_auto(data.as_bytes(), level).ok()?;
    let version = bits.version();
    let (codewords, correction) =
        ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = canvas::Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &correction);
    canvas.apply_mask(canvas::MaskPattern::Checkerboard);
    let width = usize::try_from(version.width()).ok()?;
    let dark = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((width, dark))
}

/// The SVG of a QR code's modules with the quiet zone of four modules the
/// standard asks for, at least 200 px wide, in module units. Every run of
/// dark modules in a row is a horizontal line through the middle of the
/// row, stroked one module wide with butt ends, so that it covers exactly
/// the run's modules: the first run of row `y` starting at `x` is
/// `M{x} {y}.5h{run}`, each further run of the row `m{gap} 0h{run}`, where
/// `gap` is the number of light modules before it. Numbers are written
/// with `itoa` (the `fmt` machinery was most of the time of this loop).
fn svg_of_modules(width: usize, dark: &[bool]) -> String {
    const QUIET: usize = 4;
    let size = width + 2 * QUIET;
    let px = size * 200_usize.div_ceil(size);
    let mut out = String::with_capacity(512 + width * width * 2);
    let _ = write!(
        out,
        r##"<?xml version="1.0" standalone="yes"?><svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{px}" height="{px}" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="none" stroke="#000" stroke-width="1" d=""##
    );
    let mut number = itoa::Buffer::new();
    for (y, row) in dark.chunks(width).enumerate() {
        // Where the pen is in this row: None before the row's first run.
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|&&d| d).count();
            match pen {
                None => {
                    out.push('M');
                    out.push_str(number.format(x + QUIET));
                    out.push(' ');
                    out.push_str(number.format(y + QUIET));
                    out.push_str(".5h");
                }
                Some(end) => {
                    out.push('m');
                    out.push_str(number.format(x - end));
                    out.push_str(" 0h");
                }
            }
            out.push_str(number.format(run));
            x += run;
            pen = Some(x);
        }
    }
    out.push_str(r#""/></svg>"#);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules an SVG of [`qr_svg`] draws, read back from its path.
    fn drawn(svg: &str) -> (usize, Vec<bool>) {
        let size: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .unwrap()
            .parse()
            .unwrap();
        let mut grid = vec![false; size * size];
        let path = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        // `M{x} {y}.5h{run}` starts a row, `m{gap} 0h{run}` goes on in it.
        let mut pen = 0;
        let mut y = 0;
        for (i, piece) in path.match_indices(['M', 'm']) {
            let rest = &path[i + 1..];
            let end = rest.find(['M', 'm']).unwrap_or(rest.len());
            let segment = &rest[..end];
            let (moved, run) = segment.split_once('h').unwrap();
            let (dx, dy) = moved.split_once(' ').unwrap();
            let run: usize = run.parse().unwrap();
            assert!(run > 0, "{segment}");
            let x = if piece == "M" {
                let row: usize = dy.strip_suffix(".5").unwrap().parse().unwrap();
                assert!(row >= y, "rows in order: {segment}");
                y = row;
                dx.parse().unwrap()
            } else {
                assert_eq!(dy, "0", "{segment}");
                let gap: usize = dx.parse().unwrap();
                assert!(gap > 0, "runs do not touch: {segment}");
                pen + gap
            };
            for dx in 0..run {
                assert!(x + dx < size);
                grid[y * size + x + dx] = true;
            }
            pen = x + run;
        }
        (size, grid)
    }

    #[test]
    fn the_qr_code_reads_back_as_the_url() {
        for url in [
            "https://portal.example.org/organizations/shaoxing-gonghui/",
            "http://127.0.0.1:8080/portal/organizations/%E8%B6%8A%E5%9F%8E%E5%8C%BA-fulian/",
            &format!("https://example.org/{}/", "a".repeat(300)),
        ] {
            let svg = qr_svg(url);
            let (size, grid) = drawn(&svg);
            // Read by a QR decoder from a picture of 4 px per module.
            let scale = 4;
            let mut image =
                rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
                    if grid[(y / scale) * size + x / scale] {
                        0
                    } else {
                        255
                    }
                });
            let grids = image.detect_grids();
            assert_eq!(grids.len(), 1, "{url}");
            let (meta, content) = grids[0].decode().unwrap();
            assert_eq!(content, url);
            assert_eq!(meta.ecc_level, 0, "error correction M");
            assert_eq!(meta.mask, 0, "the fixed mask");
            // At least 200 px, the quiet zone of four light modules around.
            let px: usize = svg
                .split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(px >= 200 && px % size == 0, "{px} for {size}");
            assert!((0..size).all(|i| !grid[i] && !grid[3 * size + i] && !grid[i * size]));
        }
        let too_long = "x".repeat(3000);
        assert!(qr_svg(&too_long).contains("width=\"1\""));
    }
}
