r"""Alternating offers over an issue-space problem: the stationary subgame-perfect equilibrium.

Two parties take turns proposing agreements (Rubinstein 1982). Between rounds
each party's gain over disagreement shrinks by its discount factor
:math:`\delta_i`. In the stationary subgame-perfect equilibrium each proposer
offers the responder exactly what the responder would get by rejecting and
proposing next round, and the first offer is accepted. With :math:`x^*` the
offer of party 1 and :math:`y^*` that of party 2, both on the Pareto frontier:

.. math::

    x^* = \arg\max \{u_1(x) : u_2(x) - d_2 \ge \delta_2\,(u_2(y^*) - d_2)\}, \\
    y^* = \arg\max \{u_2(y) : u_1(y) - d_1 \ge \delta_1\,(u_1(x^*) - d_1)\}.

Binmore, Rubinstein and Wolinsky (1986) show that as the time between offers
shrinks (:math:`\delta_i = e^{-r_i \Delta}`, :math:`\Delta \to 0`) both offers
converge to the asymmetric Nash solution with bargaining powers proportional
to :math:`1/r_i`; with equal discount factors close to 1, to the symmetric
Nash solution.

Notes
-----
The fixed point is found on one number, the responder value
:math:`v = u_2(y^*)`: the map :math:`v \mapsto u_2(y^*(x^*(v)))` is a
contraction with modulus :math:`\delta_1\delta_2` (for concave problems), so
:math:`F(v) = u_2(y^*(x^*(v))) - v` is decreasing with one root, which
:func:`scipy.optimize.brentq` brackets between :math:`d_2` and the ideal
:math:`a_2`. Each evaluation is two convex programs per piece of the feasible
set, re-solved through cvxpy Parameters (no rebuild).

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
*Econometrica* 50(1), 97-109.
Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
solution in economic modelling. *RAND Journal of Economics* 17(2), 176-188.
Muthoo, A. (1999). *Bargaining Theory with Applications*, ch. 3 and 4.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError, SolverError
from bargaining.model.issue_space import BargainingProblem
from bargaining.table import format_number, format_table

__all__ = ["AlternatingOffersSolution", "alternating_offers_solution"]


@dataclass(frozen=True, slots=True, eq=False)
class AlternatingOffersSolution:
    """The stationary subgame-perfect equilibrium of alternating offers.

    Attributes
    ----------
    parties
        The two parties, in the problem's order.
    discount_factor
        :math:`(\\delta_1, \\delta_2)`.
    first_proposer
        The index of the party who proposes first.
    agreement_exists
        Whether some agreement beats disagreement for both.
    agreement
        The first proposer's offer, accepted at once.
    utilities
        Each party's utility of ``agreement``.
    offers
        ``{party: (agreement, utilities)}``: each party's equilibrium offer.
    disagreement_point
        :math:`d`.
    blocking
        If no agreement exists, the parties who block it.
    """

    parties: tuple[str, str]
    discount_factor: tuple[float, float]
    first_proposer: int
    agreement_exists: bool
    agreement: Mapping[str, Any]
    utilities: np.ndarray
    offers: Mapping[str, tuple[Mapping[str, Any], np.ndarray]]
    disagreement_point: np.ndarray
    blocking: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def gains(self) -> np.ndarray:
        """Each party's gain over disagreement."""
        return self.utilities - self.disagreement_point

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""

        def plain(agreement: Mapping[str, Any]) -> dict[str, Any]:
            return {k: (v.item() if isinstance(v, np.generic) else v) for k, v in agreement.items()}

        return {
            "concept": "alternating_offers",
            "parties": list(self.parties),
            "discount_factor": list(self.discount_factor),
            "first_proposer": self.parties[self.first_proposer],
            "agreement_exists": self.agreement_exists,
            "agreement": plain(self.agreement),
            "utilities": {p: float(u) for p, u in zip(self.parties, self.utilities, strict=True)},
            "gains": {p: float(g) for p, g in zip(self.parties, self.gains, strict=True)},
            "disagreement_point": [float(x) for x in self.disagreement_point],
            "offers": {
                p: {"agreement": plain(a), "utilities": [float(x) for x in u]}
                for p, (a, u) in self.offers.items()
            },
            "blocking": list(self.blocking),
            "notes": list(self.notes),
        }

    def to_table(self) -> str:
        """Each party's equilibrium offer as a row; the first proposer's is accepted."""
        if not self.agreement_exists:
            return (
                "alternating offers: no agreement beats disagreement for both parties; "
                f"blocked by {', '.join(self.blocking)}"
            )
        issues = list(self.agreement)
        headers = ["offer by", *issues, *(f"u({p})" for p in self.parties)]
        rows = []
        for party, (agreement, utilities) in self.offers.items():
            mark = " (accepted)" if party == self.parties[self.first_proposer] else ""
            rows.append([party + mark, *(agreement[k] for k in issues), *(float(u) for u in utilities)])
        deltas = ", ".join(
            f"{p} {format_number(d)}" for p, d in zip(self.parties, self.discount_factor, strict=True)
        )
        return format_table(headers, rows, title=f"Alternating offers (discount factors: {deltas})")

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per party's offer: the agreement, utilities, whether accepted, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            (
                {
                    "offer_by": party,
                    "accepted": party == self.parties[self.first_proposer],
                    **dict(agreement),
                    **{f"u({p})": float(u) for p, u in zip(self.parties, utilities, strict=True)},
                }
                for party, (agreement, utilities) in self.offers.items()
            ),
            index="offer_by",
        )


def _checked_inputs(
    problem: BargainingProblem, discount_factor: Sequence[float], first_proposer: int | str
) -> tuple[tuple[float, ...], int]:
    """The two discount factors and the first proposer's index, or an :class:`InvalidGameError`."""
    if len(problem.parties) != 2:
        raise InvalidGameError(f"alternating offers need exactly two parties, got {len(problem.parties)}")
    deltas = tuple(float(x) for x in discount_factor)
    if len(deltas) != 2 or not all(0.0 < x < 1.0 for x in deltas):
        raise InvalidGameError(f"discount factors must be two numbers in (0, 1), got {list(discount_factor)}")
    names = problem.party_names
    if isinstance(first_proposer, str):
        if first_proposer not in names:
            raise InvalidGameError(f"unknown party {first_proposer!r}; the parties are {', '.join(names)}")
        first_proposer = names.index(first_proposer)
    if first_proposer not in (0, 1):
        raise InvalidGameError(f"first_proposer must be 0 or 1, got {first_proposer}")
    return deltas, first_proposer


def alternating_offers_solution(
    problem: BargainingProblem,
    discount_factor: Sequence[float],
    first_proposer: int | str = 0,
    *,
    tol: float = 1e-10,
) -> AlternatingOffersSolution:
    r"""The stationary subgame-perfect equilibrium of alternating offers over ``problem``.

    Parameters
    ----------
    problem
        A two-party issue-space problem with concave utilities.
    discount_factor
        :math:`(\delta_1, \delta_2)`, each in :math:`(0, 1)`: the share of its
        gain over disagreement a party keeps when agreement is delayed a round.
    first_proposer
        The party who proposes first (index or name).
    tol
        Tolerance on the responder value at the fixed point.

    Returns
    -------
    AlternatingOffersSolution

    Raises
    ------
    InvalidGameError
        For a problem without exactly two parties or discount factors outside (0, 1).

    Examples
    --------
    Divide the dollar: the first proposer gets :math:`(1-\delta_2)/(1-\delta_1\delta_2)`.

    >>> import bargaining as bg
    >>> dollar = bg.BargainingProblem([bg.Party("a", "x"), bg.Party("b", "1 - x")], [bg.ContinuousIssue("x")])
    >>> s = alternating_offers_solution(dollar, (0.9, 0.8))
    >>> round(float(s.utilities[0]), 6), round((1 - 0.8) / (1 - 0.9 * 0.8), 6)
    (0.714286, 0.714286)
    """
    from scipy.optimize import brentq

    from bargaining.solutions.feasible import IssueFeasible

    deltas, first_proposer = _checked_inputs(problem, discount_factor, first_proposer)
    names = problem.party_names
    feasible = IssueFeasible(problem)
    d = feasible.disagreement_point
    d1, d2 = deltas

    def best(i: int, floor_value: float) -> tuple[float, dict[str, Any] | None]:
        """Party i's best agreement giving the other party at least ``floor_value`` (None: none)."""
        floor = d.copy()
        floor[1 - i] = floor_value
        top, agreement = -np.inf, None
        for model, levels in feasible.pieces():
            result = model.best(i, floor)
            if result.ok and result.value > top:
                top, agreement = result.value, {**(result.agreement or {}), **levels}
        return top, None if agreement is None else feasible.order(agreement)

    ideal = [best(i, d[1 - i])[0] for i in (0, 1)]
    if not (ideal[0] > d[0] + 1e-9 and ideal[1] > d[1] + 1e-9):
        blocking = tuple(n for n, a, di in zip(names, ideal, d, strict=True) if a <= di + 1e-9) or names
        return AlternatingOffersSolution(
            (names[0], names[1]), (d1, d2), first_proposer, False, {}, d.copy(), {}, d, blocking
        )

    def offers(v2: float) -> tuple[tuple[float, dict[str, Any]], tuple[float, dict[str, Any]]]:
        x = best(0, d[1] + d2 * (v2 - d[1]))  # party 1 offers party 2 its continuation value
        y = best(1, d[0] + d1 * (x[0] - d[0]))  # party 2 offers party 1 its continuation value
        if x[1] is None or y[1] is None:
            raise SolverError(
                "an equilibrium offer could not be computed; the solver found no feasible offer"
            )
        return (x[0], x[1]), (y[0], y[1])

    def excess(v2: float) -> float:
        return offers(v2)[1][0] - v2

    low, high = float(d[1]), float(ideal[1])
    if excess(high) >= 0:
        v2 = high
    else:
        v2 = brentq(excess, low, high, xtol=tol * max(1.0, abs(high)), rtol=4 * np.finfo(float).eps)
    (_, x_agreement), (_, y_agreement) = offers(v2)
    x_utilities = problem.utilities_at(x_agreement)
    y_utilities = problem.utilities_at(y_agreement)
    table = {names[0]: (x_agreement, x_utilities), names[1]: (y_agreement, y_utilities)}
    accepted, utilities = table[names[first_proposer]]
    return AlternatingOffersSolution(
        (names[0], names[1]), (d1, d2), first_proposer, True, accepted, utilities, table, d
    )
