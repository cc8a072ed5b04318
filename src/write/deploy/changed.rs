//! The changed URLs, for refreshing a CDN: each uploaded or deleted file's
//! URL under the site's base URL, with a page's folder URL beside its
//! `index.html`. CDNs refresh at most 1,000 URLs a request; above that the
//! list is the one directory line of the whole site instead.

use crate::base::slug::encode_path;

/// Above this many URLs a CDN wants a directory refresh instead.
pub const URL_REFRESH_LIMIT: usize = 1000;

/// The URLs of `paths` (site paths such as `zhengce/a/index.html`) under
/// `base_url` (ending with `/`), sorted and without repeats.
pub fn changed_urls<'a>(base_url: &str, paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut urls = vec![];
    for path in paths {
        urls.push(format!("{base_url}{}", encode_path(path)));
        if path == "index.html" {
            urls.push(base_url.to_string());
        } else if let Some(dir) = path.strip_suffix("/index.html") {
            urls.push(format!("{base_url}{}/", encode_path(dir)));
        }
    }
    urls.sort();
    urls.dedup();
    urls
}

/// The text of the changed-URLs file: one URL a line, or, above
/// [`URL_REFRESH_LIMIT`], the one line `base_url` for a directory refresh.
pub fn refresh_list(base_url: &str, urls: &[String]) -> String {
    if urls.len() > URL_REFRESH_LIMIT {
        format!("{base_url}\n")
    } else {
        urls.iter().map(|u| format!("{u}\n")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_their_folder_url_too() {
        let urls = changed_urls(
            "https://example.org/portal/",
            ["index.html", "政策/办法/index.html", "css/site.css"],
        );
        assert_eq!(
            urls,
            [
                "https://example.org/portal/",
                "https://example.org/portal/%E6%94%BF%E7%AD%96/%E5%8A%9E%E6%B3%95/",
                "https://example.org/portal/%E6%94%BF%E7%AD%96/%E5%8A%9E%E6%B3%95/index.html",
                "https://example.org/portal/css/site.css",
                "https://example.org/portal/index.html",
            ]
        );
    }

    #[test]
    fn above_the_limit_one_directory_line() {
        let base = "https://example.org/";
        let few: Vec<String> = (0..3).map(|i| format!("{base}{i}.html")).collect();
        assert_eq!(refresh_list(base, &few).lines().count(), 3);
        let many: Vec<String> = (0..1001).map(|i| format!("{base}{i}.html")).collect();
        assert_eq!(refresh_list(base, &many), "https://example.org/\n");
        assert_eq!(refresh_list(base, &[]), "");
    }
}
