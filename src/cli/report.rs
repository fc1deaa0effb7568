//! Formatting scores for the terminal (their JSON is in `score_json`).

use ladders_domain::analysis::{PlanScore, ProgramMeasures, SceneScore, Setting};
use ladders_domain::choice::Choice;
use ladders_domain::scene::Scene;

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

/// `accepted` or `rejected`.
pub fn verdict_word(accepted: bool) -> &'static str {
    if accepted { "accepted" } else { "rejected" }
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
pub type ProgramResults = ProgramMeasures;

/// How the score table shows the program measures.
trait ProgramCells {
    fn probability_cell(&self, scene: &Scene, plan: &PlanScore) -> String;
    fn stop_notes(&self, score: &SceneScore) -> String;
}

impl ProgramCells for ProgramResults {
    /// The table's algorithmic probability cell: bits, `≤bits` when the enumeration
    /// stopped early (an upper bound), `>bound` when no program up to the bound has the
    /// effect, `stopped` when none run had it before a limit stopped the enumeration.
    fn probability_cell(&self, scene: &Scene, plan: &PlanScore) -> String {
        let stopped = self.probability.stopped.is_some();
        match self.probability_bits(scene, &plan.outcome.effect) {
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
            verdict_word(p.verdict.accepted),
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
