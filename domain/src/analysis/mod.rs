//! Analyses built from the world, the languages and the measures: scoring a scene's
//! plans under one language and technology setting, with verdicts.

pub mod names;
mod options;
mod score;
mod setting;

pub use options::{FormalismChoice, MeasureOptions};
pub use score::{
    EffectBdm, PlanScore, SceneScore, SequenceScore, Verdict, effect_bdm, score_plan, score_scene,
};
pub use setting::{BdmSetting, Setting, SettingError};
