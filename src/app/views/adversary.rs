//! The adversarial word, in the comparison window: pick a plan and a cost, add one word
//! for it (or its effect) to the current language, and read the verdicts before and after
//! side by side. The new language is loaded beside its base and scored like any other, so
//! it also joins the comparison's matrix.

use crate::app::action::{Action, Actions};
use crate::app::explorer::Explorer;
use crate::app::state::AdversaryMade;
use egui::RichText;
use ladders_domain::analysis::{SceneScore, growth_bound};
use ladders_domain::language::{MAX_ADVERSARY_BITS, WhichVocabulary};

/// What the adversary section asks for; part of the comparison window's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct AdversarySettings {
    /// The plan the word names, by name (`None`: the first plan).
    pub plan: Option<String>,
    /// Name its effect (a state word) rather than its actions.
    pub effect: bool,
    /// The word's cost in bits.
    pub bits: f64,
}

impl Default for AdversarySettings {
    fn default() -> Self {
        Self {
            plan: None,
            effect: true,
            bits: 1.0,
        }
    }
}

/// The section: its controls, then the last word's before-and-after table.
pub fn ui(
    explorer: &Explorer,
    actions: &mut Actions,
    settings: &mut AdversarySettings,
    ui: &mut egui::Ui,
) {
    ui.label(RichText::new("Adversarial word").strong());
    let scene = explorer.scene();
    let current = explorer.work.languages.get(explorer.work.language);
    let Some(current) = current else {
        ui.weak("Load a language to add a word to it.");
        return;
    };
    let plan = settings
        .plan
        .clone()
        .filter(|p| scene.plan(p).is_some())
        .or_else(|| scene.plans.first().map(|p| p.name.clone()));
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("One word for");
        let mut chosen = plan.clone().unwrap_or_default();
        egui::ComboBox::from_id_salt("adversary plan")
            .selected_text(&chosen)
            .show_ui(ui, |ui| {
                for p in &scene.plans {
                    ui.selectable_value(&mut chosen, p.name.clone(), &p.name);
                }
            })
            .response
            .labelled_by(label.id);
        if Some(&chosen) != plan.as_ref() {
            settings.plan = Some(chosen.clone());
        }
        ui.selectable_value(&mut settings.effect, true, "its effect");
        ui.selectable_value(&mut settings.effect, false, "its actions");
        let label = ui.label("costing");
        ui.add(
            egui::DragValue::new(&mut settings.bits)
                .range(0.5..=MAX_ADVERSARY_BITS)
                .speed(0.1)
                .suffix(" bits"),
        )
        .labelled_by(label.id);
        let add = ui
            .button(format!("Add to {}", current.language.name))
            .on_hover_text(
                "Adds the word to a copy of the current language, raising every other word of its vocabulary just enough to keep the prefix code, and loads the copy beside it",
            );
        if add.clicked() && !chosen.is_empty() {
            actions.push(Action::AddAdversarialWord {
                plan: chosen,
                effect: settings.effect,
                bits: settings.bits,
            });
        }
    });
    if let Some(made) = &explorer.results.adversary {
        outcome_ui(explorer, made, ui);
    }
}

fn language_name(explorer: &Explorer, id: crate::app::explorer::LanguageId) -> Option<&str> {
    explorer
        .work
        .languages
        .iter()
        .find(|l| l.id == id)
        .map(|l| l.language.name.as_str())
}

/// The table of every plan before and after the word.
fn outcome_ui(explorer: &Explorer, made: &AdversaryMade, ui: &mut egui::Ui) {
    let (Some(base), Some(after)) = (
        language_name(explorer, made.base),
        language_name(explorer, made.made),
    ) else {
        ui.weak("The languages of the last adversarial word are no longer loaded.");
        return;
    };
    let scores = explorer.results.scores.as_ref();
    let (Some(before_score), Some(after_score)) = (
        scores.and_then(|s| s.of(made.base)),
        scores.and_then(|s| s.of(made.made)),
    ) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Scoring {after}…"));
        });
        return;
    };
    let (kind, dl) = match made.vocabulary {
        WhichVocabulary::Actions => ("action", "plan DL"),
        WhichVocabulary::States => ("state", "effect DL"),
    };
    ui.label(format!(
        "`{}` ({} bit{}) names `{}` outright in `{after}`; every other {kind} word of `{base}`, and its end word, costs δ = {:.3} bits more, so a description of m words grows by (m + 1)·δ.",
        made.word,
        made.bits,
        if made.bits == 1.0 { "" } else { "s" },
        made.plan,
        made.delta
    ));
    let length = |score: &SceneScore, p: usize| {
        let plan = score.plans.get(p)?;
        match made.vocabulary {
            WhichVocabulary::Actions => plan.plan_bits(),
            WhichVocabulary::States => plan.effect_bits(),
        }
    };
    let bits = |b: Option<f64>| b.map_or_else(|| "—".to_owned(), |b| format!("{b:.2}"));
    let verdict = |accepted: bool| if accepted { "accepted" } else { "rejected" };
    egui::Grid::new("adversary outcome")
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for head in [
                "plan",
                &format!("{dl} in {base}"),
                &format!("in {after}"),
                "growth",
                "at most",
                "verdict",
            ] {
                ui.label(RichText::new(head).strong());
            }
            ui.end_row();
            for (p, plan) in before_score.plans.iter().enumerate() {
                let (was, now) = (length(before_score, p), length(after_score, p));
                let target = plan.plan == made.plan;
                let name = if target {
                    RichText::new(format!("{} (the target)", plan.plan)).strong()
                } else {
                    RichText::new(&plan.plan)
                };
                ui.label(name);
                ui.monospace(bits(was));
                ui.monospace(bits(now));
                ui.monospace(
                    was.zip(now)
                        .map_or_else(|| "—".to_owned(), |(w, n)| format!("{:+.2}", n - w)),
                );
                let derivation = match made.vocabulary {
                    WhichVocabulary::Actions => plan.plan_dl.as_ref().ok(),
                    WhichVocabulary::States => plan.effect_dl.as_ref().ok(),
                };
                let bound = derivation
                    .filter(|_| !target)
                    .map(|d| growth_bound(d, &made.effective_base, made.delta));
                ui.monospace(bits(bound));
                let after_verdict = after_score.plans.get(p).is_some_and(|a| a.verdict.accepted);
                ui.label(verdict(plan.verdict.accepted));
                ui.label(verdict(after_verdict));
                ui.end_row();
            }
        });
    let choice = |score: &SceneScore| score.choice.clone().unwrap_or_else(|| "none".to_owned());
    ui.label(format!(
        "The agent's choice: `{}` in {base}, `{}` in {after}.",
        choice(before_score),
        choice(after_score)
    ));
}
