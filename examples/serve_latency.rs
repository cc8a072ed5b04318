//! Benchmark for `gongkai serve`: the time from writing a file to the
//! browser receiving the live-reload event, measured as a browser would
//! (an SSE connection to `/__gongkai/events`).
//!
//! `cargo run --release --example serve_latency -- SITE [PAGE]` starts
//! `target/release/gongkai serve --root SITE --port 0`, then:
//! 20 edits of one page's body (median, min, max), 3 of its front matter,
//! 10 new pages beside it and their 10 deletions, 3 of the page template,
//! and 3 of `gongkai.yaml` (a full rebuild) for comparison.
//! PAGE is a markdown file under SITE/content (default: the first page
//! found). The site's files are restored at the end.
//!
//! `serve_latency SITE --table CSV` times directory edits instead of the
//! page ones: 20 edits of one cell of the CSV table CSV (a records table:
//! the `phones` cell, or else the `name` cell, of its middle row), 5 rows
//! added (a copy of the middle row under a new id) and deleted, then 3 of
//! `gongkai.yaml` (the full rebuild such an edit took before it was
//! incremental). With
//! `GONGKAI_TIMINGS=1` the server's stage timings go to stderr. Last, the
//! server's peak resident memory (`VmHWM`, Linux only) is printed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    /// SIGTERM first, so that the server removes its build folder; SIGKILL
    /// if it has not stopped within five seconds.
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn first_page(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in &entries {
        if p.is_file() && p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md") {
            return Some(p.clone());
        }
    }
    entries
        .iter()
        .filter(|p| p.is_dir())
        .find_map(|d| first_page(d))
}

/// Read SSE lines until an event of one of `names` arrives; its name.
fn wait_for(events: &mut BufReader<TcpStream>, names: &[&str]) -> Result<String, String> {
    let mut line = String::new();
    loop {
        line.clear();
        let n = events
            .read_line(&mut line)
            .map_err(|e| format!("event stream: {e}"))?;
        if n == 0 {
            return Err("event stream closed".into());
        }
        if let Some(name) = line.trim().strip_prefix("event:") {
            let name = name.trim();
            if names.contains(&name) {
                return Ok(name.to_string());
            }
            if name == "error" {
                return Err("the rebuild failed".into());
            }
        }
    }
}

/// Write `text` to `path` and time until the page is told to update.
fn timed_edit(
    events: &mut BufReader<TcpStream>,
    path: &Path,
    text: &str,
) -> Result<Duration, String> {
    let started = Instant::now();
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    wait_for(events, &["reload", "css", "ok"])?;
    Ok(started.elapsed())
}

/// Edit `path` `count` times (`edit` makes the new text from the original
/// and the edit's number), print the times, and restore the file.
fn measure(
    events: &mut BufReader<TcpStream>,
    name: &str,
    path: &Path,
    count: usize,
    edit: impl Fn(&str, usize) -> String,
) -> Result<(), String> {
    let original = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut times = Vec::with_capacity(count);
    for k in 0..count {
        times.push(timed_edit(events, path, &edit(&original, k))?);
        std::thread::sleep(Duration::from_millis(300));
    }
    std::fs::write(path, &original).map_err(|e| e.to_string())?;
    wait_for(events, &["reload"])?;
    report(name, times);
    Ok(())
}

/// Add `count` pages beside `page` (its text under a new title), each
/// timed until the reload, then delete them, timed the same way.
fn measure_new_pages(
    events: &mut BufReader<TcpStream>,
    page: &Path,
    count: usize,
) -> Result<(), String> {
    let original = std::fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
    let folder = page.parent().ok_or("a page has a folder")?;
    let added: Vec<PathBuf> = (0..count)
        .map(|k| folder.join(format!("serve-latency-{k}.md")))
        .collect();
    let mut times = Vec::with_capacity(count);
    for (k, path) in added.iter().enumerate() {
        let text = original.replacen("title: ", &format!("title: 新页面{k} "), 1);
        times.push(timed_edit(events, path, &text)?);
        std::thread::sleep(Duration::from_millis(300));
    }
    report("new page", times);
    let mut times = Vec::with_capacity(count);
    for path in &added {
        let started = Instant::now();
        std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
        wait_for(events, &["reload"])?;
        times.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    report("deleted page", times);
    Ok(())
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} n={:<3} median {:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn run() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let table = match args.iter().position(|a| a == "--table") {
        Some(i) if i + 1 < args.len() => {
            let table = PathBuf::from(args.remove(i + 1));
            args.remove(i);
            Some(table)
        }
        Some(_) => return Err("--table needs a CSV file".into()),
        None => None,
    };
    let Some(site) = args.first().map(PathBuf::from) else {
        return Err("usage: serve_latency SITE [PAGE] | SITE --table CSV".into());
    };
    let page = match args.get(1) {
        Some(p) => PathBuf::from(p),
        None => first_page(&site.join("content")).ok_or("no page under content/")?,
    };
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/gongkai");
    let mut child = Command::new(&binary)
        .args(["serve", "--root"])
        .arg(&site)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(if std::env::var_os("GONGKAI_TIMINGS").is_some() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .map_err(|e| {
            format!(
                "{}: {e} (build it with cargo build --release)",
                binary.display()
            )
        })?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let server = Server(child);
    let mut line = String::new();
    stdout.read_line(&mut line).map_err(|e| e.to_string())?;
    let address = line
        .trim()
        .split_once("http://")
        .map(|(_, a)| a)
        .and_then(|a| a.strip_suffix('/'))
        .ok_or(format!("unexpected first line: {line}"))?
        .to_string();
    println!("serving {address}; page {}", page.display());

    let mut stream = TcpStream::connect(&address).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /__gongkai/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut events = BufReader::new(stream);
    wait_for(&mut events, &["hello"])?;

    if let Some(table) = table {
        let original =
            std::fs::read_to_string(&table).map_err(|e| format!("{}: {e}", table.display()))?;
        let (row, column) = middle_cell(&original)?;
        println!("table {}: row {row}, column {column}", table.display());
        measure(&mut events, "table cell edit", &table, 20, |text, k| {
            set_cell(text, row, column, &format!("0571-0000-{k:04}"))
        })?;
        measure_rows(&mut events, &table, row, 5)?;
    } else {
        measure_pages(&mut events, &site, &page)?;
    }
    let config = site.join("gongkai.yaml");
    measure(
        &mut events,
        "config edit (full rebuild)",
        &config,
        3,
        |text, k| format!("{text}# edit {k}\n"),
    )?;
    // The server's peak resident memory (Linux), for the 1.5 GiB target.
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", server.0.id())).unwrap_or_default();
    if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        println!(
            "server peak resident memory (VmHWM): {}",
            peak["VmHWM:".len()..].trim()
        );
    }
    drop(server);
    let mut rest = String::new();
    let _ = stdout.read_to_string(&mut rest);
    Ok(())
}

/// `count` times, a copy of `row` (1-based after the header) added at the
/// end of the CSV table under a new id, then deleted again: a record added
/// and a record deleted.
fn measure_rows(
    events: &mut BufReader<TcpStream>,
    table: &Path,
    row: usize,
    count: usize,
) -> Result<(), String> {
    let original =
        std::fs::read_to_string(table).map_err(|e| format!("{}: {e}", table.display()))?;
    let line = original.lines().nth(row).ok_or("no such row")?;
    let (id, rest) = line.split_once(',').ok_or("a row without cells")?;
    let (mut added, mut deleted) = (vec![], vec![]);
    for k in 0..count {
        let text = format!(
            "{}{id}-new{k},{rest}\n",
            original.trim_end_matches('\n').to_owned() + "\n"
        );
        added.push(timed_edit(events, table, &text)?);
        std::thread::sleep(Duration::from_millis(300));
        deleted.push(timed_edit(events, table, &original)?);
        std::thread::sleep(Duration::from_millis(300));
    }
    report("table row added", added);
    report("table row deleted", deleted);
    Ok(())
}

/// The middle row (1-based, after the header) of a CSV table, and the
/// column of its `phones` cell, or else of its `name`.
fn middle_cell(text: &str) -> Result<(usize, usize), String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = ["phones", "name"]
        .iter()
        .find_map(|h| headers.iter().position(|x| x == *h))
        .ok_or("the table has no phones or name column")?;
    let rows = reader.records().count();
    if rows == 0 {
        return Err("the table has no rows".into());
    }
    Ok((rows / 2 + 1, column))
}

/// `text` (a CSV table) with the cell at `row` (1-based after the header)
/// and `column` set to `value`, the other rows as they were.
fn set_cell(text: &str, row: usize, column: usize, value: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::Writer::from_writer(vec![]);
    for (i, record) in reader.records().enumerate() {
        let Ok(record) = record else { continue };
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(c, cell)| if i == row && c == column { value } else { cell })
            .collect();
        let _ = writer.write_record(cells);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// 20 edits of a page's body, 3 of its front matter, 3 of the page template.
fn measure_pages(
    events: &mut BufReader<TcpStream>,
    site: &Path,
    page: &Path,
) -> Result<(), String> {
    measure(events, "page body edit", page, 20, |text, k| {
        format!("{text}\n追加的一句话{k}。\n")
    })?;
    measure(events, "page front matter edit", page, 3, |text, k| {
        text.replacen("title: ", &format!("title: 改{k}"), 1)
    })?;
    measure_new_pages(events, page, 10)?;
    // A site without its own copy of the theme (the corpus) has no
    // template file to edit.
    let template = site.join("themes/default/templates/page.html");
    if template.is_file() {
        measure(events, "page template edit", &template, 3, |text, k| {
            format!("{text}{{# edit {k} #}}\n")
        })?;
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("serve_latency: {e}");
        std::process::exit(1);
    }
}
