//! Analyses built from the world, the languages and the measures: scoring a scene's
//! plans under one language and technology setting, with verdicts.

mod adversary;
mod availability;
mod choose;
mod compare;
mod impact_table;
pub mod names;
mod options;
mod programs;
mod random_plans;
mod score;
mod setting;
mod sweep;
mod tech_sweep;

pub use adversary::{AdversaryOutcome, adversary_outcome, adversary_target, growth_bound};
pub use availability::{
    AVAILABILITY_POINTS, Availability, AvailabilityError, AvailabilitySpace, SWITCH_TOLERANCE,
    Switch,
};
pub use choose::{
    ChoiceBound, ChoiceError, ChoiceOptions, DEFAULT_CHOICE_BOUND, DEFAULT_CHOICE_SEARCH_LIMIT,
    FoundPlan, SEARCHED_PLAN_NAME, ScenePlanValue, SearchedChoice, searched_choice,
};
pub use compare::{
    COMPARED, CompareError, CompareOptions, Comparison, Flip, Invariance, MAX_COMPARE_CELLS,
    MeasureComparison, Object, Phrasebook, centre, compare_languages, kendall_tau,
};
pub use impact_table::{ImpactBounds, ImpactTable, impact_table};
pub use options::{FormalismChoice, MeasureOptions};
pub use programs::{ProgramBounds, ProgramMeasures, ProgramStage, program_measures};
pub use random_plans::{MAX_RANDOM_PLANS, RANDOM_PLAN_LENGTH, random_plan};
pub use score::{
    CHOICE_TIE, ChoiceCandidate, EffectBdm, PlanScore, SceneScore, SequenceScore, Verdict,
    agent_choice, choice_budget, effect_bdm, score_plan, score_scene, within_budget,
};
pub use setting::{BdmSetting, Setting, SettingError, parse_level};
pub use sweep::{
    HOLDS, Histogram, Lengths, MAX_RADII, MAX_SWEEP_LANGUAGES, PlanSweep, RadiusSweep, Shard,
    Sweep, SweepError, SweepOptions, SweepSpace, check as check_sweep,
};
pub use tech_sweep::{
    Crossover, MAX_TECH_SWEEP_LANGUAGES, TechStep, TechSweep, TechSweepError, crossovers,
    default_order, resolve_order, step_levels, tech_sweep,
};
