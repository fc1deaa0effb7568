//! The discrete commodification sweep: the scene's technologies commodified one after
//! another, every plan scored under every language and scored measure at every step, the
//! agent's choice at every step, and the steps where the choice changes (crossovers).
//!
//! Step 0 is the scene's own levels; step k commodifies the k-th technology of the order
//! on top of step k − 1 (a technology already commodified still gets its step, marked as
//! no change). Each step is scored exactly as [`super::score_scene`] scores a
//! [`Setting`] with those levels. The world-free measures (LZ76, compressed size, BDM of
//! the effect stream) read only the simulated outcome, which the levels fix and the
//! language does not, so they are computed once per step.

use super::score::{ChoiceCandidate, agent_choice, choice_budget, effect_bdm};
use super::setting::Setting;
use crate::complexity::lz76;
use crate::language::Language;
use crate::measures::{Measure, levin_kt, stream_bytes, stream_tokens};
use crate::measures::{effect_description, plan_description};
use crate::scene::Scene;
use crate::work::Progress;
use crate::world::{Baseline, Outcome, TechId, TechLevel, TechLevels, World};
use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

/// The most languages one sweep scores: the bundled four many times over, and a bound
/// on the work (steps × languages × plans descriptions) known before it starts.
pub const MAX_TECH_SWEEP_LANGUAGES: usize = 64;

/// The commodification order when none is given: the technology tree's order, every
/// technology after its prerequisites, ties by name ([`World::tree_order`]).
pub fn default_order(world: &World) -> Vec<TechId> {
    world.tree_order()
}

/// Why a commodification sweep cannot run.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum TechSweepError {
    /// A technology the scene does not have.
    #[error("unknown technology `{name}`: the scene has {}", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownTechnology {
        /// The name given.
        name: String,
        /// The scene's technologies.
        known: Vec<String>,
    },
    /// A technology given twice in the order.
    #[error("technology `{0}` is given twice in the order: each is commodified once")]
    RepeatedTechnology(String),
    /// An order that commodifies a technology before one it needs: it runs against the
    /// tree, as a cycle would.
    #[error(
        "the order commodifies `{technology}` before `{needs}`, which it needs and which is not available at the scene's levels: put `{needs}` first (the tree's order is {tree})"
    )]
    AgainstTree {
        /// The technology given too early.
        technology: String,
        /// The prerequisite given after it.
        needs: String,
        /// The tree's order, by name.
        tree: String,
    },
    /// No language, or too many.
    #[error("give 1 to {MAX_TECH_SWEEP_LANGUAGES} languages, not {0}")]
    Languages(usize),
    /// The callback asked to stop.
    #[error("the commodification sweep was cancelled")]
    Cancelled,
}

/// The ids of technologies given by name, in the order given; refused when a name is not
/// the scene's, comes twice, or comes before a technology it needs.
pub fn resolve_order(world: &World, names: &[String]) -> Result<Vec<TechId>, TechSweepError> {
    let techs = &world.technologies;
    let mut order = Vec::with_capacity(names.len());
    for name in names {
        let id = techs
            .id(name)
            .ok_or_else(|| TechSweepError::UnknownTechnology {
                name: name.clone(),
                known: techs.iter().map(|(n, _)| n.to_owned()).collect(),
            })?;
        if order.contains(&id) {
            return Err(TechSweepError::RepeatedTechnology(name.clone()));
        }
        order.push(id);
    }
    let name_of = |t: TechId| {
        techs
            .iter()
            .nth(t)
            .map_or_else(String::new, |(n, _)| n.to_owned())
    };
    for (i, &t) in order.iter().enumerate() {
        // A prerequisite must be commodified first, or work already at the scene's levels.
        if let Some(&needs) = world.prerequisites(t).iter().find(|p| {
            order[i + 1..].contains(p) || (!order[..i].contains(p) && !techs.level(**p).works())
        }) {
            let tree: Vec<String> = world.tree_order().into_iter().map(name_of).collect();
            return Err(TechSweepError::AgainstTree {
                technology: name_of(t),
                needs: name_of(needs),
                tree: tree.join(", "),
            });
        }
    }
    Ok(order)
}

/// A discrete commodification sweep: plain data, ready to print or plot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TechSweep {
    /// The scene's name.
    pub scene: String,
    /// The technologies in the order they are commodified (step k commodifies
    /// `order[k - 1]`).
    pub order: Vec<String>,
    /// The languages, by name.
    pub languages: Vec<String>,
    /// The plans, in scene order.
    pub plans: Vec<String>,
    /// The measures, in display order.
    pub measures: Vec<Measure>,
    /// Per measure (as `measures`), the budget the choice keeps to, if any.
    pub budgets: Vec<Option<f64>>,
    /// Step 0 (the scene's levels), then one step per technology of the order.
    pub steps: Vec<TechStep>,
    /// Where the choice differs from the previous step's, by step, then language, then
    /// measure.
    pub crossovers: Vec<Crossover>,
}

/// One step of a commodification sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TechStep {
    /// The technology this step commodifies; `None` at step 0.
    pub commodified: Option<String>,
    /// Whether this step changed a level (false for a technology already commodified,
    /// and at step 0).
    pub changed: bool,
    /// Every technology's level at this step, by name.
    pub levels: Vec<(String, TechLevel)>,
    /// `values[language][plan][measure]`: the value, `None` when undescribable.
    pub values: Vec<Vec<Vec<Option<f64>>>>,
    /// `choices[language][measure]`: the agent's choice, an index into the plans.
    pub choices: Vec<Vec<Option<usize>>>,
}

/// A step at which the agent's choice changes, under one language and measure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crossover {
    /// The language, by index.
    pub language: usize,
    /// The measure.
    pub measure: Measure,
    /// The step whose choice differs from step − 1's.
    pub step: usize,
    /// The choice at step − 1 (plan index).
    pub from: Option<usize>,
    /// The choice at this step.
    pub to: Option<usize>,
}

/// The levels at every step: the scene's, then each technology of `order` commodified
/// in turn, with whether the step changed anything.
pub fn step_levels(world: &World, order: &[TechId]) -> Vec<(Option<TechId>, bool, TechLevels)> {
    let mut levels = world.technologies.clone();
    let mut out = vec![(None, false, levels.clone())];
    for &tech in order {
        let changed = levels.level(tech) != TechLevel::Commodified;
        levels.set(tech, TechLevel::Commodified);
        out.push((Some(tech), changed, levels.clone()));
    }
    out
}

/// Sweep the commodification of `order` (see [`default_order`], [`resolve_order`]) over
/// `languages` on `scene`. `progress` hears the share done (0 to 1) and returns whether
/// to go on. Parallel over steps and languages.
pub fn tech_sweep(
    scene: &Scene,
    languages: &[Language],
    order: &[TechId],
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<TechSweep, TechSweepError> {
    if languages.is_empty() || languages.len() > MAX_TECH_SWEEP_LANGUAGES {
        return Err(TechSweepError::Languages(languages.len()));
    }
    let world = &scene.world;
    let names: Vec<String> = world
        .technologies
        .iter()
        .map(|(n, _)| n.to_owned())
        .collect();
    // Validate the order by name, so an id list and a name list are refused alike.
    let order_names: Vec<String> = order
        .iter()
        .map(|&t| names.get(t).cloned().unwrap_or_else(|| format!("#{t}")))
        .collect();
    resolve_order(world, &order_names)?;
    let measures: Vec<Measure> = Measure::scored().collect();
    let effect_budget = scene
        .budget(Measure::EffectDl)
        .unwrap_or(crate::scene::DEFAULT_EFFECT_BUDGET);
    let budgets: Vec<Option<f64>> = measures
        .iter()
        .map(|&m| choice_budget(scene, m, effect_budget))
        .collect();
    let levels = step_levels(world, order);
    let steps = levels.len();
    let items = (steps * (languages.len() + 1)) as u64;
    let report = |done: u64| progress(done as f64 / items as f64);
    let shared = Progress::new(&report);

    // Per step: the outcomes, and the world-free measures (lz76, compress, bdm).
    let per_step: Vec<(Vec<Outcome>, Vec<[f64; 3]>)> = levels
        .par_iter()
        .map(|(_, _, techs)| {
            if shared.is_cancelled() {
                return (Vec::new(), Vec::new());
            }
            let setting = Setting::with_levels(languages[0].clone(), techs.clone(), effect_budget);
            let outcomes: Vec<Outcome> = scene
                .plans
                .iter()
                .map(|plan| {
                    Outcome::simulate(
                        world,
                        techs,
                        &scene.goal,
                        &plan.actions,
                        Baseline::default(),
                    )
                })
                .collect();
            let free = scene
                .plans
                .iter()
                .zip(&outcomes)
                .map(|(plan, outcome)| world_free(scene, &setting, &plan.actions, outcome))
                .collect();
            shared.advance(1);
            (outcomes, free)
        })
        .collect();
    if shared.is_cancelled() {
        return Err(TechSweepError::Cancelled);
    }

    // Per (step, language): the language-relative measures.
    let jobs: Vec<(usize, usize)> = (0..steps)
        .flat_map(|s| (0..languages.len()).map(move |l| (s, l)))
        .collect();
    let relative: Vec<Vec<[Option<f64>; 3]>> = jobs
        .par_iter()
        .map(|&(s, l)| {
            if shared.is_cancelled() {
                return Vec::new();
            }
            let effective = languages[l].for_levels(&levels[s].2);
            let out = scene
                .plans
                .iter()
                .zip(&per_step[s].0)
                .map(|(plan, outcome)| {
                    let effect = effect_description(world, &effective, &outcome.effect)
                        .ok()
                        .map(|d| d.bits());
                    let plan_bits =
                        plan_description(world, &effective, &plan.actions, &outcome.trajectory)
                            .ok()
                            .map(|d| d.bits());
                    let kt = plan_bits.map(|b| levin_kt(b, outcome.steps()));
                    [effect, plan_bits, kt]
                })
                .collect();
            shared.advance(1);
            out
        })
        .collect();
    if shared.is_cancelled() {
        return Err(TechSweepError::Cancelled);
    }

    let mut out_steps = Vec::with_capacity(steps);
    for (s, (tech, changed, techs)) in levels.iter().enumerate() {
        let (outcomes, free) = &per_step[s];
        let mut values = Vec::with_capacity(languages.len());
        let mut choices = Vec::with_capacity(languages.len());
        for l in 0..languages.len() {
            let rel = &relative[s * languages.len() + l];
            let by_plan: Vec<Vec<Option<f64>>> = (0..scene.plans.len())
                .map(|p| {
                    measures
                        .iter()
                        .map(|m| match m {
                            Measure::EffectDl => rel[p][0],
                            Measure::PlanDl => rel[p][1],
                            Measure::LevinKt => rel[p][2],
                            Measure::Lz76 => Some(free[p][0]),
                            Measure::Compress => Some(free[p][1]),
                            Measure::Bdm => Some(free[p][2]),
                            Measure::AlgorithmicProbability | Measure::SearchEffort => None,
                        })
                        .collect()
                })
                .collect();
            let chosen: Vec<Option<usize>> = measures
                .iter()
                .enumerate()
                .map(|(k, _)| {
                    let candidates: Vec<ChoiceCandidate> = (0..scene.plans.len())
                        .map(|p| ChoiceCandidate {
                            reaches_goal: outcomes[p].reaches_goal,
                            value: by_plan[p][k],
                            plan_bits: rel[p][1],
                        })
                        .collect();
                    agent_choice(&candidates, budgets[k])
                })
                .collect();
            values.push(by_plan);
            choices.push(chosen);
        }
        out_steps.push(TechStep {
            commodified: tech.map(|t| names[t].clone()),
            changed: *changed,
            levels: techs.iter().map(|(n, l)| (n.to_owned(), l)).collect(),
            values,
            choices,
        });
    }
    let crossovers = crossovers(&out_steps, &measures);
    Ok(TechSweep {
        scene: scene.name.clone(),
        order: order_names,
        languages: languages.iter().map(|l| l.name.clone()).collect(),
        plans: scene.plans.iter().map(|p| p.name.clone()).collect(),
        measures,
        budgets,
        steps: out_steps,
        crossovers,
    })
}

/// Every step where a language's choice under a measure differs from the step before.
pub fn crossovers(steps: &[TechStep], measures: &[Measure]) -> Vec<Crossover> {
    let mut out = Vec::new();
    for (s, pair) in steps.windows(2).enumerate() {
        for (l, (before, after)) in pair[0].choices.iter().zip(&pair[1].choices).enumerate() {
            for (k, &measure) in measures.iter().enumerate() {
                if before[k] != after[k] {
                    out.push(Crossover {
                        language: l,
                        measure,
                        step: s + 1,
                        from: before[k],
                        to: after[k],
                    });
                }
            }
        }
    }
    out
}

/// LZ76 phrases, compressed bits and BDM bits of a plan's outcome, as
/// [`super::score_plan`] computes them under `setting` (whose stream, the effect by
/// default, reads no words of the language).
fn world_free(
    scene: &Scene,
    setting: &Setting,
    actions: &[crate::world::Action],
    outcome: &Outcome,
) -> [f64; 3] {
    let world = &scene.world;
    let words: Vec<String> = Vec::new();
    let tokens = stream_tokens(world, outcome, actions, &words, setting.stream);
    let bytes = stream_bytes(world, outcome, actions, &words, setting.stream);
    [
        lz76(&tokens).complexity() as f64,
        setting.codec.compressed_bits(&bytes),
        effect_bdm(world, outcome, setting).bits,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::score_scene;

    fn pink() -> (Scene, Vec<Language>) {
        let scene = crate::scene::pink_car().unwrap();
        let languages = scene
            .languages
            .iter()
            .map(|n| crate::language::resolve(n, None).unwrap())
            .collect();
        (scene, languages)
    }

    #[test]
    fn each_step_scores_like_the_scene_with_its_technologies_commodified() {
        let (scene, languages) = pink();
        let order = default_order(&scene.world);
        let sweep = tech_sweep(&scene, &languages, &order, &|_| true).unwrap();
        assert_eq!(sweep.order, ["holography", "neurotech", "paint"]);
        assert_eq!(sweep.steps.len(), 4);
        assert!(!sweep.steps[3].changed, "paint was commodified already");
        assert!(sweep.steps[1].changed && sweep.steps[2].changed);
        for (s, step) in sweep.steps.iter().enumerate() {
            let commodify: Vec<String> = sweep.order[..s].to_vec();
            for (l, language) in languages.iter().enumerate() {
                let setting = Setting::new(&scene, language.clone(), &commodify, None).unwrap();
                let score = score_scene(&scene, &setting);
                for (p, plan) in score.plans.iter().enumerate() {
                    for (k, &m) in sweep.measures.iter().enumerate() {
                        assert_eq!(
                            step.values[l][p][k],
                            plan.value(m),
                            "step {s} {} {} {m:?}",
                            language.name,
                            plan.plan
                        );
                    }
                }
                let effect = sweep
                    .measures
                    .iter()
                    .position(|m| *m == Measure::EffectDl)
                    .unwrap();
                assert_eq!(
                    step.choices[l][effect].map(|p| sweep.plans[p].clone()),
                    score.choice,
                    "step {s} {}",
                    language.name
                );
                for (k, &m) in sweep.measures.iter().enumerate() {
                    assert_eq!(step.choices[l][k], score.choice_under(m, sweep.budgets[k]));
                }
            }
        }
    }

    #[test]
    fn crossovers_are_exactly_the_steps_where_the_choice_changes() {
        let (scene, languages) = pink();
        let sweep =
            tech_sweep(&scene, &languages, &default_order(&scene.world), &|_| true).unwrap();
        let mut expected = Vec::new();
        for s in 1..sweep.steps.len() {
            for l in 0..languages.len() {
                for k in 0..sweep.measures.len() {
                    let (a, b) = (
                        sweep.steps[s - 1].choices[l][k],
                        sweep.steps[s].choices[l][k],
                    );
                    if a != b {
                        expected.push((s, l, k, a, b));
                    }
                }
            }
        }
        let got: Vec<_> = sweep
            .crossovers
            .iter()
            .map(|c| {
                let k = sweep.measures.iter().position(|m| *m == c.measure).unwrap();
                (c.step, c.language, k, c.from, c.to)
            })
            .collect();
        assert_eq!(got, expected);
        // The story: under everyday, commodifying holography (step 1) moves the effect
        // criterion's choice from paint to the hologram; a no-change step never crosses.
        let plan = |name: &str| sweep.plans.iter().position(|p| p == name);
        assert!(sweep.crossovers.contains(&Crossover {
            language: 0,
            measure: Measure::EffectDl,
            step: 1,
            from: plan("paint"),
            to: plan("hologram"),
        }));
        assert!(sweep.crossovers.iter().all(|c| c.step != 3));
    }

    #[test]
    fn an_unknown_or_repeated_technology_is_refused_and_a_cancel_stops() {
        let (scene, languages) = pink();
        let world = &scene.world;
        let err = resolve_order(world, &["holography".into(), "warp".into()]).unwrap_err();
        assert!(matches!(&err, TechSweepError::UnknownTechnology { name, .. } if name == "warp"));
        assert!(
            err.to_string().contains("holography, neurotech, paint"),
            "{err}"
        );
        let err = resolve_order(world, &["paint".into(), "paint".into()]).unwrap_err();
        assert_eq!(err, TechSweepError::RepeatedTechnology("paint".into()));
        assert_eq!(
            tech_sweep(&scene, &languages, &[1, 1], &|_| true).unwrap_err(),
            TechSweepError::RepeatedTechnology("neurotech".into())
        );
        assert!(matches!(
            tech_sweep(&scene, &languages, &[7], &|_| true),
            Err(TechSweepError::UnknownTechnology { .. })
        ));
        assert_eq!(
            tech_sweep(&scene, &[], &[0], &|_| true).unwrap_err(),
            TechSweepError::Languages(0)
        );
        assert_eq!(
            tech_sweep(&scene, &languages, &[0], &|_| false).unwrap_err(),
            TechSweepError::Cancelled
        );
        // A custom order, and the empty one (step 0 alone).
        let sweep = tech_sweep(
            &scene,
            &languages,
            &resolve_order(world, &["neurotech".into()]).unwrap(),
            &|_| true,
        )
        .unwrap();
        assert_eq!(sweep.order, ["neurotech"]);
        assert_eq!(sweep.steps[1].commodified.as_deref(), Some("neurotech"));
        let alone = tech_sweep(&scene, &languages, &[], &|_| true).unwrap();
        assert_eq!(alone.steps.len(), 1);
        assert!(alone.crossovers.is_empty());
    }
}
