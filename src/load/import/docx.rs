//! The parts of a `.docx` read into a [`WordDocument`]: the paragraphs and
//! tables of `word/document.xml` in reading order, each paragraph with the
//! number Word draws before it (resolved through `word/numbering.xml` and
//! the paragraph styles of `word/styles.xml`), its runs of text with bold
//! and italic, line and page breaks, and references to the footnotes and
//! endnotes (`word/footnotes.xml`, `word/endnotes.xml`). What has no place
//! in a policy page (images, text boxes, comments, formulas, embedded
//! objects) is counted, and tracked changes are read as accepted.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::numbering::{Counters, Label, Level, List, Numbering, Suffix};

/// A Word document as read: its blocks, notes, and what was left out.
#[derive(Debug, Default)]
pub struct WordDocument {
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes in the order they are referred to.
    pub notes: Vec<Note>,
    pub unplaced: Unplaced,
}

/// A footnote or an endnote, its text as runs.
#[derive(Debug, Clone, Default)]
pub struct Note {
    pub runs: Vec<Run>,
}

/// A block of the document body.
#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A paragraph: its drawn number, its runs, and the layout that tells the
/// parts of an official document apart.
#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    pub label: Option<Label>,
    pub runs: Vec<Run>,
    pub centered: bool,
    pub right: bool,
    /// Starts a new page (a page or section break before it).
    pub page_break_before: bool,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    /// A line break inside the paragraph (`w:br`, `w:cr`).
    Break,
    /// A reference to [`WordDocument::notes`]`[i]`.
    Note(usize),
}

impl Paragraph {
    /// The text as printed: number, separator and words; line breaks as
    /// `\n`, notes left out.
    pub fn plain(&self) -> String {
        let mut s = String::new();
        if let Some(label) = &self.label {
            s.push_str(&label.text);
            s.push_str(label_separator(label));
        }
        for r in &self.runs {
            match r {
                Run::Text { text, .. } => s.push_str(text),
                Run::Break => s.push('\n'),
                Run::Note(_) => {}
            }
        }
        s
    }
}

/// What goes between a drawn number and the text: official texts set a
/// full-width space after `第一条` and `第一章` (as `w:suff` tab or space
/// shows it), none after a closing bracket or a 、; `w:suff="nothing"` none.
pub fn label_separator(label: &Label) -> &'static str {
    let t = label.text.as_str();
    match label.suffix {
        Suffix::Nothing => "",
        _ if t.starts_with('第') && t.ends_with(['章', '节', '条', '编']) => "\u{3000}",
        _ if t.ends_with(['）', ')', '、', '．', '.', '】', '〕', ']']) => "",
        Suffix::Space => " ",
        Suffix::Tab => "\u{3000}",
    }
}

/// A table, row by row; merged cells are split, their text in the first.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
    /// `w:gridSpan`: how many grid columns the cell covers.
    pub span: u32,
    /// `w:vMerge` continuing the cell above.
    pub merged_above: bool,
}

/// What could not be placed on the page, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unplaced {
    pub images: usize,
    pub text_boxes: usize,
    pub charts: usize,
    pub objects: usize,
    pub formulas: usize,
    pub comments: usize,
    pub insertions: usize,
    pub deletions: usize,
    pub hidden: usize,
    pub merged_cells: usize,
    pub nested_tables: usize,
    /// Line breaks inside a paragraph (each starts a line of its own).
    pub line_breaks: usize,
}

/// A problem reading a part: its name, the byte position and the reason.
#[derive(Debug, Clone)]
pub struct XmlError {
    pub part: &'static str,
    pub position: u64,
    pub reason: String,
}

/// The value of attribute `name` (local name, any prefix).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`).
fn toggle(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// Every start, empty and end element of a part, with text, as one stream.
enum Xml {
    Open(BytesStart<'static>, bool),
    Close(String),
    Text(String),
}

fn events(part: &'static str, xml: &[u8]) -> Result<Vec<Xml>, XmlError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut out = vec![];
    let mut buf = vec![];
    let err = |reader: &Reader<&[u8]>, reason: String| XmlError {
        part,
        position: reader.error_position(),
        reason,
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| err(&reader, e.to_string()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => out.push(Xml::Open(e.into_owned(), false)),
            Event::Empty(e) => out.push(Xml::Open(e.into_owned(), true)),
            Event::End(e) => out.push(Xml::Close(
                String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
            )),
            Event::Text(t) => {
                let s = t.decode().map_err(|e| err(&reader, e.to_string()))?;
                out.push(Xml::Text(s.into_owned()));
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| err(&reader, e.to_string()))?;
                out.push(Xml::Text(s.into_owned()));
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| err(&reader, e.to_string()))?;
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&name)
                        .ok_or_else(|| err(&reader, format!("unknown entity &{name};")))?
                        .to_string(),
                    Err(e) => return Err(err(&reader, e.to_string())),
                };
                out.push(Xml::Text(resolved));
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A paragraph or character style of `styles.xml`.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    level: Option<u8>,
    justify: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// The styles of a document by id.
#[derive(Debug, Default)]
pub struct Styles {
    styles: BTreeMap<String, Style>,
}

impl Styles {
    /// Walk a style and the styles it is based on, nearest first.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = vec![];
        let mut next = Some(id.to_string());
        while let Some(id) = next {
            let Some(s) = self.styles.get(&id) else { break };
            if out.len() > 32 {
                break;
            }
            out.push(s);
            next = s.based_on.clone();
        }
        out
    }

    fn find<T>(&self, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        self.chain(id).into_iter().find_map(get)
    }
}

/// Read `word/styles.xml`.
pub fn read_styles(xml: &[u8]) -> Result<Styles, XmlError> {
    let mut styles = Styles::default();
    let mut current: Option<(String, Style)> = None;
    let mut in_rpr = false;
    for ev in events("word/styles.xml", xml)? {
        match ev {
            Xml::Open(e, empty) => {
                let name = local(&e);
                match name.as_str() {
                    "style" if !empty => {
                        current = attr(&e, "styleId").map(|id| (id, Style::default()));
                    }
                    "rPr" if !empty => in_rpr = true,
                    _ => {}
                }
                let Some((_, s)) = current.as_mut() else {
                    continue;
                };
                match name.as_str() {
                    "basedOn" => s.based_on = attr(&e, "val"),
                    "numId" => s.num_id = attr(&e, "val"),
                    "ilvl" => s.level = attr(&e, "val").and_then(|v| v.parse().ok()),
                    "jc" if !in_rpr => s.justify = attr(&e, "val"),
                    "b" if in_rpr => s.bold = Some(toggle(&e)),
                    "i" if in_rpr => s.italic = Some(toggle(&e)),
                    _ => {}
                }
            }
            Xml::Close(name) => match name.as_str() {
                "style" => {
                    if let Some((id, s)) = current.take() {
                        styles.styles.insert(id, s);
                    }
                }
                "rPr" => in_rpr = false,
                _ => {}
            },
            Xml::Text(_) => {}
        }
    }
    Ok(styles)
}

/// Read `word/numbering.xml`.
pub fn read_numbering(xml: &[u8]) -> Result<Numbering, XmlError> {
    let mut numbering = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut list: Option<(String, List)> = None;
    let mut override_level: Option<u8> = None;
    let mut level: Option<(u8, Level)> = None;
    for ev in events("word/numbering.xml", xml)? {
        match ev {
            Xml::Open(e, empty) => match local(&e).as_str() {
                "abstractNum" if !empty => abstract_id = attr(&e, "abstractNumId"),
                "numStyleLink" | "styleLink" if level.is_none() => {
                    if let (Some(a), Some(style)) = (&abstract_id, attr(&e, "val")) {
                        if local(&e) == "styleLink" {
                            numbering.list_styles.insert(style, a.clone());
                        } else {
                            numbering.style_links.insert(a.clone(), style);
                        }
                    }
                }
                "num" if !empty => {
                    list = attr(&e, "numId").map(|id| (id, List::default()));
                }
                "abstractNumId" => {
                    if let Some((_, l)) = list.as_mut() {
                        l.abstract_id = attr(&e, "val").unwrap_or_default();
                    }
                }
                "lvlOverride" if !empty => {
                    override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                }
                "startOverride" => {
                    if let (Some((_, l)), Some(i), Some(v)) = (
                        list.as_mut(),
                        override_level,
                        attr(&e, "val").and_then(|v| v.parse().ok()),
                    ) {
                        l.start_overrides.insert(i, v);
                    }
                }
                "lvl" if !empty => {
                    let i = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        i,
                        Level {
                            start: 1,
                            format: "decimal".into(),
                            ..Level::default()
                        },
                    ));
                }
                name => {
                    let Some((_, l)) = level.as_mut() else {
                        continue;
                    };
                    let val = attr(&e, "val");
                    match name {
                        "start" => l.start = val.and_then(|v| v.parse().ok()).unwrap_or(1),
                        "numFmt" => l.format = val.unwrap_or_default(),
                        "lvlText" => l.text = val.unwrap_or_default(),
                        "suff" => {
                            l.suffix = match val.as_deref() {
                                Some("space") => Suffix::Space,
                                Some("nothing") => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        "lvlRestart" => l.restart = val.and_then(|v| v.parse().ok()),
                        "isLgl" => l.legal = toggle(&e),
                        "pStyle" => l.style = val,
                        _ => {}
                    }
                }
            },
            Xml::Close(name) => match name.as_str() {
                "lvl" => {
                    if let Some((i, l)) = level.take() {
                        match (list.as_mut(), &abstract_id) {
                            (Some((_, list)), _) => {
                                list.levels.insert(i, l);
                            }
                            (None, Some(a)) => {
                                numbering
                                    .abstracts
                                    .entry(a.clone())
                                    .or_default()
                                    .insert(i, l);
                            }
                            _ => {}
                        }
                    }
                }
                "abstractNum" => abstract_id = None,
                "lvlOverride" => override_level = None,
                "num" => {
                    if let Some((id, l)) = list.take() {
                        numbering.lists.insert(id, l);
                    }
                }
                _ => {}
            },
            Xml::Text(_) => {}
        }
    }
    Ok(numbering)
}

/// Elements whose content is left out, and what each one is.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "instrText"
            | "delText"
            | "delInstrText"
            | "Fallback"
            | "drawing"
            | "pict"
            | "object"
            | "oMath"
            | "oMathPara"
            | "footnoteRef"
            | "endnoteRef"
            | "annotationRef"
            | "commentReference"
    )
}

/// The reader of one story (the body, or the notes): paragraphs and
/// tables as they come.
struct Story<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    blocks: Vec<Block>,
    unplaced: Unplaced,
    /// Note ids referred to, in order: (`footnote`/`endnote`, id).
    note_refs: Vec<(String, String)>,
    paragraph: Option<Paragraph>,
    para_style: Option<String>,
    num: Option<(Option<String>, Option<u8>)>,
    justify: Option<String>,
    break_next: bool,
    /// Open tables (nested ones are read into the cell of the outer one).
    tables: Vec<Table>,
    cell: Vec<Option<Cell>>,
    run: RunFormat,
    in_run_props: bool,
    in_para_props: bool,
    in_text: bool,
    /// Inside a skipped element: its name and nesting depth.
    skipping: Option<(String, usize)>,
    /// What a skipped drawing holds.
    drawing: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
struct RunFormat {
    bold: Option<bool>,
    italic: Option<bool>,
    style: Option<String>,
    hidden: bool,
}

impl<'a> Story<'a> {
    fn new(styles: &'a Styles, numbering: &'a Numbering) -> Story<'a> {
        Story {
            styles,
            numbering,
            counters: Counters::default(),
            blocks: vec![],
            unplaced: Unplaced::default(),
            note_refs: vec![],
            paragraph: None,
            para_style: None,
            num: None,
            justify: None,
            break_next: false,
            tables: vec![],
            cell: vec![],
            run: RunFormat::default(),
            in_run_props: false,
            in_para_props: false,
            in_text: false,
            skipping: None,
            drawing: None,
        }
    }

    fn push_run(&mut self, run: Run) {
        let Some(p) = self.paragraph.as_mut() else {
            return;
        };
        if let (
            Run::Text { text, bold, italic },
            Some(Run::Text {
                text: last,
                bold: b,
                italic: i,
            }),
        ) = (&run, p.runs.last_mut())
        {
            if bold == b && italic == i {
                last.push_str(text);
                return;
            }
        }
        p.runs.push(run);
    }

    fn text(&mut self, text: &str) {
        if self.run.hidden {
            self.unplaced.hidden += 1;
            return;
        }
        let style = self.run.style.clone();
        let from_style = |get: fn(&Style) -> Option<bool>| {
            style
                .as_deref()
                .and_then(|s| self.styles.find(s, get))
                .unwrap_or(false)
        };
        let bold = self.run.bold.unwrap_or_else(|| from_style(|s| s.bold));
        let italic = self.run.italic.unwrap_or_else(|| from_style(|s| s.italic));
        self.push_run(Run::Text {
            text: text.to_string(),
            bold,
            italic,
        });
    }

    fn start_paragraph(&mut self) {
        self.paragraph = Some(Paragraph {
            page_break_before: std::mem::take(&mut self.break_next),
            ..Paragraph::default()
        });
        self.para_style = None;
        self.num = None;
        self.justify = None;
    }

    /// A page break inside a paragraph: the text after it is a paragraph
    /// of the next page.
    fn page_break(&mut self) {
        let has_text = self
            .paragraph
            .as_ref()
            .is_some_and(|p| !p.plain().trim().is_empty());
        if has_text {
            let (style, justify) = (self.para_style.clone(), self.justify.clone());
            self.end_paragraph();
            self.start_paragraph();
            self.para_style = style;
            self.justify = justify;
            if let Some(p) = self.paragraph.as_mut() {
                p.page_break_before = true;
            }
        } else if let Some(p) = self.paragraph.as_mut() {
            p.page_break_before = true;
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut p) = self.paragraph.take() else {
            return;
        };
        let style = self.para_style.clone();
        let styles = self.styles;
        let from_style =
            |get: fn(&Style) -> Option<String>| style.as_deref().and_then(|s| styles.find(s, get));
        let justify = self
            .justify
            .clone()
            .or_else(|| from_style(|s| s.justify.clone()));
        p.centered = matches!(justify.as_deref(), Some("center"));
        p.right = matches!(justify.as_deref(), Some("right" | "end"));
        // Numbering: the paragraph's own, else its style's.
        let (num_id, level) = match self.num.clone() {
            Some((id, level)) => (
                id.or_else(|| from_style(|s| s.num_id.clone())),
                level.or_else(|| style.as_deref().and_then(|s| styles.find(s, |s| s.level))),
            ),
            None => (
                from_style(|s| s.num_id.clone()),
                style.as_deref().and_then(|s| styles.find(s, |s| s.level)),
            ),
        };
        if let Some(num_id) = num_id {
            let level = level
                .or_else(|| {
                    style
                        .as_deref()
                        .and_then(|s| self.numbering.level_of_style(&num_id, s))
                })
                .unwrap_or(0);
            p.label = self.counters.next(self.numbering, &num_id, level);
        }
        self.finish_block(Block::Paragraph(p));
    }

    fn finish_block(&mut self, block: Block) {
        if let Some(Some(cell)) = self.cell.last_mut() {
            match block {
                Block::Paragraph(p) => cell.paragraphs.push(p),
                Block::Table(t) => {
                    // A table inside a cell: its text in the cell.
                    self.unplaced.nested_tables += 1;
                    for row in t.rows {
                        for c in row {
                            cell.paragraphs.extend(c.paragraphs);
                        }
                    }
                }
            }
            return;
        }
        self.blocks.push(block);
    }

    fn open(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = local(e);
        if let Some((skip, depth)) = self.skipping.as_mut() {
            if !empty && name == *skip {
                *depth += 1;
            }
            // What a drawing holds (a Fallback's copy is not counted).
            if self.drawing.is_some() {
                match name.as_str() {
                    "txbxContent" | "textbox" => self.drawing = Some("text box"),
                    "chart" if self.drawing != Some("text box") => self.drawing = Some("chart"),
                    _ => {}
                }
            }
            return;
        }
        if skipped(&name) {
            match name.as_str() {
                "del" | "moveFrom" => self.unplaced.deletions += 1,
                "drawing" | "pict" => self.drawing = Some("image"),
                "object" => self.drawing = Some("object"),
                "oMath" | "oMathPara" => self.unplaced.formulas += 1,
                "commentReference" => self.unplaced.comments += 1,
                _ => {}
            }
            if !empty {
                self.skipping = Some((name, 1));
            } else {
                self.count_drawing();
            }
            return;
        }
        match name.as_str() {
            "p" if !empty => self.start_paragraph(),
            "p" => {
                self.start_paragraph();
                self.end_paragraph();
            }
            "pPr" if !empty => self.in_para_props = true,
            "rPr" if !empty => self.in_run_props = true,
            "pStyle" if self.in_para_props => self.para_style = attr(e, "val"),
            "numId" if self.in_para_props => {
                self.num.get_or_insert((None, None)).0 = attr(e, "val");
            }
            "ilvl" if self.in_para_props => {
                self.num.get_or_insert((None, None)).1 =
                    attr(e, "val").and_then(|v| v.parse().ok());
            }
            "jc" if self.in_para_props && !self.in_run_props => self.justify = attr(e, "val"),
            "pageBreakBefore" if self.in_para_props && !self.in_run_props && toggle(e) => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.page_break_before = true;
                }
            }
            // A section break ends a page after this paragraph.
            "sectPr" if self.in_para_props => self.break_next = true,
            "r" if !empty => self.run = RunFormat::default(),
            "b" if self.in_run_props && !self.in_para_props => self.run.bold = Some(toggle(e)),
            "i" if self.in_run_props && !self.in_para_props => self.run.italic = Some(toggle(e)),
            "vanish" if self.in_run_props && !self.in_para_props => self.run.hidden = toggle(e),
            "rStyle" if self.in_run_props => self.run.style = attr(e, "val"),
            "t" if !empty => self.in_text = true,
            "tab" if !self.in_para_props => self.text("\t"),
            "noBreakHyphen" => self.text("-"),
            "br" | "cr" => match attr(e, "type").as_deref() {
                Some("page") => self.page_break(),
                Some("column") => {}
                _ => {
                    self.unplaced.line_breaks += 1;
                    self.push_run(Run::Break);
                }
            },
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = attr(e, "id") {
                    let kind = name.trim_end_matches("Reference").to_string();
                    self.note_refs.push((kind, id));
                    let i = self.note_refs.len() - 1;
                    self.push_run(Run::Note(i));
                }
            }
            "ins" | "moveTo" if !empty => self.unplaced.insertions += 1,
            "commentRangeStart" => {}
            "tbl" if !empty => {
                self.tables.push(Table::default());
                self.cell.push(None);
            }
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(vec![]);
                }
            }
            "tc" if !empty => {
                if let Some(c) = self.cell.last_mut() {
                    *c = Some(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
            }
            "gridSpan" => {
                if let Some(Some(c)) = self.cell.last_mut() {
                    c.span = attr(e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .max(1);
                    if c.span > 1 {
                        self.unplaced.merged_cells += 1;
                    }
                }
            }
            "vMerge" => {
                if let Some(Some(c)) = self.cell.last_mut() {
                    let restart = attr(e, "val").as_deref() == Some("restart");
                    c.merged_above = !restart;
                    if !restart {
                        self.unplaced.merged_cells += 1;
                    }
                }
            }
            _ => {}
        }
    }

    fn count_drawing(&mut self) {
        match self.drawing.take() {
            Some("text box") => self.unplaced.text_boxes += 1,
            Some("chart") => self.unplaced.charts += 1,
            Some("object") => self.unplaced.objects += 1,
            Some(_) => self.unplaced.images += 1,
            None => {}
        }
    }

    fn close(&mut self, name: &str) {
        if let Some((skip, depth)) = self.skipping.as_mut() {
            if name == *skip {
                *depth -= 1;
                if *depth == 0 {
                    self.skipping = None;
                    self.count_drawing();
                }
            }
            return;
        }
        match name {
            "p" => self.end_paragraph(),
            "pPr" => self.in_para_props = false,
            "rPr" => self.in_run_props = false,
            "t" => self.in_text = false,
            "tc" => {
                let cell = self.cell.last_mut().and_then(Option::take);
                if let (Some(t), Some(c)) = (self.tables.last_mut(), cell) {
                    if let Some(row) = t.rows.last_mut() {
                        row.push(c);
                    }
                }
            }
            "tbl" => {
                self.cell.pop();
                if let Some(t) = self.tables.pop() {
                    self.finish_block(Block::Table(t));
                }
            }
            _ => {}
        }
    }

    fn feed(&mut self, ev: Xml) {
        match ev {
            Xml::Open(e, empty) => self.open(&e, empty),
            Xml::Close(name) => self.close(&name),
            Xml::Text(t) if self.in_text && self.skipping.is_none() => self.text(&t),
            Xml::Text(_) => {}
        }
    }
}

/// The notes of `word/footnotes.xml` or `word/endnotes.xml` by id, each
/// as its paragraphs' runs (paragraphs separated by line breaks).
pub fn read_notes(
    part: &'static str,
    xml: &[u8],
    styles: &Styles,
    numbering: &Numbering,
) -> Result<BTreeMap<String, Vec<Run>>, XmlError> {
    let mut notes = BTreeMap::new();
    let mut story = Story::new(styles, numbering);
    let mut current: Option<String> = None;
    for ev in events(part, xml)? {
        match &ev {
            Xml::Open(e, false) if matches!(local(e).as_str(), "footnote" | "endnote") => {
                let separator = attr(e, "type").is_some_and(|t| t != "normal");
                current = if separator { None } else { attr(e, "id") };
                story.blocks.clear();
                continue;
            }
            Xml::Close(name) if name == "footnote" || name == "endnote" => {
                if let Some(id) = current.take() {
                    let mut runs: Vec<Run> = vec![];
                    for b in story.blocks.drain(..) {
                        if let Block::Paragraph(p) = b {
                            if !runs.is_empty() && !p.runs.is_empty() {
                                runs.push(Run::Break);
                            }
                            runs.extend(p.runs);
                        }
                    }
                    notes.insert(id, runs);
                }
                continue;
            }
            _ => {}
        }
        story.feed(ev);
    }
    Ok(notes)
}

/// The parts of a `.docx` this reader uses, as bytes.
pub struct Parts<'a> {
    pub document: &'a [u8],
    pub styles: Option<&'a [u8]>,
    pub numbering: Option<&'a [u8]>,
    pub footnotes: Option<&'a [u8]>,
    pub endnotes: Option<&'a [u8]>,
    /// `word/comments.xml` is there.
    pub has_comments: bool,
}

/// Read a document from its parts.
pub fn read(parts: &Parts<'_>) -> Result<WordDocument, XmlError> {
    let styles = match parts.styles {
        Some(x) => read_styles(x)?,
        None => Styles::default(),
    };
    let numbering = match parts.numbering {
        Some(x) => read_numbering(x)?,
        None => Numbering::default(),
    };
    let mut story = Story::new(&styles, &numbering);
    for ev in events("word/document.xml", parts.document)? {
        story.feed(ev);
    }
    let footnotes = match parts.footnotes {
        Some(x) => read_notes("word/footnotes.xml", x, &styles, &numbering)?,
        None => BTreeMap::new(),
    };
    let endnotes = match parts.endnotes {
        Some(x) => read_notes("word/endnotes.xml", x, &styles, &numbering)?,
        None => BTreeMap::new(),
    };
    let notes = story
        .note_refs
        .iter()
        .map(|(kind, id)| {
            let found = if kind == "footnote" {
                footnotes.get(id)
            } else {
                endnotes.get(id)
            };
            Note {
                runs: found.cloned().unwrap_or_default(),
            }
        })
        .collect();
    let mut unplaced = story.unplaced;
    if parts.has_comments && unplaced.comments == 0 {
        unplaced.comments = 1;
    }
    Ok(WordDocument {
        blocks: story.blocks,
        notes,
        unplaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn read_body(body: &str) -> WordDocument {
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        read(&Parts {
            document: document.as_bytes(),
            styles: None,
            numbering: None,
            footnotes: None,
            endnotes: None,
            has_comments: false,
        })
        .unwrap()
    }

    fn texts(doc: &WordDocument) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.plain(),
                Block::Table(_) => "<table>".into(),
            })
            .collect()
    }

    #[test]
    fn entities_breaks_and_tabs() {
        let doc = read_body(
            r#"<w:p><w:r><w:t>甲&amp;乙&#x4E19;</w:t><w:br/><w:t xml:space="preserve">丁 </w:t><w:tab/><w:t>戊</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&doc), ["甲&乙丙\n丁 \t戊"]);
    }

    #[test]
    fn tracked_changes_are_read_as_accepted_and_counted() {
        let doc = read_body(
            r#"<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&doc), ["保留插入"]);
        assert_eq!(doc.unplaced.deletions, 1);
        assert_eq!(doc.unplaced.insertions, 1);
        assert_eq!(doc.unplaced.hidden, 1);
    }

    #[test]
    fn drawings_are_counted_once_and_their_text_left_out() {
        let doc = read_body(
            r#"<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x"><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="v"><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:drawing><pic:pic xmlns:pic="p"/></w:drawing><w:t>后</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&doc), ["前后"]);
        assert_eq!(doc.unplaced.text_boxes, 1);
        assert_eq!(doc.unplaced.images, 1);
    }

    #[test]
    fn a_page_break_inside_a_paragraph_starts_a_new_one() {
        let doc = read_body(
            r#"<w:p><w:r><w:t>一页</w:t><w:br w:type="page"/><w:t>附件1</w:t></w:r></w:p><w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>节末</w:t></w:r></w:p><w:p><w:r><w:t>新节</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&doc), ["一页", "附件1", "节末", "新节"]);
        let breaks: Vec<bool> = doc
            .blocks
            .iter()
            .map(|b| matches!(b, Block::Paragraph(p) if p.page_break_before))
            .collect();
        assert_eq!(breaks, [false, true, false, true]);
    }

    #[test]
    fn merged_cells_and_nested_tables() {
        let doc = read_body(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
        );
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("a table")
        };
        assert_eq!(t.rows[0][0].span, 2);
        assert_eq!(t.rows[1][0].paragraphs[0].plain(), "内");
        assert_eq!(doc.unplaced.merged_cells, 1);
        assert_eq!(doc.unplaced.nested_tables, 1);
    }

    #[test]
    fn numbering_from_a_style_linked_to_a_level() {
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>"#
        );
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl><w:lvl w:ilvl="1"><w:pStyle w:val="H2"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%2节"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
        );
        let document = format!(
            r#"<w:document {W}><w:body><w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr><w:r><w:t>总则</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr><w:r><w:t>分则</w:t></w:r></w:p></w:body></w:document>"#
        );
        let doc = read(&Parts {
            document: document.as_bytes(),
            styles: Some(styles.as_bytes()),
            numbering: Some(numbering.as_bytes()),
            footnotes: None,
            endnotes: None,
            has_comments: false,
        })
        .unwrap();
        assert_eq!(texts(&doc), ["第一节\u{3000}总则", "第二节\u{3000}分则"]);
    }

    #[test]
    fn malformed_xml_is_an_error_with_its_part() {
        let e = read(&Parts {
            document: b"<w:document><w:body><w:p></w:body>",
            styles: None,
            numbering: None,
            footnotes: None,
            endnotes: None,
            has_comments: false,
        })
        .unwrap_err();
        assert_eq!(e.part, "word/document.xml");
    }
}
