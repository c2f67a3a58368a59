r"""Several barrier programs of one problem structure solved as one barrier run (the rows stacked).

:func:`~bargaining.solutions.newton.barrier_newton` steps every row of a run
together, and the cost of a step is mostly a fixed cost (numpy's, per call),
not a cost per row; so programs that do not depend on one another (the Nash
program and every party's best gain; the three concept programs of
``solve_all``) are cheaper as one run than one after another.
:func:`solve_together` stacks them: the rows of every :class:`Job`, one after
the other, their points padded to the widest (a padded coordinate has zero
gradient and curvature :math:`-1`, so its Newton step is zero), and the
utilities' jets evaluated once per step for every row
(:meth:`SmoothStructure.derivatives`), then handed to each program.

Consecutive jobs of one program type that can be merged (the starts of
run 1, the parties' best gains, the max-min programs) become one program
over all their rows (:func:`_merged`: each type's ``stacked`` class method,
its sums written over every party with the rest masked), so a step calls
each type's code once.

Every row takes exactly the steps it takes alone: the barrier method decides
each row's step, line search and stopping from that row only, so each job's
result is the one :func:`~bargaining.solutions.newton.barrier_newton` gives it
on its own (to rounding), and every certificate is computed from it as before.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from bargaining.solutions.newton import MU, BarrierResult, Objective, barrier_newton
from bargaining.solutions.smooth import SmoothStructure

__all__ = ["Job", "Program", "solve_together"]


class Program(Objective, Protocol):
    """A program of :mod:`.nash_programs` or :mod:`.concept_programs`: an objective from given jets."""

    structure: SmoothStructure
    cols: list[np.ndarray]

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """Value, gradient and Hessian from the utilities' jets at ``z``'s first ``k`` columns."""
        ...

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The value and whether ``z`` is inside the domain, from the utilities."""
        ...

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Rows that need go no further."""
        ...


@dataclass(frozen=True, slots=True, eq=False)
class Job:
    """One program's rows: the program, the starts ``z``, the box and the rows to solve.

    ``stops``: whether the program's ``reached`` can be true (a start program); the
    others' rows are not asked at every step.
    """

    program: Program
    z: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    alive: np.ndarray
    stops: bool = False


class _Stacked:
    """The barrier objective of every job's rows, one after the other."""

    def __init__(self, structure: SmoothStructure, jobs: Sequence[Job]) -> None:
        self.structure = structure
        self.programs = [job.program for job in jobs]
        self.stops = [job.stops for job in jobs]
        self.widths = [job.z.shape[1] for job in jobs]
        self.width = max(self.widths)
        sizes = [len(job.z) for job in jobs]
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
        cols = [np.concatenate(parts) for parts in zip(*(job.program.cols for job in jobs), strict=True)]
        # one table, so that a step takes its rows' columns with one fancy index, not one per column
        self.table = np.column_stack(cols) if cols else np.zeros((int(self.offsets[-1]), 0))
        self.k = jobs[0].lo.shape[1]

    def _cols(self, idx: np.ndarray) -> list[np.ndarray]:
        return list(self.table[idx].T)

    def _parts(self, idx: np.ndarray) -> list[tuple[int, slice]]:
        """Each job with rows in ``idx`` (sorted) and where they are in it."""
        cuts = np.searchsorted(idx, self.offsets)
        return [
            (j, slice(int(cuts[j]), int(cuts[j + 1])))
            for j in range(len(self.programs))
            if cuts[j + 1] > cuts[j]
        ]

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        u, g, h = self.structure.derivatives(self._cols(idx), z[:, : self.k])
        parts = self._parts(idx)
        if len(parts) == 1 and self.widths[parts[0][0]] == self.width:  # one program: nothing to pad
            j = parts[0][0]
            return self.programs[j].from_jets(idx - self.offsets[j], z, mu, u, g, h)
        r = len(idx)
        value, grad, hess = np.empty(r), np.zeros((r, self.width)), np.zeros((r, self.width, self.width))
        for j, rows in parts:
            p = self.widths[j]
            local = idx[rows] - self.offsets[j]
            v, gr, he = self.programs[j].from_jets(local, z[rows, :p], mu[rows], u[rows], g[rows], h[rows])
            value[rows], grad[rows, :p], hess[rows, :p, :p] = v, gr, he
            for a in range(p, self.width):  # a padded coordinate: no step
                hess[rows, a, a] = -1.0
        return value, grad, hess

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        u = self.structure.utilities(self._cols(idx), z[:, : self.k])
        parts = self._parts(idx)
        if len(parts) == 1:
            j = parts[0][0]
            return self.programs[j].from_utilities(idx - self.offsets[j], z[:, : self.widths[j]], mu, u)
        value, inside = np.empty(len(idx)), np.empty(len(idx), dtype=bool)
        for j, rows in parts:
            local = idx[rows] - self.offsets[j]
            value[rows], inside[rows] = self.programs[j].from_utilities(
                local, z[rows, : self.widths[j]], mu[rows], u[rows]
            )
        return value, inside

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        out = np.zeros(len(idx), dtype=bool)
        if not any(self.stops):
            return out
        for j, rows in self._parts(idx):
            if self.stops[j]:
                out[rows] = self.programs[j].reached(idx[rows] - self.offsets[j], z[rows, : self.widths[j]])
        return out


def solve_together(
    structure: SmoothStructure, jobs: Sequence[Job], weights: Sequence[float] = MU
) -> list[BarrierResult]:
    """:func:`~bargaining.solutions.newton.barrier_newton` of every job in one run; each job's own result.

    Every job's program must be of ``structure``, with the same issues (the
    box's width ``k``); its rows' results are those it gets alone (module docstring) with the
    barrier ``weights``.
    """
    stacked = _Stacked(structure, _merged(jobs))
    z = np.zeros((int(stacked.offsets[-1]), stacked.width))
    offsets = np.concatenate([[0], np.cumsum([len(job.z) for job in jobs])]).astype(int)
    for j, job in enumerate(jobs):
        z[offsets[j] : offsets[j + 1], : job.z.shape[1]] = job.z
    lo = np.concatenate([job.lo for job in jobs])
    hi = np.concatenate([job.hi for job in jobs])
    result = barrier_newton(stacked, z, lo, hi, np.concatenate([job.alive for job in jobs]), weights)
    out = []
    for j, job in enumerate(jobs):
        rows = slice(int(offsets[j]), int(offsets[j + 1]))
        out.append(BarrierResult(result.z[rows, : job.z.shape[1]], result.last[rows], result.reached[rows]))
    return out


def _merged(jobs: Sequence[Job]) -> list[Job]:
    """Runs of consecutive jobs of one program type that can be stacked, each as one job (fewer calls a step).

    A program type stacks where it has a ``stacked`` class method: one program
    of every row of the given programs, each row computed as in its own (so
    every row's steps are those it takes alone).
    """
    out: list[Job] = []
    for _, group in itertools.groupby(jobs, key=lambda job: (type(job.program), job.z.shape[1])):
        run = list(group)
        merge = getattr(type(run[0].program), "stacked", None)
        if len(run) == 1 or merge is None:
            out += run
            continue
        out.append(
            Job(
                merge([job.program for job in run]),
                np.concatenate([job.z for job in run]),
                np.concatenate([job.lo for job in run]),
                np.concatenate([job.hi for job in run]),
                np.concatenate([job.alive for job in run]),
                any(job.stops for job in run),
            )
        )
    return out
