//! Word files in: a `.docx` read into a policy page. The file is checked
//! to be a `.docx` by its name and by its first bytes (a `.doc` or `.wps`
//! renamed, a PDF, an OFD are refused with the way to save it as `.docx`);
//! its parts are read ([`docx`], with Word's automatic numbering resolved
//! by [`numbering`]); the parts of the official document are found
//! ([`layout`]); the page is written as markdown ([`page`]) and checked
//! with the policy parser; and a [`Report`] says what was found and what
//! could not be placed. Nothing here writes to disk.

pub mod docx;
pub mod layout;
pub mod messages;
pub mod numbering;
pub mod page;

use std::io::Read;
use std::path::Path;

use crate::base::diagnostics::Diagnostic;
use docx::{Block, Unplaced, WordDocument};

/// A page made from a Word file, and the report of what was found.
#[derive(Debug)]
pub struct Imported {
    /// The page: front matter and body.
    pub markdown: String,
    pub report: Report,
}

/// What an import found and could not place.
#[derive(Debug, Default)]
pub struct Report {
    pub mark: Option<String>,
    pub doc_number: Option<String>,
    pub title: Option<String>,
    /// The title of the text a notice issues, when it follows the notice.
    pub issued: Option<String>,
    pub addressee: Option<String>,
    pub attachment_note: Option<String>,
    pub signature: Option<String>,
    pub written: Option<String>,
    pub annotation: Option<String>,
    pub attachments: Option<String>,
    pub cc: Option<String>,
    pub printed: Option<String>,
    pub paragraphs: usize,
    pub chapters: usize,
    pub articles: usize,
    pub tables: usize,
    pub notes: usize,
    pub unplaced: Unplaced,
    /// Front matter keys not found (`issuer`, `written`, `title`).
    pub missing: Vec<String>,
    /// What the policy parser says of the body (errors and warnings).
    pub structure: Vec<String>,
}

/// The largest XML part read (inflated): a thousand-page document is a
/// few megabytes.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// What the first bytes say a file is, when it is not a zip.
fn sniff(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some(messages::kind_ole())
    } else if bytes.starts_with(b"%PDF") {
        Some(messages::kind_pdf())
    } else if bytes.starts_with(b"{\\rtf") {
        Some(messages::kind_rtf())
    } else {
        None
    }
}

fn refuse(file: &Path, message: String) -> Diagnostic {
    Diagnostic::in_file(file, message).with_help(messages::save_as_docx())
}

/// Read the Word file at `file` into a page whose original is linked as
/// `download` (the name it is copied under, beside the page).
pub fn import(file: &Path, download: &str) -> Result<Imported, Diagnostic> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes =
        std::fs::read(file).map_err(|e| Diagnostic::in_file(file, messages::cannot_read(&e)))?;
    if ext != "docx" {
        let kind = sniff(&bytes).unwrap_or_else(|| messages::kind_by_extension(&ext));
        return Err(refuse(file, messages::not_docx(&kind)));
    }
    if let Some(kind) = sniff(&bytes) {
        return Err(refuse(file, messages::renamed(&kind)));
    }
    let damaged =
        || Diagnostic::in_file(file, messages::damaged_zip()).with_help(messages::damaged_help());
    if !bytes.starts_with(b"PK") {
        return Err(damaged());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).map_err(|_| damaged())?;
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let mut part = |name: &str| -> Result<Option<Vec<u8>>, Diagnostic> {
        let Ok(f) = zip.by_name(name) else {
            return Ok(None);
        };
        // Read at most the limit: a part that inflates beyond it is refused.
        let mut out = vec![];
        f.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|_| damaged())?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(Diagnostic::in_file(file, messages::too_large(name)));
        }
        Ok(Some(out))
    };
    let Some(document) = part("word/document.xml")? else {
        let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
        return Err(if has("OFD.xml") {
            refuse(file, messages::renamed(&messages::kind_ofd()))
        } else if has("xl/workbook.xml") {
            refuse(file, messages::renamed(&messages::kind_xlsx()))
        } else if has("ppt/presentation.xml") {
            refuse(file, messages::renamed(&messages::kind_pptx()))
        } else {
            Diagnostic::in_file(file, messages::missing_part("word/document.xml"))
                .with_help(messages::damaged_help())
        });
    };
    let styles = part("word/styles.xml")?;
    let numbering = part("word/numbering.xml")?;
    let footnotes = part("word/footnotes.xml")?;
    let endnotes = part("word/endnotes.xml")?;
    let parts = docx::Parts {
        document: &document,
        styles: styles.as_deref(),
        numbering: numbering.as_deref(),
        footnotes: footnotes.as_deref(),
        endnotes: endnotes.as_deref(),
        has_comments: names.iter().any(|n| n == "word/comments.xml"),
    };
    let doc = docx::read(&parts).map_err(|e| {
        Diagnostic::in_file(file, messages::bad_xml(e.part, e.position, &e.reason))
            .with_help(messages::damaged_help())
    })?;
    Ok(build(&doc, download))
}

/// The page and the report for a document read.
pub fn build(doc: &WordDocument, download: &str) -> Imported {
    let l = layout::layout(doc);
    let markdown = page::page(doc, &l, download);
    let front = page::FrontMatter::of(doc, &l);
    let joined = |indices: &[usize]| -> Option<String> {
        let t: Vec<String> = indices.iter().map(|&i| l.text(doc, i)).collect();
        (!t.is_empty()).then(|| t.join(" / "))
    };
    let mut report = Report {
        mark: joined(&l.mark),
        doc_number: front.doc_number.clone(),
        title: l.title_text(doc),
        issued: l.issued_title(doc),
        addressee: front.addressee.clone(),
        attachment_note: joined(&l.attachment_note),
        signature: joined(&l.signature),
        written: front.written.clone(),
        annotation: l.annotation.map(|i| l.text(doc, i)),
        attachments: (!l.attachments.is_empty())
            .then(|| {
                let heads: Vec<String> = l
                    .attachments
                    .clone()
                    .map(|i| l.text(doc, i))
                    .filter(|t| t.starts_with("附件"))
                    .collect();
                heads.join("、")
            })
            .filter(|t| !t.is_empty()),
        cc: l.cc_text(doc),
        printed: l
            .printed_by(doc)
            .map(|(office, date)| format!("{office}，{date}")),
        paragraphs: doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(p) if !p.plain().trim().is_empty()))
            .count(),
        tables: doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count(),
        notes: doc.notes.len(),
        unplaced: doc.unplaced.clone(),
        ..Report::default()
    };
    for (key, value) in [
        ("title", &front.title),
        ("issuer", &front.issuer),
        ("written", &front.written),
    ] {
        if value.is_none() {
            report.missing.push(key.to_string());
        }
    }
    // The body as the site will read it.
    let body_at = markdown
        .match_indices("---\n")
        .nth(1)
        .map_or(0, |(i, _)| i + 4);
    match crate::model::policy::parse(&markdown[body_at..], body_at) {
        Ok(parsed) => {
            report.chapters = parsed.chapters.len();
            report.articles = parsed.articles.len();
            report
                .structure
                .extend(parsed.warnings.into_iter().map(|w| w.message));
        }
        Err(errors) => report
            .structure
            .extend(errors.into_iter().map(|e| e.message)),
    }
    Imported { markdown, report }
}

#[cfg(test)]
mod tests {
    use super::docx::{Paragraph, Run};
    use super::*;

    /// A document of plain paragraphs; `^` before a line centres it, `~`
    /// starts a new page.
    fn doc(lines: &[&str]) -> WordDocument {
        let blocks = lines
            .iter()
            .map(|l| {
                let centered = l.starts_with('^');
                let page_break_before = l.starts_with('~');
                let text = l.trim_start_matches(['^', '~']).to_string();
                Block::Paragraph(Paragraph {
                    runs: vec![Run::Text {
                        text,
                        bold: false,
                        italic: false,
                    }],
                    centered,
                    page_break_before,
                    ..Paragraph::default()
                })
            })
            .collect();
        WordDocument {
            blocks,
            ..WordDocument::default()
        }
    }

    fn body(markdown: &str) -> Vec<&str> {
        markdown.split("---\n").nth(2).unwrap().lines().collect()
    }

    #[test]
    fn a_document_without_the_official_layout_keeps_all_its_text_in_the_body() {
        let d = doc(&[
            "示例管理办法",
            "第一条　为了说明导入，制定本办法。",
            "第二条　本办法自发布之日起施行。",
            "示例单位",
        ]);
        let imported = build(&d, "a.docx");
        let lines = body(&imported.markdown);
        assert_eq!(
            lines[..5],
            [
                "# 示例管理办法",
                "第一条　为了说明导入，制定本办法。",
                "第二条　本办法自发布之日起施行。",
                "示例单位",
                "",
            ]
        );
        assert!(imported.markdown.contains("# issuer: "));
        assert!(imported.markdown.contains("# written: "));
        assert_eq!(imported.report.articles, 2);
        assert_eq!(imported.report.missing, ["issuer", "written"]);
    }

    #[test]
    fn the_closing_parts_are_found_from_the_end() {
        let d = doc(&[
            "^示例局文件",
            "^示例发〔2025〕1号",
            "^关于示例工作的通知",
            "各示例单位：",
            "现将有关事项通知如下。",
            "特此通知。",
            "附件：示例表",
            "示例局",
            "2025年1月2日",
            "（联系人：示例，电话：00000000）",
            "~附件",
            "^示例表",
            "~抄送：示例办公室。",
            "示例局办公室　2025年1月3日印发",
        ]);
        let l = layout::layout(&d);
        assert_eq!(l.mark, [0]);
        assert_eq!(l.doc_number, Some((1, "示例发〔2025〕1号".into())));
        assert_eq!(l.title, [2]);
        assert_eq!(l.addressee, Some(3));
        assert_eq!(l.body, 4..6);
        assert_eq!(l.attachment_note, [6]);
        assert_eq!(l.signature, [7]);
        assert_eq!(l.date, Some((8, "2025-01-02".into())));
        assert_eq!(l.annotation, Some(9));
        assert_eq!(l.attachments, 10..12);
        assert_eq!(l.imprint, 12..14);
        assert_eq!(l.issuer(&d).as_deref(), Some("示例局"));
    }

    #[test]
    fn an_imprint_drawn_as_a_table_is_found_and_written_as_lines() {
        use super::docx::{Cell, Table};
        let mut d = doc(&["^示例通知", "示例正文。", "示例局", "2025年1月2日"]);
        let cell = |t: &str| Cell {
            paragraphs: match doc(&[t]).blocks.pop() {
                Some(Block::Paragraph(p)) => vec![p],
                _ => vec![],
            },
            span: 1,
            merged_above: false,
        };
        d.blocks.push(Block::Table(Table {
            rows: vec![
                vec![cell("抄送：示例办公室。")],
                vec![cell("示例局办公室"), cell("2025年1月3日印发")],
            ],
        }));
        let imported = build(&d, "a.docx");
        assert_eq!(
            imported.report.printed.as_deref(),
            Some("示例局办公室，2025-01-03")
        );
        assert_eq!(imported.report.cc.as_deref(), Some("抄送：示例办公室。"));
        let lines = body(&imported.markdown);
        assert!(
            lines.contains(&"示例局办公室\u{3000}2025年1月3日印发"),
            "{lines:?}"
        );
        assert!(lines.contains(&"抄送：示例办公室。"));
    }
}
