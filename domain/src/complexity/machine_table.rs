//! A CTM table from a machine formalism the user picks, and how two tables rank the same
//! blocks: the machine behind a table is a language too.

use super::ctm::{CtmTable, Dimensions};
use super::turing::{Cancelled, Formalism, Stopped, ctm_bits, run_machines_within};
use serde::Serialize;

/// Run every machine of `formalism` and keep the CTM values of the outputs that fit a
/// table: strings of length 1 to 12 in 1D, square blocks of side 1 to 4 in 2D. Other
/// outputs take part in the probabilities but are not blocks BDM can look up. Blocks no
/// machine produced get the table's fallback (one bit more than the dearest block of
/// their size).
pub fn table_from_formalism(
    formalism: &Formalism,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<CtmTable, Cancelled> {
    table_from_formalism_within(formalism, u64::MAX, progress).map_err(|_| Cancelled)
}

/// [`table_from_formalism`], stopping once the machines have simulated more than
/// `work_limit` steps in all.
pub fn table_from_formalism_within(
    formalism: &Formalism,
    work_limit: u64,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<CtmTable, Stopped> {
    let counts = run_machines_within(formalism, work_limit, progress)?;
    let dimensions = formalism.dimensions;
    let entries = ctm_bits(&counts)
        .into_iter()
        .filter_map(|(output, bits)| {
            let (rows, cols) = (usize::from(output.rows), usize::from(output.cols));
            let size = match dimensions {
                Dimensions::One if rows == 1 => cols,
                Dimensions::Two if rows == cols => rows,
                _ => return None,
            };
            (1..=dimensions.max_size())
                .contains(&size)
                .then_some((size, output.bits, bits))
        })
        .collect();
    let sampled = formalism
        .sample
        .map_or_else(String::new, |n| format!(", {n} sampled"));
    let name = format!(
        "TM {}D {} states {} steps{sampled}",
        match dimensions {
            Dimensions::One => 1,
            Dimensions::Two => 2,
        },
        formalism.states,
        formalism.max_steps
    );
    Ok(CtmTable::from_values(name, dimensions, entries))
}

/// One block priced by two tables.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankedBlock {
    /// The normalised block.
    pub bits: u64,
    /// Its value in each table, in bits.
    pub values: (f64, f64),
    /// Its rank in each table (1 = simplest), ties sharing the mean rank.
    pub ranks: (f64, f64),
    /// Whether each table had the value (rather than its fallback).
    pub known: (bool, bool),
}

/// Two tables on every normalised block of one size.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableComparison {
    /// Block size.
    pub size: usize,
    /// Every block of that size, simplest in the first table first.
    pub blocks: Vec<RankedBlock>,
    /// Spearman's rank correlation of the two tables' values.
    pub spearman: f64,
}

/// Rank every normalised block of `size` under both tables (which must have the same
/// dimensions) and correlate the ranks.
pub fn compare_tables(a: &CtmTable, b: &CtmTable, size: usize) -> TableComparison {
    let cells = a.dimensions.cells(size);
    let keys: Vec<u64> = if size == 0 || cells > 20 {
        Vec::new()
    } else {
        (0..1u64 << (cells - 1)).collect()
    };
    let va: Vec<(f64, bool)> = keys.iter().map(|&k| a.value(size, k)).collect();
    let vb: Vec<(f64, bool)> = keys.iter().map(|&k| b.value(size, k)).collect();
    let ra = ranks(&va.iter().map(|v| v.0).collect::<Vec<_>>());
    let rb = ranks(&vb.iter().map(|v| v.0).collect::<Vec<_>>());
    let spearman = pearson(&ra, &rb);
    let mut blocks: Vec<RankedBlock> = keys
        .iter()
        .enumerate()
        .map(|(i, &bits)| RankedBlock {
            bits,
            values: (va[i].0, vb[i].0),
            ranks: (ra[i], rb[i]),
            known: (va[i].1, vb[i].1),
        })
        .collect();
    blocks.sort_by(|x, y| x.ranks.0.total_cmp(&y.ranks.0).then(x.bits.cmp(&y.bits)));
    TableComparison {
        size,
        blocks,
        spearman,
    }
}

/// Ranks from 1, ties sharing their mean rank.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut out = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let mean = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            out[i] = mean;
        }
        start = end;
    }
    out
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if x.len() < 2 {
        return f64::NAN;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties_and_identical_tables_correlate_fully() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
        let bundled = CtmTable::bundled(Dimensions::One);
        let same = compare_tables(&bundled, &bundled, 8);
        assert_eq!(same.blocks.len(), 128);
        assert!((same.spearman - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_table_from_two_state_machines_agrees_in_part_with_pybdm() {
        let formalism = Formalism {
            dimensions: Dimensions::One,
            states: 2,
            max_steps: 100,
            sample: None,
        };
        let table = table_from_formalism(&formalism, &|_| true).unwrap();
        // Two-state machines write short strings only; "0" is the most probable.
        assert!(table.known(1) == 1 && table.known(12) == 0);
        let (zero, _) = table.value(1, 0);
        let (pair, _) = table.value(2, 0);
        assert!(zero < pair);
        let bundled = CtmTable::bundled(Dimensions::One);
        let comparison = compare_tables(&bundled, &table, 3);
        assert_eq!(comparison.blocks.len(), 4);
        assert!(comparison.spearman.is_finite());
        // Cancelling stops the run.
        assert_eq!(table_from_formalism(&formalism, &|_| false), Err(Cancelled));
    }
}
