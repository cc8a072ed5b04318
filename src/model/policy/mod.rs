//! Policy documents (政策文件): detect the structure of an official text
//! pasted as published — the notice (通知) that issued it, a pasted table
//! of contents (目录, kept, never structure), the preamble (序言), parts
//! (`第X编`), chapters (`一、`, `第X章`, an unnumbered `附则`), sections
//! (`第X节`), articles (`第X条`, or numbered paragraphs `1．`/`1.` at
//! article level), paragraphs (款), items (`（一）`, `(1)`), tables
//! (markdown `| … |` rows), the closing lines and the attachments (附件,
//! 附表) — and give every unit a stable id in the Akoma Ntoso naming
//! convention (`chp_2`, `art_6`, `art_6__para_2`, `art_6__item_1`; an
//! inserted `第十七条之一` is `art_17-1`, `第二章之一` is `chp_2-1`; a
//! chapter of a part is `part_1__chp_2`; an attachment's article is
//! `att_1__art_3`). Quoted text, the list of attachments (附件说明) and the
//! numbered instructions of an amending decision are never structure;
//! article numbers that skip or go backwards are warnings.
//!
//! One line of the body is one paragraph of the official text. Markdown
//! structure that editors add: a level-1 heading (`# …`) for the notice's
//! title and another for the title of the main text, and an optional
//! thematic break (`***`) before closing text that follows the last article
//! (a date line under the issuer's name closes the text without one).

pub mod numbers;

mod amendment;
mod compare;
mod document;
mod line;
mod order;
mod outline;
mod parse;

pub use amendment::{Instruction, NamedArticle, Role, instructions};
pub use compare::{ArticleChange, ChangeKind, article_text, compare};
pub use document::{
    Article, Block, BlockKind, Chapter, Item, Part, PolicyDocument, StructureError, Text,
};
pub use outline::{Outline, Unit, UnitKind, walk};
pub use parse::{parse, summary};

#[cfg(test)]
mod tests;
