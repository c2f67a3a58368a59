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

from bargaining.errors import SolverError, SpecError
from bargaining.model.domain import partial_domains
from bargaining.model.issue_space import BargainingProblem
from bargaining.model.utility_space import UtilitySet
from bargaining.solutions.base import Analysis, check_weights, concept_name, no_agreement
from bargaining.solutions.certify import certify_nash, inaccurate_note
from bargaining.solutions.convex import ConvexModel, ProgramResult, solver_name
from bargaining.solutions.feasible import feasible_set
from bargaining.solutions.results import BargainingSolution

__all__ = ["Candidate", "ConvexAnalysis", "empty_feasible_set"]


@dataclass
class Candidate:
    key: tuple[float, ...]
    result: ProgramResult
    levels: dict[str, Any]
    model: ConvexModel | None = None


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
        empty = True
        for model, _ in feasible.pieces():
            for i in range(n):
                result = self._check(model.best(i, d))
                if result.ok:
                    best[i] = max(best[i], result.value)
            result = self._check(model.maxmin(d, np.ones(n)))
            empty = empty and result.infeasible
            if result.ok:
                common = max(common, result.value)
        if empty:
            raise empty_feasible_set(problem)
        self.notes = (
            partial_domains(problem.parties, problem.issues, problem.parameter_values())
            if isinstance(problem, BargainingProblem)
            else ()
        )
        sizes = np.abs(np.concatenate([d, best[np.isfinite(best)]]))
        self.scale = float(sizes.max()) if sizes.size and sizes.max() > 0 else 1.0
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
                candidates.append(Candidate(key(result), result, levels, model))
        return candidates

    def _pick(self, candidates: list[Candidate]) -> Candidate | None:
        if not candidates:
            return None
        best = max(c.key[0] for c in candidates)
        tied = [c for c in candidates if c.key[0] >= best - self.tol]
        return max(tied, key=lambda c: c.key[1:] or (0.0,))

    def _stage(
        self,
        run1: Callable[[ConvexModel], ProgramResult],
        run2: Callable[[ConvexModel, float], ProgramResult],
        value: Callable[[np.ndarray], float],
        unit: float,
    ) -> Candidate | None:
        r"""Lexicographic: maximise stage 1 over all pieces, then stage 2 among the optima.

        Stage 2 runs with stage 1's optimum :math:`v^*` relaxed by
        :math:`\delta = 10^{-6} v` (``unit`` :math:`v` the size of stage-1
        values at the problem's utility scale), so every tolerance is relative
        and the answer does not move when all utilities are rescaled. Stage 2's
        point is a genuine tie-break when it is itself a stage-1 optimum to the
        solver's accuracy (``value`` of its utilities at least
        :math:`v^* - 10^{-7} v`), as on a flat stretch of the frontier, however
        short. Where the bound binds, stage 2
        may only have slid along a curved frontier by the relaxation, which
        shrinks like :math:`\sqrt{\delta}`; it is run again with
        :math:`\delta / 100`, and kept only if it still moves as far (a flat
        stretch followed by a curve), otherwise stage 1's point is the answer.
        """
        candidates = self._best_over_pieces(run1, lambda r: (r.value,))
        first = self._pick(candidates)
        if first is None or first.result.utilities is None:
            return first
        optimum = first.key[0]
        tol = 1e-8 * unit
        tied = [c.levels for c in candidates if c.key[0] >= optimum - 100 * tol]

        def tie_break(slack: float) -> Candidate | None:
            found = self._best_over_pieces(lambda m: run2(m, optimum - slack), lambda r: (r.value,), tied)
            chosen = self._pick(found)
            return chosen if chosen is not None and chosen.result.utilities is not None else None

        slack = 100 * tol
        second = tie_break(slack)
        if second is None or second.result.utilities is None:
            return first
        if value(second.result.utilities) >= optimum - 10 * tol:
            return second
        moved = float(np.max(np.abs(second.result.utilities - first.result.utilities)))
        if moved <= self.tol:
            return first
        third = tie_break(slack / 100)
        if third is None or third.result.utilities is None:
            return first
        still = float(np.max(np.abs(third.result.utilities - first.result.utilities)))
        return third if still >= moved / 2 else first

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
                lambda u: float(np.min((u - d) / scale)),
                self.scale / float(np.max(scale)),
            )
        else:
            chosen = self._stage(
                lambda m: m.utilitarian(d, w),
                lambda m, v: m.near_utilitarian(d, w, v),
                lambda u: float(w @ u),
                self.scale * float(np.sum(w)),
            )
        if chosen is None:
            raise SolverError(f"the {name} solution could not be computed: no piece was solved")
        agreement = {**(chosen.result.agreement or {}), **chosen.levels}
        agreement = self.feasible.order(agreement)
        utilities = self.feasible.utilities(agreement)
        status, notes = self._checked(concept, chosen, utilities, w)
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
            status=status,
            solver=self.solver,
            notes=notes,
        )

    def _checked(
        self, concept: str, chosen: Candidate, utilities: np.ndarray, w: np.ndarray
    ) -> tuple[str, tuple[str, ...]]:
        """The status and notes of an answer: an inaccurate optimum is checked (:mod:`.certify`)."""
        status = chosen.result.status
        if status != "optimal_inaccurate":
            return status, self.notes
        gap = float("nan")
        if concept == "nash" and chosen.model is not None:
            certified, gap = certify_nash(chosen.model, utilities, self.d, w)
            if certified:
                return "optimal", self.notes
        return status, (*self.notes, inaccurate_note(concept, gap))

    def _no_agreement(self, concept: str, name: str, w: np.ndarray) -> BargainingSolution:
        return no_agreement(
            concept, name, self.parties, self.d, self.best, self.ideal, w, self.tol, self.solver
        )


def empty_feasible_set(problem: BargainingProblem | UtilitySet) -> SpecError:
    r"""The error for a problem the solver finds no agreement of, naming what empties it.

    The maximin program :math:`\max t` s.t. :math:`u - d \ge t\,w` is feasible
    whenever some agreement meets the bounds and constraints (with every
    utility defined), since :math:`t` is free; infeasible on every piece, the
    set of agreements is empty.
    """
    if isinstance(problem, BargainingProblem) and problem.constraints:
        listed = "; ".join(
            f"constraints[{i}] {c.comparison.source!r}" for i, c in enumerate(problem.constraints)
        )
        return SpecError(
            "constraints",
            f"no agreement satisfies the constraints within the issues' bounds ({listed}), "
            "with every utility defined; relax a constraint or widen the bounds",
        )
    return SpecError(
        "parties",
        "no agreement lies where every utility is defined within the issues' bounds "
        "(log or sqrt of a quantity that cannot be positive?); change the utilities or the bounds",
    )
