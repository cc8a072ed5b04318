//! Writing: every build writes into a staging folder beside the output and
//! swaps it in only when the whole build succeeded, with one atomic
//! `renameat2(RENAME_EXCHANGE)` where the file system has it. A failed or
//! killed build leaves the previous output exactly as it was. The old tree
//! is removed in the background, off the critical path.

pub mod changes;
pub mod claims;
pub mod deploy;
pub mod feed;
pub mod media_type;
pub mod open_data;
mod output;
pub mod site_files;
pub mod sitemap;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::base::diagnostics::Diagnostic;
use crate::base::sink::{Fill, Sink};

pub use output::{MARKER, resolve_output};

/// A folder being filled by a build, to become the output.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
    _lock: OutputLock,
}

fn prefix_of(output: &Path) -> String {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    format!(".{name}.gongkai-")
}

const MARKER_TEXT: &str = "This folder is written by `gongkai build`: every build replaces all of it.\n\
     本文件夹由 gongkai build 生成，每次构建都会整体替换。\n";

/// Holds the output's lock for as long as a build writes it: one build
/// (or `serve`) at a time per output folder. The lock is an advisory
/// `flock` on a file beside the output, released by the system when the
/// process ends, however it ends.
struct OutputLock {
    _file: std::fs::File,
}

impl OutputLock {
    fn take(parent: &Path, output: &Path) -> Result<OutputLock, Diagnostic> {
        let path = parent.join(format!("{}lock", prefix_of(output)));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                Diagnostic::in_file(
                    &path,
                    msg!(
                        "output-cannot-lock-file",
                        error = crate::base::words::io_error(&e)
                    ),
                )
                .with_help(msg!("output-parent-writable-help"))
            })?;
        match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(OutputLock { _file: file }),
            Err(rustix::io::Errno::WOULDBLOCK) => {
                Err(Diagnostic::in_file(output, msg!("output-locked"))
                    .with_help(msg!("output-locked-help")))
            }
            Err(e) => Err(Diagnostic::in_file(
                &path,
                msg!(
                    "output-cannot-lock",
                    error = crate::base::words::io_error(&e.into())
                ),
            )),
        }
    }
}

/// Is the process that made a staging or old-output folder gone? The
/// folder's name ends in `<pid>-<n>`.
fn owner_is_gone(name: &str) -> bool {
    let Some(pid) = name.rsplit('-').nth(1).and_then(|p| p.parse::<u32>().ok()) else {
        return true;
    };
    pid == std::process::id() || !Path::new("/proc").join(pid.to_string()).exists()
}

impl Staging {
    /// Make an empty staging folder beside `output` (already checked by
    /// [`resolve_output`]), holding the output's lock; sweep the leftovers of
    /// builds of this output that were killed.
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::in_file(
                parent,
                msg!(
                    "output-cannot-create-parent",
                    error = crate::base::words::io_error(&e)
                ),
            )
        })?;
        let lock = OutputLock::take(parent, output)?;
        let prefix = prefix_of(output);
        if let Ok(entries) = std::fs::read_dir(parent) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                let leftover = name
                    .strip_prefix(&prefix)
                    .is_some_and(|rest| rest.starts_with("staging-") || rest.starts_with("old-"));
                if leftover && owner_is_gone(&name) {
                    remove_in_background(&entry.path());
                }
            }
        }
        // Unique per build, not only per process: after a swap the previous
        // output sits at this name while a background `rm -rf` removes it,
        // and the next build of the same process (gongkai serve) must not
        // stage into a folder that is being deleted.
        let dir = parent.join(format!("{prefix}staging-{}", unique()));
        std::fs::create_dir(&dir).map_err(|e| {
            Diagnostic::in_file(
                &dir,
                msg!(
                    "output-cannot-write",
                    error = crate::base::words::io_error(&e)
                ),
            )
            .with_help(msg!("output-parent-writable-help"))
        })?;
        let staging = Staging {
            dir,
            output: output.to_path_buf(),
            committed: false,
            _lock: lock,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Write `bytes` at `rel` (a `/`-separated path below the output).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            make_dir(parent)?;
        }
        // Unchanged bytes: the previous output's file itself (a hard link),
        // with its modification time, so that `rsync -a` skips it.
        let previous = self.previous(&path);
        if same_bytes(&previous, bytes) && std::fs::hard_link(&previous, &path).is_ok() {
            return Ok(());
        }
        std::fs::write(&path, bytes).map_err(|e| {
            Diagnostic::in_file(
                &path,
                msg!("cannot-write", error = crate::base::words::io_error(&e)),
            )
        })
    }

    /// Write the file at `rel` as `fill` produces it, through a buffer.
    pub fn stream(
        &self,
        rel: &str,
        fill: &mut crate::base::sink::Fill<'_>,
    ) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            make_dir(parent)?;
        }
        let cannot = |e: std::io::Error| {
            Diagnostic::in_file(
                &path,
                msg!("cannot-write", error = crate::base::words::io_error(&e)),
            )
        };
        let file = std::fs::File::create(&path).map_err(cannot)?;
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut writer).map_err(cannot)?;
        let file = writer.into_inner().map_err(|e| cannot(e.into_error()))?;
        // Unchanged bytes keep the previous output's modification time.
        let previous = self.previous(&path);
        if same_files(&previous, &path) {
            if let Ok(time) = std::fs::metadata(&previous).and_then(|m| m.modified()) {
                file.set_modified(time).map_err(cannot)?;
            }
        }
        Ok(())
    }

    /// Copy a file to `rel`, with the source's modification time (so that
    /// an unchanged source gives an unchanged output file for `rsync -a`).
    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            make_dir(parent)?;
        }
        let failed = |e: std::io::Error| {
            Diagnostic::in_file(
                from,
                msg!(
                    "output-cannot-copy",
                    error = crate::base::words::io_error(&e)
                ),
            )
        };
        std::fs::copy(from, &path).map_err(failed)?;
        let time = std::fs::metadata(from)
            .and_then(|m| m.modified())
            .map_err(failed)?;
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(time))
            .map_err(failed)
    }

    /// Where the previous output has the file that `staged` (a path in
    /// the staging folder) replaces.
    fn previous(&self, staged: &Path) -> PathBuf {
        self.output
            .join(staged.strip_prefix(&self.dir).unwrap_or(staged))
    }

    fn path_of(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let mut path = self.dir.clone();
        for part in rel.split('/') {
            if part.is_empty() || part == "." {
                continue;
            }
            if part == ".." || part.contains('\\') {
                return Err(Diagnostic::new(msg!("output-outside", path = rel)));
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
                msg!(
                    "output-cannot-replace",
                    error = crate::base::words::io_error(&e)
                ),
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
            // Removed before the build returns: a failed build leaves
            // nothing behind (small, or the failure is rare).
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Does the file at `path` hold exactly `bytes`? (Its size is asked
/// first: most changed files change size.)
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Do two files hold the same bytes? Read in chunks: streamed files reach
/// hundreds of megabytes.
fn same_files(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let size = |p: &Path| {
        std::fs::symlink_metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    };
    if size(a).is_none() || size(a) != size(b) {
        return false;
    }
    let (Ok(mut fa), Ok(mut fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let (Ok(n), Ok(m)) = (fa.read(&mut ba), fb.read(&mut bb)) else {
            return false;
        };
        if n != m {
            // Short reads of regular files differ only at the end.
            return false;
        }
        if n == 0 {
            return true;
        }
        if ba[..n] != bb[..m] {
            return false;
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
        Err(_) => std::fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::in_file(
                dir,
                msg!(
                    "cannot-create-folder",
                    error = crate::base::words::io_error(&e)
                ),
            )
        }),
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

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        Staging::write(self, rel, bytes)
    }

    fn stream(&self, rel: &str, fill: &mut Fill<'_>) -> Result<(), Diagnostic> {
        Staging::stream(self, rel, fill)
    }
}
