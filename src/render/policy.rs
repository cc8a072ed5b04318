//! The HTML of a policy document: semantic blocks with Akoma Ntoso ids and
//! classes (`chapter`, `article`, `items`), so that `#art_6` is a permanent
//! link and a theme's CSS sets the page. Text is the official text,
//! unchanged; numbers stay in the text as published.

use std::fmt::Write;

use crate::model::policy::{
    Article, Block, BlockKind, Item, Outline, PolicyDocument, Unit, UnitKind, walk,
};

fn block(out: &mut String, b: &Block) {
    let class = match b.kind {
        BlockKind::Paragraph => "",
        BlockKind::Addressee => " class=\"addressee\"",
        BlockKind::Signature => " class=\"signature\"",
        BlockKind::Date => " class=\"date\"",
        BlockKind::Table => return table(out, "", &b.text.html),
    };
    let _ = writeln!(out, "<p{class}>{}</p>", b.text.html);
}

/// A table of the official text, in a frame that scrolls sideways on a
/// phone (focusable, so that a keyboard can scroll it too).
fn table(out: &mut String, id: &str, html: &str) {
    let _ = writeln!(
        out,
        "<div class=\"table-scroll\"{id} role=\"region\" aria-label=\"表格\" tabindex=\"0\">\n{}\n</div>",
        html.trim_end()
    );
}

fn blocks(out: &mut String, id: &str, class: &str, list: &[Block]) {
    if list.is_empty() {
        return;
    }
    if id.is_empty() {
        let _ = writeln!(out, "<div class=\"{class}\">");
    } else {
        let _ = writeln!(out, "<div class=\"{class}\" id=\"{id}\">");
    }
    for b in list {
        block(out, b);
    }
    out.push_str("</div>\n");
}

fn items(out: &mut String, list: &[Item]) {
    if list.is_empty() {
        return;
    }
    out.push_str("<ul class=\"items\">\n");
    for item in list {
        let _ = write!(
            out,
            "<li id=\"{}\"><span class=\"num\">{}</span>{}",
            item.eid,
            crate::base::escape::escape_html(&item.num),
            item.text.html
        );
        items(out, &item.items);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// The number as written and the heading sentence that open an article.
fn opening(out: &mut String, a: &Article) {
    let _ = write!(
        out,
        "<span class=\"num\">{}</span>",
        crate::base::escape::escape_html(&a.num)
    );
    if let Some(h) = &a.heading {
        let _ = write!(out, "<strong class=\"article-heading\">{}</strong>", h.html);
    }
}

/// One article: its number, heading sentence, paragraphs and items.
/// `link` is the URL of the article's own page, shown as a share link.
pub fn article(out: &mut String, a: &Article, link: Option<&str>) {
    article_with_note(out, a, link, None);
}

/// An article with a note under it (what amended it, and when), already
/// HTML.
fn article_with_note(out: &mut String, a: &Article, link: Option<&str>, note: Option<&str>) {
    let _ = writeln!(
        out,
        "<section class=\"article\" id=\"{}\" aria-label=\"{}\">",
        a.eid,
        crate::base::escape::escape_html(&a.title())
    );
    for (i, p) in a.paragraphs.iter().enumerate() {
        let id = p
            .eid
            .as_ref()
            .map(|e| format!(" id=\"{e}\""))
            .unwrap_or_default();
        if p.text.table && i > 0 {
            table(out, &id, &p.text.html);
            continue;
        }
        let _ = write!(out, "<p class=\"article-text\"{id}>");
        if i == 0 {
            opening(out, a);
        }
        out.push_str(&p.text.html);
        out.push_str("</p>\n");
        items(out, &p.items);
    }
    if a.paragraphs.is_empty() {
        out.push_str("<p class=\"article-text\">");
        opening(out, a);
        out.push_str("</p>\n");
    }
    if let Some(link) = link {
        let hidden = a
            .short_heading()
            .map(|h| {
                format!(
                    "<span class=\"visually-hidden\">（{}）</span>",
                    crate::base::escape::escape_html(h)
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<p class=\"article-link\"><a href=\"{}\">单独查看{}{hidden}</a></p>",
            crate::base::escape::escape_html(link),
            crate::base::escape::escape_html(&a.label),
        );
    }
    if let Some(note) = note {
        let _ = writeln!(out, "<p class=\"article-note\">{note}</p>");
    }
    out.push_str("</section>\n");
}

/// What to add under an article: a note, already HTML.
pub type ArticleNote<'a> = dyn Fn(&Article) -> Option<String> + 'a;

/// The whole document. `article_url` gives each article's own page.
pub fn document(doc: &PolicyDocument, article_url: &dyn Fn(&Article) -> String) -> String {
    document_with_notes(doc, article_url, &|_| None)
}

/// The whole document, with a note under each article that `note` gives
/// one (a policy's text in force: what amended the article, and when).
pub fn document_with_notes(
    doc: &PolicyDocument,
    article_url: &dyn Fn(&Article) -> String,
    note: &ArticleNote<'_>,
) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<div class=\"policy-document\">\n");
    if let Some(notice) = &doc.notice {
        out.push_str("<div class=\"notice\" id=\"notice\">\n");
        blocks(&mut out, "", "notice-header", &notice.header);
        if let Some(t) = &notice.title {
            let _ = writeln!(out, "<h2 class=\"notice-title\">{}</h2>", t.html);
        }
        for b in &notice.blocks {
            block(&mut out, b);
        }
        out.push_str("</div>\n");
    }
    if let Some(t) = &doc.title {
        let _ = writeln!(
            out,
            "<h2 class=\"document-title\" id=\"main\">{}</h2>",
            t.html
        );
    }
    let heading_level = if doc.title.is_some() || doc.notice.is_some() {
        3
    } else {
        2
    };
    text(&mut out, doc, heading_level, Some(article_url), note);
    for attachment in &doc.attachments {
        let title = attachment
            .title
            .as_ref()
            .map(|t| format!(" <span class=\"attachment-title\">{}</span>", t.html))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<section class=\"attachment\" id=\"{0}\" aria-labelledby=\"{0}__heading\">\n<h2 id=\"{0}__heading\"><span class=\"num\">{1}</span>{title}</h2>",
            attachment.eid,
            crate::base::escape::escape_html(&attachment.num),
        );
        text(&mut out, &attachment.body, 3, None, &|_| None);
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
    out
}

/// A text from its preamble to its closing words: the main text, whose
/// articles have pages of their own (`article_url`), or an attachment's.
/// Headings of its top units are at `level`.
fn text(
    out: &mut String,
    doc: &PolicyDocument,
    level: usize,
    article_url: Option<&dyn Fn(&Article) -> String>,
    note: &ArticleNote<'_>,
) {
    let prefix = &doc.prefix;
    let link = |a: &Article| (article_url.map(|url| url(a)), note(a));
    if let Some(h) = &doc.preamble_heading {
        let _ = writeln!(
            out,
            "<section class=\"preamble\" id=\"{prefix}preamble\" aria-labelledby=\"{prefix}preamble__heading\">\n<h{level} id=\"{prefix}preamble__heading\">{}</h{level}>",
            h.html
        );
        for b in &doc.preamble {
            block(out, b);
        }
        out.push_str("</section>\n");
    } else {
        blocks(out, &format!("{prefix}preamble"), "preamble", &doc.preamble);
    }
    walk(
        doc,
        &mut Html {
            out: &mut *out,
            level,
            link: &link,
        },
    );
    blocks(
        out,
        &format!("{prefix}conclusions"),
        "conclusions",
        &doc.conclusions,
    );
}

/// The page's HTML of the units: each a `<section>` with its heading at
/// the level of its depth, its intro, and what is in it.
struct Html<'a, 'b> {
    out: &'a mut String,
    /// The heading level of the top units.
    level: usize,
    link: &'b Link<'b>,
}

/// An article's own page and its note.
type Link<'a> = dyn Fn(&Article) -> (Option<String>, Option<String>) + 'a;

impl Outline for Html<'_, '_> {
    fn open(&mut self, unit: &Unit<'_>, depth: usize) {
        let class = match unit.kind {
            UnitKind::Part => "part",
            UnitKind::Subpart => "subpart",
            UnitKind::Chapter => "chapter",
            UnitKind::Section => "policy-section",
        };
        let level = self.level + depth;
        let eid = unit.eid;
        let num = match unit.num {
            "" => String::new(),
            num => format!(
                "<span class=\"num\">{}</span>",
                crate::base::escape::escape_html(num)
            ),
        };
        let _ = writeln!(
            self.out,
            "<section class=\"{class}\" id=\"{eid}\" aria-labelledby=\"{eid}__heading\">\n<h{level} id=\"{eid}__heading\">{num}{}</h{level}>",
            unit.heading.html
        );
        blocks(self.out, &format!("{eid}__intro"), "intro", unit.intro);
    }

    fn close(&mut self, _: &Unit<'_>) {
        self.out.push_str("</section>\n");
    }

    fn article(&mut self, a: &Article) {
        let (url, note) = (self.link)(a);
        article_with_note(self.out, a, url.as_deref(), note.as_deref());
    }
}
