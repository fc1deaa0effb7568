//! Formatting scores for the terminal and for JSON.

use ladders_domain::analysis::{PlanScore, SceneScore, Setting};
use ladders_domain::measures::{Measure, Probability, SearchEffort, effect_text};
use ladders_domain::scene::Scene;
use serde_json::{Value, json};

/// Bits with two decimals, or `—` when undescribable.
pub fn bits(b: Option<f64>) -> String {
    b.map_or_else(|| "—".to_owned(), |b| fixed(b, 2))
}

/// `x` with `places` decimals, never as `-0.00`: a value that rounds to zero is zero.
pub fn fixed(x: f64, places: usize) -> String {
    let text = format!("{x:.places$}");
    match text.strip_prefix('-') {
        Some(magnitude) if magnitude.chars().all(|c| c == '0' || c == '.') => magnitude.to_owned(),
        _ => text,
    }
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

/// Algorithmic probability and search effort, when asked for (`--programs`).
pub struct ProgramResults {
    /// Every program up to the bound, grouped by effect.
    pub probability: Probability,
    /// Per plan, the search for its effect.
    pub searches: Vec<SearchEffort>,
}

impl ProgramResults {
    fn probability_bits(&self, scene: &Scene, plan: &PlanScore) -> Option<f64> {
        self.probability
            .bits(&effect_text(&scene.world, &plan.outcome.effect))
    }

    /// The table's algorithmic probability cell: bits, `≤bits` when the enumeration
    /// stopped early (an upper bound), `>bound` when no program up to the bound has the
    /// effect, `stopped` when none run had it before a limit stopped the enumeration.
    fn probability_cell(&self, scene: &Scene, plan: &PlanScore) -> String {
        let stopped = self.probability.stopped.is_some();
        match self.probability_bits(scene, plan) {
            Some(b) if stopped => format!("≤{}", fixed(b, 2)),
            Some(b) => fixed(b, 2),
            None if stopped => "stopped".to_owned(),
            None => format!(">{}", self.probability.bound),
        }
    }

    /// The lines under the table that say which limits stopped which measures.
    fn stop_notes(&self, score: &SceneScore) -> String {
        let mut out = String::new();
        if let Some(stopped) = self.probability.stopped {
            out += &format!(
                "alg_prob: enumeration {}: ≤ marks upper bounds from the programs run (raise --work-limit or --memory)\n",
                stopped.describe(self.probability.work)
            );
        }
        for (plan, search) in score.plans.iter().zip(&self.searches) {
            if let Some(stopped) = search.stopped {
                out += &format!(
                    "search: {} {} and {} candidate{} (raise --work-limit or --memory)\n",
                    plan.plan,
                    stopped.describe(search.work),
                    search.candidates,
                    if search.candidates == 1 { "" } else { "s" }
                );
            }
        }
        out
    }
}

/// A limit that stopped a program measure, as JSON (`null` if none did).
fn stopped_json(stopped: Option<ladders_domain::measures::Stopped>) -> Value {
    stopped.map_or(Value::Null, |s| json!(s.key()))
}

/// The measures of a plan as a JSON object, `null` where undescribable or not computed.
pub fn measures_json(plan: &PlanScore) -> Value {
    json!({
        "effect_dl": plan.effect_bits(),
        "plan_dl": plan.plan_bits(),
        "levin_kt": plan.levin_kt(),
        "lz76": plan.value(Measure::Lz76),
        "compress": plan.value(Measure::Compress),
        "bdm": plan.value(Measure::Bdm),
    })
}

/// The evidence of the sequence and block measures, and of the program measures if run.
fn evidence_json(
    scene: &Scene,
    setting: &Setting,
    index: usize,
    plan: &PlanScore,
    programs: Option<&ProgramResults>,
) -> Value {
    let grids: Vec<Value> = plan
        .bdm
        .grids
        .iter()
        .map(|(kind, grid, result)| {
            json!({
                "kind": kind.name(),
                "rows": grid.rows(),
                "cols": grid.cols(),
                "grid": grid.to_text().lines().collect::<Vec<_>>(),
                "bits": result.bits,
                "blocks": result.blocks.iter().map(|b| json!({
                    "block": b.text(), "count": b.count, "ctm": b.ctm, "bits": b.bits_contributed(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut evidence = json!({
        "lz76": {
            "unit": "phrases",
            "stream": setting.stream.key(),
            "normalised": plan.lz76.lz76.normalised(),
            "phrases": plan.lz76.phrases(),
        },
        "compress": {"unit": "bits", "codec": setting.codec.to_string(), "stream": setting.stream.key()},
        "bdm": {
            "unit": "bits",
            "table": setting.bdm.table.name,
            "partition": setting.bdm.partition.key(),
            "block": setting.bdm.block,
            "grids": grids,
        },
    });
    if let Some(programs) = programs {
        let of_effect = programs
            .probability
            .programs_of(&effect_text(&scene.world, &plan.outcome.effect));
        evidence["algorithmic_probability"] = json!({
            "unit": "bits",
            "bound": programs.probability.bound,
            "programs": of_effect.map_or(0, |e| e.count),
            "shortest": of_effect.map(|e| json!({"words": e.shortest.0, "bits": e.shortest.1})),
            "programs_run": programs.probability.programs,
            "work": programs.probability.work,
            "stopped": stopped_json(programs.probability.stopped),
        });
        if let Some(search) = programs.searches.get(index) {
            evidence["search_effort"] = json!({
                "unit": "candidates",
                "candidates": search.candidates,
                "limit": search.limit,
                "exhausted": search.exhausted,
                "found": search.found.as_ref().map(|(w, b)| json!({"words": w, "bits": b})),
                "work": search.work,
                "stopped": stopped_json(search.stopped),
            });
        }
    }
    evidence
}

/// The JSON report of `ladders score`.
pub fn score_json(
    scene: &Scene,
    setting: &Setting,
    score: &SceneScore,
    programs: Option<&ProgramResults>,
) -> Value {
    let plans: Vec<Value> = score
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut measures = measures_json(p);
            if let Some(programs) = programs {
                measures["algorithmic_probability"] = json!(programs.probability_bits(scene, p));
                measures["search_effort"] = json!(programs.searches.get(i).and_then(|s| s.found.as_ref().map(|_| s.candidates)));
            }
            json!({
                "name": p.plan,
                "reaches_goal": p.outcome.reaches_goal,
                "steps": p.outcome.steps(),
                "effect": p.outcome.effect.iter().map(|c| c.var.name(&scene.world)).collect::<Vec<_>>(),
                "measures": measures,
                "evidence": evidence_json(scene, setting, i, p, programs),
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
pub fn score_table(
    scene: &Scene,
    setting: &Setting,
    score: &SceneScore,
    programs: Option<&ProgramResults>,
) -> String {
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
        "\n{:<width$}  {:>5}  {:>8}  {:>8}  {:>8}  {:>8}\n",
        "plan", "lz76", "compress", "bdm", "alg_prob", "search"
    );
    for (i, p) in score.plans.iter().enumerate() {
        let (probability, search) = match programs {
            Some(r) => (
                r.probability_cell(scene, p),
                r.searches.get(i).map_or_else(String::new, |s| {
                    if s.found.is_some() {
                        s.candidates.to_string()
                    } else if s.exhausted {
                        "none".to_owned()
                    } else if s.stopped.is_some() {
                        "stopped".to_owned()
                    } else {
                        format!(">{}", s.limit)
                    }
                }),
            ),
            None => ("·".to_owned(), "·".to_owned()),
        };
        out += &format!(
            "{:<width$}  {:>5}  {:>8.0}  {:>8.2}  {:>8}  {:>8}\n",
            p.plan,
            p.lz76.lz76.complexity(),
            p.compressed_bits,
            p.bdm.bits,
            probability,
            search
        );
    }
    out += &format!(
        "lz76: phrases of the {} stream; compress: bits under {}; bdm: bits of the effect grids ({}, {}x{} blocks, {} partition){}\n",
        setting.stream.key(),
        setting.codec,
        setting.bdm.table.name,
        setting.bdm.block,
        setting.bdm.block,
        setting.bdm.partition.key(),
        if programs.is_none() {
            "; alg_prob and search: run with --programs"
        } else {
            ""
        }
    );
    if let Some(programs) = programs {
        out += &programs.stop_notes(score);
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

#[cfg(test)]
mod tests {
    #[test]
    fn no_negative_zero() {
        assert_eq!(super::fixed(-0.0, 2), "0.00");
        assert_eq!(super::fixed(-0.004, 2), "0.00");
        assert_eq!(super::fixed(-0.006, 2), "-0.01");
        assert_eq!(super::fixed(12.345, 1), "12.3");
    }
}
