"""Solving many parameter points: in this process, a process pool, or any executor.

Points are sent in chunks, so that each worker compiles the model once
(:mod:`bargaining.solutions.feasible` caches compilations per process) and then only
updates parameter values. Any :class:`concurrent.futures.Executor` works,
including a Dask cluster's (``distributed.Client(...).get_executor()``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any, Protocol

from bargaining.errors import InvalidGameError
from bargaining.sensitivity.batch import batch_nash_rows
from bargaining.sensitivity.outcomes import Row, check_solution, evaluate
from bargaining.sensitivity.stakeholder_rows import compromise_rows

__all__ = ["MAX_WORKERS", "Progress", "check_workers", "evaluate_points", "run_points"]


class Progress(Protocol):
    """Told how a run of many points advances (the command line draws a progress bar with it).

    :func:`run_points` calls :meth:`start` once, :meth:`advance` after each chunk of
    points, and :meth:`finish` once at the end, also when a point raises.
    """

    def start(self, total: int, label: str) -> None:
        """``total`` points are about to be solved; ``label`` says what the run is."""

    def advance(self, done: int) -> None:
        """``done`` more points are solved."""

    def finish(self) -> None:
        """The run is over."""


def evaluate_points(model: Any, points: Sequence[Mapping[str, float]], solution: str) -> list[Row]:
    """The outcome rows of ``model`` at each point, in order (a picklable task).

    The Nash solution of an issue-space problem takes the fast path of
    :mod:`bargaining.sensitivity.batch` (``method="auto"`` for all points at
    once: certified Newton steps, cvxpy where they do not answer).
    """
    if solution == "nash" and getattr(model, "spec_kind", None) == "issue_space":
        return batch_nash_rows(model, points)
    if solution == "compromise" and getattr(model, "spec_kind", None) == "stakeholders":
        return compromise_rows(model, points)
    return [evaluate(model, point, solution) for point in points]


def _chunks(n: int, size: int) -> list[range]:
    return [range(start, min(start + size, n)) for start in range(0, n, size)]


def run_points(
    model: Any,
    points: Sequence[Mapping[str, float]],
    solution: str = "all",
    *,
    executor: Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    label: str = "solving",
) -> list[Row]:
    """Solve ``model`` at every point.

    Parameters
    ----------
    model
        Any spec model.
    points
        Parameter values, ``{name: value}`` per point.
    solution
        The solution concept(s), as for ``bargain solve``.
    executor
        Where to run the points; ``None`` for this process (or a process pool
        if ``workers`` > 1).
    workers
        Start a :class:`~concurrent.futures.ProcessPoolExecutor` with this many
        processes; with ``executor``, how many workers it has (sets the chunk
        size; default: chunks of at most 100 points).
    progress
        Told how the run advances (see :class:`Progress`); ``None``: nothing is reported.
    label
        What the run is, passed to ``progress``.

    Returns
    -------
    list of dict
        One row of outcomes per point, in the order of ``points``.
    """
    check_solution(model, solution)
    points = list(points)
    n = len(points)
    if workers is not None:
        check_workers(workers)
        workers = min(workers, max(1, n))  # no more processes than points
    if executor is None and (workers is None or workers <= 1):
        size = max(1, min(2000, n // 10 or 1))
        return _collect(
            n,
            _chunks(n, size),
            lambda chunk: evaluate_points(model, [points[i] for i in chunk], solution),
            progress,
            label,
        )
    if executor is None:
        from concurrent.futures import ProcessPoolExecutor

        assert workers is not None
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return _submit(pool, model, points, solution, -(-n // (4 * workers)), progress, label)
    # An executor of unknown size (a Dask cluster may have hundreds of workers): chunks of at most
    # 100 points, at least 8 chunks when there are enough points.
    size = max(1, min(100, -(-n // (4 * workers)) if workers else -(-n // 8)))
    return _submit(executor, model, points, solution, size, progress, label)


def _submit(
    executor: Executor,
    model: Any,
    points: list[Mapping[str, float]],
    solution: str,
    size: int,
    progress: Progress | None,
    label: str,
) -> list[Row]:
    from concurrent.futures import as_completed

    n = len(points)
    chunks = _chunks(n, max(1, size))
    futures = {
        executor.submit(evaluate_points, model, [points[i] for i in chunk], solution): chunk
        for chunk in chunks
    }
    rows: list[Row | None] = [None] * n
    with _reporting(progress, n, label) as advance:
        for future in as_completed(futures):
            chunk = futures[future]
            for i, row in zip(chunk, future.result(), strict=True):
                rows[i] = row
            advance(len(chunk))
    return [row if row is not None else {} for row in rows]


def _collect(
    n: int,
    chunks: list[range],
    run: Callable[[range], list[Row]],
    progress: Progress | None,
    label: str,
) -> list[Row]:
    rows: list[Row] = []
    with _reporting(progress, n, label) as advance:
        for chunk in chunks:
            rows.extend(run(chunk))
            advance(len(chunk))
    return rows


def _ignore(done: int) -> None:
    return None


@contextmanager
def _reporting(progress: Progress | None, total: int, label: str) -> Iterator[Callable[[int], None]]:
    """``progress.advance`` between ``start`` and ``finish`` (a no-op without ``progress``)."""
    if progress is None:
        yield _ignore
        return
    progress.start(total, label)
    try:
        yield progress.advance
    finally:
        progress.finish()


#: The most worker processes a run starts.
MAX_WORKERS = 64


def check_workers(workers: int) -> None:
    """Refuse a number of workers that is not a whole number in 1..:data:`MAX_WORKERS`."""
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise InvalidGameError(
            f"workers: expected a whole number of processes from 1 to {MAX_WORKERS}, got {workers!r}; "
            "more processes than cores only slow a run down"
        )
