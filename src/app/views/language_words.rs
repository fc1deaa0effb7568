//! The language editor's word tables: the base action and state words, and per
//! technology (developed or commodified) the words it adds, the costs it gives words and
//! what its added words cost while it is merely available. Every word edits the same way
//! wherever it lives: name, cost (a drag is one undo step), and for an action word its
//! parameters (`d: Dir, who: Entity`) and body, for a state word what it names, written as
//! in a language file. Text that does not read stays in its field with the reason.

use crate::app::action::{Action, Actions};
use ladders_domain::language::{
    ActionWord, DEFAULT_ENTERING_COST, Language, LanguageChange, Owner, Section, StateWord,
    WhichVocabulary, WordSlot, fragment_text, names_form, names_forms, params_text, parse_fragment,
    parse_params, vocabulary_with_article, vocabulary_word,
};

/// The width of a word's name field.
const NAME_WIDTH: f32 = 120.0;
/// The width of a body or names field.
const BODY_WIDTH: f32 = 330.0;
/// The width of a parameters field.
const PARAMS_WIDTH: f32 = 180.0;

/// One vocabulary of the base language: its end word and the table of its words.
pub fn vocabulary_ui(
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
    let title = format!("{} words ({count})", capitalised(word));
    egui::CollapsingHeader::new(title)
        .id_salt(("vocabulary", word))
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("End word");
                let change = |bits| LanguageChange::SetEnd(which, bits);
                let name = format!("End cost of {word} words");
                cost_ui(ui, draft, end, &name, change, actions).labelled_by(label.id);
            });
            words_table(draft, which, &Owner::Base, actions, ui);
            if ui
                .button(format!("Add {} word", vocabulary_with_article(which)))
                .on_hover_text("A new word with a fresh name, at the cheapest whole number of bits that keeps Kraft's inequality under every setting")
                .clicked()
            {
                actions.push(Action::EditLanguage(LanguageChange::AddWord(which, Owner::Base)));
            }
        });
}

/// The words of one vocabulary that `owner` has, a row each.
fn words_table(
    draft: &Language,
    which: WhichVocabulary,
    owner: &Owner,
    actions: &mut Actions,
    ui: &mut egui::Ui,
) {
    let (action_words, state_words): (&[ActionWord], &[StateWord]) = match owner {
        Owner::Base => (&draft.actions.words, &draft.states.words),
        Owner::Added(section, tech) => match section.of(draft).get(tech) {
            Some(c) => (&c.action_words, &c.state_words),
            None => return,
        },
    };
    let count = match which {
        WhichVocabulary::Actions => action_words.len(),
        WhichVocabulary::States => state_words.len(),
    };
    if count == 0 && *owner != Owner::Base {
        return;
    }
    let grid_id = (vocabulary_word(which), owner_salt(owner));
    egui::Grid::new(("words", grid_id))
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            ui.strong("Name");
            ui.strong("Cost");
            match which {
                WhichVocabulary::Actions => {
                    ui.strong("Parameters");
                    ui.strong("Body");
                }
                WhichVocabulary::States => {
                    ui.strong("What it names");
                    ui.label("");
                }
            }
            ui.label("");
            ui.end_row();
            for index in 0..count {
                let slot = WordSlot {
                    which,
                    owner: owner.clone(),
                    index,
                };
                let (name, cost) = match which {
                    WhichVocabulary::Actions => {
                        (&action_words[index].name, action_words[index].cost)
                    }
                    WhichVocabulary::States => (&state_words[index].name, state_words[index].cost),
                };
                let field = format!("Name of {}", slot.describe());
                if let Some(renamed) = committed_text_cell(ui, &field, name, NAME_WIDTH, false) {
                    actions.push(Action::EditLanguage(LanguageChange::Rename(
                        slot.clone(),
                        renamed,
                    )));
                }
                let change = |bits| LanguageChange::SetCost(slot.clone(), bits);
                cost_ui(ui, draft, cost, &format!("Cost of {name}"), change, actions);
                match which {
                    WhichVocabulary::Actions => {
                        action_word_ui(&action_words[index], &slot, actions, ui);
                    }
                    WhichVocabulary::States => {
                        names_ui(&state_words[index], &slot, actions, ui);
                        ui.label("");
                    }
                }
                if ui
                    .button("Remove")
                    .accessible_name(format!("Remove {name}"))
                    .on_hover_text(format!(
                        "Remove the {} word {name} and its repricings",
                        vocabulary_word(which)
                    ))
                    .clicked()
                {
                    actions.push(Action::EditLanguage(LanguageChange::RemoveWord(slot)));
                }
                ui.end_row();
            }
        });
}

/// An action word's parameters and body, as text that is read when the field is left.
fn action_word_ui(word: &ActionWord, slot: &WordSlot, actions: &mut Actions, ui: &mut egui::Ui) {
    let id = ui.make_persistent_id(("params", slot_salt(slot)));
    let name = format!("Parameters of {}", word.name);
    let params = super::edit_widgets::parsed_draft(
        ui,
        id,
        &params_text(&word.params),
        parse_params,
        |ui, text| {
            ui.add(
                egui::TextEdit::singleline(text)
                    .desired_width(PARAMS_WIDTH)
                    .min_size(egui::vec2(PARAMS_WIDTH, 0.0))
                    .hint_text("none")
                    .font(egui::TextStyle::Monospace),
            )
            .accessible_name(&name)
            .on_hover_text("name: type, …; the types are Dir (2 bits), Entity, Cell and Color (log2 of how many the scene has)")
        },
    );
    if let Some(params) = params {
        actions.push(Action::EditLanguage(LanguageChange::SetParams(
            slot.clone(),
            params,
        )));
    }
    let body = ron_field(
        ui,
        ("body", slot),
        &format!("Body of {}", word.name),
        &word.body,
        "As in a language file: Steps([WalkTo(Nearest(PaintShop)), Move(Param(\"d\")), …]) or Repeat. \
         The steps: Noop, Move, Take, Apply, Toggle, Place, Work (a direction: Dir(N), Param(\"d\"), \
         Toward(entity)), Aim(dir, cell), Set(dir, colour), WalkTo(entity), GoTo(cell), Develop(entity).",
    );
    if let Some(body) = body {
        actions.push(Action::EditLanguage(LanguageChange::SetBody(
            slot.clone(),
            body,
        )));
    }
}

/// What a state word names: its form from a list (each with an example to start from),
/// and the whole as text.
fn names_ui(word: &StateWord, slot: &WordSlot, actions: &mut Actions, ui: &mut egui::Ui) {
    ui.vertical(|ui| {
        let forms = names_forms();
        let current = names_form(&word.names);
        egui::ComboBox::from_id_salt(("names form", slot_salt(slot)))
            .selected_text(forms[current].0)
            .width(BODY_WIDTH - 20.0)
            .show_ui(ui, |ui| {
                for (i, (label, example)) in forms.iter().enumerate() {
                    if ui.selectable_label(i == current, *label).clicked() && i != current {
                        actions.push(Action::EditLanguage(LanguageChange::SetNames(
                            slot.clone(),
                            example.clone(),
                        )));
                    }
                }
            })
            .response
            .on_hover_text(format!("What kind of set {} names", word.name));
        let names = ron_field(
            ui,
            ("names", slot),
            &format!("What {} names", word.name),
            &word.names,
            "As in a language file: Property(paint), AnyProperty, Device, Cell(Light), Rect(Droplets), \
             Around(Light, 2), Refraction, Projection, Exactly([Entity(\"car\", paint), Light((12, 4))])",
        );
        if let Some(names) = names {
            actions.push(Action::EditLanguage(LanguageChange::SetNames(slot.clone(), names)));
        }
    });
}

/// A part of a word written as in a language file (`what`: "body", "names"), read when
/// the field is left; text that does not read stays, with why (see
/// [`super::edit_widgets::parsed_draft`]).
fn ron_field<T: serde::Serialize + serde::de::DeserializeOwned>(
    ui: &mut egui::Ui,
    (what, slot): (&str, &WordSlot),
    name: &str,
    current: &T,
    hint: &str,
) -> Option<T> {
    let id = ui.make_persistent_id((what, slot_salt(slot)));
    super::edit_widgets::parsed_draft(
        ui,
        id,
        &fragment_text(current),
        |text| parse_fragment::<T>(what, text),
        |ui, text| {
            ui.add(
                egui::TextEdit::multiline(text)
                    .desired_width(BODY_WIDTH)
                    .min_size(egui::vec2(BODY_WIDTH, 0.0))
                    .desired_rows(1)
                    .font(egui::TextStyle::Monospace),
            )
            .accessible_name(name)
            .on_hover_text(hint)
        },
    )
}

/// The changes of one section (developed or commodified), technology by technology.
pub fn section_ui(draft: &Language, section: Section, actions: &mut Actions, ui: &mut egui::Ui) {
    let changes = section.of(draft);
    let verb = section.word();
    egui::CollapsingHeader::new(format!(
        "When a technology is {verb} ({} technologies)",
        changes.len()
    ))
    .id_salt(("section", verb))
    .default_open(true)
    .show(ui, |ui| {
        for tech in changes.keys() {
            technology_ui(draft, section, tech, actions, ui);
            ui.add_space(6.0);
        }
        let field = format!("New technology {verb}");
        if let Some(tech) = super::edit_widgets::committed_text(ui, &field, "", false) {
            actions.push(Action::EditLanguage(LanguageChange::AddTechnology(
                section, tech,
            )));
        }
    });
}

/// One technology's changes: the words it adds, what they cost while it is merely
/// available, and the costs it gives existing words.
fn technology_ui(
    draft: &Language,
    section: Section,
    tech: &str,
    actions: &mut Actions,
    ui: &mut egui::Ui,
) {
    let Some(changes) = section.of(draft).get(tech) else {
        return;
    };
    let verb = section.word();
    ui.horizontal(|ui| {
        ui.strong(format!("{tech} {verb}"));
        if ui
            .button("Remove technology")
            .accessible_name(format!("Remove the changes when {tech} is {verb}"))
            .clicked()
        {
            actions.push(Action::EditLanguage(LanguageChange::RemoveTechnology(
                section,
                tech.to_owned(),
            )));
        }
    });
    ui.indent(("technology", verb, tech), |ui| {
        let owner = Owner::Added(section, tech.to_owned());
        let added = changes.action_words.len() + changes.state_words.len();
        ui.label(if added == 0 {
            "Words it adds: none".to_owned()
        } else {
            format!("Words it adds ({added}):")
        });
        for which in [WhichVocabulary::Actions, WhichVocabulary::States] {
            words_table(draft, which, &owner, actions, ui);
        }
        ui.horizontal(|ui| {
            for which in [WhichVocabulary::Actions, WhichVocabulary::States] {
                if ui
                    .button(format!("Add {} word", vocabulary_with_article(which)))
                    .accessible_name(format!(
                        "Add {} word when {tech} is {verb}",
                        vocabulary_with_article(which)
                    ))
                    .on_hover_text(format!(
                        "A word the language has only when {tech} is {verb}"
                    ))
                    .clicked()
                {
                    actions.push(Action::EditLanguage(LanguageChange::AddWord(
                        which,
                        owner.clone(),
                    )));
                }
            }
        });
        if added > 0 {
            entering_cost_ui(draft, section, tech, changes.entering_cost, actions, ui);
        }
        ui.label("Costs it gives words:");
        egui::Grid::new(("costs", verb, tech))
            .num_columns(3)
            .show(ui, |ui| {
                for (word, &cost) in &changes.costs {
                    ui.label(word);
                    let change = |bits| LanguageChange::SetTechCost {
                        section,
                        tech: tech.to_owned(),
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
                            tech: tech.to_owned(),
                            word: word.clone(),
                            cost: None,
                        }));
                    }
                    ui.end_row();
                }
            });
        reprice_ui(draft, section, tech, actions, ui);
    });
}

/// What the words a technology adds cost at availability 0 of the commodification sweep:
/// the default, or a cost of the language's own.
fn entering_cost_ui(
    draft: &Language,
    section: Section,
    tech: &str,
    entering: Option<f64>,
    actions: &mut Actions,
    ui: &mut egui::Ui,
) {
    ui.horizontal(|ui| {
        let mut own = entering.is_some();
        let name = format!("Own entering cost when {tech} is {}", section.word());
        let toggled = ui
            .checkbox(&mut own, "Own entering cost")
            .accessible_name(&name)
            .on_hover_text(format!(
                "What its added words cost while {tech} is merely available, in the commodification sweep; \
                 without one, {DEFAULT_ENTERING_COST} bits"
            ))
            .changed();
        if toggled {
            let bits = own.then_some(entering.unwrap_or(DEFAULT_ENTERING_COST));
            actions.push(Action::EditLanguage(LanguageChange::SetEnteringCost(
                section,
                tech.to_owned(),
                bits,
            )));
        }
        match entering {
            Some(bits) => {
                let change = |bits| LanguageChange::SetEnteringCost(section, tech.to_owned(), Some(bits));
                let name = format!("Entering cost when {tech} is {}", section.word());
                cost_ui(ui, draft, bits, &name, change, actions);
            }
            None => {
                ui.weak(format!("{DEFAULT_ENTERING_COST} bits (the default)"));
            }
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

/// A cost in bits as a drag value named `name`: a drag is one undo step.
pub fn cost_ui(
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

/// A text field without a visible label (a table cell), named `name` for screen readers
/// and tests; it commits when left, like [`super::edit_widgets::committed_text`].
/// `with_label` shows the name before it.
pub fn committed_text_cell(
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

/// A salt that tells apart the widgets of different slots.
fn slot_salt(slot: &WordSlot) -> (&'static str, String, usize) {
    (
        vocabulary_word(slot.which),
        owner_salt(&slot.owner),
        slot.index,
    )
}

fn owner_salt(owner: &Owner) -> String {
    match owner {
        Owner::Base => "base".to_owned(),
        Owner::Added(section, tech) => format!("{}/{tech}", section.word()),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
