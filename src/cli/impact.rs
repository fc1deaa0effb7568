//! `ladders impact`: per-step deviations of a plan from a baseline, from the side-effects
//! literature.

use super::impact_report::PlanImpact;
use super::{ImpactArgs, load_scene, output};
use anyhow::{anyhow, bail};
use ladders_domain::impact::{ImpactOptions, ImpactSetting, StateSpace, impact_of_plan};
use ladders_domain::world::{Action, Dir};

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
    let impact = impact_of_plan(&scene, &world.technologies, &setting, &actions)?;
    let report = PlanImpact::new(
        &scene.name,
        &actions,
        &options,
        &impact,
        setting.space.heap_bytes(),
    );
    Ok(output::print(&report, args.format)?)
}
