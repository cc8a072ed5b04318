//! URL segments: slugs keep Chinese readable (the path on disk is UTF-8, the
//! link is percent-encoded), refuse anything that could leave the output
//! folder, and turn whitespace into hyphens.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters encoded in a path segment: everything but RFC 3986 unreserved
/// characters and a few sub-delimiters that are safe in a path.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'/')
    .add(b'\'')
    .add(b';')
    .add(b'=')
    .add(b'&')
    .add(b'+')
    .add(b',')
    .add(b'@')
    .add(b'$')
    .add(b'!')
    .add(b'*')
    .add(b'(')
    .add(b')')
    .add(b':');

/// The longest URL segment: a segment is a folder name in the output, and
/// Linux file systems take at most 255 bytes per name.
pub const MAX_SEGMENT_BYTES: usize = 255;

/// Check an explicit `slug:` value.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.trim().is_empty() {
        return Err(msg!("slug-empty"));
    }
    check_length(slug)?;
    if slug.contains('/') || slug.contains('\\') {
        return Err(msg!("slug-slash", slug = slug));
    }
    if slug.contains("..") {
        return Err(msg!("slug-dots", slug = slug));
    }
    if slug.starts_with('.') {
        return Err(msg!("slug-dot-start", slug = slug));
    }
    if slug.chars().any(char::is_control) {
        return Err(msg!("slug-control", slug = slug));
    }
    Ok(())
}

/// Check that a URL segment (a slug, or one made from a file name) can be
/// a folder name in the output: at most [`MAX_SEGMENT_BYTES`] bytes in UTF-8.
pub fn check_length(segment: &str) -> Result<(), String> {
    if segment.len() <= MAX_SEGMENT_BYTES {
        return Ok(());
    }
    let start: String = segment.chars().take(12).collect();
    Err(msg!(
        "url-segment-too-long",
        start = start,
        bytes = segment.len(),
        most = MAX_SEGMENT_BYTES
    ))
}

/// A URL segment from a file or folder name: whitespace becomes `-`.
pub fn from_file_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut last_dash = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            if !last_dash {
                out.push('-');
            }
            last_dash = true;
        } else {
            out.push(c);
            last_dash = false;
        }
    }
    out
}

/// Percent-encode a site path (`政策/办法/`) for use in an `href`.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|seg| utf8_percent_encode(seg, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// An id for a heading: letters and digits of any script kept, ASCII
/// lowercased, whitespace and punctuation runs become one `-`.
pub fn anchor_id(text: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c == '-' || c.is_whitespace() || c.is_ascii_punctuation() {
            pending_dash = true;
        }
        // Other symbols (CJK punctuation such as 、。《》) are dropped.
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_kept_and_encoded_in_links() {
        assert_eq!(encode_path("政策/a b/"), "%E6%94%BF%E7%AD%96/a%20b/");
    }

    #[test]
    fn bad_slugs() {
        assert!(check_slug("../x").is_err());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("a..b").is_err());
        assert!(check_slug("实施办法").is_ok());
    }

    #[test]
    fn a_segment_longer_than_a_file_name_is_refused() {
        assert!(check_slug(&"a".repeat(255)).is_ok());
        let e = check_slug(&"a".repeat(300)).unwrap_err();
        assert!(e.contains("300 bytes"), "{e}");
        // 86 Chinese characters are 258 bytes.
        assert!(check_slug(&"政".repeat(85)).is_ok());
        assert!(check_slug(&"政".repeat(86)).is_err());
    }

    #[test]
    fn anchors() {
        assert_eq!(anchor_id("一、加强 领导"), "一加强-领导");
        assert_eq!(anchor_id("Hello, World!"), "hello-world");
        assert_eq!(anchor_id("《》"), "section");
    }
}
