//! The build's own sinks: one that claims every path before writing it
//! (so that two outputs never share a URL), and `check`'s, which keeps
//! nothing.

use crate::base::diagnostics::Diagnostic;
use crate::base::sink::{Fill, Sink};
use crate::write::claims::{Claims, Owner};

/// A sink that claims every path for `owner` before writing it.
pub(super) struct Claimed<'a> {
    pub(super) sink: &'a dyn Sink,
    pub(super) claims: &'a Claims,
    pub(super) owner: &'a Owner,
}

impl Sink for Claimed<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.claims.claim(rel, self.owner)?;
        self.sink.write(rel, bytes)
    }

    fn stream(&self, rel: &str, fill: &mut Fill<'_>) -> Result<(), Diagnostic> {
        self.claims.claim(rel, self.owner)?;
        self.sink.stream(rel, fill)
    }
}

/// `check`'s sink: renders everything, keeps nothing.
pub(super) struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn stream(&self, rel: &str, fill: &mut Fill<'_>) -> Result<(), Diagnostic> {
        fill(&mut std::io::sink()).map_err(|e| {
            Diagnostic::new(msg!(
                "cannot-make-file",
                file = rel,
                error = crate::base::words::io_error(&e)
            ))
        })
    }
}
