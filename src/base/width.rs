//! Full-width forms that a Chinese input method types (`０８：３０－１７：００`,
//! `２０２７／１／１５`), folded to the ASCII forms that the parsers of times,
//! dates and numbers read. Only characters with one obvious meaning are
//! folded: digits, colon, hyphen, tilde, slash, full stop and the
//! ideographic space.

use std::borrow::Cow;

/// `text` with full-width digits and separators folded to ASCII; borrowed
/// when there is nothing to fold.
pub fn fold(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| folded(c) != c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(folded).collect())
}

fn folded(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '：' => ':',
        '－' | '﹣' => '-',
        '～' | '〜' => '~',
        '／' => '/',
        '．' => '.',
        '\u{3000}' => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_separators_fold_to_ascii() {
        assert_eq!(fold("０８：３０－１７：００"), "08:30-17:00");
        assert_eq!(fold("２０２７／１／１５\u{3000}９：００"), "2027/1/15 9:00");
        assert_eq!(fold("８：３０～１２：００"), "8:30~12:00");
        assert!(matches!(fold("08:30-17:00"), Cow::Borrowed(_)));
        // Chinese punctuation with other meanings is left alone.
        assert_eq!(fold("周一、周三，上午"), "周一、周三，上午");
    }
}
