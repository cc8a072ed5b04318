//! Open data: the directory as JSON and CSV, and as an Open Referral HSDS
//! 3.0 export.

use super::Directory;
use crate::config::Config;
use crate::content::Content;
use crate::resolve::Urls;

/// Every open-data file, as (path under the output, bytes).
pub fn files(
    dir: &Directory,
    content: &Content,
    urls: &Urls,
    config: &Config,
) -> Vec<(String, Vec<u8>)> {
    let _ = (dir, content, urls, config);
    Vec::new()
}
