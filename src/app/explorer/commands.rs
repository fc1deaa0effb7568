//! The explorer's commands and actions: the one place what the user asks for changes
//! the state.

use super::*;

impl Explorer {
    /// Apply the views' actions, the queued ones and the shortcuts pressed this frame.
    pub fn run_commands(&mut self, ctx: &egui::Context, from_views: Vec<Action>) {
        let mut actions = from_views;
        actions.append(&mut self.actions);
        if self.view.modal.is_none() && self.view.file_dialog.is_none() {
            // The recorder takes its keys first: its arrows are not playback's.
            self.record_keys(ctx);
            actions.extend(Command::pressed(ctx).into_iter().map(Action::Run));
        }
        if !actions.is_empty() {
            // The frame was drawn before them: draw their effect.
            ctx.request_repaint();
        }
        for action in actions {
            self.apply(ctx, action);
        }
        self.refresh_editing(ctx);
        self.refresh_language_editing(ctx);
        self.refresh_comparison(ctx);
        self.refresh_technologies(ctx);
    }

    /// Carry out one action: the one place the views' requests change the state.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(command) if command.enabled(self) => self.run(ctx, command),
            Action::Run(_) => {}
            Action::SelectLanguage(index) => self.select_language(index),
            Action::SelectPlan(index) if index < self.plan_lengths().len() => {
                self.view.playback.select(index)
            }
            Action::SelectPlan(_) => {}
            Action::ToggleSelection(selection) => self.toggle_selection(selection),
            Action::SetBudget(bits) => self.set_budget(ctx, bits),
            Action::EndEdit => self.work.document.end_edit(),
            Action::Open(path) => self.request_open(ctx, path),
            Action::SetTechnology(id, level) => self.set_technology(ctx, id, level),
            Action::SetImpactOptions(options) if options != self.work.impact_options => {
                self.work.impact_options = options;
                self.recompute_impact(ctx);
            }
            Action::SetImpactOptions(_) => {}
            Action::SetMeasureOptions(options) => self.set_measure_options(ctx, *options),
            Action::ToggleHeatMap { plan, kind } => self.toggle_heat_map(plan, kind),
            Action::HideHeatMap => self.results.heat_map = None,
            Action::SetStep(step) => {
                let length = self.plan_length(self.view.playback.plan);
                self.view.playback.step = step.min(length);
                self.view.playback.playing = false;
            }
            Action::SetSpeed(speed) => {
                self.view.playback.speed = speed;
                self.preferences.playback_speed = speed;
            }
            Action::SetPreferences(preferences) => self.preferences = *preferences,
            Action::CloseModal => self.view.modal = None,
            Action::Discard(pending) => {
                self.view.modal = None;
                if self
                    .work
                    .language_edits
                    .as_ref()
                    .is_some_and(|e| e.is_modified())
                {
                    // Dropped on purpose, with the scene's changes.
                    self.work.language_edits = None;
                }
                self.resolve_pending(ctx, pending);
            }
            Action::FileChosen(purpose, path) => {
                self.view.file_dialog = None;
                self.file_chosen(ctx, purpose, path);
            }
            Action::CloseFileDialog => self.view.file_dialog = None,
            Action::CancelJobs => self.cancel_jobs(),
            Action::SetCompare(settings) => self.view.compare = *settings,
            Action::AddAdversarialWord { plan, effect, bits } => {
                self.add_adversarial_word(ctx, &plan, effect, bits)
            }
            Action::CompareAgain => self.compare_started = None,
            Action::RunSweep => self.run_sweep(ctx),
            Action::CancelSweep => self.cancel_sweep(),
            Action::SetTechSettings(settings) => self.view.technologies = *settings,
            Action::SetSearchMeasure(measure) => {
                if self.view.search_measure != Some(measure) {
                    self.view.search_measure = Some(measure);
                    self.search_choice(ctx);
                }
            }
            Action::AddSearchedPlan => self.add_searched_plan(ctx),
            Action::CancelSearch => self.jobs.cancel(JobKind::Search),
            Action::NewFromTemplate(template) => self.request_new(ctx, template),
            Action::EditScene(change) => self.change_scene(ctx, &change),
            Action::BeginEdit(label) => self.work.document.begin_edit(&label),
            Action::SetEditor(state) => self.view.editor = *state,
            Action::SelectForEditing(selected) => self.view.editor.selected = selected,
            Action::SetRecorder(state) => self.view.recorder = *state,
            Action::Restore(orphan) => {
                self.view.modal = None;
                self.restore(ctx, &orphan);
                self.offer_recovery_again();
            }
            Action::ForgetRecovery(orphan) => {
                self.view.modal = None;
                self.forget_orphan(&orphan);
                self.offer_recovery_again();
            }
            Action::EditLanguage(change) => self.change_language(ctx, &change),
            Action::BeginLanguageEdit(label) => self.begin_language_edit(&label),
            Action::EndLanguageEdit => self.end_language_edit(),
            Action::UndoLanguage => self.undo_language(ctx, true),
            Action::RedoLanguage => self.undo_language(ctx, false),
            Action::SaveLanguageAs => {
                let name = self
                    .work
                    .language_edits
                    .as_ref()
                    .map_or_else(String::new, |e| {
                        e.path().and_then(Path::file_name).map_or_else(
                            || format!("{}.ron", e.draft().name),
                            |n| n.to_string_lossy().into_owned(),
                        )
                    });
                self.view.file_dialog = Some(FileDialog::new(
                    Purpose::SaveLanguage,
                    self.start_dir(),
                    &name,
                ));
            }
            Action::UseLanguageInScene => self.use_language_in_scene(ctx),
            Action::ReloadFromDisk => {
                self.view.modal = None;
                self.reload_from_disk(ctx);
            }
        }
    }

    fn start_dir(&self) -> PathBuf {
        self.work
            .document
            .path()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(
                || std::env::current_dir().unwrap_or_default(),
                Path::to_owned,
            )
    }

    /// Run one command.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        let plans = self.scene().plans.len();
        match command {
            Command::New => self.request_new(ctx, 0),
            Command::Open => {
                self.view.file_dialog =
                    Some(FileDialog::new(Purpose::OpenScene, self.start_dir(), ""))
            }
            Command::Save => match self.work.document.path().map(Path::to_owned) {
                Some(path) => self.start_save(ctx, path),
                None => self.run(ctx, Command::SaveAs),
            },
            Command::SaveAs => {
                let name = self.work.document.title();
                self.view.file_dialog =
                    Some(FileDialog::new(Purpose::SaveScene, self.start_dir(), &name));
            }
            Command::LoadLanguage => {
                let dir = std::env::current_dir()
                    .unwrap_or_default()
                    .join("assets/languages");
                let dir = if dir.is_dir() { dir } else { self.start_dir() };
                self.view.file_dialog = Some(FileDialog::new(Purpose::OpenLanguage, dir, ""));
            }
            Command::Quit if self.has_unsaved() => {
                self.view.modal = Some(Modal::ConfirmDiscard(Pending::Quit))
            }
            Command::Quit => self.resolve_pending(ctx, Pending::Quit),
            Command::Undo => {
                if self.work.document.undo() {
                    self.scene_edited(ctx);
                }
            }
            Command::Redo => {
                if self.work.document.redo() {
                    self.scene_edited(ctx);
                }
            }
            Command::ToggleEditor => {
                self.view.editor.open ^= true;
                self.view.editor.refusal = None;
                if self.view.editor.open {
                    self.preferences.show_side_panel = true;
                }
            }
            Command::RecordPlan => self.toggle_recording(ctx),
            Command::PlayPause => self
                .view
                .playback
                .toggle(self.plan_length(self.view.playback.plan)),
            Command::StepForward => self
                .view
                .playback
                .step_by(1, self.plan_length(self.view.playback.plan)),
            Command::StepBack => self
                .view
                .playback
                .step_by(-1, self.plan_length(self.view.playback.plan)),
            Command::NextPlan if plans > 0 => {
                let next = (self.view.playback.plan + 1) % plans;
                self.view.playback.select(next);
            }
            Command::PreviousPlan if plans > 0 => {
                let previous = (self.view.playback.plan + plans - 1) % plans;
                self.view.playback.select(previous);
            }
            Command::NextPlan | Command::PreviousPlan => {}
            Command::NextLanguage if !self.work.languages.is_empty() => {
                self.select_language((self.work.language + 1) % self.work.languages.len());
            }
            Command::PreviousLanguage if !self.work.languages.is_empty() => {
                let n = self.work.languages.len();
                self.select_language((self.work.language + n - 1) % n);
            }
            Command::NextLanguage | Command::PreviousLanguage => {}
            Command::FitView => self.view.fit_requests += 1,
            Command::ToggleSidePanel => self.preferences.show_side_panel ^= true,
            Command::ToggleResults => self.preferences.show_results ^= true,
            Command::ToggleCompare => self.view.compare.open ^= true,
            Command::ToggleTechnologies => self.view.technologies.open ^= true,
            Command::EditLanguage => self.toggle_language_editor(),
            Command::SearchChoice => self.search_choice(ctx),
            Command::RunPrograms => self.run_programs(ctx),
            Command::ComputeTable => self.compute_table(ctx),
            Command::Shortcuts => self.view.modal = Some(Modal::Shortcuts),
            Command::About => self.view.modal = Some(Modal::About),
        }
    }

    /// A file chosen in the file dialog.
    pub fn file_chosen(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::OpenScene => self.request_open(ctx, path),
            Purpose::SaveScene => self.start_save(ctx, path),
            Purpose::OpenLanguage => self.start_language_load(ctx, path),
            Purpose::SaveLanguage => self.start_language_save(ctx, path),
        }
    }
}
