//! Issue 18, item 6: every policy's Akoma Ntoso beside its page
//! (`akn.xml`) validates against the OASIS Akoma Ntoso 3.0 schema
//! (`../shared/vendor/akn-3.0/`, with `xmllint --schema`, which the test
//! command installs), has the page's structure and ids, FRBR identification
//! and, for a policy another document amended, the amendment in its
//! lifecycle. Checked on the policy fixtures (parts, attachments, tables,
//! inserted articles, an amending decision) and on the example portal.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, gongkai};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Build `site` into `out` on 2026-12-03 (UTC).
fn build(site: &Path, out: &Path) {
    let o = gongkai()
        .env("SOURCE_DATE_EPOCH", "1796256000")
        .args(["build", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Every `akn.xml` under `out`, each validated by xmllint against the
/// OASIS schema.
fn validate_all(out: &Path) -> Vec<PathBuf> {
    let schema = repo().join("../shared/vendor/akn-3.0/akomantoso30.xsd");
    assert!(schema.exists(), "no schema at {}", schema.display());
    let files: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.file_name().is_some_and(|n| n == "akn.xml"))
        .collect();
    assert!(!files.is_empty(), "no akn.xml under {}", out.display());
    let o = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .args(&files)
        .output()
        .expect("xmllint (libxml2-utils) must be installed: scripts/test.sh installs it");
    assert!(
        o.status.success(),
        "Akoma Ntoso files fail the schema:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    files
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The values of `attr="…"` on every `<element ` in `xml`, in order.
fn attrs(xml: &str, element: &str, attr: &str) -> Vec<String> {
    xml.split(&format!("<{element} "))
        .skip(1)
        .filter_map(|rest| {
            let tag = rest.split('>').next()?;
            let (_, v) = tag.split_once(&format!("{attr}=\""))?;
            Some(v.split('"').next()?.to_string())
        })
        .collect()
}

#[test]
fn every_policy_has_valid_akoma_ntoso_with_its_page_s_structure() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_tree(&repo().join("tests/fixtures/policies"), &site);
    // The amended law, amended by the amending decision of the fixtures.
    let law = site.join("content/policies/amended-law.md");
    let text = read(&law).replacen(
        "status: in_force",
        "status: amended\namended_by: \"@/policies/amending-decision.md\"",
        1,
    );
    std::fs::write(&law, text).unwrap();
    let out = tmp.path().join("out");
    build(&site, &out);
    let files = validate_all(&out);
    assert_eq!(files.len(), 8, "{files:?}");

    let policies = out.join("policies");
    let law = read(&policies.join("amended-law/akn.xml"));
    // The articles are the page's, with its ids (an inserted 第二条之一
    // is `art_2-1`), each with a page of its own.
    let articles = attrs(&law, "article", "eId");
    assert!(articles.contains(&"art_2-1".to_string()), "{articles:?}");
    for a in &articles {
        assert!(
            policies
                .join("amended-law")
                .join(a)
                .join("index.html")
                .exists(),
            "{a} has no page"
        );
        assert!(read(&policies.join("amended-law/index.html")).contains(&format!("id=\"{a}\"")));
    }
    // FRBR: the work, the expression of its date in Chinese, this file
    // made on the build's day.
    assert!(law.contains("<FRBRuri value=\"/akn/cn/act/2026-01-01/amended-law\"/>"));
    assert!(law.contains("<FRBRuri value=\"/akn/cn/act/2026-01-01/amended-law/zho@2026-01-01\"/>"));
    assert!(law.contains("<FRBRlanguage language=\"zho\"/>"));
    assert!(law.contains("<FRBRdate date=\"2026-12-03\" name=\"generation\"/>"));
    assert!(law.contains("<FRBRnumber value=\"示例〔2026〕1号\"/>"));
    // The amendment, from the decision's page, on the day the decision
    // applies from (published 2026-02-02, no date of effect), as in the
    // feed of changes.
    assert!(
        law.contains("<eventRef eId=\"evt_2\" date=\"2026-02-02\" source=\"#changed_by\" type=\"amendment\"/>"),
        "{law}"
    );
    assert!(law.contains("<passiveRef eId=\"changed_by\" href=\"/policies/amending-decision/\""));

    // A code: parts, chapters in parts, a preamble; attachments with their
    // own identification and a table.
    let code = read(&policies.join("code-with-parts/akn.xml"));
    assert!(code.contains("<part eId=\"part_1\">"));
    assert!(code.contains("<chapter eId=\"part_1__chp_2\">"), "{code}");
    let notice = read(&policies.join("notice-with-attachments/akn.xml"));
    assert!(notice.contains("<attachment eId=\"att_1\">"));
    assert!(notice.contains("/zho@"), "{notice}");
    assert!(
        notice.contains("<table>") && notice.contains("<th><p>"),
        "{notice}"
    );
    // A decision without articles: its text is the body's one container.
    let decision = read(&policies.join("amending-decision/akn.xml"));
    assert!(decision.contains("<hcontainer eId=\"text\" name=\"text\">"));

    // The policy page links its AKN.
    let page = read(&policies.join("amended-law/index.html"));
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/akn+xml\" title=\"Akoma Ntoso XML\" href=\"/policies/amended-law/akn.xml\">"
    ));
    assert!(common::text_of(&page).contains("Akoma Ntoso XML"));
}

#[test]
fn the_example_portal_s_policy_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::portal(tmp.path());
    let out = tmp.path().join("out");
    build(&site, &out);
    let files = validate_all(&out);
    let measures = read(&out.join("policies/shaoxing-measures-2015/akn.xml"));
    // Every article of the measures' page is in it.
    let articles = attrs(&measures, "article", "eId");
    assert_eq!(articles.len(), 30, "{articles:?}");
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("shaoxing-measures-2015/akn.xml"))
    );

    // A policy with an earlier text: one work, an expression per text
    // (each beside its pages), and in the text in force what the amending
    // decision changed, article by article.
    let earlier = read(&out.join("policies/sample-measures/2019-03-01/akn.xml"));
    let current = read(&out.join("policies/sample-measures/akn.xml"));
    let work = "<FRBRuri value=\"/akn/cn/act/2019-03-01/sample-measures\"/>";
    assert!(
        earlier.contains(work) && current.contains(work),
        "{current}"
    );
    assert!(earlier.contains("/sample-measures/zho@2019-03-01\"/>"));
    assert!(current.contains("/sample-measures/zho@2023-06-01\"/>"));
    assert!(!earlier.contains("<passiveModifications>"));
    assert!(
        current.contains(
            "<textualMod eId=\"pmod_2\" type=\"insertion\">\n<source href=\"#produced_by\"/>\n<destination href=\"#art_3-1\"/>"
        ),
        "{current}"
    );
    assert!(
        current.contains(
            "<passiveRef eId=\"produced_by\" href=\"/policies/sample-measures-decision/\""
        )
    );
    assert!(current.contains(
        "<eventRef eId=\"evt_produced\" date=\"2023-06-01\" source=\"#produced_by\" type=\"amendment\"/>"
    ));
}

#[test]
fn dates_in_force_are_the_lifecycle_and_temporal_data() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&repo().join("tests/fixtures/validity"), &out);
    validate_all(&out);
    // 尚未生效 on the build's day: it takes effect on 2027-01-01.
    let not_yet = read(&out.join("policies/not-yet/akn.xml"));
    assert!(not_yet.contains(
        "<eventRef eId=\"evt_effective\" date=\"2027-01-01\" source=\"#original\" type=\"generation\" refersTo=\"#entryIntoForce\"/>"
    ), "{not_yet}");
    assert!(not_yet.contains("<timeInterval start=\"#evt_effective\" refersTo=\"#inForce\"/>"));
    assert!(not_yet.contains("status/not_yet_in_force"));
}
