//! `gongkai.yaml`: read from the site's root and parsed into the model's
//! [`Config`].

use std::path::Path;

use crate::base::diagnostics::Diagnostic;
use crate::base::files::read_utf8;
use crate::model::config::{CONFIG_FILE, Config};

/// Read and validate `gongkai.yaml` under `root`.
pub fn load(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    if !path.exists() {
        return Err(Diagnostic::in_file(&path, msg!("config-missing"))
            .with_help(msg!("config-missing-help")));
    }
    Config::parse(&read_utf8(&path, Path::new(CONFIG_FILE))?)
}
