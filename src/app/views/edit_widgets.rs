//! Widgets the editors share: a text field that commits when the user leaves it (so that a
//! half-typed name is never checked as an edit), and pickers of colours, directions and
//! cells.

use ladders_domain::world::{Color, Dir, Pos};

/// A labelled text field over `current`. While it has focus the typed text is a draft kept
/// in egui's memory; leaving it (or Enter) returns the draft if it differs.
pub fn committed_text(
    ui: &mut egui::Ui,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let id = ui.make_persistent_id(("draft", label));
    committed_draft(ui, id, current, |ui, draft| {
        ui.horizontal(|ui| {
            let name = ui.label(label);
            let edit = if multiline {
                egui::TextEdit::multiline(draft).desired_rows(2)
            } else {
                egui::TextEdit::singleline(draft)
            };
            ui.add(edit.desired_width(ui.available_width().max(80.0)))
                .labelled_by(name.id)
        })
        .inner
    })
}

/// The draft-then-commit behaviour of the editors' text fields: `field` draws the text
/// field over the draft kept under `id` while it has focus; when the user leaves it, the
/// draft is returned if it differs from `current`. A half-typed name is never an edit.
pub fn committed_draft(
    ui: &mut egui::Ui,
    id: egui::Id,
    current: &str,
    field: impl FnOnce(&mut egui::Ui, &mut String) -> egui::Response,
) -> Option<String> {
    let mut draft: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let response = field(ui, &mut draft);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, draft));
        None
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
        (response.lost_focus() && draft != current).then_some(draft)
    }
}

/// A draft that did not read when its field was left: kept (the typing is not lost) with
/// why, until it reads or the user reverts it.
#[derive(Clone, Debug)]
struct UnreadDraft {
    text: String,
    why: String,
}

/// Like [`committed_draft`], for text that must be read (`parse`) before it is an edit: a
/// body, a list of parameters. Text that does not read stays in the field, with the
/// reason under it in the error colour and a button to go back to `current`.
pub fn parsed_draft<T>(
    ui: &mut egui::Ui,
    id: egui::Id,
    current: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
    field: impl FnOnce(&mut egui::Ui, &mut String) -> egui::Response,
) -> Option<T> {
    let unread_id = id.with("unread");
    let unread: Option<UnreadDraft> = ui.data(|d| d.get_temp(unread_id));
    let mut shown = current.to_owned();
    if let Some(u) = &unread {
        shown.clone_from(&u.text);
    }
    let mut result = None;
    ui.vertical(|ui| {
        if let Some(text) = committed_draft(ui, id, &shown, field) {
            match parse(&text) {
                Ok(value) => {
                    ui.data_mut(|d| d.remove::<UnreadDraft>(unread_id));
                    result = Some(value);
                }
                Err(why) => {
                    ui.data_mut(|d| d.insert_temp(unread_id, UnreadDraft { text, why }));
                }
            }
        }
        if let Some(u) = ui.data(|d| d.get_temp::<UnreadDraft>(unread_id)) {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, format!("Not used: {}", u.why));
                if ui
                    .small_button("Revert")
                    .on_hover_text("Drop this text and show what the word has")
                    .clicked()
                {
                    ui.data_mut(|d| d.remove::<UnreadDraft>(unread_id));
                }
            });
        }
    });
    result
}

/// A labelled colour picker; returns the colour chosen this frame.
pub fn color_picker(ui: &mut egui::Ui, label: &str, current: Color) -> Option<Color> {
    let mut chosen = current;
    egui::ComboBox::from_label(label)
        .selected_text(current.to_string())
        .show_ui(ui, |ui| {
            for c in Color::ALL {
                ui.selectable_value(&mut chosen, c, c.to_string());
            }
        });
    (chosen != current).then_some(chosen)
}

/// A labelled direction picker; returns the direction chosen this frame.
pub fn dir_picker(ui: &mut egui::Ui, label: &str, current: Dir) -> Option<Dir> {
    let mut chosen = current;
    egui::ComboBox::from_label(label)
        .width(48.0)
        .selected_text(current.to_string())
        .show_ui(ui, |ui| {
            for d in Dir::ALL {
                ui.selectable_value(&mut chosen, d, d.to_string());
            }
        });
    (chosen != current).then_some(chosen)
}

/// A cell as two drag values, kept inside `width` × `height`; returns the cell changed
/// this frame, and whether a drag of either ended.
pub fn cell_picker(
    ui: &mut egui::Ui,
    label: &str,
    current: Pos,
    size: (i32, i32),
) -> (Option<Pos>, bool) {
    let mut p = current;
    let mut ended = false;
    ui.horizontal(|ui| {
        ui.label(label);
        for (value, max, axis) in [(&mut p.x, size.0, "x"), (&mut p.y, size.1, "y")] {
            let r = ui.add(
                egui::DragValue::new(value)
                    .range(0..=(max - 1).max(0))
                    .prefix(format!("{axis} ")),
            );
            ended |= r.drag_stopped() || r.lost_focus();
        }
    });
    ((p != current).then_some(p), ended)
}
