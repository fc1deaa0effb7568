//! Finding languages: the bundled ones under `assets/languages/`, compiled into the
//! binary so the program works from any folder, and language files given by path.

use super::Language;
use super::validate::validate;
use crate::document::{self, DocumentError};
use std::path::Path;
use thiserror::Error;

/// The bundled languages as (name, RON text), in the order the GUI lists them.
pub const BUNDLED: [(&str, &str); 4] = [
    (
        "everyday",
        include_str!("../../assets/languages/everyday.ron"),
    ),
    ("optics", include_str!("../../assets/languages/optics.ron")),
    ("neuro", include_str!("../../assets/languages/neuro.ron")),
    (
        "physics",
        include_str!("../../assets/languages/physics.ron"),
    ),
];

/// Why a language could not be found or read.
#[derive(Debug, Error)]
pub enum LanguageError {
    /// The language file is unreadable or invalid.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// No bundled language, scene language or file has this name.
    #[error("unknown language `{name}`: expected one of {} or the path of a .ron language file", known.join(", "))]
    Unknown {
        /// The name asked for.
        name: String,
        /// The names that exist.
        known: Vec<String>,
    },
}

/// Names of the bundled languages.
pub fn bundled_names() -> Vec<&'static str> {
    BUNDLED.iter().map(|(n, _)| *n).collect()
}

/// A bundled language by name, parsed and validated.
pub fn bundled(name: &str) -> Option<Result<Language, DocumentError>> {
    BUNDLED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| parse(Path::new(&format!("assets/languages/{n}.ron")), text))
}

/// Parse and validate language text; `path` names the file in errors.
pub fn parse(path: &Path, text: &str) -> Result<Language, DocumentError> {
    document::parse_ron(path, text, validate)
}

/// Read and validate a language file.
pub fn load(path: &Path) -> Result<Language, DocumentError> {
    parse(path, &document::read_text(path)?)
}

/// A language by name or path: a path (anything with a slash or ending in `.ron`) is read
/// from disk; otherwise a bundled language, then `languages/NAME.ron` beside the scene.
pub fn resolve(name_or_path: &str, scene_dir: Option<&Path>) -> Result<Language, LanguageError> {
    let looks_like_path = name_or_path.contains(['/', '\\']) || name_or_path.ends_with(".ron");
    if looks_like_path {
        return Ok(load(Path::new(name_or_path))?);
    }
    if let Some(found) = bundled(name_or_path) {
        return Ok(found?);
    }
    if let Some(dir) = scene_dir {
        let beside = dir.join("languages").join(format!("{name_or_path}.ron"));
        if beside.is_file() {
            return Ok(load(&beside)?);
        }
    }
    Err(LanguageError::Unknown {
        name: name_or_path.to_owned(),
        known: bundled_names().into_iter().map(str::to_owned).collect(),
    })
}
