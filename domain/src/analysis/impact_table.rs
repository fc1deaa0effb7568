//! The impact measures of every plan of a scene: one state space, enumerated once, and for
//! each measure the impact of each plan against the baseline. The window's impact columns
//! are this table; `ladders impact` computes one of its cells with the same options.

use crate::impact::{
    ImpactMeasure, ImpactOptions, ImpactReport, ImpactSetting, StateSpace, impact_of_plan,
};
use crate::limits::MemoryBudget;
use crate::scene::Scene;

/// How much of the world the table looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImpactBounds {
    /// The most states enumerated; beyond it reports are marked approximate.
    pub states: usize,
    /// The most states attainable utility is computed over (value iteration per reward).
    pub value_states: usize,
}

/// Per plan (scene order), per measure (the order asked for): the report, or why there is
/// none.
#[derive(Clone, Debug, PartialEq)]
pub struct ImpactTable {
    /// The rows.
    pub reports: Vec<Vec<Result<ImpactReport, String>>>,
}

/// The impact of every plan of `scene` under each of `measures`, with `options`' baseline,
/// deviation, rollouts and discount (their measure and state budget are set here).
/// `progress` hears the fraction done and returns whether to go on; `None` if it said no.
pub fn impact_table(
    scene: &Scene,
    options: &ImpactOptions,
    measures: &[ImpactMeasure],
    bounds: ImpactBounds,
    memory: &MemoryBudget,
    progress: &dyn Fn(f64) -> bool,
) -> Option<ImpactTable> {
    let tech = &scene.world.technologies;
    let space =
        StateSpace::explore(&scene.world, tech, bounds.states, memory).map_err(|e| e.to_string());
    let mut reports = vec![Vec::with_capacity(measures.len()); scene.plans.len()];
    for (k, &measure) in measures.iter().enumerate() {
        let options = ImpactOptions {
            measure,
            state_budget: bounds.states,
            ..options.clone()
        };
        let setting = match &space {
            Err(e) => Err(e.clone()),
            // Value iteration over a large space takes too long for an interactive view.
            Ok(space)
                if measure == ImpactMeasure::AttainableUtility
                    && space.len() > bounds.value_states =>
            {
                Err(format!(
                    "attainable utility is computed here for up to {} states; this scene has \
                     more: use `ladders impact --measure au`",
                    bounds.value_states
                ))
            }
            Ok(space) => {
                ImpactSetting::with_space(space.clone(), options).map_err(|e| e.to_string())
            }
        };
        let cells = (measures.len() * scene.plans.len()).max(1) as f64;
        for (i, (plan, row)) in scene.plans.iter().zip(reports.iter_mut()).enumerate() {
            let report = match &setting {
                Ok(setting) => {
                    impact_of_plan(scene, tech, setting, &plan.actions).map_err(|e| e.to_string())
                }
                Err(e) => Err(e.clone()),
            };
            row.push(report);
            let done = k * scene.plans.len() + i + 1;
            if !progress(done as f64 / cells) {
                return None;
            }
        }
    }
    Some(ImpactTable { reports })
}
