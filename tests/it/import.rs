//! `gongkai import FILE.docx`: a Word file laid out by GB/T 9704 becomes a
//! policy page bundle that builds article by article, with Word's
//! automatic numbering written out; files that are not `.docx` and
//! damaged ones are refused with the way to fix them, and nothing is
//! written. The fixtures are made by `tests/fixtures/docx/make-docx.py`.

use std::path::{Path, PathBuf};

use crate::common::{gongkai, messages, tree};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name)
}

/// A new site (`gongkai init`) in `dir/site`.
fn site(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    let o = gongkai().arg("init").arg(&root).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    root
}

/// `gongkai import` in Chinese, the language its assertions read.
fn import(root: &Path, file: &Path, extra: &[&str]) -> std::process::Output {
    gongkai()
        .args(["--lang", "zh-CN"])
        .arg("import")
        .arg(file)
        .arg("--root")
        .arg(root)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_gbt9704_notice_becomes_a_policy_page_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let o = import(&root, &fixture("gbt9704-notice.docx"), &[]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{}{}",
        stdout,
        String::from_utf8_lossy(&o.stderr)
    );
    let bundle = root.join("content/policies/gbt9704-notice");
    let page = std::fs::read_to_string(bundle.join("index.md")).unwrap();
    // Front matter from the parts found.
    for line in [
        "title: \"示例市人民政府办公室关于印发《示例市志愿服务管理办法》的通知\"",
        "type: policy",
        "issuer: \"示例市人民政府办公室\"",
        "doc_number: \"示例政办发〔2025〕3号\"",
        "written: 2025-03-01",
        "addressee: \"各区、县（市）人民政府，市政府各部门\"",
    ] {
        assert!(page.lines().any(|l| l == line), "no `{line}` in\n{page}");
    }
    // Word's numbering written out as printed; emphasis, the footnote.
    for line in [
        "# 示例市人民政府办公室关于印发《示例市志愿服务管理办法》的通知",
        "第一章　总则",
        "第一条　为了规范**示例**志愿服务活动，制定本办法[^1]。",
        "第二条　本办法适用于下列*示例*单位：",
        "（一）示例部门；",
        "（二）示例单位。",
        "第二章　管理",
        "第三条　志愿服务时长按下表记录（**示例**）：",
        "| 类别 | 时长（小时） | 说明 |",
        "| 示例甲 | 2 | 每次 \\| 每人 |",
        "|  | 示例合并两格 |  |",
        // The items of 第四条 start again at （一）.
        "第四条　志愿者可以通过下列方式注册：",
        "（一）通过示例信息系统注册；",
        "第五条　本办法自2025年4月1日起施行。",
        "***",
        "附件：1．示例志愿服务记录表",
        "2025年3月1日",
        "（此件公开发布）",
        "附件1",
        "抄送：示例市委办公室，示例市人大常委会办公室。",
        "示例市人民政府办公室　2025年3月2日印发",
        "[^1]: 示例脚注：本办法所称志愿服务不含有偿服务。",
        "原文件：[下载 Word 原件](<gbt9704-notice.docx>)",
    ] {
        assert!(page.lines().any(|l| l == line), "no `{line}` in\n{page}");
    }
    assert!(
        page.lines()
            .any(|l| l.trim_start() == "示例市人民政府办公室" && l.starts_with("        ")),
        "the signature is set flush right:\n{page}"
    );
    // The original beside it, byte for byte.
    assert_eq!(
        std::fs::read(bundle.join("gbt9704-notice.docx")).unwrap(),
        std::fs::read(fixture("gbt9704-notice.docx")).unwrap()
    );
    // The report names the parts.
    for part in [
        "发文字号：示例政办发〔2025〕3号",
        "成文日期：2025-03-01",
        "发文机关署名：示例市人民政府办公室",
        "附注：（此件公开发布）",
        "印发机关和印发日期：示例市人民政府办公室，2025-03-02",
        "2 章，5 条，2 个表格，1 个脚注",
    ] {
        assert!(stdout.contains(part), "no `{part}` in\n{stdout}");
    }

    // The site builds, with a page for each article.
    let out = dir.path().join("public");
    crate::common::build(&root, &out, &[]);
    let policy = out.join("policies/gbt9704-notice");
    let article = std::fs::read_to_string(policy.join("art_1/index.html")).unwrap();
    assert!(article.contains("为了规范<strong>示例</strong>志愿服务活动"));
    let whole = std::fs::read_to_string(policy.join("index.html")).unwrap();
    assert!(whole.contains("示例政办发〔2025〕3号"));
    // The footnote: its reference linked to its text.
    assert!(whole.contains(
        "制定本办法<sup class=\"footnote-reference\"><a href=\"/policies/gbt9704-notice/#fn-1\">1</a></sup>。"
    ));
    assert!(whole.contains("id=\"fn-1\""));
    assert!(whole.contains("href=\"/policies/gbt9704-notice/gbt9704-notice.docx\""));
    assert!(policy.join("gbt9704-notice.docx").is_file());
    assert!(policy.join("art_5/index.html").is_file());
    // Its tables stay tables: in article 3, and in the attachment after
    // the text (附件1), whose id is its own.
    assert!(!whole.contains("<p>|"), "{whole}");
    assert!(whole.contains("<div class=\"table-scroll\" id=\"art_3__para_2\""));
    assert!(whole.contains("<section class=\"attachment\" id=\"att_1\""));
    assert_eq!(whole.matches("<table>").count(), 2);
}

#[test]
fn a_notice_that_issues_a_text_becomes_the_notice_and_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let o = import(&root, &fixture("issuing-notice.docx"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page =
        std::fs::read_to_string(root.join("content/policies/issuing-notice/index.md")).unwrap();
    let body: Vec<&str> = page.split("---\n").nth(2).unwrap().lines().collect();
    assert_eq!(
        body,
        [
            "示例市志愿服务工作委员会文件",
            "示志委〔2025〕7号",
            "# 关于印发《示例市志愿服务管理办法》的通知",
            "各区、县（市）志愿服务组织，市级各有关单位：",
            "现将《示例市志愿服务管理办法》印发给你们，请认真贯彻执行。",
            "                    示例市志愿服务工作委员会",
            "2025年3月1日",
            "（此件公开发布）",
            "# 示例市志愿服务管理办法",
            "第一章　总则",
            "第一条　为了规范示例志愿服务活动，制定本办法。",
            "第二条　本办法自2025年4月1日起施行。",
            "",
            "***",
            // The 版记, drawn as a table, a line per row.
            "抄送：示例市委办公室。",
            "示例市志愿服务工作委员会办公室　2025年3月2日印发",
            "",
            "原文件：[下载 Word 原件](<issuing-notice.docx>)",
        ]
    );
    // The policy is the text issued; the notice gives its metadata.
    assert!(page.contains("\ntitle: \"示例市志愿服务管理办法\"\n"));
    assert!(page.contains("\ndoc_number: \"示志委〔2025〕7号\"\n"));
    assert!(page.contains("\nwritten: 2025-03-01\n"));
    let out = dir.path().join("public");
    crate::common::build(&root, &out, &[]);
    let article =
        std::fs::read_to_string(out.join("policies/issuing-notice/art_2/index.html")).unwrap();
    assert!(article.contains("本办法自2025年4月1日起施行。"));
    let whole = std::fs::read_to_string(out.join("policies/issuing-notice/index.html")).unwrap();
    assert!(whole.contains("id=\"notice\""));
}

#[test]
fn an_existing_page_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let file = fixture("gbt9704-notice.docx");
    let refused = |slug: &str| {
        let before = tree(&root);
        let o = import(&root, &file, &["--slug", slug]);
        assert_eq!(o.status.code(), Some(1));
        let stderr = messages(&String::from_utf8_lossy(&o.stderr));
        assert!(stderr.contains("页面已经存在"), "{stderr}");
        assert_eq!(tree(&root), before);
    };
    // `content/policies/sample.md` of `gongkai init`.
    refused("sample");
    assert!(import(&root, &file, &["--slug", "other"]).status.success());
    refused("other");
    let o = import(&root, &file, &["--slug", "other", "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = import(&root, &file, &["--slug", "sample", "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!root.join("content/policies/sample.md").exists());
    assert!(root.join("content/policies/sample/index.md").is_file());
}

#[test]
fn files_that_are_not_docx_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let before = tree(&root);
    for (name, what) in [
        ("old-format.doc", "Word 97-2003"),
        ("notice.wps", "WPS"),
        ("renamed.docx", "改了扩展名"),
        ("notice.pdf", "PDF"),
        ("damaged.docx", "损坏"),
        ("no-document.docx", "word/document.xml"),
    ] {
        let o = import(&root, &fixture(name), &["--slug", "bad"]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains(name),
            "{name}: the file is named:\n{stderr}"
        );
        assert!(stderr.contains(what), "{name}: `{what}` in\n{stderr}");
        assert!(
            stderr.contains(".docx"),
            "{name}: says to save as .docx:\n{stderr}"
        );
        assert_eq!(tree(&root), before, "{name}: nothing written");
    }
}

#[test]
fn a_name_that_is_no_slug_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let named = dir.path().join("关于印发示例办法的通知.docx");
    std::fs::copy(fixture("gbt9704-notice.docx"), &named).unwrap();
    let before = tree(&root);
    let o = import(&root, &named, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--slug"));
    assert_eq!(tree(&root), before);
    let o = import(&root, &named, &["--slug", "notice-2025-3"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bundle = root.join("content/policies/notice-2025-3");
    assert!(bundle.join("关于印发示例办法的通知.docx").is_file());
    let page = std::fs::read_to_string(bundle.join("index.md")).unwrap();
    assert!(page.contains("原文件：[下载 Word 原件](<关于印发示例办法的通知.docx>)"));
}
