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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.model.issue_space import BargainingProblem
from bargaining.model.utility_space import Frontier, UtilitySet
from bargaining.solutions.base import SOLUTION_CONCEPTS, Analysis, concept_key, concept_name, no_agreement
from bargaining.solutions.finite import FiniteAnalysis
from bargaining.solutions.methods import NEWTON_CONCEPTS, by_method, check_method, newton_answers
from bargaining.solutions.pieces import ConvexAnalysis
from bargaining.solutions.raiffa import raiffa_key, raiffa_solution_set, solve_raiffa
from bargaining.solutions.results import BargainingSolution, SolutionSet

__all__ = [
    "SOLUTION_CONCEPTS",
    "concept_key",
    "concept_name",
    "no_agreement",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_bargaining_solution",
    "solve",
    "solve_all",
    "utilitarian_solution",
]

Problem = BargainingProblem | UtilitySet | Frontier


# --------------------------------------------------------------------------- public API


def nash_bargaining_solution(
    problem: Problem, bargaining_power: Sequence[float] | None = None, method: str = "auto"
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
    method
        ``"auto"`` (default): newton where it applies and certifies its
        answer, else conic, with the reason in the result's ``fallback``.
        ``"conic"``: the cvxpy program (power cones) on every convex piece
        (its point accurate to a few :math:`10^{-5}` relative where the
        solver stops at reduced tolerances; Newton's to :math:`10^{-10}`). ``"newton"``: Newton's method
        on the smooth concave program :math:`\max \sum_i w_i \log(u_i - d_i)`
        over the issues' box, each answer and the ideal point certified
        (issue-space problems with bounds only; raises
        :class:`~bargaining.errors.SolverError` where it cannot answer). See
        :mod:`bargaining.solutions.methods`.

    Returns
    -------
    BargainingSolution
        Its ``method`` says which method answered.

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
    return _solve(problem, "nash", bargaining_power, method)


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
    problem: Problem, concept: str = "nash", weights: Sequence[float] | None = None, method: str = "auto"
) -> BargainingSolution:
    """Solve ``problem`` with the named concept (``"nash"``, ``"ks"``, ...).

    ``method`` (``"conic"``, ``"newton"``, ``"auto"``) chooses how the
    solution is computed, as for :func:`nash_bargaining_solution`
    (:mod:`bargaining.solutions.methods`).
    """
    if raiffa_key(concept):
        return solve_raiffa(problem, concept)
    return _solve(problem, concept_key(concept), weights, method)


def solve_all(problem: Problem, solution: str = "all", method: str = "auto") -> SolutionSet:
    """Every concept (or the one named) for ``problem``, as one table, each by ``method``."""
    if raiffa_key(solution):
        return raiffa_solution_set(problem, solution)
    keys = list(SOLUTION_CONCEPTS) if solution == "all" else [concept_key(solution)]
    title = getattr(problem, "name", "") or ""
    issues = problem.issue_names if isinstance(problem, BargainingProblem) else ()
    shared: list[Analysis] = []  # one conic analysis for every concept, built only if one needs it

    def analysis() -> Analysis:
        if not shared:
            shared.append(_analysis(problem))
        return shared[0]

    answers = None  # several Newton concepts: their programs run stacked (smooth_all)
    if method != "conic" and sum(key in NEWTON_CONCEPTS for key in keys) > 1:
        for key in keys:
            check_method(method, key)
        answers = newton_answers(problem)
    solutions = _share_ideal(tuple(_solve(problem, key, None, method, analysis, answers) for key in keys))
    return SolutionSet(solutions, title=title, issues=issues)


def _share_ideal(solutions: tuple[BargainingSolution, ...]) -> tuple[BargainingSolution, ...]:
    """The ideal point (one per problem) given to solutions that left it out (the Newton path of Nash)."""
    import numpy as np

    known = [s.ideal_point for s in solutions if s.agreement_exists and not np.all(np.isnan(s.ideal_point))]
    if not known:
        return solutions
    return tuple(
        replace(s, ideal_point=known[0]) if s.agreement_exists and np.all(np.isnan(s.ideal_point)) else s
        for s in solutions
    )


def _solve(
    problem: Problem,
    concept: str,
    weights: Sequence[float] | None,
    method: str = "auto",
    make: Callable[[], Analysis] | None = None,
    answers: Mapping[str, BargainingSolution | str] | None = None,
) -> BargainingSolution:
    check_method(method, concept)

    def conic() -> BargainingSolution:
        analysis = make() if make is not None else _analysis(problem)
        solution = _record(analysis.solve(concept, weights), analysis)
        if method == "conic" or solution.method:
            return solution
        return replace(solution, method="enumeration" if isinstance(analysis, FiniteAnalysis) else "conic")

    return by_method(problem, concept, weights, method, conic, answers)


def _record(solution: BargainingSolution, analysis: Analysis) -> BargainingSolution:
    """The Nash solution with the method that answered it (the other concepts have one method)."""
    if solution.concept != "nash":
        return solution
    return replace(solution, method="enumeration" if isinstance(analysis, FiniteAnalysis) else "conic")


def _analysis(problem: Problem) -> Analysis:
    if isinstance(problem, Frontier):
        return _FrontierAnalysis(problem)
    if isinstance(problem, UtilitySet) and not problem.lotteries:
        return FiniteAnalysis(problem)
    if isinstance(problem, BargainingProblem | UtilitySet):
        return ConvexAnalysis(problem)
    raise InvalidGameError(
        f"expected a BargainingProblem, UtilitySet or Frontier, got {type(problem).__name__}"
    )


class _FrontierAnalysis(Analysis):
    """A frontier: solved numerically as a one-issue problem, plus sympy's closed form."""

    def __init__(self, frontier: Frontier) -> None:
        self.frontier = frontier
        self.numeric = ConvexAnalysis(frontier.to_problem())

    def solve(self, concept: str, weights: Sequence[float] | None) -> BargainingSolution:
        import dataclasses

        from bargaining.solutions.closed_form import frontier_closed_form

        solution = self.numeric.solve(concept, weights)
        if not solution.agreement_exists:
            return dataclasses.replace(solution, agreement={})
        agreement: dict[str, Any] = {}  # a frontier has no issues: the agreement is the utility pair
        exact = frontier_closed_form(self.frontier, concept, solution.weights, solution)
        return dataclasses.replace(solution, agreement=agreement, exact=exact)
