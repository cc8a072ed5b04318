//! The built site on disk: every file under the output folder with its
//! path (`/`-separated, relative to the output), size and MD5, hashed in
//! parallel.
//!
//! MD5 because it is what S3-compatible stores return as the ETag of an
//! object uploaded in one request, so the same hash compares with the
//! deploy manifest and, when there is none, with a bucket listing. It
//! detects change; it is not a security measure.

use std::collections::BTreeMap;
use std::path::Path;

use md5::{Digest, Md5};
use rayon::prelude::*;

use super::DeployError;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Size in bytes.
    pub size: u64,
    /// MD5 of the bytes, 32 lower-case hex digits.
    pub md5: String,
}

/// Every file of the built site by its path, sorted.
pub type SiteFiles = BTreeMap<String, SiteFile>;

/// Whether `output` holds a built site. No folder, or one without
/// `index.html`, means the site was not built: that is said with the
/// command that builds it.
pub fn check_built(output: &Path) -> Result<(), DeployError> {
    if output.join("index.html").is_file() {
        Ok(())
    } else {
        Err(DeployError::new(msg!(
            "deploy-not-built",
            path = output.display()
        )))
    }
}

/// Read the output folder (after [`check_built`]).
pub fn scan(output: &Path) -> Result<SiteFiles, DeployError> {
    check_built(output)?;
    let mut paths = vec![];
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            DeployError::new(msg!(
                "deploy-cannot-read-site",
                path = output.display(),
                reason = crate::base::words::quoted(&e.to_string())
            ))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        // The marker that says the folder is a gongkai output is not part
        // of the site.
        if relative == Path::new(crate::write::MARKER) {
            continue;
        }
        let mut parts = vec![];
        for part in relative.components() {
            let Some(text) = part.as_os_str().to_str() else {
                return Err(DeployError::new(msg!(
                    "deploy-name-not-utf8",
                    path = entry.path().display()
                )));
            };
            parts.push(text);
        }
        paths.push((parts.join("/"), entry.path().to_path_buf()));
    }
    let hashed: Result<Vec<(String, SiteFile)>, DeployError> = paths
        .into_par_iter()
        .map(|(path, file)| {
            let bytes = std::fs::read(&file).map_err(|e| {
                DeployError::new(msg!(
                    "deploy-cannot-read",
                    path = file.display(),
                    reason = crate::base::words::io_error(&e)
                ))
            })?;
            let site_file = SiteFile {
                size: bytes.len() as u64,
                md5: md5_hex(&bytes),
            };
            Ok((path, site_file))
        })
        .collect();
    Ok(hashed?.into_iter().collect())
}

/// The MD5 of `bytes` in lower-case hex.
pub fn md5_hex(bytes: &[u8]) -> String {
    hex(&Md5::digest(bytes))
}

/// The MD5 of `bytes` in base64, for the `Content-MD5` header that makes
/// the store check the upload.
pub fn md5_base64(bytes: &[u8]) -> String {
    base64(&Md5::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_in_hex_and_base64() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_base64(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
        assert_eq!(base64(b"a"), "YQ==");
    }

    #[test]
    fn scan_lists_files_with_slashes_and_says_to_build_first() {
        let dir = tempfile::tempdir().unwrap();
        let e = scan(&dir.path().join("public")).unwrap_err();
        assert!(e.message.contains("build first: gongkai build"), "{e}");
        std::fs::create_dir_all(dir.path().join("政策/a")).unwrap();
        std::fs::write(dir.path().join("index.html"), "home").unwrap();
        std::fs::write(dir.path().join("政策/a/index.html"), "").unwrap();
        let files = scan(dir.path()).unwrap();
        let paths: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(paths, ["index.html", "政策/a/index.html"]);
        assert_eq!(files["index.html"].size, 4);
        assert_eq!(files["政策/a/index.html"].md5, md5_hex(b""));
    }
}
