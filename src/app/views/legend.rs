//! Legends as a wrapping row of swatches beside what they explain, never drawn over it.
//! The canvas and the plots build their entries from what they actually draw.

use egui::{Color32, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// How an entry's swatch is drawn, matching how the item looks where it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A filled square: terrain, a bar.
    Fill,
    /// A filled circle: the agent, a droplet, a bubble.
    Dot,
    /// An empty circle: a ring.
    Ring,
    /// An outlined square: a changed variable.
    Outline,
    /// A solid line: a series.
    Line,
    /// A dashed line: a budget, a line of sight.
    Dashed,
}

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The swatch's colour.
    pub color: Color32,
    /// The swatch's shape.
    pub mark: Mark,
    /// What it stands for.
    pub text: String,
}

impl Entry {
    /// An entry with this colour, mark and text.
    pub fn new(color: Color32, mark: Mark, text: impl Into<String>) -> Self {
        Self {
            color,
            mark,
            text: text.into(),
        }
    }
}

/// The entries in a wrapping row, then `hint` in weak text; `small` for the narrow plot
/// columns.
pub fn ui(ui: &mut egui::Ui, entries: &[Entry], small: bool, hint: Option<&str>) {
    ui.horizontal_wrapped(|ui| {
        for entry in entries {
            entry_ui(ui, entry, small);
        }
        if let Some(hint) = hint {
            ui.weak(hint);
        }
    });
}

/// Width of a swatch and the gap to its text.
const SWATCH: f32 = 14.0;
const GAP: f32 = 4.0;

/// One entry as a single widget, so the row wraps between entries, never between a swatch
/// and its text; its accessible label is the text.
fn entry_ui(ui: &mut egui::Ui, entry: &Entry, small: bool) {
    let style = if small {
        egui::TextStyle::Small
    } else {
        egui::TextStyle::Body
    };
    let color = ui.visuals().text_color();
    let galley = ui
        .painter()
        .layout_no_wrap(entry.text.clone(), style.resolve(ui.style()), color);
    let size = vec2(SWATCH + GAP + galley.size().x, galley.size().y.max(SWATCH));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, entry.text.clone()));
    let swatch = Rect::from_min_size(
        pos2(rect.left(), rect.center().y - SWATCH / 2.0),
        vec2(SWATCH, SWATCH),
    );
    paint_swatch(ui.painter(), swatch, entry);
    let text_at = pos2(
        swatch.right() + GAP,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter().galley(text_at, galley, color);
}

fn paint_swatch(painter: &egui::Painter, rect: Rect, entry: &Entry) {
    let color = entry.color;
    let square = Rect::from_center_size(rect.center(), vec2(11.0, 11.0));
    match entry.mark {
        Mark::Fill => {
            // The outline keeps a pale fill (floor) visible on a light background.
            let edge = Stroke::new(1.0, Color32::from_gray(128));
            painter.rect(square, 2.0, color, edge, StrokeKind::Inside);
        }
        Mark::Dot => {
            painter.circle_filled(rect.center(), 5.5, color);
        }
        Mark::Ring => {
            painter.circle_stroke(rect.center(), 4.5, Stroke::new(1.5, color));
        }
        Mark::Outline => {
            painter.rect_stroke(square, 2.0, Stroke::new(2.5, color), StrokeKind::Inside);
        }
        Mark::Line => {
            painter.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(2.5, color),
            );
        }
        Mark::Dashed => {
            let points = [rect.left_center(), rect.right_center()];
            painter.extend(Shape::dashed_line(
                &points,
                Stroke::new(2.0, color),
                4.0,
                2.0,
            ));
        }
    }
}
