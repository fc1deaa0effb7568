//! Analyses built from the world, the languages and the measures: scoring a scene's
//! plans under one language and technology setting, with verdicts.

mod adversary;
mod compare;
mod impact_table;
pub mod names;
mod options;
mod programs;
mod random_plans;
mod score;
mod setting;
mod sweep;

pub use adversary::{AdversaryOutcome, adversary_outcome, adversary_target, growth_bound};
pub use compare::{
    COMPARED, CompareError, CompareOptions, Comparison, Flip, Invariance, MAX_COMPARE_CELLS,
    MeasureComparison, Object, Phrasebook, centre, compare_languages, kendall_tau,
};
pub use impact_table::{ImpactBounds, ImpactTable, impact_table};
pub use options::{FormalismChoice, MeasureOptions};
pub use programs::{ProgramBounds, ProgramMeasures, ProgramStage, program_measures};
pub use random_plans::{MAX_RANDOM_PLANS, RANDOM_PLAN_LENGTH, random_plan};
pub use score::{
    EffectBdm, PlanScore, SceneScore, SequenceScore, Verdict, effect_bdm, score_plan, score_scene,
    within_budget,
};
pub use setting::{BdmSetting, Setting, SettingError, parse_level};
pub use sweep::{
    HOLDS, Histogram, Lengths, MAX_RADII, MAX_SWEEP_LANGUAGES, PlanSweep, RadiusSweep, Shard,
    Sweep, SweepError, SweepOptions, SweepSpace, check as check_sweep,
};
