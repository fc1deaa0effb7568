//! The searched choice under the verdict matrix: which measure the search minimises, the
//! button that starts it, what it found (and whether that is a cheaper way than any plan
//! in the scene), the bound it reached, and the buttons that play it, explain it word by
//! word and add it to the scene. Its scores are the matrix's last column.

use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::{Evidence, Explorer, Selection};
use egui::RichText;
use ladders_domain::analysis::SearchedChoice;
use ladders_domain::measures::Measure;

/// The column header of the searched choice in the verdict matrix.
pub const COLUMN: &str = "searched";

/// The sentence saying how the searched plan compares with the scene's.
pub fn verdict_text(choice: &SearchedChoice, plans: &[String]) -> String {
    let unit = choice.measure.unit();
    let Some(found) = &choice.found else {
        return format!(
            "No program within the bound reaches the goal{}.",
            if choice.measure == Measure::SearchEffort {
                ""
            } else {
                " within the measure's budget"
            }
        );
    };
    let name = |i: usize| plans.get(i).map_or("?", String::as_str);
    if choice.beats_scene {
        let than = choice.scene_best.map_or_else(String::new, |(i, v)| {
            format!(", against {v:.2} for `{}`, the scene's best", name(i))
        });
        format!(
            "A cheaper way than any plan in the scene: {:.2} {unit}{than}.",
            found.score
        )
    } else if let Some(i) = choice.matches_scene_plan.or(choice.same_actions_as) {
        format!(
            "The search found `{}` again ({:.2} {unit}): no cheaper way within the bound.",
            name(i),
            found.score
        )
    } else {
        let best = choice.scene_best.map_or_else(String::new, |(i, v)| {
            format!("; `{}` is as cheap or cheaper at {v:.2}", name(i))
        });
        format!(
            "Its best is {:.2} {unit}{best}: no cheaper way within the bound.",
            found.score
        )
    }
}

/// Draw the searched choice's row.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let measure = explorer.view.search_measure.unwrap_or(Measure::EffectDl);
    ui.horizontal_wrapped(|ui| {
        ui.strong("Searched choice");
        let mut chosen = measure;
        egui::ComboBox::from_label("is the measure it minimises")
            .selected_text(format!("lowest {}", measure.short()))
            .show_ui(ui, |ui| {
                for &m in Measure::ALL {
                    ui.selectable_value(&mut chosen, m, m.label());
                }
            });
        if chosen != measure {
            actions.push(Action::SetSearchMeasure(chosen));
        }
        if explorer.search_running() {
            ui.spinner();
            if ui.button("Cancel search").clicked() {
                actions.push(Action::CancelSearch);
            }
        } else {
            let hint = format!(
                "{} ({})",
                Command::SearchChoice.tooltip(),
                Command::SearchChoice.shortcut_text(&ctx)
            );
            if ui.button("Search").on_hover_text(hint).clicked() {
                actions.push(Command::SearchChoice);
            }
        }
    });
    let Some(run) = explorer.current_search() else {
        ui.weak("Not searched yet: the search runs the language's programs in code-length order for the plan that reaches the goal most cheaply.");
        return;
    };
    if run.inputs.measure != measure {
        ui.weak("The result below is for another measure: search again.");
    }
    let choice = match &run.result {
        Ok(choice) => choice,
        Err(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
            return;
        }
    };
    let plans: Vec<String> = explorer
        .scene()
        .plans
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let text = verdict_text(choice, &plans);
    if choice.beats_scene {
        ui.label(RichText::new(text).strong());
    } else {
        ui.label(text);
    }
    if let Some(found) = &choice.found {
        ui.monospace(format!(
            "{}  ({:.2} bits as a program)",
            found.words.join(" "),
            found.program_bits
        ));
        let index = plans.len();
        ui.horizontal(|ui| {
            if ui
                .button("Play it")
                .on_hover_text("Play the searched plan on the canvas")
                .clicked()
            {
                actions.push(Action::SelectPlan(index));
            }
            if ui
                .button("Explain it")
                .on_hover_text("Its shortest description, word by word")
                .clicked()
            {
                actions.push(Action::ToggleSelection(Selection::Measure(Evidence {
                    plan: index,
                    measure: Measure::PlanDl,
                    language: explorer.work.language,
                })));
            }
            if ui
                .button("Add it to the scene")
                .on_hover_text("Add it as a named plan (Ctrl+Z undoes it)")
                .clicked()
            {
                actions.push(Action::AddSearchedPlan);
            }
        });
    }
    ui.weak(choice.bound.describe());
}
