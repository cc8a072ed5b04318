//! The S3 client: requests signed with AWS Signature V4 by `rusty-s3` (no
//! I/O of its own) and sent with `ureq` (blocking, rustls).
//!
//! Only what a deploy needs: get an object, put one with its headers and a
//! `Content-MD5` the store checks, list a prefix, delete in batches of a
//! thousand. No request carries the `x-amz-checksum-*` headers that newer
//! AWS SDKs add and that some Chinese clouds reject. Buckets are addressed
//! virtual-hosted style (`BUCKET.ENDPOINT`) unless path style is asked for.
//! Transient failures (5xx, 429, a dropped connection, a timeout) are
//! retried twice; an endpoint that refuses connections or a refusal of the
//! credentials is reported at once, with what to check.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rusty_s3::actions::{DeleteObjects, ListObjectsV2, ObjectIdentifier, S3Action};
use rusty_s3::{Bucket, UrlStyle};

use super::DeployError;
use super::headers::Headers;
use super::local::md5_base64;
use super::target::{Credentials, Endpoint};

/// How long a signed request stays valid (it is sent at once).
const SIGNED_FOR: Duration = Duration::from_secs(3600);
/// How many keys one delete request takes (the S3 limit).
pub const DELETE_BATCH: usize = 1000;
/// How many tries a request gets when the failure looks transient.
const TRIES: u32 = 3;

/// One object of a listing.
#[derive(Debug, Clone)]
pub struct Listed {
    pub key: String,
    pub etag: String,
    pub size: u64,
}

/// A bucket on an S3-compatible store, with the credentials to use it.
pub struct Client {
    agent: ureq::Agent,
    bucket: Bucket,
    credentials: rusty_s3::Credentials,
    /// The endpoint as the user gave it, for messages.
    endpoint: String,
    /// HTTP requests sent (retries included).
    requests: AtomicUsize,
}

/// What went wrong with one request, before it becomes a message.
enum Failure {
    /// The store answered with an error status and (usually) an S3 error.
    Status {
        status: u16,
        code: String,
        message: String,
    },
    /// No answer: connection refused, DNS, timeout, TLS.
    Transport(ureq::Error),
}

impl Client {
    /// A client for `bucket` at `endpoint`.
    pub fn new(
        endpoint: &Endpoint,
        bucket: &str,
        credentials: &Credentials,
    ) -> Result<Client, DeployError> {
        let style = if endpoint.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(
            endpoint.url.clone(),
            style,
            bucket.to_string(),
            endpoint.region.clone(),
        )
        .map_err(|e| {
            DeployError::usage(msg!(
                "deploy-endpoint-unusable",
                endpoint = endpoint.url.as_str(),
                reason = crate::base::words::quoted(&e.to_string())
            ))
        })?;
        let credentials = match &credentials.token {
            Some(token) => rusty_s3::Credentials::new_with_token(
                credentials.key.clone(),
                credentials.secret.clone(),
                token.clone(),
            ),
            None => rusty_s3::Credentials::new(credentials.key.clone(), credentials.secret.clone()),
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(300)))
            .max_idle_connections_per_host(16)
            .build();
        Ok(Client {
            agent: config.into(),
            bucket,
            credentials,
            endpoint: endpoint.url.as_str().trim_end_matches('/').to_string(),
            requests: AtomicUsize::new(0),
        })
    }

    /// The object at `key`, or `None` when there is none.
    pub fn get(&self, key: &str) -> Result<Option<Vec<u8>>, DeployError> {
        let action = self.bucket.get_object(Some(&self.credentials), key);
        let url = action.sign(SIGNED_FOR);
        let result = self.get_signed(url.as_str());
        match result {
            Ok(body) => Ok(Some(body)),
            Err(Failure::Status { status: 404, .. }) => Ok(None),
            Err(f) => Err(self.explain(f, &msg!("deploy-doing-read", key = key))),
        }
    }

    /// The body of a GET of a signed URL, whatever its size.
    fn get_signed(&self, url: &str) -> Result<Vec<u8>, Failure> {
        self.send(|| {
            let mut response = self.agent.get(url).call()?;
            let status = response.status().as_u16();
            let body = response
                .body_mut()
                .with_config()
                .limit(u64::MAX)
                .read_to_vec()?;
            Ok((status, body))
        })
    }

    /// Store `body` at `key` with `headers`.
    pub fn put(&self, key: &str, body: &[u8], headers: &Headers) -> Result<(), DeployError> {
        let action = self.bucket.put_object(Some(&self.credentials), key);
        let url = action.sign(SIGNED_FOR);
        let md5 = md5_base64(body);
        self.send(|| {
            let mut response = self
                .agent
                .put(url.as_str())
                .header("Content-Type", &headers.content_type)
                .header("Cache-Control", &headers.cache_control)
                .header("Content-MD5", &md5)
                .send(body)?;
            let status = response.status().as_u16();
            Ok((status, response.body_mut().read_to_vec()?))
        })
        .map(drop)
        .map_err(|f| self.explain(f, &msg!("deploy-doing-upload", key = key)))
    }

    /// Every object whose key starts with `prefix`, a thousand a request.
    pub fn list(&self, prefix: &str) -> Result<Vec<Listed>, DeployError> {
        let mut listed = vec![];
        let mut token: Option<String> = None;
        loop {
            let mut action: ListObjectsV2 = self.bucket.list_objects_v2(Some(&self.credentials));
            if !prefix.is_empty() {
                action.with_prefix(prefix);
            }
            if let Some(t) = &token {
                action.with_continuation_token(t.clone());
            }
            let url = action.sign(SIGNED_FOR);
            let body = self
                .get_signed(url.as_str())
                .map_err(|f| self.explain(f, &msg!("deploy-doing-list")))?;
            let text = String::from_utf8_lossy(&body);
            let page = ListObjectsV2::parse_response(&text).map_err(|e| {
                DeployError::new(msg!(
                    "deploy-bad-listing",
                    endpoint = self.endpoint.to_string(),
                    reason = crate::base::words::quoted(&e.to_string())
                ))
            })?;
            listed.extend(page.contents.into_iter().map(|c| Listed {
                key: c.key,
                etag: c.etag,
                size: c.size,
            }));
            match page.next_continuation_token {
                Some(t) if !t.is_empty() => token = Some(t),
                _ => return Ok(listed),
            }
        }
    }

    /// Delete `keys`, [`DELETE_BATCH`] a request; a key that is already
    /// gone is no error.
    pub fn delete(&self, keys: &[String]) -> Result<(), DeployError> {
        for batch in keys.chunks(DELETE_BATCH) {
            let ids: Vec<ObjectIdentifier> = batch
                .iter()
                .map(|k| ObjectIdentifier::new(k.clone()))
                .collect();
            let mut action = DeleteObjects::new(&self.bucket, Some(&self.credentials), ids.iter());
            action.set_quiet(true);
            let url = action.sign(SIGNED_FOR);
            let (body, md5) = action.body_with_md5();
            let answer = self
                .send(|| {
                    let mut response = self
                        .agent
                        .post(url.as_str())
                        .header("Content-MD5", &md5)
                        .header("Content-Type", "application/xml")
                        .send(body.as_bytes())?;
                    let status = response.status().as_u16();
                    Ok((status, response.body_mut().read_to_vec()?))
                })
                .map_err(|f| self.explain(f, &msg!("deploy-doing-delete")))?;
            // A 200 may still name keys that were not deleted.
            let text = String::from_utf8_lossy(&answer);
            if let Some(code) = xml_field(&text, "Code") {
                let key = xml_field(&text, "Key").unwrap_or_default();
                let message = xml_field(&text, "Message").unwrap_or_default();
                return Err(DeployError::new(msg!(
                    "deploy-not-deleted",
                    endpoint = self.endpoint.to_string(),
                    key = key,
                    code = code,
                    message = message
                )));
            }
        }
        Ok(())
    }

    /// How many HTTP requests were sent so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// Run one request up to [`TRIES`] times while its failure looks
    /// transient; a 2xx status gives the body.
    fn send(
        &self,
        request: impl Fn() -> Result<(u16, Vec<u8>), ureq::Error>,
    ) -> Result<Vec<u8>, Failure> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.requests.fetch_add(1, Ordering::Relaxed);
            let failure = match request() {
                Ok((status, body)) if (200..300).contains(&status) => return Ok(body),
                Ok((status, body)) => {
                    let text = String::from_utf8_lossy(&body);
                    Failure::Status {
                        status,
                        code: xml_field(&text, "Code").unwrap_or_default(),
                        message: xml_field(&text, "Message").unwrap_or_default(),
                    }
                }
                Err(e) => Failure::Transport(e),
            };
            let transient = match &failure {
                Failure::Status { status, .. } => *status >= 500 || *status == 429,
                Failure::Transport(ureq::Error::Io(e)) => {
                    e.kind() != std::io::ErrorKind::ConnectionRefused
                }
                Failure::Transport(e) => matches!(e, ureq::Error::Timeout(_)),
            };
            if !transient || attempt >= TRIES {
                return Err(failure);
            }
            std::thread::sleep(Duration::from_millis(250 * 4u64.pow(attempt - 1)));
        }
    }

    /// A failure as a message that says what to check.
    fn explain(&self, failure: Failure, doing: &str) -> DeployError {
        let bucket = self.bucket.name();
        let endpoint = &self.endpoint;
        match failure {
            Failure::Transport(e) => DeployError::new(msg!(
                "deploy-unreachable",
                endpoint = endpoint.to_string(),
                doing = doing,
                reason = crate::base::words::quoted(&e.to_string())
            ))
            .with_help(msg!("deploy-unreachable-help")),
            Failure::Status {
                status,
                code,
                message,
            } => {
                let what = match (code.as_str(), message.as_str()) {
                    ("", _) => format!("HTTP {status}"),
                    (c, "") => format!("{c} (HTTP {status})"),
                    (c, m) => format!("{c}: {m} (HTTP {status})"),
                };
                let error = DeployError::new(msg!(
                    "deploy-refused",
                    endpoint = endpoint.to_string(),
                    doing = doing,
                    bucket = bucket,
                    what = what
                ));
                match (status, code.as_str()) {
                    (_, "NoSuchBucket") => error.with_help(msg!("deploy-no-bucket-help")),
                    (301 | 307, _) | (_, "PermanentRedirect" | "AuthorizationHeaderMalformed") => {
                        error.with_help(msg!("deploy-region-help"))
                    }
                    (401 | 403, _) => error.with_help(msg!("deploy-denied-help")),
                    _ => error,
                }
            }
        }
    }
}

/// The text of the first `<name>` element in an S3 XML answer.
fn xml_field(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{name}>"))? + start;
    let text = xml[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_error_fields() {
        let xml = "<?xml version=\"1.0\"?><Error><Code>InvalidAccessKeyId</Code><Message>The key &amp; id</Message></Error>";
        assert_eq!(
            xml_field(xml, "Code").as_deref(),
            Some("InvalidAccessKeyId")
        );
        assert_eq!(xml_field(xml, "Message").as_deref(), Some("The key & id"));
        assert_eq!(xml_field(xml, "Key"), None);
    }

    #[test]
    fn virtual_hosted_style_by_default() {
        let creds = Credentials {
            key: "k".into(),
            secret: "s".into(),
            token: None,
        };
        let endpoint =
            Endpoint::new(Some("https://oss-cn-hangzhou.aliyuncs.com"), None, false).unwrap();
        let client = Client::new(&endpoint, "portal", &creds).unwrap();
        assert_eq!(
            client.bucket.base_url().as_str(),
            "https://portal.oss-cn-hangzhou.aliyuncs.com/"
        );
        let endpoint = Endpoint::new(Some("http://127.0.0.1:8333"), None, true).unwrap();
        let client = Client::new(&endpoint, "portal", &creds).unwrap();
        assert_eq!(
            client.bucket.base_url().as_str(),
            "http://127.0.0.1:8333/portal/"
        );
    }
}
