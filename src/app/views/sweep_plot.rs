//! A commodification sweep as a line plot: one line per plan of its value under a measure
//! at each step (or each availability), the agent's choice at every point, and each
//! crossover (where the choice changes) as a labelled vertical line. Hovering a point
//! names the step and the choice there. The chart is plain data ([`SweepChart`]) built
//! from the sweep, so the plot knows nothing of how it was computed.

use egui::{Align2, Color32, RichText};
use egui_plot::{
    HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, Text, VLine,
};

/// What the plot draws.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepChart {
    /// The plot's id and title.
    pub title: String,
    /// Where each point sits on the x axis (a step number, or an availability).
    pub xs: Vec<f64>,
    /// What each point is, for the hover text (e.g. "step 1: holography commodified").
    pub point_names: Vec<String>,
    /// The x axis's title.
    pub x_label: String,
    /// The y axis's title (the measure and its unit).
    pub y_label: String,
    /// Per plan: its name and its value at each point (none where it has none).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// The plan chosen at each point, as an index into `series`.
    pub choices: Vec<Option<usize>>,
    /// Each crossover: where, and its label ("paint -> hologram").
    pub crossovers: Vec<(f64, String)>,
    /// Whether to mark every point (a discrete sweep) or only draw the lines.
    pub markers: bool,
}

/// Colours of the plans' lines, in plan order.
const PLAN_COLOURS: [Color32; 8] = [
    Color32::from_rgb(230, 120, 40),
    Color32::from_rgb(70, 130, 200),
    Color32::from_rgb(150, 100, 190),
    Color32::from_rgb(90, 170, 110),
    Color32::from_rgb(200, 170, 60),
    Color32::from_rgb(200, 80, 120),
    Color32::from_rgb(60, 170, 180),
    Color32::from_rgb(140, 140, 140),
];
const CROSSOVER: Color32 = Color32::from_rgb(200, 60, 60);

/// The colour of plan `i`'s line.
pub fn plan_colour(i: usize) -> Color32 {
    PLAN_COLOURS[i % PLAN_COLOURS.len()]
}

/// The name of the plan chosen at point `k`.
fn choice_name(chart: &SweepChart, k: usize) -> String {
    chart
        .choices
        .get(k)
        .copied()
        .flatten()
        .and_then(|i| chart.series.get(i))
        .map_or_else(|| "no plan qualifies".to_owned(), |(name, _)| name.clone())
}

/// The hover text at point `k` of plan `plan`.
pub fn hover_text(chart: &SweepChart, plan: usize, k: usize) -> Option<String> {
    let (name, values) = chart.series.get(plan)?;
    let value = values.get(k).copied().flatten()?;
    Some(format!(
        "{}\n{name}: {value:.2}\nthe agent's choice: {}",
        chart.point_names.get(k)?,
        choice_name(chart, k)
    ))
}

/// Draw the chart; `log` draws log2(1 + value) so that one plan hundreds of bits long does
/// not flatten the rest.
pub fn ui(ui: &mut egui::Ui, chart: &SweepChart, log: bool, height: f32) {
    let at = move |v: f64| if log { (1.0 + v.max(0.0)).log2() } else { v };
    let hover = chart.clone();
    let names: Vec<String> = chart.series.iter().map(|(n, _)| n.clone()).collect();
    let top = chart
        .series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(1.0f64, |m, &v| m.max(at(v)));
    Plot::new(("sweep", chart.title.as_str(), log))
        .height(height)
        .x_axis_label(chart.x_label.clone())
        .y_axis_label(if log {
            format!("log2(1 + {})", chart.y_label)
        } else {
            chart.y_label.clone()
        })
        .include_y(0.0)
        .allow_scroll(false)
        .legend(egui_plot::Legend::default())
        .label_formatter(move |position| {
            let HoverPosition::NearDataPoint {
                plot_name, index, ..
            } = position
            else {
                return None;
            };
            let plan = names.iter().position(|n| n == plot_name)?;
            let (_, values) = hover.series.get(plan)?;
            let k = values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_some())
                .nth(*index)?
                .0;
            hover_text(&hover, plan, k)
        })
        .show(ui, |plot| {
            for (i, (name, values)) in chart.series.iter().enumerate() {
                let colour = plan_colour(i);
                // A plan without a value at some point (it cannot be described there)
                // breaks its line rather than dropping to zero.
                let mut run: Vec<[f64; 2]> = Vec::new();
                let mut runs = Vec::new();
                for (x, v) in chart.xs.iter().zip(values) {
                    match v {
                        Some(v) => run.push([*x, at(*v)]),
                        None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                        None => {}
                    }
                }
                if !run.is_empty() {
                    runs.push(run);
                }
                for (r, points) in runs.into_iter().enumerate() {
                    // The legend shows each plan once: its first run carries the name.
                    let line_name = if r == 0 {
                        name.clone()
                    } else {
                        format!("{name} ({r})")
                    };
                    plot.line(
                        Line::new(line_name, points)
                            .color(colour)
                            .width(2.0)
                            .allow_hover(false),
                    );
                }
                // Points carry the hover; those without a value are left out, so
                // `present` maps a point's index back to its step.
                let points: Vec<[f64; 2]> = chart
                    .xs
                    .iter()
                    .zip(values)
                    .filter_map(|(x, v)| v.map(|v| [*x, at(v)]))
                    .collect();
                plot.points(
                    Points::new(name.clone(), points)
                        .color(colour)
                        .radius(if chart.markers { 4.0 } else { 1.0 })
                        .filled(true),
                );
            }
            // The choice at each point, ringed.
            let chosen: Vec<[f64; 2]> = chart
                .xs
                .iter()
                .enumerate()
                .filter_map(|(k, x)| {
                    let plan = chart.choices.get(k).copied().flatten()?;
                    let v = chart.series.get(plan)?.1.get(k).copied().flatten()?;
                    Some([*x, at(v)])
                })
                .collect();
            if chart.markers {
                plot.points(
                    Points::new("the agent's choice", chosen)
                        .shape(MarkerShape::Circle)
                        .filled(false)
                        .radius(8.0)
                        .color(CROSSOVER)
                        .allow_hover(false),
                );
            }
            for (x, label) in &chart.crossovers {
                plot.vline(
                    VLine::new("crossover", *x)
                        .color(CROSSOVER)
                        .style(LineStyle::dashed_loose())
                        .allow_hover(false),
                );
                plot.text(
                    // No name: the label is not a legend entry.
                    Text::new(
                        "",
                        PlotPoint::new(*x, top * 1.04),
                        RichText::new(format!(" {label}")).color(CROSSOVER),
                    )
                    .anchor(Align2::LEFT_BOTTOM)
                    .allow_hover(false),
                );
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> SweepChart {
        SweepChart {
            title: "t".into(),
            xs: vec![0.0, 1.0],
            point_names: vec!["start".into(), "step 1: holography commodified".into()],
            x_label: "step".into(),
            y_label: "bits".into(),
            series: vec![
                ("paint".into(), vec![Some(6.32), Some(6.32)]),
                ("hologram".into(), vec![Some(22.6), Some(5.32)]),
            ],
            choices: vec![Some(0), Some(1)],
            crossovers: vec![(1.0, "paint -> hologram".into())],
            markers: true,
        }
    }

    #[test]
    fn hovering_a_point_names_the_step_and_the_choice_there() {
        let c = chart();
        let text = hover_text(&c, 0, 1).unwrap_or_default();
        assert!(text.contains("holography commodified"), "{text}");
        assert!(text.contains("the agent's choice: hologram"), "{text}");
        assert!(
            hover_text(&c, 0, 0)
                .unwrap_or_default()
                .contains("choice: paint")
        );
        assert_eq!(hover_text(&c, 5, 0), None);
    }
}
