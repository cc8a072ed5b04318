//! SVG files of `content/` are published on the site's own origin, where an
//! SVG opened directly runs its scripts. gongkai refuses (rather than
//! rewrites) an SVG with active or outside content: `<script>`,
//! `<foreignObject>`, event-handler attributes (`onload` …), links that
//! are not to the same file (`#id`) or an embedded image (`data:image/…`),
//! any attribute value that holds a `javascript:` URL (entities decoded),
//! and document type declarations (entity tricks). Refusing keeps the
//! editor's file exactly as drawn or not at all; the message says what to
//! remove. An SVG that does not parse as XML is refused too.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Why `text` (an SVG file) cannot be published, with the byte offset of
/// the problem, or `None` when it is safe.
pub fn refusal(text: &str) -> Option<(usize, String)> {
    let mut reader = Reader::from_str(text);
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Some((
                    reader.error_position() as usize,
                    msg!(
                        "svg-not-xml",
                        error = crate::base::words::quoted(&e.to_string())
                    ),
                ));
            }
        };
        let element = match &event {
            Event::Eof => return None,
            Event::DocType(_) => {
                return Some((at, msg!("svg-doctype")));
            }
            Event::Start(e) | Event::Empty(e) => e,
            _ => continue,
        };
        let name = String::from_utf8_lossy(element.local_name().as_ref()).to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "script" | "foreignobject" | "iframe" | "embed" | "object"
        ) {
            return Some((at, msg!("svg-element", element = &name)));
        }
        for attribute in element.attributes().with_checks(false) {
            let Ok(attribute) = attribute else {
                return Some((at, msg!("svg-bad-attribute")));
            };
            let key =
                String::from_utf8_lossy(attribute.key.local_name().as_ref()).to_ascii_lowercase();
            let Ok(value) = attribute.unescape_value() else {
                return Some((at, msg!("svg-bad-value", key = &key)));
            };
            let plain: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if key.starts_with("on") {
                return Some((at, msg!("svg-event-handler", key = &key)));
            }
            if plain.contains("javascript:") || plain.contains("vbscript:") {
                return Some((at, msg!("svg-script-url", key = &key)));
            }
            let is_link = key == "href" || key == "src";
            let to_self = plain.starts_with('#') || plain.starts_with("data:image/");
            if is_link && !to_self {
                return Some((at, msg!("svg-outside-link", link = value.as_ref())));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_pass_and_active_content_is_refused() {
        let ok = r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><circle id="c" r="4"/></defs><use xlink:href="#c" x="5" y="5" fill="#c00"/><style>circle{stroke:#000}</style></svg>"##;
        assert_eq!(refusal(ok), None);
        for (bad, phrase) in [
            (r#"<svg><script>alert(1)</script></svg>"#, "<script>"),
            (r#"<svg onload="alert(1)"/>"#, "`onload`"),
            (
                r#"<svg><a href="&#x6a;avascript:alert(1)"><text>x</text></a></svg>"#,
                "script URL",
            ),
            (
                r#"<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>"#,
                "script URL",
            ),
            (
                r#"<svg><image href="https://example.com/x.png"/></svg>"#,
                "outside the file",
            ),
            (
                r#"<svg><foreignObject><p>x</p></foreignObject></svg>"#,
                "<foreignobject>",
            ),
            (
                r#"<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>"#,
                "document type",
            ),
            (r#"<svg><g></svg>"#, "not well-formed"),
        ] {
            let (_, message) = refusal(bad).unwrap_or_else(|| panic!("{bad} passed"));
            assert!(message.contains(phrase), "{bad}: {message}");
        }
    }
}
