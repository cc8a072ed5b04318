//! The HTTP side of `gongkai serve`: the state the handlers share with the
//! rebuild loop, the routes (the site's files with the live-reload script
//! in HTML, the script itself, the event stream) and their headers.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::files::{self, Lookup};
use super::reload::{self, Message};

/// The state the request handlers share with the rebuild loop.
pub(super) struct Shared {
    /// The canonical served folder.
    public: PathBuf,
    events: broadcast::Sender<Message>,
    status: RwLock<Status>,
}

#[derive(Default)]
pub(super) struct Status {
    /// The number of the last good build (0: none yet).
    pub(super) build: u64,
    /// The `error` message of the last build, if it failed.
    pub(super) error: Option<Message>,
}

impl Shared {
    pub(super) fn new(public: PathBuf, events: broadcast::Sender<Message>) -> Shared {
        Shared {
            public,
            events,
            status: RwLock::new(Status::default()),
        }
    }

    fn status(&self) -> (u64, Option<Message>) {
        match self.status.read() {
            Ok(s) => (s.build, s.error.clone()),
            Err(poisoned) => {
                let s = poisoned.into_inner();
                (s.build, s.error.clone())
            }
        }
    }

    pub(super) fn update(&self, f: impl FnOnce(&mut Status) -> Message) {
        let message = match self.status.write() {
            Ok(mut s) => f(&mut s),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        };
        // No page listening is fine.
        let _ = self.events.send(message);
    }
}

/// The routes of the dev server.
pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(reload::EVENTS_PATH, get(events_stream))
        .route(reload::SCRIPT_PATH, get(script))
        .fallback(file)
        .with_state(shared)
}

fn sse_event(message: &Message) -> Event {
    Event::default().event(message.event).data(&message.data)
}

/// `/__gongkai/events`: `hello`, the current error if any, then every
/// message of the rebuild loop.
async fn events_stream(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe first: a build that ends in between is then sent, not lost.
    let live = BroadcastStream::new(shared.events.subscribe());
    let (build, error) = shared.status();
    let mut first = vec![sse_event(&Message::hello(build))];
    if let Some(e) = &error {
        first.push(sse_event(e));
    }
    let live = live.map(|m| match m {
        Ok(m) => sse_event(&m),
        // Too slow to keep up: whatever it missed, a reload catches up.
        Err(_) => Event::default().event("reload").data("{}"),
    });
    Sse::new(tokio_stream::iter(first).chain(live).map(Ok)).keep_alive(KeepAlive::default())
}

async fn script() -> Response {
    let mut response = reload::SCRIPT.into_response();
    dev_headers(&mut response, "text/javascript; charset=utf-8");
    response
}

fn dev_headers(response: &mut Response, content_type: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// A file of the site, with the live-reload script in HTML.
async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, msg!("serve-http-method"));
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let public = shared.public.clone();
    let path = uri.path().to_string();
    let found = tokio::task::spawn_blocking(move || read(&public, &path)).await;
    let (build, _) = shared.status();
    match found {
        Ok(Reply::File(status, name, bytes)) => {
            let content_type = files::content_type(&name);
            let body = if files::is_html(content_type) {
                reload::inject(&bytes, build)
            } else {
                bytes
            };
            let mut r = (status, Body::from(body)).into_response();
            dev_headers(&mut r, content_type);
            r
        }
        Ok(Reply::Redirect(location)) => {
            let location = match uri.query() {
                Some(q) => format!("{location}?{q}"),
                None => location,
            };
            match HeaderValue::from_str(&location) {
                Ok(v) => {
                    let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
                    r.headers_mut().insert(header::LOCATION, v);
                    r.headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                    r
                }
                Err(_) => plain(StatusCode::BAD_REQUEST, msg!("serve-http-bad-request")),
            }
        }
        Ok(Reply::BadRequest) => plain(StatusCode::BAD_REQUEST, msg!("serve-http-bad-request")),
        Ok(Reply::NotFound) => {
            // The site has no 404.html yet (its first build failed, or
            // its theme has none): a page in the run's language.
            let page = format!(
                "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>404</title></head>\
                 <body><h1>{}</h1></body></html>\n",
                msg!("serve-http-lang"),
                msg!("serve-http-not-found")
            );
            let mut r = (
                StatusCode::NOT_FOUND,
                Body::from(reload::inject(page.as_bytes(), build)),
            )
                .into_response();
            dev_headers(&mut r, "text/html; charset=utf-8");
            r
        }
        Err(_) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            msg!("serve-http-internal"),
        ),
    }
}

fn plain(status: StatusCode, text: String) -> Response {
    let mut r = (status, format!("{text}\n")).into_response();
    dev_headers(&mut r, "text/plain; charset=utf-8");
    r
}

enum Reply {
    /// Status, the file's name (for its type), its bytes.
    File(StatusCode, PathBuf, Vec<u8>),
    Redirect(String),
    /// Not found, and the site has no readable `404.html`.
    NotFound,
    BadRequest,
}

/// Read what `path` names, or the site's `404.html`.
fn read(public: &Path, path: &str) -> Reply {
    let not_found = || {
        let page = public.join("404.html");
        match std::fs::read(&page) {
            Ok(bytes) => Reply::File(StatusCode::NOT_FOUND, page, bytes),
            Err(_) => Reply::NotFound,
        }
    };
    match files::lookup(public, path) {
        Lookup::File(file) => match std::fs::read(&file) {
            Ok(bytes) => Reply::File(StatusCode::OK, file, bytes),
            // Removed by a swap in between.
            Err(_) => not_found(),
        },
        Lookup::Redirect(location) => Reply::Redirect(location),
        Lookup::NotFound => not_found(),
        Lookup::BadRequest => Reply::BadRequest,
    }
}
