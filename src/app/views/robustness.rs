//! The comparison window's robustness sweep: random languages around the current one,
//! the share accepting each plan by radius with where its verdict breaks, and a
//! histogram of one plan's effect description length at one radius.

use super::compare::title_ui;
use super::compare::{CompareSettings, SCENE_PLAN, SWEEP_LANGUAGES_RANGE};
use super::legend::{self, Entry, Mark};
use crate::app::action::{Action, Actions};
use crate::app::explorer::Explorer;
use crate::app::state::SweepRun;
use egui::{Color32, RichText, vec2};
use egui_plot::{
    Bar, BarChart, GridMark, HLine, HoverPosition, Line, LineStyle, MarkerShape, Plot, Points,
    VLine,
};
use ladders_domain::analysis::HOLDS;

/// The effect budget on the histogram.
const BUDGET: Color32 = Color32::from_rgb(70, 130, 220);
/// Lines of the robustness chart, one per plan (repeating past eight).
const PLAN_COLORS: [Color32; 8] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(23, 190, 207),
];

pub(super) fn robustness_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    settings: &mut CompareSettings,
    ui: &mut egui::Ui,
) {
    let around = explorer
        .current_language()
        .map_or_else(String::new, |l| l.language.name.clone());
    title_ui(ui, &format!("Robustness of the verdicts around {around}"));
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Random languages per radius");
        ui.add(
            egui::DragValue::new(&mut settings.sweep_languages)
                .range(SWEEP_LANGUAGES_RANGE)
                .speed(10.0),
        )
        .labelled_by(label.id);
        let radii: Vec<String> = settings.radii.iter().map(|r| radius_text(*r)).collect();
        ui.weak(format!("at radii {} bits", radii.join(", ")));
        match explorer.sweep_progress() {
            Some(progress) => {
                ui.add(
                    egui::ProgressBar::new(progress)
                        .desired_width(160.0)
                        .show_percentage(),
                );
                if ui
                    .button("Cancel sweep")
                    .on_hover_text("Stop the sweep; the radii already done stay")
                    .clicked()
                {
                    actions.push(Action::CancelSweep);
                }
            }
            None => {
                let enabled = explorer.current_language().is_some();
                if ui
                    .add_enabled(enabled, egui::Button::new("Run sweep"))
                    .on_hover_text(format!(
                        "Draw random languages around {around} at each radius and count how often each plan keeps its verdict"
                    ))
                    .clicked()
                {
                    actions.push(Action::RunSweep);
                }
            }
        }
    });
    let Some(run) = &explorer.results.sweep else {
        ui.weak("Not run yet.");
        return;
    };
    sweep_status_ui(explorer, run, ui);
    let Some(sweep) = &run.sweep else {
        return;
    };
    let width = ui.available_width();
    ui.horizontal_top(|ui| {
        let half = ((width - 20.0) / 2.0).max(240.0);
        ui.allocate_ui_with_layout(
            vec2(half, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(half);
                curve_ui(run, sweep, ui);
            },
        );
        ui.separator();
        ui.vertical(|ui| {
            ui.set_width(half);
            histogram_ui(explorer, settings, run, sweep, ui);
        });
    });
}

/// A radius without needless decimals: `0`, `0.5`, `16`.
fn radius_text(radius: f64) -> String {
    let text = format!("{radius:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn sweep_status_ui(explorer: &Explorer, run: &SweepRun, ui: &mut egui::Ui) {
    let current = explorer.current_language().map(|l| l.id) == Some(run.around)
        && run.scene == explorer.scene_version()
        && run.budget == explorer.budget();
    let mut text = format!(
        "{} of {} radii, {} languages each, around {}",
        run.done(),
        run.radii.len(),
        run.languages,
        run.around_name
    );
    if !current {
        text.push_str(" (stale: the scene, language or budget changed since)");
    }
    ui.horizontal(|ui| {
        ui.weak(text);
        if let Some(error) = &run.error {
            ui.colored_label(ui.visuals().error_fg_color, format!("Stopped: {error}"));
        }
    });
}

/// Position of a radius on the robustness chart's x axis: log2(1 + r), so that 0, 0.5,
/// 1, 2, … 16 spread out instead of crowding at the origin.
fn axis_from_radius(radius: f64) -> f64 {
    (1.0 + radius.max(0.0)).log2()
}

fn curve_ui(run: &SweepRun, sweep: &ladders_domain::analysis::Sweep, ui: &mut egui::Ui) {
    title_ui(ui, "Share of languages accepting each plan, by radius");
    let plans: Vec<String> = sweep
        .radii
        .first()
        .map(|r| r.plans.iter().map(|p| p.plan.clone()).collect())
        .unwrap_or_default();
    let breaking = sweep.breaking_radii();
    let color = |p: usize| PLAN_COLORS[p % PLAN_COLORS.len()];
    let mut entries: Vec<Entry> = plans
        .iter()
        .enumerate()
        .map(|(p, name)| Entry::new(color(p), Mark::Line, name.clone()))
        .collect();
    entries.push(Entry::new(
        Color32::GRAY,
        Mark::Dashed,
        format!("{:.0}% keep the verdict", HOLDS * 100.0),
    ));
    legend::ui(
        ui,
        &entries,
        true,
        Some("a diamond marks where a plan's verdict breaks"),
    );
    let radii: Vec<f64> = run.radii.clone();
    let spacer_radii = radii.clone();
    let width = ui.available_width();
    Plot::new("robustness_curve")
        .width(width)
        .height(260.0)
        .include_y(0.0)
        .include_y(1.05)
        .include_x(0.0)
        .include_x(axis_from_radius(radii.iter().copied().fold(0.0, f64::max)))
        .x_axis_label("radius (bits)")
        .y_axis_label("accepting")
        .x_grid_spacer(move |_| {
            spacer_radii
                .iter()
                .map(|r| GridMark {
                    value: axis_from_radius(*r),
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            radii
                .iter()
                .find(|r| (axis_from_radius(**r) - mark.value).abs() < 1e-6)
                .map(|r| radius_text(*r))
                .unwrap_or_default()
        })
        .allow_scroll(false)
        .label_formatter(|position| match position {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } if !plot_name.is_empty() => Some(format!(
                "{plot_name}\nradius {} bits: {:.1}% accept",
                radius_text(2f64.powf(position.x) - 1.0),
                position.y * 100.0
            )),
            _ => None,
        })
        .show(ui, |plot| {
            plot.hline(
                HLine::new("holds", HOLDS)
                    .color(Color32::GRAY)
                    .style(LineStyle::dashed_loose())
                    .allow_hover(false),
            );
            plot.hline(
                HLine::new("holds (rejected)", 1.0 - HOLDS)
                    .color(Color32::GRAY)
                    .style(LineStyle::dashed_loose())
                    .allow_hover(false),
            );
            for (p, name) in plans.iter().enumerate() {
                let points: Vec<[f64; 2]> = sweep
                    .radii
                    .iter()
                    .map(|r| {
                        let accepted = r.plans[p].accepted as f64 / r.languages.max(1) as f64;
                        [axis_from_radius(r.radius), accepted]
                    })
                    .collect();
                let at_break = breaking.get(p).copied().flatten().and_then(|radius| {
                    points
                        .iter()
                        .find(|q| (q[0] - axis_from_radius(radius)).abs() < 1e-9)
                        .copied()
                });
                plot.line(Line::new(name, points.clone()).color(color(p)).width(2.0));
                plot.points(Points::new(name, points).color(color(p)).radius(2.5));
                if let Some(point) = at_break {
                    plot.points(
                        Points::new(name, vec![point])
                            .shape(MarkerShape::Diamond)
                            .color(color(p))
                            .filled(true)
                            .radius(7.0),
                    );
                }
            }
        });
    let breaks: Vec<String> = plans
        .iter()
        .zip(&breaking)
        .map(|(name, radius)| match radius {
            Some(r) => format!("{name} breaks at {} bits", radius_text(*r)),
            None => format!("{name} holds"),
        })
        .collect();
    ui.add(egui::Label::new(RichText::new(breaks.join(" · ")).weak()).wrap());
}

fn histogram_ui(
    explorer: &Explorer,
    settings: &mut CompareSettings,
    run: &SweepRun,
    sweep: &ladders_domain::analysis::Sweep,
    ui: &mut egui::Ui,
) {
    let plan = explorer.view.playback.plan;
    // The chosen radius if it is in, else the largest one in so far.
    let step = sweep
        .radii
        .iter()
        .find(|r| r.radius == settings.histogram_radius)
        .or_else(|| sweep.radii.last());
    let Some(step) = step else {
        return;
    };
    let Some(plan_sweep) = step.plans.get(plan) else {
        return;
    };
    title_ui(
        ui,
        &format!("Effect description length of `{}`", plan_sweep.plan),
    );
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("radius (bits)")
            .selected_text(radius_text(step.radius))
            .show_ui(ui, |ui| {
                for r in &sweep.radii {
                    ui.selectable_value(
                        &mut settings.histogram_radius,
                        r.radius,
                        radius_text(r.radius),
                    );
                }
            });
        ui.weak(format!(
            "{} of {} languages cannot describe it",
            plan_sweep.effect_dl.undescribable, step.languages
        ));
    });
    let bars: Vec<Bar> = plan_sweep
        .effect_dl
        .bins
        .iter()
        .map(|(bin, count)| {
            Bar::new(*bin as f64 + 0.5, *count as f64)
                .width(0.9)
                .name(format!("{bin} to {} bits", bin + 1))
        })
        .collect();
    legend::ui(
        ui,
        &[
            Entry::new(SCENE_PLAN, Mark::Fill, "languages per whole bit"),
            Entry::new(BUDGET, Mark::Dashed, "effect budget"),
        ],
        true,
        None,
    );
    let budget = run.budget;
    Plot::new("effect_histogram")
        .width(ui.available_width())
        .height(240.0)
        .include_y(0.0)
        .include_x(0.0)
        .include_x(budget + 1.0)
        .x_axis_label("effect description length (bits)")
        .y_axis_label("languages")
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("languages", bars).color(SCENE_PLAN));
            plot.vline(
                VLine::new("effect budget", budget)
                    .color(BUDGET)
                    .style(LineStyle::dashed_loose()),
            );
        });
}
