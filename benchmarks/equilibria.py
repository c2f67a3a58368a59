"""Benchmark: Nash equilibria of random bimatrix games against nashpy, pygambit and QuantEcon.

Two tasks, on random games with integer payoffs uniform in 0..999:

* ``all``: every (extreme) equilibrium of n x n games, n = 4..14:
  ``bargaining`` vertex enumeration (float and exact), nashpy
  ``vertex_enumeration``, Gambit ``enummixed_solve`` (float and rational),
  QuantEcon ``vertex_enumeration``;
* ``lh``: one equilibrium by Lemke-Howson from label 0, n = 20..200:
  ``bargaining.equilibrium.two_player.lemke_howson``, nashpy ``lemke_howson``,
  Gambit ``lcp_solve(stop_after=1)``, QuantEcon ``lemke_howson``.

Each (tool, task, size) runs in a fresh subprocess, so that the *first call*
(after import: JIT compilation, lazy imports, caches) is measured apart from
the *steady state* (median over further games), and a solver that does not
finish (nashpy's Lemke-Howson may cycle) is stopped after ``--timeout``
seconds. Ratios are the other tool's steady-state time over ours; ``found``
is the number of equilibria found on the first game; for Lemke-Howson, *ended*
counts the games where an equilibrium was found: from label 0 for the others
(QuantEcon within its default 10^6 iterations; Gambit and nashpy have no
limit); ours tries label 0 first and moves to the next label when a path
exceeds 10000 pivots (``lemke_howson(game, stop_after=1, max_pivots=10_000)``).

Run: ``python benchmarks/equilibria.py`` (about 5 minutes; ``--quick`` for a
smaller run). Needs ``pip install nashpy pygambit quantecon``; missing tools
are skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

TOOLS_ALL = ["bargaining", "bargaining-exact", "gambit", "gambit-exact", "quantecon", "nashpy"]
TOOLS_LH = ["bargaining", "gambit", "quantecon", "nashpy"]
SIZES_ALL = [4, 6, 8, 10, 12, 14]
SIZES_LH = [20, 50, 100, 200]


def games(size: int, count: int, seed: int = 2024) -> list[tuple[np.ndarray, np.ndarray]]:
    """``count`` random ``size x size`` games, payoffs in 0..999 (fixed seed: the same for every tool)."""
    rng = np.random.default_rng([seed, size])
    return [(rng.integers(0, 1000, (size, size)), rng.integers(0, 1000, (size, size))) for _ in range(count)]


def solver(tool: str, task: str) -> Callable[[np.ndarray, np.ndarray], int]:
    """A function ``(A, B) -> number of equilibria found``; imports the tool."""
    if tool.startswith("bargaining"):
        from bargaining.equilibrium import equilibria
        from bargaining.equilibrium.two_player import lemke_howson
        from bargaining.games import NormalFormGame

        exact = tool.endswith("exact")
        if task == "all":
            return lambda a, b: len(
                equilibria(NormalFormGame.from_arrays(a, b), method="vertex", exact=exact)
            )
        from bargaining.errors import SolverError

        def one_path(a: np.ndarray, b: np.ndarray) -> int:
            # label 0 first; a path longer than max_pivots is abandoned for the next label
            try:
                return len(lemke_howson(NormalFormGame.from_arrays(a, b), stop_after=1, max_pivots=10_000))
            except SolverError:
                return 0

        return one_path
    if tool.startswith("gambit"):
        import pygambit

        rational = tool.endswith("exact")
        if task == "all":
            return lambda a, b: len(
                pygambit.nash.enummixed_solve(pygambit.Game.from_arrays(a, b), rational=rational).equilibria
            )
        return lambda a, b: len(
            pygambit.nash.lcp_solve(pygambit.Game.from_arrays(a, b), rational=False, stop_after=1).equilibria
        )
    if tool == "quantecon":
        import quantecon.game_theory as gt

        def build(a: np.ndarray, b: np.ndarray) -> Any:
            return gt.NormalFormGame((gt.Player(a.astype(float)), gt.Player(b.T.astype(float))))

        if task == "all":
            return lambda a, b: len(gt.vertex_enumeration(build(a, b)))
        return lambda a, b: int(gt.lemke_howson(build(a, b), init_pivot=0, full_output=True)[1].converged)
    if tool == "nashpy":
        import warnings

        import nashpy

        warnings.simplefilter("ignore")
        if task == "all":
            return lambda a, b: len(list(nashpy.Game(a, b).vertex_enumeration()))
        return lambda a, b: int(nashpy.Game(a, b).lemke_howson(initial_dropped_label=0) is not None)
    raise ValueError(f"unknown tool {tool!r}")


def worker(tool: str, task: str, size: int, count: int, budget: float) -> dict[str, Any]:
    """Time the first call and the steady state of one tool on one size, in this (fresh) process."""
    start = time.perf_counter()
    try:
        solve = solver(tool, task)
    except ImportError as exc:
        return {"skipped": f"not installed ({exc.name})"}
    imported = time.perf_counter() - start
    instances = games(size, count)
    start = time.perf_counter()
    found = solve(*instances[0])
    first = time.perf_counter() - start
    ended = int(found > 0)
    times: list[float] = []
    spent = 0.0
    for a, b in instances[1:]:
        start = time.perf_counter()
        ended += int(solve(a, b) > 0)
        times.append(time.perf_counter() - start)
        spent += times[-1]
        if spent > budget and len(times) >= 1:
            break
    steady = statistics.median(times) if times else first
    return {
        "import": imported,
        "first": first,
        "steady": steady,
        "runs": len(times),
        "found": found,
        "ended": f"{ended}/{len(times) + 1}",
    }


def run(tool: str, task: str, size: int, count: int, budget: float, timeout: float) -> dict[str, Any]:
    """Run :func:`worker` in a subprocess with a time limit."""
    command = [sys.executable, __file__, "--worker", tool, task, str(size), str(count), str(budget)]
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if output.returncode != 0:
        return {"error": output.stderr.strip().splitlines()[-1] if output.stderr.strip() else "failed"}
    result: dict[str, Any] = json.loads(output.stdout.strip().splitlines()[-1])
    return result


def milliseconds(seconds: float) -> str:
    value = seconds * 1e3
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def table(
    task: str, sizes: list[int], tools: list[str], results: dict[tuple[str, int], dict[str, Any]]
) -> str:
    from bargaining.table import format_table

    rows = []
    for size in sizes:
        ours = results.get(("bargaining", size), {})
        for tool in tools:
            result = results[(tool, size)]
            if "skipped" in result or "error" in result:
                rows.append(
                    [f"{size}x{size}", tool, "-", "-", "-", "-", result.get("skipped", result.get("error"))]
                )
                continue
            if "timeout" in result:
                rows.append(
                    [
                        f"{size}x{size}",
                        tool,
                        "-",
                        "-",
                        "-",
                        "-",
                        f"did not finish in {result['timeout']:.0f} s",
                    ]
                )
                continue
            ratio = result["steady"] / ours["steady"] if ours.get("steady") else float("nan")
            rows.append(
                [
                    f"{size}x{size}",
                    tool,
                    milliseconds(result["first"]),
                    milliseconds(result["steady"]),
                    f"{ratio:.3g}x",
                    str(result["found"]) if task == "all" else result["ended"],
                    f"median of {result['runs']}; import {milliseconds(result['import'])} ms",
                ]
            )
    title = (
        "all equilibria (vertex enumeration)" if task == "all" else "one equilibrium (Lemke-Howson, label 0)"
    )
    found = "found" if task == "all" else "ended"
    headers = ["game", "tool", "first call ms", "steady ms", "vs ours", found, "notes"]
    return format_table(headers, rows, title=f"{title}, payoffs 0..999")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker", nargs=5, metavar=("TOOL", "TASK", "SIZE", "COUNT", "BUDGET"))
    parser.add_argument("--quick", action="store_true", help="fewer sizes and games")
    parser.add_argument(
        "--task", choices=["all", "lh", "both"], default="both", help="which benchmark to run"
    )
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds per tool and size")
    parser.add_argument("--games", type=int, default=11, help="games per size (first call + steady state)")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds of steady-state runs per tool and size"
    )
    args = parser.parse_args()
    if args.worker:
        tool, task, size, count, budget = args.worker
        print(json.dumps(worker(tool, task, int(size), int(count), float(budget))))
        return
    sizes_all = [4, 8, 10] if args.quick else SIZES_ALL
    sizes_lh = [20, 50] if args.quick else SIZES_LH
    for task, sizes, tools in (("all", sizes_all, TOOLS_ALL), ("lh", sizes_lh, TOOLS_LH)):
        if args.task not in (task, "both"):
            continue
        results: dict[tuple[str, int], dict[str, Any]] = {}
        given_up: set[str] = set()
        for size in sizes:
            for tool in tools:
                if tool in given_up:
                    results[(tool, size)] = {"skipped": "slower than the time limit at a smaller size"}
                    continue
                results[(tool, size)] = run(tool, task, size, args.games, args.budget, args.timeout)
                if "timeout" in results[(tool, size)]:
                    given_up.add(tool)
                print(f"  {task} {size}x{size} {tool}: {results[(tool, size)]}", file=sys.stderr, flush=True)
        print(table(task, sizes, tools, results))
        print()


if __name__ == "__main__":
    main()
