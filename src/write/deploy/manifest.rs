//! The deploy manifest: what the bucket holds under the prefix, as path →
//! MD5, size and a digest of the headers, stored beside the site as
//! `PREFIX/.gongkai-deploy.json`.
//!
//! Reading one object tells a redeploy what changed, so an unchanged site
//! costs one request, not a listing of 185,000 keys. The manifest always
//! describes what is really in the bucket: it is rewritten from what has
//! been uploaded and deleted (at checkpoints and last of all), never from
//! what is planned, so a deploy killed at any point and run again
//! re-uploads only what is left. Without a manifest (or with one that does
//! not parse), a listing stands in: ETags that are plain MD5s compare, the
//! others count as changed.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// The manifest's name under the prefix. It starts with a dot so that no
/// page of a gongkai site collides with it.
pub const MANIFEST_NAME: &str = ".gongkai-deploy.json";

/// What the format says about itself, checked when read.
const FORMAT: &str = "gongkai-deploy 1";

/// One object as the bucket holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredObject {
    /// MD5 of the bytes, lower-case hex; empty when unknown (a listing
    /// whose ETag is not a plain MD5).
    pub md5: String,
    /// Size in bytes.
    pub size: u64,
    /// The digest of the object's headers ([`super::headers::Headers::digest`]);
    /// empty when unknown (from a listing).
    pub headers: String,
}

/// The objects under the prefix, by site path (the key less the prefix).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub objects: BTreeMap<String, StoredObject>,
    /// The paths a deploy that did not finish set out to change: written
    /// at its checkpoints, cleared by the deploy that finishes, whose
    /// changed-URLs list includes them, so that a CDN refresh after a
    /// killed deploy and its re-run misses nothing.
    pub pending: BTreeSet<String>,
}

/// The stored form: compact arrays, since a province portal's manifest has
/// some 185,000 entries.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    format: String,
    files: BTreeMap<String, (String, u64, String)>,
    #[serde(default)]
    pending: Vec<String>,
}

impl Manifest {
    /// The manifest's bytes: sorted, one entry a line, so that the same
    /// bucket state always writes the same bytes.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = format!("{{\"format\":{},\"files\":{{", json_string(FORMAT));
        for (i, (path, o)) in self.objects.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                "\n{}:[{},{},{}]",
                json_string(path),
                json_string(&o.md5),
                o.size,
                json_string(&o.headers)
            ));
        }
        out.push_str("\n}");
        if !self.pending.is_empty() {
            let pending: Vec<String> = self.pending.iter().map(|p| json_string(p)).collect();
            out.push_str(&format!(",\n\"pending\":[{}]", pending.join(",\n")));
        }
        out.push_str("}\n");
        out.into_bytes()
    }

    /// Parse a stored manifest; `None` when it is not one this version
    /// wrote (the deploy then falls back to a listing).
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        let stored: Stored = serde_json::from_slice(bytes).ok()?;
        if stored.format != FORMAT {
            return None;
        }
        let objects = stored
            .files
            .into_iter()
            .map(|(path, (md5, size, headers))| (path, StoredObject { md5, size, headers }))
            .collect();
        Some(Manifest {
            objects,
            pending: stored.pending.into_iter().collect(),
        })
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The MD5 in an ETag, lower-case, when the ETag is a plain MD5 (an object
/// uploaded in one request); `None` for multipart ETags (`"…-3"`) and
/// anything else. Quotes and a weak `W/` are dropped; Aliyun OSS's
/// upper-case ETags compare equal.
pub fn etag_md5(etag: &str) -> Option<String> {
    let tag = etag.trim().trim_start_matches("W/").trim_matches('"');
    let tag = tag.strip_prefix("&quot;").unwrap_or(tag);
    let tag = tag.strip_suffix("&quot;").unwrap_or(tag);
    (tag.len() == 32 && tag.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| tag.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_stable_bytes() {
        let mut m = Manifest::default();
        for (p, md5) in [("政策/index.html", "ab"), ("index.html", "cd")] {
            m.objects.insert(
                p.to_string(),
                StoredObject {
                    md5: md5.to_string(),
                    size: 3,
                    headers: "0011aabb".to_string(),
                },
            );
        }
        let bytes = m.to_json();
        assert_eq!(Manifest::parse(&bytes), Some(m.clone()));
        assert_eq!(bytes, m.clone().to_json());
        m.pending.insert("政策/index.html".to_string());
        assert_eq!(Manifest::parse(&m.to_json()), Some(m.clone()));
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .starts_with("{\"format\":\"gongkai-deploy 1\"")
        );
    }

    #[test]
    fn foreign_or_broken_manifests_are_none() {
        assert_eq!(Manifest::parse(b"{"), None);
        assert_eq!(
            Manifest::parse(b"{\"format\":\"other\",\"files\":{}}"),
            None
        );
        assert_eq!(
            Manifest::parse(b"{\"format\":\"gongkai-deploy 1\",\"files\":{}}"),
            Some(Manifest::default())
        );
    }

    #[test]
    fn etags() {
        let md5 = "d41d8cd98f00b204e9800998ecf8427e";
        assert_eq!(etag_md5(&format!("\"{md5}\"")).as_deref(), Some(md5));
        assert_eq!(
            etag_md5(&format!("\"{}\"", md5.to_uppercase())).as_deref(),
            Some(md5)
        );
        assert_eq!(
            etag_md5(&format!("&quot;{md5}&quot;")).as_deref(),
            Some(md5)
        );
        assert_eq!(etag_md5(&format!("\"{md5}-2\"")), None);
        assert_eq!(etag_md5("\"5B3C-XYZ\""), None);
    }
}
