//! `ladders compare`: how far apart the languages are, in bits, in each direction, on a
//! scene's plans and seeded random plans; what that does to the verdicts.

use super::output::Report;
use clap::Args;
use ladders_domain::analysis::{
    COMPARED, CompareOptions, Comparison, MAX_RANDOM_PLANS, compare_languages,
};
use ladders_domain::measures::Measure;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// `ladders compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The scene file.
    pub scene: PathBuf,
    /// Languages to compare, two or more, comma-separated: bundled names or .ron paths
    /// (default: the scene's languages).
    #[arg(long, value_delimiter = ',', value_name = "A,B,..")]
    pub languages: Vec<String>,
    /// Random plans to compare on besides the scene's, 0 to 100,000.
    #[arg(long, default_value_t = 0, value_parser = |s: &str| super::parse_count(s, 0, MAX_RANDOM_PLANS))]
    pub random_plans: usize,
    /// Seed of the random plans.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Treat this technology as commodified (repeatable).
    #[arg(long = "commodify", value_name = "TECH")]
    pub commodify: Vec<String>,
    /// Budget for the effect description length in bits (default: the scene's).
    #[arg(long, value_name = "BITS", allow_negative_numbers = true)]
    pub budget: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: super::Format,
}

/// Run `ladders compare`.
pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    let scene = super::load_scene(&args.scene)?;
    let dir = args.scene.parent();
    let languages = super::languages_for(&scene, dir, &args.languages)?;
    if languages.len() < 2 {
        anyhow::bail!("give two or more languages to compare (--languages A,B)");
    }
    let setting = ladders_domain::analysis::Setting::new(
        &scene,
        languages[0].clone(),
        &args.commodify,
        args.budget,
    )?;
    let options = CompareOptions {
        random_plans: args.random_plans,
        seed: args.seed,
        technologies: setting.technologies.clone(),
        budget: setting.budget,
    };
    let total = (scene.plans.len() + args.random_plans) as u64;
    let bar = super::progress::Progress::counting("describing", total);
    let comparison = compare_languages(&scene, &languages, &options, &|done, _| {
        bar.set_count(done as u64);
        true
    });
    bar.finish();
    let report = CompareReport::new(&scene.name, &comparison?, &options);
    super::output::print(&report, args.format)?;
    Ok(())
}

/// A flip as the report lists it.
#[derive(Serialize)]
pub struct FlipJson {
    accepted_in: String,
    plan: String,
    rejected_in: String,
}

/// c_AB with its witness.
#[derive(Serialize)]
pub struct InvarianceJson {
    bits: Option<f64>,
    object: Option<String>,
    unbounded: bool,
}

/// The phrasebook of A in B.
#[derive(Serialize)]
pub struct PhrasebookJson {
    total: Option<f64>,
    translated: usize,
    untranslated: usize,
    words: BTreeMap<String, Option<f64>>,
}

/// One ordered pair of languages.
#[derive(Serialize)]
pub struct PairJson {
    flips: Vec<FlipJson>,
    from: String,
    invariance: BTreeMap<&'static str, InvarianceJson>,
    phrasebook: BTreeMap<&'static str, PhrasebookJson>,
    tau: BTreeMap<&'static str, Option<f64>>,
    to: String,
}

/// The report of `ladders compare`.
#[derive(Serialize)]
pub struct CompareReport {
    budget: f64,
    /// Per measure, the centre's probability per language.
    centre: BTreeMap<&'static str, Vec<f64>>,
    /// Per measure, the centre of the first k languages, k = 1..=n.
    centre_growth: BTreeMap<&'static str, Vec<Vec<f64>>>,
    /// Per measure, c[a][b] = c_ab (null: unbounded).
    invariance: BTreeMap<&'static str, Vec<Vec<Option<f64>>>>,
    languages: Vec<String>,
    pairs: Vec<PairJson>,
    random_plans: usize,
    scene: String,
    scene_plans: Vec<String>,
    seed: u64,
    /// By language, the scene plans the criterion accepts.
    verdicts: BTreeMap<String, Vec<String>>,
}

impl CompareReport {
    fn new(scene: &str, c: &Comparison, options: &CompareOptions) -> Self {
        let n = c.languages.len();
        fn by_measure<T>(
            c: &Comparison,
            f: impl Fn(&ladders_domain::analysis::MeasureComparison) -> T,
        ) -> BTreeMap<&'static str, T> {
            c.measures.iter().map(|m| (m.measure.key(), f(m))).collect()
        }
        let invariance = by_measure(c, |m| {
            m.invariance
                .iter()
                .map(|row| row.iter().map(|i| i.bits).collect())
                .collect::<Vec<Vec<Option<f64>>>>()
        });
        let object_name = |x: Option<usize>| x.map(|x| c.objects[x].name.clone());
        let mut pairs = Vec::new();
        for a in 0..n {
            for b in 0..n {
                if a == b {
                    continue;
                }
                let mut inv = BTreeMap::new();
                let mut phrasebook = BTreeMap::new();
                let mut tau = BTreeMap::new();
                for m in &c.measures {
                    let i = &m.invariance[a][b];
                    inv.insert(
                        m.measure.key(),
                        InvarianceJson {
                            bits: i.bits,
                            object: object_name(i.object),
                            unbounded: i.bits.is_none() && i.object.is_some(),
                        },
                    );
                    let p = &m.phrasebooks[a][b];
                    phrasebook.insert(
                        m.measure.key(),
                        PhrasebookJson {
                            total: p.total,
                            translated: p.translated,
                            untranslated: p.untranslated,
                            words: p.words.clone(),
                        },
                    );
                    tau.insert(m.measure.key(), m.tau[a][b]);
                }
                pairs.push(PairJson {
                    flips: c.flips[a][b]
                        .iter()
                        .map(|f| FlipJson {
                            accepted_in: f.accepted_in.clone(),
                            plan: f.plan.clone(),
                            rejected_in: f.rejected_in.clone(),
                        })
                        .collect(),
                    from: c.languages[a].clone(),
                    invariance: inv,
                    phrasebook,
                    tau,
                    to: c.languages[b].clone(),
                });
            }
        }
        let scene_plans: Vec<String> = c.objects[..c.scene_plans]
            .iter()
            .map(|o| o.name.clone())
            .collect();
        Self {
            budget: options.budget,
            centre: by_measure(c, |m| m.centre.clone()),
            centre_growth: by_measure(c, |m| m.centre_growth.clone()),
            invariance,
            languages: c.languages.clone(),
            pairs,
            random_plans: options.random_plans,
            scene: scene.to_owned(),
            verdicts: c
                .languages
                .iter()
                .zip(&c.verdicts)
                .map(|(l, v)| {
                    let accepted = scene_plans
                        .iter()
                        .zip(v)
                        .filter(|(_, a)| **a)
                        .map(|(p, _)| p.clone())
                        .collect();
                    (l.clone(), accepted)
                })
                .collect(),
            scene_plans,
            seed: options.seed,
        }
    }

    fn pair(&self, a: &str, b: &str) -> Option<&PairJson> {
        self.pairs.iter().find(|p| p.from == a && p.to == b)
    }
}

impl Report for CompareReport {}

/// Bits as the table shows them: signed for a difference, `∞` when unbounded.
fn signed(bits: Option<f64>) -> String {
    bits.map_or_else(|| "∞".to_owned(), |b| format!("{b:+.2}"))
}

impl fmt::Display for CompareReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let langs = &self.languages;
        writeln!(
            f,
            "Languages compared on {}: {} ({} scene plans + {} random plans, seed {})",
            self.scene,
            langs.join(", "),
            self.scene_plans.len(),
            self.random_plans,
            self.seed
        )?;
        let width = langs
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
            .max(8)
            + 2;
        for measure in COMPARED {
            let key = measure.key();
            writeln!(
                f,
                "\nc[A→B] = max over the objects of K_B − K_A, {} (bits); row A, column B:",
                measure.label()
            )?;
            write!(f, "  {:<width$}", "A \\ B")?;
            for l in langs {
                write!(f, "{l:>width$}")?;
            }
            writeln!(f)?;
            for (a, row) in self.invariance[key].iter().enumerate() {
                write!(f, "  {:<width$}", langs[a])?;
                for c in row {
                    write!(f, "{:>width$}", signed(*c))?;
                }
                writeln!(f)?;
            }
            writeln!(f, "  shown by:")?;
            for p in &self.pairs {
                let i = &p.invariance[key];
                let book = &p.phrasebook[key];
                let how = if i.unbounded {
                    "cannot describe".to_owned()
                } else {
                    format!("{} on", signed(i.bits))
                };
                writeln!(
                    f,
                    "    {} → {}: {how} `{}`; phrasebook {} bits over {} words{}",
                    p.from,
                    p.to,
                    i.object.as_deref().unwrap_or("-"),
                    book.total
                        .map_or_else(|| "∞".to_owned(), |t| format!("{t:.2}")),
                    book.words.len(),
                    if book.untranslated > 0 {
                        format!(
                            " ({} objects have no word-by-word translation)",
                            book.untranslated
                        )
                    } else {
                        String::new()
                    }
                )?;
            }
            let centre: Vec<String> = langs
                .iter()
                .zip(&self.centre[key])
                .map(|(l, p)| format!("{l} {p:.3}"))
                .collect();
            writeln!(
                f,
                "  centre (stationary distribution of 2^−c): {}",
                centre.join(", ")
            )?;
            for (k, c) in self.centre_growth[key].iter().enumerate().skip(1) {
                let parts: Vec<String> = c.iter().map(|p| format!("{p:.3}")).collect();
                writeln!(f, "    with the first {}: {}", k + 1, parts.join(", "))?;
            }
        }
        writeln!(
            f,
            "\nKendall's τ between the rankings of the scene's plans (effect DL, plan DL):"
        )?;
        for (a, la) in langs.iter().enumerate() {
            for lb in &langs[a + 1..] {
                if let Some(p) = self.pair(la, lb) {
                    let t =
                        |k: &str| p.tau[k].map_or_else(|| "-".to_owned(), |t| format!("{t:+.2}"));
                    writeln!(
                        f,
                        "  {la} vs {lb}: {}, {}",
                        t(Measure::EffectDl.key()),
                        t(Measure::PlanDl.key())
                    )?;
                }
            }
        }
        writeln!(f, "\nVerdicts that flip (budget {} bits):", self.budget)?;
        let mut any = false;
        for (a, la) in langs.iter().enumerate() {
            for lb in &langs[a + 1..] {
                for flip in self.pair(la, lb).map(|p| &p.flips[..]).unwrap_or_default() {
                    any = true;
                    writeln!(
                        f,
                        "  `{}`: accepted in {}, rejected in {}",
                        flip.plan, flip.accepted_in, flip.rejected_in
                    )?;
                }
            }
        }
        if !any {
            writeln!(
                f,
                "  none: every language gives every plan the same verdict"
            )?;
        }
        Ok(())
    }
}
