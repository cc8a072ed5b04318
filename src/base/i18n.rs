//! Localised messages: every sentence an editor reads (diagnostics, help
//! lines, summaries, the serve terminal and overlay) comes from the Fluent
//! catalogs `i18n/zh-CN/gongkai.ftl` and `i18n/en/gongkai.ftl`, embedded in
//! the binary, never from string literals in the code.
//!
//! The face is the [`msg!`](crate::msg) macro: `msg!("build-summary", pages
//! = n, seconds = s)` gives the message `build-summary` of the run's
//! language as a `String`, with its `{ $pages }` and `{ $seconds }` filled
//! in. A test (`tests` below) reads every `msg!` call in `src/` and fails
//! when an id is missing from a catalog, a catalog has an id no code uses,
//! or the arguments passed and the variables used differ.
//!
//! The language is chosen once per process by `main` ([`set_language`]):
//! `--lang`, then `GONGKAI_LANG`, then `LC_ALL`/`LC_MESSAGES`/`LANG`, then
//! the site's `language` (see [`Language::from_environment`]). Until it is
//! set, messages are English. A message missing from the chosen catalog
//! falls back to English, then to its id: a run never panics on one.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The zh-CN catalog.
pub const ZH_CN_CATALOG: &str = include_str!("../../i18n/zh-CN/gongkai.ftl");
/// The en catalog.
pub const EN_CATALOG: &str = include_str!("../../i18n/en/gongkai.ftl");

/// A language gongkai speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Simplified Chinese (the editors' language).
    ZhCn,
    /// English.
    En,
}

impl Language {
    /// The language of a tag as `--lang`, `GONGKAI_LANG` or a site's
    /// `language` write it (`zh-CN`, `zh`, `en`, `en-GB` …), or of a POSIX
    /// locale (`zh_CN.UTF-8`, `en_US.UTF-8`). `None` for languages gongkai
    /// does not speak, for an empty value, and for the `C` and `POSIX`
    /// locales: they are what a server, a container or a CI machine has
    /// when nobody chose a language, so the site's language decides.
    pub fn parse(tag: &str) -> Option<Language> {
        let tag = tag.trim();
        // `zh_CN.UTF-8@variant` → `zh_CN`.
        let base = tag.split(['.', '@']).next().unwrap_or("");
        let primary = base
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Language::ZhCn),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The language from the command line and the environment, before the
    /// site is known: `--lang` (`flag`), then `GONGKAI_LANG`, then the
    /// first set of `LC_ALL`, `LC_MESSAGES`, `LANG` (the POSIX order).
    /// `None` when none of them names a language gongkai speaks: then the
    /// site's `language` decides.
    pub fn from_environment(flag: Option<&str>) -> Option<Language> {
        if let Some(l) = flag.and_then(Language::parse) {
            return Some(l);
        }
        let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(l) = var("GONGKAI_LANG").and_then(|v| Language::parse(&v)) {
            return Some(l);
        }
        let locale = var("LC_ALL")
            .or_else(|| var("LC_MESSAGES"))
            .or_else(|| var("LANG"))?;
        Language::parse(&locale)
    }

    /// The BCP 47 tag (`zh-CN`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    fn catalog(self) -> &'static str {
        match self {
            Language::ZhCn => ZH_CN_CATALOG,
            Language::En => EN_CATALOG,
        }
    }

    fn index(self) -> u8 {
        match self {
            Language::ZhCn => 1,
            Language::En => 0,
        }
    }
}

/// The run's language: 0 en (also before it is set), 1 zh-CN.
static LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// Choose the language of every message from now on (`main` does it once,
/// before anything prints; tests may do it too).
pub fn set_language(language: Language) {
    LANGUAGE.store(language.index(), Ordering::Relaxed);
}

/// The run's language.
pub fn language() -> Language {
    match LANGUAGE.load(Ordering::Relaxed) {
        1 => Language::ZhCn,
        _ => Language::En,
    }
}

/// One argument of a message: text or a number (numbers choose plural
/// forms in the catalogs).
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, put in as it is.
    Text(String),
    /// A number.
    Number(f64),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<&&str> for Arg {
    fn from(s: &&str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Arg {
        Arg::Text(s.into_owned())
    }
}
impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl From<std::path::Display<'_>> for Arg {
    fn from(p: std::path::Display<'_>) -> Arg {
        Arg::Text(p.to_string())
    }
}
macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::Number(*n as f64)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A number shown with `decimals` digits after the point (`1.50`), as text:
/// for seconds and sizes, which Fluent would otherwise print in full.
pub fn fixed(n: f64, decimals: usize) -> Arg {
    Arg::Text(format!("{n:.decimals$}"))
}

fn bundle(language: Language) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    BUNDLES[language.index() as usize].get_or_init(|| {
        let tag: unic_langid::LanguageIdentifier =
            language.tag().parse().expect("the language tags are valid");
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // No U+2068/U+2069 around arguments: they show as boxes or garbage
        // in terminals and in file paths copied from them.
        bundle.set_use_isolating(false);
        // A catalog with a syntax error keeps its good messages; the
        // catalog test fails on the error.
        let resource = FluentResource::try_new(language.catalog().to_string())
            .unwrap_or_else(|(resource, _errors)| resource);
        // Duplicate ids keep the first; the catalog test fails on them.
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The message `id` in `language` with `args`, falling back to English,
/// then to the id itself. `None` only when neither catalog has it.
fn format_in(language: Language, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let bundle = bundle(language);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
}

/// The message `id` in the run's language with `args` (what
/// [`msg!`](crate::msg) calls).
pub fn format(id: &str, args: &[(&str, Arg)]) -> String {
    format_in(language(), id, args)
        .or_else(|| format_in(Language::En, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// The message `id` in a given language (for tests and for texts that
/// must be in a language other than the run's).
pub fn format_as(language: Language, id: &str, args: &[(&str, Arg)]) -> String {
    format_in(language, id, args)
        .or_else(|| format_in(Language::En, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// A message of the catalogs in the run's language, as a `String`:
/// `msg!("id")` or `msg!("id", name = value, …)`. Each `name` is a
/// variable of the message (`{ $name }`); each value is text, a path or a
/// number (see [`Arg`]). The id must be a string literal: the catalog test
/// finds the calls by reading the source.
#[macro_export]
macro_rules! msg {
    ($id:literal $(,)?) => {
        $crate::i18n::format($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::format(
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests;
