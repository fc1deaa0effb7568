//! `ladders adversary`: how cheaply an adversary makes a chosen plan the simplest, by
//! adding one word for it (or for its effect) to a language.

use super::output::Report;
use clap::Args;
use ladders_domain::analysis::{AdversaryOutcome, adversary_outcome};
use ladders_domain::language::WhichVocabulary;
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// `ladders adversary`.
#[derive(Debug, Args)]
pub struct AdversaryArgs {
    /// The scene file.
    pub scene: PathBuf,
    /// The plan the adversarial word names.
    #[arg(long)]
    pub plan: String,
    /// Name the plan's effect (a state word) instead of the plan (an action word).
    #[arg(long)]
    pub effect: bool,
    /// The word's cost in bits, above 0 and at most 64.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true, value_parser = super::parse_finite)]
    pub bits: f64,
    #[command(flatten)]
    pub setting: super::SettingArgs,
    /// Write the language with the word to this file (atomically).
    #[arg(long, value_name = "FILE.ron")]
    pub write: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: super::Format,
}

/// Run `ladders adversary`.
pub fn run(args: &AdversaryArgs) -> anyhow::Result<()> {
    let scene = super::load_scene(&args.scene)?;
    let setting = super::setting(&scene, &args.scene, &args.setting)?;
    let outcome = adversary_outcome(
        &scene,
        &setting.language,
        &setting.technologies,
        setting.budget,
        &args.plan,
        args.effect,
        args.bits,
    )?;
    if let Some(path) = &args.write {
        ladders_domain::language::save(path, &outcome.adversary.language)?;
    }
    super::output::print(&AdversaryReport::new(&outcome, args.bits), args.format)?;
    Ok(())
}

/// One plan before and after.
#[derive(Serialize)]
struct PlanJson {
    accepted_after: bool,
    accepted_before: bool,
    after: Option<f64>,
    before: Option<f64>,
    bound: Option<f64>,
    growth: Option<f64>,
    plan: String,
}

/// The report of `ladders adversary`.
#[derive(Serialize)]
struct AdversaryReport {
    bits: f64,
    delta: f64,
    language: String,
    measure: &'static str,
    plans: Vec<PlanJson>,
    simplest: bool,
    target: String,
    vocabulary: &'static str,
    word: String,
}

impl AdversaryReport {
    fn new(o: &AdversaryOutcome, bits: f64) -> Self {
        let plans = (0..o.before.plans.len())
            .map(|p| {
                let (before, after) = (o.length(false, p), o.length(true, p));
                PlanJson {
                    accepted_after: o.after.plans[p].verdict.accepted,
                    accepted_before: o.before.plans[p].verdict.accepted,
                    after,
                    before,
                    bound: o.bound[p],
                    growth: before.zip(after).map(|(b, a)| a - b),
                    plan: o.before.plans[p].plan.clone(),
                }
            })
            .collect();
        let (vocabulary, measure) = match o.adversary.vocabulary {
            WhichVocabulary::Actions => ("actions", "plan_dl"),
            WhichVocabulary::States => ("states", "effect_dl"),
        };
        Self {
            bits,
            delta: o.adversary.delta,
            language: o.adversary.language.name.clone(),
            measure,
            plans,
            simplest: o.target_is_simplest(),
            target: o.plan.clone(),
            vocabulary,
            word: o.adversary.word.clone(),
        }
    }
}

impl Report for AdversaryReport {}

impl fmt::Display for AdversaryReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, kind, dl) = match self.vocabulary {
            "actions" => ("action word for the plan", "action", "plan DL"),
            _ => ("state word for the effect of", "state", "effect DL"),
        };
        let unit = if self.bits == 1.0 { "bit" } else { "bits" };
        writeln!(
            f,
            "One {what} `{}` added to {} as `{}`, costing {} {unit}; every other {kind} word and the end word cost δ = {:.3} bits more, so a description of m words grows by (m + 1)·δ.",
            self.target, self.language, self.word, self.bits, self.delta
        )?;
        let width = self
            .plans
            .iter()
            .map(|p| p.plan.len())
            .max()
            .unwrap_or(4)
            .max(4);
        writeln!(
            f,
            "\n  {:<width$}  {:>9}  {:>9}  {:>8}  {:>11}  verdict before → after",
            "plan",
            format!("{dl} was"),
            "now",
            "growth",
            "bound (m+1)δ"
        )?;
        let bits = |b: Option<f64>| b.map_or_else(|| "-".to_owned(), |b| format!("{b:.2}"));
        let verdict = |a: bool| if a { "accepted" } else { "rejected" };
        for p in &self.plans {
            writeln!(
                f,
                "  {:<width$}  {:>9}  {:>9}  {:>8}  {:>11}  {} → {}{}",
                p.plan,
                bits(p.before),
                bits(p.after),
                p.growth
                    .map_or_else(|| "-".to_owned(), |g| format!("{g:+.2}")),
                if p.plan == self.target {
                    "-".to_owned()
                } else {
                    bits(p.bound)
                },
                verdict(p.accepted_before),
                verdict(p.accepted_after),
                if p.plan == self.target {
                    "   ← the word's target"
                } else {
                    ""
                }
            )?;
        }
        if self.simplest {
            writeln!(
                f,
                "\n`{}` is now the simplest by {dl} of the plans that reach the goal.",
                self.target
            )?;
        } else {
            writeln!(
                f,
                "\n`{}` is not the strictly simplest by {dl} of the plans that reach the goal: another is as short (try fewer bits).",
                self.target
            )?;
        }
        Ok(())
    }
}
