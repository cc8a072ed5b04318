//! The directory's site-wide files (the site's calendar and the open
//! data) as pieces: each file is a frame (a CSV header, a JSON array's
//! brackets, the calendar's head and tail) around one piece per record (a
//! JSON object, a CSV row, an HSDS object, a VEVENT; for the funds files
//! one piece per disclosure, its rows).
//!
//! A full write ([`write_all`]) serializes every piece and notes where
//! each went and its hash ([`OpenData`]). After an edit that keeps the
//! directory's shape, [`OpenData::splice`] serializes again only the
//! records whose piece can have changed ([`Stale`]), and rewrites a file
//! only when one of its pieces' bytes (or their order) changed, copying
//! the other pieces from the file written before. Both go through
//! [`Pieces::piece`], so a spliced file is byte for byte what a full write
//! makes. The old bytes are read back from the output (not kept in memory:
//! the open data of a province is hundreds of megabytes); a file whose
//! length is not the one noted is written whole again.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::hash::BuildHasher;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::Serialize;
use uuid::Uuid;

use super::{ActivityCsv, Escaped, Export, FundCsv, FundData, OrganizationCsv, ServiceCsv};
use crate::base::diagnostics::Diagnostic;
use crate::base::sink::Emit;
use crate::model::site::Site;
use crate::render::ics;

/// The directory's site-wide files, in the order they are written: the
/// site's calendar, then the open data in the order of the open-data page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DirFile {
    Calendar,
    OrganizationsJson,
    OrganizationsCsv,
    ServicesJson,
    ServicesCsv,
    ActivitiesJson,
    ActivitiesCsv,
    FundsJson,
    FundsCsv,
    HsdsOrganizations,
    HsdsServices,
}

impl DirFile {
    pub(crate) const ALL: [DirFile; 11] = [
        DirFile::Calendar,
        DirFile::OrganizationsJson,
        DirFile::OrganizationsCsv,
        DirFile::ServicesJson,
        DirFile::ServicesCsv,
        DirFile::ActivitiesJson,
        DirFile::ActivitiesCsv,
        DirFile::FundsJson,
        DirFile::FundsCsv,
        DirFile::HsdsOrganizations,
        DirFile::HsdsServices,
    ];

    /// Its path below the output.
    pub(crate) fn rel(self) -> &'static str {
        match self {
            DirFile::Calendar => "calendar.ics",
            DirFile::OrganizationsJson => "data/organizations.json",
            DirFile::OrganizationsCsv => "data/organizations.csv",
            DirFile::ServicesJson => "data/services.json",
            DirFile::ServicesCsv => "data/services.csv",
            DirFile::ActivitiesJson => "data/activities.json",
            DirFile::ActivitiesCsv => "data/activities.csv",
            DirFile::FundsJson => "data/funds.json",
            DirFile::FundsCsv => "data/funds.csv",
            DirFile::HsdsOrganizations => "data/hsds/organizations.json",
            DirFile::HsdsServices => "data/hsds/services.json",
        }
    }

    /// The records it has a piece for.
    fn kind(self) -> Kind {
        match self {
            DirFile::OrganizationsJson | DirFile::OrganizationsCsv | DirFile::HsdsOrganizations => {
                Kind::Organizations
            }
            DirFile::ServicesJson | DirFile::ServicesCsv | DirFile::HsdsServices => Kind::Services,
            DirFile::Calendar | DirFile::ActivitiesJson | DirFile::ActivitiesCsv => {
                Kind::Activities
            }
            DirFile::FundsJson | DirFile::FundsCsv => Kind::Funds,
        }
    }
}

/// What a piece is of: a record of the directory, by its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Organizations,
    Services,
    Activities,
    /// Funds disclosures (`Directory::funds`): a piece holds all the
    /// disclosure's rows.
    Funds,
}

/// The records whose pieces an edit may have changed, by position in the
/// directory: the changed records and every record whose piece shows one
/// of their fields (worked out by `serve::directory`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stale {
    pub organizations: BTreeSet<usize>,
    pub services: BTreeSet<usize>,
    pub activities: BTreeSet<usize>,
    /// Funds disclosures.
    pub funds: BTreeSet<usize>,
}

impl Stale {
    fn of(&self, kind: Kind) -> &BTreeSet<usize> {
        match kind {
            Kind::Organizations => &self.organizations,
            Kind::Services => &self.services,
            Kind::Activities => &self.activities,
            Kind::Funds => &self.funds,
        }
    }

    /// Add `other`'s records.
    pub fn extend(&mut self, other: &Stale) {
        self.organizations.extend(&other.organizations);
        self.services.extend(&other.services);
        self.activities.extend(&other.activities);
        self.funds.extend(&other.funds);
    }
}

/// Where each piece of each directory file went when the files were last
/// written, with its hash: what [`OpenData::splice`] needs to rewrite only
/// what changed. About 24 bytes a record and file.
#[derive(Debug)]
pub struct OpenData {
    files: Vec<Laid>,
}

/// One file as written.
#[derive(Debug, Clone)]
struct Laid {
    file: DirFile,
    /// The hash of its frame.
    frame: u64,
    /// Its pieces, in file order.
    pieces: Vec<Piece>,
    /// Its length in bytes.
    len: u64,
}

/// A record's piece in a file: its key (the record's position in the
/// directory), where its bytes start and how many, their hash. An empty
/// piece (a disclosure without rows) has no place (offset 0).
#[derive(Debug, Clone, Copy)]
struct Piece {
    key: u32,
    len: u32,
    offset: u64,
    hash: u64,
}

/// The key of a piece whose record went (see [`OpenData::renumber`]): no
/// record has it.
const GONE: u32 = u32::MAX;

/// The hash of a piece or frame: 64 bits of foldhash with a fixed seed
/// (deterministic, and fast: every byte of the open data is hashed on a
/// full write). Pieces are compared by length and hash.
fn hash(bytes: &[u8]) -> u64 {
    foldhash::fast::FixedState::with_seed(0x6f70_656e_6461_7461).hash_one(bytes)
}

/// What surrounds a file's pieces: its head, what goes before the first
/// non-empty piece and between two, and its tail (with pieces or without:
/// an empty JSON array is `[]`).
struct Frame {
    head: Vec<u8>,
    first: &'static [u8],
    between: &'static [u8],
    tail_some: Vec<u8>,
    tail_none: Vec<u8>,
}

impl Frame {
    fn json() -> Frame {
        Frame {
            head: b"[".to_vec(),
            first: b"\n",
            between: b",\n",
            tail_some: b"\n]\n".to_vec(),
            tail_none: b"]\n".to_vec(),
        }
    }

    /// A CSV file: a UTF-8 byte order mark (without it Excel reads a CSV
    /// file in the system's legacy code page, GBK on Chinese Windows, and
    /// shows the Chinese as mojibake; other readers skip it), the header
    /// (the field names of `T`), then the rows, CRLF line ends (RFC 4180).
    fn csv<T: Serialize + Default>() -> io::Result<Frame> {
        // The csv crate writes the header with the first row: write a
        // blank row, keep the header.
        let mut blank = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        blank.serialize(T::default()).map_err(io::Error::other)?;
        let bytes = blank.into_inner().map_err(io::Error::other)?;
        let header_end = bytes
            .windows(2)
            .position(|w| w == b"\r\n")
            .map_or(bytes.len(), |i| i + 2);
        let mut head = "\u{feff}".as_bytes().to_vec();
        head.extend_from_slice(&bytes[..header_end]);
        Ok(Frame {
            head,
            first: b"",
            between: b"",
            tail_some: Vec::new(),
            tail_none: Vec::new(),
        })
    }

    fn hash(&self) -> u64 {
        let mut all = self.head.clone();
        for part in [self.first, self.between, &self.tail_some, &self.tail_none] {
            all.extend_from_slice(&(part.len() as u64).to_le_bytes());
            all.extend_from_slice(part);
        }
        hash(&all)
    }
}

/// The one serializer of the directory files' pieces, for a full write and
/// a splice alike.
pub(super) struct Pieces<'a> {
    x: Export<'a>,
    site: &'a Site,
    /// The calendar's DTSTAMP.
    stamp: String,
    /// A JSON value before it is indented.
    json: Vec<u8>,
}

impl<'a> Pieces<'a> {
    pub(super) fn new(site: &'a Site) -> Pieces<'a> {
        Pieces {
            x: Export {
                dir: &site.directory,
                content: &site.content,
                urls: &site.urls,
                namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, site.config.base_url.as_bytes()),
            },
            site,
            stamp: ics::stamp(&site.directory),
            json: Vec::new(),
        }
    }

    fn frame(&self, file: DirFile) -> io::Result<Frame> {
        Ok(match file {
            DirFile::Calendar => Frame {
                head: ics::head(&format!("{} 活动", self.site.config.title)).into_bytes(),
                first: b"",
                between: b"",
                tail_some: ics::tail().into_bytes(),
                tail_none: ics::tail().into_bytes(),
            },
            DirFile::OrganizationsCsv => Frame::csv::<OrganizationCsv>()?,
            DirFile::ServicesCsv => Frame::csv::<ServiceCsv>()?,
            DirFile::ActivitiesCsv => Frame::csv::<ActivityCsv>()?,
            DirFile::FundsCsv => Frame::csv::<FundCsv>()?,
            DirFile::OrganizationsJson
            | DirFile::ServicesJson
            | DirFile::ActivitiesJson
            | DirFile::FundsJson
            | DirFile::HsdsOrganizations
            | DirFile::HsdsServices => Frame::json(),
        })
    }

    /// The keys of a file's pieces, in file order: records in directory
    /// order; the calendar's activities by month, in time order.
    fn keys(&self, file: DirFile) -> Vec<usize> {
        let d = self.x.dir;
        match file {
            DirFile::Calendar => d
                .months
                .iter()
                .flat_map(|(_, l)| l.iter().copied())
                .collect(),
            _ => (0..self.count(file.kind())).collect(),
        }
    }

    fn count(&self, kind: Kind) -> usize {
        let d = self.x.dir;
        match kind {
            Kind::Organizations => d.organizations.len(),
            Kind::Services => d.services.len(),
            Kind::Activities => d.activities.len(),
            Kind::Funds => d.funds.len(),
        }
    }

    /// Record `key`'s piece of `file`, appended to `out`.
    fn piece(&mut self, file: DirFile, key: usize, out: &mut Vec<u8>) -> io::Result<()> {
        let x = &self.x;
        let d = x.dir;
        let json = &mut self.json;
        match file {
            DirFile::Calendar => {
                let mut event = String::new();
                let host = self.site.config.host();
                ics::event(&mut event, d, key, x.urls, host, &self.stamp);
                out.extend_from_slice(event.as_bytes());
                Ok(())
            }
            DirFile::OrganizationsJson => {
                json_piece(json, &x.organization(&d.organizations[key]), out)
            }
            DirFile::OrganizationsCsv => {
                csv_piece(x.organization(&d.organizations[key]).csv(), out)
            }
            DirFile::ServicesJson => json_piece(json, &x.service(&d.services[key]), out),
            DirFile::ServicesCsv => csv_piece(x.service(&d.services[key]).csv(), out),
            DirFile::ActivitiesJson => json_piece(json, &x.activity(&d.activities[key]), out),
            DirFile::ActivitiesCsv => csv_piece(x.activity(&d.activities[key]).csv(), out),
            DirFile::FundsJson => {
                let f = &d.funds[key];
                f.lines()
                    .try_for_each(|l| json_piece(json, &FundData::of(x, f, l), out))
            }
            DirFile::FundsCsv => {
                let f = &d.funds[key];
                f.lines()
                    .try_for_each(|l| csv_piece(FundData::of(x, f, l).csv(), out))
            }
            DirFile::HsdsOrganizations => {
                json_piece(json, &x.hsds_organization(&d.organizations[key]), out)
            }
            DirFile::HsdsServices => json_piece(json, &x.hsds_service(&d.services[key]), out),
        }
    }
}

/// `value` as an element of a pretty JSON array, appended to `out` (after
/// `,\n` when `out` already holds one): serde_json's pretty output
/// indented one level, which is what it writes for the element inside the
/// array (a JSON string never holds a raw line break). Escaped by
/// [`Escaped`].
fn json_piece<T: Serialize>(scratch: &mut Vec<u8>, value: &T, out: &mut Vec<u8>) -> io::Result<()> {
    scratch.clear();
    let mut escaped = Escaped {
        out: &mut *scratch,
        carry: Vec::new(),
    };
    serde_json::to_writer_pretty(&mut escaped, value).map_err(io::Error::other)?;
    escaped.finish()?;
    if !out.is_empty() {
        out.extend_from_slice(b",\n");
    }
    for (i, line) in scratch.split(|&b| b == b'\n').enumerate() {
        out.extend_from_slice(if i == 0 { b"  " } else { b"\n  " });
        out.extend_from_slice(line);
    }
    Ok(())
}

/// `row` as a CSV row (CRLF), appended to `out`.
fn csv_piece<T: Serialize>(row: T, out: &mut Vec<u8>) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.serialize(row).map_err(io::Error::other)?;
    writer.flush()
}

/// Writes a file from its frame and pieces, noting where each went.
struct Assembler<W: Write> {
    out: W,
    pos: u64,
    /// Whether a non-empty piece was written.
    any: bool,
    first: &'static [u8],
    between: &'static [u8],
    pieces: Vec<Piece>,
}

impl<W: Write> Assembler<W> {
    fn start(mut out: W, frame: &Frame, pieces: usize) -> io::Result<Assembler<W>> {
        out.write_all(&frame.head)?;
        Ok(Assembler {
            out,
            pos: frame.head.len() as u64,
            any: false,
            first: frame.first,
            between: frame.between,
            pieces: Vec::with_capacity(pieces),
        })
    }

    /// What goes before a non-empty piece.
    fn separate(&mut self) -> io::Result<()> {
        let sep = if self.any { self.between } else { self.first };
        self.out.write_all(sep)?;
        self.pos += sep.len() as u64;
        self.any = true;
        Ok(())
    }

    /// A piece just serialized.
    fn fresh(&mut self, key: usize, bytes: &[u8], hash: u64) -> io::Result<()> {
        let mut piece = Piece {
            key: key_u32(key)?,
            len: u32::try_from(bytes.len()).map_err(io::Error::other)?,
            offset: 0,
            hash,
        };
        if !bytes.is_empty() {
            self.separate()?;
            piece.offset = self.pos;
            self.out.write_all(bytes)?;
            self.pos += bytes.len() as u64;
        }
        self.pieces.push(piece);
        Ok(())
    }

    /// Pieces that follow each other in the old file, copied from it (with
    /// what is between them).
    fn old_run(&mut self, run: &[Piece], old: &File) -> io::Result<()> {
        let mut nonempty = run.iter().filter(|p| p.len > 0);
        let (Some(first), last) = (nonempty.next(), nonempty.next_back()) else {
            self.pieces.extend_from_slice(run);
            return Ok(());
        };
        let start = first.offset;
        let end = last.map_or(first, |l| l).offset + u64::from(last.map_or(first, |l| l).len);
        self.separate()?;
        let mut from = old;
        from.seek(SeekFrom::Start(start))?;
        let copied = io::copy(&mut from.take(end - start), &mut self.out)?;
        if copied != end - start {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the file written before is shorter than noted",
            ));
        }
        let at = self.pos;
        self.pos += end - start;
        self.pieces.extend(run.iter().map(|p| Piece {
            offset: if p.len > 0 { p.offset - start + at } else { 0 },
            ..*p
        }));
        Ok(())
    }

    fn finish(mut self, file: DirFile, frame: &Frame) -> io::Result<(Laid, W)> {
        let tail = if self.any {
            &frame.tail_some
        } else {
            &frame.tail_none
        };
        self.out.write_all(tail)?;
        self.out.flush()?;
        let laid = Laid {
            file,
            frame: frame.hash(),
            pieces: self.pieces,
            len: self.pos + tail.len() as u64,
        };
        Ok((laid, self.out))
    }
}

fn key_u32(key: usize) -> io::Result<u32> {
    u32::try_from(key).map_err(io::Error::other)
}

/// Write `file` whole into `out`; where each piece went.
fn write_whole<W: Write>(pieces: &mut Pieces<'_>, file: DirFile, out: W) -> io::Result<(Laid, W)> {
    let frame = pieces.frame(file)?;
    let keys = pieces.keys(file);
    let mut assembler = Assembler::start(out, &frame, keys.len())?;
    let mut bytes = Vec::new();
    for key in keys {
        bytes.clear();
        pieces.piece(file, key, &mut bytes)?;
        assembler.fresh(key, &bytes, hash(&bytes))?;
    }
    assembler.finish(file, &frame)
}

/// Every directory file (the site's calendar, the open data), handed to
/// `emit` one at a time and streamed: at province scale the files are
/// hundreds of megabytes together, so none is kept once written. Returns
/// where each piece went, or `None` when a file was not made.
pub(crate) fn write_files(site: &Site, emit: &mut Emit<'_>) -> Option<OpenData> {
    if site.directory.is_empty() {
        return Some(OpenData { files: Vec::new() });
    }
    let mut pieces = Pieces::new(site);
    let mut files = Vec::with_capacity(DirFile::ALL.len());
    for file in DirFile::ALL {
        let mut laid = None;
        emit.stream(file.rel(), &mut |w| {
            laid = Some(write_whole(&mut pieces, file, &mut *w)?.0);
            Ok(())
        });
        files.push(laid);
    }
    Some(OpenData {
        files: files.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

impl OpenData {
    /// Records came or went: give each piece its record's new position
    /// (each list maps a record's old position to its new one, `None` when
    /// it went), so that [`OpenData::splice`] copies the pieces of records
    /// that stayed and leaves out those of records that went.
    pub fn renumber(
        &mut self,
        organizations: &[Option<usize>],
        services: &[Option<usize>],
        activities: &[Option<usize>],
        funds: &[Option<usize>],
    ) {
        for laid in &mut self.files {
            let map = match laid.file.kind() {
                Kind::Organizations => organizations,
                Kind::Services => services,
                Kind::Activities => activities,
                Kind::Funds => funds,
            };
            for piece in &mut laid.pieces {
                piece.key = map
                    .get(piece.key as usize)
                    .copied()
                    .flatten()
                    .and_then(|k| u32::try_from(k).ok())
                    .unwrap_or(GONE);
            }
        }
    }

    /// Bring the directory files below `output` up to date with `site`,
    /// whose records are at the positions the pieces are keyed by (the
    /// same as when last written, or as [`OpenData::renumber`] moved them),
    /// serializing again only the `stale` records' pieces and those of
    /// records without one; how many files changed and were written.
    pub fn splice(
        &mut self,
        site: &Site,
        stale: &Stale,
        output: &Path,
    ) -> Result<usize, Diagnostic> {
        let mut pieces = Pieces::new(site);
        let mut written = 0;
        for laid in &mut self.files {
            let path = output.join(laid.file.rel());
            let failed = |e: io::Error| {
                Diagnostic::in_file(
                    &path,
                    msg!("cannot-write", error = crate::base::words::io_error(&e)),
                )
            };
            if let Some(new) =
                splice_file(&mut pieces, laid, stale.of(laid.file.kind()), &path).map_err(failed)?
            {
                *laid = new;
                written += 1;
            }
        }
        Ok(written)
    }
}

/// Splice one file: its new layout if it was written, `None` if its bytes
/// are the same.
fn splice_file(
    pieces: &mut Pieces<'_>,
    laid: &Laid,
    stale: &BTreeSet<usize>,
    path: &Path,
) -> io::Result<Option<Laid>> {
    let file = laid.file;
    let frame = pieces.frame(file)?;
    if frame.hash() != laid.frame {
        return rewrite(path, |out| write_whole(pieces, file, out)).map(Some);
    }
    let keys = pieces.keys(file);
    // Where each key's piece is in the old file: at its key, in files of
    // records in directory order.
    let in_order = (laid.pieces.iter().enumerate()).all(|(i, p)| p.key as usize == i);
    let old_at: HashMap<usize, usize> = if in_order {
        HashMap::new()
    } else {
        (laid.pieces.iter().enumerate())
            .map(|(i, p)| (p.key as usize, i))
            .collect()
    };
    let old_of = |key: usize| {
        if in_order {
            (key < laid.pieces.len()).then_some(key)
        } else {
            old_at.get(&key).copied()
        }
    };
    let same_order = keys.len() == laid.pieces.len()
        && keys
            .iter()
            .zip(&laid.pieces)
            .all(|(&k, p)| k == p.key as usize);
    // Pieces whose bytes changed, by key.
    let count = pieces.count(file.kind());
    let mut fresh: HashMap<usize, (Vec<u8>, u64)> = HashMap::new();
    for &key in stale.iter().filter(|&&k| k < count) {
        let mut bytes = Vec::new();
        pieces.piece(file, key, &mut bytes)?;
        let h = hash(&bytes);
        let same = old_of(key)
            .map(|i| laid.pieces[i])
            .is_some_and(|p| p.len as usize == bytes.len() && p.hash == h);
        if !same {
            fresh.insert(key, (bytes, h));
        }
    }
    if fresh.is_empty() && same_order {
        return Ok(None);
    }
    let old = match File::open(path) {
        Ok(old) if old.metadata()?.len() == laid.len => old,
        // Not the file noted: write it whole.
        _ => return rewrite(path, |out| write_whole(pieces, file, out)).map(Some),
    };
    rewrite(path, |out| {
        let mut assembler = Assembler::start(out, &frame, keys.len())?;
        // A run of old pieces, by index in the old file.
        let mut run: Option<(usize, usize)> = None;
        for &key in &keys {
            let old_index = old_of(key);
            if let (Some(i), None) = (old_index, fresh.get(&key)) {
                run = match run {
                    Some((from, to)) if to == i => Some((from, i + 1)),
                    Some((from, to)) => {
                        assembler.old_run(&laid.pieces[from..to], &old)?;
                        Some((i, i + 1))
                    }
                    None => Some((i, i + 1)),
                };
                continue;
            }
            if let Some((from, to)) = run.take() {
                assembler.old_run(&laid.pieces[from..to], &old)?;
            }
            match fresh.get(&key) {
                Some((bytes, h)) => assembler.fresh(key, bytes, *h)?,
                // A record without a piece in the old file, not marked stale.
                None => {
                    let mut bytes = Vec::new();
                    pieces.piece(file, key, &mut bytes)?;
                    assembler.fresh(key, &bytes, hash(&bytes))?;
                }
            }
        }
        if let Some((from, to)) = run {
            assembler.old_run(&laid.pieces[from..to], &old)?;
        }
        assembler.finish(file, &frame)
    })
    .map(Some)
}

/// Write the file at `path` through `fill` into a temporary file beside
/// it, then put it in place with a rename, so that a reader never sees
/// half a file.
fn rewrite(
    path: &Path,
    fill: impl FnOnce(BufWriter<File>) -> io::Result<(Laid, BufWriter<File>)>,
) -> io::Result<Laid> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.gongkai-tmp"));
    let out = BufWriter::with_capacity(1 << 16, File::create(&temporary)?);
    let (laid, out) = fill(out)?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    std::fs::rename(&temporary, path)?;
    Ok(laid)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces joined in `frame`, as a full write joins them.
    fn whole(frame: &Frame, pieces: &[&[u8]]) -> (Laid, Vec<u8>) {
        let mut assembler = Assembler::start(Vec::new(), frame, pieces.len()).unwrap();
        for (key, bytes) in pieces.iter().enumerate() {
            assembler.fresh(key, bytes, hash(bytes)).unwrap();
        }
        assembler.finish(DirFile::FundsJson, frame).unwrap()
    }

    #[test]
    fn json_pieces_make_serde_jsons_pretty_array() {
        #[derive(Serialize)]
        struct Row<'a> {
            name: &'a str,
            list: Vec<u32>,
            empty: Vec<u32>,
            nested: Option<Vec<&'a str>>,
        }
        let rows = [
            Row {
                name: "</script> & \u{2028}",
                list: vec![1, 2],
                empty: vec![],
                nested: Some(vec!["a\nb"]),
            },
            Row {
                name: "妇联",
                list: vec![],
                empty: vec![],
                nested: None,
            },
        ];
        let mut scratch = Vec::new();
        let pieces: Vec<Vec<u8>> = rows
            .iter()
            .map(|r| {
                let mut out = Vec::new();
                json_piece(&mut scratch, r, &mut out).unwrap();
                out
            })
            .collect();
        let refs: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
        let mut want = super::super::json(&rows);
        want.push(b'\n');
        assert_eq!(
            String::from_utf8(whole(&Frame::json(), &refs).1).unwrap(),
            String::from_utf8(want).unwrap()
        );
        // Two elements in one piece (a disclosure's rows), and none.
        let mut both = Vec::new();
        for r in &rows {
            json_piece(&mut scratch, r, &mut both).unwrap();
        }
        assert_eq!(
            whole(&Frame::json(), &[b"", &both, b""]).1,
            whole(&Frame::json(), &refs).1
        );
        assert_eq!(whole(&Frame::json(), &[b""]).1, b"[]\n");
    }

    #[test]
    fn csv_pieces_make_the_csv_crates_file() {
        let rows = [["=1+1", "a,b"], ["\"q\"", "行\r\n二"]];
        let mut pieces = vec![];
        for row in &rows {
            let mut out = Vec::new();
            csv_piece(row, &mut out).unwrap();
            pieces.push(out);
        }
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for row in &rows {
            writer.serialize(row).unwrap();
        }
        assert_eq!(pieces.concat(), writer.into_inner().unwrap());
    }

    #[test]
    fn csv_has_a_bom_and_a_header_even_when_empty() {
        let frame = Frame::csv::<ServiceCsv>().unwrap();
        let text = String::from_utf8(whole(&frame, &[]).1).unwrap();
        assert!(text.starts_with("\u{feff}id,title,url,"));
        assert!(text.ends_with("description\r\n"));
    }

    /// A file spliced from runs of the old one and fresh pieces is the
    /// file written whole, with the same layout.
    #[test]
    fn a_spliced_file_is_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.json");
        let frame = Frame::json();
        let old: [&[u8]; 5] = [b"  1", b"", b"  2", b"  3", b"  4"];
        let (laid, bytes) = whole(&frame, &old);
        std::fs::write(&path, &bytes).unwrap();
        let file = File::open(&path).unwrap();
        // Piece 2 changes, piece 4 empties: the rest is copied.
        let new: [&[u8]; 5] = [b"  1", b"", b"  two", b"  3", b""];
        let mut assembler = Assembler::start(Vec::new(), &frame, 5).unwrap();
        assembler.old_run(&laid.pieces[0..2], &file).unwrap();
        assembler.fresh(2, new[2], hash(new[2])).unwrap();
        assembler.old_run(&laid.pieces[3..4], &file).unwrap();
        assembler.fresh(4, new[4], hash(new[4])).unwrap();
        let (spliced, out) = assembler.finish(DirFile::FundsJson, &frame).unwrap();
        let (want, want_bytes) = whole(&frame, &new);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(want_bytes).unwrap()
        );
        assert_eq!(spliced.len, want.len);
        for (a, b) in spliced.pieces.iter().zip(&want.pieces) {
            assert_eq!(
                (a.key, a.len, a.offset, a.hash),
                (b.key, b.len, b.offset, b.hash)
            );
        }
    }
}
