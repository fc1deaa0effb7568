//! The comparison of the loaded languages (README, "No unique ladder"), in a window of its
//! own: a pair's description lengths against each other with the band the invariance
//! constants draw, the matrix of c_AB and the same as a directed graph with the centre,
//! Kendall's τ and the plans whose verdict flips, and the robustness sweep around the
//! current language. Every number comes from the comparison and sweep jobs; the window
//! only draws them and remembers its choices ([`CompareSettings`]).

use crate::app::action::{Action, Actions};
use crate::app::explorer::Explorer;
use crate::app::state::ComparedLanguages;
use egui::{RichText, vec2};
use ladders_domain::analysis::{COMPARED, Comparison, MeasureComparison};
use ladders_domain::measures::Measure;
use std::ops::RangeInclusive;

/// Random plans compared besides the scene's, by default.
pub const RANDOM_PLANS: usize = 200;
/// The most random plans the field allows.
pub const MAX_RANDOM_PLANS: usize = 5_000;
/// Random languages per radius the sweep draws by default.
pub const SWEEP_LANGUAGES: u64 = 1_000;
/// How many random languages per radius the field allows.
pub const SWEEP_LANGUAGES_RANGE: RangeInclusive<u64> = 10..=100_000;
/// The radii swept, in bits.
pub const RADII: [f64; 7] = [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// What the comparison window shows; the explorer holds it, the window edits a copy and
/// hands it back as one action.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareSettings {
    /// Whether the window is open.
    pub open: bool,
    /// The description length compared.
    pub measure: Measure,
    /// Language A of the pair, by name; `None`: the current language.
    pub a: Option<String>,
    /// Language B, by name; `None`: the one after A.
    pub b: Option<String>,
    /// Random plans besides the scene's.
    pub random_plans: usize,
    /// The seed of the random plans and the sweep's languages.
    pub seed: u64,
    /// Random languages per radius of the sweep.
    pub sweep_languages: u64,
    /// The radii the sweep runs.
    pub radii: Vec<f64>,
    /// The radius whose histogram is shown.
    pub histogram_radius: f64,
    /// Draw the scatter's axes as log2(1 + K), so one object hundreds of bits long does
    /// not squeeze the others into a corner.
    pub log_scatter: bool,
    /// The adversarial word's plan, target and cost.
    pub adversary: super::adversary::AdversarySettings,
}

impl Default for CompareSettings {
    fn default() -> Self {
        Self {
            open: false,
            measure: Measure::EffectDl,
            a: None,
            b: None,
            random_plans: RANDOM_PLANS,
            seed: 0,
            sweep_languages: SWEEP_LANGUAGES,
            radii: RADII.to_vec(),
            histogram_radius: 4.0,
            log_scatter: false,
            adversary: super::adversary::AdversarySettings::default(),
        }
    }
}

/// Scene plans, wherever the window marks them (scatter, graph, robustness).
pub(super) const SCENE_PLAN: egui::Color32 = egui::Color32::from_rgb(40, 110, 200);

/// The comparison window, when open.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ctx: &egui::Context) {
    let settings = &explorer.view.compare;
    if !settings.open {
        return;
    }
    let mut edited = settings.clone();
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new("Compare languages")
        .open(&mut open)
        .default_pos(screen.left_top() + vec2(60.0, 40.0))
        .default_size([1080.0, (screen.height() - 100.0).max(400.0)])
        .vscroll(true)
        .show(ctx, |ui| contents_ui(explorer, actions, &mut edited, ui));
    edited.open &= open;
    if edited != *settings {
        actions.push(Action::SetCompare(Box::new(edited)));
    }
}

fn contents_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    settings: &mut CompareSettings,
    ui: &mut egui::Ui,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Measure");
        for measure in COMPARED {
            ui.selectable_value(&mut settings.measure, measure, measure.label());
        }
        ui.separator();
        let label = ui.label("Random plans");
        ui.add(
            egui::DragValue::new(&mut settings.random_plans)
                .range(0..=MAX_RANDOM_PLANS)
                .speed(2.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Seeded random plans compared besides the scene's own");
        let label = ui.label("Seed");
        ui.add(egui::DragValue::new(&mut settings.seed))
            .labelled_by(label.id)
            .on_hover_text("The seed of the random plans and of the sweep's languages");
        ui.separator();
        status_ui(explorer, actions, ui);
    });
    ui.separator();
    match &explorer.results.comparison {
        Some(compared) => comparison_ui(explorer, actions, settings, compared, ui),
        None if explorer.work.languages.is_empty() => {
            ui.weak("No languages are loaded.");
        }
        None if explorer.comparing() => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Comparing the languages…");
            });
        }
        None => {
            ui.weak("Not compared: the comparison was cancelled.");
        }
    }
    ui.add_space(8.0);
    ui.separator();
    super::adversary::ui(explorer, actions, &mut settings.adversary, ui);
    ui.add_space(8.0);
    ui.separator();
    super::robustness::robustness_ui(explorer, actions, settings, ui);
}

/// Whether the comparison shown is current, and what is computing.
fn status_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let compare_again = |ui: &mut egui::Ui, actions: &mut Actions| {
        if !explorer.comparing()
            && ui
                .button("Compare again")
                .on_hover_text("Compare the loaded languages with the settings shown")
                .clicked()
        {
            actions.push(Action::CompareAgain);
        }
    };
    let Some(compared) = &explorer.results.comparison else {
        compare_again(ui, actions);
        return;
    };
    let stale = compared.inputs != explorer.compare_inputs();
    let objects = compared.comparison.objects.len();
    let plans = compared.comparison.scene_plans;
    if explorer.comparing() {
        ui.spinner();
    }
    if stale {
        let text = if explorer.comparing() {
            "stale: computing the comparison again…"
        } else {
            "stale: the scene, languages or budget changed"
        };
        ui.colored_label(ui.visuals().warn_fg_color, text);
        compare_again(ui, actions);
    } else {
        ui.weak(format!(
            "{objects} objects: the scene's {plans} plans and {} random ones",
            objects - plans
        ));
    }
}

/// Languages A and B in the comparison, from the choices or the current language.
fn pair(
    explorer: &Explorer,
    comparison: &Comparison,
    settings: &CompareSettings,
) -> Option<(usize, usize)> {
    let n = comparison.languages.len();
    if n == 0 {
        return None;
    }
    let index_of = |name: &str| comparison.languages.iter().position(|l| l == name);
    let current = explorer
        .current_language()
        .and_then(|l| index_of(&l.language.name))
        .unwrap_or(0);
    let a = settings.a.as_deref().and_then(index_of).unwrap_or(current);
    let b = settings
        .b
        .as_deref()
        .and_then(index_of)
        .unwrap_or((a + 1) % n);
    Some((a, b))
}

fn comparison_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    settings: &mut CompareSettings,
    compared: &ComparedLanguages,
    ui: &mut egui::Ui,
) {
    let comparison = &compared.comparison;
    let Some(measure) = comparison.measure(settings.measure) else {
        return;
    };
    let Some((a, b)) = pair(explorer, comparison, settings) else {
        return;
    };
    let names = &comparison.languages;
    ui.horizontal(|ui| {
        for (text, chosen, index) in [
            ("Language A", &mut settings.a, a),
            ("Language B", &mut settings.b, b),
        ] {
            let label = ui.label(text);
            egui::ComboBox::from_id_salt(text)
                .selected_text(&names[index])
                .show_ui(ui, |ui| {
                    for name in names {
                        if ui.selectable_label(names[index] == *name, name).clicked() {
                            *chosen = Some(name.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if ui
            .button("Swap")
            .on_hover_text("Swap languages A and B")
            .clicked()
        {
            settings.a = Some(names[b].clone());
            settings.b = Some(names[a].clone());
        }
    });
    let width = ui.available_width();
    ui.horizontal_top(|ui| {
        let scatter_width = (width * 0.48).clamp(320.0, 560.0);
        ui.allocate_ui_with_layout(
            vec2(scatter_width, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(scatter_width);
                ui.checkbox(&mut settings.log_scatter, "Logarithmic axes")
                    .on_hover_text(
                        "Draw log2(1 + K): long descriptions no longer crowd the short ones",
                    );
                super::compare_scatter::scatter_ui(
                    explorer,
                    actions,
                    comparison,
                    measure,
                    (a, b),
                    settings.log_scatter,
                    ui,
                );
                ui.add_space(6.0);
                derivations_ui(explorer, comparison, measure.measure, (a, b), ui);
                ui.add_space(6.0);
                tau_and_flips_ui(comparison, measure, (a, b), ui);
            },
        );
        ui.separator();
        ui.vertical(|ui| {
            title_ui(
                ui,
                &format!("Invariance constants c_AB of {}", measure.measure.label()),
            );
            ui.weak("max over the objects of K_B − K_A, in bits: row A, column B");
            super::invariance::matrix_ui(comparison, measure, ui);
            ui.add_space(6.0);
            ui.horizontal_top(|ui| {
                super::invariance::graph_ui(comparison, measure, ui);
                ui.vertical(|ui| super::invariance::centre_ui(comparison, measure, ui));
            });
        });
    });
}

pub(super) fn title_ui(ui: &mut egui::Ui, title: &str) {
    ui.label(RichText::new(title).strong());
}

/// Bits as the window shows them.
pub(super) fn bits_text(bits: f64) -> String {
    format!("{bits:.2}")
}

/// A constant's text: its bits, `∞` when unbounded, `–` when no object is in both.
pub fn constant_text(bits: Option<f64>, object: Option<usize>) -> String {
    match (bits, object) {
        (Some(bits), _) => bits_text(bits),
        (None, Some(_)) => "∞".to_owned(),
        (None, None) => "–".to_owned(),
    }
}

/// The selected plan's derivations in A and B, word by word.
fn derivations_ui(
    explorer: &Explorer,
    comparison: &Comparison,
    measure: Measure,
    (a, b): (usize, usize),
    ui: &mut egui::Ui,
) {
    let plan = explorer.view.playback.plan;
    let Some(name) = explorer.scene().plans.get(plan).map(|p| p.name.clone()) else {
        return;
    };
    title_ui(
        ui,
        &format!("{} of `{name}` in both languages", measure.label()),
    );
    ui.columns(2, |columns| {
        for (column, language) in columns.iter_mut().zip([a, b]) {
            let language_name = &comparison.languages[language];
            column.label(RichText::new(language_name).strong());
            let index = explorer
                .work
                .languages
                .iter()
                .position(|l| l.language.name == *language_name);
            let Some(score) = index.and_then(|i| explorer.score_in(i)) else {
                column.weak("Scoring…");
                continue;
            };
            let Some(plan) = score.plans.get(plan) else {
                continue;
            };
            let derivation = match measure {
                Measure::PlanDl => &plan.plan_dl,
                _ => &plan.effect_dl,
            };
            match derivation {
                Ok(derivation) => {
                    egui::Grid::new(("derivation", language))
                        .striped(true)
                        .show(column, |ui| {
                            for word in &derivation.words {
                                ui.monospace(word.call());
                                ui.monospace(bits_text(word.bits));
                                ui.end_row();
                            }
                            ui.monospace("end");
                            ui.monospace(bits_text(derivation.end_bits));
                            ui.end_row();
                            ui.label(RichText::new("total").strong());
                            ui.label(
                                RichText::new(format!("{} bits", bits_text(derivation.bits())))
                                    .strong(),
                            );
                            ui.end_row();
                        });
                    if let Some(note) = &derivation.note {
                        column.weak(note);
                    }
                }
                Err(why) => {
                    column.weak(format!("Undescribable: {why}"));
                }
            }
        }
    });
}

fn tau_and_flips_ui(
    comparison: &Comparison,
    measure: &MeasureComparison,
    (a, b): (usize, usize),
    ui: &mut egui::Ui,
) {
    let names = &comparison.languages;
    let tau = match measure.tau[a][b] {
        Some(tau) => format!("{tau:.2}"),
        None => "undefined (too few plans ranked apart)".to_owned(),
    };
    title_ui(
        ui,
        &format!(
            "Kendall τ of the plans' {} in {} and {}: {tau}",
            measure.measure.label(),
            names[a],
            names[b]
        ),
    );
    let flips = &comparison.flips[a][b];
    if flips.is_empty() {
        ui.label(format!(
            "No plan's verdict differs between {} and {}.",
            names[a], names[b]
        ));
        return;
    }
    ui.label(format!("Verdicts that flip ({}):", flips.len()));
    for flip in flips {
        ui.label(format!(
            "`{}`: accepted in `{}`, rejected in `{}`",
            flip.plan, flip.accepted_in, flip.rejected_in
        ));
    }
}
