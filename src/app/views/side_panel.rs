//! The side panel: the scene's description, the language picker, technology levels and
//! the budget.

use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;
use ladders_domain::world::TechLevel;

/// Draw the side panel.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(&explorer.scene().name);
        ui.label(&explorer.scene().description);
        ui.label(format!(
            "Goal: {}",
            explorer.scene().goal.describe(&explorer.scene().world)
        ));
        ui.separator();

        ui.strong("Language");
        let mut chosen = explorer.work.language;
        for (i, loaded) in explorer.work.languages.iter().enumerate() {
            let hover = format!("{}\n({})", loaded.language.description, loaded.source);
            ui.radio_value(&mut chosen, i, &loaded.language.name)
                .on_hover_text(hover);
        }
        if chosen != explorer.work.language {
            actions.push(Action::SelectLanguage(chosen));
        }
        let hint = format!(
            "{} ({})",
            Command::LoadLanguage.label(),
            Command::LoadLanguage.shortcut_text(&ctx)
        );
        if ui
            .button(Command::LoadLanguage.label())
            .on_hover_text(hint)
            .clicked()
        {
            actions.push(Command::LoadLanguage);
        }
        ui.separator();

        ui.strong("Technologies");
        let technologies: Vec<(String, TechLevel)> = explorer
            .scene()
            .world
            .technologies
            .iter()
            .map(|(n, l)| (n.to_owned(), l))
            .collect();
        if technologies.is_empty() {
            ui.weak("This scene has none.");
        }
        for (id, (name, level)) in technologies.into_iter().enumerate() {
            let mut available = level.works();
            let mut commodified = level == TechLevel::Commodified;
            ui.horizontal(|ui| {
                let a = ui.checkbox(&mut available, format!("{name} available"));
                let c = ui.checkbox(&mut commodified, format!("{name} commodified"));
                let new = match (a.changed(), c.changed()) {
                    (true, _) if available => Some(TechLevel::Available),
                    (true, _) => Some(TechLevel::Locked),
                    (_, true) if commodified => Some(TechLevel::Commodified),
                    (_, true) => Some(TechLevel::Available),
                    _ => None,
                };
                if let Some(level) = new {
                    actions.push(Action::SetTechnology(id, level));
                }
            });
        }
        ui.weak("Locked: its actions fail. Commodified: cheap in the languages that say so.");
        ui.separator();

        ui.strong("Budget");
        let mut budget = explorer.budget();
        ui.horizontal(|ui| {
            let label = ui.label("Effect description");
            let response = ui
                .add(
                    egui::DragValue::new(&mut budget)
                        .range(0.0..=1000.0)
                        .speed(0.1)
                        .suffix(" bits"),
                )
                .labelled_by(label.id);
            if response.changed() {
                actions.push(Action::SetBudget(budget));
            }
            if response.drag_stopped() || response.lost_focus() {
                actions.push(Action::EndEdit);
            }
        });
        ui.separator();
        super::measure_options::ui(explorer, actions, ui, &ctx);
        ui.separator();
        impact_ui(explorer, actions, ui);
    });
}

/// The options of the impact columns: baseline, deviation, inaction rollouts, discount.
fn impact_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    use ladders_domain::impact::{Deviation, ImpactBaseline};
    ui.strong("Impact measures");
    let mut options = explorer.work.impact_options.clone();
    ui.horizontal(|ui| {
        ui.label("Baseline");
        ui.selectable_value(&mut options.baseline, ImpactBaseline::Start, "start");
        ui.selectable_value(&mut options.baseline, ImpactBaseline::Inaction, "inaction");
        ui.selectable_value(&mut options.baseline, ImpactBaseline::Stepwise, "stepwise");
    });
    ui.horizontal(|ui| {
        ui.label("Deviation");
        ui.selectable_value(&mut options.deviation, Deviation::Truncation, "truncation");
        ui.selectable_value(&mut options.deviation, Deviation::Absolute, "absolute");
    });
    ui.checkbox(&mut options.rollouts, "inaction rollouts");
    ui.horizontal(|ui| {
        let label = ui.label("Discount");
        ui.add(
            egui::DragValue::new(&mut options.discount)
                .range(0.5..=1.0)
                .speed(0.001)
                .max_decimals(3),
        )
        .labelled_by(label.id);
    });
    if options != explorer.work.impact_options {
        actions.push(Action::SetImpactOptions(options));
    }
}
