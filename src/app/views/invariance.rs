//! The comparison window's invariance constants: the matrix of c_AB coloured by size,
//! the same as a directed graph, and the centre with how it moves as languages are added.

use super::compare::{SCENE_PLAN, bits_text, constant_text, title_ui};
use egui::{Align2, Color32, FontId, Pos2, RichText, Sense, Shape, Stroke, vec2};
use ladders_domain::analysis::{Comparison, MeasureComparison};

/// An unbounded constant: off the sequential scale on purpose.
const UNBOUNDED: Color32 = Color32::from_rgb(110, 60, 160);

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

pub(super) fn matrix_ui(comparison: &Comparison, measure: &MeasureComparison, ui: &mut egui::Ui) {
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
pub(super) fn graph_ui(comparison: &Comparison, measure: &MeasureComparison, ui: &mut egui::Ui) {
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
pub(super) fn centre_ui(comparison: &Comparison, measure: &MeasureComparison, ui: &mut egui::Ui) {
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
