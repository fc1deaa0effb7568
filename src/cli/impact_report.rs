//! The report of `ladders impact`: a plan's deviation at each step and its penalised
//! return, with the options it was computed under.

use super::output::Report;
use ladders_domain::impact::{
    Deviation, ImpactBaseline, ImpactMeasure, ImpactOptions, ImpactReport, RolloutForm,
};
use ladders_domain::world::Action;
use serde::Serialize;
use std::fmt;

/// How attainable utility is scaled, as the output says it.
const AU_SCALE: &str = "(1 − γ) × the mean deviation of the values: the reference's scale";

/// The impact of a plan as `ladders impact` prints it (fields in alphabetical order, see
/// [`Report`]).
#[derive(Debug, Serialize)]
pub struct PlanImpact<'a> {
    /// Whether the state budget cut the enumeration, so the figures are approximate.
    approximate: bool,
    /// What the agent's states are compared with.
    baseline: ImpactBaseline,
    /// Weight of the penalty in the penalised return.
    beta: f64,
    /// f: truncation or absolute.
    deviation: Deviation,
    /// Discount γ.
    discount: f64,
    /// States reachable from the baseline but not from the agent's state, at the end.
    lost_states: usize,
    /// The deviation measure.
    measure: ImpactMeasure,
    /// reward − β · sum.
    penalised_return: f64,
    /// The deviation at each step.
    per_step: Vec<f64>,
    /// 1 if the plan reaches the scene's goal, else 0.
    reward: f64,
    /// How rollouts are compared, when there are rollouts (`null` otherwise).
    rollout_form: Option<RolloutForm>,
    /// Whether inaction rollouts of both states are compared.
    rollouts: bool,
    /// How attainable utility is scaled (`null` for the other measures).
    scale: Option<&'static str>,
    /// The scene's name.
    scene: &'a str,
    /// Bytes the enumerated state space takes.
    state_space_bytes: usize,
    /// Reachable non-terminal states enumerated.
    states: usize,
    /// The deviations' sum.
    sum: f64,
    /// The plan's actions, for the table's steps; a step past them is padding.
    #[serde(skip)]
    actions: &'a [Action],
}

impl<'a> PlanImpact<'a> {
    /// The report of `impact`, computed for `actions` in the scene `scene` under
    /// `options` with a state space of `state_space_bytes`.
    pub fn new(
        scene: &'a str,
        actions: &'a [Action],
        options: &ImpactOptions,
        impact: &ImpactReport,
        state_space_bytes: usize,
    ) -> Self {
        Self {
            approximate: impact.approximate,
            baseline: options.baseline,
            beta: options.beta,
            deviation: options.deviation,
            discount: options.discount,
            lost_states: impact.lost_states,
            measure: options.measure,
            penalised_return: unsigned_zero(impact.penalised_return),
            per_step: impact.per_step.iter().map(|d| unsigned_zero(*d)).collect(),
            reward: impact.reward,
            rollout_form: options.rollouts.then_some(options.rollout_form),
            rollouts: options.rollouts,
            scale: match options.measure {
                ImpactMeasure::AttainableUtility => Some(AU_SCALE),
                _ => None,
            },
            scene,
            state_space_bytes,
            states: impact.states,
            sum: unsigned_zero(impact.sum),
            actions,
        }
    }
}

impl Report for PlanImpact<'_> {}

impl fmt::Display for PlanImpact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rollouts = match (self.rollout_form, self.measure) {
            (None, _) => "",
            (Some(_), ImpactMeasure::Unreachability) | (Some(RolloutForm::Paired), _) => {
                " with inaction rollouts (paired)"
            }
            (Some(RolloutForm::Reference), _) => " with inaction rollouts (reference form)",
        };
        writeln!(
            f,
            "{}: {:?} against the {:?} baseline{rollouts}, {:?} deviation, discount {}",
            self.scene, self.measure, self.baseline, self.deviation, self.discount
        )?;
        if let Some(scale) = self.scale {
            writeln!(f, "attainable utility is reported as {scale}")?;
        }
        let approx = if self.approximate {
            " (approximate: the state budget cut the enumeration)"
        } else {
            ""
        };
        writeln!(f, "{} reachable non-terminal states{approx}", self.states)?;
        for (t, d) in self.per_step.iter().enumerate() {
            let action = self
                .actions
                .get(t)
                .map_or_else(|| "Noop (padding)".to_owned(), |a| a.to_string());
            writeln!(f, "  step {:>3}  {:<16} {}", t + 1, action, fixed(*d))?;
        }
        writeln!(
            f,
            "sum {}; reward {}; penalised return (β = {}) {}",
            fixed(self.sum),
            self.reward,
            self.beta,
            fixed(self.penalised_return)
        )
    }
}

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

    #[test]
    fn the_report_lists_keys_in_order() {
        let report = PlanImpact {
            approximate: false,
            baseline: ImpactBaseline::Stepwise,
            beta: 1.0,
            deviation: Deviation::Truncation,
            discount: 0.99,
            lost_states: 0,
            measure: ImpactMeasure::AttainableUtility,
            penalised_return: -0.5,
            per_step: vec![0.5],
            reward: 0.0,
            rollout_form: Some(RolloutForm::Reference),
            rollouts: true,
            scale: Some(AU_SCALE),
            scene: "test",
            state_space_bytes: 10,
            states: 3,
            sum: 0.5,
            actions: &[],
        };
        assert!(super::super::output::keys_are_sorted(&report));
        assert!(
            report
                .to_string()
                .contains("  step   1  Noop (padding)   0.500000\n")
        );
    }
}
