//! Every text `gongkai import` shows an editor, in one place: the report
//! and the errors come from the catalogs (`import-…`); the two texts
//! written into the page itself stay in Chinese, the language of the
//! policy pages it makes.

use std::fmt::Write;

use super::Report;

/// Written in the front matter for a value that was not found.
pub const FILL_IN: &str = "未能识别，请照原文填写";

/// The link to the original file at the end of the page.
pub fn download_line(name: &str) -> String {
    format!("原文件：[下载 Word 原件](<{name}>)")
}

/// The help of every refusal of a file that is not a `.docx`.
pub fn save_as_docx() -> String {
    msg!("import-save-as-docx")
}

/// A file that is not a `.docx`: what it is.
pub fn not_docx(kind: &str) -> String {
    msg!("import-not-docx", kind = kind)
}

/// A `.docx` that is really another format.
pub fn renamed(kind: &str) -> String {
    msg!("import-renamed", kind = kind)
}

pub fn kind_ole() -> String {
    msg!("import-kind-ole")
}
pub fn kind_pdf() -> String {
    msg!("import-kind-pdf")
}
pub fn kind_ofd() -> String {
    msg!("import-kind-ofd")
}
pub fn kind_rtf() -> String {
    msg!("import-kind-rtf")
}
pub fn kind_xlsx() -> String {
    msg!("import-kind-xlsx")
}
pub fn kind_pptx() -> String {
    msg!("import-kind-pptx")
}

/// The kind of a file by its extension, for the message.
pub fn kind_by_extension(ext: &str) -> String {
    match ext {
        "doc" | "dot" => msg!("import-kind-doc"),
        "wps" | "wpt" => msg!("import-kind-wps"),
        "pdf" => kind_pdf(),
        "ofd" => kind_ofd(),
        "rtf" => kind_rtf(),
        "docm" | "dotx" | "dotm" => msg!("import-kind-template", ext = ext),
        "" => msg!("import-kind-no-extension"),
        e => msg!("import-kind-extension", ext = e),
    }
}

pub fn cannot_read(e: &std::io::Error) -> String {
    msg!(
        "import-cannot-read",
        reason = crate::base::words::io_error(e)
    )
}

pub fn damaged_zip() -> String {
    msg!("import-damaged")
}
pub fn damaged_help() -> String {
    msg!("import-damaged-help")
}

pub fn too_large(part: &str) -> String {
    msg!("import-too-large", part = part)
}

pub fn missing_part(part: &str) -> String {
    msg!("import-missing-part", part = part)
}

pub fn bad_xml(part: &str, position: u64, reason: &str) -> String {
    msg!(
        "import-bad-xml",
        part = part,
        position = position,
        reason = reason
    )
}

/// Messages of the command around the reading.
pub fn no_site() -> String {
    msg!("import-no-site")
}
pub fn no_site_help() -> String {
    msg!("import-no-site-help")
}

pub fn no_slug(stem: &str) -> String {
    msg!("import-no-slug", stem = stem)
}

pub fn no_slug_help() -> String {
    msg!("import-no-slug-help")
}

pub fn bad_slug(reason: &str) -> String {
    msg!("import-bad-slug", reason = reason)
}

pub fn bad_section(reason: &str) -> String {
    msg!("import-bad-section", reason = reason)
}

pub fn exists(path: &str) -> String {
    msg!("import-exists", path = path)
}

pub fn exists_help() -> String {
    msg!("import-exists-help")
}

pub fn cannot_write(e: &std::io::Error) -> String {
    msg!(
        "import-cannot-write",
        reason = crate::base::words::io_error(e)
    )
}

/// The report printed after an import.
pub fn report(r: &Report, written: &str, copied: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", msg!("import-report-written", path = written));
    let _ = writeln!(s, "{}", msg!("import-report-copied", path = copied));
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", msg!("import-report-parts"));
    let mut part = |name: String, value: &Option<String>| {
        let value = match value {
            Some(v) => v.clone(),
            None => msg!("import-report-not-found"),
        };
        let _ = writeln!(
            s,
            "  {}",
            msg!("import-report-part", name = name, value = value)
        );
    };
    part(msg!("import-part-mark"), &r.mark);
    part(msg!("import-part-doc-number"), &r.doc_number);
    part(msg!("import-part-title"), &r.title);
    if r.issued.is_some() {
        part(msg!("import-part-issued"), &r.issued);
    }
    part(msg!("import-part-addressee"), &r.addressee);
    part(msg!("import-part-attachment-note"), &r.attachment_note);
    part(msg!("import-part-signature"), &r.signature);
    part(msg!("import-part-written"), &r.written);
    part(msg!("import-part-annotation"), &r.annotation);
    part(msg!("import-part-attachments"), &r.attachments);
    part(msg!("import-part-cc"), &r.cc);
    part(msg!("import-part-printed"), &r.printed);
    let _ = writeln!(
        s,
        "{}",
        msg!(
            "import-report-body",
            paragraphs = r.paragraphs,
            chapters = r.chapters,
            articles = r.articles,
            tables = r.tables,
            notes = r.notes
        )
    );
    let u = &r.unplaced;
    let mut left = vec![];
    for (n, what) in [
        (u.images, msg!("import-unplaced-images", count = u.images)),
        (
            u.text_boxes,
            msg!("import-unplaced-text-boxes", count = u.text_boxes),
        ),
        (u.charts, msg!("import-unplaced-charts", count = u.charts)),
        (
            u.objects,
            msg!("import-unplaced-objects", count = u.objects),
        ),
        (
            u.formulas,
            msg!("import-unplaced-formulas", count = u.formulas),
        ),
        (
            u.comments,
            msg!("import-unplaced-comments", count = u.comments),
        ),
        (u.hidden, msg!("import-unplaced-hidden", count = u.hidden)),
        (
            u.nested_tables,
            msg!("import-unplaced-nested-tables", count = u.nested_tables),
        ),
        (
            u.merged_cells,
            msg!("import-unplaced-merged-cells", count = u.merged_cells),
        ),
        (
            u.line_breaks,
            msg!("import-unplaced-line-breaks", count = u.line_breaks),
        ),
    ] {
        if n > 0 {
            left.push(what);
        }
    }
    if u.insertions + u.deletions > 0 {
        left.push(msg!(
            "import-unplaced-revisions",
            insertions = u.insertions,
            deletions = u.deletions
        ));
    }
    if !left.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", msg!("import-report-unplaced"));
        for l in left {
            let _ = writeln!(s, "  {l}");
        }
    }
    if !r.missing.is_empty() || !r.structure.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", msg!("import-report-check"));
        for m in &r.missing {
            let _ = writeln!(s, "  {}", msg!("import-report-missing", field = m));
        }
        for m in &r.structure {
            let _ = writeln!(s, "  {}", msg!("import-report-structure", problem = m));
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", msg!("import-report-next"));
    s
}
