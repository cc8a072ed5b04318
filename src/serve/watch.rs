//! Watching the site for changes: `content/`, `themes/`, `templates/`,
//! `static/` and `gongkai.yaml`, with the system's file notifications or,
//! with `--poll`, by polling (for network and container file systems that
//! send none).
//!
//! Events are debounced (an editor's save is one change, not five) and
//! reduced to the changed paths, relative to the site root, that a build
//! reads: hidden files and editor backups are left out as the content
//! walker leaves them out. Watcher errors are printed, never fatal.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};
use tokio::sync::mpsc::UnboundedSender;

/// The folders under the site root that a build reads.
pub const WATCHED_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];
/// The configuration file.
pub const CONFIG_FILE: &str = "gongkai.yaml";

/// How long a burst of events must be quiet before it is reported. An
/// editor's save (truncate, write, close) arrives within a few
/// milliseconds; a longer wait goes straight into the edit-to-reload time,
/// whose target is 50 ms.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// How often `--poll` looks at the files. notify's poller compares
/// modification times in whole seconds, so it also compares contents
/// (hashes): without that, a second save within the same second is missed.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    backend: Backend,
    /// The folders watched recursively so far.
    watching: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Watch the site at `root` (canonical) and send each debounced batch
    /// of changed paths (relative to `root`) to `changes`.
    pub fn start(
        root: &Path,
        poll: bool,
        changes: UnboundedSender<Vec<PathBuf>>,
    ) -> Result<Watcher, String> {
        let base = root.to_path_buf();
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut paths = BTreeSet::new();
                for event in events {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    for p in &event.paths {
                        if let Some(rel) = relevant(&base, p) {
                            paths.insert(rel);
                        }
                    }
                }
                if !paths.is_empty() {
                    // The receiver is gone only when the server stops.
                    let _ = changes.send(paths.into_iter().collect());
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!(
                        "{}",
                        msg!(
                            "serve-watch-warning",
                            error = crate::base::words::quoted(&e.to_string())
                        )
                    );
                }
            }
        };
        let backend = if poll {
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Backend::Poll(
                new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config).map_err(|e| {
                    msg!(
                        "serve-cannot-poll",
                        error = crate::base::words::quoted(&e.to_string())
                    )
                })?,
            )
        } else {
            Backend::Native(
                new_debouncer_opt(
                    DEBOUNCE,
                    None,
                    handler,
                    RecommendedCache::new(),
                    notify::Config::default(),
                )
                .map_err(|e| {
                    msg!(
                        "serve-cannot-watch",
                        error = crate::base::words::quoted(&e.to_string())
                    )
                })?,
            )
        };
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            backend,
            watching: BTreeSet::new(),
        };
        // The root itself, not recursively: gongkai.yaml, and watched
        // folders that appear later.
        watcher
            .watch(root.to_path_buf(), RecursiveMode::NonRecursive)
            .map_err(|e| {
                msg!(
                    "serve-cannot-watch-folder",
                    folder = root,
                    error = crate::base::words::quoted(&e.to_string())
                )
            })?;
        watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Start watching the watched folders that exist and are not watched
    /// yet (a `templates/` made while serving, say).
    pub fn watch_new_folders(&mut self) {
        for name in WATCHED_FOLDERS {
            let dir = self.root.join(name);
            if self.watching.contains(&dir) || !dir.is_dir() {
                continue;
            }
            match self.watch(dir.clone(), RecursiveMode::Recursive) {
                Ok(()) => {
                    self.watching.insert(dir);
                }
                Err(e) => eprintln!(
                    "{}",
                    msg!(
                        "serve-cannot-watch-folder-warning",
                        folder = &dir,
                        error = crate::base::words::quoted(&e.to_string())
                    )
                ),
            }
        }
        // A folder that was removed is watched again when it comes back.
        self.watching.retain(|d| d.is_dir());
    }

    fn watch(&mut self, path: PathBuf, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Native(d) => d.watch(&path, mode),
            Backend::Poll(d) => d.watch(&path, mode),
        }
    }
}

/// The path relative to `root` if a build reads it: `gongkai.yaml` or
/// anything under a watched folder, except hidden files and editor backups.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let first = parts.first()?;
    let wanted = if parts.len() == 1 {
        first == CONFIG_FILE || WATCHED_FOLDERS.contains(&first.as_str())
    } else {
        WATCHED_FOLDERS.contains(&first.as_str())
    };
    let ignored = parts.iter().any(|p| {
        p.starts_with('.')
            || p.starts_with("~$")
            || p.ends_with('~')
            || p.ends_with(".swp")
            || p.ends_with(".swx")
            || p == "4913"
    });
    (wanted && !ignored).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_build_reads_is_relevant() {
        let root = Path::new("/site");
        let r = |p: &str| relevant(root, Path::new(p)).map(|p| p.display().to_string());
        assert_eq!(r("/site/gongkai.yaml").as_deref(), Some("gongkai.yaml"));
        assert_eq!(r("/site/content/a.md").as_deref(), Some("content/a.md"));
        assert_eq!(
            r("/site/themes/default/static/css/site.css").as_deref(),
            Some("themes/default/static/css/site.css")
        );
        assert_eq!(r("/site/templates").as_deref(), Some("templates"));
        assert_eq!(r("/site/public/index.html"), None);
        assert_eq!(r("/site/README.md"), None);
        assert_eq!(r("/site/content/.a.md.swp"), None);
        assert_eq!(r("/site/content/a.md~"), None);
        assert_eq!(r("/site/content/.git/HEAD"), None);
        assert_eq!(r("/elsewhere/content/a.md"), None);
    }
}
