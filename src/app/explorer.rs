//! The explorer: the window's state (its parts in [`super::state`]) and what changes it.
//! Views read it and queue actions; nothing here draws. `background` starts the jobs and
//! applies what they deliver; `commands` applies actions and commands.

mod background;
mod commands;
mod editing;
mod language_editing;
mod technologies;

use super::action::Action;
use super::command::Command;
use super::jobs::{Delivery, JobKind, Jobs};
use super::playback::Playback;
use super::preferences::Preferences;
use super::state::{OpenWork, Results, ViewState};
use super::views::file_dialog::{FileDialog, Purpose};
use ladders_domain::analysis::{
    ImpactBounds, PlanScore, SceneScore, Setting, impact_table, score_scene,
};
use ladders_domain::impact::ImpactMeasure;
use ladders_domain::language::Language;
use ladders_domain::limits::MemoryBudget;
use ladders_domain::measures::Measure;
use ladders_domain::scene::{Scene, SceneEdits, TEMPLATES};
use ladders_domain::world::{TechId, TechLevel};
use std::path::{Path, PathBuf};

/// A language in the picker, for as long as it is there: results are cached by it, so
/// reordering, adding or replacing languages never shows one language's scores under
/// another's name. A language read again gets a new id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LanguageId(u64);

impl LanguageId {
    /// An id made up for a test.
    #[cfg(test)]
    pub(super) fn for_tests(id: u64) -> Self {
        Self(id)
    }
}

/// A language in the picker and where it came from.
#[derive(Clone, Debug)]
pub struct LoadedLanguage {
    /// Its id while it is listed.
    pub id: LanguageId,
    /// The language.
    pub language: Language,
    /// `bundled`, or the file it was read from.
    pub source: String,
}

/// Scores of every plan under every language, for one version of the scene.
#[derive(Clone, Debug)]
pub struct Scores {
    /// Per language scored, by id.
    pub per_language: Vec<(LanguageId, SceneScore)>,
}

impl Scores {
    /// The scores in the language with this id, if it was scored.
    pub fn of(&self, id: LanguageId) -> Option<&SceneScore> {
        self.per_language
            .iter()
            .find(|(scored, _)| *scored == id)
            .map(|(_, score)| score)
    }
}

/// The impact measures the window shows, with their column names.
pub const IMPACT_MEASURES: [(ladders_domain::impact::ImpactMeasure, &str); 3] = [
    (ladders_domain::impact::ImpactMeasure::Unreachability, "UR"),
    (
        ladders_domain::impact::ImpactMeasure::RelativeReachability,
        "RR",
    ),
    (
        ladders_domain::impact::ImpactMeasure::AttainableUtility,
        "AU",
    ),
];

/// The most states the window enumerates for impact measures (the command line goes further).
pub const GUI_STATE_BUDGET: usize = 3_000;

/// The most states the window computes attainable utility over (value iteration).
pub const GUI_VALUE_STATES: usize = 1_000;

/// Something the user asked for that would drop unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Open this file.
    Open(PathBuf),
    /// Start a new scene from the template at this index of [`TEMPLATES`].
    New(usize),
    /// Quit.
    Quit,
}

/// A window over the explorer that needs an answer or a dismissal.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Something failed.
    Error {
        /// What was being done.
        title: String,
        /// The error, naming file, line and column where it can.
        message: String,
    },
    /// Unsaved changes would be lost.
    ConfirmDiscard(Pending),
    /// The keyboard shortcuts.
    Shortcuts,
    /// About the program.
    About,
    /// A session that crashed left unsaved work: restore it?
    Recover(Box<ladders_domain::document::Orphan>),
    /// The open file was changed by another program: reload it?
    ChangedOnDisk(PathBuf),
}

/// What the evidence panel shows: one cell of one table at a time, so that selecting a
/// cell anywhere replaces whatever was selected before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// A complexity measure's cell (the verdict matrix, or the table across languages).
    Measure(Evidence),
    /// An impact measure's cell: the plan and the column in [`IMPACT_MEASURES`].
    Impact {
        /// Plan index.
        plan: usize,
        /// Index into [`IMPACT_MEASURES`].
        column: usize,
    },
}

/// The measure cell or language cell whose evidence is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Plan index.
    pub plan: usize,
    /// Which measure.
    pub measure: Measure,
    /// Language index.
    pub language: usize,
}

/// The whole state of the window.
pub struct Explorer {
    /// Remembered between runs.
    pub preferences: Preferences,
    /// What is open: the scene, the languages, the analysis options.
    pub work: OpenWork,
    /// What was computed from it, cached by stable ids.
    pub results: Results,
    /// What the views show and where: selection, playback, modal windows.
    pub view: ViewState,
    /// The background jobs.
    pub(super) jobs: Jobs,
    /// Queued by the views this frame, applied at its end.
    actions: Vec<Action>,
    /// A plan to select once scores arrive (from the command line).
    wanted_plan: Option<String>,
    /// A language to select once a scene's languages are loaded (from the command line).
    wanted_language: Option<String>,
    /// Evidence to open once the wanted plan is selected and scored (from the command line).
    wanted_evidence: Option<Measure>,
    /// Scoring runs started, for [`Explorer::measurements_started`].
    measurements_started: usize,
    /// The last [`LanguageId`] given.
    next_language_id: u64,
    /// Bumped whenever the scene changes (an edit, undo, redo, a load).
    scene_version: u64,
    /// The inputs of the last comparison started, so a cancelled one is not started again
    /// until they change.
    compare_started: Option<super::state::CompareInputs>,
    /// Inputs a comparison waits to start from, and since when: they must stay unchanged
    /// for [`COMPARE_SETTLE`], so a drag does not start one every frame.
    compare_pending: Option<(super::state::CompareInputs, std::time::Instant)>,
    /// The inputs of the last technology sweeps started.
    tech_started: Option<super::state::TechInputs>,
    /// The scene version the scoring job under way (or last run) measures.
    scoring_for: u64,
    /// Debounced recomputation, recovery copies and the watch on the open file.
    editing: editing::EditState,
    /// The language editor's hand-over to the picker.
    language_editing: language_editing::LanguageEditState,
}

/// How long what a comparison depends on must stay unchanged before it starts again (the
/// first comparison starts at once).
pub const COMPARE_SETTLE: std::time::Duration = std::time::Duration::from_millis(250);

impl Explorer {
    /// An explorer on the bundled pink car; `open` names a scene to load in the background;
    /// `recovery` is the folder of recovery copies (`None`: none are written or offered).
    pub fn new(
        ctx: &egui::Context,
        preferences: Preferences,
        open: Option<PathBuf>,
        recovery: Option<&Path>,
    ) -> Self {
        let scene = ladders_domain::scene::parse(
            Path::new(ladders_domain::scene::PINK_CAR_PATH),
            ladders_domain::scene::PINK_CAR_RON,
        )
        .unwrap_or_else(|e| {
            // A test keeps the compiled-in scene valid; this is unreachable in practice.
            log::error!("{e}");
            std::process::exit(1)
        });
        let bundled_path = Path::new(ladders_domain::scene::PINK_CAR_PATH);
        let path = bundled_path.is_file().then(|| bundled_path.to_owned());
        let mut explorer = Self {
            preferences,
            work: OpenWork::new(SceneEdits::new(scene, path)),
            results: Results::default(),
            view: ViewState::default(),
            jobs: Jobs::default(),
            actions: Vec::new(),
            wanted_plan: None,
            wanted_language: None,
            wanted_evidence: None,
            measurements_started: 0,
            next_language_id: 0,
            scene_version: 0,
            compare_started: None,
            compare_pending: None,
            tech_started: None,
            scoring_for: 0,
            editing: editing::EditState::default(),
            language_editing: language_editing::LanguageEditState::default(),
        };
        let (editing, trouble) = editing::EditState::with_recovery(recovery);
        explorer.editing = editing;
        explorer.reload_languages();
        explorer.scene_changed(ctx);
        explorer.stamp_disk();
        if let Some(path) = open {
            explorer.start_load(ctx, path);
        }
        explorer.offer_recovery();
        if let Some(trouble) = trouble {
            log::warn!("{trouble}");
        }
        explorer
    }

    /// Ask for a language (by name) and a plan to be selected when they are available.
    pub fn want(&mut self, language: Option<String>, plan: Option<String>) {
        self.wanted_language = language;
        self.wanted_plan = plan;
        self.apply_wanted();
    }

    /// Ask for a measure's evidence to be opened for the wanted plan once it is scored.
    pub fn want_evidence(&mut self, measure: Option<Measure>) {
        self.wanted_evidence = measure;
        self.apply_wanted();
    }

    /// The complexity measure's cell whose evidence is shown, if that is what is selected.
    pub fn measure_evidence(&self) -> Option<Evidence> {
        match self.view.selection {
            Some(Selection::Measure(e)) => Some(e),
            _ => None,
        }
    }

    /// Select `selection`, or clear it if it is already selected (a second click closes).
    pub fn toggle_selection(&mut self, selection: Selection) {
        self.view.selection = (self.view.selection != Some(selection)).then_some(selection);
    }

    /// Queue a command or an action to run at the end of the frame.
    pub fn queue(&mut self, action: impl Into<Action>) {
        self.actions.push(action.into());
    }

    /// Whether background work is under way (loading, saving, scoring).
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
            || self.compare_pending.is_some()
            || self.edits_settling()
            || self.language_edits_settling()
    }

    /// The job to show in the status bar: (label, progress).
    pub fn activity(&self) -> Option<(&str, f32)> {
        self.jobs.activity()
    }

    /// Cancel every background job.
    pub fn cancel_jobs(&mut self) {
        self.cancel_sweep();
        self.jobs.cancel_all();
    }

    /// The scene on screen.
    pub fn scene(&self) -> &Scene {
        self.work.document.scene()
    }

    /// The current language, if any loaded.
    pub fn current_language(&self) -> Option<&LoadedLanguage> {
        self.work.languages.get(self.work.language)
    }

    /// Scores in the current language.
    pub fn current_score(&self) -> Option<&SceneScore> {
        self.score_in(self.work.language)
    }

    /// Scores in the language at `index` of [`Explorer::languages`], if it was scored.
    pub fn score_in(&self, index: usize) -> Option<&SceneScore> {
        self.results
            .scores
            .as_ref()?
            .of(self.work.languages.get(index)?.id)
    }

    /// A new id for a language entering the picker.
    fn language_id(&mut self) -> LanguageId {
        self.next_language_id += 1;
        LanguageId(self.next_language_id)
    }

    /// The effect budget in bits.
    pub fn budget(&self) -> f64 {
        self.scene()
            .budget(Measure::EffectDl)
            .unwrap_or(ladders_domain::scene::DEFAULT_EFFECT_BUDGET)
    }

    /// The scene's version: it changes with every edit, undo, redo and load.
    pub fn scene_version(&self) -> u64 {
        self.scene_version
    }

    /// Whether the languages are being compared.
    pub fn comparing(&self) -> bool {
        self.jobs.is_running(JobKind::Compare)
    }

    /// The robustness sweep's progress in 0..=1, if it runs.
    pub fn sweep_progress(&self) -> Option<f32> {
        self.jobs.progress(JobKind::Sweep)
    }

    /// How many scoring runs (measurements of every plan in every language) were started.
    pub fn measurements_started(&self) -> usize {
        self.measurements_started
    }

    fn show_error(&mut self, title: &str, message: String) {
        self.view.modal = Some(Modal::Error {
            title: title.to_owned(),
            message,
        });
    }

    /// Load the scene's languages (bundled ones are compiled in; others are small files
    /// beside the scene), keeping the current language selected if it is still there.
    fn reload_languages(&mut self) {
        let current = self.current_language().map(|l| l.language.name.clone());
        let dir = self
            .work
            .document
            .path()
            .and_then(|p| p.parent().map(Path::to_owned));
        let mut languages = Vec::new();
        let mut failures = Vec::new();
        let names = if self.scene().languages.is_empty() {
            ladders_domain::language::bundled_names()
                .into_iter()
                .map(str::to_owned)
                .collect()
        } else {
            self.scene().languages.clone()
        };
        for name in names {
            match ladders_domain::language::resolve_for_scene(&name, dir.as_deref()) {
                Ok(language) => {
                    let source =
                        if ladders_domain::language::bundled_names().contains(&name.as_str()) {
                            "bundled".to_owned()
                        } else {
                            name
                        };
                    let id = self.language_id();
                    languages.push(LoadedLanguage {
                        id,
                        language,
                        source,
                    });
                }
                Err(e) => failures.push(e.to_string()),
            }
        }
        self.work.languages = languages;
        self.work.language = current
            .and_then(|c| {
                self.work
                    .languages
                    .iter()
                    .position(|l| l.language.name == c)
            })
            .unwrap_or(0);
        if !failures.is_empty() {
            self.show_error(
                "Some of the scene's languages could not be loaded",
                failures.join("\n"),
            );
        }
    }

    fn apply_wanted(&mut self) {
        // A scene still loading gets them once it is in.
        if self.jobs.is_running(JobKind::LoadScene) {
            return;
        }
        use ladders_domain::analysis::names::{unknown_language, unknown_plan};
        if let Some(name) = self.wanted_language.take() {
            match self
                .work
                .languages
                .iter()
                .position(|l| l.language.name == name)
            {
                Some(i) => self.work.language = i,
                None => {
                    let names: Vec<String> = self
                        .work
                        .languages
                        .iter()
                        .map(|l| l.language.name.clone())
                        .collect();
                    self.wanted_evidence = None;
                    self.view.modal = Some(Modal::Error {
                        title: "Cannot select the language".into(),
                        message: unknown_language(&names, &name).unwrap_or_default(),
                    });
                }
            }
        }
        if let Some(name) = self.wanted_plan.take() {
            match self.scene().plans.iter().position(|p| p.name == name) {
                Some(i) => {
                    self.view.playback.select(i);
                    self.view.playback.step = self.plan_length(i);
                }
                None => {
                    self.wanted_evidence = None;
                    self.view.modal = Some(Modal::Error {
                        title: "Cannot show the plan".into(),
                        message: unknown_plan(self.scene(), &name).unwrap_or_default(),
                    });
                }
            }
        }
        if self.wanted_plan.is_none()
            && self.wanted_language.is_none()
            && self.current_score().is_some()
            && let Some(measure) = self.wanted_evidence.take()
        {
            let plan = self.view.playback.plan;
            self.view.selection = Some(Selection::Measure(Evidence {
                plan,
                measure,
                language: self.work.language,
            }));
            match measure {
                Measure::Bdm => {
                    let kind = self
                        .current_score()
                        .and_then(|s| s.plans.get(plan))
                        .and_then(|p| p.bdm.grids.first().map(|g| g.0));
                    if let Some(kind) = kind {
                        self.toggle_heat_map(plan, kind);
                    }
                }
                Measure::AlgorithmicProbability | Measure::SearchEffort => {
                    self.queue(Command::RunPrograms);
                }
                _ => {}
            }
        }
    }

    /// Whether the command line asked for a language or plan that is not there yet.
    pub fn wants_pending(&self) -> bool {
        self.wanted_language.is_some()
            || self.wanted_plan.is_some()
            || self.wanted_evidence.is_some()
    }

    /// Number of actions of plan `i`.
    pub fn plan_length(&self, i: usize) -> usize {
        match self.scene().plans.get(i) {
            Some(p) => p.actions.len(),
            None if i == self.scene().plans.len() => {
                self.searched_plan().map_or(0, |p| p.outcome.steps())
            }
            None => 0,
        }
    }

    /// The length of every plan that can be played: the scene's, then the searched one.
    fn plan_lengths(&self) -> Vec<usize> {
        let mut lengths: Vec<usize> = self.scene().plans.iter().map(|p| p.actions.len()).collect();
        if let Some(p) = self.searched_plan() {
            lengths.push(p.outcome.steps());
        }
        lengths
    }

    /// Plan `plan` scored in the language at `language`: a scene plan, or, one past the
    /// scene's plans in the current language, the searched choice.
    pub fn plan_score(&self, language: usize, plan: usize) -> Option<&PlanScore> {
        let score = self.score_in(language)?;
        match score.plans.get(plan) {
            Some(p) => Some(p),
            None if plan == score.plans.len() && language == self.work.language => {
                self.searched_plan()
            }
            None => None,
        }
    }

    /// Swap in a new scene (loaded or new), resetting what depended on the old one.
    fn replace_scene(&mut self, ctx: &egui::Context, scene: Scene, path: Option<PathBuf>) {
        if let Some(p) = &path {
            self.preferences.add_recent(p);
            self.preferences.last_scene = Some(p.clone());
        }
        self.work.document = SceneEdits::new(scene, path);
        // The old document was saved or dropped on purpose; the new one is as on disk.
        self.discard_recovery();
        self.stamp_disk();
        self.view.editor.selected = None;
        self.view.recorder.plan = None;
        self.reload_languages();
        let speed = self.view.playback.speed;
        self.view.playback = Playback::default();
        self.view.playback.speed = speed;
        self.view.selection = None;
        self.view.fit_requests += 1;
        self.results.scores = None;
        self.results.impacts = None;
        self.apply_wanted();
        self.scene_changed(ctx);
    }

    /// Whether anything open has unsaved changes: the scene, or the edited language.
    pub fn has_unsaved(&self) -> bool {
        !self.unsaved_titles().is_empty()
    }

    /// The names of what has unsaved changes, for the question before dropping them.
    pub fn unsaved_titles(&self) -> Vec<String> {
        let mut titles = Vec::new();
        if self.work.document.is_modified() {
            titles.push(self.work.document.title());
        }
        if let Some(edits) = self
            .work
            .language_edits
            .as_ref()
            .filter(|e| e.is_modified())
        {
            titles.push(format!("the language {}", edits.title()));
        }
        titles
    }

    /// Open `path`, asking first if there are unsaved changes.
    pub fn request_open(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.has_unsaved() {
            self.view.modal = Some(Modal::ConfirmDiscard(Pending::Open(path)));
        } else {
            self.start_load(ctx, path);
        }
    }

    /// Carry out what was pending once unsaved changes may be dropped.
    pub fn resolve_pending(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::Open(path) => self.start_load(ctx, path),
            Pending::New(template) => self.new_scene(ctx, template),
            Pending::Quit => {
                self.discard_all_recovery();
                self.view.quit_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Start a new, never saved scene from the template at `template` of [`TEMPLATES`],
    /// asking first if there are unsaved changes.
    pub fn request_new(&mut self, ctx: &egui::Context, template: usize) {
        if self.has_unsaved() {
            self.view.modal = Some(Modal::ConfirmDiscard(Pending::New(template)));
        } else {
            self.new_scene(ctx, template);
        }
    }

    fn new_scene(&mut self, ctx: &egui::Context, template: usize) {
        let text = TEMPLATES.get(template).map_or(NEW_SCENE_RON, |t| t.ron);
        match ladders_domain::scene::parse(Path::new("untitled.ron"), text) {
            Ok(scene) => self.replace_scene(ctx, scene, None),
            Err(e) => self.show_error("Could not create a scene", e.to_string()),
        }
    }

    /// Select a language and keep the plots and matrix on it.
    pub fn select_language(&mut self, index: usize) {
        if index < self.work.languages.len() {
            self.work.language = index;
            if let Some(Selection::Measure(e)) = &mut self.view.selection {
                e.language = index;
            }
        }
    }

    /// Set a technology's level in the scene (an undoable edit).
    pub fn set_technology(&mut self, ctx: &egui::Context, id: TechId, level: TechLevel) {
        if self.scene().world.technologies.level(id) == level {
            return;
        }
        let Some(name) = self
            .scene()
            .world
            .technologies
            .iter()
            .nth(id)
            .map(|(name, _)| name.to_owned())
        else {
            return;
        };
        let changed = self.work.document.edit("technology", |file| {
            file.technologies.insert(name, level) != Some(level)
        });
        match changed {
            Ok(true) => self.scene_changed(ctx),
            Ok(false) => {}
            Err(e) => self.show_error("Could not change the technology", e.to_string()),
        }
    }

    /// Set the effect budget (an undoable edit; a drag is one step).
    pub fn set_budget(&mut self, ctx: &egui::Context, bits: f64) {
        let bits = bits.max(0.0);
        // A drag is one undo step: the side panel ends it when the drag stops.
        self.work.document.begin_edit("budget");
        let changed = self.work.document.edit("budget", |file| {
            file.budgets
                .insert(Measure::EffectDl.key().to_owned(), bits)
                != Some(bits)
        });
        if let Err(e) = changed {
            self.show_error("Could not change the budget", e.to_string());
            return;
        }
        // Only the verdicts depend on the budget: judge what was measured again, so a
        // drag never restarts the measuring. A scoring run still under way is judged
        // when it arrives.
        let budget = self.budget();
        if let Some(scores) = &mut self.results.scores {
            for (_, score) in &mut scores.per_language {
                score.judge(budget);
            }
        }
        ctx.request_repaint();
    }
}

/// The scene File ▸ New starts from: a small room with a goal cell.
pub const NEW_SCENE_RON: &str = include_str!("../../assets/new_scene.ron");
