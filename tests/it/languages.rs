//! The language of messages, end to end: `--lang`, then `GONGKAI_LANG`,
//! then `LC_ALL`/`LC_MESSAGES`/`LANG`, then the site's `language` (a zh-CN
//! site speaks Chinese by default). Whatever the language, a diagnostic
//! keeps its `file:line:column` and its snippet.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

/// A fresh site (from `gongkai init`) with a page whose front matter is
/// never closed, and the site's `language` set to `language`.
fn broken_site(dir: &Path, language: &str) -> PathBuf {
    let site = dir.join("site");
    let init = common::gongkai().arg("init").arg(&site).output().unwrap();
    assert!(init.status.success(), "{init:?}");
    let config = std::fs::read_to_string(site.join("gongkai.yaml")).unwrap();
    let config = config.replace("language: zh-CN", &format!("language: {language}"));
    assert!(config.contains(&format!("language: {language}")));
    std::fs::write(site.join("gongkai.yaml"), config).unwrap();
    std::fs::write(site.join("content/bad.md"), "---\ntitle: 坏页面\n\n正文\n").unwrap();
    site
}

/// `gongkai check` of `site` with only the given language variables (the
/// test's own environment left out) and `args` before the command.
fn check(site: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env("NO_COLOR", "1");
    for var in ["GONGKAI_LANG", "LANG", "LC_ALL", "LC_MESSAGES"] {
        c.env_remove(var);
    }
    c.envs(env.iter().copied());
    let o = c
        .args(args)
        .arg("check")
        .arg("--root")
        .arg(site)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    String::from_utf8(o.stderr).unwrap()
}

const PLACE: &str = "content/bad.md:1:1: ";

fn assert_english(stderr: &str) {
    assert!(
        stderr.contains(&format!("{PLACE}front matter is not terminated")),
        "{stderr}"
    );
    assert!(stderr.contains("close the front matter with a line that holds only `---`"));
    assert!(
        stderr.contains("this `---` opens the front matter"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: 1 problem found; nothing was written"),
        "{stderr}"
    );
    assert!(stderr.contains(" 1 │ ---"), "the snippet: {stderr}");
    assert!(!stderr.contains("元数据"), "{stderr}");
}

fn assert_chinese(stderr: &str) {
    assert!(
        stderr.contains(&format!("{PLACE}文件开头的元数据（front matter）没有结束")),
        "{stderr}"
    );
    assert!(
        stderr.contains("  提示：请在元数据后面加一行，只写 `---`"),
        "{stderr}"
    );
    assert!(!stderr.contains("help:"), "{stderr}");
    assert!(stderr.contains("这个 `---` 开始了元数据"), "{stderr}");
    assert!(
        stderr.contains("错误：发现 1 个问题，没有写入任何文件"),
        "{stderr}"
    );
    assert!(stderr.contains(" 1 │ ---"), "the snippet: {stderr}");
    assert!(!stderr.contains("not terminated"), "{stderr}");
    // No Unicode isolation marks around the arguments.
    assert!(!stderr.contains(['\u{2068}', '\u{2069}']), "{stderr:?}");
}

#[test]
fn the_flag_wins_over_the_environment_and_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = broken_site(dir.path(), "zh-CN");
    let env = [("GONGKAI_LANG", "zh-CN"), ("LANG", "zh_CN.UTF-8")];
    assert_english(&check(&site, &env, &["--lang", "en"]));
    let site_en = broken_site(&dir.path().join("en"), "en");
    assert_chinese(&check(
        &site_en,
        &[("LANG", "en_US.UTF-8")],
        &["--lang", "zh-CN"],
    ));
}

#[test]
fn gongkai_lang_wins_over_lang_and_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = broken_site(dir.path(), "en");
    assert_chinese(&check(
        &site,
        &[("GONGKAI_LANG", "zh-CN"), ("LANG", "en_US.UTF-8")],
        &[],
    ));
    let site_zh = broken_site(&dir.path().join("zh"), "zh-CN");
    assert_english(&check(
        &site_zh,
        &[("GONGKAI_LANG", "en"), ("LANG", "zh_CN.UTF-8")],
        &[],
    ));
}

#[test]
fn the_locale_wins_over_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = broken_site(dir.path(), "en");
    assert_chinese(&check(&site, &[("LANG", "zh_CN.UTF-8")], &[]));
    let site_zh = broken_site(&dir.path().join("zh"), "zh-CN");
    assert_english(&check(&site_zh, &[("LANG", "en_US.UTF-8")], &[]));
    // `C` and `POSIX` (a server's or a CI machine's locale) choose nothing:
    // the site's language speaks.
    assert_chinese(&check(&site_zh, &[("LANG", "C.UTF-8")], &[]));
    assert_chinese(&check(&site_zh, &[("LC_ALL", "POSIX")], &[]));
    // LC_ALL before LANG, as POSIX has it.
    assert_english(&check(
        &site_zh,
        &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "zh_CN.UTF-8")],
        &[],
    ));
}

#[test]
fn without_a_choice_the_site_language_decides() {
    let dir = tempfile::tempdir().unwrap();
    assert_chinese(&check(&broken_site(dir.path(), "zh-CN"), &[], &[]));
    let site_en = broken_site(&dir.path().join("en"), "en");
    assert_english(&check(&site_en, &[], &[]));
    // A language gongkai does not speak in the environment is no choice.
    let site_zh = broken_site(&dir.path().join("zh"), "zh-CN");
    assert_chinese(&check(&site_zh, &[("LANG", "fr_FR.UTF-8")], &[]));
}

#[test]
fn the_summary_and_the_help_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(
        common::gongkai()
            .arg("init")
            .arg(&site)
            .status()
            .unwrap()
            .success()
    );
    let o = common::gongkai()
        .args(["--lang", "zh-CN", "check", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.starts_with("已检查 "), "{stderr}");
    assert!(stderr.contains(" 个页面、"), "{stderr}");
    let o = common::gongkai()
        .arg("check")
        .arg("--root")
        .arg(&site)
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.starts_with("checked "), "{stderr}");
    let help = common::gongkai()
        .args(["--lang", "zh-CN", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("把政策文件和公共服务名录发布为静态门户网站"),
        "{help}"
    );
    assert!(help.contains("生成网站，写入输出文件夹"), "{help}");
    assert!(
        help.contains("把 Word 文件（.docx）导入为政策页面"),
        "{help}"
    );
    // A command's flags, and the words clap puts around them.
    let build = common::gongkai()
        .args(["--lang", "zh-CN", "build", "--help"])
        .output()
        .unwrap();
    let build = String::from_utf8(build.stdout).unwrap();
    for said in [
        "用法：gongkai build",
        "选项:",
        "网站根目录（gongkai.yaml 所在的文件夹）",
        "也生成标了 `draft: true` 的页面和栏目",
        "-h, --help                 显示帮助",
    ] {
        assert!(build.contains(said), "no `{said}` in\n{build}");
    }
    for english in ["Usage:", "Options:", "Print help", "The site root"] {
        assert!(!build.contains(english), "`{english}` in\n{build}");
    }
    let en = common::gongkai()
        .args(["--lang", "en", "build", "--help"])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("Usage: gongkai build") && en.contains("The site root (where gongkai.yaml is)"),
        "{en}"
    );
    let bad = common::gongkai()
        .args(["--lang", "fr", "--help"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_yaml_parser_s_own_messages_are_said_in_the_run_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let site = broken_site(dir.path(), "zh-CN");
    std::fs::write(
        site.join("content/bad.md"),
        "---\ntitel: 示例\ndate: 2026-01-01\n---\n正文\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/indented.md"),
        "---\ntitle: 示例\ndate: 2026-01-01\n  draft: true\n---\n正文\n",
    )
    .unwrap();
    let zh = check(&site, &[], &[]);
    for said in [
        "content/bad.md:2:1: 没有 `titel` 这个键，是不是 `title`？可以写的键有：`title`、`description`、",
        "content/indented.md:4:8: 这里不能再写“键: 值”：多半是缩进不对，或者值里有没加引号的冒号",
    ] {
        assert!(zh.contains(said), "no `{said}` in\n{zh}");
    }
    let en = check(&site, &[], &["--lang", "en"]);
    assert!(
        en.contains("content/bad.md:2:1: unknown field `titel` (did you mean `title`?), expected one of `title`, `description`, "),
        "{en}"
    );
}

#[test]
fn mistakes_on_the_command_line_are_said_in_the_run_s_language() {
    let run = |args: &[&str]| {
        let o = common::gongkai().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        String::from_utf8(o.stderr).unwrap()
    };
    let zh = run(&["--lang", "zh-CN", "buidl"]);
    assert!(
        zh.contains("错误：没有 `buidl` 这个命令")
            && zh.contains("是不是 `build`？")
            && zh.contains("加 `--help` 查看用法。"),
        "{zh}"
    );
    let zh = run(&["--lang", "zh-CN", "build", "--nope"]);
    assert!(zh.contains("错误：没有 `--nope` 这个参数"), "{zh}");
    assert!(!zh.contains("unexpected"), "{zh}");
    let en = run(&["--lang", "en", "build", "--nope"]);
    assert!(en.contains("error: unexpected argument `--nope`"), "{en}");
    // Values a parser refuses, and a flag left without its value.
    let zh = run(&["--lang", "zh-CN", "search", "--limit", "abc", "x"]);
    assert!(
        zh.contains("错误：`abc` 不是 --limit <LIMIT> 可以取的值：这里需要一个整数"),
        "{zh}"
    );
    let zh = run(&["--lang", "zh-CN", "serve", "--port", "99999"]);
    assert!(zh.contains("这里需要 0 到 65535 之间的整数"), "{zh}");
    let zh = run(&["--lang", "zh-CN", "build", "--root"]);
    assert!(zh.contains("错误：--root <ROOT> 后面要写一个值"), "{zh}");
    let en = run(&["--lang", "en", "search", "--limit", "abc", "x"]);
    assert!(
        en.contains("`abc` is not a value --limit <LIMIT> takes: a whole number is needed here"),
        "{en}"
    );
}

#[test]
fn defaults_and_accepted_values_in_help_are_in_the_run_s_language() {
    let zh = common::gongkai()
        .env("GONGKAI_LANG", "zh-CN")
        .args(["search", "--help"])
        .output()
        .unwrap();
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.contains("显示多少条结果（默认为 10）"), "{zh}");
    assert!(!zh.contains("[default"), "{zh}");
    let en = common::gongkai()
        .args(["build", "--help"])
        .output()
        .unwrap();
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(en.contains("(default: .)"), "{en}");
    assert!(!en.contains("[possible values"), "{en}");
}
