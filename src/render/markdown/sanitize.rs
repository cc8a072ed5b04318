//! Raw HTML in markdown, made safe with ammonia when the site does not set
//! `allow_raw_html: true`: formatting, tables, images and links stay;
//! scripts, styles, frames, forms, event handlers (`onerror=`) and
//! `javascript:` URLs go. What pulldown-cmark and the highlighter produce
//! themselves (heading ids, footnotes, task-list boxes, class-based code
//! spans, table alignment) passes, so a page keeps its own markup.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::Builder;

/// The one policy for untrusted HTML, built once.
static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags([
        "input",
        "section",
        "figure",
        "figcaption",
        "details",
        "summary",
    ])
    .add_generic_attributes(["id", "class", "title", "lang", "dir", "style"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("ol", ["start", "reversed", "type"])
    .add_tag_attributes("pre", ["data-lang"])
    .add_tag_attributes("a", ["aria-label"])
    // Only table alignment survives in `style` (pulldown-cmark writes it).
    .filter_style_properties(HashSet::from(["text-align"]))
    .attribute_filter(|element, attribute, value| match (element, attribute) {
        // A task list's box is the only input kept, and never enabled.
        ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    })
    // Links keep their rel as written; ammonia's default would add
    // `noopener noreferrer` to every one, internal links included.
    .link_rel(None);
    b
});

/// `html` with everything executable removed.
pub fn clean(html: &str) -> String {
    POLICY.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn scripts_handlers_frames_and_javascript_urls_go() {
        let dirty = r#"<script>alert(1)</script><img src="x.png" onerror="alert(2)" alt="图">
<a href="javascript:alert(3)">a</a><a href=" JaVaScRiPt:alert(4)">b</a>
<iframe src="https://evil.example"></iframe><div onclick="alert(5)"><b>粗</b></div>
<style>body{display:none}</style><form action="/x"><button>提交</button></form>
<svg><script>alert(6)</script></svg><math><mi xlink:href="javascript:alert(7)">x</mi></math>
<a href="data:text/html,<script>alert(8)</script>">d</a><p style="position:fixed;text-align:center">居中</p>"#;
        let out = clean(dirty);
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "javascript",
            "<iframe",
            "<style",
            "<form",
            "<svg",
            "data:text",
            "position",
        ] {
            assert!(!out.to_ascii_lowercase().contains(bad), "{bad} in {out}");
        }
        assert!(out.contains(r#"<img src="x.png" alt="图">"#), "{out}");
        assert!(out.contains("<div><b>粗</b></div>"), "{out}");
        assert!(
            out.contains(r#"<p style="text-align:center">居中</p>"#),
            "{out}"
        );
    }

    #[test]
    fn markdown_s_own_markup_survives() {
        let own = r##"<h2 id="第一章">第一章</h2><ul><li><input disabled="" type="checkbox" checked=""> 已办</li></ul><table><thead><tr><th style="text-align: right">金额</th></tr></thead></table><pre class="code" data-lang="rust"><code><span class="syn-k">fn</span></code></pre><sup class="footnote-reference"><a href="#1">1</a></sup><a href="/policies/a/#art_6" title="第六条">第六条</a><a href="tel:12351">12351</a>"##;
        let out = clean(own);
        for kept in [
            r#"<h2 id="第一章">"#,
            r#"type="checkbox""#,
            r#"<th style="text-align:right">"#,
            r#"<span class="syn-k">"#,
            r#"<pre class="code" data-lang="rust">"#,
            r##"<a href="#1">"##,
            r#"<a href="/policies/a/#art_6" title="第六条">"#,
            r#"<a href="tel:12351">"#,
        ] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
        assert!(!out.contains("noopener"), "{out}");
        // An input other than a checkbox loses its type (a plain box).
        assert!(!clean(r#"<input type="image" src="x">"#).contains("image"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(20_000) + "x" + &"</div>".repeat(20_000);
        let out = clean(&html);
        assert!(out.contains('x'));
    }
}
