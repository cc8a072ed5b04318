//! Fuzz target: the body of a policy (`type: policy`), markdown with
//! notice, title, 章/节/条/款/项 structure, after a fixed front matter.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod site;

fuzz_target!(|data: &[u8]| {
    let mut file = b"---\ntitle: \xe6\xb5\x8b\xe8\xaf\x95\xe5\x8a\x9e\xe6\xb3\x95\ntype: policy\nissuer: \xe5\xb8\x82\xe5\xa7\x94\nwritten: 2015-12-16\n---\n".to_vec();
    file.extend_from_slice(data);
    site::check_with("content/policies/fuzz.md", &file);
});
