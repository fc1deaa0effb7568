#!/usr/bin/env python3
"""Compare Ladders' Rust complexity measures with Python peers from PyPI.

Generates seeded inputs, times the peers on them, runs
`ladders bench --measures DIR` (in-process timings) and the whole `ladders measure`
process a user runs on the same inputs, checks that the values agree and prints a table
of peer time / Ladders time against target ratios. A process's time is the median
wall time of `ladders measure ...` minus the median of a trivial call
(`ladders measure lz76 --text 0`), which takes out process start-up (and Python's
subprocess overhead).

Peers and what is timed (each call as a user would make it, on data already in memory):
  lz76          lzcomplexity.factorization(bits)            median of --reps runs (after 1 warm-up)
  lz76          antropy.lziv_complexity(bits, normalize=False)  ONE full run (it takes minutes)
  bdm2d         pybdm BDM(ndim=2).bdm(grid256)               median of --reps runs (after 1 warm-up)
  perturbation  PerturbationExperiment(bdm, grid64).run()    median of --reps runs (after 1 warm-up);
                the timed call includes the constructor, which decomposes the grid and computes
                its BDM (the experiment needs it), but not loading the CTM table (BDM(...) is built once)

Conventions checked:
  lz76 value is the Kaspar-Schuster phrase count, counting a last incomplete phrase (the one that
    runs into the end of the string while still copying). lzcomplexity.factorization's
    `complexity` does NOT count that phrase, so the peer value is
    complexity + (1 if factors[complexity] < len(bits) else 0): the first `complexity` factors
    are the complete ones and anything after factors[complexity] is the incomplete one.
    antropy.lziv_complexity counts it (it equals the KS count directly).
  perturbation value is ΔBDM = BDM(grid with that cell flipped) − BDM(grid), a 64×64 matrix.
    PerturbationExperiment.run() returns exactly that (new − old), flattened in row-major
    (itertools.product) order, so it is reshaped to 64×64 and compared directly.

Exit status: 0 when all values agree (a missed speed target is only marked), 1 when a value
disagrees or a measure is missing from Ladders' output, 2 when Ladders could not be run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]

SEED = 20_240_917
N_BITS = 1_000_000

# (measure, peer key, peer label, target ratio peer/ladders); a measure ending in
# "/process" is the whole `ladders measure` process.
ROWS = [
    ("lz76", "lzcomplexity", "lzcomplexity.factorization", 10.0),
    ("lz76/process", "lzcomplexity", "lzcomplexity.factorization", 3.0),
    ("lz76", "antropy", "antropy.lziv_complexity", 1000.0),
    ("bdm2d", "pybdm", "pybdm BDM(ndim=2).bdm", 50.0),
    ("bdm2d/process", "pybdm", "pybdm BDM(ndim=2).bdm", 20.0),
    ("perturbation", "pybdm", "pybdm PerturbationExperiment.run", 50.0),
]

# Timed runs of each whole process (after one untimed run).
PROCESS_REPS = 21

BDM_REL_TOL = 1e-6
PERTURBATION_ABS_TOL = 1e-6


# ---------------------------------------------------------------- inputs

def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text() == text:
        return
    path.write_text(text)


def grid_text(grid: np.ndarray) -> str:
    return "".join("".join(map(str, row)) + "\n" for row in grid.tolist())


def generate_inputs(directory: Path, seed: int) -> None:
    """bits.txt: 10^6 '0'/'1' chars (no newline); grid256.txt, grid64.txt: rows of 0/1 chars."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    bits = rng.integers(0, 2, N_BITS, dtype=np.uint8)
    grid256 = rng.integers(0, 2, (256, 256), dtype=np.uint8)
    grid64 = rng.integers(0, 2, (64, 64), dtype=np.uint8)
    _write_if_changed(directory / "bits.txt", (bits + ord("0")).tobytes().decode("ascii"))
    _write_if_changed(directory / "grid256.txt", grid_text(grid256))
    _write_if_changed(directory / "grid64.txt", grid_text(grid64))


def read_bits(path: Path) -> str:
    text = "".join(path.read_text().split())
    if set(text) - {"0", "1"}:
        raise SystemExit(f"{path}: expected only 0/1 characters")
    return text


def read_grid(path: Path) -> np.ndarray:
    rows = [line.strip() for line in path.read_text().splitlines() if line.strip()]
    if not rows or any(len(r) != len(rows[0]) for r in rows) or set("".join(rows)) - {"0", "1"}:
        raise SystemExit(f"{path}: expected equal-length rows of 0/1 characters")
    return np.array([[int(c) for c in r] for r in rows], dtype=np.int64)


# ---------------------------------------------------------------- timing

def timed(fn, reps: int, warmup: bool = True):
    """Run fn (1 untimed warm-up, then reps timed runs); return (value, [seconds])."""
    if warmup:
        fn()
    times = []
    value = None
    for _ in range(reps):
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    return value, times


def summary(times):
    return {
        "seconds": statistics.median(times),
        "min_seconds": min(times),
        "reps": len(times),
        "all_seconds": times,
    }


# ---------------------------------------------------------------- peers

def ks_from_lzcomplexity(seq: str) -> tuple[int, int]:
    """(Kaspar–Schuster phrase count, lzcomplexity's raw `complexity`) for seq."""
    import lzcomplexity

    complexity, factors = lzcomplexity.factorization(seq)
    incomplete = 1 if factors[complexity] < len(seq) else 0
    return complexity + incomplete, complexity


def run_peers(inputs: Path, reps: int, skip_antropy: bool) -> dict:
    import lzcomplexity
    from pybdm import BDM, PerturbationExperiment

    bits = read_bits(inputs / "bits.txt")
    grid256 = read_grid(inputs / "grid256.txt")
    grid64 = read_grid(inputs / "grid64.txt")
    out: dict = {}

    print(f"peers: lzcomplexity.factorization on {len(bits)} bits, {reps} reps ...",
          file=sys.stderr, flush=True)
    (complexity, factors), times = timed(lambda: lzcomplexity.factorization(bits), reps)
    incomplete = 1 if factors[complexity] < len(bits) else 0
    out["lz76/lzcomplexity"] = {
        **summary(times),
        "value": complexity + incomplete,
        "raw_complexity": complexity,
        "last_phrase_incomplete": bool(incomplete),
        "function": "lzcomplexity.factorization(seq) -> (complexity, factor boundaries); "
                    "value = complexity + (factors[complexity] < n)",
    }

    if skip_antropy:
        out["lz76/antropy"] = {"skipped": True}
    else:
        import antropy

        print(f"peers: antropy.lziv_complexity on {len(bits)} bits, 1 run (takes minutes) ...",
              file=sys.stderr, flush=True)
        value, times = timed(lambda: int(antropy.lziv_complexity(bits, normalize=False)), 1,
                             warmup=False)
        out["lz76/antropy"] = {**summary(times), "value": value}

    bdm = BDM(ndim=2)  # PartitionIgnore, 4×4 blocks, CTM-B2-D4x4; loads the table once
    print(f"peers: pybdm bdm on {grid256.shape}, {reps} reps ...", file=sys.stderr, flush=True)
    value, times = timed(lambda: bdm.bdm(grid256), reps)
    out["bdm2d/pybdm"] = {**summary(times), "value": float(value)}

    def perturb():
        pe = PerturbationExperiment(bdm, grid64.copy())  # run() flips cells of its X in place
        return pe.run()

    print(f"peers: pybdm PerturbationExperiment on {grid64.shape}, {reps} reps ...",
          file=sys.stderr, flush=True)
    value, times = timed(perturb, reps)
    out["perturbation/pybdm"] = {**summary(times), "value": value.reshape(grid64.shape)}
    return out


# ---------------------------------------------------------------- ladders

def run_ladders(binary: Path, inputs: Path) -> dict:
    cmd = [str(binary), "bench", "--measures", str(inputs)]
    print(f"ladders: {' '.join(cmd)}", file=sys.stderr, flush=True)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    except FileNotFoundError:
        print(f"ladders: {binary} not found (build it with cargo build --release)", file=sys.stderr)
        sys.exit(2)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        print(f"ladders: exited with status {proc.returncode}", file=sys.stderr)
        sys.exit(2)
    return parse_ladders_json(proc.stdout)


def median_process_seconds(cmd: list[str], reps: int) -> float:
    """Median wall time of running cmd (output discarded), after one untimed run."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_ladders_processes(binary: Path, inputs: Path, reps: int) -> dict:
    """The whole `ladders measure` processes as a user runs them (default table output),
    minus a trivial call; values from one JSON run each."""
    trivial = [str(binary), "measure", "lz76", "--text", "0"]
    commands = {
        "lz76/process": [str(binary), "measure", "lz76", "--file", str(inputs / "bits.txt")],
        "bdm2d/process": [str(binary), "measure", "bdm2d", "--grid", str(inputs / "grid256.txt")],
    }
    print(f"ladders: whole processes, {reps} runs each, minus {' '.join(trivial)}",
          file=sys.stderr, flush=True)
    try:
        start_up = median_process_seconds(trivial, reps)
        out = {}
        for measure, cmd in commands.items():
            seconds = median_process_seconds(cmd, reps)
            proc = subprocess.run(cmd + ["--format", "json"], capture_output=True, text=True,
                                  check=True)
            value = json.loads(proc.stdout)["value"]
            out[measure] = {"seconds": seconds - start_up, "process_seconds": seconds,
                            "start_up_seconds": start_up, "value": value,
                            "command": " ".join(cmd)}
        return out
    except (OSError, subprocess.CalledProcessError, json.JSONDecodeError, KeyError) as error:
        print(f"ladders: a measure process failed: {error}", file=sys.stderr)
        sys.exit(2)


def parse_ladders_json(text: str) -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    for line in reversed(text.splitlines()):  # tolerate log lines before the object
        if line.lstrip().startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                break
    print("ladders: stdout is not one JSON object:\n" + text[:2000], file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- comparison

def compare(measure: str, peer: dict, lad: dict | None) -> tuple[bool, str]:
    if lad is None or "value" not in lad:
        return False, "missing from Ladders' output"
    lv = lad["value"]
    pv = peer["value"]
    measure = measure.split("/")[0]
    if measure == "lz76":
        ok = isinstance(lv, int) and lv == pv
        hint = ""
        if not ok and lv == peer.get("raw_complexity"):
            hint = " (= lzcomplexity's raw complexity, which omits the last incomplete phrase)"
        return ok, f"ladders {lv}, peer {pv}{hint}"
    if measure == "bdm2d":
        rel = abs(float(lv) - pv) / abs(pv)
        return rel <= BDM_REL_TOL, f"ladders {float(lv):.6f}, peer {pv:.6f}, rel {rel:.1e}"
    if measure == "perturbation":
        arr = np.asarray(lv, dtype=float)
        if arr.shape != pv.shape:
            return False, f"ladders shape {arr.shape}, peer {pv.shape}"
        diff = float(np.max(np.abs(arr - pv)))
        return diff <= PERTURBATION_ABS_TOL, f"max |diff| {diff:.1e}"
    raise ValueError(measure)


def fmt_s(x):
    return "-" if x is None else f"{x:.3g}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=Path, default=ROOT / "target" / "peers-inputs",
                    help="input directory (generated; default target/peers-inputs)")
    ap.add_argument("--skip-antropy", action="store_true",
                    help="skip antropy.lziv_complexity (several minutes on 10^6 bits)")
    ap.add_argument("--reps", type=int, default=7, help="timed repetitions per fast peer (default 7)")
    ap.add_argument("--seed", type=int, default=SEED)
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    ap.add_argument("--ladders", type=Path, default=target / "release" / "ladders",
                    help="Ladders binary (default $CARGO_TARGET_DIR/release/ladders, "
                         "else target/release/ladders)")
    ap.add_argument("--ladders-json", type=Path,
                    help="read Ladders' JSON from this file instead of running the binary (testing)")
    ap.add_argument("--no-ladders", action="store_true", help="time the peers only")
    ap.add_argument("--report", type=Path, default=ROOT / "target" / "peers-report.json")
    args = ap.parse_args(argv)

    warnings.filterwarnings("ignore")  # pkg_resources deprecation etc.
    inputs = args.inputs.resolve()
    generate_inputs(inputs, args.seed)
    print(f"inputs: {inputs} (seed {args.seed})", file=sys.stderr)

    peers = run_peers(inputs, args.reps, args.skip_antropy)

    ladders: dict = {}
    if args.ladders_json:
        ladders = parse_ladders_json(args.ladders_json.read_text())
    elif not args.no_ladders:
        ladders = run_ladders(args.ladders, inputs)
        ladders.update(run_ladders_processes(args.ladders, inputs, PROCESS_REPS))

    # Peers must agree among themselves too.
    all_ok = True
    notes = []
    ant = peers["lz76/antropy"]
    if not ant.get("skipped") and ant["value"] != peers["lz76/lzcomplexity"]["value"]:
        all_ok = False
        notes.append(f"peers disagree on lz76: antropy {ant['value']}, "
                     f"lzcomplexity (KS) {peers['lz76/lzcomplexity']['value']}")

    rows = []
    for measure, key, label, target in ROWS:
        peer = peers[f"{measure.split('/')[0]}/{key}"]
        row = {"measure": measure, "peer": label, "target_ratio": target,
               "peer_seconds": None, "peer_reps": None, "ladders_seconds": None,
               "ratio": None, "speed": None, "value": None, "detail": ""}
        rows.append(row)
        if measure.endswith("/process"):
            row["peer"] = label + " vs the whole process"
        if peer.get("skipped"):
            row["value"] = row["speed"] = "skipped"
            continue
        row["peer_seconds"] = peer["seconds"]
        row["peer_reps"] = peer["reps"]
        if args.no_ladders:
            pv = peer["value"]
            row["detail"] = f"peer value {pv if np.isscalar(pv) else 'matrix'}"
            continue
        lad = ladders.get(measure)
        ok, detail = compare(measure, peer, lad)
        row["value"] = "agree" if ok else "DISAGREE"
        row["detail"] = detail
        all_ok &= ok
        if lad is not None and isinstance(lad.get("seconds"), (int, float)) and lad["seconds"] > 0:
            row["ladders_seconds"] = float(lad["seconds"])
            row["ratio"] = peer["seconds"] / row["ladders_seconds"]
            row["speed"] = "pass" if row["ratio"] >= target else "miss"
        else:
            row["speed"] = "no time"

    header = ["measure", "peer", "peer s", "reps", "ladders s", "ratio", "target", "speed", "value",
              "detail"]
    table = [header] + [[
        r["measure"], r["peer"], fmt_s(r["peer_seconds"]), str(r["peer_reps"] or "-"),
        fmt_s(r["ladders_seconds"]), "-" if r["ratio"] is None else f"{r['ratio']:.1f}x",
        f">={r['target_ratio']:g}x", r["speed"] or "-", r["value"] or "-", r["detail"]] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for i, line in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for note in notes:
        print("note: " + note)
    if not args.no_ladders:
        print("values: " + ("all agree" if all_ok else "DISAGREE"))

    report = {
        "generated_by": "bench/peers/peers.py",
        "inputs": str(inputs),
        "seed": args.seed,
        "python": platform.python_version(),
        "packages": {p: metadata.version(p) for p in ("lzcomplexity", "antropy", "pybdm", "numpy")},
        "cpu_count": os.cpu_count(),
        "ladders": None if args.no_ladders else {
            m: {k: v for k, v in d.items() if k != "value" or m != "perturbation"}
            for m, d in ladders.items() if isinstance(d, dict)},
        "peers": {k: {f: (v.tolist() if isinstance(v, np.ndarray) else v)
                      for f, v in d.items() if not (k.startswith("perturbation") and f == "value")}
                  for k, d in peers.items()},
        "rows": rows,
        "notes": notes,
        "values_agree": None if args.no_ladders else all_ok,
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=2) + "\n")
    print(f"report: {args.report}", file=sys.stderr)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
