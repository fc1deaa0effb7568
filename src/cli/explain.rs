//! `ladders explain`: both derivations of one plan, word by word.

use super::{ExplainArgs, Format, load_scene, report, setting};
use anyhow::anyhow;
use ladders_domain::analysis::score_plan;
use ladders_domain::measures::{Derivation, Undescribable};
use ladders_domain::world::World;
use serde_json::json;

/// Print the effect and plan derivations of one plan.
pub fn run(args: &ExplainArgs) -> anyhow::Result<()> {
    let scene = load_scene(&args.scene)?;
    let setting = setting(&scene, &args.scene, &args.setting)?;
    let plan = scene.plan(&args.plan).ok_or_else(|| {
        let names: Vec<&str> = scene.plans.iter().map(|p| p.name.as_str()).collect();
        anyhow!(
            "the scene has no plan `{}` (expected one of: {})",
            args.plan,
            names.join(", ")
        )
    })?;
    let score = score_plan(&scene, &setting, plan);
    let world = &scene.world;
    match args.format {
        Format::Json => {
            let out = json!({
                "plan": plan.name,
                "language": setting.language.name,
                "commodified": setting.technologies.commodified().collect::<Vec<_>>(),
                "reaches_goal": score.outcome.reaches_goal,
                "steps": score.outcome.steps(),
                "measures": report::measures_json(&score),
                "effect_derivation": derivation_json(world, &score.effect_dl),
                "plan_derivation": derivation_json(world, &score.plan_dl),
                "verdict": if score.verdict.accepted { "accepted" } else { "rejected" },
                "reason": score.verdict.reason,
            });
            crate::outln!("{out:#}");
        }
        Format::Table => {
            crate::outln!(
                "plan `{}` in {}: {}",
                plan.name,
                report::setting_label(&setting),
                plan.description
            );
            crate::outln!(
                "reaches the goal: {}; {} steps; effect against the inaction baseline: {} variable(s)",
                if score.outcome.reaches_goal {
                    "yes"
                } else {
                    "no"
                },
                score.outcome.steps(),
                score.outcome.effect.len()
            );
            for c in &score.outcome.effect {
                crate::outln!("    {}: {} → {}", c.var.name(world), c.before, c.after);
            }
            crate::outln!("\neffect description: {}", text(world, &score.effect_dl));
            crate::outln!("plan description: {}", text(world, &score.plan_dl));
            // Kt counts at least one step: an empty plan still takes time to run.
            let steps = score.outcome.steps().max(1);
            crate::outln!(
                "Levin Kt: {} bits (plan description + log2 {steps} {})",
                report::bits(score.levin_kt()),
                if steps == 1 { "step" } else { "steps" }
            );
            let verdict = if score.verdict.accepted {
                "accepted"
            } else {
                "rejected"
            };
            crate::outln!("\nverdict: {verdict}: {}", score.verdict.reason);
        }
    }
    Ok(())
}

fn text(world: &World, d: &Result<Derivation, Undescribable>) -> String {
    let d = match d {
        Err(why) => return format!("none: {why}"),
        Ok(d) => d,
    };
    let mut out = format!(
        "{:.2} bits{}\n",
        d.bits(),
        if d.exact {
            ", shortest"
        } else {
            ", upper bound"
        }
    );
    let width = d
        .words
        .iter()
        .map(|w| w.word.len() + w.args.join(", ").len() + 2)
        .max()
        .unwrap_or(3)
        .max(3);
    for w in &d.words {
        let call = w.call();
        out += &format!(
            "  {:>7.2}  {call:<width$}  {}\n",
            w.bits,
            w.covers.describe(world)
        );
    }
    out += &format!("  {:>7.2}  end", d.end_bits);
    if let Some(note) = &d.note {
        out += &format!("\n  ({note})");
    }
    out
}

fn derivation_json(world: &World, d: &Result<Derivation, Undescribable>) -> serde_json::Value {
    match d {
        Err(why) => json!({ "bits": null, "reason": why.0 }),
        Ok(d) => json!({
            "bits": d.bits(),
            "exact": d.exact,
            "note": d.note,
            "end_bits": d.end_bits,
            "words": d.words.iter().map(|w| json!({
                "word": w.word,
                "args": w.args,
                "bits": w.bits,
                "covers": w.covers.describe(world),
            })).collect::<Vec<_>>(),
        }),
    }
}
