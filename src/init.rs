//! `gongkai init DIR`: a new site that builds at once — configuration, a
//! home page, a policy with its articles, an ordinary page, and a copy of
//! the default theme to adapt.

use std::path::Path;

use crate::base::diagnostics::Diagnostic;
use crate::render::theme::DEFAULT_THEME;

const CONFIG: &str = "title: 我的政务公开网站
description: 政策文件与服务信息
base_url: https://example.org/
language: zh-CN
theme: default
feed: true
sitemap: true
";

const HOME: &str = "---
title: 首页
---
欢迎访问。本站发布政策文件，并逐条提供永久链接。
";

const POLICIES: &str = "---
title: 政策文件
sort_by: date
---
";

const SAMPLE_POLICY: &str = "---
title: 示例管理办法
type: policy
issuer: 示例单位
doc_number: 示例发〔2025〕1号
written: 2025-01-01
published: 2025-01-02
topics: [示例]
status: in_force
---
# 关于印发《示例管理办法》的通知
各部门：
现将《示例管理办法》印发给你们，请认真贯彻执行。
                    示例单位
2025年1月1日
# 示例管理办法
第一章　总则
第一条　为了说明政策文件的写法，制定本办法。
第二条　本办法适用于：
（一）示例部门；
（二）示例单位。
第二章　附则
第三条　本办法自发布之日起施行。
";

const ABOUT: &str = "---
title: 关于本站
---
本站由 gongkai 生成。政策原文见[示例管理办法](@/policies/sample.md)，
其中[第二条](@/policies/sample.md#art_2)说明了适用范围。
";

/// Write a new site into `dir`, which must be absent or empty.
pub fn init(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::in_file(dir, msg!("init-not-empty")));
        }
    }
    let files: Vec<(String, &[u8])> = [
        ("gongkai.yaml", CONFIG),
        ("content/_index.md", HOME),
        ("content/policies/_index.md", POLICIES),
        ("content/policies/sample.md", SAMPLE_POLICY),
        ("content/about.md", ABOUT),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_string(), t.as_bytes()))
    .chain(
        DEFAULT_THEME
            .iter()
            .map(|(p, b)| (format!("themes/default/{p}"), *b)),
    )
    .collect();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::in_file(
                    parent,
                    msg!(
                        "cannot-create-folder",
                        error = crate::base::words::io_error(&e)
                    ),
                )
            })?;
        }
        std::fs::write(&path, bytes).map_err(|e| {
            Diagnostic::in_file(
                &path,
                msg!("cannot-write", error = crate::base::words::io_error(&e)),
            )
        })?;
    }
    Ok(())
}
