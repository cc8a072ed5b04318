//! Tera's own messages in the run's language: the template engine speaks
//! English, so the forms it uses most (a token where another was expected,
//! an unknown variable, field, filter, function, test or template, tags
//! that do not match) are read apart and said again from the catalogs.
//! Anything else is quoted as Tera said it.

use crate::base::words::{code_list, quoted};

/// `message` (one of Tera's) in words.
pub(super) fn in_words(message: &str) -> String {
    let m = message.trim().trim_end_matches('.');
    // `Found `%}` but expected one of: integer, float, `-` or `(`.`
    if let Some((found, expected)) = m.strip_prefix("Found ").and_then(|r| {
        r.split_once(" but expected ")
            .or_else(|| r.split_once(" but was expecting "))
    }) {
        let expected = expected
            .trim_start_matches("one of: ")
            .trim_start_matches("one of ");
        let items = expected
            .split(", ")
            .flat_map(|i| i.split(" or "))
            .map(str::trim)
            .filter(|i| !i.is_empty());
        return msg!(
            "tera-found-expected",
            found = quoted(found.trim_matches('`')),
            expected = code_list(items)
        );
    }
    for (prefix, kind) in [
        ("Variable ", "variable"),
        ("Field ", "field"),
        ("Unknown filter ", "filter"),
        ("Unknown function ", "function"),
        ("Unknown test ", "test"),
        ("Unknown template ", "template"),
        ("Unknown component ", "component"),
    ] {
        let Some(rest) = m.strip_prefix(prefix) else {
            continue;
        };
        let Some(name) = between(rest, '`', '`') else {
            continue;
        };
        if prefix.starts_with("Unknown") || rest.contains("is not defined") {
            let available = rest
                .split_once("Available variables: ")
                .or_else(|| rest.split_once("Available fields: "))
                .map(|(_, list)| code_list(list.split(", ").map(str::trim)));
            let what = match kind {
                "variable" => msg!("tera-kind-variable"),
                "field" => msg!("tera-kind-field"),
                "filter" => msg!("tera-kind-filter"),
                "function" => msg!("tera-kind-function"),
                "test" => msg!("tera-kind-test"),
                "template" => msg!("tera-kind-template"),
                _ => msg!("tera-kind-component"),
            };
            return match available {
                Some(list) => msg!(
                    "tera-unknown-available",
                    what = what,
                    name = name,
                    available = list
                ),
                None => msg!("tera-unknown", what = what, name = name),
            };
        }
        if rest.contains("exists but its value is undefined") {
            return msg!("tera-undefined-value", name = name);
        }
    }
    if let Some(rest) = m.strip_prefix("Closing tag '") {
        if let (Some(closing), Some(opening)) = (
            rest.split('\'').next(),
            between(
                rest.split_once("opening tag").map(|x| x.1).unwrap_or(""),
                '\'',
                '\'',
            ),
        ) {
            return msg!("tera-tags-mismatch", closing = closing, opening = opening);
        }
    }
    if let Some(rest) = m.strip_prefix("Block ") {
        if let Some(name) = between(rest, '`', '`') {
            return msg!("tera-block-without-parent", name = name);
        }
    }
    if let Some(rest) = m.strip_prefix("Iteration not possible on type ") {
        return msg!("tera-not-iterable", kind = rest.trim_matches('`'));
    }
    msg!("tera-other", detail = quoted(m))
}

/// The text between the first `open` and the next `close` in `s`.
fn between(s: &str, open: char, close: char) -> Option<&str> {
    let (_, rest) = s.split_once(open)?;
    rest.split_once(close).map(|(inner, _)| inner)
}

#[cfg(test)]
mod tests {
    use super::in_words;

    #[test]
    fn tera_s_common_forms_are_read_apart() {
        assert_eq!(
            in_words("Found `%}` but expected one of: integer, float, `-`, `not` or `(`"),
            "found `%}` where the template needs one of: `integer`, `float`, `-`, `not`, `(`"
        );
        assert_eq!(
            in_words("Variable `pgae` is not defined. Available variables: page, site"),
            "there is no variable `pgae` (available: `page`, `site`)"
        );
        assert_eq!(
            in_words("Unknown filter `upcase`"),
            "there is no filter `upcase`"
        );
        assert_eq!(
            in_words("Closing tag 'endfor' doesn't match opening tag 'if'"),
            "the closing tag `endfor` does not match the opening tag `if`"
        );
        assert_eq!(
            in_words("Something new"),
            "the template engine says: `Something new`"
        );
    }
}
