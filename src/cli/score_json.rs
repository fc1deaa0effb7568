//! The JSON report of `ladders score`, and the measures of a plan that `ladders explain`
//! reports too. Each struct declares its fields in alphabetical order, the order the
//! JSON has always listed them in (see [`super::output::Report`]).

use super::report::{ProgramResults, verdict_word};
use ladders_domain::analysis::{PlanScore, SceneScore, Setting};
use ladders_domain::choice::Choice;
use ladders_domain::measures::{Measure, effect_text};
use ladders_domain::scene::Scene;
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON report of `ladders score`.
#[derive(Debug, Serialize)]
pub struct ScoreJson<'a> {
    /// The effect description budget in bits.
    budget: f64,
    /// The accepted plan with the shortest effect description, if any is accepted.
    choice: Option<&'a str>,
    /// The technologies treated as commodified.
    commodified: Vec<&'a str>,
    /// The language's name.
    language: &'a str,
    /// Every plan, in scene order.
    plans: Vec<PlanJson<'a>>,
    /// The scene's name.
    scene: &'a str,
}

impl<'a> ScoreJson<'a> {
    /// The report of `score`, with the program measures if they were run.
    pub fn new(
        scene: &'a Scene,
        setting: &'a Setting,
        score: &'a SceneScore,
        programs: Option<&'a ProgramResults>,
    ) -> Self {
        let plans = score
            .plans
            .iter()
            .enumerate()
            .map(|(index, plan)| PlanJson::new(scene, setting, index, plan, programs))
            .collect();
        Self {
            budget: setting.budget,
            choice: score.choice.as_deref(),
            commodified: setting.technologies.commodified().collect(),
            language: &setting.language.name,
            plans,
            scene: &scene.name,
        }
    }
}

/// One plan of `ladders score`.
#[derive(Debug, Serialize)]
struct PlanJson<'a> {
    /// The variables the plan changes against the baseline.
    effect: Vec<String>,
    /// What the measures saw.
    evidence: EvidenceJson<'a>,
    /// The measures' values.
    measures: MeasuresJson,
    /// The plan's name.
    name: &'a str,
    /// Whether the plan reaches the scene's goal.
    reaches_goal: bool,
    /// Why the verdict is what it is.
    reason: &'a str,
    /// The plan's length in actions.
    steps: usize,
    /// `accepted` or `rejected`.
    verdict: &'static str,
}

impl<'a> PlanJson<'a> {
    fn new(
        scene: &'a Scene,
        setting: &'a Setting,
        index: usize,
        plan: &'a PlanScore,
        programs: Option<&'a ProgramResults>,
    ) -> Self {
        let mut measures = MeasuresJson::new(plan);
        if let Some(programs) = programs {
            measures.set(
                Measure::AlgorithmicProbability,
                MeasureValue::Real(programs.probability_bits(scene, &plan.outcome.effect)),
            );
            measures.set(
                Measure::SearchEffort,
                MeasureValue::Count(
                    programs
                        .searches
                        .get(index)
                        .and_then(|s| s.found.as_ref().map(|_| s.candidates)),
                ),
            );
        }
        Self {
            effect: (plan.outcome.effect.iter())
                .map(|c| c.var.name(&scene.world))
                .collect(),
            evidence: EvidenceJson::new(scene, setting, index, plan, programs),
            measures,
            name: &plan.plan,
            reaches_goal: plan.outcome.reaches_goal,
            reason: &plan.verdict.reason,
            steps: plan.outcome.steps(),
            verdict: verdict_word(plan.verdict.accepted),
        }
    }
}

/// The measures of a plan by their registry keys ([`Measure::key`]), `null` where
/// undescribable; the program measures only when they were run. A map rather than a field
/// per measure, so that a new measure's JSON comes from its registry entry; sorted by key,
/// as the fields always were.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct MeasuresJson(BTreeMap<&'static str, MeasureValue>);

/// A measure's value as JSON: bits (a number), or a count (an integer).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum MeasureValue {
    /// Bits or phrases, `null` when there is none.
    Real(Option<f64>),
    /// Candidates, `null` when the search did not find the effect.
    Count(Option<u64>),
}

impl MeasuresJson {
    /// The measures scoring computes, without the program measures.
    pub fn new(plan: &PlanScore) -> Self {
        Self(
            Measure::scored()
                .map(|m| (m.key(), MeasureValue::Real(plan.value(m))))
                .collect(),
        )
    }

    /// Set one measure's value (the program measures, once run).
    pub fn set(&mut self, measure: Measure, value: MeasureValue) {
        self.0.insert(measure.key(), value);
    }
}

/// What the sequence and block measures saw, and the program measures if run.
#[derive(Debug, Serialize)]
struct EvidenceJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    algorithmic_probability: Option<ProbabilityEvidence<'a>>,
    bdm: BdmEvidence<'a>,
    compress: CompressEvidence,
    lz76: Lz76Evidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    search_effort: Option<SearchEvidence<'a>>,
}

impl<'a> EvidenceJson<'a> {
    fn new(
        scene: &'a Scene,
        setting: &'a Setting,
        index: usize,
        plan: &'a PlanScore,
        programs: Option<&'a ProgramResults>,
    ) -> Self {
        let grids = (plan.bdm.grids.iter())
            .map(|(kind, grid, result)| GridJson {
                bits: result.bits,
                blocks: (result.blocks.iter())
                    .map(|b| GridBlockJson {
                        bits: b.bits_contributed(),
                        block: b.text(),
                        count: b.count,
                        ctm: b.ctm,
                    })
                    .collect(),
                cols: grid.cols(),
                grid: grid.to_text().lines().map(str::to_owned).collect(),
                kind: kind.name(),
                rows: grid.rows(),
            })
            .collect();
        let probability = programs.map(|programs| {
            let probability = &programs.probability;
            let of_effect =
                probability.programs_of(&effect_text(&scene.world, &plan.outcome.effect));
            ProbabilityEvidence {
                bound: probability.bound,
                programs: of_effect.map_or(0, |e| e.count),
                programs_run: probability.programs,
                shortest: of_effect.map(|e| ProgramJson {
                    bits: e.shortest.1,
                    words: &e.shortest.0,
                }),
                stopped: probability.stopped.map(|s| s.key()),
                unit: "bits",
                work: probability.work,
            }
        });
        let search = programs
            .and_then(|programs| programs.searches.get(index))
            .map(|search| SearchEvidence {
                candidates: search.candidates,
                exhausted: search.exhausted,
                found: (search.found.as_ref())
                    .map(|(words, bits)| ProgramJson { bits: *bits, words }),
                limit: search.limit,
                stopped: search.stopped.map(|s| s.key()),
                unit: "candidates",
                work: search.work,
            });
        Self {
            algorithmic_probability: probability,
            bdm: BdmEvidence {
                block: setting.bdm.block,
                grids,
                partition: setting.bdm.partition.key(),
                table: &setting.bdm.table.name,
                unit: "bits",
            },
            compress: CompressEvidence {
                codec: setting.codec.to_string(),
                stream: setting.stream.key(),
                unit: "bits",
            },
            lz76: Lz76Evidence {
                normalised: plan.lz76.lz76.normalised(),
                phrases: plan.lz76.phrases(),
                stream: setting.stream.key(),
                unit: "phrases",
            },
            search_effort: search,
        }
    }
}

/// The phrases LZ76 cut the stream into.
#[derive(Debug, Serialize)]
struct Lz76Evidence {
    normalised: f64,
    phrases: Vec<String>,
    stream: &'static str,
    unit: &'static str,
}

/// What compressed size compressed.
#[derive(Debug, Serialize)]
struct CompressEvidence {
    codec: String,
    stream: &'static str,
    unit: &'static str,
}

/// The effect's grids and their blocks.
#[derive(Debug, Serialize)]
struct BdmEvidence<'a> {
    block: usize,
    grids: Vec<GridJson>,
    partition: &'static str,
    table: &'a str,
    unit: &'static str,
}

/// One variable kind's grid of the effect: 1 where a variable of the kind changed.
#[derive(Debug, Serialize)]
struct GridJson {
    bits: f64,
    blocks: Vec<GridBlockJson>,
    cols: usize,
    /// The grid's rows as `0`/`1` text.
    grid: Vec<String>,
    kind: &'static str,
    rows: usize,
}

/// One distinct block of an effect grid.
#[derive(Debug, Serialize)]
struct GridBlockJson {
    bits: f64,
    block: String,
    count: usize,
    ctm: f64,
}

/// The programs up to the bound that have the plan's effect.
#[derive(Debug, Serialize)]
struct ProbabilityEvidence<'a> {
    bound: f64,
    /// Programs with the effect.
    programs: u64,
    /// Programs run in all.
    programs_run: u64,
    shortest: Option<ProgramJson<'a>>,
    /// The limit that stopped the enumeration, if one did.
    stopped: Option<&'static str>,
    unit: &'static str,
    work: u64,
}

/// The search for a program with the plan's effect.
#[derive(Debug, Serialize)]
struct SearchEvidence<'a> {
    candidates: u64,
    exhausted: bool,
    found: Option<ProgramJson<'a>>,
    limit: u64,
    /// The limit that stopped the search, if one did.
    stopped: Option<&'static str>,
    unit: &'static str,
    work: u64,
}

/// A program: its words and its length in bits.
#[derive(Debug, Serialize)]
struct ProgramJson<'a> {
    bits: f64,
    words: &'a [String],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::output::keys_are_sorted;

    #[test]
    fn every_object_of_a_score_report_lists_its_keys_in_order() {
        use ladders_domain::measures::{ProgramLimits, ProgramSpace};
        let scene = ladders_domain::scene::pink_car().unwrap();
        let language = ladders_domain::language::resolve("everyday", None).unwrap();
        let setting = Setting::new(&scene, language, &["paint".to_owned()], None).unwrap();
        let score = ladders_domain::analysis::score_scene(&scene, &setting);
        let report = ScoreJson::new(&scene, &setting, &score, None);
        assert!(keys_are_sorted(&report));
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["choice"], "paint");
        assert!(json["plans"][0]["measures"].get("search_effort").is_none());
        assert!(json["plans"][0]["evidence"].get("search_effort").is_none());

        let space = ProgramSpace {
            world: &scene.world,
            technologies: &setting.technologies,
            language: &setting.effective,
            baseline: setting.baseline,
        };
        let limits = ProgramLimits {
            work: 100_000,
            memory: ladders_domain::limits::MemoryBudget::from_mib(64),
        };
        let targets: Vec<String> = (score.plans.iter())
            .map(|p| effect_text(&scene.world, &p.outcome.effect))
            .collect();
        let programs = ProgramResults {
            language: setting.language.name.clone(),
            probability: space.probability(10.0, &limits, &|_| true).unwrap(),
            searches: space.search_all(&targets, 50, &limits, &|_| true).unwrap(),
        };
        let report = ScoreJson::new(&scene, &setting, &score, Some(&programs));
        assert!(keys_are_sorted(&report));
        let json = serde_json::to_value(&report).unwrap();
        assert!(json["plans"][0]["measures"]["search_effort"].is_u64());
        assert!(json["plans"][0]["evidence"]["search_effort"]["found"].is_object());
    }
}
