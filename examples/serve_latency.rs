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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(site) = args.first().map(PathBuf::from) else {
        return Err("usage: serve_latency SITE [PAGE]".into());
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
        .stderr(Stdio::null())
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

    measure(&mut events, "page body edit", &page, 20, |text, k| {
        format!("{text}\n追加的一句话{k}。\n")
    })?;
    measure(
        &mut events,
        "page front matter edit",
        &page,
        3,
        |text, k| text.replacen("title: ", &format!("title: 改{k}"), 1),
    )?;
    measure_new_pages(&mut events, &page, 10)?;
    // A site without its own copy of the theme (the corpus) has no
    // template file to edit.
    let template = site.join("themes/default/templates/page.html");
    if template.is_file() {
        measure(
            &mut events,
            "page template edit",
            &template,
            3,
            |text, k| format!("{text}{{# edit {k} #}}\n"),
        )?;
    }
    let config = site.join("gongkai.yaml");
    measure(
        &mut events,
        "config edit (full rebuild)",
        &config,
        3,
        |text, k| format!("{text}# edit {k}\n"),
    )?;
    drop(server);
    let mut rest = String::new();
    let _ = stdout.read_to_string(&mut rest);
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("serve_latency: {e}");
        std::process::exit(1);
    }
}
