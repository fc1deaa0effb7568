//! The language editor (issue 13): a window over the language being edited. Its name and
//! description; the action words and state words with their costs, parameters and bodies
//! (add, remove, rename, reprice); the per-technology changes (the costs each technology
//! gives words when developed or commodified); and Kraft's inequality under every
//! technology setting, live, with the words that break it. Undo and redo are the
//! language's own (its buttons, or Ctrl+Z and Ctrl+Shift+Z with the pointer over it); "Save as…" writes a new language file, and "Use in this scene" adds
//! that file to the scene's languages. Every change is an action; the explorer keeps a
//! draft that breaks a rule (so another cost can fix it) and scores only a valid one.

use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;
use ladders_domain::language::{
    KraftRow, Language, LanguageChange, LanguageEdits, Section, WhichVocabulary, kraft_report,
    vocabulary_word,
};

/// The width of a word's name field.
const NAME_WIDTH: f32 = 120.0;
/// The width a body wraps in.
const BODY_WIDTH: f32 = 320.0;

/// The editor's view state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LanguageEditorState {
    /// Whether the window is open.
    pub open: bool,
    /// Why the last change (or save, or use in the scene) was refused.
    pub refusal: Option<String>,
}

/// The window, when open.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ctx: &egui::Context) {
    if !explorer.view.language_editor.open {
        return;
    }
    let mut open = true;
    let shown = egui::Window::new("Language editor")
        .open(&mut open)
        .default_pos(ctx.content_rect().left_top() + egui::vec2(120.0, 60.0))
        .default_size([860.0, 700.0])
        .vscroll(true)
        .show(ctx, |ui| contents_ui(explorer, actions, ui));
    if !open {
        actions.push(Command::EditLanguage);
    }
    // Under the pointer, the window's undo and redo keys are the language's: taken here,
    // before the scene's commands read the keys at the end of the frame.
    let hovered = shown.as_ref().is_some_and(|w| {
        ctx.pointer_latest_pos().is_some_and(|p| {
            w.response.rect.contains(p) && ctx.layer_id_at(p) == Some(w.response.layer_id)
        })
    });
    if hovered && !ctx.egui_wants_keyboard_input() {
        let shortcut = |modifiers, key| egui::KeyboardShortcut::new(modifiers, key);
        let redo = [
            shortcut(
                egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                egui::Key::Z,
            ),
            shortcut(egui::Modifiers::COMMAND, egui::Key::Y),
        ];
        let undo = shortcut(egui::Modifiers::COMMAND, egui::Key::Z);
        ctx.input_mut(|input| {
            for s in redo {
                if input.consume_shortcut(&s) {
                    actions.push(Action::RedoLanguage);
                }
            }
            if input.consume_shortcut(&undo) {
                actions.push(Action::UndoLanguage);
            }
        });
    }
}

fn contents_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let Some(edits) = &explorer.work.language_edits else {
        ui.weak("No language is loaded.");
        return;
    };
    let draft = edits.draft();
    let modified = if edits.is_modified() {
        ", with unsaved changes"
    } else {
        ""
    };
    ui.label(match edits.path() {
        Some(path) => format!("Editing {} from {}{modified}", draft.name, path.display()),
        None => format!(
            "Editing {}, not yet in a file of its own (Save language as… writes one){modified}",
            draft.name
        ),
    });
    toolbar_ui(edits, actions, ui);
    status_ui(explorer, edits, ui);
    ui.separator();
    if let Some(name) = committed_text_cell(ui, "Language name", &draft.name, 240.0, true) {
        actions.push(Action::EditLanguage(LanguageChange::SetName(name)));
    }
    if let Some(text) =
        super::edit_widgets::committed_text(ui, "Language description", &draft.description, true)
    {
        actions.push(Action::EditLanguage(LanguageChange::SetDescription(text)));
    }
    let report = kraft_report(draft);
    for which in [WhichVocabulary::Actions, WhichVocabulary::States] {
        vocabulary_ui(draft, which, actions, ui);
    }
    for section in Section::ALL {
        section_ui(draft, section, actions, ui);
    }
    kraft_ui(&report, ui);
}

/// Undo and redo (naming the edit), save as, use in this scene.
fn toolbar_ui(edits: &LanguageEdits, actions: &mut Actions, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let named = |base: &str, edit: Option<&str>| match edit {
            Some(edit) => format!("{base} {edit}"),
            None => base.to_owned(),
        };
        let undo = named("Undo", edits.undo_label());
        if ui
            .add_enabled(edits.document().can_undo(), egui::Button::new(undo))
            .on_hover_text("Take back the last change to this language")
            .clicked()
        {
            actions.push(Action::UndoLanguage);
        }
        let redo = named("Redo", edits.redo_label());
        if ui
            .add_enabled(edits.document().can_redo(), egui::Button::new(redo))
            .on_hover_text("Make the last undone language change again")
            .clicked()
        {
            actions.push(Action::RedoLanguage);
        }
        ui.separator();
        if ui
            .add_enabled(
                edits.checked().is_ok(),
                egui::Button::new("Save language as…"),
            )
            .on_hover_text("Write the language to a new language file (only a language that passes its check)")
            .clicked()
        {
            actions.push(Action::SaveLanguageAs);
        }
        if ui
            .add_enabled(edits.path().is_some(), egui::Button::new("Use in this scene"))
            .on_hover_text(
                "Add the saved language file to the scene's languages (an undoable scene edit); the file must be in the scene's folder",
            )
            .clicked()
        {
            actions.push(Action::UseLanguageInScene);
        }
    });
}

/// Whether the draft is in use, or refused and why.
fn status_ui(explorer: &Explorer, edits: &LanguageEdits, ui: &mut egui::Ui) {
    let error = ui.visuals().error_fg_color;
    match edits.checked() {
        Ok(_) if explorer.language_edits_settling() => {
            ui.weak("The language passes its check; the verdicts follow in a moment.");
        }
        Ok(_) => {
            ui.label("The language passes its check; the verdicts use it.");
        }
        Err(why) => {
            ui.colored_label(error, format!("Refused: {why}"));
            ui.label(format!(
                "The verdicts keep the last valid version of {}.",
                edits.last_valid().name
            ));
        }
    }
    if let Some(refusal) = &explorer.view.language_editor.refusal {
        ui.colored_label(error, format!("Not done: {refusal}"));
    }
}

/// One vocabulary: its end word and the table of its words.
fn vocabulary_ui(
    draft: &Language,
    which: WhichVocabulary,
    actions: &mut Actions,
    ui: &mut egui::Ui,
) {
    let word = vocabulary_word(which);
    let (count, end) = match which {
        WhichVocabulary::Actions => (draft.actions.words.len(), draft.actions.end),
        WhichVocabulary::States => (draft.states.words.len(), draft.states.end),
    };
    let title = format!(
        "{}{} words ({count})",
        &word[..1].to_uppercase(),
        &word[1..]
    );
    egui::CollapsingHeader::new(title)
        .id_salt(("vocabulary", word))
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("End word");
                let change = |bits| LanguageChange::SetEnd(which, bits);
                cost_ui(ui, draft, end, &format!("End cost of {word} words"), change, actions)
                    .labelled_by(label.id);
            });
            egui::Grid::new(("words", word))
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    ui.strong("Name");
                    ui.strong("Cost");
                    ui.strong(match which {
                        WhichVocabulary::Actions => "Parameters",
                        WhichVocabulary::States => "What it names",
                    });
                    ui.strong(match which {
                        WhichVocabulary::Actions => "Body",
                        WhichVocabulary::States => "",
                    });
                    ui.label("");
                    ui.end_row();
                    let rows: Vec<(String, f64, String, String)> = match which {
                        WhichVocabulary::Actions => draft
                            .actions
                            .words
                            .iter()
                            .map(|w| {
                                let params = w
                                    .params
                                    .iter()
                                    .map(|(n, t)| format!("{n}: {t:?}"))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                (w.name.clone(), w.cost, params, format!("{:?}", w.body))
                            })
                            .collect(),
                        WhichVocabulary::States => draft
                            .states
                            .words
                            .iter()
                            .map(|w| (w.name.clone(), w.cost, format!("{:?}", w.names), String::new()))
                            .collect(),
                    };
                    for (i, (name, cost, params, body)) in rows.into_iter().enumerate() {
                        let field = format!("Name of {word} word {}", i + 1);
                        if let Some(renamed) =
                            committed_text_cell(ui, &field, &name, NAME_WIDTH, false)
                        {
                            actions.push(Action::EditLanguage(LanguageChange::Rename(
                                which, i, renamed,
                            )));
                        }
                        let change = move |bits| LanguageChange::SetCost(which, i, bits);
                        cost_ui(ui, draft, cost, &format!("Cost of {name}"), change, actions);
                        ui.label(if params.is_empty() { "none".to_owned() } else { params });
                        ui.scope(|ui| {
                            ui.set_width(BODY_WIDTH);
                            ui.add(egui::Label::new(egui::RichText::new(body).monospace().small()).wrap());
                        });
                        if ui
                            .button("Remove")
                            .accessible_name(format!("Remove {name}"))
                            .on_hover_text(format!("Remove the {word} word {name} and its repricings"))
                            .clicked()
                        {
                            actions.push(Action::EditLanguage(LanguageChange::RemoveWord(which, i)));
                        }
                        ui.end_row();
                    }
                });
            if ui
                .button(format!("Add an {word} word"))
                .on_hover_text("A new word with a fresh name, at the cheapest whole number of bits that keeps Kraft's inequality under every setting")
                .clicked()
            {
                actions.push(Action::EditLanguage(LanguageChange::AddWord(which)));
            }
        });
}

/// A cost in bits as a drag value named `name`: a drag is one undo step.
fn cost_ui(
    ui: &mut egui::Ui,
    draft: &Language,
    cost: f64,
    name: &str,
    change: impl Fn(f64) -> LanguageChange,
    actions: &mut Actions,
) -> egui::Response {
    let mut bits = cost;
    let response = ui
        .add(
            egui::DragValue::new(&mut bits)
                .range(0.0..=1000.0)
                .speed(0.05)
                .max_decimals(3)
                .suffix(" bits"),
        )
        .accessible_name(name);
    if response.drag_started() {
        actions.push(Action::BeginLanguageEdit(change(bits).label(draft)));
    }
    if response.changed() && bits != cost {
        actions.push(Action::EditLanguage(change(bits)));
    }
    if response.drag_stopped() {
        actions.push(Action::EndLanguageEdit);
    }
    response
}

/// The changes of one section (developed or commodified), technology by technology.
fn section_ui(draft: &Language, section: Section, actions: &mut Actions, ui: &mut egui::Ui) {
    let changes = section.of(draft);
    let verb = match section {
        Section::Developed => "developed",
        Section::Commodified => "commodified",
    };
    egui::CollapsingHeader::new(format!(
        "When a technology is {verb} ({} technologies)",
        changes.len()
    ))
    .id_salt(("section", verb))
    .default_open(true)
    .show(ui, |ui| {
        for (tech, tech_changes) in changes {
            ui.horizontal(|ui| {
                ui.strong(format!("{tech} {verb}"));
                if ui
                    .button("Remove technology")
                    .accessible_name(format!("Remove the changes when {tech} is {verb}"))
                    .clicked()
                {
                    actions.push(Action::EditLanguage(LanguageChange::RemoveTechnology(
                        section,
                        tech.clone(),
                    )));
                }
            });
            let added: Vec<String> = tech_changes
                .action_words
                .iter()
                .map(|w| format!("{} ({} bits)", w.name, w.cost))
                .chain(
                    tech_changes
                        .state_words
                        .iter()
                        .map(|w| format!("{} ({} bits)", w.name, w.cost)),
                )
                .collect();
            if !added.is_empty() {
                ui.weak(format!("Words it adds: {}", added.join(", ")));
            }
            egui::Grid::new(("costs", verb, tech.as_str()))
                .num_columns(3)
                .show(ui, |ui| {
                    for (word, &cost) in &tech_changes.costs {
                        ui.label(word);
                        let change = |bits| LanguageChange::SetTechCost {
                            section,
                            tech: tech.clone(),
                            word: word.clone(),
                            cost: Some(bits),
                        };
                        let name = format!("Cost of {word} when {tech} is {verb}");
                        cost_ui(ui, draft, cost, &name, change, actions);
                        if ui
                            .button("Remove")
                            .accessible_name(format!("Unprice {word} when {tech} is {verb}"))
                            .on_hover_text("The word keeps its cost from before")
                            .clicked()
                        {
                            actions.push(Action::EditLanguage(LanguageChange::SetTechCost {
                                section,
                                tech: tech.clone(),
                                word: word.clone(),
                                cost: None,
                            }));
                        }
                        ui.end_row();
                    }
                });
            reprice_ui(draft, section, tech, actions, ui);
        }
        let field = format!("New technology {verb}");
        if let Some(tech) = super::edit_widgets::committed_text(ui, &field, "", false) {
            actions.push(Action::EditLanguage(LanguageChange::AddTechnology(
                section, tech,
            )));
        }
    });
}

/// A picker of the words a technology may reprice (those of the language at that level),
/// not yet repriced; choosing one reprices it at its current cost.
fn reprice_ui(
    draft: &Language,
    section: Section,
    tech: &str,
    actions: &mut Actions,
    ui: &mut egui::Ui,
) {
    let level = match section {
        Section::Developed => ladders_domain::world::TechLevel::Available,
        Section::Commodified => ladders_domain::world::TechLevel::Commodified,
    };
    let known = draft.for_levels(&ladders_domain::world::TechLevels::new([(
        tech.to_owned(),
        level,
    )]));
    let repriced = section.of(draft).get(tech).map(|c| &c.costs);
    let candidates: Vec<(String, f64)> = known
        .actions
        .words
        .iter()
        .map(|w| (w.name.clone(), w.cost))
        .chain(known.states.words.iter().map(|w| (w.name.clone(), w.cost)))
        .filter(|(n, _)| !repriced.is_some_and(|c| c.contains_key(n)))
        .collect();
    egui::ComboBox::from_label(format!("Reprice a word when {tech} is {}", section.word()))
        .selected_text("choose…")
        .show_ui(ui, |ui| {
            for (name, cost) in candidates {
                if ui.selectable_label(false, &name).clicked() {
                    actions.push(Action::EditLanguage(LanguageChange::SetTechCost {
                        section,
                        tech: tech.to_owned(),
                        word: name,
                        cost: Some(cost),
                    }));
                }
            }
        });
}

/// Every setting × vocabulary: the sum, the slack, and a violation with its words.
fn kraft_ui(report: &[KraftRow], ui: &mut egui::Ui) {
    let error = ui.visuals().error_fg_color;
    let settings = report.len() / 2;
    let broken: Vec<&KraftRow> = report.iter().filter(|r| r.violated()).collect();
    ui.separator();
    ui.strong("Kraft's inequality under every technology setting");
    if broken.is_empty() {
        ui.label(format!(
            "Every vocabulary's Σ 2^-cost is at most 1 under all {settings} settings."
        ));
    } else {
        let mut words: Vec<&str> = broken
            .iter()
            .flat_map(|r| r.responsible.iter().map(String::as_str))
            .collect();
        words.sort_unstable();
        words.dedup();
        ui.colored_label(
            error,
            format!(
                "Kraft's inequality fails in {} of {} vocabularies; the words responsible: {}",
                broken.len(),
                report.len(),
                words.join(", ")
            ),
        );
    }
    egui::Grid::new("kraft")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for heading in ["Setting", "Vocabulary", "Sum", "Slack", ""] {
                ui.strong(heading);
            }
            ui.end_row();
            for row in report {
                ui.label(&row.setting);
                ui.label(vocabulary_word(row.vocabulary));
                ui.monospace(format!("{:.4}", row.sum));
                ui.monospace(format!("{:+.4}", row.slack));
                if row.violated() {
                    ui.colored_label(
                        error,
                        format!("over by {:.4}: {}", -row.slack, row.responsible.join(", ")),
                    );
                } else {
                    ui.label("ok");
                }
                ui.end_row();
            }
        });
}

/// A text field without a visible label (a table cell), named `name` for screen readers
/// and tests; it commits when left, like [`super::edit_widgets::committed_text`].
/// `with_label` shows the name before it.
fn committed_text_cell(
    ui: &mut egui::Ui,
    name: &str,
    current: &str,
    width: f32,
    with_label: bool,
) -> Option<String> {
    let id = ui.make_persistent_id(("language draft", name));
    super::edit_widgets::committed_draft(ui, id, current, |ui, draft| {
        if with_label {
            ui.horizontal(|ui| {
                let label = ui.label(name);
                ui.add(egui::TextEdit::singleline(draft).desired_width(width))
                    .labelled_by(label.id)
            })
            .inner
        } else {
            ui.add(
                egui::TextEdit::singleline(draft)
                    .desired_width(width)
                    .min_size(egui::vec2(width, 0.0)),
            )
            .accessible_name(name)
        }
    })
}
