//! Writing: every build writes into a staging folder beside the output and
//! swaps it in only when the whole build succeeded, with one atomic
//! `renameat2(RENAME_EXCHANGE)` where the file system has it. A failed or
//! killed build leaves the previous output exactly as it was. The old tree
//! is removed in the background, off the critical path.

pub mod feed;
pub mod sitemap;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diagnostics::Diagnostic;

/// A folder being filled by a build, to become the output.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

fn prefix_of(output: &Path) -> String {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    format!(".{name}.gongkai-")
}

impl Staging {
    /// Make an empty staging folder beside `output`; sweep leftovers of
    /// builds that were killed.
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::in_file(
                parent,
                format!("cannot create the output's parent folder: {e}"),
            )
        })?;
        let prefix = prefix_of(output);
        if let Ok(entries) = std::fs::read_dir(parent) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&prefix) {
                    remove_in_background(&entry.path());
                }
            }
        }
        // Unique per build, not only per process: after a swap the previous
        // output sits at this name while a background `rm -rf` removes it,
        // and the next build of the same process (gongkai serve) must not
        // stage into a folder that is being deleted.
        let dir = parent.join(format!("{prefix}staging-{}", unique()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).map_err(|e| {
            Diagnostic::in_file(&dir, format!("cannot write the output: {e}"))
                .with_help("check that the output folder's parent is writable")
        })?;
        if output.exists() && !output.is_dir() {
            return Err(Diagnostic::in_file(
                output,
                "the output path exists and is not a folder",
            ));
        }
        if output.is_dir()
            && std::fs::metadata(output)
                .map(|m| m.permissions().readonly())
                .unwrap_or(false)
        {
            return Err(Diagnostic::in_file(
                output,
                "the output folder is read-only",
            ));
        }
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// The folder being written.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write `bytes` at `rel` (a `/`-separated path below the output).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            make_dir(parent)?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Diagnostic::in_file(&path, format!("cannot write: {e}")))
    }

    /// Write the file at `rel` as `fill` produces it, through a buffer.
    pub fn stream(&self, rel: &str, fill: &mut crate::Fill<'_>) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            make_dir(parent)?;
        }
        let cannot = |e: std::io::Error| Diagnostic::in_file(&path, format!("cannot write: {e}"));
        let file = std::fs::File::create(&path).map_err(cannot)?;
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut writer).map_err(cannot)?;
        std::io::Write::flush(&mut writer).map_err(cannot)
    }

    /// Copy a file to `rel`.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            make_dir(parent)?;
        }
        std::fs::copy(from, &path)
            .map(|_| ())
            .map_err(|e| Diagnostic::in_file(from, format!("cannot copy to the output: {e}")))
    }

    fn path_of(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let mut path = self.dir.clone();
        for part in rel.split('/') {
            if part.is_empty() || part == "." {
                continue;
            }
            if part == ".." || part.contains('\\') {
                return Err(Diagnostic::new(format!(
                    "refusing to write outside the output: `{rel}`"
                )));
            }
            path.push(part);
        }
        Ok(path)
    }

    /// Swap the staging folder in as the output.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let failed = |e: std::io::Error| {
            Diagnostic::in_file(
                &self.output,
                format!("cannot replace the output folder: {e}"),
            )
        };
        if self.output.exists() {
            match rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.output,
                rustix::fs::RenameFlags::EXCHANGE,
            ) {
                Ok(()) => {
                    // `self.dir` now holds the previous output.
                    remove_in_background(&self.dir);
                }
                Err(_) => {
                    // No atomic exchange here: two renames, a moment apart.
                    let old = self.output.with_file_name(format!(
                        "{}old-{}",
                        prefix_of(&self.output),
                        unique()
                    ));
                    std::fs::rename(&self.output, &old).map_err(failed)?;
                    std::fs::rename(&self.dir, &self.output).map_err(failed)?;
                    remove_in_background(&old);
                }
            }
        } else {
            std::fs::rename(&self.dir, &self.output).map_err(failed)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_in_background(&self.dir);
        }
    }
}

/// `<pid>-<n>`, different for every call in this process.
fn unique() -> String {
    static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{n}", std::process::id())
}

/// Make a folder and its missing parents. Most pages get a new folder, so
/// try `mkdir` first instead of asking whether it exists (one system call
/// instead of two, on every page).
fn make_dir(dir: &Path) -> Result<(), Diagnostic> {
    match std::fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => std::fs::create_dir_all(dir)
            .map_err(|e| Diagnostic::in_file(dir, format!("cannot create folder: {e}"))),
    }
}

/// Remove a tree without making the build wait: deleting ten thousand files
/// takes seconds on some disks. A detached `rm -rf` does it; if that cannot
/// start, remove it here.
fn remove_in_background(path: &Path) {
    let spawned = Command::new("rm")
        .arg("-rf")
        .arg("--")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        let _ = std::fs::remove_dir_all(path);
    }
}

/// XML-escape text.
pub fn escape_xml(text: &str) -> String {
    crate::render::escape_html(text)
}
