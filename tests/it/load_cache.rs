//! The server's load cache: after an edit, loading the site again reads
//! and parses only the files that changed (the cache's own counters say
//! which it read), reuses the theme's templates while none changed, and
//! never misses an edit, even one that leaves a file's modification time
//! and length as they were; a broken file that did not change is still
//! reported. After every step the served tree is a full build's.

use crate::common::{self, serve_options};

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use gongkai::Session;

const PAGE: &str = "content/news/2026-11-portal-online.md";
const COUNTIES: &str = "content/organizations/counties.csv";

/// `rel` rewritten by `edit`, then given back its modification time: with
/// the same length, its stamp is as before (as after two writes within one
/// tick of the clock).
fn edit_keeping_stamp(site: &Path, rel: &str, edit: impl Fn(&str) -> String) {
    let path = site.join(rel);
    let before = std::fs::read_to_string(&path).unwrap();
    let modified: SystemTime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let after = edit(&before);
    assert_eq!(after.len(), before.len(), "the same length");
    assert_ne!(after, before);
    std::fs::write(&path, after).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

/// The files the session's last load read, relative to `site`.
fn read_last(session: &Session, site: &Path) -> Vec<PathBuf> {
    let site = std::path::absolute(site).unwrap();
    session
        .load_cache()
        .read_last()
        .iter()
        .map(|p| p.strip_prefix(&site).unwrap().to_path_buf())
        .collect()
}

#[test]
fn a_reload_reads_only_the_changed_files_and_never_misses_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let served = tmp.path().join("served");
    let (mut session, _) = Session::start(serve_options(&site, &served)).unwrap();
    let first = session.load_cache().counts();
    assert!(first.pages_read > 10, "{first:?}");
    assert!(first.records_read > 5, "{first:?}");
    assert_eq!((first.pages_reused, first.records_reused), (0, 0));
    assert_eq!(session.load_cache().templates_parsed(), 1);
    let check = |session: &mut Session, step: &str| {
        common::assert_served_as_built(session, &served, &site, tmp.path(), step);
    };

    // A new page: it alone is read; every other file, and the templates,
    // are reused.
    let new = "content/news/cache-new.md";
    std::fs::write(
        site.join(new),
        "---\ntitle: 示例新闻\ndate: 2026-11-20\n---\n示例正文。\n",
    )
    .unwrap();
    session.apply(&[PathBuf::from(new)]).unwrap();
    assert_eq!(read_last(&session, &site), [Path::new(new)]);
    let counts = session.load_cache().counts();
    assert_eq!(counts.pages_reused, first.pages_read, "{counts:?}");
    assert_eq!(counts.records_reused, first.records_read, "{counts:?}");
    assert_eq!(session.load_cache().templates_parsed(), 1);
    check(&mut session, "a new page");

    // A cell edit in a table: that table alone is read.
    let text = std::fs::read_to_string(site.join(COUNTIES)).unwrap();
    std::fs::write(
        site.join(COUNTIES),
        text.replace("0575-0000-2101", "0575-0000-2109"),
    )
    .unwrap();
    session.apply(&[site.join(COUNTIES)]).unwrap();
    assert_eq!(read_last(&session, &site), [Path::new(COUNTIES)]);
    check(&mut session, "a cell edit");

    // Edits the stamp cannot tell, named by the server: seen.
    edit_keeping_stamp(&site, PAGE, |t| {
        t.replacen("全文逐条上线", "全文逐条发布", 1)
    });
    session.apply(&[PathBuf::from(PAGE)]).unwrap();
    check(&mut session, "a title edit with the same stamp");
    edit_keeping_stamp(&site, COUNTIES, |t| {
        t.replacen("0575-0000-2109", "0575-0000-2108", 1)
    });
    session.apply(&[PathBuf::from(COUNTIES)]).unwrap();
    assert_eq!(read_last(&session, &site), [Path::new(COUNTIES)]);
    check(&mut session, "a cell edit with the same stamp");

    // A broken page stays broken while other files change: its problem,
    // kept with it, is reported by every load, though it is not read again.
    let broken = "content/news/cache-broken.md";
    std::fs::write(
        site.join(broken),
        "---\ntitle: 示例新闻\ndate: 2026-13-45\n---\n示例正文。\n",
    )
    .unwrap();
    let e = session.apply(&[PathBuf::from(broken)]).unwrap_err();
    let names_broken = |e: &gongkai::Diagnostics| {
        e.0.iter()
            .any(|d| d.to_string().contains("cache-broken.md"))
    };
    assert!(names_broken(&e), "{e:?}");
    let other = "content/news/cache-other.md";
    std::fs::write(
        site.join(other),
        "---\ntitle: 另一篇示例新闻\ndate: 2026-11-21\n---\n示例正文。\n",
    )
    .unwrap();
    let e = session.apply(&[PathBuf::from(other)]).unwrap_err();
    assert!(names_broken(&e), "reported again: {e:?}");
    assert_eq!(read_last(&session, &site), [Path::new(other)]);
    std::fs::remove_file(site.join(broken)).unwrap();
    session
        .apply(&[PathBuf::from(broken), PathBuf::from(other)])
        .unwrap();
    check(&mut session, "the broken page deleted");

    // A template edit: the templates are parsed again by the next load.
    let header = site.join("themes/default/templates/partials/footer.html");
    let text = std::fs::read_to_string(&header).unwrap();
    std::fs::write(
        &header,
        text.replacen("</footer>", "<!-- 示例 --></footer>", 1),
    )
    .unwrap();
    session.apply(&[header]).unwrap();
    std::fs::remove_file(site.join(other)).unwrap();
    session.apply(&[PathBuf::from(other)]).unwrap();
    assert_eq!(session.load_cache().templates_parsed(), 2);
    check(&mut session, "a template edit, then a page deleted");
}
