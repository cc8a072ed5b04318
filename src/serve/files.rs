//! Turning a request path into a file of the served folder, safely, and
//! naming its content type.
//!
//! A request never reaches a file outside the served folder: the path is
//! percent-decoded segment by segment, and a segment that is `.` or `..`,
//! or holds a slash, a backslash or a NUL once decoded, makes the request
//! bad (400). The joined path is then canonicalised and must still lie
//! inside the canonical served folder, so a symbolic link that leads out
//! is not found (404).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A regular file inside the served folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this
    /// path (already percent-encoded, starting and ending with `/`).
    Redirect(String),
    /// Nothing there, or a place outside the served folder.
    NotFound,
    /// A path that tries to leave the folder or cannot name a file.
    BadRequest,
}

/// Find the file `raw_path` (the request's path as sent, still
/// percent-encoded, without the query) names inside `root`, which must be
/// canonical.
pub fn lookup(root: &Path, raw_path: &str) -> Lookup {
    let Some(rest) = raw_path.strip_prefix('/') else {
        return Lookup::BadRequest;
    };
    if raw_path.contains('\\') {
        return Lookup::BadRequest;
    }
    let mut path = root.to_path_buf();
    let mut raw_segments = Vec::new();
    for raw in rest.split('/') {
        if raw.is_empty() {
            continue;
        }
        let decoded: Vec<u8> = percent_decode_str(raw).collect();
        if decoded == b"." || decoded == b".." || decoded.is_empty() {
            return Lookup::BadRequest;
        }
        if decoded.iter().any(|&b| b == b'/' || b == b'\\' || b == 0) {
            return Lookup::BadRequest;
        }
        path.push(OsStr::from_bytes(&decoded));
        raw_segments.push(raw);
    }
    let Ok(canonical) = std::fs::canonicalize(&path) else {
        return Lookup::NotFound;
    };
    if !canonical.starts_with(root) {
        return Lookup::NotFound;
    }
    let Ok(meta) = std::fs::metadata(&canonical) else {
        return Lookup::NotFound;
    };
    if meta.is_dir() {
        if !raw_path.ends_with('/') {
            let mut location = String::from("/");
            for s in &raw_segments {
                location.push_str(s);
                location.push('/');
            }
            return Lookup::Redirect(location);
        }
        let index = canonical.join("index.html");
        return match std::fs::canonicalize(&index) {
            Ok(i) if i.starts_with(root) && i.is_file() => Lookup::File(i),
            _ => Lookup::NotFound,
        };
    }
    if meta.is_file() {
        Lookup::File(canonical)
    } else {
        Lookup::NotFound
    }
}

/// The `Content-Type` of a file, by its name (see [`crate::write::media_type`]).
pub fn content_type(path: &Path) -> &'static str {
    crate::write::media_type::media_type(&path.to_string_lossy())
}

/// Whether a content type is HTML (and gets the live-reload script).
pub fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("public");
        std::fs::create_dir_all(root.join("policies/规定")).expect("mkdir");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("policies/规定/index.html"), "rule").expect("write");
        std::fs::write(root.join("site.css"), "css").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        let root = std::fs::canonicalize(root).expect("canonical");
        (dir, root)
    }

    #[test]
    fn files_and_folders_inside_the_root_are_found() {
        let (_dir, root) = site();
        assert_eq!(lookup(&root, "/"), Lookup::File(root.join("index.html")));
        assert_eq!(
            lookup(&root, "/site.css"),
            Lookup::File(root.join("site.css"))
        );
        assert_eq!(
            lookup(&root, "/policies/%E8%A7%84%E5%AE%9A/"),
            Lookup::File(root.join("policies/规定/index.html"))
        );
        assert_eq!(
            lookup(&root, "/policies/%E8%A7%84%E5%AE%9A"),
            Lookup::Redirect("/policies/%E8%A7%84%E5%AE%9A/".into())
        );
        assert_eq!(
            lookup(&root, "//site.css"),
            Lookup::File(root.join("site.css"))
        );
        assert_eq!(lookup(&root, "/missing.html"), Lookup::NotFound);
        assert_eq!(lookup(&root, "/policies/"), Lookup::NotFound);
    }

    #[test]
    fn traversal_is_a_bad_request() {
        let (_dir, root) = site();
        for path in [
            "/../secret.txt",
            "/policies/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/./site.css",
            "/site.css%00.html",
            "secret.txt",
            "/%2Fetc%2Fpasswd",
        ] {
            assert_eq!(lookup(&root, path), Lookup::BadRequest, "{path}");
        }
    }

    #[test]
    fn symlinks_that_lead_out_are_not_found() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink(dir.path(), root.join("up")).expect("symlink");
        std::os::unix::fs::symlink(root.join("site.css"), root.join("inside.css"))
            .expect("symlink");
        assert_eq!(lookup(&root, "/link.txt"), Lookup::NotFound);
        assert_eq!(lookup(&root, "/up/secret.txt"), Lookup::NotFound);
        assert_eq!(lookup(&root, "/up/"), Lookup::NotFound);
        assert_eq!(
            lookup(&root, "/inside.css"),
            Lookup::File(root.join("site.css"))
        );
    }

    #[test]
    fn content_types_by_extension() {
        for (name, expected) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("site.CSS", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("data.json", "application/json; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("events.ics", "text/calendar; charset=utf-8"),
            ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("font.woff2", "font/woff2"),
            ("photo.jpeg", "image/jpeg"),
            ("report.pdf", "application/pdf"),
            ("README", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }
}
