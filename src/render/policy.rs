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
    };
    let _ = writeln!(out, "<p{class}>{}</p>", b.text.html);
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
    out.push_str("</section>\n");
}

/// The whole document. `article_url` gives each article's own page.
pub fn document(doc: &PolicyDocument, article_url: &dyn Fn(&Article) -> String) -> String {
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
    blocks(&mut out, "preamble", "preamble", &doc.preamble);
    let heading_level = if doc.title.is_some() || doc.notice.is_some() {
        3
    } else {
        2
    };
    let mut done = vec![false; doc.articles.len()];
    for chapter in &doc.chapters {
        let _ = writeln!(
            out,
            "<section class=\"chapter\" id=\"{0}\" aria-labelledby=\"{0}__heading\">\n<h{1} id=\"{0}__heading\"><span class=\"num\">{2}</span>{3}</h{1}>",
            chapter.eid,
            heading_level,
            crate::base::escape::escape_html(&chapter.num),
            chapter.heading.html
        );
        blocks(
            &mut out,
            &format!("{}__intro", chapter.eid),
            "intro",
            &chapter.intro,
        );
        for &a in chapter
            .articles
            .iter()
            .filter(|&&a| doc.articles[a].section.is_none())
        {
            article(
                &mut out,
                &doc.articles[a],
                Some(&article_url(&doc.articles[a])),
            );
            done[a] = true;
        }
        for &s in &chapter.sections {
            section(&mut out, doc, s, heading_level + 1, article_url, &mut done);
        }
        out.push_str("</section>\n");
    }
    for s in 0..doc.sections.len() {
        if doc.sections[s].chapter.is_none() {
            section(&mut out, doc, s, heading_level, article_url, &mut done);
        }
    }
    for (i, a) in doc.articles.iter().enumerate() {
        if !done[i] {
            article(&mut out, a, Some(&article_url(a)));
        }
    }
    blocks(&mut out, "conclusions", "conclusions", &doc.conclusions);
    out.push_str("</div>\n");
    out
}

fn section(
    out: &mut String,
    doc: &PolicyDocument,
    s: usize,
    level: usize,
    article_url: &dyn Fn(&Article) -> String,
    done: &mut [bool],
) {
    let sec = &doc.sections[s];
    let _ = writeln!(
        out,
        "<section class=\"policy-section\" id=\"{0}\" aria-labelledby=\"{0}__heading\">\n<h{1} id=\"{0}__heading\"><span class=\"num\">{2}</span>{3}</h{1}>",
        sec.eid,
        level,
        crate::base::escape::escape_html(&sec.num),
        sec.heading.html
    );
    blocks(out, &format!("{}__intro", sec.eid), "intro", &sec.intro);
    for &a in &sec.articles {
        article(out, &doc.articles[a], Some(&article_url(&doc.articles[a])));
        done[a] = true;
    }
    out.push_str("</section>\n");
}
