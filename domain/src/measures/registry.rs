//! The measures, each described once: its key in JSON and budgets, its names, unit, what
//! makes it relative to a language, whether a scene may budget it, whether scoring
//! computes it at once, and its colour in plots. A new measure is its algorithm plus one
//! entry in [`measures!`]: the enum, [`Measure::ALL`] and every description come from
//! the entry, and `Measure::info`'s match makes the compiler ask for all of it.

use serde::Serialize;

/// Everything a front end or a file needs to know about one measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasureInfo {
    /// Key in JSON, budgets and `--evidence`.
    pub key: &'static str,
    /// Short column header.
    pub short: &'static str,
    /// Human name.
    pub label: &'static str,
    /// The unit of its value.
    pub unit: &'static str,
    /// What makes it relative to a language.
    pub relative_through: &'static str,
    /// Whether a scene may set a budget for it (and so a verdict is judged for it).
    pub budgeted: bool,
    /// Whether scoring computes it at once; the others run the language's programs and
    /// are computed on request.
    pub scored: bool,
    /// Its colour (sRGB) in the bar chart, if it is plotted there (the measures in bits
    /// that compare on one axis).
    pub plot_colour: Option<[u8; 3]>,
}

/// Declares the enum, its list and its descriptions from one list of entries.
macro_rules! measures {
    ($($(#[$doc:meta])* $variant:ident => $info:expr,)*) => {
        /// The measures, by their names in JSON and budgets.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Measure {
            $($(#[$doc])* $variant,)*
        }

        impl Measure {
            /// Every measure, in display order.
            pub const ALL: &'static [Measure] = &[$(Measure::$variant,)*];

            /// Its description.
            pub const fn info(self) -> MeasureInfo {
                match self {
                    $(Measure::$variant => $info,)*
                }
            }
        }
    };
}

/// An entry's defaults: budgeted, scored at once, in bits, not plotted.
const fn entry(
    key: &'static str,
    label: &'static str,
    relative_through: &'static str,
) -> MeasureInfo {
    MeasureInfo {
        key,
        short: key,
        label,
        unit: "bits",
        relative_through,
        budgeted: true,
        scored: true,
        plot_colour: None,
    }
}

measures! {
    /// Shortest description of the effect in the language's state words: the criterion.
    EffectDl => MeasureInfo {
        plot_colour: Some([230, 120, 40]),
        ..entry("effect_dl", "effect description length", "the state words")
    },
    /// Shortest description of the plan in the language's action words.
    PlanDl => MeasureInfo {
        plot_colour: Some([70, 130, 200]),
        ..entry("plan_dl", "plan description length", "the action words")
    },
    /// Plan description length plus log2 of the simulated steps (Levin's Kt).
    LevinKt => MeasureInfo {
        plot_colour: Some([150, 100, 190]),
        ..entry("levin_kt", "Levin Kt", "the action words")
    },
    /// Lempel–Ziv 1976 phrases of the chosen stream (effect text or plan actions).
    Lz76 => MeasureInfo {
        unit: "phrases",
        ..entry("lz76", "LZ76 complexity", "the tokenization")
    },
    /// Size of the chosen stream under the chosen codec.
    Compress => MeasureInfo {
        plot_colour: Some([90, 170, 110]),
        ..entry("compress", "compressed size", "the codec")
    },
    /// Block decomposition method of the effect's grids, one per variable kind.
    Bdm => MeasureInfo {
        plot_colour: Some([200, 170, 60]),
        ..entry("bdm", "block decomposition method", "the machine formalism behind the CTM table")
    },
    /// −log2 of the weight of all programs up to a bound that produce the plan's effect.
    AlgorithmicProbability => MeasureInfo {
        short: "alg_prob",
        scored: false,
        ..entry("algorithmic_probability", "algorithmic probability", "the action words")
    },
    /// Candidates a search in code-length order tries before it finds the plan's effect.
    SearchEffort => MeasureInfo {
        short: "search",
        unit: "candidates",
        scored: false,
        ..entry("search_effort", "search effort", "the action words and the technologies")
    },
}

impl Measure {
    /// Key in JSON and budgets.
    pub fn key(self) -> &'static str {
        self.info().key
    }

    /// The measure with this key (as in JSON and budgets).
    pub fn from_key(key: &str) -> Option<Measure> {
        Measure::ALL.iter().copied().find(|m| m.key() == key)
    }

    /// Short column header.
    pub fn short(self) -> &'static str {
        self.info().short
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        self.info().label
    }

    /// The unit of its value.
    pub fn unit(self) -> &'static str {
        self.info().unit
    }

    /// What makes it relative to a language.
    pub fn relative_through(self) -> &'static str {
        self.info().relative_through
    }

    /// The measures scoring computes at once, in display order.
    pub fn scored() -> impl Iterator<Item = Measure> {
        Measure::ALL.iter().copied().filter(|m| m.info().scored)
    }

    /// The measures a scene may budget, in display order.
    pub fn budgeted() -> impl Iterator<Item = Measure> {
        Measure::ALL.iter().copied().filter(|m| m.info().budgeted)
    }

    /// The measures the bar chart compares, with their colours, in display order.
    pub fn plotted() -> impl Iterator<Item = (Measure, [u8; 3])> {
        Measure::ALL
            .iter()
            .filter_map(|&m| m.info().plot_colour.map(|c| (m, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_short_names_and_colours_are_distinct_and_keys_round_trip() {
        let keys: HashSet<&str> = Measure::ALL.iter().map(|m| m.key()).collect();
        let shorts: HashSet<&str> = Measure::ALL.iter().map(|m| m.short()).collect();
        assert_eq!(keys.len(), Measure::ALL.len());
        assert_eq!(shorts.len(), Measure::ALL.len());
        let colours: HashSet<[u8; 3]> = Measure::plotted().map(|(_, c)| c).collect();
        assert_eq!(colours.len(), Measure::plotted().count());
        for &m in Measure::ALL {
            assert_eq!(Measure::from_key(m.key()), Some(m));
            // The JSON name serde writes is the key.
            assert_eq!(ron::to_string(&m).ok().as_deref(), Some(m.key()));
            assert!(
                m.info().plot_colour.is_none() || m.unit() == "bits",
                "{m:?}"
            );
        }
    }
}
