//! Things from outside said in the run's language: lists of names the
//! editor may write, the operating system's file errors and the URL
//! parser's complaints. What has no words of its own in the catalogs is
//! quoted as it came (in a code span), so that a Chinese report never
//! carries an English sentence as if it were its own.

use std::io::ErrorKind;

/// Names an editor may write (keys, column headers, values), each in a
/// code span, joined the way the run's language lists things
/// (`` `id`、`name` `` or `` `id`, `name` ``).
pub fn code_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let separator = msg!("list-separator");
    names
        .into_iter()
        .map(|n| format!("`{}`", n.trim_matches('`')))
        .collect::<Vec<_>>()
        .join(&separator)
}

/// What went wrong with a file, in words: the common kinds of the
/// operating system's errors from the catalogs, anything else quoted as
/// the system said it.
pub fn io_error(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => msg!("io-not-found"),
        ErrorKind::PermissionDenied => msg!("io-permission-denied"),
        ErrorKind::AlreadyExists => msg!("io-already-exists"),
        ErrorKind::StorageFull => msg!("io-storage-full"),
        ErrorKind::ReadOnlyFilesystem => msg!("io-read-only"),
        ErrorKind::IsADirectory => msg!("io-is-a-folder"),
        ErrorKind::NotADirectory => msg!("io-not-a-folder"),
        ErrorKind::DirectoryNotEmpty => msg!("io-folder-not-empty"),
        ErrorKind::AddrInUse => msg!("io-address-in-use"),
        ErrorKind::AddrNotAvailable => msg!("io-address-not-available"),
        ErrorKind::TimedOut => msg!("io-timed-out"),
        ErrorKind::InvalidData => msg!("io-invalid-data", detail = quoted(&e.to_string())),
        _ => quoted(&e.to_string()),
    }
}

/// What went wrong walking a folder: the file error in words (a loop of
/// symbolic links has its own message where it is found).
pub fn walk_error(e: &walkdir::Error) -> String {
    e.io_error()
        .map(io_error)
        .unwrap_or_else(|| quoted(&e.to_string()))
}

/// What is wrong with a URL, in words.
pub fn url_error(e: &url::ParseError) -> String {
    use url::ParseError::*;
    match e {
        RelativeUrlWithoutBase => msg!("url-relative"),
        EmptyHost => msg!("dir-url-no-host"),
        InvalidPort => msg!("dir-url-port"),
        InvalidIpv4Address | InvalidIpv6Address => msg!("dir-url-ip"),
        _ => msg!("dir-url-host"),
    }
}

/// A text that has no words in the catalogs, quoted as it came.
pub fn quoted(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{Language, format_as};

    #[test]
    fn lists_are_code_spans() {
        assert_eq!(code_list(["id", "`name`"]), "`id`, `name`");
        assert_eq!(format_as(Language::ZhCn, "list-separator", &[]), "、");
    }

    #[test]
    fn system_errors_in_words() {
        let missing = std::io::Error::from(ErrorKind::NotFound);
        assert_eq!(io_error(&missing), "no such file or folder");
        let odd = std::io::Error::other("strange");
        assert_eq!(io_error(&odd), "`strange`");
    }
}
