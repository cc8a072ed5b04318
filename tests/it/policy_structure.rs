//! Issue 17, item 1, as a whole site (tests/fixtures/policies/, sample
//! texts marked 示例): inserted articles (第X条之一) in several chapters
//! are articles of their own with ids `art_17-1` and pages of their own,
//! their text published word for word; an amending decision's numbered
//! instructions and the new texts they quote are paragraphs, never
//! articles; amending articles keep their numbered instructions as items.

use std::path::{Path, PathBuf};

use crate::common::{gongkai, text_of};
use tempfile::TempDir;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/policies")
}

/// Build the fixture; its output folder and stderr.
fn built() -> (TempDir, PathBuf, String) {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let o = gongkai()
        .arg("build")
        .arg("--root")
        .arg(fixture())
        .arg("--output")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "build failed:\n{stderr}");
    (tmp, out, stderr)
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// The lines of a fixture policy's body, after its title heading.
fn body_lines(name: &str) -> Vec<String> {
    let text = read(fixture().join("content/policies").join(name));
    let body = text.split("\n---\n").nth(1).unwrap();
    body.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The article pages a built policy has, sorted.
fn article_pages(out: &Path, slug: &str) -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(out.join("policies").join(slug))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    pages
}

#[test]
fn inserted_articles_are_articles_of_their_own_published_word_for_word() {
    let (_tmp, out, stderr) = built();
    assert!(!stderr.contains("warning"), "{stderr}");
    let eids = [
        "art_1", "art_2", "art_2-1", "art_3", "art_3-1", "art_3-2", "art_4", "art_4-1", "art_5",
    ];
    let mut sorted = eids.map(str::to_string).to_vec();
    sorted.sort();
    assert_eq!(article_pages(&out, "amended-law"), sorted);
    let lines = body_lines("amended-law.md");
    let articles: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with('第') && l.split('　').next().unwrap().contains('条'))
        .collect();
    assert_eq!(articles.len(), eids.len());
    for (eid, line) in eids.iter().zip(articles) {
        let (num, text) = line.split_once('　').unwrap();
        let page = read(
            out.join("policies/amended-law")
                .join(eid)
                .join("index.html"),
        );
        let expected = format!(
            "<section class=\"article\" id=\"{eid}\" aria-label=\"{num}\">\n<p class=\"article-text\"><span class=\"num\">{num}</span>{text}</p>\n"
        );
        assert!(
            page.contains(&expected),
            "{eid}: no `{expected}` in\n{page}"
        );
        assert!(page.contains(&format!("<h1>{num}</h1>")), "{eid}");
        let whole = read(out.join("policies/amended-law/index.html"));
        assert!(whole.contains(&expected), "{eid} in the whole text");
    }
    let art_3 = read(out.join("policies/amended-law/art_3/index.html"));
    for item in ["（一）</span>编写示例文本；", "（二）</span>核对示例编号。"] {
        assert!(art_3.contains(item), "{item}");
    }
    let whole = read(out.join("policies/amended-law/index.html"));
    assert!(whole.contains(
        "<h3 id=\"chp_2-1__heading\"><span class=\"num\">第二章之一</span>示例的保存</h3>"
    ));
}

#[test]
fn an_amending_decision_quotes_new_texts_without_taking_them_as_articles() {
    let (_tmp, out, _) = built();
    assert!(article_pages(&out, "amending-decision").is_empty());
    let page = read(out.join("policies/amending-decision/index.html"));
    for line in body_lines("amending-decision.md") {
        assert!(
            page.contains(&format!("<p>{line}</p>")),
            "`{line}` is not a paragraph of its own in\n{page}"
        );
    }
}

#[test]
fn numbered_instructions_in_an_article_are_its_items_not_articles() {
    let (_tmp, out, _) = built();
    assert_eq!(article_pages(&out, "amending-articles"), ["art_1", "art_2"]);
    let art_1 = read(out.join("policies/amending-articles/art_1/index.html"));
    for item in [
        "<li id=\"art_1__item_1\"><span class=\"num\">1.</span>将第一条修改为：“第一条　为了说明修正案的结构，制定本办法。”</li>",
        "<li id=\"art_1__item_2\"><span class=\"num\">2.</span>删去第二条。</li>",
    ] {
        assert!(art_1.contains(item), "no `{item}` in\n{art_1}");
    }
    let art_2 = read(out.join("policies/amending-articles/art_2/index.html"));
    assert!(art_2.contains("<span class=\"num\">第二条</span>本修正案自2026年5月1日起施行。</p>"));
}

#[test]
fn a_code_with_parts_chapters_sections_and_supplementary_provisions() {
    let (_tmp, out, stderr) = built();
    assert!(!stderr.contains("code-with-parts"), "{stderr}");
    assert_eq!(
        article_pages(&out, "code-with-parts"),
        [
            "art_1", "art_2", "art_3", "art_4", "art_5", "art_6", "art_7"
        ]
    );
    let page = read(out.join("policies/code-with-parts/index.html"));
    for heading in [
        "<h3 id=\"preamble__heading\">序　　言</h3>",
        "<h3 id=\"part_1__heading\"><span class=\"num\">第一编</span>总　　则</h3>",
        "<h4 id=\"part_1__chp_2__heading\"><span class=\"num\">第二章</span>示例的管理</h4>",
        "<h5 id=\"part_1__chp_2__sec_2__heading\"><span class=\"num\">第二节</span>特别规定</h5>",
        "<h4 id=\"part_2__subpart_1__heading\"><span class=\"num\">第一分编</span>通　　则</h4>",
        "<h5 id=\"part_2__chp_1__heading\"><span class=\"num\">第一章</span>示例的保存</h5>",
        "<h4 id=\"part_2__subpart_2__heading\"><span class=\"num\">第二分编</span>示例的销毁</h4>",
        "<h5 id=\"part_2__chp_2__heading\"><span class=\"num\">第二章</span>销毁的程序</h5>",
        "<h3 id=\"chp_supplementary__heading\">附　　则</h3>",
    ] {
        assert!(page.contains(heading), "no `{heading}` in\n{page}");
    }
    // The pasted contents (目录) are not structure and are not shown twice:
    // the page's contents are made from the structure.
    let lines = body_lines("code-with-parts.md");
    let text_starts = lines.iter().skip(1).position(|l| l == &lines[1]).unwrap() + 1;
    let text = text_of(&page);
    for line in &lines[text_starts..] {
        // The number is set apart from its text by markup, not a space.
        let expected = match line.starts_with('第') {
            true => line.replacen('　', "", 1),
            false => line.clone(),
        };
        assert!(
            text.contains(&expected),
            "`{line}` is not published word for word"
        );
    }
    // As pasted (`第二编　分　　则`, with its space) it would be the 目录
    // shown as text; as structure it is the heading and the contents' entry.
    assert!(!text.contains("第二编　分　　则"), "{page}");
    assert_eq!(text.matches("第二编分　　则").count(), 2, "{page}");
    assert_eq!(text.matches("第二分编示例的销毁").count(), 2, "{page}");
    let art_5 = read(out.join("policies/code-with-parts/art_5/index.html"));
    assert!(art_5.contains("<span class=\"num\">第五条</span>示例文本应当妥善保存。"));
}

#[test]
fn attachments_keep_their_own_articles_and_tables() {
    let (_tmp, out, stderr) = built();
    assert!(!stderr.contains("notice-with-attachments"), "{stderr}");
    // The notice's articles are the main text's; an attachment's articles
    // are in the attachment, on the policy's page.
    assert!(article_pages(&out, "notice-with-attachments").is_empty());
    let page = read(out.join("policies/notice-with-attachments/index.html"));
    assert!(!page.contains("<p>|"), "a table became paragraphs:\n{page}");
    assert_eq!(page.matches("<table>").count(), 3);
    for part in [
        "<h2 id=\"att_1__heading\"><span class=\"num\">附件1</span> <span class=\"attachment-title\">示例补助办法</span></h2>",
        "<section class=\"article\" id=\"att_1__art_2\" aria-label=\"第二条\">",
        "<div class=\"table-scroll\" id=\"att_1__art_2__para_2\" role=\"region\" aria-label=\"表格\" tabindex=\"0\">",
        "<td>示例条件二</td><td style=\"text-align: right\">1,000</td>",
        "<h2 id=\"att_2__heading\"><span class=\"num\">附件2</span> <span class=\"attachment-title\">示例补助申请表</span></h2>",
        "<li><a href=\"#att_1\">附件1 示例补助办法</a></li>",
        "<p>附件：1．示例补助办法</p>\n<p>2．示例补助申请表</p>",
    ] {
        assert!(page.contains(part), "no `{part}` in\n{page}");
    }
    // Every word of the text is published, tables cell by cell.
    let text = text_of(&page);
    for line in body_lines("notice-with-attachments.md") {
        let cells: Vec<&str> = if line.starts_with('|') {
            line.split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty() && !c.starts_with("--"))
                .collect()
        } else {
            vec![line.split_once('　').map_or(line.as_str(), |(_, r)| r)]
        };
        for cell in cells {
            assert!(text.contains(cell), "`{cell}` is not published");
        }
    }
    // An anchor into an attachment is a link that resolves.
    assert!(page.contains("id=\"att_2__preamble\""));
}
