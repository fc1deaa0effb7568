//! Reading and writing scene files. Writes are atomic (see [`crate::document`]), so a
//! failed save never leaves a half-written scene.

use super::Scene;
use super::file::SceneFile;
use super::validate::validate;
use crate::document::{self, DocumentError};
use std::path::Path;

/// Parse and validate scene text; `path` names the file in errors.
pub fn parse(path: &Path, text: &str) -> Result<Scene, DocumentError> {
    document::parse_ron(path, "Scene", text, |file: SceneFile, loc| {
        validate(file, loc, path.parent())
    })
}

/// Read and validate the scene file at `path`.
pub fn load(path: &Path) -> Result<Scene, DocumentError> {
    parse(
        path,
        &document::read_text_limited(path, crate::limits::SCENE_FILE_LIMIT)?,
    )
}

/// The RON text of a scene.
pub fn to_ron(scene: &Scene) -> Result<String, ron::Error> {
    file_to_ron(&scene.to_file())
}

/// The RON text of a scene's file form.
pub(super) fn file_to_ron(file: &SceneFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .struct_names(true)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(file, config).map(|s| s + "\n")
}

/// Write `scene` to `path` atomically.
pub fn save(path: &Path, scene: &Scene) -> Result<(), DocumentError> {
    let text = to_ron(scene).map_err(|e| DocumentError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    document::write_atomically(path, text.as_bytes()).map_err(|error| DocumentError::Io {
        path: path.to_owned(),
        error,
    })
}
