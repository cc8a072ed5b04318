//! Akoma Ntoso 3.0 (OASIS LegalDocML) for a policy: its text as an `act`
//! with the same structure and the same ids as its page (`chp_2`,
//! `art_6__para_2`), FRBR identification of the work, the expression (the
//! text of one date, in Chinese) and this manifestation, its lifecycle
//! (written, published, amended, repealed) and its references. Written
//! beside the policy's page as `akn.xml`; `tests/it/akn.rs` validates
//! every file against the OASIS schema.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::base::escape::escape_xml as esc;
use crate::model::content::{Page, PolicyMeta};
use crate::model::policy::{
    Article, ArticleChange, Block, BlockKind, ChangeKind, Item, Outline, PolicyDocument, Text,
    Unit, UnitKind, walk,
};
use crate::model::validity::Validity;
use crate::model::versions::AmendingDocument;

/// The namespace of Akoma Ntoso 3.0.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The file name of a policy's AKN beside its page.
pub const FILE: &str = "akn.xml";

/// Another document that changed this one (its amending decision or the
/// document that repealed it), as far as the site knows it.
pub struct Change<'a> {
    /// The other document's page URL.
    pub url: &'a str,
    pub title: &'a str,
    /// The day it applies from (the date of the event), if it is a policy
    /// of this site.
    pub date: Option<Date>,
    pub repeal: bool,
}

/// What the amending document that produced this text changed in it
/// (from the comparison of the two texts): AKN `passiveModifications`.
pub struct Produced<'a> {
    pub by: &'a AmendingDocument,
    /// The date the text took effect.
    pub date: Date,
    pub articles: &'a [ArticleChange],
}

/// What the AKN of one text of a policy says about it.
pub struct Identity<'a> {
    pub page: &'a Page,
    pub meta: &'a PolicyMeta,
    /// The work's date: the written date, or for a policy with earlier
    /// texts the date of its first.
    pub work: Date,
    /// The date of this text (expression): the written date for the
    /// original.
    pub expression: Date,
    /// The date the file was made (the build's day).
    pub generated: Date,
    pub change: Option<Change<'a>>,
    /// For an amended text: the amendment that produced it.
    pub produced: Option<Produced<'a>>,
}

impl Identity<'_> {
    /// `/akn/cn/act/2015-12-16/shaoxing-measures-2015`: the work's IRI.
    fn work(&self) -> String {
        // The page's own URL is percent-encoded already.
        let slug = self
            .page
            .url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        format!("/akn/cn/act/{}/{slug}", self.work)
    }

    fn expression_uri(&self) -> String {
        format!("{}/zho@{}", self.work(), self.expression)
    }
}

/// The whole AKN document of one text of a policy.
pub fn policy(id: &Identity<'_>, doc: &PolicyDocument) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<akomaNtoso xmlns=\"{NAMESPACE}\">");
    out.push_str("<act name=\"policy\">\n");
    meta(&mut out, id, id.work(), &id.expression_uri());
    if let Some(notice) = &doc.notice {
        out.push_str("<coverPage eId=\"notice\">\n");
        for b in notice.header.iter().chain(&notice.blocks) {
            block(&mut out, b);
        }
        if let Some(t) = &notice.title {
            p(&mut out, "notice-title", t);
        }
        out.push_str("</coverPage>\n");
    }
    let title = doc
        .title
        .as_ref()
        .map(|t| t.text.as_str())
        .unwrap_or(&id.page.title);
    let _ = writeln!(
        out,
        "<preface>\n<longTitle><p>{}</p></longTitle>\n</preface>",
        esc(title)
    );
    if has_units(doc) {
        preamble(&mut out, doc);
        out.push_str("<body>\n");
        body(&mut out, doc);
        out.push_str("</body>\n");
    } else {
        // A text without articles (an amending decision, a notice): its
        // paragraphs are the body, which must hold a unit.
        let _ = writeln!(
            out,
            "<body>\n<hcontainer eId=\"{}text\" name=\"text\">\n<content>",
            doc.prefix
        );
        loose_blocks(&mut out, doc);
        out.push_str("</content>\n</hcontainer>\n</body>\n");
    }
    conclusions(&mut out, doc);
    if !doc.attachments.is_empty() {
        out.push_str("<attachments>\n");
        for a in &doc.attachments {
            let _ = writeln!(
                out,
                "<attachment eId=\"{}\">\n<doc name=\"attachment\">",
                a.eid
            );
            let work = format!("{}/{}", id.work(), a.eid);
            let expression = format!("{}/{}", id.expression_uri(), a.eid);
            identification(&mut out, id, work, &expression);
            out.push_str("</meta>\n");
            out.push_str("<preface>\n");
            let _ = writeln!(out, "<p class=\"num\">{}</p>", esc(&a.num));
            if let Some(t) = &a.title {
                let _ = writeln!(out, "<longTitle><p>{}</p></longTitle>", esc(&t.text));
            }
            out.push_str("</preface>\n");
            if has_units(&a.body) {
                preamble(&mut out, &a.body);
                out.push_str("<mainBody>\n");
                body(&mut out, &a.body);
            } else {
                // A table or a form: its blocks are its main body.
                out.push_str("<mainBody>\n");
                loose_blocks(&mut out, &a.body);
            }
            out.push_str("</mainBody>\n");
            conclusions(&mut out, &a.body);
            out.push_str("</doc>\n</attachment>\n");
        }
        out.push_str("</attachments>\n");
    }
    out.push_str("</act>\n</akomaNtoso>\n");
    out
}

/// Does the text have units (parts, chapters, sections, articles) for a
/// `<body>`?
fn has_units(doc: &PolicyDocument) -> bool {
    !(doc.articles.is_empty()
        && doc.chapters.is_empty()
        && doc.sections.is_empty()
        && doc.parts.is_empty()
        && doc.subparts.is_empty())
}

/// The blocks of a text without units (its preamble holds them all), at
/// least one.
fn loose_blocks(out: &mut String, doc: &PolicyDocument) {
    if let Some(h) = &doc.preamble_heading {
        p(out, "heading", h);
    }
    for b in &doc.preamble {
        block(out, b);
    }
    if doc.preamble.is_empty() && doc.preamble_heading.is_none() {
        out.push_str("<p/>\n");
    }
}

/// `<meta>` of the act: its identification, the publication, the
/// lifecycle and the references its events point at.
fn meta(out: &mut String, id: &Identity<'_>, work: String, expression: &str) {
    let m = id.meta;
    identification(out, id, work, expression);
    if let Some(d) = m.published {
        let _ = writeln!(
            out,
            "<publication date=\"{d}\" name=\"published\" showAs=\"{}\"/>",
            esc(&m.issuer)
        );
    }
    out.push_str("<lifecycle source=\"#gongkai\">\n");
    let _ = writeln!(
        out,
        "<eventRef eId=\"evt_1\" date=\"{}\" source=\"#original\" type=\"generation\"/>",
        id.work
    );
    // 施行日期 and the day after 有效期: the interval in force.
    if let Some(d) = m.effective {
        let _ = writeln!(
            out,
            "<eventRef eId=\"evt_effective\" date=\"{d}\" source=\"#original\" type=\"generation\" refersTo=\"#entryIntoForce\"/>"
        );
    }
    let end = m.expires.and_then(|d| d.tomorrow().ok());
    if let Some(d) = end {
        let _ = writeln!(
            out,
            "<eventRef eId=\"evt_expiry\" date=\"{d}\" source=\"#original\" type=\"repeal\" refersTo=\"#expiry\"/>"
        );
    }
    if let Some(c) = id.change.as_ref().filter(|c| c.date.is_some()) {
        let kind = if c.repeal { "repeal" } else { "amendment" };
        let _ = writeln!(
            out,
            "<eventRef eId=\"evt_2\" date=\"{}\" source=\"#changed_by\" type=\"{kind}\"/>",
            c.date.expect("filtered")
        );
    }
    if let Some(p) = &id.produced {
        let _ = writeln!(
            out,
            "<eventRef eId=\"evt_produced\" date=\"{}\" source=\"#produced_by\" type=\"amendment\"/>",
            p.date
        );
    }
    out.push_str("</lifecycle>\n");
    if let Some(p) = id
        .produced
        .as_ref()
        .filter(|p| p.articles.iter().any(|a| a.kind.is_change()))
    {
        out.push_str("<analysis source=\"#gongkai\">\n<passiveModifications>\n");
        for (n, a) in p.articles.iter().filter(|a| a.kind.is_change()).enumerate() {
            let kind = match a.kind {
                ChangeKind::Added => "insertion",
                ChangeKind::Deleted => "repeal",
                _ => "substitution",
            };
            let _ = writeln!(
                out,
                "<textualMod eId=\"pmod_{}\" type=\"{kind}\">\n<source href=\"#produced_by\"/>\n<destination href=\"#{}\"/>\n</textualMod>",
                n + 1,
                a.eid
            );
        }
        out.push_str("</passiveModifications>\n</analysis>\n");
    }
    if m.effective.is_some() || end.is_some() {
        let start = if m.effective.is_some() {
            "#evt_effective"
        } else {
            "#evt_1"
        };
        let end = if end.is_some() {
            " end=\"#evt_expiry\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<temporalData source=\"#gongkai\">\n<temporalGroup eId=\"tmp_inforce\">\n<timeInterval start=\"{start}\"{end} refersTo=\"#inForce\"/>\n</temporalGroup>\n</temporalData>"
        );
    }
    let _ = writeln!(out, "<references source=\"#gongkai\">");
    let _ = writeln!(
        out,
        "<original eId=\"original\" href=\"{}/zho@{}\" showAs=\"{}\"/>",
        id.work(),
        id.work,
        esc(&id.page.title)
    );
    if let Some(p) = &id.produced {
        let _ = writeln!(
            out,
            "<passiveRef eId=\"produced_by\" href=\"{}\" showAs=\"{}\"/>",
            esc(&p.by.url),
            esc(&p.by.title)
        );
    }
    if let Some(c) = &id.change {
        let _ = writeln!(
            out,
            "<passiveRef eId=\"changed_by\" href=\"{}\" showAs=\"{}\"/>",
            esc(c.url),
            esc(c.title)
        );
    }
    let _ = writeln!(
        out,
        "<TLCOrganization eId=\"issuer\" href=\"/ontology/organization/cn/issuer\" showAs=\"{}\"/>\n<TLCOrganization eId=\"gongkai\" href=\"/ontology/organization/gongkai\" showAs=\"gongkai\"/>",
        esc(&m.issuer)
    );
    if m.effective.is_some() {
        out.push_str("<TLCEvent eId=\"entryIntoForce\" href=\"/ontology/event/entryIntoForce\" showAs=\"施行\"/>\n");
    }
    if m.expires.is_some() {
        out.push_str(
            "<TLCEvent eId=\"expiry\" href=\"/ontology/event/expiry\" showAs=\"失效\"/>\n",
        );
    }
    if m.effective.is_some() || m.expires.is_some() {
        out.push_str(
            "<TLCConcept eId=\"inForce\" href=\"/ontology/concept/inForce\" showAs=\"有效\"/>\n",
        );
    }
    // 时效性 on the build's day.
    let status = match m.validity {
        Validity::NotYetInForce => "not_yet_in_force",
        Validity::InForce => "in_force",
        Validity::Amended => "amended",
        Validity::Repealed => "repealed",
        Validity::Expired => "expired",
    };
    let _ = writeln!(
        out,
        "<TLCConcept eId=\"status\" href=\"/ontology/concept/gongkai/status/{status}\" showAs=\"{status}\"/>\n</references>\n</meta>"
    );
}

/// `<meta>` and the identification (work, expression, manifestation) that
/// the act and each attachment have; an attachment's meta ends there (its
/// ids would repeat the act's).
fn identification(out: &mut String, id: &Identity<'_>, work: String, expression: &str) {
    let m = id.meta;
    out.push_str("<meta>\n<identification source=\"#gongkai\">\n");
    let _ = writeln!(
        out,
        "<FRBRWork>\n<FRBRthis value=\"{work}/!main\"/>\n<FRBRuri value=\"{work}\"/>\n<FRBRdate date=\"{}\" name=\"written\"/>\n<FRBRauthor href=\"#issuer\"/>\n<FRBRcountry value=\"cn\"/>",
        id.work
    );
    if let Some(n) = &m.doc_number {
        let _ = writeln!(out, "<FRBRnumber value=\"{}\"/>", esc(n));
    }
    let name = m.short_title.as_deref().unwrap_or(&id.page.title);
    let _ = writeln!(out, "<FRBRname value=\"{}\"/>\n</FRBRWork>", esc(name));
    let _ = writeln!(
        out,
        "<FRBRExpression>\n<FRBRthis value=\"{expression}/!main\"/>\n<FRBRuri value=\"{expression}\"/>\n<FRBRdate date=\"{}\" name=\"version\"/>\n<FRBRauthor href=\"#issuer\"/>\n<FRBRlanguage language=\"zho\"/>\n</FRBRExpression>",
        id.expression
    );
    let _ = writeln!(
        out,
        "<FRBRManifestation>\n<FRBRthis value=\"{expression}/!main.xml\"/>\n<FRBRuri value=\"{expression}.akn\"/>\n<FRBRdate date=\"{}\" name=\"generation\"/>\n<FRBRauthor href=\"#gongkai\"/>\n<FRBRformat value=\"application/akn+xml\"/>\n</FRBRManifestation>\n</identification>",
        id.generated
    );
}

fn preamble(out: &mut String, doc: &PolicyDocument) {
    if doc.preamble.is_empty() && doc.preamble_heading.is_none() {
        return;
    }
    let _ = writeln!(out, "<preamble eId=\"{}preamble\">", doc.prefix);
    if let Some(h) = &doc.preamble_heading {
        p(out, "heading", h);
    }
    for b in &doc.preamble {
        block(out, b);
    }
    out.push_str("</preamble>\n");
}

fn conclusions(out: &mut String, doc: &PolicyDocument) {
    if doc.conclusions.is_empty() {
        return;
    }
    let _ = writeln!(out, "<conclusions eId=\"{}conclusions\">", doc.prefix);
    for b in &doc.conclusions {
        block(out, b);
    }
    out.push_str("</conclusions>\n");
}

/// The units of a text in reading order, as the page has them (see
/// [`walk`]).
fn body(out: &mut String, doc: &PolicyDocument) {
    walk(doc, &mut Xml(out));
}

/// The AKN of the units: each its element, with its number, heading and
/// intro; one without units inside still holds a content (the schema wants
/// one or the other).
struct Xml<'a>(&'a mut String);

fn element(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Part => "part",
        UnitKind::Subpart => "subpart",
        UnitKind::Chapter => "chapter",
        UnitKind::Section => "section",
    }
}

impl Outline for Xml<'_> {
    fn open(&mut self, unit: &Unit<'_>, _depth: usize) {
        let out = &mut *self.0;
        let _ = writeln!(out, "<{} eId=\"{}\">", element(unit.kind), unit.eid);
        if !unit.num.is_empty() {
            let _ = writeln!(out, "<num>{}</num>", esc(unit.num));
        }
        let _ = writeln!(out, "<heading>{}</heading>", esc(&unit.heading.text));
        if !unit.intro.is_empty() {
            out.push_str("<intro>\n");
            for b in unit.intro {
                block(out, b);
            }
            out.push_str("</intro>\n");
        }
    }

    fn close(&mut self, unit: &Unit<'_>) {
        if unit.empty {
            self.0.push_str("<content><p/></content>\n");
        }
        let _ = writeln!(self.0, "</{}>", element(unit.kind));
    }

    fn article(&mut self, a: &Article) {
        article(self.0, a);
    }
}

fn article(out: &mut String, a: &Article) {
    let _ = writeln!(
        out,
        "<article eId=\"{}\">\n<num>{}</num>",
        a.eid,
        esc(&a.num)
    );
    if let Some(h) = &a.heading {
        let _ = writeln!(out, "<heading>{}</heading>", esc(&h.text));
    }
    match &a.paragraphs[..] {
        [] => out.push_str("<content><p/></content>\n"),
        [only] if only.eid.is_none() && only.items.is_empty() => {
            out.push_str("<content>\n");
            text(out, "", &only.text);
            out.push_str("</content>\n");
        }
        paragraphs => {
            for (k, para) in paragraphs.iter().enumerate() {
                let eid = para
                    .eid
                    .clone()
                    .unwrap_or_else(|| format!("{}__para_{}", a.eid, k + 1));
                let _ = writeln!(out, "<paragraph eId=\"{eid}\">");
                with_items(out, &para.text, &para.items);
                out.push_str("</paragraph>\n");
            }
        }
    }
    out.push_str("</article>\n");
}

/// A text with its items (项): an intro and points, or just content.
fn with_items(out: &mut String, t: &Text, items: &[Item]) {
    if items.is_empty() {
        out.push_str("<content>\n");
        text(out, "", t);
        out.push_str("</content>\n");
        return;
    }
    if !t.text.is_empty() {
        out.push_str("<intro>\n");
        text(out, "", t);
        out.push_str("</intro>\n");
    }
    for item in items {
        let _ = writeln!(
            out,
            "<point eId=\"{}\">\n<num>{}</num>",
            item.eid,
            esc(&item.num)
        );
        with_items(out, &item.text, &item.items);
        out.push_str("</point>\n");
    }
}

fn block(out: &mut String, b: &Block) {
    let class = match b.kind {
        BlockKind::Paragraph | BlockKind::Table => "",
        BlockKind::Addressee => "addressee",
        BlockKind::Signature => "signature",
        BlockKind::Date => "date",
    };
    text(out, class, &b.text);
}

/// A text as `<p>`, or a pasted markdown table as an AKN `<table>`.
fn text(out: &mut String, class: &str, t: &Text) {
    if t.table {
        table(out, &t.text);
    } else {
        p(out, class, t);
    }
}

fn p(out: &mut String, class: &str, t: &Text) {
    match class {
        "" => {
            let _ = writeln!(out, "<p>{}</p>", esc(&t.text));
        }
        class => {
            let _ = writeln!(out, "<p class=\"{class}\">{}</p>", esc(&t.text));
        }
    }
}

/// A markdown pipe table: the first row as headers, the delimiter row
/// left out.
fn table(out: &mut String, rows: &str) {
    out.push_str("<table>\n");
    let mut first = true;
    for row in rows.lines().map(str::trim).filter(|r| !r.is_empty()) {
        let cells: Vec<&str> = row
            .trim_start_matches('|')
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let delimiter = cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        if delimiter {
            continue;
        }
        let cell = if first { "th" } else { "td" };
        first = false;
        out.push_str("<tr>");
        for c in cells {
            let _ = write!(out, "<{cell}><p>{}</p></{cell}>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}
