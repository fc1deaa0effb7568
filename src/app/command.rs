//! Every user action with a name and a keyboard shortcut: its label, shortcut, tooltip
//! and whether it can run now. Menus, shortcuts and buttons queue commands (as
//! [`super::action::Action`]s, with the actions that carry data); the explorer runs them
//! once per frame. The list of commands is derived from the enum, so a new variant is in
//! the menus' shortcuts, the shortcut window and the tests without a list to keep.

use super::explorer::Explorer;
use egui::{Key, KeyboardShortcut, Modifiers};
use strum::IntoEnumIterator;

/// A user action without data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Command {
    /// A new, blank scene.
    New,
    /// Choose a scene file to open.
    Open,
    /// Save the scene to its file.
    Save,
    /// Save the scene to a file of the user's choice.
    SaveAs,
    /// Load a language file into the picker.
    LoadLanguage,
    /// Close the program.
    Quit,
    /// Undo the last scene edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Enter or leave the scene editor (the canvas's edit mode and the inspector).
    ToggleEditor,
    /// Start or stop recording a plan from the keyboard.
    RecordPlan,
    /// Start or stop playback.
    PlayPause,
    /// One step forward.
    StepForward,
    /// One step back.
    StepBack,
    /// The next plan.
    NextPlan,
    /// The previous plan.
    PreviousPlan,
    /// The next language.
    NextLanguage,
    /// The previous language.
    PreviousLanguage,
    /// Fit the grid to the canvas.
    FitView,
    /// Show or hide the side panel.
    ToggleSidePanel,
    /// Show or hide the results panel.
    ToggleResults,
    /// Open or close the window comparing the loaded languages.
    ToggleCompare,
    /// Open or close the window of the technology tree and the commodification sweep.
    ToggleTechnologies,
    /// Open or close the language editor over the current language.
    EditLanguage,
    /// Enumerate the current language's programs: algorithmic probability and search effort.
    RunPrograms,
    /// Search the current language's programs for the agent's choice.
    SearchChoice,
    /// Compute a CTM table from the chosen machine formalism.
    ComputeTable,
    /// Show the keyboard shortcuts.
    Shortcuts,
    /// Show what the program is.
    About,
}

impl Command {
    /// Every command, in declaration order (the order the shortcuts window lists them).
    pub fn all() -> impl Iterator<Item = Command> {
        Command::iter()
    }

    /// The menu text.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::LoadLanguage => "Load language…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::ToggleEditor => "Edit the scene",
            Command::RecordPlan => "Record a plan",
            Command::PlayPause => "Play or pause",
            Command::StepForward => "Step forward",
            Command::StepBack => "Step back",
            Command::NextPlan => "Next plan",
            Command::PreviousPlan => "Previous plan",
            Command::NextLanguage => "Next language",
            Command::PreviousLanguage => "Previous language",
            Command::FitView => "Fit grid to view",
            Command::ToggleSidePanel => "Side panel",
            Command::ToggleResults => "Results panel",
            Command::ToggleCompare => "Compare languages",
            Command::ToggleTechnologies => "Technologies",
            Command::EditLanguage => "Edit the language",
            Command::RunPrograms => "Run the language's programs",
            Command::SearchChoice => "Search for the agent's choice",
            Command::ComputeTable => "Compute CTM table",
            Command::Shortcuts => "Keyboard shortcuts",
            Command::About => "About Ladders",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let plain = |key| Some(KeyboardShortcut::new(Modifiers::NONE, key));
        match self {
            Command::New => cmd(Key::N),
            Command::Open => cmd(Key::O),
            Command::Save => cmd(Key::S),
            Command::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Command::LoadLanguage => cmd(Key::L),
            Command::Quit => cmd(Key::Q),
            Command::Undo => cmd(Key::Z),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Command::ToggleEditor => plain(Key::F2),
            Command::RecordPlan => plain(Key::F3),
            Command::PlayPause => plain(Key::Space),
            Command::StepForward => plain(Key::ArrowRight),
            Command::StepBack => plain(Key::ArrowLeft),
            Command::NextPlan => plain(Key::ArrowDown),
            Command::PreviousPlan => plain(Key::ArrowUp),
            Command::NextLanguage => plain(Key::CloseBracket),
            Command::PreviousLanguage => plain(Key::OpenBracket),
            Command::FitView => plain(Key::F),
            Command::ToggleSidePanel => cmd(Key::B),
            Command::ToggleResults => cmd(Key::R),
            Command::ToggleCompare => cmd(Key::K),
            Command::ToggleTechnologies => cmd(Key::T),
            Command::EditLanguage => plain(Key::F4),
            Command::RunPrograms => cmd(Key::E),
            Command::SearchChoice => cmd(Key::J),
            Command::ComputeTable => None,
            Command::Shortcuts => plain(Key::F1),
            Command::About => None,
        }
    }

    /// What it does, for tooltips.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new, blank scene",
            Command::Open => "Choose a scene file to open",
            Command::Save => "Save the scene to its file",
            Command::SaveAs => "Save the scene to a file of your choice",
            Command::LoadLanguage => "Load a language file into the picker",
            Command::Quit => "Close the program",
            Command::Undo => "Undo the last scene edit",
            Command::Redo => "Redo the last undone edit (also Ctrl+Y)",
            Command::ToggleEditor => {
                "Edit the scene on the canvas: paint terrain, place, move and delete entities, inspect and change them, edit the goal, refractions and plans"
            }
            Command::RecordPlan => {
                "Record a new plan by driving the agent: arrows move; T, A, O, P, W, C, M then an arrow interact; N waits; Backspace undoes a step; Esc stops"
            }
            Command::PlayPause => "Start or stop playing the plan",
            Command::StepForward => "One step of the plan forward",
            Command::StepBack => "One step of the plan back",
            Command::NextPlan => "Select the next plan",
            Command::PreviousPlan => "Select the previous plan",
            Command::NextLanguage => "Select the next language",
            Command::PreviousLanguage => "Select the previous language",
            Command::FitView => "Fit the grid to the canvas",
            Command::ToggleSidePanel => "Show or hide the side panel",
            Command::ToggleResults => "Show or hide the results panel",
            Command::ToggleCompare => {
                "Open or close the comparison of the loaded languages: invariance constants, centre, flips and robustness"
            }
            Command::ToggleTechnologies => {
                "Open or close the technology tree and the commodification sweep: which plan the agent picks as technologies are commodified"
            }
            Command::EditLanguage => {
                "Open or close the language editor: the words, their costs and per-technology changes, Kraft's inequality under every setting, save as"
            }
            Command::SearchChoice => {
                "Search the current language's programs for the plan that reaches the goal most cheaply, whether or not the scene has it"
            }
            Command::RunPrograms => {
                "Enumerate the current language's programs: algorithmic probability and search effort"
            }
            Command::ComputeTable => "Compute a CTM table from the chosen machine formalism",
            Command::Shortcuts => "Show the keyboard shortcuts",
            Command::About => "What Ladders is",
        }
    }

    /// Whether it can run now; a menu greys it out otherwise, and its shortcut does nothing.
    pub fn enabled(self, explorer: &Explorer) -> bool {
        match self {
            Command::Undo => explorer.work.document.can_undo(),
            Command::Redo => explorer.work.document.can_redo(),
            Command::NextPlan | Command::PreviousPlan => !explorer.scene().plans.is_empty(),
            Command::NextLanguage
            | Command::PreviousLanguage
            | Command::RunPrograms
            | Command::SearchChoice
            | Command::EditLanguage => !explorer.work.languages.is_empty(),
            _ => true,
        }
    }

    /// The shortcut as text for menus, e.g. `Ctrl+S`.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map_or_else(String::new, |s| ctx.format_shortcut(&s))
    }

    /// The commands whose shortcuts were pressed this frame, longest modifiers first so that
    /// Ctrl+Shift+S is not also read as Ctrl+S. Nothing fires while a text field has focus.
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let mut commands: Vec<Command> =
            Command::all().filter(|c| c.shortcut().is_some()).collect();
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| modifier_count(s.modifiers)))
        });
        let mut pressed: Vec<Command> = commands
            .into_iter()
            .filter(|c| {
                c.shortcut()
                    .is_some_and(|s| ctx.input_mut(|i| i.consume_shortcut(&s)))
            })
            .collect();
        // Redo's second shortcut, as on Windows and Linux.
        let ctrl_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        if ctx.input_mut(|i| i.consume_shortcut(&ctrl_y)) && !pressed.contains(&Command::Redo) {
            pressed.push(Command::Redo);
        }
        pressed
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt)
        + u8::from(m.ctrl)
        + u8::from(m.shift)
        + u8::from(m.command)
        + u8::from(m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_command_is_listed_once_with_a_distinct_label_and_shortcut() {
        let commands: Vec<Command> = Command::all().collect();
        assert_eq!(commands.len(), 28);
        let labels: HashSet<&str> = commands.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), commands.len());
        let shortcuts: Vec<KeyboardShortcut> =
            commands.iter().filter_map(|c| c.shortcut()).collect();
        let distinct: HashSet<(Key, bool, bool, bool, bool)> = shortcuts
            .iter()
            .map(|s| {
                let m = s.modifiers;
                (
                    s.logical_key,
                    m.alt,
                    m.shift,
                    m.command || m.ctrl,
                    m.mac_cmd,
                )
            })
            .collect();
        assert_eq!(distinct.len(), shortcuts.len());
        assert!(commands.iter().all(|c| !c.tooltip().is_empty()));
    }
}
