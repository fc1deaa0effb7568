//! The comparison window's scatter: a pair's description lengths against each other,
//! with the diagonal and the band the invariance constants draw; a click picks a plan.

use super::compare::{SCENE_PLAN, bits_text, title_ui};
use super::legend::{self, Entry, Mark};
use crate::app::action::{Action, Actions};
use crate::app::explorer::Explorer;
use egui::{Align2, Color32, RichText};
use egui_plot::{HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, Text};
use ladders_domain::analysis::{Comparison, MeasureComparison};

/// Random plans on the scatter.
const RANDOM_PLAN: Color32 = Color32::from_rgb(140, 140, 140);
/// The selected plan's ring.
const SELECTED: Color32 = Color32::from_rgb(230, 120, 20);
/// The diagonal.
const DIAGONAL: Color32 = Color32::from_rgb(120, 120, 120);
/// The band lines y = x ± c.
const BAND: Color32 = Color32::from_rgb(190, 60, 60);

/// The scatter's series names, which its hover text looks points up by.
const SCENE_SERIES: &str = "Scene plans";
const RANDOM_SERIES: &str = "Random plans";

/// Screen points within which a click on the scatter picks a scene plan.
const PICK_POINTS: f32 = 12.0;

pub(super) fn scatter_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    comparison: &Comparison,
    measure: &MeasureComparison,
    (a, b): (usize, usize),
    log: bool,
    ui: &mut egui::Ui,
) {
    // Where a length is drawn: itself, or log2(1 + K) on logarithmic axes.
    let at = move |k: f64| if log { (1.0 + k.max(0.0)).log2() } else { k };
    let names = &comparison.languages;
    let (name_a, name_b) = (names[a].clone(), names[b].clone());
    title_ui(
        ui,
        &format!("{} in {name_a} and {name_b}", measure.measure.label()),
    );
    let (in_a, in_b) = (&measure.lengths[a], &measure.lengths[b]);
    // Per series: the point and the object it stands for.
    let mut scene_points: Vec<([f64; 2], usize)> = Vec::new();
    let mut random_points: Vec<([f64; 2], usize)> = Vec::new();
    let mut one_sided = 0;
    for (x, object) in comparison.objects.iter().enumerate() {
        match (in_a[x], in_b[x]) {
            (Some(ka), Some(kb)) if object.random => random_points.push(([at(ka), at(kb)], x)),
            (Some(ka), Some(kb)) => scene_points.push(([at(ka), at(kb)], x)),
            (None, None) => {}
            _ => one_sided += 1,
        }
    }
    let c_ab = measure.invariance[a][b].bits;
    let c_ba = measure.invariance[b][a].bits;
    let mut entries = vec![
        Entry::new(SCENE_PLAN, Mark::Dot, SCENE_SERIES),
        Entry::new(RANDOM_PLAN, Mark::Dot, RANDOM_SERIES),
        Entry::new(DIAGONAL, Mark::Line, "y = x"),
    ];
    let band = |c: Option<f64>, sign: &str, name: &str| match c {
        Some(c) => format!("y = x {sign} {name} = {}", bits_text(c)),
        None => format!("{name} unbounded"),
    };
    entries.push(Entry::new(
        BAND,
        Mark::Dashed,
        band(c_ab, "+", &format!("c({name_a}, {name_b})")),
    ));
    entries.push(Entry::new(
        BAND,
        Mark::Dashed,
        band(c_ba, "−", &format!("c({name_b}, {name_a})")),
    ));
    let hint = (one_sided > 0)
        .then(|| format!("{one_sided} object(s) described in only one of them are not drawn"));
    legend::ui(ui, &entries, true, hint.as_deref());

    let all: Vec<f64> = scene_points
        .iter()
        .chain(&random_points)
        .flat_map(|(p, _)| *p)
        .collect();
    let low = all.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
    let high = all.iter().copied().fold(0.0, f64::max) + if log { 0.5 } else { 2.0 };
    // The lengths behind the points, for the hover text (the points may be logarithms).
    let (lengths_a, lengths_b) = (in_a.clone(), in_b.clone());
    let objects: Vec<String> = comparison.objects.iter().map(|o| o.name.clone()).collect();
    let scene_index: Vec<usize> = scene_points.iter().map(|(_, x)| *x).collect();
    let random_index: Vec<usize> = random_points.iter().map(|(_, x)| *x).collect();
    let (hover_a, hover_b) = (name_a.clone(), name_b.clone());
    let selected_plan = explorer.view.playback.plan;
    let selected: Vec<[f64; 2]> = scene_points
        .iter()
        .filter(|(_, x)| *x == selected_plan)
        .map(|(p, _)| *p)
        .collect();
    let labels: Vec<([f64; 2], String)> = scene_points
        .iter()
        .map(|(p, x)| (*p, objects[*x].clone()))
        .collect();
    let picks = scene_points.clone();
    let size = ui.available_width();
    let response = Plot::new(("compare_scatter", a, b, log))
        .width(size)
        .height(size.min(420.0))
        .data_aspect(1.0)
        .include_x(low)
        .include_y(low)
        .include_x(high)
        .include_y(high)
        .x_axis_label(if log {
            format!("log2(1 + K in {name_a})")
        } else {
            format!("K in {name_a} (bits)")
        })
        .y_axis_label(if log {
            format!("log2(1 + K in {name_b})")
        } else {
            format!("K in {name_b} (bits)")
        })
        .allow_scroll(false)
        .label_formatter(move |position| {
            let HoverPosition::NearDataPoint {
                plot_name, index, ..
            } = position
            else {
                return None;
            };
            let object = match *plot_name {
                SCENE_SERIES => scene_index.get(*index)?,
                RANDOM_SERIES => random_index.get(*index)?,
                _ => return None,
            };
            Some(format!(
                "{}\n{} bits in {hover_a}\n{} bits in {hover_b}",
                objects[*object],
                bits_text((*lengths_a.get(*object)?)?),
                bits_text((*lengths_b.get(*object)?)?)
            ))
        })
        .show(ui, |plot| {
            // y = x + c, sampled so that it bends as it should on logarithmic axes
            // (evenly in the drawn coordinate, so the curve is smooth near the origin).
            let line = |name: &str, c: f64| {
                let samples: Vec<[f64; 2]> = (0..=128)
                    .map(|i| {
                        let t = low + (high - low) * f64::from(i) / 128.0;
                        if log { t.exp2() - 1.0 } else { t }
                    })
                    .filter(|&k| !log || k + c >= 0.0)
                    .map(|k| [at(k), at(k + c)])
                    .collect();
                Line::new(name, samples).allow_hover(false)
            };
            plot.line(line("y = x", 0.0).color(DIAGONAL));
            if let Some(c) = c_ab {
                plot.line(
                    line("upper band", c)
                        .color(BAND)
                        .style(LineStyle::dashed_loose()),
                );
            }
            if let Some(c) = c_ba {
                plot.line(
                    line("lower band", -c)
                        .color(BAND)
                        .style(LineStyle::dashed_loose()),
                );
            }
            let points = |series: &[([f64; 2], usize)]| -> Vec<[f64; 2]> {
                series.iter().map(|(p, _)| *p).collect()
            };
            plot.points(
                Points::new(RANDOM_SERIES, points(&random_points))
                    .color(RANDOM_PLAN)
                    .radius(2.0),
            );
            plot.points(
                Points::new(SCENE_SERIES, points(&scene_points))
                    .color(SCENE_PLAN)
                    .filled(true)
                    .radius(6.0),
            );
            if !selected.is_empty() {
                plot.points(
                    Points::new("selected plan", selected)
                        .shape(MarkerShape::Circle)
                        .filled(false)
                        .color(SELECTED)
                        .radius(10.0)
                        .allow_hover(false),
                );
            }
            for ([x, y], name) in labels {
                plot.text(
                    Text::new(
                        format!("label {name}"),
                        PlotPoint::new(x, y),
                        RichText::new(format!("  {name}")).color(SCENE_PLAN),
                    )
                    .anchor(Align2::LEFT_BOTTOM)
                    .allow_hover(false),
                );
            }
            // A click picks the nearest scene plan within reach.
            let response = plot.response();
            if !response.clicked() {
                return None;
            }
            let pointer = response.interact_pointer_pos()?;
            picks
                .iter()
                .map(|([x, y], object)| {
                    let at = plot.screen_from_plot(PlotPoint::new(*x, *y));
                    (at.distance(pointer), *object)
                })
                .filter(|(distance, _)| *distance <= PICK_POINTS)
                .min_by(|p, q| p.0.total_cmp(&q.0))
                .map(|(_, object)| object)
        });
    if let Some(plan) = response.inner {
        actions.push(Action::SelectPlan(plan));
    }
    ui.weak("Click a scene plan to see its derivations below.");
}
