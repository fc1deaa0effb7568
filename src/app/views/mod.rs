//! The views: one file per panel or window part. A view draws from the explorer's state
//! and queues [`super::action::Action`]s for what the user asks; it changes nothing else,
//! except its own screen-only state (pan, zoom, a dialog's text field).

pub mod adversary;
pub mod canvas;
pub mod compare;
pub mod compare_scatter;
pub mod edit_widgets;
pub mod file_dialog;
pub mod invariance;
pub mod language_editor;
pub mod language_words;
pub mod legend;
pub mod measure_evidence;
pub mod measure_options;
pub mod menu;
pub mod modals;
pub mod plan_editor;
pub mod plots;
pub mod results;
pub mod robustness;
pub mod scene_editor;
pub mod searched;
pub mod side_panel;
pub mod sweep_plot;
pub mod tech_tree;
pub mod technologies;
pub mod verdicts;
