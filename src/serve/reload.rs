//! Live reload: the messages the server sends over Server-Sent Events, the
//! small script served pages load to receive them, and how it is put into
//! a page.
//!
//! Events on `/__gongkai/events`:
//!
//! - `hello` (first, on every connection): `{"build": "N"}`, the number of
//!   the last good build; a page from an older build reloads.
//! - `error` (right after `hello` while the last build failed, and when a
//!   build fails): `{"errors": [{"file", "line", "column", "place",
//!   "message", "help"}], "title", "help", "close"}`; the page shows an
//!   overlay with the title, help and close texts in the run's language.
//! - `ok`: a build succeeded after a failed one; the page removes the
//!   overlay and reloads.
//! - `reload`: a build succeeded; the page reloads.
//! - `css`: a build succeeded and only stylesheets changed; the page swaps
//!   its stylesheets without reloading.
//!
//! The script is only ever added to responses of the dev server: files on
//! disk stay identical to what `gongkai build` writes.

use std::path::{Component, Path};

use serde_json::json;

use crate::base::diagnostics::Diagnostics;

/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__gongkai/livereload.js";
/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__gongkai/events";

/// The live-reload client: an `EventSource`, a stylesheet swap and an
/// error overlay, without dependencies.
pub const SCRIPT: &str = r#"// gongkai serve: live reload (dev server only).
(() => {
  "use strict";
  const me = document.currentScript;
  const build = me ? me.dataset.build : undefined;
  const ID = "gongkai-error-overlay";
  const hide = () => { const o = document.getElementById(ID); if (o) o.remove(); };
  const show = (texts) => {
    const errors = texts.errors || [];
    hide();
    const box = document.createElement("div");
    box.id = ID;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5em 2em;" +
      "background:rgba(40,0,0,.94);color:#fff;font:14px/1.6 ui-monospace,monospace;white-space:pre-wrap;text-align:left";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", texts.close || "Close");
    close.style.cssText = "float:right;font:inherit;font-size:1.6em;line-height:1;background:none;color:#fff;border:1px solid #fff;cursor:pointer";
    close.addEventListener("click", hide);
    const title = document.createElement("strong");
    title.textContent = texts.title || "The site does not build; the last good version is shown.";
    box.append(close, title);
    for (const e of errors) {
      const p = document.createElement("p");
      p.textContent = (e.place ? e.place + ": " : "") + e.message + (e.help ? "\n" + (texts.help || "help:") + " " + e.help : "");
      box.append(p);
    }
    document.body.append(box);
    close.focus();
  };
  const swapCss = () => {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("gongkai", Date.now().toString(36));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => fresh.remove());
      link.after(fresh);
    }
  };
  const events = new EventSource("/__gongkai/events");
  events.addEventListener("hello", (e) => {
    if (build !== undefined && JSON.parse(e.data).build !== build) location.reload();
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", swapCss);
  events.addEventListener("ok", () => { hide(); location.reload(); });
  events.addEventListener("error", (e) => { if (e.data) show(JSON.parse(e.data)); });
})();
"#;

/// A message to every connected page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The SSE event name (`reload`, `css`, `error`, `ok`).
    pub event: &'static str,
    /// JSON, on one line.
    pub data: String,
}

impl Message {
    pub fn hello(build: u64) -> Message {
        Message {
            event: "hello",
            data: json!({ "build": build.to_string() }).to_string(),
        }
    }

    /// After a good build: `ok` if the one before failed, else `css` or
    /// `reload` depending on what changed.
    pub fn built(build: u64, was_failing: bool, changed: &[std::path::PathBuf]) -> Message {
        let event = if was_failing {
            "ok"
        } else if only_stylesheets(changed) {
            "css"
        } else {
            "reload"
        };
        Message {
            event,
            data: json!({ "build": build.to_string() }).to_string(),
        }
    }

    /// A failed build, with every problem it found.
    pub fn error(diagnostics: &Diagnostics) -> Message {
        let errors: Vec<serde_json::Value> = diagnostics
            .0
            .iter()
            .map(|d| {
                json!({
                    "file": d.file.as_ref().map(|f| f.display().to_string()),
                    "line": d.location.map(|l| l.line),
                    "column": d.location.map(|l| l.column),
                    "place": d.place(),
                    "message": d.message,
                    "help": d.help(),
                })
            })
            .collect();
        Message {
            event: "error",
            data: json!({
                "errors": errors,
                "title": msg!("overlay-title"),
                "help": msg!("overlay-help"),
                "close": msg!("overlay-close"),
            })
            .to_string(),
        }
    }
}

/// Whether every changed path (relative to the site root) is a stylesheet
/// of the site's or a theme's `static/` folder.
pub fn only_stylesheets(changed: &[std::path::PathBuf]) -> bool {
    !changed.is_empty() && changed.iter().all(|p| is_static_stylesheet(p))
}

fn is_static_stylesheet(path: &Path) -> bool {
    let parts: Vec<&std::ffi::OsStr> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    let in_static = match parts.as_slice() {
        [first, _, ..] if *first == "static" => true,
        [first, _theme, third, _, ..] if *first == "themes" && *third == "static" => true,
        _ => false,
    };
    in_static
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("css"))
}

/// The `<script>` element served pages get, naming the build they come from.
pub fn script_tag(build: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\" defer></script>")
}

/// Put the live-reload script into an HTML page, before its last
/// `</body>` (or at the end when it has none).
pub fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let tag = script_tag(build);
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + 1);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Diagnostic;
    use std::path::PathBuf;
    use std::sync::Arc;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, 7)).expect("utf-8");
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__gongkai/livereload.js\" data-build=\"7\" defer></script>\n</BODY></html>"
        );
        let out = String::from_utf8(inject(b"<p>fragment", 1)).expect("utf-8");
        assert!(out.starts_with("<p>fragment<script"));
    }

    #[test]
    fn stylesheets_of_static_folders_swap_without_reload() {
        let p = |s: &str| PathBuf::from(s);
        assert!(only_stylesheets(&[p("static/site.css")]));
        assert!(only_stylesheets(&[
            p("themes/default/static/css/site.css"),
            p("static/a/b.CSS")
        ]));
        assert!(!only_stylesheets(&[]));
        assert!(!only_stylesheets(&[
            p("static/site.css"),
            p("content/a.md")
        ]));
        assert!(!only_stylesheets(&[p("content/site.css")]));
        assert!(!only_stylesheets(&[p("themes/default/templates/a.css")]));
        assert!(!only_stylesheets(&[p("static/app.js")]));
        assert_eq!(Message::built(3, false, &[p("static/x.css")]).event, "css");
        assert_eq!(
            Message::built(3, false, &[p("content/x.md")]).event,
            "reload"
        );
        assert_eq!(Message::built(3, true, &[p("static/x.css")]).event, "ok");
    }

    #[test]
    fn errors_carry_file_line_and_message() {
        let source: Arc<str> = Arc::from("---\ntitle: [\n---\n");
        let d = Diagnostic::at("content/a.md", &source, 11, 1, "unclosed <list>");
        let m = Message::error(&d.into());
        assert_eq!(m.event, "error");
        assert!(!m.data.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&m.data).expect("json");
        let e = &v["errors"][0];
        assert_eq!(e["file"], "content/a.md");
        assert_eq!(e["line"], 2);
        assert_eq!(e["column"], 8);
        assert_eq!(e["place"], "content/a.md:2:8");
        assert_eq!(e["message"], "unclosed <list>");
    }
}
