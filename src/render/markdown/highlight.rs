//! Fenced code highlighting with syntect's pure-Rust regex engine. Output is
//! class-based (`hl-…` spans), so a theme's CSS decides the colours; the
//! syntax definitions load once, on the first code block of a build.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The CSS class prefix of highlighted spans.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A `<pre>` block for `text` in language `lang` (a fence token such as
/// `rust`, `yaml`, `json`); unknown languages are escaped plain text.
pub fn code_block(lang: &str, text: &str) -> String {
    let lang_attr = crate::base::escape::escape_html(lang);
    let body = highlight(lang, text).unwrap_or_else(|| crate::base::escape::escape_html(text));
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">{body}</code></pre>\n"
        )
    }
}

fn highlight(lang: &str, text: &str) -> Option<String> {
    if lang.is_empty() {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(text) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The CSS for one of syntect's bundled themes, for theme authors
/// (`gongkai syntax-css`).
pub fn theme_css(name: &str) -> Result<String, String> {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let theme = themes.themes.get(name).ok_or_else(|| {
        let names: Vec<_> = themes.themes.keys().cloned().collect();
        msg!(
            "render-syntax-theme-unknown",
            name = name,
            names = names.join(", ")
        )
    })?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|e| e.to_string())
}
