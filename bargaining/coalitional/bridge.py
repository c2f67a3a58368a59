r"""A coalitional game derived from a bargaining problem with three or more parties.

Two readings of "what a coalition can secure", both under **transferable
utility** (utility moves one for one between members, so only a coalition's
total gain matters), both measured from the disagreement point
(:math:`v(\{\}) = 0`):

``"unanimity"`` (the default)
    An agreement binds only if every party signs, so a coalition short of
    everyone secures only its members' disagreement values:
    :math:`v(S) = 0` for :math:`S \ne N`, and
    :math:`v(N) = \max_{u \in F,\, u \ge d} \sum_i (u_i - d_i)`, the
    utilitarian gain. Every solution then splits :math:`v(N)` evenly
    (Shapley = nucleolus), and the core is every split of it.
``"outsiders_at_disagreement"``
    The coalition chooses the agreement, and the parties outside it are held
    at no less than their disagreement values:
    :math:`v(S) = \max_{u \in F,\, u \ge d} \sum_{i \in S} (u_i - d_i)`. This
    is the most :math:`S` could gain if the outsiders accepted anything that
    leaves them no worse off than disagreement: an optimistic bound, not a
    guarantee (a single party may "secure" its ideal point).

Each :math:`v(S)` is a weighted utilitarian solution (weight 1 inside
:math:`S`, :data:`OUTSIDER_WEIGHT` outside, since the solver needs positive
weights), solved by :func:`bargaining.solutions.concepts.utilitarian_solution`,
so it is as accurate as that solver (about :math:`10^{-6}`). If the bargaining
solutions find no agreement (none gives every party more than its
disagreement value), every :math:`v(S) = 0`, even where one outcome would
give a coalition a gain and leave the others exactly at disagreement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bargaining.errors import SpecError
from bargaining.model.coalitional import CoalitionalGame
from bargaining.model.coalitions import MAX_DENSE_PLAYERS

if TYPE_CHECKING:
    from bargaining.solutions.concepts import Problem

__all__ = ["RULES", "coalitional_game_from_problem"]

RULES = ("unanimity", "outsiders_at_disagreement")
#: the utilitarian weight of a party outside the coalition (the solver needs positive weights):
#: it perturbs v(S) by at most this times the outsiders' possible gains, below the solver's tolerance
OUTSIDER_WEIGHT = 1e-9


def coalitional_game_from_problem(problem: Problem, rule: str = "unanimity") -> CoalitionalGame:
    """The TU game of a bargaining problem (an issue-space problem or a utility set).

    Parameters
    ----------
    problem
        A problem of three or more parties (with two, use the bargaining solutions directly).
    rule
        ``"unanimity"`` or ``"outsiders_at_disagreement"`` (see the module notes).

    Raises
    ------
    SpecError
        For fewer than three parties, too many for the dense game, or an unknown rule.
    """
    from bargaining.solutions.concepts import utilitarian_solution

    if rule not in RULES:
        raise SpecError("rule", f"unknown rule {rule!r}; use one of {', '.join(RULES)}")
    names = tuple(getattr(problem, "party_names", ()))
    n = len(names)
    if not 3 <= n <= MAX_DENSE_PLAYERS:
        raise SpecError(
            "parties", f"a coalitional game is derived for 3 to {MAX_DENSE_PLAYERS} parties, got {n}"
        )
    label = {
        "name": f"{getattr(problem, 'name', '') or 'bargaining problem'} as a TU game ({rule})",
        "description": f"Derived from the bargaining problem under transferable utility, rule {rule!r}.",
    }
    values = np.zeros(1 << n)
    grand = (1 << n) - 1
    coalitions = [grand] if rule == "unanimity" else range(1, grand + 1)
    for s in coalitions:
        weights = [1.0 if s >> i & 1 else OUTSIDER_WEIGHT for i in range(n)]
        solution = utilitarian_solution(problem, weights)
        if not solution.agreement_exists:
            return CoalitionalGame.from_values(names, np.zeros(1 << n), **label)
        gains = np.asarray(solution.gains, dtype=float)
        values[s] = max(0.0, float(sum(gains[i] for i in range(n) if s >> i & 1)))
    return CoalitionalGame.from_values(names, values, **label)
