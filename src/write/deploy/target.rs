//! Where a deploy goes: the `s3://BUCKET[/PREFIX]` target, the endpoint and
//! region of the storage service, and the credentials from the environment.
//!
//! Nothing here talks to the network; it only turns flags, the `deploy:`
//! block of `gongkai.yaml` and environment variables into checked values,
//! with a message that says what to fix when they are wrong.

use url::Url;

use super::DeployError;

/// The bucket and the folder in it that the site is published into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The bucket's name (`portal-www`).
    pub bucket: String,
    /// The key prefix, empty or ending with `/` (`sx/`), so that a key is
    /// `prefix + path`.
    pub prefix: String,
}

impl Target {
    /// Parse `s3://BUCKET` or `s3://BUCKET/PREFIX` (the prefix may have
    /// several segments; leading and trailing slashes are dropped).
    pub fn parse(text: &str) -> Result<Target, DeployError> {
        let text = text.trim();
        let Some(rest) = text.strip_prefix("s3://") else {
            return Err(DeployError::usage(msg!("deploy-bad-target", target = text)));
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        check_bucket(bucket)?;
        let prefix = prefix.trim_matches('/');
        if prefix
            .split('/')
            .any(|s| s == "." || s == ".." || (s.is_empty() && !prefix.is_empty()))
            || prefix.contains(['\\', '?', '#'])
        {
            return Err(DeployError::usage(msg!(
                "deploy-bad-prefix",
                target = text,
                prefix = prefix
            )));
        }
        Ok(Target {
            bucket: bucket.to_string(),
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
        })
    }

    /// The key of a path of the built site (`zhengce/index.html`).
    pub fn key(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }
}

/// Bucket names as S3 and the Chinese clouds accept them: 3 to 63
/// lower-case letters, digits, dots and hyphens, starting and ending with a
/// letter or digit.
fn check_bucket(name: &str) -> Result<(), DeployError> {
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let ok_ends = name
        .bytes()
        .next()
        .zip(name.bytes().last())
        .is_some_and(|(a, z)| a.is_ascii_alphanumeric() && z.is_ascii_alphanumeric());
    if (3..=63).contains(&name.len()) && ok_chars && ok_ends {
        Ok(())
    } else {
        Err(DeployError::usage(msg!("deploy-bad-bucket", name = name)))
    }
}

/// The storage service's address and how buckets are addressed on it.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// `https://oss-cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:8333`.
    pub url: Url,
    /// The signing region (`cn-hangzhou`; `us-east-1` when not given).
    pub region: String,
    /// `https://ENDPOINT/BUCKET/KEY` instead of `https://BUCKET.ENDPOINT/KEY`
    /// (always for an IP address or `localhost`).
    pub path_style: bool,
}

/// The region signed into requests when none is given: what MinIO,
/// SeaweedFS and AWS's global endpoint expect.
pub const DEFAULT_REGION: &str = "us-east-1";

impl Endpoint {
    /// The endpoint from `--endpoint` (or `deploy.endpoint`); without one,
    /// AWS S3's endpoint for the region.
    pub fn new(
        endpoint: Option<&str>,
        region: Option<&str>,
        path_style: bool,
    ) -> Result<Endpoint, DeployError> {
        let region = region
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or(DEFAULT_REGION)
            .to_string();
        let text = match endpoint.map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => e.to_string(),
            None => format!("https://s3.{region}.amazonaws.com"),
        };
        let url = Url::parse(&text)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .filter(|u| u.query().is_none() && u.fragment().is_none())
            .ok_or_else(|| DeployError::usage(msg!("deploy-bad-endpoint", endpoint = text)))?;
        // `BUCKET.127.0.0.1` is no host name: an address (or localhost)
        // can only be addressed path style.
        let by_address = !matches!(url.host(), Some(url::Host::Domain(d)) if d != "localhost");
        Ok(Endpoint {
            url,
            region,
            path_style: path_style || by_address,
        })
    }
}

/// The access key, secret and optional session token, read only from
/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`
/// (never from `gongkai.yaml`, which is committed).
#[derive(Clone)]
pub struct Credentials {
    pub key: String,
    pub secret: String,
    pub token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// Read the credentials through `var` (`std::env::var` outside tests).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Credentials, DeployError> {
        let get = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let missing: Vec<&str> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
            .into_iter()
            .filter(|n| get(n).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(DeployError::new(msg!(
                "deploy-no-credentials",
                names = missing.join(" and ")
            ))
            .with_help(msg!("deploy-no-credentials-help")));
        }
        Ok(Credentials {
            key: get("AWS_ACCESS_KEY_ID").unwrap_or_default(),
            secret: get("AWS_SECRET_ACCESS_KEY").unwrap_or_default(),
            token: get("AWS_SESSION_TOKEN"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_with_and_without_prefix() {
        let t = Target::parse("s3://portal-www").unwrap();
        assert_eq!((t.bucket.as_str(), t.prefix.as_str()), ("portal-www", ""));
        assert_eq!(t.key("index.html"), "index.html");
        let t = Target::parse("s3://portal-www/sx/2026/").unwrap();
        assert_eq!(t.prefix, "sx/2026/");
        assert_eq!(t.key("a/index.html"), "sx/2026/a/index.html");
    }

    #[test]
    fn bad_targets_are_usage_errors() {
        for bad in [
            "portal",
            "https://portal/x",
            "s3://",
            "s3://ab",
            "s3://Portal",
            "s3://-portal",
            "s3://portal/a//b",
            "s3://portal/../b",
        ] {
            let e = Target::parse(bad).unwrap_err();
            assert!(e.usage, "{bad}: {e}");
        }
    }

    #[test]
    fn endpoint_defaults_to_aws_for_the_region() {
        let e = Endpoint::new(None, Some("eu-west-1"), false).unwrap();
        assert_eq!(e.url.as_str(), "https://s3.eu-west-1.amazonaws.com/");
        let e = Endpoint::new(Some("http://127.0.0.1:8333"), None, true).unwrap();
        assert_eq!(e.region, DEFAULT_REGION);
        assert!(
            !Endpoint::new(Some("https://oss-cn-hangzhou.aliyuncs.com"), None, false)
                .unwrap()
                .path_style
        );
        assert!(
            Endpoint::new(Some("http://127.0.0.1:8333"), None, false)
                .unwrap()
                .path_style
        );
        assert!(
            Endpoint::new(Some("http://[::1]:8333"), None, false)
                .unwrap()
                .path_style
        );
        assert!(
            Endpoint::new(Some("http://localhost:9000"), None, false)
                .unwrap()
                .path_style
        );
        assert!(Endpoint::new(Some("127.0.0.1:8333"), None, true).is_err());
    }

    #[test]
    fn missing_credentials_are_named() {
        let e =
            Credentials::from_env(|n| (n == "AWS_ACCESS_KEY_ID").then(|| "k".into())).unwrap_err();
        assert!(e.message.contains("AWS_SECRET_ACCESS_KEY"), "{e}");
        assert!(!e.message.contains("AWS_ACCESS_KEY_ID"), "{e}");
        let c = Credentials::from_env(|n| Some(format!("{n}-value"))).unwrap();
        assert_eq!(c.token.as_deref(), Some("AWS_SESSION_TOKEN-value"));
        assert!(
            !format!("{c:?}").contains("SECRET"),
            "the secret is not printed"
        );
    }
}
