//! The parsed document: its parts from the notice to the closing text
//! (chapters, sections, articles, paragraphs, items), the structural
//! errors a body can have, and what callers read off a parsed document
//! (its ids, its texts, its addressee).

use serde::Serialize;

/// A span of the official text: its words and where they are in the file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Text {
    pub text: String,
    /// Byte offset in the file.
    #[serde(skip)]
    pub offset: usize,
    /// Rendered inline HTML (filled after parsing).
    pub html: String,
    /// A markdown table (its rows, `| … |`, as pasted): rendered as a
    /// block, not as inline text.
    #[serde(skip)]
    pub table: bool,
}

/// How a block of free text is set in the published document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    /// 主送: the line that names whom the notice is sent to, ending in `：`.
    Addressee,
    /// The issuer's name set flush right under the text.
    Signature,
    /// The date line (`2015年12月16日`).
    Date,
    /// A table (`| … |` rows) between paragraphs.
    Table,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: Text,
}

/// The notice (通知) that issued the document.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Notice {
    /// Lines above the notice title (the issuer's banner).
    pub header: Vec<Block>,
    pub title: Option<Text>,
    pub blocks: Vec<Block>,
}

/// How articles are marked in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStyle {
    /// `第六条　…`
    Tiao,
    /// `6．…`: numbered paragraphs, each opening with a heading sentence.
    Numbered,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub eid: String,
    pub number: u32,
    /// The number as written: `（一）`, `(1)`.
    pub num: String,
    pub text: Text,
    pub items: Vec<Item>,
}

/// A paragraph (款) of an article, with its items (项).
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// Set when the article has more than one paragraph.
    pub eid: Option<String>,
    pub text: Text,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// `art_17`, or `art_17-1` for `第十七条之一`.
    pub eid: String,
    pub number: u32,
    /// `Some(1)` for `第十七条之一`: an article inserted after 第十七条.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub: Option<u32>,
    /// The number as written: `6．`, `第六条`.
    pub num: String,
    /// How to cite it: `第6条`, `第六条`.
    pub label: String,
    /// Byte offset in the file of the line that opens the article (its
    /// number), for messages about the article as a whole.
    #[serde(skip)]
    pub offset: usize,
    /// The heading sentence of a numbered article (`加快抢占网上阵地。`).
    pub heading: Option<Text>,
    pub paragraphs: Vec<Paragraph>,
    pub chapter: Option<usize>,
    pub section: Option<usize>,
}

impl Article {
    /// The heading without its closing full stop, for titles and lists.
    pub fn short_heading(&self) -> Option<&str> {
        self.heading
            .as_ref()
            .map(|h| h.text.trim_end_matches(['。', '.', '：', ':']))
    }

    /// `第6条 加快抢占网上阵地`, or just the label.
    pub fn title(&self) -> String {
        match self.short_heading() {
            Some(h) => format!("{} {h}", self.label),
            None => self.label.clone(),
        }
    }
}

/// A section (节) inside a chapter.
#[derive(Debug, Clone, Serialize)]
pub struct PolicySection {
    pub eid: String,
    pub number: u32,
    pub num: String,
    pub heading: Text,
    pub intro: Vec<Block>,
    pub chapter: Option<usize>,
    /// Indices into the document's `articles`.
    pub articles: Vec<usize>,
}

/// A part (编) above the chapters of a long code, or a subpart (分编) of
/// a part.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// `part_1`; a subpart `part_2__subpart_1`.
    pub eid: String,
    pub number: u32,
    /// The number as written: `第一编`, `第一分编`.
    pub num: String,
    pub heading: Text,
    pub intro: Vec<Block>,
    /// Indices into the document's `chapters`: those directly in it (not
    /// in one of its subparts).
    pub chapters: Vec<usize>,
    /// A part's subparts: indices into the document's `subparts`.
    pub subparts: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// `chp_2`; `part_1__chp_2` inside a part (chapters count again in
    /// each part of a code); `chp_supplementary` for an unnumbered 附则.
    pub eid: String,
    pub number: u32,
    /// The number as written: `一、`, `第二章`.
    pub num: String,
    pub heading: Text,
    pub intro: Vec<Block>,
    /// Indices into the document's `sections`.
    pub sections: Vec<usize>,
    /// Indices into the document's `articles`, in order.
    pub articles: Vec<usize>,
    pub part: Option<usize>,
    pub subpart: Option<usize>,
}

/// An attachment (附件, 附表) after the main text: its number as written
/// and its title, and its own text with its own structure, whose ids
/// start with the attachment's (`att_1__art_3`).
#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    /// `att_1`, `att_2` … in the order the attachments come.
    pub eid: String,
    /// The marker as written: `附件1`, `附件一`, `附表`.
    pub num: String,
    pub title: Option<Text>,
    pub body: PolicyDocument,
}

/// A whole policy document, in reading order.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PolicyDocument {
    pub notice: Option<Notice>,
    /// The title of the main text.
    pub title: Option<Text>,
    /// A table of contents (目录) pasted with the text: kept, never read
    /// as structure (the page shows contents made from the structure).
    pub contents: Vec<Block>,
    /// The heading of the preamble, when the text has one (`序言`).
    pub preamble_heading: Option<Text>,
    pub preamble: Vec<Block>,
    pub parts: Vec<Part>,
    pub subparts: Vec<Part>,
    pub chapters: Vec<Chapter>,
    pub sections: Vec<PolicySection>,
    pub articles: Vec<Article>,
    /// Closing text after the last article.
    pub conclusions: Vec<Block>,
    pub attachments: Vec<Attachment>,
    /// What every id of this text starts with: nothing in the main text,
    /// `att_1__` in an attachment.
    pub prefix: String,
    pub style: Option<ArticleStyle>,
    /// Problems that do not stop the document from being published
    /// (article numbers that skip or go backwards, a quotation never
    /// closed), for the build to print.
    #[serde(skip)]
    pub warnings: Vec<StructureError>,
}

/// A structural problem, with the byte offset of its line: an error when
/// [`parse`](super::parse) returns it, a warning in
/// [`PolicyDocument::warnings`].
#[derive(Debug, Clone, PartialEq)]
pub struct StructureError {
    pub message: String,
    pub offset: usize,
    pub len: usize,
    /// How to fix it, when there is more to say than the message.
    pub help: Option<String>,
}

impl PolicyDocument {
    /// Every id the document defines, for `@/…#anchor` checks.
    pub fn eids(&self) -> Vec<String> {
        let mut ids = vec![];
        let prefix = &self.prefix;
        if self.notice.is_some() {
            ids.push(format!("{prefix}notice"));
        }
        if !self.preamble.is_empty() || self.preamble_heading.is_some() {
            ids.push(format!("{prefix}preamble"));
        }
        if !self.conclusions.is_empty() {
            ids.push(format!("{prefix}conclusions"));
        }
        ids.extend(self.parts.iter().map(|p| p.eid.clone()));
        ids.extend(self.subparts.iter().map(|p| p.eid.clone()));
        for c in &self.chapters {
            ids.push(c.eid.clone());
        }
        for s in &self.sections {
            ids.push(s.eid.clone());
        }
        for a in &self.articles {
            ids.push(a.eid.clone());
            for p in &a.paragraphs {
                ids.extend(p.eid.clone());
                for i in &p.items {
                    ids.push(i.eid.clone());
                    ids.extend(i.items.iter().map(|s| s.eid.clone()));
                }
            }
        }
        for a in &self.attachments {
            ids.push(a.eid.clone());
            ids.extend(a.body.eids());
        }
        ids
    }

    /// Every text of the document, to render its inline markdown.
    pub fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut out: Vec<&mut Text> = vec![];
        if let Some(n) = &mut self.notice {
            out.extend(n.header.iter_mut().map(|b| &mut b.text));
            out.extend(n.title.as_mut());
            out.extend(n.blocks.iter_mut().map(|b| &mut b.text));
        }
        out.extend(self.title.as_mut());
        out.extend(self.contents.iter_mut().map(|b| &mut b.text));
        out.extend(self.preamble_heading.as_mut());
        out.extend(self.preamble.iter_mut().map(|b| &mut b.text));
        for p in self.parts.iter_mut().chain(&mut self.subparts) {
            out.push(&mut p.heading);
            out.extend(p.intro.iter_mut().map(|b| &mut b.text));
        }
        for c in &mut self.chapters {
            out.push(&mut c.heading);
            out.extend(c.intro.iter_mut().map(|b| &mut b.text));
        }
        for s in &mut self.sections {
            out.push(&mut s.heading);
            out.extend(s.intro.iter_mut().map(|b| &mut b.text));
        }
        for a in &mut self.articles {
            out.extend(a.heading.as_mut());
            for p in &mut a.paragraphs {
                out.push(&mut p.text);
                for i in &mut p.items {
                    out.push(&mut i.text);
                    out.extend(i.items.iter_mut().map(|s| &mut s.text));
                }
            }
        }
        out.extend(self.conclusions.iter_mut().map(|b| &mut b.text));
        for a in &mut self.attachments {
            out.extend(a.title.as_mut());
            out.extend(a.body.texts_mut());
        }
        out
    }

    /// The addressee line of the notice (主送), if there is one.
    pub fn addressee(&self) -> Option<&str> {
        self.notice
            .as_ref()?
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Addressee)
            .map(|b| b.text.text.trim_end_matches(['：', ':']))
    }
}
