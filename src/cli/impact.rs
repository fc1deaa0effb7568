//! `ladders impact`: per-step deviations of a plan from a baseline, from the side-effects
//! literature.

use super::{Format, ImpactArgs, load_scene};
use anyhow::{anyhow, bail};
use ladders_domain::impact::{
    ImpactMeasure, ImpactOptions, ImpactSetting, RolloutForm, StateSpace, impact_of_plan,
};
use ladders_domain::world::{Action, Dir};
use serde_json::json;

/// Parse `U,D,L,R,N` into actions.
pub fn parse_actions(text: &str) -> anyhow::Result<Vec<Action>> {
    let actions: Vec<Action> = text
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .enumerate()
        .map(|(i, token)| match token.to_ascii_uppercase().as_str() {
            "U" => Ok(Action::Move(Dir::N)),
            "D" => Ok(Action::Move(Dir::S)),
            "L" => Ok(Action::Move(Dir::W)),
            "R" => Ok(Action::Move(Dir::E)),
            "N" => Ok(Action::Noop),
            _ => Err(anyhow!(
                "action {} is `{token}`; expected one of U, D, L, R, N",
                i + 1
            )),
        })
        .collect::<anyhow::Result<_>>()?;
    if actions.is_empty() {
        bail!("--actions is empty; give a comma-separated list such as U,R,R,D");
    }
    Ok(actions)
}

/// Print the impact of a plan.
pub fn run(args: &ImpactArgs, memory: ladders_domain::limits::MemoryBudget) -> anyhow::Result<()> {
    let scene = load_scene(&args.scene)?;
    let actions = match (&args.plan, &args.actions) {
        (Some(name), None) => {
            let plan = scene.plan(name).ok_or_else(|| {
                let names: Vec<&str> = scene.plans.iter().map(|p| p.name.as_str()).collect();
                anyhow!(
                    "the scene has no plan `{name}` (expected one of: {})",
                    names.join(", ")
                )
            })?;
            plan.actions.clone()
        }
        (None, Some(text)) => parse_actions(text)?,
        _ => bail!("give exactly one of --plan NAME or --actions U,D,L,R,N,..."),
    };
    // A move off the grid is a plan that walks into nothing: refuse it rather than guess.
    let world = &scene.world;
    let mut state = world.initial_state();
    for (i, action) in actions.iter().enumerate() {
        if let Action::Move(d) = action {
            let to = state.agent.step(*d);
            if !world.grid.contains(to) {
                bail!(
                    "action {} ({action}) walks off the grid from {}",
                    i + 1,
                    state.agent
                );
            }
        }
        state = world.step(&world.technologies, &state, *action);
    }
    let options = ImpactOptions {
        measure: args.measure,
        baseline: args.baseline,
        rollouts: args.rollouts,
        rollout_form: args.rollout_form,
        deviation: args.deviation,
        discount: args.discount,
        horizon: args.horizon,
        utilities: args.utilities,
        seed: args.seed,
        beta: args.beta,
        state_budget: args
            .states
            .unwrap_or_else(|| StateSpace::default_budget(world, &memory)),
        memory,
    };
    let setting = ImpactSetting::new(world, &world.technologies, options.clone())?;
    let report = impact_of_plan(&scene, &world.technologies, &setting, &actions)?;
    let scale = match options.measure {
        ImpactMeasure::AttainableUtility => Some(AU_SCALE),
        _ => None,
    };
    match args.format {
        Format::Json => {
            let per_step: Vec<f64> = report.per_step.iter().map(|d| unsigned_zero(*d)).collect();
            let out = json!({
                "scene": scene.name,
                "measure": options.measure,
                "scale": scale,
                "baseline": options.baseline,
                "rollouts": options.rollouts,
                "rollout_form": options.rollouts.then_some(options.rollout_form),
                "deviation": options.deviation,
                "discount": options.discount,
                "per_step": per_step,
                "sum": unsigned_zero(report.sum),
                "states": report.states,
                "state_space_bytes": setting.space.heap_bytes(),
                "approximate": report.approximate,
                "lost_states": report.lost_states,
                "reward": report.reward,
                "beta": options.beta,
                "penalised_return": unsigned_zero(report.penalised_return),
            });
            crate::outln!("{out:#}");
        }
        Format::Table => {
            let rollouts = match (options.rollouts, options.measure, options.rollout_form) {
                (false, _, _) => "",
                (true, ImpactMeasure::Unreachability, _) | (true, _, RolloutForm::Paired) => {
                    " with inaction rollouts (paired)"
                }
                (true, _, RolloutForm::Reference) => " with inaction rollouts (reference form)",
            };
            crate::outln!(
                "{}: {:?} against the {:?} baseline{rollouts}, {:?} deviation, discount {}",
                scene.name,
                options.measure,
                options.baseline,
                options.deviation,
                options.discount
            );
            if let Some(scale) = scale {
                crate::outln!("attainable utility is reported as {scale}");
            }
            let approx = if report.approximate {
                " (approximate: the state budget cut the enumeration)"
            } else {
                ""
            };
            crate::outln!("{} reachable non-terminal states{approx}", report.states);
            for (t, d) in report.per_step.iter().enumerate() {
                let action = actions
                    .get(t)
                    .map_or_else(|| "Noop (padding)".to_owned(), |a| a.to_string());
                crate::outln!("  step {:>3}  {:<16} {}", t + 1, action, fixed(*d));
            }
            crate::outln!(
                "sum {}; reward {}; penalised return (β = {}) {}",
                fixed(report.sum),
                report.reward,
                options.beta,
                fixed(report.penalised_return)
            );
        }
    }
    Ok(())
}

/// How attainable utility is scaled, as the output says it.
const AU_SCALE: &str = "(1 − γ) × the mean deviation of the values: the reference's scale";

/// `x`, with a negative zero made positive (JSON would print it as `-0.0`).
fn unsigned_zero(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x }
}

/// `x` to six decimals, never `-0.000000`: a value that rounds to zero prints as zero.
fn fixed(x: f64) -> String {
    let text = format!("{x:.6}");
    match text.strip_prefix('-') {
        Some(digits) if digits.chars().all(|c| c == '0' || c == '.') => digits.to_owned(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_round_to_zero_print_without_a_sign() {
        assert_eq!(fixed(-0.0), "0.000000");
        assert_eq!(fixed(-1e-12), "0.000000");
        assert_eq!(fixed(-0.5), "-0.500000");
        assert_eq!(fixed(0.25), "0.250000");
        assert_eq!(unsigned_zero(-0.0).to_string(), "0");
    }
}
