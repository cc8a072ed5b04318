//! Escaping text for HTML and XML.

/// HTML-escape text for element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// XML-escape text, leaving out the characters XML 1.0 does not allow
/// (control characters other than tab and line breaks, U+FFFE and U+FFFF):
/// one of them in a title would make the whole feed or sitemap unreadable.
pub fn escape_xml(text: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    };
    if text.chars().all(allowed) {
        return escape_html(text);
    }
    let kept: String = text.chars().filter(|&c| allowed(c)).collect();
    escape_html(&kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_keeps_only_characters_xml_allows() {
        assert_eq!(escape_xml("a\u{1}b\u{1b}c\tд<\u{FFFF}"), "abc\tд&lt;");
    }
}
