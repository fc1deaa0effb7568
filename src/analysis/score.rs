//! Scoring plans: simulate, measure, and judge each plan against the criterion.

use super::setting::Setting;
use crate::measures::{Derivation, Undescribable, effect_description, levin_kt, plan_description};
use crate::scene::{Plan, Scene};
use crate::world::Outcome;

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
    /// The verdict under the setting's budget.
    pub verdict: Verdict,
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
    PlanScore {
        plan: plan.name.clone(),
        outcome,
        effect_dl,
        plan_dl,
        verdict,
    }
}

/// Score every plan of a scene.
pub fn score_scene(scene: &Scene, setting: &Setting) -> SceneScore {
    let plans: Vec<PlanScore> = scene
        .plans
        .iter()
        .map(|p| score_plan(scene, setting, p))
        .collect();
    let choice = plans
        .iter()
        .filter(|p| p.verdict.accepted)
        .filter_map(|p| p.effect_bits().map(|b| (b, &p.plan)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.clone());
    SceneScore { plans, choice }
}

fn judge(reaches_goal: bool, effect: &Result<Derivation, Undescribable>, budget: f64) -> Verdict {
    let (accepted, reason) = match (reaches_goal, effect) {
        (false, _) => (false, "does not reach the goal".to_owned()),
        (true, Err(why)) => (false, format!("its effect cannot be described: {why}")),
        (true, Ok(d)) if d.bits() <= budget + 1e-9 => (
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
