//! The user's `config.ron`: their own sensation types.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use serde::Deserialize;

use super::StoreError;
use crate::domain::{SensationCatalogue, SensationType};

/// What `config.ron` may hold. Every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Extra sensation types, e.g. `(id: "tightness", name: "Tightness", class: paresthesia)`.
    pub sensations: Vec<SensationType>,
}

/// Reads the config at `path`; a missing file means the defaults.
pub fn load_config(path: &Path) -> Result<Config, StoreError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(StoreError::io("read config", path)(e)),
    };
    ron::from_str(&text).map_err(|err| StoreError::from_ron(path, &err))
}

/// The sensation catalogue for the config at `path`.
pub fn load_sensations(path: &Path) -> Result<SensationCatalogue, StoreError> {
    let config = load_config(path)?;
    SensationCatalogue::with_custom(config.sensations).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: e.to_string(),
    })
}
