r"""The axiomatic bargaining solutions.

For a feasible set :math:`S` of utility vectors, a disagreement point
:math:`d`, and weights :math:`w > 0`:

Nash (1950), asymmetric with bargaining powers :math:`w` (Kalai 1977):

.. math:: u^N = \arg\max_{u \in S,\ u > d} \prod_i (u_i - d_i)^{w_i}

Kalai-Smorodinsky (1975), with the ideal point
:math:`a_i = \max\{u_i : u \in S,\ u \ge d\}`:

.. math:: u^{KS} = \text{the Pareto point of } S \text{ on the segment from } d \text{ to } a,
          \quad \max t \text{ s.t. } u - d \ge t\,(a - d)

Egalitarian (Kalai 1977), and proportional with weights :math:`w`:

.. math:: u^E = \arg\max_{u \in S} \min_i \frac{u_i - d_i}{w_i}

Utilitarian, weighted:

.. math:: u^U = \arg\max_{u \in S,\ u \ge d} \sum_i w_i u_i

Notes
-----
Continuous issues are solved by cvxpy (Clarabel): Nash as the weighted
geometric mean of the gains (power cones), the others as linear objectives over
the convex set. With discrete issues, :math:`S` is a union of convex pieces,
one per combination of levels; since every concept maximises an objective
over :math:`S` (with :math:`a` computed over all of it), it is solved on each
piece and the best piece wins. The max-min concepts (KS, egalitarian) and the
utilitarian one can have many maximisers on flat parts of the frontier; ties
are broken lexicographically (KS and egalitarian: then the largest sum of
normalised gains, which is Pareto optimal; utilitarian: then the largest
common gain), so the answer is Pareto optimal and does not depend on the
solver's path.

If no agreement gives every party strictly more than :math:`d`, there is no
agreement: the result says so (``agreement_exists`` is false) and names the
parties who block it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError, SolverError
from bargaining.model.issue_space import BargainingProblem
from bargaining.model.utility_space import Frontier, UtilitySet
from bargaining.solutions.convex import ConvexModel, ProgramResult, solver_name
from bargaining.solutions.results import BargainingSolution, SolutionSet

__all__ = [
    "SOLUTION_CONCEPTS",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_bargaining_solution",
    "solve",
    "solve_all",
    "utilitarian_solution",
]

#: concept key -> its name in tables
SOLUTION_CONCEPTS: dict[str, str] = {
    "nash": "Nash",
    "ks": "Kalai-Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}

_ALIASES = {
    "kalai_smorodinsky": "ks",
    "kalai-smorodinsky": "ks",
    "kalai": "ks",
    "nbs": "nash",
    "proportional": "egalitarian",
}

Problem = BargainingProblem | UtilitySet | Frontier


def concept_key(concept: str) -> str:
    """The canonical key of a concept name or alias (``"kalai_smorodinsky"`` -> ``"ks"``)."""
    key = concept.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in SOLUTION_CONCEPTS:
        from bargaining.errors import suggest

        known = ", ".join([*SOLUTION_CONCEPTS, "all"])
        raise InvalidGameError(
            f"unknown solution {concept!r}{suggest(key, list(SOLUTION_CONCEPTS))} (choose from {known})"
        )
    return key


# --------------------------------------------------------------------------- public API


def nash_bargaining_solution(
    problem: Problem, bargaining_power: Sequence[float] | None = None
) -> BargainingSolution:
    r"""The (asymmetric) Nash bargaining solution.

    .. math:: u^N = \arg\max_{u \in S,\ u > d} \prod_i (u_i - d_i)^{w_i}

    Parameters
    ----------
    problem
        A :class:`~bargaining.BargainingProblem`, :class:`~bargaining.UtilitySet`
        or :class:`~bargaining.Frontier`.
    bargaining_power
        :math:`w`, one positive number per party; default: the problem's own
        (all equal gives the symmetric solution of Nash 1950).

    Returns
    -------
    BargainingSolution

    References
    ----------
    Nash, J. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
    Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person
    bargaining. *International Journal of Game Theory* 6, 179-187.

    Examples
    --------
    >>> from bargaining import Frontier
    >>> s = nash_bargaining_solution(Frontier(("alice", "bob"), "1 - alice"))
    >>> [round(float(u), 6) for u in s.utilities]
    [0.5, 0.5]
    """
    return _solve(problem, "nash", bargaining_power)


def kalai_smorodinsky_solution(problem: Problem) -> BargainingSolution:
    r"""The Kalai-Smorodinsky solution: equal shares of each party's ideal gain.

    .. math:: \max t \ \text{s.t.}\ u - d \ge t\,(a - d),\ u \in S

    where :math:`a` is the ideal point. For two parties the point is the
    intersection of the frontier with the segment from :math:`d` to :math:`a`.

    References
    ----------
    Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining
    problem. *Econometrica* 43(3), 513-518.

    Examples
    --------
    >>> from bargaining import Frontier
    >>> s = kalai_smorodinsky_solution(Frontier(("a", "b"), "1 - a**2"))
    >>> round(float(s.utilities[0]), 6)  # a = b on b = 1 - a**2: (sqrt(5) - 1)/2
    0.618034
    """
    return _solve(problem, "ks", None)


def egalitarian_solution(problem: Problem, weights: Sequence[float] | None = None) -> BargainingSolution:
    r"""The egalitarian solution (proportional, with weights): equal gains.

    .. math:: u^E = \arg\max_{u \in S} \min_i (u_i - d_i)/w_i

    Parameters
    ----------
    weights
        :math:`w`: gains in these proportions; default equal gains.

    References
    ----------
    Kalai, E. (1977). Proportional solutions to bargaining situations:
    interpersonal utility comparisons. *Econometrica* 45(7), 1623-1630.
    """
    return _solve(problem, "egalitarian", weights)


def utilitarian_solution(problem: Problem, weights: Sequence[float] | None = None) -> BargainingSolution:
    r"""The (weighted) utilitarian solution: the largest weighted sum of utilities.

    .. math:: u^U = \arg\max_{u \in S,\ u \ge d} \sum_i w_i u_i

    Parameters
    ----------
    weights
        :math:`w`; default: the problem's bargaining powers.
    """
    return _solve(problem, "utilitarian", weights)


def solve(
    problem: Problem, concept: str = "nash", weights: Sequence[float] | None = None
) -> BargainingSolution:
    """Solve ``problem`` with the named concept (``"nash"``, ``"ks"``, ...)."""
    return _solve(problem, concept_key(concept), weights)


def solve_all(problem: Problem, solution: str = "all") -> SolutionSet:
    """Every concept (or the one named) for ``problem``, as one table."""
    keys = list(SOLUTION_CONCEPTS) if solution == "all" else [concept_key(solution)]
    analysis = _analysis(problem)
    title = getattr(problem, "name", "") or ""
    issues = problem.issue_names if isinstance(problem, BargainingProblem) else ()
    return SolutionSet(tuple(analysis.solve(key, None) for key in keys), title=title, issues=issues)


def _solve(problem: Problem, concept: str, weights: Sequence[float] | None) -> BargainingSolution:
    return _analysis(problem).solve(concept, weights)


def _analysis(problem: Problem) -> _Analysis:
    if isinstance(problem, Frontier):
        return _FrontierAnalysis(problem)
    if isinstance(problem, UtilitySet) and not problem.lotteries:
        from bargaining.solutions.finite import FiniteAnalysis

        return FiniteAnalysis(problem)
    if isinstance(problem, BargainingProblem | UtilitySet):
        return _ConvexAnalysis(problem)
    raise InvalidGameError(
        f"expected a BargainingProblem, UtilitySet or Frontier, got {type(problem).__name__}"
    )


def _weights(weights: Sequence[float] | None, default: np.ndarray, n: int) -> np.ndarray:
    if weights is None:
        return np.asarray(default, dtype=float)
    w = np.asarray(weights, dtype=float)
    if w.shape != (n,) or not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise InvalidGameError(f"expected {n} positive weights (one per party), got {list(np.atleast_1d(w))}")
    return w


def concept_name(concept: str, weights: np.ndarray) -> str:
    """The concept's name in tables, e.g. ``"asymmetric Nash"`` for unequal powers."""
    unequal = not np.allclose(weights, weights[0])
    if concept == "nash" and unequal:
        return "asymmetric Nash"
    if concept == "egalitarian" and unequal:
        return "proportional"
    if concept == "utilitarian" and unequal:
        return "weighted utilitarian"
    return SOLUTION_CONCEPTS[concept]


class _Analysis:
    """What every concept needs about a problem: d, powers, ideal point, existence."""

    def solve(self, concept: str, weights: Sequence[float] | None) -> BargainingSolution:
        raise NotImplementedError


@dataclass
class _Candidate:
    key: tuple[float, ...]
    result: ProgramResult
    levels: dict[str, Any]


class _ConvexAnalysis(_Analysis):
    """The solutions on a union of convex pieces (cvxpy)."""

    def __init__(self, problem: BargainingProblem | UtilitySet) -> None:
        from bargaining.solutions.feasible import feasible_set

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
    ) -> list[_Candidate]:
        """Run a program on every piece (or on the pieces ``only`` lists)."""
        candidates = []
        for model, levels in self.feasible.pieces():
            if only is not None and levels not in only:
                continue
            result = self._check(run(model))
            if result.ok:
                candidates.append(_Candidate(key(result), result, levels))
        return candidates

    def _pick(self, candidates: list[_Candidate]) -> _Candidate | None:
        if not candidates:
            return None
        best = max(c.key[0] for c in candidates)
        tied = [c for c in candidates if c.key[0] >= best - self.tol * max(1.0, abs(best))]
        return max(tied, key=lambda c: c.key[1:] or (0.0,))

    def _stage(
        self,
        run1: Callable[[ConvexModel], ProgramResult],
        run2: Callable[[ConvexModel, float], ProgramResult],
    ) -> _Candidate | None:
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
        w = _weights(weights, default if concept in ("nash", "utilitarian") else np.ones(n), n)
        name = concept_name(concept, w)
        if not self.exists:
            return self._no_agreement(concept, name, w)
        chosen: _Candidate | None
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


def no_agreement(
    concept: str,
    name: str,
    parties: tuple[str, ...],
    d: np.ndarray,
    best: np.ndarray,
    ideal: np.ndarray,
    w: np.ndarray,
    tol: float,
    solver: str,
) -> BargainingSolution:
    """The answer when no agreement beats disagreement for every party.

    A party blocks if nothing that leaves every other party at least its
    disagreement value gives it more than its own (``best[i] <= d[i]``).
    """
    blocking = tuple(p for p, b, di in zip(parties, best, d, strict=True) if np.isfinite(b) and b <= di + tol)
    if not blocking:
        blocking = parties
    return BargainingSolution(
        concept=concept,
        concept_name=name,
        parties=parties,
        agreement_exists=False,
        agreement={},
        utilities=d,
        disagreement_point=d,
        ideal_point=ideal,
        weights=w,
        blocking=blocking,
        status="no_agreement",
        solver=solver,
    )


class _FrontierAnalysis(_Analysis):
    """A frontier: solved numerically as a one-issue problem, plus sympy's closed form."""

    def __init__(self, frontier: Frontier) -> None:
        self.frontier = frontier
        self.numeric = _ConvexAnalysis(frontier.to_problem())

    def solve(self, concept: str, weights: Sequence[float] | None) -> BargainingSolution:
        import dataclasses

        from bargaining.solutions.closed_form import frontier_closed_form

        solution = self.numeric.solve(concept, weights)
        if not solution.agreement_exists:
            return dataclasses.replace(solution, agreement={})
        agreement: dict[str, Any] = {}  # a frontier has no issues: the agreement is the utility pair
        exact = frontier_closed_form(self.frontier, concept, solution.weights, solution)
        return dataclasses.replace(solution, agreement=agreement, exact=exact)
