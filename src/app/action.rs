//! What a view asks for: a named [`Command`], or an action that carries its data (which
//! cell to select, which language, the new budget). Views queue actions; one function,
//! [`super::explorer::Explorer::apply`], carries them out at the end of the frame, so a
//! view never changes the explorer's state while another reads it.

use super::command::Command;
use super::explorer::{Pending, Selection};
use super::preferences::Preferences;
use super::views::compare::CompareSettings;
use super::views::file_dialog::Purpose;
use super::views::technologies::TechSettings;
use ladders_domain::analysis::MeasureOptions;
use ladders_domain::impact::ImpactOptions;
use ladders_domain::measures::Measure;
use ladders_domain::world::{TechId, TechLevel, VarKind};
use std::path::PathBuf;

/// A change the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A named command (menus, shortcuts, buttons).
    Run(Command),
    /// Select the language at this index of the picker.
    SelectLanguage(usize),
    /// Select the plan at this index.
    SelectPlan(usize),
    /// Show this cell's evidence, or close it if it is shown.
    ToggleSelection(Selection),
    /// Set the effect description budget, in bits (a drag sends one per frame).
    SetBudget(f64),
    /// A run of edits ended (a drag let go): the next edit is a new undo step.
    EndEdit,
    /// Open this scene file, asking first if there are unsaved changes.
    Open(PathBuf),
    /// Set a technology's level in the scene (an undoable edit).
    SetTechnology(TechId, TechLevel),
    /// Set the impact columns' baseline, deviation, rollouts and discount.
    SetImpactOptions(ImpactOptions),
    /// Set the stream, codec, BDM and program options.
    SetMeasureOptions(Box<MeasureOptions>),
    /// Show (or hide, if shown) the ΔBDM map of one of a plan's effect grids.
    ToggleHeatMap {
        /// Plan index.
        plan: usize,
        /// Which grid.
        kind: VarKind,
    },
    /// Hide the ΔBDM map.
    HideHeatMap,
    /// Show the state after this many steps of the plan, paused.
    SetStep(usize),
    /// Set the playback speed, in steps per second.
    SetSpeed(f32),
    /// Replace the preferences (panels, layers, theme, zoom, recent files).
    SetPreferences(Box<Preferences>),
    /// Close the open modal window.
    CloseModal,
    /// Carry out what waited for unsaved changes to be dropped.
    Discard(Pending),
    /// The file dialog ended with a file chosen.
    FileChosen(Purpose, PathBuf),
    /// The file dialog was cancelled.
    CloseFileDialog,
    /// Stop every background job.
    CancelJobs,
    /// Set what the comparison window shows (open or not, the pair, the measure, sizes).
    SetCompare(Box<CompareSettings>),
    /// Add to the current language one word for this plan (or, with `effect`, for its
    /// effect) at this many bits, as a new loaded language.
    AddAdversarialWord {
        /// The plan.
        plan: String,
        /// Name its effect instead of its actions.
        effect: bool,
        /// The word's cost.
        bits: f64,
    },
    /// Compare the languages again (after a cancel).
    CompareAgain,
    /// Start the robustness sweep around the current language.
    RunSweep,
    /// Stop the robustness sweep, keeping the radii already in.
    CancelSweep,
    /// Set what the technologies window shows (open or not, the measure, the order).
    SetTechSettings(Box<TechSettings>),
    /// Search for the agent's choice under this measure.
    SetSearchMeasure(Measure),
    /// Add the searched plan to the scene as a named plan (an undoable edit).
    AddSearchedPlan,
    /// Stop the search for the agent's choice, leaving the other jobs running.
    CancelSearch,
    /// Start a new scene from the template at this index of
    /// [`ladders_domain::scene::TEMPLATES`], asking first if there are unsaved changes.
    NewFromTemplate(usize),
    /// Change the scene (checked; refused with the reason; undoable).
    EditScene(ladders_domain::scene::SceneChange),
    /// A drag or stroke of this name starts: its changes are one undo step until
    /// [`Action::EndEdit`].
    BeginEdit(String),
    /// Set the editor's tool, selection or pattern.
    SetEditor(Box<super::views::scene_editor::EditorState>),
    /// Select (or unselect) for the inspector, leaving the rest of the editor's state,
    /// its refusal included: the canvas selects in the same frame as it edits, and the
    /// reason an edit was refused must stay shown.
    SelectForEditing(Option<super::views::scene_editor::Selected>),
    /// Set what the recorder's next arrow does.
    SetRecorder(Box<super::views::plan_editor::RecorderState>),
    /// Open the recovery copy offered at start-up.
    Restore(Box<ladders_domain::document::Orphan>),
    /// Remove the recovery copy offered at start-up.
    ForgetRecovery(Box<ladders_domain::document::Orphan>),
    /// Read the open file again (it changed on disk), dropping the edits.
    ReloadFromDisk,
    /// Change the edited language (kept even when it breaks a rule; undoable).
    EditLanguage(ladders_domain::language::LanguageChange),
    /// A drag of a language cost starts: one undo step until [`Action::EndLanguageEdit`].
    BeginLanguageEdit(String),
    /// The drag of a language cost ended.
    EndLanguageEdit,
    /// Undo the last language edit.
    UndoLanguage,
    /// Redo the last undone language edit.
    RedoLanguage,
    /// Choose a file to save the edited language to.
    SaveLanguageAs,
    /// Add the edited language's file to the scene's languages (an undoable scene edit).
    UseLanguageInScene,
}

/// Where views put the actions of a frame.
#[derive(Debug, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    /// Ask for `action` (or a command).
    pub fn push(&mut self, action: impl Into<Action>) {
        self.0.push(action.into());
    }

    /// The actions asked for, in order, leaving none.
    pub fn take(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.0)
    }
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Run(command)
    }
}
