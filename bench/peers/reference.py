#!/usr/bin/env python3
"""Write reference values from the Python peers for Ladders' Rust tests.

Usage (from the repo root, after bench/peers/run.sh has made the venv):
    target/peers-venv/bin/python bench/peers/reference.py [OUT]   (default tests/data/peer_reference.json)

Everything is seeded, so rerunning gives the same file.

lz76: "phrases" is the Kaspar–Schuster (LZ76) phrase count, counting a last incomplete phrase.
  It is computed from lzcomplexity.factorization as complexity + (factors[complexity] < n),
  because lzcomplexity's own `complexity` omits a last incomplete phrase; both that raw value
  ("lzcomplexity_complexity") and antropy.lziv_complexity ("antropy") are kept per entry, and the
  script asserts that antropy and a brute-force KS parse equal "phrases".
bdm1d / bdm2d: pybdm 0.1.0 BDM in bits (ndim=1 uses CTM-B2-D12, ndim=2 CTM-B2-D4x4) with
  PartitionIgnore, PartitionRecursive(min_length=2) or PartitionCorrelated(shift=1), for the given
  block size; "blocks" is the number of blocks counted. A string or grid with no block gets 0.0
  (pybdm raises ValueError there unless raise_if_zero=False, which is used here).
perturbation2d: ΔBDM = BDM(grid with cell (r, c) flipped) − BDM(grid), 2D, ignore, 4×4 blocks,
  checked against pybdm's PerturbationExperiment.run() (which returns the same new − old values).
"""
from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SEED = 1234


def ks_bruteforce(s: str) -> int:
    """Kaspar–Schuster phrase count by definition: each phrase is the shortest prefix of the rest
    that does not start at an earlier position (overlap allowed); a last phrase that is still a
    copy when the string ends counts too."""
    n, i, c = len(s), 0, 0
    while i < n:
        length = 0
        while i + length < n and any(s[j:j + length + 1] == s[i:i + length + 1] for j in range(i)):
            length += 1
        c += 1
        i += length + 1
    return c


def lz76_entries(rng: np.random.Generator) -> list[dict]:
    import antropy
    import lzcomplexity

    texts = ["0001101001000101", "0", "01", "0000000000", "0101010101", "1001111011000010"]
    for n in (20, 47, 100, 200):
        texts.append("".join(map(str, rng.integers(0, 2, n))))
    texts.append("ACGTACGTTTGACA")
    texts.append("".join(rng.choice(list("ACGT"), 60)))
    out = []
    for s in texts:
        complexity, factors = lzcomplexity.factorization(s)
        phrases = complexity + (1 if factors[complexity] < len(s) else 0)
        ant = int(antropy.lziv_complexity(s, normalize=False))
        assert ks_bruteforce(s) == phrases, s
        entry = {"text": s, "phrases": phrases, "lzcomplexity_complexity": complexity,
                 "antropy": ant}
        if ant != phrases:
            entry["note"] = "antropy disagrees"
        out.append(entry)
    assert out[0]["phrases"] == 6
    return out


def make_bdm(ndim: int, partition: str, block: int):
    from pybdm import BDM
    from pybdm.partitions import PartitionCorrelated, PartitionIgnore, PartitionRecursive

    cls = {"ignore": PartitionIgnore, "recursive": PartitionRecursive,
           "correlated": PartitionCorrelated}[partition]
    return BDM(ndim=ndim, shape=(block,) * ndim, partition=cls, raise_if_zero=False)


def bdm_value(bdm, x: np.ndarray) -> tuple[float, int]:
    counter = bdm.decompose_and_count(x)
    return float(bdm.bdm(x)), int(sum(counter.values()))


PARTITIONS = ("ignore", "recursive", "correlated")


def bdm1d_entries(rng: np.random.Generator) -> list[dict]:
    texts = [
        "".join(map(str, rng.integers(0, 2, 5))),
        "".join(map(str, rng.integers(0, 2, 12))),
        "".join(map(str, rng.integers(0, 2, 13))),
        "0" * 24,
        "".join(map(str, rng.integers(0, 2, 25))),
        "01" * 15,
        "".join(map(str, rng.integers(0, 2, 30))),
        "".join(map(str, rng.integers(0, 2, 37))),
        "".join(map(str, rng.integers(0, 2, 64))),
        "".join(map(str, rng.integers(0, 2, 100))),
    ]
    out = []
    for s in texts:
        x = np.array([int(c) for c in s], dtype=np.int64)
        for block in (12, 8):
            for partition in PARTITIONS:
                bits, blocks = bdm_value(make_bdm(1, partition, block), x)
                out.append({"text": s, "partition": partition, "block": block, "bits": bits,
                            "blocks": blocks})
    return out


def grid_rows(g: np.ndarray) -> list[str]:
    return ["".join(map(str, row)) for row in g.tolist()]


def bdm2d_entries(rng: np.random.Generator) -> list[dict]:
    grids = [rng.integers(0, 2, shape) for shape in
             ((5, 7), (8, 8), (10, 3), (16, 16), (4, 4), (7, 5), (9, 9), (6, 11), (3, 3))]
    grids.insert(5, np.ones((12, 12), dtype=np.int64))
    out = []
    for g in grids:
        g = g.astype(np.int64)
        for block in (4, 3):
            for partition in PARTITIONS:
                bits, blocks = bdm_value(make_bdm(2, partition, block), g)
                out.append({"grid": grid_rows(g), "partition": partition, "block": block,
                            "bits": bits, "blocks": blocks})
    return out


def perturbation_entry(rng: np.random.Generator) -> dict:
    from pybdm import BDM, PerturbationExperiment

    g = rng.integers(0, 2, (8, 8)).astype(np.int64)
    bdm = BDM(ndim=2)
    base = float(bdm.bdm(g))
    delta = np.zeros(g.shape)
    for r in range(g.shape[0]):
        for c in range(g.shape[1]):
            h = g.copy()
            h[r, c] ^= 1
            delta[r, c] = bdm.bdm(h) - base
    pe = PerturbationExperiment(bdm, g.copy()).run().reshape(g.shape)
    assert np.max(np.abs(pe - delta)) < 1e-9
    return {"grid": grid_rows(g), "partition": "ignore", "block": 4, "bdm": base,
            "delta": [[float(v) for v in row] for row in delta]}


def main() -> None:
    import warnings

    warnings.filterwarnings("ignore")
    out_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "peer_reference.json"
    rng = np.random.default_rng(SEED)
    data = {
        "generated_by": "bench/peers/reference.py",
        "packages": {p: metadata.version(p) for p in ("lzcomplexity", "antropy", "pybdm", "numpy")},
        "notes": [
            "lz76.phrases: Kaspar-Schuster LZ76 phrase count including a last incomplete phrase "
            "(0001101001000101 -> 0|001|10|100|1000|101 = 6). It equals antropy.lziv_complexity "
            "and a brute-force parse for every entry. lzcomplexity.factorization's own complexity "
            "(lzcomplexity_complexity) omits a last incomplete phrase, so it is 1 less whenever the "
            "string ends inside a copied phrase; phrases = complexity + (factors[complexity] < n).",
            "bdm bits: pybdm 0.1.0, sum over distinct raw blocks of CTM(normalised block) + "
            "log2(multiplicity); blocks counts the blocks used. correlated = sliding window, "
            "shift 1; recursive min_length 2. An input with no block has bits 0.0.",
            "perturbation2d.delta[r][c] = BDM(grid with cell (r,c) flipped) - BDM(grid); "
            "2D, ignore partition, 4x4 blocks; bdm = BDM(grid).",
        ],
        "lz76": lz76_entries(rng),
        "bdm1d": bdm1d_entries(rng),
        "bdm2d": bdm2d_entries(rng),
        "perturbation2d": perturbation_entry(rng),
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {out_path}: {len(data['lz76'])} lz76, {len(data['bdm1d'])} bdm1d, "
          f"{len(data['bdm2d'])} bdm2d entries, one 8x8 perturbation map")


if __name__ == "__main__":
    main()
