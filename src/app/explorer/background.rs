//! The explorer's background work: starting the jobs (scoring, impact, loading, saving,
//! comparing languages, the robustness sweep) and applying what they deliver.

use super::*;
use crate::app::state::{AdversaryMade, CompareInputs, ComparedLanguages, SweepRun};
use ladders_domain::analysis::{
    CompareOptions, Shard, SweepOptions, SweepSpace, compare_languages,
};

impl Explorer {
    /// Recompute every language's scores in the background, dropping any older run.
    pub fn rescore(&mut self, ctx: &egui::Context) {
        self.measurements_started += 1;
        self.scoring_for = self.scene_version;
        let scene = self.work.document.scene().clone();
        let languages: Vec<(LanguageId, Language)> = self
            .work
            .languages
            .iter()
            .map(|l| (l.id, l.language.clone()))
            .collect();
        let budget = self.budget();
        let options = self.work.measure_options.clone();
        self.jobs.start_streaming(
            JobKind::Scoring,
            ctx,
            "Scoring plans",
            move |control, partials| {
                let mut per_language = Vec::with_capacity(languages.len());
                for (i, (id, language)) in languages.into_iter().enumerate() {
                    if control.is_cancelled() {
                        return None;
                    }
                    let mut setting =
                        Setting::with_levels(language, scene.world.technologies.clone(), budget);
                    setting.stream = options.stream;
                    setting.codec = options.codec;
                    setting.bdm = options.bdm.clone();
                    let score = score_scene(&scene, &setting);
                    // Each language's scores show as soon as they are in.
                    partials.send(Delivery::LanguageScored(id, score.clone()));
                    per_language.push((id, score));
                    control.set_progress((i + 1) as f32 / per_language.capacity().max(1) as f32);
                }
                Some(Delivery::Scores(Scores { per_language }))
            },
        );
    }

    /// Recompute everything that depends on the scene itself: the scores and the impact
    /// measures.
    pub fn scene_changed(&mut self, ctx: &egui::Context) {
        self.scene_version += 1;
        self.forget_programs();
        self.rescore(ctx);
        self.recompute_impact(ctx);
    }

    /// Recompute the impact columns in the background (the scene or their options changed).
    pub fn recompute_impact(&mut self, ctx: &egui::Context) {
        let chosen = self.work.impact_options.clone();
        let scene = self.work.document.scene().clone();
        self.jobs.start(
            JobKind::Impact,
            ctx,
            "Computing impact measures",
            Delivery::Impact,
            move |control| {
                let measures: Vec<ImpactMeasure> = IMPACT_MEASURES.iter().map(|m| m.0).collect();
                let bounds = ImpactBounds {
                    states: GUI_STATE_BUDGET,
                    value_states: GUI_VALUE_STATES,
                };
                impact_table(
                    &scene,
                    &chosen,
                    &measures,
                    bounds,
                    &MemoryBudget::default(),
                    &|f| {
                        control.set_progress(f as f32);
                        !control.is_cancelled()
                    },
                )
            },
        );
    }

    /// What a comparison of the loaded languages would be computed from now.
    pub fn compare_inputs(&self) -> CompareInputs {
        CompareInputs {
            scene: self.scene_version,
            languages: self.work.languages.iter().map(|l| l.id).collect(),
            budget: self.budget(),
            random_plans: self.view.compare.random_plans,
            seed: self.view.compare.seed,
        }
    }

    /// While the comparison window is open, compare the languages again in the background
    /// whenever what the comparison depends on changed; the old one stays shown meanwhile.
    pub fn refresh_comparison(&mut self, ctx: &egui::Context) {
        if !self.view.compare.open || self.work.languages.is_empty() {
            self.compare_pending = None;
            return;
        }
        let inputs = self.compare_inputs();
        let current = self
            .results
            .comparison
            .as_ref()
            .is_some_and(|c| c.inputs == inputs);
        if current || self.compare_started.as_ref() == Some(&inputs) {
            self.compare_pending = None;
            return;
        }
        // With a comparison already shown, wait for the inputs to settle (a drag of the
        // budget or of the number of random plans changes them every frame).
        if self.results.comparison.is_some() {
            let now = std::time::Instant::now();
            let since = match &self.compare_pending {
                Some((pending, since)) if *pending == inputs => *since,
                _ => now,
            };
            let waited = now.duration_since(since);
            if waited < COMPARE_SETTLE {
                self.compare_pending = Some((inputs, since));
                ctx.request_repaint_after(COMPARE_SETTLE - waited);
                return;
            }
        }
        self.compare_pending = None;
        self.start_comparison(ctx, inputs);
    }

    /// Compare the languages with `inputs` in the background, dropping any older run.
    fn start_comparison(&mut self, ctx: &egui::Context, inputs: CompareInputs) {
        self.compare_started = Some(inputs.clone());
        let scene = self.scene().clone();
        let languages: Vec<Language> = self
            .work
            .languages
            .iter()
            .map(|l| l.language.clone())
            .collect();
        let options = CompareOptions {
            random_plans: inputs.random_plans,
            seed: inputs.seed,
            technologies: scene.world.technologies.clone(),
            budget: inputs.budget,
        };
        self.jobs.start(
            JobKind::Compare,
            ctx,
            "Comparing languages",
            move |comparison| Delivery::Compared(inputs, Box::new(comparison)),
            move |control| {
                compare_languages(&scene, &languages, &options, &|done, total| {
                    control.set_progress(done as f32 / total.max(1) as f32);
                    !control.is_cancelled()
                })
                .ok()
            },
        );
    }

    /// Sweep random languages around the current one in the background, radius by radius,
    /// replacing the last sweep.
    pub fn run_sweep(&mut self, ctx: &egui::Context) {
        let Some(base) = self.current_language().cloned() else {
            return;
        };
        let settings = &self.view.compare;
        let languages = settings.sweep_languages;
        let radii = settings.radii.clone();
        let budget = self.budget();
        let scene = self.scene().clone();
        let seed = settings.seed;
        self.results.sweep = Some(SweepRun {
            around: base.id,
            around_name: base.language.name.clone(),
            scene: self.scene_version,
            budget,
            languages,
            radii: radii.clone(),
            sweep: None,
            error: None,
            ended: false,
        });
        let label = format!("Sweeping languages around {}", base.language.name);
        self.jobs
            .start_streaming(JobKind::Sweep, ctx, label, move |control, partials| {
                let technologies = scene.world.technologies.clone();
                let ended = (|| {
                    let space = SweepSpace::new(&scene, &base.language, &technologies, budget)?;
                    let steps = radii.len().max(1) as f32;
                    // One radius at a time, so that each shows as soon as it is in.
                    for (i, &radius) in radii.iter().enumerate() {
                        let options = SweepOptions {
                            languages,
                            seed,
                            radii: vec![radius],
                            shard: Shard::WHOLE,
                            technologies: technologies.clone(),
                            budget,
                        };
                        let sweep = space.run(&options, &|done, total| {
                            let within = done as f32 / total.max(1) as f32;
                            control.set_progress((i as f32 + within) / steps);
                            !control.is_cancelled()
                        })?;
                        partials.send(Delivery::SweepRadius(Box::new(sweep)));
                    }
                    Ok::<(), ladders_domain::analysis::SweepError>(())
                })();
                match ended {
                    Err(ladders_domain::analysis::SweepError::Cancelled) => None,
                    other => Some(Delivery::SweepEnded(other.map_err(|e| e.to_string()))),
                }
            });
    }

    /// Stop the robustness sweep; the radii already in stay.
    pub fn cancel_sweep(&mut self) {
        self.jobs.cancel(JobKind::Sweep);
        if let Some(run) = &mut self.results.sweep
            && !run.ended
        {
            run.ended = true;
            run.error = Some("cancelled".to_owned());
        }
    }

    /// Collect finished jobs and apply their results.
    pub fn poll_jobs(&mut self, ctx: &egui::Context) {
        for delivery in self.jobs.poll() {
            self.delivered(ctx, delivery);
        }
    }

    /// Apply what a job delivered.
    fn delivered(&mut self, ctx: &egui::Context, delivery: Delivery) {
        match delivery {
            Delivery::Impact(table) => self.results.impacts = Some(table),
            Delivery::LanguageScored(id, mut score) => {
                // The budget may have moved while it ran.
                score.judge(self.budget());
                self.results.scores_scene = self.scoring_for;
                let scores = self.results.scores.get_or_insert_with(|| Scores {
                    per_language: Vec::new(),
                });
                match scores.per_language.iter_mut().find(|(of, _)| *of == id) {
                    Some(entry) => entry.1 = score,
                    None => scores.per_language.push((id, score)),
                }
            }
            Delivery::Scores(mut scores) => {
                let budget = self.budget();
                for (_, score) in &mut scores.per_language {
                    score.judge(budget);
                }
                self.results.scores = Some(scores);
                self.results.scores_scene = self.scoring_for;
                self.apply_wanted();
                self.view.playback.clamp(self.plan_lengths());
            }
            Delivery::SceneLoaded(Ok((scene, path))) => self.replace_scene(ctx, scene, Some(path)),
            Delivery::SceneLoaded(Err(message)) => {
                self.show_error("Could not open the scene", message)
            }
            Delivery::SceneSaved(Ok((revision, path))) => {
                self.preferences.add_recent(&path);
                self.preferences.last_scene = Some(path.clone());
                self.work.document.mark_saved(path, revision);
                self.stamp_disk();
                if !self.work.document.is_modified() {
                    self.discard_recovery();
                }
            }
            Delivery::SceneSaved(Err(message)) => {
                self.show_error("Could not save the scene", message)
            }
            Delivery::LanguageSaved(Ok((revision, path))) => self.language_saved(revision, path),
            Delivery::LanguageSaved(Err(message)) => {
                self.show_error("Could not save the language", message)
            }
            Delivery::LanguageLoaded(Ok((language, source))) => {
                self.language_loaded(ctx, language, source)
            }
            Delivery::LanguageLoaded(Err(message)) => {
                self.show_error("Could not load the language", message)
            }
            Delivery::Programs(id, run) => self.programs_delivered(id, run),
            Delivery::Table(table) => self.table_delivered(ctx, table),
            Delivery::Compared(inputs, comparison) => {
                self.results.comparison = Some(ComparedLanguages {
                    inputs,
                    comparison: *comparison,
                });
            }
            Delivery::SweepRadius(step) => {
                if let Some(run) = &mut self.results.sweep {
                    match &mut run.sweep {
                        Some(sweep) => sweep.radii.extend(step.radii),
                        None => run.sweep = Some(*step),
                    }
                }
            }
            Delivery::Technologies(run) => self.results.tech = Some(*run),
            Delivery::Searched(run) => self.results.searched = Some(*run),
            Delivery::SweepEnded(ended) => {
                if let Some(run) = &mut self.results.sweep {
                    run.ended = true;
                    run.error = ended.err();
                }
            }
        }
    }

    /// A language file was read: add it to the picker and select it.
    /// Add one word for `plan` (or its effect) to the current language, at `bits` bits, and
    /// load the result beside it as `BASE+WORD`; the scoring job then measures it. Making
    /// the word is a few microseconds (one language checked), so it runs here.
    pub(super) fn add_adversarial_word(
        &mut self,
        ctx: &egui::Context,
        plan: &str,
        effect: bool,
        bits: f64,
    ) {
        use ladders_domain::analysis::adversary_target;
        use ladders_domain::language::adversarial_word;
        let Some(base) = self.work.languages.get(self.work.language) else {
            return;
        };
        let scene = self.scene();
        let technologies = &scene.world.technologies;
        let made = adversary_target(scene, technologies, plan, effect)
            .and_then(|target| adversarial_word(&base.language, &scene.world, &target, bits));
        let adversary = match made {
            Ok(adversary) => adversary,
            Err(why) => {
                return self.show_error("Could not add the adversarial word", why.to_string());
            }
        };
        let record = AdversaryMade {
            base: base.id,
            made: base.id,
            plan: plan.to_owned(),
            word: adversary.word.clone(),
            bits,
            delta: adversary.delta,
            vocabulary: adversary.vocabulary,
            effective_base: base.language.for_levels(technologies),
        };
        let mut language = adversary.language;
        language.name = format!("{}+{}", base.language.name, adversary.word);
        let source = format!("{} with an adversarial word", base.language.name);
        self.language_loaded(ctx, language, source);
        let made = self.work.languages.get(self.work.language).map(|l| l.id);
        self.results.adversary = made.map(|made| AdversaryMade { made, ..record });
    }

    fn language_loaded(&mut self, ctx: &egui::Context, language: Language, source: String) {
        // A language already listed is replaced where it is, so the others keep their
        // places; its new id leaves its old scores unshown.
        let loaded = LoadedLanguage {
            id: self.language_id(),
            language,
            source,
        };
        let listed = self
            .work
            .languages
            .iter()
            .position(|l| l.language.name == loaded.language.name);
        self.work.language = match listed {
            Some(index) => {
                self.work.languages[index] = loaded;
                index
            }
            None => {
                self.work.languages.push(loaded);
                self.work.languages.len() - 1
            }
        };
        self.rescore(ctx);
    }

    /// Read and validate a scene file in the background.
    pub fn start_load(&mut self, ctx: &egui::Context, path: PathBuf) {
        let label = format!("Opening {}", path.display());
        self.jobs.start(
            JobKind::LoadScene,
            ctx,
            label,
            Delivery::SceneLoaded,
            move |_| {
                Some(
                    ladders_domain::scene::load(&path)
                        .map(|s| (s, path))
                        .map_err(|e| e.to_string()),
                )
            },
        );
    }

    /// Write the scene to `path` atomically in the background.
    pub fn start_save(&mut self, ctx: &egui::Context, path: PathBuf) {
        let scene = self.work.document.scene().clone();
        // Edits made while it is written stay unsaved.
        let revision = self.work.document.revision();
        let label = format!("Saving {}", path.display());
        self.jobs.start(
            JobKind::SaveScene,
            ctx,
            label,
            Delivery::SceneSaved,
            move |_| {
                Some(
                    ladders_domain::scene::save(&path, &scene)
                        .map(|()| (revision, path))
                        .map_err(|e| e.to_string()),
                )
            },
        );
    }

    /// Read a language file in the background and add it to the picker.
    pub fn start_language_load(&mut self, ctx: &egui::Context, path: PathBuf) {
        let label = format!("Loading {}", path.display());
        self.jobs.start(
            JobKind::LoadLanguage,
            ctx,
            label,
            Delivery::LanguageLoaded,
            move |_| {
                Some(
                    ladders_domain::language::load(&path)
                        .map(|language| (language, path.display().to_string()))
                        .map_err(|e| e.to_string()),
                )
            },
        );
    }
}
