//! A page's text read again when it is rendered, indexed or linked: the
//! whole file, where its body starts after the front matter, and for a
//! policy the structure parsed from that body. The one place where
//! read → body → policy structure happens, so that rendering, search, the
//! directory's 落实情况 and serve all see the same text.

use std::path::Path;
use std::sync::Arc;

use super::front_matter;
use crate::base::diagnostics::Diagnostic;
use crate::model::content::{Page, Section};
use crate::model::policy::{self, PolicyDocument, StructureError};

/// A content file's text and where its body starts.
pub struct PageText {
    /// The whole file, for diagnostics that show a snippet.
    pub text: Arc<str>,
    /// Byte offset of the body (after the front matter) in `text`.
    pub offset: usize,
}

impl PageText {
    /// Read a page's file again and find its body.
    pub fn of_page(page: &Page) -> Result<Self, Diagnostic> {
        Self::split(&page.file, page.read()?)
    }

    /// Read a section's `_index.md` again (empty when it has none) and find
    /// its body.
    pub fn of_section(section: &Section) -> Result<Self, Diagnostic> {
        Self::split(&section.file, section.read()?)
    }

    /// Read another file that holds a policy text (an earlier version)
    /// and find its body.
    pub fn of_file(file: &Path, disk: &Path) -> Result<Self, Diagnostic> {
        Self::split(file, crate::base::files::read_utf8(disk, file)?)
    }

    fn split(file: &Path, text: Arc<str>) -> Result<Self, Diagnostic> {
        let offset = front_matter::split(file, &text, &text)?.body_offset;
        Ok(Self { text, offset })
    }

    /// The body: everything after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.offset..]
    }

    /// The body read as an official document: 章, 条, 款, 项 with the
    /// places of their text in the file.
    pub fn policy(&self) -> Result<PolicyDocument, Vec<StructureError>> {
        policy::parse(self.body(), self.offset)
    }
}
