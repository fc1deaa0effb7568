//! The window's state, owned in one place and in three parts: the open work (what a save
//! or a reload concerns), the results computed from it (caches keyed by stable ids), and
//! the view state (what is shown and where). Preferences, persisted between runs, sit
//! beside them in [`super::explorer::Explorer`]. Views read all of it and change none:
//! they emit actions.

use super::explorer::{LanguageId, LoadedLanguage, Modal, Scores, Selection};
use super::playback::Playback;
use super::programs::{HeatMap, ProgramTable};
use super::views::compare::CompareSettings;
use super::views::file_dialog::FileDialog;
use super::views::technologies::TechSettings;
use ladders_domain::analysis::{
    Availability, Comparison, ImpactTable, MeasureOptions, SearchedChoice, Sweep, TechSweep,
};
use ladders_domain::complexity::{CtmTable, TableComparison};
use ladders_domain::impact::ImpactOptions;
use ladders_domain::measures::Measure;
use ladders_domain::scene::SceneEdits;
use std::cell::RefCell;
use std::sync::Arc;

/// What is open.
pub struct OpenWork {
    /// The open scene, with its history.
    pub document: SceneEdits,
    /// Languages in the picker: the scene's, then any loaded from files.
    pub languages: Vec<LoadedLanguage>,
    /// Index of the current language.
    pub language: usize,
    /// Baseline, deviation, rollouts and discount of the impact columns (the measure and the
    /// state budget are set per column).
    pub impact_options: ImpactOptions,
    /// Stream, codec, CTM table, partition and program bounds of the newer measures.
    pub measure_options: MeasureOptions,
    /// The language in the language editor, with its own history; `None` until the
    /// editor is first opened.
    pub language_edits: Option<ladders_domain::language::LanguageEdits>,
}

impl OpenWork {
    /// `document` open, with no languages yet and the default options.
    pub fn new(document: SceneEdits) -> Self {
        Self {
            document,
            languages: Vec::new(),
            language: 0,
            impact_options: ImpactOptions::default(),
            measure_options: MeasureOptions::default(),
            language_edits: None,
        }
    }
}

/// What was computed from the open work; each kept while a newer one is computed.
#[derive(Default)]
pub struct Results {
    /// The latest scores, per language id.
    pub scores: Option<Scores>,
    /// The scene version the latest scores were computed from.
    pub scores_scene: u64,
    /// The latest impact measures.
    pub impacts: Option<ImpactTable>,
    /// Algorithmic probability and search effort, by the language they were computed in.
    pub programs: Vec<(LanguageId, ProgramTable)>,
    /// The last CTM table computed from a machine formalism.
    pub computed_table: Option<Arc<CtmTable>>,
    /// The ΔBDM map drawn over the grid.
    pub heat_map: Option<HeatMap>,
    /// The bundled and computed tables' ranks of one block size, by the computed table's
    /// name and the size: ranking 32,768 blocks is too slow to redo every frame. A cache
    /// the view fills, hence the cell.
    pub table_comparison: RefCell<Option<(String, usize, Arc<TableComparison>)>>,
    /// The latest comparison of the loaded languages, kept (and shown as stale) while a
    /// newer one is computed.
    pub comparison: Option<ComparedLanguages>,
    /// The latest robustness sweep, filled in radius by radius.
    pub sweep: Option<SweepRun>,
    /// The last adversarial word added to a language.
    pub adversary: Option<AdversaryMade>,
    /// The latest commodification sweep and availability sweep, kept (and shown as
    /// stale) while newer ones are computed.
    pub tech: Option<TechRun>,
    /// The latest searched choice.
    pub searched: Option<SearchedRun>,
}

/// What the technology job was computed from: when any of it changes, it is stale.
#[derive(Clone, Debug, PartialEq)]
pub struct TechInputs {
    /// The scene's version.
    pub scene: u64,
    /// The languages swept, in picker order.
    pub languages: Vec<LanguageId>,
    /// The current language: the availability sweep's.
    pub language: Option<LanguageId>,
    /// The order of commodification, by name.
    pub order: Vec<String>,
    /// The technology whose availability moves.
    pub continuous: Option<String>,
    /// The measure the availability sweep chooses by.
    pub measure: Measure,
}

/// The commodification sweep and the availability sweep of one set of inputs.
#[derive(Clone, Debug)]
pub struct TechRun {
    /// Their inputs.
    pub inputs: TechInputs,
    /// The discrete sweep, or why it could not run.
    pub sweep: Result<TechSweep, String>,
    /// The availability sweep, or why it could not run (none without a technology).
    pub availability: Option<Result<Availability, String>>,
}

/// What a searched choice was computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchInputs {
    /// The scene's version.
    pub scene: u64,
    /// The language searched.
    pub language: LanguageId,
    /// The measure minimised.
    pub measure: Measure,
}

/// A searched choice and its inputs.
#[derive(Clone, Debug)]
pub struct SearchedRun {
    /// Its inputs.
    pub inputs: SearchInputs,
    /// What the search found, or why it could not run.
    pub result: Result<SearchedChoice, String>,
}

/// An adversarial word added to a loaded language: the new language is loaded beside its
/// base, and both are scored as every loaded language is.
#[derive(Clone, Debug)]
pub struct AdversaryMade {
    /// The language the word was added to.
    pub base: LanguageId,
    /// The language with the word.
    pub made: LanguageId,
    /// The plan it names (or whose effect it names).
    pub plan: String,
    /// The word's name, cost and vocabulary, and the shift δ of the other words.
    pub word: String,
    /// Its cost in bits.
    pub bits: f64,
    /// The shift of every other word of its vocabulary.
    pub delta: f64,
    /// Which vocabulary it joined.
    pub vocabulary: ladders_domain::language::WhichVocabulary,
    /// The base with its technologies applied, for the growth bound of each description.
    pub effective_base: ladders_domain::language::Language,
}

/// What a comparison was computed from: when any of it changes, it is stale.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareInputs {
    /// The scene's version (see [`super::explorer::Explorer::scene_version`]): its edits,
    /// undos and loads, technology levels included.
    pub scene: u64,
    /// The languages compared, in picker order.
    pub languages: Vec<LanguageId>,
    /// The effect budget in bits.
    pub budget: f64,
    /// Random plans besides the scene's.
    pub random_plans: usize,
    /// Their seed.
    pub seed: u64,
}

/// A comparison and what it was computed from.
#[derive(Clone, Debug)]
pub struct ComparedLanguages {
    /// Its inputs.
    pub inputs: CompareInputs,
    /// What it found.
    pub comparison: Comparison,
}

/// A robustness sweep as it fills in.
#[derive(Clone, Debug)]
pub struct SweepRun {
    /// The language swept around.
    pub around: LanguageId,
    /// Its name.
    pub around_name: String,
    /// The scene's version it ran on.
    pub scene: u64,
    /// The effect budget it judged with.
    pub budget: f64,
    /// Random languages per radius.
    pub languages: u64,
    /// The radii asked for, in order.
    pub radii: Vec<f64>,
    /// The radii done so far (`None` until the first arrives).
    pub sweep: Option<Sweep>,
    /// Why it stopped short, if it did.
    pub error: Option<String>,
    /// Whether it ended (every radius in, or an error).
    pub ended: bool,
}

impl SweepRun {
    /// The radii done so far.
    pub fn done(&self) -> usize {
        self.sweep.as_ref().map_or(0, |s| s.radii.len())
    }
}

/// What the views show.
#[derive(Default)]
pub struct ViewState {
    /// The cell whose evidence is shown under the verdict matrix.
    pub selection: Option<Selection>,
    /// Plan playback.
    pub playback: Playback,
    /// An open modal window.
    pub modal: Option<Modal>,
    /// An open file dialog.
    pub file_dialog: Option<FileDialog>,
    /// Bumped to ask the canvas to fit the grid to its view (its pan and zoom are its own).
    pub fit_requests: u64,
    /// Set when the user confirmed quitting, so the close is let through.
    pub quit_confirmed: bool,
    /// The comparison window: whether it is open and what it shows.
    pub compare: CompareSettings,
    /// The technologies window: whether it is open and what it shows.
    pub technologies: TechSettings,
    /// The measure the searched choice minimises (`None`: the effect description length).
    pub search_measure: Option<Measure>,
    /// The scene editor: edit mode, tool, selection, the last refusal.
    pub editor: super::views::scene_editor::EditorState,
    /// The plan recorder.
    pub recorder: super::views::plan_editor::RecorderState,
    /// The language editor: whether it is open, the last refusal.
    pub language_editor: super::views::language_editor::LanguageEditorState,
}
