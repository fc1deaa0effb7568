//! Pieces of a language file written on their own: an action word's body or a state
//! word's names, as the language editor shows them in a text field. They read and write
//! exactly as inside a language file, so what a user learns in one place holds in the other.

use super::{Layer, Names, ParamType};
use crate::document::ron_options;
use crate::world::Prop;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The longest fragment read, in bytes: far beyond any body a language allows
/// ([`super::MAX_BODY_STEPS`] steps).
pub const FRAGMENT_LIMIT: usize = 64 * 1024;

/// `value` as it is written in a language file, on one line when short.
pub fn fragment_text<T: Serialize>(value: &T) -> String {
    let one_line = ron::ser::to_string(value).unwrap_or_default();
    if one_line.len() <= 72 {
        return one_line;
    }
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ".to_owned())
        .struct_names(false);
    ron::ser::to_string_pretty(value, config).unwrap_or(one_line)
}

/// Read `text` as a `what` (for the message: "body", "names"); an error says where:
/// "line 2, column 7: expected ...".
pub fn parse_fragment<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, String> {
    if text.len() > FRAGMENT_LIMIT {
        return Err(format!(
            "the {what} is {} bytes; at most {FRAGMENT_LIMIT} are read",
            text.len()
        ));
    }
    ron_options().from_str(text).map_err(|e| {
        let mut message = e.code.to_string();
        if let Some(first) = message.get(..1) {
            message = first.to_lowercase() + &message[1..];
        }
        format!(
            "the {what} does not read: line {}, column {}: {message}",
            e.span.start.line, e.span.start.col
        )
    })
}

/// A word's parameters as the editor writes them: `d: Dir, who: Entity`.
pub fn params_text(params: &[(String, ParamType)]) -> String {
    params
        .iter()
        .map(|(name, kind)| format!("{name}: {kind:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Read parameters written as [`params_text`] writes them (empty: none). Whether the
/// names are distinct and used is the language check's to say.
pub fn parse_params(text: &str) -> Result<Vec<(String, ParamType)>, String> {
    if text.len() > FRAGMENT_LIMIT {
        return Err(format!(
            "at most {FRAGMENT_LIMIT} bytes of parameters are read"
        ));
    }
    let types = "Dir, Entity, Cell or Color";
    text.split(',')
        .map(str::trim)
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            let (name, kind) = part.split_once(':').ok_or_else(|| {
                format!("parameter {} `{part}` has no type: write `{part}: Dir` ({types})", i + 1)
            })?;
            let name = name.trim();
            let valid = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !valid {
                return Err(format!(
                    "parameter {} `{name}`: a name is letters, digits and _, not starting with a digit",
                    i + 1
                ));
            }
            let kind = match kind.trim() {
                "Dir" => ParamType::Dir,
                "Entity" => ParamType::Entity,
                "Cell" => ParamType::Cell,
                "Color" => ParamType::Color,
                other => {
                    return Err(format!(
                        "parameter {} `{name}`: `{other}` is no type; the types are {types}",
                        i + 1
                    ));
                }
            };
            Ok((name.to_owned(), kind))
        })
        .collect()
}

/// The forms a state word's names take, each with an example to start from, in the order
/// the editor offers them.
pub fn names_forms() -> Vec<(&'static str, Names)> {
    vec![
        ("one property of an entity", Names::Property(Prop::Paint)),
        ("any one property of an entity", Names::AnyProperty),
        ("an entity's device", Names::Device),
        ("one cell of a layer", Names::Cell(Layer::Light)),
        ("a rectangle of cells", Names::Rect(Layer::Light)),
        ("the cells around an entity", Names::Around(Layer::Light, 1)),
        ("a refraction pattern", Names::Refraction),
        ("a projector's hologram", Names::Projection),
        ("exactly these variables", Names::Exactly(Vec::new())),
    ]
}

/// Which of [`names_forms`] `names` takes.
pub fn names_form(names: &Names) -> usize {
    names_forms()
        .iter()
        .position(|(_, example)| std::mem::discriminant(example) == std::mem::discriminant(names))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::super::{Body, DirRef, EntityRef, KindName, Step, VarName};
    use super::*;
    use crate::world::Dir;

    #[test]
    fn parameters_read_back_and_a_bad_one_is_named() {
        let params = vec![
            ("d".to_owned(), ParamType::Dir),
            ("who".to_owned(), ParamType::Entity),
        ];
        assert_eq!(params_text(&params), "d: Dir, who: Entity");
        assert_eq!(parse_params(&params_text(&params)).unwrap(), params);
        assert_eq!(parse_params("  ").unwrap(), Vec::new());
        let err = parse_params("d: Dir, e").unwrap_err();
        assert!(err.starts_with("parameter 2 `e` has no type"), "{err}");
        let err = parse_params("d: Direction").unwrap_err();
        assert!(err.contains("`Direction` is no type"), "{err}");
        assert!(parse_params("1x: Dir").is_err());
    }

    #[test]
    fn every_names_form_is_found_again() {
        for (i, (_, example)) in names_forms().iter().enumerate() {
            assert_eq!(names_form(example), i);
            let text = fragment_text(example);
            assert_eq!(
                &parse_fragment::<Names>("names", &text).unwrap(),
                example,
                "{text}"
            );
        }
    }

    #[test]
    fn a_body_and_names_read_back_as_written() {
        let body = Body::Steps(vec![
            Step::WalkTo(EntityRef::Nearest(KindName::PaintShop)),
            Step::Take(DirRef::Toward(EntityRef::Nearest(KindName::PaintShop))),
            Step::Move(DirRef::Dir(Dir::N)),
        ]);
        let text = fragment_text(&body);
        assert_eq!(parse_fragment::<Body>("body", &text).unwrap(), body);
        let names = Names::Exactly(vec![VarName::Entity("car".into(), Prop::Paint)]);
        let text = fragment_text(&names);
        assert_eq!(text, r#"Exactly([Entity("car",paint)])"#);
        assert_eq!(parse_fragment::<Names>("names", &text).unwrap(), names);
    }

    #[test]
    fn a_broken_fragment_says_where() {
        let err = parse_fragment::<Body>("body", "Steps([\n  Move(Dir(Q)),\n])").unwrap_err();
        assert!(
            err.starts_with("the body does not read: line 2, column"),
            "{err}"
        );
        let err = parse_fragment::<Body>("body", &" ".repeat(FRAGMENT_LIMIT + 1)).unwrap_err();
        assert!(err.contains("at most"), "{err}");
        // Nesting past the limit is an error, not a stack overflow.
        let deep = "Steps([".to_owned() + &"WalkTo(".repeat(10_000);
        assert!(parse_fragment::<Body>("body", &deep).is_err());
    }
}
