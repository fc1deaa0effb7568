//! The verdict matrix: one row per measure, one column per plan. Measures are rows
//! because there are many of them and few plans, so the matrix stays narrow.

use crate::app::action::{Action, Actions};
use crate::app::explorer::{Evidence, Explorer, IMPACT_MEASURES, Selection};
use egui::{Color32, RichText};
use ladders_domain::analysis::{PlanScore, SceneScore, within_budget};
use ladders_domain::measures::Measure;

/// Fill of a cell within budget.
pub const ACCEPTED: Color32 = Color32::from_rgb(46, 125, 70);
/// Fill of a cell over budget or missing the goal.
pub const REJECTED: Color32 = Color32::from_rgb(160, 55, 50);

/// A measure's value for one plan, with how to show it.
pub struct CellValue {
    /// The number in the measure's unit, if known.
    pub value: Option<f64>,
    /// The text in the cell.
    pub text: String,
    /// Extra hover text.
    pub note: String,
}

/// The value of `measure` for plan `index` in the current language, including the
/// measures computed on request.
pub fn value_of(
    explorer: &Explorer,
    index: usize,
    plan: &PlanScore,
    measure: Measure,
) -> CellValue {
    // Whole numbers (phrases, candidates, a codec's bits) without decimals.
    let number = |v: f64| match (measure, measure.unit()) {
        (Measure::Compress, _) | (_, "phrases" | "candidates") => format!("{v:.0}"),
        _ => format!("{v:.2}"),
    };
    match measure {
        Measure::AlgorithmicProbability | Measure::SearchEffort => {
            let Some(programs) = explorer.current_programs() else {
                let note = if explorer.programs_running() {
                    "running the language's programs…".to_owned()
                } else {
                    "not computed: Measures > Run the language's programs (Ctrl+E)".to_owned()
                };
                return CellValue {
                    value: None,
                    text: "·".to_owned(),
                    note,
                };
            };
            if measure == Measure::AlgorithmicProbability {
                let effect = ladders_domain::measures::effect_text(
                    &explorer.scene().world,
                    &plan.outcome.effect,
                );
                let stopped = programs
                    .probability
                    .stopped
                    .map(|s| s.describe(programs.probability.work));
                match (programs.probability.bits(&effect), stopped) {
                    (Some(bits), Some(stopped)) => CellValue {
                        value: Some(bits),
                        text: format!("≤{}", number(bits)),
                        note: format!("an upper bound: the enumeration {stopped}"),
                    },
                    (None, Some(stopped)) => CellValue {
                        value: None,
                        text: "stopped".to_owned(),
                        note: format!(
                            "no program run produces this effect: the enumeration {stopped}"
                        ),
                    },
                    (Some(bits), None) => CellValue {
                        value: Some(bits),
                        text: number(bits),
                        note: format!("programs up to {} bits", programs.probability.bound),
                    },
                    (None, None) => CellValue {
                        value: None,
                        text: "—".to_owned(),
                        note: format!(
                            "no program up to {} bits produces this effect: raise the program bound",
                            programs.probability.bound
                        ),
                    },
                }
            } else {
                match programs.searches.get(index) {
                    Some(s) if s.found.is_some() => CellValue {
                        value: Some(s.candidates as f64),
                        text: number(s.candidates as f64),
                        note: format!("log2 = {:.2} bits", s.bits()),
                    },
                    Some(s) if s.exhausted => CellValue {
                        value: None,
                        text: "none".to_owned(),
                        note: format!(
                            "no program of this language has this effect: all {} reachable candidates tried",
                            s.candidates
                        ),
                    },
                    Some(s) if s.stopped.is_some() => CellValue {
                        value: None,
                        text: "stopped".to_owned(),
                        note: format!(
                            "not found: the search {} and {} candidates",
                            s.stopped.map(|st| st.describe(s.work)).unwrap_or_default(),
                            s.candidates
                        ),
                    },
                    Some(s) => CellValue {
                        value: None,
                        text: format!("> {}", s.limit),
                        note: format!("not found within {} candidates", s.limit),
                    },
                    None => CellValue {
                        value: None,
                        text: "—".to_owned(),
                        note: String::new(),
                    },
                }
            }
        }
        _ => {
            let value = plan.value(measure);
            CellValue {
                value,
                text: value.map_or_else(|| "—".to_owned(), number),
                note: String::new(),
            }
        }
    }
}

/// A measure's value for the searched plan: what scoring measured, and for a program
/// measure the search's own score when it searched by that measure.
fn searched_value(explorer: &Explorer, plan: &PlanScore, measure: Measure) -> CellValue {
    let number = |v: f64| match (measure, measure.unit()) {
        (Measure::Compress, _) | (_, "phrases" | "candidates") => format!("{v:.0}"),
        _ => format!("{v:.2}"),
    };
    let searched_by = explorer
        .current_search()
        .and_then(|r| r.result.as_ref().ok())
        .filter(|c| c.measure == measure)
        .and_then(|c| c.found.as_ref().map(|f| f.score));
    let value = searched_by.or_else(|| plan.value(measure));
    CellValue {
        value,
        text: value.map_or_else(|| "—".to_owned(), number),
        note: if value.is_none() {
            "searched by another measure: choose this one below the matrix to search by it"
                .to_owned()
        } else {
            String::new()
        },
    }
}

/// Draw one clickable number; returns whether it was clicked.
pub fn cell(
    ui: &mut egui::Ui,
    text: String,
    verdict: Option<bool>,
    selected: bool,
    hover: String,
) -> bool {
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

const IMPACT_HOVER: &str = "Impact: sum over the plan's steps of its deviation from the baseline chosen in the side \
panel. UR unreachability, RR relative reachability, AU attainable utility. Click for the steps.";

/// Draw the matrix; clicking a number selects its evidence.
pub fn matrix_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    ui: &mut egui::Ui,
    score: &SceneScore,
) {
    let scene = explorer.scene();
    let searched = explorer.searched_plan();
    let searched_index = score.plans.len();
    let mut clicked = None;
    let mut impact_clicked = None;
    egui::Grid::new("verdict_matrix")
        .striped(true)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            ui.strong("measure");
            for (i, plan) in score.plans.iter().enumerate() {
                if ui
                    .selectable_label(explorer.view.playback.plan == i, &plan.plan)
                    .clicked()
                {
                    actions.push(Action::SelectPlan(i));
                }
            }
            if searched.is_some()
                && ui
                    .selectable_label(
                        explorer.view.playback.plan == searched_index,
                        RichText::new(super::searched::COLUMN).italics(),
                    )
                    .on_hover_text("The plan the search of the language's programs found: see below the matrix")
                    .clicked()
            {
                actions.push(Action::SelectPlan(searched_index));
            }
            ui.end_row();
            ui.label("goal");
            for plan in score.plans.iter().chain(searched) {
                ui.label(if plan.outcome.reaches_goal {
                    "yes"
                } else {
                    "no"
                });
            }
            ui.end_row();
            for &m in Measure::ALL {
                let budget = scene.budget(m);
                ui.label(m.short()).on_hover_text(format!(
                    "{} ({}), relative to a language through {}{}",
                    m.label(),
                    m.unit(),
                    m.relative_through(),
                    budget.map_or_else(String::new, |b| format!("; budget {b}"))
                ));
                for (i, plan) in score.plans.iter().chain(searched).enumerate() {
                    let value = if i == searched_index {
                        searched_value(explorer, plan, m)
                    } else {
                        value_of(explorer, i, plan, m)
                    };
                    // A program measure not yet run has no verdict.
                    let pending =
                        matches!(m, Measure::AlgorithmicProbability | Measure::SearchEffort)
                            && explorer.current_programs().is_none();
                    let verdict = budget
                        .filter(|_| !pending)
                        .map(|b| within_budget(plan.outcome.reaches_goal, value.value, b));
                    let here = Evidence {
                        plan: i,
                        measure: m,
                        language: explorer.work.language,
                    };
                    let mut hover =
                        format!("{} of {}: click for the evidence", m.label(), plan.plan);
                    if !value.note.is_empty() {
                        hover += &format!("\n{}", value.note);
                    }
                    if let Some(b) = budget {
                        hover += &format!("\nbudget {b} {}", m.unit());
                    }
                    if cell(
                        ui,
                        value.text,
                        verdict,
                        explorer.view.selection == Some(Selection::Measure(here)),
                        hover,
                    ) {
                        clicked = Some(here);
                    }
                }
                ui.end_row();
            }
            ui.label("verdict")
                .on_hover_text("The criterion: effect description length within the budget");
            for plan in score.plans.iter().chain(searched) {
                let (word, color) = if plan.verdict.accepted {
                    ("accepted", ACCEPTED)
                } else {
                    ("rejected", REJECTED)
                };
                ui.label(RichText::new(word).color(color).strong())
                    .on_hover_text(&plan.verdict.reason);
            }
            ui.end_row();
            for (k, (_, name)) in IMPACT_MEASURES.iter().enumerate() {
                ui.label(*name).on_hover_text(IMPACT_HOVER);
                for i in 0..score.plans.len() {
                    if impact_cell(explorer, ui, i, k) {
                        impact_clicked = Some((i, k));
                    }
                }
                if searched.is_some() {
                    ui.weak("—").on_hover_text("Impact measures are computed for the scene's plans: add the searched plan to the scene to see them");
                }
                ui.end_row();
            }
        });
    if let Some(c) = clicked {
        actions.push(Action::ToggleSelection(Selection::Measure(c)));
    }
    if let Some((plan, column)) = impact_clicked {
        actions.push(Action::ToggleSelection(Selection::Impact { plan, column }));
    }
}

/// One impact cell; returns whether it was clicked.
fn impact_cell(explorer: &Explorer, ui: &mut egui::Ui, plan: usize, k: usize) -> bool {
    let report = explorer
        .results
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
    let selected = explorer.view.selection == Some(Selection::Impact { plan, column: k });
    let mut button = egui::Button::new(RichText::new(text).monospace());
    if selected {
        button = button.stroke(egui::Stroke::new(2.0, super::canvas::CHANGED));
    }
    ui.add(button).on_hover_text(hover).clicked()
}
