//! Plots: each plan's bits per measure with the budget as a line, and the selected plan
//! across languages.

use super::explorer::Explorer;
use crate::measures::Measure;
use egui_plot::{Bar, BarChart, HLine, Legend, Line, Plot, PlotPoints};

const MEASURE_COLORS: [egui::Color32; 5] = [
    egui::Color32::from_rgb(230, 120, 40),
    egui::Color32::from_rgb(70, 130, 200),
    egui::Color32::from_rgb(150, 100, 190),
    egui::Color32::from_rgb(90, 170, 110),
    egui::Color32::from_rgb(200, 170, 60),
];

/// The measures in bits that the bar chart compares.
const PLOTTED: [Measure; 5] = [
    Measure::EffectDl,
    Measure::PlanDl,
    Measure::LevinKt,
    Measure::Compress,
    Measure::Bdm,
];

/// Draw both plots side by side.
pub fn ui(explorer: &Explorer, ui: &mut egui::Ui) {
    ui.columns(3, |columns| {
        if let [left, middle, right] = columns {
            measures_ui(explorer, left);
            languages_ui(explorer, middle);
            impact_ui(explorer, right);
        }
    });
}

fn measures_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let Some(score) = explorer.current_score() else {
        return;
    };
    let budget = explorer.budget();
    ui.strong("Bits per plan");
    let names: Vec<String> = score.plans.iter().map(|p| p.plan.clone()).collect();
    let charts: Vec<BarChart> = PLOTTED
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let bars = score
                .plans
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let bits = p.value(*m)?;
                    Some(
                        Bar::new(i as f64 + (k as f64 - 2.0) * 0.17, bits)
                            .width(0.16)
                            .name(&p.plan),
                    )
                })
                .collect();
            BarChart::new(m.key(), bars).color(MEASURE_COLORS[k])
        })
        .collect();
    let label_names = names.clone();
    Plot::new("measures_plot")
        .height(200.0)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .y_axis_label("bits")
        .x_axis_formatter(move |mark, _| plan_label(&label_names, mark.value))
        .allow_scroll(false)
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
            plot.hline(HLine::new("effect budget", budget));
        });
}

fn languages_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let budget = explorer.budget();
    let names: Vec<String> = explorer
        .scene()
        .plans
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let plan = explorer.playback.plan;
    let Some(scores) = &explorer.scores else {
        return;
    };
    let plan_name = names.get(plan).cloned().unwrap_or_default();
    ui.strong(format!("`{plan_name}` by language"));
    let languages: Vec<String> = explorer
        .languages
        .iter()
        .map(|l| l.language.name.clone())
        .collect();
    let bars = scores
        .per_language
        .iter()
        .enumerate()
        .filter_map(|(j, s)| {
            let p = s.plans.get(plan)?;
            let color = if p.verdict.accepted {
                egui::Color32::from_rgb(46, 125, 70)
            } else {
                egui::Color32::from_rgb(160, 55, 50)
            };
            Some(
                Bar::new(j as f64, p.effect_bits()?)
                    .width(0.6)
                    .fill(color)
                    .name(languages.get(j).cloned().unwrap_or_default()),
            )
        })
        .collect();
    Plot::new("languages_plot")
        .height(200.0)
        .y_axis_label("bits")
        .x_axis_formatter(move |mark, _| plan_label(&languages, mark.value))
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("effect_dl", bars));
            plot.hline(HLine::new("effect budget", budget));
        });
}

/// The name at an integer axis position, blank between.
fn plan_label(names: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    names.get(i as usize).cloned().unwrap_or_default()
}

/// The current plan's deviation at each step, one line per impact measure.
fn impact_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let plan = explorer.playback.plan;
    let name = explorer
        .scene()
        .plans
        .get(plan)
        .map_or("", |p| p.name.as_str());
    ui.strong(format!("`{name}` impact per step"));
    let Some(reports) = explorer.impacts.as_ref().and_then(|t| t.reports.get(plan)) else {
        ui.weak("Computing…");
        return;
    };
    let lines: Vec<Line> = reports
        .iter()
        .zip(super::explorer::IMPACT_MEASURES)
        .filter_map(|(report, (_, label))| {
            let r = report.as_ref().ok()?;
            let points: PlotPoints = r
                .per_step
                .iter()
                .enumerate()
                .map(|(t, d)| [(t + 1) as f64, *d])
                .collect();
            Some(Line::new(label, points))
        })
        .collect();
    Plot::new("impact_plot")
        .height(200.0)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .x_axis_label("step")
        .allow_scroll(false)
        .show(ui, |plot| {
            for line in lines {
                plot.line(line);
            }
        });
}
