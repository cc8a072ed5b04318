//! `gongkai serve`: a site made by `gongkai init` is served on an ephemeral
//! port; edits are rebuilt and announced over Server-Sent Events; a broken
//! page keeps the last good site served and shows the error overlay until
//! it is fixed; no request reaches a file outside the served folder; files
//! get their content types; a thousand concurrent requests all succeed.
//!
//! The client is raw HTTP over `std::net::TcpStream`: requests are written
//! byte for byte, so traversal attempts reach the server unnormalised.
//! Every wait polls with a deadline instead of sleeping a fixed time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Barrier, Mutex, mpsc};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_gongkai");
const WAIT: Duration = Duration::from_secs(10);

/// A running `gongkai serve`, stopped (SIGTERM, then SIGKILL) on drop.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    address: String,
    site: PathBuf,
    stderr: Arc<Mutex<String>>,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_with(extra, |_| {})
    }

    /// Make a site with `gongkai init`, let `prepare` change it, serve it.
    fn start_with(extra: &[&str], prepare: impl FnOnce(&Path)) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        let init = Command::new(BIN)
            .env("GONGKAI_LANG", "en")
            .arg("init")
            .arg(&site)
            .output()
            .expect("run gongkai init");
        assert!(init.status.success(), "{init:?}");
        std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET-OUTSIDE").expect("write");
        prepare(&site);
        let mut child = Command::new(BIN)
            .env("GONGKAI_LANG", "en")
            .arg("serve")
            .arg("--root")
            .arg(&site)
            .args(["--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn gongkai serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let err_pipe = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err_pipe).lines().map_while(Result::ok) {
                let mut s = sink.lock().expect("lock");
                s.push_str(&line);
                s.push('\n');
            }
        });
        let out_pipe = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out_pipe).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            address: String::new(),
            site,
            stderr,
            _dir: dir,
        };
        let line = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => line,
            Err(e) => panic!("no `serving` line ({e}); stderr:\n{}", server.stderr()),
        };
        let address = line
            .strip_prefix("serving http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        server.address = address.to_string();
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().expect("lock").clone()
    }

    fn get(&self, path: &str) -> Response {
        request(&self.address, &format!("GET {path} HTTP/1.1"))
    }

    fn events(&self) -> EventStream {
        EventStream::open(&self.address)
    }

    fn edit(&self, rel: &str, edit: impl FnOnce(String) -> String) {
        let path = self.site.join(rel);
        let text = std::fs::read_to_string(&path).expect("read site file");
        std::fs::write(&path, edit(text)).expect("write site file");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Send `request_line` (`GET /path HTTP/1.1`) as is and read the whole
/// response.
fn request(address: &str, request_line: &str) -> Response {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("read timeout");
    write!(
        stream,
        "{request_line}\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send request");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read response");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A connection to `/__gongkai/events`, read event by event.
struct EventStream {
    stream: TcpStream,
    buffer: Vec<u8>,
}

#[derive(Debug)]
struct SseEvent {
    event: String,
    data: String,
}

impl EventStream {
    fn open(address: &str) -> EventStream {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(50)))
            .expect("read timeout");
        // HTTP/1.0: the stream is sent as it is, not in chunks.
        write!(
            stream,
            "GET /__gongkai/events HTTP/1.0\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send request");
        let mut events = EventStream {
            stream,
            buffer: Vec::new(),
        };
        let head = events
            .block(Instant::now() + WAIT)
            .expect("response head of the event stream");
        assert!(head.starts_with("HTTP/1."), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        events
    }

    /// The next block of lines ending in a blank line, or None at the
    /// deadline.
    fn block(&mut self, deadline: Instant) -> Option<String> {
        loop {
            let ends = [&b"\r\n\r\n"[..], &b"\n\n"[..]].map(|sep| {
                self.buffer
                    .windows(sep.len())
                    .position(|w| w == sep)
                    .map(|at| (at, sep.len()))
            });
            if let Some((at, len)) = ends.into_iter().flatten().min() {
                let block = String::from_utf8_lossy(&self.buffer[..at]).replace("\r\n", "\n");
                self.buffer.drain(..at + len);
                return Some(block);
            }
            if Instant::now() >= deadline {
                return None;
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading events: {e}"),
            }
        }
    }

    /// The next event (comments and keep-alives skipped), within `within`.
    fn next_within(&mut self, within: Duration) -> Option<SseEvent> {
        let deadline = Instant::now() + within;
        loop {
            let block = self.block(deadline)?;
            let mut event = SseEvent {
                event: "message".into(),
                data: String::new(),
            };
            let mut any = false;
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    event.event = v.trim().to_string();
                    any = true;
                } else if let Some(v) = line.strip_prefix("data:") {
                    if !event.data.is_empty() {
                        event.data.push('\n');
                    }
                    event.data.push_str(v.strip_prefix(' ').unwrap_or(v));
                    any = true;
                }
            }
            if any {
                return Some(event);
            }
        }
    }

    fn next(&mut self) -> SseEvent {
        self.next_within(WAIT)
            .expect("an event within the time limit")
    }

    /// Skip events until one named `name`; fail on an unexpected `error`.
    fn wait_for(&mut self, name: &str) -> SseEvent {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = self
                .next_within(left)
                .unwrap_or_else(|| panic!("no `{name}` event in time"));
            if event.event == name {
                return event;
            }
            assert_ne!(
                event.event, "error",
                "unexpected build error: {}",
                event.data
            );
        }
    }
}

/// Poll `condition` every 50 ms up to the time limit.
fn eventually(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if condition() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn an_edit_is_rebuilt_announced_and_served() {
    let server = Server::start(&[]);
    let mut events = server.events();
    let hello = events.next();
    assert_eq!(hello.event, "hello");
    assert_eq!(hello.data, r#"{"build":"1"}"#);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("欢迎访问"), "{}", home.body);
    assert!(
        home.body
            .contains(r#"<script src="/__gongkai/livereload.js" data-build="1" defer></script>"#),
        "{}",
        home.body
    );

    server.edit("content/_index.md", |t| t.replace("欢迎访问", "热烈欢迎"));
    let reload = events.wait_for("reload");
    assert_eq!(reload.data, r#"{"build":"2"}"#);
    let home = server.get("/");
    assert!(home.body.contains("热烈欢迎"), "{}", home.body);
    assert!(home.body.contains(r#"data-build="2""#));
    assert!(server.stderr().contains("changed: content/_index.md"));
}

#[test]
fn a_stylesheet_change_swaps_css_when_polling() {
    let server = Server::start(&["--poll"]);
    let mut events = server.events();
    assert_eq!(events.next().event, "hello");
    server.edit("themes/default/static/css/site.css", |t| {
        t + "\n.gongkai-test-rule { color: red; }\n"
    });
    events.wait_for("css");
    let css = server.get("/css/site.css");
    assert_eq!(css.status, 200);
    assert!(css.body.contains(".gongkai-test-rule"));

    // Any other change reloads the page.
    server.edit("content/about.md", |t| t + "\n补充一句。\n");
    events.wait_for("reload");
    assert!(server.get("/about/").body.contains("补充一句"));
}

#[test]
fn a_broken_page_keeps_the_last_good_site_and_shows_the_overlay_until_fixed() {
    let server = Server::start(&[]);
    let mut events = server.events();
    assert_eq!(events.next().event, "hello");
    let good = std::fs::read_to_string(server.site.join("content/about.md")).expect("read");

    std::fs::write(
        server.site.join("content/about.md"),
        "---\ntitle: [\n---\n坏了\n",
    )
    .expect("write");
    let error = events.wait_for("error");
    let payload: serde_json::Value = serde_json::from_str(&error.data).expect("json");
    let first = &payload["errors"][0];
    assert_eq!(first["file"], "content/about.md", "{payload}");
    assert_eq!(first["line"], 2, "{payload}");
    assert!(first["column"].as_u64().is_some(), "{payload}");
    assert!(!first["message"].as_str().unwrap_or("").is_empty());
    assert!(
        first["place"]
            .as_str()
            .is_some_and(|p| p.starts_with("content/about.md:2:")),
        "{payload}"
    );
    // The terminal shows the same error.
    eventually("the error on stderr", || {
        server.stderr().contains("content/about.md:2:")
    });

    // The last good site is still served, with the script that shows the overlay.
    let about = server.get("/about/");
    assert_eq!(about.status, 200);
    assert!(!about.body.contains("坏了"));
    assert!(about.body.contains("/__gongkai/livereload.js"));
    let script = server.get("/__gongkai/livereload.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    for part in [
        "EventSource(\"/__gongkai/events\")",
        "role\", \"alert\"",
        "textContent",
        "location.reload()",
        "\"css\"",
    ] {
        assert!(script.body.contains(part), "script lacks {part}");
    }

    // A page opened now gets the error as soon as it connects.
    let mut late = server.events();
    assert_eq!(late.next().event, "hello");
    let again = late.next();
    assert_eq!(again.event, "error");
    assert_eq!(again.data, error.data);

    // Fixing it clears the overlay and reloads.
    std::fs::write(server.site.join("content/about.md"), good).expect("write");
    events.wait_for("ok");
    late.wait_for("ok");
    let mut fresh = server.events();
    assert_eq!(fresh.next().event, "hello");
    if let Some(e) = fresh.next_within(Duration::from_millis(300)) {
        panic!("no error expected after the fix, got {e:?}");
    }
}

#[test]
fn a_site_that_does_not_build_at_first_is_served_once_fixed() {
    let server = Server::start_with(&[], |site| {
        std::fs::write(site.join("content/about.md"), "---\ntitle: [\n---\n").expect("write");
    });
    let mut events = server.events();
    assert_eq!(events.next().data, r#"{"build":"0"}"#);
    assert_eq!(events.next().event, "error");
    let home = server.get("/");
    assert_eq!(home.status, 404);
    assert!(home.body.contains("/__gongkai/livereload.js"));
    // No 404.html yet: the server's own page, in the run's language.
    assert!(
        home.body.contains("<h1>404 Not Found</h1>"),
        "{}",
        home.body
    );
    assert!(home.body.contains("<html lang=\"en\">"), "{}", home.body);
    std::fs::write(
        server.site.join("content/about.md"),
        "---\ntitle: 关于\n---\n正文\n",
    )
    .expect("write");
    events.wait_for("ok");
    assert_eq!(server.get("/").status, 200);
    assert!(server.get("/about/").body.contains("正文"));
}

#[test]
fn traversal_gets_no_file_outside_the_root() {
    let server = Server::start(&[]);
    let host = &server.address;
    for target in [
        "/../secret.txt".to_string(),
        "/../../secret.txt".into(),
        "/../../../../../../../../etc/passwd".into(),
        "/css/../../secret.txt".into(),
        "/%2e%2e/secret.txt".into(),
        "/%2E%2E/%2E%2E/secret.txt".into(),
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd".into(),
        "/..%2f..%2fsecret.txt".into(),
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd".into(),
        "/..\\..\\secret.txt".into(),
        "/%5c..%5c..%5csecret.txt".into(),
        "/..%5c..%5csecret.txt".into(),
        "//etc/passwd".into(),
        "/%2fetc%2fpasswd".into(),
        "/%252e%252e/secret.txt".into(),
        "/index.html%00.txt".into(),
        format!("http://{host}/../../secret.txt"),
        format!("http://{host}/%2e%2e/%2e%2e/etc/passwd"),
    ] {
        let r = request(host, &format!("GET {target} HTTP/1.1"));
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        assert!(!r.body.contains("TOP-SECRET"), "{target}");
        assert!(!r.body.contains("root:"), "{target}");
        assert!(!r.body.contains("base_url"), "{target}");
    }
}

#[test]
fn files_get_their_content_types_folders_their_index_and_unknown_paths_the_404_page() {
    let server = Server::start_with(&[], |site| {
        let s = site.join("static");
        std::fs::create_dir_all(s.join("fonts")).expect("mkdir");
        for (name, text) in [
            ("app.js", "console.log(1);"),
            ("data.json", "{}"),
            ("feed.xml", "<x/>"),
            ("events.ics", "BEGIN:VCALENDAR"),
            ("logo.svg", "<svg/>"),
            ("fonts/a.woff2", "wOF2"),
        ] {
            std::fs::write(s.join(name), text).expect("write");
        }
    });
    for (path, status, content_type) in [
        ("/", 200, "text/html; charset=utf-8"),
        ("/policies/", 200, "text/html; charset=utf-8"),
        ("/css/site.css", 200, "text/css; charset=utf-8"),
        ("/app.js", 200, "text/javascript; charset=utf-8"),
        ("/data.json", 200, "application/json; charset=utf-8"),
        ("/feed.xml", 200, "application/xml; charset=utf-8"),
        ("/sitemap.xml", 200, "application/xml; charset=utf-8"),
        ("/atom.xml", 200, "application/atom+xml; charset=utf-8"),
        ("/events.ics", 200, "text/calendar; charset=utf-8"),
        ("/logo.svg", 200, "image/svg+xml; charset=utf-8"),
        ("/fonts/a.woff2", 200, "font/woff2"),
        ("/robots.txt", 200, "text/plain; charset=utf-8"),
        ("/no/such/page/", 404, "text/html; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}");
        assert_eq!(r.header("content-type"), Some(content_type), "{path}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    // Only HTML gets the script.
    assert!(!server.get("/app.js").body.contains("livereload"));
    let missing = server.get("/no/such/page/");
    assert!(missing.body.contains("页面未找到"), "{}", missing.body);
    assert!(missing.body.contains("/__gongkai/livereload.js"));

    let redirect = server.get("/policies?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/policies/?x=1"));

    // Percent-encoded UTF-8 names are found.
    let mut events = server.events();
    assert_eq!(events.next().event, "hello");
    std::fs::write(server.site.join("static/说明.txt"), "中文文件名").expect("write");
    events.wait_for("reload");
    let r = server.get("/%E8%AF%B4%E6%98%8E.txt");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, "中文文件名");
}

#[test]
fn a_thousand_concurrent_requests_all_succeed() {
    let server = Server::start(&[]);
    const N: usize = 1000;
    let barrier = Arc::new(Barrier::new(N));
    let paths = ["/", "/css/site.css", "/policies/", "/about/", "/atom.xml"];
    let handles: Vec<_> = (0..N)
        .map(|i| {
            let barrier = barrier.clone();
            let address = server.address.clone();
            let path = paths[i % paths.len()];
            std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || {
                    barrier.wait();
                    let r = request(&address, &format!("GET {path} HTTP/1.1"));
                    (path, r.status, r.body.len())
                })
                .expect("spawn")
        })
        .collect();
    for h in handles {
        let (path, status, len) = h.join().expect("request thread");
        assert_eq!(status, 200, "{path}");
        assert!(len > 0, "{path}");
    }
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    if port > u16::MAX - 25 {
        return; // no room above it to test with
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    assert!(
        Command::new(BIN)
            .env("GONGKAI_LANG", "en")
            .arg("init")
            .arg(&site)
            .status()
            .expect("init")
            .success()
    );
    let mut child = Command::new(BIN)
        .env("GONGKAI_LANG", "en")
        .arg("serve")
        .arg("--root")
        .arg(&site)
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout).read_line(&mut line).expect("read");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let served: u16 = line
        .trim()
        .strip_prefix("serving http://127.0.0.1:")
        .and_then(|p| p.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected line {line:?}"));
    assert!(served > port && served <= port + 20, "{port} → {served}");
    drop(taken);
}

#[test]
fn a_folder_without_configuration_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(BIN)
        .env("GONGKAI_LANG", "en")
        .arg("serve")
        .arg("--root")
        .arg(dir.path())
        .args(["--port", "0"])
        .output()
        .expect("run");
    let status: ExitStatus = output.status;
    assert_eq!(status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("gongkai.yaml"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn build_output_never_has_the_live_reload_script() {
    let server = Server::start(&[]);
    let out = server.site.join("public");
    let status = Command::new(BIN)
        .env("GONGKAI_LANG", "en")
        .arg("build")
        .arg("--root")
        .arg(&server.site)
        .stderr(Stdio::null())
        .status()
        .expect("build");
    assert!(status.success());
    let home = std::fs::read_to_string(out.join("index.html")).expect("index.html");
    assert!(!home.contains("__gongkai"));
    // Building into public/ while serving does not disturb the server.
    assert_eq!(server.get("/").status, 200);
}

/// A FIFO put in `content/` while serving is an error shown in the overlay,
/// never a read that waits for ever: once it is gone, edits are rebuilt.
#[test]
fn a_fifo_in_content_never_wedges_the_rebuild_loop() {
    let server = Server::start(&[]);
    let mut events = server.events();
    assert_eq!(events.next().event, "hello");
    let fifo = server.site.join("content/fifo.md");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let error = events.wait_for("error");
    assert!(error.data.contains("content/fifo.md"), "{}", error.data);
    assert!(error.data.contains("named pipe"), "{}", error.data);
    std::fs::remove_file(&fifo).expect("remove the FIFO");
    events.wait_for("ok");
    server.edit("content/_index.md", |t| t.replace("欢迎访问", "热烈欢迎"));
    events.wait_for("reload");
    assert!(server.get("/").body.contains("热烈欢迎"));
}

#[test]
fn the_search_index_is_refreshed_once_the_edits_pause() {
    let server = Server::start(&[]);
    let mut events = server.events();
    assert_eq!(events.next().event, "hello");
    // Saves in a row: each page is rebuilt and announced at once.
    for k in 0..3 {
        server.edit("content/about.md", |t| format!("{t}\n示例补充{k}。\n"));
        let reload = events.wait_for("reload");
        assert_eq!(reload.data, format!(r#"{{"build":"{}"}}"#, k + 2));
    }
    // Then, with the edits paused, the index catches up.
    eventually("the search index refresh", || {
        server.stderr().contains("search index updated")
    });
}
