//! The load cache of `gongkai serve`: what loading found in each file of
//! `content/` that it parses (sections' `_index.md`, pages, and the
//! directory's record files: markdown records, CSV and YAML tables,
//! spreadsheets), kept by the file's path with the file's stamp (its
//! modification time in nanoseconds and its length), so that loading the
//! site again after an edit reads and parses only the files that changed.
//!
//! Only what a file alone decides is kept: a parsed page before the build's
//! day decides whether it is published and what a policy's validity is, a
//! table's raw rows before they are checked against each other. What depends
//! on the day or on other files is worked out by every load, so that a load
//! through the cache is exactly a fresh load. A file's problems are kept with
//! its result: a broken page that did not change is reported again.
//!
//! A file is read again when its stamp changed, and when it was named to
//! [`Shelf::invalidate`] (the server names every file it was told
//! changed: an edit within one tick of the clock that keeps the length is
//! seen too). The stamp is taken before the file is read, so that a write
//! during the read leaves a stamp that no longer matches.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// A file's modification time (nanoseconds since the epoch) and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    nanos: u128,
    len: u64,
}

impl Stamp {
    /// The stamp of the file at `path` now; `None` when it cannot be had
    /// (the file is then read every time, and its problem reported).
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let nanos = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            nanos: nanos.as_nanos(),
            len: meta.len(),
        })
    }
}

/// The kept results of one kind of file.
pub struct Shelf<T> {
    slots: HashMap<PathBuf, Slot<T>>,
    /// The files read (not taken from the shelf) by the last load, sorted.
    read: Vec<PathBuf>,
    /// How many files the last load took from the shelf.
    reused: usize,
}

impl<T> Default for Shelf<T> {
    fn default() -> Self {
        Shelf {
            slots: HashMap::new(),
            read: Vec::new(),
            reused: 0,
        }
    }
}

struct Slot<T> {
    stamp: Stamp,
    /// What else the result depends on besides the file's bytes (its
    /// section folder, a record file's kind): a result is reused only for
    /// the same.
    context: String,
    value: T,
}

/// One file looked up during a load: its key, and its result when it was
/// read (to keep).
pub(crate) struct Looked<T> {
    key: PathBuf,
    fresh: Option<(Stamp, String, T)>,
}

/// The result of the file at `disk` loaded in `context`: the kept one when
/// its stamp and context are the same, else `read()` (kept afterwards by
/// [`Shelf::keep`]). Without a shelf, simply `read()`.
pub(crate) fn fetch<T: Clone>(
    shelf: Option<&Shelf<T>>,
    disk: &Path,
    context: impl FnOnce() -> String,
    read: impl FnOnce() -> T,
) -> (T, Option<Looked<T>>) {
    let Some(shelf) = shelf else {
        return (read(), None);
    };
    let key = std::path::absolute(disk).unwrap_or_else(|_| disk.to_path_buf());
    let context = context();
    // Before reading: a write during the read changes the stamp again.
    let stamp = Stamp::of(disk);
    if let (Some(stamp), Some(slot)) = (stamp, shelf.slots.get(&key)) {
        if slot.stamp == stamp && slot.context == context {
            return (slot.value.clone(), Some(Looked { key, fresh: None }));
        }
    }
    let value = read();
    let fresh = stamp.map(|s| (s, context, value.clone()));
    (value, Some(Looked { key, fresh }))
}

impl<T> Shelf<T> {
    /// After a load: keep what was read, and forget the files the load did
    /// not look up (deleted, renamed, or no longer parsed).
    pub(crate) fn keep(&mut self, looked: impl IntoIterator<Item = Looked<T>>) {
        let mut seen: HashMap<PathBuf, Option<Slot<T>>> = HashMap::new();
        self.read.clear();
        self.reused = 0;
        for l in looked {
            match l.fresh {
                Some((stamp, context, value)) => {
                    self.read.push(l.key.clone());
                    seen.insert(
                        l.key,
                        Some(Slot {
                            stamp,
                            context,
                            value,
                        }),
                    );
                }
                None => {
                    if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(l.key) {
                        self.reused += 1;
                        e.insert(None);
                    }
                }
            }
        }
        let mut slots = std::mem::take(&mut self.slots);
        for (key, fresh) in seen {
            let slot = match fresh {
                Some(s) => Some(s),
                None => slots.remove(&key),
            };
            if let Some(s) = slot {
                self.slots.insert(key, s);
            }
        }
        self.read.sort();
    }

    fn forget(&mut self, key: &Path) {
        self.slots.remove(key);
    }
}

impl<T> Shelf<T> {
    /// Forget the file at `path` (absolute, or relative to the working
    /// folder): the next load reads it again whatever its stamp.
    pub fn invalidate(&mut self, path: &Path) {
        let key = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.forget(&key);
    }

    /// Forget every file.
    pub fn clear(&mut self) {
        *self = Shelf::default();
    }

    /// The files the last load read rather than reused (absolute, sorted).
    pub fn read_last(&self) -> &[PathBuf] {
        &self.read
    }

    /// How many files the last load reused.
    pub fn reused_last(&self) -> usize {
        self.reused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(shelf: &mut Shelf<String>, files: &[&Path]) -> Vec<String> {
        let mut looked = vec![];
        let mut values = vec![];
        for f in files {
            let (v, l) = fetch(Some(&*shelf), f, String::new, || {
                std::fs::read_to_string(f).unwrap()
            });
            values.push(v);
            looked.extend(l);
        }
        shelf.keep(looked);
        values
    }

    #[test]
    fn an_unchanged_file_is_reused_and_a_changed_one_read() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&a, "one").unwrap();
        std::fs::write(&b, "two").unwrap();
        let mut shelf = Shelf::default();
        assert_eq!(load(&mut shelf, &[&a, &b]), ["one", "two"]);
        assert_eq!((shelf.read.len(), shelf.reused), (2, 0));
        assert_eq!(load(&mut shelf, &[&a, &b]), ["one", "two"]);
        assert_eq!((shelf.read.len(), shelf.reused), (0, 2));
        std::fs::write(&b, "three").unwrap();
        assert_eq!(load(&mut shelf, &[&a, &b]), ["one", "three"]);
        assert_eq!(shelf.read, [std::path::absolute(&b).unwrap()]);
    }

    #[test]
    fn an_edit_with_the_same_stamp_is_seen_once_named() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        std::fs::write(&a, "one").unwrap();
        let mut shelf = Shelf::default();
        load(&mut shelf, &[&a]);
        // The same length, and the modification time put back: the stamp
        // cannot tell (as with two writes within one tick of the clock).
        let modified = std::fs::metadata(&a).unwrap().modified().unwrap();
        std::fs::write(&a, "two").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&a)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(load(&mut shelf, &[&a]), ["one"], "the stamp alone");
        // What `Shelf::invalidate` does.
        shelf.forget(&std::path::absolute(&a).unwrap());
        assert_eq!(load(&mut shelf, &[&a]), ["two"], "named as changed");
    }

    #[test]
    fn files_no_longer_loaded_are_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&a, "one").unwrap();
        std::fs::write(&b, "two").unwrap();
        let mut shelf = Shelf::default();
        load(&mut shelf, &[&a, &b]);
        load(&mut shelf, &[&a]);
        assert_eq!(shelf.slots.len(), 1);
    }
}
