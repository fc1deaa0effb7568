//! The explorer's slow measures, run as background jobs: algorithmic probability and
//! search effort (the language's programs, both cores), a CTM table computed from a
//! machine formalism, and the ΔBDM heat map drawn over the grid.

use super::explorer::{Explorer, LanguageId};
use super::jobs::{Delivery, JobKind};
use ladders_domain::analysis::MeasureOptions;
use ladders_domain::analysis::Setting;
use ladders_domain::analysis::{ProgramBounds, ProgramMeasures, ProgramStage, program_measures};
use ladders_domain::complexity::{
    CtmTable, Decomposition, Dimensions, Formalism, table_from_formalism,
};
use ladders_domain::limits::MemoryBudget;
use ladders_domain::measures::{ProgramError, ProgramLimits};
use ladders_domain::world::VarKind;
use std::sync::Arc;

/// Algorithmic probability and search effort of every plan in one language.
pub type ProgramTable = ProgramMeasures;

/// What a program job ends with: the table, or the language and why it could not run
/// (its stack would not fit the memory budget).
pub type ProgramRun = Result<ProgramTable, (String, String)>;

/// ΔBDM of flipping each cell of one effect grid, drawn over the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatMap {
    /// Plan index.
    pub plan: usize,
    /// The variable kind whose grid it is.
    pub kind: VarKind,
    /// Grid size (padded to whole blocks).
    pub rows: usize,
    /// Grid size (padded to whole blocks).
    pub cols: usize,
    /// ΔBDM per cell, row-major, in bits.
    pub deltas: Vec<f64>,
}

impl HeatMap {
    /// The largest |ΔBDM|, for the colour scale.
    pub fn max_abs(&self) -> f64 {
        self.deltas.iter().fold(0.0, |m, d| m.max(d.abs()))
    }
}

impl Explorer {
    /// Drop program results and heat maps: the scene changed under them.
    pub fn forget_programs(&mut self) {
        self.results.programs.clear();
        self.results.heat_map = None;
        self.jobs.cancel(JobKind::Programs);
    }

    /// The program measures of the current language, if computed.
    pub fn current_programs(&self) -> Option<&ProgramTable> {
        let id = self.current_language()?.id;
        self.results
            .programs
            .iter()
            .find(|(of, _)| *of == id)
            .map(|(_, table)| table)
    }

    /// Whether the language's programs are being run.
    pub fn programs_running(&self) -> bool {
        self.jobs.is_running(JobKind::Programs)
    }

    /// Change the measure options; rescore if scoring depends on what changed.
    pub fn set_measure_options(&mut self, ctx: &egui::Context, options: MeasureOptions) {
        let rescore = self.work.measure_options.scoring_differs(&options);
        let programs_differ = self.work.measure_options.programs_differ(&options);
        self.work.measure_options = options;
        if programs_differ {
            self.forget_programs();
        }
        if rescore {
            self.results.heat_map = None;
            self.rescore(ctx);
        }
    }

    /// Enumerate the current language's programs in the background.
    pub fn run_programs(&mut self, ctx: &egui::Context) {
        let Some((id, language)) = self.current_language().map(|l| (l.id, l.language.clone()))
        else {
            return;
        };
        let scene = self.scene().clone();
        let bound = self.work.measure_options.probability_bound;
        let limit = self.work.measure_options.search_limit;
        // The same limits as the command line's defaults: a language with wide words
        // cannot hang the job or exhaust memory.
        let limits = ProgramLimits {
            work: self.work.measure_options.work_limit,
            memory: MemoryBudget::default(),
        };
        let budget = self.budget();
        let label = format!(
            "Running the programs of {} up to {bound} bits",
            language.name
        );
        self.jobs.start(
            JobKind::Programs,
            ctx,
            label,
            move |run| Delivery::Programs(id, run),
            move |control| {
                let setting =
                    Setting::with_levels(language, scene.world.technologies.clone(), budget);
                let bounds = ProgramBounds {
                    probability_bound: bound,
                    search_limit: limit,
                    limits,
                };
                // Enumeration is most of the work: 80% of the bar, the searches the rest.
                let progress = |stage| {
                    control.set_progress(match stage {
                        ProgramStage::Enumerating(f) => 0.8 * f as f32,
                        ProgramStage::Searching { done, of } => {
                            0.8 + 0.2 * done as f32 / of.max(1) as f32
                        }
                    });
                    !control.is_cancelled()
                };
                match program_measures(&scene, &setting, &bounds, &progress) {
                    Ok(measures) => Some(Ok(measures)),
                    Err(ProgramError::Cancelled) => None,
                    Err(e) => Some(Err((setting.language.name.clone(), e.to_string()))),
                }
            },
        );
    }

    /// Compute a 2D CTM table from the chosen machines in the background.
    pub fn compute_table(&mut self, ctx: &egui::Context) {
        let choice = self.work.measure_options.formalism;
        let formalism = Formalism {
            dimensions: Dimensions::Two,
            states: choice.states,
            max_steps: choice.max_steps,
            sample: None,
        };
        let label = format!(
            "Running every 2D Turing machine with {} states for up to {} steps",
            choice.states, choice.max_steps
        );
        self.jobs.start(
            JobKind::Table,
            ctx,
            label,
            Delivery::Table,
            move |control| {
                let table = table_from_formalism(&formalism, &|f| {
                    control.set_progress(f as f32);
                    !control.is_cancelled()
                });
                match table {
                    Ok(t) => Some(Ok(t)),
                    Err(_) if control.is_cancelled() => None,
                    Err(e) => Some(Err(e.to_string())),
                }
            },
        );
    }

    /// The program measures of a language arrived (or why they could not be had).
    pub(super) fn programs_delivered(&mut self, id: LanguageId, run: ProgramRun) {
        match run {
            Ok(table) => {
                self.results.programs.retain(|(of, _)| *of != id);
                self.results.programs.push((id, table));
            }
            Err((language, message)) => {
                self.view.modal = Some(super::explorer::Modal::Error {
                    title: format!("Could not run the programs of {language}"),
                    message,
                });
            }
        }
    }

    /// A computed CTM table arrived (or why it could not be had).
    pub(super) fn table_delivered(&mut self, ctx: &egui::Context, table: Result<CtmTable, String>) {
        match table {
            Ok(table) => {
                let table = Arc::new(table);
                self.results.computed_table = Some(Arc::clone(&table));
                let options = self.work.measure_options.with_table(table);
                self.set_measure_options(ctx, options);
            }
            Err(message) => {
                self.view.modal = Some(super::explorer::Modal::Error {
                    title: "Could not compute the CTM table".to_owned(),
                    message,
                });
            }
        }
    }

    /// Show (or hide, if shown) the ΔBDM map of one of a plan's effect grids.
    pub fn toggle_heat_map(&mut self, plan: usize, kind: VarKind) {
        if self
            .results
            .heat_map
            .as_ref()
            .is_some_and(|h| h.plan == plan && h.kind == kind)
        {
            self.results.heat_map = None;
            return;
        }
        let options = self.work.measure_options.bdm.clone();
        let Some(grid) = self
            .current_score()
            .and_then(|s| s.plans.get(plan))
            .and_then(|p| p.bdm.grids.iter().find(|(k, _, _)| *k == kind))
            .map(|(_, g, _)| g.clone())
        else {
            return;
        };
        // A few hundred cells: fast enough for the UI thread.
        let Ok(decomposition) =
            Decomposition::new(&grid, &options.table, options.block, options.partition)
        else {
            return;
        };
        self.results.heat_map = Some(HeatMap {
            plan,
            kind,
            rows: grid.rows(),
            cols: grid.cols(),
            deltas: decomposition.perturbation(&grid),
        });
    }
}
