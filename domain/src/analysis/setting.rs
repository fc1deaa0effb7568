//! A setting: the language, technology levels, budget and baseline a scene is scored under.

use crate::complexity::{Codec, CtmTable, Dimensions, Partition};
use crate::language::Language;
use crate::measures::{Measure, Stream};
use crate::scene::Scene;
use crate::world::{Baseline, TechLevel, TechLevels};
use std::sync::Arc;
use thiserror::Error;

/// Everything besides the scene that a score depends on.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    /// The language as given, before technology changes.
    pub language: Language,
    /// The language with the changes of every commodified technology applied.
    pub effective: Language,
    /// Technology levels.
    pub technologies: TechLevels,
    /// Budget for the effect description length, in bits.
    pub budget: f64,
    /// What effects are measured against.
    pub baseline: Baseline,
    /// The stream LZ76 and compressed size read.
    pub stream: Stream,
    /// The codec of compressed size: its language.
    pub codec: Codec,
    /// How BDM cuts the effect's grids, and the CTM table it prices blocks with.
    pub bdm: BdmSetting,
}

/// BDM's choices: block side, partition and the CTM table (the machine formalism).
#[derive(Clone, Debug, PartialEq)]
pub struct BdmSetting {
    /// Side of the square blocks (1 to 4).
    pub block: usize,
    /// How grids are cut.
    pub partition: Partition,
    /// The 2D CTM table.
    pub table: Arc<CtmTable>,
}

impl Default for BdmSetting {
    fn default() -> Self {
        Self {
            block: 4,
            partition: Partition::Ignore,
            table: CtmTable::shared(Dimensions::Two),
        }
    }
}

/// Why a setting does not fit a scene.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum SettingError {
    /// A technology the scene does not have.
    #[error("unknown technology `{name}`: the scene has {}", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownTechnology {
        /// The name given.
        name: String,
        /// The scene's technologies.
        known: Vec<String>,
    },
    /// A `TECH=LEVEL` that is not one.
    #[error("`{0}` is not TECH=LEVEL with LEVEL one of locked, available, commodified")]
    BadLevel(String),
    /// A budget that is not a non-negative number.
    #[error("the budget must be a non-negative number of bits, not {0}")]
    BadBudget(f64),
}

impl Setting {
    /// The scene's own setting in `language`: its technology levels and budget, with
    /// `commodify` raised to commodified and `budget` overriding the scene's.
    pub fn new(
        scene: &Scene,
        language: Language,
        commodify: &[String],
        budget: Option<f64>,
    ) -> Result<Self, SettingError> {
        Self::with_overrides(scene, language, &[], commodify, budget)
    }

    /// The scene's own setting in `language` with technologies set to levels first
    /// (`levels`, as from `--level paint=commodified`), then `commodify` raised to
    /// commodified, and `budget` overriding the scene's.
    pub fn with_overrides(
        scene: &Scene,
        language: Language,
        levels: &[(String, TechLevel)],
        commodify: &[String],
        budget: Option<f64>,
    ) -> Result<Self, SettingError> {
        let mut technologies = scene.world.technologies.clone();
        let overrides = levels
            .iter()
            .map(|(n, l)| (n, *l))
            .chain(commodify.iter().map(|n| (n, TechLevel::Commodified)));
        for (name, level) in overrides {
            let Some(id) = technologies.id(name) else {
                return Err(SettingError::UnknownTechnology {
                    name: name.clone(),
                    known: technologies.iter().map(|(n, _)| n.to_owned()).collect(),
                });
            };
            technologies.set(id, level);
        }
        let budget = match budget {
            Some(b) if !(b.is_finite() && b >= 0.0) => return Err(SettingError::BadBudget(b)),
            Some(b) => b,
            None => scene
                .budget(Measure::EffectDl)
                .unwrap_or(crate::scene::DEFAULT_EFFECT_BUDGET),
        };
        Ok(Self::with_levels(language, technologies, budget))
    }

    /// A setting from explicit technology levels; the language is
    /// [`Language::for_levels`] of them.
    pub fn with_levels(language: Language, technologies: TechLevels, budget: f64) -> Self {
        let effective = language.for_levels(&technologies);
        Self {
            language,
            effective,
            technologies,
            budget,
            baseline: Baseline::default(),
            stream: Stream::default(),
            codec: Codec::ALL[0],
            bdm: BdmSetting::default(),
        }
    }
}

/// `TECH=LEVEL` (`paint=commodified`) as a technology name and a level.
pub fn parse_level(text: &str) -> Result<(String, TechLevel), SettingError> {
    let bad = || SettingError::BadLevel(text.to_owned());
    let (name, level) = text.split_once('=').ok_or_else(bad)?;
    let level = TechLevel::from_name(level.trim()).ok_or_else(bad)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(bad());
    }
    Ok((name.to_owned(), level))
}
