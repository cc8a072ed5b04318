//! Where rendered files go ([`Sink`]), and the counted writes of the
//! files made after the render tasks ([`Emit`]).

use crate::base::diagnostics::Diagnostic;

/// Where rendered files go: the staging folder, memory (incremental
/// rebuilds), or nowhere (`check`). Any `Fn(&str, &[u8])` closure is one.
pub(crate) trait Sink: Sync {
    /// Write `bytes` at `rel`, a `/`-separated path below the output.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// Write the file at `rel` as `fill` produces it. The open-data files
    /// reach hundreds of megabytes at province scale; streamed, none is
    /// held in memory. By default `fill` writes into memory and then
    /// [`Sink::write`] takes the bytes.
    fn stream(&self, rel: &str, fill: &mut Fill<'_>) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        fill(&mut bytes).map_err(|e| {
            Diagnostic::new(msg!(
                "cannot-make-file",
                file = rel,
                error = crate::base::words::io_error(&e)
            ))
        })?;
        self.write(rel, &bytes)
    }
}

/// Produces a streamed file's bytes into a writer.
pub(crate) type Fill<'a> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

impl<F> Sink for F
where
    F: Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync,
{
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self(rel, bytes)
    }
}

/// The files made after the render tasks, counted as they are written;
/// write failures are collected, not fatal at once.
pub(crate) struct Emit<'a> {
    pub(crate) sink: &'a dyn Sink,
    pub(crate) written: usize,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Emit<'_> {
    /// A file whose bytes are already made.
    pub(crate) fn bytes(&mut self, rel: &str, bytes: &[u8]) {
        self.done(self.sink.write(rel, bytes));
    }

    /// A file written as `fill` produces it (see [`Sink::stream`]).
    pub(crate) fn stream(&mut self, rel: &str, fill: &mut Fill<'_>) {
        self.done(self.sink.stream(rel, fill));
    }

    fn done(&mut self, result: Result<(), Diagnostic>) {
        match result {
            Ok(()) => self.written += 1,
            Err(d) => self.diagnostics.push(d),
        }
    }
}
