//! Checking the names a user asks for (a plan, a language) against a scene, with the same
//! message wherever they are asked for: on the command line before any window opens, and
//! in the window when a scene arrives.

use crate::scene::Scene;

/// A plan that the scene does not have: the message lists the ones it has.
pub fn unknown_plan(scene: &Scene, name: &str) -> Option<String> {
    if scene.plan(name).is_some() {
        return None;
    }
    let names: Vec<&str> = scene.plans.iter().map(|p| p.name.as_str()).collect();
    Some(if names.is_empty() {
        format!("no plan `{name}`: the scene has no plans")
    } else {
        format!(
            "no plan `{name}`: the scene's plans are {}",
            names.join(", ")
        )
    })
}

/// A language (by its name) that is not among `available` (the names of the languages
/// the scene offers): the message lists them.
pub fn unknown_language(available: &[String], name: &str) -> Option<String> {
    if available.iter().any(|a| a == name) {
        return None;
    }
    Some(format!(
        "no language `{name}` in this scene: use one of {}",
        available.join(", ")
    ))
}

/// The names of the languages a scene offers in the window: its own list, resolved
/// (or the bundled ones when it lists none). A language that cannot be loaded is an error.
pub fn scene_language_names(
    scene: &Scene,
    scene_dir: Option<&std::path::Path>,
) -> Result<Vec<String>, crate::language::LanguageError> {
    if scene.languages.is_empty() {
        return Ok(crate::language::bundled_names()
            .into_iter()
            .map(str::to_owned)
            .collect());
    }
    scene
        .languages
        .iter()
        .map(|name| crate::language::resolve_for_scene(name, scene_dir).map(|l| l.name))
        .collect()
}

/// The nearest of `candidates` to a mistyped `word`, if any is near enough to suggest.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_list_what_exists() {
        let scene = crate::scene::pink_car().unwrap();
        assert_eq!(unknown_plan(&scene, "paint"), None);
        let message = unknown_plan(&scene, "pain").unwrap();
        assert!(
            message.contains("paint") && message.contains("hologram"),
            "{message}"
        );
        let names = scene_language_names(&scene, None).unwrap();
        assert_eq!(names, ["everyday", "optics", "neuro", "physics"]);
        assert!(unknown_language(&names, "optics").is_none());
        assert!(
            unknown_language(&names, "klingon")
                .unwrap()
                .contains("everyday, optics")
        );
    }

    #[test]
    fn suggestions_are_near_misses_only() {
        let commands = ["score", "explain", "bench", "impact", "measure"];
        assert_eq!(nearest("scroe", &commands), Some("score"));
        assert_eq!(nearest("mesure", &commands), Some("measure"));
        assert_eq!(nearest("zzzzzzzzzz", &commands), None);
    }
}
