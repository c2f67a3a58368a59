"""Stochastic bargaining: the stationary equilibrium and Monte Carlo paths, as ratios to plain Python.

Goals (issue 12): 1,000 states solve in under 1 s, and 10,000 paths of 36
periods simulate in under 2 s. The machine's speed drifts, so each case is
also shown as a ratio to a reference run in the same round: plain-Python
value iteration (lists and loops, the textbook algorithm) on the same model,
stopped after a fixed number of iterations and scaled to the iterations the
contraction needs (:math:`\\log(\\text{tol}) / \\log \\beta`).

Run:  python benchmarks/dynamic.py [--states 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from typing import Any

import numpy as np

from bargaining.dynamic import simulate, stationary_equilibrium


def model(n: int, discount: float, seed: int = 3) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    matrix = rng.random((n, n)) ** 3
    matrix /= matrix.sum(axis=1, keepdims=True)
    return {
        "pie": rng.uniform(0, 2, n),
        "fighting": rng.uniform(-0.2, 0.1, (n, 2)),
        "proposer": rng.random(n),
        "transitions": matrix,
        "discounts": np.array([discount, discount - 0.01]),
    }


def plain_python_seconds(m: dict[str, Any], sweeps: int = 2) -> float:
    """Seconds per plain-Python value-iteration sweep, times the sweeps the contraction needs to 1e-12."""
    pie, fighting, p = m["pie"].tolist(), m["fighting"].tolist(), m["proposer"].tolist()
    matrix, delta = m["transitions"].tolist(), m["discounts"].tolist()
    n = len(pie)
    values = [[0.0, 0.0] for _ in range(n)]
    start = time.perf_counter()
    for _ in range(sweeps):
        new = []
        for s in range(n):
            row = matrix[s]
            w = [fighting[s][i] + delta[i] * sum(row[t] * values[t][i] for t in range(n)) for i in range(2)]
            gap = max(pie[s] - w[0] - w[1], 0.0)
            new.append([w[0] + p[s] * gap, w[1] + (1 - p[s]) * gap])
        values = new
    per_sweep = (time.perf_counter() - start) / sweeps
    return per_sweep * math.log(1e-12) / math.log(max(delta))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--discount", type=float, default=0.97)
    args = parser.parse_args()
    m = model(args.states, args.discount)
    solve, paths, reference = [], [], []
    for _ in range(args.rounds):
        reference.append(plain_python_seconds(m))
        start = time.perf_counter()
        result = stationary_equilibrium(**m)
        solve.append(time.perf_counter() - start)
        start = time.perf_counter()
        simulate(result, m["transitions"], periods=36, runs=10_000, seed=1)
        paths.append(time.perf_counter() - start)
    ref = statistics.median(reference)
    print(f"{args.states} states, discount {args.discount}, residual {result.residual:.2g}")
    print(f"{'case':<40} {'seconds':>9} {'ratio to plain Python':>22} {'goal':>6}")
    for label, times, goal in (
        (f"stationary equilibrium, {args.states} states", solve, 1.0),
        ("10,000 paths of 36 periods", paths, 2.0),
    ):
        t = statistics.median(times)
        print(f"{label:<40} {t:>9.3f} {t / ref:>22.4f} {goal:>5.1f}s")
    print(f"{'plain-Python value iteration (estimated)':<40} {ref:>9.3f} {1:>22.4f}")


if __name__ == "__main__":
    main()
