//! Fuzz target: a records table. The first byte picks the section
//! (regions, organization types, organizations, services, activities) and
//! the format (CSV or YAML); the rest is the table.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod site;

const SECTIONS: [&str; 5] = [
    "regions",
    "org-types",
    "organizations",
    "services",
    "activities",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, table)) = data.split_first() else {
        return;
    };
    let section = SECTIONS[(pick as usize >> 1) % SECTIONS.len()];
    let ext = if pick & 1 == 0 { "csv" } else { "yaml" };
    site::check_with(&format!("content/{section}/fuzz.{ext}"), table);
});
