//! The HTML of a policy document: semantic blocks with Akoma Ntoso ids and
//! classes (`chapter`, `article`, `items`), so that `#art_6` is a permanent
//! link and a theme's CSS sets the page. Text is the official text,
//! unchanged; numbers stay in the text as published.

use std::fmt::Write;

use crate::model::policy::{Article, Block, BlockKind, Item, PolicyDocument};

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
    let mut done = vec![false; doc.articles.len()];
    // A part's chapters, then its subparts (分编) with theirs; a subpart
    // outside any part stands as a part does.
    let in_parts: Vec<usize> = doc.parts.iter().flat_map(|p| p.subparts.clone()).collect();
    let loose_subparts = (0..doc.subparts.len()).filter(|s| !in_parts.contains(s));
    for (part, class, subparts) in doc
        .parts
        .iter()
        .map(|p| (p, "part", &p.subparts[..]))
        .chain(loose_subparts.map(|s| (&doc.subparts[s], "subpart", &[][..])))
    {
        unit_heading(out, class, &part.eid, level, &part.num, &part.heading.html);
        blocks(out, &format!("{}__intro", part.eid), "intro", &part.intro);
        for &c in &part.chapters {
            chapter(out, doc, c, level + 1, &link, &mut done);
        }
        for &s in subparts {
            let sub = &doc.subparts[s];
            unit_heading(
                out,
                "subpart",
                &sub.eid,
                level + 1,
                &sub.num,
                &sub.heading.html,
            );
            blocks(out, &format!("{}__intro", sub.eid), "intro", &sub.intro);
            for &c in &sub.chapters {
                chapter(out, doc, c, level + 2, &link, &mut done);
            }
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n");
    }
    // Chapters outside the parts of a code (its 附则) stand beside them.
    for (c, _) in doc
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.part.is_none() && c.subpart.is_none())
    {
        chapter(out, doc, c, level, &link, &mut done);
    }
    for s in 0..doc.sections.len() {
        if doc.sections[s].chapter.is_none() {
            section(out, doc, s, level, &link, &mut done);
        }
    }
    for (i, a) in doc.articles.iter().enumerate() {
        if !done[i] {
            let (url, note) = link(a);
            article_with_note(out, a, url.as_deref(), note.as_deref());
        }
    }
    blocks(
        out,
        &format!("{prefix}conclusions"),
        "conclusions",
        &doc.conclusions,
    );
}

/// The opening of a part, chapter or section: `<section>` and its heading.
fn unit_heading(out: &mut String, class: &str, eid: &str, level: usize, num: &str, heading: &str) {
    let num = match num {
        "" => String::new(),
        num => format!(
            "<span class=\"num\">{}</span>",
            crate::base::escape::escape_html(num)
        ),
    };
    let _ = writeln!(
        out,
        "<section class=\"{class}\" id=\"{eid}\" aria-labelledby=\"{eid}__heading\">\n<h{level} id=\"{eid}__heading\">{num}{heading}</h{level}>",
    );
}

/// An article's own page and its note.
type Link<'a> = dyn Fn(&Article) -> (Option<String>, Option<String>) + 'a;

fn chapter(
    out: &mut String,
    doc: &PolicyDocument,
    c: usize,
    level: usize,
    link: &Link<'_>,
    done: &mut [bool],
) {
    let chapter = &doc.chapters[c];
    unit_heading(
        out,
        "chapter",
        &chapter.eid,
        level,
        &chapter.num,
        &chapter.heading.html,
    );
    blocks(
        out,
        &format!("{}__intro", chapter.eid),
        "intro",
        &chapter.intro,
    );
    for &a in chapter
        .articles
        .iter()
        .filter(|&&a| doc.articles[a].section.is_none())
    {
        let (url, note) = link(&doc.articles[a]);
        article_with_note(out, &doc.articles[a], url.as_deref(), note.as_deref());
        done[a] = true;
    }
    for &s in &chapter.sections {
        section(out, doc, s, level + 1, link, done);
    }
    out.push_str("</section>\n");
}

fn section(
    out: &mut String,
    doc: &PolicyDocument,
    s: usize,
    level: usize,
    link: &Link<'_>,
    done: &mut [bool],
) {
    let sec = &doc.sections[s];
    unit_heading(
        out,
        "policy-section",
        &sec.eid,
        level,
        &sec.num,
        &sec.heading.html,
    );
    blocks(out, &format!("{}__intro", sec.eid), "intro", &sec.intro);
    for &a in &sec.articles {
        let (url, note) = link(&doc.articles[a]);
        article_with_note(out, &doc.articles[a], url.as_deref(), note.as_deref());
        done[a] = true;
    }
    out.push_str("</section>\n");
}
