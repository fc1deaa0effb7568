//! The comparison of the loaded languages (README, "No unique ladder"), in a window of its
//! own: a pair's description lengths against each other with the band the invariance
//! constants draw, the matrix of c_AB and the same as a directed graph with the centre,
//! Kendall's τ and the plans whose verdict flips, and the robustness sweep around the
//! current language. Every number comes from the comparison and sweep jobs; the window
//! only draws them and remembers its choices ([`CompareSettings`]).

use super::legend::{self, Entry, Mark};
use crate::app::action::{Action, Actions};
use crate::app::explorer::Explorer;
use crate::app::state::{ComparedLanguages, SweepRun};
use egui::{Align2, Color32, FontId, Pos2, RichText, Sense, Shape, Stroke, vec2};
use egui_plot::{
    Bar, BarChart, GridMark, HLine, HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint,
    Points, Text, VLine,
};
use ladders_domain::analysis::{COMPARED, Comparison, HOLDS, MeasureComparison};
use ladders_domain::measures::Measure;
use std::ops::RangeInclusive;

/// Random plans compared besides the scene's, by default.
pub const RANDOM_PLANS: usize = 200;
/// The most random plans the field allows.
pub const MAX_RANDOM_PLANS: usize = 5_000;
/// Random languages per radius the sweep draws by default.
pub const SWEEP_LANGUAGES: u64 = 1_000;
/// How many random languages per radius the field allows.
pub const SWEEP_LANGUAGES_RANGE: RangeInclusive<u64> = 10..=100_000;
/// The radii swept, in bits.
pub const RADII: [f64; 7] = [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// What the comparison window shows; the explorer holds it, the window edits a copy and
/// hands it back as one action.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareSettings {
    /// Whether the window is open.
    pub open: bool,
    /// The description length compared.
    pub measure: Measure,
    /// Language A of the pair, by name; `None`: the current language.
    pub a: Option<String>,
    /// Language B, by name; `None`: the one after A.
    pub b: Option<String>,
    /// Random plans besides the scene's.
    pub random_plans: usize,
    /// The seed of the random plans and the sweep's languages.
    pub seed: u64,
    /// Random languages per radius of the sweep.
    pub sweep_languages: u64,
    /// The radii the sweep runs.
    pub radii: Vec<f64>,
    /// The radius whose histogram is shown.
    pub histogram_radius: f64,
    /// The adversarial word's plan, target and cost.
    pub adversary: super::adversary::AdversarySettings,
}

impl Default for CompareSettings {
    fn default() -> Self {
        Self {
            open: false,
            measure: Measure::EffectDl,
            a: None,
            b: None,
            random_plans: RANDOM_PLANS,
            seed: 0,
            sweep_languages: SWEEP_LANGUAGES,
            radii: RADII.to_vec(),
            histogram_radius: 4.0,
            adversary: super::adversary::AdversarySettings::default(),
        }
    }
}

/// Scene plans on the scatter.
const SCENE_PLAN: Color32 = Color32::from_rgb(40, 110, 200);
/// Random plans on the scatter.
const RANDOM_PLAN: Color32 = Color32::from_rgb(140, 140, 140);
/// The selected plan's ring.
const SELECTED: Color32 = Color32::from_rgb(230, 120, 20);
/// The diagonal.
const DIAGONAL: Color32 = Color32::from_rgb(120, 120, 120);
/// The band lines y = x ± c.
const BAND: Color32 = Color32::from_rgb(190, 60, 60);
/// An unbounded constant: off the sequential scale on purpose.
const UNBOUNDED: Color32 = Color32::from_rgb(110, 60, 160);
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

/// The scatter's series names, which its hover text looks points up by.
const SCENE_SERIES: &str = "Scene plans";
const RANDOM_SERIES: &str = "Random plans";

/// Screen points within which a click on the scatter picks a scene plan.
const PICK_POINTS: f32 = 12.0;

/// The comparison window, when open.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ctx: &egui::Context) {
    let settings = &explorer.view.compare;
    if !settings.open {
        return;
    }
    let mut edited = settings.clone();
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new("Compare languages")
        .open(&mut open)
        .default_pos(screen.left_top() + vec2(60.0, 40.0))
        .default_size([1080.0, (screen.height() - 100.0).max(400.0)])
        .vscroll(true)
        .show(ctx, |ui| contents_ui(explorer, actions, &mut edited, ui));
    edited.open &= open;
    if edited != *settings {
        actions.push(Action::SetCompare(Box::new(edited)));
    }
}

fn contents_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    settings: &mut CompareSettings,
    ui: &mut egui::Ui,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Measure");
        for measure in COMPARED {
            ui.selectable_value(&mut settings.measure, measure, measure.label());
        }
        ui.separator();
        let label = ui.label("Random plans");
        ui.add(
            egui::DragValue::new(&mut settings.random_plans)
                .range(0..=MAX_RANDOM_PLANS)
                .speed(2.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Seeded random plans compared besides the scene's own");
        let label = ui.label("Seed");
        ui.add(egui::DragValue::new(&mut settings.seed))
            .labelled_by(label.id)
            .on_hover_text("The seed of the random plans and of the sweep's languages");
        ui.separator();
        status_ui(explorer, actions, ui);
    });
    ui.separator();
    match &explorer.results.comparison {
        Some(compared) => comparison_ui(explorer, actions, settings, compared, ui),
        None if explorer.work.languages.is_empty() => {
            ui.weak("No languages are loaded.");
        }
        None if explorer.comparing() => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Comparing the languages…");
            });
        }
        None => {
            ui.weak("Not compared: the comparison was cancelled.");
        }
    }
    ui.add_space(8.0);
    ui.separator();
    super::adversary::ui(explorer, actions, &mut settings.adversary, ui);
    ui.add_space(8.0);
    ui.separator();
    robustness_ui(explorer, actions, settings, ui);
}

/// Whether the comparison shown is current, and what is computing.
fn status_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let compare_again = |ui: &mut egui::Ui, actions: &mut Actions| {
        if !explorer.comparing()
            && ui
                .button("Compare again")
                .on_hover_text("Compare the loaded languages with the settings shown")
                .clicked()
        {
            actions.push(Action::CompareAgain);
        }
    };
    let Some(compared) = &explorer.results.comparison else {
        compare_again(ui, actions);
        return;
    };
    let stale = compared.inputs != explorer.compare_inputs();
    let objects = compared.comparison.objects.len();
    let plans = compared.comparison.scene_plans;
    if explorer.comparing() {
        ui.spinner();
    }
    if stale {
        let text = if explorer.comparing() {
            "stale: computing the comparison again…"
        } else {
            "stale: the scene, languages or budget changed"
        };
        ui.colored_label(ui.visuals().warn_fg_color, text);
        compare_again(ui, actions);
    } else {
        ui.weak(format!(
            "{objects} objects: the scene's {plans} plans and {} random ones",
            objects - plans
        ));
    }
}

/// Languages A and B in the comparison, from the choices or the current language.
fn pair(
    explorer: &Explorer,
    comparison: &Comparison,
    settings: &CompareSettings,
) -> Option<(usize, usize)> {
    let n = comparison.languages.len();
    if n == 0 {
        return None;
    }
    let index_of = |name: &str| comparison.languages.iter().position(|l| l == name);
    let current = explorer
        .current_language()
        .and_then(|l| index_of(&l.language.name))
        .unwrap_or(0);
    let a = settings.a.as_deref().and_then(index_of).unwrap_or(current);
    let b = settings
        .b
        .as_deref()
        .and_then(index_of)
        .unwrap_or((a + 1) % n);
    Some((a, b))
}

fn comparison_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    settings: &mut CompareSettings,
    compared: &ComparedLanguages,
    ui: &mut egui::Ui,
) {
    let comparison = &compared.comparison;
    let Some(measure) = comparison.measure(settings.measure) else {
        return;
    };
    let Some((a, b)) = pair(explorer, comparison, settings) else {
        return;
    };
    let names = &comparison.languages;
    ui.horizontal(|ui| {
        for (text, chosen, index) in [
            ("Language A", &mut settings.a, a),
            ("Language B", &mut settings.b, b),
        ] {
            let label = ui.label(text);
            egui::ComboBox::from_id_salt(text)
                .selected_text(&names[index])
                .show_ui(ui, |ui| {
                    for name in names {
                        if ui.selectable_label(names[index] == *name, name).clicked() {
                            *chosen = Some(name.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if ui
            .button("Swap")
            .on_hover_text("Swap languages A and B")
            .clicked()
        {
            settings.a = Some(names[b].clone());
            settings.b = Some(names[a].clone());
        }
    });
    let width = ui.available_width();
    ui.horizontal_top(|ui| {
        let scatter_width = (width * 0.48).clamp(320.0, 560.0);
        ui.allocate_ui_with_layout(
            vec2(scatter_width, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(scatter_width);
                scatter_ui(explorer, actions, comparison, measure, (a, b), ui);
                ui.add_space(6.0);
                derivations_ui(explorer, comparison, measure.measure, (a, b), ui);
                ui.add_space(6.0);
                tau_and_flips_ui(comparison, measure, (a, b), ui);
            },
        );
        ui.separator();
        ui.vertical(|ui| {
            title_ui(
                ui,
                &format!("Invariance constants c_AB of {}", measure.measure.label()),
            );
            ui.weak("max over the objects of K_B − K_A, in bits: row A, column B");
            matrix_ui(comparison, measure, ui);
            ui.add_space(6.0);
            ui.horizontal_top(|ui| {
                graph_ui(comparison, measure, ui);
                ui.vertical(|ui| centre_ui(comparison, measure, ui));
            });
        });
    });
}

fn title_ui(ui: &mut egui::Ui, title: &str) {
    ui.label(RichText::new(title).strong());
}

/// Bits as the window shows them.
fn bits_text(bits: f64) -> String {
    format!("{bits:.2}")
}

/// A constant's text: its bits, `∞` when unbounded, `–` when no object is in both.
pub fn constant_text(bits: Option<f64>, object: Option<usize>) -> String {
    match (bits, object) {
        (Some(bits), _) => bits_text(bits),
        (None, Some(_)) => "∞".to_owned(),
        (None, None) => "–".to_owned(),
    }
}

fn scatter_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    comparison: &Comparison,
    measure: &MeasureComparison,
    (a, b): (usize, usize),
    ui: &mut egui::Ui,
) {
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
            (Some(ka), Some(kb)) if object.random => random_points.push(([ka, kb], x)),
            (Some(ka), Some(kb)) => scene_points.push(([ka, kb], x)),
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
    let high = all.iter().copied().fold(0.0, f64::max) + 2.0;
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
    let response = Plot::new(("compare_scatter", a, b))
        .width(size)
        .height(size.min(420.0))
        .data_aspect(1.0)
        .include_x(low)
        .include_y(low)
        .include_x(high)
        .include_y(high)
        .x_axis_label(format!("K in {name_a} (bits)"))
        .y_axis_label(format!("K in {name_b} (bits)"))
        .allow_scroll(false)
        .label_formatter(move |position| {
            let HoverPosition::NearDataPoint {
                plot_name,
                position,
                index,
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
                bits_text(position.x),
                bits_text(position.y)
            ))
        })
        .show(ui, |plot| {
            let line = |name: &str, c: f64| {
                Line::new(name, vec![[low, low + c], [high, high + c]]).allow_hover(false)
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

/// A colour on the sequential scale, pale yellow (t = 0) to dark red (t = 1).
fn sequential(t: f32) -> Color32 {
    const STOPS: [[f32; 3]; 3] = [
        [255.0, 237.0, 160.0],
        [253.0, 141.0, 60.0],
        [189.0, 0.0, 38.0],
    ];
    let t = t.clamp(0.0, 1.0) * 2.0;
    let i = (t.floor() as usize).min(1);
    let f = t - i as f32;
    let mix = |k: usize| (STOPS[i][k] + (STOPS[i + 1][k] - STOPS[i][k]) * f).round() as u8;
    Color32::from_rgb(mix(0), mix(1), mix(2))
}

/// Text readable on the sequential scale's colour at `t`.
fn on_sequential(t: f32) -> Color32 {
    if t < 0.6 {
        Color32::from_rgb(30, 30, 30)
    } else {
        Color32::WHITE
    }
}

/// The finite constants' range between different languages, for the colour scale.
fn constant_range(measure: &MeasureComparison) -> (f64, f64) {
    let values = measure.invariance.iter().enumerate().flat_map(|(a, row)| {
        row.iter()
            .enumerate()
            .filter(move |(b, _)| *b != a)
            .filter_map(|(_, c)| c.bits)
    });
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    if low.is_finite() {
        (low.min(0.0), high.max(low.min(0.0) + 1e-9))
    } else {
        (0.0, 1.0)
    }
}

/// The fill and text colours of a constant.
fn constant_colors(bits: Option<f64>, (low, high): (f64, f64)) -> (Color32, Color32) {
    match bits {
        Some(bits) => {
            let t = ((bits - low) / (high - low)) as f32;
            (sequential(t), on_sequential(t))
        }
        None => (UNBOUNDED, Color32::WHITE),
    }
}

fn matrix_ui(comparison: &Comparison, measure: &MeasureComparison, ui: &mut egui::Ui) {
    let names = &comparison.languages;
    let range = constant_range(measure);
    egui::Grid::new("c_matrix")
        .spacing([3.0, 3.0])
        .show(ui, |ui| {
            ui.weak("A \\ B");
            for name in names {
                ui.label(RichText::new(name).strong());
            }
            ui.end_row();
            for a in 0..names.len() {
                ui.label(RichText::new(&names[a]).strong());
                for b in 0..names.len() {
                    cell_ui(comparison, measure, (a, b), range, ui);
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        ui.weak("small");
        let (rect, _) = ui.allocate_exact_size(vec2(90.0, 12.0), Sense::hover());
        for k in 0..30 {
            let t = k as f32 / 29.0;
            let x = rect.left() + rect.width() * k as f32 / 30.0;
            let part = egui::Rect::from_min_max(
                egui::pos2(x, rect.top()),
                egui::pos2(x + rect.width() / 30.0 + 0.5, rect.bottom()),
            );
            ui.painter().rect_filled(part, 0.0, sequential(t));
        }
        ui.weak(format!(
            "large ({} to {} bits)",
            bits_text(range.0),
            bits_text(range.1)
        ));
        let (rect, _) = ui.allocate_exact_size(vec2(18.0, 12.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, UNBOUNDED);
        ui.weak("∞ unbounded: B cannot describe an object A can");
    });
}

fn cell_ui(
    comparison: &Comparison,
    measure: &MeasureComparison,
    (a, b): (usize, usize),
    range: (f64, f64),
    ui: &mut egui::Ui,
) {
    let names = &comparison.languages;
    let invariance = &measure.invariance[a][b];
    let text = constant_text(invariance.bits, invariance.object);
    let (fill, color) = constant_colors(invariance.bits, range);
    let (rect, response) = ui.allocate_exact_size(vec2(70.0, 22.0), Sense::hover());
    ui.painter().rect_filled(rect, 3.0, fill);
    ui.painter().text(
        rect.center(),
        Align2::CENTER_CENTER,
        &text,
        FontId::monospace(13.0),
        color,
    );
    let label = format!("c from {} to {}: {text}", names[a], names[b]);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    response.on_hover_ui(|ui| {
        ui.label(RichText::new(&label).strong());
        if let Some(x) = invariance.object {
            let object = &comparison.objects[x];
            let length = |l: usize| {
                measure.lengths[l][x].map_or_else(
                    || "undescribable".to_owned(),
                    |k| format!("{} bits", bits_text(k)),
                )
            };
            ui.label(format!(
                "Witness: {} `{}`, {} in {}, {} in {}",
                if object.random { "random plan" } else { "plan" },
                object.name,
                length(a),
                names[a],
                length(b),
                names[b]
            ));
        } else {
            ui.label("No object is described in both.");
        }
        let book = &measure.phrasebooks[a][b];
        match book.total {
            Some(total) => ui.label(format!(
                "Phrasebook of {} in {}: {} bits over {} word(s)",
                names[a],
                names[b],
                bits_text(total),
                book.words.len()
            )),
            None => ui.label(format!(
                "Phrasebook of {} in {}: some word has no translation",
                names[a], names[b]
            )),
        };
        ui.weak(format!(
            "{} object(s) translated word by word, {} not",
            book.translated, book.untranslated
        ));
    });
}

/// The constants as a directed graph: languages on a circle, sized by the centre's
/// probability, an arrow A → B labelled c_AB.
fn graph_ui(comparison: &Comparison, measure: &MeasureComparison, ui: &mut egui::Ui) {
    let names = &comparison.languages;
    let n = names.len();
    let size = vec2(330.0, 290.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            "Invariance constants as a directed graph",
        )
    });
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
    let centre = rect.center();
    // Room outside the ring for the largest node and its name.
    let ring = size.y * 0.30;
    let at = |i: usize| {
        let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * i as f32 / n as f32;
        centre + ring * vec2(angle.cos(), angle.sin())
    };
    let radius =
        |i: usize| 8.0 + 22.0 * (measure.centre.get(i).copied().unwrap_or(0.0) as f32).sqrt();
    let range = constant_range(measure);
    let text_color = visuals.text_color();
    for a in 0..n {
        for b in (0..n).filter(|&b| b != a) {
            let (from, to) = (at(a), at(b));
            let along = (to - from).normalized();
            // Each direction to its own right, so A → B and B → A stay apart.
            let right = vec2(-along.y, along.x);
            let start = from + along * (radius(a) + 2.0) + right * 5.0;
            let end = to - along * (radius(b) + 4.0) + right * 5.0;
            let invariance = &measure.invariance[a][b];
            let (color, _) = constant_colors(invariance.bits, range);
            let stroke = Stroke::new(1.8, color);
            if invariance.bits.is_some() {
                painter.line_segment([start, end], stroke);
            } else {
                painter.extend(Shape::dashed_line(&[start, end], stroke, 5.0, 4.0));
            }
            let head = 8.0;
            for side in [-1.0, 1.0] {
                let back = end - along * head + right * side * head * 0.5;
                painter.line_segment([end, back], stroke);
            }
            let text = constant_text(invariance.bits, invariance.object);
            let label_at = start + (end - start) * 0.35 + right * 10.0;
            let galley = painter.layout_no_wrap(text, FontId::proportional(11.0), text_color);
            let label_rect = Align2::CENTER_CENTER.anchor_size(label_at, galley.size());
            painter.rect_filled(label_rect.expand(2.0), 3.0, visuals.extreme_bg_color);
            painter.rect_stroke(
                label_rect.expand(2.0),
                3.0,
                Stroke::new(1.0, color),
                egui::StrokeKind::Outside,
            );
            painter.galley(label_rect.min, galley, text_color);
        }
    }
    for (i, name) in names.iter().enumerate() {
        let p = at(i);
        painter.circle_filled(p, radius(i), SCENE_PLAN);
        let outward = if n > 1 {
            (p - centre).normalized()
        } else {
            vec2(0.0, 1.0)
        };
        let label_at: Pos2 = p + outward * (radius(i) + 9.0);
        let anchor = if outward.x > 0.3 {
            Align2::LEFT_CENTER
        } else if outward.x < -0.3 {
            Align2::RIGHT_CENTER
        } else if outward.y < 0.0 {
            Align2::CENTER_BOTTOM
        } else {
            Align2::CENTER_TOP
        };
        painter.text(
            label_at,
            anchor,
            name,
            FontId::proportional(13.0),
            text_color,
        );
    }
}

/// The centre with its numbers, and how it moves as the languages are added one by one.
fn centre_ui(comparison: &Comparison, measure: &MeasureComparison, ui: &mut egui::Ui) {
    title_ui(ui, "Centre");
    ui.weak("stationary distribution of steps from A to B weighted 2^−c_AB");
    let names = &comparison.languages;
    let n = names.len();
    egui::Grid::new("centre_growth")
        .striped(true)
        .spacing([10.0, 3.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("centre").strong());
            // The centre of the first language alone is all on it: not worth a column.
            for k in 2..n {
                ui.label(format!("first {k}"))
                    .on_hover_text(format!("The centre of the first {k} language(s) alone"));
            }
            ui.end_row();
            for (i, name) in names.iter().enumerate() {
                ui.label(name);
                let p = measure.centre.get(i).copied().unwrap_or(0.0);
                ui.add(
                    egui::ProgressBar::new(p as f32)
                        .desired_width(90.0)
                        .text(format!("{p:.3}")),
                );
                for k in 2..n {
                    match measure.centre_growth.get(k - 1).and_then(|c| c.get(i)) {
                        Some(p) => ui.monospace(format!("{p:.3}")),
                        None => ui.weak("·"),
                    };
                }
                ui.end_row();
            }
        });
}

/// The selected plan's derivations in A and B, word by word.
fn derivations_ui(
    explorer: &Explorer,
    comparison: &Comparison,
    measure: Measure,
    (a, b): (usize, usize),
    ui: &mut egui::Ui,
) {
    let plan = explorer.view.playback.plan;
    let Some(name) = explorer.scene().plans.get(plan).map(|p| p.name.clone()) else {
        return;
    };
    title_ui(
        ui,
        &format!("{} of `{name}` in both languages", measure.label()),
    );
    ui.columns(2, |columns| {
        for (column, language) in columns.iter_mut().zip([a, b]) {
            let language_name = &comparison.languages[language];
            column.label(RichText::new(language_name).strong());
            let index = explorer
                .work
                .languages
                .iter()
                .position(|l| l.language.name == *language_name);
            let Some(score) = index.and_then(|i| explorer.score_in(i)) else {
                column.weak("Scoring…");
                continue;
            };
            let Some(plan) = score.plans.get(plan) else {
                continue;
            };
            let derivation = match measure {
                Measure::PlanDl => &plan.plan_dl,
                _ => &plan.effect_dl,
            };
            match derivation {
                Ok(derivation) => {
                    egui::Grid::new(("derivation", language))
                        .striped(true)
                        .show(column, |ui| {
                            for word in &derivation.words {
                                ui.monospace(word.call());
                                ui.monospace(bits_text(word.bits));
                                ui.end_row();
                            }
                            ui.monospace("end");
                            ui.monospace(bits_text(derivation.end_bits));
                            ui.end_row();
                            ui.label(RichText::new("total").strong());
                            ui.label(
                                RichText::new(format!("{} bits", bits_text(derivation.bits())))
                                    .strong(),
                            );
                            ui.end_row();
                        });
                    if let Some(note) = &derivation.note {
                        column.weak(note);
                    }
                }
                Err(why) => {
                    column.weak(format!("Undescribable: {why}"));
                }
            }
        }
    });
}

fn tau_and_flips_ui(
    comparison: &Comparison,
    measure: &MeasureComparison,
    (a, b): (usize, usize),
    ui: &mut egui::Ui,
) {
    let names = &comparison.languages;
    let tau = match measure.tau[a][b] {
        Some(tau) => format!("{tau:.2}"),
        None => "undefined (too few plans ranked apart)".to_owned(),
    };
    title_ui(
        ui,
        &format!(
            "Kendall τ of the plans' {} in {} and {}: {tau}",
            measure.measure.label(),
            names[a],
            names[b]
        ),
    );
    let flips = &comparison.flips[a][b];
    if flips.is_empty() {
        ui.label(format!(
            "No plan's verdict differs between {} and {}.",
            names[a], names[b]
        ));
        return;
    }
    ui.label(format!("Verdicts that flip ({}):", flips.len()));
    for flip in flips {
        ui.label(format!(
            "`{}`: accepted in `{}`, rejected in `{}`",
            flip.plan, flip.accepted_in, flip.rejected_in
        ));
    }
}

fn robustness_ui(
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
