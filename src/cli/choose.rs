//! `ladders choose`: the agent's choice searched among the language's programs, not only
//! the scene's plans: the plan it finds, its derivations word by word, its score against
//! each scene plan's, whether it beats them, and how far the search went.

use super::explain::{DerivationJson, text};
use super::progress::Progress;
use super::score_json::MeasuresJson;
use super::{Format, SettingArgs, load_scene, output, report, setting};
use anyhow::bail;
use clap::Args;
use ladders_domain::analysis::{
    ChoiceBound, ChoiceOptions, DEFAULT_CHOICE_BOUND, DEFAULT_CHOICE_SEARCH_LIMIT, SearchedChoice,
    Setting, searched_choice,
};
use ladders_domain::limits::MemoryBudget;
use ladders_domain::measures::{Measure, ProgramLimits, valid_bound};
use ladders_domain::scene::Scene;
use serde::Serialize;
use std::path::PathBuf;

/// `ladders choose`.
#[derive(Debug, Args)]
pub struct ChooseArgs {
    /// The scene file.
    pub scene: PathBuf,
    #[command(flatten)]
    pub setting: SettingArgs,
    /// The measure the agent minimises (effect_dl, plan_dl, levin_kt, lz76, compress,
    /// bdm, algorithmic_probability, search_effort).
    #[arg(long, value_parser = super::parse_measure, default_value = "effect_dl")]
    pub measure: Measure,
    /// Longest program run, in bits: more than 0, at most 64. Every bit more about
    /// doubles the programs.
    #[arg(long, default_value_t = DEFAULT_CHOICE_BOUND, value_name = "BITS",
          allow_negative_numbers = true)]
    pub bound: f64,
    /// Most candidates the search-effort choice tries, and each scene plan's search:
    /// 1 to 1,000,000,000.
    #[arg(long, default_value_t = DEFAULT_CHOICE_SEARCH_LIMIT, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=ProgramLimits::MAX_SEARCH_LIMIT))]
    pub search_limit: u64,
    /// Most simulated steps of the enumeration (or of the choice's search; the scene
    /// plans' searches take as many together): 1 to 100,000,000,000. Reaching it is
    /// reported.
    #[arg(long, default_value_t = ProgramLimits::DEFAULT_WORK, value_name = "STEPS",
          value_parser = clap::value_parser!(u64).range(1..=ProgramLimits::MAX_WORK))]
    pub work_limit: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Print the searched choice.
pub fn run(args: &ChooseArgs, memory: MemoryBudget) -> anyhow::Result<()> {
    if !valid_bound(args.bound) {
        bail!(
            "--bound must be a finite number of bits above 0 and at most {}, not {}",
            ProgramLimits::MAX_BOUND,
            args.bound
        );
    }
    let scene = load_scene(&args.scene)?;
    let setting = setting(&scene, &args.scene, &args.setting)?;
    let options = ChoiceOptions {
        bound: args.bound,
        search_limit: args.search_limit,
        limits: ProgramLimits {
            work: args.work_limit,
            memory,
        },
    };
    let label = match args.measure {
        Measure::SearchEffort => "searching for the first program that reaches the goal".to_owned(),
        _ => format!("running programs up to {} bits", args.bound),
    };
    let bar = Progress::fraction(&label);
    let choice = searched_choice(&scene, &setting, args.measure, &options, &|f| {
        bar.set_fraction(f);
        true
    })?;
    bar.finish();
    match args.format {
        Format::Table => crate::out!("{}", table(&scene, &setting, &choice)),
        Format::Json => output::print_json(&ChoiceJson::new(&scene, &setting, &choice))?,
    }
    Ok(())
}

/// A value in the measure's unit: whole numbers for phrases and candidates.
fn value_text(measure: Measure, value: Option<f64>) -> String {
    match value {
        None => "—".to_owned(),
        Some(v)
            if measure == Measure::Compress
                || matches!(measure.unit(), "phrases" | "candidates") =>
        {
            format!("{v:.0}")
        }
        Some(v) => report::fixed(v, 2),
    }
}

/// The one sentence that answers the question: is there a cheaper way than the scene's?
pub fn verdict_sentence(scene: &Scene, choice: &SearchedChoice) -> String {
    let measure = choice.measure;
    let Some(found) = &choice.found else {
        return format!(
            "no program within the bound reaches the goal{}",
            if choice.bound.cut_short() {
                " (a limit cut the search short: see below)"
            } else if choice.measure == Measure::SearchEffort {
                ": raise --search-limit"
            } else {
                ": raise --bound"
            }
        );
    };
    let score = value_text(measure, Some(found.score));
    let unit = measure.unit();
    let name = |i: usize| scene.plans.get(i).map_or("?", |p| p.name.as_str());
    if choice.beats_scene {
        let against = match choice.scene_best {
            Some((i, v)) => format!(
                ", against {} {unit} for the scene's best, `{}`",
                value_text(measure, Some(v)),
                name(i)
            ),
            None if choice.scene.iter().any(|p| p.reaches_goal) => {
                " (no plan of the scene that reaches the goal has a value)".to_owned()
            }
            None => " (no plan of the scene reaches the goal)".to_owned(),
        };
        return format!("a cheaper way than any plan in the scene: {score} {unit}{against}");
    }
    match (choice.matches_scene_plan, choice.same_actions_as) {
        (Some(i), Some(j)) if i == j => format!(
            "it found the scene's plan `{}` again ({score} {unit})",
            name(i)
        ),
        (Some(i), _) => format!(
            "as cheap as the scene's plan `{}` ({score} {unit}), by other actions",
            name(i)
        ),
        (None, _) => match choice.scene_best {
            Some((i, v)) => format!(
                "no cheaper than the scene's best, `{}` ({} {unit}); the best found within the bound takes {score} {unit}",
                name(i),
                value_text(measure, Some(v))
            ),
            None => format!("the best found within the bound takes {score} {unit}"),
        },
    }
}

/// The table for people.
pub(super) fn table(scene: &Scene, setting: &Setting, choice: &SearchedChoice) -> String {
    let measure = choice.measure;
    let world = &scene.world;
    let mut out = format!(
        "searched choice in {} under {} ({}):\n",
        report::setting_label(setting),
        measure.label(),
        measure.unit()
    );
    out += &format!("{}\n", verdict_sentence(scene, choice));
    if let Some(found) = &choice.found {
        let score = &found.plan_score;
        out += &format!(
            "\nfound: {}  (program {:.2} bits, {} actions)\n",
            if found.words.is_empty() {
                "the empty program".to_owned()
            } else {
                found.words.join(" ")
            },
            found.program_bits,
            found.actions.len()
        );
        let actions: Vec<String> = found.actions.iter().map(ToString::to_string).collect();
        out += &format!("actions: {}\n", actions.join(", "));
        out += &format!(
            "{}: {} {}{}\n",
            measure.key(),
            value_text(measure, Some(found.score)),
            measure.unit(),
            match (found.within_budget, choice.budget) {
                (Some(true), Some(b)) => format!(", within the budget of {b}"),
                (Some(false), Some(b)) => format!(", over the budget of {b}"),
                _ => String::new(),
            }
        );
        out += &format!(
            "effect against the {} baseline: {} variable(s)\n",
            format!("{:?}", setting.baseline).to_lowercase(),
            score.outcome.effect.len()
        );
        for c in &score.outcome.effect {
            out += &format!("    {}: {} → {}\n", c.var.name(world), c.before, c.after);
        }
        out += &format!("\neffect description: {}\n", text(world, &score.effect_dl));
        out += &format!("plan description: {}\n", text(world, &score.plan_dl));
        out += &format!(
            "verdict: {}: {}\n",
            report::verdict_word(score.verdict.accepted),
            score.verdict.reason
        );
    }
    let width = (choice.scene.iter())
        .map(|p| p.name.len())
        .chain([8, "(searched)".len()])
        .max()
        .unwrap_or(8);
    out += &format!(
        "\n{:<width$}  {:>4}  {:>10}  {}\n",
        "plan",
        "goal",
        measure.short(),
        if choice.budget.is_some() {
            "budget"
        } else {
            ""
        }
    );
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let within = |w: Option<bool>| match w {
        Some(true) => "within",
        Some(false) => "over",
        None => "",
    };
    for (i, p) in choice.scene.iter().enumerate() {
        let best = if choice.scene_best.map(|(b, _)| b) == Some(i) {
            "  ← the scene's best"
        } else {
            ""
        };
        out += &format!(
            "{:<width$}  {:>4}  {:>10}  {}{best}\n",
            p.name,
            yes_no(p.reaches_goal),
            value_text(measure, p.value),
            // A plan that misses the goal is rejected whatever its value.
            within(p.within_budget.filter(|_| p.reaches_goal))
        );
    }
    if let Some(found) = &choice.found {
        out += &format!(
            "{:<width$}  {:>4}  {:>10}  {}\n",
            "(searched)",
            "yes",
            value_text(measure, Some(found.score)),
            within(found.within_budget)
        );
    }
    out += &format!("\nbound: {}\n", choice.bound.describe());
    out
}

/// The JSON report of `ladders choose` (fields in alphabetical order, see
/// [`output::Report`]).
#[derive(Debug, Serialize)]
struct ChoiceJson<'a> {
    /// The found plan's score is strictly below every goal-reaching scene plan's.
    beats_scene: bool,
    bound: BoundJson<'a>,
    /// The measure's budget, if any.
    budget: Option<f64>,
    /// The technologies treated as commodified.
    commodified: Vec<&'a str>,
    /// The searched plan, or `null` when no program within the bound reaches the goal.
    found: Option<FoundJson<'a>>,
    language: &'a str,
    /// A goal-reaching scene plan as cheap as the found plan, by name.
    matches_scene_plan: Option<&'a str>,
    measure: &'static str,
    /// A scene plan with the found plan's very actions, by name.
    same_actions_as: Option<&'a str>,
    /// Per scene plan, in scene order.
    scene: Vec<ScenePlanJson<'a>>,
    /// The scene's best plan that reaches the goal (within the budget, if any).
    scene_best: Option<SceneBestJson<'a>>,
    unit: &'static str,
    /// The sentence the table prints first.
    verdict: String,
}

#[derive(Debug, Serialize)]
struct BoundJson<'a> {
    bits: f64,
    candidates: u64,
    capped: bool,
    /// [`ChoiceBound::describe`].
    description: String,
    exhausted: bool,
    goal_programs: u64,
    programs_run: u64,
    search_limit: Option<u64>,
    /// `work`, `memory`, or `null`.
    stopped: Option<&'a str>,
    work: u64,
}

#[derive(Debug, Serialize)]
struct FoundJson<'a> {
    actions: Vec<String>,
    effect_derivation: DerivationJson<'a>,
    /// Every scored measure of the found plan.
    measures: MeasuresJson,
    plan_derivation: DerivationJson<'a>,
    program_bits: f64,
    reaches_goal: bool,
    score: f64,
    steps: usize,
    within_budget: Option<bool>,
    words: &'a [String],
}

#[derive(Debug, Serialize)]
struct ScenePlanJson<'a> {
    name: &'a str,
    reaches_goal: bool,
    value: Option<f64>,
    within_budget: Option<bool>,
}

#[derive(Debug, Serialize)]
struct SceneBestJson<'a> {
    plan: &'a str,
    value: f64,
}

impl<'a> ChoiceJson<'a> {
    fn new(scene: &'a Scene, setting: &'a Setting, choice: &'a SearchedChoice) -> Self {
        let name = |i: usize| scene.plans.get(i).map(|p| p.name.as_str());
        Self {
            beats_scene: choice.beats_scene,
            bound: BoundJson::new(&choice.bound),
            budget: choice.budget,
            commodified: setting.technologies.commodified().collect(),
            found: choice.found.as_ref().map(|f| FoundJson {
                actions: f.actions.iter().map(ToString::to_string).collect(),
                effect_derivation: DerivationJson::new(&scene.world, &f.plan_score.effect_dl),
                measures: MeasuresJson::new(&f.plan_score),
                plan_derivation: DerivationJson::new(&scene.world, &f.plan_score.plan_dl),
                program_bits: f.program_bits,
                reaches_goal: f.plan_score.outcome.reaches_goal,
                score: f.score,
                steps: f.plan_score.outcome.steps(),
                within_budget: f.within_budget,
                words: &f.words,
            }),
            language: &choice.language,
            matches_scene_plan: choice.matches_scene_plan.and_then(name),
            measure: choice.measure.key(),
            same_actions_as: choice.same_actions_as.and_then(name),
            scene: (choice.scene.iter())
                .map(|p| ScenePlanJson {
                    name: &p.name,
                    reaches_goal: p.reaches_goal,
                    value: p.value,
                    within_budget: p.within_budget,
                })
                .collect(),
            scene_best: choice.scene_best.and_then(|(i, value)| {
                Some(SceneBestJson {
                    plan: name(i)?,
                    value,
                })
            }),
            unit: choice.measure.unit(),
            verdict: verdict_sentence(scene, choice),
        }
    }
}

impl BoundJson<'_> {
    fn new(bound: &ChoiceBound) -> Self {
        Self {
            bits: bound.bits,
            candidates: bound.candidates,
            capped: bound.capped,
            description: bound.describe(),
            exhausted: bound.exhausted,
            goal_programs: bound.goal_programs,
            programs_run: bound.programs_run,
            search_limit: bound.search_limit,
            stopped: bound.stopped.map(|s| s.key()),
            work: bound.work,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_of_a_choose_report_lists_its_keys_in_order() {
        let scene = ladders_domain::scene::pink_car().unwrap();
        let language = ladders_domain::language::resolve("everyday", None).unwrap();
        let setting = Setting::new(&scene, language, &[], None).unwrap();
        let options = ChoiceOptions {
            bound: 16.0,
            ..ChoiceOptions::new(ProgramLimits::default())
        };
        for measure in [Measure::EffectDl, Measure::SearchEffort] {
            let choice = searched_choice(&scene, &setting, measure, &options, &|_| true).unwrap();
            assert!(choice.found.is_some());
            let report = ChoiceJson::new(&scene, &setting, &choice);
            assert!(output::keys_are_sorted(&report), "{measure:?}");
        }
    }
}
