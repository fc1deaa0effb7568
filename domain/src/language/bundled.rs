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
        include_str!("../../../assets/languages/everyday.ron"),
    ),
    (
        "optics",
        include_str!("../../../assets/languages/optics.ron"),
    ),
    ("neuro", include_str!("../../../assets/languages/neuro.ron")),
    (
        "physics",
        include_str!("../../../assets/languages/physics.ron"),
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
    /// A scene named a language it may not use.
    #[error("cannot use the language `{name}` named by the scene: {reason}")]
    Refused {
        /// The name the scene gave.
        name: String,
        /// Why it is refused.
        reason: String,
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
    document::parse_ron(path, "Language", text, validate)
}

/// Read language text without checking its rules: a recovery copy of a draft that was
/// refused (a Kraft violation being fixed) is restored as it was, and checked after.
pub fn parse_draft(path: &Path, text: &str) -> Result<Language, DocumentError> {
    document::parse_ron(path, "Language", text, |language: Language, _| Ok(language))
}

/// Read and validate a language file.
pub fn load(path: &Path) -> Result<Language, DocumentError> {
    parse(
        path,
        &document::read_text_limited(path, crate::limits::LANGUAGE_FILE_LIMIT)?,
    )
}

/// Whether a language reference is a path (has a slash or ends in `.ron`) rather than a name.
fn looks_like_path(name_or_path: &str) -> bool {
    name_or_path.contains(['/', '\\']) || name_or_path.ends_with(".ron")
}

/// Check a language reference written in a scene file, before anything is read: a scene
/// may name a bundled language, a language `languages/NAME.ron` in its own folder, or a
/// relative path inside its folder; never an absolute path or one that climbs out with
/// `..` (a scene from elsewhere must not make Ladders read `/etc/passwd`). When the
/// scene's folder is known, the file must also exist there.
pub fn check_scene_reference(name: &str, scene_dir: Option<&Path>) -> Result<(), String> {
    use std::path::Component;
    if bundled(name).is_some() {
        return Ok(());
    }
    let bundled = bundled_names().join(", ");
    if !looks_like_path(name) {
        let Some(dir) = scene_dir else { return Ok(()) };
        return if dir.join("languages").join(format!("{name}.ron")).is_file() {
            Ok(())
        } else {
            Err(format!(
                "unknown language `{name}`: it is not bundled ({bundled}) and the scene's folder has no languages/{name}.ron"
            ))
        };
    }
    let path = Path::new(name);
    let inside = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && !name.contains('\\');
    if !inside {
        return Err(format!(
            "a scene may name a bundled language ({bundled}) or a language file inside its own folder, not `{name}`; give a file elsewhere with --language"
        ));
    }
    match scene_dir {
        Some(dir) if !dir.join(path).is_file() => {
            Err(format!("no language file `{name}` in the scene's folder"))
        }
        _ => Ok(()),
    }
}

/// A language named by a scene file (see [`check_scene_reference`]): a bundled one, or a
/// file inside the scene's folder, resolved against that folder (not the current one).
/// A symbolic link that leads out of the folder is refused too.
pub fn resolve_for_scene(name: &str, scene_dir: Option<&Path>) -> Result<Language, LanguageError> {
    if let Some(found) = bundled(name) {
        return Ok(found?);
    }
    let refused = |reason: String| LanguageError::Refused {
        name: name.to_owned(),
        reason,
    };
    check_scene_reference(name, scene_dir).map_err(refused)?;
    let dir = scene_dir.unwrap_or(Path::new("."));
    let file = if looks_like_path(name) {
        dir.join(name)
    } else {
        dir.join("languages").join(format!("{name}.ron"))
    };
    let (Ok(real_dir), Ok(real_file)) = (dir.canonicalize(), file.canonicalize()) else {
        return Err(refused(format!(
            "no language file `{name}` in the scene's folder"
        )));
    };
    if !real_file.starts_with(&real_dir) {
        return Err(refused(format!(
            "`{name}` leads outside the scene's folder (through a link)"
        )));
    }
    Ok(load(&file)?)
}

/// A language the user named (on the command line, or by opening a file): a path (anything
/// with a slash or ending in `.ron`) is read from disk wherever it is; otherwise a bundled
/// language, then `languages/NAME.ron` beside the scene.
pub fn resolve(name_or_path: &str, scene_dir: Option<&Path>) -> Result<Language, LanguageError> {
    if looks_like_path(name_or_path) {
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

/// The RON text of a language, as a language file holds it.
pub fn to_ron(language: &Language) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .struct_names(true);
    ron::ser::to_string_pretty(language, config).map(|s| s + "\n")
}

/// Write `language` to `path` atomically, checking first that the text reads back as
/// the same language (a file that would not load is never written).
pub fn save(path: &Path, language: &Language) -> Result<(), DocumentError> {
    let text = to_ron(language).map_err(|e| DocumentError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    let reread = parse(path, &text)?;
    if &reread != language {
        return Err(DocumentError::Serialize {
            path: path.to_owned(),
            message: "the language does not read back as itself".into(),
        });
    }
    document::write_atomically(path, text.as_bytes()).map_err(|error| DocumentError::Io {
        path: path.to_owned(),
        error,
    })
}
