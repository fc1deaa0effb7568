//! Analyses built from the world, the languages and the measures: scoring a scene's
//! plans under one language and technology setting, with verdicts.

mod impact_table;
pub mod names;
mod options;
mod programs;
mod score;
mod setting;

pub use impact_table::{ImpactBounds, ImpactTable, impact_table};
pub use options::{FormalismChoice, MeasureOptions};
pub use programs::{ProgramBounds, ProgramMeasures, ProgramStage, program_measures};
pub use score::{
    EffectBdm, PlanScore, SceneScore, SequenceScore, Verdict, effect_bdm, score_plan, score_scene,
    within_budget,
};
pub use setting::{BdmSetting, Setting, SettingError};
