//! The verdict table: every plan with its measures and verdict in the current setting.

use super::Explorer;
use crate::cli::report::bits;
use egui::{Color32, RichText};

/// Green for accepted, red for rejected.
pub fn verdict_color(accepted: bool) -> Color32 {
    if accepted {
        Color32::from_rgb(60, 160, 80)
    } else {
        Color32::from_rgb(200, 70, 60)
    }
}

/// The table of verdicts; clicking a row shows that plan's outcome on the canvas.
pub fn ui(explorer: &mut Explorer, ui: &mut egui::Ui) {
    ui.heading("Verdicts");
    let budget = explorer.setting().map_or(0.0, |s| s.budget);
    ui.label(format!(
        "{} · effect budget {budget} bits",
        explorer.scene.goal.describe(&explorer.scene.world)
    ));
    let Some(score) = &explorer.score else {
        ui.label("No language loaded.");
        return;
    };
    let mut clicked = None;
    egui::Grid::new("verdict_table")
        .striped(true)
        .num_columns(6)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for head in ["plan", "goal", "effect", "plan dl", "Levin Kt", "verdict"] {
                ui.strong(head);
            }
            ui.end_row();
            for (i, p) in score.plans.iter().enumerate() {
                let selected = explorer.selected_plan == Some(i);
                if ui.selectable_label(selected, &p.plan).clicked() {
                    clicked = Some(if selected { None } else { Some(i) });
                }
                ui.label(if p.outcome.reaches_goal { "yes" } else { "no" });
                ui.monospace(bits(p.effect_bits()));
                ui.monospace(bits(p.plan_bits()));
                ui.monospace(bits(p.levin_kt()));
                let word = if p.verdict.accepted {
                    "accepted"
                } else {
                    "rejected"
                };
                ui.label(
                    RichText::new(word)
                        .color(verdict_color(p.verdict.accepted))
                        .strong(),
                )
                .on_hover_text(&p.verdict.reason);
                ui.end_row();
            }
        });
    if let Some(c) = clicked {
        explorer.selected_plan = c;
    }
    ui.add_space(8.0);
    ui.label(format!(
        "Choice: {}",
        score.choice.as_deref().unwrap_or("none")
    ));
    if let Some(p) = explorer.selected_plan.and_then(|i| score.plans.get(i)) {
        ui.separator();
        ui.strong(format!("Effect of {}", p.plan));
        if let Ok(d) = &p.effect_dl {
            ui.monospace(format!("{:.2} bits: {}", d.bits(), d.phrase()));
        }
        for c in &p.outcome.effect {
            ui.label(format!(
                "{}: {} → {}",
                c.var.name(&explorer.scene.world),
                c.before,
                c.after
            ));
        }
    }
}
