//! `ladders impact`: per-step deviations of a plan from a baseline, from the side-effects
//! literature.

use super::{Format, ImpactArgs, load_scene};
use crate::impact::{ImpactOptions, ImpactSetting, impact_of_plan};
use crate::world::{Action, Dir};
use anyhow::{anyhow, bail};
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
pub fn run(args: &ImpactArgs, _memory: crate::limits::MemoryBudget) -> anyhow::Result<()> {
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
        deviation: args.deviation,
        discount: args.discount,
        horizon: args.horizon,
        utilities: args.utilities,
        seed: args.seed,
        beta: args.beta,
        state_budget: args.states,
    };
    let setting =
        ImpactSetting::new(world, &world.technologies, options.clone()).map_err(|e| anyhow!(e))?;
    let report =
        impact_of_plan(&scene, &world.technologies, &setting, &actions).map_err(|e| anyhow!(e))?;
    match args.format {
        Format::Json => {
            let out = json!({
                "scene": scene.name,
                "measure": options.measure,
                "baseline": options.baseline,
                "rollouts": options.rollouts,
                "deviation": options.deviation,
                "discount": options.discount,
                "per_step": report.per_step,
                "sum": report.sum,
                "states": report.states,
                "approximate": report.approximate,
                "lost_states": report.lost_states,
                "reward": report.reward,
                "beta": options.beta,
                "penalised_return": report.penalised_return,
            });
            crate::outln!("{out:#}");
        }
        Format::Table => {
            crate::outln!(
                "{}: {:?} against the {:?} baseline{}, {:?} deviation, discount {}",
                scene.name,
                options.measure,
                options.baseline,
                if options.rollouts {
                    " with inaction rollouts"
                } else {
                    ""
                },
                options.deviation,
                options.discount
            );
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
                crate::outln!("  step {:>3}  {:<16} {d:.6}", t + 1, action);
            }
            crate::outln!(
                "sum {:.6}; reward {}; penalised return (β = {}) {:.6}",
                report.sum,
                report.reward,
                options.beta,
                report.penalised_return
            );
        }
    }
    Ok(())
}
