r"""The solutions on a union of convex pieces, solved piece by piece with cvxpy.

Every concept maximises an objective over :math:`S = S_1 \cup \dots \cup S_K`
(with the ideal point :math:`a` computed over all of it), so it is solved on each
piece and the best piece wins; lexicographic tie-breaks run a second program
among the pieces that tie (see :mod:`bargaining.solutions.concepts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import SolverError
from bargaining.model.issue_space import BargainingProblem
from bargaining.model.utility_space import UtilitySet
from bargaining.solutions.base import Analysis, check_weights, concept_name, no_agreement
from bargaining.solutions.convex import ConvexModel, ProgramResult, solver_name
from bargaining.solutions.feasible import feasible_set
from bargaining.solutions.results import BargainingSolution

__all__ = ["Candidate", "ConvexAnalysis"]


@dataclass
class Candidate:
    key: tuple[float, ...]
    result: ProgramResult
    levels: dict[str, Any]


class ConvexAnalysis(Analysis):
    """The solutions on a union of convex pieces (cvxpy)."""

    def __init__(self, problem: BargainingProblem | UtilitySet) -> None:
        self.feasible = feasible = feasible_set(problem)
        self.parties = feasible.parties
        self.n = n = len(self.parties)
        self.d = d = feasible.disagreement_point
        self.powers = feasible.bargaining_power
        self.solver = solver_name()
        best = np.full(n, -np.inf)
        common = -np.inf
        self.statuses: set[str] = set()
        for model, _ in feasible.pieces():
            for i in range(n):
                result = self._check(model.best(i, d))
                if result.ok:
                    best[i] = max(best[i], result.value)
            result = self._check(model.maxmin(d, np.ones(n)))
            if result.ok:
                common = max(common, result.value)
        self.scale = max(
            1.0, float(np.max(np.abs(d))), float(np.max(np.abs(best[np.isfinite(best)]), initial=0.0))
        )
        self.tol = 1e-8 * self.scale
        self.best = best
        self.exists = common > self.tol
        self.ideal = np.where(best >= d, best, np.nan)

    def _check(self, result: ProgramResult) -> ProgramResult:
        if result.status == "unbounded":
            raise SolverError(
                "a utility is unbounded on the feasible set; give every continuous issue finite bounds",
                result.status,
            )
        if result.status == "solver_error":
            raise SolverError(
                f"the solver ({self.solver}) failed; check that utilities are finite on the whole "
                "feasible set (e.g. log of a quantity that can reach 0)",
                result.status,
            )
        if result.ok:
            self.statuses.add(result.status)
        return result

    def _best_over_pieces(
        self,
        run: Callable[[ConvexModel], ProgramResult],
        key: Callable[[ProgramResult], tuple[float, ...]],
        only: list[dict[str, Any]] | None = None,
    ) -> list[Candidate]:
        """Run a program on every piece (or on the pieces ``only`` lists)."""
        candidates = []
        for model, levels in self.feasible.pieces():
            if only is not None and levels not in only:
                continue
            result = self._check(run(model))
            if result.ok:
                candidates.append(Candidate(key(result), result, levels))
        return candidates

    def _pick(self, candidates: list[Candidate]) -> Candidate | None:
        if not candidates:
            return None
        best = max(c.key[0] for c in candidates)
        tied = [c for c in candidates if c.key[0] >= best - self.tol * max(1.0, abs(best))]
        return max(tied, key=lambda c: c.key[1:] or (0.0,))

    def _stage(
        self,
        run1: Callable[[ConvexModel], ProgramResult],
        run2: Callable[[ConvexModel, float], ProgramResult],
    ) -> Candidate | None:
        """Lexicographic: maximise stage 1 over all pieces, then stage 2 among the optima.

        Stage 2 runs with stage 1's optimum relaxed by a tolerance. On a curved
        frontier that relaxation alone moves the answer slightly (by the square
        root of the tolerance for a utilitarian optimum), so stage 2's point is
        kept only where it differs materially from stage 1's: where the optimum
        of stage 1 is a genuine flat segment of the frontier.
        """
        candidates = self._best_over_pieces(run1, lambda r: (r.value,))
        first = self._pick(candidates)
        if first is None:
            return None
        optimum = first.key[0]
        target = optimum - self.tol * max(1.0, abs(optimum))
        tied = [c.levels for c in candidates if c.key[0] >= target]
        second = self._pick(self._best_over_pieces(lambda m: run2(m, target), lambda r: (r.value,), tied))
        if second is None or first.result.utilities is None or second.result.utilities is None:
            return first
        moved = np.max(np.abs(second.result.utilities - first.result.utilities))
        return second if moved > 1e-3 * self.scale else first

    def solve(self, concept: str, weights: Sequence[float] | None) -> BargainingSolution:
        n, d = self.n, self.d
        default = self.powers
        w = check_weights(weights, default if concept in ("nash", "utilitarian") else np.ones(n), n)
        name = concept_name(concept, w)
        if not self.exists:
            return self._no_agreement(concept, name, w)
        chosen: Candidate | None
        if concept == "nash":
            pieces = self._best_over_pieces(lambda m: m.nash(d, w), lambda r: (r.value,))
            chosen = self._pick(pieces)
        elif concept in ("ks", "egalitarian"):
            scale = self.ideal - d if concept == "ks" else w
            chosen = self._stage(
                lambda m: m.maxmin(d, scale),
                lambda m, t: m.floor(d, scale, np.full(n, t)),
            )
        else:
            chosen = self._stage(
                lambda m: m.utilitarian(d, w),
                lambda m, v: m.near_utilitarian(d, w, v),
            )
        if chosen is None:
            raise SolverError(f"the {name} solution could not be computed: no piece was solved")
        agreement = {**(chosen.result.agreement or {}), **chosen.levels}
        agreement = self.feasible.order(agreement)
        utilities = self.feasible.utilities(agreement)
        return BargainingSolution(
            concept=concept,
            concept_name=name,
            parties=self.parties,
            agreement_exists=True,
            agreement=agreement,
            utilities=utilities,
            disagreement_point=d,
            ideal_point=self.ideal,
            weights=w,
            status=chosen.result.status,
            solver=self.solver,
        )

    def _no_agreement(self, concept: str, name: str, w: np.ndarray) -> BargainingSolution:
        return no_agreement(
            concept, name, self.parties, self.d, self.best, self.ideal, w, self.tol, self.solver
        )
