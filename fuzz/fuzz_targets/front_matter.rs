//! Fuzz target: a whole page file (front matter and body) in the news
//! section of fuzz/site/.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod site;

fuzz_target!(|data: &[u8]| {
    site::check_with("content/news/fuzz.md", data);
});
