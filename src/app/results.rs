//! The results panel: the verdict matrix (plans × measures), effect description length
//! across languages (plans × languages), the evidence behind a clicked cell, the plan's
//! effect, and the plots.

use super::explorer::{Evidence, Explorer, IMPACT_MEASURES};
use crate::analysis::PlanScore;
use crate::measures::{Cover, Derivation, Measure, Undescribable};
use crate::world::World;
use egui::{Color32, RichText};

/// Fill of a cell within budget.
const ACCEPTED: Color32 = Color32::from_rgb(46, 125, 70);
/// Fill of a cell over budget or missing the goal.
const REJECTED: Color32 = Color32::from_rgb(160, 55, 50);

fn bits_of(plan: &PlanScore, measure: Measure) -> Option<f64> {
    match measure {
        Measure::EffectDl => plan.effect_bits(),
        Measure::PlanDl => plan.plan_bits(),
        Measure::LevinKt => plan.levin_kt(),
    }
}

/// Whether a plan passes under one measure: it reaches the goal and the measure is within
/// that measure's budget. `None` when the scene sets no budget for the measure.
fn passes(plan: &PlanScore, measure: Measure, budget: Option<f64>) -> Option<bool> {
    let budget = budget?;
    Some(plan.outcome.reaches_goal && bits_of(plan, measure).is_some_and(|b| b <= budget + 1e-9))
}

fn cell(
    ui: &mut egui::Ui,
    bits: Option<f64>,
    verdict: Option<bool>,
    selected: bool,
    hover: String,
) -> bool {
    let text = bits.map_or_else(|| "—".to_owned(), |b| format!("{b:.2}"));
    let fill = match verdict {
        Some(true) => ACCEPTED,
        Some(false) => REJECTED,
        None => ui.visuals().widgets.inactive.weak_bg_fill,
    };
    let text_color = if verdict.is_some() {
        Color32::WHITE
    } else {
        ui.visuals().text_color()
    };
    let mut button =
        egui::Button::new(RichText::new(text).monospace().color(text_color)).fill(fill);
    if selected {
        button = button.stroke(egui::Stroke::new(2.0, super::canvas::CHANGED));
    }
    ui.add(button).on_hover_text(hover).clicked()
}

/// Draw the results panel.
pub fn ui(explorer: &mut Explorer, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        let Some(score) = explorer.current_score().cloned() else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Scoring…");
            });
            return;
        };
        let language = explorer
            .current_language()
            .map_or_else(String::new, |l| l.language.name.clone());
        let scene = explorer.scene().clone();
        ui.heading(format!("Verdicts in {language}"));
        ui.label(format!(
            "Accepted: reaches the goal with an effect description within {} bits.",
            explorer.budget()
        ));
        let mut clicked = None;
        let mut impact_clicked = None;
        egui::Grid::new("verdict_matrix")
            .striped(true)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                ui.strong("plan");
                ui.strong("goal");
                for m in Measure::ALL {
                    ui.strong(m.key()).on_hover_text(m.label());
                }
                ui.strong("verdict");
                for (_, name) in IMPACT_MEASURES {
                    ui.strong(name).on_hover_text(IMPACT_HOVER);
                }
                ui.end_row();
                for (i, plan) in score.plans.iter().enumerate() {
                    if ui
                        .selectable_label(explorer.playback.plan == i, &plan.plan)
                        .clicked()
                    {
                        explorer.playback.select(i);
                    }
                    ui.label(if plan.outcome.reaches_goal {
                        "yes"
                    } else {
                        "no"
                    });
                    for m in Measure::ALL {
                        let budget = scene.budget(m.key());
                        let selected = explorer.evidence
                            == Some(Evidence {
                                plan: i,
                                measure: m,
                                language: explorer.language,
                            });
                        let hover = match budget {
                            Some(b) => format!(
                                "{} of {}: click for the derivation; budget {b} bits",
                                m.label(),
                                plan.plan
                            ),
                            None => format!(
                                "{} of {}: click for the derivation; no budget set",
                                m.label(),
                                plan.plan
                            ),
                        };
                        if cell(
                            ui,
                            bits_of(plan, m),
                            passes(plan, m, budget),
                            selected,
                            hover,
                        ) {
                            clicked = Some(Evidence {
                                plan: i,
                                measure: m,
                                language: explorer.language,
                            });
                        }
                    }
                    let word = if plan.verdict.accepted {
                        "accepted"
                    } else {
                        "rejected"
                    };
                    let color = if plan.verdict.accepted {
                        ACCEPTED
                    } else {
                        REJECTED
                    };
                    ui.label(RichText::new(word).color(color).strong())
                        .on_hover_text(&plan.verdict.reason);
                    for k in 0..IMPACT_MEASURES.len() {
                        if impact_cell(explorer, ui, i, k) {
                            impact_clicked = Some((i, k));
                        }
                    }
                    ui.end_row();
                }
            });
        ui.label(format!(
            "The agent's choice: {}",
            score.choice.as_deref().unwrap_or("none")
        ));
        ui.add_space(6.0);

        ui.strong("Effect description length across languages");
        if let Some(scores) = &explorer.scores {
            egui::Grid::new("language_matrix")
                .striped(true)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("plan");
                    for l in &explorer.languages {
                        ui.strong(&l.language.name);
                    }
                    ui.end_row();
                    for (i, plan) in scene.plans.iter().enumerate() {
                        ui.label(&plan.name);
                        for (j, per) in scores.per_language.iter().enumerate() {
                            let Some(p) = per.plans.get(i) else { continue };
                            let e = Evidence {
                                plan: i,
                                measure: Measure::EffectDl,
                                language: j,
                            };
                            let hover = format!(
                                "{}: {}",
                                explorer
                                    .languages
                                    .get(j)
                                    .map_or("", |l| l.language.name.as_str()),
                                p.verdict.reason
                            );
                            if cell(
                                ui,
                                p.effect_bits(),
                                Some(p.verdict.accepted),
                                explorer.evidence == Some(e),
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
            explorer.evidence = if explorer.evidence == Some(c) {
                None
            } else {
                Some(c)
            };
        }
        ui.separator();
        evidence_ui(explorer, ui);
        effect_ui(explorer, ui);
    });
}

const IMPACT_HOVER: &str = "Impact: sum over the plan's steps of its deviation from the baseline chosen in the side \
panel. UR unreachability, RR relative reachability, AU attainable utility. Click for the steps.";

/// One impact cell; returns whether it was clicked.
fn impact_cell(explorer: &Explorer, ui: &mut egui::Ui, plan: usize, k: usize) -> bool {
    let report = explorer
        .impacts
        .as_ref()
        .and_then(|t| t.reports.get(plan)?.get(k));
    let (text, hover) = match report {
        None => ("…".to_owned(), "computing".to_owned()),
        Some(Err(why)) => ("—".to_owned(), why.clone()),
        Some(Ok(r)) => {
            let approx = if r.approximate {
                " (approximate: state budget reached)"
            } else {
                ""
            };
            (
                format!("{:.3}", r.sum),
                format!("{IMPACT_HOVER}\n{} states{approx}", r.states),
            )
        }
    };
    let selected = explorer.impact_evidence == Some((plan, k));
    let mut button = egui::Button::new(RichText::new(text).monospace());
    if selected {
        button = button.stroke(egui::Stroke::new(2.0, super::canvas::CHANGED));
    }
    ui.add(button).on_hover_text(hover).clicked()
}

fn impact_evidence_ui(explorer: &Explorer, ui: &mut egui::Ui, plan: usize, k: usize) {
    let Some(report) = explorer
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

fn evidence_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    if let Some((plan, k)) = explorer.impact_evidence {
        impact_evidence_ui(explorer, ui, plan, k);
        return;
    }
    let Some(e) = explorer.evidence else {
        ui.weak("Click a number to see its derivation, word by word.");
        return;
    };
    let Some(plan) = explorer
        .scores
        .as_ref()
        .and_then(|s| s.per_language.get(e.language)?.plans.get(e.plan))
    else {
        return;
    };
    let language = explorer
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
    let Some(plan) = explorer
        .current_score()
        .and_then(|s| s.plans.get(explorer.playback.plan))
    else {
        return;
    };
    let at_end = explorer.playback.at_end(plan.outcome.steps());
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
