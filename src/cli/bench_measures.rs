//! `ladders bench --measures DIR`: time LZ76, 2D BDM and the perturbation map on the
//! inputs `bench/peers/run.sh` writes, so the peers (lzcomplexity, antropy, pybdm) and
//! Ladders are timed on the same data in one run. Prints JSON with the values, so the
//! script can check both sides agree. What is timed is what `ladders measure` runs:
//! LZ76 on the file's bytes, and BDM with its evidence from the bundled table's loading on.

use ladders_domain::complexity::{
    BinaryGrid, CtmTable, Decomposition, Dimensions, Partition, lz76_bytes,
};
use ladders_domain::document::read_text;
use serde_json::json;
use std::path::Path;
use std::time::Instant;

/// Median seconds of `f` over repeated runs: at least 3, at most 50, about a second.
fn median_seconds<T>(mut f: impl FnMut() -> T) -> f64 {
    let mut times = Vec::new();
    let budget = Instant::now();
    while times.len() < 3 || (times.len() < 50 && budget.elapsed().as_secs_f64() < 1.0) {
        let start = Instant::now();
        std::hint::black_box(f());
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Time the three measures on the inputs in `dir` and print JSON.
pub fn run(dir: &Path) -> anyhow::Result<()> {
    let bits_text = read_text(&dir.join("bits.txt"))?;
    let bits: Vec<u8> = bits_text.trim().bytes().collect();
    if bits.is_empty() {
        anyhow::bail!("{}: the input is empty", dir.join("bits.txt").display());
    }
    let lz_seconds = median_seconds(|| lz76_bytes(&bits).complexity());
    let phrases = lz76_bytes(&bits).complexity();

    let table = CtmTable::bundled(Dimensions::Two);
    let load = |name: &str| -> anyhow::Result<BinaryGrid> {
        let path = dir.join(name);
        Ok(BinaryGrid::parse(&path, &read_text(&path)?)?)
    };
    let grid256 = load("grid256.txt")?;
    let bdm_seconds = median_seconds(|| {
        let table = CtmTable::bundled(Dimensions::Two);
        Decomposition::new(&grid256, &table, 4, Partition::Ignore).map(|d| d.measure(&grid256))
    });
    let bdm = Decomposition::new(&grid256, &table, 4, Partition::Ignore)?.measure(&grid256);
    // The fast path and the one with evidence must agree.
    let fast = Decomposition::new(&grid256, &table, 4, Partition::Ignore)?.bits(&grid256);
    if (fast - bdm.bits).abs() > 1e-6 * bdm.bits.abs().max(1.0) {
        anyhow::bail!("BDM paths disagree: {fast} and {}", bdm.bits);
    }

    let grid64 = load("grid64.txt")?;
    let perturbation_seconds = median_seconds(|| {
        Decomposition::new(&grid64, &table, 4, Partition::Ignore).map(|d| d.perturbation(&grid64))
    });
    let map = Decomposition::new(&grid64, &table, 4, Partition::Ignore)?.perturbation(&grid64);
    let rows: Vec<&[f64]> = map.chunks(grid64.cols()).collect();

    let report = json!({
        "lz76": {"seconds": lz_seconds, "value": phrases, "length": bits.len()},
        "bdm2d": {"seconds": bdm_seconds, "value": bdm.bits, "rows": grid256.rows(), "cols": grid256.cols()},
        "perturbation": {"seconds": perturbation_seconds, "value": rows},
    });
    crate::outln!("{report}");
    Ok(())
}
