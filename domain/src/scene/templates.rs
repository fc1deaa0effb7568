//! The scenes a new scene can start from: an empty room and every bundled scene. They are
//! compiled in, so that File ▸ New from template works wherever the program is run from.

/// A scene to start from.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Its name in the menu.
    pub name: &'static str,
    /// The scene file's text.
    pub ron: &'static str,
}

/// Every template, the empty room first.
pub const TEMPLATES: [Template; 7] = [
    Template {
        name: "Empty room",
        ron: include_str!("../../../assets/new_scene.ron"),
    },
    Template {
        name: "The pink car",
        ron: include_str!("../../../scenes/pink_car.ron"),
    },
    Template {
        name: "The pink car from scratch",
        ron: include_str!("../../../scenes/pink_car_scratch.ron"),
    },
    Template {
        name: "Box (side effects)",
        ron: include_str!("../../../scenes/box.ron"),
    },
    Template {
        name: "Vase (side effects)",
        ron: include_str!("../../../scenes/vase.ron"),
    },
    Template {
        name: "Sushi (side effects)",
        ron: include_str!("../../../scenes/sushi.ron"),
    },
    Template {
        name: "Sushi with a goal (side effects)",
        ron: include_str!("../../../scenes/sushi_goal.ron"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_valid_scene_and_every_bundled_scene_is_a_template() {
        for t in TEMPLATES {
            super::super::parse(std::path::Path::new("untitled.ron"), t.ron)
                .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        }
        let bundled = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenes"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap());
        for text in bundled {
            assert!(
                TEMPLATES.iter().any(|t| t.ron == text),
                "a scene without a template"
            );
        }
    }
}
