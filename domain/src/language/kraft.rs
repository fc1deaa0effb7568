//! Kraft's inequality, setting by setting: what a language editor shows live. For every
//! technology setting ([`Language::level_settings`]) and each vocabulary, the sum
//! Σ 2^-cost, the slack left under 1, and when the sum is over 1 the words that make up
//! the excess, cheapest first (the terms that weigh most).

use super::validate::{HasCost, setting_label};
use super::{Language, Vocabulary, WhichVocabulary, kraft_sum};
use crate::world::TechLevels;

/// Slack for floating-point sums, as the validation allows.
const TOLERANCE: f64 = 1e-9;

/// The Kraft sum of one vocabulary under one technology setting.
#[derive(Clone, Debug, PartialEq)]
pub struct KraftRow {
    /// The setting's levels.
    pub levels: TechLevels,
    /// The setting in words: "with paint commodified".
    pub setting: String,
    /// Which vocabulary.
    pub vocabulary: WhichVocabulary,
    /// Σ 2^-cost over its words and its end word.
    pub sum: f64,
    /// `1 - sum`: negative when the costs are no prefix code.
    pub slack: f64,
    /// When over 1, the cheapest words whose terms together make up the excess (the
    /// fewest words whose raising could fix it); empty otherwise.
    pub responsible: Vec<String>,
}

impl KraftRow {
    /// Whether the costs break Kraft's inequality here.
    pub fn violated(&self) -> bool {
        self.slack < -TOLERANCE
    }
}

/// Every setting × vocabulary of `language`, settings in [`Language::level_settings`]
/// order, actions before states.
pub fn kraft_report(language: &Language) -> Vec<KraftRow> {
    let mut rows = Vec::new();
    for levels in language.level_settings() {
        let effective = language.for_levels(&levels);
        let setting = setting_label(&levels);
        rows.push(row(
            &levels,
            &setting,
            WhichVocabulary::Actions,
            &effective.actions,
        ));
        rows.push(row(
            &levels,
            &setting,
            WhichVocabulary::States,
            &effective.states,
        ));
    }
    rows
}

/// The least slack of a vocabulary over every setting (negative when broken somewhere).
pub fn least_slack(language: &Language, vocabulary: WhichVocabulary) -> f64 {
    kraft_report(language)
        .iter()
        .filter(|r| r.vocabulary == vocabulary)
        .map(|r| r.slack)
        .fold(f64::INFINITY, f64::min)
}

/// The cheapest whole number of bits (at least 1, at most 64) a new word of `vocabulary`
/// can cost while its sum stays ≤ 1 under every setting; 64 when the vocabulary is already
/// broken somewhere.
pub fn cost_keeping_kraft(language: &Language, vocabulary: WhichVocabulary) -> f64 {
    const DEAREST: f64 = 64.0;
    let slack = least_slack(language, vocabulary);
    if slack.is_nan() || slack <= 0.0 {
        return DEAREST;
    }
    let mut bits = (-slack.log2()).ceil().max(1.0);
    while (-bits).exp2() > slack + TOLERANCE && bits < DEAREST {
        bits += 1.0;
    }
    bits.min(DEAREST)
}

fn row<W: HasCost>(
    levels: &TechLevels,
    setting: &str,
    which: WhichVocabulary,
    vocabulary: &Vocabulary<W>,
) -> KraftRow {
    let sum = kraft_sum(vocabulary);
    let slack = 1.0 - sum;
    let mut responsible = Vec::new();
    if slack < -TOLERANCE {
        let excess = -slack;
        let mut words: Vec<&W> = vocabulary.words.iter().collect();
        words.sort_by(|a, b| a.cost().total_cmp(&b.cost()));
        let mut covered = 0.0;
        for word in words {
            if covered >= excess {
                break;
            }
            covered += (-word.cost()).exp2();
            responsible.push(word.name().to_owned());
        }
    }
    KraftRow {
        levels: levels.clone(),
        setting: setting.to_owned(),
        vocabulary: which,
        sum,
        slack,
        responsible,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BUNDLED, bundled};
    use super::*;

    #[test]
    fn the_bundled_languages_fit_everywhere_and_a_word_at_the_keeping_cost_still_fits() {
        for (name, _) in BUNDLED {
            let mut language = bundled(name).unwrap().unwrap();
            let report = kraft_report(&language);
            assert_eq!(report.len(), 2 * language.level_settings().len(), "{name}");
            assert!(
                report
                    .iter()
                    .all(|r| !r.violated() && r.responsible.is_empty())
            );
            let bits = cost_keeping_kraft(&language, WhichVocabulary::States);
            language.states.words.push(super::super::StateWord {
                name: "extra".into(),
                cost: bits,
                names: super::super::Names::Device,
            });
            assert!(
                kraft_report(&language).iter().all(|r| !r.violated()),
                "{name} at {bits} bits"
            );
            // One bit cheaper would not fit somewhere (unless it is already 1 bit).
            if bits > 1.0 {
                language.states.words.last_mut().unwrap().cost = bits - 1.0;
                assert!(
                    kraft_report(&language).iter().any(KraftRow::violated),
                    "{name}"
                );
            }
        }
    }
}
