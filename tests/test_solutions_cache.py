"""bargaining.solutions.cache: the LRU bound, and concurrent solves agreeing with serial ones."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from bargaining.io import load
from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party
from bargaining.sensitivity.runner import evaluate_points
from bargaining.solutions import solve
from bargaining.solutions.cache import STRUCTURES, StructureCache

ROOT = Path(__file__).resolve().parents[1]


def test_the_least_recently_used_entry_is_evicted_first() -> None:
    cache = StructureCache(size=3)
    built: list[str] = []

    def build(name: str) -> str:
        built.append(name)
        return name.upper()

    for name in "abc":
        assert cache.get(name, lambda n=name: build(n)) == name.upper()
    assert cache.get("a", lambda: build("again")) == "A"  # a is now the most recent
    cache.get("d", lambda: build("d"))
    assert len(cache) == 3
    assert "b" not in cache and "a" in cache and "c" in cache and "d" in cache
    assert built == ["a", "b", "c", "d"]
    with pytest.raises(ValueError, match="at least one entry"):
        StructureCache(size=0)


def test_the_shared_cache_never_holds_more_than_its_size() -> None:
    for k in range(STRUCTURES.size + 5):
        problem = BargainingProblem(
            [Party("a", f"share + {k + 2}"), Party("b", "1 - share")], [ContinuousIssue("share", 0, 1)]
        )
        solve(problem, "nash")
        solve(problem, "nash", method="newton")
        assert len(STRUCTURES) <= STRUCTURES.size


def test_concurrent_builds_of_one_key_build_once() -> None:
    cache = StructureCache(size=4)
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return 42

    with ThreadPoolExecutor(max_workers=8) as pool:
        values = list(pool.map(lambda _: cache.get("key", build), range(64)))
    assert values == [42] * 64 and len(calls) == 1


def _dollar() -> BargainingProblem:
    return BargainingProblem(
        [Party("a", "k * sqrt(share)", disagreement="d_a"), Party("b", "1 - share")],
        [ContinuousIssue("share", 0, 1)],
        [Parameter("d_a", 0.0, (-1, 1)), Parameter("k", 1.0, (0.5, 2))],
    )


# warnings.catch_warnings (which the conic path uses to hide cvxpy's) is not thread-safe before
# Python 3.14: under a thread pool a hidden warning can escape.
@pytest.mark.filterwarnings("ignore:Solution may be inaccurate")
@pytest.mark.parametrize("method", ["conic", "newton", "auto"])
def test_a_thread_pool_gives_the_serial_answers(method: str) -> None:
    problem = _dollar()
    points = [{"d_a": a, "k": k} for a in (-0.4, 0.0, 0.2) for k in (0.5, 1.0, 2.0)]

    def one(point: dict[str, float]) -> tuple[float, ...]:
        s = solve(problem.with_parameters(point), "nash", method=method)
        return (s.agreement["share"], *s.utilities)

    serial = [one(p) for p in points]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(one, points * 3))
    # Newton's method is deterministic; each thread compiles its own cvxpy programs (from the first
    # point it solves, which also sets the utility scale the programs are solved in), which changes
    # the conic answers only within the solver's accuracy (its "optimal_inaccurate" optima here).
    np.testing.assert_allclose(parallel, serial * 3, rtol=0, atol=0 if method == "newton" else 1e-6)


@pytest.mark.filterwarnings("ignore:Solution may be inaccurate")
@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the barrier's hidden ones escape as above
def test_a_thread_pool_sweep_of_kursk_gives_the_serial_rows() -> None:
    kursk = load(ROOT / "games" / "kursk.json")
    chunks = [[{"kursk_held": float(x)}] for x in np.linspace(0, 1294, 8)]
    serial = [evaluate_points(kursk, chunk, solution) for chunk in chunks for solution in ("nash", "all")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(evaluate_points, kursk, c, s) for c in chunks for s in ("nash", "all")]
        parallel = [f.result() for f in futures]
    assert len(parallel) == len(serial)
    for ours, theirs in zip(parallel, serial, strict=True):
        assert ours[0].keys() == theirs[0].keys()
        for key, value in theirs[0].items():
            if isinstance(value, float):
                # each thread compiles (and scales) at its own first point: conic accuracy
                assert ours[0][key] == pytest.approx(value, abs=1e-6), key
            else:
                assert ours[0][key] == value, key
