//! The explorer's technology work: the commodification and availability sweeps of the
//! technologies window (started whenever what they depend on changes while the window is
//! open; both take milliseconds, so no settling is needed), and the searched choice
//! (started on request: it runs the language's programs).

use super::*;
use crate::app::state::{SearchInputs, SearchedRun, TechInputs, TechRun};
use ladders_domain::analysis::{
    AvailabilitySpace, ChoiceError, ChoiceOptions, resolve_order, searched_choice, tech_sweep,
};
use ladders_domain::measures::ProgramError;
use ladders_domain::measures::ProgramLimits;
use ladders_domain::scene::Plan;

impl Explorer {
    /// What the technologies window's sweeps depend on now.
    pub fn tech_inputs(&self) -> TechInputs {
        let settings = &self.view.technologies;
        let world = &self.scene().world;
        TechInputs {
            scene: self.scene_version,
            languages: self.work.languages.iter().map(|l| l.id).collect(),
            language: self.current_language().map(|l| l.id),
            order: settings.order_in(world),
            continuous: settings.continuous_in(world),
            measure: settings.measure,
        }
    }

    /// Start the sweeps if the window is open and they are out of date.
    pub fn refresh_technologies(&mut self, ctx: &egui::Context) {
        if !self.view.technologies.open || self.work.languages.is_empty() {
            return;
        }
        let inputs = self.tech_inputs();
        let current = self
            .results
            .tech
            .as_ref()
            .is_some_and(|t| t.inputs == inputs);
        if current || self.tech_started.as_ref() == Some(&inputs) {
            return;
        }
        self.tech_started = Some(inputs.clone());
        let scene = self.scene().clone();
        let languages: Vec<Language> = self
            .work
            .languages
            .iter()
            .map(|l| l.language.clone())
            .collect();
        let current = self.current_language().map(|l| l.language.clone());
        self.jobs.start(
            JobKind::Technologies,
            ctx,
            "Sweeping the technologies",
            Delivery::Technologies,
            move |control| {
                let keep_going = |f: f64| {
                    control.set_progress(f as f32 * 0.5);
                    !control.is_cancelled()
                };
                let sweep = resolve_order(&scene.world, &inputs.order)
                    .and_then(|order| tech_sweep(&scene, &languages, &order, &keep_going))
                    .map_err(|e| e.to_string());
                if control.is_cancelled() {
                    return None;
                }
                let availability = match (&inputs.continuous, current) {
                    (Some(tech), Some(language)) => Some(
                        AvailabilitySpace::new(&scene, &language, tech, None)
                            .and_then(|space| space.sweep(inputs.measure))
                            .map_err(|e| e.to_string()),
                    ),
                    _ => None,
                };
                if control.is_cancelled() {
                    return None;
                }
                Some(Box::new(TechRun {
                    inputs,
                    sweep,
                    availability,
                }))
            },
        );
    }

    /// What a searched choice would be computed from now.
    pub fn search_inputs(&self) -> Option<SearchInputs> {
        Some(SearchInputs {
            scene: self.scene_version,
            language: self.current_language()?.id,
            measure: self.view.search_measure.unwrap_or(Measure::EffectDl),
        })
    }

    /// The searched choice, when it was computed for the scene and language shown.
    pub fn current_search(&self) -> Option<&SearchedRun> {
        let inputs = self.search_inputs()?;
        self.results
            .searched
            .as_ref()
            .filter(|r| r.inputs.scene == inputs.scene && r.inputs.language == inputs.language)
    }

    /// The scored plan the searched choice found, shown as the matrix's last column.
    pub fn searched_plan(&self) -> Option<&ladders_domain::analysis::PlanScore> {
        let run = self.current_search()?;
        run.result
            .as_ref()
            .ok()?
            .found
            .as_ref()
            .map(|f| &f.plan_score)
    }

    /// Whether a searched choice is being computed.
    pub fn search_running(&self) -> bool {
        self.jobs.is_running(JobKind::Search)
    }

    /// Search the current language's programs for the agent's choice in the background.
    pub fn search_choice(&mut self, ctx: &egui::Context) {
        let Some(inputs) = self.search_inputs() else {
            return;
        };
        let Some(language) = self.current_language().map(|l| l.language.clone()) else {
            return;
        };
        let scene = self.scene().clone();
        let budget = self.budget();
        let limits = ProgramLimits {
            work: self.work.measure_options.work_limit,
            memory: MemoryBudget::default(),
        };
        let label = format!(
            "Searching the programs of {} for the lowest {}",
            language.name,
            inputs.measure.short()
        );
        self.jobs.start(
            JobKind::Search,
            ctx,
            label,
            Delivery::Searched,
            move |control| {
                let setting =
                    Setting::with_levels(language, scene.world.technologies.clone(), budget);
                let options = ChoiceOptions::new(limits);
                let result = searched_choice(&scene, &setting, inputs.measure, &options, &|f| {
                    control.set_progress(f as f32);
                    !control.is_cancelled()
                });
                match result {
                    Err(ChoiceError::Program(ProgramError::Cancelled)) => None,
                    other => Some(Box::new(SearchedRun {
                        inputs,
                        result: other.map_err(|e| e.to_string()),
                    })),
                }
            },
        );
    }

    /// Add the searched plan to the scene under a new name (an undoable edit).
    pub fn add_searched_plan(&mut self, ctx: &egui::Context) {
        let Some(run) = self.current_search() else {
            return;
        };
        let Ok(choice) = &run.result else { return };
        let Some(found) = &choice.found else { return };
        let base = format!("searched_{}", choice.measure.short());
        let taken = |name: &str| self.scene().plans.iter().any(|p| p.name == name);
        let name = std::iter::once(base.clone())
            .chain((2..).map(|i| format!("{base}_{i}")))
            .find(|n| !taken(n))
            .unwrap_or(base);
        let mut plan: Plan = found.plan(&name);
        if plan.description.is_empty() {
            plan.description = format!(
                "Found by searching the programs of {} for the lowest {}.",
                choice.language,
                choice.measure.label()
            );
        }
        let label = format!("add plan {name}");
        let changed = self.work.document.edit(&label, |file| {
            file.plans.push(plan);
            true
        });
        match changed {
            Ok(_) => {
                self.scene_changed(ctx);
                // The new plan is the scene's last: play it.
                let last = self.scene().plans.len().saturating_sub(1);
                self.view.playback.select(last);
            }
            Err(e) => self.show_error("Could not add the plan", e.to_string()),
        }
    }
}
