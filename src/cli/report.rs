//! Formatting scores for the terminal and for JSON.

use crate::analysis::{PlanScore, SceneScore, Setting};
use crate::scene::Scene;
use serde_json::{Value, json};

/// Bits with two decimals, or `—` when undescribable.
pub fn bits(b: Option<f64>) -> String {
    b.map_or_else(|| "—".to_owned(), |b| format!("{b:.2}"))
}

/// `everyday (commodified: paint)`.
pub fn setting_label(setting: &Setting) -> String {
    let commodified: Vec<&str> = setting.technologies.commodified().collect();
    if commodified.is_empty() {
        setting.language.name.clone()
    } else {
        format!(
            "{} (commodified: {})",
            setting.language.name,
            commodified.join(", ")
        )
    }
}

/// The measures of a plan as a JSON object, `null` where undescribable.
pub fn measures_json(plan: &PlanScore) -> Value {
    json!({
        "effect_dl": plan.effect_bits(),
        "plan_dl": plan.plan_bits(),
        "levin_kt": plan.levin_kt(),
    })
}

/// The JSON report of `ladders score`.
pub fn score_json(scene: &Scene, setting: &Setting, score: &SceneScore) -> Value {
    let plans: Vec<Value> = score
        .plans
        .iter()
        .map(|p| {
            json!({
                "name": p.plan,
                "reaches_goal": p.outcome.reaches_goal,
                "steps": p.outcome.steps(),
                "effect": p.outcome.effect.iter().map(|c| c.var.name(&scene.world)).collect::<Vec<_>>(),
                "measures": measures_json(p),
                "verdict": if p.verdict.accepted { "accepted" } else { "rejected" },
                "reason": p.verdict.reason,
            })
        })
        .collect();
    json!({
        "scene": scene.name,
        "language": setting.language.name,
        "commodified": setting.technologies.commodified().collect::<Vec<_>>(),
        "budget": setting.budget,
        "plans": plans,
        "choice": score.choice,
    })
}

/// The text table of `ladders score`.
pub fn score_table(scene: &Scene, setting: &Setting, score: &SceneScore) -> String {
    let mut out = format!(
        "{}\nlanguage {}, effect budget {} bits, goal {}\n\n",
        scene.name,
        setting_label(setting),
        setting.budget,
        scene.goal.describe(&scene.world)
    );
    let width = score
        .plans
        .iter()
        .map(|p| p.plan.len())
        .max()
        .unwrap_or(4)
        .max(4);
    out += &format!(
        "{:<width$}  {:>4}  {:>9}  {:>8}  {:>8}  {:<8}  {}\n",
        "plan", "goal", "effect_dl", "plan_dl", "levin_kt", "verdict", "reason"
    );
    for p in &score.plans {
        out += &format!(
            "{:<width$}  {:>4}  {:>9}  {:>8}  {:>8}  {:<8}  {}\n",
            p.plan,
            if p.outcome.reaches_goal { "yes" } else { "no" },
            bits(p.effect_bits()),
            bits(p.plan_bits()),
            bits(p.levin_kt()),
            if p.verdict.accepted {
                "accepted"
            } else {
                "rejected"
            },
            p.verdict.reason
        );
    }
    out += &format!(
        "\nchoice: {}\n",
        score
            .choice
            .as_deref()
            .unwrap_or("none (no plan is accepted)")
    );
    out
}
