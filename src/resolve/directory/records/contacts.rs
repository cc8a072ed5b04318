//! Checks on the contact details records give: phone numbers, email
//! addresses and web addresses.

use crate::load::directory::{Located, Reader};

pub(super) fn check_phone(r: &mut Reader<'_>, v: &Located<String>) {
    if !valid_phone(&v.value) {
        r.at(v, msg!("dir-not-phone", value = &v.value));
    }
}

/// Digits with `-` or spaces, an optional leading `+`, an optional `转`
/// extension: 0575-85123456, 12351, +86 575 8512 3456, 0575-85123456转8001.
fn valid_phone(text: &str) -> bool {
    let (main, ext) = match text.split_once('转') {
        Some((m, e)) => (m.trim(), Some(e.trim())),
        None => (text.trim(), None),
    };
    let main = main.strip_prefix('+').unwrap_or(main);
    let digits = main.chars().filter(char::is_ascii_digit).count();
    main.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && main.starts_with(|c: char| c.is_ascii_digit())
        && main.ends_with(|c: char| c.is_ascii_digit())
        && (3..=20).contains(&digits)
        && ext
            .is_none_or(|e| !e.is_empty() && e.len() <= 8 && e.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn valid_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let bad = |s: &str| {
        s.chars()
            .any(|c| c.is_whitespace() || "<>\"'(),;:@[]\\".contains(c))
    };
    !local.is_empty()
        && !bad(local)
        && !bad(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Why `text` is not an http(s) address a page may link to, in words for
/// the editor; `None` when it is one. The address is parsed (WHATWG URL
/// rules), not only looked at: `https://exa mple.org/` and
/// `https://a.example:99999/` are refused with their reason.
pub(super) fn web_address_problem(text: &str) -> Option<String> {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return Some(msg!("dir-url-scheme"));
    };
    if let Some(c) = rest
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || "<>\"'`\\".contains(c))
    {
        return Some(if c.is_whitespace() {
            msg!("dir-url-space")
        } else if c.is_control() {
            msg!("dir-url-control")
        } else {
            msg!("dir-url-bad-char", char = c.to_string())
        });
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() {
        return Some(msg!("dir-url-no-host"));
    }
    match url::Url::parse(text) {
        Ok(_) => None,
        Err(e) => Some(crate::base::words::url_error(&e)),
    }
}

pub(super) fn check_url(r: &mut Reader<'_>, v: &Located<String>) {
    if let Some(why) = web_address_problem(&v.value) {
        r.at(v, msg!("dir-not-url", value = &v.value, reason = why));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_emails_urls() {
        for ok in [
            "0575-85123456",
            "12351",
            "+86 575 8512 3456",
            "0575-0000-0101转8001",
        ] {
            assert!(valid_phone(ok), "{ok}");
        }
        for bad in [
            "电话",
            "0575_851",
            "12",
            "0575-8512345转",
            "javascript:alert(1)",
        ] {
            assert!(!valid_phone(bad), "{bad}");
        }
        assert!(valid_email("a@example.org"));
        assert!(!valid_email("a@b"));
        assert!(!valid_email("a b@example.org"));
        assert!(web_address_problem("https://zhuji-fulian.example/").is_none());
        assert!(web_address_problem("javascript:alert(1)").is_some());
        assert!(web_address_problem("https://x.example/\"onerror=1").is_some());
    }

    #[test]
    fn web_addresses_are_parsed_and_the_reason_fits_the_address() {
        assert_eq!(web_address_problem("https://a.example/x?q=1#f"), None);
        assert_eq!(web_address_problem("http://127.0.0.1:8080/"), None);
        assert_eq!(web_address_problem("https://绍兴.example/"), None);
        let scheme = "it must start with http:// or https://";
        assert_eq!(
            web_address_problem("ftp://a.example/").as_deref(),
            Some(scheme)
        );
        assert_eq!(
            web_address_problem("www.example.org").as_deref(),
            Some(scheme)
        );
        // An https address that is wrong is not told to start with http://.
        for bad in [
            "https://exa mple.org/",
            "https://",
            "https:///path",
            "https://a.example:99999/",
            "https://a_b%zz.example/",
            "https://[::1/",
            "https://a.example/<x>",
        ] {
            let why = web_address_problem(bad).unwrap_or_else(|| panic!("{bad} passed"));
            assert!(!why.contains("must start with"), "{bad}: {why}");
        }
    }
}
