//! Every text `gongkai import` shows an editor, in one place (Chinese, the
//! editors' language), to move into the localisation catalogs as they are.

use std::fmt::Write;

use super::Report;

/// Written in the front matter for a value that was not found.
pub const FILL_IN: &str = "未能识别，请照原文填写";

/// The help of every refusal of a file that is not a `.docx`.
pub const SAVE_AS_DOCX: &str = "请在 Word 或 WPS 中打开这个文件，选择“另存为”，保存类型选“Word 文档（*.docx）”，再导入另存的 .docx 文件";

/// The link to the original file at the end of the page.
pub fn download_line(name: &str) -> String {
    format!("原文件：[下载 Word 原件](<{name}>)")
}

/// A file that is not a `.docx`: what it is.
pub fn not_docx(kind: &str) -> String {
    format!("这是{}，不是 .docx 文件，不能直接导入", spaced(kind))
}

/// A space before a Latin word after Chinese text.
fn spaced(kind: &str) -> String {
    if kind.starts_with(|c: char| c.is_ascii()) {
        format!(" {kind}")
    } else {
        kind.to_string()
    }
}

/// A `.docx` that is really another format.
pub fn renamed(kind: &str) -> String {
    format!(
        "文件名是 .docx，但内容是{}（可能是改了扩展名），不能直接导入",
        spaced(kind)
    )
}

pub const KIND_OLE: &str = "Word 97-2003（.doc）或 WPS（.wps、.et）格式的文件";
pub const KIND_PDF: &str = "PDF 文件";
pub const KIND_OFD: &str = "OFD 版式文件";
pub const KIND_RTF: &str = "RTF 文件";
pub const KIND_XLSX: &str = "Excel 表格";
pub const KIND_PPTX: &str = "PowerPoint 演示文稿";

/// The kind of a file by its extension, for the message.
pub fn kind_by_extension(ext: &str) -> String {
    match ext {
        "doc" | "dot" => "Word 97-2003 格式（.doc）的文件".into(),
        "wps" | "wpt" => "WPS 文字格式（.wps）的文件".into(),
        "pdf" => KIND_PDF.into(),
        "ofd" => KIND_OFD.into(),
        "rtf" => KIND_RTF.into(),
        "docm" | "dotx" | "dotm" => format!("Word 模板或带宏的文档（.{ext}）"),
        "" => "没有扩展名的文件".into(),
        e => format!(".{e} 文件"),
    }
}

pub fn cannot_read(e: &std::io::Error) -> String {
    format!("无法读取文件：{e}")
}

pub const DAMAGED_ZIP: &str = "文件已损坏，无法作为 .docx 打开";
pub const DAMAGED_HELP: &str = "请用 Word 或 WPS 打开它，确认能正常显示后“另存为” .docx 再导入；打不开的话请向发文单位重新索取文件";

pub fn too_large(part: &str) -> String {
    format!("这个 .docx 文件里的 {part} 太大，不像是一份公文")
}

pub fn missing_part(part: &str) -> String {
    format!("这个 .docx 文件缺少 {part}，不是完整的 Word 文档")
}

pub fn bad_xml(part: &str, position: u64, reason: &str) -> String {
    format!("这个 .docx 文件里的 {part} 已损坏（第 {position} 字节：{reason}）")
}

/// Messages of the command around the reading.
pub const NO_SITE: &str = "这里不是 gongkai 网站文件夹（没有 gongkai.yaml）";
pub const NO_SITE_HELP: &str = "请在网站文件夹里运行，或者用 --root 指定网站文件夹";

pub fn no_slug(stem: &str) -> String {
    format!("文件名“{stem}”不能直接用作网址")
}

pub const NO_SLUG_HELP: &str =
    "请用 --slug 指定网址的最后一段，只用英文小写字母、数字和连字符，例如 --slug notice-2025-3";

pub fn bad_slug(reason: &str) -> String {
    format!("--slug 不能用：{reason}")
}

pub fn bad_section(reason: &str) -> String {
    format!("--section 不能用：{reason}")
}

pub fn exists(path: &str) -> String {
    format!("页面已经存在：{path}")
}

pub const EXISTS_HELP: &str = "换一个 --slug；确实要用这个 Word 文件覆盖原页面的，加上 --force";

pub fn cannot_write(e: &std::io::Error) -> String {
    format!("无法写入：{e}")
}

/// The report printed after an import.
pub fn report(r: &Report, written: &str, copied: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "已导入：{written}");
    let _ = writeln!(s, "原文件已复制到：{copied}");
    let _ = writeln!(s);
    let _ = writeln!(s, "识别到的部分：");
    let mut part = |name: &str, value: &Option<String>| {
        let _ = match value {
            Some(v) => writeln!(s, "  {name}：{v}"),
            None => writeln!(s, "  {name}：（未找到）"),
        };
    };
    part("发文机关标志", &r.mark);
    part("发文字号", &r.doc_number);
    part("标题", &r.title);
    if r.issued.is_some() {
        part("印发的文件（页面标题）", &r.issued);
    }
    part("主送机关", &r.addressee);
    part("附件说明", &r.attachment_note);
    part("发文机关署名", &r.signature);
    part("成文日期", &r.written);
    part("附注", &r.annotation);
    part("附件", &r.attachments);
    part("抄送机关", &r.cc);
    part("印发机关和印发日期", &r.printed);
    let _ = writeln!(
        s,
        "正文：{} 段，{} 章，{} 条，{} 个表格，{} 个脚注",
        r.paragraphs, r.chapters, r.articles, r.tables, r.notes
    );
    let u = &r.unplaced;
    let mut left = vec![];
    for (n, what) in [
        (
            u.images,
            "图片（未导入，请另存为图片文件放在页面包里，再在正文中引用）",
        ),
        (u.text_boxes, "文本框（其中文字未导入，请对照原件补上）"),
        (u.charts, "图表（未导入）"),
        (u.objects, "嵌入对象（未导入）"),
        (u.formulas, "公式（未导入）"),
        (u.comments, "批注（未导入）"),
        (u.hidden, "段隐藏文字（未导入）"),
        (u.nested_tables, "个表格中的表格（文字已并入所在单元格）"),
        (u.merged_cells, "处合并单元格（已拆开，文字在第一格）"),
        (
            u.line_breaks,
            "处段内换行（已分成两行，即两段，请核对是否应合成一段）",
        ),
    ] {
        if n > 0 {
            left.push(format!("{n} {what}"));
        }
    }
    if u.insertions + u.deletions > 0 {
        left.push(format!(
            "修订痕迹：插入 {} 处、删除 {} 处（已按“接受所有修订”导入，请核对）",
            u.insertions, u.deletions
        ));
    }
    if !left.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "未能放入页面的内容：");
        for l in left {
            let _ = writeln!(s, "  {l}");
        }
    }
    if !r.missing.is_empty() || !r.structure.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "请检查：");
        for m in &r.missing {
            let _ = writeln!(s, "  文件信息 {m} 未能识别，已在页面开头留出，请照原文填写");
        }
        for m in &r.structure {
            let _ = writeln!(s, "  正文结构：{m}");
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "导入后请对照原件核对：标题、发文字号、日期、条文编号和表格；再补填 topics（主题分类）、published（发布日期），然后运行 gongkai build 生成网站。"
    );
    s
}
