//! The URL table: every file a build writes is claimed by one source (a
//! page, a section's list page, a directory page, a content or theme file,
//! a generated file). Two sources claiming one path is an error naming
//! both, so a content file never silently replaces a generated page and a
//! page never races a section's pagination for a URL. `check` claims the
//! same paths as `build`, so the two reach the same verdict.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::base::diagnostics::Diagnostic;

/// Who writes a file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The editor's file behind it, when there is one (messages point there).
    pub file: Option<PathBuf>,
    /// What it is, for messages: `content/index.html`, `the home page`.
    pub what: String,
}

impl Owner {
    /// A file of the site copied or rendered from `file`.
    pub fn file(file: impl Into<PathBuf>, what: impl Into<String>) -> Owner {
        Owner {
            file: Some(file.into()),
            what: what.into(),
        }
    }

    /// A file that gongkai makes itself.
    pub fn generated(what: impl Into<String>) -> Owner {
        Owner {
            file: None,
            what: what.into(),
        }
    }
}

/// The paths claimed so far, by output path (`a/b/index.html`).
#[derive(Default)]
pub struct Claims {
    table: Mutex<HashMap<String, Owner>>,
}

impl Claims {
    /// Claim `rel` for `owner`: an error when another source has it, or
    /// when `rel` is not a safe path below the output.
    pub fn claim(&self, rel: &str, owner: &Owner) -> Result<(), Diagnostic> {
        let at = |message: String| match &owner.file {
            Some(f) => Diagnostic::in_file(f, message),
            None => Diagnostic::new(message),
        };
        if let Some(bad) = rel.split('/').find(|s| !is_safe_segment(s)) {
            return Err(at(msg!(
                "claim-unsafe-name",
                what = &owner.what,
                path = rel,
                part = bad
            ))
            .with_help(msg!("claim-unsafe-name-help")));
        }
        let mut table = self.table.lock().unwrap_or_else(|e| e.into_inner());
        match table.get(rel) {
            None => {
                table.insert(rel.to_string(), owner.clone());
                Ok(())
            }
            Some(first) if first == owner => Ok(()),
            Some(first) => {
                // Sorted, so the message does not depend on which thread came first.
                let mut both = [first.what.as_str(), owner.what.as_str()];
                both.sort_unstable();
                let file = [&first.file, &owner.file]
                    .into_iter()
                    .flatten()
                    .min()
                    .cloned();
                let message = msg!(
                    "claim-twice",
                    path = rel,
                    first = both[0].to_string(),
                    second = both[1].to_string()
                );
                let d = match file {
                    Some(f) => Diagnostic::in_file(f, message),
                    None => Diagnostic::new(message),
                };
                Err(d.with_help(msg!("claim-twice-help")))
            }
        }
    }
}

impl Claims {
    /// Does the output hold what a link to `path` (decoded, below the base
    /// path) leads to: the file itself, or a folder's `index.html` (with
    /// or without the closing `/`)?
    pub fn serves(&self, path: &str) -> bool {
        let table = self.table.lock().unwrap_or_else(|e| e.into_inner());
        if path.is_empty() || path.ends_with('/') {
            return table.contains_key(&format!("{path}index.html"));
        }
        table.contains_key(path) || table.contains_key(&format!("{path}/index.html"))
    }
}

/// Is `segment` a file name that writes exactly where it says?
fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= 255
        && segment != "."
        && segment != ".."
        && !segment.contains('\\')
        && !segment.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_owner_of_a_path_is_an_error_naming_both() {
        let claims = Claims::default();
        let home = Owner::generated("the home page");
        let file = Owner::file("content/index.html", "content/index.html");
        claims.claim("index.html", &home).unwrap();
        claims.claim("index.html", &home).unwrap();
        let d = claims.claim("index.html", &file).unwrap_err();
        assert_eq!(
            d.to_string(),
            "content/index.html: two sources would write the same file `/index.html`: content/index.html and the home page"
        );
    }

    #[test]
    fn unsafe_segments_are_refused() {
        let claims = Claims::default();
        let o = Owner::generated("x");
        let long = format!("needs/{}/index.html", "援".repeat(86));
        for rel in [
            "find/./index.html",
            "a//b",
            "../x",
            "a/\u{1}/b",
            "a\\b/c",
            &long,
        ] {
            assert!(claims.claim(rel, &o).is_err(), "{rel}");
        }
        claims.claim("find/法律援助/index.html", &o).unwrap();
    }

    #[test]
    fn serves_files_and_folders() {
        let claims = Claims::default();
        let o = Owner::generated("x");
        claims.claim("index.html", &o).unwrap();
        claims.claim("policies/a/index.html", &o).unwrap();
        claims.claim("policies/a/附件.pdf", &o).unwrap();
        for path in ["", "policies/a/", "policies/a", "policies/a/附件.pdf"] {
            assert!(claims.serves(path), "{path}");
        }
        for path in ["policies/", "policies/a/附件.pdf/", "policies/b.pdf"] {
            assert!(!claims.serves(path), "{path}");
        }
    }
}
