//! Policy documents (政策文件): detect the structure of an official text
//! pasted as published — the notice (通知) that issued it, chapters
//! (`一、`, `第X章`), sections (`第X节`), articles (`第X条`, or numbered
//! paragraphs `1．`/`1.` at article level), paragraphs (款) and items
//! (`（一）`, `(1)`) — and give every unit a stable id in the Akoma Ntoso
//! naming convention (`chp_2`, `art_6`, `art_6__para_2`, `art_6__item_1`;
//! an inserted `第十七条之一` is `art_17-1`, `第二章之一` is `chp_2-1`).
//! Quoted text and the numbered instructions of an amending decision are
//! never structure; article numbers that skip or go backwards are warnings.
//!
//! One line of the body is one paragraph of the official text. Markdown
//! structure that editors add: a level-1 heading (`# …`) for the notice's
//! title and another for the title of the main text, and an optional
//! thematic break (`***`) before closing text that follows the last article.

pub mod numbers;

mod amendment;
mod document;
mod line;
mod order;
mod parse;

pub use document::{Article, Block, BlockKind, Chapter, Item, PolicyDocument, StructureError};
pub use parse::{parse, summary};

#[cfg(test)]
mod tests;
