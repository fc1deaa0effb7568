//! The scene's technology tree as a small graph: one node per technology, coloured by
//! its level, in columns by the length of its prerequisite chain, with an arrow from
//! each prerequisite to what needs it. Clicking a node raises its level (locked,
//! available, commodified, then locked again): an undoable edit of the scene.

use egui::{Color32, Rect, RichText, Stroke, vec2};
use ladders_domain::world::TechLevel;

/// One technology as the graph draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeNode {
    /// Its name.
    pub name: String,
    /// Its level in the scene.
    pub level: TechLevel,
    /// Its prerequisites, as indices into the node list.
    pub requires: Vec<usize>,
    /// Where the world can develop it, e.g. "at lab, 4 work steps".
    pub site: Option<String>,
}

const NODE: egui::Vec2 = vec2(150.0, 40.0);
const GAP: egui::Vec2 = vec2(60.0, 14.0);

/// The colour of a level's node.
pub fn level_colour(level: TechLevel) -> Color32 {
    match level {
        TechLevel::Locked => Color32::from_rgb(110, 110, 110),
        TechLevel::Available => Color32::from_rgb(50, 110, 180),
        TechLevel::Commodified => Color32::from_rgb(46, 125, 70),
    }
}

/// The level a click moves a node to.
pub fn next_level(level: TechLevel) -> TechLevel {
    match level {
        TechLevel::Locked => TechLevel::Available,
        TechLevel::Available => TechLevel::Commodified,
        TechLevel::Commodified => TechLevel::Locked,
    }
}

/// Each node's column: the length of its longest prerequisite chain. The scene refuses
/// cycles; were one here, the passes stop after as many rounds as there are nodes.
pub fn columns(nodes: &[TreeNode]) -> Vec<usize> {
    let mut column = vec![0usize; nodes.len()];
    for _ in 0..nodes.len() {
        let mut changed = false;
        for (i, node) in nodes.iter().enumerate() {
            let deepest = node
                .requires
                .iter()
                .filter_map(|&r| column.get(r))
                .map(|c| c + 1)
                .max()
                .unwrap_or(0)
                .min(nodes.len());
            if deepest != column[i] {
                column[i] = deepest;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    column
}

/// Draw the graph; the index of the node clicked, if one was.
pub fn ui(ui: &mut egui::Ui, nodes: &[TreeNode]) -> Option<usize> {
    if nodes.is_empty() {
        ui.weak("This scene has no technologies.");
        return None;
    }
    let column = columns(nodes);
    let mut rows = vec![0usize; nodes.len()];
    let mut filled = vec![0usize; nodes.len() + 1];
    for (i, &c) in column.iter().enumerate() {
        rows[i] = filled[c];
        filled[c] += 1;
    }
    let width = column.iter().max().map_or(1, |c| c + 1) as f32;
    let height = filled.iter().max().copied().unwrap_or(1) as f32;
    let size = vec2(
        width * (NODE.x + GAP.x) - GAP.x,
        height * (NODE.y + GAP.y) - GAP.y,
    );
    let (area, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let rect_of = |i: usize| {
        let min = area.min
            + vec2(
                column[i] as f32 * (NODE.x + GAP.x),
                rows[i] as f32 * (NODE.y + GAP.y),
            );
        Rect::from_min_size(min, NODE)
    };
    let arrow = Stroke::new(1.5, ui.visuals().text_color());
    for (i, node) in nodes.iter().enumerate() {
        for &r in node.requires.iter().filter(|&&r| r < nodes.len()) {
            let from = rect_of(r).right_center();
            let to = rect_of(i).left_center() - vec2(2.0, 0.0);
            ui.painter().arrow(from, to - from, arrow);
        }
    }
    let mut clicked = None;
    for (i, node) in nodes.iter().enumerate() {
        let text = RichText::new(format!("{}\n{}", node.name, node.level)).color(Color32::WHITE);
        let button = egui::Button::new(text)
            .fill(level_colour(node.level))
            .corner_radius(6.0);
        let response = ui.put(rect_of(i), button);
        let mut hover = format!(
            "{}: {}. Click to make it {}.",
            node.name,
            node.level,
            next_level(node.level)
        );
        if !node.requires.is_empty() {
            let names: Vec<&str> = node
                .requires
                .iter()
                .filter_map(|&r| nodes.get(r))
                .map(|n| n.name.as_str())
                .collect();
            hover.push_str(&format!("\nNeeds {}.", names.join(", ")));
        }
        if let Some(site) = &node.site {
            hover.push_str(&format!("\nDeveloped {site}."));
        }
        if response.on_hover_text(hover).clicked() {
            clicked = Some(i);
        }
    }
    // The legend, so the colours need no guessing.
    ui.horizontal(|ui| {
        for level in [
            TechLevel::Locked,
            TechLevel::Available,
            TechLevel::Commodified,
        ] {
            let (dot, _) = ui.allocate_exact_size(vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 5.0, level_colour(level));
            ui.label(level.to_string());
        }
        ui.weak("Arrows run from a prerequisite to what needs it.");
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, requires: Vec<usize>) -> TreeNode {
        TreeNode {
            name: name.to_owned(),
            level: TechLevel::Locked,
            requires,
            site: None,
        }
    }

    #[test]
    fn a_node_sits_one_column_right_of_its_deepest_prerequisite() {
        let nodes = [
            node("pigment", vec![]),
            node("chemistry", vec![0]),
            node("paint", vec![0, 1]),
            node("neurotech", vec![]),
        ];
        assert_eq!(columns(&nodes), vec![0, 1, 2, 0]);
    }

    #[test]
    fn a_cycle_does_not_hang_the_layout() {
        let nodes = [node("a", vec![1]), node("b", vec![0])];
        let c = columns(&nodes);
        assert!(c.iter().all(|&c| c <= nodes.len()));
    }

    #[test]
    fn clicks_cycle_through_the_levels() {
        let mut level = TechLevel::Locked;
        let mut seen = Vec::new();
        for _ in 0..3 {
            level = next_level(level);
            seen.push(level);
        }
        assert_eq!(
            seen,
            [
                TechLevel::Available,
                TechLevel::Commodified,
                TechLevel::Locked
            ]
        );
    }
}
