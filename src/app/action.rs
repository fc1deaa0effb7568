//! What a view asks for: a named [`Command`], or an action that carries its data (which
//! cell to select, which language, the new budget). Views queue actions; one function,
//! [`super::explorer::Explorer::apply`], carries them out at the end of the frame, so a
//! view never changes the explorer's state while another reads it.

use super::command::Command;
use super::explorer::Selection;
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
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Run(command)
    }
}
