//! The continuous commodification sweep: an availability a in [0, 1] for one technology
//! moves its words' costs, linearly in bits, from their values while the technology is
//! merely available (a = 0) to their commodified values (a = 1). A word only
//! commodification adds enters at the technology's `entering_cost` (default
//! [`DEFAULT_ENTERING_COST`]) at a = 0; a = 0 scores as the technology merely available
//! when that cost is high enough that no description uses the entering words.
//!
//! The prefix code stays valid at every a: 2^-x is convex, so by Jensen
//! Σ 2^-((1-a)·c0 + a·c1) ≤ (1-a)·Σ 2^-c0 + a·Σ 2^-c1 ≤ 1 when both ends satisfy Kraft.
//! The commodified end is checked when a language loads; the a = 0 end, with the entering
//! words at their entering cost, is checked here and refused if it is not a prefix code.
//!
//! The word set is the same at every a, only costs change, so each plan is matched once
//! ([`PlanMatches`], [`EffectCandidates`]) and every a costs a shortest path and a cover.

use super::score::{ChoiceCandidate, agent_choice, choice_budget};
use crate::language::{DEFAULT_ENTERING_COST, Language, kraft_sum};
use crate::measures::{ActionCosts, EffectCandidates, Measure, PlanMatches, StateCosts, levin_kt};
use crate::scene::Scene;
use crate::world::{Baseline, Outcome, TechLevel, TechLevels};
use serde::Serialize;
use thiserror::Error;

/// Grid points of a in [0, 1]: steps of 0.01.
pub const AVAILABILITY_POINTS: usize = 101;
/// How finely a switch between grid points is bisected.
pub const SWITCH_TOLERANCE: f64 = 1e-4;
/// Slack on Kraft's sum, as language loading allows.
const KRAFT_SLACK: f64 = 1e-9;

/// Why a continuous sweep cannot run.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum AvailabilityError {
    /// A technology the scene does not have.
    #[error("unknown technology `{name}`: the scene has {}", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownTechnology {
        /// The name given.
        name: String,
        /// The scene's technologies.
        known: Vec<String>,
    },
    /// A measure the sweep does not compute.
    #[error("the continuous sweep computes the scored measures, not `{0}`")]
    Measure(&'static str),
    /// An entering cost that is not a positive number of bits.
    #[error("the entering cost must be a positive number of bits, not {0}")]
    EnteringCost(f64),
    /// The a = 0 end is not a prefix code.
    #[error(
        "with `{technology}` merely available and its new words at their entering cost of {entering} bits, the {vocabulary} words of `{language}` are not a prefix code: Σ 2^-cost = {sum:.4} > 1 (raise the entering cost)"
    )]
    NotPrefixCode {
        /// The language.
        language: String,
        /// The technology.
        technology: String,
        /// `action` or `state`.
        vocabulary: &'static str,
        /// The entering cost used.
        entering: f64,
        /// Kraft's sum.
        sum: f64,
    },
    /// A plan's words match in too many ways.
    #[error("{0}")]
    Plan(String),
}

/// One language's words for one technology's availability: the commodified word list,
/// each word's cost at both ends, and every plan matched once.
pub struct AvailabilitySpace<'a> {
    scene: &'a Scene,
    technology: String,
    entering: f64,
    /// The language with the technology commodified: its word list is the list at every a.
    commodified: Language,
    actions: (Vec<f64>, Vec<f64>),
    states: (Vec<f64>, Vec<f64>),
    plans: Vec<(Outcome, PlanMatches, EffectCandidates)>,
    effect_budget: f64,
}

/// A switch of the agent's choice between two grid points.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Switch {
    /// Where it switches, rounded to 0.01.
    pub at: f64,
    /// The bisected point, to [`SWITCH_TOLERANCE`].
    pub bisected: f64,
    /// The choice just below (plan index).
    pub from: Option<usize>,
    /// The choice just above.
    pub to: Option<usize>,
}

/// The result of a continuous sweep: plain data, ready to print or plot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Availability {
    /// The language.
    pub language: String,
    /// The technology whose availability moves.
    pub technology: String,
    /// The measure the choice is made by.
    pub measure: Measure,
    /// The budget the choice keeps to, if any.
    pub budget: Option<f64>,
    /// Bits of an entering word at a = 0.
    pub entering_cost: f64,
    /// The plans, in scene order.
    pub plans: Vec<String>,
    /// The grid of a: 0, 0.01, …, 1.
    pub grid: Vec<f64>,
    /// `values[plan][point]` under the measure.
    pub values: Vec<Vec<Option<f64>>>,
    /// The choice at each grid point.
    pub choices: Vec<Option<usize>>,
    /// Each switch of the choice, in increasing a.
    pub switches: Vec<Switch>,
}

impl<'a> AvailabilitySpace<'a> {
    /// Prepare `language`'s sweep of `technology` on `scene`; the other technologies keep
    /// the scene's levels. `entering_cost` overrides the language's.
    pub fn new(
        scene: &'a Scene,
        language: &Language,
        technology: &str,
        entering_cost: Option<f64>,
    ) -> Result<Self, AvailabilityError> {
        let world = &scene.world;
        let Some(id) = world.technologies.id(technology) else {
            return Err(AvailabilityError::UnknownTechnology {
                name: technology.to_owned(),
                known: world
                    .technologies
                    .iter()
                    .map(|(n, _)| n.to_owned())
                    .collect(),
            });
        };
        let entering = entering_cost
            .or_else(|| {
                language
                    .commodified
                    .get(technology)
                    .and_then(|c| c.entering_cost)
            })
            .unwrap_or(DEFAULT_ENTERING_COST);
        if !(entering.is_finite()
            && entering > 0.0
            && entering <= crate::language::MAX_ENTERING_COST)
        {
            return Err(AvailabilityError::EnteringCost(entering));
        }
        let mut available = world.technologies.clone();
        available.set(id, TechLevel::Available);
        let mut commodified_levels = available.clone();
        commodified_levels.set(id, TechLevel::Commodified);
        let at_zero = language.for_levels(&available);
        let commodified = language.for_levels(&commodified_levels);
        let ends = |zero: &[(String, f64)], one: &[(String, f64)]| -> (Vec<f64>, Vec<f64>) {
            let c0 = one
                .iter()
                .map(|(name, _)| {
                    zero.iter()
                        .find(|(n, _)| n == name)
                        .map_or(entering, |(_, c)| *c)
                })
                .collect();
            (c0, one.iter().map(|(_, c)| *c).collect())
        };
        let named_a = |l: &Language| -> Vec<(String, f64)> {
            l.actions
                .words
                .iter()
                .map(|w| (w.name.clone(), w.cost))
                .collect()
        };
        let named_s = |l: &Language| -> Vec<(String, f64)> {
            l.states
                .words
                .iter()
                .map(|w| (w.name.clone(), w.cost))
                .collect()
        };
        let actions = ends(&named_a(&at_zero), &named_a(&commodified));
        let states = ends(&named_s(&at_zero), &named_s(&commodified));
        let effect_budget = scene
            .budget(Measure::EffectDl)
            .unwrap_or(crate::scene::DEFAULT_EFFECT_BUDGET);
        // Both levels work, so the outcomes are the same at every a.
        let plans = scene
            .plans
            .iter()
            .map(|plan| {
                let outcome = Outcome::simulate(
                    world,
                    &commodified_levels,
                    &scene.goal,
                    &plan.actions,
                    Baseline::default(),
                );
                let repeats = commodified
                    .actions
                    .words
                    .iter()
                    .any(|w| matches!(w.body, crate::language::Body::Repeat));
                let matches = PlanMatches::find(
                    world,
                    &commodified.name,
                    &commodified.actions.words,
                    repeats,
                    &plan.actions,
                    &outcome.trajectory,
                )
                .map_err(|e| AvailabilityError::Plan(format!("plan `{}`: {e}", plan.name)))?;
                let candidates =
                    EffectCandidates::find(world, &commodified.states.words, &outcome.effect);
                Ok((outcome, matches, candidates))
            })
            .collect::<Result<_, AvailabilityError>>()?;
        let space = Self {
            scene,
            technology: technology.to_owned(),
            entering,
            commodified,
            actions,
            states,
            plans,
            effect_budget,
        };
        let zero = space.language_at(0.0);
        for (vocabulary, sum) in [
            ("action", kraft_sum(&zero.actions)),
            ("state", kraft_sum(&zero.states)),
        ] {
            if sum > 1.0 + KRAFT_SLACK {
                return Err(AvailabilityError::NotPrefixCode {
                    language: language.name.clone(),
                    technology: technology.to_owned(),
                    vocabulary,
                    entering,
                    sum,
                });
            }
        }
        Ok(space)
    }

    /// The technology levels at any a > 0 (and the ones simulated): the scene's, with the
    /// technology commodified.
    pub fn levels(&self) -> TechLevels {
        let mut levels = self.scene.world.technologies.clone();
        if let Some(id) = levels.id(&self.technology) {
            levels.set(id, TechLevel::Commodified);
        }
        levels
    }

    /// The language at availability `a` (clamped to [0, 1]) as an ordinary language: the
    /// commodified word list at the interpolated costs, with no technology changes left
    /// to apply. Scoring it is the slow path the fast one must agree with.
    pub fn language_at(&self, a: f64) -> Language {
        let a = a.clamp(0.0, 1.0);
        let mut out = self.commodified.clone();
        out.commodified.clear();
        for (w, cost) in out.actions.words.iter_mut().zip(lerp(&self.actions, a)) {
            w.cost = cost;
        }
        for (w, cost) in out.states.words.iter_mut().zip(lerp(&self.states, a)) {
            w.cost = cost;
        }
        out
    }

    /// Every plan's value under `measure` at availability `a`, in scene order.
    pub fn values_at(&self, a: f64, measure: Measure) -> Vec<Option<f64>> {
        self.candidates_at(a, measure)
            .into_iter()
            .map(|c| c.value)
            .collect()
    }

    fn candidates_at(&self, a: f64, measure: Measure) -> Vec<ChoiceCandidate> {
        let a = a.clamp(0.0, 1.0);
        let action_costs = lerp(&self.actions, a);
        let repeat = self
            .commodified
            .actions
            .words
            .iter()
            .zip(&action_costs)
            .enumerate()
            .filter(|(_, (w, _))| matches!(w.body, crate::language::Body::Repeat))
            .map(|(i, (_, c))| (i, *c))
            .min_by(|x, y| x.1.total_cmp(&y.1));
        let actions = ActionCosts {
            word: action_costs.into_iter().map(Some).collect(),
            repeat,
            end: self.commodified.actions.end,
        };
        let states = StateCosts {
            word: lerp(&self.states, a).into_iter().map(Some).collect(),
            end: self.commodified.states.end,
        };
        self.plans
            .iter()
            .zip(&self.scene.plans)
            .map(|((outcome, matches, candidates), plan)| {
                let plan_bits = matches.shortest_bits(&actions);
                let value = match measure {
                    Measure::EffectDl => candidates.shortest_bits(&states, None),
                    Measure::PlanDl => plan_bits,
                    Measure::LevinKt => plan_bits.map(|b| levin_kt(b, outcome.steps())),
                    // The world-free measures do not move with a.
                    Measure::Lz76 | Measure::Compress | Measure::Bdm => {
                        let setting = super::Setting::with_levels(
                            self.commodified.clone(),
                            self.levels(),
                            self.effect_budget,
                        );
                        super::score_plan(self.scene, &setting, plan).value(measure)
                    }
                    Measure::AlgorithmicProbability | Measure::SearchEffort => None,
                };
                ChoiceCandidate {
                    reaches_goal: outcome.reaches_goal,
                    value,
                    plan_bits,
                }
            })
            .collect()
    }

    /// The agent's choice under `measure` at availability `a`.
    pub fn choice_at(&self, a: f64, measure: Measure) -> Option<usize> {
        let budget = choice_budget(self.scene, measure, self.effect_budget);
        agent_choice(&self.candidates_at(a, measure), budget)
    }

    /// The sweep under `measure`: values and choices at the 101 grid points, and every
    /// switch between neighbouring points bisected to [`SWITCH_TOLERANCE`]. (A choice
    /// that switches and switches back between two grid points is not seen.)
    pub fn sweep(&self, measure: Measure) -> Result<Availability, AvailabilityError> {
        if !measure.info().scored {
            return Err(AvailabilityError::Measure(measure.key()));
        }
        let budget = choice_budget(self.scene, measure, self.effect_budget);
        let grid: Vec<f64> = (0..AVAILABILITY_POINTS)
            .map(|i| i as f64 / (AVAILABILITY_POINTS - 1) as f64)
            .collect();
        let mut values = vec![Vec::with_capacity(grid.len()); self.plans.len()];
        let mut choices = Vec::with_capacity(grid.len());
        // World-free measures are constant in a: score them once.
        let constant = matches!(measure, Measure::Lz76 | Measure::Compress | Measure::Bdm)
            .then(|| self.candidates_at(0.0, measure));
        for &a in &grid {
            let candidates = constant
                .clone()
                .unwrap_or_else(|| self.candidates_at(a, measure));
            for (p, c) in candidates.iter().enumerate() {
                values[p].push(c.value);
            }
            choices.push(agent_choice(&candidates, budget));
        }
        let mut switches = Vec::new();
        for i in 1..grid.len() {
            if choices[i] == choices[i - 1] {
                continue;
            }
            let (mut lo, mut hi) = (grid[i - 1], grid[i]);
            while hi - lo > SWITCH_TOLERANCE {
                let mid = 0.5 * (lo + hi);
                if self.choice_at(mid, measure) == choices[i - 1] {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let bisected = 0.5 * (lo + hi);
            switches.push(Switch {
                at: (bisected * 100.0).round() / 100.0,
                bisected,
                from: choices[i - 1],
                to: choices[i],
            });
        }
        Ok(Availability {
            language: self.commodified.name.clone(),
            technology: self.technology.clone(),
            measure,
            budget,
            entering_cost: self.entering,
            plans: self.scene.plans.iter().map(|p| p.name.clone()).collect(),
            grid,
            values,
            choices,
            switches,
        })
    }
}

/// Costs at a: (1 − a)·c0 + a·c1, word by word.
fn lerp((zero, one): &(Vec<f64>, Vec<f64>), a: f64) -> Vec<f64> {
    zero.iter()
        .zip(one)
        .map(|(c0, c1)| (1.0 - a) * c0 + a * c1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Setting, score_scene};

    fn pink() -> Scene {
        crate::scene::pink_car().unwrap()
    }

    fn everyday() -> Language {
        crate::language::resolve("everyday", None).unwrap()
    }

    #[test]
    fn the_ends_are_the_available_and_commodified_settings() {
        let scene = pink();
        for name in crate::language::bundled_names() {
            let language = crate::language::resolve(name, None).unwrap();
            for tech in ["holography", "neurotech"] {
                let space = AvailabilitySpace::new(&scene, &language, tech, None).unwrap();
                let available = Setting::new(&scene, language.clone(), &[], None).unwrap();
                let commodified =
                    Setting::new(&scene, language.clone(), &[tech.to_owned()], None).unwrap();
                for (a, setting) in [(0.0, available), (1.0, commodified)] {
                    let score = score_scene(&scene, &setting);
                    for m in [Measure::EffectDl, Measure::PlanDl, Measure::LevinKt] {
                        let fast = space.values_at(a, m);
                        let slow: Vec<Option<f64>> =
                            score.plans.iter().map(|p| p.value(m)).collect();
                        for (f, s) in fast.iter().zip(&slow) {
                            assert!(
                                f.zip(*s).is_some_and(|(f, s)| (f - s).abs() < 1e-9) || f == s,
                                "{name} {tech} a={a} {m:?}: {fast:?} vs {slow:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn kraft_holds_at_every_a() {
        let scene = pink();
        for name in crate::language::bundled_names() {
            let language = crate::language::resolve(name, None).unwrap();
            for tech in ["holography", "neurotech", "paint"] {
                let space = AvailabilitySpace::new(&scene, &language, tech, None).unwrap();
                for i in 0..=200 {
                    let l = space.language_at(i as f64 / 200.0);
                    assert!(kraft_sum(&l.actions) <= 1.0 + 1e-9, "{name} {tech} {i}");
                    assert!(kraft_sum(&l.states) <= 1.0 + 1e-9, "{name} {tech} {i}");
                }
            }
        }
    }

    #[test]
    fn an_a_zero_end_that_is_not_a_prefix_code_is_refused() {
        let scene = pink();
        // At 1 bit the new `project` and `hologram` words take half the code each.
        let err = AvailabilitySpace::new(&scene, &everyday(), "holography", Some(1.0))
            .err()
            .unwrap();
        assert!(
            matches!(err, AvailabilityError::NotPrefixCode { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("raise the entering cost"), "{err}");
        assert!(matches!(
            AvailabilitySpace::new(&scene, &everyday(), "holography", Some(-3.0)),
            Err(AvailabilityError::EnteringCost(_))
        ));
        assert!(matches!(
            AvailabilitySpace::new(&scene, &everyday(), "warp", None),
            Err(AvailabilityError::UnknownTechnology { .. })
        ));
        let space = AvailabilitySpace::new(&scene, &everyday(), "holography", None).unwrap();
        assert_eq!(
            space.sweep(Measure::SearchEffort).unwrap_err(),
            AvailabilityError::Measure("search_effort")
        );
    }

    #[test]
    fn the_hologram_takes_over_where_the_two_values_cross() {
        let scene = pink();
        let space = AvailabilitySpace::new(&scene, &everyday(), "holography", None).unwrap();
        let sweep = space.sweep(Measure::EffectDl).unwrap();
        let plan = |n: &str| sweep.plans.iter().position(|p| p == n);
        let (paint, hologram) = (plan("paint"), plan("hologram"));
        assert_eq!(sweep.choices[0], paint);
        assert_eq!(sweep.choices[100], hologram);
        let switch = sweep
            .switches
            .iter()
            .find(|s| s.from == paint && s.to == hologram)
            .expect("paint -> hologram");
        assert_eq!(sweep.switches.len(), 1, "{:?}", sweep.switches);
        // Through the slow path, the language at a ± 0.01 scored as any language is.
        let (p, h) = (paint.unwrap(), hologram.unwrap());
        let levels = space.levels();
        let score = |a: f64| {
            let setting = Setting::with_levels(space.language_at(a), levels.clone(), 14.0);
            let s = score_scene(&scene, &setting);
            (
                s.plans[p].effect_bits().unwrap(),
                s.plans[h].effect_bits().unwrap(),
                s.choice,
            )
        };
        let (paint_below, hologram_below, choice_below) = score(switch.bisected - 0.01);
        let (paint_above, hologram_above, choice_above) = score(switch.bisected + 0.01);
        assert!(
            hologram_below > paint_below,
            "{hologram_below} vs {paint_below}"
        );
        assert!(
            hologram_above < paint_above,
            "{hologram_above} vs {paint_above}"
        );
        assert_eq!(choice_below.as_deref(), Some("paint"));
        assert_eq!(choice_above.as_deref(), Some("hologram"));
        assert!((switch.at - switch.bisected).abs() <= 0.005 + 1e-12);
    }
}
