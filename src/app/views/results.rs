//! The results panel: the verdict matrix (plans × measures), effect description length
//! across languages (plans × languages), the evidence behind a clicked cell, the plan's
//! effect, and the plots.

use crate::app::action::{Action, Actions};
use crate::app::explorer::{Evidence, Explorer, IMPACT_MEASURES, Selection};
use ladders_domain::measures::{Cover, Derivation, Measure, Undescribable};
use ladders_domain::world::World;

/// Draw the results panel.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        let Some(score) = explorer.current_score() else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Scoring…");
            });
            return;
        };
        let language = explorer
            .current_language()
            .map_or_else(String::new, |l| l.language.name.clone());
        let scene = explorer.scene();
        ui.heading(format!("Verdicts in {language}"));
        if explorer.results_stale() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Stale: computed before the last change; recomputing…",
                );
            });
        }
        ui.label(format!(
            "Accepted: reaches the goal with an effect description within {} bits.",
            explorer.budget()
        ));
        super::verdicts::matrix_ui(explorer, actions, ui, score);
        let mut clicked = None;
        ui.label(format!(
            "The agent's choice: {}",
            score.choice.as_deref().unwrap_or("none")
        ));
        super::searched::ui(explorer, actions, ui);
        ui.add_space(6.0);

        ui.strong("Effect description length across languages");
        if explorer.results.scores.is_some() {
            egui::Grid::new("language_matrix")
                .striped(true)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("plan");
                    for l in &explorer.work.languages {
                        ui.strong(&l.language.name);
                    }
                    ui.end_row();
                    for (i, plan) in scene.plans.iter().enumerate() {
                        ui.label(&plan.name);
                        for j in 0..explorer.work.languages.len() {
                            let Some(p) = explorer.score_in(j).and_then(|s| s.plans.get(i)) else {
                                continue;
                            };
                            let e = Evidence {
                                plan: i,
                                measure: Measure::EffectDl,
                                language: j,
                            };
                            let hover = format!(
                                "{}: {}",
                                explorer
                                    .work
                                    .languages
                                    .get(j)
                                    .map_or("", |l| l.language.name.as_str()),
                                p.verdict.reason
                            );
                            let text = p
                                .effect_bits()
                                .map_or_else(|| "—".to_owned(), |b| format!("{b:.2}"));
                            if super::verdicts::cell(
                                ui,
                                text,
                                Some(p.verdict.accepted),
                                explorer.view.selection == Some(Selection::Measure(e)),
                                hover,
                            ) {
                                clicked = Some(e);
                            }
                        }
                        ui.end_row();
                    }
                });
        }
        if let Some(c) = clicked {
            actions.push(Action::ToggleSelection(Selection::Measure(c)));
        }
        ui.separator();
        evidence_ui(explorer, actions, ui);
        effect_ui(explorer, ui);
    });
}

fn impact_evidence_ui(explorer: &Explorer, ui: &mut egui::Ui, plan: usize, k: usize) {
    let Some(report) = explorer
        .results
        .impacts
        .as_ref()
        .and_then(|t| t.reports.get(plan)?.get(k))
    else {
        return;
    };
    let name = explorer
        .scene()
        .plans
        .get(plan)
        .map_or("", |p| p.name.as_str());
    ui.strong(format!("Evidence: {} of `{name}`", IMPACT_MEASURES[k].1));
    match report {
        Err(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        Ok(r) => {
            let steps: Vec<String> = r
                .per_step
                .iter()
                .enumerate()
                .map(|(t, d)| format!("{}: {d:.4}", t + 1))
                .collect();
            ui.label(format!("Per step: {}", steps.join(", ")));
            ui.label(format!(
                "Sum {:.4} over {} reachable states{}.",
                r.sum,
                r.states,
                if r.approximate { " (approximate)" } else { "" }
            ));
            ui.label(format!(
                "{} state(s) reachable from the baseline are out of reach after the plan{}",
                r.lost_states,
                if r.lost_examples.is_empty() {
                    "."
                } else {
                    ", for example (as changes from the baseline):"
                }
            ));
            for example in &r.lost_examples {
                ui.label(format!("  {example}"));
            }
        }
    }
}

fn evidence_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    if let Some(Selection::Impact { plan, column }) = explorer.view.selection {
        impact_evidence_ui(explorer, ui, plan, column);
        return;
    }
    let Some(e) = explorer.measure_evidence() else {
        ui.weak("Click a number to see its derivation, word by word.");
        return;
    };
    let Some(plan) = explorer.plan_score(e.language, e.plan) else {
        return;
    };
    let language = explorer
        .work
        .languages
        .get(e.language)
        .map_or("", |l| l.language.name.as_str());
    ui.strong(format!(
        "Evidence: {} of `{}` in {language}",
        e.measure.label(),
        plan.plan
    ));
    let world = &explorer.scene().world;
    match e.measure {
        Measure::EffectDl => derivation_ui(ui, world, &plan.effect_dl),
        Measure::PlanDl => derivation_ui(ui, world, &plan.plan_dl),
        Measure::LevinKt => {
            derivation_ui(ui, world, &plan.plan_dl);
            let steps = plan.outcome.steps().max(1) as f64;
            ui.monospace(format!(
                "{:>8.2}  log2({steps}) simulated steps",
                steps.log2()
            ));
        }
        other => super::measure_evidence::ui(explorer, actions, ui, e.plan, plan, other),
    }
}

fn derivation_ui(ui: &mut egui::Ui, world: &World, derivation: &Result<Derivation, Undescribable>) {
    let d = match derivation {
        Ok(d) => d,
        Err(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why.to_string());
            return;
        }
    };
    egui::Grid::new("derivation").striped(true).show(ui, |ui| {
        ui.strong("bits");
        ui.strong("word");
        ui.strong("covers");
        ui.end_row();
        for w in &d.words {
            ui.monospace(format!("{:.2}", w.bits));
            ui.monospace(w.call());
            let covers = w.covers.describe(world);
            ui.add(egui::Label::new(covers).truncate())
                .on_hover_text(covers_full(world, &w.covers));
            ui.end_row();
        }
        ui.monospace(format!("{:.2}", d.end_bits));
        ui.monospace("end");
        ui.label("");
        ui.end_row();
    });
    let exact = if d.exact {
        "shortest derivation"
    } else {
        "upper bound"
    };
    ui.label(format!("Total {:.2} bits ({exact})", d.bits()));
    if let Some(note) = &d.note {
        ui.weak(note);
    }
}

fn covers_full(world: &World, cover: &Cover) -> String {
    match cover {
        Cover::Actions { start, end } => {
            format!("plan actions {start} to {}", end.saturating_sub(1))
        }
        Cover::Vars(vars) => vars
            .iter()
            .map(|v| v.name(world))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn effect_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let Some(plan) = explorer.plan_score(explorer.work.language, explorer.view.playback.plan)
    else {
        return;
    };
    let at_end = explorer.view.playback.at_end(plan.outcome.steps());
    let header = format!(
        "Effect of `{}`: {} changed variable(s)",
        plan.plan,
        plan.outcome.effect.len()
    );
    egui::CollapsingHeader::new(header)
        .id_salt("effect")
        .default_open(true)
        .show(ui, |ui| {
            if !at_end {
                ui.weak("Play the plan to its end to see the effect on the canvas.");
            }
            let world = &explorer.scene().world;
            for c in &plan.outcome.effect {
                ui.label(format!(
                    "{}: from {} to {}",
                    c.var.name(world),
                    c.before,
                    c.after
                ));
            }
        });
}
