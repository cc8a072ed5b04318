//! `gongkai serve`: build the site into a private folder, serve it over
//! HTTP, rebuild it when its files change and tell open pages to reload.
//!
//! - [`files`] maps request paths to files, safely, and names content types.
//! - [`watch`] turns file system events into batches of changed paths.
//! - [`reload`] is the live-reload protocol: SSE messages, the page script
//!   and the error overlay.
//!
//! Each rebuild is a full [`crate::build`] into the private folder, run off
//! the async runtime, one at a time; changes that arrive during a build are
//! coalesced into one more build. The build's atomic swap means a request
//! always sees a whole site, and a failed build leaves the last good site
//! served while pages show the error.

mod directory;
pub mod files;
mod http;
pub mod incremental;
pub mod reload;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::{broadcast, mpsc};

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::build::{BuildOptions, BuildReport};
use crate::serve::incremental::{Rebuild, Session};
use http::Shared;
use reload::Message;

/// What `gongkai serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (where gongkai.yaml is).
    pub root: PathBuf,
    /// The address to listen on; 127.0.0.1 by default.
    pub bind: IpAddr,
    /// The first port to try; 0 lets the system choose.
    pub port: u16,
    /// Poll for changes instead of using file system notifications.
    pub poll: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Include pages dated after today.
    pub future: bool,
}

/// How the command line prints build results (the same way `build` does).
#[derive(Clone, Copy)]
pub struct Reporter {
    /// Print the diagnostics of a build that failed.
    pub errors: fn(&Diagnostics),
    /// Print the summary of a build that succeeded.
    pub built: fn(&BuildReport),
}

/// How many ports after `--port` to try when it is taken.
const PORT_TRIES: u16 = 20;

/// Serve the site until Ctrl-C (or SIGTERM). Errors: the site root has no
/// readable configuration, or no port could be bound.
pub fn run(options: &ServeOptions, reporter: Reporter) -> Result<(), Diagnostics> {
    crate::load::config::load(&options.root)?;
    let root = std::fs::canonicalize(&options.root).map_err(|e| {
        Diagnostic::in_file(
            &options.root,
            msg!("cannot-open-root", error = crate::base::words::io_error(&e)),
        )
    })?;
    // In memory where the system has a tmpfs: a rebuild then does not wait
    // for the disk (and /tmp is a disk on many machines).
    let shm = Path::new("/dev/shm");
    let mut private = tempfile::Builder::new();
    private.prefix("gongkai-serve-");
    let private = if shm.is_dir() {
        private.tempdir_in(shm).or_else(|_| private.tempdir())
    } else {
        private.tempdir()
    }
    .map_err(|e| {
        Diagnostic::new(msg!(
            "serve-cannot-make-folder",
            error = crate::base::words::io_error(&e)
        ))
    })?;
    let public = private.path().join("public");
    // Made empty now so that its canonical path is known before the first
    // build swaps the site in.
    let public = std::fs::create_dir(&public)
        .and_then(|()| std::fs::canonicalize(&public))
        .map_err(|e| {
            Diagnostic::in_file(
                &public,
                msg!(
                    "serve-cannot-make-serve-folder",
                    error = crate::base::words::io_error(&e)
                ),
            )
        })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Diagnostic::new(msg!(
                "serve-cannot-start",
                error = crate::base::words::io_error(&e)
            ))
        })?;
    let result = runtime.block_on(serve(options, root, public, reporter));
    // Let in-flight blocking work (a build) finish before the folder goes.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    drop(private);
    result
}

async fn serve(
    options: &ServeOptions,
    root: PathBuf,
    public: PathBuf,
    reporter: Reporter,
) -> Result<(), Diagnostics> {
    let listener = bind(options.bind, options.port)?;
    let address = listener.local_addr().map_err(|e| {
        Diagnostic::new(msg!(
            "serve-no-address",
            error = crate::base::words::io_error(&e)
        ))
    })?;
    let url = format!("http://{}/", display_address(address));
    let build_options = BuildOptions {
        root: root.clone(),
        output: Some(public.clone()),
        base_url: Some(url.clone()),
        drafts: options.drafts,
        future: options.future,
        force: false,
    };
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared::new(public, events));

    let (changes_tx, changes_rx) = mpsc::unbounded_channel();
    // Watch before the first build so no change in between is missed.
    let watcher = match watch::Watcher::start(&root, options.poll, changes_tx) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!("{}", msg!("serve-no-watch", error = e));
            None
        }
    };
    let session: SessionSlot = Arc::default();
    rebuild(&shared, &session, &build_options, reporter, &[]).await;

    let app = http::router(shared.clone());
    println!("{}", msg!("serve-serving", url = &url));
    if options.bind.is_unspecified() {
        eprintln!(
            "{}",
            msg!("serve-every-interface", port = address.port().to_string())
        );
    }
    let rebuilds = tokio::spawn(rebuild_loop(
        shared,
        session,
        build_options,
        reporter,
        changes_rx,
        watcher,
    ));
    let result = tokio::select! {
        r = axum::serve(listener, app) => r
            .map_err(|e| Diagnostics::from(Diagnostic::new(msg!("serve-stopped-error", error = crate::base::words::io_error(&e))))),
        () = stop_signal() => {
            eprintln!("{}", msg!("serve-stopping"));
            Ok(())
        }
    };
    rebuilds.abort();
    result
}

/// Listen on `port` of `ip`, or the next free one of the following
/// [`PORT_TRIES`]; port 0 lets the system choose.
fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener, Diagnostics> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut failure = None;
    for p in port..=last {
        let address = SocketAddr::new(ip, p);
        let socket = if ip.is_ipv4() {
            tokio::net::TcpSocket::new_v4()
        } else {
            tokio::net::TcpSocket::new_v6()
        };
        let attempt = socket.and_then(|s| {
            s.set_reuseaddr(true)?;
            s.bind(address)?;
            // A deep backlog: a page load opens many connections at once.
            s.listen(1024)
        });
        match attempt {
            Ok(listener) => return Ok(listener),
            Err(e) => failure = Some(e),
        }
    }
    let reason = failure.map_or_else(String::new, |e| e.to_string());
    let ip = ip.to_string();
    Err(Diagnostic::new(if port == 0 {
        msg!("serve-cannot-listen", ip = ip, reason = reason)
    } else {
        msg!(
            "serve-cannot-listen-ports",
            ip = ip,
            first = port.to_string(),
            last = last.to_string(),
            reason = reason
        )
    })
    .with_help(msg!("serve-cannot-listen-help"))
    .into())
}

/// The host part of the URL the site is served at: the unspecified
/// address (every interface) is reached locally through loopback.
fn display_address(address: SocketAddr) -> SocketAddr {
    let ip = match address.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, address.port())
}

async fn stop_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            eprintln!(
                "{}",
                msg!("serve-no-ctrl-c", error = crate::base::words::io_error(&e))
            );
            std::future::pending::<()>().await;
        }
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Rebuild on every batch of changes; batches that arrive during a build
/// become one more build.
async fn rebuild_loop(
    shared: Arc<Shared>,
    session: SessionSlot,
    options: BuildOptions,
    reporter: Reporter,
    mut changes: mpsc::UnboundedReceiver<Vec<PathBuf>>,
    mut watcher: Option<watch::Watcher>,
) {
    let mut next = changes.recv().await;
    while let Some(mut changed) = next {
        while let Ok(more) = changes.try_recv() {
            changed.extend(more);
        }
        changed.sort();
        changed.dedup();
        if let Some(w) = watcher.as_mut() {
            w.watch_new_folders();
        }
        let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
        let shown = if names.len() > 3 {
            msg!(
                "serve-changed-more",
                files = names[..3].join(", "),
                more = names.len() - 3
            )
        } else {
            names.join(", ")
        };
        eprintln!("{}", msg!("serve-changed", files = shown));
        rebuild(&shared, &session, &options, reporter, &changed).await;
        // The search index once the edits pause: an editor who saves again
        // and again sees each page at once, and the index (seconds at
        // province scale) is made once, not after every save.
        // A save that arrives while the index is made stops it (between
        // batches of documents, before anything is written) rather than
        // waiting for it; the index is made again at the next pause.
        next = match tokio::time::timeout(SEARCH_AFTER_QUIET, changes.recv()).await {
            Ok(more) => more,
            Err(_) => {
                let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
                let refresh = refresh_search(&session, reporter, stop.clone());
                tokio::pin!(refresh);
                tokio::select! {
                    () = &mut refresh => changes.recv().await,
                    more = changes.recv() => {
                        stop.store(true, std::sync::atomic::Ordering::Relaxed);
                        refresh.await;
                        more
                    }
                }
            }
        };
    }
}

/// How long the edits must pause before the search index is refreshed.
const SEARCH_AFTER_QUIET: std::time::Duration = std::time::Duration::from_millis(800);

/// The incremental session of the served site, once a build succeeded.
type SessionSlot = Arc<std::sync::Mutex<Option<Session>>>;

/// Rebuild into the served folder — incrementally when the session allows,
/// in full otherwise (see [`crate::serve::incremental`]) — then tell the pages.
async fn rebuild(
    shared: &Shared,
    session: &SessionSlot,
    options: &BuildOptions,
    reporter: Reporter,
    changed: &[PathBuf],
) {
    let job = options.clone();
    let slot = session.clone();
    let paths = changed.to_vec();
    let work = move || -> Result<Option<BuildReport>, Diagnostics> {
        let started = std::time::Instant::now();
        let mut guard = slot
            .lock()
            .map_err(|_| Diagnostic::new(msg!("serve-poisoned")))?;
        if let Some(s) = guard.as_mut().filter(|_| !paths.is_empty()) {
            return match s.apply(&paths)? {
                Rebuild::Full(mut report) => {
                    report.seconds = started.elapsed().as_secs_f64();
                    Ok(Some(report))
                }
                Rebuild::Partial {
                    tasks,
                    files_written,
                } => {
                    eprintln!(
                        "{}",
                        msg!(
                            "serve-rebuilt",
                            tasks = tasks,
                            files = files_written,
                            ms = crate::base::i18n::fixed(
                                started.elapsed().as_secs_f64() * 1000.0,
                                0
                            )
                        )
                    );
                    Ok(None)
                }
            };
        }
        let (s, mut report) = Session::start(job)?;
        report.seconds = started.elapsed().as_secs_f64();
        *guard = Some(s);
        Ok(Some(report))
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(report)) => {
            if let Some(report) = &report {
                (reporter.built)(report);
            }
            shared.update(|status| {
                status.build += 1;
                let was_failing = status.error.take().is_some();
                Message::built(status.build, was_failing, changed)
            });
        }
        Ok(Err(diagnostics)) => {
            (reporter.errors)(&diagnostics);
            eprintln!("{}", msg!("serve-still-last-good"));
            let message = Message::error(&diagnostics);
            shared.update(|status| {
                status.error = Some(message.clone());
                message
            });
        }
        Err(e) => eprintln!(
            "{}",
            msg!(
                "serve-build-panicked",
                error = crate::base::words::quoted(&e.to_string())
            )
        ),
    }
}

/// Bring the search index up to date after incremental rebuilds
/// ([`Session::refresh_search_unless`]), unless `stop` is set first.
async fn refresh_search(
    session: &SessionSlot,
    reporter: Reporter,
    stop: Arc<std::sync::atomic::AtomicBool>,
) {
    let slot = session.clone();
    let refresh = move || -> Result<Option<usize>, Diagnostics> {
        let mut guard = slot
            .lock()
            .map_err(|_| Diagnostic::new(msg!("serve-poisoned")))?;
        match guard.as_mut() {
            Some(s) => s.refresh_search_unless(&|| stop.load(std::sync::atomic::Ordering::Relaxed)),
            None => Ok(Some(0)),
        }
    };
    match tokio::task::spawn_blocking(refresh).await {
        Ok(Ok(None | Some(0))) => {}
        Ok(Ok(Some(n))) => eprintln!("{}", msg!("serve-search-updated", files = n)),
        Ok(Err(diagnostics)) => (reporter.errors)(&diagnostics),
        Err(e) => eprintln!(
            "{}",
            msg!(
                "serve-search-panicked",
                error = crate::base::words::quoted(&e.to_string())
            )
        ),
    }
}
