//! Plots: each plan's bits per measure, the selected plan's effect description across
//! languages, and its impact per step.
//!
//! Bars run horizontally, one row per plan or language, so every name fits on the axis
//! whatever its length and however narrow the column. The bits axes are logarithmic
//! (log10 of 1 + bits, so 0 bits sits at the origin): the measures share a unit, and the
//! compressed size counts hundreds of bits where the description lengths count a few, so on
//! a linear axis it flattens the rest. One panel per measure would keep linear axes, but five
//! panels in a column this narrow leave each about 50 points, too few for an axis. Legends
//! sit above the charts and list only what is drawn.

use super::legend::{self, Entry, Mark};
use crate::app::explorer::Explorer;
use egui::Color32;
use egui_plot::{
    AxisHints, Bar, BarChart, GridInput, GridMark, Line, LineStyle, Plot, PlotPoint, PlotPoints,
    PlotResponse, VLine,
};
use ladders_domain::measures::Measure;

/// Colours of the impact measures' lines, in `IMPACT_MEASURES` order.
const IMPACT_COLORS: [Color32; 3] = [
    Color32::from_rgb(220, 80, 70),
    Color32::from_rgb(70, 130, 200),
    Color32::from_rgb(200, 170, 60),
];

const ACCEPTED: Color32 = Color32::from_rgb(46, 125, 70);
const REJECTED: Color32 = Color32::from_rgb(160, 55, 50);
// Dark enough for the light theme, light enough for the dark one.
const BUDGET: Color32 = Color32::from_rgb(70, 130, 220);

/// Shares of the panel's width: the bits chart has five bars per plan, the others one bar
/// per language or a line per measure.
const WIDTHS: [f32; 3] = [0.42, 0.29, 0.29];

/// Points a row (a plan's group of bars, a language's bar) needs at least for its name to be
/// drawn: egui_plot leaves out a tick label when the ticks are closer than its text is high.
const ROW_POINTS: f32 = 26.0;

/// Points each bar of a plan's group needs to be told apart from its neighbours.
const BAR_POINTS: f32 = 5.5;

/// Points the x axis with its tick labels and title takes below the rows.
const X_AXIS_POINTS: f32 = 44.0;

/// Draw the three plots side by side.
pub fn ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let gaps = ui.spacing().item_spacing.x * (WIDTHS.len() - 1) as f32;
    let width = (ui.available_width() - gaps).max(0.0);
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        for (k, share) in WIDTHS.iter().enumerate() {
            let size = egui::vec2(width * share, height);
            let layout = egui::Layout::top_down(egui::Align::Min);
            ui.allocate_ui_with_layout(size, layout, |ui| {
                ui.set_min_size(size);
                match k {
                    0 => measures_ui(explorer, ui),
                    1 => languages_ui(explorer, ui),
                    _ => impact_ui(explorer, ui),
                }
            });
        }
    });
}

/// Position on a bits axis: log10(1 + bits), so 0 bits sits at the origin and, from about
/// 100 bits on, every decade takes the same width.
fn axis_from_bits(bits: f64) -> f64 {
    (1.0 + bits.max(0.0)).log10()
}

/// The bits at a position on a bits axis.
fn bits_from_axis(x: f64) -> f64 {
    10f64.powf(x) - 1.0
}

/// Grid marks of a bits axis: labelled lines at 0, 10, 100, … bits (step size 1, one
/// decade) and faint ones at 1–9, 20–90, … between.
fn bits_grid(input: GridInput) -> Vec<GridMark> {
    let max_bits = bits_from_axis(input.bounds.1);
    let mut marks = vec![GridMark {
        value: 0.0,
        step_size: 1.0,
    }];
    let mut decade = 1.0_f64;
    // Past 10^15 bits f64 no longer tells the marks apart; nothing real gets there.
    while decade <= max_bits && decade < 1e15 {
        for multiple in 1..10 {
            let bits = decade * f64::from(multiple);
            if bits > max_bits {
                break;
            }
            let labelled = multiple == 1 && decade >= 10.0;
            marks.push(GridMark {
                value: axis_from_bits(bits),
                step_size: if labelled { 1.0 } else { 0.1 },
            });
        }
        decade *= 10.0;
    }
    marks
}

/// The smallest power of ten at or above `bits` (at least 10), where a bits axis ends so
/// that its last tick is labelled.
fn decade_above(bits: f64) -> f64 {
    let mut decade = 10.0;
    while decade < bits && decade < 1e15 {
        decade *= 10.0;
    }
    decade
}

/// The tick label of a bits-axis mark: the decades only, so labels never crowd.
fn bits_tick(mark: GridMark) -> String {
    if mark.step_size < 1.0 {
        return String::new();
    }
    format!("{:.0}", bits_from_axis(mark.value))
}

/// The x axis of a bits chart.
fn bits_axis<'a>() -> AxisHints<'a> {
    AxisHints::new_x()
        .label("bits (log scale)")
        .formatter(|mark, _| bits_tick(mark))
        // The labels are at most four digits: they fit closer than egui_plot's default 60.
        .label_spacing(30.0..=40.0)
}

/// Rows top to bottom at y = 0, −1, −2, …: one grid mark per row.
fn row_grid(rows: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |_| {
        (0..rows)
            .map(|i| GridMark {
                value: -(i as f64),
                step_size: 1.0,
            })
            .collect()
    }
}

/// The y position of row `i`.
fn row_y(i: usize) -> f64 {
    -(i as f64)
}

/// Characters of a name the row axis shows; longer ones end in `…` (the tooltip has them
/// whole), so one long plan name does not take the chart's width from its bars.
const ROW_LABEL_CHARS: usize = 16;

/// The name of the row at `y`, shortened to [`ROW_LABEL_CHARS`], blank between rows.
fn row_label(names: &[String], y: f64) -> String {
    let i = -y.round();
    if (y + i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    let Some(name) = names.get(i as usize) else {
        return String::new();
    };
    if name.chars().count() <= ROW_LABEL_CHARS {
        return name.clone();
    }
    let mut short: String = name.chars().take(ROW_LABEL_CHARS - 1).collect();
    short.push('…');
    short
}

/// A chart's title on one line, cut with `…` when the column is too narrow for it.
fn title_ui(ui: &mut egui::Ui, title: &str) {
    ui.add(egui::Label::new(egui::RichText::new(title).strong()).truncate());
}

/// The y axis of a chart with one row per name.
fn rows_axis<'a>(names: Vec<String>) -> AxisHints<'a> {
    AxisHints::new_y()
        .formatter(move |mark, _| row_label(&names, mark.value))
        // Full strength whenever the row has room for its name at all.
        .label_spacing(12.0..=14.0)
}

/// Show a chart of `rows` rows of `row_points` each in the rest of `ui`, scrolling when the
/// rows need more height than there is, so that every row keeps room for its name.
/// A horizontal bar plot with one named row per entry of `names` and bits on a log axis
/// reaching the decade above `max_bits`.
fn rows_plot<'a>(
    id: &'a str,
    height: f32,
    names: Vec<String>,
    rows: usize,
    max_bits: f64,
) -> Plot<'a> {
    Plot::new(id)
        .height(height)
        .custom_x_axes(vec![bits_axis()])
        .custom_y_axes(vec![rows_axis(names)])
        .x_grid_spacer(bits_grid)
        .y_grid_spacer(row_grid(rows))
        .show_grid([true, false])
        // The values show in tooltips (`tip_ui`) instead of egui_plot's hover text.
        .show_x(false)
        .show_y(false)
        .include_x(0.0)
        .include_x(axis_from_bits(decade_above(max_bits)))
        .allow_scroll(false)
}

fn rows_plot_ui(
    ui: &mut egui::Ui,
    id: &str,
    rows: usize,
    row_points: f32,
    show: impl FnOnce(&mut egui::Ui, f32),
) {
    let needed = rows as f32 * row_points.max(ROW_POINTS) + X_AXIS_POINTS;
    let available = ui.available_height();
    if needed <= available {
        show(ui, available);
    } else {
        egui::ScrollArea::vertical()
            .id_salt(id)
            .auto_shrink([false, false])
            .show(ui, |ui| show(ui, needed));
    }
}

/// A horizontal band of a chart (a bar and the room around it) and what hovering it says.
struct Tip {
    /// The band's centre.
    y: f64,
    /// Half its height.
    half: f64,
    /// The tooltip.
    text: String,
}

/// The tooltip of the band under the pointer, beside the pointer: egui_plot's own hover text
/// sits at the bar's end, where the frame clips it and it covers the bars below.
fn tip_ui(response: &PlotResponse<Option<PlotPoint>>, tips: &[Tip]) {
    let Some(pointer) = response.inner else {
        return;
    };
    if let Some(tip) = tips.iter().find(|t| (pointer.y - t.y).abs() <= t.half) {
        response
            .response
            .clone()
            .on_hover_text_at_pointer(&tip.text);
    }
}

fn measures_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    title_ui(ui, "Bits per plan");
    let Some(score) = explorer.current_score() else {
        ui.weak("Computing…");
        return;
    };
    let scene = explorer.scene();
    let names: Vec<String> = score.plans.iter().map(|p| p.plan.clone()).collect();
    // Only the measures with a value get bars and a legend entry.
    let measures: Vec<(Measure, Color32)> = Measure::plotted()
        .map(|(m, [r, g, b])| (m, Color32::from_rgb(r, g, b)))
        .filter(|(m, _)| score.plans.iter().any(|p| p.value(*m).is_some()))
        .collect();
    let thickness = 0.8 / measures.len().max(1) as f64;
    let mut tips = Vec::new();
    let charts: Vec<BarChart> = measures
        .iter()
        .enumerate()
        .map(|(k, (m, color))| {
            let bars = score
                .plans
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let bits = p.value(*m)?;
                    // The first measure on top of its plan's group, as in the legend.
                    let y = row_y(i) + 0.4 - (k as f64 + 0.5) * thickness;
                    tips.push(Tip {
                        y,
                        half: thickness / 2.0,
                        text: format!("{}: {} {bits:.2} bits", p.plan, m.key()),
                    });
                    Some(
                        Bar::new(y, axis_from_bits(bits))
                            .width(thickness * 0.9)
                            .fill(*color)
                            .name(&p.plan),
                    )
                })
                .collect();
            BarChart::new(m.key(), bars)
                .color(*color)
                .horizontal()
                .allow_hover(false)
        })
        .collect();
    // A budget applies to its own measure only: drawn in that measure's colour.
    let budgets: Vec<(String, f64, Color32)> = measures
        .iter()
        .filter_map(|(m, color)| {
            let bits = scene.budget(*m)?;
            Some((format!("{} budget", m.key()), bits, *color))
        })
        .collect();
    let mut entries: Vec<Entry> = measures
        .iter()
        .map(|(m, color)| Entry::new(*color, Mark::Fill, m.key()))
        .collect();
    entries.extend(
        budgets
            .iter()
            .map(|(name, _, color)| Entry::new(*color, Mark::Dashed, name.clone())),
    );
    legend::ui(ui, &entries, false, None);
    let max_bits = score
        .plans
        .iter()
        .flat_map(|p| measures.iter().filter_map(|(m, _)| p.value(*m)))
        .chain(budgets.iter().map(|(_, bits, _)| *bits))
        .fold(0.0, f64::max);
    let rows = names.len();
    let row_points = BAR_POINTS * measures.len() as f32;
    rows_plot_ui(ui, "measures_scroll", rows, row_points, |ui, height| {
        let response = rows_plot("measures_plot", height, names, rows, max_bits).show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
            for (name, bits, color) in budgets {
                plot.vline(
                    VLine::new(name, axis_from_bits(bits))
                        .color(color)
                        .style(LineStyle::dashed_loose()),
                );
            }
            plot.pointer_coordinate()
        });
        tip_ui(&response, &tips);
    });
}

fn languages_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let plan = explorer.view.playback.plan;
    let plan_name = explorer
        .scene()
        .plans
        .get(plan)
        .map_or("", |p| p.name.as_str());
    title_ui(ui, &format!("`{plan_name}` by language"));
    if explorer.results.scores.is_none() {
        ui.weak("Computing…");
        return;
    }
    let budget = explorer.budget();
    let names: Vec<String> = explorer
        .work
        .languages
        .iter()
        .map(|l| l.language.name.clone())
        .collect();
    let mut verdicts = [false; 2];
    let mut tips = Vec::new();
    let bars: Vec<Bar> = (0..explorer.work.languages.len())
        .filter_map(|j| {
            let p = explorer.score_in(j)?.plans.get(plan)?;
            let bits = p.effect_bits()?;
            verdicts[usize::from(p.verdict.accepted)] = true;
            let (color, verdict) = if p.verdict.accepted {
                (ACCEPTED, "accepted")
            } else {
                (REJECTED, "rejected")
            };
            let language = names.get(j).map_or("", String::as_str);
            tips.push(Tip {
                y: row_y(j),
                half: 0.5,
                text: format!("{language}: effect_dl {bits:.2} bits, {verdict}"),
            });
            Some(
                Bar::new(row_y(j), axis_from_bits(bits))
                    .width(0.6)
                    .fill(color)
                    .name(names.get(j).cloned().unwrap_or_default()),
            )
        })
        .collect();
    let max_bits = bars
        .iter()
        .map(|b| bits_from_axis(b.value))
        .fold(budget, f64::max);
    let mut entries = Vec::new();
    if verdicts[1] {
        entries.push(Entry::new(ACCEPTED, Mark::Fill, "accepted"));
    }
    if verdicts[0] {
        entries.push(Entry::new(REJECTED, Mark::Fill, "rejected"));
    }
    entries.push(Entry::new(BUDGET, Mark::Dashed, "effect_dl budget"));
    legend::ui(ui, &entries, false, None);
    let rows = names.len();
    rows_plot_ui(ui, "languages_scroll", rows, ROW_POINTS, |ui, height| {
        let response =
            rows_plot("languages_plot", height, names, rows, max_bits).show(ui, |plot| {
                let chart = BarChart::new("effect_dl", bars)
                    .horizontal()
                    .allow_hover(false);
                plot.bar_chart(chart);
                plot.vline(
                    VLine::new("effect_dl budget", axis_from_bits(budget))
                        .color(BUDGET)
                        .style(LineStyle::dashed_loose()),
                );
                plot.pointer_coordinate()
            });
        tip_ui(&response, &tips);
    });
}

/// The tick label of a step-axis mark: whole steps from 1 only.
fn step_tick(mark: GridMark) -> String {
    let step = mark.value.round();
    if mark.step_size < 1.0 || (mark.value - step).abs() > 1e-6 || step < 1.0 {
        return String::new();
    }
    format!("{step:.0}")
}

/// The current plan's deviation at each step, one line per impact measure.
fn impact_ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let plan = explorer.view.playback.plan;
    let name = explorer
        .scene()
        .plans
        .get(plan)
        .map_or("", |p| p.name.as_str());
    title_ui(ui, &format!("`{name}` impact per step"));
    let Some(reports) = explorer
        .results
        .impacts
        .as_ref()
        .and_then(|t| t.reports.get(plan))
    else {
        ui.weak("Computing…");
        return;
    };
    let mut entries = Vec::new();
    let lines: Vec<Line> = reports
        .iter()
        .zip(crate::app::explorer::IMPACT_MEASURES)
        .zip(IMPACT_COLORS)
        .filter_map(|((report, (_, label)), color)| {
            let r = report.as_ref().ok()?;
            let points: PlotPoints = r
                .per_step
                .iter()
                .enumerate()
                .map(|(t, d)| [(t + 1) as f64, *d])
                .collect();
            entries.push(Entry::new(color, Mark::Line, label));
            Some(Line::new(label, points).color(color).width(1.5))
        })
        .collect();
    if lines.is_empty() {
        ui.weak("No impact measure has a value for this plan.");
        return;
    }
    legend::ui(ui, &entries, false, None);
    let steps_axis = AxisHints::new_x()
        .label("step")
        .formatter(|mark, _| step_tick(mark))
        // Plans are a few steps long: label every step that has room, not one in ten.
        .label_spacing(18.0..=24.0);
    Plot::new("impact_plot")
        .height(ui.available_height())
        .custom_x_axes(vec![steps_axis])
        .y_axis_label("deviation")
        .include_y(0.0)
        .allow_scroll(false)
        .show(ui, |plot| {
            for line in lines {
                plot.line(line);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bits_axis_round_trips_and_starts_at_zero() {
        assert_eq!(axis_from_bits(0.0), 0.0);
        for bits in [0.5, 2.0, 14.0, 696.0, 1e6] {
            assert!((bits_from_axis(axis_from_bits(bits)) - bits).abs() < 1e-9 * bits.max(1.0));
        }
        // From 100 bits on, a decade is one unit wide to within 1%: 1 + bits is bits there.
        let decade = |b: f64| axis_from_bits(b * 10.0) - axis_from_bits(b);
        assert!((decade(100.0) - 1.0).abs() < 0.01);
        assert!((decade(1000.0) - 1.0).abs() < 0.001);
    }

    #[test]
    fn the_bits_grid_labels_the_decades_only() {
        let marks = bits_grid(GridInput {
            bounds: (-0.1, axis_from_bits(750.0)),
            base_step_size: 0.01,
        });
        let labels: Vec<String> = marks
            .iter()
            .map(|m| bits_tick(*m))
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(labels, ["0", "10", "100"]);
        // 1..9, 10..90, 100..700, and the origin.
        assert_eq!(marks.len(), 1 + 9 + 9 + 7);
    }

    #[test]
    fn every_row_has_its_name_and_nothing_sits_between() {
        let names: Vec<String> = ["paint", "rainbow", "hologram"].map(String::from).to_vec();
        let marks = row_grid(names.len())(GridInput {
            bounds: (-3.0, 1.0),
            base_step_size: 0.1,
        });
        let labels: Vec<String> = marks.iter().map(|m| row_label(&names, m.value)).collect();
        assert_eq!(labels, names);
        assert_eq!(row_label(&names, -0.5), "");
        assert_eq!(row_label(&names, 1.0), "");
        assert_eq!(row_label(&names, -3.0), "");
        let long = vec!["walk_about_with_a_long_name".to_owned()];
        assert_eq!(row_label(&long, 0.0), "walk_about_with…");
        assert_eq!(row_label(&long, 0.0).chars().count(), ROW_LABEL_CHARS);
    }
}
