//! Reading the site's files safely. gongkai reads and publishes only
//! regular files inside the site: a symbolic link that leads outside the
//! site root is refused (unless `follow_symlinks: true`), FIFOs, devices and
//! sockets are refused without being opened (opening a FIFO waits for a
//! writer for ever), and a file over the size limit is refused before it is
//! read (a link to `/dev/zero` or a 2 GB file must not exhaust memory).

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::base::diagnostics::Diagnostic;

/// The default limit on a file gongkai reads (front matter, markdown,
/// tables, templates, configuration), in megabytes: generous, since a real
/// document is a few hundred kilobytes and a province table tens of
/// megabytes.
pub const DEFAULT_MAX_FILE_MB: u64 = 100;

/// The limit in bytes. One process builds one site at a time; the limit is
/// set from `gongkai.yaml` when a site is loaded and read wherever a file is
/// read, including files re-read while rendering.
static MAX_FILE_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_MB << 20);

/// Set the size limit (`max_file_mb` in `gongkai.yaml`).
pub fn set_max_file_mb(mb: u64) {
    MAX_FILE_BYTES.store(mb.saturating_mul(1 << 20), Ordering::Relaxed);
}

fn max_file_bytes() -> u64 {
    MAX_FILE_BYTES.load(Ordering::Relaxed)
}

/// Why a file found under the site cannot be read or published, if it
/// cannot: `path` as walked (a link is followed), `site` the site root
/// resolved on disk.
pub fn refusal(
    path: &Path,
    is_symlink: bool,
    file_type: std::fs::FileType,
    site: &Path,
    follow_symlinks: bool,
) -> Option<(String, String)> {
    if is_symlink && !follow_symlinks {
        match std::fs::canonicalize(path) {
            Ok(target) if target.starts_with(site) => {}
            Ok(target) => {
                return Some((
                    msg!("symlink-outside", target = &target),
                    msg!("symlink-outside-help"),
                ));
            }
            Err(e) => {
                return Some((
                    msg!("symlink-broken", error = crate::base::words::io_error(&e)),
                    msg!("symlink-broken-help"),
                ));
            }
        }
    }
    not_ordinary(file_type)
}

/// Why a file of this type is never read (a FIFO, device or socket), or
/// `None` for ordinary files and folders.
fn not_ordinary(file_type: std::fs::FileType) -> Option<(String, String)> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    let message = if file_type.is_fifo() {
        msg!("not-ordinary-fifo")
    } else if file_type.is_socket() {
        msg!("not-ordinary-socket")
    } else {
        msg!("not-ordinary-device")
    };
    Some((message, msg!("not-ordinary-help")))
}

/// Read a file's bytes (a spreadsheet, say), or say what is wrong with it:
/// not an ordinary file, or over the size limit. `shown` is the path
/// messages use.
pub fn read_bytes(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::in_file(
            shown,
            msg!("cannot-read", error = crate::base::words::io_error(&e)),
        )
    };
    // Non-blocking, so that a FIFO put in place of a checked file is never
    // waited on; it has no effect on an ordinary file.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if let Some((message, help)) = not_ordinary(meta.file_type()) {
        return Err(Diagnostic::in_file(shown, message).with_help(help));
    }
    let limit = max_file_bytes();
    if meta.len() > limit {
        return Err(Diagnostic::in_file(
            shown,
            msg!(
                "file-too-large",
                size = meta.len() >> 20,
                limit = limit >> 20
            ),
        )
        .with_help(msg!("file-too-large-help")));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Never more than the limit, even if the file grows while it is read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Diagnostic::in_file(shown, msg!("file-grew")));
    }
    Ok(bytes)
}

/// Read a file as UTF-8, or say what is wrong with it: not an ordinary
/// file, over the size limit, or not UTF-8 (with where the first bad byte
/// is). `shown` is the path messages use.
pub fn read_utf8(path: &Path, shown: &Path) -> Result<Arc<str>, Diagnostic> {
    utf8(read_bytes(path, shown)?, shown)
}

/// How a file read by [`read_utf8_or_gb18030`] was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// GB18030 (a superset of GBK and GB2312), what Excel on a Chinese
    /// Windows saves as “CSV (逗号分隔)”.
    Gb18030,
}

/// Read a file as UTF-8 (with or without a byte order mark) or, when it is
/// not, as GB18030 if it decodes cleanly so; otherwise the error of
/// [`read_utf8`] (the first byte that is not UTF-8, with its line), with
/// help that says both were tried.
pub fn read_utf8_or_gb18030(path: &Path, shown: &Path) -> Result<(Arc<str>, Encoding), Diagnostic> {
    let bytes = read_bytes(path, shown)?;
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        if let Some(text) =
            encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes)
        {
            return Ok((Arc::from(text.as_ref()), Encoding::Gb18030));
        }
        return utf8(bytes, shown)
            .map(|text| (text, Encoding::Utf8))
            .map_err(|d| d.with_help(msg!("files-not-utf8-or-gb18030-help")));
    }
    utf8(bytes, shown).map(|text| (text, Encoding::Utf8))
}

fn utf8(bytes: Vec<u8>, shown: &Path) -> Result<Arc<str>, Diagnostic> {
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(Arc::from(text));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Arc::from(s)),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // Show the file as far as it is readable, up to the bad byte.
            let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(&bytes[..good + 1]).as_ref());
            Err(Diagnostic::at(
                shown,
                &lossy,
                good,
                '\u{fffd}'.len_utf8(),
                msg!("not-utf8", byte = good),
            )
            .with_label(msg!("not-utf8-label"))
            .with_help(msg!("not-utf8-help")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<(Arc<str>, Encoding), Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, bytes).unwrap();
        read_utf8_or_gb18030(&path, Path::new("content/t.csv"))
    }

    #[test]
    fn gb18030_is_read_when_the_file_is_not_utf8() {
        let text = "id,name\nyuecheng,越城区妇联\n";
        let (gbk, _, bad) = encoding_rs::GB18030.encode(text);
        assert!(!bad);
        let (read_back, encoding) = read(&gbk).unwrap();
        assert_eq!((read_back.as_ref(), encoding), (text, Encoding::Gb18030));
        let bom = format!("\u{feff}{text}");
        let (utf8, encoding) = read(bom.as_bytes()).unwrap();
        assert_eq!((utf8.as_ref(), encoding), (bom.as_str(), Encoding::Utf8));
    }

    #[test]
    fn bytes_neither_utf8_nor_gb18030_are_an_error_at_the_first_bad_byte() {
        let d = read(b"id,name\nx,\xff\xfe\n").unwrap_err();
        assert_eq!(
            d.to_string(),
            "content/t.csv:2:3: not valid UTF-8: byte 10 cannot be read"
        );
        assert!(d.help().unwrap().contains("GB18030"), "{:?}", d.help());
    }
}
