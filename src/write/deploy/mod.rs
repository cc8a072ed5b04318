//! `gongkai deploy`: publish the built site to an S3-compatible bucket
//! (Aliyun OSS, Tencent COS, Huawei OBS, AWS S3, MinIO, SeaweedFS),
//! incrementally and in an order that keeps links working while it runs.
//!
//! The steps, one file each: `target` checks where to publish and reads
//! the credentials; `local` hashes the built files; `manifest` reads
//! what the bucket holds (one object, or a listing when there is none);
//! `plan` compares the two and orders the uploads; `headers` gives each
//! object its `Content-Type` and `Cache-Control`; `upload` carries the
//! plan out through `client` and keeps the manifest true; `changed`
//! lists the changed URLs for a CDN refresh.

mod changed;
mod client;
mod headers;
mod local;
mod manifest;
mod plan;
mod target;
mod upload;

pub use changed::URL_REFRESH_LIMIT;
pub use plan::Group;
pub use upload::Progress;

use std::fmt;
use std::path::PathBuf;
use std::time::Instant;

use client::Client;
use headers::HeaderRules;
use manifest::{MANIFEST_NAME, Manifest, StoredObject};
use plan::Plan;
use target::{Credentials, Endpoint, Target};
use upload::Publisher;

/// How many deletions a deploy makes without `--max-deletes`.
pub const DEFAULT_MAX_DELETES: usize = 256;

/// A deploy that could not be done, with what to do about it.
#[derive(Debug, Clone)]
pub struct DeployError {
    pub message: String,
    pub help: Option<String>,
    /// A mistake in the command or `gongkai.yaml` (exit code 2), not a
    /// failure of the storage or the built site (exit code 1).
    pub usage: bool,
}

impl DeployError {
    pub fn new(message: impl Into<String>) -> DeployError {
        DeployError {
            message: message.into(),
            help: None,
            usage: false,
        }
    }

    pub fn usage(message: impl Into<String>) -> DeployError {
        DeployError {
            usage: true,
            ..DeployError::new(message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> DeployError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// What `gongkai deploy` is asked to do; `None` fields fall back to the
/// `deploy:` block of `gongkai.yaml`.
#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    /// The site root (where gongkai.yaml is).
    pub root: PathBuf,
    /// The built site (ROOT/public by default).
    pub output: Option<PathBuf>,
    /// The bucket, as `s3://bucket/prefix` (or `deploy.target` in gongkai.yaml).
    pub target: Option<String>,
    /// The S3 endpoint URL (or `deploy.endpoint`).
    pub endpoint: Option<String>,
    /// The S3 region (or `deploy.region`).
    pub region: Option<String>,
    /// Path-style addressing (also when `deploy.path_style` is set).
    pub path_style: bool,
    /// Compare and report, change nothing.
    pub dry_run: bool,
    /// Compare with a listing of the bucket, not with the manifest (after
    /// objects were changed by other means).
    pub verify: bool,
    /// Refuse to delete more objects than this (a guard against deploying the wrong folder).
    pub max_deletes: Option<usize>,
    /// Where to write the changed URLs (beside the output folder, as
    /// `changed-urls.txt`, by default).
    pub changed_urls: Option<PathBuf>,
}

/// What a deploy did (or, with `--dry-run`, would do).
#[derive(Debug, Clone, Default)]
pub struct DeployReport {
    /// Whether this was `--dry-run`.
    pub dry_run: bool,
    /// Files uploaded and their bytes.
    pub uploaded: usize,
    /// The bytes uploaded.
    pub bytes: u64,
    /// Objects deleted.
    pub deleted: usize,
    /// Built files the bucket already held as they are.
    pub unchanged: usize,
    /// Wall time.
    pub seconds: f64,
    /// Whether the bucket's manifest was used (otherwise a listing was).
    pub from_manifest: bool,
    /// The uploads (group and path, in order) and deletions planned.
    pub planned_uploads: Vec<(Group, String)>,
    /// The objects deleted (or to delete).
    pub planned_deletes: Vec<String>,
    /// How many URLs changed, and the file that lists them (not written
    /// with `--dry-run`).
    pub changed_urls: usize,
    /// The file that lists the changed URLs.
    pub changed_urls_file: Option<PathBuf>,
    /// The base URL, for the directory refresh above 1,000 changed URLs.
    pub base_url: String,
    /// HTTP requests sent to the storage (retries included).
    pub requests: usize,
    /// With `--dry-run`: why the real deploy would be refused (too many
    /// deletions), after the plan is shown.
    pub refused: Option<DeployError>,
}

/// Deploy the built site as `options` say. `progress` receives a line
/// now and then (the CLI shows it on a terminal only).
pub fn deploy(
    options: &DeployOptions,
    progress: Option<Progress<'_>>,
) -> Result<DeployReport, DeployError> {
    let started = Instant::now();
    let config =
        crate::load::config::load(&options.root).map_err(|d| DeployError::usage(d.to_string()))?;
    let settings = &config.deploy;
    let target_text = options
        .target
        .as_deref()
        .or(settings.target.as_deref())
        .ok_or_else(|| DeployError::usage(msg!("deploy-no-target")))?;
    let target = Target::parse(target_text)?;
    let endpoint = Endpoint::new(
        options.endpoint.as_deref().or(settings.endpoint.as_deref()),
        options.region.as_deref().or(settings.region.as_deref()),
        options.path_style || settings.path_style,
    )?;
    let max_deletes = options
        .max_deletes
        .or(settings.max_deletes)
        .unwrap_or(DEFAULT_MAX_DELETES);
    let rules = HeaderRules::new(&settings.headers).map_err(DeployError::usage)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    local::check_built(&output)?;
    let credentials = Credentials::from_env(|name| std::env::var(name).ok())?;
    let client = Client::new(&endpoint, &target.bucket, &credentials)?;

    let site = local::scan(&output)?;
    if site.contains_key(MANIFEST_NAME) {
        return Err(DeployError::new(msg!(
            "deploy-manifest-name-taken",
            name = MANIFEST_NAME
        )));
    }
    let (stored, from_manifest) = read_bucket(&client, &target, options.verify)?;
    let plan = Plan::new(&site, &stored, &rules);
    let mut report = DeployReport {
        dry_run: options.dry_run,
        unchanged: plan.unchanged,
        from_manifest,
        planned_uploads: plan
            .uploads
            .iter()
            .map(|u| (u.group, u.path.clone()))
            .collect(),
        planned_deletes: plan.deletes.clone(),
        base_url: config.base_url.clone(),
        ..DeployReport::default()
    };
    if plan.deletes.len() > max_deletes {
        let n = plan.deletes.len();
        let refused = DeployError::new(msg!(
            "deploy-too-many-deletes",
            count = n,
            limit = max_deletes
        ))
        .with_help(msg!("deploy-too-many-deletes-help", count = n));
        if !options.dry_run {
            return Err(refused);
        }
        report.refused = Some(refused);
    }
    // What this deploy changes, and what an unfinished one before it did.
    let mut pending = stored.pending.clone();
    pending.extend(plan.uploads.iter().map(|u| u.path.clone()));
    pending.extend(plan.deletes.iter().cloned());
    let changed = changed::changed_urls(&config.base_url, pending.iter().map(String::as_str));
    report.changed_urls = changed.len();
    if options.dry_run {
        report.uploaded = plan.uploads.len();
        report.bytes = plan.upload_bytes();
        report.deleted = plan.deletes.len();
        report.requests = client.requests();
        report.seconds = started.elapsed().as_secs_f64();
        return Ok(report);
    }

    let up_to_date = pending.is_empty() && from_manifest;
    let mut state = stored;
    state.pending = pending;
    // A listing does not tell an object's headers; those that compared
    // equal are taken to have the current rules' headers, so that the next
    // change of a rule reaches them.
    for (path, object) in state.objects.iter_mut() {
        if object.headers.is_empty() && site.contains_key(path) {
            object.headers = rules.for_path(path).digest();
        }
    }
    let publisher = Publisher::new(&client, &target, &output, state, site.len(), progress);
    publisher.upload(&plan.uploads)?;
    publisher.delete(&plan.deletes)?;
    if !up_to_date {
        publisher.finish()?;
    }
    (report.uploaded, report.bytes) = publisher.uploaded();
    report.deleted = plan.deletes.len();

    let file = options.changed_urls.clone().unwrap_or_else(|| {
        output
            .parent()
            .map_or_else(PathBuf::new, PathBuf::from)
            .join("changed-urls.txt")
    });
    std::fs::write(&file, changed::refresh_list(&config.base_url, &changed)).map_err(|e| {
        DeployError::new(msg!(
            "deploy-cannot-write-changed-urls",
            path = file.display(),
            reason = crate::base::words::io_error(&e)
        ))
    })?;
    report.changed_urls_file = Some(file);
    report.requests = client.requests();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// What the bucket holds under the prefix: from the manifest when there is
/// a readable one (and `verify` is not asked for), else from a listing
/// (`false`).
fn read_bucket(
    client: &Client,
    target: &Target,
    verify: bool,
) -> Result<(Manifest, bool), DeployError> {
    let manifest_key = target.key(MANIFEST_NAME);
    if !verify {
        if let Some(manifest) = client.get(&manifest_key)?.and_then(|b| Manifest::parse(&b)) {
            return Ok((manifest, true));
        }
    }
    let mut stored = Manifest::default();
    for object in client.list(&target.prefix)? {
        let Some(path) = object.key.strip_prefix(&target.prefix) else {
            continue;
        };
        if path.is_empty() || object.key == manifest_key {
            continue;
        }
        let md5 = manifest::etag_md5(&object.etag).unwrap_or_default();
        stored.objects.insert(
            path.to_string(),
            StoredObject {
                md5,
                size: object.size,
                headers: String::new(),
            },
        );
    }
    Ok((stored, false))
}
