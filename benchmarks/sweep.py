"""Benchmark: a 1,000-point sweep of games/kursk.json, against building cvxpy afresh per point.

Run with ``python benchmarks/sweep.py [--points 1000] [--draws 10000] [--workers 2]``.

* **library, cvxpy re-parametrized**: the Nash solution at each point from the
  cvxpy programs compiled once and re-solved with new parameter values (DPP),
  the one conic Nash of ``bargaining.solve(..., method="conic")``, as the sweep's
  fallback runs it (``bargaining.sensitivity.batch.fast_row``).
* **library, sweep**: ``bargaining.sensitivity.sweep`` over ``kursk_held`` with
  the Nash solution, which solves all points and levels at once with the
  numpy Newton barrier method of :mod:`bargaining.solutions.nash_newton` (every
  answer checked by the optimality conditions, cvxpy where the check fails).
* **naive**: what a user without this library writes: for each point and each
  security level, build the cvxpy problem from scratch (variables,
  utilities with the numbers plugged in, the Nash product as a geometric mean)
  and solve it, keeping the best level.

Both compute the same thing (checked below: the same agreements to solver
accuracy); the ratio of their times is the speed-up of re-parametrizing
instead of rebuilding. Then ``--draws`` Monte Carlo draws of every ranged
parameter (uniform on its range) are timed.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
LEVELS = {
    "none": 0.0,
    "assurances": 0.2,
    "bilateral_treaties": 0.45,
    "european_troops": 0.7,
    "nato_membership": 1.0,
}


def naive_point(v: dict[str, float]) -> tuple[bool, float, float, str]:
    """Nash for the Kursk scenario at parameter values ``v``, building cvxpy from scratch."""
    import cvxpy as cp

    held, peak = v["kursk_held"], v["kursk_peak"]
    d_ua = (
        v["kursk_weight_ukraine"] * held / peak
        - v["holding_cost"] * held / peak
        - v["war_cost_ukraine"]
        + v["us_aid_value"] * v["us_support"]
    )
    d_ru = (
        -v["kursk_weight_russia"] * held / peak
        - v["war_cost_russia"]
        - v["us_cost_to_russia"] * v["us_support"]
    )
    best: tuple[float, float, float, str] | None = None
    for name, level in LEVELS.items():
        territory = cp.Variable()
        kursk = cp.Variable()
        u_ua = (
            v["territory_weight_ukraine"] * cp.sqrt(territory)
            + v["security_weight_ukraine"] * level
            + v["kursk_weight_ukraine"] * (held - kursk) / peak
        )
        u_ru = (
            -v["territory_weight_russia"] * territory
            - v["security_weight_russia"] * level**2
            - v["kursk_weight_russia"] * (held - kursk) / peak
        )
        problem = cp.Problem(
            cp.Maximize(cp.geo_mean(cp.hstack([u_ua - d_ua, u_ru - d_ru]))),
            [territory >= 0, territory <= 1, kursk >= 0, kursk <= held],
        )
        problem.solve(solver="CLARABEL")
        if problem.status in ("optimal", "optimal_inaccurate") and (best is None or problem.value > best[0]):
            best = (float(problem.value), float(territory.value), float(kursk.value), name)  # type: ignore[arg-type]
    if best is None or best[0] <= 1e-8:
        return False, math.nan, math.nan, ""
    return True, best[1], best[2], best[3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")

    from bargaining.io import load
    from bargaining.sensitivity import sweep
    from bargaining.sensitivity.montecarlo import monte_carlo

    kursk = load(ROOT / "games" / "kursk.json")
    values = np.linspace(0, 1294, args.points)
    sweep(kursk, "kursk_held", values[:2], solution="nash")  # compile once, as any session would

    start = time.perf_counter()
    result = sweep(kursk, "kursk_held", values, solution="nash")
    library = time.perf_counter() - start

    from bargaining.sensitivity.batch import fast_row

    start = time.perf_counter()
    dpp = [fast_row(kursk, {"kursk_held": float(x)}) for x in values]
    reparametrized = time.perf_counter() - start

    base = kursk.parameter_values()
    start = time.perf_counter()
    naive = [naive_point({**base, "kursk_held": float(x)}) for x in values]
    rebuilt = time.perf_counter() - start

    territory = result.column("nash.territory_returned")
    diff = max(abs(t - n[1]) for t, n in zip(territory, naive, strict=True) if n[0])
    diff_dpp = max(abs(t - r["nash.territory_returned"]) for t, r in zip(territory, dpp, strict=True))
    levels = sum(r.get("nash.security") == n[3] for r, n in zip(result.rows, naive, strict=True))
    n = args.points
    print(f"sweep of {n} points of kursk_held, Nash solution, one process")
    print(f"  naive: cvxpy rebuilt at every point      {rebuilt:8.2f} s  {1e3 * rebuilt / n:6.2f} ms/point")
    print(
        f"  library: cvxpy compiled once, DPP        {reparametrized:8.2f} s  "
        f"{1e3 * reparametrized / n:6.2f} ms/point"
        f"  ({rebuilt / reparametrized:.1f}x)"
    )
    print(
        f"  library: sweep (batch solver)            {library:8.2f} s  {1e3 * library / n:6.2f} ms/point"
        f"  ({rebuilt / library:.1f}x)"
    )
    print(
        f"  same answers: security level equal at {levels}/{n} points; largest difference in territory "
        f"returned {diff:.1e} from the naive cvxpy (default tolerances), {diff_dpp:.1e} from the library's"
    )

    if args.draws:
        start = time.perf_counter()
        mc = monte_carlo(kursk, args.draws, seed=0, uniform_ranges=True, workers=args.workers)
        elapsed = time.perf_counter() - start
        print(
            f"Monte Carlo: {args.draws} draws of {len(mc.distributions)} parameters on {args.workers} "
            f"worker(s): {elapsed:.1f} s ({1e3 * elapsed / args.draws:.2f} ms/draw); "
            f"P(agreement) = {mc.agreement_probability:.3f}"
        )


if __name__ == "__main__":
    main()
