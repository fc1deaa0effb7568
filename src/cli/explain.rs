//! `ladders explain`: both derivations of one plan, word by word.

use super::score_json::MeasuresJson;
use super::{ExplainArgs, Format, load_scene, output, report, setting};
use anyhow::anyhow;
use ladders_domain::analysis::score_plan;
use ladders_domain::measures::{Derivation, Undescribable};
use ladders_domain::world::World;
use serde::Serialize;

/// Print the effect and plan derivations of one plan.
pub fn run(args: &ExplainArgs) -> anyhow::Result<()> {
    let scene = load_scene(&args.scene)?;
    let setting = setting(&scene, &args.scene, &args.setting)?;
    let plan = scene.plan(&args.plan).ok_or_else(|| {
        let names: Vec<&str> = scene.plans.iter().map(|p| p.name.as_str()).collect();
        anyhow!(
            "the scene has no plan `{}` (expected one of: {})",
            args.plan,
            names.join(", ")
        )
    })?;
    let score = score_plan(&scene, &setting, plan);
    let world = &scene.world;
    match args.format {
        Format::Json => output::print_json(&ExplainJson {
            commodified: setting.technologies.commodified().collect(),
            effect_derivation: DerivationJson::new(world, &score.effect_dl),
            language: &setting.language.name,
            measures: MeasuresJson::new(&score),
            plan: &plan.name,
            plan_derivation: DerivationJson::new(world, &score.plan_dl),
            reaches_goal: score.outcome.reaches_goal,
            reason: &score.verdict.reason,
            steps: score.outcome.steps(),
            verdict: report::verdict_word(score.verdict.accepted),
        })?,
        Format::Table => {
            crate::outln!(
                "plan `{}` in {}: {}",
                plan.name,
                report::setting_label(&setting),
                plan.description
            );
            crate::outln!(
                "reaches the goal: {}; {} steps; effect against the inaction baseline: {} variable(s)",
                if score.outcome.reaches_goal {
                    "yes"
                } else {
                    "no"
                },
                score.outcome.steps(),
                score.outcome.effect.len()
            );
            for c in &score.outcome.effect {
                crate::outln!("    {}: {} → {}", c.var.name(world), c.before, c.after);
            }
            crate::outln!("\neffect description: {}", text(world, &score.effect_dl));
            crate::outln!("plan description: {}", text(world, &score.plan_dl));
            // Kt counts at least one step: an empty plan still takes time to run.
            let steps = score.outcome.steps().max(1);
            crate::outln!(
                "Levin Kt: {} bits (plan description + log2 {steps} {})",
                report::bits(score.levin_kt()),
                if steps == 1 { "step" } else { "steps" }
            );
            let verdict = report::verdict_word(score.verdict.accepted);
            crate::outln!("\nverdict: {verdict}: {}", score.verdict.reason);
        }
    }
    Ok(())
}

/// A derivation word by word, as `explain` prints it, or why there is none.
pub(super) fn text(world: &World, d: &Result<Derivation, Undescribable>) -> String {
    let d = match d {
        Err(why) => return format!("none: {why}"),
        Ok(d) => d,
    };
    let mut out = format!(
        "{:.2} bits{}\n",
        d.bits(),
        if d.exact {
            ", shortest"
        } else {
            ", upper bound"
        }
    );
    let width = d
        .words
        .iter()
        .map(|w| w.word.len() + w.args.join(", ").len() + 2)
        .max()
        .unwrap_or(3)
        .max(3);
    for w in &d.words {
        let call = w.call();
        out += &format!(
            "  {:>7.2}  {call:<width$}  {}\n",
            w.bits,
            w.covers.describe(world)
        );
    }
    out += &format!("  {:>7.2}  end", d.end_bits);
    if let Some(note) = &d.note {
        out += &format!("\n  ({note})");
    }
    out
}

/// The JSON report of `ladders explain` (fields in alphabetical order, the order the JSON
/// has always listed them in; see [`output::Report`]).
#[derive(Debug, Serialize)]
struct ExplainJson<'a> {
    /// The technologies treated as commodified.
    commodified: Vec<&'a str>,
    effect_derivation: DerivationJson<'a>,
    /// The language's name.
    language: &'a str,
    measures: MeasuresJson,
    /// The plan's name.
    plan: &'a str,
    plan_derivation: DerivationJson<'a>,
    reaches_goal: bool,
    /// Why the verdict is what it is.
    reason: &'a str,
    /// The plan's length in actions.
    steps: usize,
    /// `accepted` or `rejected`.
    verdict: &'static str,
}

/// A derivation word by word, or why there is none.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(super) enum DerivationJson<'a> {
    /// The language cannot describe it.
    Undescribable {
        /// Always `null`: there is no length.
        bits: Option<f64>,
        reason: &'a str,
    },
    /// The words, each with what it covers.
    Described {
        bits: f64,
        end_bits: f64,
        exact: bool,
        note: Option<&'a str>,
        words: Vec<WordJson<'a>>,
    },
}

/// One word of a derivation.
#[derive(Debug, Serialize)]
pub(super) struct WordJson<'a> {
    args: &'a [String],
    bits: f64,
    /// What part of the effect or plan it describes.
    covers: String,
    word: &'a str,
}

impl<'a> DerivationJson<'a> {
    /// The JSON of a derivation.
    pub(super) fn new(world: &World, d: &'a Result<Derivation, Undescribable>) -> Self {
        match d {
            Err(why) => Self::Undescribable {
                bits: None,
                reason: &why.0,
            },
            Ok(d) => Self::Described {
                bits: d.bits(),
                end_bits: d.end_bits,
                exact: d.exact,
                note: d.note.as_deref(),
                words: (d.words.iter())
                    .map(|w| WordJson {
                        args: &w.args,
                        bits: w.bits,
                        covers: w.covers.describe(world),
                        word: &w.word,
                    })
                    .collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_of_an_explain_report_lists_its_keys_in_order() {
        let scene = ladders_domain::scene::pink_car().unwrap();
        let language = ladders_domain::language::resolve("everyday", None).unwrap();
        let setting = ladders_domain::analysis::Setting::new(&scene, language, &[], None).unwrap();
        for plan in &scene.plans {
            let score = score_plan(&scene, &setting, plan);
            let report = ExplainJson {
                commodified: Vec::new(),
                effect_derivation: DerivationJson::new(&scene.world, &score.effect_dl),
                language: "everyday",
                measures: MeasuresJson::new(&score),
                plan: &plan.name,
                plan_derivation: DerivationJson::new(&scene.world, &score.plan_dl),
                reaches_goal: score.outcome.reaches_goal,
                reason: &score.verdict.reason,
                steps: score.outcome.steps(),
                verdict: report::verdict_word(score.verdict.accepted),
            };
            assert!(output::keys_are_sorted(&report), "{}", plan.name);
        }
    }
}
