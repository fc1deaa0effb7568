//! Scoring plans: simulate, measure, and judge each plan against the criterion.

use super::setting::Setting;
use crate::complexity::{Bdm, BinaryGrid, Lz76, bdm, lz76};
use crate::measures::{Derivation, Undescribable, effect_description, levin_kt, plan_description};
use crate::measures::{Measure, Stream, WordUse, effect_grids, stream_bytes, stream_tokens};
use crate::scene::{Plan, Scene};
use crate::world::{Outcome, VarKind, World};

/// Whether the criterion accepts a plan, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Accepted: reaches the goal with an effect description within the budget.
    pub accepted: bool,
    /// One sentence saying why.
    pub reason: String,
}

/// Everything measured about one plan in one setting.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanScore {
    /// The plan's name.
    pub plan: String,
    /// Simulation result: trajectory, baseline, goal, effect.
    pub outcome: Outcome,
    /// Shortest description of the effect, or why there is none.
    pub effect_dl: Result<Derivation, Undescribable>,
    /// Shortest description of the plan, or why there is none.
    pub plan_dl: Result<Derivation, Undescribable>,
    /// LZ76 of the setting's stream (effect text or plan actions), with its tokens.
    pub lz76: SequenceScore,
    /// Compressed size of the stream under the setting's codec, in bits.
    pub compressed_bits: f64,
    /// BDM of the effect's grids, one per variable kind.
    pub bdm: EffectBdm,
    /// The verdict under the setting's budget.
    pub verdict: Verdict,
}

/// LZ76 of a token stream, with the tokens so the phrases can be shown.
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceScore {
    /// The tokens.
    pub tokens: Vec<String>,
    /// The factorisation.
    pub lz76: Lz76,
    /// What goes between the tokens of a phrase when it is shown: nothing between
    /// characters, a space between actions or words.
    pub separator: &'static str,
}

impl SequenceScore {
    /// The phrases as text.
    pub fn phrases(&self) -> Vec<String> {
        self.lz76
            .phrases
            .iter()
            .map(|r| self.tokens[r.clone()].join(self.separator))
            .collect()
    }
}

/// BDM of an effect: one binary grid per variable kind it changes.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectBdm {
    /// Per kind: the grid (1 where a variable of the kind changed) and its BDM.
    pub grids: Vec<(VarKind, BinaryGrid, Bdm)>,
    /// The sum over kinds, in bits; zero for an empty effect.
    pub bits: f64,
}

impl PlanScore {
    /// Levin's Kt in bits, when the plan is describable.
    pub fn levin_kt(&self) -> Option<f64> {
        self.plan_dl
            .as_ref()
            .ok()
            .map(|d| levin_kt(d.bits(), self.outcome.steps()))
    }

    /// Effect description length in bits, when describable.
    pub fn effect_bits(&self) -> Option<f64> {
        self.effect_dl.as_ref().ok().map(Derivation::bits)
    }

    /// The value of a measure scoring computes, in its unit; `None` when the plan or
    /// effect cannot be described, or for measures computed on request.
    pub fn value(&self, measure: Measure) -> Option<f64> {
        match measure {
            Measure::EffectDl => self.effect_bits(),
            Measure::PlanDl => self.plan_bits(),
            Measure::LevinKt => self.levin_kt(),
            Measure::Lz76 => Some(self.lz76.lz76.complexity() as f64),
            Measure::Compress => Some(self.compressed_bits),
            Measure::Bdm => Some(self.bdm.bits),
            Measure::AlgorithmicProbability | Measure::SearchEffort => None,
        }
    }

    /// Plan description length in bits, when describable.
    pub fn plan_bits(&self) -> Option<f64> {
        self.plan_dl.as_ref().ok().map(Derivation::bits)
    }
}

/// Every plan of a scene scored in one setting, and the agent's choice.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneScore {
    /// Per plan, in scene order.
    pub plans: Vec<PlanScore>,
    /// The accepted plan with the shortest effect description, if any is accepted.
    pub choice: Option<String>,
}

/// Score one plan.
pub fn score_plan(scene: &Scene, setting: &Setting, plan: &Plan) -> PlanScore {
    let world = &scene.world;
    let outcome = Outcome::simulate(
        world,
        &setting.technologies,
        &scene.goal,
        &plan.actions,
        setting.baseline,
    );
    let effect_dl = effect_description(world, &setting.effective, &outcome.effect);
    let plan_dl = plan_description(
        world,
        &setting.effective,
        &plan.actions,
        &outcome.trajectory,
    );
    let verdict = judge(outcome.reaches_goal, &effect_dl, setting.budget);
    let words: Vec<String> = plan_dl
        .as_ref()
        .map(|d| d.words.iter().map(WordUse::call).collect())
        .unwrap_or_default();
    let tokens = stream_tokens(world, &outcome, &plan.actions, &words, setting.stream);
    let lz76 = SequenceScore {
        lz76: lz76(&tokens),
        tokens,
        separator: match setting.stream {
            Stream::Effect => "",
            Stream::Plan | Stream::Words => " ",
        },
    };
    let compressed_bits = setting.codec.compressed_bits(&stream_bytes(
        world,
        &outcome,
        &plan.actions,
        &words,
        setting.stream,
    ));
    let bdm = effect_bdm(world, &outcome, setting);
    PlanScore {
        plan: plan.name.clone(),
        outcome,
        effect_dl,
        plan_dl,
        lz76,
        compressed_bits,
        bdm,
        verdict,
    }
}

/// BDM of each variable kind's grid of an effect, padded to whole blocks.
pub fn effect_bdm(world: &World, outcome: &Outcome, setting: &Setting) -> EffectBdm {
    let options = &setting.bdm;
    let grids: Vec<(VarKind, BinaryGrid, Bdm)> = effect_grids(world, outcome, options.block)
        .into_iter()
        .filter_map(|(kind, grid)| {
            let result = bdm(&grid, &options.table, options.block, options.partition).ok()?;
            Some((kind, grid, result))
        })
        .collect();
    EffectBdm {
        bits: grids.iter().fold(0.0, |sum, (_, _, b)| sum + b.bits),
        grids,
    }
}

/// Score every plan of a scene.
pub fn score_scene(scene: &Scene, setting: &Setting) -> SceneScore {
    let plans: Vec<PlanScore> = scene
        .plans
        .iter()
        .map(|p| score_plan(scene, setting, p))
        .collect();
    let mut score = SceneScore {
        plans,
        choice: None,
    };
    score.judge(setting.budget);
    score
}

impl SceneScore {
    /// Judge every plan again under an effect budget, and choose again, from what was
    /// measured: a budget change costs this, not a new measurement.
    pub fn judge(&mut self, budget: f64) {
        for plan in &mut self.plans {
            plan.verdict = judge(plan.outcome.reaches_goal, &plan.effect_dl, budget);
        }
        self.choice = self
            .choice_under(Measure::EffectDl, Some(budget))
            .map(|p| self.plans[p].plan.clone());
    }

    /// The agent's choice under `measure` with `budget` on it (see [`agent_choice`]),
    /// as an index into [`Self::plans`].
    pub fn choice_under(&self, measure: Measure, budget: Option<f64>) -> Option<usize> {
        let candidates: Vec<ChoiceCandidate> = self
            .plans
            .iter()
            .map(|p| ChoiceCandidate {
                reaches_goal: p.outcome.reaches_goal,
                value: p.value(measure),
                plan_bits: p.plan_bits(),
            })
            .collect();
        agent_choice(&candidates, budget)
    }
}

/// One plan as the agent's choice sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChoiceCandidate {
    /// Whether the plan reaches the goal.
    pub reaches_goal: bool,
    /// Its value under the measure the choice is made by, if it has one.
    pub value: Option<f64>,
    /// Its plan description length, which breaks ties.
    pub plan_bits: Option<f64>,
}

/// Values closer than this are a tie, broken by plan description length: sums of the
/// same costs in another order differ by rounding, not by a real difference.
pub const CHOICE_TIE: f64 = 1e-9;

/// The agent's choice under a measure: among the plans (in scene order) that reach the
/// goal and have a value within `budget` (when there is one; see [`within_budget`]), the
/// one with the lowest value; values within [`CHOICE_TIE`] tie, and ties go to the
/// shorter plan description (an undescribable plan last), then to scene order. `None`
/// when no plan qualifies. Under [`Measure::EffectDl`] with the setting's budget this is
/// [`SceneScore::choice`].
pub fn agent_choice(candidates: &[ChoiceCandidate], budget: Option<f64>) -> Option<usize> {
    let qualifies = |c: &ChoiceCandidate| match budget {
        Some(b) => within_budget(c.reaches_goal, c.value, b),
        None => c.reaches_goal && c.value.is_some(),
    };
    let mut best: Option<(usize, f64, f64)> = None;
    for (i, c) in candidates.iter().enumerate() {
        let Some(value) = c.value.filter(|_| qualifies(c)) else {
            continue;
        };
        let tie_bits = c.plan_bits.unwrap_or(f64::INFINITY);
        let better = match best {
            None => true,
            Some((_, v, b)) => {
                value < v - CHOICE_TIE || ((value - v).abs() <= CHOICE_TIE && tie_bits < b)
            }
        };
        if better {
            best = Some((i, value, tie_bits));
        }
    }
    best.map(|(i, _, _)| i)
}

/// The budget the agent's choice under `measure` keeps to: `effect_budget` (the
/// setting's) for the effect description length, which always has one; the scene's
/// budget for any other measure, if it sets one.
pub fn choice_budget(scene: &Scene, measure: Measure, effect_budget: f64) -> Option<f64> {
    match measure {
        Measure::EffectDl => Some(effect_budget),
        other => scene.budget(other),
    }
}

/// The criterion with any budgeted measure in place of the effect description: the plan
/// reaches the goal and its value, if it has one, is within the budget (to 10^-9, so a
/// value printed as the budget is within it).
pub fn within_budget(reaches_goal: bool, value: Option<f64>, budget: f64) -> bool {
    reaches_goal && value.is_some_and(|v| v <= budget + 1e-9)
}

fn judge(reaches_goal: bool, effect: &Result<Derivation, Undescribable>, budget: f64) -> Verdict {
    let (accepted, reason) = match (reaches_goal, effect) {
        (false, _) => (false, "does not reach the goal".to_owned()),
        (true, Err(why)) => (false, format!("its effect cannot be described: {why}")),
        (true, Ok(d)) if within_budget(true, Some(d.bits()), budget) => (
            true,
            format!(
                "reaches the goal; effect takes {:.2} bits, within the budget of {budget} bits",
                d.bits()
            ),
        ),
        (true, Ok(d)) => (
            false,
            format!(
                "effect takes {:.2} bits, over the budget of {budget} bits",
                d.bits()
            ),
        ),
    };
    Verdict { accepted, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(
        reaches_goal: bool,
        value: Option<f64>,
        plan_bits: Option<f64>,
    ) -> ChoiceCandidate {
        ChoiceCandidate {
            reaches_goal,
            value,
            plan_bits,
        }
    }

    #[test]
    fn the_choice_is_the_lowest_value_within_the_budget_ties_by_plan_length() {
        let plans = [
            candidate(true, Some(9.0), Some(20.0)),
            candidate(false, Some(1.0), Some(1.0)),
            candidate(true, Some(5.0), Some(30.0)),
            candidate(true, Some(5.0 + 1e-12), Some(10.0)),
            candidate(true, None, Some(1.0)),
            candidate(true, Some(5.0), Some(10.0)),
        ];
        // Not the goal-missing plan, nor the undescribable one; the tie at 5 bits goes
        // to the shorter plan description, and between equal ones to scene order.
        assert_eq!(agent_choice(&plans, None), Some(3));
        assert_eq!(
            agent_choice(&plans, Some(5.0)),
            Some(3),
            "5 bits is within 5"
        );
        assert_eq!(
            agent_choice(&plans, Some(4.9)),
            None,
            "nothing within 4.9 bits"
        );
        assert_eq!(agent_choice(&plans[..1], Some(9.0)), Some(0));
        assert_eq!(agent_choice(&[], None), None);
        // Undescribable plans lose ties to describable ones.
        let tied = [
            candidate(true, Some(2.0), None),
            candidate(true, Some(2.0), Some(50.0)),
        ];
        assert_eq!(agent_choice(&tied, None), Some(1));
    }

    #[test]
    fn the_effect_choice_is_the_scene_scores_choice() {
        let scene = crate::scene::pink_car().unwrap();
        for name in crate::language::bundled_names() {
            let language = crate::language::resolve(name, None).unwrap();
            for commodify in [
                vec![],
                vec!["holography".to_owned()],
                vec!["neurotech".to_owned()],
            ] {
                for budget in [None, Some(0.0), Some(6.0), Some(30.0), Some(400.0)] {
                    let setting =
                        Setting::new(&scene, language.clone(), &commodify, budget).unwrap();
                    let score = score_scene(&scene, &setting);
                    let budget = choice_budget(&scene, Measure::EffectDl, setting.budget);
                    let chosen = score.choice_under(Measure::EffectDl, budget);
                    assert_eq!(
                        chosen.map(|p| score.plans[p].plan.clone()),
                        score.choice,
                        "{name} {commodify:?} {budget:?}"
                    );
                    // And the rule as the verdicts state it, independently: the accepted
                    // plan with the shortest effect description, a tie (physics: paint
                    // and mind_hack both 20.32 bits) to the shorter plan description.
                    let key = |p: &PlanScore| (p.effect_bits().unwrap(), p.plan_bits().unwrap());
                    let accepted = score
                        .plans
                        .iter()
                        .filter(|p| p.verdict.accepted)
                        .min_by(|a, b| key(a).partial_cmp(&key(b)).unwrap())
                        .map(|p| p.plan.clone());
                    assert_eq!(score.choice, accepted, "{name} {commodify:?} {budget:?}");
                }
            }
        }
    }

    #[test]
    fn a_measure_judges_like_the_effect_description() {
        assert!(within_budget(true, Some(14.0), 14.0));
        assert!(
            within_budget(true, Some(14.0 + 1e-12), 14.0),
            "printed as the budget"
        );
        assert!(!within_budget(true, Some(14.01), 14.0));
        assert!(
            !within_budget(false, Some(1.0), 14.0),
            "the goal is not reached"
        );
        assert!(!within_budget(true, None, 14.0), "no value, no acceptance");
        // Judging again after a budget change gives what measuring afresh would.
        let scene = crate::scene::pink_car().unwrap();
        let language = crate::language::resolve("everyday", None).unwrap();
        let mut setting = Setting::new(&scene, language, &[], None).unwrap();
        let mut score = score_scene(&scene, &setting);
        for budget in [0.0, 7.0, 25.0, 14.0] {
            score.judge(budget);
            setting.budget = budget;
            assert_eq!(score, score_scene(&scene, &setting), "budget {budget}");
        }
    }
}
