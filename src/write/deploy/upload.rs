//! Carrying out a plan: uploads group after group, [`JOBS`] at a time
//! within a group, then deletions, and the deploy manifest kept true to
//! what the bucket holds.
//!
//! Every finished upload and deletion is recorded in the bucket's state;
//! the state is written as the manifest at checkpoints (after each group,
//! and within a long group every tenth of the site or half a minute) and
//! last of all. A deploy killed at any point leaves a manifest that is
//! true of the bucket, perhaps behind it, never ahead of it, so the next
//! run uploads what is left and only that.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::DeployError;
use super::client::{Client, DELETE_BATCH};
use super::headers::Headers;
use super::local::md5_hex;
use super::manifest::{MANIFEST_NAME, Manifest, StoredObject};
use super::plan::{Group, Upload};
use super::target::Target;

/// Uploads in flight at once within a group.
pub const JOBS: usize = 8;
/// Write a checkpoint within a group at least this often.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(30);

/// Progress for a terminal: what is being done (`uploading detail pages`),
/// how many of how many.
pub type Progress<'a> = &'a (dyn Fn(&str, usize, usize) + Sync);

/// Carries out the uploads and deletions of a plan.
pub struct Publisher<'a> {
    client: &'a Client,
    target: &'a Target,
    output: &'a Path,
    progress: Option<Progress<'a>>,
    /// What the bucket holds, as far as this run knows.
    state: Mutex<Manifest>,
    /// Uploads finished and their bytes.
    done: AtomicUsize,
    bytes: AtomicU64,
    /// When and at how many uploads the last checkpoint was written, and
    /// how many uploads apart checkpoints are.
    checkpoint: Mutex<(Instant, usize)>,
    checkpoint_uploads: usize,
    /// When the last progress line was shown.
    shown: Mutex<Instant>,
}

impl<'a> Publisher<'a> {
    /// A publisher starting from `stored`, what the bucket holds now;
    /// `site_files` sets how far apart checkpoints are.
    pub fn new(
        client: &'a Client,
        target: &'a Target,
        output: &'a Path,
        stored: Manifest,
        site_files: usize,
        progress: Option<Progress<'a>>,
    ) -> Publisher<'a> {
        Publisher {
            client,
            target,
            output,
            progress,
            state: Mutex::new(stored),
            done: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            checkpoint: Mutex::new((Instant::now(), 0)),
            checkpoint_uploads: (site_files / 10).max(1000),
            shown: Mutex::new(Instant::now()),
        }
    }

    /// Upload `uploads` (sorted by group) group after group. On a failure
    /// the uploads in flight finish, a checkpoint records them, and the
    /// first error is returned.
    pub fn upload(&self, uploads: &[Upload]) -> Result<(), DeployError> {
        let total = uploads.len();
        for group in Group::ALL {
            let items: Vec<&Upload> = uploads.iter().filter(|u| u.group == group).collect();
            if items.is_empty() {
                continue;
            }
            if let Err(e) = self.upload_group(group, &items, total) {
                // Record what did go up (best effort: the error is what
                // the user must see).
                let _ = self.write_manifest();
                return Err(e);
            }
            self.maybe_checkpoint();
        }
        Ok(())
    }

    fn upload_group(
        &self,
        group: Group,
        items: &[&Upload],
        total: usize,
    ) -> Result<(), DeployError> {
        let next = AtomicUsize::new(0);
        let failure: Mutex<Option<DeployError>> = Mutex::new(None);
        std::thread::scope(|scope| {
            for _ in 0..JOBS.min(items.len()) {
                scope.spawn(|| {
                    loop {
                        if lock(&failure).is_some() {
                            return;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(upload) = items.get(i) else {
                            return;
                        };
                        if let Err(e) = self.upload_one(upload) {
                            lock(&failure).get_or_insert(e);
                            return;
                        }
                        self.show(group, total);
                        self.maybe_checkpoint();
                    }
                });
            }
        });
        match failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Upload one file as it is on disk now (its hash is taken again, so
    /// the manifest records the bytes really sent).
    fn upload_one(&self, upload: &Upload) -> Result<(), DeployError> {
        let file = self.output.join(&upload.path);
        let bytes = std::fs::read(&file)
            .map_err(|e| DeployError::new(format!("cannot read {}: {e}", file.display())))?;
        self.client
            .put(&self.target.key(&upload.path), &bytes, &upload.headers)?;
        let stored = StoredObject {
            md5: md5_hex(&bytes),
            size: bytes.len() as u64,
            headers: upload.headers.digest(),
        };
        lock(&self.state)
            .objects
            .insert(upload.path.clone(), stored);
        self.done.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Delete `paths`, a batch at a time, recording each batch.
    pub fn delete(&self, paths: &[String]) -> Result<(), DeployError> {
        for (i, batch) in paths.chunks(DELETE_BATCH).enumerate() {
            if let Some(progress) = self.progress {
                progress("deleting", i * DELETE_BATCH, paths.len());
            }
            let keys: Vec<String> = batch.iter().map(|p| self.target.key(p)).collect();
            self.client.delete(&keys)?;
            let mut state = lock(&self.state);
            for p in batch {
                state.objects.remove(p);
            }
        }
        Ok(())
    }

    /// The last write of the manifest, when every upload and deletion is
    /// done: nothing is pending any more.
    pub fn finish(&self) -> Result<(), DeployError> {
        lock(&self.state).pending.clear();
        self.write_manifest()
    }

    /// Write the manifest of what the bucket holds now.
    fn write_manifest(&self) -> Result<(), DeployError> {
        let mut checkpoint = lock(&self.checkpoint);
        let done = self.done.load(Ordering::Relaxed);
        let bytes = lock(&self.state).to_json();
        self.client
            .put(&self.target.key(MANIFEST_NAME), &bytes, &manifest_headers())?;
        *checkpoint = (Instant::now(), done);
        Ok(())
    }

    /// A checkpoint when enough uploads or time passed since the last one
    /// (and no other thread is writing one).
    fn maybe_checkpoint(&self) {
        let Ok(mut checkpoint) = self.checkpoint.try_lock() else {
            return;
        };
        let done = self.done.load(Ordering::Relaxed);
        let (at, uploads) = *checkpoint;
        if done - uploads < self.checkpoint_uploads && at.elapsed() < CHECKPOINT_EVERY {
            return;
        }
        let bytes = lock(&self.state).to_json();
        let key = self.target.key(MANIFEST_NAME);
        if self.client.put(&key, &bytes, &manifest_headers()).is_ok() {
            *checkpoint = (Instant::now(), done);
        }
    }

    /// Progress at most ten times a second.
    fn show(&self, group: Group, total: usize) {
        let Some(progress) = self.progress else {
            return;
        };
        let Ok(mut shown) = self.shown.try_lock() else {
            return;
        };
        let done = self.done.load(Ordering::Relaxed);
        if shown.elapsed() >= Duration::from_millis(100) || done == total {
            *shown = Instant::now();
            progress(&format!("uploading {}", group.name()), done, total);
        }
    }

    /// How many files were uploaded and their bytes.
    pub fn uploaded(&self) -> (usize, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }
}

/// The manifest's own headers: never cached, it changes with every deploy.
fn manifest_headers() -> Headers {
    Headers {
        content_type: "application/json; charset=utf-8".to_string(),
        cache_control: "no-cache".to_string(),
    }
}

/// Lock a mutex, also when another thread panicked holding it (the data is
/// plain records, still consistent).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
